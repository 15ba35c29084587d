/*
 * phitype.h - the identifier types of CONTRACT.md.
 */
#ifndef VEIL_PHITYPE_H
#define VEIL_PHITYPE_H

enum phi_type {
	PHI_NAME,
	PHI_ORGANIZATION,
	PHI_ADDRESS,
	PHI_CITY,
	PHI_COUNTY,
	PHI_STATE,
	PHI_COUNTRY,
	PHI_ZIP,
	PHI_LOCATION,
	PHI_DATE,
	PHI_AGE,
	PHI_PHONE,
	PHI_FAX,
	PHI_EMAIL,
	PHI_SSN,
	PHI_MRN,
	PHI_HEALTH_PLAN,
	PHI_ACCOUNT,
	PHI_LICENSE,
	PHI_VEHICLE,
	PHI_DEVICE,
	PHI_URL,
	PHI_IP,
	PHI_BIOMETRIC,
	PHI_OTHER_ID,
	PHI_NTYPES
};

/*
 * phitype_name - the contract's upper-case name ("HEALTH_PLAN").  Never
 * NULL for a valid type; NULL for an out-of-range value.
 */
const char *phitype_name(enum phi_type type);

/*
 * phitype_parse - the type named by s (exact, upper case).  Returns 0 and
 * sets *out, or ERR_NOTFOUND.
 */
int phitype_parse(const char *s, enum phi_type *out);

#endif
