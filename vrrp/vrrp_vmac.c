/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_vmac.c: use_vmac: a private-mode macvlan with the VRRP virtual MAC. */

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/ip.h>
#include <netlink/netlink.h>
#include <netlink/route/link.h>
#include <netlink/route/link/inet.h>
#include <netlink/route/link/inet6.h>
#include <netlink/route/link/macvlan.h>

#include "log.h"
#include "vrrp_vmac.h"

/* A VMAC this process made or took over. */
struct vmac {
	int ifindex, parent, family;
};

/* A parent whose arp_ignore/arp_filter we changed, to put back when its
   last IPv4 VMAC goes. */
struct parent {
	int ifindex, refs;
	uint32_t arp_ignore, arp_filter;
};

static int nlerr(int);
static struct nl_sock *sock(void);
static int
vmac_existing(const char *name, int parent, const uint8_t mac[6], int *ifindex);
static int vmac_add(const char *name, int parent, const uint8_t mac[6]);
static int vmac_setup(const char *name, int ifindex, int family);
static int link_change(int ifindex, struct rtnl_link *changes);
static int parent_hold(int ifindex);
static void parent_release(int ifindex);
static struct parent *parent_find(int ifindex);
static void remember(int ifindex, int parent, int family);

static struct nl_sock *sk;
static struct vmac *vmacs;
static size_t nvmacs;
static struct parent *parents;
static size_t nparents;

/* libnl's error codes as errno values, for callers comparing -errno. */
static int
nlerr(int e)
{
	switch (e < 0 ? -e : e) {
	case NLE_EXIST:
		return -EEXIST;
	case NLE_NODEV:
	case NLE_OBJ_NOTFOUND:
		return -ENODEV;
	case NLE_PERM:
	case NLE_NOACCESS:
		return -EPERM;
	case NLE_INVAL:
	case NLE_RANGE:
		return -EINVAL;
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_BUSY:
		return -EBUSY;
	case NLE_OPNOTSUPP:
		return -EOPNOTSUPP;
	case NLE_NOADDR:
		return -EADDRNOTAVAIL;
	case NLE_AGAIN:
		return -EAGAIN;
	default:
		return -EIO;
	}
}

/* The libnl socket, made at the first use (use_vmac is rare). */
static struct nl_sock *
sock(void)
{
	if (sk != NULL)
		return sk;
	sk = nl_socket_alloc();
	if (sk == NULL)
		return NULL;
	if (nl_connect(sk, NETLINK_ROUTE) < 0) {
		nl_socket_free(sk);
		sk = NULL;
	}
	return sk;
}

int
vrrp_vmac_create(const char *name, int parent_ifindex, int family, uint8_t vrid,
    const uint8_t *mac)
{
	uint8_t vmac[6] = { 0x00, 0x00, 0x5e, 0x00, 0x01, vrid };
	int ifindex, err;

	if (mac != NULL)
		memcpy(vmac, mac, sizeof(vmac));
	else if (family == AF_INET6)
		vmac[4] = 0x02; /* RFC 5798 7.3 */
	if (sock() == NULL) {
		log_warnx("VMAC %s: no netlink socket", name);
		return -ENOMEM;
	}
	err = vmac_existing(name, parent_ifindex, vmac, &ifindex);
	if (err < 0)
		return err;
	if (ifindex == 0) {
		err = vmac_add(name, parent_ifindex, vmac);
		if (err < 0)
			return err;
		err = vmac_existing(name, parent_ifindex, vmac, &ifindex);
		if (err < 0 || ifindex == 0) {
			log_warnx("VMAC %s: created but not found", name);
			return err < 0 ? err : -ENODEV;
		}
	}
	err = vmac_setup(name, ifindex, family);
	if (err < 0)
		return err;
	if (family == AF_INET && parent_hold(parent_ifindex) < 0)
		log_warnx("VMAC %s: cannot set arp_ignore/arp_filter on its "
		          "parent",
		    name);
	remember(ifindex, parent_ifindex, family);
	return ifindex;
}

/*
 * A link of that name: a macvlan on parent with our MAC in private mode
 * is taken over (*ifindex set); any other macvlan is deleted to be made
 * again (a restart with a changed use_vmac); anything else is not ours
 * to touch (-EEXIST).  *ifindex 0 when there is none now.
 */
static int
vmac_existing(const char *name, int parent, const uint8_t mac[6], int *ifindex)
{
	struct rtnl_link *l = NULL;
	struct nl_addr *a;
	bool same;
	int err;

	*ifindex = 0;
	err = rtnl_link_get_kernel(sk, 0, name, &l);
	if (err == -NLE_NODEV || err == -NLE_OBJ_NOTFOUND)
		return 0;
	if (err < 0) {
		log_warnx("VMAC %s: %s", name, nl_geterror(err));
		return nlerr(err);
	}
	if (!rtnl_link_is_macvlan(l)) {
		log_warnx("VMAC %s conflicts with an existing interface that "
		          "is not a macvlan",
		    name);
		rtnl_link_put(l);
		return -EEXIST;
	}
	a = rtnl_link_get_addr(l);
	same = rtnl_link_get_link(l) == parent &&
	    rtnl_link_macvlan_get_mode(l) == MACVLAN_MODE_PRIVATE &&
	    a != NULL && nl_addr_get_len(a) == 6 &&
	    memcmp(nl_addr_get_binary_addr(a), mac, 6) == 0;
	if (same)
		*ifindex = rtnl_link_get_ifindex(l);
	else {
		log_info("VMAC %s: removing the old one (other MAC, mode or "
		         "parent)",
		    name);
		err = rtnl_link_delete(sk, l);
	}
	rtnl_link_put(l);
	if (err < 0) {
		log_warnx("VMAC %s: cannot delete: %s", name, nl_geterror(err));
		return nlerr(err);
	}
	return 0;
}

/* Creates the macvlan, down; vmac_setup brings it up. */
static int
vmac_add(const char *name, int parent, const uint8_t mac[6])
{
	struct rtnl_link *l = rtnl_link_macvlan_alloc();
	struct nl_addr *a = nl_addr_build(AF_LLC, mac, 6);
	int err = -NLE_NOMEM;

	if (l != NULL && a != NULL) {
		rtnl_link_set_name(l, name);
		rtnl_link_set_link(l, parent);
		rtnl_link_set_addr(l, a);
		/* private: the VMAC does not talk to its sibling macvlans,
		   and receives only what is addressed to its MAC */
		rtnl_link_macvlan_set_mode(l, MACVLAN_MODE_PRIVATE);
		err = rtnl_link_add(sk, l, NLM_F_CREATE | NLM_F_EXCL);
	}
	if (a != NULL)
		nl_addr_put(a);
	if (l != NULL)
		rtnl_link_put(l);
	if (err < 0) {
		log_warnx("VMAC %s: cannot create: %s", name, nl_geterror(err));
		return nlerr(err);
	}
	return 0;
}

/*
 * The settings keepalived makes, then up.  IPv4: answer ARP only for
 * the VMAC's own addresses (arp_ignore), hear our own multicast
 * adverts (accept_local), receive with no address (rp_filter 0), keep
 * secondaries when the primary goes.  Both families: no automatic
 * link-local address (RFC 5798 7.4: the VMAC must not add one of its
 * own; the caller adds the source it wants), set before the link is
 * up since the kernel makes it on up.
 */
static int
vmac_setup(const char *name, int ifindex, int family)
{
	struct rtnl_link *c = rtnl_link_alloc();
	int err;

	if (c == NULL)
		return -ENOMEM;
	if (family == AF_INET) {
		rtnl_link_inet_set_conf(c, IPV4_DEVCONF_ARP_IGNORE, 1);
		rtnl_link_inet_set_conf(c, IPV4_DEVCONF_ACCEPT_LOCAL, 1);
		rtnl_link_inet_set_conf(c, IPV4_DEVCONF_RP_FILTER, 0);
		rtnl_link_inet_set_conf(c, IPV4_DEVCONF_PROMOTE_SECONDARIES, 1);
	}
	rtnl_link_inet6_set_addr_gen_mode(c, IN6_ADDR_GEN_MODE_NONE);
	err = link_change(ifindex, c);
	rtnl_link_put(c);
	if (err < 0)
		log_warnx("VMAC %s: cannot set its parameters: %s", name,
		    nl_geterror(err));
	c = rtnl_link_alloc();
	if (c == NULL)
		return -ENOMEM;
	rtnl_link_set_flags(c, IFF_UP);
	err = link_change(ifindex, c);
	rtnl_link_put(c);
	if (err < 0) {
		log_warnx(
		    "VMAC %s: cannot set it up: %s", name, nl_geterror(err));
		return nlerr(err);
	}
	return 0;
}

/* Applies changes to ifindex.  The original is a bare link with only
   the index: one read from the kernel would carry its type, and for a
   bridge libnl would then send AF_BRIDGE, which cannot set IFLA_AF_SPEC. */
static int
link_change(int ifindex, struct rtnl_link *changes)
{
	struct rtnl_link *orig = rtnl_link_alloc();
	int err;

	if (orig == NULL)
		return -NLE_NOMEM;
	rtnl_link_set_ifindex(orig, ifindex);
	err = rtnl_link_change(sk, orig, changes, 0);
	rtnl_link_put(orig);
	return err;
}

static struct parent *
parent_find(int ifindex)
{
	size_t i;

	for (i = 0; i < nparents; i++)
		if (parents[i].ifindex == ifindex)
			return &parents[i];
	return NULL;
}

/* The parent must not answer ARP for the VIPs the VMAC holds
   (arp_ignore 1) nor for its own addresses on the VMAC's behalf
   (arp_filter 1); its values are kept to put back. */
static int
parent_hold(int ifindex)
{
	struct parent *p = parent_find(ifindex), *np;
	struct rtnl_link *l = NULL, *c;
	uint32_t ign = 0, filt = 0;
	int err;

	if (p != NULL) {
		p->refs++;
		return 0;
	}
	err = rtnl_link_get_kernel(sk, ifindex, NULL, &l);
	if (err < 0)
		return err;
	rtnl_link_inet_get_conf(l, IPV4_DEVCONF_ARP_IGNORE, &ign);
	rtnl_link_inet_get_conf(l, IPV4_DEVCONF_ARPFILTER, &filt);
	rtnl_link_put(l);
	c = rtnl_link_alloc();
	if (c == NULL)
		return -NLE_NOMEM;
	rtnl_link_inet_set_conf(c, IPV4_DEVCONF_ARP_IGNORE, 1);
	rtnl_link_inet_set_conf(c, IPV4_DEVCONF_ARPFILTER, 1);
	err = link_change(ifindex, c);
	rtnl_link_put(c);
	if (err < 0)
		return err;
	np = realloc(parents, (nparents + 1) * sizeof(*parents));
	if (np == NULL)
		return -NLE_NOMEM;
	parents = np;
	parents[nparents++] = (struct parent){ ifindex, 1, ign, filt };
	return 0;
}

static void
parent_release(int ifindex)
{
	struct parent *p = parent_find(ifindex);
	struct rtnl_link *c;

	if (p == NULL || --p->refs > 0)
		return;
	c = rtnl_link_alloc();
	if (c != NULL) {
		rtnl_link_inet_set_conf(
		    c, IPV4_DEVCONF_ARP_IGNORE, p->arp_ignore);
		rtnl_link_inet_set_conf(
		    c, IPV4_DEVCONF_ARPFILTER, p->arp_filter);
		/* the parent may be gone already: nothing to put back */
		link_change(ifindex, c);
		rtnl_link_put(c);
	}
	*p = parents[--nparents];
}

static void
remember(int ifindex, int parent, int family)
{
	struct vmac *nv;
	size_t i;

	for (i = 0; i < nvmacs; i++)
		if (vmacs[i].ifindex == ifindex) {
			/* taken over twice: the first hold stands */
			if (family == AF_INET)
				parent_release(parent);
			return;
		}
	nv = realloc(vmacs, (nvmacs + 1) * sizeof(*vmacs));
	if (nv == NULL)
		fatal("VMAC table");
	vmacs = nv;
	vmacs[nvmacs++] = (struct vmac){ ifindex, parent, family };
}

int
vrrp_vmac_delete(int ifindex)
{
	struct rtnl_link *l;
	size_t i;
	int err;

	if (sock() == NULL)
		return -ENOMEM;
	l = rtnl_link_alloc();
	if (l == NULL)
		return -ENOMEM;
	rtnl_link_set_ifindex(l, ifindex);
	err = rtnl_link_delete(sk, l);
	rtnl_link_put(l);
	if (err == -NLE_NODEV || err == -NLE_OBJ_NOTFOUND)
		err = 0;
	if (err < 0) {
		log_warnx("VMAC ifindex %d: cannot delete: %s", ifindex,
		    nl_geterror(err));
		return nlerr(err);
	}
	for (i = 0; i < nvmacs; i++)
		if (vmacs[i].ifindex == ifindex) {
			if (vmacs[i].family == AF_INET)
				parent_release(vmacs[i].parent);
			vmacs[i] = vmacs[--nvmacs];
			break;
		}
	return 0;
}
