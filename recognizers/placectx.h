/*
 * placectx.h - cities, counties, states, countries and employers named
 * in running text, found with the lexicons and the words around them.
 *
 * The places recognizer (places.c) owns one of these and calls it on
 * every value after its own facility patterns.
 */
#ifndef VEIL_PLACECTX_H
#define VEIL_PLACECTX_H

#include <stddef.h>

#include "spans.h"
#include "tokens.h"

struct placectx;

/*
 * placectx_new - the word lists built and the lexicon opened.  Returns
 * 0 and sets *out, or a negative ERR_* with the reason (no input
 * quoted) in err.  placectx_free frees; NULL is allowed.
 */
int placectx_new(struct placectx **out, char *err, size_t errlen);
void placectx_free(struct placectx *pc);

/*
 * placectx_scan - add CITY, COUNTY, STATE, COUNTRY and ORGANIZATION
 * candidates in s[0..len) (a text's view) to out.  tk, when not NULL,
 * holds the view's words (tokens_build) and saves cutting them again.
 * Read-only on pc, so threads may share it.  Returns 0 or a negative
 * ERR_*.
 */
int placectx_scan(const struct placectx *pc, const char *s, size_t len,
    const struct tokens *tk, struct spans *out);

#endif
