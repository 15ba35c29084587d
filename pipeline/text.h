/*
 * text.h - one value ready for scanning: checked, normalised, mapped.
 *
 * text_set() checks that the value is UTF-8 without NUL bytes, puts it
 * in NFC (ICU) and then folds it for matching, code point by code point:
 * full-width ASCII becomes ASCII, Unicode dashes become '-', Unicode
 * spaces (NBSP and the like) become ' ', typographic quotes become ASCII
 * quotes.  Case is kept.  Recognizers see only this folded "view"; the
 * map gives every view byte offset back in the original, both as a byte
 * offset and as a code point index (for --spans).
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
 * Returns 0; ERR_UTF8 when it is not valid UTF-8 or holds a NUL byte;
 * ERR_NOMEM; ERR_INTERNAL when ICU fails.
 */
int text_set(struct text *t, const char *value, size_t len);

/*
 * text_view - the folded NFC view (NUL-terminated, owned by t, valid
 * until the next text_set) and its length in bytes.
 */
const char *text_view(const struct text *t, size_t *len);

/*
 * text_original - the original value as given to text_set.
 */
const char *text_original(const struct text *t, size_t *len);

/*
 * text_map - the original range covered by view bytes [start, end).
 * When normalisation merged several original code points into one, the
 * range grows to cover all of them, so nothing is left half-covered.
 * start <= end <= view length is required.
 */
void text_map(const struct text *t, size_t start, size_t end,
    struct text_range *out);

/*
 * text_cp_count - number of code points in the original value.
 */
size_t text_cp_count(const struct text *t);

#endif
