/* test_pool.c - batches in flight, order, rejections and counts. */
#include <stdio.h>
#include <string.h>

#include "engine.h"
#include "err.h"
#include "harness.h"
#include "policy.h"
#include "pool.h"

static struct engine *
detect_engine(struct policy **p)
{
	struct engine_config cfg;
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

static int
add(void)
{
	CU_pSuite s = CU_add_suite("pool", NULL, NULL);

	if (s == NULL || CU_add_test(s, "flow", test_flow) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
