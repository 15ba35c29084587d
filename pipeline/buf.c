/* buf.c - capped, wiped byte buffers. */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"

void
buf_init(struct buf *b, size_t max)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->max = max;
}

void
buf_release(struct buf *b)
{
	if (b->data != NULL) {
		explicit_bzero(b->data, b->cap);
		free(b->data);
	}
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_reset(struct buf *b)
{
	if (b->data != NULL) {
		explicit_bzero(b->data, b->len);
		b->data[0] = '\0';
	}
	b->len = 0;
}

/*
 * Grow to hold need bytes plus a NUL.  The old block is wiped rather
 * than handed back to the allocator with note text in it.
 */
static int
buf_grow(struct buf *b, size_t need)
{
	size_t cap;
	char *p;

	if (need > b->max)
		return ERR_TOOBIG;
	if (need + 1 <= b->cap)
		return 0;

	cap = b->cap ? b->cap : 256;
	while (cap < need + 1)
		cap = cap > SIZE_MAX / 2 ? need + 1 : cap * 2;

	p = malloc(cap);
	if (p == NULL)
		return ERR_NOMEM;
	if (b->data != NULL) {
		memcpy(p, b->data, b->len);
		explicit_bzero(b->data, b->cap);
		free(b->data);
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

int
buf_append(struct buf *b, const void *p, size_t n)
{
	int r;

	if (n > SIZE_MAX - b->len - 1)
		return ERR_TOOBIG;
	r = buf_grow(b, b->len + n);
	if (r != 0)
		return r;

	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int
buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int
buf_printf(struct buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return ERR_INTERNAL;
	if ((size_t)n >= sizeof(tmp))
		return ERR_TOOBIG;
	return buf_append(b, tmp, (size_t)n);
}
