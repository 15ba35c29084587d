/*
 * engine.h - one record through text, recognizers, spans and transforms.
 *
 * The engine holds what every thread shares read-only: the recognizers
 * (patterns compiled, lists loaded), the policy and the transform.  A
 * worker holds one thread's scratch: the text, its tokens, the span set
 * and output buffers.  Every decision depends only on the record, the
 * patient's known identifiers and the key, so any split of the work
 * gives the same output.
 *
 * Per record, the engine collects the record's structured identifiers
 * (patients.h) and those the table knows of its patient_id, and the
 * known recognizer looks for them, with their variants, in every
 * scanned field.  A field that is itself an identifier column is one
 * identifier whole.  Then the policy's deny list adds its phrases, and
 * its allow list drops every candidate whose text is an allowed entry
 * (ASCII case and white space runs ignored) or that lies inside one
 * found in the text, except known identifiers and deny entries; then
 * the spans are resolved.
 *
 * Object keys (record.keys) are written out unchanged, so before any
 * field the recognizers (not the known identifiers) check each one; a
 * key that holds an identifier other than a STATE or COUNTRY rejects
 * the record, unless the policy names it (as a column or a step of a
 * column's path) or drops its member.  Each worker caches the keys it
 * found clean (a few thousand, then it starts over).
 */
#ifndef VEIL_ENGINE_H
#define VEIL_ENGINE_H

#include <stddef.h>

#include "buf.h"
#include "patients.h"
#include "phitype.h"
#include "policy.h"
#include "record.h"
#include "transform.h"

struct engine_config {
	const struct policy *policy;	/* required */
	const struct transform *transform; /* NULL: detect only */
	size_t max_value;		/* cap on one output value */
	size_t window;		/* free-text values longer than this are
				   scanned in windows of it; 0: 1 MiB */
	const struct patients *patients; /* known patients, or NULL */
	int timed;		/* time each family (engine_worker_seconds) */
};

struct engine;
struct engine_worker;

/*
 * engine_new - set up every recognizer and the policy's allow and deny
 * lists.  Returns NULL on failure with the reason in err (a deny entry
 * is named by file and line).  The config's pointers must outlive the
 * engine.
 */
struct engine *engine_new(const struct engine_config *cfg, char *err,
    size_t errlen);

/*
 * engine_free - free the recognizers; NULL is allowed.
 */
void engine_free(struct engine *e);

/*
 * engine_worker_new - scratch for one thread.  NULL when out of memory.
 * engine_worker_free frees (wiping note text); NULL is allowed.
 */
struct engine_worker *engine_worker_new(const struct engine *e);
void engine_worker_free(struct engine_worker *w);

/*
 * engine_run - de-identify rec in place.  Each field is handled by its
 * policy role: dropped, kept, replaced whole (a typed column) or scanned
 * as free text; field.out gets the new value.  When spans is not NULL,
 * one spans JSONL line per scanned field is appended to it.  Returns 0;
 * or a negative ERR_* when the record must be rejected (a value is not
 * UTF-8, a recognizer failed, a buffer cap was hit, an object key looks
 * like an identifier: ERR_PARSE, "key N looks like an identifier" with N
 * counting keys from 1 in document order), with the reason in
 * engine_worker_error(); nothing of the record may then be written.
 */
int engine_run(struct engine_worker *w, struct record *rec,
    struct buf *spans);

/*
 * One window of a document too long to hold whole (see engine_window).
 */
struct engine_window_io {
	const char *text;	/* the window: valid UTF-8 or rejected */
	size_t len;
	size_t from;		/* bytes before it: context, already written */
	size_t cut;		/* from here on: the next window's bytes */
	int final;		/* the document ends with this window */
	unsigned long long cp_base; /* document code point of window byte 0 */
	struct buf *out;	/* rewritten bytes [from, end) are appended */
	struct buf *spans;	/* span objects are appended, or NULL */
	size_t nspans;		/* span objects written so far (for commas) */
	size_t end;		/* out: where the written part stops */
};

/*
 * engine_window - scan a window of a long text document and rewrite its
 * part.  Spans that start before io->cut (any, when final) are written
 * by this window, so io->end comes back at or past the cut: past the end
 * of the last of them.  A span reaching back before io->from is clipped
 * there, so nothing is ever left in clear between windows.  Span objects
 * carry document code point offsets.  The caller keeps some bytes before
 * io->end as the next window's context.  Returns 0 or a negative ERR_*
 * (engine_worker_error says why): ERR_TOOBIG when a span of a window
 * that is not the last reaches the end of its look-ahead, as its tail
 * would be left to the next.
 */
int engine_window(struct engine_worker *w, struct engine_window_io *io);

/*
 * engine_worker_error - why the last engine_run failed (names a field,
 * never quotes its value).
 */
const char *engine_worker_error(const struct engine_worker *w);

/*
 * engine_worker_counts - identifiers found so far by this worker, per
 * type (final, resolved spans).
 */
const unsigned long long *engine_worker_counts(const struct engine_worker *w);

/*
 * engine_nfamilies / engine_family_name - the recognizer families, in
 * the order engine_worker_seconds reports them.
 */
size_t engine_nfamilies(void);
const char *engine_family_name(size_t i);

/*
 * engine_worker_seconds - time this worker spent in each family's scan
 * (engine_nfamilies entries), for profiles on -v; all zero unless the
 * engine's config set timed.
 */
const double *engine_worker_seconds(const struct engine_worker *w);

#endif
