/*
 * spans.c - the candidate span set and its one resolution rule.
 *
 * spans_resolve() sorts the candidates by a total order, so that equal
 * sets give equal arrays whatever the insertion order, then sweeps them
 * once, in place, grouping them into clusters (see spans.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "spans.h"

#define SPANS_MIN_CAP	16

struct spans {
	struct span *v;
	size_t n, cap;
};

/* The cluster being built by the sweep. */
struct cluster {
	size_t start, end;
	uint32_t end_types;	/* types of the members ending at end */
	uint32_t members;	/* types of all members */
	struct span best;	/* strongest member */
};

struct spans *
spans_new(void)
{
	return calloc(1, sizeof(struct spans));
}

void
spans_free(struct spans *s)
{
	if (s == NULL)
		return;
	free(s->v);
	free(s);
}

void
spans_clear(struct spans *s)
{
	s->n = 0;
}

static float
clamp_score(float score)
{
	if (!(score > 0.0f))	/* NaN, negative, -0 */
		return 0.0f;
	if (score > 1.0f)
		return 1.0f;
	return score;
}

int
spans_add(struct spans *s, size_t start, size_t end, enum phi_type type,
    float score, const char *recognizer)
{
	return spans_add_canon(s, start, end, type, score, recognizer, NULL,
	    0);
}

int
spans_add_canon(struct spans *s, size_t start, size_t end,
    enum phi_type type, float score, const char *recognizer,
    const char *canon, size_t canon_len)
{
	struct span *sp;

	if (start >= end)
		return 0;
	if ((unsigned)type >= PHI_NTYPES)
		return ERR_USAGE;

	if (s->n == s->cap) {
		struct span *nv;
		size_t ncap;

		ncap = s->cap ? s->cap * 2 : SPANS_MIN_CAP;
		if (ncap > SIZE_MAX / sizeof(*nv))
			return ERR_NOMEM;
		nv = realloc(s->v, ncap * sizeof(*nv));
		if (nv == NULL)
			return ERR_NOMEM;
		s->v = nv;
		s->cap = ncap;
	}

	sp = &s->v[s->n++];
	sp->start = start;
	sp->end = end;
	sp->type = type;
	sp->score = clamp_score(score);
	sp->recognizer = recognizer;
	sp->members = UINT32_C(1) << type;
	sp->canon = canon;
	sp->canon_len = canon != NULL ? canon_len : 0;
	return 0;
}

void
spans_filter(struct spans *s, int (*keep)(void *arg, const struct span *sp),
    void *arg)
{
	size_t i, w = 0;

	for (i = 0; i < s->n; i++)
		if (keep(arg, &s->v[i]))
			s->v[w++] = s->v[i];
	s->n = w;
}

static int
name_cmp(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "");
}

/* Canonical forms: none first, then by bytes, then the shorter. */
static int
canon_cmp(const struct span *a, const struct span *b)
{
	size_t n;
	int c;

	if (a->canon == NULL || b->canon == NULL)
		return (a->canon != NULL) - (b->canon != NULL);
	n = a->canon_len < b->canon_len ? a->canon_len : b->canon_len;
	c = memcmp(a->canon, b->canon, n);
	if (c != 0)
		return c;
	return (a->canon_len > b->canon_len) - (a->canon_len < b->canon_len);
}

/* qsort order: a total order on every field. */
static int
pos_cmp(const void *pa, const void *pb)
{
	const struct span *a = pa, *b = pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (name_cmp(a->recognizer, b->recognizer) != 0)
		return name_cmp(a->recognizer, b->recognizer);
	return canon_cmp(a, b);
}

/*
 * stronger - whether a beats b: higher score, then longer, then lower
 * type, then lower recognizer name, then the lower canonical form.
 */
static int
stronger(const struct span *a, const struct span *b)
{
	size_t la = a->end - a->start, lb = b->end - b->start;

	if (a->score != b->score)
		return a->score > b->score;
	if (la != lb)
		return la > lb;
	if (a->type != b->type)
		return a->type < b->type;
	if (name_cmp(a->recognizer, b->recognizer) != 0)
		return name_cmp(a->recognizer, b->recognizer) < 0;
	return canon_cmp(a, b) < 0;
}

static void
cluster_add(struct cluster *c, const struct span *sp)
{
	if (sp->end > c->end) {
		c->end = sp->end;
		c->end_types = UINT32_C(1) << sp->type;
	} else if (sp->end == c->end) {
		c->end_types |= UINT32_C(1) << sp->type;
	}
	c->members |= sp->members;
	if (stronger(sp, &c->best))
		c->best = *sp;
}

/*
 * joins - whether the candidates v[i..j), which all start at the same
 * offset and so overlap one another, connect to cluster c: by overlap,
 * or by touching its end with a member of the same type.
 */
static int
joins(const struct cluster *c, const struct span *v, size_t i, size_t j)
{
	if (v[i].start < c->end)
		return 1;
	if (v[i].start > c->end)
		return 0;
	for (; i < j; i++)
		if (c->end_types & (UINT32_C(1) << v[i].type))
			return 1;
	return 0;
}

/*
 * emit - write a finished cluster at s->v[*w], or fold it into the
 * previous output span when that one has the same type and touches it.
 * best_len keeps the length of each output's strongest member.
 */
static void
emit(struct spans *s, size_t *w, const struct cluster *c, size_t *best_len)
{
	struct span *prev, out;
	size_t len = c->best.end - c->best.start;

	out = c->best;
	out.start = c->start;
	out.end = c->end;
	out.members = c->members;
	if (c->best.start != c->start || c->best.end != c->end) {
		out.canon = NULL;
		out.canon_len = 0;
	}

	prev = *w > 0 ? &s->v[*w - 1] : NULL;
	if (prev != NULL && prev->end == out.start &&
	    prev->type == out.type) {
		struct span a = c->best, b = *prev;

		/* Compare the strongest members, not the merged extents. */
		b.start = 0;
		b.end = *best_len;
		if (stronger(&a, &b)) {
			prev->score = out.score;
			prev->recognizer = out.recognizer;
			*best_len = len;
		}
		/* The merged extent is neither member's: no canonical form. */
		prev->canon = NULL;
		prev->canon_len = 0;
		prev->end = out.end;
		prev->members |= out.members;
		return;
	}

	s->v[(*w)++] = out;
	*best_len = len;
}

void
spans_resolve(struct spans *s)
{
	struct cluster c;
	size_t i, j, k, w = 0, best_len = 0;
	int open = 0;

	if (s->n == 0)
		return;
	qsort(s->v, s->n, sizeof(*s->v), pos_cmp);

	for (i = 0; i < s->n; i = j) {
		for (j = i + 1; j < s->n && s->v[j].start == s->v[i].start;
		    j++)
			;
		if (open && !joins(&c, s->v, i, j)) {
			emit(s, &w, &c, &best_len);
			open = 0;
		}
		if (!open) {
			c.start = s->v[i].start;
			c.end = s->v[i].end;
			c.end_types = 0;
			c.members = 0;
			c.best = s->v[i];
			open = 1;
		}
		for (k = i; k < j; k++)
			cluster_add(&c, &s->v[k]);
	}
	emit(s, &w, &c, &best_len);
	s->n = w;
}

size_t
spans_count(const struct spans *s)
{
	return s->n;
}

const struct span *
spans_get(const struct spans *s, size_t i)
{
	if (i >= s->n)
		return NULL;
	return &s->v[i];
}

void
spans_set_canon(struct spans *s, size_t i, const char *canon,
    size_t canon_len)
{
	if (i >= s->n)
		return;
	s->v[i].canon = canon;
	s->v[i].canon_len = canon != NULL ? canon_len : 0;
}

int
spans_overlaps(const struct spans *s, size_t start, size_t end)
{
	size_t i;

	if (start >= end)
		return 0;
	for (i = 0; i < s->n; i++)
		if (s->v[i].start < end && start < s->v[i].end)
			return 1;
	return 0;
}
