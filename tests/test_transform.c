/* test_transform.c - replacements by policy. */
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "harness.h"
#include "keystore.h"
#include "policy.h"
#include "pseudonym.h"
#include "transform.h"

/* Apply one replacement and return it (static buffer). */
static const char *
apply(const struct transform *t, enum phi_type type, const char *v,
    int ref_year, int *rc)
{
	static char out[256];
	struct buf b;

	buf_init(&b, 4096);
	*rc = transform_apply(t, type, v, strlen(v), ref_year, &b);
	(void)snprintf(out, sizeof(out), "%s", b.data ? b.data : "");
	buf_release(&b);
	return out;
}

static void
test_generalising(void)
{
	static const struct {
		enum policy_profile prof;
		enum phi_type type;
		const char *in;
		int ref;
		const char *want;
	} cases[] = {
		{ POLICY_SAFE_HARBOR, PHI_DATE, "03/14/2021", 0, "2021" },
		{ POLICY_SAFE_HARBOR, PHI_DATE, "March 14th, 2021", 0, "2021" },
		{ POLICY_SAFE_HARBOR, PHI_DATE, "2019-11-02T08:15Z", 0,
		    "2019" },
		{ POLICY_SAFE_HARBOR, PHI_DATE, "7/22", 0, "[DATE]" },
		{ POLICY_SAFE_HARBOR, PHI_DATE, "Jul 22", 2024, "[DATE]" },
		{ POLICY_SAFE_HARBOR, PHI_DATE, "5/17/1929", 2024, "90+" },
		{ POLICY_SAFE_HARBOR, PHI_DATE, "5/17/1934", 2024, "90+" },
		{ POLICY_SAFE_HARBOR, PHI_DATE, "5/17/1935", 2024, "1935" },
		{ POLICY_SAFE_HARBOR, PHI_DATE, "5/17/1929", 0, "1929" },
		{ POLICY_SAFE_HARBOR, PHI_AGE, "97", 0, "90+" },
		{ POLICY_SAFE_HARBOR, PHI_ZIP, "02139", 0, "021" },
		{ POLICY_SAFE_HARBOR, PHI_ZIP, "02139-4307", 0, "021" },
		{ POLICY_SAFE_HARBOR, PHI_ZIP, "03601", 0, "000" },
		{ POLICY_SAFE_HARBOR, PHI_ZIP, "89301", 0, "000" },
		{ POLICY_SAFE_HARBOR, PHI_STATE, "Oregon", 0, "Oregon" },
		{ POLICY_SAFE_HARBOR, PHI_COUNTRY, "Norway", 0, "Norway" },
		{ POLICY_LIMITED, PHI_DATE, "03/14/2021", 2024, "03/14/2021" },
		{ POLICY_LIMITED, PHI_ZIP, "02139", 0, "02139" },
		{ POLICY_LIMITED, PHI_CITY, "Ashford", 0, "Ashford" },
		{ POLICY_LIMITED, PHI_AGE, "97", 0, "97" },
	};
	size_t i;
	int rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct policy *p = policy_new(cases[i].prof);
		struct transform *t = transform_new(p, NULL, NULL);

		CU_ASSERT_PTR_NOT_NULL_FATAL(t);
		CU_ASSERT_STRING_EQUAL(apply(t, cases[i].type, cases[i].in,
		    cases[i].ref, &rc), cases[i].want);
		CU_ASSERT_EQUAL(rc, 0);
		transform_free(t);
		policy_free(p);
	}
	transform_free(NULL);
}

static int
token_shape(const char *s, const char *type)
{
	char pat[128];
	regex_t re;
	int ok;

	(void)snprintf(pat, sizeof(pat), "^\\[%s-[a-z2-7]{24}\\]$", type);
	if (regcomp(&re, pat, REG_EXTENDED) != 0)
		return 0;
	ok = regexec(&re, s, 0, NULL, 0) == 0;
	regfree(&re);
	return ok;
}

/*
 * A pseudonym is "[TYPE-" the token of the value's norm_v1 "]", for a
 * short ASCII value, one longer than the stack buffer the norm goes to,
 * one ICU must normalise, and the longest type names.
 */
static void
check_rendering(const struct transform *t, const struct pseudonym *ps)
{
	static const struct {
		enum phi_type type;
		const char *v;
	} cases[] = {
		{ PHI_ORGANIZATION, "Harrowgate  Tile Works" },
		{ PHI_HEALTH_PLAN, "HP-0077-1902" },
		{ PHI_NAME, "Zo\u00eb  QUIST" },
		{ PHI_ADDRESS, NULL },	/* 300 bytes */
	};
	char longv[301], want[64], tok[PSEUDONYM_TOKLEN + 1], *norm;
	const char *v;
	size_t i, n;
	int rc;

	memset(longv, 'q', 300);
	longv[300] = '\0';
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		v = cases[i].v != NULL ? cases[i].v : longv;
		CU_ASSERT_EQUAL_FATAL(pseudonym_norm(cases[i].type, v,
		    strlen(v), &norm, &n), 0);
		CU_ASSERT_EQUAL(pseudonym_token(ps, cases[i].type, norm, n,
		    tok), 0);
		free(norm);
		(void)snprintf(want, sizeof(want), "[%s-%s]",
		    phitype_name(cases[i].type), tok);
		CU_ASSERT_STRING_EQUAL(apply(t, cases[i].type, v, 0, &rc),
		    want);
		CU_ASSERT_EQUAL(rc, 0);
	}
}

static void
test_pseudonyms(void)
{
	struct policy *p = policy_new(POLICY_SAFE_HARBOR);
	struct pseudonym *ps;
	unsigned char k[32];
	struct transform *t, *nokey;
	struct keystore_writer *ks;
	struct keyfile *kf = NULL;
	char a[128], b[128], err[256], path[512], dir[512];
	int rc;

	(void)snprintf(path, sizeof(path), "%s/t.key", harness_tmpdir());
	(void)snprintf(dir, sizeof(dir), "%s/ks", harness_tmpdir());
	CU_ASSERT_EQUAL_FATAL(keyfile_generate(path, NULL, 0, 15, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(keyfile_load(path, NULL, 0, &kf, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(keyfile_subkey(kf, KEYFILE_PSEUDONYM, "DEFAULT",
	    k), 0);
	ps = pseudonym_new(k);
	ks = keystore_writer_new(dir, kf, "DEFAULT", 0, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ks);
	t = transform_new(p, ps, ks);
	nokey = transform_new(p, NULL, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);

	{
		(void)snprintf(a, sizeof(a), "%s",
		    apply(t, PHI_NAME, "Odile  Marchetti", 0, &rc));
		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT_TRUE(token_shape(a, "NAME"));
		/* norm_v1: case and white space do not change the token */
		(void)snprintf(b, sizeof(b), "%s",
		    apply(t, PHI_NAME, "odile marchetti", 0, &rc));
		CU_ASSERT_STRING_EQUAL(a, b);
		(void)snprintf(b, sizeof(b), "%s",
		    apply(t, PHI_CITY, "Odile Marchetti", 0, &rc));
		CU_ASSERT_TRUE(token_shape(b, "CITY"));
		CU_ASSERT_STRING_NOT_EQUAL(a + 6, b + 6);
		CU_ASSERT_EQUAL(keystore_writer_count(ks), 2);
	}

	{
		/* variants with the canonical form share its token */
		static const char *const variants[] = { "MARCHETTI, ODILE",
			"Marchetti", "Odie", "O. Marchetti" };
		static const char canon[] = "Odile Marchetti";
		struct buf o;
		size_t i;

		for (i = 0; i < sizeof(variants) / sizeof(variants[0]); i++) {
			buf_init(&o, 4096);
			rc = transform_apply_canon(t, PHI_NAME, variants[i],
			    strlen(variants[i]), canon, strlen(canon), 0, &o);
			CU_ASSERT_EQUAL(rc, 0);
			CU_ASSERT_STRING_EQUAL(o.data, a);
			buf_release(&o);
		}
		/* the keystore holds one original for them all */
		CU_ASSERT_EQUAL(keystore_writer_count(ks), 2);
		/* without a canonical form, the text's own token */
		buf_init(&o, 4096);
		rc = transform_apply_canon(t, PHI_NAME, "Marchetti", 9, NULL,
		    0, 0, &o);
		CU_ASSERT_STRING_NOT_EQUAL(o.data, a);
		buf_release(&o);
		/* other operators work on the text, not the canonical form */
		buf_init(&o, 4096);
		rc = transform_apply_canon(t, PHI_DATE, "3/4/1999", 8,
		    "1998-01-01", 10, 0, &o);
		CU_ASSERT_STRING_EQUAL(o.data, "1999");
		buf_release(&o);
	}

	check_rendering(t, ps);
	(void)apply(nokey, PHI_NAME, "Odile Marchetti", 0, &rc);
	CU_ASSERT_EQUAL(rc, ERR_USAGE);

	transform_free(t);
	transform_free(nokey);
	keystore_writer_free(ks);
	keyfile_free(kf);
	pseudonym_free(ps);
	policy_free(p);
}

static void
test_redact(void)
{
	struct policy *p = NULL;
	struct transform *t;
	char err[256], path[512];
	FILE *fp;
	int rc;

	(void)snprintf(path, sizeof(path), "%s/redact.yaml",
	    harness_tmpdir());
	fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs("types:\n  CITY: redact\n  EMAIL: redact\n  DATE: keep\n", fp);
	(void)fclose(fp);
	CU_ASSERT_EQUAL_FATAL(policy_load(path, &p, err, sizeof(err)), 0);

	t = transform_new(p, NULL, NULL);
	CU_ASSERT_STRING_EQUAL(apply(t, PHI_CITY, "Ashford", 0, &rc),
	    "[CITY]");
	CU_ASSERT_STRING_EQUAL(apply(t, PHI_EMAIL, "a@b.example", 0, &rc),
	    "[EMAIL]");
	CU_ASSERT_STRING_EQUAL(apply(t, PHI_DATE, "3/4/2020", 2020, &rc),
	    "3/4/2020");
	CU_ASSERT_EQUAL(transform_op(t, PHI_ZIP), POLICY_ZIP3);
	transform_free(t);
	policy_free(p);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("transform", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "generalising", test_generalising) == NULL ||
	    CU_add_test(s, "pseudonyms", test_pseudonyms) == NULL ||
	    CU_add_test(s, "redact", test_redact) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
