/*
 * address.c - street addresses, PO boxes and ZIP codes.
 *
 * A street address is a house number, an optional directional, one to
 * four capitalised street words (or an ordinal: "5th") and a USPS street
 * suffix, then an optional directional and up to two units ("Apt 4B",
 * "Suite 300", "#5"), all on one line.  Route-style streets put the
 * number after the road word ("12 State Route 9").  PO boxes stand on
 * their own, and so does a house number with capitalised words after
 * "lives at" or "address:" (streets without a known suffix).  The suffix
 * "Dr" followed by a capitalised word is taken as the title ("on 3 West
 * Dr. Smith saw") unless a state and ZIP follow on the line.
 *
 * A ZIP (5 digits or ZIP+4) is taken only in context: after a state
 * abbreviation or name that follows a city (", MA 02139"), after a "zip"
 * label, or at the end of the line (or the next line) that holds a
 * street address.  Other 5-digit numbers (lab values, ids) are left
 * alone.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "recognizer.h"
#include "rx.h"

/* How far after a street address a ZIP may be found. */
#define TAIL_MAX	96

struct address {
	struct rx *street;	/* number, name words, suffix, units */
	struct rx *route;	/* number, Route/Highway, route number */
	struct rx *context;	/* "lives at" and a number, words */
	struct rx *pobox;	/* PO Box 123 */
	struct rx *unit;	/* a unit standing alone: "Apt 4B" */
	struct rx *zip_state;	/* ", MA 02139" */
	struct rx *zip_label;	/* "zip code: 02139" */
	struct rx *zip_tail;	/* a ZIP after a street address */
	struct rx *dr_title;	/* "Dr" then a capitalised word */
	struct rx *dr_city;	/* the rest of the line is "City, ST 12345" */
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
	"|Canyon|Cyn|Cape|Causeway|Cswy|Circle|Cir|Cliff|Club|Common" \
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
	"(?<![\\p{L}\\p{N}])(?:Apt|APT|Apartment|Suite|SUITE)\\.?[ \\t]*"
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
	"(?:" STATE_ABBR "|" STATE_NAME ")(?![\\p{L}\\p{N}])\\.?,?[ \\t]+"
	ZIP_CODE;

/* Group 1 the ZIP. */
static const char zip_label_pattern[] =
	"(?<![\\p{L}])(?i:zip(?:[ \\t]*code)?|zipcode|postal[ \\t]+code"
	"|post[ \\t]*code)(?![\\p{L}])[ \\t]*(?:[:#=-]|is|of)?[ \\t]*"
	"(?<![\\p{N}])" ZIP_CODE;

/*
 * After a street address: the rest of its line, or the next line, with
 * no other digits before the ZIP.  Group 1 the ZIP.
 */
static const char zip_tail_pattern[] =
	"\\G(?:[^\\n\\d]{0,48}\\n[ \\t]*\\p{Lu}[^\\n\\d]{0,40}?"
	"|[^\\n\\d]{0,48}?)(?<![\\p{L}\\p{N}-])" ZIP_CODE;

static const char dr_title_pattern[] =
	"\\G\\.?[ \\t]+\\p{Lu}\\p{Ll}";

static const char dr_city_pattern[] =
	"\\G\\.?[ \\t]+\\p{Lu}[\\p{L} .'-]{0,30},[ \\t]*"
	"(?:" STATE_ABBR "|" STATE_NAME ")\\.?,?[ \\t]+\\d{5}";

static void
address_fini(void *state)
{
	struct address *a = state;

	if (a == NULL)
		return;
	rx_free(a->street);
	rx_free(a->route);
	rx_free(a->context);
	rx_free(a->pobox);
	rx_free(a->unit);
	rx_free(a->zip_state);
	rx_free(a->zip_label);
	rx_free(a->zip_tail);
	rx_free(a->dr_title);
	rx_free(a->dr_city);
	free(a);
}

static int
address_init(void **state, char *errbuf, size_t errlen)
{
	struct address *a;

	a = calloc(1, sizeof(*a));
	if (a == NULL)
		return ERR_NOMEM;
	if ((a->street = rx_new(street_pattern, 0, errbuf, errlen)) == NULL ||
	    (a->route = rx_new(route_pattern, 0, errbuf, errlen)) == NULL ||
	    (a->context = rx_new(context_pattern, 0, errbuf, errlen)) == NULL ||
	    (a->pobox = rx_new(pobox_pattern, 0, errbuf, errlen)) == NULL ||
	    (a->unit = rx_new(unit_pattern, 0, errbuf, errlen)) == NULL ||
	    (a->zip_state = rx_new(zip_state_pattern, 0, errbuf,
	    errlen)) == NULL ||
	    (a->zip_label = rx_new(zip_label_pattern, 0, errbuf,
	    errlen)) == NULL ||
	    (a->zip_tail = rx_new(zip_tail_pattern, 0, errbuf,
	    errlen)) == NULL ||
	    (a->dr_title = rx_new(dr_title_pattern, 0, errbuf,
	    errlen)) == NULL ||
	    (a->dr_city = rx_new(dr_city_pattern, 0, errbuf, errlen)) == NULL) {
		address_fini(a);
		return ERR_INTERNAL;
	}
	*state = a;
	return 0;
}

/*
 * Whether a street ending in "Dr" (no units after it) is really the
 * title before a name: a capitalised word follows on the line and no
 * "City, ST 12345" does.  Returns 1, 0, or a negative ERR_*.
 */
static int
dr_is_title(const struct address *a, const char *s, size_t len,
    const struct rx_match *m)
{
	struct rx_match t;
	size_t sfx = m->start[1];
	int rc;

	if (m->end[1] - sfx != 2 || memcmp(s + sfx, "Dr", 2) != 0 ||
	    m->end[2] != m->start[2])
		return 0;
	rc = rx_find(a->dr_title, s, len, m->end[1], &t);
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

static int
scan_streets(const struct address *a, const char *s, size_t len,
    struct spans *out)
{
	struct rx_match m;
	size_t from = 0;
	int rc;

	while ((rc = rx_find(a->street, s, len, from, &m)) == 1) {
		rc = dr_is_title(a, s, len, &m);
		if (rc < 0)
			return rc;
		if (rc == 1) {
			from = m.start[0] + 1;
			continue;
		}
		rc = spans_add(out, m.start[0], m.end[0], PHI_ADDRESS, 0.85f,
		    "address.street");
		if (rc == 0)
			rc = zip_after(a, s, len, m.end[0], out);
		if (rc < 0)
			return rc;
		from = m.end[0];
	}
	return rc;
}

/*
 * Every match of rx becomes a span of type over group (0 the whole
 * match); with tail, a ZIP after it is looked for too.
 */
static int
scan_simple(const struct address *a, const struct rx *rx, const char *s,
    size_t len, int group, enum phi_type type, float score,
    const char *name, int tail, struct spans *out)
{
	struct rx_match m;
	size_t from = 0;
	int rc;

	while ((rc = rx_find(rx, s, len, from, &m)) == 1) {
		if (m.end[0] == m.start[0])
			return ERR_INTERNAL;
		from = m.end[0];
		if (m.start[group] == SIZE_MAX)
			continue;
		rc = spans_add(out, m.start[group], m.end[group], type, score,
		    name);
		if (rc == 0 && tail)
			rc = zip_after(a, s, len, m.end[0], out);
		if (rc < 0)
			return rc;
	}
	return rc;
}

static int
address_scan(const void *state, const struct recog_ctx *ctx,
    struct spans *out)
{
	const struct address *a = state;
	const char *s;
	size_t len;
	int rc;

	s = text_view(ctx->text, &len);
	rc = scan_streets(a, s, len, out);
	if (rc == 0)
		rc = scan_simple(a, a->route, s, len, 0, PHI_ADDRESS, 0.8f,
		    "address.route", 1, out);
	if (rc == 0)
		rc = scan_simple(a, a->context, s, len, 1, PHI_ADDRESS, 0.6f,
		    "address.context", 1, out);
	if (rc == 0)
		rc = scan_simple(a, a->pobox, s, len, 0, PHI_ADDRESS, 0.9f,
		    "address.pobox", 1, out);
	if (rc == 0)
		rc = scan_simple(a, a->unit, s, len, 0, PHI_ADDRESS, 0.6f,
		    "address.unit", 0, out);
	if (rc == 0)
		rc = scan_simple(a, a->zip_state, s, len, 1, PHI_ZIP, 0.9f,
		    "address.zip_state", 0, out);
	if (rc == 0)
		rc = scan_simple(a, a->zip_label, s, len, 1, PHI_ZIP, 0.9f,
		    "address.zip_label", 0, out);
	return rc;
}

const struct recognizer_ops recognizer_address = {
	.name = "address",
	.init = address_init,
	.fini = address_fini,
	.scan = address_scan
};
