/* test_record.c - record fields, ids, outputs and release. */
#include <stdint.h>
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
	/* a taken block replaces the copy; a bad index still frees it */
	CU_ASSERT_EQUAL(record_take_output(&rec, 1, strdup("[AGE]"), 5), 0);
	CU_ASSERT_STRING_EQUAL(rec.fields[1].out, "[AGE]");
	CU_ASSERT_EQUAL(rec.fields[1].out_len, 5);
	CU_ASSERT_EQUAL(record_take_output(&rec, 2, strdup("x"), 1),
	    ERR_INTERNAL);
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

struct rawcase {
	size_t cap;		/* raw buffer the record holds */
	int kept;		/* record_reset keeps it */
};

/*
 * record_reset frees what was parsed and keeps a raw buffer up to
 * RECORD_RAW_KEEP bytes, wiped, for the next record; record_release
 * frees it too.
 */
static void
test_reset(void)
{
	static const struct rawcase t[] = {
		{ 16, 1 },
		{ RECORD_RAW_KEEP, 1 },
		{ RECORD_RAW_KEEP + 1, 0 },
		{ 1 << 20, 0 },
	};
	struct record rec;
	size_t k;

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		record_init(&rec);
		rec.raw = malloc(t[k].cap);
		CU_ASSERT_FATAL(rec.raw != NULL);
		rec.raw_cap = t[k].cap;
		memcpy(rec.raw, "{\"t\": 1}", 9);
		rec.raw_len = 8;
		rec.number = 9;
		CU_ASSERT(record_add_field(&rec, "t", "1", 1) == 0);
		CU_ASSERT(record_set_id(&rec, "9") == 0);
		record_reset(&rec);
		CU_ASSERT_EQUAL(rec.nfields, 0);
		CU_ASSERT_PTR_NULL(rec.fields);
		CU_ASSERT_PTR_NULL(rec.id);
		CU_ASSERT_EQUAL(rec.number, 0);
		CU_ASSERT_EQUAL(rec.raw_len, 0);
		CU_ASSERT_EQUAL(rec.raw != NULL, t[k].kept);
		CU_ASSERT_EQUAL(rec.raw_cap, t[k].kept ? t[k].cap : 0);
		if (rec.raw != NULL)
			CU_ASSERT_EQUAL(rec.raw[0], '\0');
		record_release(&rec);
		CU_ASSERT_PTR_NULL(rec.raw);
		CU_ASSERT_EQUAL(rec.raw_cap, 0);
	}
}

/* Keys are listed in order, grow past the first block, and go on reset. */
static void
test_keys(void)
{
	static const struct {
		const char *key;
		size_t field;
	} t[] = {
		{ "id", 0 }, { "meta", SIZE_MAX }, { "author", 1 }, { "", 2 },
		{ "k5", 3 }, { "k6", 4 }, { "k7", 5 }, { "k8", 6 },
		{ "k9", 7 }, { "k10", 8 }, { "k11", 9 }, { "k12", 10 },
		{ "k13", 11 }, { "k14", 12 }, { "k15", 13 }, { "k16", 14 },
		{ "nested", SIZE_MAX }, { "k18", 15 },
	};
	struct record rec;
	size_t i, n = sizeof(t) / sizeof(t[0]);

	record_init(&rec);
	for (i = 0; i < n; i++)
		CU_ASSERT_EQUAL_FATAL(record_add_key(&rec, t[i].key,
		    strlen(t[i].key), t[i].field), 0);
	CU_ASSERT_EQUAL_FATAL(rec.nkeys, n);
	CU_ASSERT(rec.keys_cap >= n);
	for (i = 0; i < n; i++) {
		CU_ASSERT_PTR_EQUAL(rec.keys[i].p, t[i].key);
		CU_ASSERT_EQUAL(rec.keys[i].len, strlen(t[i].key));
		CU_ASSERT_EQUAL(rec.keys[i].field, t[i].field);
	}
	record_reset(&rec);
	CU_ASSERT_EQUAL(rec.nkeys, 0);
	CU_ASSERT_PTR_NULL(rec.keys);
	CU_ASSERT_EQUAL(record_add_key(&rec, "a", 1, 0), 0);
	record_release(&rec);
	CU_ASSERT_PTR_NULL(rec.keys);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("record", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "fields", test_fields) == NULL ||
	    CU_add_test(s, "ids and outputs", test_ids_and_outputs) == NULL ||
	    CU_add_test(s, "reset keeps a small raw buffer",
	    test_reset) == NULL ||
	    CU_add_test(s, "object keys", test_keys) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
