/*
 * ids.c - identifier numbers: SSN, MRN, account, health plan, licence,
 * vehicle, device, biometric and other identifiers.
 *
 * Two kinds of rule.  Context rules find a label ("MRN", "member ID",
 * "serial #") followed, within a few characters of punctuation and
 * filler ("#:", "no.", "number is"), by an identifier token; the span is
 * the token alone.  Format rules find identifiers that carry their own
 * proof (a check digit or a strict layout: SSN, payment card, IBAN, MBI,
 * DEA, VIN, NPI) and stand without a label, at a lower score, so that a
 * label of another type wins when the two overlap.
 *
 * Every pattern puts the identifier in group 1.  After a match the rule's
 * limits apply: a minimum length and number of digits, no date or year
 * shape, the validator when the rule has one, and for bare NPIs a
 * clinician word shortly before.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "idcheck.h"
#include "recognizer.h"
#include "rx.h"

/* Start of a label: not inside a word or after a slash ("mg/dL"). */
#define LB "(?<![A-Za-z0-9/])"
/* End of a label: a label ending in a letter ends a word. */
#define LE "(?:(?<![A-Za-z])|(?![A-Za-z]))"
/* A marker that turns a common word into a label ("serial #"). */
#define MKN "\\s*+(?:#|numbers?\\b|nos?\\b\\.?|num\\b\\.?|nbr\\b|ids?\\b" \
	"|identifier\\b)"
/* The same, also with a colon ("Serial: ..."). */
#define MK "\\s*+(?:#|:|numbers?\\b|nos?\\b\\.?|num\\b\\.?|nbr\\b|ids?\\b" \
	"|identifier\\b)"
/* What may stand between a label and its identifier. */
#define SEP "(?:\\s*+(?:[:#=(\\[.\\-]|numbers?\\b|nos?\\b\\.?|num\\b\\.?" \
	"|nbr\\b|is\\b|was\\b|ids?\\b|identifier\\b)){0,6}+\\s*+"
/*
 * An identifier token: groups of 3-5 digits split by single spaces, or
 * letters and digits with inner dashes and a digit among the first
 * ID_MAX characters.  Every repeat is bounded, so that a label costs
 * the same however long the text after it.
 */
#define TOK "((?=[A-Za-z0-9-]{0,40}[0-9])" \
	"(?:[0-9]{3,5}(?: [0-9]{3,5}){1,3}(?![A-Za-z0-9])" \
	"|[A-Za-z0-9]{1,40}+(?:-[A-Za-z0-9]{1,40}+){0,7}+))"
/* What may not follow a token: more of it, a decimal, a date. */
#define END "(?![A-Za-z0-9]|-[A-Za-z0-9]|[./:][0-9])"
/* The longest token kept; device ids (UDIs) have their own bound. */
#define ID_MAX 40
/* A bare number's left edge: no word, no decimal, no digit group. */
#define NUMB "(?<![A-Za-z0-9.,/-])(?<![0-9] )"
/* A bare number's right edge. */
#define NUME "(?![A-Za-z0-9-]|[.,/][0-9])(?! [0-9])"

/* A US state or territory code, as written before a licence or plate. */
#define STATE "(?-i:(?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA" \
	"|M[ADEINOST]|N[CDEHJMVY]|O[HKR]|P[AR]|RI|S[CD]|T[NX]|UT|V[AT]" \
	"|W[AIVY])\\s++)"

/* Rule flags. */
enum {
	R_NODATE = 1 << 0,	/* drop tokens shaped like dates or years */
	R_CLINICIAN = 1 << 1	/* needs a clinician word shortly before */
};

struct rule {
	const char *name;	/* recognizer name in spans */
	enum phi_type type;
	float score;
	unsigned rx_flags;	/* RX_* */
	unsigned flags;		/* R_* */
	unsigned char min_len;	/* shortest token, separators included */
	unsigned char min_digits;
	int (*check)(const char *s, size_t len);
	const char *pattern;
};

/* How far before a bare NPI a clinician word is looked for. */
#define CLINICIAN_WINDOW 80

static const char clinician_pattern[] =
	"(?:\\b(?:Dr|MD|DO|NP|PA|PA-C|RN|APRN|CNM|CRNA|DDS|DMD|DPM|PharmD"
	"|FNP|ARNP)\\b"
	"|(?i:\\b(?:prescriber|provider|physician|attending|referring"
	"|ordering|clinician|surgeon|signed|practitioner|doctor)\\b))";

/* Words that name a Social Security number. */
#define SSNL "(?:ssn|ss\\s?#|ss\\s?no\\b\\.?" \
	"|soc(?:ial)?\\.?\\s*sec(?:urity)?\\.?(?:\\s*(?:card|account))?)"

static const struct rule rules[] = {
	{ "id.ssn", PHI_SSN, 0.95f, RX_CASELESS, 0, 9, 4, NULL,
	    LB SSNL LE SEP
	    "((?:[0-9]{3}|[x*]{3})([- ]?)(?:[0-9]{2}|[x*]{2})\\2[0-9]{4})"
	    "(?![A-Za-z0-9-])" },
	{ "id.ssn", PHI_SSN, 0.9f, RX_CASELESS, 0, 4, 4, NULL,
	    LB "(?:" SSNL "\\s*+\\(?(?:last|final)\\s+(?:4|four)"
	    "(?:\\s+digits)?\\)?"
	    "|(?:last|final)\\s+(?:4|four)(?:\\s+digits)?(?:\\s+of)?"
	    "(?:\\s+(?:the|his|her|pt'?s|patient'?s))?\\s+" SSNL ")" LE SEP
	    "([0-9]{4})(?![A-Za-z0-9-])" },
	{ "id.ssn", PHI_SSN, 0.7f, 0, 0, 11, 9, idcheck_ssn,
	    NUMB "([0-9]{3}([- ])[0-9]{2}\\2[0-9]{4})" NUME },
	{ "id.mrn", PHI_MRN, 0.9f, RX_CASELESS, R_NODATE, 4, 2, NULL,
	    LB "(?:mrn|m\\.r\\.n\\.?|mr\\s?#|mr\\s?(?:no\\b\\.?|num(?:ber)?\\b)"
	    "|med(?:ical)?\\.?\\s*rec(?:ord)?s?\\.?(?:" MK ")?"
	    "|(?:health\\s+)?record" MKN "|chart" MKN
	    "|(?:hospital|hosp\\.?)" MKN "|unit\\s+(?:no\\b\\.?|num(?:ber)?\\b)"
	    "|e[mh]r" MK ")" LE SEP TOK END },
	{ "id.account", PHI_ACCOUNT, 0.9f, RX_CASELESS, R_NODATE, 4, 2, NULL,
	    LB "(?:(?:(?:billing|bank|patient|guarantor|hospital|financial)"
	    "\\s+)?(?:account" MK "|acct\\b\\.?|a/c\\b)"
	    "|invoice(?:" MK ")?|(?:billing|statement)" MKN "|(?-i:HAR)\\b)"
	    LE SEP TOK END },
	{ "id.card", PHI_ACCOUNT, 0.9f, RX_CASELESS, 0, 12, 12, idcheck_luhn,
	    LB "(?:(?:(?:credit|debit|bank|visa|master\\s?card|amex|discover"
	    "|payment)\\s+)?card(?:" MK ")?|cc\\b)" LE SEP
	    "([0-9](?:[ -]?[0-9]){11,18})" NUME },
	{ "id.card", PHI_ACCOUNT, 0.75f, 0, 0, 13, 13, idcheck_luhn,
	    NUMB "([0-9]{13,19}|[0-9]{4}([ -])[0-9]{4}\\2[0-9]{4}\\2[0-9]{1,7}"
	    "|[0-9]{4}([ -])[0-9]{6}\\3[0-9]{4,5})" NUME },
	{ "id.iban", PHI_ACCOUNT, 0.95f, RX_CASELESS, 0, 15, 2, idcheck_iban,
	    LB "iban" LE SEP "([A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}"
	    "|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?))(?![A-Za-z0-9])" },
	{ "id.iban", PHI_ACCOUNT, 0.9f, 0, 0, 15, 2, idcheck_iban,
	    "(?<![A-Za-z0-9])([A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}"
	    "|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?))(?![A-Za-z0-9])" },
	{ "id.health_plan", PHI_HEALTH_PLAN, 0.9f, RX_CASELESS, R_NODATE, 5,
	    2, NULL,
	    LB "(?:(?:member|mbr|subscriber|beneficiary|enrollee|insured"
	    "|policy\\s*holder|recipient|cardholder|policy)" MK
	    "|(?:insurance|ins(?:ur)?\\.?|coverage|hmo|ppo|epo)(?:\\s+(?:policy"
	    "|plan|card|member))?(?:" MK ")?|(?:plan|group|grp)" MKN
	    "|plan(?=\\s+is\\b)"
	    "|medicaid|medicare|medi-cal|tricare|champva|mbi|hicn?|hbn"
	    "|health\\s*plan(?:" MK ")?)" LE SEP TOK END },
	{ "id.mbi", PHI_HEALTH_PLAN, 0.8f, 0, 0, 11, 5, idcheck_mbi,
	    "(?<![A-Za-z0-9-])([1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9]"
	    "-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9]-?[AC-HJKMNP-RT-Y]{2}"
	    "[0-9]{2})(?![A-Za-z0-9-])" },
	{ "id.dea", PHI_LICENSE, 0.95f, RX_CASELESS, 0, 9, 7, NULL,
	    LB "dea\\b(?:\\s*(?:#|no\\b\\.?|num(?:ber)?\\b"
	    "|reg(?:istration)?\\b))?" SEP "([A-Za-z][A-Za-z9][0-9]{7})" END },
	{ "id.dea", PHI_LICENSE, 0.75f, 0, 0, 9, 7, idcheck_dea,
	    "(?<![A-Za-z0-9-])([ABCDEFGHJKLMPRSTUX][A-Z9][0-9]{7})"
	    "(?![A-Za-z0-9-])" },
	{ "id.license", PHI_LICENSE, 0.9f, RX_CASELESS, R_NODATE, 4, 2, NULL,
	    LB "(?:drivers?'?s?\\s*(?:licen[cs]es?|lic\\b\\.?)"
	    "|(?-i:DL|D/L|DLN|OLN)\\b|(?:licen[cs]e|lic\\.)(?!\\s*plate)" MK
	    "|(?:medical|nursing|state|professional|pharmacy|dental|board)"
	    "\\s+licen[cs]e|(?:certificate|cert\\.?)" MKN
	    "|board\\s+certification(?:" MK ")?)" LE SEP
	    STATE "?" TOK END },
	{ "id.vin", PHI_VEHICLE, 0.95f, RX_CASELESS, 0, 17, 1, NULL,
	    LB "(?:vin|vehicle\\s+identification\\s+(?:number|no\\b\\.?|#))" LE
	    SEP "([A-HJ-NPR-Z0-9]{17})" END },
	{ "id.vin", PHI_VEHICLE, 0.85f, 0, 0, 17, 1, idcheck_vin,
	    "(?<![A-Za-z0-9-])([A-HJ-NPR-Z0-9]{17})(?![A-Za-z0-9-])" },
	{ "id.plate", PHI_VEHICLE, 0.85f, RX_CASELESS, R_NODATE, 4, 1, NULL,
	    LB "(?:(?:(?:licen[cs]e|lic\\.?)\\s+)?plates?(?:" MK ")?"
	    "|(?:licen[cs]e\\s+)?tag" MKN
	    "|vehicle\\s+(?:registration|reg\\.?)(?:" MK ")?"
	    "|registration\\s+plate)" LE SEP STATE "?"
	    "((?-i:(?=[A-Z0-9 -]{0,10}[0-9])(?:[A-Z0-9]{1,4}[- ][A-Z0-9]{2,5}"
	    "|[A-Z0-9]{2,8})))" END },
	{ "id.device", PHI_DEVICE, 0.85f, RX_CASELESS, R_NODATE, 4, 1, NULL,
	    LB "(?:serial" MK "|(?:pacemaker|icd|pump|device|generator|lead"
	    "|implant|transmitter|sensor|monitor|defibrillator|stimulator"
	    "|receiver|valve)\\s+serial|s/n|(?-i:SN)"
	    "|(?:device|implant|generator|transmitter|sensor|pump|receiver"
	    "|monitor|pacemaker|icd|defibrillator|stimulator|lvad|cgm"
	    "|loop\\s+recorder)\\s*(?:id\\b|#|s/n|(?-i:SN)\\b)(?:" MK ")?"
	    "|(?-i:IMEI|ESN|MEID)\\b)" LE SEP TOK END },
	{ "id.udi", PHI_DEVICE, 0.85f, RX_CASELESS, 0, 8, 4, NULL,
	    LB "udi\\b[\\s:#]*+((?:\\([0-9]{2,4}\\))?[A-Za-z0-9]"
	    "[()A-Za-z0-9+/$.-]{6,78}[A-Za-z0-9)])" },
	{ "id.biometric", PHI_BIOMETRIC, 0.92f, RX_CASELESS, R_NODATE, 4, 1,
	    NULL,
	    LB "(?:(?:finger|thumb|palm|voice)[\\s-]*prints?|palm[\\s-]*veins?"
	    "|(?:iris|retina[l]?|face|facial)\\s+(?:scan|template|enrol\\w*"
	    "|recognition|id\\b|biometric)|biometrics?)"
	    "[^\\n.;:#]{0,30}?(?:[:#]|\\b(?:id|record|template|enrol(?:l?ment)?"
	    "|no|number|is)\\b)" SEP TOK END },
	{ "id.npi", PHI_OTHER_ID, 0.9f, RX_CASELESS, 0, 10, 10, NULL,
	    LB "npi\\b(?:" MK ")?" SEP "([0-9]{10})" END },
	{ "id.npi", PHI_OTHER_ID, 0.6f, 0, R_CLINICIAN, 10, 10, idcheck_npi,
	    NUMB "([12][0-9]{9})" NUME },
	{ "id.accession", PHI_OTHER_ID, 0.9f, RX_CASELESS, R_NODATE, 4, 2,
	    NULL,
	    LB "(?:accession(?:" MK ")?|acc(?:n|ession)?\\.?" MK
	    "|(?:specimen|requisition|req\\.?)" MKN ")" LE SEP TOK END },
	{ "id.other", PHI_OTHER_ID, 0.85f, RX_CASELESS, R_NODATE, 4, 2, NULL,
	    LB "(?:(?:case|claim|encounter|visit|order|reference|ref\\.?"
	    "|confirmation|ticket|authori[sz]ation|auth\\.?|referral|tracking"
	    "|episode|admission|patient|pt\\.?|employee|emp\\.?|staff|badge"
	    "|student|study|subject|participant|trial|enrollment|research"
	    "|personnel|tax)" MKN "|(?:reference|ref\\.?)\\s*code|badge"
	    "|(?-i:CSN|FIN|MPI|EMPI|PID|EIN|TIN)\\b)" LE SEP TOK END },
	{ "id.other", PHI_OTHER_ID, 0.6f, 0, R_NODATE, 5, 3, NULL,
	    "(?<![A-Za-z0-9/])ID\\s*+(?:#\\s*+:?|:)\\s*+" TOK END },
};

#define NRULES (sizeof(rules) / sizeof(rules[0]))

struct ids {
	struct rx *rx[NRULES];
	struct rx *clinician;
};

static void
ids_fini(void *state)
{
	struct ids *st = state;
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < NRULES; i++)
		rx_free(st->rx[i]);
	rx_free(st->clinician);
	free(st);
}

static int
ids_init(void **state, char *errbuf, size_t errlen)
{
	struct ids *st;
	size_t i;

	st = calloc(1, sizeof(*st));
	if (st == NULL)
		return ERR_NOMEM;
	for (i = 0; i < NRULES; i++) {
		st->rx[i] = rx_new(rules[i].pattern, rules[i].rx_flags, errbuf,
		    errlen);
		if (st->rx[i] == NULL)
			goto fail;
	}
	st->clinician = rx_new(clinician_pattern, 0, errbuf, errlen);
	if (st->clinician == NULL)
		goto fail;
	*state = st;
	return 0;

fail:
	ids_fini(st);
	return ERR_INTERNAL;
}

static size_t
count_digits(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			n++;
	return n;
}

/*
 * Whether a clinician word ends within CLINICIAN_WINDOW bytes before
 * start, on the same line or the one before.  Returns 1, 0, or
 * ERR_INTERNAL.
 */
static int
clinician_before(const struct ids *st, const char *s, size_t start)
{
	struct rx_match m;
	size_t lo, i, lines = 0;

	lo = start > CLINICIAN_WINDOW ? start - CLINICIAN_WINDOW : 0;
	for (i = start; i > lo; i--) {
		if (s[i - 1] == '\n' && ++lines == 2) {
			lo = i;
			break;
		}
	}
	return rx_find(st->clinician, s, start, lo, &m);
}

/*
 * Whether the token s[start..end) found by rule r is kept.  Returns 1,
 * 0, or a negative ERR_*.
 */
static int
keep(const struct ids *st, const struct rule *r, const char *s,
    size_t start, size_t end)
{
	const char *tok = s + start;
	size_t len = end - start;

	if (len < r->min_len || count_digits(tok, len) < r->min_digits)
		return 0;
	if (len > ID_MAX && r->type != PHI_DEVICE)
		return 0;
	if ((r->flags & R_NODATE) && idcheck_datelike(tok, len))
		return 0;
	if (r->check != NULL && !r->check(tok, len))
		return 0;
	if (r->flags & R_CLINICIAN)
		return clinician_before(st, s, start);
	return 1;
}

/* Run rule i over the view, adding what it keeps to out. */
static int
scan_rule(const struct ids *st, size_t i, const char *s, size_t len,
    struct spans *out)
{
	const struct rule *r = &rules[i];
	struct rx_match m;
	size_t pos = 0, start, end;
	int rc;

	while ((rc = rx_find(st->rx[i], s, len, pos, &m)) == 1) {
		start = m.start[1];
		end = m.end[1];
		pos = m.end[0] > pos ? m.end[0] : pos + 1;
		if (start == SIZE_MAX || start >= end)
			continue;
		rc = keep(st, r, s, start, end);
		if (rc < 0)
			return rc;
		if (rc == 0)
			continue;
		rc = spans_add(out, start, end, r->type, r->score, r->name);
		if (rc < 0)
			return rc;
	}
	return rc;
}

static int
ids_scan(const void *state, const struct recog_ctx *ctx, struct spans *out)
{
	const struct ids *st = state;
	const char *s;
	size_t len, i;
	int rc;

	s = text_view(ctx->text, &len);
	for (i = 0; i < NRULES; i++) {
		rc = scan_rule(st, i, s, len, out);
		if (rc < 0)
			return rc;
	}
	return 0;
}

const struct recognizer_ops recognizer_ids = {
	"ids",
	ids_init,
	ids_fini,
	ids_scan
};
