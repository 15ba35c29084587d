/*
 * buf.h - a growable byte buffer with a hard cap, wiped when released.
 *
 * Embedded by its owner (buf_init / buf_release).  Every append fails
 * with ERR_TOOBIG rather than grow past max, so no input can make veil
 * use unbounded memory.  The contents are always NUL-terminated.
 */
#ifndef VEIL_BUF_H
#define VEIL_BUF_H

#include <stddef.h>

struct buf {
	char *data;	/* NULL until the first append */
	size_t len;
	size_t cap;
	size_t max;	/* the most bytes it may hold */
};

/*
 * buf_init - an empty buffer that may grow to max bytes.
 */
void buf_init(struct buf *b, size_t max);

/*
 * buf_release - wipe and free the contents; the buffer is empty again
 * and may be reused.
 */
void buf_release(struct buf *b);

/*
 * buf_reset - wipe the contents but keep the memory.
 */
void buf_reset(struct buf *b);

/*
 * buf_reserve - make room for n more bytes at once, so that a buffer
 * about to take a known amount grows in one step rather than doubling
 * through (and briefly holding) every size below it: to exactly that
 * when it was empty, else to at least twice its room.  Returns 0,
 * ERR_TOOBIG or ERR_NOMEM; nothing is appended.
 */
int buf_reserve(struct buf *b, size_t n);

/*
 * buf_take - hand the contents over: a malloc'd, NUL-terminated block
 * of *len bytes (NULL when empty) that the caller now owns and must
 * wipe before it frees; the buffer is empty again.
 */
char *buf_take(struct buf *b, size_t *len);

/*
 * buf_append - append n bytes of p.  Returns 0, ERR_TOOBIG or ERR_NOMEM
 * (the buffer is unchanged on failure).
 */
int buf_append(struct buf *b, const void *p, size_t n);

/*
 * buf_puts - append a NUL-terminated string.
 */
int buf_puts(struct buf *b, const char *s);

/*
 * buf_printf - append formatted text (at most 1023 bytes per call).
 */
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
