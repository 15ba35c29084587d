/*
 * known.h - identifiers known in advance, looked for in free text.
 *
 * A struct known is a compiled list of values to find: a patient's
 * structured identifiers (patients.h) with their variants, or the
 * phrases of a deny list.  Matching is on the text's tokens, case
 * folded (ASCII), whole words only:
 *
 *   names      "First Last", "First M. Last", "First Middle Last",
 *              "LAST, FIRST [M.]", "LAST FIRST [M.]" (no word in lower
 *              case), "F. Last", "F. M. Last", "Last, F.", the surname
 *              alone and the given name alone, and common nicknames
 *              for the given name both ways ("Bill" for William,
 *              "William" for Bill).  The parts of a name never straddle
 *              the end of a sentence ("Will.  Hope").  A part alone
 *              that is a common English word counts only when
 *              capitalised and not at the start of a sentence (nor of
 *              a line, a quote, a bracket or a bullet, nor after a
 *              heading's colon, "Plan: Hope to go"), or right after a
 *              title in any case ("Dr. Brown", "mr. brown").  A month
 *              or a weekday, and a surname that is a medical word,
 *              count alone only after a title ("Mr. Foley"); a given
 *              name that is a medical word but no common word ("Ada")
 *              wherever it is capitalised.  A part alone followed by
 *              an eponym's noun ("Addison disease") is not a name but
 *              after a title.  Every variant carries the person's
 *              canonical form "First Last"; "Last F" without a comma
 *              is left to known_canon.
 *   ids        MRN, phone, fax, SSN, ZIP, health plan and other
 *              numbers: letters and digits compared, up to two
 *              separators (space - . ( ) /) between any two of them.
 *   dates      the date and its usual spellings (3/4/1980, 03/04/80,
 *              1980-03-04, March 4, 1980, 4 Mar 1980, ...).
 *   others     address (street words and their abbreviations: Street
 *              and St, Apartment and Apt), city, county ("County"
 *              after it is included), email: words in order, up to
 *              four separator characters between two of them.
 *
 * Every span has score 1.0 and a recognizer name "known.<kind>"
 * ("deny" for deny lists).  Building is not thread-safe; a sealed list
 * is then read by any number of threads.
 */
#ifndef VEIL_KNOWN_H
#define VEIL_KNOWN_H

#include <stddef.h>

#include "lexicon.h"
#include "patients.h"
#include "phitype.h"
#include "spans.h"
#include "text.h"
#include "tokens.h"

struct known;

/*
 * known_new - an empty list.  lx (may be NULL: no word checks and no
 * nicknames) must outlive it.  NULL when out of memory.
 * known_free frees, wiping values; NULL is allowed.
 */
struct known *known_new(const struct lexicon *lx);
void known_free(struct known *k);

/*
 * known_clear - empty the list, keeping its memory.
 */
void known_clear(struct known *k);

/*
 * known_add_set - add the identifiers of s with their variants.  The
 * canonical forms point into s, which must outlive every span the list
 * gives.  Returns 0 or ERR_NOMEM.
 */
int known_add_set(struct known *k, const struct patients_set *s);

/*
 * known_add_phrase - add the phrase s (n bytes of UTF-8), matched as
 * whole words in order, of the given type, under the recognizer name
 * rname (a string that outlives the list).  Returns 0, ERR_UTF8 when s
 * is not valid UTF-8, ERR_USAGE when it has no word, or ERR_NOMEM.
 */
int known_add_phrase(struct known *k, enum phi_type type, const char *s,
    size_t n, const char *rname);

/*
 * known_seal - index the list for known_scan; call after adding.
 * Returns 0 or ERR_NOMEM.
 */
int known_seal(struct known *k);

/*
 * known_count - the number of values (variants included) in the list.
 */
size_t known_count(const struct known *k);

/*
 * known_scan - add a span for every place in t (tokens tk) where a value
 * of the sealed list occurs.  Returns 0 or ERR_NOMEM.
 */
int known_scan(const struct known *k, const struct text *t,
    const struct tokens *tk, struct spans *out);

/*
 * known_canon - the canonical form of a value of the sealed list that
 * occupies view bytes [start, end) of t (tokens tk), but for a final
 * "." or "'s", context checks aside ("Ash" found by another recognizer
 * where the surname alone would need a title; "Quill A" that only
 * known_canon matches), or NULL.  *len gets its length.  The first
 * such value in list order wins.
 */
const char *known_canon(const struct known *k, const struct text *t,
    const struct tokens *tk, size_t start, size_t end, size_t *len);

#endif
