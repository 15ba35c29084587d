/*
 * test_places.c - the places recognizer: facilities (LOCATION), cities,
 * counties, states, countries and employers.
 */
#include <string.h>

#include "harness.h"
#include "phitype.h"
#include "recog_check.h"
#include "recognizer.h"
#include "spans.h"
#include "text.h"
#include "tokens.h"

static const struct recog_str_case cases[] = {
	/* Facility words end the name; a leading "the" stays out. */
	{ "presented to the Kestrel Valley Medical Center ED",
	    { "Kestrel Valley Medical Center" } },
	{ "Quillon Regional Medical Center", { "Quillon Regional Medical "
	    "Center" } },
	{ "transferred to Bramwell General Hospital.",
	    { "Bramwell General Hospital" } },
	{ "Sister Ardith Memorial Hospital", { "Sister Ardith Memorial "
	    "Hospital" } },
	{ "at Saint Odo's Hospital", { "Saint Odo's Hospital" } },
	{ "St. Odo's Hospital", { "St. Odo's Hospital" } },
	{ "Tamber Hollow Skilled Nursing Facility", { "Tamber Hollow "
	    "Skilled Nursing Facility" } },
	{ "Larchmere Assisted Living", { "Larchmere Assisted Living" } },
	{ "Fenwright Manor Nursing Home", { "Fenwright Manor Nursing "
	    "Home" } },
	{ "Quillon Nursing and Rehabilitation Center",
	    { "Quillon Nursing and Rehabilitation Center" } },
	{ "Corvale Urgent Care", { "Corvale Urgent Care" } },
	{ "Corvale Surgery Center", { "Corvale Surgery Center" } },
	{ "Corvale Cancer Institute", { "Corvale Cancer Institute" } },
	{ "Corvale Hospice House", { "Corvale Hospice House" } },
	{ "Corvale Children's Hospital", { "Corvale Children's Hospital" } },
	{ "Corvale University Medical Center", { "Corvale University "
	    "Medical Center" } },
	{ "Corvale Family Health Center.", { "Corvale Family Health "
	    "Center" } },
	{ "Corvale Orthopedics", { "Corvale Orthopedics" } },
	{ "Corvale Transitional Care Unit", { "Corvale Transitional Care "
	    "Unit" } },
	{ "Hospital of the University of Tessaly", { "Hospital of the "
	    "University of Tessaly" } },
	{ "Hospital for Special Surgery", { "Hospital for Special "
	    "Surgery" } },
	{ "found down at Tamber Grove Community Church.",
	    { "Tamber Grove Community Church" } },
	{ "Larchmere Elementary School", { "Larchmere Elementary "
	    "School" } },
	{ "Ulvik-Sandor Clinic", { "Ulvik-Sandor Clinic" } },
	{ "Bramwell & Tice Hospital", { "Bramwell & Tice Hospital" } },
	{ "She Will Bring Him To Kestrel Clinic", { "Kestrel Clinic" } },
	{ "Transferred From Tamber Hospital", { "Tamber Hospital" } },
	{ "KESTREL VALLEY MEDICAL CENTER\nDISCHARGE SUMMARY",
	    { "KESTREL VALLEY MEDICAL CENTER" } },
	{ "ST. ODO'S HOSPITAL", { "ST. ODO'S HOSPITAL" } },
	/* Proper names made of generic words. */
	{ "admitted to Memorial Hospital", { "Memorial Hospital" } },
	{ "County General Hospital", { "County General Hospital" } },
	/* Context: a named place after a clinical verb. */
	{ "seen at Tamber Crest on 3/4", { "Tamber Crest" } },
	{ "admitted to Corvale-Tice on 3/4", { "Corvale-Tice" } },
	{ "follow-up at our Larchmere clinic", { "Larchmere clinic" } },
	{ "records from Quillon Brae, 2021", { "Quillon Brae" } },
	{ "admitted to St. Odo's last week", { "St. Odo's" } },
	{ "seen at Mt. Ardith on Friday", { "Mt. Ardith" } },
	/* "St." and a name before a hospital's unit. */
	{ "Transferred to St. Elsewhere ICU bed 4.", { "St. Elsewhere" } },
	{ "moved to Saint Vell Valley ward", { "Saint Vell Valley" } },
	{ "Seen in St. Kestrel ER.", { "St. Kestrel" } },
	{ "Ste. Odile L&D called", { "Ste. Odile" } },
	{ "St. Quenby Units 3-4", { "St. Quenby" } },
	{ "St. Quenby Unitarian", { NULL } },
	{ "St. Quenby icu", { NULL } },
	{ "St. Quenby", { NULL } },
	/* Generic places are left alone. */
	{ "the hospital", { NULL } },
	{ "the clinic", { NULL } },
	{ "transferred to ICU", { NULL } },
	{ "presented to the ED", { NULL } },
	{ "Cardiology Clinic", { NULL } },
	{ "Intensive Care Unit", { NULL } },
	{ "Internal Medicine", { NULL } },
	{ "discharged to Skilled Nursing Facility", { NULL } },
	{ "Emergency Department", { NULL } },
	{ "follow up in Heart Failure Clinic", { NULL } },
	{ "admitted to Medicine", { NULL } },
	{ "seen at Dr. Quenby's office", { NULL } },
	{ "murmur at LUSB. No edema", { NULL } },
	{ "seen in clinic on Friday", { NULL } },
	{ "DEVICE CLINIC NOTE", { NULL } },
	{ "CARDIOLOGY CLINIC", { NULL } },
	/* Streets and insurers named after facilities. */
	{ "12 Hospital Rd", { NULL } },
	{ "Larchmere Park Avenue", { NULL } },
	{ "Insurance: Larchmere Health Plan", { NULL } },
	{ "St. Louis", { NULL } },
	{ "St. John's wort", { NULL } },
	{ "", { NULL } },
	/* Where the patterns are tried: joins, windows, odd bytes. */
	{ "KESTREL AND TICE HOSPITAL", { "KESTREL AND TICE HOSPITAL" } },
	{ "KESTREL & TICE HOSPITAL", { "KESTREL & TICE HOSPITAL" } },
	{ "BRAMWELL-TICE MEDICAL CENTER", { "BRAMWELL-TICE MEDICAL "
	    "CENTER" } },
	{ "the ICU Hospital wing", { NULL } },
	{ "seen @ Tamber Crest.", { "Tamber Crest" } },
	{ "\xc3\x89" "clair Valley Hospital", { "\xc3\x89" "clair Valley "
	    "Hospital" } },
	{ "transferred from Mt. Ardith Hospital", { "Mt. Ardith "
	    "Hospital" } },
	{ "Quillon Brae hospital", { "Quillon Brae hospital" } },
	{ "seen at Larchmere\nHospital", { "Larchmere" } },
	/* A clinical verb's "at" may end the line above the place. */
	{ "seen at\nTamber Crest on 3/4", { "Tamber Crest" } },
	{ "born in \n Quillon Brae, 2021", { "Quillon Brae" } },
	{ "admitted to\r\nCorvale-Tice on 3/4", { "Corvale-Tice" } },
	{ "seen at\n\nTamber Crest on 3/4", { NULL } },
	{ "admitted to\nMedicine", { NULL } },
	{ "1st Avenue Clinic", { "1st Avenue Clinic" } },
	{ "Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda "
	    "Hospital", { "Zeta Eta Theta Iota Kappa Lambda Hospital" } },
	{ "Alpha and Beta and Gamma and Delta and Epsilon and Zeta and Eta "
	    "Hospital", { "Beta and Gamma and Delta and Epsilon and Zeta "
	    "and Eta Hospital" } },
};

static void
test_cases(void)
{
	recog_check_str_cases(cases, sizeof(cases) / sizeof(cases[0]),
	    PHI_LOCATION);
}

#define CI PHI_CITY
#define CO PHI_COUNTY
#define ST PHI_STATE
#define CN PHI_COUNTRY
#define OR PHI_ORGANIZATION

/* Cities, counties, states, countries and employers, by context. */
static const struct recog_in_case geo_cases[] = {
	/* Cities after "lives in", "moved to", before ", ST". */
	{ "Lives in Tucson with her son.", { { "Tucson", CI } } },
	{ "moved to Duluth, MN last spring", { { "Duluth", CI },
	    { "MN", ST } } },
	{ "Kalamazoo, Michigan", { { "Kalamazoo", CI },
	    { "Michigan", ST } } },
	{ "lives in Mobile with wife", { { "Mobile", CI } } },
	{ "visiting Baton Rouge this week", { { "Baton Rouge", CI } } },
	{ "home in St. Cloud with 3 steps", { { "St. Cloud", CI } } },
	{ "flew in from Wichita yesterday", { { "Wichita", CI } } },
	{ "Sheboygan, WI 53081", { { "Sheboygan", CI }, { "WI", ST } } },
	{ "Brindlecombe, OR 97999", { { "Brindlecombe", CI },
	    { "OR", ST } } },
	{ "on 12 Larch Ave in Poughkeepsie. Airbags deployed.",
	    { { "Poughkeepsie", CI } } },
	{ "City: Lubbock", { { "Lubbock", CI } } },
	/* Lower-case notes: a known city after a strong context. */
	{ "pt lives in tucson with son", { { "tucson", CI } } },
	/* Places no list knows, in strong context. */
	{ "grew up in Quellmarsh before the war", { { "Quellmarsh", CI } } },
	{ "I'm in Vornsby for a meeting", { { "Vornsby", CI } } },
	/* Counties. */
	{ "Resides in Yavapai County.", { { "Yavapai County", CO } } },
	{ "(Tamsworth County)", { { "Tamsworth County", CO } } },
	{ "County of Coconino", { { "County of Coconino", CO } } },
	/* Countries, with context or alone. */
	{ "back from a trip to Mongolia.", { { "Mongolia", CN } } },
	{ "Born in Uzbekistan; moved here", { { "Uzbekistan", CN } } },
	{ "Born in Lyrrow, Paraguay.", { { "Lyrrow", CI },
	    { "Paraguay", CN } } },
	{ "plans a visit to Bolivia", { { "Bolivia", CN } } },
	{ "Nepal was lovely", { { "Nepal", CN } } },
	/* A state code after a licence label. */
	{ "Driver's license: AZ D1234567", { { "AZ", ST } } },
	/* Address blocks: a city's own line, a country and postcode. */
	{ "Apt. 4\nVelmora\nMongolia 14200", { { "Velmora", CI },
	    { "Mongolia", CN }, { "14200", PHI_ZIP } } },
	{ "lives at 9 Hollin Street, Drevask", { { "Drevask", CI } } },
	/* Employers. */
	{ "Employer: Brackwater Logistics", { { "Brackwater Logistics",
	    OR } } },
	{ "works as a cashier at Fennimore Grocers.", { { "Fennimore "
	    "Grocers", OR } } },
	{ "retired from Tolliver & Pike Inc. in 2010", { { "Tolliver & Pike "
	    "Inc.", OR } } },
	/* A company word and its period end the name, and the sentence. */
	{ "works at Kestrel Mills Inc. Her pain is worse.", { { "Kestrel "
	    "Mills Inc.", OR } } },
	{ "employed by Pellow Partners LLC. She sleeps well.", { { "Pellow "
	    "Partners LLC", OR } } },
	{ "works at Brannow Foods. His wife drives.", { { "Brannow Foods",
	    OR } } },
	{ "retired from Quillet Corp. Denies smoking.", { { "Quillet Corp.",
	    OR } } },
	{ "works for J. Tice Hauling Co. daily", { { "J. Tice Hauling Co.",
	    OR } } },
	{ "formerly with Osterly Paper Company.", { { "Osterly Paper "
	    "Company", OR } } },
	{ "Quorn Fasteners LLC called", { { "Quorn Fasteners LLC", OR } } },
	{ "employed by Harrowgate Freight", { { "Harrowgate Freight",
	    OR } } },
	{ "Quorvex is a design agency based in Dunmarrow.", { { "Quorvex",
	    OR }, { "Dunmarrow", CI } } },
	/* The other companies of a list that names one. */
	{ "Clients include Tamberline, Quorn Fasteners Inc and Velloway "
	    "Trust.", { { "Tamberline", OR }, { "Quorn Fasteners Inc", OR },
	    { "Velloway Trust", OR } } },
	{ "works at Kestrel Inc, Denies chest pain.", { { "Kestrel Inc",
	    OR } } },
	{ "Vendors: Orrin Labs Inc, Medicare and Medicaid.", { { "Orrin Labs "
	    "Inc", OR } } },
	/* Ensembles; a person "of" a company stays out of its name. */
	{ "The Vellow Brook Orchestra played", { { "Vellow Brook Orchestra",
	    OR } } },
	{ "Dana Kerrow of Fernwick Inc. spoke", { { "Fernwick Inc.", OR } } },
	/* "The address of X is". */
	{ "The address of Quorn And Tessaly is 12 Rua Azul 40", { { "Quorn "
	    "And Tessaly", OR } } },
	/* A postcode after a city in context; no year, no count. */
	{ "lives in Quellmarsh 4821, near the coast", { { "Quellmarsh", CI },
	    { "4821", PHI_ZIP } } },
	{ "moved to Quellmarsh 1998, then back", { { "Quellmarsh", CI } } },
	{ "lives in Quellmarsh 300 days a year", { { "Quellmarsh", CI } } },
	/* A company heading the text, and one in a lower-case signature. */
	{ "Tamberline\n\n12 Rua Azul 40", { { "Tamberline", OR } } },
	{ "kestra voll\nvelloway-tamber\nunit 4021 box 3310",
	    { { "velloway-tamber", OR } } },
	/* A company word before a possessive "'s": the name ends before. */
	{ "Thanks to Kestrel Labs LLC's staff.", { { "Kestrel Labs LLC",
	    OR } } },
	{ "met the Quorn Analytics team", { { "Quorn Analytics", OR } } },
	/* The subject of a company's verb, at a sentence or clause start. */
	{ "During 2011, Tamberline Vosk invested in drones.",
	    { { "Tamberline Vosk", OR } } },
	{ "Quorvex acquired a rival.", { { "Quorvex", OR } } },
	{ "Quorvex acquired Brillax in 2020.", { { "Quorvex", OR } } },
	{ "The Brisk Lark Group merged with a bank.", { { "Brisk Lark Group",
	    OR } } },
	/* A company in lower case after "from", "for", "at", "with". */
	{ "he is from vellmar quist llc.", { { "vellmar quist llc", OR } } },
	{ "works for the brannow data inc. now", { { "brannow data inc.",
	    OR } } },
	/* A person "of" a company. */
	{ "Dana Kerrow of Quillfen is the new chair.", { { "Quillfen",
	    OR } } },
	{ "Talia Brenn of Vossmark Quell's team won.", { { "Vossmark Quell",
	    OR } } },
	/* A word the lists know, rare, before an unknown item of a list. */
	{ "Clients: Quorn Fasteners Inc, Obelisk and Vellokan.",
	    { { "Quorn Fasteners Inc", OR }, { "Obelisk", OR },
	    { "Vellokan", OR } } },
	/* Not a known word before another known one, nor a possessive. */
	{ "Clients: Quorn Fasteners Inc, Medicare and Obelisk.",
	    { { "Quorn Fasteners Inc", OR } } },
	{ "Tice's Ann Lee, Quorn Mills Inc", { { "Quorn Mills Inc", OR } } },
	/* A firm of single names; in a list its items stay apart. */
	{ "The Quorn, Tice and Vale Orchestra played", { { "Quorn, Tice and "
	    "Vale Orchestra", OR } } },
	{ "Clients: Vellokan, Quorn and Tice LLP.", { { "Vellokan", OR },
	    { "Quorn and Tice LLP", OR } } },
	/* A company heading the text, a street of word and number after. */
	{ "Quillfen\n\nVeldstraat 12", { { "Quillfen", OR } } },
	/* "at X as a <job>", "CEO of X", "joined X". */
	{ "spent two years at Brelloway as a cashier", { { "Brelloway",
	    OR } } },
	{ "She is the CEO of Quillfen.", { { "Quillfen", OR } } },
	{ "founder of the Vellokan Trust", { { "Vellokan Trust", OR } } },
	{ "In 2019 she joined Vellokan as an engineer.", { { "Vellokan",
	    OR } } },
	{ "He joined Quillfen Group in 2010.", { { "Quillfen Group",
	    OR } } },
	{ "works for quellmar inc as a cashier", { { "quellmar inc",
	    OR } } },
	{ "Selvix Therapeutics reported losses.", { { "Selvix Therapeutics",
	    OR } } },
};

static void
test_geo_cases(void)
{
	recog_check_in_cases(geo_cases, sizeof(geo_cases) /
	    sizeof(geo_cases[0]));
}

/* Words that are places, names or companies only in context. */
static const char *const not_places[] = {
	"Seen by Dr. Tucson today",
	"Signed: Dana Kerrow, MD",
	"Hx of MS; PA consult placed",
	"moved to the US in 1990",
	"Emergency Department",
	"Review of Systems: negative",
	"Social Services consulted",
	"Blood Bank notified",
	"from Reading the chart, stable",
	"Turkey sandwich for lunch",
	"drank Orange juice",
	"work with PT and OT daily",
	"Sagittal T1, T2, STIR; axial T2.",
	"VS: HR 88, RR 16, SpO2 97% on RA.",
	"came to ED by ambulance",
	"returned to baseline",
	"Occupation: Retired",
	"Chest CT in March",
	"Grade 3 Para 2",
	/* Company verbs after no company; cues of a company, no name. */
	"Patient announced she is pregnant.",
	"Mom announced the news.",
	"Dr. Kerrow announced the results.",
	"Ann Lee announced her retirement.",
	"Cardiology announced new hours.",
	"The Emergency Department announced changes.",
	"Case Management announced a change.",
	"bleeding from the wound inc. today",
	"worse with activity and pain llc",
	"Dana Kerrow of Cardiology called.",
	"Dana Kerrow of Internal Medicine called.",
	"She joined AA last year.",
	"He joined the Army in 1990.",
	"She joined Ann Lee for lunch.",
	"owner of Max, a beagle",
	"Discharge\n\nDay 3 of stay",
	"worked at Home as a caregiver",
	/* Clinical subjects of a company's verb; plans, portals, teams. */
	"Ventilator acquired pneumonia.",
	"MRSA acquired in the ICU.",
	"Pseudomonas acquired resistance to cefepime.",
	"Dialysis merged with the outpatient unit.",
	"Telemetry announced the alarm.",
	"She joined MyChart.",
	"Patient joined Medicaid.",
	"Dr. Kerrow joined Hospitalist group.",
	"For bp control inc amlodipine.",
	"For urinary inc, pelvic floor PT.",
	"Owner of Labrador retrievers, bitten on the hand.",
};

static const size_t n_not_places = sizeof(not_places) /
    sizeof(not_places[0]);

static void
test_not_places(void)
{
	recog_check_none(not_places, n_not_places);
}

/* Exact offsets, scores and recognizer names. */
static void
test_offsets(void)
{
	const struct span *sp;

	sp = recog_check_first(
	    "to the Kestrel Valley Hospital.", 1);
	CU_ASSERT_EQUAL(sp->start, 7);
	CU_ASSERT_EQUAL(sp->end, 30);
	CU_ASSERT_DOUBLE_EQUAL(sp->score, 0.85, 0.001);
	CU_ASSERT_STRING_EQUAL(sp->recognizer, "place.facility");

	/* Generic words only: a weaker score. */
	CU_ASSERT_EQUAL_FATAL(recog_check_scan("Memorial Hospital"), 0);
	CU_ASSERT_EQUAL_FATAL(spans_count(recog_check_spans()), 1);
	CU_ASSERT_DOUBLE_EQUAL(spans_get(recog_check_spans(), 0)->score, 0.6,
	    0.001);

	sp = recog_check_first(
	    "seen at Tamber Crest on 3/4", 1);
	CU_ASSERT_EQUAL(sp->start, 8);
	CU_ASSERT_EQUAL(sp->end, 20);
	CU_ASSERT_STRING_EQUAL(sp->recognizer, "place.context");

	sp = recog_check_first("to St. Elsewhere ICU", 1);
	CU_ASSERT_EQUAL(sp->start, 3);
	CU_ASSERT_EQUAL(sp->end, 16);
	CU_ASSERT_DOUBLE_EQUAL(sp->score, 0.8, 0.001);
	CU_ASSERT_STRING_EQUAL(sp->recognizer, "place.saint");

	/* View bytes: the NBSP is folded to one space. */
	sp = recog_check_first(
	    "\xc3\x89lan\xc2\xa0" "Clinic", 1);
	CU_ASSERT_EQUAL(sp->start, 0);
	CU_ASSERT_EQUAL(sp->end, 12);
}

/* A long value: more gate words than fit on the stack. */
static void
test_long_value(void)
{
	recog_check_repeat("Kestrel Clinic, ", 300, 0, 14);
}

/* What one scan of in needs: a text, its tokens, two span sets. */
struct both {
	void *state;
	struct text *t;
	struct tokens *tk;
	struct spans *a, *b;
};

/* Scan in without tokens and with them; assert the same spans. */
static void
same_both_ways(struct both *w, const char *in)
{
	struct recog_ctx ctx = { 0 };
	size_t k;

	ctx.text = w->t;
	ctx.field = "text";
	spans_clear(w->a);
	spans_clear(w->b);
	CU_ASSERT_EQUAL_FATAL(text_set(w->t, in, strlen(in)), 0);
	CU_ASSERT_EQUAL_FATAL(tokens_build(w->tk, w->t), 0);
	CU_ASSERT_EQUAL(recognizer_places.scan(w->state, &ctx, w->a), 0);
	ctx.tokens = w->tk;
	CU_ASSERT_EQUAL(recognizer_places.scan(w->state, &ctx, w->b), 0);
	spans_resolve(w->a);
	spans_resolve(w->b);
	if (!recog_check_assert(spans_count(w->a) == spans_count(w->b), in,
	    0, "span count with tokens"))
		return;
	for (k = 0; k < spans_count(w->a); k++)
		(void)recog_check_assert(spans_get(w->a, k)->start ==
		    spans_get(w->b, k)->start && spans_get(w->a, k)->end ==
		    spans_get(w->b, k)->end && spans_get(w->a, k)->type ==
		    spans_get(w->b, k)->type, in, k, "span with tokens");
}

/*
 * The engine hands the recognizer the value's tokens, and the words are
 * then taken from them rather than cut again: every case must give the
 * same spans both ways.
 */
static void
test_with_tokens(void)
{
	struct both w;
	char err[256];
	size_t i;

	w.t = text_new();
	w.tk = tokens_new();
	w.a = spans_new();
	w.b = spans_new();
	w.state = NULL;
	CU_ASSERT_FATAL(w.t != NULL && w.tk != NULL && w.a != NULL &&
	    w.b != NULL);
	CU_ASSERT_EQUAL_FATAL(recognizer_places.init(&w.state, err,
	    sizeof(err)), 0);
	for (i = 0; i < sizeof(geo_cases) / sizeof(geo_cases[0]); i++)
		same_both_ways(&w, geo_cases[i].in);
	for (i = 0; i < n_not_places; i++)
		same_both_ways(&w, not_places[i]);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		same_both_ways(&w, cases[i].in);
	recognizer_places.fini(w.state);
	spans_free(w.a);
	spans_free(w.b);
	tokens_free(w.tk);
	text_free(w.t);
}

static CU_TestInfo tests[] = {
	{ "table of cases", test_cases },
	{ "cities, states, countries, employers", test_geo_cases },
	{ "not places", test_not_places },
	{ "the same with tokens", test_with_tokens },
	{ "offsets and scores", test_offsets },
	{ "long value", test_long_value },
	{ "init and fini", recog_check_lifecycle },
	CU_TEST_INFO_NULL
};

int
main(void)
{
	return recog_check_main("places", &recognizer_places, tests);
}
