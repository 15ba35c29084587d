/*
 * pool.h - worker threads that parse, scan and render batches of
 * records and hand them back in input order.
 *
 * The caller (one thread) takes a free batch, fills it with records
 * from a reader, and submits it; for every record of a batch a worker
 * parses what the reader left unparsed (reader_parse), runs engine_run
 * and renders the output bytes (writer_render); the caller takes
 * finished batches back strictly in the order it submitted them, writes
 * them and releases them.  So the caller's thread only splits the input
 * and writes bytes.  Since each record's result depends only on the
 * record and the key, the output is byte-identical whatever the number
 * of threads.
 *
 * Memory is bounded: a fixed number of batches, each closed once it
 * holds POOL_BATCH_RECORDS records or POOL_BATCH_BYTES bytes, and no
 * new batch while those in flight hold POOL_INFLIGHT_BYTES of input
 * (a record over that size still goes, alone).
 */
#ifndef VEIL_POOL_H
#define VEIL_POOL_H

#include <stddef.h>

#include "buf.h"
#include "engine.h"
#include "phitype.h"
#include "record.h"
#include "writer.h"

#define POOL_BATCH_RECORDS 256
#define POOL_BATCH_BYTES (1u << 18)
#define POOL_INFLIGHT_BYTES (4u << 20)
#define POOL_WHY 256

/*
 * The caller fills recs, status (0), parsed, n and bytes, and sets the
 * fields under "how" before submitting; pool_take zeroes them.  After
 * the workers: status and why for rejected records (parsed cleared for
 * a line reader_parse rejected), and with render set,
 * record i's output bytes are out.data[i ? end[i - 1] : 0 .. end[i])
 * unless put[i] says why they could not be rendered.
 */
struct pool_batch {
	struct record recs[POOL_BATCH_RECORDS];
	int status[POOL_BATCH_RECORDS];	/* 0, or why it was rejected */
	char why[POOL_BATCH_RECORDS][POOL_WHY];
	int put[POOL_BATCH_RECORDS];	/* 0, or writer_render's error */
	int parsed[POOL_BATCH_RECORDS];	/* read whole: by the reader, or
					   (deferred) by reader_parse */
	size_t end[POOL_BATCH_RECORDS];	/* in out, after record i */
	size_t n;			/* records filled */
	size_t bytes;			/* their size, roughly */
	struct buf spans;		/* spans lines of the good records */
	struct buf out;			/* rendered good records */

	/* how */
	size_t max_record;		/* for reader_parse */
	int render;			/* render good records into out */
	enum record_format format;	/* ... in this format */
	int crlf;			/* ... CSV rows ending in CRLF */
	int slim;			/* free each record's contents once
					   done, keeping only its number */
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
 * pool_take - a free, empty batch (its "how" fields zero), or NULL
 * when every batch is in flight, or those in flight hold
 * POOL_INFLIGHT_BYTES of input (then collect one with pool_next first).
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
