/*
 * spans.h - candidate identifier spans of one value and their resolution.
 *
 * Recognizers add candidates freely (overlapping, duplicated); then
 * spans_resolve() applies one rule so that everything downstream sees
 * sorted, non-overlapping spans:
 *
 *   Spans that overlap (share at least one byte) are merged into one
 *   span covering their union, so no part of any candidate is ever left
 *   in clear.  The merged span takes the type of the strongest member:
 *   highest score, then the longest, then the lowest type number (the
 *   order of enum phi_type), then the lowest recognizer name.  Spans of
 *   the same type that touch (one ends where the next starts) merge the
 *   same way; touching spans of different types stay apart.
 *
 * In graph terms: candidates are linked when they overlap or when they
 * touch and have the same type; each connected group becomes one span
 * (its union, which has no holes) that takes the strongest member's
 * type, score and recognizer.  Finally, two resulting spans that touch
 * and ended up with the same type are merged too (the strongest member
 * of both wins), so the output never holds two same-type neighbours.
 *
 * Offsets are byte offsets into the text's view.  A merged span records
 * the types of all its members, so that a transform can refuse to keep
 * in clear a union that holds an identifier it would remove.
 *
 * A candidate may carry a canonical form (a known patient's "First
 * Last" for "LAST, FIRST" or a nickname), which the transform
 * pseudonymises instead of the span's own text.  A merged span keeps the
 * strongest member's canonical form only when that member covers the
 * whole merged extent; otherwise it has none.
 */
#ifndef VEIL_SPANS_H
#define VEIL_SPANS_H

#include <stddef.h>
#include <stdint.h>

#include "phitype.h"

struct span {
	size_t start, end;		/* view bytes, end exclusive */
	enum phi_type type;
	float score;			/* 0..1 */
	const char *recognizer;		/* static name, e.g. "date.numeric" */
	uint32_t members;		/* bit t: a member had type t */
	const char *canon;		/* canonical form, or NULL */
	size_t canon_len;
};

struct spans;

/*
 * spans_new - an empty set, reusable.  NULL on no memory.
 * spans_free frees; NULL is allowed.  spans_clear empties it.
 */
struct spans *spans_new(void);
void spans_free(struct spans *s);
void spans_clear(struct spans *s);

/*
 * spans_add - add a candidate.  recognizer must outlive the set (a
 * string literal; NULL sorts as "").  Empty spans (start >= end) are
 * ignored.  score is clamped to 0..1 (NaN counts as 0).  Returns 0,
 * ERR_USAGE when type is not below PHI_NTYPES, or ERR_NOMEM.
 */
int spans_add(struct spans *s, size_t start, size_t end,
    enum phi_type type, float score, const char *recognizer);

/*
 * spans_add_canon - spans_add with a canonical form (canon_len bytes,
 * not copied: it must outlive every use of the span; NULL for none).
 */
int spans_add_canon(struct spans *s, size_t start, size_t end,
    enum phi_type type, float score, const char *recognizer,
    const char *canon, size_t canon_len);

/*
 * spans_filter - keep only the spans for which keep(arg, span) returns
 * non-zero, in their order.  For allow lists, before spans_resolve.
 */
void spans_filter(struct spans *s,
    int (*keep)(void *arg, const struct span *sp), void *arg);

/*
 * spans_resolve - sort and merge by the rule above.  Deterministic: the
 * result depends only on the set of candidates, not on their order.
 */
void spans_resolve(struct spans *s);

/*
 * spans_count / spans_get - the spans in order (resolved or not:
 * before spans_resolve, insertion order).  spans_get returns NULL when
 * i >= spans_count; the pointer is valid until the set next changes.
 */
size_t spans_count(const struct spans *s);
const struct span *spans_get(const struct spans *s, size_t i);

/*
 * spans_set_canon - give span i a canonical form (as spans_add_canon
 * takes it).  Nothing happens when i >= spans_count.
 */
void spans_set_canon(struct spans *s, size_t i, const char *canon,
    size_t canon_len);

/*
 * spans_overlaps - whether any span in the set overlaps [start, end).
 * Works on unresolved sets too (a linear scan).
 */
int spans_overlaps(const struct spans *s, size_t start, size_t end);

#endif
