/*
 * test_idcheck.c - the identifier validators on known-good and
 * known-bad values.  Every value is invented; the check digits of the
 * good ones were computed for these tests.
 */
#include <string.h>

#include "harness.h"
#include "idcheck.h"

struct check_case {
	const char *in;
	int want;
};

struct check_table {
	const char *name;
	int (*fn)(const char *s, size_t len);
	const struct check_case *cases;
	size_t n;
};

static const struct check_case ssn_cases[] = {
	{ "123-45-6789", 1 },
	{ "529 81 3307", 1 },
	{ "529813307", 1 },
	{ "899-99-9999", 1 },
	{ "001-01-0001", 1 },
	{ "000-45-6789", 0 },		/* area 000 */
	{ "666-45-6789", 0 },		/* area 666 */
	{ "900-45-6789", 0 },		/* area 900-999 */
	{ "987-65-4321", 0 },
	{ "123-00-6789", 0 },		/* group 00 */
	{ "123-45-0000", 0 },		/* serial 0000 */
	{ "078-05-1120", 0 },		/* advertised */
	{ "219-09-9999", 0 },
	{ "123-45 6789", 0 },		/* mixed separators */
	{ "12-345-6789", 0 },		/* wrong grouping */
	{ "12345678", 0 },
	{ "1234567890", 0 },
	{ "12a-45-6789", 0 },
	{ "", 0 },
};

static const struct check_case luhn_cases[] = {
	{ "4000123456789017", 1 },
	{ "4000 1234 5678 9017", 1 },
	{ "4000-1234-5678-9017", 1 },
	{ "371624509831713", 1 },	/* 15 digits */
	{ "6011007744553214", 1 },
	{ "49173008000000", 1 },
	{ "4000123456789018", 0 },	/* check digit off by one */
	{ "4000123456789071", 0 },	/* transposed */
	{ "40001234567", 0 },		/* too short */
	{ "40001234567890123456", 0 },	/* too long */
	{ "4000x23456789017", 0 },
	{ "", 0 },
};

static const struct check_case iban_cases[] = {
	{ "GB42WXYZ60161331926819", 1 },
	{ "GB42 WXYZ 6016 1331 9268 19", 1 },
	{ "DE89370400440532013000", 1 },
	{ "FR1420041010050500013M02606", 1 },
	{ "NL91ABNA0417164300", 1 },
	{ "GB43WXYZ60161331926819", 0 },	/* check digits */
	{ "GB42WXYZ60161331926818", 0 },	/* one digit off */
	{ "GB42WXYZ6016133192681", 0 },		/* GB is 22 long */
	{ "QQ42WXYZ60161331926819", 0 },	/* no such country */
	{ "gb42wxyz60161331926819", 1 },	/* case is folded */
	{ "gb43wxyz60161331926819", 0 },
	{ "GBX2WXYZ60161331926819", 0 },
	{ "", 0 },
};

static const struct check_case mbi_cases[] = {
	{ "3TQ9R21KV58", 1 },
	{ "3TQ9-R21-KV58", 1 },
	{ "7A40C9J2HM11", 0 },		/* 12 characters */
	{ "7AA0C9J2HM1", 0 },		/* position 4 not a digit */
	{ "0TQ9R21KV58", 0 },		/* leading zero */
	{ "3SQ9R21KV58", 0 },		/* S is excluded */
	{ "3TQ9R21KO58", 0 },		/* O is excluded */
	{ "3TQ9L21KV58", 0 },		/* L is excluded */
	{ "3tq9r21kv58", 0 },		/* lower case */
	{ "3TQ9R21K758", 0 },		/* position 9 must be a letter */
	{ "3TQ-9R21-KV58", 0 },		/* dashes misplaced */
	{ "", 0 },
};

static const struct check_case dea_cases[] = {
	{ "AK4152637", 1 },
	{ "BM7001124", 1 },
	{ "F91234563", 1 },		/* '9' as second character */
	{ "MJ9081720", 1 },
	{ "AK4152636", 0 },		/* check digit */
	{ "IK4152637", 0 },		/* I is no registrant type */
	{ "A14152637", 0 },		/* second character a digit */
	{ "ak4152637", 0 },
	{ "AK415263", 0 },
	{ "AK41526370", 0 },
	{ "", 0 },
};

static const struct check_case vin_cases[] = {
	{ "1HGTR82N4KA314159", 1 },
	{ "5XYKT3A61DG161803", 1 },
	{ "3VWDP7AJ4CM398874", 1 },
	{ "2FMZA5146YB271828", 1 },
	{ "1HGTR82N5KA314159", 0 },	/* check digit */
	{ "1HGTR82NXKA314159", 0 },
	{ "1HGTR82N4KA31415", 0 },	/* 16 characters */
	{ "1HGTR82N4KA31415I", 0 },	/* I is not allowed */
	{ "1HGTO82N4KA314159", 0 },	/* O is not allowed */
	{ "1hgtr82n4ka314159", 0 },
	{ "12345678912345678", 0 },	/* no letter */
	{ "", 0 },
};

static const struct check_case npi_cases[] = {
	{ "1234567893", 1 },
	{ "1987654328", 1 },
	{ "2564138792", 1 },
	{ "1703582647", 1 },
	{ "1234567890", 0 },		/* check digit */
	{ "1987654323", 0 },
	{ "3234567893", 0 },		/* must start with 1 or 2 */
	{ "123456789", 0 },
	{ "12345678930", 0 },
	{ "12345-7893", 0 },
	{ "", 0 },
};

static const struct check_case date_cases[] = {
	{ "2019-03-04", 1 },
	{ "03-04-2019", 1 },
	{ "3/4/19", 1 },
	{ "31.12.2020", 1 },
	{ "2019-2021", 1 },		/* year range */
	{ "2019-21", 1 },
	{ "1987", 1 },			/* bare year */
	{ "13-45-2019", 0 },		/* no such month or day */
	{ "2019-13-40", 0 },
	{ "12345678", 0 },
	{ "1234", 0 },			/* not a year */
	{ "3021", 0 },
	{ "AB-2019", 0 },
	{ "03-04/2019", 0 },		/* mixed separators */
	{ "03-04-2019-1", 0 },
	{ "03--04", 0 },
	{ "1234-5678", 0 },
	{ "", 0 },
};

#define TABLE(fn, c) { #fn, (fn), (c), sizeof(c) / sizeof((c)[0]) }

static const struct check_table tables[] = {
	TABLE(idcheck_ssn, ssn_cases),
	TABLE(idcheck_luhn, luhn_cases),
	TABLE(idcheck_iban, iban_cases),
	TABLE(idcheck_mbi, mbi_cases),
	TABLE(idcheck_dea, dea_cases),
	TABLE(idcheck_vin, vin_cases),
	TABLE(idcheck_npi, npi_cases),
	TABLE(idcheck_datelike, date_cases),
};

static void
test_tables(void)
{
	const struct check_table *t;
	const struct check_case *c;
	size_t i, j;
	int got;

	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		t = &tables[i];
		for (j = 0; j < t->n; j++) {
			c = &t->cases[j];
			got = t->fn(c->in, strlen(c->in));
			/* name the failing case in CUnit's report */
			CU_assertImplementation(got == c->want, __LINE__,
			    c->in, t->name, "", CU_FALSE);
		}
	}
}

/* A validator must not read past len, even inside a longer buffer. */
static void
test_bounds(void)
{
	CU_ASSERT_EQUAL(idcheck_ssn("123-45-67890", 11), 1);
	CU_ASSERT_EQUAL(idcheck_luhn("40001234567890170", 16), 1);
	CU_ASSERT_EQUAL(idcheck_npi("12345678930", 10), 1);
	CU_ASSERT_EQUAL(idcheck_vin("1HGTR82N4KA314159X", 17), 1);
	CU_ASSERT_EQUAL(idcheck_dea("AK41526370", 9), 1);
	CU_ASSERT_EQUAL(idcheck_datelike("2019-03-04x", 10), 1);
	CU_ASSERT_EQUAL(idcheck_ssn("123-45-6789", 0), 0);
}

static int
add(void)
{
	CU_pSuite s;

	s = CU_add_suite("idcheck", NULL, NULL);
	if (s == NULL)
		return -1;
	if (CU_add_test(s, "validators", test_tables) == NULL ||
	    CU_add_test(s, "bounds", test_bounds) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
