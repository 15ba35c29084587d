/* test_record.c - record fields, ids, outputs and release. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "harness.h"
#include "record.h"

struct fcase {
	const char *name;
	const char *value;
	size_t len;
};

static int native_freed;

static void
count_free(void *p)
{
	CU_ASSERT_PTR_EQUAL(p, &native_freed);
	native_freed++;
}

static void
test_fields(void)
{
	static const struct fcase t[] = {
		{ "text", "Seen by Dr. Amadi", 17 },
		{ "note", "", 0 },
		{ "bin", "a\0b", 3 },
		{ "meta.author", "Li Wen", 6 },
		{ "notes[2]", "x", 1 },
		{ "f6", "6", 1 }, { "f7", "7", 1 }, { "f8", "8", 1 },
		{ "f9", "9", 1 }, { "f10", "10", 2 },
	};
	struct record rec;
	size_t i, n = sizeof(t) / sizeof(t[0]);

	record_init(&rec);
	for (i = 0; i < n; i++)
		CU_ASSERT_EQUAL_FATAL(record_add_field(&rec, t[i].name,
		    t[i].value, t[i].len), 0);
	CU_ASSERT_EQUAL_FATAL(rec.nfields, n);
	CU_ASSERT(rec.cap >= n);
	for (i = 0; i < n; i++) {
		CU_ASSERT_STRING_EQUAL(rec.fields[i].name, t[i].name);
		CU_ASSERT_EQUAL(rec.fields[i].len, t[i].len);
		CU_ASSERT(memcmp(rec.fields[i].value, t[i].value,
		    t[i].len) == 0);
		CU_ASSERT_EQUAL(rec.fields[i].value[t[i].len], '\0');
		CU_ASSERT_EQUAL(rec.fields[i].scan, 1);
		CU_ASSERT_EQUAL(rec.fields[i].drop, 0);
		CU_ASSERT_PTR_NULL(rec.fields[i].out);
		CU_ASSERT_PTR_NULL(rec.fields[i].node);
	}
	record_release(&rec);
	CU_ASSERT_EQUAL(rec.nfields, 0);
	CU_ASSERT_PTR_NULL(rec.fields);
}

struct ocase {
	size_t i;
	const char *out;
	int rc;
};

static void
test_ids_and_outputs(void)
{
	static const struct ocase t[] = {
		{ 0, "[NAME]", 0 },
		{ 0, "[NAME-2]", 0 },
		{ 1, "", 0 },
		{ 2, "x", ERR_INTERNAL },
	};
	struct record rec;
	size_t k;

	record_init(&rec);
	CU_ASSERT(record_add_field(&rec, "a", "Ana", 3) == 0);
	CU_ASSERT(record_add_field(&rec, "b", "Bo", 2) == 0);
	CU_ASSERT(record_set_id(&rec, "note-1") == 0);
	CU_ASSERT(record_set_id(&rec, "note-2") == 0);
	CU_ASSERT_STRING_EQUAL(rec.id, "note-2");
	CU_ASSERT_PTR_NULL(rec.patient_id);
	CU_ASSERT(record_set_patient(&rec, "P-31") == 0);
	CU_ASSERT_STRING_EQUAL(rec.patient_id, "P-31");
	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		CU_ASSERT_EQUAL(record_set_output(&rec, t[k].i, t[k].out,
		    strlen(t[k].out)), t[k].rc);
		if (t[k].rc != 0)
			continue;
		CU_ASSERT_STRING_EQUAL(rec.fields[t[k].i].out, t[k].out);
		CU_ASSERT_EQUAL(rec.fields[t[k].i].out_len, strlen(t[k].out));
	}
	rec.native = &native_freed;
	rec.native_free = count_free;
	native_freed = 0;
	record_release(&rec);
	CU_ASSERT_EQUAL(native_freed, 1);
	CU_ASSERT_PTR_NULL(rec.id);
	CU_ASSERT_PTR_NULL(rec.patient_id);
	CU_ASSERT_PTR_NULL(rec.native);
	record_release(&rec);
	CU_ASSERT_EQUAL(native_freed, 1);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("record", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "fields", test_fields) == NULL ||
	    CU_add_test(s, "ids and outputs", test_ids_and_outputs) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
