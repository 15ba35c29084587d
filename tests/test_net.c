/*
 * test_net.c - the net recognizer: EMAIL, URL, IP, MAC (DEVICE) and
 * social media handle (OTHER_ID) spans.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "harness.h"
#include "phitype.h"
#include "recog_check.h"
#include "recognizer.h"
#include "spans.h"

static const struct recog_in_case cases[] = {
	/* E-mail. */
	{ "Email: jane.doe+clinic@mail.example-health.org.",
	    { { "jane.doe+clinic@mail.example-health.org", PHI_EMAIL } } },
	{ "j_smith99@example.com", { { "j_smith99@example.com",
	    PHI_EMAIL } } },
	{ "contact:r.lee@dept.example.co.uk;",
	    { { "r.lee@dept.example.co.uk", PHI_EMAIL } } },
	{ "<quinn.o-neil@example.net>", { { "quinn.o-neil@example.net",
	    PHI_EMAIL } } },
	{ "write to jdoe [at] example [dot] com soon",
	    { { "jdoe [at] example [dot] com", PHI_EMAIL } } },
	{ "jdoe at example dot org", { { "jdoe at example dot org",
	    PHI_EMAIL } } },
	{ "jdoe(at)example.org", { { "jdoe(at)example.org", PHI_EMAIL } } },
	{ "jdoe @ example.com", { { "jdoe @ example.com", PHI_EMAIL } } },
	{ "Email\xc2\xa0: kim\xef\xbc\xa0" "example.org",
	    { { "kim@example.org", PHI_EMAIL } } },
	/* URLs. */
	{ "see https://portal.example.org/login?id=7.",
	    { { "https://portal.example.org/login?id=7", PHI_URL } } },
	{ "(see https://example.org/a_(b))",
	    { { "https://example.org/a_(b)", PHI_URL } } },
	{ "(https://example.org/x)", { { "https://example.org/x",
	    PHI_URL } } },
	{ "[see https://example.org/a)]]).", { { "https://example.org/a",
	    PHI_URL } } },
	{ "https://example.org/(a)(b))", { { "https://example.org/(a)(b)",
	    PHI_URL } } },
	{ "HTTP://EXAMPLE.ORG", { { "HTTP://EXAMPLE.ORG", PHI_URL } } },
	{ "ftp://files.example.net/a.txt,",
	    { { "ftp://files.example.net/a.txt", PHI_URL } } },
	{ "www.example.org/path, then", { { "www.example.org/path",
	    PHI_URL } } },
	{ "visit www.example-clinic.com.", { { "www.example-clinic.com",
	    PHI_URL } } },
	{ "portal.example-health.org/login",
	    { { "portal.example-health.org/login", PHI_URL } } },
	{ "go to example.com today", { { "example.com", PHI_URL } } },
	{ "name at example.com", { { "example.com", PHI_URL } } },
	{ "https://x.example.org/?u=jdoe@example.com",
	    { { "https://x.example.org/?u=jdoe@example.com", PHI_URL } } },
	{ "http://198.51.100.7/a", { { "http://198.51.100.7/a",
	    PHI_URL } } },
	/* IP addresses. */
	{ "IP 192.0.2.44", { { "192.0.2.44", PHI_IP } } },
	{ "(from 203.0.113.7)", { { "203.0.113.7", PHI_IP } } },
	{ "0.0.0.0 and 255.255.255.255", { { "0.0.0.0", PHI_IP },
	    { "255.255.255.255", PHI_IP } } },
	{ "host ::1 up", { { "::1", PHI_IP } } },
	{ "2001:db8::8a2e:370:7334.", { { "2001:db8::8a2e:370:7334",
	    PHI_IP } } },
	{ "fe80::1%eth0 link", { { "fe80::1%eth0", PHI_IP } } },
	{ "2001:0db8:0000:0000:0000:ff00:0042:8329",
	    { { "2001:0db8:0000:0000:0000:ff00:0042:8329", PHI_IP } } },
	{ "::ffff:192.0.2.1", { { "::ffff:192.0.2.1", PHI_IP } } },
	{ "ip\xef\xbc\x9a\xef\xbc\x91\xef\xbc\x90.1.2.3",
	    { { "10.1.2.3", PHI_IP } } },
	/* MAC addresses: colons or dashes, one kind in each. */
	{ "MAC 00:1B:44:11:3A:B7", { { "00:1B:44:11:3A:B7",
	    PHI_DEVICE } } },
	{ "nic 00-1b-44-11-3a-b7.", { { "00-1b-44-11-3a-b7",
	    PHI_DEVICE } } },
	{ "MAC:a4:5e:60:c2:19:0f on wifi", { { "a4:5e:60:c2:19:0f",
	    PHI_DEVICE } } },
	{ "(de:ad:be:ef:00:01)", { { "de:ad:be:ef:00:01", PHI_DEVICE } } },
	{ "pump 0a:1b:2c:3d:4e:5f\nhub 11-22-33-44-55-66",
	    { { "0a:1b:2c:3d:4e:5f", PHI_DEVICE },
	    { "11-22-33-44-55-66", PHI_DEVICE } } },
	{ "00:1a:2b-3c:4d:5e", { { NULL, PHI_DEVICE } } },
	{ "00:1a:2b:3c:4d", { { NULL, PHI_DEVICE } } },
	{ "00:1a:2b:3c:4d:5e:6f", { { NULL, PHI_DEVICE } } },
	{ "1:00:1a:2b:3c:4d:5e", { { NULL, PHI_DEVICE } } },
	{ "00:1a:2b:3c:4d:5g", { { NULL, PHI_DEVICE } } },
	{ "000:1a:2b:3c:4d:5e", { { NULL, PHI_DEVICE } } },
	{ "12:30:45 and 12:30", { { NULL, PHI_DEVICE } } },
	/* digits alone need a cue: a log line is no MAC address */
	{ "Telemetry log 10:22:33:44:55:66", { { NULL, PHI_DEVICE } } },
	{ "Vent settings 12:30:45:10:20:05", { { NULL, PHI_DEVICE } } },
	{ "wifi card 10:22:33:44:55:66", { { "10:22:33:44:55:66",
	    PHI_DEVICE } } },
	{ "x00-1b-44-11-3a-b7", { { NULL, PHI_DEVICE } } },
	{ "00-1b-44-11-3a-b7-c8", { { NULL, PHI_DEVICE } } },
	/*
	 * Three dotted groups of four (Cisco), and twelve digits with no
	 * separator after a hardware word, perhaps on the line above.
	 */
	{ "MAC 001b.4411.3ab7", { { "001b.4411.3ab7", PHI_DEVICE } } },
	{ "switch port 0a1b.2c3d.4e5f up", { { "0a1b.2c3d.4e5f",
	    PHI_DEVICE } } },
	{ "MAC: 1234.5678.9012", { { "1234.5678.9012", PHI_DEVICE } } },
	{ "MAC 001B44113AB7", { { "001B44113AB7", PHI_DEVICE } } },
	{ "hardware address: 001b44113ab7.", { { "001b44113ab7",
	    PHI_DEVICE } } },
	{ "HW addr\n001B44113AB7", { { "001B44113AB7", PHI_DEVICE } } },
	{ "Bluetooth address (A1B2C3D4E5F6)", { { "A1B2C3D4E5F6",
	    PHI_DEVICE } } },
	{ "Wi-Fi MAC is 00AABBCCDDEE", { { "00AABBCCDDEE", PHI_DEVICE } } },
	{ "ethernet 001122334455", { { "001122334455", PHI_DEVICE } } },
	{ "1234.5678.9012", { { NULL, PHI_DEVICE } } },
	{ "Lot 2024.0415.0001 used", { { NULL, PHI_DEVICE } } },
	{ "version 1.2.3", { { NULL, PHI_DEVICE } } },
	{ "1.2.3", { { NULL, PHI_DEVICE } } },
	{ "colour #aabbcc and #a1b2c3d4e5f6", { { NULL, PHI_DEVICE } } },
	{ "ref 123456789012", { { NULL, PHI_DEVICE } } },
	{ "pharmacy 001122334455", { { NULL, PHI_DEVICE } } },
	/* one list of hardware words, as words, for every form */
	{ "pharmacy 00:11:22:33:44:55", { { NULL, PHI_DEVICE } } },
	{ "router 00:11:22:33:44:55", { { "00:11:22:33:44:55",
	    PHI_DEVICE } } },
	{ "wifi adapter 001B44113AB7", { { "001B44113AB7", PHI_DEVICE } } },
	{ "MAC\n\n001B44113AB7", { { NULL, PHI_DEVICE } } },
	{ "MAC address of the 001122334455", { { NULL, PHI_DEVICE } } },
	{ "MAC 001B44113AB7F", { { NULL, PHI_DEVICE } } },
	{ "MAC 0a1b.2c3d.4e5f.6a7b", { { NULL, PHI_DEVICE } } },
	{ "x0a1b.2c3d.4e5f", { { NULL, PHI_DEVICE } } },
	{ "at 12:30 and 14:45:10", { { NULL, PHI_DEVICE } } },
	/* Handles after a cue word; "@home" alone is not one. */
	{ "Twitter @jdoe_nurse, ok", { { "@jdoe_nurse", PHI_OTHER_ID } } },
	{ "instagram: @ann.lee.", { { "@ann.lee", PHI_OTHER_ID } } },
	{ "her handle @x_y", { { "@x_y", PHI_OTHER_ID } } },
	{ "Her Instagram handle is @kestrel.v9", { { "@kestrel.v9",
	    PHI_OTHER_ID } } },
	{ "on TikTok (@_vell_)", { { "@_vell_", PHI_OTHER_ID } } },
	{ "Met @home at bedtime", { { NULL, PHI_OTHER_ID } } },
	{ "twitter @ bedtime", { { NULL, PHI_OTHER_ID } } },
	{ "Twitter\n@jdoe", { { "@jdoe", PHI_OTHER_ID } } },
	{ "Twitter:\n  @jdoe", { { "@jdoe", PHI_OTHER_ID } } },
	{ "Twitter\n\n@jdoe", { { NULL, PHI_OTHER_ID } } },
	{ "can't handle stairs @home", { { NULL, PHI_OTHER_ID } } },
	{ "handle @2pm", { { NULL, PHI_OTHER_ID } } },
	{ "handle @.", { { NULL, PHI_OTHER_ID } } },
	{ "Twitter @abcdefghijklmnopqrstuvwxyz012345",
	    { { NULL, PHI_OTHER_ID } } },
	/* Handles without '@' after a platform's name. */
	{ "Twitter: jdoe_1987", { { "jdoe_1987", PHI_OTHER_ID } } },
	{ "Instagram - quill.ada", { { "quill.ada", PHI_OTHER_ID } } },
	{ "Instagram \xe2\x80\x93 quill.ada.", { { "quill.ada",
	    PHI_OTHER_ID } } },
	{ "TikTok handle quillada", { { "quillada", PHI_OTHER_ID } } },
	{ "Snapchat: vell_q2, daily", { { "vell_q2", PHI_OTHER_ID } } },
	{ "Threads username is quill.ada", { { "quill.ada",
	    PHI_OTHER_ID } } },
	{ "Instagram\nquill.ada", { { "quill.ada", PHI_OTHER_ID } } },
	{ "Twitter: Quillada", { { "Quillada", PHI_OTHER_ID } } },
	/* Reddit, Discord and Mastodon forms. */
	{ "Discord: quillada#4821", { { "quillada#4821", PHI_OTHER_ID } } },
	{ "discord @quillada#4821", { { "@quillada#4821",
	    PHI_OTHER_ID } } },
	{ "reddit u/quillada", { { "u/quillada", PHI_OTHER_ID } } },
	{ "posts as /u/quill_ada.", { { "u/quill_ada", PHI_OTHER_ID } } },
	{ "Mastodon @quill@example.social", { { "@quill@example.social",
	    PHI_OTHER_ID } } },
	{ "see @vell@toot.example.org.", { { "@vell@toot.example.org",
	    PHI_OTHER_ID } } },
	/* None of these. */
	{ "Twitter and Facebook use", { { NULL, PHI_OTHER_ID } } },
	{ "Instagram: none", { { NULL, PHI_OTHER_ID } } },
	{ "Discord: no", { { NULL, PHI_OTHER_ID } } },
	{ "Twitter: yes", { { NULL, PHI_OTHER_ID } } },
	{ "Facebook: private", { { NULL, PHI_OTHER_ID } } },
	{ "TikTok - daily videos", { { NULL, PHI_OTHER_ID } } },
	{ "Twitter is great", { { NULL, PHI_OTHER_ID } } },
	{ "Twitter quillada", { { NULL, PHI_OTHER_ID } } },
	{ "Instagram: e.g. this", { { NULL, PHI_OTHER_ID } } },
	{ "Facebook, Instagram, TikTok", { { NULL, PHI_OTHER_ID } } },
	{ "Instagram\n\nquill.ada", { { NULL, PHI_OTHER_ID } } },
	{ "Facebook: Ada", { { NULL, PHI_OTHER_ID } } },
	{ "Facebook: Quillby Adair", { { NULL, PHI_OTHER_ID } } },
	{ "Facebook: facebook.com", { { "facebook.com", PHI_URL } } },
	{ "insulin 5 u/day", { { NULL, PHI_OTHER_ID } } },
	{ "U/S-guided biopsy, u/s-guided", { { NULL, PHI_OTHER_ID } } },
	{ "reddit: u/quill-ada", { { "u/quill-ada", PHI_OTHER_ID } } },
	{ "U/A normal, U/L", { { NULL, PHI_OTHER_ID } } },
	{ "Lot#1234 dispensed", { { NULL, PHI_OTHER_ID } } },
	{ "Room quill#4821", { { NULL, PHI_OTHER_ID } } },
	{ "mail jo@example.social", { { "jo@example.social", PHI_EMAIL } } },
	{ "version 1.2.3.4", { { NULL, PHI_IP } } },
	{ "release v1.2.3", { { NULL, PHI_IP } } },
	{ "on 3.14.2021", { { NULL, PHI_IP } } },
	{ "999.1.1.1", { { NULL, PHI_IP } } },
	{ "256.10.10.10", { { NULL, PHI_IP } } },
	{ "1.2.3.4.5", { { NULL, PHI_IP } } },
	{ "at 14:30:45", { { NULL, PHI_IP } } },
	{ "MAC 00:1A:2B:3C:4D:5E", { { "00:1A:2B:3C:4D:5E",
	    PHI_DEVICE } } },
	{ "1:2:3:4:5:6:7:8:9", { { NULL, PHI_IP } } },
	{ "Na 140, K 4.1, Cr 0.9", { { NULL, PHI_IP } } },
	{ "e.g. and i.e. aside", { { NULL, PHI_IP } } },
	{ "metoprolol 25 mg q.i.d/prn", { { NULL, PHI_IP } } },
	{ "glucose 90 mg/dL and/or", { { NULL, PHI_IP } } },
	{ "user@localhost", { { NULL, PHI_IP } } },
	{ "a @ sign", { { NULL, PHI_IP } } },
	{ "http:// nothing", { { NULL, PHI_IP } } },
	{ "notes.txt/v2 report.pdf", { { NULL, PHI_IP } } },
	{ "seen at home dot", { { NULL, PHI_IP } } },
	{ "", { { NULL, PHI_IP } } },
	/*
	 * Words, lines and case: a spelled-out address stays on its line;
	 * long s (U+017F), which PCRE2 folds to 's', has the value scanned
	 * whole.
	 */
	{ "x\njo@example.org\ny", { { "jo@example.org", PHI_EMAIL } } },
	{ "mail jo@example.org at noon", { { "jo@example.org",
	    PHI_EMAIL } } },
	{ "jdoe at example\ndot com", { { NULL, PHI_EMAIL } } },
	{ "jdoe{at}example{dot}org", { { "jdoe{at}example{dot}org",
	    PHI_EMAIL } } },
	{ "JDOE AT EXAMPLE DOT COM", { { "JDOE AT EXAMPLE DOT COM",
	    PHI_EMAIL } } },
	{ "jo @example.com", { { "jo @example.com", PHI_EMAIL } } },
	{ "at example dot com", { { NULL, PHI_EMAIL } } },
	{ "to jdoe [at] example [dot] u\xc5\xbf now",
	    { { "jdoe [at] example [dot] u\xc5\xbf", PHI_EMAIL } } },
	{ "see example.u\xc5\xbf/path now", { { "example.u\xc5\xbf/path",
	    PHI_URL } } },
	{ "u\xc5\xbf 00:1b:44:11:3a:b7, Twitter @jdoe",
	    { { "00:1b:44:11:3a:b7", PHI_DEVICE },
	    { "@jdoe", PHI_OTHER_ID } } },
	{ "see\thttps://example.org/x\tnow", { { "https://example.org/x",
	    PHI_URL } } },
	{ "host 10.0.0.1\n2001:db8::1\n", { { "10.0.0.1", PHI_IP },
	    { "2001:db8::1", PHI_IP } } },
	/* Other decimal digits and HTML references, through the view. */
	{ "Email: zed.quill&#64;mail.example, thanks",
	    { { "zed.quill@mail.example", PHI_EMAIL } } },
	{ "see https&#x3A;" "//portal.example.org/u/8812&amp;x=1 now",
	    { { "https://portal.example.org/u/8812&x=1", PHI_URL } } },
	{ "IP \xD9\xA1\xD9\xA0.\xD9\xA4\xD9\xA2.\xD9\xA1\xD9\xA7\xD9"
	    "\xA7.\xD9\xA2\xD9\xA0\xD9\xA3 logged",
	    { { "10.42.177.203", PHI_IP } } },
};

/* The recognizer that wins a merged span, and its score. */
static const struct {
	const char *in;
	const char *recognizer;
	float score;
} scores[] = {
	{ "a@example.org", "email", 0.95f },
	{ "a [at] example [dot] org", "email.spelled", 0.8f },
	{ "https://example.org/", "url.scheme", 0.95f },
	{ "www.example.org", "url.www", 0.85f },
	{ "example.org/x", "url.path", 0.85f },
	{ "example.org", "url.host", 0.6f },
	{ "10.0.0.1", "ip.v4", 0.9f },
	{ "fe80::2", "ip.v6", 0.9f },
	{ "00:1b:44:11:3a:b7", "device.mac", 0.9f },
	{ "Twitter @jdoe", "handle.social", 0.8f },
	{ "Twitter: jdoe_1987", "handle.bare", 0.7f },
	{ "MAC 001b.4411.3ab7", "device.mac", 0.9f },
	{ "MAC 001B44113AB7", "device.mac", 0.9f },
};

static void
test_cases(void)
{
	recog_check_in_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_scores(void)
{
	const struct span *sp;
	size_t i;

	for (i = 0; i < sizeof(scores) / sizeof(scores[0]); i++) {
		sp = recog_check_first(scores[i].in, 1);
		CU_ASSERT_DOUBLE_EQUAL(sp->score, scores[i].score, 0.001);
		CU_ASSERT_STRING_EQUAL(sp->recognizer, scores[i].recognizer);
	}
}

/* View offsets, not original ones: NBSP and full-width forms fold. */
static void
test_offsets(void)
{
	const struct span *sp;

	sp = recog_check_first(
	    "IP\xc2\xa0\xef\xbc\x91\xef\xbc\x99"
	    "2.0.2.9; mail a.b@example.org", 2);
	CU_ASSERT_EQUAL(sp->start, 3);
	CU_ASSERT_EQUAL(sp->end, 12);
	CU_ASSERT_EQUAL(sp->type, PHI_IP);
	sp = spans_get(recog_check_spans(), 1);
	CU_ASSERT_EQUAL(sp->start, 19);
	CU_ASSERT_EQUAL(sp->end, 34);
	CU_ASSERT_EQUAL(sp->type, PHI_EMAIL);
}

/*
 * A URL followed by a megabyte of closing brackets: trimming them must
 * take linear time (it took minutes when each bracket recounted them).
 */
static void
test_long_tail(void)
{
	static const char head[] = "see https://example.org/x";
	size_t n = strlen(head), total = n + ((size_t)1 << 20);
	struct timespec t0, t1;
	const struct span *sp;
	double secs;
	char *in;

	in = malloc(total + 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(in);
	memcpy(in, head, n);
	memset(in + n, ')', total - n);
	in[total] = '\0';
	(void)clock_gettime(CLOCK_MONOTONIC, &t0);
	CU_ASSERT_EQUAL(recog_check_scan(in), 0);
	(void)clock_gettime(CLOCK_MONOTONIC, &t1);
	free(in);
	secs = (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	CU_ASSERT(secs < 5.0);
	CU_ASSERT_EQUAL_FATAL(spans_count(recog_check_spans()), 1);
	sp = spans_get(recog_check_spans(), 0);
	CU_ASSERT_EQUAL(sp->start, 4);
	CU_ASSERT_EQUAL(sp->end, n);
	CU_ASSERT_EQUAL(sp->type, PHI_URL);
}

static CU_TestInfo tests[] = {
	{ "table of cases", test_cases },
	{ "scores and names", test_scores },
	{ "view offsets", test_offsets },
	{ "long bracket tail", test_long_tail },
	{ "init and fini", recog_check_lifecycle },
	CU_TEST_INFO_NULL
};

int
main(void)
{
	return recog_check_main("net", &recognizer_net, tests);
}
