/*
 * test_ids.c - the identifier recognizer on invented notes.
 *
 * Each case marks the spans it expects with braces: "MRN: {0041239}"
 * expects one span over 0041239.  The braces are removed before the
 * scan; the offsets of the marks, the types listed with the case and
 * nothing else must come out of spans_resolve().  A case without braces
 * expects no span at all.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "err.h"
#include "harness.h"
#include "recognizer.h"
#include "rx.h"

#define MAX_SPANS 6
#define MAX_TEXT 512

struct id_case {
	const char *in;
	enum phi_type type[MAX_SPANS];
};

static const struct id_case ssn_cases[] = {
	{ "SSN: {529-81-3307}", { PHI_SSN } },
	{ "ssn {529 81 3307} verified", { PHI_SSN } },
	{ "Social Security Number: {529813307}", { PHI_SSN } },
	{ "social security no. is {529-81-3307}", { PHI_SSN } },
	{ "SS# {987-65-4321} on file", { PHI_SSN } },
	{ "SSN {529.81.3307} on file", { PHI_SSN } },
	{ "ssn: {529 - 81 - 3307}", { PHI_SSN } },
	/* after the label, nine digits in any grouping are the number */
	{ "SSN {529.81-3307} mixed", { PHI_SSN } },
	{ "SSN {529-813307} noted", { PHI_SSN } },
	{ "SSN: {529/81/3307}", { PHI_SSN } },
	{ "SSN: {52-981-3307}", { PHI_SSN } },
	{ "SSN {529\xc2\xb7" "81\xc2\xb7" "3307} ok", { PHI_SSN } },
	{ "SSN 52981330 ok", { 0 } },
	{ "SSN 5298133071 ok", { 0 } },
	{ "SSN {000-12-3456}", { PHI_SSN } },
	{ "SSN: {xxx-xx-4821}", { PHI_SSN } },
	{ "copy of card shows {529-81-3307}.", { PHI_SSN } },
	{ "({529-81-3307})", { PHI_SSN } },
	{ "SSN last four {6789}", { PHI_SSN } },
	{ "last 4 of pt's SSN: {6789}", { PHI_SSN } },
	{ "last 4 digits 6789; SSN on file", { 0 } },
	{ "000-45-6789 noted", { 0 } },
	{ "id 666-12-3456 and 912-34-5678", { 0 } },
	{ "ref 529813307 sent", { 0 } },
	{ "Call 555-123-4567 today", { 0 } },
	{ "Seen 03-04-2019 and 2019-03-04", { 0 } },
	{ "range 123-45-67890", { 0 } },
	{ "values 1 123-45-6789", { 0 } },
	{ "code 12-345-6789", { 0 } },
	/* one line break after a dash, in a labelled SSN only */
	{ "SSN: {529-81-\n3307}", { PHI_SSN } },
	{ "SSN {529-\r\n  81-3307} noted", { PHI_SSN } },
	{ "ssn: {529-\n81-\n3307}", { PHI_SSN } },
	{ "SSN 529 81-\n3307", { 0 } },
	{ "SSN 529-81\n3307", { 0 } },
	{ "SSN 529-81-\n\n3307", { 0 } },
	{ "copy shows 529-81-\n3307.", { 0 } },
};

static const struct id_case mrn_cases[] = {
	{ "MRN: {00412399}", { PHI_MRN } },
	{ "MR# {7781235}, DOB 4/5/1950", { PHI_MRN } },
	{ "MR #: {7781235}", { PHI_MRN } },
	{ "Medical Record #: {A-4412987}", { PHI_MRN } },
	{ "Re: Doe, Jane (MRN {GH-338812})", { PHI_MRN } },
	{ "medical record number is {55120934}", { PHI_MRN } },
	{ "med rec no. {55120934}", { PHI_MRN } },
	{ "Chart #: {C20044}", { PHI_MRN } },
	{ "Hospital No. {88231}", { PHI_MRN } },
	{ "unit number {4471102}", { PHI_MRN } },
	{ "MRN:\n{8823011}", { PHI_MRN } },
	{ "mrn#{8823011}", { PHI_MRN } },
	{ "MRN: {412-55-7719}", { PHI_MRN } },
	{ "see record #{EM-44120}.", { PHI_MRN } },
	{ "EMR: {456120789}", { PHI_MRN } },
	{ "MRN: {123 456 789}", { PHI_MRN } },
	{ "MRN {1234567} 12 days ago", { PHI_MRN } },
	{ "MRN: pending", { 0 } },
	{ "MR 2+ noted; MRN not available", { 0 } },
	{ "record review 2019, chart 12", { 0 } },
	{ "medical records from 2019-2021 reviewed", { 0 } },
	{ "Hospital day 3; hospital course 12 days", { 0 } },
	{ "MRN: 12", { 0 } },
	{ "MRN 12.5", { 0 } },
};

static const struct id_case account_cases[] = {
	{ "Account #: {6621-0057-93}", { PHI_ACCOUNT } },
	{ "Acct: {7712009341}", { PHI_ACCOUNT } },
	{ "billing account number {BX-2291003}", { PHI_ACCOUNT } },
	{ "Invoice {INV-55021} paid", { PHI_ACCOUNT } },
	{ "card {4000123456789017}", { PHI_ACCOUNT } },
	{ "credit card number is {4000 1234 5678 9017}.",
	    { PHI_ACCOUNT } },
	{ "lost card # {6390123456781}", { PHI_ACCOUNT } },
	{ "paid with {5300123498765433} yesterday", { PHI_ACCOUNT } },
	{ "paid with {5300-1234-9876-5433}", { PHI_ACCOUNT } },
	{ "amex {3782-822463-1003}", { PHI_ACCOUNT } },
	{ "My IBAN is {GB42WXYZ60161331926819}", { PHI_ACCOUNT } },
	{ "my iban is {gb42wxyz60161331926819}", { PHI_ACCOUNT } },
	{ "gb42wxyz60161331926819", { 0 } },
	{ "transfer to {DE89 3704 0044 0532 0130 00} now",
	    { PHI_ACCOUNT } },
	{ "Portal account created 3/4/2020", { 0 } },
	{ "card 4000123456789018", { 0 } },
	{ "paid with 5300123498765434", { 0 } },
	{ "GB43WXYZ60161331926819", { 0 } },
	{ "account for 3 days of symptoms", { 0 } },
	{ "Account #: 2019-03-04", { 0 } },
};

static const struct id_case plan_cases[] = {
	{ "Member ID: {W88123456}", { PHI_HEALTH_PLAN } },
	{ "Insurance: Cigna, member ID {XKR445120988}.",
	    { PHI_HEALTH_PLAN } },
	{ "Subscriber #: {SB-7720431}", { PHI_HEALTH_PLAN } },
	{ "Policy number {PLC99213}", { PHI_HEALTH_PLAN } },
	{ "Group #: {88120}", { PHI_HEALTH_PLAN } },
	{ "Medicaid ID {YY44012399}", { PHI_HEALTH_PLAN } },
	{ "Medicare: {3TQ9R21KV58}", { PHI_HEALTH_PLAN } },
	{ "MBI {3TQ9-R21-KV58}", { PHI_HEALTH_PLAN } },
	{ "card reads {3TQ9-R21-KV58} today", { PHI_HEALTH_PLAN } },
	{ "insurance ID is {HX-55012}", { PHI_HEALTH_PLAN } },
	{ "Health Plan: {HP-330912}", { PHI_HEALTH_PLAN } },
	{ "ins policy #{PK-78812}", { PHI_HEALTH_PLAN } },
	{ "insur ID {WX-44120}; ins: {ZQ-55120}",
	    { PHI_HEALTH_PLAN, PHI_HEALTH_PLAN } },
	{ "his plan is {HP-55012}.", { PHI_HEALTH_PLAN } },
	{ "HMO ID is {5678-2345-4321}", { PHI_HEALTH_PLAN } },
	{ "Ins 10 units; plan is to continue; insulin 12345", { 0 } },
	{ "Plan: 1500 mL fluid restriction", { 0 } },
	{ "Insurance: Medicare", { 0 } },
	{ "group 2 strep; group A", { 0 } },
	{ "Medicare 2019 rules", { 0 } },
	{ "3TQ9R21KO58 is not an MBI", { 0 } },
};

static const struct id_case license_cases[] = {
	{ "DEA: {AK4152637}", { PHI_LICENSE } },
	{ "DEA # {AK4152636}", { PHI_LICENSE } },
	{ "signed, {BM7001124}", { PHI_LICENSE } },
	{ "Driver's license: NY {S88120457}", { PHI_LICENSE } },
	{ "drivers license number is {D5512-33091}", { PHI_LICENSE } },
	{ "DL# {F4410983}", { PHI_LICENSE } },
	{ "license number is {L9920014}", { PHI_LICENSE } },
	{ "Texas DL {12345678}, exp 2027", { PHI_LICENSE } },
	{ "Board certification #: {BC-44102}", { PHI_LICENSE } },
	{ "Cert. # {77120}", { PHI_LICENSE } },
	{ "license plate {7ABC123}", { PHI_VEHICLE } },
	{ "licensed in 2019", { 0 } },
	{ "BM7001125 batch", { 0 } },
	{ "glucose 120 mg/dL 5 min later", { 0 } },
	{ "license: pending", { 0 } },
};

static const struct id_case vehicle_cases[] = {
	{ "VIN {1HGTR82N4KA314159}", { PHI_VEHICLE } },
	{ "vin: {1hgtr82n5ka314159}", { PHI_VEHICLE } },
	{ "car {5XYKT3A61DG161803} parked", { PHI_VEHICLE } },
	{ "plate {7KQD214}, VIN {3VWDP7AJ4CM398874})",
	    { PHI_VEHICLE, PHI_VEHICLE } },
	{ "license plate: {ABC-1234}", { PHI_VEHICLE } },
	{ "Tag # {XJ 4410}", { PHI_VEHICLE } },
	{ "lic plate TX {GHK4512}", { PHI_VEHICLE } },
	{ "5XYKT3A62DG161803 parked", { 0 } },
	{ "plate and screws; plate count 3", { 0 } },
	{ "platelets 150", { 0 } },
	{ "skin tag 3 mm", { 0 } },
};

static const struct id_case device_cases[] = {
	{ "Serial number: {PJN442018K}", { PHI_DEVICE } },
	{ "pacemaker, serial # {44120987}; checked", { PHI_DEVICE } },
	{ "S/N {AB12-99812}", { PHI_DEVICE } },
	{ "Leads: RA 5076-52 SN {QW1234567R}", { PHI_DEVICE } },
	{ "CGM transmitter ID {8G2KX4}", { PHI_DEVICE } },
	{ "pump serial {PX44120}", { PHI_DEVICE } },
	{ "UDI: {(01)00812345678905(21)A1234}", { PHI_DEVICE } },
	{ "serial troponins 0.03 then 0.05", { 0 } },
	{ "serial 12-lead ECGs", { 0 } },
	{ "Lot 44A12, exp 2026; Model 5076-58", { 0 } },
	{ "SN 12", { 0 } },
};

static const struct id_case bio_cases[] = {
	{ "Fingerprint template ID: {FT-88120}", { PHI_BIOMETRIC } },
	{ "confirmed by palm-vein scan, record {PV-441209}.",
	    { PHI_BIOMETRIC } },
	{ "Iris scan enrolled: {IR44120}", { PHI_BIOMETRIC } },
	{ "voiceprint ID {VP-00912}", { PHI_BIOMETRIC } },
	{ "Iris Lane seen, BP 120/80", { 0 } },
	{ "fingerprint on file.", { 0 } },
};

static const struct id_case other_cases[] = {
	{ "NPI: {1234567893}", { PHI_OTHER_ID } },
	{ "NPI {1234567890}", { PHI_OTHER_ID } },
	{ "Ada Quill, MD {1987654328}", { PHI_OTHER_ID } },
	{ "Provider: Ada Quill\n{1415552672}", { PHI_OTHER_ID } },
	{ "number 1987654328", { 0 } },
	{ "Dr. Quill 1987654323", { 0 } },
	{ "Accession #: {XR19-4471203}", { PHI_OTHER_ID } },
	{ "Acc# {CT2201934}", { PHI_OTHER_ID } },
	{ "Claim number {CLM-44120993}", { PHI_OTHER_ID } },
	{ "notes on case #{JH-99120}.", { PHI_OTHER_ID } },
	{ "Encounter #: {E99120044}", { PHI_OTHER_ID } },
	{ "Patient ID: {PX-77120}", { PHI_OTHER_ID } },
	{ "Patient identifier: {44120398}", { PHI_OTHER_ID } },
	{ "Rx BIN 610014 PCN ADV", { 0 } },
	{ "Employee ID {EMP4412}", { PHI_OTHER_ID } },
	{ "badge {B99124}", { PHI_OTHER_ID } },
	{ "study subject ID {S-0042}", { PHI_OTHER_ID } },
	{ "(ID: {987654321})", { PHI_OTHER_ID } },
	{ "Encounter   03/04/2019", { 0 } },
	{ "in order to rest; case 2 of 3", { 0 } },
	{ "Patient ID scan enrolled", { 0 } },
	{ "ID consult; ID: vancomycin 1 g", { 0 } },
};

static const struct id_case clean_cases[] = {
	{ "BP 120/80, HR 72, glucose 110 mg/dL, A1c 7.2%", { 0 } },
	{ "Take 1500 mg daily at 14:30 for 10 days", { 0 } },
	{ "Call (555) 201-4477 or 555.201.4478", { 0 } },
	{ "DOB 03/04/1961; seen 2021-06-07", { 0 } },
	{ "MoCA 24/30, strength 5/5, BiPAP 12/5", { 0 } },
	{ "WBC 12.4, Hgb 9.8, Plt 145, INR 1.1", { 0 } },
	{ "", { 0 } },
	{ "SSN: {529-81-3307}\nMRN: {00412399}    Acct: {7712009341}",
	    { PHI_SSN, PHI_MRN, PHI_ACCOUNT } },
};

/*
 * Labels glued to their marker or written in odd case, labels after a
 * slash (never a label), long s (U+017F) in a label, which PCRE2 folds
 * to 's' (the value is then scanned whole), and format ids after a
 * word.
 */
static const struct id_case gate_cases[] = {
	{ "SOCSEC {529-81-3307}", { PHI_SSN } },
	{ "socialsecurity card: {529813307}", { PHI_SSN } },
	{ "ptno {12345678}", { PHI_OTHER_ID } },
	{ "MEDICALRECORDS# {5512093}", { PHI_MRN } },
	{ "x/MRN 1234567", { 0 } },
	{ "accnumber {AB-5512}", { PHI_OTHER_ID } },
	{ "\xc5\xbf" "erial no. {AB12345}", { PHI_DEVICE } },
	{ "\xc5\xbfubscriber ID: {12345678}", { PHI_HEALTH_PLAN } },
	{ "Facial recognition id: {FR-88213}", { PHI_BIOMETRIC } },
	{ "Policyholder # {WQ12345}", { PHI_HEALTH_PLAN } },
	{ "lic. plate {7ABC123}", { PHI_VEHICLE } },
	{ "Lic# {D4412-8831}", { PHI_LICENSE } },
	{ "RN lic # {RN-448213}", { PHI_LICENSE } },
	{ "public 12345678", { 0 } },
	{ "lic D4412-8831 without a marker", { 0 } },
	{ "MEDI-CAL {91234567A}", { PHI_HEALTH_PLAN } },
	{ "MEID {35209900176148}", { PHI_DEVICE } },
	{ "seen {1HGCM82633A004352} twice", { PHI_VEHICLE } },
	{ "x1HGCM82633A004352", { 0 } },
	{ "prescriber Ada Quill NPI {1245319599}", { PHI_OTHER_ID } },
};

struct case_table {
	const char *name;
	const struct id_case *cases;
	size_t n;
};

#define TABLE(c) { #c, (c), sizeof(c) / sizeof((c)[0]) }

static const struct case_table tables[] = {
	TABLE(ssn_cases), TABLE(mrn_cases), TABLE(account_cases),
	TABLE(plan_cases), TABLE(license_cases), TABLE(vehicle_cases),
	TABLE(device_cases), TABLE(bio_cases), TABLE(other_cases),
	TABLE(clean_cases), TABLE(gate_cases),
};

static void *ids_state;

static int
suite_init(void)
{
	char err[256];

	return recognizer_ids.init(&ids_state, err, sizeof(err)) == 0 ? 0 :
	    -1;
}

static int
suite_clean(void)
{
	recognizer_ids.fini(ids_state);
	ids_state = NULL;
	rx_thread_release();
	return 0;
}

/* What one marked case expects. */
struct expect {
	char text[MAX_TEXT];
	size_t start[MAX_SPANS], end[MAX_SPANS];
	size_t n;
};

/* Strip the braces of c into e.  Returns 0, or -1 on a malformed case. */
static int
parse_case(const struct id_case *c, struct expect *e)
{
	size_t i, n = 0;
	int inside = 0;

	memset(e, 0, sizeof(*e));
	for (i = 0; c->in[i] != '\0'; i++) {
		if (n + 1 >= MAX_TEXT)
			return -1;
		if (c->in[i] == '{') {
			if (e->n == MAX_SPANS || inside)
				return -1;
			e->start[e->n] = n;
			inside = 1;
		} else if (c->in[i] == '}') {
			if (!inside)
				return -1;
			e->end[e->n++] = n;
			inside = 0;
		} else {
			e->text[n++] = c->in[i];
		}
	}
	e->text[n] = '\0';
	return inside ? -1 : 0;
}

/* Scan text with the shared state into out (resolved). */
static int
scan_text(const char *text, size_t len, struct text *t, struct spans *out)
{
	struct recog_ctx ctx = { 0 };
	int rc;

	rc = text_set(t, text, len);
	if (rc != 0)
		return rc;
	ctx.text = t;
	ctx.field = "text";
	spans_clear(out);
	rc = recognizer_ids.scan(ids_state, &ctx, out);
	spans_resolve(out);
	return rc;
}

/* Whether the resolved spans are exactly what c expects. */
static int
case_ok(const struct id_case *c, const struct expect *e,
    const struct spans *out)
{
	const struct span *sp;
	size_t i;

	if (spans_count(out) != e->n)
		return 0;
	for (i = 0; i < e->n; i++) {
		sp = spans_get(out, i);
		if (sp->start != e->start[i] || sp->end != e->end[i] ||
		    sp->type != c->type[i])
			return 0;
	}
	return 1;
}

static void
test_cases(void)
{
	struct text *t = text_new();
	struct spans *out = spans_new();
	struct expect e;
	const struct id_case *c;
	size_t i, j;
	int ok;

	CU_ASSERT_FATAL(t != NULL && out != NULL);
	for (i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		for (j = 0; j < tables[i].n; j++) {
			c = &tables[i].cases[j];
			CU_ASSERT_FATAL(parse_case(c, &e) == 0);
			ok = scan_text(e.text, strlen(e.text), t, out) == 0 &&
			    case_ok(c, &e, out);
			/* name the failing case in CUnit's report */
			CU_assertImplementation(ok, __LINE__, c->in,
			    tables[i].name, "", CU_FALSE);
		}
	}
	spans_free(out);
	text_free(t);
}

struct offset_case {
	const char *in;
	size_t start, end;	/* view bytes */
	enum phi_type type;
};

/* Folded input: offsets are in the view, not the original. */
static const struct offset_case offset_cases[] = {
	/* NBSP and full-width digits */
	{ "MRN:\xC2\xA0\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93\xEF\xBC\x94"
	    "\xEF\xBC\x95", 5, 10, PHI_MRN },
	/* en dashes */
	{ "SSN 529\xE2\x80\x93" "81\xE2\x80\x93" "3307", 4, 15, PHI_SSN },
	/* full-width number sign */
	{ "MR\xEF\xBC\x83 7781235", 4, 11, PHI_MRN },
	{ "Acct: 7712009341", 6, 16, PHI_ACCOUNT },
	{ "x DEA: AK4152637 NPI: 1234567893", 7, 16, PHI_LICENSE },
};

static void
test_offsets(void)
{
	struct text *t = text_new();
	struct spans *out = spans_new();
	const struct offset_case *c;
	const struct span *sp;
	size_t i;

	CU_ASSERT_FATAL(t != NULL && out != NULL);
	for (i = 0; i < sizeof(offset_cases) / sizeof(offset_cases[0]); i++) {
		c = &offset_cases[i];
		CU_ASSERT_EQUAL_FATAL(scan_text(c->in, strlen(c->in), t, out),
		    0);
		CU_ASSERT_FATAL(spans_count(out) >= 1);
		sp = spans_get(out, 0);
		CU_ASSERT_EQUAL(sp->start, c->start);
		CU_ASSERT_EQUAL(sp->end, c->end);
		CU_ASSERT_EQUAL(sp->type, c->type);
	}
	spans_free(out);
	text_free(t);
}

struct script_case {
	const char *in;
	size_t cp_start, cp_end;	/* original code points */
	enum phi_type type;
};

/*
 * Identifiers written with other decimal digits or HTML references:
 * found in the view, mapped back to the original code points.
 */
static const struct script_case script_cases[] = {
	/* Arabic-Indic, extended Arabic-Indic, Devanagari */
	{ "SSN \xD9\xA3\xD9\xA7\xD9\xA2-\xD9\xA8\xD9\xA1-\xD9\xA4\xD9"
	    "\xA4\xD9\xA5\xD9\xA6 on file", 4, 15, PHI_SSN },
	{ "SSN: \xDB\xB3\xDB\xB7\xDB\xB2-\xDB\xB8\xDB\xB1-\xDB\xB4\xDB"
	    "\xB4\xDB\xB5\xDB\xB6", 5, 16, PHI_SSN },
	{ "ssn \xE0\xA5\xA9\xE0\xA5\xAD\xE0\xA5\xA8 \xE0\xA5\xAE\xE0"
	    "\xA5\xA7 \xE0\xA5\xAA\xE0\xA5\xAA\xE0\xA5\xAB\xE0\xA5\xAC",
	    4, 15, PHI_SSN },
	/* mathematical bold and full-width */
	{ "SSN \xF0\x9D\x9F\x91\xF0\x9D\x9F\x95\xF0\x9D\x9F\x90-\xF0"
	    "\x9D\x9F\x96\xF0\x9D\x9F\x8F-\xF0\x9D\x9F\x92\xF0\x9D\x9F"
	    "\x92\xF0\x9D\x9F\x93\xF0\x9D\x9F\x94", 4, 15, PHI_SSN },
	{ "MRN: \xD9\xA8\xD9\xA8\xD9\xA4\xD9\xA2\xD9\xA1\xD9\xA0\xD9"
	    "\xA7", 5, 12, PHI_MRN },
	{ "MRN \xEF\xBC\x98\xEF\xBC\x98\xEF\xBC\x94\xEF\xBC\x92\xEF"
	    "\xBC\x91", 4, 9, PHI_MRN },
	/* HTML references */
	{ "SSN 372&#45;81&#45;4456 on file", 4, 23, PHI_SSN },
	{ "SSN:&nbsp;372&#x2D;81&#x2d;4456", 10, 31, PHI_SSN },
	{ "MRN:&nbsp;8842107", 10, 17, PHI_MRN },
};

/* Whether s (len bytes of UTF-8) holds a decimal digit of any script. */
static int
has_digit(const char *s, size_t len)
{
	int32_t i = 0, n = (int32_t)len;
	UChar32 c;

	while (i < n) {
		U8_NEXT(s, i, n, c);
		if (c >= 0 && u_isdigit(c))
			return 1;
	}
	return 0;
}

/*
 * Each case gives one span at the expected code points, and replacing
 * what its range covers in the original leaves no digit behind.
 */
static void
test_scripts(void)
{
	struct text *t = text_new();
	struct spans *out = spans_new();
	const struct script_case *c;
	const struct span *sp;
	struct text_range r;
	char scrub[MAX_TEXT];
	size_t i, n;

	CU_ASSERT_FATAL(t != NULL && out != NULL);
	for (i = 0; i < sizeof(script_cases) / sizeof(script_cases[0]); i++) {
		c = &script_cases[i];
		CU_ASSERT_EQUAL_FATAL(scan_text(c->in, strlen(c->in), t, out),
		    0);
		CU_ASSERT_EQUAL_FATAL(spans_count(out), 1);
		sp = spans_get(out, 0);
		CU_ASSERT_EQUAL(sp->type, c->type);
		text_map(t, sp->start, sp->end, &r);
		CU_ASSERT_EQUAL(r.cp_start, c->cp_start);
		CU_ASSERT_EQUAL(r.cp_end, c->cp_end);
		n = (size_t)snprintf(scrub, sizeof(scrub), "%.*s[ID]%s",
		    (int)r.byte_start, c->in, c->in + r.byte_end);
		CU_ASSERT_FATAL(n < sizeof(scrub));
		CU_assertImplementation(!has_digit(scrub, n), __LINE__,
		    c->in, "script_cases", "", CU_FALSE);
	}
	spans_free(out);
	text_free(t);
}

/* The recognizer names of the spans: stable strings for --spans. */
static void
test_names(void)
{
	struct text *t = text_new();
	struct spans *out = spans_new();
	const char in[] = "MRN: 00412399";

	CU_ASSERT_FATAL(t != NULL && out != NULL);
	CU_ASSERT_EQUAL_FATAL(scan_text(in, strlen(in), t, out), 0);
	CU_ASSERT_EQUAL_FATAL(spans_count(out), 1);
	CU_ASSERT_STRING_EQUAL(spans_get(out, 0)->recognizer, "id.mrn");
	CU_ASSERT(spans_get(out, 0)->score > 0.5f);
	CU_ASSERT_STRING_EQUAL(recognizer_ids.name, "ids");
	spans_free(out);
	text_free(t);
}

/* A note long enough to hold every family, scanned from two threads. */
static const char thread_note[] =
	"SSN: 529-81-3307  MRN: 00412399  Acct: 7712009341\n"
	"Member ID: W88123456  DEA: AK4152637  VIN 1HGTR82N4KA314159\n"
	"pacemaker, serial # 44120987  NPI: 1234567893\n";

static size_t thread_expected;

static void *
thread_scan(void *arg)
{
	struct text *t = text_new();
	struct spans *out = spans_new();
	size_t i;
	int *ok = arg;

	*ok = t != NULL && out != NULL;
	for (i = 0; *ok && i < 200; i++)
		*ok = scan_text(thread_note, strlen(thread_note), t, out) ==
		    0 && spans_count(out) == thread_expected;
	spans_free(out);
	text_free(t);
	rx_thread_release();
	return NULL;
}

static void
test_threads(void)
{
	struct text *t = text_new();
	struct spans *out = spans_new();
	pthread_t th[2];
	int ok[2] = { 0, 0 };
	size_t i;

	CU_ASSERT_FATAL(t != NULL && out != NULL);
	CU_ASSERT_EQUAL_FATAL(scan_text(thread_note, strlen(thread_note), t,
	    out), 0);
	thread_expected = spans_count(out);
	CU_ASSERT_EQUAL(thread_expected, 8);
	for (i = 0; i < 2; i++)
		CU_ASSERT_FATAL(pthread_create(&th[i], NULL, thread_scan,
		    &ok[i]) == 0);
	for (i = 0; i < 2; i++) {
		CU_ASSERT(pthread_join(th[i], NULL) == 0);
		CU_ASSERT(ok[i]);
	}
	spans_free(out);
	text_free(t);
}

/*
 * Text built to make a careless pattern slow (a label before every few
 * characters) or to produce absurd spans (a 60-character token).
 */
static void
test_adversarial(void)
{
	static const char *const units[] = {
		"MRN-", "acct-", "SN-", "fingerprint-", "1-", "MRN: a1-",
		"plate ", "ID: A", "SSN 1 "
	};
	struct text *t = text_new();
	struct spans *out = spans_new();
	char *buf = malloc(200001);
	size_t i, n, u;

	CU_ASSERT_FATAL(t != NULL && out != NULL && buf != NULL);
	if (buf == NULL)
		return;
	for (u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
		n = strlen(units[u]);
		for (i = 0; i + n <= 200000; i += n)
			memcpy(buf + i, units[u], n);
		CU_ASSERT_EQUAL(scan_text(buf, i, t, out), 0);
		CU_ASSERT_EQUAL(spans_count(out), 0);
	}
	n = (size_t)snprintf(buf, 200001, "MRN: %s",
	    "A1B2C3D4E5F6A1B2C3D4E5F6A1B2C3D4E5F6A1B2C3D4E5F6A1B2C3D4E5F6");
	CU_ASSERT_EQUAL(scan_text(buf, n, t, out), 0);
	CU_ASSERT_EQUAL(spans_count(out), 0);
	free(buf);
	spans_free(out);
	text_free(t);
}

static void
test_lifecycle(void)
{
	char err[128];
	void *st = NULL;

	recognizer_ids.fini(NULL);
	CU_ASSERT_EQUAL_FATAL(recognizer_ids.init(&st, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL(st);
	recognizer_ids.fini(st);
}

static int
add(void)
{
	CU_pSuite s;

	s = CU_add_suite("ids", suite_init, suite_clean);
	if (s == NULL)
		return -1;
	if (CU_add_test(s, "cases", test_cases) == NULL ||
	    CU_add_test(s, "offsets", test_offsets) == NULL ||
	    CU_add_test(s, "other digits", test_scripts) == NULL ||
	    CU_add_test(s, "names", test_names) == NULL ||
	    CU_add_test(s, "threads", test_threads) == NULL ||
	    CU_add_test(s, "adversarial", test_adversarial) == NULL ||
	    CU_add_test(s, "lifecycle", test_lifecycle) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
