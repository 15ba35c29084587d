/*
 * reader_int.h - what reader.c shares with the format readers
 * (reader_text.c, reader_jsonl.c, reader_csv.c) and with writer.c.
 * Nothing outside pipeline/reader*.c and pipeline/writer*.c includes it.
 */
#ifndef VEIL_READER_INT_H
#define VEIL_READER_INT_H

#include <stddef.h>
#include <stdio.h>

#include "record.h"

/* Size of the fixed input buffer every reader reads through. */
#define READER_CHUNK 65536

/* A byte buffer that grows up to max and is wiped whenever it moves. */
struct rbuf {
	char *p;
	size_t len;
	size_t cap;
	size_t max;
};

struct reader_csv;

struct reader {
	FILE *fp;
	char *path;
	enum record_format format;
	size_t max_record;

	unsigned char *in;		/* READER_CHUNK bytes */
	size_t in_pos, in_len;
	int eof;
	unsigned long long total;	/* bytes read from fp */

	int started;
	int bom;			/* input began with a UTF-8 BOM */
	int crlf;			/* CSV: rows end with CRLF */
	int done;			/* every later call returns 0 */
	int defer;			/* JSONL: lines go out unparsed */
	int any;			/* a record (good or bad) went out */
	unsigned long long number;	/* last record number handed out */
	const char *err;
	char errbuf[96];

	struct rbuf line;		/* text and JSONL: the record's bytes */
	struct reader_csv *csv;		/* CSV state, or NULL */
};

/*
 * One string value of a JSONL record: where it sits, so the writer can
 * delete it from its parent when the field is dropped.
 */
struct jsonl_slot {
	void *node;		/* the json_t string (a reference) */
	void *parent;		/* json_t object or array */
	const char *key;	/* owned by parent; NULL in an array */
	size_t key_len;
	size_t index;		/* in an array */
};

/*
 * jsonl_native - record.native of a JSONL record.  It holds a reference
 * on root and on every field's node (so field->node stays valid after
 * the writer deletes dropped members); slots[i] belongs to field i.
 */
struct jsonl_native {
	void *root;		/* json_t object */
	struct jsonl_slot *slots;
	size_t nslots;
	size_t cap;
	int pruned;		/* the writer deleted the dropped members */
	int real_prec;		/* digits that print every real exactly */
};

/*
 * reader_fill - make sure unread input is buffered.  Returns 1 when
 * r->in[r->in_pos..r->in_len) is non-empty, 0 at the end of input, or
 * ERR_IO.
 */
int reader_fill(struct reader *r);

/*
 * reader_set_error - set the message reader_error() gives: a static
 * string or r->errbuf.  It never carries input bytes.
 */
void reader_set_error(struct reader *r, const char *msg);

/*
 * reader_buf_append - append n bytes to b.  Returns 0, ERR_TOOBIG when
 * b would pass b->max (b is left as it was), or ERR_NOMEM.
 * reader_buf_clear wipes the used bytes and empties b;
 * reader_buf_free wipes and frees.
 */
int reader_buf_append(struct rbuf *b, const void *data, size_t n);
void reader_buf_clear(struct rbuf *b);
void reader_buf_free(struct rbuf *b);

/*
 * reader_wipe_free / reader_wipe_realloc - free and realloc that wipe
 * the old block first (glibc malloc_usable_size), for the buffers that
 * jansson and libcsv keep.  Any pointer from malloc may be passed.
 */
void reader_wipe_free(void *p);
void *reader_wipe_realloc(void *p, size_t n);

/*
 * reader_jsonl_hooks - make jansson allocate with malloc and free with
 * reader_wipe_free, process-wide, once.  Returns 0 or ERR_INTERNAL.
 */
int reader_jsonl_hooks(void);

/*
 * The format readers: the body of reader_next for each format, called
 * after the common checks (empty input, BOM).  Same returns as
 * reader_next.  rec is empty on entry.
 */
int reader_text_next(struct reader *r, struct record *rec);
int reader_jsonl_next(struct reader *r, struct record *rec);
int reader_csv_next(struct reader *r, struct record *rec);

/*
 * reader_csv_new / reader_csv_free - the CSV state of r.
 * reader_csv_new returns 0 or ERR_NOMEM.
 */
int reader_csv_new(struct reader *r);
void reader_csv_free(struct reader_csv *c);

/*
 * reader_csv_header_names - the header's names once it has been read,
 * else NULL; *n gets their count.
 */
const char *const *reader_csv_header_names(const struct reader_csv *c,
    size_t *n);

#endif
