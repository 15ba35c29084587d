/*
 * dates.c - calendar dates: numeric (3/14/2021, 2021-03-14, 14.03.2021),
 * ISO timestamps, month names (March 14, 2021; 14-Mar-2021; the 14th of
 * March; March 2019), month/day without a year (7/22, Jul 22) and
 * compact digit runs after a date label (DOB: 03141955), weekdays and
 * relative dates ("Tuesday", "last Friday", "next March"), and a birth
 * year on its own ("born 1931").
 *
 * Every candidate is validated (month 1-12, day within the month, leap
 * years, four-digit years in 1850..2150).  Month/day pairs without a
 * year are the risky case: scores, fractions, doses and blood pressures
 * share their shape, so they are judged by the words around them, and
 * so is a year alone.  A time of day is never a date.
 *
 * A date written with a month name may run over one line break after
 * the month or before the year ("DOB: March\n14, 1950"), and a compact
 * date may start on the line after its label, but only a whole date:
 * a month and a day alone never span a break.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chars.h"
#include "err.h"
#include "recognizer.h"
#include "rx.h"

#define YEAR_MIN 1850
#define YEAR_MAX 2150

/* A month name as a whole word; the name is a group, a '.' may follow. */
#define MON "(january|february|march|april|may|june|july|august|" \
	"september|october|november|december|jan|feb|mar|apr|jun|jul|" \
	"aug|sept|sep|oct|nov|dec)(?![a-z])\\.?"
#define ORD "(?:st|nd|rd|th)?"
#define SP "[ \\t]"
/* One line break with blanks around it: "March\n14, 1950". */
#define BR "(?:" SP "*(?:\\r\\n?|\\n)" SP "*)"

enum form {
	FORM_NUMERIC,
	FORM_ISO_TIME,
	FORM_COMPACT,
	FORM_MONTH_DAY,
	FORM_DAY_MONTH,
	FORM_DAY_OF_MONTH,
	FORM_MONTH_YEAR,
	FORM_RELATIVE,
	FORM_YEAR,
	FORM_COUNT
};

struct form_def {
	const char *pattern;
	unsigned flags;
};

static const struct form_def form_defs[FORM_COUNT] = {
	/* matched by numeric_at(), without PCRE2 */
	[FORM_NUMERIC] = { NULL, 0 },
	[FORM_ISO_TIME] = {
		"(?<![\\w/.-])(\\d{4})-(\\d{1,2})-(\\d{1,2})T(\\d{2}):(\\d{2})"
		"(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}(?::?\\d{2})?)?"
		"(?![\\w])", 0 },
	[FORM_COMPACT] = {
		"(?<![\\w])(?:(dob|d\\.o\\.b\\.?|date" SP "+of" SP "+birth|"
		"birth" SP "*date|born(?:" SP "+on)?)|dos|date" SP "+of"
		SP "+service|dated?)" SP "*[:#=-]?(?:" BR "|" SP "*)"
		"(\\d{8}|\\d{6})"
		"(?![\\w])", RX_CASELESS },
	[FORM_MONTH_DAY] = {
		"(?<![\\w])" MON SP "*[-/]?(?:" BR "|" SP "*)(\\d{1,2})" ORD
		"(?![\\w]|[:.]\\d)(?:(?:" SP "*," SP "*|" SP "+|" SP "*[-/]"
		SP "*|" SP "*,?" BR ")('\\d{2}|\\d{4})(?![\\w]|[.:]\\d))?",
		RX_CASELESS },
	[FORM_DAY_MONTH] = {
		"(?<![\\w/.-])(\\d{1,2})" ORD SP "*[-/.]?" SP "*" MON
		"(?:(" SP "*,?" SP "*|[-/.]|" SP "*,?" BR ")"
		"('\\d{2}|\\d{4}|\\d{2})"
		"(?![\\w]|[.:]\\d))?(?![\\w])", RX_CASELESS },
	[FORM_DAY_OF_MONTH] = {
		"(?<![\\w])(\\d{1,2})(?:st|nd|rd|th)" SP "+of" SP "+" MON
		"(?:(?:" SP "*," SP "*|" SP "+|" SP "*,?" BR ")"
		"('\\d{2}|\\d{4})(?![\\w]))?"
		"(?![\\w])", RX_CASELESS },
	[FORM_MONTH_YEAR] = {
		"(?<![\\w])" MON "(?:" SP "*," SP "*|" SP "*[-/]" SP "*|"
		SP "+|" SP "*,?" BR ")('\\d{2}|\\d{4})(?![\\w]|[.:,]\\d)",
		RX_CASELESS },
	/* matched by relative_at() and year_at(), without PCRE2 */
	[FORM_RELATIVE] = { NULL, 0 },
	[FORM_YEAR] = { NULL, 0 }
};

/* Byte classes for the candidate scan (dates_scan). */
enum {
	C_WORD = 1,	/* a word character: ASCII letter, digit or '_' */
	C_DIGIT = 2,
	C_LONG_S = 4	/* first byte of U+017F, caseless 's' */
};

/*
 * The first three bytes, or'ed with 0x20 (lower case for letters), of
 * every month name, weekday, date label and "last"/"next", in a table of
 * 64 slots indexed by a multiplicative hash that gives each its own
 * slot.  "do" and the first byte of U+017F stand for "dos" with a long s.
 */
#define PREFIX_BITS	6
#define PREFIX_MUL	0x06b0da21u

static const char *const prefixes[] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
	"nov", "dec", "dob", "d.o", "dat", "dos", "bir", "bor", "do\xe5",
	"mon", "tue", "wed", "thu", "fri", "sat", "sun", "las", "nex", NULL
};

struct dates_state {
	struct rx *rx[FORM_COUNT];
	unsigned char cls[256];
	uint32_t prefix[1 << PREFIX_BITS];
};

/* The prefix key of s[p..p+3), bytes past len counting as 0. */
static uint32_t
prefix_key(const char *s, size_t len, size_t p)
{
	const unsigned char *u = (const unsigned char *)s + p;
	uint32_t k = 0;
	size_t i;

	if (p + 3 <= len)
		return (uint32_t)(u[0] | 0x20) | (uint32_t)(u[1] | 0x20) << 8 |
		    (uint32_t)(u[2] | 0x20) << 16;
	for (i = 0; p + i < len; i++)
		k |= (uint32_t)(u[i] | 0x20) << (8 * i);
	return k;
}

static uint32_t
prefix_slot(uint32_t key)
{
	return (uint32_t)(key * PREFIX_MUL) >> (32 - PREFIX_BITS);
}

/* A candidate: where it is and what it is. */
struct cand {
	size_t start, end;
	float score;
	const char *name;
};

/* Words that say a month/day-shaped number is a score, ratio or dose. */
static const char *const score_before[] = {
	"bp", "b/p", "pressure", "pressures", "sbp", "dbp", "score",
	"scores", "scored", "scale", "mmse", "moca", "slums", "gcs",
	"apgar", "apgars", "pain", "strength", "power", "motor", "grade",
	"graded", "reflexes", "dtr", "dtrs", "ratio", "peep", "bipap",
	"cpap", "ipap", "epap", "vent", "settings", "taking", "ate",
	"eats", "eating", "consumed", "level", "rated", "rates", "rating",
	"nihss", "ecog", "phq", "gad", "edss", "murmur", "x", "vision",
	"acuity", "va", "mmhg", "dose", "tab", "tabs", "took", "sats",
	"sat", "spo2", "fio2", "titer", "titers", "dilution", "split",
	"gleason", "stage", "tanner", "ppd", "pack", "cups", "drinks",
	"max", "min", "ie", "i:e", "rate", "h/h", "hh", NULL
};

static const char *const score_after[] = {
	"mg", "mcg", "g", "ml", "l", "mmhg", "unit", "units", "tab",
	"tabs", "tablet", "tablets", "pill", "pills", "cap", "caps",
	"capsule", "capsules", "puff", "puffs", "strength", "power", "pain",
	"of", "murmur", "systolic", "diastolic", "holosystolic", "sem",
	"bottle", "bottles", "culture", "cultures", "set", "sets", "rep",
	"reps", "bilaterally", "throughout", "motor", "dilution", "ratio",
	"score", "cm", "mm", "kg", "lb", "lbs", "hr", "hrs", "ppd", "pack",
	"packs", "cup", "cups", "drinks", "times", "x", "strong", "weak",
	"upper", "lower", "proximal", "distal", "cores", "checks",
	"meters", "m", "feet", "ft", "steps", "attempts", "trials", "items",
	"questions", "points", "correct", NULL
};

/* Words that put a month/day-shaped number in a date's place. */
static const char *const date_before[] = {
	"on", "since", "from", "until", "til", "till", "thru", "through",
	"to", "by", "before", "after", "dated", "date", "dos", "dob",
	"seen", "visit", "admitted", "admit", "admission", "discharged",
	"discharge", "started", "stopped", "began", "begun", "last", "next",
	"due", "scheduled", "between", "effective", "circa", "@", "sched",
	"appt", "appointment", "monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu",
	"thur", "thurs", "fri", "sun", "drawn", "collected", "results",
	"performed", "done", "expires", "expired", "received", "called",
	"surgery", "procedure", "onset", "returned", "followup", NULL
};

/* After "of", these nouns make a date ("week of 3/4", "as of 3/4"). */
static const char *const of_date[] = {
	"week", "as", "morning", "evening", "night", "afternoon", "day",
	"end", "beginning", "middle", NULL
};

/* Words after a month and day that make it a count ("May 2 weeks"). */
static const char *const unit_after[] = {
	"mg", "mcg", "g", "ml", "l", "unit", "units", "tab", "tabs",
	"tablet", "tablets", "pill", "pills", "cap", "caps", "puff", "puffs",
	"day", "days", "week", "weeks", "wk", "wks", "month", "months",
	"year", "years", "yr", "yrs", "hour", "hours", "hr", "hrs", "minute",
	"minutes", "min", "mins", "time", "times", "x", "percent",
	"patients", "people", "cm", "mm", "kg", "lb", "lbs", "steps",
	"doses", "dose", "more", "be", "have", "not", NULL
};

/* Weekdays, whole words: a day named in a note dates it. */
static const char *const weekday_words[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", NULL
};

/*
 * After "last" or "next", these make a relative date ("last Tuesday",
 * "next March"): they name a day or a month.  "last week" and "last
 * year" name neither and are left alone.
 */
static const char *const relative_units[] = {
	"monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday", "january", "february", "march",
	"april", "may", "june", "july", "august", "september", "october",
	"november", "december", NULL
};

static const char *const relative_words[] = { "last", "next", NULL };

/*
 * Words that make the year after them a birth year ("born 1931"), the
 * one kind of year alone that is an identifier: with the date of the
 * note it gives an age, perhaps over 89.  Other years ("in 2019") are
 * what safe harbor keeps.
 */
static const char *const year_before[] = {
	"born", "birth", "dob", "yob", NULL
};

/* The decimal value of s[a..b), which holds only digits. */
static int
num(const char *s, size_t a, size_t b)
{
	int v = 0;

	while (a < b && v < 100000)
		v = v * 10 + (s[a++] - '0');
	return v;
}

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days in month m of year y; y < 0 means unknown (February has 29). */
static int
month_days(int m, int y)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2)
		return (y < 0 || is_leap(y)) ? 29 : 28;
	return days[m - 1];
}

/* Whether m/d is a day of year y (y < 0: any year). */
static int
valid_md(int m, int d, int y)
{
	if (m < 1 || m > 12 || d < 1)
		return 0;
	return d <= month_days(m, y);
}

static int
plausible_year(int y)
{
	return y >= YEAR_MIN && y <= YEAR_MAX;
}

/*
 * The year written in s[a..b): four digits in range, or two digits with
 * or without an apostrophe (then only leap years matter, and the pivot of
 * transforms/generalize.c decides the century).  -1 when invalid.
 */
static int
parse_year(const char *s, size_t a, size_t b)
{
	int y;

	if (a < b && s[a] == '\'')
		a++;
	if (b - a == 4) {
		y = num(s, a, b);
		return plausible_year(y) ? y : -1;
	}
	if (b - a == 2) {
		y = num(s, a, b);
		return y <= 30 ? 2000 + y : 1900 + y;
	}
	return -1;
}

/* The month (1..12) named by s[a..b), or 0. */
static int
month_of(const char *s, size_t a, size_t b)
{
	static const char names[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	char k[3];
	size_t i;

	if (b - a < 3)
		return 0;
	for (i = 0; i < 3; i++)
		k[i] = ch_lower(s[a + i]);
	for (i = 0; i < 12; i++)
		if (memcmp(names + 3 * i, k, 3) == 0)
			return (int)i + 1;
	return 0;
}

static int
all_lower(const char *s, size_t a, size_t b)
{
	for (; a < b; a++)
		if (!(s[a] >= 'a' && s[a] <= 'z'))
			return 0;
	return 1;
}

/* "may" and "march" written in lower case are usually verbs. */
static int
verb_month(const char *s, size_t a, size_t b)
{
	if (!all_lower(s, a, b))
		return 0;
	return (b - a == 3 && memcmp(s + a, "may", 3) == 0) ||
	    (b - a == 5 && memcmp(s + a, "march", 5) == 0);
}

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

static int
word_char(char c)
{
	return ch_alnum(c) || c == '/' || c == '@' || c == ':';
}

/*
 * The word that ends before pos, lower-cased into buf (n bytes), with
 * spaces and light punctuation skipped; a sentence end or a line break
 * stops the search (buf is then empty).  Returns where the word starts,
 * for the next call.
 */
static size_t
word_before(const char *s, size_t pos, char *buf, size_t n)
{
	size_t b, a, i;

	buf[0] = '\0';
	while (pos > 0 && !word_char(s[pos - 1])) {
		if (s[pos - 1] == '.' || s[pos - 1] == '\n' ||
		    s[pos - 1] == ';')
			return pos;
		pos--;
	}
	b = pos;
	while (pos > 0 && word_char(s[pos - 1]))
		pos--;
	a = pos;
	while (a < b && s[b - 1] == ':')
		b--;
	for (i = 0; a + i < b && i + 1 < n; i++)
		buf[i] = ch_lower(s[a + i]);
	buf[i] = '\0';
	return pos;
}

/* The word that starts at or after pos, like word_before. */
static size_t
word_after(const char *s, size_t len, size_t pos, char *buf, size_t n)
{
	size_t i;

	buf[0] = '\0';
	while (pos < len && s[pos] == ' ')
		pos++;
	if (pos < len && s[pos] == '%') {
		buf[0] = '%';
		buf[1] = '\0';
		return pos + 1;
	}
	for (i = 0; pos < len && ch_alnum(s[pos]) && i + 1 < n; i++)
		buf[i] = ch_lower(s[pos++]);
	buf[i] = '\0';
	while (pos < len && ch_alnum(s[pos]))
		pos++;
	return pos;
}

/* Whether a time of day ("10:30", "@ 9am", "at 14:00") follows pos. */
static int
time_after(const char *s, size_t len, size_t pos)
{
	while (pos < len && s[pos] == ' ')
		pos++;
	if (pos < len && s[pos] == '@')
		return 1;
	if (pos + 3 < len && s[pos] == 'a' && s[pos + 1] == 't' &&
	    s[pos + 2] == ' ' && ch_digit(s[pos + 3]))
		return 1;
	if (pos >= len || !ch_digit(s[pos]))
		return 0;
	pos++;
	if (pos < len && ch_digit(s[pos]))
		pos++;
	return pos + 2 < len && s[pos] == ':' && ch_digit(s[pos + 1]) &&
	    ch_digit(s[pos + 2]);
}

static int
has(const struct rx_match *m, int g)
{
	return g < m->ngroups && m->start[g] != SIZE_MAX;
}

static size_t
glen(const struct rx_match *m, int g)
{
	return m->end[g] - m->start[g];
}

static int
gnum(const char *s, const struct rx_match *m, int g)
{
	return num(s, m->start[g], m->end[g]);
}

static void
cand_set(struct cand *c, size_t start, size_t end, float score,
    const char *name)
{
	c->start = start;
	c->end = end;
	c->score = score;
	c->name = name;
}

/*
 * Whether a month/day pair without a year (a/b, both valid as a date
 * one way or the other) reads as a date in its place.  us is 1 when a is
 * the month, 0 when only the day-first reading is valid (then the words
 * around must say "date").
 */
static int
partial_ok(const char *s, size_t len, size_t start, size_t end, int a,
    int b, int us)
{
	char w1[16], w2[16], w3[16], n1[16];
	size_t p;

	p = word_before(s, start, w1, sizeof(w1));
	p = word_before(s, p, w2, sizeof(w2));
	(void)word_before(s, p, w3, sizeof(w3));
	(void)word_after(s, len, end, n1, sizeof(n1));

	if (in_list(w1, score_before) || in_list(n1, score_after))
		return 0;
	if (strcmp(w1, "of") == 0)
		return in_list(w2, of_date);
	if (in_list(w1, date_before) || time_after(s, len, end))
		return 1;
	if (in_list(w2, score_before) || in_list(w3, score_before))
		return 0;
	if (in_list(w2, date_before))
		return 1;
	if (!us)
		return 0;
	/* Scores and fractions: 5/5, 2/2, 4/10, 1/2, 3/4, 4/5. */
	return !(a == b || (a < b && (b <= 5 || b == 10)));
}

/*
 * The characters around a numeric candidate: no digit run may continue
 * it (1.2.3.4, 12:30/4, 3/14/2021/7), and no letter may touch it.  A
 * '-' between two slashed dates is a range and allowed.
 */
static int
numeric_edges(const char *s, size_t len, size_t start, size_t end, char sep)
{
	char p = ' ', pp = ' ', n = ' ', nn = ' ';

	if (start > 0)
		p = s[start - 1];
	if (start > 1)
		pp = s[start - 2];
	if (end < len)
		n = s[end];
	if (end + 1 < len)
		nn = s[end + 1];

	if ((p == '.' || p == ':' || p == ',' || p == '-' || p == '+') &&
	    ch_digit(pp) && !(p == '-' && sep == '/'))
		return 0;
	if (ch_alpha(n) || n == '%' || n == '_')
		return 0;
	if ((n == '.' || n == ':' || n == ',' || n == '/') && ch_digit(nn))
		return 0;
	return !(n == '-' && sep != '/' && ch_digit(nn));
}

/* a/b/c: M/D/Y (or D/M/Y when only that is valid) and Y/M/D. */
static int
check_three(const char *s, const struct rx_match *m, struct cand *c)
{
	size_t la = glen(m, 1), lb = glen(m, 3), lc = glen(m, 4);
	int a = gnum(s, m, 1), b = gnum(s, m, 3), y;
	char sep = s[m->start[2]];

	if (la == 4) {
		y = parse_year(s, m->start[1], m->end[1]);
		if (y < 0 || lc > 2 || !valid_md(b, gnum(s, m, 4), y))
			return 0;
		cand_set(c, m->start[0], m->end[0], 0.95f,
		    sep == '-' ? "date.iso" : "date.numeric");
		return 1;
	}
	if (la > 2 || lb > 2 || (lc != 2 && lc != 4))
		return 0;
	/*
	 * 3-14-50 is as often a count or a range as a date: it needs a
	 * date word before it ("DOB 3-14-50", "seen on 3-4-21").
	 */
	if (lc == 2 && sep == '-' && (la != 2 || lb != 2)) {
		char w[16];

		(void)word_before(s, m->start[0], w, sizeof(w));
		if (!in_list(w, date_before))
			return 0;
	}
	if (lc == 2 && sep == '.')
		return 0;
	y = parse_year(s, m->start[4], m->end[4]);
	if (y < 0 || !(valid_md(a, b, y) || valid_md(b, a, y)))
		return 0;
	cand_set(c, m->start[0], m->end[0], lc == 4 ? 0.95f : 0.9f,
	    "date.numeric");
	return 1;
}

/* a/b: month/year (3/2019) or month/day (7/22) judged by context. */
static int
check_two(const char *s, size_t len, const struct rx_match *m,
    struct cand *c)
{
	size_t la = glen(m, 1), lb = glen(m, 3);
	int a = gnum(s, m, 1), b = gnum(s, m, 3);
	char w1[16];

	if (s[m->start[2]] != '/' || la > 2)
		return 0;
	if (lb == 4) {
		(void)word_before(s, m->start[0], w1, sizeof(w1));
		if (a < 1 || a > 12 || !plausible_year(b) ||
		    in_list(w1, score_before))
			return 0;
		cand_set(c, m->start[0], m->end[0], 0.85f, "date.numeric");
		return 1;
	}
	if (lb > 2)
		return 0;
	if (valid_md(a, b, -1)) {
		if (!partial_ok(s, len, m->start[0], m->end[0], a, b, 1))
			return 0;
	} else if (!valid_md(b, a, -1) ||
	    !partial_ok(s, len, m->start[0], m->end[0], a, b, 0)) {
		return 0;
	}
	cand_set(c, m->start[0], m->end[0], 0.6f, "date.partial");
	return 1;
}

static int
check_numeric(const char *s, size_t len, const struct rx_match *m,
    struct cand *c)
{
	if (!numeric_edges(s, len, m->start[0], m->end[0], s[m->start[2]]))
		return 0;
	if (has(m, 4))
		return check_three(s, m, c);
	return check_two(s, len, m, c);
}

static int
check_iso_time(const char *s, const struct rx_match *m, struct cand *c)
{
	int y = parse_year(s, m->start[1], m->end[1]);

	if (y < 0 || !valid_md(gnum(s, m, 2), gnum(s, m, 3), y) ||
	    gnum(s, m, 4) > 23 || gnum(s, m, 5) > 59)
		return 0;
	cand_set(c, m->start[0], m->end[0], 0.95f, "date.iso");
	return 1;
}

/* 20210314 or 03141955 after a date label; 031455 after a birth label. */
static int
check_compact(const char *s, const struct rx_match *m, struct cand *c)
{
	size_t a = m->start[2];
	int y;

	if (glen(m, 2) == 6) {
		if (!has(m, 1))
			return 0;
		y = parse_year(s, a + 4, a + 6);
		if (!valid_md(num(s, a, a + 2), num(s, a + 2, a + 4), y))
			return 0;
	} else {
		y = num(s, a, a + 4);
		if (!plausible_year(y) ||
		    !valid_md(num(s, a + 4, a + 6), num(s, a + 6, a + 8), y)) {
			y = num(s, a + 4, a + 8);
			if (!plausible_year(y) || !valid_md(num(s, a, a + 2),
			    num(s, a + 2, a + 4), y))
				return 0;
		}
	}
	cand_set(c, a, m->end[2], 0.85f, "date.compact");
	return 1;
}

/* The end of a day number and its ordinal suffix ("14th"). */
static size_t
day_end(const char *s, size_t len, size_t end)
{
	static const char ords[] = "stndrdth";
	int i;

	if (end + 2 > len)
		return end;
	for (i = 0; i < 8; i += 2)
		if (ch_lower(s[end]) == ords[i] &&
		    ch_lower(s[end + 1]) == ords[i + 1])
			return end + 2;
	return end;
}

/* Whether the word after pos makes a count of the day ("May 2 weeks"). */
static int
unit_follows(const char *s, size_t len, size_t pos)
{
	char w[16];

	(void)word_after(s, len, pos, w, sizeof(w));
	return in_list(w, unit_after);
}

/*
 * Whether s[a, b) holds a line break: a date may run over one only
 * when it is whole ("March\n14, 1950"), not month and day alone.
 */
static int
has_break(const char *s, size_t a, size_t b)
{
	return memchr(s + a, '\n', b - a) != NULL ||
	    memchr(s + a, '\r', b - a) != NULL;
}

/* March 14, 2021; Mar. 14th; Jan 9th '23; Jul 22. */
static int
check_month_day(const char *s, size_t len, const struct rx_match *m,
    struct cand *c)
{
	int mo = month_of(s, m->start[1], m->end[1]);
	int d = gnum(s, m, 2), y = -1;
	size_t end = day_end(s, len, m->end[2]);

	if (has(m, 3)) {
		y = parse_year(s, m->start[3], m->end[3]);
		if (y >= 0)
			end = m->end[3];
	}
	if (!valid_md(mo, d, y))
		return 0;
	if (y < 0 && (verb_month(s, m->start[1], m->end[1]) ||
	    m->end[1] == m->start[2] || unit_follows(s, len, end) ||
	    has_break(s, m->end[1], m->start[2])))
		return 0;
	cand_set(c, m->start[0], end, y >= 0 ? 0.95f : 0.8f,
	    y >= 0 ? "date.month" : "date.partial");
	return 1;
}

/*
 * Whether the year of a day-first date may be two bare digits: only
 * when joined by '-', '/' or '.' (14-Mar-21), or with nothing at all
 * (14MAR21).  Groups: 1 day, 2 month, 3 separator, 4 year.
 */
static int
short_year_ok(const char *s, size_t len, const struct rx_match *m)
{
	size_t a = m->start[3], b = m->end[3];

	if (glen(m, 4) != 2 || s[m->start[4]] == '\'')
		return 1;
	if (b == a)
		return day_end(s, len, m->end[1]) == m->start[2] &&
		    m->end[2] == a;
	return b - a == 1 && (s[a] == '-' || s[a] == '/' || s[a] == '.');
}

/*
 * 14 March 2021; 14-Mar-2021; 14MAR21; 14 March.  A day glued to the
 * month needs a year and an upper-case month.
 */
static int
check_day_month(const char *s, size_t len, const struct rx_match *m,
    struct cand *c)
{
	int d = gnum(s, m, 1), mo = month_of(s, m->start[2], m->end[2]);
	int y = -1, glued;
	size_t end = m->end[2];

	if (has(m, 4) && short_year_ok(s, len, m)) {
		y = parse_year(s, m->start[4], m->end[4]);
		if (y >= 0)
			end = m->end[4];
	}
	if (!valid_md(mo, d, y))
		return 0;
	glued = day_end(s, len, m->end[1]) == m->start[2];
	if (glued && all_lower(s, m->start[2], m->end[2]))
		return 0;
	if (y < 0 && (glued || all_lower(s, m->start[2], m->end[2]) ||
	    memchr(s + m->end[1], '.', m->start[2] - m->end[1]) != NULL))
		return 0;
	cand_set(c, m->start[0], end, y >= 0 ? 0.95f : 0.75f,
	    y >= 0 ? "date.month" : "date.partial");
	return 1;
}

/* the 14th of March (2021). */
static int
check_day_of_month(const char *s, const struct rx_match *m, struct cand *c)
{
	int d = gnum(s, m, 1), mo = month_of(s, m->start[2], m->end[2]);
	int y = -1;
	size_t end = m->end[2];

	if (has(m, 3)) {
		y = parse_year(s, m->start[3], m->end[3]);
		if (y >= 0)
			end = m->end[3];
	}
	if (!valid_md(mo, d, y))
		return 0;
	cand_set(c, m->start[0], end, 0.9f, "date.month");
	return 1;
}

/* March 2019; Mar '19. */
static int
check_month_year(const char *s, size_t len, const struct rx_match *m,
    struct cand *c)
{
	size_t a = m->start[1], b = m->end[1];

	if (parse_year(s, m->start[2], m->end[2]) < 0)
		return 0;
	if (all_lower(s, a, b) && b - a == 3 && memcmp(s + a, "may", 3) == 0)
		return 0;
	if (unit_follows(s, len, m->end[2]))
		return 0;
	cand_set(c, a, m->end[2], 0.85f, "date.month");
	return 1;
}

static int
check(enum form f, const char *s, size_t len, const struct rx_match *m,
    struct cand *c)
{
	switch (f) {
	case FORM_NUMERIC:
		return check_numeric(s, len, m, c);
	case FORM_ISO_TIME:
		return check_iso_time(s, m, c);
	case FORM_COMPACT:
		return check_compact(s, m, c);
	case FORM_MONTH_DAY:
		return check_month_day(s, len, m, c);
	case FORM_DAY_MONTH:
		return check_day_month(s, len, m, c);
	case FORM_DAY_OF_MONTH:
		return check_day_of_month(s, m, c);
	case FORM_MONTH_YEAR:
		return check_month_year(s, len, m, c);
	case FORM_RELATIVE:
		/* relative dates hold a blank, weekdays none */
		cand_set(c, m->start[0], m->end[0], 0.6f,
		    strcspn(s + m->start[0], " \t") < glen(m, 0) ?
		    "date.relative" : "date.weekday");
		return 1;
	case FORM_YEAR:
		cand_set(c, m->start[0], m->end[0], 0.5f, "date.year");
		return 1;
	default:
		return 0;
	}
}

/*
 * Where a pattern may match.  Every pattern starts with a lookbehind
 * that refuses a word character before it, then a digit, a month name
 * or a date label; the tests below are necessary conditions taken from
 * the patterns themselves, so running a pattern only where they hold
 * finds exactly the matches a search from every byte would.  Case is
 * ASCII's, except that PCRE2's caseless UTF matching also takes U+017F
 * (long s, bytes C5 BF) for 's'.
 */

/* The length of an ordinal suffix at q ("st", "TH"), or 0. */
static size_t
ord_len(const char *s, size_t len, size_t q)
{
	static const char ords[] = "stndrdth";
	int i;

	if (q + 3 <= len && (unsigned char)s[q] == 0xc5 &&
	    (unsigned char)s[q + 1] == 0xbf && ch_lower(s[q + 2]) == 't')
		return 3;
	if (q + 2 > len)
		return 0;
	for (i = 0; i < 8; i += 2)
		if (ch_lower(s[q]) == ords[i] &&
		    ch_lower(s[q + 1]) == ords[i + 1])
			return 2;
	return 0;
}

/* Month names as MON takes them, whole words. */
static const char *const month_words[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", "jan",
	"feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct", "nov",
	"dec", NULL
};

/* The first words of the labels of FORM_COMPACT ("d" of "d.o.b."). */
static const char *const label_words[] = {
	"dob", "d", "date", "dated", "birth", "birthdate", "born", "dos",
	NULL
};

enum { WORD_NO, WORD_YES, WORD_MAYBE };

/*
 * Whether the run of ASCII letters at q is one of list (any case); its
 * end goes to *end.  WORD_MAYBE when a byte past ASCII starts or ends
 * it: PCRE2's caseless matching takes U+017F for 's', so only the
 * pattern can tell.
 */
static int
word_in(const char *s, size_t len, size_t q, const char *const *list,
    size_t *end)
{
	char w[12];
	size_t n;

	for (n = 0; q + n < len && ch_alpha(s[q + n]); n++) {
		if (n + 1 >= sizeof(w))
			return WORD_NO;
		w[n] = ch_lower(s[q + n]);
	}
	w[n] = '\0';
	*end = q + n;
	if ((unsigned char)s[q] >= 0x80 ||
	    (q + n < len && (unsigned char)s[q + n] >= 0x80))
		return WORD_MAYBE;
	return in_list(w, list) ? WORD_YES : WORD_NO;
}

/* Past blanks and at most one line break (BR) with blanks after it. */
static size_t
skip_break(const char *s, size_t len, size_t q)
{
	q = ch_skip_blanks(s, len, q);
	if (q < len && s[q] == '\r')
		q++;
	if (q < len && s[q] == '\n')
		q++;
	return ch_skip_blanks(s, len, q);
}

/*
 * Whether a month name at q may begin FORM_MONTH_DAY or FORM_MONTH_YEAR:
 * both go on with an optional '.', blanks, at most one of "-/," and
 * blanks (or one line break), then a number.
 */
static int
month_then_number(const char *s, size_t len, size_t q)
{
	size_t r;
	int w = word_in(s, len, q, month_words, &r);

	if (w != WORD_YES)
		return w == WORD_MAYBE;
	if (r < len && s[r] == '.')
		r++;
	r = ch_skip_blanks(s, len, r);
	if (r < len && (s[r] == '-' || s[r] == '/' || s[r] == ','))
		r++;
	r = skip_break(s, len, r);
	return r < len && (ch_digit(s[r]) || s[r] == '\'');
}

/*
 * Whether the letters at q may begin a month name: cheaper than word_in()
 * for the many words that cannot.
 */
static int
month_start(const char *s, size_t len, size_t q)
{
	char a, b;

	if (q >= len || (unsigned char)s[q] >= 0x80)
		return q < len;
	if (q + 1 >= len)
		return 0;
	a = ch_lower(s[q]);
	b = ch_lower(s[q + 1]);
	switch (a) {
	case 'j':
		return b == 'a' || b == 'u';
	case 'f':
	case 's':
	case 'd':
		return b == 'e';
	case 'm':
		return b == 'a';
	case 'a':
		return b == 'p' || b == 'u';
	case 'o':
		return b == 'c';
	case 'n':
		return b == 'o';
	default:
		return 0;
	}
}

/* Whether "[ \t]*[-/.]?[ \t]*" and a month name follow q. */
static int
month_ahead(const char *s, size_t len, size_t q)
{
	size_t r;

	q = ch_skip_blanks(s, len, q);
	if (q < len && (s[q] == '-' || s[q] == '/' || s[q] == '.'))
		q++;
	q = ch_skip_blanks(s, len, q);
	return month_start(s, len, q) &&
	    word_in(s, len, q, month_words, &r) != WORD_NO;
}

/* Whether a date label of FORM_COMPACT may start at q. */
static int
label_at(const char *s, size_t len, size_t q)
{
	size_t r;
	int w = word_in(s, len, q, label_words, &r);

	if (w == WORD_YES && r == q + 1)
		return r < len && s[r] == '.';
	return w != WORD_NO;
}

/* The forms that may match at letter p (or a long s). */
static unsigned
letter_forms(const char *s, size_t len, size_t p)
{
	unsigned mask = 0;

	if (label_at(s, len, p))
		mask |= 1u << FORM_COMPACT;
	if (month_then_number(s, len, p))
		mask |= 1u << FORM_MONTH_DAY | 1u << FORM_MONTH_YEAR;
	if ((unsigned char)s[p] < 0x80)
		mask |= 1u << FORM_RELATIVE;
	return mask;
}

/* The forms that may match at p, a run of nd digits followed by q. */
static unsigned
digit_forms(const char *s, size_t len, size_t p, size_t nd)
{
	size_t q = p + nd, o;
	char n = q < len ? s[q] : '\0';
	unsigned mask = 0;

	if (nd <= 4 && (n == '/' || n == '.' || n == '-'))
		mask |= 1u << FORM_NUMERIC;
	if (nd == 4 && n == '-')
		mask |= 1u << FORM_ISO_TIME;
	if (nd == 4)
		mask |= 1u << FORM_YEAR;
	if (nd > 2)
		return mask;
	o = ord_len(s, len, q);
	if (month_ahead(s, len, q) || (o > 0 && month_ahead(s, len, q + o)))
		mask |= 1u << FORM_DAY_MONTH;
	if (o > 0 && q + o < len && (s[q + o] == ' ' || s[q + o] == '\t'))
		mask |= 1u << FORM_DAY_OF_MONTH;
	return mask;
}

static size_t
digit_run(const char *s, size_t len, size_t p)
{
	size_t n;

	for (n = 0; p + n < len && ch_digit(s[p + n]); n++)
		;
	return n;
}

/*
 * FORM_NUMERIC: what the pattern
 *   (?<![\w/])(\d{1,4})([/.-])(\d{1,4})(?:\2(\d{1,4}))?(?!\d)
 * matches at p, groups included, worked out by hand: it is the most
 * frequent form and too simple to pay for a call into PCRE2.  A run of
 * more than 4 digits in the first or second number leaves no match (no
 * shorter choice is followed by a separator), and a third number of
 * more than 4 digits is left out of the match.
 */
static int
numeric_at(const char *s, size_t len, size_t p, struct rx_match *m)
{
	size_t a, b, c, q;
	char sep;
	int i;

	if (p > 0 && (ch_alnum(s[p - 1]) || s[p - 1] == '_' ||
	    s[p - 1] == '/'))
		return 0;
	a = digit_run(s, len, p);
	if (a == 0 || a > 4 || p + a >= len)
		return 0;
	sep = s[p + a];
	if (sep != '/' && sep != '.' && sep != '-')
		return 0;
	q = p + a + 1;
	b = digit_run(s, len, q);
	if (b == 0 || b > 4)
		return 0;

	for (i = 0; i < RX_MAX_GROUPS; i++)
		m->start[i] = m->end[i] = SIZE_MAX;
	m->ngroups = 4;
	m->start[1] = p;
	m->end[1] = m->start[2] = p + a;
	m->end[2] = m->start[3] = q;
	m->end[3] = q + b;
	q += b;
	c = q < len && s[q] == sep ? digit_run(s, len, q + 1) : 0;
	if (c >= 1 && c <= 4) {
		m->ngroups = 5;
		m->start[4] = q + 1;
		m->end[4] = q + 1 + c;
		q += 1 + c;
	}
	m->start[0] = p;
	m->end[0] = q;
	return 1;
}

static void
match_set(struct rx_match *m, size_t start, size_t end)
{
	int i;

	for (i = 0; i < RX_MAX_GROUPS; i++)
		m->start[i] = m->end[i] = SIZE_MAX;
	m->ngroups = 1;
	m->start[0] = start;
	m->end[0] = end;
}

/*
 * FORM_RELATIVE at p: a weekday, or "last"/"next" and a weekday or a
 * month ("next Tuesday", "last December").  Words with bytes
 * past ASCII are none of these.
 */
static int
relative_at(const char *s, size_t len, size_t p, struct rx_match *m)
{
	size_t e, q, r;

	if (p > 0 && ch_alnum(s[p - 1]))
		return 0;
	if (word_in(s, len, p, weekday_words, &e) == WORD_YES) {
		match_set(m, p, e);
		return 1;
	}
	if (word_in(s, len, p, relative_words, &e) != WORD_YES)
		return 0;
	q = ch_skip_blanks(s, len, e);
	if (q == e || word_in(s, len, q, relative_units, &r) != WORD_YES)
		return 0;
	match_set(m, p, r);
	return 1;
}

/*
 * Whether the words before pos make a birth year: "born", "birth",
 * "dob" or "yob" just before it, or "born in" ("born in 1932", which
 * tells the age as well as "born 1932" does).
 */
/*
 * word_before, reaching back over one line break (blanks around it) but
 * not two, so that a cue may end the line above its year ("born in\n
 * 1932") as it may for other values.
 */
static size_t
word_before_break(const char *s, size_t pos, char *buf, size_t n)
{
	size_t p = pos;

	while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t'))
		p--;
	if (p == 0 || s[p - 1] != '\n')
		return word_before(s, pos, buf, n);
	p--;
	if (p > 0 && s[p - 1] == '\r')
		p--;
	while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t'))
		p--;
	if (p > 0 && s[p - 1] == '\n')
		return word_before(s, pos, buf, n);
	return word_before(s, p, buf, n);
}

static int
birth_year_before(const char *s, size_t pos)
{
	char w[16];
	size_t a;

	a = word_before_break(s, pos, w, sizeof(w));
	if (in_list(w, year_before))
		return 1;
	if (strcmp(w, "in") != 0)
		return 0;
	(void)word_before_break(s, a, w, sizeof(w));
	return strcmp(w, "born") == 0;
}

/*
 * FORM_YEAR at p: four digits, 1900-2099, standing alone after words
 * that make them a birth year ("born 1931") and before no unit.
 */
static int
year_at(const char *s, size_t len, size_t p, struct rx_match *m)
{
	char w[16];
	size_t e = p + 4;
	int y;

	if (p > 0 && (ch_alnum(s[p - 1]) || strchr("/.-$#:,", s[p - 1])))
		return 0;
	if (e < len && (ch_alnum(s[e]) || strchr("/-:%", s[e]) != NULL ||
	    (strchr(".,", s[e]) != NULL && e + 1 < len && ch_digit(s[e + 1]))))
		return 0;
	y = num(s, p, e);
	if (y < 1900 || y > 2099)
		return 0;
	if (!birth_year_before(s, p))
		return 0;
	(void)word_after(s, len, e, w, sizeof(w));
	if (in_list(w, unit_after) || in_list(w, score_after) || w[0] == '%')
		return 0;
	match_set(m, p, e);
	return 1;
}

/*
 * Try the forms of mask at p.  from[f] is where form f's search has got
 * to: a match hides the candidates inside it, as a forward search would.
 */
static int
try_at(const struct dates_state *st, const char *s, size_t len, size_t p,
    unsigned mask, size_t *from, struct spans *out)
{
	struct rx_match m;
	struct cand c;
	int f, r;

	for (f = 0; mask != 0; f++, mask >>= 1) {
		if (!(mask & 1) || p < from[f])
			continue;
		if (f == FORM_NUMERIC)
			r = numeric_at(s, len, p, &m);
		else if (f == FORM_RELATIVE)
			r = relative_at(s, len, p, &m);
		else if (f == FORM_YEAR)
			r = year_at(s, len, p, &m);
		else
			r = rx_match_at(st->rx[f], s, len, p, &m);
		if (r < 0)
			return r;
		if (r == 0)
			continue;
		if (check((enum form)f, s, len, &m, &c)) {
			r = spans_add(out, c.start, c.end, PHI_DATE, c.score,
			    c.name);
			if (r < 0)
				return r;
		}
		from[f] = m.end[0] > m.start[0] ? m.end[0] : m.start[0] + 1;
	}
	return 0;
}

static void
dates_fini(void *state)
{
	struct dates_state *st = state;
	int f;

	if (st == NULL)
		return;
	for (f = 0; f < FORM_COUNT; f++)
		rx_free(st->rx[f]);
	free(st);
}

/* Fill the prefix table; -1 if two prefixes share a slot. */
static int
fill_prefixes(uint32_t *table)
{
	uint32_t k, slot;
	size_t i;

	for (i = 0; prefixes[i] != NULL; i++) {
		k = prefix_key(prefixes[i], 3, 0);
		slot = prefix_slot(k);
		if (table[slot] != 0)
			return -1;
		table[slot] = k;
	}
	return 0;
}

static void
fill_classes(unsigned char *cls)
{
	int c;

	for (c = 0; c < 256; c++) {
		cls[c] = 0;
		if (ch_alnum((char)c) || c == '_')
			cls[c] |= C_WORD;
		if (ch_digit((char)c))
			cls[c] |= C_DIGIT;
	}
	cls[0xc5] |= C_LONG_S;
}

static int
dates_init(void **state, char *errbuf, size_t errlen)
{
	struct dates_state *st;
	int f;

	*state = NULL;
	st = calloc(1, sizeof(*st));
	if (st == NULL)
		return ERR_NOMEM;
	fill_classes(st->cls);
	if (fill_prefixes(st->prefix) < 0) {
		(void)snprintf(errbuf, errlen, "date prefixes share a slot");
		free(st);
		return ERR_INTERNAL;
	}
	for (f = 0; f < FORM_COUNT; f++) {
		if (form_defs[f].pattern == NULL)
			continue;
		st->rx[f] = rx_new(form_defs[f].pattern,
		    form_defs[f].flags | RX_ANCHORED, errbuf, errlen);
		if (st->rx[f] == NULL) {
			dates_fini(st);
			return ERR_INTERNAL;
		}
	}
	*state = st;
	return 0;
}

/*
 * The forms that may match at p, where a run of word characters starts
 * or a long s stands.
 */
static unsigned
forms_at(const struct dates_state *st, const char *s, size_t len, size_t p)
{
	const unsigned char *cls = st->cls;
	size_t nd;
	uint32_t k;
	unsigned c = cls[(unsigned char)s[p]];

	if (c & C_LONG_S)
		return letter_forms(s, len, p);
	if (!(c & C_DIGIT)) {
		k = prefix_key(s, len, p);
		if (st->prefix[prefix_slot(k)] != k)
			return 0;
		return letter_forms(s, len, p);
	}
	for (nd = 1; p + nd < len && (cls[(unsigned char)s[p + nd]] & C_DIGIT);
	    nd++)
		;
	return digit_forms(s, len, p, nd);
}

/*
 * Of the candidates in bits (offsets from at), those worth a closer
 * look: digits, the long s and the prefixes of month names and date
 * labels.  No branch here depends on the text, so the many words that
 * are none of these cost little.
 */
static uint64_t
keep_likely(const struct dates_state *st, const char *s, size_t len,
    size_t at, uint64_t bits)
{
	uint64_t keep = 0;
	uint32_t k;
	size_t p;
	int i, hit;

	for (; bits != 0; bits &= bits - 1) {
		i = __builtin_ctzll(bits);
		p = at + (size_t)i;
		k = prefix_key(s, len, p);
		hit = (st->cls[(unsigned char)s[p]] & (C_DIGIT | C_LONG_S)) !=
		    0;
		hit |= st->prefix[prefix_slot(k)] == k;
		keep |= (uint64_t)hit << i;
	}
	return keep;
}

/*
 * The long s (U+017F) at or after from that no word character precedes,
 * as bits from offset at (see rx_word_starts); *next moves past them.
 */
static uint64_t
long_s_bits(const unsigned char *cls, const char *s, size_t len, size_t at,
    const char **next)
{
	uint64_t bits = 0;
	size_t p;

	while (*next != NULL && (size_t)(*next - s) < at + 64) {
		p = (size_t)(*next - s);
		if (p == 0 || !(cls[(unsigned char)s[p - 1]] & C_WORD))
			bits |= 1ULL << (p - at);
		*next = memchr(s + p + 1, 0xc5, len - p - 1);
	}
	return bits;
}

/*
 * Candidates are the starts of runs of word characters (a letter or a
 * digit with none before it) and the long s, in order of position.
 */
static int
dates_scan(const void *state, const struct recog_ctx *ctx,
    struct spans *out)
{
	const struct dates_state *st = state;
	size_t from[FORM_COUNT] = { 0 };
	const char *s, *ls;
	size_t len, at, p;
	uint64_t bits;
	unsigned mask;
	int r;

	s = text_view(ctx->text, &len);
	ls = memchr(s, 0xc5, len);
	for (at = 0; at < len; at += 64) {
		bits = rx_word_starts(s, len, at);
		if (ls != NULL)
			bits |= long_s_bits(st->cls, s, len, at, &ls);
		bits = keep_likely(st, s, len, at, bits);
		for (; bits != 0; bits &= bits - 1) {
			p = at + (size_t)__builtin_ctzll(bits);
			mask = forms_at(st, s, len, p);
			if (mask == 0)
				continue;
			r = try_at(st, s, len, p, mask, from, out);
			if (r < 0)
				return r;
		}
	}
	return 0;
}

const struct recognizer_ops recognizer_dates = {
	.name = "dates",
	.init = dates_init,
	.fini = dates_fini,
	.scan = dates_scan
};
