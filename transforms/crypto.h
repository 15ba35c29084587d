/*
 * crypto.h - the few primitives veil needs, as thin wrappers over
 * OpenSSL 3.0 (KEYSTORE.md (c)).
 *
 * Every function returns 0 or a negative ERR_* from err.h and clears
 * OpenSSL's error queue on failure.  Output buffers are written only on
 * success; callers wipe the secrets they hold with crypto_wipe.  Lengths
 * are bounded (EVP takes int lengths): longer input gives ERR_TOOBIG.
 * All functions are safe to call from several threads at once, except
 * crypto_harden, which main() calls before starting any.
 */
#ifndef VEIL_CRYPTO_H
#define VEIL_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#define CRYPTO_KEYLEN 32	/* AES-256, HMAC and X25519 keys */
#define CRYPTO_MACLEN 32	/* HMAC-SHA256 and SHA-256 output */
#define CRYPTO_NONCELEN 12	/* AES-GCM nonce */
#define CRYPTO_TAGLEN 16	/* AES-GCM tag: always the full 16 bytes */
#define CRYPTO_MAXLEN (1u << 30)	/* longest single input */

/* One piece of a message that is MAC'd or hashed in parts. */
struct crypto_part {
	const void *p;
	size_t n;
};

/* A keyed HMAC-SHA256 context (opaque). */
struct crypto_hmac;

/*
 * crypto_harden - process hygiene for a program holding keys: start
 * OpenSSL's secure heap (mlock'd, guard pages, not dumped), turn off
 * core dumps and mark the process non-dumpable.  Call once, early, from
 * one thread.  Returns 0, or ERR_CRYPTO when the secure heap could not
 * be set up (the rest still applies; key memory then comes from the
 * ordinary heap and is still wiped).
 */
int crypto_harden(void);

/*
 * crypto_random - n bytes from OpenSSL's public DRBG (salts, nonces,
 * ids).  crypto_random_priv - the same from the private DRBG, for keys.
 * Return 0 or ERR_CRYPTO.
 */
int crypto_random(unsigned char *buf, size_t n);
int crypto_random_priv(unsigned char *buf, size_t n);

/*
 * crypto_equal - 1 when the n bytes at a and b are equal, else 0, in
 * time that depends on n only (CRYPTO_memcmp).
 */
int crypto_equal(const void *a, const void *b, size_t n);

/*
 * crypto_wipe - overwrite n bytes at p with zeros in a way the compiler
 * cannot drop (OPENSSL_cleanse).  p may be NULL when n is 0.
 */
void crypto_wipe(void *p, size_t n);

/*
 * crypto_sha256 - SHA-256 of the concatenation of nparts parts into out.
 * Returns 0 or ERR_CRYPTO.
 */
int crypto_sha256(const struct crypto_part *parts, size_t nparts,
    unsigned char out[CRYPTO_MACLEN]);

/*
 * crypto_hmac_sha256 - one-shot HMAC-SHA256 under key (keylen bytes, any
 * length) of the concatenation of nparts parts.  For many messages under
 * one key use crypto_hmac_new instead.  Returns 0 or ERR_CRYPTO.
 */
int crypto_hmac_sha256(const unsigned char *key, size_t keylen,
    const struct crypto_part *parts, size_t nparts,
    unsigned char out[CRYPTO_MACLEN]);

/*
 * crypto_hmac_new - an HMAC-SHA256 context keyed once with key (copied
 * into OpenSSL).  One context is not thread-safe; give each thread its
 * own with crypto_hmac_dup.  NULL on failure.  crypto_hmac_free wipes
 * and frees; NULL is allowed.
 */
struct crypto_hmac *crypto_hmac_new(const unsigned char *key, size_t keylen);
struct crypto_hmac *crypto_hmac_dup(const struct crypto_hmac *h);
void crypto_hmac_free(struct crypto_hmac *h);

/*
 * crypto_hmac_mac - HMAC of the concatenation of nparts parts under h's
 * key into out.  h is reset first, so it can be reused for the next
 * message.  Returns 0 or ERR_CRYPTO.
 */
int crypto_hmac_mac(struct crypto_hmac *h, const struct crypto_part *parts,
    size_t nparts, unsigned char out[CRYPTO_MACLEN]);

/*
 * crypto_hkdf_sha256 - HKDF-SHA256 (RFC 5869, extract then expand) of
 * ikm with salt (may be empty) and info (at most 1024 bytes) into outlen
 * (1..8160) bytes at out.  Returns 0, ERR_TOOBIG or ERR_CRYPTO.
 */
int crypto_hkdf_sha256(const unsigned char *ikm, size_t ikmlen,
    const unsigned char *salt, size_t saltlen, const unsigned char *info,
    size_t infolen, unsigned char *out, size_t outlen);

/*
 * crypto_scrypt - scrypt (RFC 7914) of pass with salt, cost n (a power
 * of two > 1), block size r and parallelism p, into outlen bytes at out.
 * The memory limit is set to what these parameters need plus 1 MiB, so
 * the caller must bound n, r and p (veil.key readers refuse logN outside
 * 15..22 before calling).  Returns 0, ERR_USAGE (bad parameters) or
 * ERR_CRYPTO (including out of memory).
 */
int crypto_scrypt(const void *pass, size_t passlen, const unsigned char *salt,
    size_t saltlen, unsigned long long n, unsigned r, unsigned p,
    unsigned char *out, size_t outlen);

/*
 * crypto_aead_seal - AES-256-GCM encryption of one message: len bytes of
 * pt (len may be 0) into ct (len bytes; ct may equal pt) and a 16-byte
 * tag, under key with a 12-byte nonce and aadlen bytes of aad (aad may
 * be NULL when aadlen is 0).  A (key, nonce) pair must never be used
 * twice.  Returns 0, ERR_TOOBIG or ERR_CRYPTO.
 */
int crypto_aead_seal(const unsigned char key[CRYPTO_KEYLEN],
    const unsigned char nonce[CRYPTO_NONCELEN], const unsigned char *aad,
    size_t aadlen, const unsigned char *pt, size_t len, unsigned char *ct,
    unsigned char tag[CRYPTO_TAGLEN]);

/*
 * crypto_aead_open - the inverse of crypto_aead_seal.  The full 16-byte
 * tag is always checked.  On ERR_INTEGRITY (wrong key, nonce, aad or
 * tag, or altered ct) the len bytes at pt are wiped and must not be
 * used.  Returns 0, ERR_INTEGRITY, ERR_TOOBIG or ERR_CRYPTO.
 */
int crypto_aead_open(const unsigned char key[CRYPTO_KEYLEN],
    const unsigned char nonce[CRYPTO_NONCELEN], const unsigned char *aad,
    size_t aadlen, const unsigned char *ct, size_t len,
    const unsigned char tag[CRYPTO_TAGLEN], unsigned char *pt);

/*
 * crypto_x25519_keygen - a fresh X25519 key pair: 32 random bytes from
 * the private DRBG into priv and the matching public key into pub.
 * crypto_x25519_public - the public key of priv.  Return 0 or
 * ERR_CRYPTO.
 */
int crypto_x25519_keygen(unsigned char priv[CRYPTO_KEYLEN],
    unsigned char pub[CRYPTO_KEYLEN]);
int crypto_x25519_public(const unsigned char priv[CRYPTO_KEYLEN],
    unsigned char pub[CRYPTO_KEYLEN]);

/*
 * crypto_x25519 - the X25519 shared secret of priv and peer into
 * shared.  An all-zero result (a low-order peer key) is refused with
 * ERR_INTEGRITY.  Returns 0, ERR_INTEGRITY or ERR_CRYPTO.
 */
int crypto_x25519(const unsigned char priv[CRYPTO_KEYLEN],
    const unsigned char peer[CRYPTO_KEYLEN],
    unsigned char shared[CRYPTO_KEYLEN]);

/*
 * Files that hold keys or sealed data.  These are here so that every
 * module writes them the same careful way.
 */

/*
 * crypto_open_secret - open path read-only without following a final
 * symbolic link, and require a regular file owned by the effective user
 * with no group or other permission bits.  On success *fd is the open
 * descriptor (the caller closes it) and *size the file's size.  Returns
 * 0, ERR_PERM (a link, not a regular file, another owner, unsafe mode)
 * or ERR_IO (errno says why).
 */
int crypto_open_secret(const char *path, int *fd, size_t *size);

/*
 * crypto_read_all - read exactly n bytes from fd into buf, retrying on
 * EINTR and short reads.  Returns 0, ERR_INTEGRITY (end of file first)
 * or ERR_IO.
 */
int crypto_read_all(int fd, void *buf, size_t n);

/*
 * crypto_write_all - write n bytes to fd, retrying on EINTR and short
 * writes.  Returns 0 or ERR_IO.
 */
int crypto_write_all(int fd, const void *buf, size_t n);

/*
 * crypto_temp_open - create a new file dir/<prefix><16 random hex>
 * (O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600 whatever the umask) and open it
 * for writing; its name goes to path (cap bytes).  Returns 0, ERR_IO or
 * ERR_TOOBIG (name too long).
 */
int crypto_temp_open(const char *dir, const char *prefix, char *path,
    size_t cap, int *fd);

/*
 * crypto_publish - give the complete, fsynced and closed file tmp its
 * final name path without ever replacing an existing file
 * (renameat2 RENAME_NOREPLACE, or link and unlink where the file system
 * lacks it), then fsync the directory.  On failure tmp is removed.
 * Returns 0, ERR_USAGE (path exists) or ERR_IO.
 */
int crypto_publish(const char *tmp, const char *path);

/*
 * crypto_fsync_dir - fsync the directory that holds path.  Returns 0 or
 * ERR_IO.
 */
int crypto_fsync_dir(const char *path);


/*
 * crypto_set_err - format a message into err (errlen bytes) when err is
 * not NULL; the messages of the key file, keystore and access log, which
 * never quote a secret or a value.
 */
void crypto_set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * crypto_put32 / crypto_put64 - store v big-endian at p (4 or 8 bytes);
 * crypto_get32 / crypto_get64 read it back.  The on-disk integers of key
 * files and keystore segments.
 */
void crypto_put32(unsigned char *p, uint32_t v);
void crypto_put64(unsigned char *p, uint64_t v);
uint32_t crypto_get32(const unsigned char *p);
uint64_t crypto_get64(const unsigned char *p);

#endif
