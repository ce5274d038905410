/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_main.c: the VRRP child's program, started by vigild. */

#include "vrrp.h"

int
main(int argc, char **argv)
{
	cfg_register_all();
	child_main(&vrrp_child_ops, argc, argv);
}
