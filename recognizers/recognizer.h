/*
 * recognizer.h - the one interface every detector family implements.
 *
 * A recognizer is set up once (patterns compiled, lexicons loaded) and
 * then shared read-only by every thread: scan() must not change state.
 * Per-thread scratch (PCRE2 match data) lives in rx.c.
 */
#ifndef VEIL_RECOGNIZER_H
#define VEIL_RECOGNIZER_H

#include "record.h"
#include "spans.h"
#include "text.h"
#include "tokens.h"

struct known;

/* What a recognizer may look at while scanning one value. */
/*
 * The most bytes of a value's start that a recognizer reads for what it
 * learns of the whole value (the names' case profile); recog_ctx.head
 * holds at most that many.
 */
#define RECOG_HEAD 512

struct recog_ctx {
	const struct text *text;	/* the value: use text_view() */
	const struct tokens *tokens;	/* its words */
	const struct record *record;	/* the whole record (known ids) */
	const char *field;		/* the field's name */
	const struct known *known;	/* the patient's identifiers, sealed
					   (known.h), or NULL */
	/*
	 * When the text is a later window of a long value or document:
	 * the start of the first window's view (head_len bytes), for what
	 * is read from a value's beginning (the names' case profile), so
	 * that every window reads it as the whole value would.  NULL: the
	 * text itself.
	 */
	const char *head;
	size_t head_len;
};

struct recognizer_ops {
	const char *name;	/* family name: "dates", "phones", ... */

	/*
	 * init - build the state (compile patterns, load lists).  Returns 0
	 * and sets *state, or a negative ERR_*; on error, errbuf (errlen
	 * bytes) says why, without quoting any input.
	 */
	int (*init)(void **state, char *errbuf, size_t errlen);

	/* fini - free the state; NULL is allowed. */
	void (*fini)(void *state);

	/*
	 * scan - add candidate spans for ctx's value to out.  Returns 0, or
	 * a negative ERR_* when the value could not be scanned (then the
	 * record is rejected: fail closed).
	 */
	int (*scan)(const void *state, const struct recog_ctx *ctx,
	    struct spans *out);
};

/* The families, one per file in recognizers/. */
extern const struct recognizer_ops recognizer_dates;
extern const struct recognizer_ops recognizer_phones;
extern const struct recognizer_ops recognizer_net;
extern const struct recognizer_ops recognizer_ids;
extern const struct recognizer_ops recognizer_address;
extern const struct recognizer_ops recognizer_names;
extern const struct recognizer_ops recognizer_places;
extern const struct recognizer_ops recognizer_ages;
extern const struct recognizer_ops recognizer_known;

#endif
