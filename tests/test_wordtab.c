/*
 * test_wordtab.c - the word table: adding, finding, case folding,
 * growth from a tiny size, key length limits, stable indices,
 * splitting lists and prefetch hints.
 */
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "harness.h"
#include "wordtab.h"

#define B_TITLE		(1u << 0)
#define B_ROLE		(1u << 1)
#define B_SUFFIX	(1u << 2)

struct add_case {
	const char *word;
	uint32_t bits;
	long want;		/* the index wordtab_add returns */
};

/* Added in order to one table; repeats OR their bits in. */
static const struct add_case add_cases[] = {
	{ "doctor", B_TITLE, 0 },
	{ "nurse", B_ROLE, 1 },
	{ "Doctor", B_ROLE, 0 },	/* same word, other case */
	{ "jr", B_SUFFIX, 2 },
	{ "JR", B_SUFFIX, 2 },
	{ "new harbor", B_TITLE, 3 },	/* a phrase is one key */
	{ "caf\xc3\xa9", B_ROLE, 4 },	/* UTF-8 bytes kept as they are */
	{ "CAF\xc3\xa9", 0, 4 },
	{ "CAF\xc3\x89", B_ROLE, 5 },	/* no Unicode folding */
	{ "a", B_SUFFIX, 6 },
	{ "nurse", 0, 1 },
};

struct find_case {
	const char *word;
	long want;		/* the index, or -1 */
	uint32_t bits;
};

static const struct find_case find_cases[] = {
	{ "doctor", 0, B_TITLE | B_ROLE },
	{ "DOCTOR", 0, B_TITLE | B_ROLE },
	{ "dOcToR", 0, B_TITLE | B_ROLE },
	{ "nurse", 1, B_ROLE },
	{ "Jr", 2, B_SUFFIX },
	{ "New Harbor", 3, B_TITLE },
	{ "new  harbor", -1, 0 },	/* two spaces */
	{ "new", -1, 0 },		/* a prefix is not the key */
	{ "doctors", -1, 0 },
	{ "docto", -1, 0 },
	{ "Caf\xc3\xa9", 4, B_ROLE },
	{ "caf\xc3\x89", 5, B_ROLE },
	{ "A", 6, B_SUFFIX },
	{ "b", -1, 0 },
	{ "", -1, 0 },
};

static void
test_add_find(void)
{
	struct wordtab *t;
	uint32_t bits;
	size_t i;
	long r;

	t = wordtab_new(4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);

	for (i = 0; i < sizeof(add_cases) / sizeof(add_cases[0]); i++) {
		r = wordtab_add(t, add_cases[i].word,
		    strlen(add_cases[i].word), add_cases[i].bits);
		CU_ASSERT_EQUAL(r, add_cases[i].want);
	}
	CU_ASSERT_EQUAL(wordtab_count(t), 7);

	for (i = 0; i < sizeof(find_cases) / sizeof(find_cases[0]); i++) {
		bits = 0xdead;
		r = wordtab_find(t, find_cases[i].word,
		    strlen(find_cases[i].word), &bits);
		CU_ASSERT_EQUAL(r, find_cases[i].want);
		CU_ASSERT_EQUAL(bits, find_cases[i].bits);
		CU_ASSERT_EQUAL(wordtab_find(t, find_cases[i].word,
		    strlen(find_cases[i].word), NULL), find_cases[i].want);
	}
	wordtab_free(t);
}

/* A key is looked up by its n bytes, not up to a NUL. */
static void
test_counted(void)
{
	struct wordtab *t;
	uint32_t bits;

	t = wordtab_new(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(wordtab_add(t, "maple street", 5, B_TITLE), 0);
	CU_ASSERT_EQUAL(wordtab_find(t, "MAPLE", 5, &bits), 0);
	CU_ASSERT_EQUAL(bits, B_TITLE);
	CU_ASSERT_EQUAL(wordtab_find(t, "maple street", 12, &bits), -1);
	CU_ASSERT_EQUAL(bits, 0);
	CU_ASSERT_EQUAL(wordtab_find(t, "maples", 5, NULL), 0);
	wordtab_free(t);
}

struct limit_case {
	size_t n;		/* key length */
	long add;		/* wordtab_add's result */
	long find;		/* wordtab_find's result afterwards */
};

static const struct limit_case limit_cases[] = {
	{ 0, ERR_USAGE, -1 },
	{ 1, 0, 0 },
	{ WORDTAB_MAX_KEY - 1, 1, 1 },
	{ WORDTAB_MAX_KEY, 2, 2 },
	{ WORDTAB_MAX_KEY + 1, ERR_USAGE, -1 },
	{ 200, ERR_USAGE, -1 },
};

static void
test_limits(void)
{
	struct wordtab *t;
	char key[256];
	size_t i;

	memset(key, 'k', sizeof(key));
	t = wordtab_new(1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);

	for (i = 0; i < sizeof(limit_cases) / sizeof(limit_cases[0]); i++) {
		CU_ASSERT_EQUAL(wordtab_add(t, key, limit_cases[i].n, 1),
		    limit_cases[i].add);
		CU_ASSERT_EQUAL(wordtab_find(t, key, limit_cases[i].n, NULL),
		    limit_cases[i].find);
	}
	CU_ASSERT_EQUAL(wordtab_count(t), 3);
	wordtab_free(t);
}

/*
 * From a hint of 1 to tens of thousands of words: every index stays
 * what wordtab_add first returned, through every growth.
 */
static void
test_growth(void)
{
	enum { NWORDS = 40000 };
	struct wordtab *t;
	char w[32];
	uint32_t bits;
	size_t i;
	int n, bad = 0;

	t = wordtab_new(1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	for (i = 0; i < NWORDS; i++) {
		n = snprintf(w, sizeof(w), "Word%zu", i);
		if (wordtab_add(t, w, (size_t)n, (uint32_t)(i & 7)) !=
		    (long)i)
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(wordtab_count(t), NWORDS);

	for (i = 0; i < NWORDS; i++) {
		n = snprintf(w, sizeof(w), "WORD%zu", i);
		if (wordtab_find(t, w, (size_t)n, &bits) != (long)i ||
		    bits != (uint32_t)(i & 7))
			bad++;
		n = snprintf(w, sizeof(w), "word%zux", i);
		if (wordtab_find(t, w, (size_t)n, NULL) != -1)
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);

	/* Adding again changes no index and no count. */
	CU_ASSERT_EQUAL(wordtab_add(t, "word12345", 9, 8), 12345);
	CU_ASSERT_EQUAL(wordtab_find(t, "word12345", 9, &bits), 12345);
	CU_ASSERT_EQUAL(bits, (12345 & 7) | 8);
	CU_ASSERT_EQUAL(wordtab_count(t), NWORDS);
	wordtab_free(t);
}

struct split_case {
	const char *list;
	int sep;
	size_t count;		/* words in the table afterwards */
	const char *probe;	/* one of them */
};

static const struct split_case split_cases[] = {
	{ "mr mrs ms dr", ' ', 4, "MRS" },
	{ "jr,sr,,ii,iii,", ',', 4, "iii" },
	{ "new haven|east lyme", '|', 2, "East Lyme" },
	{ "", ' ', 0, NULL },
	{ "   ", ' ', 0, NULL },
	{ "solo", ',', 1, "solo" },
	{ "rn rn RN", ' ', 1, "rn" },
};

static void
test_split(void)
{
	struct wordtab *t;
	uint32_t bits;
	size_t i;

	for (i = 0; i < sizeof(split_cases) / sizeof(split_cases[0]); i++) {
		t = wordtab_new(2);
		CU_ASSERT_PTR_NOT_NULL_FATAL(t);
		CU_ASSERT_EQUAL(wordtab_add_split(t, split_cases[i].list,
		    split_cases[i].sep, B_ROLE), 0);
		CU_ASSERT_EQUAL(wordtab_count(t), split_cases[i].count);
		if (split_cases[i].probe != NULL) {
			CU_ASSERT(wordtab_find(t, split_cases[i].probe,
			    strlen(split_cases[i].probe), &bits) >= 0);
			CU_ASSERT_EQUAL(bits, B_ROLE);
		}
		wordtab_free(t);
	}
}

static void
test_split_too_long(void)
{
	struct wordtab *t;
	char list[WORDTAB_MAX_KEY + 16];

	memset(list, 'x', sizeof(list) - 1);
	list[sizeof(list) - 1] = '\0';
	list[2] = ' ';
	t = wordtab_new(2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(wordtab_add_split(t, list, ' ', 1), ERR_USAGE);
	CU_ASSERT_EQUAL(wordtab_find(t, "xx", 2, NULL), 0);
	wordtab_free(t);
}

/*
 * Every key length, so each tail of the eight-byte hash steps is
 * used: a key is found in any ASCII case, and a key that differs in one
 * byte (another letter, or '@', which is 'A' less bit 5 of 'a') is not.
 */
static void
test_every_length(void)
{
	struct wordtab *t = wordtab_new(8);
	char k[WORDTAB_MAX_KEY + 1], u[WORDTAB_MAX_KEY + 1];
	size_t n, i;
	uint32_t bits;

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	for (n = 1; n <= WORDTAB_MAX_KEY; n++) {
		for (i = 0; i < n; i++)
			k[i] = (char)('a' + (n * 7 + i * 3) % 26);
		CU_ASSERT_EQUAL(wordtab_add(t, k, n, 1u << (n % 32)),
		    (long)(n - 1));
	}
	for (n = 1; n <= WORDTAB_MAX_KEY; n++) {
		for (i = 0; i < n; i++) {
			k[i] = (char)('a' + (n * 7 + i * 3) % 26);
			u[i] = (char)(i % 2 ? k[i] - 'a' + 'A' : k[i]);
		}
		CU_ASSERT_EQUAL(wordtab_find(t, u, n, &bits), (long)(n - 1));
		CU_ASSERT_EQUAL(bits, 1u << (n % 32));
		for (i = 0; i < n; i++) {
			u[i] = (char)(k[i] == 'z' ? 'y' : k[i] + 1);
			CU_ASSERT_EQUAL(wordtab_find(t, u, n, NULL), -1);
			u[i] = '@';
			CU_ASSERT_EQUAL(wordtab_find(t, u, n, NULL), -1);
			u[i] = k[i];
		}
	}
	wordtab_free(t);
}

static void
test_empty_and_null(void)
{
	struct wordtab *t;
	uint32_t bits = 7;

	wordtab_free(NULL);
	CU_ASSERT_EQUAL(wordtab_count(NULL), 0);
	CU_ASSERT_EQUAL(wordtab_find(NULL, "x", 1, &bits), -1);
	CU_ASSERT_EQUAL(bits, 0);

	t = wordtab_new(0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(wordtab_count(t), 0);
	CU_ASSERT_EQUAL(wordtab_find(t, "anything", 8, NULL), -1);
	wordtab_free(t);

	/* A large hint gives a table that works like any other. */
	t = wordtab_new(300000);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(wordtab_add(t, "elm", 3, 2), 0);
	CU_ASSERT_EQUAL(wordtab_find(t, "ELM", 3, &bits), 0);
	CU_ASSERT_EQUAL(bits, 2);

	/* A prefetch is only a hint: it adds and changes nothing. */
	wordtab_prefetch(NULL, "elm", 3);
	wordtab_prefetch(t, "", 0);
	wordtab_prefetch(t, "oak", 3);
	wordtab_prefetch(t, "elm", 3);
	CU_ASSERT_EQUAL(wordtab_count(t), 1);
	CU_ASSERT_EQUAL(wordtab_find(t, "oak", 3, NULL), -1);
	wordtab_free(t);
}

/* Keys that differ in case only, and others, for test_hashed. */
static const char *const hashed_words[] = {
	"Willowmere", "WILLOWMERE", "willowmere", "oak", "OAK", "a",
	"ab", "abc", "abcd", "quillanes-brook", "QUILLANES-BROOK-FARMHOUSE",
};

/*
 * wordtab_add_hash with wordtab_hash gives what wordtab_add gives; the
 * hash ignores ASCII case; keys of no valid length hash to 0.
 */
static void
test_hashed(void)
{
	struct wordtab *a, *b;
	uint32_t h, bits;
	size_t i, n;
	long ia, ib;

	a = wordtab_new(4);
	b = wordtab_new(4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	for (i = 0; i < sizeof(hashed_words) / sizeof(hashed_words[0]); i++) {
		n = strlen(hashed_words[i]);
		h = wordtab_hash(hashed_words[i], n);
		wordtab_prefetch_hash(b, h);
		wordtab_prefetch_hash(NULL, h);
		ia = wordtab_add(a, hashed_words[i], n, 1u << i);
		ib = wordtab_add_hash(b, hashed_words[i], n, h, 1u << i);
		CU_ASSERT_EQUAL(ia, ib);
		CU_ASSERT(ia >= 0);
	}
	CU_ASSERT_EQUAL(wordtab_count(a), wordtab_count(b));
	CU_ASSERT_EQUAL(wordtab_find(b, "willowMERE", 10, &bits), 0);
	CU_ASSERT_EQUAL(bits, 7u);
	CU_ASSERT_EQUAL(wordtab_hash("Oak", 3), wordtab_hash("oAK", 3));
	CU_ASSERT_EQUAL(wordtab_hash("", 0), 0);
	CU_ASSERT_EQUAL(wordtab_hash("x", WORDTAB_MAX_KEY + 1), 0);
	CU_ASSERT_EQUAL(wordtab_add_hash(b, "", 0, 0, 1), ERR_USAGE);
	wordtab_free(a);
	wordtab_free(b);
}

static int
add(void)
{
	CU_pSuite s;

	s = CU_add_suite("wordtab", NULL, NULL);
	if (s == NULL ||
	    CU_add_test(s, "add and find", test_add_find) == NULL ||
	    CU_add_test(s, "counted keys", test_counted) == NULL ||
	    CU_add_test(s, "key length limits", test_limits) == NULL ||
	    CU_add_test(s, "growth keeps indices", test_growth) == NULL ||
	    CU_add_test(s, "add_split", test_split) == NULL ||
	    CU_add_test(s, "hash once, add", test_hashed) == NULL ||
	    CU_add_test(s, "add_split too long", test_split_too_long) ==
	    NULL ||
	    CU_add_test(s, "every key length", test_every_length) == NULL ||
	    CU_add_test(s, "empty and NULL", test_empty_and_null) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
