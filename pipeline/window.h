/*
 * window.h - where to cut a long text into windows.
 *
 * A text too long to scan whole (a text document of any size, or one
 * JSON or CSV value longer than a window) is scanned in windows: each
 * ends at a cut, after white space when there can be one, and reads on
 * past the cut (its look-ahead) to white space, so that an identifier
 * crossing the cut is seen whole; the next window starts with some
 * bytes of context before the previous window's end.  These are the
 * rules both the document chunker (chunker.c, reading a stream) and
 * the engine (a value held in memory) follow, so a value cuts where
 * the same text as a document would.
 */
#ifndef VEIL_WINDOW_H
#define VEIL_WINDOW_H

#include <stddef.h>

#define WINDOW_DEFAULT (1u << 20)	/* bytes a window scans */
#define WINDOW_CONTEXT 1024	/* bytes kept before a window */
#define WINDOW_AHEAD 4096	/* bytes read past a cut, normally */

/*
 * A look-ahead grows through a run without white space (a long URL or
 * id) up to this many bytes past the cut; an identifier that still
 * reaches its end rejects the text rather than leave its tail in clear.
 */
#define WINDOW_AHEAD_MAX (4u << 20)

/*
 * Output per input byte, at most: a replacement such as
 * "[ORGANIZATION-" 24 characters "]" for a span as short as one byte,
 * and a span object of the spans line for every two bytes.
 */
#define WINDOW_GROWTH 64

/*
 * window_is_space - whether c ends a look-ahead (ASCII white space).
 */
int window_is_space(char c);

/*
 * window_cut - where to cut s between from and want: just after white
 * space in the second half when there is some, else at want moved back
 * to the start of a UTF-8 sequence.  s must hold want + 1 bytes.
 */
size_t window_cut(const char *s, size_t from, size_t want);

/*
 * window_after_space - just past the last white space in s[from..to),
 * or 0 when there is none.
 */
size_t window_after_space(const char *s, size_t from, size_t to);

/*
 * window_whole_utf8 - the bytes of s[0..n) that end on a whole UTF-8
 * sequence (an incomplete one at the end is left for later).
 */
size_t window_whole_utf8(const char *s, size_t n);

/*
 * window_keep - where the next window starts for a window written up
 * to end: WINDOW_CONTEXT bytes before it, on a UTF-8 sequence start.
 */
size_t window_keep(const char *s, size_t end);

/*
 * window_ahead - for s[0..n) held whole: the end of the text a window
 * cut at cut scans, with *final set when that is the end of s (the
 * whole rest is scanned at once).  The end is just past the last white
 * space in the normal look-ahead, else just past the first white space
 * up to WINDOW_AHEAD_MAX past the cut, else WINDOW_AHEAD_MAX past it on
 * a whole UTF-8 sequence.
 */
size_t window_ahead(const char *s, size_t n, size_t cut, int *final);

/*
 * window_cp_count - the code points in valid UTF-8 s[0..n), which is
 * how span offsets count (the bytes that are not 10xxxxxx).
 */
unsigned long long window_cp_count(const char *s, size_t n);

#endif
