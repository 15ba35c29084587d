/* rx.c - PCRE2 patterns with JIT, shared by threads. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "err.h"
#include "rx.h"

/*
 * The JIT code rx_find uses for a pattern made with RX_ANCHORED, built
 * on the first rx_find.  Such patterns are matched with rx_match_at and
 * searched with rx_find only in rare text (a fold alias), so compiling
 * their searching code up front would cost every process an eighth of
 * its start-up, mostly for nothing.  It is a copy of the pattern's code,
 * so that code never changes while other threads match with it.
 */
struct rx_lazy {
	pthread_mutex_t lock;
	int tried;		/* 1 once the copy was attempted */
	pcre2_code *jcode;	/* the JIT-compiled copy, or NULL */
};

struct rx {
	pcre2_code *code;
	int jit;		/* 1 when code was JIT-compiled */
	pcre2_code *acode;	/* anchored copy (RX_ANCHORED), or NULL */
	int ajit;		/* 1 when acode was JIT-compiled */
	struct rx_lazy *lazy;	/* RX_ANCHORED: rx_find's JIT, or NULL */
};

/*
 * One match data block per thread, large enough for any pattern, so a
 * struct rx does not change after compilation (but for its lazy JIT).
 */
static _Thread_local pcre2_match_data *rx_md;

/*
 * And one JIT stack per thread.  PCRE2's default of 32 KiB is used up by
 * a few kilobytes of text that repeat one group ("Hospital Hospital
 * ..."), which would reject such a record; 16 MiB of address space is
 * reserved and used only as deep matches need it.
 */
#define RX_JIT_STACK_MAX (16u << 20)
static _Thread_local pcre2_jit_stack *rx_js;
static _Thread_local pcre2_match_context *rx_mc;

/*
 * Compile pattern with PCRE2 options opts; on failure write the reason
 * to errbuf and return NULL.  *jit tells whether JIT compilation worked;
 * with jit NULL there is none.
 */
static pcre2_code *
compile(const char *pattern, uint32_t opts, int *jit, char *errbuf,
    size_t errlen)
{
	pcre2_code *code;
	int errcode;
	PCRE2_SIZE erroff;
	PCRE2_UCHAR msg[256];

	code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
	    opts, &errcode, &erroff, NULL);
	if (code == NULL) {
		(void)pcre2_get_error_message(errcode, msg, sizeof(msg));
		(void)snprintf(errbuf, errlen, "pattern error at %zu: %s",
		    (size_t)erroff, (const char *)msg);
		return NULL;
	}

	/* JIT is an optimisation: without it, matching still works. */
	if (jit != NULL)
		*jit = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
	return code;
}

struct rx *
rx_new(const char *pattern, unsigned flags, char *errbuf, size_t errlen)
{
	struct rx *rx;
	uint32_t opts = PCRE2_UTF | PCRE2_NO_UTF_CHECK;

	if (flags & RX_CASELESS)
		opts |= PCRE2_CASELESS;
	if (flags & RX_EXTENDED)
		opts |= PCRE2_EXTENDED;
	if (flags & RX_MULTILINE)
		opts |= PCRE2_MULTILINE;

	rx = calloc(1, sizeof(*rx));
	if (rx == NULL) {
		(void)snprintf(errbuf, errlen, "out of memory");
		return NULL;
	}

	if (flags & RX_ANCHORED) {
		rx->lazy = calloc(1, sizeof(*rx->lazy));
		if (rx->lazy == NULL ||
		    pthread_mutex_init(&rx->lazy->lock, NULL) != 0) {
			free(rx->lazy);
			free(rx);
			(void)snprintf(errbuf, errlen, "out of memory");
			return NULL;
		}
	}
	rx->code = compile(pattern, opts, rx->lazy != NULL ? NULL : &rx->jit,
	    errbuf, errlen);
	if (rx->code == NULL) {
		rx_free(rx);
		return NULL;
	}

	/*
	 * JIT code honours PCRE2_ANCHORED only when compiled with it, so
	 * anchored matching gets its own code object.  Without
	 * PCRE2_NO_START_OPTIMIZE every call would first look for the
	 * pattern's last literal as far as 5000 bytes ahead.
	 */
	if (flags & RX_ANCHORED) {
		rx->acode = compile(pattern, opts | PCRE2_ANCHORED |
		    PCRE2_NO_START_OPTIMIZE, &rx->ajit, errbuf, errlen);
		if (rx->acode == NULL) {
			rx_free(rx);
			return NULL;
		}
	}
	return rx;
}

void
rx_free(struct rx *rx)
{
	if (rx == NULL)
		return;
	pcre2_code_free(rx->code);
	pcre2_code_free(rx->acode);
	if (rx->lazy != NULL) {
		(void)pthread_mutex_destroy(&rx->lazy->lock);
		pcre2_code_free(rx->lazy->jcode);
		free(rx->lazy);
	}
	free(rx);
}

/*
 * The JIT code rx_find may use for rx, or NULL for the interpreter on
 * rx->code (JIT failed or memory ran out: the result is the same).
 */
static const pcre2_code *
find_jit(const struct rx *rx)
{
	struct rx_lazy *lz = rx->lazy;
	pcre2_code *c;

	if (lz == NULL)
		return rx->jit ? rx->code : NULL;
	if (pthread_mutex_lock(&lz->lock) != 0)
		return NULL;
	if (!lz->tried) {
		lz->tried = 1;
		c = pcre2_code_copy(rx->code);
		if (c != NULL &&
		    pcre2_jit_compile(c, PCRE2_JIT_COMPLETE) != 0) {
			pcre2_code_free(c);
			c = NULL;
		}
		lz->jcode = c;
	}
	c = lz->jcode;
	(void)pthread_mutex_unlock(&lz->lock);
	return c;
}

static pcre2_match_data *
rx_thread_md(void)
{
	if (rx_md == NULL)
		rx_md = pcre2_match_data_create(RX_MAX_GROUPS, NULL);
	return rx_md;
}

/* This thread's match context with its JIT stack; NULL: no memory. */
static pcre2_match_context *
rx_thread_mc(void)
{
	if (rx_mc != NULL)
		return rx_mc;
	rx_js = pcre2_jit_stack_create(32 * 1024, RX_JIT_STACK_MAX, NULL);
	rx_mc = pcre2_match_context_create(NULL);
	if (rx_js == NULL || rx_mc == NULL) {
		pcre2_jit_stack_free(rx_js);
		pcre2_match_context_free(rx_mc);
		rx_js = NULL;
		rx_mc = NULL;
		return NULL;
	}
	pcre2_jit_stack_assign(rx_mc, NULL, rx_js);
	return rx_mc;
}

/* Turn PCRE2's result rc and the ovector of md into 1/0/error and m. */
static int
report(int rc, pcre2_match_data *md, struct rx_match *m)
{
	PCRE2_SIZE *ov;
	int i;

	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0)
		return ERR_INTERNAL;

	/* rc == 0 means the vector was too small: report what fits. */
	if (rc == 0 || rc > RX_MAX_GROUPS)
		rc = RX_MAX_GROUPS;
	ov = pcre2_get_ovector_pointer(md);
	m->ngroups = rc;
	for (i = 0; i < rc; i++) {
		if (ov[2 * i] != PCRE2_UNSET) {
			m->start[i] = ov[2 * i];
			m->end[i] = ov[2 * i + 1];
		} else {
			m->start[i] = SIZE_MAX;
			m->end[i] = SIZE_MAX;
		}
	}
	/* the groups past the last that took part: unset, no test each */
	for (; i < RX_MAX_GROUPS; i++) {
		m->start[i] = SIZE_MAX;
		m->end[i] = SIZE_MAX;
	}
	return 1;
}

int
rx_find(const struct rx *rx, const char *s, size_t len, size_t from,
    struct rx_match *m)
{
	const pcre2_code *code;
	pcre2_match_data *md;
	pcre2_match_context *mc;
	int rc;

	md = rx_thread_md();
	mc = rx_thread_mc();
	if (md == NULL || mc == NULL)
		return ERR_NOMEM;
	if (from > len)
		return 0;

	code = find_jit(rx);
	if (code != NULL)
		rc = pcre2_jit_match(code, (PCRE2_SPTR)s, len, from, 0, md, mc);
	else
		rc = pcre2_match(rx->code, (PCRE2_SPTR)s, len, from,
		    PCRE2_NO_UTF_CHECK, md, mc);
	return report(rc, md, m);
}

int
rx_match_at(const struct rx *rx, const char *s, size_t len, size_t at,
    struct rx_match *m)
{
	pcre2_match_data *md;
	pcre2_match_context *mc;
	int rc;

	md = rx_thread_md();
	mc = rx_thread_mc();
	if (md == NULL || mc == NULL)
		return ERR_NOMEM;
	if (at > len)
		return 0;

	if (rx->acode != NULL && rx->ajit)
		rc = pcre2_jit_match(rx->acode, (PCRE2_SPTR)s, len, at, 0,
		    md, mc);
	else
		rc = pcre2_match(rx->code, (PCRE2_SPTR)s, len, at,
		    PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, md, mc);
	return report(rc, md, m);
}

/* The byte classes of rx_word_starts, rx_digits and rx_number_chars. */
enum {
	CL_WORD,	/* ASCII letter, digit or '_' */
	CL_DIGIT,
	CL_NUMBER	/* digit, space, tab or "+()-./" */
};

#if defined(__SSE2__)

/* 0xff in each byte of x in [lo, lo + n), unsigned. */
static __m128i
in_range(__m128i x, char lo, char n)
{
	__m128i t = _mm_sub_epi8(x, _mm_set1_epi8(lo));

	return _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8((char)(n - 1))),
	    t);
}

static __m128i
eq(__m128i x, char c)
{
	return _mm_cmpeq_epi8(x, _mm_set1_epi8(c));
}

/* 0xff in each byte of x that is in class cl. */
static __m128i
class16(__m128i x, int cl)
{
	__m128i m = in_range(x, '0', 10), punct;

	if (cl == CL_WORD) {
		m = _mm_or_si128(m, in_range(_mm_or_si128(x,
		    _mm_set1_epi8(0x20)), 'a', 26));
		m = _mm_or_si128(m, eq(x, '_'));
	} else if (cl == CL_NUMBER) {
		/* '(' to '/' but '*' and ',' */
		punct = _mm_andnot_si128(_mm_or_si128(eq(x, '*'), eq(x, ',')),
		    in_range(x, '(', 8));
		m = _mm_or_si128(_mm_or_si128(m, punct),
		    _mm_or_si128(eq(x, ' '), eq(x, '\t')));
	}
	return m;
}

/* Bit i set when byte p[i] of the 64 at p is in class cl. */
static uint64_t
block_bits(const unsigned char *p, int cl)
{
	uint64_t bits = 0;
	__m128i x;
	int i;

	for (i = 0; i < 4; i++) {
		x = _mm_loadu_si128((const __m128i *)(const void *)(p +
		    16 * i));
		bits |= (uint64_t)(uint16_t)_mm_movemask_epi8(class16(x, cl)) <<
		    (16 * i);
	}
	return bits;
}

#else

#define ONES	0x0101010101010101ULL
#define HIGH	(ONES * 0x80)

/*
 * Without SSE2, eight bytes at a time in a 64-bit word.  Each test adds
 * a constant to the 7 low bits of every byte, which never carries into
 * the next byte; the high bit of a byte says whether it passed.
 */

/* The high bit of each byte of y (high bits clear) set where it is c. */
static uint64_t
eq_bytes(uint64_t y, unsigned char c)
{
	return ~((y ^ ONES * c) + ONES * 0x7f) & HIGH;
}

/* The same for y in [lo, hi]. */
static uint64_t
range_bytes(uint64_t y, unsigned char lo, unsigned char hi)
{
	return (y + ONES * (0x80 - lo)) & ~(y + ONES * (0x7f - hi)) & HIGH;
}

static uint64_t
class8(uint64_t x, int cl)
{
	uint64_t y = x & ~HIGH, m = range_bytes(y, '0', '9');

	if (cl == CL_WORD)
		m |= range_bytes(y | ONES * 0x20, 'a', 'z') | eq_bytes(y, '_');
	else if (cl == CL_NUMBER)
		m |= (range_bytes(y, '(', '/') & ~eq_bytes(y, '*') &
		    ~eq_bytes(y, ',')) | eq_bytes(y, ' ') | eq_bytes(y, '\t');
	return m & ~x;
}

static uint64_t
block_bits(const unsigned char *p, int cl)
{
	uint64_t x, h, bits = 0;
	int i;

	for (i = 0; i < 8; i++) {
		memcpy(&x, p + 8 * i, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
		x = __builtin_bswap64(x);
#endif
		h = class8(x, cl);
		/* gather the high bit of each byte, byte 0 lowest */
		bits |= (((h >> 7) * 0x0102040810204080ULL) >> 56) << (8 * i);
	}
	return bits;
}

#endif

/* Bit i set when at + i < len and s[at + i] is in class cl. */
static uint64_t
class_bits(const char *s, size_t len, size_t at, int cl)
{
	unsigned char buf[64];
	uint64_t bits;

	if (at + 64 <= len)
		return block_bits((const unsigned char *)s + at, cl);
	memset(buf, 0, sizeof(buf));
	if (at < len)
		memcpy(buf, s + at, len - at);
	bits = block_bits(buf, cl);
	explicit_bzero(buf, sizeof(buf));
	return bits;
}

uint64_t
rx_word_starts(const char *s, size_t len, size_t at)
{
	uint64_t w = class_bits(s, len, at, CL_WORD), prev;
	unsigned char c;

	prev = 0;
	if (at > 0 && at <= len) {
		c = (unsigned char)s[at - 1];
		prev = (c >= '0' && c <= '9') || c == '_' ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	}
	return w & ~(w << 1 | prev);
}

uint64_t
rx_digits(const char *s, size_t len, size_t at)
{
	return class_bits(s, len, at, CL_DIGIT);
}

uint64_t
rx_number_chars(const char *s, size_t len, size_t at)
{
	return class_bits(s, len, at, CL_NUMBER);
}

void
rx_thread_release(void)
{
	pcre2_match_data_free(rx_md);
	rx_md = NULL;
	pcre2_match_context_free(rx_mc);
	rx_mc = NULL;
	pcre2_jit_stack_free(rx_js);
	rx_js = NULL;
}
