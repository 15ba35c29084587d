/* test_pool.c - batches in flight, order, rejections and counts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "err.h"
#include "harness.h"
#include "policy.h"
#include "pool.h"

static struct engine *
detect_engine(struct policy **p)
{
	struct engine_config cfg = { 0 };
	char err[256];

	*p = policy_new(POLICY_SAFE_HARBOR);
	cfg.policy = *p;
	cfg.transform = NULL;
	cfg.max_value = 1 << 20;
	return engine_new(&cfg, err, sizeof(err));
}

static void
fill(struct pool_batch *b, size_t first, size_t n)
{
	char id[32], text[64];
	size_t i;

	for (i = 0; i < n; i++) {
		struct record *r = &b->recs[i];

		record_release(r);
		(void)snprintf(id, sizeof(id), "doc%zu", first + i);
		(void)snprintf(text, sizeof(text), "Seen on %zu/%zu/2019.",
		    1 + (first + i) % 12, 1 + (first + i) % 27);
		(void)record_set_id(r, id);
		(void)record_add_field(r, "text", text, strlen(text));
		b->status[i] = 0;
	}
	b->n = n;
}

static void
test_flow(void)
{
	struct policy *p;
	struct engine *e = detect_engine(&p);
	struct pool *pl;
	struct pool_batch *b, *taken[64];
	unsigned long long counts[PHI_NTYPES];
	size_t n = 0, i, seen = 0;
	char want[32];

	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	pl = pool_new(e, 2, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pl);
	CU_ASSERT_PTR_NULL(pool_next(pl));

	/* 2 threads: 2 * 2 + 2 batches, then the pool is dry */
	while ((b = pool_take(pl)) != NULL && n < 64)
		taken[n++] = b;
	CU_ASSERT_EQUAL(n, 6);

	for (i = 0; i < n; i++) {
		fill(taken[i], i * 10, 10);
		if (i == 2) {
			b = taken[i];
			b->n = 3;
			pool_reject(b, ERR_PARSE, "row has 3 fields");
			b->n = 10;
		}
		pool_submit(pl, taken[i]);
	}

	/* back in submission order, rejected slots untouched */
	for (i = 0; i < n; i++) {
		b = pool_next(pl);
		CU_ASSERT_PTR_EQUAL(b, taken[i]);
		(void)snprintf(want, sizeof(want), "doc%zu", i * 10);
		CU_ASSERT_STRING_EQUAL(b->recs[0].id, want);
		if (i == 2) {
			CU_ASSERT_EQUAL(b->status[3], ERR_PARSE);
			CU_ASSERT_STRING_EQUAL(b->why[3], "row has 3 fields");
			CU_ASSERT_EQUAL(b->status[4], 0);
		}
		seen += b->n;
		/* one spans line per good record */
		CU_ASSERT_PTR_NOT_NULL(strstr(b->spans.data, "\"DATE\""));
		pool_release(pl, b);
	}
	CU_ASSERT_EQUAL(seen, 60);
	CU_ASSERT_PTR_NULL(pool_next(pl));

	pool_counts(pl, counts);
	CU_ASSERT_EQUAL(counts[PHI_DATE], 59);
	CU_ASSERT_EQUAL(counts[PHI_NAME], 0);

	pool_free(pl);
	engine_free(e);
	policy_free(p);
}

struct line_case {
	const char *line;	/* a JSONL line, unparsed */
	size_t len;		/* 0: strlen */
	int status;		/* what the worker makes of it */
	const char *why;
};

static const struct line_case lines[] = {
	{ "{\"id\": \"a1\", \"text\": \"Seen on 3/4/2019.\"}", 0, 0, "" },
	{ "{\"id\": 2,", 0, ERR_PARSE, "invalid JSON at byte 9" },
	{ "[1, 2]", 0, ERR_PARSE, "line is not a JSON object" },
	{ "{\"t\": \"a\0b\"}", 12, ERR_UTF8, "line holds a NUL byte" },
	{ "{\"t\": \"caf\xe9\"}", 0, ERR_UTF8, "line is not valid UTF-8" },
	{ "{\"n\": 1.5,\"text\":\"x\"}", 0, 0, "" },
};

#define NLINES (sizeof(lines) / sizeof(lines[0]))

/* Record k of the run: line k % NLINES, numbered k + 1. */
static void
fill_lines(struct pool_batch *b, size_t first, size_t n)
{
	const struct line_case *c;
	struct record *r;
	size_t i, len;

	for (i = 0; i < n; i++) {
		c = &lines[(first + i) % NLINES];
		len = c->len ? c->len : strlen(c->line);
		r = &b->recs[i];
		record_reset(r);
		r->number = first + i + 1;
		if (r->raw_cap < len + 1) {
			free(r->raw);
			r->raw = malloc(len + 1);
			CU_ASSERT_FATAL(r->raw != NULL);
			if (r->raw == NULL)
				return;
			r->raw_cap = len + 1;
		}
		memcpy(r->raw, c->line, len);
		r->raw[len] = '\0';
		r->raw_len = len;
		b->status[i] = 0;
		b->parsed[i] = 1;
	}
	b->n = n;
	b->max_record = 1 << 20;
	b->render = 1;
	b->format = RECORD_JSONL;
	b->slim = first > 0;
}

/* Check batch b against lines[] and append what a writer would see. */
static void
collect_batch(const struct pool_batch *b, struct buf *got)
{
	const struct line_case *c;
	size_t i, from;

	for (i = 0; i < b->n; i++) {
		c = &lines[(b->recs[i].number - 1) % NLINES];
		CU_ASSERT_EQUAL(b->status[i], c->status);
		CU_ASSERT_EQUAL(b->parsed[i], c->status == 0);
		CU_ASSERT_EQUAL(b->put[i], 0);
		from = i > 0 ? b->end[i - 1] : 0;
		(void)buf_printf(got, "%llu ", b->recs[i].number);
		if (b->status[i] != 0) {
			CU_ASSERT_STRING_EQUAL(b->why[i], c->why);
			CU_ASSERT_EQUAL(b->end[i], from);
			(void)buf_printf(got, "%s\n", b->why[i]);
		} else {
			(void)buf_append(got, b->out.data + from,
			    b->end[i] - from);
		}
		/* slim batches keep only the number */
		if (b->slim)
			CU_ASSERT_EQUAL(b->recs[i].nfields, 0);
	}
}

/*
 * Run 100 records through a pool of nthreads workers that parse and
 * render them; return what a writer would see: each record's output
 * line or rejection, in order (caller frees).
 */
static char *
run_lines(const struct engine *e, unsigned nthreads)
{
	struct pool_batch *b;
	struct buf got;
	struct pool *pl;
	size_t k = 0;

	buf_init(&got, 1 << 20);
	pl = pool_new(e, nthreads, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pl);
	while (k < 100) {
		while (k < 100 && (b = pool_take(pl)) != NULL) {
			fill_lines(b, k, k + 7 > 100 ? 100 - k : 7);
			k += b->n;
			pool_submit(pl, b);
		}
		while ((b = pool_next(pl)) != NULL) {
			collect_batch(b, &got);
			pool_release(pl, b);
		}
	}
	pool_free(pl);
	return got.data;
}

/*
 * Lines parsed by the workers: bad ones are rejected under their own
 * number and reason, good ones rendered, and the result is the same
 * bytes whatever the number of threads.
 */
static void
test_parse_render(void)
{
	static const unsigned threads[] = { 1, 2, 4 };
	struct policy *p;
	struct engine *e = detect_engine(&p);
	char *one, *got;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	one = run_lines(e, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(one);
	if (one == NULL)
		return;
	CU_ASSERT_PTR_NOT_NULL(strstr(one, "1 {\"id\": \"a1\", \"text\": "
	    "\"Seen on 3/4/2019.\"}\n2 invalid JSON at byte 9\n"
	    "3 line is not a JSON object\n4 line holds a NUL byte\n"
	    "5 line is not valid UTF-8\n6 {\"n\": 1.5, \"text\": \"x\"}\n"
	    "7 {\"id\": \"a1\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(one, "\n100 line holds a NUL byte\n"));
	for (i = 1; i < sizeof(threads) / sizeof(threads[0]); i++) {
		got = run_lines(e, threads[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(got);
		if (got == NULL)
			break;
		CU_ASSERT_STRING_EQUAL(got, one);
		free(got);
	}
	free(one);
	engine_free(e);
	policy_free(p);
}

/*
 * Batches in flight that hold POOL_INFLIGHT_BYTES of input stop
 * pool_take until one is collected, though free batches remain; one
 * batch over the limit still goes alone.
 */
static void
test_inflight_bytes(void)
{
	struct policy *p;
	struct engine *e = detect_engine(&p);
	struct pool *pl;
	struct pool_batch *b;
	size_t k;

	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	pl = pool_new(e, 2, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pl);

	/* one batch bigger than the limit: taken, as nothing is in flight */
	b = pool_take(pl);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	fill(b, 0, 2);
	b->bytes = POOL_INFLIGHT_BYTES + 1;
	pool_submit(pl, b);
	CU_ASSERT_PTR_NULL(pool_take(pl));
	b = pool_next(pl);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	pool_release(pl, b);

	/* two halves fill it; the third waits for the first back */
	for (k = 0; k < 2; k++) {
		b = pool_take(pl);
		CU_ASSERT_PTR_NOT_NULL_FATAL(b);
		fill(b, 10 * k, 2);
		b->bytes = POOL_INFLIGHT_BYTES / 2;
		pool_submit(pl, b);
	}
	CU_ASSERT_PTR_NULL(pool_take(pl));
	b = pool_next(pl);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	pool_release(pl, b);
	b = pool_take(pl);
	CU_ASSERT_PTR_NOT_NULL(b);
	if (b != NULL)
		pool_release(pl, b);
	while ((b = pool_next(pl)) != NULL)
		pool_release(pl, b);

	pool_free(pl);
	engine_free(e);
	policy_free(p);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("pool", NULL, NULL);

	if (s == NULL || CU_add_test(s, "flow", test_flow) == NULL ||
	    CU_add_test(s, "bytes in flight", test_inflight_bytes) == NULL ||
	    CU_add_test(s, "parse and render in workers",
	    test_parse_render) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
