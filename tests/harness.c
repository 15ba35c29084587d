/* harness.c - shared main() for the CUnit suites. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/Basic.h>

#include "harness.h"

static char harness_dir[PATH_MAX];

static void
harness_cleanup(void)
{
	char cmd[PATH_MAX + 16];

	if (harness_dir[0] == '\0')
		return;
	(void)snprintf(cmd, sizeof(cmd), "rm -rf '%s'", harness_dir);
	(void)system(cmd);
}

const char *
harness_tmpdir(void)
{
	const char *base;

	if (harness_dir[0] != '\0')
		return harness_dir;

	base = getenv("TMPDIR");
	if (base == NULL || *base == '\0')
		base = "/tmp";
	(void)snprintf(harness_dir, sizeof(harness_dir),
	    "%s/veil-test-XXXXXX", base);
	if (mkdtemp(harness_dir) == NULL) {
		harness_dir[0] = '\0';
		return NULL;
	}
	(void)atexit(harness_cleanup);
	return harness_dir;
}

char *
harness_read_file(const char *path, size_t *len)
{
	FILE *fp;
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;

	for (;;) {
		if (n + 4096 + 1 > cap) {
			char *nb;

			cap = cap ? cap * 2 : 8192;
			nb = realloc(buf, cap);
			if (nb == NULL) {
				free(buf);
				(void)fclose(fp);
				return NULL;
			}
			buf = nb;
		}
		got = fread(buf + n, 1, 4096, fp);
		n += got;
		if (got < 4096)
			break;
	}

	(void)fclose(fp);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
}

int
harness_run(int (*add)(void))
{
	unsigned failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	if (add() != 0) {
		fprintf(stderr, "harness: cannot add suites: %s\n",
		    CU_get_error_msg());
		CU_cleanup_registry();
		return 2;
	}

	CU_basic_set_mode(CU_BRM_VERBOSE);
	(void)CU_basic_run_tests();
	failed = CU_get_number_of_tests_failed() +
	    CU_get_number_of_failures();
	CU_cleanup_registry();
	return failed == 0 ? 0 : 1;
}
