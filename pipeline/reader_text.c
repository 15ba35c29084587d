/* reader_text.c - a whole stream as one document with one field. */
#include <stddef.h>

#include "err.h"
#include "reader.h"
#include "reader_int.h"

/* Read to the end, keeping at most max_record bytes. */
static int
slurp(struct reader *r, int *toobig)
{
	size_t n;
	int rc;

	*toobig = 0;
	for (;;) {
		rc = reader_fill(r);
		if (rc <= 0)
			return rc;
		n = r->in_len - r->in_pos;
		if (!*toobig) {
			rc = reader_buf_append(&r->line, r->in + r->in_pos, n);
			if (rc == ERR_TOOBIG) {
				*toobig = 1;
				reader_buf_clear(&r->line);
			} else if (rc != 0) {
				return rc;
			}
		}
		r->in_pos = r->in_len;
	}
}

int
reader_text_next(struct reader *r, struct record *rec)
{
	int rc, toobig;

	if (r->number > 0)
		return 0;
	r->number = 1;
	rec->number = 1;

	rc = slurp(r, &toobig);
	if (rc < 0)
		goto out;
	if (toobig) {
		reader_set_error(r, "document is larger than the record limit");
		rc = ERR_TOOBIG;
		goto out;
	}

	rc = record_set_id(rec, r->path);
	if (rc == 0)
		rc = record_add_field(rec, "text", r->line.p, r->line.len);
	if (rc == 0)
		rc = 1;

out:
	reader_buf_clear(&r->line);
	return rc;
}
