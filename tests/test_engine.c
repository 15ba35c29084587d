/* test_engine.c - records through recognizers, spans and transforms. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "engine.h"
#include "err.h"
#include "harness.h"
#include "keyfile.h"
#include "keystore.h"
#include "patients.h"
#include "policy.h"
#include "pool.h"
#include "pseudonym.h"
#include "record.h"
#include "transform.h"

/* A policy that redacts every type, so no key is needed. */
static struct policy *
redact_all(void)
{
	static const char body[] =
	    "types: {NAME: redact, DATE: year, PHONE: redact, SSN: redact,\n"
	    "  MRN: redact, EMAIL: redact, ADDRESS: redact, ZIP: zip3,\n"
	    "  URL: redact}\n"
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
	struct engine_config cfg = { 0 };
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
	struct engine_config cfg = { .policy = p, .max_value = 1 << 20 };
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
	struct engine_config cfg = { .policy = p, .transform = t,
	    .max_value = 1 << 20 };
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

/* What a pseudonymising engine needs: key, keystore, transform. */
struct pseud {
	struct keyfile *kf;
	struct pseudonym *ps;
	struct keystore_writer *ks;
	struct transform *t;
};

static void
pseud_init(struct pseud *x, const struct policy *p, const char *name)
{
	unsigned char k[32];
	char err[256], path[512], dir[512];

	memset(x, 0, sizeof(*x));
	(void)snprintf(path, sizeof(path), "%s/%s.key", harness_tmpdir(),
	    name);
	(void)snprintf(dir, sizeof(dir), "%s/%s.ks", harness_tmpdir(), name);
	CU_ASSERT_EQUAL_FATAL(keyfile_generate(path, NULL, 0, 15, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(keyfile_load(path, NULL, 0, &x->kf, err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(keyfile_subkey(x->kf, KEYFILE_PSEUDONYM,
	    "DEFAULT", k), 0);
	x->ps = pseudonym_new(k);
	x->ks = keystore_writer_new(dir, x->kf, "DEFAULT", 0, err,
	    sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(x->ks);
	x->t = transform_new(p, x->ps, x->ks);
}

static void
pseud_free(struct pseud *x)
{
	transform_free(x->t);
	keystore_writer_free(x->ks);
	keyfile_free(x->kf);
	pseudonym_free(x->ps);
}

/* The n-th "[NAME-...]" token of s, copied into tok (32 bytes). */
static int
nth_token(const char *s, size_t len, int n, const char *type, char *tok)
{
	char pre[16];
	const char *p = s, *end = s + len, *q;

	(void)snprintf(pre, sizeof(pre), "[%s-", type);
	for (;;) {
		q = memmem(p, (size_t)(end - p), pre, strlen(pre));
		if (q == NULL || q + strlen(pre) + 25 > end)
			return 0;
		if (n-- == 0)
			break;
		p = q + 1;
	}
	memcpy(tok, q, strlen(pre) + 25);
	tok[strlen(pre) + 25] = '\0';
	return 1;
}

static void
add_fields(struct record *rec, const char *pid, const char *const (*f)[2],
    size_t n)
{
	size_t i;

	record_init(rec);
	(void)record_set_id(rec, "k");
	if (pid != NULL)
		(void)record_set_patient(rec, pid);
	for (i = 0; i < n; i++)
		(void)record_add_field(rec, f[i][0], f[i][1],
		    strlen(f[i][1]));
}

/*
 * A note whose patient's name is only in another record's structured
 * fields: every variant is found and gets the one pseudonym, the same
 * as the other record's name columns.
 */
static void
test_known_patients(void)
{
	static const char *const chart[][2] = {
		{ "first_name", "Lorcan" }, { "last_name", "Pettigrew" },
		{ "mrn", "88120457" },
	};
	static const char *const note[][2] = {
		{ "text", "PETTIGREW, LORCAN called. Lorcan Pettigrew and "
		    "Mr. Pettigrew's son; L. Pettigrew signed. Lorcan "
		    "agreed. MRN 8812-0457." },
	};
	struct policy *p = policy_new(POLICY_SAFE_HARBOR);
	struct engine_config cfg = { .policy = p, .max_value = 1 << 20 };
	struct patients *table = patients_new();
	struct patients_set s;
	struct engine *e;
	struct engine_worker *w;
	struct record a, b;
	struct pseud x;
	char err[256], tok[32], first[32];
	int i;

	pseud_init(&x, p, "kp");
	cfg.transform = x.t;
	cfg.patients = table;
	add_fields(&a, "PX-9", chart, 3);
	patients_set_init(&s);
	CU_ASSERT_EQUAL(patients_collect(&s, p, &a), 0);
	CU_ASSERT_EQUAL(patients_add(table, "PX-9", &s), 0);
	patients_set_release(&s);
	e = engine_new(&cfg, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	w = engine_worker_new(e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);

	add_fields(&b, "PX-9", note, 1);
	CU_ASSERT_EQUAL_FATAL(engine_run(w, &b, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(engine_run(w, &a, NULL), 0);
	CU_ASSERT_PTR_NULL(memmem(b.fields[0].out, b.fields[0].out_len,
	    "ettigrew", 8));
	CU_ASSERT_PTR_NULL(memmem(b.fields[0].out, b.fields[0].out_len,
	    "Lorcan", 6));
	CU_ASSERT_FATAL(nth_token(a.fields[0].out, a.fields[0].out_len, 0,
	    "NAME", first));
	/* the last-name column gets the same token as the first-name one */
	CU_ASSERT(nth_token(a.fields[1].out, a.fields[1].out_len, 0, "NAME",
	    tok) && strcmp(tok, first) == 0);
	for (i = 0; i < 5; i++)
		CU_ASSERT(nth_token(b.fields[0].out, b.fields[0].out_len, i,
		    "NAME", tok) && strcmp(tok, first) == 0);
	CU_ASSERT(nth_token(a.fields[2].out, a.fields[2].out_len, 0, "MRN",
	    first));
	CU_ASSERT(nth_token(b.fields[0].out, b.fields[0].out_len, 0, "MRN",
	    tok) && strcmp(tok, first) == 0);
	record_release(&a);
	record_release(&b);

	engine_worker_free(w);
	engine_free(e);
	patients_free(table);
	pseud_free(&x);
	policy_free(p);
}

/* One record of one_record's shape through an engine with window ws. */
static int
run_windowed(const struct engine_config *base, size_t ws, const char *note,
    struct buf *out, struct buf *spans, unsigned long long *names)
{
	struct engine_config cfg = *base;
	struct engine *e;
	struct engine_worker *w;
	struct record rec;
	char err[256];
	int r;

	cfg.window = ws;
	e = engine_new(&cfg, err, sizeof(err));
	w = e != NULL ? engine_worker_new(e) : NULL;
	if (w == NULL) {
		engine_free(e);
		return ERR_NOMEM;
	}
	one_record(&rec, "n1", note);
	r = engine_run(w, &rec, spans);
	if (r == 0 && rec.fields[1].out != NULL)
		r = buf_append(out, rec.fields[1].out, rec.fields[1].out_len);
	/* the reason names the field, never its text */
	if (r != 0)
		CU_ASSERT_PTR_NULL(strstr(engine_worker_error(w), "example"));
	*names = engine_worker_counts(w)[PHI_NAME];
	record_release(&rec);
	engine_worker_free(w);
	engine_free(e);
	return r;
}

/*
 * A value longer than the window is scanned window by window.  Where
 * nothing depends on context more than a window away, the output, the
 * spans line and the counts are those of the whole-value scan, for
 * windows that cut anywhere (inside names, dates and numbers), and the
 * record's own identifiers are found in every window.
 */
static void
test_long_values(void)
{
	static const char para[] = "Seen by Dr. Rosalind Quarrie on "
	    "03/14/2021. Call (503) 555-0142 today; chart 55120873 "
	    "reviewed. BP 120/80.\n";
	static const size_t windows[] = { 64, 100, 333, 1000, 4096 };
	struct policy *p = redact_all();
	struct transform *t = transform_new(p, NULL, NULL);
	struct engine_config cfg = { .policy = p, .transform = t,
	    .max_value = 1 << 24 };
	struct buf note, want, wspans, got, gspans;
	unsigned long long wnames, gnames;
	size_t i, k;

	buf_init(&note, 1 << 20);
	for (i = 0; i < 300; i++) {
		/* shift every paragraph so the cuts fall all over it */
		CU_ASSERT_EQUAL(buf_append(&note, "          ", i % 11), 0);
		CU_ASSERT_EQUAL(buf_puts(&note, para), 0);
	}
	buf_init(&want, 1 << 24);
	buf_init(&wspans, 1 << 24);
	CU_ASSERT_EQUAL_FATAL(run_windowed(&cfg, 0, note.data, &want, &wspans,
	    &wnames), 0);
	CU_ASSERT_EQUAL(wnames, 300);
	CU_ASSERT_PTR_NULL(strstr(want.data, "Quarrie"));
	CU_ASSERT_PTR_NULL(strstr(want.data, "55120873"));
	CU_ASSERT_PTR_NULL(strstr(want.data, "555-0142"));

	for (k = 0; k < sizeof(windows) / sizeof(windows[0]); k++) {
		buf_init(&got, 1 << 24);
		buf_init(&gspans, 1 << 24);
		CU_ASSERT_EQUAL(run_windowed(&cfg, windows[k], note.data, &got,
		    &gspans, &gnames), 0);
		CU_ASSERT_EQUAL(got.len, want.len);
		CU_ASSERT(got.len == want.len &&
		    memcmp(got.data, want.data, got.len) == 0);
		CU_ASSERT_EQUAL(gspans.len, wspans.len);
		CU_ASSERT(gspans.len == wspans.len &&
		    memcmp(gspans.data, wspans.data, gspans.len) == 0);
		CU_ASSERT_EQUAL(gnames, wnames);
		if (got.len != want.len)
			printf("window %zu: %zu bytes, want %zu\n", windows[k],
			    got.len, want.len);
		buf_release(&got);
		buf_release(&gspans);
	}
	buf_release(&want);
	buf_release(&wspans);

	/* detect: each span once, not again (clipped) by the next window */
	cfg.transform = NULL;
	buf_init(&want, 1 << 24);
	buf_init(&wspans, 1 << 24);
	CU_ASSERT_EQUAL(run_windowed(&cfg, 0, note.data, &want, &wspans,
	    &wnames), 0);
	for (k = 0; k < sizeof(windows) / sizeof(windows[0]); k++) {
		buf_init(&gspans, 1 << 24);
		CU_ASSERT_EQUAL(run_windowed(&cfg, windows[k], note.data,
		    &want, &gspans, &gnames), 0);
		CU_ASSERT_EQUAL(gspans.len, wspans.len);
		CU_ASSERT(gspans.len == wspans.len &&
		    memcmp(gspans.data, wspans.data, gspans.len) == 0);
		CU_ASSERT_EQUAL(gnames, 300);
		buf_release(&gspans);
	}
	buf_release(&want);
	buf_release(&wspans);
	buf_release(&note);
	transform_free(t);
	policy_free(p);
}

/*
 * What names read from a value's start (its case profile) is read from
 * the first window for every window: a note in title case at the top and
 * lower case further on gives the same output in windows as whole.
 */
static void
test_window_head(void)
{
	static const char top[] = "Patient Was Seen By The Team Today And "
	    "Is Stable. ";
	static const char low[] = "the patient was stable and comfortable "
	    "today. ";
	static const size_t windows[] = { 64, 333, 4096 };
	struct policy *p = redact_all();
	struct transform *t = transform_new(p, NULL, NULL);
	struct engine_config cfg = { .policy = p, .transform = t,
	    .max_value = 1 << 24 };
	struct engine *e;
	struct engine_worker *w;
	struct buf note, want;
	char err[256];
	size_t i, k;

	buf_init(&note, 1 << 20);
	for (i = 0; i < 12; i++)
		CU_ASSERT_EQUAL(buf_puts(&note, top), 0);
	for (i = 0; i < 2000; i++)
		CU_ASSERT_EQUAL(buf_puts(&note, low), 0);
	CU_ASSERT_EQUAL(buf_puts(&note, "Seen Quillfeather.Then ok. "), 0);
	for (i = 0; i < 10; i++)
		CU_ASSERT_EQUAL(buf_puts(&note, low), 0);
	buf_init(&want, 1 << 24);
	for (k = 0; k <= sizeof(windows) / sizeof(windows[0]); k++) {
		const char *const f[][2] = { { "name", "Ada Quillfeather" },
			{ "note", note.data } };
		struct record rec;

		cfg.window = k > 0 ? windows[k - 1] : 0;
		e = engine_new(&cfg, err, sizeof(err));
		CU_ASSERT_PTR_NOT_NULL_FATAL(e);
		w = engine_worker_new(e);
		CU_ASSERT_PTR_NOT_NULL_FATAL(w);
		add_fields(&rec, "PQ-1", f, 2);
		CU_ASSERT_EQUAL_FATAL(engine_run(w, &rec, NULL), 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(rec.fields[1].out);
		CU_ASSERT_PTR_NULL(strstr(rec.fields[1].out, "Quillfeather"));
		if (k == 0)
			(void)buf_append(&want, rec.fields[1].out,
			    rec.fields[1].out_len);
		CU_ASSERT(rec.fields[1].out_len == want.len &&
		    memcmp(rec.fields[1].out, want.data, want.len) == 0);
		record_release(&rec);
		engine_worker_free(w);
		engine_free(e);
	}
	buf_release(&want);
	buf_release(&note);
	transform_free(t);
	policy_free(p);
}

/*
 * An identifier that runs on past a window's furthest look-ahead (4 MiB
 * without white space) rejects the record rather than leave its tail in
 * clear; the same run with white space every so often is scanned.
 */
static void
test_long_value_runs(void)
{
	static const char head[] = "see https://example.org/";
	struct policy *p = redact_all();
	struct transform *t = transform_new(p, NULL, NULL);
	struct engine_config cfg = { .policy = p, .transform = t,
	    .max_value = 1 << 28 };
	size_t n = (5u << 20) + sizeof(head);
	struct buf out, spans;
	unsigned long long names;
	char *note = malloc(n + 8);

	CU_ASSERT_PTR_NOT_NULL_FATAL(note);
	memcpy(note, head, sizeof(head) - 1);
	memset(note + sizeof(head) - 1, 'a', n - sizeof(head));
	memcpy(note + n - 1, " end", 5);
	buf_init(&out, 1 << 28);
	buf_init(&spans, 1 << 28);
	CU_ASSERT_EQUAL(run_windowed(&cfg, 4096, note, &out, &spans, &names),
	    ERR_TOOBIG);
	CU_ASSERT_EQUAL(out.len, 0);
	CU_ASSERT_EQUAL(spans.len, 0);

	note[1u << 20] = ' ';
	note[3u << 20] = ' ';
	CU_ASSERT_EQUAL(run_windowed(&cfg, 1u << 20, note, &out, &spans,
	    &names), 0);
	/* the URL, up to the first blank, is gone; the rest is kept */
	CU_ASSERT_EQUAL_FATAL(out.len, n + 3 - ((1u << 20) - 4) + 5);
	CU_ASSERT_NSTRING_EQUAL(out.data, "see [URL] aaa", 13);
	CU_ASSERT_PTR_NULL(strstr(out.data, "example.org"));
	buf_release(&out);
	buf_release(&spans);
	free(note);
	transform_free(t);
	policy_free(p);
}

/*
 * Identifier columns known by name, with no policy: an age column's
 * value is an identifier only over 89, and is never looked for in the
 * notes; an account column is one identifier whole.
 */
static void
test_named_columns(void)
{
	static const struct {
		const char *age, *want;	/* want: an AGE span, or "" */
	} cases[] = {
		{ "97", "AGE" }, { "45", "" }, { "90", "AGE" }, { "89", "" },
		{ "unknown", "" }, { "aged 101 years", "AGE" },
	};
	struct policy *p = policy_new(POLICY_SAFE_HARBOR);
	struct engine_config cfg = { .policy = p, .max_value = 1 << 20 };
	struct engine *e;
	struct engine_worker *w;
	struct buf spans;
	char err[256];
	size_t i;

	e = engine_new(&cfg, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	w = engine_worker_new(e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *const f[][2] = { { "age", cases[i].age },
			{ "account", "00042231" },
			{ "text", "HR 97, 45 today, room 90." },
			{ "SSN", "123456789" }, { "code", "123456789" } };
		struct record rec;

		add_fields(&rec, "PX-1", f, 5);
		/* JSON numbers: replaced only in an identifier column */
		rec.fields[3].scan = 0;
		rec.fields[4].scan = 0;
		buf_init(&spans, 1 << 20);
		CU_ASSERT_EQUAL_FATAL(engine_run(w, &rec, &spans), 0);
		/* one line per field: age, account, text */
		CU_ASSERT_PTR_NOT_NULL(strstr(spans.data, *cases[i].want ?
		    "\"field\": \"age\", \"spans\": [{\"start\": 0" :
		    "\"field\": \"age\", \"spans\": []"));
		CU_ASSERT_PTR_NOT_NULL(strstr(spans.data, "\"ACCOUNT\""));
		CU_ASSERT_PTR_NOT_NULL(strstr(spans.data,
		    "\"field\": \"text\", \"spans\": []"));
		CU_ASSERT_PTR_NOT_NULL(strstr(spans.data, "\"field\": "
		    "\"SSN\", \"spans\": [{\"start\": 0, \"end\": 9, "
		    "\"type\": \"SSN\""));
		CU_ASSERT_PTR_NULL(strstr(spans.data, "\"field\": \"code\""));
		buf_release(&spans);
		record_release(&rec);
	}
	engine_worker_free(w);
	engine_free(e);
	policy_free(p);
}

static const char *
write_file(const char *name, const char *body)
{
	static char path[512];
	FILE *fp;

	(void)snprintf(path, sizeof(path), "%s/%s", harness_tmpdir(), name);
	fp = fopen(path, "w");
	if (fp == NULL)
		return NULL;
	fputs(body, fp);
	(void)fclose(fp);
	return path;
}

static void
test_allow_deny(void)
{
	static const struct {
		const char *name, *note, *want;
	} cases[] = {
		{ NULL, "Seen by Dr. Hugo Pell. Quorra Vantablack called. "
		    "Zentrix Labs faxed.", "Seen by Dr. Hugo Pell. [NAME] "
		    "called. [ORGANIZATION] faxed." },
		/* the patient's own name is never allowed */
		{ "Hugo Pell", "Seen by Dr. Hugo Pell.",
		    "Seen by Dr. [NAME]." },
		{ NULL, "zentrix labs, QUORRA VANTABLACK", "[ORGANIZATION], "
		    "[NAME]" },
		/* whatever is found inside an allowed phrase stays */
		{ NULL, "Seen at Westbrook General Hospital by Dr. Ossian "
		    "Threlkeld.", "Seen at Westbrook General Hospital by Dr. "
		    "[NAME]." },
		{ NULL, "Mr. Westbrook called.", "Mr. [NAME] called." },
	};
	struct policy *p = NULL;
	struct transform *t;
	struct engine_config cfg = { 0 };
	struct engine *e;
	struct engine_worker *w;
	char err[256];
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(write_file("allow.txt",
	    "# clinicians who agreed\nhugo   pell\nQuorra Vantablack\n"
	    "westbrook general HOSPITAL\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(write_file("deny.txt",
	    "Quorra Vantablack\nZentrix Labs\tORGANIZATION\n"));
	CU_ASSERT_EQUAL_FATAL(policy_load(write_file("ad.yaml",
	    "types: {NAME: redact, ORGANIZATION: redact, LOCATION: redact}\n"
	    "allow: allow.txt\ndeny: deny.txt\n"), &p, err, sizeof(err)), 0);
	t = transform_new(p, NULL, NULL);
	cfg.policy = p;
	cfg.transform = t;
	cfg.max_value = 1 << 20;
	e = engine_new(&cfg, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	w = engine_worker_new(e);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct record rec;
		const char *f[2][2] = { { "note", cases[i].note },
			{ "name", cases[i].name } };

		add_fields(&rec, "p", (const char *const (*)[2])f,
		    cases[i].name != NULL ? 2 : 1);
		CU_ASSERT_EQUAL(engine_run(w, &rec, NULL), 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(rec.fields[0].out);
		if (rec.fields[0].out_len != strlen(cases[i].want))
			printf("\n  got \"%.*s\"\n",
			    (int)rec.fields[0].out_len, rec.fields[0].out);
		CU_ASSERT_EQUAL(rec.fields[0].out_len, strlen(cases[i].want));
		CU_ASSERT_NSTRING_EQUAL(rec.fields[0].out, cases[i].want,
		    rec.fields[0].out_len);
		record_release(&rec);
	}
	engine_worker_free(w);
	engine_free(e);
	transform_free(t);
	policy_free(p);

	/* a deny entry with no word: the file and line are named */
	CU_ASSERT_PTR_NOT_NULL_FATAL(write_file("deny2.txt", "Zed\n--\n"));
	CU_ASSERT_EQUAL_FATAL(policy_load(write_file("ad2.yaml",
	    "deny: deny2.txt\n"), &p, err, sizeof(err)), 0);
	cfg.policy = p;
	cfg.transform = NULL;
	CU_ASSERT_PTR_NULL(engine_new(&cfg, err, sizeof(err)));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "deny2.txt' line 2"));
	policy_free(p);
}

/* A record with the given keys; a key with a field name is a leaf. */
static void
key_record(struct record *rec, const char *const (*k)[2], size_t n)
{
	size_t i, field;

	record_init(rec);
	(void)record_set_id(rec, "k1");
	for (i = 0; i < n && k[i][0] != NULL; i++) {
		field = SIZE_MAX;
		if (k[i][1] != NULL) {
			field = rec->nfields;
			(void)record_add_field(rec, k[i][1], "seen", 4);
		}
		(void)record_add_key(rec, k[i][0], strlen(k[i][0]), field);
	}
}

static struct engine *
key_engine(struct policy *p)
{
	struct engine_config cfg = { .policy = p, .max_value = 1 << 20 };
	char err[256];

	return engine_new(&cfg, err, sizeof(err));
}

/*
 * Object keys are written unchanged, so one that looks like an
 * identifier rejects its record (the message numbers the key and never
 * quotes it), unless the policy names it or drops its member.
 */
static void
test_keys(void)
{
	static const struct {
		int cols;		/* the policy names columns */
		const char *keys[3][2];	/* key, field name or NULL */
		size_t bad;		/* the key rejected (1-based), or 0 */
	} cases[] = {
		{ 0, { { "id", "id" }, { "note", "note" } }, 0 },
		{ 0, { { "id", "id" }, { "Marisol Tegwinder",
		    "Marisol Tegwinder" } }, 2 },
		{ 0, { { "id", "id" }, { "notes", NULL }, { "431-07-2298",
		    "notes.431-07-2298" } }, 3 },
		/* every profile keeps states and countries */
		{ 0, { { "Ohio", "Ohio" }, { "Canada", NULL } }, 0 },
		{ 0, { { "2021-03-04", NULL } }, 1 },
		{ 0, { { "rtq@example.org", "rtq@example.org" } }, 1 },
		{ 1, { { "Marisol Tegwinder", "Marisol Tegwinder" } }, 0 },
		{ 1, { { "meta", NULL }, { "author", "meta.author" },
		    { "431-07-2298", "meta.431-07-2298" } }, 0 },
		{ 1, { { "meta", NULL }, { "431-07-2298", NULL } }, 2 },
	};
	struct policy *p[2] = { policy_new(POLICY_SAFE_HARBOR), NULL };
	struct engine *e[2];
	struct engine_worker *w[2];
	struct buf spans;
	char err[256], want[64];
	size_t i;

	CU_ASSERT_EQUAL_FATAL(policy_load(write_file("keys.yaml",
	    "columns:\n  \"Marisol Tegwinder\": text\n  meta.author: text\n"),
	    &p[1], err, sizeof(err)), 0);
	for (i = 0; i < 2; i++) {
		e[i] = key_engine(p[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(e[i]);
		w[i] = engine_worker_new(e[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(w[i]);
	}
	buf_init(&spans, 1 << 20);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct engine_worker *wk = w[cases[i].cols];
		struct record rec;
		int r;

		key_record(&rec, (const char *const (*)[2])cases[i].keys, 3);
		buf_reset(&spans);
		r = engine_run(wk, &rec, &spans);
		if (cases[i].bad == 0) {
			CU_ASSERT_EQUAL(r, 0);
		} else {
			(void)snprintf(want, sizeof(want),
			    "key %zu looks like an identifier", cases[i].bad);
			CU_ASSERT_EQUAL(r, ERR_PARSE);
			CU_ASSERT_STRING_EQUAL(engine_worker_error(wk), want);
			CU_ASSERT_EQUAL(spans.len, 0);
		}
		record_release(&rec);
	}
	buf_release(&spans);
	for (i = 0; i < 2; i++) {
		engine_worker_free(w[i]);
		engine_free(e[i]);
		policy_free(p[i]);
	}
}

/*
 * The cache of clean keys fills and starts over many times; a key that
 * looks like an identifier is never taken for a clean one.
 */
static void
test_key_cache(void)
{
	static const char *const bad[] = { "Marisol Tegwinder",
		"431-07-2298" };
	struct policy *p = policy_new(POLICY_SAFE_HARBOR);
	struct engine *e = key_engine(p);
	struct engine_worker *w;
	struct record rec;
	char keys[3][24];
	const char *k[3][2];
	size_t i, j;

	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	w = engine_worker_new(e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	for (i = 0; i < 6000; i++) {
		for (j = 0; j < 3; j++) {
			(void)snprintf(keys[j], sizeof(keys[j]), "k%zu_%zu",
			    i % 2500, j);
			k[j][0] = keys[j];
			k[j][1] = keys[j];
		}
		if (i % 1000 == 999)
			k[1][0] = bad[i / 1000 % 2];
		key_record(&rec, (const char *const (*)[2])k, 3);
		CU_ASSERT_EQUAL(engine_run(w, &rec, NULL),
		    i % 1000 == 999 ? ERR_PARSE : 0);
		record_release(&rec);
	}
	engine_worker_free(w);
	engine_free(e);
	policy_free(p);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("engine", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "rewrite", test_rewrite) == NULL ||
	    CU_add_test(s, "reject and spans", test_reject_and_spans) ==
	    NULL ||
	    CU_add_test(s, "pool keeps order", test_pool_order) == NULL ||
	    CU_add_test(s, "known patients", test_known_patients) == NULL ||
	    CU_add_test(s, "allow and deny", test_allow_deny) == NULL ||
	    CU_add_test(s, "object keys", test_keys) == NULL ||
	    CU_add_test(s, "key cache", test_key_cache) == NULL ||
	    CU_add_test(s, "long values", test_long_values) == NULL ||
	    CU_add_test(s, "window head", test_window_head) == NULL ||
	    CU_add_test(s, "named columns", test_named_columns) == NULL ||
	    CU_add_test(s, "long value runs", test_long_value_runs) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
