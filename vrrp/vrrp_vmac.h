/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_vmac.h: use_vmac: a macvlan on the instance's interface. */

#ifndef VIGIL_VRRP_VMAC_H
#define VIGIL_VRRP_VMAC_H

#include <stdint.h>

/*
 * Creates (or takes over, when one of that name with that MAC, mode and
 * parent exists) a macvlan link named name in private mode on parent
 * ifindex, with the VRRP virtual MAC 00:00:5e:00:01:VRID (IPv4) or
 * 00:00:5e:00:02:VRID (IPv6) unless mac is given, and sets it up.  A
 * macvlan of that name that differs is deleted and made again; a link
 * of that name that is not a macvlan is left alone (-EEXIST).  As
 * keepalived: for IPv4, arp_ignore=1, accept_local=1, rp_filter=0 and
 * promote_secondaries=1 on the VMAC, arp_ignore=1 and arp_filter=1 on
 * the parent (put back when its last VMAC is deleted); for both, no
 * automatic IPv6 link-local address (addr_gen_mode none): an IPv6
 * instance adds the link-local source it wants (keepalived: the
 * parent's, unless vmac_xmit_base) with vrrp_nl_addr.  Returns the
 * link's ifindex, or -errno (logged).  The link reaches vrrp_nl's table
 * through the monitor (vrrp_nl_poll to have it at once).
 */
int vrrp_vmac_create(const char *name, int parent_ifindex, int family,
    uint8_t vrid, const uint8_t *mac /* 6 bytes, or NULL */);

/* Deletes the macvlan we created (gone already is success).  0 or
   -errno (logged). */
int vrrp_vmac_delete(int ifindex);

#endif
