/* pool.c - ordered batches over worker threads. */
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "pool.h"
#include "reader.h"
#include "rx.h"

/* Cap on a batch's rendered output: far above what a batch can hold. */
#define POOL_MAX_OUT ((size_t)1 << 40)

/* A batch keeps buffers up to this size for its next use. */
#define POOL_KEEP ((size_t)2 << 20)

/* A batch of at least this many input bytes is followed by a trim. */
#define POOL_TRIM_BYTES ((size_t)1 << 20)

struct pool {
	const struct engine *e;
	int want_spans;
	unsigned nthreads;
	pthread_t *threads;
	struct engine_worker **workers;
	unsigned started;

	size_t nbatches;
	struct pool_batch **all;	/* every batch, for pool_free */
	struct pool_batch **free;	/* stack of free batches */
	size_t nfree;
	struct pool_batch **ring;	/* submitted, by sequence % n */
	int *done;			/* per ring slot */

	unsigned long long submitted;	/* batches handed to workers */
	unsigned long long taken;	/* batches a worker has started */
	unsigned long long collected;	/* batches given back in order */
	size_t inflight;		/* input bytes submitted, not collected
					   (the caller's thread only) */

	pthread_mutex_t mu;
	pthread_cond_t work_cv;
	pthread_cond_t done_cv;
	int stop;
};

struct pool_arg {
	struct pool *p;
	struct engine_worker *w;
};

/* Parse, scan and render one record; 0 or why it was rejected. */
static int
run_record(struct pool *p, struct engine_worker *w, struct pool_batch *b,
    size_t i)
{
	struct record *rec = &b->recs[i];
	int r;

	r = reader_parse(rec, b->max_record, b->why[i], POOL_WHY);
	if (r != 1) {
		b->parsed[i] = 0;
		return r;
	}
	r = engine_run(w, rec, p->want_spans ? &b->spans : NULL);
	if (r != 0) {
		(void)snprintf(b->why[i], POOL_WHY, "%s",
		    engine_worker_error(w));
		return r;
	}
	if (b->render)
		b->put[i] = writer_render(b->format, b->crlf, rec, &b->out);
	return 0;
}

/* Free what a record holds but its number (and its raw buffer). */
static void
slim(struct record *rec)
{
	unsigned long long number = rec->number;

	record_reset(rec);
	rec->number = number;
}

static void
run_batch(struct pool *p, struct engine_worker *w, struct pool_batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		b->put[i] = 0;
		if (b->status[i] == 0)
			b->status[i] = run_record(p, w, b, i);
		b->end[i] = b->out.len;
		if (b->slim)
			slim(&b->recs[i]);
	}
}

static void *
worker_main(void *arg)
{
	struct pool *p = ((struct pool_arg *)arg)->p;
	struct engine_worker *w = ((struct pool_arg *)arg)->w;
	struct pool_batch *b;
	size_t slot;

	free(arg);
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (!p->stop && p->taken == p->submitted)
			pthread_cond_wait(&p->work_cv, &p->mu);
		if (p->stop) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		slot = (size_t)(p->taken % p->nbatches);
		b = p->ring[slot];
		p->taken++;
		pthread_mutex_unlock(&p->mu);

		run_batch(p, w, b);
		/*
		 * After a long record, hand its freed memory back: each
		 * thread's allocator arena would else keep the peak of the
		 * longest record it has seen, and the arenas add up.
		 */
		if (b->bytes >= POOL_TRIM_BYTES)
			(void)malloc_trim(0);

		pthread_mutex_lock(&p->mu);
		p->done[slot] = 1;
		pthread_cond_broadcast(&p->done_cv);
		pthread_mutex_unlock(&p->mu);
	}
	rx_thread_release();
	return NULL;
}

static struct pool_batch *
batch_new(void)
{
	struct pool_batch *b;
	size_t i;

	b = calloc(1, sizeof(*b));
	if (b == NULL)
		return NULL;
	for (i = 0; i < POOL_BATCH_RECORDS; i++)
		record_init(&b->recs[i]);
	buf_init(&b->spans, (size_t)1 << 30);
	buf_init(&b->out, POOL_MAX_OUT);
	return b;
}

static void
batch_free(struct pool_batch *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < POOL_BATCH_RECORDS; i++)
		record_release(&b->recs[i]);
	buf_release(&b->spans);
	buf_release(&b->out);
	free(b);
}

static int
alloc_batches(struct pool *p)
{
	size_t i;

	p->nbatches = 2 * (size_t)p->nthreads + 2;
	p->all = calloc(p->nbatches, sizeof(*p->all));
	p->free = calloc(p->nbatches, sizeof(*p->free));
	p->ring = calloc(p->nbatches, sizeof(*p->ring));
	p->done = calloc(p->nbatches, sizeof(*p->done));
	if (p->all == NULL || p->free == NULL || p->ring == NULL ||
	    p->done == NULL)
		return ERR_NOMEM;
	for (i = 0; i < p->nbatches; i++) {
		p->all[i] = batch_new();
		if (p->all[i] == NULL)
			return ERR_NOMEM;
		p->free[p->nfree++] = p->all[i];
	}
	return 0;
}

static int
start_threads(struct pool *p)
{
	struct pool_arg *arg;
	unsigned i;

	p->threads = calloc(p->nthreads, sizeof(*p->threads));
	p->workers = calloc(p->nthreads, sizeof(*p->workers));
	if (p->threads == NULL || p->workers == NULL)
		return ERR_NOMEM;
	for (i = 0; i < p->nthreads; i++) {
		p->workers[i] = engine_worker_new(p->e);
		arg = malloc(sizeof(*arg));
		if (p->workers[i] == NULL || arg == NULL) {
			free(arg);
			return ERR_NOMEM;
		}
		arg->p = p;
		arg->w = p->workers[i];
		if (pthread_create(&p->threads[i], NULL, worker_main,
		    arg) != 0) {
			free(arg);
			return ERR_INTERNAL;
		}
		p->started++;
	}
	return 0;
}

struct pool *
pool_new(const struct engine *e, unsigned nthreads, int want_spans)
{
	struct pool *p;

	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return NULL;
	p->e = e;
	p->want_spans = want_spans;
	p->nthreads = nthreads ? nthreads : 1;
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work_cv, NULL);
	pthread_cond_init(&p->done_cv, NULL);

	if (alloc_batches(p) != 0 || start_threads(p) != 0) {
		pool_free(p);
		return NULL;
	}
	return p;
}

void
pool_free(struct pool *p)
{
	unsigned i;
	size_t j;

	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->work_cv);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->started; i++)
		(void)pthread_join(p->threads[i], NULL);

	for (i = 0; p->workers != NULL && i < p->nthreads; i++)
		engine_worker_free(p->workers[i]);
	for (j = 0; p->all != NULL && j < p->nbatches; j++)
		batch_free(p->all[j]);
	free(p->threads);
	free(p->workers);
	free(p->all);
	free(p->free);
	free(p->ring);
	free(p->done);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->work_cv);
	pthread_cond_destroy(&p->done_cv);
	free(p);
}

/* Wipe b; keep its memory for the next batch unless it grew large. */
static void
empty(struct buf *b)
{
	if (b->cap > POOL_KEEP)
		buf_release(b);
	else
		buf_reset(b);
}

struct pool_batch *
pool_take(struct pool *p)
{
	struct pool_batch *b;

	if (p->nfree == 0)
		return NULL;
	/* long records: hold no more of them at once than memory allows */
	if (p->inflight >= POOL_INFLIGHT_BYTES && p->collected < p->submitted)
		return NULL;
	b = p->free[--p->nfree];
	b->n = 0;
	b->bytes = 0;
	empty(&b->spans);
	empty(&b->out);
	b->max_record = 0;
	b->render = 0;
	b->format = RECORD_TEXT;
	b->crlf = 0;
	b->slim = 0;
	return b;
}

void
pool_reject(struct pool_batch *b, int code, const char *why)
{
	b->status[b->n] = code;
	(void)snprintf(b->why[b->n], POOL_WHY, "%s", why);
}

void
pool_submit(struct pool *p, struct pool_batch *b)
{
	p->inflight += b->bytes;
	pthread_mutex_lock(&p->mu);
	p->ring[p->submitted % p->nbatches] = b;
	p->done[p->submitted % p->nbatches] = 0;
	p->submitted++;
	pthread_cond_signal(&p->work_cv);
	pthread_mutex_unlock(&p->mu);
}

struct pool_batch *
pool_next(struct pool *p)
{
	struct pool_batch *b;
	size_t slot;

	pthread_mutex_lock(&p->mu);
	if (p->collected == p->submitted) {
		pthread_mutex_unlock(&p->mu);
		return NULL;
	}
	slot = (size_t)(p->collected % p->nbatches);
	while (!p->done[slot])
		pthread_cond_wait(&p->done_cv, &p->mu);
	b = p->ring[slot];
	p->done[slot] = 0;
	p->collected++;
	pthread_mutex_unlock(&p->mu);
	p->inflight -= b->bytes < p->inflight ? b->bytes : p->inflight;
	return b;
}

void
pool_release(struct pool *p, struct pool_batch *b)
{
	p->free[p->nfree++] = b;
}

void
pool_counts(const struct pool *p, unsigned long long *counts)
{
	const unsigned long long *c;
	unsigned i;
	int t;

	memset(counts, 0, PHI_NTYPES * sizeof(*counts));
	for (i = 0; i < p->nthreads; i++) {
		c = engine_worker_counts(p->workers[i]);
		for (t = 0; t < PHI_NTYPES; t++)
			counts[t] += c[t];
	}
}

void
pool_seconds(const struct pool *p, double *secs)
{
	const double *s;
	size_t n = engine_nfamilies(), j;
	unsigned i;

	for (j = 0; j < n; j++)
		secs[j] = 0;
	for (i = 0; i < p->nthreads; i++) {
		s = engine_worker_seconds(p->workers[i]);
		for (j = 0; j < n; j++)
			secs[j] += s[j];
	}
}
