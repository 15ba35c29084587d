/*
 * namewords.c - clinical words that look like names: eponyms, the
 * words that follow an eponym, capitalised clinical words and brands,
 * and the endings of drug names.
 *
 * The eponyms listed are the surnames seen mostly as eponyms in notes;
 * common surnames and given names that are also eponyms (Murphy, Bell,
 * Graves, Allen) are left out: the word after them ("sign", "palsy",
 * "disease") is what marks those.
 */
#include <string.h>
#include <strings.h>

#include "err.h"
#include "namewords.h"

static const char eponyms[] =
    "addison adson alzheimer apgar argyll asperger babinski bartholin"
    " blumberg braden brudzinski brugada buerger burkitt chadwick charcot"
    " cheyne chiari chvostek colles coombs crohn crohns cushing doppler"
    " dupuytren duchenne ehlers epley ewing fallot finkelstein foley"
    " folstein friedreich gleason glasgow gram guillain hallpike"
    " hashimoto heimlich hickman hirschsprung hodgkin hodgkins holter"
    " homan homans horner huntington kaposi karnofsky kawasaki kehr"
    " kernig korotkoff korsakoff kussmaul lachman lasegue lhermitte"
    " lisfranc lyme mallampati marfan mcburney mcmurray meckel meniere"
    " mobitz monteggia morse neer nissen osler paget pap papanicolaou"
    " parkinson parkinsons pfannenstiel phalen prehn raynaud reye rinne"
    " romberg rovsing roux schatzki seldinger sjogren snellen spurling"
    " tinel tinetti tourette trendelenburg trousseau valsalva virchow"
    " wenckebach wernicke whipple wilms zenker zollinger caprini centor"
    " ranson killip barthel braxton hicks bence leopold ortolani"
    " mcroberts kegel kerley kleihauer betke modic";

static const char heads[] =
    "disease diseases syndrome sign signs test tests testing scale"
    " scales score scores scoring catheter catheters maneuver maneuvers"
    " manoeuvre reflex criteria classification fracture palsy phenomenon"
    " procedure operation stain position lymphoma sarcoma tumor tumour"
    " disorder ulcer ulcers node nodes cyst esophagus triad stockings"
    " index method technique repair incision drain drains tube shunt"
    " valve filter cells bodies nodule nodules murmur ligament rule"
    " rules equation formula hernia anomaly malformation deformity"
    " contracture neuroma neuralgia aneurysm staging grade grading"
    " questionnaire inventory exam examination fall coma chorea"
    " dementia encephalopathy pouch negative positive contractions"
    " sheath bundle capsule canal duct gland glands glasses block"
    " line lines bag needle forceps cannula pump sling";

static const char clinical[] =
    "abd ext hgb plt tele sat sats neuro resp psych cardio gyn peds ortho"
    " derm onc heme endo uro nephro pulm meds labs vitals hosp pts"
    " lasix coumadin eliquis xarelto pradaxa plavix brilinta lipitor"
    " crestor zocor norvasc toprol lopressor coreg entresto imdur"
    " bumex aldactone keppra dilantin depakote lamictal tegretol"
    " topamax neurontin lyrica zoloft prozac lexapro celexa paxil"
    " wellbutrin effexor cymbalta remeron ativan xanax klonopin valium"
    " restoril ambien seroquel haldol zyprexa risperdal abilify"
    " tylenol motrin advil aleve percocet vicodin norco dilaudid"
    " oxycontin narcan zofran reglan phenergan protonix nexium"
    " prilosec pepcid colace senokot miralax dulcolax lantus humalog"
    " novolog levemir tresiba januvia jardiance farxiga ozempic"
    " trulicity victoza mounjaro synthroid flomax proscar augmentin"
    " keflex cipro levaquin zithromax bactrim flagyl zosyn rocephin"
    " diflucan tamiflu paxlovid benadryl claritin zyrtec allegra"
    " flonase singulair proventil ventolin spiriva advair symbicort"
    " breo trelegy medrol decadron solumedrol lovenox kayexalate"
    " aricept namenda sinemet requip mirapex humira enbrel remicade"
    " stelara keytruda opdivo herceptin avastin rituxan gleevec"
    " arimidex femara lupron epogen procrit neupogen neulasta"
    " glucerna pedialyte nicorette chantix suboxone vivitrol narcan"
    " depo provera mirena nexplanon tdap gardasil prevnar pneumovax"
    " shingrix pyxis epic cerner accucheck accuchecks glucometer"
    " dexcom omnipod bipap cpap picc vicryl prolene monocryl"
    " german french italian russian chinese japanese korean polish"
    " dutch swedish danish norwegian finnish greek irish scottish"
    " welsh british american canadian mexican african asian european"
    " hispanic latino latina caucasian jewish muslim christian"
    " lutheran baptist methodist episcopal pentecostal adventist"
    " catholic protestant arabic hindi portuguese vietnamese czech"
    " filipino haitian somali cuban creole mandarin cantonese"
    " princess prince queen lord lady duke duchess toyota honda nissan"
    " subaru hyundai mazda lexus acura volkswagen chevrolet chevy"
    " medtronic aetna cigna humana etoh appt appts tmrw snf poa mva adls"
    " iadls";

/* Endings of generic drug names, and the shortest word each fits. */
static const struct {
	const char *end;
	unsigned char len;	/* strlen(end) */
	unsigned char min;
} drug_ends[] = {
	{ "pril", 4, 7 }, { "olol", 4, 7 }, { "alol", 4, 7 },
	{ "statin", 6, 9 }, { "sartan", 6, 9 }, { "mab", 3, 7 },
	{ "tinib", 5, 8 }, { "dipine", 6, 9 }, { "azole", 5, 8 },
	{ "cillin", 6, 9 }, { "mycin", 5, 8 }, { "micin", 5, 8 },
	{ "floxacin", 8, 10 }, { "cycline", 7, 9 }, { "prazole", 7, 10 },
	{ "tidine", 6, 9 }, { "parin", 5, 7 }, { "xaban", 5, 8 },
	{ "gatran", 6, 9 }, { "gliptin", 7, 10 }, { "glutide", 7, 10 },
	{ "gliflozin", 9, 12 }, { "glitazone", 9, 12 }, { "triptan", 7, 10 },
	{ "setron", 6, 9 }, { "lukast", 6, 9 }, { "terol", 5, 9 },
	{ "tropium", 7, 10 }, { "olone", 5, 9 }, { "asone", 5, 9 },
	{ "azepam", 6, 9 }, { "zolam", 5, 8 }, { "barbital", 8, 11 },
	{ "caine", 5, 9 }, { "profen", 6, 9 }, { "fenac", 5, 9 },
	{ "semide", 6, 9 }, { "thiazide", 8, 11 }, { "codone", 6, 9 },
	{ "apine", 5, 9 }, { "idone", 5, 9 }, { "oxetine", 7, 10 },
	{ "traline", 7, 10 }, { "faxine", 6, 9 }, { "pramine", 7, 10 },
	{ "triptyline", 10, 12 }, { "lamide", 6, 9 }, { "oxone", 5, 9 },
	{ "gestrel", 7, 10 }, { "dronate", 7, 10 }, { "ciclovir", 8, 9 },
	{ "clovir", 6, 9 }, { "fovir", 5, 9 }, { "navir", 5, 9 },
	{ "previr", 6, 9 }, { "buvir", 5, 9 }, { "tegravir", 8, 10 },
	{ "plase", 5, 9 }, { "zumab", 5, 9 }, { "ximab", 5, 9 },
	{ "cept", 4, 9 }, { "sonide", 6, 9 }, { "metasone", 8, 11 },
	{ "nisolone", 8, 11 }, { "sulfa", 5, 9 }, { "amycin", 6, 9 },
	{ "oxacin", 6, 9 }, { "ondansetron", 11, 11 }
};

/* Endings of medical terms, for words no lexicon knows. */
static const struct {
	const char *end;
	unsigned char len;	/* strlen(end) */
	unsigned char min;
} medical_ends[] = {
	{ "itis", 4, 7 }, { "osis", 4, 7 }, { "emia", 4, 7 }, { "aemia", 5, 8 },
	{ "pathy", 5, 8 }, { "ectomy", 6, 8 }, { "otomy", 5, 8 },
	{ "ostomy", 6, 8 }, { "plasty", 6, 8 }, { "scopy", 5, 8 },
	{ "graphy", 6, 8 }, { "gram", 4, 8 }, { "algia", 5, 7 },
	{ "monas", 5, 8 }, { "coccus", 6, 8 }, { "cocci", 5, 8 },
	{ "bacter", 6, 8 }, { "plasia", 6, 8 }, { "trophy", 6, 8 },
	{ "megaly", 6, 8 }, { "uria", 4, 7 }, { "penia", 5, 7 },
	{ "cytosis", 7, 9 }, { "lysis", 5, 8 }, { "ing", 3, 7 },
	{ "ate", 3, 8 }, { "ide", 3, 8 }, { "sepsis", 6, 7 }, { "oma", 3, 8 },
	{ "emic", 4, 7 }, { "otic", 4, 7 }, { "ular", 4, 7 }, { "ase", 3, 7 }
};

/* Endings of surnames (patronymics and the like), by language. */
static const struct {
	const char *end;
	unsigned char len;	/* strlen(end) */
	unsigned char min;
} surname_ends[] = {
	{ "ov", 2, 5 }, { "ev", 2, 5 }, { "ova", 3, 6 }, { "eva", 3, 6 },
	{ "ovich", 5, 7 }, { "evich", 5, 7 }, { "ovna", 4, 7 },
	{ "evna", 4, 7 }, { "ski", 3, 6 }, { "ska", 3, 6 }, { "sky", 3, 6 },
	{ "czyk", 4, 6 }, { "wicz", 4, 6 }, { "enko", 4, 6 }, { "yan", 3, 6 },
	{ "sson", 4, 6 }, { "ssen", 4, 6 }, { "dottir", 6, 8 },
	{ "poulos", 6, 8 }, { "akis", 4, 6 }, { "escu", 4, 6 },
	{ "ovic", 4, 6 }, { "evic", 4, 6 }, { "shvili", 6, 8 },
	{ "adze", 4, 6 }, { "idze", 4, 6 }, { "uk", 2, 6 }, { "yk", 2, 6 },
	{ "ishi", 4, 6 }, { "moto", 4, 6 }, { "mura", 4, 6 }, { "yama", 4, 6 },
	{ "kawa", 4, 6 }, { "oglu", 4, 6 }, { "zadeh", 5, 7 },
	{ "stein", 5, 7 }, { "mann", 4, 6 }, { "berg", 4, 6 },
	{ "quist", 5, 7 }, { "strom", 5, 7 }, { "inen", 4, 6 },
	{ "anen", 4, 6 }, { "nen", 3, 6 }
};

/* Whether w (n bytes) ends with one of the k endings of ends. */
static int
ends_with(const char *w, size_t n, const char *end, size_t e, size_t min)
{
	size_t k;

	if (n < min || n < e)
		return 0;
	for (k = 0; k < e; k++)
		if ((w[n - e + k] | 0x20) != end[k])
			return 0;
	return 1;
}

int
namewords_medical(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(medical_ends) / sizeof(medical_ends[0]); i++)
		if (ends_with(w, n, medical_ends[i].end, medical_ends[i].len,
		    medical_ends[i].min))
			return 1;
	return 0;
}

int
namewords_surname(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(surname_ends) / sizeof(surname_ends[0]); i++)
		if (ends_with(w, n, surname_ends[i].end, surname_ends[i].len,
		    surname_ends[i].min))
			return 1;
	return 0;
}

/* Whether every ending's len is its length: the tables are typed in. */
static int
ends_consistent(void)
{
	size_t i;

	for (i = 0; i < sizeof(drug_ends) / sizeof(drug_ends[0]); i++)
		if (strlen(drug_ends[i].end) != drug_ends[i].len)
			return 0;
	for (i = 0; i < sizeof(medical_ends) / sizeof(medical_ends[0]); i++)
		if (strlen(medical_ends[i].end) != medical_ends[i].len)
			return 0;
	for (i = 0; i < sizeof(surname_ends) / sizeof(surname_ends[0]); i++)
		if (strlen(surname_ends[i].end) != surname_ends[i].len)
			return 0;
	return 1;
}

int
namewords_fill(struct wordtab *t, unsigned shift)
{
	int rc;

	if (!ends_consistent())
		return ERR_INTERNAL;
	rc = wordtab_add_split(t, eponyms, ' ', NAMEWORDS_EPONYM << shift);
	if (rc == 0)
		rc = wordtab_add_split(t, heads, ' ', NAMEWORDS_HEAD << shift);
	if (rc == 0)
		rc = wordtab_add_split(t, clinical, ' ',
		    NAMEWORDS_CLINICAL << shift);
	return rc;
}

int
namewords_month(const char *w, size_t n)
{
	static const char *const months[] = {
		"jan", "january", "feb", "february", "mar", "march", "apr",
		"april", "may", "jun", "june", "jul", "july", "aug", "august",
		"sep", "sept", "september", "oct", "october", "nov", "november",
		"dec", "december"
	};
	size_t i;

	for (i = 0; i < sizeof(months) / sizeof(months[0]); i++)
		if (strlen(months[i]) == n && strncasecmp(w, months[i], n) == 0)
			return 1;
	return 0;
}

int
namewords_drug(const char *w, size_t n)
{
	size_t i;

	if (n < 5)
		return 0;
	for (i = 0; i < sizeof(drug_ends) / sizeof(drug_ends[0]); i++)
		if (ends_with(w, n, drug_ends[i].end, drug_ends[i].len,
		    drug_ends[i].min))
			return 1;
	return 0;
}
