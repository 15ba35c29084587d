/*
 * reader_csv.c - RFC 4180 CSV with a header row, parsed by libcsv.
 *
 * Input goes to libcsv one physical line at a time (up to and including
 * the first CR or LF), so at most one row ends per call and a record can
 * be handed out as soon as its row is complete.  libcsv runs in strict
 * mode with space trimming off (spaces are data, as RFC 4180 says) and
 * with allocation hooks that wipe its field buffer.
 *
 * Errors are per record and the stream goes on:
 * - a row whose field count differs from the header's: ERR_PARSE;
 * - a libcsv syntax error (a stray quote): the row so far and the rest
 *   of that physical line are dropped, the parser starts afresh at the
 *   next line: ERR_PARSE.  When the broken row had a quoted line break
 *   after the error, its later lines are read as rows of their own
 *   (usually rejected for their field count);
 * - a row over max_record: the parser is dropped (and its buffer wiped)
 *   and the rest of the row is skipped by reading its quotes as libcsv
 *   would (a misplaced quote drops the rest of its physical line, as a
 *   syntax error does), without keeping it: ERR_TOOBIG;
 * - a quote still open at the end of input: ERR_PARSE.
 * A header row that is malformed, too big, not UTF-8 or holding a NUL
 * byte ends the stream (its names would be written unchecked), and so
 * does one that the caller's check (reader_check_header) refuses.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>
#include <unicode/utf8.h>

#include "err.h"
#include "reader.h"
#include "reader_int.h"

/* libcsv's parser states (libcsv.c). */
#define CSV_STATE_FIELD_BEGUN 2
#define CSV_STATE_FIELD_MIGHT_HAVE_ENDED 3	/* a quote inside quotes */

/* reader_csv_next's own "the header was read, go on" result. */
#define NEXT_ROW 2

struct reader_csv {
	struct reader *r;
	struct csv_parser p;
	int p_ok;

	char **header;
	size_t nheader;
	int have_header;
	size_t id_col, pid_col;		/* SIZE_MAX: none */
	struct record hrec;		/* the header row while it is read */
	reader_header_fn *check;	/* judges the header, or NULL */
	void *check_arg;

	struct record *rec;		/* the data row being filled */
	size_t col;			/* fields seen in this row */
	size_t bytes;			/* bytes kept for this row */
	int row_done;
	int row_end;			/* the byte that ended the row */
	int row_err;			/* 0 or ERR_PARSE */
	int toobig;
	int nomem;

	int skipping;			/* dropping the rest of a row */
	int skip_raw;			/* ... up to the next line end */
	int skip_quoted;		/* ... inside quotes */
	int skip_after_quote;		/* ... a quote seen inside quotes */
	int skip_field_start;		/* ... at the start of a field */
	int pending_cr;			/* header ended in CR at buffer end */
	int fini_done;
	unsigned long long row;		/* data rows seen */
};

static int
no_space(unsigned char ch)
{
	(void)ch;
	return 0;
}

static void
parser_reset(struct reader_csv *c)
{
	if (c->p_ok)
		csv_free(&c->p);
	(void)csv_init(&c->p, CSV_STRICT | CSV_STRICT_FINI);
	csv_set_space_func(&c->p, no_space);
	csv_set_realloc_func(&c->p, reader_wipe_realloc);
	csv_set_free_func(&c->p, reader_wipe_free);
	c->p_ok = 1;
}

int
reader_csv_new(struct reader *r)
{
	struct reader_csv *c;

	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return ERR_NOMEM;
	c->r = r;
	c->id_col = c->pid_col = SIZE_MAX;
	record_init(&c->hrec);
	parser_reset(c);
	r->csv = c;
	return 0;
}

static void
free_header(struct reader_csv *c)
{
	size_t i;

	for (i = 0; i < c->nheader; i++) {
		explicit_bzero(c->header[i], strlen(c->header[i]));
		free(c->header[i]);
	}
	free(c->header);
	c->header = NULL;
	c->nheader = 0;
}

void
reader_csv_free(struct reader_csv *c)
{
	if (c == NULL)
		return;
	if (c->p_ok)
		csv_free(&c->p);
	free_header(c);
	record_release(&c->hrec);
	free(c);
}

const char *const *
reader_csv_header_names(const struct reader_csv *c, size_t *n)
{
	*n = 0;
	if (!c->have_header)
		return NULL;
	*n = c->nheader;
	return (const char *const *)c->header;
}

void
reader_check_header(struct reader *r, reader_header_fn *fn, void *arg)
{
	if (r->format != RECORD_CSV || r->csv == NULL)
		return;
	r->csv->check = fn;
	r->csv->check_arg = arg;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct reader_csv *c = data;
	size_t max = c->r->max_record;
	struct record *dst;

	c->col++;
	if (c->toobig || c->nomem)
		return;
	if (len >= max || c->bytes > max - len - 1) {
		c->toobig = 1;
		return;
	}
	c->bytes += len + 1;
	if (!c->have_header)
		dst = &c->hrec;
	else if (c->col <= c->nheader)
		dst = c->rec;
	else
		return;
	if (record_add_field(dst, c->have_header ? c->header[c->col - 1] :
	    "", s != NULL ? s : "", len) != 0)
		c->nomem = 1;
}

static void
on_row(int ch, void *data)
{
	struct reader_csv *c = data;

	c->row_done = 1;
	c->row_end = ch;
}

/* Length of the next slice: up to the first CR or LF, plus an LF after a
 * CR when it is there. */
static size_t
slice_len(const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			return i + 1;
		if (s[i] == '\r')
			return i + 1 < n && s[i + 1] == '\n' ? i + 2 : i + 1;
	}
	return n;
}

/*
 * One byte of a row being dropped, read as libcsv's strict mode would:
 * a quote opens a field's quotes only at its start, and inside quotes
 * is either doubled or closes them before a comma or a line end.
 * Anything else is a misplaced quote, after which (as for a syntax
 * error) the rest of the physical line is dropped, so that a stray
 * quote can never make later rows vanish unreported.  Returns 1 when
 * ch ends the row.
 */
static int
skip_byte(struct reader_csv *c, unsigned char ch)
{
	int eol = ch == '\n' || ch == '\r';

	if (c->skip_raw)
		return eol;
	if (c->skip_quoted) {
		if (ch == '"') {
			c->skip_quoted = 0;
			c->skip_after_quote = 1;
		}
		return 0;
	}
	if (c->skip_after_quote) {
		c->skip_after_quote = 0;
		if (ch == '"') {
			c->skip_quoted = 1;
			return 0;
		}
		if (ch != ',' && !eol) {
			c->skip_raw = 1;
			return 0;
		}
	}
	if (eol)
		return 1;
	if (ch == '"' && c->skip_field_start)
		c->skip_quoted = 1;
	else if (ch == '"')
		c->skip_raw = 1;
	c->skip_field_start = ch == ',';
	return 0;
}

/* Drop the rest of a rejected row.  Returns 1 once its end was seen. */
static int
skip(struct reader *r, struct reader_csv *c)
{
	size_t i;

	for (i = r->in_pos; i < r->in_len; i++) {
		if (skip_byte(c, r->in[i])) {
			r->in_pos = i + 1;
			c->skipping = 0;
			return 1;
		}
	}
	r->in_pos = r->in_len;
	return 0;
}

/* Start dropping the rest of the current row. */
static void
start_skip(struct reader_csv *c, int raw)
{
	int quoted = !raw && c->p.quoted;

	c->skipping = 1;
	c->skip_raw = raw;
	c->skip_quoted = quoted && c->p.pstate == CSV_STATE_FIELD_BEGUN;
	c->skip_after_quote = quoted &&
	    c->p.pstate == CSV_STATE_FIELD_MIGHT_HAVE_ENDED;
	c->skip_field_start = c->p.pstate < CSV_STATE_FIELD_BEGUN;
	parser_reset(c);
}

/* libcsv stopped early: a syntax error, or its buffer could not grow. */
static int
parse_failed(struct reader_csv *c, int at_line_end)
{
	int e = csv_error(&c->p);

	if (e == CSV_ENOMEM)
		return ERR_NOMEM;
	c->row_err = ERR_PARSE;
	if (e == CSV_ETOOBIG)
		c->toobig = 1;
	if (at_line_end) {
		parser_reset(c);
		return 1;
	}
	start_skip(c, 1);
	return 0;
}

static void
note_line_end(struct reader *r, struct reader_csv *c, const unsigned char *s,
    size_t take)
{
	if (c->have_header || c->row_end != '\r')
		return;
	if (take >= 2 && s[take - 1] == '\n' && s[take - 2] == '\r')
		r->crlf = 1;
	else if (r->in_pos == r->in_len)
		c->pending_cr = 1;
}

/*
 * Give libcsv the next slice.  Returns 1 when a row ended (accepted or
 * rejected), 0 when it goes on, or ERR_NOMEM.
 */
static int
feed(struct reader *r, struct reader_csv *c)
{
	const unsigned char *s = r->in + r->in_pos;
	size_t n = r->in_len - r->in_pos, take, used;
	int ends_line;

	take = slice_len(s, n);
	ends_line = s[take - 1] == '\n' || s[take - 1] == '\r';
	c->p.blk_size = c->p.entry_size > 4096 ? c->p.entry_size : 4096;
	c->row_done = 0;
	used = csv_parse(&c->p, s, take, on_field, on_row, c);
	r->in_pos += take;
	if (c->nomem)
		return ERR_NOMEM;
	if (used < take || csv_error(&c->p) != CSV_SUCCESS)
		return parse_failed(c, ends_line);

	if (c->row_done) {
		note_line_end(r, c, s, take);
		return 1;
	}
	if (c->toobig || c->bytes + c->p.entry_pos > r->max_record) {
		c->toobig = 1;
		start_skip(c, 0);
	}
	return 0;
}

/* End of input: finish the last row, if any.  Returns 1 or 0. */
static int
at_eof(struct reader_csv *c)
{
	if (c->skipping) {
		c->skipping = 0;
		return 1;
	}
	if (c->fini_done)
		return 0;
	c->fini_done = 1;
	c->row_done = 0;
	if (csv_fini(&c->p, on_field, on_row, c) != 0) {
		c->row_err = ERR_PARSE;
		return 1;
	}
	return c->row_done;
}

/* Read until a row ends.  Returns 1, 0 at the end, or ERR_IO/NOMEM. */
static int
advance(struct reader *r, struct reader_csv *c)
{
	int rc;

	for (;;) {
		rc = reader_fill(r);
		if (rc < 0)
			return rc;
		if (rc == 0)
			return c->nomem ? ERR_NOMEM : at_eof(c);
		if (c->pending_cr) {
			c->pending_cr = 0;
			if (r->in[r->in_pos] == '\n') {
				r->crlf = 1;
				r->in_pos++;
				continue;
			}
		}
		if (c->skipping) {
			if (skip(r, c))
				return 1;
			continue;
		}
		rc = feed(r, c);
		if (rc != 0)
			return rc;
	}
}

static size_t
find_col(const struct reader_csv *c, const char *const *names, size_t n)
{
	size_t i, j;

	for (i = 0; i < c->nheader; i++)
		for (j = 0; j < n; j++)
			if (strcasecmp(c->header[i], names[j]) == 0)
				return i;
	return SIZE_MAX;
}

/* Take the header names from the first row. */
static int
take_header(struct reader_csv *c)
{
	static const char *const id_names[] = {
		"id", "row_id", "note_id", "document_id"
	};
	static const char *const pid_names[] = {
		"patient_id", "subject_id", "person_id"
	};
	size_t i, n = c->hrec.nfields;

	c->header = calloc(n > 0 ? n : 1, sizeof(*c->header));
	if (c->header == NULL)
		return ERR_NOMEM;
	for (i = 0; i < n; i++) {
		c->header[i] = strdup(c->hrec.fields[i].value);
		if (c->header[i] == NULL)
			return ERR_NOMEM;
		c->nheader++;
	}
	record_release(&c->hrec);
	c->have_header = 1;
	c->id_col = find_col(c, id_names, 4);
	c->pid_col = find_col(c, pid_names, 3);
	return 0;
}

/* Whether every header name is UTF-8 without a NUL byte. */
static int
header_ok(const struct record *h)
{
	const struct field *f;
	int32_t i, n;
	size_t k;
	UChar32 ch;

	for (k = 0; k < h->nfields; k++) {
		f = &h->fields[k];
		if (f->len > INT32_MAX || memchr(f->value, '\0', f->len))
			return 0;
		n = (int32_t)f->len;
		for (i = 0; i < n;) {
			U8_NEXT(f->value, i, n, ch);
			if (ch < 0)
				return 0;
		}
	}
	return 1;
}

static int
header_row(struct reader *r, struct reader_csv *c, struct record *rec,
    int err, int toobig)
{
	int rc;

	rec->number = 0;
	if (toobig || err != 0) {
		r->done = 1;
		reader_set_error(r, toobig ?
		    "header row is larger than the record limit" :
		    "header row is not valid CSV");
		return toobig ? ERR_TOOBIG : ERR_PARSE;
	}
	if (!header_ok(&c->hrec)) {
		r->done = 1;
		reader_set_error(r, "header row is not valid UTF-8 or holds "
		    "a NUL byte");
		return ERR_UTF8;
	}
	rc = take_header(c);
	if (rc != 0)
		return rc;
	if (c->check != NULL && c->check(c->check_arg,
	    (const char *const *)c->header, c->nheader, r->errbuf,
	    sizeof(r->errbuf)) != 0) {
		r->done = 1;
		reader_set_error(r, r->errbuf);
		return ERR_USAGE;
	}
	return NEXT_ROW;
}

static int
set_ids(struct reader_csv *c, struct record *rec)
{
	char buf[32];
	const char *id = NULL;
	int rc;

	if (c->id_col != SIZE_MAX && rec->fields[c->id_col].len > 0)
		id = rec->fields[c->id_col].value;
	if (id == NULL) {
		(void)snprintf(buf, sizeof(buf), "%llu", rec->number);
		id = buf;
	}
	rc = record_set_id(rec, id);
	if (rc == 0 && c->pid_col != SIZE_MAX &&
	    rec->fields[c->pid_col].len > 0)
		rc = record_set_patient(rec, rec->fields[c->pid_col].value);
	return rc;
}

/* A row ended: the header, a record, or a rejection. */
static int
finish_row(struct reader *r, struct reader_csv *c, struct record *rec)
{
	int err = c->row_err, toobig = c->toobig;
	size_t ncol = c->col;

	c->col = c->bytes = 0;
	c->row_err = c->toobig = c->row_done = 0;
	if (!c->have_header)
		return header_row(r, c, rec, err, toobig);

	rec->number = ++c->row;
	if (toobig) {
		reader_set_error(r, "row is larger than the record limit");
		return ERR_TOOBIG;
	}
	if (err != 0) {
		reader_set_error(r, c->fini_done ?
		    "quoted field not closed at end of input" :
		    "row is not valid CSV (misplaced quote)");
		return ERR_PARSE;
	}
	if (ncol != c->nheader) {
		(void)snprintf(r->errbuf, sizeof(r->errbuf),
		    "fields: %zu in the row, %zu in the header", ncol,
		    c->nheader);
		reader_set_error(r, r->errbuf);
		return ERR_PARSE;
	}
	return set_ids(c, rec) == 0 ? 1 : ERR_NOMEM;
}

int
reader_csv_next(struct reader *r, struct record *rec)
{
	struct reader_csv *c = r->csv;
	int rc;

	c->rec = rec;
	do {
		rc = advance(r, c);
		if (rc == 0 && !c->have_header) {
			r->done = 1;
			rec->number = 0;
			reader_set_error(r, "input has no header row");
			return ERR_PARSE;
		}
		if (rc <= 0)
			break;
		rc = finish_row(r, c, rec);
	} while (rc == NEXT_ROW);
	c->rec = NULL;
	return rc;
}
