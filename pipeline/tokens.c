/*
 * tokens.c - word tokens of a text's view, from ICU's word breaks.
 *
 * One break iterator (UBRK_WORD, "en_US") is opened per struct tokens
 * and pointed at each new view through a UTF-8 UText, so the boundaries
 * ICU reports are byte offsets in the view.  A segment is kept when its
 * rule status is not UBRK_WORD_NONE (so: numbers, letters, kana,
 * ideographs).
 */
#include <stdint.h>
#include <stdlib.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include "err.h"
#include "tokens.h"

#define TOKENS_MIN_CAP	64

struct tokens {
	UBreakIterator *bi;	/* opened lazily, then reused */
	UText ut;
	struct token *v;
	size_t n, cap;
};

struct tokens *
tokens_new(void)
{
	struct tokens *tk;
	UText init = UTEXT_INITIALIZER;

	tk = calloc(1, sizeof(*tk));
	if (tk == NULL)
		return NULL;
	tk->ut = init;
	return tk;
}

void
tokens_free(struct tokens *tk)
{
	if (tk == NULL)
		return;
	if (tk->bi != NULL)
		ubrk_close(tk->bi);
	(void)utext_close(&tk->ut);
	free(tk->v);
	free(tk);
}

static int
push(struct tokens *tk, size_t start, size_t end, const char *view)
{
	struct token *t;

	if (tk->n == tk->cap) {
		struct token *nv;
		size_t ncap = tk->cap ? tk->cap * 2 : TOKENS_MIN_CAP;

		if (ncap > SIZE_MAX / sizeof(*nv))
			return ERR_NOMEM;
		nv = realloc(tk->v, ncap * sizeof(*nv));
		if (nv == NULL)
			return ERR_NOMEM;
		tk->v = nv;
		tk->cap = ncap;
	}
	t = &tk->v[tk->n++];
	t->start = start;
	t->end = end;
	t->shape = tokens_shape(view + start, end - start);
	return 0;
}

/* aim - open the break iterator once and aim it at view. */
static int
aim(struct tokens *tk, const char *view, size_t len)
{
	UErrorCode err = U_ZERO_ERROR;

	if (len > INT32_MAX)	/* ubrk offsets are int32_t */
		return ERR_TOOBIG;
	if (tk->bi == NULL) {
		tk->bi = ubrk_open(UBRK_WORD, "en_US", NULL, 0, &err);
		if (U_FAILURE(err)) {
			tk->bi = NULL;
			return err == U_MEMORY_ALLOCATION_ERROR ?
			    ERR_NOMEM : ERR_INTERNAL;
		}
	}
	(void)utext_openUTF8(&tk->ut, view, (int64_t)len, &err);
	if (U_FAILURE(err))
		return ERR_INTERNAL;
	ubrk_setUText(tk->bi, &tk->ut, &err);
	if (U_FAILURE(err))
		return ERR_INTERNAL;
	return 0;
}

/*
 * The ASCII fast path.  For an all-ASCII view ICU's word rules (UAX #29
 * as ICU 72 tailors them: '@' counts as a letter, ':' joins nothing)
 * reduce to these classes and to the rules in joins_next().  A segment
 * is a word when it holds a letter or a digit, or is two or more '_'
 * (ICU gives a lone '_' no word status, "__" letter status).
 * tests/test_tokens.c checks this against ICU itself.
 */
enum wclass {
	W_OTHER,
	W_LETTER,	/* A-Z a-z @ */
	W_DIGIT,	/* 0-9 */
	W_MIDNUMLET,	/* . and ', inside letters or digits */
	W_MIDNUM,	/* , and ;, inside digits only */
	W_EXTEND	/* _, joins letters, digits and itself */
};

static enum wclass
wclass(char ch)
{
	if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	    ch == '@')
		return W_LETTER;
	if (ch >= '0' && ch <= '9')
		return W_DIGIT;
	switch (ch) {
	case '.':
	case '\'':
		return W_MIDNUMLET;
	case ',':
	case ';':
		return W_MIDNUM;
	case '_':
		return W_EXTEND;
	default:
		return W_OTHER;
	}
}

static int
is_wordish(enum wclass k)
{
	return k == W_LETTER || k == W_DIGIT || k == W_EXTEND;
}

/*
 * joins_next - how many bytes after v[i] (of class k) belong to the
 * same word: 1 for a word character, 2 across a middle character, 0
 * when the word ends at i.
 */
static size_t
joins_next(const char *v, size_t i, size_t len, enum wclass k)
{
	enum wclass k2, k3;

	if (i + 1 >= len)
		return 0;
	k2 = wclass(v[i + 1]);
	if (is_wordish(k2))
		return 1;
	if (i + 2 >= len || k == W_EXTEND)
		return 0;
	k3 = wclass(v[i + 2]);
	if (k == W_LETTER && k2 == W_MIDNUMLET && k3 == W_LETTER)
		return 2;
	if (k == W_DIGIT && (k2 == W_MIDNUMLET || k2 == W_MIDNUM) &&
	    k3 == W_DIGIT)
		return 2;
	return 0;
}

static int
build_ascii(struct tokens *tk, const char *v, size_t len)
{
	size_t i = 0, start, step;
	enum wclass k;
	int alnum, r;

	while (i < len) {
		k = wclass(v[i]);
		if (!is_wordish(k)) {
			i++;
			continue;
		}
		start = i;
		alnum = 0;
		for (;;) {
			alnum |= k != W_EXTEND;
			step = joins_next(v, i, len, k);
			if (step == 0)
				break;
			i += step;
			k = wclass(v[i]);
		}
		i++;
		if (alnum || i - start >= 2) {
			r = push(tk, start, i, v);
			if (r != 0)
				return r;
		}
	}
	return 0;
}

static int
all_ascii(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char acc = 0;
	size_t i;

	for (i = 0; i < len; i++)
		acc |= p[i];
	return acc < 0x80;
}

static int
build_icu(struct tokens *tk, const char *view, size_t len)
{
	int32_t prev, next;
	int r;

	r = aim(tk, view, len);
	if (r != 0)
		return r;

	prev = ubrk_first(tk->bi);
	while ((next = ubrk_next(tk->bi)) != UBRK_DONE) {
		if (next <= prev || (size_t)next > len)
			return ERR_INTERNAL;
		if (ubrk_getRuleStatus(tk->bi) >= UBRK_WORD_NONE_LIMIT) {
			r = push(tk, (size_t)prev, (size_t)next, view);
			if (r != 0)
				return r;
		}
		prev = next;
	}
	return 0;
}

int
tokens_build(struct tokens *tk, const struct text *t)
{
	const char *view;
	size_t len;
	int r;

	tk->n = 0;
	view = text_view(t, &len);
	if (len == 0)
		return 0;
	if (all_ascii(view, len))
		r = build_ascii(tk, view, len);
	else
		r = build_icu(tk, view, len);
	if (r != 0)
		tk->n = 0;
	return r;
}

size_t
tokens_count(const struct tokens *tk)
{
	return tk->n;
}

const struct token *
tokens_get(const struct tokens *tk, size_t i)
{
	if (i >= tk->n)
		return NULL;
	return &tk->v[i];
}

/* Character classes counted by tokens_shape. */
struct shape_count {
	size_t upper, lower, digit, inner, other;
	int first_upper;
};

static void
classify(UChar32 c, struct shape_count *k, int first)
{
	int8_t gc;

	if (c >= 'a' && c <= 'z') {
		k->lower++;
		return;
	}
	if (c >= '0' && c <= '9') {
		k->digit++;
		return;
	}
	if (c == '\'' || c == '.') {
		k->inner++;
		return;
	}
	gc = c < 0 ? U_UNASSIGNED : u_charType(c);
	if (gc == U_NON_SPACING_MARK || gc == U_ENCLOSING_MARK ||
	    gc == U_COMBINING_SPACING_MARK)
		return;
	if ((c >= 'A' && c <= 'Z') ||
	    (c >= 0x80 && (u_isupper(c) || u_istitle(c)))) {
		k->upper++;
		k->first_upper |= first;
	} else if (c >= 0x80 && u_islower(c)) {
		k->lower++;
	} else if (c >= 0x80 && u_isdigit(c)) {
		k->digit++;
	} else {
		k->other++;
	}
}

enum token_shape
tokens_shape(const char *s, size_t len)
{
	struct shape_count k = { 0, 0, 0, 0, 0, 0 };
	int32_t i = 0, n;
	UChar32 c;

	if (len == 0 || len > INT32_MAX)
		return SHAPE_MIXED;
	n = (int32_t)len;
	while (i < n) {
		int first = i == 0;

		U8_NEXT(s, i, n, c);
		classify(c, &k, first);
	}

	if (k.other > 0)
		return SHAPE_MIXED;
	if (k.digit > 0)
		return k.upper + k.lower + k.inner == 0 ? SHAPE_DIGITS :
		    SHAPE_MIXED;
	if (k.upper == 0 && k.lower > 0)
		return SHAPE_LOWER;
	if (k.first_upper && k.upper == 1)
		return SHAPE_CAP;
	if (k.lower == 0 && k.upper >= 2)
		return SHAPE_UPPER;
	return SHAPE_MIXED;
}
