/* test_engine.c - records through recognizers, spans and transforms. */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "engine.h"
#include "err.h"
#include "harness.h"
#include "policy.h"
#include "pool.h"
#include "record.h"
#include "transform.h"

/* A policy that redacts every type, so no key is needed. */
static struct policy *
redact_all(void)
{
	static const char body[] =
	    "types: {NAME: redact, DATE: year, PHONE: redact, SSN: redact,\n"
	    "  MRN: redact, EMAIL: redact, ADDRESS: redact, ZIP: zip3}\n"
	    "columns: {id: keep, note: text, mrn: MRN}\n";
	struct policy *p = NULL;
	char path[512], err[256];
	FILE *fp;

	(void)snprintf(path, sizeof(path), "%s/redact.yaml",
	    harness_tmpdir());
	fp = fopen(path, "w");
	if (fp == NULL)
		return NULL;
	fputs(body, fp);
	(void)fclose(fp);
	if (policy_load(path, &p, err, sizeof(err)) != 0)
		return NULL;
	return p;
}

static void
one_record(struct record *rec, const char *id, const char *note)
{
	record_init(rec);
	(void)record_set_id(rec, id);
	(void)record_add_field(rec, "id", id, strlen(id));
	(void)record_add_field(rec, "note", note, strlen(note));
	(void)record_add_field(rec, "mrn", "55120873", 8);
	(void)record_add_field(rec, "secret", "Dr. Hugo Pell", 13);
}

static void
test_rewrite(void)
{
	static const struct {
		const char *note, *want;
	} cases[] = {
		{ "Seen by Dr. Rosalind Quarrie on 03/14/2021.",
		    "Seen by Dr. [NAME] on 2021." },
		{ "Call (503) 555-0142 today", "Call [PHONE] today" },
		/* full-width digits and NBSP are replaced in the original */
		{ "DOB\xc2\xa0\xef\xbc\x90\xef\xbc\x93/14/1951 ok",
		    "DOB\xc2\xa0" "1951 ok" },
		{ "no identifiers here, BP 120/80", 
		    "no identifiers here, BP 120/80" },
		{ "", "" },
		/* a birth date beside an age over 89 implies that age */
		{ "DOB 03/02/1930, Age 93.", "DOB 90+, Age 90+." },
		{ "born on 3/3/1931; 95 y/o", "born on 90+; 90+ y/o" },
		{ "DOB 03/02/1930, Age 83.", "DOB 1930, Age 83." },
		/* only a date right after its cue is a birth date */
		{ "DOB unknown. Seen 4/4/1990, age 93",
		    "DOB unknown. Seen 1990, age 90+" },
		/* 90 years before the value's latest date */
		{ "Seen 1/5/2021; DOB 2/2/1931", "Seen 2021; DOB 90+" },
		{ "Seen 1/5/2021; DOB 2/2/1932", "Seen 2021; DOB 1932" },
	};
	struct policy *p = redact_all();
	struct transform *t;
	struct engine_config cfg;
	struct engine *e;
	struct engine_worker *w;
	char err[256];
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	t = transform_new(p, NULL, NULL);
	cfg.policy = p;
	cfg.transform = t;
	cfg.max_value = 1 << 20;
	e = engine_new(&cfg, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	w = engine_worker_new(e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct record rec;
		const struct field *f;

		one_record(&rec, "n1", cases[i].note);
		CU_ASSERT_EQUAL(engine_run(w, &rec, NULL), 0);
		f = &rec.fields[1];
		CU_ASSERT_PTR_NOT_NULL_FATAL(f->out);
		CU_ASSERT_EQUAL(f->out_len, strlen(cases[i].want));
		CU_ASSERT_NSTRING_EQUAL(f->out, cases[i].want, f->out_len);
		/* keep, typed and dropped columns */
		CU_ASSERT_PTR_NULL(rec.fields[0].out);
		CU_ASSERT_EQUAL(rec.fields[0].drop, 0);
		CU_ASSERT_NSTRING_EQUAL(rec.fields[2].out, "[MRN]", 5);
		CU_ASSERT_EQUAL(rec.fields[3].drop, 1);
		record_release(&rec);
	}
	CU_ASSERT(engine_worker_counts(w)[PHI_NAME] >= 1);

	engine_worker_free(w);
	engine_free(e);
	transform_free(t);
	policy_free(p);
}

static void
test_reject_and_spans(void)
{
	struct policy *p = policy_new(POLICY_SAFE_HARBOR);
	struct engine_config cfg = { p, NULL, 1 << 20 };
	struct engine *e;
	struct engine_worker *w;
	struct record rec;
	struct buf spans;
	char err[256];

	e = engine_new(&cfg, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	w = engine_worker_new(e);
	buf_init(&spans, 1 << 20);

	/* detect only: spans in code points of the original */
	record_init(&rec);
	(void)record_set_id(&rec, "d1");
	(void)record_add_field(&rec, "text", "Zoë on 4/5/2020", 16);
	CU_ASSERT_EQUAL(engine_run(w, &rec, &spans), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(spans.data, "\"id\": \"d1\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(spans.data,
	    "\"start\": 7, \"end\": 15, \"type\": \"DATE\""));
	CU_ASSERT_PTR_NULL(rec.fields[0].out);
	record_release(&rec);

	/* invalid UTF-8: rejected, no spans left behind, field named */
	buf_reset(&spans);
	record_init(&rec);
	(void)record_set_id(&rec, "d2");
	(void)record_add_field(&rec, "a", "fine", 4);
	(void)record_add_field(&rec, "b", "bad \xff Quixote", 14);
	CU_ASSERT_EQUAL(engine_run(w, &rec, &spans), ERR_UTF8);
	CU_ASSERT_EQUAL(spans.len, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(engine_worker_error(w), "\"b\""));
	CU_ASSERT_PTR_NULL(strstr(engine_worker_error(w), "Quixote"));
	record_release(&rec);

	buf_release(&spans);
	engine_worker_free(w);
	engine_free(e);
	policy_free(p);
	engine_free(NULL);
	engine_worker_free(NULL);
}

/* Run n records through a pool of nthreads; return the outputs joined. */
static void
run_pool(const struct engine *e, unsigned nthreads, struct buf *all)
{
	struct pool *pl = pool_new(e, nthreads, 1);
	struct pool_batch *b;
	char note[128], id[16];
	size_t k = 0, i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(pl);
	while (k < 3000) {
		while ((b = pool_take(pl)) == NULL) {
			b = pool_next(pl);
			for (i = 0; i < b->n; i++)
				(void)buf_append(all, b->recs[i].fields[1].out,
				    b->recs[i].fields[1].out_len);
			(void)buf_append(all, b->spans.data, b->spans.len);
			pool_release(pl, b);
		}
		for (; b->n < 7 && k < 3000; b->n++, k++) {
			(void)snprintf(id, sizeof(id), "r%zu", k);
			(void)snprintf(note, sizeof(note), "Dr. Ivo Rask%c%c "
			    "saw pt %zu/%zu/2020, call 503-555-%04zu.",
			    (char)('a' + k % 26), (char)('a' + k / 26 % 26),
			    1 + k % 12, 1 + k % 28, k);
			record_release(&b->recs[b->n]);
			one_record(&b->recs[b->n], id, note);
			b->status[b->n] = 0;
		}
		pool_submit(pl, b);
	}
	while ((b = pool_next(pl)) != NULL) {
		for (i = 0; i < b->n; i++)
			(void)buf_append(all, b->recs[i].fields[1].out,
			    b->recs[i].fields[1].out_len);
		(void)buf_append(all, b->spans.data, b->spans.len);
		pool_release(pl, b);
	}
	pool_free(pl);
}

static void
test_pool_order(void)
{
	struct policy *p = redact_all();
	struct transform *t = transform_new(p, NULL, NULL);
	struct engine_config cfg = { p, t, 1 << 20 };
	struct engine *e;
	struct buf one, many;
	char err[256];

	e = engine_new(&cfg, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	buf_init(&one, 1 << 26);
	buf_init(&many, 1 << 26);
	run_pool(e, 1, &one);
	run_pool(e, 4, &many);
	CU_ASSERT(one.len > 100000);
	CU_ASSERT_EQUAL(one.len, many.len);
	CU_ASSERT(one.len == many.len &&
	    memcmp(one.data, many.data, one.len) == 0);
	CU_ASSERT_PTR_NULL(strstr(one.data, "Rask"));
	buf_release(&one);
	buf_release(&many);
	engine_free(e);
	transform_free(t);
	policy_free(p);
	pool_free(NULL);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("engine", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "rewrite", test_rewrite) == NULL ||
	    CU_add_test(s, "reject and spans", test_reject_and_spans) ==
	    NULL ||
	    CU_add_test(s, "pool keeps order", test_pool_order) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
