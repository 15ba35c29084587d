/*
 * reader.c - the reader object, the fixed input buffer and the checks
 * every format shares (empty input, byte order mark).
 */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "reader.h"
#include "reader_int.h"

static const unsigned char utf8_bom[3] = { 0xef, 0xbb, 0xbf };

struct reader *
reader_new(FILE *fp, const char *path, enum record_format format,
    size_t max_record)
{
	struct reader *r;

	r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	r->fp = fp;
	r->format = format;
	r->max_record = max_record;
	r->err = "";
	r->path = strdup(path != NULL ? path : "-");
	r->in = malloc(READER_CHUNK);
	if (r->path == NULL || r->in == NULL)
		goto fail;
	r->line.max = max_record;
	if (format == RECORD_JSONL && reader_jsonl_hooks() != 0)
		goto fail;
	if (format == RECORD_CSV && reader_csv_new(r) != 0)
		goto fail;
	return r;

fail:
	reader_free(r);
	return NULL;
}

void
reader_free(struct reader *r)
{
	if (r == NULL)
		return;
	if (r->in != NULL) {
		explicit_bzero(r->in, READER_CHUNK);
		free(r->in);
	}
	reader_buf_free(&r->line);
	reader_csv_free(r->csv);
	free(r->path);
	free(r);
}

int
reader_fill(struct reader *r)
{
	size_t n;

	if (r->in_pos < r->in_len)
		return 1;
	if (r->eof)
		return 0;
	r->in_pos = r->in_len = 0;
	n = fread(r->in, 1, READER_CHUNK, r->fp);
	if (n == 0) {
		if (ferror(r->fp)) {
			reader_set_error(r, "cannot read input");
			return ERR_IO;
		}
		r->eof = 1;
		return 0;
	}
	r->in_len = n;
	r->total += n;
	return 1;
}

void
reader_set_error(struct reader *r, const char *msg)
{
	r->err = msg;
}

/*
 * First call: read the first chunk, report empty input, strip a BOM
 * (kept for text, where the document's bytes go out unchanged).
 */
static int
start(struct reader *r, struct record *rec)
{
	int rc;

	r->started = 1;
	rc = reader_fill(r);
	if (rc < 0)
		return rc;
	if (r->format != RECORD_TEXT && r->in_len >= sizeof(utf8_bom) &&
	    memcmp(r->in, utf8_bom, sizeof(utf8_bom)) == 0) {
		r->bom = 1;
		r->in_pos = sizeof(utf8_bom);
		rc = reader_fill(r);
		if (rc < 0)
			return rc;
	}
	if (rc == 0) {
		rec->number = 0;
		reader_set_error(r, "input is empty");
		return ERR_PARSE;
	}
	return 0;
}

/* A rejected record keeps only its number. */
static void
drop_partial(struct record *rec)
{
	unsigned long long number = rec->number;

	record_reset(rec);
	rec->number = number;
}

int
reader_next(struct reader *r, struct record *rec)
{
	int rc;

	record_reset(rec);
	reader_set_error(r, "");
	if (r->done)
		return 0;

	if (!r->started) {
		rc = start(r, rec);
		if (rc < 0) {
			r->done = 1;
			return rc;
		}
	}

	switch (r->format) {
	case RECORD_TEXT:
		rc = reader_text_next(r, rec);
		break;
	case RECORD_JSONL:
		rc = reader_jsonl_next(r, rec);
		break;
	case RECORD_CSV:
		rc = reader_csv_next(r, rec);
		break;
	default:
		rc = ERR_INTERNAL;
		break;
	}

	/* blank lines alone are no more a JSONL input than no bytes */
	if (rc == 0 && !r->any && r->format == RECORD_JSONL) {
		rec->number = 0;
		reader_set_error(r, "input is empty (blank lines only)");
		rc = ERR_PARSE;
	}
	r->any |= rc != 0;
	if (rc != 1)
		drop_partial(rec);
	if (rc == 0 || rc == ERR_IO || rc == ERR_NOMEM || rc == ERR_INTERNAL ||
	    (rc == ERR_PARSE && rec->number == 0))
		r->done = 1;
	return rc;
}

void
reader_defer(struct reader *r)
{
	if (r->format == RECORD_JSONL)
		r->defer = 1;
}

const char *
reader_error(const struct reader *r)
{
	return r->err;
}

const char *const *
reader_header(const struct reader *r, size_t *n)
{
	*n = 0;
	if (r->format != RECORD_CSV || r->csv == NULL)
		return NULL;
	return reader_csv_header_names(r->csv, n);
}

int
reader_csv_crlf(const struct reader *r)
{
	return r->format == RECORD_CSV && r->crlf;
}

int
reader_csv_bom(const struct reader *r)
{
	return r->format == RECORD_CSV && r->bom;
}

static int
buf_grow(struct rbuf *b, size_t need)
{
	size_t ncap;
	char *np;

	ncap = b->cap ? b->cap : 256;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	if (b->max < SIZE_MAX && ncap > b->max + 1)
		ncap = b->max + 1;
	np = malloc(ncap);
	if (np == NULL)
		return ERR_NOMEM;
	if (b->p != NULL) {
		memcpy(np, b->p, b->len);
		explicit_bzero(b->p, b->cap);
		free(b->p);
	}
	b->p = np;
	b->cap = ncap;
	return 0;
}

int
reader_buf_append(struct rbuf *b, const void *data, size_t n)
{
	int rc;

	if (n > b->max || b->len > b->max - n)
		return ERR_TOOBIG;
	if (b->len + n + 1 > b->cap) {
		rc = buf_grow(b, b->len + n + 1);
		if (rc != 0)
			return rc;
	}
	if (n > 0)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

void
reader_buf_clear(struct rbuf *b)
{
	if (b->p != NULL)
		explicit_bzero(b->p, b->len < b->cap ? b->len + 1 : b->cap);
	b->len = 0;
}

void
reader_buf_free(struct rbuf *b)
{
	if (b->p != NULL) {
		explicit_bzero(b->p, b->cap);
		free(b->p);
	}
	b->p = NULL;
	b->len = b->cap = 0;
}

void
reader_wipe_free(void *p)
{
	if (p == NULL)
		return;
	explicit_bzero(p, malloc_usable_size(p));
	free(p);
}

void *
reader_wipe_realloc(void *p, size_t n)
{
	void *np;
	size_t old;

	if (p == NULL)
		return malloc(n);
	if (n == 0)
		n = 1;
	np = malloc(n);
	if (np == NULL)
		return NULL;
	old = malloc_usable_size(p);
	memcpy(np, p, old < n ? old : n);
	reader_wipe_free(p);
	return np;
}
