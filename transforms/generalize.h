/*
 * generalize.h - the safe-harbor generalisations: a date keeps its year,
 * a ZIP code its first three digits (or 000), an age over 89 becomes
 * "90+".
 *
 * The functions read the original bytes of a span (UTF-8, not folded)
 * and fold them as the folded view does (pipeline/text.h): every
 * decimal digit (Unicode Nd: full-width, Arabic-Indic, Devanagari,
 * mathematical bold...) counts as its ASCII digit, full-width ASCII as
 * ASCII, and typographic apostrophes as '.
 * They keep no state, use no clock and are safe from any thread.
 */
#ifndef VEIL_GENERALIZE_H
#define VEIL_GENERALIZE_H

#include <stddef.h>

/*
 * The two-digit year pivot: yy <= GENERALIZE_PIVOT is 20yy, else 19yy.
 * Fixed, because the output must not depend on the day veil runs.
 */
#define GENERALIZE_PIVOT 30

/* The longest date string generalize_year reads. */
#define GENERALIZE_MAX_DATE 256

/*
 * generalize_year - the year of date[0..len), a date in any form the
 * dates recognizer finds: 3/14/2021, 3/14/21, 2021-03-14 (with a time),
 * 20210314, 03141955, March 14, 2021, 14-Mar-21, Jan 9th '23, March
 * 2019, 3/2019.  Four-digit years count from 1850 to 2150; two-digit
 * years follow GENERALIZE_PIVOT.  Returns 0 and sets *year, or
 * ERR_NOTFOUND when the date has no year (7/22, Jul 22, 14 March) or is
 * longer than GENERALIZE_MAX_DATE bytes.
 */
int generalize_year(const char *date, size_t len, int *year);

/*
 * generalize_zip3 - the first three digits of a ZIP code zip[0..len)
 * into out (three digits and a NUL), or "000" when that prefix is
 * restricted: the union of the HHS lists from the 2000 and 2010
 * censuses (each prefix with 20,000 people or fewer).  zip must start
 * with exactly five decimal digits (any script), optionally followed by
 * a non-digit (12345-6789).  Returns 0, or ERR_PARSE (out is then
 * "000" too, so a caller that ignores the error leaks nothing).
 */
int generalize_zip3(const char *zip, size_t len, char out[4]);

/*
 * generalize_zip3_restricted - whether the three digits p[0..3) form a
 * restricted prefix.  p must hold three ASCII digits.
 */
int generalize_zip3_restricted(const char p[3]);

/*
 * generalize_age - the replacement of an age over 89: "90+" (static).
 */
const char *generalize_age(void);

#endif
