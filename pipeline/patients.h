/*
 * patients.h - what is known of each patient: the structured
 * identifiers (name, MRN, date of birth, address, phone...) of a record
 * and of every record of the same patient_id.
 *
 * A record's structured identifiers are its fields whose policy role is
 * a type (policy_column gives POLICY_COL_TYPED) and, where the policy
 * does not say otherwise, its fields with a common column name (see
 * patients_column): "first_name", "mrn", "dob", "street", "phone"...
 * A table maps patient ids to the union of the identifiers of their
 * records; it is filled before the run (from a roster and from a first
 * pass over file inputs) and then read by every thread without locks.
 *
 * Values are kept in the text's folded NFC view with white space
 * collapsed, as recognizers see text.  A person's name is kept as its
 * parts; its canonical form is "First Last", the form every variant of
 * the name is pseudonymised as.
 *
 * Memory: a patient keeps at most PATIENTS_MAX_IDS identifiers of at
 * most PATIENTS_MAX_VALUE bytes and PATIENTS_MAX_NAMES names; further
 * ones are ignored (they are still found in their own record).
 */
#ifndef VEIL_PATIENTS_H
#define VEIL_PATIENTS_H

#include <stddef.h>
#include <stdio.h>

#include "phitype.h"
#include "policy.h"
#include "record.h"

#define PATIENTS_MAX_IDS	48
#define PATIENTS_MAX_NAMES	4
#define PATIENTS_MAX_VALUE	256

/* Which part of a name a column holds (PATIENTS_PART_NONE: not a name). */
enum patients_part {
	PATIENTS_PART_NONE,
	PATIENTS_PART_FULL,	/* "Jane Q. Doe" or "DOE, JANE" */
	PATIENTS_PART_FIRST,
	PATIENTS_PART_MIDDLE,
	PATIENTS_PART_LAST
};

/* One person's name: parts in view form, "" when unknown. */
struct patients_name {
	char *first, *middle, *last;
	char *canon;		/* "First Last" (or the one part known) */
	size_t canon_len;
};

/* One identifier other than a name. */
struct patients_id {
	enum phi_type type;
	char *value;		/* view form, NUL-terminated */
	size_t len;
};

/*
 * The identifiers of one patient or one record.  field_* (records
 * only) say which identifier each field is: for field i,
 * field_type[i] < PHI_NTYPES when it is one, and field_name[i] is the
 * index of its person in names for a name part, else -1.
 */
struct patients_set {
	struct patients_id *ids;
	size_t nids, capids;
	struct patients_name *names;
	size_t nnames, capnames;
	int *field_type;
	int *field_name;
	size_t nfield, capfield;
};

struct patients;

/*
 * patients_column - whether a column is a structured identifier, by its
 * name alone (case and separators ignored: "First Name", "first_name";
 * a nested JSON member by its own key, "patient.mrn" as "mrn", except
 * that a nested "name" is not one): returns 1 and sets *type and *part,
 * else 0.
 */
int patients_column(const char *name, enum phi_type *type,
    enum patients_part *part);

/*
 * patients_set_init / patients_set_release - an empty set; release
 * frees (wiping values) and leaves it empty and reusable.
 * patients_set_clear empties it, keeping its memory.
 */
void patients_set_init(struct patients_set *s);
void patients_set_release(struct patients_set *s);
void patients_set_clear(struct patients_set *s);

/*
 * patients_collect - add rec's structured identifiers to s (cleared
 * first) and fill s's per-field table.  policy may be NULL (common
 * column names only).  Returns 0 or ERR_NOMEM; a value that is not
 * valid UTF-8 is skipped (the engine rejects the record anyway).
 */
int patients_collect(struct patients_set *s, const struct policy *policy,
    const struct record *rec);

/*
 * patients_old_age - whether the value of an age column is an age over
 * 89 (its first number is 90 or more), the only ages that identify:
 * such a column's other values are neither replaced nor looked for.
 */
int patients_old_age(const char *v, size_t len);

/*
 * patients_field_canon - the canonical form of field i of the record
 * collected into s when it is a name part (its person's "First Last"),
 * else NULL.  *len gets its length.
 */
const char *patients_field_canon(const struct patients_set *s, size_t i,
    size_t *len);

/*
 * patients_new - an empty table.  NULL when out of memory.
 * patients_free wipes and frees; NULL is allowed.
 */
struct patients *patients_new(void);
void patients_free(struct patients *t);

/*
 * patients_add - merge the identifiers of set into patient_id's entry
 * (duplicates, ignoring case, are kept once).  Returns 0 or ERR_NOMEM.
 */
int patients_add(struct patients *t, const char *patient_id,
    const struct patients_set *set);

/*
 * patients_find - the identifiers known of patient_id, or NULL (also
 * when t or patient_id is NULL).  Owned by t; read-only.
 */
const struct patients_set *patients_find(const struct patients *t,
    const char *patient_id);

/*
 * patients_count - the number of patients in t.
 */
size_t patients_count(const struct patients *t);

/*
 * patients_read - add the structured identifiers of every record of fp
 * (CSV or JSONL, as format says; fp stays the caller's) under their
 * patient ids.  Records without a patient id are skipped.  With strict
 * set (a roster), a malformed record (a value that is not UTF-8
 * included) or an input with no identifier column is an error;
 * otherwise malformed records are skipped (the main pass reports
 * them).  A CSV input whose header names no identifier column is not
 * read past its first row.  Returns 0, or a negative
 * ERR_* with the reason in err, naming path and the record number,
 * never a value.
 */
int patients_read(struct patients *t, FILE *fp, const char *path,
    enum record_format format, const struct policy *policy,
    size_t max_record, int strict, char *err, size_t errlen);

/*
 * patients_read_threads - patients_read, with a JSONL input that is not
 * a roster parsed on nthreads threads in batches; the records are still
 * added in input order, so t ends the same.  Such an input's lines are
 * read by reader_firstpass (yajl), which makes the same records' ids as
 * jansson does at a fraction of the cost, or leaves a line to jansson.
 */
int patients_read_threads(struct patients *t, FILE *fp, const char *path,
    enum record_format format, const struct policy *policy,
    size_t max_record, int strict, unsigned nthreads, char *err,
    size_t errlen);

#endif
