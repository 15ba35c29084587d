/*
 * ages.c - ages over 89 (HIPAA safe harbor keeps younger ages).
 *
 * Forms: "92 y/o", "92-year-old", "94 yo", "92y", "97 years old",
 * "aged 95", "age: 101", "aged ninety-two", "Age/Sex: 93/F", "Age: 92M",
 * "age at death: 96", "in his 90s", "in her late nineties",
 * "ninety-two-year-old", "a 92 F with", "She is 92." (a person's word
 * or a titled name, then "is", "was" or "turned" and the number at the
 * end of a clause: "HR is 92." is no age), "The patient, 95," and
 * "Mrs. Okafor (94)" (an age set off after a person).  The span covers
 * the number only ("92" in "92 y/o"; "90s" in "in his 90s").  Ages of
 * 89 and less make no span; above 120 the number is not taken for an
 * age.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "err.h"
#include "recognizer.h"
#include "rx.h"

#define AGE_MIN 90
#define AGE_MAX 120
#define SP "[ \\t]"

/* Blanks, or one line break with blanks around it. */
#define BR "(?:" SP "+|" SP "*(?:\\r\\n?|\\n)" SP "*)"

/* Ages over 89 in words: "ninety-two", "one hundred and one". */
#define NUMWORDS "ninety(?:" SP "*-?" SP "*(?:one|two|three|four|" \
	"five|six|seven|eight|nine))?|one" SP "+hundred(?:" SP "+and)?" \
	"(?:" SP "*-?" SP "*(?:one|two|three|four|five|six|seven|" \
	"eight|nine|ten))?"

/*
 * A title and one or two capitalised names: "Mrs. Okafor", "Mr. Jon
 * Li".  A name's letters may be any outside ASCII ("Mr. Núñez").
 */
#define NAME "[A-Z](?:[\\w'-]|[^\\x00-\\x7f])*"
#define TITLED "M(?:rs?|s|x|iss|RS?|S|ISS)\\.?" SP "+" NAME \
	"(?:" SP "+" NAME ")?"

/* An age set off by commas that no other number follows. */
#define COMMAS SP "*," SP "*(\\d{2,3})" SP "*,(?!" SP "*\\d)"

enum form {
	FORM_YEARS_OLD,
	FORM_LABEL,
	FORM_DECADE,
	FORM_WORDS,
	FORM_SEX,
	FORM_SUBJECT,
	FORM_APPOS,
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
		"y(?=" SP "*-?" SP "*old)|y[mf]?)"
		"(" SP "*-?" SP "*old|" SP "+of" SP "+age)?(?![\\w/])",
		RX_CASELESS, 0.9f, "age.years" },
	[FORM_LABEL] = {
		"(?<![\\w])(?:aged?)(?:" SP "+at" SP "+(?:death|admission|"
		"diagnosis|onset))?(?:" SP "*\\(" SP "*(?:years?|yrs?"
		"|y)" SP "*\\))?(?:" SP "*/" SP "*(?:sex|gender))?" SP "*"
		"(?:[:=#-]" SP "*|of" SP "+|is" SP "+|was" SP "+|" SP "*)"
		"(\\d{2,3}|" NUMWORDS ")"
		/* "Age: 92M": the sex may follow the number, in capitals */
		"(?:(?=(?-i:[MF])(?![\\w]))|(?![\\w]|\\.\\d|" SP "*-?" SP "*"
		"(?:days?|weeks?|wks?|months?|mos?)\\b))",
		RX_CASELESS, 0.85f, "age.label" },
	[FORM_DECADE] = {
		"(?<![\\w])(?:in|into)" SP "+(?:his|her|their)" SP "+"
		"(?:(?:early|mid|late)" SP "*-?" SP "*)?"
		"((\\d{2,3})'?s|nineties)(?![\\w])",
		RX_CASELESS, 0.8f, "age.decade" },
	[FORM_WORDS] = {
		"(?<![\\w])(" NUMWORDS ")" SP "*-?" SP "*(?:years?|yrs?)"
		SP "*-?" SP "*old(?![\\w])",
		RX_CASELESS, 0.9f, "age.words" },
	[FORM_SEX] = {
		"(?<![\\w.,/-])(\\d{2,3})" SP "?(?:yo" SP "?)?[MF](?![\\w])",
		0, 0.7f, "age.sex" },
	/* "Pt" but not "PT" (a prothrombin time); an ASCII 's' only */
	[FORM_SUBJECT] = {
		"(?<![\\w])(?:[Ss]?(?i:he)|(?i:patient|who)|[Pp]t\\.?|"
		"(?i:mother|father|mom|dad|husband|wife|son|daughter|brother"
		"|sister|grandmother|grandfather|aunt|uncle)|"
		TITLED ")(?:'s|" BR "(?i:is|was|turns|turned))"
		"(?:" BR "(?i:now))?" BR "(\\d{2,3})"
		"(?=" SP "*(?:[.,;!?](?!\\d)|\\r|\\n|$)"
		/* "is 92 and lives alone", "turned 92 last week" */
		"|" SP "+(?i:and|when|last|this|today|yesterday|since)"
		"(?![\\w]))",
		0, 0.8f, "age.subject" },
	/* "The patient, 95, lives", "Mrs. Okafor (94)" */
	[FORM_APPOS] = {
		"(?<![\\w])(?|(?:(?i:patient|woman|man|gentleman|lady)|"
		"[Pp]t\\.?|" TITLED ")" COMMAS "|"
		TITLED SP "*\\(" SP "*(\\d{2,3})" SP "*\\))",
		0, 0.75f, "age.appos" }
};

/*
 * The first two bytes, or'ed with 0x20 (lower case for letters), of
 * every form: "age", "in", "ninety", "one", the persons of
 * FORM_SUBJECT and FORM_APPOS (persons[] below) and the numbers 90 to
 * 120 (also written "092").  They are kept in a table of 64 slots
 * indexed by a multiplicative hash that gives each its own slot.
 */
#define PREFIX_BITS	7
#define PREFIX_MUL	0x5051c1cdu

static const char *const prefixes[] = {
	"ag", "in", "ni", "on", "90", "91", "92", "93", "94", "95", "96",
	"97", "98", "99", "10", "11", "12", "09", "sh", "he", "pt", "pa",
	"wh", "mr", "ms", "mx", "mi", "ma", "wo", "ge", "la", "mo", "fa",
	"hu", "wi", "so", "da", "br", "si", "gr", "au", "un", NULL
};

#define PERSON_SUBJECT	(1u << FORM_SUBJECT)
#define PERSON_APPOS	(1u << FORM_APPOS)

/*
 * The words that start FORM_SUBJECT and FORM_APPOS, in any case, and the
 * forms each may start.  A title starts a titled name, whose comma or
 * bracket comes after the name; the other words of FORM_APPOS need a
 * comma next ("patient,"), which spares a match at most of them.
 */
static const struct person {
	const char *word;
	unsigned forms;
	int title;
} persons[] = {
	{ "she", PERSON_SUBJECT, 0 },
	{ "he", PERSON_SUBJECT, 0 },
	{ "who", PERSON_SUBJECT, 0 },
	{ "pt", PERSON_SUBJECT | PERSON_APPOS, 0 },
	{ "patient", PERSON_SUBJECT | PERSON_APPOS, 0 },
	{ "mr", PERSON_SUBJECT | PERSON_APPOS, 1 },
	{ "mrs", PERSON_SUBJECT | PERSON_APPOS, 1 },
	{ "ms", PERSON_SUBJECT | PERSON_APPOS, 1 },
	{ "mx", PERSON_SUBJECT | PERSON_APPOS, 1 },
	{ "miss", PERSON_SUBJECT | PERSON_APPOS, 1 },
	{ "man", PERSON_APPOS, 0 },
	{ "woman", PERSON_APPOS, 0 },
	{ "gentleman", PERSON_APPOS, 0 },
	{ "lady", PERSON_APPOS, 0 },
	/* a relative's age identifies too: "Her mother was 96." */
	{ "mother", PERSON_SUBJECT, 0 },
	{ "father", PERSON_SUBJECT, 0 },
	{ "mom", PERSON_SUBJECT, 0 },
	{ "dad", PERSON_SUBJECT, 0 },
	{ "husband", PERSON_SUBJECT, 0 },
	{ "wife", PERSON_SUBJECT, 0 },
	{ "son", PERSON_SUBJECT, 0 },
	{ "daughter", PERSON_SUBJECT, 0 },
	{ "brother", PERSON_SUBJECT, 0 },
	{ "sister", PERSON_SUBJECT, 0 },
	{ "grandmother", PERSON_SUBJECT, 0 },
	{ "grandfather", PERSON_SUBJECT, 0 },
	{ "aunt", PERSON_SUBJECT, 0 },
	{ "uncle", PERSON_SUBJECT, 0 }
};

struct ages_state {
	struct rx *rx[FORM_COUNT];
	uint32_t prefix[1 << PREFIX_BITS];
};

/* The prefix key of s[p..p+2), bytes past len counting as 0. */
static uint32_t
prefix_key(const char *s, size_t len, size_t p)
{
	uint32_t k = (uint32_t)((unsigned char)s[p] | 0x20);

	if (p + 1 < len)
		k |= (uint32_t)((unsigned char)s[p + 1] | 0x20) << 8;
	return k;
}

static uint32_t
prefix_slot(uint32_t key)
{
	return (uint32_t)(key * PREFIX_MUL) >> (32 - PREFIX_BITS);
}

/* Fill the prefix table; -1 if two prefixes share a slot. */
static int
fill_prefixes(uint32_t *table)
{
	uint32_t k, slot;
	size_t i;

	for (i = 0; prefixes[i] != NULL; i++) {
		k = prefix_key(prefixes[i], 2, 0);
		slot = prefix_slot(k);
		if (table[slot] != 0)
			return -1;
		table[slot] = k;
	}
	return 0;
}

/* Words before "N years" that make it a span of time or a bound. */
static const char *const not_age_before[] = {
	"over", "under", "than", "past", "last", "for", "within", "after",
	"before", "next", "about", "approximately", "nearly", "almost",
	"first", "ages", NULL
};

/* Words after "N years" that make it a span of time. */
static const char *const not_age_after[] = {
	"ago", "later", "earlier", "prior", "before", "after", "since",
	"of", "in", "duration", "history", "hx", "mark", NULL
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
in_list(const char *w, const char *const *list)
{
	if (w[0] == '\0')
		return 0;
	for (; *list != NULL; list++)
		if ((*list)[0] == w[0] && strcmp(w, *list) == 0)
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
	while (a > 0 && ch_alnum(s[a - 1]))
		a--;
	for (i = 0; a + i < pos && i + 1 < n; i++)
		buf[i] = ch_lower(s[a + i]);
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
	for (i = 0; pos < len && ch_alnum(s[pos]) && i + 1 < n; i++)
		buf[i] = ch_lower(s[pos++]);
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

/* Whether one of the next two words after p, on the same line, has a digit. */
static int
number_follows(const char *s, size_t len, size_t p)
{
	int words, digit;

	for (words = 0; words < 2; words++) {
		while (p < len && !ch_alnum(s[p]) && s[p] != '\n')
			p++;
		if (p == len || s[p] == '\n')
			return 0;
		for (digit = 0; p < len && ch_alnum(s[p]); p++)
			digit |= ch_digit(s[p]);
		if (digit)
			return 1;
	}
	return 0;
}

/* Words that make a number near them a reading, not an age. */
static const char *const vital_words[] = {
	"sat", "sats", "satting", "saturation", "saturations", "saturating",
	"saturated", "spo2", "o2", "oximetry", "ox", "ra", "nc", "air",
	"hr", "pulse", "bp", "rr", "fio2", "desat", "desatted",
	"desaturated", "desaturating", "tachycardic", "bradycardic",
	"hypoxic", "hypoxemic", "walking", "ambulating", "ambulation",
	"exertion", "oxygen", NULL
};

/* The most bytes looked at either side of a number for vital_words. */
#define VITAL_SPAN	80

/*
 * Whether s[i] ends a sentence (a line break, '!', '?', a period not in
 * "2.5"), or with semi set a clause (';').
 */
static int
clause_end(const char *s, size_t len, size_t i, int semi)
{
	if (s[i] == '\n' || s[i] == '!' || s[i] == '?' ||
	    (semi && s[i] == ';'))
		return 1;
	if (s[i] != '.')
		return 0;
	return i + 1 == len || !ch_alnum(s[i + 1]);
}

/*
 * Whether a word of vital_words stands in s[a..b): "O2 sat: he was 90",
 * "she was 92, saturating well".
 */
static int
vital_in(const char *s, size_t a, size_t b)
{
	char w[16];
	size_t i, n;

	for (i = a; i < b; i = n) {
		while (i < b && !ch_alnum(s[i]))
			i++;
		for (n = i; n < b && ch_alnum(s[n]); n++)
			;
		if (n == i || n - i >= sizeof(w))
			continue;
		word_after(s, b, i, w, sizeof(w));
		if (in_list(w, vital_words))
			return 1;
	}
	return 0;
}

/*
 * Whether a vital sign's word comes in the sentence before the number
 * at [p, e) (back to a sentence's end or a line break), or, when after
 * is set, in its clause after it: a saturation or a rate read out
 * ("Sats dropped; she was 90", "He was 91 and tachycardic").
 */
static int
vitals_near(const char *s, size_t len, size_t p, size_t e, int after)
{
	size_t a = p, b = e;

	while (a > 0 && p - a < VITAL_SPAN && !clause_end(s, len, a - 1,
	    0))
		a--;
	if (vital_in(s, a, p))
		return 1;
	while (after && b < len && b - e < VITAL_SPAN &&
	    !clause_end(s, len, b, 1))
		b++;
	return after && vital_in(s, e, b);
}

/* Words after "was 92 when" that make it a person's age. */
static const char *const when_after[] = {
	"she", "he", "her", "his", "they", "their", "we", NULL
};

/*
 * "She is 92.": after "was" the number is as often a reading ("Pt was
 * 92, then 88", "He was 95 yesterday", "was 95 when walking"), so "was"
 * needs the clause to end or go on with "and" or "when she", and no
 * number close after; "when" follows "was" only ("She is 92 when
 * lying" is a reading).
 */
static int
check_subject(const char *s, size_t len, const struct rx_match *m)
{
	char a[16], w[16];
	size_t p = m->start[1], q;
	int was;

	if (!age_ok(num(s, p, m->end[1])))
		return 0;
	while (p > 0 && strchr(" \t\r\n", s[p - 1]) != NULL)
		p--;
	was = p >= 3 && ch_lower(s[p - 3]) == 'w' &&
	    ch_lower(s[p - 2]) == 'a' && ch_lower(s[p - 1]) == 's';
	word_after(s, len, m->end[1], a, sizeof(a));
	if (!was)
		return strcmp(a, "when") != 0;
	if (strcmp(a, "when") == 0) {
		q = ch_skip_blanks(s, len, m->end[1]) + 4;
		word_after(s, len, q, w, sizeof(w));
		return in_list(w, when_after);
	}
	if (a[0] != '\0' && strcmp(a, "and") != 0)
		return 0;
	return !number_follows(s, len, m->end[1]) &&
	    !vitals_near(s, len, m->start[1], m->end[1], 1);
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
		/* in words, the pattern admits ages over 89 only */
		return !ch_digit(s[m->start[1]]) ||
		    age_ok(num(s, m->start[1], m->end[1]));
	case FORM_DECADE:
		if (m->start[2] == SIZE_MAX)
			return 1;
		v = num(s, m->start[2], m->end[2]);
		return v % 10 == 0 && v >= AGE_MIN && v < AGE_MAX;
	case FORM_WORDS:
		return 1;
	case FORM_SEX:
		return check_sex(s, len, m);
	case FORM_SUBJECT:
		return check_subject(s, len, m);
	case FORM_APPOS:
		return age_ok(num(s, m->start[1], m->end[1])) &&
		    !vitals_near(s, len, m->start[1], m->end[1], 0);
	default:
		return 0;
	}
}

/*
 * Where a form may match.  Every pattern starts with a lookbehind that
 * refuses a word character before it, then a number or a word, so only
 * the starts of runs of word characters (rx_word_starts) are tried, and
 * only where the tests below hold.  The tests on letters are necessary
 * conditions of the patterns (of the letters tested, only the 's' of
 * "his" has a caseless match outside ASCII, the long s; FORM_SUBJECT
 * takes an ASCII 's' only).  The numbers
 * of FORM_YEARS_OLD and FORM_SEX must be ages over 89 or check()
 * refuses the match, and no match of theirs can start inside another,
 * so the value is tested first.
 */

/* Whether s[p..) starts with word (lower case), letters in any case. */
static int
starts_with(const char *s, size_t len, size_t p, const char *word)
{
	for (; *word != '\0'; word++, p++)
		if (p >= len || ch_lower(s[p]) != *word)
			return 0;
	return 1;
}

/*
 * "in" or "into", blanks, then "his", "her" or "their" (the 's' of "his"
 * may be a long s, which PCRE2 takes for 's' without case).
 */
static int
decade_ahead(const char *s, size_t len, size_t p)
{
	size_t q = p + 2;

	if (q + 2 <= len && ch_lower(s[q]) == 't' && ch_lower(s[q + 1]) == 'o')
		q += 2;
	if (q >= len || !ch_blank(s[q]))
		return 0;
	q = ch_skip_blanks(s, len, q);
	if (starts_with(s, len, q, "her") || starts_with(s, len, q, "their"))
		return 1;
	return starts_with(s, len, q, "hi") && q + 2 < len &&
	    (ch_lower(s[q + 2]) == 's' || (unsigned char)s[q + 2] == 0xc5);
}

/* "one", blanks, "hundred": how FORM_WORDS goes on after "one". */
static int
hundred_ahead(const char *s, size_t len, size_t p)
{
	size_t q = p + 3;

	if (q >= len || !ch_blank(s[q]))
		return 0;
	return starts_with(s, len, ch_skip_blanks(s, len, q), "hundred");
}

/* The forms of person word w at p, which ends at q: see persons[]. */
static unsigned
person_next(const struct person *w, const char *s, size_t len, size_t q)
{
	if (w->title || !(w->forms & PERSON_APPOS))
		return w->forms;
	if (q < len && s[q] == '.')
		q++;
	q = ch_skip_blanks(s, len, q);
	if (q < len && s[q] == ',')
		return w->forms;
	return w->forms & ~PERSON_APPOS;
}

/*
 * The forms of the person word at p (persons[]), in any case, then no
 * letter or digit; 0 when there is none.  The second letter is tested
 * first: most words that reach here start like one of them.
 */
static unsigned
person_forms(const char *s, size_t len, size_t p)
{
	const struct person *w;
	size_t i, n;
	char c;

	c = p + 1 < len ? ch_lower(s[p + 1]) : '\0';
	for (i = 0; i < sizeof(persons) / sizeof(persons[0]); i++) {
		w = &persons[i];
		if (w->word[1] != c || !starts_with(s, len, p, w->word))
			continue;
		n = strlen(w->word);
		if (p + n == len || !ch_alnum(s[p + n]))
			return person_next(w, s, len, p + n);
	}
	return 0;
}

/* The forms that may match at p, a letter. */
static unsigned
letter_forms(const char *s, size_t len, size_t p)
{
	switch (ch_lower(s[p])) {
	case 'a':
		return starts_with(s, len, p, "age") ? 1u << FORM_LABEL :
		    person_forms(s, len, p);
	case 'i':
		return starts_with(s, len, p, "in") &&
		    decade_ahead(s, len, p) ? 1u << FORM_DECADE : 0;
	case 'n':
		return starts_with(s, len, p, "ninety") ? 1u << FORM_WORDS : 0;
	case 'o':
		return starts_with(s, len, p, "one") &&
		    hundred_ahead(s, len, p) ? 1u << FORM_WORDS : 0;
	case 's':
	case 'h':
	case 'p':
	case 'w':
	case 'm':
	case 'g':
	case 'l':
	case 'f':
	case 'd':
	case 'b':
	case 'u':
		return person_forms(s, len, p);
	default:
		return 0;
	}
}

/*
 * The forms that may match at p, a digit: an age over 89 of two or three
 * digits, then "y" after blanks and a '-' (FORM_YEARS_OLD), or 'M' or
 * 'F' after a blank and "yo" (FORM_SEX).
 */
static unsigned
digit_forms(const char *s, size_t len, size_t p)
{
	size_t n, q;
	unsigned mask = 0;

	for (n = 0; p + n < len && ch_digit(s[p + n]) && n < 4; n++)
		;
	if (n < 2 || n > 3 || !age_ok(num(s, p, p + n)))
		return 0;
	q = ch_skip_blanks(s, len, p + n);
	if (q < len && s[q] == '-')
		q = ch_skip_blanks(s, len, q + 1);
	if (q < len && ch_lower(s[q]) == 'y')
		mask |= 1u << FORM_YEARS_OLD;
	q = p + n;
	if (q < len && ch_blank(s[q]))
		q++;
	if (q + 1 < len && s[q] == 'y' && s[q + 1] == 'o') {
		q += 2;
		if (q < len && ch_blank(s[q]))
			q++;
	}
	if (q < len && (s[q] == 'M' || s[q] == 'F'))
		mask |= 1u << FORM_SEX;
	return mask;
}

/*
 * Of the candidates in bits (offsets from at), those that start like a
 * form.  No branch here depends on the text, so the many words that do
 * not cost little.
 */
static uint64_t
keep_likely(const struct ages_state *st, const char *s, size_t len,
    size_t at, uint64_t bits)
{
	uint64_t keep = 0;
	uint32_t k;
	int i;

	for (; bits != 0; bits &= bits - 1) {
		i = __builtin_ctzll(bits);
		k = prefix_key(s, len, at + (size_t)i);
		keep |= (uint64_t)(st->prefix[prefix_slot(k)] == k) << i;
	}
	return keep;
}

/*
 * Try the forms of mask at p.  from[f] is where form f's search has got
 * to: a match hides the candidates inside it, as a forward search would.
 */
static int
try_at(const struct ages_state *st, const char *s, size_t len, size_t p,
    unsigned mask, size_t *from, struct spans *out)
{
	struct rx_match m;
	size_t start, end;
	int f, r;

	for (f = 0; mask != 0; f++, mask >>= 1) {
		if (!(mask & 1) || p < from[f])
			continue;
		r = rx_match_at(st->rx[f], s, len, p, &m);
		if (r < 0)
			return r;
		if (r == 0)
			continue;
		if (check((enum form)f, s, len, &m, &start, &end)) {
			r = spans_add(out, start, end, PHI_AGE,
			    form_defs[f].score, form_defs[f].name);
			if (r < 0)
				return r;
		}
		from[f] = m.end[0] > m.start[0] ? m.end[0] : m.start[0] + 1;
	}
	return 0;
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
	if (fill_prefixes(st->prefix) < 0) {
		(void)snprintf(errbuf, errlen, "age prefixes share a slot");
		free(st);
		return ERR_INTERNAL;
	}
	for (f = 0; f < FORM_COUNT; f++) {
		st->rx[f] = rx_new(form_defs[f].pattern,
		    form_defs[f].flags | RX_ANCHORED, errbuf, errlen);
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
	size_t from[FORM_COUNT] = { 0 };
	const char *s;
	size_t len, at, p;
	uint64_t bits;
	unsigned mask;
	int r;

	s = text_view(ctx->text, &len);
	for (at = 0; at < len; at += 64) {
		bits = keep_likely(st, s, len, at,
		    rx_word_starts(s, len, at));
		for (; bits != 0; bits &= bits - 1) {
			p = at + (size_t)__builtin_ctzll(bits);
			mask = ch_digit(s[p]) ? digit_forms(s, len, p) :
			    letter_forms(s, len, p);
			if (mask == 0)
				continue;
			r = try_at(st, s, len, p, mask, from, out);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

const struct recognizer_ops recognizer_ages = {
	.name = "ages",
	.init = ages_init,
	.fini = ages_fini,
	.scan = ages_scan
};
