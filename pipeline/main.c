/*
 * main.c - the veil command: argument parsing, messages, exit codes.
 *
 * The only file that prints to stderr or exits.  Every command is one
 * function; the work is done by the modules it calls.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "chunker.h"
#include "cli.h"
#include "crypto.h"
#include "engine.h"
#include "err.h"
#include "eval.h"
#include "keyfile.h"
#include "keystore.h"
#include "log.h"
#include "patients.h"
#include "phitype.h"
#include "policy.h"
#include "pool.h"
#include "pseudonym.h"
#include "reader.h"
#include "transform.h"
#include "writer.h"

#define VEIL_VERSION "0.1.0"
#define DEFAULT_MAX_RECORD (16u << 20)
#define DEFAULT_LOGN 18

static int verbosity = 1;	/* 0: -q, 1: default, 2: -v */

static const char usage_main[] =
"usage: veil COMMAND [OPTIONS] [FILE...]\n"
"\n"
"De-identify clinical notes and research exports (HIPAA safe harbor or a\n"
"limited data set), keeping the re-identification key in an encrypted\n"
"keystore.\n"
"\n"
"commands:\n"
"  keygen     make a new key file\n"
"  scrub      de-identify records; write the key to a keystore\n"
"  detect     print the identifiers found, as spans JSONL\n"
"  eval       score detected spans against gold spans\n"
"  reid       restore tokens (needs the key and a reason; logged)\n"
"  keystore   list or verify a keystore\n"
"  audit      verify a keystore's access log\n"
"  help       show help for a command\n"
"\n"
"veil help COMMAND or veil COMMAND --help for details; veil --version.\n"
"Exit status: 0 ok, 1 records rejected, 2 usage, 3 key or integrity.\n";

static const char usage_keygen[] =
"usage: veil keygen -o KEYFILE [--no-passphrase | --passphrase-file F |\n"
"                   --passphrase-fd N] [--kdf-cost N]\n"
"\n"
"Make a new key file (mode 0600; an existing file is never replaced).\n"
"Without a passphrase option veil asks for one on the terminal, twice.\n"
"The passphrase is stretched with scrypt at 2^N (N = 15..22, default\n"
"18: about 2 s and 256 MiB).  --no-passphrase keeps the keys unwrapped,\n"
"for automation and tests only.\n";

static const char usage_scrub[] =
"usage: veil scrub [-c POLICY] [-k KEYFILE] [-K KEYSTORE] [-o OUT]\n"
"                  [--format text|jsonl|csv] [--profile safe-harbor|limited]\n"
"                  [--spans SPANS.jsonl] [--audit RUN.json] [--threads N]\n"
"                  [--shard I/N] [--max-record SIZE] [--window SIZE]\n"
"                  [--known ROSTER] [-q | -v]\n"
"                  [--passphrase-file F | --passphrase-fd N] [FILE...]\n"
"\n"
"Read records (no FILE or '-': standard input), replace every\n"
"identifier by policy and write them in the input's format to OUT\n"
"(default standard output).  Pseudonyms' originals go to the encrypted\n"
"keystore directory KEYSTORE, so -k and -K are required unless the\n"
"policy pseudonymises nothing.  A record that cannot be read or scanned\n"
"is rejected (reported by number, never by content) and the exit status\n"
"is 1; the other records are still written.  OUT, SPANS and RUN appear\n"
"under their names only when complete.\n"
"\n"
"  -c POLICY         YAML policy: profile, domain, per-type operators,\n"
"                    columns to export (others are dropped)\n"
"  --profile P       safe-harbor (default) or limited\n"
"  --spans FILE      also write the spans found, as JSONL\n"
"  --audit FILE      write a JSON summary of the run (counts only)\n"
"  --shard I/N       this is shard I of N (names the keystore segment)\n"
"  --max-record SIZE reject CSV or JSONL records larger than SIZE\n"
"                    (default 16M)\n"
"  --window SIZE     scan text documents in windows of SIZE (default\n"
"                    1M): any size of document in bounded memory\n"
"  --known ROSTER    CSV or JSONL of patients' identifiers (patient_id,\n"
"                    first_name, last_name, mrn, dob, ...), looked for\n"
"                    in their notes with variants; file inputs are also\n"
"                    read once first for every patient's own fields\n"
"  -q, -v            quieter, or a per-type summary on stderr\n";

static const char usage_detect[] =
"usage: veil detect [-c POLICY] [--format text|jsonl|csv] [--known ROSTER]\n"
"                   [FILE...]\n"
"\n"
"Print the identifiers found as spans JSONL on standard output: one line\n"
"per scanned value, offsets in code points of the original value.  No\n"
"key is needed and no text is written.  --known ROSTER: as for scrub.\n";

static const char usage_reid[] =
"usage: veil reid -k KEYFILE -K KEYSTORE --reason TEXT [-c POLICY]\n"
"                 [--passphrase-file F | --passphrase-fd N] [TOKEN...]\n"
"\n"
"Print the original of each TOKEN ([TYPE-token] or TYPE-token), one per\n"
"line; with no TOKEN, copy standard input to standard output with every\n"
"token replaced by its original.  The request (who, when, reason,\n"
"counts; never values) is appended to KEYSTORE/access.log first.  A wrong\n"
"key or a tampered keystore prints nothing and exits 3.  Tokens of every\n"
"linkage domain in KEYSTORE are restored; -c POLICY reads only its domain.\n";

static const char usage_keystore[] =
"usage: veil keystore list   -k KEYFILE -K KEYSTORE [-c POLICY]\n"
"       veil keystore verify -k KEYFILE -K KEYSTORE [-c POLICY]\n"
"\n"
"list prints the number of entries per linkage domain and type (never\n"
"values); verify checks every segment and the access log's chain.  Both\n"
"read every domain's segments; -c POLICY reads only the policy's domain.\n";

static const char usage_audit[] =
"usage: veil audit verify -k KEYFILE LOG\n"
"\n"
"Check the HMAC chain of a keystore access log.\n";

static const char usage_eval[] =
"usage: veil eval --gold GOLD --spans SPANS.jsonl [--exclude-types T,T]\n"
"                 [--json] [--show-text] [-o OUT]\n"
"\n"
"Score predicted spans (veil detect, or scrub --spans) against gold\n"
"spans: per-type precision, recall, F1 and F2 for entities (any overlap,\n"
"and exact start and end) and for tokens, and the leaks: gold spans with\n"
"no character covered, by id, field, offsets and type.  GOLD is spans\n"
"JSONL with \"text\", a BRAT .ann file (its .txt beside it, id = the .txt\n"
"path) or a directory of them, or an i2b2-2014 XML file or directory (id =\n"
"the file name without .xml).  Records are joined on (id, field); a gold\n"
"document with no prediction counts as missed, and predictions not in\n"
"gold are counted and left out.\n"
"\n"
"  --exclude-types T,T  leave these types out of gold and predictions\n"
"  --json               one JSON object instead of the table\n"
"  --show-text          also show the text of each leak (it is PHI)\n"
"  -o OUT               write the report to OUT (default standard output)\n"
"\n"
"Exit status: 0 scored, 1 the report cannot be written, 2 usage error or\n"
"unreadable input.\n";

static void
log_to_stderr(enum log_level level, const char *line)
{
	static const char *const tags[] = { "error", "warning", "info",
		"debug" };

	fprintf(stderr, "veil: %s: %s\n", tags[level], line);
}

static void
usage_exit(const char *text, const char *why)
{
	if (why != NULL)
		fprintf(stderr, "veil: %s\n", why);
	fputs(text, stderr);
	exit(EXIT_USAGE);
}

static void
help_exit(const char *text)
{
	fputs(text, stdout);
	if (fflush(stdout) != 0 || ferror(stdout))
		exit(EXIT_USAGE);
	exit(EXIT_OK);
}

/* Options shared by the commands; each command reads what it needs. */
struct opts {
	const char *policy;
	const char *keyfile;
	const char *keystore;
	const char *out;
	const char *format;
	const char *profile;
	const char *spans;
	const char *audit;
	const char *reason;
	const char *known;
	struct cli_pass_src pass;
	int logn;
	unsigned threads;
	unsigned shard, nshards;
	size_t max_record;
	size_t window;
	int help;
};

enum {
	OPT_FORMAT = 256,
	OPT_PROFILE,
	OPT_SPANS,
	OPT_AUDIT,
	OPT_THREADS,
	OPT_SHARD,
	OPT_REASON,
	OPT_NOPASS,
	OPT_PASSFILE,
	OPT_PASSFD,
	OPT_KDFCOST,
	OPT_MAXREC,
	OPT_WINDOW,
	OPT_KNOWN
};

static const struct option long_opts[] = {
	{ "policy", required_argument, NULL, 'c' },
	{ "key", required_argument, NULL, 'k' },
	{ "keystore", required_argument, NULL, 'K' },
	{ "output", required_argument, NULL, 'o' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "spans", required_argument, NULL, OPT_SPANS },
	{ "audit", required_argument, NULL, OPT_AUDIT },
	{ "threads", required_argument, NULL, OPT_THREADS },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "reason", required_argument, NULL, OPT_REASON },
	{ "no-passphrase", no_argument, NULL, OPT_NOPASS },
	{ "passphrase-file", required_argument, NULL, OPT_PASSFILE },
	{ "passphrase-fd", required_argument, NULL, OPT_PASSFD },
	{ "kdf-cost", required_argument, NULL, OPT_KDFCOST },
	{ "max-record", required_argument, NULL, OPT_MAXREC },
	{ "window", required_argument, NULL, OPT_WINDOW },
	{ "known", required_argument, NULL, OPT_KNOWN },
	{ NULL, 0, NULL, 0 }
};

static int
parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v > max)
		return ERR_USAGE;
	*out = v;
	return 0;
}

static int
parse_shard(const char *s, struct opts *o)
{
	unsigned long i, n;
	char *slash, tmp[64];

	if (strlen(s) >= sizeof(tmp))
		return ERR_USAGE;
	memcpy(tmp, s, strlen(s) + 1);
	slash = strchr(tmp, '/');
	if (slash == NULL)
		return ERR_USAGE;
	*slash = '\0';
	if (parse_uint(tmp, 1000000, &i) != 0 ||
	    parse_uint(slash + 1, 1000000, &n) != 0 || n == 0 || i >= n)
		return ERR_USAGE;
	o->shard = (unsigned)i;
	o->nshards = (unsigned)n;
	return 0;
}

static int
parse_value_opt(int c, const char *arg, struct opts *o)
{
	unsigned long v;

	switch (c) {
	case OPT_THREADS:
		if (parse_uint(arg, 1024, &v) != 0 || v == 0)
			return ERR_USAGE;
		o->threads = (unsigned)v;
		return 0;
	case OPT_SHARD:
		return parse_shard(arg, o);
	case OPT_PASSFD:
		if (parse_uint(arg, 65535, &v) != 0)
			return ERR_USAGE;
		o->pass.fd = (int)v;
		return 0;
	case OPT_KDFCOST:
		if (parse_uint(arg, 22, &v) != 0 || v < 15)
			return ERR_USAGE;
		o->logn = (int)v;
		return 0;
	case OPT_MAXREC:
		return cli_parse_size(arg, &o->max_record);
	case OPT_WINDOW:
		if (cli_parse_size(arg, &o->window) != 0 || o->window < 64 ||
		    o->window > (64u << 20))
			return ERR_USAGE;
		return 0;
	default:
		return ERR_USAGE;
	}
}

static int
parse_opt(int c, const char *arg, struct opts *o)
{
	switch (c) {
	case 'c': o->policy = arg; break;
	case 'k': o->keyfile = arg; break;
	case 'K': o->keystore = arg; break;
	case 'o': o->out = arg; break;
	case 'q': verbosity = 0; break;
	case 'v': verbosity = 2; break;
	case 'h': o->help = 1; break;
	case OPT_FORMAT: o->format = arg; break;
	case OPT_PROFILE: o->profile = arg; break;
	case OPT_SPANS: o->spans = arg; break;
	case OPT_AUDIT: o->audit = arg; break;
	case OPT_REASON: o->reason = arg; break;
	case OPT_NOPASS: o->pass.none = 1; break;
	case OPT_PASSFILE: o->pass.file = arg; break;
	case OPT_KNOWN: o->known = arg; break;
	default: return parse_value_opt(c, arg, o);
	}
	return 0;
}

/* Every online core, within reason. */
static unsigned
default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		return 1;
	return n > 64 ? 64 : (unsigned)n;
}

/*
 * Parse argv into o; returns the index of the first operand.  A bad
 * option prints the command's usage and exits 2.
 */
static int
parse_opts(int argc, char **argv, struct opts *o, const char *usage)
{
	int c;

	memset(o, 0, sizeof(*o));
	o->pass.fd = -1;
	o->logn = DEFAULT_LOGN;
	o->threads = default_threads();
	o->nshards = 1;
	o->max_record = DEFAULT_MAX_RECORD;
	o->window = CHUNKER_WINDOW;

	optind = 1;
	while ((c = getopt_long(argc, argv, "c:k:K:o:qvh", long_opts,
	    NULL)) != -1) {
		if (c == '?' || c == ':')
			usage_exit(usage, NULL);
		if (parse_opt(c, optarg, o) != 0) {
			fprintf(stderr, "veil: bad value for an option: '%s'\n",
			    optarg ? optarg : "");
			usage_exit(usage, NULL);
		}
	}
	if (o->help)
		help_exit(usage);
	return optind;
}

/*
 * A passphrase file must exist; one that others can read is used but
 * named, since it is as good as the key.
 */
static void
check_pass_file(const struct cli_pass_src *src)
{
	struct stat st;

	if (src->fd >= 0 || src->file == NULL)
		return;
	if (stat(src->file, &st) != 0)
		err(EXIT_USAGE, "passphrase file '%s'", src->file);
	if ((st.st_mode & 077) != 0 && verbosity > 0)
		warnx("passphrase file '%s' is readable by others "
		    "(chmod 600 it)", src->file);
}

/* Load and unlock the key file; any failure exits 3. */
static struct keyfile *
load_key(const struct opts *o)
{
	char pass[CLI_MAX_PASS + 1], why[256];
	struct keyfile *kf = NULL;
	int wrapped, n = 0, r;

	if (o->keyfile == NULL)
		errx(EXIT_USAGE, "a key file is needed (-k KEYFILE)");

	wrapped = keyfile_is_wrapped(o->keyfile);
	if (wrapped < 0)
		errx(EXIT_KEY, "cannot use key file '%s': %s", o->keyfile,
		    err_str(wrapped));
	if (wrapped) {
		check_pass_file(&o->pass);
		n = cli_read_pass(&o->pass, "passphrase: ", 0, pass);
		if (n < 0)
			errx(EXIT_USAGE, "cannot read the passphrase: %s",
			    n == ERR_USAGE ? "it is empty" : err_str(n));
	}

	why[0] = '\0';
	r = keyfile_load(o->keyfile, wrapped ? pass : NULL, (size_t)n, &kf,
	    why, sizeof(why));
	explicit_bzero(pass, sizeof(pass));
	if (r != 0)
		errx(EXIT_KEY, "cannot open key file '%s': %s", o->keyfile,
		    why[0] ? why : err_str(r));
	return kf;
}

/* The policy from -c, else the built-in profile; --profile overrides. */
static struct policy *
load_policy(const struct opts *o)
{
	struct policy *p = NULL;
	char why[256];
	enum policy_profile prof = POLICY_SAFE_HARBOR;

	if (o->profile != NULL) {
		if (strcmp(o->profile, "safe-harbor") == 0)
			prof = POLICY_SAFE_HARBOR;
		else if (strcmp(o->profile, "limited") == 0)
			prof = POLICY_LIMITED;
		else
			errx(EXIT_USAGE, "unknown profile '%s'", o->profile);
	}

	if (o->policy != NULL) {
		why[0] = '\0';
		if (policy_load(o->policy, &p, why, sizeof(why)) != 0)
			errx(EXIT_USAGE, "policy '%s': %s", o->policy, why);
		if (o->profile != NULL)
			policy_set_profile(p, prof);
	} else {
		p = policy_new(prof);
		if (p == NULL)
			errx(EXIT_USAGE, "out of memory");
	}
	return p;
}

/* Everything a scrub or detect run holds. */
struct run {
	struct opts o;
	struct policy *policy;
	struct keyfile *kf;
	struct pseudonym *ps;
	struct keystore_writer *ksw;
	struct transform *tf;
	struct engine *engine;
	struct patients *patients;
	struct pool *pool;
	struct writer *writer;
	struct cli_out out, spans_out, audit_out;
	unsigned long long counts[PHI_NTYPES];
	enum record_format format;
	int detect;
	int header_done;
	char **hdr;		/* CSV header kept for an output with no row */
	size_t nhdr;
	unsigned long long read, written, rejected;
	double start;		/* monotonic seconds at the start */
	double last_progress;
	unsigned long long bytes_done;	/* of inputs already finished */
	unsigned long long bytes_doc;	/* of the text document under way */
	struct engine_worker *text_worker; /* for text documents */
	size_t window;			/* their window size */
	unsigned long long bytes_total;	/* of regular-file inputs, or 0 */
	int progress;		/* stderr is a terminal and not -q */
};

static void
run_keys(struct run *run)
{
	unsigned char k[KEYFILE_KEYLEN];
	char why[256];
	const char *domain = policy_domain(run->policy);

	if (run->o.keystore == NULL)
		errx(EXIT_USAGE, "pseudonyms need a keystore (-K KEYSTORE): "
		    "the key to re-identify must go somewhere");
	run->kf = load_key(&run->o);

	if (keyfile_subkey(run->kf, KEYFILE_PSEUDONYM, domain, k) != 0)
		errx(EXIT_KEY, "cannot derive the pseudonym key");
	run->ps = pseudonym_new(k);
	explicit_bzero(k, sizeof(k));
	if (run->ps == NULL)
		errx(EXIT_KEY, "cannot set up pseudonyms");

	why[0] = '\0';
	run->ksw = keystore_writer_new(run->o.keystore, run->kf, domain,
	    run->o.shard, why, sizeof(why));
	if (run->ksw == NULL)
		errx(EXIT_KEY, "keystore '%s': %s", run->o.keystore, why);
}

/*
 * The known patients: the roster (--known, else the policy's 'known'),
 * then a first pass over every input that is a regular CSV or JSONL
 * file, so that a record finds what its patient's other records give.
 */
static void
run_known(struct run *run, FILE **fps, char **paths, int n)
{
	const char *roster = run->o.known;
	enum record_format f;
	struct stat st;
	char why[512];
	FILE *fp;
	int i;

	if (roster == NULL)
		roster = policy_known_path(run->policy);
	run->patients = patients_new();
	if (run->patients == NULL)
		errx(EXIT_USAGE, "out of memory");
	why[0] = '\0';
	if (roster != NULL) {
		if (cli_format_for(NULL, roster, &f) != 0 || f == RECORD_TEXT)
			errx(EXIT_USAGE, "roster '%s': must be .csv or .jsonl",
			    roster);
		fp = fopen(roster, "rb");
		if (fp == NULL)
			err(EXIT_USAGE, "cannot open roster '%s'", roster);
		if (patients_read(run->patients, fp, roster, f, run->policy,
		    run->o.max_record, 1, why, sizeof(why)) != 0)
			errx(EXIT_USAGE, "roster %s", why);
		(void)fclose(fp);
	}
	for (i = 0; i < n && run->format != RECORD_TEXT; i++) {
		if (fps[i] == stdin || fstat(fileno(fps[i]), &st) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (patients_read_threads(run->patients, fps[i], paths[i],
		    run->format, run->policy, run->o.max_record, 0,
		    run->o.threads, why, sizeof(why)) != 0)
			errx(EXIT_REJECTED, "first pass over %s", why);
		rewind(fps[i]);
	}
}

static void
run_setup(struct run *run, FILE **fps, char **paths, int n)
{
	struct engine_config cfg = { 0 };
	char why[256];

	run->policy = load_policy(&run->o);
	run_known(run, fps, paths, n);
	if (!run->detect && policy_uses_keystore(run->policy))
		run_keys(run);

	if (!run->detect) {
		run->tf = transform_new(run->policy, run->ps, run->ksw);
		if (run->tf == NULL)
			errx(EXIT_USAGE, "out of memory");
	}

	cfg.policy = run->policy;
	cfg.transform = run->tf;
	cfg.max_value = run->o.max_record * 4 + 4096;
	cfg.patients = run->patients;
	cfg.timed = verbosity >= 2;
	why[0] = '\0';
	run->engine = engine_new(&cfg, why, sizeof(why));
	if (run->engine == NULL)
		errx(EXIT_USAGE, "cannot start: %s", why);
	run->text_worker = engine_worker_new(run->engine);
	if (run->text_worker == NULL)
		errx(EXIT_USAGE, "out of memory");
	run->window = run->o.window;
	run->pool = pool_new(run->engine, run->o.threads,
	    run->detect || run->o.spans != NULL);
	if (run->pool == NULL)
		errx(EXIT_USAGE, "cannot start %u worker threads",
		    run->o.threads);
}

static void
run_teardown(struct run *run)
{
	while (run->nhdr > 0)
		free(run->hdr[--run->nhdr]);
	free(run->hdr);
	writer_free(run->writer);
	pool_free(run->pool);
	engine_worker_free(run->text_worker);
	engine_free(run->engine);
	patients_free(run->patients);
	transform_free(run->tf);
	keystore_writer_free(run->ksw);
	pseudonym_free(run->ps);
	keyfile_free(run->kf);
	policy_free(run->policy);
}

/* Name, once, the columns a policy names that the input lacks. */
static void
warn_unknown_columns(const struct run *run, const struct record *rec)
{
	size_t i, j, n = policy_column_count(run->policy);

	for (i = 0; i < n && verbosity > 0; i++) {
		const char *name = policy_column_name(run->policy, i);

		for (j = 0; j < rec->nfields; j++)
			if (strcmp(rec->fields[j].name, name) == 0)
				break;
		if (j == rec->nfields)
			warnx("the policy names a column the input does not "
			    "have: '%s'", name);
	}
}

/* Name, once, the columns a policy leaves out (minimum necessary). */
static void
note_dropped(struct run *run, const struct record *rec)
{
	size_t i;
	int any = 0;

	if (run->header_done || !policy_has_columns(run->policy))
		return;
	for (i = 0; i < rec->nfields; i++) {
		if (!rec->fields[i].drop)
			continue;
		if (verbosity > 0)
			fprintf(stderr, "%s'%s'", any ? ", " :
			    "veil: not exported (not named by the policy): ",
			    rec->fields[i].name);
		any = 1;
	}
	if (any && verbosity > 0)
		fputc('\n', stderr);
	warn_unknown_columns(run, rec);
}

static void
reject(struct run *run, const char *path, unsigned long long number,
    const char *why)
{
	run->rejected++;
	if (number == 0)
		warnx("%s: rejected: %s", path, why);
	else
		warnx("%s: record %llu rejected: %s", path, number, why);
}

/*
 * Write record i of batch b, which a worker scanned and rendered; a
 * write failure is fatal.
 */
static void
emit(struct run *run, struct reader *rd, const struct pool_batch *b,
    size_t i)
{
	const struct record *rec = &b->recs[i];
	size_t from = i > 0 ? b->end[i - 1] : 0;

	if (!run->detect) {
		if (!run->header_done && run->format == RECORD_CSV)
			writer_csv_layout(run->writer, reader_csv_crlf(rd),
			    reader_csv_bom(rd));
		if (b->put[i] != 0 || writer_put_rendered(run->writer, rec,
		    b->out.data + from, b->end[i] - from) != 0)
			errx(EXIT_REJECTED, "cannot write the output");
	}
	note_dropped(run, rec);
	run->header_done = 1;
	run->written++;
}

/* Keep the exported columns of a CSV header that had no good row. */
static void
finish_csv_header(struct run *run, struct reader *rd)
{
	const char *const *h;
	size_t n, i;

	h = reader_header(rd, &n);
	if (h == NULL || run->hdr != NULL)
		return;
	run->hdr = calloc(n ? n : 1, sizeof(*run->hdr));
	if (run->hdr == NULL)
		errx(EXIT_REJECTED, "out of memory");
	for (i = 0; i < n; i++) {
		if (policy_column(run->policy, h[i], NULL) == POLICY_COL_DROP)
			continue;
		run->hdr[run->nhdr] = strdup(h[i]);
		if (run->hdr[run->nhdr] == NULL)
			errx(EXIT_REJECTED, "out of memory");
		run->nhdr++;
	}
}

/*
 * Fill batch b from the reader.  Returns 1 at the end of the input.
 * Records the reader rejects keep their slot, so that messages come out
 * in input order.
 */
static int
fill_batch(struct reader *rd, struct pool_batch *b, const char *path)
{
	struct record *rec;
	size_t i;
	int r;

	while (b->n < POOL_BATCH_RECORDS && b->bytes < POOL_BATCH_BYTES) {
		rec = &b->recs[b->n];
		r = reader_next(rd, rec);
		if (r == 0)
			return 1;
		if (r == ERR_IO || r == ERR_NOMEM)
			errx(EXIT_REJECTED, "%s: cannot read: %s", path,
			    err_str(r));
		b->status[b->n] = 0;
		b->parsed[b->n] = r > 0;
		if (r < 0)
			pool_reject(b, r, reader_error(rd));
		b->bytes += rec->raw_len;
		for (i = 0; r > 0 && i < rec->nfields; i++)
			b->bytes += rec->fields[i].len;
		b->n++;
	}
	return 0;
}

/*
 * What the workers do with batch b besides scanning: parse deferred
 * lines, render the output (not for detect), and once the first record
 * is out (its names made the CSV header and the notes on dropped
 * columns) free each record as soon as it is rendered.
 */
static void
batch_how(const struct run *run, struct reader *rd, struct pool_batch *b)
{
	b->max_record = run->o.max_record;
	b->render = !run->detect;
	b->format = run->format;
	b->crlf = reader_csv_crlf(rd);
	b->slim = run->header_done;
}

static double
now(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Progress on a terminal, at most twice a second: records, MB/s and,
 * for files, how far along and how long to go.
 */
static void
show_progress(struct run *run, FILE *fp, int last)
{
	double t = now(), el = t - run->start, mb;
	unsigned long long done = run->bytes_done;
	long pos;

	if (!run->progress || (!last && t - run->last_progress < 0.5))
		return;
	run->last_progress = t;
	pos = fp != NULL ? ftell(fp) : -1;
	if (pos > 0)
		done += (unsigned long long)pos;
	done += run->bytes_doc;
	mb = (double)done / 1048576.0;
	fprintf(stderr, "\rveil: %llu records, %.1f MB, %.1f MB/s",
	    run->written + run->rejected, mb, el > 0 ? mb / el : 0.0);
	if (run->bytes_total > 0 && done > 0 && done <= run->bytes_total)
		fprintf(stderr, ", %.0f%%, %.0f s left  ",
		    100.0 * (double)done / (double)run->bytes_total,
		    el * (double)(run->bytes_total - done) / (double)done);
	if (last)
		fputc('\n', stderr);
}

/* Write the oldest batch in flight; 0 when there was none. */
static int
flush_batch(struct run *run, struct reader *rd, const char *path)
{
	struct pool_batch *b;
	size_t i;

	b = pool_next(run->pool);
	if (b == NULL)
		return 0;
	for (i = 0; i < b->n; i++) {
		run->read += (unsigned long long)b->parsed[i];
		if (b->status[i] != 0)
			reject(run, path, b->recs[i].number, b->why[i]);
		else
			emit(run, rd, b, i);
	}
	if (run->spans_out.fp != NULL && b->spans.len > 0 &&
	    fwrite(b->spans.data, 1, b->spans.len, run->spans_out.fp) !=
	    b->spans.len)
		errx(EXIT_REJECTED, "cannot write the spans");
	pool_release(run->pool, b);
	return 1;
}

/*
 * Cut fp back to pos after a rejected document, so that nothing of it
 * stays in a file output.  A pipe cannot be cut: what was written there
 * is already de-identified, and the rejection is reported all the same.
 */
static void
cut_back(FILE *fp, long pos)
{
	if (fp == NULL || pos < 0 || fflush(fp) != 0)
		return;
	if (ftruncate(fileno(fp), pos) == 0)
		(void)fseek(fp, pos, SEEK_SET);
}

static void
text_tick(void *arg, unsigned long long bytes)
{
	struct run *run = arg;

	run->bytes_doc = bytes;
	show_progress(run, NULL, 0);
}

/*
 * A text document: scanned in windows (chunker.c), so that a document
 * of any size takes bounded memory.
 */
static void
run_text(struct run *run, FILE *fp, const char *path)
{
	struct chunker_io io;
	char why[256];
	long opos, spos;
	int r;

	memset(&io, 0, sizeof(io));
	io.in = fp;
	io.id = path;
	io.out = run->detect ? NULL : run->out.fp;
	io.spans = run->spans_out.fp;
	io.tick = text_tick;
	io.arg = run;
	opos = io.out != NULL ? ftell(io.out) : -1;
	spos = io.spans != NULL ? ftell(io.spans) : -1;

	why[0] = '\0';
	r = chunker_run(run->text_worker, &io, run->window, why, sizeof(why));
	run->bytes_doc = 0;
	run->bytes_done += io.bytes;
	if (r == ERR_IO)
		errx(EXIT_REJECTED, "%s: cannot read or write: %s", path, why);
	if (r != 0) {
		cut_back(io.out, opos);
		cut_back(io.spans, spos);
		reject(run, path, 1, why);
		return;
	}
	run->read++;
	run->written++;
}

/* Bytes of the regular files among the inputs, for the ETA. */
static unsigned long long
input_bytes(FILE **fps, int n)
{
	unsigned long long total = 0;
	struct stat st;
	int i;

	for (i = 0; i < n; i++) {
		if (fstat(fileno(fps[i]), &st) != 0 || !S_ISREG(st.st_mode))
			return 0;
		total += (unsigned long long)st.st_size;
	}
	return total;
}

static void
run_stream(struct run *run, FILE *fp, const char *path)
{
	struct reader *rd;
	struct pool_batch *b;
	int eof = 0;

	rd = reader_new(fp, path, run->format, run->o.max_record);
	if (rd == NULL)
		errx(EXIT_REJECTED, "out of memory");
	reader_defer(rd);

	while (!eof) {
		b = pool_take(run->pool);
		if (b == NULL) {
			(void)flush_batch(run, rd, path);
			show_progress(run, fp, 0);
			continue;
		}
		eof = fill_batch(rd, b, path);
		batch_how(run, rd, b);
		if (b->n > 0)
			pool_submit(run->pool, b);
		else
			pool_release(run->pool, b);
	}
	while (flush_batch(run, rd, path))
		continue;
	if (fp != stdin && ftell(fp) > 0)
		run->bytes_done += (unsigned long long)ftell(fp);

	if (!run->header_done && !run->detect && run->format == RECORD_CSV)
		finish_csv_header(run, rd);
	reader_free(rd);
}

static void
print_summary(const struct run *run)
{
	const unsigned long long *c = run->counts;
	int i;

	double secs[64], total = 0, el = now() - run->start;
	size_t j, nf = engine_nfamilies();

	if (verbosity < 2)
		return;
	fprintf(stderr, "veil: %llu records read, %llu written, "
	    "%llu rejected in %.2f s (%.1f MB/s)\n", run->read, run->written,
	    run->rejected, el, el > 0 ? (double)run->bytes_done / 1048576.0 /
	    el : 0.0);
	for (i = 0; i < PHI_NTYPES; i++)
		if (c[i] > 0)
			fprintf(stderr, "  %-12s %10llu\n",
			    phitype_name((enum phi_type)i), c[i]);
	if (run->ksw != NULL)
		fprintf(stderr, "  keystore entries %6zu\n",
		    keystore_writer_count(run->ksw));

	pool_seconds(run->pool, secs);
	for (j = 0; j < nf && j < 64; j++)
		secs[j] += engine_worker_seconds(run->text_worker)[j];
	for (j = 0; j < nf && j < 64; j++)
		total += secs[j];
	fprintf(stderr, "veil: recognizer time, %.2f s over all threads:\n",
	    total);
	for (j = 0; j < nf && j < 64; j++)
		fprintf(stderr, "  %-12s %8.2f s %5.1f%%\n",
		    engine_family_name(j), secs[j],
		    total > 0 ? 100.0 * secs[j] / total : 0.0);
}

/*
 * The run's summary as JSON: counts only, never a value.  Its file was
 * opened with the other outputs, so a bad path is a usage error.
 */
static int
write_audit(struct run *run)
{
	const unsigned long long *c = run->counts;
	struct cli_out out = run->audit_out;
	int i, first = 1;

	memset(&run->audit_out, 0, sizeof(run->audit_out));
	fprintf(out.fp, "{\"veil\": \"%s\", \"profile\": \"%s\", "
	    "\"domain\": \"%s\", \"records_read\": %llu, "
	    "\"records_written\": %llu, \"records_rejected\": %llu, "
	    "\"identifiers\": {", VEIL_VERSION,
	    policy_profile_name(run->policy), policy_domain(run->policy),
	    run->read, run->written, run->rejected);
	for (i = 0; i < PHI_NTYPES; i++) {
		if (c[i] == 0)
			continue;
		fprintf(out.fp, "%s\"%s\": %llu", first ? "" : ", ",
		    phitype_name((enum phi_type)i), c[i]);
		first = 0;
	}
	/* The operators actually used, since a policy may change them. */
	fprintf(out.fp, "}, \"operators\": {");
	for (i = 0; i < PHI_NTYPES; i++)
		fprintf(out.fp, "%s\"%s\": \"%s\"", i ? ", " : "",
		    phitype_name((enum phi_type)i),
		    policy_op_name(policy_op(run->policy, (enum phi_type)i)));
	fprintf(out.fp, "}, \"keystore_entries\": %zu}\n",
	    run->ksw ? keystore_writer_count(run->ksw) : 0);
	return cli_out_commit(&out);
}

/*
 * Open every input before any output, so that a missing file is a
 * usage error with nothing written.
 */
static FILE **
open_inputs(int n, char **paths)
{
	struct stat st;
	FILE **fps;
	int i;

	fps = calloc(n > 0 ? (size_t)n : 1, sizeof(*fps));
	if (fps == NULL)
		errx(EXIT_USAGE, "out of memory");
	for (i = 0; i < n; i++) {
		if (strcmp(paths[i], "-") == 0) {
			fps[i] = stdin;
			continue;
		}
		fps[i] = fopen(paths[i], "rb");
		if (fps[i] == NULL)
			err(EXIT_USAGE, "cannot open '%s'", paths[i]);
		if (fstat(fileno(fps[i]), &st) == 0 && S_ISDIR(st.st_mode))
			errx(EXIT_USAGE, "'%s' is a directory", paths[i]);
	}
	return fps;
}

static void
pick_format(struct run *run, int n, char **paths)
{
	enum record_format f;
	int i;

	if (cli_format_for(run->o.format, n > 0 ? paths[0] : NULL,
	    &run->format) != 0)
		errx(EXIT_USAGE, "unknown format '%s'", run->o.format);
	for (i = 1; i < n && run->o.format == NULL; i++) {
		(void)cli_format_for(NULL, paths[i], &f);
		if (f != run->format)
			errx(EXIT_USAGE, "inputs of different formats: "
			    "give --format or run them apart");
	}
}

/* Refuse an output that is one of the inputs: it would replace it. */
static void
check_not_input(const char *out, FILE **fps, int n)
{
	struct stat so, si;
	int i;

	if (out == NULL || strcmp(out, "-") == 0 || stat(out, &so) != 0)
		return;
	for (i = 0; i < n; i++)
		if (fstat(fileno(fps[i]), &si) == 0 &&
		    si.st_dev == so.st_dev && si.st_ino == so.st_ino)
			errx(EXIT_USAGE, "output '%s' is also an input", out);
}

/* The run whose temporary outputs a fatal error must remove. */
static struct run *live_run;

/* atexit: remove what errx() left; outputs already committed stay. */
static void
drop_outputs(void)
{
	if (live_run == NULL)
		return;
	cli_out_abort(&live_run->out);
	cli_out_abort(&live_run->spans_out);
	cli_out_abort(&live_run->audit_out);
}

static void
open_outputs(struct run *run)
{
	live_run = run;
	if (atexit(drop_outputs) != 0)
		errx(EXIT_USAGE, "out of memory");
	if (run->o.audit != NULL &&
	    cli_out_open(&run->audit_out, run->o.audit) != 0)
		err(EXIT_USAGE, "cannot write '%s'", run->o.audit);
	if (!run->detect && run->o.spans != NULL &&
	    cli_out_open(&run->spans_out, run->o.spans) != 0)
		err(EXIT_USAGE, "cannot write '%s'", run->o.spans);
	if (run->detect) {
		if (cli_out_open(&run->spans_out, NULL) != 0)
			errx(EXIT_USAGE, "cannot write standard output");
		return;
	}
	if (cli_out_open(&run->out, run->o.out) != 0)
		err(EXIT_USAGE, "cannot write '%s'", run->o.out);
	run->writer = writer_new(run->out.fp, run->format);
	if (run->writer == NULL)
		errx(EXIT_USAGE, "out of memory");
}

/*
 * Commit in the order that never leaves a token without its key: the
 * keystore segment first, then the output and the spans.
 */
static void
run_finish(struct run *run)
{
	char why[256];

	if (run->writer != NULL && writer_finish(run->writer,
	    (const char *const *)run->hdr, run->nhdr) != 0) {
		cli_out_abort(&run->out);
		cli_out_abort(&run->spans_out);
		cli_out_abort(&run->audit_out);
		errx(EXIT_REJECTED, "cannot write the output");
	}

	why[0] = '\0';
	if (run->ksw != NULL &&
	    keystore_writer_commit(run->ksw, why, sizeof(why)) != 0) {
		cli_out_abort(&run->out);
		cli_out_abort(&run->spans_out);
		cli_out_abort(&run->audit_out);
		errx(EXIT_KEY, "keystore '%s': %s", run->o.keystore, why);
	}

	if (!run->detect && cli_out_commit(&run->out) != 0) {
		cli_out_abort(&run->spans_out);
		cli_out_abort(&run->audit_out);
		errx(EXIT_REJECTED, "cannot write the output");
	}
	if (run->spans_out.fp != NULL &&
	    cli_out_commit(&run->spans_out) != 0) {
		cli_out_abort(&run->audit_out);
		errx(EXIT_REJECTED, "cannot write the spans");
	}
	if (run->o.audit != NULL && write_audit(run) != 0)
		errx(EXIT_REJECTED, "cannot write '%s'", run->o.audit);
	live_run = NULL;
}

static int
cmd_scrub_or_detect(int argc, char **argv, int detect)
{
	static char dash[] = "-";
	static char *stdin_path[] = { dash };
	struct run run;
	FILE **fps;
	char **paths;
	int first, n, i, status;

	memset(&run, 0, sizeof(run));
	run.detect = detect;
	first = parse_opts(argc, argv, &run.o,
	    detect ? usage_detect : usage_scrub);
	n = argc - first;
	paths = n > 0 ? argv + first : stdin_path;
	if (n == 0)
		n = 1;

	pick_format(&run, n, paths);
	fps = open_inputs(n, paths);
	check_not_input(run.o.out, fps, n);
	check_not_input(run.o.spans, fps, n);
	check_not_input(run.o.audit, fps, n);
	run.start = now();
	run.bytes_total = input_bytes(fps, n);
	run.progress = verbosity > 0 && isatty(STDERR_FILENO);
	run_setup(&run, fps, paths, n);
	open_outputs(&run);

	for (i = 0; i < n; i++) {
		if (run.format == RECORD_TEXT)
			run_text(&run, fps[i], paths[i]);
		else
			run_stream(&run, fps[i], paths[i]);
		if (fps[i] != stdin)
			(void)fclose(fps[i]);
	}
	free(fps);
	show_progress(&run, NULL, 1);

	pool_counts(run.pool, run.counts);
	for (i = 0; i < PHI_NTYPES; i++)
		run.counts[i] += engine_worker_counts(run.text_worker)[i];
	run_finish(&run);
	print_summary(&run);
	status = run.rejected > 0 ? EXIT_REJECTED : EXIT_OK;
	run_teardown(&run);
	return status;
}

static int
cmd_keygen(int argc, char **argv)
{
	struct opts o;
	char pass[CLI_MAX_PASS + 1], why[256];
	int n = 0, r;

	if (parse_opts(argc, argv, &o, usage_keygen) != argc)
		usage_exit(usage_keygen, "keygen takes no operands");
	if (o.out == NULL)
		usage_exit(usage_keygen, "keygen needs -o KEYFILE");

	if (!o.pass.none) {
		check_pass_file(&o.pass);
		n = cli_read_pass(&o.pass, "new passphrase: ", 1, pass);
		if (n < 0)
			errx(EXIT_USAGE, "no usable passphrase: %s",
			    n == ERR_USAGE ? "empty or not the same twice" :
			    err_str(n));
	}

	why[0] = '\0';
	r = keyfile_generate(o.out, o.pass.none ? NULL : pass, (size_t)n,
	    o.logn, why, sizeof(why));
	explicit_bzero(pass, sizeof(pass));
	if (r != 0)
		errx(r == ERR_USAGE ? EXIT_USAGE : EXIT_KEY,
		    "cannot make key file '%s': %s", o.out,
		    why[0] ? why : err_str(r));
	if (verbosity > 0)
		fprintf(stderr, "veil: wrote key file '%s'%s\n", o.out,
		    o.pass.none ? " (not protected by a passphrase)" : "");
	return EXIT_OK;
}

/*
 * Open the keystore named by -K: every domain's segments, or with -c
 * POLICY only the policy's domain; exit 3 if bad.
 */
static struct keystore *
open_keystore(const struct opts *o, const struct keyfile *kf)
{
	struct policy *p = o->policy != NULL ? load_policy(o) : NULL;
	struct keystore *ks = NULL;
	char why[512];

	if (o->keystore == NULL)
		errx(EXIT_USAGE, "a keystore is needed (-K KEYSTORE)");
	why[0] = '\0';
	if (keystore_open(o->keystore, kf, p != NULL ? policy_domain(p) :
	    NULL, &ks, why, sizeof(why)) != 0)
		errx(EXIT_KEY, "keystore '%s': %s", o->keystore,
		    why[0] ? why : "cannot be opened");
	policy_free(p);
	return ks;
}

/* keystore list: entries per domain and type, never values. */
static void
keystore_list(const struct keystore *ks)
{
	size_t d, n;
	int i;

	for (d = 0; d < keystore_ndomains(ks); d++) {
		printf("domain %s\n", keystore_domain(ks, d));
		for (i = 0; i < PHI_NTYPES; i++) {
			n = keystore_domain_count(ks, d, i);
			if (n > 0)
				printf("  %-12s %10zu\n",
				    phitype_name((enum phi_type)i), n);
		}
		printf("  %-12s %10zu\n", "total",
		    keystore_domain_count(ks, d, PHI_NTYPES));
	}
	printf("%-14s %10zu\n", "total", keystore_count(ks, PHI_NTYPES));
}

/*
 * Parse "[TYPE-tok]" or "TYPE-tok" at s; returns the length consumed
 * (0 if there is no token there) and fills type and tok.
 */
static size_t
parse_token(const char *s, size_t len, enum phi_type *type,
    char tok[PSEUDONYM_TOKLEN + 1])
{
	char name[32];
	size_t i = 0, n = 0, j;
	int br = len > 0 && s[0] == '[';

	i = br;
	while (i < len && n < sizeof(name) - 1 &&
	    ((s[i] >= 'A' && s[i] <= 'Z') || s[i] == '_'))
		name[n++] = s[i++];
	name[n] = '\0';
	if (n == 0 || i >= len || s[i] != '-' || phitype_parse(name, type))
		return 0;
	i++;
	for (j = 0; j < PSEUDONYM_TOKLEN; j++, i++) {
		if (i >= len || !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '2' && s[i] <= '7')))
			return 0;
		tok[j] = s[i];
	}
	tok[j] = '\0';
	if (br && (i >= len || s[i++] != ']'))
		return 0;
	return i;
}

/* Read standard input whole (capped), for reid's filter mode. */
static void
slurp_stdin(struct buf *in)
{
	char chunk[65536];
	size_t got;

	while ((got = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		if (buf_append(in, chunk, got) != 0)
			errx(EXIT_USAGE, "standard input is too large");
	if (ferror(stdin))
		err(EXIT_USAGE, "cannot read standard input");
}

/* Count the tokens in text that the keystore holds, and all tokens. */
static void
count_tokens(const struct keystore *ks, const char *s, size_t len,
    size_t *asked, size_t *found)
{
	char tok[PSEUDONYM_TOKLEN + 1];
	enum phi_type type;
	const char *v;
	size_t i, n, vl;

	for (i = 0; i < len; i++) {
		if (s[i] != '[')
			continue;
		n = parse_token(s + i, len - i, &type, tok);
		if (n == 0)
			continue;
		(*asked)++;
		if (keystore_find(ks, type, tok, &v, &vl) == 0)
			(*found)++;
		i += n - 1;
	}
}

static void
reid_filter(const struct keystore *ks, const char *s, size_t len)
{
	char tok[PSEUDONYM_TOKLEN + 1];
	enum phi_type type;
	const char *v;
	size_t i, n, vl, from = 0;

	for (i = 0; i < len; i++) {
		if (s[i] != '[')
			continue;
		n = parse_token(s + i, len - i, &type, tok);
		if (n == 0 || keystore_find(ks, type, tok, &v, &vl) != 0)
			continue;
		(void)fwrite(s + from, 1, i - from, stdout);
		(void)fwrite(v, 1, vl, stdout);
		i += n - 1;
		from = i + 1;
	}
	(void)fwrite(s + from, 1, len - from, stdout);
}

/* Look up one TOKEN operand; 0 when the keystore holds it. */
static int
lookup_arg(const struct keystore *ks, const char *arg, const char **v,
    size_t *vl)
{
	char tok[PSEUDONYM_TOKLEN + 1];
	enum phi_type type;
	size_t len = strlen(arg);

	if (parse_token(arg, len, &type, tok) != len)
		return ERR_NOTFOUND;
	return keystore_find(ks, type, tok, v, vl);
}

static int
reid_args(const struct keystore *ks, int n, char **toks)
{
	const char *v;
	size_t vl;
	int i, status = EXIT_OK;

	for (i = 0; i < n; i++) {
		if (lookup_arg(ks, toks[i], &v, &vl) != 0) {
			warnx("token %d not found", i + 1);
			status = EXIT_REJECTED;
			continue;
		}
		(void)fwrite(v, 1, vl, stdout);
		(void)fputc('\n', stdout);
	}
	return status;
}

static void
log_access(const struct opts *o, const struct keyfile *kf, size_t asked,
    size_t found)
{
	char why[256];

	why[0] = '\0';
	if (keystore_log_access(o->keystore, kf, o->reason, asked, found,
	    why, sizeof(why)) != 0)
		errx(EXIT_KEY, "cannot write the access log: %s", why);
}

static int
cmd_reid(int argc, char **argv)
{
	struct opts o;
	struct keyfile *kf;
	struct keystore *ks;
	struct buf in;
	size_t asked = 0, found = 0;
	int first, status = EXIT_OK, i;

	first = parse_opts(argc, argv, &o, usage_reid);
	if (o.reason == NULL || o.reason[0] == '\0')
		usage_exit(usage_reid, "reid needs --reason TEXT");
	kf = load_key(&o);
	ks = open_keystore(&o, kf);

	if (first < argc) {
		/* Log before anything is shown: the request is what counts. */
		const char *v;
		size_t vl;

		for (i = first; i < argc; i++)
			found += lookup_arg(ks, argv[i], &v, &vl) == 0;
		asked = (size_t)(argc - first);
		log_access(&o, kf, asked, found);
		status = reid_args(ks, argc - first, argv + first);
	} else {
		buf_init(&in, (size_t)1 << 30);
		slurp_stdin(&in);
		count_tokens(ks, in.data ? in.data : "", in.len, &asked,
		    &found);
		log_access(&o, kf, asked, found);
		reid_filter(ks, in.data ? in.data : "", in.len);
		buf_release(&in);
	}

	keystore_free(ks);
	keyfile_free(kf);
	if (fflush(stdout) != 0 || ferror(stdout))
		errx(EXIT_REJECTED, "cannot write standard output");
	return status;
}

static int
cmd_keystore(int argc, char **argv)
{
	struct opts o;
	struct keyfile *kf;
	struct keystore *ks;
	char why[256], path[4096];

	if (argc >= 2 && strcmp(argv[1], "merge") == 0)
		errx(EXIT_USAGE, "keystore merge is not built yet: each run "
		    "adds a segment and reid reads them all (README, Known "
		    "gaps)");
	if (argc < 2 || (strcmp(argv[1], "list") != 0 &&
	    strcmp(argv[1], "verify") != 0)) {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0))
			help_exit(usage_keystore);
		usage_exit(usage_keystore, argc < 2 ? "keystore needs a "
		    "subcommand" : "unknown keystore subcommand");
	}
	if (parse_opts(argc - 1, argv + 1, &o, usage_keystore) != argc - 1)
		usage_exit(usage_keystore, "unexpected operand");
	kf = load_key(&o);
	ks = open_keystore(&o, kf);

	if (strcmp(argv[1], "list") == 0) {
		keystore_list(ks);
	} else {
		(void)snprintf(path, sizeof(path), "%s/access.log",
		    o.keystore);
		why[0] = '\0';
		if (access(path, F_OK) == 0 &&
		    keystore_verify_log(path, kf, why, sizeof(why)) != 0)
			errx(EXIT_KEY, "access log: %s", why);
		printf("keystore ok: %zu entries in %zu domains\n",
		    keystore_count(ks, PHI_NTYPES), keystore_ndomains(ks));
	}
	keystore_free(ks);
	keyfile_free(kf);
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_REJECTED;
}

static int
cmd_audit(int argc, char **argv)
{
	struct opts o;
	struct keyfile *kf;
	char why[256];
	int first;

	if (argc < 2 || strcmp(argv[1], "verify") != 0) {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0))
			help_exit(usage_audit);
		usage_exit(usage_audit, "audit needs the verify subcommand");
	}
	first = parse_opts(argc - 1, argv + 1, &o, usage_audit) + 1;
	if (first != argc - 1)
		usage_exit(usage_audit, "audit verify needs one LOG");
	kf = load_key(&o);
	why[0] = '\0';
	if (keystore_verify_log(argv[first], kf, why, sizeof(why)) != 0)
		errx(EXIT_KEY, "access log '%s': %s", argv[first], why);
	keyfile_free(kf);
	printf("access log ok\n");
	return fflush(stdout) == 0 ? EXIT_OK : EXIT_REJECTED;
}

/*
 * veil eval has options of its own.  Any input problem is a usage error
 * (exit 2); the report appears whole or not at all.
 */
static int
cmd_eval(int argc, char **argv)
{
	static const struct option eval_opts[] = {
		{ "gold", required_argument, NULL, 'g' },
		{ "spans", required_argument, NULL, 's' },
		{ "exclude-types", required_argument, NULL, 'x' },
		{ "json", no_argument, NULL, 'j' },
		{ "show-text", no_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *gold = NULL, *spans = NULL, *out = NULL, *x = NULL, *name;
	struct eval *ev;
	struct cli_out co;
	struct buf rep;
	size_t i;
	int c, flags = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", eval_opts, NULL)) != -1) {
		switch (c) {
		case 'g': gold = optarg; break;
		case 's': spans = optarg; break;
		case 'x': x = optarg; break;
		case 'j': flags |= EVAL_JSON; break;
		case 't': flags |= EVAL_SHOW_TEXT; break;
		case 'o': out = optarg; break;
		case 'h': help_exit(usage_eval); break;
		default: usage_exit(usage_eval, NULL); break;
		}
	}
	if (optind != argc)
		usage_exit(usage_eval, "eval takes no operands");
	if (gold == NULL || spans == NULL)
		usage_exit(usage_eval, "eval needs --gold and --spans");

	ev = eval_new((size_t)1 << 30);
	if (ev == NULL || (x != NULL && eval_exclude(ev, x) != 0))
		errx(EXIT_USAGE, "out of memory");
	if (eval_load_gold(ev, gold) != 0 || eval_load_spans(ev, spans) != 0 ||
	    eval_score(ev) != 0)
		errx(EXIT_USAGE, "%s", eval_error(ev));
	for (i = 0; (name = eval_unseen_excluded(ev, i)) != NULL; i++)
		warnx("excluded type %s occurs in neither file", name);

	buf_init(&rep, (size_t)1 << 30);
	if (eval_render(ev, &rep, flags) != 0)
		errx(EXIT_USAGE, "the report is too large");
	if (cli_out_open(&co, out) != 0)
		err(EXIT_USAGE, "cannot write '%s'", out ? out : "-");
	if (fwrite(rep.data, 1, rep.len, co.fp) != rep.len) {
		cli_out_abort(&co);
		errx(EXIT_REJECTED, "cannot write the report");
	}
	if (cli_out_commit(&co) != 0)
		errx(EXIT_REJECTED, "cannot write the report");
	buf_release(&rep);
	eval_free(ev);
	return EXIT_OK;
}

static int
cmd_help(int argc, char **argv)
{
	static const struct {
		const char *name, *text;
	} topics[] = {
		{ "keygen", usage_keygen }, { "scrub", usage_scrub },
		{ "detect", usage_detect }, { "reid", usage_reid },
		{ "keystore", usage_keystore }, { "audit", usage_audit },
		{ "eval", usage_eval },
	};
	size_t i;

	if (argc < 2)
		help_exit(usage_main);
	for (i = 0; i < sizeof(topics) / sizeof(topics[0]); i++)
		if (strcmp(argv[1], topics[i].name) == 0)
			help_exit(topics[i].text);
	usage_exit(usage_main, "no such command");
	return EXIT_USAGE;
}

static int
cmd_scrub(int argc, char **argv)
{
	return cmd_scrub_or_detect(argc, argv, 0);
}

static int
cmd_detect(int argc, char **argv)
{
	return cmd_scrub_or_detect(argc, argv, 1);
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*fn)(int, char **);
	} cmds[] = {
		{ "keygen", cmd_keygen }, { "scrub", cmd_scrub },
		{ "detect", cmd_detect }, { "reid", cmd_reid },
		{ "keystore", cmd_keystore }, { "audit", cmd_audit },
		{ "eval", cmd_eval }, { "help", cmd_help },
	};
	size_t i;

	/*
	 * Without a secure heap (RLIMIT_MEMLOCK), keys still live in wiped
	 * ordinary memory; the rest of the hardening applies either way.
	 */
	(void)crypto_harden();
	log_set_sink(log_to_stderr, LOG_LEVEL_WARN);

	if (argc < 2)
		usage_exit(usage_main, NULL);
	if (strcmp(argv[1], "--version") == 0) {
		printf("veil %s\n", VEIL_VERSION);
		return fflush(stdout) == 0 ? EXIT_OK : EXIT_REJECTED;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		help_exit(usage_main);

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "veil: unknown command '%s'\n", argv[1]);
	usage_exit(usage_main, NULL);
	return EXIT_USAGE;
}
