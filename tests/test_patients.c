/* test_patients.c - structured identifiers of records and patients. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "harness.h"
#include "patients.h"
#include "policy.h"
#include "reader.h"
#include "reader_firstpass.h"
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
		{ "Account Number", 1, PHI_ACCOUNT, PATIENTS_PART_NONE },
		{ "acct", 1, PHI_ACCOUNT, PATIENTS_PART_NONE },
		{ "VIN", 1, PHI_VEHICLE, PATIENTS_PART_NONE },
		{ "Age", 1, PHI_AGE, PATIENTS_PART_NONE },
		{ "age_group", 1, PHI_AGE, PATIENTS_PART_NONE },
		{ "AgeYrs", 1, PHI_AGE, PATIENTS_PART_NONE },
		{ "pt_age", 1, PHI_AGE, PATIENTS_PART_NONE },
		{ "stage", 0, PHI_NAME, PATIENTS_PART_NONE },
		{ "usage", 0, PHI_NAME, PATIENTS_PART_NONE },
		{ "MedicalRecordNumber", 1, PHI_MRN, PATIENTS_PART_NONE },
		{ "AccountNumber", 1, PHI_ACCOUNT, PATIENTS_PART_NONE },
		{ "phonenumber", 1, PHI_PHONE, PATIENTS_PART_NONE },
		{ "DateOfBirth", 1, PHI_DATE, PATIENTS_PART_NONE },
		{ "EmailAddress", 1, PHI_EMAIL, PATIENTS_PART_NONE },
		{ "patientMRN", 1, PHI_MRN, PATIENTS_PART_NONE },
		{ "ZIPCode", 1, PHI_ZIP, PATIENTS_PART_NONE },
		{ "NoteText", 0, PHI_NAME, PATIENTS_PART_NONE },
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
		{ "ledger", "AC99312" }, { "dob", "null" },
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
	    "  ledger: ACCOUNT\n  mrn: keep\n  fname: NAME\n"), &p, err,
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
/*
 * Long lines close a first-pass batch early (FIRST_BATCH_BYTES): every
 * record is still read, each patient with its own identifiers.
 */
static void
test_long_lines(void)
{
	struct patients *t = patients_new();
	const struct patients_set *ps;
	char err[512] = "", pid[16];
	size_t size = (size_t)3 << 20, i;
	const char *path;
	char *text;
	FILE *fp;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	text = malloc(size + 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	memset(text, 'w', size);
	for (i = 64; i < size; i += 64)
		text[i] = ' ';
	text[size] = '\0';
	path = write_file("long.jsonl", "");
	fp = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	for (i = 0; i < 7; i++)
		(void)fprintf(fp, "{\"patient_id\": \"L%zu\", \"mrn\": "
		    "\"55%06zu\", \"text\": \"%s\"}\n", i, i * 7919, text);
	CU_ASSERT_EQUAL_FATAL(fclose(fp), 0);
	free(text);

	fp = fopen(path, "rb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_EQUAL(patients_read_threads(t, fp, path, RECORD_JSONL, NULL,
	    (size_t)4 << 20, 0, 2, err, sizeof(err)), 0);
	(void)fclose(fp);
	CU_ASSERT_EQUAL(patients_count(t), 7);
	for (i = 0; i < 7; i++) {
		(void)snprintf(pid, sizeof(pid), "L%zu", i);
		ps = patients_find(t, pid);
		CU_ASSERT(ps != NULL && ps->nids == 1);
	}
	patients_free(t);
}

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

/*
 * The first pass's yajl reading (reader_firstpass) against jansson's
 * (reader_parse): lines of many shapes, each with whether it should be
 * read without falling back to jansson.  No NUL here (see fill_lines).
 */
static const struct {
	const char *line;
	int fast;
} shapes[] = {
	{ "{\"id\":\"n1\",\"patient_id\":\"P1\",\"text\":\"Seen today.\\n"
	    "Plan: rest.\"}", 1 },
	{ "{\"patient_id\":\"P2\",\"patient\":{\"first_name\":\"Orla\","
	    "\"last_name\":\"Fenwright\",\"mrn\":\"5501\"},\"contacts\":"
	    "[{\"phone\":\"555-0101\"},{\"phone\":\"555-0102\"}],"
	    "\"name\":\"Orla Fenwright\"}", 1 },
	{ "{\"patient_id\":\"P3\",\"a\":[[\"x\",[\"y\"]],{\"b\":[1,2.5,-0,"
	    "1e2,0.1]}],\"mrn\":[\"7\",8],\"dob\":[]}", 1 },
	{ "{\"patient_id\":12345,\"mrn\":987654321,\"dob\":19800101}", 1 },
	{ "{\"patient_id\":1.5,\"mrn\":\"x1\"}", 1 },
	{ "{\"patient_id\":1e300,\"mrn\":\"x2\"}", 1 },
	{ "{\"patient_id\":-0.0,\"mrn\":\"x3\"}", 1 },
	{ "{\"patient_id\":-9223372036854775808,\"mrn\":\"x4\"}", 1 },
	{ "{\"patient_id\":\"P6\",\"mrn\":1234567890123456789012}", 0 },
	{ "{\"patient_id\":\"P7\",\"mrn\":1e999}", 0 },
	{ "{\"patient_id\":\"P8\",\"mrn\":\"1\",\"mrn\":\"2\"}", 0 },
	{ "{\"patient_id\":\"P8\",\"a\":{\"x\":1,\"x\":2}}", 0 },
	{ "{\"patient_id\":\"P8\",\"a/\":1,\"a\\/\":2}", 0 },
	{ "{\"patient_id\":\"P9\",\"a\":{\"mrn\":\"1\"},\"b\":{\"mrn\":\"2\"},"
	    "\"mrn\":\"3\",\"c\":[{\"x\":1},{\"x\":2}]}", 1 },
	{ "{\"patient_id\":\"P10\",\"first\\u005fname\":\"Orla\"}", 1 },
	{ "{\"patient_id\":\"P10\",\"mrn\":\"1\",\"\\u006drn\":\"2\"}", 0 },
	{ "{\"patient_id\":\"P11\",\"first\\/name\":\"Orla\",\"la\\\"st\":"
	    "\"x\",\"mrn\\n\":\"5\",\"mrn\\\\\":\"6\"}", 1 },
	{ "{\"patient_id\":\"P12\",\"name\":\"Orla \\\"Q\\\" Fenwright\\t\","
	    "\"mrn\":\"a\\\\b\\/c\\b\\f\\r\"}", 1 },
	{ "{\"patient_id\":\"P13\",\"name\":\"Zo\\u00eb Ashgrove\"}", 1 },
	{ "{\"patient_id\":\"P13\",\"name\":"
	    "\"\\u00C9mile \\u0041\\u20ac\"}", 1 },
	{ "{\"patient_\\u0069d\":\"P13\",\"mrn\":\"\\u0031\"}", 1 },
	{ "{\"patient_id\":\"P14\",\"name\":\"\\ud800x\"}", 0 },
	{ "{\"patient_id\":\"P14\",\"name\":\"\\udc00\"}", 0 },
	{ "{\"patient_id\":\"P14\",\"name\":\"a\\u0000b\"}", 0 },
	{ "{\"patient_id\":\"P14\",\"name\":\"\\ud83d\\ude00 Tobin\"}", 1 },
	{ "{\"patient_id\":\"P14\",\"name\":\"\\uD83D\\uDE00\"}", 1 },
	{ "{\"patient_id\":\"P14\",\"name\":\"\\ud800\\u0041\"}", 0 },
	{ "{\"patient_id\":\"P14\",\"name\":\"\\ud800\\ud800\"}", 0 },
	{ "{\"patient_id\":\"P14\",\"name\":\"\\ud800\\n\"}", 0 },
	{ "{\"patient_id\":\"P14\",\"name\":\"x\\u00e\"}", 0 },
	{ "{\"patient_id\":\"P14\",\"name\":\"x\\u00eg\"}", 0 },
	{ "{\"patient_id\":\"P14\",\"name\":\"x\\ud83d\"}", 0 },
	{ "{\"patient_id\":\"P14\",\"mrn\":\"\\\\u0041\"}", 1 },
	{ "{\"patient_id\":\"P14\",\"mrn\":\"\\\\\\u0041\"}", 1 },
	{ "{\"patient_id\":\"P14\",\"mrn\":\"\\\\\\u0000\"}", 0 },
	{ "{\"patient_id\":\"P14\",\"mrn\":\"a\"}\\u0041", 0 },
	{ "{\"patient_id\":\"P15\",\"name\":\"Zo\xc3\xab Ashgrove\","
	    "\"city\":\"K\xc3\xb6ln \xe2\x82\xac \xf0\x9f\x98\x80\"}", 1 },
	{ "{\"patient_id\":\"P15\",\"name\":\"\xc0\xaf\"}", 0 },
	{ "{\"patient_id\":\"P15\",\"name\":\"\xed\xa0\x80\"}", 0 },
	{ "{\"patient_id\":\"P15\",\"name\":\"\xf5\x80\x80\x80\"}", 0 },
	{ "{\"patient_id\":\"P15\",\"name\":\"\xe2\x82\"}", 0 },
	{ "{\"patient_id\":\"P15\",\"name\":\"\xe0\x80\xaf\"}", 0 },
	{ "{\"patient_id\":\"P15\",\"name\":\"\xf4\x90\x80\x80\"}", 0 },
	{ "{\"patient_id\":\"P15\",\"name\":\"x\"}\xc3\xab", 0 },
	{ "{\"patient_id\":\"P16\",\"mrn\":null,\"first_name\":true,"
	    "\"last_name\":\"Quillan\",\"dob\":false,\"fname\":\"Wren\"}", 1 },
	{ "{\"patient_id\":\"\",\"mrn\":\"1\"}", 1 },
	{ "{\"patient_id\":null,\"mrn\":\"1\"}", 1 },
	{ "{\"patient_id\":[\"P\"],\"mrn\":\"1\"}", 1 },
	{ "{\"patient_id\":{\"a\":\"b\"},\"mrn\":\"1\"}", 1 },
	{ "{\"meta\":{\"patient_id\":\"X\"},\"mrn\":\"2\"}", 1 },
	{ "{\"patient_id\":true,\"mrn\":\"1\"}", 1 },
	{ "{\"patient_id\":\"P18\",\"mrn\":\"1\"", 0 },
	{ "{\"patient_id\":\"P19\",}", 0 },
	{ "[{\"patient_id\":\"P20\"}]", 0 },
	{ "\"P20\"", 0 },
	{ "123", 0 },
	{ "null", 0 },
	{ "{\"patient_id\":\"P20\"} x", 0 },
	{ "{\"patient_id\":\"P20\"}{\"mrn\":\"2\"}", 0 },
	{ "{\"patient_id\":\"P20\"} \"}", 0 },
	{ "{\"patient_id\":\"P20\"} tru", 0 },
	{ "{\"patient_id\":\"P20\"} 5", 0 },
	{ "{\"patient_id\":\"P20\"} {", 0 },
	{ "{\"patient_id\":\"P21\",\"mrn\":\"1\"}   ", 1 },
	{ "{\"patient_id\":\"P22\",\"mrn\":\"2\"}\r", 1 },
	{ "\t{ \"patient_id\" :\t\"P23\" , \"mrn\" : \"3\" }\r\r", 1 },
	{ "{\"patient_id\":\"P24\",\f\"mrn\":\"1\"}", 0 },
	{ "{\"patient_id\":\"P24\",\v\"mrn\":\"1\"}", 0 },
	{ "{\"patient_id\":\"P25\",\"mrn\":\"a\tb\"}", 0 },
	{ "{\"patient_id\":\"P25\",\"mrn\":\"a\x1f\"}", 0 },
	{ "{'patient_id':'P25'}", 0 },
	{ "{\"patient_id\":\"P25\",\"a\":01}", 0 },
	{ "{\"patient_id\":\"P25\",\"a\":1.}", 0 },
	{ "{\"patient_id\":\"P25\",\"a\":-}", 0 },
	{ "{\"patient_id\":\"P25\",\"a\":.5}", 0 },
	{ "{\"patient_id\":\"P25\",\"a\":+1}", 0 },
	{ "{\"patient_id\":\"P25\",\"a\":0x10}", 0 },
	{ "{\"patient_id\":\"P25\",\"a\":NaN}", 0 },
	{ "{\"patient_id\":\"P25\",\"a\":Infinity}", 0 },
	{ "{\"patient_id\":\"P25\",\"a\":tru}", 0 },
	{ "{\"patient_id\":\"P25\",\"a\":1,,\"b\":2}", 0 },
	{ "{\"patient_id\":\"P25\",\"a\" 1}", 0 },
	{ "{\"patient_id\":\"P25\",\"a\":[1,]}", 0 },
	{ "{/*c*/\"patient_id\":\"P25\"}", 0 },
	{ "{\"patient_id\":\"P25\",\"a\":\"\\x\"}", 0 },
	{ "{\"patient_id\":\"P25\",\"a\":\"\\", 0 },
	{ "{\"patient_id\":\"P25\",1:2}", 0 },
	{ "{\"\":{\"mrn\":\"5\",\"\":{\"phone\":\"6\"}},\"patient_id\":\"P26\","
	    "\"x\":{\"\":\"7\"}}", 1 },
	{ "{\"patient_id\":\"P27\",\"a.b\":{\"c[1]\":\"x\"},\"mrn[0]\":\"5\","
	    "\"p.name\":\"Orla Fenwright\",\"First Name\":\"Tobin\"}", 1 },
	{ "{\"patient_id\":\"P28\",\"code\":\"C-1\",\"meta\":{\"tag\":"
	    "\"Wren Pellmore\",\"code\":\"C-2\"}}", 1 },
};

/* Whether reader_firstpass keeps field f (see reader_firstpass.h). */
static int
kept(const struct field *f)
{
	if (f->scan)
		return f->len > 0 && f->len <= PATIENTS_MAX_VALUE;
	return strcmp(f->value, "true") != 0 &&
	    strcmp(f->value, "false") != 0 && strcmp(f->value, "null") != 0;
}

static int
same_field(const struct field *a, const struct field *b)
{
	return strcmp(a->name, b->name) == 0 && a->len == b->len &&
	    memcmp(a->value, b->value, a->len) == 0 && a->scan == b->scan;
}

/* Whether b holds a's fields (those kept unless all is set), in order. */
static int
same_fields(const struct record *a, const struct record *b, int all)
{
	size_t i, k = 0;

	for (i = 0; i < a->nfields; i++) {
		if (!all && !kept(&a->fields[i]))
			continue;
		if (k >= b->nfields || !same_field(&a->fields[i],
		    &b->fields[k]))
			return 0;
		k++;
	}
	return k == b->nfields;
}

/* The same patient, and the same identifiers under policy p. */
static int
same_patient(const struct record *a, const struct record *b,
    const struct policy *p)
{
	struct patients_set sa, sb;
	int same;

	if ((a->patient_id == NULL) != (b->patient_id == NULL) ||
	    (a->patient_id != NULL &&
	    strcmp(a->patient_id, b->patient_id) != 0))
		return 0;
	patients_set_init(&sa);
	patients_set_init(&sb);
	same = patients_collect(&sa, p, a) == 0 &&
	    patients_collect(&sb, p, b) == 0 && same_set(&sa, &sb);
	patients_set_release(&sa);
	patients_set_release(&sb);
	return same;
}

/* A pseudo-random scalar: seed's bits pick it. */
static void
gen_scalar(FILE *fp, unsigned seed, unsigned r)
{
	static const char *const vals[] = { "\"Orla Fenwright\"", "\"Tobin\"",
		"\"55 01\\n\"", "12", "-3.25", "1e5", "true", "null", "\"\"",
		"\"Zo\xc3\xab\"", "\"a\\\\b\\\"c\"", "\"\\u00e9\"", "0",
		"\"\xed\xa0\x80\"", "123456789012345678901234",
		"\"\\ud83d\\ude00 Wren\"", "\"\\udc00\"", "\"Q\\u0000\"" };
	unsigned i, n;

	if (r == 8) {
		(void)fputc('"', fp);
		for (i = 0, n = 250 + (seed >> 8) % 12; i < n; i++)
			(void)fputc(i % 40 == 39 ? ' ' : 'q', fp);
		(void)fputs((seed >> 4) % 2 ? "\\n\"" : "\"", fp);
		return;
	}
	(void)fputs(vals[(seed >> 20) % (sizeof(vals) / sizeof(vals[0]))],
	    fp);
}

/*
 * A pseudo-random JSON value of the shapes above, objects and arrays
 * nested up to 4 deep (a stack of the open ones, not recursion).
 */
static void
gen_value(FILE *fp, unsigned *seed)
{
	static const char *const keys[] = { "first_name", "last_name",
		"name", "mrn", "phone", "dob", "a.b", "", "patient_id", "x",
		"Zip Code", "e\\/mail", "city", "k\\\"q" };
	char close[8];
	unsigned left[8], done[8], r;
	int depth = 0;

	for (;;) {
		*seed = *seed * 1103515245u + 12345u;
		r = (*seed >> 16) % 16;
		if (depth > 3 || r < 9) {
			gen_scalar(fp, *seed, r);
		} else {
			close[depth] = r < 12 ? ']' : '}';
			left[depth] = (*seed >> 12) % 4;
			done[depth++] = 0;
			(void)fputc(r < 12 ? '[' : '{', fp);
		}
		while (depth > 0 && left[depth - 1] == 0)
			(void)fputc(close[--depth], fp);
		if (depth == 0)
			return;
		left[depth - 1]--;
		if (done[depth - 1]++ > 0)
			(void)fputc(',', fp);
		if (close[depth - 1] == '}')
			(void)fprintf(fp, "\"%s\":", keys[(*seed >> 3) %
			    (sizeof(keys) / sizeof(keys[0]))]);
	}
}

/* Write the shapes, generated lines and a few odd ones to path. */
static void
fill_lines(const char *path, size_t ngen)
{
	FILE *fp = fopen(path, "wb");
	unsigned seed = 7;
	size_t i, k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		(void)fprintf(fp, "%s\n", shapes[i].line);
	for (i = 0; i < ngen; i++) {
		(void)fprintf(fp, "{\"patient_id\":\"G%zu\",\"mrn\":\"M%zu\","
		    "\"v\":", i % 37, i);
		gen_value(fp, &seed);
		/* broken now and then: a cut line, a doubled key */
		(void)fputs(i % 53 == 7 ? "\n" : i % 41 == 3 ?
		    ",\"v\":1}\n" : "}\n", fp);
	}
	/* a NUL byte, deep nesting, many keys, many small values */
	(void)fwrite("{\"patient_id\":\"N1\",\"mrn\":\"1\0\"}\n", 1, 32, fp);
	for (k = 30; k <= 1030; k += 1000) {
		(void)fputs("{\"patient_id\":\"D1\",\"mrn\":\"4\",\"d\":", fp);
		for (i = 0; i < k; i++)
			(void)fputs("{\"mrn\":[", fp);
		(void)fputs("\"5\"", fp);
		for (i = 0; i < k; i++)
			(void)fputs("]}", fp);
		(void)fputs("}\n", fp);
	}
	(void)fputs("{\"patient_id\":\"K1\"", fp);
	for (i = 0; i < 100; i++)
		(void)fprintf(fp, ",\"k%zu\":\"%zu\"", i, i);
	(void)fputs(",\"mrn\":\"K-7\"}\n", fp);
	for (k = 0; k < 240; k += 3) {
		(void)fprintf(fp, "{\"patient_id\":\"S%zu\",\"mrn\":\"9\","
		    "\"v\":[", k);
		for (i = 0; i < k; i++)
			(void)fputs(i % 3 ? "1," : "\"ab\",", fp);
		(void)fputs("{\"deeper_key\":null}]}\n", fp);
	}
	CU_ASSERT_EQUAL_FATAL(fclose(fp), 0);
}

struct diff_count {
	size_t lines, fast, ok;
};

/* Read path twice, deferred, and compare the two parses of each line. */
static void
diff_file(const char *path, size_t max_record, const struct policy *p,
    struct diff_count *c)
{
	FILE *fa = fopen(path, "rb"), *fb = fopen(path, "rb");
	struct reader *ra, *rb;
	struct reader_firstpass *fp = reader_firstpass_new();
	struct record a, b;
	char wa[128], wb[128];
	size_t before;
	int sa, sb;

	CU_ASSERT_FATAL(fa != NULL && fb != NULL && fp != NULL);
	ra = reader_new(fa, path, RECORD_JSONL, max_record);
	rb = reader_new(fb, path, RECORD_JSONL, max_record);
	CU_ASSERT_FATAL(ra != NULL && rb != NULL);
	reader_defer(ra);
	reader_defer(rb);
	record_init(&a);
	record_init(&b);
	while ((sa = reader_next(ra, &a)) != 0) {
		sb = reader_next(rb, &b);
		CU_ASSERT_EQUAL_FATAL(sa, sb);
		c->lines++;
		if (sa > 0) {
			before = reader_firstpass_fallbacks(fp);
			sa = reader_parse(&a, max_record, wa, sizeof(wa));
			sb = reader_firstpass_parse(fp, &b, max_record,
			    PATIENTS_MAX_VALUE, wb, sizeof(wb));
			c->fast += reader_firstpass_fallbacks(fp) == before;
			CU_ASSERT_EQUAL(sa, sb);
			CU_ASSERT_STRING_EQUAL(wa, wb);
		}
		if (sa > 0 && sb > 0) {
			c->ok++;
			CU_ASSERT(same_fields(&a, &b,
			    reader_firstpass_fallbacks(fp) != before));
			CU_ASSERT(same_patient(&a, &b, NULL));
			CU_ASSERT(same_patient(&a, &b, p));
		}
		if (sa != sb || (sa > 0 && !same_patient(&a, &b, NULL)))
			(void)printf("differs: line %llu, max_record %zu\n",
			    a.number, max_record);
		record_reset(&a);
		record_reset(&b);
	}
	CU_ASSERT_EQUAL(reader_next(rb, &b), 0);
	record_release(&a);
	record_release(&b);
	reader_free(ra);
	reader_free(rb);
	reader_firstpass_free(fp);
	(void)fclose(fa);
	(void)fclose(fb);
}

/*
 * Every shape is read to the same record fields, patient id and
 * identifiers by both, under record limits that make some lines too
 * big or too many values; the lines meant to be read fast are.
 */
static void
test_firstpass(void)
{
	static const size_t limits[] = { 1 << 20, 96, 160, 256, 400, 700,
		1200, 5000 };
	const char *path;
	struct policy *p = NULL;
	struct diff_count c;
	char err[256];
	size_t i;

	reader_firstpass_free(NULL);
	CU_ASSERT_EQUAL_FATAL(policy_load(write_file("fp.yaml", "columns:\n"
	    "  code: MRN\n  meta.tag: NAME\n  v: PHONE\n  x: text\n"), &p,
	    err, sizeof(err)), 0);
	path = write_file("shapes.jsonl", "");
	fill_lines(path, 0);
	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		memset(&c, 0, sizeof(c));
		diff_file(path, limits[i], p, &c);
		CU_ASSERT(c.lines > sizeof(shapes) / sizeof(shapes[0]));
	}
	/* which shapes go fast, one at a time (the limit is no matter) */
	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		memset(&c, 0, sizeof(c));
		path = write_file("one.jsonl", shapes[i].line);
		diff_file(path, 1 << 20, p, &c);
		CU_ASSERT_EQUAL(c.lines, 1);
		CU_ASSERT_EQUAL(c.fast, (size_t)shapes[i].fast);
		if (c.fast != (size_t)shapes[i].fast)
			(void)printf("shape %zu: fast %zu\n", i, c.fast);
	}
	path = write_file("gen.jsonl", "");
	fill_lines(path, 3000);
	memset(&c, 0, sizeof(c));
	diff_file(path, 1 << 20, p, &c);
	/* most generated lines are clean and read fast */
	CU_ASSERT(c.ok > 1000 && c.fast > c.lines / 3);
	for (i = 1; i < 5; i++)
		diff_file(path, limits[i], p, &c);
	policy_free(p);
}

/*
 * The table as jansson's one-thread first pass built it (every record
 * parsed by reader_next), and the patient ids seen, into pids.
 */
static struct patients *
table_by_jansson(const char *path, const struct policy *p, char **pids,
    size_t *npids, size_t cap)
{
	struct patients *t = patients_new();
	struct patients_set s;
	struct reader *rd;
	struct record rec;
	FILE *fp = fopen(path, "rb");
	int r;

	CU_ASSERT_FATAL(t != NULL && fp != NULL);
	rd = reader_new(fp, path, RECORD_JSONL, 1 << 20);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rd);
	record_init(&rec);
	patients_set_init(&s);
	while ((r = reader_next(rd, &rec)) != 0) {
		if (r < 0 || rec.patient_id == NULL || *rec.patient_id == '\0')
			continue;
		CU_ASSERT_EQUAL(patients_collect(&s, p, &rec), 0);
		CU_ASSERT_EQUAL(patients_add(t, rec.patient_id, &s), 0);
		if (*npids < cap)
			pids[(*npids)++] = strdup(rec.patient_id);
	}
	patients_set_release(&s);
	record_release(&rec);
	reader_free(rd);
	(void)fclose(fp);
	return t;
}

/* Whether a and b are both missing or hold the same identifiers. */
static int
same_found(const struct patients_set *a, const struct patients_set *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return same_set(a, b);
}

/* The first pass (yajl, 1 and 3 threads) builds jansson's table. */
static void
test_firstpass_table(void)
{
	static char *pids[4096];
	struct patients *old, *t;
	struct policy *p = NULL;
	const char *path;
	char err[256];
	size_t i, k, npids = 0;
	unsigned nthreads;
	FILE *fp;

	CU_ASSERT_EQUAL_FATAL(policy_load(write_file("fpt.yaml", "columns:\n"
	    "  code: MRN\n  meta.tag: NAME\n  v: PHONE\n  x: text\n"), &p,
	    err, sizeof(err)), 0);
	path = write_file("table.jsonl", "");
	fill_lines(path, 2000);
	for (k = 0; k < 2; k++) {
		old = table_by_jansson(path, k ? p : NULL, pids, &npids,
		    sizeof(pids) / sizeof(pids[0]));
		CU_ASSERT(patients_count(old) > 50);
		for (nthreads = 1; nthreads <= 3; nthreads += 2) {
			t = patients_new();
			fp = fopen(path, "rb");
			CU_ASSERT_FATAL(t != NULL && fp != NULL);
			CU_ASSERT_EQUAL(patients_read_threads(t, fp, path,
			    RECORD_JSONL, k ? p : NULL, 1 << 20, 0, nthreads,
			    err, sizeof(err)), 0);
			(void)fclose(fp);
			CU_ASSERT_EQUAL(patients_count(t), patients_count(old));
			for (i = 0; i < npids; i++)
				CU_ASSERT(same_found(patients_find(old,
				    pids[i]), patients_find(t, pids[i])));
			patients_free(t);
		}
		patients_free(old);
		for (i = 0; i < npids; i++)
			free(pids[i]);
		npids = 0;
	}
	policy_free(p);
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
	    CU_add_test(s, "read on threads", test_read_threads) == NULL ||
	    CU_add_test(s, "long lines", test_long_lines) == NULL ||
	    CU_add_test(s, "first pass by yajl", test_firstpass) == NULL ||
	    CU_add_test(s, "first pass table", test_firstpass_table) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
