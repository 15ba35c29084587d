/*
 * harness.h - the common main() of every CUnit suite.
 *
 * A test file defines a function that adds its suites to the registry
 * and calls harness_run() from main().  The exit status is non-zero when
 * any test failed (CU_basic_run_tests alone would return success).
 */
#ifndef VEIL_HARNESS_H
#define VEIL_HARNESS_H

#include <stddef.h>

#include <CUnit/CUnit.h>

/*
 * harness_run - initialise the registry, call add (which returns 0 or
 * -1), run every test verbosely, and return the exit status.
 */
int harness_run(int (*add)(void));

/*
 * harness_tmpdir - a fresh private directory for this test binary,
 * removed at exit.  The returned string is static.
 */
const char *harness_tmpdir(void);

/*
 * harness_read_file - read a whole file into a malloc'd, NUL-terminated
 * buffer (caller frees); *len gets its size.  NULL on failure.
 */
char *harness_read_file(const char *path, size_t *len);

#endif
