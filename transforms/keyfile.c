/*
 * keyfile.c - veil.key: the master key set (see keyfile.h).
 *
 * On disk, big-endian (KEYSTORE.md (b)):
 *
 *   0   magic "\x89VKY\r\n\x1a\n"          8
 *   8   ver = 1                            1
 *   9   kdf: 1 scrypt, 0 none              1
 *   10  logN, r, p (0 when kdf = 0)        3
 *   13  reserved, zero                     3
 *   16  salt (zero when kdf = 0)           32
 *   48  keyset_id                          16
 *   64  nonce (zero when kdf = 0)          12
 *   76  len: body length                   4
 *   80  body, sealed (kdf 1) or clear      len
 *   80+len tag                             16
 *
 * kdf 1: body sealed with AES-256-GCM under KEK = scrypt(pass,
 * "veil/v1/keyfile\0" || salt, 2^logN, r = 8, p = 1), AAD = bytes 0..80.
 * kdf 0: tag = SHA-256("veil/v1/keyfile-clear\0" || bytes 0..80 || body)
 * truncated to 16 bytes, a checksum against damage (not an attacker).
 *
 * Body: R_link (32) | n u32 | n x { ks_key_id u32 | status u8
 * (1 primary, 2 decrypt-only) | created u64 | x25519 private (32) }.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "crypto.h"
#include "err.h"
#include "keyfile.h"

#define HDRLEN 80
#define TAGLEN CRYPTO_TAGLEN
#define MAXKEYS 16
#define KEYREC 45		/* id 4, status 1, created 8, private 32 */
#define BODYMIN (32 + 4 + KEYREC)
#define BODYMAX (32 + 4 + MAXKEYS * KEYREC)
#define LOGN_MIN KEYFILE_LOGN_MIN
#define LOGN_MAX KEYFILE_LOGN_MAX
#define SCRYPT_R 8
#define SCRYPT_P 1
#define STATUS_PRIMARY 1
#define STATUS_DECRYPT 2

static const unsigned char magic[8] = {
	0x89, 'V', 'K', 'Y', '\r', '\n', 0x1a, '\n'
};
static const char kek_label[] = "veil/v1/keyfile";	/* with its NUL */
static const char clear_label[] = "veil/v1/keyfile-clear";

struct kf_key {
	uint32_t id;
	uint8_t status;
	uint64_t created;
	unsigned char priv[KEYFILE_KEYLEN];
	unsigned char pub[KEYFILE_KEYLEN];
};

struct keyfile {
	unsigned char keyset_id[KEYFILE_IDLEN];
	unsigned char r_link[KEYFILE_KEYLEN];
	unsigned nkeys;
	unsigned primary;
	struct kf_key keys[MAXKEYS];
};

static struct keyfile *
kf_alloc(void)
{
	return OPENSSL_secure_zalloc(sizeof(struct keyfile));
}

void
keyfile_free(struct keyfile *kf)
{
	if (kf != NULL)
		OPENSSL_secure_clear_free(kf, sizeof(*kf));
}

/* KEK = scrypt(pass, label || salt, 2^logn, 8, 1). */
static int
derive_kek(const char *pass, size_t passlen, const unsigned char *salt,
    int logn, unsigned char kek[CRYPTO_KEYLEN])
{
	unsigned char s[sizeof(kek_label) + 32];

	memcpy(s, kek_label, sizeof(kek_label));
	memcpy(s + sizeof(kek_label), salt, 32);
	return crypto_scrypt(pass, passlen, s, sizeof(s), 1ULL << logn,
	    SCRYPT_R, SCRYPT_P, kek, CRYPTO_KEYLEN);
}

/* The kdf-0 checksum of header and body. */
static int
clear_tag(const unsigned char *hdr, const unsigned char *body, size_t len,
    unsigned char tag[TAGLEN])
{
	struct crypto_part parts[3];
	unsigned char md[CRYPTO_MACLEN];
	int r;

	parts[0].p = clear_label;
	parts[0].n = sizeof(clear_label);
	parts[1].p = hdr;
	parts[1].n = HDRLEN;
	parts[2].p = body;
	parts[2].n = len;
	r = crypto_sha256(parts, 3, md);
	if (r == 0)
		memcpy(tag, md, TAGLEN);
	return r;
}

/* Serialise kf's body into body (BODYMAX bytes); returns its length. */
static size_t
body_put(const struct keyfile *kf, unsigned char *body)
{
	unsigned char *p = body;
	unsigned i;

	memcpy(p, kf->r_link, KEYFILE_KEYLEN);
	p += KEYFILE_KEYLEN;
	crypto_put32(p, kf->nkeys);
	p += 4;
	for (i = 0; i < kf->nkeys; i++) {
		crypto_put32(p, kf->keys[i].id);
		p[4] = kf->keys[i].status;
		crypto_put64(p + 5, kf->keys[i].created);
		memcpy(p + 13, kf->keys[i].priv, KEYFILE_KEYLEN);
		p += KEYREC;
	}
	return (size_t)(p - body);
}

/* Parse and check a body; fills kf (keys, primary) or ERR_INTEGRITY. */
static int
body_get(struct keyfile *kf, const unsigned char *body, size_t len)
{
	const unsigned char *p;
	unsigned i, j, nprimary = 0;
	uint32_t n;

	if (len < BODYMIN || len > BODYMAX)
		return ERR_INTEGRITY;
	n = crypto_get32(body + KEYFILE_KEYLEN);
	if (n == 0 || n > MAXKEYS || len != 36 + (size_t)n * KEYREC)
		return ERR_INTEGRITY;
	memcpy(kf->r_link, body, KEYFILE_KEYLEN);
	kf->nkeys = n;
	p = body + 36;
	for (i = 0; i < n; i++, p += KEYREC) {
		kf->keys[i].id = crypto_get32(p);
		kf->keys[i].status = p[4];
		kf->keys[i].created = crypto_get64(p + 5);
		memcpy(kf->keys[i].priv, p + 13, KEYFILE_KEYLEN);
		if (p[4] != STATUS_PRIMARY && p[4] != STATUS_DECRYPT)
			return ERR_INTEGRITY;
		if (p[4] == STATUS_PRIMARY) {
			kf->primary = i;
			nprimary++;
		}
		for (j = 0; j < i; j++) {
			if (kf->keys[j].id == kf->keys[i].id)
				return ERR_INTEGRITY;
		}
		if (crypto_x25519_public(kf->keys[i].priv,
		    kf->keys[i].pub) != 0)
			return ERR_INTEGRITY;
	}
	return nprimary == 1 ? 0 : ERR_INTEGRITY;
}

/* A new key set: random keyset_id, R_link and one X25519 key pair. */
static int
kf_fresh(struct keyfile *kf)
{
	unsigned char id[4];
	int r;

	r = crypto_random(kf->keyset_id, KEYFILE_IDLEN);
	if (r == 0)
		r = crypto_random_priv(kf->r_link, KEYFILE_KEYLEN);
	if (r == 0)
		r = crypto_random(id, sizeof(id));
	if (r == 0)
		r = crypto_x25519_keygen(kf->keys[0].priv, kf->keys[0].pub);
	if (r != 0)
		return r;
	kf->nkeys = 1;
	kf->primary = 0;
	kf->keys[0].id = crypto_get32(id);
	kf->keys[0].status = STATUS_PRIMARY;
	kf->keys[0].created = (uint64_t)time(NULL);
	return 0;
}

/*
 * Build the file image of kf in buf (HDRLEN + BODYMAX + TAGLEN bytes),
 * wrapped under pass at 2^logn when pass is not NULL.  *n gets its size.
 */
static int
image_build(const struct keyfile *kf, const char *pass, size_t passlen,
    int logn, unsigned char *buf, size_t *n)
{
	unsigned char kek[CRYPTO_KEYLEN];
	unsigned char *body = buf + HDRLEN;
	size_t len;
	int r;

	memset(buf, 0, HDRLEN);
	memcpy(buf, magic, sizeof(magic));
	buf[8] = 1;
	memcpy(buf + 48, kf->keyset_id, KEYFILE_IDLEN);
	len = body_put(kf, body);
	crypto_put32(buf + 76, (uint32_t)len);
	*n = HDRLEN + len + TAGLEN;
	if (pass == NULL)
		return clear_tag(buf, body, len, body + len);

	buf[9] = 1;
	buf[10] = (unsigned char)logn;
	buf[11] = SCRYPT_R;
	buf[12] = SCRYPT_P;
	r = crypto_random(buf + 16, 32);
	if (r == 0)
		r = crypto_random(buf + 64, CRYPTO_NONCELEN);
	if (r == 0)
		r = derive_kek(pass, passlen, buf + 16, logn, kek);
	if (r == 0)
		r = crypto_aead_seal(kek, buf + 64, buf, HDRLEN, body, len,
		    body, body + len);
	crypto_wipe(kek, sizeof(kek));
	return r;
}

/* Write image to a temporary file beside path and publish it. */
static int
image_write(const char *path, const unsigned char *img, size_t n,
    char *err, size_t errlen)
{
	char dir[4096], tmp[4096 + 64];
	const char *slash;
	size_t dl;
	int fd = -1, r;

	slash = strrchr(path, '/');
	dl = slash == NULL ? 1 : (slash == path ? 1 : (size_t)(slash - path));
	if (dl >= sizeof(dir)) {
		crypto_set_err(err, errlen, "key file path too long");
		return ERR_USAGE;
	}
	memcpy(dir, slash == NULL ? "." : path, dl);
	dir[dl] = '\0';
	r = crypto_temp_open(dir, ".tmp-key-", tmp, sizeof(tmp), &fd);
	if (r != 0) {
		crypto_set_err(err, errlen,
		    "cannot create a file in '%s': %s", dir,
		    strerror(errno));
		return r == ERR_TOOBIG ? ERR_USAGE : ERR_IO;
	}
	r = crypto_write_all(fd, img, n);
	if (r == 0 && fsync(fd) != 0)
		r = ERR_IO;
	if (close(fd) != 0)
		r = ERR_IO;
	if (r != 0) {
		crypto_set_err(err, errlen, "cannot write '%s': %s", tmp,
		    strerror(errno));
		(void)unlink(tmp);
		return ERR_IO;
	}
	r = crypto_publish(tmp, path);
	if (r == ERR_USAGE)
		crypto_set_err(err, errlen,
		    "'%s' exists: not overwritten", path);
	else if (r != 0)
		crypto_set_err(err, errlen, "cannot create '%s': %s", path,
		    strerror(errno));
	return r;
}

int
keyfile_generate(const char *path, const char *pass, size_t passlen,
    int logn, char *err, size_t errlen)
{
	unsigned char img[HDRLEN + BODYMAX + TAGLEN];
	struct stat st;
	struct keyfile *kf;
	size_t n = 0;
	int r;

	if (pass != NULL && (logn < LOGN_MIN || logn > LOGN_MAX)) {
		crypto_set_err(err, errlen, "scrypt cost logN must be %d..%d",
		    LOGN_MIN, LOGN_MAX);
		return ERR_USAGE;
	}
	if (lstat(path, &st) == 0) {
		crypto_set_err(err, errlen,
		    "'%s' exists: not overwritten", path);
		return ERR_USAGE;
	}
	kf = kf_alloc();
	if (kf == NULL) {
		crypto_set_err(err, errlen, "out of memory");
		return ERR_NOMEM;
	}
	r = kf_fresh(kf);
	if (r == 0)
		r = image_build(kf, pass, passlen, logn, img, &n);
	keyfile_free(kf);
	if (r != 0) {
		crypto_set_err(err, errlen,
		    "cannot create the keys: %s", err_str(r));
		crypto_wipe(img, sizeof(img));
		return ERR_CRYPTO;
	}
	r = image_write(path, img, n, err, errlen);
	crypto_wipe(img, sizeof(img));
	return r;
}

/* Check a header read from a file of size bytes; ERR_INTEGRITY if bad. */
static int
header_check(const unsigned char *h, size_t size)
{
	static const unsigned char zero[32];
	uint32_t len;

	if (memcmp(h, magic, sizeof(magic)) != 0 || h[8] != 1 ||
	    memcmp(h + 13, zero, 3) != 0)
		return ERR_INTEGRITY;
	len = crypto_get32(h + 76);
	if (len < BODYMIN || len > BODYMAX ||
	    size != HDRLEN + (size_t)len + TAGLEN)
		return ERR_INTEGRITY;
	if (h[9] == 0) {
		if (memcmp(h + 10, zero, 3) != 0 ||
		    memcmp(h + 16, zero, 32) != 0 ||
		    memcmp(h + 64, zero, CRYPTO_NONCELEN) != 0)
			return ERR_INTEGRITY;
		return 0;
	}
	if (h[9] != 1 || h[10] < LOGN_MIN || h[10] > LOGN_MAX ||
	    h[11] != SCRYPT_R || h[12] != SCRYPT_P)
		return ERR_INTEGRITY;
	return 0;
}

/* Read the whole of path (a private file) into buf; *n gets its size. */
static int
file_read(const char *path, unsigned char *buf, size_t cap, size_t *n,
    char *err, size_t errlen)
{
	unsigned char extra;
	size_t size = 0;
	int fd = -1, r;

	r = crypto_open_secret(path, &fd, &size);
	if (r == ERR_PERM) {
		crypto_set_err(err, errlen,
		    "'%s' must be a regular file owned by "
		    "you with mode 0600 (not a link)", path);
		return r;
	}
	if (r != 0) {
		crypto_set_err(err, errlen, "cannot open '%s': %s", path,
		    strerror(errno));
		return r;
	}
	if (size < HDRLEN + BODYMIN + TAGLEN || size > cap)
		r = ERR_INTEGRITY;
	if (r == 0)
		r = crypto_read_all(fd, buf, size);
	if (r == 0 && read(fd, &extra, 1) != 0)
		r = ERR_INTEGRITY;
	(void)close(fd);
	if (r == ERR_IO)
		crypto_set_err(err, errlen, "cannot read '%s': %s", path,
		    strerror(errno));
	else if (r != 0)
		crypto_set_err(err, errlen, "'%s' is not a veil key file or is "
		    "truncated", path);
	*n = size;
	return r;
}

/* Unwrap (or checksum) the body of img in place and parse it into kf. */
static int
image_open(struct keyfile *kf, unsigned char *img, size_t n,
    const char *pass, size_t passlen)
{
	unsigned char kek[CRYPTO_KEYLEN], tag[TAGLEN];
	unsigned char *body = img + HDRLEN;
	size_t len = n - HDRLEN - TAGLEN;
	int r;

	if (img[9] == 0) {
		r = clear_tag(img, body, len, tag);
		if (r == 0 && !crypto_equal(tag, body + len, TAGLEN))
			r = ERR_INTEGRITY;
	} else {
		r = derive_kek(pass, passlen, img + 16, img[10], kek);
		if (r == 0)
			r = crypto_aead_open(kek, img + 64, img, HDRLEN, body,
			    len, body + len, body);
		crypto_wipe(kek, sizeof(kek));
	}
	if (r == 0)
		r = body_get(kf, body, len);
	memcpy(kf->keyset_id, img + 48, KEYFILE_IDLEN);
	return r;
}

int
keyfile_load(const char *path, const char *pass, size_t passlen,
    struct keyfile **out, char *err, size_t errlen)
{
	unsigned char img[HDRLEN + BODYMAX + TAGLEN];
	struct keyfile *kf = NULL;
	size_t n = 0;
	int r;

	*out = NULL;
	r = file_read(path, img, sizeof(img), &n, err, errlen);
	if (r == 0 && header_check(img, n) != 0) {
		crypto_set_err(err, errlen, "'%s' is not a veil key file or is "
		    "damaged", path);
		r = ERR_INTEGRITY;
	}
	if (r == 0 && img[9] == 1 && pass == NULL) {
		crypto_set_err(err, errlen, "'%s' needs a passphrase", path);
		r = ERR_USAGE;
	}
	if (r == 0) {
		kf = kf_alloc();
		r = kf == NULL ? ERR_NOMEM : image_open(kf, img, n, pass,
		    passlen);
		if (r == ERR_INTEGRITY)
			crypto_set_err(err, errlen,
			    "wrong passphrase, or '%s' is "
			    "damaged", path);
		else if (r != 0)
			crypto_set_err(err, errlen,
			    "cannot unlock '%s': %s", path,
			    err_str(r));
	}
	crypto_wipe(img, sizeof(img));
	if (r != 0) {
		keyfile_free(kf);
		return r;
	}
	*out = kf;
	return 0;
}

int
keyfile_is_wrapped(const char *path)
{
	unsigned char img[HDRLEN + BODYMAX + TAGLEN];
	size_t n = 0;
	int r;

	r = file_read(path, img, sizeof(img), &n, NULL, 0);
	if (r == 0)
		r = header_check(img, n);
	if (r == 0)
		r = img[9] == 1;
	crypto_wipe(img, sizeof(img));
	return r;
}

/* The HKDF info label of each purpose, with the NUL where one is used. */
static const struct {
	const char *label;
	size_t len;
	int domain;
} purposes[] = {
	[KEYFILE_PSEUDONYM] = { "veil/v1/pseudonym", 18, 1 },
	[KEYFILE_DATESHIFT] = { "veil/v1/dateshift", 18, 1 },
	[KEYFILE_SEGMENT_MAC] = { "veil/v1/segment-mac", 20, 1 },
	[KEYFILE_AUDIT] = { "veil/v1/audit", 13, 0 },
};

int
keyfile_domain_ok(const char *domain)
{
	size_t i;

	if (domain == NULL || domain[0] == '\0')
		return 0;
	for (i = 0; domain[i] != '\0'; i++) {
		if (i >= KEYFILE_MAXDOMAIN)
			return 0;
		if (!((domain[i] >= 'A' && domain[i] <= 'Z') ||
		    (domain[i] >= 'a' && domain[i] <= 'z') ||
		    (domain[i] >= '0' && domain[i] <= '9') || domain[i] == '_'))
			return 0;
	}
	return 1;
}

int
keyfile_subkey(const struct keyfile *kf, enum keyfile_purpose purpose,
    const char *domain, unsigned char out[KEYFILE_KEYLEN])
{
	unsigned char info[32 + KEYFILE_MAXDOMAIN];
	size_t n, dl = 0;
	int r;

	if ((unsigned)purpose > KEYFILE_AUDIT)
		return ERR_USAGE;
	n = purposes[purpose].len;
	memcpy(info, purposes[purpose].label, n);
	if (purposes[purpose].domain) {
		if (!keyfile_domain_ok(domain))
			return ERR_USAGE;
		dl = strlen(domain);
		memcpy(info + n, domain, dl);
	}
	r = crypto_hkdf_sha256(kf->r_link, KEYFILE_KEYLEN, kf->keyset_id,
	    KEYFILE_IDLEN, info, n + dl, out, KEYFILE_KEYLEN);
	return r == 0 ? 0 : ERR_CRYPTO;
}

const unsigned char *
keyfile_keyset_id(const struct keyfile *kf)
{
	return kf->keyset_id;
}

const unsigned char *
keyfile_public(const struct keyfile *kf)
{
	return kf->keys[kf->primary].pub;
}

const unsigned char *
keyfile_private(const struct keyfile *kf)
{
	return kf->keys[kf->primary].priv;
}

unsigned
keyfile_ks_key_id(const struct keyfile *kf)
{
	return kf->keys[kf->primary].id;
}

const unsigned char *
keyfile_private_for(const struct keyfile *kf, unsigned ks_key_id)
{
	unsigned i;

	for (i = 0; i < kf->nkeys; i++) {
		if (kf->keys[i].id == ks_key_id)
			return kf->keys[i].priv;
	}
	return NULL;
}
