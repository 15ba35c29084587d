/* chunker.c - long text documents in overlapping windows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "chunker.h"
#include "err.h"
#include "window.h"

/*
 * The stream is read WINDOW_AHEAD bytes past a window's end; a cut inside
 * a run without white space reads on to white space (growing the
 * buffer) up to WINDOW_AHEAD_MAX past the cut (window.h).
 */

struct window_buf {
	char *p;
	size_t len, cap;
	size_t base;		/* bytes a window is read to, normally */
	size_t max;		/* cap may grow to this */
	int eof;
	const char *why;	/* why the chunker itself gave up */
};

/* Fill the buffer from in up to upto (<= cap) bytes; 0, or ERR_IO. */
static int
fill(struct window_buf *wb, FILE *in, size_t upto)
{
	size_t n;

	while (wb->len < upto && !wb->eof) {
		n = fread(wb->p + wb->len, 1, upto - wb->len, in);
		wb->len += n;
		if (n == 0) {
			if (ferror(in))
				return ERR_IO;
			wb->eof = 1;
		}
	}
	return 0;
}

/* Double the buffer's room (up to wb->max); the old copy is wiped. */
static int
grow(struct window_buf *wb)
{
	size_t cap = wb->cap > wb->max / 2 ? wb->max : wb->cap * 2;
	char *p;

	p = malloc(cap);
	if (p == NULL)
		return ERR_NOMEM;
	memcpy(p, wb->p, wb->len);
	explicit_bzero(wb->p, wb->cap);
	free(wb->p);
	wb->p = p;
	wb->cap = cap;
	return 0;
}

/*
 * Where the text a window scans ends, *len: the end of the document, or
 * just past the last white space after cut.  A cut that is not after
 * white space may fall inside a long URL or id: then read on (growing
 * the buffer) until there is some.  Past wb->max, or when there is none
 * and need not be, it ends on a whole UTF-8 sequence instead.
 */
static int
look_ahead(struct window_buf *wb, FILE *in, size_t cut, size_t *len)
{
	size_t from = cut, e;
	int r, need = cut > 0 && !window_is_space(wb->p[cut - 1]);

	for (;;) {
		e = window_after_space(wb->p, from, wb->len);
		if (wb->eof || e > 0) {
			*len = wb->eof ? wb->len : e;
			return 0;
		}
		if (!need || wb->len >= wb->max) {
			*len = window_whole_utf8(wb->p, wb->len);
			return 0;
		}
		from = wb->len;
		r = wb->len < wb->cap ? 0 : grow(wb);
		if (r == ERR_NOMEM)
			wb->why = "out of memory";
		if (r == 0)
			r = fill(wb, in, wb->cap);
		if (r != 0)
			return r;
	}
}

static int
put(FILE *fp, const char *s, size_t n)
{
	if (fp == NULL || n == 0)
		return 0;
	return fwrite(s, 1, n, fp) == n ? 0 : ERR_IO;
}

/* The spans line's opening: {"id": ..., "field": "text", "spans": [ */
static int
spans_open(FILE *fp, const char *id)
{
	json_t *s;
	char *enc;
	int r;

	if (fp == NULL)
		return 0;
	s = json_string(id);
	enc = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
	json_decref(s);
	if (enc == NULL)
		return ERR_NOMEM;
	r = fprintf(fp, "{\"id\": %s, \"field\": \"text\", \"spans\": [",
	    enc) < 0 ? ERR_IO : 0;
	free(enc);
	return r;
}

/*
 * Keep some context before end and drop the rest, counting the code
 * points dropped into *cp.  Returns the bytes dropped.
 */
static size_t
slide(struct window_buf *wb, size_t end, unsigned long long *cp)
{
	size_t keep = window_keep(wb->p, end);

	*cp += window_cp_count(wb->p, keep);
	explicit_bzero(wb->p, keep);
	memmove(wb->p, wb->p + keep, wb->len - keep);
	wb->len -= keep;
	return keep;
}

/* One window: scan, write, and move on.  Sets *done at the last one. */
static int
step(struct engine_worker *w, struct chunker_io *io, struct window_buf *wb,
    struct engine_window_io *wio, size_t window, int *done)
{
	size_t keep, cut;
	int r;

	r = fill(wb, io->in, wb->len > wb->base ? wb->len : wb->base);
	if (r != 0)
		return r;
	cut = wb->eof ? wb->len :
	    window_cut(wb->p, wio->from, wio->from + window);
	r = look_ahead(wb, io->in, cut, &wio->len);
	if (r != 0)
		return r;
	wio->text = wb->p;
	wio->final = wb->eof;
	wio->cut = wb->eof ? wio->len : cut;

	/* engine_window refuses a span that runs past the look-ahead */
	r = engine_window(w, wio);
	if (r != 0)
		return r;
	r = put(io->out, wio->out->data, wio->out->len);
	if (r == 0 && io->spans != NULL)
		r = put(io->spans, wio->spans->data, wio->spans->len);
	buf_reset(wio->out);
	if (wio->spans != NULL)
		buf_reset(wio->spans);
	if (r != 0)
		return r;

	io->bytes += wio->end - wio->from;
	if (io->tick != NULL)
		io->tick(io->arg, io->bytes);
	*done = wio->final;
	if (!*done) {
		keep = slide(wb, wio->end, &wio->cp_base);
		wio->from = wio->end - keep;
	}
	return 0;
}

size_t
chunker_value_max(size_t window)
{
	return (WINDOW_CONTEXT + window + WINDOW_AHEAD_MAX) *
	    WINDOW_GROWTH + 4096;
}

int
chunker_run(struct engine_worker *w, struct chunker_io *io, size_t window,
    char *err, size_t errlen)
{
	struct window_buf wb = { NULL, 0, 0, 0, 0, 0, NULL };
	struct engine_window_io wio;
	struct buf out, spans;
	int r, done = 0;

	if (window < 64 || window > SIZE_MAX / 2 / WINDOW_GROWTH)
		return ERR_USAGE;
	wb.cap = WINDOW_CONTEXT + window + WINDOW_AHEAD;
	wb.base = wb.cap;
	wb.max = WINDOW_CONTEXT + window + WINDOW_AHEAD_MAX;
	wb.p = malloc(wb.cap);
	if (wb.p == NULL)
		return ERR_NOMEM;
	buf_init(&out, chunker_value_max(window));
	buf_init(&spans, chunker_value_max(window));
	memset(&wio, 0, sizeof(wio));
	wio.out = &out;
	wio.spans = io->spans != NULL ? &spans : NULL;
	io->bytes = 0;

	r = spans_open(io->spans, io->id);
	while (r == 0 && !done)
		r = step(w, io, &wb, &wio, window, &done);
	if (r == 0 && io->spans != NULL && fputs("]}\n", io->spans) < 0)
		r = ERR_IO;
	if (r != 0 && wb.why != NULL)
		(void)snprintf(err, errlen, "field \"text\": %s", wb.why);
	else if (r != 0 && r != ERR_IO)
		(void)snprintf(err, errlen, "%s", engine_worker_error(w));
	else if (r == ERR_IO)
		(void)snprintf(err, errlen, "%s", err_str(r));

	explicit_bzero(wb.p, wb.cap);
	free(wb.p);
	buf_release(&out);
	buf_release(&spans);
	return r;
}
