/*
 * wordtab.c - an open-addressing hash table of words with class bits.
 *
 * Keys are stored ASCII-lower-cased in one string pool; entries live in
 * an array in order of first addition (so an entry's index is stable),
 * and a power-of-two slot array, at most half full, maps a key's hash to
 * its entry by linear probing.  Each slot keeps the full hash beside the
 * entry number, so a probe that meets another key rarely has to look at
 * the entry or the pool.  After the build nothing changes: wordtab_find
 * reads only, allocates nothing, and is safe from any number of threads.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "err.h"
#include "wordtab.h"

/* The most words a table holds (indices fit a uint32_t and a long). */
#define WORDTAB_MAX_WORDS	((size_t)1 << 30)

/* The largest pool (offsets fit a uint32_t). */
#define WORDTAB_MAX_POOL	((size_t)UINT32_MAX)

/* Slot arrays this large are aligned for, and asked to use, huge pages. */
#define WORDTAB_HUGE		((size_t)2 << 20)

struct slot {
	uint32_t hash;		/* the key's hash */
	uint32_t ent;		/* entry index + 1; 0 when the slot is free */
};

struct entry {
	uint32_t off;		/* the key's offset in the pool */
	uint32_t bits;		/* its classes */
	uint8_t len;		/* its length in bytes */
};

struct wordtab {
	struct slot *slots;
	size_t mask;		/* slot count - 1 */
	struct entry *ents;
	size_t count;
	size_t cap;		/* entries allocated */
	char *pool;		/* keys, lower-case, each followed by NUL */
	size_t pool_len;
	size_t pool_cap;
};

static inline unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

/* Eight bytes with ASCII A-Z lower-cased in each, at once (SWAR). */
static inline uint64_t
fold8(uint64_t x)
{
	const uint64_t hi = 0x8080808080808080u;
	uint64_t low7 = x & ~hi;
	uint64_t ge_a = low7 + 0x3f3f3f3f3f3f3f3fu;	/* bit 7: >= 'A' */
	uint64_t gt_z = low7 + 0x2525252525252525u;	/* bit 7: > 'Z' */

	return x | (((ge_a & ~gt_z) & ~x & hi) >> 2);
}

/*
 * The last 1..8 bytes of a key as one word: two overlapping four-byte
 * loads, or three single bytes below four.  Different keys of the same
 * length give different words, and hash_key mixes in the length.
 */
static inline uint64_t
load_tail(const char *w, size_t n)
{
	uint32_t a, b;

	if (n >= 4) {
		memcpy(&a, w, 4);
		memcpy(&b, w + n - 4, 4);
		return a | (uint64_t)b << 32;
	}
	return (uint64_t)(unsigned char)w[0] |
	    (uint64_t)(unsigned char)w[n / 2] << 8 |
	    (uint64_t)(unsigned char)w[n - 1] << 16;
}

static inline uint64_t
mix(uint64_t h, uint64_t x)
{
	h ^= fold8(x);
	h *= 0xff51afd7ed558ccdu;
	return h ^ (h >> 32);
}

/*
 * A multiply-xorshift hash over the folded key (n > 0), eight bytes a
 * step: keys are words, so most take one step instead of a byte loop.
 * Only the slots depend on it; entry numbers follow the order of adds.
 */
static inline uint32_t
hash_key(const char *w, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ n, x;
	size_t i = 0;

	for (; n - i > 8; i += 8) {
		memcpy(&x, w + i, 8);
		h = mix(h, x);
	}
	h = mix(h, load_tail(w + i, n - i));
	h ^= h >> 29;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 32;
	return (uint32_t)h;
}

/* Whether stored key k (lower-case, n bytes) equals w under folding. */
static int
key_eq(const char *k, const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)k[i] != fold((unsigned char)w[i]))
			return 0;
	return 1;
}

/*
 * Copy w (n > 0 bytes) to d lower-cased, eight or four bytes a step as
 * hash_key reads them (two overlapping stores for the last four to
 * seven), so a bulk load does not fold its keys byte by byte.
 */
static void
copy_folded(char *d, const char *w, size_t n)
{
	uint64_t x;
	uint32_t a, b;
	size_t i = 0;

	for (; n - i >= 8; i += 8) {
		memcpy(&x, w + i, 8);
		x = fold8(x);
		memcpy(d + i, &x, 8);
	}
	if (n - i >= 4) {
		memcpy(&a, w + i, 4);
		memcpy(&b, w + n - 4, 4);
		a = (uint32_t)fold8(a);
		b = (uint32_t)fold8(b);
		memcpy(d + i, &a, 4);
		memcpy(d + n - 4, &b, 4);
		return;
	}
	for (; i < n; i++)
		d[i] = (char)fold((unsigned char)w[i]);
}

/*
 * A zeroed array of n slots.  A large table's probes land anywhere in
 * it, so it asks for huge pages: on a virtual machine that makes
 * building the lexicon about a third faster (fewer TLB misses).
 */
static struct slot *
slots_alloc(size_t n)
{
	void *p;
	size_t bytes = n * sizeof(struct slot);

	if (bytes < WORDTAB_HUGE)
		return calloc(n, sizeof(struct slot));
	if (posix_memalign(&p, WORDTAB_HUGE, bytes) != 0)
		return NULL;
	(void)madvise(p, bytes, MADV_HUGEPAGE);
	memset(p, 0, bytes);
	return p;
}

/* The smallest power of two >= n (n > 0, well below SIZE_MAX / 2). */
static size_t
pow2_at_least(size_t n)
{
	size_t p = 16;

	while (p < n)
		p <<= 1;
	return p;
}

struct wordtab *
wordtab_new(size_t hint)
{
	struct wordtab *t;
	size_t nslots;

	if (hint > WORDTAB_MAX_WORDS)
		hint = WORDTAB_MAX_WORDS;
	if (hint < 8)
		hint = 8;
	nslots = pow2_at_least(hint * 2);

	t = calloc(1, sizeof(*t));
	if (t == NULL)
		return NULL;
	t->slots = slots_alloc(nslots);
	t->ents = malloc(hint * sizeof(*t->ents));
	t->pool = malloc(hint * 8);
	if (t->slots == NULL || t->ents == NULL || t->pool == NULL) {
		wordtab_free(t);
		return NULL;
	}
	t->mask = nslots - 1;
	t->cap = hint;
	t->pool_cap = hint * 8;
	return t;
}

void
wordtab_free(struct wordtab *t)
{
	if (t == NULL)
		return;
	free(t->slots);
	free(t->ents);
	free(t->pool);
	free(t);
}

/* Double the slot array and place every entry again by its hash. */
static int
grow_slots(struct wordtab *t)
{
	struct slot *ns;
	size_t nslots = (t->mask + 1) * 2, i, j;

	ns = slots_alloc(nslots);
	if (ns == NULL)
		return ERR_NOMEM;

	for (i = 0; i <= t->mask; i++) {
		if (t->slots[i].ent == 0)
			continue;
		j = t->slots[i].hash & (nslots - 1);
		while (ns[j].ent != 0)
			j = (j + 1) & (nslots - 1);
		ns[j] = t->slots[i];
	}

	free(t->slots);
	t->slots = ns;
	t->mask = nslots - 1;
	return 0;
}

/* Make room for one more entry of n bytes (plus its NUL) in the pool. */
static int
reserve(struct wordtab *t, size_t n)
{
	void *p;
	size_t cap;

	if (t->count >= WORDTAB_MAX_WORDS)
		return ERR_NOMEM;
	if ((t->count + 1) * 2 > t->mask + 1 && grow_slots(t) != 0)
		return ERR_NOMEM;

	if (t->count == t->cap) {
		cap = t->cap * 2;
		p = realloc(t->ents, cap * sizeof(*t->ents));
		if (p == NULL)
			return ERR_NOMEM;
		t->ents = p;
		t->cap = cap;
	}

	if (t->pool_len + n + 1 > t->pool_cap) {
		cap = t->pool_cap * 2 + n + 1;
		if (cap > WORDTAB_MAX_POOL)
			cap = WORDTAB_MAX_POOL;
		if (t->pool_len + n + 1 > cap)
			return ERR_NOMEM;
		p = realloc(t->pool, cap);
		if (p == NULL)
			return ERR_NOMEM;
		t->pool = p;
		t->pool_cap = cap;
	}
	return 0;
}

/*
 * The slot holding w, or the free slot where it would go.  The table is
 * never more than half full, so the probe ends.
 */
static inline size_t
probe(const struct wordtab *t, const char *w, size_t n, uint32_t h)
{
	const struct entry *e;
	size_t i = h & t->mask;

	for (;; i = (i + 1) & t->mask) {
		if (t->slots[i].ent == 0)
			return i;
		if (t->slots[i].hash != h)
			continue;
		e = &t->ents[t->slots[i].ent - 1];
		if (e->len == n && key_eq(t->pool + e->off, w, n))
			return i;
	}
}

uint32_t
wordtab_hash(const char *w, size_t n)
{
	return n == 0 || n > WORDTAB_MAX_KEY ? 0 : hash_key(w, n);
}

long
wordtab_add(struct wordtab *t, const char *w, size_t n, uint32_t bits)
{
	return wordtab_add_hash(t, w, n, wordtab_hash(w, n), bits);
}

long
wordtab_add_hash(struct wordtab *t, const char *w, size_t n, uint32_t h,
    uint32_t bits)
{
	struct entry *e;
	size_t i, mask;
	int r;

	if (n == 0 || n > WORDTAB_MAX_KEY)
		return ERR_USAGE;

	i = probe(t, w, n, h);
	if (t->slots[i].ent != 0) {
		t->ents[t->slots[i].ent - 1].bits |= bits;
		return (long)t->slots[i].ent - 1;
	}

	mask = t->mask;
	r = reserve(t, n);
	if (r != 0)
		return r;
	if (t->mask != mask)
		i = probe(t, w, n, h);	/* the slots were rehashed */

	e = &t->ents[t->count];
	e->off = (uint32_t)t->pool_len;
	e->bits = bits;
	e->len = (uint8_t)n;
	copy_folded(t->pool + t->pool_len, w, n);
	t->pool[t->pool_len + n] = '\0';
	t->pool_len += n + 1;

	t->slots[i].hash = h;
	t->slots[i].ent = (uint32_t)++t->count;
	return (long)t->count - 1;
}

long
wordtab_find(const struct wordtab *t, const char *w, size_t n,
    uint32_t *bits)
{
	size_t i;
	long idx;

	if (bits != NULL)
		*bits = 0;
	if (t == NULL || n == 0 || n > WORDTAB_MAX_KEY)
		return -1;

	i = probe(t, w, n, hash_key(w, n));
	if (t->slots[i].ent == 0)
		return -1;

	idx = (long)t->slots[i].ent - 1;
	if (bits != NULL)
		*bits = t->ents[idx].bits;
	return idx;
}

void
wordtab_prefetch(const struct wordtab *t, const char *w, size_t n)
{
	if (t == NULL || n == 0 || n > WORDTAB_MAX_KEY)
		return;
	wordtab_prefetch_hash(t, hash_key(w, n));
}

void
wordtab_prefetch_hash(const struct wordtab *t, uint32_t hash)
{
	if (t != NULL)
		__builtin_prefetch(&t->slots[hash & t->mask]);
}

int
wordtab_add_split(struct wordtab *t, const char *list, int sep,
    uint32_t bits)
{
	const char *p = list, *end;
	long r;

	while (*p != '\0') {
		end = strchr(p, sep);
		if (end == NULL)
			end = p + strlen(p);
		if (end > p) {
			r = wordtab_add(t, p, (size_t)(end - p), bits);
			if (r < 0)
				return (int)r;
		}
		p = *end == '\0' ? end : end + 1;
	}
	return 0;
}

size_t
wordtab_count(const struct wordtab *t)
{
	return t == NULL ? 0 : t->count;
}
