/*
 * address.c - street addresses, PO boxes and ZIP codes.
 *
 * A street address is a house number, an optional directional, one to
 * four capitalised street words (or an ordinal: "5th") and a USPS street
 * suffix, then an optional directional and up to two units ("Apt 4B",
 * "Suite 300", "#5"), all on one line.  Route-style streets put the
 * number after the road word ("12 State Route 9").  PO boxes stand on
 * their own, and so does a house number with capitalised words after
 * "lives at" or "address:" (streets without a known suffix).  A street
 * written number last ("12 Rua Azul 40", "7 ul. Lipowa 3a") is taken at
 * a line's start or after "at", "on", "is", "to", a colon or a comma,
 * when the line, a comma or a unit follows it; so is one with no house
 * number that starts with its street word or ends in one ("Via dei
 * Tessali 7", "Kestrelgasse 19"), found back from its number, and two
 * streets after "corner of" ("the corner of 5 Elm St and Tamber Road").
 * Military mail ("PSC 1234, Box 56", "USNS Kestrel" and the "APO AE
 * 09012" line) is one address.  The suffix "Dr" followed by a
 * capitalised word is taken as the title ("on 3 West Dr. Smith saw")
 * unless a state and ZIP follow on the line.  A street without a house
 * number is taken after "on" or "at" when it ends in a suffix ("on Main
 * St.", "at Elm Avenue"): a part of a town, smaller than a state.
 *
 * A ZIP (5 digits or ZIP+4) is taken only in context: after a state
 * abbreviation or name that follows a city (", MA 02139"), after a "zip"
 * label (there foreign postcodes too: "1234", "123 45"), or at the end
 * of the line (or the next line) that holds a street address.  Other
 * 5-digit numbers (lab values, ids) are left alone.
 *
 * The patterns are not run over the whole value.  One pass over the
 * bytes finds where a match can start (by table, without a branch per
 * byte), cheap tests in C narrow that down, and the pattern runs
 * anchored there: a street or route at a number followed by blanks, a
 * capital or digit and, a few words on, a street suffix or road word; a
 * "lives at", PO box, unit or "zip" label where its words are spelt
 * out; a state and ZIP just before a 5-digit number.  Every match starts
 * at such a place, so the spans are those of a scan of the whole value.
 * A value holding a character that case-folds onto an ASCII letter
 * (long s, Kelvin sign) is scanned whole, as caseless patterns may match
 * it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "chars.h"
#include "err.h"
#include "namewords.h"
#include "recognizer.h"
#include "rx.h"

/* How far after a street address a ZIP may be found. */
#define TAIL_MAX	96

/* How far the rest of an address block may reach after its street. */
#define CONT_MAX	200

/*
 * The score of an address with its block: above the city, ZIP and
 * country spans inside it, so that the merged span stays an address.
 */
#define CONT_SCORE	0.92f

/* Room for the words of SUFFIX. */
#define NSUFFIX		192
#define SUFFIX_LEN	16

/* The first two characters of a label word: a letter, then any. */
#define NPAIRS		(27 * 27)

/* scan_gated() met a fold alias: the value must be scanned whole. */
#define FOLD_ALIAS	1

/* The patterns whose matches become spans, in the order they run. */
enum pat {
	P_STREET,	/* number, name words, suffix, units */
	P_ROUTE,	/* number, Route/Highway, route number */
	P_CONTEXT,	/* "lives at" and a number, words */
	P_POBOX,	/* PO Box 123 */
	P_UNIT,		/* a unit standing alone: "Apt 4B" */
	P_ZIP_STATE,	/* ", MA 02139" */
	P_ZIP_LABEL,	/* "zip code: 02139" */
	P_FOREIGN,	/* number, street words, number: "12 Rua Azul 40" */
	P_MILITARY,	/* "PSC 1234, Box 567", "APO AE 09012" */
	P_NAMED,	/* street word first, number last: "Rua Azul 40" */
	P_CORNER,	/* "the corner of 5 Oak St and Elm Road" */
	P_ONSTREET,	/* "on Main St.", "at Elm Avenue" */
	NPAT
};

/* Byte classes for the walk over the view. */
enum {
	A_DIGIT = 1 << 0,
	A_ALPHA = 1 << 1,
	A_LABEL = 1 << 2,	/* a letter that may start a label */
	A_LEAD = 1 << 3		/* C5 or E2: may start a fold alias */
};

struct address {
	unsigned char cls[256];	/* A_* of every byte */
	unsigned char after[256];	/* 0 other, 1 letter, 2 digit */
	unsigned char start[3][256];	/* 1: a candidate, by after[] before */
	unsigned char first[256];	/* 1 + first label of a letter, or 0 */
	unsigned char pair[NPAIRS];	/* 1: two letters may start a label */
	unsigned char letter[256];	/* a letter's index 0-25, else 26 */
	char suffix[NSUFFIX][SUFFIX_LEN];	/* SUFFIX's words, sorted */
	unsigned char suffix_len[NSUFFIX];
	unsigned char by_letter[27];	/* suffixes of 'A' + i: [i..i+1) */
	size_t nsuffix;
	struct rx *rx[NPAT];
	struct rx *zip_tail;	/* a ZIP after a street address */
	struct rx *dr_title;	/* "Dr" then a capitalised word */
	struct rx *dr_city;	/* the rest of the line is "City, ST 12345" */
	struct rx *cont;	/* city, country, postcode after a street */
	struct rx *us_tail;	/* ", Boston, MA" after a street */
};

/* Not part of a date, a decimal, a time or an identifier. */
#define NUM_START \
	"(?<![\\p{L}\\p{N}/.:$#%-])(?<![\\p{N}][ \\t.,/-])"

#define HOUSE_NUMBER \
	"\\d{1,6}[A-Z]?(?:-\\d{1,5}[A-Z]?)?(?![\\p{L}\\p{N}])"

#define DIRECTIONAL \
	"(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West|Northeast" \
	"|Northwest|Southeast|Southwest)"

/* A street word: "Oak", "O'Neil", "McArthur", "Martin-Luther", "5th". */
#define STREET_WORD \
	"(?:\\p{Lu}\\p{Ll}*(?:\\p{Lu}\\p{Ll}+)?(?:['-]\\p{Lu}?\\p{Ll}+)*" \
	"|\\d{1,3}(?:st|nd|rd|th)|St\\.|Mt\\.)"

/*
 * USPS street suffixes (Publication 28, appendix C1), full and
 * abbreviated, minus those that read too often as clinical words
 * ("Wall", "Walk", "Run", "View", "Field", "Center", "Point", "Crest",
 * "Port", "Pass", "Course", "Extension", "Branch", "Station").
 */
#define SUFFIX \
	"(?:Alley|Aly|Annex|Anx|Arcade|Avenue|Ave|Av|Bayou|Beach|Bch|Bend" \
	"|Bluff|Blf|Bottom|Boulevard|Blvd|Bridge|Brg|Brook|Brk|Bypass|Byp" \
	"|Canyon|Cyn|Cape|Causeway|Cswy|Circle|Cir|Cliff|Close|Club|Common" \
	"|Commons|Corner|Corners|Court|Ct|Courts|Cove|Cv|Creek|Crk" \
	"|Crescent|Cres|Crossing|Xing|Curve|Dale|Drive|Dr|Drives|Estate" \
	"|Estates|Expressway|Expy|Falls|Ferry|Ford|Forest|Forge|Fork" \
	"|Freeway|Fwy|Garden|Gardens|Gdns|Gateway|Gtwy|Glen|Grove|Grv" \
	"|Harbor|Hbr|Haven|Heights|Hts|Highway|Hwy|Hill|Hills|Hollow|Holw" \
	"|Inlet|Island|Isle|Junction|Jct|Knoll|Knolls|Lake|Lakes|Landing" \
	"|Lndg|Lane|Ln|Loop|Manor|Mnr|Meadow|Meadows|Mdws|Mews|Mill|Mills" \
	"|Mission|Motorway|Mountain|Mtn|Orchard|Oval|Overpass|Park|Parkway" \
	"|Pkwy|Pike|Pines|Place|Pl|Plain|Plains|Plaza|Plz|Prairie|Ranch" \
	"|Rapids|Ridge|Rdg|River|Road|Rd|Roads|Route|Rte|Row|Shoal|Shore" \
	"|Shores|Spring|Springs|Square|Sq|Stravenue|Stream|Street|St" \
	"|Streets|Summit|Terrace|Ter|Trace|Trail|Trl|Tunnel|Turnpike" \
	"|Tpke|Underpass|Valley|Vly|Village|Vlg|Vista|Way|Wy|Wells)"

/*
 * The abbreviated suffixes, which may take a period; bare alternatives,
 * as a lookbehind needs them.
 */
#define ABBR \
	"Aly|Anx|Ave|Av|Bch|Blf|Blvd|Brg|Brk|Byp|Cyn|Cswy|Cir|Ct|Cv" \
	"|Crk|Cres|Xing|Dr|Expy|Fwy|Gdns|Gtwy|Grv|Hbr|Hts|Hwy|Holw|Jct" \
	"|Lndg|Ln|Mnr|Mdws|Mtn|Pkwy|Pl|Plz|Rdg|Rd|Rte|Sq|St|Ter|Trl|Tpke" \
	"|Vly|Vlg|Wy"

/* A unit: "Apt 4B", ", Suite 300", "#12", "Fl 2". */
#define UNIT \
	"(?:[ \\t]*,?[ \\t]*(?:(?:Apt|APT|Apartment|Unit|UNIT|Suite|SUITE" \
	"|Ste|STE|Fl|Floor|Rm|Room|Bldg|Building|Lot|Trlr|Trailer|Spc" \
	"|Space|Dept|Department|PMB)\\.?[ \\t]*\\#?[ \\t]*|\\#[ \\t]*)" \
	"(?:\\d{1,6}[A-Za-z]?(?:-\\d{1,5})?|[A-Z](?:-?\\d{1,5})?)" \
	"(?![\\p{L}\\p{N}]))"

/* Group 1 the suffix, 2 the units. */
static const char street_pattern[] =
	NUM_START HOUSE_NUMBER
	"[ \\t]+(?:" DIRECTIONAL "\\.?[ \\t]+)?"
	"(?:" STREET_WORD "[ \\t]+){1,4}"
	"(" SUFFIX ")(?![\\p{L}\\p{N}])(?:(?<=" ABBR ")\\.(?![\\p{L}\\p{N}]))?"
	"(?:[ \\t]+(?:N|S|E|W|NE|NW|SE|SW)\\.?(?![\\p{L}\\p{N}:]))?"
	"(" UNIT "{0,2})";

/* Group 1 the units. */
static const char route_pattern[] =
	NUM_START HOUSE_NUMBER
	"[ \\t]+(?:(?:" DIRECTIONAL "|Old|State|County|US|U\\.S\\.|Interstate"
	"|Farm[ \\t]+to[ \\t]+Market)[ \\t]+){0,2}"
	"(?:Route|Rte\\.?|Highway|Hwy\\.?|Road|Rd\\.?|FM)[ \\t]+"
	"\\d{1,4}[A-Z]?(?![\\p{L}\\p{N}])"
	"(" UNIT "{0,2})";

/*
 * A house number and capitalised words after "lives at", "address:",
 * up to a comma, a semicolon, a full stop or the line's end, for
 * streets without a known suffix ("lives at 40 Rua Amaral, ...").
 * Group 1 the street.
 */
static const char context_pattern[] =
	"(?<![\\p{L}])(?i:lives|living|resides|residing|located|staying"
	"|moved|relocated|(?:mailing|home|billing|street|new|permanent)"
	"[ \\t]+address(?:[ \\t]+is)?|address(?:[ \\t]+is)?)"
	"(?:[ \\t]+(?:at|on|to))?[ \\t]*:?[ \\t]*"
	"(\\d{1,6}[A-Za-z]?(?:[ \\t]+(?:[\\p{Lu}\\p{N}][\\p{L}\\p{N}'.-]*"
	"|de|do|da|dos|del|la|le|ul\\.|u\\.|rue|via|calle)){1,6})"
	"(?=[ \\t]*(?:[,;\\n]|\\.(?:[ \\t]|$)|$))";

static const char pobox_pattern[] =
	"(?<![\\p{L}\\p{N}])(?:(?i:p\\.?[ \\t]?o\\.?[ \\t]*box"
	"|post[ \\t]+office[ \\t]+box)|P\\.O\\.B\\.?)"
	"[ \\t]*\\#?[ \\t]*\\d{1,7}(?![\\p{L}\\p{N}])";

static const char unit_pattern[] =
	"(?<![\\p{L}\\p{N}])(?:Apt|APT|apt|Apartment|Suite|SUITE|suite)"
	"\\.?[ \\t]*"
	"\\#?[ \\t]*\\d{1,5}[A-Za-z]?(?![\\p{L}\\p{N}])";

#define STATE_ABBR \
	"(?:AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME" \
	"|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|PR|RI" \
	"|SC|SD|TN|TX|UT|VT|VA|VI|WA|WV|WI|WY|GU|AS|MP|AA|AE|AP)"

#define STATE_NAME \
	"(?:Alabama|Alaska|Arizona|Arkansas|California|Colorado" \
	"|Connecticut|Delaware|District[ \\t]+of[ \\t]+Columbia|Florida" \
	"|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky" \
	"|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota" \
	"|Mississippi|Missouri|Montana|Nebraska|Nevada|New[ \\t]+Hampshire" \
	"|New[ \\t]+Jersey|New[ \\t]+Mexico|New[ \\t]+York" \
	"|North[ \\t]+Carolina|North[ \\t]+Dakota|Ohio|Oklahoma|Oregon" \
	"|Pennsylvania|Puerto[ \\t]+Rico|Rhode[ \\t]+Island" \
	"|South[ \\t]+Carolina|South[ \\t]+Dakota|Tennessee|Texas|Utah" \
	"|Vermont|Virginia|Washington|West[ \\t]+Virginia|Wisconsin" \
	"|Wyoming|(?:Mass|Calif|Fla|Penn|Tenn|Wash|Mich|Minn|Wis|Ariz" \
	"|Colo|Conn|Ill|Ind|Kan|Md|Miss|Mo|Neb|Nev|Okla|Ore|Va|Ga|Ala)\\.)"

#define ZIP_CODE \
	"(\\d{5}(?:-\\d{4})?)(?![\\p{L}\\p{N}])(?!-\\d)"

/*
 * A state after a city (a word in lower case or a period, then a comma
 * or a space; an all-caps word, then a comma) and before the ZIP.
 * Group 1 the ZIP.
 */
static const char zip_state_pattern[] =
	"(?:(?<=[\\p{Ll}.])(?:[ \\t]*,[ \\t]*|[ \\t]+)|(?<=\\p{Lu}),[ \\t]*)"
	"(" STATE_ABBR "|" STATE_NAME ")(?![\\p{L}\\p{N}])\\.?,?[ \\t]+"
	ZIP_CODE;

/*
 * Group 1 the ZIP, or a foreign postcode: "1234", "123 45", "1234 AB",
 * "12345-678", "K1A 0B1", or any short run of digits, as the label
 * says what it is.
 */
static const char zip_label_pattern[] =
	"(?<![\\p{L}])(?i:zip(?:[ \\t]*code)?|zipcode|postal[ \\t]+code"
	"|post[ \\t]*code)(?![\\p{L}])[ \\t]*(?:[:#=-]|is|of)?[ \\t]*"
	"(?<![\\p{N}])(\\d{5}(?:-\\d{3,4})?|\\d{3}[ ]\\d{2}|\\d{2}-\\d{3}"
	"|\\d{4}-\\d{3}|\\d{4}(?:[ ]?[A-Z]{2}(?![\\p{L}]))?|\\d{3,6}"
	"|[A-Z]\\d[A-Z][ ]?\\d[A-Z]\\d)"
	"(?![\\p{L}\\p{N}])(?![-.,/]\\d)";

/* The street words that start a street: "Rua", "Via", "ul.". */
#define NAMED_HEAD \
	"(?:Rue|Rua|R\\.|Via|Viale|Vicolo|Calle|C/|Carrer|Avenida|Avda\\.?" \
	"|Av\\.|Strada|Piazza|Piazzale|Largo|Corso|Travessa|Pra\\x{e7}a|Praca" \
	"|Plaza|Paseo|Pasaje|Camino|Estrada|Alameda|Rambla|R\\x{fa}a|Quai" \
	"|Chauss\\x{e9}e|All\\x{e9}e|ul\\.|Ul\\.|ulica|Ulica|al\\.|Al\\.|Aleja)"

#define NAMED_PARTICLE \
	"(?:de|del|della|dei|degli|di|da|do|dos|das|des|du|la|le|les|el|e|y" \
	"|von|van|der|den|am|an|im)"

#define NAMED_SUFFIX \
	"(?:stra\\x{df}e|strasse|gasse|weg|vej|vei|veien|vegen|straat|laan" \
	"|plein|gatan|gata|gade|katu|utca|allee|damm|platz|gracht|kade" \
	"|steeg|v\\x{e4}gen|v\\x{e4}g|str\\x{e6}de|braut|brekka|stig|stigur)"

#define NAMED_NUMBER \
	"\\d{1,5}[A-Za-z]?(?:\\.(?=[ \\t]|$))?(?![\\p{L}\\p{N}])" \
	"(?![.,/:-]\\d)"

/* The street words of head_after(), for a street after its number. */
#define FOREIGN_HEAD \
	"(?:(?i:rue|rua|avenue|avenida|av\\.|avda\\.|calle|strada|travessa" \
	"|carrer|ul\\.)|Via)"

/*
 * A street written number last, as most of Europe writes it, after a
 * house or building number: "12 Rua Azul 40", "7 ul. Lipowa 3a, ...",
 * "310 4 Kestrel Avenue"; or a street word first and no number after
 * it ("76 rue des Tessali", "9 4 Via Orto Alto").  Only where an
 * address may start (see foreign_may) and only when the line, a comma
 * or a unit follows.
 */
static const char foreign_pattern[] =
	"\\d{1,6}[ \\t]+(?:(?:\\d{1,5}[ \\t]+)?" FOREIGN_HEAD
	"(?:[ \\t]+\\p{L}[\\p{L}'\\x{2019}-]*){1,5}"
	"(?=[ \\t]*(?:[,\\n]|$)|[ \\t]+(?i:apt|suite|unit)(?![\\p{L}]))"
	"|(?:\\d{1,5}[ \\t]+)?"
	"(?=[^\\n\\d]*\\p{L}{3})"
	/* "120 over 80" is a blood pressure, "7 out of 10" a score */
	"(?!(?i:over|out[ \\t]+of|of|by|x|times|to|per)[ \\t]+\\d)"
	"(?:(?:\\p{L}[\\p{L}'\\x{2019}-]*\\.?)[ \\t]+){1,4}"
	"(?:\\d{1,5}[A-Za-z]?\\.?|" SUFFIX "\\.?))"
	"(?=[ \\t]*(?:[,\\n]|$)|[ \\t]+(?:(?i:apt|suite|unit)|St\\.)"
	"(?![\\p{L}]))"
	UNIT "{0,2}";

/*
 * A street that starts with its street word or ends in one, number
 * last, with no house number before it: "Rua Azul 40", "Via dei
 * Tessali 7", "ul. Lipowa 3a", "C/ Mayor 5", "Kestrelgasse 19",
 * "Vorden Strasse 8", "Tavi u. 12.", and a building number before it
 * ("14 Rua Azul 40").  at_named() finds where one may start from its
 * last number.
 */
static const char named_pattern[] =
	"(?:\\d{1,6}[ \\t]+)?"
	"(?:" NAMED_HEAD "[ \\t]+(?:(?:\\p{Lu}\\p{Ll}[\\p{L}'\\x{2019}.-]*"
	"|\\d{1,2}|" NAMED_PARTICLE ")[ \\t]+){1,5}"
	"|(?:\\p{Lu}[\\p{L}'-]*[ \\t]+)?(?=\\p{Lu})\\p{L}*?"
	"(?i:" NAMED_SUFFIX ")(?![\\p{L}])\\.?[ \\t]+"
	"|(?:\\p{Lu}[\\p{L}'-]*[ \\t]+){1,2}"
	"(?:u\\.|\\x{fa}tja|\\x{fa}t|utca)[ \\t]+)"
	NAMED_NUMBER UNIT "{0,2}";

/*
 * A street's last word in "the corner of X and Y": a suffix, or a word
 * of a street's name that reads as a clinical word elsewhere and is
 * safe after "corner of ... and".
 */
#define CORNER_END \
	"(?:" SUFFIX "|Pass|Point|Points|Greens|Green|Coves|Flat|Flats" \
	"|Radial|Forges|Mall|Walk|Run|View|Crest|Port|Extension|Extensions" \
	"|Station|Branch|Course|Field|Fields|Center|Union|Summit|Path" \
	"|Divide|Lodge|Rest|Wall)"

/*
 * "the corner of 12 Oak St and Tamber Road", "corner of Rua Azul 4 and
 * Vell Pass": the street after "and" is capitalised words ending in a
 * street word, the one before it at most six words on the line.
 */
static const char corner_pattern[] =
	"(?:(?i:the)[ \\t]+)?(?i:corner)[ \\t]+of[ \\t]+"
	"(?:[\\p{L}\\p{N}][\\p{L}\\p{N}'.\\x{2019}/-]*[ \\t]+){1,6}?"
	"and[ \\t]+(?:\\p{Lu}[\\p{L}'\\x{2019}-]*[ \\t]+){1,3}"
	CORNER_END "(?:(?<=" ABBR ")\\.)?(?![\\p{L}\\p{N}])";

/* Blanks, or one line break with blanks around it. */
#define BREAK "(?:[ \\t]+|[ \\t]*(?:\\r\\n?|\\n)[ \\t]*)"

/*
 * A street without a house number after "on" or "at": one to three
 * street words and a suffix ("on Main St.", "at Elm Avenue", "on
 * Kestrel Road", "on\nKestrel Road"), not starting with an article or
 * a pronoun ("On The Way").  Group 1 the street, 2 the suffix.
 */
static const char onstreet_pattern[] =
	"(?<![\\p{L}\\p{N}])(?i:on|at)" BREAK
	"(?!(?:The|A|An|His|Her|Its|My|Our|Your|Their|This|That|No|Each"
	"|Every|All|Both)[ \\t])"
	"((?:" STREET_WORD "[ \\t]+){1,3}"
	"(" SUFFIX ")(?![\\p{L}\\p{N}'\\x{2019}])"
	"(?:(?<=" ABBR ")\\.(?![\\p{L}\\p{N}]))?)";

/* Military and diplomatic mail; the ZIP line is part of the address. */
static const char military_pattern[] =
	"(?:(?:PSC|CMR|Unit|UNIT|unit|psc|cmr)[ \\t]+\\d{3,5},?[ \\t]+"
	"(?i:box)[ \\t]+\\d{2,5}"
	"|(?i:USNS|USNV|USS|USCGC)[ \\t]+\\p{L}[\\p{L}'-]*)"
	"(?:[ \\t]*,?[ \\t]*\\n?[ \\t]*(?i:[ADF]PO)[ \\t]+(?i:AA|AE|AP)[ \\t]+"
	"\\d{5})?(?![\\p{L}\\p{N}])";

/*
 * After a street address: the rest of its line, or the next line, with
 * no other digits before the ZIP.  Group 1 the ZIP.
 */
static const char zip_tail_pattern[] =
	"\\G(?:[^\\n\\d]{0,48}\\n[ \\t]*\\p{Lu}[^\\n\\d]{0,40}?"
	"|[^\\n\\d]{0,48}?)(?<![\\p{L}\\p{N}-])" ZIP_CODE;

/*
 * What may continue an address after its street, PO box or unit, as
 * address blocks written outside the US do: more units, a city, a
 * region or its code, a country and a postcode, each after a comma, a
 * line break (a quote margin, a blank line and a leading comma allowed)
 * or, after a unit or before a postcode, blanks.  A place on the same
 * line is capitalised words that a comma, the line's end, a postcode or
 * a sentence's end follows; a place on a line of its own may be in
 * lower case ("apt. 4\n??? marke\n??? belgium 1234").  A line that
 * starts with a label word ("Phone", "Fax") or holds a colon ends it.
 */
#define CONT_SEP "(?:[ \\t]*,[ \\t]*|[ \\t]+)"

#define CONT_UNIT \
	"(?i:apt|apartment|suite|ste|unit|floor|fl|room|rm)\\.?[ \\t]*\\#?" \
	"[ \\t]*\\d{1,6}[A-Za-z]?(?![\\p{L}\\p{N}])"

#define CONT_POST \
	"(?:\\d{3,6}(?:[- ]\\d{2,4})?(?:[ ][A-Z]{2})?|\\d{2}-\\d{3}" \
	"|[A-Z]\\d[A-Z][ ]?\\d[A-Z]\\d|[A-Z]{1,2}\\d[A-Z\\d]?[ ]\\d[A-Z]{2})" \
	"(?![\\p{L}\\p{N}])(?![.,/:-]\\d)" \
	"(?=[ \\t]*(?:[\\n,.?!;)]|\\z)|[ \\t]+\\p{Ll})"

/* Words that start a line of a letter, not of an address. */
#define CONT_STOP \
	"(?:(?=\\p{Lu}{2,3}(?![\\p{L}]))|(?!(?i:phone|tel|telephone|fax" \
	"|mobile|cell|desk|office|email" \
	"|e-mail|home|work|county|dear|re|dob|date|patient|name|mrn|sincerely" \
	"|regards|thanks|thank|best|and|or|the|for|if|please|call|is|was" \
	"|who|which|he|she|they|we|i|it|you|my|his|her|their|our|seen|on" \
	"|at|in|to|with|from|of|by|after|before|last|next|admitted" \
	"|discharged|dr|mr|mrs|ms|prof|attn|to|from|cc|subject|sent)" \
	"(?![\\p{L}])))" \
	"(?!\\p{Lu}[\\p{L} .'-]{0,30},[ \\t]*(?:" STATE_ABBR "|" STATE_NAME \
	")(?![\\p{L}]))"

/* A word: a period inside it, or at its end before another word. */
#define CONT_REST \
	"(?:[\\p{L}\\p{M}'\\x{2019}\\x{2206}-]|\\.(?=\\p{L}))*" \
	"(?:\\.(?=[ \\t]+\\p{L}))?"
#define CONT_WORD "[\\p{L}]" CONT_REST
#define CONT_CAP "[\\p{Lu}]" CONT_REST
#define CONT_PAREN "\\([^()\\n]{1,40}\\)"

#define CONT_NL "[ \\t]*,?[ \\t]*\\n[ \\t>?]*,?[ \\t]*"

/* A blank line: only a line ending in a postcode comes after it. */
#define CONT_NL2 "[ \\t]*,?[ \\t]*\\n[ \\t>?]*\\n[ \\t>?]*"

/* A place on a line of its own, maybe a postcode after it. */
#define CONT_LINE_WORDS \
	"(?&stop)" CONT_WORD "(?:[ \\t]+(?:" CONT_WORD "|" CONT_PAREN ")){0,3}"

#define CONT_LINE \
	CONT_LINE_WORDS "(?:[ \\t]+(?&post)|(?=[ \\t]*(?:\\n|\\z)))"

#define CONT_LINE_POST \
	CONT_LINE_WORDS "[ \\t]+(?&post)(?=[ \\t]*(?:\\n|\\z))"

/* A place on the street's line: capitalised words. */
#define CONT_SAME \
	"(?&stop)" CONT_CAP "(?:[ \\t]+(?:" CONT_CAP "|" CONT_PAREN "|de|del" \
	"|la|nad|na|u|v|am|an|der|di|do|da|sur)){0,4}" \
	"(?=[ \\t]*(?:[,\\n]|\\z|[.?!;)](?:\\s|\\z)|\\d|nan(?![\\p{L}])))"

/* A street written number last, after a unit: "Apt 4 12 Rua Azul 40". */
#define CONT_STREET \
	"\\d{1,6}(?:[ \\t]+\\d{1,5})?[ \\t]+" CONT_CAP "(?:[ \\t]+" CONT_WORD \
	"){0,3}[ \\t]+\\d{1,5}[A-Za-z]?(?=[ \\t]*(?:[,\\n]|\\z))"

#define CONT_ITEM \
	"(?:(" CONT_UNIT ")|" CONT_STREET "|(?&post)|(?:nan|N/A)(?![\\p{L}]))"

static const char cont_pattern[] =
	"(?(DEFINE)(?<stop>" CONT_STOP ")(?<post>" CONT_POST "))"
	"\\G(?:" CONT_NL "(?:" CONT_ITEM "|" CONT_LINE "|" CONT_SAME
	"|\\d{1,2}(?=[ \\t]*\\n))"
	"|" CONT_NL2 CONT_LINE_POST
	"|" CONT_SEP "(?:" CONT_ITEM "|" CONT_SAME "))";

/*
 * A US city, state and ZIP after the street ("12 Oak St, Boston, MA"):
 * the places recognizer types those, so no continuation is taken.
 */
static const char us_tail_pattern[] =
	"\\G[ \\t]*,?[ \\t]*\\n?[ \\t]*\\p{Lu}[\\p{L} .'-]{0,30},[ \\t]*"
	"(?:" STATE_ABBR "|" STATE_NAME ")(?![\\p{L}])";

static const char dr_title_pattern[] =
	"\\G\\.?[ \\t]+\\p{Lu}\\p{Ll}";

static const char dr_city_pattern[] =
	"\\G\\.?[ \\t]+\\p{Lu}[\\p{L} .'-]{0,30},[ \\t]*"
	"(?:" STATE_ABBR "|" STATE_NAME ")\\.?,?[ \\t]+\\d{5}";

/* How the matches of a pattern become spans. */
struct kind {
	const char *pattern;
	const char *name;
	enum phi_type type;
	float score;
	int group;		/* the span's group, 0 the whole match */
	int tail;		/* 1: look for a ZIP after the match */
};

static const struct kind kinds[NPAT] = {
	{ street_pattern, "address.street", PHI_ADDRESS, 0.85f, 0, 1 },
	{ route_pattern, "address.route", PHI_ADDRESS, 0.8f, 0, 1 },
	{ context_pattern, "address.context", PHI_ADDRESS, 0.6f, 1, 1 },
	{ pobox_pattern, "address.pobox", PHI_ADDRESS, 0.9f, 0, 1 },
	{ unit_pattern, "address.unit", PHI_ADDRESS, 0.6f, 0, 0 },
	{ zip_state_pattern, "address.zip_state", PHI_ZIP, 0.9f, 2, 0 },
	{ zip_label_pattern, "address.zip_label", PHI_ZIP, 0.9f, 1, 0 },
	{ foreign_pattern, "address.foreign", PHI_ADDRESS, 0.7f, 0, 1 },
	{ military_pattern, "address.military", PHI_ADDRESS, 0.85f, 0, 0 },
	{ named_pattern, "address.named", PHI_ADDRESS, 0.7f, 0, 1 },
	{ corner_pattern, "address.corner", PHI_ADDRESS, 0.8f, 0, 0 },
	{ onstreet_pattern, "address.street_name", PHI_ADDRESS, 0.7f, 1, 0 }
};

/* Whether s (n bytes) starts with the lower-case word w, in any case. */
static int
starts_with(const char *s, size_t n, const char *w)
{
	size_t i;

	for (i = 0; w[i] != '\0'; i++)
		if (i == n || ch_lower(s[i]) != w[i])
			return 0;
	return 1;
}

/* The length of the first word of words that starts s, or 0. */
static size_t
word_at(const char *s, size_t n, const char *const *words, size_t nwords)
{
	size_t i;

	for (i = 0; i < nwords; i++)
		if (starts_with(s, n, words[i]))
			return strlen(words[i]);
	return 0;
}

/*
 * Whether the context pattern may match at s (n bytes): a keyword (or
 * "home address" and the like), then only blanks, colons and the words
 * "is", "at", "on", "to" up to a digit.
 */
static int
context_may(const char *s, size_t n)
{
	static const char *const keys[] = {
		"lives", "living", "resides", "residing", "located",
		"staying", "moved", "relocated", "address"
	};
	static const char *const before[] = {
		"mailing", "home", "billing", "street", "new", "permanent"
	};
	size_t k, j;

	k = word_at(s, n, before, sizeof(before) / sizeof(before[0]));
	if (k > 0) {
		j = ch_skip_blanks(s, n, k);
		if (j == k || !starts_with(s + j, n - j, "address"))
			k = 0;
		else
			k = j + 7;
	}
	if (k == 0)
		k = word_at(s, n, keys, sizeof(keys) / sizeof(keys[0]));
	while (k > 0 && k < n) {
		if (ch_blank(s[k]) || s[k] == ':')
			k++;
		else if (starts_with(s + k, n - k, "is") ||
		    starts_with(s + k, n - k, "at") ||
		    starts_with(s + k, n - k, "on") ||
		    starts_with(s + k, n - k, "to"))
			k += 2;
		else
			return s[k] >= '0' && s[k] <= '9';
	}
	return 0;
}

/*
 * Whether the PO box pattern may match at s (n bytes): "p", '.'?, a
 * blank?, "o", '.'?, blanks, "box"; or "post office box"; or "P.O.B".
 */
static int
pobox_may(const char *s, size_t n)
{
	size_t k = 1;

	if (n >= 5 && memcmp(s, "P.O.B", 5) == 0)
		return 1;
	if (starts_with(s, n, "post")) {
		k = ch_skip_blanks(s, n, 4);
		if (k > 4 && starts_with(s + k, n - k, "office")) {
			k = ch_skip_blanks(s, n, k + 6);
			return starts_with(s + k, n - k, "box");
		}
		k = 1;
	}
	if (k < n && s[k] == '.')
		k++;
	if (k < n && ch_blank(s[k]))
		k++;
	if (k == n || ch_lower(s[k]) != 'o')
		return 0;
	k++;
	if (k < n && s[k] == '.')
		k++;
	k = ch_skip_blanks(s, n, k);
	return starts_with(s + k, n - k, "box");
}

/*
 * Whether the unit pattern may match at s (n bytes): "Apt", "APT",
 * "apt", "Apartment", "Suite", "SUITE" or "suite", '.'?, blanks, '#'?,
 * blanks, a digit.
 */
static int
unit_may(const char *s, size_t n)
{
	static const char *const words[] = {
		"Apt", "APT", "apt", "Apartment", "Suite", "SUITE", "suite"
	};
	size_t i, k = 0;

	for (i = 0; i < sizeof(words) / sizeof(words[0]) && k == 0; i++)
		if (n >= strlen(words[i]) && memcmp(s, words[i],
		    strlen(words[i])) == 0)
			k = strlen(words[i]);
	if (k == 0)
		return 0;
	if (k < n && s[k] == '.')
		k++;
	k = ch_skip_blanks(s, n, k);
	if (k < n && s[k] == '#')
		k++;
	k = ch_skip_blanks(s, n, k);
	return k < n && s[k] >= '0' && s[k] <= '9';
}

/*
 * Whether the military pattern may match at s (n bytes): "PSC", "CMR"
 * or "Unit" and a digit after blanks, or a ship's prefix and a blank.
 */
static int
military_may(const char *s, size_t n)
{
	static const char *const ships[] = { "usns ", "usnv ", "uss ",
		"uscgc " };
	size_t k, i;

	k = starts_with(s, n, "unit") ? 4 : (starts_with(s, n, "psc") ||
	    starts_with(s, n, "cmr")) ? 3 : 0;
	if (k > 0) {
		i = ch_skip_blanks(s, n, k);
		return i > k && i < n && s[i] >= '0' && s[i] <= '9';
	}
	for (i = 0; i < sizeof(ships) / sizeof(ships[0]); i++)
		if (starts_with(s, n, ships[i]))
			return 1;
	return 0;
}

/*
 * Whether the corner pattern may match at s (n bytes): "corner of", or
 * "the" and blanks before it.
 */
static int
corner_may(const char *s, size_t n)
{
	size_t k = 0;

	if (starts_with(s, n, "the")) {
		k = ch_skip_blanks(s, n, 3);
		if (k == 3)
			return 0;
	}
	if (!starts_with(s + k, n - k, "corner"))
		return 0;
	k = ch_skip_blanks(s, n, k + 6);
	return k + 2 < n && s[k] == 'o' && s[k + 1] == 'f' &&
	    ch_blank(s[k + 2]);
}

/*
 * Whether the street-name pattern may match at s (n bytes): "on" or
 * "at", blanks or one line break, then a capital, a digit (an ordinal:
 * "5th") or a character past ASCII.
 */
static int
onstreet_may(const char *s, size_t n)
{
	size_t k;

	if (n < 3 || !(ch_blank(s[2]) || s[2] == '\n' || s[2] == '\r'))
		return 0;
	k = ch_skip_blanks(s, n, 2);
	if (k < n && s[k] == '\r')
		k++;
	if (k < n && s[k] == '\n')
		k = ch_skip_blanks(s, n, k + 1);
	return k < n && ((s[k] >= 'A' && s[k] <= 'Z') ||
	    (s[k] >= '0' && s[k] <= '9') || (s[k] & 0x80) != 0);
}

/*
 * Where the label patterns may start: a word (no letter before) that
 * starts with stem, in any case, and that may passes (when not NULL);
 * with word, no digit before either.  Sorted by first letter.
 */
struct label {
	const char *stem;
	enum pat pat;
	int word;
	int (*may)(const char *s, size_t n);
};

static const struct label labels[] = {
	{ "address", P_CONTEXT, 0, context_may },
	{ "ap", P_UNIT, 1, unit_may },
	{ "at", P_ONSTREET, 0, onstreet_may },
	{ "billing", P_CONTEXT, 0, context_may },
	{ "cm", P_MILITARY, 1, military_may },
	{ "corner", P_CORNER, 1, corner_may },
	{ "home", P_CONTEXT, 0, context_may },
	{ "liv", P_CONTEXT, 0, context_may },
	{ "located", P_CONTEXT, 0, context_may },
	{ "mailing", P_CONTEXT, 0, context_may },
	{ "moved", P_CONTEXT, 0, context_may },
	{ "new", P_CONTEXT, 0, context_may },
	{ "on", P_ONSTREET, 0, onstreet_may },
	{ "p.", P_POBOX, 1, pobox_may }, { "p ", P_POBOX, 1, pobox_may },
	{ "p\t", P_POBOX, 1, pobox_may }, { "po", P_POBOX, 1, pobox_may },
	{ "permanent", P_CONTEXT, 0, context_may },
	{ "post", P_ZIP_LABEL, 0, NULL },
	{ "ps", P_MILITARY, 1, military_may },
	{ "relocated", P_CONTEXT, 0, context_may },
	{ "resid", P_CONTEXT, 0, context_may },
	{ "staying", P_CONTEXT, 0, context_may },
	{ "street", P_CONTEXT, 0, context_may },
	{ "su", P_UNIT, 1, unit_may },
	{ "the", P_CORNER, 1, corner_may },
	{ "un", P_MILITARY, 1, military_may },
	{ "us", P_MILITARY, 1, military_may },
	{ "zip", P_ZIP_LABEL, 0, NULL }
};

#define NLABELS (sizeof(labels) / sizeof(labels[0]))

static void
address_fini(void *state)
{
	struct address *a = state;
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < NPAT; i++)
		rx_free(a->rx[i]);
	rx_free(a->zip_tail);
	rx_free(a->dr_title);
	rx_free(a->dr_city);
	rx_free(a->cont);
	rx_free(a->us_tail);
	free(a);
}

/*
 * The pair[] index of a word starting with the lower-case letter a and
 * then b (lower case, or anything).
 */
static size_t
pair_key(char a, char b)
{
	size_t k = (size_t)(a - 'a') * 27;

	return b >= 'a' && b <= 'z' ? k + (size_t)(b - 'a') : k + 26;
}

/*
 * Fill after[] and start[][] for byte c, whose class is known: a digit
 * after no digit, a letter that may start a label after no letter, a
 * byte that may start a fold alias.
 */
static void
init_starts(struct address *a, size_t c)
{
	size_t k;

	a->after[c] = (a->cls[c] & A_ALPHA) ? 1 : (a->cls[c] & A_DIGIT) ?
	    2 : 0;
	for (k = 0; k < 3; k++)
		a->start[k][c] = ((a->cls[c] & A_DIGIT) && k != 2) ||
		    ((a->cls[c] & A_LABEL) && k != 1) || (a->cls[c] & A_LEAD);
}

static void
init_classes(struct address *a)
{
	size_t i, c;

	for (i = 0; i < 256; i++) {
		a->letter[i] = 26;
		if ((i | 0x20) >= 'a' && (i | 0x20) <= 'z')
			a->letter[i] = (unsigned char)((i | 0x20) - 'a');
		if (i >= '0' && i <= '9')
			a->cls[i] = A_DIGIT;
		else if ((i >= 'A' && i <= 'Z') || (i >= 'a' && i <= 'z'))
			a->cls[i] = A_ALPHA;
		else if (i == 0xc5 || i == 0xe2)
			a->cls[i] = A_LEAD;
	}
	for (i = NLABELS; i > 0; i--) {
		c = (unsigned char)labels[i - 1].stem[0];
		a->first[c] = (unsigned char)i;
		a->first[c & ~0x20u] = (unsigned char)i;
		a->cls[c] |= A_LABEL;
		a->cls[c & ~0x20u] |= A_LABEL;
		a->pair[pair_key(labels[i - 1].stem[0],
		    labels[i - 1].stem[1])] = 1;
	}
	for (i = 0; i < 256; i++)
		init_starts(a, i);
}

static int
suffix_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/*
 * Fill a->suffix with the alternatives of SUFFIX, "(?:A|B|...)".
 * Returns 0 or ERR_INTERNAL when they do not fit.
 */
static int
init_suffixes(struct address *a)
{
	const char *p = SUFFIX + 3;
	size_t n, i;

	while (*p != ')') {
		n = strcspn(p, "|)");
		if (n == 0 || n >= SUFFIX_LEN || a->nsuffix == NSUFFIX ||
		    p[0] < 'A' || p[0] > 'Z')
			return ERR_INTERNAL;
		memcpy(a->suffix[a->nsuffix++], p, n);
		p += n;
		if (*p == '|')
			p++;
	}
	qsort(a->suffix, a->nsuffix, SUFFIX_LEN, suffix_cmp);
	for (n = 0, i = 0; i <= 26; i++) {
		while (n < a->nsuffix && a->suffix[n][0] < 'A' + (int)i)
			n++;
		a->by_letter[i] = (unsigned char)n;
	}
	for (n = 0; n < a->nsuffix; n++)
		a->suffix_len[n] = (unsigned char)strlen(a->suffix[n]);
	return 0;
}

static int
address_init(void **state, char *errbuf, size_t errlen)
{
	struct address *a;
	size_t i;

	a = calloc(1, sizeof(*a));
	if (a == NULL)
		return ERR_NOMEM;
	for (i = 0; i < NPAT; i++)
		if ((a->rx[i] = rx_new(kinds[i].pattern, RX_ANCHORED, errbuf,
		    errlen)) == NULL)
			goto fail;
	if ((a->zip_tail = rx_new(zip_tail_pattern, 0, errbuf,
	    errlen)) == NULL ||
	    (a->dr_title = rx_new(dr_title_pattern, 0, errbuf,
	    errlen)) == NULL ||
	    (a->dr_city = rx_new(dr_city_pattern, 0, errbuf, errlen)) == NULL ||
	    (a->cont = rx_new(cont_pattern, 0, errbuf, errlen)) == NULL ||
	    (a->us_tail = rx_new(us_tail_pattern, 0, errbuf, errlen)) == NULL)
		goto fail;
	init_classes(a);
	if (init_suffixes(a) < 0) {
		(void)snprintf(errbuf, errlen, "address: suffix table full");
		goto fail;
	}
	*state = a;
	return 0;

fail:
	address_fini(a);
	return ERR_INTERNAL;
}

/*
 * Whether a street ending in "Dr" (no units after it) is really the
 * title before a name: a capitalised word follows on the line and no
 * "City, ST 12345" does.  named: m is the street-name pattern's (the
 * suffix is group 2, no units).  Returns 1, 0, or a negative ERR_*.
 */
static int
dr_is_title(const struct address *a, const char *s, size_t len,
    const struct rx_match *m, int named)
{
	struct rx_match t;
	size_t sfx = m->start[1 + named];
	int rc;

	if (m->end[1 + named] - sfx != 2 || memcmp(s + sfx, "Dr", 2) != 0 ||
	    (!named && m->end[2] != m->start[2]))
		return 0;
	rc = rx_find(a->dr_title, s, len, m->end[1 + named], &t);
	if (rc <= 0)
		return rc;
	rc = rx_find(a->dr_city, s, len, m->end[1], &t);
	if (rc < 0)
		return rc;
	return rc == 0;
}

/* A ZIP after the street address ending at end, if there is one. */
static int
zip_after(const struct address *a, const char *s, size_t len, size_t end,
    struct spans *out)
{
	struct rx_match m;
	size_t lim;
	int rc;

	lim = len - end > TAIL_MAX ? end + TAIL_MAX : len;
	rc = rx_find(a->zip_tail, s, lim, end, &m);
	if (rc <= 0)
		return rc;
	return spans_add(out, m.start[1], m.end[1], PHI_ZIP, 0.8f,
	    "address.zip_tail");
}

/*
 * Whether s[a..b) ends with a unit ("Apt. 4", "Suite 12B"): a place on
 * the same line may follow it with no comma ("Suite 2 Ames").
 */
static int
ends_in_unit(const char *s, size_t a, size_t b)
{
	static const char *const units[] = { "apt", "apartment", "suite",
		"ste", "unit", "fl", "floor", "room", "rm" };
	size_t e, k;

	while (b > a && s[b - 1] != ' ' && s[b - 1] != '\t')
		b--;
	while (b > a && (ch_blank(s[b - 1]) || s[b - 1] == '#' ||
	    s[b - 1] == '.'))
		b--;
	for (e = b; b > a && ((s[b - 1] | 0x20) >= 'a' && (s[b - 1] | 0x20) <=
	    'z'); b--)
		;
	for (k = 0; k < sizeof(units) / sizeof(units[0]); k++)
		if (strlen(units[k]) == e - b &&
		    strncasecmp(s + b, units[k], e - b) == 0)
			return 1;
	return 0;
}

/* Whether s[a..b) holds a letter (or any non-ASCII byte). */
static int
has_letter(const char *s, size_t a, size_t b)
{
	for (; a < b; a++)
		if (((s[a] | 0x20) >= 'a' && (s[a] | 0x20) <= 'z') ||
		    (s[a] & 0x80) != 0)
			return 1;
	return 0;
}

/*
 * Where the address ending at end ends with what continues it (see
 * cont_pattern), item by item: end itself when nothing does, when a US
 * city and state follow (the places recognizer types those), when
 * only a city on the street's line does ("12 Oak St, Ames"; after a
 * unit it counts: "Apt 4 Ames") or when
 * all of it is one city and the ZIP the tail pattern finds.  Sets *out;
 * returns 0 or a negative ERR_*.
 */
static int
cont_after(const struct address *a, const char *s, size_t len,
    size_t start, size_t end, size_t *out)
{
	struct rx_match m;
	size_t lim, at = end, items = 0;
	int rc, strong = ends_in_unit(s, start, end);

	*out = end;
	lim = len - end > CONT_MAX ? end + CONT_MAX : len;
	rc = rx_find(a->us_tail, s, lim, end, &m);
	if (rc != 0)
		return rc < 0 ? rc : 0;
	while ((rc = rx_find(a->cont, s, lim, at, &m)) == 1 &&
	    m.end[0] > at) {
		strong |= (memchr(s + at, '\n', m.end[0] - at) != NULL &&
		    has_letter(s, at, m.end[0])) || m.start[3] != SIZE_MAX ||
		    m.start[4] != SIZE_MAX;
		items++;
		at = m.end[0];
	}
	if (rc < 0)
		return rc;
	if (!strong && items < 2)
		return 0;
	rc = rx_find(a->zip_tail, s, lim, end, &m);
	if (rc < 0)
		return rc;
	if (rc == 0 || m.end[1] != at || items > 2)
		*out = at;
	return 0;
}

/*
 * Whether s[a..b) holds a month's name as a word: "12 May 2022" is a
 * date the number-last street pattern also takes, and no address
 * block continues it.
 */
static int
has_month(const char *s, size_t a, size_t b)
{
	size_t i, e;

	for (i = a; i < b; i = e + 1) {
		for (e = i; e < b && ((s[e] | 0x20) >= 'a' && (s[e] | 0x20) <=
		    'z'); e++)
			;
		if (e > i && namewords_month(s + i, e - i))
			return 1;
	}
	return 0;
}

/*
 * Turn match m of pattern i into a span (and a ZIP after it).  A
 * street that is really "Dr" and a name adds nothing and sets *title.
 * With tail (not NULL), a ZIP is not looked for again after *tail (the
 * span would be the same), and *tail is updated.
 */
static int
add_match(const struct address *a, enum pat i, const char *s, size_t len,
    const struct rx_match *m, int *title, size_t *tail, struct spans *out)
{
	const struct kind *k = &kinds[i];
	size_t end;
	int rc;

	*title = 0;
	if (i == P_STREET || i == P_ONSTREET) {
		rc = dr_is_title(a, s, len, m, i == P_ONSTREET);
		if (rc != 0) {
			*title = rc == 1;
			return rc < 0 ? rc : 0;
		}
	}
	if (m->start[k->group] == SIZE_MAX)
		return 0;
	end = m->end[k->group];
	if (k->type == PHI_ADDRESS && i != P_MILITARY && i != P_ONSTREET &&
	    !(i == P_FOREIGN && has_month(s, m->start[0], end)) &&
	    (rc = cont_after(a, s, len, m->start[0], end, &end)) < 0)
		return rc;
	rc = spans_add(out, m->start[k->group], end, k->type,
	    end > m->end[k->group] ? CONT_SCORE : k->score, k->name);
	if (rc != 0 || !k->tail || (tail != NULL && *tail == m->end[0]))
		return rc;
	if (tail != NULL)
		*tail = m->end[0];
	return zip_after(a, s, len, m->end[0], out);
}

/* Run pattern i over s[0..len) from offset from on. */
static int
scan_whole(const struct address *a, enum pat i, const char *s, size_t len,
    size_t from, struct spans *out)
{
	struct rx_match m;
	int rc, title;

	while ((rc = rx_find(a->rx[i], s, len, from, &m)) == 1) {
		if (m.end[0] == m.start[0])
			return ERR_INTERNAL;
		rc = add_match(a, i, s, len, &m, &title, NULL, out);
		if (rc < 0)
			return rc;
		from = title ? m.start[0] + 1 : m.end[0];
	}
	return rc;
}

/* One gated scan of a value: where each pattern may next match. */
struct walk {
	const struct address *a;
	const char *s;
	size_t len;
	size_t from[NPAT];	/* pattern i matches no earlier than this */
	size_t tail;		/* where a ZIP was last looked for */
	struct spans *out;
};

/* Try pattern i anchored at p. */
static int
try_at(struct walk *w, enum pat i, size_t p)
{
	struct rx_match m;
	int rc, title;

	if (p < w->from[i])
		return 0;
	rc = rx_match_at(w->a->rx[i], w->s, w->len, p, &m);
	if (rc <= 0)
		return rc;
	if (m.end[0] == m.start[0])
		return ERR_INTERNAL;
	rc = add_match(w->a, i, w->s, w->len, &m, &title, &w->tail,
	    w->out);
	w->from[i] = title ? p + 1 : m.end[0];
	return rc;
}

/* Whether a house number may not follow c: a letter or "/.:$#%-". */
static int
no_number_after(char c)
{
	switch (c) {
	case '/':
	case '.':
	case ':':
	case '$':
	case '#':
	case '%':
	case '-':
		return 1;
	default:
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
	}
}

/*
 * Where the words after a house number start, when a street or route
 * may start at the digit s[p]: no letter, digit or "/.:$#%-" before,
 * the house number ([0-9A-Z-]) ends in blanks, then a capital, a digit
 * or a non-ASCII character.  0 when none may.
 */
static size_t
street_gate(const char *s, size_t len, size_t p)
{
	size_t q;

	if (p > 0 && no_number_after(s[p - 1]))
		return 0;
	for (q = p; q < len && ((s[q] >= '0' && s[q] <= '9') ||
	    (s[q] >= 'A' && s[q] <= 'Z') || s[q] == '-'); q++)
		;
	if (q == len || !ch_blank(s[q]))
		return 0;
	while (q < len && ch_blank(s[q]))
		q++;
	if (q < len && ((s[q] >= 'A' && s[q] <= 'Z') ||
	    (s[q] >= '0' && s[q] <= '9') || (s[q] & 0x80) != 0))
		return q;
	return 0;
}

/* Whether the word w (n bytes) starts with a street suffix alone. */
static int
suffix_word(const struct address *a, const char *w, size_t n)
{
	size_t k, i, end;

	if (n < 2 || w[0] < 'A' || w[0] > 'Z')
		return 0;
	for (k = 1; k < n && ((w[k] >= 'A' && w[k] <= 'Z') ||
	    (w[k] >= 'a' && w[k] <= 'z')); k++)
		;
	end = a->by_letter[w[0] - 'A' + 1];
	for (i = a->by_letter[w[0] - 'A']; i < end; i++)
		if (a->suffix_len[i] == k && memcmp(a->suffix[i], w, k) == 0)
			return 1;
	return 0;
}

/* Whether the word w (n bytes) is a road word of the route pattern. */
static int
road_word(const char *w, size_t n)
{
	static const char *const road[] = {
		"Route", "Rte", "Rte.", "Highway", "Hwy", "Hwy.", "Road", "Rd",
		"Rd.", "FM"
	};
	size_t i;

	if (n < 2 || n > 7 || (w[0] != 'R' && w[0] != 'H' && w[0] != 'F'))
		return 0;
	for (i = 0; i < sizeof(road) / sizeof(road[0]); i++)
		if (strlen(road[i]) == n && memcmp(road[i], w, n) == 0)
			return 1;
	return 0;
}

/*
 * The digit run at p: try streets when a suffix starts one of the first
 * six blank-separated words after the number, routes when one of the
 * first seven is a road word.
 */
static int
at_digits(struct walk *w, size_t p)
{
	const char *s = w->s;
	size_t q, e, k;
	int street = 0, route = 0, rc = 0;

	q = street_gate(s, w->len, p);
	if (q == 0)
		return 0;
	for (k = 1; k <= 7 && q < w->len; k++) {
		for (e = q; e < w->len && !ch_blank(s[e]) && s[e] != '\n'; e++)
			;
		if (k <= 6 && !street)
			street = suffix_word(w->a, s + q, e - q);
		if (!route)
			route = road_word(s + q, e - q);
		if (e == w->len || s[e] == '\n')
			break;
		for (q = e; q < w->len && ch_blank(s[q]); q++)
			;
	}
	if (street)
		rc = try_at(w, P_STREET, p);
	if (rc == 0 && route)
		rc = try_at(w, P_ROUTE, p);
	return rc;
}

/*
 * The letter run starting at p (no letter before): try the patterns
 * whose label stems start it.  Most words fail the test of their first
 * two letters.
 */
static int
at_letters(struct walk *w, size_t p)
{
	const char *s = w->s + p;
	const struct label *l;
	size_t n = w->len - p;
	unsigned mask = 0;
	int word, i, rc;
	char second;

	second = '\0';
	if (n > 1)
		second = ch_lower(s[1]);
	if (!w->a->pair[pair_key(ch_lower(s[0]), second)])
		return 0;
	i = w->a->first[(unsigned char)s[0]];
	word = p == 0 || !(w->s[p - 1] >= '0' && w->s[p - 1] <= '9');
	for (l = &labels[i - 1]; l < labels + NLABELS &&
	    l->stem[0] == labels[i - 1].stem[0]; l++)
		if (l->stem[1] == second && (word || !l->word) &&
		    starts_with(s, n, l->stem) && (l->may == NULL ||
		    l->may(s, n)))
			mask |= 1u << l->pat;
	for (i = 0; mask != 0; i++, mask >>= 1) {
		if ((mask & 1) == 0)
			continue;
		rc = try_at(w, (enum pat)i, p);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * Whether s[p..len) starts with a character that PCRE2 matches
 * caselessly to an ASCII letter: U+017F (long s, C5 BF) or U+212A
 * (Kelvin sign, E2 84 AA).
 */
static int
fold_alias_at(const char *s, size_t len, size_t p)
{
	const unsigned char *u = (const unsigned char *)s + p;

	return (len - p >= 2 && u[0] == 0xc5 && u[1] == 0xbf) ||
	    (len - p >= 3 && u[0] == 0xe2 && u[1] == 0x84 && u[2] == 0xaa);
}

/*
 * A 5-digit number after a blank starts at z: try the state and ZIP
 * pattern where it may match.  Such a match ends with a state of at
 * most three words of letters, then only blanks, a period or a comma up
 * to the number; it starts with the blanks or comma before the state.
 * So only the starts of the last three words before the number, each
 * taken back over the blanks and comma before it, can start a match.
 */
static int
at_zip(struct walk *w, size_t z)
{
	const char *s = w->s;
	size_t e = z, b, p, r[3];
	int n = 0, rc;

	while (e > 0 && (ch_blank(s[e - 1]) || s[e - 1] == '.' ||
	    s[e - 1] == ','))
		e--;
	while (n < 3) {
		for (b = e; b > 0 && (w->a->cls[(unsigned char)s[b - 1]] &
		    A_ALPHA) != 0; b--)
			;
		if (b == e)
			break;
		r[n++] = b;
		for (e = b; e > 0 && ch_blank(s[e - 1]); e--)
			;
		if (e == b)
			break;
	}
	while (n-- > 0) {
		for (p = r[n]; p > 0 && (ch_blank(s[p - 1]) ||
		    s[p - 1] == ','); p--)
			;
		if (p == r[n] || p == 0)
			continue;
		rc = try_at(w, P_ZIP_STATE, p);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * Whether the letter run s[0..n) starts with two characters that may
 * start a label (when n is 1, what follows is no letter).
 */
static int
label_pair(const struct address *a, const char *s, size_t n)
{
	size_t second = n > 1 ? a->letter[(unsigned char)s[1]] : 26;

	return a->pair[(size_t)a->letter[(unsigned char)s[0]] * 27 + second];
}

/*
 * Whether a street word that starts a street's name ("rue", "Via")
 * follows the blanks at s[p], maybe after a second number.
 */
static int
head_after(const char *s, size_t len, size_t p)
{
	static const char *const heads[] = { "rue ", "rua ", "avenue ",
		"avenida ", "av. ", "avda. ", "calle ", "strada ", "travessa ",
		"carrer ", "ul. " };
	size_t q = ch_skip_blanks(s, len, p), k;

	if (q == p)
		return 0;
	if (q < len && s[q] >= '0' && s[q] <= '9') {
		while (q < len && s[q] >= '0' && s[q] <= '9')
			q++;
		k = q;
		q = ch_skip_blanks(s, len, q);
		if (q == k)
			return 0;
	}
	if (len - q > 4 && memcmp(s + q, "Via ", 4) == 0)
		return 1;
	for (k = 0; k < sizeof(heads) / sizeof(heads[0]); k++)
		if (starts_with(s + q, len - q, heads[k]))
			return 1;
	return 0;
}

/*
 * Whether a street written number last may start at the number s[p]:
 * at the start of a line (after blanks and quote marks), or after "at",
 * "on", "is", "to" or a colon; and a digit follows later on the line.
 */
static int
foreign_may(const char *s, size_t len, size_t p)
{
	static const char *const before[] = { "at", "on", "is", "to", "in" };
	size_t b = p, k;

	while (b > 0 && (ch_blank(s[b - 1]) || s[b - 1] == '>' ||
	    s[b - 1] == '?'))
		b--;
	if (b > 0 && s[b - 1] != '\n' && s[b - 1] != ':' && !(s[b - 1] == ',' &&
	    b < p)) {
		for (k = 0; k < sizeof(before) / sizeof(before[0]); k++)
			if (b >= 2 && b < p &&
			    ch_lower(s[b - 2]) == before[k][0] &&
			    ch_lower(s[b - 1]) == before[k][1] &&
			    (b == 2 || !(ch_lower(s[b - 3]) >= 'a' &&
			    ch_lower(s[b - 3]) <= 'z')))
				break;
		if (k == sizeof(before) / sizeof(before[0]))
			return 0;
	}
	while (p < len && s[p] >= '0' && s[p] <= '9')
		p++;
	if (head_after(s, len, p))
		return 1;
	for (k = 0; p < len && k < 64 && s[p] != '\n'; p++, k++)
		if (s[p] >= '0' && s[p] <= '9' && k > 0)
			return 1;
	return 0;
}

/*
 * Whether the byte s[k] may start a named street: a capital, a
 * non-ASCII letter, the "ul."/"al." of Polish streets, or a building
 * number.
 */
static int
named_word(const char *s, size_t len, size_t k)
{
	if ((s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9') ||
	    (s[k] & 0x80) != 0)
		return 1;
	return k + 2 < len && (s[k] == 'u' || s[k] == 'a') &&
	    s[k + 1] == 'l' && s[k + 2] == '.';
}

/* A word and its length, for the tables of named_may(). */
struct named_word {
	const char *w;
	size_t n;
};

#define NW(x)	{ x, sizeof(x) - 1 }

/*
 * Whether s[a..e) is a word of NAMED_HEAD or (when last, the word just
 * before the number) ends in a street word of NAMED_SUFFIX or a
 * Hungarian one: a cheap test before the pattern runs.
 */
static int
named_may(const char *s, size_t a, size_t e, int last)
{
	static const struct named_word heads[] = {
		NW("Rue"), NW("Rua"), NW("R."), NW("Via"), NW("Viale"),
		NW("Vicolo"), NW("Calle"), NW("C/"), NW("Carrer"),
		NW("Avenida"), NW("Avda"), NW("Avda."), NW("Av."),
		NW("Strada"), NW("Piazza"), NW("Piazzale"), NW("Largo"),
		NW("Corso"), NW("Travessa"), NW("Pra\xc3\xa7" "a"),
		NW("Praca"), NW("Plaza"), NW("Paseo"), NW("Pasaje"),
		NW("Camino"), NW("Estrada"), NW("Alameda"), NW("Rambla"),
		NW("R\xc3\xba" "a"), NW("Quai"), NW("Chauss\xc3\xa9" "e"),
		NW("All\xc3\xa9" "e"), NW("ul."), NW("Ul."), NW("ulica"),
		NW("Ulica"), NW("al."), NW("Al."), NW("Aleja")
	};
	static const struct named_word tails[] = {
		NW("stra\xc3\x9f" "e"), NW("strasse"), NW("gasse"), NW("weg"),
		NW("vej"), NW("vei"), NW("veien"), NW("vegen"), NW("straat"),
		NW("laan"), NW("plein"), NW("gatan"), NW("gata"), NW("gade"),
		NW("katu"), NW("utca"), NW("allee"), NW("damm"), NW("platz"),
		NW("gracht"), NW("kade"), NW("steeg"), NW("v\xc3\xa4gen"),
		NW("v\xc3\xa4g"), NW("str\xc3\xa6" "de"), NW("braut"),
		NW("brekka"), NW("stig"), NW("stigur"), NW("u."),
		NW("\xc3\xba" "t"), NW("\xc3\xba" "tja")
	};
	size_t k, n = e - a, i;
	const struct named_word *t;

	if (n >= 2 && n <= 9 && s[a] != '\0' &&
	    strchr("RVCASPLTQEuUa", s[a]) != NULL)
		for (k = 0; k < sizeof(heads) / sizeof(heads[0]); k++)
			if (heads[k].n == n && heads[k].w[0] == s[a] &&
			    memcmp(s + a, heads[k].w, n) == 0)
				return 1;
	if (!last)
		return 0;
	if (n > 2 && s[e - 1] == '.')
		n--;
	for (k = 0; k < sizeof(tails) / sizeof(tails[0]); k++) {
		t = &tails[k];
		if (t->n > n || ch_lower(s[a + n - 1]) != t->w[t->n - 1])
			continue;
		for (i = 0; i < t->n &&
		    ch_lower(s[a + n - t->n + i]) == t->w[i]; i++)
			;
		if (i == t->n)
			return 1;
	}
	return 0;
}

/* Whether a title ("Dr", "Mrs.") and a blank start s[k..len). */
static int
title_at(const char *s, size_t len, size_t k)
{
	static const char *const titles[] = { "dr", "mr", "mrs", "ms",
		"prof" };
	size_t i, n;

	for (i = 0; i < sizeof(titles) / sizeof(titles[0]); i++) {
		n = strlen(titles[i]);
		if (!starts_with(s + k, len - k, titles[i]))
			continue;
		if (k + n < len && s[k + n] == '.')
			n++;
		if (k + n < len && ch_blank(s[k + n]))
			return 1;
	}
	return 0;
}

/*
 * The number at p ends a street named first ("Rua Azul 40"): try the
 * named pattern at each of the seven words before it on its line (not
 * across a comma, colon or semicolon, nor into an earlier address),
 * the furthest first.  After a title it is a name ("Dr Hollweg 3").
 */
static int
at_named(struct walk *w, size_t p)
{
	const char *s = w->s;
	size_t b = p, lo = 0, k, n = 0, e, starts[7];
	int rc, may = 0;

	for (k = 0; k < NPAT; k++)
		if (w->from[k] > lo && w->from[k] <= p)
			lo = w->from[k];
	while (b > lo && ch_blank(s[b - 1]))
		b--;
	if (b == p || b == lo || !(((s[b - 1] | 0x20) >= 'a' &&
	    (s[b - 1] | 0x20) <= 'z') || s[b - 1] == '.' ||
	    (s[b - 1] & 0x80) != 0))
		return 0;
	while (n < 7 && b > lo && !ch_blank(s[b - 1])) {
		e = b;
		while (b > lo && !ch_blank(s[b - 1]) && s[b - 1] != '\n' &&
		    s[b - 1] != ',' && s[b - 1] != ':' && s[b - 1] != ';')
			b--;
		may |= named_may(s, b, e, n == 0);
		starts[n++] = b;
		if (b == lo || !ch_blank(s[b - 1]))
			break;
		while (b > lo && ch_blank(s[b - 1]))
			b--;
	}
	for (k = may ? n : 0; k-- > 0;) {
		if ((k + 1 < n && title_at(s, w->len, starts[k + 1])) ||
		    title_at(s, w->len, starts[k]) ||
		    !named_word(s, w->len, starts[k]))
			continue;
		rc = try_at(w, P_NAMED, starts[k]);
		if (rc != 0 || w->from[P_NAMED] > p)
			return rc;
	}
	return 0;
}

/* The run of digits at p: streets, routes, and a ZIP after a blank. */
static int
at_number(struct walk *w, size_t p)
{
	const char *s = w->s;
	size_t q;
	int rc = 0;

	for (q = p + 1; q < w->len && s[q] >= '0' && s[q] <= '9'; q++)
		;
	if (q < w->len && (ch_blank(s[q]) || s[q] == '-' || (s[q] >= 'A' &&
	    s[q] <= 'Z')))
		rc = at_digits(w, p);
	if (rc == 0 && q < w->len && ch_blank(s[q]) && q - p <= 6 &&
	    (p == 0 || !no_number_after(s[p - 1])) &&
	    foreign_may(s, w->len, p))
		rc = try_at(w, P_FOREIGN, p);
	if (rc == 0 && q - p <= 5 && p > 0 && ch_blank(s[p - 1]))
		rc = at_named(w, p);
	if (rc == 0 && q - p == 5 && p > 0 && ch_blank(s[p - 1]))
		rc = at_zip(w, p);
	return rc;
}

/*
 * One bit per byte of s[base..base+n) where something may start (see
 * init_starts()).  Computed without a branch on the bytes, as word ends
 * are too many to predict.
 */
static uint64_t
candidates(const struct address *a, const unsigned char *s, size_t base,
    size_t n)
{
	uint64_t bits = 0;
	unsigned prev;
	size_t i;

	prev = base > 0 ? a->after[s[base - 1]] : 0;
	for (i = 0; i < n; i++) {
		bits |= (uint64_t)a->start[prev][s[base + i]] << i;
		prev = a->after[s[base + i]];
	}
	return bits;
}

/* Look at the candidate at p. */
static int
at_candidate(struct walk *w, size_t p)
{
	const char *s = w->s;
	int c = w->a->cls[(unsigned char)s[p]];
	size_t n = 1;

	if (c & A_DIGIT)
		return at_number(w, p);
	if (c & A_LEAD)
		return fold_alias_at(s, w->len, p) ? FOLD_ALIAS : 0;
	if (p + 1 < w->len && (w->a->cls[(unsigned char)s[p + 1]] & A_ALPHA))
		n = 2;
	if (!label_pair(w->a, s + p, n))
		return 0;
	return at_letters(w, p);
}

/*
 * Scan s once, 64 bytes at a time: find the candidates, then look at
 * each.  Returns 0, an error, or FOLD_ALIAS.
 */
static int
scan_gated(struct walk *w)
{
	const unsigned char *s = (const unsigned char *)w->s;
	uint64_t bits;
	size_t base, n;
	int rc = 0;

	for (base = 0; base < w->len && rc == 0; base += 64) {
		n = w->len - base < 64 ? w->len - base : 64;
		bits = candidates(w->a, s, base, n);
		while (bits != 0 && rc == 0) {
			rc = at_candidate(w, base +
			    (size_t)__builtin_ctzll(bits));
			bits &= bits - 1;
		}
	}
	return rc;
}

static int
address_scan(const void *state, const struct recog_ctx *ctx,
    struct spans *out)
{
	const struct address *a = state;
	struct walk w;
	size_t i;
	int rc;

	memset(&w, 0, sizeof(w));
	w.tail = SIZE_MAX;
	w.a = a;
	w.out = out;
	w.s = text_view(ctx->text, &w.len);
	rc = scan_gated(&w);
	if (rc != FOLD_ALIAS)
		return rc;
	for (i = 0; i < NPAT && rc >= 0; i++)
		rc = scan_whole(a, (enum pat)i, w.s, w.len, 0, out);
	return rc;
}

const struct recognizer_ops recognizer_address = {
	.name = "address",
	.init = address_init,
	.fini = address_fini,
	.scan = address_scan
};
