/*
 * places.c - named facilities and other named places (LOCATION).
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
 * "St. Agnes's" and "Mount Carmel" on their own are places too ("St.
 * Louis" is a city, not taken here).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "recognizer.h"
#include "rx.h"

#define WORD_MAX	32	/* longest word looked up in the lists */

struct places {
	struct rx *phrase;	/* capitalised words ending in a head */
	struct rx *saint;	/* "St. Agnes's", "Mount Carmel" */
	struct rx *caps;	/* the phrase in capitals */
	struct rx *lower;	/* "the Dallas clinic" */
	struct rx *context;	/* "seen at Kestrel Crest" */
	struct rx *at;		/* "at Kestrel Crest on" */
	struct rx *plan;	/* an insurer's plan: "... Health Plan" */
	struct rx *street;	/* a street suffix right after */
	const char **generic;	/* generic_words, sorted */
	const char **lead;	/* lead_words, sorted */
	const char **namelike;	/* namelike_words, sorted */
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

/* "the Dallas clinic", "our Midtown office". */
static const char lower_pattern[] =
	NB "(?:" MODWORD JOIN "){1,4}"
	"(?:(?:downtown|main|satellite|uptown|midtown)" SP ")?"
	"(?:clinic|hospital|facility|office|branch|campus|location"
	"|med(?:ical)?" SP "c(?:en)?t(?:e)?r|health" SP "center"
	"|urgent" SP "care"
	"|nursing" SP "home|rehab)" NA;

/*
 * A named place after a clinical verb and "at", "to" or "from": "seen
 * at Kestrel Crest".  Group 1 the place.
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
	"|first|on))?[ \\t]+(?:at|to|from|in)[ \\t]+"
	"(?:(?:the|our)[ \\t]+)?"
	"(" MODWORD "(?:" JOIN MODWORD "){0,3})" NA;

/* "at Kestrel Crest on 3/4", "@ Kestrel Crest."  Group 1 the place. */
static const char at_pattern[] =
	NB "(?:at|@)[ \\t]+(?:the[ \\t]+)?"
	"(" MODWORD "(?:" JOIN MODWORD "){0,3})" NA
	"(?=[ \\t]*(?:[,.;?)(]|$)|[ \\t]+(?:on|in|for|last|yesterday|today"
	"|since|and|with|where|when|from|until|\\d))";

static const char saint_pattern[] =
	NB "(?:(?:(?:St|Ste)\\.?|Saint|Sainte)" SP "\\p{Lu}\\p{Ll}+'s"
	"|(?:Mt\\.?|Mount)" SP "\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?)" NA
	"(?![ \\t]+wort)";

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
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int
key_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static const char **
sorted_copy(const char *const *list, size_t n)
{
	const char **copy;

	copy = malloc(n * sizeof(*copy));
	if (copy == NULL)
		return NULL;
	memcpy(copy, list, n * sizeof(*copy));
	qsort(copy, n, sizeof(*copy), str_cmp);
	return copy;
}

static void
places_fini(void *state)
{
	struct places *p = state;

	if (p == NULL)
		return;
	rx_free(p->phrase);
	rx_free(p->saint);
	rx_free(p->caps);
	rx_free(p->lower);
	rx_free(p->context);
	rx_free(p->at);
	rx_free(p->plan);
	rx_free(p->street);
	free(p->generic);
	free(p->lead);
	free(p->namelike);
	free(p);
}

static int
places_init(void **state, char *errbuf, size_t errlen)
{
	struct places *p;

	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return ERR_NOMEM;
	p->generic = sorted_copy(generic_words, NGENERIC);
	p->lead = sorted_copy(lead_words, NLEAD);
	p->namelike = sorted_copy(namelike_words, NNAMELIKE);
	if (p->generic == NULL || p->lead == NULL || p->namelike == NULL) {
		places_fini(p);
		return ERR_NOMEM;
	}
	if ((p->phrase = rx_new(phrase_pattern, 0, errbuf, errlen)) == NULL ||
	    (p->saint = rx_new(saint_pattern, 0, errbuf, errlen)) == NULL ||
	    (p->caps = rx_new(caps_pattern, 0, errbuf, errlen)) == NULL ||
	    (p->lower = rx_new(lower_pattern, 0, errbuf, errlen)) == NULL ||
	    (p->context = rx_new(context_pattern, 0, errbuf, errlen)) == NULL ||
	    (p->at = rx_new(at_pattern, 0, errbuf, errlen)) == NULL ||
	    (p->plan = rx_new(plan_pattern, 0, errbuf, errlen)) == NULL ||
	    (p->street = rx_new(street_pattern, 0, errbuf, errlen)) == NULL) {
		places_fini(p);
		return ERR_INTERNAL;
	}
	*state = p;
	return 0;
}

/* Whether s[start..end), folded to lower case, is in the sorted list. */
static int
in_list(const char **list, size_t n, const char *s, size_t start,
    size_t end)
{
	char low[WORD_MAX];
	size_t i;

	if (end - start >= sizeof(low))
		return 0;
	for (i = start; i < end; i++)
		low[i - start] = (char)(s[i] >= 'A' && s[i] <= 'Z' ?
		    s[i] + 32 : s[i]);
	low[end - start] = '\0';
	return bsearch(low, list, n, sizeof(*list), key_cmp) != NULL;
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
		if (in_list(p->lead, NLEAD, s, ws, we) &&
		    (ws == i || !inner_word(s, ws, we)))
			i = skip_blanks(s, we, end);
	}
	*start = i;
	for (ws = i; ws < end; ws = skip_blanks(s, we, end)) {
		we = word_end(s, ws, end);
		if (in_list(p->namelike, NNAMELIKE, s, ws, we))
			named = 1;
		if (in_list(p->generic, NGENERIC, s, ws, we))
			continue;
		for (h = ws; h < we && s[h] != '-'; h++)
			;
		if (h < we && in_list(p->generic, NGENERIC, s, ws, h) &&
		    in_list(p->generic, NGENERIC, s, h + 1, we))
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

/*
 * Every match of rx is a place candidate over group (0 the whole
 * match): trimmed, checked for a word of its own, and dropped when a
 * street suffix or an insurer's "Plan" follows it.  A context candidate
 * (group 1) that holds a facility phrase is left to the phrase pattern,
 * which ends it at the facility word.
 */
static int
scan_with(const struct places *p, const struct rx *rx, int group,
    float score, const char *name, const char *s, size_t len,
    struct spans *out)
{
	struct rx_match m, t;
	size_t from = 0, start, end;
	int rc, rate;

	while ((rc = rx_find(rx, s, len, from, &m)) == 1) {
		if (m.end[0] == m.start[0])
			return ERR_INTERNAL;
		from = m.end[0];
		start = m.start[group];
		end = m.end[group];
		rate = trim_and_rate(p, s, &start, end);
		if (rate < (group > 0 ? 2 : 1) || title_at(s, start, end))
			continue;
		if ((rx == p->at && caps_abbreviation(s, len, start, end)) ||
		    (rx == p->caps && !no_lower(s, start, end)))
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
scan_saints(const struct places *p, const char *s, size_t len,
    struct spans *out)
{
	struct rx_match m;
	size_t from = 0;
	int rc;

	while ((rc = rx_find(p->saint, s, len, from, &m)) == 1) {
		from = m.end[0];
		rc = spans_add(out, m.start[0], m.end[0], PHI_LOCATION, 0.7f,
		    "place.saint");
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
	const char *s;
	size_t len;
	int rc;

	s = text_view(ctx->text, &len);
	rc = scan_with(p, p->phrase, 0, 0.85f, "place.facility", s, len,
	    out);
	if (rc == 0)
		rc = scan_with(p, p->caps, 0, 0.8f, "place.facility", s, len,
		    out);
	if (rc == 0)
		rc = scan_with(p, p->lower, 0, 0.75f, "place.facility", s, len,
		    out);
	if (rc == 0)
		rc = scan_with(p, p->context, 1, 0.6f, "place.context", s, len,
		    out);
	if (rc == 0)
		rc = scan_with(p, p->at, 1, 0.5f, "place.context", s, len, out);
	if (rc == 0)
		rc = scan_saints(p, s, len, out);
	return rc;
}

const struct recognizer_ops recognizer_places = {
	.name = "places",
	.init = places_init,
	.fini = places_fini,
	.scan = places_scan
};
