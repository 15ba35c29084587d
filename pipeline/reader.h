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
 * after it); ERR_IO or ERR_NOMEM when the stream cannot go on (every
 * later call returns 0).  A rejected record keeps only its number.
 * Errors about the whole input have number 0 and end the stream: empty
 * input (zero bytes, or only a BOM for CSV and JSONL) gives ERR_PARSE
 * "input is empty" once, then 0; so does a CSV header that is missing,
 * malformed or too big, and ERR_USAGE a header that the check set by
 * reader_check_header refused.
 *
 * Records by format (field values are also NUL-terminated):
 * - text: number 1, id = path, one field "text" with every byte.
 * - jsonl: number = line number (blank lines count, and are skipped);
 *   id = the "id" member (string, or a number printed in decimal),
 *   else the line number; patient_id likewise from "patient_id".  One
 *   field per string value, depth first: a top-level member is named
 *   by its key, a nested one by its path ("meta.author", "notes[2]").
 *   field->node is the json_t string; a leading BOM is skipped.
 * - csv: number = data row number; fields named by the header, all
 *   scan = 1; id = the first column named id, row_id, note_id or
 *   document_id (any case) when not empty, else the row number;
 *   patient_id from patient_id, subject_id or person_id.
 */
int reader_next(struct reader *r, struct record *rec);

/*
 * reader_defer - JSONL only (a no-op for other formats): from now on
 * reader_next does not parse a line but hands its bytes over in
 * rec->raw (rec->number set, no fields), so that reader_parse can
 * parse it in another thread.  Lines over max_record and blank lines
 * are still dealt with by reader_next.
 */
void reader_defer(struct reader *r);

/*
 * reader_parse - parse the line reader_next left in rec->raw, as
 * reader_next would have, with the same max_record.  Touches nothing
 * but rec, so any thread may call it.  Returns 1 (also when rec holds
 * no unparsed line), or ERR_PARSE, ERR_UTF8, ERR_TOOBIG or ERR_NOMEM
 * with the reason, which never quotes input, in why (whylen bytes);
 * a rejected record keeps only its number.  The line's bytes are wiped.
 */
int reader_parse(struct record *rec, size_t max_record, char *why,
    size_t whylen);

/*
 * A judge of a CSV header: names[0..n) are the column names (valid
 * UTF-8).  Returns 0 to accept them, or non-zero to refuse the input,
 * with the reason in why (whylen bytes), which must never quote a name.
 */
typedef int reader_header_fn(void *arg, const char *const *names,
    size_t n, char *why, size_t whylen);

/*
 * reader_check_header - CSV only (a no-op for other formats): have fn
 * judge the header before any row is handed out, since the header's
 * names are written out and may be a note's first line read as CSV.
 * When fn refuses, reader_next returns ERR_USAGE with number 0 and
 * fn's reason as reader_error, and the stream ends.  arg is fn's.
 */
void reader_check_header(struct reader *r, reader_header_fn *fn, void *arg);

/*
 * reader_error - why the last call failed: a static or reader-owned
 * string that never quotes input ("row has 5 fields, header has 6").
 */
const char *reader_error(const struct reader *r);

/*
 * reader_header - CSV only: the header's column names, in order, and
 * their count in *n (owned by the reader, valid until reader_free).
 * NULL and *n = 0 for other formats, and until reader_next has read the
 * header (its first call).
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
