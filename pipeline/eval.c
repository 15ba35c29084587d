/* eval.c - veil eval: join predicted spans to gold, count, render. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "err.h"
#include "eval.h"
#include "gold.h"

#define NEXAMPLES	5
#define INVALID_TYPE	"(invalid)"

/* A predicted span as read: ok when start and end are integers. */
struct pspan {
	json_int_t start, end;
	size_t type;
	int ok;
};

struct pvec {
	struct pspan *v;
	size_t n, cap;
};

struct tstat {
	char *name;
	struct eval_type c;
	int excluded;
	int seen;		/* in gold, or in a well-formed prediction */
};

/* An interval of one document: code points s..e, type t, tag k. */
struct iv {
	size_t s, e, t, k;
};

struct tok {
	size_t s, e;
};

struct arr {
	void *p;
	size_t cap;
};

struct scratch {
	struct arr alnum, pg, px, pp, diff, tok, stamp, kept, drop, pv,
	    sorted;
};

struct example {
	char *id, *field;
	size_t id_len, field_len;
};

struct leakref {
	size_t doc, span;
};

struct eval {
	struct gold *gold;
	size_t max_file;
	json_t *tindex;		/* type name -> index in types */
	struct tstat *types;
	size_t ntypes, tcap;
	struct pvec *pred;	/* per gold document */
	unsigned char *predicted, *mismatch;
	json_t *extra;		/* keys of predicted records not in gold */
	struct example ex[NEXAMPLES];
	size_t nex;
	struct eval_summary s;
	struct leakref *leaks;
	size_t nleaks, leakcap;
	char *gold_path, *spans_path;
	int spans_loaded, scored;
	struct scratch w;
	char err[512];
};

/* What score_doc works on for one document. */
struct doc_ctx {
	const struct gold_doc *d;
	size_t di, n;
	const unsigned char *alnum;
	const size_t *pg, *px, *pp;	/* coverage prefix sums */
	const struct tok *tok;
	size_t ntok;
	struct iv *kept, *drop, *pv;
	size_t nkept, ndrop, npv;
};

/* Set the error message (printf-style) and yield rc. */
#define FAIL(x, rc, ...) \
	((void)snprintf((x)->err, sizeof((x)->err), __VA_ARGS__), (rc))

struct eval *
eval_new(size_t max_file)
{
	struct eval *ev = calloc(1, sizeof(*ev));

	if (ev == NULL)
		return NULL;
	ev->max_file = max_file;
	ev->gold = gold_new(max_file);
	ev->tindex = json_object();
	ev->extra = json_object();
	if (ev->gold == NULL || ev->tindex == NULL || ev->extra == NULL) {
		eval_free(ev);
		return NULL;
	}
	return ev;
}

static void
free_scratch(struct scratch *w)
{
	struct arr *a[] = { &w->alnum, &w->pg, &w->px, &w->pp, &w->diff,
		&w->tok, &w->stamp, &w->kept, &w->drop, &w->pv, &w->sorted };
	size_t i;

	if (w->alnum.p != NULL)
		explicit_bzero(w->alnum.p, w->alnum.cap);
	for (i = 0; i < sizeof(a) / sizeof(a[0]); i++)
		free(a[i]->p);
}

void
eval_free(struct eval *ev)
{
	size_t i;

	if (ev == NULL)
		return;
	for (i = 0; ev->pred != NULL && i < gold_count(ev->gold); i++)
		free(ev->pred[i].v);
	for (i = 0; i < ev->ntypes; i++)
		free(ev->types[i].name);
	for (i = 0; i < ev->nex; i++) {
		explicit_bzero(ev->ex[i].id, ev->ex[i].id_len);
		free(ev->ex[i].id);
		free(ev->ex[i].field);
	}
	free(ev->pred);
	free(ev->predicted);
	free(ev->mismatch);
	free(ev->types);
	free(ev->leaks);
	free(ev->gold_path);
	free(ev->spans_path);
	free_scratch(&ev->w);
	json_decref(ev->tindex);
	json_decref(ev->extra);
	gold_free(ev->gold);
	free(ev);
}

const char *
eval_error(const struct eval *ev)
{
	return ev->err;
}

/* The index of type name, added when new. */
static int
type_id(struct eval *ev, const char *name, size_t *out)
{
	json_t *v = json_object_get(ev->tindex, name);
	struct tstat *t;
	size_t cap;

	if (v != NULL) {
		*out = (size_t)json_integer_value(v);
		return 0;
	}
	if (ev->ntypes == ev->tcap) {
		cap = ev->tcap ? ev->tcap * 2 : 32;
		t = realloc(ev->types, cap * sizeof(*t));
		if (t == NULL)
			return ERR_NOMEM;
		ev->types = t;
		ev->tcap = cap;
	}
	t = &ev->types[ev->ntypes];
	memset(t, 0, sizeof(*t));
	t->name = strdup(name);
	if (t->name == NULL || json_object_set_new(ev->tindex, name,
	    json_integer((json_int_t)ev->ntypes)) != 0) {
		free(t->name);
		return ERR_NOMEM;
	}
	*out = ev->ntypes++;
	return 0;
}

int
eval_exclude(struct eval *ev, const char *list)
{
	const char *p = list, *end, *a, *b;
	char name[256];
	size_t t;

	if (ev->scored)
		return ERR_USAGE;
	while (*p != '\0') {
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		for (a = p; a < end && strchr(" \t\r\n\f\v", *a); a++)
			continue;
		for (b = end; b > a && strchr(" \t\r\n\f\v", b[-1]); b--)
			continue;
		if (b > a && (size_t)(b - a) < sizeof(name)) {
			memcpy(name, a, (size_t)(b - a));
			name[b - a] = '\0';
			if (type_id(ev, name, &t) != 0)
				return ERR_NOMEM;
			ev->types[t].excluded = 1;
		}
		p = *end == ',' ? end + 1 : end;
	}
	return 0;
}

int
eval_load_gold(struct eval *ev, const char *path)
{
	const struct gold_doc *d;
	size_t i, k, n, t;
	int rc;

	ev->err[0] = '\0';
	if (ev->pred != NULL || ev->scored)
		return FAIL(ev, ERR_USAGE, "gold loaded twice");
	rc = gold_load(ev->gold, path, GOLD_AUTO);
	if (rc != 0)
		return FAIL(ev, rc, "%s", gold_error(ev->gold));
	n = gold_count(ev->gold);
	/* Nothing to score against: every figure would be 0/0. */
	if (n == 0)
		return FAIL(ev, ERR_USAGE, "'%s': no gold documents", path);
	ev->pred = calloc(n ? n : 1, sizeof(*ev->pred));
	ev->predicted = calloc(n ? n : 1, 1);
	ev->mismatch = calloc(n ? n : 1, 1);
	ev->gold_path = strdup(path);
	if (ev->pred == NULL || ev->predicted == NULL ||
	    ev->mismatch == NULL || ev->gold_path == NULL)
		return FAIL(ev, ERR_NOMEM, "%s", err_str(ERR_NOMEM));
	for (i = 0; i < n; i++) {
		d = gold_get(ev->gold, i);
		for (k = 0; k < d->nspans; k++) {
			if (type_id(ev, d->spans[k].type, &t) != 0)
				return FAIL(ev, ERR_NOMEM, "%s",
				    err_str(ERR_NOMEM));
			ev->types[t].seen = 1;
		}
	}
	return 0;
}

/* Read one predicted span; a malformed one is kept, not ok. */
static int
read_pspan(struct eval *ev, const json_t *s, struct pspan *out)
{
	const json_t *st, *en, *ty;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(s))
		return 0;
	st = json_object_get(s, "start");
	en = json_object_get(s, "end");
	if (!json_is_integer(st) || !json_is_integer(en))
		return 0;
	ty = json_object_get(s, "type");
	if (type_id(ev, json_is_string(ty) ? json_string_value(ty) :
	    "UNTYPED", &out->type) != 0)
		return ERR_NOMEM;
	ev->types[out->type].seen = 1;
	out->start = json_integer_value(st);
	out->end = json_integer_value(en);
	out->ok = 1;
	return 0;
}

static int
push_pspan(struct pvec *v, const struct pspan *p)
{
	struct pspan *n;
	size_t cap;

	if (v->n == v->cap) {
		cap = v->cap ? v->cap * 2 : 8;
		n = realloc(v->v, cap * sizeof(*n));
		if (n == NULL)
			return ERR_NOMEM;
		v->v = n;
		v->cap = cap;
	}
	v->v[v->n++] = *p;
	return 0;
}

/* A record whose (id, field) is gold document di. */
static int
matched_record(struct eval *ev, size_t di, const json_t *rec,
    const json_t *spans)
{
	const struct gold_doc *d = gold_get(ev->gold, di);
	const json_t *text = json_object_get(rec, "text");
	struct pspan p;
	size_t i;

	if (ev->predicted[di])
		ev->s.repeated_records++;
	ev->predicted[di] = 1;
	if (json_is_string(text) && (json_string_length(text) !=
	    d->text_len || memcmp(json_string_value(text), d->text,
	    d->text_len) != 0))
		ev->mismatch[di] = 1;
	for (i = 0; spans != NULL && i < json_array_size(spans); i++) {
		if (read_pspan(ev, json_array_get(spans, i), &p) != 0 ||
		    push_pspan(&ev->pred[di], &p) != 0)
			return ERR_NOMEM;
	}
	return 0;
}

static int
add_example(struct eval *ev, const struct gold_record *r)
{
	struct example *x = &ev->ex[ev->nex];

	x->id = malloc(r->id_len + 1);
	x->field = malloc(r->field_len + 1);
	if (x->id == NULL || x->field == NULL) {
		free(x->id);
		free(x->field);
		return ERR_NOMEM;
	}
	memcpy(x->id, r->id, r->id_len);
	x->id[r->id_len] = '\0';
	memcpy(x->field, r->field, r->field_len);
	x->field[r->field_len] = '\0';
	x->id_len = r->id_len;
	x->field_len = r->field_len;
	ev->nex++;
	return 0;
}

/* A record that is not in gold: counted, its spans left out. */
static int
extra_record(struct eval *ev, const struct gold_record *r,
    const json_t *spans)
{
	struct buf key;
	struct pspan p;
	size_t i;
	int rc;

	buf_init(&key, GOLD_KEY_MAX);
	rc = gold_key(&key, r->id, r->id_len, r->field, r->field_len);
	if (rc == 0 && json_object_getn(ev->extra, key.data, key.len)) {
		ev->s.repeated_records++;
	} else if (rc == 0) {
		if (json_object_setn_new(ev->extra, key.data, key.len,
		    json_true()) != 0)
			rc = ERR_NOMEM;
		ev->s.extra_records++;
		if (gold_has_id(ev->gold, r->id, r->id_len))
			ev->s.extra_unknown_field++;
		else
			ev->s.extra_unknown_id++;
		if (rc == 0 && ev->nex < NEXAMPLES)
			rc = add_example(ev, r);
	}
	buf_release(&key);
	ev->s.extra_spans += spans != NULL ? json_array_size(spans) : 0;
	for (i = 0; rc == 0 && spans && i < json_array_size(spans); i++)
		rc = read_pspan(ev, json_array_get(spans, i), &p);
	return rc;
}

/* One predicted record (gold_jsonl_each's fn). */
static int
spans_record(void *arg, const struct gold_record *r)
{
	struct eval *ev = arg;
	const json_t *spans;
	size_t di;
	int rc;

	if (gold_record_spans(r->rec, &spans) != 0)
		return FAIL(ev, ERR_PARSE, "%s:%zu: \"spans\" is not a list",
		    r->path, r->lineno);
	if (gold_find(ev->gold, r->id, r->id_len, r->field, r->field_len,
	    &di) == 0)
		rc = matched_record(ev, di, r->rec, spans);
	else
		rc = extra_record(ev, r, spans);
	if (rc != 0)
		return FAIL(ev, rc, "%s:%zu: %s", r->path, r->lineno,
		    err_str(rc));
	return 0;
}

int
eval_load_spans(struct eval *ev, const char *path)
{
	ev->err[0] = '\0';
	if (ev->pred == NULL || ev->spans_loaded || ev->scored)
		return FAIL(ev, ERR_USAGE, "spans loaded before gold or twice");
	ev->spans_path = strdup(path);
	if (ev->spans_path == NULL)
		return FAIL(ev, ERR_NOMEM, "%s", err_str(ERR_NOMEM));
	ev->spans_loaded = 1;
	return gold_jsonl_each(path, ev->max_file, spans_record, ev, ev->err,
	    sizeof(ev->err));
}

static int
grow(struct arr *a, size_t n, size_t size)
{
	size_t cap = a->cap ? a->cap : 64;
	void *p;

	if (n <= a->cap)
		return 0;
	while (cap < n) {
		if (cap > SIZE_MAX / 2 / size)
			return ERR_NOMEM;
		cap *= 2;
	}
	p = realloc(a->p, cap * size);
	if (p == NULL)
		return ERR_NOMEM;
	a->p = p;
	a->cap = cap;
	return 0;
}

/* Python's str.isalnum for one code point (see eval.h). */
static int
is_alnum(UChar32 c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') ||
		    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	if (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK))
		return 1;
	return u_getIntPropertyValue(c, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
}

static void
classify(const struct gold_doc *d, unsigned char *alnum)
{
	int32_t i = 0, n = (int32_t)d->text_len;
	size_t k = 0;
	UChar32 c;

	while (i < n && k < d->ncp) {
		U8_NEXT(d->text, i, n, c);
		alnum[k++] = c >= 0 && is_alnum(c);
	}
}

/* pre[i] = number of covered code points before i. */
static void
cover(const struct iv *v, size_t k, size_t n, long *diff, size_t *pre)
{
	size_t i;
	long run = 0;

	memset(diff, 0, (n + 1) * sizeof(*diff));
	for (i = 0; i < k; i++) {
		diff[v[i].s]++;
		diff[v[i].e]--;
	}
	pre[0] = 0;
	for (i = 0; i < n; i++) {
		run += diff[i];
		pre[i + 1] = pre[i] + (run > 0);
	}
}

static int
covered(const size_t *pre, size_t s, size_t e)
{
	return pre[e] > pre[s];
}

static size_t
tokenize(const unsigned char *alnum, size_t n, struct tok *t)
{
	size_t i = 0, k = 0;

	while (i < n) {
		if (!alnum[i]) {
			i++;
			continue;
		}
		t[k].s = i;
		while (i < n && alnum[i])
			i++;
		t[k++].e = i;
	}
	return k;
}

/* The first token that ends after s (bisect_right on token ends). */
static size_t
first_token(const struct doc_ctx *c, size_t s)
{
	size_t lo = 0, hi = c->ntok, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->tok[mid].e <= s)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
grow_scratch(struct scratch *w, size_t n, size_t nspans, size_t npred)
{
	size_t ns = nspans > npred ? nspans : npred;

	if (grow(&w->alnum, n + 1, 1) || grow(&w->pg, n + 1, sizeof(size_t)) ||
	    grow(&w->px, n + 1, sizeof(size_t)) ||
	    grow(&w->pp, n + 1, sizeof(size_t)) ||
	    grow(&w->diff, n + 1, sizeof(long)) ||
	    grow(&w->tok, n + 1, sizeof(struct tok)) ||
	    grow(&w->stamp, n + 1, sizeof(size_t)) ||
	    grow(&w->kept, ns + 1, sizeof(struct iv)) ||
	    grow(&w->drop, ns + 1, sizeof(struct iv)) ||
	    grow(&w->pv, ns + 1, sizeof(struct iv)) ||
	    grow(&w->sorted, ns + 1, sizeof(struct iv)))
		return ERR_NOMEM;
	return 0;
}

/* Split the gold spans of c->d into kept and dropped (excluded). */
static void
split_gold(struct eval *ev, struct doc_ctx *c)
{
	const struct gold_span *sp;
	struct iv v;
	size_t k;

	c->nkept = c->ndrop = 0;
	for (k = 0; k < c->d->nspans; k++) {
		sp = &c->d->spans[k];
		v.s = sp->start;
		v.e = sp->end;
		v.t = (size_t)json_integer_value(json_object_get(ev->tindex,
		    sp->type));
		v.k = k;
		if (ev->types[v.t].excluded)
			c->drop[c->ndrop++] = v;
		else
			c->kept[c->nkept++] = v;
	}
	ev->s.excluded_gold += c->ndrop;
}

static int
split_pred(struct eval *ev, struct doc_ctx *c)
{
	const struct pvec *pv = &ev->pred[c->di];
	const struct pspan *p;
	size_t i, inv;

	c->npv = 0;
	for (i = 0; i < pv->n; i++) {
		p = &pv->v[i];
		if (!p->ok || p->start < 0 || p->start >= p->end ||
		    (uint64_t)p->end > c->n) {
			if (type_id(ev, INVALID_TYPE, &inv) != 0)
				return ERR_NOMEM;
			ev->types[inv].c.pred++;
			ev->s.invalid_spans++;
			ev->s.pred++;
			continue;
		}
		if (ev->types[p->type].excluded) {
			ev->s.excluded_pred++;
			continue;
		}
		c->pv[c->npv].s = (size_t)p->start;
		c->pv[c->npv].e = (size_t)p->end;
		c->pv[c->npv].t = p->type;
		c->pv[c->npv].k = 0;
		c->npv++;
	}
	return 0;
}

static int
add_leak(struct eval *ev, size_t di, size_t k)
{
	struct leakref *l;
	size_t cap;

	if (ev->nleaks == ev->leakcap) {
		cap = ev->leakcap ? ev->leakcap * 2 : 64;
		l = realloc(ev->leaks, cap * sizeof(*l));
		if (l == NULL)
			return ERR_NOMEM;
		ev->leaks = l;
		ev->leakcap = cap;
	}
	ev->leaks[ev->nleaks].doc = di;
	ev->leaks[ev->nleaks].span = k;
	ev->nleaks++;
	return 0;
}

/* Found, leaked and partly uncovered gold spans. */
static int
gold_pass(struct eval *ev, const struct doc_ctx *c)
{
	const struct iv *g;
	struct eval_type *t;
	size_t k, i;

	for (k = 0; k < c->nkept; k++) {
		g = &c->kept[k];
		t = &ev->types[g->t].c;
		t->gold++;
		ev->s.gold++;
		if (!covered(c->pp, g->s, g->e)) {
			t->leaked++;
			ev->s.leaked++;
			if (add_leak(ev, c->di, g->k) != 0)
				return ERR_NOMEM;
			continue;
		}
		t->found++;
		ev->s.found++;
		for (i = g->s; i < g->e; i++)
			if (c->alnum[i] && c->pp[i + 1] == c->pp[i])
				break;
		if (i < g->e) {
			t->partial++;
			ev->s.partial++;
		}
	}
	return 0;
}

static int
cmp_type_pos(const void *a, const void *b)
{
	const struct iv *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

/* Tokens in each type's gold spans, each token once per type. */
static void
type_tokens(struct eval *ev, const struct doc_ctx *c, struct iv *sorted,
    size_t *stamp)
{
	struct eval_type *t;
	size_t i, j, group = 0;

	memcpy(sorted, c->kept, c->nkept * sizeof(*sorted));
	qsort(sorted, c->nkept, sizeof(*sorted), cmp_type_pos);
	memset(stamp, 0, c->ntok * sizeof(*stamp));
	for (i = 0; i < c->nkept; i++) {
		if (i == 0 || sorted[i].t != sorted[i - 1].t)
			group++;
		t = &ev->types[sorted[i].t].c;
		for (j = first_token(c, sorted[i].s);
		    j < c->ntok && c->tok[j].s < sorted[i].e; j++) {
			if (stamp[j] == group)
				continue;
			stamp[j] = group;
			t->tokens++;
			t->tokens_found += covered(c->pp, c->tok[j].s,
			    c->tok[j].e);
		}
	}
}

/* Predicted spans: overlapping gold, neutral or false positives. */
static void
pred_pass(struct eval *ev, struct doc_ctx *c)
{
	struct iv *p;
	struct eval_type *t;
	size_t i;

	for (i = 0; i < c->npv; i++) {
		p = &c->pv[i];
		t = &ev->types[p->t].c;
		if (covered(c->pg, p->s, p->e)) {
			t->pred++;
			t->hit++;
			ev->s.pred++;
			ev->s.hit++;
			p->k = 1;
		} else if (covered(c->px, p->s, p->e)) {
			ev->s.neutral_pred++;
		} else {
			t->pred++;
			ev->s.pred++;
			p->k = 1;
		}
	}
}

static void
token_pass(struct eval *ev, const struct doc_ctx *c)
{
	const struct tok *t;
	size_t i;
	int phi, hit;

	for (i = 0; i < c->ntok; i++) {
		t = &c->tok[i];
		phi = covered(c->pg, t->s, t->e);
		if (!phi && covered(c->px, t->s, t->e)) {
			ev->s.ignored_tokens++;
			continue;
		}
		hit = covered(c->pp, t->s, t->e);
		ev->s.tok_phi += phi;
		ev->s.tok_pred += hit;
		ev->s.tok_tp += phi && hit;
	}
}

static int
cmp_pos_type(const void *a, const void *b)
{
	const struct iv *x = a, *y = b;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->e != y->e)
		return x->e < y->e ? -1 : 1;
	return x->t < y->t ? -1 : x->t > y->t;
}

/*
 * Whether v (sorted by position) holds an interval with x's start and
 * end (*any) and one that also has x's type (*typed).
 */
static void
exact_in(const struct iv *v, size_t n, const struct iv *x, int *any,
    int *typed)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid].s < x->s || (v[mid].s == x->s && v[mid].e < x->e))
			lo = mid + 1;
		else
			hi = mid;
	}
	*any = *typed = 0;
	for (; lo < n && v[lo].s == x->s && v[lo].e == x->e; lo++) {
		*any = 1;
		*typed |= v[lo].t == x->t;
	}
}

/* Exact matches, both ways; sorts kept (via sorted) and pv. */
static void
exact_pass(struct eval *ev, struct doc_ctx *c, struct iv *sorted)
{
	struct eval_type *t;
	size_t i;
	int any, typed;

	memcpy(sorted, c->kept, c->nkept * sizeof(*sorted));
	qsort(sorted, c->nkept, sizeof(*sorted), cmp_pos_type);
	qsort(c->pv, c->npv, sizeof(*c->pv), cmp_pos_type);
	for (i = 0; i < c->nkept; i++) {
		exact_in(c->pv, c->npv, &sorted[i], &any, &typed);
		t = &ev->types[sorted[i].t].c;
		t->exact_found += any;
		t->typed_found += typed;
		ev->s.exact_found += any;
		ev->s.typed_found += typed;
	}
	for (i = 0; i < c->npv; i++) {
		if (!c->pv[i].k)
			continue;
		exact_in(sorted, c->nkept, &c->pv[i], &any, &typed);
		t = &ev->types[c->pv[i].t].c;
		t->exact_hit += any;
		t->typed_hit += typed;
		ev->s.exact_hit += any;
		ev->s.typed_hit += typed;
	}
}

static int
score_doc(struct eval *ev, size_t di)
{
	struct scratch *w = &ev->w;
	struct doc_ctx c;

	memset(&c, 0, sizeof(c));
	c.d = gold_get(ev->gold, di);
	c.di = di;
	c.n = c.d->ncp;
	if (c.d->text_len > INT32_MAX)
		return ERR_TOOBIG;
	if (grow_scratch(w, c.n, c.d->nspans, ev->pred[di].n) != 0)
		return ERR_NOMEM;
	c.kept = w->kept.p;
	c.drop = w->drop.p;
	c.pv = w->pv.p;
	classify(c.d, w->alnum.p);
	c.alnum = w->alnum.p;

	split_gold(ev, &c);
	if (split_pred(ev, &c) != 0)
		return ERR_NOMEM;
	cover(c.kept, c.nkept, c.n, w->diff.p, w->pg.p);
	cover(c.drop, c.ndrop, c.n, w->diff.p, w->px.p);
	cover(c.pv, c.npv, c.n, w->diff.p, w->pp.p);
	c.pg = w->pg.p;
	c.px = w->px.p;
	c.pp = w->pp.p;
	c.tok = w->tok.p;
	c.ntok = tokenize(c.alnum, c.n, w->tok.p);

	if (gold_pass(ev, &c) != 0)
		return ERR_NOMEM;
	type_tokens(ev, &c, w->sorted.p, w->stamp.p);
	pred_pass(ev, &c);
	token_pass(ev, &c);
	exact_pass(ev, &c, w->sorted.p);
	return 0;
}

int
eval_score(struct eval *ev)
{
	const struct gold_doc *d;
	size_t i, k, kept;
	int rc;

	ev->err[0] = '\0';
	if (ev->pred == NULL || !ev->spans_loaded || ev->scored)
		return FAIL(ev, ERR_USAGE, "score needs gold and spans, once");
	ev->scored = 1;
	ev->s.docs = gold_count(ev->gold);
	for (i = 0; i < ev->s.docs; i++) {
		d = gold_get(ev->gold, i);
		for (k = kept = 0; k < d->nspans; k++)
			kept += !ev->types[json_integer_value(json_object_get(
			    ev->tindex, d->spans[k].type))].excluded;
		ev->s.docs_with_spans += kept > 0;
		ev->s.docs_predicted += ev->predicted[i];
		ev->s.text_mismatch += ev->mismatch[i];
		if (!ev->predicted[i]) {
			ev->s.docs_missing++;
			ev->s.missing_gold_spans += kept;
		}
		rc = score_doc(ev, i);
		if (rc != 0)
			return FAIL(ev, rc, "document %zu: %s", i + 1,
			    err_str(rc));
	}
	return 0;
}

void
eval_summary_get(const struct eval *ev, struct eval_summary *out)
{
	*out = ev->s;
}

int
eval_type_get(const struct eval *ev, const char *type,
    struct eval_type *out)
{
	json_t *v = json_object_get(ev->tindex, type);

	if (v == NULL)
		return ERR_NOTFOUND;
	*out = ev->types[json_integer_value(v)].c;
	return 0;
}

size_t
eval_leak_count(const struct eval *ev)
{
	return ev->nleaks;
}

int
eval_leak_get(const struct eval *ev, size_t i, struct eval_leak *out)
{
	const struct gold_doc *d;
	const struct gold_span *sp;

	if (i >= ev->nleaks)
		return ERR_NOTFOUND;
	d = gold_get(ev->gold, ev->leaks[i].doc);
	sp = &d->spans[ev->leaks[i].span];
	out->id = d->id;
	out->id_len = d->id_len;
	out->field = d->field;
	out->field_len = d->field_len;
	out->type = sp->type;
	out->start = sp->start;
	out->end = sp->end;
	out->text = gold_doc_slice(d, sp->start, sp->end, &out->text_len);
	return 0;
}

const char *
eval_unseen_excluded(const struct eval *ev, size_t i)
{
	size_t k;

	for (k = 0; k < ev->ntypes; k++)
		if (ev->types[k].excluded && !ev->types[k].seen && i-- == 0)
			return ev->types[k].name;
	return NULL;
}

int
eval_ratio(size_t num, size_t den, double *out)
{
	if (den == 0)
		return ERR_NOTFOUND;
	*out = (double)num / (double)den;
	return 0;
}

int
eval_fbeta(double precision, double recall, double beta, double *out)
{
	double b2 = beta * beta;

	if (precision + recall == 0)
		return ERR_NOTFOUND;
	*out = (1 + b2) * precision * recall / (b2 * precision + recall);
	return 0;
}

/* Rendering. */

/*
 * Append s as JSON string content (quoted when asked): control
 * characters escaped, invalid UTF-8 as U+FFFD.
 */
static int
put_esc(struct buf *b, const char *s, size_t len, int quote)
{
	int32_t i = 0, start, n = len > INT32_MAX ? INT32_MAX : (int32_t)len;
	UChar32 c;
	int rc = quote ? buf_puts(b, "\"") : 0;

	while (rc == 0 && i < n) {
		start = i;
		U8_NEXT(s, i, n, c);
		if (c < 0)
			rc = buf_puts(b, "\\ufffd");
		else if (c == '"' || c == '\\')
			rc = buf_printf(b, "\\%c", (char)c);
		else if (c == '\n')
			rc = buf_puts(b, "\\n");
		else if (c == '\t')
			rc = buf_puts(b, "\\t");
		else if (c == '\r')
			rc = buf_puts(b, "\\r");
		else if (c < 0x20 || c == 0x7f)
			rc = buf_printf(b, "\\u%04x", (unsigned)c);
		else
			rc = buf_append(b, s + start, (size_t)(i - start));
	}
	if (rc == 0 && quote)
		rc = buf_puts(b, "\"");
	return rc;
}

static int
put_str(struct buf *b, const char *s)
{
	return put_esc(b, s, strlen(s), 1);
}

/* A document's id, then sep, then its field (put_esc, quoted or not). */
static int
put_id_field(struct buf *b, const char *id, size_t id_len, const char *sep,
    const char *field, size_t field_len, int quote)
{
	int rc;

	rc = put_esc(b, id, id_len, quote);
	if (rc == 0)
		rc = buf_puts(b, sep);
	if (rc == 0)
		rc = put_esc(b, field, field_len, quote);
	return rc;
}

/* One member's name in a JSON object, and the '{' of its value. */
static int
put_member(struct buf *b, const char *name, int first)
{
	int rc;

	rc = buf_puts(b, first ? "" : ", ");
	if (rc == 0)
		rc = put_str(b, name);
	if (rc == 0)
		rc = buf_puts(b, ": {");
	return rc;
}

/* The shortest decimal that reads back as x, as Python's repr. */
static int
put_double(struct buf *b, double x)
{
	char tmp[64];
	int p;

	for (p = 1; p < 17; p++) {
		(void)snprintf(tmp, sizeof(tmp), "%.*g", p, x);
		if (strtod(tmp, NULL) == x)
			break;
	}
	(void)snprintf(tmp, sizeof(tmp), "%.*g", p, x);
	if (strpbrk(tmp, ".en") == NULL)
		return buf_printf(b, "%s.0", tmp);
	return buf_puts(b, tmp);
}

/* A JSON ratio: num / den, or null. */
static int
put_ratio(struct buf *b, size_t num, size_t den)
{
	double r;

	if (eval_ratio(num, den, &r) != 0)
		return buf_puts(b, "null");
	return put_double(b, r);
}

/* F-beta of two ratios, or -1 when undefined. */
static double
fscore(size_t hit, size_t pred, size_t found, size_t gold, double beta)
{
	double p, r, f;

	if (eval_ratio(hit, pred, &p) != 0 || eval_ratio(found, gold, &r) ||
	    eval_fbeta(p, r, beta, &f) != 0)
		return -1;
	return f;
}

static int
put_f(struct buf *b, double f)
{
	return f < 0 ? buf_puts(b, "null") : put_double(b, f);
}

/* A table cell: "%.3f" of a ratio or an F score, "  -  " if none. */
static const char *
cell(char out[32], double x)
{
	if (x < 0)
		return "  -  ";
	(void)snprintf(out, 32, "%.3f", x);
	return out;
}

static double
ratio_or(size_t num, size_t den)
{
	double r;

	return eval_ratio(num, den, &r) == 0 ? r : -1;
}

static int
cmp_count(const void *a, const void *b, void *arg)
{
	const struct eval *ev = ((const void *const *)arg)[0];
	int by_pred = *(const int *)((const void *const *)arg)[1];
	const struct tstat *x = &ev->types[*(const size_t *)a];
	const struct tstat *y = &ev->types[*(const size_t *)b];
	size_t cx = by_pred ? x->c.pred : x->c.gold;
	size_t cy = by_pred ? y->c.pred : y->c.gold;

	if (cx != cy)
		return cx > cy ? -1 : 1;
	return strcmp(x->name, y->name);
}

/*
 * The types with gold spans (or predicted spans), most first, then by
 * name; malloc'd (caller frees), NULL on no memory.
 */
static size_t *
type_order(const struct eval *ev, int by_pred, size_t *n)
{
	const void *arg[2] = { ev, &by_pred };
	size_t *v, i;

	v = malloc((ev->ntypes + 1) * sizeof(*v));
	if (v == NULL)
		return NULL;
	*n = 0;
	for (i = 0; i < ev->ntypes; i++)
		if ((by_pred ? ev->types[i].c.pred : ev->types[i].c.gold) > 0)
			v[(*n)++] = i;
	qsort_r(v, *n, sizeof(*v), cmp_count, (void *)arg);
	return v;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The excluded type names, sorted; malloc'd, NULL on no memory. */
static char **
excluded_names(const struct eval *ev, size_t *n)
{
	char **v = malloc((ev->ntypes + 1) * sizeof(*v));
	size_t i;

	if (v == NULL)
		return NULL;
	*n = 0;
	for (i = 0; i < ev->ntypes; i++)
		if (ev->types[i].excluded)
			v[(*n)++] = ev->types[i].name;
	qsort(v, *n, sizeof(*v), cmp_name);
	return v;
}

static int
table_head(const struct eval *ev, struct buf *b)
{
	const struct eval_summary *s = &ev->s;
	size_t i;
	int rc;

	rc = buf_printf(b, "gold %s: %zu documents, %zu with spans, %zu "
	    "spans\n", ev->gold_path, s->docs, s->docs_with_spans, s->gold);
	if (rc == 0)
		rc = buf_printf(b, "spans %s: %zu of them predicted; %zu "
		    "missing (%zu gold spans counted as missed)\n",
		    ev->spans_path, s->docs_predicted, s->docs_missing,
		    s->missing_gold_spans);
	if (rc == 0 && s->extra_records > 0)
		rc = buf_printf(b, "NOT SCORED: %zu predicted records (%zu "
		    "spans) not in gold: %zu unknown ids, %zu unknown "
		    "fields; e.g. ", s->extra_records, s->extra_spans,
		    s->extra_unknown_id, s->extra_unknown_field);
	for (i = 0; rc == 0 && s->extra_records > 0 && i < ev->nex; i++) {
		rc = buf_puts(b, i > 0 ? ", " : "");
		if (rc == 0)
			rc = put_id_field(b, ev->ex[i].id, ev->ex[i].id_len,
			    "/", ev->ex[i].field, ev->ex[i].field_len, 0);
	}
	if (rc == 0 && s->extra_records > 0)
		rc = buf_puts(b, "\n");
	return rc;
}

static int
table_notes(const struct eval *ev, struct buf *b)
{
	const struct eval_summary *s = &ev->s;
	char **names;
	size_t n, i;
	int rc = 0;

	if (s->invalid_spans > 0)
		rc = buf_printf(b, "INVALID: %zu predicted spans with bad "
		    "offsets, counted as false positives\n", s->invalid_spans);
	if (rc == 0 && s->repeated_records > 0)
		rc = buf_printf(b, "note: %zu repeated id/field records in "
		    "spans, merged\n", s->repeated_records);
	if (rc == 0 && s->text_mismatch > 0)
		rc = buf_printf(b, "WARNING: %zu predicted records carry a "
		    "text that differs from gold; their offsets may not line "
		    "up\n", s->text_mismatch);
	names = excluded_names(ev, &n);
	if (names == NULL)
		return ERR_NOMEM;
	for (i = 0; rc == 0 && i < n; i++)
		rc = buf_printf(b, "%s%s", i == 0 ? "excluded " : ",",
		    names[i]);
	free(names);
	if (rc == 0 && n > 0)
		rc = buf_printf(b, ": %zu gold spans, %zu predicted spans "
		    "dropped; %zu predicted spans neutral; %zu tokens "
		    "ignored\n", s->excluded_gold, s->excluded_pred,
		    s->neutral_pred, s->ignored_tokens);
	return rc;
}

static int
recall_row(struct buf *b, const char *name, const struct eval_type *t)
{
	char r[32], tr[32];

	return buf_printf(b, "%-14s%7zu%7zu%8s%8zu%8zu%8zu%8s\n", name,
	    t->gold, t->found, cell(r, ratio_or(t->found, t->gold)),
	    t->leaked, t->partial, t->tokens,
	    cell(tr, ratio_or(t->tokens_found, t->tokens)));
}

static int
prf_row(struct buf *b, const char *name, const struct eval_type *t)
{
	char c[8][32];

	return buf_printf(b, "%-14s%8s%8s%8s%8s%8s%8s%8s%8s\n", name,
	    cell(c[0], ratio_or(t->hit, t->pred)),
	    cell(c[1], ratio_or(t->found, t->gold)),
	    cell(c[2], fscore(t->hit, t->pred, t->found, t->gold, 1)),
	    cell(c[3], fscore(t->hit, t->pred, t->found, t->gold, 2)),
	    cell(c[4], ratio_or(t->exact_hit, t->pred)),
	    cell(c[5], ratio_or(t->exact_found, t->gold)),
	    cell(c[6], fscore(t->exact_hit, t->pred, t->exact_found,
	    t->gold, 1)),
	    cell(c[7], fscore(t->exact_hit, t->pred, t->exact_found,
	    t->gold, 2)));
}

/* The run's totals as one eval_type, for the ALL rows. */
static void
totals(const struct eval *ev, struct eval_type *t)
{
	const struct eval_summary *s = &ev->s;

	memset(t, 0, sizeof(*t));
	t->gold = s->gold;
	t->found = s->found;
	t->leaked = s->leaked;
	t->partial = s->partial;
	t->tokens = s->tok_phi;
	t->tokens_found = s->tok_tp;
	t->exact_found = s->exact_found;
	t->typed_found = s->typed_found;
	t->pred = s->pred;
	t->hit = s->hit;
	t->exact_hit = s->exact_hit;
	t->typed_hit = s->typed_hit;
}

static int
table_types(const struct eval *ev, struct buf *b, const size_t *gold,
    size_t ng, const size_t *pred, size_t np)
{
	struct eval_type all;
	size_t i;
	int rc;

	totals(ev, &all);
	rc = buf_printf(b, "\n%-14s%7s%7s%8s%8s%8s%8s%8s\n", "type", "gold",
	    "found", "recall", "leaked", "partial", "tokens", "tok_rec");
	for (i = 0; rc == 0 && i < ng; i++)
		rc = recall_row(b, ev->types[gold[i]].name,
		    &ev->types[gold[i]].c);
	if (rc == 0)
		rc = recall_row(b, "ALL", &all);

	if (rc == 0)
		rc = buf_printf(b, "\n%-14s  %-30s  %-30s\n%-14s%8s%8s%8s%8s"
		    "%8s%8s%8s%8s\n", "",
		    "-------- any overlap ---------",
		    "--------- exact span ---------", "type", "prec",
		    "recall", "F1", "F2", "prec", "recall", "F1", "F2");
	for (i = 0; rc == 0 && i < ng; i++)
		rc = prf_row(b, ev->types[gold[i]].name,
		    &ev->types[gold[i]].c);
	for (i = 0; rc == 0 && i < np; i++)
		if (ev->types[pred[i]].c.gold == 0)
			rc = prf_row(b, ev->types[pred[i]].name,
			    &ev->types[pred[i]].c);
	if (rc == 0)
		rc = prf_row(b, "ALL", &all);
	return rc;
}

/* "recall 0.973 (2200/2262)   precision 0.912 (2100/2300)   F1 .. F2" */
static int
prf_line(struct buf *b, const char *label, size_t found, size_t gold,
    size_t hit, size_t pred)
{
	char c[4][32];

	return buf_printf(b, "%-22srecall %s (%zu/%zu)   precision %s "
	    "(%zu/%zu)   F1 %s   F2 %s\n", label,
	    cell(c[0], ratio_or(found, gold)), found, gold,
	    cell(c[1], ratio_or(hit, pred)), hit, pred,
	    cell(c[2], fscore(hit, pred, found, gold, 1)),
	    cell(c[3], fscore(hit, pred, found, gold, 2)));
}

static int
table_totals(const struct eval *ev, struct buf *b, const size_t *pred,
    size_t np)
{
	const struct eval_summary *s = &ev->s;
	const struct tstat *t;
	size_t i;
	int rc;

	rc = buf_puts(b, "\n");
	if (rc == 0)
		rc = prf_line(b, "entity  any overlap", s->found, s->gold,
		    s->hit, s->pred);
	if (rc == 0)
		rc = prf_line(b, "entity  exact span", s->exact_found,
		    s->gold, s->exact_hit, s->pred);
	if (rc == 0)
		rc = prf_line(b, "entity  exact + type", s->typed_found,
		    s->gold, s->typed_hit, s->pred);
	if (rc == 0)
		rc = prf_line(b, "token", s->tok_tp, s->tok_phi, s->tok_tp,
		    s->tok_pred);
	if (rc == 0)
		rc = buf_printf(b, "leaks   %zu gold spans with no character "
		    "covered; %zu more found but partly uncovered\n",
		    s->leaked, s->partial);
	for (i = 0; rc == 0 && i < np; i++) {
		t = &ev->types[pred[i]];
		rc = buf_printf(b, "%s%s %zu/%zu", i == 0 ? "predicted  " :
		    "  ", t->name, t->c.hit, t->c.pred);
	}
	if (rc == 0 && np > 0)
		rc = buf_puts(b, "\n");
	return rc;
}

static int
table_leaks(const struct eval *ev, struct buf *b, int show)
{
	struct eval_leak l;
	size_t i;
	int rc = 0;

	if (ev->nleaks > 0)
		rc = buf_printf(b, "\nleaked spans (%zu): id, field, "
		    "start-end, type%s\n", ev->nleaks, show ? ", text" : "");
	for (i = 0; rc == 0 && i < ev->nleaks; i++) {
		(void)eval_leak_get(ev, i, &l);
		rc = buf_puts(b, "  ");
		if (rc == 0)
			rc = put_id_field(b, l.id, l.id_len, "  ", l.field,
			    l.field_len, 0);
		if (rc == 0)
			rc = buf_printf(b, "  %zu-%zu  %s", l.start, l.end,
			    l.type);
		if (rc == 0 && show) {
			rc = buf_puts(b, "  ");
			if (rc == 0)
				rc = put_esc(b, l.text, l.text_len, 1);
		}
		if (rc == 0)
			rc = buf_puts(b, "\n");
	}
	return rc;
}

static int
render_table(const struct eval *ev, struct buf *b, int show,
    const size_t *gold, size_t ng, const size_t *pred, size_t np)
{
	int rc;

	rc = table_head(ev, b);
	if (rc == 0)
		rc = table_notes(ev, b);
	if (rc == 0)
		rc = table_types(ev, b, gold, ng, pred, np);
	if (rc == 0)
		rc = table_totals(ev, b, pred, np);
	if (rc == 0)
		rc = table_leaks(ev, b, show);
	return rc;
}

static int
json_head(const struct eval *ev, struct buf *b)
{
	const struct eval_summary *s = &ev->s;
	char **names;
	size_t n, i;
	int rc;

	rc = buf_puts(b, "{\"gold_file\": ");
	if (rc == 0)
		rc = put_str(b, ev->gold_path);
	if (rc == 0)
		rc = buf_puts(b, ", \"spans_file\": ");
	if (rc == 0)
		rc = put_str(b, ev->spans_path);
	if (rc == 0)
		rc = buf_puts(b, ", \"excluded_types\": [");
	names = excluded_names(ev, &n);
	if (names == NULL)
		return ERR_NOMEM;
	for (i = 0; rc == 0 && i < n; i++) {
		rc = buf_puts(b, i > 0 ? ", " : "");
		if (rc == 0)
			rc = put_str(b, names[i]);
	}
	free(names);
	if (rc == 0)
		rc = buf_printf(b, "], \"documents\": {\"gold\": %zu, "
		    "\"gold_with_spans\": %zu, \"predicted\": %zu, "
		    "\"missing\": %zu, \"missing_gold_spans\": %zu, "
		    "\"text_mismatch\": %zu, \"extra\": %zu}", s->docs,
		    s->docs_with_spans, s->docs_predicted, s->docs_missing,
		    s->missing_gold_spans, s->text_mismatch,
		    s->extra_records);
	return rc;
}

static int
json_unmatched(const struct eval *ev, struct buf *b)
{
	const struct eval_summary *s = &ev->s;
	size_t i;
	int rc;

	rc = buf_printf(b, ", \"unmatched_predictions\": {\"records\": %zu, "
	    "\"spans\": %zu, \"unknown_id_records\": %zu, "
	    "\"unknown_field_records\": %zu, \"examples\": [",
	    s->extra_records, s->extra_spans, s->extra_unknown_id,
	    s->extra_unknown_field);
	for (i = 0; rc == 0 && i < ev->nex; i++) {
		rc = buf_puts(b, i > 0 ? ", {\"id\": " : "{\"id\": ");
		if (rc == 0)
			rc = put_id_field(b, ev->ex[i].id, ev->ex[i].id_len,
			    ", \"field\": ", ev->ex[i].field,
			    ev->ex[i].field_len, 1);
		if (rc == 0)
			rc = buf_puts(b, "}");
	}
	if (rc == 0)
		rc = buf_printf(b, "]}, \"repeated_prediction_records\": %zu, "
		    "\"invalid_predicted_spans\": %zu, \"excluded\": "
		    "{\"gold_spans\": %zu, \"predicted_spans\": %zu, "
		    "\"neutral_predicted_spans\": %zu, \"ignored_tokens\": "
		    "%zu}", s->repeated_records, s->invalid_spans,
		    s->excluded_gold, s->excluded_pred, s->neutral_pred,
		    s->ignored_tokens);
	return rc;
}

/* "recall": r, "precision": p, "f1": .., "f2": .. */
static int
json_prf(struct buf *b, size_t found, size_t gold, size_t hit,
    size_t pred)
{
	int rc;

	rc = buf_puts(b, "\"recall\": ");
	if (rc == 0)
		rc = put_ratio(b, found, gold);
	if (rc == 0)
		rc = buf_puts(b, ", \"precision\": ");
	if (rc == 0)
		rc = put_ratio(b, hit, pred);
	if (rc == 0)
		rc = buf_puts(b, ", \"f1\": ");
	if (rc == 0)
		rc = put_f(b, fscore(hit, pred, found, gold, 1));
	if (rc == 0)
		rc = buf_puts(b, ", \"f2\": ");
	if (rc == 0)
		rc = put_f(b, fscore(hit, pred, found, gold, 2));
	return rc;
}

static int
json_entity(const struct eval *ev, struct buf *b)
{
	const struct eval_summary *s = &ev->s;
	int rc;

	rc = buf_printf(b, ", \"entity\": {\"gold\": %zu, \"found\": %zu, "
	    "\"predicted\": %zu, \"predicted_overlapping_gold\": %zu, ",
	    s->gold, s->found, s->pred, s->hit);
	if (rc == 0)
		rc = json_prf(b, s->found, s->gold, s->hit, s->pred);
	if (rc == 0)
		rc = buf_printf(b, "}, \"exact\": {\"gold\": %zu, \"found\": "
		    "%zu, \"predicted\": %zu, \"predicted_matching_gold\": "
		    "%zu, ", s->gold, s->exact_found, s->pred, s->exact_hit);
	if (rc == 0)
		rc = json_prf(b, s->exact_found, s->gold, s->exact_hit,
		    s->pred);
	if (rc == 0)
		rc = buf_printf(b, "}, \"exact_typed\": {\"gold\": %zu, "
		    "\"found\": %zu, \"predicted\": %zu, "
		    "\"predicted_matching_gold\": %zu, ", s->gold,
		    s->typed_found, s->pred, s->typed_hit);
	if (rc == 0)
		rc = json_prf(b, s->typed_found, s->gold, s->typed_hit,
		    s->pred);
	if (rc == 0)
		rc = buf_printf(b, "}, \"token\": {\"phi\": %zu, "
		    "\"predicted\": %zu, \"true_positive\": %zu, ",
		    s->tok_phi, s->tok_pred, s->tok_tp);
	if (rc == 0)
		rc = json_prf(b, s->tok_tp, s->tok_phi, s->tok_tp,
		    s->tok_pred);
	if (rc == 0)
		rc = buf_puts(b, "}");
	return rc;
}

static int
json_leak(const struct eval *ev, struct buf *b, size_t i, int show)
{
	struct eval_leak l;
	int rc;

	(void)eval_leak_get(ev, i, &l);
	rc = buf_puts(b, i > 0 ? ", {\"id\": " : "{\"id\": ");
	if (rc == 0)
		rc = put_id_field(b, l.id, l.id_len, ", \"field\": ", l.field,
		    l.field_len, 1);
	if (rc == 0)
		rc = buf_printf(b, ", \"start\": %zu, \"end\": %zu, "
		    "\"type\": ", l.start, l.end);
	if (rc == 0)
		rc = put_str(b, l.type);
	if (rc == 0 && show) {
		rc = buf_puts(b, ", \"text\": ");
		if (rc == 0)
			rc = put_esc(b, l.text, l.text_len, 1);
	}
	if (rc == 0)
		rc = buf_puts(b, "}");
	return rc;
}

static int
json_leaks(const struct eval *ev, struct buf *b, int show)
{
	size_t i;
	int rc;

	rc = buf_printf(b, ", \"leaks\": {\"leaked\": %zu, \"partial\": %zu, "
	    "\"spans\": [", ev->s.leaked, ev->s.partial);
	for (i = 0; rc == 0 && i < ev->nleaks; i++)
		rc = json_leak(ev, b, i, show);
	if (rc == 0)
		rc = buf_puts(b, "]}");
	return rc;
}

static int
type_json(struct buf *b, const struct tstat *t, int first)
{
	const struct eval_type *c = &t->c;
	int rc;

	rc = put_member(b, t->name, first);
	if (rc == 0)
		rc = buf_printf(b, "\"gold\": %zu, \"found\": %zu, "
		    "\"leaked\": %zu, \"partial\": %zu, \"tokens\": %zu, "
		    "\"tokens_found\": %zu, \"token_recall\": ", c->gold,
		    c->found, c->leaked, c->partial, c->tokens,
		    c->tokens_found);
	if (rc == 0)
		rc = put_ratio(b, c->tokens_found, c->tokens);
	if (rc == 0)
		rc = buf_printf(b, ", \"exact_found\": %zu, "
		    "\"exact_typed_found\": %zu, \"exact_recall\": ",
		    c->exact_found, c->typed_found);
	if (rc == 0)
		rc = put_ratio(b, c->exact_found, c->gold);
	if (rc == 0)
		rc = buf_puts(b, ", \"exact_typed_recall\": ");
	if (rc == 0)
		rc = put_ratio(b, c->typed_found, c->gold);
	if (rc == 0)
		rc = buf_printf(b, ", \"predicted\": %zu, "
		    "\"overlapping_gold\": %zu, ", c->pred, c->hit);
	if (rc == 0)
		rc = json_prf(b, c->found, c->gold, c->hit, c->pred);
	if (rc == 0)
		rc = buf_puts(b, "}");
	return rc;
}

static int
pred_type_json(struct buf *b, const struct tstat *t, int first)
{
	const struct eval_type *c = &t->c;
	int rc;

	rc = put_member(b, t->name, first);
	if (rc == 0)
		rc = buf_printf(b, "\"predicted\": %zu, "
		    "\"overlapping_gold\": %zu, \"precision\": ", c->pred,
		    c->hit);
	if (rc == 0)
		rc = put_ratio(b, c->hit, c->pred);
	if (rc == 0)
		rc = buf_printf(b, ", \"exact\": %zu, \"exact_typed\": %zu, "
		    "\"exact_precision\": ", c->exact_hit, c->typed_hit);
	if (rc == 0)
		rc = put_ratio(b, c->exact_hit, c->pred);
	if (rc == 0)
		rc = buf_puts(b, ", \"exact_typed_precision\": ");
	if (rc == 0)
		rc = put_ratio(b, c->typed_hit, c->pred);
	if (rc == 0)
		rc = buf_puts(b, "}");
	return rc;
}

static int
render_json(const struct eval *ev, struct buf *b, int show,
    const size_t *gold, size_t ng, const size_t *pred, size_t np)
{
	size_t i;
	int rc;

	rc = json_head(ev, b);
	if (rc == 0)
		rc = json_unmatched(ev, b);
	if (rc == 0)
		rc = json_entity(ev, b);
	if (rc == 0)
		rc = json_leaks(ev, b, show);
	if (rc == 0)
		rc = buf_puts(b, ", \"by_type\": {");
	for (i = 0; rc == 0 && i < ng; i++)
		rc = type_json(b, &ev->types[gold[i]], i == 0);
	if (rc == 0)
		rc = buf_puts(b, "}, \"by_predicted_type\": {");
	for (i = 0; rc == 0 && i < np; i++)
		rc = pred_type_json(b, &ev->types[pred[i]], i == 0);
	if (rc == 0)
		rc = buf_puts(b, "}}\n");
	return rc;
}

int
eval_render(const struct eval *ev, struct buf *out, int flags)
{
	size_t *gold, *pred, ng = 0, np = 0;
	int rc = ERR_NOMEM;

	if (!ev->scored)
		return ERR_USAGE;
	gold = type_order(ev, 0, &ng);
	pred = type_order(ev, 1, &np);
	if (gold != NULL && pred != NULL && (flags & EVAL_JSON))
		rc = render_json(ev, out, flags & EVAL_SHOW_TEXT, gold, ng,
		    pred, np);
	else if (gold != NULL && pred != NULL)
		rc = render_table(ev, out, flags & EVAL_SHOW_TEXT, gold, ng,
		    pred, np);
	free(gold);
	free(pred);
	return rc;
}
