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
	unsigned char min;
} drug_ends[] = {
	{ "pril", 7 }, { "olol", 7 }, { "alol", 7 }, { "statin", 9 },
	{ "sartan", 9 }, { "mab", 7 }, { "tinib", 8 }, { "dipine", 9 },
	{ "azole", 8 }, { "cillin", 9 }, { "mycin", 8 }, { "micin", 8 },
	{ "floxacin", 10 }, { "cycline", 9 }, { "prazole", 10 },
	{ "tidine", 9 }, { "parin", 7 }, { "xaban", 8 }, { "gatran", 9 },
	{ "gliptin", 10 }, { "glutide", 10 }, { "gliflozin", 12 },
	{ "glitazone", 12 }, { "triptan", 10 }, { "setron", 9 },
	{ "lukast", 9 }, { "terol", 9 }, { "tropium", 10 }, { "olone", 9 },
	{ "asone", 9 }, { "azepam", 9 }, { "zolam", 8 }, { "barbital", 11 },
	{ "caine", 9 }, { "profen", 9 }, { "fenac", 9 }, { "semide", 9 },
	{ "thiazide", 11 }, { "codone", 9 }, { "apine", 9 },
	{ "idone", 9 }, { "oxetine", 10 }, { "traline", 10 },
	{ "faxine", 9 }, { "pramine", 10 }, { "triptyline", 12 },
	{ "lamide", 9 }, { "oxone", 9 }, { "gestrel", 10 }, { "dronate", 10 },
	{ "ciclovir", 9 }, { "clovir", 9 }, { "fovir", 9 }, { "navir", 9 },
	{ "previr", 9 }, { "buvir", 9 }, { "tegravir", 10 }, { "plase", 9 },
	{ "zumab", 9 }, { "ximab", 9 }, { "cept", 9 }, { "sonide", 9 },
	{ "metasone", 11 }, { "nisolone", 11 }, { "sulfa", 9 },
	{ "amycin", 9 }, { "oxacin", 9 }, { "ondansetron", 11 }
};

/* Endings of medical terms, for words no lexicon knows. */
static const struct {
	const char *end;
	unsigned char min;
} medical_ends[] = {
	{ "itis", 7 }, { "osis", 7 }, { "emia", 7 }, { "aemia", 8 },
	{ "pathy", 8 }, { "ectomy", 8 }, { "otomy", 8 }, { "ostomy", 8 },
	{ "plasty", 8 }, { "scopy", 8 }, { "graphy", 8 }, { "gram", 8 },
	{ "algia", 7 }, { "monas", 8 }, { "coccus", 8 }, { "cocci", 8 },
	{ "bacter", 8 }, { "plasia", 8 }, { "trophy", 8 }, { "megaly", 8 },
	{ "uria", 7 }, { "penia", 7 }, { "cytosis", 9 }, { "lysis", 8 },
	{ "ing", 7 }, { "ate", 8 }, { "ide", 8 }, { "sepsis", 7 },
	{ "oma", 8 }, { "emic", 7 }, { "otic", 7 }, { "ular", 7 },
	{ "ase", 7 }
};

/* Endings of surnames (patronymics and the like), by language. */
static const struct {
	const char *end;
	unsigned char min;
} surname_ends[] = {
	{ "ov", 5 }, { "ev", 5 }, { "ova", 6 }, { "eva", 6 }, { "ovich", 7 },
	{ "evich", 7 }, { "ovna", 7 }, { "evna", 7 }, { "ski", 6 },
	{ "ska", 6 }, { "sky", 6 }, { "czyk", 6 }, { "wicz", 6 },
	{ "enko", 6 }, { "yan", 6 }, { "sson", 6 }, { "ssen", 6 },
	{ "dottir", 8 }, { "poulos", 8 }, { "akis", 6 }, { "escu", 6 },
	{ "ovic", 6 }, { "evic", 6 }, { "shvili", 8 }, { "adze", 6 },
	{ "idze", 6 }, { "uk", 6 }, { "yk", 6 }, { "ishi", 6 },
	{ "moto", 6 }, { "mura", 6 }, { "yama", 6 }, { "kawa", 6 },
	{ "oglu", 6 }, { "zadeh", 7 }, { "stein", 7 }, { "mann", 6 },
	{ "berg", 6 }, { "quist", 7 }, { "strom", 7 }, { "inen", 6 },
	{ "anen", 6 }, { "nen", 6 }
};

/* Whether w (n bytes) ends with one of the k endings of ends. */
static int
ends_with(const char *w, size_t n, const char *end, size_t min)
{
	size_t e = strlen(end), k;

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
		if (ends_with(w, n, medical_ends[i].end, medical_ends[i].min))
			return 1;
	return 0;
}

int
namewords_surname(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(surname_ends) / sizeof(surname_ends[0]); i++)
		if (ends_with(w, n, surname_ends[i].end, surname_ends[i].min))
			return 1;
	return 0;
}

int
namewords_fill(struct wordtab *t, unsigned shift)
{
	int rc;

	rc = wordtab_add_split(t, eponyms, ' ', NAMEWORDS_EPONYM << shift);
	if (rc == 0)
		rc = wordtab_add_split(t, heads, ' ', NAMEWORDS_HEAD << shift);
	if (rc == 0)
		rc = wordtab_add_split(t, clinical, ' ',
		    NAMEWORDS_CLINICAL << shift);
	return rc;
}

int
namewords_drug(const char *w, size_t n)
{
	size_t i;

	if (n < 5)
		return 0;
	for (i = 0; i < sizeof(drug_ends) / sizeof(drug_ends[0]); i++)
		if (ends_with(w, n, drug_ends[i].end, drug_ends[i].min))
			return 1;
	return 0;
}
