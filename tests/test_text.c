/* test_text.c - UTF-8 checks, NFC, folding and the offset map. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "err.h"
#include "harness.h"
#include "text.h"

#define LEN_AUTO	((size_t)-1)

struct view_case {
	const char *in;
	size_t len;		/* LEN_AUTO: strlen(in) */
	int rc;
	const char *view;	/* expected view when rc == 0 */
	size_t cps;		/* expected code point count */
};

static const struct view_case view_cases[] = {
	/* ASCII fast path */
	{ "Seen by Dr Quell on 3/4/21.", LEN_AUTO, 0,
	    "Seen by Dr Quell on 3/4/21.", 27 },
	{ "", LEN_AUTO, 0, "", 0 },
	{ "tab\there\r\nnext", LEN_AUTO, 0, "tab\there\r\nnext", 14 },
	/* NBSP and other spaces */
	{ "Mr\xC2\xA0Quill", LEN_AUTO, 0, "Mr Quill", 8 },
	{ "a\xE3\x80\x80" "b", LEN_AUTO, 0, "a b", 3 },		/* U+3000 */
	{ "a\xE2\x80\xAF" "b", LEN_AUTO, 0, "a b", 3 },		/* U+202F */
	{ "a\xE2\x80\x80" "b", LEN_AUTO, 0, "a b", 3 },		/* U+2000 */
	{ "a\xE2\x80\x8A" "b", LEN_AUTO, 0, "a b", 3 },		/* U+200A */
	{ "a\xE1\x9A\x80" "b", LEN_AUTO, 0, "a b", 3 },		/* U+1680 */
	{ "a\xE2\x81\x9F" "b", LEN_AUTO, 0, "a b", 3 },		/* U+205F */
	/* invisible format characters are left out of the view */
	{ "a\xE2\x80\x8B" "b", LEN_AUTO, 0, "ab", 3 },		/* ZWSP */
	{ "617\xE2\x80\x8C" "555\xE2\x80\x8D" "0123\xE2\x81\xA0", LEN_AUTO,
	    0, "6175550123", 13 },
	{ "Zo\xC2\xAD" "rk", LEN_AUTO, 0, "Zork", 5 },		/* SHY */
	{ "\xEF\xBB\xBF" "Ann\xEF\xBB\xBF", LEN_AUTO, 0, "Ann", 5 },
	{ "\xE2\x80\x8B\xE2\x80\x8B", LEN_AUTO, 0, "", 2 },
	{ "e\xE2\x80\x8D\xCC\x81", LEN_AUTO, 0, "e\xCC\x81", 3 },
	{ "\xD8\x80" "1", LEN_AUTO, 0, "\xD8\x80" "1", 2 },	/* visible Cf */
	/* full-width ASCII */
	{ "\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93", LEN_AUTO, 0, "123", 3 },
	{ "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBD\x83", LEN_AUTO, 0, "ABc", 3 },
	{ "\xEF\xBC\x81\xEF\xBD\x9E", LEN_AUTO, 0, "!~", 2 },	/* edges */
	{ "\xEF\xBD\x9F", LEN_AUTO, 0, "\xEF\xBD\x9F", 1 },	/* U+FF5F */
	/* every decimal digit (Nd) as its ASCII digit */
	{ "SSN \xD9\xA3\xD9\xA7\xD9\xA2-\xD9\xA8\xD9\xA1-\xD9\xA4"
	    "\xD9\xA4\xD9\xA5\xD9\xA6", LEN_AUTO, 0, "SSN 372-81-4456",
	    15 },						/* U+0660 */
	{ "\xDB\xB0\xDB\xB4\xDB\xB1\xDB\xB9", LEN_AUTO, 0, "0419", 4 },
	{ "\xE0\xA5\xA6\xE0\xA5\xAA\xE0\xA5\xA7\xE0\xA5\xAF", LEN_AUTO,
	    0, "0419", 4 },					/* U+0966 */
	{ "\xF0\x9D\x9F\x8E\xF0\x9D\x9F\x92\xF0\x9D\x9F\x8F\xF0\x9D"
	    "\x9F\x97", LEN_AUTO, 0, "0419", 4 },		/* U+1D7CE */
	{ "\xE0\xB9\x90\xE0\xB9\x99", LEN_AUTO, 0, "09", 2 },	/* Thai */
	{ "x\xD9\xA3\xCC\x81", LEN_AUTO, 0, "x3\xCC\x81", 3 },
	/* raised and circled digits too; other numbers stay */
	{ "\xC2\xB2\xE2\x91\xA0", LEN_AUTO, 0, "21", 2 },
	{ "SSN \xC2\xB9\xC2\xB2\xC2\xB3-\xE2\x81\xB4\xE2\x81\xB5", LEN_AUTO,
	    0, "SSN 123-45", 10 },
	{ "\xC2\xBD\xE2\x85\xA2", LEN_AUTO, 0, "\xC2\xBD\xE2\x85\xA2", 2 },
	/* NEL and the line and paragraph separators are line breaks */
	{ "Dr.\xE2\x80\xA8Vell\xE2\x80\xA9" "a\xC2\x85" "b", LEN_AUTO, 0,
	    "Dr.\nVell\na\nb", 12 },
	/* HTML character references */
	{ "123&#45;45&#45;6789", LEN_AUTO, 0, "123-45-6789", 19 },
	{ "jo&#64;example.org", LEN_AUTO, 0, "jo@example.org", 18 },
	{ "Dr.&nbsp;Quill", LEN_AUTO, 0, "Dr. Quill", 14 },
	{ "&#x2D;&#X2d;&#0045;", LEN_AUTO, 0, "---", 19 },
	{ "a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos;", LEN_AUTO, 0,
	    "a & b <c> \"d\" 'e'", 47 },
	{ "x&ndash;y&mdash;z", LEN_AUTO, 0, "x-y-z", 17 },
	{ "&#1633;&#x0662;", LEN_AUTO, 0, "12", 15 },	/* Arabic-Indic */
	{ "a&#10;b&#9;c", LEN_AUTO, 0, "a\nb\tc", 12 },
	{ "61&#8203;7", LEN_AUTO, 0, "617", 10 },		/* ZWSP */
	{ "&amp;#45;", LEN_AUTO, 0, "&#45;", 9 },		/* once */
	{ "Zo\xC3\xAB&nbsp;Quill", LEN_AUTO, 0, "Zo\xC3\xAB Quill", 14 },
	/* what is not a reference, or not decoded, stays */
	{ "AT&T, R&D; &amp &#; &#x; &# 45;", LEN_AUTO, 0,
	    "AT&T, R&D; &amp &#; &#x; &# 45;", 31 },
	{ "&#0;&#1;&#128;&#xD800;&#x110000;&#12345678;", LEN_AUTO, 0,
	    "&#0;&#1;&#128;&#xD800;&#x110000;&#12345678;", 43 },
	{ "&NBSP;&copy;&nbspx;&Amp;", LEN_AUTO, 0,
	    "&NBSP;&copy;&nbspx;&Amp;", 24 },
	{ "e&#769;", LEN_AUTO, 0, "e&#769;", 7 },		/* a mark */
	{ "&#45;\xCC\x81", LEN_AUTO, 0, "&#45;\xCC\x81", 6 },	/* mark after */
	/* dashes */
	{ "2019\xE2\x80\x93" "2020", LEN_AUTO, 0, "2019-2020", 9 },
	{ "a\xE2\x80\x94" "b", LEN_AUTO, 0, "a-b", 3 },		/* em */
	{ "\xE2\x80\x90\xE2\x80\x91\xE2\x80\x92\xE2\x80\x95", LEN_AUTO, 0,
	    "----", 4 },
	{ "\xE2\x88\x92" "5", LEN_AUTO, 0, "-5", 2 },		/* U+2212 */
	{ "\xEF\xB9\x98\xEF\xB9\xA3\xEF\xBC\x8D", LEN_AUTO, 0, "---", 3 },
	/* quotes */
	{ "O\xE2\x80\x99Hara", LEN_AUTO, 0, "O'Hara", 6 },
	{ "\xE2\x80\x98x\xE2\x80\x9B\xE2\x80\xB2", LEN_AUTO, 0, "'x''", 4 },
	{ "\xE2\x80\x9CHi\xE2\x80\x9D\xE2\x80\x9F\xE2\x80\xB3", LEN_AUTO, 0,
	    "\"Hi\"\"\"", 6 },
	/* NFC */
	{ "Jose\xCC\x81", LEN_AUTO, 0, "Jos\xC3\xA9", 5 },
	{ "Ren\xC3\xA9" "e", LEN_AUTO, 0, "Ren\xC3\xA9" "e", 5 },
	{ "\xE1\x84\x80\xE1\x85\xA1", LEN_AUTO, 0, "\xEA\xB0\x80", 2 },
	{ "\xE2\x84\xA6", LEN_AUTO, 0, "\xCE\xA9", 1 },		/* ohm */
	{ "q\xCC\x87\xCC\xA3", LEN_AUTO, 0, "q\xCC\xA3\xCC\x87", 3 },
	{ "\xCC\x81" "a", LEN_AUTO, 0, "\xCC\x81" "a", 2 },	/* lone mark */
	/* case kept, no compatibility folding beyond the list */
	{ "\xC3\x89MILE \xEF\xAC\x81", LEN_AUTO, 0,
	    "\xC3\x89MILE \xEF\xAC\x81", 7 },
	/* 4-byte characters, noncharacters */
	{ "\xF0\x9F\x98\x80 ok", LEN_AUTO, 0, "\xF0\x9F\x98\x80 ok", 4 },
	{ "\xF4\x8F\xBF\xBF", LEN_AUTO, 0, "\xF4\x8F\xBF\xBF", 1 },
	{ "\xEF\xBF\xBF", LEN_AUTO, 0, "\xEF\xBF\xBF", 1 },
	/* invalid UTF-8 and NUL */
	{ "\xC0\x80", LEN_AUTO, ERR_UTF8, NULL, 0 },		/* overlong */
	{ "\xC1\xBF", LEN_AUTO, ERR_UTF8, NULL, 0 },
	{ "\xE0\x80\xAF", LEN_AUTO, ERR_UTF8, NULL, 0 },
	{ "\xF0\x80\x80\xAF", LEN_AUTO, ERR_UTF8, NULL, 0 },
	{ "\xED\xA0\x80", LEN_AUTO, ERR_UTF8, NULL, 0 },	/* surrogate */
	{ "\xED\xBF\xBF", LEN_AUTO, ERR_UTF8, NULL, 0 },
	{ "\xED\xA0\xBD\xED\xB8\x80", LEN_AUTO, ERR_UTF8, NULL, 0 },
	{ "ab\xE2\x82", LEN_AUTO, ERR_UTF8, NULL, 0 },		/* truncated */
	{ "\xF0\x9F\x98", LEN_AUTO, ERR_UTF8, NULL, 0 },
	{ "\xC3", LEN_AUTO, ERR_UTF8, NULL, 0 },
	{ "\x80", LEN_AUTO, ERR_UTF8, NULL, 0 },		/* stray */
	{ "a\xBF" "b", LEN_AUTO, ERR_UTF8, NULL, 0 },
	{ "\xC3\xA9\xA9", LEN_AUTO, ERR_UTF8, NULL, 0 },
	{ "a\xFF", LEN_AUTO, ERR_UTF8, NULL, 0 },
	{ "\xFE", LEN_AUTO, ERR_UTF8, NULL, 0 },
	{ "\xF4\x90\x80\x80", LEN_AUTO, ERR_UTF8, NULL, 0 },	/* > 10FFFF */
	{ "\xF5\x80\x80\x80", LEN_AUTO, ERR_UTF8, NULL, 0 },
	{ "\xF8\x88\x80\x80\x80", LEN_AUTO, ERR_UTF8, NULL, 0 },
	{ "a\0b", 3, ERR_UTF8, NULL, 0 },			/* NUL */
	{ "\0", 1, ERR_UTF8, NULL, 0 },
	{ "\xC3\xA9\0", 3, ERR_UTF8, NULL, 0 },
	{ "ok", 1, 0, "o", 1 },					/* len wins */
};

static void
test_views(void)
{
	struct text *t = text_new();
	size_t i, len, vlen, olen;
	const char *v, *o;
	int rc;

	CU_ASSERT_FATAL(t != NULL);
	for (i = 0; i < sizeof(view_cases) / sizeof(view_cases[0]); i++) {
		const struct view_case *c = &view_cases[i];

		len = c->len == LEN_AUTO ? strlen(c->in) : c->len;
		rc = text_set(t, c->in, len);
		CU_ASSERT_EQUAL(rc, c->rc);
		v = text_view(t, &vlen);
		o = text_original(t, &olen);
		if (rc != 0 || c->rc != 0) {
			/* a failed value leaves an empty text */
			CU_ASSERT_EQUAL(vlen, 0);
			CU_ASSERT_STRING_EQUAL(v, "");
			CU_ASSERT_EQUAL(olen, 0);
			CU_ASSERT_EQUAL(text_cp_count(t), 0);
			continue;
		}
		CU_ASSERT_EQUAL(vlen, strlen(c->view));
		CU_ASSERT_STRING_EQUAL(v, c->view);
		CU_ASSERT_EQUAL(v[vlen], '\0');
		CU_ASSERT_EQUAL(olen, len);
		CU_ASSERT(memcmp(o, c->in, len) == 0);
		CU_ASSERT_EQUAL(o[olen], '\0');
		CU_ASSERT_EQUAL(text_cp_count(t), c->cps);
	}
	text_free(t);
}

struct map_case {
	const char *in;
	size_t start, end;		/* view bytes */
	size_t bs, be, cs, ce;		/* expected original range */
};

static const struct map_case map_cases[] = {
	/* ASCII: identity */
	{ "Seen today", 0, 4, 0, 4, 0, 4 },
	{ "Seen today", 5, 10, 5, 10, 5, 10 },
	{ "Seen today", 3, 3, 3, 3, 3, 3 },
	{ "Seen today", 10, 10, 10, 10, 10, 10 },
	/* e + U+0301 merged: view "Dr. \xC3\xA9mile" */
	{ "Dr. e\xCC\x81mile", 0, 4, 0, 4, 0, 4 },
	{ "Dr. e\xCC\x81mile", 4, 6, 4, 7, 4, 6 },
	{ "Dr. e\xCC\x81mile", 4, 5, 4, 7, 4, 6 },	/* half of e-acute */
	{ "Dr. e\xCC\x81mile", 5, 6, 4, 7, 4, 6 },
	{ "Dr. e\xCC\x81mile", 6, 10, 7, 11, 6, 10 },
	{ "Dr. e\xCC\x81mile", 4, 10, 4, 11, 4, 10 },
	{ "Dr. e\xCC\x81mile", 0, 10, 0, 11, 0, 10 },
	{ "Dr. e\xCC\x81mile", 10, 10, 11, 11, 10, 10 },
	{ "Dr. e\xCC\x81mile", 5, 5, 4, 4, 4, 4 },
	/* NBSP: view "Mr Quill" */
	{ "Mr\xC2\xA0Quill", 2, 3, 2, 4, 2, 3 },
	{ "Mr\xC2\xA0Quill", 3, 8, 4, 9, 3, 8 },
	/* full-width digits: view "ID 123" */
	{ "ID \xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93", 3, 6, 3, 12, 3, 6 },
	{ "ID \xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93", 4, 5, 6, 9, 4, 5 },
	/* ignorables: "617555", "Ann", "Zork" in the view */
	{ "617\xE2\x80\x8B" "555", 0, 3, 0, 6, 0, 4 },
	{ "617\xE2\x80\x8B" "555", 3, 6, 6, 9, 4, 7 },
	{ "\xEF\xBB\xBF" "Ann", 0, 1, 0, 4, 0, 2 },
	{ "\xEF\xBB\xBF" "Ann", 1, 3, 4, 6, 2, 4 },
	{ "Zo\xC2\xAD" "rk", 1, 3, 1, 5, 1, 4 },
	/* emoji: 4 bytes, one code point */
	{ "\xF0\x9F\x98\x80 Ann", 5, 8, 5, 8, 2, 5 },
	{ "\xF0\x9F\x98\x80 Ann", 0, 4, 0, 4, 0, 1 },
	{ "\xF0\x9F\x98\x80 Ann", 1, 2, 0, 4, 0, 1 },
	/* reordered marks: view "xq\xCC\xA3\xCC\x87y", one chunk */
	{ "xq\xCC\x87\xCC\xA3y", 1, 2, 1, 6, 1, 4 },
	{ "xq\xCC\x87\xCC\xA3y", 2, 4, 1, 6, 1, 4 },
	{ "xq\xCC\x87\xCC\xA3y", 6, 7, 6, 7, 4, 5 },
	{ "xq\xCC\x87\xCC\xA3y", 0, 1, 0, 1, 0, 1 },
	/* Hangul L + V composed into one syllable */
	{ "\xE1\x84\x80\xE1\x85\xA1!", 0, 3, 0, 6, 0, 2 },
	{ "\xE1\x84\x80\xE1\x85\xA1!", 3, 4, 6, 7, 2, 3 },
	/* Arabic-Indic digits: view "SSN 372-81-4456" */
	{ "SSN \xD9\xA3\xD9\xA7\xD9\xA2-\xD9\xA8\xD9\xA1-\xD9\xA4\xD9"
	    "\xA4\xD9\xA5\xD9\xA6", 4, 15, 4, 24, 4, 15 },
	{ "SSN \xD9\xA3\xD9\xA7\xD9\xA2-\xD9\xA8\xD9\xA1-\xD9\xA4\xD9"
	    "\xA4\xD9\xA5\xD9\xA6", 8, 10, 11, 15, 8, 10 },
	/* mathematical bold digits: view "ID 12" */
	{ "ID \xF0\x9D\x9F\x8F\xF0\x9D\x9F\x90", 3, 5, 3, 11, 3, 5 },
	{ "ID \xF0\x9D\x9F\x8F\xF0\x9D\x9F\x90", 4, 5, 7, 11, 4, 5 },
	/* references: view "123-45-6789", "Dr. Quill", "1-2" */
	{ "123&#45;45&#45;6789", 0, 11, 0, 19, 0, 19 },
	{ "123&#45;45&#45;6789", 3, 4, 3, 8, 3, 8 },
	{ "123&#45;45&#45;6789", 4, 6, 8, 10, 8, 10 },
	{ "123&#45;45&#45;6789", 7, 11, 15, 19, 15, 19 },
	{ "Dr.&nbsp;Quill", 4, 9, 9, 14, 9, 14 },
	{ "Dr.&nbsp;Quill", 2, 4, 2, 9, 2, 9 },
	{ "1&#45;\xE2\x80\x8B" "2", 1, 2, 1, 9, 1, 7 },
	{ "1&#45;\xE2\x80\x8B" "2", 2, 3, 9, 10, 7, 8 },
	{ "\xC3\xA9&amp;x", 2, 3, 2, 7, 1, 6 },
	/* em dash then CJK: view "a-\xE6\x9D\xB1" */
	{ "a\xE2\x80\x94\xE6\x9D\xB1", 1, 2, 1, 4, 1, 2 },
	{ "a\xE2\x80\x94\xE6\x9D\xB1", 2, 5, 4, 7, 2, 3 },
};

static void
test_map(void)
{
	struct text *t = text_new();
	struct text_range r;
	size_t i;

	CU_ASSERT_FATAL(t != NULL);
	for (i = 0; i < sizeof(map_cases) / sizeof(map_cases[0]); i++) {
		const struct map_case *c = &map_cases[i];

		CU_ASSERT_EQUAL_FATAL(text_set(t, c->in, strlen(c->in)), 0);
		memset(&r, 0xAA, sizeof(r));
		text_map(t, c->start, c->end, &r);
		CU_ASSERT_EQUAL(r.byte_start, c->bs);
		CU_ASSERT_EQUAL(r.byte_end, c->be);
		CU_ASSERT_EQUAL(r.cp_start, c->cs);
		CU_ASSERT_EQUAL(r.cp_end, c->ce);
	}
	text_free(t);
}

/* One value reused for many: earlier contents never leak into later. */
static void
test_reuse(void)
{
	static const char *const seq[] = {
		"Jose\xCC\x81 Quill\xC2\xA0\xEF\xBC\x91\xEF\xBC\x92",
		"short",
		"\xF0\x9F\x98\x80",
		"x\xFF",
		"a much longer ascii value than any before it in this list",
		"\xC3\xA9",
	};
	static const char *const want[] = {
		"Jos\xC3\xA9 Quill 12", "short", "\xF0\x9F\x98\x80", "",
		"a much longer ascii value than any before it in this list",
		"\xC3\xA9",
	};
	struct text *t = text_new();
	struct text_range r;
	size_t i, vlen;
	int rc;

	CU_ASSERT_FATAL(t != NULL);
	for (i = 0; i < sizeof(seq) / sizeof(seq[0]); i++) {
		rc = text_set(t, seq[i], strlen(seq[i]));
		CU_ASSERT_EQUAL(rc, i == 3 ? ERR_UTF8 : 0);
		CU_ASSERT_STRING_EQUAL(text_view(t, &vlen), want[i]);
		CU_ASSERT_EQUAL(vlen, strlen(want[i]));
		text_map(t, 0, vlen, &r);
		CU_ASSERT_EQUAL(r.byte_start, 0);
		CU_ASSERT_EQUAL(r.byte_end, rc == 0 ? strlen(seq[i]) : 0);
		CU_ASSERT_EQUAL(r.cp_end, text_cp_count(t));
	}
	text_free(t);
	text_free(NULL);
}

/* Pieces for random values: ASCII, marks, folds, astral, Hangul. */
static const char *const pieces[] = {
	"a", "Z", " ", "7", "-", ".", "\xC2\xA0", "\xCC\x81", "\xCC\xA3",
	"\xCC\x87", "\xC3\xA9", "\xEF\xBC\x95", "\xE2\x80\x94",
	"\xF0\x9F\x98\x80", "\xE1\x84\x80", "\xE1\x85\xA1", "\xE1\x86\xA8",
	"\xE2\x84\xA6", "\xE2\x80\x9C", "\xE6\x9D\xB1", "\xEF\xAC\x81",
	"\xE0\xA4\x95", "\xE0\xA4\xBC", "\xCD\x85", "\xE2\x80\x8D",
	"\xE2\x80\x80", "\xEF\xBC\x8D", "\xE2\x80\xB3", "\xCC\x96",
	"\xEF\xBD\x81", "e", "\xE1\xBE\xBF", "\xE2\x80\x8B", "\xC2\xAD",
	"\xEF\xBB\xBF", "\xD9\xA7", "\xF0\x9D\x9F\x97", "\xE0\xA5\xAC",
};

static uint32_t
lcg(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

/* check_map - map invariants for the value now in t. */
static void
check_map(const struct text *t, size_t len)
{
	struct text_range r, prev = { 0, 0, 0, 0 };
	size_t i, vlen;

	(void)text_view(t, &vlen);
	text_map(t, 0, vlen, &r);
	if (vlen == 0 && len > 0) {
		/* only ignorables: nothing to map */
		CU_ASSERT(r.byte_start == r.byte_end);
		return;
	}
	CU_ASSERT(r.byte_start == 0 && r.byte_end == len);
	CU_ASSERT(r.cp_start == 0 && r.cp_end == text_cp_count(t));
	for (i = 0; i < vlen; i++) {
		text_map(t, i, i + 1, &r);
		CU_ASSERT(r.byte_start < r.byte_end);
		CU_ASSERT(r.cp_start < r.cp_end);
		CU_ASSERT(r.byte_start >= prev.byte_start);
		CU_ASSERT(r.byte_end >= prev.byte_end);
		CU_ASSERT(r.byte_start <= prev.byte_end || i == 0);
		prev = r;
	}
	CU_ASSERT_EQUAL(prev.byte_end, len);
}

/* ref_fold - the folding rule of text.h, written out again. */
static UChar32
ref_fold(UChar32 c)
{
	static const UChar32 dash[] = { 0x2010, 0x2011, 0x2012, 0x2013,
		0x2014, 0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D };
	static const UChar32 space[] = { 0xA0, 0x1680, 0x2000, 0x2001,
		0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008,
		0x2009, 0x200A, 0x202F, 0x205F, 0x3000 };
	static const UChar32 q1[] = { 0x2018, 0x2019, 0x201B, 0x2032 };
	static const UChar32 q2[] = { 0x201C, 0x201D, 0x201F, 0x2033 };
	size_t i;

	for (i = 0; i < sizeof(dash) / sizeof(dash[0]); i++)
		if (c == dash[i])
			return '-';
	for (i = 0; i < sizeof(space) / sizeof(space[0]); i++)
		if (c == space[i])
			return ' ';
	for (i = 0; i < 4; i++)
		if (c == q1[i] || c == q2[i])
			return c == q1[i] ? '\'' : '"';
	if (c >= 0xFF01 && c <= 0xFF5E)
		return c - 0xFEE0;
	if (u_isdigit(c))
		return '0' + u_charDigitValue(c);
	return c;
}

static void
put(char *out, size_t *o, UChar32 c)
{
	U8_APPEND_UNSAFE(out, *o, c);
}

/*
 * ref_view - NFC of the whole value at once, then folded (invisible
 * format characters left out): what the chunk by chunk view must equal.
 */
static void
ref_view(const UChar *u, int32_t ulen, char *out, size_t cap)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	UChar norm[1024];
	int32_t n, i = 0;
	size_t o = 0;
	UChar32 c;

	n = unorm2_normalize(nfc, u, ulen, norm, 1024, &err);
	CU_ASSERT_FATAL(U_SUCCESS(err));
	while (i < n) {
		U16_NEXT(norm, i, n, c);
		CU_ASSERT_FATAL(o + 4 < cap);
		if (u_charType(c) == U_FORMAT_CHAR &&
		    u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT))
			continue;
		put(out, &o, ref_fold(c));
	}
	out[o] = '\0';
}

static void
test_random(void)
{
	struct text *t = text_new();
	uint32_t seed = 12345;
	char buf[256], want[1024];
	size_t n, k, len, np = sizeof(pieces) / sizeof(pieces[0]);
	UChar u[256];
	int32_t ulen;
	UErrorCode err;
	int round;

	CU_ASSERT_FATAL(t != NULL);
	for (round = 0; round < 3000; round++) {
		len = 0;
		n = lcg(&seed) % 20;
		for (k = 0; k < n; k++) {
			const char *p = pieces[lcg(&seed) % np];

			memcpy(buf + len, p, strlen(p) + 1);
			len += strlen(p);
		}
		CU_ASSERT_EQUAL_FATAL(text_set(t, buf, len), 0);
		err = U_ZERO_ERROR;
		(void)u_strFromUTF8(u, 256, &ulen, buf, (int32_t)len, &err);
		CU_ASSERT_FATAL(U_SUCCESS(err));
		CU_ASSERT_EQUAL(text_cp_count(t),
		    (size_t)u_countChar32(u, ulen));
		ref_view(u, ulen, want, sizeof(want));
		CU_ASSERT_STRING_EQUAL(text_view(t, NULL), want);
		check_map(t, len);
	}
	text_free(t);
}

/*
 * A long run of combining marks is cut into chunks of at most 32 code
 * points (linear time); the map still covers every byte, and the first
 * chunk still composes.
 */
static void
test_long_marks(void)
{
	struct text *t = text_new();
	struct text_range r;
	size_t i, n = 200000, len = 1 + 4 * n, vlen;
	char *v = malloc(len + 1);
	const char *view;

	if (t == NULL || v == NULL) {
		CU_FAIL("no memory");
		free(v);
		text_free(t);
		return;
	}
	v[0] = 'a';
	for (i = 0; i < n; i++)
		memcpy(v + 1 + 4 * i, "\xCC\x81\xCC\x96", 5);
	CU_ASSERT_EQUAL_FATAL(text_set(t, v, len), 0);
	CU_ASSERT_EQUAL(text_cp_count(t), 1 + 2 * n);
	view = text_view(t, &vlen);
	CU_ASSERT_EQUAL(vlen, len - 1);	/* a + U+0301 -> U+00E1 */
	CU_ASSERT(memcmp(view, "\xC3\xA1\xCC\x96", 4) == 0);
	text_map(t, 0, vlen, &r);
	CU_ASSERT(r.byte_end == len && r.cp_end == 1 + 2 * n);
	text_map(t, 0, 1, &r);
	CU_ASSERT(r.byte_start == 0 && r.byte_end == 63 && r.cp_end == 32);
	text_map(t, vlen - 1, vlen, &r);
	CU_ASSERT(r.byte_end == len && r.cp_end == 1 + 2 * n);
	CU_ASSERT(r.byte_start >= len - (size_t)64 && r.byte_start < len);
	free(v);
	text_free(t);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("text", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "views", test_views) == NULL ||
	    CU_add_test(s, "map", test_map) == NULL ||
	    CU_add_test(s, "reuse", test_reuse) == NULL ||
	    CU_add_test(s, "random", test_random) == NULL ||
	    CU_add_test(s, "long marks", test_long_marks) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
