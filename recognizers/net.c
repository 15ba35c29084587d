/*
 * net.c - e-mail addresses, URLs and IP addresses.
 *
 * E-mail: ordinary addresses (sub-domains, plus tags) and the common
 * spelled-out forms ("jo [at] example [dot] org", "jo at example dot
 * com").  URL: anything with a scheme, anything starting "www.", and a
 * bare host name followed by a path, or a bare host under a generic
 * top-level domain.  Trailing punctuation stays outside.  IP: dotted
 * IPv4 and IPv6 candidates, each confirmed by inet_pton(); numbers after
 * "version" and the like are not addresses.
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

struct net {
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

/* How far back a "version" word may be. */
#define VERSION_WINDOW	16

/*
 * The end of a URL-like match once trailing punctuation is dropped; a
 * closing bracket stays when the match opened one.
 */
static size_t
trim_url(const char *s, size_t start, size_t end)
{
	static const char close[] = ")]}";
	static const char open[] = "([{";
	const char *c;
	size_t i, opens, closes;

	while (end > start) {
		if (strchr(".,;:!?'\"*", s[end - 1]) != NULL) {
			end--;
			continue;
		}
		c = strchr(close, s[end - 1]);
		if (c == NULL)
			break;
		opens = 0;
		closes = 0;
		for (i = start; i < end; i++) {
			if (s[i] == open[c - close])
				opens++;
			else if (s[i] == *c)
				closes++;
		}
		if (closes <= opens)
			break;
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

static int
scan_with(const struct net *n, const struct rx *rx, const char *s,
    size_t len, struct spans *out,
    int (*found)(const struct net *, const char *, size_t,
    const struct rx_match *, struct spans *))
{
	struct rx_match m;
	size_t from = 0;
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
net_scan(const void *state, const struct recog_ctx *ctx, struct spans *out)
{
	const struct net *n = state;
	const char *s;
	size_t len;
	int rc;

	s = text_view(ctx->text, &len);
	rc = scan_with(n, n->email, s, len, out, email_found);
	if (rc == 0)
		rc = scan_with(n, n->email_obf, s, len, out, email_obf_found);
	if (rc == 0)
		rc = scan_with(n, n->url, s, len, out, url_found);
	if (rc == 0)
		rc = scan_with(n, n->ipv4, s, len, out, ipv4_found);
	if (rc == 0)
		rc = scan_with(n, n->ipv6, s, len, out, ipv6_found);
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

static int
net_init(void **state, char *errbuf, size_t errlen)
{
	struct net *n;

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
	*state = n;
	return 0;
}

const struct recognizer_ops recognizer_net = {
	.name = "net",
	.init = net_init,
	.fini = net_fini,
	.scan = net_scan
};
