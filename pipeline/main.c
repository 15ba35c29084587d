/*
 * main.c - the veil command: argument parsing, messages, exit codes.
 *
 * The only file that prints to stderr or exits.  Every command is one
 * function; the work is done by the modules it calls.
 */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
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
#define DEFAULT_MAX_RECORD (8u << 20)
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
"                   --passphrase-fd N] [--kdf-cost N] [-q]\n"
"\n"
"Make a new key file (mode 0600; an existing file is never replaced).\n"
"Without a passphrase option veil asks for one on the terminal, twice;\n"
"it is never taken from the command line or the environment.  From a\n"
"file or a descriptor the first line is used, without its \"\\n\" or\n"
"\"\\r\\n\".  The passphrase options exclude each other.\n"
"\n"
"  -o, --output KEYFILE  the key file to make (required)\n"
"  --passphrase-file F   passphrase from F's first line (default: ask)\n"
"  --passphrase-fd N     passphrase from descriptor N (default: ask)\n"
"  --no-passphrase       keys unwrapped, for automation and tests only\n"
"  --kdf-cost N          scrypt cost 2^N, N = 15..22 (default 18: ~2 s)\n"
"  -q, --quiet           no message on success (default: one line)\n"
"  -h, --help            show this help\n";

static const char usage_scrub[] =
"usage: veil scrub [-c POLICY] [-k KEYFILE] [-K KEYSTORE] [-o OUT]\n"
"                  [--format text|jsonl|csv] [--profile safe-harbor|limited]\n"
"                  [--spans SPANS.jsonl] [--audit RUN.json] [--threads N]\n"
"                  [--shard I/N] [--max-record SIZE] [--window SIZE]\n"
"                  [--known ROSTER] [-q | -v]\n"
"                  [--passphrase-file F | --passphrase-fd N] [FILE...]\n"
"\n"
"Read records (no FILE or '-': standard input), replace every\n"
"identifier by policy and write them in the input's format to OUT.\n"
"Pseudonyms' originals go to the encrypted keystore directory KEYSTORE,\n"
"so -k and -K are required unless the policy pseudonymises nothing.  A\n"
"record that cannot be read or scanned is rejected (reported by number,\n"
"never by content) and the exit status is 1; the other records are\n"
"still written.  OUT, SPANS and RUN appear under their names only when\n"
"complete.  --profile overrides the policy's profile.  SIZE is bytes,\n"
"or a number with a k, M or G suffix.\n"
"\n"
"  -c, --policy POLICY   YAML policy (default: the profile, every column)\n"
"  -k, --key KEYFILE     key file (required unless nothing is pseudonymised)\n"
"  -K, --keystore DIR    keystore directory (required with -k)\n"
"  -o, --output OUT      output file (default: standard output)\n"
"  --format F            text, jsonl or csv (default: from FILE's name)\n"
"  --profile P           safe-harbor or limited (default: safe-harbor)\n"
"  --spans FILE          also write the spans found, JSONL (default: none)\n"
"  --audit FILE          JSON summary of the run, counts (default: none)\n"
"  --threads N           worker threads, 1..1024 (default: every core)\n"
"  --shard I/N           shard I of N, names the segment (default 0/1)\n"
"  --max-record SIZE     reject CSV/JSONL records over SIZE (default 8M)\n"
"  --window SIZE         scan text, long values in windows (default 1M)\n"
"  --known ROSTER        CSV/JSONL of patients' identifiers (default: none)\n"
"  --passphrase-file F   key file passphrase from F (default: ask)\n"
"  --passphrase-fd N     key file passphrase from descriptor N (default: ask)\n"
"  -q, --quiet           errors only (default: warnings, progress on a tty)\n"
"  -v, --verbose         also counts per type and recognizer times\n"
"  -h, --help            show this help\n";

static const char usage_detect[] =
"usage: veil detect [-c POLICY] [--format text|jsonl|csv] [--known ROSTER]\n"
"                   [--threads N] [--max-record SIZE] [--window SIZE]\n"
"                   [-q | -v] [FILE...]\n"
"\n"
"Print the identifiers found as spans JSONL on standard output: one line\n"
"per scanned value, offsets in code points of the original value.  No\n"
"key is needed and no text is written.  SIZE is bytes, or a number with\n"
"a k, M or G suffix.\n"
"\n"
"  -c, --policy POLICY   YAML policy (default: every column is text)\n"
"  --format F            text, jsonl or csv (default: from FILE's name)\n"
"  --known ROSTER        CSV/JSONL of patients' identifiers (default: none)\n"
"  --threads N           worker threads, 1..1024 (default: every core)\n"
"  --max-record SIZE     reject CSV/JSONL records over SIZE (default 8M)\n"
"  --window SIZE         scan text, long values in windows (default 1M)\n"
"  -q, --quiet           errors only (default: warnings, progress on a tty)\n"
"  -v, --verbose         also counts per type and recognizer times\n"
"  -h, --help            show this help\n";

static const char usage_reid[] =
"usage: veil reid -k KEYFILE -K KEYSTORE --reason TEXT [-c POLICY] [-q]\n"
"                 [--passphrase-file F | --passphrase-fd N] [TOKEN...]\n"
"\n"
"Print the original of each TOKEN ([TYPE-token] or TYPE-token), one per\n"
"line; a token the keystore does not hold gives an empty line (and exit\n"
"status 1), so lines stay aligned with the TOKENs.  With no TOKEN, copy\n"
"standard input to standard output with every token replaced by its\n"
"original.  The request (who, when, reason, counts; never values) is\n"
"appended to KEYSTORE/access.log first.  A wrong key or a tampered\n"
"keystore prints nothing and exits 3.\n"
"\n"
"  -k, --key KEYFILE     key file (required)\n"
"  -K, --keystore DIR    keystore directory (required)\n"
"  --reason TEXT         why, for the access log (required, not blank)\n"
"  -c, --policy POLICY   only the policy's domain (default: every domain)\n"
"  --passphrase-file F   key file passphrase from F (default: ask)\n"
"  --passphrase-fd N     key file passphrase from descriptor N (default: ask)\n"
"  -q, --quiet           errors only (default: warnings too)\n"
"  -h, --help            show this help\n";

static const char usage_keystore[] =
"usage: veil keystore list   -k KEYFILE -K KEYSTORE [-c POLICY] [-q]\n"
"                            [--passphrase-file F | --passphrase-fd N]\n"
"       veil keystore verify -k KEYFILE -K KEYSTORE [-c POLICY] [-q]\n"
"                            [--passphrase-file F | --passphrase-fd N]\n"
"\n"
"list prints the number of entries per linkage domain and type (never\n"
"values); verify checks every segment and the access log's chain.\n"
"\n"
"  -k, --key KEYFILE     key file (required)\n"
"  -K, --keystore DIR    keystore directory (required)\n"
"  -c, --policy POLICY   only the policy's domain (default: every domain)\n"
"  --passphrase-file F   key file passphrase from F (default: ask)\n"
"  --passphrase-fd N     key file passphrase from descriptor N (default: ask)\n"
"  -q, --quiet           errors only (default: warnings too)\n"
"  -h, --help            show this help\n";

static const char usage_audit[] =
"usage: veil audit verify -k KEYFILE [--passphrase-file F |\n"
"                         --passphrase-fd N] [-q] LOG\n"
"\n"
"Check the HMAC chain of a keystore access log.\n"
"\n"
"  -k, --key KEYFILE     key file (required)\n"
"  --passphrase-file F   key file passphrase from F (default: ask)\n"
"  --passphrase-fd N     key file passphrase from descriptor N (default: ask)\n"
"  -q, --quiet           errors only (default: warnings too)\n"
"  -h, --help            show this help\n";

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
"  --gold GOLD           gold annotations (required; not empty)\n"
"  --spans SPANS         predicted spans, JSONL (required)\n"
"  --exclude-types T,T   leave these types out (default: none)\n"
"  --json                one JSON object (default: a table)\n"
"  --show-text           also print each leak's text, PHI (default: no text)\n"
"  -o, --output OUT      write the report to OUT (default: standard output)\n"
"  -h, --help            show this help\n"
"\n"
"Exit status: 0 scored, 1 the report cannot be written, 2 usage error,\n"
"unreadable input or no gold documents.\n";

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

/*
 * A word the user typed where a command was expected, fit to echo: a
 * few lower-case letters and hyphens, else "?" (it could be anything,
 * even a path or a value pasted by mistake).
 */
static const char *
plain_word(const char *w)
{
	size_t n = strspn(w, "abcdefghijklmnopqrstuvwxyz-");

	return n > 0 && n <= 24 && w[n] == '\0' ? w : "?";
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
	int logn, logn_given;
	int quiet_loud;		/* 1: -q given, 2: -v given */
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

/* veil eval's own options. */
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

/*
 * A command: its name in messages, its help, and the options it takes
 * (codes of its long option table, ending with 0).  An option a command
 * does not use is refused rather than ignored, and every option taken
 * is in the help (tests/test_cli.c checks both).
 */
struct cmd_spec {
	const char *name;
	const char *usage;
	const struct option *longs;
	const int *takes;
};

static const int takes_keygen[] = { 'o', 'q', 'h', OPT_NOPASS,
	OPT_PASSFILE, OPT_PASSFD, OPT_KDFCOST, 0 };
static const int takes_scrub[] = { 'c', 'k', 'K', 'o', 'q', 'v', 'h',
	OPT_FORMAT, OPT_PROFILE, OPT_SPANS, OPT_AUDIT, OPT_THREADS, OPT_SHARD,
	OPT_MAXREC, OPT_WINDOW, OPT_KNOWN, OPT_PASSFILE, OPT_PASSFD, 0 };
static const int takes_detect[] = { 'c', 'q', 'v', 'h', OPT_FORMAT,
	OPT_THREADS, OPT_MAXREC, OPT_WINDOW, OPT_KNOWN, 0 };
static const int takes_reid[] = { 'c', 'k', 'K', 'q', 'h', OPT_REASON,
	OPT_PASSFILE, OPT_PASSFD, 0 };
static const int takes_keystore[] = { 'c', 'k', 'K', 'q', 'h',
	OPT_PASSFILE, OPT_PASSFD, 0 };
static const int takes_audit[] = { 'k', 'q', 'h', OPT_PASSFILE,
	OPT_PASSFD, 0 };
static const int takes_eval[] = { 'g', 's', 'x', 'j', 't', 'o', 'h', 0 };

static const struct cmd_spec spec_keygen = { "keygen", usage_keygen,
	long_opts, takes_keygen };
static const struct cmd_spec spec_scrub = { "scrub", usage_scrub,
	long_opts, takes_scrub };
static const struct cmd_spec spec_detect = { "detect", usage_detect,
	long_opts, takes_detect };
static const struct cmd_spec spec_reid = { "reid", usage_reid, long_opts,
	takes_reid };
static const struct cmd_spec spec_keystore = { "keystore", usage_keystore,
	long_opts, takes_keystore };
static const struct cmd_spec spec_audit = { "audit", usage_audit,
	long_opts, takes_audit };
static const struct cmd_spec spec_eval = { "eval", usage_eval, eval_opts,
	takes_eval };

static _Noreturn void usage_fail(const struct cmd_spec *cmd,
    const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * A usage error: one line saying what is wrong, one saying where the
 * help is (no usage dump that would hide the first line); exit 2.
 */
/* The command whose options were parsed last: where its help is. */
static const struct cmd_spec *cur_cmd;

static void
usage_fail(const struct cmd_spec *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	fprintf(stderr, "try 'veil %s --help'\n", cmd->name);
	exit(EXIT_USAGE);
}

/* The name of option c for messages: "-k/--key" or "--threads". */
static void
opt_name(const struct cmd_spec *cmd, int c, char *out, size_t len)
{
	const struct option *lo = cmd->longs;

	while (lo->name != NULL && lo->val != c)
		lo++;
	if (lo->name == NULL)
		(void)snprintf(out, len, "-%c", c);
	else if (c < 256 && strchr("ckKoqvh", c) != NULL)
		(void)snprintf(out, len, "-%c/--%s", c, lo->name);
	else
		(void)snprintf(out, len, "--%s", lo->name);
}

/* What the value of option c may be, in a few words. */
static const char *
value_range(int c)
{
	switch (c) {
	case OPT_THREADS: return "a number from 1 to 1024";
	case OPT_SHARD: return "I/N with 0 <= I < N <= 1000000";
	case OPT_PASSFD: return "a descriptor number from 0 to 65535";
	case OPT_KDFCOST: return "a number from 15 to 22";
	case OPT_MAXREC: return "a size from 1 to 1024G; k, M or G suffix";
	case OPT_WINDOW: return "a size from 64 to 64M; k or M suffix";
	case OPT_FORMAT: return "text, jsonl or csv";
	case OPT_PROFILE: return "safe-harbor or limited";
	default: return "see the help";
	}
}

/*
 * getopt_long returned c, '?' or ':': an unknown option, or one that
 * lacks its value.  A long option is named without what follows '=',
 * which could be anything.
 */
static _Noreturn void
bad_option(const struct cmd_spec *cmd, int c, char **argv)
{
	const char *typed = argv[optind - 1];
	char name[64];

	if (c == ':') {
		opt_name(cmd, optopt, name, sizeof(name));
		usage_fail(cmd, "%s needs a value", name);
	}
	if (optopt > 0 && optopt < 256 && isgraph(optopt))
		usage_fail(cmd, "unknown option '-%c'", optopt);
	if (strncmp(typed, "--", 2) == 0)
		usage_fail(cmd, "unknown option '%.*s'",
		    (int)strcspn(typed, "="), typed);
	usage_fail(cmd, "unknown option");
}

/* Whether cmd takes option c. */
static int
cmd_takes(const struct cmd_spec *cmd, int c)
{
	const int *t;

	for (t = cmd->takes; *t != 0; t++)
		if (*t == c)
			return 1;
	return 0;
}

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
	enum record_format f;
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
		o->logn_given = 1;
		return 0;
	case OPT_MAXREC:
		return cli_parse_size(arg, &o->max_record);
	case OPT_WINDOW:
		if (cli_parse_size(arg, &o->window) != 0 || o->window < 64 ||
		    o->window > (64u << 20))
			return ERR_USAGE;
		return 0;
	case OPT_FORMAT:
		o->format = arg;
		return cli_format_for(arg, NULL, &f);
	case OPT_PROFILE:
		o->profile = arg;
		return strcmp(arg, "safe-harbor") == 0 ||
		    strcmp(arg, "limited") == 0 ? 0 : ERR_USAGE;
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
	case 'q': verbosity = 0; o->quiet_loud |= 1; break;
	case 'v': verbosity = 2; o->quiet_loud |= 2; break;
	case 'h': o->help = 1; break;
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

/* Options that exclude each other are a usage error. */
static void
check_conflicts(const struct cmd_spec *cmd, const struct opts *o)
{
	if (o->pass.none + (o->pass.file != NULL) + (o->pass.fd >= 0) > 1)
		usage_fail(cmd, "give only one of --no-passphrase, "
		    "--passphrase-file and --passphrase-fd");
	if (o->pass.none && o->logn_given)
		usage_fail(cmd, "--kdf-cost needs a passphrase, not "
		    "--no-passphrase");
	if (o->quiet_loud == 3)
		usage_fail(cmd, "give only one of -q and -v");
}

/*
 * Parse argv into o for cmd; returns the index of the first operand.
 * An unknown option, one cmd does not take, a bad value or a conflict
 * is named in one line, and exits 2.
 */
static int
parse_opts(int argc, char **argv, struct opts *o,
    const struct cmd_spec *cmd)
{
	char name[64];
	int c;

	cur_cmd = cmd;
	memset(o, 0, sizeof(*o));
	o->pass.fd = -1;
	o->logn = DEFAULT_LOGN;
	o->threads = default_threads();
	o->nshards = 1;
	o->max_record = DEFAULT_MAX_RECORD;
	o->window = CHUNKER_WINDOW;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":c:k:K:o:qvh", long_opts,
	    NULL)) != -1) {
		if (c == '?' || c == ':')
			bad_option(cmd, c, argv);
		opt_name(cmd, c, name, sizeof(name));
		if (!cmd_takes(cmd, c))
			usage_fail(cmd, "%s does not take %s", cmd->name, name);
		if (parse_opt(c, optarg, o) != 0)
			usage_fail(cmd, "bad value for %s: '%s' (%s)", name,
			    optarg ? optarg : "", value_range(c));
	}
	if (o->help)
		help_exit(cmd->usage);
	check_conflicts(cmd, o);
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

/* What to add when a passphrase could not be read from the terminal. */
static const char *
pass_hint(const struct cli_pass_src *src)
{
	if (src->file != NULL || src->fd >= 0 || isatty(STDIN_FILENO))
		return "";
	return " (not at a terminal: give --passphrase-file F or "
	    "--passphrase-fd N)";
}

/* Load and unlock the key file; any failure exits 3. */
static struct keyfile *
load_key(const struct opts *o)
{
	char pass[CLI_MAX_PASS + 1], why[256];
	struct keyfile *kf = NULL;
	struct stat st;
	int wrapped, n = 0, r, cr = 0;

	if (o->keyfile == NULL)
		usage_fail(cur_cmd, "a key file is needed (-k KEYFILE)");

	if (stat(o->keyfile, &st) != 0)
		err(EXIT_KEY, "cannot use key file '%s'", o->keyfile);
	wrapped = keyfile_is_wrapped(o->keyfile);
	if (wrapped < 0)
		errx(EXIT_KEY, "cannot use key file '%s': %s", o->keyfile,
		    err_str(wrapped));
	if (wrapped) {
		check_pass_file(&o->pass);
		n = cli_read_pass(&o->pass, "passphrase: ", 0, pass, &cr);
		if (n < 0)
			errx(EXIT_USAGE, "cannot read the passphrase: %s%s",
			    n == ERR_USAGE ? "it is empty" : err_str(n),
			    pass_hint(&o->pass));
	}

	why[0] = '\0';
	r = keyfile_load(o->keyfile, wrapped ? pass : NULL, (size_t)n, &kf,
	    why, sizeof(why));
	/* Key files made before "\r\n" was stripped kept the '\r'. */
	if (r == ERR_INTEGRITY && cr) {
		pass[n] = '\r';
		pass[n + 1] = '\0';
		why[0] = '\0';
		r = keyfile_load(o->keyfile, pass, (size_t)n + 1, &kf, why,
		    sizeof(why));
		if (r == 0 && verbosity > 0)
			warnx("key file '%s' was made with a '\\r' ending "
			    "the passphrase; typed at a prompt it will not "
			    "open", o->keyfile);
	}
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
	char **hdr0;		/* the first input's CSV header, as read */
	size_t nhdr0;
	unsigned long long read, written, rejected;
	double start;		/* monotonic seconds at the start */
	double last_progress;
	unsigned long long bytes_done;	/* of inputs already finished */
	unsigned long long bytes_doc;	/* of the text document under way */
	struct engine_worker *text_worker; /* for text documents */
	size_t window;			/* their window size */
	unsigned long long bytes_total;	/* of regular-file inputs, or 0 */
	int progress;		/* stderr is a terminal and not -q */
	struct engine *names;	/* judges column names (see name_ok) */
	struct engine_worker *names_w;
};

static void
run_keys(struct run *run)
{
	unsigned char k[KEYFILE_KEYLEN];
	char why[256];
	const char *domain = policy_domain(run->policy);

	if (run->o.keystore == NULL && run->o.keyfile == NULL)
		usage_fail(cur_cmd, "pseudonyms need a key file and a keystore "
		    "(-k KEYFILE -K KEYSTORE); a policy that redacts every "
		    "type needs neither");
	if (run->o.keystore == NULL)
		usage_fail(cur_cmd, "pseudonyms need a keystore (-K "
		    "KEYSTORE): the key to re-identify must go somewhere");
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
		/* read all the same: a bad roster is an error either way */
		if (run->format == RECORD_TEXT && verbosity > 0)
			warnx("the roster is not used for text input: text "
			    "documents have no patient_id");
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

/*
 * One line when a policy keeps a type that its profile removes: the
 * output is then no longer safe harbor (or a limited data set).
 */
static void
warn_unsafe(const struct policy *p)
{
	char list[PHI_NTYPES * 16];
	enum phi_type t;
	size_t i, len = 0;

	list[0] = '\0';
	for (i = 0; (t = policy_unsafe_type(p, i)) != PHI_NTYPES; i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
		    i > 0 ? ", " : "", phitype_name(t));
	if (i > 0 && verbosity > 0)
		warnx("the policy keeps %s, which the %s profile removes: "
		    "the output is not %s", list, policy_profile_name(p),
		    strcmp(policy_profile_name(p), "limited") == 0 ?
		    "a limited data set" : "safe harbor");
}

/*
 * The most one value's output may take: for a record, 64 times its
 * size (a replacement of about 30 bytes may stand for a one-byte span,
 * as chunker.c reckons for a text window); for text, what a window
 * with its context and look-ahead may need.
 */
static size_t
value_cap(const struct opts *o)
{
	size_t text = chunker_value_max(o->window);
	size_t record = o->max_record * 64 + 4096;

	return record > text ? record : text;
}

static void
run_setup(struct run *run, FILE **fps, char **paths, int n)
{
	struct engine_config cfg = { 0 };
	char why[256];

	run->policy = load_policy(&run->o);
	if (!run->detect)
		warn_unsafe(run->policy);
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
	cfg.max_value = value_cap(&run->o);
	cfg.window = run->o.window;
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
		errx(EXIT_USAGE, "cannot start %u worker %s",
		    run->o.threads, cli_plural(run->o.threads, "thread",
		    "threads"));
}

static void
run_teardown(struct run *run)
{
	while (run->nhdr > 0)
		free(run->hdr[--run->nhdr]);
	free(run->hdr);
	while (run->nhdr0 > 0)
		free(run->hdr0[--run->nhdr0]);
	free(run->hdr0);
	writer_free(run->writer);
	pool_free(run->pool);
	engine_worker_free(run->text_worker);
	engine_worker_free(run->names_w);
	if (run->names != run->engine)
		engine_free(run->names);
	engine_free(run->engine);
	patients_free(run->patients);
	transform_free(run->tf);
	keystore_writer_free(run->ksw);
	pseudonym_free(run->ps);
	keyfile_free(run->kf);
	policy_free(run->policy);
}

/*
 * The engine that judges names (name_ok): the run's own when it has no
 * transform (detect), else one without, so that a judged name never
 * reaches the keystore.  Its worker's counts stay out of the run's.
 */
static void
names_engine(struct run *run)
{
	struct engine_config cfg = { 0 };
	char why[256];

	if (run->tf == NULL) {
		run->names = run->engine;
	} else {
		cfg.policy = run->policy;
		cfg.max_value = value_cap(&run->o);
		why[0] = '\0';
		run->names = engine_new(&cfg, why, sizeof(why));
		if (run->names == NULL)
			errx(EXIT_USAGE, "cannot start: %s", why);
	}
	run->names_w = engine_worker_new(run->names);
	if (run->names_w == NULL)
		errx(EXIT_USAGE, "out of memory");
}

/*
 * Whether a column name or JSON key may be shown (in an output or a
 * message): a column the policy names is the user's own word; any other
 * must hold nothing the recognizers take for an identifier (STATE and
 * COUNTRY aside: every profile keeps them).  A note read as CSV has its
 * first line for a header, so a name is data until it passes.
 */
static int
name_ok(struct run *run, const char *name)
{
	unsigned long long before[PHI_NTYPES];
	const unsigned long long *after;
	struct engine_window_io io;
	struct buf spans;
	int i, r, ok = 1;

	if (policy_has_columns(run->policy) &&
	    policy_column(run->policy, name, NULL) != POLICY_COL_DROP)
		return 1;
	if (*name == '\0')
		return 1;
	if (run->names_w == NULL)
		names_engine(run);

	memcpy(before, engine_worker_counts(run->names_w), sizeof(before));
	memset(&io, 0, sizeof(io));
	io.text = name;
	io.len = io.cut = strlen(name);
	io.final = 1;
	io.spans = &spans;
	buf_init(&spans, (size_t)1 << 26);
	r = engine_window(run->names_w, &io);
	buf_release(&spans);
	if (r != 0)
		return 0;
	after = engine_worker_counts(run->names_w);
	for (i = 0; i < PHI_NTYPES; i++)
		if (after[i] != before[i] && i != PHI_STATE &&
		    i != PHI_COUNTRY)
			ok = 0;
	return ok;
}

/*
 * Judge a CSV header before any row goes out: refuse a name that looks
 * like an identifier, by its number only, and a header with none of the
 * columns a policy names (every column would be dropped).
 */
/*
 * The column where names[0..n) first differs from the first CSV input's
 * header (1-based), or 0 when they are the same; the first header seen
 * is kept.  CSV inputs go to one output, whose rows must share one
 * header.
 */
static size_t
header_differs(struct run *run, const char *const *names, size_t n)
{
	size_t i;

	if (run->hdr0 == NULL) {
		run->hdr0 = calloc(n ? n : 1, sizeof(*run->hdr0));
		if (run->hdr0 == NULL)
			errx(EXIT_USAGE, "out of memory");
		for (i = 0; i < n; i++) {
			run->hdr0[i] = strdup(names[i]);
			if (run->hdr0[i] == NULL)
				errx(EXIT_USAGE, "out of memory");
			run->nhdr0++;
		}
		return 0;
	}
	for (i = 0; i < n && i < run->nhdr0; i++)
		if (strcmp(names[i], run->hdr0[i]) != 0)
			return i + 1;
	return n != run->nhdr0 ? i + 1 : 0;
}

static int
header_check(void *arg, const char *const *names, size_t n, char *why,
    size_t whylen)
{
	struct run *run = arg;
	size_t i, named = 0;

	for (i = 0; i < n; i++) {
		/*
		 * A column the policy drops never reaches the output, and
		 * the notice names it by number when it is not clean.
		 */
		if (policy_has_columns(run->policy) && policy_column(
		    run->policy, names[i], NULL) == POLICY_COL_DROP)
			continue;
		if (!name_ok(run, names[i])) {
			(void)snprintf(why, whylen, "column %zu of the header "
			    "looks like an identifier, not a column name",
			    i + 1);
			return 1;
		}
		named += policy_column(run->policy, names[i], NULL) !=
		    POLICY_COL_DROP;
	}
	if ((i = header_differs(run, names, n)) != 0) {
		(void)snprintf(why, whylen, "the header differs from the "
		    "first input's at column %zu: run files of different "
		    "layouts apart", i);
		return 1;
	}
	if (policy_has_columns(run->policy) && named == 0) {
		(void)snprintf(why, whylen, "the header has none of the "
		    "columns the policy names");
		return 1;
	}
	return 0;
}

/* Name, once, the columns a policy names that the input lacks. */
static void
warn_unknown_columns(const struct run *run, const struct record *rec)
{
	size_t i, j, n = policy_column_count(run->policy);

	/* a JSON line need not have every member: only a header can tell */
	if (run->format != RECORD_CSV)
		return;

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

/*
 * Whether a column name is shaped like one that names a column rather
 * than a person or a record ("note_text", "dob"): lower-case letters
 * first, then letters, digits and separators, and no run of four digits.
 * The recognizers miss a surname alone ("Pennistone") or a bare id, so
 * a message names only such plain names, others by number.
 */
static int
plain_column(const char *s)
{
	size_t digits = 0;

	if (*s < 'a' || *s > 'z')
		return 0;
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9') {
			if (++digits >= 4)
				return 0;
			continue;
		}
		digits = 0;
		if (!((*s >= 'a' && *s <= 'z') || strchr("_.- []", *s)))
			return 0;
	}
	return 1;
}

/* Name, once, the columns a policy leaves out (minimum necessary). */
static void
note_dropped(struct run *run, const struct record *rec)
{
	size_t i;
	int any = 0;

	if (run->header_done || !policy_has_columns(run->policy))
		return;
	for (i = 0; i < rec->nfields && verbosity > 0; i++) {
		if (!rec->fields[i].drop)
			continue;
		fputs(any ? ", " : "veil: not exported (not named by the "
		    "policy): ", stderr);
		/* a name that may be an identifier goes by its number */
		if (plain_column(rec->fields[i].name) &&
		    name_ok(run, rec->fields[i].name))
			fprintf(stderr, "'%s'", rec->fields[i].name);
		else
			fprintf(stderr, "%s %zu", run->format == RECORD_CSV ?
			    "column" : "field", i + 1);
		any = 1;
	}
	if (any && verbosity > 0)
		fputc('\n', stderr);
	warn_unknown_columns(run, rec);
}

/*
 * The engine names a rejected record's field ("field \"NAME\": why"),
 * and a JSON key may be an identifier: one that does not pass name_ok,
 * or was cut short, is withheld.
 */
static const char *
why_shown(struct run *run, const char *why, char *buf, size_t cap)
{
	static const char pre[] = "field \"";
	const char *p, *end = NULL;
	char *name;
	int ok;

	if (strncmp(why, pre, sizeof(pre) - 1) != 0)
		return why;
	for (p = why; (p = strstr(p, "\": ")) != NULL; p++)
		end = p;
	if (end == NULL)
		return "field (name withheld)";
	name = strndup(why + sizeof(pre) - 1,
	    (size_t)(end - why) - (sizeof(pre) - 1));
	if (name == NULL)
		errx(EXIT_REJECTED, "out of memory");
	ok = name_ok(run, name);
	free(name);
	if (ok)
		return why;
	(void)snprintf(buf, cap, "field (name withheld): %s", end + 3);
	return buf;
}

static void
reject(struct run *run, const char *path, unsigned long long number,
    const char *why)
{
	char buf[POOL_WHY + 32];

	why = why_shown(run, why, buf, sizeof(buf));
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
static void output_failed(struct run *run) __attribute__((noreturn));

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
		if (b->put[i] != 0)
			errx(EXIT_REJECTED, "cannot write the output");
		if (writer_put_rendered(run->writer, rec,
		    b->out.data + from, b->end[i] - from) != 0)
			output_failed(run);
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

/* Exit 2 for a header header_check refused, saying what to do. */
static void
header_refused(const char *path, const char *why)
{
	warnx("%s: %s", path, why);
	if (strncmp(why, "column ", 7) == 0)
		warnx("if it is a column name, name it in the policy's "
		    "columns or its allow list");
	exit(EXIT_USAGE);
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
		/* header_check refused the header: nothing is written */
		if (r == ERR_USAGE)
			header_refused(path, reader_error(rd));
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
	unsigned long long done = run->bytes_done, n;
	long pos;

	if (!run->progress || (!last && t - run->last_progress < 0.5))
		return;
	run->last_progress = t;
	pos = fp != NULL ? ftell(fp) : -1;
	if (pos > 0)
		done += (unsigned long long)pos;
	done += run->bytes_doc;
	mb = (double)done / 1048576.0;
	n = run->written + run->rejected;
	fprintf(stderr, "\rveil: %llu %s, %.1f MB, %.1f MB/s", n,
	    cli_plural(n, "record", "records"), mb, el > 0 ? mb / el : 0.0);
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
		/* every record counts as read, rejected or not */
		run->read += b->recs[i].number > 0;
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
	if (r == ERR_IO && io.out != NULL && ferror(io.out))
		output_failed(run);
	if (r == ERR_IO)
		errx(EXIT_REJECTED, "%s: cannot read or write: %s", path, why);
	run->read++;
	if (r == 0 && io.bytes == 0) {
		/* as the CSV and JSONL readers reject an empty input */
		r = ERR_PARSE;
		(void)snprintf(why, sizeof(why), "input is empty");
	}
	if (r != 0) {
		cut_back(io.out, opos);
		cut_back(io.spans, spos);
		reject(run, path, 1, why);
		return;
	}
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

/*
 * With several CSV inputs, judge every file's header before a row of
 * any goes out, so that a refusal leaves nothing written, standard
 * output included.  (One input is judged before its first row anyway;
 * standard input, when it is read.)
 */
static void
check_headers(struct run *run, FILE **fps, char **paths, int n)
{
	struct record rec;
	struct reader *rd;
	struct stat st;
	int i;

	for (i = 0; i < n && n > 1 && run->format == RECORD_CSV; i++) {
		if (fps[i] == stdin || fstat(fileno(fps[i]), &st) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		rd = reader_new(fps[i], paths[i], run->format,
		    run->o.max_record);
		if (rd == NULL)
			errx(EXIT_USAGE, "out of memory");
		reader_check_header(rd, header_check, run);
		record_init(&rec);
		if (reader_next(rd, &rec) == ERR_USAGE)
			header_refused(paths[i], reader_error(rd));
		record_release(&rec);
		reader_free(rd);
		rewind(fps[i]);
	}
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
	reader_check_header(rd, header_check, run);

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
	fprintf(stderr, "veil: %llu %s read, %llu written, "
	    "%llu rejected in %.2f s (%.1f MB/s)\n", run->read,
	    cli_plural(run->read, "record", "records"), run->written,
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
open_inputs(const struct cmd_spec *spec, int n, char **paths)
{
	struct stat st;
	FILE **fps;
	int i, stdin_used = 0;

	fps = calloc(n > 0 ? (size_t)n : 1, sizeof(*fps));
	if (fps == NULL)
		errx(EXIT_USAGE, "out of memory");
	for (i = 0; i < n; i++) {
		if (strcmp(paths[i], "-") == 0) {
			/* a second '-' would find standard input used up */
			if (stdin_used++)
				usage_fail(spec, "standard input "
				    "('-') can be given only once");
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
			usage_fail(cur_cmd, "inputs of different formats: "
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

/* Refuse two outputs that are one file: the later would replace it. */
static void
check_distinct(const char *a, const char *b)
{
	struct stat sa, sb;

	if (a == NULL || b == NULL || strcmp(a, "-") == 0 ||
	    strcmp(b, "-") == 0)
		return;
	if (strcmp(a, b) == 0 || (stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	    sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino))
		errx(EXIT_USAGE, "'%s' is named for two outputs", b);
}

/*
 * The temporary output files a signal must remove (out, spans, audit):
 * copies, because the handler may run in any thread at any time and
 * may touch nothing that the main thread frees.
 */
#define SIG_NTMP 3
static char sig_tmp[SIG_NTMP][PATH_MAX];
static volatile sig_atomic_t sig_has[SIG_NTMP];
static volatile sig_atomic_t sig_defer;	/* committing: die afterwards */
static volatile sig_atomic_t sig_pending;
static const int sig_fatal[] = { SIGHUP, SIGINT, SIGTERM, SIGXFSZ,
	SIGXCPU, SIGALRM, SIGUSR1, SIGUSR2 };

/*
 * Remove the temporary files, then die of sig as if it had not been
 * caught, so the parent sees the signal.  Async-signal-safe.
 */
static void
sig_die(int sig)
{
	struct sigaction sa;
	int i;

	for (i = 0; i < SIG_NTMP; i++)
		if (sig_has[i])
			(void)unlink(sig_tmp[i]);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	(void)sigemptyset(&sa.sa_mask);
	(void)sigaction(sig, &sa, NULL);
	(void)raise(sig);
}

static void
on_signal(int sig)
{
	if (sig_defer) {
		sig_pending = sig;
		return;
	}
	sig_die(sig);
}

/* Catch the signals that end a run, except those the parent ignores. */
static void
sig_install(void)
{
	struct sigaction sa, old;
	size_t i, n = sizeof(sig_fatal) / sizeof(sig_fatal[0]);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	/* a signal held back while committing must not fail a write */
	sa.sa_flags = SA_RESTART;
	(void)sigemptyset(&sa.sa_mask);
	for (i = 0; i < n; i++)
		(void)sigaddset(&sa.sa_mask, sig_fatal[i]);
	for (i = 0; i < n; i++) {
		if (sigaction(sig_fatal[i], NULL, &old) != 0 ||
		    old.sa_handler == SIG_IGN)
			continue;
		(void)sigaction(sig_fatal[i], &sa, NULL);
	}
	/* a pipe closed early fails a write, which output_failed handles */
	sa.sa_handler = SIG_IGN;
	(void)sigaction(SIGPIPE, &sa, NULL);
}

/* Have a signal remove o's temporary file (slot i), or stop doing so. */
static void
sig_track(int i, const struct cli_out *o)
{
	size_t n;

	sig_has[i] = 0;
	if (o == NULL || o->tmp == NULL || (n = strlen(o->tmp)) >= PATH_MAX)
		return;
	memcpy(sig_tmp[i], o->tmp, n + 1);
	/* the path must be whole before a handler, in any thread, reads it */
	atomic_thread_fence(memory_order_seq_cst);
	sig_has[i] = 1;
}

/*
 * Let signals end the run again, dying now of one that came while they
 * waited: one arriving after sig_defer is cleared dies in its handler.
 */
static void
sig_release(void)
{
	sig_defer = 0;
	if (sig_pending != 0)
		sig_die(sig_pending);
}

/* The run whose temporary outputs a fatal error must remove. */
static struct run *live_run;

/* atexit: remove what errx() left; outputs already committed stay. */
static void
drop_outputs(void)
{
	if (live_run == NULL)
		return;
	cli_out_discard(&live_run->out);
	cli_out_discard(&live_run->spans_out);
	cli_out_discard(&live_run->audit_out);
}

static void
open_outputs(struct run *run)
{
	live_run = run;
	if (atexit(drop_outputs) != 0)
		errx(EXIT_USAGE, "out of memory");
	/* a signal between a file's creation and its tracking waits */
	sig_defer = 1;
	sig_install();
	if (run->o.audit != NULL &&
	    cli_out_open(&run->audit_out, run->o.audit) != 0)
		err(EXIT_USAGE, "cannot write '%s'", run->o.audit);
	sig_track(2, &run->audit_out);
	if (!run->detect && run->o.spans != NULL &&
	    cli_out_open(&run->spans_out, run->o.spans) != 0)
		err(EXIT_USAGE, "cannot write '%s'", run->o.spans);
	sig_track(1, &run->spans_out);
	if (run->detect) {
		if (cli_out_open(&run->spans_out, NULL) != 0)
			errx(EXIT_USAGE, "cannot write standard output");
		sig_release();
		return;
	}
	if (cli_out_open(&run->out, run->o.out) != 0)
		err(EXIT_USAGE, "cannot write '%s'", run->o.out);
	sig_track(0, &run->out);
	sig_release();
	run->writer = writer_new(run->out.fp, run->format);
	if (run->writer == NULL)
		errx(EXIT_USAGE, "out of memory");
}

/*
 * The output cannot be written (a full disk, a pipe closed early).  A
 * file output was never in place and is dropped; but what already went
 * down a stream (standard output, a pipe) cannot be called back, and
 * its tokens must stay re-identifiable: the workers stop and the
 * keystore segment is committed before veil fails.
 */
static void
output_failed(struct run *run)
{
	char why[256];

	sig_defer = 1;
	if (run->ksw != NULL && run->out.tmp == NULL) {
		pool_free(run->pool);
		run->pool = NULL;
		why[0] = '\0';
		if (keystore_writer_commit(run->ksw, why, sizeof(why)) != 0)
			warnx("keystore '%s': %s", run->o.keystore, why);
	}
	cli_out_discard(&run->out);
	cli_out_discard(&run->spans_out);
	cli_out_discard(&run->audit_out);
	errx(EXIT_REJECTED, "cannot write the output");
}

/*
 * Commit in the order that never leaves a token without its key: the
 * keystore segment first, then the output and the spans.
 */
static void
run_finish(struct run *run)
{
	char why[256];
	int i;

	/* A signal now waits: the keystore's temporary file is not ours. */
	sig_defer = 1;
	if (run->writer != NULL && writer_finish(run->writer,
	    (const char *const *)run->hdr, run->nhdr) != 0)
		output_failed(run);

	why[0] = '\0';
	if (run->ksw != NULL &&
	    keystore_writer_commit(run->ksw, why, sizeof(why)) != 0) {
		cli_out_discard(&run->out);
		cli_out_discard(&run->spans_out);
		cli_out_discard(&run->audit_out);
		errx(EXIT_KEY, "keystore '%s': %s", run->o.keystore, why);
	}

	if (!run->detect && cli_out_commit(&run->out) != 0) {
		cli_out_discard(&run->spans_out);
		cli_out_discard(&run->audit_out);
		errx(EXIT_REJECTED, "cannot write the output");
	}
	if (run->spans_out.fp != NULL &&
	    cli_out_commit(&run->spans_out) != 0) {
		cli_out_discard(&run->audit_out);
		errx(EXIT_REJECTED, "cannot write the spans");
	}
	if (run->o.audit != NULL && write_audit(run) != 0)
		errx(EXIT_REJECTED, "cannot write '%s'", run->o.audit);
	live_run = NULL;
	for (i = 0; i < SIG_NTMP; i++)
		sig_track(i, NULL);
	sig_release();
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
	    detect ? &spec_detect : &spec_scrub);
	n = argc - first;
	paths = n > 0 ? argv + first : stdin_path;
	if (n == 0)
		n = 1;

	pick_format(&run, n, paths);
	fps = open_inputs(detect ? &spec_detect : &spec_scrub, n, paths);
	check_not_input(run.o.out, fps, n);
	check_not_input(run.o.spans, fps, n);
	check_not_input(run.o.audit, fps, n);
	check_distinct(run.o.out, run.o.spans);
	check_distinct(run.o.out, run.o.audit);
	check_distinct(run.o.spans, run.o.audit);
	run.start = now();
	run.bytes_total = input_bytes(fps, n);
	run.progress = verbosity > 0 && isatty(STDERR_FILENO);
	run_setup(&run, fps, paths, n);
	check_headers(&run, fps, paths, n);
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
	int n = 0, r, cr;

	if (parse_opts(argc, argv, &o, &spec_keygen) != argc)
		usage_fail(&spec_keygen, "keygen takes no operands");
	if (o.out == NULL)
		usage_fail(&spec_keygen, "keygen needs -o KEYFILE");

	if (!o.pass.none) {
		check_pass_file(&o.pass);
		n = cli_read_pass(&o.pass, "new passphrase: ", 1, pass, &cr);
		if (n < 0)
			errx(EXIT_USAGE, "no usable passphrase: %s%s",
			    n != ERR_USAGE ? err_str(n) : o.pass.file != NULL ||
			    o.pass.fd >= 0 ? "it is empty" :
			    "empty or not the same twice", pass_hint(&o.pass));
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

/* Whether arg is one whole token, "[TYPE-tok]" or "TYPE-tok". */
static int
is_token(const char *arg)
{
	char tok[PSEUDONYM_TOKLEN + 1];
	enum phi_type type;
	size_t len = strlen(arg);

	return len > 0 && parse_token(arg, len, &type, tok) == len;
}

static int
reid_args(const struct keystore *ks, int n, char **toks)
{
	const char *v;
	size_t vl;
	int i, status = EXIT_OK;

	/* An empty line for a token not found keeps lines aligned. */
	for (i = 0; i < n; i++) {
		if (lookup_arg(ks, toks[i], &v, &vl) != 0) {
			warnx("token %d not found", i + 1);
			(void)fputc('\n', stdout);
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
	int r;

	why[0] = '\0';
	r = keystore_log_access(o->keystore, kf, o->reason, asked, found,
	    why, sizeof(why));
	if (r == ERR_USAGE)
		usage_fail(&spec_reid, "--reason: %s", why);
	if (r != 0)
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

	first = parse_opts(argc, argv, &o, &spec_reid);
	if (cli_blank(o.reason))
		usage_fail(&spec_reid, "reid needs --reason TEXT, not blank");
	/* Operands are named by number: one may be a value, not a token. */
	for (i = first; i < argc; i++)
		if (!is_token(argv[i]))
			usage_fail(&spec_reid, "operand %d is not a token "
			    "([TYPE-...] or TYPE-...)", i - first + 1);
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
		/* a token left in place is one the keystore does not hold */
		if (found < asked)
			status = EXIT_REJECTED;
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
	size_t n, d;

	if (argc >= 2 && strcmp(argv[1], "merge") == 0)
		errx(EXIT_USAGE, "keystore merge is not built yet: each run "
		    "adds a segment and reid reads them all (README, Known "
		    "gaps)");
	if (argc < 2 || (strcmp(argv[1], "list") != 0 &&
	    strcmp(argv[1], "verify") != 0)) {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
		    strcmp(argv[1], "-h") == 0))
			help_exit(usage_keystore);
		if (argc < 2)
			usage_fail(&spec_keystore, "keystore needs a "
			    "subcommand, list or verify");
		usage_fail(&spec_keystore, "unknown keystore subcommand "
		    "'%s' (list or verify)", plain_word(argv[1]));
	}
	if (parse_opts(argc - 1, argv + 1, &o, &spec_keystore) != argc - 1)
		usage_fail(&spec_keystore, "keystore %s takes no operands",
		    argv[1]);
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
		n = keystore_count(ks, PHI_NTYPES);
		d = keystore_ndomains(ks);
		printf("keystore ok: %zu %s in %zu %s\n", n,
		    cli_plural(n, "entry", "entries"), d,
		    cli_plural(d, "domain", "domains"));
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
		usage_fail(&spec_audit, "audit needs the verify subcommand");
	}
	first = parse_opts(argc - 1, argv + 1, &o, &spec_audit) + 1;
	if (first != argc - 1)
		usage_fail(&spec_audit, "audit verify needs one LOG");
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
	const char *gold = NULL, *spans = NULL, *out = NULL, *x = NULL, *name;
	struct eval *ev;
	struct cli_out co;
	struct buf rep;
	size_t i;
	int c, flags = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:h", eval_opts, NULL)) != -1) {
		switch (c) {
		case 'g': gold = optarg; break;
		case 's': spans = optarg; break;
		case 'x': x = optarg; break;
		case 'j': flags |= EVAL_JSON; break;
		case 't': flags |= EVAL_SHOW_TEXT; break;
		case 'o': out = optarg; break;
		case 'h': help_exit(usage_eval); break;
		default: bad_option(&spec_eval, c, argv); break;
		}
	}
	if (optind != argc)
		usage_fail(&spec_eval, "eval takes no operands");
	if (gold == NULL || spans == NULL)
		usage_fail(&spec_eval, "eval needs --gold and --spans");

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
		cli_out_discard(&co);
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
	char why[64];
	size_t i;

	if (argc < 2)
		help_exit(usage_main);
	for (i = 0; i < sizeof(topics) / sizeof(topics[0]); i++)
		if (strcmp(argv[1], topics[i].name) == 0)
			help_exit(topics[i].text);
	(void)snprintf(why, sizeof(why), "no such command '%s'",
	    plain_word(argv[1]));
	fprintf(stderr, "veil: %s\ntry 'veil --help'\n", why);
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
	/* two lines, as for any usage error; the word only if plain */
	fprintf(stderr, "veil: unknown command '%s'\ntry 'veil --help'\n",
	    plain_word(argv[1]));
	return EXIT_USAGE;
}
