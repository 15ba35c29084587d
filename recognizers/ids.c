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
 *
 * Patterns are not run over the whole value.  One pass over the runs of
 * letters and digits finds where a match can start: a context rule only
 * at a word that starts with one of the rule's label stems (the start of
 * every way its label can be written, with the marker it needs: "mrn",
 * "record~#", "patient acc"), a format rule only at a run that passes
 * the rule's cheap gate (enough digits, the right run length).  There
 * the pattern runs anchored.  Every match starts at such a place, so the
 * spans are those of a scan of the whole value; when a rule's label
 * changes, its stems must change with it.  A value holding a character
 * that case-folds onto an ASCII letter (long s, Kelvin sign) is scanned
 * whole, as caseless patterns may match it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chars.h"
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

/*
 * A run of letters and digits where a format rule may match: only the
 * start of a run, as every format pattern refuses a letter or digit
 * before it.
 */
struct run {
	const char *s;		/* the run's first byte */
	size_t left;		/* bytes from s to the end of the view */
	size_t alnum;		/* length of the [A-Za-z0-9] run */
	size_t digits;		/* length of its leading [0-9] run */
};

static int
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Whether s[from..to) are all digits. */
static int
all_digits(const char *s, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++)
		if (!ch_digit(s[i]))
			return 0;
	return 1;
}

/* 3 digits, '-' or ' ', 2 digits, the same separator, 4 digits. */
static int
gate_ssn(const struct run *r)
{
	const char *s = r->s;

	return r->digits == 3 && r->left >= 11 && (s[3] == '-' ||
	    s[3] == ' ') && s[6] == s[3] && all_digits(s, 4, 6) &&
	    all_digits(s, 7, 11);
}

/* 13 digits or more, or 4 digits, a space or a dash, 4 digits. */
static int
gate_card(const struct run *r)
{
	return r->digits >= 13 || (r->digits == 4 && r->left >= 9 &&
	    (r->s[4] == ' ' || r->s[4] == '-') && all_digits(r->s, 5, 9));
}

/* 2 capitals and 2 digits. */
static int
gate_iban(const struct run *r)
{
	return r->alnum >= 4 && is_upper(r->s[0]) && is_upper(r->s[1]) &&
	    ch_digit(r->s[2]) && ch_digit(r->s[3]);
}

/* A digit 1-9, a capital, a letter or digit, a digit. */
static int
gate_mbi(const struct run *r)
{
	return r->digits == 1 && r->alnum >= 4 && r->s[0] != '0' &&
	    is_upper(r->s[1]) && ch_digit(r->s[3]);
}

/* Exactly 9 characters: a capital, a capital or '9', 7 digits. */
static int
gate_dea(const struct run *r)
{
	return r->alnum == 9 && is_upper(r->s[0]) && (is_upper(r->s[1]) ||
	    r->s[1] == '9') && all_digits(r->s, 2, 9);
}

/* Exactly 17 letters and digits. */
static int
gate_vin(const struct run *r)
{
	return r->alnum == 17;
}

/* Exactly 10 digits, the first 1 or 2. */
static int
gate_npi(const struct run *r)
{
	return r->alnum == 10 && r->digits == 10 && (r->s[0] == '1' ||
	    r->s[0] == '2');
}

/* The markers MK and MKN as label stems (see struct ids). */
#define SMK "~{#,:,num,no,nbr,id}"
#define SMKN "~{#,num,no,nbr,id}"

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
	const char *stems;	/* context rules: label stems, '|' between */
	int (*gate)(const struct run *r);	/* format rules */
};

/* How far before a bare NPI a clinician word is looked for. */
#define CLINICIAN_WINDOW 80

static const char clinician_pattern[] =
	"(?:\\b(?:Dr|MD|DO|NP|PA|PA-C|RN|APRN|CNM|CRNA|DDS|DMD|DPM|PharmD"
	"|FNP|ARNP)\\b"
	"|(?i:\\b(?:prescriber|provider|physician|attending|referring"
	"|ordering|clinician|surgeon|signed|practitioner|doctor)\\b))";

/* A line break after a '-' inside a labelled SSN ("123-45-\n6789"). */
#define HBR "(?:[ \\t]*(?:\\r\\n?|\\n)[ \\t]*)"

/* Words that name a Social Security number. */
#define SSNL "(?:ssn|ss\\s?#|ss\\s?no\\b\\.?" \
	"|soc(?:ial)?\\.?\\s*sec(?:urity)?\\.?(?:\\s*(?:card|account))?)"

static const struct rule rules[] = {
	{ "id.ssn", PHI_SSN, 0.95f, RX_CASELESS, 0, 9, 4, NULL,
	    LB SSNL LE SEP
	    "((?:[0-9]{3}|[x*]{3})(?:( ?[-.] ?| ?)(?:[0-9]{2}|[x*]{2})\\2"
	    "|-" HBR "?(?:[0-9]{2}|[x*]{2})-" HBR "?)[0-9]{4}"
	    /* after the label, nine digits in any grouping */
	    "|[0-9](?:[-./ \\x{b7}]?[0-9]){8})"
	    "(?![A-Za-z0-9-])",
	    .stems = "ssn|ss~{#,no}|soc~sec|soc.~sec|social~sec|social.~sec" },
	{ "id.ssn", PHI_SSN, 0.9f, RX_CASELESS, 0, 4, 4, NULL,
	    LB "(?:" SSNL "\\s*+\\(?(?:last|final)\\s+(?:4|four)"
	    "(?:\\s+digits)?\\)?"
	    "|(?:last|final)\\s+(?:4|four)(?:\\s+digits)?(?:\\s+of)?"
	    "(?:\\s+(?:the|his|her|pt'?s|patient'?s))?\\s+" SSNL ")" LE SEP
	    "([0-9]{4})(?![A-Za-z0-9-])",
	    .stems = "ssn|ss~{#,no}|soc~sec|soc.~sec|social~sec|social.~sec"
	    "|{last,final} {4,four}" },
	{ "id.ssn", PHI_SSN, 0.7f, 0, 0, 11, 9, idcheck_ssn,
	    NUMB "([0-9]{3}([- ])[0-9]{2}\\2[0-9]{4})" NUME,
	    .gate = gate_ssn },
	{ "id.mrn", PHI_MRN, 0.9f, RX_CASELESS, R_NODATE, 4, 2, NULL,
	    LB "(?:mrn|m\\.r\\.n\\.?|mr\\s?#|mr\\s?(?:no\\b\\.?|num(?:ber)?\\b)"
	    "|med(?:ical)?\\.?\\s*rec(?:ord)?s?\\.?(?:" MK ")?"
	    "|(?:health\\s+)?record" MKN "|chart" MKN
	    "|(?:hospital|hosp\\.?)" MKN "|unit\\s+(?:no\\b\\.?|num(?:ber)?\\b)"
	    "|e[mh]r" MK ")" LE SEP TOK END,
	    .stems = "mrn|m.r.n|mr~{#,no,num}|med~rec|med.~rec|medical~rec"
	    "|medical.~rec|health record|{record,chart,hospital,hosp,hosp.}"
	    SMKN "|unit {no,num}|{emr,ehr}" SMK },
	{ "id.account", PHI_ACCOUNT, 0.9f, RX_CASELESS, R_NODATE, 4, 2, NULL,
	    LB "(?:(?:(?:billing|bank|patient|guarantor|hospital|financial)"
	    "\\s+)?(?:account" MK "|acct\\b\\.?|a/c\\b)"
	    "|invoice(?:" MK ")?|(?:billing|statement)" MKN "|(?-i:HAR)\\b)"
	    LE SEP TOK END,
	    .stems = "account" SMK "|acct|a/c|{billing,bank,patient"
	    ",guarantor,hospital,financial} {acc,a/c}|invoice"
	    "|{billing,statement}" SMKN "|har" },
	{ "id.card", PHI_ACCOUNT, 0.9f, RX_CASELESS, 0, 12, 12, idcheck_luhn,
	    LB "(?:(?:(?:credit|debit|bank|visa|master\\s?card|amex|discover"
	    "|payment)\\s+)?card(?:" MK ")?|cc\\b)" LE SEP
	    "([0-9](?:[ -]?[0-9]){11,18})" NUME,
	    .stems = "card|cc|master|{credit,debit,bank,visa,amex,discover"
	    ",payment} card" },
	{ "id.card", PHI_ACCOUNT, 0.75f, 0, 0, 13, 13, idcheck_luhn,
	    NUMB "([0-9]{13,19}|[0-9]{4}([ -])[0-9]{4}\\2[0-9]{4}\\2[0-9]{1,7}"
	    "|[0-9]{4}([ -])[0-9]{6}\\3[0-9]{4,5})" NUME,
	    .gate = gate_card },
	{ "id.iban", PHI_ACCOUNT, 0.95f, RX_CASELESS, 0, 15, 2, idcheck_iban,
	    LB "iban" LE SEP "([A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}"
	    "|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?))(?![A-Za-z0-9])",
	    .stems = "iban" },
	{ "id.iban", PHI_ACCOUNT, 0.9f, 0, 0, 15, 2, idcheck_iban,
	    "(?<![A-Za-z0-9])([A-Z]{2}[0-9]{2}(?:[A-Z0-9]{11,30}"
	    "|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?))(?![A-Za-z0-9])",
	    .gate = gate_iban },
	{ "id.health_plan", PHI_HEALTH_PLAN, 0.9f, RX_CASELESS, R_NODATE, 5,
	    2, NULL,
	    LB "(?:(?:member|mbr|subscriber|beneficiary|enrollee|insured"
	    "|policy\\s*holder|recipient|cardholder|policy)" MK
	    "|(?:insurance|ins(?:ur)?\\.?|coverage|hmo|ppo|epo)(?:\\s+(?:policy"
	    "|plan|card|member))?(?:" MK ")?|(?:plan|group|grp)" MKN
	    "|plan(?=\\s+is\\b)"
	    "|medicaid|medicare|medi-cal|tricare|champva|mbi|hicn?|hbn"
	    "|health\\s*plan(?:" MK ")?)" LE SEP TOK END,
	    .stems = "{member,mbr,subscriber,beneficiary,enrollee,insured"
	    ",policy~holder,recipient,cardholder,policy}" SMK
	    "|ins|coverage|hmo|ppo|epo"
	    "|{plan,group,grp}" SMKN "|plan is|medicaid|medicare|medi-cal"
	    "|tricare|champva|mbi|hic|hbn|health~plan" },
	{ "id.mbi", PHI_HEALTH_PLAN, 0.8f, 0, 0, 11, 5, idcheck_mbi,
	    "(?<![A-Za-z0-9-])([1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9]"
	    "-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9]-?[AC-HJKMNP-RT-Y]{2}"
	    "[0-9]{2})(?![A-Za-z0-9-])",
	    .gate = gate_mbi },
	{ "id.dea", PHI_LICENSE, 0.95f, RX_CASELESS, 0, 9, 7, NULL,
	    LB "dea\\b(?:\\s*(?:#|no\\b\\.?|num(?:ber)?\\b"
	    "|reg(?:istration)?\\b))?" SEP "([A-Za-z][A-Za-z9][0-9]{7})" END,
	    .stems = "dea" },
	{ "id.dea", PHI_LICENSE, 0.75f, 0, 0, 9, 7, idcheck_dea,
	    "(?<![A-Za-z0-9-])([ABCDEFGHJKLMPRSTUX][A-Z9][0-9]{7})"
	    "(?![A-Za-z0-9-])",
	    .gate = gate_dea },
	{ "id.license", PHI_LICENSE, 0.9f, RX_CASELESS, R_NODATE, 4, 2, NULL,
	    LB "(?:drivers?'?s?\\s*(?:licen[cs]es?|lic\\b\\.?)"
	    "|(?-i:DL|D/L|DLN|OLN)\\b|(?:licen[cs]e|lic\\.?)(?!\\s*plate)" MK
	    "|(?:medical|nursing|state|professional|pharmacy|dental|board)"
	    "\\s+licen[cs]e|(?:certificate|cert\\.?)" MKN
	    "|board\\s+certification(?:" MK ")?)" LE SEP
	    STATE "?" TOK END,
	    .stems = "driver|dl|d/l|oln|licen{c,s}e" SMK "|{lic,lic.}" SMK
	    "|{medical,nursing,state,professional,pharmacy,dental,board}"
	    " licen|{certificate,cert,cert.}" SMKN "|board certification" },
	{ "id.vin", PHI_VEHICLE, 0.95f, RX_CASELESS, 0, 17, 1, NULL,
	    LB "(?:vin|vehicle\\s+identification\\s+(?:number|no\\b\\.?|#))" LE
	    SEP "([A-HJ-NPR-Z0-9]{17})" END,
	    .stems = "vin|vehicle identification" },
	{ "id.vin", PHI_VEHICLE, 0.85f, 0, 0, 17, 1, idcheck_vin,
	    "(?<![A-Za-z0-9-])([A-HJ-NPR-Z0-9]{17})(?![A-Za-z0-9-])",
	    .gate = gate_vin },
	{ "id.plate", PHI_VEHICLE, 0.85f, RX_CASELESS, R_NODATE, 4, 1, NULL,
	    LB "(?:(?:(?:licen[cs]e|lic\\.?)\\s+)?plates?(?:" MK ")?"
	    "|(?:licen[cs]e\\s+)?tag" MKN
	    "|vehicle\\s+(?:registration|reg\\.?)(?:" MK ")?"
	    "|registration\\s+plate)" LE SEP STATE "?"
	    "((?-i:(?=[A-Z0-9 -]{0,10}[0-9])(?:[A-Z0-9]{1,4}[- ][A-Z0-9]{2,5}"
	    "|[A-Z0-9]{2,8})))" END,
	    .stems = "plate|{licence,license,lic,lic.} plate|tag" SMKN
	    "|{licence,license} tag" SMKN "|vehicle reg|registration plate" },
	{ "id.device", PHI_DEVICE, 0.85f, RX_CASELESS, R_NODATE, 4, 1, NULL,
	    LB "(?:serial" MK "|(?:pacemaker|icd|pump|device|generator|lead"
	    "|implant|transmitter|sensor|monitor|defibrillator|stimulator"
	    "|receiver|valve)\\s+serial|s/n|(?-i:SN)"
	    "|(?:device|implant|generator|transmitter|sensor|pump|receiver"
	    "|monitor|pacemaker|icd|defibrillator|stimulator|lvad|cgm"
	    "|loop\\s+recorder)\\s*(?:id\\b|#|s/n|(?-i:SN)\\b)(?:" MK ")?"
	    "|(?-i:IMEI|ESN|MEID)\\b)" LE SEP TOK END,
	    .stems = "serial" SMK "|{pacemaker,icd,pump,device,generator"
	    ",lead,implant,transmitter,sensor,monitor,defibrillator"
	    ",stimulator,receiver,valve} serial|s/n|sn|{device,implant"
	    ",generator,transmitter,sensor,pump,receiver,monitor,pacemaker"
	    ",icd,defibrillator"
	    ",stimulator,lvad,cgm,loop recorder}~{id,#,s/n,sn}|imei|esn|meid" },
	{ "id.udi", PHI_DEVICE, 0.85f, RX_CASELESS, 0, 8, 4, NULL,
	    LB "udi\\b[\\s:#]*+((?:\\([0-9]{2,4}\\))?[A-Za-z0-9]"
	    "[()A-Za-z0-9+/$.-]{6,78}[A-Za-z0-9)])",
	    .stems = "udi" },
	{ "id.biometric", PHI_BIOMETRIC, 0.92f, RX_CASELESS, R_NODATE, 4, 1,
	    NULL,
	    LB "(?:(?:finger|thumb|palm|voice)[\\s-]*prints?|palm[\\s-]*veins?"
	    "|(?:iris|retina[l]?|face|facial)\\s+(?:scan|template|enrol\\w*"
	    "|recognition|id\\b|biometric)|biometrics?)"
	    "[^\\n.;:#]{0,30}?(?:[:#]|\\b(?:id|record|template|enrol(?:l?ment)?"
	    "|no|number|is)\\b)" SEP TOK END,
	    .stems = "finger|thumb|palm|voice|iris|retina|fac|biometric" },
	{ "id.npi", PHI_OTHER_ID, 0.9f, RX_CASELESS, 0, 10, 10, NULL,
	    LB "npi\\b(?:" MK ")?" SEP "([0-9]{10})" END,
	    .stems = "npi" },
	{ "id.npi", PHI_OTHER_ID, 0.6f, 0, R_CLINICIAN, 10, 10, idcheck_npi,
	    NUMB "([12][0-9]{9})" NUME,
	    .gate = gate_npi },
	{ "id.accession", PHI_OTHER_ID, 0.9f, RX_CASELESS, R_NODATE, 4, 2,
	    NULL,
	    LB "(?:accession(?:" MK ")?|acc(?:n|ession)?\\.?" MK
	    "|(?:specimen|requisition|req\\.?)" MKN ")" LE SEP TOK END,
	    .stems = "accession|{acc,accn,acc.,accn.}" SMK
	    "|{specimen,requisition,req,req.}" SMKN },
	{ "id.other", PHI_OTHER_ID, 0.85f, RX_CASELESS, R_NODATE, 4, 2, NULL,
	    LB "(?:(?:case|claim|encounter|visit|order|reference|ref\\.?"
	    "|confirmation|ticket|authori[sz]ation|auth\\.?|referral|tracking"
	    "|episode|admission|patient|pt\\.?|employee|emp\\.?|staff|badge"
	    "|student|study|subject|participant|trial|enrollment|research"
	    "|personnel|tax)" MKN "|(?:reference|ref\\.?)\\s*code|badge"
	    "|(?-i:CSN|FIN|MPI|EMPI|PID|EIN|TIN)\\b)" LE SEP TOK END,
	    .stems = "{case,claim,encounter,visit,order,reference,ref,ref."
	    ",confirmation,ticket,authorisation,authorization,auth,auth."
	    ",referral,tracking,episode,admission,patient,pt,pt.,employee"
	    ",emp,emp.,staff,badge,student,study,subject,participant,trial"
	    ",enrollment,research,personnel,tax}" SMKN
	    "|{reference,ref,ref.}~code|badge|csn|fin|mpi|empi|pid|ein|tin" },
	{ "id.other", PHI_OTHER_ID, 0.6f, 0, R_NODATE, 5, 3, NULL,
	    "(?<![A-Za-z0-9/])ID\\s*+(?:#\\s*+:?|:)\\s*+" TOK END,
	    .stems = "id" },
};

#define NRULES (sizeof(rules) / sizeof(rules[0]))

/* Byte classes for the walk over the view. */
enum {
	CLS_DIGIT = 1,
	CLS_ALPHA = 2
};

/*
 * Label stems are bucketed by their first two characters.  A stem is in
 * lower case and matches any case; in it ' ' stands for one or more
 * white space characters and '~' for any number (PCRE2's \s+ and \s*).
 */
#define NKEYS ((size_t)26 * 27)
#define STEM_MAX 27
#define NSTEMS 1024
#define NGROUPS 4

/* Kept small: the walk touches these tables for every word. */
struct stem {
	uint32_t rules;		/* bit i: rules[i] */
	unsigned char len;
	unsigned char third;	/* class of the third character: THIRD_* */
	char text[STEM_MAX];
};

/*
 * A stem's third character: a letter (0-25), anything else (26), or
 * any character at all (THIRD_ANY: a wild card there, or no third).
 */
#define THIRD_OTHER 26
#define THIRD_ANY 27

struct ids {
	unsigned char cls[256];		/* CLS_* of every byte */
	unsigned short first[NKEYS + 1];	/* key k: first[k..k+1) */
	uint32_t thirds[NKEYS];		/* key k: bit per third of its stems */
	unsigned char ngated;
	unsigned char gated[NRULES];	/* the format rules */
	int (*gate[NRULES])(const struct run *r);	/* theirs */
	size_t nstems;
	struct stem stems[NSTEMS];	/* sorted by key */
	struct rx *rx[NRULES];
	struct rx *clinician;
};

/*
 * The bucket of the two bytes at s (n of them left): the first a
 * letter, the second a letter or anything else.  -1 when s[0] is not a
 * letter.
 */
static int
stem_key(const char *s, size_t n)
{
	int a, b = 26;

	if (!ch_alpha(s[0]))
		return -1;
	a = (s[0] | 0x20) - 'a';
	if (n > 1 && ch_alpha(s[1]))
		b = (s[1] | 0x20) - 'a';
	return a * 27 + b;
}

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

/* The THIRD_* class of character c (THIRD_ANY never). */
static int
third_class(char c)
{
	return ch_alpha(c) ? (c | 0x20) - 'a' : THIRD_OTHER;
}

/* Add stem t (n bytes) for rule r, once.  Returns 0 or ERR_INTERNAL. */
static int
add_stem(struct ids *st, size_t r, const char *t, size_t n)
{
	struct stem *x;
	size_t i;

	if (n < 2 || n >= STEM_MAX || t[1] == ' ' || t[1] == '~')
		return ERR_INTERNAL;
	for (i = 0; i < st->nstems; i++)
		if (st->stems[i].len == n && memcmp(st->stems[i].text, t,
		    n) == 0)
			break;
	if (i == NSTEMS)
		return ERR_INTERNAL;
	x = &st->stems[i];
	if (i == st->nstems) {
		memcpy(x->text, t, n);
		x->len = (unsigned char)n;
		x->third = THIRD_ANY;
		if (n > 2 && t[2] != ' ' && t[2] != '~')
			x->third = (unsigned char)third_class(t[2]);
		st->nstems++;
	}
	x->rules |= (uint32_t)1 << r;
	return 0;
}

/*
 * Write into buf the stem that t (n bytes, with "{a,b,...}" groups)
 * gives when group g takes alternative pick[g].  Returns its length, or
 * 0 when it does not fit.
 */
static size_t
pick_stem(const char *t, size_t n, const size_t pick[NGROUPS], char *buf)
{
	size_t i, k = 0, alt = 0;
	int g = -1, in = 0;

	for (i = 0; i < n; i++) {
		if (t[i] == '{') {
			g++;
			in = 1;
			alt = 0;
		} else if (t[i] == '}') {
			in = 0;
		} else if (in && t[i] == ',') {
			alt++;
		} else if (!in || alt == pick[g]) {
			if (k == STEM_MAX)
				return 0;
			buf[k++] = t[i];
		}
	}
	return k;
}

/*
 * Add every stem of t (n bytes) for rule r: each group "{a,b,...}"
 * takes each of its alternatives in turn.  Returns 0 or ERR_INTERNAL.
 */
static int
expand_stem(struct ids *st, size_t r, const char *t, size_t n)
{
	size_t nalt[NGROUPS], pick[NGROUPS], i, total = 1, c, len;
	char buf[STEM_MAX];
	int g = -1, rc;

	for (i = 0; i < n; i++) {
		if (t[i] == '{' && ++g < NGROUPS)
			nalt[g] = 1;
		else if (t[i] == ',' && g >= 0 && g < NGROUPS)
			nalt[g]++;
	}
	if (g >= NGROUPS)
		return ERR_INTERNAL;
	for (i = 0; (int)i <= g; i++)
		total *= nalt[i];
	for (c = 0; c < total; c++) {
		len = c;
		for (i = (size_t)g + 1; i-- > 0;) {
			pick[i] = len % nalt[i];
			len /= nalt[i];
		}
		len = pick_stem(t, n, pick, buf);
		rc = add_stem(st, r, buf, len);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Add the stems of rule r ('|' between them).  Returns 0 or an error. */
static int
add_stems(struct ids *st, size_t r)
{
	const char *p = rules[r].stems;
	size_t len;
	int rc;

	for (;;) {
		len = strcspn(p, "|");
		rc = expand_stem(st, r, p, len);
		if (rc < 0 || p[len] == '\0')
			return rc;
		p += len + 1;
	}
}

/* Order stems by key, then by third class, THIRD_ANY first. */
static int
stem_cmp(const void *a, const void *b)
{
	const struct stem *x = a, *y = b;
	int kx, ky;

	kx = stem_key(x->text, x->len) * 32 + (x->third + 1) % 28;
	ky = stem_key(y->text, y->len) * 32 + (y->third + 1) % 28;
	return kx - ky;
}

/* Build the stem buckets of st from the rules.  Returns 0 or an error. */
static int
build_stems(struct ids *st)
{
	size_t r, k, at = 0;
	int rc;

	for (r = 0; r < NRULES; r++) {
		if (rules[r].stems == NULL)
			continue;
		rc = add_stems(st, r);
		if (rc < 0)
			return rc;
	}
	for (k = 0; k < 256; k++)
		st->cls[k] = (unsigned char)(ch_digit((char)k) ? CLS_DIGIT :
		    ch_alpha((char)k) ? CLS_ALPHA : 0);
	qsort(st->stems, st->nstems, sizeof(st->stems[0]), stem_cmp);
	for (r = 0; r < NRULES; r++) {
		if (rules[r].gate == NULL)
			continue;
		st->gate[st->ngated] = rules[r].gate;
		st->gated[st->ngated++] = (unsigned char)r;
	}
	for (k = 0; k <= NKEYS; k++) {
		while (at < st->nstems && stem_key(st->stems[at].text,
		    st->stems[at].len) < (int)k)
			at++;
		st->first[k] = (unsigned short)at;
	}
	for (at = 0; at < st->nstems; at++)
		st->thirds[stem_key(st->stems[at].text, st->stems[at].len)] |=
		    (uint32_t)1 << st->stems[at].third;
	return 0;
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
		st->rx[i] = rx_new(rules[i].pattern, rules[i].rx_flags |
		    RX_ANCHORED, errbuf, errlen);
		if (st->rx[i] == NULL)
			goto fail;
	}
	st->clinician = rx_new(clinician_pattern, 0, errbuf, errlen);
	if (st->clinician == NULL)
		goto fail;
	if (build_stems(st) < 0) {
		(void)snprintf(errbuf, errlen, "ids: bad label stem table");
		goto fail;
	}
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

/* One gated scan of a value: where each rule may next match. */
struct walk {
	const struct ids *st;
	const char *s;
	size_t len;
	size_t pos[NRULES];	/* rule i matches no earlier than pos[i] */
	struct spans *out;
};

/* Try rule i anchored at p, adding what it keeps to the output. */
static int
try_rule(struct walk *w, size_t i, size_t p)
{
	const struct rule *r = &rules[i];
	struct rx_match m;
	size_t start, end;
	int rc;

	if (p < w->pos[i])
		return 0;
	rc = rx_match_at(w->st->rx[i], w->s, w->len, p, &m);
	if (rc <= 0)
		return rc;
	start = m.start[1];
	end = m.end[1];
	w->pos[i] = m.end[0] > w->pos[i] ? m.end[0] : w->pos[i] + 1;
	if (start == SIZE_MAX || start >= end)
		return 0;
	rc = keep(w->st, r, w->s, start, end);
	if (rc <= 0)
		return rc;
	return spans_add(w->out, start, end, r->type, r->score, r->name);
}

static int
is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Whether stem t starts s (n bytes left). */
static int
stem_at(const struct stem *t, const char *s, size_t n)
{
	size_t i, j = 0, k;
	char c;

	for (i = 0; i < t->len; i++) {
		c = t->text[i];
		if (c == ' ' || c == '~') {
			for (k = j; j < n && is_space(s[j]); j++)
				;
			if (c == ' ' && j == k)
				return 0;
			continue;
		}
		if (j == n || (is_upper(s[j]) ? (char)(s[j] | 0x20) :
		    s[j]) != c)
			return 0;
		j++;
	}
	return 1;
}

/*
 * The rules whose label may start at p, a letter after no word.  The
 * stems of a key are sorted by their third character, those that take
 * any first.
 */
static uint32_t
label_rules(const struct ids *st, const char *s, size_t len, size_t p)
{
	const struct stem *t;
	uint32_t mask = 0, want;
	size_t i, end, n = len - p;
	int key, third;

	key = stem_key(s + p, n);
	third = n > 2 ? third_class(s[p + 2]) : THIRD_OTHER;
	want = ((uint32_t)1 << third) | ((uint32_t)1 << THIRD_ANY);
	if ((st->thirds[key] & want) == 0)
		return 0;
	end = st->first[key + 1];
	for (i = st->first[key]; i < end; i++) {
		t = &st->stems[i];
		if (t->third != THIRD_ANY && t->third != third) {
			if (t->third > third)
				break;
			continue;
		}
		if (stem_at(t, s + p, n))
			mask |= t->rules;
	}
	return mask;
}

/* Try every rule whose bit is set in mask at p. */
static int
try_rules(struct walk *w, uint32_t mask, size_t p)
{
	size_t i;
	int rc;

	for (i = 0; mask != 0; i++, mask >>= 1) {
		if ((mask & 1) == 0)
			continue;
		rc = try_rule(w, i, p);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Measure the run of letters and digits at s[0..left). */
static void
measure_run(const unsigned char *cls, struct run *r, const char *s,
    size_t left)
{
	size_t i = 0;

	while (i < left && cls[(unsigned char)s[i]] == CLS_DIGIT)
		i++;
	r->digits = i;
	while (i < left && cls[(unsigned char)s[i]] != 0)
		i++;
	r->alnum = i;
	r->s = s;
	r->left = left;
}

/*
 * The format rules whose gate passes at run r.  Every format pattern
 * needs a digit first or third, or 17 characters (VIN): a quick test
 * spares most words the gates.
 */
static uint32_t
format_rules(const struct ids *st, const struct run *r)
{
	uint32_t mask = 0;
	size_t i;

	if (r->digits == 0 && r->alnum != 17 && (r->alnum < 3 ||
	    !ch_digit(r->s[2])))
		return 0;
	for (i = 0; i < st->ngated; i++)
		if (st->gate[i](r))
			mask |= (uint32_t)1 << st->gated[i];
	return mask;
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
 * Walk the runs of letters and digits of the view, trying rules only
 * where they may start: at the first byte of a run.
 */
static int
scan_gated(struct walk *w)
{
	const unsigned char *cls = w->st->cls;
	const char *s = w->s;
	struct run r;
	size_t p = 0;
	uint32_t mask;
	int rc;

	while (p < w->len) {
		if (cls[(unsigned char)s[p]] == 0) {
			p++;
			continue;
		}
		measure_run(cls, &r, s + p, w->len - p);
		mask = format_rules(w->st, &r);
		if (cls[(unsigned char)s[p]] == CLS_ALPHA && (p == 0 ||
		    s[p - 1] != '/'))
			mask |= label_rules(w->st, s, w->len, p);
		if (mask != 0) {
			rc = try_rules(w, mask, p);
			if (rc < 0)
				return rc;
		}
		p += r.alnum;
	}
	return 0;
}

static int
ids_scan(const void *state, const struct recog_ctx *ctx, struct spans *out)
{
	const struct ids *st = state;
	struct walk w;
	size_t i;
	int rc;

	memset(&w, 0, sizeof(w));
	w.st = st;
	w.out = out;
	w.s = text_view(ctx->text, &w.len);
	if (!has_fold_alias(w.s, w.len))
		return scan_gated(&w);
	for (i = 0; i < NRULES; i++) {
		rc = scan_rule(st, i, w.s, w.len, out);
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
