/* test_known.c - a patient's own identifiers found in free text. */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "harness.h"
#include "known.h"
#include "lexicon.h"
#include "patients.h"
#include "record.h"
#include "spans.h"
#include "text.h"
#include "tokens.h"

static const struct lexicon *lx;
static struct text *text;
static struct tokens *tokens;
static struct spans *spans;

/* The invented patients of these tests. */
static const char *const patient_fields[][2] = {
	{ "first_name", "William" },
	{ "middle_name", "Oren" },
	{ "Last Name", "Hartigan" },
	{ "mrn", "QX-7781204" },
	{ "phone", "(503) 555-0198" },
	{ "dob", "1958-11-23" },
	{ "street", "4410 Larkspur Avenue Apt 12" },
	{ "city", "Fenwick Falls" },
	{ "county", "Ostrander" },
	{ "zip", "97219-3304" },
	{ "email", "w.hartigan@mailbox.example" },
	{ "note", "free text, not an identifier" },
};

static int
setup(void)
{
	char err[256];

	if (lexicon_open(&lx, err, sizeof(err)) != 0)
		return -1;
	text = text_new();
	tokens = tokens_new();
	spans = spans_new();
	return text && tokens && spans ? 0 : -1;
}

static int
teardown(void)
{
	if (lx != NULL)
		lexicon_close(lx);
	text_free(text);
	tokens_free(tokens);
	spans_free(spans);
	return 0;
}

static void
fill(struct record *rec, const char *const (*f)[2], size_t n)
{
	size_t i;

	record_init(rec);
	for (i = 0; i < n; i++)
		CU_ASSERT_EQUAL(record_add_field(rec, f[i][0], f[i][1],
		    strlen(f[i][1])), 0);
}

/* Scan in with k and resolve; returns the number of spans. */
static size_t
scan(const struct known *k, const char *in)
{
	spans_clear(spans);
	CU_ASSERT_EQUAL_FATAL(text_set(text, in, strlen(in)), 0);
	CU_ASSERT_EQUAL_FATAL(tokens_build(tokens, text), 0);
	CU_ASSERT_EQUAL_FATAL(known_scan(k, text, tokens, spans), 0);
	spans_resolve(spans);
	return spans_count(spans);
}

struct want {
	const char *value;
	enum phi_type type;
};

struct known_case {
	const char *in;
	struct want want[3];
};

/* Each case: exactly these spans, in order, of these types. */
static void
check_cases(const struct known *k, const struct known_case *c, size_t n,
    const char *canon)
{
	size_t i, j, got;

	for (i = 0; i < n; i++) {
		for (j = 0; j < 3 && c[i].want[j].value != NULL; j++)
			;
		got = scan(k, c[i].in);
		CU_ASSERT_EQUAL(got, j);
		if (got != j) {
			fprintf(stderr, "\n  case \"%s\": %zu spans\n",
			    c[i].in, got);
			continue;
		}
		for (j = 0; j < got; j++) {
			const struct span *sp = spans_get(spans, j);
			const char *v = text_view(text, NULL) + sp->start;
			const struct want *w = &c[i].want[j];

			CU_ASSERT(sp->end - sp->start == strlen(w->value) &&
			    memcmp(v, w->value, strlen(w->value)) == 0);
			if (sp->end - sp->start != strlen(w->value))
				fprintf(stderr, "\n  case \"%s\": %zu-%zu\n",
				    c[i].in, sp->start, sp->end);
			CU_ASSERT_EQUAL(sp->type, w->type);
			CU_ASSERT(sp->score == 1.0f);
			CU_ASSERT(strncmp(sp->recognizer, "known.", 6) == 0);
			if (w->type == PHI_NAME)
				CU_ASSERT(sp->canon != NULL &&
				    sp->canon_len == strlen(canon) &&
				    memcmp(sp->canon, canon,
				    sp->canon_len) == 0);
		}
	}
}

static void
test_variants(void)
{
	static const struct known_case cases[] = {
		{ "William Hartigan was seen", {
		    { "William Hartigan", PHI_NAME } } },
		{ "Pt HARTIGAN, WILLIAM O. admitted", {
		    { "HARTIGAN, WILLIAM O", PHI_NAME } } },
		{ "re: Hartigan, William Oren", {
		    { "Hartigan, William Oren", PHI_NAME } } },
		{ "with William O. Hartigan today", {
		    { "William O. Hartigan", PHI_NAME } } },
		/* a middle initial the records do not give */
		{ "by William K Hartigan", {
		    { "William K Hartigan", PHI_NAME } } },
		{ "signed W. Hartigan", { { "W. Hartigan", PHI_NAME } } },
		{ "signed W. O. Hartigan", {
		    { "W. O. Hartigan", PHI_NAME } } },
		{ "Mr. Hartigan's daughter", { { "Hartigan", PHI_NAME } } },
		{ "seen: william hartigan", {
		    { "william hartigan", PHI_NAME } } },
		{ "called Bill Hartigan back", {
		    { "Bill Hartigan", PHI_NAME } } },
		{ "called bill hartigan back", {
		    { "bill hartigan", PHI_NAME } } },
		{ "asked william about it", { { "william", PHI_NAME } } },
		{ "Spoke with Bill today", { { "Bill", PHI_NAME } } },
		{ "Spoke with William today", { { "William", PHI_NAME } } },
		/* whole words only; a nickname needs its capital */
		{ "the Hartigans and Williamson", { { NULL, 0 } } },
		{ "the bill was paid", { { NULL, 0 } } },
		{ "Z. Hartigan", { { "Hartigan", PHI_NAME } } },
		/* one line break inside a name, or after a title */
		{ "seen with William\nHartigan today", {
		    { "William\nHartigan", PHI_NAME } } },
		{ "Pt HARTIGAN,\r\n  WILLIAM", {
		    { "HARTIGAN,\r\n  WILLIAM", PHI_NAME } } },
		{ "per Mr.\nHartigan", { { "Hartigan", PHI_NAME } } },
		{ "William\n\nHartigan", { { "William", PHI_NAME },
		    { "Hartigan", PHI_NAME } } },
	};

	struct patients_set s;
	struct record rec;
	struct known *k = known_new(lx);

	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	fill(&rec, patient_fields, sizeof(patient_fields) /
	    sizeof(patient_fields[0]));
	patients_set_init(&s);
	CU_ASSERT_EQUAL_FATAL(patients_collect(&s, NULL, &rec), 0);
	CU_ASSERT_EQUAL_FATAL(known_add_set(k, &s), 0);
	CU_ASSERT_EQUAL_FATAL(known_seal(k), 0);
	CU_ASSERT(known_count(k) > 10);
	check_cases(k, cases, sizeof(cases) / sizeof(cases[0]),
	    "William Hartigan");
	known_free(k);
	patients_set_release(&s);
	record_release(&rec);
}

static void
test_ids(void)
{
	static const struct known_case cases[] = {
		{ "MRN QX7781204 noted", { { "QX7781204", PHI_MRN } } },
		{ "mrn: qx 7781204.", { { "qx 7781204", PHI_MRN } } },
		{ "MRN QX77812045", { { NULL, 0 } } },
		{ "call 503-555-0198 or", { { "503-555-0198", PHI_PHONE } } },
		{ "tel (503) 555 0198", { { "(503) 555 0198", PHI_PHONE } } },
		{ "tel 1-503-555-0198", { { "503-555-0198", PHI_PHONE } } },
		{ "DOB 11/23/1958.", { { "11/23/1958", PHI_DATE } } },
		{ "born November 23, 1958 in", {
		    { "November 23, 1958", PHI_DATE } } },
		{ "DOB 1958-11-23", { { "1958-11-23", PHI_DATE } } },
		{ "on 11/23/58", { { "11/23/58", PHI_DATE } } },
		{ "lives at 4410 Larkspur Ave., Apt 12 now", {
		    { "4410 Larkspur Ave., Apt 12", PHI_ADDRESS } } },
		{ "4410 LARKSPUR AVENUE", {
		    { "4410 LARKSPUR AVENUE", PHI_ADDRESS } } },
		{ "moved to Fenwick Falls, Ostrander County", {
		    { "Fenwick Falls", PHI_CITY },
		    { "Ostrander County", PHI_COUNTY } } },
		{ "zip 97219 ok", { { "97219", PHI_ZIP } } },
		{ "mail w.hartigan@mailbox.example today", {
		    { "w.hartigan@mailbox.example", PHI_EMAIL } } },
		{ "free text, not an identifier", { { NULL, 0 } } },
	};
	struct patients_set s;
	struct record rec;
	struct known *k = known_new(lx);

	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	fill(&rec, patient_fields, sizeof(patient_fields) /
	    sizeof(patient_fields[0]));
	patients_set_init(&s);
	CU_ASSERT_EQUAL_FATAL(patients_collect(&s, NULL, &rec), 0);
	CU_ASSERT_EQUAL_FATAL(known_add_set(k, &s), 0);
	CU_ASSERT_EQUAL_FATAL(known_seal(k), 0);
	check_cases(k, cases, sizeof(cases) / sizeof(cases[0]), "");
	known_free(k);
	patients_set_release(&s);
	record_release(&rec);
}

/* Names that are also words count alone only where they read as names. */
static void
test_common_words(void)
{
	static const char *const fields[][2] = {
		{ "name", "Hope Brown" },
	};
	static const struct known_case cases[] = {
		{ "Hope Brown arrived", { { "Hope Brown", PHI_NAME } } },
		{ "BROWN, HOPE", { { "BROWN, HOPE", PHI_NAME } } },
		{ "Discussed with Ms. Brown", { { "Brown", PHI_NAME } } },
		{ "discussed with ms. brown", { { "brown", PHI_NAME } } },
		{ "Spoke with Hope by phone", { { "Hope", PHI_NAME } } },
		{ "There is hope. Stool was brown.", { { NULL, 0 } } },
		{ "Brown stool noted. Hope for the best.", { { NULL, 0 } } },
		{ "Plan:\nHope to discharge", { { NULL, 0 } } },
	};
	struct patients_set s;
	struct record rec;
	struct known *k = known_new(lx);
	const char *c;
	size_t len = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	fill(&rec, fields, 1);
	patients_set_init(&s);
	CU_ASSERT_EQUAL_FATAL(patients_collect(&s, NULL, &rec), 0);
	CU_ASSERT_EQUAL_FATAL(known_add_set(k, &s), 0);
	CU_ASSERT_EQUAL_FATAL(known_seal(k), 0);
	check_cases(k, cases, sizeof(cases) / sizeof(cases[0]),
	    "Hope Brown");

	/* another recognizer's "Brown" takes the patient's form */
	CU_ASSERT_EQUAL(scan(k, "Brown was seen."), 0);
	c = known_canon(k, text, tokens, 0, 5, &len);
	CU_ASSERT(c != NULL && len == 10 && memcmp(c, "Hope Brown", 10) == 0);
	CU_ASSERT_PTR_NULL(known_canon(k, text, tokens, 0, 3, &len));
	CU_ASSERT_PTR_NULL(known_canon(k, text, tokens, 6, 9, &len));
	known_free(k);
	patients_set_release(&s);
	record_release(&rec);
}

static void
test_phrases(void)
{
	static const struct known_case cases[] = {
		{ "met MARLOWE  TARRANT there", {
		    { "MARLOWE  TARRANT", PHI_NAME } } },
		{ "Marlowe Tarranto", { { NULL, 0 } } },
		{ "from Acme Widgetry, Inc.", {
		    { "Acme Widgetry", PHI_ORGANIZATION } } },
	};
	struct known *k = known_new(NULL);
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	CU_ASSERT_EQUAL(known_add_phrase(k, PHI_NAME, "Marlowe Tarrant", 15,
	    "deny"), 0);
	CU_ASSERT_EQUAL(known_add_phrase(k, PHI_ORGANIZATION,
	    " Acme Widgetry ", 15, "deny"), 0);
	CU_ASSERT_EQUAL(known_add_phrase(k, PHI_NAME, " - ", 3, "deny"),
	    ERR_USAGE);
	CU_ASSERT_EQUAL(known_add_phrase(k, PHI_NAME, "a\377", 2, "deny"),
	    ERR_UTF8);
	CU_ASSERT_EQUAL_FATAL(known_seal(k), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t n = scan(k, cases[i].in), want = cases[i].want[0].value
		    ? 1 : 0;

		CU_ASSERT_EQUAL(n, want);
		if (n == 1 && want == 1) {
			CU_ASSERT_STRING_EQUAL(spans_get(spans, 0)->recognizer,
			    "deny");
			CU_ASSERT_EQUAL(spans_get(spans, 0)->type,
			    cases[i].want[0].type);
			CU_ASSERT_PTR_NULL(spans_get(spans, 0)->canon);
		}
	}
	known_clear(k);
	CU_ASSERT_EQUAL(known_count(k), 0);
	CU_ASSERT_EQUAL(known_seal(k), 0);
	CU_ASSERT_EQUAL(scan(k, "Marlowe Tarrant"), 0);
	known_free(k);
	known_free(NULL);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("known", setup, teardown);

	if (s == NULL ||
	    CU_add_test(s, "name variants", test_variants) == NULL ||
	    CU_add_test(s, "numbers, dates, places", test_ids) == NULL ||
	    CU_add_test(s, "common words", test_common_words) == NULL ||
	    CU_add_test(s, "phrases", test_phrases) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
