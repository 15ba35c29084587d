/* patients.c - structured identifiers of records and of patients. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicode/utf8.h>

#include "err.h"
#include "patients.h"
#include "reader.h"
#include "reader_firstpass.h"

#define PATIENTS_MIN_SLOTS	64
#define PATIENTS_COLKEY		48

struct patients_entry {
	char *pid;		/* NULL: free slot */
	struct patients_set set;
};

struct patients {
	struct patients_entry *v;
	size_t nslots, n;
};

/* Common column names, lower case; matched with or without the '_'s. */
static const struct {
	const char *name;
	enum phi_type type;
	enum patients_part part;
} columns[] = {
	{ "name", PHI_NAME, PATIENTS_PART_FULL },
	{ "patient_name", PHI_NAME, PATIENTS_PART_FULL },
	{ "full_name", PHI_NAME, PATIENTS_PART_FULL },
	{ "pt_name", PHI_NAME, PATIENTS_PART_FULL },
	{ "first_name", PHI_NAME, PATIENTS_PART_FIRST },
	{ "given_name", PHI_NAME, PATIENTS_PART_FIRST },
	{ "fname", PHI_NAME, PATIENTS_PART_FIRST },
	{ "last_name", PHI_NAME, PATIENTS_PART_LAST },
	{ "surname", PHI_NAME, PATIENTS_PART_LAST },
	{ "family_name", PHI_NAME, PATIENTS_PART_LAST },
	{ "lname", PHI_NAME, PATIENTS_PART_LAST },
	{ "middle_name", PHI_NAME, PATIENTS_PART_MIDDLE },
	{ "middle_initial", PHI_NAME, PATIENTS_PART_MIDDLE },
	{ "mrn", PHI_MRN, PATIENTS_PART_NONE },
	{ "medical_record_number", PHI_MRN, PATIENTS_PART_NONE },
	{ "patient_mrn", PHI_MRN, PATIENTS_PART_NONE },
	{ "dob", PHI_DATE, PATIENTS_PART_NONE },
	{ "birth_date", PHI_DATE, PATIENTS_PART_NONE },
	{ "date_of_birth", PHI_DATE, PATIENTS_PART_NONE },
	{ "street", PHI_ADDRESS, PATIENTS_PART_NONE },
	{ "address", PHI_ADDRESS, PATIENTS_PART_NONE },
	{ "street_address", PHI_ADDRESS, PATIENTS_PART_NONE },
	{ "address1", PHI_ADDRESS, PATIENTS_PART_NONE },
	{ "address_line_1", PHI_ADDRESS, PATIENTS_PART_NONE },
	{ "city", PHI_CITY, PATIENTS_PART_NONE },
	{ "county", PHI_COUNTY, PATIENTS_PART_NONE },
	{ "zip", PHI_ZIP, PATIENTS_PART_NONE },
	{ "zip_code", PHI_ZIP, PATIENTS_PART_NONE },
	{ "postal_code", PHI_ZIP, PATIENTS_PART_NONE },
	{ "postcode", PHI_ZIP, PATIENTS_PART_NONE },
	{ "phone", PHI_PHONE, PATIENTS_PART_NONE },
	{ "telephone", PHI_PHONE, PATIENTS_PART_NONE },
	{ "phone_number", PHI_PHONE, PATIENTS_PART_NONE },
	{ "home_phone", PHI_PHONE, PATIENTS_PART_NONE },
	{ "mobile", PHI_PHONE, PATIENTS_PART_NONE },
	{ "cell_phone", PHI_PHONE, PATIENTS_PART_NONE },
	{ "fax", PHI_FAX, PATIENTS_PART_NONE },
	{ "email", PHI_EMAIL, PATIENTS_PART_NONE },
	{ "email_address", PHI_EMAIL, PATIENTS_PART_NONE },
	{ "ssn", PHI_SSN, PATIENTS_PART_NONE },
	{ "social_security_number", PHI_SSN, PATIENTS_PART_NONE },
	{ "insurance_id", PHI_HEALTH_PLAN, PATIENTS_PART_NONE },
	{ "member_id", PHI_HEALTH_PLAN, PATIENTS_PART_NONE },
	{ "subscriber_id", PHI_HEALTH_PLAN, PATIENTS_PART_NONE },
	{ "health_plan_id", PHI_HEALTH_PLAN, PATIENTS_PART_NONE },
	{ "account", PHI_ACCOUNT, PATIENTS_PART_NONE },
	{ "account_number", PHI_ACCOUNT, PATIENTS_PART_NONE },
	{ "account_no", PHI_ACCOUNT, PATIENTS_PART_NONE },
	{ "acct", PHI_ACCOUNT, PATIENTS_PART_NONE },
	{ "acct_no", PHI_ACCOUNT, PATIENTS_PART_NONE },
	{ "billing_account", PHI_ACCOUNT, PATIENTS_PART_NONE },
	{ "license_number", PHI_LICENSE, PATIENTS_PART_NONE },
	{ "drivers_license", PHI_LICENSE, PATIENTS_PART_NONE },
	{ "vin", PHI_VEHICLE, PATIENTS_PART_NONE },
	{ "license_plate", PHI_VEHICLE, PATIENTS_PART_NONE },
	{ "device_id", PHI_DEVICE, PATIENTS_PART_NONE },
	{ "serial_number", PHI_DEVICE, PATIENTS_PART_NONE },
	{ "ip_address", PHI_IP, PATIENTS_PART_NONE },
	{ "url", PHI_URL, PATIENTS_PART_NONE },
	{ "website", PHI_URL, PATIENTS_PART_NONE },
	/* the value only: an age over 89 becomes 90+, others stay (and so
	 * for age_... and ..._age, see patients_column) */
	{ "age", PHI_AGE, PATIENTS_PART_NONE },
};

/* Titles before a full name and suffixes after it, dropped. */
static const char *const titles[] = { "mr", "mrs", "ms", "miss", "mx",
	"dr" };
static const char *const suffixes[] = { "jr", "sr", "ii", "iii", "iv" };

/*
 * The lookup key of a column name: its last path component ("a.b[2]"
 * gives "b"), lower case, runs of other characters as one '_', and a
 * capital after a lower-case letter or a digit starting a new word
 * ("DateOfBirth" gives "date_of_birth").
 */
static int
column_key(const char *name, char *key, size_t cap)
{
	const char *p = strrchr(name, '.');
	size_t n = 0;
	int sep = 0, low = 0;

	p = p != NULL ? p + 1 : name;
	for (; *p != '\0' && *p != '['; p++) {
		unsigned char c = (unsigned char)*p;

		if (c >= 'A' && c <= 'Z') {
			sep = sep || (low && n > 0);
			c |= 0x20;
			low = 0;
		} else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			low = 1;
		} else {
			sep = n > 0;
			low = 0;
			continue;
		}
		if (n + 2 >= cap)
			return 0;
		if (sep)
			key[n++] = '_';
		key[n++] = (char)c;
		sep = 0;
	}
	key[n] = '\0';
	return n > 0;
}

/* Whether keys a and b are equal but for '_' ("phonenumber"). */
static int
same_words(const char *a, const char *b)
{
	for (;;) {
		while (*a == '_')
			a++;
		while (*b == '_')
			b++;
		if (*a != *b)
			return 0;
		if (*a == '\0')
			return 1;
		a++;
		b++;
	}
}

int
patients_column(const char *name, enum phi_type *type,
    enum patients_part *part)
{
	char key[PATIENTS_COLKEY];
	size_t i, n;

	if (!column_key(name, key, sizeof(key)))
		return 0;
	/* A nested "name" is too often a facility's or a drug's. */
	if (strcmp(key, "name") == 0 && strpbrk(name, ".[") != NULL)
		return 0;
	/* the first byte first: this runs for every field of every record */
	for (i = 0; i < sizeof(columns) / sizeof(columns[0]); i++) {
		if (key[0] == columns[i].name[0] &&
		    same_words(key, columns[i].name)) {
			*type = columns[i].type;
			*part = columns[i].part;
			return 1;
		}
	}
	/* an age however named: age_at_visit, pt_age, AgeYrs */
	n = strlen(key);
	if (strncmp(key, "age_", 4) == 0 ||
	    (n > 4 && strcmp(key + n - 4, "_age") == 0)) {
		*type = PHI_AGE;
		*part = PATIENTS_PART_NONE;
		return 1;
	}
	return 0;
}

void
patients_set_init(struct patients_set *s)
{
	memset(s, 0, sizeof(*s));
}

static void
wipe_free(char *p)
{
	if (p == NULL)
		return;
	explicit_bzero(p, strlen(p));
	free(p);
}

void
patients_set_clear(struct patients_set *s)
{
	size_t i;

	for (i = 0; i < s->nids; i++)
		wipe_free(s->ids[i].value);
	for (i = 0; i < s->nnames; i++) {
		wipe_free(s->names[i].first);
		wipe_free(s->names[i].middle);
		wipe_free(s->names[i].last);
		wipe_free(s->names[i].canon);
	}
	s->nids = 0;
	s->nnames = 0;
	s->nfield = 0;
}

void
patients_set_release(struct patients_set *s)
{
	patients_set_clear(s);
	free(s->ids);
	free(s->names);
	free(s->field_type);
	free(s->field_name);
	patients_set_init(s);
}

/* A copy of v[0..n) with white space trimmed and collapsed to ' '. */
static char *
squeeze(const char *v, size_t n)
{
	char *out;
	size_t i, k = 0;
	int space = 0;

	out = malloc(n + 1);
	if (out == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		char c = v[i];

		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = k > 0;
			continue;
		}
		if (space)
			out[k++] = ' ';
		out[k++] = c;
		space = 0;
	}
	out[k] = '\0';
	return out;
}

static int
word_in(const char *w, size_t n, const char *const *list, size_t count)
{
	size_t i;

	while (n > 0 && w[n - 1] == '.')
		n--;
	for (i = 0; i < count; i++)
		if (strlen(list[i]) == n && strncasecmp(w, list[i], n) == 0)
			return 1;
	return 0;
}

/* The canonical form of a name: "First Last", or the part known. */
static int
make_canon(struct patients_name *nm)
{
	size_t f = strlen(nm->first), l = strlen(nm->last);

	nm->canon = malloc(f + l + 2);
	if (nm->canon == NULL)
		return ERR_NOMEM;
	memcpy(nm->canon, nm->first, f);
	nm->canon_len = f;
	if (f > 0 && l > 0)
		nm->canon[nm->canon_len++] = ' ';
	memcpy(nm->canon + nm->canon_len, nm->last, l);
	nm->canon_len += l;
	nm->canon[nm->canon_len] = '\0';
	return 0;
}

static int
same_name(const struct patients_name *a, const char *first,
    const char *last)
{
	return strcasecmp(a->first, first) == 0 &&
	    strcasecmp(a->last, last) == 0;
}

/*
 * Add a person (parts copied; NULL parts are "") unless one with the
 * same first and last name is there.  Returns its index, or -1 when it
 * is empty or the set is full, or ERR_NOMEM.
 */
static long
add_name(struct patients_set *s, const char *first, const char *middle,
    const char *last)
{
	struct patients_name *nm;
	size_t i;

	first = first != NULL ? first : "";
	middle = middle != NULL ? middle : "";
	last = last != NULL ? last : "";
	if (*first == '\0' && *last == '\0')
		return -1;
	for (i = 0; i < s->nnames; i++)
		if (same_name(&s->names[i], first, last))
			return (long)i;
	if (s->nnames >= PATIENTS_MAX_NAMES)
		return -1;
	if (s->nnames == s->capnames) {
		nm = realloc(s->names, PATIENTS_MAX_NAMES * sizeof(*nm));
		if (nm == NULL)
			return ERR_NOMEM;
		s->names = nm;
		s->capnames = PATIENTS_MAX_NAMES;
	}
	nm = &s->names[s->nnames];
	memset(nm, 0, sizeof(*nm));
	nm->first = strdup(first);
	nm->middle = strdup(middle);
	nm->last = strdup(last);
	if (nm->first == NULL || nm->middle == NULL || nm->last == NULL ||
	    make_canon(nm) != 0) {
		wipe_free(nm->first);
		wipe_free(nm->middle);
		wipe_free(nm->last);
		return ERR_NOMEM;
	}
	return (long)s->nnames++;
}

/* Add an identifier (copied) unless it is there already, any case. */
static int
add_id(struct patients_set *s, enum phi_type type, const char *v, size_t n)
{
	struct patients_id *id;
	size_t i;

	if (n == 0 || n > PATIENTS_MAX_VALUE)
		return 0;
	for (i = 0; i < s->nids; i++)
		if (s->ids[i].type == type && s->ids[i].len == n &&
		    strncasecmp(s->ids[i].value, v, n) == 0)
			return 0;
	if (s->nids >= PATIENTS_MAX_IDS)
		return 0;
	if (s->nids == s->capids) {
		size_t cap = s->capids ? s->capids * 2 : 8;

		id = realloc(s->ids, cap * sizeof(*id));
		if (id == NULL)
			return ERR_NOMEM;
		s->ids = id;
		s->capids = cap;
	}
	id = &s->ids[s->nids];
	id->value = malloc(n + 1);
	if (id->value == NULL)
		return ERR_NOMEM;
	memcpy(id->value, v, n);
	id->value[n] = '\0';
	id->type = type;
	id->len = n;
	s->nids++;
	return 0;
}

/* The words of a squeezed name, titles and suffixes left out. */
struct words {
	const char *w[16];
	size_t n[16];
	size_t count;
};

static void
split_words(const char *s, struct words *ws)
{
	ws->count = 0;
	s += strspn(s, " \t");
	while (*s != '\0' && ws->count < 16) {
		size_t n = strcspn(s, " \t");

		if (!(ws->count == 0 && word_in(s, n, titles,
		    sizeof(titles) / sizeof(titles[0])))) {
			ws->w[ws->count] = s;
			ws->n[ws->count++] = n;
		}
		s += n;
		s += strspn(s, " \t");
	}
	if (ws->count > 2 && word_in(ws->w[ws->count - 1],
	    ws->n[ws->count - 1], suffixes,
	    sizeof(suffixes) / sizeof(suffixes[0])))
		ws->count--;
}

/* A copy of words [a, b) of ws joined by spaces, trailing ',' dropped. */
static char *
join_words(const struct words *ws, size_t a, size_t b)
{
	const char *from, *to;

	if (a >= b)
		return strdup("");
	from = ws->w[a];
	to = ws->w[b - 1] + ws->n[b - 1];
	while (to > from && to[-1] == ',')
		to--;
	return squeeze(from, (size_t)(to - from));
}

/*
 * Split a full name: "Last, First Middle" when it has a comma, else
 * "First Middle Last"; one word is a surname.  Returns the person's
 * index as add_name does.
 */
static long
add_full_name(struct patients_set *s, const char *v)
{
	struct words ws;
	char *first = NULL, *middle = NULL, *last = NULL;
	const char *comma = strchr(v, ',');
	long r = ERR_NOMEM;

	if (comma != NULL) {
		char *l = squeeze(v, (size_t)(comma - v));

		split_words(comma + 1, &ws);
		if (l == NULL)
			return ERR_NOMEM;
		last = l;
		first = ws.count > 0 ? join_words(&ws, 0, 1) : strdup("");
		middle = join_words(&ws, ws.count > 0 ? 1 : 0, ws.count);
	} else {
		split_words(v, &ws);
		if (ws.count == 0)
			return -1;
		last = join_words(&ws, ws.count - 1, ws.count);
		first = join_words(&ws, 0, ws.count > 1 ? 1 : 0);
		middle = join_words(&ws, ws.count > 2 ? 1 : 0,
		    ws.count > 2 ? ws.count - 1 : 0);
	}
	if (first != NULL && middle != NULL && last != NULL)
		r = add_name(s, first, middle, last);
	wipe_free(first);
	wipe_free(middle);
	wipe_free(last);
	return r;
}

/* How the engine treats column name: its identifier type, if any. */
static int
column_kind(const struct policy *p, const char *name, enum phi_type *type,
    enum patients_part *part)
{
	enum policy_role role = POLICY_COL_TEXT;
	enum phi_type t = PHI_OTHER_ID;

	if (p != NULL)
		role = policy_column(p, name, &t);
	if (role == POLICY_COL_TYPED) {
		if (patients_column(name, type, part) && *type == t)
			return 1;
		*type = t;
		*part = t == PHI_NAME ? PATIENTS_PART_FULL :
		    PATIENTS_PART_NONE;
		return 1;
	}
	if (p != NULL && policy_has_columns(p) && role != POLICY_COL_DROP)
		return 0;
	return patients_column(name, type, part);
}

static int
grow_fields(struct patients_set *s, size_t n)
{
	int *a, *b;

	if (n <= s->capfield)
		return 0;
	a = realloc(s->field_type, n * sizeof(*a));
	if (a == NULL)
		return ERR_NOMEM;
	s->field_type = a;
	b = realloc(s->field_name, n * sizeof(*b));
	if (b == NULL)
		return ERR_NOMEM;
	s->field_name = b;
	s->capfield = n;
	return 0;
}

/* Whether s[0..n) is UTF-8 with no NUL byte. */
static int
utf8_ok(const char *s, size_t n)
{
	int32_t i = 0, len;
	UChar32 ch;

	if (n > INT32_MAX || memchr(s, '\0', n) != NULL)
		return 0;
	len = (int32_t)n;
	while (i < len) {
		U8_NEXT(s, i, len, ch);
		if (ch < 0)
			return 0;
	}
	return 1;
}

/*
 * The squeezed value of field f, or NULL when empty, null, too long or
 * not UTF-8 (nothing could match it in text that the engine accepts).
 */
static char *
field_value(const struct field *f)
{
	char *v;

	if (f->len == 0 || f->len > PATIENTS_MAX_VALUE ||
	    !utf8_ok(f->value, f->len))
		return NULL;
	if (!f->scan && (strcmp(f->value, "null") == 0 ||
	    strcmp(f->value, "true") == 0 || strcmp(f->value, "false") == 0))
		return NULL;
	v = squeeze(f->value, f->len);
	if (v != NULL && *v == '\0') {
		free(v);
		return NULL;
	}
	return v;
}

/* The first non-empty first, middle and last name fields, as a person. */
static long
parts_person(struct patients_set *s, const struct record *rec,
    const enum patients_part *parts)
{
	char *v[3] = { NULL, NULL, NULL };
	size_t i;
	long r;

	for (i = 0; i < rec->nfields; i++) {
		int k = parts[i] == PATIENTS_PART_FIRST ? 0 :
		    parts[i] == PATIENTS_PART_MIDDLE ? 1 :
		    parts[i] == PATIENTS_PART_LAST ? 2 : -1;

		if (k >= 0 && v[k] == NULL)
			v[k] = field_value(&rec->fields[i]);
	}
	r = add_name(s, v[0], v[1], v[2]);
	for (i = 0; i < 3; i++)
		wipe_free(v[i]);
	return r;
}

/* Record field i's identifier in s (the per-field table is ready). */
static int
collect_field(struct patients_set *s, const struct field *f, size_t i,
    enum phi_type type, enum patients_part part, long person)
{
	char *v = field_value(f);
	long k;
	int r = 0;

	if (v == NULL)
		return 0;
	if (type == PHI_AGE && !patients_old_age(v, strlen(v))) {
		wipe_free(v);
		return 0;
	}
	s->field_type[i] = (int)type;
	if (part == PATIENTS_PART_FULL) {
		k = add_full_name(s, v);
		if (k >= 0)
			s->field_name[i] = (int)k;
		r = k == ERR_NOMEM ? ERR_NOMEM : 0;
	} else if (part != PATIENTS_PART_NONE) {
		s->field_name[i] = (int)person;
	} else if (type != PHI_AGE) {
		/* "97" is not looked for in the notes ("HR 97") */
		r = add_id(s, type, v, strlen(v));
	}
	wipe_free(v);
	return r;
}

int
patients_collect(struct patients_set *s, const struct policy *policy,
    const struct record *rec)
{
	enum patients_part *parts;
	enum phi_type *types;
	size_t i;
	long person;
	int r = ERR_NOMEM;

	patients_set_clear(s);
	if (grow_fields(s, rec->nfields ? rec->nfields : 1) != 0)
		return ERR_NOMEM;
	parts = calloc(rec->nfields ? rec->nfields : 1, sizeof(*parts));
	types = calloc(rec->nfields ? rec->nfields : 1, sizeof(*types));
	if (parts == NULL || types == NULL)
		goto out;
	s->nfield = rec->nfields;
	for (i = 0; i < rec->nfields; i++) {
		s->field_type[i] = PHI_NTYPES;
		s->field_name[i] = -1;
		if (!column_kind(policy, rec->fields[i].name, &types[i],
		    &parts[i]))
			types[i] = PHI_NTYPES;
	}
	person = parts_person(s, rec, parts);
	r = person == ERR_NOMEM ? ERR_NOMEM : 0;
	for (i = 0; r == 0 && i < rec->nfields; i++)
		if (types[i] != PHI_NTYPES)
			r = collect_field(s, &rec->fields[i], i, types[i],
			    parts[i], person);
out:
	free(parts);
	free(types);
	return r;
}

int
patients_old_age(const char *v, size_t len)
{
	unsigned long n = 0;
	size_t i = 0;

	while (i < len && (v[i] < '0' || v[i] > '9'))
		i++;
	if (i == len)
		return 0;
	for (; i < len && v[i] >= '0' && v[i] <= '9' && n < 1000; i++)
		n = n * 10 + (unsigned long)(v[i] - '0');
	return n >= 90;
}

const char *
patients_field_canon(const struct patients_set *s, size_t i, size_t *len)
{
	int k;

	if (i >= s->nfield || s->field_name[i] < 0 ||
	    (size_t)s->field_name[i] >= s->nnames)
		return NULL;
	k = s->field_name[i];
	*len = s->names[k].canon_len;
	return s->names[k].canon;
}

struct patients *
patients_new(void)
{
	struct patients *t;

	t = calloc(1, sizeof(*t));
	if (t == NULL)
		return NULL;
	t->v = calloc(PATIENTS_MIN_SLOTS, sizeof(*t->v));
	if (t->v == NULL) {
		free(t);
		return NULL;
	}
	t->nslots = PATIENTS_MIN_SLOTS;
	return t;
}

void
patients_free(struct patients *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nslots; i++) {
		if (t->v[i].pid == NULL)
			continue;
		wipe_free(t->v[i].pid);
		patients_set_release(&t->v[i].set);
	}
	free(t->v);
	free(t);
}

size_t
patients_count(const struct patients *t)
{
	return t->n;
}

/* FNV-1a. */
static size_t
hash(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(1099511628211);
	}
	return (size_t)h;
}

/* The slot of pid, or the free slot where it would go. */
static struct patients_entry *
slot(const struct patients_entry *v, size_t nslots, const char *pid)
{
	size_t i = hash(pid) & (nslots - 1);

	while (v[i].pid != NULL && strcmp(v[i].pid, pid) != 0)
		i = (i + 1) & (nslots - 1);
	return (struct patients_entry *)(uintptr_t)&v[i];
}

static int
grow(struct patients *t)
{
	struct patients_entry *nv;
	size_t i, n = t->nslots * 2;

	nv = calloc(n, sizeof(*nv));
	if (nv == NULL)
		return ERR_NOMEM;
	for (i = 0; i < t->nslots; i++)
		if (t->v[i].pid != NULL)
			*slot(nv, n, t->v[i].pid) = t->v[i];
	free(t->v);
	t->v = nv;
	t->nslots = n;
	return 0;
}

const struct patients_set *
patients_find(const struct patients *t, const char *patient_id)
{
	const struct patients_entry *e;

	if (t == NULL || patient_id == NULL)
		return NULL;
	e = slot(t->v, t->nslots, patient_id);
	return e->pid != NULL ? &e->set : NULL;
}

static int
merge(struct patients_set *dst, const struct patients_set *src)
{
	size_t i;
	int r = 0;

	for (i = 0; r == 0 && i < src->nnames; i++)
		if (add_name(dst, src->names[i].first, src->names[i].middle,
		    src->names[i].last) == ERR_NOMEM)
			r = ERR_NOMEM;
	for (i = 0; r == 0 && i < src->nids; i++)
		r = add_id(dst, src->ids[i].type, src->ids[i].value,
		    src->ids[i].len);
	return r;
}

int
patients_add(struct patients *t, const char *patient_id,
    const struct patients_set *set)
{
	struct patients_entry *e;

	if (set->nids == 0 && set->nnames == 0)
		return 0;
	if ((t->n + 1) * 2 > t->nslots && grow(t) != 0)
		return ERR_NOMEM;
	e = slot(t->v, t->nslots, patient_id);
	if (e->pid == NULL) {
		e->pid = strdup(patient_id);
		if (e->pid == NULL)
			return ERR_NOMEM;
		patients_set_init(&e->set);
		t->n++;
	}
	return merge(&e->set, set);
}

static int
read_fail(char *err, size_t errlen, const char *path,
    unsigned long long number, const char *why, int code)
{
	if (number > 0)
		(void)snprintf(err, errlen, "'%s': record %llu: %s", path,
		    number, why);
	else
		(void)snprintf(err, errlen, "'%s': %s", path, why);
	return code;
}

/*
 * Whether every value of rec, and its patient id, is UTF-8: a roster's
 * row that is not is refused whole, not read in part.
 */
static int
record_utf8_ok(const struct record *rec)
{
	size_t i;

	for (i = 0; i < rec->nfields; i++)
		if (!utf8_ok(rec->fields[i].value, rec->fields[i].len))
			return 0;
	return rec->patient_id == NULL ||
	    utf8_ok(rec->patient_id, strlen(rec->patient_id));
}

/* Whether any column of rec is an identifier column. */
static int
any_id_column(const struct policy *policy, const struct record *rec)
{
	enum patients_part part;
	enum phi_type type;
	size_t i;

	for (i = 0; i < rec->nfields; i++)
		if (column_kind(policy, rec->fields[i].name, &type, &part))
			return 1;
	return 0;
}

/*
 * JSONL records parsed at once by the first pass's threads, and the
 * most threads it starts per batch (each batch starts and joins its
 * own, which a batch of this size makes cheap next to the parsing).
 */
#define FIRST_BATCH 512
#define FIRST_THREADS 8

/*
 * A batch also closes once its lines hold this many bytes, so that long
 * records are not held hundreds at a time.
 */
#define FIRST_BATCH_BYTES (8u << 20)

/* One batch of the threaded first pass (JSONL, not strict). */
struct first_batch {
	struct record recs[FIRST_BATCH];
	struct patients_set sets[FIRST_BATCH];
	int status[FIRST_BATCH];	/* reader_next's, then the parse's */
	int collected[FIRST_BATCH];	/* patients_collect's, when run */
	char why[FIRST_BATCH][128];
	size_t n;
	const struct policy *policy;
	size_t max_record;
	unsigned nthreads;
};

struct first_job {
	struct first_batch *b;
	struct reader_firstpass *fp;
	unsigned k;
	int started;		/* tid runs it */
	pthread_t tid;
};

/* Parse and collect records k, k + nthreads, ... of the batch. */
static void *
first_work(void *arg)
{
	struct first_job *j = arg;
	struct first_batch *b = j->b;
	struct record *rec;
	size_t i;

	for (i = j->k; i < b->n; i += b->nthreads) {
		rec = &b->recs[i];
		b->collected[i] = 0;
		if (b->status[i] <= 0)
			continue;
		b->why[i][0] = '\0';
		b->status[i] = reader_firstpass_parse(j->fp, rec,
		    b->max_record, PATIENTS_MAX_VALUE, b->why[i],
		    sizeof(b->why[i]));
		if (b->status[i] > 0 && rec->patient_id != NULL &&
		    *rec->patient_id != '\0')
			b->collected[i] = patients_collect(&b->sets[i],
			    b->policy, rec);
	}
	return NULL;
}

/* Run first_work on nthreads threads (this one among them). */
static void
first_run(struct first_batch *b, struct first_job *jobs)
{
	unsigned k;

	for (k = 0; k < b->nthreads; k++) {
		jobs[k].b = b;
		jobs[k].k = k;
		jobs[k].started = k > 0 && pthread_create(&jobs[k].tid, NULL,
		    first_work, &jobs[k]) == 0;
	}
	for (k = 0; k < b->nthreads; k++) {
		if (jobs[k].started)
			(void)pthread_join(jobs[k].tid, NULL);
		else
			(void)first_work(&jobs[k]);
	}
}

/* Add batch b's records in order, as the one-thread loop would. */
static int
first_add(struct patients *t, struct first_batch *b, const char *path,
    size_t *used, char *err, size_t errlen)
{
	struct record *rec;
	size_t i;
	int r;

	for (i = 0; i < b->n; i++) {
		rec = &b->recs[i];
		r = b->status[i];
		if (r == ERR_IO || r == ERR_NOMEM)
			return read_fail(err, errlen, path, rec->number,
			    b->why[i], r);
		if (r < 0 || rec->patient_id == NULL ||
		    *rec->patient_id == '\0')
			continue;
		r = b->collected[i];
		if (r == 0)
			r = patients_add(t, rec->patient_id, &b->sets[i]);
		if (r != 0)
			return read_fail(err, errlen, path, rec->number,
			    err_str(r), r);
		*used += b->sets[i].nids + b->sets[i].nnames > 0;
	}
	return 0;
}

/*
 * Fill b from rd.  Returns 1 when the input may hold more, 0 at its
 * end (or after an error, which the record's status holds).
 */
static int
first_fill(struct reader *rd, struct first_batch *b)
{
	size_t bytes = 0;
	int r;

	for (b->n = 0; b->n < FIRST_BATCH && bytes < FIRST_BATCH_BYTES;
	    b->n++) {
		r = reader_next(rd, &b->recs[b->n]);
		if (r == 0)
			return 0;
		bytes += b->recs[b->n].raw_len;
		b->status[b->n] = r;
		if (r < 0)
			(void)snprintf(b->why[b->n], sizeof(b->why[b->n]),
			    "%s", reader_error(rd));
		if (r == ERR_IO || r == ERR_NOMEM) {
			b->n++;
			return 0;
		}
	}
	return 1;
}

static void
first_free(struct first_batch *b, struct first_job *jobs)
{
	size_t i;

	for (i = 0; b != NULL && i < FIRST_BATCH; i++) {
		patients_set_release(&b->sets[i]);
		record_release(&b->recs[i]);
	}
	for (i = 0; b != NULL && jobs != NULL && i < b->nthreads; i++)
		reader_firstpass_free(jobs[i].fp);
	free(b);
	free(jobs);
}

/* A batch and its jobs, each with its own parser state; NULL: no memory. */
static struct first_batch *
first_new(const struct policy *policy, size_t max_record, unsigned nthreads,
    struct first_job **jobs)
{
	struct first_batch *b;
	size_t i;
	int ok;

	b = calloc(1, sizeof(*b));
	*jobs = calloc(FIRST_THREADS, sizeof(**jobs));
	ok = b != NULL && *jobs != NULL;
	if (b != NULL) {
		b->policy = policy;
		b->max_record = max_record;
		b->nthreads = nthreads == 0 ? 1 : nthreads < FIRST_THREADS ?
		    nthreads : FIRST_THREADS;
		for (i = 0; i < FIRST_BATCH; i++) {
			record_init(&b->recs[i]);
			patients_set_init(&b->sets[i]);
		}
	}
	for (i = 0; ok && i < b->nthreads; i++) {
		(*jobs)[i].fp = reader_firstpass_new();
		ok = (*jobs)[i].fp != NULL;
	}
	if (!ok) {
		first_free(b, *jobs);
		return NULL;
	}
	return b;
}

/*
 * The first pass over a JSONL input (not a roster) on nthreads threads,
 * one included.
 */
static int
read_threaded(struct patients *t, struct reader *rd, const char *path,
    const struct policy *policy, size_t max_record, unsigned nthreads,
    char *err, size_t errlen)
{
	struct first_batch *b;
	struct first_job *jobs;
	size_t used = 0;
	int more = 1, r = 0;

	b = first_new(policy, max_record, nthreads, &jobs);
	if (b == NULL)
		return read_fail(err, errlen, path, 0, "out of memory",
		    ERR_NOMEM);
	reader_defer(rd);
	while (more && r == 0) {
		more = first_fill(rd, b);
		first_run(b, jobs);
		r = first_add(t, b, path, &used, err, errlen);
	}
	first_free(b, jobs);
	return r;
}

int
patients_read(struct patients *t, FILE *fp, const char *path,
    enum record_format format, const struct policy *policy,
    size_t max_record, int strict, char *err, size_t errlen)
{
	return patients_read_threads(t, fp, path, format, policy,
	    max_record, strict, 1, err, errlen);
}

int
patients_read_threads(struct patients *t, FILE *fp, const char *path,
    enum record_format format, const struct policy *policy,
    size_t max_record, int strict, unsigned nthreads, char *err,
    size_t errlen)
{
	struct patients_set s;
	struct record rec;
	struct reader *rd;
	size_t used = 0;
	int r;

	rd = reader_new(fp, path, format, max_record);
	if (rd == NULL)
		return read_fail(err, errlen, path, 0, "out of memory",
		    ERR_NOMEM);
	if (format == RECORD_JSONL && !strict) {
		r = read_threaded(t, rd, path, policy, max_record, nthreads,
		    err, errlen);
		reader_free(rd);
		return r;
	}
	record_init(&rec);
	patients_set_init(&s);
	while ((r = reader_next(rd, &rec)) != 0) {
		if (r == ERR_IO || r == ERR_NOMEM || (r < 0 && strict)) {
			r = read_fail(err, errlen, path, rec.number,
			    reader_error(rd), r);
			break;
		}
		if (r > 0 && strict && !record_utf8_ok(&rec)) {
			r = read_fail(err, errlen, path, rec.number,
			    "not valid UTF-8 or holds a NUL byte", ERR_UTF8);
			break;
		}
		/* CSV columns are the header's: none, none in any row */
		if (r > 0 && format == RECORD_CSV && !any_id_column(policy,
		    &rec)) {
			r = 0;
			break;
		}
		if (r < 0 || rec.patient_id == NULL || *rec.patient_id == '\0')
			continue;
		r = patients_collect(&s, policy, &rec);
		if (r == 0)
			r = patients_add(t, rec.patient_id, &s);
		if (r != 0) {
			r = read_fail(err, errlen, path, rec.number,
			    err_str(r), r);
			break;
		}
		used += s.nids + s.nnames > 0;
	}
	if (r == 0 && strict && used == 0)
		r = read_fail(err, errlen, path, 0, "no record with a "
		    "patient_id and identifier columns", ERR_USAGE);
	patients_set_release(&s);
	record_release(&rec);
	reader_free(rd);
	return r;
}
