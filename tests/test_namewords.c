/*
 * test_namewords.c - the clinical word lists: drug, medical and surname
 * endings (shortest words, case, bytes that are no letter), month names
 * and the classes namewords_fill adds.
 */
#include <string.h>

#include "err.h"
#include "harness.h"
#include "namewords.h"
#include "wordtab.h"

struct word_case {
	const char *w;
	int drug, medical, surname, month;
};

static const struct word_case word_cases[] = {
	{ "lisinopril", 1, 0, 0, 0 },
	{ "Metoprolol", 1, 0, 0, 0 },
	{ "VALSARTAN", 1, 0, 0, 0 },
	{ "heparin", 1, 0, 0, 0 },	/* "-parin" fits seven letters */
	{ "ondansetron", 1, 0, 0, 0 },
	{ "ndansetron", 1, 0, 0, 0 },	/* "-setron" */
	{ "april", 0, 0, 0, 1 },	/* "-pril" needs seven letters */
	{ "pril", 0, 0, 0, 0 },
	{ "zumab", 0, 0, 0, 0 },
	{ "lisinopril.", 0, 0, 0, 0 },	/* the last byte is no letter */
	{ "lisinopri\xcc", 0, 0, 0, 0 },
	{ "bronchitis", 0, 1, 0, 0 },
	{ "ARTHRITIS", 0, 1, 0, 0 },
	{ "itis", 0, 0, 0, 0 },
	{ "walking", 0, 1, 0, 0 },	/* "-ing" fits seven letters */
	{ "waking", 0, 0, 0, 0 },
	{ "gastrectomy", 0, 1, 0, 0 },
	{ "Petrov", 0, 0, 1, 0 },
	{ "PETROVA", 0, 0, 1, 0 },
	{ "Larsson", 0, 0, 1, 0 },
	{ "Kowalski", 0, 0, 1, 0 },
	{ "ov", 0, 0, 0, 0 },
	{ "Quillane", 0, 0, 0, 0 },
	{ "March", 0, 0, 0, 1 },
	{ "mar", 0, 0, 0, 1 },
	{ "SEPT", 0, 0, 0, 1 },
	{ "Sept.", 0, 0, 0, 0 },
	{ "Marc", 0, 0, 0, 0 },
	{ "december", 0, 0, 0, 1 },
	{ "Decembers", 0, 0, 0, 0 },
	{ "ma", 0, 0, 0, 0 },
	{ "Nay", 0, 0, 0, 0 },
	{ "caf\xc3\xa9", 0, 0, 0, 0 },
	{ "", 0, 0, 0, 0 },
};

static void
test_words(void)
{
	const struct word_case *c;
	size_t i, n;

	for (i = 0; i < sizeof(word_cases) / sizeof(word_cases[0]); i++) {
		c = &word_cases[i];
		n = strlen(c->w);
		CU_ASSERT_EQUAL(namewords_drug(c->w, n), c->drug);
		CU_ASSERT_EQUAL(namewords_medical(c->w, n), c->medical);
		CU_ASSERT_EQUAL(namewords_surname(c->w, n), c->surname);
		CU_ASSERT_EQUAL(namewords_month(c->w, n), c->month);
	}
}

/* Only the first n bytes count: a longer buffer changes nothing. */
static void
test_lengths(void)
{
	CU_ASSERT_EQUAL(namewords_drug("lisinoprilx", 10), 1);
	CU_ASSERT_EQUAL(namewords_drug("lisinopril", 9), 0);
	CU_ASSERT_EQUAL(namewords_month("Marchx", 5), 1);
	CU_ASSERT_EQUAL(namewords_month("March", 3), 1);
	CU_ASSERT_EQUAL(namewords_month("March", 4), 0);
	CU_ASSERT_EQUAL(namewords_surname("Petrovx", 6), 1);
}

struct fill_case {
	const char *w;
	uint32_t bits;
};

static const struct fill_case fill_cases[] = {
	{ "Babinski", NAMEWORDS_EPONYM },
	{ "sign", NAMEWORDS_HEAD },
	{ "HGB", NAMEWORDS_CLINICAL },
	{ "quillane", 0 },
};

static void
test_fill(void)
{
	struct wordtab *t;
	uint32_t bits;
	size_t i;

	t = wordtab_new(64);
	CU_ASSERT_FATAL(t != NULL);
	CU_ASSERT_EQUAL(namewords_fill(t, 4), 0);
	for (i = 0; i < sizeof(fill_cases) / sizeof(fill_cases[0]); i++) {
		(void)wordtab_find(t, fill_cases[i].w,
		    strlen(fill_cases[i].w), &bits);
		CU_ASSERT_EQUAL(bits, fill_cases[i].bits << 4);
	}
	wordtab_free(t);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("namewords", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "endings and months", test_words) == NULL ||
	    CU_add_test(s, "lengths", test_lengths) == NULL ||
	    CU_add_test(s, "fill", test_fill) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
