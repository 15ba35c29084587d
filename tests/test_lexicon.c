/*
 * test_lexicon.c - the linked-in lexicons: entries of every class that
 * are common knowledge (a frequent given name, the commonest surnames,
 * large cities, states, countries, nicknames, a drug), case folding,
 * unknown keys, states, nicknames and the open/close count.  A second
 * suite feeds invented rows to the file loader (lexicon.c is included
 * to reach it) for malformed lines and how rows combine.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "harness.h"
#include "lexicon.c"

static const struct lexicon *lx;

struct class_case {
	const char *key;
	uint32_t has;		/* every one of these bits */
	uint32_t lacks;		/* none of these */
};

static const struct class_case class_cases[] = {
	{ "mary", LEX_FIRST | LEX_LAST, LEX_STATE | LEX_MEDICAL },
	{ "MARY", LEX_FIRST, 0 },
	{ "Mary", LEX_FIRST, 0 },
	{ "mArY", LEX_FIRST, 0 },
	{ "william", LEX_FIRST, LEX_NICKNAME },
	{ "smith", LEX_LAST, 0 },
	{ "Johnson", LEX_LAST, 0 },
	{ "the", LEX_WORD, LEX_FIRST | LEX_CITY },
	{ "patient", LEX_WORD, LEX_CITY },
	{ "boston", LEX_CITY | LEX_PROPER, LEX_STATE },
	{ "chicago", LEX_CITY, LEX_COUNTY },
	{ "cook", LEX_COUNTY | LEX_WORD, 0 },
	{ "new york", LEX_CITY | LEX_STATE | LEX_COUNTY, LEX_STATE_ABBR },
	{ "New York", LEX_STATE, 0 },
	{ "massachusetts", LEX_STATE, LEX_STATE_ABBR },
	{ "ma", LEX_STATE_ABBR, 0 },
	{ "MA", LEX_STATE_ABBR, 0 },
	{ "tx", LEX_STATE_ABBR, 0 },
	{ "new", LEX_PLACE_HEAD | LEX_WORD, LEX_STATE },
	{ "north", LEX_PLACE_HEAD, 0 },
	{ "france", LEX_COUNTRY, 0 },
	{ "Japan", LEX_COUNTRY, 0 },
	{ "bill", LEX_NICKNAME | LEX_FIRST, 0 },
	{ "aspirin", LEX_MEDICAL, LEX_CITY },
	{ "femur", LEX_MEDICAL, 0 },
};

static void
test_classes(void)
{
	struct lex_info in;
	const struct class_case *c;
	size_t i;

	for (i = 0; i < sizeof(class_cases) / sizeof(class_cases[0]); i++) {
		c = &class_cases[i];
		CU_ASSERT_EQUAL(lexicon_find(lx, c->key, strlen(c->key), &in),
		    1);
		CU_ASSERT_EQUAL(in.classes & c->has, c->has);
		CU_ASSERT_EQUAL(in.classes & c->lacks, 0);
	}
}

enum num_field { F_FEMALE, F_MALE, F_LAST, F_WORD, F_POP, F_PLACEW };

struct num_case {
	const char *key;
	enum num_field field;
	uint32_t lo;		/* the value is in [lo, hi] */
	uint32_t hi;
};

static const struct num_case num_cases[] = {
	{ "smith", F_LAST, 1, 1 },
	{ "SMITH", F_LAST, 1, 1 },
	{ "johnson", F_LAST, 2, 2 },
	{ "williams", F_LAST, 3, 3 },
	{ "the", F_WORD, 1, 3 },
	{ "of", F_WORD, 1, 10 },
	{ "mary", F_FEMALE, 1000000, UINT32_MAX },
	{ "mary", F_MALE, 0, 100000 },
	{ "william", F_MALE, 1000000, UINT32_MAX },
	{ "william", F_FEMALE, 0, 100000 },
	{ "mary", F_POP, 0, 0 },
	{ "chicago", F_POP, 1000000, UINT32_MAX },
	{ "boston", F_POP, 100000, UINT32_MAX },
	{ "new", F_PLACEW, 2, UINT8_MAX },
	{ "massachusetts", F_PLACEW, 0, 0 },
	{ "the", F_LAST, 0, 0 },
};

static uint32_t
num_of(const struct lex_info *in, enum num_field f)
{
	switch (f) {
	case F_FEMALE:
		return in->female;
	case F_MALE:
		return in->male;
	case F_LAST:
		return in->last_rank;
	case F_WORD:
		return in->word_rank;
	case F_POP:
		return in->population;
	case F_PLACEW:
		return in->place_words;
	}
	return 0;
}

static void
test_numbers(void)
{
	struct lex_info in;
	const struct num_case *c;
	uint32_t v;
	size_t i;

	for (i = 0; i < sizeof(num_cases) / sizeof(num_cases[0]); i++) {
		c = &num_cases[i];
		CU_ASSERT_EQUAL_FATAL(lexicon_find(lx, c->key, strlen(c->key),
		    &in), 1);
		v = num_of(&in, c->field);
		CU_ASSERT(v >= c->lo && v <= c->hi);
	}
}

/* Keys in no list: the answer is 0 and an all-zero info. */
static const char *const unknown_keys[] = {
	"qzxvbnw", "new yorkx", "new  york", "chicag", "", " mary", "mary ",
	"xx-unlisted-xx",
	"a key far longer than any lexicon holds, beyond the sixty-three "
	    "byte cap",
};

static void
test_unknown(void)
{
	struct lex_info in, zero;
	size_t i;

	memset(&zero, 0, sizeof(zero));
	for (i = 0; i < sizeof(unknown_keys) / sizeof(unknown_keys[0]);
	    i++) {
		memset(&in, 0xa5, sizeof(in));
		CU_ASSERT_EQUAL(lexicon_find(lx, unknown_keys[i],
		    strlen(unknown_keys[i]), &in), 0);
		CU_ASSERT_EQUAL(memcmp(&in, &zero, sizeof(in)), 0);
	}
	CU_ASSERT_EQUAL(lexicon_find(lx, "mary", 4, NULL), 1);
	CU_ASSERT_EQUAL(lexicon_find(lx, "qzxvbnw", 7, NULL), 0);
}

/* Every spelling of one key gives the same answer. */
static void
test_case_folding(void)
{
	static const char *const spellings[] = { "MARY", "Mary", "maRY" };
	struct lex_info want, got;
	size_t i;

	CU_ASSERT_EQUAL_FATAL(lexicon_find(lx, "mary", 4, &want), 1);
	for (i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++) {
		CU_ASSERT_EQUAL(lexicon_find(lx, spellings[i], 4, &got), 1);
		CU_ASSERT_EQUAL(memcmp(&want, &got, sizeof(want)), 0);
	}
}

struct state_case {
	const char *in;
	const char *want;	/* NULL: not a state */
};

static const struct state_case state_cases[] = {
	{ "Massachusetts", "MA" },
	{ "massachusetts", "MA" },
	{ "MASSACHUSETTS", "MA" },
	{ "ma", "MA" },
	{ "Ma", "MA" },
	{ "MA", "MA" },
	{ "new york", "NY" },
	{ "New York", "NY" },
	{ "texas", "TX" },
	{ "tx", "TX" },
	{ "wy", "WY" },
	{ "washington", "WA" },
	{ "boston", NULL },
	{ "mass", NULL },
	{ "zz", NULL },
	{ "m", NULL },
	{ "", NULL },
};

static void
test_state(void)
{
	const struct state_case *c;
	const char *got;
	size_t i;

	for (i = 0; i < sizeof(state_cases) / sizeof(state_cases[0]); i++) {
		c = &state_cases[i];
		got = lexicon_state(lx, c->in, strlen(c->in));
		if (c->want == NULL) {
			CU_ASSERT_PTR_NULL(got);
		} else {
			CU_ASSERT(got != NULL && strcmp(got, c->want) == 0);
		}
	}
}

struct formal_case {
	const char *nick;
	const char *formal;	/* one of its formal names, or NULL */
};

static const struct formal_case formal_cases[] = {
	{ "bill", "william" },
	{ "Bill", "william" },
	{ "BILL", "william" },
	{ "bob", "robert" },
	{ "liz", "elizabeth" },
	{ "william", NULL },	/* a formal name is no nickname */
	{ "qzxvbnw", NULL },
	{ "", NULL },
};

/* Whether the formal names of nick include want (NULL: there are none). */
static int
formal_has(const char *nick, const char *want)
{
	const char *names[16];
	size_t lens[16], n, i;

	n = lexicon_formal(lx, nick, strlen(nick), names, lens, 16);
	if (want == NULL)
		return n == 0;
	for (i = 0; i < n; i++)
		if (lens[i] == strlen(want) &&
		    memcmp(names[i], want, lens[i]) == 0)
			return 1;
	return 0;
}

static void
test_formal(void)
{
	const char *names[2] = { NULL, NULL };
	size_t lens[2] = { 0, 0 };
	size_t i;

	for (i = 0; i < sizeof(formal_cases) / sizeof(formal_cases[0]); i++)
		CU_ASSERT(formal_has(formal_cases[i].nick,
		    formal_cases[i].formal));

	/* max bounds what is stored. */
	CU_ASSERT_EQUAL(lexicon_formal(lx, "bill", 4, names, lens, 0), 0);
	CU_ASSERT_EQUAL(lexicon_formal(lx, "bill", 4, names, lens, 1), 1);
	CU_ASSERT(names[0] != NULL && lens[0] > 0 &&
	    names[0][lens[0]] == '\0');
}

/* Each open is counted; the lexicon lives until the last close. */
static void
test_refcount(void)
{
	const struct lexicon *a, *b;
	char err[128];

	CU_ASSERT_EQUAL_FATAL(lexicon_open(&a, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(lexicon_open(&b, err, sizeof(err)), 0);
	CU_ASSERT_PTR_EQUAL(a, lx);
	CU_ASSERT_PTR_EQUAL(b, lx);
	lexicon_close(a);
	CU_ASSERT_EQUAL(lexicon_find(b, "smith", 5, NULL), 1);
	lexicon_close(b);
	CU_ASSERT_EQUAL(lexicon_find(lx, "smith", 5, NULL), 1);
	lexicon_close(NULL);
}

/* After the last close, the next open loads it again. */
static void
test_reopen(void)
{
	const struct lexicon *a;
	struct lex_info in;
	char err[128];
	size_t n = lexicon_size(lx);

	lexicon_close(lx);
	lx = NULL;
	CU_ASSERT_EQUAL_FATAL(lexicon_open(&a, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lexicon_size(a), n);
	CU_ASSERT_EQUAL(lexicon_find(a, "smith", 5, &in), 1);
	CU_ASSERT_EQUAL(in.last_rank, 1);
	lx = a;
}

static void
test_size(void)
{
	CU_ASSERT(lexicon_size(lx) > 150000);
}

static int
suite_init(void)
{
	char err[128];

	return lexicon_open(&lx, err, sizeof(err)) == 0 ? 0 : -1;
}

static int
suite_clean(void)
{
	lexicon_close(lx);
	lx = NULL;
	return 0;
}

/* An empty lexicon, as lex_load starts one. */
static struct lexicon *
empty_lexicon(void)
{
	struct lexicon *x;

	x = calloc(1, sizeof(*x));
	if (x == NULL)
		return NULL;
	x->words = wordtab_new(16);
	x->states = wordtab_new(16);
	x->nicks = wordtab_new(16);
	x->recs = calloc(1, sizeof(*x->recs));
	x->nrecs = 1;
	if (x->words == NULL || x->states == NULL || x->nicks == NULL ||
	    x->recs == NULL) {
		lex_free(x);
		return NULL;
	}
	return x;
}

/* Load data as the file named like lex_files[which]; keep it in *out. */
static int
load_text(size_t which, const char *data, char *err, size_t errlen,
    struct lexicon **out)
{
	struct lexfile lf = lex_files[which];
	struct lexicon *x;
	uint64_t size = strlen(data);
	int r;

	*out = NULL;
	x = empty_lexicon();
	if (x == NULL)
		return ERR_NOMEM;
	lf.data = data;
	lf.size = &size;
	r = load_file(x, &lf, err, errlen);
	if (r == 0)
		r = group_pairs(x);
	if (r != 0)
		lex_free(x);
	else
		*out = x;
	return r;
}

enum { L_FIRST, L_LAST, L_WORDS, L_MEDICAL, L_PLACES, L_STATES,
    L_COUNTRIES, L_NICKNAMES };

struct parse_case {
	size_t file;		/* index in lex_files */
	const char *data;
	int want;		/* 0 or ERR_PARSE */
	const char *err;	/* the message on failure */
};

static const struct parse_case parse_cases[] = {
	{ L_FIRST, "ann\t12\t3\n", 0, NULL },
	{ L_FIRST, "ann\t12\t3", 0, NULL },		/* no final newline */
	{ L_FIRST, "\n\nann\t12\t3\n\n", 0, NULL },
	{ L_FIRST, "ann\t4294967295\t0\n", 0, NULL },
	{ L_FIRST, "ann\t12\n", ERR_PARSE,
	    "lexicon first.tsv: line 1: malformed" },
	{ L_FIRST, "ann\t12\t3\nbea\t1x\t2\n", ERR_PARSE,
	    "lexicon first.tsv: line 2: malformed" },
	{ L_FIRST, "\nann\t12\t3\t4\n", ERR_PARSE,
	    "lexicon first.tsv: line 2: malformed" },
	{ L_FIRST, "\t1\t2\n", ERR_PARSE, NULL },		/* empty key */
	{ L_FIRST, "ann\t4294967296\t0\n", ERR_PARSE, NULL },
	{ L_FIRST, "ann\t99999999999\t0\n", ERR_PARSE, NULL },
	{ L_FIRST, "ann\t-1\t0\n", ERR_PARSE, NULL },
	{ L_FIRST, "ann\t+1\t0\n", ERR_PARSE, NULL },
	{ L_FIRST, "ann\t\t0\n", ERR_PARSE, NULL },
	{ L_FIRST, "ann\t1\t2\r\n", ERR_PARSE, NULL },
	{ L_LAST, "smyth\t17\n", 0, NULL },
	{ L_LAST, "smyth\t0\n", ERR_PARSE, NULL },
	{ L_LAST, "smyth\n", ERR_PARSE, NULL },
	{ L_WORDS, "tree\t5\tw\noak\t0\tp\nelm\t9\twp\n", 0, NULL },
	{ L_WORDS, "tree\t5\tx\n", ERR_PARSE,
	    "lexicon words.tsv: line 1: malformed" },
	{ L_WORDS, "tree\t5\t\n", ERR_PARSE, NULL },
	{ L_MEDICAL, "tibia\nulnar nerve\n", 0, NULL },
	{ L_MEDICAL, "tibia\tx\n", ERR_PARSE, NULL },
	{ L_PLACES, "dale\tcity\tar\t5\ndale\tcounty\tok\t7\n", 0,
	    NULL },
	{ L_PLACES, "dale\ttown\tar\t5\n", ERR_PARSE,
	    "lexicon places.tsv: line 1: malformed" },
	{ L_PLACES, "dale\tcity\t\t5\n", ERR_PARSE, NULL },
	{ L_PLACES, "dale\tcity\tar\n", ERR_PARSE, NULL },
	{ L_STATES, "vermont\tvt\n", 0, NULL },
	{ L_STATES, "vermont\tvtx\n", ERR_PARSE, NULL },
	{ L_STATES, "vermont\tv1\n", ERR_PARSE, NULL },
	{ L_COUNTRIES, "utopia\n", 0, NULL },
	{ L_NICKNAMES, "ted\tedward\nted\ttheodore\n", 0, NULL },
	{ L_NICKNAMES, "ted\t\n", ERR_PARSE,
	    "lexicon nicknames.tsv: line 1: malformed" },
	{ L_NICKNAMES, "ted\n", ERR_PARSE, NULL },
};

static void
test_parse(void)
{
	const struct parse_case *c;
	struct lexicon *x;
	char err[128];
	size_t i;
	int r;

	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		c = &parse_cases[i];
		err[0] = '\0';
		r = load_text(c->file, c->data, err, sizeof(err), &x);
		CU_ASSERT_EQUAL(r, c->want);
		if (c->err != NULL)
			CU_ASSERT_STRING_EQUAL(err, c->err);
		if (r != 0)
			CU_ASSERT_PTR_NULL(strstr(err, "ann"));
		lex_free(x);
	}
}

/* Keys longer than a lookup can be are left out, not an error. */
static void
test_long_key(void)
{
	char data[WORDTAB_MAX_KEY + 32], err[128];
	struct lexicon *x;

	memset(data, 'q', WORDTAB_MAX_KEY + 1);
	memcpy(data + WORDTAB_MAX_KEY + 1, " end\n", 6);
	CU_ASSERT_EQUAL_FATAL(load_text(L_COUNTRIES, data, err, sizeof(err),
	    &x), 0);
	CU_ASSERT_EQUAL(wordtab_count(x->words), 0);
	lex_free(x);
}

struct combine_case {
	const char *key;
	uint32_t classes;
	uint32_t population;
	uint8_t place_words;
};

/* Invented places: the largest city's population; counties add none. */
static const char combine_places[] =
    "riverton\tcity\twy\t100\n"
    "riverton\tcity\tut\t4000\n"
    "riverton\tcounty\tzz\t90000\n"
    "lake view heights\tcity\tny\t5\n"
    "lake view\tcounty\tny\t8\n"
    "lake\tcity\tmn\t12\n";

static const struct combine_case combine_cases[] = {
	{ "riverton", LEX_CITY | LEX_COUNTY, 4000, 0 },
	{ "Lake View Heights", LEX_CITY, 5, 0 },
	{ "lake view", LEX_COUNTY, 0, 0 },
	{ "lake", LEX_CITY | LEX_PLACE_HEAD, 12, 3 },
	{ "view", 0, 0, 0 },
};

static void
test_combine(void)
{
	const struct combine_case *c;
	struct lexicon *x;
	struct lex_info in;
	char err[128];
	size_t i;

	CU_ASSERT_EQUAL_FATAL(load_text(L_PLACES, combine_places, err,
	    sizeof(err), &x), 0);
	for (i = 0; i < sizeof(combine_cases) / sizeof(combine_cases[0]);
	    i++) {
		c = &combine_cases[i];
		CU_ASSERT_EQUAL(lexicon_find(x, c->key, strlen(c->key), &in),
		    c->classes != 0);
		CU_ASSERT_EQUAL(in.classes, c->classes);
		CU_ASSERT_EQUAL(in.population, c->population);
		CU_ASSERT_EQUAL(in.place_words, c->place_words);
	}
	lex_free(x);
}

/* Nicknames keep every formal name, in file order. */
static void
test_nick_groups(void)
{
	static const char data[] = "ted\tedward\nbeth\telizabeth\n"
	    "ted\ttheodore\nTED\tTheobald\n";
	const char *names[4];
	size_t lens[4];
	struct lexicon *x;
	char err[128];

	CU_ASSERT_EQUAL_FATAL(load_text(L_NICKNAMES, data, err, sizeof(err),
	    &x), 0);
	CU_ASSERT_EQUAL_FATAL(lexicon_formal(x, "Ted", 3, names, lens, 4),
	    3);
	CU_ASSERT_STRING_EQUAL(names[0], "edward");
	CU_ASSERT_STRING_EQUAL(names[1], "theodore");
	CU_ASSERT_STRING_EQUAL(names[2], "theobald");
	CU_ASSERT_EQUAL(lens[2], 8);
	CU_ASSERT_EQUAL(lexicon_formal(x, "beth", 4, names, lens, 4), 1);
	CU_ASSERT_EQUAL(lexicon_formal(x, "edward", 6, names, lens, 4), 0);
	lex_free(x);
}

/* One thread: open, look up, close, twice; the count of failures. */
static void *
open_find_close(void *arg)
{
	const struct lexicon *x;
	struct lex_info in;
	char err[128];
	int round;

	(void)arg;
	for (round = 0; round < 2; round++) {
		if (lexicon_open(&x, err, sizeof(err)) != 0)
			return (void *)1;
		if (lexicon_find(x, "smith", 5, &in) != 1 ||
		    in.last_rank != 1)
			return (void *)1;
		lexicon_close(x);
	}
	return NULL;
}

/* Threads racing to open and close the shared lexicon. */
static void
test_threads(void)
{
	enum { NTHREADS = 4 };
	pthread_t th[NTHREADS];
	void *ret;
	int i, started = 0, bad = 0;

	for (i = 0; i < NTHREADS; i++)
		if (pthread_create(&th[i], NULL, open_find_close, NULL) == 0)
			started++;
	for (i = 0; i < started; i++) {
		if (pthread_join(th[i], &ret) != 0 || ret != NULL)
			bad++;
	}
	CU_ASSERT_EQUAL(started, NTHREADS);
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_PTR_NULL(lex_shared);
	CU_ASSERT_EQUAL(lex_refs, 0);
}

static int
add(void)
{
	CU_pSuite s;

	s = CU_add_suite("lexicon", suite_init, suite_clean);
	if (s == NULL ||
	    CU_add_test(s, "classes", test_classes) == NULL ||
	    CU_add_test(s, "numbers", test_numbers) == NULL ||
	    CU_add_test(s, "unknown keys", test_unknown) == NULL ||
	    CU_add_test(s, "case folding", test_case_folding) == NULL ||
	    CU_add_test(s, "lexicon_state", test_state) == NULL ||
	    CU_add_test(s, "lexicon_formal", test_formal) == NULL ||
	    CU_add_test(s, "open/close count", test_refcount) == NULL ||
	    CU_add_test(s, "reopen after last close", test_reopen) == NULL ||
	    CU_add_test(s, "size", test_size) == NULL)
		return -1;

	s = CU_add_suite("lexicon files", NULL, NULL);
	if (s == NULL ||
	    CU_add_test(s, "malformed lines", test_parse) == NULL ||
	    CU_add_test(s, "over-long keys", test_long_key) == NULL ||
	    CU_add_test(s, "places combine", test_combine) == NULL ||
	    CU_add_test(s, "nickname groups", test_nick_groups) == NULL ||
	    CU_add_test(s, "threads open and close", test_threads) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
