/*
 * test_generalize.c - the year of a date in every form the dates
 * recognizer finds, ZIP3 with the restricted prefixes, and "90+".
 */
#include <string.h>

#include "err.h"
#include "generalize.h"
#include "harness.h"

struct year_case {
	const char *in;
	int rc;		/* 0 or ERR_NOTFOUND */
	int year;	/* when rc is 0 */
};

static const struct year_case years[] = {
	/* Numeric. */
	{ "3/14/2021", 0, 2021 },
	{ "03-14-2021", 0, 2021 },
	{ "3.14.2021", 0, 2021 },
	{ "14/03/2021", 0, 2021 },
	{ "12/31/1899", 0, 1899 },
	{ "3/14/21", 0, 2021 },
	{ "3/14/30", 0, 2030 },
	{ "3/14/31", 0, 1931 },
	{ "11-02-98", 0, 1998 },
	{ "1/2/00", 0, 2000 },
	{ "5/2019", 0, 2019 },
	/* ISO and compact. */
	{ "2021-03-14", 0, 2021 },
	{ "2021/03/14", 0, 2021 },
	{ "2021-03-14T10:30:00Z", 0, 2021 },
	{ "2021-03-14T10:30:00+05:30", 0, 2021 },
	{ "1999-12-31T23:59-0800", 0, 1999 },
	{ "20210314", 0, 2021 },
	{ "03141955", 0, 1955 },
	{ "031455", 0, 1955 },
	{ "070412", 0, 2012 },
	/* Month names. */
	{ "March 14, 2021", 0, 2021 },
	{ "Mar 14 2021", 0, 2021 },
	{ "14 March 2021", 0, 2021 },
	{ "14-Mar-2021", 0, 2021 },
	{ "14-Mar-21", 0, 2021 },
	{ "14MAR87", 0, 1987 },
	{ "14th of March 2021", 0, 2021 },
	{ "March 2019", 0, 2019 },
	{ "Jan 9th '23", 0, 2023 },
	{ "Mar '19", 0, 2019 },
	{ "Sept. 5, 2020", 0, 2020 },
	{ "December 31st, 1999", 0, 1999 },
	/* Original bytes: full-width digits, typographic apostrophe, NBSP. */
	{ "\xef\xbc\x93/\xef\xbc\x91\xef\xbc\x94/\xef\xbc\x92\xef\xbc\x90"
	    "\xef\xbc\x92\xef\xbc\x91", 0, 2021 },
	{ "Jan 9th \xe2\x80\x99" "23", 0, 2023 },
	{ "March\xc2\xa0" "14,\xc2\xa0" "2021", 0, 2021 },
	{ "2021\xe2\x80\x93" "03\xe2\x80\x93" "14", 0, 2021 },
	/* Decimal digits of other scripts (Unicode Nd). */
	{ "\xd9\xa3/\xd9\xa1\xd9\xa4/\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa1",
	    0, 2021 },					/* Arabic-Indic */
	{ "\xd9\xa0\xd9\xa7/\xd9\xa0\xd9\xa2/\xd9\xa1\xd9\xa9\xd9\xa2"
	    "\xd9\xa8", 0, 1928 },
	{ "\xdb\xb3/\xdb\xb1\xdb\xb4/\xdb\xb2\xdb\xb1", 0, 2021 },
							/* Persian */
	{ "\xe0\xa5\xa7\xe0\xa5\xaa-Mar-\xe0\xa5\xa8\xe0\xa5\xa7", 0,
	    2021 },					/* Devanagari */
	{ "\xe0\xa7\xa7\xe0\xa7\xaf\xe0\xa7\xaf\xe0\xa7\xac-\xe0\xa7\xa6"
	    "\xe0\xa7\xad-\xe0\xa7\xa6\xe0\xa7\xa8", 0, 1996 },	/* Bengali */
	{ "\xe0\xb9\x92\xe0\xb9\x90\xe0\xb9\x91\xe0\xb9\x97", 0, 2017 },
							/* Thai */
	{ "\xf0\x9d\x9f\x90\xf0\x9d\x9f\x8e\xf0\x9d\x9f\x90\xf0\x9d\x9f"
	    "\x8f\xf0\x9d\x9f\x8e\xf0\x9d\x9f\x91\xf0\x9d\x9f\x8f\xf0\x9d"
	    "\x9f\x94", 0, 2021 },			/* math bold */
	{ "Jan 9th \xe2\x80\x99\xd9\xa2\xd9\xa3", 0, 2023 },
	{ "\xd9\xa3/\xd9\xa1\xd9\xa4", ERR_NOTFOUND, 0 },
	{ "\xd9\xa3/\xd9\xa1\xd9\xa4/\xd9\xa1\xd9\xa4\xd9\xa9\xd9\xa2",
	    ERR_NOTFOUND, 0 },
	/* Full-width letters, as the view folds them. */
	{ "\xef\xbc\x91\xef\xbc\x94\xef\xbc\x8d\xef\xbc\xad\xef\xbd\x81"
	    "\xef\xbd\x92\xef\xbc\x8d\xef\xbc\x92\xef\xbc\x91", 0, 2021 },
	/* HTML character references, which the view decodes. */
	{ "3&#47;14&#47;21", 0, 2021 },
	{ "14&#45;Mar&#x2D;21", 0, 2021 },
	{ "Jan 9th &apos;23", 0, 2023 },
	{ "Mar&nbsp;&#39;19", 0, 2019 },
	{ "&#50;&#48;&#50;&#49;-03-14", 0, 2021 },
	{ "&#1635;/&#1633;&#1636;/&#1634;&#1633;", 0, 2021 },
	{ "7&#47;22", ERR_NOTFOUND, 0 },
	{ "R&D; 7/22 &#; &#x; &#12345678;", ERR_NOTFOUND, 0 },
	/* No year. */
	{ "7/22", ERR_NOTFOUND, 0 },
	{ "12/5", ERR_NOTFOUND, 0 },
	{ "Jul 22", ERR_NOTFOUND, 0 },
	{ "July 22nd", ERR_NOTFOUND, 0 },
	{ "14 March", ERR_NOTFOUND, 0 },
	{ "14th of March", ERR_NOTFOUND, 0 },
	{ "March 3rd", ERR_NOTFOUND, 0 },
	{ "", ERR_NOTFOUND, 0 },
	{ "yesterday", ERR_NOTFOUND, 0 },
	{ "3/14/1492", ERR_NOTFOUND, 0 },
	{ "12345678", ERR_NOTFOUND, 0 },
};

struct zip_case {
	const char *in;
	int rc;
	const char *out;
};

static const struct zip_case zips[] = {
	{ "02139", 0, "021" },
	{ "94110", 0, "941" },
	{ "10001-1234", 0, "100" },
	{ "60614 ", 0, "606" },
	{ "\xef\xbc\x99\xef\xbc\x94\xef\xbc\x91\xef\xbc\x91\xef\xbc\x90",
	    0, "941" },
	{ "\xd9\xa9\xd9\xa4\xd9\xa1\xd9\xa1\xd9\xa0", 0, "941" },
	{ "\xe0\xa5\xa6\xe0\xa5\xa8\xe0\xa5\xa7\xe0\xa5\xa9\xe0\xa5\xaf"
	    "-\xe0\xa5\xa7\xe0\xa5\xa8\xe0\xa5\xa9\xe0\xa5\xaa", 0, "021" },
	{ "\xf0\x9d\x9f\x94\xf0\x9d\x9f\x8e\xf0\x9d\x9f\x94\xf0\x9d\x9f"
	    "\x8f\xf0\x9d\x9f\x92", 0, "606" },
	{ "\xd9\xa0\xd9\xa3\xd9\xa6\xd9\xa0\xd9\xa1", 0, "000" },
	{ "&#57;4110", 0, "941" },
	{ "\xd9\xa9\xd9\xa4\xd9\xa1\xd9\xa1\xd9\xa0\xd9\xa6", ERR_PARSE,
	    "000" },
	{ "\xd9\xa9\xd9\xa4\xd9\xa1\xd9\xa1", ERR_PARSE, "000" },
	/* Restricted prefixes: both census lists. */
	{ "03601", 0, "000" },
	{ "05901", 0, "000" },
	{ "06390", 0, "000" },
	{ "10200", 0, "000" },
	{ "20301", 0, "000" },
	{ "20501", 0, "000" },
	{ "36912", 0, "000" },
	{ "55601", 0, "000" },
	{ "69201", 0, "000" },
	{ "79001", 0, "000" },
	{ "82101", 0, "000" },
	{ "82301", 0, "000" },
	{ "83001", 0, "000" },
	{ "83101", 0, "000" },
	{ "87801", 0, "000" },
	{ "87901", 0, "000" },
	{ "88401", 0, "000" },
	{ "89001", 0, "000" },
	{ "89301", 0, "000" },
	{ "89401-2222", 0, "894" },
	{ "20401", 0, "204" },
	/* Not a ZIP code. */
	{ "", ERR_PARSE, "000" },
	{ "0213", ERR_PARSE, "000" },
	{ "021394", ERR_PARSE, "000" },
	{ "AB123", ERR_PARSE, "000" },
	{ "02 139", ERR_PARSE, "000" },
};

static void
test_year(void)
{
	size_t i;
	int y, rc;

	for (i = 0; i < sizeof(years) / sizeof(years[0]); i++) {
		y = -1;
		rc = generalize_year(years[i].in, strlen(years[i].in), &y);
		CU_ASSERT_EQUAL(rc, years[i].rc);
		CU_ASSERT_EQUAL(y, rc == 0 ? years[i].year : -1);
	}
}

/* Only len bytes are read; a string longer than the cap has no year. */
static void
test_year_bounds(void)
{
	static const char date[] = "3/14/2021";
	char big[GENERALIZE_MAX_DATE + 8];
	int y = 0;

	CU_ASSERT_EQUAL(generalize_year("3/14/2021", 4, &y), ERR_NOTFOUND);
	CU_ASSERT_EQUAL(generalize_year("3/14/2021xyz", 9, &y), 0);
	CU_ASSERT_EQUAL(y, 2021);
	memset(big, ' ', sizeof(big));
	memcpy(big, date, sizeof(date) - 1);
	CU_ASSERT_EQUAL(generalize_year(big, sizeof(big), &y), ERR_NOTFOUND);
	CU_ASSERT_EQUAL(generalize_year(big, GENERALIZE_MAX_DATE, &y), 0);
	/* A truncated multi-byte sequence is read safely. */
	CU_ASSERT_EQUAL(generalize_year("2021 \xef\xbc", 7, &y), 0);
	CU_ASSERT_EQUAL(y, 2021);
}

static void
test_zip3(void)
{
	char out[4];
	size_t i;

	for (i = 0; i < sizeof(zips) / sizeof(zips[0]); i++) {
		memcpy(out, "xyz", 4);
		CU_ASSERT_EQUAL(generalize_zip3(zips[i].in, strlen(zips[i].in),
		    out), zips[i].rc);
		CU_ASSERT_STRING_EQUAL(out, zips[i].out);
	}
}

/* The union of the 2000 and 2010 lists: 19 prefixes, no more. */
static void
test_restricted_count(void)
{
	char p[3];
	int i, n = 0;

	for (i = 0; i < 1000; i++) {
		p[0] = (char)('0' + i / 100);
		p[1] = (char)('0' + i / 10 % 10);
		p[2] = (char)('0' + i % 10);
		n += generalize_zip3_restricted(p);
	}
	CU_ASSERT_EQUAL(n, 19);
}

static void
test_age(void)
{
	CU_ASSERT_STRING_EQUAL(generalize_age(), "90+");
}

static int
add(void)
{
	CU_pSuite s;

	s = CU_add_suite("generalize", NULL, NULL);
	if (s == NULL ||
	    CU_add_test(s, "year", test_year) == NULL ||
	    CU_add_test(s, "year bounds", test_year_bounds) == NULL ||
	    CU_add_test(s, "zip3", test_zip3) == NULL ||
	    CU_add_test(s, "restricted count", test_restricted_count) ==
	    NULL ||
	    CU_add_test(s, "age", test_age) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
