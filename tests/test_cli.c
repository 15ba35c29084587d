/* test_cli.c - option values, formats, atomic output files. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"
#include "harness.h"

static void
test_format_for(void)
{
	static const struct {
		const char *name, *path;
		int rc;
		enum record_format want;
	} cases[] = {
		{ NULL, "notes.jsonl", 0, RECORD_JSONL },
		{ NULL, "notes.ndjson", 0, RECORD_JSONL },
		{ NULL, "export.csv", 0, RECORD_CSV },
		{ NULL, "note.txt", 0, RECORD_TEXT },
		{ NULL, "csv", 0, RECORD_TEXT },
		{ NULL, NULL, 0, RECORD_TEXT },
		{ "csv", "notes.jsonl", 0, RECORD_CSV },
		{ "jsonl", NULL, 0, RECORD_JSONL },
		{ "text", "a.csv", 0, RECORD_TEXT },
		{ "xml", "a.csv", ERR_USAGE, RECORD_TEXT },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum record_format f = RECORD_TEXT;

		CU_ASSERT_EQUAL(cli_format_for(cases[i].name, cases[i].path,
		    &f), cases[i].rc);
		if (cases[i].rc == 0)
			CU_ASSERT_EQUAL(f, cases[i].want);
	}
}

static void
test_parse_size(void)
{
	static const struct {
		const char *s;
		int rc;
		size_t want;
	} cases[] = {
		{ "100", 0, 100 },
		{ "16M", 0, 16u << 20 },
		{ "512k", 0, 512u << 10 },
		{ "1G", 0, 1u << 30 },
		{ "0", ERR_USAGE, 0 },
		{ "", ERR_USAGE, 0 },
		{ "12Q", ERR_USAGE, 0 },
		{ "M", ERR_USAGE, 0 },
		{ "5MB", ERR_USAGE, 0 },
		{ "1024G", 0, (size_t)1 << 40 },
		{ "1025G", ERR_USAGE, 0 },
		{ "17179869185G", ERR_USAGE, 0 },	/* 2^34 + 1: wraps */
		{ "18014398509481985k", ERR_USAGE, 0 },
		{ "-5", ERR_USAGE, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t v = 0;

		CU_ASSERT_EQUAL(cli_parse_size(cases[i].s, &v), cases[i].rc);
		if (cases[i].rc == 0)
			CU_ASSERT_EQUAL(v, cases[i].want);
	}
}

static void
test_out_atomic(void)
{
	struct cli_out o;
	char path[512];
	struct stat st;
	size_t len = 0;
	char *got;

	(void)snprintf(path, sizeof(path), "%s/out.txt", harness_tmpdir());
	CU_ASSERT_EQUAL_FATAL(cli_out_open(&o, path), 0);
	fputs("hello\n", o.fp);
	/* Not under its final name until committed. */
	CU_ASSERT_NOT_EQUAL(stat(path, &st), 0);
	CU_ASSERT_EQUAL(cli_out_commit(&o), 0);
	got = harness_read_file(path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_STRING_EQUAL(got, "hello\n");
	free(got);

	(void)snprintf(path, sizeof(path), "%s/aborted.txt",
	    harness_tmpdir());
	CU_ASSERT_EQUAL_FATAL(cli_out_open(&o, path), 0);
	fputs("partial", o.fp);
	cli_out_abort(&o);
	CU_ASSERT_NOT_EQUAL(stat(path, &st), 0);

	CU_ASSERT_EQUAL(cli_out_open(&o, "/nonexistent-dir/x"), ERR_IO);
}

/*
 * A FIFO (like /dev/null, not a regular file) is written in place: a
 * rename would replace it.  A symbolic link stays and its file changes.
 */
static void
test_out_special(void)
{
	char path[512], link[512], real[512];
	struct cli_out o;
	struct stat st;
	size_t len = 0;
	char *got;
	int fd;

	(void)snprintf(path, sizeof(path), "%s/fifo", harness_tmpdir());
	CU_ASSERT_EQUAL_FATAL(mkfifo(path, 0600), 0);
	fd = open(path, O_RDONLY | O_NONBLOCK);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT_EQUAL_FATAL(cli_out_open(&o, path), 0);
	fputs("through", o.fp);
	CU_ASSERT_EQUAL(cli_out_commit(&o), 0);
	CU_ASSERT_EQUAL(lstat(path, &st), 0);
	CU_ASSERT(S_ISFIFO(st.st_mode));
	(void)close(fd);

	(void)snprintf(real, sizeof(real), "%s/real.txt", harness_tmpdir());
	(void)snprintf(link, sizeof(link), "%s/link.txt", harness_tmpdir());
	fd = open(real, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	(void)close(fd);
	CU_ASSERT_EQUAL_FATAL(symlink("real.txt", link), 0);
	CU_ASSERT_EQUAL_FATAL(cli_out_open(&o, link), 0);
	fputs("linked\n", o.fp);
	CU_ASSERT_EQUAL(cli_out_commit(&o), 0);
	CU_ASSERT_EQUAL(lstat(link, &st), 0);
	CU_ASSERT(S_ISLNK(st.st_mode));
	got = harness_read_file(real, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	CU_ASSERT_STRING_EQUAL(got, "linked\n");
	free(got);
}

static void
test_pass_file(void)
{
	static const struct {
		const char *content;
		int want;
		const char *pass;
	} cases[] = {
		{ "secret words\n", 12, "secret words" },
		{ "no newline", 10, "no newline" },
		{ "first\nsecond\n", 5, "first" },
		{ "\n", ERR_USAGE, "" },
		{ "", ERR_USAGE, "" },
	};
	char path[512], buf[CLI_MAX_PASS + 1];
	size_t i;

	(void)snprintf(path, sizeof(path), "%s/pass", harness_tmpdir());
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cli_pass_src src = { -1, path, 0 };
		FILE *fp = fopen(path, "w");
		int n;

		CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
		fputs(cases[i].content, fp);
		(void)fclose(fp);
		n = cli_read_pass(&src, "p: ", 0, buf);
		CU_ASSERT_EQUAL(n, cases[i].want);
		if (n > 0)
			CU_ASSERT_STRING_EQUAL(buf, cases[i].pass);
	}
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("cli", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "format for", test_format_for) == NULL ||
	    CU_add_test(s, "parse size", test_parse_size) == NULL ||
	    CU_add_test(s, "atomic output", test_out_atomic) == NULL ||
	    CU_add_test(s, "device, FIFO and link outputs",
	    test_out_special) == NULL ||
	    CU_add_test(s, "passphrase file", test_pass_file) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
