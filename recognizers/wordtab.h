/*
 * wordtab.h - a hash table of words, each with a set of class bits.
 *
 * The lexicons and the recognizers' own small word lists (titles, roles,
 * suffixes) all answer one question per token: which classes is this
 * word in?  Keys compare ASCII case-insensitively; other bytes compare
 * as they are (callers pass the folded view, already NFC).  A table is
 * built once and then read by every thread without locks.
 */
#ifndef VEIL_WORDTAB_H
#define VEIL_WORDTAB_H

#include <stddef.h>
#include <stdint.h>

struct wordtab;

/* Longest key a table holds, in bytes. */
#define WORDTAB_MAX_KEY	63

/*
 * wordtab_new - an empty table sized for about hint words (it grows).
 * NULL when out of memory.  wordtab_free frees; NULL is allowed.
 */
struct wordtab *wordtab_new(size_t hint);
void wordtab_free(struct wordtab *t);

/*
 * wordtab_add - OR bits into the classes of w (n bytes), adding the word
 * when it is new.  Returns the word's index (0, 1, ... in order of first
 * addition; stable, so callers may keep per-word data beside the table),
 * or ERR_NOMEM, or ERR_USAGE when n is 0 or above WORDTAB_MAX_KEY.
 */
long wordtab_add(struct wordtab *t, const char *w, size_t n, uint32_t bits);

/*
 * wordtab_find - the index of w (n bytes), or -1 when it is not there;
 * *bits (when not NULL) gets its classes, 0 when it is not there.
 */
long wordtab_find(const struct wordtab *t, const char *w, size_t n,
    uint32_t *bits);

/*
 * wordtab_prefetch - start loading the memory a later wordtab_add or
 * wordtab_find of w (n bytes) will probe first.  A hint only: it
 * changes nothing, and calling it a few keys ahead makes bulk loads of
 * large tables about twice as fast.
 */
void wordtab_prefetch(const struct wordtab *t, const char *w, size_t n);

/*
 * wordtab_hash - the hash of w (n bytes) that every table places it by,
 * 0 when n is 0 or above WORDTAB_MAX_KEY.  A bulk load computes it once
 * for wordtab_prefetch_hash and then wordtab_add_hash.
 */
uint32_t wordtab_hash(const char *w, size_t n);

/*
 * wordtab_prefetch_hash - wordtab_prefetch of the key whose wordtab_hash
 * is hash.  t may be NULL (then it does nothing).
 */
void wordtab_prefetch_hash(const struct wordtab *t, uint32_t hash);

/*
 * wordtab_add_hash - wordtab_add, given hash: wordtab_hash(w, n), which
 * it does not check (another number misplaces the word).  The same
 * returns.
 */
long wordtab_add_hash(struct wordtab *t, const char *w, size_t n,
    uint32_t hash, uint32_t bits);

/*
 * wordtab_add_split - add each word of list, separated by sep, under
 * bits.  Returns 0 or a negative ERR_*.
 */
int wordtab_add_split(struct wordtab *t, const char *list, int sep,
    uint32_t bits);

/*
 * wordtab_count - the number of words in t.
 */
size_t wordtab_count(const struct wordtab *t);

#endif
