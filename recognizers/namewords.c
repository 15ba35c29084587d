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
#include <pthread.h>
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

/* One ending of a kind of word, and the shortest word it fits. */
struct ending {
	const char *end;	/* lower-case ASCII letters */
	unsigned char len;	/* strlen(end) */
	unsigned char min;
};

/* Endings of generic drug names, and the shortest word each fits. */
static const struct ending drug_ends[] = {
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
static const struct ending medical_ends[] = {
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
static const struct ending surname_ends[] = {
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

/* The months' names and abbreviations, with their lengths. */
static const struct {
	const char *w;
	unsigned char n;	/* strlen(w) */
} months[] = {
	{ "jan", 3 }, { "january", 7 }, { "feb", 3 }, { "february", 8 },
	{ "mar", 3 }, { "march", 5 }, { "apr", 3 }, { "april", 5 },
	{ "may", 3 }, { "jun", 3 }, { "june", 4 }, { "jul", 3 },
	{ "july", 4 }, { "aug", 3 }, { "august", 6 }, { "sep", 3 },
	{ "sept", 4 }, { "september", 9 }, { "oct", 3 }, { "october", 7 },
	{ "nov", 3 }, { "november", 8 }, { "dec", 3 }, { "december", 8 }
};

#define NDRUG		(sizeof(drug_ends) / sizeof(drug_ends[0]))
#define NMEDICAL	(sizeof(medical_ends) / sizeof(medical_ends[0]))
#define NSURNAME	(sizeof(surname_ends) / sizeof(surname_ends[0]))

/*
 * An ending table's entries grouped by their last letter, so that a word
 * is compared only with the endings that end as it does (a word ending
 * in "n" meets 17 drug endings, not 68).
 */
struct ends_index {
	uint8_t order[NDRUG];	/* entry numbers, by last letter */
	uint8_t first[27];	/* per letter a..z, its first in order */
};

_Static_assert(NMEDICAL <= NDRUG && NSURNAME <= NDRUG,
    "ends_index.order holds the largest table");

static struct ends_index drug_index, medical_index, surname_index;
static pthread_once_t index_once = PTHREAD_ONCE_INIT;

/* Group the n entries of t (n <= NDRUG) by last letter into *x. */
static void
index_table(const struct ending *t, size_t n, struct ends_index *x)
{
	size_t i, c, k = 0;

	for (c = 0; c < 26; c++) {
		x->first[c] = (uint8_t)k;
		for (i = 0; i < n; i++)
			if ((unsigned char)t[i].end[t[i].len - 1] == 'a' + c)
				x->order[k++] = (uint8_t)i;
	}
	x->first[26] = (uint8_t)k;
}

static void
index_all(void)
{
	index_table(drug_ends, NDRUG, &drug_index);
	index_table(medical_ends, NMEDICAL, &medical_index);
	index_table(surname_ends, NSURNAME, &surname_index);
}

/* Whether w (n bytes) ends with the ending e, in a word that long. */
static int
ends_with(const char *w, size_t n, const struct ending *e)
{
	size_t k;

	if (n < e->min || n < e->len)
		return 0;
	for (k = 0; k < e->len; k++)
		if ((w[n - e->len + k] | 0x20) != e->end[k])
			return 0;
	return 1;
}

/*
 * Whether w (n bytes) ends with one of the endings of t, indexed by x.
 * Every ending is lower-case letters (ends_consistent), so a word whose
 * last byte folds to no letter a..z ends with none of them.
 */
static int
ends_any(const struct ending *t, const struct ends_index *x, const char *w,
    size_t n)
{
	unsigned c;
	size_t i;

	if (n == 0 || pthread_once(&index_once, index_all) != 0)
		return 0;
	c = (unsigned)((unsigned char)w[n - 1] | 0x20) - 'a';
	if (c >= 26)
		return 0;
	for (i = x->first[c]; i < x->first[c + 1]; i++)
		if (ends_with(w, n, &t[x->order[i]]))
			return 1;
	return 0;
}

int
namewords_medical(const char *w, size_t n)
{
	return ends_any(medical_ends, &medical_index, w, n);
}

int
namewords_surname(const char *w, size_t n)
{
	return ends_any(surname_ends, &surname_index, w, n);
}

/* Whether e's len is its length and it is lower-case letters only. */
static int
ending_ok(const struct ending *e)
{
	size_t k;

	if (e->len == 0 || strlen(e->end) != e->len)
		return 0;
	for (k = 0; k < e->len; k++)
		if (e->end[k] < 'a' || e->end[k] > 'z')
			return 0;
	return 1;
}

/*
 * Whether every ending is typed in as ends_any() needs it, and every
 * month's length is right.
 */
static int
ends_consistent(void)
{
	size_t i;

	for (i = 0; i < NDRUG; i++)
		if (!ending_ok(&drug_ends[i]))
			return 0;
	for (i = 0; i < NMEDICAL; i++)
		if (!ending_ok(&medical_ends[i]))
			return 0;
	for (i = 0; i < NSURNAME; i++)
		if (!ending_ok(&surname_ends[i]))
			return 0;
	for (i = 0; i < sizeof(months) / sizeof(months[0]); i++)
		if (strlen(months[i].w) != months[i].n)
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
	size_t i;

	/* the length and first letter rule out most before a comparison */
	for (i = 0; i < sizeof(months) / sizeof(months[0]); i++)
		if (months[i].n == n && months[i].w[0] == (w[0] | 0x20) &&
		    strncasecmp(w, months[i].w, n) == 0)
			return 1;
	return 0;
}

int
namewords_drug(const char *w, size_t n)
{
	if (n < 5)
		return 0;
	return ends_any(drug_ends, &drug_index, w, n);
}
