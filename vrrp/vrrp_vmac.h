/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_vmac.h: use_vmac: a macvlan on the instance's interface. */

#ifndef VIGIL_VRRP_VMAC_H
#define VIGIL_VRRP_VMAC_H

#include <stdint.h>

/*
 * Creates (or takes over, when one of that name with that MAC exists) a
 * macvlan link named name in private... bridge mode on parent ifindex,
 * with the VRRP virtual MAC 00:00:5e:00:01:VRID (IPv4) or
 * 00:00:5e:00:02:VRID (IPv6) unless mac is given, and sets it up; sets
 * arp_ignore/arp_filter sysctls as keepalived does for IPv4.  Returns
 * the new link's ifindex, or -errno (logged).
 */
int vrrp_vmac_create(const char *name, int parent_ifindex, int family,
    uint8_t vrid, const uint8_t *mac /* 6 bytes, or NULL */);

/* Deletes the macvlan we created.  0 or -errno. */
int vrrp_vmac_delete(int ifindex);

#endif
