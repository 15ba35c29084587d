/* test_chunker.c - long text documents in windows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "chunker.h"
#include "engine.h"
#include "err.h"
#include "harness.h"
#include "policy.h"
#include "transform.h"

static struct policy *policy;
static struct transform *tf;
static struct engine *engine;
static struct engine_worker *worker;

/* Every type redacted, so output needs no key and is easy to check. */
static int
suite_init(void)
{
	static const char body[] = "types: {PHONE: redact, EMAIL: redact, "
	    "SSN: redact, NAME: redact, DATE: year}\n";
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

static int
add(void)
{
	CU_pSuite s = CU_add_suite("chunker", suite_init, suite_clean);

	if (s == NULL ||
	    CU_add_test(s, "windows agree", test_windows_agree) == NULL ||
	    CU_add_test(s, "bad UTF-8", test_bad_utf8) == NULL ||
	    CU_add_test(s, "empty and small", test_empty_and_small) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
