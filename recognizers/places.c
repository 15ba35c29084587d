/*
 * places.c - named facilities and other named places (LOCATION), and
 * through placectx.c cities, counties, states, countries, employers.
 *
 * A place is a run of capitalised words on one line that ends in a
 * facility word ("Hospital", "Medical Center", "Skilled Nursing
 * Facility", "Urgent Care", "Church", "Elementary School" ...), perhaps
 * followed by "of" or "for" and more capitalised words ("Hospital for
 * Special Surgery").  "St."/"Saint" and "Mt."/"Mount" may open it.  The
 * same run in capitals is taken too, and so is a run before a lower-case
 * facility word ("our Kestrel clinic").
 *
 * The run starts after the last word that cannot be part of a name
 * ("The", "Admitted", "She Will Bring Him To"), and it must keep a word
 * of its own: "the Cardiology Clinic" or "Intensive Care Unit" name no
 * particular place and are left alone.  Runs of generic words that
 * proper names are made of ("Memorial Hospital", "County General") are
 * kept with a lower score.  A run followed by a street suffix ("Hospital
 * Rd") is a street, and one followed by "Plan" an insurer.
 *
 * Without a facility word, a capitalised run is a place only after a
 * clinical verb and "at", "to" or "from" ("admitted to Kestrel Crest"),
 * or after a bare "at" when a date or the sentence's end follows; then
 * it needs a word of its own, and an all-caps run after "at" must be
 * followed by "on" or "in" ("at UCSF on 3/4", not "murmur at LUSB.").
 * "St. Agnes's" and "Mount Carmel" on their own are places too, and so
 * is "St. Kestrel" before a unit ("St. Kestrel ICU"); "St. Louis" alone
 * is a city, not taken here.
 *
 * Cities, counties, states, countries and employers are placectx.c's
 * (the lexicons and the words around a name); this family runs it after
 * the facility patterns, on the engine's tokens.
 *
 * Speed: no pattern is run over the whole value.  One pass finds the
 * gate words (head words, the clinical verbs, "at", "St.") and each
 * pattern, anchored with \G, is tried only where a match holding one
 * may start; the matches are those the pattern would find in the whole
 * value.  Word lists are a wordtab, behind a filter of first letters.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "recognizer.h"
#include "placectx.h"
#include "rx.h"
#include "wordtab.h"

#define MAX_RUNS	13	/* blank runs before a phrase's head word */

/*
 * The patterns, in the order they run.  Each is anchored with \G and
 * tried only where its gate says a match may start (see next_match).
 */
enum pat {
	PAT_PHRASE,		/* capitalised words ending in a head */
	PAT_CAPS,		/* the phrase in capitals */
	PAT_LOWER,		/* "the Dallas clinic" */
	PAT_CONTEXT,		/* "seen at Kestrel Crest" */
	PAT_AT,			/* "at Kestrel Crest on" */
	PAT_SAINT,		/* "St. Agnes's", "Mount Carmel" */
	NPAT
};

/*
 * Gate bits of a word in the table (bit PAT_x for its pattern), and the
 * lists it is in.  A head word opens the phrase only when it is
 * capitalised.
 */
enum {
	G_HEAD = 1 << PAT_CAPS,
	G_LOWER = 1 << PAT_LOWER,
	G_CONTEXT = 1 << PAT_CONTEXT,
	G_AT = 1 << PAT_AT,
	G_SAINT = 1 << PAT_SAINT,
	G_ALL = (1 << NPAT) - 1,
	L_GENERIC = 1 << 8,	/* generic_words */
	L_LEAD = 1 << 9,	/* lead_words */
	L_NAMELIKE = 1 << 10	/* namelike_words */
};

/* Byte classes. */
enum {
	BC_ALPHA = 1 << 0,	/* an ASCII letter */
	BC_DIGIT = 1 << 1,	/* an ASCII digit */
	BC_LEAD = 1 << 2,	/* the first byte of a non-ASCII character */
	BC_AT = 1 << 3		/* '@' */
};

struct places {
	struct rx *pat[NPAT];	/* see enum pat; anchored with \G */
	struct rx *phrase;	/* PAT_PHRASE, not anchored */
	struct rx *plan;	/* an insurer's plan: "... Health Plan" */
	struct rx *street;	/* a street suffix right after */
	struct wordtab *tab;	/* gate words and lists */
	struct placectx *ctx;	/* cities, states, employers */
	uint32_t tri[27 * 27];	/* the first letters of gate words */
	unsigned char bc[256];	/* byte classes, BC_* */
};

#define NB "(?<![\\p{L}\\p{N}'.-])"
#define NA "(?![\\p{L}\\p{N}])"
#define SP "[ \\t]{1,2}"

/* A word of a name: "Riverside", "Mary's", "Cedars-Sinai", "St.". */
#define MODWORD \
	"(?:\\p{Lu}[\\p{L}'-]*\\p{L}|\\p{Lu}\\p{Ll}{0,2}\\.|\\p{Lu}" \
	"|\\d{1,3}(?:st|nd|rd|th))"

#define PREFIX "(?:(?:St|Ste|Mt)\\.?|Saint|Sainte|Mount)"

/* Facility and place words; longer forms first. */
#define HEAD \
	"(?:Hospitals?|Hosp\\.?" \
	"|Medical" SP "(?:Center|Centre|Ctr\\.?|Campus|Group|Associates" \
	"|Plaza|Building|Pavilion|Clinic|Offices?|Practice)" \
	"|Med\\.?" SP "(?:Center|Ctr\\.?)" \
	"|Health" SP "(?:Center|Centre|System|Systems|Services|Network" \
	"|Partners|Clinic|Campus|Care)" \
	"|Healthcare|Health|Clinics?|Infirmary|Hospice(?:" SP "House)?" \
	"|Sanatorium|Sanitarium" \
	"|Rehab(?:ilitation)?" SP "(?:Center|Centre|Hospital|Institute" \
	"|Facility|Unit)" \
	"|Nursing" SP "(?:Home|Center|Facility|Unit" \
	"|(?:and|&)" SP "Rehab(?:ilitation)?(?:" SP "Center)?)" \
	"|Skilled" SP "Nursing(?:" SP "(?:Facility|Center|Unit))?" \
	"|Assisted" SP "Living(?:" SP "(?:Facility|Center|Community" \
	"|Residence))?" \
	"|Senior" SP "(?:Living|Center)" \
	"|Retirement" SP "(?:Home|Community|Village|Center)" \
	"|Memory" SP "Care|Care" SP "(?:Center|Centre|Home|Unit|Facility)" \
	"|Transitional" SP "Care(?:" SP "Unit)?|Urgent" SP "Care" \
	"|Surgery" SP "Center|Surgical" SP "(?:Center|Hospital|Institute)" \
	"|Cancer" SP "(?:Center|Institute)|Institute" \
	"|Associates|Physicians|Pediatrics|Orthop(?:a)?edics|Cardiology" \
	"|Internal" SP "Medicine|Family" SP "(?:Medicine|Practice)" \
	"|Behavioral" SP "Health|Mental" SP "Health(?:" SP "Center)?" \
	"|Dialysis(?:" SP "(?:Center|Unit))?|Imaging(?:" SP "Center)?" \
	"|Pharmacy|Manor|(?:Group|Funeral|Rest|Foster)" SP "Home" \
	"|Church|Cathedral|Chapel|Temple|Mosque|Synagogue" \
	"|(?:Elementary|Middle|High)" SP "School|School|Academy|College" \
	"|University|Library|Park|Mall|Airport|Stadium|Arena|YMCA|YWCA" \
	"|Shelter|Motel|Hotel|Inn|Prison|Jail" \
	"|Correctional" SP "(?:Facility|Center|Institution)" \
	"|Detention" SP "Center|(?:Community|Recreation|Fitness" \
	"|Shopping)" SP "Center|Supermarket|Casino|Campground" \
	"|Center|Centre|Unit|House|Home|Facility|Residence|Lodge" \
	"|Pavilion|Memorial|Presbyterian|Methodist|Baptist|General" \
	"|Med(?=" SP "\\p{Ll}|[ \\t]*[,.;)]))" NA

/* Between two words of the name. */
#define JOIN "(?:" SP "(?:(?:and|&)" SP ")?|-)"

/* HEAD is defined once as a subroutine, (?&h), to keep it short. */
static const char phrase_pattern[] =
	"(?(DEFINE)(?<h>" HEAD "))"
	NB "(?:" PREFIX SP ")?"
	"(?:" MODWORD JOIN "){0,6}?"
	"(?&h)(?:" SP "(?&h))*"
	"(?:" SP "(?:of|for)" SP "(?:the" SP ")?" MODWORD
	"(?:" SP "(?:of" SP "(?:the" SP ")?)?" MODWORD "){0,3}"
	"(?!" SP "\\p{Lu}\\.))?";

/* The same in capitals: "KESTREL VALLEY MEDICAL CENTER". */
static const char caps_pattern[] =
	"(?(DEFINE)(?<h>(?i)" HEAD "))"
	NB "(?:(?:ST|STE|MT)\\.?" SP "|SAINT" SP "|MOUNT" SP ")?"
	"(?:\\p{Lu}[\\p{Lu}'-]*\\p{Lu}\\.?" JOIN "){1,6}?"
	"(?&h)(?:" SP "(?&h))*";

/*
 * The gate of the two patterns above: the first word of every
 * alternative of HEAD, in lower case; every match holds one.  Whoever
 * adds a head adds its first word here.
 */
static const char head_gate[] =
	"hospital hospitals hosp medical med health healthcare clinic clinics"
	" infirmary hospice sanatorium sanitarium rehab rehabilitation"
	" nursing skilled assisted senior retirement memory care transitional"
	" urgent surgery surgical cancer institute associates physicians"
	" pediatrics orthopedics orthopaedics cardiology internal family"
	" behavioral mental dialysis imaging pharmacy manor group funeral"
	" rest foster church cathedral chapel temple mosque synagogue"
	" elementary middle high school academy college university library"
	" park mall airport stadium arena ymca ywca shelter motel hotel inn"
	" prison jail correctional detention community recreation fitness"
	" shopping supermarket casino campground center centre unit house"
	" home facility residence lodge pavilion memorial presbyterian"
	" methodist baptist general";

/* "the Dallas clinic", "our Midtown office". */
static const char lower_pattern[] =
	NB "(?:" MODWORD JOIN "){1,4}"
	"(?:(?:downtown|main|satellite|uptown|midtown)" SP ")?"
	"(?:clinic|hospital|facility|office|branch|campus|location"
	"|med(?:ical)?" SP "c(?:en)?t(?:e)?r|health" SP "center"
	"|urgent" SP "care"
	"|nursing" SP "home|rehab)" NA;

/* The first words of the facility words above. */
static const char lower_gate[] =
	"clinic hospital facility office branch campus location med medical"
	" health urgent nursing rehab";

/* Blanks, or one line break with blanks around it. */
#define BREAK "(?:[ \\t]+|[ \\t]*(?:\\r\\n?|\\n)[ \\t]*)"

/*
 * A named place after a clinical verb and "at", "to" or "from": "seen
 * at Kestrel Crest", "born in\nKestrel Crest" (the place may start the
 * next line).  Group 1 the place.
 */
static const char context_pattern[] =
	NB "(?i:seen|treated|admitted|readmitted|presented|presenting"
	"|hospitali[sz]ed|evaluated|examined|assessed|managed|followed"
	"|diagnosed|observed|operated|transferred|discharged|visited"
	"|delivered|born|imaged|tested|checked[ \\t]+in|had[ \\t]+surgery"
	"|surgery|procedure|biopsy|scanned|cared[ \\t]+for|rehabbed"
	"|vaccinated|stayed|resides|residing|reviewed|consulted"
	"|report|notes?|records?|results?|labs?|imaging|referral|consult"
	"|appointment|appt|visit|follow-?up|f/u|admission|stay|care)"
	"(?:[ \\t]+(?:up|again|today|previously|recently|initially|last"
	"|first|on))?[ \\t]+(?:at|to|from|in)" BREAK
	"(?:(?:the|our)[ \\t]+)?"
	"(" MODWORD "(?:" JOIN MODWORD "){0,3})" NA;

/* The first words of the verbs above ("follow" for "follow-up"). */
static const char context_gate[] =
	"seen treated admitted readmitted presented presenting hospitalized"
	" hospitalised evaluated examined assessed managed followed diagnosed"
	" observed operated transferred discharged visited delivered born"
	" imaged tested checked had surgery procedure biopsy scanned cared"
	" rehabbed vaccinated stayed resides residing reviewed consulted"
	" report note notes record records result results lab labs imaging"
	" referral consult appointment appt visit follow followup f admission"
	" stay care";

/* "at Kestrel Crest on 3/4", "@ Kestrel Crest."  Group 1 the place. */
static const char at_pattern[] =
	NB "(?:at|@)[ \\t]+(?:the[ \\t]+)?"
	"(" MODWORD "(?:" JOIN MODWORD "){0,3})" NA
	"(?=[ \\t]*(?:[,.;?)(]|$)|[ \\t]+(?:on|in|for|last|yesterday|today"
	"|since|and|with|where|when|from|until|\\d))";

/*
 * "St. Agnes's", "Mount Carmel", and "St. Kestrel" (one or two words)
 * before a hospital's unit or department: "St. Kestrel ICU bed 4",
 * "Saint Vell Valley ER".  The unit word stays outside the span.
 * Group 1 is set for those.
 */
#define SAINT_UNIT \
	"(?:ICU|NICU|PICU|MICU|SICU|CVICU|CCU|PACU|ER|ED|OR|L&D|[Ww]ards?" \
	"|[Uu]nits?|Hospital|Medical|Emergency|Infirmary|Campus)" \
	"(?![\\p{L}\\p{N}])"

static const char saint_pattern[] =
	NB "(?:(?:(?:St|Ste)\\.?|Saint|Sainte)" SP "\\p{Lu}\\p{Ll}+'s"
	"|(?:Mt\\.?|Mount)" SP "\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?"
	"|((?:St|Ste)\\.?|Saint|Sainte)" SP "\\p{Lu}\\p{Ll}+"
	"(?:" SP "\\p{Lu}\\p{Ll}+)?(?=" SP SAINT_UNIT "))" NA
	"(?![ \\t]+wort)";

static const char saint_gate[] = "st ste saint sainte mt mount";

static const char street_pattern[] =
	"\\G" SP "(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr(?!\\." SP
	"\\p{Lu})|Lane|Ln|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Parkway|Pkwy"
	"|Circle|Cir|Terrace|Ter|Highway|Hwy|Trail|Pike)" NA;

static const char plan_pattern[] =
	"\\G" SP "(?:Plan|Plans|Insurance|Insurer|HMO|PPO|Medicare"
	"|Medicaid|Advantage|Choice|Premier|Network)" NA;

/*
 * Words that name no place on their own: the facility words, kinds of
 * care, specialties, directions and the like.  Lower case.
 */
static const char *const generic_words[] = {
	"&", "24", "a", "abdomen", "abuse", "academy", "acute", "addiction",
	"admission", "admit", "age", "aids", "airport", "alf", "all", "allergy",
	"ambulatory", "an", "and", "anesthesia", "anesthesiology", "ankle",
	"antepartum", "anterior", "anticoagulation", "any", "apex", "apr",
	"april", "arena", "assisted", "associates", "at", "attorney",
	"audiology", "aug", "august", "back", "baptist", "bariatric", "base",
	"baseline", "bases", "bed", "bedside", "bedtime", "behavioral", "birth",
	"birthing", "blood", "bmt", "bone", "border", "brain", "branch",
	"breast", "bronchoscopy", "burn", "campground", "campus", "cancer",
	"cardiac", "cardiology", "cardiothoracic", "cardiovascular", "cards",
	"care", "casino", "cath", "cathedral", "ccu", "center", "central",
	"centre", "chapel", "chemotherapy", "chest", "chf", "child", "children",
	"children's", "childrens", "church", "city", "ckd", "clinic", "clinics",
	"college", "community", "consul", "consult", "consults", "continence",
	"copd", "correctional", "coumadin", "county", "covid", "crisis",
	"critical", "ctr", "ctr.", "cts", "cvicu", "day", "days", "dec",
	"december", "delivery", "dental", "derm", "dermatology", "detention",
	"detox", "device", "diabetes", "dialysis", "discharge", "disease",
	"diseases", "disorders", "distal", "district", "dm", "donor", "down",
	"downtown", "dr", "dr.", "each", "ear", "east", "eastern", "ed",
	"elbow", "electrophysiology", "elementary", "emergency", "end", "endo",
	"endocrine", "endocrinology", "endoscopy", "ent", "ep", "epilepsy",
	"er", "established", "every", "express", "eye", "facility", "failure",
	"fair", "family", "feb", "february", "federal", "fertility", "first",
	"fitness", "floor", "follow-up", "foot", "for", "foster", "fracture",
	"friday", "funeral", "gastroenterology", "general", "geriatric",
	"geriatrics", "gi", "goal", "good", "group", "gynecology", "half",
	"hand", "he", "head", "headache", "health", "healthcare", "hearing",
	"heart", "hematology", "heme", "hepatology", "her", "hf", "high", "hip",
	"his", "hiv", "holding", "home", "hosp", "hosp.", "hospice", "hospital",
	"hospitalist", "hospitals", "hotel", "hour", "hours", "house", "i",
	"icd", "icu", "imaging", "immunization", "immunology", "infectious",
	"infirmary", "infusion", "inn", "inpatient", "inr", "inspector",
	"institute", "intensive", "internal", "interventional", "ir", "irf",
	"it", "jail", "jan", "january", "joint", "jul", "july", "jun", "june",
	"kidney", "kids", "knee", "l&d", "lab", "labor", "laboratory", "last",
	"lateral", "least", "left", "length", "level", "library", "lipid",
	"liver", "living", "location", "lodge", "long", "lower", "ltac",
	"ltach", "lung", "main", "mall", "manor", "mar", "march", "margin",
	"maternity", "may", "md", "med", "med-surg", "med.", "medial",
	"medical", "medical-surgical", "medicine", "memorial", "memory",
	"mental", "methodist", "micu", "middle", "midnight", "midtown",
	"minute", "monday", "month", "months", "mosque", "most", "motel",
	"movement", "my", "national", "neck", "neonatal", "nephrology",
	"network", "neuro", "neurology", "neurosurgery", "neurosurgical", "new",
	"nicu", "night", "no", "none", "noon", "north", "northern", "not",
	"note", "notes", "nov", "november", "nursery", "nursing", "nutrition",
	"ob", "ob/gyn", "obesity", "obs", "observation", "obstetrics",
	"occupational", "oct", "october", "of", "office", "offices", "onc",
	"once", "oncology", "one", "onset", "ophthalmology", "optometry", "or",
	"oral", "ortho", "orthopaedics", "orthopedic", "orthopedics", "osh",
	"ostomy", "otolaryngology", "our", "outpatient", "outside", "pacemaker",
	"pacu", "pain", "palliative", "park", "partners", "pathology",
	"pavilion", "pcp", "peak", "pediatric", "pediatrics", "peds",
	"pharmacy", "physical", "physicians", "picu", "plastic", "plastics",
	"plaza", "podiatry", "poor", "post-op", "posterior", "postop",
	"postpartum", "practice", "pre-op", "preop", "presbyterian",
	"presentation", "primary", "prison", "private", "procedural",
	"progress", "proximal", "psych", "psychiatric", "psychiatry",
	"psychology", "public", "pulm", "pulmonary", "pulmonology", "radiation",
	"recovery", "recreation", "regional", "rehab", "rehabilitation",
	"renal", "report", "residence", "respiratory", "rest", "retirement",
	"return", "rheum", "rheumatology", "right", "risk", "rm", "room",
	"sanatorium", "sanitarium", "satellite", "saturday", "school",
	"secretary", "seizure", "senior", "sep", "sept", "september", "serious",
	"service", "services", "she", "shelter", "shopping", "shoulder", "sicu",
	"site", "skilled", "sleep", "snf", "some", "south", "southern",
	"specialty", "speech", "spine", "sports", "stable", "stadium", "start",
	"state", "step", "step-down", "stepdown", "sternum", "stroke",
	"substance", "summary", "sunday", "supermarket", "surg", "surgeon",
	"surgeries", "surgery", "surgical", "synagogue", "system", "systems",
	"target", "team", "tele", "telemetry", "temple", "term", "terminal",
	"testing", "that", "the", "their", "therapy", "they", "this",
	"thoracic", "three", "thursday", "time", "times", "today", "tower",
	"transitional", "transplant", "trauma", "travel", "treatment", "triage",
	"trough", "tuesday", "two", "unit", "university", "upper", "uptown",
	"urgent", "urology", "va", "vaccine", "vascular", "veterans", "vision",
	"visit", "walk-in", "ward", "warfarin", "we", "wednesday", "week",
	"weeks", "weight", "wellness", "west", "western", "which", "with",
	"women", "women's", "womens", "work", "wound", "wrist", "year", "years",
	"yes", "ymca", "your", "ywca"
};

/* Generic words that proper names of facilities are made of. */
static const char *const namelike_words[] = {
	"baptist", "central", "children's", "childrens", "city",
	"community", "county", "downtown", "general", "memorial",
	"methodist", "midtown", "presbyterian", "regional", "state",
	"university", "uptown", "veterans", "women's"
};

/*
 * Words that are no part of a place's name: the name starts after the
 * last of them ("She Will Bring Him To Kestrel Clinic").  "and", "of",
 * "for" and "the" are trimmed only from the front ("Brigham and Tice
 * Hospital").
 */
static const char *const lead_words[] = {
	"a", "admit", "admitted", "after", "also", "an", "and", "are",
	"arrived", "at", "back", "be", "been", "before", "both", "bring",
	"brought", "by", "call", "called", "came", "can", "come", "contact",
	"could", "dear", "did", "discharged", "do", "does", "during", "follow",
	"followed", "for", "former", "formerly", "from", "get", "go", "had",
	"has", "have", "he", "her", "him", "his", "i", "if", "in", "into", "is",
	"it", "local", "may", "me", "might", "must", "my", "nearby", "need",
	"needs", "of", "on", "our", "outside", "patient", "per", "please",
	"presented", "previously", "prior", "pt", "re", "referred", "return",
	"returned", "see", "seen", "sent", "she", "should", "since", "take",
	"the", "their", "them", "then", "they", "to", "took", "transfer",
	"transferred", "until", "up", "us", "via", "visit", "visited", "wants",
	"was", "we", "went", "were", "when", "while", "will", "with", "within",
	"would", "you", "your"
};

/* Lead words that may also stand inside a name. */
static const char *const inner_words[] = { "&", "and", "for", "of", "the" };

#define NGENERIC (sizeof(generic_words) / sizeof(generic_words[0]))
#define NLEAD (sizeof(lead_words) / sizeof(lead_words[0]))
#define NNAMELIKE (sizeof(namelike_words) / sizeof(namelike_words[0]))

static int
ascii_alpha(unsigned char b)
{
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}

/* Add the n words of list to t under bit.  Returns 0 or ERR_*. */
static int
tab_add_list(struct wordtab *t, const char *const *list, size_t n,
    uint32_t bit)
{
	size_t i;
	long rc = 0;

	for (i = 0; i < n && rc >= 0; i++)
		rc = wordtab_add(t, list[i], strlen(list[i]), bit);
	return rc < 0 ? (int)rc : 0;
}

/*
 * The trigram filter: bit c of tri[a * 27 + b] is set when a gate word
 * starts with letters a, b, c (26 for "no more letters").  A word that
 * fails it opens no gate, and needs no hashing.
 */
static size_t
tri_index(const unsigned char *w, size_t n, unsigned *bit)
{
	size_t a = (size_t)((w[0] | 0x20) - 'a');
	size_t b = n > 1 ? (size_t)((w[1] | 0x20) - 'a') : 26;

	*bit = n > 2 ? (unsigned)((w[2] | 0x20) - 'a') : 26;
	return a * 27 + b;
}

/*
 * Add the words of a gate (lower case, split by spaces) under bit.
 * Returns 0 or ERR_INTERNAL.
 */
static int
gate_add(struct places *p, const char *gate, uint32_t bit)
{
	const char *e;
	size_t n, k;
	unsigned b;
	int rc = 0;

	for (; rc == 0 && *gate != '\0'; gate = *e == ' ' ? e + 1 : e) {
		e = strchr(gate, ' ');
		if (e == NULL)
			e = gate + strlen(gate);
		n = (size_t)(e - gate);
		for (k = 0; k < n; k++)
			if (gate[k] < 'a' || gate[k] > 'z')
				return ERR_INTERNAL;
		k = tri_index((const unsigned char *)gate, n, &b);
		p->tri[k] |= (uint32_t)1 << b;
		if (wordtab_add(p->tab, gate, n, bit) < 0)
			rc = ERR_NOMEM;
	}
	return rc;
}

static void
places_fini(void *state)
{
	struct places *p = state;
	int i;

	if (p == NULL)
		return;
	for (i = 0; i < NPAT; i++)
		rx_free(p->pat[i]);
	rx_free(p->phrase);
	rx_free(p->plan);
	rx_free(p->street);
	wordtab_free(p->tab);
	placectx_free(p->ctx);
	free(p);
}

/* Fill the word table and the byte classes.  Returns 0 or ERR_*. */
static int
tab_build(struct places *p)
{
	int rc, i;

	for (i = 0; i < 256; i++)
		p->bc[i] = (unsigned char)(ascii_alpha((unsigned char)i) ?
		    BC_ALPHA : i >= '0' && i <= '9' ? BC_DIGIT : i >= 0xc0 ?
		    BC_LEAD : i == '@' ? BC_AT : 0);
	p->tab = wordtab_new(1024);
	if (p->tab == NULL)
		return ERR_NOMEM;
	rc = tab_add_list(p->tab, generic_words, NGENERIC, L_GENERIC);
	if (rc == 0)
		rc = tab_add_list(p->tab, lead_words, NLEAD, L_LEAD);
	if (rc == 0)
		rc = tab_add_list(p->tab, namelike_words, NNAMELIKE,
		    L_NAMELIKE);
	if (rc == 0)
		rc = gate_add(p, head_gate, G_HEAD);
	if (rc == 0)
		rc = gate_add(p, lower_gate, G_LOWER);
	if (rc == 0)
		rc = gate_add(p, context_gate, G_CONTEXT);
	if (rc == 0)
		rc = gate_add(p, "at", G_AT);
	if (rc == 0)
		rc = gate_add(p, saint_gate, G_SAINT);
	return rc;
}

/* pattern with \G in front: anchored where the caller starts it. */
static struct rx *
rx_anchored(const char *pattern, char *errbuf, size_t errlen)
{
	struct rx *rx;
	char *a;
	size_t n = strlen(pattern);

	a = malloc(n + 3);
	if (a == NULL) {
		(void)snprintf(errbuf, errlen, "out of memory");
		return NULL;
	}
	memcpy(a, "\\G", 2);
	memcpy(a + 2, pattern, n + 1);
	rx = rx_new(a, 0, errbuf, errlen);
	free(a);
	return rx;
}

static int
places_init(void **state, char *errbuf, size_t errlen)
{
	struct places *p;
	int rc;

	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return ERR_NOMEM;
	if (tab_build(p) != 0) {
		(void)snprintf(errbuf, errlen, "bad word list");
		places_fini(p);
		return ERR_INTERNAL;
	}
	rc = placectx_new(&p->ctx, errbuf, errlen);
	if (rc != 0) {
		places_fini(p);
		return rc;
	}
	if ((p->phrase = rx_new(phrase_pattern, 0, errbuf, errlen)) == NULL ||
	    (p->pat[PAT_PHRASE] = rx_anchored(phrase_pattern, errbuf,
	    errlen)) == NULL ||
	    (p->pat[PAT_CAPS] = rx_anchored(caps_pattern, errbuf,
	    errlen)) == NULL ||
	    (p->pat[PAT_LOWER] = rx_anchored(lower_pattern, errbuf,
	    errlen)) == NULL ||
	    (p->pat[PAT_CONTEXT] = rx_anchored(context_pattern, errbuf,
	    errlen)) == NULL ||
	    (p->pat[PAT_AT] = rx_anchored(at_pattern, errbuf,
	    errlen)) == NULL ||
	    (p->pat[PAT_SAINT] = rx_anchored(saint_pattern, errbuf,
	    errlen)) == NULL ||
	    (p->plan = rx_new(plan_pattern, 0, errbuf, errlen)) == NULL ||
	    (p->street = rx_new(street_pattern, 0, errbuf, errlen)) == NULL) {
		places_fini(p);
		return ERR_INTERNAL;
	}
	*state = p;
	return 0;
}

/* Whether s[start..end), in any case, is in list (L_*). */
static int
in_list(const struct places *p, uint32_t list, const char *s,
    size_t start, size_t end)
{
	uint32_t bits;

	if (end - start > WORDTAB_MAX_KEY)
		return 0;
	(void)wordtab_find(p->tab, s + start, end - start, &bits);
	return (bits & list) != 0;
}

/* The end of the word that starts at i (words split at blanks). */
static size_t
word_end(const char *s, size_t i, size_t end)
{
	while (i < end && s[i] != ' ' && s[i] != '\t')
		i++;
	return i;
}

static size_t
skip_blanks(const char *s, size_t i, size_t end)
{
	while (i < end && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static int
inner_word(const char *s, size_t start, size_t end)
{
	size_t k;

	for (k = 0; k < sizeof(inner_words) / sizeof(inner_words[0]); k++)
		if (strlen(inner_words[k]) == end - start &&
		    strncasecmp(s + start, inner_words[k], end - start) == 0)
			return 1;
	return 0;
}

/*
 * Trim the words of [*start, end) up to the last one that is no part of
 * a name, then rate what is left: 2 when a word of its own is left ("Kestrel
 * Valley Hospital"), 1 when only words that proper names are made of
 * ("Memorial Hospital", "County General"), 0 when nothing but generic
 * words ("Cardiology Clinic").
 */
static int
trim_and_rate(const struct places *p, const char *s, size_t *start,
    size_t end)
{
	size_t i = *start, we, ws, h;
	int named = 0;

	for (ws = i; ws < end; ws = skip_blanks(s, we, end)) {
		we = word_end(s, ws, end);
		if (in_list(p, L_LEAD, s, ws, we) &&
		    (ws == i || !inner_word(s, ws, we)))
			i = skip_blanks(s, we, end);
	}
	*start = i;
	for (ws = i; ws < end; ws = skip_blanks(s, we, end)) {
		we = word_end(s, ws, end);
		if (in_list(p, L_NAMELIKE, s, ws, we))
			named = 1;
		if (in_list(p, L_GENERIC, s, ws, we))
			continue;
		for (h = ws; h < we && s[h] != '-'; h++)
			;
		if (h < we && in_list(p, L_GENERIC, s, ws, h) &&
		    in_list(p, L_GENERIC, s, h + 1, we))
			continue;
		return 2;
	}
	return named;
}

/* Whether the word at i is a title: the phrase is a person's. */
static int
title_at(const char *s, size_t i, size_t end)
{
	static const char *const titles[] = {
		"Dr", "Dr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss",
		"Prof", "Prof.", "Doctor"
	};
	size_t k, we = word_end(s, i, end);

	for (k = 0; k < sizeof(titles) / sizeof(titles[0]); k++)
		if (strlen(titles[k]) == we - i &&
		    memcmp(s + i, titles[k], we - i) == 0)
			return 1;
	return 0;
}

/* Whether s[start..end) has no lower-case ASCII letter: "LUSB". */
static int
no_lower(const char *s, size_t start, size_t end)
{
	size_t i;

	for (i = start; i < end; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return 0;
	return 1;
}

/*
 * Whether an all-caps candidate after a bare "at" is more likely an
 * abbreviation ("murmur at LUSB") than a place: only " on " or " in "
 * after it ("at UCSF on 3/4") speaks for a place.
 */
static int
caps_abbreviation(const char *s, size_t len, size_t start, size_t end)
{
	size_t i;

	if (!no_lower(s, start, end))
		return 0;
	for (i = end; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i == end || i + 3 > len)
		return 1;
	return !((s[i] == 'o' || s[i] == 'i') && s[i + 1] == 'n' &&
	    (s[i + 2] == ' ' || s[i + 2] == '\t'));
}

/* A word or byte where gates open: bit PAT_x for pattern x. */
struct event {
	size_t pos;
	uint32_t mask;
};

#define EV_SMALL	128	/* events kept on the stack */

/*
 * The events of one value, in order: in small, then (past EV_SMALL) in
 * memory grown as needed.
 */
struct events {
	struct event *v;
	size_t n, cap;
	struct event small[EV_SMALL];
};

static int
event_add(struct events *ev, size_t pos, uint32_t mask)
{
	struct event *v;
	size_t cap;

	if (ev->n == ev->cap) {
		cap = ev->cap * 2;
		if (ev->v == ev->small) {
			v = malloc(cap * sizeof(*v));
			if (v != NULL)
				memcpy(v, ev->small, sizeof(ev->small));
		} else {
			v = realloc(ev->v, cap * sizeof(*v));
		}
		if (v == NULL)
			return ERR_NOMEM;
		ev->v = v;
		ev->cap = cap;
	}
	ev->v[ev->n].pos = pos;
	ev->v[ev->n].mask = mask;
	ev->n++;
	return 0;
}

/* Whether a word in capitals ("ST.", "O'HARA") may end at e. */
static int
caps_end(const unsigned char *u, size_t e)
{
	if (e > 0 && u[e - 1] == '.')
		e--;
	return e >= 2 && ((u[e - 1] >= 'A' && u[e - 1] <= 'Z') ||
	    u[e - 1] >= 0x80) && ((u[e - 2] >= 'A' && u[e - 2] <= 'Z') ||
	    u[e - 2] >= 0x80 || u[e - 2] == '\'' || u[e - 2] == '-');
}

/*
 * Whether the head word at h may be the first head of the phrase in
 * capitals: a word in capitals must come right before it, joined by a
 * hyphen, blanks, or blanks around "and" or "&".
 */
static int
caps_before(const unsigned char *u, size_t h)
{
	size_t b = h;

	if (b > 0 && u[b - 1] == '-')
		return caps_end(u, b - 1);
	while (b > 0 && (u[b - 1] == ' ' || u[b - 1] == '\t'))
		b--;
	if (b == h)
		return 0;
	if (caps_end(u, b))
		return 1;
	if (b >= 1 && u[b - 1] == '&')
		b -= 1;
	else if (b >= 3 && memcmp(u + b - 3, "and", 3) == 0)
		b -= 3;
	else
		return 0;
	if (b == 0 || (u[b - 1] != ' ' && u[b - 1] != '\t'))
		return 0;
	while (b > 0 && (u[b - 1] == ' ' || u[b - 1] == '\t'))
		b--;
	return caps_end(u, b);
}

/*
 * The gates the word at p opens; *end is set past its first run of
 * ASCII letters.  A non-ASCII letter next to that run opens them all
 * (caseless matching folds some of those to ASCII letters).
 */
static uint32_t
word_gate(const struct places *p, const unsigned char *u, size_t len,
    size_t at, size_t *end)
{
	uint32_t mask = 0;
	size_t i, n;
	unsigned bit;

	for (i = at; i < len && (p->bc[u[i]] & BC_ALPHA); i++)
		;
	*end = i;
	n = i - at;
	if (u[at] >= 0x80 || (i < len && u[i] >= 0x80))
		return G_ALL;
	if (n > WORDTAB_MAX_KEY)
		return 0;
	i = tri_index(u + at, n, &bit);
	if (!((p->tri[i] >> bit) & 1))
		return 0;
	(void)wordtab_find(p->tab, (const char *)u + at, n, &mask);
	mask &= G_ALL;
	if ((mask & G_HEAD) && u[at] >= 'A' && u[at] <= 'Z')
		mask |= 1 << PAT_PHRASE;
	if ((mask & G_HEAD) && !caps_before(u, at))
		mask &= ~(uint32_t)G_HEAD;
	if (u[at] < 'a')
		mask &= ~(uint32_t)G_LOWER;
	return mask;
}

/*
 * One pass over the value: every word start (a letter after no ASCII
 * letter or digit) that opens a gate, and every '@'.  Returns 0 or
 * ERR_NOMEM.
 */
static int
find_events(const struct places *p, const char *s, size_t len,
    struct events *ev)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t mask;
	size_t i = 0, end;
	int c, rc = 0;

	while (i < len && rc == 0) {
		c = p->bc[u[i]];
		if (!(c & (BC_ALPHA | BC_LEAD))) {
			if (c & BC_AT)
				rc = event_add(ev, i, G_AT);
			i++;
			continue;
		}
		if (i > 0 && (p->bc[u[i - 1]] & (BC_ALPHA | BC_DIGIT))) {
			i++;
			continue;
		}
		mask = word_gate(p, u, len, i, &end);
		if (mask != 0)
			rc = event_add(ev, i, mask);
		i = end > i ? end : i + 1;
	}
	return rc;
}

/*
 * The matches of one pattern, found where its gate opens: the pattern
 * is anchored and tried only where a match may start, left to right,
 * so the matches are those of the pattern run over the whole value.
 * PAT_CONTEXT, PAT_AT and PAT_SAINT start at their gate words.  The
 * others hold a head word (the first one a gate word) and may start up
 * to MAX_RUNS blank runs before it on its line, at a capital or digit
 * that starts a word.
 */
struct finder {
	const struct events *ev;
	size_t k;		/* the next event */
	enum pat pat;
	size_t next;		/* the first place not tried yet */
};

/* Six words, a prefix and "and" fit in this many bytes before a head. */
#define WINDOW_BACK	256

/*
 * Where on the line of the head word at a match holding it may start:
 * a match has at most MAX_RUNS runs of blanks before its first head
 * word (a prefix, then six words each joined by a blank run, "and" and
 * another), and no line break.
 */
static size_t
window(const char *s, size_t at)
{
	size_t i = at;
	int runs = 0;

	/*
	 * Nor more than WINDOW_BACK bytes: a text without blanks (Chinese,
	 * Thai) would else be walked back from each head word to its
	 * line's start, in time quadratic in the line.
	 */
	while (i > 0 && s[i - 1] != '\n' && at - i < WINDOW_BACK) {
		if (s[i - 1] != ' ' && s[i - 1] != '\t') {
			i--;
			continue;
		}
		if (++runs > MAX_RUNS)
			return i;
		while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
			i--;
	}
	return i;
}

/*
 * Whether a match of a head pattern may start at i: a capital (a digit
 * too, but not for PAT_CAPS) not after a letter, digit, "'", "." or
 * "-".  Non-ASCII bytes may be capitals or letters.
 */
static int
may_start(enum pat pat, const unsigned char *u, size_t i)
{
	unsigned char b = u[i], a;

	if (!((b >= 'A' && b <= 'Z') || b >= 0xc0 ||
	    (pat != PAT_CAPS && b >= '0' && b <= '9')))
		return 0;
	if (i == 0)
		return 1;
	a = u[i - 1];
	return !(ascii_alpha(a) || (a >= '0' && a <= '9') || a == '\'' ||
	    a == '.' || a == '-');
}

/*
 * The next match of the finder's pattern that starts at or after from.
 * Returns 1 and fills m, 0 when there is none, or a negative ERR_*.
 */
static int
next_match(const struct places *p, struct finder *fd, const char *s,
    size_t len, size_t from, struct rx_match *m)
{
	const unsigned char *u = (const unsigned char *)s;
	const struct event *v = fd->ev->v;
	const struct rx *rx = p->pat[fd->pat];
	size_t at, i;
	int rc;

	for (; fd->k < fd->ev->n; fd->k++) {
		at = v[fd->k].pos;
		if (!(v[fd->k].mask & (1u << fd->pat)) || at < from)
			continue;
		if (fd->pat > PAT_LOWER) {
			rc = rx_find(rx, s, len, at, m);
			if (rc != 0)
				return rc;
			continue;
		}
		i = window(s, at);
		if (i < from)
			i = from;
		if (i < fd->next)
			i = fd->next;
		for (; i <= at; i++) {
			if (!may_start(fd->pat, u, i))
				continue;
			rc = rx_find(rx, s, len, i, m);
			if (rc != 0) {
				fd->next = i + 1;
				return rc;
			}
		}
		fd->next = at + 1;
	}
	return 0;
}

/*
 * Every match of pattern pat is a place candidate over group (0 the
 * whole match): trimmed, checked for a word of its own, and dropped when
 * a street suffix or an insurer's "Plan" follows it.  A context
 * candidate (group 1) that holds a facility phrase is left to the phrase
 * pattern, which ends it at the facility word.
 */
static int
scan_with(const struct places *p, const struct events *ev, enum pat pat,
    int group, float score, const char *name, const char *s, size_t len,
    struct spans *out)
{
	struct finder fd = { ev, 0, pat, 0 };
	struct rx_match m, t;
	size_t from = 0, start, end;
	int rc, rate;

	while ((rc = next_match(p, &fd, s, len, from, &m)) == 1) {
		if (m.end[0] == m.start[0])
			return ERR_INTERNAL;
		from = m.end[0];
		start = m.start[group];
		end = m.end[group];
		rate = trim_and_rate(p, s, &start, end);
		if (rate < (group > 0 ? 2 : 1) || title_at(s, start, end))
			continue;
		if ((pat == PAT_AT && caps_abbreviation(s, len, start, end)) ||
		    (pat == PAT_CAPS && !no_lower(s, start, end)))
			continue;
		if (group > 0) {
			rc = rx_find(p->phrase, s, end, start, &t);
			if (rc < 0)
				return rc;
			if (rc == 1)
				continue;
		}
		rc = rx_find(p->street, s, len, end, &t);
		if (rc == 0)
			rc = rx_find(p->plan, s, len, end, &t);
		if (rc < 0)
			return rc;
		if (rc == 1)
			continue;
		rc = spans_add(out, start, end, PHI_LOCATION,
		    rate == 2 ? score : 0.6f, name);
		if (rc < 0)
			return rc;
	}
	return rc;
}

static int
scan_saints(const struct places *p, const struct events *ev,
    const char *s, size_t len, struct spans *out)
{
	struct finder fd = { ev, 0, PAT_SAINT, 0 };
	struct rx_match m;
	size_t from = 0;
	int rc;

	while ((rc = next_match(p, &fd, s, len, from, &m)) == 1) {
		from = m.end[0];
		/* before a unit: above "St" taken for a name, or a city */
		rc = spans_add(out, m.start[0], m.end[0], PHI_LOCATION,
		    m.start[1] != SIZE_MAX ? 0.8f : 0.7f, "place.saint");
		if (rc < 0)
			return rc;
	}
	return rc;
}

static int
places_scan(const void *state, const struct recog_ctx *ctx,
    struct spans *out)
{
	const struct places *p = state;
	struct events ev;
	const char *s;
	size_t len;
	int rc;

	s = text_view(ctx->text, &len);
	ev.v = ev.small;
	ev.n = 0;
	ev.cap = EV_SMALL;
	rc = find_events(p, s, len, &ev);
	if (rc == 0)
		rc = scan_with(p, &ev, PAT_PHRASE, 0, 0.85f, "place.facility",
		    s, len, out);
	if (rc == 0)
		rc = scan_with(p, &ev, PAT_CAPS, 0, 0.8f, "place.facility",
		    s, len, out);
	if (rc == 0)
		rc = scan_with(p, &ev, PAT_LOWER, 0, 0.75f, "place.facility",
		    s, len, out);
	if (rc == 0)
		rc = scan_with(p, &ev, PAT_CONTEXT, 1, 0.6f, "place.context",
		    s, len, out);
	if (rc == 0)
		rc = scan_with(p, &ev, PAT_AT, 1, 0.5f, "place.context", s,
		    len, out);
	if (rc == 0)
		rc = scan_saints(p, &ev, s, len, out);
	if (ev.v != ev.small)
		free(ev.v);
	if (rc == 0)
		rc = placectx_scan(p->ctx, s, len, ctx->tokens, out);
	return rc;
}

const struct recognizer_ops recognizer_places = {
	.name = "places",
	.init = places_init,
	.fini = places_fini,
	.scan = places_scan
};
