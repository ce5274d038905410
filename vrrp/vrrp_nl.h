/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_nl.h: rtnetlink for the VRRP child: links, addresses, routes, rules. */

#ifndef VIGIL_VRRP_NL_H
#define VIGIL_VRRP_NL_H

#include <stdbool.h>
#include <stdint.h>
#include <net/if.h>
#include <ev.h>

#include "cfg.h"
#include "vrrp_conf.h"

/*
 * Two netlink sockets (libmnl): a command socket for synchronous
 * requests (each waits for its ACK), and a monitor socket joined to the
 * link group (and the address groups while vrrp_nl_watch_addrs asks),
 * watched by the loop.  The link table is kept from a dump at open and
 * from RTM_NEWLINK/DELLINK events afterwards; when the monitor
 * overflows (ENOBUFS) the links are dumped again and the differences
 * reported as events.  Requests cost one sendto and one recvfrom (no
 * allocation, no dump) except where a dump is said.
 */

/* What the VRRP child needs to know of an interface. */
struct vrrp_link {
	int ifindex;
	char name[IF_NAMESIZE];
	bool up; /* IFF_UP and IFF_RUNNING (carrier) */
	uint8_t mac[6];
	uint8_t maclen; /* 0: no link-layer address */
	unsigned mtu;
};

/* Called for every link change the monitor sees (and once per link
   from the dump at open); gone: the link was deleted. */
typedef void (*vrrp_nl_link_fn)(void *arg, const struct vrrp_link *, bool gone);

/* Opens both sockets, dumps the links, starts watching.  0 or -1. */
int vrrp_nl_open(struct ev_loop *, vrrp_nl_link_fn, void *arg);
void vrrp_nl_close(struct ev_loop *);

/*
 * Address events (RTM_NEWADDR/DELADDR), for whoever wants to see VIPs
 * come and go (removed by someone else, or counted).  With fn the
 * monitor joins the IPv4 and IPv6 address groups, with NULL it leaves
 * them.  prefix is the address's prefix length; gone: deleted.
 */
typedef void (*vrrp_nl_addr_fn)(
    void *arg, int ifindex, const struct cfg_addr *, int prefix, bool gone);
void vrrp_nl_watch_addrs(vrrp_nl_addr_fn, void *arg);

/* Reads the events already queued on the monitor now, not at the next
   loop iteration: after vrrp_vmac_create, so that the new link (and its
   MAC for vrrp_garp_send) is in the table at once.  The link callback
   runs from within this call. */
void vrrp_nl_poll(void);

/* The cached link of that name or index; NULL when there is none.  The
   pointer stays valid until that link's gone callback returns. */
const struct vrrp_link *vrrp_nl_link_by_name(const char *name);
const struct vrrp_link *vrrp_nl_link_by_index(int ifindex);

/*
 * An address of the interface to send adverts from: its first IPv4
 * address (primary, not secondary), or for AF_INET6 its first
 * link-local address (fe80::/10).  0, or -1 when it has none.  Asks the
 * kernel (a dump) each time: not for the fast path.
 */
int vrrp_nl_primary_addr(int ifindex, int family, struct cfg_addr *out);

/*
 * Adds or deletes one address (VIP, eVIP or static) with the options
 * of its config line (prefix, brd, peer, scope, label, nodad,
 * noprefixroute, mngtmpaddr, home, preferred_lft) on ifindex.  Adding
 * one that exists, or deleting one that does not, is success.  0, or
 * -errno (also logged with the address and interface).
 */
int vrrp_nl_addr(bool add, int ifindex, const struct vrrp_ipaddr *);

/* Whether ifindex holds that address now (a dump; not for the fast path). */
bool vrrp_nl_addr_present(int ifindex, const struct cfg_addr *);

/*
 * Adds or deletes a virtual/static route or rule.  default_ifindex is
 * the instance's interface, used when a route names no dev and has no
 * gateway.  The typed fields are sent; options in ->opts that vigil
 * does not encode make the call fail with -EOPNOTSUPP and a log line
 * naming the option.  0 or -errno.
 */
int vrrp_nl_route(bool add, const struct vrrp_route *, int default_ifindex);
int vrrp_nl_rule(bool add, const struct vrrp_rule *);

/*
 * Reloads change only what changed (core/reconcile.h).  Two config
 * lines are the same object when vigil would send the kernel the same
 * request for them: these order struct vrrp_ipaddr, vrrp_route and
 * vrrp_rule pointers (elements of a struct cfg_vec) on every field that
 * reaches the kernel, and ignore the rest (file location, no_track,
 * track_group).  Any other difference is a new object: the old one is
 * removed and the new one added.
 */
int vrrp_nl_addr_cmp(const void *, const void *, void *);
int vrrp_nl_route_cmp(const void *, const void *, void *);
int vrrp_nl_rule_cmp(const void *, const void *, void *);

/* What one owner puts in the kernel: an instance while its VIPs are
   up, or static_ipaddress/static_routes/static_rules.  NULL: none. */
struct vrrp_nl_set {
	const struct cfg_vec *addrs, *addrs2; /* VIPs and eVIPs: one set */
	const struct cfg_vec *routes; /* struct vrrp_route * */
	const struct cfg_vec *rules; /* struct vrrp_rule * */
	int ifindex; /* addresses without dev; routes' default_ifindex */
};

/* Called for each address vrrp_nl_sync added, after every addition. */
typedef void (*vrrp_nl_added_fn)(
    void *arg, const struct vrrp_ipaddr *, int ifindex);

/*
 * Changes what old installed into what new wants, touching only the
 * differences, in the phases of reconcile_apply (RECONCILE_REMOVALS,
 * RECONCILE_ADDITIONS; either set may be NULL: empty).  Removals: rules,
 * routes, then addresses (a route goes before the address it leaves
 * from or reaches its gateway through); additions the other way round.
 * The kernel drops IPv4 routes that leave from a deleted address (src)
 * without an event, so when addresses were removed the routes both sets
 * share are added again (EEXIST, no event, where they survived).
 * Returns how many objects were removed and added; fatal when out of
 * memory.
 */
unsigned
vrrp_nl_sync(const struct vrrp_nl_set *old, const struct vrrp_nl_set *new,
    unsigned phases, vrrp_nl_added_fn, void *arg);

/* ---- internal to vrrp_nl*.c ---- */

struct nlmsghdr;
/* Sends a request on the command socket and waits for its ACK: 0 or
   -errno; the kernel's extended-ACK text, if any, in vrrp_nl_ext_msg. */
int vrrp_nl_talk(struct nlmsghdr *);
extern char vrrp_nl_ext_msg[128];
/* The name of ifindex for log lines ("ifindex N" when unknown). */
const char *vrrp_nl_ifname(int ifindex, char buf[IF_NAMESIZE + 16]);

#endif
