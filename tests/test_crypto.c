/* test_crypto.c - known answers for the OpenSSL wrappers in crypto.h. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto.h"
#include "err.h"
#include "harness.h"

/* Decode hex into out (cap bytes); returns the byte count. */
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

/* Fill out with n copies of byte c (RFC tables often do this). */
static void
fill(unsigned char *out, unsigned char c, size_t n)
{
	memset(out, c, n);
}

/* RFC 4231 section 4: HMAC-SHA256 test cases 1 to 7. */
static void
test_hmac_rfc4231(void)
{
	static const char tc7data[] = "This is a test using a larger than "
	    "block-size key and a larger than block-size data. The key needs "
	    "to be hashed before being used by the HMAC algorithm.";
	static const struct {
		const char *keyhex;	/* NULL: keylen bytes of keybyte */
		size_t keybyte;
		size_t keylen;
		const char *data;	/* NULL: datalen bytes of databyte */
		size_t databyte;
		size_t datalen;
		const char *mac;	/* hex, maybe truncated (TC5) */
	} t[] = {
		{ NULL, 0x0b, 20, "Hi There", 0, 0,
		  "b0344c61d8db38535ca8afceaf0bf12b"
		  "881dc200c9833da726e9376c2e32cff7" },
		{ "4a656665", 0, 0, "what do ya want for nothing?", 0, 0,
		  "5bdcc146bf60754e6a042426089575c7"
		  "5a003f089d2739839dec58b964ec3843" },
		{ NULL, 0xaa, 20, NULL, 0xdd, 50,
		  "773ea91e36800e46854db8ebd09181a7"
		  "2959098b3ef8c122d9635514ced565fe" },
		{ "0102030405060708090a0b0c0d0e0f10111213141516171819", 0, 0,
		  NULL, 0xcd, 50,
		  "82558a389a443c0ea4cc819899f2083a"
		  "85f0faa3e578f8077a2e3ff46729665b" },
		{ NULL, 0x0c, 20, "Test With Truncation", 0, 0,
		  "a3b6167473100ee06e0c796c2955552b" },
		{ NULL, 0xaa, 131,
		  "Test Using Larger Than Block-Size Key - Hash Key First",
		  0, 0,
		  "60e431591ee0b67f0d8a26aacbf5b77f"
		  "8e0bc6213728c5140546040f0ee37f54" },
		{ NULL, 0xaa, 131, tc7data, 0, 0,
		  "9b09ffa71b942fcb27635fbcd5b0e944"
		  "bfdc63644f0713938a7f51535c3a35e2" },
	};
	unsigned char key[256], data[256], want[32], got[32], got2[32];
	struct crypto_part parts[2];
	struct crypto_hmac *h, *d;
	size_t i, klen, dlen, wlen;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (t[i].keyhex != NULL) {
			klen = unhex(t[i].keyhex, key, sizeof(key));
		} else {
			klen = t[i].keylen;
			fill(key, (unsigned char)t[i].keybyte, klen);
		}
		if (t[i].data != NULL) {
			dlen = strlen(t[i].data);
			memcpy(data, t[i].data, dlen);
		} else {
			dlen = t[i].datalen;
			fill(data, (unsigned char)t[i].databyte, dlen);
		}
		wlen = unhex(t[i].mac, want, sizeof(want));

		/* In two parts, split in the middle. */
		parts[0].p = data;
		parts[0].n = dlen / 2;
		parts[1].p = data + dlen / 2;
		parts[1].n = dlen - dlen / 2;
		CU_ASSERT_EQUAL(crypto_hmac_sha256(key, klen, parts, 2, got),
		    0);
		CU_ASSERT_EQUAL(memcmp(got, want, wlen), 0);

		/* A keyed context, reused, and a duplicate of it. */
		h = crypto_hmac_new(key, klen);
		CU_ASSERT_PTR_NOT_NULL_FATAL(h);
		CU_ASSERT_EQUAL(crypto_hmac_mac(h, parts, 2, got), 0);
		CU_ASSERT_EQUAL(crypto_hmac_mac(h, parts, 2, got2), 0);
		CU_ASSERT_EQUAL(memcmp(got2, want, wlen), 0);
		d = crypto_hmac_dup(h);
		CU_ASSERT_PTR_NOT_NULL_FATAL(d);
		memset(got2, 0, sizeof(got2));
		CU_ASSERT_EQUAL(crypto_hmac_mac(d, parts, 2, got2), 0);
		CU_ASSERT_EQUAL(memcmp(got2, want, wlen), 0);
		crypto_hmac_free(d);
		crypto_hmac_free(h);
	}
	crypto_hmac_free(NULL);
}

/* RFC 5869 appendix A.1 to A.3 (SHA-256). */
static void
test_hkdf_rfc5869(void)
{
	static const struct {
		const char *ikm, *salt, *info, *okm;
	} t[] = {
		{ "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b",
		  "000102030405060708090a0b0c", "f0f1f2f3f4f5f6f7f8f9",
		  "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56"
		  "ecc4c5bf34007208d5b887185865" },
		{ "000102030405060708090a0b0c0d0e0f101112131415161718191a1b"
		  "1c1d1e1f202122232425262728292a2b2c2d2e2f303132333435363738"
		  "393a3b3c3d3e3f404142434445464748494a4b4c4d4e4f",
		  "606162636465666768696a6b6c6d6e6f707172737475767778797a7b"
		  "7c7d7e7f808182838485868788898a8b8c8d8e8f909192939495969798"
		  "999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeaf",
		  "b0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcc"
		  "cdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9"
		  "eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
		  "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c"
		  "19afa97c59045a99cac7827271cb41c65e590e09da3275600c2f09b836"
		  "7793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87" },
		{ "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "",
		  "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f"
		  "3c738d2d9d201395faa4b61a96c8" },
	};
	unsigned char ikm[128], salt[128], info[128], okm[128], got[128];
	size_t i, il, sl, nl, ol;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		il = unhex(t[i].ikm, ikm, sizeof(ikm));
		sl = unhex(t[i].salt, salt, sizeof(salt));
		nl = unhex(t[i].info, info, sizeof(info));
		ol = unhex(t[i].okm, okm, sizeof(okm));
		CU_ASSERT_EQUAL(crypto_hkdf_sha256(ikm, il, salt, sl, info, nl,
		    got, ol), 0);
		CU_ASSERT_EQUAL(memcmp(got, okm, ol), 0);
	}
	CU_ASSERT_EQUAL(crypto_hkdf_sha256(ikm, 22, NULL, 0, info, 1025, got,
	    32), ERR_TOOBIG);
}

/* McGrew-Viega GCM spec, test cases 13 to 16 (AES-256, 96-bit IV). */
static const struct {
	const char *key, *pt, *aad, *iv, *ct, *tag;
} gcm[] = {
	{ "0000000000000000000000000000000000000000000000000000000000000000",
	  "", "", "000000000000000000000000", "",
	  "530f8afbc74536b9a963b4f1c4cb738b" },
	{ "0000000000000000000000000000000000000000000000000000000000000000",
	  "00000000000000000000000000000000", "", "000000000000000000000000",
	  "cea7403d4d606b6e074ec5d3baf39d18",
	  "d0d1c8a799996bf0265b98b5d48ab919" },
	{ "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
	  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	  "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
	  "", "cafebabefacedbaddecaf888",
	  "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
	  "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad",
	  "b094dac5d93471bdec1a502270e3cc6c" },
	{ "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
	  "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
	  "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
	  "feedfacedeadbeeffeedfacedeadbeefabaddad2",
	  "cafebabefacedbaddecaf888",
	  "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
	  "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
	  "76fc6ece0f4e1768cddf8853bb2d551b" },
};

static void
test_gcm_known(void)
{
	unsigned char key[32], pt[64], aad[32], iv[12], ct[64], tag[16];
	unsigned char out[64], otag[16], back[64];
	size_t i, pl, al, cl;

	for (i = 0; i < sizeof(gcm) / sizeof(gcm[0]); i++) {
		(void)unhex(gcm[i].key, key, sizeof(key));
		pl = unhex(gcm[i].pt, pt, sizeof(pt));
		al = unhex(gcm[i].aad, aad, sizeof(aad));
		(void)unhex(gcm[i].iv, iv, sizeof(iv));
		cl = unhex(gcm[i].ct, ct, sizeof(ct));
		(void)unhex(gcm[i].tag, tag, sizeof(tag));
		CU_ASSERT_EQUAL_FATAL(pl, cl);
		CU_ASSERT_EQUAL(crypto_aead_seal(key, iv, al ? aad : NULL, al,
		    pt, pl, out, otag), 0);
		CU_ASSERT_EQUAL(memcmp(out, ct, cl), 0);
		CU_ASSERT_EQUAL(memcmp(otag, tag, 16), 0);
		CU_ASSERT_EQUAL(crypto_aead_open(key, iv, al ? aad : NULL, al,
		    ct, cl, tag, back), 0);
		CU_ASSERT_EQUAL(memcmp(back, pt, pl), 0);
	}
}

/* Any change to key, nonce, AAD, ciphertext or tag is refused. */
static void
test_gcm_tamper(void)
{
	unsigned char key[32], pt[64], aad[32], iv[12], ct[64], tag[16];
	unsigned char back[64], k2[32], iv2[12], a2[32], c2[64], t2[16];
	size_t pl, al, i;
	int which;

	(void)unhex(gcm[3].key, key, sizeof(key));
	pl = unhex(gcm[3].pt, pt, sizeof(pt));
	al = unhex(gcm[3].aad, aad, sizeof(aad));
	(void)unhex(gcm[3].iv, iv, sizeof(iv));
	(void)unhex(gcm[3].ct, ct, sizeof(ct));
	(void)unhex(gcm[3].tag, tag, sizeof(tag));
	for (which = 0; which < 5; which++) {
		for (i = 0; i < (size_t)8 * 12; i += 7) {
			memcpy(k2, key, 32);
			memcpy(iv2, iv, 12);
			memcpy(a2, aad, al);
			memcpy(c2, ct, pl);
			memcpy(t2, tag, 16);
			if (which == 0)
				k2[i / 8 % 32] ^= (unsigned char)(1 << i % 8);
			else if (which == 1)
				iv2[i / 8] ^= (unsigned char)(1 << i % 8);
			else if (which == 2)
				a2[i / 8 % al] ^= (unsigned char)(1 << i % 8);
			else if (which == 3)
				c2[i / 8 % pl] ^= (unsigned char)(1 << i % 8);
			else
				t2[i / 8 % 16] ^= (unsigned char)(1 << i % 8);
			memset(back, 0x55, sizeof(back));
			CU_ASSERT_EQUAL(crypto_aead_open(k2, iv2, a2, al, c2,
			    pl, t2, back), ERR_INTEGRITY);
			/* The rejected plaintext was wiped. */
			CU_ASSERT_EQUAL(back[0] | back[pl - 1], 0);
		}
	}
}

/* RFC 7914 section 12, vectors 1 to 3. */
static void
test_scrypt_rfc7914(void)
{
	static const struct {
		const char *pass, *salt;
		unsigned long long n;
		unsigned r, p;
		const char *dk;
	} t[] = {
		{ "", "", 16, 1, 1,
		  "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede2"
		  "1442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c"
		  "38d18906" },
		{ "password", "NaCl", 1024, 8, 16,
		  "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b37"
		  "31622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdf"
		  "a2cc0640" },
		{ "pleaseletmein", "SodiumChloride", 16384, 8, 1,
		  "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545d"
		  "a1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b"
		  "45575887" },
	};
	unsigned char want[64], got[64];
	size_t i, n;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		n = unhex(t[i].dk, want, sizeof(want));
		CU_ASSERT_EQUAL(crypto_scrypt(t[i].pass, strlen(t[i].pass),
		    (const unsigned char *)t[i].salt, strlen(t[i].salt), t[i].n,
		    t[i].r, t[i].p, got, n), 0);
		CU_ASSERT_EQUAL(memcmp(got, want, n), 0);
	}
	CU_ASSERT_EQUAL(crypto_scrypt("x", 1, NULL, 0, 1000, 8, 1, got, 32),
	    ERR_USAGE);
	CU_ASSERT_EQUAL(crypto_scrypt("x", 1, NULL, 0, 1024, 0, 1, got, 32),
	    ERR_USAGE);
}

/* RFC 7748 section 6.1, and a low-order peer key. */
static void
test_x25519(void)
{
	unsigned char a[32], b[32], apub[32], bpub[32], want[32], s1[32];
	unsigned char s2[32], zero[32], p1[32], p2[32], k[32];

	(void)unhex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba5"
	    "1db92c2a", a, 32);
	(void)unhex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27"
	    "ff88e0eb", b, 32);
	(void)unhex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98e"
	    "aa9b4e6a", want, 32);
	CU_ASSERT_EQUAL(crypto_x25519_public(a, apub), 0);
	CU_ASSERT_EQUAL(memcmp(apub, want, 32), 0);
	(void)unhex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e14"
	    "6f882b4f", want, 32);
	CU_ASSERT_EQUAL(crypto_x25519_public(b, bpub), 0);
	CU_ASSERT_EQUAL(memcmp(bpub, want, 32), 0);
	(void)unhex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c"
	    "1e161742", want, 32);
	CU_ASSERT_EQUAL(crypto_x25519(a, bpub, s1), 0);
	CU_ASSERT_EQUAL(crypto_x25519(b, apub, s2), 0);
	CU_ASSERT_EQUAL(memcmp(s1, want, 32), 0);
	CU_ASSERT_EQUAL(memcmp(s2, want, 32), 0);

	memset(zero, 0, sizeof(zero));
	CU_ASSERT_EQUAL(crypto_x25519(a, zero, s1), ERR_INTEGRITY);

	/* Fresh pairs agree with each other. */
	CU_ASSERT_EQUAL(crypto_x25519_keygen(k, p1), 0);
	CU_ASSERT_EQUAL(crypto_x25519_public(k, p2), 0);
	CU_ASSERT_EQUAL(memcmp(p1, p2, 32), 0);
	CU_ASSERT_EQUAL(crypto_x25519(k, bpub, s1), 0);
	CU_ASSERT_EQUAL(crypto_x25519(b, p1, s2), 0);
	CU_ASSERT_EQUAL(memcmp(s1, s2, 32), 0);
}

/* FIPS 180-2 "abc", in parts; crypto_equal; random output differs. */
static void
test_sha256_misc(void)
{
	static const struct {
		const char *a, *b;
	} t[] = { { "abc", "" }, { "a", "bc" }, { "", "abc" } };
	struct crypto_part parts[2];
	unsigned char want[32], got[32], r1[32], r2[32];
	size_t i;

	(void)unhex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61"
	    "f20015ad", want, 32);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		parts[0].p = t[i].a;
		parts[0].n = strlen(t[i].a);
		parts[1].p = t[i].b;
		parts[1].n = strlen(t[i].b);
		CU_ASSERT_EQUAL(crypto_sha256(parts, 2, got), 0);
		CU_ASSERT_TRUE(crypto_equal(got, want, 32));
	}
	got[31] ^= 1;
	CU_ASSERT_FALSE(crypto_equal(got, want, 32));
	CU_ASSERT_EQUAL(crypto_random(r1, 32), 0);
	CU_ASSERT_EQUAL(crypto_random_priv(r2, 32), 0);
	CU_ASSERT_FALSE(crypto_equal(r1, r2, 32));
	crypto_wipe(r1, sizeof(r1));
	memset(r2, 0, sizeof(r2));
	CU_ASSERT_TRUE(crypto_equal(r1, r2, 32));
	crypto_wipe(NULL, 0);
}

/* Private files: modes, links, no replacing. */
static void
test_secret_files(void)
{
	static const struct {
		mode_t mode;
		int want;
	} t[] = {
		{ 0600, 0 }, { 0400, 0 }, { 0640, ERR_PERM },
		{ 0604, ERR_PERM }, { 0644, ERR_PERM }, { 0700, 0 },
		{ 0610, ERR_PERM },
	};
	char tmp[PATH_MAX], path[PATH_MAX], link_path[PATH_MAX];
	const char *dir = harness_tmpdir();
	struct stat st;
	size_t i, size;
	int fd, fd2;

	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	(void)snprintf(path, sizeof(path), "%s/secret", dir);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		CU_ASSERT_EQUAL_FATAL(crypto_temp_open(dir, ".tmp-t-", tmp,
		    sizeof(tmp), &fd), 0);
		CU_ASSERT_EQUAL(fstat(fd, &st), 0);
		CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
		CU_ASSERT_EQUAL(crypto_write_all(fd, "abc", 3), 0);
		CU_ASSERT_EQUAL(close(fd), 0);
		CU_ASSERT_EQUAL(chmod(tmp, t[i].mode), 0);
		CU_ASSERT_EQUAL(crypto_open_secret(tmp, &fd2, &size),
		    t[i].want);
		if (t[i].want == 0) {
			CU_ASSERT_EQUAL(size, 3);
			CU_ASSERT_EQUAL(close(fd2), 0);
		}
		CU_ASSERT_EQUAL(unlink(tmp), 0);
	}

	/* Publish once; a second publish of the same name is refused. */
	CU_ASSERT_EQUAL_FATAL(crypto_temp_open(dir, ".tmp-t-", tmp,
	    sizeof(tmp), &fd), 0);
	CU_ASSERT_EQUAL(close(fd), 0);
	CU_ASSERT_EQUAL(crypto_publish(tmp, path), 0);
	CU_ASSERT_EQUAL(access(tmp, F_OK), -1);
	CU_ASSERT_EQUAL_FATAL(crypto_temp_open(dir, ".tmp-t-", tmp,
	    sizeof(tmp), &fd), 0);
	CU_ASSERT_EQUAL(crypto_write_all(fd, "new", 3), 0);
	CU_ASSERT_EQUAL(close(fd), 0);
	CU_ASSERT_EQUAL(crypto_publish(tmp, path), ERR_USAGE);
	CU_ASSERT_EQUAL(access(tmp, F_OK), -1);
	CU_ASSERT_EQUAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(st.st_size, 0);

	/* A symbolic link to a good file is refused. */
	(void)snprintf(link_path, sizeof(link_path), "%s/secret-link", dir);
	CU_ASSERT_EQUAL(symlink(path, link_path), 0);
	CU_ASSERT_EQUAL(crypto_open_secret(link_path, &fd2, &size), ERR_PERM);
	CU_ASSERT_EQUAL(crypto_open_secret(dir, &fd2, &size), ERR_PERM);
	(void)snprintf(tmp, sizeof(tmp), "%s/absent", dir);
	CU_ASSERT_EQUAL(crypto_open_secret(tmp, &fd2, &size), ERR_IO);
	CU_ASSERT_EQUAL(unlink(link_path), 0);
	CU_ASSERT_EQUAL(unlink(path), 0);
}

static int
add(void)
{
	CU_pSuite s;

	s = CU_add_suite("crypto", NULL, NULL);
	if (s == NULL)
		return -1;
	if (CU_add_test(s, "HMAC-SHA256 RFC 4231 1-7", test_hmac_rfc4231) ==
	    NULL ||
	    CU_add_test(s, "HKDF RFC 5869 A.1-A.3", test_hkdf_rfc5869) ==
	    NULL ||
	    CU_add_test(s, "AES-256-GCM McGrew-Viega 13-16", test_gcm_known) ==
	    NULL ||
	    CU_add_test(s, "AES-256-GCM tamper", test_gcm_tamper) == NULL ||
	    CU_add_test(s, "scrypt RFC 7914 1-3", test_scrypt_rfc7914) ==
	    NULL ||
	    CU_add_test(s, "X25519 RFC 7748 6.1", test_x25519) == NULL ||
	    CU_add_test(s, "SHA-256, compare, random", test_sha256_misc) ==
	    NULL ||
	    CU_add_test(s, "private files", test_secret_files) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
