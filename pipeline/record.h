/*
 * record.h - one input record: named fields, the document and patient
 * ids, and the record number used in messages.
 *
 * A reader fills a record; the engine scans the fields marked for
 * scanning and stores each field's transformed value; the writer of the
 * same format renders the record again.  The struct is public because
 * reader, engine and writer all walk it; only those three touch it.
 * A reader that defers parsing (reader_defer) leaves a record's input
 * bytes in raw, NUL-terminated, with no fields yet; reader_parse makes
 * the fields from them later, in any thread.
 */
#ifndef VEIL_RECORD_H
#define VEIL_RECORD_H

#include <stddef.h>

enum record_format {
	RECORD_TEXT,
	RECORD_JSONL,
	RECORD_CSV
};

struct field {
	char *name;		/* NUL-terminated; owned by the record */
	char *value;		/* the original bytes; owned by the record */
	size_t len;
	int scan;		/* 1: text to de-identify; 0: pass through */
	int drop;		/* 1: the policy does not export this column */
	char *out;		/* transformed value (owned), or NULL: same */
	size_t out_len;
	void *node;		/* reader-private handle (json_t string) */
};

/*
 * One object key of the input (JSONL), any depth, in document order.
 * The bytes belong to the reader's native data (the JSONL writer frees
 * a dropped member's key, so they are read before rendering only);
 * field is the field the key's member became, or SIZE_MAX when its
 * value is an object or an array.  Keys are written out as they are,
 * so the engine checks them (engine.h).
 */
struct record_key {
	const char *p;
	size_t len;
	size_t field;
};

struct record {
	unsigned long long number;	/* 1-based, for messages */
	char *id;			/* document id (owned, NUL-ended) */
	char *patient_id;		/* owned, or NULL when there is none */
	struct field *fields;
	size_t nfields;
	size_t cap;
	struct record_key *keys;	/* owned array; bytes are native's */
	size_t nkeys;
	size_t keys_cap;
	void *native;			/* reader-private (json_t root) */
	void (*native_free)(void *native);
	char *raw;			/* unparsed input (owned), or NULL */
	size_t raw_len;
	size_t raw_cap;
};

/* record_reset keeps a raw buffer up to this size for the next record. */
#define RECORD_RAW_KEEP 16384

/*
 * record_init - make an empty record.  record_release frees everything
 * the record owns, wiping values first, and leaves it empty and reusable.
 */
void record_init(struct record *rec);
void record_release(struct record *rec);

/*
 * record_reset - as record_release, but a raw buffer of at most
 * RECORD_RAW_KEEP bytes is kept (wiped, raw_len 0) for the next record
 * read into rec, so that reading many records does not allocate one
 * buffer each.  record_release frees it.
 */
void record_reset(struct record *rec);

/*
 * record_add_field - append a field, copying name and value (len bytes,
 * which may hold anything; the copy gets a NUL after them).  Returns 0,
 * or ERR_NOMEM.  The new field has scan = 1 and no output.
 */
int record_add_field(struct record *rec, const char *name, const char *value,
    size_t len);

/*
 * record_add_key - append an object key: len bytes at p, which must
 * stay valid (unchanged) until the record is released; field as in
 * struct record_key.  Returns 0, or ERR_NOMEM.
 */
int record_add_key(struct record *rec, const char *p, size_t len,
    size_t field);

/*
 * record_set_id / record_set_patient - copy a NUL-terminated id in,
 * replacing any earlier one.  Returns 0 or ERR_NOMEM.
 */
int record_set_id(struct record *rec, const char *id);
int record_set_patient(struct record *rec, const char *patient_id);

/*
 * record_take_output - the same as record_set_output, but field i takes
 * out over (a malloc'd block of at least len + 1 bytes, NUL-terminated)
 * rather than a copy; on failure out is wiped and freed all the same.
 */
int record_take_output(struct record *rec, size_t i, char *out,
    size_t len);

/*
 * record_set_output - give field i its transformed value (copied,
 * replacing an earlier one).  Returns 0, ERR_NOMEM, or ERR_INTERNAL when
 * there is no field i.
 */
int record_set_output(struct record *rec, size_t i, const char *out,
    size_t len);

#endif
