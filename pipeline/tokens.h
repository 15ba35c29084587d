/*
 * tokens.h - words of a text's view, from ICU's word break iterator.
 *
 * Only word-like segments are kept (letters, numbers, kana, ideographs);
 * spaces and punctuation are skipped.  Each token's shape is computed
 * once.
 *
 * Boundaries are ICU 72's word rules (UAX #29, tailored), on the folded
 * view.  What that means for clinical text:
 *   "3/14/2021"      -> 3 | 14 | 2021     "2019-03-04" -> 2019 | 03 | 04
 *   "555-1234"       -> 555 | 1234        "e-mail"     -> e | mail
 *   "(555) 123-4567" -> 555 | 123 | 4567  "10:30am"    -> 10 | 30am
 *   one token each: "O'Brien", "don't", "St.Jude's", "U.S.A" (a final
 *   '.' is never part of a token), "555.123.4567", "03.04.2019",
 *   "192.168.0.1", "3.14", "1,000.50", "1;2", "1'2" ('.' and '\'' join
 *   letter to letter and digit to digit, ',' and ';' digit to digit
 *   only, ':' nothing), "kim.lee@mail.test" and "@home" ('@' counts
 *   as a letter), "a_b", "45yo", "A1c" ('_' joins anything word-like;
 *   a lone "_" is not a token but "__" is).
 *   CJK and Thai runs are cut by ICU's dictionaries.
 * An all-ASCII view takes a fast path that implements exactly these
 * rules (tests/test_tokens.c checks it against ICU exhaustively up to 5
 * characters and on random strings); other views go through ICU.
 */
#ifndef VEIL_TOKENS_H
#define VEIL_TOKENS_H

#include <stddef.h>

#include "text.h"

/*
 * Letter case is ICU's (u_isupper/u_istitle, u_islower), so accented
 * and non-Latin capitals count (E-acute + "mile" is SHAPE_CAP).
 * Combining marks are ignored.  Inside letters, '.' and '\'' are
 * ignored too ("don't" LOWER, "Mary's" CAP, "U.S.A" UPPER); any other
 * character (including '@', '_', caseless letters such as CJK) makes
 * the token SHAPE_MIXED.  A single capital ("J") is SHAPE_CAP.
 */
enum token_shape {
	SHAPE_LOWER,	/* all letters lower case: "patient" */
	SHAPE_CAP,	/* first upper, rest lower: "Smith", "J" */
	SHAPE_UPPER,	/* all letters upper, two or more: "ICU" */
	SHAPE_DIGITS,	/* digits only (any script): "2019"; not "3.14" */
	SHAPE_MIXED	/* anything else: "McDonald", "A1c", "3rd", "__" */
};

struct token {
	size_t start, end;	/* byte offsets in the text's view */
	enum token_shape shape;
};

struct tokens;

/*
 * tokens_new - an empty token list, reusable.  NULL on no memory.  The
 * ICU break iterator is opened on first use and kept.  A struct tokens
 * is not thread-safe: use one per worker.  tokens_free frees; NULL is
 * allowed.
 */
struct tokens *tokens_new(void);
void tokens_free(struct tokens *tk);

/*
 * tokens_build - split the view of t into tokens, replacing any earlier
 * list.  Returns 0, ERR_NOMEM, ERR_TOOBIG (a view over INT32_MAX bytes,
 * beyond ICU's offsets) or ERR_INTERNAL (ICU failed); on error the list
 * is empty.
 */
int tokens_build(struct tokens *tk, const struct text *t);

/*
 * tokens_count / tokens_get - the tokens in order of position.
 * tokens_get returns NULL when i >= tokens_count; the pointer is valid
 * until the next tokens_build.
 */
size_t tokens_count(const struct tokens *tk);
const struct token *tokens_get(const struct tokens *tk, size_t i);

/*
 * tokens_shape - the shape of s[0..len) (valid UTF-8), exposed for
 * tests and for recognizers that look at text outside a token list.
 * An empty string is SHAPE_MIXED.
 */
enum token_shape tokens_shape(const char *s, size_t len);

#endif
