/* test_spans.c - candidate spans and the one resolution rule. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "harness.h"
#include "spans.h"

#define MAXC	8

struct cand {
	size_t start, end;
	enum phi_type type;
	float score;
	const char *rec;
};

struct resolve_case {
	const char *what;
	struct cand in[MAXC];
	size_t nin;
	struct cand out[MAXC];
	size_t nout;
};

static const struct resolve_case cases[] = {
	{ "single",
	    { { 0, 5, PHI_NAME, 0.9f, "a" } }, 1,
	    { { 0, 5, PHI_NAME, 0.9f, "a" } }, 1 },
	{ "nested: highest score wins",
	    { { 0, 10, PHI_DATE, 0.8f, "d" }, { 2, 5, PHI_NAME, 0.9f, "n" } },
	    2, { { 0, 10, PHI_NAME, 0.9f, "n" } }, 1 },
	{ "nested: same score, longest wins",
	    { { 0, 10, PHI_DATE, 0.8f, "d" }, { 2, 5, PHI_NAME, 0.8f, "n" } },
	    2, { { 0, 10, PHI_DATE, 0.8f, "d" } }, 1 },
	{ "chain A-B-C, A not touching C",
	    { { 0, 5, PHI_NAME, 0.5f, "a" }, { 4, 9, PHI_DATE, 0.7f, "b" },
	    { 8, 12, PHI_PHONE, 0.6f, "c" } }, 3,
	    { { 0, 12, PHI_DATE, 0.7f, "b" } }, 1 },
	{ "same type touching merges",
	    { { 0, 4, PHI_NAME, 0.5f, "x" }, { 4, 8, PHI_NAME, 0.6f, "y" } },
	    2, { { 0, 8, PHI_NAME, 0.6f, "y" } }, 1 },
	{ "same type touching chain",
	    { { 0, 2, PHI_ZIP, 0.5f, "x" }, { 2, 4, PHI_ZIP, 0.5f, "x" },
	    { 4, 7, PHI_ZIP, 0.5f, "x" } }, 3,
	    { { 0, 7, PHI_ZIP, 0.5f, "x" } }, 1 },
	{ "different types touching stay apart",
	    { { 0, 4, PHI_NAME, 0.5f, "x" }, { 4, 8, PHI_DATE, 0.6f, "y" } },
	    2, { { 0, 4, PHI_NAME, 0.5f, "x" },
	    { 4, 8, PHI_DATE, 0.6f, "y" } }, 2 },
	{ "gap stays apart",
	    { { 0, 3, PHI_NAME, 0.5f, "x" }, { 4, 6, PHI_NAME, 0.5f, "x" } },
	    2, { { 0, 3, PHI_NAME, 0.5f, "x" },
	    { 4, 6, PHI_NAME, 0.5f, "x" } }, 2 },
	{ "empty spans ignored",
	    { { 3, 3, PHI_NAME, 0.9f, "e" }, { 5, 2, PHI_DATE, 0.9f, "e" } },
	    2, { { 0, 0, PHI_NAME, 0.0f, NULL } }, 0 },
	{ "empty span inside a real one",
	    { { 3, 3, PHI_NAME, 0.9f, "e" }, { 1, 6, PHI_DATE, 0.2f, "d" } },
	    2, { { 1, 6, PHI_DATE, 0.2f, "d" } }, 1 },
	{ "tie on score and length: lowest type",
	    { { 0, 4, PHI_DATE, 0.8f, "a" }, { 2, 6, PHI_NAME, 0.8f, "b" } },
	    2, { { 0, 6, PHI_NAME, 0.8f, "b" } }, 1 },
	{ "tie on all but recognizer: lowest name",
	    { { 0, 4, PHI_NAME, 0.8f, "zeta" },
	    { 2, 6, PHI_NAME, 0.8f, "alpha" } }, 2,
	    { { 0, 6, PHI_NAME, 0.8f, "alpha" } }, 1 },
	{ "duplicates collapse",
	    { { 2, 9, PHI_SSN, 0.9f, "ssn" }, { 2, 9, PHI_SSN, 0.9f, "ssn" } },
	    2, { { 2, 9, PHI_SSN, 0.9f, "ssn" } }, 1 },
	{ "touching group joins through its same-type member",
	    { { 0, 8, PHI_DATE, 0.9f, "d1" }, { 8, 9, PHI_NAME, 0.95f, "n" },
	    { 8, 12, PHI_DATE, 0.5f, "d2" } }, 3,
	    { { 0, 12, PHI_NAME, 0.95f, "n" } }, 1 },
	{ "touching a different-type end member stays apart",
	    { { 0, 5, PHI_DATE, 0.9f, "d" }, { 3, 8, PHI_NAME, 0.5f, "n" },
	    { 8, 10, PHI_AGE, 0.4f, "a" } }, 3,
	    { { 0, 8, PHI_DATE, 0.9f, "d" },
	    { 8, 10, PHI_AGE, 0.4f, "a" } }, 2 },
	{ "resolved spans of the same type that touch merge",
	    { { 0, 5, PHI_DATE, 0.9f, "d1" }, { 3, 8, PHI_NAME, 0.5f, "n" },
	    { 8, 10, PHI_DATE, 0.4f, "d2" } }, 3,
	    { { 0, 10, PHI_DATE, 0.9f, "d1" } }, 1 },
	{ "merged resolved spans keep the strongest member",
	    { { 0, 2, PHI_DATE, 0.3f, "d1" }, { 1, 4, PHI_NAME, 0.2f, "n" },
	    { 4, 6, PHI_DATE, 0.7f, "d2" } }, 3,
	    { { 0, 6, PHI_DATE, 0.7f, "d2" } }, 1 },
	{ "overlap by one byte merges",
	    { { 0, 5, PHI_PHONE, 0.6f, "p" }, { 4, 20, PHI_URL, 0.6f, "u" } },
	    2, { { 0, 20, PHI_URL, 0.6f, "u" } }, 1 },
	{ "scores clamped to 0..1",
	    { { 0, 2, PHI_MRN, 7.0f, "m" }, { 1, 5, PHI_ACCOUNT, 1.0f, "a" } },
	    2, { { 0, 5, PHI_ACCOUNT, 1.0f, "a" } }, 1 },
	{ "two clusters, inner ties",
	    { { 10, 14, PHI_CITY, 0.6f, "c" }, { 12, 16, PHI_STATE, 0.6f, "s" },
	    { 0, 3, PHI_AGE, 0.5f, "g" }, { 1, 3, PHI_DATE, 0.5f, "d" } }, 4,
	    { { 0, 3, PHI_AGE, 0.5f, "g" },
	    { 10, 16, PHI_CITY, 0.6f, "c" } }, 2 },
};

static uint32_t
lcg(uint32_t *s)
{
	*s = *s * 1664525u + 1013904223u;
	return *s >> 8;
}

static void
shuffle(struct cand *v, size_t n, uint32_t *seed)
{
	struct cand tmp;
	size_t i, j;

	for (i = n; i > 1; i--) {
		j = lcg(seed) % i;
		tmp = v[i - 1];
		v[i - 1] = v[j];
		v[j] = tmp;
	}
}

static void
check_case(struct spans *s, const struct resolve_case *c, const struct cand *in)
{
	const struct span *sp;
	size_t i;

	spans_clear(s);
	for (i = 0; i < c->nin; i++)
		CU_ASSERT_EQUAL(spans_add(s, in[i].start, in[i].end,
		    in[i].type, in[i].score, in[i].rec), 0);
	spans_resolve(s);
	CU_ASSERT_EQUAL(spans_count(s), c->nout);
	if (spans_count(s) != c->nout)
		return;
	for (i = 0; i < c->nout; i++) {
		sp = spans_get(s, i);
		CU_ASSERT_EQUAL(sp->start, c->out[i].start);
		CU_ASSERT_EQUAL(sp->end, c->out[i].end);
		CU_ASSERT_EQUAL(sp->type, c->out[i].type);
		CU_ASSERT_DOUBLE_EQUAL(sp->score, c->out[i].score, 1e-6);
		CU_ASSERT_STRING_EQUAL(sp->recognizer, c->out[i].rec);
	}
	CU_ASSERT_PTR_NULL(spans_get(s, c->nout));
}

/* Every case, in its own order and in 50 shuffled orders. */
static void
test_resolve(void)
{
	struct spans *s = spans_new();
	struct cand in[MAXC];
	uint32_t seed = 7;
	size_t i;
	int k;

	CU_ASSERT_FATAL(s != NULL);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memcpy(in, cases[i].in, sizeof(in));
		for (k = 0; k < 51; k++) {
			check_case(s, &cases[i], in);
			shuffle(in, cases[i].nin, &seed);
		}
	}
	spans_free(s);
	spans_free(NULL);
}

static const char *const recs[] = { "r.a", "r.b", "r.c" };

/* covered - mark the bytes covered by the spans of s. */
static void
covered(const struct spans *s, unsigned char *map, size_t n)
{
	size_t i, b;

	memset(map, 0, n);
	for (i = 0; i < spans_count(s); i++)
		for (b = spans_get(s, i)->start; b < spans_get(s, i)->end; b++)
			map[b] = 1;
}

/* ref_stronger - the strength order of spans.h, written out again. */
static int
ref_stronger(const struct cand *a, const struct cand *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	if (a->end - a->start != b->end - b->start)
		return a->end - a->start > b->end - b->start;
	if (a->type != b->type)
		return a->type < b->type;
	return strcmp(a->rec, b->rec) < 0;
}

static int
linked(const struct cand *a, const struct cand *b)
{
	if (a->start < b->end && b->start < a->end)
		return 1;
	return a->type == b->type &&
	    (a->end == b->start || b->end == a->start);
}

/* Candidates per random round. */
#define MAXCAND 48

/*
 * ref_resolve - the rule by brute force: connected groups by repeated
 * relabelling, then same-type touching results merged.  Returns the
 * number of spans in out (sorted by start).
 */
static size_t
ref_resolve(const struct cand *in, size_t n, struct cand *out)
{
	size_t grp[MAXCAND], i, j, m = 0;
	struct cand best[MAXCAND], ext[MAXCAND], obest[MAXCAND];
	int changed = 1;

	for (i = 0; i < n; i++)
		grp[i] = i;
	while (changed) {
		changed = 0;
		for (i = 0; i < n; i++)
			for (j = 0; j < n; j++)
				if (linked(&in[i], &in[j]) && grp[j] < grp[i]) {
					grp[i] = grp[j];
					changed = 1;
				}
	}
	for (i = 0; i < n; i++) {
		size_t g = grp[i];

		if (g == i) {
			best[g] = in[i];
			ext[g] = in[i];
		}
	}
	for (i = 0; i < n; i++) {
		size_t g = grp[i];

		if (in[i].start < ext[g].start)
			ext[g].start = in[i].start;
		if (in[i].end > ext[g].end)
			ext[g].end = in[i].end;
		if (ref_stronger(&in[i], &best[g]))
			best[g] = in[i];
	}

	/* emit groups by start (selection), merging same-type touching */
	for (;;) {
		size_t pick = n;

		for (i = 0; i < n; i++)
			if (grp[i] == i && (pick == n ||
			    ext[i].start < ext[pick].start))
				pick = i;
		if (pick == n)
			break;
		grp[pick] = n + 1;
		if (m > 0 && out[m - 1].end == ext[pick].start &&
		    obest[m - 1].type == best[pick].type) {
			if (ref_stronger(&best[pick], &obest[m - 1]))
				obest[m - 1] = best[pick];
			out[m - 1].end = ext[pick].end;
		} else {
			obest[m] = best[pick];
			out[m] = ext[pick];
			m++;
		}
	}
	for (i = 0; i < m; i++) {
		out[i].type = obest[i].type;
		out[i].score = obest[i].score;
		out[i].rec = obest[i].rec;
	}
	return m;
}

static int
same(const struct span *a, const struct span *b)
{
	return a->start == b->start && a->end == b->end &&
	    a->type == b->type && a->score == b->score &&
	    a->recognizer == b->recognizer;
}

/*
 * Random sets: the result is sorted, never overlaps, has no same-type
 * touching neighbours, covers exactly the bytes the candidates covered,
 * and is the same for every insertion order.
 */
static void
test_random(void)
{
	struct spans *s = spans_new(), *s2 = spans_new();
	struct cand in[MAXCAND], ref[MAXCAND];
	unsigned char before[64], after[64];
	uint32_t seed = 99;
	size_t i, n, nref;
	int round, k;

	CU_ASSERT_FATAL(s != NULL && s2 != NULL);
	for (round = 0; round < 2000; round++) {
		n = 1 + lcg(&seed) % MAXCAND;
		for (i = 0; i < n; i++) {
			in[i].start = lcg(&seed) % 60;
			in[i].end = in[i].start + 1 + lcg(&seed) % 4;
			in[i].type = (enum phi_type)(lcg(&seed) % 4);
			in[i].score = (float)(lcg(&seed) % 4) / 4.0f;
			in[i].rec = recs[lcg(&seed) % 3];
		}
		spans_clear(s);
		for (i = 0; i < n; i++)
			CU_ASSERT_EQUAL(spans_add(s, in[i].start, in[i].end,
			    in[i].type, in[i].score, in[i].rec), 0);
		covered(s, before, sizeof(before));
		spans_resolve(s);
		covered(s, after, sizeof(after));
		CU_ASSERT(memcmp(before, after, sizeof(before)) == 0);
		nref = ref_resolve(in, n, ref);
		CU_ASSERT_EQUAL_FATAL(spans_count(s), nref);
		for (i = 0; i < nref; i++) {
			const struct span *a = spans_get(s, i);

			CU_ASSERT(a->start == ref[i].start &&
			    a->end == ref[i].end && a->type == ref[i].type &&
			    a->score == ref[i].score &&
			    a->recognizer == ref[i].rec);
		}
		for (i = 1; i < spans_count(s); i++) {
			const struct span *a = spans_get(s, i - 1);
			const struct span *b = spans_get(s, i);

			CU_ASSERT(a->end <= b->start);
			CU_ASSERT(a->end < b->start || a->type != b->type);
		}
		for (k = 0; k < 5; k++) {
			shuffle(in, n, &seed);
			spans_clear(s2);
			for (i = 0; i < n; i++)
				(void)spans_add(s2, in[i].start, in[i].end,
				    in[i].type, in[i].score, in[i].rec);
			spans_resolve(s2);
			CU_ASSERT_EQUAL_FATAL(spans_count(s2),
			    spans_count(s));
			for (i = 0; i < spans_count(s); i++)
				CU_ASSERT(same(spans_get(s, i),
				    spans_get(s2, i)));
		}
	}
	spans_free(s);
	spans_free(s2);
}

struct overlap_case {
	size_t start, end;
	int want;
};

static void
test_overlaps(void)
{
	static const struct overlap_case oc[] = {
		{ 0, 2, 0 }, { 0, 3, 1 }, { 4, 5, 1 }, { 7, 8, 1 },
		{ 8, 10, 0 }, { 9, 12, 0 }, { 12, 13, 1 }, { 5, 5, 0 },
		{ 0, 100, 1 }, { 15, 20, 0 },
	};
	struct spans *s = spans_new();
	size_t i;

	CU_ASSERT_FATAL(s != NULL);
	CU_ASSERT_EQUAL(spans_overlaps(s, 0, 10), 0);
	/* unresolved and overlapping on purpose */
	CU_ASSERT_EQUAL(spans_add(s, 5, 8, PHI_DATE, 0.5f, "d"), 0);
	CU_ASSERT_EQUAL(spans_add(s, 2, 6, PHI_NAME, 0.5f, "n"), 0);
	CU_ASSERT_EQUAL(spans_add(s, 12, 15, PHI_AGE, 0.5f, "a"), 0);
	for (i = 0; i < sizeof(oc) / sizeof(oc[0]); i++)
		CU_ASSERT_EQUAL(spans_overlaps(s, oc[i].start, oc[i].end),
		    oc[i].want);
	CU_ASSERT_EQUAL(spans_count(s), 3);
	CU_ASSERT_EQUAL(spans_get(s, 0)->start, 5);	/* insertion order */
	spans_clear(s);
	CU_ASSERT_EQUAL(spans_count(s), 0);
	CU_ASSERT_EQUAL(spans_overlaps(s, 0, 100), 0);
	spans_resolve(s);
	CU_ASSERT_EQUAL(spans_count(s), 0);
	spans_free(s);
}

static void
test_add_errors(void)
{
	struct spans *s = spans_new();
	size_t i;

	CU_ASSERT_FATAL(s != NULL);
	CU_ASSERT_EQUAL(spans_add(s, 0, 1, PHI_NTYPES, 0.5f, "x"),
	    ERR_USAGE);
	CU_ASSERT_EQUAL(spans_add(s, 0, 1, (enum phi_type)-1, 0.5f, "x"),
	    ERR_USAGE);
	CU_ASSERT_EQUAL(spans_count(s), 0);
	/* growth past the first block */
	for (i = 0; i < 1000; i++)
		CU_ASSERT_EQUAL(spans_add(s, 2 * i, 2 * i + 1, PHI_OTHER_ID,
		    0.5f, "o"), 0);
	CU_ASSERT_EQUAL(spans_count(s), 1000);
	spans_resolve(s);
	CU_ASSERT_EQUAL(spans_count(s), 1000);
	CU_ASSERT_EQUAL(spans_get(s, 999)->start, 1998);
	spans_free(s);
}

/* A merged span knows the types of all its members. */
static void
test_members(void)
{
	static const struct {
		size_t start, end;
		enum phi_type type;
		float score;
	} in[] = {
		{ 10, 20, PHI_STATE, 0.9f },	/* wins the first union */
		{ 12, 18, PHI_NAME, 0.5f },
		{ 15, 25, PHI_DATE, 0.4f },
		{ 40, 45, PHI_ZIP, 0.9f },	/* alone */
		{ 45, 50, PHI_ZIP, 0.8f },	/* touches: same type, folds */
		{ 50, 52, PHI_CITY, 0.8f },	/* touches: other type, apart */
	};
	struct spans *s = spans_new();
	const struct span *sp;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++)
		CU_ASSERT_EQUAL(spans_add(s, in[i].start, in[i].end,
		    in[i].type, in[i].score, "t"), 0);
	CU_ASSERT_EQUAL(spans_get(s, 1)->members, UINT32_C(1) << PHI_NAME);
	spans_resolve(s);
	CU_ASSERT_EQUAL_FATAL(spans_count(s), 3);

	sp = spans_get(s, 0);
	CU_ASSERT_EQUAL(sp->start, 10);
	CU_ASSERT_EQUAL(sp->end, 25);
	CU_ASSERT_EQUAL(sp->type, PHI_STATE);
	CU_ASSERT_EQUAL(sp->members, (UINT32_C(1) << PHI_STATE) |
	    (UINT32_C(1) << PHI_NAME) | (UINT32_C(1) << PHI_DATE));
	sp = spans_get(s, 1);
	CU_ASSERT_EQUAL(sp->end, 50);
	CU_ASSERT_EQUAL(sp->members, UINT32_C(1) << PHI_ZIP);
	sp = spans_get(s, 2);
	CU_ASSERT_EQUAL(sp->type, PHI_CITY);
	CU_ASSERT_EQUAL(sp->members, UINT32_C(1) << PHI_CITY);
	spans_free(s);
}

/* Canonical forms survive only where their span is the whole result. */
static void
test_canon(void)
{
	static const char ca[] = "Tamsin Vell", cb[] = "Tamsin Vell";
	static const struct {
		size_t start, end;
		float score;
		const char *canon;
		size_t want_start, want_end;
		const char *want;	/* canonical form after resolution */
	} cc[] = {
		/* alone: kept */
		{ 0, 6, 1.0f, ca, 0, 6, ca },
		/* inside a weaker, longer span: the union is not its own */
		{ 20, 24, 1.0f, ca, 16, 30, NULL },
		{ 16, 30, 0.9f, NULL, 16, 30, NULL },
		/* covering a weaker span inside it: kept */
		{ 40, 51, 1.0f, cb, 40, 51, cb },
		{ 47, 51, 0.8f, NULL, 40, 51, cb },
		/* touching a span of the same type: merged, none */
		{ 60, 64, 1.0f, ca, 60, 70, NULL },
		{ 64, 70, 0.9f, NULL, 60, 70, NULL },
	};
	static const size_t nout = 4, first[] = { 0, 1, 3, 5 };
	struct spans *s = spans_new();
	const struct span *sp;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	for (i = 0; i < sizeof(cc) / sizeof(cc[0]); i++)
		CU_ASSERT_EQUAL(spans_add_canon(s, cc[i].start,
		    cc[i].end, PHI_NAME, cc[i].score, "t",
		    cc[i].canon, cc[i].canon ? 11 : 0), 0);
	spans_resolve(s);
	CU_ASSERT_EQUAL_FATAL(spans_count(s), nout);
	for (i = 0; i < nout; i++) {
		sp = spans_get(s, i);
		CU_ASSERT_EQUAL(sp->start, cc[first[i]].want_start);
		CU_ASSERT_EQUAL(sp->end, cc[first[i]].want_end);
		CU_ASSERT_PTR_EQUAL(sp->canon, cc[first[i]].want);
		CU_ASSERT_EQUAL(sp->canon_len, sp->canon ? 11 : 0);
	}
	spans_set_canon(s, 1, cb, 11);
	CU_ASSERT_PTR_EQUAL(spans_get(s, 1)->canon, cb);
	spans_set_canon(s, 99, cb, 11);
	spans_free(s);
}

static int
drop_odd(void *arg, const struct span *sp)
{
	(*(int *)arg)++;
	return sp->start / 10 % 2 == 0;
}

static void
test_filter(void)
{
	static const size_t starts[] = { 1, 2, 3, 4, 6, 9 }, want[] = { 2, 4,
		6 };
	struct spans *s = spans_new();
	size_t i;
	int calls = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++)
		CU_ASSERT_EQUAL(spans_add(s, starts[i] * 10,
		    starts[i] * 10 + 5, PHI_NAME, 0.5f, "f"), 0);
	spans_filter(s, drop_odd, &calls);
	CU_ASSERT_EQUAL(calls, 6);
	CU_ASSERT_EQUAL_FATAL(spans_count(s), 3);
	for (i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(spans_get(s, i)->start, want[i] * 10);
	spans_free(s);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("spans", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "resolve", test_resolve) == NULL ||
	    CU_add_test(s, "random", test_random) == NULL ||
	    CU_add_test(s, "overlaps", test_overlaps) == NULL ||
	    CU_add_test(s, "add errors", test_add_errors) == NULL ||
	    CU_add_test(s, "members", test_members) == NULL ||
	    CU_add_test(s, "canonical forms", test_canon) == NULL ||
	    CU_add_test(s, "filter", test_filter) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
