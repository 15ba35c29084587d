/*
 * reader_firstpass.c - a JSONL line read by yajl's events for the first
 * pass, with jansson (reader_parse) as the judge of any doubt.
 *
 * Why a line kept here is read as reader_parse reads it.  The line has
 * no control byte but tab and CR: the two parsers' white space differs
 * only in yajl's also taking \v and \f, and both refuse raw control
 * bytes in strings.  Its \u escapes are none of those that jansson
 * refuses and yajl takes: \u0000 (which yajl drops) and a surrogate
 * not in a pair (yajl makes '?' or a wrong character of it).  It is
 * strict UTF-8, which jansson requires and yajl does not (it lets
 * overlong forms and surrogates through).  Past that, the escapes both
 * take (\" \\ \/ \b \f \n \r \t and \u with four hex digits) decode
 * alike, and a line that yajl takes as one object is JSON, from which
 * jansson builds the same tree, given the checks jansson and
 * reader_jsonl.c add, all made here too:
 * no key twice in an object, every number one that jansson takes (each
 * is handed to jansson), the nesting and the fields' memory within
 * their limits.  Whatever is in doubt goes to reader_parse whole.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <unicode/utf8.h>
#include <yajl/yajl_parse.h>

#include "err.h"
#include "reader.h"
#include "reader_firstpass.h"
#include "reader_int.h"

/*
 * Lines nested deeper, or with an object of more keys (each is checked
 * against the others for duplicates), go to reader_parse.
 */
#define MAX_DEPTH	64
#define MAX_KEYS	64

/*
 * What reader_jsonl.c counts against a line's fields' budget (twice
 * max_record plus 1 KiB): a key's struct record_key, a string's name,
 * value and FIELD_COST (64), a number's or literal's name, 32 and
 * FIELD_COST.  Counted here with twice that FIELD_COST and against
 * twice max_record, so that a line under this bound is under that one;
 * a line over it goes to reader_parse.
 */
#define FIELD_COST	128
#define SCALAR_COST	32

struct frame {
	int array;
	size_t index;		/* array: the next element's index */
	size_t path_len;	/* the container's name in path */
	size_t keys;		/* object: its first key in keys */
};

struct key {
	size_t off, len;	/* in kbytes */
};

struct reader_firstpass {
	struct frame st[MAX_DEPTH];
	size_t depth;
	struct rbuf path;	/* the current value's name */
	struct rbuf kbytes;	/* the keys of the open objects */
	struct key *keys;
	size_t nkeys, capkeys;
	size_t cost;
	size_t limit;		/* cost past which the line goes to jansson */
	size_t max_value;
	struct record out;	/* the fields and patient id kept */
	yajl_handle h;		/* kept from line to line, see events */
	size_t roots;		/* objects begun at the top */
	size_t root_end;	/* the byte after the line's object */
	size_t fallbacks;
};

static void *
ya_malloc(void *ctx, size_t n)
{
	(void)ctx;
	return malloc(n);
}

static void *
ya_realloc(void *ctx, void *p, size_t n)
{
	(void)ctx;
	return reader_wipe_realloc(p, n);
}

static void
ya_free(void *ctx, void *p)
{
	(void)ctx;
	reader_wipe_free(p);
}

static yajl_alloc_funcs ya_funcs = { ya_malloc, ya_realloc, ya_free, NULL };

struct reader_firstpass *
reader_firstpass_new(void)
{
	struct reader_firstpass *fp;

	if (reader_jsonl_hooks() != 0)
		return NULL;
	fp = calloc(1, sizeof(*fp));
	if (fp == NULL)
		return NULL;
	fp->path.max = SIZE_MAX;
	fp->kbytes.max = SIZE_MAX;
	record_init(&fp->out);
	return fp;
}

void
reader_firstpass_free(struct reader_firstpass *fp)
{
	if (fp == NULL)
		return;
	if (fp->h != NULL)
		yajl_free(fp->h);
	reader_buf_free(&fp->path);
	reader_buf_free(&fp->kbytes);
	free(fp->keys);
	record_release(&fp->out);
	free(fp);
}

size_t
reader_firstpass_fallbacks(const struct reader_firstpass *fp)
{
	return fp->fallbacks;
}

/*
 * Whether word w may hold a byte < 0x20, >= 0x80 or '\\' (exact when
 * no byte is >= 0x80, which is enough: then it holds one anyway).
 */
static int
word_special(uint64_t w)
{
	const uint64_t ones = UINT64_C(0x0101010101010101);
	const uint64_t high = ones * 0x80;
	uint64_t bs = w ^ (ones * '\\');

	return (((w - ones * 0x20) & ~w) | ((bs - ones) & ~bs) | w) &
	    high ? 1 : 0;
}

/* The value of 4 hex digits at s, or -1. */
static long
hex4(const unsigned char *s)
{
	long v = 0;
	int i, d;

	for (i = 0; i < 4; i++) {
		d = s[i] >= '0' && s[i] <= '9' ? s[i] - '0' :
		    (s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'f' ?
		    (s[i] | 0x20) - 'a' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

/*
 * The length of the \u escape at s[i] (6, or 12 for a surrogate pair),
 * or 0 for one that jansson and yajl read apart (see above) or that is
 * cut short.
 */
static int32_t
u_escape(const unsigned char *s, int32_t i, int32_t len)
{
	long v, w;

	if (len - i < 6 || (v = hex4(s + i + 2)) <= 0 ||
	    (v & 0xFC00) == 0xDC00)
		return 0;
	if ((v & 0xFC00) != 0xD800)
		return 6;
	if (len - i < 12 || s[i + 6] != '\\' || s[i + 7] != 'u' ||
	    (w = hex4(s + i + 8)) < 0 || (w & 0xFC00) != 0xDC00)
		return 0;
	return 12;
}

/*
 * Check the character at s[*i] (see line_plain) and step past it, or
 * past the run of backslashes there and the \u escape that may end it:
 * in an odd run the last one begins an escape, the others pair up.
 */
static int
step_plain(const unsigned char *s, int32_t *i, int32_t len)
{
	int32_t j = *i, k, u;
	UChar32 ch;

	if (s[j] >= 0x80) {
		U8_NEXT(s, j, len, ch);
		*i = j;
		return ch >= 0;
	}
	if (s[j] < 0x20 && s[j] != '\t' && s[j] != '\r')
		return 0;
	if (s[j] != '\\') {
		*i = j + 1;
		return 1;
	}
	for (k = 0; j + k < len && s[j + k] == '\\'; k++)
		;
	*i = j + k;
	if (k % 2 == 0 || *i >= len || s[*i] != 'u')
		return 1;
	u = u_escape(s, *i - 1, len);
	*i += u - 1;
	return u > 0;
}

/*
 * Whether the line s[0..n) is one jansson and yajl read alike as far as
 * bytes go: strict UTF-8, no control byte but tab and CR, no \u escape
 * that they read apart (outside a string a backslash is no JSON).
 */
static int
line_plain(const unsigned char *s, size_t n)
{
	int32_t i = 0, len;
	uint64_t w;

	if (n > INT32_MAX)
		return 0;
	len = (int32_t)n;
	while (i < len) {
		if (len - i >= 8) {
			memcpy(&w, s + i, sizeof(w));
			if (!word_special(w)) {
				i += 8;
				continue;
			}
		}
		if (!step_plain(s, &i, len))
			return 0;
	}
	return 1;
}

/*
 * Count a + b against the line's budget.  Returns 0 once the line is
 * over it: the parse stops there (a line of millions of small values
 * would else be read whole, then read again by jansson).
 */
static int
add_cost(struct reader_firstpass *fp, size_t a, size_t b)
{
	size_t n = a > SIZE_MAX - b ? SIZE_MAX : a + b;

	fp->cost = n > SIZE_MAX - fp->cost ? SIZE_MAX : fp->cost + n;
	return fp->cost <= fp->limit;
}

/*
 * Name the value about to come, as reader_jsonl.c does: in an object
 * map_key has done it; in an array it is parent[i].  Returns 1, or 0
 * (stop) for a value that is not in a container: the line must be an
 * object.
 */
static int
name_value(struct reader_firstpass *fp)
{
	struct frame *f;
	char idx[32];
	int n;

	if (fp->depth == 0)
		return 0;
	f = &fp->st[fp->depth - 1];
	if (!f->array)
		return 1;
	fp->path.len = f->path_len;
	n = snprintf(idx, sizeof(idx), "[%zu]", f->index++);
	if (n < 0 || (size_t)n >= sizeof(idx))
		return 0;
	return reader_buf_append(&fp->path, idx, (size_t)n) == 0;
}

/* Whether the value about to come is the record's "patient_id". */
static int
is_patient(const struct reader_firstpass *fp)
{
	return fp->depth == 1 && fp->path.len == 10 &&
	    memcmp(fp->path.p, "patient_id", 10) == 0;
}

/* Keep n bytes at s as the patient id. */
static int
set_patient(struct reader_firstpass *fp, const char *s, size_t n)
{
	char *id;
	int rc;

	id = malloc(n + 1);
	if (id == NULL)
		return ERR_NOMEM;
	memcpy(id, s, n);
	id[n] = '\0';
	rc = record_set_patient(&fp->out, id);
	explicit_bzero(id, n);
	free(id);
	return rc;
}

static int
on_string(void *ctx, const unsigned char *s, size_t n)
{
	struct reader_firstpass *fp = ctx;

	if (!name_value(fp) || !add_cost(fp, fp->path.len + n, FIELD_COST))
		return 0;
	if (n > 0 && is_patient(fp) &&
	    set_patient(fp, (const char *)s, n) != 0)
		return 0;
	if (n == 0 || n > fp->max_value)
		return 1;
	return record_add_field(&fp->out, fp->path.p, (const char *)s,
	    n) == 0;
}

/* The patient id a number gives: reader_jsonl.c's id_text. */
static int
number_patient(struct reader_firstpass *fp, const json_t *v)
{
	char buf[64];
	int n;

	if (json_is_integer(v))
		n = snprintf(buf, sizeof(buf), "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	else
		n = snprintf(buf, sizeof(buf), "%.17g", json_real_value(v));
	if (n <= 0 || (size_t)n >= sizeof(buf))
		return 0;
	return set_patient(fp, buf, (size_t)n);
}

/*
 * A number is jansson's to read: one it refuses stops the parse, and
 * the field's text is the one reader_jsonl.c gives it.
 */
static int
on_number(void *ctx, const char *s, size_t n)
{
	struct reader_firstpass *fp = ctx;
	struct field *f;
	json_error_t e;
	json_t *v;
	char *text = NULL;
	int rc = ERR_NOMEM;

	if (!name_value(fp) ||
	    !add_cost(fp, fp->path.len + SCALAR_COST, FIELD_COST))
		return 0;
	v = json_loadb(s, n, JSON_DECODE_ANY, &e);
	if (v == NULL || !json_is_number(v)) {
		json_decref(v);
		return 0;
	}
	if (is_patient(fp) && number_patient(fp, v) != 0)
		goto out;
	text = json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
	if (text != NULL)
		rc = record_add_field(&fp->out, fp->path.p, text,
		    strlen(text));
	if (rc == 0) {
		f = &fp->out.fields[fp->out.nfields - 1];
		f->scan = 0;
	}
out:
	free(text);
	json_decref(v);
	return rc == 0;
}

/* true, false and null: no field (never an identifier), only a cost. */
static int
on_literal(struct reader_firstpass *fp)
{
	return name_value(fp) &&
	    add_cost(fp, fp->path.len + SCALAR_COST, FIELD_COST);
}

static int
on_null(void *ctx)
{
	return on_literal(ctx);
}

static int
on_bool(void *ctx, int b)
{
	(void)b;
	return on_literal(ctx);
}

static int
push(struct reader_firstpass *fp, int array)
{
	struct frame *f;

	if (fp->depth == MAX_DEPTH)
		return 0;
	f = &fp->st[fp->depth++];
	f->array = array;
	f->index = 0;
	f->path_len = fp->path.len;
	f->keys = fp->nkeys;
	return 1;
}

static int
on_start_map(void *ctx)
{
	struct reader_firstpass *fp = ctx;

	if (fp->depth == 0 && fp->roots++ > 0)
		return 0;
	if (fp->depth > 0 && !name_value(fp))
		return 0;
	return push(fp, 0);
}

static int
on_start_array(void *ctx)
{
	struct reader_firstpass *fp = ctx;

	if (!name_value(fp))
		return 0;
	return push(fp, 1);
}

/* Close a container; an object's keys leave the duplicate check. */
static int
on_end(void *ctx)
{
	struct reader_firstpass *fp = ctx;
	struct frame *f = &fp->st[fp->depth - 1];

	if (!f->array && f->keys < fp->nkeys) {
		fp->kbytes.len = fp->keys[f->keys].off;
		fp->nkeys = f->keys;
	}
	fp->depth--;
	if (fp->depth == 0)
		fp->root_end = yajl_get_bytes_consumed(fp->h);
	return 1;
}

/* Whether key k (n bytes) is already a key of the object at f. */
static int
key_seen(const struct reader_firstpass *fp, const struct frame *f,
    const unsigned char *k, size_t n)
{
	size_t i;

	for (i = f->keys; i < fp->nkeys; i++)
		if (fp->keys[i].len == n &&
		    memcmp(fp->kbytes.p + fp->keys[i].off, k, n) == 0)
			return 1;
	return 0;
}

static int
add_key(struct reader_firstpass *fp, const unsigned char *k, size_t n)
{
	struct key *nk;
	size_t ncap;

	if (fp->nkeys == fp->capkeys) {
		ncap = fp->capkeys ? fp->capkeys * 2 : 64;
		nk = realloc(fp->keys, ncap * sizeof(*nk));
		if (nk == NULL)
			return ERR_NOMEM;
		fp->keys = nk;
		fp->capkeys = ncap;
	}
	fp->keys[fp->nkeys].off = fp->kbytes.len;
	fp->keys[fp->nkeys].len = n;
	fp->nkeys++;
	return reader_buf_append(&fp->kbytes, k, n);
}

/*
 * A member's key: jansson refuses one seen before in its object (such
 * a line stops here); the member's name is key or parent.key.
 */
static int
on_key(void *ctx, const unsigned char *k, size_t n)
{
	struct reader_firstpass *fp = ctx;
	struct frame *f = &fp->st[fp->depth - 1];
	int rc = 0;

	if (fp->nkeys - f->keys >= MAX_KEYS || key_seen(fp, f, k, n) ||
	    add_key(fp, k, n) != 0 ||
	    !add_cost(fp, sizeof(struct record_key), 0))
		return 0;
	fp->path.len = f->path_len;
	if (fp->path.len > 0)
		rc = reader_buf_append(&fp->path, ".", 1);
	if (rc == 0)
		rc = reader_buf_append(&fp->path, k, n);
	return rc == 0;
}

static const yajl_callbacks callbacks = {
	on_null, on_bool, NULL, NULL, on_number, on_string,
	on_start_map, on_key, on_end, on_start_array, on_end
};

/* Empty fp's state for a new line (fp->out is empty already). */
static int
start(struct reader_firstpass *fp, size_t max_value)
{
	fp->depth = 0;
	reader_buf_clear(&fp->path);
	reader_buf_clear(&fp->kbytes);
	fp->nkeys = 0;
	fp->cost = 0;
	fp->max_value = max_value;
	return reader_buf_append(&fp->path, "", 0);
}

/* Whether s[0..n) is only JSON white space (a line holds no '\n'). */
static int
blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/*
 * Whether yajl reads the line s[0..n) as one object, without doubt.
 * The lines are fed to one handle as a stream of values, which saves
 * allocating (and wiping) its buffers for each: a line is taken when
 * it holds one object and only white space after it, so nothing of it
 * is pending when the next comes; after any other the handle goes.
 */
static int
events(struct reader_firstpass *fp, const char *s, size_t n,
    size_t max_record)
{
	int ok;

	if (fp->h == NULL) {
		fp->h = yajl_alloc(&callbacks, &ya_funcs, fp);
		if (fp->h == NULL ||
		    !yajl_config(fp->h, yajl_allow_multiple_values, 1)) {
			if (fp->h != NULL)
				yajl_free(fp->h);
			fp->h = NULL;
			return 0;
		}
	}
	fp->roots = 0;
	fp->root_end = 0;
	fp->limit = max_record <= SIZE_MAX / 4 ? 2 * max_record : SIZE_MAX;
	ok = yajl_parse(fp->h, (const unsigned char *)s, n) ==
	    yajl_status_ok && fp->roots == 1 && fp->depth == 0 &&
	    fp->root_end <= n && blank(s + fp->root_end, n - fp->root_end);
	if (!ok) {
		yajl_free(fp->h);
		fp->h = NULL;
	}
	return ok && fp->cost <= fp->limit;
}

/* Move the fields and patient id kept from fp->out to rec. */
static int
take(struct reader_firstpass *fp, struct record *rec)
{
	const struct field *f;
	size_t i;
	int rc = 0;

	for (i = 0; rc == 0 && i < fp->out.nfields; i++) {
		f = &fp->out.fields[i];
		rc = record_add_field(rec, f->name, f->value, f->len);
		if (rc == 0)
			rec->fields[rec->nfields - 1].scan = f->scan;
	}
	if (rc == 0 && fp->out.patient_id != NULL)
		rc = record_set_patient(rec, fp->out.patient_id);
	record_reset(&fp->out);
	return rc;
}

int
reader_firstpass_parse(struct reader_firstpass *fp, struct record *rec,
    size_t max_record, size_t max_value, char *why, size_t whylen)
{
	unsigned long long number = rec->number;
	int rc;

	if (rec->raw == NULL || rec->raw_len == 0 ||
	    !line_plain((const unsigned char *)rec->raw, rec->raw_len) ||
	    start(fp, max_value) != 0 ||
	    !events(fp, rec->raw, rec->raw_len, max_record)) {
		record_reset(&fp->out);
		fp->fallbacks++;
		return reader_parse(rec, max_record, why, whylen);
	}
	explicit_bzero(rec->raw, rec->raw_len);
	rec->raw_len = 0;
	if (rec->raw_cap > RECORD_RAW_KEEP) {
		free(rec->raw);
		rec->raw = NULL;
		rec->raw_cap = 0;
	}
	rc = take(fp, rec);
	if (rc != 0) {
		(void)snprintf(why, whylen, "%s", "out of memory");
		record_reset(rec);
		rec->number = number;
		return rc;
	}
	if (whylen > 0)
		why[0] = '\0';
	return 1;
}
