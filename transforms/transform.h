/*
 * transform.h - turn one identifier into its replacement, by policy.
 *
 * The policy picks the operator for the identifier's type; this module
 * renders it: "[TYPE-token]" for a pseudonym (and the original goes to
 * the keystore), "[TYPE]" for a redaction, the year of a date (or
 * "[DATE]" when it has none), "90+" for an age, a ZIP's first three
 * digits (or "000"), or the original for KEEP.  Read-only after
 * creation apart from the keystore writer, which is thread-safe, so one
 * transform serves every thread.
 */
#ifndef VEIL_TRANSFORM_H
#define VEIL_TRANSFORM_H

#include <stddef.h>

#include "buf.h"
#include "keystore.h"
#include "phitype.h"
#include "policy.h"
#include "pseudonym.h"

struct transform;

/*
 * transform_new - a transform for policy p.  ps and ks may be NULL when
 * the policy pseudonymises nothing; they stay owned by the caller and
 * must outlive the transform.  NULL when out of memory.
 */
struct transform *transform_new(const struct policy *p,
    const struct pseudonym *ps, struct keystore_writer *ks);

/*
 * transform_free - free; NULL is allowed.
 */
void transform_free(struct transform *t);

/*
 * transform_apply - append the replacement for the identifier orig
 * (len bytes of valid UTF-8) of the given type to out.  ref_year is the
 * latest year among the value's dates (0: none): a date that keeps only
 * its year becomes "90+" when that year is 90 or more years before it,
 * since such a year (a birth date, most often) implies an age over 89.
 * Returns 0, or ERR_USAGE when a pseudonym is needed but there is no
 * key, or the error of the buffer, the tokeniser or the keystore.
 */
int transform_apply(const struct transform *t, enum phi_type type,
    const char *orig, size_t len, int ref_year, struct buf *out);

/*
 * transform_apply_canon - transform_apply for an identifier with a
 * canonical form (canon, canon_len bytes of UTF-8; NULL for none): a
 * pseudonym is then the canonical form's, and the keystore keeps the
 * canonical form as the original, so that "LAST, FIRST", a nickname and
 * "First Last" of one patient share one token.  Other operators work on
 * orig as transform_apply does.
 */
int transform_apply_canon(const struct transform *t, enum phi_type type,
    const char *orig, size_t len, const char *canon, size_t canon_len,
    int ref_year, struct buf *out);

/*
 * transform_op - the operator used for type (the policy's).
 */
enum policy_op transform_op(const struct transform *t, enum phi_type type);

#endif
