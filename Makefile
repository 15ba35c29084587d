# veil - de-identify clinical text and research exports.
#
#   make demo     install what is missing (apt), build, scrub the demo
#   make test     build and run every CUnit suite and golden test
#   make check    the same under ASan and UBSan
#   make bench    throughput on a generated 100 MB input (not a test)
#   make style    line width, banned calls, markers, clang-format
#   make lexicons regenerate corpora/lexicons from their public sources

CC ?= cc
PKGS := icu-uc icu-i18n libpcre2-8 jansson libcrypto yaml-0.1 libxml-2.0 \
	yajl
DEBS := build-essential pkg-config libicu-dev libpcre2-dev libcsv-dev \
	libssl-dev libcunit1-dev libjansson-dev libyaml-dev libxml2-dev \
	libyajl-dev

WARN := -Wall -Wextra -pedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wold-style-definition -Wpointer-arith \
	-Wwrite-strings -Wformat=2 -Wundef -Wvla -Wcast-qual \
	-Wimplicit-fallthrough -fno-common -Werror

SANITIZE ?=
BUILD ?= build
ifeq ($(SANITIZE),)
B := $(BUILD)
OPT := -O2 -g
else
B := $(BUILD)-san
OPT := -O1 -g -fsanitize=$(SANITIZE) -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
endif

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread
INC := -iquote pipeline -iquote recognizers -iquote transforms
ALL_CFLAGS = -std=c17 -D_GNU_SOURCE $(OPT) $(WARN) $(INC) $(PKG_CFLAGS) \
	$(CFLAGS)
ALL_LDFLAGS = $(OPT) $(LDFLAGS)

LIB_SRC := $(filter-out pipeline/main.c, \
	$(wildcard pipeline/*.c recognizers/*.c transforms/*.c))
LIB_ASM := $(wildcard recognizers/*.S)
LIB_OBJ := $(LIB_SRC:%.c=$(B)/%.o) $(LIB_ASM:%.S=$(B)/%.o)
LEX_TSV := $(wildcard corpora/lexicons/*.tsv)
TEST_SRC := $(wildcard tests/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(B)/tests/%)
HARNESS_OBJ := $(B)/tests/harness.o
RECOG_CHECK_OBJ := $(B)/tests/recog_check.o

.PHONY: all deps demo test check unit golden bench style clean lexicons
.SECONDARY:
all: veil

veil: $(B)/veil
	@if [ "$(B)" = build ]; then cp $(B)/veil veil.tmp && mv -f veil.tmp veil; fi

$(B)/veil: $(B)/pipeline/main.o $(B)/libveil.a
	@echo "  LD      $@"
	@$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/libveil.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(B)/%.o: %.c $(wildcard pipeline/*.h recognizers/*.h transforms/*.h \
    tests/*.h)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(ALL_CFLAGS) -iquote tests -c -o $@ $<

# The generated lexicons are linked in (.incbin), so veil needs no data
# files at run time.
$(B)/%.o: %.S $(LEX_TSV)
	@mkdir -p $(dir $@)
	@echo "  AS      $<"
	@$(CC) -c -Wa,-I,corpora/lexicons -Wa,--noexecstack -o $@ $<

$(B)/tests/%: $(B)/tests/%.o $(HARNESS_OBJ) $(RECOG_CHECK_OBJ) \
    $(B)/libveil.a
	@echo "  LD      $@"
	@$(CC) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) -lcunit

# Install the Debian packages that are missing (needs root or sudo).
deps:
	@missing=""; for p in $(DEBS); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then s=""; else s=sudo; fi; \
		$$s apt-get update -qq && \
		$$s env DEBIAN_FRONTEND=noninteractive \
		    apt-get install -y -qq $$missing; \
	fi

unit: $(B)/veil $(TEST_BIN)
	@fail=0; for t in $(TEST_BIN); do \
		VEIL=$(B)/veil $$t || fail=1; \
	done; exit $$fail

golden: $(B)/veil
	@VEIL=$(B)/veil sh tests/golden.sh

test: deps
	@$(MAKE) --no-print-directory all
	@sh tests/style.sh
	@$(MAKE) --no-print-directory unit golden

check: deps
	@$(MAKE) --no-print-directory SANITIZE=address,undefined unit golden

demo: deps
	@$(MAKE) --no-print-directory all
	@sh corpora/demo/run.sh ./veil

bench: deps
	@$(MAKE) --no-print-directory all
	@sh tests/bench.sh ./veil

style:
	@sh tests/style.sh

# Needs network access to Debian's and npm's registries; the output is
# committed, so builds and tests never run this.
lexicons:
	@sh corpora/lexicons/generate.sh

clean:
	rm -rf build build-san veil
