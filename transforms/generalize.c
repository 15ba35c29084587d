/*
 * generalize.c - keep the year of a date, the ZIP3 of a ZIP code, and
 * fold ages over 89 into "90+".
 *
 * A date string is read as a short list of tokens (digit runs, words,
 * separators), folded on the fly as the folded view folds them: HTML
 * character references are decoded, every decimal digit is an ASCII
 * digit, full-width ASCII is ASCII, and typographic apostrophes are '.
 * Nothing is copied, so nothing needs wiping.
 */
#include <stdint.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "err.h"
#include "generalize.h"

#define YEAR_MIN 1850
#define YEAR_MAX 2150
#define MAX_TOKS 24

enum tok_kind {
	TK_NUM,
	TK_WORD,
	TK_SEP
};

struct tok {
	enum tok_kind kind;
	long value;	/* TK_NUM: the digits' value (first 9 digits) */
	int ndig;	/* TK_NUM: number of digits */
	int apos;	/* TK_NUM: an apostrophe right before ('23) */
	int month;	/* TK_WORD: 1..12 when it names a month, else 0 */
	char sep;	/* TK_SEP: the separator (folded) */
};

struct toks {
	struct tok t[MAX_TOKS];
	int n;
	char word[4];	/* the first letters of the word being read */
	int wlen;
};

/* Longest character reference read: "&#x10FFFF;", "&#1114111;". */
#define REF_MAX 10

/*
 * The character that the HTML character reference at s[i, len) stands
 * for ("&#47;", "&#x2F;", "&apos;" and the other names the folded view
 * decodes), *n getting its length; -1 when there is none.  The view
 * decodes them, so a date found there may hold them in the original.
 */
static UChar32
reference(const char *s, size_t len, size_t i, size_t *n)
{
	static const char *const names[] = { "amp;", "apos;", "gt;", "lt;",
		"mdash;", "nbsp;", "ndash;", "quot;" };
	static const UChar32 chars[] = { '&', '\'', '>', '<', 0x2014, 0xA0,
		0x2013, '"' };
	size_t k, nd = 0, base = 10;
	UChar32 v = 0, d;

	if (len - i > REF_MAX)
		len = i + REF_MAX;
	if (len - i < 4 || s[i] != '&')
		return -1;
	if (s[i + 1] != '#') {
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
			*n = strlen(names[k]) + 1;
			if (*n <= len - i &&
			    memcmp(s + i + 1, names[k], *n - 1) == 0)
				return chars[k];
		}
		return -1;
	}
	k = i + 2;
	if (s[k] == 'x' || s[k] == 'X') {
		base = 16;
		k++;
	}
	for (; k < len && nd < 7; k++, nd++) {
		d = s[k] >= '0' && s[k] <= '9' ? s[k] - '0' :
		    (s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'f' ?
		    (s[k] | 0x20) - 'a' + 10 : 99;
		if (d >= (UChar32)base)
			break;
		v = v * (UChar32)base + d;
	}
	if (nd == 0 || k >= len || s[k] != ';' || v > 0x10FFFF)
		return -1;
	*n = k + 1 - i;
	return v;
}

/*
 * The code point c folded to one ASCII byte: any decimal digit
 * (Unicode Nd: ASCII, full-width, Arabic-Indic, Devanagari...) as
 * '0'..'9', ASCII and full-width ASCII as ASCII, typographic
 * apostrophes and primes as '\'', anything else as ' '.  These are the
 * folded view's rules (pipeline/text.h), so a date the dates
 * recognizer finds there has its year here.
 */
static char
fold(UChar32 c)
{
	if (c >= 0 && c < 0x80)
		return (char)c;
	if (c >= 0xFF01 && c <= 0xFF5E)
		return (char)(c - 0xFF01 + 0x21);
	if (c == 0x2018 || c == 0x2019 || c == 0x201B || c == 0x2032)
		return '\'';
	if (c > 0 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER)
		return (char)('0' + u_charDigitValue(c));
	return ' ';
}

/*
 * The next character of s at *i (or the character reference there),
 * folded; ill-formed UTF-8 reads as ' '.  Advances *i past it.
 */
static char
next_char(const char *s, size_t len, size_t *i)
{
	const uint8_t *u = (const uint8_t *)s;
	int32_t k = (int32_t)*i, n;
	size_t rlen = 0;
	UChar32 c;

	if (s[*i] == '&' && (c = reference(s, len, *i, &rlen)) >= 0) {
		*i += rlen;
		return fold(c);
	}
	n = len > INT32_MAX ? INT32_MAX : (int32_t)len;
	U8_NEXT(u, k, n, c);
	*i = (size_t)k;
	return fold(c);
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char
lower(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	return c;
}

/* The month named by the first three letters w, or 0. */
static int
month_of(const char w[3])
{
	static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	size_t k;

	for (k = 0; k < 12; k++)
		if (memcmp(names + 3 * k, w, 3) == 0)
			return (int)k + 1;
	return 0;
}

/* Start a token of kind k unless the last one is already of that kind. */
static struct tok *
tok_at(struct toks *tk, enum tok_kind k, int join)
{
	struct tok *t;

	if (join && tk->n > 0 && tk->t[tk->n - 1].kind == k)
		return &tk->t[tk->n - 1];
	if (tk->n == MAX_TOKS)
		return NULL;
	t = &tk->t[tk->n++];
	memset(t, 0, sizeof(*t));
	t->kind = k;
	if (k == TK_WORD)
		tk->wlen = 0;
	return t;
}

/* Add one folded character c to the token list.  0, or -1 when full. */
static int
tok_add(struct toks *tk, char c, int *apos)
{
	struct tok *t;

	if (is_digit(c)) {
		t = tok_at(tk, TK_NUM, 1);
		if (t == NULL)
			return -1;
		if (t->ndig == 0)
			t->apos = *apos;
		if (t->ndig++ < 9)
			t->value = t->value * 10 + (c - '0');
	} else if (is_alpha(c)) {
		t = tok_at(tk, TK_WORD, 1);
		if (t == NULL)
			return -1;
		if (tk->wlen < 3)
			tk->word[tk->wlen] = lower(c);
		if (++tk->wlen == 3)
			t->month = month_of(tk->word);
	} else {
		t = tok_at(tk, TK_SEP, c == ' ');
		if (t == NULL)
			return -1;
		t->sep = c;
	}
	*apos = c == '\'';
	return 0;
}

static int
tokenize(const char *s, size_t len, struct toks *tk)
{
	size_t i = 0;
	int apos = 0;

	tk->n = 0;
	tk->wlen = 0;
	while (i < len)
		if (tok_add(tk, next_char(s, len, &i), &apos) != 0)
			return -1;
	return 0;
}

static int
is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Whether month m, day d is a day of year y. */
static int
valid_mdy(long m, long d, long y)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12 || d < 1)
		return 0;
	if (m == 2 && is_leap(y))
		return d <= 29;
	return d <= days[m - 1];
}

static int
plausible(long y)
{
	return y >= YEAR_MIN && y <= YEAR_MAX;
}

static int
pivot(long yy)
{
	return (int)(yy <= GENERALIZE_PIVOT ? 2000 + yy : 1900 + yy);
}

/* 20210314 (YYYYMMDD) or 03141955 (MMDDYYYY); 0 when neither. */
static int
compact8(long v)
{
	long y = v / 10000, m = v / 100 % 100, d = v % 100;

	if (plausible(y) && valid_mdy(m, d, y))
		return (int)y;
	y = v % 10000;
	m = v / 1000000;
	d = v / 10000 % 100;
	if (plausible(y) && valid_mdy(m, d, y))
		return (int)y;
	return 0;
}

/*
 * The year from the digit runs alone: a plausible four-digit run, an
 * eight-digit run, or a lone six-digit run (MMDDYY).  0 when none.
 */
static int
year_from_runs(const struct toks *tk, int nnum)
{
	const struct tok *t;
	int k, y;

	for (k = 0; k < tk->n; k++) {
		t = &tk->t[k];
		if (t->kind != TK_NUM)
			continue;
		if (t->ndig == 4 && plausible(t->value))
			return (int)t->value;
		if (t->ndig == 8 && (y = compact8(t->value)) != 0)
			return y;
		if (t->ndig == 6 && nnum == 1)
			return pivot(t->value % 100);
	}
	return 0;
}

/*
 * A two-digit year: after an apostrophe ('23), third of three numbers
 * (3/14/21), or after a month name that follows a day (14-Mar-21).
 * 0 when none.
 */
static int
year_two_digit(const struct toks *tk)
{
	const struct tok *t;
	int k, nums = 0, month_seen = 0, day_first = 0;

	for (k = 0; k < tk->n; k++) {
		t = &tk->t[k];
		if (t->kind == TK_WORD && t->month != 0) {
			month_seen = 1;
			day_first = nums > 0;
		}
		if (t->kind != TK_NUM)
			continue;
		nums++;
		if (t->ndig != 2)
			continue;
		if (t->apos || (nums == 3 && !month_seen) ||
		    (month_seen && day_first && nums == 2))
			return pivot(t->value);
	}
	return 0;
}

int
generalize_year(const char *date, size_t len, int *year)
{
	struct toks tk;
	int k, nnum = 0, y;

	if (len > GENERALIZE_MAX_DATE || tokenize(date, len, &tk) != 0)
		return ERR_NOTFOUND;
	for (k = 0; k < tk.n; k++)
		nnum += tk.t[k].kind == TK_NUM;

	y = year_from_runs(&tk, nnum);
	if (y == 0)
		y = year_two_digit(&tk);
	if (y == 0)
		return ERR_NOTFOUND;
	*year = y;
	return 0;
}

int
generalize_zip3_restricted(const char p[3])
{
	static const char *const restricted[] = {
		"036", "059", "063", "102", "203", "205", "369", "556",
		"692", "790", "821", "823", "830", "831", "878", "879",
		"884", "890", "893", NULL
	};
	int k;

	for (k = 0; restricted[k] != NULL; k++)
		if (memcmp(restricted[k], p, 3) == 0)
			return 1;
	return 0;
}

int
generalize_zip3(const char *zip, size_t len, char out[4])
{
	char d[5];
	size_t i = 0;
	int k;

	memcpy(out, "000", 4);
	for (k = 0; k < 5; k++) {
		if (i >= len)
			return ERR_PARSE;
		d[k] = next_char(zip, len, &i);
		if (!is_digit(d[k]))
			return ERR_PARSE;
	}
	if (i < len && is_digit(next_char(zip, len, &i)))
		return ERR_PARSE;
	if (!generalize_zip3_restricted(d))
		memcpy(out, d, 3);
	return 0;
}

const char *
generalize_age(void)
{
	return "90+";
}
