/*
 * eval.h - score predicted PHI spans against gold spans (veil eval).
 *
 * The shared metrics are those of shared/tools/score.py, to the count:
 *
 *   Documents are joined on (id, field) (gold.h says how ids are
 *   written).  A gold document with no predicted record counts as
 *   entirely missed; predicted records not in gold ("extra") are
 *   counted and left out of every metric; repeated predicted records
 *   are merged.  A predicted span whose start or end is not an integer,
 *   or that is not 0 <= start < end <= the text's length, is invalid and
 *   counts as a false positive of the pseudo-type "(invalid)".  A
 *   predicted span with no string "type" is "UNTYPED".
 *
 *   entity, any overlap: a gold span is found when a predicted span of
 *   any type overlaps it (half-open: spans that only touch do not);
 *   precision is the predicted spans that overlap some gold span over
 *   all predicted spans.  leaked: gold spans with no character covered;
 *   partial: found spans that still leave a letter or digit uncovered.
 *   token: tokens are maximal runs of letters and digits (Unicode
 *   general category L* or N*, or any character with a numeric value:
 *   Python's str.isalnum); a token is PHI when it shares a character
 *   with a gold span and predicted when it shares one with a predicted
 *   span.  F2 = 5PR / (4P + R); F1 = 2PR / (P + R).
 *
 *   Excluded types (eval_exclude) drop gold and predicted spans of those
 *   types; a predicted span that overlaps only dropped gold spans is
 *   neutral (in neither count), and a token that lies only in dropped
 *   gold spans is left out of the token counts.
 *
 * Added to score.py's metrics: exact-match entity counts, where a gold
 * span is matched by a predicted span with the same start and end (of
 * any type, or of the same type: "typed"); exact precision is the
 * predicted spans that match some gold span exactly over the same
 * denominator as above.  Per type, recall counts gold spans of that
 * type and precision counts predicted spans of that type.
 *
 * The eval never prints: it renders its report into a struct buf.  The
 * report names documents by id and field and gives offsets; the text of
 * a leaked span appears only when asked for (EVAL_SHOW_TEXT).
 */
#ifndef VEIL_EVAL_H
#define VEIL_EVAL_H

#include <stddef.h>

#include "buf.h"

/* Whole-run counts. */
struct eval_summary {
	size_t docs;			/* gold documents */
	size_t docs_with_spans;		/* ... with a kept gold span */
	size_t docs_predicted;		/* ... with a predicted record */
	size_t docs_missing;		/* ... without one */
	size_t missing_gold_spans;	/* kept gold spans in those */
	size_t text_mismatch;		/* predicted "text" differs */
	size_t extra_records;		/* predicted keys not in gold */
	size_t extra_spans;		/* the spans they hold */
	size_t extra_unknown_id;	/* ... whose id is not in gold */
	size_t extra_unknown_field;	/* ... whose id is, field is not */
	size_t repeated_records;	/* predicted records merged */
	size_t invalid_spans;		/* predicted spans, bad offsets */
	size_t excluded_gold, excluded_pred;	/* spans dropped */
	size_t neutral_pred;		/* predicted, overlap only dropped */
	size_t ignored_tokens;		/* tokens only in dropped spans */
	size_t gold, found;		/* kept gold spans; overlapped */
	size_t pred, hit;		/* counted predictions; overlapping */
	size_t exact_found, exact_hit;	/* same start and end */
	size_t typed_found, typed_hit;	/* ... and the same type */
	size_t leaked, partial;
	size_t tok_phi, tok_pred, tok_tp;
};

/* Counts for one type: gold spans of it, then predicted spans of it. */
struct eval_type {
	size_t gold, found, leaked, partial;
	size_t tokens, tokens_found;	/* tokens in its gold spans */
	size_t exact_found, typed_found;
	size_t pred, hit, exact_hit, typed_hit;
};

/* One leaked gold span; pointers are owned by the eval. */
struct eval_leak {
	const char *id, *field, *type;
	size_t id_len, field_len;
	size_t start, end;		/* code points */
	const char *text;		/* the span's bytes (PHI) */
	size_t text_len;
};

/* eval_render flags. */
enum {
	EVAL_JSON = 1,		/* one JSON object instead of the table */
	EVAL_SHOW_TEXT = 2	/* include the text of leaked spans */
};

struct eval;

/*
 * eval_new - an empty evaluation; every input file is capped at
 * max_file bytes.  NULL on no memory.  eval_free wipes and frees; NULL
 * is allowed.
 */
struct eval *eval_new(size_t max_file);
void eval_free(struct eval *ev);

/*
 * eval_exclude - leave out the types of list ("DATE_YEAR, STATE": comma
 * separated, blanks around names ignored, empty names skipped).  Call
 * before eval_score.  Returns 0, ERR_USAGE after scoring, or ERR_NOMEM.
 */
int eval_exclude(struct eval *ev, const char *list);

/*
 * eval_load_gold - load the gold documents of path (any format of
 * gold.h, chosen from the path).  Once, before eval_load_spans.
 * Returns 0 or a gold_load error (reason in eval_error); ERR_USAGE when
 * called twice or when path holds no gold document.
 */
int eval_load_gold(struct eval *ev, const char *path);

/*
 * eval_load_spans - load predicted spans JSONL (veil detect's output).
 * Returns 0; ERR_IO, ERR_TOOBIG, ERR_PARSE (bad JSON, not an object, no
 * or bad id or field, "spans" not a list; with file and line in
 * eval_error); ERR_USAGE before eval_load_gold or after eval_score;
 * ERR_NOMEM.
 */
int eval_load_spans(struct eval *ev, const char *path);

/*
 * eval_score - compute every count.  Once, after both loads.  Returns
 * 0, ERR_USAGE (out of order) or ERR_NOMEM.
 */
int eval_score(struct eval *ev);

/*
 * eval_error - why the last call failed ("" if it did not); owned by ev.
 */
const char *eval_error(const struct eval *ev);

/*
 * eval_summary_get - the whole-run counts (zero before eval_score).
 */
void eval_summary_get(const struct eval *ev, struct eval_summary *out);

/*
 * eval_type_get - the counts of one type, by name (the pseudo-type of
 * bad predicted offsets is "(invalid)").  Returns 0, or ERR_NOTFOUND for
 * a name that is in neither file nor in the excluded list.
 */
int eval_type_get(const struct eval *ev, const char *type,
    struct eval_type *out);

/*
 * eval_leak_count / eval_leak_get - the leaked gold spans, in gold
 * order.  eval_leak_get returns 0, or ERR_NOTFOUND when i is past the
 * end; the pointers it sets are valid until eval_free.
 */
size_t eval_leak_count(const struct eval *ev);
int eval_leak_get(const struct eval *ev, size_t i, struct eval_leak *out);

/*
 * eval_unseen_excluded - the i-th excluded type that occurs in neither
 * file (for a warning), or NULL past the end.  Owned by ev.
 */
const char *eval_unseen_excluded(const struct eval *ev, size_t i);

/*
 * eval_render - append the report to out: a table for people, or with
 * EVAL_JSON one JSON object (a superset of score.py --json) and a
 * newline.  EVAL_SHOW_TEXT adds each leaked span's text.  Returns 0,
 * ERR_USAGE before eval_score, or ERR_TOOBIG/ERR_NOMEM from out.
 */
int eval_render(const struct eval *ev, struct buf *out, int flags);

/*
 * eval_ratio - num / den into *out; ERR_NOTFOUND (undefined) when den
 * is 0.
 */
int eval_ratio(size_t num, size_t den, double *out);

/*
 * eval_fbeta - (1 + b^2) P R / (b^2 P + R), computed as score.py does.
 * Returns 0, or ERR_NOTFOUND (undefined) when P + R is 0.
 */
int eval_fbeta(double precision, double recall, double beta, double *out);

#endif
