/* policy.c - built-in profiles and YAML policy files. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <yaml.h>

#include "err.h"
#include "keystore.h"
#include "policy.h"

#define POLICY_MAX_COLUMNS 4096
#define POLICY_MAX_DOMAIN 64

struct policy_column {
	char *name;
	enum policy_role role;
	enum phi_type type;
};

/* An allow or deny list read from a file. */
struct policy_list {
	char *path;
	char **text;
	enum phi_type *type;
	size_t *line;
	size_t n, cap;
};

struct policy {
	enum policy_profile profile;
	enum policy_op ops[PHI_NTYPES];
	enum policy_op over[PHI_NTYPES];	/* the policy's own types: */
	unsigned char has_over[PHI_NTYPES];	/* which it sets */
	char domain[POLICY_MAX_DOMAIN + 1];
	struct policy_column *cols;
	size_t ncols;
	int has_columns;
	char *known_path;
	struct policy_list allow, deny;
};

static const char *const op_names[] = {
	[POLICY_KEEP] = "keep",
	[POLICY_PSEUDONYM] = "pseudonym",
	[POLICY_REDACT] = "redact",
	[POLICY_YEAR] = "year",
	[POLICY_AGE90] = "age90",
	[POLICY_ZIP3] = "zip3",
};

/* The operators profile gives each type, into ops. */
static void
profile_ops(enum policy_profile profile, enum policy_op *ops)
{
	int i;

	for (i = 0; i < PHI_NTYPES; i++)
		ops[i] = POLICY_PSEUDONYM;

	/* Both profiles keep these (CONTRACT.md, Types). */
	ops[PHI_STATE] = POLICY_KEEP;
	ops[PHI_COUNTRY] = POLICY_KEEP;

	if (profile == POLICY_SAFE_HARBOR) {
		ops[PHI_DATE] = POLICY_YEAR;
		ops[PHI_AGE] = POLICY_AGE90;
		ops[PHI_ZIP] = POLICY_ZIP3;
	} else {
		ops[PHI_DATE] = POLICY_KEEP;
		ops[PHI_AGE] = POLICY_KEEP;
		ops[PHI_ZIP] = POLICY_KEEP;
		ops[PHI_CITY] = POLICY_KEEP;
		ops[PHI_COUNTY] = POLICY_KEEP;
	}
}

/*
 * The profile's operators, then the policy's own "types" over them:
 * what a policy file says of a type holds whichever profile it runs
 * under, however the profile was chosen (in the file, before or after
 * "types", or by --profile).
 */
void
policy_set_profile(struct policy *p, enum policy_profile profile)
{
	int i;

	p->profile = profile;
	profile_ops(profile, p->ops);
	for (i = 0; i < PHI_NTYPES; i++)
		if (p->has_over[i])
			p->ops[i] = p->over[i];
}

struct policy *
policy_new(enum policy_profile profile)
{
	struct policy *p;

	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return NULL;
	policy_set_profile(p, profile);
	memcpy(p->domain, KEYSTORE_LEGACY_DOMAIN,
	    sizeof(KEYSTORE_LEGACY_DOMAIN));
	return p;
}

static void
list_release(struct policy_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		explicit_bzero(l->text[i], strlen(l->text[i]));
		free(l->text[i]);
	}
	free(l->text);
	free(l->type);
	free(l->line);
	free(l->path);
	memset(l, 0, sizeof(*l));
}

void
policy_free(struct policy *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->ncols; i++)
		free(p->cols[i].name);
	free(p->cols);
	free(p->known_path);
	list_release(&p->allow);
	list_release(&p->deny);
	free(p);
}

const char *
policy_known_path(const struct policy *p)
{
	return p->known_path;
}

size_t
policy_allow_count(const struct policy *p)
{
	return p->allow.n;
}

const char *
policy_allow(const struct policy *p, size_t i)
{
	return i < p->allow.n ? p->allow.text[i] : NULL;
}

size_t
policy_deny_count(const struct policy *p)
{
	return p->deny.n;
}

const char *
policy_deny(const struct policy *p, size_t i, enum phi_type *type)
{
	if (i >= p->deny.n)
		return NULL;
	if (type != NULL)
		*type = p->deny.type[i];
	return p->deny.text[i];
}

const char *
policy_deny_where(const struct policy *p, size_t i, size_t *line)
{
	if (i >= p->deny.n)
		return NULL;
	*line = p->deny.line[i];
	return p->deny.path;
}

enum policy_op
policy_op(const struct policy *p, enum phi_type type)
{
	if ((unsigned)type >= PHI_NTYPES)
		return POLICY_REDACT;
	return p->ops[type];
}

enum phi_type
policy_unsafe_type(const struct policy *p, size_t i)
{
	enum policy_op def[PHI_NTYPES];
	size_t t;

	profile_ops(p->profile, def);
	for (t = 0; t < PHI_NTYPES; t++) {
		if (p->ops[t] != POLICY_KEEP || def[t] == POLICY_KEEP)
			continue;
		if (i-- == 0)
			return (enum phi_type)t;
	}
	return PHI_NTYPES;
}

int
policy_uses_keystore(const struct policy *p)
{
	size_t i;

	for (i = 0; i < PHI_NTYPES; i++)
		if (p->ops[i] == POLICY_PSEUDONYM)
			return 1;
	return 0;
}

const char *
policy_domain(const struct policy *p)
{
	return p->domain;
}

const char *
policy_profile_name(const struct policy *p)
{
	return p->profile == POLICY_LIMITED ? "limited" : "safe-harbor";
}

int
policy_has_columns(const struct policy *p)
{
	return p->has_columns;
}

enum policy_role
policy_column(const struct policy *p, const char *name, enum phi_type *type)
{
	size_t i;

	if (!p->has_columns)
		return POLICY_COL_TEXT;
	for (i = 0; i < p->ncols; i++) {
		if (strcmp(p->cols[i].name, name) == 0) {
			if (type != NULL)
				*type = p->cols[i].type;
			return p->cols[i].role;
		}
	}
	return POLICY_COL_DROP;
}

const char *
policy_op_name(enum policy_op op)
{
	if ((size_t)op >= sizeof(op_names) / sizeof(op_names[0]))
		return "unknown";
	return op_names[op];
}

size_t
policy_column_count(const struct policy *p)
{
	return p->ncols;
}

const char *
policy_column_name(const struct policy *p, size_t i)
{
	return i < p->ncols ? p->cols[i].name : NULL;
}

int
policy_parse_op(const char *s, enum policy_op *out)
{
	size_t i;

	for (i = 0; i < sizeof(op_names) / sizeof(op_names[0]); i++) {
		if (strcmp(s, op_names[i]) == 0) {
			*out = (enum policy_op)i;
			return 0;
		}
	}
	return ERR_NOTFOUND;
}

/* The scalar text of node, or NULL when it is not a scalar. */
static const char *
scalar(yaml_document_t *doc, int id)
{
	yaml_node_t *n = yaml_document_get_node(doc, id);

	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

static int
domain_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > POLICY_MAX_DOMAIN)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '_'))
			return 0;
	}
	return 1;
}

/*
 * Whether op can transform type: the generalisations read a date, an
 * age or a ZIP, and on anything else would write nonsense ("Dr. 2021").
 */
static int
op_fits(enum policy_op op, enum phi_type t)
{
	switch (op) {
	case POLICY_YEAR:
		return t == PHI_DATE;
	case POLICY_AGE90:
		return t == PHI_AGE;
	case POLICY_ZIP3:
		return t == PHI_ZIP;
	default:
		return 1;
	}
}

/*
 * Why an entry under 'types' is bad, on its own line: the type or the
 * operation the user wrote (the policy's own words, never data).
 */
static void
type_error(const char *k, const char *v, const yaml_node_t *key,
    char *err, size_t errlen)
{
	enum policy_op op;
	enum phi_type t;
	size_t line = key != NULL ? (size_t)key->start_mark.line + 1 : 0;

	if (k == NULL || v == NULL)
		(void)snprintf(err, errlen, "line %zu: bad entry under "
		    "'types' (TYPE: operation)", line);
	else if (phitype_parse(k, &t) != 0)
		(void)snprintf(err, errlen, "line %zu: unknown type '%.40s' "
		    "under 'types' (see the README's table of types)", line, k);
	else if (policy_parse_op(v, &op) != 0)
		(void)snprintf(err, errlen, "line %zu: unknown operation "
		    "'%.40s' for %s", line, v, k);
}

static int
load_types(struct policy *p, yaml_document_t *doc, yaml_node_t *map,
    char *err, size_t errlen)
{
	yaml_node_pair_t *pair;

	if (map->type != YAML_MAPPING_NODE) {
		(void)snprintf(err, errlen, "'types' must be a mapping");
		return ERR_USAGE;
	}
	for (pair = map->data.mapping.pairs.start;
	    pair < map->data.mapping.pairs.top; pair++) {
		const char *k = scalar(doc, pair->key);
		const char *v = scalar(doc, pair->value);
		enum phi_type t;
		enum policy_op op;

		if (k == NULL || v == NULL || phitype_parse(k, &t) != 0 ||
		    policy_parse_op(v, &op) != 0) {
			type_error(k, v, yaml_document_get_node(doc,
			    pair->key), err, errlen);
			return ERR_USAGE;
		}
		if (!op_fits(op, t)) {
			(void)snprintf(err, errlen,
			    "line %zu: '%s' does not apply to %s",
			    (size_t)map->start_mark.line + 1, v, k);
			return ERR_USAGE;
		}
		p->ops[t] = op;
		p->over[t] = op;
		p->has_over[t] = 1;
	}
	return 0;
}

static int
column_role(const char *v, enum policy_role *role, enum phi_type *type)
{
	if (strcmp(v, "text") == 0)
		*role = POLICY_COL_TEXT;
	else if (strcmp(v, "keep") == 0)
		*role = POLICY_COL_KEEP;
	else if (phitype_parse(v, type) == 0)
		*role = POLICY_COL_TYPED;
	else
		return ERR_NOTFOUND;
	return 0;
}

static int
load_columns(struct policy *p, yaml_document_t *doc, yaml_node_t *map,
    char *err, size_t errlen)
{
	yaml_node_pair_t *pair;
	size_t n;

	if (map->type != YAML_MAPPING_NODE) {
		(void)snprintf(err, errlen, "'columns' must be a mapping");
		return ERR_USAGE;
	}
	n = (size_t)(map->data.mapping.pairs.top -
	    map->data.mapping.pairs.start);
	if (n > POLICY_MAX_COLUMNS) {
		(void)snprintf(err, errlen, "too many columns");
		return ERR_USAGE;
	}
	p->cols = calloc(n ? n : 1, sizeof(*p->cols));
	if (p->cols == NULL)
		return ERR_NOMEM;
	p->has_columns = 1;

	for (pair = map->data.mapping.pairs.start;
	    pair < map->data.mapping.pairs.top; pair++) {
		struct policy_column *c = &p->cols[p->ncols];
		const char *k = scalar(doc, pair->key);
		const char *v = scalar(doc, pair->value);

		c->type = PHI_OTHER_ID;
		if (k == NULL || v == NULL ||
		    column_role(v, &c->role, &c->type) != 0) {
			(void)snprintf(err, errlen,
			    "line %zu: a column takes text, keep or a type",
			    (size_t)map->start_mark.line + 1);
			return ERR_USAGE;
		}
		c->name = strdup(k);
		if (c->name == NULL)
			return ERR_NOMEM;
		p->ncols++;
	}
	return 0;
}

/* path resolved against the directory of the policy file base. */
static char *
resolve(const char *base, const char *path)
{
	const char *slash = strrchr(base, '/');
	size_t d, n = strlen(path);
	char *out;

	if (path[0] == '/' || slash == NULL)
		return strdup(path);
	d = (size_t)(slash - base) + 1;
	out = malloc(d + n + 1);
	if (out == NULL)
		return NULL;
	memcpy(out, base, d);
	memcpy(out + d, path, n + 1);
	return out;
}

static int
utf8_ok(const char *s, size_t n)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;

	if (n > (size_t)INT32_MAX)
		return 0;
	(void)u_strFromUTF8(NULL, 0, &len, s, (int32_t)n, &st);
	return st == U_BUFFER_OVERFLOW_ERROR || st == U_ZERO_ERROR ||
	    st == U_STRING_NOT_TERMINATED_WARNING;
}

static int
list_push(struct policy_list *l, const char *s, size_t n,
    enum phi_type type, size_t line)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		char **t = realloc(l->text, cap * sizeof(*t));
		enum phi_type *ty;
		size_t *ln;

		if (t == NULL)
			return ERR_NOMEM;
		l->text = t;
		ty = realloc(l->type, cap * sizeof(*ty));
		if (ty == NULL)
			return ERR_NOMEM;
		l->type = ty;
		ln = realloc(l->line, cap * sizeof(*ln));
		if (ln == NULL)
			return ERR_NOMEM;
		l->line = ln;
		l->cap = cap;
	}
	l->text[l->n] = strndup(s, n);
	if (l->text[l->n] == NULL)
		return ERR_NOMEM;
	l->type[l->n] = type;
	l->line[l->n] = line;
	l->n++;
	return 0;
}

static void
trim(const char **s, size_t *n)
{
	while (*n > 0 && strchr(" \t\r\n", (*s)[*n - 1]) != NULL)
		(*n)--;
	while (*n > 0 && strchr(" \t", **s) != NULL) {
		(*s)++;
		(*n)--;
	}
}

/*
 * One line of a list: an entry, or nothing (blank or comment).  Deny
 * lines may end in a TAB and a type.  Returns 0 or an ERR_* with why.
 */
static int
list_line(struct policy_list *l, const char *s, size_t n, int deny,
    size_t line, const char **why)
{
	enum phi_type type = PHI_NAME;
	const char *tab = deny ? memchr(s, '\t', n) : NULL;
	char tname[32];
	const char *t;
	size_t tn;

	if (memchr(s, '\0', n) != NULL || !utf8_ok(s, n)) {
		*why = "not valid UTF-8";
		return ERR_USAGE;
	}
	if (tab != NULL) {
		t = tab + 1;
		tn = n - (size_t)(t - s);
		trim(&t, &tn);
		n = (size_t)(tab - s);
		if (tn < sizeof(tname)) {
			memcpy(tname, t, tn);
			tname[tn] = '\0';
		}
		if (tn >= sizeof(tname) || phitype_parse(tname, &type) != 0) {
			*why = "unknown type after the TAB";
			return ERR_USAGE;
		}
	}
	trim(&s, &n);
	if (n == 0 || s[0] == '#')
		return 0;
	if (n > POLICY_MAX_ENTRY || l->n >= POLICY_MAX_LIST) {
		*why = n > POLICY_MAX_ENTRY ? "entry too long" :
		    "too many entries";
		return ERR_USAGE;
	}
	return list_push(l, s, n, type, line);
}

static int
load_list(struct policy_list *l, const char *base, const char *v,
    int deny, char *err, size_t errlen)
{
	const char *why = NULL;
	char *line = NULL;
	size_t cap = 0, no = 0;
	ssize_t got;
	FILE *fp;
	int r = 0;

	list_release(l);
	l->path = v != NULL ? resolve(base, v) : NULL;
	if (l->path == NULL) {
		(void)snprintf(err, errlen, "'%s' needs a file name",
		    deny ? "deny" : "allow");
		return v == NULL ? ERR_USAGE : ERR_NOMEM;
	}
	fp = fopen(l->path, "rb");
	if (fp == NULL) {
		(void)snprintf(err, errlen, "cannot open %s list '%s': %s",
		    deny ? "deny" : "allow", l->path, strerror(errno));
		return ERR_IO;
	}
	while (r == 0 && (got = getline(&line, &cap, fp)) >= 0)
		r = list_line(l, line, (size_t)got, deny, ++no, &why);
	if (r == 0 && ferror(fp)) {
		why = "read error";
		r = ERR_IO;
	}
	if (r != 0)
		(void)snprintf(err, errlen, "%s list '%s' line %zu: %s",
		    deny ? "deny" : "allow", l->path, no,
		    why != NULL ? why : err_str(r));
	if (line != NULL)
		explicit_bzero(line, cap);
	free(line);
	(void)fclose(fp);
	return r;
}

static int
load_known(struct policy *p, const char *base, const char *v, char *err,
    size_t errlen)
{
	free(p->known_path);
	p->known_path = NULL;
	if (v == NULL || *v == '\0') {
		(void)snprintf(err, errlen, "'known' needs a file name");
		return ERR_USAGE;
	}
	p->known_path = resolve(base, v);
	return p->known_path != NULL ? 0 : ERR_NOMEM;
}

static int
load_profile(struct policy *p, const char *v, char *err, size_t errlen)
{
	if (v != NULL && strcmp(v, "safe-harbor") == 0)
		policy_set_profile(p, POLICY_SAFE_HARBOR);
	else if (v != NULL && strcmp(v, "limited") == 0)
		policy_set_profile(p, POLICY_LIMITED);
	else {
		(void)snprintf(err, errlen,
		    "'profile' must be safe-harbor or limited");
		return ERR_USAGE;
	}
	return 0;
}

static int
load_domain(struct policy *p, const char *v, char *err, size_t errlen)
{
	if (v == NULL || !domain_ok(v)) {
		(void)snprintf(err, errlen,
		    "'domain' must be 1 to 64 of A-Z, 0-9 and _");
		return ERR_USAGE;
	}
	memcpy(p->domain, v, strlen(v) + 1);
	return 0;
}

/*
 * Walk the top-level mapping.  The profile is applied first, wherever it
 * stands, so that 'types' overrides it rather than the other way round.
 */
static int
load_root(struct policy *p, yaml_document_t *doc, const char *path,
    char *err, size_t errlen)
{
	yaml_node_t *root = yaml_document_get_root_node(doc);
	yaml_node_pair_t *pair;
	int r = 0;

	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		(void)snprintf(err, errlen, "the policy must be a mapping");
		return ERR_USAGE;
	}
	for (pair = root->data.mapping.pairs.start;
	    r == 0 && pair < root->data.mapping.pairs.top; pair++) {
		const char *k = scalar(doc, pair->key);

		if (k != NULL && strcmp(k, "profile") == 0)
			r = load_profile(p, scalar(doc, pair->value), err,
			    errlen);
	}
	for (pair = root->data.mapping.pairs.start;
	    r == 0 && pair < root->data.mapping.pairs.top; pair++) {
		const char *k = scalar(doc, pair->key);
		yaml_node_t *v = yaml_document_get_node(doc, pair->value);

		if (k == NULL || v == NULL) {
			(void)snprintf(err, errlen, "bad top-level key");
			r = ERR_USAGE;
		} else if (strcmp(k, "profile") == 0) {
			continue;
		} else if (strcmp(k, "domain") == 0) {
			r = load_domain(p, scalar(doc, pair->value), err,
			    errlen);
		} else if (strcmp(k, "types") == 0) {
			r = load_types(p, doc, v, err, errlen);
		} else if (strcmp(k, "columns") == 0) {
			r = load_columns(p, doc, v, err, errlen);
		} else if (strcmp(k, "known") == 0) {
			r = load_known(p, path, scalar(doc, pair->value), err,
			    errlen);
		} else if (strcmp(k, "allow") == 0 || strcmp(k, "deny") == 0) {
			r = load_list(k[0] == 'a' ? &p->allow : &p->deny,
			    path, scalar(doc, pair->value), k[0] == 'd', err,
			    errlen);
		} else {
			v = yaml_document_get_node(doc, pair->key);
			(void)snprintf(err, errlen,
			    "line %zu: unknown key '%.40s' (profile, domain, "
			    "types, columns, known, allow, deny)",
			    (size_t)v->start_mark.line + 1, k);
			r = ERR_USAGE;
		}
	}
	return r;
}

/*
 * A key given twice in one mapping: libyaml keeps both, and whichever
 * one a reader took would silently win ("SSN: redact" then "SSN:
 * keep").  A policy decides what leaves the building, so it is refused.
 */
static int
check_duplicates(yaml_document_t *doc, char *err, size_t errlen)
{
	yaml_node_t *n;
	yaml_node_pair_t *a, *b;

	for (n = doc->nodes.start; n < doc->nodes.top; n++) {
		if (n->type != YAML_MAPPING_NODE)
			continue;
		for (a = n->data.mapping.pairs.start;
		    a < n->data.mapping.pairs.top; a++) {
			const char *ka = scalar(doc, a->key);

			for (b = a + 1; ka != NULL &&
			    b < n->data.mapping.pairs.top; b++) {
				const char *kb = scalar(doc, b->key);

				if (kb == NULL || strcmp(ka, kb) != 0)
					continue;
				(void)snprintf(err, errlen,
				    "line %zu: key given twice",
				    (size_t)yaml_document_get_node(doc,
				    b->key)->start_mark.line + 1);
				return ERR_USAGE;
			}
		}
	}
	return 0;
}

/* A second document in the file would be ignored: refuse it. */
static int
check_single(yaml_parser_t *parser, char *err, size_t errlen)
{
	yaml_document_t more;
	int r = 0;

	if (!yaml_parser_load(parser, &more)) {
		(void)snprintf(err, errlen, "line %zu: %s",
		    (size_t)parser->problem_mark.line + 1,
		    parser->problem ? parser->problem : "YAML error");
		return ERR_USAGE;
	}
	if (yaml_document_get_root_node(&more) != NULL) {
		(void)snprintf(err, errlen, "line %zu: a policy is one YAML "
		    "document", (size_t)more.start_mark.line + 1);
		r = ERR_USAGE;
	}
	yaml_document_delete(&more);
	return r;
}

int
policy_load(const char *path, struct policy **out, char *err, size_t errlen)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	struct policy *p = NULL;
	FILE *fp;
	int r = ERR_INTERNAL;

	fp = fopen(path, "rb");
	if (fp == NULL) {
		(void)snprintf(err, errlen, "cannot open policy: %s",
		    strerror(errno));
		return ERR_IO;
	}
	if (!yaml_parser_initialize(&parser)) {
		(void)fclose(fp);
		return ERR_NOMEM;
	}
	yaml_parser_set_input_file(&parser, fp);

	if (!yaml_parser_load(&parser, &doc)) {
		(void)snprintf(err, errlen, "line %zu: %s",
		    (size_t)parser.problem_mark.line + 1,
		    parser.problem ? parser.problem : "YAML error");
		r = ERR_USAGE;
		goto out_parser;
	}

	r = check_duplicates(&doc, err, errlen);
	if (r == 0)
		r = check_single(&parser, err, errlen);
	if (r == 0) {
		p = policy_new(POLICY_SAFE_HARBOR);
		r = p != NULL ? load_root(p, &doc, path, err, errlen) :
		    ERR_NOMEM;
	}
	yaml_document_delete(&doc);

out_parser:
	yaml_parser_delete(&parser);
	(void)fclose(fp);
	if (r != 0) {
		policy_free(p);
		return r;
	}
	*out = p;
	return 0;
}
