/*
 * policy.h - what happens to each identifier type and each column.
 *
 * Two built-in profiles (CONTRACT.md): safe-harbor, where every
 * identifier is pseudonymised or generalised (dates to their year, ages
 * over 89 to "90+", ZIPs to three digits), and limited, a limited data
 * set that keeps dates, city, county, ZIP and ages.  STATE and COUNTRY
 * are kept by both.  A YAML policy file picks a profile and may
 * override the operator per type, set the linkage domain, and name the
 * columns to export; columns it does not name are dropped.
 */
#ifndef VEIL_POLICY_H
#define VEIL_POLICY_H

#include <stddef.h>

#include "phitype.h"

#define POLICY_MAX_LIST		100000
#define POLICY_MAX_ENTRY	256

enum policy_profile {
	POLICY_SAFE_HARBOR,
	POLICY_LIMITED
};

enum policy_op {
	POLICY_KEEP,		/* left as it is */
	POLICY_PSEUDONYM,	/* "[TYPE-token]", original to the keystore */
	POLICY_REDACT,		/* "[TYPE]" */
	POLICY_YEAR,		/* a date keeps only its year */
	POLICY_AGE90,		/* "90+" */
	POLICY_ZIP3		/* first three digits, or "000" */
};

/* How a named column is treated. */
enum policy_role {
	POLICY_COL_DROP,	/* not exported (not named by the policy) */
	POLICY_COL_TEXT,	/* free text: scanned */
	POLICY_COL_KEEP,	/* exported as it is, not scanned */
	POLICY_COL_TYPED	/* the whole value is one identifier */
};

struct policy;

/*
 * policy_new - a built-in profile with no column list (every column is
 * scanned as text) and domain "DEFAULT".  NULL when out of memory.
 */
struct policy *policy_new(enum policy_profile profile);

/*
 * policy_load - read a YAML policy file.  Returns 0 and sets *out
 * (caller frees with policy_free), or ERR_USAGE / ERR_IO with the
 * reason (file, line, key) in err.
 *
 *   profile: safe-harbor | limited
 *   domain: STUDY_42                 # [A-Z0-9_]+, keys the pseudonyms
 *   types: { DATE: year, CITY: redact }
 *   columns:
 *     note_text: text                # scanned as free text
 *     sex: keep                      # exported as it is
 *     mrn: MRN                       # the value is an identifier
 *   known: roster.csv                # patients' identifiers (patients.h)
 *   allow: allow.txt                 # words never flagged
 *   deny: deny.txt                   # words always flagged
 *
 * Paths are relative to the policy file's directory.  The allow and
 * deny files are read here: UTF-8 text, a word or phrase per line,
 * surrounding white space trimmed, blank lines and lines starting with
 * '#' ignored; a deny line may give a type after a TAB ("Acme<TAB>
 * ORGANIZATION"), NAME by default.  At most POLICY_MAX_LIST entries of
 * at most POLICY_MAX_ENTRY bytes each; errors name the file and line,
 * never the entry.
 */
int policy_load(const char *path, struct policy **out, char *err,
    size_t errlen);

/*
 * policy_free - free; NULL is allowed.
 */
void policy_free(struct policy *p);

/*
 * policy_set_profile - switch to profile's operators, keeping the
 * domain and columns but dropping per-type overrides.
 */
void policy_set_profile(struct policy *p, enum policy_profile profile);

/*
 * policy_op - the operator for identifiers of type.
 */
enum policy_op policy_op(const struct policy *p, enum phi_type type);

/*
 * policy_unsafe_type - the i-th type (counting from 0) that the
 * policy's profile removes but the policy keeps ("NAME: keep"), so that
 * the output is no longer safe harbor or a limited data set;
 * PHI_NTYPES past the last one.
 */
enum phi_type policy_unsafe_type(const struct policy *p, size_t i);

/*
 * policy_uses_keystore - 1 when some type is pseudonymised (so a key and
 * a keystore are needed), else 0.
 */
int policy_uses_keystore(const struct policy *p);

/*
 * policy_domain - the linkage domain (owned by p).
 */
const char *policy_domain(const struct policy *p);

/*
 * policy_profile_name - "safe-harbor" or "limited".
 */
const char *policy_profile_name(const struct policy *p);

/*
 * policy_has_columns - 1 when the policy names its columns.
 */
int policy_has_columns(const struct policy *p);

/*
 * policy_column - the role of the column called name; for
 * POLICY_COL_TYPED, *type gets the identifier type.  Without a column
 * list every column is POLICY_COL_TEXT.
 */
enum policy_role policy_column(const struct policy *p, const char *name,
    enum phi_type *type);

/*
 * policy_op_name - the name of op as policy files write it ("zip3").
 */
const char *policy_op_name(enum policy_op op);

/*
 * policy_column_count / policy_column_name - the columns the policy
 * names, in file order (0 and NULL without a column list).
 */
size_t policy_column_count(const struct policy *p);
const char *policy_column_name(const struct policy *p, size_t i);

/*
 * policy_known_path - the roster named by 'known' (resolved against the
 * policy's directory; owned by p), or NULL.
 */
const char *policy_known_path(const struct policy *p);

/*
 * policy_allow_count / policy_allow - the allow list's entries, in file
 * order (0 and NULL without one); owned by p.
 */
size_t policy_allow_count(const struct policy *p);
const char *policy_allow(const struct policy *p, size_t i);

/*
 * policy_deny_count / policy_deny - the deny list's entries and, in
 * *type, each one's type; owned by p.
 */
size_t policy_deny_count(const struct policy *p);
const char *policy_deny(const struct policy *p, size_t i,
    enum phi_type *type);

/*
 * policy_deny_where - the deny list's file and the line of entry i, for
 * messages that must not quote the entry.  Returns the path (owned by
 * p) or NULL when there is no such entry.
 */
const char *policy_deny_where(const struct policy *p, size_t i,
    size_t *line);

/*
 * policy_parse_op - the operator named s ("keep", "pseudonym", "redact",
 * "year", "age90", "zip3").  Returns 0 or ERR_NOTFOUND.
 */
int policy_parse_op(const char *s, enum policy_op *out);

#endif
