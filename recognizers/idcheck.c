/*
 * idcheck.c - check digits and format rules of identifier numbers.
 *
 * Each validator first copies the value, without the separators its
 * format allows, into a small local buffer; anything too long for the
 * format fails before it is copied.
 */
#include <string.h>

#include "chars.h"
#include "idcheck.h"

/* Longest value any validator accepts once separators are removed. */
#define ID_MAX 40

static int
is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

/*
 * Copy s[0..len) to out without the characters in skip.  Returns the
 * copied length, or 0 when it exceeds max.
 */
static size_t
strip(const char *s, size_t len, const char *skip, char *out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++) {
		if (strchr(skip, s[i]) != NULL && s[i] != '\0')
			continue;
		if (n == max)
			return 0;
		out[n++] = s[i];
	}
	return n;
}

static int
all_digits(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!ch_digit(s[i]))
			return 0;
	return len > 0;
}

/* The value of the len digits at s. */
static unsigned
digits_value(const char *s, size_t len)
{
	unsigned v = 0;
	size_t i;

	for (i = 0; i < len; i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	return v;
}

/* Luhn sum over the digits d[0..n): 0 when the check digit is right. */
static unsigned
luhn_rem(const char *d, size_t n)
{
	unsigned sum = 0, v;
	size_t i;

	for (i = 0; i < n; i++) {
		v = (unsigned)(d[n - 1 - i] - '0');
		if (i % 2 == 1) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10;
}

int
idcheck_ssn(const char *s, size_t len)
{
	char d[ID_MAX];
	unsigned area, group, serial;
	size_t n;

	if (len == 11 && !((s[3] == '-' && s[6] == '-') ||
	    (s[3] == ' ' && s[6] == ' ')))
		return 0;
	if (len != 9 && len != 11)
		return 0;
	n = strip(s, len, len == 11 ? "- " : "", d, sizeof(d));
	if (n != 9 || !all_digits(d, n))
		return 0;

	area = digits_value(d, 3);
	group = digits_value(d + 3, 2);
	serial = digits_value(d + 5, 4);
	if (area == 0 || area == 666 || area >= 900)
		return 0;
	if (group == 0 || serial == 0)
		return 0;
	if ((area == 78 && group == 5 && serial == 1120) ||
	    (area == 219 && group == 9 && serial == 9999))
		return 0;
	return 1;
}

int
idcheck_luhn(const char *s, size_t len)
{
	char d[ID_MAX];
	size_t n;

	n = strip(s, len, " -", d, sizeof(d));
	if (n < 12 || n > 19 || !all_digits(d, n))
		return 0;
	return luhn_rem(d, n) == 0;
}

/* Countries with IBANs and their lengths: two letters, two digits. */
static const char iban_lengths[] =
	"AD24AE23AL28AT20AZ28BA20BE16BG22BH22BR29BY28CH21CR22CY28CZ24"
	"DE22DK18DO28EE20EG29ES24FI18FO18FR27GB22GE22GI23GL18GR27GT28"
	"HR21HU28IE22IL23IQ23IS26IT27JO30KW30KZ20LB28LC32LI21LT20LU20"
	"LV21MC27MD24ME22MK19MR27MT31MU30NL18NO15PK24PL28PS29PT25QA29"
	"RO24RS22SA24SC31SE24SI19SK24SM27ST25SV28TL23TN24TR26UA29VA22"
	"VG24XK20";

/* The IBAN length of country cc, or 0 when it has none. */
static size_t
iban_length(const char *cc)
{
	size_t i;

	for (i = 0; iban_lengths[i] != '\0'; i += 4)
		if (iban_lengths[i] == cc[0] && iban_lengths[i + 1] == cc[1])
			return (size_t)digits_value(iban_lengths + i + 2, 2);
	return 0;
}

/* Fold one IBAN character into the running remainder mod 97. */
static unsigned
iban_fold(unsigned rem, char c)
{
	if (ch_digit(c))
		return (rem * 10 + (unsigned)(c - '0')) % 97;
	return (rem * 100 + (unsigned)(c - 'A' + 10)) % 97;
}

static char
to_upper(char c)
{
	static const char upper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

	if (c >= 'a' && c <= 'z')
		return upper[c - 'a'];
	return c;
}

int
idcheck_iban(const char *s, size_t len)
{
	char d[ID_MAX];
	unsigned rem = 0;
	size_t i, n;

	n = strip(s, len, " ", d, sizeof(d));
	for (i = 0; i < n; i++)
		d[i] = to_upper(d[i]);
	if (n < 15 || n > 34 || n != iban_length(d))
		return 0;
	if (!ch_digit(d[2]) || !ch_digit(d[3]))
		return 0;
	for (i = 0; i < n; i++)
		if (!ch_digit(d[i]) && !is_upper(d[i]))
			return 0;

	for (i = 4; i < n; i++)
		rem = iban_fold(rem, d[i]);
	for (i = 0; i < 4; i++)
		rem = iban_fold(rem, d[i]);
	return rem == 1;
}

/* An MBI letter: upper case, not S, L, O, I, B or Z. */
static int
mbi_alpha(char c)
{
	return is_upper(c) && strchr("SLOIBZ", c) == NULL;
}

int
idcheck_mbi(const char *s, size_t len)
{
	static const char layout[] = "NAXNAXNAANN";
	char d[ID_MAX];
	size_t i, n;

	if (len == 13 && (s[4] != '-' || s[8] != '-'))
		return 0;
	if (len != 11 && len != 13)
		return 0;
	n = strip(s, len, len == 13 ? "-" : "", d, sizeof(d));
	if (n != 11 || d[0] == '0')
		return 0;

	for (i = 0; i < n; i++) {
		if (layout[i] == 'N' && !ch_digit(d[i]))
			return 0;
		if (layout[i] == 'A' && !mbi_alpha(d[i]))
			return 0;
		if (layout[i] == 'X' && !ch_digit(d[i]) && !mbi_alpha(d[i]))
			return 0;
	}
	return 1;
}

int
idcheck_dea(const char *s, size_t len)
{
	unsigned odd, even;

	if (len != 9 || strchr("ABCDEFGHJKLMPRSTUX", s[0]) == NULL ||
	    s[0] == '\0')
		return 0;
	if (!is_upper(s[1]) && s[1] != '9')
		return 0;
	if (!all_digits(s + 2, 7))
		return 0;

	odd = (unsigned)(s[2] - '0') + (unsigned)(s[4] - '0') +
	    (unsigned)(s[6] - '0');
	even = (unsigned)(s[3] - '0') + (unsigned)(s[5] - '0') +
	    (unsigned)(s[7] - '0');
	return (odd + 2 * even) % 10 == (unsigned)(s[8] - '0');
}

/* The ISO 3779 value of a VIN character, or -1 when it cannot appear. */
static int
vin_value(char c)
{
	static const char letters[] = "ABCDEFGHJKLMNPRSTUVWXYZ";
	static const char values[] = "12345678123457923456789";
	const char *p;

	if (ch_digit(c))
		return c - '0';
	if (!is_upper(c))
		return -1;
	p = strchr(letters, c);
	if (p == NULL)
		return -1;
	return values[p - letters] - '0';
}

int
idcheck_vin(const char *s, size_t len)
{
	static const int weight[17] = {
		8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2
	};
	int sum = 0, v, letters = 0, check;
	size_t i;

	if (len != 17)
		return 0;
	for (i = 0; i < len; i++) {
		v = vin_value(s[i]);
		if (v < 0)
			return 0;
		letters += is_upper(s[i]);
		sum += v * weight[i];
	}
	if (letters == 0)
		return 0;

	check = sum % 11;
	if (check == 10)
		return s[8] == 'X';
	return s[8] == '0' + check;
}

int
idcheck_npi(const char *s, size_t len)
{
	char d[16];

	if (len != 10 || !all_digits(s, len) || (s[0] != '1' && s[0] != '2'))
		return 0;
	memcpy(d, "80840", 5);
	memcpy(d + 5, s, 10);
	return luhn_rem(d, 15) == 0;
}

/* Whether m and d can be a month and a day. */
static int
month_day(unsigned m, unsigned d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

/*
 * Split s into up to 3 runs of digits separated by one of "-/.", the
 * same separator each time.  Returns the number of runs, 0 when the
 * value has another shape.
 */
static int
split_runs(const char *s, size_t len, size_t pos[3], size_t n[3])
{
	char sep = 0;
	size_t i;
	int runs = 1;

	pos[0] = 0;
	n[0] = 0;
	for (i = 0; i < len; i++) {
		if (ch_digit(s[i])) {
			n[runs - 1]++;
			continue;
		}
		if (strchr("-/.", s[i]) == NULL || s[i] == '\0' || runs == 3 ||
		    n[runs - 1] == 0 || (sep != 0 && s[i] != sep))
			return 0;
		sep = s[i];
		pos[runs] = i + 1;
		n[runs++] = 0;
	}
	return n[runs - 1] == 0 ? 0 : runs;
}

static int
is_year(const char *s, size_t n)
{
	unsigned y;

	if (n != 4)
		return 0;
	y = digits_value(s, 4);
	return y >= 1900 && y <= 2099;
}

int
idcheck_datelike(const char *s, size_t len)
{
	size_t pos[3], n[3];
	unsigned a, b;
	int runs;

	runs = split_runs(s, len, pos, n);
	if (runs == 1)
		return is_year(s, len);
	if (runs == 2)
		return is_year(s, n[0]) && (n[1] == 2 || is_year(s + pos[1],
		    n[1]));
	if (runs != 3)
		return 0;

	if (n[0] == 4 && n[1] <= 2 && n[2] <= 2)
		return month_day(digits_value(s + pos[1], n[1]),
		    digits_value(s + pos[2], n[2]));
	if (n[0] > 2 || n[1] > 2 || (n[2] != 2 && n[2] != 4))
		return 0;
	a = digits_value(s, n[0]);
	b = digits_value(s + pos[1], n[1]);
	return month_day(a, b) || month_day(b, a);
}
