/*
 * ages.c - ages over 89 (HIPAA safe harbor keeps younger ages).
 *
 * Forms: "92 y/o", "92-year-old", "94 yo", "97 years old", "aged 95",
 * "age: 101", "Age/Sex: 93/F", "in his 90s", "in her late nineties",
 * "ninety-two-year-old", "a 92 F with".  The span covers the number
 * only ("92" in "92 y/o"; "90s" in "in his 90s").  Ages of 89 and less
 * make no span; above 120 the number is not taken for an age.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "recognizer.h"
#include "rx.h"

#define AGE_MIN 90
#define AGE_MAX 120
#define SP "[ \\t]"

enum form {
	FORM_YEARS_OLD,
	FORM_LABEL,
	FORM_DECADE,
	FORM_WORDS,
	FORM_SEX,
	FORM_COUNT
};

struct form_def {
	const char *pattern;
	unsigned flags;
	float score;
	const char *name;
};

static const struct form_def form_defs[FORM_COUNT] = {
	[FORM_YEARS_OLD] = {
		"(?<![\\w.,/-])(\\d{2,3})" SP "*-?" SP "*"
		"(?:years?|yrs?|yr|y/o[mf]?|y\\.o\\.?|yo[mf]?|"
		"y(?=" SP "*-?" SP "*old))"
		"(" SP "*-?" SP "*old|" SP "+of" SP "+age)?(?![\\w/])",
		RX_CASELESS, 0.9f, "age.years" },
	[FORM_LABEL] = {
		"(?<![\\w])(?:aged?)(?:" SP "*\\(" SP "*(?:years?|yrs?"
		"|y)" SP "*\\))?(?:" SP "*/" SP "*(?:sex|gender))?" SP "*"
		"(?:[:=#-]" SP "*|of" SP "+|is" SP "+|was" SP "+|" SP "*)"
		"(\\d{2,3})(?![\\w]|\\.\\d|" SP "*-?" SP "*(?:days?|weeks?|"
		"wks?|months?|mos?)\\b)",
		RX_CASELESS, 0.85f, "age.label" },
	[FORM_DECADE] = {
		"(?<![\\w])(?:in|into)" SP "+(?:his|her|their)" SP "+"
		"(?:(?:early|mid|late)" SP "*-?" SP "*)?"
		"((\\d{2,3})'?s|nineties)(?![\\w])",
		RX_CASELESS, 0.8f, "age.decade" },
	[FORM_WORDS] = {
		"(?<![\\w])(ninety(?:" SP "*-?" SP "*(?:one|two|three|four|"
		"five|six|seven|eight|nine))?|one" SP "+hundred(?:" SP "+and)?"
		"(?:" SP "*-?" SP "*(?:one|two|three|four|five|six|seven|"
		"eight|nine|ten))?)" SP "*-?" SP "*(?:years?|yrs?)" SP "*-?"
		SP "*old(?![\\w])",
		RX_CASELESS, 0.9f, "age.words" },
	[FORM_SEX] = {
		"(?<![\\w.,/-])(\\d{2,3})" SP "?(?:yo" SP "?)?[MF](?![\\w])",
		0, 0.7f, "age.sex" }
};

struct ages_state {
	struct rx *rx[FORM_COUNT];
};

/* Words before "N years" that make it a span of time or a bound. */
static const char *const not_age_before[] = {
	"over", "under", "than", "past", "last", "for", "within", "after",
	"before", "next", "about", "approximately", "nearly", "almost",
	"first", "ages", NULL
};

/* Words after "N years" that make it a span of time. */
static const char *const not_age_after[] = {
	"ago", "later", "earlier", "prior", "before", "after", "since",
	"of", "in", "duration", "history", "hx", NULL
};

/* Words before "92 F" that make it a person: "a 92 F with ...". */
static const char *const sex_before[] = {
	"a", "an", "pt", "patient", NULL
};

/* Words after "92 F" that make it a person. */
static const char *const sex_after[] = {
	"with", "w", "presents", "presenting", "who", "s", "c", "h",
	"here", "admitted", "pt", "patient", NULL
};

static int
is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

static char
lower(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	return c;
}

static int
in_list(const char *w, const char *const *list)
{
	if (w[0] == '\0')
		return 0;
	for (; *list != NULL; list++)
		if (strcmp(w, *list) == 0)
			return 1;
	return 0;
}

/* The word ending before pos (lower case), skipping spaces only. */
static void
word_before(const char *s, size_t pos, char *buf, size_t n)
{
	size_t a, i;

	buf[0] = '\0';
	while (pos > 0 && (s[pos - 1] == ' ' || s[pos - 1] == '\t'))
		pos--;
	a = pos;
	while (a > 0 && is_alnum(s[a - 1]))
		a--;
	for (i = 0; a + i < pos && i + 1 < n; i++)
		buf[i] = lower(s[a + i]);
	buf[i] = '\0';
}

/* The word starting after pos (lower case), skipping spaces only. */
static void
word_after(const char *s, size_t len, size_t pos, char *buf, size_t n)
{
	size_t i;

	buf[0] = '\0';
	while (pos < len && (s[pos] == ' ' || s[pos] == '\t'))
		pos++;
	for (i = 0; pos < len && is_alnum(s[pos]) && i + 1 < n; i++)
		buf[i] = lower(s[pos++]);
	buf[i] = '\0';
}

static int
num(const char *s, size_t a, size_t b)
{
	int v = 0;

	while (a < b && s[a] >= '0' && s[a] <= '9' && v < 100000)
		v = v * 10 + (s[a++] - '0');
	return v;
}

static int
age_ok(int v)
{
	return v >= AGE_MIN && v <= AGE_MAX;
}

/* "92 years" without "old" may be a span of time: judge the words. */
static int
check_years_old(const char *s, size_t len, const struct rx_match *m)
{
	char b[16], a[16];

	if (!age_ok(num(s, m->start[1], m->end[1])))
		return 0;
	word_before(s, m->start[1], b, sizeof(b));
	if (in_list(b, not_age_before))
		return 0;
	if (m->start[2] != SIZE_MAX)
		return 1;
	word_after(s, len, m->end[0], a, sizeof(a));
	return !in_list(a, not_age_after);
}

/* "92 F": a person when the words around say so, not a temperature. */
static int
check_sex(const char *s, size_t len, const struct rx_match *m)
{
	char b[16], a[16];
	size_t p = m->start[1];

	if (!age_ok(num(s, p, m->end[1])))
		return 0;
	word_before(s, p, b, sizeof(b));
	word_after(s, len, m->end[0], a, sizeof(a));
	if (in_list(b, sex_before))
		return 1;
	while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t'))
		p--;
	return (p == 0 || s[p - 1] == '\n') && in_list(a, sex_after);
}

/* Whether match m of form f is an age over 89; sets the span's bounds. */
static int
check(enum form f, const char *s, size_t len, const struct rx_match *m,
    size_t *start, size_t *end)
{
	int v;

	*start = m->start[1];
	*end = m->end[1];
	switch (f) {
	case FORM_YEARS_OLD:
		return check_years_old(s, len, m);
	case FORM_LABEL:
		return age_ok(num(s, m->start[1], m->end[1]));
	case FORM_DECADE:
		if (m->start[2] == SIZE_MAX)
			return 1;
		v = num(s, m->start[2], m->end[2]);
		return v % 10 == 0 && v >= AGE_MIN && v < AGE_MAX;
	case FORM_WORDS:
		return 1;
	case FORM_SEX:
		return check_sex(s, len, m);
	default:
		return 0;
	}
}

static int
scan_form(const struct rx *rx, enum form f, const char *s, size_t len,
    struct spans *out)
{
	struct rx_match m;
	size_t from = 0, start, end;
	int r;

	while ((r = rx_find(rx, s, len, from, &m)) == 1) {
		if (check(f, s, len, &m, &start, &end)) {
			r = spans_add(out, start, end, PHI_AGE,
			    form_defs[f].score, form_defs[f].name);
			if (r < 0)
				return r;
		}
		from = m.end[0] > m.start[0] ? m.end[0] : m.start[0] + 1;
	}
	return r;
}

static void
ages_fini(void *state)
{
	struct ages_state *st = state;
	int f;

	if (st == NULL)
		return;
	for (f = 0; f < FORM_COUNT; f++)
		rx_free(st->rx[f]);
	free(st);
}

static int
ages_init(void **state, char *errbuf, size_t errlen)
{
	struct ages_state *st;
	int f;

	*state = NULL;
	st = calloc(1, sizeof(*st));
	if (st == NULL)
		return ERR_NOMEM;
	for (f = 0; f < FORM_COUNT; f++) {
		st->rx[f] = rx_new(form_defs[f].pattern, form_defs[f].flags,
		    errbuf, errlen);
		if (st->rx[f] == NULL) {
			ages_fini(st);
			return ERR_INTERNAL;
		}
	}
	*state = st;
	return 0;
}

static int
ages_scan(const void *state, const struct recog_ctx *ctx,
    struct spans *out)
{
	const struct ages_state *st = state;
	const char *s;
	size_t len;
	int f, r;

	s = text_view(ctx->text, &len);
	for (f = 0; f < FORM_COUNT; f++) {
		r = scan_form(st->rx[f], (enum form)f, s, len, out);
		if (r < 0)
			return r;
	}
	return 0;
}

const struct recognizer_ops recognizer_ages = {
	.name = "ages",
	.init = ages_init,
	.fini = ages_fini,
	.scan = ages_scan
};
