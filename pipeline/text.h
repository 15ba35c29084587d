/*
 * text.h - one value ready for scanning: checked, normalised, mapped.
 *
 * text_set() checks that the value is UTF-8 without NUL bytes, puts it
 * in NFC (ICU) and then folds it for matching, code point by code point:
 * full-width ASCII becomes ASCII, every decimal digit (Unicode Nd:
 * Arabic-Indic, Devanagari, mathematical bold...) becomes its ASCII
 * digit, Unicode dashes become '-', Unicode spaces (NBSP and the like)
 * become ' ', typographic quotes become ASCII quotes, and invisible
 * format characters (default-ignorable Cf: soft hyphen, zero-width
 * space and joiners, word joiner, BOM) are left out, their bytes mapped
 * with the character before them.  Case is kept.
 *
 * HTML character references, as notes exported from web systems hold
 * them, become the character they stand for (then folded): numeric ones
 * ("&#45;", "&#x2D;") and &nbsp; &amp; &lt; &gt; &quot; &apos; &ndash;
 * &mdash;, each mapped back to the whole reference.  The ';' is
 * required, and a reference is left as it is when it would decode to a
 * control (other than tab and line breaks), a surrogate, a character
 * that NFC could combine, or when a combining mark follows it.  A value
 * is decoded once: "&amp;#45;" gives "&#45;".
 * Recognizers see only this folded "view"; the map gives every view
 * byte offset back in the original, both as a byte offset and as a code
 * point index (for --spans).
 *
 * A run of more than 32 code points with no normalisation boundary
 * (only in junk: stacks of combining marks) is normalised in pieces of
 * 32, so the cost stays linear; only there may the view differ from
 * strict NFC.  A struct text is not thread-safe: use one per worker.
 */
#ifndef VEIL_TEXT_H
#define VEIL_TEXT_H

#include <stddef.h>

struct text;

/* A range in the original value, end exclusive. */
struct text_range {
	size_t byte_start, byte_end;	/* original bytes */
	size_t cp_start, cp_end;	/* original code points */
};

/*
 * text_new - an empty text, reusable across values.  NULL on no memory.
 * text_free wipes and frees; NULL is allowed.
 */
struct text *text_new(void);
void text_free(struct text *t);

/*
 * text_set - take a copy of value (len bytes), check and normalise it.
 * The UTF-8 check is ICU's: overlong forms, surrogates (ED A0..BF xx),
 * code points past U+10FFFF, truncated sequences and stray bytes are
 * all refused.  Buffers holding the previous value are wiped first.
 * Returns 0; ERR_UTF8 when it is not valid UTF-8 or holds a NUL byte;
 * ERR_TOOBIG past 715 827 882 bytes (ICU's int32_t lengths); ERR_NOMEM;
 * ERR_INTERNAL when ICU fails.  On any error t is left empty (view and
 * original "", no code points), never half-built.
 */
int text_set(struct text *t, const char *value, size_t len);

/*
 * text_view - the folded NFC view (NUL-terminated, owned by t, valid
 * until the next text_set) and its length in bytes (len may be NULL).
 * An ASCII value without character references is its own view.  The
 * view is valid UTF-8; folding
 * follows NFC, so a folded character followed by a combining mark
 * (full-width 'a' + U+0301) stays two code points.
 */
const char *text_view(const struct text *t, size_t *len);

/*
 * text_original - the original value as given to text_set
 * (NUL-terminated, owned by t, valid until the next text_set; len may
 * be NULL).
 */
const char *text_original(const struct text *t, size_t *len);

/*
 * text_map - the original range covered by view bytes [start, end).
 * The map works on normalisation chunks: a chunk is a run of original
 * code points that NFC may merge or reorder (a base letter and its
 * combining marks, Hangul jamo); most chunks are one code point.  start
 * maps to the start of its chunk and end to the end of the chunk of
 * byte end - 1, so the original range always covers all of what was
 * matched, even when start or end falls inside a multi-byte character.
 * An empty range maps to the start of start's chunk, with end = start.
 * start <= end <= view length is required (out-of-range values are
 * clamped).
 */
void text_map(const struct text *t, size_t start, size_t end,
    struct text_range *out);

/*
 * text_cp_count - number of code points in the original value.
 */
size_t text_cp_count(const struct text *t);

#endif
