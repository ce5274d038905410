/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipvs.c: the IPVS child: finds the kernel's IPVS generic netlink family
   (the table reconciliation lands with its issue). */

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "ipvs.h"
#include "log.h"

static void ipvs_start(struct ev_loop *, const struct vigil_opts *);

static const struct ipc_handler checker_link_handlers[] = {
	{ MSG_PEER_HELLO, child_peer_hello },
	{ MSG_NONE, NULL },
};

const struct child_ops ipvs_child_ops = {
	.id = PROC_IPVS,
	.name = "ipvs",
	.title = "vigild: ipvs",
	.start = ipvs_start,
	.peer = PROC_CHECK,
	.peer_handlers = checker_link_handlers,
};

/*
 * A kernel without IPVS is not fatal: VRRP and the checks keep running,
 * and one line says why nothing will be programmed.
 */
static void
ipvs_start(struct ev_loop *loop, const struct vigil_opts *opts)
{
	struct nl_sock *sk;
	int family;

	(void)loop;
	(void)opts;
	sk = nl_socket_alloc();
	if (sk == NULL)
		fatalx("cannot allocate a netlink socket");
	family = genl_connect(sk);
	if (family == 0)
		family = genl_ctrl_resolve(sk, "IPVS");
	if (family < 0)
		log_warnx(
		    "IPVS is not available in this kernel (%s): virtual "
		    "servers will not be programmed; VRRP and checks keep "
		    "running",
		    nl_geterror(family));
	else
		log_info("IPVS generic netlink family found (id %d)", family);
	nl_socket_free(sk);
}
