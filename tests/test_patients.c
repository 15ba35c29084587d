/* test_patients.c - structured identifiers of records and patients. */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "harness.h"
#include "patients.h"
#include "policy.h"
#include "record.h"

static void
test_columns(void)
{
	static const struct {
		const char *name;
		int is;
		enum phi_type type;
		enum patients_part part;
	} cases[] = {
		{ "first_name", 1, PHI_NAME, PATIENTS_PART_FIRST },
		{ "First Name", 1, PHI_NAME, PATIENTS_PART_FIRST },
		{ "GIVEN-NAME", 1, PHI_NAME, PATIENTS_PART_FIRST },
		{ "surname", 1, PHI_NAME, PATIENTS_PART_LAST },
		{ "middle_name", 1, PHI_NAME, PATIENTS_PART_MIDDLE },
		{ "patient_name", 1, PHI_NAME, PATIENTS_PART_FULL },
		{ "patient.name", 0, PHI_NAME, PATIENTS_PART_NONE },
		{ "drugs[2].name", 0, PHI_NAME, PATIENTS_PART_NONE },
		{ "patient.first_name", 1, PHI_NAME, PATIENTS_PART_FIRST },
		{ "MRN", 1, PHI_MRN, PATIENTS_PART_NONE },
		{ "Date of Birth", 1, PHI_DATE, PATIENTS_PART_NONE },
		{ "zipcode", 1, PHI_ZIP, PATIENTS_PART_NONE },
		{ "member_id", 1, PHI_HEALTH_PLAN, PATIENTS_PART_NONE },
		{ "contacts[0].phone", 1, PHI_PHONE, PATIENTS_PART_NONE },
		{ "note_text", 0, PHI_NAME, PATIENTS_PART_NONE },
		{ "patient_id", 0, PHI_NAME, PATIENTS_PART_NONE },
		{ "", 0, PHI_NAME, PATIENTS_PART_NONE },
		{ "--", 0, PHI_NAME, PATIENTS_PART_NONE },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum phi_type t = PHI_AGE;
		enum patients_part p = PATIENTS_PART_NONE;

		CU_ASSERT_EQUAL(patients_column(cases[i].name, &t, &p),
		    cases[i].is);
		if (cases[i].is) {
			CU_ASSERT_EQUAL(t, cases[i].type);
			CU_ASSERT_EQUAL(p, cases[i].part);
		}
	}
}

/* A full name is split into its parts; the canonical form is F L. */
static void
test_full_names(void)
{
	static const struct {
		const char *in, *first, *middle, *last, *canon;
	} cases[] = {
		{ "Ysolde Marren", "Ysolde", "", "Marren", "Ysolde Marren" },
		{ "  Ysolde   Q.  Marren ", "Ysolde", "Q.", "Marren",
		    "Ysolde Marren" },
		{ "MARREN, YSOLDE Q", "YSOLDE", "Q", "MARREN",
		    "YSOLDE MARREN" },
		{ "Marren,Ysolde", "Ysolde", "", "Marren", "Ysolde Marren" },
		{ "Dr. Ysolde Marren Jr.", "Ysolde", "", "Marren",
		    "Ysolde Marren" },
		{ "Ysolde Anne Lise Marren", "Ysolde", "Anne Lise", "Marren",
		    "Ysolde Marren" },
		{ "Marren", "", "", "Marren", "Marren" },
	};
	struct patients_set s;
	struct record rec;
	size_t i, len = 0;

	patients_set_init(&s);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		record_init(&rec);
		CU_ASSERT_EQUAL(record_add_field(&rec, "text", "x", 1), 0);
		CU_ASSERT_EQUAL(record_add_field(&rec, "name", cases[i].in,
		    strlen(cases[i].in)), 0);
		CU_ASSERT_EQUAL_FATAL(patients_collect(&s, NULL, &rec), 0);
		CU_ASSERT_EQUAL_FATAL(s.nnames, 1);
		CU_ASSERT_STRING_EQUAL(s.names[0].first, cases[i].first);
		CU_ASSERT_STRING_EQUAL(s.names[0].middle, cases[i].middle);
		CU_ASSERT_STRING_EQUAL(s.names[0].last, cases[i].last);
		CU_ASSERT_STRING_EQUAL(s.names[0].canon, cases[i].canon);
		CU_ASSERT_EQUAL(s.field_type[0], PHI_NTYPES);
		CU_ASSERT_EQUAL(s.field_type[1], PHI_NAME);
		CU_ASSERT_PTR_NULL(patients_field_canon(&s, 0, &len));
		CU_ASSERT_STRING_EQUAL(patients_field_canon(&s, 1, &len),
		    cases[i].canon);
		CU_ASSERT_EQUAL(len, strlen(cases[i].canon));
		record_release(&rec);
	}
	patients_set_release(&s);
}

static const char *
write_file(const char *name, const char *body)
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

/* Parts, ids and the policy's typed columns of one record. */
static void
test_collect(void)
{
	static const char *const f[][2] = {
		{ "id", "n1" }, { "fname", "Corwin" }, { "lname", "Aldous" },
		{ "mrn", "  QP 55 1207 " }, { "ssn", "" },
		{ "acct", "AC99312" }, { "dob", "null" },
	};
	struct patients_set s;
	struct policy *p = NULL;
	struct record rec;
	char err[256];
	size_t i, len = 0;

	record_init(&rec);
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		CU_ASSERT_EQUAL(record_add_field(&rec, f[i][0], f[i][1],
		    strlen(f[i][1])), 0);
	rec.fields[6].scan = 0;		/* a JSON null */
	patients_set_init(&s);
	CU_ASSERT_EQUAL_FATAL(patients_collect(&s, NULL, &rec), 0);
	CU_ASSERT_EQUAL(s.nnames, 1);
	CU_ASSERT_STRING_EQUAL(s.names[0].canon, "Corwin Aldous");
	CU_ASSERT_EQUAL_FATAL(s.nids, 1);
	CU_ASSERT_EQUAL(s.ids[0].type, PHI_MRN);
	CU_ASSERT_STRING_EQUAL(s.ids[0].value, "QP 55 1207");
	CU_ASSERT_STRING_EQUAL(patients_field_canon(&s, 1, &len),
	    "Corwin Aldous");
	CU_ASSERT_STRING_EQUAL(patients_field_canon(&s, 2, &len),
	    "Corwin Aldous");
	CU_ASSERT_PTR_NULL(patients_field_canon(&s, 3, &len));
	CU_ASSERT_EQUAL(s.field_type[5], PHI_NTYPES);
	CU_ASSERT_EQUAL(s.field_type[6], PHI_NTYPES);

	/* a policy's typed column is an identifier; text and keep are not */
	CU_ASSERT_EQUAL_FATAL(policy_load(write_file("p.yaml", "columns:\n"
	    "  acct: ACCOUNT\n  mrn: keep\n  fname: NAME\n"), &p, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(patients_collect(&s, p, &rec), 0);
	CU_ASSERT_EQUAL_FATAL(s.nids, 1);
	CU_ASSERT_EQUAL(s.ids[0].type, PHI_ACCOUNT);
	CU_ASSERT_EQUAL(s.field_type[3], PHI_NTYPES);
	CU_ASSERT_EQUAL(s.field_type[1], PHI_NAME);
	CU_ASSERT_STRING_EQUAL(s.names[0].canon, "Corwin Aldous");
	policy_free(p);
	patients_set_release(&s);
	record_release(&rec);
}

static void
test_table(void)
{
	static const char *const a[][2] = { { "first_name", "Ines" },
		{ "last_name", "Vasquel" }, { "mrn", "77120045" } };
	static const char *const b[][2] = { { "name", "VASQUEL, INES" },
		{ "MRN", "77120045" }, { "phone", "555 201 7788" } };
	struct patients_set s;
	struct patients *t = patients_new();
	const struct patients_set *got;
	struct record rec;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	patients_set_init(&s);
	record_init(&rec);
	for (i = 0; i < 3; i++)
		(void)record_add_field(&rec, a[i][0], a[i][1], strlen(a[i][1]));
	CU_ASSERT_EQUAL(patients_collect(&s, NULL, &rec), 0);
	CU_ASSERT_EQUAL(patients_add(t, "P-1", &s), 0);
	record_release(&rec);
	for (i = 0; i < 3; i++)
		(void)record_add_field(&rec, b[i][0], b[i][1], strlen(b[i][1]));
	CU_ASSERT_EQUAL(patients_collect(&s, NULL, &rec), 0);
	CU_ASSERT_EQUAL(patients_add(t, "P-1", &s), 0);
	/* many patients: the table grows */
	for (i = 0; i < 500; i++) {
		char pid[32];

		(void)snprintf(pid, sizeof(pid), "Q%zu", i);
		CU_ASSERT_EQUAL(patients_add(t, pid, &s), 0);
	}
	CU_ASSERT_EQUAL(patients_count(t), 501);

	got = patients_find(t, "P-1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	/* the same person and MRN in another case are kept once */
	CU_ASSERT_EQUAL(got->nnames, 1);
	CU_ASSERT_EQUAL(got->nids, 2);
	CU_ASSERT_STRING_EQUAL(got->names[0].canon, "Ines Vasquel");
	CU_ASSERT_PTR_NOT_NULL(patients_find(t, "Q499"));
	CU_ASSERT_PTR_NULL(patients_find(t, "P-2"));
	CU_ASSERT_PTR_NULL(patients_find(t, NULL));
	CU_ASSERT_PTR_NULL(patients_find(NULL, "P-1"));

	/* bounded: extra identifiers of a patient are ignored */
	for (i = 0; i < 2 * PATIENTS_MAX_IDS; i++) {
		char v[32];

		(void)snprintf(v, sizeof(v), "ACC%06zu", i);
		record_release(&rec);
		(void)record_add_field(&rec, "mrn", v, strlen(v));
		CU_ASSERT_EQUAL(patients_collect(&s, NULL, &rec), 0);
		CU_ASSERT_EQUAL(patients_add(t, "P-1", &s), 0);
	}
	CU_ASSERT_EQUAL(patients_find(t, "P-1")->nids, PATIENTS_MAX_IDS);
	record_release(&rec);
	patients_set_release(&s);
	patients_free(t);
	patients_free(NULL);
}

static void
test_read(void)
{
	static const struct {
		const char *name, *body;
		enum record_format fmt;
		int strict, want;
		size_t patients;
		const char *msg;
	} cases[] = {
		{ "r.csv", "patient_id,first_name,last_name,mrn,age\n"
		    "K1,Orla,Fenwright,55001234,40\n"
		    "K2,Tobin,Ashgrove,55009876,51\n"
		    ",No,Patient,1,1\n", RECORD_CSV, 1, 0, 2, NULL },
		{ "r.jsonl", "{\"patient_id\": \"K1\", \"name\": \"Orla "
		    "Fenwright\", \"mrn\": 55001234}\n\n"
		    "{\"patient_id\": \"K3\", \"dob\": \"1970-02-03\"}\n",
		    RECORD_JSONL, 1, 0, 2, NULL },
		{ "bad.csv", "patient_id,first_name\nK1,Orla\nK2\n",
		    RECORD_CSV, 1, ERR_PARSE, 1, "record 2" },
		{ "bad2.csv", "patient_id,first_name\nK1,Orla\nK2\n",
		    RECORD_CSV, 0, 0, 1, NULL },
		{ "none.csv", "id,text\n1,Orla\n", RECORD_CSV, 1, ERR_USAGE, 0,
		    "no record with a patient_id" },
		/* a roster row that is not UTF-8 is refused by number */
		{ "utf8.csv", "patient_id,first_name,last_name\n"
		    "K1,Orla,Fenwright\nK2,Orla\377x,Ashgrove\n",
		    RECORD_CSV, 1, ERR_UTF8, 1, "record 2: not valid UTF-8" },
		{ "utf8pid.csv", "patient_id,first_name\nK\3771,Orla\n",
		    RECORD_CSV, 1, ERR_UTF8, 0, "record 1: not valid UTF-8" },
		/* the first pass skips such a value, keeps the rest */
		{ "utf8b.csv", "patient_id,first_name,mrn\n"
		    "K1,Orla\377x,55001234\n", RECORD_CSV, 0, 0, 1, NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct patients *t = patients_new();
		const char *path = write_file(cases[i].name, cases[i].body);
		char err[512] = "";
		FILE *fp = fopen(path, "rb");

		CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
		CU_ASSERT_EQUAL(patients_read(t, fp, path, cases[i].fmt, NULL,
		    1 << 20, cases[i].strict, err, sizeof(err)),
		    cases[i].want);
		CU_ASSERT_EQUAL(patients_count(t), cases[i].patients);
		if (cases[i].msg != NULL)
			CU_ASSERT_PTR_NOT_NULL(strstr(err, cases[i].msg));
		/* messages name the file, never a value */
		CU_ASSERT_PTR_NULL(strstr(err, "Orla"));
		(void)fclose(fp);
		patients_free(t);
	}
}

/* Whether a and b hold the same identifiers and names, in order. */
static int
same_set(const struct patients_set *a, const struct patients_set *b)
{
	size_t i;

	if (a->nids != b->nids || a->nnames != b->nnames)
		return 0;
	for (i = 0; i < a->nids; i++)
		if (a->ids[i].type != b->ids[i].type ||
		    strcmp(a->ids[i].value, b->ids[i].value) != 0)
			return 0;
	for (i = 0; i < a->nnames; i++)
		if (strcmp(a->names[i].canon, b->names[i].canon) != 0)
			return 0;
	return 1;
}

/*
 * The threaded first pass over JSONL (several batches, patients whose
 * records are far apart, malformed and blank lines) builds the same
 * table as the one-thread pass.
 */
static void
test_read_threads(void)
{
	static const char *const first[] = { "Orla", "Tobin", "Wren" };
	static const char *const last[] = { "Fenwright", "Ashgrove",
		"Pellmore", "Quillan" };
	struct patients *one = patients_new(), *many = patients_new();
	char err[512] = "", err2[512] = "", pid[16];
	const char *path;
	FILE *fp;
	size_t i;
	int k;

	CU_ASSERT_FATAL(one != NULL && many != NULL);
	path = write_file("many.jsonl", "");
	fp = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	for (i = 0; i < 1300; i++) {
		if (i % 97 == 5)
			(void)fputs("{\"patient_id\": \"broken\n\n", fp);
		(void)fprintf(fp, "{\"patient_id\": \"Q%zu\", \"name\": "
		    "\"%s %s\", \"mrn\": \"77%05zu\", \"text\": \"x\"}\n",
		    i % 211, first[i % 3], last[(i / 3) % 4], i % 389);
	}
	CU_ASSERT_EQUAL_FATAL(fclose(fp), 0);

	fp = fopen(path, "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_EQUAL(patients_read(one, fp, path, RECORD_JSONL, NULL,
	    1 << 20, 0, err, sizeof(err)), 0);
	rewind(fp);
	CU_ASSERT_EQUAL(patients_read_threads(many, fp, path, RECORD_JSONL,
	    NULL, 1 << 20, 0, 3, err2, sizeof(err2)), 0);
	(void)fclose(fp);
	CU_ASSERT_EQUAL(patients_count(one), 211);
	CU_ASSERT_EQUAL(patients_count(many), patients_count(one));
	for (k = 0; k < 211; k++) {
		const struct patients_set *a, *b;

		(void)snprintf(pid, sizeof(pid), "Q%d", k);
		a = patients_find(one, pid);
		b = patients_find(many, pid);
		CU_ASSERT_FATAL(a != NULL && b != NULL);
		CU_ASSERT(a->nids > 1 && same_set(a, b));
	}
	patients_free(one);
	patients_free(many);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("patients", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "column names", test_columns) == NULL ||
	    CU_add_test(s, "full names", test_full_names) == NULL ||
	    CU_add_test(s, "collect", test_collect) == NULL ||
	    CU_add_test(s, "table", test_table) == NULL ||
	    CU_add_test(s, "read", test_read) == NULL ||
	    CU_add_test(s, "read on threads", test_read_threads) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
