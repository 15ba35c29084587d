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
 * a weak candidate, or none when it is a bare run of digits.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

struct phones {
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
 * line (a label on a line of its own).
 */
static size_t
window_start(const char *s, size_t start)
{
	size_t ls, lo, i;

	lo = start > WINDOW ? start - WINDOW : 0;
	for (ls = start; ls > 0 && s[ls - 1] != '\n'; ls--)
		;
	for (i = ls; i < start && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i == start && ls > 0)
		for (ls--; ls > 0 && s[ls - 1] != '\n'; ls--)
			;
	if (ls > lo)
		lo = ls;
	while (lo < start && ((unsigned char)s[lo] & 0xc0) == 0x80)
		lo++;
	return lo;
}

/* Whether only an "id is:" kind of gap separates s[from..to). */
static int
id_gap(const struct phones *p, const char *s, size_t from, size_t to)
{
	struct rx_match m;

	return rx_find(p->idgap, s, to, from, &m) == 1;
}

/* Read the labels before the number at start into *c. */
static int
context_before(const struct phones *p, const char *s, size_t start,
    struct context *c)
{
	struct rx_match m;
	size_t from, id_end = 0, kw_end = 0;
	int rc;

	memset(c, 0, sizeof(*c));
	from = window_start(s, start);
	while ((rc = rx_find(p->label, s, start, from, &m)) == 1) {
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
	rc = rx_find(p->trail, s, len, end, &m);
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

static int
nanp_found(const struct phones *p, const char *s, size_t len,
    const struct rx_match *m, struct spans *out)
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

/*
 * Whether a NANP match inside [start, end) already covers the number:
 * the general pass adds a span only when it starts earlier (a country
 * code or a trunk prefix the NANP pattern left out).
 */
static int
has_nanp(const struct phones *p, const char *s, size_t len, size_t start,
    size_t end)
{
	struct rx_match m;
	int rc;

	(void)len;
	rc = rx_find(p->nanp, s, end, start, &m);
	if (rc <= 0)
		return rc;
	return m.start[0] == start;
}

static int
intl_found(const struct phones *p, const char *s, size_t len,
    const struct rx_match *m, struct spans *out)
{
	struct context c;
	size_t start = m->start[0], end = m->end[0], digits;
	int plus, rc;

	plus = m->start[1] != SIZE_MAX && s[m->start[1]] == '+';
	digits = count_digits(s, start, m->start[2]);
	if (digits < 7 || digits > 15 || (plus && digits < 8))
		return 0;
	rc = has_nanp(p, s, len, start, end);
	if (rc != 0)
		return rc < 0 ? rc : 0;

	rc = read_context(p, s, len, start, end, &c);
	if (rc < 0)
		return rc;
	if (c.id)
		return 0;
	if (plus)
		return add_number(out, start, end, &c, 0.8f, "phone.intl",
		    "fax.intl");
	if (!c.near || date_or_ssn(s, start, m->start[2]))
		return 0;
	return add_number(out, start, end, &c, 0.75f, "phone.context",
	    "fax.context");
}

static int
scan_with(const struct phones *p, const struct rx *rx, const char *s,
    size_t len, struct spans *out,
    int (*found)(const struct phones *, const char *, size_t,
    const struct rx_match *, struct spans *))
{
	struct rx_match m;
	size_t from = 0;
	int rc;

	while ((rc = rx_find(rx, s, len, from, &m)) == 1) {
		rc = found(p, s, len, &m, out);
		if (rc < 0)
			return rc;
		from = m.end[0];
		if (m.end[0] == m.start[0])
			return ERR_INTERNAL;
	}
	return rc;
}

static int
phones_scan(const void *state, const struct recog_ctx *ctx,
    struct spans *out)
{
	const struct phones *p = state;
	const char *s;
	size_t len;
	int rc;

	s = text_view(ctx->text, &len);
	rc = scan_with(p, p->nanp, s, len, out, nanp_found);
	if (rc == 0)
		rc = scan_with(p, p->intl, s, len, out, intl_found);
	return rc;
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

static int
phones_init(void **state, char *errbuf, size_t errlen)
{
	struct phones *p;

	*state = NULL;
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return ERR_NOMEM;
	if ((p->nanp = rx_new(nanp_pattern, RX_CASELESS, errbuf,
	    errlen)) == NULL ||
	    (p->intl = rx_new(intl_pattern, RX_CASELESS, errbuf,
	    errlen)) == NULL ||
	    (p->label = rx_new(label_pattern, RX_CASELESS, errbuf,
	    errlen)) == NULL ||
	    (p->trail = rx_new(trail_pattern, RX_CASELESS, errbuf,
	    errlen)) == NULL ||
	    (p->idgap = rx_new(idgap_pattern, RX_CASELESS, errbuf,
	    errlen)) == NULL) {
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
