/*
 * pseudonym.h - keyed, typed, deterministic tokens (KEYSTORE.md (b)).
 *
 *   tok = b32(HMAC-SHA256(K_pseud, "v1\0" TYPE "\0" norm_v1(value))[0:15])
 *
 * 120 bits, 24 lower-case RFC 4648 base32 characters.  In text a token is
 * written "[TYPE-tok]", e.g. "[NAME-cv4mv6gzt5alyjyx6ws6rns5]", so that
 * reid can find it again.  Safe to call from many threads at once.
 */
#ifndef VEIL_PSEUDONYM_H
#define VEIL_PSEUDONYM_H

#include <stddef.h>

#include "phitype.h"

#define PSEUDONYM_TOKLEN 24	/* base32 characters */
#define PSEUDONYM_MAXNORM (1u << 20)	/* longest value that is tokenised */

struct pseudonym;

/*
 * pseudonym_new - a tokeniser keyed with the 32-byte K_pseud (copied).
 * NULL on failure.  pseudonym_free wipes and frees; NULL is allowed.
 */
struct pseudonym *pseudonym_new(const unsigned char key[32]);
void pseudonym_free(struct pseudonym *p);

/*
 * pseudonym_norm - norm_v1 of value (len bytes of UTF-8, no NUL, at
 * most PSEUDONYM_MAXNORM) into a malloc'd, NUL-terminated string the
 * caller wipes and frees (*out, *outlen): ICU's NFKC_Casefold, then
 * white space (Unicode White_Space) collapsed to one space and trimmed;
 * for SSN, PHONE, FAX, MRN, ACCOUNT, HEALTH_PLAN, LICENSE, VEHICLE,
 * DEVICE, BIOMETRIC and OTHER_ID only letters and decimal digits are
 * kept, every digit as ASCII (a PHONE or FAX of 11 digits starting with
 * 1 drops it).  The result may be empty.  Idempotent.  norm_v1 is
 * frozen: any change to it changes tokens and needs a new version.
 * Returns 0, ERR_UTF8 (ill-formed UTF-8 or a NUL), ERR_TOOBIG (input
 * or result longer than PSEUDONYM_MAXNORM), ERR_USAGE (bad type) or
 * ERR_NOMEM.
 */
int pseudonym_norm(enum phi_type type, const char *value, size_t len,
    char **out, size_t *outlen);

/*
 * pseudonym_norm_buf - pseudonym_norm, written into the caller's buf
 * (cap bytes; buf may be NULL when cap is 0) when the value is all
 * printable ASCII or ASCII white space and shorter than cap, which
 * spares an allocation for nearly every value: then *out is buf, else
 * *out is malloc'd as by pseudonym_norm.  Either way the caller wipes
 * the *outlen bytes at *out, and frees *out when it is not buf.  Same
 * returns as pseudonym_norm.
 */
int pseudonym_norm_buf(enum phi_type type, const char *value, size_t len,
    char *buf, size_t cap, char **out, size_t *outlen);

/*
 * pseudonym_token - the token of an already normalised value into tok
 * (PSEUDONYM_TOKLEN characters and a NUL): the first 15 bytes of
 * HMAC-SHA256(K_pseud, "v1" NUL TYPE NUL norm) in pseudonym_b32, where
 * TYPE is phitype_name(type).  Returns 0, ERR_USAGE (bad type) or
 * ERR_CRYPTO.
 */
int pseudonym_token(const struct pseudonym *p, enum phi_type type,
    const char *norm, size_t normlen, char tok[PSEUDONYM_TOKLEN + 1]);

/*
 * pseudonym_b32 - RFC 4648 base32, lower case, no padding, of n bytes
 * into out (which must hold (n * 8 + 4) / 5 + 1 bytes).  Returns the
 * number of characters written (without the NUL).
 */
size_t pseudonym_b32(const unsigned char *in, size_t n, char *out);

#endif
