/* test_reader.c - the text, JSONL and CSV readers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "err.h"
#include "harness.h"
#include "reader.h"
#include "reader_int.h"
#include "record.h"

struct sbuf {
	char *p;
	size_t len, cap;
};

static void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	char *np;

	if (b->len + n + 1 > b->cap) {
		np = realloc(b->p, (b->len + n + 1) * 2);
		CU_ASSERT_FATAL(np != NULL);
		if (np == NULL)
			return;
		b->p = np;
		b->cap = (b->len + n + 1) * 2;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

/* Append s with CR, LF and NUL made visible. */
static void
sb_vis(struct sbuf *b, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			sb_str(b, "\\n");
		else if (s[i] == '\r')
			sb_str(b, "\\r");
		else if (s[i] == '\0')
			sb_str(b, "\\0");
		else
			sb_add(b, &s[i], 1);
	}
}

static const char *
code_name(int rc)
{
	switch (rc) {
	case ERR_PARSE:
		return "parse";
	case ERR_UTF8:
		return "utf8";
	case ERR_TOOBIG:
		return "toobig";
	case ERR_IO:
		return "io";
	case ERR_NOMEM:
		return "nomem";
	default:
		return "other";
	}
}

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

/* One line per reader_next call; see the tables below for the shape. */
static void
describe(struct sbuf *b, int rc, const struct record *rec, const char *why)
{
	char num[64];
	size_t i;

	(void)snprintf(num, sizeof(num), "#%llu ", rec->number);
	sb_str(b, num);
	if (rc < 0) {
		sb_str(b, code_name(rc));
		sb_str(b, ": ");
		sb_str(b, why);
		sb_str(b, "\n");
		return;
	}
	sb_str(b, "id=");
	sb_str(b, rec->id);
	if (rec->patient_id != NULL) {
		sb_str(b, " pid=");
		sb_str(b, rec->patient_id);
	}
	for (i = 0; i < rec->nfields; i++) {
		sb_str(b, i == 0 ? " | " : "; ");
		sb_str(b, rec->fields[i].name);
		sb_str(b, "=");
		sb_vis(b, rec->fields[i].value, rec->fields[i].len);
	}
	sb_str(b, "\n");
}

/*
 * A JSONL line that reader_next handed over unparsed (reader_defer):
 * parse it as a worker thread would.  Returns reader_parse's result,
 * with its reason in why.
 */
static int
parse_deferred(struct record *rec, size_t max, char *why, size_t whylen)
{
	unsigned long long number = rec->number;
	int rc;

	CU_ASSERT_EQUAL(rec->nfields, 0);
	CU_ASSERT_PTR_NULL(rec->id);
	CU_ASSERT_FATAL(rec->raw != NULL && rec->raw_len > 0);
	CU_ASSERT_EQUAL(strlen(rec->raw), rec->raw_len);
	rc = reader_parse(rec, max, why, whylen);
	CU_ASSERT_EQUAL(rec->number, number);
	CU_ASSERT_EQUAL(rec->raw_len, 0);
	if (rc != 1)
		CU_ASSERT_EQUAL(rec->nfields, 0);
	/* Parsed already: a second call changes nothing. */
	CU_ASSERT_EQUAL(reader_parse(rec, max, why, whylen), 1);
	return rc;
}

/* Read every record; with defer, JSONL lines are parsed apart. */
static char *
read_all(enum record_format fmt, const char *in, size_t len, size_t max,
    int defer)
{
	struct sbuf b = { NULL, 0, 0 };
	struct record rec;
	struct reader *r;
	char why[256];
	FILE *fp;
	int rc, guard;

	fp = open_input(in, len);
	r = reader_new(fp, "notes/a.txt", fmt, max);
	CU_ASSERT_FATAL(r != NULL);
	if (defer)
		reader_defer(r);
	record_init(&rec);
	sb_str(&b, "");
	for (guard = 0; guard < 100; guard++) {
		rc = reader_next(r, &rec);
		if (rc == 0)
			break;
		(void)snprintf(why, sizeof(why), "%s", reader_error(r));
		if (rc == 1 && defer && fmt == RECORD_JSONL)
			rc = parse_deferred(&rec, max, why, sizeof(why));
		describe(&b, rc, &rec, why);
	}
	sb_str(&b, "end\n");
	CU_ASSERT(reader_next(r, &rec) == 0);
	record_release(&rec);
	reader_free(r);
	(void)fclose(fp);
	return b.p;
}

struct rcase {
	const char *in;
	size_t max;
	const char *want;
};

/*
 * Each case is read twice: parsed by reader_next, and deferred (parsed
 * by reader_parse, as pool workers do), which must give the same
 * records, numbers and rejections.
 */
static void
run_cases(enum record_format fmt, const struct rcase *t, size_t n)
{
	size_t i;
	char *got;
	int defer;

	for (i = 0; i < n; i++) {
		for (defer = 0; defer <= 1; defer++) {
			got = read_all(fmt, t[i].in, strlen(t[i].in),
			    t[i].max ? t[i].max : 1 << 20, defer);
			if (strcmp(got, t[i].want) != 0)
				printf("\ncase %zu%s:\n got: %s want: %s", i,
				    defer ? " (deferred)" : "", got,
				    t[i].want);
			CU_ASSERT_STRING_EQUAL(got, t[i].want);
			free(got);
		}
	}
}

static void
test_text(void)
{
	static const struct rcase t[] = {
		{ "Seen on 3/4/2021 by Dr. Imre Falk.\n", 0,
		    "#1 id=notes/a.txt | text=Seen on 3/4/2021 by Dr. Imre "
		    "Falk.\\n\nend\n" },
		{ "\xef\xbb\xbfkept BOM\r\n", 0,
		    "#1 id=notes/a.txt | text=\xef\xbb\xbfkept BOM\\r\\n\n"
		    "end\n" },
		{ "", 0, "#0 parse: input is empty\nend\n" },
		{ "0123456789abcdef", 16,
		    "#1 id=notes/a.txt | text=0123456789abcdef\nend\n" },
		{ "0123456789abcdefg", 16,
		    "#1 toobig: document is larger than the record limit\n"
		    "end\n" },
	};

	run_cases(RECORD_TEXT, t, sizeof(t) / sizeof(t[0]));
}

static void
test_jsonl(void)
{
	static const struct rcase t[] = {
		{ "{\"id\": \"n-1\", \"text\": \"Met Oskar Brandt\"}\n", 0,
		    "#1 id=n-1 | id=n-1; text=Met Oskar Brandt\nend\n" },
		{ "{\"id\": 4021, \"text\": \"x\"}\n"
		    "{\"id\": -7, \"patient_id\": 88, \"text\": \"y\"}\n", 0,
		    "#1 id=4021 | id=4021; text=x\n"
		    "#2 id=-7 pid=88 | id=-7; patient_id=88; text=y\nend\n" },
		{ "\n{\"text\": \"a\"}\n \t\r\n{\"text\": \"b\"}", 0,
		    "#2 id=2 | text=a\n#4 id=4 | text=b\nend\n" },
		{ "{\"id\": \"z\", \"meta\": {\"author\": \"Dr Vale\", "
		    "\"tags\": [\"p\", {\"k\": \"v\"}, 5]}, \"n\": 3, "
		    "\"ok\": true, \"notes\": [[\"in\"]], \"x\": null}\n", 0,
		    "#1 id=z | id=z; meta.author=Dr Vale; meta.tags[0]=p; "
		    "meta.tags[1].k=v; meta.tags[2]=5; n=3; ok=true; "
		    "notes[0][0]=in; x=null\nend\n" },
		{ "[1, 2]\n\"str\"\n42\n{\"t\": \"ok\"}\n", 0,
		    "#1 parse: line is not a JSON object\n"
		    "#2 parse: line is not a JSON object\n"
		    "#3 parse: line is not a JSON object\n"
		    "#4 id=4 | t=ok\nend\n" },
		{ "{\"t\": \"a\",\n{\"t\": \"b\"}\n", 0,
		    "#1 parse: invalid JSON at byte 10\n#2 id=2 | t=b\nend\n" },
		{ "{\"t\": \"caf\xe9\"}\n{\"t\": \"caf\xc3\xa9\"}\n", 0,
		    "#1 utf8: line is not valid UTF-8\n"
		    "#2 id=2 | t=caf\xc3\xa9\nend\n" },
		{ "{\"t\": \"a\\u0000b\"}\n{\"t\": \"\\ud800\"}\n", 0,
		    "#1 utf8: string holds \\u0000\n"
		    "#2 utf8: string holds an invalid \\u escape\nend\n" },
		{ "{\"a\": \"1\", \"a\": \"2\"}\n"
		    "{\"n\": 123456789012345678901234567890}\n"
		    "{\"n\": 9223372036854775807, \"t\": \"q\"}\n", 0,
		    "#1 parse: object has a duplicate key\n"
		    "#2 parse: number out of range at byte 36\n"
		    "#3 id=3 | n=9223372036854775807; t=q\nend\n" },
		{ "{\"t\": \"crlf\"}\r\n{\"id\": 1.5, \"t\": \"\"}\r\n", 0,
		    "#1 id=1 | t=crlf\n#2 id=1.5 | id=1.5; t=\nend\n" },
		{ "\xef\xbb\xbf{\"t\": \"bom\"}\n", 0,
		    "#1 id=1 | t=bom\nend\n" },
		{ "", 0, "#0 parse: input is empty\nend\n" },
		{ "\xef\xbb\xbf", 0, "#0 parse: input is empty\nend\n" },
		{ "\n  \n\r\n", 0,
		    "#0 parse: input is empty (blank lines only)\nend\n" },
		{ "\n{\"t\": \"after a blank\"}\n\n", 0,
		    "#2 id=2 | t=after a blank\nend\n" },
		{ "{\"a\": ["
		    "\"\", \"\", \"\", \"\", \"\", \"\", "
		    "\"\", \"\", \"\", \"\", \"\", \"\", "
		    "\"\", \"\", \"\", \"\", \"\", \"\", "
		    "\"\", \"\", \"\", \"\", \"\", \"\", "
		    "\"\", \"\", \"\", \"\", \"\", \"\"]}\n"
		    "{\"a\": [\"\", \"\"]}\n", 200,
		    "#1 toobig: line has too many values for the record "
		    "limit\n#2 id=2 | a[0]=; a[1]=\nend\n" },
		{ "{\"t\": \"short\"}\n{\"t\": \"this one is too long\"}\n"
		    "{\"t\": \"tail\"}\n", 26,
		    "#1 id=1 | t=short\n"
		    "#2 toobig: line is larger than the record limit\n"
		    "#3 id=3 | t=tail\nend\n" },
	};

	run_cases(RECORD_JSONL, t, sizeof(t) / sizeof(t[0]));
}

static void
test_csv(void)
{
	static const struct rcase t[] = {
		{ "id,note\r\n7,\"Seen by Dr. Oyelaran, stable\"\r\n"
		    "8,\"He said \"\"fine\"\"\"\r\n", 0,
		    "#1 id=7 | id=7; note=Seen by Dr. Oyelaran, stable\n"
		    "#2 id=8 | id=8; note=He said \"fine\"\nend\n" },
		{ "note_id,text\n1,\"line one\nline two\r\nthree\"\n2,plain\n",
		    0,
		    "#1 id=1 | note_id=1; text=line one\\nline two\\r\\nthree\n"
		    "#2 id=2 | note_id=2; text=plain\nend\n" },
		{ "\xef\xbb\xbfid,text\n1,a\n", 0,
		    "#1 id=1 | id=1; text=a\nend\n" },
		{ "id,a,b\n1,x,y\n2,x\n3,x,y,z\n4,p,q\n", 0,
		    "#1 id=1 | id=1; a=x; b=y\n"
		    "#2 parse: fields: 2 in the row, 3 in the header\n"
		    "#3 parse: fields: 4 in the row, 3 in the header\n"
		    "#4 id=4 | id=4; a=p; b=q\nend\n" },
		{ "id,t\n1,ok\n2,\"never closed\nmore\n", 0,
		    "#1 id=1 | id=1; t=ok\n"
		    "#2 parse: quoted field not closed at end of input\n"
		    "end\n" },
		{ "id,t\n1,ab\"c\n2,good\n3,\"q\"x,\n4,\"fine\"\n", 0,
		    "#1 parse: row is not valid CSV (misplaced quote)\n"
		    "#2 id=2 | id=2; t=good\n"
		    "#3 parse: row is not valid CSV (misplaced quote)\n"
		    "#4 id=4 | id=4; t=fine\nend\n" },
		{ "", 0, "#0 parse: input is empty\nend\n" },
		{ "id,t\n", 0, "end\n" },
		{ "\n\r\n", 0, "#0 parse: input has no header row\nend\n" },
		{ "a,\"b\nc\n", 0,
		    "#0 parse: header row is not valid CSV\nend\n" },
		{ "Subject_ID,Note_ID,x\nP9,N4,hello\n,,bye\n", 0,
		    "#1 id=N4 pid=P9 | Subject_ID=P9; Note_ID=N4; x=hello\n"
		    "#2 id=2 | Subject_ID=; Note_ID=; x=bye\nend\n" },
		{ "id,t\n1, padded \n2,\"\"\n\n3,last", 0,
		    "#1 id=1 | id=1; t= padded \n#2 id=2 | id=2; t=\n"
		    "#3 id=3 | id=3; t=last\nend\n" },
		{ "id,t\r1,cr only\r2,x\r", 0,
		    "#1 id=1 | id=1; t=cr only\n#2 id=2 | id=2; t=x\nend\n" },
		{ "id,t\n1,short\n2,\"0123456789\n0123456789\"\"\n,x\"\n"
		    "3,after\n4,\"also \"\"too\"\" long, really\"\n5,end\n", 16,
		    "#1 id=1 | id=1; t=short\n"
		    "#2 toobig: row is larger than the record limit\n"
		    "#3 id=3 | id=3; t=after\n"
		    "#4 toobig: row is larger than the record limit\n"
		    "#5 id=5 | id=5; t=end\nend\n" },
		{ "id,t\n1,ok\n2,\"0123456789abcdef\nb\"c\"d\n3,three\n"
		    "4,\"four\"\n5,five\n", 16,
		    "#1 id=1 | id=1; t=ok\n"
		    "#2 toobig: row is larger than the record limit\n"
		    "#3 id=3 | id=3; t=three\n#4 id=4 | id=4; t=four\n"
		    "#5 id=5 | id=5; t=five\nend\n" },
		{ "id,t\n1,\"0123456789abcdef\"\"\n,\"\n2,x\"y\n3,z\n", 16,
		    "#1 toobig: row is larger than the record limit\n"
		    "#2 parse: row is not valid CSV (misplaced quote)\n"
		    "#3 id=3 | id=3; t=z\nend\n" },
		{ "id,t\n1,short\n2,0123456789abcdef\n3,ok", 16,
		    "#1 id=1 | id=1; t=short\n"
		    "#2 toobig: row is larger than the record limit\n"
		    "#3 id=3 | id=3; t=ok\nend\n" },
		{ "id,t\n1,ab\"c", 0,
		    "#1 parse: row is not valid CSV (misplaced quote)\n"
		    "end\n" },
		{ "id,t\n1,\"ok\"\"\n2,x\n", 0,
		    "#1 parse: quoted field not closed at end of input\n"
		    "end\n" },
		{ "0123456789,abcdefgh\n1,2\n", 16,
		    "#0 toobig: header row is larger than the record limit\n"
		    "end\n" },
		{ "id,caf\xe9\n1,2\n", 0,
		    "#0 utf8: header row is not valid UTF-8 or holds a NUL "
		    "byte\nend\n" },
		{ "id,\xed\xa0\x80\n1,2\n", 0,
		    "#0 utf8: header row is not valid UTF-8 or holds a NUL "
		    "byte\nend\n" },
	};
	static const char nul[] = "id,te\0xt\n1,2\n";
	char *got;

	run_cases(RECORD_CSV, t, sizeof(t) / sizeof(t[0]));
	got = read_all(RECORD_CSV, nul, sizeof(nul) - 1, 1 << 20, 0);
	CU_ASSERT_STRING_EQUAL(got, "#0 utf8: header row is not valid UTF-8 "
	    "or holds a NUL byte\nend\n");
	free(got);
}

struct flag_case {
	const char *in;
	int crlf, bom;
	const char *header;	/* names joined by '|' */
};

static void
test_csv_layout(void)
{
	static const struct flag_case t[] = {
		{ "a,b\n1,2\n", 0, 0, "a|b" },
		{ "a,b\r\n1,2\r\n", 1, 0, "a|b" },
		{ "\xef\xbb\xbf\"x,y\",z\r\n1,2\r\n", 1, 1, "x,y|z" },
		{ "\xef\xbb\xbfonly\r\n", 1, 1, "only" },
		{ "a\rb\r", 0, 0, "a" },
	};
	struct record rec;
	struct reader *r;
	const char *const *h;
	struct sbuf b;
	size_t i, j, n;
	FILE *fp;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		fp = open_input(t[i].in, strlen(t[i].in));
		r = reader_new(fp, "-", RECORD_CSV, 1 << 16);
		CU_ASSERT_FATAL(r != NULL);
		record_init(&rec);
		CU_ASSERT(reader_header(r, &n) == NULL);
		CU_ASSERT(reader_next(r, &rec) >= 0);
		CU_ASSERT_EQUAL(reader_csv_crlf(r), t[i].crlf);
		CU_ASSERT_EQUAL(reader_csv_bom(r), t[i].bom);
		h = reader_header(r, &n);
		CU_ASSERT_FATAL(h != NULL);
		memset(&b, 0, sizeof(b));
		sb_str(&b, "");
		for (j = 0; j < n; j++) {
			if (j > 0)
				sb_str(&b, "|");
			sb_str(&b, h != NULL ? h[j] : "");
		}
		CU_ASSERT_STRING_EQUAL(b.p != NULL ? b.p : "", t[i].header);
		free(b.p);
		record_release(&rec);
		reader_free(r);
		(void)fclose(fp);
	}
}

/* A judge that refuses any column name holding "Dr." (by number). */
static int
refuse_dr(void *arg, const char *const *names, size_t n, char *why,
    size_t whylen)
{
	size_t i;

	*(size_t *)arg = n;
	for (i = 0; i < n; i++) {
		if (strstr(names[i], "Dr.") != NULL) {
			(void)snprintf(why, whylen, "column %zu refused",
			    i + 1);
			return 1;
		}
	}
	return 0;
}

/*
 * reader_check_header: a refused header ends the stream before any row
 * (number 0, the judge's reason); an accepted one changes nothing.  The
 * judge sees every name once, and never a JSONL or text record.
 */
static void
test_csv_header_check(void)
{
	static const struct {
		const char *in;
		enum record_format fmt;
		int first;		/* reader_next's first result */
		size_t seen;		/* names the judge saw */
		const char *why;
	} t[] = {
		{ "id,text\n1,ok\n", RECORD_CSV, 1, 2, "" },
		{ "Seen by Dr. Pell\nok\n", RECORD_CSV, ERR_USAGE, 1,
		    "column 1 refused" },
		{ "a,b,Dr. Pell\n1,2,3\n", RECORD_CSV, ERR_USAGE, 3,
		    "column 3 refused" },
		{ "a,Dr. Pell\n", RECORD_CSV, ERR_USAGE, 2,
		    "column 2 refused" },
		{ "{\"Dr. Pell\": \"x\"}\n", RECORD_JSONL, 1, 0, "" },
		{ "Dr. Pell\n", RECORD_TEXT, 1, 0, "" },
	};
	struct record rec;
	struct reader *r;
	size_t i, seen;
	FILE *fp;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		fp = open_input(t[i].in, strlen(t[i].in));
		r = reader_new(fp, "-", t[i].fmt, 1 << 16);
		CU_ASSERT_FATAL(r != NULL);
		seen = 0;
		reader_check_header(r, refuse_dr, &seen);
		record_init(&rec);
		CU_ASSERT_EQUAL(reader_next(r, &rec), t[i].first);
		CU_ASSERT_EQUAL(seen, t[i].seen);
		CU_ASSERT_STRING_EQUAL(reader_error(r), t[i].why);
		if (t[i].first < 0) {
			CU_ASSERT_EQUAL(rec.number, 0);
			CU_ASSERT_EQUAL(rec.nfields, 0);
			/* the stream is over: no row comes after */
			CU_ASSERT_EQUAL(reader_next(r, &rec), 0);
		}
		record_release(&rec);
		reader_free(r);
		(void)fclose(fp);
	}
}

static void
test_other_formats_no_csv_info(void)
{
	struct reader *r;
	size_t n = 5;
	FILE *fp;

	fp = open_input("{}\n", 3);
	r = reader_new(fp, "-", RECORD_JSONL, 100);
	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT(reader_header(r, &n) == NULL);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_EQUAL(reader_csv_crlf(r), 0);
	CU_ASSERT_EQUAL(reader_csv_bom(r), 0);
	reader_free(r);
	reader_free(NULL);
	(void)fclose(fp);
}

static long
max_rss_kb(void)
{
	struct rusage ru;

	CU_ASSERT_FATAL(getrusage(RUSAGE_SELF, &ru) == 0);
	return ru.ru_maxrss;
}

/*
 * Write head, then fill bytes of 'a'..'z' (with a newline every 100
 * bytes when lines is set), then tail.
 */
static FILE *
big_input(const char *head, size_t fill, int lines, const char *tail)
{
	char chunk[4096];
	size_t i, n;
	FILE *fp = tmpfile();

	CU_ASSERT_FATAL(fp != NULL);
	for (i = 0; i < sizeof(chunk); i++)
		chunk[i] = "abcdefghijklmnopqrstuvwxyz"[i % 26];
	for (i = 99; lines && i < sizeof(chunk); i += 100)
		chunk[i] = '\n';
	CU_ASSERT_FATAL(fputs(head, fp) >= 0);
	while (fill > 0) {
		n = fill < sizeof(chunk) ? fill : sizeof(chunk);
		CU_ASSERT_FATAL(fwrite(chunk, 1, n, fp) == n);
		fill -= n;
	}
	CU_ASSERT_FATAL(fputs(tail, fp) >= 0);
	rewind(fp);
	return fp;
}

struct big_case {
	enum record_format fmt;
	const char *head, *tail;
	int lines;
	int first;			/* result of the first call */
	unsigned long long number;	/* its record number */
	const char *next_field;		/* value of the next record */
};

/* A 50 MB record with a 1 MiB cap: rejected, skipped, memory stays low. */
static void
test_oversize_bounded(void)
{
	static const struct big_case t[] = {
		{ RECORD_JSONL, "{\"t\": \"", "\"}\n{\"t\": \"after\"}\n", 0,
		    ERR_TOOBIG, 1, "after" },
		{ RECORD_CSV, "id,t\n1,\"", "\"\n2,after\n", 1,
		    ERR_TOOBIG, 1, "after" },
		{ RECORD_CSV, "id,t\n1,", "\n2,after\n", 0,
		    ERR_TOOBIG, 1, "after" },
		{ RECORD_TEXT, "", "", 1, ERR_TOOBIG, 1, NULL },
	};
	const size_t fill = 50u << 20, cap = 1u << 20;
	struct record rec;
	struct reader *r;
	long before;
	size_t i;
	FILE *fp;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		fp = big_input(t[i].head, fill, t[i].lines, t[i].tail);
		before = max_rss_kb();
		r = reader_new(fp, "-", t[i].fmt, cap);
		CU_ASSERT_FATAL(r != NULL);
		if (r == NULL)
			return;
		record_init(&rec);
		CU_ASSERT_EQUAL(reader_next(r, &rec), t[i].first);
		CU_ASSERT_EQUAL(rec.number, t[i].number);
		if (t[i].next_field != NULL) {
			CU_ASSERT_EQUAL_FATAL(reader_next(r, &rec), 1);
			CU_ASSERT_FATAL(rec.nfields > 0);
			if (rec.nfields > 0)
				CU_ASSERT_STRING_EQUAL(
				    rec.fields[rec.nfields - 1].value,
				    t[i].next_field);
		}
		CU_ASSERT_EQUAL(reader_next(r, &rec), 0);
		CU_ASSERT(r->line.cap <= cap + 1);
		/* far below the 50 MB the record would take */
		CU_ASSERT(max_rss_kb() - before < 16L * 1024);
		record_release(&rec);
		reader_free(r);
		(void)fclose(fp);
	}
}

static void
test_read_error(void)
{
	struct record rec;
	struct reader *r;
	FILE *fp;

	fp = fopen("/dev/null", "w");
	CU_ASSERT_FATAL(fp != NULL);
	r = reader_new(fp, "-", RECORD_JSONL, 100);
	CU_ASSERT_FATAL(r != NULL);
	record_init(&rec);
	CU_ASSERT_EQUAL(reader_next(r, &rec), ERR_IO);
	CU_ASSERT_STRING_EQUAL(reader_error(r), "cannot read input");
	CU_ASSERT_EQUAL(reader_next(r, &rec), 0);
	reader_free(r);
	(void)fclose(fp);
}

struct edge_case {
	size_t head;		/* bytes of 'h' in the header's one column */
	size_t pad;		/* bytes of 'v' in the first row */
	int crlf;
	const char *tail;	/* rows after the first */
	size_t nrows;
};

/* Line ends and quotes that fall on the edge of the input buffer. */
static void
test_csv_buffer_edges(void)
{
	static const struct edge_case t[] = {
		{ READER_CHUNK - 1, 1, 1, "2\r\n", 2 },
		{ 2, READER_CHUNK - 5, 1, "2\r\n3\r\n", 3 },
		{ 2, READER_CHUNK - 4, 0, "\"x\n\"\"y\"\n", 2 },
		{ 2, READER_CHUNK - 6, 0, "\"x\n\"\"y\"\n", 2 },
	};
	struct record rec;
	struct reader *r;
	size_t i, rows, len;
	char *in;
	FILE *fp;
	int rc;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		len = t[i].head + t[i].pad + strlen(t[i].tail) + 8;
		in = malloc(len);
		CU_ASSERT_FATAL(in != NULL);
		if (in == NULL)
			return;
		memset(in, 'h', t[i].head);
		len = t[i].head;
		len += (size_t)snprintf(in + len, 3, t[i].crlf ? "\r\n" :
		    "\n");
		memset(in + len, 'v', t[i].pad);
		len += t[i].pad;
		len += (size_t)snprintf(in + len, 3, t[i].crlf ? "\r\n" :
		    "\n");
		memcpy(in + len, t[i].tail, strlen(t[i].tail));
		len += strlen(t[i].tail);
		fp = open_input(in, len);
		r = reader_new(fp, "-", RECORD_CSV, 1 << 20);
		CU_ASSERT_FATAL(r != NULL);
		record_init(&rec);
		rows = 0;
		while ((rc = reader_next(r, &rec)) == 1) {
			rows++;
			if (rows == 1)
				CU_ASSERT_EQUAL(rec.fields[0].len, t[i].pad);
		}
		CU_ASSERT_EQUAL(rc, 0);
		CU_ASSERT_EQUAL(rows, t[i].nrows);
		CU_ASSERT_EQUAL(reader_csv_crlf(r), t[i].crlf);
		record_release(&rec);
		reader_free(r);
		(void)fclose(fp);
		free(in);
	}
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("reader", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "oversize records, bounded memory",
		test_oversize_bounded) == NULL ||
	    CU_add_test(s, "text", test_text) == NULL ||
	    CU_add_test(s, "jsonl", test_jsonl) == NULL ||
	    CU_add_test(s, "csv", test_csv) == NULL ||
	    CU_add_test(s, "csv layout and header", test_csv_layout) == NULL ||
	    CU_add_test(s, "csv header check", test_csv_header_check) ==
	    NULL ||
	    CU_add_test(s, "csv buffer edges", test_csv_buffer_edges) == NULL ||
	    CU_add_test(s, "no csv info elsewhere",
		test_other_formats_no_csv_info) == NULL ||
	    CU_add_test(s, "read error", test_read_error) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
