/* rx.c - PCRE2 patterns with JIT, shared by threads. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>

#include "err.h"
#include "rx.h"

struct rx {
	pcre2_code *code;
	int jit;		/* 1 when JIT compilation succeeded */
	pcre2_code *acode;	/* anchored copy (RX_ANCHORED), or NULL */
	int ajit;		/* 1 when acode was JIT-compiled */
};

/*
 * One match data block per thread, large enough for any pattern, so a
 * struct rx never changes after compilation.
 */
static _Thread_local pcre2_match_data *rx_md;

/*
 * Compile pattern with PCRE2 options opts; on failure write the reason
 * to errbuf and return NULL.  *jit tells whether JIT compilation worked.
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

	rx->code = compile(pattern, opts, &rx->jit, errbuf, errlen);
	if (rx->code == NULL) {
		free(rx);
		return NULL;
	}

	/*
	 * JIT code honours PCRE2_ANCHORED only when compiled with it, so
	 * anchored matching gets its own code object.
	 */
	if (flags & RX_ANCHORED) {
		rx->acode = compile(pattern, opts | PCRE2_ANCHORED, &rx->ajit,
		    errbuf, errlen);
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
	free(rx);
}

static pcre2_match_data *
rx_thread_md(void)
{
	if (rx_md == NULL)
		rx_md = pcre2_match_data_create(RX_MAX_GROUPS, NULL);
	return rx_md;
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
	for (i = 0; i < RX_MAX_GROUPS; i++) {
		if (i < rc && ov[2 * i] != PCRE2_UNSET) {
			m->start[i] = ov[2 * i];
			m->end[i] = ov[2 * i + 1];
		} else {
			m->start[i] = SIZE_MAX;
			m->end[i] = SIZE_MAX;
		}
	}
	return 1;
}

int
rx_find(const struct rx *rx, const char *s, size_t len, size_t from,
    struct rx_match *m)
{
	pcre2_match_data *md;
	int rc;

	md = rx_thread_md();
	if (md == NULL)
		return ERR_NOMEM;
	if (from > len)
		return 0;

	if (rx->jit)
		rc = pcre2_jit_match(rx->code, (PCRE2_SPTR)s, len, from, 0,
		    md, NULL);
	else
		rc = pcre2_match(rx->code, (PCRE2_SPTR)s, len, from,
		    PCRE2_NO_UTF_CHECK, md, NULL);
	return report(rc, md, m);
}

int
rx_match_at(const struct rx *rx, const char *s, size_t len, size_t at,
    struct rx_match *m)
{
	pcre2_match_data *md;
	int rc;

	md = rx_thread_md();
	if (md == NULL)
		return ERR_NOMEM;
	if (at > len)
		return 0;

	if (rx->acode != NULL && rx->ajit)
		rc = pcre2_jit_match(rx->acode, (PCRE2_SPTR)s, len, at, 0,
		    md, NULL);
	else
		rc = pcre2_match(rx->code, (PCRE2_SPTR)s, len, at,
		    PCRE2_ANCHORED | PCRE2_NO_UTF_CHECK, md, NULL);
	return report(rc, md, m);
}

void
rx_thread_release(void)
{
	pcre2_match_data_free(rx_md);
	rx_md = NULL;
}
