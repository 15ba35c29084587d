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
#include <string.h>

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
	unsigned char cls[128];	/* ascii_bits() of each ASCII byte */
};

static unsigned char ascii_bits(int c);

struct tokens *
tokens_new(void)
{
	struct tokens *tk;
	UText init = UTEXT_INITIALIZER;
	int c;

	tk = calloc(1, sizeof(*tk));
	if (tk == NULL)
		return NULL;
	tk->ut = init;
	for (c = 0; c < 128; c++)
		tk->cls[c] = ascii_bits(c);
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
push(struct tokens *tk, size_t start, size_t end, enum token_shape shape)
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
	t->shape = shape;
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
 * reduce to these classes and to the rules in word_end().  A segment
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

/*
 * The bits kept for each ASCII character: its wclass in the low bits,
 * and what tokens_shape() counts it as (S_OTHER: none of the others).
 */
enum {
	W_MASK = 7,
	S_LOWER = 1 << 3,
	S_UPPER = 1 << 4,
	S_DIGIT = 1 << 5,
	S_INNER = 1 << 6,
	S_OTHER = 1 << 7
};

static unsigned char
ascii_bits(int c)
{
	unsigned char b = (unsigned char)wclass((char)c);

	if (c >= 'a' && c <= 'z')
		b |= S_LOWER;
	else if (c >= 'A' && c <= 'Z')
		b |= S_UPPER;
	else if (c >= '0' && c <= '9')
		b |= S_DIGIT;
	else if (c == '\'' || c == '.')
		b |= S_INNER;
	else
		b |= S_OTHER;
	return b;
}

/* W_LETTER, W_DIGIT and W_EXTEND, as a set of classes. */
#define WORDISH	(1u << W_LETTER | 1u << W_DIGIT | 1u << W_EXTEND)

/*
 * What the scan of one word gathers, so that its shape needs no second
 * pass over its bytes: the class bits of all of them (acc), the bits
 * that two or more of them have (twice: two capitals), and whether a
 * word character other than '_' is among them.
 */
struct wacc {
	unsigned acc, twice;
	int alnum;
};

static void
wacc_add(struct wacc *a, unsigned b)
{
	a->twice |= a->acc & b;
	a->acc |= b;
}

/* tokens_shape() of the ASCII word whose first byte has class bits b0. */
static enum token_shape
ascii_shape(const struct wacc *a, unsigned b0)
{
	unsigned acc = a->acc;

	if (acc & S_OTHER)
		return SHAPE_MIXED;
	if (acc & S_DIGIT)
		return acc & (S_UPPER | S_LOWER | S_INNER) ? SHAPE_MIXED :
		    SHAPE_DIGITS;
	if (!(acc & S_UPPER) && (acc & S_LOWER))
		return SHAPE_LOWER;
	if ((b0 & S_UPPER) && !(a->twice & S_UPPER))
		return SHAPE_CAP;
	if (!(acc & S_LOWER) && (a->twice & S_UPPER))
		return SHAPE_UPPER;
	return SHAPE_MIXED;
}

/*
 * The end of the word that starts at v[i] (of class k): a word character
 * joins the next one, and a middle character joins two letters (W_MIDNUMLET)
 * or two digits (either middle class); '_' joins only word characters.
 * The bytes after v[i] that join go into *a.
 */
static size_t
word_end(const unsigned char *cls, const char *v, size_t i, size_t len,
    unsigned k, struct wacc *a)
{
	unsigned b2, b3, k2, k3;

	for (;;) {
		a->alnum |= k != W_EXTEND;
		if (i + 1 >= len)
			break;
		b2 = cls[(unsigned char)v[i + 1]];
		if (b2 & S_LOWER) {
			/*
			 * Most bytes are lower-case letters: take their run
			 * in a tight loop (no capital, so twice is as it was)
			 */
			do
				i++;
			while (i + 1 < len &&
			    (cls[(unsigned char)v[i + 1]] & S_LOWER));
			a->acc |= b2;
			k = W_LETTER;
			continue;
		}
		k2 = b2 & W_MASK;
		if ((WORDISH >> k2) & 1) {
			wacc_add(a, b2);
			i++;
			k = k2;
			continue;
		}
		if (i + 2 >= len || k == W_EXTEND)
			break;
		b3 = cls[(unsigned char)v[i + 2]];
		k3 = b3 & W_MASK;
		if (!(k == W_LETTER && k2 == W_MIDNUMLET && k3 == W_LETTER) &&
		    !(k == W_DIGIT && (k2 == W_MIDNUMLET || k2 == W_MIDNUM) &&
		    k3 == W_DIGIT))
			break;
		wacc_add(a, b2);
		wacc_add(a, b3);
		i += 2;
		k = k3;
	}
	return i + 1;
}

static int
build_ascii(struct tokens *tk, const char *v, size_t len)
{
	const unsigned char *cls = tk->cls;
	struct wacc a;
	size_t i = 0, start;
	unsigned b, k;
	int r;

	while (i < len) {
		b = cls[(unsigned char)v[i]];
		k = b & W_MASK;
		if (!((WORDISH >> k) & 1)) {
			i++;
			continue;
		}
		start = i;
		a.acc = b;
		a.twice = 0;
		a.alnum = 0;
		i = word_end(cls, v, i, len, k, &a);
		if (a.alnum || i - start >= 2) {
			r = push(tk, start, i, ascii_shape(&a, b));
			if (r != 0)
				return r;
		}
	}
	return 0;
}

/* Whether s[0..len) is all ASCII: eight bytes at a time, then the rest. */
static int
all_ascii(const char *s, size_t len)
{
	uint64_t w, acc = 0;
	size_t i;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		acc |= w;
	}
	for (; i < len; i++)
		acc |= (unsigned char)s[i];
	return (acc & 0x8080808080808080ULL) == 0;
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
			r = push(tk, (size_t)prev, (size_t)next,
			    tokens_shape(view + prev, (size_t)(next - prev)));
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
