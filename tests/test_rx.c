/* test_rx.c - compiled patterns: find, anchored match, errors. */
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
	    CU_add_test(s, "errors", test_errors) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
