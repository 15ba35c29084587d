/*
 * test_eval.c - veil eval's counts against hand-computed fixtures.
 *
 * corpora/eval/gold.jsonl and spans.jsonl are invented notes; the
 * expected numbers below were worked out by hand (and agree with
 * shared/tools/score.py on the metrics the two share).
 */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "err.h"
#include "eval.h"
#include "harness.h"

#define MAX_FILE (1u << 20)

static const char *
put_file(const char *name, const char *content)
{
	static char path[4][PATH_MAX];
	static int k;
	char *p = path[k++ % 4];
	FILE *fp;

	(void)snprintf(p, PATH_MAX, "%s/%s", harness_tmpdir(), name);
	fp = fopen(p, "wb");
	CU_ASSERT_FATAL(fp != NULL);
	CU_ASSERT(fwrite(content, 1, strlen(content), fp) == strlen(content));
	CU_ASSERT(fclose(fp) == 0);
	return p;
}

/* Load, score; NULL (with a failed assertion) when any step fails. */
static struct eval *
run(const char *gold, const char *spans, const char *exclude)
{
	struct eval *ev = eval_new(MAX_FILE);

	CU_ASSERT_FATAL(ev != NULL);
	if (exclude != NULL)
		CU_ASSERT_EQUAL(eval_exclude(ev, exclude), 0);
	CU_ASSERT_EQUAL_FATAL(eval_load_gold(ev, gold), 0);
	CU_ASSERT_EQUAL_FATAL(eval_load_spans(ev, spans), 0);
	CU_ASSERT_EQUAL_FATAL(eval_score(ev), 0);
	return ev;
}

struct fcase {
	const char *gold, *spans, *exclude;
	struct eval_summary s;
};

static const struct fcase fixtures[] = {
	{ "corpora/eval/gold.jsonl", "corpora/eval/spans.jsonl", NULL, {
		.docs = 5, .docs_with_spans = 4, .docs_predicted = 4,
		.docs_missing = 1, .missing_gold_spans = 2,
		.text_mismatch = 1, .extra_records = 2, .extra_spans = 1,
		.extra_unknown_id = 1, .extra_unknown_field = 1,
		.repeated_records = 1, .invalid_spans = 2,
		.gold = 10, .found = 7, .pred = 13, .hit = 8,
		.exact_found = 3, .exact_hit = 3, .typed_found = 3,
		.typed_hit = 3, .leaked = 3, .partial = 4,
		.tok_phi = 18, .tok_pred = 12, .tok_tp = 10 } },
	{ "corpora/eval/gold.jsonl", "corpora/eval/spans.jsonl",
	    " STATE, ,BOGUS ", {
		.docs = 5, .docs_with_spans = 4, .docs_predicted = 4,
		.docs_missing = 1, .missing_gold_spans = 2,
		.text_mismatch = 1, .extra_records = 2, .extra_spans = 1,
		.extra_unknown_id = 1, .extra_unknown_field = 1,
		.repeated_records = 1, .invalid_spans = 2,
		.excluded_gold = 1, .excluded_pred = 1, .neutral_pred = 1,
		.ignored_tokens = 1,
		.gold = 9, .found = 6, .pred = 11, .hit = 6,
		.exact_found = 2, .exact_hit = 2, .typed_found = 2,
		.typed_hit = 2, .leaked = 3, .partial = 4,
		.tok_phi = 17, .tok_pred = 11, .tok_tp = 9 } },
	{ "corpora/eval/brat", "corpora/eval/brat-spans.jsonl", NULL, {
		.docs = 2, .docs_with_spans = 2, .docs_predicted = 2,
		.gold = 9, .found = 7, .pred = 7, .hit = 7,
		.exact_found = 7, .exact_hit = 7, .typed_found = 6,
		.typed_hit = 6, .leaked = 2, .partial = 0,
		.tok_phi = 19, .tok_pred = 15, .tok_tp = 15 } },
	{ "corpora/eval/i2b2", "corpora/eval/i2b2-spans.jsonl", NULL, {
		.docs = 1, .docs_with_spans = 1, .docs_predicted = 1,
		.gold = 8, .found = 2, .pred = 3, .hit = 2,
		.exact_found = 1, .exact_hit = 1, .typed_found = 1,
		.typed_hit = 1, .leaked = 6, .partial = 1,
		.tok_phi = 18, .tok_pred = 5, .tok_tp = 4 } },
};

static void
test_fixtures(void)
{
	struct eval_summary got;
	struct eval *ev;
	size_t i;

	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		ev = run(fixtures[i].gold, fixtures[i].spans,
		    fixtures[i].exclude);
		eval_summary_get(ev, &got);
		if (memcmp(&got, &fixtures[i].s, sizeof(got)) != 0)
			(void)printf("fixture %zu differs\n", i);
		CU_ASSERT(memcmp(&got, &fixtures[i].s, sizeof(got)) == 0);
		CU_ASSERT_EQUAL(eval_leak_count(ev), got.leaked);
		CU_ASSERT_PTR_NULL(eval_unseen_excluded(ev,
		    i == 1 ? 1 : 0));
		if (i == 1)
			CU_ASSERT_STRING_EQUAL(eval_unseen_excluded(ev, 0),
			    "BOGUS");
		eval_free(ev);
	}
	eval_free(NULL);
}

struct tcase {
	const char *type;
	struct eval_type c;
};

static void
test_types(void)
{
	static const struct tcase t[] = {
		{ "NAME", { .gold = 3, .found = 2, .leaked = 1, .partial = 1,
		    .tokens = 6, .tokens_found = 3, .exact_found = 1,
		    .typed_found = 1, .pred = 4, .hit = 2, .exact_hit = 1,
		    .typed_hit = 1 } },
		{ "DATE", { .gold = 1, .found = 1, .partial = 1, .tokens = 3,
		    .tokens_found = 2, .pred = 2, .hit = 1 } },
		{ "LOCATION", { .gold = 1, .found = 1, .partial = 1,
		    .tokens = 2, .tokens_found = 1 } },
		{ "ORGANIZATION", { .pred = 1, .hit = 1 } },
		{ "AGE", { .gold = 1, .leaked = 1, .tokens = 1 } },
		{ "STATE", { .gold = 1, .found = 1, .tokens = 1,
		    .tokens_found = 1, .exact_found = 1, .typed_found = 1,
		    .pred = 1, .hit = 1, .exact_hit = 1, .typed_hit = 1 } },
		{ "ZIP", { .pred = 1, .hit = 1 } },
		{ "(invalid)", { .pred = 2 } },
	};
	struct eval_type got;
	struct eval *ev;
	size_t i;

	ev = run("corpora/eval/gold.jsonl", "corpora/eval/spans.jsonl",
	    NULL);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		CU_ASSERT_EQUAL_FATAL(eval_type_get(ev, t[i].type, &got), 0);
		if (memcmp(&got, &t[i].c, sizeof(got)) != 0)
			(void)printf("type %s differs\n", t[i].type);
		CU_ASSERT(memcmp(&got, &t[i].c, sizeof(got)) == 0);
	}
	CU_ASSERT_EQUAL(eval_type_get(ev, "VEHICLE", &got), ERR_NOTFOUND);
	eval_free(ev);
}

struct lcase {
	const char *id, *field;
	size_t start, end;
	const char *type, *text;
};

static void
test_leaks(void)
{
	static const struct lcase t[] = {
		{ "7", "text", 17, 19, "AGE", "92" },
		{ "d3", "text", 4, 11, "MRN", "4471902" },
		{ "d3", "text", 16, 23, "NAME", "Bo Tran" },
	};
	struct eval_leak l;
	struct eval *ev;
	size_t i;

	ev = run("corpora/eval/gold.jsonl", "corpora/eval/spans.jsonl",
	    NULL);
	CU_ASSERT_EQUAL_FATAL(eval_leak_count(ev), 3);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		CU_ASSERT_EQUAL_FATAL(eval_leak_get(ev, i, &l), 0);
		CU_ASSERT_STRING_EQUAL(l.id, t[i].id);
		CU_ASSERT_STRING_EQUAL(l.field, t[i].field);
		CU_ASSERT_EQUAL(l.start, t[i].start);
		CU_ASSERT_EQUAL(l.end, t[i].end);
		CU_ASSERT_STRING_EQUAL(l.type, t[i].type);
		CU_ASSERT_EQUAL(l.text_len, strlen(t[i].text));
		CU_ASSERT(memcmp(l.text, t[i].text, l.text_len) == 0);
	}
	CU_ASSERT_EQUAL(eval_leak_get(ev, 3, &l), ERR_NOTFOUND);
	eval_free(ev);
}

struct rcase {
	int flags;
	const char *has, *hasnt;
};

static void
test_table(void)
{
	static const struct rcase t[] = {
		{ 0, "entity  any overlap   recall 0.700 (7/10)   precision "
		    "0.615 (8/13)   F1 0.655   F2 0.681\n", "Bo Tran" },
		{ 0, "entity  exact span    recall 0.300 (3/10)   precision "
		    "0.231 (3/13)", "\"92\"" },
		{ 0, "token                 recall 0.556 (10/18)   precision "
		    "0.833 (10/12)   F1 0.667   F2 0.595\n", "4471902" },
		{ 0, "\nNAME                3      2   0.667       1       1"
		    "       6   0.500\n", NULL },
		{ 0, "\nAGE                -     0.000     -       -       -"
		    "     0.000     -       -  \n", NULL },
		{ 0, "1 missing (2 gold spans counted as missed)", NULL },
		{ 0, "NOT SCORED: 2 predicted records (1 spans) not in gold: "
		    "1 unknown ids, 1 unknown fields; e.g. zz/text, d1/note\n",
		    NULL },
		{ 0, "leaks   3 gold spans with no character covered; 4 more",
		    NULL },
		{ 0, "\n  d3  text  16-23  NAME\n", NULL },
		{ EVAL_SHOW_TEXT, "\n  d3  text  16-23  NAME  \"Bo Tran\"\n",
		    NULL },
		{ EVAL_SHOW_TEXT, "\n  7  text  17-19  AGE  \"92\"\n", NULL },
	};
	struct eval *ev;
	struct buf b;
	size_t i;

	ev = run("corpora/eval/gold.jsonl", "corpora/eval/spans.jsonl",
	    NULL);
	buf_init(&b, 1 << 20);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		buf_reset(&b);
		CU_ASSERT_EQUAL_FATAL(eval_render(ev, &b, t[i].flags), 0);
		if (strstr(b.data, t[i].has) == NULL)
			(void)printf("case %zu:\n%s", i, b.data);
		CU_ASSERT_PTR_NOT_NULL(strstr(b.data, t[i].has));
		if (t[i].hasnt != NULL)
			CU_ASSERT_PTR_NULL(strstr(b.data, t[i].hasnt));
	}
	buf_release(&b);
	eval_free(ev);
}

struct jcase {
	const char *path;	/* "a.b.c" */
	double value;		/* NAN: JSON null */
};

static json_t *
json_path(json_t *v, const char *path)
{
	char key[64];
	const char *dot;
	size_t n;

	while (v != NULL && *path != '\0') {
		dot = strchr(path, '.');
		n = dot ? (size_t)(dot - path) : strlen(path);
		memcpy(key, path, n);
		key[n] = '\0';
		v = json_object_get(v, key);
		path += n + (dot != NULL);
	}
	return v;
}

static void
test_json(void)
{
	static const struct jcase t[] = {
		{ "entity.recall", 0.7 }, { "entity.found", 7 },
		{ "entity.precision", 8.0 / 13 }, { "entity.gold", 10 },
		{ "exact.recall", 0.3 }, { "exact_typed.found", 3 },
		{ "token.phi", 18 }, { "token.true_positive", 10 },
		{ "leaks.leaked", 3 }, { "leaks.partial", 4 },
		{ "documents.missing", 1 }, { "documents.extra", 2 },
		{ "documents.text_mismatch", 1 },
		{ "unmatched_predictions.unknown_id_records", 1 },
		{ "invalid_predicted_spans", 2 },
		{ "repeated_prediction_records", 1 },
		{ "by_type.NAME.token_recall", 0.5 },
		{ "by_type.AGE.precision", NAN },
		{ "by_type.AGE.f2", NAN },
		{ "by_type.DATE.f2", 5 * 0.5 / (4 * 0.5 + 1) },
		{ "by_predicted_type.(invalid).predicted", 2 },
	};
	struct eval *ev;
	struct buf b;
	json_t *root, *v;
	size_t i;

	ev = run("corpora/eval/gold.jsonl", "corpora/eval/spans.jsonl",
	    NULL);
	buf_init(&b, 1 << 20);
	CU_ASSERT_EQUAL_FATAL(eval_render(ev, &b, EVAL_JSON), 0);
	CU_ASSERT_EQUAL(b.data[b.len - 1], '\n');
	root = json_loadb(b.data, b.len, 0, NULL);
	CU_ASSERT_FATAL(root != NULL);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = json_path(root, t[i].path);
		CU_ASSERT_PTR_NOT_NULL_FATAL(v);
		if (isnan(t[i].value)) {
			CU_ASSERT(json_is_null(v));
		} else {
			CU_ASSERT(json_number_value(v) == t[i].value);
		}
	}
	v = json_path(root, "leaks.spans");
	CU_ASSERT_EQUAL(json_array_size(v), 3);
	CU_ASSERT_PTR_NULL(json_object_get(json_array_get(v, 0), "text"));
	CU_ASSERT_PTR_NULL(strstr(b.data, "Bo Tran"));
	json_decref(root);

	buf_reset(&b);
	CU_ASSERT_EQUAL_FATAL(eval_render(ev, &b, EVAL_JSON |
	    EVAL_SHOW_TEXT), 0);
	root = json_loadb(b.data, b.len, 0, NULL);
	CU_ASSERT_FATAL(root != NULL);
	v = json_array_get(json_path(root, "leaks.spans"), 2);
	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(v, "text")),
	    "Bo Tran");
	json_decref(root);
	buf_release(&b);
	eval_free(ev);
}

/* Python's [^\W_]+ on letters, numbers of every kind, marks and '_'. */
static void
test_unicode_tokens(void)
{
	static const char text[] = "x\xc2\xb2y \xc2\xbd \xe2\x85\xab a_b "
	    "\xd9\xa3\xd9\xa4 e\xcc\x81t \xe4\xb8\x89\xe5\x8d\x81 "
	    "\xf0\x9d\x9f\x98 \xc2\xaa\xca\xb0";
	char gold[512], spans[256];
	struct eval_summary s;
	struct eval *ev;

	(void)snprintf(gold, sizeof(gold), "{\"id\": 1, \"text\": \"%s\", "
	    "\"spans\": [{\"start\": 0, \"end\": 26, \"type\": \"X\"}]}\n",
	    text);
	(void)snprintf(spans, sizeof(spans), "{\"id\": \"1\", \"spans\": "
	    "[{\"start\": 12, \"end\": 13, \"type\": \"X\"}]}\n");
	ev = run(put_file("u.jsonl", gold), put_file("u.spans", spans),
	    NULL);
	eval_summary_get(ev, &s);
	CU_ASSERT_EQUAL(s.tok_phi, 11);
	CU_ASSERT_EQUAL(s.tok_pred, 1);
	CU_ASSERT_EQUAL(s.found, 1);
	CU_ASSERT_EQUAL(s.partial, 1);
	eval_free(ev);
}

#define SE(s, e) "{\"start\": " s ", \"end\": " e "}"

struct ocase {
	const char *a, *b;	/* a contains b */
	int overlap;
};

/* Half-open overlap: spans that touch do not overlap. */
static void
test_overlap(void)
{
	static const struct ocase t[] = {
		{ "[" SE("2", "5") "]", "[" SE("5", "7") "]", 0 },
		{ "[" SE("2", "5") "]", "[" SE("0", "2") "]", 0 },
		{ "[" SE("2", "5") "]", "[" SE("4", "9") "]", 1 },
		{ "[" SE("2", "5") "]", "[" SE("0", "3") "]", 1 },
		{ "[" SE("2", "5") "]", "[" SE("3", "4") "]", 1 },
	};
	char gold[256], spans[256];
	struct eval_summary s;
	struct eval *ev;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		(void)snprintf(gold, sizeof(gold), "{\"id\": \"a\", \"text\": "
		    "\"abcdefghij\", \"spans\": %s}\n", t[i].a);
		(void)snprintf(spans, sizeof(spans), "{\"id\": \"a\", "
		    "\"spans\": %s}\n", t[i].b);
		ev = run(put_file("o.jsonl", gold), put_file("o.spans", spans),
		    NULL);
		eval_summary_get(ev, &s);
		CU_ASSERT_EQUAL(s.found, (size_t)t[i].overlap);
		CU_ASSERT_EQUAL(s.hit, (size_t)t[i].overlap);
		CU_ASSERT_EQUAL(s.leaked, (size_t)!t[i].overlap);
		eval_free(ev);
	}
}

struct xcase {
	const char *spans;
	int rc;
	const char *why;
};

static void
test_errors(void)
{
	static const struct xcase t[] = {
		{ "{\"id\": \"a\", \"spans\": []}\n{bad\n", ERR_PARSE,
		    ":2: bad JSON" },
		{ "{\"id\": \"a\", \"spans\": \"x\"}\n", ERR_PARSE,
		    ":1: \"spans\" is not a list" },
		{ "{\"spans\": []}\n", ERR_PARSE, ":1: no \"id\"" },
		{ "{\"id\": {}, \"spans\": []}\n", ERR_PARSE,
		    "must be a string or a number" },
		{ "7\n", ERR_PARSE, ":1: not a JSON object" },
		{ "\n{\"id\": \"a\", \"spans\": null}\n\n", 0, "" },
		{ "{\"id\": \"a\", \"spans\": [1, {\"start\": 1}, "
		    "{\"start\": 0, \"end\": 2, \"type\": 5}]}\n", 0, "" },
	};
	struct eval_type ty;
	struct eval *ev;
	char gold[PATH_MAX];
	size_t i;

	(void)snprintf(gold, sizeof(gold), "%s", put_file("e.jsonl",
	    "{\"id\": \"a\", \"text\": \"Zyxwv\", \"spans\": [{\"start\": "
	    "0, \"end\": 5, \"type\": \"NAME\"}]}\n"));

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ev = eval_new(MAX_FILE);
		CU_ASSERT_FATAL(ev != NULL);
		CU_ASSERT_EQUAL_FATAL(eval_load_gold(ev, gold), 0);
		CU_ASSERT_EQUAL(eval_load_spans(ev, put_file("e.spans",
		    t[i].spans)), t[i].rc);
		CU_ASSERT_PTR_NOT_NULL(strstr(eval_error(ev), t[i].why));
		CU_ASSERT_PTR_NULL(strstr(eval_error(ev), "Zy"));
		if (i == 6) {
			CU_ASSERT_EQUAL(eval_score(ev), 0);
			CU_ASSERT_EQUAL(eval_type_get(ev, "(invalid)", &ty), 0);
			CU_ASSERT_EQUAL(ty.pred, 2);
			CU_ASSERT_EQUAL(eval_type_get(ev, "UNTYPED", &ty), 0);
			CU_ASSERT_EQUAL(ty.hit, 1);
		}
		eval_free(ev);
	}
}

static void
test_order(void)
{
	struct eval *ev = eval_new(MAX_FILE);
	struct buf b;

	CU_ASSERT_FATAL(ev != NULL);
	buf_init(&b, 1024);
	CU_ASSERT_EQUAL(eval_load_spans(ev, "corpora/eval/spans.jsonl"),
	    ERR_USAGE);
	CU_ASSERT_EQUAL(eval_score(ev), ERR_USAGE);
	CU_ASSERT_EQUAL(eval_render(ev, &b, 0), ERR_USAGE);
	CU_ASSERT_EQUAL(eval_load_gold(ev, "corpora/eval/none.jsonl"),
	    ERR_IO);
	eval_free(ev);

	ev = eval_new(MAX_FILE);
	CU_ASSERT_FATAL(ev != NULL);
	CU_ASSERT_EQUAL(eval_load_gold(ev, "corpora/eval/gold.jsonl"), 0);
	CU_ASSERT_EQUAL(eval_load_gold(ev, "corpora/eval/gold.jsonl"),
	    ERR_USAGE);
	CU_ASSERT_EQUAL(eval_score(ev), ERR_USAGE);
	CU_ASSERT_EQUAL(eval_load_spans(ev, "corpora/eval/none.jsonl"),
	    ERR_IO);
	CU_ASSERT_PTR_NOT_NULL(strstr(eval_error(ev), "none.jsonl"));
	eval_free(ev);

	ev = run("corpora/eval/gold.jsonl", "corpora/eval/spans.jsonl",
	    NULL);
	CU_ASSERT_EQUAL(eval_score(ev), ERR_USAGE);
	CU_ASSERT_EQUAL(eval_exclude(ev, "NAME"), ERR_USAGE);
	CU_ASSERT_EQUAL(eval_render(ev, &b, 0), ERR_TOOBIG);
	buf_release(&b);
	eval_free(ev);
}

struct mcase {
	double p, r, beta;
	int rc;
	double f;
};

static void
test_metrics(void)
{
	static const struct mcase t[] = {
		{ 1, 1, 2, 0, 1 },
		{ 0.5, 1, 2, 0, 5 * 0.5 / (4 * 0.5 + 1) },
		{ 0.5, 1, 1, 0, 2 * 0.5 / 1.5 },
		{ 1, 0, 2, 0, 0 },
		{ 0, 0, 2, ERR_NOTFOUND, 0 },
	};
	double f, r;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		f = -1;
		CU_ASSERT_EQUAL(eval_fbeta(t[i].p, t[i].r, t[i].beta, &f),
		    t[i].rc);
		if (t[i].rc == 0)
			CU_ASSERT_DOUBLE_EQUAL(f, t[i].f, 1e-12);
	}
	CU_ASSERT_EQUAL(eval_ratio(1, 0, &r), ERR_NOTFOUND);
	CU_ASSERT_EQUAL(eval_ratio(1, 4, &r), 0);
	CU_ASSERT(r == 0.25);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("eval", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "fixtures", test_fixtures) == NULL ||
	    CU_add_test(s, "per type", test_types) == NULL ||
	    CU_add_test(s, "leaks", test_leaks) == NULL ||
	    CU_add_test(s, "table", test_table) == NULL ||
	    CU_add_test(s, "json", test_json) == NULL ||
	    CU_add_test(s, "unicode tokens", test_unicode_tokens) == NULL ||
	    CU_add_test(s, "half-open overlap", test_overlap) == NULL ||
	    CU_add_test(s, "errors", test_errors) == NULL ||
	    CU_add_test(s, "call order", test_order) == NULL ||
	    CU_add_test(s, "metrics", test_metrics) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
