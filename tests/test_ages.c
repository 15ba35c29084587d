/*
 * test_ages.c - the ages recognizer: AGE spans over 89 (the number
 * only), their exact view offsets and recognizer names, and what is not
 * such an age (89 and under, over 120, spans of time, vitals).
 */
#include <string.h>

#include "harness.h"
#include "phitype.h"
#include "recog_check.h"
#include "recognizer.h"
#include "spans.h"

static const struct recog_at_case cases[] = {
	/* A number and years old. */
	{ "A 92 y/o woman", {
	    { 2, "92", "age.years" } } },
	{ "a 92-year-old man", {
	    { 2, "92", "age.years" } } },
	{ "94 yo female", {
	    { 0, "94", "age.years" } } },
	{ "a 97 year old", {
	    { 2, "97", "age.years" } } },
	{ "she is 103 years old.", {
	    { 7, "103", "age.years" } } },
	{ "93 y.o. male", {
	    { 0, "93", "age.years" } } },
	{ "91yo with CHF", {
	    { 0, "91", "age.years" } } },
	{ "94 yof with", {
	    { 0, "94", "age.years" } } },
	{ "92 y/oM s/p fall", {
	    { 0, "92", "age.years" } } },
	{ "100 yrs old", {
	    { 0, "100", "age.years" } } },
	{ "a 96-yr-old", {
	    { 2, "96", "age.years" } } },
	{ "Now 95 years of age", {
	    { 4, "95", "age.years" } } },
	{ "Pt is 99 years", {
	    { 6, "99", "age.years" } } },
	{ "90 y/o and 120 y/o", {
	    { 0, "90", "age.years" },
	    { 11, "120", "age.years" } } },
	{ "A 92y woman", {
	    { 2, "92", "age.years" } } },
	{ "96 y, lives alone", {
	    { 0, "96", "age.years" } } },
	{ "93yF with falls", {
	    { 0, "93", "age.years" } } },
	{ "a 91-yo man", {
	    { 2, "91", "age.years" } } },
	{ "a 93-year-old", {
	    { 2, "93", "age.years" } } },
	{ "93 years of age, she", {
	    { 0, "93", "age.years" } } },
	/* Labels. */
	{ "aged 95, lives alone", {
	    { 5, "95", "age.label" } } },
	{ "age: 101", {
	    { 5, "101", "age.label" } } },
	{ "Age 98\nSex F", {
	    { 4, "98", "age.label" } } },
	{ "at age 91 she", {
	    { 7, "91", "age.label" } } },
	{ "the age of 93.", {
	    { 11, "93", "age.label" } } },
	{ "Age/Sex: 93/F", {
	    { 9, "93", "age.label" } } },
	{ "age (years): 96", {
	    { 13, "96", "age.label" } } },
	{ "AGE - 93", {
	    { 6, "93", "age.label" } } },
	{ "Age=120", {
	    { 4, "120", "age.label" } } },
	{ "Age/Sex: 92M", {
	    { 9, "92", "age.label" } } },
	{ "age at death: 96", {
	    { 14, "96", "age.label" } } },
	{ "Age at admission 91", {
	    { 17, "91", "age.label" } } },
	{ "aged ninety-two", {
	    { 5, "ninety-two", "age.label" } } },
	{ "Aged Ninety Four, widowed", {
	    { 5, "Ninety Four", "age.label" } } },
	{ "age: ninety", {
	    { 5, "ninety", "age.label" } } },
	{ "age one hundred and one", {
	    { 4, "one hundred and one", "age.label" } } },
	/* Decades and words. */
	{ "a man in his 90s", {
	    { 13, "90s", "age.decade" } } },
	{ "in her late 90s", {
	    { 12, "90s", "age.decade" } } },
	{ "in their mid-90's", {
	    { 13, "90's", "age.decade" } } },
	{ "in her nineties", {
	    { 7, "nineties", "age.decade" } } },
	{ "a ninety-two-year-old", {
	    { 2, "ninety-two", "age.words" } } },
	{ "ninety years old", {
	    { 0, "ninety", "age.words" } } },
	{ "one hundred and two years old", {
	    { 0, "one hundred and two", "age.words" } } },
	/* Sex shorthand in a person's place. */
	{ "a 92 F with CHF", {
	    { 2, "92", "age.sex" } } },
	{ "Pt 97M", {
	    { 3, "97", "age.sex" } } },
	{ "94 yo M presents", {
	    { 0, "94", "age.years" } } },
	/* A person, "is" and the number at the end of a clause. */
	{ "She is 92.", {
	    { 7, "92", "age.subject" } } },
	{ "he is 104, lives alone", {
	    { 6, "104", "age.subject" } } },
	{ "Patient is now 97; no falls", {
	    { 15, "97", "age.subject" } } },
	{ "Pt. is 91", {
	    { 7, "91", "age.subject" } } },
	{ "her aunt, who is 96, visits", {
	    { 17, "96", "age.subject" } } },
	{ "She's 93!", {
	    { 6, "93", "age.subject" } } },
	{ "She is 92 and lives alone", {
	    { 7, "92", "age.subject" } } },
	{ "She is\n92.", {
	    { 7, "92", "age.subject" } } },
	{ "he turned 91 last week", {
	    { 10, "91", "age.subject" } } },
	{ "He turned 90.\nNo complaints", {
	    { 10, "90", "age.subject" } } },
	{ "PATIENT IS 99.", {
	    { 11, "99", "age.subject" } } },
	{ "She is 92 y/o", {
	    { 7, "92", "age.years" } } },
	{ "pt is 95 yo", {
	    { 6, "95", "age.years" } } },
	/* "was": the clause ends, or goes on with "and" or "when she". */
	{ "She was 92.", {
	    { 8, "92", "age.subject" } } },
	{ "He was 91, and lived alone", {
	    { 7, "91", "age.subject" } } },
	{ "her aunt, who was 96 and blind", {
	    { 18, "96", "age.subject" } } },
	{ "She was 94 when she moved", {
	    { 8, "94", "age.subject" } } },
	{ "He was\n90.", {
	    { 7, "90", "age.subject" } } },
	/* a relative's age over 89 identifies as the patient's does */
	{ "Her mother was 96.", {
	    { 15, "96", "age.subject" } } },
	{ "Father is 92 and lives alone.", {
	    { 10, "92", "age.subject" } } },
	{ "grandmother's 101.", {
	    { 14, "101", "age.subject" } } },
	{ "The aunt was 93 when she died.", {
	    { 13, "93", "age.subject" } } },
	/* a vital sign's word in another sentence leaves the age */
	{ "HR 80, sat 97%. She was 92.", {
	    { 24, "92", "age.subject" } } },
	{ "The patient, 95, was hypoxic", {
	    { 13, "95", "age.appos" } } },
	/* A titled name as the person. */
	{ "Mr. Vantrell is 92.", {
	    { 16, "92", "age.subject" } } },
	{ "Mrs Anwuli Quillon is 95 and lives alone", {
	    { 22, "95", "age.subject" } } },
	{ "Ms. Brisebois was 97.", {
	    { 18, "97", "age.subject" } } },
	{ "Mr. Pellow turned 93 last week", {
	    { 18, "93", "age.subject" } } },
	{ "MRS. DREXA IS 99.", {
	    { 14, "99", "age.subject" } } },
	{ "Mr. O'Tamsk's 91.", {
	    { 14, "91", "age.subject" } } },
	{ "Mx. N\xc3\xba\xc3\xb1" "ez is 90.", {
	    { 15, "90", "age.subject" } } },
	/* An age set off after a person. */
	{ "The patient, 95, was admitted", {
	    { 13, "95", "age.appos" } } },
	{ "Mrs. Quillon, 94, presents with", {
	    { 14, "94", "age.appos" } } },
	{ "a woman, 91, with CHF", {
	    { 9, "91", "age.appos" } } },
	{ "The pt , 96 , lives alone", {
	    { 9, "96", "age.appos" } } },
	{ "a gentleman,102, ambulates", {
	    { 12, "102", "age.appos" } } },
	{ "Mr. Pellow (93) presents", {
	    { 12, "93", "age.appos" } } },
	{ "Miss Drexa ( 90 ) and", {
	    { 13, "90", "age.appos" } } },
	/* The folded view. */
	{ "a \xef\xbc\x99\xef\xbc\x92 y/o", {
	    { 2, "92", "age.years" } } },
	{ "a 92\xe2\x80\x93year\xe2\x80\x93old", {
	    { 2, "92", "age.years" } } },
	{ "aged\xc2\xa0" "97", {
	    { 5, "97", "age.label" } } },
	/* Other decimal digits and HTML references, through the view. */
	{ "a \xD9\xA9\xD9\xA2-year-old woman", {
	    { 2, "92", "age.years" } } },
	{ "Age:&nbsp;9&#x37;", {
	    { 5, "97", "age.label" } } },
	/* Leading zero, long s, across the 64-byte blocks of the scan. */
	{ "pt is 092 y/o", {
	    { 6, "092", "age.years" } } },
	{ "in hi\xC5\xBF 90s", {
	    { 8, "90s", "age.decade" } } },
	{ "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    " a 95 F with", {
	    { 63, "95", "age.sex" } } },
};

/* Values with no AGE span at all. */
static const char *const negatives[] = {
	"age 89",
	"85 y/o",
	"a 89-year-old",
	"in his 80s",
	"in her 70s",
	"121 years old",
	"130 y/o",
	"age 135",
	"age 92 days",
	"aged 95 weeks",
	"over 90 years old",
	"for 95 years",
	"92 years ago",
	"92 years later",
	"within 90 years",
	"BP 92/60",
	"HR 95",
	"95%",
	"0.92 years",
	"1992 yo",
	"T 98 F",
	"Temp 99 F",
	"98.6 F",
	"sats in the 90s",
	"BP in the 90s",
	"in the 1990s",
	"in his 9s",
	"in her 95s",
	"age 9",
	"ages 90-95",
	"ninety",
	"a 92",
	"page 92",
	"stage 95",
	"92 y/o/",
	"x92 yo",
	"100 yards",
	"85-92 y/o",
	"94 yox",
	"She is 89.",
	"She is 121.",
	"Pain is 9.",
	"HR is 92.",
	"Sat is 95, was 90",
	"PT is 92.",
	"Pt was 92, then 88",
	"She is 92%.",
	"She is 92 on RA.",
	"She is\n\n92.",
	"HR is 92 and regular.",
	"She is 95 kg.",
	"he is 90 minutes late",
	"She is 92.5",
	"sheis 92.",
	"the is 95.",
	"She is 9200.",
	/* Numbers near the new forms that are not ages. */
	"room 95",
	"92 mg",
	"O2 sat 94%",
	"Pain 9/10",
	"95th percentile",
	"was 92 mg/dL",
	"She was 92% on room air",
	"Her son was 95 lbs at birth",
	"Her mother was 88.",
	"Dad was 95, then 97 in bed.",
	"Jason was 92.",
	"Her husband's sat was 92.",
	"page 93",
	"at 09:30 and 10:45",
	"seen 03/12/92",
	"nonagenarian",
	"the 92 year mark",
	"a 92 y/o/",
	"92y3",
	"age 92m",
	"aged ninety days",
	"Age: 89M",
	"age at death: 89",
	"aged eighty-nine",
	"She was 89.",
	"She was 121.",
	"Glucose was 95.",
	"Her sat was 92.",
	"PT was 92.",
	"She was 92 on RA.",
	"She was 92 yesterday",
	"He was 95 last week",
	"Patient was 95 when ambulating",
	"She is 92 when lying",
	"He was 92, 94 on recheck",
	"Pt was 95, now 90",
	"Mr. Vantrell is 88.",
	"Mr. Vantrell is 130.",
	"Mr. Vantrell is 95 kg.",
	"Mrs. Quillon was 92% on RA",
	"Dr. Pellow is 92.",
	"mr. vantrell is 92.",
	"The patient, 85, was",
	"The patient, 130, was",
	"The patient, 95, 96, 97",
	"patients, 95, were seen",
	"HR 92, 95, 97",
	"The patient, 95.",
	"The patient (95) was",
	"Mrs. Quillon (95 kg)",
	"Mr. Pellow (92%)",
	"Mr. Pellow, 89, was",
	"a woman, 91 kg, with",
	"fireman, 95, and",
	/* Readings after or before a vital sign's word. */
	"O2 sat: he was 90.",
	"Pulse oximetry checked; she was 92.",
	"Sats dropped; she was 90.",
	"When walking she was 90.",
	"Pt was 92 and placed on 2L NC.",
	"He was 91 and tachycardic.",
	"She was 93 and comfortable on room air.",
	"She was 92, saturating well.",
	"Sats in the patient, 92, then 94.",
	"Desaturated to 88; the woman, 93, then 95",
};

static void
test_cases(void)
{
	recog_check_at_cases(cases, sizeof(cases) / sizeof(cases[0]), PHI_AGE);
}

static void
test_negatives(void)
{
	recog_check_none(negatives, sizeof(negatives) / sizeof(negatives[0]));
}

/* An explicit "years old" scores above the bare sex shorthand. */
static void
test_scores(void)
{
	recog_check_ranked("a 92 year old", "a 92 F");
}

static CU_TestInfo tests[] = {
	{ "surface forms", test_cases },
	{ "not ages", test_negatives },
	{ "scores", test_scores },
	{ "empty", recog_check_empty },
	{ "fini NULL", recog_check_fini_null },
	CU_TEST_INFO_NULL
};

int
main(void)
{
	return recog_check_main("ages", &recognizer_ages, tests);
}
