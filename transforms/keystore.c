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

/* One record held by a writer. */
struct entry {
	uint32_t vlen;
	uint32_t rlen;
	uint8_t type;
	char tok[TOKLEN];
	unsigned char val[];	/* norm (vlen bytes), then raw (rlen) */
};

/* A writer's table slot: the entry's tok_hash beside it. */
struct kslot {
	size_t h;
	struct entry *e;	/* NULL: free */
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
	size_t bytes;		/* held by the entries */
	size_t spilled;		/* entries sealed into earlier segments */
	size_t spill_at;	/* seal a segment once bytes pass this */
	unsigned long long adds; /* adds so far, for the checks' sample */
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

/* 1 when tok is exactly TOKLEN characters of lower-case base32. */
static int
tok_ok(const char *tok, size_t n)
{
	size_t i;

	if (n != TOKLEN)
		return 0;
	for (i = 0; i < n; i++) {
		if (!((tok[i] >= 'a' && tok[i] <= 'z') ||
		    (tok[i] >= '2' && tok[i] <= '7')))
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
	char *norm = NULL;
	size_t nlen = 0;
	int ok;

	if (pseudonym_norm((enum phi_type)type, rlen > 0 ? (const char *)raw :
	    "", rlen, &norm, &nlen) != 0)
		return 0;
	ok = nlen == vlen && (vlen == 0 || memcmp(norm, val, vlen) == 0);
	crypto_wipe(norm, nlen);
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
entry_free(struct entry *e)
{
	if (e == NULL)
		return;
	crypto_wipe(e, sizeof(*e) + e->vlen + e->rlen);
	free(e);
}

void
keystore_writer_free(struct keystore_writer *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; w->tab != NULL && i < w->cap; i++)
		entry_free(w->tab[i].e);
	free(w->tab);
	pseudonym_free(w->ps);
	crypto_wipe(w->kseg, sizeof(w->kseg));
	(void)pthread_mutex_destroy(&w->lock);
	free(w);
}

static size_t
tok_hash(unsigned type, const char *tok)
{
	uint64_t h = 14695981039346656037ULL ^ type;
	size_t i;

	for (i = 0; i < TOKLEN; i++) {
		h ^= (unsigned char)tok[i];
		h *= 1099511628211ULL;
	}
	return (size_t)(h ^ (h >> 29));
}

/*
 * The slot holding (type, tok), whose tok_hash is h, or the empty slot
 * where it would go.  The hash beside each entry spares a probe the
 * trip to the entry (a cache miss in a big table) unless it may match.
 */
static size_t
slot_find(const struct kslot *tab, size_t cap, size_t h, unsigned type,
    const char *tok)
{
	size_t i = h & (cap - 1);

	while (tab[i].e != NULL && (tab[i].h != h || key_cmp(tab[i].e->type,
	    tab[i].e->tok, type, tok) != 0))
		i = (i + 1) & (cap - 1);
	return i;
}

/* Double the table; entries move by their kept hashes alone. */
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
		for (j = w->tab[i].h & (ncap - 1); nt[j].e != NULL;
		    j = (j + 1) & (ncap - 1))
			;
		nt[j] = w->tab[i];
	}
	free(w->tab);
	w->tab = nt;
	w->cap = ncap;
	return 0;
}

/*
 * Look e's (type, tok) up, under the lock, and keep e when apply is set.
 * Returns 0 when there is nothing to do (held with this value and a raw
 * form no larger than e's), 1 when e is wanted (absent, or held with a
 * larger raw form) and, if apply, was kept (a replaced entry goes to
 * *old for the caller to free), ERR_INTEGRITY when held with another
 * value (a collision), or ERR_NOMEM.
 */
static int
tab_put(struct keystore_writer *w, struct entry *e, int apply,
    struct entry **old)
{
	struct entry *held;
	size_t i, h = tok_hash(e->type, e->tok);

	i = slot_find(w->tab, w->cap, h, e->type, e->tok);
	held = w->tab[i].e;
	if (held != NULL) {
		if (held->vlen != e->vlen || (e->vlen > 0 &&
		    memcmp(held->val, e->val, e->vlen) != 0))
			return ERR_INTEGRITY;
		if (raw_cmp(e->val + e->vlen, e->rlen, held->val + held->vlen,
		    held->rlen) >= 0)
			return 0;
		if (apply) {
			w->tab[i].e = e;
			*old = held;
			w->bytes += e->vlen + e->rlen;
			w->bytes -= held->vlen + held->rlen;
		}
		return 1;
	}
	if (!apply)
		return 1;
	if ((w->n + 1) * 2 > w->cap) {
		if (tab_grow(w) != 0)
			return ERR_NOMEM;
		i = slot_find(w->tab, w->cap, h, e->type, e->tok);
	}
	w->tab[i].e = e;
	w->tab[i].h = h;
	w->n++;
	w->bytes += sizeof(*e) + sizeof(e) * 2 + e->vlen + e->rlen;
	return 1;
}

/* A new entry holding copies of norm and raw; NULL when out of memory. */
static struct entry *
entry_new(unsigned type, const char *tok, const char *norm, size_t vlen,
    const char *raw, size_t rlen)
{
	struct entry *e;

	e = malloc(sizeof(*e) + vlen + rlen);
	if (e == NULL)
		return NULL;
	e->type = (uint8_t)type;
	e->vlen = (uint32_t)vlen;
	e->rlen = (uint32_t)rlen;
	memcpy(e->tok, tok, TOKLEN);
	if (vlen > 0)
		memcpy(e->val, norm, vlen);
	if (rlen > 0)
		memcpy(e->val + vlen, raw, rlen);
	return e;
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
	size_t i;
	int r;

	r = commit_locked(w, err, sizeof(err));
	if (r != 0)
		return r;
	for (i = 0; i < w->cap; i++) {
		entry_free(w->tab[i].e);
		w->tab[i].e = NULL;
	}
	w->spilled += w->n;
	w->n = 0;
	w->bytes = 0;
	return 0;
}

/*
 * tab_put under the lock; ERR_USAGE once committed.  With check set,
 * an add the sample picks is only looked up, and gives 2 when it is
 * wanted, for the caller to check e and put it again without check.
 */
static int
tab_put_locked(struct keystore_writer *w, struct entry *e, int check,
    struct entry **old)
{
	unsigned long long k;
	int r;

	if (pthread_mutex_lock(&w->lock) != 0)
		return ERR_INTERNAL;
	k = check ? w->adds++ : 1;
	if (w->committed) {
		r = ERR_USAGE;
	} else if (check && (k < VERIFY_FIRST || k % VERIFY_EVERY == 0)) {
		r = tab_put(w, e, 0, NULL);
		if (r == 1)
			r = 2;
	} else {
		r = tab_put(w, e, 1, old);
	}
	if (r == 1 && w->bytes > w->spill_at) {
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
	struct entry *e, *old = NULL;
	int r;

	if ((unsigned)type >= PHI_NTYPES || tok == NULL ||
	    !tok_ok(tok, strnlen(tok, TOKLEN + 1)) ||
	    normlen > PSEUDONYM_MAXNORM || (norm == NULL && normlen > 0) ||
	    rawlen > PSEUDONYM_MAXNORM || (raw == NULL && rawlen > 0))
		return ERR_USAGE;
	e = entry_new(type, tok, norm, normlen, raw, rawlen);
	if (e == NULL)
		return ERR_NOMEM;
	r = tab_put_locked(w, e, 1, &old);

	/* Picked for a check: a bad record must not reach a segment. */
	if (r == 2 && (!tok_verify(w->ps, type, tok, e->val, normlen) ||
	    !raw_verify(type, e->val + normlen, rawlen, e->val, normlen)))
		r = ERR_USAGE;
	if (r == 2)
		r = tab_put_locked(w, e, 0, &old);
	if (r != 1)
		entry_free(e);
	entry_free(old);
	return r < 0 ? r : 0;
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = *(const struct entry *const *)a;
	const struct entry *y = *(const struct entry *const *)b;

	return key_cmp(x->type, x->tok, y->type, y->tok);
}

/* An entry with its type and first seven token bytes as one number. */
struct sort_key {
	uint64_t k;
	struct entry *e;
};

_Static_assert(PHI_NTYPES <= 256, "a type fits sort_key's top byte");

/* entry_cmp's order, mostly without reaching the entries. */
static int
sort_key_cmp(const void *a, const void *b)
{
	const struct sort_key *x = a, *y = b;

	if (x->k != y->k)
		return x->k < y->k ? -1 : 1;
	return entry_cmp(&x->e, &y->e);
}

static uint64_t
sort_key(const struct entry *e)
{
	uint64_t k = e->type;
	size_t i;

	for (i = 0; i < 7 && i < TOKLEN; i++)
		k = k << 8 | (unsigned char)e->tok[i];
	return k << 8 * (7 - i);
}

/* The writer's entries, sorted; the array (not the entries) is new. */
static struct entry **
entries_sorted(const struct keystore_writer *w)
{
	struct sort_key *sk;
	struct entry **v;
	size_t i, k = 0;

	v = malloc((w->n + 1) * sizeof(struct entry *));
	sk = malloc((w->n + 1) * sizeof(*sk));
	if (v == NULL || sk == NULL) {
		free(v);
		free(sk);
		return NULL;
	}
	for (i = 0; i < w->cap; i++) {
		if (w->tab[i].e != NULL) {
			sk[k].k = sort_key(w->tab[i].e);
			sk[k++].e = w->tab[i].e;
		}
	}
	qsort(sk, k, sizeof(*sk), sort_key_cmp);
	for (i = 0; i < k; i++)
		v[i] = sk[i].e;
	free(sk);
	return v;
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

/* Stream every record and END through the sealer, then the last chunk. */
static int
payload_write(struct sealer *s, struct entry **v, size_t n)
{
	unsigned char rh[RECHDR], end[ENDLEN], layout = LAYOUT;
	size_t i;
	int r;

	r = seal_put(s, &layout, 1);
	for (i = 0; i < n && r == 0; i++) {
		rh[0] = v[i]->type;
		rh[1] = TOKLEN;
		crypto_put32(rh + 2, v[i]->vlen);
		crypto_put32(rh + 6, v[i]->rlen);
		r = seal_put(s, rh, sizeof(rh));
		if (r == 0)
			r = seal_put(s, v[i]->tok, TOKLEN);
		if (r == 0)
			r = seal_put(s, v[i]->val, v[i]->vlen + v[i]->rlen);
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
segment_write(const struct keystore_writer *w, int fd, struct entry **v,
    const unsigned char *hdr, const unsigned char *key)
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
	struct entry **v;
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
