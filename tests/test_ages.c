/*
 * test_ages.c - the ages recognizer: AGE spans over 89 (the number
 * only), their exact view offsets and recognizer names, and what is not
 * such an age (89 and under, over 120, spans of time, vitals).
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "phitype.h"
#include "recognizer.h"
#include "spans.h"
#include "text.h"

#define MAX_WANT 2

/* One expected span: view offset, its text, the recognizer's name. */
struct want {
	size_t start;
	const char *value;
	const char *name;
};

struct age_case {
	const char *in;
	struct want want[MAX_WANT];	/* ends at the first NULL value */
};

static void *state;
static struct text *text;
static struct spans *spans;

static const struct age_case cases[] = {
	/* A number and years old. */
	{ "A 92 y/o woman", {
	    { 2, "92", "age.years" } } },
	{ "a 92-year-old man", {
	    { 2, "92", "age.years" } } },
	{ "94 yo female", {
	    { 0, "94", "age.years" } } },
	{ "a 97 year old", {
	    { 2, "97", "age.years" } } },
	{ "she is 103 years old.", {
	    { 7, "103", "age.years" } } },
	{ "93 y.o. male", {
	    { 0, "93", "age.years" } } },
	{ "91yo with CHF", {
	    { 0, "91", "age.years" } } },
	{ "94 yof with", {
	    { 0, "94", "age.years" } } },
	{ "92 y/oM s/p fall", {
	    { 0, "92", "age.years" } } },
	{ "100 yrs old", {
	    { 0, "100", "age.years" } } },
	{ "a 96-yr-old", {
	    { 2, "96", "age.years" } } },
	{ "Now 95 years of age", {
	    { 4, "95", "age.years" } } },
	{ "Pt is 99 years", {
	    { 6, "99", "age.years" } } },
	{ "90 y/o and 120 y/o", {
	    { 0, "90", "age.years" },
	    { 11, "120", "age.years" } } },
	/* Labels. */
	{ "aged 95, lives alone", {
	    { 5, "95", "age.label" } } },
	{ "age: 101", {
	    { 5, "101", "age.label" } } },
	{ "Age 98\nSex F", {
	    { 4, "98", "age.label" } } },
	{ "at age 91 she", {
	    { 7, "91", "age.label" } } },
	{ "the age of 93.", {
	    { 11, "93", "age.label" } } },
	{ "Age/Sex: 93/F", {
	    { 9, "93", "age.label" } } },
	{ "age (years): 96", {
	    { 13, "96", "age.label" } } },
	/* Decades and words. */
	{ "a man in his 90s", {
	    { 13, "90s", "age.decade" } } },
	{ "in her late 90s", {
	    { 12, "90s", "age.decade" } } },
	{ "in their mid-90's", {
	    { 13, "90's", "age.decade" } } },
	{ "in her nineties", {
	    { 7, "nineties", "age.decade" } } },
	{ "a ninety-two-year-old", {
	    { 2, "ninety-two", "age.words" } } },
	{ "ninety years old", {
	    { 0, "ninety", "age.words" } } },
	{ "one hundred and two years old", {
	    { 0, "one hundred and two", "age.words" } } },
	/* Sex shorthand in a person's place. */
	{ "a 92 F with CHF", {
	    { 2, "92", "age.sex" } } },
	{ "Pt 97M", {
	    { 3, "97", "age.sex" } } },
	{ "94 yo M presents", {
	    { 0, "94", "age.years" } } },
	/* The folded view. */
	{ "a \xef\xbc\x99\xef\xbc\x92 y/o", {
	    { 2, "92", "age.years" } } },
	{ "a 92\xe2\x80\x93year\xe2\x80\x93old", {
	    { 2, "92", "age.years" } } },
	{ "aged\xc2\xa0" "97", {
	    { 5, "97", "age.label" } } },
	/* Leading zero, long s, across the 64-byte blocks of the scan. */
	{ "pt is 092 y/o", {
	    { 6, "092", "age.years" } } },
	{ "in hi\xC5\xBF 90s", {
	    { 8, "90s", "age.decade" } } },
	{ "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    " a 95 F with", {
	    { 63, "95", "age.sex" } } },
};

/* Values with no AGE span at all. */
static const char *const negatives[] = {
	"age 89",
	"85 y/o",
	"a 89-year-old",
	"in his 80s",
	"in her 70s",
	"121 years old",
	"130 y/o",
	"age 135",
	"age 92 days",
	"aged 95 weeks",
	"over 90 years old",
	"for 95 years",
	"92 years ago",
	"92 years later",
	"within 90 years",
	"BP 92/60",
	"HR 95",
	"95%",
	"0.92 years",
	"1992 yo",
	"T 98 F",
	"Temp 99 F",
	"98.6 F",
	"sats in the 90s",
	"BP in the 90s",
	"in the 1990s",
	"in his 9s",
	"in her 95s",
	"age 9",
	"ages 90-95",
	"ninety",
	"a 92",
	"page 92",
	"stage 95",
	"92 y/o/",
	"x92 yo",
	"100 yards",
	"85-92 y/o",
	"94 yox",
};

static int
scan(const char *in)
{
	struct recog_ctx ctx = { 0 };
	int rc;

	spans_clear(spans);
	rc = text_set(text, in, strlen(in));
	if (rc != 0)
		return rc;
	ctx.text = text;
	ctx.field = "text";
	rc = recognizer_ages.scan(state, &ctx, spans);
	spans_resolve(spans);
	return rc;
}

/* A non-fatal assertion that names the case; returns ok. */
static int
check(int ok, const char *in, size_t i, const char *what)
{
	char msg[200];

	(void)snprintf(msg, sizeof(msg), "case \"%s\" span %zu: %s", in, i,
	    what);
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, __LINE__, msg,
	    __FILE__, "", CU_FALSE);
	return ok;
}

static void
check_case(const struct age_case *c)
{
	const struct span *sp;
	const char *view;
	size_t len, i, n, vlen;

	CU_ASSERT_EQUAL_FATAL(scan(c->in), 0);
	view = text_view(text, &len);
	for (n = 0; n < MAX_WANT && c->want[n].value != NULL; n++)
		;
	if (!check(spans_count(spans) == n, c->in, n, "span count"))
		return;
	for (i = 0; i < n; i++) {
		sp = spans_get(spans, i);
		vlen = strlen(c->want[i].value);
		if (!check(sp->start == c->want[i].start, c->in, i, "start") ||
		    !check(sp->end == sp->start + vlen, c->in, i, "end") ||
		    !check(sp->end <= len && memcmp(view + sp->start,
		    c->want[i].value, vlen) == 0, c->in, i, "value") ||
		    !check(sp->type == PHI_AGE, c->in, i, "type") ||
		    !check(strcmp(sp->recognizer, c->want[i].name) == 0,
		    c->in, i, "recognizer"))
			return;
	}
}

static void
test_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(&cases[i]);
}

static void
test_negatives(void)
{
	size_t i;

	for (i = 0; i < sizeof(negatives) / sizeof(negatives[0]); i++) {
		CU_ASSERT_EQUAL_FATAL(scan(negatives[i]), 0);
		(void)check(spans_count(spans) == 0, negatives[i], 0,
		    "unexpected span");
	}
}

/* An explicit "years old" scores above the bare sex shorthand. */
static void
test_scores(void)
{
	float years, sex;

	CU_ASSERT_EQUAL_FATAL(scan("a 92 year old"), 0);
	CU_ASSERT_EQUAL_FATAL(spans_count(spans), 1);
	years = spans_get(spans, 0)->score;
	CU_ASSERT_EQUAL_FATAL(scan("a 92 F"), 0);
	CU_ASSERT_EQUAL_FATAL(spans_count(spans), 1);
	sex = spans_get(spans, 0)->score;
	CU_ASSERT(years > sex);
	CU_ASSERT(sex > 0.0f && years <= 1.0f);
}

/* The empty value and a value of nothing but separators. */
static void
test_empty(void)
{
	CU_ASSERT_EQUAL(scan(""), 0);
	CU_ASSERT_EQUAL(spans_count(spans), 0);
	CU_ASSERT_EQUAL(scan("// -- .. ::"), 0);
	CU_ASSERT_EQUAL(spans_count(spans), 0);
}

static void
test_fini_null(void)
{
	recognizer_ages.fini(NULL);
	CU_ASSERT_STRING_EQUAL(recognizer_ages.name, "ages");
}

static int
suite_init(void)
{
	char err[256];

	text = text_new();
	spans = spans_new();
	if (text == NULL || spans == NULL)
		return -1;
	return recognizer_ages.init(&state, err, sizeof(err)) == 0 ? 0 : -1;
}

static int
suite_clean(void)
{
	recognizer_ages.fini(state);
	text_free(text);
	spans_free(spans);
	return 0;
}

static int
add(void)
{
	CU_pSuite s;

	s = CU_add_suite("ages", suite_init, suite_clean);
	if (s == NULL ||
	    CU_add_test(s, "surface forms", test_cases) == NULL ||
	    CU_add_test(s, "not ages", test_negatives) == NULL ||
	    CU_add_test(s, "scores", test_scores) == NULL ||
	    CU_add_test(s, "empty", test_empty) == NULL ||
	    CU_add_test(s, "fini NULL", test_fini_null) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
