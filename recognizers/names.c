/*
 * names.c - people's names found by their context.
 *
 * A trigger is a pattern that says "a name starts here" (a title, a
 * label such as "Attending:", a verb such as "seen by", a relative such
 * as "daughter", "RN" before a name) or "a name ends here" (a credential
 * such as ", MD", a relation in parentheses, "reports" or ", who" after a
 * name set off by a comma or a small word).  From the trigger the name
 * is read word by word, forward or backward, on one line: capitalised
 * words (hyphens and apostrophes inside: "O'Neal-Park", "McAllister"),
 * initials, lower-case particles inside ("van", "de la"), all-caps words
 * after labels, up to MAX_WORDS tokens.  "Last, First M." is read after
 * labels.  The span leaves out the title, the credential and a
 * possessive 's.
 *
 * Every word is rated by one function, rate_word().  Today it knows two
 * lists written here: common and clinical words that end a name, and
 * place words that show the phrase is a facility or a street (then the
 * candidate is dropped).  A lexicon scorer (first names, surnames, their
 * frequencies against common words) plugs in there through struct
 * name_scorer, without changing the triggers.
 *
 * Last, a word of a name found in the value (not an initial) is looked
 * for again elsewhere in the same value: "Ms. Vance" in the history makes
 * a later bare "Vance" a name too.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "recognizer.h"
#include "rx.h"

#define MAX_WORDS	4	/* tokens in one name */
#define MAX_GAP		2	/* spaces or tabs between two tokens */
#define MAX_FOUND	64	/* names remembered for the second pass */
#define WORD_MAX	32	/* longest word looked up in the lists */

/* How a word reads, from rate_word(). */
enum rating {
	RATE_PLACE = -2,	/* a facility or street word: not a person */
	RATE_STOP = -1,		/* a common word: the name ends before it */
	RATE_NONE = 0,		/* no opinion */
	RATE_NAME = 1		/* a known name */
};

/*
 * The hook for a lexicon: rate(data, word, len) returns an enum rating,
 * or RATE_NONE to let the built-in lists decide.
 */
struct name_scorer {
	int (*rate)(const void *data, const char *w, size_t n);
	const void *data;
};

/* What the word pattern matched: its groups. */
enum tok_kind {
	TOK_WORD = 1,		/* "Smith", "O'Neal-Park" */
	TOK_INITIAL = 2,	/* "J." or a bare "J" before a word */
	TOK_CAPS = 3,		/* "SMITH" */
	TOK_PARTICLE = 4	/* "van", "de" */
};

/* Trigger options. */
enum {
	OPT_CAPS = 1 << 0,	/* all-caps names are allowed */
	OPT_COMMA = 1 << 1,	/* "Last, First M." is allowed */
	OPT_ONE = 1 << 2,	/* one token is enough (else two) */
	OPT_SKIP = 1 << 3,	/* skip a title or "RN" after the trigger */
	OPT_EOL = 1 << 4,	/* the name must end its line (or a comma) */
	OPT_BACK = 1 << 5,	/* the name ends where the trigger starts */
	OPT_CRED = 1 << 6,	/* a credential: check state look-alikes */
	OPT_DIRECT = 1 << 7,	/* the match is the name: "Anna K." */
	OPT_PRE = 1 << 8,	/* a comma, a colon or a small word before */
	OPT_LOWER = 1 << 9,	/* a lower-case word or a comma follows */
	OPT_LIST = 1 << 10	/* "and" may add more names: "Ann and Bo" */
};

struct trigger {
	const char *pattern;
	unsigned opts;
	float score;
	const char *name;
};

#define NB "(?<![\\p{L}\\p{N}])"	/* not inside a word */
#define NA "(?![\\p{L}\\p{N}])"		/* not followed by a word */

#define TITLES \
	"(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|Sr|Fr|Rev|Hon)(?:\\.|(?=[ \\t]))" \
	"|(?:DR|MR|MRS|MS|PROF)\\.|Miss|Mister|Doctor|Nurse|Sister|Madam" \
	"|Sir|Dame)"

#define RELATIONS \
	"(?:daughter|son|wife|husband|mother|father|sister|brother|spouse" \
	"|partner|fianc[eé]e?|girlfriend|boyfriend|friend|neighbou?r|niece" \
	"|nephew|grandson|granddaughter|grandmother|grandfather|grandma" \
	"|grandpa|grandchild|aunt|uncle|cousin|stepson|stepdaughter" \
	"|stepmother|stepfather|caregiver|caretaker|roommate|guardian" \
	"|sibling|mom|dad|mum|child|godmother|godfather|fiance|sponsor)" \
	"(?:-in-law)?s?"

#define CREDS \
	"(?:M\\.D\\.|MD|D\\.O\\.|DO|R\\.N\\.|RN|NP|PA-C|PA|Ph\\.D\\.|PhD" \
	"|LCSW|LICSW|LMSW|LSW|MSW|PT|DPT|OTR/L|OTR|OTD|OT|CNM|CNS|CRNA" \
	"|LPN|LVN|CNA|APRN|ARNP|FNP-BC|FNP-C|FNP|ANP|AGNP|AGACNP|ACNP" \
	"|PMHNP|CPNP|WHNP|NNP|DNP|PharmD|RPh|DDS|DMD|OD|MBBS|FACC|FACS" \
	"|FACP|FAAP|FACOG|MPH|MS|MA|MBA|RD|RDN|LD|SLP|CCC-SLP|RRT|RT|BSN" \
	"|MSN|CDE|CDCES|LMFT|LPC|LMHC|PsyD|EdD|BCBA|CCM|ATC|EMT-P|EMT|CMA" \
	"|IBCLC|RNC-OB|RNC|CNP|CPhT)"

#define CREDS_STRICT \
	"(?:M\\.D\\.|MD|D\\.O\\.|DO(?![ \\t]+NOT)|RN|NP|PA-C|PhD|DPT|LCSW" \
	"|LICSW|MSW|CNM|FNP|APRN|CRNA|LPN|DNP|PharmD|PsyD|DDS|DMD)"

static const struct trigger triggers[] = {
	{ NB TITLES "[ \\t]{1,3}", OPT_CAPS | OPT_ONE, 0.9f, "name.title" },
	{ NB "(?i:attending|resident|fellow|intern|pcp|primary[ \\t]+care"
	    "|referring|provider|physician|surgeon|anesthesi(?:a|ologist)"
	    "|consultant|radiologist|pathologist|nurse|rn|np|md|lpn|cna"
	    "|therapist|slp|case[ \\t]+manager|social[ \\t]+worker|sw|cm"
	    "|midwife|obstetrician|pediatrician|oncologist|cardiologist"
	    "|signed|co-?signed|electronically[ \\t]+signed"
	    "|dictated|transcribed|transcriptionist|author|authored"
	    "|guardian|poa|hcp|hcpoa|health[ \\t]+care[ \\t]+proxy|proxy"
	    "|surrogate|nok|next[ \\t]+of[ \\t]+kin|witness|interpreter"
	    "|technologist|tech|sonographer|scribe|preceptor|chaplain"
	    "|dietitian|pharmacist|clinician|practitioner|caregiver"
	    "|supervisor|coordinator|navigator|rep|representative|fob|mob"
	    "|guarantor|policy[ \\t]+holder|responsible[ \\t]+party"
	    "|cosigner|co-signer|(?:ordering|admitting|discharging"
	    "|consulting|covering|treating|rendering|reading|performing"
	    "|supervising|delivering|primary)[ \\t]+(?:physician|provider"
	    "|md|clinician|radiologist|surgeon|nurse|rn|doctor|pediatrician"
	    "|obstetrician))"
	    "(?:[ \\t]+(?:physician|md|provider|name|by|of[ \\t]+record))?"
	    "(?:[ \\t]*\\#?[ \\t]*\\d)?[ \\t]*:[ \\t]*",
	    OPT_CAPS | OPT_COMMA | OPT_ONE | OPT_SKIP, 0.9f, "name.label" },
	{ NB "(?i:patient|pt|name|patient[ \\t]+name|pt[ \\t]+name"
	    "|full[ \\t]+name|client|resident[ \\t]+name|member|insured"
	    "|subscriber|caller|contact|emergency[ \\t]+contact"
	    "|to|from|cc|attn|attention|informant|historian|source|spouse"
	    "|mother|father|baby|infant|newborn|(?:mother|father)'s[ \\t]+name"
	    "|parent|parents|family|visitor|requestor|requester|recipient"
	    "|sender|employer[ \\t]+contact|accompanied[ \\t]+by)"
	    "(?:[ \\t]*\\#?[ \\t]*\\d)?[ \\t]*:[ \\t]*",
	    OPT_CAPS | OPT_COMMA | OPT_SKIP, 0.85f, "name.label" },
	{ NB "(?i:(?:seen|examined|evaluated|assessed|signed|co-?signed"
	    "|countersigned|dictated|transcribed|reviewed|read|interpreted"
	    "|performed|verified|authenticated|approved|ordered|referred"
	    "|registered|taken|prepared|completed|documented|entered"
	    "|written|attested|accompanied|covered|supervised|delivered"
	    "|assisted|witnessed|translated|consented|obtained|brought"
	    "|driven|visited|contacted|accepted|requested|received"
	    "|counseled|staffed|precepted|scribed|recorded|called|paged"
	    "|phoned|raised|adopted|cared[ \\t]+for)[ \\t]+by"
	    "|(?:spoke|speaking|spoken|talked|talking|discussed|discussing"
	    "|met|meeting|consulted|conferred|d/w|left[ \\t]+(?:a[ \\t]+)?"
	    "(?:message|vm|voicemail))[ \\t]+(?:with|to|for)"
	    "|(?:routed|faxed|sent|forwarded|copied|transferred|assigned"
	    "|handed[ \\t]+off|signed[ \\t]+out|reported|presented)[ \\t]+to"
	    "|called|paged|notified|informed|updated|messaged|texted"
	    "|emailed|phoned|thanked|per|c\\.c\\.|care[ \\t]+of|dear"
	    "|thank[ \\t]+you|thanks)" NA "[ \\t]*[,:]?[ \\t]*",
	    OPT_ONE | OPT_SKIP, 0.75f, "name.context" },
	{ NB "(?i:" RELATIONS ")" NA "(?:[ \\t]+of[ \\t]+(?:the[ \\t]+)?"
	    "(?:baby|infant|child|patient|pt|newborn))?[ \\t]*[,:(]?[ \\t]*"
	    "(?:(?:is|named)[ \\t]+)?",
	    OPT_ONE | OPT_LIST, 0.75f, "name.relation" },
	{ NB "(?i:male|female|man|woman|gentleman|lady|boy|girl|patient|pt"
	    "|child|infant|baby|veteran|individual|person)[ \\t]*,[ \\t]*",
	    0, 0.7f, "name.apposition" },
	{ NB "(?i:named|name[ \\t]+is|goes[ \\t]+by|known[ \\t]+as|aka"
	    "|(?:patient|pt)(?:'?s)?[ \\t]+name(?:[ \\t]+is)?"
	    "|a\\.k\\.a\\.)[ \\t]+",
	    OPT_ONE, 0.8f, "name.context" },
	{ "(?m)^[ \\t]*(?i:re|regarding|subject)[ \\t]*:[ \\t]*",
	    OPT_CAPS | OPT_COMMA | OPT_SKIP, 0.85f, "name.label" },
	{ NB "(?i:i'm|i[ \\t]+am|this[ \\t]+is|speaking[ \\t]+with"
	    "|talking[ \\t]+to)[ \\t]+(?=\\p{Lu})", 0, 0.7f, "name.context" },
	{ NB "(?i:patient|pt)[ \\t]+(?=\\p{Lu})", OPT_LOWER, 0.7f,
	    "name.context" },
	{ "(?m)^[ \\t]*--+[ \\t]*(?=\\p{Lu})", OPT_ONE | OPT_EOL, 0.7f,
	    "name.signature" },
	{ NB "(?:RN|LPN|LVN|NP|CNA|APRN|CRNA|CNM|PA-C|MSW|LCSW|SW"
	    "|(?i:nurse[ \\t]+practitioner|physician[ \\t]+assistant"
	    "|social[ \\t]+worker|case[ \\t]+manager|physical[ \\t]+therapist"
	    "|occupational[ \\t]+therapist|speech[ \\t]+therapist|chaplain"
	    "|midwife|pharmacist|dietitian|hospitalist|radiologist"
	    "|interpreter|surgeon))[ \\t]+(?=\\p{Lu})",
	    0, 0.8f, "name.credential" },
	{ ",[ \\t]*" CREDS
	    "(?:,[ \\t]*" CREDS ")*" NA,
	    OPT_BACK | OPT_CRED | OPT_CAPS | OPT_ONE, 0.9f,
	    "name.credential" },
	{ "[ \\t]+" CREDS_STRICT NA, OPT_BACK | OPT_CRED | OPT_ONE, 0.85f,
	    "name.credential" },
	{ "[ \\t]*\\((?i:" RELATIONS "|self|patient|pt|pcp|hcp|poa|nok"
	    "|emergency[ \\t]+contact|legal[ \\t]+guardian)\\)",
	    OPT_BACK | OPT_ONE, 0.8f, "name.relation" },
	{ "[ \\t]+(?:reports|reported|states|stated|denies|endorses"
	    "|presents|presented|complains|notes|returns|returned|arrives"
	    "|arrived|agrees|was[ \\t]+seen|is[ \\t]+a|was[ \\t]+admitted"
	    "|visited|called|came|comes|tolerated|ambulated|underwent"
	    "|was[ \\t]+brought)" NA,
	    OPT_BACK | OPT_PRE, 0.7f, "name.context" },
	{ "(?:[ \\t]*,[ \\t]*(?:(?:who|whose|treated|seen|admitted|presented"
	    "|presenting|diagnosed|evaluated|age[ds]?|DOB|MRN|born|last"
	    "|recently|currently|from|residing|resident|living|lives|at"
	    "|patient|pt|given|mentioned|checked|referred|scheduled"
	    "|discharged|followed|undergoing|s/p|status|had|has|was|is"
	    "|with[ \\t]+a)" NA "|an?[ \\t]+\\d|\\d{1,3}[ \\t]*(?:yo|y/o"
	    "|y\\.o\\.|-?year))"
	    "|[ \\t]+(?:who|whose|checked|mentioned)" NA
	    "|[ \\t]*\\((?:DOB|D\\.O\\.B|MRN|age|born)" NA
	    "|'s[ \\t]+(?:case|notes?|chart|records?|file|visit|appointment"
	    "|labs|results|MRN|DOB)" NA ")",
	    OPT_BACK | OPT_PRE, 0.7f, "name.apposition" },
	{ NB "\\p{Lu}\\p{Ll}+[ \\t]+\\p{Lu}\\.(?=[ \\t]*[,;)]|[ \\t]*$"
	    "|[ \\t]+(?:who|was|is|has|had|with|at|from|and|in|on|to|for"
	    "|presented|admitted|seen|reports|age|aged|DOB)" NA ")",
	    OPT_DIRECT, 0.6f, "name.initial" }
};

#define NTRIGGERS (sizeof(triggers) / sizeof(triggers[0]))

/*
 * Words that end a name: function words, titles and roles, credentials,
 * clinical and section words, verbs that follow a name, days and months
 * (not the months that are also given names).  Lower case; sorted at
 * init.
 */
static const char *const stop_words[] = {
	"a", "abd", "abdomen", "about", "above", "acc", "accession",
	"accompanied", "account", "acct", "active", "acute", "addended",
	"addendum", "address", "admission", "admissions", "admit", "admitted",
	"admitting", "advised", "afib", "after", "afternoon", "again", "age",
	"aged", "agency", "agree", "agreeable", "agreed", "agrees", "aide",
	"aki", "alert", "alive", "all", "allergies", "allergy", "alone", "also",
	"am", "amended", "america", "an", "and", "anemia", "anesthesia",
	"ankle", "anxiety", "any", "ap", "appendix", "appointment",
	"appreciate", "appt", "are", "arm", "arrived", "arrives", "as", "asked",
	"assessment", "assistant", "asthma", "at", "attending", "attn", "aunt",
	"authorization", "awake", "aware", "back", "bed", "bedside", "before",
	"being", "bid", "bilateral", "billing", "blood", "bmp", "bnp", "both",
	"boyfriend", "bp", "bph", "brief", "brings", "brother", "brought",
	"but", "by", "cad", "call", "called", "calling", "calls", "can",
	"cancer", "capsule", "cardiac", "cardiologist", "cardiology", "care",
	"caregiver", "caretaker", "case", "category", "cath", "cbc", "cc",
	"cell", "cervical", "chaplain", "charge", "chart", "chest", "chf",
	"chief", "child", "city", "ckd", "class", "clear", "clinical", "cm",
	"cmp", "code", "collected", "comments", "complaint", "condition",
	"consent", "consult", "consultation", "contact", "continue",
	"continued", "coordinator", "copd", "copy", "corrected", "could",
	"country", "county", "course", "cousin", "covering", "covid", "ct",
	"cva", "cxr", "dad", "daily", "dame", "date", "daughter", "day", "days",
	"dc", "dea", "dear", "deceased", "declined", "deferred", "delirium",
	"dementia", "denies", "department", "depression", "dept", "dermatology",
	"device", "diabetes", "diabetic", "diagnoses", "diagnosis", "did",
	"died", "diet", "dietary", "director", "discharge", "discharged",
	"discussed", "disease", "disposition", "dm", "do", "doa", "dob",
	"doctor", "does", "dose", "doses", "dpt", "dr", "drives", "dvt", "dx",
	"ecg", "echo", "ed", "eeg", "ekg", "elbow", "electronically", "email",
	"emailed", "emergency", "endocrine", "endocrinology", "endorses",
	"english", "ent", "er", "esrd", "et", "eval", "evaluation", "evening",
	"exam", "examination", "exhibit", "ext", "extension", "extremities",
	"face", "factor", "failure", "family", "father", "fax", "faxed",
	"feels", "fellow", "female", "fhx", "fiance", "fiancee", "final",
	"findings", "first", "floor", "flu", "fnp", "follow", "followed",
	"followup", "foot", "for", "form", "fr", "fracture", "fri", "friday",
	"friend", "from", "fx", "gastroenterology", "gen", "general", "gerd",
	"gi", "girlfriend", "given", "godfather", "godmother", "grade",
	"grandchild", "granddaughter", "grandfather", "grandma", "grandmother",
	"grandpa", "grandson", "group", "guardian", "gyn", "had", "hand", "has",
	"have", "hcv", "hdl", "he", "heart", "heent", "helped", "helps",
	"hematology", "hep", "hepatitis", "her", "here", "hers", "hgb", "him",
	"hip", "hipaa", "his", "history", "hiv", "home", "hon", "hospitalist",
	"hour", "hours", "hpi", "hr", "htn", "husband", "hx", "hypertension",
	"i", "icu", "id", "if", "imaging", "impression", "in", "in-law", "inc",
	"infection", "injury", "inpatient", "inr", "instructions", "insurance",
	"intern", "internal", "interpreter", "ip", "is", "it", "its", "just",
	"knee", "lab", "labs", "language", "last", "later", "lateral", "lcsw",
	"ldl", "lead", "left", "leg", "level", "lft", "lfts", "lic", "license",
	"licsw", "lived", "lives", "living", "lobe", "lpn", "lt", "lumbar",
	"madam", "mailed", "male", "management", "manager", "mbi", "md", "me",
	"medicaid", "medical", "medicare", "medication", "medications",
	"medicine", "member", "mental", "message", "messaged", "mg", "mi",
	"might", "minutes", "miss", "mister", "model", "mom", "mon", "monday",
	"month", "monthly", "months", "morning", "mother", "mr", "mri", "mrn",
	"mrs", "mrsa", "ms", "msw", "mum", "must", "mx", "my", "name",
	"navigator", "neck", "negative", "neighbor", "neighbour", "nephew",
	"neuro", "neurology", "new", "next", "niece", "night", "nka", "nkda",
	"no", "none", "nonsmoker", "normal", "nos", "not", "note", "noted",
	"notes", "notified", "now", "np", "npi", "number", "nurse", "nursing",
	"nutrition", "ob", "obesity", "objective", "occupational", "of",
	"office", "ok", "okay", "on", "oncologist", "oncology", "online",
	"only", "operator", "option", "or", "order", "ordered", "orders",
	"ortho", "orthopedics", "osa", "ot", "other", "our", "out",
	"outpatient", "overnight", "pa", "pacu", "paged", "pager", "pain",
	"part", "partner", "passed", "past", "patient", "pcn", "pcp", "pe",
	"pediatrics", "pending", "per", "pet", "pft", "pfts", "pharmacy",
	"phase", "phd", "phone", "phoned", "physical", "physician", "plan",
	"plans", "plate", "please", "pm", "pmh", "pna", "pneumonia", "pod",
	"policy", "portal", "positive", "pr", "practitioner", "preliminary",
	"present", "pressure", "primary", "printed", "prn", "problem",
	"procedure", "prof", "progress", "protocol", "provider", "psych",
	"psychiatry", "pt", "ptt", "pulm", "pulmonary", "qd", "radiology", "re",
	"reason", "received", "recommend", "recommendations", "recommended",
	"recommends", "record", "ref", "referral", "referred", "referring",
	"refused", "regarding", "registration", "rehab", "release", "renal",
	"report", "reported", "reports", "request", "requested", "resident",
	"respiratory", "result", "resulted", "results", "return", "rev",
	"review", "reviewed", "right", "rn", "room", "roommate", "ros", "rt",
	"rx", "said", "sat", "saturday", "saw", "says", "schedule", "scheduled",
	"scheduler", "section", "security", "see", "seen", "segment", "self",
	"sent", "sepsis", "serial", "service", "sex", "shall", "she", "sheet",
	"should", "shoulder", "sibling", "side", "sig", "sign", "signature",
	"signed", "signout", "since", "sir", "sister", "skin", "sn", "so",
	"social", "son", "soon", "spanish", "specimen", "speech", "spine",
	"spoke", "sponsor", "spouse", "sr", "ssn", "stable", "staff", "stage",
	"stat", "state", "stated", "states", "status", "step", "stepdaughter",
	"stepfather", "stepmother", "stepson", "stroke", "subjective",
	"summary", "sunday", "surgeon", "surgery", "surgical", "sw",
	"sx", "syndrome", "tab", "tablet", "tablets", "tabs", "team", "tech",
	"technologist", "tee", "tel", "telehealth", "telephone", "texted",
	"than", "thank", "thanks", "that", "the", "their", "them", "then",
	"therapist", "therapy", "there", "these", "they", "this", "thoracic",
	"those", "thu", "thurs", "thursday", "tia", "tier", "time", "to",
	"today", "tomorrow", "tonight", "transport", "triage", "tsh", "tte",
	"tue", "tues", "tuesday", "tx", "type", "ua", "uncle", "understands",
	"understood", "unit", "units", "unknown", "update", "updated", "url",
	"urology", "us", "usa", "uti", "vascular", "verbalized", "verbalizes",
	"verified", "via", "video", "view", "views", "vin", "virtual", "visit",
	"visited", "visits", "vital", "vitals", "vitamin", "vre", "vs", "was",
	"wbc", "we", "web", "website", "wed", "wednesday", "week", "weekly",
	"weeks", "were", "what", "when", "where", "which", "who", "wife",
	"with", "without", "witness", "work", "worker", "would",
	"wound", "wrist", "xr", "year", "years", "yes", "yesterday", "yo",
	"you", "your", "zip", "zone", "zoom"
};

/*
 * Words that show the phrase is a place or an organisation: a name
 * candidate that runs into one is dropped.  Words that are also common
 * surnames ("Park", "Lane", "Church") are not here.  Lower case; sorted
 * at init.
 */
static const char *const place_words[] = {
	"academy", "assisted", "associates", "ave", "avenue", "blvd",
	"boulevard", "building", "campus", "cathedral", "center", "centre",
	"chapel", "children's", "clinic", "clinics", "co", "college",
	"company", "corp", "corporation", "ctr", "drive", "facility",
	"foundation", "group", "health", "healthcare", "highway",
	"hospice", "hospital", "hospitals", "hotel", "infirmary",
	"institute", "library", "llc", "llp", "ln", "ltd", "mall",
	"memorial", "ministries", "motel", "nursing", "parkway",
	"partners", "pediatrics", "pharmacy", "pkwy", "plaza", "practice",
	"presbyterian", "regional", "rehabilitation", "road", "school",
	"services", "system", "systems", "university"
};

#define NSTOP (sizeof(stop_words) / sizeof(stop_words[0]))
#define NPLACE (sizeof(place_words) / sizeof(place_words[0]))

/*
 * Months and their abbreviations end a name only before a day ("Dr. Ames
 * May 5"): several are given names too ("May", "Jun", "Jan").
 */
static const char *const month_names[] = {
	"Jan", "January", "Feb", "February", "Mar", "March", "Apr", "April",
	"May", "Jun", "June", "Jul", "July", "Aug", "August", "Sep", "Sept",
	"September", "Oct", "October", "Nov", "November", "Dec", "December"
};

struct names {
	struct rx *trig[NTRIGGERS];
	struct rx *word;	/* one token, anchored */
	struct rx *skip;	/* a title or "RN" to step over */
	struct rx *prep;	/* "in", "at" right before a one-word name */
	struct rx *pre;		/* small words that may stand before a name */
	struct rx *join;	/* ", " or " and " between two names */
	const char **stop;	/* stop_words, sorted */
	const char **place;	/* place_words, sorted */
	struct name_scorer scorer;
};

/* One token: groups 1 word, 2 initial, 3 all caps, 4 particle. */
static const char word_pattern[] =
	"\\G(?:(\\p{Lu}(?:'\\p{Lu})?\\p{Ll}+(?:\\p{Lu}\\p{Ll}+)?"
	"(?:-\\p{Lu}(?:'\\p{Lu})?\\p{Ll}+(?:\\p{Lu}\\p{Ll}+)?)*)" NA
	"|(\\p{Lu}\\.(?!\\p{L})|\\p{Lu}(?=[ \\t]{1,2}\\p{Lu}"
	"|[ \\t]*(?:\\r|\\n|\\z)))"
	"|(\\p{Lu}(?:'\\p{Lu})?\\p{Lu}+(?:-\\p{Lu}(?:'\\p{Lu})?\\p{Lu}+)*)"
	NA
	"|((?:van|von|de|del|della|der|den|di|da|dos|das|du|la|le|bin"
	"|ibn|al|el|ter|ten)(?=[ \\t](?:\\p{Lu}|(?:la|le|los|las|der|den"
	"|du|da|di|de)[ \\t]\\p{Lu}))))";

static const char skip_pattern[] =
	"\\G(?:" TITLES "|RN|NP|LPN|PA-C|MD|CNA|SW)[ \\t]{1,3}";

static const char join_pattern[] =
	"\\G(?:[ \\t]*,)?[ \\t]+(?:and|&)[ \\t]+";

static const char pre_pattern[] =
	NB "(?i:for|to|like|of|named|is|regarding|about|re|with|on|patient"
	"|pt|male|female|man|woman|boy|girl|and|by|called|name|case)"
	"[ \\t]+\\z";

static const char prep_pattern[] =
	NB "(?:in|at|from|of|to|near|into|toward|towards)[ \\t]+\\z";

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
names_fini(void *state)
{
	struct names *st = state;
	size_t i;

	if (st == NULL)
		return;
	for (i = 0; i < NTRIGGERS; i++)
		rx_free(st->trig[i]);
	rx_free(st->word);
	rx_free(st->skip);
	rx_free(st->prep);
	rx_free(st->pre);
	rx_free(st->join);
	free(st->stop);
	free(st->place);
	free(st);
}

static int
names_init(void **state, char *errbuf, size_t errlen)
{
	struct names *st;
	size_t i;

	st = calloc(1, sizeof(*st));
	if (st == NULL)
		return ERR_NOMEM;
	st->stop = sorted_copy(stop_words, NSTOP);
	st->place = sorted_copy(place_words, NPLACE);
	if (st->stop == NULL || st->place == NULL) {
		names_fini(st);
		return ERR_NOMEM;
	}
	for (i = 0; i < NTRIGGERS; i++) {
		st->trig[i] = rx_new(triggers[i].pattern, 0, errbuf, errlen);
		if (st->trig[i] == NULL)
			break;
	}
	if (i < NTRIGGERS ||
	    (st->word = rx_new(word_pattern, 0, errbuf, errlen)) == NULL ||
	    (st->skip = rx_new(skip_pattern, 0, errbuf, errlen)) == NULL ||
	    (st->prep = rx_new(prep_pattern, 0, errbuf, errlen)) == NULL ||
	    (st->pre = rx_new(pre_pattern, 0, errbuf, errlen)) == NULL ||
	    (st->join = rx_new(join_pattern, 0, errbuf, errlen)) == NULL) {
		names_fini(st);
		return ERR_INTERNAL;
	}
	*state = st;
	return 0;
}

/*
 * rate_word - how the word w (n bytes) reads: an enum rating.  The
 * lexicon scorer, when one is set, is asked first.
 */
static int
rate_word(const struct names *st, const char *w, size_t n)
{
	char low[WORD_MAX];
	size_t i;
	int r;

	if (st->scorer.rate != NULL) {
		r = st->scorer.rate(st->scorer.data, w, n);
		if (r != RATE_NONE)
			return r;
	}
	if (n >= sizeof(low))
		return RATE_NONE;
	for (i = 0; i < n; i++) {
		if ((unsigned char)w[i] >= 0x80)
			return RATE_NONE;
		low[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
	}
	low[n] = '\0';
	if (bsearch(low, st->place, NPLACE, sizeof(*st->place),
	    key_cmp) != NULL)
		return RATE_PLACE;
	if (bsearch(low, st->stop, NSTOP, sizeof(*st->stop), key_cmp) != NULL)
		return RATE_STOP;
	return RATE_NONE;
}

/* Whether the word is a month before a number. */
static int
month_before_day(const char *s, size_t len, size_t start, size_t end)
{
	size_t i, n = end - start;

	for (i = 0; i < sizeof(month_names) / sizeof(month_names[0]); i++)
		if (strlen(month_names[i]) == n &&
		    memcmp(s + start, month_names[i], n) == 0)
			break;
	if (i == sizeof(month_names) / sizeof(month_names[0]))
		return 0;
	for (i = end; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	return i > end && i < len && s[i] >= '0' && s[i] <= '9';
}

/* A name being read. */
struct cand {
	size_t start, end;
	int words;		/* capitalised or all-caps words */
	int tokens;		/* words and initials */
	int caps;		/* the first word was all caps */
	int place;		/* it ran into a place word */
};

/*
 * Read the token at pos into *kind and *end.  Returns 1, 0 when there is
 * none, or a negative ERR_*.
 */
static int
token_at(const struct names *st, const char *s, size_t len, size_t pos,
    int *kind, size_t *end)
{
	struct rx_match m;
	int rc, g;

	rc = rx_find(st->word, s, len, pos, &m);
	if (rc <= 0)
		return rc;
	for (g = TOK_WORD; g <= TOK_PARTICLE; g++)
		if (m.start[g] != SIZE_MAX)
			break;
	*kind = g;
	*end = m.end[0];
	return 1;
}

/*
 * Whether the token [start, end) of kind may join the candidate c;
 * marks c->place when it is a place word after a first word ("Kestrel
 * Hospital").  A place word that comes first is a surname ("Mr. Park").
 */
static int
token_ok(const struct names *st, const char *s, size_t len, size_t start,
    size_t end, int kind, unsigned opts, struct cand *c)
{
	int r;

	if (kind == TOK_CAPS && (!(opts & OPT_CAPS) ||
	    (c->tokens > 0 && !c->caps)))
		return 0;
	if (kind == TOK_WORD && c->caps && c->tokens > 0 &&
	    !(opts & OPT_COMMA))
		return 0;
	if (kind == TOK_PARTICLE && c->tokens == 0)
		return 0;
	if (kind != TOK_WORD && kind != TOK_CAPS)
		return 1;
	r = rate_word(st, s + start, end - start);
	if (r == RATE_PLACE && c->tokens == 0)
		r = RATE_NONE;
	if (r == RATE_PLACE)
		c->place = 1;
	if (r < 0)
		return 0;
	return !month_before_day(s, len, start, end);
}

/* Step over 1..MAX_GAP spaces or tabs; the new position or 0. */
static size_t
gap_after(const char *s, size_t len, size_t pos)
{
	size_t i;

	for (i = pos; i < len && i - pos <= MAX_GAP &&
	    (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i == pos || i - pos > MAX_GAP)
		return 0;
	return i;
}

static void
cand_add(struct cand *c, size_t start, size_t end, int kind)
{
	if (c->tokens == 0) {
		c->start = start;
		c->caps = kind == TOK_CAPS;
	}
	c->end = end;
	c->tokens += kind != TOK_PARTICLE;
	c->words += kind == TOK_WORD || kind == TOK_CAPS;
}

/*
 * Read a name forward from pos into *c: tokens separated by short gaps,
 * ending before a stop word, a possessive 's or the line's end.
 * Returns 0 or a negative ERR_*.
 */
static int
read_forward(const struct names *st, const char *s, size_t len,
    size_t pos, unsigned opts, struct cand *c)
{
	size_t end, next;
	int kind, rc;

	memset(c, 0, sizeof(*c));
	while (c->tokens < MAX_WORDS) {
		rc = token_at(st, s, len, pos, &kind, &end);
		if (rc <= 0)
			return rc;
		if (!token_ok(st, s, len, pos, end, kind, opts, c))
			return 0;
		cand_add(c, pos, end, kind);
		if (end + 1 < len && s[end] == '\'' && s[end + 1] == 's')
			return 0;
		next = gap_after(s, len, end);
		if (next == 0)
			return 0;
		pos = next;
	}
	return 0;
}

/* Whether only spaces, then a newline, a comma or the end follow. */
static int
ends_line(const char *s, size_t len, size_t end)
{
	size_t i;

	for (i = end; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	return i == len || s[i] == '\n' || s[i] == '\r' || s[i] == ',';
}

/*
 * Drop trailing particles and bare initials: "John A" is "John", but
 * "SMITH, JOHN A" at the line's end keeps its initial.
 */
static int
trim_tail(const struct names *st, const char *s, size_t len,
    struct cand *c)
{
	size_t pos, end, next, last_ok;
	int kind, n = 0, seen = 0, rc;

	if (c->tokens == 0)
		return 0;
	last_ok = c->start;
	for (pos = c->start; pos < c->end; pos = next) {
		rc = token_at(st, s, len, pos, &kind, &end);
		if (rc <= 0)
			return rc;
		n += kind != TOK_PARTICLE;
		if (kind == TOK_WORD || kind == TOK_CAPS ||
		    (kind == TOK_INITIAL && (s[end - 1] == '.' ||
		    ends_line(s, len, end)))) {
			last_ok = end;
			seen = n;
		}
		next = gap_after(s, len, end);
		if (end >= c->end || next == 0)
			break;
	}
	if (last_ok < c->end) {
		c->end = last_ok;
		c->tokens = seen;
	}
	return 0;
}

/*
 * Read "Last, First M." at pos into *c.  Returns 1 when found, 0 when
 * not, or a negative ERR_*.
 */
static int
read_comma(const struct names *st, const char *s, size_t len, size_t pos,
    unsigned opts, struct cand *c)
{
	struct cand first;
	size_t end, next;
	int kind, rc;

	memset(c, 0, sizeof(*c));
	rc = token_at(st, s, len, pos, &kind, &end);
	if (rc <= 0)
		return rc;
	if ((kind != TOK_WORD && kind != TOK_CAPS) ||
	    !token_ok(st, s, len, pos, end, kind, opts | OPT_COMMA, c))
		return 0;
	if (end >= len || s[end] != ',')
		return 0;
	next = gap_after(s, len, end + 1);
	if (next == 0)
		return 0;
	rc = read_forward(st, s, len, next, opts | OPT_COMMA, &first);
	if (rc < 0)
		return rc;
	rc = trim_tail(st, s, len, &first);
	if (rc < 0)
		return rc;
	if (first.words == 0 || first.tokens > 2 || first.place)
		return 0;
	c->start = pos;
	c->end = first.end;
	c->words = 1 + first.words;
	c->tokens = 1 + first.tokens;
	return 1;
}

/* Whether the byte may be part of a token read backward. */
static int
back_byte(unsigned char b)
{
	return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') ||
	    b >= 0x80 || b == '\'' || b == '-';
}

/*
 * Read a name backward, ending at end, into *c; a particle counts only
 * when a word stands before it ("de la Fuente").  Returns 0 or a
 * negative ERR_*.
 */
static int
read_backward(const struct names *st, const char *s, size_t len,
    size_t end, unsigned opts, struct cand *c)
{
	struct cand tmp;
	size_t b, e = end, tend;
	int kind, rc;

	memset(c, 0, sizeof(*c));
	while (c->tokens < MAX_WORDS && e > 0) {
		b = e;
		if (s[b - 1] == '.')
			b--;
		while (b > 0 && back_byte((unsigned char)s[b - 1]))
			b--;
		if (b == e)
			break;
		rc = token_at(st, s, len, b, &kind, &tend);
		if (rc < 0)
			return rc;
		tmp = *c;
		tmp.tokens = 0;
		if (rc == 0 || tend != e ||
		    (kind == TOK_PARTICLE && c->tokens == 0) ||
		    (kind != TOK_PARTICLE &&
		    !token_ok(st, s, len, b, e, kind, opts, &tmp)) ||
		    (c->tokens > 0 && kind != TOK_PARTICLE &&
		    c->caps != (kind == TOK_CAPS)))
			break;
		if (c->tokens == 0) {
			c->end = e;
			c->caps = kind == TOK_CAPS;
		}
		if (kind != TOK_PARTICLE) {
			c->start = b;
			c->tokens++;
			c->words += kind != TOK_INITIAL;
		}
		if (b == 0 || (s[b - 1] != ' ' && s[b - 1] != '\t'))
			break;
		for (e = b; e > 0 && b - e < MAX_GAP &&
		    (s[e - 1] == ' ' || s[e - 1] == '\t'); e--)
			;
		if (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
			break;
	}
	return 0;
}

/* Where a look back of at most n bytes before pos may start. */
static size_t
back_from(const char *s, size_t pos, size_t n)
{
	size_t i = pos > n ? pos - n : 0;

	while (i < pos && ((unsigned char)s[i] & 0xc0) == 0x80)
		i++;
	return i;
}

/*
 * A credential that is also a state ("Boston, MA 02139", "lives in
 * Baltimore, MD"): the name is dropped.
 */
static int
state_lookalike(const struct names *st, const char *s, size_t len,
    const struct rx_match *m, const struct cand *c)
{
	struct rx_match p;
	size_t i;
	int rc;

	for (i = m->end[0]; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i + 5 <= len && strspn(s + i, "0123456789") >= 5)
		return 1;
	if (c->words > 1)
		return 0;
	rc = rx_find(st->prep, s, c->start, back_from(s, c->start, 24), &p);
	return rc != 0;
}

/*
 * Whether the name starting at start is set off before: the line's
 * start, a comma, a colon, a parenthesis, or a small word ("for",
 * "like", "patient").  Returns 1, 0 or a negative ERR_*.
 */
static int
set_off_before(const struct names *st, const char *s, size_t start)
{
	struct rx_match m;
	size_t i;

	for (i = start; i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'); i--)
		;
	if (i == 0 || strchr("\n\r,:;(", s[i - 1]) != NULL)
		return 1;
	return rx_find(st->pre, s, start, back_from(s, start, 24), &m);
}


/*
 * Whether a lower-case word, a comma or a parenthesis follows on the
 * line: "Patient Ida Moss is", not a heading "Patient Education Given".
 */
static int
lower_next(const char *s, size_t len, size_t end)
{
	size_t i;

	for (i = end; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	return i < len && ((s[i] >= 'a' && s[i] <= 'z') || s[i] == ',' ||
	    s[i] == '(');
}

/* Whether c is good enough to keep under the trigger's options. */
static int
cand_ok(const struct cand *c, unsigned opts)
{
	if (c->place || c->tokens == 0)
		return 0;
	if (c->words == 0 && !(opts & OPT_ONE))
		return 0;
	return c->tokens >= ((opts & OPT_ONE) ? 1 : 2);
}

/*
 * Read the name a forward trigger points at (pos).  Returns 1 and fills
 * *c, 0, or a negative ERR_*.
 */
static int
name_forward(const struct names *st, const char *s, size_t len,
    size_t pos, unsigned opts, struct cand *c)
{
	struct rx_match m;
	int rc;

	if (opts & OPT_SKIP) {
		rc = rx_find(st->skip, s, len, pos, &m);
		if (rc < 0)
			return rc;
		if (rc == 1)
			pos = m.end[0];
	}
	if (opts & OPT_COMMA) {
		rc = read_comma(st, s, len, pos, opts, c);
		if (rc != 0)
			return rc;
	}
	rc = read_forward(st, s, len, pos, opts, c);
	if (rc == 0)
		rc = trim_tail(st, s, len, c);
	if (rc < 0)
		return rc;
	if (!cand_ok(c, opts))
		return 0;
	if ((opts & OPT_EOL) && !ends_line(s, len, c->end))
		return 0;
	if ((opts & OPT_LOWER) && !lower_next(s, len, c->end))
		return 0;
	return 1;
}

/* The names found so far, for the second pass. */
struct found {
	size_t start[MAX_FOUND], end[MAX_FOUND];
	size_t n;
};

static int
emit(struct found *f, struct spans *out, const struct cand *c,
    float score, const char *name)
{
	if (f->n < MAX_FOUND) {
		f->start[f->n] = c->start;
		f->end[f->n] = c->end;
		f->n++;
	}
	return spans_add(out, c->start, c->end, PHI_NAME, score, name);
}

/* The candidate for one trigger match.  Returns 1, 0 or ERR_*. */
static int
name_at(const struct names *st, const struct trigger *t, const char *s,
    size_t len, const struct rx_match *m, struct cand *c)
{
	int rc;

	if (t->opts & OPT_DIRECT) {
		memset(c, 0, sizeof(*c));
		rc = read_forward(st, s, len, m->start[0], 0, c);
		if (rc < 0)
			return rc;
		return c->words == 1 && c->tokens == 2 && !c->place &&
		    c->end == m->end[0];
	}
	if (!(t->opts & OPT_BACK))
		return name_forward(st, s, len, m->end[0], t->opts, c);
	rc = read_backward(st, s, len, m->start[0], t->opts, c);
	if (rc < 0)
		return rc;
	if (!cand_ok(c, t->opts) || c->words == 0 ||
	    (c->caps && c->words < 2))
		return 0;
	if ((t->opts & OPT_CRED) && state_lookalike(st, s, len, m, c))
		return 0;
	if (t->opts & OPT_PRE)
		return set_off_before(st, s, c->start);
	return 1;
}

/*
 * More names joined to the one in c by "and" or "&":
 * "daughters Ann and Bo".  Returns 0 or a negative ERR_*.
 */
static int
name_list(const struct names *st, const struct trigger *t, const char *s,
    size_t len, struct cand *c, struct found *f, struct spans *out)
{
	struct rx_match m;
	int rc, n;

	for (n = 0; n < MAX_WORDS && c->tokens > 0; n++) {
		rc = rx_find(st->join, s, len, c->end, &m);
		if (rc <= 0)
			return rc;
		rc = name_forward(st, s, len, m.end[0], t->opts, c);
		if (rc == 1)
			rc = emit(f, out, c, t->score, t->name);
		if (rc <= 0)
			return rc;
	}
	return 0;
}

static int
scan_trigger(const struct names *st, size_t i, const char *s, size_t len,
    struct found *f, struct spans *out)
{
	const struct trigger *t = &triggers[i];
	struct rx_match m;
	struct cand c;
	size_t from = 0;
	int rc;

	while ((rc = rx_find(st->trig[i], s, len, from, &m)) == 1) {
		from = m.end[0] > m.start[0] ? m.end[0] : m.start[0] + 1;
		rc = name_at(st, t, s, len, &m, &c);
		if (rc == 1)
			rc = emit(f, out, &c, t->score, t->name);
		if (rc == 0 && (t->opts & OPT_LIST))
			rc = name_list(st, t, s, len, &c, f, out);
		if (rc < 0)
			return rc;
	}
	return rc;
}

static int
word_byte(unsigned char b)
{
	return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') ||
	    (b >= '0' && b <= '9') || b >= 0x80;
}

/* Add every other whole-word occurrence of s[ws..we). */
static int
repeat_word(const char *s, size_t len, size_t ws, size_t we,
    struct spans *out)
{
	const char *p;
	size_t n = we - ws, at, from = 0;
	int rc;

	while (from + n <= len &&
	    (p = memmem(s + from, len - from, s + ws, n)) != NULL) {
		at = (size_t)(p - s);
		from = at + n;
		if (at == ws)
			continue;
		if ((at > 0 && word_byte((unsigned char)s[at - 1])) ||
		    (from < len && word_byte((unsigned char)s[from])))
			continue;
		rc = spans_add(out, at, from, PHI_NAME, 0.7f, "name.repeat");
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The second pass: the words of the names found, found again. */
static int
scan_repeats(const struct names *st, const char *s, size_t len,
    const struct found *f, struct spans *out)
{
	size_t i, pos, end;
	int kind, rc;

	for (i = 0; i < f->n; i++) {
		for (pos = f->start[i]; pos < f->end[i]; ) {
			rc = token_at(st, s, len, pos, &kind, &end);
			if (rc < 0)
				return rc;
			if (rc == 0)
				break;
			if ((kind == TOK_WORD || kind == TOK_CAPS) &&
			    end - pos >= 3)
				rc = repeat_word(s, len, pos, end, out);
			if (rc < 0)
				return rc;
			for (pos = end; pos < f->end[i] &&
			    !back_byte((unsigned char)s[pos]); pos++)
				;
		}
	}
	return 0;
}

static int
names_scan(const void *state, const struct recog_ctx *ctx,
    struct spans *out)
{
	const struct names *st = state;
	struct found f;
	const char *s;
	size_t len, i;
	int rc = 0;

	s = text_view(ctx->text, &len);
	f.n = 0;
	for (i = 0; i < NTRIGGERS && rc == 0; i++)
		rc = scan_trigger(st, i, s, len, &f, out);
	if (rc == 0)
		rc = scan_repeats(st, s, len, &f, out);
	return rc;
}

const struct recognizer_ops recognizer_names = {
	.name = "names",
	.init = names_init,
	.fini = names_fini,
	.scan = names_scan
};
