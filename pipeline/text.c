/*
 * text.c - check, normalise and fold one value, keeping an offset map.
 *
 * ASCII values (the common case) are already NFC and need no folding:
 * the view is the original and the map is the identity, unless an HTML
 * character reference is to be decoded.  Other values are converted to
 * UTF-16 by ICU (which also checks the UTF-8), cut into normalisation
 * chunks (a chunk starts at every code point that has a normalisation
 * boundary before it, so chunks never interact), and each chunk is put
 * in NFC, folded and appended to the view as UTF-8.  Every view byte
 * records its chunk; a chunk records where it starts in the original,
 * as a byte offset and a code point index.
 *
 * Invisible format characters (soft hyphen, zero-width space and
 * joiners, word joiner, BOM) join the chunk before them (at the start,
 * the chunk after) and leave nothing in the view, so that "617<ZWSP>555"
 * is matched as "617555" and replaced with the character inside.
 *
 * A character reference ("&#45;", "&nbsp;") is a chunk of its own (with
 * any ignorables after it) that puts one character in the view, so a
 * match over "123&#45;45" maps back to all of it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "err.h"
#include "text.h"

/* Below U+0300 every code point is NFC and starts a chunk of its own. */
#define TEXT_NFC_TRIVIAL	0x300

/*
 * Longest chunk, in code points.  ICU's canonical reordering is
 * quadratic in the length of a run of combining marks (640 KB of them
 * take a minute), so longer runs are cut and normalised piecewise.  Real
 * text stays far below: UAX #15's stream-safe format allows 30
 * non-starters in a row.
 */
#define TEXT_CHUNK_MAX		32

struct text_pos {
	size_t byte, cp;
};

struct text {
	const UNormalizer2 *nfc;

	char *orig;			/* the value, NUL-terminated */
	size_t orig_len, orig_cap, orig_used;

	const char *view;		/* orig, vbuf or "" */
	size_t view_len;
	char *vbuf;			/* the folded view when not orig */
	size_t vbuf_cap, vbuf_used;

	UChar *u16;			/* the value in UTF-16 */
	size_t u16_cap, u16_used;
	UChar *norm;			/* one chunk in NFC */
	size_t norm_cap, norm_used;

	uint32_t *vchunk;		/* chunk of each view byte */
	size_t vchunk_cap;
	struct text_pos *chunks;	/* chunk starts, then the end */
	size_t nchunks, chunks_cap;

	size_t cp_count;
	int identity;			/* view == orig, map is identity */
};

/*
 * grow - buf, or a larger copy of it holding at least need elements of
 * size el (the first used ones kept), with *cap updated.  The old block
 * is wiped before it is freed.  NULL on no memory (buf is left alone).
 */
static void *
grow(void *buf, size_t *cap, size_t used, size_t need, size_t el)
{
	void *nb;
	size_t ncap;

	if (need <= *cap && buf != NULL)
		return buf;
	ncap = *cap > need / 2 ? *cap * 2 : need;
	if (ncap < 16)
		ncap = 16;
	if (ncap > SIZE_MAX / el)
		return NULL;
	nb = malloc(ncap * el);
	if (nb == NULL)
		return NULL;
	if (buf != NULL) {
		if (used > 0)
			memcpy(nb, buf, used * el);
		explicit_bzero(buf, *cap * el);
		free(buf);
	}
	*cap = ncap;
	return nb;
}

/* wipe - clear everything that held text of the previous value. */
static void
wipe(struct text *t)
{
	if (t->orig_used > 0)
		explicit_bzero(t->orig, t->orig_used);
	if (t->vbuf_used > 0)
		explicit_bzero(t->vbuf, t->vbuf_used);
	if (t->u16_used > 0)
		explicit_bzero(t->u16, t->u16_used * sizeof(UChar));
	if (t->norm_used > 0)
		explicit_bzero(t->norm, t->norm_used * sizeof(UChar));
	t->orig_used = t->vbuf_used = t->u16_used = t->norm_used = 0;
	t->orig_len = 0;
	t->view = "";
	t->view_len = 0;
	t->nchunks = 0;
	t->cp_count = 0;
	t->identity = 1;
}

struct text *
text_new(void)
{
	struct text *t;
	UErrorCode err = U_ZERO_ERROR;

	t = calloc(1, sizeof(*t));
	if (t == NULL)
		return NULL;
	t->nfc = unorm2_getNFCInstance(&err);
	if (U_FAILURE(err)) {
		free(t);
		return NULL;
	}
	wipe(t);
	return t;
}

void
text_free(struct text *t)
{
	if (t == NULL)
		return;
	wipe(t);
	free(t->orig);
	free(t->vbuf);
	free(t->u16);
	free(t->norm);
	free(t->vchunk);
	free(t->chunks);
	free(t);
}

/* ignorable - an invisible format character, left out of the view. */
static int
ignorable(UChar32 c)
{
	return c >= 0xAD && u_charType(c) == U_FORMAT_CHAR &&
	    u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

/*
 * A digit written raised, lowered or circled ("\u00b9", "\u2460") as its
 * ASCII digit, so that "SSN \u00b9\u00b2\u00b3-..." is read as one;
 * other numbers (fractions, Roman numerals) as they are.
 */
static UChar32
other_digit(UChar32 c)
{
	double v;

	if (u_getIntPropertyValue(c, UCHAR_NUMERIC_TYPE) != U_NT_DIGIT)
		return c;
	v = u_getNumericValue(c);
	return v >= 0 && v <= 9 ? '0' + (UChar32)v : c;
}

/*
 * fold - the matching form of one NFC code point.  Every decimal digit
 * (Arabic-Indic, Devanagari, mathematical bold...) and every raised or
 * circled one becomes its ASCII digit, so that no recognizer needs to
 * know about other scripts; NEL and the Unicode line and paragraph
 * separators become a line break.
 */
static UChar32
fold(UChar32 c)
{
	if (c == 0x85)
		return '\n';
	if (c < 0xA0)
		return c;
	if (c >= 0xFF01 && c <= 0xFF5E)
		return c - 0xFF01 + 0x21;
	if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER)
		return '0' + u_charDigitValue(c);
	if (c == 0x2028 || c == 0x2029)
		return '\n';
	if (u_charType(c) == U_OTHER_NUMBER)
		return other_digit(c);
	if ((c >= 0x2010 && c <= 0x2015) || c == 0x2212 || c == 0xFE58 ||
	    c == 0xFE63)
		return '-';
	if (c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
	    c == 0x202F || c == 0x205F || c == 0x3000)
		return ' ';
	if (c == 0x2018 || c == 0x2019 || c == 0x201B || c == 0x2032)
		return '\'';
	if (c == 0x201C || c == 0x201D || c == 0x201F || c == 0x2033)
		return '"';
	return c;
}

/* Longest character reference decoded: "&#x10FFFF;", "&#1114111;". */
#define TEXT_REF_MAX		10

/* The named references decoded, in the view, as what they stand for. */
static const struct {
	const char *name;
	UChar32 c;
} entities[] = {
	{ "amp", '&' }, { "apos", '\'' }, { "gt", '>' }, { "lt", '<' },
	{ "mdash", 0x2014 }, { "nbsp", 0xA0 }, { "ndash", 0x2013 },
	{ "quot", '"' },
};

/*
 * decodable - whether a reference to c is decoded: not a control (tab
 * and line breaks aside), not a surrogate, and a character that stands
 * alone in NFC, so that the view needs no normalising around it.
 */
static int
decodable(const UNormalizer2 *nfc, UChar32 c)
{
	if (c < 0x20)
		return c == '\t' || c == '\n' || c == '\r';
	if ((c >= 0x7F && c < 0xA0) || c > 0x10FFFF || U_IS_SURROGATE(c))
		return 0;
	return c < TEXT_NFC_TRIVIAL || unorm2_isInert(nfc, c);
}

/* entity - the character named by u[0, n) (ASCII letters), or -1. */
static UChar32
entity(const UChar *u, size_t n)
{
	size_t i, k;

	for (i = 0; i < sizeof(entities) / sizeof(entities[0]); i++) {
		for (k = 0; k < n && entities[i].name[k] != '\0'; k++)
			if (u[k] != (UChar)entities[i].name[k])
				break;
		if (k == n && entities[i].name[k] == '\0')
			return entities[i].c;
	}
	return -1;
}

/* xdigit - the value of the hexadecimal digit u, or -1. */
static UChar32
xdigit(UChar u)
{
	if (u >= '0' && u <= '9')
		return u - '0';
	if ((u | 0x20) >= 'a' && (u | 0x20) <= 'f')
		return (u | 0x20) - 'a' + 10;
	return -1;
}

/*
 * ref_parse - the length of the character reference that u[0, n)
 * starts with ("&#45;", "&#x2D;", "&nbsp;"), *c getting the character
 * it stands for; 0 when there is none.  The closing ';' is required,
 * so that "AT&T" or "R&D;" stay as they are.
 */
static size_t
ref_parse(const UNormalizer2 *nfc, const UChar *u, size_t n, UChar32 *c)
{
	size_t i = 2, nd = 0;
	UChar32 v = 0, base = 10, d;

	if (n > TEXT_REF_MAX)
		n = TEXT_REF_MAX;
	if (n < 4 || u[0] != '&')
		return 0;
	if (u[1] != '#') {
		for (i = 1; i < n && i < 7 && u[i] < 0x80 &&
		    ((u[i] | 0x20) >= 'a' && (u[i] | 0x20) <= 'z'); i++)
			continue;
		v = i < n && u[i] == ';' ? entity(u + 1, i - 1) : -1;
	} else {
		if (u[2] == 'x' || u[2] == 'X') {
			base = 16;
			i = 3;
		}
		for (; i < n && nd < 7; i++, nd++) {
			d = xdigit(u[i]);
			if (d < 0 || d >= base)
				break;
			v = v * base + d;
		}
		if (nd == 0)
			v = -1;
	}
	if (v < 0 || i >= n || u[i] != ';' || !decodable(nfc, v))
		return 0;
	*c = v;
	return i + 1;
}

/* append - fold c and append it to the view as part of chunk k. */
static int
append(struct text *t, UChar32 c, uint32_t k)
{
	size_t n = t->view_len, need = n + U8_MAX_LENGTH + 1;
	void *p;

	p = grow(t->vbuf, &t->vbuf_cap, t->vbuf_used, need, 1);
	if (p == NULL)
		return ERR_NOMEM;
	t->vbuf = p;
	p = grow(t->vchunk, &t->vchunk_cap, n, need, sizeof(*t->vchunk));
	if (p == NULL)
		return ERR_NOMEM;
	t->vchunk = p;

	if (ignorable(c))
		return 0;
	c = fold(c);
	U8_APPEND_UNSAFE(t->vbuf, n, c);
	while (t->view_len < n)
		t->vchunk[t->view_len++] = k;
	if (n > t->vbuf_used)
		t->vbuf_used = n;
	return 0;
}

/* normalize - put u16[start, end) in NFC and append it as chunk k. */
static int
normalize(struct text *t, size_t start, size_t end, uint32_t k)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t n, i = 0;
	UChar32 c;
	void *p;
	int r;

	p = grow(t->norm, &t->norm_cap, 0, 3 * (end - start) + 16,
	    sizeof(UChar));
	if (p == NULL)
		return ERR_NOMEM;
	t->norm = p;
	n = unorm2_normalize(t->nfc, t->u16 + start, (int32_t)(end - start),
	    t->norm, (int32_t)t->norm_cap, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR) {
		p = grow(t->norm, &t->norm_cap, 0, (size_t)n + 1,
		    sizeof(UChar));
		if (p == NULL)
			return ERR_NOMEM;
		t->norm = p;
		err = U_ZERO_ERROR;
		n = unorm2_normalize(t->nfc, t->u16 + start,
		    (int32_t)(end - start), t->norm, (int32_t)t->norm_cap,
		    &err);
	}
	if ((size_t)n > t->norm_used)
		t->norm_used = (size_t)n;
	if (U_FAILURE(err))
		return ERR_INTERNAL;

	while (i < n) {
		U16_NEXT(t->norm, i, n, c);
		r = append(t, c, k);
		if (r != 0)
			return r;
	}
	return 0;
}

/*
 * chunk_end - the end of the chunk of u16 whose first code point ends
 * at i: the next code point with a normalisation boundary before it
 * that is not ignorable, or TEXT_CHUNK_MAX code points, or n.
 */
static size_t
chunk_end(const struct text *t, size_t i, size_t n)
{
	size_t j, k;
	UChar32 c;

	for (k = 1;; k++) {
		if (i >= n)
			return n;
		if (k == TEXT_CHUNK_MAX)
			return i;
		j = i;
		U16_NEXT(t->u16, j, n, c);
		if (ignorable(c)) {
			i = j;
			continue;
		}
		if (c < TEXT_NFC_TRIVIAL ||
		    unorm2_hasBoundaryBefore(t->nfc, c))
			return i;
		i = j;
	}
}

/*
 * reference - whether a character reference starts at u16[at] and can
 * be a chunk of its own: *c gets the character it stands for and *end
 * the end of the chunk (ignorables after it included).  A reference
 * that a combining mark follows is left as it is.
 */
static int
reference(const struct text *t, size_t at, size_t n, UChar32 *c,
    size_t *end)
{
	size_t len, e, i;
	UChar32 v, m;

	len = ref_parse(t->nfc, t->u16 + at, n - at, &v);
	if (len == 0)
		return 0;
	e = chunk_end(t, at + len, n);
	for (i = at + len; i < e;) {
		U16_NEXT(t->u16, i, e, m);
		if (!ignorable(m))
			return 0;
	}
	*c = v;
	*end = e;
	return 1;
}

/*
 * chunk - append the chunk of u16 that starts at i (chunk number
 * t->nchunks) to the view; *end gets where it ends.  Ignorable code
 * points at its start belong to it, with the code point after them.
 */
static int
chunk(struct text *t, size_t i, size_t n, size_t *end)
{
	size_t j = i, at = i;
	UChar32 c;

	U16_NEXT(t->u16, j, n, c);
	while (ignorable(c) && j < n) {
		at = j;
		U16_NEXT(t->u16, j, n, c);
	}
	if (c == '&' && reference(t, at, n, &c, end))
		return append(t, c, (uint32_t)t->nchunks);
	*end = chunk_end(t, j, n);
	if (*end == j && (c < TEXT_NFC_TRIVIAL || unorm2_isInert(t->nfc, c)))
		return append(t, c, (uint32_t)t->nchunks);
	return normalize(t, i, *end, (uint32_t)t->nchunks);
}

/*
 * extent - step *i over u16 up to end, adding the UTF-8 length of what
 * was stepped over to *ob and its code point count to *oc.
 */
static void
extent(const UChar *u16, size_t *i, size_t end, size_t *ob, size_t *oc)
{
	UChar32 c;

	while (*i < end) {
		U16_NEXT(u16, *i, end, c);
		*ob += U8_LENGTH(c);
		(*oc)++;
	}
}

/* build - cut u16[0, n) into chunks and append each to the view. */
static int
build(struct text *t, size_t n)
{
	size_t i = 0, end, ob = 0, oc = 0;
	void *p;
	int r;

	for (;;) {
		p = grow(t->chunks, &t->chunks_cap, t->nchunks,
		    t->nchunks + 1, sizeof(*t->chunks));
		if (p == NULL)
			return ERR_NOMEM;
		t->chunks = p;
		t->chunks[t->nchunks].byte = ob;
		t->chunks[t->nchunks].cp = oc;
		if (i >= n)
			break;

		r = chunk(t, i, n, &end);
		if (r != 0)
			return r;

		extent(t->u16, &i, end, &ob, &oc);
		t->nchunks++;
	}
	t->cp_count = oc;
	return 0;
}

/* to_utf16 - check orig as UTF-8 with ICU and convert it to u16. */
static int
to_utf16(struct text *t, size_t *n)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t len = 0;
	void *p;

	p = grow(t->u16, &t->u16_cap, 0, t->orig_len + 1, sizeof(UChar));
	if (p == NULL)
		return ERR_NOMEM;
	t->u16 = p;
	t->u16_used = t->orig_len + 1;
	(void)u_strFromUTF8(t->u16, (int32_t)t->u16_cap, &len, t->orig,
	    (int32_t)t->orig_len, &err);
	if (err == U_INVALID_CHAR_FOUND || err == U_TRUNCATED_CHAR_FOUND ||
	    err == U_ILLEGAL_CHAR_FOUND)
		return ERR_UTF8;
	if (U_FAILURE(err) || len < 0 || (size_t)len > t->orig_len)
		return ERR_INTERNAL;
	*n = (size_t)len;
	return 0;
}

/* is_ascii - whether every byte of s[0, len) is below 0x80. */
static int
is_ascii(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char acc = 0;
	size_t i;

	for (i = 0; i < len; i++)
		acc |= p[i];
	return acc < 0x80;
}

/*
 * has_reference - whether the ASCII s[0, len) holds a character
 * reference to decode, which takes it off the identity fast path.
 */
static int
has_reference(const struct text *t, const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	UChar u[TEXT_REF_MAX];
	size_t k, m;
	UChar32 c;

	while ((p = memchr(p, '&', (size_t)(end - p))) != NULL) {
		m = (size_t)(end - p);
		if (m > TEXT_REF_MAX)
			m = TEXT_REF_MAX;
		for (k = 0; k < m; k++)
			u[k] = (UChar)(unsigned char)p[k];
		if (ref_parse(t->nfc, u, m, &c) > 0)
			return 1;
		p++;
	}
	return 0;
}

int
text_set(struct text *t, const char *value, size_t len)
{
	size_t n = 0;
	void *p;
	int r;

	wipe(t);
	if (len > INT32_MAX / 3)
		return ERR_TOOBIG;
	if (len > 0 && memchr(value, '\0', len) != NULL)
		return ERR_UTF8;

	p = grow(t->orig, &t->orig_cap, 0, len + 1, 1);
	if (p == NULL)
		return ERR_NOMEM;
	t->orig = p;
	if (len > 0)
		memcpy(t->orig, value, len);
	t->orig[len] = '\0';
	t->orig_len = len;
	t->orig_used = len + 1;

	if (is_ascii(t->orig, len) && !has_reference(t, t->orig, len)) {
		t->view = t->orig;
		t->view_len = len;
		t->cp_count = len;
		return 0;
	}

	r = to_utf16(t, &n);
	if (r == 0) {
		t->identity = 0;
		r = build(t, n);
	}
	if (r != 0) {
		wipe(t);
		return r;
	}
	t->vbuf[t->view_len] = '\0';
	t->view = t->vbuf;
	return 0;
}

const char *
text_view(const struct text *t, size_t *len)
{
	if (len != NULL)
		*len = t->view_len;
	return t->view;
}

const char *
text_original(const struct text *t, size_t *len)
{
	if (len != NULL)
		*len = t->orig_len;
	return t->orig_len > 0 ? t->orig : "";
}

void
text_map(const struct text *t, size_t start, size_t end,
    struct text_range *out)
{
	const struct text_pos *s, *e;

	if (end > t->view_len)
		end = t->view_len;
	if (start > end)
		start = end;

	if (t->identity) {
		out->byte_start = out->cp_start = start;
		out->byte_end = out->cp_end = end;
		return;
	}

	if (start < t->view_len)
		s = &t->chunks[t->vchunk[start]];
	else
		s = &t->chunks[t->nchunks];
	if (end > start)
		e = &t->chunks[t->vchunk[end - 1] + 1];
	else
		e = s;
	out->byte_start = s->byte;
	out->cp_start = s->cp;
	out->byte_end = e->byte;
	out->cp_end = e->cp;
}

size_t
text_cp_count(const struct text *t)
{
	return t->cp_count;
}
