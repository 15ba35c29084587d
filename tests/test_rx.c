/* test_rx.c - compiled patterns: find, anchored match, errors. */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "err.h"
#include "harness.h"
#include "rx.h"

struct rx_case {
	const char *pat;
	unsigned flags;
	const char *s;
	size_t at;
	int want;		/* rx_match_at's result */
	size_t start, end;	/* group 0 when want == 1 */
	size_t g1s, g1e;	/* group 1; SIZE_MAX: unset */
};

#define NO	SIZE_MAX

static const struct rx_case at_cases[] = {
	{ "[0-9]+", 0, "ab 123 45", 3, 1, 3, 6, NO, NO },
	{ "[0-9]+", 0, "ab 123 45", 2, 0, 0, 0, NO, NO },
	{ "[0-9]+", 0, "ab 123 45", 4, 1, 4, 6, NO, NO },
	{ "[0-9]+", 0, "ab 123 45", 9, 0, 0, 0, NO, NO },
	{ "[0-9]+", 0, "ab 123 45", 10, 0, 0, 0, NO, NO },
	{ "mrn[: ]*(\\d+)", RX_CASELESS, "see MRN: 8812", 4, 1, 4, 13,
	    9, 13 },
	{ "mrn[: ]*(\\d+)", RX_CASELESS, "see MRN: 8812", 3, 0, 0, 0,
	    NO, NO },
	{ "(?<![a-z])dr\\b", RX_CASELESS, "xdr dr", 1, 0, 0, 0, NO, NO },
	{ "(?<![a-z])dr\\b", RX_CASELESS, "xdr dr", 4, 1, 4, 6, NO, NO },
	{ "a|(b)", 0, "cab", 1, 1, 1, 2, NO, NO },
	{ "a|(b)", 0, "cab", 2, 1, 2, 3, 2, 3 },
	{ "x*", 0, "abc", 1, 1, 1, 1, NO, NO },
	{ "\\bage\\s+(\\d{1,3})  # a comment", RX_EXTENDED | RX_CASELESS,
	    "Age 47", 0, 1, 0, 6, 4, 6 },
	{ "^b", RX_MULTILINE, "a\nb", 2, 1, 2, 3, NO, NO },
	{ "^b", 0, "a\nb", 2, 0, 0, 0, NO, NO },
	{ "\xC3\xA9t\xC3\xA9", RX_CASELESS, "l'\xC3\x89T\xC3\x89", 2, 1, 2,
	    7, NO, NO },
};

static void
check_at(const struct rx_case *c, unsigned extra)
{
	struct rx *rx;
	struct rx_match m;
	char err[128];
	int rc;

	rx = rx_new(c->pat, c->flags | extra, err, sizeof(err));
	CU_ASSERT_FATAL(rx != NULL);
	rc = rx_match_at(rx, c->s, strlen(c->s), c->at, &m);
	CU_ASSERT_EQUAL(rc, c->want);
	if (rc == 1 && c->want == 1) {
		CU_ASSERT_EQUAL(m.start[0], c->start);
		CU_ASSERT_EQUAL(m.end[0], c->end);
		CU_ASSERT_EQUAL(m.start[1], c->g1s);
		CU_ASSERT_EQUAL(m.end[1], c->g1e);
	}
	rx_free(rx);
}

/* The same answers with the anchored JIT copy and without it. */
static void
test_match_at(void)
{
	size_t i;

	for (i = 0; i < sizeof(at_cases) / sizeof(at_cases[0]); i++) {
		check_at(&at_cases[i], 0);
		check_at(&at_cases[i], RX_ANCHORED);
	}
}

struct find_case {
	const char *pat;
	const char *s;
	size_t from;
	int want;
	size_t start, end;
};

static const struct find_case find_cases[] = {
	{ "[0-9]+", "ab 123 45", 0, 1, 3, 6 },
	{ "[0-9]+", "ab 123 45", 5, 1, 5, 6 },
	{ "[0-9]+", "ab 123 45", 6, 1, 7, 9 },
	{ "[0-9]+", "ab 123 45", 9, 0, 0, 0 },
	{ "[0-9]+", "ab 123 45", 12, 0, 0, 0 },
	{ "(?<=-)[a-z]+", "x-yz", 2, 1, 2, 4 },
};

/* rx_find is unchanged by RX_ANCHORED: it still searches forward. */
static void
test_find(void)
{
	const struct find_case *c;
	struct rx *rx;
	struct rx_match m;
	char err[128];
	size_t i;
	unsigned f;
	int rc;

	for (i = 0; i < sizeof(find_cases) / sizeof(find_cases[0]); i++) {
		c = &find_cases[i];
		for (f = 0; f <= RX_ANCHORED; f += RX_ANCHORED) {
			rx = rx_new(c->pat, f, err, sizeof(err));
			CU_ASSERT_FATAL(rx != NULL);
			rc = rx_find(rx, c->s, strlen(c->s), c->from, &m);
			CU_ASSERT_EQUAL(rc, c->want);
			if (rc == 1 && c->want == 1) {
				CU_ASSERT_EQUAL(m.start[0], c->start);
				CU_ASSERT_EQUAL(m.end[0], c->end);
			}
			rx_free(rx);
		}
	}
}

#define FIND_THREADS	4
#define FIND_ROUNDS	50

/* One thread's share of test_find_threads: the count of wrong answers. */
struct find_job {
	const struct rx *rx;
	const struct find_case *c;
	int wrong;
};

static void *
find_worker(void *arg)
{
	struct find_job *j = arg;
	struct rx_match m;
	int i, rc;

	for (i = 0; i < FIND_ROUNDS; i++) {
		rc = rx_find(j->rx, j->c->s, strlen(j->c->s), j->c->from, &m);
		if (rc != j->c->want || (rc == 1 && (m.start[0] !=
		    j->c->start || m.end[0] != j->c->end)))
			j->wrong++;
	}
	rx_thread_release();
	return NULL;
}

/*
 * An RX_ANCHORED pattern's searching code is compiled by the first
 * rx_find: threads that all search at once get the same answers.
 */
static void
test_find_threads(void)
{
	struct find_job jobs[FIND_THREADS];
	pthread_t tid[FIND_THREADS];
	struct rx *rx;
	char err[128];
	size_t i, k;

	for (i = 0; i < sizeof(find_cases) / sizeof(find_cases[0]); i++) {
		rx = rx_new(find_cases[i].pat, RX_ANCHORED, err, sizeof(err));
		CU_ASSERT_FATAL(rx != NULL);
		for (k = 0; k < FIND_THREADS; k++) {
			jobs[k].rx = rx;
			jobs[k].c = &find_cases[i];
			jobs[k].wrong = 0;
			CU_ASSERT_FATAL(pthread_create(&tid[k], NULL,
			    find_worker, &jobs[k]) == 0);
		}
		for (k = 0; k < FIND_THREADS; k++) {
			CU_ASSERT_EQUAL(pthread_join(tid[k], NULL), 0);
			CU_ASSERT_EQUAL(jobs[k].wrong, 0);
		}
		rx_free(rx);
	}
}

struct ws_case {
	const char *s;
	size_t at;
	uint64_t want;
};

static const struct ws_case ws_cases[] = {
	{ "", 0, 0 },
	{ "a", 0, 0x1 },
	{ "ab cd", 0, 0x9 },
	{ "ab cd", 1, 0x4 },
	{ "ab cd", 3, 0x1 },
	{ "ab cd", 4, 0x0 },
	{ "ab cd", 2, 0x2 },
	{ "ab cd", 5, 0x0 },
	{ "ab cd", 9, 0x0 },
	{ " 1_x-Z9 /Q", 0, 0x222 },
	{ "@`[{/:\x7f~", 0, 0 },
	{ "\xC3\xA9t\xC3\xA9 x", 0, 0x44 },
	{ "x\xC5\xBF" "ep", 0, 0x9 },
	/* 8-byte blocks join without a gap */
	{ "abcdefgh ijklmno pqrstuvwxyz 0123456789 _ ZZ", 0,
	    0x50020020201ULL },
	{ "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl"
	    "m n", 0, 0x1 },
	{ "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl"
	    "m n", 2, 0x0 },
	{ "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl"
	    "m n", 3, 0x1ULL << 63 },
	{ "  . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . .a",
	    0, 0x1ULL << 63 },
};

/* rx_digits on a few strings; the random strings below cover the rest. */
static const struct ws_case digit_cases[] = {
	{ "", 0, 0 },
	{ "a1b22 /:09", 0, 0x31a },
	{ "a1b22 /:09", 4, 0x31 },
	{ "0123456789abcdefghij0", 0, 0x1003ff },
	{ "\xB0\xB1\xB9\xC0" "9", 0, 0x10 },
};

static int
is_w(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '_';
}

/* The bits rx_word_starts should give, one byte at a time. */
static uint64_t
naive_starts(const char *s, size_t len, size_t at)
{
	uint64_t m = 0;
	size_t i, p;

	for (i = 0; i < 64; i++) {
		p = at + i;
		if (p < len && is_w((unsigned char)s[p]) &&
		    (p == 0 || !is_w((unsigned char)s[p - 1])))
			m |= 1ULL << i;
	}
	return m;
}

/* The bits rx_digits should give. */
static uint64_t
naive_digits(const char *s, size_t len, size_t at)
{
	uint64_t m = 0;
	size_t i;

	for (i = 0; i < 64; i++)
		if (at + i < len && s[at + i] >= '0' && s[at + i] <= '9')
			m |= 1ULL << i;
	return m;
}

/* The bits rx_number_chars should give. */
static uint64_t
naive_number(const char *s, size_t len, size_t at)
{
	uint64_t m = 0;
	size_t i;

	for (i = 0; i < 64; i++)
		if (at + i < len && s[at + i] != '\0' &&
		    strchr("0123456789 \t+()-./", s[at + i]) != NULL)
			m |= 1ULL << i;
	return m;
}

static void
test_word_starts(void)
{
	static const char alphabet[] =
	    "aZ09_ .-/@`[{\x80\xc5\xff\t+()*,\xa9\xaf\x89";
	char buf[200];
	size_t i, n, at;
	unsigned seed = 12345;

	for (i = 0; i < sizeof(ws_cases) / sizeof(ws_cases[0]); i++)
		CU_ASSERT_EQUAL(rx_word_starts(ws_cases[i].s,
		    strlen(ws_cases[i].s), ws_cases[i].at), ws_cases[i].want);
	for (i = 0; i < sizeof(digit_cases) / sizeof(digit_cases[0]); i++)
		CU_ASSERT_EQUAL(rx_digits(digit_cases[i].s,
		    strlen(digit_cases[i].s), digit_cases[i].at),
		    digit_cases[i].want);

	/* every byte value, and random strings at every offset */
	for (i = 0; i < 256; i++) {
		buf[0] = ' ';
		buf[1] = (char)i;
		buf[2] = (char)(255 - i);
		CU_ASSERT_EQUAL(rx_word_starts(buf, 3, 0),
		    naive_starts(buf, 3, 0));
		CU_ASSERT_EQUAL(rx_word_starts(buf, 3, 1),
		    naive_starts(buf, 3, 1));
		CU_ASSERT_EQUAL(rx_digits(buf, 3, 0), naive_digits(buf, 3, 0));
		CU_ASSERT_EQUAL(rx_number_chars(buf, 3, 0),
		    naive_number(buf, 3, 0));
	}
	for (n = 0; n < 300; n++) {
		for (i = 0; i < sizeof(buf); i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = alphabet[(seed >> 16) %
			    (sizeof(alphabet) - 1)];
		}
		for (at = 0; at <= 140; at += 7) {
			CU_ASSERT_EQUAL(rx_word_starts(buf, 130 + n % 70, at),
			    naive_starts(buf, 130 + n % 70, at));
			CU_ASSERT_EQUAL(rx_digits(buf, 130 + n % 70, at),
			    naive_digits(buf, 130 + n % 70, at));
			CU_ASSERT_EQUAL(rx_number_chars(buf, 130 + n % 70, at),
			    naive_number(buf, 130 + n % 70, at));

		}
	}
}

static const char *const bad_patterns[] = { "(", "a{2,1}", "[z-a]",
	"(?<=a+)b" };

static void
test_errors(void)
{
	char err[128];
	size_t i;

	for (i = 0; i < sizeof(bad_patterns) / sizeof(bad_patterns[0]);
	    i++) {
		err[0] = '\0';
		CU_ASSERT_PTR_NULL(rx_new(bad_patterns[i], RX_ANCHORED, err,
		    sizeof(err)));
		CU_ASSERT(strncmp(err, "pattern error at ", 17) == 0);
	}
	rx_free(NULL);
	rx_thread_release();
	rx_thread_release();
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("rx", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "match_at", test_match_at) == NULL ||
	    CU_add_test(s, "find", test_find) == NULL ||
	    CU_add_test(s, "find_threads", test_find_threads) == NULL ||
	    CU_add_test(s, "word_starts", test_word_starts) == NULL ||
	    CU_add_test(s, "errors", test_errors) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
