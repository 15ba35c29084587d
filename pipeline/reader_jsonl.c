/*
 * reader_jsonl.c - one JSON object per line, parsed by jansson.
 *
 * Every string value becomes a field, depth first in document order:
 * top-level members are named by their key, nested ones by a path
 * ("meta.author", "notes[2]", "a.b[0].c").  field->node is the json_t
 * string; record.native is a struct jsonl_native holding the tree.
 * Every object key, at any depth, is listed in record.keys too.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "err.h"
#include "reader.h"
#include "reader_int.h"

/* One open object or array while walking the tree. */
struct frame {
	json_t *v;
	void *iter;		/* object: current member */
	size_t next;		/* array: next index */
	size_t path_len;	/* length of v's path in the path buffer */
};

struct walk {
	struct frame *st;
	size_t depth, cap;
	struct rbuf path;
	size_t budget;		/* bytes the fields may still take */
};

/*
 * What one field costs beyond its name and value (struct field, the
 * slot, allocation overhead).  A line's fields may take at most twice
 * max_record (plus 1 KiB), so a line of many tiny strings cannot take
 * far more memory than its size.
 */
#define FIELD_COST 64

static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static void
set_hooks(void)
{
	json_set_alloc_funcs(malloc, reader_wipe_free);
}

int
reader_jsonl_hooks(void)
{
	if (pthread_once(&hooks_once, set_hooks) != 0)
		return ERR_INTERNAL;
	return 0;
}

static void
native_free(void *p)
{
	struct jsonl_native *nat = p;
	size_t i;

	if (nat == NULL)
		return;
	for (i = 0; i < nat->nslots; i++)
		json_decref(nat->slots[i].node);
	free(nat->slots);
	json_decref(nat->root);
	free(nat);
}

/*
 * Read one line, without its '\n', into r->line.  Returns 1 (with
 * *toobig set and nothing kept when it passed max_record), 0 at the end
 * of input, or ERR_IO / ERR_NOMEM.
 */
static int
read_line(struct reader *r, int *toobig)
{
	const unsigned char *s, *nl;
	size_t n, take;
	int rc, any = 0;

	*toobig = 0;
	reader_buf_clear(&r->line);
	for (;;) {
		rc = reader_fill(r);
		if (rc <= 0)
			return rc < 0 ? rc : any;
		any = 1;
		s = r->in + r->in_pos;
		n = r->in_len - r->in_pos;
		nl = memchr(s, '\n', n);
		take = nl != NULL ? (size_t)(nl - s) : n;
		if (!*toobig) {
			rc = reader_buf_append(&r->line, s, take);
			if (rc == ERR_TOOBIG) {
				*toobig = 1;
				reader_buf_clear(&r->line);
			} else if (rc != 0) {
				return rc;
			}
		}
		r->in_pos += take + (nl != NULL);
		if (nl != NULL)
			return 1;
	}
}

static int
is_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* Where a parse failure's message goes: a static string or buf. */
struct why {
	const char *msg;
	char *buf;
	size_t size;
};

/* Map a jansson load error to a code and a message without input. */
static int
load_error(struct why *y, const json_error_t *e)
{
	switch (json_error_code(e)) {
	case json_error_out_of_memory:
		y->msg = "out of memory parsing JSON";
		return ERR_NOMEM;
	case json_error_invalid_utf8:
		y->msg = "line is not valid UTF-8";
		return ERR_UTF8;
	case json_error_null_character:
	case json_error_null_byte_in_key:
		y->msg = "string holds \\u0000";
		return ERR_UTF8;
	case json_error_duplicate_key:
		y->msg = "object has a duplicate key";
		return ERR_PARSE;
	case json_error_numeric_overflow:
		(void)snprintf(y->buf, y->size,
		    "number out of range at byte %d", e->position);
		y->msg = y->buf;
		return ERR_PARSE;
	case json_error_stack_overflow:
		y->msg = "JSON nested too deeply";
		return ERR_PARSE;
	default:
		break;
	}
	if (strncmp(e->text, "invalid Unicode", 15) == 0) {
		y->msg = "string holds an invalid \\u escape";
		return ERR_UTF8;
	}
	(void)snprintf(y->buf, y->size, "invalid JSON at byte %d",
	    e->position);
	y->msg = y->buf;
	return ERR_PARSE;
}

static int
push(struct walk *w, json_t *v, size_t path_len)
{
	struct frame *ns;
	size_t ncap;

	if (w->depth == w->cap) {
		ncap = w->cap ? w->cap * 2 : 16;
		ns = realloc(w->st, ncap * sizeof(*ns));
		if (ns == NULL)
			return ERR_NOMEM;
		w->st = ns;
		w->cap = ncap;
	}
	w->st[w->depth].v = v;
	w->st[w->depth].iter = NULL;
	w->st[w->depth].next = 0;
	w->st[w->depth].path_len = path_len;
	w->depth++;
	return 0;
}

static int
add_slot(struct jsonl_native *nat, const struct jsonl_slot *slot)
{
	struct jsonl_slot *ns;
	size_t ncap;

	if (nat->nslots == nat->cap) {
		ncap = nat->cap ? nat->cap * 2 : 8;
		ns = realloc(nat->slots, ncap * sizeof(*ns));
		if (ns == NULL)
			return ERR_NOMEM;
		nat->slots = ns;
		nat->cap = ncap;
	}
	nat->slots[nat->nslots++] = *slot;
	json_incref(slot->node);
	return 0;
}

static int
add_string(struct record *rec, struct jsonl_native *nat, const char *name,
    struct jsonl_slot *slot)
{
	json_t *s = slot->node;
	int rc;

	rc = add_slot(nat, slot);
	if (rc != 0)
		return rc;
	rc = record_add_field(rec, name, json_string_value(s),
	    json_string_length(s));
	if (rc != 0)
		return rc;
	rec->fields[rec->nfields - 1].node = s;
	return 0;
}

/*
 * A number, true, false or null becomes a field too, not scanned, so
 * that a policy can drop it (minimum necessary) or replace it as an
 * identifier ("mrn": 1234); its value is its JSON text.
 */
static int
add_scalar(struct record *rec, struct jsonl_native *nat, const char *name,
    struct jsonl_slot *slot)
{
	char *text;
	int rc;

	text = json_dumps(slot->node,
	    JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
	if (text == NULL)
		return ERR_NOMEM;
	rc = add_slot(nat, slot);
	if (rc == 0)
		rc = record_add_field(rec, name, text, strlen(text));
	free(text);
	if (rc != 0)
		return rc;
	rec->fields[rec->nfields - 1].node = slot->node;
	rec->fields[rec->nfields - 1].scan = 0;
	return 0;
}

/*
 * jansson prints every real with one precision (%.17g by default, so
 * 0.1 comes out as 0.10000000000000001).  Find the fewest digits that
 * give this value back without switching a plain number to exponent
 * form, and keep the largest over the record for the writer.
 */
static void
note_real(struct jsonl_native *nat, double v)
{
	char buf[40];
	double a = v < 0 ? -v : v;
	int p;

	for (p = nat->real_prec > 0 ? nat->real_prec : 1; p < 17; p++) {
		if (snprintf(buf, sizeof(buf), "%.*g", p, v) <= 0)
			break;
		if (strtod(buf, NULL) == v && (strchr(buf, 'e') == NULL ||
		    a < 1e-4 || a >= 1e16))
			break;
	}
	nat->real_prec = p;
}

/* Put the child's name in w->path: key, parent.key or parent[i]. */
static int
name_child(struct walk *w, const struct jsonl_slot *slot)
{
	char idx[32];
	int n, rc = 0;

	if (slot->key != NULL) {
		if (w->path.len > 0)
			rc = reader_buf_append(&w->path, ".", 1);
		if (rc == 0)
			rc = reader_buf_append(&w->path, slot->key,
			    slot->key_len);
		return rc;
	}
	n = snprintf(idx, sizeof(idx), "[%zu]", slot->index);
	if (n < 0 || (size_t)n >= sizeof(idx))
		return ERR_INTERNAL;
	return reader_buf_append(&w->path, idx, (size_t)n);
}

/*
 * Note the member's key for the engine's check (record.h): the field
 * the member becomes next, unless it is an object or an array.
 */
static int
add_key(struct walk *w, struct record *rec, const struct jsonl_slot *slot,
    const json_t *child)
{
	size_t field = SIZE_MAX;

	if (sizeof(struct record_key) > w->budget)
		return ERR_TOOBIG;
	w->budget -= sizeof(struct record_key);
	if (!json_is_object(child) && !json_is_array(child))
		field = rec->nfields;
	return record_add_key(rec, slot->key, slot->key_len, field);
}

/* Visit the next child of the innermost open container, or close it. */
static int
step(struct walk *w, struct record *rec, struct jsonl_native *nat)
{
	struct frame *f = &w->st[w->depth - 1];
	struct jsonl_slot slot;
	json_t *child;
	size_t cost;
	int rc;

	memset(&slot, 0, sizeof(slot));
	slot.parent = f->v;
	w->path.len = f->path_len;
	if (json_is_object(f->v)) {
		f->iter = f->iter != NULL ? json_object_iter_next(f->v,
		    f->iter) : json_object_iter(f->v);
		if (f->iter == NULL) {
			w->depth--;
			return 0;
		}
		slot.key = json_object_iter_key(f->iter);
		slot.key_len = json_object_iter_key_len(f->iter);
		child = json_object_iter_value(f->iter);
	} else {
		if (f->next >= json_array_size(f->v)) {
			w->depth--;
			return 0;
		}
		slot.index = f->next++;
		child = json_array_get(f->v, slot.index);
	}

	rc = name_child(w, &slot);
	if (rc == 0 && slot.key != NULL)
		rc = add_key(w, rec, &slot, child);
	if (rc != 0)
		return rc;
	if (json_is_string(child)) {
		cost = w->path.len + json_string_length(child) + FIELD_COST;
		if (cost > w->budget)
			return ERR_TOOBIG;
		w->budget -= cost;
		slot.node = child;
		return add_string(rec, nat, w->path.p, &slot);
	}
	if (json_is_object(child) || json_is_array(child))
		return push(w, child, w->path.len);
	if (json_is_real(child))
		note_real(nat, json_real_value(child));
	cost = w->path.len + 32 + FIELD_COST;
	if (cost > w->budget)
		return ERR_TOOBIG;
	w->budget -= cost;
	slot.node = child;
	return add_scalar(rec, nat, w->path.p, &slot);
}

static int
collect(struct record *rec, struct jsonl_native *nat, size_t max_record)
{
	struct walk w;
	int rc;

	memset(&w, 0, sizeof(w));
	w.path.max = SIZE_MAX;
	w.budget = max_record > SIZE_MAX / 4 ? SIZE_MAX :
	    2 * max_record + 1024;
	rc = reader_buf_append(&w.path, "", 0);
	if (rc == 0)
		rc = push(&w, nat->root, 0);
	while (rc == 0 && w.depth > 0)
		rc = step(&w, rec, nat);
	free(w.st);
	reader_buf_free(&w.path);
	return rc;
}

/*
 * The text of an id member: a string as it is, an integer in decimal, a
 * real as %.17g; NULL for anything else or an empty string.
 */
static const char *
id_text(const json_t *v, char *buf, size_t size)
{
	int n;

	if (json_is_string(v))
		return json_string_length(v) > 0 ? json_string_value(v) : NULL;
	if (json_is_integer(v))
		n = snprintf(buf, size, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	else if (json_is_real(v))
		n = snprintf(buf, size, "%.17g", json_real_value(v));
	else
		return NULL;
	return n > 0 && (size_t)n < size ? buf : NULL;
}

static int
set_ids(struct record *rec, const json_t *root)
{
	char buf[64];
	const char *s;
	int rc;

	s = id_text(json_object_get(root, "id"), buf, sizeof(buf));
	if (s == NULL) {
		(void)snprintf(buf, sizeof(buf), "%llu", rec->number);
		s = buf;
	}
	rc = record_set_id(rec, s);
	if (rc != 0)
		return rc;
	s = id_text(json_object_get(root, "patient_id"), buf, sizeof(buf));
	if (s != NULL)
		rc = record_set_patient(rec, s);
	return rc;
}

/*
 * Parse one line (n bytes at p, NUL-terminated) into rec, whose number
 * is set.  The line's bytes are wiped once jansson has read them.
 * Returns 1, or a negative ERR_* with the reason in y.
 */
static int
parse(char *p, size_t n, size_t max_record, struct record *rec,
    struct why *y)
{
	struct jsonl_native *nat;
	json_error_t e;
	json_t *root;
	int rc;

	if (memchr(p, '\0', n) != NULL) {
		explicit_bzero(p, n);
		y->msg = "line holds a NUL byte";
		return ERR_UTF8;
	}
	root = json_loadb(p, n, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &e);
	explicit_bzero(p, n);
	if (root == NULL)
		return load_error(y, &e);
	if (!json_is_object(root)) {
		json_decref(root);
		y->msg = "line is not a JSON object";
		return ERR_PARSE;
	}

	nat = calloc(1, sizeof(*nat));
	if (nat == NULL) {
		json_decref(root);
		return ERR_NOMEM;
	}
	nat->root = root;
	rec->native = nat;
	rec->native_free = native_free;

	rc = collect(rec, nat, max_record);
	if (rc == ERR_TOOBIG)
		y->msg = "line has too many values for the record limit";
	if (rc == 0)
		rc = set_ids(rec, root);
	return rc == 0 ? 1 : rc;
}

/* Give the line's buffer to rec->raw and take rec's old one back. */
static void
hand_over(struct reader *r, struct record *rec)
{
	char *p = rec->raw;
	size_t cap = rec->raw_cap;

	rec->raw = r->line.p;
	rec->raw_len = r->line.len;
	rec->raw_cap = r->line.cap;
	r->line.p = p;
	r->line.cap = cap;
	r->line.len = 0;
}

int
reader_jsonl_next(struct reader *r, struct record *rec)
{
	struct why y = { "", r->errbuf, sizeof(r->errbuf) };
	int rc, toobig;

	for (;;) {
		rc = read_line(r, &toobig);
		if (rc <= 0)
			return rc;
		rec->number = ++r->number;
		if (toobig) {
			reader_set_error(r,
			    "line is larger than the record limit");
			return ERR_TOOBIG;
		}
		if (!is_blank(r->line.p, r->line.len))
			break;
	}
	if (r->defer) {
		hand_over(r, rec);
		return 1;
	}
	rc = parse(r->line.p, r->line.len, r->max_record, rec, &y);
	r->line.len = 0;	/* parse wiped it */
	reader_set_error(r, y.msg);
	return rc;
}

int
reader_parse(struct record *rec, size_t max_record, char *why,
    size_t whylen)
{
	struct why y = { "", why, whylen };
	unsigned long long number = rec->number;
	int rc;

	if (rec->raw == NULL || rec->raw_len == 0)
		return 1;
	rc = parse(rec->raw, rec->raw_len, max_record, rec, &y);
	rec->raw_len = 0;
	/* parsed and wiped: a long line's block need not wait for reset */
	if (rec->raw_cap > RECORD_RAW_KEEP) {
		free(rec->raw);
		rec->raw = NULL;
		rec->raw_cap = 0;
	}
	if (y.msg != why)
		(void)snprintf(why, whylen, "%s", y.msg);
	if (rc != 1) {
		/* A rejected record keeps only its number. */
		record_reset(rec);
		rec->number = number;
	}
	return rc;
}
