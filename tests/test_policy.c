/* test_policy.c - built-in profiles and YAML policy files. */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "harness.h"
#include "policy.h"

static void
test_profiles(void)
{
	static const struct {
		enum policy_profile prof;
		enum phi_type type;
		enum policy_op want;
	} cases[] = {
		{ POLICY_SAFE_HARBOR, PHI_NAME, POLICY_PSEUDONYM },
		{ POLICY_SAFE_HARBOR, PHI_DATE, POLICY_YEAR },
		{ POLICY_SAFE_HARBOR, PHI_AGE, POLICY_AGE90 },
		{ POLICY_SAFE_HARBOR, PHI_ZIP, POLICY_ZIP3 },
		{ POLICY_SAFE_HARBOR, PHI_CITY, POLICY_PSEUDONYM },
		{ POLICY_SAFE_HARBOR, PHI_COUNTY, POLICY_PSEUDONYM },
		{ POLICY_SAFE_HARBOR, PHI_STATE, POLICY_KEEP },
		{ POLICY_SAFE_HARBOR, PHI_COUNTRY, POLICY_KEEP },
		{ POLICY_SAFE_HARBOR, PHI_SSN, POLICY_PSEUDONYM },
		{ POLICY_LIMITED, PHI_DATE, POLICY_KEEP },
		{ POLICY_LIMITED, PHI_CITY, POLICY_KEEP },
		{ POLICY_LIMITED, PHI_COUNTY, POLICY_KEEP },
		{ POLICY_LIMITED, PHI_ZIP, POLICY_KEEP },
		{ POLICY_LIMITED, PHI_AGE, POLICY_KEEP },
		{ POLICY_LIMITED, PHI_STATE, POLICY_KEEP },
		{ POLICY_LIMITED, PHI_NAME, POLICY_PSEUDONYM },
		{ POLICY_LIMITED, PHI_ADDRESS, POLICY_PSEUDONYM },
		{ POLICY_LIMITED, PHI_EMAIL, POLICY_PSEUDONYM },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct policy *p = policy_new(cases[i].prof);

		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		CU_ASSERT_EQUAL(policy_op(p, cases[i].type), cases[i].want);
		CU_ASSERT_EQUAL(policy_uses_keystore(p), 1);
		CU_ASSERT_EQUAL(policy_has_columns(p), 0);
		CU_ASSERT_EQUAL(policy_column(p, "anything", NULL),
		    POLICY_COL_TEXT);
		CU_ASSERT_STRING_EQUAL(policy_domain(p), "DEFAULT");
		policy_free(p);
	}
	policy_free(NULL);
}

static const char *
write_policy(const char *name, const char *body)
{
	static char path[512];
	FILE *fp;

	(void)snprintf(path, sizeof(path), "%s/%s", harness_tmpdir(), name);
	fp = fopen(path, "w");
	if (fp == NULL)
		return NULL;
	fputs(body, fp);
	(void)fclose(fp);
	return path;
}

static void
test_load_good(void)
{
	struct policy *p = NULL;
	enum phi_type t = PHI_NAME;
	char err[256];
	const char *path;

	path = write_policy("good.yaml",
	    "# a study export\n"
	    "types:\n  CITY: redact\n  NAME: redact\n"
	    "profile: limited\n"
	    "domain: STUDY_42\n"
	    "columns:\n  note_text: text\n  sex: keep\n  mrn: MRN\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	CU_ASSERT_EQUAL_FATAL(policy_load(path, &p, err, sizeof(err)), 0);

	CU_ASSERT_STRING_EQUAL(policy_profile_name(p), "limited");
	CU_ASSERT_STRING_EQUAL(policy_domain(p), "STUDY_42");
	/* types override the profile wherever 'profile' stands */
	CU_ASSERT_EQUAL(policy_op(p, PHI_CITY), POLICY_REDACT);
	CU_ASSERT_EQUAL(policy_op(p, PHI_NAME), POLICY_REDACT);
	CU_ASSERT_EQUAL(policy_op(p, PHI_DATE), POLICY_KEEP);
	/* and still after --profile switches the profile */
	policy_set_profile(p, POLICY_SAFE_HARBOR);
	CU_ASSERT_EQUAL(policy_op(p, PHI_CITY), POLICY_REDACT);
	CU_ASSERT_EQUAL(policy_op(p, PHI_NAME), POLICY_REDACT);
	CU_ASSERT_EQUAL(policy_op(p, PHI_DATE), POLICY_YEAR);
	CU_ASSERT_EQUAL(policy_op(p, PHI_PHONE), POLICY_PSEUDONYM);
	policy_set_profile(p, POLICY_LIMITED);
	CU_ASSERT_EQUAL(policy_op(p, PHI_CITY), POLICY_REDACT);
	CU_ASSERT_EQUAL(policy_op(p, PHI_ZIP), POLICY_KEEP);
	CU_ASSERT_EQUAL(policy_has_columns(p), 1);
	CU_ASSERT_EQUAL(policy_column(p, "note_text", NULL),
	    POLICY_COL_TEXT);
	CU_ASSERT_EQUAL(policy_column(p, "sex", NULL), POLICY_COL_KEEP);
	CU_ASSERT_EQUAL(policy_column(p, "mrn", &t), POLICY_COL_TYPED);
	CU_ASSERT_EQUAL(t, PHI_MRN);
	CU_ASSERT_EQUAL(policy_column(p, "address", NULL), POLICY_COL_DROP);
	CU_ASSERT_EQUAL(policy_column_count(p), 3);
	CU_ASSERT_STRING_EQUAL(policy_column_name(p, 0), "note_text");
	CU_ASSERT_STRING_EQUAL(policy_column_name(p, 2), "mrn");
	CU_ASSERT_PTR_NULL(policy_column_name(p, 3));
	policy_free(p);
}

static void
test_load_bad(void)
{
	static const struct {
		const char *body;
		int want;
		const char *msg;
	} cases[] = {
		{ "profile: strict\n", ERR_USAGE, "'profile' must be" },
		{ "domain: lower\n", ERR_USAGE, "'domain' must be" },
		{ "types:\n  NAME: shred\n", ERR_USAGE,
		    "line 2: unknown operation 'shred' for NAME" },
		{ "types:\n  PERSON: redact\n", ERR_USAGE,
		    "line 2: unknown type 'PERSON'" },
		{ "types:\n  NAME: [a]\n", ERR_USAGE,
		    "line 2: bad entry under 'types'" },
		{ "profile: limited\ncolums:\n  a: keep\n", ERR_USAGE,
		    "line 2: unknown key 'colums'" },
		{ "types:\n  NAME: year\n", ERR_USAGE,
		    "'year' does not apply to NAME" },
		{ "types:\n  DATE: age90\n", ERR_USAGE,
		    "'age90' does not apply to DATE" },
		{ "types:\n  CITY: zip3\n", ERR_USAGE,
		    "'zip3' does not apply to CITY" },
		{ "columns:\n  a: scan\n", ERR_USAGE, "a column takes" },
		{ "colour: blue\n", ERR_USAGE, "unknown key 'colour'" },
		{ "- a\n- b\n", ERR_USAGE, "must be a mapping" },
		{ "types: [\n", ERR_USAGE, "line" },
		{ "types:\n  SSN: redact\n  SSN: keep\n", ERR_USAGE,
		    "line 3: key given twice" },
		{ "profile: safe-harbor\nprofile: limited\n", ERR_USAGE,
		    "line 2: key given twice" },
		{ "columns:\n  a: text\n  b: keep\n  a: keep\n", ERR_USAGE,
		    "line 4: key given twice" },
		{ "profile: limited\n---\ntypes:\n  SSN: keep\n", ERR_USAGE,
		    "one YAML document" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct policy *p = NULL;
		char err[256] = "";
		const char *path = write_policy("bad.yaml", cases[i].body);

		CU_ASSERT_EQUAL(policy_load(path, &p, err, sizeof(err)),
		    cases[i].want);
		CU_ASSERT_PTR_NULL(p);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, cases[i].msg));
	}
	{
		struct policy *p = NULL;
		char err[256];

		CU_ASSERT_EQUAL(policy_load("/nonexistent/p.yaml", &p, err,
		    sizeof(err)), ERR_IO);
	}
}

static void
test_lists(void)
{
	struct policy *p = NULL;
	enum phi_type t = PHI_AGE;
	char err[256], want[512];
	const char *path;
	size_t line = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(write_policy("allow.txt",
	    "# words we keep\n\n  Quillfeather  \nzorbin fever\r\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(write_policy("deny.txt",
	    "Marlowe Tarrant\n# comment\nAcme Widgetry\tORGANIZATION\n"));
	path = write_policy("lists.yaml", "allow: allow.txt\n"
	    "deny: deny.txt\nknown: roster.csv\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(path);
	CU_ASSERT_EQUAL_FATAL(policy_load(path, &p, err, sizeof(err)), 0);

	CU_ASSERT_EQUAL(policy_allow_count(p), 2);
	CU_ASSERT_STRING_EQUAL(policy_allow(p, 0), "Quillfeather");
	CU_ASSERT_STRING_EQUAL(policy_allow(p, 1), "zorbin fever");
	CU_ASSERT_PTR_NULL(policy_allow(p, 2));
	CU_ASSERT_EQUAL(policy_deny_count(p), 2);
	CU_ASSERT_STRING_EQUAL(policy_deny(p, 0, &t), "Marlowe Tarrant");
	CU_ASSERT_EQUAL(t, PHI_NAME);
	CU_ASSERT_STRING_EQUAL(policy_deny(p, 1, &t), "Acme Widgetry");
	CU_ASSERT_EQUAL(t, PHI_ORGANIZATION);
	CU_ASSERT_PTR_NOT_NULL(policy_deny_where(p, 1, &line));
	CU_ASSERT_EQUAL(line, 3);
	(void)snprintf(want, sizeof(want), "%s/roster.csv",
	    harness_tmpdir());
	CU_ASSERT_STRING_EQUAL(policy_known_path(p), want);
	policy_free(p);

	p = policy_new(POLICY_SAFE_HARBOR);
	CU_ASSERT_PTR_NULL(policy_known_path(p));
	CU_ASSERT_EQUAL(policy_allow_count(p), 0);
	CU_ASSERT_EQUAL(policy_deny_count(p), 0);
	policy_free(p);
}

static void
test_lists_bad(void)
{
	static const struct {
		const char *list, *policy, *msg;
	} cases[] = {
		{ "ok\nQuentin\tPERSON\n", "deny: l.txt\n",
		    "line 2: unknown type" },
		{ "ok\nbad \377 byte\n", "allow: l.txt\n",
		    "line 2: not valid UTF-8" },
		{ "", "allow: missing.txt\n", "cannot open allow list" },
		{ "", "known:\n", "'known' needs a file name" },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct policy *p = NULL;
		char err[256] = "";
		const char *path;

		CU_ASSERT_PTR_NOT_NULL_FATAL(write_policy("l.txt",
		    cases[i].list));
		path = write_policy("lbad.yaml", cases[i].policy);
		CU_ASSERT_NOT_EQUAL(policy_load(path, &p, err, sizeof(err)),
		    0);
		CU_ASSERT_PTR_NULL(p);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, cases[i].msg));
		/* the message never quotes an entry */
		CU_ASSERT_PTR_NULL(strstr(err, "Quentin"));
	}
}

static void
test_parse_op(void)
{
	enum policy_op op;

	CU_ASSERT_EQUAL(policy_parse_op("zip3", &op), 0);
	CU_ASSERT_EQUAL(op, POLICY_ZIP3);
	CU_ASSERT_EQUAL(policy_parse_op("age90", &op), 0);
	CU_ASSERT_EQUAL(op, POLICY_AGE90);
	CU_ASSERT_EQUAL(policy_parse_op("Keep", &op), ERR_NOTFOUND);
	CU_ASSERT_STRING_EQUAL(policy_op_name(POLICY_YEAR), "year");
	CU_ASSERT_STRING_EQUAL(policy_op_name(POLICY_PSEUDONYM), "pseudonym");
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("policy", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "profiles", test_profiles) == NULL ||
	    CU_add_test(s, "load good", test_load_good) == NULL ||
	    CU_add_test(s, "load bad", test_load_bad) == NULL ||
	    CU_add_test(s, "allow and deny lists", test_lists) == NULL ||
	    CU_add_test(s, "bad lists", test_lists_bad) == NULL ||
	    CU_add_test(s, "parse op", test_parse_op) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
