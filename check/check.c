/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check.c: the checker child's frame; it reports desired IPVS state to the
   IPVS child over the peer link (health checks land with their issue). */

#include "check.h"

static const struct ipc_handler ipvs_link_handlers[] = {
	{ MSG_PEER_HELLO, child_peer_hello },
	{ MSG_NONE, NULL },
};

const struct child_ops check_child_ops = {
	.id = PROC_CHECK,
	.name = "checker",
	.title = "vigild: checker",
	.peer = PROC_IPVS,
	.peer_handlers = ipvs_link_handlers,
};
