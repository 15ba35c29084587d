/*
 * tokens.h - words of a text's view, from ICU's word break iterator.
 *
 * Only word-like segments are kept (letters, numbers, kana, ideographs);
 * spaces and punctuation are skipped.  Each token's shape is computed
 * once.
 */
#ifndef VEIL_TOKENS_H
#define VEIL_TOKENS_H

#include <stddef.h>

#include "text.h"

enum token_shape {
	SHAPE_LOWER,	/* all letters lower case: "patient" */
	SHAPE_CAP,	/* first upper, rest lower: "Smith" */
	SHAPE_UPPER,	/* all letters upper, two or more: "ICU" */
	SHAPE_DIGITS,	/* digits only: "2019" */
	SHAPE_MIXED	/* anything else: "McDonald", "A1c", "3rd" */
};

struct token {
	size_t start, end;	/* byte offsets in the text's view */
	enum token_shape shape;
};

struct tokens;

/*
 * tokens_new - an empty token list, reusable.  NULL on no memory.
 * tokens_free frees; NULL is allowed.
 */
struct tokens *tokens_new(void);
void tokens_free(struct tokens *tk);

/*
 * tokens_build - split the view of t into tokens, replacing any earlier
 * list.  Returns 0, ERR_NOMEM or ERR_INTERNAL (ICU failed).
 */
int tokens_build(struct tokens *tk, const struct text *t);

/*
 * tokens_count / tokens_get - the tokens in order of position.
 */
size_t tokens_count(const struct tokens *tk);
const struct token *tokens_get(const struct tokens *tk, size_t i);

/*
 * tokens_shape - the shape of s[0..len), exposed for tests and for
 * recognizers that look at text outside a token list.
 */
enum token_shape tokens_shape(const char *s, size_t len);

#endif
