/* test_buf.c - capped buffers. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "err.h"
#include "harness.h"

static void
test_append_and_cap(void)
{
	static const struct {
		size_t max;
		const char *parts[4];
		int want_rc[4];
		const char *want;
	} cases[] = {
		{ 16, { "abc", "def", NULL }, { 0, 0 }, "abcdef" },
		{ 5, { "abc", "def", NULL }, { 0, ERR_TOOBIG }, "abc" },
		{ 6, { "abc", "def", "", NULL }, { 0, 0, 0 }, "abcdef" },
		{ 0, { "", "x", NULL }, { 0, ERR_TOOBIG }, "" },
		{ 1000, { "a", "bb", "ccc", "dddd" }, { 0, 0, 0, 0 },
		    "abbcccdddd" },
	};
	size_t i, j;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf b;

		buf_init(&b, cases[i].max);
		for (j = 0; j < 4 && cases[i].parts[j] != NULL; j++)
			CU_ASSERT_EQUAL(buf_puts(&b, cases[i].parts[j]),
			    cases[i].want_rc[j]);
		CU_ASSERT_EQUAL(b.len, strlen(cases[i].want));
		if (b.len > 0)
			CU_ASSERT_STRING_EQUAL(b.data, cases[i].want);
		buf_release(&b);
		CU_ASSERT_PTR_NULL(b.data);
		CU_ASSERT_EQUAL(b.len, 0);
	}
}

static void
test_growth_and_reset(void)
{
	struct buf b;
	char chunk[100];
	int i;

	memset(chunk, 'x', sizeof(chunk));
	buf_init(&b, 100000);
	for (i = 0; i < 500; i++)
		CU_ASSERT_EQUAL(buf_append(&b, chunk, sizeof(chunk)), 0);
	CU_ASSERT_EQUAL(b.len, 50000);
	CU_ASSERT_EQUAL(b.data[49999], 'x');
	CU_ASSERT_EQUAL(b.data[50000], '\0');

	buf_reset(&b);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_STRING_EQUAL(b.data, "");
	CU_ASSERT_EQUAL(buf_printf(&b, "[%s-%d]", "DATE", 42), 0);
	CU_ASSERT_STRING_EQUAL(b.data, "[DATE-42]");
	buf_release(&b);
	buf_release(&b);
}

/*
 * buf_reserve: an empty buffer gets exactly what is asked; a used one at
 * least doubles, so reserving before every append stays linear.
 */
static void
test_reserve(void)
{
	char chunk[100];
	struct buf b;
	const char *p;
	int i, moves = 0;

	memset(chunk, 'y', sizeof(chunk));
	buf_init(&b, 1 << 20);
	CU_ASSERT_EQUAL(buf_reserve(&b, 1000), 0);
	CU_ASSERT_EQUAL(b.cap, 1001);
	CU_ASSERT_STRING_EQUAL(b.data, "");
	p = b.data;
	for (i = 0; i < 10; i++)
		CU_ASSERT_EQUAL(buf_append(&b, chunk, sizeof(chunk)), 0);
	CU_ASSERT_PTR_EQUAL(b.data, p);
	for (i = 0; i < 1000; i++) {
		p = b.data;
		CU_ASSERT_EQUAL(buf_reserve(&b, sizeof(chunk)), 0);
		moves += b.data != p;
		CU_ASSERT_EQUAL(buf_append(&b, chunk, sizeof(chunk)), 0);
	}
	CU_ASSERT_EQUAL(b.len, 101000);
	CU_ASSERT_EQUAL(b.data[100999], 'y');
	CU_ASSERT(moves <= 7);
	/* never past the cap */
	CU_ASSERT_EQUAL(buf_reserve(&b, 1 << 21), 0);
	CU_ASSERT_EQUAL(b.cap, (1 << 20) + 1);
	buf_release(&b);
}

/* buf_take hands the block over and leaves the buffer empty, reusable. */
static void
test_take(void)
{
	struct buf b;
	size_t len = 99;
	char *p;

	buf_init(&b, 1000);
	CU_ASSERT_PTR_NULL(buf_take(&b, &len));
	CU_ASSERT_EQUAL(len, 0);
	CU_ASSERT_EQUAL(buf_puts(&b, "[ZIP-3]"), 0);
	p = buf_take(&b, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(len, 7);
	CU_ASSERT_STRING_EQUAL(p, "[ZIP-3]");
	CU_ASSERT_PTR_NULL(b.data);
	CU_ASSERT_EQUAL(b.len, 0);
	CU_ASSERT_EQUAL(buf_puts(&b, "ok"), 0);
	CU_ASSERT_STRING_EQUAL(b.data, "ok");
	free(p);
	buf_release(&b);
}

static int
add(void)
{
	CU_pSuite s = CU_add_suite("buf", NULL, NULL);

	if (s == NULL ||
	    CU_add_test(s, "append and cap", test_append_and_cap) == NULL ||
	    CU_add_test(s, "growth and reset", test_growth_and_reset) == NULL ||
	    CU_add_test(s, "take", test_take) == NULL ||
	    CU_add_test(s, "reserve", test_reserve) == NULL)
		return -1;
	return 0;
}

int
main(void)
{
	return harness_run(add);
}
