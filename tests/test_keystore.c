/* test_keystore.c - segments, tampering, and the access log. */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto.h"
#include "err.h"
#include "harness.h"
#include "keyfile.h"
#include "keystore.h"
#include "pseudonym.h"

#define DOMAIN "TRIAL_7"

static struct keyfile *kf;	/* the key set of every test */
static struct keyfile *kf_other;	/* another key set */
static struct pseudonym *ps;	/* K_pseud(DOMAIN) of kf */

static int
suite_init(void)
{
	char path[PATH_MAX], err[256];
	unsigned char k[32];

	if (harness_tmpdir() == NULL)
		return -1;
	(void)snprintf(path, sizeof(path), "%s/ks.key", harness_tmpdir());
	if (keyfile_generate(path, NULL, 0, 0, err, sizeof(err)) != 0 ||
	    keyfile_load(path, NULL, 0, &kf, err, sizeof(err)) != 0)
		return -1;
	(void)snprintf(path, sizeof(path), "%s/other.key", harness_tmpdir());
	if (keyfile_generate(path, NULL, 0, 0, err, sizeof(err)) != 0 ||
	    keyfile_load(path, NULL, 0, &kf_other, err, sizeof(err)) != 0)
		return -1;
	if (keyfile_subkey(kf, KEYFILE_PSEUDONYM, DOMAIN, k) != 0)
		return -1;
	ps = pseudonym_new(k);
	crypto_wipe(k, sizeof(k));
	return ps == NULL ? -1 : 0;
}

static int
suite_clean(void)
{
	pseudonym_free(ps);
	keyfile_free(kf);
	keyfile_free(kf_other);
	return 0;
}

/* A fresh, missing directory path under the test directory. */
static void
new_dir(char *out, const char *name)
{
	(void)snprintf(out, PATH_MAX, "%s/%s", harness_tmpdir(), name);
}

/* out = dir/name. */
static void
join(char *out, const char *dir, const char *name)
{
	int n;

	n = snprintf(out, PATH_MAX, "%s/%s", dir, name);
	CU_ASSERT_FATAL(n > 0 && n < PATH_MAX);
}

/* Normalise raw, tokenise it with p and add it; the writer's code. */
static int
add_raw_ps(struct keystore_writer *w, const struct pseudonym *p,
    enum phi_type type, const char *raw, char tok[PSEUDONYM_TOKLEN + 1],
    char **norm, size_t *nlen)
{
	int r;

	r = pseudonym_norm(type, raw, strlen(raw), norm, nlen);
	CU_ASSERT_EQUAL_FATAL(r, 0);
	CU_ASSERT_EQUAL_FATAL(pseudonym_token(p, type, *norm, *nlen, tok),
	    0);
	return keystore_writer_add(w, type, tok, *norm, *nlen, raw,
	    strlen(raw));
}

/* add_raw_ps in DOMAIN. */
static int
add_raw(struct keystore_writer *w, enum phi_type type, const char *raw,
    char tok[PSEUDONYM_TOKLEN + 1], char **norm, size_t *nlen)
{
	return add_raw_ps(w, ps, type, raw, tok, norm, nlen);
}

/* The single segment file in dir (its name into out). */
static void
segment_path(const char *dir, char *out)
{
	struct dirent *de;
	DIR *d;
	int n = 0;

	d = opendir(dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "seg-", 4) == 0) {
			(void)snprintf(out, PATH_MAX, "%s/%s", dir, de->d_name);
			n++;
		}
		CU_ASSERT_NOT_EQUAL(strncmp(de->d_name, ".tmp-", 5), 0);
	}
	(void)closedir(d);
	CU_ASSERT_EQUAL_FATAL(n, 1);
}

static void
put_file(const char *path, const void *buf, size_t n)
{
	int fd;

	(void)unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL(crypto_write_all(fd, buf, n), 0);
	CU_ASSERT_EQUAL(close(fd), 0);
}

static int
open_rc(const char *dir, const struct keyfile *k, const char *domain)
{
	struct keystore *ks = (struct keystore *)&ks;
	char err[256];
	int r;

	r = keystore_open(dir, k, domain, &ks, err, sizeof(err));
	CU_ASSERT_EQUAL(r == 0, ks != NULL);
	keystore_free(ks);
	return r;
}

/* The number of entries of dir opened for domain with kf; -1 if none. */
static long
open_total(const char *dir, const char *domain)
{
	struct keystore *ks = NULL;
	char err[256];
	long n = -1;

	if (keystore_open(dir, kf, domain, &ks, err, sizeof(err)) == 0)
		n = (long)keystore_count(ks, PHI_NTYPES);
	keystore_free(ks);
	return n;
}

static const struct {
	enum phi_type type;
	const char *raw;
	const char *norm;
} vals[] = {
	{ PHI_NAME, "Quentin  MARLOWE", "quentin marlowe" },
	{ PHI_NAME, "Odile Vantongeren", "odile vantongeren" },
	{ PHI_MRN, "MR-77120034", "mr77120034" },
	{ PHI_PHONE, "+1 (555) 014-7781", "5550147781" },
	{ PHI_EMAIL, "q.marlowe@example.invalid",
	  "q.marlowe@example.invalid" },
	{ PHI_CITY, "Quentin Marlowe", "quentin marlowe" },
	{ PHI_ADDRESS, "41 Larkspur Row", "41 larkspur row" },
};

#define NVALS (sizeof(vals) / sizeof(vals[0]))
#define NMANY 5000
#define BIGLEN 100000

/* 1 when the keystore gives exactly want for (type, tok). */
static int
finds(const struct keystore *ks, enum phi_type type, const char *tok,
    const char *want, size_t wlen)
{
	const char *v;
	size_t vl;

	return keystore_find(ks, type, tok, &v, &vl) == 0 && vl == wlen &&
	    (wlen == 0 || memcmp(v, want, wlen) == 0);
}

/* Check the round-trip keystore in dir: it gives back the raw forms. */
static void
round_trip_check(const char *dir, char tok[][PSEUDONYM_TOKLEN + 1],
    const char *btok, const char *big, size_t blen, const char *mtok,
    const char *mraw)
{
	struct keystore *ks = NULL;
	char err[256];
	const char *v;
	size_t i, vl;

	CU_ASSERT_EQUAL_FATAL(keystore_open(dir, kf, DOMAIN, &ks, err,
	    sizeof(err)), 0);
	for (i = 0; i < NVALS; i++)
		CU_ASSERT_TRUE(finds(ks, vals[i].type, tok[i], vals[i].raw,
		    strlen(vals[i].raw)));
	CU_ASSERT_TRUE(finds(ks, PHI_LOCATION, btok, big, blen));
	CU_ASSERT_TRUE(finds(ks, PHI_ACCOUNT, mtok, mraw, strlen(mraw)));
	CU_ASSERT_EQUAL(keystore_find(ks, PHI_STATE, tok[0], &v, &vl),
	    ERR_NOTFOUND);
	CU_ASSERT_EQUAL(keystore_find(ks, PHI_NAME, "short", &v, &vl),
	    ERR_NOTFOUND);
	CU_ASSERT_EQUAL(keystore_count(ks, PHI_NAME), 2);
	CU_ASSERT_EQUAL(keystore_count(ks, PHI_ACCOUNT), NMANY);
	CU_ASSERT_EQUAL(keystore_count(ks, PHI_NTYPES), NVALS + NMANY + 1);
	CU_ASSERT_EQUAL(keystore_count(ks, -1), 0);
	keystore_free(ks);
	keystore_free(NULL);
	keystore_writer_free(NULL);
}

/* Write, commit, open, find: small, many, and one value > 64 KiB. */
static void
test_round_trip(void)
{
	char dir[PATH_MAX], seg[PATH_MAX], err[256], raw[64];
	char tok[NVALS][PSEUDONYM_TOKLEN + 1], btok[PSEUDONYM_TOKLEN + 1];
	char mtok[PSEUDONYM_TOKLEN + 1], *norm, *big;
	struct keystore_writer *w;
	struct stat st;
	size_t i, n;

	new_dir(dir, "rt");
	w = keystore_writer_new(dir, kf, DOMAIN, 3, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	for (i = 0; i < NVALS; i++) {
		CU_ASSERT_EQUAL(add_raw(w, vals[i].type, vals[i].raw, tok[i],
		    &norm, &n), 0);
		CU_ASSERT_STRING_EQUAL(norm, vals[i].norm);
		/* Adding it again is a no-op. */
		CU_ASSERT_EQUAL(keystore_writer_add(w, vals[i].type, tok[i],
		    norm, n, vals[i].raw, strlen(vals[i].raw)), 0);
		free(norm);
	}
	for (i = 0; i < NMANY; i++) {
		(void)snprintf(raw, sizeof(raw), "acct %05zu-%zu", i, i * 7);
		CU_ASSERT_EQUAL(add_raw(w, PHI_ACCOUNT, raw, mtok, &norm, &n),
		    0);
		free(norm);
	}
	big = calloc(1, BIGLEN + 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	for (i = 0; big != NULL && i < BIGLEN; i++)
		big[i] = "abcdefghij klmnop"[i % 17];
	CU_ASSERT_EQUAL(add_raw(w, PHI_LOCATION, big, btok, &norm, &n), 0);
	CU_ASSERT_TRUE(n > 65536);
	CU_ASSERT_EQUAL(keystore_writer_count(w), NVALS + NMANY + 1);
	CU_ASSERT_EQUAL(keystore_writer_commit(w, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(keystore_writer_commit(w, err, sizeof(err)),
	    ERR_USAGE);
	CU_ASSERT_EQUAL(keystore_writer_add(w, PHI_LOCATION, btok, norm, n,
	    big, BIGLEN), ERR_USAGE);
	keystore_writer_free(w);

	segment_path(dir, seg);
	CU_ASSERT_EQUAL(stat(seg, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	CU_ASSERT_EQUAL(strncmp(strrchr(seg, '/'), "/seg-" DOMAIN "-",
	    strlen("/seg-" DOMAIN "-")), 0);
	CU_ASSERT_EQUAL(strlen(strrchr(seg, '/')), strlen("/seg-" DOMAIN "-") +
	    32 + strlen("-3.dks"));
	round_trip_check(dir, tok, btok, big, BIGLEN, mtok, raw);
	crypto_wipe(norm, n);
	free(norm);
	free(big);
}

/* Several segments fold together; an empty shard still writes one. */
static void
test_segments(void)
{
	char dir[PATH_MAX], err[256], tok[PSEUDONYM_TOKLEN + 1], *norm;
	struct keystore_writer *w;
	struct keystore *ks = NULL;
	const char *v;
	size_t i, n, vl;
	uint32_t shard;

	new_dir(dir, "multi");
	for (shard = 0; shard < 3; shard++) {
		w = keystore_writer_new(dir, kf, DOMAIN, shard, err,
		    sizeof(err));
		CU_ASSERT_PTR_NOT_NULL_FATAL(w);
		for (i = 0; shard < 2 && i < NVALS; i++) {
			if (i % 2 == shard && i != 0)
				continue;
			CU_ASSERT_EQUAL(add_raw(w, vals[i].type, vals[i].raw,
			    tok, &norm, &n), 0);
			free(norm);
		}
		CU_ASSERT_EQUAL(keystore_writer_commit(w, err, sizeof(err)),
		    0);
		keystore_writer_free(w);
	}
	CU_ASSERT_EQUAL_FATAL(keystore_open(dir, kf, DOMAIN, &ks, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(keystore_count(ks, PHI_NTYPES), NVALS);
	for (i = 0; i < NVALS; i++) {
		CU_ASSERT_EQUAL(pseudonym_token(ps, vals[i].type, vals[i].norm,
		    strlen(vals[i].norm), tok), 0);
		CU_ASSERT_TRUE(finds(ks, vals[i].type, tok, vals[i].raw,
		    strlen(vals[i].raw)));
	}
	keystore_free(ks);

	/* An empty keystore directory opens with nothing in it. */
	new_dir(dir, "empty");
	w = keystore_writer_new(dir, kf, DOMAIN, 0, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	CU_ASSERT_EQUAL(keystore_writer_commit(w, err, sizeof(err)), 0);
	keystore_writer_free(w);
	CU_ASSERT_EQUAL_FATAL(keystore_open(dir, kf, DOMAIN, &ks, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(keystore_count(ks, PHI_NTYPES), 0);
	CU_ASSERT_EQUAL(keystore_find(ks, PHI_NAME, tok, &v, &vl),
	    ERR_NOTFOUND);
	keystore_free(ks);
	new_dir(dir, "absent");
	CU_ASSERT_EQUAL(open_rc(dir, kf, DOMAIN), ERR_IO);
}

/* Count the segment files in dir. */
static size_t
count_segments(const char *dir)
{
	struct dirent *de;
	size_t n = 0;
	DIR *d = opendir(dir);

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((de = readdir(d)) != NULL)
		n += strncmp(de->d_name, "seg-", 4) == 0;
	(void)closedir(d);
	return n;
}

/* A writer over its memory cap seals segments as it goes. */
static void
test_spill(void)
{
	char dir[PATH_MAX], err[256], raw[64];
	char tok[300][PSEUDONYM_TOKLEN + 1], *norm;
	struct keystore_writer *w;
	struct keystore *ks = NULL;
	size_t i, n;

	new_dir(dir, "spill");
	w = keystore_writer_new(dir, kf, DOMAIN, 0, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	CU_ASSERT_EQUAL(keystore_writer_set_spill(w, 100), ERR_USAGE);
	CU_ASSERT_EQUAL(keystore_writer_set_spill(w, 4096), 0);
	for (i = 0; i < 300; i++) {
		(void)snprintf(raw, sizeof(raw), "Ottilie Brand-%zu", i);
		CU_ASSERT_EQUAL(add_raw(w, PHI_NAME, raw, tok[i], &norm,
		    &n), 0);
		free(norm);
	}
	/* the first value again, after it was sealed away */
	CU_ASSERT_EQUAL(add_raw(w, PHI_NAME, "Ottilie Brand-0", tok[0],
	    &norm, &n), 0);
	free(norm);
	CU_ASSERT_EQUAL(keystore_writer_commit(w, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(keystore_writer_count(w), 301);
	keystore_writer_free(w);
	CU_ASSERT(count_segments(dir) > 5);

	CU_ASSERT_EQUAL_FATAL(keystore_open(dir, kf, DOMAIN, &ks, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(keystore_count(ks, PHI_NTYPES), 300);
	for (i = 0; i < 300; i++) {
		(void)snprintf(raw, sizeof(raw), "Ottilie Brand-%zu", i);
		CU_ASSERT_TRUE(finds(ks, PHI_NAME, tok[i], raw, strlen(raw)));
	}
	keystore_free(ks);
}

#define NFORMS_RUN 40

/*
 * Add NFORMS_RUN raw forms of one MRN, each smaller than the last: with
 * spaces put before it (each form longer, so it cannot take the held
 * one's place) or taken off its end (each shorter, written over it).
 * Returns the number of segments written with a 1 KiB spill cap.
 */
static int
forms_run(const char *name, int grow)
{
	char dir[PATH_MAX], err[256], raw[NFORMS_RUN + 16];
	char tok[PSEUDONYM_TOKLEN + 1], *norm;
	struct keystore_writer *w;
	struct keystore *ks = NULL;
	size_t n;
	int i, pad;

	new_dir(dir, name);
	w = keystore_writer_new(dir, kf, DOMAIN, 0, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	CU_ASSERT_EQUAL(keystore_writer_set_spill(w, 1024), 0);
	for (i = 0; i < NFORMS_RUN; i++) {
		pad = grow ? i : NFORMS_RUN - 1 - i;
		(void)snprintf(raw, sizeof(raw), grow ? "%*s00417738" :
		    "00417738%*s", pad, "");
		CU_ASSERT_EQUAL(add_raw(w, PHI_MRN, raw, tok, &norm, &n), 0);
		free(norm);
	}
	CU_ASSERT_EQUAL(keystore_writer_commit(w, err, sizeof(err)), 0);
	keystore_writer_free(w);

	CU_ASSERT_EQUAL_FATAL(keystore_open(dir, kf, DOMAIN, &ks, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(keystore_count(ks, PHI_NTYPES), 1);
	CU_ASSERT_TRUE(finds(ks, PHI_MRN, tok, raw, strlen(raw)));
	keystore_free(ks);
	return count_segments(dir);
}

/*
 * A smaller raw form written over the held one costs no memory; one
 * that needs a new entry leaves the old one behind until the writer
 * goes, which counts towards the spill cap, so memory stays bounded.
 */
static void
test_replaced_forms(void)
{
	CU_ASSERT_EQUAL(forms_run("forms-shrink", 0), 1);
	CU_ASSERT(forms_run("forms-grow", 1) > 1);
}

/* Bad records, collisions, bad arguments. */
static void
test_add_checks(void)
{
	char dir[PATH_MAX], err[256], tok[PSEUDONYM_TOKLEN + 1], *norm;
	struct keystore_writer *w;
	size_t n;

	new_dir(dir, "checks");
	CU_ASSERT_PTR_NULL(keystore_writer_new(dir, kf, "bad domain", 0, err,
	    sizeof(err)));
	w = keystore_writer_new(dir, kf, DOMAIN, 0, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);

	/* A token that is not this value's is refused. */
	CU_ASSERT_EQUAL(pseudonym_token(ps, PHI_NAME, "odile vantongeren", 17,
	    tok), 0);
	CU_ASSERT_EQUAL(keystore_writer_add(w, PHI_NAME, tok,
	    "odile vantongeren", 16, "Odile Vantongere", 16), ERR_USAGE);
	CU_ASSERT_EQUAL(keystore_writer_add(w, PHI_CITY, tok,
	    "odile vantongeren", 17, "Odile Vantongeren", 17), ERR_USAGE);

	/* So is a raw form that does not normalise to the value. */
	CU_ASSERT_EQUAL(keystore_writer_add(w, PHI_NAME, tok,
	    "odile vantongeren", 17, "Odile Vantongeren.", 18), ERR_USAGE);
	CU_ASSERT_EQUAL(keystore_writer_add(w, PHI_NAME, tok,
	    "odile vantongeren", 17, "", 0), ERR_USAGE);
	CU_ASSERT_EQUAL(keystore_writer_count(w), 0);

	/* A token held with another value is a collision. */
	CU_ASSERT_EQUAL(add_raw(w, PHI_NAME, "Odile Vantongeren", tok, &norm,
	    &n), 0);
	CU_ASSERT_EQUAL(keystore_writer_add(w, PHI_NAME, tok, "odile", 5,
	    "Odile", 5), ERR_INTEGRITY);
	CU_ASSERT_EQUAL(keystore_writer_add(w, PHI_NAME, tok, norm, n,
	    "ODILE VANTONGEREN", 17), 0);
	CU_ASSERT_EQUAL(keystore_writer_count(w), 1);

	/* Malformed arguments. */
	CU_ASSERT_EQUAL(keystore_writer_add(w, PHI_NTYPES, tok, "x", 1, "x",
	    1), ERR_USAGE);
	CU_ASSERT_EQUAL(keystore_writer_add(w, PHI_NAME, "abc", "x", 1, "x",
	    1), ERR_USAGE);
	CU_ASSERT_EQUAL(keystore_writer_add(w, PHI_NAME,
	    "ABCDEFGHIJKLMNOPQRSTUVWX", "x", 1, "x", 1), ERR_USAGE);
	CU_ASSERT_EQUAL(keystore_writer_add(w, PHI_NAME, tok, NULL, 1, "x",
	    1), ERR_USAGE);
	CU_ASSERT_EQUAL(keystore_writer_add(w, PHI_NAME, tok, norm, n, NULL,
	    1), ERR_USAGE);
	CU_ASSERT_EQUAL(keystore_writer_add(w, PHI_NAME, tok, norm, n, "x",
	    PSEUDONYM_MAXNORM + 1), ERR_USAGE);
	CU_ASSERT_EQUAL(keystore_writer_count(w), 1);
	free(norm);
	CU_ASSERT_EQUAL(keystore_writer_set_chunk_log2(w, 5), ERR_USAGE);
	CU_ASSERT_EQUAL(keystore_writer_set_chunk_log2(w, 17), ERR_USAGE);
	keystore_writer_free(w);
}

struct sample_case {
	size_t good;		/* good adds before the bad one */
	int add_rc;		/* what adding the bad one gives */
};

/*
 * The writer checks a sample of adds (the first 16, then one in 4096);
 * a bad record it does not check still fails closed: readers refuse
 * the whole segment.
 */
static void
test_add_sample(void)
{
	static const struct sample_case t[] = {
		{ 0, ERR_USAGE },
		{ 15, ERR_USAGE },
		{ 16, 0 },
		{ 40, 0 },
		{ 4096, ERR_USAGE },
	};
	char dir[PATH_MAX], name[32], err[256], raw[40], *norm;
	char tok[PSEUDONYM_TOKLEN + 1];
	struct keystore_writer *w;
	size_t i, k, n;

	for (k = 0; k < sizeof(t) / sizeof(t[0]); k++) {
		(void)snprintf(name, sizeof(name), "sample-%zu", k);
		new_dir(dir, name);
		w = keystore_writer_new(dir, kf, DOMAIN, 0, err, sizeof(err));
		CU_ASSERT_PTR_NOT_NULL_FATAL(w);
		for (i = 0; i < t[k].good; i++) {
			(void)snprintf(raw, sizeof(raw), "Brandwyn Oszt-%zu",
			    i);
			CU_ASSERT_EQUAL(add_raw(w, PHI_NAME, raw, tok, &norm,
			    &n), 0);
			free(norm);
		}
		/* the last token, for a value that is not its own */
		CU_ASSERT_EQUAL(keystore_writer_add(w, PHI_CITY, i > 0 ? tok :
		    "abcdefghijklmnopqrstuvwx", "velmora", 7, "Velmora", 7),
		    t[k].add_rc);
		CU_ASSERT_EQUAL_FATAL(keystore_writer_commit(w, err,
		    sizeof(err)), 0);
		keystore_writer_free(w);
		CU_ASSERT_EQUAL(open_rc(dir, kf, DOMAIN), t[k].add_rc == 0 ?
		    ERR_INTEGRITY : 0);
	}
}

/*
 * A small segment of two records with 64-byte chunks (3 chunks: 143
 * plaintext bytes), written into its own
 * directory; the image goes to img (cap bytes), its size to *n.
 */
static void
small_segment(const char *name, char *dir, char *seg, unsigned char *img,
    size_t cap, size_t *n)
{
	char err[256], tok[PSEUDONYM_TOKLEN + 1], *norm, *buf;
	struct keystore_writer *w;
	size_t i, nl;

	new_dir(dir, name);
	w = keystore_writer_new(dir, kf, DOMAIN, 1, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	CU_ASSERT_EQUAL(keystore_writer_set_chunk_log2(w, 6), 0);
	for (i = 0; i < 2; i++) {
		CU_ASSERT_EQUAL(add_raw(w, vals[i].type, vals[i].raw, tok,
		    &norm, &nl), 0);
		free(norm);
	}
	CU_ASSERT_EQUAL_FATAL(keystore_writer_commit(w, err, sizeof(err)), 0);
	keystore_writer_free(w);
	segment_path(dir, seg);
	buf = harness_read_file(seg, n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	CU_ASSERT_FATAL(*n <= cap);
	if (buf != NULL && *n <= cap)
		memcpy(img, buf, *n);
	free(buf);
	CU_ASSERT_EQUAL(open_rc(dir, kf, DOMAIN), 0);
}

/* Every single-bit flip of a small segment is refused. */
static void
test_bit_flips(void)
{
	char dir[PATH_MAX], seg[PATH_MAX];
	unsigned char img[1024] = { 0 }, b;
	size_t n, i, accepted = 0;
	int fd;

	small_segment("flips", dir, seg, img, sizeof(img), &n);
	/* Header, 3 tags, layout byte, 2 records (norm, raw), END. */
	CU_ASSERT_EQUAL(n, 184 + 3 * 16 + 1 + 2 * 34 + 15 + 16 + 17 + 17 +
	    9);
	fd = open(seg, O_RDWR);
	CU_ASSERT_FATAL(fd >= 0);
	for (i = 0; i < 8 * n; i++) {
		b = (unsigned char)(img[i / 8] ^ (1u << (i % 8)));
		CU_ASSERT_FATAL(pwrite(fd, &b, 1, (off_t)(i / 8)) == 1);
		accepted += open_rc(dir, kf, DOMAIN) != ERR_INTEGRITY;
		CU_ASSERT_FATAL(pwrite(fd, &img[i / 8], 1,
		    (off_t)(i / 8)) == 1);
	}
	CU_ASSERT_EQUAL(close(fd), 0);
	CU_ASSERT_EQUAL(accepted, 0);
	CU_ASSERT_EQUAL(open_rc(dir, kf, DOMAIN), 0);
}

/* Truncation at every offset, and one extra byte, are refused. */
static void
test_truncation(void)
{
	char dir[PATH_MAX], seg[PATH_MAX];
	unsigned char img[1024] = { 0 };
	size_t n, i, accepted = 0;

	small_segment("cuts", dir, seg, img, sizeof(img) - 1, &n);
	for (i = 0; i < n; i++) {
		put_file(seg, img, i);
		accepted += open_rc(dir, kf, DOMAIN) != ERR_INTEGRITY;
	}
	CU_ASSERT_EQUAL(accepted, 0);
	img[n] = 0;
	put_file(seg, img, n + 1);
	CU_ASSERT_EQUAL(open_rc(dir, kf, DOMAIN), ERR_INTEGRITY);
	put_file(seg, img, n);
	CU_ASSERT_EQUAL(open_rc(dir, kf, DOMAIN), 0);
}

/* Chunks swapped, dropped, duplicated, or spliced from a sibling. */
static void
test_chunk_moves(void)
{
	static const struct {
		const char *what;
		int src[4];	/* chunk sources; -1 ends, 10+k: sibling's */
		int sib_hdr;
	} t[] = {
		{ "swap 0 1", { 1, 0, 2, -1 }, 0 },
		{ "swap 1 2", { 0, 2, 1, -1 }, 0 },
		{ "drop 1", { 0, 2, -1 }, 0 },
		{ "drop last", { 0, 1, -1 }, 0 },
		{ "duplicate 0", { 0, 0, 1, 2 }, 0 },
		{ "sibling chunk", { 0, 11, 2, -1 }, 0 },
		{ "sibling header", { 0, 1, 2, -1 }, 1 },
		{ "as is", { 0, 1, 2, -1 }, 0 },
	};
	char dir[PATH_MAX], seg[PATH_MAX], sdir[PATH_MAX], sseg[PATH_MAX];
	unsigned char a[1024], s[1024], out[2048];
	size_t na, ns, k, o, c, len;
	size_t i;
	int j, want;

	small_segment("moves", dir, seg, a, sizeof(a), &na);
	small_segment("sibling", sdir, sseg, s, sizeof(s), &ns);
	CU_ASSERT_EQUAL_FATAL(na, ns);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memcpy(out, t[i].sib_hdr ? s : a, 184);
		o = 184;
		for (j = 0; j < 4 && t[i].src[j] >= 0; j++) {
			k = (size_t)(t[i].src[j] % 10);
			c = 184 + k * 80;
			len = k == 2 ? na - c : 80;
			memcpy(out + o, (t[i].src[j] >= 10 ? s : a) + c, len);
			o += len;
		}
		put_file(seg, out, o);
		want = strcmp(t[i].what, "as is") == 0 ? 0 : ERR_INTEGRITY;
		CU_ASSERT_EQUAL(open_rc(dir, kf, DOMAIN), want);
		if (open_rc(dir, kf, DOMAIN) != want)
			(void)printf("chunk move '%s' not caught\n",
			    t[i].what);
	}
}

/* Other key sets, other domains, stray files. */
static void
test_wrong_key_and_files(void)
{
	char dir[PATH_MAX], seg[PATH_MAX], path[PATH_MAX];
	unsigned char img[1024] = { 0 };
	size_t n;

	small_segment("keys", dir, seg, img, sizeof(img), &n);
	CU_ASSERT_EQUAL(open_rc(dir, kf_other, DOMAIN), ERR_INTEGRITY);
	CU_ASSERT_EQUAL(open_rc(dir, kf_other, NULL), ERR_INTEGRITY);
	CU_ASSERT_EQUAL(open_rc(dir, kf, "TRIAL-7"), ERR_USAGE);

	/* Another domain (case matters) does not read DOMAIN's segment. */
	CU_ASSERT_EQUAL(open_total(dir, "TRIAL_8"), 0);
	CU_ASSERT_EQUAL(open_total(dir, "trial_7"), 0);
	CU_ASSERT_EQUAL(open_total(dir, DOMAIN), 2);

	/* Temporary and unrelated files are ignored. */
	join(path, dir, ".tmp-1-0-0123456789abcdef");
	put_file(path, "partial", 7);
	join(path, dir, "README");
	put_file(path, "notes", 5);
	join(path, dir, "seg-half.dks.tmp");
	put_file(path, img, n / 2);
	CU_ASSERT_EQUAL(open_rc(dir, kf, DOMAIN), 0);

	/* But anything named like a segment must verify. */
	join(path, dir, "seg-0-0.dks");
	put_file(path, img, n / 2);
	CU_ASSERT_EQUAL(open_rc(dir, kf, DOMAIN), ERR_INTEGRITY);
	CU_ASSERT_EQUAL(unlink(path), 0);
	join(path, dir, "seg-" DOMAIN "-0123456789abcdef"
	    "0123456789abcdef-1.dks");
	CU_ASSERT_EQUAL(symlink(seg, path), 0);
	CU_ASSERT_EQUAL(open_rc(dir, kf, DOMAIN), ERR_IO);
	CU_ASSERT_EQUAL(unlink(path), 0);
	CU_ASSERT_EQUAL(open_rc(dir, kf, DOMAIN), 0);
}

#define OTHER "COHORT_B"	/* a second linkage domain */
#define NSETS 3

/*
 * The segments of test_domains: one per domain, each holding vals[from,
 * to).  The DEFAULT one is then renamed to the old-style name, without
 * a domain.  Sets overlap, so one value has a token in two domains.
 */
static const struct {
	const char *domain;
	size_t from, to;
	size_t names;		/* PHI_NAME entries among them */
	int legacy;
} sets[NSETS] = {
	{ OTHER, 3, NVALS, 0, 0 },
	{ "DEFAULT", 0, 2, 2, 1 },
	{ DOMAIN, 0, 4, 2, 0 },
};

/* A tokeniser of kf for domain. */
static struct pseudonym *
tokeniser(const char *domain)
{
	unsigned char k[32];
	struct pseudonym *p;

	CU_ASSERT_EQUAL_FATAL(keyfile_subkey(kf, KEYFILE_PSEUDONYM, domain,
	    k), 0);
	p = pseudonym_new(k);
	crypto_wipe(k, sizeof(k));
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	return p;
}

/*
 * Commit one segment of domain in dir (shard 0) holding vals[from, to),
 * their tokens to tok[from, to); its file name to name (PATH_MAX).
 */
static void
domain_segment(const char *dir, const char *domain, size_t from, size_t to,
    char tok[][PSEUDONYM_TOKLEN + 1], char *name)
{
	char err[256], *norm, prefix[64];
	struct keystore_writer *w;
	struct pseudonym *p = tokeniser(domain);
	struct dirent *de;
	size_t i, n;
	DIR *d;

	w = keystore_writer_new(dir, kf, domain, 0, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	for (i = from; i < to; i++) {
		CU_ASSERT_EQUAL(add_raw_ps(w, p, vals[i].type, vals[i].raw,
		    tok[i], &norm, &n), 0);
		free(norm);
	}
	CU_ASSERT_EQUAL_FATAL(keystore_writer_commit(w, err, sizeof(err)), 0);
	keystore_writer_free(w);
	pseudonym_free(p);
	(void)snprintf(prefix, sizeof(prefix), "seg-%s-", domain);
	name[0] = '\0';
	d = opendir(dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while (d != NULL && (de = readdir(d)) != NULL)
		if (strncmp(de->d_name, prefix, strlen(prefix)) == 0)
			(void)snprintf(name, PATH_MAX, "%s", de->d_name);
	if (d != NULL)
		(void)closedir(d);
	CU_ASSERT_FATAL(strlen(name) == strlen(prefix) + 32 + 6);
}

/* The keystore of test_domains: sets[] in dir, tokens in tok[set][i]. */
static void
domains_make(const char *dir, char tok[NSETS][NVALS][PSEUDONYM_TOKLEN + 1])
{
	char name[PATH_MAX], from[PATH_MAX], to[PATH_MAX];
	size_t k;

	for (k = 0; k < NSETS; k++) {
		domain_segment(dir, sets[k].domain, sets[k].from, sets[k].to,
		    tok[k], name);
		if (!sets[k].legacy)
			continue;
		/* seg-DEFAULT-<batch>-0.dks to seg-<batch>-0.dks */
		join(from, dir, name);
		join(to, dir, name + strlen("seg-DEFAULT-") - 4);
		memcpy(to + strlen(dir) + 1, "seg-", 4);
		CU_ASSERT_EQUAL_FATAL(rename(from, to), 0);
	}
}

/* 1 when ks gives back every value of set k, 0 when none. */
static int
sees_set(const struct keystore *ks, size_t k,
    char tok[NSETS][NVALS][PSEUDONYM_TOKLEN + 1])
{
	size_t i, seen = 0;

	for (i = sets[k].from; i < sets[k].to; i++)
		seen += finds(ks, vals[i].type, tok[k][i], vals[i].raw,
		    strlen(vals[i].raw));
	CU_ASSERT(seen == 0 || seen == sets[k].to - sets[k].from);
	return seen > 0;
}

/*
 * One keystore holding three domains (one under an old-style name):
 * read whole, or one domain at a time.
 */
static void
test_domains(void)
{
	static const struct {
		const char *domain;	/* asked for; NULL: all */
		int rc;
		size_t ndoms;
		int sees[NSETS];	/* sets[k] found */
	} t[] = {
		{ NULL, 0, 3, { 1, 1, 1 } },
		{ DOMAIN, 0, 1, { 0, 0, 1 } },
		{ OTHER, 0, 1, { 1, 0, 0 } },
		{ "DEFAULT", 0, 1, { 0, 1, 0 } },
		{ "EMPTY_9", 0, 1, { 0, 0, 0 } },
		{ "bad-domain", ERR_USAGE, 0, { 0, 0, 0 } },
	};
	char dir[PATH_MAX], err[256];
	char tok[NSETS][NVALS][PSEUDONYM_TOKLEN + 1];
	struct keystore *ks;
	size_t i, k, total, names, d;

	new_dir(dir, "domains");
	domains_make(dir, tok);
	CU_ASSERT_NOT_EQUAL(strcmp(tok[0][3], tok[2][3]), 0);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ks = NULL;
		CU_ASSERT_EQUAL(keystore_open(dir, kf, t[i].domain, &ks, err,
		    sizeof(err)), t[i].rc);
		if (ks == NULL)
			continue;
		CU_ASSERT_EQUAL(keystore_ndomains(ks), t[i].ndoms);
		total = names = 0;
		for (k = 0; k < NSETS; k++) {
			CU_ASSERT_EQUAL(sees_set(ks, k, tok), t[i].sees[k]);
			total += t[i].sees[k] ? sets[k].to - sets[k].from : 0;
			names += t[i].sees[k] ? sets[k].names : 0;
		}
		CU_ASSERT_EQUAL(keystore_count(ks, PHI_NTYPES), total);
		CU_ASSERT_EQUAL(keystore_count(ks, PHI_NAME), names);
		for (d = 0; d < keystore_ndomains(ks); d++) {
			for (k = 0; k < NSETS; k++) {
				if (strcmp(keystore_domain(ks, d),
				    sets[k].domain) != 0)
					continue;
				CU_ASSERT_EQUAL(keystore_domain_count(ks, d,
				    PHI_NTYPES), sets[k].to - sets[k].from);
				CU_ASSERT_EQUAL(keystore_domain_count(ks, d,
				    PHI_NAME), sets[k].names);
			}
		}
		if (t[i].domain != NULL)
			CU_ASSERT_STRING_EQUAL(keystore_domain(ks, 0),
			    t[i].domain);
		CU_ASSERT_PTR_NULL(keystore_domain(ks, t[i].ndoms));
		CU_ASSERT_EQUAL(keystore_domain_count(ks, t[i].ndoms,
		    PHI_NTYPES), 0);
		keystore_free(ks);
	}

	/* Domains come in name order. */
	CU_ASSERT_EQUAL_FATAL(keystore_open(dir, kf, NULL, &ks, err,
	    sizeof(err)), 0);
	for (k = 0; k < NSETS; k++)
		CU_ASSERT_STRING_EQUAL(keystore_domain(ks, k), sets[k].domain);
	keystore_free(ks);
}

/*
 * A segment of OTHER under another name: another domain's, old-style,
 * another batch or shard, or no segment name at all.
 */
static void
test_renamed(void)
{
	static const struct {
		const char *prefix;	/* then the batch hex */
		int edit_batch;		/* change its last digit */
		const char *suffix;
		int rc_all;		/* opened with NULL */
		int rc_mine;		/* opened with DOMAIN */
		long other;		/* entries read with OTHER, or -1 */
		const char *why;	/* in the message */
	} t[] = {
		{ "seg-" DOMAIN "-", 0, "-0.dks", ERR_INTEGRITY,
		  ERR_INTEGRITY, 0, "another domain than its name" },
		{ "seg-DEFAULT-", 0, "-0.dks", ERR_INTEGRITY, 0, 0,
		  "another domain than its name" },
		{ "seg-", 0, "-0.dks", ERR_INTEGRITY, 0, 0, "old-style name" },
		{ "seg-" OTHER "-", 1, "-0.dks", ERR_INTEGRITY, 0, -1,
		  "another batch or shard" },
		{ "seg-" OTHER "-", 0, "-1.dks", ERR_INTEGRITY, 0, -1,
		  "another batch or shard" },
		{ "seg-" OTHER "-", 0, "-00.dks", ERR_INTEGRITY,
		  ERR_INTEGRITY, -1, "its name is not" },
		{ "seg-COHORT-B-", 0, "-0.dks", ERR_INTEGRITY, ERR_INTEGRITY,
		  -1, "its name is not" },
		{ "seg--", 0, "-0.dks", ERR_INTEGRITY, ERR_INTEGRITY, -1,
		  "its name is not" },
		{ "seg-" OTHER "-", 0, "-0.dks", 0, 0, 2, NULL },
	};
	char dir[PATH_MAX], name[PATH_MAX], orig[PATH_MAX], path[PATH_MAX];
	char tok[NVALS][PSEUDONYM_TOKLEN + 1], batch[33], moved[128];
	char err[256];
	struct keystore *ks;
	size_t i;

	new_dir(dir, "renamed");
	domain_segment(dir, OTHER, 0, 2, tok, name);
	join(orig, dir, name);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memcpy(batch, name + strlen("seg-" OTHER "-"), 32);
		batch[32] = '\0';
		if (t[i].edit_batch)
			batch[31] = batch[31] == '0' ? '1' : '0';
		(void)snprintf(moved, sizeof(moved), "%s%s%s", t[i].prefix,
		    batch, t[i].suffix);
		join(path, dir, moved);
		CU_ASSERT_EQUAL_FATAL(rename(orig, path), 0);
		err[0] = '\0';
		ks = NULL;
		CU_ASSERT_EQUAL(keystore_open(dir, kf, NULL, &ks, err,
		    sizeof(err)), t[i].rc_all);
		keystore_free(ks);
		if (t[i].why != NULL) {
			CU_ASSERT_PTR_NOT_NULL(strstr(err, moved));
			CU_ASSERT_PTR_NOT_NULL(strstr(err, t[i].why));
		}
		CU_ASSERT_EQUAL(open_rc(dir, kf, DOMAIN), t[i].rc_mine);
		CU_ASSERT_EQUAL(open_total(dir, OTHER), t[i].other);
		CU_ASSERT_EQUAL_FATAL(rename(path, orig), 0);
	}
}

/* Messages name the segment and say whether a header or chunk failed. */
static void
test_messages(void)
{
	static const struct {
		long at;		/* byte flipped; -1: other key file */
		const char *why;
	} t[] = {
		{ 72, "header MAC fails" },
		{ 150, "header MAC fails" },
		{ 170, "header MAC fails" },
		{ 16, "another key set" },
		{ 0, "not a segment header" },
		{ 184 + 5, "chunk 1 of 3 fails" },
		{ 184 + 80 + 5, "chunk 2 of 3 fails" },
		{ 184 + 160 + 5, "chunk 3 of 3 fails" },
		{ -1, "another key set" },
	};
	char dir[PATH_MAX], seg[PATH_MAX], err[256];
	unsigned char img[1024] = { 0 }, b;
	struct keystore *ks;
	size_t n, i;
	int fd;

	small_segment("messages", dir, seg, img, sizeof(img), &n);
	fd = open(seg, O_RDWR);
	CU_ASSERT_FATAL(fd >= 0);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (t[i].at >= 0) {
			b = img[t[i].at] ^ 0x10;
			CU_ASSERT_FATAL(pwrite(fd, &b, 1, t[i].at) == 1);
		}
		err[0] = '\0';
		ks = NULL;
		CU_ASSERT_EQUAL(keystore_open(dir, t[i].at < 0 ? kf_other : kf,
		    NULL, &ks, err, sizeof(err)), ERR_INTEGRITY);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, strrchr(seg, '/') + 1));
		CU_ASSERT_PTR_NOT_NULL(strstr(err, t[i].why));
		if (strstr(err, t[i].why) == NULL)
			(void)printf("case %zu: %s\n", i, err);
		if (t[i].at >= 0)
			CU_ASSERT_FATAL(pwrite(fd, &img[t[i].at], 1,
			    t[i].at) == 1);
		keystore_free(ks);
	}
	CU_ASSERT_EQUAL(close(fd), 0);
	CU_ASSERT_EQUAL(open_rc(dir, kf, NULL), 0);

	/* Cut short: the last chunk fails. */
	put_file(seg, img, n - 1);
	CU_ASSERT_EQUAL(keystore_open(dir, kf, NULL, &ks, err, sizeof(err)),
	    ERR_INTEGRITY);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "chunk 3 of 3 fails"));
	put_file(seg, img, 100);
	CU_ASSERT_EQUAL(keystore_open(dir, kf, NULL, &ks, err, sizeof(err)),
	    ERR_INTEGRITY);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "truncated"));
}

/* The number of seg-* files in dir. */
static int
segment_files(const char *dir)
{
	struct dirent *de;
	DIR *d;
	int n = 0;

	d = opendir(dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while (d != NULL && (de = readdir(d)) != NULL)
		n += strncmp(de->d_name, "seg-", 4) == 0;
	if (d != NULL)
		(void)closedir(d);
	return n;
}

/* Remove every seg-* file of dir but the one at path keep. */
static void
keep_only(const char *dir, const char *keep)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;

	d = opendir(dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while (d != NULL && (de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "seg-", 4) != 0)
			continue;
		join(path, dir, de->d_name);
		if (strcmp(path, keep) != 0)
			CU_ASSERT_EQUAL(unlink(path), 0);
	}
	if (d != NULL)
		(void)closedir(d);
}

/*
 * A writer opened on a keystore of another key set (or whose segment
 * headers do not verify with its key) fails before writing anything,
 * and the keystore still opens with its own key.
 */
static void
test_writer_keyset(void)
{
	static const struct {
		int other;		/* the writer holds kf_other */
		const char *domain;	/* the writer's domain */
		long at;		/* header byte flipped, or -1 */
		long cut;		/* segment cut to this size, or -1 */
		int rc;
		const char *why;	/* in the message, or NULL */
	} t[] = {
		{ 0, DOMAIN, -1, -1, 0, NULL },
		{ 0, OTHER, -1, -1, 0, NULL },
		{ 1, DOMAIN, -1, -1, ERR_INTEGRITY, "another key set" },
		{ 1, OTHER, -1, -1, ERR_INTEGRITY, "another key set" },
		{ 0, DOMAIN, 20, -1, ERR_INTEGRITY, "another key set" },
		{ 0, DOMAIN, 72, -1, ERR_INTEGRITY, "header MAC fails" },
		{ 0, OTHER, 170, -1, ERR_INTEGRITY, "header MAC fails" },
		{ 0, DOMAIN, 3, -1, ERR_INTEGRITY, "not a segment header" },
		{ 0, DOMAIN, -1, 100, ERR_INTEGRITY, "not a segment header" },
	};
	char dir[PATH_MAX], seg[PATH_MAX], err[256];
	unsigned char img[1024] = { 0 }, bad[1024];
	struct keystore_writer *w;
	const struct keyfile *k;
	size_t n, i;

	small_segment("keyset", dir, seg, img, sizeof(img), &n);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		k = t[i].other ? kf_other : kf;
		memcpy(bad, img, n);
		if (t[i].at >= 0)
			bad[t[i].at] ^= 0x04;
		put_file(seg, bad, t[i].cut >= 0 ? (size_t)t[i].cut : n);
		err[0] = '\0';
		CU_ASSERT_EQUAL(keystore_check_keyset(dir, k, err,
		    sizeof(err)), t[i].rc);
		w = keystore_writer_new(dir, k, t[i].domain, 2, err,
		    sizeof(err));
		CU_ASSERT_EQUAL(w == NULL, t[i].rc != 0);
		if (w != NULL)
			CU_ASSERT_EQUAL(keystore_writer_commit(w, err,
			    sizeof(err)), 0);
		keystore_writer_free(w);
		if (t[i].why != NULL) {
			CU_ASSERT_PTR_NOT_NULL(strstr(err, t[i].why));
			CU_ASSERT_PTR_NOT_NULL(strstr(err, "nothing written"));
			CU_ASSERT_PTR_NOT_NULL(strstr(err,
			    strrchr(seg, '/') + 1));
		}
		/* A refused writer adds no segment; an accepted one one. */
		CU_ASSERT_EQUAL(segment_files(dir), t[i].rc == 0 ? 2 : 1);
		if (t[i].rc == 0) {
			CU_ASSERT_EQUAL(open_total(dir, DOMAIN), 2);
			CU_ASSERT_EQUAL(open_total(dir, t[i].domain),
			    strcmp(t[i].domain, DOMAIN) == 0 ? 2 : 0);
			CU_ASSERT_EQUAL(open_rc(dir, kf, NULL), 0);
			CU_ASSERT_EQUAL(open_rc(dir, kf_other, NULL),
			    ERR_INTEGRITY);
		}
		/* Only the one original segment stays, intact. */
		put_file(seg, img, n);
		keep_only(dir, seg);
		CU_ASSERT_EQUAL(open_total(dir, DOMAIN), 2);
	}
	CU_ASSERT_EQUAL(segment_files(dir), 1);
}

/* Raw forms of one value, and the one the keystore must keep. */
static const struct {
	enum phi_type type;
	const char *raw[3];
	const char *want;
} raws[] = {
	{ PHI_NAME, { "Odile Vantongeren", "ODILE VANTONGEREN",
	  "odile  vantongeren" }, "ODILE VANTONGEREN" },
	{ PHI_NAME, { "Mara Oyelaran", "Mara Oyelaran ", "Mara  Oyelaran" },
	  "Mara  Oyelaran" },
	{ PHI_CITY, { "Port Elsworth ", "Port Elsworth", "PORT ELSWORTH" },
	  "PORT ELSWORTH" },
	{ PHI_NAME, { "Zo\u00eb Quist", "ZO\u00cb QUIST", "zo\u00eb quist" },
	  "ZO\u00cb QUIST" },
	{ PHI_MRN, { "MR-4410", "mr4410", "MR 4410" }, "MR 4410" },
	{ PHI_NAME, { "Ines Adair", "Ines Adair ", "Ines Adair  " },
	  "Ines Adair" },
};

#define NRAWS (sizeof(raws) / sizeof(raws[0]))
#define NFORMS 3

/* Open dir and check that every case of raws gives its smallest form. */
static void
raws_check(const char *dir, const char *what)
{
	struct keystore *ks = NULL;
	char err[256], tok[PSEUDONYM_TOKLEN + 1], *norm;
	size_t c, n;

	CU_ASSERT_EQUAL_FATAL(keystore_open(dir, kf, DOMAIN, &ks, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(keystore_count(ks, PHI_NTYPES), NRAWS);
	for (c = 0; c < NRAWS; c++) {
		CU_ASSERT_EQUAL_FATAL(pseudonym_norm(raws[c].type,
		    raws[c].want, strlen(raws[c].want), &norm, &n), 0);
		CU_ASSERT_EQUAL(pseudonym_token(ps, raws[c].type, norm, n,
		    tok), 0);
		free(norm);
		if (!finds(ks, raws[c].type, tok, raws[c].want,
		    strlen(raws[c].want))) {
			CU_FAIL("raw form not the smallest");
			(void)printf("%s: case %zu\n", what, c);
		}
	}
	keystore_free(ks);
}

/*
 * The smallest raw form is kept whatever the order of adds: within one
 * segment (every order of the three forms), and across segments holding
 * one form each.
 */
static void
test_raw_forms(void)
{
	char dir[PATH_MAX], name[32], err[256];
	char tok[PSEUDONYM_TOKLEN + 1], *norm;
	struct keystore_writer *w;
	size_t c, k, n, o, f;

	for (o = 0; o < 2 * NFORMS; o++) {
		(void)snprintf(name, sizeof(name), "raws-%zu", o);
		new_dir(dir, name);
		w = keystore_writer_new(dir, kf, DOMAIN, 0, err, sizeof(err));
		CU_ASSERT_PTR_NOT_NULL_FATAL(w);
		for (c = 0; c < NRAWS; c++) {
			for (k = 0; k < NFORMS; k++) {
				/* Rotation o % 3, forwards or backwards. */
				f = o < NFORMS ? (o + k) % NFORMS :
				    (o + NFORMS - k) % NFORMS;
				CU_ASSERT_EQUAL(add_raw(w, raws[c].type,
				    raws[c].raw[f], tok, &norm, &n), 0);
				free(norm);
			}
		}
		CU_ASSERT_EQUAL(keystore_writer_count(w), NRAWS);
		CU_ASSERT_EQUAL(keystore_writer_commit(w, err, sizeof(err)),
		    0);
		keystore_writer_free(w);
		raws_check(dir, name);
	}

	new_dir(dir, "raws-split");
	for (k = 0; k < NFORMS; k++) {
		w = keystore_writer_new(dir, kf, DOMAIN, (uint32_t)k, err,
		    sizeof(err));
		CU_ASSERT_PTR_NOT_NULL_FATAL(w);
		for (c = 0; c < NRAWS; c++) {
			CU_ASSERT_EQUAL(add_raw(w, raws[c].type, raws[c].raw[k],
			    tok, &norm, &n), 0);
			free(norm);
		}
		CU_ASSERT_EQUAL(keystore_writer_commit(w, err, sizeof(err)),
		    0);
		keystore_writer_free(w);
	}
	raws_check(dir, "raws-split");
}

#define NTHREADS 4
#define PERTHREAD 500

struct job {
	struct keystore_writer *w;
	int id;
	int base;
	int fails;
};

/* Thread id's raw form of MRN v; every form normalises to "%08d". */
static int
mrn_form(int id, int v, char *out, size_t cap)
{
	switch (id) {
	case 1:
		return snprintf(out, cap, "%04d-%04d", v / 10000, v % 10000);
	case 2:
		return snprintf(out, cap, " %08d", v);
	case 3:
		return snprintf(out, cap, "%08d.", v);
	default:
		return snprintf(out, cap, "%08d", v);
	}
}

static void *
job_run(void *arg)
{
	struct job *j = arg;
	char norm[32], raw[32], tok[PSEUDONYM_TOKLEN + 1];
	int i, n, rn;

	for (i = 0; i < PERTHREAD; i++) {
		n = snprintf(norm, sizeof(norm), "%08d", j->base + i);
		rn = mrn_form(j->id, j->base + i, raw, sizeof(raw));
		if (pseudonym_token(ps, PHI_MRN, norm, (size_t)n, tok) != 0 ||
		    keystore_writer_add(j->w, PHI_MRN, tok, norm, (size_t)n,
		    raw, (size_t)rn) != 0)
			j->fails++;
	}
	return NULL;
}

/*
 * The raw form the threads of test_threads leave for MRN v: the smallest
 * of the forms of the threads that added it (" %08d" < "%04d-%04d" <
 * "%08d" < "%08d.").
 */
static int
mrn_expected(int v, char *out, size_t cap)
{
	static const int by_form[NTHREADS] = { 2, 1, 0, 3 };
	int k, id;

	for (k = 0; k < NTHREADS; k++) {
		id = by_form[k];
		if (v >= id * PERTHREAD / 2 && v < id * PERTHREAD / 2 +
		    PERTHREAD)
			return mrn_form(id, v, out, cap);
	}
	return -1;
}

/* Check every MRN the threads added, and its raw form. */
static void
threads_check(const struct keystore *ks)
{
	char norm[32], raw[32], tok[PSEUDONYM_TOKLEN + 1];
	int v, n, rn, bad = 0;

	for (v = 0; v < (NTHREADS + 1) * PERTHREAD / 2; v++) {
		n = snprintf(norm, sizeof(norm), "%08d", v);
		rn = mrn_expected(v, raw, sizeof(raw));
		CU_ASSERT_FATAL(rn > 0);
		CU_ASSERT_EQUAL(pseudonym_token(ps, PHI_MRN, norm, (size_t)n,
		    tok), 0);
		bad += !finds(ks, PHI_MRN, tok, raw, (size_t)rn);
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* Threads adding overlapping sets end with their union. */
static void
test_threads(void)
{
	char dir[PATH_MAX], err[256];
	struct keystore_writer *w;
	struct keystore *ks = NULL;
	pthread_t th[NTHREADS];
	struct job jobs[NTHREADS];
	int i;

	new_dir(dir, "threads");
	w = keystore_writer_new(dir, kf, DOMAIN, 0, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	for (i = 0; i < NTHREADS; i++) {
		jobs[i].w = w;
		jobs[i].id = i;
		jobs[i].base = i * PERTHREAD / 2;
		jobs[i].fails = 0;
		CU_ASSERT_EQUAL_FATAL(pthread_create(&th[i], NULL, job_run,
		    &jobs[i]), 0);
	}
	for (i = 0; i < NTHREADS; i++) {
		CU_ASSERT_EQUAL(pthread_join(th[i], NULL), 0);
		CU_ASSERT_EQUAL(jobs[i].fails, 0);
	}
	CU_ASSERT_EQUAL(keystore_writer_count(w),
	    (NTHREADS + 1) * PERTHREAD / 2);
	CU_ASSERT_EQUAL(keystore_writer_commit(w, err, sizeof(err)), 0);
	keystore_writer_free(w);
	CU_ASSERT_EQUAL_FATAL(keystore_open(dir, kf, DOMAIN, &ks, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(keystore_count(ks, PHI_MRN),
	    (NTHREADS + 1) * PERTHREAD / 2);
	threads_check(ks);
	keystore_free(ks);
}

/* Replace the first occurrence of from in the file at path with to. */
static void
edit_file(const char *path, const char *from, const char *to)
{
	char *buf, *hit, *out;
	size_t n, fl = strlen(from), tl = strlen(to), k;

	buf = harness_read_file(path, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(buf);
	hit = buf == NULL ? NULL : strstr(buf, from);
	out = malloc(n - fl + tl + 1);
	CU_ASSERT_FATAL(hit != NULL && out != NULL);
	if (hit == NULL || out == NULL) {
		free(out);
		free(buf);
		return;
	}
	k = (size_t)(hit - buf);
	(void)snprintf(out, n - fl + tl + 1, "%.*s%s%s", (int)k, buf, to,
	    hit + fl);
	put_file(path, out, n - fl + tl);
	free(out);
	free(buf);
}

/* The access log chains, escapes, and catches edits. */
static void
test_access_log(void)
{
	static const struct {
		const char *from, *to;
	} edits[] = {
		{ "asked=2", "asked=3" },
		{ "seq=2 ", "seq=3 " },
		{ "reason=IRB-2031-044", "reason=IRB-2031-045" },
		{ "\n", "\n\n" },
	};
	char dir[PATH_MAX], path[PATH_MAX], copy[PATH_MAX], err[256];
	char *buf, *orig;
	size_t n, i;
	int lines = 0;

	new_dir(dir, "audit");
	CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700), 0);
	join(path, dir, "access.log");
	CU_ASSERT_EQUAL(keystore_log_access(dir, kf, "IRB-2031-044", 2, 1,
	    err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(keystore_log_access(dir, kf, "line\nbreak\\ and \x1b",
	    5, 5, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(keystore_log_access(dir, kf, "ticket 9", 1, 0, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(keystore_log_access(dir, kf, "", 1, 0, err,
	    sizeof(err)), ERR_USAGE);
	CU_ASSERT_EQUAL(keystore_verify_log(path, kf, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(keystore_verify_log(path, kf_other, err, sizeof(err)),
	    ERR_INTEGRITY);

	orig = harness_read_file(path, &n);
	CU_ASSERT_PTR_NOT_NULL_FATAL(orig);
	if (orig == NULL)
		return;
	for (i = 0; i < n; i++)
		lines += orig[i] == '\n';
	CU_ASSERT_EQUAL(lines, 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(orig, "seq=2 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(orig,
	    "reason=line\\x0abreak\\x5c and \\x1b mac="));
	CU_ASSERT_PTR_NOT_NULL(strstr(orig, "asked=2 found=1 "));

	join(copy, dir, "copy.log");
	for (i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		put_file(copy, orig, n);
		CU_ASSERT_EQUAL(keystore_verify_log(copy, kf, err,
		    sizeof(err)), 0);
		edit_file(copy, edits[i].from, edits[i].to);
		CU_ASSERT_EQUAL(keystore_verify_log(copy, kf, err,
		    sizeof(err)), ERR_INTEGRITY);
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "line 2"));

	/* A dropped line and a torn last line are caught. */
	buf = strchr(orig, '\n');
	put_file(copy, buf + 1, n - (size_t)(buf + 1 - orig));
	CU_ASSERT_EQUAL(keystore_verify_log(copy, kf, err, sizeof(err)),
	    ERR_INTEGRITY);
	put_file(copy, orig, n - 1);
	CU_ASSERT_EQUAL(keystore_verify_log(copy, kf, err, sizeof(err)),
	    ERR_INTEGRITY);

	/* Appending refuses a log that does not verify. */
	edit_file(path, "found=0", "found=9");
	CU_ASSERT_EQUAL(keystore_log_access(dir, kf, "more", 1, 1, err,
	    sizeof(err)), ERR_INTEGRITY);
	put_file(path, orig, n);
	CU_ASSERT_EQUAL(keystore_log_access(dir, kf, "more", 1, 1, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(keystore_verify_log(path, kf, err, sizeof(err)), 0);
	free(orig);
}

static int
add(void)
{
	CU_pSuite s;

	s = CU_add_suite("keystore", suite_init, suite_clean);
	if (s == NULL)
		return -1;
	if (CU_add_test(s, "round trip", test_round_trip) == NULL ||
	    CU_add_test(s, "spill", test_spill) == NULL ||
	    CU_add_test(s, "replaced raw forms and the spill cap",
	    test_replaced_forms) == NULL ||
	    CU_add_test(s, "several segments", test_segments) == NULL ||
	    CU_add_test(s, "add checks, collision", test_add_checks) ==
	    NULL ||
	    CU_add_test(s, "add checks a sample, readers all",
	    test_add_sample) == NULL ||
	    CU_add_test(s, "smallest raw form kept", test_raw_forms) ==
	    NULL ||
	    CU_add_test(s, "every bit flip", test_bit_flips) == NULL ||
	    CU_add_test(s, "every truncation", test_truncation) == NULL ||
	    CU_add_test(s, "chunk moves and splices", test_chunk_moves) ==
	    NULL ||
	    CU_add_test(s, "wrong key, stray files",
	    test_wrong_key_and_files) == NULL ||
	    CU_add_test(s, "several domains", test_domains) == NULL ||
	    CU_add_test(s, "renamed segments", test_renamed) == NULL ||
	    CU_add_test(s, "messages", test_messages) == NULL ||
	    CU_add_test(s, "writer checks the key set",
	    test_writer_keyset) == NULL ||
	    CU_add_test(s, "threads", test_threads) == NULL ||
	    CU_add_test(s, "access log", test_access_log) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
