/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_garp.h: gratuitous ARP and unsolicited neighbour advertisements. */

#ifndef VIGIL_VRRP_GARP_H
#define VIGIL_VRRP_GARP_H

#include <stdint.h>

#include "cfg.h"

/* Opens the sockets (an AF_PACKET socket for ARP, a raw ICMPv6 socket
   for NA; both send only).  0 or -1 (logged). */
int vrrp_garp_open(void);
void vrrp_garp_close(void);

/*
 * Announces addr as ours on ifindex from the link-layer address mac:
 * for IPv4 one gratuitous ARP (an ARP request, sender = target = addr,
 * broadcast, as RFC 5227 and keepalived send it; mac is the Ethernet
 * source too); for IPv6 one unsolicited Neighbor Advertisement to
 * ff02::1 with the override flag, the router flag when the interface
 * forwards IPv6, and the target link-layer address option mac (RFC
 * 4861 7.2.6), hop limit 255, from the address the kernel picks on
 * ifindex (its link-local), or from addr when the link has none
 * usable.  No allocation, one sendto/sendmsg.  0, or -errno (logged,
 * counted).
 */
int
vrrp_garp_send(int ifindex, const uint8_t mac[6], const struct cfg_addr *addr);

/* Packets sent and send errors, for stats. */
struct vrrp_garp_stats {
	uint64_t arp_sent, na_sent, errors;
};
const struct vrrp_garp_stats *vrrp_garp_stats(void);

#endif
