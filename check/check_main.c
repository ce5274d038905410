/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_main.c: the checker child's program, started by vigild. */

#include "check.h"

int
main(int argc, char **argv)
{
	cfg_register_all();
	child_main(&check_child_ops, argc, argv);
}
