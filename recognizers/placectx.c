/*
 * placectx.c - cities, counties, states, countries and employers in
 * running text.
 *
 * The value's words come from the engine's tokens (or, without them,
 * are cut here: letters with inner hyphens, apostrophes and periods;
 * runs of digits).  A word is looked up in a small table of context
 * words only when a rule asks, and a lower-case word starts nothing
 * unless a capital follows it closely.  A capitalised word (or a word
 * in capitals) is looked up in the lexicons, with the words after it
 * when it may start a longer place ("San Antonio", "St. Louis"), and
 * what the lexicons say is weighed against the words around it:
 *
 *   strong  after a label ("City:", "Where:"), after "lives in", "moved
 *           to", "born in", "trip to", "I'm in", "visiting", after a
 *           street ("12 Oak St in X", "12 Rua Azul 40, X") or right
 *           after another place and a comma ("Naples, Italy"), or
 *           before ", ST" or ", State": any capitalised run counts,
 *           known or not ("grew up in Kestrelby");
 *   weak    after "in", "from", "to", "near", "at": a known city of
 *           some size that is not a common word, or after "in", "to",
 *           "from" a word no list knows but as a rare word or a proper
 *           noun;
 *   none    a country or state whose name is no common word or name
 *           ("Portugal", "Massachusetts"); a large city likewise.
 *
 * "X County", "X Parish" and "County of X" are counties; a state code
 * is a state only after a city and a comma (a code that is also a
 * credential, "MD", "PA", only before a ZIP), before a ZIP or after a
 * driver's licence label.  In an address block a line holding nothing
 * but a name is a city when a street or unit line comes before it or a
 * country's line after it, and a postcode after a country, or after a
 * city found in context, is a ZIP.
 *
 * Employers are capitalised runs ending in a company word ("Inc",
 * "Logistics"; "Group" or "Services" only with a word of a name in the
 * run), after an employer context ("Employer:", "works at", "retired
 * from", "cashier at", "CEO of", "joined", "at X as a cashier"), after
 * "the address of" or a person and "of" ("Ann Lee of X"), before "is
 * a ... company" or a company's verb ("X acquired"); the other names
 * of a list holding one are employers too, and so is a lower-case run
 * between "at", "for" or "from" and "inc" or "llc".
 * A name never runs past a sentence's end ("Kestrel Inc. Her"), and
 * the period of "Inc." is part of it.  Names after a title ("Dr.
 * Austin") are left alone.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "lexicon.h"
#include "phitype.h"
#include "placectx.h"
#include "wordtab.h"

#define KEY_MAX		64	/* bytes of a phrase looked up */
#define WORD_LONGEST	16	/* no word of the table is longer */
#define RUN_MAX		4	/* words of an unknown place */
#define ORG_MAX		6	/* words of an organisation */
#define WORDS_SMALL	256	/* words kept on the stack */
#define COMMON_RANK	5000	/* a word this common needs context */
#define WEAK_POP	20000	/* a city after a bare "in" */
#define BARE_POP	300000	/* a city with no context at all */
#define NAME_BIRTHS	20000	/* a given name this common is a name */
#define NAME_RANK	2000	/* a surname this common is a name */

/* Classes of the context words (the table's bits). */
enum {
	W_PREP = 1u << 0,	/* in, from, to, near */
	W_TRIG = 1u << 1,	/* lives, moved, born: then a PREP */
	W_BARE = 1u << 2,	/* visiting, hometown: a place right after */
	W_ADV = 1u << 3,	/* up, here, back: between TRIG and PREP */
	W_THE = 1u << 4,
	W_TITLE = 1u << 5,	/* Dr, Mr: a name follows */
	W_STOP = 1u << 6,	/* months, days, "Patient": no place */
	W_LCITY = 1u << 7,	/* labels */
	W_LCOUNTY = 1u << 8,
	W_LSTATE = 1u << 9,
	W_LCOUNTRY = 1u << 10,
	W_COUNTY = 1u << 11,	/* County, Parish, Borough */
	W_ORG = 1u << 12,	/* a company word: Inc, Logistics */
	W_ORGWEAK = 1u << 13,	/* Group, Services: needs a name word */
	W_EMPLOY = 1u << 14,	/* works, employed, cashier, Employer */
	W_EPREP = 1u << 15,	/* at, for, with, by: after EMPLOY */
	W_CONN = 1u << 16,	/* of, and, &, de: inside a name */
	W_LICENSE = 1u << 17,	/* license, DL: a state code may follow */
	W_PLACEWORD = 1u << 18,	/* Hospital, Clinic: the facility pass */
	W_CORP = 1u << 19,	/* Inc, LLC: may follow a comma */
	W_STREET = 1u << 20,	/* St, Ave: "12 Oak St in X" */
	W_CREDENTIAL = 1u << 21,	/* MD, PA: "Lee, MD" is no place */
	W_NOTPLACE = 1u << 22,	/* "US": not marked */
	W_UNIT = 1u << 23,	/* Apt, Suite: a line of an address */
	W_CODEWORD = 1u << 24,	/* IN, OR: state codes that are words */
	W_ORGNOUN = 1u << 25,	/* "X is a software company" */
	W_COPULA = 1u << 26,	/* is, was */
	W_ARTICLE = 1u << 27,	/* a, an, the */
	W_BAREPLACE = 1u << 28,	/* may start a place needing no context */
	W_ORGOF = 1u << 29,	/* address, offices: "address of X is" */
	W_CORPVERB = 1u << 30	/* acquired, merged: "X acquired" */
};

static const char prep_words[] =
	"in from to near outside around into toward towards";

static const char trig_words[] =
	"lives live living lived resides reside residing resident"
	" residents moved move moving relocated relocating relocate born"
	" raised grew growing flew fly flying traveled travelled traveling"
	" travelling travel travels trip trips vacation vacationing"
	" vacationed returned returning immigrated emigrated originally"
	" native natives home house apartment located based stationed"
	" deployed came comes arrived arriving staying stayed hails"
	" hailing am i'm im";

static const char bare_words[] =
	"visiting visited hometown leaving toured city";

static const char adv_words[] =
	"up here back there away recently currently now just previously"
	" also originally all";

static const char title_words[] =
	"dr mr mrs ms miss mx prof doctor sister brother father mother"
	" nurse rev pastor officer captain judge senator";

static const char stop_words[] =
	"january february march april may june july august september"
	" october november december jan feb mar apr jun jul aug sep sept"
	" oct nov dec monday tuesday wednesday thursday friday saturday"
	" sunday patient pt the a an this that his her their our my your"
	" i he she we they it no not none unknown na n/a he's she's"
	" today tomorrow yesterday christmas thanksgiving easter"
	" baseline normal work school care floor bed room ward unit icu"
	" er ed or home rehab hospice dr ortho neuro cards endo psych"
	" rheum pulm onc derm heme nephro uro gyn peds surg ent gi tele"
	" medicine surgery cardiology neurology radiology oncology"
	" urology dermatology nephrology pulmonology rheumatology"
	" psychiatry pediatrics obstetrics gynecology endocrinology"
	" hematology gastroenterology orthopedics anesthesia pathology";

static const char county_words[] = "county parish borough";

/* Company words that end an organisation's name on their own. */
static const char org_words[] =
	"inc inc. incorporated llc l.l.c llp lllp plc corp corporation"
	" company co ltd limited gmbh industries technologies logistics"
	" manufacturing enterprises holdings pharmaceuticals trucking"
	" landscaping plumbing realty bakery foods freight software"
	" builders construction consulting motors airlines airways"
	" restaurant restaurants cafe diner brewery winery dealership"
	" roofing electric electrical contractors contracting outfitters"
	" apparel textiles telecom supermarkets bancorp bancshares"
	" orchestra philharmonic symphony choir chorale ensemble"
	" analytics therapeutics biosciences biotech robotics aerospace"
	" semiconductor semiconductors";

/* Company words that may follow a comma: "Tice & Vole, Inc.". */
static const char corp_words[] =
	"inc inc. incorporated llc l.l.c llp lllp plc corp ltd limited gmbh";

/* Company words that need a word of a name with them. */
static const char orgweak_words[] =
	"group bank partners associates services solutions systems supply"
	" supplies storage energy authority management media agency store"
	" stores market markets studios studio publishing press capital"
	" financial securities investments ventures labs laboratories"
	" transit transport transportation distribution club union"
	" schools district department shipping moving marketing insurance"
	" research insights dynamics networks communications"
	" entertainment productions wireless interactive";

static const char employ_words[] =
	"works work worked working employed employee employer employment"
	" job retired formerly volunteers volunteer volunteering intern"
	" interning owns owner operates occupation"
	" cashier teacher aide assistant driver electrician hairdresser"
	" engineer custodian janitor clerk manager mechanic technician"
	" accountant paralegal attorney lawyer nurse secretary receptionist"
	" cook chef waiter waitress server bartender barista carpenter"
	" plumber welder machinist laborer foreman supervisor director"
	" analyst programmer developer designer consultant salesman"
	" saleswoman salesperson representative rep agent banker teller"
	" officer guard firefighter paramedic pharmacist therapist"
	" housekeeper nanny caregiver landscaper painter roofer trucker"
	" operator worker associate administrator coordinator specialist"
	" instructor professor librarian scientist researcher executive"
	" ceo cfo coo cto president founder cofounder co-founder chairman"
	" chairwoman partner stocker packer loader"
	" dispatcher courier mover hygienist stylist barber baker butcher"
	" farmer rancher miner fisherman logger builder contractor";

static const char eprep_words[] = "at for with by from";

/*
 * The first words of the places taken with no context at all: the
 * world's countries, the US states and territories, and the largest US
 * cities.  The lexicons decide; this list only spares looking up every
 * other capitalised word.
 */
static const char bare_places[] =
	"afghanistan albania algeria andorra angola antigua argentina"
	" armenia australia austria azerbaijan bahamas bahrain bangladesh"
	" barbados belarus belgium belize benin bhutan bolivia bosnia"
	" botswana brazil brunei bulgaria burkina burma burundi cabo"
	" cambodia cameroon canada cape central chad chile china colombia"
	" comoros congo costa cote croatia cuba cyprus czech czechia"
	" democratic denmark djibouti dominica dominican east ecuador egypt"
	" el england equatorial eritrea estonia eswatini ethiopia fiji"
	" finland france gabon gambia georgia germany ghana great greece"
	" greenland grenada guatemala guinea guyana haiti holland holy"
	" honduras hong hungary iceland india indonesia iran iraq ireland"
	" israel italy ivory jamaica japan jordan kazakhstan kenya kiribati"
	" korea kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia"
	" libya liechtenstein lithuania luxembourg macau madagascar malawi"
	" malaysia maldives mali malta marshall mauritania mauritius mexico"
	" micronesia moldova monaco mongolia montenegro morocco mozambique"
	" myanmar namibia nauru nepal netherlands new nicaragua niger"
	" nigeria north norway oman pakistan palau palestine panama papua"
	" paraguay peru philippines poland portugal puerto qatar romania"
	" russia rwanda saint samoa san sao saudi scotland senegal serbia"
	" seychelles sierra singapore slovakia slovenia solomon somalia"
	" south spain sri sudan suriname sweden switzerland syria taiwan"
	" tajikistan tanzania thailand timor togo tonga trinidad tunisia"
	" turkey turkmenistan tuvalu uganda ukraine united uruguay"
	" uzbekistan vanuatu vatican venezuela viet vietnam wales yemen"
	" zambia zimbabwe alabama alaska arizona arkansas california"
	" colorado connecticut delaware district florida guam hawaii idaho"
	" illinois indiana iowa kansas kentucky louisiana maine maryland"
	" massachusetts michigan minnesota mississippi missouri montana"
	" nebraska nevada ohio oklahoma oregon pennsylvania rhode tennessee"
	" texas utah vermont virginia washington west wisconsin wyoming"
	" american los chicago houston phoenix philadelphia dallas austin"
	" jacksonville fort columbus charlotte indianapolis seattle denver"
	" boston nashville detroit portland las memphis louisville"
	" baltimore milwaukee albuquerque tucson fresno sacramento mesa"
	" atlanta omaha raleigh long miami oakland minneapolis tulsa"
	" bakersfield wichita arlington aurora tampa cleveland honolulu"
	" anaheim lexington stockton corpus henderson riverside newark st"
	" pittsburgh cincinnati anchorage greensboro plano lincoln orlando"
	" irvine toledo jersey durham chula buffalo madison lubbock gilbert"
	" reno chandler glendale laredo winston norfolk chesapeake garland"
	" irving scottsdale boise hialeah fremont spokane richmond baton"
	" brooklyn bronx manhattan queens";

/* What a company is said to be: "Kestrel is a design agency". */
static const char org_nouns[] =
	"company firm agency bank startup corporation manufacturer"
	" retailer nonprofit charity brainchild business consultancy"
	" conglomerate insurer distributor supplier employer vendor"
	" multinational";

/* What a company, and seldom a person, is said to do. */
static const char corp_verbs[] =
	"invested acquired merged announced headquartered";

static const char conn_words[] =
	"of and & the de del da do dos das la le les du von van y et on"
	" upon sur";

static const char license_words[] =
	"license licence lic dl driver's drivers plate plates";

static const char place_words[] =
	"hospital hospitals clinic clinics center centre medical health"
	" healthcare institute infirmary hospice nursing rehab"
	" rehabilitation university college school academy church"
	" memorial general regional unit care";

static const char street_words[] =
	"street st avenue ave road rd drive dr lane ln boulevard blvd way"
	" court ct place pl terrace ter circle cir parkway pkwy highway hwy"
	" trail square sq";

/*
 * The trigram filter: bit c of tri[a * 27 + b] is set when a word of
 * the table starts with characters a, b, c (a letter's index, or 26
 * for anything else or nothing).  Most words fail it and are not
 * looked up.
 */
#define NTRI	(27 * 27)

struct placectx {
	const struct lexicon *lx;
	struct wordtab *tab;
	uint32_t tri[NTRI];
};

/* The filter index of character k of w (n bytes). */
static unsigned
tri_char(const char *w, size_t n, size_t k)
{
	unsigned char c;

	if (k >= n)
		return 26;
	c = (unsigned char)(w[k] | 0x20);
	return c >= 'a' && c <= 'z' ? (unsigned)(c - 'a') : 26;
}

/* Whether w (n bytes) may be in the table, by its first three bytes. */
static int
tri_may(const struct placectx *pc, const char *w, size_t n)
{
	return (pc->tri[tri_char(w, n, 0) * 27 + tri_char(w, n, 1)] >>
	    tri_char(w, n, 2)) & 1;
}

/* Add the words of list (split by spaces) under bits. */
static int
add_list(struct placectx *pc, const char *list, uint32_t bits)
{
	const char *e;
	size_t n;

	for (; *list != '\0'; list = *e == ' ' ? e + 1 : e) {
		e = strchr(list, ' ');
		if (e == NULL)
			e = list + strlen(list);
		n = (size_t)(e - list);
		if (n == 0)
			continue;
		pc->tri[tri_char(list, n, 0) * 27 + tri_char(list, n, 1)] |=
		    (uint32_t)1 << tri_char(list, n, 2);
		if (wordtab_add(pc->tab, list, n, bits) < 0)
			return ERR_NOMEM;
	}
	return 0;
}

/* Word shapes. */
enum {
	WS_LOWER,
	WS_CAP,		/* "Boston", "St." */
	WS_UPPER,	/* "BOSTON", "MA" */
	WS_NUM,		/* "02115" */
	WS_OTHER,	/* "McAllen", "iPhone" */
	WS_SKIP		/* "A1c", "3rd": starts nothing */
};

struct word {
	size_t start, end;	/* view bytes; a final '.' is outside */
	uint32_t bits;		/* W_* */
	unsigned char shape;
	unsigned char dot;	/* a '.' right after */
	unsigned char looked;	/* bits is known (looked up lazily) */
};

/* The words of one value: in small, or (when many) on the heap. */
struct words {
	struct word *v;
	size_t n, cap;
	struct word small[WORDS_SMALL];
};

/* One scan: the value, its words and where the spans go. */
struct scan {
	const struct placectx *pc;
	const char *s;
	size_t len;
	struct words w;
	struct spans *out;
	size_t last;		/* 1 + the last word of the last place */
	size_t wi;		/* 1 + the word in winfo (a cache) */
	int wfound;
	struct lex_info winfo;
	size_t pi;		/* 1 + the word whose place is in pinfo */
	size_t pn;
	struct lex_info pinfo;
};

void
placectx_free(struct placectx *pc)
{
	if (pc == NULL)
		return;
	if (pc->lx != NULL)
		lexicon_close(pc->lx);
	wordtab_free(pc->tab);
	free(pc);
}

static int
build_table(struct placectx *pc)
{
	static const struct {
		const char *list;
		uint32_t bits;
	} lists[] = {
		{ prep_words, W_PREP }, { trig_words, W_TRIG },
		{ bare_words, W_BARE }, { adv_words, W_ADV },
		{ "the", W_THE }, { title_words, W_TITLE },
		{ stop_words, W_STOP },
		{ "city town hometown residence birthplace where", W_LCITY },
		{ "county", W_LCOUNTY }, { "state", W_LSTATE },
		{ "country nationality citizenship", W_LCOUNTRY },
		{ county_words, W_COUNTY }, { org_words, W_ORG },
		{ orgweak_words, W_ORGWEAK }, { employ_words, W_EMPLOY },
		{ eprep_words, W_EPREP }, { conn_words, W_CONN },
		{ license_words, W_LICENSE }, { place_words, W_PLACEWORD },
		{ corp_words, W_CORP }, { street_words, W_STREET },
		{ "md pa ma do np rn ot pt", W_CREDENTIAL },
		{ "us usa u.s u.s.a america africa asia europe antarctica"
		    " oceania", W_NOTPLACE },
		{ "apt apartment suite ste unit fl floor box", W_UNIT },
		{ "in or me ok hi id de la co al oh", W_CODEWORD },
		{ org_nouns, W_ORGNOUN }, { "is was", W_COPULA },
		{ "a an the", W_ARTICLE }, { bare_places, W_BAREPLACE },
		{ "address offices headquarters", W_ORGOF },
		{ corp_verbs, W_CORPVERB }
	};
	size_t i;
	int rc = 0;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]) && rc == 0; i++)
		rc = add_list(pc, lists[i].list, lists[i].bits);
	return rc;
}

int
placectx_new(struct placectx **out, char *err, size_t errlen)
{
	struct placectx *pc;
	int rc;

	pc = calloc(1, sizeof(*pc));
	if (pc == NULL)
		return ERR_NOMEM;
	pc->tab = wordtab_new(1024);
	if (pc->tab == NULL || build_table(pc) != 0) {
		(void)snprintf(err, errlen, "places: word table failed");
		placectx_free(pc);
		return ERR_NOMEM;
	}
	rc = lexicon_open(&pc->lx, err, errlen);
	if (rc != 0) {
		pc->lx = NULL;
		placectx_free(pc);
		return rc;
	}
	*out = pc;
	return 0;
}

/* Whether c is one of the characters of set (never NUL). */
static int
in_str(const char *set, char c)
{
	for (; *set != '\0'; set++)
		if (*set == c)
			return 1;
	return 0;
}

/*
 * SET(s): the characters of the string literal s (at most 8, each a
 * blank or punctuation: below 64) as a bit each, which the compiler
 * folds to a constant, so that in_set() is a shift and not a walk of s
 * (placectx asks it of most gaps between words).
 */
#define SET_BIT(s, i) \
	(sizeof(s) > (i) + 1 ? (uint64_t)1 << ((s)[i] & 63) : 0)
#define SET(s) \
	(0 * sizeof(char[sizeof(s) <= 9 ? 1 : -1]) | SET_BIT(s, 0) | \
	    SET_BIT(s, 1) | SET_BIT(s, 2) | SET_BIT(s, 3) | SET_BIT(s, 4) | \
	    SET_BIT(s, 5) | SET_BIT(s, 6) | SET_BIT(s, 7))

/* Whether c is in set, a SET(). */
static int
in_set(uint64_t set, char c)
{
	return (unsigned char)c < 64 && ((set >> (unsigned char)c) & 1);
}

static int
is_alpha(unsigned char c)
{
	return (unsigned)((c | 0x20) - 'a') < 26u;
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The length of the letter at s[i] (1 for ASCII, the UTF-8 sequence
 * otherwise), or 0 when there is no letter there: general punctuation
 * (E2 80 xx) and Latin-1 signs (C2 xx) are no letters.
 */
static size_t
letter_at(const unsigned char *s, size_t len, size_t i)
{
	size_t n = 1;

	if (s[i] < 0x80)
		return is_alpha(s[i]);
	if (s[i] < 0xc3 || (s[i] == 0xe2 && i + 1 < len && s[i + 1] <= 0x81))
		return 0;
	while (i + n < len && (s[i + n] & 0xc0) == 0x80)
		n++;
	return n;
}

/* Whether the letter at s[i] is a capital (ASCII, Latin-1, Greek). */
static int
upper_at(const unsigned char *s, size_t len, size_t i)
{
	if (s[i] < 0x80)
		return s[i] >= 'A' && s[i] <= 'Z';
	if (i + 1 >= len)
		return 0;
	return (s[i] == 0xc3 && s[i + 1] < 0x9f && s[i + 1] != 0x97) ||
	    (s[i] == 0xce && s[i + 1] >= 0x91 && s[i + 1] <= 0xa9) ||
	    (s[i] == 0xd0 && s[i + 1] < 0xb0) || s[i] == 0xc5;
}

/* The shape of the letters s[a..b). */
static unsigned char
shape_of(const unsigned char *s, size_t len, size_t a, size_t b)
{
	size_t i, up = 0, low = 0;

	for (i = a; i < b; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			up++;
		else if (s[i] >= 'a' && s[i] <= 'z')
			low++;
	}
	if (!upper_at(s, len, a))
		return low > 0 || up == 0 ? WS_LOWER : WS_OTHER;
	if (low == 0)
		return up >= 2 || b - a == 1 ? WS_UPPER : WS_CAP;
	for (i = a + 1; i < b; i++)
		if (s[i] >= 'A' && s[i] <= 'Z' && s[i - 1] != '-' &&
		    s[i - 1] != '\'' && s[i - 1] != '.')
			return WS_OTHER;
	return WS_CAP;
}

static int
word_add(struct words *w, const struct word *x)
{
	struct word *v;
	size_t cap;

	if (w->n == w->cap) {
		cap = w->cap * 2;
		if (w->v == w->small) {
			v = malloc(cap * sizeof(*v));
			if (v != NULL)
				memcpy(v, w->small, sizeof(w->small));
		} else {
			v = realloc(w->v, cap * sizeof(*v));
		}
		if (v == NULL)
			return ERR_NOMEM;
		w->v = v;
		w->cap = cap;
	}
	w->v[w->n++] = *x;
	return 0;
}

/*
 * The end of the word of letters starting at i: letters, and a hyphen,
 * apostrophe (or U+2019) or period between two letters.
 */
static size_t
letters_end(const unsigned char *s, size_t len, size_t i)
{
	size_t k, j;

	for (;;) {
		while (i < len && is_alpha(s[i]))
			i++;
		while (i < len && (k = letter_at(s, len, i)) > 0)
			i += k;
		j = i;
		if (j < len && (s[j] == '-' || s[j] == '\'' || s[j] == '.'))
			j++;
		else if (j + 2 < len && s[j] == 0xe2 && s[j + 1] == 0x80 &&
		    s[j + 2] == 0x99)
			j += 3;
		if (j == i || j >= len || letter_at(s, len, j) == 0)
			return i;
		i = j;
	}
}

/* Cut s into words and look each one up in the context table. */
static int
cut_words(struct scan *sc)
{
	const unsigned char *s = (const unsigned char *)sc->s;
	struct word x;
	size_t i = 0, e;
	int rc;

	while (i < sc->len) {
		if (is_digit(s[i])) {
			for (e = i; e < sc->len && is_digit(s[e]); e++)
				;
			x.shape = WS_NUM;
		} else if (letter_at(s, sc->len, i) > 0) {
			e = letters_end(s, sc->len, i);
			x.shape = shape_of(s, sc->len, i, e);
		} else {
			i++;
			continue;
		}
		x.start = i;
		x.end = e;
		x.dot = e < sc->len && s[e] == '.';
		x.bits = 0;
		x.looked = x.shape == WS_NUM || e - i > WORD_LONGEST ||
		    !tri_may(sc->pc, sc->s + i, e - i);
		rc = word_add(&sc->w, &x);
		if (rc != 0)
			return rc;
		i = e;
	}
	return 0;
}

/*
 * The bytes of a possessive "'s" ending word w (2), else 0: a company
 * word keeps its bits under it ("Kestrel Labs LLC's") and the name
 * ends before it.
 */
static size_t
possessive(const struct scan *sc, const struct word *w)
{
	const char *e = sc->s + w->end;

	return w->end - w->start > 3 && e[-2] == '\'' && (e[-1] | 0x20) ==
	    's' ? 2 : 0;
}

/*
 * The W_* bits of word i, looked up on first use; of a possessive
 * word, only its company bits.
 */
static uint32_t
wbits(struct scan *sc, size_t i)
{
	struct word *w = &sc->w.v[i];
	uint32_t bits = 0;

	if (w->looked)
		return w->bits;
	w->looked = 1;
	(void)wordtab_find(sc->pc->tab, sc->s + w->start, w->end - w->start,
	    &bits);
	if (bits == 0 && w->dot && w->end - w->start < 5)
		(void)wordtab_find(sc->pc->tab, sc->s + w->start,
		    w->end - w->start + 1, &bits);
	if (bits == 0 && possessive(sc, w) != 0) {
		(void)wordtab_find(sc->pc->tab, sc->s + w->start,
		    w->end - w->start - 2, &bits);
		bits &= W_ORG | W_ORGWEAK | W_CORP;
	}
	w->bits = bits;
	return bits;
}

/* Whether the bytes between words a and b hold only s and blanks. */
static int
gap_is(struct scan *sc, size_t a, size_t b, uint64_t allow)
{
	size_t i;

	i = sc->w.v[a].end;
	if (i + 1 == sc->w.v[b].start && sc->s[i] == ' ')
		return in_set(allow, ' ');
	for (; i < sc->w.v[b].start; i++)
		if (!in_set(allow, sc->s[i]))
			return 0;
	return 1;
}

static const char *expand(struct scan *sc, const struct word *w);

/*
 * Whether words a and b (a < b) are one or two blanks (or a hyphen)
 * apart; a period between them only after "St", "Mt", "Ft".
 */
static int
joined(struct scan *sc, size_t a, size_t b)
{
	size_t g = sc->w.v[b].start - sc->w.v[a].end;

	if (g == 0 || g > 2 || !gap_is(sc, a, b, SET(" -.")))
		return 0;
	if (sc->s[sc->w.v[a].end] == '.')
		return g == 2 && expand(sc, &sc->w.v[a]) != NULL;
	return 1;
}

static int
capital(const struct word *w)
{
	return w->shape == WS_CAP || w->shape == WS_UPPER ||
	    w->shape == WS_OTHER;
}

/*
 * Look up words [i, i + n) as one key, folded, blanks made one space,
 * with the first word replaced by first when not NULL.  Returns 1 and
 * fills info when found.
 */
static int
lookup(struct scan *sc, size_t i, size_t n, const char *first,
    struct lex_info *info)
{
	char key[KEY_MAX];
	size_t k = 0, j, m;
	int found = 0;

	for (j = i; j < i + n; j++) {
		const struct word *w = &sc->w.v[j];

		if (j > i && sc->w.v[j - 1].dot && !(j - 1 == i && first))
			key[k++] = '.';
		if (j > i)
			key[k++] = sc->s[w->start - 1] == '-' && w->start - 1 ==
			    sc->w.v[j - 1].end ? '-' : ' ';
		m = j == i && first != NULL ? strlen(first) : w->end - w->start;
		if (k + m + 2 >= KEY_MAX)
			break;
		memcpy(key + k, j == i && first != NULL ? first :
		    sc->s + w->start, m);
		k += m;
	}
	if (j == i + n)
		found = lexicon_find(sc->pc->lx, key, k, info);
	explicit_bzero(key, sizeof(key));
	return found;
}

/*
 * What the lexicons know of word i alone (cached: the walk asks about
 * the same word several times).  Returns 1 when it is there.
 */
static int
word_info(struct scan *sc, size_t i, struct lex_info *x)
{
	const struct word *w = &sc->w.v[i];

	if (sc->wi != i + 1) {
		sc->wi = i + 1;
		sc->wfound = lexicon_find(sc->pc->lx, sc->s + w->start,
		    w->end - w->start, &sc->winfo);
	}
	*x = sc->winfo;
	return sc->wfound;
}

/* "St" is "saint", "Mt" "mount", "Ft" "fort"; else NULL. */
static const char *
expand(struct scan *sc, const struct word *w)
{
	static const char *const from[] = { "st", "ste", "mt", "ft" };
	static const char *const to[] = { "saint", "sainte", "mount", "fort" };
	size_t k;

	if (w->end - w->start > 3)
		return NULL;
	for (k = 0; k < 4; k++)
		if (w->end - w->start == strlen(from[k]) &&
		    strncasecmp(sc->s + w->start, from[k],
		    w->end - w->start) == 0)
			return to[k];
	return NULL;
}

#define PLACE_CLASSES \
	(LEX_CITY | LEX_COUNTY | LEX_STATE | LEX_COUNTRY)

/*
 * The longest place in the lexicons that starts at word i: its length
 * in words (0 when none) and what is known of it in *info.
 */
static size_t
find_place(struct scan *sc, size_t i, struct lex_info *info)
{
	struct lex_info head, h2;
	const char *first = expand(sc, &sc->w.v[i]);
	size_t k, n, most;

	memset(info, 0, sizeof(*info));
	(void)word_info(sc, i, &head);
	most = (head.classes & LEX_PLACE_HEAD) ? head.place_words : 1;
	if (first != NULL && lexicon_find(sc->pc->lx, first, strlen(first),
	    &h2) && (h2.classes & LEX_PLACE_HEAD) && h2.place_words > most)
		most = h2.place_words;
	for (n = 1; n < most && i + n < sc->w.n; n++)
		if (!joined(sc, i + n - 1, i + n) ||
		    !(capital(&sc->w.v[i + n]) ||
		    (wbits(sc, i + n) & W_CONN)))
			break;
	for (k = n; k >= 2; k--) {
		if ((lookup(sc, i, k, NULL, info) && (info->classes &
		    PLACE_CLASSES)) || (first != NULL && lookup(sc, i, k,
		    first, info) && (info->classes & PLACE_CLASSES)))
			return k;
	}
	*info = head;
	return (head.classes & PLACE_CLASSES) ? 1 : 0;
}

/* find_place, cached for the last word asked about. */
static size_t
longest_place(struct scan *sc, size_t i, struct lex_info *info)
{
	if (sc->pi != i + 1) {
		sc->pi = i + 1;
		sc->pn = find_place(sc, i, &sc->pinfo);
	}
	*info = sc->pinfo;
	return sc->pn;
}

/* How strongly the words before word i say a place follows. */
enum ctx {
	CTX_NONE,
	CTX_WEAK,
	CTX_STRONG
};

/* The label before word i ("City: X"), as W_L* bits, or 0. */
static uint32_t
label_before(struct scan *sc, size_t i)
{
	size_t j = sc->w.v[i].start;

	while (j > 0 && (sc->s[j - 1] == ' ' || sc->s[j - 1] == '\t'))
		j--;
	if (i == 0 || j == 0 || sc->s[j - 1] != ':' ||
	    sc->w.v[i - 1].end != j - 1)
		return 0;
	return wbits(sc, i - 1) & (W_LCITY | W_LCOUNTY | W_LSTATE |
	    W_LCOUNTRY);
}

/* Whether bytes a..b hold no line break. */
static int
one_line(struct scan *sc, size_t a, size_t b)
{
	if (b - a == 1)
		return sc->s[a] != '\n';
	return memchr(sc->s + a, '\n', b - a) == NULL;
}

/* Whether word j is a number with a blank (or line start) before. */
static int
loose_number(struct scan *sc, size_t j)
{
	size_t a = sc->w.v[j].start;

	return sc->w.v[j].shape == WS_NUM && (a == 0 ||
	    in_set(SET(" \t\n"), sc->s[a - 1]));
}

/*
 * Whether word j ends a street address: a street word ("Oak St"), or
 * a number after words after a number ("12 Rua Azul 40").
 */
static int
after_street(struct scan *sc, size_t j)
{
	const struct word *v = sc->w.v;
	size_t k;
	int named = 0;

	if ((wbits(sc, j) & W_STREET) && capital(&v[j]))
		return j > 0 && one_line(sc, v[j - 1].end, v[j].start);
	if (!loose_number(sc, j) || j < 2 || v[j - 1].shape == WS_NUM)
		return 0;
	for (k = j - 1; k + 6 > j; k--) {
		if (!one_line(sc, v[k].end, v[k + 1].start))
			return 0;
		if (v[k].shape == WS_NUM)
			return loose_number(sc, k) && named;
		if (v[k].end - v[k].start >= 3 && v[k].shape != WS_UPPER)
			named = 1;
		if (k == 0)
			break;
	}
	return 0;
}

static enum ctx
context_before(struct scan *sc, size_t i)
{
	const struct word *v = sc->w.v;
	size_t j;

	if (label_before(sc, i) != 0)
		return CTX_STRONG;
	if (i > 0 && gap_is(sc, i - 1, i, SET(", \t")) &&
	    sc->s[v[i - 1].end] == ',' && (sc->last == i ||
	    after_street(sc, i - 1)))
		return CTX_STRONG;
	if (i == 0 || !gap_is(sc, i - 1, i, SET(" \t")))
		return CTX_NONE;
	j = i - 1;
	if ((wbits(sc, j) & W_THE) && j > 0 && gap_is(sc, j - 1, j, SET(" \t")))
		j--;
	if (wbits(sc, j) & W_BARE)
		return CTX_STRONG;
	if (!(wbits(sc, j) & W_PREP) && !(v[j].end - v[j].start == 2 &&
	    memcmp(sc->s + v[j].start, "at", 2) == 0))
		return CTX_NONE;
	if (j == 0 || !gap_is(sc, j - 1, j, SET(" \t")))
		return CTX_WEAK;
	j--;
	if ((wbits(sc, j) & W_STREET) && capital(&v[j]) &&
	    sc->s[v[j + 1].start] == 'i')
		return CTX_STRONG;
	if ((wbits(sc, j) & W_ADV) && j > 0 && gap_is(sc, j - 1, j, SET(" \t")))
		j--;
	return (wbits(sc, j) & W_TRIG) ? CTX_STRONG : CTX_WEAK;
}

/* Whether word i is a state code written in capitals ("MA"). */
static int
state_code(struct scan *sc, size_t i)
{
	const struct word *w = &sc->w.v[i];

	return w->shape == WS_UPPER && w->end - w->start == 2 &&
	    lexicon_state(sc->pc->lx, sc->s + w->start, 2) != NULL;
}

/*
 * The state after the place ending with word e: ", MA", " MA 02115",
 * ", Texas".  Returns how many words it has (0: none) and sets *zip
 * when a ZIP follows it.
 */
static size_t
state_after(struct scan *sc, size_t e, int *zip)
{
	struct lex_info info;
	size_t k = e + 1, n;
	int comma;

	*zip = 0;
	if (k >= sc->w.n)
		return 0;
	comma = gap_is(sc, e, k, SET(", \t")) && sc->s[sc->w.v[e].end] == ',';
	if (!comma && !gap_is(sc, e, k, SET(" \t")))
		return 0;
	if (state_code(sc, k)) {
		n = 1;
	} else if (comma && capital(&sc->w.v[k])) {
		n = longest_place(sc, k, &info);
		if (n == 0 || !(info.classes & LEX_STATE))
			return 0;
	} else {
		return 0;
	}
	if (k + n < sc->w.n && sc->w.v[k + n].shape == WS_NUM &&
	    sc->w.v[k + n].end - sc->w.v[k + n].start == 5 &&
	    gap_is(sc, k + n - 1, k + n, SET(" \t,.")))
		*zip = 1;
	if ((!comma || (wbits(sc, k) & W_CREDENTIAL)) && !*zip)
		return 0;
	if (k + n < sc->w.n && gap_is(sc, k + n - 1, k + n, SET(" ")) &&
	    sc->w.v[k + n].shape == WS_LOWER && !*zip &&
	    (wbits(sc, k) & W_CODEWORD))
		return 0;
	return n;
}

static int
add(struct scan *sc, size_t a, size_t b, enum phi_type type, float score,
    const char *name)
{
	return spans_add(sc->out, sc->w.v[a].start, sc->w.v[b].end, type,
	    score, name);
}

/* Whether the word is a common English word, a drug or a disorder. */
static int
common(const struct lex_info *x)
{
	return (x->classes & LEX_MEDICAL) || ((x->classes & LEX_WORD) &&
	    x->word_rank > 0 && x->word_rank <= COMMON_RANK * 4);
}

/* Whether the word is more likely a person's name. */
static int
namelike(const struct lex_info *x)
{
	return ((x->classes & LEX_FIRST) && x->female + x->male >
	    NAME_BIRTHS) || ((x->classes & LEX_LAST) && x->last_rank > 0 &&
	    x->last_rank <= NAME_RANK);
}

/* Whether the word is above all a person's name ("Jackson"). */
static int
very_namelike(const struct lex_info *x)
{
	return ((x->classes & LEX_FIRST) && x->female + x->male >
	    NAME_BIRTHS * 5) || ((x->classes & LEX_LAST) && x->last_rank > 0 &&
	    x->last_rank <= NAME_RANK / 5);
}

/*
 * The run of capitalised words from i that no list knows as a place
 * ("Kestrelby", "Port Aldane"): at most RUN_MAX words, joined by
 * blanks or a connective, none a stop word.  Returns its length, 0
 * when word i cannot start one.
 */
static size_t
unknown_run(struct scan *sc, size_t i)
{
	const struct word *v = sc->w.v;
	struct lex_info x;
	size_t n = 1;

	if (!capital(&v[i]) || (wbits(sc, i) & (W_STOP | W_TITLE | W_CONN |
	    W_PLACEWORD | W_COUNTY | W_NOTPLACE)) || (v[i].shape == WS_UPPER &&
	    v[i].end - v[i].start <= 3) || (v[i].end < sc->len &&
	    is_digit((unsigned char)sc->s[v[i].end])))
		return 0;
	if (word_info(sc, i, &x) && common(&x) && x.word_rank <=
	    COMMON_RANK && !((x.classes & LEX_PLACE_HEAD) && i + 1 <
	    sc->w.n && joined(sc, i, i + 1) && capital(&v[i + 1])))
		return 0;
	while (i + n < sc->w.n && n < RUN_MAX && joined(sc, i + n - 1,
	    i + n) && !(wbits(sc, i + n) & (W_STOP | W_PLACEWORD |
	    W_COUNTY)) && (capital(&v[i + n]) || ((wbits(sc, i + n) & W_CONN) &&
	    i + n + 1 < sc->w.n && capital(&v[i + n + 1]))))
		n++;
	while (n > 1 && (wbits(sc, i + n - 1) & W_CONN))
		n--;
	return n;
}

/* "X County", "X Parish": the words of X (n) and the suffix. */
static int
try_county(struct scan *sc, size_t i, size_t *next)
{
	const struct word *v = sc->w.v;
	size_t n = unknown_run(sc, i), k;
	struct lex_info x;

	if (n == 0) {
		n = longest_place(sc, i, &x);
		if (n == 0 || !capital(&v[i]))
			return 0;
	}
	for (k = 1; k <= n; k++) {
		if (i + k < sc->w.n && (wbits(sc, i + k) & W_COUNTY) &&
		    capital(&v[i + k]) && joined(sc, i + k - 1, i + k)) {
			*next = i + k + 1;
			return add(sc, i, i + k, PHI_COUNTY, 0.8f,
			    "place.county") < 0 ? ERR_NOMEM : 1;
		}
	}
	return 0;
}

/* "County of X". */
static int
try_county_of(struct scan *sc, size_t i, size_t *next)
{
	const struct word *v = sc->w.v;
	size_t n;

	if (!(wbits(sc, i) & W_COUNTY) || !capital(&v[i]) ||
	    i + 2 >= sc->w.n || v[i + 1].end - v[i + 1].start != 2 ||
	    !(wbits(sc, i + 1) & W_CONN) || !joined(sc, i, i + 1) ||
	    !joined(sc, i + 1, i + 2))
		return 0;
	n = unknown_run(sc, i + 2);
	if (n == 0)
		return 0;
	*next = i + 2 + n;
	return add(sc, i, i + 1 + n, PHI_COUNTY, 0.8f, "place.county") < 0 ?
	    ERR_NOMEM : 1;
}

/* The type a lexicon place takes. */
static enum phi_type
place_type(const struct lex_info *x, uint32_t label)
{
	if ((label & W_LCOUNTY) && (x->classes & LEX_COUNTY))
		return PHI_COUNTY;
	if ((label & W_LCITY) && (x->classes & LEX_CITY))
		return PHI_CITY;
	if (x->classes & LEX_STATE)
		return PHI_STATE;
	if (x->classes & LEX_COUNTRY)
		return PHI_COUNTRY;
	if (x->classes & LEX_CITY)
		return PHI_CITY;
	return PHI_COUNTY;
}

/*
 * Whether a lexicon place of type t, with context c, stands: the
 * weaker the context, the less the name may also be a word or a name.
 */
static int
place_stands(const struct lex_info *x, enum phi_type t, enum ctx c,
    size_t words)
{
	int ambiguous = words == 1 && (common(x) || namelike(x));

	if (c == CTX_STRONG)
		return !(words == 1 && (x->classes & LEX_MEDICAL));
	if (t == PHI_COUNTRY || t == PHI_STATE)
		return !ambiguous || c == CTX_WEAK;
	if (t != PHI_CITY)
		return 0;
	if (c == CTX_WEAK)
		return !ambiguous ? x->population >= WEAK_POP :
		    !common(x) && x->population >= (very_namelike(x) ?
		    BARE_POP : WEAK_POP * 5);
	return !ambiguous && x->population >= BARE_POP;
}

/* Whether a title ("Dr.") stands right before word i. */
static int
after_title(struct scan *sc, size_t i)
{
	return i > 0 && (wbits(sc, i - 1) & W_TITLE) &&
	    sc->w.v[i].start - sc->w.v[i - 1].end <= 2 &&
	    gap_is(sc, i - 1, i, SET(" ."));
}

/*
 * A postcode after a country on its line ("Portugal 1234-567"): set
 * *next past it.  Returns 1, or ERR_NOMEM.
 */
static int
zip_after_country(struct scan *sc, size_t e, size_t *next)
{
	const struct word *v = sc->w.v;
	size_t k = e + 1, n, end;

	if (k >= sc->w.n || v[k].shape != WS_NUM ||
	    !gap_is(sc, e, k, SET(" \t")))
		return 1;
	n = v[k].end - v[k].start;
	end = k;
	if (k + 1 < sc->w.n && v[k + 1].shape == WS_NUM &&
	    v[k + 1].start == v[k].end + 1 && sc->s[v[k].end] == '-')
		end = k + 1;
	if (n < 3 || n > 6 || (end + 1 < sc->w.n && v[end + 1].start ==
	    v[end].end + 1 && sc->s[v[end].end] != ' ' &&
	    sc->s[v[end].end] != '\n'))
		return 1;
	*next = end + 1;
	return add(sc, k, end, PHI_ZIP, 0.7f, "place.postcode") < 0 ?
	    ERR_NOMEM : 1;
}

/*
 * A postcode after a city on its line ("in Kestrelby 4821 in its",
 * "Velmora 12345, ..."): four to six digits (or "123 45", "1234-567"),
 * no year, and after it the text's end, a line break, punctuation, a
 * capital or "in", "and".  Sets *next past it.  Returns 1, or
 * ERR_NOMEM.
 */
static int
zip_after_city(struct scan *sc, size_t e, size_t *next)
{
	const struct word *v = sc->w.v;
	size_t k = e + 1, end, n, m;
	const char *d;

	if (k >= sc->w.n || v[k].shape != WS_NUM ||
	    !gap_is(sc, e, k, SET(" \t")))
		return 1;
	end = k;
	if (k + 1 < sc->w.n && v[k + 1].shape == WS_NUM &&
	    v[k + 1].start == v[k].end + 1 &&
	    in_set(SET(" -"), sc->s[v[k].end]) &&
	    v[k + 1].end - v[k + 1].start <= 3)
		end = k + 1;
	n = v[k].end - v[k].start;
	d = sc->s + v[k].start;
	if (n < 3 || n > 6 || (n < 4 && end == k) || (n == 4 && end == k &&
	    ((d[0] == '1' && d[1] == '9') || (d[0] == '2' && d[1] == '0'))))
		return 1;
	if (v[end].end < sc->len &&
	    (!in_set(SET(" \t\n,.;)"), sc->s[v[end].end]) ||
	    (v[end].end + 1 < sc->len && is_digit((unsigned char)
	    sc->s[v[end].end + 1]))))
		return 1;
	if (end + 1 < sc->w.n && gap_is(sc, end, end + 1, SET(" \t")) &&
	    v[end + 1].shape == WS_LOWER) {
		m = v[end + 1].end - v[end + 1].start;
		if (!((m == 2 && memcmp(sc->s + v[end + 1].start, "in", 2) ==
		    0) || (m == 3 && memcmp(sc->s + v[end + 1].start, "and",
		    3) == 0)))
			return 1;
	}
	*next = end + 1;
	return add(sc, k, end, PHI_ZIP, 0.6f, "place.postcode") < 0 ?
	    ERR_NOMEM : 1;
}

/*
 * Whether an unknown run of n words at i may stand after a bare "in",
 * "to" or "from": a word of four letters or more that the lists know
 * at most as a rare word or a proper noun (no given name, no drug),
 * and no more than two words.
 */
static int
weak_unknown(struct scan *sc, size_t i, size_t n)
{
	const struct word *v = sc->w.v;
	struct lex_info x;
	size_t k = i - 1, m;

	if (n > 2 || v[i].end - v[i].start < 4 || v[i].shape == WS_OTHER)
		return 0;
	m = v[k].end - v[k].start;
	if (!((m == 2 && (strncasecmp(sc->s + v[k].start, "in", 2) == 0 ||
	    strncasecmp(sc->s + v[k].start, "to", 2) == 0)) || (m == 4 &&
	    strncasecmp(sc->s + v[k].start, "from", 4) == 0)))
		return 0;
	if (!word_info(sc, i, &x))
		return 1;
	return !(x.classes & (LEX_MEDICAL | LEX_FIRST)) && !common(&x) &&
	    !namelike(&x);
}

/*
 * Whether the words after word i may make it a place with no context
 * before it: a comma, a state code or a county word within a few
 * words on its line.
 */
static int
signal_after(struct scan *sc, size_t i)
{
	const struct word *v = sc->w.v;
	size_t k;

	for (k = i; k < sc->w.n && k < i + RUN_MAX; k++) {
		if ((v[k].end < sc->len && sc->s[v[k].end] == ',') ||
		    (k > i && ((wbits(sc, k) &
		    W_COUNTY) || (v[k].shape == WS_UPPER && v[k].end -
		    v[k].start == 2))))
			return 1;
		if (k + 1 < sc->w.n && !joined(sc, k, k + 1))
			break;
	}
	return 0;
}

/*
 * Whether word i, with nothing around it, is worth a lexicon look: a
 * capitalised word of four letters or more (five at a sentence's
 * start; three before another capital: "New Zealand"), not a label,
 * that may start a country, a state or a large city (bare_places).
 */
static int
bare_candidate(struct scan *sc, size_t i)
{
	const struct word *w = &sc->w.v[i];
	size_t b = w->start;

	if (!(wbits(sc, i) & W_BAREPLACE) || (w->end < sc->len &&
	    sc->s[w->end] == ':'))
		return 0;
	if (w->end - w->start < 3 || (w->end - w->start == 3 && !(i + 1 <
	    sc->w.n && joined(sc, i, i + 1) && capital(&w[1]))) ||
	    (w->shape != WS_CAP && w->shape != WS_UPPER))
		return 0;
	while (b > 0 && (sc->s[b - 1] == ' ' || sc->s[b - 1] == '\t'))
		b--;
	return b == 0 || !in_set(SET(".:;!?"), sc->s[b - 1]) ||
	    w->end - w->start >= 5;
}

/*
 * A place at word i: a city before a state, a known place in context,
 * or an unknown run in strong context.  Sets *next past it.  Returns 1
 * when it added spans, 0 when none, or a negative ERR_*.
 */
static int
try_place(struct scan *sc, size_t i, size_t *next)
{
	struct lex_info x;
	size_t n, ns, e;
	enum ctx c;
	enum phi_type t;
	int zip, rc, known;

	c = context_before(sc, i);
	if (c == CTX_NONE && !signal_after(sc, i) && !bare_candidate(sc, i))
		return 0;
	n = longest_place(sc, i, &x);
	known = n > 0;
	if (n == 0)
		n = unknown_run(sc, i);
	if (n == 0 || after_title(sc, i) || (n == 1 &&
	    (wbits(sc, i) & W_NOTPLACE)))
		return 0;
	e = i + n - 1;
	ns = state_after(sc, e, &zip);
	if (ns > 0 && (zip || c == CTX_STRONG || (known && (x.classes &
	    LEX_CITY) && !(n == 1 && namelike(&x))))) {
		rc = add(sc, i, e, PHI_CITY, 0.85f, "place.city");
		if (rc == 0)
			rc = add(sc, e + 1, e + ns, PHI_STATE, 0.85f,
			    "place.state");
		*next = e + ns + 1;
		sc->last = e + ns + 1;
		return rc < 0 ? rc : 1;
	}
	if (!known) {
		if (c != CTX_STRONG && !(c == CTX_WEAK &&
		    weak_unknown(sc, i, n)))
			return 0;
		*next = e + 1;
		sc->last = e + 1;
		if (add(sc, i, e, PHI_CITY, c == CTX_STRONG ? 0.7f : 0.5f,
		    "place.context") < 0)
			return ERR_NOMEM;
		return zip_after_city(sc, e, next);
	}
	t = place_type(&x, label_before(sc, i));
	if (!capital(&sc->w.v[i]) && (common(&x) || namelike(&x)))
		return 0;
	if (!place_stands(&x, t, c, n))
		return 0;
	if (c != CTX_STRONG && e + 1 < sc->w.n && joined(sc, e, e + 1) &&
	    capital(&sc->w.v[e + 1]))
		return 0;
	*next = e + 1;
	sc->last = e + 1;
	if (add(sc, i, e, t, c == CTX_NONE ? 0.6f : 0.75f,
	    "place.lexicon") < 0)
		return ERR_NOMEM;
	if (t == PHI_CITY && c != CTX_NONE)
		return zip_after_city(sc, e, next);
	return t == PHI_COUNTRY ? zip_after_country(sc, e, next) : 1;
}

/* A state code after a licence label: "Driver's license: MA S123". */
static int
try_license_state(struct scan *sc, size_t i)
{
	const struct word *v = sc->w.v;
	size_t k;

	if (i + 1 >= sc->w.n || i == 0 || v[i].end - v[i].start != 2)
		return 0;
	for (k = i; k > 0 && k + 3 > i; k--)
		if (wbits(sc, k - 1) & W_LICENSE)
			break;
	if (k == 0 || k + 3 <= i || !state_code(sc, i))
		return 0;
	if (v[i + 1].shape == WS_LOWER || !gap_is(sc, i, i + 1, SET(" #:")))
		return 0;
	return add(sc, i, i, PHI_STATE, 0.7f, "place.state") < 0 ?
	    ERR_NOMEM : 1;
}

/*
 * Whether a period after word k may stand inside a name: after an
 * initial ("J. Tice") or "St", "Mt", "Ft".  After anything else it ends
 * a sentence, and the capital after it starts the next one ("Kestrel
 * Mills Inc. Her pain").
 */
static int
inner_period(struct scan *sc, size_t k)
{
	const struct word *w = &sc->w.v[k];

	return w->end - w->start == 1 || expand(sc, w) != NULL;
}

/*
 * The end byte of an organisation whose last word is b: the period of
 * an abbreviated company word ("Inc.", "Corp.", "L.L.C.") is its own.
 */
static size_t
org_end(struct scan *sc, size_t b)
{
	static const char *const abbr[] = { "inc", "corp", "co", "ltd",
	    "bros" };
	const struct word *w = &sc->w.v[b];
	size_t n = w->end - w->start, k;

	if (!w->dot)
		return (wbits(sc, b) & (W_ORG | W_ORGWEAK)) ? w->end -
		    possessive(sc, w) : w->end;
	if (memchr(sc->s + w->start, '.', n) != NULL)
		return w->end + 1;
	for (k = 0; k < sizeof(abbr) / sizeof(abbr[0]); k++)
		if (n == strlen(abbr[k]) && strncasecmp(sc->s + w->start,
		    abbr[k], n) == 0)
			return w->end + 1;
	return w->end;
}

/* Add words a..b as an organisation; 1 when added, or ERR_NOMEM. */
static int
add_org(struct scan *sc, size_t a, size_t b, float score, const char *name)
{
	return spans_add(sc->out, sc->w.v[a].start, org_end(sc, b),
	    PHI_ORGANIZATION, score, name) < 0 ? ERR_NOMEM : 1;
}

/*
 * An organisation from word i: capitalised words (and "&", "and", "of"
 * between them) up to ORG_MAX, on one line, not across a sentence's
 * end.  Returns the count.
 */
static size_t
org_run(struct scan *sc, size_t i)
{
	const struct word *v = sc->w.v;
	size_t n = 1;

	if (!capital(&v[i]) || (wbits(sc, i) & (W_STOP | W_TITLE)))
		return 0;
	while (i + n < sc->w.n && n < ORG_MAX) {
		const struct word *w = &v[i + n];
		size_t g = w->start - v[i + n - 1].end;

		if (g == 0 || g > 3 ||
		    !gap_is(sc, i + n - 1, i + n, SET(" &-.,")))
			break;
		if (v[i + n - 1].dot && !inner_period(sc, i + n - 1))
			break;
		if (memchr(sc->s + v[i + n - 1].end, ',', g) != NULL &&
		    !(wbits(sc, i + n) & W_ORG))
			break;
		if (!capital(w) && !((wbits(sc, i + n) & W_CONN) &&
		    w->end - w->start
		    <= 3 && i + n + 1 < sc->w.n && capital(&v[i + n + 1])))
			break;
		n++;
	}
	return n;
}

/* Whether a run of words is all common words (no name in it). */
static int
all_common(struct scan *sc, size_t i, size_t n)
{
	struct lex_info x;
	size_t k;

	for (k = i; k < i + n; k++) {
		if (wbits(sc, k) & (W_CONN | W_ORG | W_ORGWEAK))
			continue;
		if (!word_info(sc, k, &x) || !(x.classes & (LEX_WORD |
		    LEX_MEDICAL)))
			return 0;
	}
	return 1;
}

/*
 * Whether word i alone reads as a common word, a drug or a disorder
 * (so no employer: "works at night"); a rare word may be a company's
 * name ("works for Kestrelon").
 */
static int
one_common(struct scan *sc, size_t i)
{
	struct lex_info x;

	if (wbits(sc, i) & (W_CONN | W_ORG | W_ORGWEAK))
		return 1;
	return word_info(sc, i, &x) && common(&x);
}

/* Whether a word of the run is a facility word: the place pass's. */
static int
has_place_word(struct scan *sc, size_t i, size_t n)
{
	size_t k;

	for (k = i; k < i + n; k++)
		if (wbits(sc, k) & W_PLACEWORD)
			return 1;
	return 0;
}

/*
 * Whether words a..a + n - 1 read as a person's name: a given name
 * first ("Ann Lee"), or one word that is above all a name.
 */
static int
person_like(struct scan *sc, size_t a, size_t n)
{
	struct lex_info x;

	if (!word_info(sc, a, &x))
		return 0;
	if (n == 1)
		return namelike(&x);
	return n <= 3 && (x.classes & LEX_FIRST) && namelike(&x);
}

/*
 * Whether word i heads a company and "of" follows it ("CEO of",
 * "founder of", "owner of").
 */
static int
head_of(struct scan *sc, size_t i)
{
	static const char *const heads[] = { "ceo", "cfo", "coo", "cto",
	    "founder", "cofounder", "co-founder", "chairman", "chairwoman",
	    "owner" };
	const struct word *v = sc->w.v;
	size_t n = v[i].end - v[i].start, k;

	if (i + 2 >= sc->w.n || v[i + 1].end - v[i + 1].start != 2 ||
	    memcmp(sc->s + v[i + 1].start, "of", 2) != 0 ||
	    !gap_is(sc, i, i + 1, SET(" ")) || !gap_is(sc, i + 1, i + 2,
	    SET(" ")))
		return 0;
	for (k = 0; k < sizeof(heads) / sizeof(heads[0]); k++)
		if (n == strlen(heads[k]) && strncasecmp(sc->s + v[i].start,
		    heads[k], n) == 0)
			return 1;
	return 0;
}

/* Whether word k is one of list (lower case, NULL-ended), in any case. */
static int
word_in(struct scan *sc, size_t k, const char *const *list)
{
	const struct word *w = &sc->w.v[k];
	size_t n = w->end - w->start;

	for (; *list != NULL; list++)
		if (strlen(*list) == n && strncasecmp(sc->s + w->start, *list,
		    n) == 0)
			return 1;
	return 0;
}

/*
 * What one joins or owns that is no employer: a plan or a portal
 * ("joined Medicaid", "joined MyChart"), and the nouns that make the
 * run before them a kind of group, call, class or pet ("joined
 * Hospitalist group", "owner of Labrador retrievers").
 */
static const char *const head_not[] = {
	"medicaid", "medicare", "medigap", "mychart", NULL
};
static const char *const head_nouns[] = {
	"group", "groups", "team", "teams", "program", "programs",
	"programme", "call", "calls", "meeting", "meetings", "class",
	"classes", "session", "sessions", "rounds", "service", "dog",
	"dogs", "cat", "cats", "retriever", "retrievers", "terrier",
	"terriers", "puppy", "puppies", "horse", "horses", NULL
};

/*
 * The company a head or a new hire names at word j ("CEO of Quorvex",
 * "joined Kestrel Vale in 2019"): a capitalised run that reads as no
 * place, no person and no common word alone.
 */
static int
try_org_head(struct scan *sc, size_t j, size_t *next)
{
	const struct word *v = sc->w.v;
	struct lex_info x;
	size_t n;

	if (j < sc->w.n && (wbits(sc, j) & W_THE) && v[j].shape == WS_LOWER &&
	    j + 1 < sc->w.n && gap_is(sc, j, j + 1, SET(" ")))
		j++;
	n = j < sc->w.n ? org_run(sc, j) : 0;
	if (n == 0 || has_place_word(sc, j, n) || longest_place(sc, j, &x) ==
	    n || person_like(sc, j, n) || (n == 1 ? one_common(sc, j) ||
	    v[j].end - v[j].start < 3 || (v[j].shape == WS_UPPER &&
	    v[j].end - v[j].start < 4) : all_common(sc, j, n)))
		return 0;
	if ((n == 1 && word_in(sc, j, head_not)) || (j + n < sc->w.n &&
	    v[j + n].shape == WS_LOWER && gap_is(sc, j + n - 1, j + n,
	    SET(" ")) && word_in(sc, j + n, head_nouns)))
		return 0;
	*next = j + n;
	return add_org(sc, j, j + n - 1, 0.7f, "place.employer");
}

/*
 * An employer after its context: "Employer: X", "works at X", "retired
 * from X", "cashier at X", "formerly with X".
 */
static int
try_org_context(struct scan *sc, size_t i, size_t *next)
{
	const struct word *v = sc->w.v;
	size_t j, n;

	if (!(wbits(sc, i) & W_EMPLOY) || i + 1 >= sc->w.n)
		return 0;
	j = i + 1;
	if (v[i].shape == WS_CAP && sc->s[v[i].end] == ':' &&
	    (wbits(sc, i) & W_LCITY) == 0 && v[i].end - v[i].start >= 7)
		j = i + 1;
	else if ((wbits(sc, j) & W_EPREP) && gap_is(sc, i, j, SET(" \t")))
		j++;
	else if (head_of(sc, i))
		return try_org_head(sc, i + 2, next);
	else
		return 0;
	if (j < sc->w.n && (wbits(sc, j) & W_THE) && v[j].shape == WS_LOWER)
		j++;
	if (j >= sc->w.n || !gap_is(sc, j - 1, j, SET(" \t:")))
		return 0;
	n = org_run(sc, j);
	if (n == 0 || has_place_word(sc, j, n) || (n == 1 &&
	    (one_common(sc, j) || v[j].end - v[j].start < 3 ||
	    (v[j].shape == WS_UPPER && v[j].end - v[j].start < 4))))
		return 0;
	*next = j + n;
	return add_org(sc, j, j + n - 1, 0.75f, "place.employer");
}

/*
 * Whether word k is a word the lists know (any rank, or capitalised),
 * a drug or a disorder: alone in a list it may be no company
 * ("Medicare").
 */
static int
known_word(struct scan *sc, size_t k)
{
	struct lex_info x;

	if (wbits(sc, k) & (W_CONN | W_ORG | W_ORGWEAK))
		return 1;
	return word_info(sc, k, &x) && (x.classes & (LEX_WORD |
	    LEX_PROPER | LEX_MEDICAL));
}

/* Whether word k is "and". */
static int
is_and(struct scan *sc, size_t k)
{
	const struct word *w = &sc->w.v[k];

	return w->end - w->start == 3 && strncasecmp(sc->s + w->start, "and",
	    3) == 0;
}

/*
 * The kind of list separator between words a and a + 1: 1 a comma, 2
 * "and" (word a + 1 is then that "and"), 0 none.
 */
static int
list_sep(struct scan *sc, size_t a)
{
	size_t g;

	if (a + 1 >= sc->w.n)
		return 0;
	g = sc->w.v[a + 1].start - sc->w.v[a].end;
	if (g == 2 && sc->s[sc->w.v[a].end] == ',' &&
	    sc->s[sc->w.v[a].end + 1] == ' ')
		return 1;
	return g == 1 && sc->s[sc->w.v[a].end] == ' ' && is_and(sc, a + 1) ?
	    2 : 0;
}

/*
 * Whether word i, a word the lists know, still stands as a company's
 * name in a list: a rare word, no name, place, drug or disorder, and
 * the list's next item a word no list knows ("Brillax and Quorvane").
 */
static int
loose_item(struct scan *sc, size_t i)
{
	struct lex_info x;
	size_t k;
	int sep = list_sep(sc, i);

	if (sep == 0 || !word_info(sc, i, &x) || common(&x) ||
	    (x.classes & (LEX_MEDICAL | LEX_FIRST | LEX_LAST | LEX_CITY |
	    LEX_COUNTY | LEX_STATE | LEX_COUNTRY)))
		return 0;
	k = i + (size_t)sep;
	if (sep == 1 && k < sc->w.n && is_and(sc, k))
		k++;
	return k < sc->w.n && capital(&sc->w.v[k]) &&
	    !(wbits(sc, k) & (W_STOP | W_TITLE)) && !known_word(sc, k);
}

/*
 * Whether a list item of capitalised words i..j stands as a company's
 * name: no stop word, title or place word in it, not one common word,
 * and a list's separator, a sentence's end or a quote after it (so no
 * sentence starts there: "Kestrel Inc, Denies pain"), and no
 * possessive before its last word ("Tamber's Ann Lee").
 */
static int
list_item(struct scan *sc, size_t i, size_t j)
{
	size_t k, e = sc->w.v[j].end;

	for (k = i; k <= j; k++)
		if (!capital(&sc->w.v[k]) || (wbits(sc, k) & (W_STOP |
		    W_TITLE | W_PLACEWORD | W_NOTPLACE)) || (k < j &&
		    possessive(sc, &sc->w.v[k]) != 0))
			return 0;
	if (i == j ? (known_word(sc, i) && !loose_item(sc, i)) ||
	    sc->w.v[i].end -
	    sc->w.v[i].start < 3 : all_common(sc, i, j - i + 1))
		return 0;
	if (e == sc->len || list_sep(sc, j) != 0)
		return 1;
	return in_set(SET(".;:)\"!?\n"), sc->s[e]);
}

/*
 * The other companies of a list that holds one at words a..e
 * ("Tamberline, Kestrel Labs and Quorn Mills"): capitalised runs after
 * ", " or " and ", and one before it after ", ".  Returns 0 or
 * ERR_NOMEM.
 */
static int
org_siblings(struct scan *sc, size_t a, size_t e)
{
	size_t i, j = e;
	int sep;

	while ((sep = list_sep(sc, j)) != 0) {
		i = j + (size_t)sep;
		if (sep == 1 && i < sc->w.n && is_and(sc, i))
			i++;
		if (i >= sc->w.n)
			break;
		for (j = i; j + 1 < sc->w.n && j + 1 - i < ORG_MAX &&
		    gap_is(sc, j, j + 1, SET(" ")) &&
		    capital(&sc->w.v[j + 1]) && !is_and(sc, j + 1); j++)
			;
		if (!list_item(sc, i, j))
			break;
		if (add_org(sc, i, j, 0.6f, "place.org_list") < 0)
			return ERR_NOMEM;
	}
	if (a < 2 || list_sep(sc, a - 1) != 1)
		return 0;
	j = a - 1;
	for (i = j; i > 0 && j - i + 1 < ORG_MAX &&
	    gap_is(sc, i - 1, i, SET(" ")) && capital(&sc->w.v[i - 1]); i--)
		;
	if (!list_item(sc, i, j))
		return 0;
	return add_org(sc, i, j, 0.6f, "place.org_list") < 0 ? ERR_NOMEM : 0;
}

/*
 * Where a company's name ending at word i starts when words a.. begin
 * with a person's given name and "of" ("Ann Lee of Kestrel Inc"): after
 * the "of".  Else a.
 */
static size_t
person_of(struct scan *sc, size_t a, size_t i)
{
	struct lex_info x;
	size_t k;

	if (!word_info(sc, a, &x) || !(x.classes & LEX_FIRST) ||
	    !namelike(&x))
		return a;
	for (k = a + 1; k + 1 < i; k++)
		if (sc->w.v[k].end - sc->w.v[k].start == 2 &&
		    memcmp(sc->s + sc->w.v[k].start, "of", 2) == 0)
			return k + 1;
	return a;
}

/*
 * "The address of Kestrel and Vole is ...", "the offices of X:": the
 * capitalised run after "of", when "is", "was" or a colon follows it.
 * Word i is "address", "offices" or "headquarters".
 */
static int
try_org_address(struct scan *sc, size_t i, size_t *next)
{
	const struct word *v = sc->w.v;
	struct lex_info x;
	size_t j = i + 2, n, e;

	if (j >= sc->w.n || v[i + 1].end - v[i + 1].start != 2 ||
	    memcmp(sc->s + v[i + 1].start, "of", 2) != 0 ||
	    !gap_is(sc, i, i + 1, SET(" ")) || !gap_is(sc, i + 1, j, SET(" ")))
		return 0;
	n = org_run(sc, j);
	if (n == 0 || has_place_word(sc, j, n) || longest_place(sc, j, &x) ==
	    n || (n == 1 && one_common(sc, j)))
		return 0;
	e = j + n - 1;
	if (!(v[e].end < sc->len && sc->s[v[e].end] == ':') && !(e + 1 <
	    sc->w.n && (wbits(sc, e + 1) & W_COPULA) && gap_is(sc, e, e + 1,
	    SET(" "))))
		return 0;
	*next = e + 1;
	return add_org(sc, j, e, 0.6f, "place.org");
}

/* Whether word a starts a sentence, a clause or a line. */
static int
clause_start(struct scan *sc, size_t a)
{
	size_t b;

	if (a == 0)
		return 1;
	for (b = sc->w.v[a - 1].end; b < sc->w.v[a].start; b++)
		if (in_str(",.;:!?\n", sc->s[b]))
			return 1;
	return 0;
}

/*
 * Where a firm's name of single names ending at word i starts: when
 * words a..i begin "Tice and Vole", the names before it that commas
 * join ("Quorn, Tice and Vole Orchestra"), each a word of its own,
 * when a sentence, "the", "at" or "works" comes before them (not a
 * list's comma or "and").  Else a.
 */
static size_t
firm_start(struct scan *sc, size_t a, size_t i)
{
	const struct word *v = sc->w.v;
	size_t b = a, k = 0, g;

	if (a + 2 >= i || !is_and(sc, a + 1))
		return a;
	while (b >= 1 && k++ < 3 && list_sep(sc, b - 1) == 1 &&
	    capital(&v[b - 1]) && !(wbits(sc, b - 1) & (W_STOP | W_TITLE |
	    W_PREP | W_EMPLOY | W_PLACEWORD)))
		b--;
	if (b == a || b == 0)
		return b;
	for (g = v[b - 1].end; g < v[b].start; g++)
		if (in_str(".\n", sc->s[g]))
			return b;
	if (!gap_is(sc, b - 1, b, SET(" ")) || !(wbits(sc, b - 1) & (W_THE |
	    W_PREP | W_EPREP | W_EMPLOY)))
		return a;
	return b;
}

/*
 * An organisation ending in a company word at word i ("Kestrel
 * Logistics", "Tice & Vole LLC").  Returns 1 when added.
 */
static int
try_org_suffix(struct scan *sc, size_t i)
{
	const struct word *v = sc->w.v;
	size_t a = i, k, n;

	if (!(wbits(sc, i) & (W_ORG | W_ORGWEAK)) || !capital(&v[i]) ||
	    i == 0 || (v[i].shape == WS_UPPER && v[i].end - v[i].start <= 2))
		return 0;
	while (a > 0 && i - a < ORG_MAX && v[a].start - v[a - 1].end <= 3 &&
	    gap_is(sc, a - 1, a, (a == i && (wbits(sc, i) & W_CORP)) ?
	    SET(" &-,.") : SET(" &-")) && (capital(&v[a - 1]) ||
	    ((wbits(sc, a - 1) & W_CONN) && v[a - 1].end - v[a - 1].start <= 3
	    && a >= 2 && capital(&v[a - 2]))) &&
	    !(wbits(sc, a - 1) & (W_STOP | W_TITLE | W_PREP | W_EMPLOY |
	    W_LCITY | W_LCOUNTY | W_LSTATE | W_LCOUNTRY)))
		a--;
	while (a < i && (wbits(sc, a) & (W_CONN | W_THE)))
		a++;
	a = firm_start(sc, person_of(sc, a, i), i);
	if (a == i)
		return 0;
	n = i - a + 1;
	if (has_place_word(sc, a, n))
		return 0;
	for (k = a; k < i; k++)
		if ((wbits(sc, k) & W_ORG) && !(wbits(sc, i) & W_ORG))
			break;
	if (!(wbits(sc, i) & W_ORG) && k == i && all_common(sc, a, n))
		return 0;
	if (add_org(sc, a, i, 0.7f, "place.org") < 0 ||
	    org_siblings(sc, a, i) < 0)
		return ERR_NOMEM;
	return 1;
}

/*
 * Whether only blanks and quote marks ('>', '?') stand between the
 * start of byte b's line and b.  It looks back over those alone, never
 * over the whole line: a long line must not make each word cost its
 * length.
 */
static int
at_line_start(struct scan *sc, size_t b)
{
	while (b > 0 && sc->s[b - 1] != '\n')
		if (!in_set(SET(" \t>?"), sc->s[--b]))
			return 0;
	return 1;
}

/*
 * Whether the line before the one starting at byte b (blank lines
 * skipped) is a line of a street address: it starts with a unit word
 * ("Apt. 12", "Suite 4") or a number and ends with a number or a
 * street word.  The first word of that line is searched from word i
 * back.
 */
static int
address_line_before(struct scan *sc, size_t i, size_t b)
{
	const struct word *v = sc->w.v;
	size_t last, first;

	if (i == 0 || b == 0)
		return 0;
	last = i - 1;
	first = last;
	while (first > 0 && one_line(sc, v[first - 1].end, v[first].start))
		first--;
	if (!at_line_start(sc, v[first].start))
		return 0;
	if ((wbits(sc, first) & W_UNIT) && capital(&v[first]))
		return 1;
	return v[first].shape == WS_NUM && first < last &&
	    (v[last].shape == WS_NUM || (wbits(sc, last) & W_STREET));
}

/* Whether the next line after word j starts with a country or code. */
static int
country_line_after(struct scan *sc, size_t j)
{
	struct lex_info x;
	size_t k = j + 1;

	if (k >= sc->w.n || !at_line_start(sc, sc->w.v[k].start))
		return 0;
	if (state_code(sc, k))
		return 1;
	return capital(&sc->w.v[k]) && longest_place(sc, k, &x) > 0 &&
	    (x.classes & LEX_COUNTRY);
}

/*
 * A line that holds nothing but a place's name, in an address block:
 * after a street or unit line, or before a country's line ("Apt. 4

 * Kestrelby
Portugal 1234").  Returns 1 when added.
 */
static int
try_line_city(struct scan *sc, size_t i, size_t *next)
{
	const struct word *v = sc->w.v;
	struct lex_info x;
	size_t j = i, b = v[i].start, e;

	while (b > 0 && in_set(SET(" \t>?"), sc->s[b - 1]))
		b--;
	if (b > 0 && sc->s[b - 1] != '\n')
		return 0;
	while (j + 1 < sc->w.n && j - i < RUN_MAX && one_line(sc, v[j].end,
	    v[j + 1].start) && (capital(&v[j + 1]) || (wbits(sc, j + 1) &
	    W_CONN)))
		j++;
	for (e = v[j].end; e < sc->len && sc->s[e] != '\n'; e++)
		if (!in_set(SET(" \t.,"), sc->s[e]))
			return 0;
	if (longest_place(sc, i, &x) == j - i + 1 && (x.classes &
	    (LEX_COUNTRY | LEX_STATE)))
		return 0;
	if (!address_line_before(sc, i, b) && !country_line_after(sc, j))
		return 0;
	*next = j + 1;
	sc->last = j + 1;
	return add(sc, i, j, PHI_CITY, 0.7f, "place.line") < 0 ? ERR_NOMEM :
	    1;
}

/*
 * "Kestrel is a design agency", "Tice & Vole was the brainchild": the
 * capitalised run before "is a" (up to ORG_MAX words back on the line)
 * when a company noun follows within three words.  Word c is "is".
 */
static int
try_org_is(struct scan *sc, size_t c)
{
	const struct word *v = sc->w.v;
	size_t k, a, e;

	if (c == 0 || c + 2 >= sc->w.n || !(wbits(sc, c + 1) & W_ARTICLE))
		return 0;
	for (k = c + 2; k < sc->w.n && k < c + 6; k++)
		if (wbits(sc, k) & W_ORGNOUN)
			break;
	if (k == sc->w.n || k == c + 6)
		return 0;
	e = c - 1;
	if (!capital(&v[e]) || !one_line(sc, v[e].end, v[k].start))
		return 0;
	a = e;
	while (a > 0 && e - a + 1 < ORG_MAX && (capital(&v[a - 1]) ||
	    (wbits(sc, a - 1) & W_CONN)) && v[a].start - v[a - 1].end <= 2 &&
	    gap_is(sc, a - 1, a, SET(" &-,")))
		a--;
	while (a < e && (wbits(sc, a) & (W_CONN | W_THE | W_STOP)))
		a++;
	if ((wbits(sc, a) & (W_STOP | W_TITLE)) || has_place_word(sc, a,
	    e - a + 1))
		return 0;
	return add_org(sc, a, e, 0.6f, "place.org");
}

/*
 * Whether words a..a + n - 1 hold a company word and a word past the
 * commonest (no drug or disorder among them): common words that may
 * still name a company ("Lark Group").
 */
static int
rare_with_org(struct scan *sc, size_t a, size_t n)
{
	struct lex_info x;
	size_t k;
	int org = 0, rare = 0;

	for (k = a; k < a + n; k++) {
		if (wbits(sc, k) & (W_ORG | W_ORGWEAK))
			org = 1;
		else if (!word_info(sc, k, &x))
			rare = 1;
		else if (x.classes & LEX_MEDICAL)
			return 0;
		else if (x.word_rank > COMMON_RANK)
			rare = 1;
	}
	return org && rare;
}

/*
 * Words after "acquired" that make it a clinical participle, not a
 * company's purchase: "Ventilator acquired pneumonia", "MRSA acquired
 * in the ICU", "Pseudomonas acquired resistance".
 */
static const char *const acquired_not[] = {
	"in", "at", "during", "from", "while", "on", "after", "via",
	"pneumonia", "infection", "infections", "resistance", "immunity",
	"colonization", "bacteremia", "sepsis", "uti", "disease",
	"mutation", "mutations", "deficiency", NULL
};

/*
 * Whether the run of n words at a, before a company's verb at word i,
 * reads as no firm: one word the dictionary has in lower case only
 * ("Dialysis merged", "Telemetry announced"), or any subject of
 * "acquired" in its clinical sense.
 */
static int
verb_not_firm(struct scan *sc, size_t a, size_t n, size_t i)
{
	struct lex_info x;

	if (n == 1 && word_info(sc, a, &x) && (x.classes & (LEX_WORD |
	    LEX_MEDICAL)) && !(x.classes & (LEX_PROPER | LEX_FIRST |
	    LEX_LAST)))
		return 1;
	return i + 1 < sc->w.n && sc->w.v[i + 1].shape == WS_LOWER &&
	    sc->w.v[i].end - sc->w.v[i].start == 8 &&
	    strncmp(sc->s + sc->w.v[i].start, "acquired", 8) == 0 &&
	    word_in(sc, i + 1, acquired_not);
}

/*
 * "During 2009, Kestrel Vale invested", "Quorvex acquired": the
 * capitalised run right before a company's verb (word i) when it
 * starts a sentence or a clause and reads as no person and no place.
 * Common words alone need a company word and a rarer word with them
 * ("The Lark Group merged", not "The Emergency Department announced").
 */
static int
try_org_verb(struct scan *sc, size_t i)
{
	const struct word *v = sc->w.v;
	struct lex_info x;
	size_t a, e = i - 1, n, k;

	if (!capital(&v[e]) || !gap_is(sc, e, i, SET(" ")))
		return 0;
	a = e;
	while (a > 0 && e - a + 1 < ORG_MAX && (capital(&v[a - 1]) ||
	    (wbits(sc, a - 1) & W_CONN)) && gap_is(sc, a - 1, a, SET(" &-")))
		a--;
	if (!clause_start(sc, a) || (a > 0 && (wbits(sc, a - 1) & W_TITLE)))
		return 0;
	while (a < e && (wbits(sc, a) & (W_CONN | W_THE)))
		a++;
	n = e - a + 1;
	for (k = a; k <= e; k++)
		if (wbits(sc, k) & (W_STOP | W_TITLE | W_PLACEWORD))
			return 0;
	if (longest_place(sc, a, &x) == n || person_like(sc, a, n))
		return 0;
	if (n == 1 ? one_common(sc, a) : all_common(sc, a, n) &&
	    !rare_with_org(sc, a, n))
		return 0;
	if (verb_not_firm(sc, a, n, i))
		return 0;
	return add_org(sc, a, e, 0.6f, "place.org_verb");
}

/*
 * A company in lower case: words after "at", "for", "with", "by" or
 * "from" (and "the") that end in a corporate word, one of them no
 * common word ("works for vellmar data llc").  Word i is that word.
 * Before "inc", also short for "increase" and "incontinence" ("for
 * urinary inc", "for bp control inc"), that word must be in no list
 * or a name that is no dictionary word.
 */
static int
try_org_lower(struct scan *sc, size_t i)
{
	const struct word *v = sc->w.v;
	struct lex_info x;
	size_t a = i, b, k;
	int inc;

	while (a > 0 && i - a < 4 && v[a - 1].shape == WS_LOWER &&
	    gap_is(sc, a - 1, a, SET(" &-")) && !(wbits(sc, a - 1) &
	    (W_EPREP | W_PREP | W_STOP | W_CORP)))
		a--;
	if (a == i || a == 0)
		return 0;
	b = a - 1;
	if ((wbits(sc, b) & W_THE) && b > 0)
		b--;
	if (!(wbits(sc, b) & W_EPREP) || !one_line(sc, v[b].end, v[i].start))
		return 0;
	inc = v[i].end - v[i].start == 3 && strncasecmp(sc->s + v[i].start,
	    "inc", 3) == 0;
	for (k = a; k < i; k++)
		if (!word_info(sc, k, &x) || (inc ? (x.classes & (LEX_FIRST |
		    LEX_LAST)) && !(x.classes & LEX_WORD) : !common(&x)))
			return add_org(sc, a, i, 0.6f, "place.org_lower");
	return 0;
}

/*
 * "two years at Quorvex as a cashier": the capitalised run after "at"
 * (word i) when "as", an article and a job's word follow it.
 */
static int
try_org_as(struct scan *sc, size_t i)
{
	const struct word *v = sc->w.v;
	struct lex_info x;
	size_t j = i + 1, n = org_run(sc, j), e = j + n - 1;

	if (n == 0 || e + 3 >= sc->w.n || !gap_is(sc, i, j, SET(" ")) ||
	    v[e + 1].end - v[e + 1].start != 2 ||
	    memcmp(sc->s + v[e + 1].start, "as", 2) != 0 ||
	    !(wbits(sc, e + 2) & W_ARTICLE) || !(wbits(sc, e + 3) & W_EMPLOY) ||
	    !one_line(sc, v[e].end, v[e + 3].start))
		return 0;
	if (has_place_word(sc, j, n) || longest_place(sc, j, &x) == n ||
	    (n == 1 ? one_common(sc, j) : all_common(sc, j, n)))
		return 0;
	return add_org(sc, j, e, 0.6f, "place.employer");
}

/*
 * Whether words i..i + n - 1 are all common words by rank, drugs or
 * disorders (a rare word the dictionary knows may name a company).
 */
static int
all_ranked(struct scan *sc, size_t i, size_t n)
{
	size_t k;

	for (k = i; k < i + n; k++)
		if (!one_common(sc, k))
			return 0;
	return 1;
}

/*
 * "Ann Lee of Kestrelon": a capitalised run after a person's given
 * name (one the lists know, or no word they know) and surname and "of"
 * (word i), when the lists know the run as no place and no common
 * word.  A possessive "'s" after it stays out.
 */
static int
try_person_org(struct scan *sc, size_t i)
{
	const struct word *v = sc->w.v;
	struct lex_info x;
	size_t j = i + 1, n, e;

	if (i < 2 || j >= sc->w.n || v[i].end - v[i].start != 2 ||
	    memcmp(sc->s + v[i].start, "of", 2) != 0 ||
	    !capital(&v[i - 2]) || !capital(&v[i - 1]) ||
	    !gap_is(sc, i - 2, i - 1, SET(" ")) ||
	    !gap_is(sc, i - 1, i, SET(" ")) || !gap_is(sc, i, j, SET(" ")))
		return 0;
	if ((word_info(sc, i - 2, &x) && !((x.classes & LEX_FIRST) &&
	    namelike(&x))) || one_common(sc, i - 1) ||
	    ((wbits(sc, i - 2) | wbits(sc, i - 1)) & (W_STOP | W_TITLE |
	    W_PLACEWORD | W_ORG | W_ORGWEAK)))
		return 0;
	n = org_run(sc, j);
	if (n == 0 || has_place_word(sc, j, n) ||
	    longest_place(sc, j, &x) == n || (n == 1 ? one_common(sc, j) ||
	    v[j].end - v[j].start < 3 : all_ranked(sc, j, n)))
		return 0;
	e = j + n - 1;
	if (n == 1 && person_like(sc, j, 1))
		return 0;
	return spans_add(sc->out, v[j].start, v[e].end - possessive(sc,
	    &v[e]), PHI_ORGANIZATION, 0.6f, "place.person_of") < 0 ?
	    ERR_NOMEM : 1;
}

/*
 * The last word of the line whose first word is i, when that line is
 * nothing but words (letters, blanks, periods, hyphens, '&', commas)
 * and at most max of them; else SIZE_MAX.
 */
static size_t
plain_line(struct scan *sc, size_t i, size_t max)
{
	const struct word *v = sc->w.v;
	size_t j = i, e;

	if (v[i].shape == WS_NUM || v[i].shape == WS_SKIP ||
	    !at_line_start(sc, v[i].start))
		return SIZE_MAX;
	while (j + 1 < sc->w.n && one_line(sc, v[j].end, v[j + 1].start)) {
		if (j + 1 - i >= max || v[j + 1].shape == WS_NUM ||
		    v[j + 1].shape == WS_SKIP ||
		    !gap_is(sc, j, j + 1, SET(" \t.&,-")))
			return SIZE_MAX;
		j++;
	}
	for (e = v[j].end; e < sc->len && sc->s[e] != '\n'; e++)
		if (!in_set(SET(" \t."), sc->s[e]))
			return SIZE_MAX;
	return j;
}

/* The first word of the line before the one starting at word i. */
static size_t
line_before(struct scan *sc, size_t i)
{
	size_t f;

	if (i == 0)
		return SIZE_MAX;
	f = i - 1;
	while (f > 0 && one_line(sc, sc->w.v[f - 1].end, sc->w.v[f].start))
		f--;
	return f;
}

/*
 * Whether the line starting at word f may be a person's name: two to
 * four words of one case, none a common word, a drug or a disorder
 * ("Ann B Lee", "Kestra Voll").
 */
static int
name_line(struct scan *sc, size_t f, int lower)
{
	struct lex_info x;
	size_t j = plain_line(sc, f, 4), k;

	if (j == SIZE_MAX || j == f)
		return 0;
	for (k = f; k <= j; k++) {
		if ((sc->w.v[k].shape == WS_LOWER) != lower ||
		    (wbits(sc, k) & (W_STOP | W_PLACEWORD | W_ORG |
		    W_ORGWEAK)))
			return 0;
		if (sc->w.v[k].end - sc->w.v[k].start > 1 &&
		    word_info(sc, k, &x) && (common(&x) && !namelike(&x)))
			return 0;
	}
	return 1;
}

/* Whether lines starting at words a and b hold the same text. */
static int
same_line(struct scan *sc, size_t a, size_t b)
{
	const char *s = sc->s;
	size_t ea = sc->w.v[a].start, eb = sc->w.v[b].start;

	while (ea < sc->len && eb < sc->len && s[ea] == s[eb] &&
	    s[ea] != '\n') {
		ea++;
		eb++;
	}
	return (ea == sc->len || s[ea] == '\n') &&
	    (eb == sc->len || s[eb] == '\n');
}

/*
 * Whether the line after word j starts an address or repeats the name
 * of line f: a number, a unit or box word, "PSC", "the corner".
 */
static int
sig_after(struct scan *sc, size_t j, size_t f)
{
	const struct word *v = sc->w.v;
	size_t k = j + 1, n;

	if (k >= sc->w.n || one_line(sc, v[j].end, v[k].start) ||
	    memchr(sc->s + v[j].end, '\n', v[k].start - v[j].end) !=
	    memrchr(sc->s + v[j].end, '\n', v[k].start - v[j].end))
		return 0;
	if (v[k].shape == WS_NUM || (wbits(sc, k) & W_UNIT) ||
	    same_line(sc, k, f))
		return 1;
	n = v[k].end - v[k].start;
	return (n == 3 && strncasecmp(sc->s + v[k].start, "psc", 3) == 0) ||
	    (n == 3 && strncasecmp(sc->s + v[k].start, "the", 3) == 0) ||
	    (n == 1 && (sc->s[v[k].start] | 0x20) == 'p' && v[k].dot);
}

/*
 * A company's name heading the text, a blank line and its address
 * after it ("Kestrel Labs\n\n12 Rua Azul 40"): words i..j, not all
 * common words, not a place, the next line starting with a number
 * and a word, or a word and a number ("Rua Azul 40" style).
 */
static int
try_head_org(struct scan *sc, size_t i, size_t j, size_t *next)
{
	const struct word *v = sc->w.v;
	struct lex_info x;
	size_t k = j + 1, b, nl = 0;

	if (k < sc->w.n)
		for (b = v[j].end; b < v[k].start; b++)
			nl += sc->s[b] == '\n' ? 1 :
			    in_set(SET(" \t>?"), sc->s[b]) ? 0 : 9;
	if (i != 0 || nl != 2 || k + 1 >= sc->w.n || v[i].shape == WS_LOWER ||
	    !(capital(&v[i])) || all_common(sc, i, j - i + 1) ||
	    longest_place(sc, i, &x) == j - i + 1 ||
	    has_place_word(sc, i, j - i + 1))
		return 0;
	if (!gap_is(sc, k, k + 1, SET(" \t")) || (v[k].shape == WS_NUM ?
	    v[k + 1].shape == WS_NUM || v[k + 1].shape == WS_SKIP :
	    !capital(&v[k]) || v[k + 1].shape != WS_NUM ||
	    (wbits(sc, k) & (W_STOP | W_TITLE))))
		return 0;
	*next = k;
	return add_org(sc, i, j, 0.6f, "place.signature");
}

/*
 * An employer on its own line in a signature: after a line holding a
 * person's name (a job title's line may come between) and before an
 * address or the name again ("Ann Lee\nKestrel Labs\n12 Oak St").
 */
static int
try_sig_org(struct scan *sc, size_t i, size_t *next)
{
	struct lex_info x;
	size_t j = plain_line(sc, i, ORG_MAX), f, k;
	int lower = sc->w.v[i].shape == WS_LOWER;

	if (j == SIZE_MAX || (wbits(sc, i) & (W_STOP | W_TITLE | W_UNIT)))
		return 0;
	for (k = i; k <= j; k++)
		if (!(wbits(sc, k) & W_CONN) &&
		    (sc->w.v[k].shape == WS_LOWER) != lower)
			return 0;
	f = line_before(sc, i);
	if (f == SIZE_MAX)
		return try_head_org(sc, i, j, next);
	if (!name_line(sc, f, lower)) {
		f = line_before(sc, f);
		if (f == SIZE_MAX || !name_line(sc, f, lower))
			return 0;
	}
	if (!sig_after(sc, j, f) || has_place_word(sc, i, j - i + 1) ||
	    (longest_place(sc, i, &x) == j - i + 1) || (j == i &&
	    word_info(sc, i, &x) && common(&x)))
		return 0;
	*next = j + 1;
	return add_org(sc, i, j, 0.7f, "place.signature");
}

/* Whether a county word follows word i within a run's length. */
static int
county_ahead(struct scan *sc, size_t i)
{
	size_t k;

	for (k = i + 1; k < sc->w.n && k <= i + RUN_MAX; k++)
		if (capital(&sc->w.v[k]) && in_str("CcPpBb",
		    sc->s[sc->w.v[k].start]) &&
		    (wbits(sc, k) & W_COUNTY))
			return 1;
	return 0;
}

/* Whether word i may be "is" or "was" after a capitalised word. */
static int
copula_shape(const struct scan *sc, size_t i)
{
	size_t n = sc->w.v[i].end - sc->w.v[i].start;

	return i > 0 && (n == 2 || n == 3) && capital(&sc->w.v[i - 1]);
}

/*
 * Whether word i (in lower case) may start an employer's context: a
 * short word ("at", "for", "with") after it and a capital after that
 * ("works at Kestrel", "works at the Kestrel"), or a colon.
 */
static int
employ_shape(const struct scan *sc, size_t i)
{
	const struct word *v = sc->w.v;

	if (v[i].end < sc->len && sc->s[v[i].end] == ':')
		return 1;
	if (i + 2 >= sc->w.n || v[i + 1].shape != WS_LOWER ||
	    v[i + 1].end - v[i + 1].start > 4)
		return 0;
	return capital(&v[i + 2]) || (i + 3 < sc->w.n && v[i + 2].end -
	    v[i + 2].start <= 3 && capital(&v[i + 3]));
}

/*
 * Whether a short lower-case word ("in", "to", "from") stands right
 * before word i: a place in lower case may follow it.
 */
static int
short_before(const struct scan *sc, size_t i)
{
	const struct word *v = sc->w.v;

	return i > 0 && v[i - 1].shape == WS_LOWER && v[i - 1].end -
	    v[i - 1].start <= 4 && v[i].start - v[i - 1].end == 1;
}

/* The rules that may start at word i, whose bits are b. */
static int
try_word(struct scan *sc, size_t i, uint32_t b, size_t *next)
{
	const struct word *w = &sc->w.v[i];
	int rc = 0, cap = capital(w) && !(b & (W_STOP | W_TITLE));

	if (b & (W_ORG | W_ORGWEAK))
		rc = try_org_suffix(sc, i);
	if (rc == 0 && (b & W_COPULA))
		rc = try_org_is(sc, i);
	if (rc == 0 && (b & W_ORGOF))
		rc = try_org_address(sc, i, next);
	if (rc == 0 && (b & W_CONN) && w->shape == WS_LOWER)
		rc = try_person_org(sc, i);
	if (rc == 0 && (b & W_EMPLOY))
		rc = try_org_context(sc, i, next);
	if (rc == 0 && (b & W_COUNTY))
		rc = try_county_of(sc, i, next);
	if (rc == 0 && w->shape == WS_UPPER)
		rc = try_license_state(sc, i);
	if (rc == 0 && cap && county_ahead(sc, i))
		rc = try_county(sc, i, next);
	if (rc == 0 && !(b & W_UNIT) && (sc->w.v[i].start == 0 ||
	    in_set(SET("\n>? \t"), sc->s[sc->w.v[i].start - 1])))
		rc = try_sig_org(sc, i, next);
	if (rc == 0 && cap && !(b & W_UNIT))
		rc = try_line_city(sc, i, next);
	if (rc == 0 && (cap || (i > 0 && !(b & W_STOP) &&
	    (wbits(sc, i - 1) & (W_PREP | W_BARE | W_THE | W_LCITY |
	    W_LCOUNTY | W_LSTATE | W_LCOUNTRY)) &&
	    context_before(sc, i) == CTX_STRONG)))
		rc = try_place(sc, i, next);
	return rc;
}

/*
 * Whether c is one of the lower-case letters of set: a mask of them,
 * which the compiler folds for a literal set.
 */
static int
letter_in(char c, const char *set)
{
	uint32_t m = 0;
	unsigned d = (unsigned)((unsigned char)c - 'a');

	for (; *set != '\0'; set++)
		m |= (uint32_t)1 << (*set - 'a');
	return d < 26u && ((m >> d) & 1);
}

/*
 * The organisation rules a lower-case word i may close or open: a
 * company's verb after a capital ("Quorvex acquired"), a corporate
 * word in lower case ("vellmar data llc"), "at X as a <job>",
 * "joined X".  The first letters of those words spare most lookups.
 */
static int
try_lower_org(struct scan *sc, size_t i)
{
	const struct word *w = &sc->w.v[i];
	size_t n = w->end - w->start, next;

	if (n == 6 && memcmp(sc->s + w->start, "joined", 6) == 0 &&
	    i + 1 < sc->w.n && gap_is(sc, i, i + 1, SET(" ")))
		return try_org_head(sc, i + 1, &next);
	if (n == 2 && memcmp(sc->s + w->start, "at", 2) == 0 &&
	    i + 4 < sc->w.n && capital(&sc->w.v[i + 1]))
		return try_org_as(sc, i);
	if (n >= 6 && capital(&sc->w.v[i - 1]) && letter_in(sc->s[w->start],
	    "aihm") && (wbits(sc, i) & W_CORPVERB))
		return try_org_verb(sc, i);
	if (n >= 3 && n <= 4 && i >= 2 && sc->w.v[i - 1].shape == WS_LOWER &&
	    letter_in(sc->s[w->start], "cgilp") && (wbits(sc, i) & W_CORP))
		return try_org_lower(sc, i);
	return 0;
}

/*
 * Walk the words once, trying each kind of place where it may start.
 * Numbers start nothing, and a lower-case word only with a capital
 * close after it ("works at", "lives in the") or at a line's start (a
 * signature in lower case).
 */
static int
walk(struct scan *sc)
{
	size_t i = 0, next;
	int rc;

	while (i < sc->w.n) {
		const struct word *w = &sc->w.v[i];

		next = i + 1;
		if (w->shape == WS_LOWER && i > 0) {
			rc = try_lower_org(sc, i);
			if (rc < 0)
				return rc;
		}
		if (w->shape == WS_NUM || w->shape == WS_SKIP ||
		    (w->shape == WS_LOWER && !employ_shape(sc, i) &&
		    !short_before(sc, i) && !copula_shape(sc, i) &&
		    !at_line_start(sc, w->start))) {
			i++;
			continue;
		}
		rc = try_word(sc, i, wbits(sc, i), &next);
		if (rc < 0)
			return rc;
		i = rc > 0 ? next : i + 1;
	}
	return 0;
}

/*
 * The shape of token t: a mixed token is a capitalised word when it
 * holds no digit and starts with a capital ("McAllen"), else nothing
 * places are made of ("A1c", "3rd").
 */
static unsigned char
token_shape(const char *s, const struct token *t)
{
	size_t i;

	switch (t->shape) {
	case SHAPE_LOWER:
		return WS_LOWER;
	case SHAPE_CAP:
		return WS_CAP;
	case SHAPE_UPPER:
		return WS_UPPER;
	case SHAPE_DIGITS:
		return WS_NUM;
	default:
		break;
	}
	for (i = t->start; i < t->end; i++)
		if (is_digit((unsigned char)s[i]) || s[i] == '@' ||
		    s[i] == '_')
			return WS_SKIP;
	return WS_OTHER;
}

/* The words of the value from its tokens. */
static int
take_tokens(struct scan *sc, const struct tokens *tk)
{
	const struct token *t;
	struct word x;
	size_t i, n = tokens_count(tk);
	int rc;

	for (i = 0; i < n; i++) {
		t = tokens_get(tk, i);
		x.shape = token_shape(sc->s, t);
		x.start = t->start;
		x.end = t->end;
		x.dot = t->end < sc->len && sc->s[t->end] == '.';
		x.bits = 0;
		x.looked = x.shape == WS_NUM || x.shape == WS_SKIP ||
		    t->end - t->start > WORD_LONGEST ||
		    !tri_may(sc->pc, sc->s + t->start, t->end - t->start);
		rc = word_add(&sc->w, &x);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
placectx_scan(const struct placectx *pc, const char *s, size_t len,
    const struct tokens *tk, struct spans *out)
{
	struct scan sc;
	int rc;

	sc.pc = pc;
	sc.s = s;
	sc.len = len;
	sc.out = out;
	sc.last = 0;
	sc.wi = 0;
	sc.pi = 0;
	sc.w.v = sc.w.small;
	sc.w.n = 0;
	sc.w.cap = WORDS_SMALL;
	rc = tk != NULL ? take_tokens(&sc, tk) : cut_words(&sc);
	if (rc == 0)
		rc = walk(&sc);
	if (sc.w.v != sc.w.small)
		free(sc.w.v);
	return rc;
}
