/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_sock.h: raw VRRP sockets, one per interface and family. */

#ifndef VIGIL_VRRP_SOCK_H
#define VIGIL_VRRP_SOCK_H

#include <stddef.h>
#include <stdint.h>
#include <ev.h>

#include "vrrp_inst.h"

/* Called for each packet that parsed, with the instance of its VRID. */
typedef void (*vrrp_sock_rx_fn)(struct vrrp_inst *, const struct vrrp_pkt *);

void vrrp_sock_init(struct ev_loop *, vrrp_sock_rx_fn);

/*
 * The socket of (family, ifindex), opened on first use and counted;
 * joins group (when set) on it.  NULL after a logged error.
 */
struct vrrp_sock *vrrp_sock_get(
    int family, int ifindex, const struct cfg_addr *group, size_t rcvbuf);
void vrrp_sock_put(struct vrrp_sock *);

/* Also receives IPsec AH (protocol 51) packets on s, for VRRPv2 AH
   instances; 0, or -1 (logged). */
int vrrp_sock_want_ah(struct vrrp_sock *);

/* Sends one built packet to dst; for IPv6 from src (IPV6_PKTINFO).
   0, or -errno. */
int vrrp_sock_send(struct vrrp_sock *, const uint8_t *, size_t,
    const struct cfg_addr *dst, const struct cfg_addr *src);

/* Adverts dropped, by reason (enum vrrp_pkt_result), and those whose
   VRID no instance on the socket has. */
struct vrrp_sock_stats {
	uint64_t rx, tx, tx_errors;
	uint64_t drops[VRRP_PKT_RESULT_N];
	uint64_t no_instance;
};
const struct vrrp_sock_stats *vrrp_sock_stats(void);
/* Counts a drop an instance decided (vrrp_pkt_check). */
void vrrp_sock_drop(enum vrrp_pkt_result);

#endif
