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
			printf("\n  case \"%s\": %zu spans\n",
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
				printf("\n  case \"%s\": %zu-%zu\n",
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
		/* initials before the surname are part of the name */
		{ "Z. Hartigan", { { "Z. Hartigan", PHI_NAME } } },
		{ "Contact J. R. Hartigan later.", {
		    { "J. R. Hartigan", PHI_NAME } } },
		{ "Contact J.R.K. Hartigan later.", {
		    { "J.R.K. Hartigan", PHI_NAME } } },
		{ "Took vitamin D. Hartigan agrees.", {
		    { "Hartigan", PHI_NAME } } },
		/* the surname's initial after the given name */
		{ "Seen William H. today", { { "William H", PHI_NAME } } },
		{ "Seen Bill H, his son", { { "Bill H", PHI_NAME } } },
		{ "Seen William Q. today", { { "William", PHI_NAME } } },
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
		{ "STOOL BROWN A FEW TIMES", { { NULL, 0 } } },
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

/* A list of the record fields f (n of them), sealed; *s holds them. */
static struct known *
known_of(struct patients_set *s, struct record *rec,
    const char *const (*f)[2], size_t n)
{
	struct known *k = known_new(lx);

	CU_ASSERT_PTR_NOT_NULL_FATAL(k);
	fill(rec, f, n);
	patients_set_init(s);
	CU_ASSERT_EQUAL_FATAL(patients_collect(s, NULL, rec), 0);
	CU_ASSERT_EQUAL_FATAL(known_add_set(k, s), 0);
	CU_ASSERT_EQUAL_FATAL(known_seal(k), 0);
	return k;
}

static void
known_done(struct known *k, struct patients_set *s, struct record *rec)
{
	known_free(k);
	patients_set_release(s);
	record_release(rec);
}

/*
 * A given name alone: a medical word that is no common word counts
 * wherever it is capitalised; a common word only mid-sentence; a month
 * only after a title; an eponym not at all.
 */
static void
test_given_alone(void)
{
	static const char *const medical[][2] = {
		{ "first_name", "Allegra" }, { "last_name", "Pembury" },
	};
	static const struct known_case med_cases[] = {
		{ "She says Allegra is fine.", { { "Allegra", PHI_NAME } } },
		{ "Husband said, 'Allegra fell.'", {
		    { "Allegra", PHI_NAME } } },
		{ "Allegra slept well.", { { "Allegra", PHI_NAME } } },
		{ "Allegra's son called.", { { "Allegra", PHI_NAME } } },
		{ "ALLEGRA 180 mg daily", { { NULL, 0 } } },
		{ "took allegra 180 mg", { { NULL, 0 } } },
		{ "no Allegra syndrome", { { NULL, 0 } } },
	};
	static const char *const word[][2] = {
		{ "first_name", "Iris" }, { "last_name", "Pembury" },
	};
	static const struct known_case word_cases[] = {
		{ "Spoke with Iris today.", { { "Iris", PHI_NAME } } },
		{ "Iris clear, lens clear.", { { NULL, 0 } } },
		{ "the iris is round", { { NULL, 0 } } },
	};
	static const char *const month[][2] = {
		{ "first_name", "June" }, { "last_name", "Pembury" },
	};
	static const struct known_case month_cases[] = {
		{ "seen in June again", { { NULL, 0 } } },
		{ "June Pembury seen", { { "June Pembury", PHI_NAME } } },
	};
	/* the surname's initial "I" joins only with its dot */
	static const char *const init[][2] = {
		{ "first_name", "Allegra" }, { "last_name", "Inchcombe" },
	};
	static const struct known_case init_cases[] = {
		{ "Allegra I. came in.", { { "Allegra I", PHI_NAME } } },
		{ "Allegra I think is well.", { { "Allegra", PHI_NAME } } },
	};
	struct patients_set s;
	struct record rec;
	struct known *k;

	k = known_of(&s, &rec, medical, 2);
	check_cases(k, med_cases, sizeof(med_cases) / sizeof(med_cases[0]),
	    "Allegra Pembury");
	known_done(k, &s, &rec);
	k = known_of(&s, &rec, word, 2);
	check_cases(k, word_cases, sizeof(word_cases) /
	    sizeof(word_cases[0]), "Iris Pembury");
	known_done(k, &s, &rec);
	k = known_of(&s, &rec, month, 2);
	check_cases(k, month_cases, sizeof(month_cases) /
	    sizeof(month_cases[0]), "June Pembury");
	known_done(k, &s, &rec);
	k = known_of(&s, &rec, init, 2);
	check_cases(k, init_cases, sizeof(init_cases) /
	    sizeof(init_cases[0]), "Allegra Inchcombe");
	known_done(k, &s, &rec);
}

/* "LAST FIRST" in capitals; "Last F" and lower case take the canon. */
static void
test_reversed(void)
{
	static const char *const fields[][2] = {
		{ "first_name", "Allegra" }, { "last_name", "Pembury" },
	};
	static const struct known_case cases[] = {
		{ "PEMBURY ALLEGRA, 74F", {
		    { "PEMBURY ALLEGRA", PHI_NAME } } },
		{ "Pembury Allegra K. seen", {
		    { "Pembury Allegra K", PHI_NAME } } },
		{ "pembury allegra", { { "pembury", PHI_NAME } } },
		{ "allegra pembury fell", {
		    { "allegra pembury", PHI_NAME } } },
		{ "Pembury A fell.", { { "Pembury", PHI_NAME } } },
	};
	/* view [start, end) of the text, and whether it takes the canon */
	static const struct {
		const char *in;
		size_t start, end;
		int canon;
	} canon_cases[] = {
		{ "Pembury A fell.", 0, 9, 1 },
		{ "PEMBURY A", 0, 9, 1 },
		{ "seen: pembury allegra", 6, 21, 1 },
		{ "Pembury B fell.", 0, 9, 0 },
		{ "Pembury A fell.", 0, 14, 0 },
	};
	struct patients_set s;
	struct record rec;
	struct known *k = known_of(&s, &rec, fields, 2);
	const char *c;
	size_t i, len = 0;

	check_cases(k, cases, sizeof(cases) / sizeof(cases[0]),
	    "Allegra Pembury");
	for (i = 0; i < sizeof(canon_cases) / sizeof(canon_cases[0]); i++) {
		(void)scan(k, canon_cases[i].in);
		c = known_canon(k, text, tokens, canon_cases[i].start,
		    canon_cases[i].end, &len);
		if (!canon_cases[i].canon) {
			CU_ASSERT_PTR_NULL(c);
			continue;
		}
		CU_ASSERT(c != NULL && len == 15 &&
		    memcmp(c, "Allegra Pembury", 15) == 0);
	}
	known_done(k, &s, &rec);
}

/* The parts of a name do not straddle the end of a sentence. */
static void
test_sentence_end(void)
{
	static const char *const fields[][2] = {
		{ "first_name", "Willard" }, { "last_name", "Joy" },
	};
	static const struct known_case cases[] = {
		{ "seen with nurse Will.\nJoy remains optimistic.", {
		    { "Will", PHI_NAME } } },
		{ "Saw Will. Joy family present.", {
		    { "Will", PHI_NAME } } },
		{ "Saw Willard.  Joy was felt.", {
		    { "Willard", PHI_NAME } } },
		{ "Joy. Willard called", { { "Willard", PHI_NAME } } },
		{ "Saw Will Joy today", { { "Will Joy", PHI_NAME } } },
		{ "with W. Joy today", { { "W. Joy", PHI_NAME } } },
		{ "with Willard K. Joy today", {
		    { "Willard K. Joy", PHI_NAME } } },
		{ "with Willard\nJoy today", {
		    { "Willard\nJoy", PHI_NAME } } },
		{ "JOY, WILL. seen", { { "JOY, WILL", PHI_NAME } } },
	};
	static const char *const inner[][2] = {
		{ "first_name", "Corin" }, { "last_name", "St. Aubyn" },
	};
	static const struct known_case inner_cases[] = {
		{ "Corin St. Aubyn arrived", {
		    { "Corin St. Aubyn", PHI_NAME } } },
		{ "ST. AUBYN, CORIN", { { "ST. AUBYN, CORIN", PHI_NAME } } },
	};
	struct patients_set s;
	struct record rec;
	struct known *k = known_of(&s, &rec, fields, 2);

	check_cases(k, cases, sizeof(cases) / sizeof(cases[0]),
	    "Willard Joy");
	known_done(k, &s, &rec);
	k = known_of(&s, &rec, inner, 2);
	check_cases(k, inner_cases, sizeof(inner_cases) /
	    sizeof(inner_cases[0]), "Corin St. Aubyn");
	known_done(k, &s, &rec);
}

/* A common-word part alone at any kind of sentence start is no name. */
static void
test_sentence_start(void)
{
	static const char *const fields[][2] = {
		{ "first_name", "Hunter" }, { "last_name", "Gray" },
	};
	static const struct known_case cases[] = {
		{ "Hunter said he feels better.", { { NULL, 0 } } },
		{ "Gray man accompanied him.", { { NULL, 0 } } },
		{ "Comment: Gray stool noted.", { { NULL, 0 } } },
		{ "Plan: Hunter to call", { { NULL, 0 } } },
		{ "Assessment and Plan:  Gray male", { { NULL, 0 } } },
		{ "- Hunter is here", { { NULL, 0 } } },
		{ "(Gray area on film.)", { { NULL, 0 } } },
		{ "\"Hunter agreed,\" she said", { { NULL, 0 } } },
		{ "\xe2\x80\xa2 Gray skin", { { NULL, 0 } } },
		{ "Ok. Gray zone", { { NULL, 0 } } },
		{ "Spoke with Hunter today", { { "Hunter", PHI_NAME } } },
		{ "called (Hunter) back", { { "Hunter", PHI_NAME } } },
		{ "Ms. Gray: stable", { { "Gray", PHI_NAME } } },
		{ "Patient: Hunter", { { "Hunter", PHI_NAME } } },
		{ "Emergency contact: Gray (son)", { { "Gray", PHI_NAME } } },
		{ "seen; Hunter was here", { { "Hunter", PHI_NAME } } },
		{ "- Mr. Gray is here", { { "Gray", PHI_NAME } } },
		{ "Hunter Gray seen", { { "Hunter Gray", PHI_NAME } } },
	};
	struct patients_set s;
	struct record rec;
	struct known *k = known_of(&s, &rec, fields, 2);

	check_cases(k, cases, sizeof(cases) / sizeof(cases[0]),
	    "Hunter Gray");
	known_done(k, &s, &rec);
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
	    CU_add_test(s, "given name alone", test_given_alone) == NULL ||
	    CU_add_test(s, "LAST FIRST", test_reversed) == NULL ||
	    CU_add_test(s, "sentence ends", test_sentence_end) == NULL ||
	    CU_add_test(s, "sentence starts", test_sentence_start) == NULL ||
	    CU_add_test(s, "phrases", test_phrases) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
