/*
 * pool.h - worker threads that run the engine over batches of records
 * and hand them back in input order.
 *
 * The caller (one thread) takes a free batch, fills it with records
 * from a reader, and submits it; workers run engine_run over every
 * record of a batch; the caller takes finished batches back strictly in
 * the order it submitted them, writes them and releases them.  Since
 * each record's result depends only on the record and the key, the
 * output is byte-identical whatever the number of threads.
 *
 * Memory is bounded: a fixed number of batches, each closed once it
 * holds POOL_BATCH_RECORDS records or POOL_BATCH_BYTES bytes.
 */
#ifndef VEIL_POOL_H
#define VEIL_POOL_H

#include <stddef.h>

#include "buf.h"
#include "engine.h"
#include "phitype.h"
#include "record.h"

#define POOL_BATCH_RECORDS 256
#define POOL_BATCH_BYTES (1u << 20)
#define POOL_WHY 256

struct pool_batch {
	struct record recs[POOL_BATCH_RECORDS];
	int status[POOL_BATCH_RECORDS];	/* 0, or why it was rejected */
	char why[POOL_BATCH_RECORDS][POOL_WHY];
	size_t n;			/* records filled */
	size_t bytes;			/* their size, roughly */
	struct buf spans;		/* spans lines of the good records */
};

struct pool;

/*
 * pool_new - start nthreads workers (at least 1) over engine e, which
 * must outlive the pool; want_spans asks for spans lines.  NULL on
 * failure (out of memory, threads cannot start).
 */
struct pool *pool_new(const struct engine *e, unsigned nthreads,
    int want_spans);

/*
 * pool_free - stop the workers and free every batch (wiping note
 * text); NULL is allowed.  Batches still in flight are discarded.
 */
void pool_free(struct pool *p);

/*
 * pool_take - a free, empty batch, or NULL when every batch is in
 * flight (then collect one with pool_next first).
 */
struct pool_batch *pool_take(struct pool *p);

/*
 * pool_reject - mark the record just filled at slot b->n (then counted)
 * as rejected by the reader, with code and reason.
 */
void pool_reject(struct pool_batch *b, int code, const char *why);

/*
 * pool_submit - hand a filled batch to the workers.
 */
void pool_submit(struct pool *p, struct pool_batch *b);

/*
 * pool_next - wait for the oldest submitted batch and return it, done;
 * NULL when none is in flight.  Give it back with pool_release.
 */
struct pool_batch *pool_next(struct pool *p);

/*
 * pool_release - return a written batch to the free list.
 */
void pool_release(struct pool *p, struct pool_batch *b);

/*
 * pool_counts - identifiers found by all workers so far, per type, into
 * counts (PHI_NTYPES entries).  Call when no batch is in flight.
 */
void pool_counts(const struct pool *p, unsigned long long *counts);

/*
 * pool_seconds - scan time per recognizer family summed over workers,
 * into secs (engine_nfamilies() entries).
 */
void pool_seconds(const struct pool *p, double *secs);

#endif
