/* test_names.c - the names recognizer: NAME spans from context. */
#include <string.h>

#include "harness.h"
#include "phitype.h"
#include "recog_check.h"
#include "recognizer.h"
#include "spans.h"

static const struct recog_str_case cases[] = {
	/* After titles; the title stays outside. */
	{ "Seen by Dr. Orla Quenby today", { "Orla Quenby" } },
	{ "Dr Quenby agrees", { "Quenby" } },
	{ "Ms. Vantreece is a 70 yo", { "Vantreece" } },
	{ "Mrs. Edda Lorimer-Hask reports", { "Edda Lorimer-Hask" } },
	{ "Mr. Tobiah J. Marchetti was seen", { "Tobiah J. Marchetti" } },
	{ "Prof. Ilse van Damme spoke", { "Ilse van Damme" } },
	{ "asked Mr. Rafe O'Dowd about it", { "Rafe O'Dowd" } },
	{ "per Dr. McAllister", { "McAllister" } },
	{ "DR. WENDELL OSGOOD", { "WENDELL OSGOOD" } },
	{ "Nurse Pell gave meds", { "Pell" } },
	{ "Miss Dunleavy called", { "Dunleavy" } },
	{ "Dr.\xc2\xa0Orla Quenby", { "Orla Quenby" } },
	{ "Maria de la Fuente-Osei, MD", { "Maria de la Fuente-Osei" } },
	/* A possessive 's stays outside. */
	{ "Dr. Quenby's note", { "Quenby" } },
	{ "per Ms. Orla Quenby's daughter", { "Orla Quenby" } },
	/* Stop at common words, departments and columns. */
	{ "Dr. Quenby Called back", { "Quenby" } },
	{ "Dr. Lee Cardiology consult", { "Lee" } },
	{ "Attending: Dr. Orla Quenby      PCP: Tam Ruskin, NP",
	    { "Orla Quenby", "Tam Ruskin" } },
	{ "Dr. Quenby\nPlan: rest", { "Quenby" } },
	{ "Dr. Quenby May 5", { "Quenby" } },
	/* Credentials after the name. */
	{ "Orla Quenby, MD", { "Orla Quenby" } },
	{ "Electronically signed: Orla Quenby, MD 11/19/2022",
	    { "Orla Quenby" } },
	{ "Tam Ruskin, MSW, LICSW  pager 555", { "Tam Ruskin" } },
	{ "Routed to Bea Ostrander, PA-C for review", { "Bea Ostrander" } },
	{ "Bea Ostrander RN", { "Bea Ostrander" } },
	{ "J. Ostrander, RN", { "J. Ostrander" } },
	{ "-- J. Ostrander, RN", { "J. Ostrander" } },
	{ "Caspar Lindqvist, PT, DPT", { "Caspar Lindqvist" } },
	{ "Taken by: RN Caspar Lindqvist", { "Caspar Lindqvist" } },
	{ "ED RN Caspar Lindqvist", { "Caspar Lindqvist" } },
	/* Labels. */
	{ "Patient: Wilda Fenstermacher", { "Wilda Fenstermacher" } },
	{ "Patient Name: Fenstermacher, Wilda R.        MRN 123",
	    { "Fenstermacher, Wilda R." } },
	{ "Re: Fenstermacher, Wilda (MRN: 1)", { "Fenstermacher, Wilda" } },
	{ "PATIENT: WILDA FENSTERMACHER", { "WILDA FENSTERMACHER" } },
	{ "Pt name: Wilda Fenstermacher\n", { "Wilda Fenstermacher" } },
	{ "PCP: Dr. Ruskin", { "Ruskin" } },
	{ "Registered by: Nell Achterberg\n", { "Nell Achterberg" } },
	{ "Dictated by: Nell Achterberg", { "Nell Achterberg" } },
	{ "Caller: Bo Achterberg (husband)", { "Bo Achterberg" } },
	{ "Emergency contact: Bo Achterberg", { "Bo Achterberg" } },
	{ "cc: Tam Ruskin", { "Tam Ruskin" } },
	{ "Emergency Contact 2: Bo Achterberg", { "Bo Achterberg" } },
	{ "Ordering provider: Tam Ruskin", { "Tam Ruskin" } },
	{ "Guarantor: ACHTERBERG, NELL", { "ACHTERBERG, NELL" } },
	{ "Dear Dr. Ruskin,", { "Ruskin" } },
	/* Verbs and relatives. */
	{ "spoke with Ione Brackett by phone", { "Ione Brackett" } },
	{ "discussed with Ione Brackett", { "Ione Brackett" } },
	{ "lives with daughter Suvi and son Pekka", { "Suvi", "Pekka" } },
	{ "Supports: father Anselm Voight 555-0100", { "Anselm Voight" } },
	{ "her sister, Maren, visited", { "Maren" } },
	{ "SOCIAL: Niece Tove Halvorsen", { "Tove Halvorsen" } },
	{ "father of baby Anselm Voight present", { "Anselm Voight" } },
	{ "Infant named Wren Voight; ok", { "Wren Voight" } },
	{ "Hi, this is Wren Voight calling", { "Wren Voight" } },
	{ "I'm Not Sure", { NULL } },
	{ "S: Dagny Voight reports cough", { "Dagny Voight" } },
	{ "a 55yo female, Dagny V., admitted", { "Dagny V." } },
	{ "a male patient, Orrin Tull, who smokes", { "Orrin Tull" } },
	{ "statins for Orrin Tull, a 67-year-old", { "Orrin Tull" } },
	{ "like Orrin Tull (DOB 1/2/1950)", { "Orrin Tull" } },
	{ "Nurse Practitioner Hedda Voss saw him", { "Hedda Voss" } },
	{ "daughters Linnea and Saga visited", { "Linnea", "Saga" } },
	{ "Patient: QUIST, HALVARD K\nDOB", { "QUIST, HALVARD K" } },
	{ "Patient Ida Moss is 80", { "Ida Moss" } },
	/* A place word first is a surname; after a name, a place. */
	{ "Mr. Park was seen", { "Park" } },
	{ "Dr. Jun Park, MD", { "Jun Park" } },
	{ "Dr. Page and Dr. May", { "Page", "May" } },
	{ "sent to Tamber Park Clinic", { NULL } },
	/* A name found once is found again. */
	{ "Ms. Vantreece is here. Vantreece denies pain.",
	    { "Vantreece", "Vantreece" } },
	/* Not names. */
	{ "Dr. appointment tomorrow", { NULL } },
	{ "Nurse Practitioner visit", { NULL } },
	{ "Boston, MA 02139", { NULL } },
	{ "lives in Baltimore, MD", { NULL } },
	{ "hx of CAD, HTN, MS", { NULL } },
	{ "referred to Kestrel Valley Hospital", { NULL } },
	{ "Patient: Alert and oriented", { NULL } },
	{ "Vitamin D. level low", { NULL } },
	{ "Hepatitis B, chronic", { NULL } },
	{ "son was at bedside", { NULL } },
	{ "- Metoprolol Succinate 50 mg", { NULL } },
	{ "Patient reports pain", { NULL } },
	{ "DO NOT resuscitate", { NULL } },
	{ "Patient Education Provided By Staff", { NULL } },
	{ "Called Lab re: Hemolyzed Sample", { NULL } },
	{ "", { NULL } },
	/* Where the triggers are tried: spacing, line starts, odd bytes. */
	{ "Dr.   Orla Quenby", { "Orla Quenby" } },
	{ "Dr.    Quenby", { "Quenby" } },
	{ "Seen by Dr.\tOrla Quenby", { "Orla Quenby" } },
	{ "\xc3\xa9" "Dr. Quenby", { NULL } },
	{ "x\n  -- Tam Ruskin", { "Tam Ruskin" } },
	{ "x\r\nRe: Fenstermacher, Wilda\r\n", { "Fenstermacher, Wilda" } },
	{ "Caller to: Bo Achterberg", { "Bo Achterberg" } },
	{ "to achterberg", { NULL } },
	{ "Tam Ruskin,   MD", { "Tam Ruskin" } },
	{ "Bea Ostrander, M.D., PhD", { "Bea Ostrander" } },
	{ "a.k.a. Wren Voight", { "Wren Voight" } },
	/* Initials before the surname are part of the name. */
	{ "Attending: J.R. Accrington", { "J.R. Accrington" } },
	{ "Seen by Dr. J.R.R. Accrington.", { "J.R.R. Accrington" } },
	{ "Spoke with J R Accrington today.", { "J R Accrington" } },
	{ "Seen by J. R. R. Quenby today.", { "J. R. R. Quenby" } },
	{ "J.R. Quenby, MD", { "J.R. Quenby" } },
	{ "Attending: \xc3\x89.R. Quenby", { "\xc3\x89.R. Quenby" } },
	{ "Attending: U.S.A. Team", { NULL } },
	{ "Nell Achterberg (daughter) called", { "Nell Achterberg" } },
	{ "the nurse (self) Tam Ruskin (self)", { "Tam Ruskin" } },
	{ "Orrin Tull's chart reviewed", { "Orrin Tull" } },
	{ "Lisa R., aged 50", { "Lisa R." } },
	{ "daughters Linnea & Saga", { "Linnea", "Saga" } },
	/* A long s matches "s" in caseless patterns. */
	{ "lives with \xc5\xbfon Pekka", { "Pekka" } },
	/* Repeats: hyphens, non-ASCII letters, the next line. */
	{ "Mrs. Edda Lorimer-Hask here. Lorimer-Hask agrees.",
	    { "Edda Lorimer-Hask", "Lorimer-Hask" } },
	{ "Dr. Zo\xc3\xab Ahl saw her; Zo\xc3\xab Ahl agrees.",
	    { "Zo\xc3\xab Ahl", "Zo\xc3\xab Ahl" } },
	{ "Orla Quenby, MD\nQuenby", { "Orla Quenby", "Quenby" } },
	/* One line break after a cue, or between first and last name. */
	{ "Seen by Dr.\nQuillby today", { "Quillby" } },
	{ "Patient: Adaeze\nQuillby", { "Adaeze\nQuillby" } },
	{ "Patient:\n  Adaeze Quillby", { "Adaeze Quillby" } },
	{ "His wife\nAdaeze visited", { "Adaeze" } },
	{ "seen by\nDr. Orvane", { "Orvane" } },
	{ "Spoke with\r\nTamsin Orvane", { "Tamsin Orvane" } },
	{ "Mrs. Tamsin\nOrvane agrees", { "Tamsin\nOrvane" } },
	{ "Patient: Ida\nAllergies: none", { "Ida" } },
	{ "Dr. Quenby\nTransferred to floor", { "Quenby" } },
	{ "12 Oak Dr.\nWillowmere", { NULL } },
	{ "Attending:\nPlan of care reviewed", { NULL } },
	{ "his wife\nDenies alcohol", { NULL } },
	/* Particles first after a title: one span. */
	{ "Ms. de la Vega agrees", { "de la Vega" } },
	{ "Mr. van der Quist was seen", { "van der Quist" } },
	{ "per Dr. ten Orvane", { "ten Orvane" } },
	{ "She named him Tobiah", { "Tobiah" } },
	/* Lower-case names after "name is", "call me"; found again. */
	{ "her maiden name is quillby", { "quillby" } },
	{ "my name is odile quill but they call me odile",
	    { "odile quill", "odile" } },
	{ "the name is not known", { NULL } },
	/* The speakers of a dialogue; not the labels of a note. */
	{ "Orvane: What a day it was.\nTamsin: Remember me, Orvane?",
	    { "Orvane", "Tamsin", "Orvane" } },
	{ "Neuro: Alert and oriented x3.\nPsych: Calm and answers.",
	    { NULL } },
	/* Members of a list of names, in the names' case. */
	{ "Founders: Orvane, Lisa and Hale.", { "Orvane", "Lisa", "Hale" } },
	{ "they had 4: odile, henry, walter and joseph.",
	    { "odile", "henry", "walter", "joseph" } },
	/* Names called to. */
	{ "Quillby, can I please see the chart?", { "Quillby" } },
	{ "Don't go to town yet, Mark!", { "Mark" } },
	{ "However, can we wait?", { NULL } },
	/* Lower case: a name before a verb of a person or "his". */
	{ "cormac had given us his keys", { "cormac" } },
	{ "the rose had wilted", { NULL } },
	{ "our iban is on file", { NULL } },
	{ "Is it so? Brandt and White were engineers.", { "Brandt", "White" } },
	{ "Dr. Lee, Park Avenue", { "Lee" } },
	/* A generational suffix joins the name; "Sr." before one does not. */
	{ "was called Kevin Orvane II, and", { "Kevin Orvane II" } },
	{ "Ilse Orvane, Sr. Mary Quill", { "Ilse Orvane", "Mary Quill" } },
	/* Capitals in mixed-case text after a cue, when the lexicon backs
	   them: a given name and a surname. */
	{ "Pt ROSALIND PETERKIN presented to ED 2/3/22.",
	    { "ROSALIND PETERKIN" } },
	{ "Spoke with ROSALIND PETERKIN by phone.", { "ROSALIND PETERKIN" } },
	{ "Lives with daughter ROSALIND PETERKIN who helps.",
	    { "ROSALIND PETERKIN" } },
	{ "He said ROSALIND PETERKIN presented to ED.",
	    { "ROSALIND PETERKIN" } },
	{ "Pt NPO after midnight.", { NULL } },
	{ "Pt JUNE APRIL visits.", { NULL } },
	{ "Pt DNR DNI confirmed.", { NULL } },
	{ "Patient MAY HAVE fever.", { NULL } },
	/* Lower case after a relative, a title or "seen by": a given name,
	   or after "his wife" or a title a word in no list. */
	{ "spoke with his wife adaeze on phone", { "adaeze" } },
	{ "Patient seen by nurse rosalind quill today.",
	    { "rosalind quill" } },
	{ "Patient seen by dr okafor today.", { "okafor" } },
	{ "Spoke with rosalind about the plan.", { "rosalind" } },
	{ "Then his daughter may visit tomorrow.", { NULL } },
	{ "Patient seen by nurse practitioner today.", { NULL } },
	{ "Then nurse drew blood at 0600.", { NULL } },
	{ "Called cvs for refill.", { NULL } },
	{ "Called grace lutheran church for the chaplain.", { NULL } },
	{ "Will call his daughter tmrw.", { NULL } },
};

/* Names found by the lexicons and the text's case, with no cue. */
static const struct recog_str_case lexicon_cases[] = {
	/* A given name and a surname, or an unknown capitalised word. */
	{ "Yesterday Marguerite Okonkwo brought the forms",
	    { "Marguerite Okonkwo" } },
	{ "The forms came from Tobias Grunwald this week",
	    { "Tobias Grunwald" } },
	{ "Marguerite Okonkwo lives near the lake", { "Marguerite Okonkwo" } },
	{ "Why is Rosalind so quiet today?", { "Rosalind" } },
	{ "The visit with Gertrude went well", { "Gertrude" } },
	{ "Forms from Ximena Z. Oyelaran arrived",
	    { "Ximena Z. Oyelaran" } },
	/* After a name and an initial, a common word is the surname. */
	{ "we need to add Tobiah P Capon as guardian",
	    { "Tobiah P Capon" } },
	/* Hyphens, apostrophes, particles, non-ASCII letters. */
	{ "Forms sent to Delphine Arceneaux-Whitby today",
	    { "Delphine Arceneaux-Whitby" } },
	{ "Paperwork from Siobhan O'Rourke arrived", { "Siobhan O'Rourke" } },
	{ "A letter from Pieter van der Linde arrived",
	    { "Pieter van der Linde" } },
	{ "The song by Ingrid \xc3\x85kesson was played",
	    { "Ingrid \xc3\x85kesson" } },
	{ "Forms for Gertrude's sister", { "Gertrude" } },
	/* Unknown words, by what stands around them. */
	{ "Quillon said the forms were late", { "Quillon" } },
	{ "We met Brisco Tavanui's brother", { "Brisco Tavanui" } },
	{ "Zhevrako lives near the lake", { "Zhevrako" } },
	{ "the song, says Ardelio Vantrasse, is old",
	    { "Ardelio Vantrasse" } },
	{ "Dear team,\nOrvalle Quintrex\n12 Sample Road",
	    { "Orvalle Quintrex" } },
	{ "Gertrude: where were you?\nOskarina: at home.", { "Gertrude" } },
	/* Names in no list, found by their context. */
	{ "Seen by Dr. Nwosu-Lindqvist today", { "Nwosu-Lindqvist" } },
	{ "lives with his wife Chiamaka and two dogs", { "Chiamaka" } },
	{ "Discussed with Hope Abernathy, daughter", { "Hope Abernathy" } },
	/* Lists of names. */
	{ "Visitors today were Imogen, Barnaby and Thaddeus.",
	    { "Imogen", "Barnaby", "Thaddeus" } },
	/* Notes written in capitals, or without any. */
	{ "FOLLOW UP WITH ROSALIND PETERKIN NEXT WEEK. BP STABLE.",
	    { "ROSALIND PETERKIN" } },
	{ "SEEN TODAY. WIFE MARGARET AT BEDSIDE, DR OKONKWO AWARE.",
	    { "MARGARET", "OKONKWO" } },
	{ "seen today. wife margaret at bedside, dr okonkwo aware.",
	    { "margaret", "okonkwo" } },
	{ "will call back, left word for gerald vukovich about the bill",
	    { "gerald vukovich" } },
	{ "per family, rosalind vukovich will visit", { "rosalind vukovich" } },
	/* "Last, First" with no cue, at a line's or a sentence's start. */
	{ "Brown, John presented with cough.", { "Brown, John" } },
	{ "PETERKIN, ROSALIND K seen in clinic.", { "PETERKIN, ROSALIND K" } },
	{ "Quillby, Rosalind", { "Quillby, Rosalind" } },
	{ "Seen today. Brown, John.", { "Brown, John" } },
	/* A given name and a surname alone, however common the words. */
	{ "John Brown", { "John Brown" } },
	{ "JOHN BROWN", { "JOHN BROWN" } },
	/* A given name before a verb of calling. */
	{ "Grace called back about the forms.", { "Grace" } },
	/* "O'" names with the apostrophe dropped, after a title */
	{ "Seen by Dr. OBrannagh today.", { "OBrannagh" } },
	/* one surname in capitals after "Pt" */
	{ "Pt GARCIA c/o chest pain.", { "GARCIA" } },
	{ "Patient: JOHNSON", { "JOHNSON" } },
	/* ... and on the next line, but not two lines down */
	{ "Pt\nGARCIA c/o chest pain.", { "GARCIA" } },
	{ "Patient:\r\n  JOHNSON seen", { "JOHNSON" } },
	{ "Pt \n GARCIA", { "GARCIA" } },
	{ "Pt\n\nGARCIA c/o chest pain.", { NULL } },
	{ "Pt\nNPO after midnight.", { NULL } },
	{ "Pt\nSTABLE overnight.", { NULL } },
	/* Two Title-case words: a common given name and surname. */
	{ "John Brown seen today.", { "John Brown" } },
	{ "Seen today: Mary Johnson at noon.", { "Mary Johnson" } },
	/* A given name before a surname found alone (Ada a medical word). */
	{ "Seen today: Ada Quillbyn at noon.", { "Ada Quillbyn" } },
	/*
	 * A nickname or a given name that is a word before a capitalised
	 * word that is not ("Aberdare" the dictionary has only capitalised)
	 * reads as a formal given name would.
	 */
	{ "Met Bob Aberdare.", { "Bob Aberdare" } },
	{ "Contact Bob Accrington today.", { "Bob Accrington" } },
	{ "Family: Wilda Quenby and Bob Accrington.",
	    { "Wilda Quenby", "Bob Accrington" } },
	{ "Bob Aberdare called today.", { "Bob Aberdare" } },
	{ "Met Bill Aberdare.", { "Bill Aberdare" } },
	{ "Met Jim Aberdare.", { "Jim Aberdare" } },
	{ "Met Tom Accrington.", { "Tom Accrington" } },
	{ "Met Dick Accrington.", { "Dick Accrington" } },
	{ "Met Pat Aberdare.", { "Pat Aberdare" } },
	{ "Met Sue Aberdare.", { "Sue Aberdare" } },
	{ "Met Kate Accrington.", { "Kate Accrington" } },
	{ "Met Liz Accrington.", { "Liz Accrington" } },
	{ "Met Ted Aberdare.", { "Ted Aberdare" } },
	{ "Met Jack Aberdare.", { "Jack Aberdare" } },
	{ "Met Hank Accrington.", { "Hank Accrington" } },
	{ "Met Chuck Accrington.", { "Chuck Accrington" } },
	{ "Met Bud Aberdare.", { "Bud Aberdare" } },
	{ "Met Sandy Aberdare.", { "Sandy Aberdare" } },
	{ "Met Rusty Accrington.", { "Rusty Accrington" } },
	{ "Met Chip Accrington.", { "Chip Accrington" } },
	{ "Met Buddy Aberdare.", { "Buddy Aberdare" } },
	{ "Met Bob Quillbyn.", { "Bob Quillbyn" } },
	/* Two initials or more, then a capitalised word that is no word. */
	{ "Contact J. R. R. Accrington today.", { "J. R. R. Accrington" } },
	{ "Contact J. R. Accrington later.", { "J. R. Accrington" } },
	{ "Contact J.R. Accrington later.", { "J.R. Accrington" } },
	{ "Contact J.R.R. Quillbyn later.", { "J.R.R. Quillbyn" } },
	/* A degree's letters glued by dots are no initials. */
	{ "R.N. Orla Quenby notified.", { "Orla Quenby" } },
	{ "Per D.O. Orla Quenby the plan stands.", { "Orla Quenby" } },
};

/* Not names: eponyms, drugs, analytes, words, headings. */
static const char *const lexicon_none[] = {
	"Positive Babinski sign on the left.",
	"GCS 15 per the Glasgow Coma Scale today.",
	"Apgar score 8 and 9.",
	"A Foley catheter was placed.",
	"History of Parkinson's disease and Crohn disease.",
	"Exam: Murphy's sign negative, Romberg negative.",
	"Started Lisinopril and Atorvastatin; continue Xarelto.",
	"LABS: ALT 45, AST 38, BUN 22, Cr 1.1",
	"LABS: ALT 45 AST 38 BUN 22 CREAT 1.1 TBILI 0.4 ALKPHOS 88",
	"Will follow up in clinic. Hope to discharge tomorrow.",
	"Rose from bed without help. Brown sputum noted.",
	"Denies chest pain. Tolerating diet. Ambulating.",
	"ASSESSMENT AND PLAN",
	"Past Medical History: Hypertension",
	"Review Of Systems Negative",
	"He will Mark the site.",
	"Continue O.D. Xalatan nightly.",
	"Timolol O.S. Combigan twice daily.",
	"Latanoprost O.U. Lumigan at bedtime.",
	"the patient will follow up with the clinic in may",
	"Don't stop the medication.",
	"Morse fall risk 45. Mallampati II.",
	"Sagittal T1 and T2 images.",
	"Parking: 2016 Vexmora Altrin, plate 123",
	"She is Russian and speaks Czech.",
	"Tube Snake Boogie was played",
	"Urosepsis resolved; Klebsiella and Pseudomonas grew.",
	"Continue Lisinopril. Ozempic was held.",
	"A1c 7.2, HbA1c trending down, KCl given.",
	"Sent to Tamber Park Clinic",
	"Plan: rest\nDispo: home\nHope: to go home",
	"Address: 12 Elm St, Scranton, PA 18503",
	"Vitamin D Deficiency noted; Hepatitis B Vaccine given.",
	"Primary insurance: Kestrel Mutual    Member ID: 12",
	"Yesterday, Mark presented with cough.",
	"However, Mark presented with cough.",
	"Lasix, Coumadin held.",
	"Grace Period",
	"Summer Session",
	"Bill Amount",
	"Will Call",
	"Mercy called to schedule.",
	"Grace Period applies.",
	"Pt NPO. Pt DNR. Pt STABLE. PT INR 1.2. Pt CHF. Pt MRSA. Pt ICU.",
	"OT eval done. OTs agree. ORIF planned. OxyContin given.",
	"Plan: May Brown stool softener.",
	/* a nickname before a common or medical word is not a name */
	"Pat dry, then apply the cream.",
	"Bill to insurance.",
	"Chip fracture of the left incisor.",
	"Sue the provider? No.",
	"Chip Fracture of the left incisor.",
	"Bill To Insurance",
	"Sue The Provider",
	"Will Medicare cover it?",
	"Bud Light nightly.",
	/* initials of a country or a box, not of a person */
	"Contact U.S. Army today.",
	"Lives in the U.S. with family.",
	"Mail to P.O. Box 12.",
};

static void
test_cases(void)
{
	recog_check_str_cases(cases, sizeof(cases) / sizeof(cases[0]),
	    PHI_NAME);
}

static void
test_lexicon(void)
{
	recog_check_str_cases(lexicon_cases,
	    sizeof(lexicon_cases) / sizeof(lexicon_cases[0]), PHI_NAME);
	recog_check_none(lexicon_none,
	    sizeof(lexicon_none) / sizeof(lexicon_none[0]));
}

/* Exact offsets, scores and recognizer names. */
static void
test_offsets(void)
{
	const struct span *sp;

	sp = recog_check_first("Seen by Dr. Orla Quenby.", 1);
	CU_ASSERT_EQUAL(sp->start, 12);
	CU_ASSERT_EQUAL(sp->end, 23);
	CU_ASSERT_DOUBLE_EQUAL(sp->score, 0.9, 0.001);
	CU_ASSERT_STRING_EQUAL(sp->recognizer, "name.title");

	sp = recog_check_first("x\nTam Ruskin, NP", 1);
	CU_ASSERT_EQUAL(sp->start, 2);
	CU_ASSERT_EQUAL(sp->end, 12);
	CU_ASSERT_STRING_EQUAL(sp->recognizer, "name.credential");

	/* View bytes: "Zoë" is four bytes. */
	sp = recog_check_first("Dr. Zo\xc3\xab Ahl", 1);
	CU_ASSERT_EQUAL(sp->start, 4);
	CU_ASSERT_EQUAL(sp->end, 12);
}

/* A long value: more trigger places than fit on the stack. */
static void
test_long_value(void)
{
	recog_check_repeat("Dr. Orla Quenby, MD; ", 100, 4, 15);
}

static CU_TestInfo tests[] = {
	{ "table of cases", test_cases },
	{ "lexicon evidence", test_lexicon },
	{ "offsets and scores", test_offsets },
	{ "long value", test_long_value },
	{ "init and fini", recog_check_lifecycle },
	CU_TEST_INFO_NULL
};

int
main(void)
{
	return recog_check_main("names", &recognizer_names, tests);
}
