/* test_places.c - the places recognizer: facility LOCATION spans. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "phitype.h"
#include "recognizer.h"
#include "spans.h"
#include "text.h"

#define MAX_WANT	3

struct place_case {
	const char *in;
	const char *want[MAX_WANT];	/* LOCATION values, ends at NULL */
};

static void *state;
static struct text *text;
static struct spans *spans;

static const struct place_case cases[] = {
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

static int
scan(const char *in)
{
	struct recog_ctx ctx = { 0 };
	int rc;

	spans_clear(spans);
	rc = text_set(text, in, strlen(in));
	if (rc != 0)
		return rc;
	ctx.text = text;
	ctx.field = "text";
	rc = recognizer_places.scan(state, &ctx, spans);
	spans_resolve(spans);
	return rc;
}

/* A non-fatal assertion that names the case; returns ok. */
static int
check(int ok, const char *in, size_t i, const char *what)
{
	char msg[200];

	(void)snprintf(msg, sizeof(msg), "case \"%s\" span %zu: %s", in, i,
	    what);
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, __LINE__, msg,
	    __FILE__, "", CU_FALSE);
	return ok;
}

static void
check_case(const struct place_case *c)
{
	const struct span *sp;
	const char *view, *at;
	size_t len, from = 0, i, n;

	CU_ASSERT_EQUAL_FATAL(scan(c->in), 0);
	view = text_view(text, &len);
	for (n = 0; n < MAX_WANT && c->want[n] != NULL; n++)
		;
	if (!check(spans_count(spans) == n, c->in, n, "span count"))
		return;
	for (i = 0; i < n; i++) {
		at = strstr(view + from, c->want[i]);
		if (!check(at != NULL, c->in, i, "value not in view"))
			return;
		sp = spans_get(spans, i);
		if (!check(sp->start == (size_t)(at - view), c->in, i,
		    "start") ||
		    !check(sp->end == (size_t)(at - view) + strlen(c->want[i]),
		    c->in, i, "end") ||
		    !check(sp->type == PHI_LOCATION, c->in, i, "type"))
			return;
		from = sp->end;
	}
}

static void
test_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_case(&cases[i]);
}

/* Exact offsets, scores and recognizer names. */
static void
test_offsets(void)
{
	const struct span *sp;

	CU_ASSERT_EQUAL_FATAL(scan("to the Kestrel Valley Hospital."), 0);
	CU_ASSERT_EQUAL_FATAL(spans_count(spans), 1);
	sp = spans_get(spans, 0);
	CU_ASSERT_EQUAL(sp->start, 7);
	CU_ASSERT_EQUAL(sp->end, 30);
	CU_ASSERT_DOUBLE_EQUAL(sp->score, 0.85, 0.001);
	CU_ASSERT_STRING_EQUAL(sp->recognizer, "place.facility");

	/* Generic words only: a weaker score. */
	CU_ASSERT_EQUAL_FATAL(scan("Memorial Hospital"), 0);
	CU_ASSERT_EQUAL_FATAL(spans_count(spans), 1);
	CU_ASSERT_DOUBLE_EQUAL(spans_get(spans, 0)->score, 0.6, 0.001);

	CU_ASSERT_EQUAL_FATAL(scan("seen at Tamber Crest on 3/4"), 0);
	CU_ASSERT_EQUAL_FATAL(spans_count(spans), 1);
	sp = spans_get(spans, 0);
	CU_ASSERT_EQUAL(sp->start, 8);
	CU_ASSERT_EQUAL(sp->end, 20);
	CU_ASSERT_STRING_EQUAL(sp->recognizer, "place.context");

	/* View bytes: the NBSP is folded to one space. */
	CU_ASSERT_EQUAL_FATAL(scan("\xc3\x89lan\xc2\xa0" "Clinic"), 0);
	CU_ASSERT_EQUAL_FATAL(spans_count(spans), 1);
	sp = spans_get(spans, 0);
	CU_ASSERT_EQUAL(sp->start, 0);
	CU_ASSERT_EQUAL(sp->end, 12);
}

/* A long value: more gate words than fit on the stack. */
static void
test_long_value(void)
{
	static const char unit[] = "Kestrel Clinic, ";
	char in[300 * sizeof(unit)];
	const struct span *sp;
	size_t i, n = sizeof(unit) - 1;

	for (i = 0; i < 300; i++)
		memcpy(in + i * n, unit, n);
	in[300 * n] = '\0';
	CU_ASSERT_EQUAL_FATAL(scan(in), 0);
	CU_ASSERT_EQUAL_FATAL(spans_count(spans), 300);
	for (i = 0; i < 300; i++) {
		sp = spans_get(spans, i);
		CU_ASSERT_EQUAL(sp->start, i * n);
		CU_ASSERT_EQUAL(sp->end, i * n + 14);
	}
}

static void
test_lifecycle(void)
{
	char err[128];
	void *st = NULL;

	CU_ASSERT_STRING_EQUAL(recognizer_places.name, "places");
	recognizer_places.fini(NULL);
	CU_ASSERT_EQUAL(recognizer_places.init(&st, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL(st);
	recognizer_places.fini(st);
}

static int
setup(void)
{
	char err[128];

	text = text_new();
	spans = spans_new();
	if (text == NULL || spans == NULL)
		return -1;
	return recognizer_places.init(&state, err, sizeof(err)) == 0 ?
	    0 : -1;
}

static int
teardown(void)
{
	recognizer_places.fini(state);
	text_free(text);
	spans_free(spans);
	return 0;
}

static int
add(void)
{
	CU_pSuite s;

	s = CU_add_suite("places", setup, teardown);
	if (s == NULL ||
	    CU_add_test(s, "table of cases", test_cases) == NULL ||
	    CU_add_test(s, "offsets and scores", test_offsets) == NULL ||
	    CU_add_test(s, "long value", test_long_value) == NULL ||
	    CU_add_test(s, "init and fini", test_lifecycle) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
