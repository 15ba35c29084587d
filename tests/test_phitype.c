/* test_phitype.c - type names, error strings and the log sink. */
#include <string.h>

#include "err.h"
#include "harness.h"
#include "log.h"
#include "phitype.h"

static void
test_names(void)
{
	static const struct {
		enum phi_type type;
		const char *name;
	} cases[] = {
		{ PHI_NAME, "NAME" }, { PHI_HEALTH_PLAN, "HEALTH_PLAN" },
		{ PHI_OTHER_ID, "OTHER_ID" }, { PHI_ZIP, "ZIP" },
		{ PHI_BIOMETRIC, "BIOMETRIC" }, { PHI_COUNTY, "COUNTY" },
	};
	enum phi_type t;
	size_t i;
	int k;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CU_ASSERT_STRING_EQUAL(phitype_name(cases[i].type),
		    cases[i].name);
		CU_ASSERT_EQUAL(phitype_parse(cases[i].name, &t), 0);
		CU_ASSERT_EQUAL(t, cases[i].type);
	}
	/* every type round-trips, and names are unique */
	for (k = 0; k < PHI_NTYPES; k++) {
		CU_ASSERT_EQUAL(phitype_parse(phitype_name(k), &t), 0);
		CU_ASSERT_EQUAL(t, (enum phi_type)k);
	}
	CU_ASSERT_PTR_NULL(phitype_name(PHI_NTYPES));
	CU_ASSERT_EQUAL(phitype_parse("name", &t), ERR_NOTFOUND);
	CU_ASSERT_EQUAL(phitype_parse("PERSON", &t), ERR_NOTFOUND);
}

static void
test_err_str(void)
{
	CU_ASSERT_STRING_EQUAL(err_str(ERR_OK), "success");
	CU_ASSERT_STRING_EQUAL(err_str(ERR_UTF8),
	    "invalid UTF-8 or NUL byte");
	CU_ASSERT_STRING_EQUAL(err_str(ERR_TOOBIG), "record too large");
	CU_ASSERT_STRING_EQUAL(err_str(-999), "unknown error");
}

static char last_line[512];
static int last_level = -1;
static int lines;

static void
sink(enum log_level level, const char *line)
{
	last_level = (int)level;
	memcpy(last_line, line, strlen(line) + 1);
	lines++;
}

static void
test_log(void)
{
	log_set_sink(sink, LOG_LEVEL_WARN);
	log_warn("record %d: %s", 7, "too long");
	CU_ASSERT_EQUAL(lines, 1);
	CU_ASSERT_EQUAL(last_level, LOG_LEVEL_WARN);
	CU_ASSERT_STRING_EQUAL(last_line, "test_log: record 7: too long");

	log_info("not shown at WARN");
	CU_ASSERT_EQUAL(lines, 1);

	log_set_sink(sink, LOG_LEVEL_INFO);
	log_info("%zu spans", (size_t)3);
	CU_ASSERT_EQUAL(lines, 2);
	CU_ASSERT_STRING_EQUAL(last_line, "test_log: 3 spans");

	log_set_sink(NULL, LOG_LEVEL_DEBUG);
	log_error("dropped");
	CU_ASSERT_EQUAL(lines, 2);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("phitype", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "names", test_names) == NULL ||
	    CU_add_test(s, "err_str", test_err_str) == NULL ||
	    CU_add_test(s, "log", test_log) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
