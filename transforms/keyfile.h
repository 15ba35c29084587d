/*
 * keyfile.h - veil.key: the master key set, wrapped under a passphrase.
 *
 * Layout and derivations follow KEYSTORE.md (b): a binary file with an
 * authenticated header, a body of random keys (R_link and X25519 key
 * pairs) sealed with AES-256-GCM under an scrypt key from the
 * passphrase, or kept in clear (kdf = 0) for --no-passphrase files.
 * Subkeys come from HKDF-SHA256(R_link, keyset_id, label || domain).
 * Key bytes live in OpenSSL's secure heap when it is available and are
 * wiped on free.
 */
#ifndef VEIL_KEYFILE_H
#define VEIL_KEYFILE_H

#include <stddef.h>

#define KEYFILE_KEYLEN 32
#define KEYFILE_IDLEN 16
#define KEYFILE_MAXDOMAIN 64	/* longest linkage domain */
#define KEYFILE_LOGN_MIN 15	/* scrypt cost bounds, checked before */
#define KEYFILE_LOGN_MAX 22	/* any scrypt runs */

struct keyfile;

/* Subkey purposes (KEYSTORE.md labels). */
enum keyfile_purpose {
	KEYFILE_PSEUDONYM,	/* "veil/v1/pseudonym\0" || domain */
	KEYFILE_DATESHIFT,	/* "veil/v1/dateshift\0" || domain */
	KEYFILE_SEGMENT_MAC,	/* "veil/v1/segment-mac\0" || domain */
	KEYFILE_AUDIT		/* "veil/v1/audit" (no domain) */
};

/*
 * keyfile_generate - create a new key file at path (mode 0600, O_EXCL:
 * an existing file is never overwritten), written to a temporary name
 * in the same directory, fsynced and renamed without replacing.  pass
 * (passlen bytes) wraps it with scrypt at 2^logn (r = 8, p = 1: logn 18
 * takes 256 MiB and about a second); pass == NULL writes an unwrapped
 * file (logn ignored).  The new key set holds a random keyset_id, R_link
 * and one X25519 key pair.  Returns 0, or ERR_IO, ERR_CRYPTO, ERR_USAGE
 * (logn outside KEYFILE_LOGN_MIN..MAX, file exists); err (errlen bytes)
 * says why.
 */
int keyfile_generate(const char *path, const char *pass, size_t passlen,
    int logn, char *err, size_t errlen);

/*
 * keyfile_load - open and unwrap path.  The file must be a regular file
 * owned by the caller with no group or other permission bits (ERR_PERM
 * otherwise), opened without following links.  A wrapped file needs
 * pass (ERR_USAGE without one; an unwrapped file ignores it); a logN
 * outside the bounds is refused before scrypt runs; a wrong passphrase,
 * a flipped byte, a short or a long file give ERR_INTEGRITY; ERR_IO when
 * it cannot be read.  On success *out is owned by the caller
 * (keyfile_free), else *out is NULL.
 */
int keyfile_load(const char *path, const char *pass, size_t passlen,
    struct keyfile **out, char *err, size_t errlen);

/*
 * keyfile_is_wrapped - 1 when path needs a passphrase, 0 when not, or a
 * negative ERR_* when it cannot be read or is not a key file.
 */
int keyfile_is_wrapped(const char *path);

/*
 * keyfile_free - wipe and free; NULL is allowed.
 */
void keyfile_free(struct keyfile *kf);

/*
 * keyfile_domain_ok - 1 when domain is a valid linkage domain: 1 to
 * KEYFILE_MAXDOMAIN characters of [A-Za-z0-9_], else 0.  KEYSTORE.md
 * asks for [A-Z0-9_]; lower case is accepted too (policy.c's default
 * domain is "default").  Case matters: "default" and "DEFAULT" are two
 * unlinkable domains.
 */
int keyfile_domain_ok(const char *domain);

/*
 * keyfile_subkey - derive the 32-byte subkey for purpose in domain
 * (ignored for KEYFILE_AUDIT) into out: HKDF-SHA256(ikm = R_link, salt =
 * keyset_id, info = label || domain).  Returns 0, ERR_USAGE (domain not
 * valid, see keyfile_domain_ok) or ERR_CRYPTO.  The caller wipes out.
 */
int keyfile_subkey(const struct keyfile *kf, enum keyfile_purpose purpose,
    const char *domain, unsigned char out[KEYFILE_KEYLEN]);

/*
 * keyfile_keyset_id - the 16-byte key set id (owned by kf).
 */
const unsigned char *keyfile_keyset_id(const struct keyfile *kf);

/*
 * keyfile_public / keyfile_private - the primary keystore X25519 key
 * pair (32 bytes each, owned by kf) and its id.
 */
const unsigned char *keyfile_public(const struct keyfile *kf);
const unsigned char *keyfile_private(const struct keyfile *kf);
unsigned keyfile_ks_key_id(const struct keyfile *kf);

/*
 * keyfile_private_for - the X25519 private key (32 bytes, owned by kf)
 * whose id is ks_key_id, primary or decrypt-only, or NULL when kf has
 * no such key.
 */
const unsigned char *keyfile_private_for(const struct keyfile *kf,
    unsigned ks_key_id);

#endif
