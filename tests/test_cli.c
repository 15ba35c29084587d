/* test_cli.c - option values, formats, atomic output files. */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "err.h"
#include "harness.h"
#include "keyfile.h"

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
		{ " 64", ERR_USAGE, 0 },
		{ "+64", ERR_USAGE, 0 },
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
	cli_out_discard(&o);
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
		int cr;
	} cases[] = {
		{ "secret words\n", 12, "secret words", 0 },
		{ "no newline", 10, "no newline", 0 },
		{ "first\nsecond\n", 5, "first", 0 },
		{ "\n", ERR_USAGE, "", 0 },
		{ "", ERR_USAGE, "", 0 },
		/* Windows line ends: one "\r\n" goes, nothing else. */
		{ "windows pass\r\n", 12, "windows pass", 1 },
		{ "two returns\r\r\n", 12, "two returns\r", 1 },
		{ "bare return\r", 12, "bare return\r", 0 },
		{ " padded \t\n", 9, " padded \t", 0 },
		{ "\r\n", ERR_USAGE, "", 0 },
		{ "line one\r\nline two\r\n", 8, "line one", 1 },
	};
	char path[512], buf[CLI_MAX_PASS + 1];
	size_t i;

	(void)snprintf(path, sizeof(path), "%s/pass", harness_tmpdir());
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cli_pass_src src = { -1, path, 0 };
		FILE *fp = fopen(path, "w");
		int n, cr = -1;

		CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
		fputs(cases[i].content, fp);
		(void)fclose(fp);
		n = cli_read_pass(&src, "p: ", 0, buf, &cr);
		CU_ASSERT_EQUAL(n, cases[i].want);
		CU_ASSERT_EQUAL(cr, cases[i].cr);
		if (n > 0)
			CU_ASSERT_STRING_EQUAL(buf, cases[i].pass);
	}
}

/*
 * The veil command itself, run as a user runs it (no shell): make unit
 * names it in $VEIL.  Paths in arguments that start with '@' are in the
 * test's directory.
 */
static const char *
tmp_path(const char *name, char *buf, size_t cap)
{
	if (name[0] != '@')
		return name;
	(void)snprintf(buf, cap, "%s/%s", harness_tmpdir(), name + 1);
	return buf;
}

static void
put_file(const char *name, const char *body, size_t len)
{
	char path[512];
	int fd;

	(void)tmp_path(name, path, sizeof(path));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	CU_ASSERT_FATAL(fd >= 0);
	CU_ASSERT(write(fd, body, len) == (ssize_t)len);
	(void)close(fd);
}

/*
 * Start veil with args (NULL-ended, '@' paths expanded), standard input
 * from in_fd (or /dev/null when -1), standard output to @out.txt and
 * standard error to @err.txt.  Returns the child's pid, or -1.
 */
static pid_t
start_veil(const char *const *args, int in_fd)
{
	static char bufs[16][512];
	const char *argv[18];
	char out[512], errp[512];
	size_t n = 0;
	pid_t pid;
	int fd;

	argv[n++] = getenv("VEIL");
	for (; args[n - 1] != NULL && n < 17; n++)
		argv[n] = tmp_path(args[n - 1], bufs[n - 1], sizeof(bufs[0]));
	argv[n] = NULL;
	(void)tmp_path("@out.txt", out, sizeof(out));
	(void)tmp_path("@err.txt", errp, sizeof(errp));

	pid = fork();
	if (pid != 0)
		return pid;
	/* the child: _exit only, so the harness's atexit cleanup stays */
	fd = in_fd >= 0 ? in_fd : open("/dev/null", O_RDONLY);
	if (fd < 0 || dup2(fd, 0) < 0)
		_exit(127);
	fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || dup2(fd, 1) < 0)
		_exit(127);
	fd = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || dup2(fd, 2) < 0)
		_exit(127);
	(void)execv(argv[0], (char *const *)(uintptr_t)argv);
	_exit(127);
}

/* Run veil to its end; its exit status, or -1 when it did not exit. */
static int
run_veil(const char *const *args)
{
	pid_t pid = start_veil(args, -1);
	int st;

	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/*
 * Whether the test file name holds s; s NULL: whether the file is
 * missing, "": whether it is there and empty.
 */
static int
file_has(const char *name, const char *s)
{
	char path[512];
	size_t len = 0;
	char *got;
	int r;

	got = harness_read_file(tmp_path(name, path, sizeof(path)), &len);
	if (got == NULL)
		return s == NULL;
	r = s != NULL && (*s == '\0' ? len == 0 : strstr(got, s) != NULL);
	free(got);
	return r;
}

static void
put_key(void)
{
	size_t len = 0;
	char *key = harness_read_file("tests/data/test.key", &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(key);
	put_file("@test.key", key, len);
	free(key);
}

/*
 * Data safety at the command line: a header that is an identifier, a
 * policy that names no column of the input, a roster with text input or
 * bad UTF-8, standard input twice, and what --audit counts.
 */
static void
test_command_safety(void)
{
	static const char *const files[][2] = {
		{ "@note.txt", "Seen by Dr. Orlaith Vennemeyer on 02/09/2020\n"
		    "plan: rest\n" },
		{ "@ok.csv", "note_id,text\nn1,seen on 03/04/2020\n" },
		{ "@note.csv", "Seen by Dr. Orlaith Vennemeyer\nplan: rest\n" },
		{ "@body.csv", "id,body\n1,Dr. Orlaith Vennemeyer\n" },
		{ "@cols.yaml", "columns:\n  note_text: text\n"
		    "  note_id: keep\n" },
		{ "@roster.csv", "patient_id,first_name,last_name\n"
		    "QX1,Orlaith,Vennemeyer\n" },
		{ "@badroster.csv", "patient_id,first_name,last_name\n"
		    "QX1,Orlaith,Vennemeyer\nQX2,Brannoc\377h,Tully\n" },
		{ "@ragged.csv", "note_id,text\n1,a\n2,b,c\n3,d\n" },
		{ "@dropped.csv", "note_id,Orlaith Vennemeyer,note_text\n"
		    "n1,x,seen\n" },
		{ "@keys.yaml", "columns:\n  id: keep\n  text: text\n" },
		{ "@keys.jsonl", "{\"id\": 1, \"Orlaith Vennemeyer\": \"x\", "
		    "\"ward\": \"y\", \"text\": \"hello\"}\n" },
		/* a surname alone or an id as a column name: no recognizer
		   takes it for one, so it goes by number too */
		{ "@dropped2.csv", "note_id,Vennemeyer,QX-448213,note_text\n"
		    "n1,x,y,seen\n" },
	};
	static const struct {
		const char *args[12];
		int status;
		const char *err_has, *file, *file_has;
	} cases[] = {
		{ { "scrub", "--format", "csv", "-k", "@test.key", "-K",
		    "@ks", "-o", "@hdr.out", "@note.txt", NULL }, 2,
		    "note.txt: column 1 of the header looks like an "
		    "identifier", "@hdr.out", NULL },
		{ { "detect", "--format", "csv", "@note.txt", NULL }, 2,
		    "column 1 of the header", "@out.txt", "" },
		/* a later file's header: nothing on standard output */
		{ { "scrub", "-k", "@test.key", "-K", "@ks", "@ok.csv",
		    "@note.csv", NULL }, 2, "note.csv: column 1 of the header",
		    "@out.txt", "" },
		{ { "scrub", "-k", "@test.key", "-K", "@ks", "-o",
		    "@ok.out", "@ok.csv", NULL }, 0, "", "@ok.out",
		    "note_id,text\nn1,seen on 2020\n" },
		{ { "scrub", "-c", "@cols.yaml", "-k", "@test.key", "-K",
		    "@ks", "-o", "@body.out", "@body.csv", NULL }, 2,
		    "the header has none of the columns the policy names",
		    "@body.out", NULL },
		{ { "detect", "--known", "@roster.csv", "@note.txt", NULL },
		    0, "veil: the roster is not used for text input",
		    "@out.txt", "NAME" },
		{ { "detect", "--known", "@badroster.csv", "@ok.csv", NULL },
		    2, "record 2: not valid UTF-8", "@out.txt", "" },
		{ { "detect", "-", "-", NULL }, 2, "given only once",
		    "@out.txt", "" },
		{ { "scrub", "-k", "@test.key", "-K", "@ks", "-o",
		    "@same.out", "--spans", "@same.out", "@ok.csv", NULL }, 2,
		    "same.out' is named for two outputs", "@out.txt", "" },
		/* a dropped column's name is not exported: named by number */
		{ { "scrub", "-c", "@cols.yaml", "-k", "@test.key", "-K",
		    "@ks", "-o", "@dropped.out", "@dropped.csv", NULL }, 0,
		    "not exported (not named by the policy): column 2",
		    "@dropped.out", "note_id,note_text\nn1,seen\n" },
		{ { "scrub", "-c", "@cols.yaml", "-k", "@test.key", "-K",
		    "@ks", "-o", "@dropped2.out", "@dropped2.csv", NULL }, 0,
		    "not exported (not named by the policy): column 2, "
		    "column 3\n", "@dropped2.out", "note_id,note_text\n" },
		/* CSV files of different layouts are not merged */
		{ { "scrub", "-k", "@test.key", "-K", "@ks", "@ok.csv",
		    "@body.csv", NULL }, 2, "body.csv: the header differs "
		    "from the first input's at column 1", "@out.txt", "" },
		{ { "scrub", "-k", "@test.key", "-K", "@ks", "-o",
		    "@ragged.out", "--audit", "@ragged.json", "@ragged.csv",
		    NULL }, 1, "record 2 rejected", "@ragged.json",
		    "\"records_read\": 3, \"records_written\": 2, "
		    "\"records_rejected\": 1" },
		{ { "scrub", "-c", "@keys.yaml", "-k", "@test.key", "-K",
		    "@ks", "-o", "@keys.out", "@keys.jsonl", NULL }, 0,
		    "not exported (not named by the policy): field 2, 'ward'",
		    "@keys.out",
		    "{\"id\": 1, \"text\": \"hello\"}" },
	};
	size_t i;

	if (getenv("VEIL") == NULL)
		return;
	put_key();
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		put_file(files[i][0], files[i][1], strlen(files[i][1]));
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int st = run_veil(cases[i].args);
		int ok = st == cases[i].status &&
		    file_has("@err.txt", cases[i].err_has) &&
		    file_has(cases[i].file, cases[i].file_has) &&
		    /* no message ever quotes the identifiers */
		    !file_has("@err.txt", "Vennemeyer") &&
		    !file_has("@err.txt", "Brannoc");

		if (!ok)
			printf("\n  case %zu: exit %d\n", i, st);
		CU_ASSERT(ok);
	}
}

/* Files in the test directory sub whose names hold s. */
static size_t
count_files(const char *sub, const char *s)
{
	char path[512];
	struct dirent *e;
	size_t n = 0;
	DIR *d;

	(void)snprintf(path, sizeof(path), "%s/%s", harness_tmpdir(), sub);
	d = opendir(path);
	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.' && strstr(e->d_name, s) != NULL)
			n++;
	(void)closedir(d);
	return n;
}

/*
 * A signal in the middle of a run leaves no temporary file behind (the
 * spans file holds record ids, the output what was scrubbed so far):
 * veil reads a pipe that stays open, so it is caught with every output
 * open, and must still die of the signal.
 */
static void
test_signal_cleanup(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	static const char *const args[] = { "scrub", "--format", "csv",
		"-k", "@test.key", "-K", "@sigks", "-o", "@sig/out.csv",
		"--spans", "@sig/spans.jsonl", "--audit", "@sig/run.json",
		"-", NULL };
	static const char rows[] = "note_id,text\n1,Dr. Orlaith Vennemeyer\n";
	char dir[512];
	size_t i;
	pid_t pid;
	int p[2], st, tries;

	if (getenv("VEIL") == NULL)
		return;
	put_key();
	(void)tmp_path("@sig", dir, sizeof(dir));
	CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700), 0);
	for (i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		CU_ASSERT_EQUAL_FATAL(pipe2(p, O_CLOEXEC), 0);
		pid = start_veil(args, p[0]);
		(void)close(p[0]);
		CU_ASSERT_FATAL(pid > 0);
		CU_ASSERT(write(p[1], rows, sizeof(rows) - 1) ==
		    (ssize_t)sizeof(rows) - 1);
		for (tries = 0; tries < 2000 &&
		    count_files("sig", ".tmp-") < 3; tries++)
			(void)usleep(10000);
		CU_ASSERT_EQUAL(count_files("sig", ".tmp-"), 3);
		CU_ASSERT_EQUAL(kill(pid, sigs[i]), 0);
		CU_ASSERT_EQUAL(waitpid(pid, &st, 0), pid);
		CU_ASSERT(WIFSIGNALED(st) && WTERMSIG(st) == sigs[i]);
		(void)close(p[1]);
		CU_ASSERT_EQUAL(count_files("sig", ""), 0);
		CU_ASSERT_EQUAL(count_files("sigks", ".tmp-"), 0);
	}
}

static void
test_blank_plural(void)
{
	static const struct {
		const char *s;
		int blank;
	} blanks[] = {
		{ NULL, 1 }, { "", 1 }, { " ", 1 }, { " \t\r\n", 1 },
		{ "x", 0 }, { "  audit 7 ", 0 }, { "\xc3\xa9", 0 },
	};
	static const struct {
		unsigned long long n;
		const char *want;
	} plurals[] = {
		{ 0, "records" }, { 1, "record" }, { 2, "records" },
		{ 11, "records" }, { 101, "records" },
	};
	size_t i;

	for (i = 0; i < sizeof(blanks) / sizeof(blanks[0]); i++)
		CU_ASSERT_EQUAL(cli_blank(blanks[i].s), blanks[i].blank);
	for (i = 0; i < sizeof(plurals) / sizeof(plurals[0]); i++)
		CU_ASSERT_STRING_EQUAL(cli_plural(plurals[i].n, "record",
		    "records"), plurals[i].want);
}

/*
 * A directory of these tests' own under the harness's, so that their
 * key, keystore and notes never meet the other command-line tests'.
 */
static const char *
own_dir(void)
{
	static char dir[256];

	if (dir[0] == '\0') {
		(void)snprintf(dir, sizeof(dir), "%s/own", harness_tmpdir());
		(void)mkdir(dir, 0700);
	}
	return dir;
}

/*
 * The veil command itself (VEIL, set by make), run as a user runs it.
 * Arguments starting with '@' name files in the test's directory.
 * Standard output and error land in tmp/out and tmp/err; returns the
 * exit status, or -1 when veil could not be run.
 */
static int
run_cmd(const char *const *args, const char *in)
{
	const char *veil = getenv("VEIL"), *dir = own_dir();
	static char name[] = "veil";
	char *argv[24], buf[24][512], path[512];
	pid_t pid;
	int i, st;

	if (veil == NULL || dir == NULL)
		return -1;
	argv[0] = name;
	for (i = 0; args[i] != NULL && i < 22; i++) {
		if (args[i][0] == '@')
			(void)snprintf(buf[i], sizeof(buf[i]), "%s/%s", dir,
			    args[i] + 1);
		else
			(void)snprintf(buf[i], sizeof(buf[i]), "%s", args[i]);
		argv[i + 1] = buf[i];
	}
	argv[i + 1] = NULL;
	(void)fflush(NULL);
	pid = fork();
	if (pid == 0) {
		(void)snprintf(path, sizeof(path), "%s/%s", dir,
		    in != NULL ? in : "none");
		if (freopen(in != NULL ? path : "/dev/null", "r", stdin) ==
		    NULL)
			_exit(127);
		(void)snprintf(path, sizeof(path), "%s/out", dir);
		if (freopen(path, "w", stdout) == NULL)
			_exit(127);
		(void)snprintf(path, sizeof(path), "%s/err", dir);
		if (freopen(path, "w", stderr) == NULL)
			_exit(127);
		execv(veil, argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* The text of tmp/name (caller frees); "" when there is none. */
static char *
slurp(const char *name)
{
	char path[512], *s;

	(void)snprintf(path, sizeof(path), "%s/%s", own_dir(), name);
	s = harness_read_file(path, NULL);
	return s != NULL ? s : strdup("");
}

static void
put_text(const char *name, const char *content)
{
	char path[512];
	FILE *fp;

	(void)snprintf(path, sizeof(path), "%s/%s", own_dir(), name);
	fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs(content, fp);
	(void)fclose(fp);
	(void)chmod(path, 0600);
}

static int
count_lines(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

/* A key file and a keystore with one name in it; its token in tok. */
static void
make_key(char tok[64])
{
	static const char *const keygen[] = { "keygen", "-q",
		"--no-passphrase", "-o", "@key", NULL };
	static const char *const scrub[] = { "scrub", "-q", "-k", "@key",
		"-K", "@ks", "@note.txt", NULL };
	char *out, *p;
	size_t n;

	if (tok != NULL)
		tok[0] = '\0';
	(void)run_cmd(keygen, NULL);
	put_text("note.txt", "Seen by Dr. Ottilie Brannagh on 02/03/2011.\n");
	CU_ASSERT_EQUAL_FATAL(run_cmd(scrub, NULL), 0);
	out = slurp("out");
	p = strstr(out, "[NAME-");
	CU_ASSERT_PTR_NOT_NULL(p);
	if (p != NULL && tok != NULL) {
		n = strcspn(p, " \n");
		if (n < 64) {
			memcpy(tok, p, n);
			tok[n] = '\0';
		}
	}
	free(out);
}
/* Every option veil knows, with a value it accepts. */
static const struct {
	const char *shrt, *lng, *value;
} all_opts[] = {
	{ "-c", "--policy", "p.yaml" }, { "-k", "--key", "k" },
	{ "-K", "--keystore", "ks" }, { "-o", "--output", "out" },
	{ "-q", "--quiet", NULL }, { "-v", "--verbose", NULL },
	{ NULL, "--format", "csv" }, { NULL, "--profile", "limited" },
	{ NULL, "--spans", "s.jsonl" }, { NULL, "--audit", "a.json" },
	{ NULL, "--threads", "3" }, { NULL, "--shard", "1/4" },
	{ NULL, "--reason", "r" }, { NULL, "--no-passphrase", NULL },
	{ NULL, "--passphrase-file", "pf" }, { NULL, "--passphrase-fd", "0" },
	{ NULL, "--kdf-cost", "16" }, { NULL, "--max-record", "2M" },
	{ NULL, "--window", "4k" }, { NULL, "--known", "r.csv" },
	{ NULL, "--gold", "g.jsonl" }, { NULL, "--exclude-types", "AGE" },
	{ NULL, "--json", NULL }, { NULL, "--show-text", NULL },
};

/* The help line of option i in help; NULL when there is none. */
static const char *
help_line(const char *help, size_t i)
{
	char want[64];
	const char *p;

	if (all_opts[i].shrt != NULL)
		(void)snprintf(want, sizeof(want), "\n  %s, %s ",
		    all_opts[i].shrt, all_opts[i].lng);
	else
		(void)snprintf(want, sizeof(want), "\n  %s ", all_opts[i].lng);
	p = strstr(help, want);
	return p != NULL ? p + 1 : NULL;
}

/*
 * Run "veil CMD OPT [VALUE] --help" for command cmd (one or two words)
 * and option i: the help when cmd takes the option, else a refusal.
 */
static int
run_help(const char *cmd, size_t i)
{
	const char *args[8];
	char words[64], *sub;
	int n = 0;

	(void)snprintf(words, sizeof(words), "%s", cmd);
	sub = strchr(words, ' ');
	if (sub != NULL)
		*sub++ = '\0';
	args[n++] = words;
	if (sub != NULL)
		args[n++] = sub;
	args[n++] = all_opts[i].lng;
	if (all_opts[i].value != NULL)
		args[n++] = all_opts[i].value;
	args[n++] = "--help";
	args[n] = NULL;
	return run_cmd(args, NULL);
}

/* One help line: no continuation, and a default for a value. */
static int
line_ok(const char *line, int valued)
{
	const char *end = strchr(line, '\n');
	char text[256];
	size_t n;

	if (end == NULL || strncmp(end + 1, "          ", 10) == 0)
		return 0;
	n = (size_t)(end - line) < sizeof(text) ? (size_t)(end - line) :
	    sizeof(text) - 1;
	memcpy(text, line, n);
	text[n] = '\0';
	return !valued || strstr(text, "default") != NULL ||
	    strstr(text, "required") != NULL;
}

static void
check_option(const char *cmd, const char *opts, size_t i)
{
	char key[64], *help, *err;
	const char *line;
	int want, rc, ok;

	(void)snprintf(key, sizeof(key), " %s ", all_opts[i].shrt != NULL ?
	    all_opts[i].shrt : all_opts[i].lng);
	want = strstr(opts, key) != NULL;
	rc = run_help(cmd, i);
	help = slurp("out");
	err = slurp("err");
	if (want) {
		line = help_line(help, i);
		ok = rc == 0 && line != NULL &&
		    line_ok(line, all_opts[i].value != NULL);
	} else {
		ok = rc == 2 && count_lines(err) == 2 &&
		    (strstr(err, "does not take") != NULL ||
		    strstr(err, "unknown option") != NULL);
	}
	if (!ok)
		printf("\nveil %s %s: exit %d, want %s\n", cmd,
		    all_opts[i].lng, rc, want ? "it in the help" : "refused");
	CU_ASSERT(ok);
	free(help);
	free(err);
}

/*
 * Every option a command takes is in its help, on one line of its own
 * that gives, for an option with a value, its default (or that it is
 * required); every other option is refused with exit 2.
 */
static void
test_help_complete(void)
{
	static const struct {
		const char *cmd, *opts;
	} cases[] = {
		{ "keygen", " -o -q --no-passphrase --passphrase-file "
		    "--passphrase-fd --kdf-cost " },
		{ "scrub", " -c -k -K -o -q -v --format --profile --spans "
		    "--audit --threads --shard --passphrase-file "
		    "--passphrase-fd --max-record --window --known " },
		{ "detect", " -c -q -v --format --threads --max-record "
		    "--window --known " },
		{ "reid", " -c -k -K -q --reason --passphrase-file "
		    "--passphrase-fd " },
		{ "keystore list", " -c -k -K -q --passphrase-file "
		    "--passphrase-fd " },
		{ "keystore verify", " -c -k -K -q --passphrase-file "
		    "--passphrase-fd " },
		{ "audit verify", " -k -q --passphrase-file --passphrase-fd " },
		{ "eval", " -o --spans --gold --exclude-types --json "
		    "--show-text " },
	};
	size_t c, i;

	for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		for (i = 0; i < sizeof(all_opts) / sizeof(all_opts[0]); i++)
			check_option(cases[c].cmd, cases[c].opts, i);
	}
}

/*
 * Usage errors: exit 2, one line that names the problem (and for a
 * value the option and what it may be), then where the help is; no
 * usage dump, nothing written, and nothing typed after '=' or as an
 * operand repeated.
 */
static void
test_usage_errors(void)
{
	static const struct {
		const char *args[12];
		const char *want, *never, *part;
	} cases[] = {
		{ { "scrub", "--threads", "0", "@note.txt", NULL },
		    "veil: bad value for --threads: '0' (a number from 1 to "
		    "1024)\ntry 'veil scrub --help'\n", NULL, NULL },
		{ { "scrub", "--window", "x", NULL },
		    "veil: bad value for --window: 'x' (a size from 64 to 64M; "
		    "k or M suffix)\ntry 'veil scrub --help'\n", NULL, NULL },
		{ { "detect", "--max-record", "0", NULL },
		    "veil: bad value for --max-record: '0' (a size from 1 to "
		    "1024G; k, M or G suffix)\ntry 'veil detect --help'\n",
		    NULL, NULL },
		{ { "scrub", "@note.txt", NULL },
		    "veil: pseudonyms need a key file and a keystore (-k "
		    "KEYFILE -K KEYSTORE); a policy that redacts every type "
		    "needs neither\ntry 'veil scrub --help'\n", NULL, NULL },
		{ { "frobnicate", NULL },
		    "veil: unknown command 'frobnicate'\n"
		    "try 'veil --help'\n", NULL, NULL },
		/* a value pasted where the command goes is never echoed */
		{ { "Ada Quill 555-0199", NULL },
		    "veil: unknown command '?'\ntry 'veil --help'\n", NULL,
		    NULL },
		{ { "help", "frob", NULL },
		    "veil: no such command 'frob'\ntry 'veil --help'\n", NULL,
		    NULL },
		{ { "detect", "-q", "-v", "@note.txt", NULL },
		    "veil: give only one of -q and -v\n"
		    "try 'veil detect --help'\n", NULL, NULL },
		{ { "scrub", "--shard", "3/3", NULL },
		    "veil: bad value for --shard: '3/3' (I/N with 0 <= I < N "
		    "<= 1000000)\ntry 'veil scrub --help'\n", NULL, NULL },
		{ { "keygen", "--kdf-cost", "9", "-o", "@new.key", NULL },
		    "veil: bad value for --kdf-cost: '9' (a number from 15 to "
		    "22)\ntry 'veil keygen --help'\n", NULL, NULL },
		{ { "scrub", "--format", "xml", NULL },
		    "veil: bad value for --format: 'xml' (text, jsonl or "
		    "csv)\ntry 'veil scrub --help'\n", NULL, NULL },
		{ { "scrub", "--profile", "strict", NULL },
		    "veil: bad value for --profile: 'strict' (safe-harbor or "
		    "limited)\ntry 'veil scrub --help'\n", NULL, NULL },
		{ { "detect", "-k", "@key", NULL },
		    "veil: detect does not take -k/--key\n"
		    "try 'veil detect --help'\n", NULL, NULL },
		{ { "scrub", "--reasn=Wendeline Orsk", NULL },
		    "veil: unknown option '--reasn'\n"
		    "try 'veil scrub --help'\n", "Orsk", NULL },
		{ { "scrub", "--threads", NULL },
		    "veil: --threads needs a value\n"
		    "try 'veil scrub --help'\n", NULL, NULL },
		{ { "keygen", "--no-passphrase", "--passphrase-file", "@pf",
		    "-o", "@new.key", NULL },
		    "veil: give only one of --no-passphrase, --passphrase-file "
		    "and --passphrase-fd\ntry 'veil keygen --help'\n", NULL,
		    NULL },
		{ { "keygen", "--passphrase-fd", "0", "--passphrase-file",
		    "@pf", "-o", "@new.key", NULL },
		    "veil: give only one of --no-passphrase, --passphrase-file "
		    "and --passphrase-fd\ntry 'veil keygen --help'\n", NULL,
		    NULL },
		{ { "keygen", "--no-passphrase", "--kdf-cost", "16", "-o",
		    "@new.key", NULL },
		    "veil: --kdf-cost needs a passphrase, not --no-passphrase\n"
		    "try 'veil keygen --help'\n", NULL, NULL },
		{ { "reid", "-k", "@key", "-K", "@ks", "--reason", " \t",
		    NULL },
		    "veil: reid needs --reason TEXT, not blank\n"
		    "try 'veil reid --help'\n", NULL, NULL },
		{ { "reid", "-k", "@key", "-K", "@ks", "--reason", "check",
		    "NAME-aaaaaaaaaaaaaaaaaaaaaaaa", "Wendeline Orsk", NULL },
		    "veil: operand 2 is not a token ([TYPE-...] or "
		    "TYPE-...)\ntry 'veil reid --help'\n", "Orsk", NULL },
		{ { "eval", "--gold", "@empty.jsonl", "--spans",
		    "@empty.jsonl", NULL }, NULL, NULL, "no gold documents" },
		{ { "keystore", "frob", NULL },
		    "veil: unknown keystore subcommand 'frob' (list or "
		    "verify)\ntry 'veil keystore --help'\n", NULL, NULL },
		/* a word that is not a plain one is not echoed */
		{ { "keystore", "Orsk Vell", NULL },
		    "veil: unknown keystore subcommand '?' (list or "
		    "verify)\ntry 'veil keystore --help'\n", "Orsk", NULL },
	};
	char path[512], *out, *err;
	struct stat st;
	size_t i;

	make_key(NULL);
	put_text("pf", "words of a passphrase\n");
	put_text("empty.jsonl", "");
	(void)snprintf(path, sizeof(path), "%s/new.key", own_dir());
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CU_ASSERT_EQUAL(run_cmd(cases[i].args, NULL), 2);
		out = slurp("out");
		err = slurp("err");
		CU_ASSERT_STRING_EQUAL(out, "");
		if (cases[i].want != NULL)
			CU_ASSERT_STRING_EQUAL(err, cases[i].want);
		if (cases[i].never != NULL)
			CU_ASSERT_PTR_NULL(strstr(err, cases[i].never));
		if (cases[i].part != NULL) {
			CU_ASSERT_PTR_NOT_NULL(strstr(err, cases[i].part));
			CU_ASSERT_EQUAL(count_lines(err), 1);
		}
		CU_ASSERT_NOT_EQUAL(stat(path, &st), 0);
		free(out);
		free(err);
	}
}

/*
 * reid TOKEN...: one line per operand, an empty one for a token the
 * keystore lacks (exit 1), so output lines match operands.
 */
static void
test_reid_lines(void)
{
	char tok[64], bare[64], want[256], *out, *err;
	const char *args[12] = { "reid", "-k", "@key", "-K", "@ks",
		"--reason", "line check", tok,
		"NAME-aaaaaaaaaaaaaaaaaaaaaaaa", bare, NULL };

	make_key(tok);
	CU_ASSERT_FATAL(strlen(tok) > 2);
	(void)snprintf(bare, sizeof(bare), "%.*s", (int)strlen(tok) - 2,
	    tok + 1);
	CU_ASSERT_EQUAL(run_cmd(args, NULL), 1);
	out = slurp("out");
	err = slurp("err");
	(void)snprintf(want, sizeof(want), "%s\n\n%s\n", "Ottilie Brannagh",
	    "Ottilie Brannagh");
	CU_ASSERT_STRING_EQUAL(out, want);
	CU_ASSERT_STRING_EQUAL(err, "veil: token 2 not found\n");
	free(out);
	free(err);

	args[8] = NULL;
	CU_ASSERT_EQUAL(run_cmd(args, NULL), 0);
	out = slurp("out");
	CU_ASSERT_STRING_EQUAL(out, "Ottilie Brannagh\n");
	free(out);
}

/*
 * A passphrase file saved with "\r\n" opens a key made from the same
 * words typed or saved with "\n"; a key made before the "\r" was
 * stripped still opens from its "\r\n" file, with a warning.
 */
static void
test_pass_crlf(void)
{
	static const char *const keygen[] = { "keygen", "-q", "--kdf-cost",
		"15", "--passphrase-file", "@crlf", "-o", "@pw.key", NULL };
	static const struct {
		const char *key, *file, *ks;
		int want;
		const char *err;
	} cases[] = {
		{ "@pw.key", "@lf", "@pwks", 0, "" },
		{ "@pw.key", "@crlf", "@pwks", 0, "" },
		{ "@old.key", "@crlf", "@oldks", 0,
		    "was made with a '\\r' ending" },
		{ "@old.key", "@lf", "@oldks", 3, "cannot open key file" },
	};
	const char *args[12] = { "scrub", "-k", NULL, "--passphrase-file",
		NULL, "-K", NULL, "-o", "@pw.out", "@note.txt", NULL };
	char path[512], why[256], *err;
	size_t i;

	make_key(NULL);
	put_text("crlf", "tall cedar grove\r\n");
	put_text("lf", "tall cedar grove\n");
	CU_ASSERT_EQUAL_FATAL(run_cmd(keygen, NULL), 0);
	(void)snprintf(path, sizeof(path), "%s/old.key", own_dir());
	CU_ASSERT_EQUAL_FATAL(keyfile_generate(path, "tall cedar grove\r",
	    17, 15, why, sizeof(why)), 0);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		args[2] = cases[i].key;
		args[4] = cases[i].file;
		args[6] = cases[i].ks;
		CU_ASSERT_EQUAL(run_cmd(args, NULL), cases[i].want);
		err = slurp("err");
		if (cases[i].err[0] == '\0') {
			CU_ASSERT_STRING_EQUAL(err, "");
		} else {
			CU_ASSERT_PTR_NOT_NULL(strstr(err, cases[i].err));
		}
		free(err);
	}
}

/*
 * Counts read as English ("1 record", "1 domain"), and a policy that
 * keeps what its profile removes says so in one line (not under -q).
 */
static void
test_counts_and_warnings(void)
{
	static const struct {
		const char *args[12];
		int rc;
		const char *out, *err;
	} cases[] = {
		{ { "scrub", "-v", "-k", "@key", "-K", "@ks1", "-o", "@x.out",
		    "@note.txt", NULL }, 0, "", "veil: 1 record read, 1 "
		    "written, 0 rejected in " },
		{ { "keystore", "verify", "-k", "@key", "-K", "@ks1", NULL },
		    0, "keystore ok: 1 entry in 1 domain\n", "" },
		{ { "scrub", "-c", "@keep.yaml", "-k", "@key", "-K", "@ks1",
		    "-o", "@x.out", "@note.txt", NULL }, 0, "",
		    "veil: the policy keeps NAME, which the safe-harbor "
		    "profile removes: the output is not safe harbor\n" },
		{ { "scrub", "-c", "@keep2.yaml", "-k", "@key", "-K", "@ks1",
		    "-o", "@x.out", "@note.txt", NULL }, 0, "",
		    "veil: the policy keeps NAME, PHONE, which the limited "
		    "profile removes: the output is not a limited data set\n" },
		{ { "scrub", "-q", "-c", "@keep.yaml", "-k", "@key", "-K",
		    "@ks1", "-o", "@x.out", "@note.txt", NULL }, 0, "", "" },
		{ { "scrub", "-c", "@redact.yaml", "-k", "@key", "-K", "@ks1",
		    "-o", "@x.out", "@note.txt", NULL }, 0, "", "" },
	};
	char *out, *err;
	size_t i;

	make_key(NULL);
	put_text("keep.yaml", "types:\n  NAME: keep\n  STATE: keep\n");
	put_text("keep2.yaml", "profile: limited\ntypes:\n  NAME: keep\n"
	    "  DATE: keep\n  PHONE: keep\n");
	put_text("redact.yaml", "types:\n  NAME: redact\n  DATE: redact\n");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CU_ASSERT_EQUAL(run_cmd(cases[i].args, NULL), cases[i].rc);
		out = slurp("out");
		err = slurp("err");
		CU_ASSERT_STRING_EQUAL(out, cases[i].out);
		if (cases[i].err[0] == '\0' || strchr(cases[i].err, '\n')) {
			CU_ASSERT_STRING_EQUAL(err, cases[i].err);
		} else {
			CU_ASSERT_NSTRING_EQUAL(err, cases[i].err,
			    strlen(cases[i].err));
		}
		free(out);
		free(err);
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
	    CU_add_test(s, "passphrase file", test_pass_file) == NULL ||
	    CU_add_test(s, "command line data safety",
	    test_command_safety) == NULL ||
	    CU_add_test(s, "no temporary file survives a signal",
	    test_signal_cleanup) == NULL ||
	    CU_add_test(s, "blank and plural", test_blank_plural) == NULL ||
	    CU_add_test(s, "help lists every option taken",
	    test_help_complete) == NULL ||
	    CU_add_test(s, "usage errors in two lines",
	    test_usage_errors) == NULL ||
	    CU_add_test(s, "reid keeps lines aligned", test_reid_lines) ==
	    NULL ||
	    CU_add_test(s, "passphrase file with CRLF", test_pass_crlf) ==
	    NULL ||
	    CU_add_test(s, "counts and policy warnings",
	    test_counts_and_warnings) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
