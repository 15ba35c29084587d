/*
 * test_dates.c - the dates recognizer: DATE spans, their exact view
 * offsets and recognizer names, and the shapes that must not be dates
 * (scores, doses, blood pressures, times, bare years, versions, ids).
 */
#include <string.h>

#include "harness.h"
#include "phitype.h"
#include "recog_check.h"
#include "recognizer.h"
#include "spans.h"

static const struct recog_at_case cases[] = {
	/* Numeric month/day/year. */
	{ "Seen 3/14/2021 in clinic", {
	    { 5, "3/14/2021", "date.numeric" } } },
	{ "DOB 03-14-2021.", {
	    { 4, "03-14-2021", "date.numeric" } } },
	{ "on 3.14.2021 she", {
	    { 3, "3.14.2021", "date.numeric" } } },
	{ "f/u 3/14/21", {
	    { 4, "3/14/21", "date.numeric" } } },
	{ "seen 11-02-98 in ED", {
	    { 5, "11-02-98", "date.numeric" } } },
	{ "from 14/03/2021 onward", {
	    { 5, "14/03/2021", "date.numeric" } } },
	{ "Born 12/31/1899", {
	    { 5, "12/31/1899", "date.numeric" } } },
	{ "leap 2/29/2024 ok", {
	    { 5, "2/29/2024", "date.numeric" } } },
	{ "DOB:7/4/1946", {
	    { 4, "7/4/1946", "date.numeric" } } },
	{ "range 3/14/2021-3/20/2021", {
	    { 6, "3/14/2021", "date.numeric" },
	    { 16, "3/20/2021", "date.numeric" } } },
	/* ISO and year first. */
	{ "Labs 2021-03-14 reviewed", {
	    { 5, "2021-03-14", "date.iso" } } },
	{ "Scan 2021/03/14.", {
	    { 5, "2021/03/14", "date.numeric" } } },
	{ "ts 2021-03-14T10:30:00Z ok", {
	    { 3, "2021-03-14T10:30:00Z", "date.iso" } } },
	{ "at 2021-03-14T10:30:00+05:30", {
	    { 3, "2021-03-14T10:30:00+05:30", "date.iso" } } },
	{ "at 2021-03-14T10:30-0800;", {
	    { 3, "2021-03-14T10:30-0800", "date.iso" } } },
	{ "ts 2021-03-14T10:30:00.250Z", {
	    { 3, "2021-03-14T10:30:00.250Z", "date.iso" } } },
	/* Compact digits need a date label. */
	{ "DOB: 20210314", {
	    { 5, "20210314", "date.compact" } } },
	{ "Date 19870602 signed", {
	    { 5, "19870602", "date.compact" } } },
	{ "DOB: 03141955", {
	    { 5, "03141955", "date.compact" } } },
	{ "D.O.B. 031455", {
	    { 7, "031455", "date.compact" } } },
	/* Month names. */
	{ "on March 14, 2021 at noon", {
	    { 3, "March 14, 2021", "date.month" } } },
	{ "Mar 14 2021", {
	    { 0, "Mar 14 2021", "date.month" } } },
	{ "since 14 March 2021", {
	    { 6, "14 March 2021", "date.month" } } },
	{ "on 14th March 2021", {
	    { 3, "14th March 2021", "date.month" } } },
	{ "on Mar-14-2021", {
	    { 3, "Mar-14-2021", "date.month" } } },
	{ "scan 2021.03.14", {
	    { 5, "2021.03.14", "date.numeric" } } },
	{ "drawn 14-Mar-2021", {
	    { 6, "14-Mar-2021", "date.month" } } },
	{ "drawn 14-Mar-21", {
	    { 6, "14-Mar-21", "date.month" } } },
	{ "stamp 14MAR2021", {
	    { 6, "14MAR2021", "date.month" } } },
	{ "stamp 14Mar2021", {
	    { 6, "14Mar2021", "date.month" } } },
	{ "seen Mar. 14th", {
	    { 5, "Mar. 14th", "date.partial" } } },
	{ "Sept. 5, 2020", {
	    { 0, "Sept. 5, 2020", "date.month" } } },
	{ "December 31st, 1999.", {
	    { 0, "December 31st, 1999", "date.month" } } },
	{ "on the 14th of March", {
	    { 7, "14th of March", "date.month" } } },
	{ "the 3rd of June, 2020", {
	    { 4, "3rd of June, 2020", "date.month" } } },
	{ "started March 2019", {
	    { 8, "March 2019", "date.month" } } },
	{ "since Mar '19", {
	    { 6, "Mar '19", "date.month" } } },
	{ "since Nov, 2018", {
	    { 6, "Nov, 2018", "date.month" } } },
	{ "seen Jan 9th '23 again", {
	    { 5, "Jan 9th '23", "date.month" } } },
	{ "on March 3rd", {
	    { 3, "March 3rd", "date.partial" } } },
	{ "Tuesday, March 4 visit", {
	    { 0, "Tuesday", "date.weekday" },
	    { 9, "March 4", "date.partial" } } },
	{ "next appt Jul 22", {
	    { 10, "Jul 22", "date.partial" } } },
	{ "since 5 October", {
	    { 6, "5 October", "date.partial" } } },
	{ "FEB 28 2022", {
	    { 0, "FEB 28 2022", "date.month" } } },
	{ "May 2, 2022 and May 2019", {
	    { 0, "May 2, 2022", "date.month" },
	    { 16, "May 2019", "date.month" } } },
	/* Month and year, month and day. */
	{ "since 5/2019", {
	    { 6, "5/2019", "date.numeric" } } },
	{ "admitted 7/22 with pain", {
	    { 9, "7/22", "date.partial" } } },
	{ "seen on 12/5", {
	    { 8, "12/5", "date.partial" } } },
	{ "RESULTS: 9/4 08:15AM WBC 7", {
	    { 9, "9/4", "date.partial" } } },
	{ "seen 9/12, 10/3 and 11/15", {
	    { 5, "9/12", "date.partial" },
	    { 11, "10/3", "date.partial" },
	    { 20, "11/15", "date.partial" } } },
	{ "week of 3/4", {
	    { 8, "3/4", "date.partial" } } },
	/* The folded view: full-width digits, Unicode dashes, NBSP. */
	{ "\xef\xbc\x93/\xef\xbc\x91\xef\xbc\x94/\xef\xbc\x92\xef"
	    "\xbc\x90\xef\xbc\x92\xef\xbc\x91", {
	    { 0, "3/14/2021", "date.numeric" } } },
	{ "on 2021\xe2\x80\x93" "03\xe2\x80\x93" "14", {
	    { 3, "2021-03-14", "date.iso" } } },
	{ "March\xc2\xa0" "14, 2021", {
	    { 0, "March 14, 2021", "date.month" } } },
	/* Across the 64-byte blocks of the scan; a long s reads as 's'. */
	{ "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    " 3/14/2021 seen", {
	    { 61, "3/14/2021", "date.numeric" } } },
	{ "on \xC5\xBF" "ept. 2019", {
	    { 3, "\xC5\xBF" "ept. 2019", "date.month" } } },
	{ "dated 12 dec 2019", {
	    { 6, "12 dec 2019", "date.month" } } },
	/* Weekdays and relative dates. */
	{ "flew home on Friday morning", {
	    { 13, "Friday", "date.weekday" } } },
	{ "SEEN WEDNESDAY", {
	    { 5, "WEDNESDAY", "date.weekday" } } },
	{ "admitted last Friday, back next  Tuesday", {
	    { 9, "last Friday", "date.relative" },
	    { 27, "next  Tuesday", "date.relative" } } },
	{ "seen at the clinic last December?", {
	    { 19, "last December", "date.relative" } } },
	/* A year alone, after a word that makes it one. */
	{ "born 1931 in a small town", {
	    { 5, "1931", "date.year" } } },
	{ "Year of birth: 1928.", {
	    { 15, "1928", "date.year" } } },
	{ "Born in 1932, now 92 years old.", {
	    { 8, "1932", "date.year" } } },
	{ "she was born in  1929 in Vell", {
	    { 17, "1929", "date.year" } } },
	{ "BORN IN 1930", {
	    { 8, "1930", "date.year" } } },
	/* the cue may end the line above */
	{ "she was born in\n1931 in Vell", {
	    { 16, "1931", "date.year" } } },
	{ "Born\r\n  1927.", {
	    { 8, "1927", "date.year" } } },
	{ "born in \n 1933", {
	    { 10, "1933", "date.year" } } },
	/* One line break after a month name or a label, in a whole date. */
	{ "DOB: March\n14, 1950", {
	    { 5, "March\n14, 1950", "date.month" } } },
	{ "born on March 14,\n1950 at home", {
	    { 8, "March 14,\n1950", "date.month" } } },
	{ "Seen Mar\r\n  14 1950 ok", {
	    { 5, "Mar\r\n  14 1950", "date.month" } } },
	{ "seen 14 March\n2021 in clinic", {
	    { 5, "14 March\n2021", "date.month" } } },
	{ "the 3rd of June,\n2020", {
	    { 4, "3rd of June,\n2020", "date.month" } } },
	{ "in March\n2019 she moved", {
	    { 3, "March\n2019", "date.month" } } },
	{ "DOB:\n03141955", {
	    { 5, "03141955", "date.compact" } } },
	{ "DOB:\n  3/14/1950", {
	    { 7, "3/14/1950", "date.numeric" } } },
	/* Other decimal digits and HTML references, through the view. */
	{ "on \xD9\xA0\xD9\xA3/\xD9\xA1\xD9\xA4/\xD9\xA2\xD9\xA0\xD9\xA2"
	    "\xD9\xA1 seen", {
	    { 3, "03/14/2021", "date.numeric" } } },
	{ "DOB: March \xE0\xA5\xA7\xE0\xA5\xAA, \xE0\xA5\xA7\xE0\xA5\xAF"
	    "\xE0\xA5\xAB\xE0\xA5\xA6", {
	    { 5, "March 14, 1950", "date.month" } } },
	{ "DOB&nbsp;03&#47;14&#47;1950", {
	    { 4, "03/14/1950", "date.numeric" } } },
	/* Dashes with a short part and a two-digit year, after a date word */
	{ "DOB: 7-19-48 per chart", {
	    { 5, "7-19-48", "date.numeric" } } },
	{ "seen on 11-2-22", {
	    { 8, "11-2-22", "date.numeric" } } },
};

/* Values with no DATE span at all. */
static const char *const negatives[] = {
	"ratio 3-12-50 in the mix",
	"sets 2-10-15 reps",
	"2/30/2021",
	"13/45/2020",
	"2/29/2023",
	"5/14/1492",
	"00/00/0000",
	"2021-13-01",
	"2021-02-30",
	"Feb 30",
	"April 31, 2020",
	"5/325 mg",
	"120/80",
	"BP 130/85",
	"BP 12/8",
	"5/5 strength",
	"Strength 4/5 in the RLE",
	"4/10 pain",
	"Pain: 7/10",
	"MoCA 24/30",
	"GCS 15/15",
	"carbidopa-levodopa 25/100",
	"BiPAP 12/5",
	"grade 2/6 murmur",
	"Taking 3/4 of meals",
	"1/2 tab nightly",
	"ratio 1:2",
	"at 10:30",
	"2019",
	"in 2019",
	"since 1998",
	"seen last week",
	"diagnosed last year",
	"WBC 2019",
	"gave 2000 mg",
	"in 2000 mL",
	"rose to 2000",
	"in 2019/2020 season",
	"since 1998.5",
	"born 1850",
	"born 2150",
	"born in 1850",
	"born in 1932 mg",
	"born in room 1932",
	"seen in 1932",
	"in 1932 born",
	"born. In 1932",
	"born in 1932/33",
	"born in\n\n1932",
	"born\n \n1932",
	"mondays and fridays",
	"last night",
	"next steps",
	"lastweek",
	"Mondayx",
	"version 1.2.3",
	"v2.10.15",
	"1.5/2",
	"12.5/3",
	"3-4-15 reps",
	"call 555-12-34",
	"ID 20210314",
	"12345678",
	"acct 0314-2021-77",
	"may 2 weeks",
	"May 2 weeks of rest",
	"you may 2019",
	"may 3",
	"Mayo 5",
	"Marchetti 14",
	"decrease 5",
	"2021-03-14T25:00",
	"3/14/2021/7",
	"x3/14",
	"on 3/14a",
	"Jan 45",
	"14 marching",
	"on 2May",
	"May12",
	"3may31",
	"Gleason 6/12 cores",
	"walked 12/15 meters",
	"rate 6/5",
	"Jan-Mar",
	"DOB: March\n14",
	"may\n2 weeks",
	"Mar\n14 patients seen",
	"March\n\n14, 1950",
};

static void
test_cases(void)
{
	recog_check_at_cases(cases, sizeof(cases) / sizeof(cases[0]), PHI_DATE);
}

static void
test_negatives(void)
{
	recog_check_none(negatives, sizeof(negatives) / sizeof(negatives[0]));
}

/* Full dates score above dates without a year. */
static void
test_scores(void)
{
	recog_check_ranked("on 3/14/2021", "on 3/14");
}

static CU_TestInfo tests[] = {
	{ "surface forms", test_cases },
	{ "not dates", test_negatives },
	{ "scores", test_scores },
	{ "empty", recog_check_empty },
	{ "fini NULL", recog_check_fini_null },
	CU_TEST_INFO_NULL
};

int
main(void)
{
	return recog_check_main("dates", &recognizer_dates, tests);
}
