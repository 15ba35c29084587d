/*
 * rx.h - PCRE2 patterns compiled once with JIT, matched from any thread.
 *
 * Patterns are compiled with PCRE2_UTF (the view is valid UTF-8) and
 * whatever flags the caller adds.  Matching uses a per-thread match data
 * block, so one struct rx is shared by all threads without locks (but
 * for rx_find on an RX_ANCHORED pattern, which takes a lock).
 */
#ifndef VEIL_RX_H
#define VEIL_RX_H

#include <stddef.h>
#include <stdint.h>

struct rx;

/* Flags for rx_new, mapped onto PCRE2's. */
enum {
	RX_CASELESS = 1 << 0,
	RX_EXTENDED = 1 << 1,	/* free spacing and # comments */
	RX_MULTILINE = 1 << 2,
	RX_ANCHORED = 1 << 3	/* JIT for rx_match_at; rx_find's is
				   compiled on its first call */
};

/* The most capture groups a pattern may use (group 0 included). */
#define RX_MAX_GROUPS 16

struct rx_match {
	size_t start[RX_MAX_GROUPS];	/* byte offsets; SIZE_MAX: unset */
	size_t end[RX_MAX_GROUPS];
	int ngroups;			/* groups reported, 0 included */
};

/*
 * rx_new - compile pattern with flags (RX_*) and JIT.  Returns NULL on
 * failure and writes the reason (PCRE2's message and offset) to errbuf.
 * rx_free frees; NULL is allowed.
 */
struct rx *rx_new(const char *pattern, unsigned flags, char *errbuf,
    size_t errlen);
void rx_free(struct rx *rx);

/*
 * rx_find - the first match in s[0..len) starting at or after from.
 * Returns 1 and fills m, 0 when there is none, or ERR_INTERNAL when
 * PCRE2 fails (match limit, no memory).  Lookbehind may see s before
 * from.
 */
int rx_find(const struct rx *rx, const char *s, size_t len, size_t from,
    struct rx_match *m);

/*
 * rx_match_at - match only a match that starts exactly at offset at of
 * s[0..len): 1 and m filled, 0 when there is none, ERR_INTERNAL when
 * PCRE2 fails.  Lookbehind may see s before at.  Fast (JIT) when rx was
 * made with RX_ANCHORED; without it the interpreter is used, which gives
 * the same result more slowly.
 */
int rx_match_at(const struct rx *rx, const char *s, size_t len, size_t at,
    struct rx_match *m);

/*
 * rx_word_starts - where runs of word characters (PCRE2's \w without
 * UCP: ASCII letters, digits and '_') start in the 64 bytes of
 * s[0..len) from offset at: bit i is set when at + i < len, s[at + i] is
 * a word character and at + i == 0 or s[at + i - 1] is not.  A pattern
 * that begins with (?<!\w) and a word character can match only there.
 */
uint64_t rx_word_starts(const char *s, size_t len, size_t at);

/*
 * rx_digits - where the ASCII digits are in the 64 bytes of s[0..len)
 * from offset at: bit i is set when at + i < len and s[at + i] is one.
 */
uint64_t rx_digits(const char *s, size_t len, size_t at);

/*
 * rx_number_chars - where the characters a telephone number is written
 * with are in the 64 bytes of s[0..len) from offset at: bit i is set
 * when at + i < len and s[at + i] is an ASCII digit, a space, a tab or
 * one of "+()-./".
 */
uint64_t rx_number_chars(const char *s, size_t len, size_t at);

/*
 * rx_thread_release - free this thread's match data; call before a
 * worker thread exits.  Safe to call more than once.
 */
void rx_thread_release(void);

#endif
