/*
 * lexicon.c - the generated word lists, linked in by lexdata.S, loaded
 * into one wordtab on first use.
 *
 * Every file is TSV without a header: one row a line, fields split by
 * tabs, keys lower-case.  Each key gets its class bits in the wordtab
 * and its numbers in a record array indexed like the wordtab's entries.
 * States and nicknames have small tables of their own for
 * lexicon_state and lexicon_formal.  The lexicon is built once under a
 * lock, counted, and freed by the last lexicon_close; in between it is
 * read-only and needs no lock.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "lexicon.h"
#include "wordtab.h"

/* The embedded files and their sizes in bytes (lexdata.S). */
extern const char lexdata_first[], lexdata_last[], lexdata_words[];
extern const char lexdata_medical[], lexdata_places[], lexdata_states[];
extern const char lexdata_countries[], lexdata_nicknames[];
extern const uint64_t lexdata_first_size, lexdata_last_size;
extern const uint64_t lexdata_words_size, lexdata_medical_size;
extern const uint64_t lexdata_places_size, lexdata_states_size;
extern const uint64_t lexdata_countries_size, lexdata_nicknames_size;

/* The most fields a row has. */
#define MAX_FIELDS	4

/* Lines read, and their keys prefetched, ahead of adding them. */
#define LINE_BATCH	16

/* The numbers of one key (the classes are in the wordtab). */
struct rec {
	uint32_t female;
	uint32_t male;
	uint32_t last_rank;
	uint32_t word_rank;
	uint32_t population;
	uint8_t place_words;
};

/* One nickname's formal name, in load order, before grouping. */
struct pair {
	uint32_t nick;		/* index in nicks */
	uint32_t off;		/* the formal name's offset in fpool */
	uint8_t len;
};

struct lexicon {
	struct wordtab *words;	/* every key */
	struct rec *recs;	/* per words index */
	size_t nrecs;		/* records allocated */

	struct wordtab *states;	/* state names and codes */
	char (*codes)[3];	/* per states index: "MA" */
	size_t ncodes;

	struct wordtab *nicks;	/* nicknames */
	struct pair *pairs;	/* grouped by nick after the load */
	size_t npairs;
	size_t pair_cap;
	uint32_t *first_pair;	/* per nicks index, plus one */
	char *fpool;		/* formal names, each followed by NUL */
	size_t fpool_len;
	size_t fpool_cap;
};

struct field {
	const char *p;
	size_t n;
	uint32_t hash;		/* wordtab_hash of the row's key (field 0) */
};

/* One file: its name, contents, field count and row handler. */
struct lexfile {
	const char *name;
	const char *data;
	const uint64_t *size;
	size_t nfields;
	int (*row)(struct lexicon *lx, const struct field *f);
};

static pthread_mutex_t lex_lock = PTHREAD_MUTEX_INITIALIZER;
static struct lexicon *lex_shared;
static unsigned long lex_refs;

/* A decimal number of 1 to 10 digits that fits 32 bits, or ERR_PARSE. */
static int
parse_u32(const struct field *f, uint32_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (f->n == 0 || f->n > 10)
		return ERR_PARSE;
	for (i = 0; i < f->n; i++) {
		if (f->p[i] < '0' || f->p[i] > '9')
			return ERR_PARSE;
		v = v * 10 + (uint64_t)(f->p[i] - '0');
	}
	if (v > UINT32_MAX)
		return ERR_PARSE;
	*out = (uint32_t)v;
	return 0;
}

static int
field_is(const struct field *f, const char *s)
{
	return f->n == strlen(s) && memcmp(f->p, s, f->n) == 0;
}

/*
 * Add key p (n bytes, wordtab_hash hash) with bits and set *idx to its
 * index, growing the records to match.  A key longer than a lookup can
 * be could never be found, so it is left out and *idx is -1.  Returns 0,
 * ERR_PARSE for an empty key or ERR_NOMEM.
 */
static int
add_hashed(struct lexicon *lx, const char *p, size_t n, uint32_t hash,
    uint32_t bits, long *idx)
{
	struct rec *r;
	size_t cap;

	*idx = -1;
	if (n == 0)
		return ERR_PARSE;
	if (n > WORDTAB_MAX_KEY)
		return 0;

	*idx = wordtab_add_hash(lx->words, p, n, hash, bits);
	if (*idx < 0)
		return (int)*idx;
	if ((size_t)*idx < lx->nrecs)
		return 0;

	cap = lx->nrecs * 2 > (size_t)*idx ? lx->nrecs * 2 :
	    (size_t)*idx + 1;
	r = realloc(lx->recs, cap * sizeof(*r));
	if (r == NULL)
		return ERR_NOMEM;
	memset(r + lx->nrecs, 0, (cap - lx->nrecs) * sizeof(*r));
	lx->recs = r;
	lx->nrecs = cap;
	return 0;
}

/* add_hashed() of key p (n bytes), hashing it here. */
static int
add_key(struct lexicon *lx, const char *p, size_t n, uint32_t bits,
    long *idx)
{
	return add_hashed(lx, p, n, wordtab_hash(p, n), bits, idx);
}

/* add_hashed() of a row's key, hashed when its line was read. */
static int
add_row_key(struct lexicon *lx, const struct field *f, uint32_t bits,
    long *idx)
{
	return add_hashed(lx, f[0].p, f[0].n, f[0].hash, bits, idx);
}

/*
 * A place name of several words: its first word is a LEX_PLACE_HEAD
 * whose place_words is the most words of a place it starts.
 */
static int
add_place_head(struct lexicon *lx, const struct field *f)
{
	const char *sp;
	size_t words = 1, i;
	long idx;
	int r;

	sp = memchr(f->p, ' ', f->n);
	if (sp == NULL || f->n > WORDTAB_MAX_KEY)
		return 0;
	for (i = 0; i < f->n; i++)
		words += f->p[i] == ' ';
	if (words > UINT8_MAX)
		words = UINT8_MAX;

	r = add_key(lx, f->p, (size_t)(sp - f->p), LEX_PLACE_HEAD, &idx);
	if (r != 0 || idx < 0)
		return r;
	if (lx->recs[idx].place_words < words)
		lx->recs[idx].place_words = (uint8_t)words;
	return 0;
}

static uint32_t
sat_add(uint32_t a, uint32_t b)
{
	return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

/* first.tsv: name, female births, male births. */
static int
row_first(struct lexicon *lx, const struct field *f)
{
	uint32_t fem, male;
	long idx;
	int r;

	if (parse_u32(&f[1], &fem) != 0 || parse_u32(&f[2], &male) != 0)
		return ERR_PARSE;
	r = add_row_key(lx, f, LEX_FIRST, &idx);
	if (r != 0 || idx < 0)
		return r;
	lx->recs[idx].female = sat_add(lx->recs[idx].female, fem);
	lx->recs[idx].male = sat_add(lx->recs[idx].male, male);
	return 0;
}

/* last.tsv: name, Census rank (the best rank wins). */
static int
row_last(struct lexicon *lx, const struct field *f)
{
	uint32_t rank;
	long idx;
	int r;

	if (parse_u32(&f[1], &rank) != 0 || rank == 0)
		return ERR_PARSE;
	r = add_row_key(lx, f, LEX_LAST, &idx);
	if (r != 0 || idx < 0)
		return r;
	if (lx->recs[idx].last_rank == 0 || rank < lx->recs[idx].last_rank)
		lx->recs[idx].last_rank = rank;
	return 0;
}

/* words.tsv: word, frequency rank (0: unranked), kind (w, p or wp). */
static int
row_words(struct lexicon *lx, const struct field *f)
{
	uint32_t rank, bits;
	long idx;
	int r;

	if (parse_u32(&f[1], &rank) != 0)
		return ERR_PARSE;
	if (field_is(&f[2], "w"))
		bits = LEX_WORD;
	else if (field_is(&f[2], "p"))
		bits = LEX_PROPER;
	else if (field_is(&f[2], "wp") || field_is(&f[2], "pw"))
		bits = LEX_WORD | LEX_PROPER;
	else
		return ERR_PARSE;

	r = add_row_key(lx, f, bits, &idx);
	if (r != 0 || idx < 0)
		return r;
	if (rank != 0 && (lx->recs[idx].word_rank == 0 ||
	    rank < lx->recs[idx].word_rank))
		lx->recs[idx].word_rank = rank;
	return 0;
}

/* medical.tsv: term. */
static int
row_medical(struct lexicon *lx, const struct field *f)
{
	long idx;

	return add_row_key(lx, f, LEX_MEDICAL, &idx);
}

/*
 * places.tsv: name, kind (city or county), state code, population.
 * A name's population is that of its largest city.
 */
static int
row_places(struct lexicon *lx, const struct field *f)
{
	uint32_t pop, bits;
	long idx;
	int r;

	if (parse_u32(&f[3], &pop) != 0 || f[2].n == 0)
		return ERR_PARSE;
	if (field_is(&f[1], "city"))
		bits = LEX_CITY;
	else if (field_is(&f[1], "county"))
		bits = LEX_COUNTY;
	else
		return ERR_PARSE;

	r = add_row_key(lx, f, bits, &idx);
	if (r != 0)
		return r;
	if (idx >= 0 && bits == LEX_CITY && pop > lx->recs[idx].population)
		lx->recs[idx].population = pop;
	return add_place_head(lx, &f[0]);
}

/* Map s (a state's name or code) to code in the states table. */
static int
add_state_code(struct lexicon *lx, const struct field *s, const char *code)
{
	char (*c)[3];
	size_t cap;
	long idx;

	if (s->n > WORDTAB_MAX_KEY)
		return 0;
	idx = wordtab_add(lx->states, s->p, s->n, 0);
	if (idx < 0)
		return (int)idx;

	if ((size_t)idx >= lx->ncodes) {
		cap = lx->ncodes * 2 + 64;
		c = realloc(lx->codes, cap * sizeof(*c));
		if (c == NULL)
			return ERR_NOMEM;
		memset(c + lx->ncodes, 0, (cap - lx->ncodes) * sizeof(*c));
		lx->codes = c;
		lx->ncodes = cap;
	}
	if (lx->codes[idx][0] == '\0')
		memcpy(lx->codes[idx], code, 3);
	return 0;
}

/* states.tsv: name, two-letter postal code. */
static int
row_states(struct lexicon *lx, const struct field *f)
{
	char code[3];
	long idx;
	size_t i;
	int r;

	if (f[1].n != 2)
		return ERR_PARSE;
	for (i = 0; i < 2; i++) {
		if ((f[1].p[i] | 0x20) < 'a' || (f[1].p[i] | 0x20) > 'z')
			return ERR_PARSE;
		code[i] = (char)(f[1].p[i] & ~0x20);
	}
	code[2] = '\0';

	r = add_row_key(lx, f, LEX_STATE, &idx);
	if (r == 0)
		r = add_key(lx, f[1].p, f[1].n, LEX_STATE_ABBR, &idx);
	if (r == 0)
		r = add_state_code(lx, &f[0], code);
	if (r == 0)
		r = add_state_code(lx, &f[1], code);
	if (r == 0)
		r = add_place_head(lx, &f[0]);
	return r;
}

/* countries.tsv: name. */
static int
row_countries(struct lexicon *lx, const struct field *f)
{
	long idx;
	int r;

	r = add_row_key(lx, f, LEX_COUNTRY, &idx);
	return r != 0 ? r : add_place_head(lx, &f[0]);
}

/* Append formal name f (lower-cased, NUL-terminated) to fpool. */
static int
pool_formal(struct lexicon *lx, const struct field *f, uint32_t *off)
{
	char *p;
	size_t cap, i;

	if (lx->fpool_len + f->n + 1 > lx->fpool_cap) {
		cap = lx->fpool_cap * 2 + f->n + 1024;
		if (cap > UINT32_MAX)
			return ERR_NOMEM;
		p = realloc(lx->fpool, cap);
		if (p == NULL)
			return ERR_NOMEM;
		lx->fpool = p;
		lx->fpool_cap = cap;
	}

	*off = (uint32_t)lx->fpool_len;
	p = lx->fpool + lx->fpool_len;
	for (i = 0; i < f->n; i++)
		p[i] = f->p[i] >= 'A' && f->p[i] <= 'Z' ?
		    (char)(f->p[i] + ('a' - 'A')) : f->p[i];
	p[f->n] = '\0';
	lx->fpool_len += f->n + 1;
	return 0;
}

/* nicknames.tsv: nickname, one formal name it stands for. */
static int
row_nicknames(struct lexicon *lx, const struct field *f)
{
	struct pair *p;
	size_t cap;
	long idx, nick;
	int r;

	if (f[1].n == 0 || f[1].n > WORDTAB_MAX_KEY)
		return f[1].n == 0 ? ERR_PARSE : 0;
	r = add_row_key(lx, f, LEX_NICKNAME, &idx);
	if (r != 0 || idx < 0)
		return r;
	nick = wordtab_add(lx->nicks, f[0].p, f[0].n, 0);
	if (nick < 0)
		return (int)nick;

	if (lx->npairs == lx->pair_cap) {
		cap = lx->pair_cap * 2 + 256;
		p = realloc(lx->pairs, cap * sizeof(*p));
		if (p == NULL)
			return ERR_NOMEM;
		lx->pairs = p;
		lx->pair_cap = cap;
	}
	p = &lx->pairs[lx->npairs];
	r = pool_formal(lx, &f[1], &p->off);
	if (r != 0)
		return r;
	p->nick = (uint32_t)nick;
	p->len = (uint8_t)f[1].n;
	lx->npairs++;
	return 0;
}

/* Group the nickname pairs by nickname (a stable counting sort). */
static int
group_pairs(struct lexicon *lx)
{
	struct pair *sorted;
	uint32_t *fp;
	size_t n = wordtab_count(lx->nicks), i;

	fp = calloc(n + 1, sizeof(*fp));
	sorted = malloc((lx->npairs + 1) * sizeof(*sorted));
	if (fp == NULL || sorted == NULL) {
		free(fp);
		free(sorted);
		return ERR_NOMEM;
	}

	for (i = 0; i < lx->npairs; i++)
		fp[lx->pairs[i].nick + 1]++;
	for (i = 0; i < n; i++)
		fp[i + 1] += fp[i];
	for (i = 0; i < lx->npairs; i++)
		sorted[fp[lx->pairs[i].nick]++] = lx->pairs[i];
	for (i = n; i > 0; i--)
		fp[i] = fp[i - 1];
	fp[0] = 0;

	free(lx->pairs);
	lx->pairs = sorted;
	lx->first_pair = fp;
	return 0;
}

/*
 * Split line into exactly nf tab-separated fields, else ERR_PARSE.  tab
 * is the line's first tab (NULL: none), which next_batch() found.
 */
static int
split_line(const char *p, size_t n, const char *tab, struct field *f,
    size_t nf)
{
	const char *end = p + n;
	size_t i;

	for (i = 0; i < nf; i++) {
		if (i > 0)
			tab = memchr(p, '\t', (size_t)(end - p));
		if (tab == NULL && i + 1 < nf)
			return ERR_PARSE;
		if (tab != NULL && i + 1 == nf)
			return ERR_PARSE;
		f[i].p = p;
		f[i].n = (size_t)((tab != NULL ? tab : end) - p);
		p = tab != NULL ? tab + 1 : end;
	}
	return 0;
}

/*
 * A line of a file: its text (without the newline), number, first tab
 * (NULL: none) and the wordtab_hash of its key (the text before it).
 */
struct line {
	const char *p;
	size_t n;
	size_t no;
	const char *tab;
	uint32_t hash;
};

/*
 * Read up to LINE_BATCH non-empty lines from *p (before end) into l,
 * numbering from *no, and prefetch their keys' slots: the probes then
 * overlap instead of waiting on memory one by one.  Returns the count.
 */
static size_t
next_batch(const struct lexicon *lx, const char **p, const char *end,
    size_t *no, struct line *l)
{
	const char *nl, *tab;
	size_t k = 0;

	while (k < LINE_BATCH && *p < end) {
		++*no;
		nl = memchr(*p, '\n', (size_t)(end - *p));
		if (nl == NULL)
			nl = end;
		if (nl > *p) {
			l[k].p = *p;
			l[k].n = (size_t)(nl - *p);
			l[k].no = *no;
			tab = memchr(*p, '\t', l[k].n);
			l[k].tab = tab;
			l[k].hash = wordtab_hash(*p,
			    (size_t)((tab != NULL ? tab : nl) - *p));
			wordtab_prefetch_hash(lx->words, l[k].hash);
			k++;
		}
		*p = nl + 1;
	}
	return k;
}

/* Load every row of one file; on failure say where in err. */
static int
load_file(struct lexicon *lx, const struct lexfile *lf, char *err,
    size_t errlen)
{
	struct line l[LINE_BATCH];
	struct field f[MAX_FIELDS];
	const char *p = lf->data, *end = lf->data + *lf->size;
	size_t no = 0, k = 0, i = 0;
	int r = 0;

	while (r == 0 && (k = next_batch(lx, &p, end, &no, l)) > 0) {
		for (i = 0; i < k; i++) {
			r = split_line(l[i].p, l[i].n, l[i].tab, f,
			    lf->nfields);
			f[0].hash = l[i].hash;
			if (r == 0)
				r = lf->row(lx, f);
			if (r != 0)
				break;
		}
	}

	if (r == ERR_PARSE)
		(void)snprintf(err, errlen, "lexicon %s: line %zu: malformed",
		    lf->name, l[i].no);
	else if (r != 0)
		(void)snprintf(err, errlen, "lexicon %s: %s", lf->name,
		    err_str(r));
	return r;
}

static const struct lexfile lex_files[] = {
	{ "first.tsv", lexdata_first, &lexdata_first_size, 3, row_first },
	{ "last.tsv", lexdata_last, &lexdata_last_size, 2, row_last },
	{ "words.tsv", lexdata_words, &lexdata_words_size, 3, row_words },
	{ "medical.tsv", lexdata_medical, &lexdata_medical_size, 1,
	    row_medical },
	{ "places.tsv", lexdata_places, &lexdata_places_size, 4,
	    row_places },
	{ "states.tsv", lexdata_states, &lexdata_states_size, 2,
	    row_states },
	{ "countries.tsv", lexdata_countries, &lexdata_countries_size, 1,
	    row_countries },
	{ "nicknames.tsv", lexdata_nicknames, &lexdata_nicknames_size, 2,
	    row_nicknames },
};

#define NFILES	(sizeof(lex_files) / sizeof(lex_files[0]))

static void
lex_free(struct lexicon *lx)
{
	if (lx == NULL)
		return;
	wordtab_free(lx->words);
	wordtab_free(lx->states);
	wordtab_free(lx->nicks);
	free(lx->recs);
	free(lx->codes);
	free(lx->pairs);
	free(lx->first_pair);
	free(lx->fpool);
	free(lx);
}

/* The number of lines in all files: about the number of keys. */
static size_t
count_lines(void)
{
	const char *p, *end, *nl;
	size_t i, n = 0;

	for (i = 0; i < NFILES; i++) {
		p = lex_files[i].data;
		end = p + *lex_files[i].size;
		while (p < end && (nl = memchr(p, '\n', (size_t)(end - p)))) {
			n++;
			p = nl + 1;
		}
		n += p < end;
	}
	return n;
}

static int
lex_load(struct lexicon **out, char *err, size_t errlen)
{
	struct lexicon *lx;
	size_t hint = count_lines(), i;
	int r;

	lx = calloc(1, sizeof(*lx));
	if (lx == NULL)
		goto nomem;
	/*
	 * About a fifth of the lines repeat a key of another file: sizing
	 * for three quarters of the lines halves the slot array (a faster
	 * load) and still leaves room to spare before it would grow.
	 */
	lx->words = wordtab_new(hint / 4 * 3);
	lx->states = wordtab_new(128);
	lx->nicks = wordtab_new(1024);
	lx->recs = calloc(hint + 1, sizeof(*lx->recs));
	if (lx->words == NULL || lx->states == NULL || lx->nicks == NULL ||
	    lx->recs == NULL)
		goto nomem;
	lx->nrecs = hint + 1;

	for (i = 0; i < NFILES; i++) {
		if (*lex_files[i].size == 0)
			continue;
		r = load_file(lx, &lex_files[i], err, errlen);
		if (r != 0)
			goto out;
	}
	if (group_pairs(lx) == 0) {
		*out = lx;
		return 0;
	}

nomem:
	r = ERR_NOMEM;
	(void)snprintf(err, errlen, "lexicon: out of memory");
out:
	lex_free(lx);
	*out = NULL;
	return r;
}

int
lexicon_open(const struct lexicon **out, char *err, size_t errlen)
{
	struct lexicon *lx;
	int r = 0;

	*out = NULL;
	if (pthread_mutex_lock(&lex_lock) != 0) {
		(void)snprintf(err, errlen, "lexicon: lock failed");
		return ERR_INTERNAL;
	}

	if (lex_refs == 0) {
		r = lex_load(&lx, err, errlen);
		if (r == 0)
			lex_shared = lx;
	}
	if (r == 0) {
		lex_refs++;
		*out = lex_shared;
	}

	(void)pthread_mutex_unlock(&lex_lock);
	return r;
}

void
lexicon_close(const struct lexicon *lx)
{
	if (lx == NULL || pthread_mutex_lock(&lex_lock) != 0)
		return;
	if (lx == lex_shared && lex_refs > 0 && --lex_refs == 0) {
		lex_free(lex_shared);
		lex_shared = NULL;
	}
	(void)pthread_mutex_unlock(&lex_lock);
}

int
lexicon_find(const struct lexicon *lx, const char *key, size_t n,
    struct lex_info *info)
{
	const struct rec *r;
	uint32_t bits;
	long idx;

	idx = wordtab_find(lx->words, key, n, &bits);
	if (info == NULL)
		return idx >= 0;
	memset(info, 0, sizeof(*info));
	if (idx < 0)
		return 0;

	r = &lx->recs[idx];
	info->classes = bits;
	info->female = r->female;
	info->male = r->male;
	info->last_rank = r->last_rank;
	info->word_rank = r->word_rank;
	info->population = r->population;
	info->place_words = r->place_words;
	return 1;
}

size_t
lexicon_formal(const struct lexicon *lx, const char *nick, size_t n,
    const char **names, size_t *lens, size_t max)
{
	size_t i, k = 0;
	long idx;

	idx = wordtab_find(lx->nicks, nick, n, NULL);
	if (idx < 0 || lx->first_pair == NULL)
		return 0;

	for (i = lx->first_pair[idx]; i < lx->first_pair[idx + 1]; i++) {
		if (k == max)
			break;
		names[k] = lx->fpool + lx->pairs[i].off;
		lens[k] = lx->pairs[i].len;
		k++;
	}
	return k;
}

const char *
lexicon_state(const struct lexicon *lx, const char *s, size_t n)
{
	long idx;

	idx = wordtab_find(lx->states, s, n, NULL);
	if (idx < 0 || (size_t)idx >= lx->ncodes)
		return NULL;
	return lx->codes[idx];
}

size_t
lexicon_size(const struct lexicon *lx)
{
	return wordtab_count(lx->words);
}
