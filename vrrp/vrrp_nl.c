/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_nl.c: rtnetlink of the VRRP child: sockets, link table, addresses. */

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include "log.h"
#include "vrrp_nl.h"

/* Big enough for one message of a dump (the kernel fills up to 32 KiB). */
#define NL_DUMP_SIZE 32768
/* The ACK of a request: an nlmsgerr and its extended-ACK attributes. */
#define NL_ACK_SIZE 4096
/* The monitor's receive buffer: a burst of link events (many VMACs
   going up at once) must not overflow it. */
#define NL_MON_RCVBUF (4 * 1024 * 1024)
/* Messages read per wakeup of the monitor, so a storm cannot hold the
   loop (the rest is read on the next iteration). */
#define NL_MON_BATCH 64

/* A cached link and the generation of the dump that last saw it. */
struct nl_link {
	struct vrrp_link l;
	unsigned gen;
};

/* A dump's per-message callback. */
typedef void (*nl_dump_fn)(const struct nlmsghdr *, void *);

/* What an address dump looks for. */
struct addr_query {
	int ifindex, family;
	const struct cfg_addr *want; /* NULL: the primary / link-local */
	struct cfg_addr *out;
	bool found, tentative;
};

/* One address of a RTM_NEWADDR/DELADDR message. */
struct addr_msg {
	const struct ifaddrmsg *ifa;
	struct cfg_addr local, address;
	uint32_t flags;
};

static int nl_dump(struct nlmsghdr *, nl_dump_fn, void *);
static int nl_recv_ack(uint32_t seq, char *buf, size_t size);
static int nl_ack_error(const struct nlmsghdr *);
static int ext_attr(const struct nlattr *, void *);
static int link_attr(const struct nlattr *, void *);
static void link_msg(const struct nlmsghdr *, void *);
static void link_del(int ifindex);
static struct nl_link **link_slot(int ifindex, bool *exact);
static int links_dump(void);
static void mon_cb(struct ev_loop *, ev_io *, int);
static void mon_msg(const struct nlmsghdr *);
static void mon_overflow(char *buf, size_t size);
static int mon_groups(bool join, unsigned group);
static int addr_attr(const struct nlattr *, void *);
static int addr_parse(const struct nlmsghdr *, struct addr_msg *);
static void addr_query_msg(const struct nlmsghdr *, void *);
static int addr_dump(struct addr_query *);
static int
addr_log(int err, bool add, int ifindex, const struct vrrp_ipaddr *, int plen);
static void put_addr(struct nlmsghdr *, uint16_t, const struct cfg_addr *);
static int str_cmp(const char *, const char *);

char vrrp_nl_ext_msg[128];

static struct {
	struct mnl_socket *cmd, *mon;
	uint32_t cmd_port;
	uint32_t seq;
	struct ev_loop *loop;
	ev_io mon_io;
	vrrp_nl_link_fn link_fn;
	void *link_arg;
	vrrp_nl_addr_fn addr_fn;
	void *addr_arg;
	struct nl_link **links; /* sorted by ifindex */
	size_t nlinks, cap;
	unsigned gen;
} nl;

int
vrrp_nl_open(struct ev_loop *loop, vrrp_nl_link_fn fn, void *arg)
{
	struct timeval tv = { .tv_sec = 2 };
	int one = 1, sz = NL_MON_RCVBUF;

	nl.loop = loop;
	nl.link_fn = fn;
	nl.link_arg = arg;
	nl.cmd = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	nl.mon = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (nl.cmd == NULL || nl.mon == NULL) {
		log_warn("netlink socket");
		goto fail;
	}
	if (mnl_socket_bind(nl.cmd, 0, MNL_SOCKET_AUTOPID) < 0 ||
	    mnl_socket_bind(nl.mon, RTMGRP_LINK, MNL_SOCKET_AUTOPID) < 0) {
		log_warn("netlink bind");
		goto fail;
	}
	nl.cmd_port = mnl_socket_get_portid(nl.cmd);
	/* ACKs without the echoed request, with the kernel's reason; a
	   deadlock guard only: the kernel answers before sendmsg returns */
	mnl_socket_setsockopt(nl.cmd, NETLINK_CAP_ACK, &one, sizeof(one));
	mnl_socket_setsockopt(nl.cmd, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(mnl_socket_get_fd(nl.cmd), SOL_SOCKET, SO_RCVTIMEO, &tv,
	    sizeof(tv));
	if (setsockopt(mnl_socket_get_fd(nl.mon), SOL_SOCKET, SO_RCVBUFFORCE,
	        &sz, sizeof(sz)) < 0)
		setsockopt(mnl_socket_get_fd(nl.mon), SOL_SOCKET, SO_RCVBUF,
		    &sz, sizeof(sz));
	/* joined before the dump, so no change falls between the two */
	if (links_dump() < 0)
		goto fail;
	ev_io_init(&nl.mon_io, mon_cb, mnl_socket_get_fd(nl.mon), EV_READ);
	ev_io_start(loop, &nl.mon_io);
	return 0;
fail:
	vrrp_nl_close(loop);
	return -1;
}

void
vrrp_nl_close(struct ev_loop *loop)
{
	size_t i;

	if (nl.loop != NULL)
		ev_io_stop(loop, &nl.mon_io);
	if (nl.cmd != NULL)
		mnl_socket_close(nl.cmd);
	if (nl.mon != NULL)
		mnl_socket_close(nl.mon);
	for (i = 0; i < nl.nlinks; i++)
		free(nl.links[i]);
	free(nl.links);
	memset(&nl, 0, sizeof(nl));
}

void
vrrp_nl_poll(void)
{
	if (nl.mon != NULL)
		mon_cb(nl.loop, &nl.mon_io, EV_READ);
}

void
vrrp_nl_watch_addrs(vrrp_nl_addr_fn fn, void *arg)
{
	bool join = fn != NULL;

	if (join == (nl.addr_fn != NULL)) {
		nl.addr_fn = fn;
		nl.addr_arg = arg;
		return;
	}
	if (mon_groups(join, RTNLGRP_IPV4_IFADDR) < 0 ||
	    mon_groups(join, RTNLGRP_IPV6_IFADDR) < 0)
		log_warn("netlink address groups");
	nl.addr_fn = fn;
	nl.addr_arg = arg;
}

static int
mon_groups(bool join, unsigned group)
{
	if (nl.mon == NULL)
		return -1;
	return mnl_socket_setsockopt(nl.mon,
	    join ? NETLINK_ADD_MEMBERSHIP : NETLINK_DROP_MEMBERSHIP, &group,
	    sizeof(group));
}

/* ---- the command socket ---- */

int
vrrp_nl_talk(struct nlmsghdr *nlh)
{
	char buf[NL_ACK_SIZE] __attribute__((aligned(4)));

	if (nl.cmd == NULL)
		return -ENOTCONN;
	nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nlh->nlmsg_seq = ++nl.seq;
	vrrp_nl_ext_msg[0] = '\0';
	if (mnl_socket_sendto(nl.cmd, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	return nl_recv_ack(nlh->nlmsg_seq, buf, sizeof(buf));
}

/* Reads until the ACK (or error) of seq; replies to earlier requests
   (one that timed out) are skipped. */
static int
nl_recv_ack(uint32_t seq, char *buf, size_t size)
{
	const struct nlmsghdr *h;
	ssize_t n;
	int i, len;

	/* bounded: the rest of a failed dump is at most this long */
	for (i = 0; i < 4096; i++) {
		n = mnl_socket_recvfrom(nl.cmd, buf, size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		len = (int)n;
		for (h = (const struct nlmsghdr *)buf; mnl_nlmsg_ok(h, len);
		     h = mnl_nlmsg_next(h, &len))
			if (h->nlmsg_seq == seq && h->nlmsg_type == NLMSG_ERROR)
				return nl_ack_error(h);
	}
	return -EPROTO;
}

/* The error of an ACK (0 for success), keeping the kernel's text. */
static int
nl_ack_error(const struct nlmsghdr *h)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(h);
	unsigned off = sizeof(*e);

	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
		return -EPROTO;
	if (e->error != 0 && (h->nlmsg_flags & NLM_F_ACK_TLVS)) {
		if (!(h->nlmsg_flags & NLM_F_CAPPED))
			off += e->msg.nlmsg_len - sizeof(struct nlmsghdr);
		if (NLMSG_LENGTH(off) < h->nlmsg_len)
			mnl_attr_parse(h, off, ext_attr, NULL);
	}
	return e->error;
}

static int
ext_attr(const struct nlattr *a, void *arg)
{
	(void)arg;
	if (mnl_attr_get_type(a) == NLMSGERR_ATTR_MSG &&
	    mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
		snprintf(vrrp_nl_ext_msg, sizeof(vrrp_nl_ext_msg), "%s",
		    mnl_attr_get_str(a));
	return MNL_CB_OK;
}

/* A dump on the command socket: fn for each message until DONE. */
static int
nl_dump(struct nlmsghdr *nlh, nl_dump_fn fn, void *arg)
{
	static char buf[NL_DUMP_SIZE] __attribute__((aligned(4)));
	const struct nlmsghdr *h;
	uint32_t seq;
	ssize_t n;
	int i, len;

	if (nl.cmd == NULL)
		return -ENOTCONN;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = seq = ++nl.seq;
	if (mnl_socket_sendto(nl.cmd, nlh, nlh->nlmsg_len) < 0)
		return -errno;
	/* bounded: a dump of 100,000 links still ends well before */
	for (i = 0; i < 1000000; i++) {
		n = mnl_socket_recvfrom(nl.cmd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN ? -ETIMEDOUT : -errno;
		len = (int)n;
		for (h = (const struct nlmsghdr *)buf; mnl_nlmsg_ok(h, len);
		     h = mnl_nlmsg_next(h, &len)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR)
				return nl_ack_error(h);
			fn(h, arg);
		}
	}
	return -EPROTO;
}

const char *
vrrp_nl_ifname(int ifindex, char buf[IF_NAMESIZE + 16])
{
	const struct vrrp_link *l = vrrp_nl_link_by_index(ifindex);

	if (l != NULL)
		snprintf(buf, IF_NAMESIZE + 16, "%s", l->name);
	else if (if_indextoname((unsigned)ifindex, buf) == NULL)
		snprintf(buf, IF_NAMESIZE + 16, "ifindex %d", ifindex);
	return buf;
}

/* ---- the link table ---- */

/* Where ifindex is or would go in the sorted table. */
static struct nl_link **
link_slot(int ifindex, bool *exact)
{
	size_t lo = 0, hi = nl.nlinks, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (nl.links[mid]->l.ifindex < ifindex)
			lo = mid + 1;
		else
			hi = mid;
	}
	*exact = lo < nl.nlinks && nl.links[lo]->l.ifindex == ifindex;
	return &nl.links[lo];
}

const struct vrrp_link *
vrrp_nl_link_by_index(int ifindex)
{
	struct nl_link **p;
	bool exact;

	if (nl.nlinks == 0)
		return NULL;
	p = link_slot(ifindex, &exact);
	return exact ? &(*p)->l : NULL;
}

const struct vrrp_link *
vrrp_nl_link_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < nl.nlinks; i++)
		if (strcmp(nl.links[i]->l.name, name) == 0)
			return &nl.links[i]->l;
	return NULL;
}

static int
link_attr(const struct nlattr *a, void *arg)
{
	struct vrrp_link *l = arg;
	size_t len = mnl_attr_get_payload_len(a);

	switch (mnl_attr_get_type(a)) {
	case IFLA_IFNAME:
		if (mnl_attr_validate(a, MNL_TYPE_NUL_STRING) == 0)
			snprintf(l->name, sizeof(l->name), "%s",
			    mnl_attr_get_str(a));
		break;
	case IFLA_ADDRESS:
		/* longer addresses (InfiniBand) are not for VRRP */
		if (len <= sizeof(l->mac)) {
			memcpy(l->mac, mnl_attr_get_payload(a), len);
			l->maclen = (uint8_t)len;
		}
		break;
	case IFLA_MTU:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			l->mtu = mnl_attr_get_u32(a);
		break;
	default:
		break;
	}
	return MNL_CB_OK;
}

/* RTM_NEWLINK (event or dump) and RTM_DELLINK. */
static void
link_msg(const struct nlmsghdr *h, void *arg)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(h);
	struct vrrp_link n;
	struct nl_link **p, *e;
	bool exact, changed;

	(void)arg;
	memset(&n, 0, sizeof(n)); /* padding too: compared by memcmp */
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*ifi)))
		return;
	/* a bridge port's messages (AF_BRIDGE) are about its port, and
	   its DELLINK means "left the bridge", not "deleted" */
	if (ifi->ifi_family == AF_BRIDGE)
		return;
	if (h->nlmsg_type == RTM_DELLINK) {
		link_del(ifi->ifi_index);
		return;
	}
	n.ifindex = ifi->ifi_index;
	n.up = (ifi->ifi_flags & IFF_UP) && (ifi->ifi_flags & IFF_RUNNING);
	mnl_attr_parse(h, sizeof(*ifi), link_attr, &n);
	p = link_slot(n.ifindex, &exact);
	if (!exact) {
		if (nl.nlinks == nl.cap) {
			size_t at = (size_t)(p - nl.links);
			nl.cap = nl.cap ? nl.cap * 2 : 16;
			nl.links =
			    realloc(nl.links, nl.cap * sizeof(*nl.links));
			if (nl.links == NULL)
				fatal("link table");
			p = nl.links + at;
		}
		e = calloc(1, sizeof(*e));
		if (e == NULL)
			fatal("link table");
		memmove(
		    p + 1, p, (size_t)(nl.links + nl.nlinks - p) * sizeof(*p));
		*p = e;
		nl.nlinks++;
		changed = true;
	} else {
		e = *p;
		changed = memcmp(&e->l, &n, sizeof(n)) != 0;
	}
	e->l = n;
	e->gen = nl.gen;
	if (changed && nl.link_fn != NULL)
		nl.link_fn(nl.link_arg, &e->l, false);
}

static void
link_del(int ifindex)
{
	struct nl_link **p, *e;
	bool exact;

	if (nl.nlinks == 0)
		return;
	p = link_slot(ifindex, &exact);
	if (!exact)
		return;
	e = *p;
	memmove(p, p + 1, (size_t)(nl.links + nl.nlinks - p - 1) * sizeof(*p));
	nl.nlinks--;
	if (nl.link_fn != NULL)
		nl.link_fn(nl.link_arg, &e->l, true);
	free(e);
}

/* Dumps every link into the table; links the dump no longer shows are
   gone (an overflowed monitor missed their DELLINK). */
static int
links_dump(void)
{
	char buf[MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct rtgenmsg))]
	    __attribute__((aligned(4)));
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct rtgenmsg *g;
	size_t i;
	int err;

	nlh->nlmsg_type = RTM_GETLINK;
	g = mnl_nlmsg_put_extra_header(nlh, sizeof(*g));
	g->rtgen_family = AF_UNSPEC;
	nl.gen++;
	err = nl_dump(nlh, link_msg, NULL);
	if (err < 0) {
		errno = -err;
		log_warn("netlink link dump");
		return -1;
	}
	for (i = nl.nlinks; i > 0; i--)
		if (nl.links[i - 1]->gen != nl.gen)
			link_del(nl.links[i - 1]->l.ifindex);
	return 0;
}

/* ---- the monitor ---- */

static void
mon_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	char buf[NL_DUMP_SIZE] __attribute__((aligned(4)));
	const struct nlmsghdr *h;
	ssize_t n;
	int i, len;

	(void)loop;
	(void)w;
	(void)revents;
	for (i = 0; i < NL_MON_BATCH; i++) {
		n = mnl_socket_recvfrom(nl.mon, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == ENOBUFS) {
			mon_overflow(buf, sizeof(buf));
			continue;
		}
		if (n < 0) {
			if (errno != EAGAIN)
				log_warn("netlink monitor");
			return;
		}
		len = (int)n;
		for (h = (const struct nlmsghdr *)buf; mnl_nlmsg_ok(h, len);
		     h = mnl_nlmsg_next(h, &len))
			mon_msg(h);
	}
}

/*
 * Events were lost: what is still queued is older than a dump, and
 * replayed after it would bring back links deleted since, so it is
 * dropped and the dump tells the state.  Lost address events are not
 * replayed (the callers of vrrp_nl_watch_addrs see the log line).
 */
static void
mon_overflow(char *buf, size_t size)
{
	int i;

	log_warnx("netlink monitor overflowed: reading all links again");
	for (i = 0; i < 100000; i++)
		if (mnl_socket_recvfrom(nl.mon, buf, size) < 0 &&
		    errno != EINTR && errno != ENOBUFS)
			break;
	links_dump();
}

static void
mon_msg(const struct nlmsghdr *h)
{
	struct addr_msg m;
	const struct cfg_addr *a;

	switch (h->nlmsg_type) {
	case RTM_NEWLINK:
	case RTM_DELLINK:
		link_msg(h, NULL);
		break;
	case RTM_NEWADDR:
	case RTM_DELADDR:
		if (nl.addr_fn == NULL || addr_parse(h, &m) < 0)
			break;
		a = m.local.family != AF_UNSPEC ? &m.local : &m.address;
		nl.addr_fn(nl.addr_arg, (int)m.ifa->ifa_index, a,
		    m.ifa->ifa_prefixlen, h->nlmsg_type == RTM_DELADDR);
		break;
	default:
		break;
	}
}

/* ---- addresses ---- */

static void
put_addr(struct nlmsghdr *nlh, uint16_t type, const struct cfg_addr *a)
{
	mnl_attr_put(nlh, type, a->family == AF_INET ? 4 : 16, &a->u);
}

int
vrrp_nl_addr(bool add, int ifindex, const struct vrrp_ipaddr *a)
{
	char buf[512] __attribute__((aligned(4)));
	const struct vrrp_ipaddr_opts *x = a->x;
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifaddrmsg *ifa;
	struct ifa_cacheinfo ci;
	uint32_t flags = 0;
	int plen, max = a->addr.family == AF_INET ? 32 : 128, err;

	if (a->addr.family != AF_INET && a->addr.family != AF_INET6)
		return addr_log(-EAFNOSUPPORT, add, ifindex, a, 0);
	/* as ip-address(8): with a peer, the peer's prefix is the one */
	plen = x->peer.family != AF_UNSPEC
	    ? (x->peer_prefix >= 0 ? x->peer_prefix : max)
	    : a->prefix >= 0 ? a->prefix
	                     : max;
	nlh->nlmsg_type = add ? RTM_NEWADDR : RTM_DELADDR;
	nlh->nlmsg_flags = add ? NLM_F_CREATE | NLM_F_EXCL : 0;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = (uint8_t)a->addr.family;
	ifa->ifa_prefixlen = (uint8_t)plen;
	ifa->ifa_index = (uint32_t)ifindex;
	ifa->ifa_scope = x->scope >= 0 ? (uint8_t)x->scope : RT_SCOPE_UNIVERSE;
	put_addr(nlh, IFA_LOCAL, &a->addr);
	put_addr(nlh, IFA_ADDRESS,
	    x->peer.family != AF_UNSPEC ? &x->peer : &a->addr);
	if (add) {
		if (a->flags & VRRP_IPA_NODAD)
			flags |= IFA_F_NODAD;
		if (a->flags & VRRP_IPA_HOME)
			flags |= IFA_F_HOMEADDRESS;
		if (a->flags & VRRP_IPA_MNGTMPADDR)
			flags |= IFA_F_MANAGETEMPADDR;
		if (a->flags & VRRP_IPA_NOPREFIXROUTE)
			flags |= IFA_F_NOPREFIXROUTE;
		if (a->flags & VRRP_IPA_AUTOJOIN)
			flags |= IFA_F_MCAUTOJOIN;
		ifa->ifa_flags = (uint8_t)flags;
		if (flags > 0xff)
			mnl_attr_put_u32(nlh, IFA_FLAGS, flags);
		if (x->brd.family == AF_INET && a->addr.family == AF_INET)
			put_addr(nlh, IFA_BROADCAST, &x->brd);
		if (x->label != NULL && a->addr.family == AF_INET)
			mnl_attr_put_strz(nlh, IFA_LABEL, x->label);
		if (x->preferred_lft >= 0) {
			memset(&ci, 0, sizeof(ci));
			ci.ifa_prefered = (uint32_t)x->preferred_lft;
			ci.ifa_valid = UINT32_MAX; /* forever */
			mnl_attr_put(nlh, IFA_CACHEINFO, sizeof(ci), &ci);
		}
	}
	err = vrrp_nl_talk(nlh);
	if (err == -EEXIST && add)
		err = 0;
	if (!add && (err == -EADDRNOTAVAIL || err == -ESRCH || err == -ENOENT))
		err = 0;
	return err < 0 ? addr_log(err, add, ifindex, a, plen) : 0;
}

/* strcmp where NULL (not given) sorts first. */
static int
str_cmp(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

/* Every field vrrp_nl_addr sends (the device by name: "" is the
   owner's), plus a per-address VMAC, which moves it to another device. */
int
vrrp_nl_addr_cmp(const void *pa, const void *pb, void *arg)
{
	const struct vrrp_ipaddr *a = *(const struct vrrp_ipaddr *const *)pa;
	const struct vrrp_ipaddr *b = *(const struct vrrp_ipaddr *const *)pb;
	const struct vrrp_ipaddr_opts *x = a->x, *y = b->x;
	int r;

	(void)arg;
	if ((r = cfg_addr_cmp(&a->addr, &b->addr)) != 0 ||
	    (r = strcmp(x->dev, y->dev)) != 0)
		return r;
	if (a->prefix != b->prefix)
		return a->prefix < b->prefix ? -1 : 1;
	if ((a->flags & ~VRRP_IPA_NO_TRACK) != (b->flags & ~VRRP_IPA_NO_TRACK))
		return (a->flags & ~VRRP_IPA_NO_TRACK) <
		        (b->flags & ~VRRP_IPA_NO_TRACK)
		    ? -1
		    : 1;
	if (x == y)
		return 0; /* most lines share vrrp_ipaddr_no_opts */
	if ((r = cfg_addr_cmp(&x->brd, &y->brd)) != 0 ||
	    (r = cfg_addr_cmp(&x->peer, &y->peer)) != 0)
		return r;
	if (x->peer_prefix != y->peer_prefix)
		return x->peer_prefix < y->peer_prefix ? -1 : 1;
	if (x->scope != y->scope)
		return x->scope < y->scope ? -1 : 1;
	if (x->preferred_lft != y->preferred_lft)
		return x->preferred_lft < y->preferred_lft ? -1 : 1;
	if ((r = str_cmp(x->label, y->label)) != 0)
		return r;
	return str_cmp(x->vmac, y->vmac);
}

static int
addr_log(int err, bool add, int ifindex, const struct vrrp_ipaddr *a, int plen)
{
	char b[INET6_ADDRSTRLEN], ifn[IF_NAMESIZE + 16];

	log_warnx("cannot %s address %s/%d %s %s: %s%s%s",
	    add ? "add" : "delete", cfg_addr_str(&a->addr, "?", b, sizeof(b)),
	    plen, add ? "to" : "from", vrrp_nl_ifname(ifindex, ifn),
	    strerror(-err), vrrp_nl_ext_msg[0] ? ": " : "", vrrp_nl_ext_msg);
	return err;
}

static int
addr_attr(const struct nlattr *a, void *arg)
{
	struct addr_msg *m = arg;
	size_t len = mnl_attr_get_payload_len(a), want;
	struct cfg_addr *dst = NULL;

	switch (mnl_attr_get_type(a)) {
	case IFA_LOCAL:
		dst = &m->local;
		break;
	case IFA_ADDRESS:
		dst = &m->address;
		break;
	case IFA_FLAGS:
		if (mnl_attr_validate(a, MNL_TYPE_U32) == 0)
			m->flags = mnl_attr_get_u32(a);
		break;
	default:
		break;
	}
	want = m->ifa->ifa_family == AF_INET ? 4 : 16;
	if (dst != NULL && len == want) {
		dst->family = m->ifa->ifa_family;
		memcpy(&dst->u, mnl_attr_get_payload(a), len);
	}
	return MNL_CB_OK;
}

static int
addr_parse(const struct nlmsghdr *h, struct addr_msg *m)
{
	memset(m, 0, sizeof(*m));
	if (h->nlmsg_len < NLMSG_LENGTH(sizeof(*m->ifa)))
		return -1;
	m->ifa = mnl_nlmsg_get_payload(h);
	if (m->ifa->ifa_family != AF_INET && m->ifa->ifa_family != AF_INET6)
		return -1;
	m->flags = m->ifa->ifa_flags;
	mnl_attr_parse(h, sizeof(*m->ifa), addr_attr, m);
	return 0;
}

static void
addr_query_msg(const struct nlmsghdr *h, void *arg)
{
	struct addr_query *q = arg;
	struct addr_msg m;
	const struct cfg_addr *a;

	if (addr_parse(h, &m) < 0 || (int)m.ifa->ifa_index != q->ifindex ||
	    m.ifa->ifa_family != q->family)
		return;
	/* IPv4's own address is IFA_LOCAL (IFA_ADDRESS is the peer's) */
	a = m.local.family != AF_UNSPEC ? &m.local : &m.address;
	if (q->want != NULL) {
		if (cfg_addr_cmp(a, q->want) == 0)
			q->found = true;
		return;
	}
	if (q->found && !q->tentative)
		return;
	if (q->family == AF_INET && (m.flags & IFA_F_SECONDARY))
		return;
	if (q->family == AF_INET6 &&
	    (a->u.v6[0] != 0xfe || (a->u.v6[1] & 0xc0) != 0x80 ||
	        (m.flags & IFA_F_DADFAILED)))
		return;
	/* a tentative link-local only if there is no other */
	if (q->found && (m.flags & IFA_F_TENTATIVE))
		return;
	*q->out = *a;
	q->found = true;
	q->tentative = (m.flags & IFA_F_TENTATIVE) != 0;
}

static int
addr_dump(struct addr_query *q)
{
	char buf[MNL_NLMSG_HDRLEN + MNL_ALIGN(sizeof(struct ifaddrmsg))]
	    __attribute__((aligned(4)));
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifaddrmsg *ifa;
	int err;

	nlh->nlmsg_type = RTM_GETADDR;
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = (uint8_t)q->family;
	err = nl_dump(nlh, addr_query_msg, q);
	if (err < 0) {
		errno = -err;
		log_warn("netlink address dump");
	}
	return err;
}

int
vrrp_nl_primary_addr(int ifindex, int family, struct cfg_addr *out)
{
	struct addr_query q = {
		.ifindex = ifindex,
		.family = family,
		.out = out,
	};

	if (addr_dump(&q) < 0 || !q.found)
		return -1;
	return 0;
}

bool
vrrp_nl_addr_present(int ifindex, const struct cfg_addr *a)
{
	struct addr_query q = {
		.ifindex = ifindex,
		.family = a->family,
		.want = a,
	};

	return addr_dump(&q) == 0 && q.found;
}
