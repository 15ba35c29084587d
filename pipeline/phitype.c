/* phitype.c - names of the identifier types. */
#include <stddef.h>
#include <string.h>

#include "err.h"
#include "phitype.h"

static const char *const phitype_names[PHI_NTYPES] = {
	[PHI_NAME] = "NAME",
	[PHI_ORGANIZATION] = "ORGANIZATION",
	[PHI_ADDRESS] = "ADDRESS",
	[PHI_CITY] = "CITY",
	[PHI_COUNTY] = "COUNTY",
	[PHI_STATE] = "STATE",
	[PHI_COUNTRY] = "COUNTRY",
	[PHI_ZIP] = "ZIP",
	[PHI_LOCATION] = "LOCATION",
	[PHI_DATE] = "DATE",
	[PHI_AGE] = "AGE",
	[PHI_PHONE] = "PHONE",
	[PHI_FAX] = "FAX",
	[PHI_EMAIL] = "EMAIL",
	[PHI_SSN] = "SSN",
	[PHI_MRN] = "MRN",
	[PHI_HEALTH_PLAN] = "HEALTH_PLAN",
	[PHI_ACCOUNT] = "ACCOUNT",
	[PHI_LICENSE] = "LICENSE",
	[PHI_VEHICLE] = "VEHICLE",
	[PHI_DEVICE] = "DEVICE",
	[PHI_URL] = "URL",
	[PHI_IP] = "IP",
	[PHI_BIOMETRIC] = "BIOMETRIC",
	[PHI_OTHER_ID] = "OTHER_ID",
};

const char *
phitype_name(enum phi_type type)
{
	if ((unsigned)type >= PHI_NTYPES)
		return NULL;
	return phitype_names[type];
}

int
phitype_parse(const char *s, enum phi_type *out)
{
	int i;

	for (i = 0; i < PHI_NTYPES; i++) {
		if (strcmp(s, phitype_names[i]) == 0) {
			*out = (enum phi_type)i;
			return 0;
		}
	}
	return ERR_NOTFOUND;
}
