/*
 * known.c - a record's and a patient's own identifiers, found in text.
 *
 * Each value becomes one or more needles: a sequence of words (with
 * what may stand between two of them), a run of letters and digits, or
 * a literal.  Needles are bucketed by their first character, so a token
 * of the text is tried only against the needles that can start there.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "err.h"
#include "known.h"
#include "recognizer.h"

#define KNOWN_MIN_ALNUM	5	/* shortest number looked for */
#define KNOWN_MAX_FORMAL 4	/* formal names of a nickname */
#define KNOWN_NBUCKETS	37	/* a-z, 0-9, other */

enum word_kind {
	W_LIT,		/* the word itself */
	W_FIRST,	/* a given name: itself or a nickname of it */
	W_INITIAL,	/* its first letter alone, capitalised */
	W_ANYINIT	/* any capital letter alone (an unknown middle) */
};

enum word_sep {
	SEP_NONE,	/* the first word */
	SEP_NAME,	/* 1-3 of space . - ' (one line break more), not
			   across the end of a sentence: between the
			   parts of a name */
	SEP_INNER,	/* as SEP_NAME, sentence ends allowed: inside one
			   part ("St. John") or a phrase */
	SEP_COMMA,	/* a comma, with spaces or a period (or a line
			   break) */
	SEP_LOOSE	/* 1-4 characters that are not letters or digits */
};

enum needle_kind {
	N_WORDS,
	N_ALNUM,
	N_LIT
};

/* Needle flags. */
#define F_CAP		1u	/* capitalised, not starting a sentence */
#define F_TITLED	2u	/* right after a title (Mr., Dr.) */
#define F_COUNTY	4u	/* take a following "County" in */
#define F_PAREN		8u	/* take a '(' just before in */
#define F_ADDR		16u	/* street abbreviations are equal */
#define F_NOLOWER	32u	/* no word in lower case */
#define F_SHAPE		64u	/* capitalised (not all caps), anywhere */
#define F_ALONE		128u	/* a name part alone: not an eponym */
#define F_CANON		256u	/* only for known_canon, never scanned */
#define F_SURNAME	512u	/* the surname alone: take initials before
				   it in ("J. R. Quill") */
#define F_TAILINIT	1024u	/* ends with the surname's initial: an "A"
				   or "I" needs its dot ("Ada Q.") */

struct kword {
	size_t off, len;	/* lower-case bytes in the arena */
	enum word_kind kind;
	enum word_sep sep;	/* what stands before it */
};

struct needle {
	enum needle_kind kind;
	size_t w0, nw;		/* N_WORDS: words[w0 .. w0 + nw) */
	size_t off, len;	/* N_ALNUM, N_LIT: arena bytes */
	enum phi_type type;
	unsigned flags;
	const char *canon;
	size_t canon_len;
	const char *rname;
};

struct known {
	const struct lexicon *lx;
	struct buf arena;
	struct kword *words;
	size_t nwords, capwords;
	struct needle *v;
	size_t n, cap;
	size_t *order;		/* needle indices by bucket */
	size_t bstart[KNOWN_NBUCKETS + 1];
	size_t *nick;		/* needles that start with a given name */
	size_t nnick;
	struct text *text;	/* scratch for tokenising values */
	struct tokens *tokens;
};

/* Words that, alone, name a person only after a title. */
static const char *const calendar[] = { "january", "february", "march",
	"april", "may", "june", "july", "august", "september", "october",
	"november", "december", "monday", "tuesday", "wednesday",
	"thursday", "friday", "saturday", "sunday" };

static const char *const title_words[] = { "mr", "mrs", "ms", "miss",
	"mx", "dr", "prof" };

/*
 * Headings whose colon opens a sentence ("Plan: Hope to go home").
 * After any other label ("Patient: Hope", "Contact: Hope") the word
 * may well be the name, so there it is not a sentence start.
 */
static const char *const headings[] = { "plan", "comment", "comments",
	"note", "notes", "assessment", "impression", "hpi", "history",
	"subjective", "objective", "summary", "findings", "course",
	"complaint", "reason", "diagnosis", "diagnoses", "dx", "hx",
	"recommendations", "disposition", "instructions", "update",
	"events", "interval", "indication", "results", "s", "o", "a", "p",
	"exam", "examination", "systems", "ros", "general", "skin",
	"appearance", "color", "colour", "mood", "affect", "eyes", "heent",
	"neuro", "psych", "extremities", "lungs", "heart", "abdomen",
	"status", "condition", "progress", "response", "education",
	"goals", "problems" };

/* Street words and their usual abbreviation. */
static const char *const street_abbr[][2] = {
	{ "street", "st" }, { "avenue", "ave" }, { "road", "rd" },
	{ "drive", "dr" }, { "lane", "ln" }, { "boulevard", "blvd" },
	{ "court", "ct" }, { "place", "pl" }, { "terrace", "ter" },
	{ "circle", "cir" }, { "parkway", "pkwy" }, { "highway", "hwy" },
	{ "apartment", "apt" }, { "suite", "ste" }, { "square", "sq" },
	{ "trail", "trl" }, { "north", "n" }, { "south", "s" },
	{ "east", "e" }, { "west", "w" }, { "avenue", "av" },
};

static const char *const month_names[] = { "January", "February",
	"March", "April", "May", "June", "July", "August", "September",
	"October", "November", "December" };

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
is_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static int
word_eq(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i;

	if (an != bn)
		return 0;
	for (i = 0; i < an; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return 1;
}

static int
in_list(const char *w, size_t n, const char *const *list, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (word_eq(w, n, list[i], strlen(list[i])))
			return 1;
	return 0;
}

struct known *
known_new(const struct lexicon *lx)
{
	struct known *k;

	k = calloc(1, sizeof(*k));
	if (k == NULL)
		return NULL;
	k->lx = lx;
	buf_init(&k->arena, (size_t)1 << 30);
	k->text = text_new();
	k->tokens = tokens_new();
	if (k->text == NULL || k->tokens == NULL) {
		known_free(k);
		return NULL;
	}
	return k;
}

void
known_clear(struct known *k)
{
	if (k->arena.data != NULL)
		explicit_bzero(k->arena.data, k->arena.len);
	buf_reset(&k->arena);
	k->nwords = 0;
	k->n = 0;
	k->nnick = 0;
	memset(k->bstart, 0, sizeof(k->bstart));
}

void
known_free(struct known *k)
{
	if (k == NULL)
		return;
	known_clear(k);
	buf_release(&k->arena);
	free(k->words);
	free(k->v);
	free(k->order);
	free(k->nick);
	text_free(k->text);
	tokens_free(k->tokens);
	free(k);
}

size_t
known_count(const struct known *k)
{
	return k->n;
}

/* Append n bytes, lower-cased, to the arena; *off gets where. */
static int
put_lower(struct known *k, const char *s, size_t n, size_t *off)
{
	size_t i;
	int r = 0;

	*off = k->arena.len;
	for (i = 0; r == 0 && i < n; i++) {
		char c = (char)lower((unsigned char)s[i]);

		r = buf_append(&k->arena, &c, 1);
	}
	return r;
}

static struct needle *
new_needle(struct known *k, enum needle_kind kind, enum phi_type type,
    const char *rname)
{
	struct needle *nd;

	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 32;

		nd = realloc(k->v, cap * sizeof(*nd));
		if (nd == NULL)
			return NULL;
		k->v = nd;
		k->cap = cap;
	}
	nd = &k->v[k->n++];
	memset(nd, 0, sizeof(*nd));
	nd->kind = kind;
	nd->type = type;
	nd->rname = rname;
	nd->w0 = k->nwords;
	return nd;
}

static int
add_word(struct known *k, const char *s, size_t n, enum word_kind kind,
    enum word_sep sep)
{
	struct kword *w;

	if (k->nwords == k->capwords) {
		size_t cap = k->capwords ? k->capwords * 2 : 64;

		w = realloc(k->words, cap * sizeof(*w));
		if (w == NULL)
			return ERR_NOMEM;
		k->words = w;
		k->capwords = cap;
	}
	w = &k->words[k->nwords];
	w->kind = kind;
	w->sep = sep;
	w->len = kind == W_INITIAL || kind == W_ANYINIT ? 1 : n;
	if (put_lower(k, s, w->len, &w->off) != 0)
		return ERR_NOMEM;
	k->nwords++;
	return 0;
}

/*
 * The words of a value, as the text's tokens would be: views of the
 * value's folded view, held by k->text until the next call.
 */
struct vwords {
	const char *s[16];
	size_t n[16];
	size_t count;
};

static int
value_words(struct known *k, const char *v, size_t len, struct vwords *out)
{
	const char *view;
	size_t i;
	int r;

	out->count = 0;
	r = text_set(k->text, v, len);
	if (r == 0)
		r = tokens_build(k->tokens, k->text);
	if (r != 0)
		return r;
	view = text_view(k->text, NULL);
	for (i = 0; i < tokens_count(k->tokens) && i < 16; i++) {
		const struct token *t = tokens_get(k->tokens, i);

		out->s[i] = view + t->start;
		out->n[i] = t->end - t->start;
	}
	out->count = i;
	return 0;
}

/* A name part's words, copied (value_words' views do not last). */
struct part {
	char buf[PATIENTS_MAX_VALUE + 16];
	const char *s[16];
	size_t n[16];
	size_t count;
};

static int
load_part(struct known *k, const char *v, struct part *p)
{
	struct vwords vw;
	size_t i, used = 0;
	int r;

	p->count = 0;
	if (v == NULL || *v == '\0')
		return 0;
	r = value_words(k, v, strlen(v), &vw);
	if (r == ERR_UTF8)
		return 0;
	if (r != 0)
		return r;
	for (i = 0; i < vw.count; i++) {
		if (used + vw.n[i] > sizeof(p->buf))
			break;
		memcpy(p->buf + used, vw.s[i], vw.n[i]);
		p->s[i] = p->buf + used;
		p->n[i] = vw.n[i];
		used += vw.n[i];
	}
	p->count = i;
	return 0;
}

/* One piece of a name pattern: a part's words, or its initial. */
struct piece {
	const struct part *p;
	enum word_kind kind;	/* W_LIT, W_FIRST or W_INITIAL */
	enum word_sep sep;	/* before it */
};

/* Add a name needle made of pieces; parts with no words make none. */
static int
add_name_needle(struct known *k, const struct piece *pc, size_t npc,
    const struct patients_name *nm, unsigned flags)
{
	struct needle *nd;
	size_t i, j, start = k->nwords;
	int r = 0;

	for (i = 0; i < npc; i++)
		if (pc[i].p->count == 0)
			return 0;
	nd = new_needle(k, N_WORDS, PHI_NAME, "known.name");
	if (nd == NULL)
		return ERR_NOMEM;
	for (i = 0; r == 0 && i < npc; i++) {
		size_t nw = pc[i].kind == W_INITIAL ||
		    pc[i].kind == W_ANYINIT ? 1 : pc[i].p->count;

		for (j = 0; r == 0 && j < nw; j++)
			r = add_word(k, pc[i].p->s[j], pc[i].p->n[j],
			    pc[i].kind == W_FIRST && pc[i].p->count > 1 ?
			    W_LIT : pc[i].kind,
			    j > 0 ? SEP_INNER : pc[i].sep);
	}
	if (r != 0)
		return r;
	nd = &k->v[k->n - 1];
	nd->w0 = start;
	nd->nw = k->nwords - start;
	nd->flags = flags;
	nd->canon = nm->canon;
	nd->canon_len = nm->canon_len;
	return 0;
}

/*
 * Flags for a name part alone, by what the lexicons say of it.  A
 * month or weekday is capitalised anywhere, so it needs a title; so
 * does a surname that is a medical word ("Foley", "Parkinson").  A
 * given name that is a medical word but no lower-case word ("Ada",
 * "Allegra") is a name wherever it is capitalised: the clinical sense
 * is written in capitals ("ADA diet") or as an eponym, which F_ALONE
 * turns away.
 */
static unsigned
alone_flags(const struct known *k, const struct part *p, int given)
{
	struct lex_info info;

	if (p->count != 1)
		return F_ALONE;
	if (in_list(p->s[0], p->n[0], calendar,
	    sizeof(calendar) / sizeof(calendar[0])))
		return F_ALONE | F_TITLED;
	if (k->lx == NULL || !lexicon_find(k->lx, p->s[0], p->n[0], &info))
		return F_ALONE;
	if ((info.classes & LEX_MEDICAL) && !given)
		return F_ALONE | F_TITLED;
	/*
	 * Only a lower-case dictionary word needs the capital: a word the
	 * dictionary knows only capitalised ("Zenobia") is itself a name,
	 * and lower-case notes spell it in lower case.
	 */
	if (info.classes & LEX_WORD)
		return F_ALONE | F_CAP;
	if (info.classes & LEX_MEDICAL)
		return F_ALONE | F_SHAPE;
	return F_ALONE;
}

/*
 * "First [M.|Middle] Last", "Last, First [M.|Middle]" and, with no word
 * in lower case, "LAST FIRST [M.|MIDDLE]" as registration lists write
 * it.
 */
static int
full_variants(struct known *k, const struct patients_name *nm,
    const struct part *f, const struct part *m, const struct part *l)
{
	const struct piece v[][4] = {
		{ { f, W_FIRST, SEP_NONE }, { l, W_LIT, SEP_NAME } },
		{ { f, W_FIRST, SEP_NONE }, { m, W_LIT, SEP_NAME },
		    { l, W_LIT, SEP_NAME } },
		{ { f, W_FIRST, SEP_NONE }, { m, W_INITIAL, SEP_NAME },
		    { l, W_LIT, SEP_NAME } },
		{ { l, W_LIT, SEP_NONE }, { f, W_FIRST, SEP_COMMA } },
		{ { l, W_LIT, SEP_NONE }, { f, W_FIRST, SEP_COMMA },
		    { m, W_LIT, SEP_NAME } },
		{ { l, W_LIT, SEP_NONE }, { f, W_FIRST, SEP_COMMA },
		    { m, W_INITIAL, SEP_NAME } },
		{ { l, W_LIT, SEP_NONE }, { f, W_FIRST, SEP_NAME } },
		{ { l, W_LIT, SEP_NONE }, { f, W_FIRST, SEP_NAME },
		    { m, W_LIT, SEP_NAME } },
		{ { l, W_LIT, SEP_NONE }, { f, W_FIRST, SEP_NAME },
		    { m, W_INITIAL, SEP_NAME } },
	};
	/* Any middle initial: the records may not give the middle name. */
	const struct piece any[][3] = {
		{ { f, W_FIRST, SEP_NONE }, { f, W_ANYINIT, SEP_NAME },
		    { l, W_LIT, SEP_NAME } },
		{ { l, W_LIT, SEP_NONE }, { f, W_FIRST, SEP_COMMA },
		    { f, W_ANYINIT, SEP_NAME } },
		{ { l, W_LIT, SEP_NONE }, { f, W_FIRST, SEP_NAME },
		    { f, W_ANYINIT, SEP_NAME } },
	};
	static const size_t nv[] = { 2, 3, 3, 2, 3, 3, 2, 3, 3 };
	size_t i;
	int r = 0;

	for (i = 0; r == 0 && i < sizeof(nv) / sizeof(nv[0]); i++)
		r = add_name_needle(k, v[i], nv[i], nm, i >= 6 ? F_NOLOWER :
		    0);
	for (i = 0; r == 0 && i < 3; i++)
		r = add_name_needle(k, any[i], 3, nm, i == 2 ? F_NOLOWER : 0);
	return r;
}

/*
 * "F. Last", "F. M. Last", "Last, F.", "Last, F. M.", "First L." (the
 * surname's initial after the given name), and "Last F [M]"
 * for known_canon only: alone it is too often a word and an article
 * ("BROWN A FEW"), but a name another recognizer found takes the
 * patient's form.
 */
static int
initial_variants(struct known *k, const struct patients_name *nm,
    const struct part *f, const struct part *m, const struct part *l)
{
	const struct piece v[][3] = {
		{ { f, W_INITIAL, SEP_NONE }, { l, W_LIT, SEP_NAME } },
		{ { f, W_INITIAL, SEP_NONE }, { m, W_INITIAL, SEP_NAME },
		    { l, W_LIT, SEP_NAME } },
		{ { l, W_LIT, SEP_NONE }, { f, W_INITIAL, SEP_COMMA } },
		{ { l, W_LIT, SEP_NONE }, { f, W_INITIAL, SEP_COMMA },
		    { m, W_INITIAL, SEP_NAME } },
		{ { l, W_LIT, SEP_NONE }, { f, W_INITIAL, SEP_NAME } },
		{ { l, W_LIT, SEP_NONE }, { f, W_INITIAL, SEP_NAME },
		    { m, W_INITIAL, SEP_NAME } },
	};
	const struct piece tail[] = { { f, W_FIRST, SEP_NONE },
		{ l, W_INITIAL, SEP_NAME } };
	static const size_t nv[] = { 2, 3, 2, 3, 2, 3 };
	size_t i;
	int r = 0;

	for (i = 0; r == 0 && i < sizeof(nv) / sizeof(nv[0]); i++)
		r = add_name_needle(k, v[i], nv[i], nm, i >= 4 ? F_CANON : 0);
	if (r == 0)
		r = add_name_needle(k, tail, 2, nm, F_TAILINIT);
	return r;
}

/* The formal names of a nickname given name, as parts. */
static size_t
formal_parts(const struct known *k, const struct part *f, struct part *out,
    size_t max)
{
	const char *names[KNOWN_MAX_FORMAL];
	size_t lens[KNOWN_MAX_FORMAL], n, i, c = 0;

	if (k->lx == NULL || f->count != 1)
		return 0;
	n = lexicon_formal(k->lx, f->s[0], f->n[0], names, lens,
	    KNOWN_MAX_FORMAL);
	for (i = 0; i < n && c < max; i++) {
		if (lens[i] == 0 || lens[i] > sizeof(out[c].buf))
			continue;
		memcpy(out[c].buf, names[i], lens[i]);
		out[c].s[0] = out[c].buf;
		out[c].n[0] = lens[i];
		out[c].count = 1;
		c++;
	}
	return c;
}

static int
name_needles(struct known *k, const struct patients_name *nm)
{
	struct part f, m, l, formal[KNOWN_MAX_FORMAL];
	struct piece one;
	size_t nf, i;
	int r;

	if ((r = load_part(k, nm->first, &f)) != 0 ||
	    (r = load_part(k, nm->middle, &m)) != 0 ||
	    (r = load_part(k, nm->last, &l)) != 0)
		return r;
	r = full_variants(k, nm, &f, &m, &l);
	nf = formal_parts(k, &f, formal, KNOWN_MAX_FORMAL);
	for (i = 0; r == 0 && i < nf; i++)
		r = full_variants(k, nm, &formal[i], &m, &l);
	if (r == 0)
		r = initial_variants(k, nm, &f, &m, &l);

	one.sep = SEP_NONE;
	one.p = &l;
	one.kind = W_LIT;
	if (r == 0 && (l.count > 1 || (l.count == 1 && l.n[0] > 1)))
		r = add_name_needle(k, &one, 1, nm,
		    alone_flags(k, &l, 0) | F_SURNAME);
	one.p = &f;
	one.kind = W_FIRST;
	if (r == 0 && (f.count > 1 || (f.count == 1 && f.n[0] > 1)))
		r = add_name_needle(k, &one, 1, nm, alone_flags(k, &f, 1));
	return r;
}

static const char *
rname_of(enum phi_type type)
{
	switch (type) {
	case PHI_NAME: return "known.name";
	case PHI_DATE: return "known.date";
	case PHI_ADDRESS: return "known.address";
	case PHI_CITY: case PHI_COUNTY: return "known.place";
	case PHI_ZIP: return "known.zip";
	case PHI_PHONE: case PHI_FAX: return "known.phone";
	case PHI_EMAIL: return "known.email";
	default: return "known.id";
	}
}

/* A number: its letters and digits, lower case. */
static int
alnum_needle(struct known *k, const struct patients_id *id)
{
	struct needle *nd;
	size_t i, off = k->arena.len, n = 0;
	int r = 0;

	for (i = 0; r == 0 && i < id->len; i++) {
		char c = (char)lower((unsigned char)id->value[i]);

		if (!is_alnum((unsigned char)c))
			continue;
		if (id->type == PHI_ZIP && n == 5)
			break;
		r = buf_append(&k->arena, &c, 1);
		n++;
	}
	if (r != 0)
		return r;
	if ((id->type == PHI_PHONE || id->type == PHI_FAX) && n == 11 &&
	    k->arena.data[off] == '1') {
		off++;
		n--;
	}
	if (n < KNOWN_MIN_ALNUM)
		return 0;
	nd = new_needle(k, N_ALNUM, id->type, rname_of(id->type));
	if (nd == NULL)
		return ERR_NOMEM;
	nd->off = off;
	nd->len = n;
	if (id->type == PHI_PHONE || id->type == PHI_FAX)
		nd->flags = F_PAREN;
	return 0;
}

static int
lit_needle(struct known *k, enum phi_type type, const char *s)
{
	struct needle *nd;
	size_t off;

	if (put_lower(k, s, strlen(s), &off) != 0)
		return ERR_NOMEM;
	nd = new_needle(k, N_LIT, type, rname_of(type));
	if (nd == NULL)
		return ERR_NOMEM;
	nd->off = off;
	nd->len = strlen(s);
	return 0;
}

/* Parse y, m, d from "1980-03-04", "1980/3/4" or "03/04/1980". */
static int
parse_date(const char *s, int *y, int *m, int *d)
{
	long v[3];
	char *end;
	int i;

	for (i = 0; i < 3; i++) {
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		v[i] = strtol(s, &end, 10);
		s = end;
		if (i < 2 && *s != '-' && *s != '/' && *s != '.')
			return 0;
		if (i < 2)
			s++;
	}
	if (*s != '\0' && *s != ' ' && *s != 'T')
		return 0;
	*y = (int)(v[0] >= 1000 ? v[0] : v[2]);
	*m = (int)(v[0] >= 1000 ? v[1] : v[0]);
	*d = (int)(v[0] >= 1000 ? v[2] : v[1]);
	return *y >= 1000 && *y <= 9999 && *m >= 1 && *m <= 12 &&
	    *d >= 1 && *d <= 31;
}

static int
date_needles(struct known *k, const char *v)
{
	char b[16][40];
	const char *mn;
	int y, m, d, i, r = 0;

	if (!parse_date(v, &y, &m, &d))
		return 0;
	mn = month_names[m - 1];
	(void)snprintf(b[0], sizeof(b[0]), "%d/%d/%d", m, d, y);
	(void)snprintf(b[1], sizeof(b[1]), "%02d/%02d/%d", m, d, y);
	(void)snprintf(b[2], sizeof(b[2]), "%d/%d/%02d", m, d, y % 100);
	(void)snprintf(b[3], sizeof(b[3]), "%02d/%02d/%02d", m, d, y % 100);
	(void)snprintf(b[4], sizeof(b[4]), "%d-%d-%d", m, d, y);
	(void)snprintf(b[5], sizeof(b[5]), "%02d-%02d-%d", m, d, y);
	(void)snprintf(b[6], sizeof(b[6]), "%d-%02d-%02d", y, m, d);
	(void)snprintf(b[7], sizeof(b[7]), "%s %d, %d", mn, d, y);
	(void)snprintf(b[8], sizeof(b[8]), "%s %d %d", mn, d, y);
	(void)snprintf(b[9], sizeof(b[9]), "%.3s %d, %d", mn, d, y);
	(void)snprintf(b[10], sizeof(b[10]), "%.3s. %d, %d", mn, d, y);
	(void)snprintf(b[11], sizeof(b[11]), "%.3s %d %d", mn, d, y);
	(void)snprintf(b[12], sizeof(b[12]), "%d %s %d", d, mn, y);
	(void)snprintf(b[13], sizeof(b[13]), "%d %.3s %d", d, mn, y);
	(void)snprintf(b[14], sizeof(b[14]), "%d-%.3s-%d", d, mn, y);
	(void)snprintf(b[15], sizeof(b[15]), "%02d.%02d.%d", m, d, y);
	for (i = 0; r == 0 && i < 16; i++)
		r = lit_needle(k, PHI_DATE, b[i]);
	explicit_bzero(b, sizeof(b));
	return r;
}

static int
is_unit_word(const char *w, size_t n)
{
	static const char *const units[] = { "apt", "apartment", "unit",
		"suite", "ste", "fl", "floor", "rm", "room", "bldg" };

	return in_list(w, n, units, sizeof(units) / sizeof(units[0]));
}

/*
 * Words in order with loose separators: an address (and its street line
 * without the unit), a city, a county (without "County"), an email.
 */
static int
words_needles(struct known *k, const struct patients_id *id)
{
	struct vwords vw;
	struct needle *nd;
	size_t i, start, cut;
	int r, pass;

	r = value_words(k, id->value, id->len, &vw);
	if (r == ERR_UTF8)
		return 0;
	if (r != 0)
		return r;
	if (id->type == PHI_COUNTY && vw.count > 1 &&
	    word_eq(vw.s[vw.count - 1], vw.n[vw.count - 1], "county", 6))
		vw.count--;
	for (cut = 1; cut < vw.count; cut++)
		if (id->type == PHI_ADDRESS && is_unit_word(vw.s[cut],
		    vw.n[cut]))
			break;
	for (pass = 0; pass < 2 && vw.count > 0; pass++) {
		size_t nw = pass == 0 ? vw.count : cut;

		if (pass == 1 && cut >= vw.count)
			break;
		start = k->nwords;
		nd = new_needle(k, N_WORDS, id->type, rname_of(id->type));
		if (nd == NULL)
			return ERR_NOMEM;
		for (i = 0; r == 0 && i < nw; i++)
			r = add_word(k, vw.s[i], vw.n[i], W_LIT,
			    i > 0 ? SEP_LOOSE : SEP_NONE);
		if (r != 0)
			return r;
		nd = &k->v[k->n - 1];
		nd->w0 = start;
		nd->nw = nw;
		nd->flags = id->type == PHI_ADDRESS ? F_ADDR :
		    id->type == PHI_COUNTY ? F_COUNTY : 0;
		if ((id->type == PHI_CITY || id->type == PHI_COUNTY) &&
		    nw == 1 && k->lx != NULL) {
			struct lex_info info;

			if (lexicon_find(k->lx, vw.s[0], vw.n[0], &info) &&
			    (info.classes & (LEX_WORD | LEX_MEDICAL)))
				nd->flags |= F_CAP;
		}
	}
	return 0;
}

static int
id_needles(struct known *k, const struct patients_id *id)
{
	switch (id->type) {
	case PHI_NAME:
		return 0;
	case PHI_DATE: {
		int r = date_needles(k, id->value);

		return r != 0 ? r : words_needles(k, id);
	}
	case PHI_ADDRESS: case PHI_CITY: case PHI_COUNTY: case PHI_EMAIL:
	case PHI_STATE: case PHI_COUNTRY: case PHI_LOCATION:
	case PHI_ORGANIZATION: case PHI_URL: case PHI_IP:
		return words_needles(k, id);
	default:
		return alnum_needle(k, id);
	}
}

int
known_add_set(struct known *k, const struct patients_set *s)
{
	size_t i;
	int r = 0;

	for (i = 0; r == 0 && i < s->nnames; i++)
		r = name_needles(k, &s->names[i]);
	for (i = 0; r == 0 && i < s->nids; i++)
		r = id_needles(k, &s->ids[i]);
	return r;
}

int
known_add_phrase(struct known *k, enum phi_type type, const char *s,
    size_t n, const char *rname)
{
	struct vwords vw;
	struct needle *nd;
	size_t i, start = k->nwords;
	int r;

	r = value_words(k, s, n, &vw);
	if (r != 0)
		return r;
	if (vw.count == 0)
		return ERR_USAGE;
	nd = new_needle(k, N_WORDS, type, rname);
	if (nd == NULL)
		return ERR_NOMEM;
	for (i = 0; r == 0 && i < vw.count; i++)
		r = add_word(k, vw.s[i], vw.n[i], W_LIT,
		    i > 0 ? SEP_INNER : SEP_NONE);
	if (r != 0)
		return r;
	nd = &k->v[k->n - 1];
	nd->w0 = start;
	nd->nw = vw.count;
	return 0;
}

/* The bucket of a first byte. */
static size_t
bucket_of(int c)
{
	c = lower(c);
	if (c >= 'a' && c <= 'z')
		return (size_t)(c - 'a');
	if (c >= '0' && c <= '9')
		return 26 + (size_t)(c - '0');
	return 36;
}

static size_t
needle_bucket(const struct known *k, const struct needle *nd)
{
	const struct kword *w;

	if (nd->kind != N_WORDS)
		return bucket_of((unsigned char)k->arena.data[nd->off]);
	w = &k->words[nd->w0];
	return bucket_of((unsigned char)k->arena.data[w->off]);
}

/* Whether a needle starts with a given name (a nickname may start it). */
static int
starts_first(const struct known *k, const struct needle *nd)
{
	return nd->kind == N_WORDS && k->words[nd->w0].kind == W_FIRST;
}

int
known_seal(struct known *k)
{
	size_t i, b, fill[KNOWN_NBUCKETS];
	size_t *o;

	o = realloc(k->order, (k->n ? k->n : 1) * sizeof(*o));
	if (o == NULL)
		return ERR_NOMEM;
	k->order = o;
	o = realloc(k->nick, (k->n ? k->n : 1) * sizeof(*o));
	if (o == NULL)
		return ERR_NOMEM;
	k->nick = o;
	k->nnick = 0;
	for (i = 0; i < k->n; i++)
		if (starts_first(k, &k->v[i]))
			k->nick[k->nnick++] = i;
	memset(k->bstart, 0, sizeof(k->bstart));
	for (i = 0; i < k->n; i++)
		k->bstart[needle_bucket(k, &k->v[i]) + 1]++;
	for (b = 0; b < KNOWN_NBUCKETS; b++)
		k->bstart[b + 1] += k->bstart[b];
	memcpy(fill, k->bstart, sizeof(fill));
	for (i = 0; i < k->n; i++)
		k->order[fill[needle_bucket(k, &k->v[i])]++] = i;
	return 0;
}

/* What one scan looks at. */
struct scan {
	const struct known *k;
	const char *view;
	size_t vlen;
	const struct tokens *tk;
	size_t ntok;
	size_t nick_at;		/* token start the formal names are of */
	size_t nformal;
	const char *formal[KNOWN_MAX_FORMAL];
	size_t formal_len[KNOWN_MAX_FORMAL];
};

static const char *
street_short(const char *w, size_t n, size_t *len)
{
	size_t i;

	for (i = 0; i < sizeof(street_abbr) / sizeof(street_abbr[0]); i++)
		if (word_eq(w, n, street_abbr[i][0],
		    strlen(street_abbr[i][0]))) {
			*len = strlen(street_abbr[i][1]);
			return street_abbr[i][1];
		}
	*len = n;
	return w;
}

static int
addr_eq(const char *a, size_t an, const char *b, size_t bn)
{
	const char *sa, *sb;
	size_t la, lb;

	sa = street_short(a, an, &la);
	sb = street_short(b, bn, &lb);
	return word_eq(sa, la, sb, lb);
}

/*
 * Whether token t is a nickname of word.  The token's formal names are
 * looked up once per token.
 */
static int
nickname_of(struct scan *sc, const struct token *t, const char *word,
    size_t wn)
{
	size_t i;

	if (sc->k->lx == NULL)
		return 0;
	if (sc->nick_at != t->start) {
		sc->nick_at = t->start;
		sc->nformal = lexicon_formal(sc->k->lx, sc->view + t->start,
		    t->end - t->start, sc->formal, sc->formal_len,
		    KNOWN_MAX_FORMAL);
	}
	for (i = 0; i < sc->nformal; i++)
		if (word_eq(sc->formal[i], sc->formal_len[i], word, wn))
			return 1;
	return 0;
}

/*
 * Whether token t is a nickname of some formal name.  Any case: a
 * lower-case nickname still counts before the surname (word_at).
 */
static int
has_formal(struct scan *sc, const struct token *t)
{
	(void)nickname_of(sc, t, "", 0);
	return sc->nformal > 0;
}

/*
 * Where the word w matches token t: the end of the match (before a
 * possessive "'s" when last is set), or 0 when it does not match.
 */
static size_t
word_at(struct scan *sc, const struct kword *w, const struct token *t,
    int last, unsigned flags)
{
	const char *ws = sc->k->arena.data + w->off;
	const char *ts = sc->view + t->start;
	size_t tn = t->end - t->start;
	int capital = t->shape == SHAPE_CAP || t->shape == SHAPE_UPPER;

	if (w->kind == W_INITIAL)
		return tn == 1 && capital && lower((unsigned char)*ts) ==
		    *ws ? t->end : 0;
	if (w->kind == W_ANYINIT)
		return tn == 1 && capital ? t->end : 0;
	if (flags & F_ADDR ? addr_eq(ws, w->len, ts, tn) :
	    word_eq(ws, w->len, ts, tn))
		return t->end;
	if (last && tn == w->len + 2 && ts[w->len] == '\'' &&
	    lower((unsigned char)ts[w->len + 1]) == 's' &&
	    word_eq(ws, w->len, ts, w->len))
		return t->end - 2;
	/* before the surname, the surname is the evidence: any case */
	if (w->kind == W_FIRST && (capital || !last) &&
	    nickname_of(sc, t, ws, w->len))
		return t->end;
	return 0;
}

/*
 * Whether the bytes [a, b) may part two words of a value.  The words of
 * a name may sit on two lines ("William\nHartigan"): one line break,
 * with "\r" and blanks around it, is allowed besides the separators.
 */
static int
gap_ok(const struct scan *sc, size_t a, size_t b, enum word_sep sep)
{
	size_t n = b - a, i, commas = 0, lines = 0, blanks = 0;

	if (b <= a || n > (sep == SEP_LOOSE ? 4u : 8u))
		return 0;
	for (i = a; i < b; i++) {
		char c = sc->view[i];

		if (c == ',')
			commas++;
		else if (c == '\n')
			lines++;
		else if (c == '\r' || c == ' ' || c == '\t')
			blanks++;
		else if (sep != SEP_LOOSE && !strchr(".-'", c))
			return 0;
	}
	if (sep == SEP_LOOSE)
		return lines <= 1;
	if (lines > 1 || n - lines - (lines ? blanks : 0) > 3)
		return 0;
	return sep == SEP_COMMA ? commas == 1 : commas == 0;
}

static int
is_title(const struct scan *sc, size_t i)
{
	const struct token *t = tokens_get(sc->tk, i);

	return in_list(sc->view + t->start, t->end - t->start, title_words,
	    sizeof(title_words) / sizeof(title_words[0]));
}

/* Whether token i comes right after a title ("Dr. ", "Mrs "). */
static int
after_title(const struct scan *sc, size_t i)
{
	const struct token *p, *t;

	if (i == 0)
		return 0;
	p = tokens_get(sc->tk, i - 1);
	t = tokens_get(sc->tk, i);
	if (t->start - p->end > 2 && !(t->start - p->end <= 6 &&
	    memchr(sc->view + p->end, '\n', t->start - p->end) != NULL))
		return 0;
	return is_title(sc, i - 1);
}

/*
 * Whether view offset p may open a sentence: going back over blanks
 * and opening marks (brackets, quotes, "*", "-", a bullet) reaches the
 * start of the text, a line break or one of . ! ? :.  *c gets the
 * character reached ('\0' at the start).
 */
static int
opens_sentence(const struct scan *sc, size_t p, char *c)
{
	static const char bullet[] = "\xe2\x80\xa2";

	for (;;) {
		if (p >= 3 && memcmp(sc->view + p - 3, bullet, 3) == 0) {
			p -= 3;
			continue;
		}
		if (p == 0 || sc->view[p - 1] == '\0' ||
		    strchr(" \t([{\"'*-", sc->view[p - 1]) == NULL)
			break;
		p--;
	}
	if (p == 0) {
		*c = '\0';
		return 1;
	}
	*c = sc->view[p - 1];
	return *c != '\0' && strchr("\n\r!?.:", *c) != NULL;
}

/* Whether token i starts a sentence, a line or a heading's text. */
static int
sentence_start(const struct scan *sc, size_t i)
{
	const struct token *h;
	char c;

	if (!opens_sentence(sc, tokens_get(sc->tk, i)->start, &c))
		return 0;
	if (c == '.')
		return !after_title(sc, i);
	if (c != ':')
		return 1;
	if (i == 0)
		return 0;
	h = tokens_get(sc->tk, i - 1);
	return in_list(sc->view + h->start, h->end - h->start, headings,
	    sizeof(headings) / sizeof(headings[0]));
}

/*
 * Whether the gap before token i ends a sentence: a period after a
 * word of two letters or more, then a blank or line break, then a
 * capital ("seen by Will.  Hope remains"); not after an initial.
 */
static int
sentence_end(const struct scan *sc, size_t i)
{
	const struct token *p = tokens_get(sc->tk, i - 1);
	const struct token *t = tokens_get(sc->tk, i);
	size_t j, letters = 0;
	int dot = 0, blank = 0;

	for (j = p->end; j < t->start; j++) {
		if (sc->view[j] == '.')
			dot = 1;
		else if (dot && sc->view[j] != '\0' &&
		    strchr(" \t\r\n", sc->view[j]) != NULL)
			blank = 1;
	}
	if (!blank)
		return 0;
	for (j = p->start; j < p->end; j++)
		if ((sc->view[j] | 0x20) >= 'a' && (sc->view[j] | 0x20) <= 'z')
			letters++;
	return letters >= 2 && (t->shape == SHAPE_CAP ||
	    t->shape == SHAPE_UPPER || (sc->view[t->start] >= 'A' &&
	    sc->view[t->start] <= 'Z'));
}

/*
 * Whether the word after token i makes it an eponym ("Addison's
 * disease", "Bell palsy"), not a person.
 */
static int
eponym(const struct scan *sc, size_t i)
{
	static const char *const heads[] = { "disease", "syndrome",
		"sign", "test", "reflex", "maneuver", "criteria", "score",
		"scale", "classification", "procedure", "operation",
		"catheter", "palsy", "phenomenon", "diet", "law", "triad",
		"fracture", "ulcer", "node", "nodes", "tube", "stain" };
	const struct token *t;

	if (i + 1 >= sc->ntok)
		return 0;
	t = tokens_get(sc->tk, i + 1);
	if (t->start - tokens_get(sc->tk, i)->end > 2)
		return 0;
	return in_list(sc->view + t->start, t->end - t->start, heads,
	    sizeof(heads) / sizeof(heads[0]));
}

/* The context checks of a needle matched at token i (words only). */
static int
context_ok(const struct scan *sc, const struct needle *nd, size_t i)
{
	const struct token *t = tokens_get(sc->tk, i);
	int titled = after_title(sc, i);
	size_t j;

	if ((nd->flags & F_TITLED) && !titled)
		return 0;
	/* After a title any case will do ("mr. brown" in lower case). */
	if ((nd->flags & F_CAP) && !titled &&
	    (t->shape != SHAPE_CAP || sentence_start(sc, i)))
		return 0;
	if ((nd->flags & F_SHAPE) && !titled && t->shape != SHAPE_CAP)
		return 0;
	if ((nd->flags & F_ALONE) && !titled && eponym(sc, i + nd->nw - 1))
		return 0;
	for (j = 0; (nd->flags & F_NOLOWER) && j < nd->nw; j++)
		if (tokens_get(sc->tk, i + j)->shape == SHAPE_LOWER)
			return 0;
	if (nd->flags & F_TAILINIT) {
		t = tokens_get(sc->tk, i + nd->nw - 1);
		if (strchr("AI", sc->view[t->start]) != NULL &&
		    (t->end >= sc->vlen || sc->view[t->end] != '.'))
			return 0;
	}
	return 1;
}

static int
try_words(struct scan *sc, const struct needle *nd, size_t i, int lax,
    size_t *end)
{
	const struct kword *w = &sc->k->words[nd->w0];
	const struct token *t;
	size_t j, e = 0, county;
	int nick;

	if (i + nd->nw > sc->ntok)
		return 0;
	for (j = 0; j < nd->nw; j++) {
		t = tokens_get(sc->tk, i + j);
		if (j > 0 && (!gap_ok(sc, tokens_get(sc->tk, i + j - 1)->end,
		    t->start, w[j].sep) || (w[j].sep == SEP_NAME &&
		    sentence_end(sc, i + j))))
			return 0;
		e = word_at(sc, &w[j], t, j + 1 == nd->nw, nd->flags);
		if (e == 0)
			return 0;
	}
	/* A county name followed by "County" needs no other context. */
	county = 0;
	if ((nd->flags & F_COUNTY) && i + nd->nw < sc->ntok) {
		const struct token *c = tokens_get(sc->tk, i + nd->nw);

		if (word_eq(sc->view + c->start, c->end - c->start,
		    "county", 6) && c->start - e == 1)
			county = c->end;
	}
	/* A nickname alone is held to the common-word rule. */
	t = tokens_get(sc->tk, i);
	nick = nd->nw == 1 && w[0].kind == W_FIRST &&
	    !word_eq(sc->k->arena.data + w[0].off, w[0].len,
	    sc->view + t->start, e - t->start);
	if (!lax && county == 0 && (!context_ok(sc, nd, i) || (nick &&
	    (t->shape != SHAPE_CAP || (sentence_start(sc, i) &&
	    !after_title(sc, i))))))
		return 0;
	*end = county != 0 ? county : e;
	return 1;
}

/* Letters and digits of the needle from p, up to two separators apart. */
static int
try_alnum(const struct scan *sc, const struct needle *nd, size_t p,
    size_t *end)
{
	const char *want = sc->k->arena.data + nd->off;
	size_t k = 0, seps = 0;

	while (k < nd->len && p < sc->vlen) {
		unsigned char c = (unsigned char)sc->view[p];

		if (is_alnum(c)) {
			if (lower(c) != want[k])
				return 0;
			k++;
			seps = 0;
		} else if (k > 0 && seps < 2 && strchr(" -.()/", (char)c) &&
		    c != '\0') {
			seps++;
		} else {
			return 0;
		}
		p++;
	}
	if (k < nd->len || (p < sc->vlen &&
	    is_alnum((unsigned char)sc->view[p])))
		return 0;
	*end = p;
	return 1;
}

static int
try_lit(const struct scan *sc, const struct needle *nd, size_t p,
    size_t *end)
{
	if (p + nd->len > sc->vlen || !word_eq(sc->view + p, nd->len,
	    sc->k->arena.data + nd->off, nd->len))
		return 0;
	p += nd->len;
	if (p < sc->vlen && is_alnum((unsigned char)sc->view[p]))
		return 0;
	*end = p;
	return 1;
}

/*
 * How many initials token t is: one capital, its dot after it unless it
 * is a letter that is also a word ("A", "I"); or capitals joined by
 * dots, a dot after the last ("J.R" of "J.R."); else 0.
 */
static size_t
initial_tok(const struct scan *sc, const struct token *t)
{
	const char *v = sc->view + t->start;
	size_t n = t->end - t->start, k;
	int dot = t->end < sc->vlen && sc->view[t->end] == '.';

	if (n == 1)
		return t->shape == SHAPE_CAP && (dot ||
		    strchr("AI", v[0]) == NULL);
	if (!dot || n % 2 == 0)
		return 0;
	for (k = 0; k < n; k++)
		if (k % 2 == 0 ? !(v[k] >= 'A' && v[k] <= 'Z') : v[k] != '.')
			return 0;
	return n / 2 + 1;
}

/*
 * Where a surname matched at token i starts with the initials right
 * before it (up to three: "J. R. Quill", "J.R. Quill"): they are part
 * of the name.  One initial after a lower-case word of five letters or
 * more or a number is that word's ("vitamin D. Quill ...").
 */
static size_t
initials_before(const struct scan *sc, size_t i)
{
	const struct token *p, *t = tokens_get(sc->tk, i);
	size_t j = i, n = 0, k;

	while (j > 0 && n < 3) {
		p = tokens_get(sc->tk, j - 1);
		k = initial_tok(sc, p);
		if (k == 0 || !gap_ok(sc, p->end, t->start, SEP_NAME))
			break;
		t = p;
		j--;
		n += k;
	}
	if (n == 1 && j > 0) {
		p = tokens_get(sc->tk, j - 1);
		if (t->start - p->end <= 2 && (p->shape == SHAPE_DIGITS ||
		    (p->shape == SHAPE_LOWER && p->end - p->start >= 5)))
			return tokens_get(sc->tk, i)->start;
	}
	return t->start;
}

static int
try_needle(struct scan *sc, const struct needle *nd, size_t i,
    struct spans *out)
{
	size_t start = tokens_get(sc->tk, i)->start, end = 0;
	int hit;

	if (nd->flags & F_CANON)
		return 0;
	if (nd->kind == N_WORDS)
		hit = try_words(sc, nd, i, 0, &end);
	else if (nd->kind == N_ALNUM)
		hit = try_alnum(sc, nd, start, &end);
	else
		hit = try_lit(sc, nd, start, &end);
	if (!hit)
		return 0;
	if (nd->flags & F_SURNAME)
		start = initials_before(sc, i);
	if ((nd->flags & F_PAREN) && start > 0 && sc->view[start - 1] == '(')
		start--;
	return spans_add_canon(out, start, end, nd->type, 1.0f, nd->rname,
	    nd->canon, nd->canon_len);
}

static void
scan_init(struct scan *sc, const struct known *k, const struct text *t,
    const struct tokens *tk)
{
	sc->k = k;
	sc->view = text_view(t, &sc->vlen);
	sc->tk = tk;
	sc->ntok = tokens_count(tk);
	sc->nick_at = SIZE_MAX;
	sc->nformal = 0;
}

/* The first token starting at or after view offset at. */
static size_t
token_at(const struct tokens *tk, size_t n, size_t at)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (tokens_get(tk, mid)->start < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* What may follow a name inside its span: nothing, "." or "'s". */
static int
only_tail(const char *s, size_t n)
{
	return n == 0 || (n == 1 && s[0] == '.') || (n == 2 &&
	    s[0] == '\'' && lower((unsigned char)s[1]) == 's');
}

const char *
known_canon(const struct known *k, const struct text *t,
    const struct tokens *tk, size_t start, size_t end, size_t *len)
{
	struct scan sc;
	const struct needle *nd;
	size_t i, j, e, b, pass;

	if (k == NULL || k->n == 0)
		return NULL;
	scan_init(&sc, k, t, tk);
	i = token_at(tk, sc.ntok, start);
	if (i >= sc.ntok || tokens_get(tk, i)->start != start)
		return NULL;
	b = bucket_of((unsigned char)sc.view[start]);
	for (pass = 0; pass < 2; pass++) {
		size_t n = pass == 0 ? k->bstart[b + 1] - k->bstart[b] :
		    k->nnick;

		for (j = 0; j < n; j++) {
			nd = &k->v[pass == 0 ? k->order[k->bstart[b] + j] :
			    k->nick[j]];
			if (nd->kind != N_WORDS || nd->canon == NULL ||
			    !try_words(&sc, nd, i, 1, &e) || e > end ||
			    !only_tail(sc.view + e, end - e))
				continue;
			*len = nd->canon_len;
			return nd->canon;
		}
	}
	return NULL;
}

int
known_scan(const struct known *k, const struct text *t,
    const struct tokens *tk, struct spans *out)
{
	struct scan sc;
	size_t i, j, b;
	int r = 0;

	if (k == NULL || k->n == 0)
		return 0;
	scan_init(&sc, k, t, tk);
	for (i = 0; r == 0 && i < sc.ntok; i++) {
		const struct token *tok = tokens_get(tk, i);

		b = bucket_of((unsigned char)sc.view[tok->start]);
		for (j = k->bstart[b]; r == 0 && j < k->bstart[b + 1]; j++)
			r = try_needle(&sc, &k->v[k->order[j]], i, out);
		if (k->nnick == 0 || !has_formal(&sc, tok))
			continue;
		/* a nickname: given names under other first letters */
		for (j = 0; r == 0 && j < k->nnick; j++)
			if (needle_bucket(k, &k->v[k->nick[j]]) != b)
				r = try_needle(&sc, &k->v[k->nick[j]], i, out);
	}
	return r;
}

/* The recognizer: the record's known list comes in ctx->known. */
static int
known_init(void **state, char *errbuf, size_t errlen)
{
	(void)errbuf;
	(void)errlen;
	*state = NULL;
	return 0;
}

static void
known_fini(void *state)
{
	(void)state;
}

static int
known_family_scan(const void *state, const struct recog_ctx *ctx,
    struct spans *out)
{
	(void)state;
	return known_scan(ctx->known, ctx->text, ctx->tokens, out);
}

const struct recognizer_ops recognizer_known = {
	"known", known_init, known_fini, known_family_scan
};
