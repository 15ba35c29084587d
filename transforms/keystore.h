/*
 * keystore.h - the encrypted re-identification key (KEYSTORE.md (b)).
 *
 * A keystore is a directory.  Every scrub run (or shard) writes one
 * immutable segment, seg-<domain>-<batch>-<shard>.dks (the linkage
 * domain is not secret): a 184-byte header MAC'd with K_seg of that
 * domain, then records sorted by (type, token) and unique, sealed in
 * 64 KiB AES-256-GCM chunks (STREAM nonces, last-chunk flag) under a key
 * agreed with X25519 against the key set's public key and bound to the
 * header.  Readers verify a whole segment before using any of it, each
 * under the keys of the domain its name gives.  One directory may hold
 * segments of several domains.
 * reid appends to KEYSTORE/access.log, a chain of HMACs under K_audit.
 *
 * The plaintext (record layout 2, byte layout in keystore.c) is a layout
 * byte, then per record: type, token, the normalised value (norm_v1) and
 * one raw form, the value as written in a note.  Of all raw forms added
 * for a token the bytewise-smallest is kept (memcmp order, then the
 * shorter first), so a segment does not depend on the order of adds.
 * The token is the HMAC of the normalised value, and norm_v1 of the raw
 * form is the normalised value; readers check both for every record.
 */
#ifndef VEIL_KEYSTORE_H
#define VEIL_KEYSTORE_H

#include <stddef.h>
#include <stdint.h>

#include "keyfile.h"
#include "phitype.h"

/*
 * The domain of a segment with an old-style name, seg-<batch>-<shard>.dks
 * (written before names carried a domain): policy.c's default domain.
 */
#define KEYSTORE_LEGACY_DOMAIN "DEFAULT"
#define KEYSTORE_SPILL_BYTES (48u << 20)

struct keystore_writer;
struct keystore;

/*
 * keystore_check_keyset - whether every segment already in dir (any
 * domain) was written under kf's key set, so that a segment added with
 * kf leaves the keystore readable: each header must read whole, carry
 * kf's keyset_id and, when its domain is the one its name gives, pass
 * its MAC under that domain's K_seg.  Misnamed and renamed segments and
 * chunks are left to keystore_open.  Returns 0, ERR_INTEGRITY (err
 * names the segment file and what failed, never a value), ERR_IO or
 * ERR_CRYPTO.
 */
int keystore_check_keyset(const char *dir, const struct keyfile *kf,
    char *err, size_t errlen);

/*
 * keystore_writer_new - collect (type, token, value) records for a new
 * segment in dir (created 0700 when missing) for domain, shard number
 * shard.  Segments already in dir must pass keystore_check_keyset with
 * kf, so a wrong key file never adds a segment another key set's
 * keystore cannot read.  Returns NULL on failure (err says why).
 * Nothing is written until keystore_writer_commit.
 */
struct keystore_writer *keystore_writer_new(const char *dir,
    const struct keyfile *kf, const char *domain, uint32_t shard,
    char *err, size_t errlen);

/*
 * keystore_writer_add - remember one record (copied, unless held
 * already with a raw form no larger).  tok is the 24-character base32
 * token; norm is the normalised value (normlen bytes) and tok must be
 * its token under K_pseud(domain); raw is the value as written (rawlen
 * bytes) and norm must be its norm_v1.  Both lengths are at most
 * PSEUDONYM_MAXNORM.  Readers refuse a segment holding a record that
 * fails either, so the writer checks both for the first 16 adds and one
 * in 4096 after (a caller keyed for another domain or key set fails at
 * once; checking every add would double the cost of a pseudonym, as the
 * caller has just computed both).  A token already held with the same
 * norm keeps the smaller raw form (memcmp order, then the shorter
 * first), whatever the order of adds; with a different norm it is
 * ERR_INTEGRITY (a collision).
 * Thread-safe.  Returns 0, ERR_INTEGRITY, ERR_USAGE (bad type or token,
 * token not of norm or norm not of raw when checked, already committed)
 * or ERR_NOMEM.
 */
int keystore_writer_add(struct keystore_writer *w, enum phi_type type,
    const char *tok, const char *norm, size_t normlen, const char *raw,
    size_t rawlen);

/*
 * keystore_writer_commit - seal everything into a temporary file
 * (dir/.tmp-<shard>-0-<random>), fsync it, rename it without replacing
 * to dir/seg-<domain>-<batch id hex>-<shard>.dks and fsync the
 * directory.  An
 * empty writer still writes a segment (it records that the shard ran).
 * Once only: later adds and commits give ERR_USAGE.  Returns 0, ERR_IO,
 * ERR_NOMEM, ERR_USAGE or ERR_CRYPTO (err says why; no final-named file
 * is left).
 */
int keystore_writer_commit(struct keystore_writer *w, char *err,
    size_t errlen);

/*
 * keystore_writer_count - tokens added so far, those already sealed
 * into spilled segments included (a token added on both sides of a
 * spill counts twice); call it when no add is running.
 */
size_t keystore_writer_count(const struct keystore_writer *w);

/*
 * keystore_writer_set_chunk_log2 - plaintext bytes per sealed chunk as a
 * power of two, 6..16 (default 16, 64 KiB).  For tests, which use small
 * chunks to exercise chunk edges on small segments; readers accept any
 * value in range (it is in the MAC'd header).  Returns 0 or ERR_USAGE.
 */
int keystore_writer_set_chunk_log2(struct keystore_writer *w,
    unsigned log2);

/*
 * keystore_writer_set_spill - seal a segment whenever the entries held,
 * and those a smaller raw form has replaced but not yet freed, pass
 * bytes (at least 1024; default KEYSTORE_SPILL_BYTES), so memory stays
 * bounded.  Returns 0 or ERR_USAGE.
 */
int keystore_writer_set_spill(struct keystore_writer *w, size_t bytes);

/*
 * keystore_writer_free - wipe and free (uncommitted data is dropped);
 * NULL is allowed.
 */
void keystore_writer_free(struct keystore_writer *w);

/*
 * keystore_open - read and verify the segments (seg-*.dks; temporary
 * .tmp-* files are ignored) in dir, all of each before any of it is
 * used.  domain == NULL reads every segment, each under the keys of the
 * domain its name gives; a domain reads only that domain's segments.
 * An old-style name without a domain is read as KEYSTORE_LEGACY_DOMAIN.
 * A name of neither form, a segment whose header is not of the domain,
 * batch or shard its name gives (a renamed file) or of another key set,
 * that fails its header MAC or a chunk tag, is truncated, has extra
 * bytes, another record layout, records out of order, a bad END count,
 * a record whose token is not the HMAC of its normalised value or whose
 * raw form does not normalise to it, or two segments with different
 * values for one token, give ERR_INTEGRITY and nothing is returned; err
 * names the segment file and what failed (never a value).  Segments
 * holding one token with different raw forms keep the smallest.  ERR_IO
 * when dir or a segment cannot be read, ERR_USAGE for a bad domain.
 * Everything is held in memory.  On success *out is owned by the
 * caller, else it is NULL.
 */
int keystore_open(const char *dir, const struct keyfile *kf,
    const char *domain, struct keystore **out, char *err, size_t errlen);

/*
 * keystore_free - wipe and free; NULL is allowed.
 */
void keystore_free(struct keystore *ks);

/*
 * keystore_find - the raw form of (type, tok), the value as written, in
 * any domain read: *value points into ks (valid until keystore_free)
 * and is not NUL-terminated.  Returns 0 or ERR_NOTFOUND.
 */
int keystore_find(const struct keystore *ks, enum phi_type type,
    const char *tok, const char **value, size_t *vlen);

/*
 * keystore_count - number of entries of type over every domain read
 * (PHI_NTYPES: all types; 0 for an out-of-range type).
 */
size_t keystore_count(const struct keystore *ks, int type);

/*
 * keystore_ndomains - number of domains read: those with a segment in
 * the directory, in name order (strcmp), or just the one asked for.
 */
size_t keystore_ndomains(const struct keystore *ks);

/*
 * keystore_domain - the name of domain i (< keystore_ndomains; owned by
 * ks), or NULL when i is out of range.
 */
const char *keystore_domain(const struct keystore *ks, size_t i);

/*
 * keystore_domain_count - as keystore_count, for domain i only (0 when
 * i is out of range).
 */
size_t keystore_domain_count(const struct keystore *ks, size_t i,
    int type);

/*
 * keystore_log_access - append one line to dir/access.log: time, user,
 * reason, count of tokens asked and found, never a value, chained with
 * HMAC under K_audit (format in accesslog.h).  The existing log must
 * verify first.  Returns 0, ERR_USAGE (empty or over-long reason),
 * ERR_INTEGRITY, ERR_PERM, ERR_IO or ERR_CRYPTO.
 */
int keystore_log_access(const char *dir, const struct keyfile *kf,
    const char *reason, size_t asked, size_t found, char *err,
    size_t errlen);

/*
 * keystore_verify_log - check dir/access.log's chain.  Returns 0, or
 * ERR_INTEGRITY naming the first bad line number in err.
 */
int keystore_verify_log(const char *path, const struct keyfile *kf,
    char *err, size_t errlen);

#endif
