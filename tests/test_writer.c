/* test_writer.c - writers, and reader to writer round trips. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "err.h"
#include "harness.h"
#include "reader.h"
#include "record.h"
#include "writer.h"

/* What to do to each record between reader and writer. */
struct edit {
	const char *drop[4];		/* field names to drop */
	const char *field;		/* field to give an output */
	const char *out;
};

static FILE *
open_input(const char *in, size_t len)
{
	FILE *fp = tmpfile();

	CU_ASSERT_FATAL(fp != NULL);
	if (len > 0)
		CU_ASSERT_FATAL(fwrite(in, 1, len, fp) == len);
	rewind(fp);
	return fp;
}

static void
apply(struct record *rec, const struct edit *e)
{
	size_t i, j;

	for (i = 0; i < rec->nfields; i++) {
		for (j = 0; j < 4 && e->drop[j] != NULL; j++)
			if (strcmp(rec->fields[i].name, e->drop[j]) == 0)
				rec->fields[i].drop = 1;
		if (e->field != NULL &&
		    strcmp(rec->fields[i].name, e->field) == 0)
			CU_ASSERT(record_set_output(rec, i, e->out,
			    strlen(e->out)) == 0);
	}
}

/*
 * Write rec as main.c does with a worker pool: rendered apart
 * (writer_render, JSONL lines parsed apart too), then written.
 */
static void
put_split(struct writer *w, enum record_format fmt, struct record *rec,
    int crlf)
{
	struct buf out;
	char why[128];

	buf_init(&out, 1 << 20);
	CU_ASSERT_EQUAL(reader_parse(rec, 1 << 20, why, sizeof(why)), 1);
	/* Rendered after other bytes, as in a batch's buffer. */
	CU_ASSERT_EQUAL(buf_append(&out, "x", 1), 0);
	CU_ASSERT_EQUAL(writer_render(fmt, crlf, rec, &out), 0);
	CU_ASSERT_EQUAL(writer_put_rendered(w, rec, out.data + 1,
	    out.len - 1), 0);
	buf_release(&out);
}

/*
 * Read in, edit, write out; return the output (caller frees).  With
 * split, as main.c does: lines parsed and records rendered apart.
 */
static char *
pass(enum record_format fmt, const char *in, const struct edit *e,
    size_t *outlen, int split)
{
	const char *const *h;
	struct record rec;
	struct reader *r;
	struct writer *w;
	FILE *fin, *fout;
	char *path, *got, why[128];
	size_t n;
	int rc;

	fin = open_input(in, strlen(in));
	path = malloc(strlen(harness_tmpdir()) + 8);
	CU_ASSERT_FATAL(path != NULL);
	(void)snprintf(path, strlen(harness_tmpdir()) + 8, "%s/out",
	    harness_tmpdir());
	fout = fopen(path, "wb");
	CU_ASSERT_FATAL(fout != NULL);
	r = reader_new(fin, "doc.txt", fmt, 1 << 20);
	w = writer_new(fout, fmt);
	CU_ASSERT_FATAL(r != NULL && w != NULL);
	if (split)
		reader_defer(r);
	record_init(&rec);
	while ((rc = reader_next(r, &rec)) != 0) {
		CU_ASSERT_EQUAL_FATAL(rc, 1);
		if (fmt == RECORD_CSV)
			writer_csv_layout(w, reader_csv_crlf(r),
			    reader_csv_bom(r));
		if (split) {
			CU_ASSERT_EQUAL_FATAL(reader_parse(&rec, 1 << 20,
			    why, sizeof(why)), 1);
		}
		apply(&rec, e);
		if (split)
			put_split(w, fmt, &rec, reader_csv_crlf(r));
		else
			CU_ASSERT_EQUAL(writer_put(w, &rec), 0);
	}
	h = reader_header(r, &n);
	if (fmt == RECORD_CSV)
		writer_csv_layout(w, reader_csv_crlf(r), reader_csv_bom(r));
	CU_ASSERT_EQUAL(writer_finish(w, h, n), 0);
	record_release(&rec);
	writer_free(w);
	reader_free(r);
	(void)fclose(fin);
	CU_ASSERT(fclose(fout) == 0);
	got = harness_read_file(path, outlen);
	CU_ASSERT_FATAL(got != NULL);
	free(path);
	return got;
}

struct rt_case {
	enum record_format fmt;
	const char *in;
	struct edit e;
	const char *want;	/* NULL: same as in */
};

static void
test_round_trip(void)
{
	static const struct rt_case t[] = {
		{ RECORD_TEXT, "Pt seen 2/9/2020.\r\nNo \xc3\xa9 change.", {
		    { NULL }, NULL, NULL }, NULL },
		{ RECORD_TEXT, "Call Dr Halvorsen.\n", {
		    { NULL }, "text", "Call Dr [NAME].\n" },
		    "Call Dr [NAME].\n" },
		{ RECORD_JSONL, "{\"id\": \"n1\", \"text\": \"Seen by Ida "
		    "M\xc3\xb6ller\", \"n\": 12, \"ok\": true, \"z\": null}\n"
		    "{\"id\": 9223372036854775807, \"m\": {\"a\": [\"x\", "
		    "-3, 2.5, {}]}, \"e\": []}\n", {
		    { NULL }, NULL, NULL }, NULL },
		{ RECORD_JSONL, "{\"r\": [0.1, 98.6, 100000.0, 2.5, -0.0, "
		    "1e-07, 1.5e+300]}\n{\"r\": [0.1, 0.30000000000000004]}\n",
		    { { NULL }, NULL, NULL },
		    "{\"r\": [0.1, 98.6, 100000.0, 2.5, -0.0, 1e-7, 1.5e300]}\n"
		    "{\"r\": [0.10000000000000001, 0.30000000000000004]}\n" },
		{ RECORD_JSONL, "{\"text\": \"tab\\tquote\\\" back\\\\ "
		    "nl\\n ctl\\u0001 slash/\"}\n", {
		    { NULL }, NULL, NULL }, NULL },
		{ RECORD_JSONL, "{\"id\": \"a\", \"ssn\": \"078-05-1120\", "
		    "\"text\": \"Ruth\", \"meta\": {\"by\": \"Ko\", \"k\": 1}, "
		    "\"l\": [\"u\", \"v\", \"w\"]}\n", {
		    { "ssn", "meta.by", "l[0]", "l[2]" }, "text",
		    "[NAME]" },
		    "{\"id\": \"a\", \"text\": \"[NAME]\", "
		    "\"meta\": {\"k\": 1}, \"l\": [\"v\"]}\n" },
		{ RECORD_JSONL, "{\"b\": \"2\", \"a\": \"1\"}\r\n"
		    "{\"a\":\"x\",\"b\":[1,2]}\n", {
		    { NULL }, "b", "\xe2\x80\x94" },
		    "{\"b\": \"\xe2\x80\x94\", \"a\": \"1\"}\n"
		    "{\"a\": \"x\", \"b\": [1, 2]}\n" },
		{ RECORD_CSV, "id,note\n1,plain\n2,\"a, b\"\n"
		    "3,\"say \"\"hi\"\"\"\n4,\"two\nlines\"\n5,\n", {
		    { NULL }, NULL, NULL }, NULL },
		{ RECORD_CSV, "\xef\xbb\xbfid,note\r\n1,\"x\r\ny\"\r\n"
		    "2, sp \r\n", { { NULL }, NULL, NULL }, NULL },
		{ RECORD_CSV, "only\n\"\"\nv\n", { { NULL }, NULL, NULL },
		    NULL },
		{ RECORD_CSV, "id,ssn,note,mrn\r\n1,078-05-1120,Dr Abe,77\r\n",
		    { { "ssn", "mrn" }, "note", "Dr \"X\"" },
		    "id,note\r\n1,\"Dr \"\"X\"\"\"\r\n" },
		{ RECORD_CSV, "\"id\",\"note\"\n\"1\",\"q\"\n",
		    { { NULL }, NULL, NULL }, "id,note\n1,q\n" },
		{ RECORD_CSV, "\xef\xbb\xbfid,\"a,b\"\r\n",
		    { { NULL }, NULL, NULL }, NULL },
	};
	size_t i, len;
	char *got;
	const char *want;
	int split;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		for (split = 0; split <= 1; split++) {
			got = pass(t[i].fmt, t[i].in, &t[i].e, &len, split);
			want = t[i].want != NULL ? t[i].want : t[i].in;
			if (strcmp(got, want) != 0)
				printf("\ncase %zu%s:\n got: %s\nwant: %s\n",
				    i, split ? " (split)" : "", got, want);
			CU_ASSERT_EQUAL(len, strlen(want));
			CU_ASSERT_STRING_EQUAL(got, want);
			free(got);
		}
	}
}

/* Write one hand-made record (or none) and return the output. */
static char *
write_one(enum record_format fmt, const struct record *rec, int crlf,
    const char *const *hdr, size_t nhdr)
{
	struct writer *w;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	fp = open_memstream(&buf, &len);
	CU_ASSERT_FATAL(fp != NULL);
	w = writer_new(fp, fmt);
	CU_ASSERT_FATAL(w != NULL);
	writer_csv_layout(w, crlf, 0);
	if (rec != NULL) {
		CU_ASSERT_EQUAL(writer_put(w, rec), 0);
		CU_ASSERT_EQUAL(writer_put(w, rec), 0);
	}
	CU_ASSERT_EQUAL(writer_finish(w, hdr, nhdr), 0);
	writer_free(w);
	CU_ASSERT(fclose(fp) == 0);
	return buf;
}

struct hand_case {
	enum record_format fmt;
	const char *names[3];
	const char *values[3];
	int drop;		/* index + 1 of a dropped field, or 0 */
	int crlf;
	const char *want;	/* the record written twice */
};

static void
test_hand_records(void)
{
	static const struct hand_case t[] = {
		{ RECORD_TEXT, { "text" }, { "abc\n" }, 0, 0, "abc\nabc\n" },
		{ RECORD_CSV, { "a", "b c", "d" }, { "1", "x\"y", "" }, 0, 1,
		    "a,b c,d\r\n1,\"x\"\"y\",\r\n1,\"x\"\"y\",\r\n" },
		{ RECORD_CSV, { "a", "b", NULL }, { "", "2", NULL }, 2, 0,
		    "a\n\"\"\n\"\"\n" },
		{ RECORD_CSV, { "a,1", "b\n", NULL }, { "\r", "ok", NULL },
		    0, 0, "\"a,1\",\"b\n\"\n\"\r\",ok\n\"\r\",ok\n" },
		{ RECORD_JSONL, { "id", "text", "x" },
		    { "7", "n\xc3\xa4\"", "y" }, 3, 0,
		    "{\"id\": \"7\", \"text\": \"n\xc3\xa4\\\"\"}\n"
		    "{\"id\": \"7\", \"text\": \"n\xc3\xa4\\\"\"}\n" },
	};
	struct record rec;
	size_t i, j;
	char *got;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		record_init(&rec);
		for (j = 0; j < 3 && t[i].names[j] != NULL; j++)
			CU_ASSERT_FATAL(record_add_field(&rec, t[i].names[j],
			    t[i].values[j], strlen(t[i].values[j])) == 0);
		if (t[i].drop)
			rec.fields[t[i].drop - 1].drop = 1;
		got = write_one(t[i].fmt, &rec, t[i].crlf, NULL, 0);
		if (strcmp(got, t[i].want) != 0)
			printf("\ncase %zu:\n got: %s\nwant: %s\n", i, got,
			    t[i].want);
		CU_ASSERT_STRING_EQUAL(got, t[i].want);
		free(got);
		record_release(&rec);
	}
}

/* Written twice: outputs and drops are applied once, same bytes. */
static void
test_jsonl_twice(void)
{
	static const char in[] = "{\"a\": [\"p\", \"q\", \"r\"], "
	    "\"s\": \"t\"}\n";
	static const char want[] = "{\"a\": [\"P\", \"r\"]}\n"
	    "{\"a\": [\"P\", \"r\"]}\n";
	struct record rec;
	struct reader *r;
	FILE *fp;
	char *got;

	fp = open_input(in, strlen(in));
	r = reader_new(fp, "-", RECORD_JSONL, 1024);
	CU_ASSERT_FATAL(r != NULL);
	record_init(&rec);
	CU_ASSERT_EQUAL_FATAL(reader_next(r, &rec), 1);
	CU_ASSERT_EQUAL_FATAL(rec.nfields, 4);
	rec.fields[1].drop = 1;
	rec.fields[3].drop = 1;
	CU_ASSERT(record_set_output(&rec, 0, "P", 1) == 0);
	got = write_one(RECORD_JSONL, &rec, 0, NULL, 0);
	CU_ASSERT_STRING_EQUAL(got, want);
	/* the dropped nodes are still readable */
	CU_ASSERT_STRING_EQUAL(rec.fields[1].value, "q");
	free(got);
	record_release(&rec);
	reader_free(r);
	(void)fclose(fp);
}

/*
 * writer_render writes the top level of a JSONL record itself: it must
 * give jansson's bytes for every string, key and nesting.
 */
/* writer_render of one JSONL line gives json_dumps's bytes and a LF. */
static void
check_like_jansson(const char *line)
{
	char why[64];
	struct record rec;
	struct buf out;
	json_t *root;
	char *want;

	root = json_loads(line, 0, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(root);
	want = json_dumps(root, JSON_PRESERVE_ORDER);
	CU_ASSERT_PTR_NOT_NULL_FATAL(want);
	json_decref(root);

	record_init(&rec);
	rec.raw = strdup(line);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rec.raw);
	rec.raw_len = rec.raw_cap = strlen(line);
	rec.number = 1;
	CU_ASSERT_EQUAL_FATAL(reader_parse(&rec, 1 << 20, why, sizeof(why)),
	    1);
	buf_init(&out, 1 << 20);
	CU_ASSERT_EQUAL(writer_render(RECORD_JSONL, 0, &rec, &out), 0);
	CU_ASSERT_EQUAL_FATAL(out.len, strlen(want) + 1);
	CU_ASSERT(memcmp(out.data, want, out.len - 1) == 0);
	CU_ASSERT_EQUAL(out.data[out.len - 1], '\n');
	if (out.len != strlen(want) + 1 ||
	    memcmp(out.data, want, out.len - 1) != 0)
		printf("\n got: %s\nwant: %s\n", out.data, want);
	buf_release(&out);
	record_release(&rec);
	free(want);
}

static void
test_jsonl_like_jansson(void)
{
	static const char *const lines[] = {
		"{}",
		"{\"a\": \"\"}",
		"{\"q\\\"k\\\\\": \"x\\\"y\\\\z\\/w\"}",
		"{\"t\": \"\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f \"}",
		"{\"u\": \"\xc3\xa9\xe2\x80\x94\xf0\x9f\x98\x80 \\u00e9\"}",
		"{\"n\": {\"a\": [\"\\n\", 1, {}], \"b\": []}, \"z\": null, "
		    "\"y\": true, \"x\": false, \"i\": -12}",
		"{\"k\\u0002\": [[], [[\"deep\"]]], \"last\": \"ok\"}",
	};
	static const char *const specials[] = { "\\\"", "\\\\", "\\u0001",
		"\\n", "\\u001f", "\xc3\xa9" };
	char line[1024];
	size_t i, k;
	int c;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		check_like_jansson(lines[i]);

	/* every ASCII character, escaped where JSON must */
	(void)snprintf(line, sizeof(line), "{\"all\": \"");
	for (c = 1; c < 0x80; c++)
		(void)snprintf(line + strlen(line), 8,
		    c < 0x20 || c == '"' || c == '\\' ? "\\u%04x" : "%c", c);
	(void)snprintf(line + strlen(line), 4, "\"}");
	check_like_jansson(line);

	/* one character to escape at each place of the eight-byte steps */
	for (i = 0; i < sizeof(specials) / sizeof(specials[0]); i++) {
		for (k = 0; k <= 19; k++) {
			(void)snprintf(line, sizeof(line),
			    "{\"s\": \"%.*s%s%.*s\"}", (int)k,
			    "Hello there, dear ward", specials[i],
			    (int)(19 - k), "plain text, and no more");
			check_like_jansson(line);
		}
	}
}

struct finish_case {
	const char *hdr[3];
	size_t n;
	int crlf;
	const char *want;
};

static void
test_csv_header_only(void)
{
	static const struct finish_case t[] = {
		{ { "id", "note" }, 2, 0, "id,note\n" },
		{ { "id", "a\"b", "c" }, 3, 1, "id,\"a\"\"b\",c\r\n" },
		{ { NULL }, 0, 0, "" },
	};
	size_t i;
	char *got;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		got = write_one(RECORD_CSV, NULL, t[i].crlf, t[i].hdr,
		    t[i].n);
		CU_ASSERT_STRING_EQUAL(got, t[i].want);
		free(got);
	}
}

/* Output to a full disk fails, at writer_finish at the latest. */
static void
test_dev_full(void)
{
	static const enum record_format fmts[] = {
		RECORD_TEXT, RECORD_JSONL, RECORD_CSV
	};
	struct record rec;
	struct writer *w;
	size_t i;
	FILE *fp;
	int rc;

	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		fp = fopen("/dev/full", "w");
		CU_ASSERT_FATAL(fp != NULL);
		w = writer_new(fp, fmts[i]);
		CU_ASSERT_FATAL(w != NULL);
		record_init(&rec);
		CU_ASSERT_FATAL(record_add_field(&rec, "text", "abc", 3) == 0);
		rc = writer_put(w, &rec);
		CU_ASSERT(rc == 0 || rc == ERR_IO);
		CU_ASSERT_EQUAL(writer_finish(w, NULL, 0), ERR_IO);
		CU_ASSERT_EQUAL(writer_put(w, &rec), ERR_IO);
		record_release(&rec);
		writer_free(w);
		(void)fclose(fp);
	}
	writer_free(NULL);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("writer", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "round trips", test_round_trip) == NULL ||
	    CU_add_test(s, "hand-made records", test_hand_records) == NULL ||
	    CU_add_test(s, "jsonl as jansson writes it",
	    test_jsonl_like_jansson) == NULL ||
	    CU_add_test(s, "jsonl written twice", test_jsonl_twice) == NULL ||
	    CU_add_test(s, "csv header only", test_csv_header_only) == NULL ||
	    CU_add_test(s, "/dev/full", test_dev_full) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
