/* test_gold.c - gold spans from JSONL, BRAT and i2b2 XML; join keys. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "buf.h"
#include "err.h"
#include "gold.h"
#include "harness.h"

#define MAX_FILE (1u << 20)

/* Write content to name in the test directory; the path is static. */
static const char *
put_file(const char *name, const char *content)
{
	static char path[PATH_MAX];
	FILE *fp;

	(void)snprintf(path, sizeof(path), "%s/%s", harness_tmpdir(), name);
	fp = fopen(path, "wb");
	CU_ASSERT_FATAL(fp != NULL);
	CU_ASSERT(fwrite(content, 1, strlen(content), fp) ==
	    strlen(content));
	CU_ASSERT(fclose(fp) == 0);
	return path;
}

struct dcase {
	const char *id, *field;
	size_t ncp, nspans;
};

static void
test_jsonl_fixture(void)
{
	static const struct dcase t[] = {
		{ "d1", "text", 56, 3 },
		{ "d1", "summary", 27, 2 },
		{ "7", "text", 41, 3 },
		{ "d3", "text", 24, 2 },
		{ "8", "text", 20, 0 },
	};
	const struct gold_doc *d;
	struct gold *g = gold_new(MAX_FILE);
	size_t i, idx;

	CU_ASSERT_FATAL(g != NULL);
	CU_ASSERT_EQUAL_FATAL(gold_load(g, "corpora/eval/gold.jsonl",
	    GOLD_AUTO), 0);
	CU_ASSERT_EQUAL_FATAL(gold_count(g), 5);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		d = gold_get(g, i);
		CU_ASSERT_STRING_EQUAL(d->id, t[i].id);
		CU_ASSERT_STRING_EQUAL(d->field, t[i].field);
		CU_ASSERT_EQUAL(d->ncp, t[i].ncp);
		CU_ASSERT_EQUAL(d->nspans, t[i].nspans);
		CU_ASSERT_EQUAL(gold_find(g, t[i].id, strlen(t[i].id),
		    t[i].field, strlen(t[i].field), &idx), 0);
		CU_ASSERT_EQUAL(idx, i);
	}
	d = gold_get(g, 2);
	CU_ASSERT_EQUAL(d->spans[0].start, 4);
	CU_ASSERT_EQUAL(d->spans[0].end, 15);
	CU_ASSERT_STRING_EQUAL(d->spans[0].type, "NAME");
	CU_ASSERT_STRING_EQUAL(d->spans[2].type, "PHONE");
	CU_ASSERT_PTR_NULL(gold_get(g, 5));
	CU_ASSERT_EQUAL(gold_find(g, "d1", 2, "note", 4, &idx),
	    ERR_NOTFOUND);
	CU_ASSERT_EQUAL(gold_has_id(g, "d1", 2), 1);
	CU_ASSERT_EQUAL(gold_has_id(g, "zz", 2), 0);
	gold_free(g);
	gold_free(NULL);
}

struct ecase {
	const char *jsonl;
	int rc;
	const char *why;	/* part of gold_error */
};

/* A gold line's start, and a span list; Zy marks note text. */
#define DOC_A	"{\"id\": \"a\", \"text\": \"Zyxwv\", "
#define SPANS(x) "\"spans\": [" x "]}"
#define SE(s, e) "{\"start\": " s ", \"end\": " e "}"

static void
test_jsonl_errors(void)
{
	static const struct ecase t[] = {
		{ DOC_A SPANS(SE("1", "6")) "\n", ERR_PARSE,
		    ":1: bad gold span 1" },
		{ "\n" DOC_A SPANS(SE("0", "1") ", " SE("2", "2")) "\n",
		    ERR_PARSE, ":2: bad gold span 2" },
		{ DOC_A SPANS(SE("-1", "2")), ERR_PARSE, "bad gold span 1" },
		{ DOC_A SPANS(SE("\"1\"", "2")), ERR_PARSE, "bad gold span 1" },
		{ DOC_A SPANS(SE("true", "2")), ERR_PARSE, "bad gold span 1" },
		{ DOC_A SPANS(SE("1.0", "2")), ERR_PARSE, "bad gold span 1" },
		{ DOC_A SPANS("7"), ERR_PARSE, "bad gold span 1" },
		{ DOC_A "\"spans\": \"Zy\"}", ERR_PARSE,
		    "\"spans\" is not a list" },
		{ "{\"id\": \"a\", \"spans\": []}", ERR_PARSE,
		    "has no \"text\"" },
		{ "{\"id\": \"a\", \"text\": 5}", ERR_PARSE,
		    "has no \"text\"" },
		{ "{\"text\": \"Zyxwv\"}", ERR_PARSE, "no \"id\"" },
		{ "{\"id\": true, \"text\": \"Zyxwv\"}", ERR_PARSE,
		    "\"id\" must be a string or a number" },
		{ "{\"id\": null, \"text\": \"Zyxwv\"}", ERR_PARSE,
		    "\"id\" must be a string or a number" },
		{ "{\"id\": 1, \"field\": null, \"text\": \"Zyxwv\"}",
		    ERR_PARSE, "\"field\" must be a string" },
		{ "{\"id\": 3, \"text\": \"Zyxwv\"}\n{\"id\": \"3\", "
		    "\"field\": \"text\", \"text\": \"x\"}\n", ERR_USAGE,
		    ":2: duplicate id/field" },
		{ "{\"id\": 3.0, \"text\": \"Zyxwv\"}\n{\"id\": \"3\", "
		    "\"text\": \"x\"}\n", ERR_USAGE, "duplicate" },
		{ "[1, 2]\n", ERR_PARSE, ":1: not a JSON object" },
		{ "{\"id\": \"Zyxwv\", \"text\": \"Zyxwv\"\n", ERR_PARSE,
		    ":1: bad JSON" },
		{ "{\"id\": \"a\", \"text\": \"Zy\xffwv\"}\n", ERR_PARSE,
		    "bad JSON" },
		{ "{\"id\": \"a\", \"text\": \"h\xc3\xa9llo\", "
		    SPANS(SE("0", "6")), ERR_PARSE, "span 1" },
		{ "{\"id\": \"a\", \"text\": \"h\xc3\xa9llo\", "
		    SPANS(SE("0", "5")), 0, "" },
		{ DOC_A "\"spans\": null}\n\n  \n{\"id\": \"b\", \"text\": "
		    "\"x\", \"spans\": {}}\n{\"id\": \"c\", \"text\": \"x\", "
		    "\"spans\": 0}", 0, "" },
		{ "", 0, "" },
	};
	struct gold *g;
	const char *path;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		path = put_file("bad.jsonl", t[i].jsonl);
		g = gold_new(MAX_FILE);
		CU_ASSERT_FATAL(g != NULL);
		rc = gold_load(g, path, GOLD_JSONL);
		CU_ASSERT_EQUAL(rc, t[i].rc);
		if (strstr(gold_error(g), t[i].why) == NULL)
			(void)printf("case %zu: '%s'\n", i,
			    gold_error(g));
		CU_ASSERT_PTR_NOT_NULL(strstr(gold_error(g), t[i].why));
		CU_ASSERT_PTR_NULL(strstr(gold_error(g), "Zy"));
		gold_free(g);
	}
}

struct kcase {
	const char *json;
	const char *id;		/* NULL: an error */
	const char *field;
};

static void
test_record_key(void)
{
	static const struct kcase t[] = {
		{ "{\"id\": \"n-1\", \"field\": \"note\"}", "n-1", "note" },
		{ "{\"id\": \"\"}", "", "text" },
		{ "{\"id\": 3}", "3", "text" },
		{ "{\"id\": -12}", "-12", "text" },
		{ "{\"id\": 3.0}", "3", "text" },
		{ "{\"id\": -0.0}", "0", "text" },
		{ "{\"id\": 2.5}", "2.5", "text" },
		{ "{\"id\": 0.1}", "0.1", "text" },
		{ "{\"id\": 1e20}", "100000000000000000000", "text" },
		{ "{\"id\": 1.5e-7}", "1.5e-07", "text" },
		{ "{\"id\": 123456.75}", "123456.75", "text" },
		{ "{\"id\": false}", NULL, NULL },
		{ "{\"id\": [1]}", NULL, NULL },
		{ "{\"id\": 1, \"field\": 2}", NULL, NULL },
		{ "{\"field\": \"text\"}", NULL, NULL },
	};
	struct buf id;
	json_t *rec;
	const char *field, *why;
	size_t i, flen;
	int rc;

	buf_init(&id, 1024);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		rec = json_loads(t[i].json, 0, NULL);
		CU_ASSERT_FATAL(rec != NULL);
		buf_reset(&id);
		why = NULL;
		rc = gold_record_key(rec, &id, &field, &flen, &why);
		if (t[i].id == NULL) {
			CU_ASSERT_EQUAL(rc, ERR_PARSE);
			CU_ASSERT_PTR_NOT_NULL(why);
		} else {
			CU_ASSERT_EQUAL(rc, 0);
			CU_ASSERT_EQUAL(id.len, strlen(t[i].id));
			CU_ASSERT(id.len == 0 || strcmp(id.data, t[i].id) == 0);
			CU_ASSERT_STRING_EQUAL(field, t[i].field);
			CU_ASSERT_EQUAL(flen, strlen(t[i].field));
		}
		json_decref(rec);
	}
	buf_release(&id);
}

struct scase {
	size_t doc, span;
	size_t start, end;
	const char *type;
};

static void
check_spans(const struct gold *g, const struct scase *t, size_t n)
{
	const struct gold_doc *d;
	size_t i;

	for (i = 0; i < n; i++) {
		d = gold_get(g, t[i].doc);
		CU_ASSERT_FATAL(d != NULL && t[i].span < d->nspans);
		CU_ASSERT_EQUAL(d->spans[t[i].span].start, t[i].start);
		CU_ASSERT_EQUAL(d->spans[t[i].span].end, t[i].end);
		CU_ASSERT_STRING_EQUAL(d->spans[t[i].span].type, t[i].type);
	}
}

static void
test_brat(void)
{
	static const struct scase t[] = {
		{ 0, 0, 8, 22, "NAME" }, { 0, 1, 28, 38, "DATE" },
		{ 0, 3, 73, 92, "LOCATION" }, { 0, 4, 96, 106, "DATE" },
		{ 1, 0, 7, 10, "NAME" }, { 1, 1, 16, 22, "NAME" },
		{ 1, 2, 37, 49, "NAME" }, { 1, 3, 62, 67, "CITY" },
	};
	static const char *const paths[] = { "corpora/eval/brat",
		"corpora/eval/brat/", "corpora/eval/brat//" };
	struct gold *g;
	size_t i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		g = gold_new(MAX_FILE);
		CU_ASSERT_FATAL(g != NULL);
		CU_ASSERT_EQUAL_FATAL(gold_load(g, paths[i], GOLD_AUTO), 0);
		CU_ASSERT_EQUAL_FATAL(gold_count(g), 2);
		CU_ASSERT_STRING_EQUAL(gold_get(g, 0)->id,
		    "corpora/eval/brat/visit1.txt");
		CU_ASSERT_STRING_EQUAL(gold_get(g, 1)->id,
		    "corpora/eval/brat/visit2.txt");
		CU_ASSERT_STRING_EQUAL(gold_get(g, 1)->field, "text");
		CU_ASSERT_EQUAL(gold_get(g, 0)->nspans, 5);
		CU_ASSERT_EQUAL(gold_get(g, 1)->nspans, 4);
		CU_ASSERT_EQUAL(gold_get(g, 1)->ncp, 69);
		check_spans(g, t, sizeof(t) / sizeof(t[0]));
		gold_free(g);
	}

	g = gold_new(MAX_FILE);
	CU_ASSERT_FATAL(g != NULL);
	CU_ASSERT_EQUAL(gold_load(g, "corpora/eval/brat/visit2.ann",
	    GOLD_AUTO), 0);
	CU_ASSERT_EQUAL(gold_load(g, "corpora/eval/brat/visit1.txt",
	    GOLD_AUTO), 0);
	CU_ASSERT_EQUAL_FATAL(gold_count(g), 2);
	CU_ASSERT_STRING_EQUAL(gold_get(g, 0)->id,
	    "corpora/eval/brat/visit2.txt");
	CU_ASSERT_EQUAL(gold_get(g, 1)->nspans, 5);
	CU_ASSERT_EQUAL(gold_load(g, "corpora/eval/brat/visit2.txt",
	    GOLD_AUTO), ERR_USAGE);
	gold_free(g);
}

struct bcase {
	const char *txt, *ann;
	int rc;
};

static void
test_brat_errors(void)
{
	static const struct bcase t[] = {
		{ "Zyxwv Qs", "T1\tNAME 0 5\tZyxwv\n", 0 },
		{ "Zyxwv Qs", "T1\tNAME 0 9\tZyxwv\n", ERR_PARSE },
		{ "Zyxwv Qs", "T1\tNAME 3 3\t\n", ERR_PARSE },
		{ "Zyxwv Qs", "T1\tNAME x 5\tZyxwv\n", ERR_PARSE },
		{ "Zyxwv Qs", "T1\tNAME 0 5;6\tZyxwv\n", ERR_PARSE },
		{ "Zyxwv Qs", "T1\tNAME\tZyxwv\n", ERR_PARSE },
		{ "Zyxwv Qs", "T1 NAME 0 5\n", ERR_PARSE },
		{ "Zyxwv Qs", "T1\tNAME 0 5\r\nE1\tx\n\n", 0 },
		{ "Zy\xff Qs", "T1\tNAME 0 2\tZy\n", ERR_UTF8 },
	};
	struct gold *g;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		(void)put_file("b.txt", t[i].txt);
		(void)put_file("b.ann", t[i].ann);
		g = gold_new(MAX_FILE);
		CU_ASSERT_FATAL(g != NULL);
		CU_ASSERT_EQUAL(gold_load(g, put_file("b.ann", t[i].ann),
		    GOLD_AUTO), t[i].rc);
		CU_ASSERT_PTR_NULL(strstr(gold_error(g), "Zy"));
		gold_free(g);
	}
	g = gold_new(MAX_FILE);
	CU_ASSERT_FATAL(g != NULL);
	CU_ASSERT_EQUAL(gold_load(g, put_file("lone.ann", "T1\tA 0 1\t\n"),
	    GOLD_AUTO), ERR_IO);
	gold_free(g);
}

static void
test_i2b2(void)
{
	static const struct scase t[] = {
		{ 0, 0, 14, 24, "DATE" }, { 0, 1, 30, 46, "NAME" },
		{ 0, 2, 55, 66, "NAME" }, { 0, 3, 68, 70, "AGE" },
		{ 0, 4, 93, 116, "LOCATION" }, { 0, 5, 123, 131, "MRN" },
		{ 0, 6, 138, 150, "PHONE" }, { 0, 7, 174, 178, "NAME" },
	};
	const struct gold_doc *d;
	struct gold *g;
	size_t i;

	for (i = 0; i < 2; i++) {
		g = gold_new(MAX_FILE);
		CU_ASSERT_FATAL(g != NULL);
		CU_ASSERT_EQUAL_FATAL(gold_load(g, i == 0 ? "corpora/eval/i2b2"
		    : "corpora/eval/i2b2/101-01.xml", GOLD_AUTO), 0);
		CU_ASSERT_EQUAL_FATAL(gold_count(g), 1);
		d = gold_get(g, 0);
		CU_ASSERT_STRING_EQUAL(d->id, "101-01");
		CU_ASSERT_STRING_EQUAL(d->field, "text");
		CU_ASSERT_EQUAL(d->nspans, 8);
		CU_ASSERT(strncmp(d->text, "\nRecord date", 12) == 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(d->text, "& niece <Oona>"));
		check_spans(g, t, sizeof(t) / sizeof(t[0]));
		gold_free(g);
	}
}

struct xcase {
	const char *xml;
	int rc;
};

static void
test_i2b2_errors(void)
{
	static const struct xcase t[] = {
		{ "<deid><TEXT><![CDATA[Zyxwv 95]]></TEXT><TAGS><AGE "
		    "start=\"6\" end=\"8\" TYPE=\"AGE\"/></TAGS></deid>", 0 },
		{ "<deid><TEXT>Zyxwv</TEXT></deid>", 0 },
		{ "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<deIdi2b2>"
		    "<TEXT><![CDATA[Zyxwv 95]]></TEXT><TAGS><AGE id=\"P0\" "
		    "start=\"6\" end=\"8\" text=\"95\" TYPE=\"AGE\" "
		    "comment=\"\"/></TAGS></deIdi2b2>", 0 },
		{ "<deid><TEXT><![CDATA[Zyxwv]]></TEXT><TAGS><X start=\"0\" "
		    "end=\"2\" TYPE=\"ALIEN\"/></TAGS></deid>", ERR_PARSE },
		{ "<deid><TEXT><![CDATA[Zyxwv]]></TEXT><TAGS><X start=\"0\" "
		    "end=\"9\" TYPE=\"CITY\"/></TAGS></deid>", ERR_PARSE },
		{ "<deid><TEXT><![CDATA[Zyxwv]]></TEXT><TAGS><X start=\"a\" "
		    "end=\"2\" TYPE=\"CITY\"/></TAGS></deid>", ERR_PARSE },
		{ "<deid><TEXT><![CDATA[Zyxwv]]></TEXT><TAGS><X start=\"0\" "
		    "end=\"2\"/></TAGS></deid>", ERR_PARSE },
		{ "<note><TEXT>Zyxwv</TEXT></note>", ERR_PARSE },
		{ "<deid><TEXT>Zyxwv</TEXT>", ERR_PARSE },
		{ "", ERR_PARSE },
	};
	struct gold *g;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		g = gold_new(MAX_FILE);
		CU_ASSERT_FATAL(g != NULL);
		CU_ASSERT_EQUAL(gold_load(g, put_file("n.xml", t[i].xml),
		    GOLD_AUTO), t[i].rc);
		CU_ASSERT_PTR_NULL(strstr(gold_error(g), "Zy"));
		if (t[i].rc == 0)
			CU_ASSERT_STRING_EQUAL(gold_get(g, 0)->id, "n");
		gold_free(g);
	}
}

struct tcase {
	const char *i2b2, *text;
	int rc;
	const char *veil;
};

static void
test_i2b2_types(void)
{
	static const struct tcase t[] = {
		{ "PATIENT", "", 1, "NAME" }, { "DOCTOR", "", 1, "NAME" },
		{ "USERNAME", "", 1, "NAME" }, { "PROFESSION", "", 0, NULL },
		{ "HOSPITAL", "", 1, "LOCATION" },
		{ "ORGANIZATION", "", 1, "ORGANIZATION" },
		{ "STREET", "", 1, "ADDRESS" }, { "CITY", "", 1, "CITY" },
		{ "STATE", "", 1, "STATE" }, { "COUNTRY", "", 1, "COUNTRY" },
		{ "ZIP", "", 1, "ZIP" },
		{ "LOCATION-OTHER", "", 1, "LOCATION" },
		{ "DATE", "", 1, "DATE" }, { "PHONE", "", 1, "PHONE" },
		{ "FAX", "", 1, "FAX" }, { "EMAIL", "", 1, "EMAIL" },
		{ "URL", "", 1, "URL" }, { "IPADDR", "", 1, "IP" },
		{ "MEDICALRECORD", "", 1, "MRN" },
		{ "HEALTHPLAN", "", 1, "HEALTH_PLAN" },
		{ "IDNUM", "", 1, "OTHER_ID" }, { "DEVICE", "", 1, "DEVICE" },
		{ "BIOID", "", 1, "BIOMETRIC" },
		{ "AGE", "90", 1, "AGE" }, { "AGE", "104", 1, "AGE" },
		{ "AGE", "90s", 1, "AGE" }, { "AGE", "89", 0, NULL },
		{ "AGE", "7", 0, NULL }, { "AGE", "ninety", 0, NULL },
		{ "AGE", "99999999999999", 1, "AGE" },
		{ "patient", "", ERR_NOTFOUND, NULL },
		{ "ALIEN", "", ERR_NOTFOUND, NULL },
	};
	const char *out;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		out = NULL;
		CU_ASSERT_EQUAL(gold_i2b2_type(t[i].i2b2, t[i].text,
		    strlen(t[i].text), &out), t[i].rc);
		if (t[i].rc == 1)
			CU_ASSERT(out != NULL && strcmp(out, t[i].veil) == 0);
	}
}

struct rscase {
	const char *json;
	int rc;
	long n;			/* list length; -1: *spans NULL */
};

static void
test_record_spans(void)
{
	static const struct rscase t[] = {
		{ "{}", 0, -1 },
		{ "{\"spans\": null}", 0, -1 },
		{ "{\"spans\": false}", 0, -1 },
		{ "{\"spans\": 0}", 0, -1 },
		{ "{\"spans\": 0.0}", 0, -1 },
		{ "{\"spans\": \"\"}", 0, -1 },
		{ "{\"spans\": []}", 0, -1 },
		{ "{\"spans\": {}}", 0, -1 },
		{ "{\"spans\": [1, 2]}", 0, 2 },
		{ "{\"spans\": [{}]}", 0, 1 },
		{ "{\"spans\": true}", ERR_PARSE, -1 },
		{ "{\"spans\": 4}", ERR_PARSE, -1 },
		{ "{\"spans\": -0.5}", ERR_PARSE, -1 },
		{ "{\"spans\": \"Qv\"}", ERR_PARSE, -1 },
		{ "{\"spans\": {\"k\": 1}}", ERR_PARSE, -1 },
	};
	const json_t *spans;
	json_t *rec;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		rec = json_loads(t[i].json, 0, NULL);
		CU_ASSERT_FATAL(rec != NULL);
		spans = rec;
		CU_ASSERT_EQUAL(gold_record_spans(rec, &spans), t[i].rc);
		CU_ASSERT(t[i].n < 0 ? spans == NULL : spans != NULL &&
		    json_is_array(spans) &&
		    json_array_size(spans) == (size_t)t[i].n);
		json_decref(rec);
	}
}

struct keycase {
	const char *id;
	size_t id_len;
	const char *field;
	const char *key;
	size_t key_len;
};

static void
test_key(void)
{
	static const struct keycase t[] = {
		{ "ab", 2, "text", "2:abtext", 8 },
		{ "a", 1, "btext", "1:abtext", 8 },
		{ "", 0, "text", "0:text", 6 },
		{ "q\0r", 3, "f", "3:q\0rf", 6 },
		{ "12", 2, "", "2:12", 4 },
	};
	struct buf key;
	size_t i;

	buf_init(&key, GOLD_KEY_MAX);
	CU_ASSERT_EQUAL(buf_puts(&key, "left over"), 0);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		CU_ASSERT_EQUAL(gold_key(&key, t[i].id, t[i].id_len,
		    t[i].field, strlen(t[i].field)), 0);
		CU_ASSERT_EQUAL(key.len, t[i].key_len);
		CU_ASSERT(key.len == t[i].key_len &&
		    memcmp(key.data, t[i].key, key.len) == 0);
	}
	buf_release(&key);

	buf_init(&key, 4);
	CU_ASSERT_EQUAL(gold_key(&key, "abcd", 4, "text", 4), ERR_TOOBIG);
	buf_release(&key);
}

struct slcase {
	size_t start, end;
	const char *bytes;
};

static void
test_doc_slice(void)
{
	/* "Qé€x𝄞z": code points of 1, 2, 3, 1, 4 and 1 bytes. */
	static const struct slcase t[] = {
		{ 0, 1, "Q" },
		{ 1, 2, "\xc3\xa9" },
		{ 1, 3, "\xc3\xa9\xe2\x82\xac" },
		{ 4, 5, "\xf0\x9d\x84\x9e" },
		{ 3, 6, "x\xf0\x9d\x84\x9ez" },
		{ 0, 6, "Q\xc3\xa9\xe2\x82\xacx\xf0\x9d\x84\x9ez" },
		{ 2, 2, "" },
		{ 6, 6, "" },
	};
	const struct gold_doc *d;
	struct gold *g = gold_new(MAX_FILE);
	const char *path, *p;
	size_t i, n;

	CU_ASSERT_FATAL(g != NULL);
	path = put_file("slice.jsonl", "{\"id\": \"s\", \"text\": "
	    "\"Q\xc3\xa9\xe2\x82\xacx\xf0\x9d\x84\x9ez\"}\n");
	CU_ASSERT_EQUAL_FATAL(gold_load(g, path, GOLD_JSONL), 0);
	d = gold_get(g, 0);
	CU_ASSERT_FATAL(d != NULL);
	CU_ASSERT_EQUAL(d->ncp, 6);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		p = gold_doc_slice(d, t[i].start, t[i].end, &n);
		CU_ASSERT_EQUAL(n, strlen(t[i].bytes));
		CU_ASSERT(p >= d->text && p + n <= d->text + d->text_len);
		CU_ASSERT(n == strlen(t[i].bytes) &&
		    memcmp(p, t[i].bytes, n) == 0);
	}
	gold_free(g);
}

/* What each_cb saw, and when it should fail. */
struct seen {
	char got[256];
	size_t calls, stop_at;
};

static int
each_cb(void *arg, const struct gold_record *r)
{
	struct seen *s = arg;
	size_t used = strlen(s->got);

	s->calls++;
	(void)snprintf(s->got + used, sizeof(s->got) - used, "%zu:%.*s/%.*s"
	    "%s;", r->lineno, (int)r->id_len, r->id, (int)r->field_len,
	    r->field, json_object_get(r->rec, "x") != NULL ? "+x" : "");
	return s->calls == s->stop_at ? ERR_NOTFOUND : 0;
}

struct eachcase {
	const char *jsonl;
	size_t stop_at;		/* fail on this call; 0: never */
	int rc;
	const char *got;	/* what the callback saw */
	const char *why;	/* part of err */
};

static void
test_jsonl_each(void)
{
	static const struct eachcase t[] = {
		{ "{\"id\": \"a\"}\n\n \t\r\n{\"id\": 7, \"field\": \"f\", "
		    "\"x\": 1}\r\n{\"id\": 2.5}", 0, 0,
		    "1:a/text;4:7/f+x;5:2.5/text;", "" },
		{ "", 0, 0, "", "" },
		{ "\n\n", 0, 0, "", "" },
		{ "{\"id\": \"\"}\n", 0, 0, "1:/text;", "" },
		{ "{\"id\": \"a\"}\n{\"id\": \"b\"}\n{\"id\": \"c\"}\n", 2,
		    ERR_NOTFOUND, "1:a/text;2:b/text;", "" },
		{ "{\"id\": \"a\"}\n{\"id\": \"Zy\"\n", 0, ERR_PARSE,
		    "1:a/text;", ":2: bad JSON (column" },
		{ "\n[\"Zy\"]\n", 0, ERR_PARSE, "", ":2: not a JSON object" },
		{ "{\"text\": \"Zy\"}\n", 0, ERR_PARSE, "", ":1: no \"id\"" },
		{ "{\"id\": \"a\", \"field\": 1}\n", 0, ERR_PARSE, "",
		    ":1: \"field\" must be a string" },
		{ "\x0b\x0c{\"id\": \"a\"}\n", 0, ERR_PARSE, "",
		    ":1: bad JSON" },
	};
	struct seen s;
	char err[512];
	const char *path;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		path = put_file("each.jsonl", t[i].jsonl);
		memset(&s, 0, sizeof(s));
		s.stop_at = t[i].stop_at;
		err[0] = '\0';
		CU_ASSERT_EQUAL(gold_jsonl_each(path, MAX_FILE, each_cb, &s,
		    err, sizeof(err)), t[i].rc);
		CU_ASSERT_STRING_EQUAL(s.got, t[i].got);
		CU_ASSERT_PTR_NOT_NULL(strstr(err, t[i].why));
		CU_ASSERT_PTR_NULL(strstr(err, "Zy"));
		if (t[i].why[0] != '\0')
			CU_ASSERT_PTR_NOT_NULL(strstr(err, "each.jsonl"));
	}

	path = put_file("each.jsonl", "{\"id\": \"a\"}\n");
	CU_ASSERT_EQUAL(gold_jsonl_each(path, 4, each_cb, &s, err,
	    sizeof(err)), ERR_TOOBIG);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "file too large"));
	CU_ASSERT_EQUAL(gold_jsonl_each("corpora/eval/no-such.jsonl",
	    MAX_FILE, each_cb, &s, err, sizeof(err)), ERR_IO);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "no-such.jsonl: "));
}

static void
test_paths_and_caps(void)
{
	struct gold *g;
	char dir[PATH_MAX];

	g = gold_new(16);
	CU_ASSERT_FATAL(g != NULL);
	CU_ASSERT_EQUAL(gold_load(g, "corpora/eval/gold.jsonl", GOLD_AUTO),
	    ERR_TOOBIG);
	CU_ASSERT_PTR_NOT_NULL(strstr(gold_error(g), "too large"));
	gold_free(g);

	g = gold_new(MAX_FILE);
	CU_ASSERT_FATAL(g != NULL);
	CU_ASSERT_EQUAL(gold_load(g, "corpora/eval/no-such.jsonl",
	    GOLD_AUTO), ERR_IO);
	CU_ASSERT_PTR_NOT_NULL(strstr(gold_error(g), "no-such.jsonl"));
	(void)snprintf(dir, sizeof(dir), "%s/empty", harness_tmpdir());
	CU_ASSERT_FATAL(mkdir(dir, 0700) == 0);
	CU_ASSERT_EQUAL(gold_load(g, dir, GOLD_AUTO), ERR_USAGE);
	CU_ASSERT_EQUAL(gold_load(g, "corpora/eval/brat", GOLD_JSONL),
	    ERR_USAGE);
	CU_ASSERT_EQUAL(gold_count(g), 0);
	gold_free(g);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("gold", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "jsonl fixture", test_jsonl_fixture) == NULL ||
	    CU_add_test(s, "jsonl errors", test_jsonl_errors) == NULL ||
	    CU_add_test(s, "record keys", test_record_key) == NULL ||
	    CU_add_test(s, "record spans", test_record_spans) == NULL ||
	    CU_add_test(s, "join keys", test_key) == NULL ||
	    CU_add_test(s, "document slices", test_doc_slice) == NULL ||
	    CU_add_test(s, "jsonl lines", test_jsonl_each) == NULL ||
	    CU_add_test(s, "brat", test_brat) == NULL ||
	    CU_add_test(s, "brat errors", test_brat_errors) == NULL ||
	    CU_add_test(s, "i2b2", test_i2b2) == NULL ||
	    CU_add_test(s, "i2b2 errors", test_i2b2_errors) == NULL ||
	    CU_add_test(s, "i2b2 types", test_i2b2_types) == NULL ||
	    CU_add_test(s, "paths and caps", test_paths_and_caps) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
