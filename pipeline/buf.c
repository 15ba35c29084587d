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

char *
buf_take(struct buf *b, size_t *len)
{
	char *p = b->data;

	*len = b->len;
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	return p;
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
 * Move the contents to a new block of cap bytes.  The old block is
 * wiped rather than handed back to the allocator with note text in it.
 */
static int
move_to(struct buf *b, size_t cap)
{
	char *p;

	p = malloc(cap);
	if (p == NULL)
		return ERR_NOMEM;
	p[0] = '\0';
	if (b->data != NULL) {
		memcpy(p, b->data, b->len + 1);
		explicit_bzero(b->data, b->cap);
		free(b->data);
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

/* Grow to hold need bytes plus a NUL, doubling. */
static int
buf_grow(struct buf *b, size_t need)
{
	size_t cap;

	if (need > b->max)
		return ERR_TOOBIG;
	if (need + 1 <= b->cap)
		return 0;

	cap = b->cap ? b->cap : 256;
	while (cap < need + 1)
		cap = cap > SIZE_MAX / 2 ? need + 1 : cap * 2;
	return move_to(b, cap);
}

int
buf_reserve(struct buf *b, size_t n)
{
	size_t need;

	if (n > SIZE_MAX - b->len - 1)
		return ERR_TOOBIG;
	need = b->len + n;
	if (need > b->max)
		need = b->max;
	if (need + 1 <= b->cap)
		return 0;
	/* at least doubling, or reserving before each append would copy
	 * the whole buffer every time */
	if (b->cap > 0 && b->cap <= SIZE_MAX / 2 && need < b->cap * 2 - 1)
		need = b->cap * 2 - 1 < b->max ? b->cap * 2 - 1 : b->max;
	return move_to(b, need + 1);
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
