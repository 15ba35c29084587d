/*
 * recog_check.h - the scaffolding every recognizer test shares: one
 * recognizer set up for a suite, a value scanned and resolved into
 * spans, and non-fatal assertions that name the failing case.
 *
 * A test binary checks one recognizer at a time: the state lives in
 * this module between recog_check_setup() and recog_check_teardown().
 */
#ifndef VEIL_RECOG_CHECK_H
#define VEIL_RECOG_CHECK_H

#include <stddef.h>

#include <CUnit/CUnit.h>

#include "phitype.h"
#include "recognizer.h"
#include "spans.h"

/* One expected span at a known place: view offset, text, rule name. */
struct recog_at {
	size_t start;
	const char *value;
	const char *name;
};

/* One expected span found by its text in the view, and its type. */
struct recog_in {
	const char *value;
	enum phi_type type;
};

/* The most spans one table case may expect. */
#define RECOG_MAX_WANT	4

/* A value and the spans it gives at known places (ends at NULL value). */
struct recog_at_case {
	const char *in;
	struct recog_at want[RECOG_MAX_WANT];
};

/* A value and the spans found by their text (ends at NULL value). */
struct recog_in_case {
	const char *in;
	struct recog_in want[RECOG_MAX_WANT];
};

/* A value and the texts of its spans, all of one type (ends at NULL). */
struct recog_str_case {
	const char *in;
	const char *want[RECOG_MAX_WANT];
};

/*
 * recog_check_setup - make the text and spans and init r; for use in a
 * CUnit suite's init function.  Returns 0, or -1 on failure.
 */
int recog_check_setup(const struct recognizer_ops *r);

/*
 * recog_check_main - run, through harness_run(), one suite called name
 * (the recognizer's own name) whose init sets r up as
 * recog_check_setup does and whose cleanup tears it down, with the tests
 * of the array ending in CU_TEST_INFO_NULL.  Returns the exit status.
 */
int recog_check_main(const char *name, const struct recognizer_ops *r,
    CU_TestInfo *tests);

/*
 * recog_check_teardown - fini the recognizer and free what
 * recog_check_setup made; safe after a failed setup.  Returns 0.
 */
int recog_check_teardown(void);

/*
 * recog_check_scan - clear the spans, set the text to in, scan it with
 * the recognizer and resolve the spans.  Returns the scan's status.
 */
int recog_check_scan(const char *in);

/* recog_check_spans - the resolved spans of the last scan. */
struct spans *recog_check_spans(void);

/*
 * recog_check_first - scan in and assert (fatally) that the scan
 * succeeds and gives n spans.  Returns the first span, or NULL when n
 * is 0.
 */
const struct span *recog_check_first(const char *in, size_t n);

/*
 * recog_check_ranked - assert that hi and lo each give one span and
 * that hi's score is above lo's, with lo's above 0 and hi's at most 1.
 */
void recog_check_ranked(const char *hi, const char *lo);

/*
 * recog_check_repeat - scan unit repeated times times and assert that
 * it gives times spans, the k-th at view bytes start to end past the
 * k-th copy's offset.
 */
void recog_check_repeat(const char *unit, size_t times, size_t start,
    size_t end);

/*
 * recog_check_assert - a non-fatal CUnit assertion of ok whose message
 * names case in, span i and what was checked.  Returns ok.
 */
int recog_check_assert(int ok, const char *in, size_t i, const char *what);

/*
 * recog_check_count - scan in (fatal if the scan fails) and assert that
 * it gave n spans.  Returns whether it did.
 */
int recog_check_count(const char *in, size_t n);

/*
 * recog_check_exact - assert that span i of the last scan of in starts
 * at view offset start, holds value, has type and was made by the
 * recognizer rule name.  Returns whether every check held.
 */
int recog_check_exact(const char *in, size_t i, size_t start,
    const char *value, enum phi_type type, const char *name);

/*
 * recog_check_found - assert that value occurs in the view at or after
 * *from and that span i of the last scan of in covers exactly its first
 * such place with type.  On success *from moves to the span's end.
 * Returns whether every check held.
 */
int recog_check_found(const char *in, size_t i, const char *value,
    enum phi_type type, size_t *from);

/*
 * recog_check_at_cases - for each of the n cases, scan its value and
 * assert that it gives exactly the expected spans, each as
 * recog_check_exact checks it with type; a case stops at its first
 * failure.
 */
void recog_check_at_cases(const struct recog_at_case *cases, size_t n,
    enum phi_type type);

/*
 * recog_check_in_cases - for each of the n cases, scan its value and
 * assert that it gives exactly the expected spans, in order, each as
 * recog_check_found checks it; a case stops at its first failure.
 */
void recog_check_in_cases(const struct recog_in_case *cases, size_t n);

/*
 * recog_check_str_cases - as recog_check_in_cases, for expected texts
 * that all have type.
 */
void recog_check_str_cases(const struct recog_str_case *cases, size_t n,
    enum phi_type type);

/*
 * recog_check_none - scan each of the n values in ins and assert that
 * none gives a span.
 */
void recog_check_none(const char *const *ins, size_t n);

/*
 * recog_check_empty - assert that the empty value and a value of
 * nothing but separators scan cleanly to no span.
 */
void recog_check_empty(void);

/*
 * recog_check_fini_null - a test: the recognizer's fini takes NULL and
 * its name is the suite's.
 */
void recog_check_fini_null(void);

/*
 * recog_check_lifecycle - a test: the recognizer's name is the suite's,
 * fini takes NULL, and a fresh init gives a state that fini then frees.
 */
void recog_check_lifecycle(void);

#endif
