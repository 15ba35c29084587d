/* gold.c - gold spans from spans JSONL, BRAT standoff and i2b2 XML. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "err.h"
#include "gold.h"
#include "reader_int.h"

#define TYPE_MAX	256		/* bytes of one BRAT type name */

/* What a document owns; the public gold_doc points into it. */
struct owned {
	char *id, *field, *text;
	struct gold_span *spans;
	size_t cap;
};

struct gold {
	struct gold_doc *docs;
	struct owned *own;
	size_t ndocs, cap;
	json_t *index;		/* "len:id" + field -> document index */
	json_t *ids;		/* id -> true */
	json_t *types;		/* type name -> the interned string */
	size_t max_file;
	char err[512];
};

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

/* libxml2 frees note text through the same wiping free as jansson. */
static void
xml_setup(void)
{
	(void)xmlMemSetup(reader_wipe_free, malloc, reader_wipe_realloc,
	    strdup);
	xmlInitParser();
}

/* Set the error message (printf-style) and yield rc. */
#define FAIL(x, rc, ...) \
	((void)snprintf((x)->err, sizeof((x)->err), __VA_ARGS__), (rc))

/*
 * A read failure of path into err (n bytes): the OS's reason for
 * ERR_IO, ours otherwise.  Yields rc.
 */
static int
read_error(char *err, size_t n, int rc, const char *path)
{
	if (rc == ERR_IO)
		(void)snprintf(err, n, "%s: %s", path, strerror(errno));
	else if (rc == ERR_TOOBIG)
		(void)snprintf(err, n, "%s: file too large", path);
	else
		(void)snprintf(err, n, "%s: %s", path, err_str(rc));
	return rc;
}

static int
fail_read(struct gold *g, int rc, const char *path)
{
	return read_error(g->err, sizeof(g->err), rc, path);
}

struct gold *
gold_new(size_t max_file)
{
	struct gold *g;

	if (reader_jsonl_hooks() != 0)
		return NULL;
	g = calloc(1, sizeof(*g));
	if (g == NULL)
		return NULL;
	g->index = json_object();
	g->ids = json_object();
	g->types = json_object();
	if (g->index == NULL || g->ids == NULL || g->types == NULL) {
		gold_free(g);
		return NULL;
	}
	g->max_file = max_file;
	return g;
}

static void
wipe_free(char *s, size_t len)
{
	if (s == NULL)
		return;
	explicit_bzero(s, len);
	free(s);
}

void
gold_free(struct gold *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->ndocs; i++) {
		wipe_free(g->own[i].id, g->docs[i].id_len);
		wipe_free(g->own[i].field, g->docs[i].field_len);
		wipe_free(g->own[i].text, g->docs[i].text_len);
		free(g->own[i].spans);
	}
	free(g->docs);
	free(g->own);
	json_decref(g->index);
	json_decref(g->ids);
	json_decref(g->types);
	free(g);
}

const char *
gold_error(const struct gold *g)
{
	return g->err;
}

size_t
gold_count(const struct gold *g)
{
	return g->ndocs;
}

const struct gold_doc *
gold_get(const struct gold *g, size_t i)
{
	return i < g->ndocs ? &g->docs[i] : NULL;
}

int
gold_key(struct buf *key, const char *id, size_t id_len, const char *field,
    size_t field_len)
{
	int rc;

	buf_reset(key);
	rc = buf_printf(key, "%zu:", id_len);
	if (rc == 0)
		rc = buf_append(key, id, id_len);
	if (rc == 0)
		rc = buf_append(key, field, field_len);
	return rc;
}

int
gold_find(const struct gold *g, const char *id, size_t id_len,
    const char *field, size_t field_len, size_t *index)
{
	struct buf key;
	json_t *v;

	buf_init(&key, GOLD_KEY_MAX);
	if (gold_key(&key, id, id_len, field, field_len) != 0) {
		buf_release(&key);
		return ERR_NOTFOUND;
	}
	v = json_object_getn(g->index, key.data, key.len);
	buf_release(&key);
	if (v == NULL)
		return ERR_NOTFOUND;
	*index = (size_t)json_integer_value(v);
	return 0;
}

int
gold_has_id(const struct gold *g, const char *id, size_t id_len)
{
	return json_object_getn(g->ids, id, id_len) != NULL;
}

/* Byte offset of code point cp in s (which has at least cp of them). */
static size_t
cp_byte(const char *s, size_t len, size_t cp)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && cp-- == 0)
			return i;
	return len;
}

const char *
gold_doc_slice(const struct gold_doc *d, size_t start, size_t end,
    size_t *len)
{
	size_t a = cp_byte(d->text, d->text_len, start);
	size_t b = cp_byte(d->text, d->text_len, end);

	*len = b - a;
	return d->text + a;
}

static char *
dup_bytes(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (p == NULL)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

static int
grow_docs(struct gold *g)
{
	struct gold_doc *d;
	struct owned *o;
	size_t cap;

	if (g->ndocs < g->cap)
		return 0;
	cap = g->cap ? g->cap * 2 : 64;
	d = realloc(g->docs, cap * sizeof(*d));
	if (d == NULL)
		return ERR_NOMEM;
	g->docs = d;
	o = realloc(g->own, cap * sizeof(*o));
	if (o == NULL)
		return ERR_NOMEM;
	g->own = o;
	g->cap = cap;
	return 0;
}

/* Register the key of document i; ERR_USAGE when it is taken. */
static int
index_doc(struct gold *g, size_t i)
{
	const struct gold_doc *d = &g->docs[i];
	struct buf key;
	int rc;

	buf_init(&key, GOLD_KEY_MAX);
	rc = gold_key(&key, d->id, d->id_len, d->field, d->field_len);
	if (rc == 0 && json_object_getn(g->index, key.data, key.len) != NULL)
		rc = ERR_USAGE;
	if (rc == 0 && json_object_setn_new(g->index, key.data, key.len,
	    json_integer((json_int_t)i)) != 0)
		rc = ERR_NOMEM;
	if (rc == 0 && json_object_setn_new(g->ids, d->id, d->id_len,
	    json_true()) != 0)
		rc = ERR_NOMEM;
	buf_release(&key);
	return rc;
}

/*
 * Add a document with no spans yet (copies of everything); *out gets
 * its index.  ERR_USAGE when (id, field) is already loaded.
 */
static int
add_doc(struct gold *g, const char *id, size_t id_len, const char *field,
    size_t field_len, const char *text, size_t text_len, size_t ncp,
    size_t *out)
{
	struct gold_doc *d;
	struct owned *o;
	int rc;

	if (grow_docs(g) != 0)
		return ERR_NOMEM;
	d = &g->docs[g->ndocs];
	o = &g->own[g->ndocs];
	memset(d, 0, sizeof(*d));
	memset(o, 0, sizeof(*o));
	o->id = dup_bytes(id, id_len);
	o->field = dup_bytes(field, field_len);
	o->text = dup_bytes(text, text_len);
	d->id = o->id;
	d->id_len = id_len;
	d->field = o->field;
	d->field_len = field_len;
	d->text = o->text;
	d->text_len = text_len;
	d->ncp = ncp;
	g->ndocs++;
	if (o->id == NULL || o->field == NULL || o->text == NULL)
		return ERR_NOMEM;
	rc = index_doc(g, g->ndocs - 1);
	*out = g->ndocs - 1;
	return rc;
}

static const char *
intern(struct gold *g, const char *name)
{
	json_t *v = json_object_get(g->types, name);

	if (v != NULL)
		return json_string_value(v);
	v = json_string(name);
	if (v == NULL || json_object_set_new(g->types, name, v) != 0)
		return NULL;
	return json_string_value(v);
}

static int
add_span(struct gold *g, size_t di, size_t start, size_t end,
    const char *type)
{
	struct owned *o = &g->own[di];
	struct gold_doc *d = &g->docs[di];
	struct gold_span *s;
	size_t cap;

	if (d->nspans == o->cap) {
		cap = o->cap ? o->cap * 2 : 8;
		s = realloc(o->spans, cap * sizeof(*s));
		if (s == NULL)
			return ERR_NOMEM;
		o->spans = s;
		o->cap = cap;
		d->spans = s;
	}
	s = &o->spans[d->nspans];
	s->start = start;
	s->end = end;
	s->type = intern(g, type);
	if (s->type == NULL)
		return ERR_NOMEM;
	d->nspans++;
	return 0;
}

int
gold_read_file(const char *path, struct buf *out)
{
	char chunk[65536];
	FILE *fp;
	size_t n;
	int rc = 0, saved = 0;

	fp = fopen(path, "rb");
	if (fp == NULL)
		return ERR_IO;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		rc = buf_append(out, chunk, n);
		if (rc != 0)
			break;
	}
	if (rc == 0 && ferror(fp)) {
		saved = errno;
		rc = ERR_IO;
	}
	explicit_bzero(chunk, sizeof(chunk));
	(void)fclose(fp);
	if (saved != 0)
		errno = saved;
	return rc;
}

/* Code points of a UTF-8 string; ERR_UTF8 when it is not UTF-8. */
static int
count_cps(const char *s, size_t len, size_t *ncp)
{
	int32_t i = 0, n;
	UChar32 c;
	size_t count = 0;

	if (len > INT32_MAX)
		return ERR_TOOBIG;
	n = (int32_t)len;
	while (i < n) {
		U8_NEXT(s, i, n, c);
		if (c < 0)
			return ERR_UTF8;
		count++;
	}
	*ncp = count;
	return 0;
}

/* Python's str() of a JSON number read as a double. */
static int
put_real(struct buf *b, double x)
{
	char tmp[64];
	int p;

	if (!isfinite(x))
		return buf_puts(b, isnan(x) ? "nan" : x > 0 ? "inf" : "-inf");
	if (x == 0)
		return buf_puts(b, "0");
	if (floor(x) == x)
		return buf_printf(b, "%.0f", x);
	for (p = 1; p < 17; p++) {
		(void)snprintf(tmp, sizeof(tmp), "%.*g", p, x);
		if (strtod(tmp, NULL) == x)
			break;
	}
	(void)snprintf(tmp, sizeof(tmp), "%.*g", p, x);
	return buf_puts(b, tmp);
}

int
gold_record_key(const json_t *rec, struct buf *id, const char **field,
    size_t *field_len, const char **why)
{
	const json_t *v = json_object_get(rec, "id");
	int rc;

	if (v == NULL) {
		*why = "no \"id\"";
		return ERR_PARSE;
	}
	if (json_is_string(v))
		rc = buf_append(id, json_string_value(v),
		    json_string_length(v));
	else if (json_is_integer(v))
		rc = buf_printf(id, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	else if (json_is_real(v))
		rc = put_real(id, json_real_value(v));
	else {
		*why = "\"id\" must be a string or a number";
		return ERR_PARSE;
	}
	if (rc != 0) {
		*why = rc == ERR_TOOBIG ? "\"id\" too long" : err_str(rc);
		return rc;
	}

	v = json_object_get(rec, "field");
	if (v == NULL) {
		*field = "text";
		*field_len = 4;
		return 0;
	}
	if (!json_is_string(v)) {
		*why = "\"field\" must be a string";
		return ERR_PARSE;
	}
	*field = json_string_value(v);
	*field_len = json_string_length(v);
	return 0;
}

/* Python's truth value of a JSON value. */
static int
json_truthy(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_NULL:
	case JSON_FALSE:
		return 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) != 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	case JSON_OBJECT:
		return json_object_size(v) > 0;
	default:
		return 1;
	}
}

int
gold_record_spans(const json_t *rec, const json_t **spans)
{
	const json_t *v = json_object_get(rec, "spans");

	*spans = NULL;
	if (v == NULL || !json_truthy(v))
		return 0;
	if (!json_is_array(v))
		return ERR_PARSE;
	*spans = v;
	return 0;
}

/* The line at *off in b (without its '\n') and its length; moves on. */
static const char *
next_line(const struct buf *b, size_t *off, size_t *len)
{
	const char *line = b->data + *off, *nl;

	nl = memchr(line, '\n', b->len - *off);
	*len = nl != NULL ? (size_t)(nl - line) : b->len - *off;
	*off += *len + (nl != NULL);
	return line;
}

static int
blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
		    s[i] != '\f' && s[i] != '\v')
			return 0;
	return 1;
}

/* What gold_jsonl_each carries from line to line. */
struct each {
	int (*fn)(void *arg, const struct gold_record *r);
	void *arg;
	char *err;
	size_t errlen;
	struct buf id;
	struct gold_record r;
};

/* Set x's error message (printf-style) and yield rc. */
#define EFAIL(x, rc, ...) \
	((void)snprintf((x)->err, (x)->errlen, __VA_ARGS__), (rc))

/* Parse one line, key it and hand it to x->fn. */
static int
each_line(struct each *x, const char *line, size_t len)
{
	json_error_t e;
	json_t *rec;
	const char *why;
	int rc;

	rec = json_loadb(line, len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
	if (rec == NULL)
		return EFAIL(x, ERR_PARSE, "%s:%zu: bad JSON (column %d)",
		    x->r.path, x->r.lineno, e.column);
	buf_reset(&x->id);
	if (!json_is_object(rec)) {
		rc = EFAIL(x, ERR_PARSE, "%s:%zu: not a JSON object",
		    x->r.path, x->r.lineno);
	} else {
		rc = gold_record_key(rec, &x->id, &x->r.field,
		    &x->r.field_len, &why);
		if (rc != 0)
			rc = EFAIL(x, rc, "%s:%zu: %s", x->r.path,
			    x->r.lineno, why);
	}
	if (rc == 0) {
		x->r.rec = rec;
		x->r.id = x->id.data ? x->id.data : "";
		x->r.id_len = x->id.len;
		rc = x->fn(x->arg, &x->r);
	}
	json_decref(rec);
	return rc;
}

int
gold_jsonl_each(const char *path, size_t max_file,
    int (*fn)(void *arg, const struct gold_record *r), void *arg,
    char *err, size_t errlen)
{
	struct each x;
	struct buf file;
	const char *line;
	size_t off = 0, len;
	int rc;

	memset(&x, 0, sizeof(x));
	x.fn = fn;
	x.arg = arg;
	x.err = err;
	x.errlen = errlen;
	x.r.path = path;
	buf_init(&x.id, GOLD_ID_MAX);
	buf_init(&file, max_file);
	rc = gold_read_file(path, &file);
	if (rc != 0)
		rc = read_error(err, errlen, rc, path);
	while (rc == 0 && off < file.len) {
		line = next_line(&file, &off, &len);
		x.r.lineno++;
		if (!blank(line, len))
			rc = each_line(&x, line, len);
	}
	buf_release(&file);
	buf_release(&x.id);
	return rc;
}

static int
json_span(struct gold *g, size_t di, const json_t *s)
{
	const json_t *st, *en, *ty;
	json_int_t a, b;

	if (!json_is_object(s))
		return ERR_PARSE;
	st = json_object_get(s, "start");
	en = json_object_get(s, "end");
	ty = json_object_get(s, "type");
	if (!json_is_integer(st) || !json_is_integer(en))
		return ERR_PARSE;
	a = json_integer_value(st);
	b = json_integer_value(en);
	if (a < 0 || a >= b || (uint64_t)b > g->docs[di].ncp)
		return ERR_PARSE;
	return add_span(g, di, (size_t)a, (size_t)b,
	    json_is_string(ty) ? json_string_value(ty) : "UNTYPED");
}

static int
json_spans(struct gold *g, const struct gold_record *r, size_t di)
{
	const json_t *v;
	size_t i;
	int rc;

	if (gold_record_spans(r->rec, &v) != 0)
		return FAIL(g, ERR_PARSE, "%s:%zu: \"spans\" is not a list",
		    r->path, r->lineno);
	for (i = 0; v != NULL && i < json_array_size(v); i++) {
		rc = json_span(g, di, json_array_get(v, i));
		if (rc == ERR_PARSE)
			return FAIL(g, rc, "%s:%zu: bad gold span %zu",
			    r->path, r->lineno, i + 1);
		if (rc != 0)
			return FAIL(g, rc, "%s:%zu: %s", r->path, r->lineno,
			    err_str(rc));
	}
	return 0;
}

/* One gold JSONL record (gold_jsonl_each's fn). */
static int
jsonl_doc(void *arg, const struct gold_record *r)
{
	struct gold *g = arg;
	const json_t *text;
	const char *s;
	size_t di, ncp = 0, len, i;
	int rc;

	text = json_object_get(r->rec, "text");
	if (!json_is_string(text))
		return FAIL(g, ERR_PARSE, "%s:%zu: gold record has no "
		    "\"text\"", r->path, r->lineno);
	s = json_string_value(text);
	len = json_string_length(text);
	for (i = 0; i < len; i++)
		ncp += ((unsigned char)s[i] & 0xC0) != 0x80;

	rc = add_doc(g, r->id, r->id_len, r->field, r->field_len, s, len,
	    ncp, &di);
	if (rc == ERR_USAGE)
		return FAIL(g, rc, "%s:%zu: duplicate id/field", r->path,
		    r->lineno);
	if (rc != 0)
		return FAIL(g, rc, "%s:%zu: %s", r->path, r->lineno,
		    err_str(rc));
	return json_spans(g, r, di);
}

static int
load_jsonl(struct gold *g, const char *path)
{
	return gold_jsonl_each(path, g->max_file, jsonl_doc, g, g->err,
	    sizeof(g->err));
}

/* Parse a decimal number at *p (before end); advance *p past it. */
static int
parse_num(const char **p, const char *end, size_t *out)
{
	size_t v = 0;
	const char *s = *p;

	if (s >= end || *s < '0' || *s > '9')
		return ERR_PARSE;
	while (s < end && *s >= '0' && *s <= '9') {
		if (v > (SIZE_MAX - 9) / 10)
			return ERR_PARSE;
		v = v * 10 + (size_t)(*s - '0');
		s++;
	}
	*p = s;
	*out = v;
	return 0;
}

/* The fragments "10 15;17 20" of one text-bound annotation. */
static int
brat_fragments(struct gold *g, size_t di, const char *p, const char *end,
    const char *type)
{
	size_t s, e;
	int rc;

	for (;;) {
		if (parse_num(&p, end, &s) != 0 || p >= end || *p++ != ' ' ||
		    parse_num(&p, end, &e) != 0)
			return ERR_PARSE;
		if (s >= e || e > g->docs[di].ncp)
			return ERR_PARSE;
		rc = add_span(g, di, s, e, type);
		if (rc != 0 || p == end)
			return rc;
		if (*p++ != ';')
			return ERR_PARSE;
	}
}

/* One "T1<TAB>TYPE 10 15[;17 20]<TAB>text" line. */
static int
brat_line(struct gold *g, size_t di, const char *line, size_t len)
{
	const char *p, *end, *sp;
	char type[TYPE_MAX];

	p = memchr(line, '\t', len);
	if (p == NULL)
		return ERR_PARSE;
	p++;
	end = memchr(p, '\t', len - (size_t)(p - line));
	if (end == NULL)
		end = line + len;
	while (end > p && end[-1] == '\r')
		end--;
	sp = memchr(p, ' ', (size_t)(end - p));
	if (sp == NULL || sp == p || (size_t)(sp - p) >= sizeof(type))
		return ERR_PARSE;
	memcpy(type, p, (size_t)(sp - p));
	type[sp - p] = '\0';
	return brat_fragments(g, di, sp + 1, end, type);
}

static int
brat_spans(struct gold *g, const char *ann, size_t di, const struct buf *b)
{
	const char *line;
	size_t off = 0, len, lineno = 0;
	int rc;

	while (off < b->len) {
		line = next_line(b, &off, &len);
		lineno++;
		if (len == 0 || line[0] != 'T')
			continue;
		rc = brat_line(g, di, line, len);
		if (rc == ERR_PARSE)
			return FAIL(g, rc, "%s:%zu: bad text-bound annotation",
			    ann, lineno);
		if (rc != 0)
			return FAIL(g, rc, "%s:%zu: %s", ann, lineno,
			    err_str(rc));
	}
	return 0;
}

static int
load_brat_pair(struct gold *g, const char *ann, const char *txt)
{
	struct buf tb, ab;
	size_t ncp = 0, di;
	int rc;

	buf_init(&tb, g->max_file);
	buf_init(&ab, g->max_file);
	rc = gold_read_file(txt, &tb);
	if (rc != 0) {
		rc = fail_read(g, rc, txt);
		goto out;
	}
	rc = gold_read_file(ann, &ab);
	if (rc != 0) {
		rc = fail_read(g, rc, ann);
		goto out;
	}
	rc = count_cps(tb.data ? tb.data : "", tb.len, &ncp);
	if (rc != 0) {
		rc = FAIL(g, rc, "%s: not UTF-8", txt);
		goto out;
	}
	rc = add_doc(g, txt, strlen(txt), "text", 4, tb.data ? tb.data : "",
	    tb.len, ncp, &di);
	if (rc != 0) {
		rc = FAIL(g, rc, "%s: %s", txt, rc == ERR_USAGE ?
		    "loaded twice" : err_str(rc));
		goto out;
	}
	rc = brat_spans(g, ann, di, &ab);
out:
	buf_release(&tb);
	buf_release(&ab);
	return rc;
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && strcmp(s + n - m, suffix) == 0;
}

/* path with its last 4 bytes (".ann", ".txt") replaced by ext. */
static char *
swap_ext(const char *path, const char *ext)
{
	char *p;

	if (asprintf(&p, "%.*s%s", (int)(strlen(path) - 4), path, ext) < 0)
		return NULL;
	return p;
}

static int
load_brat_file(struct gold *g, const char *path)
{
	char *ann, *txt;
	int rc;

	if (has_suffix(path, ".txt")) {
		ann = swap_ext(path, ".ann");
		txt = strdup(path);
	} else {
		ann = strdup(path);
		txt = has_suffix(path, ".ann") ? swap_ext(path, ".txt") :
		    NULL;
	}
	if (ann == NULL || txt == NULL)
		rc = FAIL(g, ERR_USAGE, "%s: not a .ann or .txt file", path);
	else
		rc = load_brat_pair(g, ann, txt);
	free(ann);
	free(txt);
	return rc;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
free_names(char **names, size_t n)
{
	while (n > 0)
		free(names[--n]);
	free(names);
}

/* The names in dir ending in suffix, sorted; *n may be 0. */
static int
list_dir(const char *dir, const char *suffix, char ***out, size_t *n)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL, **tmp;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	d = opendir(dir);
	if (d == NULL)
		return ERR_IO;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !has_suffix(e->d_name, suffix))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			tmp = realloc(names, cap * sizeof(*names));
			if (tmp == NULL)
				break;
			names = tmp;
		}
		names[*n] = strdup(e->d_name);
		if (names[*n] == NULL)
			break;
		(*n)++;
	}
	(void)closedir(d);
	if (e != NULL) {
		free_names(names, *n);
		*n = 0;
		return ERR_NOMEM;
	}
	if (*n > 0)
		qsort(names, *n, sizeof(*names), cmp_names);
	*out = names;
	return 0;
}

static int load_i2b2_file(struct gold *g, const char *path);

/* Every file of dir ending in suffix, in name order. */
static int
load_dir(struct gold *g, const char *dir, enum gold_format fmt)
{
	const char *suffix = fmt == GOLD_BRAT ? ".ann" : ".xml";
	char **names = NULL, *path;
	size_t n, i, dlen = strlen(dir);
	int rc;

	while (dlen > 1 && dir[dlen - 1] == '/')
		dlen--;
	rc = list_dir(dir, suffix, &names, &n);
	if (rc != 0)
		return rc == ERR_IO ? fail_read(g, rc, dir) :
		    FAIL(g, rc, "%s: %s", dir, err_str(rc));
	if (n == 0)
		rc = FAIL(g, ERR_USAGE, "%s: no %s files", dir, suffix);
	for (i = 0; rc == 0 && i < n; i++) {
		if (asprintf(&path, "%.*s%s%s", (int)dlen, dir,
		    dir[dlen - 1] == '/' ? "" : "/", names[i]) < 0) {
			rc = FAIL(g, ERR_NOMEM, "%s", err_str(ERR_NOMEM));
			break;
		}
		rc = fmt == GOLD_BRAT ? load_brat_file(g, path) :
		    load_i2b2_file(g, path);
		free(path);
	}
	free_names(names, n);
	return rc;
}

static const struct {
	const char *i2b2, *veil;	/* veil NULL: not PHI here */
} i2b2_types[] = {
	{ "PATIENT", "NAME" }, { "DOCTOR", "NAME" }, { "USERNAME", "NAME" },
	{ "PROFESSION", NULL }, { "HOSPITAL", "LOCATION" },
	{ "ORGANIZATION", "ORGANIZATION" }, { "STREET", "ADDRESS" },
	{ "CITY", "CITY" }, { "STATE", "STATE" }, { "COUNTRY", "COUNTRY" },
	{ "ZIP", "ZIP" }, { "LOCATION-OTHER", "LOCATION" },
	{ "AGE", "AGE" }, { "DATE", "DATE" }, { "PHONE", "PHONE" },
	{ "FAX", "FAX" }, { "EMAIL", "EMAIL" }, { "URL", "URL" },
	{ "IPADDR", "IP" }, { "MEDICALRECORD", "MRN" },
	{ "HEALTHPLAN", "HEALTH_PLAN" }, { "IDNUM", "OTHER_ID" },
	{ "DEVICE", "DEVICE" }, { "BIOID", "BIOMETRIC" }, { "SSN", "SSN" },
	{ "ACCOUNT", "ACCOUNT" }, { "LICENSE", "LICENSE" },
	{ "VEHICLE", "VEHICLE" },
};

/* The first number in s, capped at 1000; -1 when there is none. */
static int
first_number(const char *s, size_t len)
{
	size_t i = 0;
	int v = 0;

	while (i < len && (s[i] < '0' || s[i] > '9'))
		i++;
	if (i == len)
		return -1;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++)
		v = v >= 1000 ? 1000 : v * 10 + (s[i] - '0');
	return v;
}

int
gold_i2b2_type(const char *i2b2, const char *text, size_t len,
    const char **out)
{
	size_t i;

	for (i = 0; i < sizeof(i2b2_types) / sizeof(i2b2_types[0]); i++) {
		if (strcmp(i2b2, i2b2_types[i].i2b2) != 0)
			continue;
		if (i2b2_types[i].veil == NULL)
			return 0;
		if (strcmp(i2b2, "AGE") == 0 && first_number(text, len) <= 89)
			return 0;
		*out = i2b2_types[i].veil;
		return 1;
	}
	return ERR_NOTFOUND;
}

static xmlNode *
child(xmlNode *parent, const char *name)
{
	xmlNode *n;

	for (n = parent->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

/* The note: the CDATA sections of <TEXT>, else all its text. */
static int
i2b2_text(xmlNode *text, struct buf *out)
{
	xmlNode *n;
	int rc = 0, cdata = 0;

	for (n = text->children; n != NULL && rc == 0; n = n->next)
		if (n->type == XML_CDATA_SECTION_NODE && n->content != NULL) {
			rc = buf_puts(out, (const char *)n->content);
			cdata = 1;
		}
	for (n = text->children; !cdata && n != NULL && rc == 0; n = n->next)
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			rc = buf_puts(out, (const char *)n->content);
	return rc;
}

static int
xml_num(xmlNode *tag, const char *name, size_t *out)
{
	xmlChar *v = xmlGetProp(tag, (const xmlChar *)name);
	const char *p, *end;
	int rc;

	if (v == NULL)
		return ERR_PARSE;
	p = (const char *)v;
	end = p + strlen(p);
	rc = parse_num(&p, end, out);
	if (rc == 0 && p != end)
		rc = ERR_PARSE;
	xmlFree(v);
	return rc;
}

static int
i2b2_tag(struct gold *g, size_t di, xmlNode *tag)
{
	const struct gold_doc *d = &g->docs[di];
	xmlChar *type;
	const char *veil = NULL;
	const char *span;
	size_t s, e, n;
	int rc;

	if (xml_num(tag, "start", &s) != 0 || xml_num(tag, "end", &e) != 0 ||
	    s >= e || e > d->ncp)
		return ERR_PARSE;
	type = xmlGetProp(tag, (const xmlChar *)"TYPE");
	if (type == NULL)
		return ERR_PARSE;
	span = gold_doc_slice(d, s, e, &n);
	rc = gold_i2b2_type((const char *)type, span, n, &veil);
	xmlFree(type);
	if (rc == ERR_NOTFOUND)
		return rc;
	return rc == 1 ? add_span(g, di, s, e, veil) : 0;
}

static int
i2b2_doc(struct gold *g, const char *path, xmlNode *root)
{
	xmlNode *text, *tags, *n;
	struct buf tb;
	const char *base = strrchr(path, '/');
	size_t ncp, di, k = 0;
	int rc;

	base = base != NULL ? base + 1 : path;
	/* the 2014 track's files have <deIdi2b2>; older tools write <deid> */
	text = strcmp((const char *)root->name, "deid") == 0 ||
	    strcmp((const char *)root->name, "deIdi2b2") == 0 ?
	    child(root, "TEXT") : NULL;
	if (text == NULL)
		return FAIL(g, ERR_PARSE, "%s: not i2b2 XML (no "
		    "<deIdi2b2><TEXT> or <deid><TEXT>)", path);
	buf_init(&tb, g->max_file);
	rc = i2b2_text(text, &tb);
	if (rc == 0)
		rc = count_cps(tb.data ? tb.data : "", tb.len, &ncp);
	if (rc == 0)
		rc = add_doc(g, base, strlen(base) - (has_suffix(base,
		    ".xml") ? 4 : 0), "text", 4,
		    tb.data ? tb.data : "", tb.len, ncp, &di);
	buf_release(&tb);
	if (rc != 0)
		return FAIL(g, rc, "%s: %s", path, rc == ERR_USAGE ?
		    "id loaded twice" : err_str(rc));

	tags = child(root, "TAGS");
	for (n = tags ? tags->children : NULL; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		k++;
		rc = i2b2_tag(g, di, n);
		if (rc == ERR_NOTFOUND)
			return FAIL(g, ERR_PARSE, "%s: tag %zu: unknown TYPE",
			    path, k);
		if (rc != 0)
			return FAIL(g, rc, "%s: tag %zu: %s", path, k,
			    rc == ERR_PARSE ? "bad start, end or TYPE" :
			    err_str(rc));
	}
	return 0;
}

static int
load_i2b2_file(struct gold *g, const char *path)
{
	struct buf fb;
	xmlDoc *doc;
	xmlNode *root;
	int rc;

	if (pthread_once(&xml_once, xml_setup) != 0)
		return FAIL(g, ERR_INTERNAL, "cannot set up libxml2");
	buf_init(&fb, g->max_file < INT_MAX ? g->max_file : INT_MAX);
	rc = gold_read_file(path, &fb);
	if (rc != 0) {
		rc = fail_read(g, rc, path);
		buf_release(&fb);
		return rc;
	}
	doc = xmlReadMemory(fb.data ? fb.data : "", (int)fb.len, NULL, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	buf_release(&fb);
	root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	if (root == NULL)
		rc = FAIL(g, ERR_PARSE, "%s: bad XML", path);
	else
		rc = i2b2_doc(g, path, root);
	xmlFreeDoc(doc);
	return rc;
}

/* A directory's format: BRAT if it holds .ann files, else i2b2. */
static int
dir_format(struct gold *g, const char *path, enum gold_format *fmt)
{
	char **names = NULL;
	size_t n;
	int rc;

	rc = list_dir(path, ".ann", &names, &n);
	free_names(names, n);
	if (rc == 0 && n > 0) {
		*fmt = GOLD_BRAT;
		return 0;
	}
	if (rc == 0) {
		names = NULL;
		rc = list_dir(path, ".xml", &names, &n);
		free_names(names, n);
	}
	if (rc != 0)
		return rc == ERR_IO ? fail_read(g, rc, path) :
		    FAIL(g, rc, "%s: %s", path, err_str(rc));
	if (n == 0)
		return FAIL(g, ERR_USAGE, "%s: no .ann or .xml files", path);
	*fmt = GOLD_I2B2;
	return 0;
}

static enum gold_format
file_format(const char *path)
{
	struct stat st;
	char *ann;
	int brat = 0;

	if (has_suffix(path, ".ann"))
		return GOLD_BRAT;
	if (has_suffix(path, ".xml"))
		return GOLD_I2B2;
	if (has_suffix(path, ".txt")) {
		ann = swap_ext(path, ".ann");
		brat = ann != NULL && stat(ann, &st) == 0;
		free(ann);
	}
	return brat ? GOLD_BRAT : GOLD_JSONL;
}

int
gold_load(struct gold *g, const char *path, enum gold_format fmt)
{
	struct stat st;
	int rc, isdir;

	g->err[0] = '\0';
	if (stat(path, &st) != 0)
		return fail_read(g, ERR_IO, path);
	isdir = S_ISDIR(st.st_mode);
	if (fmt == GOLD_AUTO && isdir) {
		rc = dir_format(g, path, &fmt);
		if (rc != 0)
			return rc;
	} else if (fmt == GOLD_AUTO) {
		fmt = file_format(path);
	}
	if (isdir && fmt == GOLD_JSONL)
		return FAIL(g, ERR_USAGE, "%s: a directory, not JSONL", path);
	if (isdir)
		return load_dir(g, path, fmt);
	if (fmt == GOLD_BRAT)
		return load_brat_file(g, path);
	if (fmt == GOLD_I2B2)
		return load_i2b2_file(g, path);
	return load_jsonl(g, path);
}
