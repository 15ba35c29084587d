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
 * initials, lower-case particles inside ("van", "de la", and first after
 * a title: "Ms. de la Vega"), all-caps words after labels, up to
 * MAX_WORDS tokens.  "Last, First M." is read after labels.  The span
 * leaves out the title, the credential and a possessive 's.  One line
 * break may follow a title, a label, a relative or a verb ("seen by\n
 * Dr. Orvane"), or part a first name from the surname ("Adaeze\n
 * Quillby"), when the lexicon backs the words (line_join, break_ok).
 *
 * Every word is rated by one function, rate_word().  Today it knows two
 * lists written here: common and clinical words that end a name, and
 * place words that show the phrase is a facility or a street (then the
 * candidate is dropped).  A scorer may plug in there through struct
 * name_scorer, without changing the triggers.
 *
 * Then the lexicon pass finds names no trigger points at, from
 * evidence (see scan_lexicon): given-name births and surname ranks
 * against English word frequency (lexicon.h), the value's own case
 * profile (mixed, all capitals, all lower case), the position in the
 * sentence, what follows or precedes ("said", "'s", "says"), lists of
 * names, and clinical word lists (namewords.h: eponyms and the words
 * after them, drugs, analytes, brands) that veto a word.
 *
 * Then small passes over the value's lines and commas: the speakers of
 * a dialogue ("Orvane: Who are you?"), the members of a list next to a
 * name found ("Hale and White"), and names called to ("Orvane, can
 * I ...", "..., Maren!").
 *
 * Last, a word of a name found in the value (not an initial) is looked
 * for again elsewhere in the same value: "Ms. Quell" in the history makes
 * a later bare "Quell" a name too.
 *
 * Speed: no pattern is run over the whole value.  One pass finds the
 * words and bytes where a trigger's match may start (its gate, see
 * struct trigger), and the trigger's pattern, anchored with \G, is
 * tried only there, left to right: the matches are those the pattern
 * would find in the whole value.  Tokens of ASCII text are read in C
 * (ascii_token), word lists are hash tables, and the repeats are looked
 * for at capitalised word starts only.  The lexicon pass looks words
 * up only where a run may start (capitalised words in mixed-case text)
 * and once per word.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "err.h"
#include "lexicon.h"
#include "namewords.h"
#include "recognizer.h"
#include "rx.h"
#include "wordtab.h"

#define MAX_WORDS	4	/* tokens in one name */
#define MAX_GAP		2	/* spaces or tabs between two tokens */
#define MAX_FOUND	64	/* names remembered for the second pass */
#define MAX_SOURCES	((size_t)MAX_FOUND * MAX_WORDS)	/* their words */
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
	OPT_LIST = 1 << 10,	/* "and" may add more names: "Ann and Bo" */
	OPT_LEAD = 1 << 11,	/* a particle may come first: "de la Vega" */
	OPT_TRUST = 1 << 12,	/* a line break after the cue needs no lexicon
				   evidence (a title) */
	OPT_JOIN = 1 << 13,	/* a first name may end its line, the surname
				   start the next (set by name_forward) */
	OPT_LOWER_OK = 1 << 14,	/* a name in lower case the lexicon backs:
				   "my name is orvane" */
	OPT_LOWER_CUE = 1 << 15,	/* a lower-case given name that is no
				   common word: "seen by jane doe" */
	OPT_LOWER_ANY = 1 << 16,	/* the same, a word in no list too
				   (after a title: "dr okafor") */
	OPT_CAPS_EV = 1 << 17	/* all-caps names the lexicon backs:
				   "Pt ODILE MARAVEL QUENBY presented" */
};

/*
 * Where a trigger's match may start, relative to a gate event (a gate
 * word or byte, see struct trigger).
 */
enum {
	AT_WORD = 1,		/* at the word or byte itself */
	AT_BLANKS = 2,		/* at the blanks before it, or at it */
	AT_LINE = 3,		/* at its line's start, only blanks between */
	AT_INITIAL = 4,		/* at a word before an initial: "Anna K." */
	AT_WHERE = 7,		/* the bits above */
	AT_PLURAL = 1 << 3,	/* the gate words take an "s" too */
	AT_COLON = 1 << 4	/* a ':' follows on the line (labels) */
};

/*
 * A trigger's pattern is tried only where its gate says a match may
 * start.  The gate is a list of items split by spaces:
 *   word     a word a match may start with, in lower case: its first
 *            run of ASCII letters ("co" for "co-signed", "d" for "d/w")
 *   word.    the same word right before that byte ("a." for "a.k.a.")
 *   ,        a punctuation byte a match may start at
 *   >class   the bytes that may come first after a gate byte and any
 *            blanks ("a-z" a range, "~" any non-ASCII byte)
 *   +class   the same after a gate word's letters
 *   | w ...  the words that may come first after a gate byte and any
 *            blanks (then a letter must start one of them)
 * and at says where, relative to a gate word or byte, the match starts.
 * A word with a non-ASCII letter next to its first letters opens every
 * word gate and passes every check (caseless matching folds some of
 * those to ASCII letters).  Whoever adds a first word to a pattern adds
 * it to the gate too.  A NULL gate runs the pattern over the whole
 * value.
 */
struct trigger {
	const char *pattern;
	unsigned opts;
	float score;
	const char *name;
	const char *gate;
	unsigned at;
};

#define NB "(?<![\\p{L}\\p{N}])"	/* not inside a word */
#define BREAK "[ \\t]*\\r?\\n[ \\t]*"	/* one line break, blanks around */
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

/* The first words of RELATIONS, for the gate. */
#define RELATION_WORDS \
	"daughter son wife husband mother father sister brother spouse" \
	" partner fiance fiancee girlfriend boyfriend friend neighbor" \
	" neighbour niece nephew grandson granddaughter grandmother" \
	" grandfather grandma grandpa grandchild aunt uncle cousin stepson" \
	" stepdaughter stepmother stepfather caregiver caretaker roommate" \
	" guardian sibling mom dad mum child godmother godfather sponsor"

#define CREDS \
	"(?:M\\.D\\.|MD|D\\.O\\.|DO|R\\.N\\.|RN|NP|PA-C|PA|Ph\\.D\\.|PhD" \
	"|LCSW|LICSW|LMSW|LSW|MSW|PT|DPT|OTR/L|OTR|OTD|OT|CNM|CNS|CRNA" \
	"|LPN|LVN|CNA|APRN|ARNP|FNP-BC|FNP-C|FNP|ANP|AGNP|AGACNP|ACNP" \
	"|PMHNP|CPNP|WHNP|NNP|DNP|PharmD|RPh|DDS|DMD|OD|MBBS|FACC|FACS" \
	"|FACP|FAAP|FACOG|MPH|MS|MA|MBA|RD|RDN|LD|SLP|CCC-SLP|RRT|RT|BSN" \
	"|MSN|CDE|CDCES|LMFT|LPC|LMHC|PsyD|EdD|BCBA|CCM|ATC|EMT-P|EMT|CMA" \
	"|IBCLC|RNC-OB|RNC|CNP|CPhT)"

/* The first runs of letters of CREDS, for the gate. */
#define CRED_WORDS \
	"m md d do r rn np pa ph phd lcsw licsw lmsw lsw msw pt dpt otr otd" \
	" ot cnm cns crna lpn lvn cna aprn arnp fnp anp agnp agacnp acnp" \
	" pmhnp cpnp whnp nnp dnp pharmd rph dds dmd od mbbs facc facs facp" \
	" faap facog mph ms ma mba rd rdn ld slp ccc rrt rt bsn msn cde cdces" \
	" lmft lpc lmhc psyd edd bcba ccm atc emt cma ibclc rnc cnp cpht"

#define CREDS_STRICT \
	"(?:M\\.D\\.|MD|D\\.O\\.|DO(?![ \\t]+NOT)|RN|NP|PA-C|PhD|DPT|LCSW" \
	"|LICSW|MSW|CNM|FNP|APRN|CRNA|LPN|DNP|PharmD|PsyD|DDS|DMD)"

static const struct trigger triggers[] = {
	{ NB TITLES "(?:[ \\t]{1,3}|(?<=\\.)" BREAK ")",
	    OPT_CAPS | OPT_ONE | OPT_LEAD | OPT_TRUST, 0.9f, "name.title",
	    "dr mr mrs ms mx prof sr fr rev hon miss mister doctor nurse"
	    " sister madam sir dame", AT_WORD },
	{ NB "(?:dr\\.?|doctor|nurse|mrs\\.?|mr\\.|ms\\.)[ \\t]{1,3}"
	    "(?=\\p{Ll})",
	    OPT_ONE | OPT_LOWER_CUE | OPT_LOWER_ANY, 0.75f, "name.title",
	    "dr doctor nurse mrs mr ms", AT_WORD },
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
	    "(?:[ \\t]*\\#?[ \\t]*\\d)?[ \\t]*:[ \\t]*(?:" BREAK ")?",
	    OPT_CAPS | OPT_COMMA | OPT_ONE | OPT_SKIP, 0.9f, "name.label",
	    "attending resident fellow intern pcp primary referring provider"
	    " physician surgeon anesthesia anesthesiologist consultant"
	    " radiologist pathologist nurse rn np md lpn cna therapist slp"
	    " case social sw cm midwife obstetrician pediatrician oncologist"
	    " cardiologist signed co cosigned electronically dictated"
	    " transcribed transcriptionist author authored guardian poa hcp"
	    " hcpoa health proxy surrogate nok next witness interpreter"
	    " technologist tech sonographer scribe preceptor chaplain"
	    " dietitian pharmacist clinician practitioner caregiver supervisor"
	    " coordinator navigator rep representative fob mob guarantor"
	    " policy responsible cosigner ordering admitting discharging"
	    " consulting covering treating rendering reading performing"
	    " supervising delivering",
	    AT_WORD | AT_COLON },
	{ NB "(?i:patient|pt|name|patient[ \\t]+name|pt[ \\t]+name"
	    "|full[ \\t]+name|client|resident[ \\t]+name|member|insured"
	    "|subscriber|caller|contact|emergency[ \\t]+contact"
	    "|to|from|cc|attn|attention|informant|historian|source|spouse"
	    "|mother|father|baby|infant|newborn|(?:mother|father)'s[ \\t]+name"
	    "|parent|parents|family|visitor|requestor|requester|recipient"
	    "|sender|employer[ \\t]+contact|accompanied[ \\t]+by)"
	    "(?:[ \\t]*\\#?[ \\t]*\\d)?[ \\t]*:[ \\t]*(?:" BREAK ")?",
	    OPT_CAPS | OPT_COMMA | OPT_SKIP, 0.85f, "name.label",
	    "patient pt name full client resident member insured subscriber"
	    " caller contact emergency to from cc attn attention informant"
	    " historian source spouse mother father baby infant newborn parent"
	    " parents family visitor requestor requester recipient sender"
	    " employer accompanied", AT_WORD | AT_COLON },
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
	    "|thank[ \\t]+you|thanks)" NA "[ \\t]*[,:]?[ \\t]*(?:" BREAK ")?",
	    OPT_ONE | OPT_SKIP | OPT_LOWER_CUE | OPT_CAPS_EV, 0.75f,
	    "name.context",
	    "seen examined evaluated assessed signed co cosigned countersigned"
	    " dictated transcribed reviewed read interpreted performed"
	    " verified authenticated approved ordered referred registered"
	    " taken prepared completed documented entered written attested"
	    " accompanied covered supervised delivered assisted witnessed"
	    " translated consented obtained brought driven visited contacted"
	    " accepted requested received counseled staffed precepted scribed"
	    " recorded called paged phoned raised adopted cared spoke speaking"
	    " spoken talked talking discussed discussing met meeting consulted"
	    " conferred d left routed faxed sent forwarded copied transferred"
	    " assigned handed reported presented notified informed updated"
	    " messaged texted emailed thanked per c care dear thank thanks",
	    AT_WORD },
	{ NB "(?i:" RELATIONS ")" NA "(?:[ \\t]+of[ \\t]+(?:the[ \\t]+)?"
	    "(?:baby|infant|child|patient|pt|newborn))?[ \\t]*[,:(]?[ \\t]*"
	    "(?:" BREAK ")?(?:(?:is|named)[ \\t]+)?",
	    OPT_ONE | OPT_LIST | OPT_LOWER_CUE | OPT_CAPS_EV, 0.75f,
	    "name.relation",
	    RELATION_WORDS, AT_WORD | AT_PLURAL },
	{ NB "(?i:male|female|man|woman|gentleman|lady|boy|girl|patient|pt"
	    "|child|infant|baby|veteran|individual|person)[ \\t]*,[ \\t]*",
	    0, 0.7f, "name.apposition",
	    "male female man woman gentleman lady boy girl patient pt child"
	    " infant baby veteran individual person +,", AT_WORD },
	{ NB "(?i:named(?:[ \\t]+(?:him|her))?|name[ \\t]+is|goes[ \\t]+by"
	    "|known[ \\t]+as|aka|call(?:s|ed)?[ \\t]+me"
	    "|(?:patient|pt)(?:'?s)?[ \\t]+name(?:[ \\t]+is)?"
	    "|a\\.k\\.a\\.)[ \\t]+",
	    OPT_ONE | OPT_LOWER_OK, 0.8f, "name.context",
	    "named name goes known aka call calls called patient pt patients"
	    " pts a.", AT_WORD },
	{ "(?m)^[ \\t]*(?i:re|regarding|subject)[ \\t]*:[ \\t]*",
	    OPT_CAPS | OPT_COMMA | OPT_SKIP, 0.85f, "name.label",
	    "re regarding subject", AT_LINE | AT_COLON },
	{ NB "(?i:i'm|i[ \\t]+am|this[ \\t]+is|speaking[ \\t]+with"
	    "|talking[ \\t]+to)[ \\t]+(?=\\p{Lu})", 0, 0.7f, "name.context",
	    "i this speaking talking", AT_WORD },
	{ NB "(?i:patient|pt)[ \\t]+(?=\\p{Lu})", OPT_LOWER | OPT_CAPS_EV,
	    0.7f, "name.context",
	    "patient pt +A-Z~", AT_WORD },
	{ "(?m)^[ \\t]*--+[ \\t]*(?=\\p{Lu})", OPT_ONE | OPT_EOL, 0.7f,
	    "name.signature",
	    "-", AT_LINE },
	{ NB "(?:RN|LPN|LVN|NP|CNA|APRN|CRNA|CNM|PA-C|MSW|LCSW|SW"
	    "|(?i:nurse[ \\t]+practitioner|physician[ \\t]+assistant"
	    "|social[ \\t]+worker|case[ \\t]+manager|physical[ \\t]+therapist"
	    "|occupational[ \\t]+therapist|speech[ \\t]+therapist|chaplain"
	    "|midwife|pharmacist|dietitian|hospitalist|radiologist"
	    "|interpreter|surgeon))[ \\t]+(?=\\p{Lu})",
	    0, 0.8f, "name.credential",
	    "rn lpn lvn np cna aprn crna cnm pa msw lcsw sw nurse physician"
	    " social case physical occupational speech chaplain midwife"
	    " pharmacist dietitian hospitalist radiologist interpreter surgeon",
	    AT_WORD },
	{ ",[ \\t]*" CREDS
	    "(?:,[ \\t]*" CREDS ")*" NA,
	    OPT_BACK | OPT_CRED | OPT_CAPS | OPT_ONE, 0.9f,
	    "name.credential",
	    ", | " CRED_WORDS, AT_WORD },
	{ "[ \\t]+" CREDS_STRICT NA, OPT_BACK | OPT_CRED | OPT_ONE, 0.85f,
	    "name.credential",
	    "m md d do rn np pa phd dpt lcsw licsw msw cnm fnp aprn crna lpn"
	    " dnp pharmd psyd dds dmd", AT_BLANKS },
	{ "[ \\t]*\\((?i:" RELATIONS "|self|patient|pt|pcp|hcp|poa|nok"
	    "|emergency[ \\t]+contact|legal[ \\t]+guardian)\\)",
	    OPT_BACK | OPT_ONE, 0.8f, "name.relation",
	    "( >~ | " RELATION_WORDS " self patient pt pcp hcp poa nok"
	    " emergency legal", AT_BLANKS | AT_PLURAL },
	{ "[ \\t]+(?:reports|reported|states|stated|denies|endorses"
	    "|presents|presented|complains|notes|returns|returned|arrives"
	    "|arrived|agrees|was[ \\t]+seen|is[ \\t]+a|was[ \\t]+admitted"
	    "|visited|called|came|comes|tolerated|ambulated|underwent"
	    "|was[ \\t]+brought)" NA,
	    OPT_BACK | OPT_PRE | OPT_CAPS_EV, 0.7f, "name.context",
	    "reports reported states stated denies endorses presents presented"
	    " complains notes returns returned arrives arrived agrees was is"
	    " visited called came comes tolerated ambulated underwent",
	    AT_BLANKS },
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
	    OPT_BACK | OPT_PRE, 0.7f, "name.apposition",
	    "who whose checked mentioned , ( ' >0-9 | who whose treated seen"
	    " admitted presented presenting diagnosed evaluated age aged ages"
	    " dob d mrn born last recently currently from residing resident"
	    " living lives at patient pt given mentioned checked referred"
	    " scheduled discharged followed undergoing s status had has was is"
	    " with a an", AT_BLANKS },
	{ NB "\\p{Lu}\\p{Ll}+[ \\t]+\\p{Lu}\\.(?=[ \\t]*[,;)]|[ \\t]*$"
	    "|[ \\t]+(?:who|was|is|has|had|with|at|from|and|in|on|to|for"
	    "|presented|admitted|seen|reports|age|aged|DOB)" NA ")",
	    OPT_DIRECT, 0.6f, "name.initial",
	    "", AT_INITIAL }
};

#define NTRIGGERS (sizeof(triggers) / sizeof(triggers[0]))

_Static_assert(NTRIGGERS <= 28, "a mask holds 32 bits");

/* The event bit of a word that starts with a capital (for repeats). */
#define CAP_EVENT	((uint32_t)1 << NTRIGGERS)

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
 * surnames ("Park", "Lane", "Church") are not here.  Lower case.
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
#define KEY_MAX	32	/* a gate or list word is shorter than this */

/* Byte classes. */
enum {
	BC_ALPHA = 1 << 0,	/* an ASCII letter */
	BC_DIGIT = 1 << 1,	/* an ASCII digit */
	BC_LEAD = 1 << 2,	/* the first byte of a non-ASCII character */
	BC_GATE = 1 << 3	/* a gate byte */
};

/*
 * Masks in the list table: the two lists, and bit LIST_FOLLOW + i for
 * the follow words of triggers[i].
 */
enum {
	LIST_STOP = 1 << 0,	/* stop_words */
	LIST_PLACE = 1 << 1,	/* place_words */
	LIST_PARTICLE = 1 << 2,	/* PARTICLE_WORDS */
	LIST_ARTICLE = 1 << 3,	/* ARTICLE_WORDS */
	LIST_FOLLOW = 4
};

/* Where the namewords classes sit in the list table's bits. */
#define NW_SHIFT	24

/* Verbs that follow a person's name ("Ilse said"), in the list table. */
#define LIST_PVERB	(1u << 27)

/* Words before a person's name ("says", "call me"), in the list table. */
#define LIST_PBEFORE	(1u << 28)

/* Titles among them: a word in no list after one is a name too. */
#define LIST_PTITLE	(1u << 29)

#define PTITLE_WORDS	"dr mr mrs ms miss"

/*
 * Words after a name and a comma that show the name is called to
 * ("Orvane, can I speak to you?"), in the list table.
 */
#define LIST_VOCUE	(1u << 30)

/* Determiners: a word after one is a thing ("my iban is"). */
#define LIST_DET	(1u << 31)

#define DET_WORDS \
	"a an the my your his her our their its this that these those"

#define VOCUE_WORDS \
	"can could would will please do did are is have i you we let" \
	" thank thanks what where how why when"

#define PBEFORE_WORDS \
	"says said named call calls me hi hello dear producer starring" \
	" features featuring add name dr mr mrs ms miss wife husband" \
	" daughter son mother father sister brother niece nephew aunt" \
	" uncle friend spouse partner fiance girlfriend boyfriend" \
	" grandson granddaughter"

#define PVERB_WORDS \
	"is was has had lives lived spent began said says shouted told" \
	" asked wrote went came gave got likes loves works worked married" \
	" moved died explained points listed will would can could did does" \
	" stated his her"

_Static_assert(LIST_FOLLOW + NTRIGGERS <= NW_SHIFT, "list bits overlap");

struct names {
	struct rx *trig[NTRIGGERS];	/* anchored (\G) when gated */
	struct wordtab *gate;	/* bit i: triggers[i] */
	struct wordtab *lists;	/* LIST_* */
	uint32_t byte_gate[128];	/* triggers opened by a byte */
	uint32_t tri[27 * 27];	/* the first letters of gate words */
	unsigned char bc[256];	/* byte classes, BC_* */
	uint64_t next[NTRIGGERS][2][4];	/* bytes after a gate byte [0]
					   or word [1] */
	uint32_t has_next[2];	/* triggers with a next set */
	uint32_t has_follow;	/* triggers with follow words */
	uint64_t punct[2];	/* bytes of "word." gate items */
	uint32_t wild;		/* triggers opened by any word */
	uint32_t initial;	/* AT_INITIAL triggers */
	struct rx *word;	/* one token, anchored */
	struct rx *skip;	/* a title or "RN" to step over */
	struct rx *prep;	/* "in", "at" right before a one-word name */
	struct rx *pre;		/* small words that may stand before a name */
	struct rx *join;	/* ", " or " and " between two names */
	struct name_scorer scorer;
	const struct lexicon *lx;	/* names and words, with counts */
};

/* Particles inside names, and the articles that may follow them. */
#define PARTICLE_WORDS \
	"van|von|de|del|della|der|den|di|da|dos|das|du|la|le|bin|ibn|al|el" \
	"|ter|ten"
#define ARTICLE_WORDS	"la|le|los|las|der|den|du|da|di|de"

/*
 * One token: groups 1 word, 2 initial, 3 all caps, 4 particle.  In
 * ASCII text ascii_token() reads it without the pattern; the two must
 * agree.
 */
static const char word_pattern[] =
	"\\G(?:(\\p{Lu}(?:'\\p{Lu})?\\p{Ll}+(?:\\p{Lu}\\p{Ll}+)?"
	"(?:-\\p{Lu}(?:'\\p{Lu})?\\p{Ll}+(?:\\p{Lu}\\p{Ll}+)?)*)" NA
	"|(\\p{Lu}\\.(?!\\p{L})|\\p{Lu}\\.(?=(?:\\p{Lu}\\.)+[ \\t]{1,2}"
	"\\p{Lu}\\p{Ll})|\\p{Lu}(?=[ \\t]{1,2}\\p{Lu}"
	"|[ \\t]*(?:\\r|\\n|\\z)))"
	"|(\\p{Lu}(?:'\\p{Lu})?\\p{Lu}+(?:-\\p{Lu}(?:'\\p{Lu})?\\p{Lu}+)*)"
	NA
	"|((?:" PARTICLE_WORDS ")(?=[ \\t](?:\\p{Lu}|(?:" ARTICLE_WORDS ")"
	"[ \\t]\\p{Lu}))))";

/* Every alternative starts with an ASCII capital (name_forward). */
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
	wordtab_free(st->gate);
	wordtab_free(st->lists);
	if (st->lx != NULL)
		lexicon_close(st->lx);
	free(st);
}

static int
ascii_alpha(unsigned char b)
{
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
}

/* The bits of w (n bytes) in t, 0 when it is not there. */
static uint32_t
tab_bits(const struct wordtab *t, const char *w, size_t n)
{
	uint32_t bits = 0;

	if (n == 0 || n > WORDTAB_MAX_KEY)
		return 0;
	(void)wordtab_find(t, w, n, &bits);
	return bits;
}

/* Add bits to w (n bytes) in t.  Returns 0 or a negative ERR_*. */
static int
tab_add(struct wordtab *t, const char *w, size_t n, uint32_t bits)
{
	long rc = wordtab_add(t, w, n, bits);

	return rc < 0 ? (int)rc : 0;
}

/* Add the n words of list to t under bits.  Returns 0 or ERR_*. */
static int
tab_add_list(struct wordtab *t, const char *const *list, size_t n,
    uint32_t bits)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++)
		rc = tab_add(t, list[i], strlen(list[i]), bits);
	return rc;
}

/* Whether w[0..n) is all lower-case ASCII letters. */
static int
lower_word(const char *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return 0;
	return n > 0;
}

/*
 * The bytes of class c (n bytes: bytes, ranges "a-z", "~" for every
 * non-ASCII byte) into set.  Returns 0 or ERR_INTERNAL.
 */
static int
next_set(uint64_t set[4], const char *c, size_t n)
{
	unsigned lo, hi, b;
	size_t i;

	for (i = 0; i < n; i++) {
		lo = hi = (unsigned char)c[i];
		if (c[i] == '~') {
			lo = 0x80;
			hi = 0xff;
		} else if (i + 2 < n && c[i + 1] == '-') {
			hi = (unsigned char)c[i + 2];
			i += 2;
		}
		if (lo > hi)
			return ERR_INTERNAL;
		for (b = lo; b <= hi; b++)
			set[b >> 6] |= (uint64_t)1 << (b & 63);
	}
	return 0;
}

/*
 * Add word w (n bytes; with AT_PLURAL its plural too) to table t under
 * bit.  Returns 0 or ERR_INTERNAL.
 */
static int
word_add(struct wordtab *t, const char *w, size_t n, uint32_t bit,
    unsigned at)
{
	char plural[KEY_MAX];
	int rc;

	rc = tab_add(t, w, n, bit);
	if (rc == 0 && (at & AT_PLURAL) && n + 1 < KEY_MAX) {
		memcpy(plural, w, n);
		plural[n] = 's';
		rc = tab_add(t, plural, n + 1, bit);
	}
	return rc;
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

/* Set the bits of the word w (n letters) in tri. */
static void
tri_add(uint32_t *tri, const unsigned char *w, size_t n)
{
	unsigned bit;
	size_t k = tri_index(w, n, &bit);

	tri[k] |= (uint32_t)1 << bit;
}

/* Set the bits of the word w (n letters) followed by letter c. */
static void
tri_set(uint32_t *tri, const unsigned char *w, size_t n, int c)
{
	unsigned char x[3];

	memcpy(x, w, n);
	x[n] = (unsigned char)c;
	tri_add(tri, x, n + 1);
}

/* Add gate word w (n bytes, maybe "word.") of trigger i. */
static int
gate_word(struct names *st, size_t i, const char *w, size_t n)
{
	size_t k = n;
	unsigned at = triggers[i].at;

	if (!lower_word(w, n)) {
		k = n - 1;
		if (!lower_word(w, k) || (unsigned char)w[k] >= 0x80 ||
		    ascii_alpha((unsigned char)w[k]))
			return ERR_INTERNAL;
		st->punct[(unsigned char)w[k] >> 6] |= (uint64_t)1 <<
		    (w[k] & 63);
		at &= ~(unsigned)AT_PLURAL;
	}
	st->wild |= (uint32_t)1 << i;
	tri_add(st->tri, (const unsigned char *)w, k);
	if ((at & AT_PLURAL) && k < 3)
		tri_set(st->tri, (const unsigned char *)w, k, 's');
	return word_add(st->gate, w, n, (uint32_t)1 << i, at);
}

/* Add one item (n bytes at w, see struct trigger) of trigger i's gate. */
static int
gate_item(struct names *st, size_t i, const char *w, size_t n,
    int *follow)
{
	uint32_t bit = (uint32_t)1 << i;

	if (n == 1 && w[0] == '|') {
		*follow = 1;
		st->has_follow |= bit;
		return 0;
	}
	if (*follow)
		return lower_word(w, n) ? word_add(st->lists, w, n,
		    (uint32_t)1 << (LIST_FOLLOW + i), triggers[i].at) :
		    ERR_INTERNAL;
	if (n > 1 && (w[0] == '>' || w[0] == '+')) {
		st->has_next[w[0] == '+'] |= bit;
		return next_set(st->next[i][w[0] == '+'], w + 1, n - 1);
	}
	if (n == 1 && !lower_word(w, 1)) {
		if ((unsigned char)w[0] >= 0x80)
			return ERR_INTERNAL;
		st->byte_gate[(unsigned char)w[0]] |= bit;
		st->bc[(unsigned char)w[0]] |= BC_GATE;
		return 0;
	}
	return gate_word(st, i, w, n);
}

/* Fill the gates of trigger i.  Returns 0 or ERR_INTERNAL. */
static int
gate_build(struct names *st, size_t i)
{
	const char *w = triggers[i].gate, *e;
	int rc = 0, follow = 0;

	if ((triggers[i].at & AT_WHERE) == AT_INITIAL)
		st->initial |= (uint32_t)1 << i;
	for (; rc == 0 && *w != '\0'; w = *e == ' ' ? e + 1 : e) {
		e = strchr(w, ' ');
		if (e == NULL)
			e = w + strlen(w);
		rc = gate_item(st, i, w, (size_t)(e - w), &follow);
	}
	return rc;
}

/*
 * Compile trigger i, anchored with \G when it is gated, and fill its
 * gates.  Returns 0 or ERR_INTERNAL (errbuf says why).
 */
static int
trigger_init(struct names *st, size_t i, char *errbuf, size_t errlen)
{
	const char *p = triggers[i].pattern;
	char *anchored;
	size_t n = strlen(p);

	if (triggers[i].gate == NULL) {
		st->trig[i] = rx_new(p, 0, errbuf, errlen);
		return st->trig[i] == NULL ? ERR_INTERNAL : 0;
	}
	if (gate_build(st, i) != 0) {
		(void)snprintf(errbuf, errlen, "bad gate for trigger %zu", i);
		return ERR_INTERNAL;
	}
	anchored = malloc(n + 3);
	if (anchored == NULL)
		return ERR_NOMEM;
	memcpy(anchored, "\\G", 2);
	memcpy(anchored + 2, p, n + 1);
	st->trig[i] = rx_new(anchored, 0, errbuf, errlen);
	free(anchored);
	return st->trig[i] == NULL ? ERR_INTERNAL : 0;
}

/* Fill the list table (LIST_* bits).  Returns 0 or a negative ERR_*. */
static int
lists_fill(struct wordtab *t)
{
	static const struct {
		const char *words;
		char sep;
		uint32_t bits;
	} split[] = {
		{ PARTICLE_WORDS, '|', LIST_PARTICLE },
		{ ARTICLE_WORDS, '|', LIST_ARTICLE },
		{ PVERB_WORDS, ' ', LIST_PVERB },
		{ PBEFORE_WORDS, ' ', LIST_PBEFORE },
		{ PTITLE_WORDS, ' ', LIST_PTITLE },
		{ VOCUE_WORDS, ' ', LIST_VOCUE },
		{ DET_WORDS, ' ', LIST_DET }
	};
	size_t i;
	int rc;

	rc = tab_add_list(t, stop_words, NSTOP, LIST_STOP);
	if (rc == 0)
		rc = tab_add_list(t, place_words, NPLACE, LIST_PLACE);
	if (rc == 0)
		rc = namewords_fill(t, NW_SHIFT);
	for (i = 0; i < sizeof(split) / sizeof(split[0]) && rc == 0; i++)
		rc = wordtab_add_split(t, split[i].words, split[i].sep,
		    split[i].bits);
	return rc;
}

static int
names_init(void **state, char *errbuf, size_t errlen)
{
	struct names *st;
	size_t i;
	int rc;

	st = calloc(1, sizeof(*st));
	if (st == NULL)
		return ERR_NOMEM;
	st->gate = wordtab_new(512);
	st->lists = wordtab_new(1024);
	if (st->gate == NULL || st->lists == NULL) {
		names_fini(st);
		return ERR_NOMEM;
	}
	rc = lists_fill(st->lists);
	if (rc != 0)
		(void)snprintf(errbuf, errlen, "bad word list");
	if (rc == 0)
		rc = lexicon_open(&st->lx, errbuf, errlen);
	for (i = 0; i < 256; i++)
		st->bc[i] = (unsigned char)(ascii_alpha((unsigned char)i) ?
		    BC_ALPHA : i >= '0' && i <= '9' ? BC_DIGIT : i >= 0xc0 ?
		    BC_LEAD : 0);
	for (i = 0; i < NTRIGGERS && rc == 0; i++)
		rc = trigger_init(st, i, errbuf, errlen);
	if (rc == 0 &&
	    ((st->word = rx_new(word_pattern, 0, errbuf, errlen)) == NULL ||
	    (st->skip = rx_new(skip_pattern, 0, errbuf, errlen)) == NULL ||
	    (st->prep = rx_new(prep_pattern, 0, errbuf, errlen)) == NULL ||
	    (st->pre = rx_new(pre_pattern, 0, errbuf, errlen)) == NULL ||
	    (st->join = rx_new(join_pattern, 0, errbuf, errlen)) == NULL))
		rc = ERR_INTERNAL;
	if (rc != 0) {
		names_fini(st);
		return rc;
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
	uint32_t mask;
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
	mask = tab_bits(st->lists, low, n);
	if (mask & LIST_PLACE)
		return RATE_PLACE;
	if (mask & LIST_STOP)
		return RATE_STOP;
	return RATE_NONE;
}

/* Whether the word s[b..e) is a month's name or abbreviation. */
static int
month_word(const char *s, size_t b, size_t e)
{
	return namewords_month(s + b, e - b);
}

/* Whether the word is a capitalised month ("May", not "MAY") before a day. */
static int
month_before_day(const char *s, size_t len, size_t start, size_t end)
{
	size_t i;

	for (i = end; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (!(i > end && i < len && s[i] >= '0' && s[i] <= '9'))
		return 0;
	if (!(s[start] >= 'A' && s[start] <= 'Z'))
		return 0;
	for (i = start + 1; i < end; i++)
		if (!(s[i] >= 'a' && s[i] <= 'z'))
			return 0;
	return namewords_month(s + start, end - start);
}

/* A name being read. */
struct cand {
	size_t start, end;
	int words;		/* capitalised or all-caps words */
	int tokens;		/* words and initials */
	int caps;		/* the first word was all caps */
	int place;		/* it ran into a place word */
	int lead;		/* it starts with a particle: "de la Vega" */
	int glued;		/* it has initials with nothing between:
				   "J.R." */
};

/* What the lexicon says of one word, from word_evidence(). */
enum {
	EV_FIRST = 1 << 0,	/* a given name */
	EV_LAST = 1 << 1,	/* a surname */
	EV_UNKNOWN = 1 << 2	/* in no list, shaped like a name */
};

static int word_evidence(const struct names *st, const char *s, size_t len,
    size_t pos);
static int cue_lower(const struct names *st, const char *s, size_t len,
    size_t pos, unsigned opts, size_t *end);
static size_t lower_end(const char *s, size_t len, size_t pos);
static int word_byte(unsigned char b);
static int blank(char b);

/*
 * The token pattern read in C for ASCII text, with the same result.
 * Byte classes; C_HIGH (a byte of a non-ASCII character) means that C
 * cannot tell, and the pattern decides.
 */
enum {
	C_END,			/* past the value's end */
	C_UP,
	C_LOW,
	C_DIGIT,
	C_BLANK,
	C_OTHER,
	C_HIGH
};

/* Answers of the ASCII reader besides 0 and 1. */
#define UNSURE	(-1)

static int
cls(const char *s, size_t len, size_t i)
{
	unsigned char b;

	if (i >= len)
		return C_END;
	b = (unsigned char)s[i];
	if (b >= 0x80)
		return C_HIGH;
	if (b >= 'A' && b <= 'Z')
		return C_UP;
	if (b >= 'a' && b <= 'z')
		return C_LOW;
	if (b >= '0' && b <= '9')
		return C_DIGIT;
	return b == ' ' || b == '\t' ? C_BLANK : C_OTHER;
}

/* NA at i: 1 when no letter or digit follows, 0, or UNSURE. */
static int
na_at(const char *s, size_t len, size_t i)
{
	int c = cls(s, len, i);

	if (c == C_HIGH)
		return UNSURE;
	return c != C_UP && c != C_LOW && c != C_DIGIT;
}

/* Step over a run of class c from i; UNSURE-safe: stops at C_HIGH. */
static size_t
run_of(const char *s, size_t len, size_t i, int c)
{
	/* the letters' runs, most of the calls, without cls()'s chain */
	if (c == C_LOW) {
		while (i < len && s[i] >= 'a' && s[i] <= 'z')
			i++;
		return i;
	}
	if (c == C_UP) {
		while (i < len && s[i] >= 'A' && s[i] <= 'Z')
			i++;
		return i;
	}
	while (cls(s, len, i) == c)
		i++;
	return i;
}

/*
 * One part of a word at i: a capital, maybe "'" and a capital (or "O"
 * and a capital before three lower-case letters or more: "ONeal"), then
 * lower case (caps == 0: "O'Neal", "McAllister") or capitals (caps ==
 * 1: "O'BRIEN").  Returns 1 and sets *end, 0, or UNSURE.
 */
static int
word_part(const char *s, size_t len, size_t i, int caps, size_t *end)
{
	int tail = caps ? C_UP : C_LOW, c;

	c = cls(s, len, i);
	if (c != C_UP)
		return c == C_HIGH ? UNSURE : 0;
	i++;
	if (i < len && s[i] == '\'') {
		c = cls(s, len, i + 1);
		if (c == C_HIGH)
			return UNSURE;
		if (c == C_UP)
			i += 2;
	} else if (!caps && s[i - 1] == 'O' && cls(s, len, i) == C_UP &&
	    run_of(s, len, i + 1, C_LOW) >= i + 4) {
		/* "OBrien": O'Brien with its apostrophe dropped */
		i++;
	}
	c = cls(s, len, i);
	if (c != tail)
		return c == C_HIGH ? UNSURE : 0;
	i = run_of(s, len, i, tail);
	if (!caps && cls(s, len, i) == C_UP) {
		c = cls(s, len, i + 1);
		if (c == C_HIGH)
			return UNSURE;
		if (c == C_LOW)
			i = run_of(s, len, i + 1, C_LOW);
	}
	if (cls(s, len, i) == C_HIGH)
		return UNSURE;
	*end = i;
	return 1;
}

/*
 * A word or a word in capitals at pos: parts joined by hyphens, not
 * followed by a letter or digit (else it ends before its last hyphen).
 * Returns 1 and sets *end, 0, or UNSURE.
 */
static int
word_at(const char *s, size_t len, size_t pos, int caps, size_t *end)
{
	size_t e, last = SIZE_MAX, next;
	int rc;

	rc = word_part(s, len, pos, caps, &e);
	if (rc != 1)
		return rc;
	while (e < len && s[e] == '-') {
		rc = word_part(s, len, e + 1, caps, &next);
		if (rc == UNSURE)
			return rc;
		if (rc == 0)
			break;
		last = e;
		e = next;
	}
	rc = na_at(s, len, e);
	if (rc != 0) {
		*end = e;
		return rc;
	}
	if (last == SIZE_MAX)
		return 0;
	*end = last;
	return 1;
}

/*
 * Capitals glued by dots that are a degree, a route, an eye or a dose's
 * time, never a person's initials: "R.N. Kaplan" is a nurse, "O.D.
 * Xalatan" a drop in the right eye.
 */
static const char *const glued_abbrevs[] = {
	"MD", "DO", "RN", "NP", "PA", "PT", "OT", "LPN", "CNA", "DDS", "DPM",
	"OD", "OS", "OU", "PO", "IV", "IM", "SL", "SQ", "SC", "AM", "PM",
	"NB", "EC", "US", "USP", "BID", "TID", "QID", "QD", "QHS", "HS",
	"PRN", "NPO", "PR", NULL
};

/*
 * Whether the capitals glued by dots at pos ("R.N.", "U.S.P.") spell
 * one of glued_abbrevs.
 */
static int
glued_abbrev(const char *s, size_t len, size_t pos)
{
	const char *const *a;
	char w[8];
	size_t i, n = 0;

	for (i = pos; i + 1 < len && s[i] >= 'A' && s[i] <= 'Z' &&
	    s[i + 1] == '.'; i += 2) {
		if (n + 1 >= sizeof(w))
			return 0;
		w[n++] = s[i];
	}
	w[n] = '\0';
	for (a = glued_abbrevs; n >= 2 && *a != NULL; a++)
		if (strcmp(w, *a) == 0)
			return 1;
	return 0;
}

/*
 * Whether the capital at pos is one of capitals glued by dots that
 * spell one of glued_abbrevs (the "O." or "D." of "O.D. Xalatan").
 */
static int
abbrev_tail(const char *s, size_t len, size_t pos)
{
	size_t p = pos;

	while (p >= 2 && s[p - 1] == '.' && s[p - 2] >= 'A' && s[p - 2] <= 'Z')
		p -= 2;
	return glued_abbrev(s, len, p);
}

/*
 * Whether initials with their dots and nothing between start at pos and
 * lead to a word: "J.R. Aberdare", "J.R.R. Aberdare", not "U.S." or
 * "M.D." alone, nor a degree's or a route's letters ("R.N. Kaplan").
 * 1, 0 or UNSURE.
 */
static int
glued_initials(const char *s, size_t len, size_t pos)
{
	size_t i = pos;
	int c;

	while (cls(s, len, i) == C_UP && i + 1 < len && s[i + 1] == '.')
		i += 2;
	if (i < pos + 4)
		return cls(s, len, i) == C_HIGH ? UNSURE : 0;
	if (glued_abbrev(s, len, pos))
		return 0;
	c = cls(s, len, i);
	if (c == C_BLANK && cls(s, len, i + 1) == C_BLANK)
		i++;
	if (c != C_BLANK)
		return c == C_HIGH ? UNSURE : 0;
	c = cls(s, len, i + 1);
	if (c == C_UP)
		c = cls(s, len, i + 2);
	else if (c != C_HIGH)
		return 0;
	return c == C_HIGH ? UNSURE : c == C_LOW;
}

/*
 * An initial at pos: "J." not before a letter, or before more initials
 * with their dots and a word ("J.R. Aberdare"), or "J" before one or
 * two blanks and a capital, or before blanks and the line's end; never
 * the last letter of a degree or a route ("D." of "O.D.").
 * Returns 1 and sets *end, 0, or UNSURE.
 */
static int
initial_at(const char *s, size_t len, size_t pos, size_t *end)
{
	size_t i = pos + 1;
	int c;

	if (abbrev_tail(s, len, pos))
		return 0;
	if (i < len && s[i] == '.') {
		c = cls(s, len, i + 1);
		if (c == C_HIGH)
			return UNSURE;
		*end = i + 1;
		if (c != C_UP && c != C_LOW)
			return 1;
		return c == C_UP ? glued_initials(s, len, pos) : 0;
	}
	*end = i;
	if (cls(s, len, i) == C_BLANK) {
		c = cls(s, len, i + 1);
		if (c == C_BLANK)
			c = cls(s, len, i + 2);
		if (c == C_UP || c == C_HIGH)
			return c == C_UP ? 1 : UNSURE;
	}
	i = run_of(s, len, i, C_BLANK);
	return i == len || s[i] == '\r' || s[i] == '\n';
}

/* Whether s[i..i+n) is in the list table under bit. */
static int
listed(const struct names *st, uint32_t bit, const char *s, size_t i,
    size_t n)
{
	return n > 0 && (tab_bits(st->lists, s + i, n) & bit) != 0;
}

/*
 * A particle at pos before a blank and a capital, or an article, a
 * blank and a capital ("de la Fuente").  Returns 1 and sets *end, 0, or
 * UNSURE.
 */
static int
particle_at(const struct names *st, const char *s, size_t len, size_t pos,
    size_t *end)
{
	size_t e = run_of(s, len, pos, C_LOW), a;
	int c;

	if (cls(s, len, e) == C_HIGH)
		return UNSURE;
	if (cls(s, len, e) != C_BLANK ||
	    !listed(st, LIST_PARTICLE, s, pos, e - pos))
		return 0;
	*end = e;
	c = cls(s, len, e + 1);
	if (c == C_UP || c == C_HIGH)
		return c == C_UP ? 1 : UNSURE;
	a = run_of(s, len, e + 1, C_LOW);
	if (cls(s, len, a) == C_HIGH)
		return UNSURE;
	if (cls(s, len, a) != C_BLANK ||
	    !listed(st, LIST_ARTICLE, s, e + 1, a - e - 1))
		return 0;
	c = cls(s, len, a + 1);
	return c == C_HIGH ? UNSURE : c == C_UP;
}

/*
 * The token at pos, read as word_pattern reads it: 1 and *kind, *end
 * set, 0 when there is none, or UNSURE.
 */
static int
ascii_token(const struct names *st, const char *s, size_t len, size_t pos,
    int *kind, size_t *end)
{
	int c = cls(s, len, pos), rc;

	if (c == C_HIGH)
		return UNSURE;
	if (c == C_LOW) {
		*kind = TOK_PARTICLE;
		return particle_at(st, s, len, pos, end);
	}
	if (c != C_UP)
		return 0;
	*kind = TOK_WORD;
	rc = word_at(s, len, pos, 0, end);
	if (rc != 0)
		return rc;
	*kind = TOK_INITIAL;
	rc = initial_at(s, len, pos, end);
	if (rc != 0)
		return rc;
	*kind = TOK_CAPS;
	return word_at(s, len, pos, 1, end);
}

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

	rc = ascii_token(st, s, len, pos, kind, end);
	if (rc != UNSURE)
		return rc;
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

	if (kind == TOK_CAPS && (!(opts & (OPT_CAPS | OPT_CAPS_EV)) ||
	    (c->tokens > 0 && !c->caps)))
		return 0;
	if (kind == TOK_WORD && c->caps && c->tokens > 0 &&
	    !(opts & OPT_COMMA))
		return 0;
	if (kind == TOK_PARTICLE && c->tokens == 0 && !(opts & OPT_LEAD))
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
	if (c->tokens == 0 && !c->lead)
		c->start = start;
	if (c->tokens == 0) {
		c->caps = kind == TOK_CAPS;
		c->lead = kind == TOK_PARTICLE;
	}
	c->end = end;
	c->tokens += kind != TOK_PARTICLE;
	c->words += kind == TOK_WORD || kind == TOK_CAPS;
}

/*
 * Step over blanks, one line break and blanks from pos: where the next
 * line's text starts, or 0 when no line break comes first.
 */
static size_t
line_step(const char *s, size_t len, size_t pos)
{
	size_t i = pos;

	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < len && s[i] == '\r')
		i++;
	if (i >= len || s[i] != '\n')
		return 0;
	for (i++; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	return i;
}

/* Whether a ':' follows end, blanks between: a label, not a name. */
static int
colon_next(const char *s, size_t len, size_t end)
{
	while (end < len && (s[end] == ' ' || s[end] == '\t'))
		end++;
	return end < len && s[end] == ':';
}

/*
 * Where the surname starts when the one word of c (a first name) ends
 * its line and the next line starts with a word the lexicon backs: the
 * first word a given name, or the next a surname or a word in no list
 * ("Adaeze\nQuillby"); not a label ("Ida\nAllergies:").  0 when not.
 */
static size_t
line_join(const struct names *st, const char *s, size_t len,
    const struct cand *c, size_t end)
{
	size_t i = line_step(s, len, end), wend;
	int kind, a, b;

	if (i == 0 || token_at(st, s, len, i, &kind, &wend) != 1 ||
	    kind != (c->caps ? TOK_CAPS : TOK_WORD) || colon_next(s, len, wend))
		return 0;
	a = word_evidence(st, s, len, c->start);
	b = word_evidence(st, s, len, i);
	if (a < 0 || b < 0 || !((a & EV_FIRST) || (b & (EV_LAST | EV_UNKNOWN))))
		return 0;
	return i;
}

/* Whether an initial of kind ending at end has another glued on: "J.R." */
static int
glued_next(const char *s, size_t len, size_t end, int kind)
{
	return kind == TOK_INITIAL && s[end - 1] == '.' &&
	    cls(s, len, end) == C_UP;
}

/*
 * Read a name forward from pos into *c: tokens separated by short gaps,
 * ending before a stop word, a possessive 's or the line's end (with
 * OPT_JOIN, a first name's line may go on, see line_join).  Returns 0
 * or a negative ERR_*.
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
		if (next == 0 && glued_next(s, len, end, kind)) {
			next = end;
			c->glued = 1;
		}
		if (next == 0 && (opts & OPT_JOIN) && c->tokens == 1 &&
		    c->words == 1 && !c->lead)
			next = line_join(st, s, len, c, end);
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
		if (next == 0 && glued_next(s, len, end, kind))
			next = end;
		if (next == 0 && end < c->end)
			next = line_step(s, len, end);
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
		e = b;
		if (kind == TOK_INITIAL && b >= 2 && s[b - 1] == '.' &&
		    s[b - 2] >= 'A' && s[b - 2] <= 'Z')
			continue;	/* "J.R." */
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
	if (c->place || c->tokens == 0 || (c->glued && c->words == 0))
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

	if ((opts & OPT_SKIP) && pos < len && s[pos] >= 'A' &&
	    s[pos] <= 'Z') {
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
	rc = read_forward(st, s, len, pos, opts | OPT_JOIN, c);
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

/*
 * Where a generational suffix after a name ends (" Jr.", ", III"), or
 * end when none follows.
 */
static size_t
suffix_end(const char *s, size_t len, size_t end)
{
	static const char *const sfx[] = { "Jr.", "Sr.", "Jr", "Sr", "III",
	    "II", "IV" };
	size_t i = end, k, n;

	if (i < len && s[i] == ',')
		i++;
	if (i >= len || s[i] != ' ')
		return end;
	for (i++, k = 0; k < sizeof(sfx) / sizeof(sfx[0]); k++) {
		n = strlen(sfx[k]);
		if (i + n > len || memcmp(s + i, sfx[k], n) != 0 ||
		    (i + n < len && word_byte((unsigned char)s[i + n])))
			continue;
		/* "Sr. Mary" is a title before a name */
		if (i + n + 1 < len && s[i + n] == ' ' &&
		    s[i + n + 1] >= 'A' && s[i + n + 1] <= 'Z')
			return end;
		return i + n;
	}
	return end;
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

/*
 * Whether a street word ends at e, blanks between: a capitalised word
 * or a number before "Dr." ("Oak Dr.", "12 Elm Dr.").
 */
static int
street_before(const char *s, size_t e)
{
	size_t b;

	while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	for (b = e; b > 0 && ((unsigned char)s[b - 1] >= 0x80 ||
	    ascii_alpha((unsigned char)s[b - 1]) ||
	    (s[b - 1] >= '0' && s[b - 1] <= '9')); b--)
		;
	return b < e && ((s[b] >= 'A' && s[b] <= 'Z') ||
	    (s[b] >= '0' && s[b] <= '9'));
}

/*
 * Whether the name c, on the line after its cue (the match m), is one:
 * not a label ("Nurse:"); after a title, not a street ("Oak Dr.");
 * after a title skipped on the new line ("seen by\nDr. Orvane"), or
 * when the lexicon backs its first word (a given name or surname, or a
 * word in no list).
 */
static int
break_ok(const struct names *st, const char *s, size_t len,
    const struct rx_match *m, unsigned opts, const struct cand *c)
{
	if (colon_next(s, len, c->end))
		return 0;
	if (opts & OPT_TRUST)
		return !street_before(s, m->start[0]);
	if (c->start > m->end[0] || c->lead)
		return 1;
	return word_evidence(st, s, len, c->start) > 0;
}

/*
 * A name in lower case at pos: one or two lower-case words, one blank
 * between, that the lexicon backs (given names, surnames, words in no
 * list).  Returns 1 and fills *c, or 0.
 */
static int
lower_name(const struct names *st, const char *s, size_t len, size_t pos,
    struct cand *c)
{
	size_t e;
	int n;

	memset(c, 0, sizeof(*c));
	for (n = 0; n < 2 && pos < len && s[pos] >= 'a' && s[pos] <= 'z';
	    n++) {
		e = lower_end(s, len, pos);
		if (e < len && (s[e] == '\'' || s[e] == '-' ||
		    (s[e] >= '0' && s[e] <= '9')))
			break;
		if (word_evidence(st, s, len, pos) <= 0)
			break;
		if (n == 0)
			c->start = pos;
		c->end = e;
		c->tokens = c->words = n + 1;
		if (e + 1 >= len || s[e] != ' ')
			break;
		pos = e + 1;
	}
	return c->tokens > 0;
}

/*
 * Whether the all-caps name c, after a cue that does not vouch for
 * capitals (OPT_CAPS_EV), is one the lexicon backs: two words or more,
 * each a given name, a surname or a word in no list (not a month),
 * one a given name and another a surname or a word in no list ("Pt
 * ODILE QUENBY presented", not "Pt NPO DNR").  Returns 1, 0 or a
 * negative ERR_*.
 */
static int
caps_backed(const struct names *st, const char *s, size_t len,
    const struct cand *c)
{
	size_t pos = c->start, end;
	int kind, ev, rc, first = 0, other = 0;

	if (c->words < 2)
		return 0;
	while (pos < c->end) {
		rc = token_at(st, s, len, pos, &kind, &end);
		if (rc <= 0)
			return rc;
		if (kind == TOK_CAPS) {
			ev = word_evidence(st, s, len, pos);
			if (ev <= 0 || month_word(s, pos, end))
				return 0;
			if ((ev & EV_FIRST) && !first)
				first = 1;
			else if (ev & (EV_LAST | EV_UNKNOWN))
				other = 1;
		}
		for (pos = end; pos < c->end && (blank(s[pos]) ||
		    s[pos] == '\r' || s[pos] == '\n'); pos++)
			;
	}
	return first && other;
}

/*
 * Whether the word after end makes the words before it the name of a
 * place or a body ("grace lutheran church", "hope hospice"): a place
 * or clinical word of the lists, or "church".
 */
static int
thing_next(const struct names *st, const char *s, size_t len, size_t end)
{
	size_t i = end, e;

	while (i < len && blank(s[i]))
		i++;
	for (e = i; e < len && ascii_alpha((unsigned char)s[e]); e++)
		;
	if (e == i || (e < len && (unsigned char)s[e] >= 0x80))
		return 0;
	return (tab_bits(st->lists, s + i, e - i) & (LIST_PLACE |
	    (NAMEWORDS_CLINICAL << NW_SHIFT))) != 0 ||
	    (e - i == 6 && strncasecmp(s + i, "church", 6) == 0);
}

/*
 * A name in lower case after a cue (OPT_LOWER_CUE) at pos: a given name
 * (with OPT_LOWER_ANY a surname or a word in no list too), and maybe a
 * surname or a word in no list after one blank, as cue_lower() rates
 * them ("seen by jane quill", "dr okafor"); not before a label's colon
 * or a place's word.  Returns 1 and fills *c, or 0.
 */
static int
lower_cue(const struct names *st, const char *s, size_t len, size_t pos,
    unsigned opts, struct cand *c)
{
	size_t e, e2;
	int a;

	memset(c, 0, sizeof(*c));
	a = cue_lower(st, s, len, pos, opts, &e);
	if (!(a & EV_FIRST) && !(a != 0 && (opts & OPT_LOWER_ANY)))
		return 0;
	c->start = pos;
	c->end = e;
	c->tokens = c->words = 1;
	if (e + 1 < len && s[e] == ' ' && (cue_lower(st, s, len, e + 1,
	    opts | OPT_LOWER_ANY, &e2) & (EV_LAST | EV_UNKNOWN))) {
		c->end = e2;
		c->tokens = c->words = 2;
	}
	return !colon_next(s, len, c->end) && !thing_next(st, s, len, c->end);
}

/*
 * Whether a possessive stands right before start ("his wife", "pt's
 * son"): then a lower-case word in no list after a relative is a name.
 */
static int
possessive_before(const char *s, size_t start)
{
	static const char *const own[] = { "his", "her", "their", "my",
	    "our", "your", "'s" };
	size_t i = start, k, n;

	while (i > 0 && blank(s[i - 1]))
		i--;
	if (i == start)
		return 0;
	for (k = 0; k < sizeof(own) / sizeof(own[0]); k++) {
		n = strlen(own[k]);
		if (i >= n && strncasecmp(s + i - n, own[k], n) == 0 &&
		    (own[k][0] == '\'' || i == n ||
		    !word_byte((unsigned char)s[i - n - 1])))
			return 1;
	}
	return 0;
}

/*
 * The name a forward trigger t points at (the match m ends there): in
 * capitals, or, with OPT_LOWER_OK or OPT_LOWER_CUE, in lower case.
 * Returns 1 and fills *c, 0 or a negative ERR_*.
 */
static int
name_ahead(const struct names *st, const struct trigger *t, const char *s,
    size_t len, const struct rx_match *m, struct cand *c)
{
	unsigned opts = t->opts;
	int rc;

	rc = name_forward(st, s, len, m->end[0], opts, c);
	if (rc == 1 && c->caps && !(opts & OPT_CAPS))
		rc = caps_backed(st, s, len, c);
	if (rc == 0 && (opts & OPT_LOWER_OK))
		rc = lower_name(st, s, len, m->end[0], c);
	if ((opts & OPT_LOWER_CUE) && possessive_before(s, m->start[0]))
		opts |= OPT_LOWER_ANY;
	if (rc == 0 && (opts & OPT_LOWER_CUE))
		rc = lower_cue(st, s, len, m->end[0], opts, c);
	if (rc == 1 && memchr(s + m->start[0], '\n',
	    m->end[0] - m->start[0]) != NULL)
		rc = break_ok(st, s, len, m, opts, c);
	return rc;
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
		return name_ahead(st, t, s, len, m, c);
	rc = read_backward(st, s, len, m->start[0], t->opts, c);
	if (rc < 0)
		return rc;
	if (!cand_ok(c, t->opts) || c->words == 0 ||
	    (c->caps && c->words < 2))
		return 0;
	/* capitals the lexicon backs need no small word before them */
	if (c->caps && !(t->opts & OPT_CAPS))
		return caps_backed(st, s, len, c);
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
		if (rc == 1 && c->caps && !(t->opts & OPT_CAPS))
			rc = caps_backed(st, s, len, c);
		if (rc == 1)
			rc = emit(f, out, c, t->score, t->name);
		if (rc <= 0)
			return rc;
	}
	return 0;
}

/*
 * What to do with a match m of trigger t: read the name, emit it, and
 * the names joined to it.  Returns 0 or a negative ERR_*.
 */
static int
on_match(const struct names *st, const struct trigger *t, const char *s,
    size_t len, const struct rx_match *m, struct found *f,
    struct spans *out)
{
	struct cand c;
	int rc;

	rc = name_at(st, t, s, len, m, &c);
	if (rc == 1 && c.words >= 2 && !(t->opts & OPT_BACK))
		c.end = suffix_end(s, len, c.end);
	if (rc == 1)
		rc = emit(f, out, &c, t->score, t->name);
	if (rc == 0 && (t->opts & OPT_LIST))
		rc = name_list(st, t, s, len, &c, f, out);
	return rc < 0 ? rc : 0;
}

/* An ungated trigger: its pattern over the whole value. */
static int
scan_trigger(const struct names *st, size_t i, const char *s, size_t len,
    struct found *f, struct spans *out)
{
	struct rx_match m;
	size_t from = 0;
	int rc;

	while ((rc = rx_find(st->trig[i], s, len, from, &m)) == 1) {
		from = m.end[0] > m.start[0] ? m.end[0] : m.start[0] + 1;
		rc = on_match(st, &triggers[i], s, len, &m, f, out);
		if (rc < 0)
			return rc;
	}
	return rc;
}

/* A place where a gate opens: bit i for triggers[i]. */
struct event {
	size_t pos;
	uint32_t mask;
};

#define EV_SMALL	256	/* events kept on the stack */

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
blank(char b)
{
	return b == ' ' || b == '\t';
}

/*
 * Whether the word at p may open the "Anna K." trigger: a capital, at
 * least one more letter, blanks, a capital and a dot.
 */
/* The longest word, in bytes, a gate looks along (names are shorter). */
#define WORD_SCAN_MAX	96

static int
initial_gate(const char *s, size_t len, size_t p)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = p + 1, j;

	if (!(u[p] >= 'A' && u[p] <= 'Z') && u[p] < 0xc0)
		return 0;
	while (i < len && u[i] >= 0x80 && u[i] < 0xc0)
		i++;
	/*
	 * One word, and never a long one: a run of text without an ASCII
	 * blank (Chinese, Thai) would else be walked from each of its
	 * characters, in time quadratic in its length.
	 */
	for (j = i; j < len && j - i < WORD_SCAN_MAX && ((u[j] >= 'a' &&
	    u[j] <= 'z') || u[j] >= 0x80); j++)
		;
	if (j == i || j == len || !blank(s[j]))
		return 0;
	while (j < len && blank(s[j]))
		j++;
	if (j < len && u[j] >= 'A' && u[j] <= 'Z')
		j++;
	else if (j < len && u[j] >= 0xc0)
		for (j++; j < len && u[j] >= 0x80 && u[j] < 0xc0; j++)
			;
	else
		return 0;
	return j < len && s[j] == '.';
}

/*
 * The triggers the word at p opens; *end is set past its first run of
 * ASCII letters.
 */
static uint32_t
word_gate(const struct names *st, const char *s, size_t len, size_t p,
    size_t *end)
{
	const unsigned char *u = (const unsigned char *)s;
	char key[KEY_MAX];
	uint32_t mask = 0;
	size_t e, i, n;
	unsigned bit;

	for (e = p; e < len && (st->bc[u[e]] & BC_ALPHA); e++)
		;
	*end = e;
	n = e - p;
	if (u[p] >= 0x80 || (e < len && u[e] >= 0x80)) {
		mask = st->wild;
	} else if (n + 1 < KEY_MAX) {
		i = tri_index(u + p, n, &bit);
		if ((st->tri[i] >> bit) & 1) {
			mask = tab_bits(st->gate, s + p, n);
			if (e < len &&
			    ((st->punct[u[e] >> 6] >> (u[e] & 63)) & 1)) {
				memcpy(key, s + p, n + 1);
				mask |= tab_bits(st->gate, key, n + 1);
			}
		}
	}
	if (st->initial != 0 && (u[p] < 'a' || u[p] >= 0x80) &&
	    initial_gate(s, len, p))
		mask |= st->initial;
	return mask;
}

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

/*
 * One pass over the value: every word start (a letter after no ASCII
 * letter or digit) and gate byte that opens a trigger, and every word
 * start that is a capital or a non-ASCII letter (CAP_EVENT).  Returns 0
 * or ERR_NOMEM.
 */
static int
find_events(const struct names *st, const char *s, size_t len,
    struct events *ev)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t mask;
	size_t p = 0, end;
	int c, rc = 0;

	while (p < len && rc == 0) {
		c = st->bc[u[p]];
		if (!(c & (BC_ALPHA | BC_LEAD))) {
			if (c & BC_GATE)
				rc = event_add(ev, p, st->byte_gate[u[p]]);
			p++;
			continue;
		}
		if (p > 0 && (st->bc[u[p - 1]] & (BC_ALPHA | BC_DIGIT))) {
			p++;
			continue;
		}
		mask = word_gate(st, s, len, p, &end);
		if (u[p] < 'a' || u[p] >= 0x80)
			mask |= CAP_EVENT;
		if (mask != 0)
			rc = event_add(ev, p, mask);
		p = end > p ? end : p + 1;
	}
	return rc;
}

#define POS_SMALL	512	/* sorted positions kept on the stack */

/* The index of the lowest set bit of m (not 0), by de Bruijn. */
static unsigned
low_bit(uint32_t m)
{
	static const unsigned char index[32] = {
		0, 1, 28, 2, 29, 14, 24, 3, 30, 22, 20, 15, 25, 17, 4, 8,
		31, 27, 13, 23, 21, 19, 16, 7, 26, 12, 18, 6, 11, 5, 10, 9
	};

	return index[(uint32_t)((m & (0u - m)) * 0x077cb531u) >> 27];
}

/*
 * Sort the events by bit: the positions of the events with bit i go to
 * (*pos)[off[i]..off[i + 1]), in order, for i up to NTRIGGERS (that is
 * CAP_EVENT).  *pos is small when they fit, else new memory.  Returns 0
 * or ERR_NOMEM.
 */
static int
by_trigger(const struct events *ev, size_t *small, size_t **pos,
    size_t off[NTRIGGERS + 2])
{
	size_t fill[NTRIGGERS + 1], i, k;
	uint32_t m;

	memset(off, 0, (NTRIGGERS + 2) * sizeof(off[0]));
	for (k = 0; k < ev->n; k++)
		for (m = ev->v[k].mask; m != 0; m &= m - 1)
			off[low_bit(m) + 1]++;
	for (i = 0; i <= NTRIGGERS; i++) {
		off[i + 1] += off[i];
		fill[i] = off[i];
	}
	*pos = small;
	if (off[NTRIGGERS + 1] > POS_SMALL)
		*pos = malloc(off[NTRIGGERS + 1] * sizeof(**pos));
	if (*pos == NULL)
		return ERR_NOMEM;
	for (k = 0; k < ev->n; k++)
		for (m = ev->v[k].mask; m != 0; m &= m - 1)
			(*pos)[fill[low_bit(m)]++] = ev->v[k].pos;
	return 0;
}

/*
 * Where a match of a trigger placed by at may start for the event at e:
 * c[0], and c[1] or SIZE_MAX.  Returns 0 when there is no such place.
 */
static int
starts_at(const char *s, unsigned at, size_t e, size_t c[2])
{
	size_t b;

	c[0] = e;
	c[1] = SIZE_MAX;
	if ((at & AT_WHERE) != AT_BLANKS && (at & AT_WHERE) != AT_LINE)
		return 1;
	for (b = e; b > 0 && blank(s[b - 1]); b--)
		;
	if ((at & AT_WHERE) == AT_LINE)
		return b == 0 || s[b - 1] == '\n' ? (c[0] = b, 1) : 0;
	if (b < e) {
		c[0] = b;
		c[1] = e;
	}
	return 1;
}

/*
 * Whether a word starting at e is one of trigger i's follow words; a
 * word next to a non-ASCII byte may be.
 */
static int
follow_ok(const struct names *st, size_t i, const char *s, size_t len,
    size_t e)
{
	size_t n;

	for (n = 0; e + n < len && ascii_alpha((unsigned char)s[e + n]); n++)
		;
	if (e + n < len && (unsigned char)s[e + n] >= 0x80)
		return 1;
	return n < KEY_MAX && ((tab_bits(st->lists, s + e, n) >>
	    (LIST_FOLLOW + i)) & 1);
}

/*
 * Whether the event at e passes trigger i's checks on what comes next:
 * after a gate byte, or after a gate word's letters, the first byte
 * that is not a blank must be in the next set, or start a follow word.
 * A word next to a non-ASCII byte passes.
 */
static int
next_ok(const struct names *st, size_t i, const char *s, size_t len,
    size_t e)
{
	unsigned char b = (unsigned char)s[e];
	int word = ascii_alpha(b), follow;

	follow = !word && ((st->has_follow >> i) & 1);
	if (b >= 0x80 || (!((st->has_next[word] >> i) & 1) && !follow))
		return 1;
	for (e++; word && e < len && ascii_alpha((unsigned char)s[e]); e++)
		;
	if (word && e < len && (unsigned char)s[e] >= 0x80)
		return 1;
	for (; e < len && blank(s[e]); e++)
		;
	if (e == len)
		return 0;
	b = (unsigned char)s[e];
	if (follow && ascii_alpha(b))
		return follow_ok(st, i, s, len, e);
	if (!((st->has_next[word] >> i) & 1))
		return !follow;
	return (int)((st->next[i][word][b >> 6] >> (b & 63)) & 1);
}

/*
 * Whether a ':' comes after e on its line; *colon and *eol cache the
 * next ':' and line break at or after an earlier e.
 */
static int
colon_after(const char *s, size_t len, size_t e, size_t *colon,
    size_t *eol)
{
	const char *p;

	if (*colon < e || *colon == SIZE_MAX) {
		p = memchr(s + e, ':', len - e);
		*colon = p == NULL ? len : (size_t)(p - s);
	}
	if (*eol < e || *eol == SIZE_MAX) {
		p = memchr(s + e, '\n', len - e);
		*eol = p == NULL ? len : (size_t)(p - s);
	}
	return *colon < *eol;
}

/*
 * A gated trigger: its anchored pattern tried at every place its gate
 * opens (the n events at pos), left to right, each match starting
 * after the last one ends: the matches of the pattern run over the
 * whole value.
 */
static int
scan_gated(const struct names *st, size_t i, const char *s, size_t len,
    const size_t *pos, size_t n, struct found *f, struct spans *out)
{
	struct rx_match m;
	size_t k, c[2], from = 0, colon = SIZE_MAX, eol = SIZE_MAX;
	int j, rc;

	for (k = 0; k < n; k++) {
		if (!next_ok(st, i, s, len, pos[k]) ||
		    ((triggers[i].at & AT_COLON) &&
		    !colon_after(s, len, pos[k], &colon, &eol)))
			continue;
		if (!starts_at(s, triggers[i].at, pos[k], c))
			continue;
		for (j = 0; j < 2 && c[j] != SIZE_MAX; j++) {
			if (c[j] < from && j == 0 && c[1] >= from &&
			    c[1] != SIZE_MAX)
				c[j] = from;
			if (c[j] < from)
				continue;
			rc = rx_find(st->trig[i], s, len, c[j], &m);
			if (rc == 1) {
				from = m.end[0] > m.start[0] ? m.end[0] :
				    m.start[0] + 1;
				rc = on_match(st, &triggers[i], s, len, &m,
				    f, out);
			}
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

static int
word_byte(unsigned char b)
{
	return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') ||
	    (b >= '0' && b <= '9') || b >= 0x80;
}

/* A word of a name found, to be found again: s[ws..ws + n). */
struct source {
	size_t ws, n;
};

/* Add every other whole-word occurrence of the source's word. */
static int
repeat_word(const char *s, size_t len, const struct source *src,
    struct spans *out)
{
	const char *p;
	size_t n = src->n, at, from = 0;
	int rc;

	while (from + n <= len &&
	    (p = memmem(s + from, len - from, s + src->ws, n)) != NULL) {
		at = (size_t)(p - s);
		from = at + n;
		if (at == src->ws)
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

/*
 * repeat_word() for n sources of word bytes only: then a whole-word
 * occurrence starts at a word start, with the capital the word starts
 * with, so only the nc capitalised word starts at cap are looked at.
 */
static int
repeat_caps(const char *s, size_t len, const struct source *src,
    size_t n, const size_t *cap, size_t nc, struct spans *out)
{
	unsigned char first[MAX_SOURCES];
	const unsigned char *p;
	size_t i, k, at, w;
	int rc;

	for (k = 0; k < n; k++)
		first[k] = (unsigned char)s[src[k].ws];
	for (i = 0; i < nc; i++) {
		at = cap[i];
		if (at > 0 && word_byte((unsigned char)s[at - 1]))
			continue;
		for (p = first; (p = memchr(p, s[at], n - (size_t)(p -
		    first))) != NULL; p++) {
			k = (size_t)(p - first);
			w = src[k].n;
			if (src[k].ws == at || at + w > len ||
			    memcmp(s + at, s + src[k].ws, w) != 0 ||
			    (at + w < len &&
			    word_byte((unsigned char)s[at + w])))
				continue;
			rc = spans_add(out, at, at + w, PHI_NAME, 0.7f,
			    "name.repeat");
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

/* The end of the lower-case word at pos ("borna", "jerkovi\xc4\x87"). */
static size_t
lower_end(const char *s, size_t len, size_t pos)
{
	while (pos < len && ((s[pos] >= 'a' && s[pos] <= 'z') ||
	    (unsigned char)s[pos] >= 0x80))
		pos++;
	return pos;
}

/*
 * Whether src[0..n) holds the word s[ws..ws+w) already: a name found
 * many times is looked for again once, not once per finding, which
 * would add a span per finding at each of its places.
 */
static int
have_source(const char *s, const struct source *src, size_t n, size_t ws,
    size_t w)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (src[k].n == w && memcmp(s + src[k].ws, s + ws, w) == 0)
			return 1;
	return 0;
}

/*
 * The words of the names found (words, words in capitals and, in text
 * without capitals, lower-case words, of three bytes or more) into src,
 * at most MAX_SOURCES.  Returns their number
 * or a negative ERR_*.
 */
static long
sources(const struct names *st, const char *s, size_t len,
    const struct found *f, struct source *src)
{
	size_t i, pos, end, n = 0;
	int kind, rc;

	for (i = 0; i < f->n; i++) {
		for (pos = f->start[i]; pos < f->end[i]; ) {
			end = pos;
			rc = token_at(st, s, len, pos, &kind, &end);
			if (rc == 0 && s[pos] >= 'a' && s[pos] <= 'z') {
				kind = TOK_WORD;
				end = lower_end(s, len, pos);
				rc = 1;
			}
			if (rc < 0)
				return rc;
			if (rc == 0)
				break;
			if ((kind == TOK_WORD || kind == TOK_CAPS) &&
			    end - pos >= 3 && n < MAX_SOURCES &&
			    !have_source(s, src, n, pos, end - pos)) {
				src[n].ws = pos;
				src[n++].n = end - pos;
			}
			for (pos = end; pos < f->end[i] &&
			    !back_byte((unsigned char)s[pos]); pos++)
				;
		}
	}
	return (long)n;
}

/*
 * The second pass: the words of the names found, found again.  Words
 * of word bytes only are looked for at the capitalised word starts (the
 * nc at cap).  Words with a hyphen or a quote, and words in lower case
 * (found in text without capitals), keep the memmem() search:
 * it skips occurrences that overlap an earlier one, which a look at
 * each word start would not.
 */
static int
scan_repeats(const struct names *st, const char *s, size_t len,
    const struct found *f, const size_t *cap, size_t nc,
    struct spans *out)
{
	struct source src[MAX_SOURCES];
	size_t i, k, plain = 0;
	long n;
	int rc = 0;

	n = sources(st, s, len, f, src);
	if (n < 0)
		return (int)n;
	for (i = 0; i < (size_t)n && rc == 0; i++) {
		for (k = 0; k < src[i].n &&
		    word_byte((unsigned char)s[src[i].ws + k]); k++)
			;
		if (k == src[i].n && !(s[src[i].ws] >= 'a' &&
		    s[src[i].ws] <= 'z'))
			src[plain++] = src[i];
		else
			rc = repeat_word(s, len, &src[i], out);
	}
	if (rc == 0 && plain > 0)
		rc = repeat_caps(s, len, src, plain, cap, nc, out);
	return rc;
}

/*
 * The lexicon pass: names found by evidence, without a trigger.
 *
 * The value's own case profile picks the words looked at: capitalised
 * words in mixed-case text, words in capitals when nearly all of it is
 * in capitals, lower-case words when it has nearly no capitals.  Such
 * words, with initials and particles between them, make a run; every
 * word of a run is looked up once (the lexicon, and the word lists here
 * when they may matter) and rated by lex_rate():
 *   given name 1-3 points by births, surname 1-3 by rank; a word in no
 *   list 1 (2 with letters past ASCII or a surname ending such as
 *   "-ov"); minus 1-3 for a common English word by its frequency rank,
 *   minus 1-2 for a place; a veto (never part of a name found here) for
 *   stop words, eponyms, drugs, analytes, brands, medical words and
 *   words that are not names at all.
 * lex_accept() then weighs the run: two or more words need three
 * points (a given name before a surname counts two more); one word
 * needs two, or one when it stands mid-sentence and is no dictionary
 * word; at a sentence's start a dictionary word counts one less.  A
 * given name that is a dictionary word, before a capitalised word that
 * is none, counts as a name would (a nickname as its formal name:
 * "Bob" as "Robert"), and a word the dictionary has only capitalised
 * after a given name makes a pair ("Bob Aberdare").  Two initials or
 * more before one word that is no dictionary word are a name ("J. R.
 * Aberdare", "J.R. Aberdare").
 * lex_context() accepts weaker runs by what stands around them.  An
 * eponym's head word after a run ("sign", "scale") drops it.
 */

/* How a value is written, from its letters. */
enum lcase {
	CASE_MIXED,
	CASE_UPPER,		/* 80% or more of its letters are capitals */
	CASE_LOWER		/* almost no word is capitalised */
};

/* Letter classes of one character. */
enum {
	L_NONE,
	L_UP,
	L_LOW,
	L_OTHER			/* a caseless letter or a mark */
};

/* Shapes of a word of the lexicon pass. */
enum {
	W_OTHER,
	W_LOWER,		/* "smith" */
	W_CAP,			/* "Smith", "McKay", "O'Dowd", "Lee-Ames" */
	W_UPPER,		/* "SMITH" */
	W_INITIAL		/* "J" (maybe followed by '.') */
};

#define RUN_MAX		5	/* tokens in a run; longer runs are titles */

/* One word: letters, with inner hyphens and "'" before a capital. */
struct lword {
	size_t start, end;
	int shape;
	int ascii;		/* only ASCII letters */
	int hyphen;		/* parts joined by '-' */
	int contraction;	/* "'" and a letter follow ("Don't") */
	int run_open;		/* a run is being read (set by lex_word) */
};

/* What the lists say about one word. */
struct lev {
	int pts;		/* name points: below 0 a common word */
	int fp, lp;		/* given-name and surname points */
	int known;		/* a dictionary word */
	int hard;		/* never part of a name found here */
	int unknown;		/* in no list at all */
	int place;		/* a facility or street word */
	int geo;		/* a city, county, state or country */
	int proper;		/* a dictionary word only when capitalised,
				   in no name or place list ("Aberdare") */
	int gain;		/* points a given name that is a dictionary
				   word gains read as a name (see
				   given_gain) */
};

/* A run being read. */
struct run {
	size_t start, end;	/* the span so far */
	size_t link;		/* where the gap to the next word starts */
	int n;			/* words */
	int tokens;		/* words and initials */
	int sum;		/* their points */
	int pair;		/* a given name then a surname */
	int initials;
	int first_known;	/* its first word is a dictionary word */
	int sent;		/* it starts a sentence */
	int prev_fp;		/* the last word had given-name points */
	int listed;		/* words in the name lists */
	int unknown;		/* words in no list */
	int places;		/* words that are places too */
	int max_fp;		/* the best given-name points of a word */
	int first_fp;		/* the given-name points of its first word */
	int first_gain;		/* the gain of its first word (lev.gain) */
	int last_init;		/* the last token is an initial */
	int lead_init;		/* initials before its first word */
	int last_known;		/* its last word is a dictionary word */
};

/* letter_at() of a character that is not ASCII. */
static int
letter_wide(const char *s, size_t len, size_t i, size_t *next)
{
	int32_t k = (int32_t)i;
	UChar32 c;

	U8_NEXT(s, k, (int32_t)len, c);
	*next = (size_t)k;
	if (c < 0)
		return L_NONE;
	if (u_isupper(c) || u_istitle(c))
		return L_UP;
	if (u_islower(c))
		return L_LOW;
	return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) ?
	    L_OTHER : L_NONE;
}

/*
 * The class of the character at s[i]; *next is set past it.  Inline:
 * it is asked of most letters of a value, nearly all of them ASCII.
 */
static inline int
letter_at(const char *s, size_t len, size_t i, size_t *next)
{
	unsigned char b = (unsigned char)s[i];

	if (b >= 0x80)
		return letter_wide(s, len, i, next);
	*next = i + 1;
	return b >= 'A' && b <= 'Z' ? L_UP : b >= 'a' && b <= 'z' ? L_LOW :
	    L_NONE;
}

/* Whether a letter starts at s[i] (and of which class, in *cls). */
static int
letter_next(const char *s, size_t len, size_t i, int *cls)
{
	size_t next;

	*cls = i < len ? letter_at(s, len, i, &next) : L_NONE;
	return *cls != L_NONE;
}

static int
lword_shape(int letters, int nup, int nlow, int first)
{
	if (letters == 1)
		return first == L_UP ? W_INITIAL : W_OTHER;
	if (first == L_UP && nlow > 0)
		return W_CAP;
	if (nlow == 0 && nup >= 2)
		return W_UPPER;
	if (first == L_LOW && nup == 0)
		return W_LOWER;
	return W_OTHER;
}

/*
 * Read the word starting at s[i] (a letter) into *w.  Returns where
 * reading goes on (the word's end, past a possessive "'s").
 */
static size_t
read_lword(const char *s, size_t len, size_t i, struct lword *w)
{
	size_t next;
	int c, nup = 0, nlow = 0, n = 0, first, nc;

	memset(w, 0, sizeof(*w));
	w->start = i;
	w->ascii = 1;
	first = letter_at(s, len, i, &next);
	while (i < len) {
		if (s[i] >= 'a' && s[i] <= 'z') {
			/* a run of lower case, most of a word, at once */
			next = i;
			do
				i++;
			while (i < len && s[i] >= 'a' && s[i] <= 'z');
			nlow += (int)(i - next);
			n += (int)(i - next);
			continue;
		}
		c = letter_at(s, len, i, &next);
		if (c == L_NONE) {
			if ((s[i] != '-' && s[i] != '\'') ||
			    !letter_next(s, len, i + 1, &nc) ||
			    (s[i] == '\'' && nc != L_UP))
				break;
			w->hyphen |= s[i] == '-';
			i++;
			continue;
		}
		w->ascii &= next == i + 1;
		nup += c == L_UP;
		nlow += c == L_LOW;
		n++;
		i = next;
	}
	w->end = i;
	w->shape = lword_shape(n, nup, nlow, first);
	if (i + 1 < len && s[i] == '\'' && letter_next(s, len, i + 1, &nc)) {
		if ((s[i + 1] == 's' || s[i + 1] == 'S') &&
		    !letter_next(s, len, i + 2, &nc))
			return i + 2;
		w->contraction = 1;
	}
	return i;
}


#define ONES8	0x0101010101010101u	/* 1 in each byte of a word */
#define HIGH8	(ONES8 * 0x80)		/* each byte's high bit */

/* Eight bytes of s as a word, s[0] in the low byte. */
static uint64_t
load8(const char *s)
{
	uint64_t x;

	memcpy(&x, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

/*
 * The high bit of each byte of x that is in [lo, hi] (ASCII, lo > 0).
 * Adding a constant to a byte's low 7 bits never carries into the next
 * byte, so the eight bytes are tested at once.
 */
static uint64_t
bytes_in(uint64_t x, unsigned lo, unsigned hi)
{
	uint64_t y = x & ~HIGH8;

	return (y + ONES8 * (0x80 - lo)) & ~(y + ONES8 * (0x7f - hi)) & ~x &
	    HIGH8;
}

/* The number of bytes of m (high bits only) that are set. */
static size_t
count8(uint64_t m)
{
	return (size_t)(((m >> 7) * ONES8) >> 56);
}

/*
 * The case profile of s[0..len), from its first RECOG_HEAD bytes (ASCII
 * letters only): in capitals when four in five letters are; lower case
 * when a capital followed by a lower-case letter comes less than once
 * in 200 letters (about one word in forty; abbreviations in capitals do
 * not count).  Eight bytes a step: the profile is read for every value.
 */
static enum lcase
case_profile(const char *s, size_t len)
{
	char tail[8];
	uint64_t x, cap, low, carry = 0;
	size_t i, up = 0, lows = 0, title = 0;

	if (len > RECOG_HEAD)
		len = RECOG_HEAD;
	if (len == 0)
		return CASE_MIXED;
	for (i = 0; i < len; i += 8) {
		if (len - i >= 8) {
			x = load8(s + i);
		} else {
			memset(tail, 0, sizeof(tail));
			memcpy(tail, s + i, len - i);
			x = load8(tail);
		}
		cap = bytes_in(x, 'A', 'Z');
		low = bytes_in(x, 'a', 'z');
		up += count8(cap);
		lows += count8(low);
		/* a capital, then a lower-case letter in the next byte */
		title += count8(((cap << 8) | carry) & low);
		carry = cap >> 56;
	}
	explicit_bzero(tail, sizeof(tail));
	if (up + lows < 8)
		return CASE_MIXED;
	if (up >= 4 * lows)
		return CASE_UPPER;
	return title * 200 < up + lows ? CASE_LOWER : CASE_MIXED;
}

/* Whether a sentence may start at i: after a stop, a colon, a bullet. */
static int
sentence_start(const char *s, size_t i)
{
	while (i > 0 && strchr(" \t\"'(*-[>", s[i - 1]) != NULL &&
	    s[i - 1] != '\0')
		i--;
	return i == 0 || strchr("\n\r.!?:;", s[i - 1]) != NULL;
}

/* Given-name points for births since 1920. */
static int
first_points(uint32_t births)
{
	return births >= 100000 ? 3 : births >= 10000 ? 2 : births > 0;
}

/* Surname points for a Census rank (1 = commonest). */
static int
last_points(uint32_t rank)
{
	if (rank == 0)
		return 0;
	return rank <= 1000 ? 3 : rank <= 50000 ? 2 : 1;
}

/* The penalty of a common word of that frequency rank. */
static int
word_penalty(uint32_t rank)
{
	if (rank == 0)
		return 0;
	return rank <= 500 ? 3 : rank <= 2500 ? 2 : rank <= 10000;
}

/* The bits of the lists that a word never in a found name has. */
#define LEX_HARD_BITS	(LIST_STOP | LIST_PLACE | \
	((NAMEWORDS_EPONYM | NAMEWORDS_CLINICAL) << NW_SHIFT))

/* The classes that make a word a place. */
#define LEX_PLACES	(LEX_CITY | LEX_COUNTY | LEX_STATE | LEX_COUNTRY)

/*
 * Look the word w (n bytes) up in the lexicon; a word with an
 * apostrophe is looked up without it too ("O'Dowd" as "odowd").
 * Returns 1 when found.
 */
static int
lex_find(const struct names *st, const char *w, size_t n,
    struct lex_info *info)
{
	char key[WORDTAB_MAX_KEY];
	size_t i, k = 0;

	if (n > WORDTAB_MAX_KEY)
		return 0;
	if (lexicon_find(st->lx, w, n, info) &&
	    (info->classes & (LEX_FIRST | LEX_LAST)))
		return 1;
	if (memchr(w, '\'', n) == NULL)
		return info->classes != 0;
	for (i = 0; i < n; i++)
		if (w[i] != '\'')
			key[k++] = w[i];
	return lexicon_find(st->lx, key, k, info);
}

/*
 * Whether an unknown word has the shape of a name: a capital, then
 * lower case, with a second capital only after "Mc", "Mac", an
 * apostrophe or an "O" whose apostrophe was dropped ("McKay", "O'Dowd",
 * "ODowd"); not "HbA", "KCl", "MedRec".
 */
static int
name_shape(const char *s, const struct lword *w)
{
	size_t i;

	if (!w->ascii || w->shape != W_CAP)
		return w->shape == W_CAP || w->shape == W_UPPER ||
		    w->shape == W_LOWER;
	for (i = w->start + 1; i < w->end; i++) {
		if (s[i] < 'A' || s[i] > 'Z')
			continue;
		if (s[i - 1] == '\'' || (i - w->start == 1 &&
		    s[w->start] == 'O' && w->end - w->start >= 4) ||
		    (i - w->start == 2 &&
		    memcmp(s + w->start, "Mc", 2) == 0) ||
		    (i - w->start == 3 && memcmp(s + w->start, "Mac", 3) == 0))
			continue;
		return 0;
	}
	return 1;
}

/* The most formal names looked at for one nickname. */
#define FORMAL_MAX	4

/*
 * What a given name that is also a dictionary word (info, rated ev)
 * gains read as a name: its word penalty back, and a nickname ("Bob",
 * "Peggy") the points of its formal name's births ("Robert").  A word
 * among the 500 commonest gains nothing unless it is a nickname ("Will"
 * is, "May" is not).  run_add() pays it only before a capitalised word
 * that is no dictionary word ("Bob Aberdare", not "Pat Dry").
 */
static int
given_gain(const struct names *st, const char *w, size_t n,
    const struct lex_info *info, const struct lev *ev)
{
	const char *formal[FORMAL_MAX];
	size_t lens[FORMAL_MAX], k, i;
	struct lex_info f;
	int best = ev->fp, p;

	if (ev->hard || ev->fp == 0 || !(info->classes & LEX_WORD))
		return 0;
	if (!(info->classes & LEX_NICKNAME) && info->word_rank != 0 &&
	    info->word_rank <= 500)
		return 0;
	k = (info->classes & LEX_NICKNAME) ? lexicon_formal(st->lx, w, n,
	    formal, lens, FORMAL_MAX) : 0;
	for (i = 0; i < k; i++) {
		if (!lexicon_find(st->lx, formal[i], lens[i], &f) ||
		    !(f.classes & LEX_FIRST))
			continue;
		p = first_points(f.female + f.male);
		if (p > best)
			best = p;
	}
	return best > ev->pts ? best - ev->pts : 0;
}

/* Classes that make a word more than a capitalised dictionary entry. */
#define LEX_NOT_PROPER	(LEX_FIRST | LEX_LAST | LEX_WORD | LEX_MEDICAL | \
	LEX_CITY | LEX_COUNTY | LEX_STATE | LEX_STATE_ABBR | LEX_COUNTRY)

/* Rate the word w of s (no hyphen in it) into *ev. */
static void
rate_one(const struct names *st, const char *s, const struct lword *w,
    struct lev *ev)
{
	struct lex_info info;
	size_t n = w->end - w->start;
	uint32_t bits = 0;
	int found;

	memset(ev, 0, sizeof(*ev));
	found = lex_find(st, s + w->start, n, &info);
	if (!found || (info.classes & (LEX_FIRST | LEX_LAST)) ||
	    !(info.classes & (LEX_WORD | LEX_MEDICAL)) || w->run_open)
		bits = tab_bits(st->lists, s + w->start, n);
	ev->place = (bits & LIST_PLACE) != 0;
	if ((bits & LEX_HARD_BITS) || w->contraction) {
		ev->hard = 1;
		return;
	}
	if (!found) {
		ev->hard = !name_shape(s, w) || (w->ascii &&
		    (namewords_drug(s + w->start, n) ||
		    namewords_medical(s + w->start, n)));
		ev->pts = 1 + (!w->ascii ||
		    namewords_surname(s + w->start, n));
		ev->unknown = 1;
		return;
	}
	if (info.classes & LEX_MEDICAL) {
		ev->hard = 1;
		return;
	}
	ev->proper = (info.classes & LEX_PROPER) &&
	    !(info.classes & LEX_NOT_PROPER);
	ev->fp = (info.classes & LEX_FIRST) ?
	    first_points(info.female + info.male) : 0;
	ev->lp = (info.classes & LEX_LAST) ? last_points(info.last_rank) : 0;
	ev->known = (info.classes & LEX_WORD) &&
	    (info.word_rank == 0 || info.word_rank <= 20000);
	ev->pts = ev->fp > ev->lp ? ev->fp : ev->lp;
	if (info.classes & LEX_WORD) {
		if (ev->pts == 0)
			ev->hard = 1;
		ev->pts -= word_penalty(info.word_rank);
	}
	ev->geo = (info.classes & LEX_PLACES) != 0;
	if (info.classes & (LEX_STATE | LEX_COUNTRY))
		ev->pts -= 2;
	else if (info.classes & LEX_PLACES)
		ev->pts -= info.population >= 50000 ||
		    (ev->fp < 2 && ev->lp < 2);
	if (ev->pts < 0)
		ev->hard = 1;
	ev->gain = given_gain(st, s + w->start, n, &info, ev);
}

/*
 * Rate a hyphenated word by its first and last parts: hard when either
 * is, else the better of their points, and one more when both are
 * names or unknown ("Lorimer-Hask").
 */
static void
lex_parts(const struct names *st, const char *s, const struct lword *w,
    struct lev *ev)
{
	struct lword part = *w;
	struct lev a, b;
	size_t k;

	memset(ev, 0, sizeof(*ev));
	part.hyphen = 0;
	for (k = w->start; k < w->end && s[k] != '-'; k++)
		;
	part.end = k;
	rate_one(st, s, &part, &a);
	for (k = w->end; k > w->start && s[k - 1] != '-'; k--)
		;
	part.start = k;
	part.end = w->end;
	rate_one(st, s, &part, &b);
	ev->hard = a.hard || b.hard || w->contraction;
	ev->place = a.place || b.place;
	ev->geo = a.geo || b.geo;
	ev->fp = a.fp;
	ev->lp = a.lp > b.lp ? a.lp : b.lp;
	ev->known = a.known;
	ev->pts = (a.pts > b.pts ? a.pts : b.pts) + (a.pts > 0 && b.pts > 0);
	ev->unknown = a.unknown && b.unknown;
}

/* Rate the word w of s into *ev. */
static void
lex_rate(const struct names *st, const char *s, const struct lword *w,
    struct lev *ev)
{
	if (w->hyphen)
		lex_parts(st, s, w, ev);
	else
		rate_one(st, s, w, ev);
}

/*
 * word_evidence - what the lexicon says of the word at pos: EV_* bits,
 * 0 when it says nothing for a name, or -1 when the word is never part
 * of a name (a stop word, a medical or common word, a place).
 */
static int
word_evidence(const struct names *st, const char *s, size_t len,
    size_t pos)
{
	struct lword w;
	struct lev ev;
	int c;

	if (!letter_next(s, len, pos, &c))
		return -1;
	(void)read_lword(s, len, pos, &w);
	w.run_open = 1;
	lex_rate(st, s, &w, &ev);
	if (ev.hard || ev.place)
		return -1;
	return (ev.fp > 0 ? EV_FIRST : 0) | (ev.lp > 0 ? EV_LAST : 0) |
	    (ev.unknown ? EV_UNKNOWN : 0);
}

/* The vowels ("y" too) among the n bytes at w; bytes past ASCII count. */
static size_t
vowels(const char *w, size_t n)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += (unsigned char)w[i] >= 0x80 ||
		    strchr("aeiouy", w[i]) != NULL;
	return k;
}

/*
 * cue_lower - whether the lower-case word at pos may be a name after a
 * cue (opts: OPT_LOWER_CUE, maybe OPT_LOWER_ANY): no stop, medical,
 * common or place word, and a dictionary word only when it is a strong
 * name (two points past its word penalty) or, with OPT_LOWER_ANY, more
 * a surname than a given name ("dr smith", not "nurse drew blood").
 * Returns its EV_* bits (EV_UNKNOWN only with OPT_LOWER_ANY, for four
 * letters or more, two of them vowels: not "tmrw", "appt"), or 0; *end
 * is set past the word.
 */
static int
cue_lower(const struct names *st, const char *s, size_t len, size_t pos,
    unsigned opts, size_t *end)
{
	struct lword w;
	struct lev ev;
	int c;

	*end = pos;
	if (!letter_next(s, len, pos, &c) || c != L_LOW)
		return 0;
	(void)read_lword(s, len, pos, &w);
	*end = w.end;
	if (w.shape != W_LOWER || w.hyphen || w.contraction ||
	    (w.end < len && (s[w.end] == '\'' || s[w.end] == '-' ||
	    (s[w.end] >= '0' && s[w.end] <= '9'))))
		return 0;
	w.run_open = 1;
	lex_rate(st, s, &w, &ev);
	if (ev.hard || ev.place || ev.pts < 1)
		return 0;
	if (ev.unknown)
		return (opts & OPT_LOWER_ANY) && w.end - w.start >= 4 &&
		    vowels(s + w.start, w.end - w.start) >= 2 ? EV_UNKNOWN : 0;
	if (ev.known && ev.pts < 2 &&
	    !((opts & OPT_LOWER_ANY) && ev.lp > ev.fp))
		return 0;
	return (ev.fp > 0 ? EV_FIRST : 0) | (ev.lp > 0 ? EV_LAST : 0);
}

/*
 * Whether an eponym's head word follows the run ending at end (after a
 * possessive): "Hoffmann sign", "Kestrel's disease".
 */
static int
head_follows(const struct names *st, const char *s, size_t len,
    size_t end)
{
	struct lword w;
	size_t i = end;
	int c;

	if (i + 1 < len && s[i] == '\'' && (s[i + 1] | 0x20) == 's')
		i += 2;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '-'))
		i++;
	if (!letter_next(s, len, i, &c))
		return 0;
	(void)read_lword(s, len, i, &w);
	return (tab_bits(st->lists, s + w.start, w.end - w.start) &
	    (NAMEWORDS_HEAD << NW_SHIFT)) != 0;
}

/*
 * Whether ", " and a state's code or name follow end ("Dunmore, PA"):
 * then a word that is also a place is the place.
 */
static int
state_follows(const struct names *st, const char *s, size_t len,
    size_t end)
{
	size_t i = end, e;

	if (i >= len || s[i] != ',')
		return 0;
	for (i++; i < len && s[i] == ' '; i++)
		;
	for (e = i; e < len && ascii_alpha((unsigned char)s[e]); e++)
		;
	return e > i && lexicon_state(st->lx, s + i, e - i) != NULL;
}

/* Whether the run r of a value of case profile cp is a name. */
static int
lex_accept(const struct run *r, enum lcase cp)
{
	int sum = r->sum - (r->sent && r->first_known);

	if (r->n == 0 || r->tokens > RUN_MAX)
		return 0;
	if (cp != CASE_MIXED)
		return r->n >= 2 && r->pair && sum + 2 >= 3;
	if (r->n >= 2)
		return sum + 2 * r->pair >= 3 &&
		    (r->listed > 0 || sum >= 3 - (r->initials > 0));
	if (r->initials > 0)
		return sum >= 1 || (r->lead_init >= 2 && r->n == 1 &&
		    !r->last_known && !r->places);
	if ((r->unknown || !r->first_known) && !r->sent && !r->places)
		return sum >= 1;
	return sum >= 2 && !(r->sent && r->first_known);
}

/*
 * Whether what follows the run ending at end shows a person: a
 * possessive, or a verb such as "said" or "lives".
 */
static int
person_next(const struct names *st, const char *s, size_t len,
    size_t end)
{
	size_t i = end, e;

	if (i + 1 < len && s[i] == '\'' && s[i + 1] == 's')
		return 1;
	while (i < len && s[i] == ' ')
		i++;
	if (i == end)
		return 0;
	for (e = i; e < len && ascii_alpha((unsigned char)s[e]); e++)
		;
	if (e < len && (unsigned char)s[e] >= 0x80)
		return 0;
	return (tab_bits(st->lists, s + i, e - i) & LIST_PVERB) != 0;
}

/*
 * Whether the word before start (blanks, a comma, a dot, "?" or ":"
 * between) is one that comes before a person's name: 2 for a title
 * ("Dr"), 1 for another such word ("says"), else 0.
 */
static int
person_before(const struct names *st, const char *s, size_t start)
{
	size_t i = start, b;
	uint32_t bits;

	while (i > 0 && strchr(" \t,?:.", s[i - 1]) != NULL)
		i--;
	if (i == start)
		return 0;
	for (b = i; b > 0 && ascii_alpha((unsigned char)s[b - 1]); b--)
		;
	if (b > 0 && (unsigned char)s[b - 1] >= 0x80)
		return 0;
	bits = tab_bits(st->lists, s + b, i - b);
	return (bits & LIST_PTITLE) ? 2 : (bits & LIST_PBEFORE) != 0;
}

/*
 * Whether a verb of calling or writing follows the run ending at end
 * ("Mira called", "Mira phoned back"): a given name there is a person.
 */
static int
call_next(const char *s, size_t len, size_t end)
{
	static const char *const verbs[] = { "called", "calls", "phoned",
	    "phones", "texted", "texts", "emailed", "emails", "messaged",
	    "telephoned", "wrote", "writes" };
	size_t i = end, e, k;

	while (i < len && s[i] == ' ')
		i++;
	if (i == end)
		return 0;
	for (e = i; e < len && ascii_alpha((unsigned char)s[e]); e++)
		;
	if (e < len && word_byte((unsigned char)s[e]))
		return 0;
	for (k = 0; k < sizeof(verbs) / sizeof(verbs[0]); k++)
		if (strlen(verbs[k]) == e - i &&
		    memcmp(s + i, verbs[k], e - i) == 0)
			return 1;
	return 0;
}

/* Whether a determiner ("my", "the") stands right before start. */
static int
det_before(const struct names *st, const char *s, size_t start)
{
	size_t i = start, b;

	while (i > 0 && blank(s[i - 1]))
		i--;
	for (b = i; b > 0 && ascii_alpha((unsigned char)s[b - 1]); b--)
		;
	return b < i && i < start &&
	    (tab_bits(st->lists, s + b, i - b) & LIST_DET) != 0;
}

/* Whether the run [start, end) is alone on its line ("> " allowed). */
static int
alone_on_line(const char *s, size_t len, size_t start, size_t end)
{
	size_t i;

	for (i = start; i > 0 && strchr(" \t>", s[i - 1]) != NULL; i--)
		;
	if (i > 0 && s[i - 1] != '\n')
		return 0;
	for (i = end; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	return i == len || s[i] == '\n' || s[i] == '\r';
}

/*
 * Whether a run the evidence alone does not carry is a name by its
 * place: before a possessive, a verb of a person or "his"/"her" (one
 * word of the name lists that is no dictionary word will do, in text
 * without capitals), or two or
 * more words alone on their line (a letter's address block; in text
 * without capitals, words of the name lists); a given name of 100,000
 * births or more and a surname alone on their line, however common
 * the words ("Ada Smith" as a cell or a header);
 * a given name of 10,000 births or more before "called" or "phoned"
 * (a dictionary word only with two points: "Grace called", not "Mercy
 * called").
 */
static int
lex_context(const struct names *st, const char *s, size_t len,
    const struct run *r, enum lcase cp)
{
	if (r->n == 0 || r->tokens > RUN_MAX || r->sum < 1)
		return 0;
	if (r->n >= 2 && r->pair && r->listed >= 2 && r->first_fp >= 3 &&
	    alone_on_line(s, len, r->start, r->end))
		return 1;
	if (cp == CASE_MIXED && r->max_fp >= 2 &&
	    r->sum >= 1 + r->first_known && call_next(s, len, r->end))
		return 1;
	if (cp != CASE_MIXED && r->n >= 2 && r->listed >= 2 &&
	    r->sum >= 3 && alone_on_line(s, len, r->start, r->end))
		return 1;
	if (cp != CASE_MIXED && r->sum < 2 && r->listed > 0 &&
	    !r->first_known && !det_before(st, s, r->start) &&
	    person_next(st, s, len, r->end))
		return 1;
	if (cp != CASE_MIXED)
		return r->sum >= 2 ? person_next(st, s, len, r->end) ||
		    person_before(st, s, r->start) > 0 :
		    person_before(st, s, r->start) == 2;
	if (r->n >= 2 && r->sum >= 2 && alone_on_line(s, len, r->start,
	    r->end))
		return 1;
	if (r->n == 1 && r->max_fp >= 2 && r->sum >= 1 && r->end < len &&
	    s[r->end] == ':' && (r->start == 0 || s[r->start - 1] == '\n'))
		return 1;
	return person_next(st, s, len, r->end) ||
	    person_before(st, s, r->start);
}

/* Whether two blanks at most, on the line, lie between a and b. */
static int
near(const char *s, size_t a, size_t b)
{
	size_t i;

	if (b <= a || b - a > MAX_GAP)
		return 0;
	for (i = a; i < b; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/*
 * The second word ev of the run r is no dictionary word and no place
 * ("Aberdare", "Quillby", a surname): a first word that is a given name
 * and a dictionary word is read as the name, as its formal name would
 * be ("Bob Aberdare" as "Robert Aberdare").
 */
static void
run_given(struct run *r, const struct lev *ev)
{
	if (r->n != 1 || r->first_gain == 0 || ev->known || ev->geo ||
	    ev->place)
		return;
	r->sum += r->first_gain;
	r->first_known = 0;
	r->first_gain = 0;
}

/*
 * Add the word w (rated ev) to the run r.  A given name before a
 * surname, a word in no list or a word the dictionary has only
 * capitalised ("Aberdare") makes a pair.
 */
static void
run_add(struct run *r, const char *s, const struct lword *w,
    const struct lev *ev)
{
	if (r->tokens == 0) {
		r->start = w->start;
		r->sent = sentence_start(s, w->start);
		r->first_known = ev != NULL && ev->known;
		r->first_fp = ev != NULL ? ev->fp : 0;
		r->first_gain = ev != NULL ? ev->gain : 0;
	}
	r->tokens++;
	r->link = w->end;
	r->last_init = ev == NULL;
	if (ev == NULL) {
		r->initials++;
		r->lead_init += r->n == 0;
		r->end = w->end;
		return;
	}
	run_given(r, ev);
	r->n++;
	r->end = w->end;
	r->sum += ev->pts;
	r->listed += ev->fp > 0 || ev->lp > 0;
	if (ev->fp > r->max_fp)
		r->max_fp = ev->fp;
	r->places += ev->geo;
	r->unknown += ev->unknown;
	r->last_known = ev->known;
	if (r->prev_fp && (ev->lp > 0 || (ev->pts > 0 && ev->fp == 0) ||
	    ev->proper))
		r->pair = 1;
	r->prev_fp = ev->fp > 0;
}

#define PEND_MAX	8	/* weak words waiting in one list */

/* The lexicon pass's state over one value. */
struct lexscan {
	const struct names *st;
	const char *s;
	size_t len;
	enum lcase cp;
	struct run r;
	size_t last_end;	/* where the last name found ends, or 0 */
	size_t pend[PEND_MAX][2];	/* weak words in a list, that a name
					   after them confirms */
	size_t npend;
	struct found *f;
	struct spans *out;
};

/*
 * Whether only list glue lies between a and b: a comma, "and", "or",
 * "&", on one line ("Ann, Bo and Cy").
 */
static int
list_glue(const char *s, size_t a, size_t b)
{
	size_t i = a;

	if (a == 0 || b <= a || b - a > 7)
		return 0;
	while (i < b && s[i] == ' ')
		i++;
	if (i < b && s[i] == ',')
		i++;
	while (i < b && s[i] == ' ')
		i++;
	if (i + 3 < b && memcmp(s + i, "and ", 4) == 0)
		i += 4;
	else if (i + 2 < b && memcmp(s + i, "or ", 3) == 0)
		i += 3;
	else if (i + 1 < b && memcmp(s + i, "& ", 2) == 0)
		i += 2;
	while (i < b && s[i] == ' ')
		i++;
	return i == b && b > a + 1;
}

/*
 * Emit a name found by the lexicon pass; its words are looked for again
 * with the other names' (the repeats).
 */
static int
lex_emit(struct lexscan *x, size_t start, size_t end, float score)
{
	struct cand c;

	memset(&c, 0, sizeof(c));
	c.start = start;
	c.end = end;
	x->last_end = end;
	return emit(x->f, x->out, &c, score, "name.lexicon");
}

/* Keep a weak word: it starts a list or goes on with the one kept. */
static void
pend_add(struct lexscan *x, size_t start, size_t end)
{
	if (x->npend > 0 && (x->npend == PEND_MAX ||
	    !list_glue(x->s, x->pend[x->npend - 1][1], start)))
		x->npend = 0;
	x->pend[x->npend][0] = start;
	x->pend[x->npend][1] = end;
	x->npend++;
}

/* Emit the weak words kept: a list has confirmed them. */
static int
pend_flush(struct lexscan *x)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < x->npend && rc == 0; i++)
		rc = lex_emit(x, x->pend[i][0], x->pend[i][1], 0.5f);
	x->npend = 0;
	return rc;
}

/*
 * Whether a label whose value is a thing, not a person, stands right
 * before start: "Insurance: Kestrel Mutual", "Device: Orvane".
 */
static int
thing_label(const char *s, size_t start)
{
	static const char *const labels[] = { "insurance", "insurer",
	    "payer", "payor", "carrier", "plan", "device", "devices",
	    "vehicle", "pharmacy", "employer", "company", "diagnosis" };
	size_t i = start, b, k;

	while (i > 0 && blank(s[i - 1]))
		i--;
	if (i == 0 || s[i - 1] != ':')
		return 0;
	for (b = --i; b > 0 && ascii_alpha((unsigned char)s[b - 1]); b--)
		;
	for (k = 0; k < sizeof(labels) / sizeof(labels[0]); k++)
		if (strlen(labels[k]) == i - b &&
		    strncasecmp(s + b, labels[k], i - b) == 0)
			return 1;
	return 0;
}

/*
 * Close the current run: emit it when it is a name, or when it is a
 * weak one in a list of names (three weak ones make a list too).
 * Returns 0 or a negative ERR_*.
 */
static int
run_close(struct lexscan *x)
{
	struct run *r = &x->r;
	int rc = 0, ok, acc, weak;

	if (r->tokens == 0)
		return 0;
	acc = lex_accept(r, x->cp) ||
	    lex_context(x->st, x->s, x->len, r, x->cp);
	weak = !acc && r->n == 1 && r->initials == 0 &&
	    r->sum >= (x->cp == CASE_MIXED ? 1 : 2);
	ok = (acc || weak) && !head_follows(x->st, x->s, x->len, r->end) &&
	    !(r->places > 0 && state_follows(x->st, x->s, x->len, r->end)) &&
	    !thing_label(x->s, r->start);
	if (ok && acc) {
		if (x->npend > 0 &&
		    list_glue(x->s, x->pend[x->npend - 1][1], r->start))
			rc = pend_flush(x);
		x->npend = 0;
		if (rc == 0)
			rc = lex_emit(x, r->start, r->n >= 2 ?
			    suffix_end(x->s, x->len, r->end) : r->end,
			    r->n >= 2 ? 0.6f : 0.5f);
	} else if (ok) {
		if (list_glue(x->s, x->last_end, r->start))
			rc = lex_emit(x, r->start, r->end, 0.5f);
		else
			pend_add(x, r->start, r->end);
		if (rc == 0 && x->npend >= 3)
			rc = pend_flush(x);
	}
	memset(r, 0, sizeof(*r));
	return rc;
}

/* Whether w is a candidate word for the case profile cp. */
static int
lex_candidate(const struct lword *w, enum lcase cp)
{
	if (cp == CASE_MIXED)
		return w->shape == W_CAP;
	if (cp == CASE_UPPER)
		return w->shape == W_UPPER || w->shape == W_CAP;
	return w->shape == W_LOWER;
}

/*
 * Whether a capital that ends at end is an initial: a dot follows, or
 * a blank and a letter, and it is no letter of a degree or a route
 * ("R.N.", "O.D.").
 */
static int
initial_ok(const char *s, size_t len, size_t end)
{
	int c;

	if (end > 0 && abbrev_tail(s, len, end - 1))
		return 0;
	if (end < len && s[end] == '.')
		return 1;
	return end + 1 < len && (s[end] == ' ' || s[end] == '\t') &&
	    letter_next(s, len, end + 1, &c);
}

/*
 * Whether the hard word w (rated ev) still ends the run as a surname:
 * after a name and an initial, a capitalised word that is common or
 * medical but in no list of words never in a name, and no place
 * ("Ilse K Bouts").  It adds no points.
 */
static int
bridge_ok(const struct lexscan *x, const struct lword *w,
    const struct lev *ev)
{
	const struct run *r = &x->r;

	return r->last_init && r->n >= 1 && w->shape == W_CAP &&
	    !w->contraction && !ev->place && !ev->geo &&
	    near(x->s, r->link, w->start) &&
	    !(tab_bits(x->st->lists, x->s + w->start, w->end - w->start) &
	    LEX_HARD_BITS) &&
	    !month_before_day(x->s, x->len, w->start, w->end);
}

/*
 * Whether the initial w follows the run's initials and their dots with
 * nothing between, before any word, and they spell no degree or route
 * ("J.R. Aberdare", not the "D." of "Quill M.D." nor "R.N. Aberdare"),
 * or some other word follows the run closely.
 */
static int
run_next(const struct lexscan *x, const struct lword *w)
{
	const struct run *r = &x->r;

	if (r->n == 0 && w->shape == W_INITIAL && w->start == r->link &&
	    x->s[r->link - 1] == '.')
		return !abbrev_tail(x->s, x->len, w->start);
	return near(x->s, r->link, w->start);
}

/*
 * One word of the value: extend the run, or close it.  *end is where
 * the word (and an initial's dot) ends.
 */
static int
lex_word(struct lexscan *x, struct lword *w)
{
	struct run *r = &x->r;
	struct lev ev;
	int rc = 0;

	if (r->tokens > 0 && !run_next(x, w))
		rc = run_close(x);
	if (rc < 0)
		return rc;
	if (lex_candidate(w, x->cp)) {
		w->run_open = r->tokens > 0;
		lex_rate(x->st, x->s, w, &ev);
		if (month_before_day(x->s, x->len, w->start, w->end))
			ev.hard = 1;
		if (ev.hard && ev.place && r->tokens > 0 &&
		    near(x->s, r->link, w->start))
			memset(r, 0, sizeof(*r));
		if (ev.hard && bridge_ok(x, w, &ev)) {
			r->end = r->link = w->end;
			r->tokens++;
		}
		if (ev.hard)
			return run_close(x);
		run_add(r, x->s, w, &ev);
		return 0;
	}
	if ((w->shape == W_INITIAL && initial_ok(x->s, x->len, w->end)) ||
	    (x->cp == CASE_LOWER && r->n > 0 && w->end - w->start == 1 &&
	    x->s[w->start] != 'a' && x->s[w->start] != 'i')) {
		if (w->end < x->len && x->s[w->end] == '.')
			w->end++;
		run_add(r, x->s, w, NULL);
		return 0;
	}
	if (x->cp != CASE_UPPER && w->shape == W_LOWER && r->n > 0 &&
	    near(x->s, r->link, w->start) &&
	    listed(x->st, LIST_PARTICLE, x->s, w->start, w->end - w->start)) {
		r->link = w->end;
		return 0;
	}
	return run_close(x);
}

/*
 * The first of the nc capitalised word starts at cap (from find_events)
 * at or after i, from *k on, where a run may start in mixed-case text:
 * not inside a word, not a word in capitals ("ICU").  len when none.
 */
static size_t
next_cap(const char *s, size_t len, size_t i, const size_t *cap,
    size_t nc, size_t *k)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t p;

	for (; *k < nc; (*k)++) {
		p = cap[*k];
		if (p < i || (p > 0 && u[p - 1] >= 0x80))
			continue;
		if (p + 1 < len && u[p + 1] >= 'A' && u[p + 1] <= 'Z')
			continue;
		return p;
	}
	return len;
}

/*
 * The lexicon pass over s[0..len), with the nc capitalised word starts
 * at cap and the case profile cp of the whole value: runs of candidate
 * words, each emitted as a name when the evidence is enough.  Returns 0
 * or a negative ERR_*.
 */
static int
scan_lexicon(const struct names *st, const char *s, size_t len,
    const size_t *cap, size_t nc, enum lcase cp, struct found *f,
    struct spans *out)
{
	struct lexscan x;
	struct lword w;
	size_t i = 0, k = 0, next;
	int rc = 0, c;

	memset(&x, 0, sizeof(x));
	x.st = st;
	x.s = s;
	x.len = len;
	x.cp = cp;
	x.f = f;
	x.out = out;
	while (i < len && rc == 0) {
		if (x.cp == CASE_MIXED && x.r.tokens == 0) {
			i = next_cap(s, len, i, cap, nc, &k);
			if (i == len)
				break;
		}
		if ((unsigned char)s[i] < 0x80 && !ascii_alpha(
		    (unsigned char)s[i])) {
			i++;
			continue;
		}
		c = letter_at(s, len, i, &next);
		if (c == L_NONE) {
			i = next;
			continue;
		}
		next = read_lword(s, len, i, &w);
		if ((i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') ||
		    (w.end < len && s[w.end] >= '0' && s[w.end] <= '9'))
			w.shape = W_OTHER;
		rc = lex_word(&x, &w);
		i = next > i ? next : i + 1;
	}
	if (rc == 0)
		rc = run_close(&x);
	return rc;
}

/*
 * Whether the word of shape at pos may be a name next to a name in a
 * list ("Bowman and White", "adam, chad and caleb"): a given name or a
 * surname even when a common word too, or a word in no list shaped like
 * a name; not a stop, place or clinical word, a medical word, a state
 * or a country unless a common given name too ("chad").  *end is set
 * past it.
 */
static int
list_word(const struct names *st, const char *s, size_t len, size_t pos,
    int shape, size_t *end)
{
	struct lex_info info;
	struct lword w;
	struct lev ev;
	size_t n;
	int c;

	if (!letter_next(s, len, pos, &c))
		return 0;
	(void)read_lword(s, len, pos, &w);
	*end = w.end;
	n = w.end - w.start;
	if (w.shape != shape || w.hyphen || w.contraction ||
	    (tab_bits(st->lists, s + pos, n) & LEX_HARD_BITS) ||
	    month_before_day(s, len, w.start, w.end))
		return 0;
	if (!lex_find(st, s + pos, n, &info)) {
		w.run_open = 1;
		lex_rate(st, s, &w, &ev);
		return !ev.hard;
	}
	if ((info.classes & LEX_FIRST) &&
	    first_points(info.female + info.male) >= 2 &&
	    !(info.classes & LEX_MEDICAL))
		return 1;
	return !(info.classes & (LEX_MEDICAL | LEX_STATE | LEX_COUNTRY)) &&
	    (info.classes & (LEX_FIRST | LEX_LAST)) != 0;
}

/*
 * Whether a word other than "and" or "or" starts at i after blanks:
 * "Park Ave" is not one word of a list.
 */
static int
word_follows(const char *s, size_t len, size_t i, int shape)
{
	int c;

	while (i < len && blank(s[i]))
		i++;
	if (!letter_next(s, len, i, &c) ||
	    (i + 4 <= len && memcmp(s + i, "and ", 4) == 0) ||
	    (i + 3 <= len && memcmp(s + i, "or ", 3) == 0))
		return 0;
	return shape == W_LOWER || c == L_UP;
}

/* Whether s[i..e) is list glue: ",", "and", "or", "&" and blanks. */
static size_t
glue_end(const char *s, size_t len, size_t i)
{
	while (i < len && blank(s[i]))
		i++;
	if (i < len && s[i] == ',')
		i++;
	while (i < len && blank(s[i]))
		i++;
	if (i + 4 <= len && memcmp(s + i, "and ", 4) == 0)
		i += 4;
	else if (i + 3 <= len && memcmp(s + i, "or ", 3) == 0)
		i += 3;
	else if (i + 2 <= len && memcmp(s + i, "& ", 2) == 0)
		i += 2;
	while (i < len && blank(s[i]))
		i++;
	return i;
}

/* Whether [a, b) is already a name found. */
static int
found_has(const struct found *f, size_t a, size_t b)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->start[i] < b && a < f->end[i])
			return 1;
	return 0;
}

/*
 * The word before a list member starting at b, glue between: its start,
 * or SIZE_MAX.
 */
static size_t
list_before(const char *s, size_t b)
{
	size_t e = b, ws;

	while (e > 0 && (blank(s[e - 1]) || s[e - 1] == ',' ||
	    s[e - 1] == '&'))
		e--;
	if (e >= 4 && memcmp(s + e - 4, " and", 4) == 0)
		e -= 3;
	else if (e >= 3 && memcmp(s + e - 3, " or", 3) == 0)
		e -= 2;
	while (e > 0 && (blank(s[e - 1]) || s[e - 1] == ','))
		e--;
	for (ws = e; ws > 0 && (ascii_alpha((unsigned char)s[ws - 1]) ||
	    (unsigned char)s[ws - 1] >= 0x80); ws--)
		;
	if (ws == e || !list_glue(s, e, b) ||
	    (ws > 0 && (unsigned char)s[ws - 1] >= 0x80))
		return SIZE_MAX;
	for (e = ws; e > 0 && blank(s[e - 1]); e--)
		;
	if (e < ws && e > 0 && ascii_alpha((unsigned char)s[e - 1])) {
		while (e > 0 && ascii_alpha((unsigned char)s[e - 1]))
			e--;
		if (s[e] >= 'A' && s[e] <= 'Z')
			return SIZE_MAX;
	}
	return ws;
}

/*
 * The members of lists next to a name found ("Bowman and White",
 * "Park and Mann"): single words that list_word() accepts, on either
 * side, in the found name's case.  Members found join the names, so a
 * list is read to its ends.  Returns 0 or a negative ERR_*.
 */
static int
scan_lists(const struct names *st, const char *s, size_t len,
    struct found *f, struct spans *out)
{
	struct cand c;
	size_t i, ws, we;
	int shape, rc = 0;

	memset(&c, 0, sizeof(c));
	for (i = 0; i < f->n && rc == 0; i++) {
		shape = s[f->start[i]] >= 'a' && s[f->start[i]] <= 'z' ?
		    W_LOWER : W_CAP;
		ws = glue_end(s, len, f->end[i]);
		if (list_glue(s, f->end[i], ws) &&
		    list_word(st, s, len, ws, shape, &we) &&
		    !word_follows(s, len, we, shape) &&
		    !found_has(f, ws, we)) {
			c.start = ws;
			c.end = we;
			rc = emit(f, out, &c, 0.5f, "name.list");
		}
		ws = list_before(s, f->start[i]);
		if (rc == 0 && ws != SIZE_MAX &&
		    list_word(st, s, len, ws, shape, &we) &&
		    !found_has(f, ws, we)) {
			c.start = ws;
			c.end = we;
			rc = emit(f, out, &c, 0.5f, "name.list");
		}
	}
	return rc;
}

/*
 * Whether the word before the comma at k is called to: it starts a
 * sentence and a word such as "can" or "please" follows the comma
 * ("Orvane, can I ...").  *ws and *we are set to the word.
 */
static int
vocative_before(const struct names *st, const char *s, size_t len,
    size_t k, size_t *ws, size_t *we)
{
	size_t i, e;
	int ev;

	for (i = k + 1; i < len && blank(s[i]); i++)
		;
	for (e = i; e < len && ascii_alpha((unsigned char)s[e]); e++)
		;
	if (e == i || e >= len || !blank(s[e]) ||
	    !(tab_bits(st->lists, s + i, e - i) & LIST_VOCUE))
		return 0;
	for (i = k; i > 0 && (ascii_alpha((unsigned char)s[i - 1]) ||
	    (unsigned char)s[i - 1] >= 0x80); i--)
		;
	if (i == k || !(s[i] >= 'A' && s[i] <= 'Z') || !sentence_start(s, i))
		return 0;
	ev = word_evidence(st, s, len, i);
	*ws = i;
	*we = k;
	return ev > 0 && (ev & (EV_FIRST | EV_UNKNOWN));
}

/*
 * Whether the word after the comma at k is called to: a given name
 * that ends the sentence with "!" or "?" ("Don't go, Maren!").
 */
static int
vocative_after(const struct names *st, const char *s, size_t len,
    size_t k, size_t *ws, size_t *we)
{
	size_t i, e;

	for (i = k + 1; i < len && blank(s[i]); i++)
		;
	if (i >= len || !(s[i] >= 'A' && s[i] <= 'Z'))
		return 0;
	for (e = i; e < len && ascii_alpha((unsigned char)s[e]); e++)
		;
	if (e >= len || (s[e] != '!' && s[e] != '?'))
		return 0;
	*ws = i;
	*we = e;
	return (word_evidence(st, s, len, i) & EV_FIRST) != 0;
}

/*
 * Names called to, found by the comma after or before them.  Returns
 * 0 or a negative ERR_*.
 */
static int
scan_vocatives(const struct names *st, const char *s, size_t len,
    struct found *f, struct spans *out)
{
	const char *p;
	struct cand c;
	size_t k;
	int rc = 0;

	memset(&c, 0, sizeof(c));
	for (k = 0; rc == 0 && k < len; k++) {
		p = memchr(s + k, ',', len - k);
		if (p == NULL)
			break;
		k = (size_t)(p - s);
		if ((vocative_before(st, s, len, k, &c.start, &c.end) ||
		    vocative_after(st, s, len, k, &c.start, &c.end)) &&
		    !found_has(f, c.start, c.end))
			rc = emit(f, out, &c, 0.5f, "name.vocative");
	}
	return rc;
}

/*
 * What the lexicon says of the word at pos, rated into *ev (a run is
 * open: the word lists are asked too).  Returns 0 when no letter
 * starts there.
 */
static int
word_lev(const struct names *st, const char *s, size_t len, size_t pos,
    struct lev *ev)
{
	struct lword w;
	int c;

	memset(ev, 0, sizeof(*ev));
	if (!letter_next(s, len, pos, &c))
		return 0;
	(void)read_lword(s, len, pos, &w);
	w.run_open = 1;
	lex_rate(st, s, &w, ev);
	return 1;
}

/*
 * Whether the "Last, First" read into c, starting a line or a
 * sentence, is one with no cue: the first word a surname that is no
 * common word, or a word of five letters or more in no list; the word
 * after the comma a given name of 10,000 births or more (after a
 * surname, a rarer one that is no dictionary word); neither a month,
 * the second no state, not two places ("Denver, Austin"); then the
 * line's end or a stop, a lower-case word ("presented") or "(", not
 * more names of a list ("Quill, Ada and Bo").
 */
static int
last_first_ok(const struct names *st, const char *s, size_t len,
    const struct cand *c, size_t comma)
{
	struct lev a, b;
	size_t f, e, i;

	for (f = comma + 1; f < len && blank(s[f]); f++)
		;
	for (e = f; e < len && word_byte((unsigned char)s[e]); e++)
		;
	if (!word_lev(st, s, len, c->start, &a) ||
	    !word_lev(st, s, len, f, &b) ||
	    month_word(s, c->start, comma) || month_word(s, f, e) ||
	    lexicon_state(st->lx, s + f, e - f) != NULL)
		return 0;
	if (a.hard || a.place || a.pts < 1 || (a.unknown ? comma - c->start <
	    5 : a.lp == 0) || b.hard || b.place || (a.geo && b.geo))
		return 0;
	if (b.fp < 2 && !(b.fp == 1 && a.lp > 0 && !b.known && b.pts >= 1))
		return 0;
	for (i = c->end; i < len && blank(s[i]); i++)
		;
	if (i < len && s[i] >= 'A' && s[i] <= 'Z')
		return 0;
	i = glue_end(s, len, c->end);
	if (i < len && s[i] == '.' && i == c->end)
		i++;
	return i == len || s[i] == '\r' || s[i] == '\n' || s[i] == '(' ||
	    (s[i] >= 'a' && s[i] <= 'z') || (i > c->end && s[i - 1] == '.' &&
	    blank(s[i]));
}

/*
 * Where a bare initial after end ends (" K" before a blank, a comma or
 * the line's end: "QUILL, MARTA K seen"), or end.
 */
static size_t
bare_initial(const char *s, size_t len, size_t end)
{
	if (end + 1 < len && s[end] == ' ' && s[end + 1] >= 'A' &&
	    s[end + 1] <= 'Z' && (end + 2 == len || blank(s[end + 2]) ||
	    s[end + 2] == ',' || s[end + 2] == '\r' || s[end + 2] == '\n'))
		return end + 2;
	return end;
}

/*
 * The longest surname, in bytes, looked back over from a comma: a run
 * of text without blanks (Chinese, Thai) is not walked from each comma.
 */
#define SURNAME_MAX	64

/* The end of the Title-case ASCII word at b ("Ada"), or b. */
static size_t
title_word_end(const char *s, size_t len, size_t b)
{
	size_t e = b + 1;

	if (b >= len || s[b] < 'A' || s[b] > 'Z')
		return b;
	while (e < len && s[e] >= 'a' && s[e] <= 'z')
		e++;
	return e - b >= 2 && (e == len || !word_byte((unsigned char)s[e])) ?
	    e : b;
}

/* Given-name points of s[b, e) by births alone, whatever else it is. */
static int
given_points(const struct names *st, const char *s, size_t b, size_t e)
{
	struct lex_info info;

	if (!lex_find(st, s + b, e - b, &info) ||
	    !(info.classes & LEX_FIRST) ||
	    (tab_bits(st->lists, s + b, e - b) & LIST_PLACE))
		return 0;
	return first_points(info.female + info.male);
}

/* The found name that starts at b, or f->n. */
static size_t
found_at(const struct found *f, size_t b)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->start[i] == b)
			return i;
	return f->n;
}

/*
 * The first capital A-Z in s[i..end), or end: eight bytes a step, as the
 * pair pass would else test every byte of the value.
 */
static size_t
next_capital(const char *s, size_t end, size_t i)
{
	uint64_t m;

	for (; i + 8 <= end; i += 8) {
		m = bytes_in(load8(s + i), 'A', 'Z');
		if (m != 0)
			return i + (size_t)__builtin_ctzll(m) / 8;
	}
	for (; i < end; i++)
		if (s[i] >= 'A' && s[i] <= 'Z')
			return i;
	return end;
}

/*
 * Two Title-case words with one blank between, by the lexicon alone:
 * a given name of 10,000 births or more before a name found ("Ada" of
 * "Ada Lowry", where only the rare surname was taken), and a given name
 * of 100,000 births or more before a surname of the 1,000 commonest,
 * however common the words ("John Smith seen today", where "john" and
 * "smith" are dictionary words and the sentence's start costs a point).
 * Months, places and a city or state pair ("Virginia Beach") are not
 * taken.  Returns 0 or a negative ERR_*.
 */
static int
scan_given_pairs(const struct names *st, const char *s, size_t len,
    struct found *f, struct spans *out)
{
	struct lev a, b;
	struct cand c;
	size_t i, e1, b2, e2, k;
	int rc;

	memset(&c, 0, sizeof(c));
	for (i = 0; i + 4 < len; i = e1 > i ? e1 : i + 1) {
		/* only a capital that starts a word may start a pair */
		i = next_capital(s, len - 4, i);
		e1 = i;
		if (i + 4 >= len ||
		    (i > 0 && word_byte((unsigned char)s[i - 1])))
			continue;
		e1 = title_word_end(s, len, i);
		if (e1 == i || e1 + 1 >= len || s[e1] != ' ')
			continue;
		b2 = e1 + 1;
		e2 = title_word_end(s, len, b2);
		if (e2 == b2 || month_word(s, i, e1) || month_word(s, b2, e2))
			continue;
		k = found_at(f, b2);
		if (k < f->n) {
			/* a medical word too ("Ada"): its births still count */
			if (given_points(st, s, i, e1) < 2)
				continue;
			c.start = i;
			c.end = f->end[k];
		} else {
			if (!word_lev(st, s, len, i, &a) || a.place)
				continue;
			if (a.fp < 3 || !word_lev(st, s, len, b2, &b) ||
			    b.lp < 3 || b.place || (a.geo && b.geo))
				continue;
			c.start = i;
			c.end = e2;
		}
		rc = emit(f, out, &c, 0.6f, "name.pair");
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * One word in capitals after "Pt" or "Patient" (a colon allowed): a
 * surname of the 50,000 commonest that is no dictionary word, place or
 * month ("Pt GARCIA seen"; not "Pt NPO", "Pt STABLE").  Two words in
 * capitals are the triggers' (caps_backed).  Returns 0 or ERR_*.
 */
static int
scan_pt_surname(const struct names *st, const char *s, size_t len,
    struct found *f, struct spans *out)
{
	const char *lo, *up;
	struct lev one;
	struct cand c;
	size_t i, b, e;
	int rc;

	if (len < 5)
		return 0;
	memset(&c, 0, sizeof(c));
	lo = memchr(s, 'p', len);
	up = memchr(s, 'P', len);
	for (i = 0; i + 4 < len; i++) {
		/* the next "p" or "P" (memchr is far faster than a loop) */
		if (lo != NULL && lo < s + i)
			lo = memchr(s + i, 'p', len - i);
		if (up != NULL && up < s + i)
			up = memchr(s + i, 'P', len - i);
		if (lo == NULL && up == NULL)
			break;
		i = (size_t)((up == NULL || (lo != NULL && lo < up) ? lo : up) -
		    s);
		if (i + 4 >= len ||
		    (i > 0 && word_byte((unsigned char)s[i - 1])))
			continue;
		if (strncasecmp(s + i, "patient", 7) == 0)
			b = i + 7;
		else if ((s[i + 1] | 0x20) == 't')
			b = i + 2;
		else
			continue;
		if (b < len && s[b] == ':')
			b++;
		/* blanks, or one line break with blanks around it */
		if (b >= len || (s[b] != ' ' && s[b] != '\n' && s[b] != '\r'))
			continue;
		while (b < len && s[b] == ' ')
			b++;
		if (b < len && s[b] == '\r')
			b++;
		if (b < len && s[b] == '\n')
			b++;
		while (b < len && s[b] == ' ')
			b++;
		for (e = b; e < len && s[e] >= 'A' && s[e] <= 'Z'; e++)
			;
		if (e - b < 3 || (e < len && (word_byte((unsigned char)s[e]) ||
		    s[e] == '-' || s[e] == '\'')) || (e + 1 < len &&
		    s[e] == ' ' && s[e + 1] >= 'A' && s[e + 1] <= 'Z'))
			continue;
		if (!word_lev(st, s, len, b, &one) || one.hard || one.place ||
		    one.known || one.lp < 2 || month_word(s, b, e))
			continue;
		c.start = b;
		c.end = e;
		rc = emit(f, out, &c, 0.7f, "name.pt");
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * "Last, First" with no cue, starting a line or a sentence ("Quill,
 * Marta presented with cough", "QUILL, MARTA seen 5/5", a cell "Quill,
 * Marta"), by the lexicon: see last_first_ok().  Returns 0 or a
 * negative ERR_*.
 */
static int
scan_last_first(const struct names *st, const char *s, size_t len,
    struct found *f, struct spans *out)
{
	const char *p;
	struct cand c;
	size_t k, b;
	int rc = 0;

	for (k = 0; rc == 0 && k < len; k++) {
		p = memchr(s + k, ',', len - k);
		if (p == NULL)
			break;
		k = (size_t)(p - s);
		for (b = k; b > 0 && k - b <= SURNAME_MAX &&
		    back_byte((unsigned char)s[b - 1]); b--)
			;
		if (b == k || k - b > SURNAME_MAX || !sentence_start(s, b))
			continue;
		rc = read_comma(st, s, len, b, OPT_CAPS, &c);
		if (rc == 1)
			c.end = bare_initial(s, len, c.end);
		if (rc == 1 && last_first_ok(st, s, len, &c, k))
			rc = emit(f, out, &c, 0.6f, "name.lexicon");
		else if (rc == 1)
			rc = 0;
	}
	return rc;
}

#define MAX_SPEAKERS	16	/* speaker lines kept from one value */

/*
 * Whether the text s[i..e) after a speaker's colon reads as speech: a
 * quote first, or three words or more ending with ".", "!", "?" or a
 * quote.
 */
static int
speech(const char *s, size_t i, size_t e)
{
	size_t k, words = 0;

	while (i < e && blank(s[i]))
		i++;
	while (e > i && (blank(s[e - 1]) || s[e - 1] == '\r'))
		e--;
	if (i >= e)
		return 0;
	if (s[i] == '"' || (e - i >= 3 && memcmp(s + i, "\xe2\x80\x9c",
	    3) == 0))
		return 1;
	for (k = i; k < e; k++)
		words += !blank(s[k]) && (k == i || blank(s[k - 1]));
	return words >= 3 && strchr(".!?\"", s[e - 1]) != NULL;
}

/*
 * The speakers of a dialogue: lines that start with one word and a
 * colon, then speech ("Orvane: Who are you?").  When two such lines or
 * more have a given name or a word in no list there, and they outnumber
 * the lines whose word is a label ("Plan:", "Neuro:"), their words are
 * names.  Returns 0 or a negative ERR_*.
 */
static int
scan_speakers(const struct names *st, const char *s, size_t len,
    struct found *f, struct spans *out)
{
	size_t at[MAX_SPEAKERS][2], i, k, e, n = 0;
	const char *p;
	struct lword w;
	struct cand c;
	int others = 0, ev, rc = 0;

	for (i = 0; i < len; i = e + 1) {
		p = memchr(s + i, '\n', len - i);
		e = p == NULL ? len : (size_t)(p - s);
		for (k = i; k < e && blank(s[k]); k++)
			;
		if (k >= e || !letter_next(s, len, k, &ev))
			continue;
		(void)read_lword(s, len, k, &w);
		if (w.end >= e || s[w.end] != ':' ||
		    (w.shape != W_CAP && w.shape != W_LOWER))
			continue;
		ev = word_evidence(st, s, len, k);
		if (!(ev > 0 && (ev & (EV_FIRST | EV_UNKNOWN))))
			others++;
		else if (speech(s, w.end + 1, e) && n < MAX_SPEAKERS) {
			at[n][0] = k;
			at[n++][1] = w.end;
		}
	}
	if (n < 2 || n <= (size_t)others)
		return 0;
	memset(&c, 0, sizeof(c));
	for (k = 0; k < n && rc == 0; k++) {
		c.start = at[k][0];
		c.end = at[k][1];
		rc = emit(f, out, &c, 0.6f, "name.speaker");
	}
	return rc;
}

/*
 * Every trigger in order, gated or not, then the lexicon pass, the
 * speakers of a dialogue, the members of lists (not looked for again:
 * a list may be a firm's name), names called to and the repeats.
 * Returns 0 or a negative ERR_*.
 */
static int
names_scan(const void *state, const struct recog_ctx *ctx,
    struct spans *out)
{
	const struct names *st = state;
	struct events ev;
	struct found f;
	size_t off[NTRIGGERS + 2], small[POS_SMALL], *pos = NULL, i, len, nf;
	const char *s;
	int rc;

	s = text_view(ctx->text, &len);
	f.n = 0;
	ev.v = ev.small;
	ev.n = 0;
	ev.cap = EV_SMALL;
	rc = find_events(st, s, len, &ev);
	if (rc == 0)
		rc = by_trigger(&ev, small, &pos, off);
	if (ev.v != ev.small)
		free(ev.v);
	for (i = 0; i < NTRIGGERS && rc == 0; i++) {
		if (triggers[i].gate == NULL)
			rc = scan_trigger(st, i, s, len, &f, out);
		else
			rc = scan_gated(st, i, s, len, pos + off[i],
			    off[i + 1] - off[i], &f, out);
	}
	if (rc == 0)
		rc = scan_lexicon(st, s, len, pos + off[NTRIGGERS],
		    off[NTRIGGERS + 1] - off[NTRIGGERS], ctx->head != NULL ?
		    case_profile(ctx->head, ctx->head_len) :
		    case_profile(s, len), &f, out);
	if (rc == 0)
		rc = scan_last_first(st, s, len, &f, out);
	if (rc == 0)
		rc = scan_given_pairs(st, s, len, &f, out);
	if (rc == 0)
		rc = scan_pt_surname(st, s, len, &f, out);
	if (rc == 0)
		rc = scan_speakers(st, s, len, &f, out);
	nf = f.n;
	if (rc == 0)
		rc = scan_lists(st, s, len, &f, out);
	f.n = nf;
	if (rc == 0)
		rc = scan_vocatives(st, s, len, &f, out);
	if (rc == 0)
		rc = scan_repeats(st, s, len, &f, pos + off[NTRIGGERS],
		    off[NTRIGGERS + 1] - off[NTRIGGERS], out);
	if (pos != small)
		free(pos);
	return rc;
}

const struct recognizer_ops recognizer_names = {
	.name = "names",
	.init = names_init,
	.fini = names_fini,
	.scan = names_scan
};
