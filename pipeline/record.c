/* record.c - one input record: named fields and ids, wiped on release. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "record.h"

static void
wipe_free(void *p, size_t len)
{
	if (p == NULL)
		return;
	explicit_bzero(p, len);
	free(p);
}

static void
wipe_str(char *s)
{
	if (s != NULL)
		wipe_free(s, strlen(s));
}

/* Copy len bytes and add a NUL, so values can be used as C strings too. */
static char *
copy_bytes(const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		return NULL;
	p = malloc(len + 1);
	if (p == NULL)
		return NULL;
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void
record_init(struct record *rec)
{
	memset(rec, 0, sizeof(*rec));
}

/* Everything but raw: fields, ids and the reader's native data. */
static void
release_parsed(struct record *rec)
{
	size_t i;

	for (i = 0; i < rec->nfields; i++) {
		struct field *f = &rec->fields[i];

		wipe_str(f->name);
		wipe_free(f->value, f->len);
		wipe_free(f->out, f->out_len);
	}
	if (rec->fields != NULL) {
		explicit_bzero(rec->fields, rec->cap * sizeof(*rec->fields));
		free(rec->fields);
	}
	wipe_free(rec->keys, rec->keys_cap * sizeof(*rec->keys));
	wipe_str(rec->id);
	wipe_str(rec->patient_id);
	if (rec->native != NULL && rec->native_free != NULL)
		rec->native_free(rec->native);
}

void
record_release(struct record *rec)
{
	release_parsed(rec);
	wipe_free(rec->raw, rec->raw_cap);
	record_init(rec);
}

void
record_reset(struct record *rec)
{
	char *raw = rec->raw;
	size_t cap = rec->raw_cap;

	release_parsed(rec);
	if (raw != NULL && cap > RECORD_RAW_KEEP) {
		wipe_free(raw, cap);
		raw = NULL;
		cap = 0;
	} else if (raw != NULL) {
		explicit_bzero(raw, rec->raw_len < cap ? rec->raw_len + 1 :
		    cap);
	}
	record_init(rec);
	rec->raw = raw;
	rec->raw_cap = cap;
}

static int
grow(struct record *rec)
{
	struct field *nf;
	size_t ncap;

	if (rec->nfields < rec->cap)
		return 0;
	ncap = rec->cap ? rec->cap * 2 : 8;
	if (ncap > SIZE_MAX / sizeof(*nf))
		return ERR_NOMEM;
	nf = calloc(ncap, sizeof(*nf));
	if (nf == NULL)
		return ERR_NOMEM;
	if (rec->nfields > 0)
		memcpy(nf, rec->fields, rec->nfields * sizeof(*nf));
	if (rec->fields != NULL) {
		explicit_bzero(rec->fields, rec->cap * sizeof(*nf));
		free(rec->fields);
	}
	rec->fields = nf;
	rec->cap = ncap;
	return 0;
}

int
record_add_field(struct record *rec, const char *name, const char *value,
    size_t len)
{
	struct field *f;
	char *n, *v;

	if (grow(rec) != 0)
		return ERR_NOMEM;

	n = copy_bytes(name, strlen(name));
	v = copy_bytes(value, len);
	if (n == NULL || v == NULL) {
		wipe_str(n);
		wipe_free(v, len);
		return ERR_NOMEM;
	}

	f = &rec->fields[rec->nfields++];
	memset(f, 0, sizeof(*f));
	f->name = n;
	f->value = v;
	f->len = len;
	f->scan = 1;
	return 0;
}

int
record_add_key(struct record *rec, const char *p, size_t len, size_t field)
{
	struct record_key *nk;
	size_t ncap;

	if (rec->nkeys == rec->keys_cap) {
		ncap = rec->keys_cap ? rec->keys_cap * 2 : 16;
		if (ncap > SIZE_MAX / sizeof(*nk))
			return ERR_NOMEM;
		nk = realloc(rec->keys, ncap * sizeof(*nk));
		if (nk == NULL)
			return ERR_NOMEM;
		rec->keys = nk;
		rec->keys_cap = ncap;
	}
	rec->keys[rec->nkeys].p = p;
	rec->keys[rec->nkeys].len = len;
	rec->keys[rec->nkeys].field = field;
	rec->nkeys++;
	return 0;
}

static int
set_str(char **dst, const char *src)
{
	char *p;

	p = copy_bytes(src, strlen(src));
	if (p == NULL)
		return ERR_NOMEM;
	wipe_str(*dst);
	*dst = p;
	return 0;
}

int
record_set_id(struct record *rec, const char *id)
{
	return set_str(&rec->id, id);
}

int
record_set_patient(struct record *rec, const char *patient_id)
{
	return set_str(&rec->patient_id, patient_id);
}

int
record_take_output(struct record *rec, size_t i, char *out, size_t len)
{
	struct field *f;

	if (i >= rec->nfields) {
		wipe_free(out, len);
		return ERR_INTERNAL;
	}
	f = &rec->fields[i];
	wipe_free(f->out, f->out_len);
	f->out = out;
	f->out_len = len;
	return 0;
}

int
record_set_output(struct record *rec, size_t i, const char *out, size_t len)
{
	struct field *f;
	char *p;

	if (i >= rec->nfields)
		return ERR_INTERNAL;
	p = copy_bytes(out, len);
	if (p == NULL)
		return ERR_NOMEM;
	f = &rec->fields[i];
	wipe_free(f->out, f->out_len);
	f->out = p;
	f->out_len = len;
	return 0;
}
