/*
 * phones.c - telephone and fax numbers.
 *
 * Two passes over the folded view.  The NANP pass finds 10-digit North
 * American numbers in their usual dress (parentheses, dashes, dots,
 * spaces, a leading 1 or +1, an extension) and checks that the area code
 * and the exchange start with 2-9.  The general pass finds other groups
 * of digits: those that start with "+" are taken on their own, the rest
 * (7-digit local numbers, bare runs, foreign layouts) only next to a
 * telephone word.  The words before a number decide between PHONE and
 * FAX, and an identifier label right before it ("MRN", "acct") makes it
 * a weak candidate, or none when it is a bare run of digits.  Last, a
 * number that one line break splits after a dash ("555-\n0123") is
 * looked for at each such break, and kept only after a telephone word.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chars.h"
#include "err.h"
#include "recognizer.h"
#include "rx.h"

/* How far back the words that qualify a number may be. */
#define WINDOW		48
/* Longest run of filler words between a label and its number. */
#define GAP_MAX		40
#define GAP_WORDS	4

enum label_kind {
	LABEL_NONE,
	LABEL_PHONE,
	LABEL_FAX
};

/* Byte classes for phones_scan(). */
enum {
	C_RUN = 1,		/* digit, blank or "+()-./" */
	C_DIGIT = 2,
	C_EXT = 4		/* first letter of an extension */
};

/*
 * What every label of label_pattern starts with: its first three
 * letters, lower case, or fewer when a non-letter follows ("ph", "a" of
 * "a/c", "f" of "f:").  context_before() runs the pattern only where
 * the text starts like one of them.  They are kept in a table of 256
 * slots indexed by a multiplicative hash that gives each its own slot.
 */
#define KEY_BITS	8
#define KEY_MUL		0x13d8cfefu

static const char *const label_keys[] = {
	"fax", "fac", "tel", "f", "pho", "ph", "cel", "mob", "pag", "bee",
	"cal", "tex", "dia", "voi", "mes", "ans", "sms", "wha", "vm", "hot",
	"con", "rea", "p", "t", "h", "c", "m", "w", "hom", "wor", "off",
	"des", "mai", "dir", "lin", "day", "eve", "mrn", "mr", "med", "acc",
	"a", "id", "mem", "mbr", "npi", "dea", "pol", "gro", "grp", "cla",
	"ord", "spe", "ser", "sn", "s", "lic", "pla", "vin", "ssn", "ss",
	"sub", "cha", "mbi", "ins", "inv", "tra", "lot", "bat", "enc", "fin",
	"csn", "har", "emp", "bad", "pas", "rou", "cas", NULL
};

/* The longest telephone or fax word: "telecopier". */
#define KIND_MAX	10

struct phones {
	unsigned char cls[256];
	uint32_t keys[1 << KEY_BITS];
	struct rx *nanp;	/* North American numbers */
	struct rx *intl;	/* any other grouping of digits */
	struct rx *label;	/* telephone, fax and identifier words */
	struct rx *trail;	/* a label right after a number */
	struct rx *idgap;	/* what may separate an id label from it */
};

/* What the text around one number says about it. */
struct context {
	enum label_kind kind;	/* the last telephone or fax word before */
	int near;		/* that word directly introduces the number */
	int id;			/* an identifier label directly before */
};

/*
 * Groups: 1 country code, 2 area code in parentheses, 3 bare area code,
 * 4 and 5 the separators after the area code and the exchange, 6 the
 * extension.
 */
static const char nanp_pattern[] =
	"(?<![0-9])(?<![0-9][-./])"
	"(?:(\\+[ \\t]?1|(?:00)?1)(?:[ \\t]?[-.][ \\t]?|[ \\t])?)?"
	"(?:\\([ \\t]?([2-9][0-9]{2})[ \\t]?\\)|([2-9][0-9]{2}))"
	"((?:[ \\t]?[-./][ \\t]?|[ \\t]{1,2})?)"
	"[2-9][0-9]{2}"
	"((?:[ \\t]?[-.][ \\t]?|[ \\t])?)"
	"[0-9]{4}"
	"(?![0-9])(?![-./][0-9])"
	"((?:[ \\t]{0,2}[,;]?[ \\t]{0,2}"
	"(?:ext(?:ension)?\\.?[ \\t]*[:#]?[ \\t]*[0-9]{1,6}"
	"|x[0-9]{2,6}|x[ \\t][0-9]{3,6})(?![0-9])"
	"(?![ \\t]*(?:days?|d|wks?|weeks?|months?|hrs?|hours?|times?)\\b))?)";

/* Group 1 a leading "+" or "00"; 2 the extension. */
static const char intl_pattern[] =
	"(?<![0-9A-Za-z+])(?<![0-9][-./])"
	"(?:(\\+|00)[ \\t]?)?"
	"(?:\\([ \\t]?0?[0-9]{1,4}[ \\t]?\\)[ \\t]?)?"
	"[0-9]{1,12}"
	"(?:(?:[ \\t]?[-.][ \\t]?|[ \\t]|[ \\t]?\\(0?[0-9]{0,4}\\)[ \\t]?)"
	"[0-9]{1,12}){0,6}"
	"(?![0-9])(?![-./][0-9])"
	"((?:[ \\t]{0,2}[,;]?[ \\t]{0,2}"
	"(?:ext(?:ension)?\\.?[ \\t]*[:#]?[ \\t]*[0-9]{1,6}"
	"|x[0-9]{2,6}|x[ \\t][0-9]{3,6})(?![0-9])"
	"(?![ \\t]*(?:days?|d|wks?|weeks?|months?|hrs?|hours?|times?)\\b))?)";

/*
 * Group 1 fax words, 2 strong telephone words, 3 weak ones (they count
 * only when they introduce the number), 4 identifier labels.
 */
static const char label_pattern[] =
	"(?<![A-Za-z])(?:"
	"(fax(?:ed|es|ing)?|facsimile|telefax|telecopier"
	"|f(?=[ \\t]?[:#]|[ \\t]\\z))"
	"|(phones?|ph|tel|tele|telephone|cell(?:ular|phone)?|mobile|mob"
	"|pager|beeper|call(?:ed|ing|s|back)?|text(?:ed|s)?|dial|voicemail"
	"|messages?|answering|sms|whatsapp"
	"|vm|hotline|contact|reach(?:ed)?|[pthcmw](?=[ \\t]?[:#]))"
	"|(home|work|office|desk|main|direct|line|voice|daytime|evening)"
	"|(mrn|mr|med[ \\t]?rec(?:ord)?|acct|account|a/c|id|member|mbr|npi"
	"|dea|policy|group|grp|claim|accession|acc|order|specimen|serial"
	"|sn|s/n|licen[cs]e|lic|plate|vin|ssn|ss|subscriber|chart|medicaid"
	"|medicare|mbi|insurance|invoice|confirmation|tracking|lot|batch"
	"|encounter|fin|csn|har|employee|badge|passport|routing|case)"
	")(?![A-Za-z])";

/*
 * The labels of label_pattern written with letters only, in strcmp()
 * order, with the group that takes them (1 fax, 2 telephone, 3 weak,
 * 4 identifier).  In ASCII text, label_match() uses them to match
 * label_pattern without PCRE2: the pattern wants no letter on either
 * side, so such a label matches exactly when it is a whole word.
 */
struct label_word {
	const char *word;
	int group;
};

static const struct label_word label_words[] = {
	{ "acc", 4 }, { "accession", 4 }, { "account", 4 }, { "acct", 4 },
	{ "answering", 2 }, { "badge", 4 }, { "batch", 4 }, { "beeper", 2 },
	{ "call", 2 }, { "callback", 2 }, { "called", 2 }, { "calling", 2 },
	{ "calls", 2 }, { "case", 4 }, { "cell", 2 }, { "cellphone", 2 },
	{ "cellular", 2 }, { "chart", 4 }, { "claim", 4 },
	{ "confirmation", 4 }, { "contact", 2 }, { "csn", 4 },
	{ "daytime", 3 }, { "dea", 4 }, { "desk", 3 }, { "dial", 2 },
	{ "direct", 3 }, { "employee", 4 }, { "encounter", 4 },
	{ "evening", 3 }, { "facsimile", 1 }, { "fax", 1 }, { "faxed", 1 },
	{ "faxes", 1 }, { "faxing", 1 }, { "fin", 4 }, { "group", 4 },
	{ "grp", 4 }, { "har", 4 }, { "home", 3 }, { "hotline", 2 },
	{ "id", 4 }, { "insurance", 4 }, { "invoice", 4 }, { "lic", 4 },
	{ "licence", 4 }, { "license", 4 }, { "line", 3 }, { "lot", 4 },
	{ "main", 3 }, { "mbi", 4 }, { "mbr", 4 }, { "medicaid", 4 },
	{ "medicare", 4 }, { "medrec", 4 }, { "medrecord", 4 },
	{ "member", 4 }, { "message", 2 }, { "messages", 2 }, { "mob", 2 },
	{ "mobile", 2 }, { "mr", 4 }, { "mrn", 4 }, { "npi", 4 },
	{ "office", 3 }, { "order", 4 }, { "pager", 2 }, { "passport", 4 },
	{ "ph", 2 }, { "phone", 2 }, { "phones", 2 }, { "plate", 4 },
	{ "policy", 4 }, { "reach", 2 }, { "reached", 2 }, { "routing", 4 },
	{ "serial", 4 }, { "sms", 2 }, { "sn", 4 }, { "specimen", 4 },
	{ "ss", 4 }, { "ssn", 4 }, { "subscriber", 4 }, { "tel", 2 },
	{ "tele", 2 }, { "telecopier", 1 }, { "telefax", 1 },
	{ "telephone", 2 }, { "text", 2 }, { "texted", 2 }, { "texts", 2 },
	{ "tracking", 4 }, { "vin", 4 }, { "vm", 2 }, { "voice", 3 },
	{ "voicemail", 2 }, { "whatsapp", 2 }, { "work", 3 },
};

/* Group 1 a fax label, 2 a telephone label, right after a number. */
static const char trail_pattern[] =
	"\\G[ \\t]{0,3}(?:\\([ \\t]?(?:(fax|f)"
	"|(cell|c|home|h|work|w|mobile|m|office|o|pager|p|desk|direct|main"
	"|voice|phone|tel))[ \\t]?\\)"
	"|-?[ \\t]?(?:(fax)|(cell|home|work|mobile|office|pager|phone)))"
	"(?![A-Za-z])";

static const char idgap_pattern[] =
	"\\G(?:[ \\t:#.=/-]|no\\b|nbr\\b|num(?:ber)?\\b|id\\b|is\\b)*\\z";

/*
 * Words that may stand between a telephone word and its number, in
 * strcasecmp() order for bsearch().
 */
static const char *const filler[] = {
	"a", "after", "alt", "alternate", "and", "any", "anytime", "are", "as",
	"at", "back", "be", "best", "by", "call", "can", "cell", "contact",
	"daytime", "desk", "direct", "directly", "emergency", "evening", "ext",
	"for", "her", "here", "him", "his", "home", "hours", "i", "is", "line",
	"main", "me", "message", "mobile", "my", "nbr", "new", "no", "num",
	"number", "numbers", "of", "office", "on", "or", "other", "our",
	"pager", "ph", "phone", "please", "preferred", "primary", "reach",
	"reached", "registered", "tel", "telephone", "the", "their", "them",
	"to", "urgent", "us", "via", "voice", "was", "we", "work", "you",
	"your"
};

static int
filler_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, *(const char *const *)elem);
}

/*
 * Whether s[start..end) holds only punctuation, digits and filler.  It
 * lies inside the window of window_start(), so it spans two lines only
 * when the number opens a line under its label.
 */
static int
gap_is_filler(const char *s, size_t start, size_t end)
{
	char word[16];
	size_t i, n;
	int words = 0;

	if (end - start > GAP_MAX)
		return 0;
	for (i = start; i < end; i++) {
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z')))
			continue;
		for (n = 0; i < end && ((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z')); i++, n++)
			if (n < sizeof(word) - 1)
				word[n] = s[i];
		if (n >= sizeof(word) - 1 || ++words > GAP_WORDS)
			return 0;
		word[n] = '\0';
		if (bsearch(word, filler, sizeof(filler) / sizeof(filler[0]),
		    sizeof(filler[0]), filler_cmp) == NULL)
			return 0;
		i--;
	}
	return 1;
}

/*
 * Where the words before a number at start may begin: the same line, at
 * most WINDOW bytes back, or the line before when the number opens its
 * line (a label on a line of its own).  Never looks further back than
 * WINDOW bytes, so a long line of numbers stays linear.
 */
static size_t
window_start(const char *s, size_t start)
{
	size_t ls, lo, i;

	lo = start > WINDOW ? start - WINDOW : 0;
	for (ls = start; ls > lo && s[ls - 1] != '\n'; ls--)
		;
	for (i = ls; i < start && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i == start && ls > lo)
		for (ls--; ls > lo && s[ls - 1] != '\n'; ls--)
			;
	if (ls > lo)
		lo = ls;
	while (lo < start && ((unsigned char)s[lo] & 0xc0) == 0x80)
		lo++;
	return lo;
}

/* \w without UCP: an ASCII letter, digit or '_'. */
static int
is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

/* The words idgap_pattern lets stand between an id label and a number. */
static const char *const gap_words[] = {
	"no", "nbr", "num", "number", "id", "is", NULL
};

/*
 * Whether only an "id is:" kind of gap separates s[from..to).  In ASCII
 * text, idgap_pattern holds exactly when the gap splits into the
 * characters " \t:#.=/-" and whole words (ASCII letters, digits and
 * '_') from gap_words, so that is checked by hand.
 */
static int
id_gap(const struct phones *p, const char *s, size_t from, size_t to)
{
	struct rx_match m;
	char w[8];
	size_t q, n;
	int i, hit;

	for (q = from; q < to; q++)
		if ((unsigned char)s[q] >= 0x80)
			return rx_match_at(p->idgap, s, to, from, &m) == 1;
	for (q = from; q < to; q += n) {
		n = 1;
		if (s[q] != '\0' && strchr(" \t:#.=/-", s[q]) != NULL)
			continue;
		for (n = 0; q + n < to && is_word_char(s[q + n]); n++)
			if (n < sizeof(w) - 1)
				w[n] = ch_lower(s[q + n]);
		if (n == 0 || n >= sizeof(w))
			return 0;
		w[n] = '\0';
		for (i = 0, hit = 0; gap_words[i] != NULL && !hit; i++)
			hit = strcmp(w, gap_words[i]) == 0;
		if (!hit)
			return 0;
	}
	return 1;
}

static uint32_t
key_slot(uint32_t key)
{
	return (uint32_t)(key * KEY_MUL) >> (32 - KEY_BITS);
}

/*
 * The key of the letters at s[q..len): up to three, lower case.  Sets
 * *wide when a byte past ASCII comes first (it may be a long s, which
 * matches 's' without case).
 */
static uint32_t
label_key(const char *s, size_t len, size_t q, int *wide)
{
	uint32_t k = 0;
	size_t i;
	char c;

	*wide = 0;
	for (i = 0; i < 3 && q + i < len; i++) {
		c = s[q + i];
		if ((unsigned char)c >= 0x80)
			*wide = 1;
		if (!ch_alpha(c))
			break;
		k |= (uint32_t)(unsigned char)(c | 0x20) << (8 * i);
	}
	return k;
}

/*
 * Whether a label may start at q of s[0..len): a letter (or the first
 * byte of a character past ASCII) with no letter before it, starting
 * like one of label_keys.
 */
static int
label_may(const struct phones *p, const char *s, size_t len, size_t q)
{
	uint32_t k;
	int wide;

	if (!ch_alpha(s[q]) && (unsigned char)s[q] < 0xc0)
		return 0;
	if (q > 0 && ch_alpha(s[q - 1]))
		return 0;
	k = label_key(s, len, q, &wide);
	return wide || p->keys[key_slot(k)] == k;
}

/*
 * The next label match in s[from..start), as a forward search would
 * find it: 1 and m filled, 0 when there is none, or an error.
 */
static int
next_label(const struct phones *p, const char *s, size_t start,
    size_t from, struct rx_match *m)
{
	size_t q;
	int rc;

	for (q = from; q < start; q++) {
		if (!label_may(p, s, start, q))
			continue;
		rc = rx_match_at(p->label, s, start, q, m);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int
cmp_word(const void *key, const void *elem)
{
	return strcmp(key, ((const struct label_word *)elem)->word);
}

/* Whether s[q..start) goes on with "[ \t]?[:#]". */
static int
colon_ahead(const char *s, size_t start, size_t q)
{
	if (q < start && ch_blank(s[q]))
		q++;
	return q < start && (s[q] == ':' || s[q] == '#');
}

/*
 * The labels of label_pattern that are not a word of letters: a single
 * letter before ':' or '#' ("f" also before a blank that ends the text),
 * "a/c", "s/n" and "med rec(ord)" with a blank.  w is the word at q (of
 * n letters), lower case.  1 with *group and *end set, or 0.
 */
static int
label_special(const char *s, size_t start, size_t q, const char *w,
    size_t n, int *group, size_t *end)
{
	size_t r;

	if (n == 1 && strchr("ptchmwf", w[0]) != NULL &&
	    (colon_ahead(s, start, q + 1) || (w[0] == 'f' &&
	    q + 2 == start && ch_blank(s[q + 1])))) {
		*group = w[0] == 'f' ? 1 : 2;
		*end = q + 1;
		return 1;
	}
	if (n == 1 && (w[0] == 'a' || w[0] == 's') && q + 3 <= start &&
	    s[q + 1] == '/' &&
	    ch_lower(s[q + 2]) == (w[0] == 'a' ? 'c' : 'n') &&
	    (q + 3 == start || !ch_alpha(s[q + 3]))) {
		*group = 4;
		*end = q + 3;
		return 1;
	}
	if (n != 3 || strcmp(w, "med") != 0 || q + 3 >= start ||
	    !ch_blank(s[q + 3]))
		return 0;
	for (r = q + 4; r < start && ch_alpha(s[r]); r++)
		;
	if (!((r - q == 7 || r - q == 10) && ch_lower(s[q + 4]) == 'r' &&
	    ch_lower(s[q + 5]) == 'e' && ch_lower(s[q + 6]) == 'c'))
		return 0;
	if (r - q == 10 && !(ch_lower(s[q + 7]) == 'o' &&
	    ch_lower(s[q + 8]) == 'r' && ch_lower(s[q + 9]) == 'd'))
		return 0;
	*group = 4;
	*end = r;
	return 1;
}

/*
 * What label_pattern matches at q of s[0..start), where a run of ASCII
 * letters starts: 1 with *group (1 to 4) and *end set, or 0.  The text
 * has no case twins (see has_case_twins()).
 */
static int
label_match(const char *s, size_t start, size_t q, int *group, size_t *end)
{
	const struct label_word *lw;
	char w[16];
	size_t n;

	for (n = 0; q + n < start && ch_alpha(s[q + n]); n++) {
		if (n + 1 >= sizeof(w))
			return 0;
		w[n] = ch_lower(s[q + n]);
	}
	w[n] = '\0';
	if (label_special(s, start, q, w, n, group, end))
		return 1;
	lw = bsearch(w, label_words, sizeof(label_words) /
	    sizeof(label_words[0]), sizeof(label_words[0]), cmp_word);
	if (lw == NULL)
		return 0;
	*group = lw->group;
	*end = q + n;
	return 1;
}

/*
 * The next label in s[from..start), as next_label() would find it when
 * the text has no case twins, in the form of a match: group g set to
 * [q, end).
 */
static int
next_label_ascii(const struct phones *p, const char *s, size_t start,
    size_t from, struct rx_match *m)
{
	size_t q, end;
	int g, i;

	for (q = from; q < start; q++) {
		if (q > from && ch_alpha(s[q - 1]) && ch_alpha(s[q]))
			continue;
		if (!label_may(p, s, start, q) ||
		    !label_match(s, start, q, &g, &end))
			continue;
		for (i = 0; i < RX_MAX_GROUPS; i++)
			m->start[i] = m->end[i] = SIZE_MAX;
		m->ngroups = g + 1;
		m->start[0] = m->start[g] = q;
		m->end[0] = m->end[g] = end;
		return 1;
	}
	return 0;
}

/*
 * Whether s[a..b) holds a long s (U+017F) or a Kelvin sign (U+212A):
 * the only characters past ASCII that PCRE2's caseless matching takes
 * for ASCII letters ('s' and 'k'), in words or in [A-Za-z].  Without
 * them, label_pattern sees the text as next_label_ascii() does.
 */
static int
has_case_twins(const char *s, size_t a, size_t b)
{
	const unsigned char *u = (const unsigned char *)s;

	for (; a < b; a++) {
		if (u[a] < 0x80)
			continue;
		if (u[a] == 0xc5 && a + 1 < b && u[a + 1] == 0xbf)
			return 1;
		if (u[a] == 0xe2 && a + 2 < b && u[a + 1] == 0x84 &&
		    u[a + 2] == 0xaa)
			return 1;
	}
	return 0;
}

/* Read the labels before the number at start into *c. */
static int
context_before(const struct phones *p, const char *s, size_t start,
    struct context *c)
{
	struct rx_match m;
	size_t from, id_end = 0, kw_end = 0;
	int rc, ascii;

	memset(c, 0, sizeof(*c));
	from = window_start(s, start);
	ascii = !has_case_twins(s, from > 2 ? from - 3 : 0, start);
	while ((rc = ascii ? next_label_ascii(p, s, start, from, &m) :
	    next_label(p, s, start, from, &m)) == 1) {
		from = m.end[0];
		if (m.start[1] != SIZE_MAX || m.start[2] != SIZE_MAX) {
			c->kind = m.start[1] != SIZE_MAX ? LABEL_FAX :
			    LABEL_PHONE;
			kw_end = m.end[0];
		} else if (m.start[3] != SIZE_MAX &&
		    gap_is_filler(s, m.end[0], start)) {
			c->kind = LABEL_PHONE;
			kw_end = m.end[0];
		} else if (m.start[4] != SIZE_MAX) {
			id_end = m.end[0];
		}
	}
	if (rc < 0)
		return rc;
	if (c->kind != LABEL_NONE)
		c->near = gap_is_filler(s, kw_end, start);
	if (id_end > kw_end)
		c->id = id_gap(p, s, id_end, start);
	return 0;
}

/*
 * Whether trail_pattern may match at q: up to three blanks and '(', or
 * an optional '-' and blank and the first letter of one of its words.
 */
static int
trail_may(const char *s, size_t len, size_t q)
{
	size_t i;

	for (i = 0; i < 3 && q < len && ch_blank(s[q]); i++)
		q++;
	if (q < len && s[q] == '(')
		return 1;
	if (q < len && s[q] == '-')
		q++;
	if (q < len && ch_blank(s[q]))
		q++;
	return q < len && s[q] != '\0' &&
	    strchr("fchwmopFCHWMOP", s[q]) != NULL;
}

/*
 * The label right after a number ending at end: LABEL_FAX, LABEL_PHONE
 * or LABEL_NONE.  A label followed by another number belongs to that
 * number ("555-0100  Fax 555-0199"), not to this one; one followed by
 * more words is a word of the sentence ("4 Home Street").
 */
static int
label_after(const struct phones *p, const char *s, size_t len, size_t end,
    enum label_kind *kind)
{
	struct rx_match m;
	size_t i;
	int rc;

	*kind = LABEL_NONE;
	if (!trail_may(s, len, end))
		return 0;
	rc = rx_match_at(p->trail, s, len, end, &m);
	if (rc <= 0)
		return rc;
	for (i = m.end[0]; i < len && strchr(" \t:#.-", s[i]) != NULL; i++)
		;
	if (i < len && (s[i] == '(' || s[i] == '+' ||
	    (s[i] >= '0' && s[i] <= '9')))
		return 0;
	for (i = m.end[0]; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i < len && s[m.end[0] - 1] != ')' &&
	    ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
		return 0;
	*kind = m.start[1] != SIZE_MAX || m.start[3] != SIZE_MAX ?
	    LABEL_FAX : LABEL_PHONE;
	return 0;
}

/*
 * Whether a telephone or fax word may end within GAP_MAX bytes before
 * start.  Without one the words before a number cannot make it "near"
 * (gap_is_filler() takes no longer gap), so the caller may skip
 * context_before() when only nearness matters.
 */
static int
kind_word_near(const struct phones *p, const char *s, size_t start)
{
	size_t q, lo = 0, end;
	int g;

	if (start > GAP_MAX + KIND_MAX)
		lo = start - GAP_MAX - KIND_MAX;
	if (has_case_twins(s, lo > 2 ? lo - 3 : 0, start))
		return 1;
	for (q = lo; q < start; q++) {
		if (q > lo && ch_alpha(s[q - 1]) && ch_alpha(s[q]))
			continue;
		if (label_may(p, s, start, q) &&
		    label_match(s, start, q, &g, &end) && g <= 3)
			return 1;
	}
	return 0;
}

/*
 * Whether the number [start, end) may be "near" a telephone or fax word
 * (see struct context): a label after it, or a word before it.
 */
static int
may_be_near(const struct phones *p, const char *s, size_t len,
    size_t start, size_t end)
{
	enum label_kind after;

	if (label_after(p, s, len, end, &after) == 0 && after == LABEL_NONE)
		return kind_word_near(p, s, start);
	return 1;
}

/* Both sides of the number [start, end) read into *c. */
static int
read_context(const struct phones *p, const char *s, size_t len,
    size_t start, size_t end, struct context *c)
{
	enum label_kind after = LABEL_NONE;
	int rc;

	rc = context_before(p, s, start, c);
	if (rc == 0)
		rc = label_after(p, s, len, end, &after);
	if (rc < 0)
		return rc;
	if (after != LABEL_NONE) {
		c->kind = after;
		c->near = 1;
	}
	return 0;
}

static int
add_number(struct spans *out, size_t start, size_t end,
    const struct context *c, float score, const char *phone_name,
    const char *fax_name)
{
	if (c->kind == LABEL_FAX)
		return spans_add(out, start, end, PHI_FAX, score, fax_name);
	return spans_add(out, start, end, PHI_PHONE, score, phone_name);
}

/*
 * The state of both passes: where each has got to, and the last NANP
 * match (for has_nanp()).
 */
struct pass {
	size_t nanp_from, intl_from;
	size_t nanp_start, nanp_end;
};

static int
nanp_found(const struct phones *p, const char *s, size_t len,
    const struct rx_match *m, struct pass *ps, struct spans *out)
{
	struct context c;
	size_t start = m->start[0], end = m->end[0], sep1, sep2;
	int bare, spaced, rc;
	float score;

	sep1 = m->end[4] - m->start[4];
	sep2 = m->end[5] - m->start[5];
	bare = m->start[2] == SIZE_MAX && sep1 == 0 && sep2 == 0 &&
	    (m->start[1] == SIZE_MAX || s[m->start[1]] != '+');
	spaced = m->start[2] == SIZE_MAX && sep1 > 0 && sep2 > 0 &&
	    strspn(s + m->start[4], " \t") == sep1 &&
	    strspn(s + m->start[5], " \t") == sep2;

	ps->nanp_start = start;
	ps->nanp_end = end;
	/* a bare run of digits needs a telephone word near it */
	if (bare && !may_be_near(p, s, len, start, end))
		return 0;
	rc = read_context(p, s, len, start, end, &c);
	if (rc < 0)
		return rc;
	if (bare && (c.id || !c.near))
		return 0;

	score = bare || spaced ? 0.8f : 0.9f;
	if (c.id)
		score = 0.3f;
	return add_number(out, start, end, &c, score, "phone.nanp",
	    "fax.nanp");
}

/*
 * Whether s[start..end) has the shape of a numeric date (three groups,
 * d/m or m/d first and a 2- or 4-digit year last, or the year first) or
 * of a social security number (3-2-4).
 */
static int
date_or_ssn(const char *s, size_t start, size_t end)
{
	size_t g[4] = { 0 }, i;
	int n = 0;

	for (i = start; i < end; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (n < 4)
				g[n]++;
		} else if (i > start && s[i - 1] >= '0' && s[i - 1] <= '9') {
			n++;
		}
	}
	if (end > start && s[end - 1] >= '0' && s[end - 1] <= '9')
		n++;
	if (n != 3)
		return 0;
	return (g[0] <= 2 && g[1] <= 2 && (g[2] == 2 || g[2] == 4)) ||
	    (g[0] == 4 && g[1] <= 2 && g[2] <= 2) ||
	    (g[0] == 3 && g[1] == 2 && g[2] == 4);
}

static size_t
count_digits(const char *s, size_t start, size_t end)
{
	size_t i, n = 0;

	for (i = start; i < end; i++)
		if (s[i] >= '0' && s[i] <= '9')
			n++;
	return n;
}

/* Whether "[0-9][-./]" ends right before q, as both lookbehinds refuse. */
static int
after_digit_sep(const char *s, size_t q)
{
	return q >= 2 && ch_digit(s[q - 2]) &&
	    (s[q - 1] == '-' || s[q - 1] == '.' || s[q - 1] == '/');
}

/* Whether the NANP pattern may match at q, a start inside run [q, e). */
static int
nanp_may(const char *s, size_t q, size_t e)
{
	size_t i, lim = q + 26, digits = 0;

	if (!(ch_digit(s[q]) || s[q] == '+' || s[q] == '(') ||
	    (q > 0 && ch_digit(s[q - 1])) || after_digit_sep(s, q))
		return 0;
	/* a '0' can only open "001" */
	if (s[q] == '0' && !(q + 2 < e && s[q + 1] == '0' && s[q + 2] == '1'))
		return 0;
	/* the longest body is 26 bytes: "+ 1 - ( 212 ) - 555 - 0123" */
	for (i = q; i < e && i < lim; i++)
		digits += ch_digit(s[i]);
	return digits >= 10;
}

/* Whether the general pattern may match at q. */
static int
intl_may(const char *s, size_t q)
{
	char c = q > 0 ? s[q - 1] : ' ';

	return (ch_digit(s[q]) || s[q] == '+' || s[q] == '(') &&
	    !ch_digit(c) && !ch_alpha(c) && c != '+' && !after_digit_sep(s, q);
}

/*
 * Whether a NANP match inside [start, end) already covers the number:
 * the general pass adds a span only when it starts earlier (a country
 * code or a trunk prefix the NANP pattern left out).  That is, whether
 * the first NANP match in [start, end) starts at start.  The NANP pass
 * has been there first: when it matched at start and ended by end, the
 * same match holds within [start, end) (cutting the text short only
 * helps the pattern's negative lookaheads).
 */
static int
has_nanp(const struct phones *p, const char *s, size_t len, size_t start,
    size_t end, const struct pass *ps)
{
	struct rx_match m;

	(void)len;
	if (ps->nanp_start == start && ps->nanp_end <= end)
		return 1;
	if (!nanp_may(s, start, end))
		return 0;
	return rx_match_at(p->nanp, s, end, start, &m);
}

static int
intl_found(const struct phones *p, const char *s, size_t len,
    const struct rx_match *m, struct pass *ps, struct spans *out)
{
	struct context c;
	size_t start = m->start[0], end = m->end[0], digits;
	int plus, rc;

	plus = m->start[1] != SIZE_MAX && s[m->start[1]] == '+';
	digits = count_digits(s, start, m->start[2]);
	if (digits < 7 || digits > 15 || (plus && digits < 8))
		return 0;
	rc = has_nanp(p, s, len, start, end, ps);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	/*
	 * Without a "+", only a number near a telephone word and not shaped
	 * like a date or SSN makes a span.
	 */
	if (!plus && (date_or_ssn(s, start, m->start[2]) ||
	    !may_be_near(p, s, len, start, end)))
		return 0;

	rc = read_context(p, s, len, start, end, &c);
	if (rc < 0)
		return rc;
	if (c.id)
		return 0;
	if (plus)
		return add_number(out, start, end, &c, 0.8f, "phone.intl",
		    "fax.intl");
	if (!c.near)
		return 0;
	return add_number(out, start, end, &c, 0.75f, "phone.context",
	    "fax.context");
}

/*
 * Where the patterns may match.  The part of a number before its
 * extension is made of digits, blanks and "+()-./" only, so every match
 * of either pattern starts and keeps that part inside one run of such
 * characters, and holds at least 10 (NANP) or, to make a span, 7 (the
 * general pass) of its digits.  The scan finds the runs from their
 * digits (rx_digits) and tries the patterns only in runs with enough of
 * them.  A run with too few for the general pass still gets its matches
 * when an extension may follow it, since such a match would hide what
 * comes after the run.
 */
/*
 * Try rx at q, pass what it matches to found and move *from past it, as
 * a forward search from *from would.
 */
static int
try_at(const struct phones *p, const struct rx *rx, const char *s,
    size_t len, size_t q, size_t *from, struct pass *ps, struct spans *out,
    int (*found)(const struct phones *, const char *, size_t,
    const struct rx_match *, struct pass *, struct spans *))
{
	struct rx_match m;
	int rc;

	rc = rx_match_at(rx, s, len, q, &m);
	if (rc <= 0)
		return rc;
	if (m.end[0] == m.start[0])
		return ERR_INTERNAL;
	*from = m.end[0];
	return found(p, s, len, &m, ps, out);
}

/*
 * Whether an extension may follow a run that ends at e: one opens with
 * an optional ',' or ';', blanks and then "ext" or "x".
 */
static int
ext_may(const unsigned char *cls, const char *s, size_t len, size_t e)
{
	size_t i;

	if (e < len && (s[e] == ',' || s[e] == ';'))
		e++;
	for (i = 0; i < 2 && e < len && (s[e] == ' ' || s[e] == '\t'); i++)
		e++;
	return e < len && (cls[(unsigned char)s[e]] & C_EXT);
}

/*
 * The part of a run from a up to its next '/' (which the general
 * pattern never crosses) or its end e, and the digits *nd in it; a '/'
 * itself is a part of its own.
 */
static size_t
part_end(const char *s, size_t a, size_t e, size_t *nd)
{
	size_t i;

	*nd = 0;
	if (s[a] == '/')
		return a + 1;
	for (i = a; i < e && s[i] != '/'; i++)
		*nd += ch_digit(s[i]);
	return i;
}

/*
 * Run the patterns over the run of number characters that ends at e and
 * whose first digit is at q; nd digits in all.  The general pattern is
 * tried only where 7 digits are left before the next slash (it never
 * crosses one) or the end of the run, unless an extension may follow
 * the run: elsewhere its matches would end in the same part and make no
 * span.
 */
static int
scan_run(const struct phones *p, const char *s, size_t len, size_t q,
    size_t e, size_t nd, struct pass *ps, struct spans *out)
{
	size_t a, part = 0, left = 0;
	int rc, ext = 0;

	if (nd < 7 && !ext_may(p->cls, s, len, e))
		return 0;
	for (a = q; a > 0 && (p->cls[(unsigned char)s[a - 1]] & C_RUN); a--)
		;
	for (; a < e; left -= ch_digit(s[a]), a++) {
		if (a >= part) {
			part = part_end(s, a, e, &left);
			ext = part == e && ext_may(p->cls, s, len, e);
		}
		/* both patterns start at a digit, '+' or '(', after no digit */
		if (!(ch_digit(s[a]) || s[a] == '+' || s[a] == '(') ||
		    (a > 0 && ch_digit(s[a - 1])))
			continue;
		if (nd >= 10 && a >= ps->nanp_from && nanp_may(s, a, e)) {
			rc = try_at(p, p->nanp, s, len, a, &ps->nanp_from, ps,
			    out, nanp_found);
			if (rc < 0)
				return rc;
		}
		if ((left >= 7 || ext) && a >= ps->intl_from &&
		    intl_may(s, a)) {
			rc = try_at(p, p->intl, s, len, a, &ps->intl_from, ps,
			    out, intl_found);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

/*
 * Where a run of number characters that goes on at w (a multiple of 64)
 * ends; *nd gets the digits from w to there.
 */
static size_t
run_past(const char *s, size_t len, size_t w, size_t *nd)
{
	uint64_t gap, d;
	size_t n = 0;
	int off;

	for (; w < len; w += 64) {
		gap = ~rx_number_chars(s, len, w);
		d = rx_digits(s, len, w);
		if (gap != 0) {
			off = __builtin_ctzll(gap);
			*nd = n + (size_t)__builtin_popcountll(d &
			    ((1ULL << off) - 1));
			return w + (size_t)off;
		}
		n += (size_t)__builtin_popcountll(d);
	}
	*nd = n;
	return len;
}

/*
 * A number broken by a line break after one of its dashes ("phone
 * 555-\n123-4567") is found apart from the runs: the view around the
 * break is copied with the break left out, and a match there that goes
 * over the break counts only when a telephone or fax word introduces
 * it.  BROKEN_BEFORE covers the longest number body before the break
 * and the words before it; BROKEN_AFTER the rest of the number, an
 * extension and a label after it.
 */
#define BROKEN_BEFORE	(WINDOW + KIND_MAX + 32)
#define BROKEN_AFTER	64

/* One copy of the view around a break: [ws, h] then [after, we). */
struct joined {
	char buf[BROKEN_BEFORE + BROKEN_AFTER + 2];
	size_t len;
	size_t ws;		/* view offset of buf[0] */
	size_t joint;		/* buf offset where the break was */
	size_t shift;		/* bytes of the break left out */
};

/*
 * Whether the line break at i follows a digit and a '-' (blanks
 * between) and comes before a digit: *h gets the dash, *after the
 * digit.
 */
static int
dash_break(const char *s, size_t len, size_t i, size_t *h, size_t *after)
{
	size_t a = i, b = i;

	while (a > 0 && ch_blank(s[a - 1]))
		a--;
	if (a < 2 || s[a - 1] != '-' || !ch_digit(s[a - 2]))
		return 0;
	if (s[b] == '\r')
		b++;
	if (b < len && s[b] == '\n')
		b++;
	while (b < len && ch_blank(s[b]))
		b++;
	if (b >= len || !ch_digit(s[b]))
		return 0;
	*h = a - 1;
	*after = b;
	return 1;
}

/* Copy the view around the break from h + 1 to after into *j. */
static void
join_at(const char *s, size_t len, size_t h, size_t after,
    struct joined *j)
{
	size_t ws, we, n;

	ws = h + 1 > BROKEN_BEFORE ? h + 1 - BROKEN_BEFORE : 0;
	while (ws < h && ((unsigned char)s[ws] & 0xc0) == 0x80)
		ws++;
	we = len - after > BROKEN_AFTER ? after + BROKEN_AFTER : len;
	while (we > after && we < len && ((unsigned char)s[we] & 0xc0) ==
	    0x80)
		we--;
	n = h + 1 - ws;
	memcpy(j->buf, s + ws, n);
	memcpy(j->buf + n, s + after, we - after);
	j->len = n + we - after;
	j->buf[j->len] = '\0';
	j->ws = ws;
	j->joint = n;
	j->shift = after - (h + 1);
}

/*
 * Whether the match m in j goes over the break and reads as a number
 * a telephone or fax word introduces; *c gets its context.  1, 0 or a
 * negative ERR_*.
 */
static int
broken_ok(const struct phones *p, const struct joined *j,
    const struct rx_match *m, size_t body_end, struct context *c)
{
	size_t start = m->start[0], digits;
	int rc;

	if (m->end[0] <= j->joint)
		return 0;
	if (body_end == SIZE_MAX)
		body_end = m->end[0];
	digits = count_digits(j->buf, start, body_end);
	if (digits < 7 || digits > 15 || date_or_ssn(j->buf, start,
	    body_end))
		return 0;
	rc = read_context(p, j->buf, j->len, start, m->end[0], c);
	if (rc < 0)
		return rc;
	return c->kind != LABEL_NONE && c->near && !c->id;
}

/* Find the number that the break after the dash at h splits, if any. */
static int
broken_at(const struct phones *p, const char *s, size_t len, size_t h,
    size_t after, struct spans *out)
{
	struct joined j;
	struct rx_match m;
	struct context c;
	size_t q, lo;
	int rc;

	join_at(s, len, h, after, &j);
	lo = j.joint > 26 ? j.joint - 26 : 0;
	for (q = j.joint; q > lo && (p->cls[(unsigned char)j.buf[q - 1]] &
	    C_RUN); q--)
		;
	for (; q < j.joint; q++) {
		if (!intl_may(j.buf, q))
			continue;
		rc = rx_match_at(p->nanp, j.buf, j.len, q, &m);
		if (rc == 1)
			rc = broken_ok(p, &j, &m, m.start[6], &c);
		if (rc == 0) {
			rc = rx_match_at(p->intl, j.buf, j.len, q, &m);
			if (rc == 1)
				rc = broken_ok(p, &j, &m, m.start[2], &c);
		}
		if (rc < 0)
			return rc;
		if (rc == 1)
			return add_number(out, j.ws + m.start[0],
			    j.ws + j.shift + m.end[0], &c, 0.8f,
			    "phone.break", "fax.break");
	}
	return 0;
}

/* The numbers broken after a dash by one line break. */
static int
broken_numbers(const struct phones *p, const char *s, size_t len,
    struct spans *out)
{
	size_t i = 0, h, after;
	int rc;

	for (;;) {
		i += strcspn(s + i, "\r\n");
		if (i >= len)
			return 0;
		if (dash_break(s, len, i, &h, &after)) {
			rc = broken_at(p, s, len, h, after, out);
			if (rc < 0)
				return rc;
		}
		i += s[i] == '\r' && i + 1 < len && s[i + 1] == '\n' ? 2 : 1;
	}
}

/*
 * The runs of number characters that hold a digit, found 64 bytes at a
 * time from bit masks: d the digits not yet seen, r the run characters.
 */
static int
phones_scan(const void *state, const struct recog_ctx *ctx,
    struct spans *out)
{
	const struct phones *p = state;
	struct pass ps = { 0, 0, SIZE_MAX, 0 };
	const char *s;
	size_t len, at, q, e, nd, done = 0;
	uint64_t d, r, gap;
	int k, off, rc;

	s = text_view(ctx->text, &len);
	for (at = 0; at < len; at += 64) {
		d = done >= at + 64 ? 0 : rx_digits(s, len, at);
		if (done > at && d != 0)
			d &= ~0ULL << (done - at);
		if (d == 0)
			continue;
		r = rx_number_chars(s, len, at);
		while (d != 0) {
			k = __builtin_ctzll(d);
			q = at + (size_t)k;
			gap = ~r & (~0ULL << k);
			if (gap != 0) {
				off = __builtin_ctzll(gap);
				e = at + (size_t)off;
				/* fewer than 7 characters: fewer digits */
				nd = off - k < 7 ? (size_t)(off - k) :
				    (size_t)__builtin_popcountll(d &
				    ((1ULL << off) - 1));
			} else {
				e = run_past(s, len, at + 64, &nd);
				nd += (size_t)__builtin_popcountll(d);
			}
			rc = scan_run(p, s, len, q, e, nd, &ps, out);
			if (rc < 0)
				return rc;
			done = e;
			if (e >= at + 64)
				break;
			d &= ~0ULL << (e - at);
		}
	}
	return broken_numbers(p, s, len, out);
}

static void
phones_fini(void *state)
{
	struct phones *p = state;

	if (p == NULL)
		return;
	rx_free(p->nanp);
	rx_free(p->intl);
	rx_free(p->label);
	rx_free(p->trail);
	rx_free(p->idgap);
	free(p);
}

/* Whether label_words is in strcmp() order, as bsearch() needs. */
static int
words_sorted(void)
{
	size_t i;

	for (i = 1; i < sizeof(label_words) / sizeof(label_words[0]); i++)
		if (strcmp(label_words[i - 1].word, label_words[i].word) >= 0)
			return 0;
	return 1;
}

/* Fill the label key table; -1 if two keys share a slot. */
static int
fill_keys(uint32_t *table)
{
	uint32_t k, slot;
	size_t i;
	int wide;

	for (i = 0; label_keys[i] != NULL; i++) {
		k = label_key(label_keys[i], strlen(label_keys[i]), 0, &wide);
		slot = key_slot(k);
		if (table[slot] != 0)
			return -1;
		table[slot] = k;
	}
	return 0;
}

static void
fill_classes(unsigned char *cls)
{
	const char *c;

	for (c = "0123456789 \t+()-./"; *c != '\0'; c++)
		cls[(unsigned char)*c] |= C_RUN;
	for (c = "0123456789"; *c != '\0'; c++)
		cls[(unsigned char)*c] |= C_DIGIT;
	for (c = "eExX"; *c != '\0'; c++)
		cls[(unsigned char)*c] |= C_EXT;
}

static int
phones_init(void **state, char *errbuf, size_t errlen)
{
	struct phones *p;

	*state = NULL;
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return ERR_NOMEM;
	fill_classes(p->cls);
	if (!words_sorted() || fill_keys(p->keys) < 0) {
		(void)snprintf(errbuf, errlen, "label tables are broken");
		free(p);
		return ERR_INTERNAL;
	}
	if ((p->nanp = rx_new(nanp_pattern, RX_CASELESS | RX_ANCHORED,
	    errbuf, errlen)) == NULL ||
	    (p->intl = rx_new(intl_pattern, RX_CASELESS | RX_ANCHORED,
	    errbuf, errlen)) == NULL ||
	    (p->label = rx_new(label_pattern, RX_CASELESS | RX_ANCHORED,
	    errbuf, errlen)) == NULL ||
	    (p->trail = rx_new(trail_pattern, RX_CASELESS | RX_ANCHORED,
	    errbuf, errlen)) == NULL ||
	    (p->idgap = rx_new(idgap_pattern, RX_CASELESS | RX_ANCHORED,
	    errbuf, errlen)) == NULL) {
		phones_fini(p);
		return ERR_INTERNAL;
	}
	*state = p;
	return 0;
}

const struct recognizer_ops recognizer_phones = {
	.name = "phones",
	.init = phones_init,
	.fini = phones_fini,
	.scan = phones_scan
};
