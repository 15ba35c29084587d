/*
 * gold.h - reference ("gold") PHI spans for veil eval, indexed by
 * document.
 *
 * Three sources load into the same shape, one document per text value:
 *
 *   jsonl  the spans JSONL of CONTRACT.md with "text": one object per
 *          line, {"id", "field", "text", "spans": [{start, end, type}]}.
 *          A missing "field" is "text"; a numeric id is written as
 *          Python's str() writes it (3.0 is "3"), so it matches the same
 *          id given as a string.  Blank lines are skipped.
 *   brat   BRAT standoff: NAME.ann next to NAME.txt.  Only text-bound
 *          lines ("T1<TAB>TYPE 10 15;17 20<TAB>text") are read; each
 *          fragment of a discontinuous annotation is its own span.  The
 *          id is the .txt path as built from the path given (a
 *          directory's trailing '/' dropped), which is the id veil
 *          detect gives that file; the field is "text".
 *   i2b2   i2b2-2014 de-identification XML: <deid><TEXT> holds the note
 *          (CDATA), <TAGS> one element per span with start, end and
 *          TYPE attributes.  Types map to veil's (gold_i2b2_type); the
 *          id is the file name without directory and ".xml".
 *
 * Offsets are Unicode code points, end exclusive; a span must satisfy
 * 0 <= start < end <= the text's length or the load fails.  Documents
 * are joined on (id, field); a key may occur once.  Note text is wiped
 * when the gold is freed; error messages carry file names, line numbers
 * and type names, never text.
 */
#ifndef VEIL_GOLD_H
#define VEIL_GOLD_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"

#define GOLD_ID_MAX	(1u << 20)	/* bytes of one id */
#define GOLD_KEY_MAX	(2 * GOLD_ID_MAX + 64)	/* bytes of one join key */

struct gold_span {
	size_t start, end;	/* code points, end exclusive */
	const char *type;	/* interned; owned by the gold */
};

struct gold_doc {
	const char *id;		/* NUL-terminated; owned by the gold */
	size_t id_len;		/* bytes (an id may hold "\u0000") */
	const char *field;	/* NUL-terminated; owned by the gold */
	size_t field_len;
	const char *text;	/* the original UTF-8 value; owned */
	size_t text_len;	/* bytes */
	size_t ncp;		/* code points */
	const struct gold_span *spans;	/* in file order */
	size_t nspans;
};

/* One non-blank line of a spans JSONL file (gold_jsonl_each). */
struct gold_record {
	const char *path;	/* the file, for messages */
	size_t lineno;		/* 1 for the first line */
	const json_t *rec;	/* the line's object */
	const char *id;		/* the id as text (gold_record_key) */
	size_t id_len;		/* bytes (an id may hold "\u0000") */
	const char *field;	/* borrowed from rec, or "text" */
	size_t field_len;
};

enum gold_format {
	GOLD_AUTO,	/* from the path: see gold_load */
	GOLD_JSONL,
	GOLD_BRAT,
	GOLD_I2B2
};

struct gold;

/*
 * gold_new - an empty set of gold documents.  Every file read is capped
 * at max_file bytes (ERR_TOOBIG beyond).  NULL on no memory.
 * gold_free wipes and frees; NULL is allowed.
 */
struct gold *gold_new(size_t max_file);
void gold_free(struct gold *g);

/*
 * gold_load - add the documents of path.  GOLD_AUTO picks the format:
 * a directory holding .ann files is BRAT, else one holding .xml files
 * is i2b2 (every such file, in name order); a file named .ann, or .txt
 * with a .ann beside it, is BRAT; .xml is i2b2; anything else is JSONL.
 * May be called for several paths.  Returns 0 or ERR_IO (unreadable),
 * ERR_PARSE (malformed input, bad span, unknown i2b2 type), ERR_UTF8,
 * ERR_USAGE (a key loaded twice, nothing to load), ERR_TOOBIG or
 * ERR_NOMEM, with the reason in gold_error.  On failure the documents
 * of the failing file may be partly added: free the gold.
 */
int gold_load(struct gold *g, const char *path, enum gold_format fmt);

/*
 * gold_error - why the last load failed ("" if it did not); owned by g.
 */
const char *gold_error(const struct gold *g);

/*
 * gold_count / gold_get - the documents in load order.  gold_get
 * returns NULL when i >= gold_count; the pointer is valid until the
 * next load or gold_free.
 */
size_t gold_count(const struct gold *g);
const struct gold_doc *gold_get(const struct gold *g, size_t i);

/*
 * gold_find - the index of the document keyed (id, field), both given
 * with their lengths.  Returns 0 and sets *index, or ERR_NOTFOUND.
 */
int gold_find(const struct gold *g, const char *id, size_t id_len,
    const char *field, size_t field_len, size_t *index);

/*
 * gold_doc_slice - the bytes of d's text from code point start to code
 * point end (start <= end <= d->ncp): a pointer into d->text, owned by
 * the gold, with its length in *len.
 */
const char *gold_doc_slice(const struct gold_doc *d, size_t start,
    size_t end, size_t *len);

/*
 * gold_has_id - 1 when some document has this id (any field), else 0.
 */
int gold_has_id(const struct gold *g, const char *id, size_t id_len);

/*
 * gold_record_key - the join key of one spans JSONL object: its id as
 * text, appended to id (which the caller owns and empties first), and
 * its field (borrowed from rec; "text" when absent).  Returns 0, or
 * ERR_PARSE with a static reason in *why (no "id"; the id is not a
 * string or a number; "field" is not a string), or ERR_TOOBIG/ERR_NOMEM
 * from the buffer.
 */
int gold_record_key(const json_t *rec, struct buf *id, const char **field,
    size_t *field_len, const char **why);

/*
 * gold_record_spans - the "spans" of one spans JSONL object, borrowed
 * from rec: *spans is NULL when there is none or it is false as Python
 * sees it (null, false, 0, "", [], {}), else the list.  Returns 0, or
 * ERR_PARSE (with *spans NULL) when it is true but not a list.
 */
int gold_record_spans(const json_t *rec, const json_t **spans);

/*
 * gold_key - the join key of (id, field) into key, which the caller
 * owns, set up with buf_init (cap GOLD_KEY_MAX fits any id) and which
 * is reset first: the id's length in decimal, ':', the id, the field.
 * Two keys are equal exactly when both ids and both fields are.
 * Returns 0, ERR_TOOBIG or ERR_NOMEM.
 */
int gold_key(struct buf *key, const char *id, size_t id_len,
    const char *field, size_t field_len);

/*
 * gold_jsonl_each - read the spans JSONL file at path (at most max_file
 * bytes) and call fn(arg, r) for each line, in order, that is not blank
 * (only spaces, tabs, CR, FF, VT): r gives the file, the line number,
 * the object and its key (gold_record_key), all valid only during the
 * call.  Stops at the first nonzero return of fn and returns it; fn
 * writes its own message.  Its own failures go to err (errlen bytes;
 * file names and line numbers, never text): ERR_IO, ERR_TOOBIG or
 * ERR_NOMEM reading; ERR_PARSE for bad JSON, a line that is not an
 * object or a bad key; ERR_TOOBIG for an id over GOLD_ID_MAX.  Returns
 * 0 when every line was handed over.
 */
int gold_jsonl_each(const char *path, size_t max_file,
    int (*fn)(void *arg, const struct gold_record *r), void *arg,
    char *err, size_t errlen);

/*
 * gold_i2b2_type - veil's type for an i2b2-2014 TYPE attribute, given
 * the tagged text (len bytes; used for AGE only).  Returns 1 and sets
 * *out (a static name) for a span to keep, 0 for a span to drop
 * (PROFESSION; an AGE whose first number is 89 or less, or that has no
 * number), or ERR_NOTFOUND for a TYPE that i2b2-2014 does not define.
 */
int gold_i2b2_type(const char *i2b2, const char *text, size_t len,
    const char **out);

/*
 * gold_read_file - read the whole file at path into out (which the
 * caller set up with buf_init and owns; its max is the cap).  Returns 0,
 * ERR_IO (errno set), ERR_TOOBIG or ERR_NOMEM.
 */
int gold_read_file(const char *path, struct buf *out);

#endif
