/* test_places.c - the places recognizer: facility LOCATION spans. */
#include <string.h>

#include "harness.h"
#include "phitype.h"
#include "recog_check.h"
#include "recognizer.h"
#include "spans.h"

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

static CU_TestInfo tests[] = {
	{ "table of cases", test_cases },
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
