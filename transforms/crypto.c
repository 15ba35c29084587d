/* crypto.c - thin wrappers over OpenSSL 3.0 (see crypto.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "crypto.h"
#include "err.h"

/* Algorithms are fetched once and shared read-only by every thread. */
static pthread_once_t fetch_once = PTHREAD_ONCE_INIT;
static EVP_MAC *alg_hmac;
static EVP_MD *alg_sha256;
static EVP_KDF *alg_hkdf;
static EVP_CIPHER *alg_gcm;

struct crypto_hmac {
	EVP_MAC_CTX *ctx;
};

static void
fetch_all(void)
{
	alg_hmac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	alg_sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
	alg_hkdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	alg_gcm = EVP_CIPHER_fetch(NULL, "AES-256-GCM", NULL);
}

static int
fetched(void)
{
	if (pthread_once(&fetch_once, fetch_all) != 0)
		return 0;
	return alg_hmac != NULL && alg_sha256 != NULL && alg_hkdf != NULL &&
	    alg_gcm != NULL;
}

/* Return code for an OpenSSL failure, with its error queue cleared. */
static int
ossl_fail(void)
{
	ERR_clear_error();
	return ERR_CRYPTO;
}

int
crypto_harden(void)
{
	struct rlimit rl = { 0, 0 };
	int r = 0;

	(void)setrlimit(RLIMIT_CORE, &rl);
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	if (CRYPTO_secure_malloc_initialized() == 0 &&
	    CRYPTO_secure_malloc_init(1 << 16, 32) == 0)
		r = ossl_fail();
	return r;
}

int
crypto_random(unsigned char *buf, size_t n)
{
	if (n > CRYPTO_MAXLEN)
		return ERR_TOOBIG;
	if (RAND_bytes(buf, (int)n) != 1)
		return ossl_fail();
	return 0;
}

int
crypto_random_priv(unsigned char *buf, size_t n)
{
	if (n > CRYPTO_MAXLEN)
		return ERR_TOOBIG;
	if (RAND_priv_bytes(buf, (int)n) != 1)
		return ossl_fail();
	return 0;
}

int
crypto_equal(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

void
crypto_wipe(void *p, size_t n)
{
	if (p != NULL && n > 0)
		OPENSSL_cleanse(p, n);
}

int
crypto_sha256(const struct crypto_part *parts, size_t nparts,
    unsigned char out[CRYPTO_MACLEN])
{
	EVP_MD_CTX *c;
	unsigned int outl = 0;
	size_t i;
	int r = ERR_CRYPTO;

	if (!fetched())
		return ossl_fail();
	c = EVP_MD_CTX_new();
	if (c == NULL || EVP_DigestInit_ex2(c, alg_sha256, NULL) != 1)
		goto out;
	for (i = 0; i < nparts; i++) {
		if (parts[i].n > 0 &&
		    EVP_DigestUpdate(c, parts[i].p, parts[i].n) != 1)
			goto out;
	}
	if (EVP_DigestFinal_ex(c, out, &outl) != 1 || outl != CRYPTO_MACLEN)
		goto out;
	r = 0;
out:
	EVP_MD_CTX_free(c);
	return r == 0 ? 0 : ossl_fail();
}

struct crypto_hmac *
crypto_hmac_new(const unsigned char *key, size_t keylen)
{
	struct crypto_hmac *h;
	OSSL_PARAM params[2];
	static const unsigned char empty[1];

	if (!fetched()) {
		(void)ossl_fail();
		return NULL;
	}
	h = OPENSSL_zalloc(sizeof(*h));
	if (h == NULL)
		return NULL;
	h->ctx = EVP_MAC_CTX_new(alg_hmac);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)(uintptr_t)"SHA256", 0);
	params[1] = OSSL_PARAM_construct_end();
	if (h->ctx == NULL || EVP_MAC_init(h->ctx, keylen > 0 ? key : empty,
	    keylen, params) != 1) {
		crypto_hmac_free(h);
		(void)ossl_fail();
		return NULL;
	}
	return h;
}

struct crypto_hmac *
crypto_hmac_dup(const struct crypto_hmac *h)
{
	struct crypto_hmac *d;

	d = OPENSSL_zalloc(sizeof(*d));
	if (d == NULL)
		return NULL;
	d->ctx = EVP_MAC_CTX_dup(h->ctx);
	if (d->ctx == NULL) {
		OPENSSL_free(d);
		(void)ossl_fail();
		return NULL;
	}
	return d;
}

void
crypto_hmac_free(struct crypto_hmac *h)
{
	if (h == NULL)
		return;
	EVP_MAC_CTX_free(h->ctx);
	OPENSSL_free(h);
}

int
crypto_hmac_mac(struct crypto_hmac *h, const struct crypto_part *parts,
    size_t nparts, unsigned char out[CRYPTO_MACLEN])
{
	size_t i, outl = 0;

	if (EVP_MAC_init(h->ctx, NULL, 0, NULL) != 1)
		return ossl_fail();
	for (i = 0; i < nparts; i++) {
		if (parts[i].n > 0 &&
		    EVP_MAC_update(h->ctx, parts[i].p, parts[i].n) != 1)
			return ossl_fail();
	}
	if (EVP_MAC_final(h->ctx, out, &outl, CRYPTO_MACLEN) != 1 ||
	    outl != CRYPTO_MACLEN)
		return ossl_fail();
	return 0;
}

int
crypto_hmac_sha256(const unsigned char *key, size_t keylen,
    const struct crypto_part *parts, size_t nparts,
    unsigned char out[CRYPTO_MACLEN])
{
	struct crypto_hmac *h;
	int r;

	h = crypto_hmac_new(key, keylen);
	if (h == NULL)
		return ERR_CRYPTO;
	r = crypto_hmac_mac(h, parts, nparts, out);
	crypto_hmac_free(h);
	return r;
}

int
crypto_hkdf_sha256(const unsigned char *ikm, size_t ikmlen,
    const unsigned char *salt, size_t saltlen, const unsigned char *info,
    size_t infolen, unsigned char *out, size_t outlen)
{
	EVP_KDF_CTX *k;
	OSSL_PARAM params[5], *pp = params;
	int r = 0;

	if (infolen > 1024 || outlen == 0 ||
	    outlen > (size_t)255 * CRYPTO_MACLEN || ikmlen > CRYPTO_MAXLEN ||
	    saltlen > CRYPTO_MAXLEN)
		return ERR_TOOBIG;
	if (!fetched())
		return ossl_fail();
	k = EVP_KDF_CTX_new(alg_hkdf);
	if (k == NULL)
		return ossl_fail();
	*pp++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
	    (char *)(uintptr_t)"SHA256", 0);
	*pp++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
	    (void *)(uintptr_t)ikm, ikmlen);
	if (saltlen > 0)
		*pp++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
		    (void *)(uintptr_t)salt, saltlen);
	if (infolen > 0)
		*pp++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
		    (void *)(uintptr_t)info, infolen);
	*pp = OSSL_PARAM_construct_end();
	if (EVP_KDF_derive(k, out, outlen, params) != 1)
		r = ossl_fail();
	EVP_KDF_CTX_free(k);
	return r;
}

int
crypto_scrypt(const void *pass, size_t passlen, const unsigned char *salt,
    size_t saltlen, unsigned long long n, unsigned r, unsigned p,
    unsigned char *out, size_t outlen)
{
	uint64_t maxmem;

	if (n < 2 || (n & (n - 1)) != 0 || n > (1ULL << 32) || r == 0 ||
	    r > 1024 || p == 0 || p > 1024 || outlen == 0)
		return ERR_USAGE;
	if (passlen > CRYPTO_MAXLEN || saltlen > CRYPTO_MAXLEN ||
	    outlen > CRYPTO_MAXLEN)
		return ERR_TOOBIG;

	/* OpenSSL needs 128 r (N + 2) + 128 r p bytes; allow 1 MiB more. */
	maxmem = 128ULL * r * (n + 2) + 128ULL * r * p + (1ULL << 20);
	if (EVP_PBE_scrypt(pass, passlen, salt, saltlen, n, r, p, maxmem, out,
	    outlen) != 1)
		return ossl_fail();
	return 0;
}

static int
aead_bounds(size_t aadlen, size_t len)
{
	if (aadlen > CRYPTO_MAXLEN || len > CRYPTO_MAXLEN)
		return ERR_TOOBIG;
	if (!fetched())
		return ossl_fail();
	return 0;
}

int
crypto_aead_seal(const unsigned char key[CRYPTO_KEYLEN],
    const unsigned char nonce[CRYPTO_NONCELEN], const unsigned char *aad,
    size_t aadlen, const unsigned char *pt, size_t len, unsigned char *ct,
    unsigned char tag[CRYPTO_TAGLEN])
{
	EVP_CIPHER_CTX *c;
	int outl = 0, fl = 0, r;

	r = aead_bounds(aadlen, len);
	if (r != 0)
		return r;
	c = EVP_CIPHER_CTX_new();
	r = ERR_CRYPTO;
	if (c == NULL || EVP_EncryptInit_ex2(c, alg_gcm, key, nonce,
	    NULL) != 1)
		goto out;
	if (aadlen > 0 && EVP_EncryptUpdate(c, NULL, &outl, aad,
	    (int)aadlen) != 1)
		goto out;
	outl = 0;
	if (len > 0 && EVP_EncryptUpdate(c, ct, &outl, pt, (int)len) != 1)
		goto out;
	if (EVP_EncryptFinal_ex(c, ct + outl, &fl) != 1 ||
	    (size_t)outl + (size_t)fl != len)
		goto out;
	if (EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG, CRYPTO_TAGLEN,
	    tag) != 1)
		goto out;
	r = 0;
out:
	EVP_CIPHER_CTX_free(c);
	return r == 0 ? 0 : ossl_fail();
}

int
crypto_aead_open(const unsigned char key[CRYPTO_KEYLEN],
    const unsigned char nonce[CRYPTO_NONCELEN], const unsigned char *aad,
    size_t aadlen, const unsigned char *ct, size_t len,
    const unsigned char tag[CRYPTO_TAGLEN], unsigned char *pt)
{
	EVP_CIPHER_CTX *c;
	unsigned char t[CRYPTO_TAGLEN];
	int outl = 0, fl = 0, r;

	r = aead_bounds(aadlen, len);
	if (r != 0)
		return r;
	memcpy(t, tag, sizeof(t));
	c = EVP_CIPHER_CTX_new();
	r = ERR_CRYPTO;
	if (c == NULL || EVP_DecryptInit_ex2(c, alg_gcm, key, nonce,
	    NULL) != 1)
		goto out;
	if (aadlen > 0 && EVP_DecryptUpdate(c, NULL, &outl, aad,
	    (int)aadlen) != 1)
		goto out;
	outl = 0;
	if (len > 0 && EVP_DecryptUpdate(c, pt, &outl, ct, (int)len) != 1)
		goto out;
	if (EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG, CRYPTO_TAGLEN,
	    t) != 1)
		goto out;
	r = ERR_INTEGRITY;
	if (EVP_DecryptFinal_ex(c, pt + outl, &fl) != 1 ||
	    (size_t)outl + (size_t)fl != len)
		goto out;
	r = 0;
out:
	EVP_CIPHER_CTX_free(c);
	if (r != 0) {
		crypto_wipe(pt, len);
		ERR_clear_error();
	}
	return r;
}

int
crypto_x25519_public(const unsigned char priv[CRYPTO_KEYLEN],
    unsigned char pub[CRYPTO_KEYLEN])
{
	EVP_PKEY *k;
	size_t len = CRYPTO_KEYLEN;
	int r = 0;

	k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, priv,
	    CRYPTO_KEYLEN);
	if (k == NULL)
		return ossl_fail();
	if (EVP_PKEY_get_raw_public_key(k, pub, &len) != 1 ||
	    len != CRYPTO_KEYLEN)
		r = ossl_fail();
	EVP_PKEY_free(k);
	return r;
}

int
crypto_x25519_keygen(unsigned char priv[CRYPTO_KEYLEN],
    unsigned char pub[CRYPTO_KEYLEN])
{
	int r;

	r = crypto_random_priv(priv, CRYPTO_KEYLEN);
	if (r == 0)
		r = crypto_x25519_public(priv, pub);
	if (r != 0)
		crypto_wipe(priv, CRYPTO_KEYLEN);
	return r;
}

static int
all_zero(const unsigned char *p, size_t n)
{
	unsigned char acc = 0;
	size_t i;

	for (i = 0; i < n; i++)
		acc |= p[i];
	return acc == 0;
}

int
crypto_x25519(const unsigned char priv[CRYPTO_KEYLEN],
    const unsigned char peer[CRYPTO_KEYLEN],
    unsigned char shared[CRYPTO_KEYLEN])
{
	EVP_PKEY *k, *pk;
	EVP_PKEY_CTX *c = NULL;
	size_t len = CRYPTO_KEYLEN;
	int r = ERR_CRYPTO;

	k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, priv,
	    CRYPTO_KEYLEN);
	pk = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, peer,
	    CRYPTO_KEYLEN);
	if (k == NULL || pk == NULL)
		goto out;
	c = EVP_PKEY_CTX_new_from_pkey(NULL, k, NULL);
	if (c == NULL || EVP_PKEY_derive_init(c) != 1 ||
	    EVP_PKEY_derive_set_peer(c, pk) != 1)
		goto out;

	/* OpenSSL refuses an all-zero secret; a low-order peer is forged. */
	r = ERR_INTEGRITY;
	if (EVP_PKEY_derive(c, shared, &len) != 1 || len != CRYPTO_KEYLEN)
		goto out;
	if (all_zero(shared, CRYPTO_KEYLEN))
		goto out;
	r = 0;
out:
	EVP_PKEY_CTX_free(c);
	EVP_PKEY_free(pk);
	EVP_PKEY_free(k);
	if (r != 0) {
		crypto_wipe(shared, CRYPTO_KEYLEN);
		ERR_clear_error();
	}
	return r;
}

int
crypto_open_secret(const char *path, int *fd, size_t *size)
{
	struct stat st;
	int f, e;

	f = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (f < 0)
		return errno == ELOOP ? ERR_PERM : ERR_IO;
	if (fstat(f, &st) != 0) {
		e = errno;
		(void)close(f);
		errno = e;
		return ERR_IO;
	}
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid() ||
	    (st.st_mode & 077) != 0) {
		(void)close(f);
		return ERR_PERM;
	}
	*fd = f;
	*size = (size_t)st.st_size;
	return 0;
}

int
crypto_read_all(int fd, void *buf, size_t n)
{
	unsigned char *p = buf;
	ssize_t got;

	while (n > 0) {
		got = read(fd, p, n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return ERR_IO;
		if (got == 0)
			return ERR_INTEGRITY;
		p += got;
		n -= (size_t)got;
	}
	return 0;
}

int
crypto_write_all(int fd, const void *buf, size_t n)
{
	const unsigned char *p = buf;
	ssize_t put;

	while (n > 0) {
		put = write(fd, p, n);
		if (put < 0 && errno == EINTR)
			continue;
		if (put <= 0)
			return ERR_IO;
		p += put;
		n -= (size_t)put;
	}
	return 0;
}

int
crypto_temp_open(const char *dir, const char *prefix, char *path,
    size_t cap, int *fd)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char rnd[8];
	char name[17];
	int n, f, e;
	size_t i;

	if (crypto_random(rnd, sizeof(rnd)) != 0)
		return ERR_IO;
	for (i = 0; i < sizeof(rnd); i++) {
		name[2 * i] = hex[rnd[i] >> 4];
		name[2 * i + 1] = hex[rnd[i] & 15];
	}
	name[16] = '\0';
	n = snprintf(path, cap, "%s/%s%s", dir, prefix, name);
	if (n < 0 || (size_t)n >= cap)
		return ERR_TOOBIG;
	f = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (f < 0)
		return ERR_IO;
	if (fchmod(f, 0600) != 0) {
		e = errno;
		(void)close(f);
		(void)unlink(path);
		errno = e;
		return ERR_IO;
	}
	*fd = f;
	return 0;
}

int
crypto_fsync_dir(const char *path)
{
	char dir[PATH_MAX];
	const char *slash;
	size_t n;
	int fd, r = 0;

	slash = strrchr(path, '/');
	if (slash == NULL) {
		dir[0] = '.';
		n = 1;
	} else {
		n = slash == path ? 1 : (size_t)(slash - path);
		if (n >= sizeof(dir))
			return ERR_IO;
		memcpy(dir, path, n);
	}
	dir[n] = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return ERR_IO;
	if (fsync(fd) != 0)
		r = ERR_IO;
	if (close(fd) != 0)
		r = ERR_IO;
	return r;
}

int
crypto_publish(const char *tmp, const char *path)
{
	int r = 0, e;

	if (renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) != 0) {
		/* No RENAME_NOREPLACE here (NFS): link() never replaces. */
		if ((errno == EINVAL || errno == ENOSYS) &&
		    link(tmp, path) == 0)
			errno = 0;
		if (errno != 0)
			r = errno == EEXIST ? ERR_USAGE : ERR_IO;
		e = errno;
		(void)unlink(tmp);
		errno = e;
		if (r != 0)
			return r;
	}
	return crypto_fsync_dir(path);
}

void
crypto_set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

void
crypto_put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

void
crypto_put64(unsigned char *p, uint64_t v)
{
	crypto_put32(p, (uint32_t)(v >> 32));
	crypto_put32(p + 4, (uint32_t)v);
}

uint32_t
crypto_get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

uint64_t
crypto_get64(const unsigned char *p)
{
	return (uint64_t)crypto_get32(p) << 32 | crypto_get32(p + 4);
}
