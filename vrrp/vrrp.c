/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp.c: the VRRP child's frame; election and VIPs land with issue 4. */

#include "log.h"
#include "vrrp.h"

const struct child_ops vrrp_child_ops = {
	.id = PROC_VRRP,
	.name = "vrrp",
	.title = "vigild: vrrp",
	.peer = PROC_PARENT,
};
