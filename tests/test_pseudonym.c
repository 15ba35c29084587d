/* test_pseudonym.c - norm_v1, base32 and frozen tokens. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "harness.h"
#include "pseudonym.h"

/* The frozen test key: bytes 0x00 to 0x1f. */
static void
test_key(unsigned char key[32])
{
	int i;

	for (i = 0; i < 32; i++)
		key[i] = (unsigned char)i;
}

/* RFC 4648 section 10, lower case and without padding. */
static void
test_b32_rfc4648(void)
{
	static const struct {
		const char *in, *out;
	} t[] = {
		{ "", "" }, { "f", "my" }, { "fo", "mzxq" }, { "foo", "mzxw6" },
		{ "foob", "mzxw6yq" }, { "fooba", "mzxw6ytb" },
		{ "foobar", "mzxw6ytboi" },
	};
	char out[32];
	size_t i, n;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		n = pseudonym_b32((const unsigned char *)t[i].in,
		    strlen(t[i].in), out);
		CU_ASSERT_EQUAL(n, strlen(t[i].out));
		CU_ASSERT_STRING_EQUAL(out, t[i].out);
	}
}

/*
 * Frozen tokens: computed once with Python's hmac and base64 modules
 * for key 00..1f.  If these change, every token ever issued changes.
 */
static void
test_golden_tokens(void)
{
	static const struct {
		enum phi_type type;
		const char *norm;
		const char *tok;
	} t[] = {
		{ PHI_NAME, "ada q. lovelace", "44qzosh66jncerdavd2ru3jr" },
		{ PHI_CITY, "ada q. lovelace", "xcgdorhipzx5zkt4gcoilnbg" },
		{ PHI_MRN, "00482913", "4aidhblvpf2leuqer4kmyefz" },
		{ PHI_EMAIL, "pat.example@mail.test",
		  "coxhd6xjfi6wdtet7oh4eef4" },
		{ PHI_HEALTH_PLAN, "hp77aa310", "7erxviigvx7fbuzh2h7fxvhl" },
		{ PHI_DATE, "2031-02-28", "7m2fdny5swf4lo4nlu42aqem" },
		{ PHI_NAME, "", "e3kh2melz44jtnuuqy2cszx7" },
	};
	unsigned char key[32];
	struct pseudonym *p;
	char tok[PSEUDONYM_TOKLEN + 1];
	size_t i;

	test_key(key);
	p = pseudonym_new(key);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		CU_ASSERT_EQUAL(pseudonym_token(p, t[i].type, t[i].norm,
		    strlen(t[i].norm), tok), 0);
		CU_ASSERT_STRING_EQUAL(tok, t[i].tok);
	}
	CU_ASSERT_EQUAL(pseudonym_token(p, PHI_NTYPES, "x", 1, tok),
	    ERR_USAGE);
	pseudonym_free(p);
	pseudonym_free(NULL);
}

/* A different key gives different tokens of the right shape. */
static void
test_token_shape(void)
{
	static const char *const v[] = { "a", "b", "ada q. lovelace", "" };
	unsigned char key[32];
	struct pseudonym *p, *q;
	char t1[PSEUDONYM_TOKLEN + 1], t2[PSEUDONYM_TOKLEN + 1];
	size_t i, j;

	test_key(key);
	p = pseudonym_new(key);
	key[31] ^= 1;
	q = pseudonym_new(key);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		CU_ASSERT_EQUAL(pseudonym_token(p, PHI_NAME, v[i],
		    strlen(v[i]), t1), 0);
		CU_ASSERT_EQUAL(pseudonym_token(q, PHI_NAME, v[i],
		    strlen(v[i]), t2), 0);
		CU_ASSERT_EQUAL(strlen(t1), PSEUDONYM_TOKLEN);
		CU_ASSERT_NOT_EQUAL(strcmp(t1, t2), 0);
		for (j = 0; j < PSEUDONYM_TOKLEN; j++)
			CU_ASSERT_TRUE((t1[j] >= 'a' && t1[j] <= 'z') ||
			    (t1[j] >= '2' && t1[j] <= '7'));
	}
	pseudonym_free(p);
	pseudonym_free(q);
}

static const struct {
	enum phi_type type;
	const char *in;
	const char *out;
} norms[] = {
	{ PHI_NAME, "  Ada   Q.\tLOVELACE \n", "ada q. lovelace" },
	{ PHI_NAME, "\xef\xbc\xa1\xef\xbc\xa4\xef\xbc\xa1", "ada" },
	{ PHI_NAME, "Stra\xc3\x9f" "e", "strasse" },
	{ PHI_NAME, "\xef\xac\x81le", "file" },
	{ PHI_NAME, "Jose\xcc\x81", "jos\xc3\xa9" },
	{ PHI_NAME, "JOS\xc3\x89", "jos\xc3\xa9" },
	{ PHI_NAME, "a\xc2\xa0\xc2\xa0" "b", "a b" },
	{ PHI_NAME, "a\xe3\x80\x80" "b", "a b" },
	{ PHI_NAME, "a\xe2\x80\x8b" "b", "ab" },
	{ PHI_NAME, "   ", "" },
	{ PHI_NAME, "", "" },
	{ PHI_ADDRESS, "12  Elm St.\r\nApt 4", "12 elm st. apt 4" },
	{ PHI_EMAIL, " Pat.Example@Mail.TEST ", "pat.example@mail.test" },
	{ PHI_DATE, "2031-02-28", "2031-02-28" },
	{ PHI_SSN, "123-45-6789", "123456789" },
	{ PHI_SSN, "123 45 6789", "123456789" },
	{ PHI_PHONE, "+1 (555) 010-2233", "5550102233" },
	{ PHI_PHONE, "1-555-010-2233", "5550102233" },
	{ PHI_PHONE, "555.010.2233", "5550102233" },
	{ PHI_PHONE, "2-555-010-2233", "25550102233" },
	{ PHI_PHONE, "11 555 010 223", "1555010223" },
	{ PHI_PHONE, "11 555 010 2233", "115550102233" },
	{ PHI_FAX, "1 555 010 9988", "5550109988" },
	{ PHI_MRN, "MRN: 00-48 29 13", "mrn00482913" },
	{ PHI_MRN, "\xd9\xa0\xd9\xa0\xd9\xa4\xd9\xa8", "0048" },
	{ PHI_MRN, "\xef\xbc\x90\xef\xbc\x90\xef\xbc\x94\xef\xbc\x98", "0048" },
	{ PHI_MRN, "\xc2\xb2" "7", "27" },
	{ PHI_ACCOUNT, "AC-77/1", "ac771" },
	{ PHI_LICENSE, "\xe1\x84\x80-\xe1\x85\xa1", "\xea\xb0\x80" },
	{ PHI_OTHER_ID, "--", "" },
};

/* norm_v1 by table, and idempotent on every row. */
static void
test_norm_table(void)
{
	char *out, *again;
	size_t i, n, n2;

	for (i = 0; i < sizeof(norms) / sizeof(norms[0]); i++) {
		out = NULL;
		CU_ASSERT_EQUAL_FATAL(pseudonym_norm(norms[i].type, norms[i].in,
		    strlen(norms[i].in), &out, &n), 0);
		CU_ASSERT_STRING_EQUAL(out, norms[i].out);
		CU_ASSERT_EQUAL(n, strlen(norms[i].out));
		if (strcmp(out, norms[i].out) != 0)
			(void)printf("norm row %zu: got '%s'\n", i,
			    out);
		CU_ASSERT_EQUAL_FATAL(pseudonym_norm(norms[i].type, out, n,
		    &again, &n2), 0);
		CU_ASSERT_STRING_EQUAL(again, out);
		free(again);
		free(out);
	}
}

/* Malformed input is refused with the right code. */
static void
test_norm_errors(void)
{
	static const struct {
		const char *in;
		size_t len;
		int want;
	} t[] = {
		{ "\xff", 1, ERR_UTF8 },
		{ "\xc0\xaf", 2, ERR_UTF8 },
		{ "\xed\xa0\x80", 3, ERR_UTF8 },
		{ "\xe2\x82", 2, ERR_UTF8 },
		{ "ab\0cd", 5, ERR_UTF8 },
		{ "\xf4\x90\x80\x80", 4, ERR_UTF8 },
	};
	char *out = NULL, *big;
	size_t i, n;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		CU_ASSERT_EQUAL(pseudonym_norm(PHI_NAME, t[i].in, t[i].len,
		    &out, &n), t[i].want);
	CU_ASSERT_EQUAL(pseudonym_norm(PHI_NTYPES, "a", 1, &out, &n),
	    ERR_USAGE);

	big = malloc(PSEUDONYM_MAXNORM + 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	memset(big, 'a', PSEUDONYM_MAXNORM + 1);
	CU_ASSERT_EQUAL(pseudonym_norm(PHI_NAME, big, PSEUDONYM_MAXNORM + 1,
	    &out, &n), ERR_TOOBIG);
	CU_ASSERT_EQUAL(pseudonym_norm(PHI_NAME, big, PSEUDONYM_MAXNORM,
	    &out, &n), 0);
	CU_ASSERT_EQUAL(n, PSEUDONYM_MAXNORM);
	free(out);

	/* U+FDFA expands to 18 characters: the result passes the cap. */
	for (i = 0; i + 3 <= PSEUDONYM_MAXNORM; i += 3) {
		big[i] = '\xef';
		big[i + 1] = '\xb7';
		big[i + 2] = '\xba';
	}
	CU_ASSERT_EQUAL(pseudonym_norm(PHI_NAME, big, i, &out, &n),
	    ERR_TOOBIG);
	free(big);
}

/* norm of s (n bytes) and of s with a NBSP after it, which ICU must do. */
static void
check_paths(enum phi_type type, const char *s, size_t n)
{
	char buf[64], *a = NULL, *b = NULL;
	size_t na = 0, nb = 0;

	CU_ASSERT_FATAL(n + 2 <= sizeof(buf));
	memcpy(buf, s, n);
	memcpy(buf + n, "\xc2\xa0", 2);
	CU_ASSERT_EQUAL_FATAL(pseudonym_norm(type, s, n, &a, &na), 0);
	CU_ASSERT_EQUAL_FATAL(pseudonym_norm(type, buf, n + 2, &b, &nb), 0);
	CU_ASSERT_EQUAL(na, nb);
	CU_ASSERT(na == nb && memcmp(a, b, na) == 0 && a[na] == '\0');
	free(a);
	free(b);
}

/*
 * Plain ASCII takes a path without ICU; a trailing NBSP (White_Space,
 * so trimmed or dropped by every type) sends the same value through
 * ICU.  Every printable ASCII byte and ASCII space, in every type.
 */
static void
test_norm_ascii_path(void)
{
	static const char *const vals[] = {
		"", " ", "Zed", "  Quorra  VELLIN\t", "O'Tamsk-Brell",
		"1-555-010-7788", "15550107788", "+1 (555) 010 7788",
		"25550107788", "Ref: AB-77/x_9", "\t\n\v\f\r",
	};
	char v[8];
	size_t i;
	int t, c;

	for (t = 0; t < PHI_NTYPES; t++) {
		if (phitype_name((enum phi_type)t) == NULL)
			continue;
		for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
			check_paths((enum phi_type)t, vals[i],
			    strlen(vals[i]));
		for (c = '\t'; c <= '~'; c++) {
			if (c > '\r' && c < ' ')
				continue;
			memcpy(v, "Ab?9 z?", 7);
			v[2] = v[6] = (char)c;
			check_paths((enum phi_type)t, v, 7);
		}
	}
}

/* Whether s (n bytes) takes the ASCII path: printable or TAB..CR. */
static int
ascii_value(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if ((unsigned char)s[i] > '~' || (s[i] < ' ' &&
		    (s[i] < '\t' || s[i] > '\r')))
			return 0;
	}
	return 1;
}

/*
 * pseudonym_norm_buf gives pseudonym_norm's result, in the caller's
 * buffer exactly when the value is ASCII and shorter than the buffer,
 * and its errors.
 */
static void
test_norm_buf(void)
{
	static const size_t caps[] = { 0, 1, 7, 8, 9, 64 };
	static const char *const more[] = {
		"Quorra Vellin", "1-555-010-7788", "ab\0cd", "\xff",
	};
	char buf[64], *want, *got;
	const char *in;
	size_t i, c, n, wn, gn;
	int t, wr, gr, nrow = sizeof(norms) / sizeof(norms[0]);

	for (i = 0; i < (size_t)nrow + 4; i++) {
		t = i < (size_t)nrow ? (int)norms[i].type : PHI_PHONE;
		in = i < (size_t)nrow ? norms[i].in : more[i - nrow];
		n = i == (size_t)nrow + 2 ? 5 : strlen(in);
		want = NULL;
		wr = pseudonym_norm((enum phi_type)t, in, n, &want, &wn);
		for (c = 0; c < sizeof(caps) / sizeof(caps[0]); c++) {
			got = NULL;
			memset(buf, 'x', sizeof(buf));
			gr = pseudonym_norm_buf((enum phi_type)t, in, n,
			    caps[c] > 0 ? buf : NULL, caps[c], &got, &gn);
			CU_ASSERT_EQUAL(gr, wr);
			if (gr != 0 || wr != 0)
				continue;
			CU_ASSERT_EQUAL(got == buf, ascii_value(in, n) &&
			    n < caps[c]);
			CU_ASSERT(gn == wn && memcmp(got, want, wn + 1) == 0);
			if (got != buf)
				free(got);
		}
		free(want);
	}
	CU_ASSERT_EQUAL(pseudonym_norm_buf(PHI_NTYPES, "a", 1, buf,
	    sizeof(buf), &got, &gn), ERR_USAGE);
}

/* Values that normalise alike share a token; types keep them apart. */
static void
test_norm_token(void)
{
	static const struct {
		const char *a, *b;
		enum phi_type type;
		int same;
	} t[] = {
		{ "Ada Lovelace", "  ADA\tlovelace ", PHI_NAME, 1 },
		{ "00-48-29-13", "00482913", PHI_MRN, 1 },
		{ "(555) 010-2233", "+1 555 010 2233", PHI_PHONE, 1 },
		{ "Ada Lovelace", "Ada Lovelac", PHI_NAME, 0 },
		{ "00482913", "0482913", PHI_MRN, 0 },
	};
	unsigned char key[32];
	struct pseudonym *p;
	char ta[PSEUDONYM_TOKLEN + 1], tb[PSEUDONYM_TOKLEN + 1];
	char tc[PSEUDONYM_TOKLEN + 1];
	char *na, *nb;
	size_t i, la, lb;

	test_key(key);
	p = pseudonym_new(key);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		CU_ASSERT_EQUAL_FATAL(pseudonym_norm(t[i].type, t[i].a,
		    strlen(t[i].a), &na, &la), 0);
		CU_ASSERT_EQUAL_FATAL(pseudonym_norm(t[i].type, t[i].b,
		    strlen(t[i].b), &nb, &lb), 0);
		CU_ASSERT_EQUAL(pseudonym_token(p, t[i].type, na, la, ta), 0);
		CU_ASSERT_EQUAL(pseudonym_token(p, t[i].type, nb, lb, tb), 0);
		CU_ASSERT_EQUAL(strcmp(ta, tb) == 0, t[i].same);
		/* The same value under another type is another token. */
		CU_ASSERT_EQUAL(pseudonym_token(p, PHI_OTHER_ID, na, la, tc),
		    0);
		CU_ASSERT_NOT_EQUAL(strcmp(ta, tc), 0);
		free(na);
		free(nb);
	}
	pseudonym_free(p);
}

#define NTHREADS 4
#define NVALUES 2000

struct job {
	const struct pseudonym *p;
	char (*tok)[PSEUDONYM_TOKLEN + 1];
};

static void *
job_run(void *arg)
{
	struct job *j = arg;
	char v[32];
	int i, n;

	for (i = 0; i < NVALUES; i++) {
		n = snprintf(v, sizeof(v), "value %d", i);
		if (pseudonym_token(j->p, PHI_NAME, v, (size_t)n,
		    j->tok[i]) != 0)
			j->tok[i][0] = '\0';
	}
	return NULL;
}

/* Threads sharing one tokeniser get the same tokens as one thread. */
static void
test_threads(void)
{
	static char toks[NTHREADS + 1][NVALUES][PSEUDONYM_TOKLEN + 1];
	pthread_t th[NTHREADS];
	struct job jobs[NTHREADS + 1];
	unsigned char key[32];
	struct pseudonym *p;
	int i, k, bad = 0;

	test_key(key);
	p = pseudonym_new(key);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	for (i = 0; i <= NTHREADS; i++) {
		jobs[i].p = p;
		jobs[i].tok = toks[i];
	}
	(void)job_run(&jobs[NTHREADS]);
	for (i = 0; i < NTHREADS; i++)
		CU_ASSERT_EQUAL_FATAL(pthread_create(&th[i], NULL, job_run,
		    &jobs[i]), 0);
	for (i = 0; i < NTHREADS; i++)
		CU_ASSERT_EQUAL(pthread_join(th[i], NULL), 0);
	for (i = 0; i < NTHREADS; i++) {
		for (k = 0; k < NVALUES; k++)
			bad += strcmp(toks[i][k], toks[NTHREADS][k]) != 0 ||
			    strlen(toks[i][k]) != PSEUDONYM_TOKLEN;
	}
	CU_ASSERT_EQUAL(bad, 0);
	pseudonym_free(p);
}

static int
add(void)
{
	CU_pSuite s;

	s = CU_add_suite("pseudonym", NULL, NULL);
	if (s == NULL)
		return -1;
	if (CU_add_test(s, "base32 RFC 4648", test_b32_rfc4648) == NULL ||
	    CU_add_test(s, "frozen tokens", test_golden_tokens) == NULL ||
	    CU_add_test(s, "token shape and key", test_token_shape) == NULL ||
	    CU_add_test(s, "norm_v1 table", test_norm_table) == NULL ||
	    CU_add_test(s, "norm_v1 errors", test_norm_errors) == NULL ||
	    CU_add_test(s, "norm_v1 ASCII path", test_norm_ascii_path) ==
	    NULL ||
	    CU_add_test(s, "norm into a buffer", test_norm_buf) == NULL ||
	    CU_add_test(s, "norm then token", test_norm_token) == NULL ||
	    CU_add_test(s, "threads", test_threads) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
