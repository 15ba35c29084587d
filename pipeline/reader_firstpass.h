/*
 * reader_firstpass.h - a cheap parse of a JSONL line for the first pass
 * over an input (patients.c), which wants each record's patient id and
 * short values, not its note text.
 *
 * The line is read by yajl's event parser, which passes over strings
 * far faster than jansson builds its tree, and only the fields that can
 * give a patient identifier are made.  It accepts exactly the lines
 * that reader_parse accepts: a line holding anything the two parsers
 * might read differently (a \u escape, a control byte, bytes that are
 * not strict UTF-8, a number jansson refuses, deep nesting, an object
 * of many keys, a size near the record limit), or one yajl refuses, is
 * handed to reader_parse, which decides.
 */
#ifndef VEIL_READER_FIRSTPASS_H
#define VEIL_READER_FIRSTPASS_H

#include <stddef.h>

#include "record.h"

struct reader_firstpass;

/*
 * reader_firstpass_new - the state of one thread's parses.  NULL when
 * out of memory.  reader_firstpass_free wipes and frees; NULL is
 * allowed.
 */
struct reader_firstpass *reader_firstpass_new(void);
void reader_firstpass_free(struct reader_firstpass *fp);

/*
 * reader_firstpass_parse - reader_parse for the first pass: parse the
 * raw JSONL line of rec (a deferred record, see reader_defer) and wipe
 * it.  Returns 1 for a line reader_parse accepts, else its negative
 * ERR_* with its message in why; ERR_NOMEM may also come from here.
 * When 1, rec's patient id is reader_parse's, but when yajl read the
 * line rec has no document id and its only fields are its strings of 1
 * to max_value bytes and its numbers, named and ordered as reader_parse
 * does (a longer or empty string, true, false and null make none, as
 * none of them can be an identifier); when jansson read it, rec is
 * what reader_parse makes.
 */
int reader_firstpass_parse(struct reader_firstpass *fp, struct record *rec,
    size_t max_record, size_t max_value, char *why, size_t whylen);

/*
 * reader_firstpass_fallbacks - how many lines fp has handed to
 * reader_parse (for tests).
 */
size_t reader_firstpass_fallbacks(const struct reader_firstpass *fp);

#endif
