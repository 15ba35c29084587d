/* pseudonym.c - keyed, typed, deterministic tokens (see pseudonym.h). */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "crypto.h"
#include "err.h"
#include "pseudonym.h"

#define TOKBYTES 15		/* 120 bits of the HMAC */
#define POOLMAX 64		/* idle HMAC contexts kept for reuse */
#define PREFIXMAX 32		/* room for "v1" NUL TYPE NUL as one part */

/*
 * Idle keyed HMAC contexts.  A call takes one (or dups the template),
 * uses it without the lock and puts it back, so threads never share a
 * context and never wait on HMAC.
 */
struct hpool {
	pthread_mutex_t lock;
	struct crypto_hmac *idle[POOLMAX];
	size_t nidle;
};

struct pseudonym {
	struct crypto_hmac *tmpl;
	struct hpool *pool;
};

/* Types whose values keep only letters and digits. */
static int
id_type(enum phi_type type)
{
	switch (type) {
	case PHI_SSN:
	case PHI_PHONE:
	case PHI_FAX:
	case PHI_MRN:
	case PHI_ACCOUNT:
	case PHI_HEALTH_PLAN:
	case PHI_LICENSE:
	case PHI_VEHICLE:
	case PHI_DEVICE:
	case PHI_BIOMETRIC:
	case PHI_OTHER_ID:
		return 1;
	default:
		return 0;
	}
}

struct pseudonym *
pseudonym_new(const unsigned char key[32])
{
	struct pseudonym *p;

	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return NULL;
	p->pool = calloc(1, sizeof(*p->pool));
	if (p->pool == NULL) {
		free(p);
		return NULL;
	}
	if (pthread_mutex_init(&p->pool->lock, NULL) != 0) {
		free(p->pool);
		free(p);
		return NULL;
	}
	p->tmpl = crypto_hmac_new(key, 32);
	if (p->tmpl == NULL) {
		pseudonym_free(p);
		return NULL;
	}
	return p;
}

void
pseudonym_free(struct pseudonym *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->pool->nidle; i++)
		crypto_hmac_free(p->pool->idle[i]);
	(void)pthread_mutex_destroy(&p->pool->lock);
	free(p->pool);
	crypto_hmac_free(p->tmpl);
	free(p);
}

static struct crypto_hmac *
pool_get(const struct pseudonym *p)
{
	struct crypto_hmac *h = NULL;

	if (pthread_mutex_lock(&p->pool->lock) == 0) {
		if (p->pool->nidle > 0)
			h = p->pool->idle[--p->pool->nidle];
		(void)pthread_mutex_unlock(&p->pool->lock);
	}
	if (h == NULL)
		h = crypto_hmac_dup(p->tmpl);
	return h;
}

static void
pool_put(const struct pseudonym *p, struct crypto_hmac *h)
{
	if (pthread_mutex_lock(&p->pool->lock) == 0) {
		if (p->pool->nidle < POOLMAX) {
			p->pool->idle[p->pool->nidle++] = h;
			h = NULL;
		}
		(void)pthread_mutex_unlock(&p->pool->lock);
	}
	crypto_hmac_free(h);
}

int
pseudonym_token(const struct pseudonym *p, enum phi_type type,
    const char *norm, size_t normlen, char tok[PSEUDONYM_TOKLEN + 1])
{
	struct crypto_hmac *h;
	struct crypto_part parts[3];
	unsigned char mac[CRYPTO_MACLEN];
	char head[PREFIXMAX];
	const char *name;
	size_t n, np;
	int r;

	name = phitype_name(type);
	if (name == NULL)
		return ERR_USAGE;

	/* "v1" NUL TYPE NUL as one part where it fits: each is an EVP call. */
	n = strlen(name) + 1;
	if (3 + n <= sizeof(head)) {
		memcpy(head, "v1", 3);
		memcpy(head + 3, name, n);
		parts[0].p = head;
		parts[0].n = 3 + n;
		np = 1;
	} else {
		parts[0].p = "v1";
		parts[0].n = 3;
		parts[1].p = name;
		parts[1].n = n;
		np = 2;
	}
	parts[np].p = norm;
	parts[np++].n = normlen;

	h = pool_get(p);
	if (h == NULL)
		return ERR_CRYPTO;
	r = crypto_hmac_mac(h, parts, np, mac);
	pool_put(p, h);
	if (r != 0)
		return r;
	(void)pseudonym_b32(mac, TOKBYTES, tok);
	crypto_wipe(mac, sizeof(mac));
	return 0;
}

size_t
pseudonym_b32(const unsigned char *in, size_t n, char *out)
{
	static const char alpha[] = "abcdefghijklmnopqrstuvwxyz234567";
	uint32_t acc = 0;
	unsigned bits = 0;
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		acc = (acc << 8) | in[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			out[o++] = alpha[(acc >> bits) & 31];
		}
	}
	if (bits > 0)
		out[o++] = alpha[(acc << (5 - bits)) & 31];
	out[o] = '\0';
	return o;
}

/* Free a UTF-16 buffer that may hold a value, wiping it first. */
static void
ufree(UChar *u, int32_t cap)
{
	if (u != NULL)
		crypto_wipe(u, (size_t)cap * sizeof(*u));
	free(u);
}

/* UTF-8 to a malloc'd UTF-16 copy; ill-formed input gives ERR_UTF8. */
static int
to_utf16(const char *s, size_t len, UChar **out, int32_t *outlen,
    int32_t *cap)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	UChar *u;

	(void)u_strFromUTF8(NULL, 0, &n, s, (int32_t)len, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return ERR_UTF8;
	u = malloc(((size_t)n + 1) * sizeof(*u));
	if (u == NULL)
		return ERR_NOMEM;
	st = U_ZERO_ERROR;
	(void)u_strFromUTF8(u, n + 1, NULL, s, (int32_t)len, &st);
	if (U_FAILURE(st)) {
		ufree(u, n + 1);
		return ERR_UTF8;
	}
	*out = u;
	*outlen = n;
	*cap = n + 1;
	return 0;
}

/* NFKC_Casefold of src into a new malloc'd buffer. */
static int
nfkc_cf(const UChar *src, int32_t len, UChar **out, int32_t *outlen,
    int32_t *cap)
{
	const UNormalizer2 *nf;
	UErrorCode st = U_ZERO_ERROR;
	int32_t c, n;
	UChar *u;

	nf = unorm2_getNFKCCasefoldInstance(&st);
	if (U_FAILURE(st))
		return ERR_INTERNAL;
	c = len + len / 2 + 16;
	for (;;) {
		u = malloc((size_t)c * sizeof(*u));
		if (u == NULL)
			return ERR_NOMEM;
		st = U_ZERO_ERROR;
		n = unorm2_normalize(nf, src, len, u, c, &st);
		if (U_SUCCESS(st) && n < c)
			break;
		ufree(u, c);
		if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
			return ERR_INTERNAL;
		c = n + 1;
	}
	*out = u;
	*outlen = n;
	*cap = c;
	return 0;
}

/*
 * Collapse white space (or, for identifier types, keep only letters and
 * digits, with every decimal digit as ASCII) in place.  Returns the new
 * length.
 */
static int32_t
squeeze(UChar *u, int32_t len, int idonly)
{
	int32_t i = 0, o = 0;
	int space = 0;
	UChar32 c;

	while (i < len) {
		U16_NEXT(u, i, len, c);
		if (idonly) {
			if (u_isdigit(c))
				u[o++] = (UChar)('0' + u_charDigitValue(c));
			else if (u_isalpha(c))
				U16_APPEND_UNSAFE(u, o, c);
			continue;
		}
		if (u_isUWhiteSpace(c)) {
			space = o > 0;
			continue;
		}
		if (space)
			u[o++] = ' ';
		space = 0;
		U16_APPEND_UNSAFE(u, o, c);
	}
	return o;
}

/* A PHONE or FAX of 11 digits starting with 1 drops the 1. */
static int32_t
drop_trunk(UChar *u, int32_t len)
{
	int32_t i;

	if (len != 11 || u[0] != '1')
		return len;
	for (i = 0; i < len; i++) {
		if (u[i] < '0' || u[i] > '9')
			return len;
	}
	memmove(u, u + 1, 10 * sizeof(*u));
	return 10;
}

/* UTF-16 back to a malloc'd, NUL-terminated UTF-8 string. */
static int
to_utf8(const UChar *u, int32_t len, char **out, size_t *outlen)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = 0;
	char *s;

	(void)u_strToUTF8(NULL, 0, &n, u, len, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st))
		return ERR_INTERNAL;
	if ((size_t)n > PSEUDONYM_MAXNORM)
		return ERR_TOOBIG;
	s = malloc((size_t)n + 1);
	if (s == NULL)
		return ERR_NOMEM;
	st = U_ZERO_ERROR;
	(void)u_strToUTF8(s, n + 1, NULL, u, len, &st);
	if (U_FAILURE(st)) {
		crypto_wipe(s, (size_t)n + 1);
		free(s);
		return ERR_INTERNAL;
	}
	s[n] = '\0';
	*out = s;
	*outlen = (size_t)n;
	return 0;
}

/* 1 when u is already NFKC_Casefold, so one more pass would not move. */
static int
is_nfkc_cf(const UChar *u, int32_t len)
{
	const UNormalizer2 *nf;
	UErrorCode st = U_ZERO_ERROR;
	UBool ok;

	nf = unorm2_getNFKCCasefoldInstance(&st);
	if (U_FAILURE(st))
		return 0;
	ok = unorm2_isNormalized(nf, u, len, &st);
	return U_SUCCESS(st) && ok;
}

/* Whether c is one of the ASCII White_Space characters, TAB..CR, SP. */
static int
ascii_space(unsigned char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/*
 * norm_v1 without ICU of a value that is all printable ASCII or ASCII
 * white space, into s (len + 1 bytes); returns the norm's length, or
 * len + 1 when the value has any other byte (s may then hold part of
 * it, for the caller to wipe).  For an ASCII value NFKC_Casefold only
 * lower-cases A-Z, the White_Space characters are exactly TAB..CR and
 * SP, and the letters and digits are a-z and 0-9, so the result is byte
 * for byte the general path's (the tests compare the two); it is worth
 * having because nearly every value is ASCII and ICU's three passes and
 * four allocations cost more than the token's HMAC.
 */
static size_t
norm_ascii(enum phi_type type, const char *v, size_t len, char *s)
{
	size_t i, o = 0;
	int space = 0, idonly = id_type(type);
	unsigned char c;

	for (i = 0; i < len; i++) {
		c = (unsigned char)v[i];
		if (c > '~' || (c < ' ' && !ascii_space(c)))
			return len + 1;
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c + ('a' - 'A'));
		if (idonly) {
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
				s[o++] = (char)c;
			continue;
		}
		if (ascii_space(c)) {
			space = o > 0;
			continue;
		}
		if (space)
			s[o++] = ' ';
		space = 0;
		s[o++] = (char)c;
	}
	s[o] = '\0';
	if ((type == PHI_PHONE || type == PHI_FAX) && o == 11 &&
	    s[0] == '1' && strspn(s, "0123456789") == 11) {
		memmove(s, s + 1, 11);	/* with the NUL */
		o = 10;
	}
	return o;
}

/* norm_v1 through ICU, of a value norm_ascii cannot take. */
static int
norm_icu(enum phi_type type, const char *value, size_t len, char **out,
    size_t *outlen)
{
	UChar *src = NULL, *dst = NULL;
	int32_t slen, scap, dlen, dcap = 0;
	int r, pass, idonly;

	if (len > 0 && memchr(value, '\0', len) != NULL)
		return ERR_UTF8;
	r = to_utf16(value, len, &src, &slen, &scap);
	if (r != 0)
		return r;

	/*
	 * Dropping characters can bring together two that compose; pass
	 * again until the result is stable, so that norm is idempotent.
	 */
	idonly = id_type(type);
	for (pass = 0; pass < 4; pass++) {
		r = nfkc_cf(src, slen, &dst, &dlen, &dcap);
		ufree(src, scap);
		src = NULL;
		if (r != 0)
			goto out;
		dlen = squeeze(dst, dlen, idonly);
		if (type == PHI_PHONE || type == PHI_FAX)
			dlen = drop_trunk(dst, dlen);
		if (is_nfkc_cf(dst, dlen))
			break;
		src = dst;
		slen = dlen;
		scap = dcap;
		dst = NULL;
	}
	r = ERR_INTERNAL;
	if (dst != NULL)
		r = to_utf8(dst, dlen, out, outlen);
out:
	ufree(src, scap);
	ufree(dst, dcap);
	return r;
}

int
pseudonym_norm(enum phi_type type, const char *value, size_t len,
    char **out, size_t *outlen)
{
	return pseudonym_norm_buf(type, value, len, NULL, 0, out, outlen);
}

int
pseudonym_norm_buf(enum phi_type type, const char *value, size_t len,
    char *buf, size_t cap, char **out, size_t *outlen)
{
	char *s;
	size_t n;

	if (phitype_name(type) == NULL)
		return ERR_USAGE;
	if (len > PSEUDONYM_MAXNORM)
		return ERR_TOOBIG;

	/* Try the ASCII path first: a norm is never longer than its value. */
	s = buf != NULL && len < cap ? buf : malloc(len + 1);
	if (s == NULL)
		return ERR_NOMEM;
	n = norm_ascii(type, value, len, s);
	if (n <= len) {
		*out = s;
		*outlen = n;
		return 0;
	}
	crypto_wipe(s, len + 1);
	if (s != buf)
		free(s);
	return norm_icu(type, value, len, out, outlen);
}
