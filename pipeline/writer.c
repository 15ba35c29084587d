/*
 * writer.c - render records in their input format: text as its bytes,
 * JSONL through jansson (the tree the reader kept, in key order), CSV
 * quoted only where a field needs it.  Every write is checked; after a
 * failed write every later call returns ERR_IO.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "err.h"
#include "reader_int.h"
#include "writer.h"

struct writer {
	FILE *fp;
	enum record_format format;
	int crlf;
	int bom;
	int header_done;
	int failed;
};

struct writer *
writer_new(FILE *fp, enum record_format format)
{
	struct writer *w;

	if (format == RECORD_JSONL && reader_jsonl_hooks() != 0)
		return NULL;
	w = calloc(1, sizeof(*w));
	if (w == NULL)
		return NULL;
	w->fp = fp;
	w->format = format;
	return w;
}

void
writer_free(struct writer *w)
{
	free(w);
}

void
writer_csv_layout(struct writer *w, int crlf, int bom)
{
	w->crlf = crlf != 0;
	w->bom = bom != 0;
}

static int
put(struct writer *w, const void *p, size_t n)
{
	if (w->failed)
		return ERR_IO;
	if (n > 0 && fwrite(p, 1, n, w->fp) != n) {
		w->failed = 1;
		return ERR_IO;
	}
	return 0;
}

static const char *
value_of(const struct field *f, size_t *len)
{
	if (f->out != NULL) {
		*len = f->out_len;
		return f->out;
	}
	*len = f->len;
	return f->value;
}

static int
put_text(struct writer *w, const struct record *rec)
{
	const char *v;
	size_t i, len;
	int rc;

	for (i = 0; i < rec->nfields; i++) {
		if (rec->fields[i].drop)
			continue;
		v = value_of(&rec->fields[i], &len);
		rc = put(w, v, len);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* One CSV cell, quoted when it holds a comma, quote, CR or LF. */
static int
put_cell(struct writer *w, const char *v, size_t len)
{
	const char *q, *end = v + len;
	size_t i;
	int rc;

	for (i = 0; i < len; i++)
		if (v[i] == ',' || v[i] == '"' || v[i] == '\r' || v[i] == '\n')
			break;
	if (i == len)
		return put(w, v, len);

	rc = put(w, "\"", 1);
	while (rc == 0 && v < end) {
		q = memchr(v, '"', (size_t)(end - v));
		if (q == NULL) {
			rc = put(w, v, (size_t)(end - v));
			break;
		}
		rc = put(w, v, (size_t)(q - v + 1));
		if (rc == 0)
			rc = put(w, "\"", 1);
		v = q + 1;
	}
	return rc == 0 ? put(w, "\"", 1) : rc;
}

/*
 * Close a row of ncells cells.  A row of one empty cell is written as
 * "" so that it does not read back as a blank line.
 */
static int
end_row(struct writer *w, size_t ncells, int last_empty)
{
	int rc = 0;

	if (ncells == 1 && last_empty)
		rc = put(w, "\"\"", 2);
	if (rc == 0)
		rc = w->crlf ? put(w, "\r\n", 2) : put(w, "\n", 1);
	return rc;
}

static int
put_header(struct writer *w, const char *const *names, size_t n,
    const struct record *rec)
{
	const char *name;
	size_t i, cells = 0, len = 0;
	int rc = 0;

	w->header_done = 1;
	if (w->bom)
		rc = put(w, "\xef\xbb\xbf", 3);
	for (i = 0; rc == 0 && i < n; i++) {
		if (rec != NULL && rec->fields[i].drop)
			continue;
		name = rec != NULL ? rec->fields[i].name : names[i];
		len = strlen(name);
		if (cells++ > 0)
			rc = put(w, ",", 1);
		if (rc == 0)
			rc = put_cell(w, name, len);
	}
	return rc == 0 ? end_row(w, cells, len == 0) : rc;
}

static int
put_csv(struct writer *w, const struct record *rec)
{
	const char *v;
	size_t i, cells = 0, len = 0;
	int rc = 0;

	if (!w->header_done)
		rc = put_header(w, NULL, rec->nfields, rec);
	for (i = 0; rc == 0 && i < rec->nfields; i++) {
		if (rec->fields[i].drop)
			continue;
		v = value_of(&rec->fields[i], &len);
		if (cells++ > 0)
			rc = put(w, ",", 1);
		if (rc == 0)
			rc = put_cell(w, v, len);
	}
	return rc == 0 ? end_row(w, cells, len == 0) : rc;
}

static int
dump_cb(const char *buf, size_t size, void *data)
{
	return put(data, buf, size) == 0 ? 0 : -1;
}

/*
 * Dump one object on one line: ", " and ": " separators, UTF-8 kept,
 * reals with prec significant digits (0: jansson's 17).
 */
static int
dump_line(struct writer *w, json_t *obj, int prec)
{
	size_t flags = JSON_PRESERVE_ORDER;

	if (prec > 0 && prec <= 17)
		flags |= JSON_REAL_PRECISION(prec);
	if (json_dump_callback(obj, dump_cb, w, flags) != 0)
		return w->failed ? ERR_IO : ERR_NOMEM;
	return put(w, "\n", 1);
}

/*
 * A number replaced by a string (a token for an identifier column):
 * put the new string where the number stood in its parent.
 */
static int
replace_node(const struct jsonl_slot *s, const struct field *f)
{
	json_t *v = json_stringn(f->out, f->out_len);
	int rc;

	if (v == NULL)
		return ERR_UTF8;
	if (s->key == NULL)
		rc = json_array_set_new(s->parent, s->index, v);
	else
		rc = json_object_setn_new(s->parent, s->key, s->key_len, v);
	return rc == 0 ? 0 : ERR_NOMEM;
}

/* Delete the dropped members, last first so array indices hold. */
static int
prune(const struct record *rec, struct jsonl_native *nat)
{
	struct jsonl_slot *s;
	size_t i;
	char *key;
	int rc;

	for (i = rec->nfields; i > 0; i--) {
		if (!rec->fields[i - 1].drop)
			continue;
		s = &nat->slots[i - 1];
		if (s->key == NULL) {
			rc = json_array_remove(s->parent, s->index);
		} else {
			key = strndup(s->key, s->key_len);
			if (key == NULL)
				return ERR_NOMEM;
			rc = json_object_deln(s->parent, key, s->key_len);
			free(key);
		}
		if (rc != 0)
			return ERR_INTERNAL;
	}
	nat->pruned = 1;
	return 0;
}

/* A record that did not come from the JSONL reader: one flat object. */
static int
put_flat(struct writer *w, const struct record *rec)
{
	json_t *obj, *s;
	const char *v;
	size_t i, len;
	int rc = 0;

	obj = json_object();
	if (obj == NULL)
		return ERR_NOMEM;
	for (i = 0; rc == 0 && i < rec->nfields; i++) {
		if (rec->fields[i].drop)
			continue;
		v = value_of(&rec->fields[i], &len);
		s = json_stringn(v, len);
		if (s == NULL)
			rc = ERR_UTF8;
		else if (json_object_set_new(obj, rec->fields[i].name, s) != 0)
			rc = ERR_NOMEM;
	}
	if (rc == 0)
		rc = dump_line(w, obj, 0);
	json_decref(obj);
	return rc;
}

static int
put_jsonl(struct writer *w, const struct record *rec)
{
	struct jsonl_native *nat = rec->native;
	const struct field *f;
	size_t i;
	int rc;

	if (w->failed)
		return ERR_IO;
	if (nat == NULL)
		return put_flat(w, rec);
	if (nat->nslots != rec->nfields)
		return ERR_INTERNAL;
	for (i = 0; i < rec->nfields; i++) {
		f = &rec->fields[i];
		if (f->out == NULL)
			continue;
		rc = json_is_string((json_t *)f->node) ?
		    (json_string_setn(f->node, f->out, f->out_len) != 0 ?
		    ERR_UTF8 : 0) : replace_node(&nat->slots[i], f);
		if (rc != 0)
			return rc;
	}
	if (!nat->pruned) {
		rc = prune(rec, nat);
		if (rc != 0)
			return rc;
	}
	return dump_line(w, nat->root, nat->real_prec);
}

int
writer_put(struct writer *w, const struct record *rec)
{
	if (w->failed)
		return ERR_IO;
	switch (w->format) {
	case RECORD_TEXT:
		return put_text(w, rec);
	case RECORD_JSONL:
		return put_jsonl(w, rec);
	case RECORD_CSV:
		return put_csv(w, rec);
	default:
		return ERR_INTERNAL;
	}
}

int
writer_finish(struct writer *w, const char *const *header, size_t n)
{
	int rc = 0;

	if (w->failed)
		return ERR_IO;
	if (w->format == RECORD_CSV && !w->header_done && header != NULL &&
	    n > 0)
		rc = put_header(w, header, n, NULL);
	if (rc == 0 && (fflush(w->fp) != 0 || ferror(w->fp))) {
		w->failed = 1;
		rc = ERR_IO;
	}
	return rc;
}
