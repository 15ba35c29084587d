/*
 * reader.h - read records from one input stream: text, JSONL or CSV.
 *
 * Memory is bounded by the largest record: a reader holds one record at
 * a time plus a fixed-size input buffer.  A record over max_record bytes
 * is rejected (ERR_TOOBIG) and skipped; the stream goes on.
 */
#ifndef VEIL_READER_H
#define VEIL_READER_H

#include <stdio.h>

#include "record.h"

struct reader;

/*
 * reader_new - read records of the given format from fp, which stays
 * owned by the caller.  path names the input (the id of a text document;
 * "-" for standard input).  max_record caps one record's size in bytes.
 * Returns NULL when out of memory.
 */
struct reader *reader_new(FILE *fp, const char *path,
    enum record_format format, size_t max_record);

/*
 * reader_free - free the reader; NULL is allowed.
 */
void reader_free(struct reader *r);

/*
 * reader_next - read the next record into rec (released first).
 * Returns 1 when a record was read; 0 at the end of input; ERR_PARSE,
 * ERR_UTF8 or ERR_TOOBIG when this record is malformed and is rejected
 * (rec->number says which one; the next call goes on with the record
 * after it); ERR_IO or ERR_NOMEM when the stream cannot go on.
 */
int reader_next(struct reader *r, struct record *rec);

/*
 * reader_error - why the last call failed: a static or reader-owned
 * string that never quotes input ("row has 5 fields, header has 6").
 */
const char *reader_error(const struct reader *r);

/*
 * reader_header - CSV only: the header's column names, in order, and
 * their count in *n.  NULL for other formats or before the first record.
 */
const char *const *reader_header(const struct reader *r, size_t *n);

/*
 * reader_csv_crlf / reader_csv_bom - CSV only: whether the input used
 * CRLF line ends, and whether it began with a UTF-8 byte order mark, so
 * the writer can keep both.
 */
int reader_csv_crlf(const struct reader *r);
int reader_csv_bom(const struct reader *r);

#endif
