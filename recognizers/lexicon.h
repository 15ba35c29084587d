/*
 * lexicon.h - the generated word lists in corpora/lexicons, as one
 * read-only table.
 *
 * The lists (first names, surnames, common English words, medical
 * words, US cities, counties and states, countries, nicknames) are
 * built by corpora/lexicons/generate.sh from public sources and linked
 * into the binary, so veil needs no data files at run time.  They load
 * once per process, on first use, and are then shared by every thread.
 * A lookup is one hash probe: keys are lower-case, words of a phrase
 * separated by one space; lookups fold ASCII case.
 */
#ifndef VEIL_LEXICON_H
#define VEIL_LEXICON_H

#include <stddef.h>
#include <stdint.h>

/* The classes a key can be in (struct lex_info.classes). */
#define LEX_FIRST	(1u << 0)	/* a given name (SSA births) */
#define LEX_LAST	(1u << 1)	/* a surname (Census rank) */
#define LEX_WORD	(1u << 2)	/* a lower-case dictionary word */
#define LEX_PROPER	(1u << 3)	/* a capitalised dictionary entry */
#define LEX_MEDICAL	(1u << 4)	/* anatomy, disorder, drug, lab */
#define LEX_CITY	(1u << 5)	/* a US city or town */
#define LEX_COUNTY	(1u << 6)	/* a US county, without "County" */
#define LEX_STATE	(1u << 7)	/* a US state's name */
#define LEX_STATE_ABBR	(1u << 8)	/* a state's postal code ("ma") */
#define LEX_COUNTRY	(1u << 9)	/* a country's name */
#define LEX_NICKNAME	(1u << 10)	/* a nickname (see lexicon_formal) */
#define LEX_PLACE_HEAD	(1u << 11)	/* first word of a longer place */

/* What the lexicons know of one key. */
struct lex_info {
	uint32_t classes;	/* LEX_* bits; 0 when unknown */
	uint32_t female;	/* SSA births as a girl's name, since 1920 */
	uint32_t male;		/* SSA births as a boy's name, since 1920 */
	uint32_t last_rank;	/* Census surname rank, 1 = commonest */
	uint32_t word_rank;	/* English word frequency rank, 1 = commonest;
				   0 when unranked */
	uint32_t population;	/* largest US city of this name, else 0 */
	uint8_t place_words;	/* LEX_PLACE_HEAD: most words in a place
				   name starting with this word */
};

struct lexicon;

/*
 * lexicon_open - the process's lexicon, loaded on the first call (under
 * a lock) and counted; each successful call needs one lexicon_close.
 * Returns 0 and sets *out, or a negative ERR_* with the reason in err.
 */
int lexicon_open(const struct lexicon **out, char *err, size_t errlen);
void lexicon_close(const struct lexicon *lx);

/*
 * lexicon_find - what is known of key (n bytes: one word, or the words
 * of a phrase separated by single spaces).  Fills *info (classes 0 when
 * the key is in no list) and returns 1 when found, else 0.
 */
int lexicon_find(const struct lexicon *lx, const char *key, size_t n,
    struct lex_info *info);

/*
 * lexicon_formal - the formal given names a nickname stands for ("bill"
 * → "william"): up to max of them into names/lens (lower-case, owned by
 * lx).  Returns how many were stored.
 */
size_t lexicon_formal(const struct lexicon *lx, const char *nick, size_t n,
    const char **names, size_t *lens, size_t max);

/*
 * lexicon_state - the state abbreviation ("MA") of a state's name or
 * code (n bytes, any case), or NULL when it is neither.
 */
const char *lexicon_state(const struct lexicon *lx, const char *s, size_t n);

/*
 * lexicon_size - the number of keys loaded (for -v and tests).
 */
size_t lexicon_size(const struct lexicon *lx);

#endif
