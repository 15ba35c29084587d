/*
 * idcheck.h - validators for identifier numbers: check digits and the
 * structural rules of the formats the ids recognizer looks for.
 *
 * Every function takes the candidate as s[0..len) (not NUL-terminated),
 * reads nothing outside it, keeps no state and returns 1 when the value
 * passes, 0 when it does not.  Separators a format allows (spaces,
 * dashes) are noted per function; any other character fails.
 */
#ifndef VEIL_IDCHECK_H
#define VEIL_IDCHECK_H

#include <stddef.h>

/*
 * idcheck_ssn - a US Social Security number: 9 digits, optionally
 * grouped 3-2-4 by '-' or ' '.  Fails an area of 000, 666 or 900-999,
 * a group of 00, a serial of 0000, and the two numbers famous for
 * appearing in advertisements (078-05-1120, 219-09-9999).
 */
int idcheck_ssn(const char *s, size_t len);

/*
 * idcheck_luhn - 12 to 19 digits (spaces and dashes ignored) whose Luhn
 * (mod 10) checksum holds, as on payment card numbers.
 */
int idcheck_luhn(const char *s, size_t len);

/*
 * idcheck_iban - an International Bank Account Number (ISO 13616):
 * the country code of a known country, the length that country uses,
 * and the mod-97 check equal to 1.  Spaces are ignored and letters of
 * either case are taken as upper case (the caller's pattern decides
 * whether lower case may appear).
 */
int idcheck_iban(const char *s, size_t len);

/*
 * idcheck_mbi - a Medicare Beneficiary Identifier: 11 characters, upper
 * case, by position N A AN N A AN N A A N N, where N is a digit (the
 * first 1-9), A a letter other than S L O I B Z, and AN either.  Dashes
 * after the 4th and 7th characters are allowed.
 */
int idcheck_mbi(const char *s, size_t len);

/*
 * idcheck_dea - a DEA registration number: a registrant-type letter, a
 * letter or '9', then 7 digits whose last is the check digit (the sum
 * of digits 1, 3 and 5 plus twice the sum of digits 2, 4 and 6, mod 10).
 */
int idcheck_dea(const char *s, size_t len);

/*
 * idcheck_vin - a 17-character vehicle identification number (ISO 3779,
 * no I, O or Q, upper case, at least one letter) whose 9th character is
 * the North American check digit (weighted sum mod 11, 10 written X).
 */
int idcheck_vin(const char *s, size_t len);

/*
 * idcheck_npi - a 10-digit National Provider Identifier whose last digit
 * is the Luhn check digit over the prefix 80840 and the first 9 digits.
 */
int idcheck_npi(const char *s, size_t len);

/*
 * idcheck_datelike - whether the value reads as a date or a year rather
 * than an identifier: m-d-y or d-m-y (1-2, 1-2, 2 or 4 digits), y-m-d
 * (4, 1-2, 1-2 digits) with '-', '/' or '.' and a plausible month and
 * day, a year range such as 2019-2021, or a bare year 1900-2099.
 * Returns 1 when it does (the candidate should be dropped).
 */
int idcheck_datelike(const char *s, size_t len);

#endif
