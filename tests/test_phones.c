/* test_phones.c - the phones recognizer: PHONE and FAX spans. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "phitype.h"
#include "recog_check.h"
#include "recognizer.h"
#include "spans.h"

static const struct recog_in_case cases[] = {
	/* North American forms. */
	{ "Call (617) 555-0123 today", { { "(617) 555-0123", PHI_PHONE } } },
	{ "cell 617-555-0123.", { { "617-555-0123", PHI_PHONE } } },
	{ "reach her at 617.555.0123", { { "617.555.0123", PHI_PHONE } } },
	{ "home 617 555 0123", { { "617 555 0123", PHI_PHONE } } },
	{ "Phone: 6175550123", { { "6175550123", PHI_PHONE } } },
	{ "Phone: 16175550123", { { "16175550123", PHI_PHONE } } },
	{ "son +1 617 555 0123", { { "+1 617 555 0123", PHI_PHONE } } },
	{ "dial 1-617-555-0123 now", { { "1-617-555-0123", PHI_PHONE } } },
	{ "+1(617)555-0123", { { "+1(617)555-0123", PHI_PHONE } } },
	{ "+1-802-555-0175", { { "+1-802-555-0175", PHI_PHONE } } },
	{ "001-802-555-0175", { { "001-802-555-0175", PHI_PHONE } } },
	{ "(617)-555-0123", { { "(617)-555-0123", PHI_PHONE } } },
	{ "617/555-0123", { { "617/555-0123", PHI_PHONE } } },
	{ "at 617 - 555 - 0123.", { { "617 - 555 - 0123", PHI_PHONE } } },
	/* Extensions belong to the number. */
	{ "617-555-0123 x123", { { "617-555-0123 x123", PHI_PHONE } } },
	{ "617-555-0123 ext. 45 ok", { { "617-555-0123 ext. 45",
	    PHI_PHONE } } },
	{ "(617) 555-0123 extension 6789",
	    { { "(617) 555-0123 extension 6789", PHI_PHONE } } },
	{ "(919)555-0142X2201", { { "(919)555-0142X2201", PHI_PHONE } } },
	{ "617-555-0123, ext 9", { { "617-555-0123, ext 9", PHI_PHONE } } },
	{ "Call 617-555-0123 x10 days", { { "617-555-0123", PHI_PHONE } } },
	/* Glued to letters. */
	{ "Ph:617-555-0123", { { "617-555-0123", PHI_PHONE } } },
	{ "tel617.555.0123", { { "617.555.0123", PHI_PHONE } } },
	{ "cell:(617)555-0123", { { "(617)555-0123", PHI_PHONE } } },
	{ "tel6175550123", { { "6175550123", PHI_PHONE } } },
	/* Local numbers and other layouts need a telephone word. */
	{ "Phone 555-0123", { { "555-0123", PHI_PHONE } } },
	{ "phone, new nbr 555-0188", { { "555-0188", PHI_PHONE } } },
	{ "Cell number is 555-0177", { { "555-0177", PHI_PHONE } } },
	{ "Phone the dentist 555-0166", { { NULL, PHI_PHONE } } },
	{ "call me on 2345 6789?", { { "2345 6789", PHI_PHONE } } },
	{ "Mobile: 0412 345 678", { { "0412 345 678", PHI_PHONE } } },
	{ "0412 345 678 mobile", { { "0412 345 678", PHI_PHONE } } },
	{ "Phone: 617-555-0123 or 555-0188", { { "617-555-0123",
	    PHI_PHONE }, { "555-0188", PHI_PHONE } } },
	{ "Phone:\n 07700 900 461", { { "07700 900 461", PHI_PHONE } } },
	{ "+44 20 7946 0958", { { "+44 20 7946 0958", PHI_PHONE } } },
	{ "Desk: +41 (0)44 668 18 00", { { "+41 (0)44 668 18 00",
	    PHI_PHONE } } },
	{ "+33 1 70 36 39 57", { { "+33 1 70 36 39 57", PHI_PHONE } } },
	/* FAX by context. */
	{ "Fax: 617-555-0199", { { "617-555-0199", PHI_FAX } } },
	{ "F: 617-555-0199", { { "617-555-0199", PHI_FAX } } },
	{ "P 617-555-0123 F 617-555-0199", { { "617-555-0123", PHI_PHONE },
	    { "617-555-0199", PHI_FAX } } },
	{ "Fax number: (617) 555-0199", { { "(617) 555-0199", PHI_FAX } } },
	{ "Ph/Fax: 617-555-0199", { { "617-555-0199", PHI_FAX } } },
	{ "facsimile (617) 555-0199", { { "(617) 555-0199", PHI_FAX } } },
	{ "fax#617-555-0199", { { "617-555-0199", PHI_FAX } } },
	{ "FAX 6175550199", { { "6175550199", PHI_FAX } } },
	{ "Phone 617-555-0123   Fax 617-555-0199",
	    { { "617-555-0123", PHI_PHONE }, { "617-555-0199", PHI_FAX } } },
	{ "Fax 617-555-0199, phone 617-555-0123",
	    { { "617-555-0199", PHI_FAX }, { "617-555-0123", PHI_PHONE } } },
	{ "please fax the signed form to 617-555-0199 today",
	    { { "617-555-0199", PHI_FAX } } },
	{ "records faxed to Dr. Quill at (617) 555-0199.",
	    { { "(617) 555-0199", PHI_FAX } } },
	{ "617-555-0199 (fax)", { { "617-555-0199", PHI_FAX } } },
	{ "Fax:\n617-555-0199", { { "617-555-0199", PHI_FAX } } },
	{ "Fax 617-555-0199\nClinic 617-555-0123",
	    { { "617-555-0199", PHI_FAX }, { "617-555-0123", PHI_PHONE } } },
	{ "Fax: +44 20 7946 0959", { { "+44 20 7946 0959", PHI_FAX } } },
	{ "faxed the letter; call 617-555-0123",
	    { { "617-555-0123", PHI_PHONE } } },
	/* Folded view: full-width digits, NBSP, Unicode dashes. */
	{ "Tel: \xef\xbc\x88\xef\xbc\x96\xef\xbc\x91\xef\xbc\x97\xef\xbc\x89"
	    "\xef\xbc\x95\xef\xbc\x95\xef\xbc\x95\xef\xbc\x8d\xef\xbc\x90"
	    "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93",
	    { { "(617)555-0123", PHI_PHONE } } },
	{ "cell 617\xc2\xa0" "555\xc2\xa0" "0123",
	    { { "617 555 0123", PHI_PHONE } } },
	{ "617\xe2\x80\x93" "555\xe2\x80\x93" "0123",
	    { { "617-555-0123", PHI_PHONE } } },
	{ "Fax\xc2\xa0\xef\xbc\x96\xef\xbc\x91\xef\xbc\x97-555-0199",
	    { { "617-555-0199", PHI_FAX } } },
	/* Other decimal digits and HTML references, through the view. */
	{ "call \xD9\xA6\xD9\xA1\xD9\xA7-\xD9\xA5\xD9\xA5\xD9\xA5-\xD9"
	    "\xA0\xD9\xA1\xD9\xA2\xD9\xA3", { { "617-555-0123",
	    PHI_PHONE } } },
	{ "Tel \xF0\x9D\x9F\x94\xF0\x9D\x9F\x8F\xF0\x9D\x9F\x95 555 "
	    "0123", { { "617 555 0123", PHI_PHONE } } },
	{ "Call 617&ndash;555&#x2D;0123", { { "617-555-0123",
	    PHI_PHONE } } },
	/* One line break after a dash, when a telephone word leads in. */
	{ "Phone: 617-555-\n0123", { { "617-555-\n0123", PHI_PHONE } } },
	{ "Fax 617-\n555-0199", { { "617-\n555-0199", PHI_FAX } } },
	{ "Tel: (617) 555-\r\n  0123 ext 12",
	    { { "(617) 555-\r\n  0123 ext 12", PHI_PHONE } } },
	{ "cell 555-\n0188", { { "555-\n0188", PHI_PHONE } } },
	{ "call +44 20-\n7946 0958", { { "+44 20-\n7946 0958",
	    PHI_PHONE } } },
	{ "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxx phone 617-\n555-0123", { { "617-\n555-0123",
	    PHI_PHONE } } },
	{ "seen 617-\n555-0123", { { NULL, PHI_PHONE } } },
	{ "MRN 617-\n555-0123", { { NULL, PHI_PHONE } } },
	{ "phone 617-555-\n\n0123", { { NULL, PHI_PHONE } } },
	{ "phone: 529-81-\n3307", { { NULL, PHI_PHONE } } },
	{ "call on 03-14-\n2021", { { NULL, PHI_PHONE } } },
	{ "phone 2021-\n03-14", { { NULL, PHI_PHONE } } },
	/* Identifier labels: a bare run is theirs, not a telephone. */
	{ "MRN 6175550123", { { NULL, PHI_PHONE } } },
	{ "acct # 6175550123", { { NULL, PHI_PHONE } } },
	{ "NPI 2345678901", { { NULL, PHI_PHONE } } },
	{ "Member ID: 4155550123", { { NULL, PHI_PHONE } } },
	{ "Account no. 4155550123 phone", { { NULL, PHI_PHONE } } },
	{ "Ph 212-555-0147; MRN 12345678",
	    { { "212-555-0147", PHI_PHONE } } },
	/* Not telephone numbers. */
	{ "6175550123", { { NULL, PHI_PHONE } } },
	{ "DOB 03/14/1962", { { NULL, PHI_PHONE } } },
	{ "SSN 123-45-6789", { { NULL, PHI_PHONE } } },
	{ "seen 2024-01-15 at 14:30", { { NULL, PHI_PHONE } } },
	{ "Phone call on 12-05-2021", { { NULL, PHI_PHONE } } },
	{ "Call back 12.05.2021", { { NULL, PHI_PHONE } } },
	{ "Glucose 145 mg/dL, Na 138, K 4.1", { { NULL, PHI_PHONE } } },
	{ "BP 120/80, HR 72, T 98.6 F", { { NULL, PHI_PHONE } } },
	{ "see 617-155-0123", { { NULL, PHI_PHONE } } },
	{ "see 117-555-0123", { { NULL, PHI_PHONE } } },
	{ "ref 1234-617-555-0123", { { NULL, PHI_PHONE } } },
	{ "lot 617-555-0123-4", { { NULL, PHI_PHONE } } },
	{ "from 10.42.177.203", { { NULL, PHI_PHONE } } },
	{ "on 12/25/2021 and 2021-12-25", { { NULL, PHI_PHONE } } },
	{ "Tel: 2024-05-12", { { NULL, PHI_PHONE } } },
	{ "Phone: 123 45 6789 is his SSN", { { NULL, PHI_PHONE } } },
	{ "Home: 12 Oak St, Springfield 01109-4307", { { NULL,
	    PHI_PHONE } } },
	{ "NDC 0078-0357-15, lot 2023-456-7890", { { NULL, PHI_PHONE } } },
	{ "Order #617-555-0123 shipped", { { "617-555-0123",
	    PHI_PHONE } } },
	{ "Member services 1-800-555-0199", { { "1-800-555-0199",
	    PHI_PHONE } } },
	{ "Case manager phone 617-555-0123", { { "617-555-0123",
	    PHI_PHONE } } },
	{ "555-0123", { { NULL, PHI_PHONE } } },
	{ "Home glucose 120 135 110 98", { { NULL, PHI_PHONE } } },
	{ "", { { NULL, PHI_PHONE } } },
	/* Across the 64-byte blocks of the scan; a long s reads as 's'. */
	{ "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    " call 212 555 0134", { { "212 555 0134", PHI_PHONE } } },
	{ "Work \xC5\xBFms 5550134", { { "5550134", PHI_PHONE } } },
	{ "MRN 2125550134", { { NULL, PHI_PHONE } } },
	{ "call 555-0134 x12 days", { { "555-0134", PHI_PHONE } } },
	{ "on 02/24/2022 0700-1900 shift", { { NULL, PHI_PHONE } } },
};

/* Scores: an identifier label right before weakens a formatted number. */
static const struct {
	const char *in;
	float score;
} scores[] = {
	{ "MRN: 617-555-0123", 0.3f },
	{ "ID 617-555-0123", 0.3f },
	{ "phone 617-555-0123", 0.9f },
	{ "MRN 1234567, phone 617-555-0123", 0.9f },
	{ "visit at (617) 555-0123", 0.9f },
};

static void
test_cases(void)
{
	recog_check_in_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_scores(void)
{
	const struct span *sp;
	size_t i;

	for (i = 0; i < sizeof(scores) / sizeof(scores[0]); i++) {
		sp = recog_check_first(scores[i].in, 1);
		CU_ASSERT_DOUBLE_EQUAL(sp->score, scores[i].score, 0.001);
		CU_ASSERT_EQUAL(sp->type, PHI_PHONE);
	}
}

/* View offsets, not original ones: full-width digits are 3 bytes. */
static void
test_offsets(void)
{
	const struct span *sp;

	sp = recog_check_first(
	    "Tel: \xef\xbc\x96\xef\xbc\x91\xef\xbc\x97"
	    "-555-0123 x45", 1);
	CU_ASSERT_EQUAL(sp->start, 5);
	CU_ASSERT_EQUAL(sp->end, 21);
	CU_ASSERT_EQUAL(sp->type, PHI_PHONE);
	CU_ASSERT_STRING_EQUAL(sp->recognizer, "phone.nanp");

	sp = recog_check_first("a\nFax (802) 555-0175\n", 1);
	CU_ASSERT_EQUAL(sp->start, 6);
	CU_ASSERT_EQUAL(sp->end, 20);
	CU_ASSERT_EQUAL(sp->type, PHI_FAX);
	CU_ASSERT_STRING_EQUAL(sp->recognizer, "fax.nanp");
}

/*
 * A megabyte-long line of "1 1 1 ...": every group of digits looks back
 * for labels, which must stay within the window (looking back to the
 * start of the line made this take minutes).  A label on the line before
 * still counts when the number opens its line.
 */
static void
test_long_line(void)
{
	size_t i, total = (size_t)1 << 20;
	struct timespec t0, t1;
	double secs;
	char *in;

	in = malloc(total + 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(in);
	for (i = 0; i < total; i++)
		in[i] = i % 2 ? ' ' : '1';
	in[total] = '\0';
	(void)clock_gettime(CLOCK_MONOTONIC, &t0);
	CU_ASSERT_EQUAL(recog_check_scan(in), 0);
	(void)clock_gettime(CLOCK_MONOTONIC, &t1);
	free(in);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	CU_ASSERT(secs < 5.0);
	CU_ASSERT_EQUAL(spans_count(recog_check_spans()), 0);

	CU_ASSERT_EQUAL_FATAL(recog_check_scan("Phone:\n   555-0123"), 0);
	CU_ASSERT_EQUAL_FATAL(spans_count(recog_check_spans()), 1);
	CU_ASSERT_EQUAL(spans_get(recog_check_spans(), 0)->start, 10);
	CU_ASSERT_EQUAL(spans_get(recog_check_spans(), 0)->type, PHI_PHONE);
}

static CU_TestInfo tests[] = {
	{ "table of cases", test_cases },
	{ "scores", test_scores },
	{ "view offsets", test_offsets },
	{ "long line", test_long_line },
	{ "init and fini", recog_check_lifecycle },
	CU_TEST_INFO_NULL
};

int
main(void)
{
	return recog_check_main("phones", &recognizer_phones, tests);
}
