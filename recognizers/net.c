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
 * colon groups is IPv6's, and a time has three groups at most.  Three
 * dotted groups of four ("001b.4411.3ab7"), and twelve hex digits
 * after a hardware word ("MAC 001B44113AB7").
 * Handle (an OTHER_ID): "@name" at the start of a word, taken only
 * when a cue word ("Twitter", "Instagram", "handle") stands a few words
 * before it on the line or the one above, so "@home" and "@ bedtime"
 * stay; a bare name after a platform's name ("Twitter: jdoe_1987"),
 * Mastodon's "@name@server", Reddit's "u/name", Discord's "name#1234".
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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chars.h"
#include "err.h"
#include "lexicon.h"
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
	const struct lexicon *lx;	/* words a bare handle is not */
	uint16_t plat_len[26];	/* bit n: a platform of n letters starts
				   with 'a' + i (handle_platforms) */
};

#define LOCAL_CHARS	"A-Za-z0-9_%+\\-\\p{L}\\p{N}"
#define LABEL		"[A-Za-z0-9\\p{L}](?:[A-Za-z0-9\\p{L}-]{0,61}" \
			"[A-Za-z0-9\\p{L}])?"

static const char email_pattern[] =
	"(?<![.@" LOCAL_CHARS "])"
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
	"linkedin", "handle", "handles", "username", "usernames", "twitch",
	"tumblr", "pinterest", "redditor", NULL
};

/*
 * Platforms whose name makes the word after it a handle even without
 * '@' ("Twitter: jdoe_1987", "TikTok handle quillada").
 */
static const char *const handle_platforms[] = {
	"twitter", "instagram", "insta", "tiktok", "facebook", "snapchat",
	"threads", "mastodon", "bluesky", "telegram", "discord", "reddit",
	"youtube", "linkedin", "twitch", "tumblr", "pinterest", NULL
};

/* Words between a platform and a bare handle that name the handle. */
static const char *const handle_names[] = {
	"handle", "username", "user", "name", "account", "id", NULL
};

/* Words that may stand between a cue and its handle. */
static const char *const handle_glue[] = {
	"is", "on", "at", "as", "via", "under", "was", "called", "name",
	"account", "user", "her", "his", "my", "their", "our", "your", "the",
	NULL
};

/*
 * The shortest word scan_plain() may find something in without '@'
 * ("u/abc", a platform's name); shorter words are not passed to it.
 */
#define PLAIN_MIN	5

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

/* Whether s[from..to) holds "://" or a dot before a letter. */
static int
url_maybe(const char *s, size_t from, size_t to)
{
	size_t i;

	for (i = from; i + 1 < to; i++) {
		if (s[i] == '.' && ch_alpha(s[i + 1]))
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
		for (e = i; e < to && ch_alpha(s[e]); e++)
			;
		n = e - i;
		if (n == 0) {
			e++;
			continue;
		}
		if (n < 2 || n > 4 || !before_tld(s[i - 1]) ||
		    (e < to && ch_alnum(s[e])))
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

	while (i > from && ch_alnum(s[i - 1])) {
		if (!is_hex(s[i - 1]) || ++k > 4)
			return 0;
		i--;
	}
	return k > 0;
}

/* Whether w is in list; the first letters are compared inline. */
static int
word_in_list(const char *w, const char *const *list)
{
	for (; *list != NULL; list++)
		if ((*list)[0] == w[0] && strcmp(w, *list) == 0)
			return 1;
	return 0;
}

/*
 * The word before at, lower-cased into w (n bytes): letters, and '-'
 * between letters ("wi-fi"), past any other bytes but at most one line
 * break in all (*breaks counts them), so that a cue may end the line
 * above its value.  Returns where the word starts, or SIZE_MAX when
 * there is none or it does not fit.
 */
static size_t
word_back(const char *s, size_t at, int *breaks, char *w, size_t n)
{
	size_t e, k;

	while (at > 0 && !ch_alpha(s[at - 1])) {
		if (s[at - 1] == '\n' && ++*breaks > 1)
			return SIZE_MAX;
		at--;
	}
	if (at == 0)
		return SIZE_MAX;
	for (e = at; at > 0 && (ch_alpha(s[at - 1]) || (s[at - 1] == '-' &&
	    at >= 2 && ch_alpha(s[at - 2]) && at < e)); at--)
		;
	if (e - at >= n)
		return SIZE_MAX;
	for (k = 0; k < e - at; k++)
		w[k] = (char)(s[at + k] | 0x20);
	w[e - at] = '\0';
	return at;
}

/*
 * Whether a cue word of cues is one of the words words before at, with
 * only words of glue after it ("Instagram handle is @x", "MAC address:
 * 001b.4411.3ab7"): "can't handle stairs @home" has a word of its own
 * between them.
 */
static int
cue_before(const char *s, size_t at, int words, const char *const *cues,
    const char *const *glue)
{
	char w[12];
	int breaks = 0;

	for (; words > 0; words--) {
		at = word_back(s, at, &breaks, w, sizeof(w));
		if (at == SIZE_MAX)
			return 0;
		if (word_in_list(w, cues))
			return 1;
		if (!word_in_list(w, glue))
			return 0;
	}
	return 0;
}

/* Words naming a hardware address, for MACs of digits alone or in forms
 * other than six groups. */
static const char *const hw_cues[] = {
	"mac", "hardware", "hw", "ethernet", "wifi", "wi-fi", "wlan",
	"bluetooth", "device", "nic", "hub", "router", "adapter", NULL
};

/* Words that may stand between such a word and its address. */
static const char *const hw_glue[] = {
	"address", "addr", "adr", "id", "is", "no", "number", "card",
	"interface", "port", NULL
};

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
	if (i > from && (ch_alnum(s[i - 1]) || s[i - 1] == '-' ||
	    s[i - 1] == '.' || (s[i - 1] == ':' &&
	    hex_group_before(s, from, i - 1))))
		return 0;
	if (e < to && (ch_alnum(s[e]) || ((s[e] == ':' || s[e] == '-' ||
	    s[e] == '.') && e + 1 < to && ch_alnum(s[e + 1]))))
		return 0;
	for (k = 0; k < MAC_LEN; k++)
		if ((s[i + k] | 0x20) >= 'a' && (s[i + k] | 0x20) <= 'f')
			return 1;
	/* digits alone are a log line or a lot number unless so named */
	return cue_before(s, from, 3, hw_cues, hw_glue);
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

/* The text of a Cisco-style MAC address: "001b.4411.3ab7". */
#define MAC_DOT_LEN	14

/* The text of a MAC address without separators: "001B44113AB7". */
#define MAC_BARE_LEN	12

/*
 * Whether s[i..e), inside the word s[from..to), stands alone: no
 * letter, digit or joining mark before it, and none after it but
 * trailing punctuation.
 */
static int
alone_in_word(const char *s, size_t from, size_t to, size_t i, size_t e)
{
	if (i > from && (ch_alnum(s[i - 1]) || s[i - 1] == '-' ||
	    s[i - 1] == '.' || s[i - 1] == ':' || s[i - 1] == '_'))
		return 0;
	return !(e < to && (ch_alnum(s[e]) || s[e] == '_' ||
	    ((s[e] == ':' || s[e] == '-' || s[e] == '.') && e + 1 < to &&
	    ch_alnum(s[e + 1]))));
}

/*
 * The Cisco-style MAC addresses in the word s[from..to): three groups
 * of four hex digits joined by dots, with a digit and a hex letter in
 * them or a hardware word before them ("1234.5678.9012" alone is a
 * number).
 */
static int
scan_mac_dots(const char *s, size_t from, size_t to, struct spans *out)
{
	size_t i, k;
	int digit, letter, rc;

	for (i = from; i + MAC_DOT_LEN <= to; i++) {
		digit = letter = 0;
		for (k = 0; k < MAC_DOT_LEN; k++) {
			if (k % 5 == 4 ? s[i + k] != '.' : !is_hex(s[i + k]))
				break;
			digit |= s[i + k] >= '0' && s[i + k] <= '9';
			letter |= ch_alpha(s[i + k]);
		}
		if (k < MAC_DOT_LEN ||
		    !alone_in_word(s, from, to, i, i + MAC_DOT_LEN) ||
		    (!(digit && letter) &&
		    !cue_before(s, from, 3, hw_cues, hw_glue)))
			continue;
		rc = spans_add(out, i, i + MAC_DOT_LEN, PHI_DEVICE, 0.9f,
		    "device.mac");
		if (rc < 0)
			return rc;
		i += MAC_DOT_LEN - 1;
	}
	return 0;
}

/*
 * A MAC address of twelve hex digits with no separator, as the word
 * s[from..to) (a bracket or quote around it aside), taken only after a
 * hardware word ("MAC 001B44113AB7"): twelve digits alone are a number.
 */
static int
scan_mac_bare(const char *s, size_t from, size_t to, struct spans *out)
{
	size_t i = from, k;

	while (i < to && s[i] != '\0' && strchr("([{\"'", s[i]) != NULL)
		i++;
	if (to - i < MAC_BARE_LEN)
		return 0;
	for (k = 0; k < MAC_BARE_LEN; k++)
		if (!is_hex(s[i + k]))
			return 0;
	for (k = i + MAC_BARE_LEN; k < to; k++)
		if (s[k] == '\0' || strchr(".,;:)]}\"'", s[k]) == NULL)
			return 0;
	if (!cue_before(s, from, 3, hw_cues, hw_glue))
		return 0;
	return spans_add(out, i, i + MAC_BARE_LEN, PHI_DEVICE, 0.9f,
	    "device.mac");
}

/*
 * Whether a cue word is one of the HANDLE_CUE_WORDS words before at,
 * with only glue words after it ("Instagram handle is @x"); it may end
 * the line above.
 */
static int
handle_cue_before(const char *s, size_t at)
{
	return cue_before(s, at, HANDLE_CUE_WORDS, handle_cues, handle_glue);
}

/*
 * The end of a Mastodon server after a handle's second '@' at s[at]
 * ("@quill@example.social"): labels of letters, digits and '-' joined
 * by dots, the last one of two letters or more; at when there is none.
 */
static size_t
server_end(const char *s, size_t at, size_t to)
{
	size_t e = at + 1, label = e, dots = 0;

	while (e < to && (ch_alnum(s[e]) || s[e] == '-' || (s[e] == '.' &&
	    e > label && e + 1 < to && ch_alnum(s[e + 1])))) {
		if (s[e] == '.') {
			dots++;
			label = e + 1;
		}
		e++;
	}
	if (dots == 0 || e - label < 2)
		return at;
	for (; label < e; label++)
		if (!ch_alpha(s[label]))
			return at;
	return e;
}

/* Past a Discord tag ("#4821") at s[e], or e when there is none. */
static size_t
tag_end(const char *s, size_t e, size_t to)
{
	size_t k;

	if (e + 5 > to || s[e] != '#')
		return e;
	for (k = 1; k <= 4; k++)
		if (s[e + k] < '0' || s[e + k] > '9')
			return e;
	return e + 5;
}

/*
 * A handle in the word s[from..to): '@' after nothing but an opening
 * bracket or quote, a letter or '_', then letters, digits, '_' and '.'
 * (not last), perhaps a Discord tag ("#4821"), taken as an OTHER_ID
 * span from the '@' when a cue word comes before it.  "@2pm" is a time.
 * A Mastodon handle ("@quill@example.social") needs no cue.
 */
static int
scan_handle(const char *s, size_t from, size_t to, struct spans *out)
{
	size_t at = from, e, host;
	int alnum = 0;

	while (at < to && s[at] != '\0' && strchr("([{\"'", s[at]) != NULL)
		at++;
	if (at + 1 >= to || s[at] != '@' || !(ch_alpha(s[at + 1]) ||
	    s[at + 1] == '_'))
		return 0;
	for (e = at + 1; e < to && (ch_alnum(s[e]) || s[e] == '_' ||
	    s[e] == '.'); e++)
		alnum |= ch_alnum(s[e]);
	while (e > at + 1 && s[e - 1] == '.')
		e--;
	if (!alnum || e - at - 1 > HANDLE_MAX)
		return 0;
	if (e < to && s[e] == '@' && s[e - 1] != '.' &&
	    (host = server_end(s, e, to)) > e)
		return spans_add(out, at, host, PHI_OTHER_ID, 0.8f,
		    "handle.social");
	e = tag_end(s, e, to);
	if ((e < to && ((unsigned char)s[e] >= 0x80 || s[e] == '-')) ||
	    !handle_cue_before(s, from))
		return 0;
	return spans_add(out, at, e, PHI_OTHER_ID, 0.8f, "handle.social");
}

/*
 * A Reddit user name, the word s[from..to): "u/" or "/u/" and three to
 * twenty letters, digits, '_' or '-', taken when it holds a digit or
 * '_' or a cue word comes before it ("u/day" is a dose, "u/s-guided"
 * an ultrasound).
 */
static int
scan_reddit(const char *s, size_t from, size_t to, struct spans *out)
{
	size_t b = from + (s[from] == '/'), e;
	int odd = 0;

	if (b + 2 > to || (s[b] | 0x20) != 'u' || s[b + 1] != '/')
		return 0;
	for (e = b + 2; e < to && (ch_alnum(s[e]) || s[e] == '_' ||
	    s[e] == '-'); e++)
		odd |= s[e] == '_' || (s[e] >= '0' && s[e] <= '9');
	while (e > b + 2 && s[e - 1] == '-')
		e--;
	if (e - b - 2 < 3 || e - b - 2 > 20 || !ch_alnum(s[b + 2]))
		return 0;
	for (b = e; b < to; b++)
		if (s[b] == '\0' || strchr(".,;:!?)]}\"'", s[b]) == NULL)
			return 0;
	if (!odd && !handle_cue_before(s, from))
		return 0;
	return spans_add(out, from + (s[from] == '/'), e, PHI_OTHER_ID, 0.8f,
	    "handle.social");
}

/*
 * Past the separators after a platform word at s[p]: blanks, at most
 * one line break, ':', '-', '=', '(' and dashes (*sep set for all but
 * blanks).  Returns the next word's start, or SIZE_MAX at anything else.
 */
static size_t
skip_separators(const char *s, size_t len, size_t p, int *breaks, int *sep)
{
	while (p < len && !ch_alnum(s[p]) && s[p] != '_') {
		if (s[p] == '\n' && ++*breaks > 1)
			return SIZE_MAX;
		if (s[p] == ':' || s[p] == '-' || s[p] == '=' || s[p] == '(') {
			*sep = 1;
		} else if ((unsigned char)s[p] == 0xe2 && p + 2 < len &&
		    (unsigned char)s[p + 1] == 0x80 &&
		    ((unsigned char)s[p + 2] == 0x93 ||
		    (unsigned char)s[p + 2] == 0x94)) {
			*sep = 1;
			p += 2;
		} else if (s[p] != ' ' && s[p] != '\t' && s[p] != '\r' &&
		    s[p] != '\n') {
			return SIZE_MAX;
		}
		p++;
	}
	return p < len ? p : SIZE_MAX;
}

/*
 * Whether the bare handle s[b..e) may be one: two to HANDLE_MAX
 * letters, digits, '_' and '.' starting with a letter or '_'.  A digit,
 * '_', an inner dot or a tag makes it one; letters alone need a
 * separator or a naming word before them (sep) and must be no word the
 * lexicons know ("Instagram: none", "Twitter and Facebook").
 */
static int
bare_handle_ok(const struct net *n, const char *s, size_t b, size_t e,
    int tag, int sep)
{
	struct lex_info info;
	size_t k, part = b;
	int odd = tag;

	if (e - b < 2 || e - b > HANDLE_MAX || !(ch_alpha(s[b]) ||
	    s[b] == '_'))
		return 0;
	for (k = b; k < e; k++) {
		if (s[k] == '.') {
			/* "e.g", "i.e": each part of a dotted name is 2+ */
			if (k - part < 2 || e - k - 1 < 2)
				return 0;
			part = k + 1;
		}
		odd |= !ch_alpha(s[k]);
	}
	/* "facebook.com" is a host name, the URL recognizer's */
	if (part > b && e - part == 3 && (strncasecmp(s + part, "com", 3) ==
	    0 || strncasecmp(s + part, "org", 3) == 0 ||
	    strncasecmp(s + part, "net", 3) == 0))
		return 0;
	if (odd)
		return 1;
	return sep && e - b >= 3 && !(lexicon_find(n->lx, s + b, e - b,
	    &info) && info.classes != 0);
}

/*
 * A handle without '@' after the platform word that ends at s[p]
 * ("Twitter: jdoe_1987", "Instagram - quill.ada", "TikTok handle
 * quillada", "Discord: quill#4821"), perhaps on the next line.
 */
static int
scan_bare_handle(const struct net *n, const char *s, size_t len, size_t p,
    struct spans *out)
{
	char w[12];
	size_t b, e, k, t;
	int breaks = 0, sep = 0, words;

	for (words = 0; words <= 2; words++) {
		if ((b = skip_separators(s, len, p, &breaks, &sep)) ==
		    SIZE_MAX || s[b] == '@')
			return 0;
		for (e = b; e < len && (ch_alnum(s[e]) || s[e] == '_' ||
		    s[e] == '.'); e++)
			;
		while (e > b && s[e - 1] == '.')
			e--;
		if (e - b >= sizeof(w))
			break;
		for (k = 0; k < e - b; k++)
			w[k] = (char)(s[b + k] | 0x20);
		w[e - b] = '\0';
		if (!word_in_list(w, handle_names) && strcmp(w, "is") != 0)
			break;
		sep |= strcmp(w, "is") != 0;
		p = e;
	}
	if (words > 2)
		return 0;
	t = tag_end(s, e, len);
	if (t < len && s[t] != '.' && s[t] != '\0' &&
	    strchr(" \t\r\n,;:!?)]}\"'", s[t]) == NULL)
		return 0;
	/* "Facebook: Quillby Ada" is a name, the names recognizer's */
	if (s[b] >= 'A' && s[b] <= 'Z' && t + 1 < len && s[t] == ' ' &&
	    s[t + 1] >= 'A' && s[t + 1] <= 'Z')
		sep = 0;
	if (!bare_handle_ok(n, s, b, e, t > e, sep))
		return 0;
	return spans_add(out, b, t, PHI_OTHER_ID, 0.7f, "handle.bare");
}

/*
 * Whether the word s[from..to) opens with a platform's name ("Twitter",
 * "TikTok:"); returns the end of the name, or 0.
 */
static size_t
platform_word(const struct net *n, const char *s, size_t from, size_t to)
{
	char w[12];
	size_t e, k;

	if (!ch_alpha(s[from]) ||
	    n->plat_len[(s[from] | 0x20) - 'a'] == 0)
		return 0;
	for (e = from; e < to && ch_alpha(s[e]); e++)
		;
	if (e - from < 5 || e - from > 9 ||
	    !(n->plat_len[(s[from] | 0x20) - 'a'] >> (e - from) & 1) ||
	    (e < to && s[e] != ':' && s[e] != ',' && s[e] != '-'))
		return 0;
	for (k = 0; k < e - from; k++)
		w[k] = (char)(s[from + k] | 0x20);
	w[e - from] = '\0';
	return word_in_list(w, handle_platforms) ? e : 0;
}

/*
 * The identifiers found without a pattern in the word s[from..to) of
 * s[0..len): MAC addresses and handles.
 */
static int
scan_plain(const struct net *n, const char *s, size_t len, size_t from,
    size_t to, unsigned flags, struct spans *out)
{
	size_t p, w = to - from;
	char c = s[from];
	int rc = 0;

	if ((flags & B_AT) && (rc = scan_handle(s, from, to, out)) < 0)
		return rc;
	if (w < PLAIN_MIN)
		return 0;
	if (w >= MAC_LEN && (rc = scan_macs(s, from, to, out)) < 0)
		return rc;
	if ((flags & B_DOT) && w >= MAC_DOT_LEN &&
	    (rc = scan_mac_dots(s, from, to, out)) < 0)
		return rc;
	if (w >= MAC_BARE_LEN && w <= 16 && (is_hex(c) || c == '(' ||
	    c == '[' || c == '{' || c == '"' || c == '\'') &&
	    (rc = scan_mac_bare(s, from, to, out)) < 0)
		return rc;
	if ((((c | 0x20) == 'u' && s[from + 1] == '/') || (c == '/' &&
	    (s[from + 1] | 0x20) == 'u')) &&
	    (rc = scan_reddit(s, from, to, out)) < 0)
		return rc;
	/* a platform's name, perhaps and a colon, comma or dash */
	if (w <= 10 && ch_alpha(c) &&
	    (n->plat_len[(c | 0x20) - 'a'] >> (w - 1) & 3) != 0 &&
	    (p = platform_word(n, s, from, to)) != 0)
		return scan_bare_handle(n, s, len, p, out);
	return 0;
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
		rc = q - p >= PLAIN_MIN || (flags & B_AT) ?
		    scan_plain(n, s, len, p, q, flags, out) : 0;
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
		rc = q - p >= PLAIN_MIN || (flags & B_AT) ?
		    scan_plain(n, s, len, p, q, flags, out) : 0;
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
	if (n->lx != NULL)
		lexicon_close(n->lx);
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
	int rc;

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
	rc = lexicon_open(&n->lx, errbuf, errlen);
	if (rc < 0) {
		net_fini(n);
		return rc;
	}
	for (i = 0; i < 256; i++)
		n->cls[i] = byte_class(i);
	for (i = 0; handle_platforms[i] != NULL; i++)
		n->plat_len[handle_platforms[i][0] - 'a'] |=
		    (uint16_t)(1u << strlen(handle_platforms[i]));
	*state = n;
	return 0;
}

const struct recognizer_ops recognizer_net = {
	.name = "net",
	.init = net_init,
	.fini = net_fini,
	.scan = net_scan
};
