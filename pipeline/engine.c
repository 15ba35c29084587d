/* engine.c - scan and transform one record. */
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "engine.h"
#include "err.h"
#include "generalize.h"
#include "known.h"
#include "lexicon.h"
#include "recognizer.h"
#include "spans.h"
#include "text.h"
#include "tokens.h"
#include "window.h"

/* Every detector family, in a fixed order (the order never matters to
 * the result: spans_resolve is order-independent). */
static const struct recognizer_ops *const engine_families[] = {
	&recognizer_dates,
	&recognizer_ages,
	&recognizer_phones,
	&recognizer_net,
	&recognizer_ids,
	&recognizer_address,
	&recognizer_names,
	&recognizer_places,
	&recognizer_known,
};

#define ENGINE_NFAMILIES \
	(sizeof(engine_families) / sizeof(engine_families[0]))

#define ENGINE_MAX_ALLOW	POLICY_MAX_ENTRY

/*
 * The per-worker cache of object keys already found clean: records of
 * one export mostly repeat the same few keys, and a key's verdict
 * depends only on its bytes and the engine.  Open addressing in
 * KEYS_SLOTS slots, at most KEYS_MAX keys of at most KEYS_MAX_LEN bytes
 * in a KEYS_POOL byte pool; when full, it is wiped and starts over.
 */
#define KEYS_SLOTS	4096
#define KEYS_MAX	(KEYS_SLOTS / 2)
#define KEYS_MAX_LEN	256
#define KEYS_POOL	65536

/* Identifier types that every profile keeps, so a key may hold them. */
#define KEY_KEPT_TYPES	((1u << PHI_STATE) | (1u << PHI_COUNTRY))

struct key_slot {
	uint32_t hash;
	uint32_t off;		/* in pool */
	uint32_t len;		/* 0: empty slot */
};

struct key_cache {
	struct key_slot slot[KEYS_SLOTS];
	size_t n;		/* keys held */
	size_t used;		/* pool bytes used */
	char pool[KEYS_POOL];
};

struct engine {
	struct engine_config cfg;
	void *state[ENGINE_NFAMILIES];
	const struct lexicon *lx;
	struct known *deny;		/* sealed; NULL without a list */
	char **allow;			/* folded entries, sorted */
	size_t nallow;
	struct known *allow_in;		/* the same, found in text */
};

struct engine_worker {
	const struct engine *e;
	struct text *text;
	struct tokens *tokens;
	struct spans *spans;
	struct known *known;		/* this record's identifiers */
	struct spans *allowed;		/* allow entries found in the text */
	char head[RECOG_HEAD];		/* a windowed text's first view */
	size_t head_len;
	int use_head;			/* a later window: pass head on */
	struct patients_set rset;	/* this record's own */
	struct buf out;
	struct key_cache *keys;		/* keys found clean */
	char error[256];
	unsigned long long counts[PHI_NTYPES];
	double seconds[ENGINE_NFAMILIES];	/* scan time per family */
};

/*
 * The folded form of s[0..n) that allow entries and candidates compare
 * in: ASCII lower case, white space runs as one space, trimmed.
 * Returns its length, or 0 when it is empty or longer than cap - 1.
 */
static size_t
fold(const char *s, size_t n, char *out, size_t cap)
{
	size_t i, k = 0;
	int space = 0;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = k > 0;
			continue;
		}
		if (k + 2 >= cap)
			return 0;
		if (space)
			out[k++] = ' ';
		out[k++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		space = 0;
	}
	out[k] = '\0';
	return k;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
setup_allow(struct engine *e)
{
	const struct policy *p = e->cfg.policy;
	char f[ENGINE_MAX_ALLOW + 2];
	size_t i, n = policy_allow_count(p);

	if (n == 0)
		return 0;
	e->allow = calloc(n, sizeof(*e->allow));
	/* also as phrases to find in the text ("Westbrook" inside an
	 * allowed "Westbrook General Hospital" goes with it) */
	e->allow_in = known_new(e->lx);
	if (e->allow == NULL || e->allow_in == NULL)
		return ERR_NOMEM;
	for (i = 0; i < n; i++) {
		const char *a = policy_allow(p, i);
		int r;

		if (fold(a, strlen(a), f, sizeof(f)) == 0)
			continue;
		e->allow[e->nallow] = strdup(f);
		if (e->allow[e->nallow] == NULL)
			return ERR_NOMEM;
		e->nallow++;
		r = known_add_phrase(e->allow_in, PHI_OTHER_ID, a, strlen(a),
		    "allow");
		if (r == ERR_NOMEM)
			return r;
	}
	qsort(e->allow, e->nallow, sizeof(*e->allow), str_cmp);
	return known_seal(e->allow_in);
}

static int
setup_lists(struct engine *e, char *err, size_t errlen)
{
	const struct policy *p = e->cfg.policy;
	size_t i, line = 0, n = policy_deny_count(p);
	enum phi_type type;
	const char *d;
	int r = 0;

	if (setup_allow(e) != 0) {
		(void)snprintf(err, errlen, "out of memory");
		return ERR_NOMEM;
	}
	if (n == 0)
		return 0;
	e->deny = known_new(e->lx);
	if (e->deny == NULL)
		r = ERR_NOMEM;
	for (i = 0; r == 0 && i < n; i++) {
		d = policy_deny(p, i, &type);
		r = known_add_phrase(e->deny, type, d, strlen(d), "deny");
		if (r == ERR_USAGE || r == ERR_UTF8) {
			d = policy_deny_where(p, i, &line);
			(void)snprintf(err, errlen, "deny list '%s' line %zu: "
			    "%s", d, line, r == ERR_USAGE ? "no word in it" :
			    "not valid UTF-8");
			return r;
		}
	}
	if (r == 0)
		r = known_seal(e->deny);
	if (r != 0)
		(void)snprintf(err, errlen, "%s", err_str(r));
	return r;
}

struct engine *
engine_new(const struct engine_config *cfg, char *err, size_t errlen)
{
	struct engine *e;
	size_t i;
	char why[256];

	e = calloc(1, sizeof(*e));
	if (e == NULL) {
		(void)snprintf(err, errlen, "out of memory");
		return NULL;
	}
	e->cfg = *cfg;
	if (lexicon_open(&e->lx, why, sizeof(why)) != 0) {
		(void)snprintf(err, errlen, "lexicon: %s", why);
		engine_free(e);
		return NULL;
	}
	if (setup_lists(e, err, errlen) != 0) {
		engine_free(e);
		return NULL;
	}

	for (i = 0; i < ENGINE_NFAMILIES; i++) {
		why[0] = '\0';
		if (engine_families[i]->init(&e->state[i], why,
		    sizeof(why)) != 0) {
			(void)snprintf(err, errlen, "recognizer %s: %s",
			    engine_families[i]->name, why);
			engine_free(e);
			return NULL;
		}
	}
	return e;
}

void
engine_free(struct engine *e)
{
	size_t i;

	if (e == NULL)
		return;
	for (i = 0; i < ENGINE_NFAMILIES; i++)
		if (e->state[i] != NULL)
			engine_families[i]->fini(e->state[i]);
	known_free(e->deny);
	known_free(e->allow_in);
	for (i = 0; i < e->nallow; i++) {
		explicit_bzero(e->allow[i], strlen(e->allow[i]));
		free(e->allow[i]);
	}
	free(e->allow);
	if (e->lx != NULL)
		lexicon_close(e->lx);
	free(e);
}

struct engine_worker *
engine_worker_new(const struct engine *e)
{
	struct engine_worker *w;

	w = calloc(1, sizeof(*w));
	if (w == NULL)
		return NULL;
	w->e = e;
	w->text = text_new();
	w->tokens = tokens_new();
	w->spans = spans_new();
	w->known = known_new(e->lx);
	w->allowed = spans_new();
	patients_set_init(&w->rset);
	buf_init(&w->out, e->cfg.max_value);
	w->keys = calloc(1, sizeof(*w->keys));
	if (w->text == NULL || w->tokens == NULL || w->spans == NULL ||
	    w->known == NULL || w->allowed == NULL || w->keys == NULL) {
		engine_worker_free(w);
		return NULL;
	}
	return w;
}

void
engine_worker_free(struct engine_worker *w)
{
	if (w == NULL)
		return;
	text_free(w->text);
	tokens_free(w->tokens);
	spans_free(w->spans);
	known_free(w->known);
	spans_free(w->allowed);
	explicit_bzero(w->head, sizeof(w->head));
	patients_set_release(&w->rset);
	buf_release(&w->out);
	if (w->keys != NULL) {
		explicit_bzero(w->keys->pool, w->keys->used);
		free(w->keys);
	}
	free(w);
}

const char *
engine_worker_error(const struct engine_worker *w)
{
	return w->error;
}

const unsigned long long *
engine_worker_counts(const struct engine_worker *w)
{
	return w->counts;
}

size_t
engine_nfamilies(void)
{
	return ENGINE_NFAMILIES;
}

const char *
engine_family_name(size_t i)
{
	return i < ENGINE_NFAMILIES ? engine_families[i]->name : NULL;
}

const double *
engine_worker_seconds(const struct engine_worker *w)
{
	return w->seconds;
}

static int
fail(struct engine_worker *w, const struct field *f, const char *what,
    int code)
{
	(void)snprintf(w->error, sizeof(w->error), "field \"%s\": %s",
	    f->name, what);
	return code;
}

struct allow_arg {
	const struct engine *e;
	const char *view;
	const struct spans *in;		/* allow entries found in the text */
};

/* Whether sp lies inside an allow entry found in the text. */
static int
inside_allowed(const struct spans *in, const struct span *sp)
{
	const struct span *a;
	size_t i;

	for (i = 0; i < spans_count(in); i++) {
		a = spans_get(in, i);
		if (a->start <= sp->start && sp->end <= a->end)
			return 1;
	}
	return 0;
}

/* spans_filter: drop a candidate whose text is on the allow list. */
static int
not_allowed(void *arg, const struct span *sp)
{
	const struct allow_arg *a = arg;
	char f[ENGINE_MAX_ALLOW + 2];
	const char *key = f;

	if (sp->recognizer != NULL && (strncmp(sp->recognizer, "known.",
	    6) == 0 || strcmp(sp->recognizer, "deny") == 0))
		return 1;
	if (inside_allowed(a->in, sp))
		return 0;
	if (fold(a->view + sp->start, sp->end - sp->start, f,
	    sizeof(f)) == 0)
		return 1;
	return bsearch(&key, a->e->allow, a->e->nallow, sizeof(char *),
	    str_cmp) == NULL;
}

/*
 * After the recognizers: the field itself when it is an identifier
 * column (fi is the record's field, or SIZE_MAX), the deny list's
 * phrases, then the allow list.
 */
static int
lists(struct engine_worker *w, size_t fi)
{
	const struct engine *e = w->e;
	struct allow_arg a;
	const char *canon;
	size_t len, clen = 0;
	int r = 0;

	a.view = text_view(w->text, &len);
	if (fi < w->rset.nfield && w->rset.field_type[fi] < PHI_NTYPES) {
		canon = patients_field_canon(&w->rset, fi, &clen);
		r = spans_add_canon(w->spans, 0, len,
		    (enum phi_type)w->rset.field_type[fi], 1.0f,
		    "known.field", canon, clen);
	}
	if (r == 0 && e->deny != NULL)
		r = known_scan(e->deny, w->text, w->tokens, w->spans);
	if (r == 0 && e->nallow > 0) {
		spans_clear(w->allowed);
		r = known_scan(e->allow_in, w->text, w->tokens, w->allowed);
		a.e = e;
		a.in = w->allowed;
		if (r == 0)
			spans_filter(w->spans, not_allowed, &a);
	}
	return r;
}

/*
 * A name another recognizer found (or a union) that is exactly a
 * variant of the patient's name takes the patient's canonical form.
 */
static void
canonical_names(struct engine_worker *w)
{
	const struct span *sp;
	const char *c;
	size_t i, len = 0;

	for (i = 0; i < spans_count(w->spans); i++) {
		sp = spans_get(w->spans, i);
		if (sp->type != PHI_NAME || sp->canon != NULL)
			continue;
		c = known_canon(w->known, w->text, w->tokens, sp->start,
		    sp->end, &len);
		if (c != NULL)
			spans_set_canon(w->spans, i, c, len);
	}
}

/*
 * Family i's scan.  The clock is read only when the run wants the
 * profile (-v): two clock reads per family and value are measurable.
 */
static int
scan_family(struct engine_worker *w, size_t i, const struct recog_ctx *ctx)
{
	struct timespec t0, t1;
	int r;

	if (!w->e->cfg.timed)
		return engine_families[i]->scan(w->e->state[i], ctx, w->spans);
	(void)clock_gettime(CLOCK_MONOTONIC, &t0);
	r = engine_families[i]->scan(w->e->state[i], ctx, w->spans);
	(void)clock_gettime(CLOCK_MONOTONIC, &t1);
	w->seconds[i] += (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	return r;
}

/* Run every recognizer over the current text into w->spans. */
static int
detect(struct engine_worker *w, const struct record *rec,
    const struct field *f, size_t fi)
{
	struct recog_ctx ctx;
	size_t i;
	int r;

	r = tokens_build(w->tokens, w->text);
	if (r != 0)
		return r;

	ctx.text = w->text;
	ctx.tokens = w->tokens;
	ctx.record = rec;
	ctx.field = f->name;
	ctx.known = fi != SIZE_MAX ? w->known : NULL;
	ctx.head = w->use_head ? w->head : NULL;
	ctx.head_len = w->use_head ? w->head_len : 0;

	for (i = 0; i < ENGINE_NFAMILIES; i++) {
		r = scan_family(w, i, &ctx);
		if (r != 0)
			return r;
	}
	r = lists(w, fi);
	if (r != 0)
		return r;
	spans_resolve(w->spans);
	if (ctx.known != NULL)
		canonical_names(w);
	return 0;
}

/*
 * A typed column: the whole value (if any) is one identifier; a name
 * part takes its person's canonical form.
 */
static int
whole_value(struct engine_worker *w, enum phi_type type, size_t fi)
{
	const char *canon, *v;
	size_t len, clen = 0;

	v = text_view(w->text, &len);
	if (len == 0)
		return 0;
	if (type == PHI_AGE && !patients_old_age(v, len))
		return 0;
	canon = patients_field_canon(&w->rset, fi, &clen);
	return spans_add_canon(w->spans, 0, len, type, 1.0f, "column", canon,
	    clen);
}

/* The latest year among the value's dates, or 0 (see transform.h). */
static int
latest_year(const struct engine_worker *w)
{
	const char *orig;
	struct text_range rg;
	size_t olen, i;
	int year, best = 0;

	orig = text_original(w->text, &olen);
	for (i = 0; i < spans_count(w->spans); i++) {
		const struct span *s = spans_get(w->spans, i);

		if (s->type != PHI_DATE)
			continue;
		text_map(w->text, s->start, s->end, &rg);
		if (generalize_year(orig + rg.byte_start,
		    rg.byte_end - rg.byte_start, &year) == 0 && year > best)
			best = year;
	}
	return best;
}

/* Whether the value holds an age over 89 (AGE spans are only those). */
static int
has_old_age(const struct engine_worker *w)
{
	size_t i;

	for (i = 0; i < spans_count(w->spans); i++)
		if (spans_get(w->spans, i)->type == PHI_AGE)
			return 1;
	return 0;
}

/*
 * Whether only separators and small words ("on", "in", "date", "is")
 * stand between a cue and the date: "DOB: ", "born on ", "birth date ".
 */
static int
only_glue(const char *s)
{
	static const char *const words[] = { "on", "in", "date", "is",
		"of" };
	size_t i, n;

	for (;;) {
		s += strspn(s, " :#\t-");
		if (*s == '\0')
			return 1;
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
			n = strlen(words[i]);
			if (strncmp(s, words[i], n) == 0 &&
			    (s[n] == '\0' || strchr(" :#\t-", s[n]) != NULL))
				break;
		}
		if (i == sizeof(words) / sizeof(words[0]))
			return 0;
		s += n;
	}
}

/* Whether the words just before view offset at name a birth date. */
static int
birth_context(const struct engine_worker *w, size_t at)
{
	static const char *const cues[] = { "dob", "d.o.b.", "d.o.b",
		"born", "birth", "b." };
	char low[24];
	const char *view, *hit;
	size_t len, from, i, n;

	view = text_view(w->text, &len);
	from = at > sizeof(low) - 1 ? at - (sizeof(low) - 1) : 0;
	for (n = 0; from + n < at; n++) {
		char c = view[from + n];

		low[n] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
	}
	low[n] = '\0';
	for (i = 0; i < sizeof(cues) / sizeof(cues[0]); i++) {
		hit = strstr(low, cues[i]);
		if (hit != NULL && only_glue(hit + strlen(cues[i])))
			return 1;
	}
	return 0;
}

/*
 * The type to transform a span as.  A birth date in a value that also
 * gives an age over 89 implies that age, so where dates keep their year
 * it is generalised as an AGE ("90+") instead.
 */
static enum phi_type
effective_type(const struct engine_worker *w, const struct span *s,
    int old_age)
{
	const struct transform *tf = w->e->cfg.transform;
	int t;

	/*
	 * A union typed by a member that is kept (a STATE, say) must not
	 * keep another member that would be removed (a NAME inside it).
	 */
	if (transform_op(tf, s->type) == POLICY_KEEP)
		for (t = 0; t < PHI_NTYPES; t++)
			if ((s->members >> t & 1) &&
			    transform_op(tf, (enum phi_type)t) != POLICY_KEEP)
				return (enum phi_type)t;

	if (s->type != PHI_DATE || !old_age ||
	    transform_op(tf, PHI_DATE) != POLICY_YEAR)
		return s->type;
	return birth_context(w, s->start) ? PHI_AGE : PHI_DATE;
}

/*
 * Whether a span, mapped to original bytes rg, is written by the window
 * [from, cut): it must reach past from (a span the previous window saw
 * shorter is clipped there, never left in clear), and start before cut
 * unless this is the last window.
 */
static int
in_window(const struct text_range *rg, size_t from, size_t cut, int final)
{
	return rg->byte_end > from && (final || rg->byte_start < cut);
}

/*
 * Rebuild original bytes [from, *end) into w->out, replacing each span
 * of the window.  *end comes in as the cut (the value's length for a
 * whole value) and leaves past the last span written.  Spans map to
 * original ranges that never overlap a previous one: where normalisation
 * merged code points, the earlier replacement already covered the
 * shared bytes.
 */
static int
rewrite_range(struct engine_worker *w, size_t from, size_t *end, int final)
{
	const char *orig;
	size_t olen, i, done = from, cut = *end;
	struct text_range rg;
	int r = 0, ref_year, old_age;

	orig = text_original(w->text, &olen);
	buf_reset(&w->out);
	ref_year = latest_year(w);
	old_age = has_old_age(w);

	for (i = 0; r == 0 && i < spans_count(w->spans); i++) {
		const struct span *s = spans_get(w->spans, i);

		text_map(w->text, s->start, s->end, &rg);
		if (!in_window(&rg, from, cut, final) || rg.byte_end <= done)
			continue;
		if (rg.byte_start < done)
			rg.byte_start = done;
		r = buf_append(&w->out, orig + done, rg.byte_start - done);
		if (r == 0)
			r = transform_apply_canon(w->e->cfg.transform,
			    effective_type(w, s, old_age),
			    orig + rg.byte_start,
			    rg.byte_end - rg.byte_start, s->canon,
			    s->canon_len, ref_year, &w->out);
		done = rg.byte_end;
	}
	*end = final ? olen : (done > cut ? done : cut);
	if (r == 0 && *end > done)
		r = buf_append(&w->out, orig + done, *end - done);
	return r;
}

static int
rewrite(struct engine_worker *w, struct record *rec, size_t fi)
{
	size_t end, olen;
	int r;

	(void)text_original(w->text, &olen);
	end = olen;
	r = rewrite_range(w, 0, &end, 1);
	if (r == 0)
		r = record_set_output(rec, fi, w->out.data ? w->out.data : "",
		    w->out.len);
	return r;
}

/*
 * Append one span object, after ", " when comma: the bytes jansson would
 * dump (reals to three digits, with ".0" when they have no point), but
 * without a tree per span.  Recognizer names are static identifiers.
 */
static int
span_object(struct buf *out, int comma, unsigned long long start,
    unsigned long long end, const struct span *sp)
{
	char score[32];
	int n;

	n = snprintf(score, sizeof(score) - 2, "%.3g", (double)sp->score);
	if (n > 0 && strpbrk(score, ".eEn") == NULL)
		memcpy(score + n, ".0", 3);
	return buf_printf(out, "%s{\"start\": %llu, \"end\": %llu, "
	    "\"type\": \"%s\", \"recognizer\": \"%s\", \"score\": %s}",
	    comma ? ", " : "", start, end, phitype_name(sp->type),
	    sp->recognizer, score);
}

/* The head of a field's spans line: {"id": ..., "field": ..., "spans": [ */
static int
spans_head(const struct record *rec, const struct field *f, struct buf *out)
{
	json_t *line;
	char *s;
	size_t n;
	int r;

	/* Fails when the id or the name is not UTF-8. */
	line = json_pack("{s:s, s:s, s:[]}", "id", rec->id, "field", f->name,
	    "spans");
	if (line == NULL)
		return ERR_UTF8;
	s = json_dumps(line, JSON_REAL_PRECISION(3));
	json_decref(line);
	if (s == NULL)
		return ERR_NOMEM;
	n = strlen(s);
	/* the head ends in "[]}": keep it up to the '[' */
	r = n >= 3 && strcmp(s + n - 3, "[]}") == 0 ?
	    buf_append(out, s, n - 2) : ERR_INTERNAL;
	free(s);
	return r;
}

/*
 * Append one spans JSONL line for the current field, span by span: the
 * bytes jansson would give for the whole line, without a tree of every
 * span of a value with many identifiers.
 */
static int
render_spans(struct engine_worker *w, const struct record *rec,
    const struct field *f, struct buf *out)
{
	struct text_range rg;
	size_t i;
	int r;

	r = spans_head(rec, f, out);
	for (i = 0; r == 0 && i < spans_count(w->spans); i++) {
		const struct span *sp = spans_get(w->spans, i);

		text_map(w->text, sp->start, sp->end, &rg);
		r = span_object(out, i > 0, rg.cp_start, rg.cp_end, sp);
	}
	if (r == 0)
		r = buf_puts(out, "]}\n");
	return r;
}

static void
count(struct engine_worker *w)
{
	size_t i;

	for (i = 0; i < spans_count(w->spans); i++)
		w->counts[spans_get(w->spans, i)->type]++;
}

static size_t
window_size(const struct engine *e)
{
	return e->cfg.window != 0 ? e->cfg.window : WINDOW_DEFAULT;
}

static int value_windows(struct engine_worker *w, struct record *rec,
    size_t fi, struct buf *spans);

static int
run_field(struct engine_worker *w, struct record *rec, size_t fi,
    struct buf *spans)
{
	struct field *f = &rec->fields[fi];
	enum phi_type type = PHI_OTHER_ID;
	enum policy_role role;
	int r;

	role = policy_column(w->e->cfg.policy, f->name, &type);
	if (role == POLICY_COL_DROP) {
		f->drop = 1;
		return 0;
	}
	/*
	 * Values that are not text (JSON numbers) change only as columns:
	 * the policy's, or an identifier column by its name ("ssn": 123).
	 */
	if (role == POLICY_COL_KEEP)
		return 0;
	if (!f->scan && role != POLICY_COL_TYPED) {
		if (fi >= w->rset.nfield ||
		    w->rset.field_type[fi] >= PHI_NTYPES)
			return 0;
		type = (enum phi_type)w->rset.field_type[fi];
		role = POLICY_COL_TYPED;
	}

	if (role != POLICY_COL_TYPED && f->len > window_size(w->e))
		return value_windows(w, rec, fi, spans);

	r = text_set(w->text, f->value, f->len);
	if (r == ERR_UTF8)
		return fail(w, f, "invalid UTF-8 or NUL byte", r);
	if (r != 0)
		return fail(w, f, err_str(r), r);

	spans_clear(w->spans);
	r = role == POLICY_COL_TYPED ? whole_value(w, type, fi) :
	    detect(w, rec, f, fi);
	if (r != 0)
		return fail(w, f, "cannot be scanned", r);
	count(w);

	if (spans != NULL && (r = render_spans(w, rec, f, spans)) != 0)
		return fail(w, f, r == ERR_UTF8 ? "record id or field name is "
		    "not valid UTF-8" : err_str(r), r);
	if (w->e->cfg.transform != NULL && (r = rewrite(w, rec, fi)) != 0)
		return fail(w, f, r == ERR_USAGE ? "no key to pseudonymise" :
		    err_str(r), r);
	return 0;
}

/* FNV-1a: keys are short, and the cache only needs a spread. */
static uint32_t
key_hash(const char *p, size_t len)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)p[i];
		h *= 16777619u;
	}
	return h;
}

static int
cache_has(const struct key_cache *c, const char *p, size_t len, uint32_t h)
{
	const struct key_slot *s;
	size_t i;

	for (i = h % KEYS_SLOTS;; i = (i + 1) % KEYS_SLOTS) {
		s = &c->slot[i];
		if (s->len == 0)
			return 0;
		if (s->hash == h && s->len == len &&
		    memcmp(c->pool + s->off, p, len) == 0)
			return 1;
	}
}

static void
cache_clear(struct key_cache *c)
{
	memset(c->slot, 0, sizeof(c->slot));
	explicit_bzero(c->pool, c->used);
	c->n = 0;
	c->used = 0;
}

/* Remember a clean key (len > 0, not yet held); longer ones are not. */
static void
cache_add(struct key_cache *c, const char *p, size_t len, uint32_t h)
{
	size_t i;

	if (len > KEYS_MAX_LEN)
		return;
	if (c->n >= KEYS_MAX || c->used + len > KEYS_POOL)
		cache_clear(c);
	for (i = h % KEYS_SLOTS; c->slot[i].len != 0; i = (i + 1) % KEYS_SLOTS)
		;
	memcpy(c->pool + c->used, p, len);
	c->slot[i].hash = h;
	c->slot[i].off = (uint32_t)c->used;
	c->slot[i].len = (uint32_t)len;
	c->used += len;
	c->n++;
}

/*
 * Whether the policy names the key: a column's name, or one step of a
 * column's path ("meta" and "author" of "meta.author", "notes" of
 * "notes[0]").  What the policy's author wrote is trusted.
 */
static int
key_named(const struct policy *pol, const char *p, size_t len)
{
	const char *name, *end;
	size_t i, n = policy_column_count(pol);

	for (i = 0; i < n; i++) {
		name = policy_column_name(pol, i);
		if (strlen(name) == len && memcmp(name, p, len) == 0)
			return 1;
		for (; *name != '\0'; name = *end != '\0' ? end + 1 : end) {
			end = name + strcspn(name, ".");
			if (strcspn(name, ".[") == len &&
			    memcmp(name, p, len) == 0)
				return 1;
		}
	}
	return 0;
}

/*
 * Run the recognizers over a key (not the record's known identifiers,
 * so the verdict can be cached).  Returns 1 when the key holds an
 * identifier other than a kept type, 0 when not, or a negative ERR_*.
 */
static int
key_scan(struct engine_worker *w, const struct record *rec, const char *p,
    size_t len)
{
	static char key_name[] = "key";
	static const struct field kf = { .name = key_name, .scan = 1 };
	const struct span *sp;
	size_t i;
	int r;

	r = text_set(w->text, p, len);
	if (r != 0)
		return r;
	spans_clear(w->spans);
	r = detect(w, rec, &kf, SIZE_MAX);
	if (r != 0)
		return r;
	for (i = 0; i < spans_count(w->spans); i++) {
		sp = spans_get(w->spans, i);
		if (((sp->members | 1u << sp->type) & ~KEY_KEPT_TYPES) != 0)
			return 1;
	}
	return 0;
}

/* Whether the writer leaves key k out: its member is a dropped field. */
static int
key_dropped(const struct engine_worker *w, const struct record *rec,
    const struct record_key *k)
{
	if (k->field >= rec->nfields)
		return 0;
	return policy_column(w->e->cfg.policy, rec->fields[k->field].name,
	    NULL) == POLICY_COL_DROP;
}

/*
 * Object keys are written as they are, so a record with a key that
 * looks like an identifier is rejected, unless the policy names the
 * key or drops its member.  The message gives the key's number only.
 */
static int
check_keys(struct engine_worker *w, const struct record *rec)
{
	const struct record_key *k;
	uint32_t h;
	size_t i;
	int r;

	for (i = 0; i < rec->nkeys; i++) {
		k = &rec->keys[i];
		if (k->len == 0 || key_dropped(w, rec, k))
			continue;
		h = key_hash(k->p, k->len);
		if (cache_has(w->keys, k->p, k->len, h))
			continue;
		r = key_named(w->e->cfg.policy, k->p, k->len) ? 0 :
		    key_scan(w, rec, k->p, k->len);
		if (r < 0) {
			(void)snprintf(w->error, sizeof(w->error),
			    "key %zu cannot be scanned: %s", i + 1,
			    err_str(r));
			return r;
		}
		if (r > 0) {
			(void)snprintf(w->error, sizeof(w->error),
			    "key %zu looks like an identifier", i + 1);
			return ERR_PARSE;
		}
		cache_add(w->keys, k->p, k->len, h);
	}
	return 0;
}

/*
 * The identifiers to look for in rec: its own structured fields and
 * what the table knows of its patient.
 */
static int
prepare_known(struct engine_worker *w, const struct record *rec)
{
	const struct patients_set *p;
	int r;

	known_clear(w->known);
	r = patients_collect(&w->rset, w->e->cfg.policy, rec);
	if (r == 0)
		r = known_add_set(w->known, &w->rset);
	p = rec->patient_id != NULL && *rec->patient_id != '\0' ?
	    patients_find(w->e->cfg.patients, rec->patient_id) : NULL;
	if (r == 0 && p != NULL)
		r = known_add_set(w->known, p);
	if (r == 0)
		r = known_seal(w->known);
	return r;
}

int
engine_run(struct engine_worker *w, struct record *rec, struct buf *spans)
{
	size_t i, mark = spans ? spans->len : 0;
	int r;

	w->error[0] = '\0';
	r = check_keys(w, rec);
	if (r != 0)
		return r;
	r = prepare_known(w, rec);
	if (r != 0) {
		(void)snprintf(w->error, sizeof(w->error),
		    "known identifiers: %s", err_str(r));
		return r;
	}
	for (i = 0; i < rec->nfields; i++) {
		r = run_field(w, rec, i, spans);
		if (r != 0) {
			/* A rejected record leaves no spans behind either. */
			if (spans != NULL && spans->len > mark) {
				explicit_bzero(spans->data + mark,
				    spans->len - mark);
				spans->len = mark;
				spans->data[mark] = '\0';
			}
			return r;
		}
	}
	return 0;
}

/*
 * Count the window's spans and append their objects, comma-separated,
 * to io->spans when there is one.
 */
static int
window_spans(struct engine_worker *w, struct engine_window_io *io,
    size_t end)
{
	const char *orig;
	struct text_range rg;
	unsigned long long from_cp, a, b;
	size_t olen, i;
	int r = 0;

	orig = text_original(w->text, &olen);
	from_cp = io->cp_base + window_cp_count(orig, io->from);
	for (i = 0; r == 0 && i < spans_count(w->spans); i++) {
		const struct span *sp = spans_get(w->spans, i);

		text_map(w->text, sp->start, sp->end, &rg);
		if (!in_window(&rg, io->from, end, 1) ||
		    !in_window(&rg, io->from, io->cut, io->final))
			continue;
		w->counts[sp->type]++;
		if (io->spans == NULL)
			continue;
		a = io->cp_base + rg.cp_start;
		b = io->cp_base + rg.cp_end;
		r = span_object(io->spans, io->nspans++ > 0,
		    a < from_cp ? from_cp : a, b, sp);
	}
	return r;
}

/*
 * Where a window that is not the last is written up to when nothing is
 * rewritten (detect): past the end of its last span that starts before
 * the cut, as rewrite_range reckons, so that the next window neither
 * reports that span again nor clips it.
 */
static size_t
spans_end(const struct engine_worker *w, size_t from, size_t cut)
{
	struct text_range rg;
	size_t i, end = cut;

	for (i = 0; i < spans_count(w->spans); i++) {
		text_map(w->text, spans_get(w->spans, i)->start,
		    spans_get(w->spans, i)->end, &rg);
		if (in_window(&rg, from, cut, 0) && rg.byte_end > end)
			end = rg.byte_end;
	}
	return end;
}

/*
 * The first window of a text keeps the start of its view; every later
 * one is scanned with it (recog_ctx.head), as the whole text would be.
 */
static void
keep_head(struct engine_worker *w, const struct engine_window_io *io)
{
	const char *v;
	size_t len;

	if (io->from > 0 || io->cp_base > 0) {
		w->use_head = 1;
		return;
	}
	v = text_view(w->text, &len);
	w->head_len = len < sizeof(w->head) ? len : sizeof(w->head);
	memcpy(w->head, v, w->head_len);
	w->use_head = 0;
}

/*
 * One window of field f of rec (fi SIZE_MAX: a text document, with no
 * known identifiers): scan it, rewrite its part into io->out, count its
 * spans and write their objects.
 */
static int
window_run(struct engine_worker *w, const struct record *rec,
    const struct field *f, size_t fi, struct engine_window_io *io)
{
	int r;

	r = text_set(w->text, io->text, io->len);
	if (r != 0)
		return fail(w, f, r == ERR_UTF8 ?
		    "invalid UTF-8 or NUL byte" : err_str(r), r);

	keep_head(w, io);
	spans_clear(w->spans);
	r = detect(w, rec, f, fi);
	w->use_head = 0;
	if (r != 0)
		return fail(w, f, "cannot be scanned", r);

	io->end = io->final ? io->len : io->cut;
	if (w->e->cfg.transform == NULL && !io->final)
		io->end = spans_end(w, io->from, io->cut);
	if (w->e->cfg.transform != NULL) {
		r = rewrite_range(w, io->from, &io->end, io->final);
		if (r != 0)
			return fail(w, f, r == ERR_USAGE ?
			    "no key to pseudonymise" : err_str(r), r);
		r = buf_append(io->out, w->out.data ? w->out.data : "",
		    w->out.len);
	}
	if (r == 0)
		r = window_spans(w, io, io->end);
	if (r != 0)
		return fail(w, f, err_str(r), r);
	/*
	 * A span written up to the end of the text scanned may go on past
	 * it: its tail would be left in clear by the next window.
	 */
	if (!io->final && io->end >= io->len)
		return fail(w, f, "an identifier runs on past a window's "
		    "look-ahead (over 4 MiB without white space; a larger "
		    "--window may help)", ERR_TOOBIG);
	return 0;
}

int
engine_window(struct engine_worker *w, struct engine_window_io *io)
{
	static char text_name[] = "text", no_id[] = "";
	static const struct field field = { .name = text_name, .scan = 1 };
	static const struct record rec = { .id = no_id, .nfields = 0 };

	w->error[0] = '\0';
	return window_run(w, &rec, &field, SIZE_MAX, io);
}

/* Field fi's output is out's contents, moved rather than copied. */
static int
take_output(struct record *rec, size_t fi, struct buf *out)
{
	size_t len;
	char *p;

	if (out->data == NULL)
		return record_set_output(rec, fi, "", 0);
	p = buf_take(out, &len);
	return record_take_output(rec, fi, p, len);
}

/*
 * Plan the window of v[0..n) that starts at start (context included)
 * and writes from from on: where it is cut, how far it reads on, and
 * whether it is the last.
 */
static void
value_plan(const char *v, size_t n, size_t start, size_t from,
    size_t window, struct engine_window_io *io)
{
	size_t cut, end;
	int final = 1;

	cut = n;
	end = n;
	if (n - from > window) {
		cut = window_cut(v, from, from + window);
		end = window_ahead(v, n, cut, &final);
		if (final)
			cut = n;
	}
	io->text = v + start;
	io->len = end - start;
	io->from = from - start;
	io->cut = cut - start;
	io->final = final;
}

/*
 * A free-text value longer than a window, scanned window by window as a
 * text document is (window.h), so that the memory the scan takes
 * follows the window, not the value.  The record's known identifiers
 * apply in every window.
 */
static int
value_windows(struct engine_worker *w, struct record *rec, size_t fi,
    struct buf *spans)
{
	struct field *f = &rec->fields[fi];
	struct engine_window_io io;
	struct buf out;
	size_t start = 0, from = 0, next;
	int r;

	memset(&io, 0, sizeof(io));
	buf_init(&out, w->e->cfg.max_value);
	/* about the value's size: grown in one step, not by doubling */
	r = w->e->cfg.transform != NULL ?
	    buf_reserve(&out, f->len + f->len / 8) : 0;
	if (r != 0)
		return fail(w, f, err_str(r), r);
	io.out = &out;
	io.spans = spans;
	r = spans != NULL ? spans_head(rec, f, spans) : 0;
	if (r != 0)
		return fail(w, f, r == ERR_UTF8 ? "record id or field name is "
		    "not valid UTF-8" : err_str(r), r);

	for (;;) {
		value_plan(f->value, f->len, start, from, window_size(w->e),
		    &io);
		r = window_run(w, rec, f, fi, &io);
		if (r != 0 || io.final)
			break;
		from = start + io.end;
		next = window_keep(f->value, from);
		io.cp_base += window_cp_count(f->value + start, next - start);
		start = next;
	}
	if (r == 0 && spans != NULL)
		r = buf_puts(spans, "]}\n");
	if (r == 0 && w->e->cfg.transform != NULL)
		r = take_output(rec, fi, &out);
	if (r != 0 && w->error[0] == '\0')
		r = fail(w, f, err_str(r), r);
	buf_release(&out);
	return r;
}
