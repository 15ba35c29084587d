/*
 * writer.c - render records in their input format: text as its bytes,
 * JSONL through jansson (the tree the reader kept, in key order), CSV
 * quoted only where a field needs it.  Every write is checked; after a
 * failed write every later call returns ERR_IO.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "err.h"
#include "reader_int.h"
#include "writer.h"

/* Cap on one rendered record: far above any record veil accepts. */
#define WRITER_MAX_OUT ((size_t)1 << 40)

struct writer {
	FILE *fp;
	enum record_format format;
	int crlf;
	int bom;
	int header_done;
	int failed;
	struct buf row;		/* writer_put's rendered record */
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
	buf_init(&w->row, WRITER_MAX_OUT);
	return w;
}

void
writer_free(struct writer *w)
{
	if (w == NULL)
		return;
	buf_release(&w->row);
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
render_text(const struct record *rec, struct buf *out)
{
	const char *v;
	size_t i, len;
	int rc;

	for (i = 0; i < rec->nfields; i++) {
		if (rec->fields[i].drop)
			continue;
		v = value_of(&rec->fields[i], &len);
		rc = buf_append(out, v, len);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* One CSV cell, quoted when it holds a comma, quote, CR or LF. */
static int
put_cell(struct buf *out, const char *v, size_t len)
{
	const char *q, *end = v + len;
	size_t i;
	int rc;

	for (i = 0; i < len; i++)
		if (v[i] == ',' || v[i] == '"' || v[i] == '\r' || v[i] == '\n')
			break;
	if (i == len)
		return buf_append(out, v, len);

	rc = buf_append(out, "\"", 1);
	while (rc == 0 && v < end) {
		q = memchr(v, '"', (size_t)(end - v));
		if (q == NULL) {
			rc = buf_append(out, v, (size_t)(end - v));
			break;
		}
		rc = buf_append(out, v, (size_t)(q - v + 1));
		if (rc == 0)
			rc = buf_append(out, "\"", 1);
		v = q + 1;
	}
	return rc == 0 ? buf_append(out, "\"", 1) : rc;
}

/*
 * Close a row of ncells cells.  A row of one empty cell is written as
 * "" so that it does not read back as a blank line.
 */
static int
end_row(struct buf *out, int crlf, size_t ncells, int last_empty)
{
	int rc = 0;

	if (ncells == 1 && last_empty)
		rc = buf_append(out, "\"\"", 2);
	if (rc == 0)
		rc = crlf ? buf_append(out, "\r\n", 2) :
		    buf_append(out, "\n", 1);
	return rc;
}

/* The header row, from names or (when rec is set) rec's field names. */
static int
render_header(struct buf *out, int crlf, const char *const *names,
    size_t n, const struct record *rec)
{
	const char *name;
	size_t i, cells = 0, len = 0;
	int rc = 0;

	for (i = 0; rc == 0 && i < n; i++) {
		if (rec != NULL && rec->fields[i].drop)
			continue;
		name = rec != NULL ? rec->fields[i].name : names[i];
		len = strlen(name);
		if (cells++ > 0)
			rc = buf_append(out, ",", 1);
		if (rc == 0)
			rc = put_cell(out, name, len);
	}
	return rc == 0 ? end_row(out, crlf, cells, len == 0) : rc;
}

static int
put_header(struct writer *w, const char *const *names, size_t n,
    const struct record *rec)
{
	int rc = 0;

	w->header_done = 1;
	buf_reset(&w->row);
	if (w->bom)
		rc = buf_append(&w->row, "\xef\xbb\xbf", 3);
	if (rc == 0)
		rc = render_header(&w->row, w->crlf, names, n, rec);
	if (rc != 0)
		return rc;
	return put(w, w->row.data, w->row.len);
}

static int
render_csv(const struct record *rec, int crlf, struct buf *out)
{
	const char *v;
	size_t i, cells = 0, len = 0;
	int rc = 0;

	for (i = 0; rc == 0 && i < rec->nfields; i++) {
		if (rec->fields[i].drop)
			continue;
		v = value_of(&rec->fields[i], &len);
		if (cells++ > 0)
			rc = buf_append(out, ",", 1);
		if (rc == 0)
			rc = put_cell(out, v, len);
	}
	return rc == 0 ? end_row(out, crlf, cells, len == 0) : rc;
}

static int
dump_cb(const char *p, size_t size, void *data)
{
	return buf_append(data, p, size) == 0 ? 0 : -1;
}

/* The escape jansson writes for byte c ('"', '\\' or a control). */
static size_t
escape(unsigned char c, char e[6])
{
	static const char hex[] = "0123456789ABCDEF";

	e[0] = '\\';
	switch (c) {
	case '"': e[1] = '"'; return 2;
	case '\\': e[1] = '\\'; return 2;
	case '\b': e[1] = 'b'; return 2;
	case '\f': e[1] = 'f'; return 2;
	case '\n': e[1] = 'n'; return 2;
	case '\r': e[1] = 'r'; return 2;
	case '\t': e[1] = 't'; return 2;
	default: break;
	}
	e[1] = 'u';
	e[2] = '0';
	e[3] = '0';
	e[4] = hex[c >> 4];
	e[5] = hex[c & 15];
	return 6;
}

/*
 * Whether any of the eight bytes of x must be escaped in a JSON string
 * (below 0x20, '"' or '\\'): the bit tricks for "a byte below n" and
 * "a zero byte" are exact about whether there is one, so a clean word
 * of a note's text is passed over at once.
 */
static inline int
any_special(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u, hi = ones * 0x80;
	uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');

	return ((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) |
	    ((b - ones) & ~b)) & hi) != 0;
}

/*
 * A string (valid UTF-8: jansson checked it) quoted byte for byte as
 * jansson's dump quotes it without JSON_ENSURE_ASCII or
 * JSON_ESCAPE_SLASH: '"', '\\' and code points below 0x20 escaped, every
 * other byte as it is.  Bytes of a multi-byte UTF-8 sequence are all
 * 0x80 or above, so a byte scan sees the code points jansson sees.
 */
static int
put_json_string(struct buf *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, from = 0, elen;
	uint64_t x;
	char e[6];
	int rc;

	rc = buf_append(out, "\"", 1);
	while (rc == 0 && i < n) {
		for (; i + 8 <= n; i += 8) {
			memcpy(&x, p + i, 8);
			if (any_special(x))
				break;
		}
		while (i < n && p[i] >= 0x20 && p[i] != '"' && p[i] != '\\')
			i++;
		if (i == n)
			break;
		elen = escape(p[i], e);
		rc = buf_append(out, s + from, i - from);
		if (rc == 0)
			rc = buf_append(out, e, elen);
		from = ++i;
	}
	if (rc == 0)
		rc = buf_append(out, s + from, n - from);
	return rc == 0 ? buf_append(out, "\"", 1) : rc;
}

/*
 * Dump one object on one line, as json_dump_callback would with
 * JSON_PRESERVE_ORDER: ", " and ": " separators, UTF-8 kept, reals with
 * prec significant digits (0: jansson's 17).  The top level and its
 * string members are written here, the rest by jansson.
 */
static int
dump_line(struct buf *out, json_t *obj, int prec)
{
	size_t flags = JSON_PRESERVE_ORDER | JSON_ENCODE_ANY;
	json_t *v;
	void *it;
	int rc, first = 1;

	if (prec > 0 && prec <= 17)
		flags |= JSON_REAL_PRECISION(prec);
	rc = buf_append(out, "{", 1);
	for (it = json_object_iter(obj); rc == 0 && it != NULL;
	    it = json_object_iter_next(obj, it)) {
		if (!first)
			rc = buf_append(out, ", ", 2);
		first = 0;
		if (rc == 0)
			rc = put_json_string(out, json_object_iter_key(it),
			    json_object_iter_key_len(it));
		if (rc == 0)
			rc = buf_append(out, ": ", 2);
		v = json_object_iter_value(it);
		if (rc == 0 && json_is_string(v))
			rc = put_json_string(out, json_string_value(v),
			    json_string_length(v));
		else if (rc == 0 && json_dump_callback(v, dump_cb, out,
		    flags) != 0)
			rc = ERR_NOMEM;
	}
	return rc == 0 ? buf_append(out, "}\n", 2) : rc;
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
render_flat(const struct record *rec, struct buf *out)
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
		rc = dump_line(out, obj, 0);
	json_decref(obj);
	return rc;
}

/*
 * About the size of rec's output line: its values, new or old, their
 * names, and a little for quotes and escapes.  Reserved before a long
 * line is dumped, it spares the output buffer from doubling through
 * every size below (and holding two copies while it does).
 */
static size_t
render_size(const struct record *rec)
{
	const struct field *f;
	size_t i, n = 0;

	for (i = 0; i < rec->nfields; i++) {
		f = &rec->fields[i];
		n += (f->out != NULL ? f->out_len : f->len) +
		    strlen(f->name) + 8;
	}
	return n + n / 32;
}

static int
render_jsonl(const struct record *rec, struct buf *out)
{
	struct jsonl_native *nat = rec->native;
	const struct field *f;
	size_t i;
	int rc;

	if (nat == NULL)
		return render_flat(rec, out);
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
	rc = buf_reserve(out, render_size(rec));
	return rc != 0 ? rc : dump_line(out, nat->root, nat->real_prec);
}

int
writer_render(enum record_format format, int crlf, const struct record *rec,
    struct buf *out)
{
	switch (format) {
	case RECORD_TEXT:
		return render_text(rec, out);
	case RECORD_JSONL:
		return render_jsonl(rec, out);
	case RECORD_CSV:
		return render_csv(rec, crlf, out);
	default:
		return ERR_INTERNAL;
	}
}

int
writer_put_rendered(struct writer *w, const struct record *rec,
    const char *p, size_t n)
{
	int rc;

	if (w->failed)
		return ERR_IO;
	if (w->format == RECORD_CSV && !w->header_done) {
		rc = put_header(w, NULL, rec->nfields, rec);
		if (rc != 0)
			return rc;
	}
	return put(w, p, n);
}

int
writer_put(struct writer *w, const struct record *rec)
{
	int rc;

	if (w->failed)
		return ERR_IO;
	if (w->format == RECORD_CSV && !w->header_done) {
		rc = put_header(w, NULL, rec->nfields, rec);
		if (rc != 0)
			return rc;
	}
	buf_reset(&w->row);
	rc = writer_render(w->format, w->crlf, rec, &w->row);
	if (rc != 0)
		return rc;
	return put(w, w->row.data, w->row.len);
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
