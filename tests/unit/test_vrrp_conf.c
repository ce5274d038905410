/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_vrrp_conf.c: unit tests of the vrrp_conf keyword tables and model. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cfg.h"

static void
test_registers(void **state)
{
	(void)state;
	cfg_register_all();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
