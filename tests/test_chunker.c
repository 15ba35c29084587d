/* test_chunker.c - long text documents in windows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chunker.h"
#include "engine.h"
#include "err.h"
#include "harness.h"
#include "keyfile.h"
#include "keystore.h"
#include "policy.h"
#include "pseudonym.h"
#include "transform.h"
#include "window.h"

static struct policy *policy;
static struct transform *tf;
static struct engine *engine;
static struct engine_worker *worker;

/* Every type redacted, so output needs no key and is easy to check. */
static int
suite_init(void)
{
	static const char body[] = "types: {PHONE: redact, EMAIL: redact, "
	    "SSN: redact, NAME: redact, DATE: year, URL: redact}\n";
	struct engine_config cfg = { 0 };
	char path[512], err[256];
	FILE *fp;

	(void)snprintf(path, sizeof(path), "%s/p.yaml", harness_tmpdir());
	fp = fopen(path, "w");
	if (fp == NULL)
		return -1;
	fputs(body, fp);
	(void)fclose(fp);
	if (policy_load(path, &policy, err, sizeof(err)) != 0)
		return -1;
	tf = transform_new(policy, NULL, NULL);
	cfg.policy = policy;
	cfg.transform = tf;
	cfg.max_value = 1 << 24;
	engine = engine_new(&cfg, err, sizeof(err));
	worker = engine ? engine_worker_new(engine) : NULL;
	return worker == NULL ? -1 : 0;
}

static int
suite_clean(void)
{
	engine_worker_free(worker);
	engine_free(engine);
	transform_free(tf);
	policy_free(policy);
	return 0;
}

/* Run text through the chunker with window; output and spans to bufs. */
static int
run(const char *text, size_t window, char **out, char **spans,
    char *err)
{
	struct chunker_io io;
	size_t olen, slen;
	FILE *o, *s;
	int r;

	memset(&io, 0, sizeof(io));
	io.in = fmemopen((void *)(size_t)text, strlen(text), "r");
	o = open_memstream(out, &olen);
	s = open_memstream(spans, &slen);
	io.id = "doc";
	io.out = o;
	io.spans = s;
	r = chunker_run(worker, &io, window, err, 256);
	(void)fclose(io.in);
	(void)fclose(o);
	(void)fclose(s);
	return r;
}

/* A document with an identifier at every offset across window edges. */
static char *
long_doc(size_t n)
{
	struct buf b;
	size_t i;

	buf_init(&b, 1 << 24);
	for (i = 0; i < n; i++) {
		(void)buf_printf(&b, "%.*sCall 503-555-%04zu, mail "
		    "k%zu@post.example; SSN 219-44-%04zu. Zoë ok.\n",
		    (int)(i % 7), "       ", i, i, 1000 + i);
	}
	return b.data;
}

static void
test_windows_agree(void)
{
	static const size_t windows[] = { 64, 65, 97, 128, 500, 4096 };
	char *doc = long_doc(300), *ref = NULL, *refs = NULL;
	char *out = NULL, *spans = NULL, err[256];
	size_t i;

	CU_ASSERT_EQUAL_FATAL(run(doc, CHUNKER_WINDOW, &ref, &refs, err), 0);
	CU_ASSERT_PTR_NULL(strstr(ref, "555-"));
	CU_ASSERT_PTR_NULL(strstr(ref, "@post"));
	CU_ASSERT_PTR_NULL(strstr(ref, "219-44"));
	CU_ASSERT_PTR_NOT_NULL(strstr(ref, "Call [PHONE], mail [EMAIL]"));
	CU_ASSERT_EQUAL(strncmp(refs, "{\"id\": \"doc\", \"field\": \"text\", "
	    "\"spans\": [{\"start\": 5, \"end\": 17, \"type\": \"PHONE\"",
	    80), 0);

	for (i = 0; i < sizeof(windows) / sizeof(windows[0]); i++) {
		CU_ASSERT_EQUAL(run(doc, windows[i], &out, &spans, err), 0);
		CU_ASSERT_STRING_EQUAL(out, ref);
		CU_ASSERT_STRING_EQUAL(spans, refs);
		free(out);
		free(spans);
	}
	CU_ASSERT_EQUAL(run(doc, 63, &out, &spans, err), ERR_USAGE);
	free(out);
	free(spans);
	free(ref);
	free(refs);
	free(doc);
}

static void
test_bad_utf8(void)
{
	char *doc = long_doc(400), *out = NULL, *spans = NULL, err[256];
	size_t n = strlen(doc);

	doc[n - 200] = (char)0xff;
	CU_ASSERT_EQUAL(run(doc, 256, &out, &spans, err), ERR_UTF8);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "invalid UTF-8"));
	/* what was written before the bad window is de-identified */
	CU_ASSERT(strlen(out) > 0);
	CU_ASSERT_PTR_NULL(strstr(out, "555-"));
	free(out);
	free(spans);
	free(doc);
}

static void
test_empty_and_small(void)
{
	char *out = NULL, *spans = NULL, err[256];

	CU_ASSERT_EQUAL(run("", 64, &out, &spans, err), 0);
	CU_ASSERT_STRING_EQUAL(out, "");
	CU_ASSERT_STRING_EQUAL(spans,
	    "{\"id\": \"doc\", \"field\": \"text\", \"spans\": []}\n");
	free(out);
	free(spans);
	CU_ASSERT_EQUAL(run("SSN 219-44-8810\n", 64, &out, &spans, err), 0);
	CU_ASSERT_STRING_EQUAL(out, "SSN [SSN]\n");
	free(out);
	free(spans);
}

/* "see " + n times "ab " + a URL of ulen bytes + " end\n". */
static char *
url_doc(size_t n, size_t ulen)
{
	static const char head[] = "https://h.example/";
	struct buf b;
	size_t i;
	int r;

	buf_init(&b, (size_t)1 << 26);
	r = buf_puts(&b, "see ");
	for (i = 0; r == 0 && i < n; i++)
		r = buf_puts(&b, "ab ");
	if (r == 0)
		r = buf_puts(&b, head);
	for (i = strlen(head); r == 0 && i < ulen; i++)
		r = buf_append(&b, "q", 1);
	if (r == 0)
		r = buf_puts(&b, " end\n");
	CU_ASSERT_EQUAL_FATAL(r, 0);
	return b.data;
}

/*
 * A URL longer than the look-ahead after a window's cut, and the cut
 * inside it, is still replaced whole: the window reads on to white
 * space.  Past 4 MiB the document is rejected, never cut short.
 */
static void
test_long_urls(void)
{
	static const struct {
		size_t words;		/* "ab " before the URL */
		size_t ulen;		/* the URL's length */
		size_t window;
		int rc;
	} t[] = {
		{ 0, 6000, 1024, 0 },
		{ 300, 6000, 1024, 0 },
		{ 100, 3000, 64, 0 },
		{ 7, 9000, 97, 0 },
		{ 0, 1100000, CHUNKER_WINDOW, 0 },
		{ 2000, 1100000, 4096, 0 },
		{ 10, 4000000, 65536, 0 },
		{ 0, 5000000, 4096, ERR_TOOBIG },
	};
	char *doc, *out = NULL, *spans = NULL, *want, err[256], end[64];
	size_t i, k, wlen;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		doc = url_doc(t[i].words, t[i].ulen);
		err[0] = '\0';
		CU_ASSERT_EQUAL(run(doc, t[i].window, &out, &spans, err),
		    t[i].rc);
		if (t[i].rc != 0) {
			CU_ASSERT_PTR_NOT_NULL(strstr(err, "4 MiB"));
		} else {
			wlen = 4 + 3 * t[i].words;
			want = malloc(wlen + 16);
			CU_ASSERT_PTR_NOT_NULL_FATAL(want);
			memcpy(want, doc, wlen);
			memcpy(want + wlen, "[URL] end\n", 11);
			CU_ASSERT_STRING_EQUAL(out, want);
			k = (size_t)snprintf(end, sizeof(end), "\"end\": %zu,",
			    wlen + t[i].ulen);
			CU_ASSERT(k < sizeof(end));
			CU_ASSERT_PTR_NOT_NULL(strstr(spans, end));
			free(want);
		}
		free(out);
		free(spans);
		free(doc);
	}
}

/* A pseudonymising engine of its own, for test_expansion. */
struct keyed {
	struct keyfile *kf;
	struct pseudonym *ps;
	struct keystore_writer *ks;
	struct transform *tf;
	struct engine *e;
	struct engine_worker *w;
};

static void
keyed_init(struct keyed *x)
{
	struct engine_config cfg = { 0 };
	unsigned char k[32];
	char err[256], path[512], dir[512];

	memset(x, 0, sizeof(*x));
	(void)snprintf(path, sizeof(path), "%s/k.key", harness_tmpdir());
	(void)snprintf(dir, sizeof(dir), "%s/k.ks", harness_tmpdir());
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
	x->tf = transform_new(policy, x->ps, x->ks);
	cfg.policy = policy;
	cfg.transform = x->tf;
	cfg.max_value = 1 << 24;
	x->e = engine_new(&cfg, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(x->e);
	x->w = engine_worker_new(x->e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x->w);
}

static void
keyed_free(struct keyed *x)
{
	engine_worker_free(x->w);
	engine_free(x->e);
	transform_free(x->tf);
	keystore_writer_free(x->ks);
	pseudonym_free(x->ps);
	keyfile_free(x->kf);
}

#define NQUIST 12000	/* more than one 64 KiB window */

/*
 * Tokens are longer than the names they replace: a window's output may
 * be several times its input (it was capped at four times).
 */
static void
test_expansion(void)
{
	static const size_t windows[] = { 4096, 65536, CHUNKER_WINDOW };
	struct policy *saved = policy;
	struct keyed x;
	struct chunker_io io;
	struct buf doc;
	char *out = NULL, err[256], path[512];
	size_t i, k, olen;
	FILE *fp;

	(void)snprintf(path, sizeof(path), "%s/k.yaml", harness_tmpdir());
	fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	(void)fputs("types: {NAME: pseudonym}\n", fp);
	CU_ASSERT_EQUAL(fclose(fp), 0);
	CU_ASSERT_EQUAL_FATAL(policy_load(path, &policy, err, sizeof(err)),
	    0);
	keyed_init(&x);
	buf_init(&doc, 1 << 20);
	for (i = 0, k = 0; k == 0 && i < NQUIST; i++)
		k = (size_t)-buf_puts(&doc, "Quist, ");
	CU_ASSERT_EQUAL_FATAL(k, 0);

	for (i = 0; i < sizeof(windows) / sizeof(windows[0]); i++) {
		memset(&io, 0, sizeof(io));
		io.in = fmemopen(doc.data, doc.len, "r");
		io.out = open_memstream(&out, &olen);
		io.id = "doc";
		CU_ASSERT_EQUAL(chunker_run(x.w, &io, windows[i], err,
		    sizeof(err)), 0);
		(void)fclose(io.in);
		(void)fclose(io.out);
		/* "[NAME-" 24 characters "], " for every "Quist, ". */
		CU_ASSERT_EQUAL(olen, NQUIST * 33);
		CU_ASSERT_PTR_NULL(strstr(out, "Quist"));
		for (k = 0; olen == NQUIST * 33 && k < NQUIST; k++)
			if (memcmp(out + k * 33, out, 33) != 0)
				break;
		CU_ASSERT_EQUAL(k, NQUIST);
		free(out);
	}
	buf_release(&doc);
	keyed_free(&x);
	policy_free(policy);
	policy = saved;
}

/*
 * Where a window held in memory ends (window_ahead): after the last
 * blank of the normal look-ahead; else, when the cut is inside a word,
 * after the first blank further on; at the end of the text (final)
 * when that comes first.
 */
static void
test_window_ahead(void)
{
	static const struct {
		size_t words, blank_at;	/* a run of 'x', one blank */
		size_t cut;
		size_t end;
		int final;
	} cases[] = {
		/* short text: the whole rest, final */
		{ 100, 50, 10, 100, 1 },
		/* the blank inside the normal look-ahead */
		{ 20000, 3000, 1000, 3001, 0 },
		/* no blank in it: on to the first one after */
		{ 20000, 9000, 1000, 9001, 0 },
		/* none at all: to the end, final */
		{ 20000, SIZE_MAX, 1000, 20000, 1 },
		/* the cut just after a blank: the look-ahead is context */
		{ 20000, 999, 1000, 1000 + WINDOW_AHEAD, 0 },
	};
	size_t i, end;
	char *s;
	int final;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		s = malloc(cases[i].words);
		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		memset(s, 'x', cases[i].words);
		if (cases[i].blank_at < cases[i].words)
			s[cases[i].blank_at] = ' ';
		end = window_ahead(s, cases[i].words, cases[i].cut, &final);
		CU_ASSERT_EQUAL(end, cases[i].end);
		CU_ASSERT_EQUAL(final, cases[i].final);
		free(s);
	}
	/* a cut never splits a UTF-8 sequence, nor keeps a partial one */
	CU_ASSERT_EQUAL(window_cut("ab\xc3\xa9" "cd", 0, 3), 2);
	CU_ASSERT_EQUAL(window_whole_utf8("ab\xe2\x82", 4), 2);
	CU_ASSERT_EQUAL(window_keep("\xc3\xa9", 1), 0);
	s = malloc(2000);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	s[0] = 'a';
	for (i = 1; i + 1 < 2000; i += 2)
		memcpy(s + i, "\xc3\xa9", 2);
	/* 1024 bytes back is the middle of a sequence: one on */
	CU_ASSERT_EQUAL(window_keep(s, 2000), 2000 - WINDOW_CONTEXT + 1);
	free(s);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("chunker", suite_init, suite_clean);

	if (s == NULL ||
	    CU_add_test(s, "windows agree", test_windows_agree) == NULL ||
	    CU_add_test(s, "bad UTF-8", test_bad_utf8) == NULL ||
	    CU_add_test(s, "empty and small", test_empty_and_small) == NULL ||
	    CU_add_test(s, "long URLs", test_long_urls) == NULL ||
	    CU_add_test(s, "window ends", test_window_ahead) == NULL ||
	    CU_add_test(s, "output longer than input", test_expansion) ==
	    NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
