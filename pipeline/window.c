/* window.c - where to cut a long text into windows. */
#include <stddef.h>

#include "window.h"

int
window_is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r' ||
	    c == '\f' || c == '\v';
}

size_t
window_cut(const char *s, size_t from, size_t want)
{
	size_t c, low = from + (want - from) / 2;

	for (c = want; c > low; c--)
		if (s[c - 1] == ' ' || s[c - 1] == '\n' || s[c - 1] == '\t')
			return c;
	c = want;
	while (c > from + 1 && ((unsigned char)s[c] & 0xc0) == 0x80)
		c--;
	return c;
}

size_t
window_after_space(const char *s, size_t from, size_t to)
{
	while (to > from) {
		if (window_is_space(s[to - 1]))
			return to;
		to--;
	}
	return 0;
}

size_t
window_whole_utf8(const char *s, size_t n)
{
	size_t i = n, back = 0;
	unsigned char c;

	while (i > 0 && back < 4) {
		c = (unsigned char)s[i - 1];
		if ((c & 0xc0) != 0x80) {
			size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 :
			    c >= 0xc0 ? 2 : 1;

			return back + 1 >= need ? n : i - 1;
		}
		i--;
		back++;
	}
	return n;
}

size_t
window_keep(const char *s, size_t end)
{
	size_t keep = end > WINDOW_CONTEXT ? end - WINDOW_CONTEXT : 0;

	while (keep < end && ((unsigned char)s[keep] & 0xc0) == 0x80)
		keep++;
	return keep;
}

size_t
window_ahead(const char *s, size_t n, size_t cut, int *final)
{
	size_t e, i, ahead = cut + WINDOW_AHEAD;

	*final = 0;
	if (n <= ahead) {
		*final = 1;
		return n;
	}
	e = window_after_space(s, cut, ahead);
	if (e > 0)
		return e;

	/* Cut after white space: nothing crosses it, the look-ahead is
	 * context only. */
	if (cut > 0 && window_is_space(s[cut - 1]))
		return window_whole_utf8(s, ahead);

	for (i = ahead; i < n && i - cut < WINDOW_AHEAD_MAX; i++)
		if (window_is_space(s[i]))
			return i + 1;
	if (i == n) {
		*final = 1;
		return n;
	}
	return window_whole_utf8(s, i);
}

unsigned long long
window_cp_count(const char *s, size_t n)
{
	unsigned long long c = 0;
	size_t i;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}
