/* test_address.c - the address recognizer: ADDRESS and ZIP spans. */
#include <string.h>

#include "harness.h"
#include "phitype.h"
#include "recog_check.h"
#include "recognizer.h"
#include "spans.h"

#define A PHI_ADDRESS
#define Z PHI_ZIP

static const struct recog_in_case cases[] = {
	/* Number, name, suffix. */
	{ "lives at 48 Quillfeather Ln with wife",
	    { { "48 Quillfeather Ln", A } } },
	{ "Address: 1902 Brambleton Avenue", { { "1902 Brambleton Avenue",
	    A } } },
	{ "mail to 7 Sorrel Way.", { { "7 Sorrel Way", A } } },
	{ "home: 3310 Old Kettle Creek Rd", { { "3310 Old Kettle Creek Rd",
	    A } } },
	{ "612 Wexmoor Blvd.", { { "612 Wexmoor Blvd.", A } } },
	{ "at 90 Tamsin Court today", { { "90 Tamsin Court", A } } },
	{ "4410 Larkspur Terrace", { { "4410 Larkspur Terrace", A } } },
	{ "88 Halloway Pkwy", { { "88 Halloway Pkwy", A } } },
	{ "55 O'Dwyer Pl", { { "55 O'Dwyer Pl", A } } },
	{ "21 McAlester-Finch Dr", { { "21 McAlester-Finch Dr", A } } },
	/* Directionals and ordinals. */
	{ "1200 N Fennick St", { { "1200 N Fennick St", A } } },
	{ "1200 North Fennick Street", { { "1200 North Fennick Street",
	    A } } },
	{ "45 SE Orrin Ave", { { "45 SE Orrin Ave", A } } },
	{ "310 Galeford Rd NW", { { "310 Galeford Rd NW", A } } },
	{ "17 W 43rd St", { { "17 W 43rd St", A } } },
	{ "230 5th Ave", { { "230 5th Ave", A } } },
	{ "12B Quarry Ln", { { "12B Quarry Ln", A } } },
	{ "102-14 Tobin Blvd", { { "102-14 Tobin Blvd", A } } },
	/* Units inside the span. */
	{ "77 Pellham St, Apt 4B", { { "77 Pellham St, Apt 4B", A } } },
	{ "77 Pellham St Apt. 12", { { "77 Pellham St Apt. 12", A } } },
	{ "9 Corliss Ave Unit 25 ", { { "9 Corliss Ave Unit 25", A } } },
	{ "500 Marrow Blvd, Suite 300", { { "500 Marrow Blvd, Suite 300",
	    A } } },
	{ "14 Dunmore Rd #5", { { "14 Dunmore Rd #5", A } } },
	{ "14 Dunmore Rd, Fl 2", { { "14 Dunmore Rd, Fl 2", A } } },
	{ "14 Dunmore Rd Bldg 3, Apt 7", { { "14 Dunmore Rd Bldg 3, Apt 7",
	    A } } },
	/* PO boxes and routes. */
	{ "PO Box 4417", { { "PO Box 4417", A } } },
	{ "P.O. Box 88, Ardmore", { { "P.O. Box 88", A } } },
	{ "send to p.o. box 12", { { "p.o. box 12", A } } },
	{ "Post Office Box 902", { { "Post Office Box 902", A } } },
	{ "4420 State Route 9", { { "4420 State Route 9", A } } },
	{ "150 Highway 61", { { "150 Highway 61", A } } },
	{ "Suite 210 on the left", { { "Suite 210", A } } },
	/* ZIP after a state, a label or a street. */
	{ "Tolland, CT 06084", { { "06084", Z } } },
	{ "Bexley, OH 43209-1141", { { "43209-1141", Z } } },
	{ "Marlow NH 03456", { { "03456", Z } } },
	{ "Gresham, Oregon 97030", { { "97030", Z } } },
	{ "Lanesboro, New York 13421", { { "13421", Z } } },
	{ "zip code: 30331", { { "30331", Z } } },
	{ "ZIP 30331-2210", { { "30331-2210", Z } } },
	{ "zip is 55401", { { "55401", Z } } },
	{ "4410 Larkspur Terrace\nEdgemont, MN 55412",
	    { { "4410 Larkspur Terrace", A }, { "55412", Z } } },
	{ "38 Hollis Ct, Brantley 35023", { { "38 Hollis Ct", A },
	    { "35023", Z } } },
	{ "38 Hollis Ct\n   Brantley 35023", { { "38 Hollis Ct", A },
	    { "35023", Z } } },
	{ "at 6 Wick Ln, Tamworth, AL 35023 (Coosa County)",
	    { { "6 Wick Ln", A }, { "35023", Z } } },
	{ "PO Box 21, Harlan, KY 40831", { { "PO Box 21", A },
	    { "40831", Z } } },
	/* Folded view: a non-breaking space. */
	{ "81\xc2\xa0" "Fenwood Rd", { { "81 Fenwood Rd", A } } },
	/* The title "Dr" is not a street suffix. */
	{ "on 3 West Dr. Haskell saw her", { { NULL, A } } },
	{ "bed 12 Ortho Dr Haskell", { { NULL, A } } },
	{ "12 Kestrel Dr. Ames, IA 50010", { { "12 Kestrel Dr.", A },
	    { "50010", Z } } },
	{ "12 Kestrel Dr, Ames", { { "12 Kestrel Dr", A } } },
	/* Not addresses. */
	{ "saw Dr. Haskell", { { NULL, A } } },
	{ "2 Tylenol Tabs", { { NULL, A } } },
	{ "grade 3 Chest CT", { { NULL, A } } },
	{ "Head CT 3 View", { { NULL, A } } },
	{ "level 1 Trauma Center", { { NULL, A } } },
	{ "6 Minute Walk test", { { NULL, A } } },
	{ "01/02/2020 Main St", { { NULL, A } } },
	{ "3.5 Oak St", { { NULL, A } } },
	{ "walked 2 blocks on the street", { { NULL, A } } },
	{ "Unit 5 bed 12", { { NULL, A } } },
	/* 5-digit numbers without ZIP context. */
	{ "WBC 12000, platelets 25000", { { NULL, Z } } },
	{ "MRN 55412", { { NULL, Z } } },
	{ "lot 90210 expires", { { NULL, Z } } },
	{ "CA 19-9 was 35000", { { NULL, Z } } },
	{ "Hgb A1C IN 12345", { { NULL, Z } } },
	{ "", { { NULL, A } } },
	/*
	 * Where the scan looks: states of several words or after a comma
	 * alone, route words further on, labels in any case, long s
	 * (U+017F), which PCRE2 folds to 's' (the value is then scanned
	 * whole), and lines.
	 */
	{ "Albany, New York 12207", { { "12207", Z } } },
	{ "Boston,MA 02139", { { "02139", Z } } },
	{ "Ames, District of Columbia 20001", { { "20001", Z } } },
	{ "Ames,  IA   50010-1234", { { "50010-1234", Z } } },
	{ "Ames, Ia 50010", { { NULL, Z } } },
	{ "4 Farm to Market Road 1960", { { "4 Farm to Market Road 1960",
	    A } } },
	{ "12 State Route 9 north", { { "12 State Route 9", A } } },
	{ "PO BOX 4471", { { "PO BOX 4471", A } } },
	{ "P.O.B. 77", { { "P.O.B. 77", A } } },
	{ "post office box 9", { { "post office box 9", A } } },
	{ "post op day 2; 5 mg PO daily", { { NULL, A } } },
	{ "\xc5\xbftaying at 4 Rua Azul, then", { { "4 Rua Azul", A } } },
	{ "mailing address 80 Via Roma;", { { "80 Via Roma", A } } },
	{ "ZIPCODE 02139", { { "02139", Z } } },
	{ "SUITE 12B", { { "SUITE 12B", A } } },
	{ "40 Larkin Dr, Ames, IA 50010", { { "40 Larkin Dr", A },
	    { "50010", Z } } },
	{ "12 Oak St\n02139", { { "12 Oak St", A } } },
	{ "77 Pellham St\nAmes, IA 50010", { { "77 Pellham St", A },
	    { "50010", Z } } },
	/* Streets written number last, at a line's start or after "at". */
	{ "17 Rua das Flores 230\nApt. 5", { { "17 Rua das Flores 230\n"
	    "Apt. 5", A } } },
	{ "> 402 Tervakatu 19\n> Suite 8", { { "402 Tervakatu 19\n> Suite 8",
	    A } } },
	{ "drops you off at 5521 Osterweg 14 St.", { { "5521 Osterweg 14",
	    A } } },
	{ "Letter to 310 4 Kestrel Avenue, Ames", { { "310 4 Kestrel Avenue",
	    A } } },
	{ "lives at 88 ul. Kwiatowa 12, Lodzin", { { "88 ul. Kwiatowa 12",
	    A } } },
	{ "meet at Kestrel Co, 0896 41 Harlow Street, Ames", { { "0896 41 "
	    "Harlow Street", A } } },
	{ "unit apt. 169 upstairs", { { "apt. 169", A } } },
	/* Military and diplomatic mail. */
	{ "PSC 4471, Box 2210\nAPO AE 09123", { { "PSC 4471, Box 2210\n"
	    "APO AE 09123", A } } },
	{ "send to Unit 3321 Box 88\nDPO AP 96521.", { { "Unit 3321 Box 88\n"
	    "DPO AP 96521", A } } },
	{ "USNS Kestrel\nFPO AA 34021", { { "USNS Kestrel\nFPO AA 34021",
	    A } } },
	/* Foreign postcodes after a label. */
	{ "ZIP: 4821", { { "4821", Z } } },
	{ "postal code 123 45", { { "123 45", Z } } },
	/* The rest of an address block: units, city, region, postcode. */
	{ "at 71 Vornhaugen 12 Apt. 3\nBrellstad\n, KV\n Norvania 4417",
	    { { "71 Vornhaugen 12 Apt. 3\nBrellstad\n, KV\n Norvania 4417",
	    A } } },
	{ "to 9 Quill Road\n Suite 40\n MARLOWEN\n Tesmark 55120? Thanks",
	    { { "9 Quill Road\n Suite 40\n MARLOWEN\n Tesmark 55120", A } } },
	{ "at 5 Rua Lenta 8 Suite 2 Pordamar Velloria last night",
	    { { "5 Rua Lenta 8 Suite 2", A } } },
	{ "at 5 Rua Lenta 8 Suite 2 Pordamar Velloria.", { { "5 Rua Lenta 8 "
	    "Suite 2 Pordamar Velloria", A } } },
	{ "in 40 Kestrelgatan 7 Apt. 9, Vellby, nan 123 45 after lunch",
	    { { "40 Kestrelgatan 7 Apt. 9, Vellby, nan 123 45", A } } },
	{ "> 12 Orrin Vej 3\n> Apt. 2\n> marsk\n> tesmark 7712",
	    { { "12 Orrin Vej 3\n> Apt. 2\n> marsk\n> tesmark 7712", A } } },
	{ "3 Elm Road\nK1X 2B7", { { "3 Elm Road\nK1X 2B7", A } } },
	{ "Apt. 4 7 Vellstigen 22\nBRANHOLT nan 340 12", { { "Apt. 4 7 "
	    "Vellstigen 22\nBRANHOLT nan 340 12", A } } },
	{ "22 Pellow Street\n\n Norvania 40112", { { "22 Pellow Street\n\n"
	    " Norvania 40112", A } } },
	/* What ends a block: labels, sentences, US city and state, dates. */
	{ "12 Oak St\nPhone: 555", { { "12 Oak St", A } } },
	{ "12 Oak St\nFollow up in two weeks", { { "12 Oak St", A } } },
	{ "12 Oak St\nDr. Vell saw her", { { "12 Oak St", A } } },
	{ "12 Oak St, Ames, IA 50010", { { "12 Oak St", A },
	    { "50010", Z } } },
	{ "12 Oak St\n\nPatient Name", { { "12 Oak St", A } } },
	{ "on 12 May 2022\nKestrel Clinic\n4 Elm Road", { { "12 May 2022",
	    A }, { "4 Elm Road", A } } },
	/* Postcodes after a label. */
	{ "my zip code is 880", { { "880", Z } } },
	{ "ZIP: 12345-678", { { "12345-678", Z } } },
	{ "ZIP: 4417 KV", { { "4417 KV", Z } } },
	{ "postal code K1X 2B7", { { "K1X 2B7", Z } } },
	{ "zip 4,5 mmol", { { NULL, Z } } },
	/* Streets named first, number last, with no house number first. */
	{ "stop at Rua Tavora 50, then left", { { "Rua Tavora 50", A } } },
	{ "Via dei Tessali 17", { { "Via dei Tessali 17", A } } },
	{ "the bus is on Vorden Strasse 89", { { "Vorden Strasse 89",
	    A } } },
	{ "Kestrelgasse 19", { { "Kestrelgasse 19", A } } },
	{ "Dr Tavi lives at Kestrelgasse 19", { { "Kestrelgasse 19", A } } },
	{ "Quellvej 4, Apt 2", { { "Quellvej 4, Apt 2", A } } },
	{ "ul. Lipowa 3a", { { "ul. Lipowa 3a", A } } },
	{ "C/ Mayor Alto 88", { { "C/ Mayor Alto 88", A } } },
	{ "enter on Tavi u. 15. the first", { { "Tavi u. 15.", A } } },
	{ "at 4417 Rua Vinte e Tres de Maio 120 St.", { { "4417 Rua Vinte "
	    "e Tres de Maio 120", A } } },
	/* A number, then a street word first and no number after. */
	{ "76 4 rue des Tessali", { { "76 4 rue des Tessali", A } } },
	{ "33 avenue de Quellmont", { { "33 avenue de Quellmont", A } } },
	{ "at 9 Via Orto Alto, then", { { "9 Via Orto Alto", A } } },
	{ "2613 avenida verde 1 suite 463, velmora", { { "2613 avenida verde "
	    "1 suite 463", A } } },
	{ "on 2 via NG tube, 3 times", { { NULL, A } } },
	{ "at 5521 119 Quellin Close", { { "5521 119 Quellin Close",
	    A } } },
	/* Two streets at a corner. */
	{ "stop at the corner of Kestrelgasse 7 St. and Tamber Mall St.",
	    { { "the corner of Kestrelgasse 7 St. and Tamber Mall St.",
	    A } } },
	{ "Corner of ul. Lipowa 4 and Quell Road, then left", { { "Corner of "
	    "ul. Lipowa 4 and Quell Road", A } } },
	{ "lesion at the corner of her mouth and lips", { { NULL, A } } },
	{ "the corner of the eye and Upper Lid", { { NULL, A } } },
	/* A street's name alone, after "on" or "at", ending in a suffix. */
	{ "Per the pharmacy on Main St., refills due", { { "Main St.",
	    A } } },
	{ "Walks at Elm Avenue daily", { { "Elm Avenue", A } } },
	{ "lives on Kestrel Road.", { { "Kestrel Road", A } } },
	{ "At Old Quarry Ridge Lane, then", { { "Old Quarry Ridge Lane",
	    A } } },
	{ "crash on 5th Ave, no LOC", { { "5th Ave", A } } },
	{ "on Vell Dr\nDr. Tamsin saw her", { { "Vell Dr", A } } },
	{ "Placed on Foley catheter", { { NULL, A } } },
	{ "Seen at St. Mary's", { { NULL, A } } },
	{ "at St. Mary's Hospital", { { NULL, A } } },
	{ "On The Way", { { NULL, A } } },
	{ "at Mercy Dr. Lee saw her", { { NULL, A } } },
	{ "on Dr. Smith's service", { { NULL, A } } },
	{ "on Heparin Drip", { { NULL, A } } },
	{ "at home on Main", { { NULL, A } } },
	{ "on main street", { { NULL, A } } },
	{ "moon Kestrel Road", { { NULL, A } } },
	{ "on Kestrel Roadside", { { NULL, A } } },
	/* The cue may end the line above the street, not two lines up. */
	{ "lives on\nKestrel Road.", { { "Kestrel Road", A } } },
	{ "lives on \r\n  Tamber Lane daily", { { "Tamber Lane", A } } },
	{ "met at\nElm Avenue", { { "Elm Avenue", A } } },
	{ "lives on\n\nKestrel Road.", { { NULL, A } } },
	{ "Placed on\nFoley catheter", { { NULL, A } } },
	{ "went on\nThe Way", { { NULL, A } } },
	{ "on\nmain street", { { NULL, A } } },
	/* Numbers in clinical lines are no streets. */
	{ "Via PEG 2 cans daily", { { NULL, A } } },
	{ "BP 120/80, HR 88, Dr Hollweg 3 times", { { NULL, A } } },
	{ "Grade 3 Para 2", { { NULL, A } } },
	{ "He is 120 over 80.", { { NULL, A } } },
	{ "Pain is 7 out of 10.", { { NULL, A } } },
	{ "2 Norco 5/325 q6h", { { NULL, A } } },
	{ "Gravida 3 para 2\n", { { NULL, A } } },
	{ "x 3 days then 2 daily", { { NULL, A } } },
	{ "Unit 5 bed 12 on 4 West", { { NULL, A } } },
};

static void
test_cases(void)
{
	recog_check_in_cases(cases, sizeof(cases) / sizeof(cases[0]));
}

/* Exact offsets, scores and recognizer names. */
static void
test_offsets(void)
{
	const struct span *sp;

	sp = recog_check_first(
	    "Pt at 48 Quillfeather Ln, Apt 2\n"
	    "Edgemont, MN 55412-0099.", 2);
	CU_ASSERT_EQUAL(sp->start, 6);
	CU_ASSERT_EQUAL(sp->end, 31);
	CU_ASSERT_EQUAL(sp->type, PHI_ADDRESS);
	CU_ASSERT_STRING_EQUAL(sp->recognizer, "address.street");
	CU_ASSERT_DOUBLE_EQUAL(sp->score, 0.85, 0.001);
	sp = spans_get(recog_check_spans(), 1);
	CU_ASSERT_EQUAL(sp->start, 45);
	CU_ASSERT_EQUAL(sp->end, 55);
	CU_ASSERT_EQUAL(sp->type, PHI_ZIP);
	CU_ASSERT_DOUBLE_EQUAL(sp->score, 0.9, 0.001);

	sp = recog_check_first("Per the pharmacy on Main St., refills", 1);
	CU_ASSERT_EQUAL(sp->start, 20);
	CU_ASSERT_EQUAL(sp->end, 28);
	CU_ASSERT_STRING_EQUAL(sp->recognizer, "address.street_name");
	CU_ASSERT_DOUBLE_EQUAL(sp->score, 0.7, 0.001);

	sp = recog_check_first("PO Box 77", 1);
	CU_ASSERT_EQUAL(sp->start, 0);
	CU_ASSERT_EQUAL(sp->end, 9);
	CU_ASSERT_STRING_EQUAL(sp->recognizer, "address.pobox");

	/* Full-width digits are three bytes each in the view too. */
	sp = recog_check_first(
	    "zip \xef\xbc\x90\xef\xbc\x92\xef\xbc\x91"
	    "\xef\xbc\x93\xef\xbc\x99", 1);
	CU_ASSERT_EQUAL(sp->start, 4);
	CU_ASSERT_EQUAL(sp->end, 9);
	CU_ASSERT_EQUAL(sp->type, PHI_ZIP);
}

static CU_TestInfo tests[] = {
	{ "table of cases", test_cases },
	{ "offsets and scores", test_offsets },
	{ "init and fini", recog_check_lifecycle },
	CU_TEST_INFO_NULL
};

int
main(void)
{
	return recog_check_main("address", &recognizer_address, tests);
}
