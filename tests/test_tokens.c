/* test_tokens.c - word tokens and shapes, checked against ICU itself. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "err.h"
#include "harness.h"
#include "text.h"
#include "tokens.h"

#define MAXTOK	16

struct tok_case {
	const char *in;
	const char *tok[MAXTOK];	/* expected tokens, NULL-ended */
};

/* What ICU 72 gives (after text_set's folding). */
static const struct tok_case tok_cases[] = {
	{ "Dr. O'Brien saw pt on 3/14/2021 at 10:30.",
	    { "Dr", "O'Brien", "saw", "pt", "on", "3", "14", "2021", "at",
	    "10", "30", NULL } },
	{ "3/14/2021", { "3", "14", "2021", NULL } },
	{ "O'Brien", { "O'Brien", NULL } },
	{ "e-mail", { "e", "mail", NULL } },
	{ "555-1234", { "555", "1234", NULL } },
	{ "(555) 123-4567", { "555", "123", "4567", NULL } },
	{ "555.123.4567", { "555.123.4567", NULL } },
	{ "123-45-6789", { "123", "45", "6789", NULL } },
	{ "2019-03-04 03.04.2019", { "2019", "03", "04", "03.04.2019",
	    NULL } },
	{ "3.14 1,000 1,000.50 1;2 1'2", { "3.14", "1,000", "1,000.50",
	    "1;2", "1'2", NULL } },
	{ "10:30am x:y a,b a;b", { "10", "30am", "x", "y", "a", "b", "a",
	    "b", NULL } },
	{ "Jan. 5th, 2019", { "Jan", "5th", "2019", NULL } },
	{ "MRN:12345678 #4521", { "MRN", "12345678", "4521", NULL } },
	{ "kim.lee@mail.test", { "kim.lee@mail.test", NULL } },
	{ "@home $50", { "@home", "50", NULL } },
	{ "http://www.ex.test/a_b?x=1", { "http", "www.ex.test", "a_b", "x",
	    "1", NULL } },
	{ "192.168.0.1", { "192.168.0.1", NULL } },
	{ "U.S.A. e.g. St.Jude's", { "U.S.A", "e.g", "St.Jude's", NULL } },
	{ "45yo 45-year-old", { "45yo", "45", "year", "old", NULL } },
	{ "_ __ a_ _b a._b a..b a'.b", { "__", "a_", "_b", "a", "_b", "a",
	    "b", "a", "b", NULL } },
	{ "'quoted' \"dq\"", { "quoted", "dq", NULL } },
	{ "a\r\nb\x0b" "c\x0c" "d", { "a", "b", "c", "d", NULL } },
	{ "", { NULL } },
	{ " .,;:-/ ", { NULL } },
	/* non-ASCII views go through ICU */
	{ "Jos\xC3\xA9 \xC3\x91\xC3\xBA\xC3\xB1" "ez \xC3\x89MILE",
	    { "Jos\xC3\xA9", "\xC3\x91\xC3\xBA\xC3\xB1" "ez",
	    "\xC3\x89MILE", NULL } },
	{ "Caf\xC3\xA9\xE2\x80\x94" "bar", { "Caf\xC3\xA9", "bar", NULL } },
	{ "\xE6\x9D\xB1\xE4\xBA\xAC\xE9\x83\xBD 12",
	    { "\xE6\x9D\xB1\xE4\xBA\xAC", "\xE9\x83\xBD", "12", NULL } },
	{ "\xF0\x9F\x98\x80 ok\xF0\x9F\x98\x80", { "ok", NULL } },
	{ "Jose\xCC\x81 5", { "Jos\xC3\xA9", "5", NULL } },
	/* folded to ASCII, so the fast path */
	{ "\xEF\xBC\xAF\xE2\x80\x99\xEF\xBC\xA2\xEF\xBD\x92\xEF\xBD\x89"
	    "\xEF\xBD\x85\xEF\xBD\x8E", { "O'Brien", NULL } },
	{ "Mr\xC2\xA0Quill \xEF\xBC\x91\xEF\xBC\x92", { "Mr", "Quill", "12",
	    NULL } },
};

static void
test_cases(void)
{
	struct text *t = text_new();
	struct tokens *tk = tokens_new();
	const struct token *k;
	const char *v;
	size_t i, j, vlen;

	CU_ASSERT_FATAL(t != NULL && tk != NULL);
	for (i = 0; i < sizeof(tok_cases) / sizeof(tok_cases[0]); i++) {
		const struct tok_case *c = &tok_cases[i];

		CU_ASSERT_EQUAL_FATAL(text_set(t, c->in, strlen(c->in)), 0);
		CU_ASSERT_EQUAL_FATAL(tokens_build(tk, t), 0);
		v = text_view(t, &vlen);
		for (j = 0; c->tok[j] != NULL; j++) {
			k = tokens_get(tk, j);
			CU_ASSERT_PTR_NOT_NULL(k);
			if (k == NULL)
				break;
			CU_ASSERT(k->start < k->end && k->end <= vlen);
			CU_ASSERT_EQUAL(k->end - k->start, strlen(c->tok[j]));
			CU_ASSERT(strncmp(v + k->start, c->tok[j],
			    k->end - k->start) == 0);
			CU_ASSERT_EQUAL(k->shape, tokens_shape(v + k->start,
			    k->end - k->start));
		}
		CU_ASSERT_EQUAL(tokens_count(tk), j);
		CU_ASSERT_PTR_NULL(tokens_get(tk, tokens_count(tk)));
	}
	tokens_free(tk);
	tokens_free(NULL);
	text_free(t);
}

/* Offsets are view bytes, also after multi-byte characters. */
static void
test_offsets(void)
{
	static const char in[] = "\xC3\x89mile \xF0\x9F\x98\x80 Ng 7";
	struct text *t = text_new();
	struct tokens *tk = tokens_new();
	static const size_t want[][2] = { { 0, 6 }, { 12, 14 }, { 15, 16 } };
	size_t i;

	CU_ASSERT_FATAL(t != NULL && tk != NULL);
	CU_ASSERT_EQUAL_FATAL(text_set(t, in, strlen(in)), 0);
	CU_ASSERT_EQUAL_FATAL(tokens_build(tk, t), 0);
	CU_ASSERT_EQUAL_FATAL(tokens_count(tk), 3);
	for (i = 0; i < 3; i++) {
		CU_ASSERT_EQUAL(tokens_get(tk, i)->start, want[i][0]);
		CU_ASSERT_EQUAL(tokens_get(tk, i)->end, want[i][1]);
	}
	CU_ASSERT_EQUAL(tokens_get(tk, 0)->shape, SHAPE_CAP);
	CU_ASSERT_EQUAL(tokens_get(tk, 1)->shape, SHAPE_CAP);
	CU_ASSERT_EQUAL(tokens_get(tk, 2)->shape, SHAPE_DIGITS);

	/* rebuilding replaces the list; an empty view gives none */
	CU_ASSERT_EQUAL_FATAL(text_set(t, "", 0), 0);
	CU_ASSERT_EQUAL(tokens_build(tk, t), 0);
	CU_ASSERT_EQUAL(tokens_count(tk), 0);
	CU_ASSERT_EQUAL_FATAL(text_set(t, "\xC3\xA9t\xC3\xA9", 5), 0);
	CU_ASSERT_EQUAL(tokens_build(tk, t), 0);
	CU_ASSERT_EQUAL(tokens_count(tk), 1);
	tokens_free(tk);
	text_free(t);
}

struct shape_case {
	const char *in;
	enum token_shape shape;
};

static const struct shape_case shape_cases[] = {
	{ "patient", SHAPE_LOWER },
	{ "Smith", SHAPE_CAP },
	{ "ICU", SHAPE_UPPER },
	{ "2019", SHAPE_DIGITS },
	{ "McDonald", SHAPE_MIXED },
	{ "A1c", SHAPE_MIXED },
	{ "3rd", SHAPE_MIXED },
	{ "A", SHAPE_CAP },
	{ "a", SHAPE_LOWER },
	{ "7", SHAPE_DIGITS },
	{ "sMITH", SHAPE_MIXED },
	{ "SMITh", SHAPE_MIXED },
	{ "don't", SHAPE_LOWER },
	{ "Mary's", SHAPE_CAP },
	{ "O'Brien", SHAPE_MIXED },
	{ "U.S.A", SHAPE_UPPER },
	{ "e.g", SHAPE_LOWER },
	{ "3.14", SHAPE_MIXED },
	{ "1,000", SHAPE_MIXED },
	{ "1'2", SHAPE_MIXED },
	{ "@home", SHAPE_MIXED },
	{ "a_b", SHAPE_MIXED },
	{ "__", SHAPE_MIXED },
	{ "'", SHAPE_MIXED },
	{ "", SHAPE_MIXED },
	{ "Jos\xC3\xA9", SHAPE_CAP },
	{ "\xC3\x89MILE", SHAPE_UPPER },
	{ "\xC3\xA9mile", SHAPE_LOWER },
	{ "\xC3\x89mile", SHAPE_CAP },
	{ "e\xCC\x81" "cole", SHAPE_LOWER },		/* combining mark */
	{ "\xCE\xA9", SHAPE_CAP },			/* Greek Omega */
	{ "\xC7\x85" "emal", SHAPE_CAP },		/* titlecase Dz */
	{ "\xD9\xA1\xD9\xA2\xD9\xA3", SHAPE_DIGITS },	/* Arabic-Indic */
	{ "\xE6\x9D\xB1\xE4\xBA\xAC", SHAPE_MIXED },	/* caseless */
	{ "\xE3\x82\xAB\xE3\x82\xBF", SHAPE_MIXED },
};

static void
test_shapes(void)
{
	size_t i;

	for (i = 0; i < sizeof(shape_cases) / sizeof(shape_cases[0]); i++)
		CU_ASSERT_EQUAL(tokens_shape(shape_cases[i].in,
		    strlen(shape_cases[i].in)), shape_cases[i].shape);
}

/*
 * icu_tokens - ICU's own word segments of s (status not NONE), as
 * "start-end," pairs in out; the reference for the ASCII fast path.
 */
static void
icu_tokens(UBreakIterator *bi, const char *s, size_t len, char *out,
    size_t cap)
{
	UErrorCode err = U_ZERO_ERROR;
	UText *ut;
	int32_t prev, next;
	size_t n = 0;

	out[0] = '\0';
	ut = utext_openUTF8(NULL, s, (int64_t)len, &err);
	ubrk_setUText(bi, ut, &err);
	CU_ASSERT_FATAL(U_SUCCESS(err));
	prev = ubrk_first(bi);
	while ((next = ubrk_next(bi)) != UBRK_DONE) {
		if (ubrk_getRuleStatus(bi) >= UBRK_WORD_NONE_LIMIT)
			n += (size_t)snprintf(out + n, cap - n, "%d-%d,",
			    (int)prev, (int)next);
		prev = next;
	}
	(void)utext_close(ut);
}

/*
 * our_tokens - the same pairs from tk; a token whose shape is not
 * tokens_shape()'s (the fast path computes its own) is marked "!".
 */
static void
our_tokens(const struct tokens *tk, const char *v, char *out, size_t cap)
{
	const struct token *k;
	size_t i, n = 0;

	out[0] = '\0';
	for (i = 0; i < tokens_count(tk); i++) {
		k = tokens_get(tk, i);
		n += (size_t)snprintf(out + n, cap - n, "%zu-%zu%s,",
		    k->start, k->end, k->shape == tokens_shape(v + k->start,
		    k->end - k->start) ? "" : "!");
	}
}

/* compare - tokens_build and ICU agree on s; returns 1 when they do. */
static int
compare(UBreakIterator *bi, struct text *t, struct tokens *tk,
    const char *s, size_t len)
{
	char want[512], got[512];

	if (text_set(t, s, len) != 0 || tokens_build(tk, t) != 0)
		return 0;
	icu_tokens(bi, s, len, want, sizeof(want));
	our_tokens(tk, text_view(t, NULL), got, sizeof(got));
	return strcmp(want, got) == 0;
}

static const char alphabet[] = "a1_.',;: @\r\n-Z\x0b/\"9#Bc";

static uint32_t
lcg(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

/*
 * The ASCII fast path against ICU: every string of up to 5 characters
 * over 11 representative characters, then random longer ones.
 */
static void
test_fast_path(void)
{
	UErrorCode err = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(UBRK_WORD, "en_US", NULL, 0, &err);
	struct text *t = text_new();
	struct tokens *tk = tokens_new();
	char s[64];
	size_t len, k, bad = 0, na = strlen(alphabet);
	uint32_t seed = 2024, code, total;

	CU_ASSERT_FATAL(U_SUCCESS(err) && t != NULL && tk != NULL);
	for (len = 1, total = 11; len <= 5; len++, total *= 11) {
		for (code = 0; code < total; code++) {
			uint32_t c = code;

			for (k = 0; k < len; k++, c /= 11)
				s[k] = alphabet[c % 11];
			bad += !compare(bi, t, tk, s, len);
		}
	}
	for (k = 0; k < 100000; k++) {
		size_t j;

		len = 1 + lcg(&seed) % 40;
		for (j = 0; j < len; j++)
			s[j] = alphabet[lcg(&seed) % na];
		bad += !compare(bi, t, tk, s, len);
	}
	CU_ASSERT_EQUAL(bad, 0);
	ubrk_close(bi);
	tokens_free(tk);
	text_free(t);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("tokens", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "cases", test_cases) == NULL ||
	    CU_add_test(s, "offsets", test_offsets) == NULL ||
	    CU_add_test(s, "shapes", test_shapes) == NULL ||
	    CU_add_test(s, "fast path", test_fast_path) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
