/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_proc.c: respawn backoff and crash-loop detection. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "proc.h"

static void
test_backoff_doubles_to_cap(void **state)
{
	static const unsigned want[] = { 0, 1, 2, 4, 8, 16, 32, 60, 60 };
	unsigned quick = 0, i;

	(void)state;
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_int_equal(proc_backoff(0.5, &quick), want[i]);
}

static void
test_backoff_long_run_restarts_at_once(void **state)
{
	unsigned quick = 0;

	(void)state;
	assert_int_equal(proc_backoff(1, &quick), 0);
	assert_int_equal(proc_backoff(1, &quick), 1);
	assert_int_equal(proc_backoff(60.0, &quick), 0);
	assert_int_equal(quick, 0);
	assert_int_equal(proc_backoff(59.9, &quick), 0);
}

static void
test_crash_window_five_in_a_minute(void **state)
{
	struct crash_window w = { 0 };

	(void)state;
	assert_false(crash_window_add(&w, 100));
	assert_false(crash_window_add(&w, 101));
	assert_false(crash_window_add(&w, 103));
	assert_false(crash_window_add(&w, 107));
	assert_true(crash_window_add(&w, 115));
}

static void
test_crash_window_spread_out(void **state)
{
	struct crash_window w = { 0 };
	double t = 0;
	int i;

	(void)state;
	/* One death every 20 s is never five within 60 s. */
	for (i = 0; i < 20; i++, t += 20)
		assert_false(crash_window_add(&w, t));
	/* After a quiet spell, a burst trips it on its fifth death. */
	t += 100;
	assert_false(crash_window_add(&w, t));
	assert_false(crash_window_add(&w, t + 1));
	assert_false(crash_window_add(&w, t + 2));
	assert_false(crash_window_add(&w, t + 3));
	assert_true(crash_window_add(&w, t + 4));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backoff_doubles_to_cap),
		cmocka_unit_test(test_backoff_long_run_restarts_at_once),
		cmocka_unit_test(test_crash_window_five_in_a_minute),
		cmocka_unit_test(test_crash_window_spread_out),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
