/* test_keyfile.c - veil.key: round trips, golden subkeys, tampering. */
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "crypto.h"
#include "err.h"
#include "harness.h"
#include "keyfile.h"
#include "pseudonym.h"

#define PASS "correct horse battery staple"
#define LOGN 15

static char wrapped[PATH_MAX];	/* generated once with PASS at LOGN */
static char clear[PATH_MAX];	/* generated once without a passphrase */

static int
hexdigit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static size_t
unhex(const char *hex, unsigned char *out, size_t cap)
{
	size_t i, n = strlen(hex) / 2;
	int hi, lo;

	CU_ASSERT_FATAL(n <= cap);
	for (i = 0; i < n && i < cap; i++) {
		hi = hexdigit(hex[2 * i]);
		lo = hexdigit(hex[2 * i + 1]);
		CU_ASSERT_FATAL(hi >= 0 && lo >= 0);
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return n;
}

/* Read path into img (cap bytes); its size, or 0 when unreadable. */
static size_t
read_image(const char *path, unsigned char *img, size_t cap)
{
	size_t n = 0;
	char *buf;

	buf = harness_read_file(path, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	CU_ASSERT_FATAL(n <= cap);
	if (buf == NULL || n > cap) {
		free(buf);
		return 0;
	}
	memcpy(img, buf, n);
	free(buf);
	return n;
}

static void
path_in_tmp(char *out, const char *name)
{
	(void)snprintf(out, PATH_MAX, "%s/%s", harness_tmpdir(), name);
}

/* Replace path with n bytes of buf at mode. */
static void
put_file(const char *path, const void *buf, size_t n, mode_t mode)
{
	int fd;

	(void)unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(crypto_write_all(fd, buf, n), 0);
	CU_ASSERT_EQUAL(fchmod(fd, mode), 0);
	CU_ASSERT_EQUAL(close(fd), 0);
}

static int
load_rc(const char *path, const char *pass)
{
	struct keyfile *kf = NULL;
	char err[256];
	int r;

	r = keyfile_load(path, pass, pass == NULL ? 0 : strlen(pass), &kf,
	    err, sizeof(err));
	CU_ASSERT_EQUAL(r == 0, kf != NULL);
	keyfile_free(kf);
	return r;
}

static int
suite_init(void)
{
	char err[256];

	if (harness_tmpdir() == NULL)
		return -1;
	path_in_tmp(wrapped, "wrapped.key");
	path_in_tmp(clear, "clear.key");
	if (keyfile_generate(wrapped, PASS, strlen(PASS), LOGN, err,
	    sizeof(err)) != 0)
		return -1;
	return keyfile_generate(clear, NULL, 0, 0, err, sizeof(err));
}

/* Generate then load: same ids and subkeys, a consistent key pair. */
static void
test_round_trip(void)
{
	struct keyfile *a = NULL, *b = NULL;
	unsigned char k1[32], k2[32], pub[32];
	struct stat st;
	char err[256];

	CU_ASSERT_EQUAL(stat(wrapped, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	CU_ASSERT_EQUAL(st.st_size, 80 + 81 + 16);
	CU_ASSERT_EQUAL(keyfile_is_wrapped(wrapped), 1);
	CU_ASSERT_EQUAL(keyfile_is_wrapped(clear), 0);
	CU_ASSERT_EQUAL_FATAL(keyfile_load(wrapped, PASS, strlen(PASS), &a,
	    err, sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(keyfile_load(wrapped, PASS, strlen(PASS), &b,
	    err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(memcmp(keyfile_keyset_id(a), keyfile_keyset_id(b),
	    KEYFILE_IDLEN), 0);
	CU_ASSERT_EQUAL(keyfile_ks_key_id(a), keyfile_ks_key_id(b));
	CU_ASSERT_EQUAL(crypto_x25519_public(keyfile_private(a), pub), 0);
	CU_ASSERT_EQUAL(memcmp(pub, keyfile_public(a), 32), 0);
	CU_ASSERT_PTR_EQUAL(keyfile_private_for(a, keyfile_ks_key_id(a)),
	    keyfile_private(a));
	CU_ASSERT_PTR_NULL(keyfile_private_for(a, keyfile_ks_key_id(a) + 1));
	CU_ASSERT_EQUAL(keyfile_subkey(a, KEYFILE_PSEUDONYM, "S1", k1), 0);
	CU_ASSERT_EQUAL(keyfile_subkey(b, KEYFILE_PSEUDONYM, "S1", k2), 0);
	CU_ASSERT_EQUAL(memcmp(k1, k2, 32), 0);
	keyfile_free(b);

	/* The unwrapped file is another key set. */
	CU_ASSERT_EQUAL_FATAL(keyfile_load(clear, NULL, 0, &b, err,
	    sizeof(err)), 0);
	CU_ASSERT_NOT_EQUAL(memcmp(keyfile_keyset_id(a),
	    keyfile_keyset_id(b), KEYFILE_IDLEN), 0);
	CU_ASSERT_EQUAL(keyfile_subkey(b, KEYFILE_PSEUDONYM, "S1", k2), 0);
	CU_ASSERT_NOT_EQUAL(memcmp(k1, k2, 32), 0);
	keyfile_free(b);
	keyfile_free(a);
	keyfile_free(NULL);
}

/*
 * A key file written by hand (Python): keyset_id 10..1f, R_link 20..3f,
 * one key, id 01020304, private key 40..5f.  Subkeys and tokens below
 * were computed with Python's hmac, hashlib and cryptography modules.
 */
static const char golden_file[] =
    "89564b590d0a1a0a010000000000000000000000000000000000000000000000"
    "00000000000000000000000000000000101112131415161718191a1b1c1d1e1f"
    "00000000000000000000000000000051202122232425262728292a2b2c2d2e2f"
    "303132333435363738393a3b3c3d3e3f00000001010203040100000000650000"
    "00404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e"
    "5fff195035c1c880ef7a1078bca6af26c4";

static void
test_golden(void)
{
	static const struct {
		enum keyfile_purpose purpose;
		const char *domain;
		const char *key;
	} t[] = {
		{ KEYFILE_PSEUDONYM, "STUDY_A",
		  "4529a6a83023567dd80cfd568a4dba55"
		  "36ed494093dfa05bdc224edcbf4f01bc" },
		{ KEYFILE_DATESHIFT, "STUDY_A",
		  "688054a6f2aaf647040bbc360a2f829c"
		  "4edeb867fa9356b64afa16d1d14c22a4" },
		{ KEYFILE_SEGMENT_MAC, "STUDY_A",
		  "65add928eff262ded8543326f63afc64"
		  "0d5ad930098813efba04606596737259" },
		{ KEYFILE_AUDIT, NULL,
		  "eb865746fb0df2c461c98cd3cf72de2c"
		  "b4f209fdaf5fdd5688aca9d0d4dd068d" },
		{ KEYFILE_PSEUDONYM, "STUDY_B",
		  "abb72e0f197f7fa02760c14f2c604836"
		  "382c4d7df3e75cb24d02cfbe7705ba43" },
	};
	unsigned char img[256], want[32], got[32];
	char path[PATH_MAX], err[256], tok[PSEUDONYM_TOKLEN + 1];
	struct keyfile *kf = NULL;
	struct pseudonym *p;
	size_t i, n;

	n = unhex(golden_file, img, sizeof(img));
	CU_ASSERT_EQUAL_FATAL(n, 177);
	path_in_tmp(path, "golden.key");
	put_file(path, img, n, 0600);
	CU_ASSERT_EQUAL_FATAL(keyfile_load(path, NULL, 0, &kf, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(keyfile_ks_key_id(kf), 0x01020304);
	(void)unhex("79a631eede1bf9c98f12032cdeadd0e7a079398fc786b88cc846ec89"
	    "af85a51a", want, 32);
	CU_ASSERT_EQUAL(memcmp(keyfile_public(kf), want, 32), 0);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		(void)unhex(t[i].key, want, 32);
		CU_ASSERT_EQUAL(keyfile_subkey(kf, t[i].purpose, t[i].domain,
		    got), 0);
		CU_ASSERT_EQUAL(memcmp(got, want, 32), 0);
	}

	/* End to end: key file, subkey, token. */
	CU_ASSERT_EQUAL(keyfile_subkey(kf, KEYFILE_PSEUDONYM, "STUDY_A", got),
	    0);
	p = pseudonym_new(got);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(pseudonym_token(p, PHI_NAME, "ada lovelace", 12, tok),
	    0);
	CU_ASSERT_STRING_EQUAL(tok, "mo5sflfpnmglzsogx54dspdn");
	CU_ASSERT_EQUAL(pseudonym_token(p, PHI_MRN, "00482913", 8, tok), 0);
	CU_ASSERT_STRING_EQUAL(tok, "idrkpxyateyc23gdd47ieygr");
	pseudonym_free(p);
	keyfile_free(kf);
}

/* Domains are [A-Za-z0-9_]{1,64}. */
static void
test_domains(void)
{
	static const struct {
		const char *d;
		int ok;
	} t[] = {
		{ "STUDY_A", 1 }, { "S", 1 }, { "2031_Q1", 1 }, { "study", 1 },
		{ "", 0 }, { "A-B", 0 }, { "A B", 0 }, { NULL, 0 },
		{ "default", 1 }, { "caf\xc3\xa9", 0 }, { "A/B", 0 },
		{ "0123456789012345678901234567890123456789012345678901234567"
		  "890123", 1 },
		{ "0123456789012345678901234567890123456789012345678901234567"
		  "8901234", 0 },
	};
	struct keyfile *kf = NULL;
	unsigned char k[32];
	char err[256];
	size_t i;

	CU_ASSERT_EQUAL_FATAL(keyfile_load(clear, NULL, 0, &kf, err,
	    sizeof(err)), 0);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		CU_ASSERT_EQUAL(keyfile_domain_ok(t[i].d), t[i].ok);
		CU_ASSERT_EQUAL(keyfile_subkey(kf, KEYFILE_DATESHIFT, t[i].d,
		    k) == 0, keyfile_domain_ok(t[i].d));
	}
	CU_ASSERT_EQUAL(keyfile_subkey(kf, KEYFILE_AUDIT, NULL, k), 0);
	keyfile_free(kf);
}

/* Wrong or missing passphrases; logN bounds. */
static void
test_passphrase(void)
{
	char path[PATH_MAX], err[256];
	unsigned char img[256] = { 0 };
	size_t n;
	clock_t t0;

	CU_ASSERT_EQUAL(load_rc(wrapped, "correct horse battery stapl"),
	    ERR_INTEGRITY);
	CU_ASSERT_EQUAL(load_rc(wrapped, ""), ERR_INTEGRITY);
	CU_ASSERT_EQUAL(load_rc(wrapped, NULL), ERR_USAGE);
	CU_ASSERT_EQUAL(load_rc(clear, "ignored"), 0);

	path_in_tmp(path, "logn.key");
	CU_ASSERT_EQUAL(keyfile_generate(path, PASS, 4, 14, err,
	    sizeof(err)), ERR_USAGE);
	CU_ASSERT_EQUAL(keyfile_generate(path, PASS, 4, 23, err,
	    sizeof(err)), ERR_USAGE);
	CU_ASSERT_EQUAL(access(path, F_OK), -1);

	/* logN 40 or 23 in a file is refused at once, before scrypt. */
	n = read_image(wrapped, img, sizeof(img));
	CU_ASSERT_EQUAL_FATAL(n, 177);
	img[10] = 40;
	put_file(path, img, n, 0600);
	t0 = clock();
	CU_ASSERT_EQUAL(load_rc(path, PASS), ERR_INTEGRITY);
	img[10] = 23;
	put_file(path, img, n, 0600);
	CU_ASSERT_EQUAL(load_rc(path, PASS), ERR_INTEGRITY);
	CU_ASSERT_TRUE(clock() - t0 < CLOCKS_PER_SEC / 20);
	CU_ASSERT_EQUAL(unlink(path), 0);
}

/* One flipped byte in each field of a wrapped file. */
static void
test_flip_wrapped(void)
{
	static const struct {
		const char *field;
		size_t off;	/* from the start; SIZE_MAX: last byte */
	} t[] = {
		{ "magic", 0 }, { "magic", 3 }, { "ver", 8 }, { "kdf", 9 },
		{ "logN", 10 }, { "r", 11 }, { "p", 12 }, { "rsv", 14 },
		{ "salt", 31 }, { "keyset_id", 63 }, { "nonce", 70 },
		{ "len", 76 }, { "len", 79 }, { "ct", 120 },
		{ "tag", SIZE_MAX },
	};
	unsigned char img[256] = { 0 }, bad[256];
	char path[PATH_MAX];
	size_t i, n, off;
	int r;

	n = read_image(wrapped, img, sizeof(img));
	CU_ASSERT_EQUAL_FATAL(n, 177);
	path_in_tmp(path, "flip.key");
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		off = t[i].off == SIZE_MAX ? n - 1 : t[i].off;
		memcpy(bad, img, sizeof(bad));
		bad[off] ^= 0x01;
		put_file(path, bad, n, 0600);
		r = load_rc(path, PASS);
		CU_ASSERT_EQUAL(r, ERR_INTEGRITY);
		if (r != ERR_INTEGRITY)
			(void)printf("flip in %s accepted\n",
			    t[i].field);
	}
	put_file(path, img, n, 0600);
	CU_ASSERT_EQUAL(load_rc(path, PASS), 0);
	CU_ASSERT_EQUAL(unlink(path), 0);
}

/* Unwrapped file: every single-bit flip and every truncation. */
static void
test_tamper_clear(void)
{
	unsigned char img[256] = { 0 }, bad[257];
	char path[PATH_MAX];
	size_t n, i, accepted = 0;

	n = read_image(clear, img, sizeof(img));
	CU_ASSERT_EQUAL_FATAL(n, 177);
	path_in_tmp(path, "tamper.key");
	for (i = 0; i < 8 * n; i++) {
		memcpy(bad, img, n);
		bad[i / 8] ^= (unsigned char)(1u << (i % 8));
		put_file(path, bad, n, 0600);
		accepted += load_rc(path, NULL) != ERR_INTEGRITY;
	}
	CU_ASSERT_EQUAL(accepted, 0);
	for (i = 0; i < n; i++) {
		put_file(path, img, i, 0600);
		accepted += load_rc(path, NULL) != ERR_INTEGRITY;
	}
	CU_ASSERT_EQUAL(accepted, 0);
	memcpy(bad, img, n);
	bad[n] = 0;
	put_file(path, bad, n + 1, 0600);
	CU_ASSERT_EQUAL(load_rc(path, NULL), ERR_INTEGRITY);
	CU_ASSERT_EQUAL(unlink(path), 0);
}

/* Truncated or extended wrapped files. */
static void
test_truncate_wrapped(void)
{
	static const size_t cut[] = { 0, 1, 8, 79, 80, 96, 160, 176 };
	unsigned char img[257] = { 0 };
	char path[PATH_MAX];
	size_t n, i;

	n = read_image(wrapped, img, sizeof(img) - 1);
	CU_ASSERT_EQUAL_FATAL(n, 177);
	path_in_tmp(path, "cut.key");
	for (i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		put_file(path, img, cut[i], 0600);
		CU_ASSERT_EQUAL(load_rc(path, PASS), ERR_INTEGRITY);
	}
	img[n] = '\n';
	put_file(path, img, n + 1, 0600);
	CU_ASSERT_EQUAL(load_rc(path, PASS), ERR_INTEGRITY);
	CU_ASSERT_EQUAL(keyfile_is_wrapped(path), ERR_INTEGRITY);
	CU_ASSERT_EQUAL(unlink(path), 0);
}

/* Unsafe modes, links, other file types; no overwriting. */
static void
test_permissions(void)
{
	static const struct {
		mode_t mode;
		int want;
	} t[] = {
		{ 0600, 0 }, { 0400, 0 }, { 0644, ERR_PERM },
		{ 0640, ERR_PERM }, { 0620, ERR_PERM }, { 0601, ERR_PERM },
		{ 0660, ERR_PERM },
	};
	char path[PATH_MAX], lnk[PATH_MAX], err[256];
	size_t i, n, n2;
	char *buf, *after;

	buf = harness_read_file(clear, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	if (buf == NULL)
		return;
	path_in_tmp(path, "mode.key");
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		put_file(path, buf, n, t[i].mode);
		CU_ASSERT_EQUAL(load_rc(path, NULL), t[i].want);
		CU_ASSERT_EQUAL(keyfile_is_wrapped(path), t[i].want);
	}
	CU_ASSERT_EQUAL(unlink(path), 0);

	path_in_tmp(lnk, "link.key");
	CU_ASSERT_EQUAL(symlink(clear, lnk), 0);
	CU_ASSERT_EQUAL(load_rc(lnk, NULL), ERR_PERM);
	CU_ASSERT_EQUAL(unlink(lnk), 0);
	CU_ASSERT_EQUAL(load_rc(harness_tmpdir(), NULL), ERR_PERM);
	path_in_tmp(path, "absent.key");
	CU_ASSERT_EQUAL(load_rc(path, NULL), ERR_IO);

	/* An existing file, or a link, is never replaced. */
	CU_ASSERT_EQUAL(keyfile_generate(clear, NULL, 0, 0, err, sizeof(err)),
	    ERR_USAGE);
	CU_ASSERT_EQUAL(symlink(path, lnk), 0);
	CU_ASSERT_EQUAL(keyfile_generate(lnk, NULL, 0, 0, err, sizeof(err)),
	    ERR_USAGE);
	CU_ASSERT_EQUAL(access(path, F_OK), -1);
	CU_ASSERT_EQUAL(unlink(lnk), 0);
	after = harness_read_file(clear, &n2);
	CU_ASSERT_PTR_NOT_NULL(after);
	CU_ASSERT_EQUAL(n, n2);
	if (after != NULL && n == n2)
		CU_ASSERT_EQUAL(memcmp(buf, after, n), 0);
	free(after);
	free(buf);
}

static int
add(void)
{
	CU_pSuite s;

	s = CU_add_suite("keyfile", suite_init, NULL);
	if (s == NULL)
		return -1;
	if (CU_add_test(s, "round trip", test_round_trip) == NULL ||
	    CU_add_test(s, "golden file, subkeys, tokens", test_golden) ==
	    NULL ||
	    CU_add_test(s, "domains", test_domains) == NULL ||
	    CU_add_test(s, "passphrase and logN", test_passphrase) == NULL ||
	    CU_add_test(s, "flip each field", test_flip_wrapped) == NULL ||
	    CU_add_test(s, "unwrapped: every flip and cut",
	    test_tamper_clear) == NULL ||
	    CU_add_test(s, "wrapped: truncation", test_truncate_wrapped) ==
	    NULL ||
	    CU_add_test(s, "permissions and links", test_permissions) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
