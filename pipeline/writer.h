/*
 * writer.h - write records back in their input format.
 *
 * Each field is written as its transformed value (field.out) when it has
 * one, else as the original; fields marked drop are left out (CSV: the
 * column goes from the header too).  JSONL keeps the object's key order;
 * CSV quotes a field when it needs it and keeps CRLF and the BOM when the
 * input had them; text writes the document's bytes as they are.
 */
#ifndef VEIL_WRITER_H
#define VEIL_WRITER_H

#include <stdio.h>

#include "buf.h"
#include "record.h"

struct writer;

/*
 * writer_new - write records of the given format to fp (owned by the
 * caller).  Returns NULL when out of memory.
 */
struct writer *writer_new(FILE *fp, enum record_format format);

/*
 * writer_free - free the writer (fp is not closed); NULL is allowed.
 */
void writer_free(struct writer *w);

/*
 * writer_csv_layout - CSV only: set before the first record.  crlf and
 * bom as reported by the reader.  The header row is written with the
 * first record, from that record's non-dropped field names.
 */
void writer_csv_layout(struct writer *w, int crlf, int bom);

/*
 * writer_put - write one record.  Returns 0, ERR_IO, ERR_NOMEM, or
 * ERR_UTF8 when a JSONL output value is not valid UTF-8.  A record from
 * the JSONL reader is rendered from its JSON tree, which this changes in
 * place: each field's out replaces its string and dropped members are
 * deleted (once; writing the record again gives the same line).  Other
 * JSONL records are written as one flat object of their fields.  After
 * ERR_IO every later call returns ERR_IO.
 */
int writer_put(struct writer *w, const struct record *rec);

/*
 * writer_render - append to out the bytes writer_put would write for
 * rec, without the CSV header row: the work of writing, done apart
 * from the stream so that worker threads can do it.  crlf: CSV rows
 * end with CRLF.  A JSONL reader's record has its tree changed as
 * writer_put says.  Touches only rec and out: any thread may call it.
 * Returns 0, ERR_UTF8 (a JSONL output value is not valid UTF-8),
 * ERR_NOMEM or ERR_TOOBIG (out is full).
 */
int writer_render(enum record_format format, int crlf,
    const struct record *rec, struct buf *out);

/*
 * writer_put_rendered - write the n bytes at p that writer_render made
 * for rec; for the first CSV record the header row goes first, from
 * rec's names (as writer_put does).  Returns 0 or ERR_IO.
 */
int writer_put_rendered(struct writer *w, const struct record *rec,
    const char *p, size_t n);

/*
 * writer_finish - write anything pending and flush.  For CSV, when no
 * record came, header (n names, already without dropped columns) is
 * written as the header row; header may be NULL.  Returns 0 or ERR_IO
 * (a write or the flush failed, e.g. a full disk).
 */
int writer_finish(struct writer *w, const char *const *header, size_t n);

#endif
