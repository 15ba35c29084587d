/*
 * chunker.h - one text document of any size, in windows of bounded size.
 *
 * A text document is read in windows of about `window` bytes, each with
 * some bytes of context before it and of look-ahead after it, so that an
 * identifier that crosses a window's edge is still seen whole and
 * replaced whole (see engine_window).  A window is cut after white
 * space when it can be; when it is cut inside a run without white space
 * (a long URL or id), its look-ahead reads on to the end of the run, up
 * to 4 MiB past the cut.  Memory stays near three times the window
 * (plus that look-ahead), whatever the document's size.  The spans line
 * is written as the windows go, so it too needs no memory for the whole
 * document.
 */
#ifndef VEIL_CHUNKER_H
#define VEIL_CHUNKER_H

#include <stddef.h>
#include <stdio.h>

#include "engine.h"
#include "window.h"

#define CHUNKER_WINDOW WINDOW_DEFAULT

struct chunker_io {
	FILE *in;		/* the document, read to its end */
	const char *id;		/* its id, for the spans line */
	FILE *out;		/* the rewritten text, or NULL (detect) */
	FILE *spans;		/* one spans JSONL line, or NULL */
	void (*tick)(void *arg, unsigned long long bytes); /* or NULL */
	void *arg;
	unsigned long long bytes;	/* out: bytes read so far */
};

/*
 * chunker_value_max - the most one window's value may hold and its
 * output take, for a window of window bytes (context and look-ahead
 * included): what an engine's max_value must allow for text.
 */
size_t chunker_value_max(size_t window);

/*
 * chunker_run - scan io->in window by window with worker w and write
 * the results.  Returns 0; ERR_UTF8 (or another ERR_* of the engine)
 * when the document cannot be scanned, with the reason in err — what
 * was written before the bad window is already de-identified, and the
 * caller decides whether to cut it off; ERR_TOOBIG also when a span
 * reaches the end of a window's look-ahead (a run of more than 4 MiB
 * without white space), rather than leave its tail in clear or report
 * it cut short; ERR_IO when reading or writing fails.  window must be
 * at least 64.
 */
int chunker_run(struct engine_worker *w, struct chunker_io *io,
    size_t window, char *err, size_t errlen);

#endif
