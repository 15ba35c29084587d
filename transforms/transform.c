/* transform.c - render replacements by policy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "generalize.h"
#include "transform.h"

struct transform {
	const struct policy *policy;
	const struct pseudonym *ps;
	struct keystore_writer *ks;
};

struct transform *
transform_new(const struct policy *p, const struct pseudonym *ps,
    struct keystore_writer *ks)
{
	struct transform *t;

	t = calloc(1, sizeof(*t));
	if (t == NULL)
		return NULL;
	t->policy = p;
	t->ps = ps;
	t->ks = ks;
	return t;
}

void
transform_free(struct transform *t)
{
	free(t);
}

enum policy_op
transform_op(const struct transform *t, enum phi_type type)
{
	return policy_op(t->policy, type);
}

/* "[TYPE-tok]" in one append: vfprintf costs as much as the lookup. */
static int
put_token(enum phi_type type, const char *tok, struct buf *out)
{
	const char *name = phitype_name(type);
	size_t n = strlen(name);
	char s[64];

	if (n + PSEUDONYM_TOKLEN + 3 > sizeof(s))
		return buf_printf(out, "[%s-%s]", name, tok);
	s[0] = '[';
	memcpy(s + 1, name, n);
	s[n + 1] = '-';
	memcpy(s + n + 2, tok, PSEUDONYM_TOKLEN);
	s[n + 2 + PSEUDONYM_TOKLEN] = ']';
	return buf_append(out, s, n + 3 + PSEUDONYM_TOKLEN);
}

/* Values normalised on the stack rather than malloc'd: nearly all. */
#define NORM_STACK 256

static int
put_pseudonym(const struct transform *t, enum phi_type type,
    const char *orig, size_t len, struct buf *out)
{
	char tok[PSEUDONYM_TOKLEN + 1], nbuf[NORM_STACK];
	char *norm = NULL;
	size_t normlen = 0;
	int r;

	if (t->ps == NULL || t->ks == NULL)
		return ERR_USAGE;

	r = pseudonym_norm_buf(type, orig, len, nbuf, sizeof(nbuf), &norm,
	    &normlen);
	if (r != 0)
		return r;

	r = pseudonym_token(t->ps, type, norm, normlen, tok);
	if (r == 0)
		r = keystore_writer_add(t->ks, type, tok, norm, normlen, orig,
		    len);
	explicit_bzero(norm, normlen);
	if (norm != nbuf)
		free(norm);
	return r != 0 ? r : put_token(type, tok, out);
}

static int
put_year(const char *orig, size_t len, int ref_year, struct buf *out)
{
	int year;

	if (generalize_year(orig, len, &year) != 0)
		return buf_puts(out, "[DATE]");
	if (ref_year > 0 && year <= ref_year - 90)
		return buf_puts(out, generalize_age());
	return buf_printf(out, "%d", year);
}

static int
put_zip3(const char *orig, size_t len, struct buf *out)
{
	char zip3[4];

	if (generalize_zip3(orig, len, zip3) != 0)
		return buf_puts(out, "[ZIP]");
	return buf_append(out, zip3, 3);
}

int
transform_apply(const struct transform *t, enum phi_type type,
    const char *orig, size_t len, int ref_year, struct buf *out)
{
	return transform_apply_canon(t, type, orig, len, NULL, 0, ref_year,
	    out);
}

int
transform_apply_canon(const struct transform *t, enum phi_type type,
    const char *orig, size_t len, const char *canon, size_t canon_len,
    int ref_year, struct buf *out)
{
	switch (policy_op(t->policy, type)) {
	case POLICY_KEEP:
		return buf_append(out, orig, len);
	case POLICY_PSEUDONYM:
		if (canon != NULL && canon_len > 0)
			return put_pseudonym(t, type, canon, canon_len, out);
		return put_pseudonym(t, type, orig, len, out);
	case POLICY_YEAR:
		return put_year(orig, len, ref_year, out);
	case POLICY_AGE90:
		return buf_puts(out, generalize_age());
	case POLICY_ZIP3:
		return put_zip3(orig, len, out);
	case POLICY_REDACT:
	default:
		return buf_printf(out, "[%s]", phitype_name(type));
	}
}
