/*
 * net.c - e-mail addresses, URLs, IP and MAC addresses, and social
 * media handles.
 *
 * E-mail: ordinary addresses (sub-domains, plus tags) and the common
 * spelled-out forms ("jo [at] example [dot] org", "jo at example dot
 * com").  URL: anything with a scheme, anything starting "www.", and a
 * bare host name followed by a path, or a bare host under a generic
 * top-level domain.  Trailing punctuation stays outside.  IP: dotted
 * IPv4 and IPv6 candidates, each confirmed by inet_pton(); numbers after
 * "version" and the like are not addresses.  MAC: six pairs of hex
 * digits joined by ':' or by '-' (a DEVICE identifier); a run of more
 * colon groups is IPv6's, and a time has three groups at most.
 * Handle (an OTHER_ID): "@name" at the start of a word, taken only
 * when a cue word ("Twitter", "Instagram", "handle") stands a few words
 * before it on the line, so "@home" and "@ bedtime" stay.
 *
 * The patterns are not run over the whole value.  No match but a
 * spelled-out address holds white space, so one pass splits the value
 * into words and runs a pattern only on the words that hold what every
 * one of its matches needs: '@' for an address, "://" or a dot before a
 * letter for a URL, three dots for IPv4, two colons for IPv6.  A
 * spelled-out address stays on one line: a line is scanned only when it
 * holds an "at" (or '@') and a top-level domain after a dot, a bracket
 * or a blank.  The patterns' edges only test for characters that white
 * space is not, so a match in a word is a match in the whole value.  A
 * value holding a character that case-folds onto an ASCII letter (long
 * s, Kelvin sign) is scanned whole, as caseless patterns may match it.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "recognizer.h"
#include "rx.h"

/* The longest IPv6 address text, zone excluded, plus one. */
#define IP6_MAX	46

/* Byte classes for the walk over words. */
enum {
	B_SPACE = 1 << 0,	/* white space: ends a word */
	B_AT = 1 << 1,		/* '@' */
	B_DOT = 1 << 2,		/* '.' */
	B_COLON = 1 << 3,	/* ':' */
	B_A = 1 << 4,		/* 'a' or 'A' */
	B_T = 1 << 5,		/* 't' or 'T' */
	B_OPEN = 1 << 6,	/* '[', '(' or '{' */
	B_LEAD = 1 << 7		/* C5 or E2: may start a fold alias */
};

struct net {
	unsigned char cls[256];	/* B_* of every byte */
	struct rx *email;	/* plain addresses */
	struct rx *email_obf;	/* spelled-out addresses */
	struct rx *url;		/* scheme, www. and host/path forms */
	struct rx *ipv4;
	struct rx *ipv6;
	struct rx *version;	/* "version", "v" and the like before */
};

#define LOCAL_CHARS	"A-Za-z0-9_%+\\-\\p{L}\\p{N}"
#define LABEL		"[A-Za-z0-9\\p{L}](?:[A-Za-z0-9\\p{L}-]{0,61}" \
			"[A-Za-z0-9\\p{L}])?"

static const char email_pattern[] =
	"(?<![." LOCAL_CHARS "])"
	"[" LOCAL_CHARS "](?:[." LOCAL_CHARS "]{0,63})"
	"@(?:" LABEL "\\.)+[A-Za-z\\p{L}]{2,24}(?![A-Za-z0-9\\p{L}-])";

#define OBF_AT	"(?:[ \\t]*(?:\\[at\\]|\\(at\\)|\\{at\\}|@)[ \\t]*" \
		"|[ \\t]+at[ \\t]+)"
#define OBF_DOT	"(?:[ \\t]*(?:\\[dot\\]|\\(dot\\)|\\{dot\\})[ \\t]*" \
		"|[ \\t]+dot[ \\t]+|\\.)"

/* Group 1: the top-level domain. */
static const char email_obf_pattern[] =
	"(?<![." LOCAL_CHARS "])"
	"[A-Za-z0-9_%+\\-](?:[A-Za-z0-9._%+\\-]{0,63})" OBF_AT
	"[A-Za-z0-9\\-]{1,63}(?:" OBF_DOT "[A-Za-z0-9\\-]{1,63})*?" OBF_DOT
	"(com|org|net|edu|gov|mil|info|biz|io|us|uk|ca)(?![A-Za-z0-9])";

#define GTLD	"com|org|net|edu|gov|mil|int|info|biz|health|care|io|app" \
		"|med|clinic|hospital|us"
#define CCTLD	"uk|ca|au|nz|ie|de|fr|nl|be|ch|at|se|no|dk|fi|es|it|pt|br" \
		"|mx|ar|cl|in|jp|cn|kr|ru|pl|cz|hu|gr|tr|il|za|sg|hk|eu|ee" \
		"|lt|lv|si|sk|ro|bg|hr|rs|ua|cy|uy|co"
#define URL_TAIL "[^\\s<>\"'`{}|\\\\^]*"

/*
 * Groups: 1 scheme form, 2 www form, 3 host with a path, 4 bare host
 * under a generic top-level domain.
 */
static const char url_pattern[] =
	"(?<![A-Za-z0-9.@/_\\-])(?:"
	"((?:https?|s?ftp|ftps)://[^\\s<>\"'`{}|\\\\^/]+" URL_TAIL ")"
	"|(www[0-9]{0,3}\\.(?:" LABEL "\\.)+[A-Za-z]{2,24}(?::[0-9]{1,5})?"
	"(?:[/?#]" URL_TAIL ")?)"
	"|((?:" LABEL "\\.)+(?:" GTLD "|" CCTLD ")(?::[0-9]{1,5})?/"
	URL_TAIL ")"
	"|((?:" LABEL "\\.)+(?:com|org|net|edu|gov))"
	")(?![A-Za-z0-9@\\-])";

static const char ipv4_pattern[] =
	"(?<![0-9A-Za-z.])(?:[0-9]{1,3}\\.){3}[0-9]{1,3}"
	"(?![0-9]|\\.[0-9])";

/* Group 1: the zone after "%". */
static const char ipv6_pattern[] =
	"(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}"
	"(?:[0-9]{1,3}(?:\\.[0-9]{1,3}){3}|[0-9A-Fa-f]{1,4})?"
	"(?:%([A-Za-z0-9_\\-]+(?:\\.[A-Za-z0-9_\\-]+)*))?"
	"(?![0-9A-Za-z:])";

static const char version_pattern[] =
	"(?<![A-Za-z])(?:version|ver|v|rev|revision|release|build"
	"|firmware|fw|software|sw|release|update|section|sec|step|table"
	"|figure|fig|chapter|item)\\.?[ \\t:#]*\\z";

/* The text of a MAC address: "00:1b:44:11:3a:b7". */
#define MAC_LEN	17

/* The longest handle taken after '@' (Instagram allows 30). */
#define HANDLE_MAX	30

/* How many words before a handle its cue may be. */
#define HANDLE_CUE_WORDS	4

/* Words that make "@name" after them a social media handle. */
static const char *const handle_cues[] = {
	"twitter", "tweet", "tweeted", "tweets", "instagram", "insta", "ig",
	"tiktok", "facebook", "fb", "snapchat", "snap", "threads",
	"mastodon", "bluesky", "telegram", "discord", "reddit", "youtube",
	"linkedin", "handle", "handles", "username", "usernames", NULL
};

/* Words that may stand between a cue and its handle. */
static const char *const handle_glue[] = {
	"is", "on", "at", "as", "via", "under", "was", "called", "name",
	"account", "user", "her", "his", "my", "their", "our", "your", "the",
	NULL
};

/* scan_words() met a fold alias: the value must be scanned whole. */
#define FOLD_ALIAS	1

/* How far back a "version" word may be. */
#define VERSION_WINDOW	16

/*
 * The end of a URL-like match once trailing punctuation is dropped; a
 * closing bracket stays when the match opened one.  Brackets are
 * counted once, so a long run of them costs linear time.
 */
static size_t
trim_url(const char *s, size_t start, size_t end)
{
	static const char close[] = ")]}";
	static const char open[] = "([{";
	size_t opens[3] = { 0 }, closes[3] = { 0 }, i, k;
	const char *c;

	for (i = start; i < end; i++) {
		if (s[i] == '\0')
			continue;
		if ((c = strchr(open, s[i])) != NULL)
			opens[c - open]++;
		else if ((c = strchr(close, s[i])) != NULL)
			closes[c - close]++;
	}
	while (end > start) {
		if (strchr(".,;:!?'\"*", s[end - 1]) != NULL) {
			end--;
			continue;
		}
		c = strchr(close, s[end - 1]);
		if (c == NULL)
			break;
		k = (size_t)(c - close);
		if (closes[k] <= opens[k])
			break;
		closes[k]--;
		end--;
	}
	return end;
}

static int
email_found(const struct net *n, const char *s, size_t len,
    const struct rx_match *m, struct spans *out)
{
	(void)n;
	(void)s;
	(void)len;
	return spans_add(out, m->start[0], m->end[0], PHI_EMAIL, 0.95f,
	    "email");
}

/*
 * A spelled-out address counts when it is spelled out: brackets around
 * "at" or "dot", or both " at " and " dot " as words.  Plain addresses
 * are the other pattern's.
 */
static int
email_obf_found(const struct net *n, const char *s, size_t len,
    const struct rx_match *m, struct spans *out)
{
	size_t i, end = m->end[0];
	int bracket = 0, at = 0, dot = 0, space = 0;

	(void)n;
	(void)len;
	for (i = m->start[0]; i < end; i++) {
		if (strchr("[({", s[i]) != NULL)
			bracket = 1;
		if (s[i] == ' ' || s[i] == '\t')
			space = 1;
		if (i + 4 <= end && strncasecmp(s + i, " at ", 4) == 0)
			at = 1;
		if (i + 5 <= end && strncasecmp(s + i, " dot ", 5) == 0)
			dot = 1;
	}
	if (!(bracket || (at && dot) || (space && memchr(s + m->start[0],
	    '@', end - m->start[0]) != NULL)))
		return 0;
	return spans_add(out, m->start[0], end, PHI_EMAIL, 0.8f,
	    "email.spelled");
}

static int
url_found(const struct net *n, const char *s, size_t len,
    const struct rx_match *m, struct spans *out)
{
	size_t end;

	(void)n;
	(void)len;
	end = trim_url(s, m->start[0], m->end[0]);
	if (m->start[1] != SIZE_MAX) {
		if (strstr(s + m->start[0], "://") + 3 >= s + end)
			return 0;
		return spans_add(out, m->start[0], end, PHI_URL, 0.95f,
		    "url.scheme");
	}
	if (m->start[4] != SIZE_MAX)
		return spans_add(out, m->start[0], end, PHI_URL, 0.6f,
		    "url.host");
	if (m->start[3] != SIZE_MAX)
		return spans_add(out, m->start[0], end, PHI_URL, 0.85f,
		    "url.path");
	return spans_add(out, m->start[0], end, PHI_URL, 0.85f, "url.www");
}

/* Whether a "version" kind of word ends right before start. */
static int
after_version(const struct net *n, const char *s, size_t start)
{
	struct rx_match m;
	size_t from;

	from = start > VERSION_WINDOW ? start - VERSION_WINDOW : 0;
	while (from < start && ((unsigned char)s[from] & 0xc0) == 0x80)
		from++;
	return rx_find(n->version, s, start, from, &m);
}

static int
ipv4_found(const struct net *n, const char *s, size_t len,
    const struct rx_match *m, struct spans *out)
{
	char buf[16];
	unsigned char addr[4];
	size_t k = m->end[0] - m->start[0];
	int rc;

	(void)len;
	if (k >= sizeof(buf))
		return 0;
	memcpy(buf, s + m->start[0], k);
	buf[k] = '\0';
	if (inet_pton(AF_INET, buf, addr) != 1)
		return 0;
	rc = after_version(n, s, m->start[0]);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	return spans_add(out, m->start[0], m->end[0], PHI_IP, 0.9f, "ip.v4");
}

static int
ipv6_found(const struct net *n, const char *s, size_t len,
    const struct rx_match *m, struct spans *out)
{
	char buf[IP6_MAX];
	unsigned char addr[16];
	size_t k, i;
	int digit = 0;

	(void)n;
	(void)len;
	k = (m->start[1] != SIZE_MAX ? m->start[1] - 1 : m->end[0]) -
	    m->start[0];
	if (k >= sizeof(buf))
		return 0;
	memcpy(buf, s + m->start[0], k);
	buf[k] = '\0';
	for (i = 0; i < k; i++)
		if (buf[i] >= '0' && buf[i] <= '9')
			digit = 1;
	if (!digit || inet_pton(AF_INET6, buf, addr) != 1)
		return 0;
	return spans_add(out, m->start[0], m->end[0], PHI_IP, 0.9f, "ip.v6");
}

/*
 * Run rx over s[0..len) from offset from on, passing each match to
 * found.  len may end a word or a line before the value does.
 */
static int
scan_from(const struct net *n, const struct rx *rx, const char *s,
    size_t len, size_t from, struct spans *out,
    int (*found)(const struct net *, const char *, size_t,
    const struct rx_match *, struct spans *))
{
	struct rx_match m;
	int rc;

	while ((rc = rx_find(rx, s, len, from, &m)) == 1) {
		if (m.end[0] == m.start[0])
			return ERR_INTERNAL;
		rc = found(n, s, len, &m, out);
		if (rc < 0)
			return rc;
		from = m.end[0];
	}
	return rc;
}

static int
scan_with(const struct net *n, const struct rx *rx, const char *s,
    size_t len, struct spans *out,
    int (*found)(const struct net *, const char *, size_t,
    const struct rx_match *, struct spans *))
{
	return scan_from(n, rx, s, len, 0, out, found);
}

/* The number of bytes c in s[from..to). */
static size_t
count_byte(const char *s, size_t from, size_t to, char c)
{
	size_t i, k = 0;

	for (i = from; i < to; i++)
		k += s[i] == c;
	return k;
}

static int
is_alpha(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

/* Whether s[from..to) holds "://" or a dot before a letter. */
static int
url_maybe(const char *s, size_t from, size_t to)
{
	size_t i;

	for (i = from; i + 1 < to; i++) {
		if (s[i] == '.' && is_alpha(s[i + 1]))
			return 1;
		if (s[i] == ':' && i + 2 < to && s[i + 1] == '/' &&
		    s[i + 2] == '/')
			return 1;
	}
	return 0;
}

/*
 * Whether the word s[from..to), which has no '@', may hold the "at" of
 * a spelled-out address: "at" alone or in brackets.
 */
static int
at_maybe(const char *s, size_t from, size_t to)
{
	size_t i;

	for (i = from; i + 1 < to; i++) {
		if ((s[i] | 0x20) != 'a' || (s[i + 1] | 0x20) != 't')
			continue;
		if ((i == from || s[i - 1] == '[' || s[i - 1] == '(' ||
		    s[i - 1] == '{') && (i + 2 == to || s[i + 2] == ']' ||
		    s[i + 2] == ')' || s[i + 2] == '}'))
			return 1;
	}
	return 0;
}

/* Whether c may stand right before the top-level domain of OBF_DOT. */
static int
before_tld(char c)
{
	return c == '.' || c == ']' || c == ')' || c == '}' || c == ' ' ||
	    c == '\t';
}

/*
 * Whether s[from..to) holds a top-level domain of the spelled-out
 * pattern: a run of letters after a dot, a closing bracket or a blank,
 * with no digit after it.
 */
static int
tld_maybe(const char *s, size_t from, size_t to)
{
	static const char *const tld[5] = {
		NULL, NULL, "iousukca", "comorgnetedugovmilbiz", "info"
	};
	const char *t;
	size_t i, e, k, n;

	for (i = from + 1; i < to; i = e) {
		for (e = i; e < to && is_alpha(s[e]); e++)
			;
		n = e - i;
		if (n == 0) {
			e++;
			continue;
		}
		if (n < 2 || n > 4 || !before_tld(s[i - 1]) ||
		    (e < to && is_alnum(s[e])))
			continue;
		for (t = tld[n]; *t != '\0'; t += n) {
			for (k = 0; k < n; k++)
				if ((s[i + k] | 0x20) != t[k])
					break;
			if (k == n)
				return 1;
		}
	}
	return 0;
}

static int
is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
	    (c >= 'A' && c <= 'F');
}

/*
 * Whether the ':' at s[i] ends a group of one to four hex digits, as
 * in an IPv6 address; "MAC:" ends a word, not such a group.
 */
static int
hex_group_before(const char *s, size_t from, size_t i)
{
	size_t k = 0;

	while (i > from && is_alnum(s[i - 1])) {
		if (!is_hex(s[i - 1]) || ++k > 4)
			return 0;
		i--;
	}
	return k > 0;
}

/*
 * Whether a word naming a hardware address stands on the line within
 * MAC_CUE bytes before from ("MAC", "HW addr", "ethernet", "wifi").
 */
#define MAC_CUE	32

static int
mac_cue(const char *s, size_t from)
{
	static const char *const cues[] = { "mac", "hw", "hardware",
		"ethernet", "wifi", "wi-fi", "bluetooth", "device", "nic",
		"hub", "router", "adapter" };
	size_t b = from, i, k, n;

	while (b > 0 && from - b < MAC_CUE && s[b - 1] != '\n')
		b--;
	for (i = b; i < from; i++)
		for (k = 0; k < sizeof(cues) / sizeof(cues[0]); k++) {
			n = strlen(cues[k]);
			if (i + n <= from &&
			    strncasecmp(s + i, cues[k], n) == 0)
				return 1;
		}
	return 0;
}

/*
 * Whether s[i..i + MAC_LEN), inside the word s[from..to), is a MAC
 * address standing alone: not part of a longer run of groups, and with
 * a hex letter in it or a cue before it.
 */
static int
mac_at(const char *s, size_t from, size_t to, size_t i)
{
	size_t k, e = i + MAC_LEN;
	char sep = s[i + 2];

	for (k = 0; k < MAC_LEN; k++) {
		if (k % 3 == 2 ? s[i + k] != sep : !is_hex(s[i + k]))
			return 0;
	}
	if (i > from && (is_alnum(s[i - 1]) || s[i - 1] == '-' ||
	    s[i - 1] == '.' || (s[i - 1] == ':' &&
	    hex_group_before(s, from, i - 1))))
		return 0;
	if (e < to && (is_alnum(s[e]) || ((s[e] == ':' || s[e] == '-' ||
	    s[e] == '.') && e + 1 < to && is_alnum(s[e + 1]))))
		return 0;
	for (k = 0; k < MAC_LEN; k++)
		if ((s[i + k] | 0x20) >= 'a' && (s[i + k] | 0x20) <= 'f')
			return 1;
	/* digits alone are a log line or a lot number unless so named */
	return mac_cue(s, from);
}

/* The MAC addresses in the word s[from..to), as DEVICE spans. */
static int
scan_macs(const char *s, size_t from, size_t to, struct spans *out)
{
	size_t i;
	int rc;

	for (i = from; i + MAC_LEN <= to; i++) {
		if ((s[i + 2] != ':' && s[i + 2] != '-') ||
		    !mac_at(s, from, to, i))
			continue;
		rc = spans_add(out, i, i + MAC_LEN, PHI_DEVICE, 0.9f,
		    "device.mac");
		if (rc < 0)
			return rc;
		i += MAC_LEN - 1;
	}
	return 0;
}

static int
word_in_list(const char *w, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(w, *list) == 0)
			return 1;
	return 0;
}

/*
 * Whether a cue word is one of the HANDLE_CUE_WORDS words before at on
 * its line, with only glue words after it ("Instagram handle is @x"):
 * "can't handle stairs @home" has a word of its own between them.
 */
static int
handle_cue_before(const char *s, size_t at)
{
	char w[12];
	size_t e, k, n;
	int words;

	for (words = 0; words < HANDLE_CUE_WORDS; words++) {
		while (at > 0 && !is_alpha(s[at - 1]) && s[at - 1] != '\n')
			at--;
		if (at == 0 || s[at - 1] == '\n')
			return 0;
		for (e = at; at > 0 && is_alpha(s[at - 1]); at--)
			;
		n = e - at;
		if (n >= sizeof(w))
			return 0;
		for (k = 0; k < n; k++)
			w[k] = (char)(s[at + k] | 0x20);
		w[n] = '\0';
		if (word_in_list(w, handle_cues))
			return 1;
		if (!word_in_list(w, handle_glue))
			return 0;
	}
	return 0;
}

/*
 * A handle in the word s[from..to): '@' after nothing but an opening
 * bracket or quote, a letter or '_', then letters, digits, '_' and '.'
 * (not last), taken as an OTHER_ID span from the '@' when a cue word
 * comes before it.  "@2pm" is a time.
 */
static int
scan_handle(const char *s, size_t from, size_t to, struct spans *out)
{
	size_t at = from, e;
	int alnum = 0;

	while (at < to && s[at] != '\0' && strchr("([{\"'", s[at]) != NULL)
		at++;
	if (at + 1 >= to || s[at] != '@' || !(is_alpha(s[at + 1]) ||
	    s[at + 1] == '_'))
		return 0;
	for (e = at + 1; e < to && (is_alnum(s[e]) || s[e] == '_' ||
	    s[e] == '.'); e++)
		alnum |= is_alnum(s[e]);
	while (e > at + 1 && s[e - 1] == '.')
		e--;
	if (!alnum || e - at - 1 > HANDLE_MAX ||
	    (e < to && ((unsigned char)s[e] >= 0x80 || s[e] == '-')) ||
	    !handle_cue_before(s, from))
		return 0;
	return spans_add(out, at, e, PHI_OTHER_ID, 0.8f, "handle.social");
}

/*
 * The identifiers found without a pattern in the word s[from..to):
 * MAC addresses and handles.
 */
static int
scan_plain(const char *s, size_t from, size_t to, unsigned flags,
    struct spans *out)
{
	int rc = 0;

	if (to - from >= MAC_LEN)
		rc = scan_macs(s, from, to, out);
	if (rc == 0 && (flags & B_AT))
		rc = scan_handle(s, from, to, out);
	return rc;
}

/*
 * Run the word patterns whose needs the word s[from..to) meets; flags
 * are the B_* of its bytes.
 */
static int
scan_word(const struct net *n, const char *s, size_t from, size_t to,
    unsigned flags, struct spans *out)
{
	int rc = 0;

	if (flags & B_AT)
		rc = scan_from(n, n->email, s, to, from, out, email_found);
	if (rc == 0 && (flags & B_DOT || flags & B_COLON) &&
	    url_maybe(s, from, to))
		rc = scan_from(n, n->url, s, to, from, out, url_found);
	if (rc == 0 && (flags & B_DOT) && count_byte(s, from, to, '.') >= 3)
		rc = scan_from(n, n->ipv4, s, to, from, out, ipv4_found);
	if (rc == 0 && (flags & B_COLON) && count_byte(s, from, to, ':') >= 2)
		rc = scan_from(n, n->ipv6, s, to, from, out, ipv6_found);
	return rc;
}

/*
 * What a line holds towards a spelled-out address.  The pattern needs
 * an "at" (L_AT); found() keeps a match only when it holds a bracket, or
 * " at " and " dot ", or a blank and '@'.  A blank in a match sits next
 * to '@', around a bracketed word, or around the words "at" and "dot":
 * a line without any of those (L_SPELLED) yields nothing.
 */
enum {
	L_AT = 1 << 0,
	L_SPELLED = 1 << 1
};

/* Whether the word s[from..to) is w (lower case), in any case. */
static int
word_is(const char *s, size_t from, size_t to, const char *w)
{
	size_t i;

	for (i = from; i < to; i++, w++)
		if (*w == '\0' || (s[i] | 0x20) != *w)
			return 0;
	return *w == '\0';
}

/* The L_* the word s[from..to), of byte classes flags, brings. */
static unsigned
word_line_flags(const char *s, size_t from, size_t to, unsigned flags)
{
	unsigned l = 0;

	if (flags & B_OPEN)
		l |= L_SPELLED;
	if (flags & B_AT) {
		l |= L_AT;
		if (s[from] == '@' || s[to - 1] == '@')
			l |= L_SPELLED;
	} else if ((flags & B_A) && (flags & B_T) && at_maybe(s, from, to)) {
		l |= L_AT;
	}
	if ((to - from == 2 && word_is(s, from, to, "at")) ||
	    (to - from == 3 && word_is(s, from, to, "dot")))
		l |= L_SPELLED;
	return l;
}

/* The line s[from..to) ends: look for a spelled-out address if it may. */
static int
end_line(const struct net *n, const char *s, size_t from, size_t to,
    unsigned l, struct spans *out)
{
	if (l != (L_AT | L_SPELLED) || !tld_maybe(s, from, to))
		return 0;
	return scan_from(n, n->email_obf, s, to, from, out, email_obf_found);
}

/*
 * Whether s holds a character that PCRE2 matches caselessly to an ASCII
 * letter: U+017F (long s, C5 BF) or U+212A (Kelvin sign, E2 84 AA).
 */
static int
has_fold_alias(const char *s, size_t len)
{
	const char *p, *end = s + len;

	for (p = s; (p = memchr(p, 0xc5, (size_t)(end - p))) != NULL; p++)
		if (end - p >= 2 && (unsigned char)p[1] == 0xbf)
			return 1;
	for (p = s; (p = memchr(p, 0xe2, (size_t)(end - p))) != NULL; p++)
		if (end - p >= 3 && (unsigned char)p[1] == 0x84 &&
		    (unsigned char)p[2] == 0xaa)
			return 1;
	return 0;
}

/*
 * One pass over the words of s[0..len), line by line.  Returns 0, a
 * negative ERR_*, or FOLD_ALIAS (having stopped part way) when s holds
 * a fold alias.
 */
static int
scan_words(const struct net *n, const char *s, size_t len,
    struct spans *out)
{
	size_t p = 0, q, line = 0;
	unsigned flags, c, l = 0;
	int rc;

	while (p < len) {
		if (n->cls[(unsigned char)s[p]] & B_SPACE) {
			if (s[p] == '\n') {
				rc = end_line(n, s, line, p, l, out);
				if (rc < 0)
					return rc;
				line = p + 1;
				l = 0;
			}
			p++;
			continue;
		}
		flags = 0;
		for (q = p; q < len; q++) {
			c = n->cls[(unsigned char)s[q]];
			if (c & B_SPACE)
				break;
			flags |= c;
		}
		if ((flags & B_LEAD) && has_fold_alias(s + p, q - p))
			return FOLD_ALIAS;
		if (flags & (B_AT | B_DOT | B_COLON)) {
			rc = scan_word(n, s, p, q, flags, out);
			if (rc < 0)
				return rc;
		}
		rc = scan_plain(s, p, q, flags, out);
		if (rc < 0)
			return rc;
		if (l != (L_AT | L_SPELLED) && (flags & (B_OPEN | B_AT | B_T)))
			l |= word_line_flags(s, p, q, flags);
		p = q;
	}
	return end_line(n, s, line, len, l, out);
}

/*
 * scan_plain() over every word of s[0..len), for a value scanned whole:
 * the word walk stopped at a fold alias, perhaps before them.
 */
static int
scan_plain_words(const struct net *n, const char *s, size_t len,
    struct spans *out)
{
	size_t p = 0, q;
	unsigned flags;
	int rc;

	while (p < len) {
		if (n->cls[(unsigned char)s[p]] & B_SPACE) {
			p++;
			continue;
		}
		flags = 0;
		for (q = p; q < len && !(n->cls[(unsigned char)s[q]] &
		    B_SPACE); q++)
			flags |= n->cls[(unsigned char)s[q]];
		rc = scan_plain(s, p, q, flags, out);
		if (rc < 0)
			return rc;
		p = q;
	}
	return 0;
}

static int
net_scan(const void *state, const struct recog_ctx *ctx, struct spans *out)
{
	const struct net *n = state;
	const char *s;
	size_t len;
	int rc;

	s = text_view(ctx->text, &len);
	rc = scan_words(n, s, len, out);
	if (rc != FOLD_ALIAS)
		return rc;
	rc = scan_with(n, n->email, s, len, out, email_found);
	if (rc == 0)
		rc = scan_with(n, n->email_obf, s, len, out, email_obf_found);
	if (rc == 0)
		rc = scan_with(n, n->url, s, len, out, url_found);
	if (rc == 0)
		rc = scan_with(n, n->ipv4, s, len, out, ipv4_found);
	if (rc == 0)
		rc = scan_with(n, n->ipv6, s, len, out, ipv6_found);
	if (rc == 0)
		rc = scan_plain_words(n, s, len, out);
	return rc;
}

static void
net_fini(void *state)
{
	struct net *n = state;

	if (n == NULL)
		return;
	rx_free(n->email);
	rx_free(n->email_obf);
	rx_free(n->url);
	rx_free(n->ipv4);
	rx_free(n->ipv6);
	rx_free(n->version);
	free(n);
}

/* The B_* class of byte c. */
static unsigned char
byte_class(size_t c)
{
	if (c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	    c == '\r')
		return B_SPACE;
	if (c == '@')
		return B_AT;
	if (c == '.')
		return B_DOT;
	if (c == ':')
		return B_COLON;
	if (c == 'a' || c == 'A')
		return B_A;
	if (c == 't' || c == 'T')
		return B_T;
	if (c == '[' || c == '(' || c == '{')
		return B_OPEN;
	if (c == 0xc5 || c == 0xe2)
		return B_LEAD;
	return 0;
}

static int
net_init(void **state, char *errbuf, size_t errlen)
{
	struct net *n;
	size_t i;

	*state = NULL;
	n = calloc(1, sizeof(*n));
	if (n == NULL)
		return ERR_NOMEM;
	if ((n->email = rx_new(email_pattern, 0, errbuf, errlen)) == NULL ||
	    (n->email_obf = rx_new(email_obf_pattern, RX_CASELESS, errbuf,
	    errlen)) == NULL ||
	    (n->url = rx_new(url_pattern, RX_CASELESS, errbuf,
	    errlen)) == NULL ||
	    (n->ipv4 = rx_new(ipv4_pattern, 0, errbuf, errlen)) == NULL ||
	    (n->ipv6 = rx_new(ipv6_pattern, 0, errbuf, errlen)) == NULL ||
	    (n->version = rx_new(version_pattern, RX_CASELESS, errbuf,
	    errlen)) == NULL) {
		net_fini(n);
		return ERR_INTERNAL;
	}
	for (i = 0; i < 256; i++)
		n->cls[i] = byte_class(i);
	*state = n;
	return 0;
}

const struct recognizer_ops recognizer_net = {
	.name = "net",
	.init = net_init,
	.fini = net_fini,
	.scan = net_scan
};
