/*
 * keystore.c - the encrypted re-identification key (see keystore.h).
 *
 * A segment, seg-<domain>-<batch id hex>-<shard>.dks, big-endian
 * (KEYSTORE.md (b)):
 *
 *   0   magic "\x89VKS\r\n\x1a\n"               8
 *   8   ver = 1, kind = 1 (segment)             2
 *   10  chunk_log2 (16; 6..16 accepted)         1
 *   11  reserved, zero                          1
 *   12  ks_key_id u32                           4
 *   16  keyset_id                               16
 *   32  domain_id = SHA-256("veil/v1/domain\0" || d)[0:16]   16
 *   48  batch_id (random per writer)            16
 *   64  shard u32, attempt u32 (0)              8
 *   72  created u64 (Unix seconds)              8
 *   80  generation u64 (0)                      8
 *   88  prev_hash (zero)                        32
 *   120 eph_pub: ephemeral X25519 public key    32
 *   152 hdr_mac = HMAC-SHA256(K_seg(d), bytes 0..152)   32
 *   184 chunks
 *
 * Payload key = HKDF-SHA256(ikm = X25519(eph, B), salt = eph_pub ||
 * B_pub, info = "veil/v1/ks-payload" || bytes 0..152).  The plaintext is
 * cut into chunks of 2^chunk_log2 bytes (the last one 1 to 2^chunk_log2
 * bytes), each sealed with AES-256-GCM, nonce = u88be(index) || last
 * (0 or 1), no AAD, and stored as ciphertext || 16-byte tag.
 *
 * A reader derives the keys of the domain a segment's name gives, and
 * the header's domain_id, batch_id and shard must be those of the name,
 * so a renamed file is refused.  Old-style names, seg-<batch>-<shard>.dks,
 * are read as domain KEYSTORE_LEGACY_DOMAIN (DEFAULT, the domain of
 * every run without a policy): a segment of another domain under such a
 * name is refused and must be renamed.
 *
 * Plaintext (record layout 2): a layout byte 0xf2, then records sorted
 * by (type, tok) and unique,
 *   type u8 | toklen u8 = 24 | vlen u32 | rlen u32 | tok
 *   | norm (vlen bytes) | raw (rlen bytes),
 * then END: 0xff | count u64.  norm is norm_v1 of the value and tok its
 * token; raw is one original form as written, the bytewise-smallest seen
 * (memcmp order, then the shorter first), so that a segment's plaintext
 * does not depend on the order of adds; norm_v1(raw) must be norm.  vlen
 * and rlen are at most PSEUDONYM_MAXNORM.  Layout 1 had no layout byte
 * and no rlen or raw; such segments are refused.  The layout byte is
 * 0xf0 | 2 so that it is neither a type nor END, the first byte of a
 * layout-1 payload.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "accesslog.h"
#include "crypto.h"
#include "err.h"
#include "keystore.h"
#include "pseudonym.h"

#define HDRLEN 184
#define MACOFF 152
#define TAGLEN CRYPTO_TAGLEN
#define TOKLEN PSEUDONYM_TOKLEN
#define RECHDR 10
#define LAYOUT 0xf2
#define END_TYPE 0xff
#define ENDLEN 9
#define CHUNK_LOG2 16
#define CHUNK_LOG2_MIN 6
#define KIND_SEGMENT 1

/*
 * Which adds keystore_writer_add checks, when they are kept (token and
 * norm_v1 again, as readers do): the first VERIFY_FIRST, then one in
 * VERIFY_EVERY.
 * Its caller has just computed both, so a check can only fail for a
 * caller keyed for another domain or key set, which the first record
 * shows; readers check every record, so no bad record is ever used.
 */
#define VERIFY_FIRST 16
#define VERIFY_EVERY 4096

static const unsigned char magic[8] = {
	0x89, 'V', 'K', 'S', '\r', '\n', 0x1a, '\n'
};
static const char payload_label[] = "veil/v1/ks-payload";
static const char domain_label[] = "veil/v1/domain";	/* with its NUL */

/*
 * One record held by a writer, in the writer's arena.  rcap is the room
 * for the raw form, so that a smaller one can be written over it.
 */
struct entry {
	uint32_t vlen;
	uint32_t rlen;
	uint32_t rcap;
	uint8_t type;
	char tok[TOKLEN];
	unsigned char val[];	/* norm (vlen bytes), then raw (rlen) */
};

/*
 * A writer's table slot: the entry's tok_key beside it, so that a probe
 * reaches the entry (a cache miss in a big table) only when it may match,
 * and commit sorts without reaching the entries at all.
 */
struct kslot {
	uint64_t k;
	struct entry *e;	/* NULL: free */
};

/*
 * Entries are cut from blocks of ARENA_BLOCK bytes rather than malloc'd
 * one by one: adding is a bump of a pointer, and freeing is a wipe of
 * each block and one free, not a walk over every entry.
 */
#define ARENA_BLOCK (256u << 10)

struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t cap;
	unsigned char data[];
};

struct keystore_writer {
	char dir[PATH_MAX];
	char domain[KEYFILE_MAXDOMAIN + 1];
	uint32_t shard;
	unsigned chunk_log2;
	int committed;
	uint32_t ks_key_id;
	unsigned char keyset_id[KEYFILE_IDLEN];
	unsigned char domain_id[16];
	unsigned char pub[KEYFILE_KEYLEN];
	unsigned char kseg[KEYFILE_KEYLEN];
	struct pseudonym *ps;
	pthread_mutex_t lock;
	struct kslot *tab;	/* open addressing, cap a power of two */
	size_t cap;
	size_t n;
	struct arena_block *arena;	/* the block being filled first */
	size_t bytes;		/* held by the entries */
	size_t waste;		/* arena bytes of entries since replaced */
	size_t spilled;		/* entries sealed into earlier segments */
	size_t spill_at;	/* seal a segment once bytes + waste pass it */
	unsigned long long adds; /* adds so far, for the checks' sample */
};

/* One add's record, not yet copied: the caller's buffers. */
struct add {
	uint64_t k;		/* tok_key of (type, tok) */
	unsigned type;
	const char *tok;
	const char *norm;
	size_t vlen;
	const char *raw;
	size_t rlen;
};

/* One record of an open keystore; pointers into a verified plaintext. */
struct rec {
	const char *tok;
	const unsigned char *val;	/* norm */
	const unsigned char *raw;
	uint32_t vlen;
	uint32_t rlen;
	uint8_t type;
	uint32_t dom;		/* index in the keystore's domains */
};

/* A domain of an open keystore. */
struct dom {
	char name[KEYFILE_MAXDOMAIN + 1];
	size_t counts[PHI_NTYPES];
};

struct keystore {
	unsigned char **bufs;	/* segment plaintexts */
	size_t *blens;
	size_t nbufs;
	struct rec *recs;	/* sorted by (type, tok), unique */
	size_t n;
	size_t cap;
	size_t counts[PHI_NTYPES];	/* over all domains */
	struct dom *doms;	/* in name order */
	size_t ndoms;
};

/* Chunked AES-GCM writer (STREAM). */
struct sealer {
	int fd;
	unsigned char key[CRYPTO_KEYLEN];
	uint64_t ctr;
	size_t csize;
	size_t fill;
	unsigned char *buf;	/* csize + TAGLEN */
};

/* 1 + the rank of a base32 character in byte order, 0 for the others. */
static const unsigned char b32_rank[256] = {
	['2'] = 1, ['3'] = 2, ['4'] = 3, ['5'] = 4, ['6'] = 5, ['7'] = 6,
	['a'] = 7, ['b'] = 8, ['c'] = 9, ['d'] = 10, ['e'] = 11, ['f'] = 12,
	['g'] = 13, ['h'] = 14, ['i'] = 15, ['j'] = 16, ['k'] = 17,
	['l'] = 18, ['m'] = 19, ['n'] = 20, ['o'] = 21, ['p'] = 22,
	['q'] = 23, ['r'] = 24, ['s'] = 25, ['t'] = 26, ['u'] = 27,
	['v'] = 28, ['w'] = 29, ['x'] = 30, ['y'] = 31, ['z'] = 32,
};

/* 1 when tok is exactly TOKLEN characters of lower-case base32. */
static int
tok_ok(const char *tok, size_t n)
{
	size_t i;

	if (n != TOKLEN)
		return 0;
	for (i = 0; i < n; i++) {
		if (b32_rank[(unsigned char)tok[i]] == 0)
			return 0;
	}
	return 1;
}

/* Order of records: type, then token bytes. */
static int
key_cmp(unsigned ta, const char *a, unsigned tb, const char *b)
{
	if (ta != tb)
		return ta < tb ? -1 : 1;
	return memcmp(a, b, TOKLEN);
}

/* Base32 characters kept in a tok_key. */
#define KEYCHARS 11

_Static_assert(PHI_NTYPES <= 256 && 8 + 5 * KEYCHARS <= 64,
    "a type and KEYCHARS ranks fit in 64 bits");

/*
 * Whether tok is a NUL-terminated token (tok_ok); if so, (type, tok) as
 * one number in key_cmp's order into *k: the type, then the 5-bit ranks
 * of tok's first KEYCHARS characters.  Tokens that share it differ only
 * after KEYCHARS characters.
 */
static int
tok_key(unsigned type, const char *tok, uint64_t *k)
{
	uint64_t v = type;
	unsigned r;
	size_t i;

	for (i = 0; i < KEYCHARS; i++) {
		r = b32_rank[(unsigned char)tok[i]];
		if (r == 0)
			return 0;
		v = v << 5 | (r - 1);
	}
	for (; i < TOKLEN; i++) {
		if (b32_rank[(unsigned char)tok[i]] == 0)
			return 0;
	}
	*k = v;
	return tok[TOKLEN] == '\0';
}

static int
domain_id(const char *domain, unsigned char id[16])
{
	struct crypto_part parts[2];
	unsigned char md[CRYPTO_MACLEN];
	int r;

	parts[0].p = domain_label;
	parts[0].n = sizeof(domain_label);
	parts[1].p = domain;
	parts[1].n = strlen(domain);
	r = crypto_sha256(parts, 2, md);
	memcpy(id, md, 16);
	return r;
}

/* A tokeniser keyed with K_pseud(domain); NULL on failure. */
static struct pseudonym *
domain_tokeniser(const struct keyfile *kf, const char *domain)
{
	unsigned char k[KEYFILE_KEYLEN];
	struct pseudonym *ps = NULL;

	if (keyfile_subkey(kf, KEYFILE_PSEUDONYM, domain, k) == 0)
		ps = pseudonym_new(k);
	crypto_wipe(k, sizeof(k));
	return ps;
}

/* 1 when tok is the token of (type, val). */
static int
tok_verify(const struct pseudonym *ps, unsigned type, const char *tok,
    const unsigned char *val, size_t vlen)
{
	char want[TOKLEN + 1];

	if (pseudonym_token(ps, (enum phi_type)type, (const char *)val, vlen,
	    want) != 0)
		return 0;
	return crypto_equal(want, tok, TOKLEN);
}

/* 1 when norm_v1 of (type, raw) is (val, vlen). */
static int
raw_verify(unsigned type, const unsigned char *raw, size_t rlen,
    const unsigned char *val, size_t vlen)
{
	char nbuf[256], *norm = NULL;
	size_t nlen = 0;
	int ok;

	if (pseudonym_norm_buf((enum phi_type)type, rlen > 0 ?
	    (const char *)raw : "", rlen, nbuf, sizeof(nbuf), &norm,
	    &nlen) != 0)
		return 0;
	ok = nlen == vlen && (vlen == 0 || memcmp(norm, val, vlen) == 0);
	crypto_wipe(norm, nlen);
	if (norm != nbuf)
		free(norm);
	return ok;
}

/* Order of raw forms: bytewise (memcmp), then the shorter first. */
static int
raw_cmp(const unsigned char *a, size_t alen, const unsigned char *b,
    size_t blen)
{
	size_t n = alen < blen ? alen : blen;
	int c = n > 0 ? memcmp(a, b, n) : 0;

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

/* Create dir (0700) when missing; it must then be a directory. */
static int
dir_ready(const char *dir, char *err, size_t errlen)
{
	struct stat st;

	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		crypto_set_err(err, errlen, "cannot create '%s': %s", dir,
		    strerror(errno));
		return ERR_IO;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		crypto_set_err(err, errlen, "'%s' is not a directory", dir);
		return ERR_IO;
	}
	return 0;
}

struct keystore_writer *
keystore_writer_new(const char *dir, const struct keyfile *kf,
    const char *domain, uint32_t shard, char *err, size_t errlen)
{
	struct keystore_writer *w;
	size_t dl = strlen(dir);

	if (!keyfile_domain_ok(domain) || dl == 0 || dl >= PATH_MAX - 128) {
		crypto_set_err(err, errlen, "bad keystore directory or domain");
		return NULL;
	}
	if (dir_ready(dir, err, errlen) != 0 ||
	    keystore_check_keyset(dir, kf, err, errlen) != 0)
		return NULL;
	w = calloc(1, sizeof(*w));
	if (w == NULL || pthread_mutex_init(&w->lock, NULL) != 0) {
		free(w);
		crypto_set_err(err, errlen, "out of memory");
		return NULL;
	}
	memcpy(w->dir, dir, dl + 1);
	(void)snprintf(w->domain, sizeof(w->domain), "%s", domain);
	w->shard = shard;
	w->chunk_log2 = CHUNK_LOG2;
	w->spill_at = KEYSTORE_SPILL_BYTES;
	w->ks_key_id = keyfile_ks_key_id(kf);
	memcpy(w->keyset_id, keyfile_keyset_id(kf), KEYFILE_IDLEN);
	memcpy(w->pub, keyfile_public(kf), KEYFILE_KEYLEN);
	w->cap = 1024;
	w->tab = calloc(w->cap, sizeof(*w->tab));
	w->ps = domain_tokeniser(kf, domain);
	if (w->tab == NULL || w->ps == NULL ||
	    domain_id(domain,
	    w->domain_id) != 0 || keyfile_subkey(kf, KEYFILE_SEGMENT_MAC,
	    domain, w->kseg) != 0) {
		keystore_writer_free(w);
		crypto_set_err(err, errlen, "cannot derive the keystore keys");
		return NULL;
	}
	return w;
}

int
keystore_writer_set_chunk_log2(struct keystore_writer *w, unsigned log2)
{
	if (log2 < CHUNK_LOG2_MIN || log2 > CHUNK_LOG2)
		return ERR_USAGE;
	w->chunk_log2 = log2;
	return 0;
}

int
keystore_writer_set_spill(struct keystore_writer *w, size_t bytes)
{
	if (bytes < 1024)
		return ERR_USAGE;
	w->spill_at = bytes;
	return 0;
}

size_t
keystore_writer_count(const struct keystore_writer *w)
{
	return w->spilled + w->n;
}

static void
arena_free(struct keystore_writer *w)
{
	struct arena_block *b, *next;

	for (b = w->arena; b != NULL; b = next) {
		next = b->next;
		crypto_wipe(b->data, b->used);
		free(b);
	}
	w->arena = NULL;
}

/*
 * n bytes (8-aligned) from w's arena; NULL when out of memory.  A value
 * too big to share a block gets one of its own behind the block being
 * filled, which stays first.
 */
static void *
arena_alloc(struct keystore_writer *w, size_t n)
{
	struct arena_block *b = w->arena, *nb;
	size_t cap;

	n = (n + 7) & ~(size_t)7;
	if (b != NULL && b->cap - b->used >= n) {
		b->used += n;
		return b->data + b->used - n;
	}
	cap = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
	nb = malloc(sizeof(*nb) + cap);
	if (nb == NULL)
		return NULL;
	nb->used = n;
	nb->cap = cap;
	if (b != NULL && cap == n) {
		nb->next = b->next;
		b->next = nb;
	} else {
		nb->next = b;
		w->arena = nb;
	}
	return nb->data;
}

static size_t
entry_size(const struct entry *e)
{
	return sizeof(*e) + e->vlen + e->rcap;
}

void
keystore_writer_free(struct keystore_writer *w)
{
	if (w == NULL)
		return;
	arena_free(w);
	free(w->tab);
	pseudonym_free(w->ps);
	crypto_wipe(w->kseg, sizeof(w->kseg));
	(void)pthread_mutex_destroy(&w->lock);
	free(w);
}

/* The home slot of key k in a table of cap slots. */
static size_t
slot_home(uint64_t k, size_t cap)
{
	k *= 0x9e3779b97f4a7c15ULL;
	return (size_t)(k ^ (k >> 32)) & (cap - 1);
}

/* The slot holding a's (type, tok), or the empty slot where it would go. */
static size_t
slot_find(const struct kslot *tab, size_t cap, const struct add *a)
{
	size_t i = slot_home(a->k, cap);

	while (tab[i].e != NULL && (tab[i].k != a->k ||
	    memcmp(tab[i].e->tok + KEYCHARS, a->tok + KEYCHARS,
	    TOKLEN - KEYCHARS) != 0))
		i = (i + 1) & (cap - 1);
	return i;
}

/* Double the table; entries move by their kept keys alone. */
static int
tab_grow(struct keystore_writer *w)
{
	struct kslot *nt;
	size_t i, j, ncap = w->cap * 2;

	nt = calloc(ncap, sizeof(*nt));
	if (nt == NULL)
		return ERR_NOMEM;
	for (i = 0; i < w->cap; i++) {
		if (w->tab[i].e == NULL)
			continue;
		for (j = slot_home(w->tab[i].k, ncap); nt[j].e != NULL;
		    j = (j + 1) & (ncap - 1))
			;
		nt[j] = w->tab[i];
	}
	free(w->tab);
	w->tab = nt;
	w->cap = ncap;
	return 0;
}

/* A new entry in w's arena holding copies of a's; NULL when out of memory. */
static struct entry *
entry_new(struct keystore_writer *w, const struct add *a)
{
	struct entry *e;

	e = arena_alloc(w, sizeof(*e) + a->vlen + a->rlen);
	if (e == NULL)
		return NULL;
	e->type = (uint8_t)a->type;
	e->vlen = (uint32_t)a->vlen;
	e->rlen = (uint32_t)a->rlen;
	e->rcap = (uint32_t)a->rlen;
	memcpy(e->tok, a->tok, TOKLEN);
	if (a->vlen > 0)
		memcpy(e->val, a->norm, a->vlen);
	if (a->rlen > 0)
		memcpy(e->val + a->vlen, a->raw, a->rlen);
	return e;
}

/*
 * Keep a's smaller raw form for the entry of slot i: over the old one
 * when it fits (the rest wiped), else in a new entry, the old one wiped
 * and counted as waste until the arena goes.
 */
static int
entry_replace(struct keystore_writer *w, size_t i, const struct add *a)
{
	struct entry *held = w->tab[i].e, *e;
	size_t old = held->rlen;

	if (a->rlen <= held->rcap) {
		if (a->rlen > 0)
			memcpy(held->val + held->vlen, a->raw, a->rlen);
		if (old > a->rlen)
			crypto_wipe(held->val + held->vlen + a->rlen,
			    old - a->rlen);
		held->rlen = (uint32_t)a->rlen;
	} else {
		e = entry_new(w, a);
		if (e == NULL)
			return ERR_NOMEM;
		w->waste += entry_size(held);
		crypto_wipe(held, entry_size(held));
		w->tab[i].e = e;
	}
	w->bytes += a->rlen;
	w->bytes -= old;
	return 1;
}

/*
 * Look a's (type, tok) up, under the lock, and keep a copy of a when
 * apply is set.  Returns 0 when there is nothing to do (held with this
 * value and a raw form no larger than a's), 1 when a is wanted (absent,
 * or held with a larger raw form) and, if apply, was kept, ERR_INTEGRITY
 * when held with another value (a collision), or ERR_NOMEM.  Nothing is
 * copied for an add the table already holds.
 */
static int
tab_put(struct keystore_writer *w, const struct add *a, int apply)
{
	struct entry *held, *e;
	size_t i;

	i = slot_find(w->tab, w->cap, a);
	held = w->tab[i].e;
	if (held != NULL) {
		if (held->vlen != a->vlen || (a->vlen > 0 &&
		    memcmp(held->val, a->norm, a->vlen) != 0))
			return ERR_INTEGRITY;
		if (raw_cmp((const unsigned char *)a->raw, a->rlen,
		    held->val + held->vlen, held->rlen) >= 0)
			return 0;
		return apply ? entry_replace(w, i, a) : 1;
	}
	if (!apply)
		return 1;
	if ((w->n + 1) * 2 > w->cap) {
		if (tab_grow(w) != 0)
			return ERR_NOMEM;
		i = slot_find(w->tab, w->cap, a);
	}
	e = entry_new(w, a);
	if (e == NULL)
		return ERR_NOMEM;
	w->tab[i].e = e;
	w->tab[i].k = a->k;
	w->n++;
	w->bytes += sizeof(*e) + sizeof(e) * 2 + a->vlen + a->rlen;
	return 1;
}

static int commit_locked(struct keystore_writer *w, char *err,
    size_t errlen);

/*
 * Seal what is held into a segment of its own and start empty, so that
 * memory stays bounded however many identifiers a run meets (KEYSTORE.md:
 * "spill extra sorted segments").  Readers merge segments, so where the
 * cut falls changes nothing they return.  Locked.
 */
static int
spill_locked(struct keystore_writer *w)
{
	char err[256];
	int r;

	r = commit_locked(w, err, sizeof(err));
	if (r != 0)
		return r;
	memset(w->tab, 0, w->cap * sizeof(*w->tab));
	arena_free(w);
	w->spilled += w->n;
	w->n = 0;
	w->bytes = 0;
	w->waste = 0;
	return 0;
}

/*
 * tab_put under the lock; ERR_USAGE once committed.  With check set,
 * an add the sample picks is only looked up, and gives 2 when it is
 * wanted, for the caller to check a and put it again without check.
 */
static int
tab_put_locked(struct keystore_writer *w, const struct add *a, int check)
{
	unsigned long long k;
	int r;

	if (pthread_mutex_lock(&w->lock) != 0)
		return ERR_INTERNAL;
	k = check ? w->adds++ : 1;
	if (w->committed) {
		r = ERR_USAGE;
	} else if (check && (k < VERIFY_FIRST || k % VERIFY_EVERY == 0)) {
		r = tab_put(w, a, 0);
		if (r == 1)
			r = 2;
	} else {
		r = tab_put(w, a, 1);
	}
	if (r == 1 && w->bytes + w->waste > w->spill_at) {
		int s = spill_locked(w);

		if (s != 0)
			r = s;
	}
	(void)pthread_mutex_unlock(&w->lock);
	return r;
}

int
keystore_writer_add(struct keystore_writer *w, enum phi_type type,
    const char *tok, const char *norm, size_t normlen, const char *raw,
    size_t rawlen)
{
	struct add a;
	int r;

	if ((unsigned)type >= PHI_NTYPES || tok == NULL ||
	    !tok_key(type, tok, &a.k) ||
	    normlen > PSEUDONYM_MAXNORM || (norm == NULL && normlen > 0) ||
	    rawlen > PSEUDONYM_MAXNORM || (raw == NULL && rawlen > 0))
		return ERR_USAGE;
	a.type = type;
	a.tok = tok;
	a.norm = norm;
	a.vlen = normlen;
	a.raw = raw;
	a.rlen = rawlen;
	r = tab_put_locked(w, &a, 1);

	/* Picked for a check: a bad record must not reach a segment. */
	if (r == 2 && (!tok_verify(w->ps, type, tok,
	    (const unsigned char *)norm, normlen) ||
	    !raw_verify(type, (const unsigned char *)raw, rawlen,
	    (const unsigned char *)norm, normlen)))
		r = ERR_USAGE;
	if (r == 2)
		r = tab_put_locked(w, &a, 0);
	return r < 0 ? r : 0;
}

/* An entry with its tok_key, to sort. */
struct sort_key {
	uint64_t k;
	struct entry *e;
};

/* Sort n keys at a by k: LSD radix, a byte a pass; tmp holds n more. */
static void
keys_radix(struct sort_key *a, struct sort_key *tmp, size_t n)
{
	size_t cnt[8][256];
	struct sort_key *src = a, *dst = tmp, *t;
	size_t i, sum, c;
	unsigned d, pass;

	memset(cnt, 0, sizeof(cnt));
	for (i = 0; i < n; i++) {
		for (pass = 0; pass < 8; pass++)
			cnt[pass][(a[i].k >> 8 * pass) & 255]++;
	}
	for (pass = 0; pass < 8; pass++) {
		/* A byte all keys share orders nothing. */
		if (n == 0 || cnt[pass][(a[0].k >> 8 * pass) & 255] == n)
			continue;
		for (sum = 0, d = 0; d < 256; d++) {
			c = cnt[pass][d];
			cnt[pass][d] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++)
			dst[cnt[pass][(src[i].k >> 8 * pass) & 255]++] = src[i];
		t = src;
		src = dst;
		dst = t;
	}
	if (src != a)
		memcpy(a, src, n * sizeof(*a));
}

/*
 * Order keys with one tok_key, which differ only after KEYCHARS
 * characters (rare: insertion sort).
 */
static void
keys_ties(struct sort_key *a, size_t n)
{
	struct sort_key x;
	size_t i, j;

	for (i = 1; i < n; i++) {
		if (a[i].k != a[i - 1].k)
			continue;
		x = a[i];
		for (j = i; j > 0 && a[j - 1].k == x.k &&
		    memcmp(a[j - 1].e->tok, x.e->tok, TOKLEN) > 0; j--)
			a[j] = a[j - 1];
		a[j] = x;
	}
}

/* The writer's entries, sorted (w->n of them); the array is new. */
static struct sort_key *
entries_sorted(const struct keystore_writer *w)
{
	struct sort_key *sk, *tmp;
	size_t i, k = 0;

	sk = malloc((w->n + 1) * sizeof(*sk));
	tmp = malloc((w->n + 1) * sizeof(*tmp));
	if (sk == NULL || tmp == NULL) {
		free(sk);
		free(tmp);
		return NULL;
	}
	for (i = 0; i < w->cap; i++) {
		if (w->tab[i].e != NULL) {
			sk[k].k = w->tab[i].k;
			sk[k++].e = w->tab[i].e;
		}
	}
	keys_radix(sk, tmp, k);
	keys_ties(sk, k);
	free(tmp);
	return sk;
}

/* Payload key from the shared secret, bound to both keys and header. */
static int
payload_key(const unsigned char *shared, const unsigned char *eph_pub,
    const unsigned char *b_pub, const unsigned char *hdr,
    unsigned char key[CRYPTO_KEYLEN])
{
	unsigned char salt[2 * KEYFILE_KEYLEN];
	unsigned char info[sizeof(payload_label) - 1 + MACOFF];

	memcpy(salt, eph_pub, KEYFILE_KEYLEN);
	memcpy(salt + KEYFILE_KEYLEN, b_pub, KEYFILE_KEYLEN);
	memcpy(info, payload_label, sizeof(payload_label) - 1);
	memcpy(info + sizeof(payload_label) - 1, hdr, MACOFF);
	return crypto_hkdf_sha256(shared, KEYFILE_KEYLEN, salt, sizeof(salt),
	    info, sizeof(info), key, CRYPTO_KEYLEN);
}

/* Fill the header, MAC it and derive the payload key for w's segment. */
static int
header_build(const struct keystore_writer *w, unsigned char *hdr,
    unsigned char key[CRYPTO_KEYLEN])
{
	unsigned char eph[KEYFILE_KEYLEN], shared[KEYFILE_KEYLEN];
	struct crypto_part part;
	int r;

	memset(hdr, 0, HDRLEN);
	memcpy(hdr, magic, sizeof(magic));
	hdr[8] = 1;
	hdr[9] = KIND_SEGMENT;
	hdr[10] = (unsigned char)w->chunk_log2;
	crypto_put32(hdr + 12, w->ks_key_id);
	memcpy(hdr + 16, w->keyset_id, KEYFILE_IDLEN);
	memcpy(hdr + 32, w->domain_id, 16);
	crypto_put32(hdr + 64, w->shard);
	crypto_put64(hdr + 72, (uint64_t)time(NULL));
	r = crypto_random(hdr + 48, 16);
	if (r == 0)
		r = crypto_x25519_keygen(eph, hdr + 120);
	if (r == 0)
		r = crypto_x25519(eph, w->pub, shared);
	if (r == 0)
		r = payload_key(shared, hdr + 120, w->pub, hdr, key);
	part.p = hdr;
	part.n = MACOFF;
	if (r == 0)
		r = crypto_hmac_sha256(w->kseg, KEYFILE_KEYLEN, &part, 1,
		    hdr + MACOFF);
	crypto_wipe(eph, sizeof(eph));
	crypto_wipe(shared, sizeof(shared));
	return r;
}

static void
nonce_make(unsigned char n[CRYPTO_NONCELEN], uint64_t ctr, int last)
{
	memset(n, 0, 3);
	crypto_put64(n + 3, ctr);
	n[11] = (unsigned char)last;
}

static int
seal_chunk(struct sealer *s, int last)
{
	unsigned char nonce[CRYPTO_NONCELEN];
	int r;

	nonce_make(nonce, s->ctr, last);
	r = crypto_aead_seal(s->key, nonce, NULL, 0, s->buf, s->fill, s->buf,
	    s->buf + s->fill);
	if (r == 0)
		r = crypto_write_all(s->fd, s->buf, s->fill + TAGLEN);
	s->ctr++;
	s->fill = 0;
	return r;
}

static int
seal_put(struct sealer *s, const void *p, size_t n)
{
	const unsigned char *q = p;
	size_t k;
	int r;

	while (n > 0) {
		if (s->fill == s->csize) {
			r = seal_chunk(s, 0);
			if (r != 0)
				return r;
		}
		k = s->csize - s->fill;
		if (k > n)
			k = n;
		memcpy(s->buf + s->fill, q, k);
		s->fill += k;
		q += k;
		n -= k;
	}
	return 0;
}

/* Entries ahead of the one written whose memory is fetched early. */
#define PREFETCH 8

/* Stream every record and END through the sealer, then the last chunk. */
static int
payload_write(struct sealer *s, const struct sort_key *v, size_t n)
{
	unsigned char rh[RECHDR + TOKLEN], end[ENDLEN], layout = LAYOUT;
	const struct entry *e;
	size_t i;
	int r;

	r = seal_put(s, &layout, 1);
	for (i = 0; i < n && r == 0; i++) {
		/* The entries are all over the arena: a cache miss each. */
		if (i + PREFETCH < n)
			__builtin_prefetch(v[i + PREFETCH].e);
		e = v[i].e;
		rh[0] = e->type;
		rh[1] = TOKLEN;
		crypto_put32(rh + 2, e->vlen);
		crypto_put32(rh + 6, e->rlen);
		memcpy(rh + RECHDR, e->tok, TOKLEN);
		r = seal_put(s, rh, sizeof(rh));
		if (r == 0)
			r = seal_put(s, e->val, (size_t)e->vlen + e->rlen);
	}
	end[0] = END_TYPE;
	crypto_put64(end + 1, n);
	if (r == 0)
		r = seal_put(s, end, sizeof(end));
	if (r == 0)
		r = seal_chunk(s, 1);
	return r;
}

/* Write header and payload to fd (the temporary file). */
static int
segment_write(const struct keystore_writer *w, int fd,
    const struct sort_key *v, const unsigned char *hdr,
    const unsigned char *key)
{
	struct sealer s;
	int r;

	memset(&s, 0, sizeof(s));
	s.fd = fd;
	s.csize = (size_t)1 << w->chunk_log2;
	memcpy(s.key, key, CRYPTO_KEYLEN);
	s.buf = malloc(s.csize + TAGLEN);
	r = s.buf == NULL ? ERR_NOMEM : crypto_write_all(fd, hdr, HDRLEN);
	if (r == 0)
		r = payload_write(&s, v, w->n);
	if (s.buf != NULL)
		crypto_wipe(s.buf, s.csize + TAGLEN);
	free(s.buf);
	crypto_wipe(s.key, sizeof(s.key));
	return r;
}

/* The final name of w's segment, from its domain and hdr's batch id. */
static int
segment_name(const struct keystore_writer *w, const unsigned char *hdr,
    char *path, size_t cap)
{
	char hex[33];
	size_t i;
	int n;

	for (i = 0; i < 16; i++) {
		hex[2 * i] = "0123456789abcdef"[hdr[48 + i] >> 4];
		hex[2 * i + 1] = "0123456789abcdef"[hdr[48 + i] & 15];
	}
	hex[32] = '\0';
	n = snprintf(path, cap, "%s/seg-%s-%s-%lu.dks", w->dir, w->domain,
	    hex, (unsigned long)w->shard);
	return n < 0 || (size_t)n >= cap ? ERR_TOOBIG : 0;
}

/* Seal everything into a temporary file and publish it; locked. */
static int
commit_locked(struct keystore_writer *w, char *err, size_t errlen)
{
	unsigned char hdr[HDRLEN], key[CRYPTO_KEYLEN];
	char tmp[PATH_MAX], final[PATH_MAX], prefix[32];
	struct sort_key *v;
	int fd = -1, r;

	v = entries_sorted(w);
	if (v == NULL)
		return ERR_NOMEM;
	r = header_build(w, hdr, key);
	(void)snprintf(prefix, sizeof(prefix), ".tmp-%lu-0-",
	    (unsigned long)w->shard);
	if (r == 0 && crypto_temp_open(w->dir, prefix, tmp, sizeof(tmp),
	    &fd) != 0) {
		crypto_set_err(err, errlen, "cannot create a file in '%s': %s",
		    w->dir, strerror(errno));
		r = ERR_IO;
	} else if (r == 0) {
		r = segment_write(w, fd, v, hdr, key);
		if (r == 0 && fsync(fd) != 0)
			r = ERR_IO;
		if (close(fd) != 0 && r == 0)
			r = ERR_IO;
		if (r == 0)
			r = segment_name(w, hdr, final, sizeof(final));
		if (r == 0)
			r = crypto_publish(tmp, final) == 0 ? 0 : ERR_IO;
		else
			(void)unlink(tmp);
		if (r != 0)
			crypto_set_err(err, errlen, "cannot write a segment in "
			    "'%s': %s", w->dir, err_str(r));
	} else {
		crypto_set_err(err, errlen, "cannot seal the segment: %s",
		    err_str(r));
	}
	crypto_wipe(key, sizeof(key));
	free(v);
	return r;
}

int
keystore_writer_commit(struct keystore_writer *w, char *err, size_t errlen)
{
	int r;

	if (pthread_mutex_lock(&w->lock) != 0)
		return ERR_INTERNAL;
	if (w->committed) {
		(void)pthread_mutex_unlock(&w->lock);
		crypto_set_err(err, errlen, "segment already committed");
		return ERR_USAGE;
	}
	r = commit_locked(w, err, errlen);
	if (r == 0)
		w->committed = 1;
	(void)pthread_mutex_unlock(&w->lock);
	return r;
}

/* ---- Reading ---------------------------------------------------------- */

/* A segment file of a keystore directory, its name parsed. */
struct segname {
	char *name;
	char domain[KEYFILE_MAXDOMAIN + 1];
	unsigned char batch[16];
	uint32_t shard;
	int legacy;		/* seg-<batch>-<shard>.dks: legacy domain */
};

/* What keystore_open checks the segment seg against; why it failed. */
struct opener {
	const struct keyfile *kf;
	const struct segname *seg;
	char domain[KEYFILE_MAXDOMAIN + 1];	/* whose keys these are */
	unsigned char kseg[KEYFILE_KEYLEN];
	unsigned char domain_id[16];
	struct pseudonym *ps;
	char why[192];
};

/* Note why the segment being read is refused; returns ERR_INTEGRITY. */
static int
refuse(struct opener *op, const char *why)
{
	(void)snprintf(op->why, sizeof(op->why), "%s", why);
	return ERR_INTEGRITY;
}

/* Check hdr's fixed fields, and that it is the header its name gives. */
static int
header_check(struct opener *op, const unsigned char *hdr)
{
	static const unsigned char zero[32];
	int same_domain;

	if (memcmp(hdr, magic, sizeof(magic)) != 0 || hdr[8] != 1 ||
	    hdr[9] != KIND_SEGMENT || hdr[10] < CHUNK_LOG2_MIN ||
	    hdr[10] > CHUNK_LOG2 || hdr[11] != 0 ||
	    crypto_get64(hdr + 80) != 0 || memcmp(hdr + 88, zero, 32) != 0)
		return refuse(op, "not a segment header (bad magic, version, "
		    "kind or reserved bytes)");
	if (!crypto_equal(hdr + 16, keyfile_keyset_id(op->kf), KEYFILE_IDLEN))
		return refuse(op, "written under another key set (wrong key "
		    "file)");
	same_domain = crypto_equal(hdr + 32, op->domain_id, 16);
	if (!same_domain && op->seg->legacy)
		return refuse(op, "old-style name without a domain, read as "
		    "domain " KEYSTORE_LEGACY_DOMAIN ", but its header is of "
		    "another domain: rename it seg-DOMAIN-BATCH-SHARD.dks");
	if (!same_domain)
		return refuse(op, "its header is of another domain than its "
		    "name gives (renamed file?)");
	if (memcmp(hdr + 48, op->seg->batch, 16) != 0 ||
	    crypto_get32(hdr + 64) != op->seg->shard)
		return refuse(op, "its header is of another batch or shard "
		    "than its name gives (renamed file?)");
	return 0;
}

/* Check a header and derive its payload key; ERR_INTEGRITY if bad. */
static int
header_open(struct opener *op, const unsigned char *hdr,
    unsigned char key[CRYPTO_KEYLEN])
{
	unsigned char mac[CRYPTO_MACLEN], shared[KEYFILE_KEYLEN];
	unsigned char bpub[KEYFILE_KEYLEN];
	const unsigned char *priv;
	struct crypto_part part;
	int r;

	r = header_check(op, hdr);
	if (r != 0)
		return r;
	part.p = hdr;
	part.n = MACOFF;
	r = crypto_hmac_sha256(op->kseg, KEYFILE_KEYLEN, &part, 1, mac);
	if (r != 0)
		return r;
	if (!crypto_equal(mac, hdr + MACOFF, CRYPTO_MACLEN))
		return refuse(op, "its header MAC fails (wrong key file, or "
		    "the header was tampered with)");
	priv = keyfile_private_for(op->kf, crypto_get32(hdr + 12));
	if (priv == NULL)
		return refuse(op, "sealed to a keystore key pair this key "
		    "file does not hold (wrong key file)");
	r = crypto_x25519_public(priv, bpub);
	if (r == 0)
		r = crypto_x25519(priv, hdr + 120, shared);
	if (r == 0)
		r = payload_key(shared, hdr + 120, bpub, hdr, key);
	crypto_wipe(shared, sizeof(shared));
	return r;
}

/* Open chunk i of nch (k plaintext bytes) from fd into out. */
static int
chunk_open(struct opener *op, int fd, const unsigned char *key, size_t i,
    size_t nch, unsigned char *ct, size_t k, unsigned char *out)
{
	unsigned char nonce[CRYPTO_NONCELEN];
	int r;

	r = crypto_read_all(fd, ct, k + TAGLEN);
	nonce_make(nonce, i, i + 1 == nch);
	if (r == 0)
		r = crypto_aead_open(key, nonce, NULL, 0, ct, k, ct + k, out);
	if (r == ERR_INTEGRITY)
		crypto_set_err(op->why,
		    sizeof(op->why), "chunk %zu of %zu fails "
		    "authentication (tampered with, truncated or reordered)",
		    i + 1, nch);
	return r;
}

/* Open every chunk of fd (payload of plen bytes) into *pt, *ptlen. */
static int
chunks_open(struct opener *op, int fd, size_t plen, unsigned log2,
    const unsigned char *key, unsigned char **pt, size_t *ptlen)
{
	unsigned char *ct, *out, extra;
	size_t csize = (size_t)1 << log2, nch, len, i, off = 0, k;
	int r = 0;

	nch = (plen + csize + TAGLEN - 1) / (csize + TAGLEN);
	if (nch == 0 || plen - (nch - 1) * (csize + TAGLEN) < TAGLEN + 1)
		return refuse(op, "truncated (its last chunk is too short)");
	len = plen - nch * TAGLEN;
	out = malloc(len);
	ct = malloc(csize + TAGLEN);
	if (out == NULL || ct == NULL) {
		free(out);
		free(ct);
		return ERR_NOMEM;
	}
	for (i = 0; i < nch && r == 0; i++) {
		k = i + 1 < nch ? csize : len - off;
		r = chunk_open(op, fd, key, i, nch, ct, k, out + off);
		off += k;
	}
	if (r == 0 && read(fd, &extra, 1) != 0)
		r = refuse(op, "bytes after its last chunk");
	free(ct);
	if (r != 0) {
		crypto_wipe(out, len);
		free(out);
		return r;
	}
	*pt = out;
	*ptlen = len;
	return 0;
}

/* Read and fully decrypt op's segment, in the directory dirfd. */
static int
segment_read(struct opener *op, int dirfd, unsigned char **pt,
    size_t *ptlen)
{
	unsigned char hdr[HDRLEN], key[CRYPTO_KEYLEN];
	struct stat st;
	int fd, r;

	fd = openat(dirfd, op->seg->name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return ERR_IO;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		r = refuse(op, "not a regular file");
	else if ((size_t)st.st_size < HDRLEN + TAGLEN + 1)
		r = refuse(op, "truncated (shorter than a header and a "
		    "chunk)");
	else
		r = crypto_read_all(fd, hdr, HDRLEN);
	if (r == 0)
		r = header_open(op, hdr, key);
	if (r == 0)
		r = chunks_open(op, fd, (size_t)st.st_size - HDRLEN, hdr[10],
		    key, pt, ptlen);
	crypto_wipe(key, sizeof(key));
	(void)close(fd);
	return r;
}

static int
recs_reserve(struct keystore *ks, size_t more)
{
	struct rec *nr;
	size_t ncap;

	if (ks->n + more <= ks->cap)
		return 0;
	ncap = ks->cap == 0 ? 256 : ks->cap;
	while (ncap < ks->n + more)
		ncap *= 2;
	nr = realloc(ks->recs, ncap * sizeof(*nr));
	if (nr == NULL)
		return ERR_NOMEM;
	ks->recs = nr;
	ks->cap = ncap;
	return 0;
}

/*
 * Check the record of left bytes at p (not END) against its predecessor
 * prev (NULL for the first); fill *rec and its length *reclen.
 */
static int
record_check(const struct opener *op, const unsigned char *p, size_t left,
    const struct rec *prev, struct rec *rec, size_t *reclen)
{
	uint32_t vlen, rlen;

	if (left < RECHDR + TOKLEN || p[0] >= PHI_NTYPES || p[1] != TOKLEN)
		return ERR_INTEGRITY;
	vlen = crypto_get32(p + 2);
	rlen = crypto_get32(p + 6);
	if (vlen > PSEUDONYM_MAXNORM || rlen > PSEUDONYM_MAXNORM ||
	    (size_t)vlen + rlen > left - RECHDR - TOKLEN ||
	    !tok_ok((const char *)p + RECHDR, TOKLEN))
		return ERR_INTEGRITY;
	rec->type = p[0];
	rec->tok = (const char *)p + RECHDR;
	rec->val = p + RECHDR + TOKLEN;
	rec->vlen = vlen;
	rec->raw = rec->val + vlen;
	rec->rlen = rlen;
	if (prev != NULL && key_cmp(prev->type, prev->tok, rec->type,
	    rec->tok) >= 0)
		return ERR_INTEGRITY;
	if (!tok_verify(op->ps, rec->type, rec->tok, rec->val, vlen) ||
	    !raw_verify(rec->type, rec->raw, rlen, rec->val, vlen))
		return ERR_INTEGRITY;
	*reclen = RECHDR + TOKLEN + (size_t)vlen + rlen;
	return 0;
}

/* Check one record at pt[*off]; append it to ks, or see END. */
static int
record_next(const struct opener *op, struct keystore *ks,
    const unsigned char *pt, size_t len, size_t *off, uint64_t *count)
{
	const unsigned char *p = pt + *off;
	struct rec *prev = *count > 0 ? &ks->recs[ks->n - 1] : NULL;
	size_t left = len - *off, reclen;
	struct rec rec;
	int r;

	if (left >= 1 && p[0] == END_TYPE) {
		if (left != ENDLEN || crypto_get64(p + 1) != *count)
			return ERR_INTEGRITY;
		*off = len;
		return 1;
	}
	r = record_check(op, p, left, prev, &rec, &reclen);
	if (r != 0)
		return r;
	if (recs_reserve(ks, 1) != 0)
		return ERR_NOMEM;
	rec.dom = (uint32_t)(ks->ndoms - 1);
	ks->recs[ks->n++] = rec;
	(*count)++;
	*off += reclen;
	return 0;
}

/* Take a verified plaintext: keep it and index its records. */
static int
segment_parse(struct opener *op, struct keystore *ks, unsigned char *pt,
    size_t len)
{
	unsigned char **nb;
	size_t *nl, off = 0;
	uint64_t count = 0;
	int r = 0;

	nb = realloc(ks->bufs, (ks->nbufs + 1) * sizeof(*nb));
	if (nb != NULL)
		ks->bufs = nb;
	nl = realloc(ks->blens, (ks->nbufs + 1) * sizeof(*nl));
	if (nl != NULL)
		ks->blens = nl;
	if (nb == NULL || nl == NULL) {
		crypto_wipe(pt, len);
		free(pt);
		return ERR_NOMEM;
	}
	ks->bufs[ks->nbufs] = pt;
	ks->blens[ks->nbufs] = len;
	ks->nbufs++;
	if (len < 1 || pt[0] != LAYOUT)
		return refuse(op, "another record layout (written by an "
		    "older veil?)");
	off = 1;
	while (r == 0)
		r = record_next(op, ks, pt, len, &off, &count);
	if (r == ERR_INTEGRITY)
		return refuse(op, "a record is malformed, out of order, "
		    "miscounted or not its token's value");
	return r == 1 ? 0 : r;
}

static int
rec_cmp(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	return key_cmp(x->type, x->tok, y->type, y->tok);
}

/*
 * Fold b, a record of a's (type, tok) from another segment, into a: the
 * same value keeps the smaller raw form, another value is ERR_INTEGRITY.
 */
static int
rec_fold(struct rec *a, const struct rec *b)
{
	if (a->vlen != b->vlen || (a->vlen > 0 && memcmp(a->val, b->val,
	    a->vlen) != 0))
		return ERR_INTEGRITY;
	if (raw_cmp(b->raw, b->rlen, a->raw, a->rlen) < 0) {
		a->raw = b->raw;
		a->rlen = b->rlen;
	}
	return 0;
}

/* Sort records of all segments and fold duplicates; count them. */
static int
recs_finish(struct keystore *ks)
{
	const struct rec *rc;
	size_t i, k = 0;

	if (ks->n > 0)
		qsort(ks->recs, ks->n, sizeof(*ks->recs), rec_cmp);
	for (i = 0; i < ks->n; i++) {
		if (k > 0 && rec_cmp(&ks->recs[k - 1], &ks->recs[i]) == 0) {
			if (rec_fold(&ks->recs[k - 1], &ks->recs[i]) != 0)
				return ERR_INTEGRITY;
			continue;
		}
		ks->recs[k++] = ks->recs[i];
	}
	ks->n = k;
	for (i = 0; i < k; i++) {
		rc = &ks->recs[i];
		ks->counts[rc->type]++;
		ks->doms[rc->dom].counts[rc->type]++;
	}
	return 0;
}

/* 1 when s (n bytes) is the lower-case hex of 16 bytes, put in b. */
static int
batch_parse(const char *s, size_t n, unsigned char b[16])
{
	const char *digits = "0123456789abcdef", *hi, *lo;
	size_t i;

	if (n != 32)
		return 0;
	for (i = 0; i < 16; i++) {
		hi = s[2 * i] != '\0' ? strchr(digits, s[2 * i]) : NULL;
		lo = s[2 * i + 1] != '\0' ? strchr(digits, s[2 * i + 1]) :
		    NULL;
		if (hi == NULL || lo == NULL)
			return 0;
		b[i] = (unsigned char)((hi - digits) << 4 | (lo - digits));
	}
	return 1;
}

/* 1 when s (n bytes) is a shard number as written (no leading zero). */
static int
shard_parse(const char *s, size_t n, uint32_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (n == 0 || n > 10 || (n > 1 && s[0] == '0'))
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	if (v > UINT32_MAX)
		return 0;
	*out = (uint32_t)v;
	return 1;
}

/* 1 for a name taken as a segment's: seg-*.dks (not .tmp-*). */
static int
is_segment(const char *name)
{
	size_t n = strlen(name);

	return n > 8 && strncmp(name, "seg-", 4) == 0 &&
	    strcmp(name + n - 4, ".dks") == 0;
}

/*
 * Parse a segment's name, seg-<domain>-<batch>-<shard>.dks or the
 * old-style seg-<batch>-<shard>.dks, into s (all but s->name); 1 when
 * it is one of these.
 */
static int
name_parse(const char *name, struct segname *s)
{
	const char *body = name + 4, *end, *d1, *d2, *b;
	size_t dl;

	if (!is_segment(name))
		return 0;
	end = name + strlen(name) - 4;
	d2 = memrchr(body, '-', (size_t)(end - body));
	if (d2 == NULL)
		return 0;
	d1 = memrchr(body, '-', (size_t)(d2 - body));
	b = d1 == NULL ? body : d1 + 1;
	if (!batch_parse(b, (size_t)(d2 - b), s->batch) ||
	    !shard_parse(d2 + 1, (size_t)(end - d2 - 1), &s->shard))
		return 0;
	s->legacy = d1 == NULL;
	if (s->legacy) {
		memcpy(s->domain, KEYSTORE_LEGACY_DOMAIN,
		    sizeof(KEYSTORE_LEGACY_DOMAIN));
		return 1;
	}
	dl = (size_t)(d1 - body);
	if (dl == 0 || dl > KEYFILE_MAXDOMAIN)
		return 0;
	memcpy(s->domain, body, dl);
	s->domain[dl] = '\0';
	return keyfile_domain_ok(s->domain);
}

/* Order of segments: domain, then name. */
static int
segname_cmp(const void *a, const void *b)
{
	const struct segname *x = a, *y = b;
	int c = strcmp(x->domain, y->domain);

	return c != 0 ? c : strcmp(x->name, y->name);
}

static void
segnames_free(struct segname *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

/* Copy name into out (cap bytes) with only printable ASCII, for err. */
static void
name_show(const char *name, char *out, size_t cap)
{
	size_t i;

	for (i = 0; name[i] != '\0' && i + 1 < cap; i++)
		out[i] = name[i] > ' ' && name[i] < 0x7f ? name[i] : '?';
	out[i] = '\0';
}

/* Add the segment called name to *v (n held) unless of another domain. */
static int
segname_add(const char *name, const char *domain, struct segname **v,
    size_t *n, char *err, size_t errlen)
{
	struct segname s, *nv;
	char shown[96];

	memset(&s, 0, sizeof(s));
	if (!name_parse(name, &s)) {
		name_show(name, shown, sizeof(shown));
		crypto_set_err(err, errlen,
		    "keystore segment '%s': its name is not "
		    "seg-DOMAIN-BATCH-SHARD.dks", shown);
		return ERR_INTEGRITY;
	}
	if (domain != NULL && strcmp(domain, s.domain) != 0)
		return 0;
	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (nv == NULL)
		return ERR_NOMEM;
	*v = nv;
	s.name = strdup(name);
	if (s.name == NULL)
		return ERR_NOMEM;
	nv[(*n)++] = s;
	return 0;
}

/*
 * The segments of the open directory d (of domain only, unless NULL),
 * sorted by domain then name.
 */
static int
segment_list(DIR *d, const char *domain, struct segname **out,
    size_t *nout, char *err, size_t errlen)
{
	struct dirent *de;
	struct segname *v = NULL;
	size_t n = 0;
	int r = 0;

	errno = 0;
	while (r == 0 && (de = readdir(d)) != NULL) {
		if (is_segment(de->d_name))
			r = segname_add(de->d_name, domain, &v, &n, err,
			    errlen);
	}
	if (r == 0 && errno != 0)
		r = ERR_IO;
	if (r != 0) {
		segnames_free(v, n);
		return r;
	}
	if (n > 0)
		qsort(v, n, sizeof(*v), segname_cmp);
	*out = v;
	*nout = n;
	return 0;
}

/* Make domain the last of ks's domains, with op holding its keys. */
static int
domain_enter(struct opener *op, struct keystore *ks, const char *domain)
{
	struct dom *nd;

	if (ks->ndoms > 0 && strcmp(ks->doms[ks->ndoms - 1].name,
	    domain) == 0)
		return 0;
	if (ks->ndoms >= UINT32_MAX)
		return ERR_TOOBIG;
	nd = realloc(ks->doms, (ks->ndoms + 1) * sizeof(*nd));
	if (nd == NULL)
		return ERR_NOMEM;
	ks->doms = nd;
	memset(&nd[ks->ndoms], 0, sizeof(*nd));
	(void)snprintf(nd[ks->ndoms].name, sizeof(nd->name), "%s", domain);
	ks->ndoms++;
	pseudonym_free(op->ps);
	op->ps = domain_tokeniser(op->kf, domain);
	if (op->ps == NULL || domain_id(domain, op->domain_id) != 0 ||
	    keyfile_subkey(op->kf, KEYFILE_SEGMENT_MAC, domain,
	    op->kseg) != 0)
		return ERR_CRYPTO;
	return 0;
}

/* Read, verify and index the segment s of the directory dirfd. */
static int
segment_load(struct opener *op, struct keystore *ks, int dirfd,
    const struct segname *s, char *err, size_t errlen)
{
	unsigned char *pt;
	size_t len;
	int r;

	op->seg = s;
	op->why[0] = '\0';
	r = segment_read(op, dirfd, &pt, &len);
	if (r == 0)
		r = segment_parse(op, ks, pt, len);
	if (r == ERR_INTEGRITY)
		crypto_set_err(err, errlen,
		    "keystore segment '%s': %s", s->name,
		    op->why[0] != '\0' ? op->why : "fails verification");
	else if (r != 0)
		crypto_set_err(err, errlen,
		    "cannot read keystore segment '%s': %s",
		    s->name, err_str(r));
	return r;
}

/* Read, verify and index the segments of d (of domain, unless NULL). */
static int
segments_load(struct opener *op, struct keystore *ks, DIR *d,
    const char *domain, char *err, size_t errlen)
{
	struct segname *v = NULL;
	size_t n = 0, i;
	int r;

	r = segment_list(d, domain, &v, &n, err, errlen);
	for (i = 0; i < n && r == 0; i++) {
		r = domain_enter(op, ks, v[i].domain);
		if (r != 0)
			crypto_set_err(err, errlen, "cannot derive the keys of "
			    "domain %s", v[i].domain);
		else
			r = segment_load(op, ks, dirfd(d), &v[i], err, errlen);
	}
	segnames_free(v, n);
	if (r == 0 && domain != NULL && ks->ndoms == 0)
		r = domain_enter(op, ks, domain);
	if (r == 0 && recs_finish(ks) != 0) {
		crypto_set_err(err, errlen, "keystore holds two values for one "
		    "token");
		r = ERR_INTEGRITY;
	}
	return r;
}

/*
 * Whether the segment called name in dirfd was written under kf's key
 * set: its header must read whole, carry kf's keyset_id and, when its
 * domain is the one its name gives, pass its MAC under that domain's
 * K_seg.  Renamed or misnamed segments are left to keystore_open.
 * Sets *why when it is not (ERR_INTEGRITY).
 */
static int
header_ours(int dirfd, const char *name, const struct keyfile *kf,
    const char **why)
{
	unsigned char hdr[HDRLEN], id[16], kseg[KEYFILE_KEYLEN];
	unsigned char mac[CRYPTO_MACLEN];
	struct crypto_part part;
	struct segname s;
	int fd, r;

	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return ERR_IO;
	r = crypto_read_all(fd, hdr, HDRLEN);
	(void)close(fd);
	*why = "not a segment header (truncated, or bad magic)";
	if (r != 0 || memcmp(hdr, magic, sizeof(magic)) != 0)
		return r == ERR_IO ? r : ERR_INTEGRITY;
	*why = "written under another key set (wrong key file)";
	if (!crypto_equal(hdr + 16, keyfile_keyset_id(kf), KEYFILE_IDLEN))
		return ERR_INTEGRITY;
	memset(&s, 0, sizeof(s));
	if (!name_parse(name, &s) || domain_id(s.domain, id) != 0 ||
	    !crypto_equal(hdr + 32, id, sizeof(id)))
		return 0;
	if (keyfile_subkey(kf, KEYFILE_SEGMENT_MAC, s.domain, kseg) != 0)
		return ERR_CRYPTO;
	part.p = hdr;
	part.n = MACOFF;
	r = crypto_hmac_sha256(kseg, KEYFILE_KEYLEN, &part, 1, mac);
	crypto_wipe(kseg, sizeof(kseg));
	*why = "its header MAC fails (wrong key file, or the header was "
	    "tampered with)";
	if (r == 0 && !crypto_equal(mac, hdr + MACOFF, CRYPTO_MACLEN))
		r = ERR_INTEGRITY;
	return r;
}

int
keystore_check_keyset(const char *dir, const struct keyfile *kf, char *err,
    size_t errlen)
{
	struct dirent *de;
	const char *why = "";
	char shown[96];
	DIR *d;
	int r = 0;

	d = opendir(dir);
	if (d == NULL) {
		crypto_set_err(err, errlen, "cannot open keystore '%s': %s",
		    dir, strerror(errno));
		return ERR_IO;
	}
	while (r == 0) {
		errno = 0;
		de = readdir(d);
		if (de == NULL)
			break;
		if (!is_segment(de->d_name))
			continue;
		r = header_ours(dirfd(d), de->d_name, kf, &why);
		name_show(de->d_name, shown, sizeof(shown));
		if (r == ERR_INTEGRITY)
			crypto_set_err(err, errlen, "keystore segment '%s': "
			    "%s; nothing written", shown, why);
		else if (r != 0)
			crypto_set_err(err, errlen, "cannot read keystore "
			    "segment '%s': %s", shown, err_str(r));
	}
	if (r == 0 && errno != 0) {
		crypto_set_err(err, errlen, "cannot read keystore '%s'", dir);
		r = ERR_IO;
	}
	(void)closedir(d);
	return r;
}

int
keystore_open(const char *dir, const struct keyfile *kf, const char *domain,
    struct keystore **out, char *err, size_t errlen)
{
	struct opener op;
	struct keystore *ks = NULL;
	DIR *d = NULL;
	int r = ERR_USAGE;

	*out = NULL;
	memset(&op, 0, sizeof(op));
	op.kf = kf;
	if (domain != NULL && !keyfile_domain_ok(domain)) {
		crypto_set_err(err, errlen, "bad linkage domain");
		goto out;
	}
	r = ERR_NOMEM;
	ks = calloc(1, sizeof(*ks));
	if (ks == NULL)
		goto out;
	r = ERR_IO;
	d = opendir(dir);
	if (d == NULL) {
		crypto_set_err(err, errlen,
		    "cannot open keystore '%s': %s", dir,
		    strerror(errno));
		goto out;
	}
	r = segments_load(&op, ks, d, domain, err, errlen);
out:
	if (d != NULL)
		(void)closedir(d);
	pseudonym_free(op.ps);
	crypto_wipe(op.kseg, sizeof(op.kseg));
	if (r != 0) {
		keystore_free(ks);
		return r;
	}
	*out = ks;
	return 0;
}

void
keystore_free(struct keystore *ks)
{
	size_t i;

	if (ks == NULL)
		return;
	for (i = 0; i < ks->nbufs; i++) {
		crypto_wipe(ks->bufs[i], ks->blens[i]);
		free(ks->bufs[i]);
	}
	free(ks->bufs);
	free(ks->blens);
	free(ks->recs);
	free(ks->doms);
	free(ks);
}

int
keystore_find(const struct keystore *ks, enum phi_type type,
    const char *tok, const char **value, size_t *vlen)
{
	struct rec key;
	const struct rec *hit;

	if ((unsigned)type >= PHI_NTYPES || tok == NULL ||
	    strnlen(tok, TOKLEN + 1) != TOKLEN || ks->n == 0)
		return ERR_NOTFOUND;
	key.type = (uint8_t)type;
	key.tok = tok;
	hit = bsearch(&key, ks->recs, ks->n, sizeof(*ks->recs), rec_cmp);
	if (hit == NULL)
		return ERR_NOTFOUND;
	*value = (const char *)hit->raw;
	*vlen = hit->rlen;
	return 0;
}

/* The count of type in counts (PHI_NTYPES: all; 0 if out of range). */
static size_t
count_of(const size_t *counts, int type)
{
	size_t i, n = 0;

	if (type == PHI_NTYPES) {
		for (i = 0; i < PHI_NTYPES; i++)
			n += counts[i];
		return n;
	}
	if (type < 0 || type >= PHI_NTYPES)
		return 0;
	return counts[type];
}

size_t
keystore_count(const struct keystore *ks, int type)
{
	return count_of(ks->counts, type);
}

size_t
keystore_ndomains(const struct keystore *ks)
{
	return ks->ndoms;
}

const char *
keystore_domain(const struct keystore *ks, size_t i)
{
	return i < ks->ndoms ? ks->doms[i].name : NULL;
}

size_t
keystore_domain_count(const struct keystore *ks, size_t i, int type)
{
	return i < ks->ndoms ? count_of(ks->doms[i].counts, type) : 0;
}

int
keystore_log_access(const char *dir, const struct keyfile *kf,
    const char *reason, size_t asked, size_t found, char *err,
    size_t errlen)
{
	unsigned char k[KEYFILE_KEYLEN];
	char path[PATH_MAX];
	int n, r;

	n = snprintf(path, sizeof(path), "%s/access.log", dir);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		crypto_set_err(err, errlen, "keystore path too long");
		return ERR_USAGE;
	}
	r = keyfile_subkey(kf, KEYFILE_AUDIT, NULL, k);
	if (r == 0)
		r = accesslog_append(path, k, reason, asked, found, err,
		    errlen);
	crypto_wipe(k, sizeof(k));
	return r;
}

int
keystore_verify_log(const char *path, const struct keyfile *kf, char *err,
    size_t errlen)
{
	unsigned char k[KEYFILE_KEYLEN];
	int r;

	r = keyfile_subkey(kf, KEYFILE_AUDIT, NULL, k);
	if (r == 0)
		r = accesslog_verify(path, k, err, errlen);
	crypto_wipe(k, sizeof(k));
	return r;
}
