/*
 * namewords.h - the clinical word lists the names recognizer checks a
 * capitalised word against before it calls the word a name: eponyms
 * (Babinski, Foley, Apgar), the words that make a surname an eponym
 * ("sign", "scale", "catheter"), capitalised clinical words that are
 * also given names or surnames, and drug-name endings.
 */
#ifndef VEIL_NAMEWORDS_H
#define VEIL_NAMEWORDS_H

#include <stddef.h>
#include <stdint.h>

#include "wordtab.h"

/* The classes namewords_fill adds (wordtab bits). */
#define NAMEWORDS_EPONYM	(1u << 0)	/* "babinski", "foley" */
#define NAMEWORDS_HEAD		(1u << 1)	/* "sign", "disease" */
#define NAMEWORDS_CLINICAL	(1u << 2)	/* "hgb", "tele", "sat" */

/*
 * namewords_fill - add the lists to t, each word under its class bit
 * shifted left by shift (so a caller can keep its own bits below).
 * Returns 0, ERR_INTERNAL when a length typed in an ending or month
 * table is wrong or an ending is not all lower-case letters, or a
 * negative ERR_* from wordtab_add.
 */
int namewords_fill(struct wordtab *t, unsigned shift);

/*
 * namewords_month - whether the word w (n bytes, any case) is a month's
 * name or its abbreviation ("March", "mar", "Sept").
 */
int namewords_month(const char *w, size_t n);

/*
 * namewords_drug - whether the word w (n bytes, any case) ends the way
 * drug names do ("-pril", "-olol", "-statin", "-mab").  ASCII only;
 * words under five letters never match.
 */
int namewords_drug(const char *w, size_t n);

/*
 * namewords_medical - whether a word that no lexicon knows ends the way
 * medical terms do ("-itis", "-osis", "-ectomy", "-monas").  ASCII
 * only; short words never match.
 */
int namewords_medical(const char *w, size_t n);

/*
 * namewords_surname - whether a word that no lexicon knows ends the way
 * surnames of many languages do ("-ov", "-ska", "-sson", "-poulos",
 * "-escu").  ASCII only; short words never match.
 */
int namewords_surname(const char *w, size_t n);

#endif
