/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipvs_main.c: the IPVS child's program, started by vigild. */

#include "ipvs.h"

int
main(int argc, char **argv)
{
	cfg_register_all();
	child_main(&ipvs_child_ops, argc, argv);
}
