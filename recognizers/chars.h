/*
 * chars.h - the ASCII character tests the recognizers share.  Their
 * patterns and gates read ASCII bytes; letters of other scripts are
 * judged by ICU elsewhere, so these say nothing about bytes >= 0x80.
 */
#ifndef VEIL_CHARS_H
#define VEIL_CHARS_H

#include <stddef.h>

static inline int
ch_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline int
ch_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int
ch_alnum(char c)
{
	return ch_digit(c) || ch_alpha(c);
}

/* A space or a tab (not a line break). */
static inline int
ch_blank(char c)
{
	return c == ' ' || c == '\t';
}

static inline char
ch_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Past the blanks of s[i..len). */
static inline size_t
ch_skip_blanks(const char *s, size_t len, size_t i)
{
	while (i < len && ch_blank(s[i]))
		i++;
	return i;
}

#endif
