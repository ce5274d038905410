/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_risefall.c: the bounded rise/fall counter. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "risefall.h"

/* An unknown state takes the first result at once. */
static void
test_first_result_decides(void **state)
{
	struct risefall rf;

	(void)state;
	risefall_init(&rf, -1);
	assert_true(risefall_add(&rf, true, 3, 3));
	assert_int_equal(rf.state, 1);
	risefall_init(&rf, -1);
	assert_true(risefall_add(&rf, false, 3, 3));
	assert_int_equal(rf.state, 0);
}

/* fall failures in a row to go down, rise successes to come back; a
   result of the other kind restarts the run. */
static void
test_rise_fall(void **state)
{
	struct risefall rf;

	(void)state;
	risefall_init(&rf, 1);
	assert_false(risefall_add(&rf, false, 2, 3));
	assert_false(risefall_add(&rf, false, 2, 3));
	assert_false(risefall_add(&rf, true, 2, 3)); /* run broken */
	assert_false(risefall_add(&rf, false, 2, 3));
	assert_false(risefall_add(&rf, false, 2, 3));
	assert_true(risefall_add(&rf, false, 2, 3));
	assert_int_equal(rf.state, 0);
	assert_false(risefall_add(&rf, false, 2, 3));
	assert_false(risefall_add(&rf, true, 2, 3));
	assert_true(risefall_add(&rf, true, 2, 3));
	assert_int_equal(rf.state, 1);
}

/* The counter stays within [-fall, rise] however long a run lasts. */
static void
test_bounded(void **state)
{
	struct risefall rf;
	int i;

	(void)state;
	risefall_init(&rf, 1);
	for (i = 0; i < 1000; i++)
		risefall_add(&rf, true, 4, 2);
	assert_int_equal(rf.run, 4);
	for (i = 0; i < 1000; i++)
		risefall_add(&rf, false, 4, 2);
	assert_int_equal(rf.run, -2);
	assert_int_equal(rf.state, 0);
	/* init_fail: starts down, needs rise successes */
	risefall_init(&rf, 0);
	assert_false(risefall_add(&rf, true, 2, 2));
	assert_true(risefall_add(&rf, true, 2, 2));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_result_decides),
		cmocka_unit_test(test_rise_fall),
		cmocka_unit_test(test_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
