/*
 * recog_check.c - the scaffolding every recognizer test shares: one
 * recognizer's state, a text and its spans, and assertions that name
 * the case that failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "recog_check.h"
#include "text.h"

static const struct recognizer_ops *rec;
static const char *suite_name;
static CU_TestInfo *suite_tests;
static void *state;
static struct text *text;
static struct spans *spans;

int
recog_check_setup(const struct recognizer_ops *r)
{
	char err[256];

	rec = r;
	text = text_new();
	spans = spans_new();
	if (text == NULL || spans == NULL)
		return -1;
	return r->init(&state, err, sizeof(err)) == 0 ? 0 : -1;
}

static int
suite_init(void)
{
	return recog_check_setup(rec);
}

static int
add(void)
{
	CU_pSuite s;
	size_t i;

	s = CU_add_suite(suite_name, suite_init, recog_check_teardown);
	if (s == NULL)
		return -1;
	for (i = 0; suite_tests[i].pName != NULL; i++)
		if (CU_add_test(s, suite_tests[i].pName,
		    suite_tests[i].pTestFunc) == NULL)
			return -1;
	return 0;
}

int
recog_check_main(const char *name, const struct recognizer_ops *r,
    CU_TestInfo *tests)
{
	rec = r;
	suite_name = name;
	suite_tests = tests;
	return harness_run(add);
}

int
recog_check_teardown(void)
{
	if (rec != NULL)
		rec->fini(state);
	state = NULL;
	text_free(text);
	text = NULL;
	spans_free(spans);
	spans = NULL;
	return 0;
}

int
recog_check_scan(const char *in)
{
	struct recog_ctx ctx = { 0 };
	int rc;

	spans_clear(spans);
	rc = text_set(text, in, strlen(in));
	if (rc != 0)
		return rc;
	ctx.text = text;
	ctx.field = "text";
	rc = rec->scan(state, &ctx, spans);
	spans_resolve(spans);
	return rc;
}

struct spans *
recog_check_spans(void)
{
	return spans;
}

const struct span *
recog_check_first(const char *in, size_t n)
{
	CU_ASSERT_EQUAL_FATAL(recog_check_scan(in), 0);
	CU_ASSERT_EQUAL_FATAL(spans_count(spans), n);
	return n > 0 ? spans_get(spans, 0) : NULL;
}

void
recog_check_ranked(const char *hi, const char *lo)
{
	float high, low;

	high = recog_check_first(hi, 1)->score;
	low = recog_check_first(lo, 1)->score;
	CU_ASSERT(high > low);
	CU_ASSERT(low > 0.0f && high <= 1.0f);
}

void
recog_check_repeat(const char *unit, size_t times, size_t start,
    size_t end)
{
	const struct span *sp;
	size_t i, n = strlen(unit);
	char *in;
	int rc;

	in = malloc(times * n + 1);
	for (i = 0; in != NULL && i < times; i++)
		memcpy(in + i * n, unit, n);
	if (in != NULL)
		in[times * n] = '\0';
	rc = in != NULL ? recog_check_scan(in) : -1;
	free(in);
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT_EQUAL_FATAL(spans_count(spans), times);
	for (i = 0; i < times; i++) {
		sp = spans_get(spans, i);
		CU_ASSERT_EQUAL(sp->start, i * n + start);
		CU_ASSERT_EQUAL(sp->end, i * n + end);
	}
}

int
recog_check_assert(int ok, const char *in, size_t i, const char *what)
{
	char msg[200];

	(void)snprintf(msg, sizeof(msg), "case \"%s\" span %zu: %s", in, i,
	    what);
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, __LINE__, msg,
	    __FILE__, "", CU_FALSE);
	return ok;
}

int
recog_check_count(const char *in, size_t n)
{
	CU_ASSERT_EQUAL_FATAL(recog_check_scan(in), 0);
	return recog_check_assert(spans_count(spans) == n, in, n,
	    "span count");
}

int
recog_check_exact(const char *in, size_t i, size_t start,
    const char *value, enum phi_type type, const char *name)
{
	const struct span *sp = spans_get(spans, i);
	const char *view;
	size_t len, vlen = strlen(value);

	view = text_view(text, &len);
	return recog_check_assert(sp->start == start, in, i, "start") &&
	    recog_check_assert(sp->end == sp->start + vlen, in, i, "end") &&
	    recog_check_assert(sp->end <= len && memcmp(view + sp->start,
	    value, vlen) == 0, in, i, "value") &&
	    recog_check_assert(sp->type == type, in, i, "type") &&
	    recog_check_assert(strcmp(sp->recognizer, name) == 0, in, i,
	    "recognizer");
}

int
recog_check_found(const char *in, size_t i, const char *value,
    enum phi_type type, size_t *from)
{
	const struct span *sp;
	const char *view, *at;
	size_t len, off;

	view = text_view(text, &len);
	at = strstr(view + *from, value);
	if (!recog_check_assert(at != NULL, in, i, "value not in view"))
		return 0;
	off = (size_t)(at - view);
	sp = spans_get(spans, i);
	if (!recog_check_assert(sp->start == off, in, i, "start") ||
	    !recog_check_assert(sp->end == off + strlen(value), in, i,
	    "end") ||
	    !recog_check_assert(sp->type == type, in, i, "type"))
		return 0;
	*from = sp->end;
	return 1;
}

static void
at_case(const char *in, const struct recog_at *want,
    size_t max, enum phi_type type)
{
	size_t i, n;

	for (n = 0; n < max && want[n].value != NULL; n++)
		;
	if (!recog_check_count(in, n))
		return;
	for (i = 0; i < n; i++)
		if (!recog_check_exact(in, i, want[i].start, want[i].value,
		    type, want[i].name))
			return;
}

static void
in_case(const char *in, const struct recog_in *want,
    size_t max)
{
	size_t from = 0, i, n;

	for (n = 0; n < max && want[n].value != NULL; n++)
		;
	if (!recog_check_count(in, n))
		return;
	for (i = 0; i < n; i++)
		if (!recog_check_found(in, i, want[i].value, want[i].type,
		    &from))
			return;
}

void
recog_check_at_cases(const struct recog_at_case *cases, size_t n,
    enum phi_type type)
{
	size_t i;

	for (i = 0; i < n; i++)
		at_case(cases[i].in, cases[i].want, RECOG_MAX_WANT, type);
}

void
recog_check_in_cases(const struct recog_in_case *cases, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		in_case(cases[i].in, cases[i].want, RECOG_MAX_WANT);
}

void
recog_check_str_cases(const struct recog_str_case *cases, size_t n,
    enum phi_type type)
{
	struct recog_in want[RECOG_MAX_WANT];
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < RECOG_MAX_WANT; j++) {
			want[j].value = cases[i].want[j];
			want[j].type = type;
		}
		in_case(cases[i].in, want, RECOG_MAX_WANT);
	}
}

void
recog_check_none(const char *const *ins, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		CU_ASSERT_EQUAL_FATAL(recog_check_scan(ins[i]), 0);
		(void)recog_check_assert(spans_count(spans) == 0, ins[i], 0,
		    "unexpected span");
	}
}

void
recog_check_empty(void)
{
	CU_ASSERT_EQUAL(recog_check_scan(""), 0);
	CU_ASSERT_EQUAL(spans_count(spans), 0);
	CU_ASSERT_EQUAL(recog_check_scan("// -- .. ::"), 0);
	CU_ASSERT_EQUAL(spans_count(spans), 0);
}

void
recog_check_fini_null(void)
{
	rec->fini(NULL);
	CU_ASSERT_STRING_EQUAL(rec->name, suite_name);
}

void
recog_check_lifecycle(void)
{
	char err[128];
	void *st = NULL;

	CU_ASSERT_STRING_EQUAL(rec->name, suite_name);
	rec->fini(NULL);
	CU_ASSERT_EQUAL(rec->init(&st, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL(st);
	rec->fini(st);
}
