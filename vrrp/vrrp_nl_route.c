/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_nl_route.c: routes and rules through rtnetlink; reloading sets. */

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libmnl/libmnl.h>
#include <linux/fib_rules.h>
#include <linux/icmpv6.h>
#include <linux/rtnetlink.h>

#include "log.h"
#include "reconcile.h"
#include "vrrp_nl.h"

/* keepalived marks its routes "proto keepalived"; so do we, so that
   `ip route show proto keepalived` finds them after a switch. */
#define RTPROT_VIGIL 18

/* A config location's file for log lines. */
#define LOC_FILE(loc) ((loc)->file != NULL ? (loc)->file : "?")

/* One word of an ->opts text, NUL-terminated in w. */
struct word {
	char w[64];
};

/* What a route's ->opts text says. */
struct route_x {
	int scope, proto, tos, pref; /* -1: not given */
	int64_t expires, realms; /* -1: not given */
	unsigned flags; /* RTNH_F_* */
	uint32_t metric[RTAX_MAX + 1];
	uint32_t metric_set; /* bit per RTAX_* */
	char congctl[16];
};

/* What a rule's ->opts text says. */
struct rule_x {
	int action, tos, ipproto, proto; /* -1: not given */
	int64_t fwmark, fwmask, goto_prio, realms, suppress_plen, suppress_grp;
	uint32_t flags; /* FIB_RULE_* */
	char iif[IF_NAMESIZE], oif[IF_NAMESIZE];
	bool l3mdev;
	struct fib_rule_uid_range uid;
	bool has_uid;
	struct fib_rule_port_range sport, dport;
	bool has_sport, has_dport;
};

static bool next_word(const char **s, struct word *);
static int get_u32(const char *, int base, uint32_t max, int64_t *);
static int get_range(const char *, uint32_t max, uint32_t *lo, uint32_t *hi);
static int named(const char *, const char *const names[], int n, int *out);
static int route_opts(const struct vrrp_route *, struct route_x *);
static int route_opt(const char *, const char *, struct route_x *);
static int route_metric(const char *, const char *, struct route_x *);
static void route_put(struct nlmsghdr *, const struct vrrp_route *, int family,
    const struct route_x *, int oif);
static void route_multipath(struct nlmsghdr *, const struct vrrp_route *, int);
static int rule_opts(const struct vrrp_rule *, struct rule_x *);
static int rule_opt(const char *, const char *, struct rule_x *);
static int rule_flag(const char *, struct rule_x *);
static int rule_range(const char *, const char *, struct rule_x *);
static void rule_put(struct nlmsghdr *, const struct vrrp_rule *, bool add,
    const struct rule_x *);
static int opt_fail(int err, const char *what, const char *opt, const char *val,
    const struct cfg_loc *);
static int addr_len(int family);
static uint32_t route_table(const struct vrrp_route *);
static int route_oif(bool add, const struct vrrp_route *, int default_ifindex);
static void route_hdr(struct rtmsg *, bool add, const struct vrrp_route *,
    int family, const struct route_x *);
static void put_addr(struct nlmsghdr *, uint16_t, const struct cfg_addr *);
static int str_cmp(const char *, const char *);
static int i64_cmp(int64_t, int64_t);
static int
owner_ifindex(const struct vrrp_nl_set *, const struct vrrp_ipaddr *);
static const void **join_addrs(const struct vrrp_nl_set *, size_t *);
static void addr_out(const void *, void *);
static void addr_in(const void *, void *);
static void route_out(const void *, void *);
static void route_in(const void *, void *);
static void route_again(const void *, const void *, void *);
static void rule_out(const void *, void *);
static void rule_in(const void *, void *);
static void diff(struct reconcile_diff *, const struct cfg_vec *,
    const struct cfg_vec *, const struct reconcile_ops *, void *);

static const char *const scope_names[256] = {
	[RT_SCOPE_UNIVERSE] = "global",
	[RT_SCOPE_SITE] = "site",
	[RT_SCOPE_LINK] = "link",
	[RT_SCOPE_HOST] = "host",
	[RT_SCOPE_NOWHERE] = "nowhere",
};

/* iproute2's rt_protos names for the protocols routing daemons use. */
static const char *const proto_names[256] = {
	[RTPROT_REDIRECT] = "redirect",
	[RTPROT_KERNEL] = "kernel",
	[RTPROT_BOOT] = "boot",
	[RTPROT_STATIC] = "static",
	[RTPROT_RA] = "ra",
	[RTPROT_DHCP] = "dhcp",
	[RTPROT_VIGIL] = "keepalived",
	[RTPROT_ZEBRA] = "zebra",
	[RTPROT_BIRD] = "bird",
	[RTPROT_BABEL] = "babel",
	[RTPROT_BGP] = "bgp",
	[RTPROT_ISIS] = "isis",
	[RTPROT_OSPF] = "ospf",
	[RTPROT_RIP] = "rip",
	[RTPROT_EIGRP] = "eigrp",
};

static const char *const ipproto_names[256] = {
	[1] = "icmp",
	[6] = "tcp",
	[17] = "udp",
	[58] = "ipv6-icmp",
	[132] = "sctp",
};

/* Route metrics (RTA_METRICS) given as one plain number. */
static const struct {
	const char *name;
	int rtax;
} metric_names[] = {
	{ "mtu", RTAX_MTU },
	{ "advmss", RTAX_ADVMSS },
	{ "reordering", RTAX_REORDERING },
	{ "window", RTAX_WINDOW },
	{ "cwnd", RTAX_CWND },
	{ "ssthresh", RTAX_SSTHRESH },
	{ "initcwnd", RTAX_INITCWND },
	{ "initrwnd", RTAX_INITRWND },
	{ "hoplimit", RTAX_HOPLIMIT },
	{ "quickack", RTAX_QUICKACK },
	{ "fastopen_no_cookie", RTAX_FASTOPEN_NO_COOKIE },
};

/* The next space-separated word of *s; false at the end.  Words longer
   than a word holds come out cut, and then fail as values. */
static bool
next_word(const char **s, struct word *w)
{
	size_t n;

	*s += strspn(*s, " \t");
	n = strcspn(*s, " \t");
	if (n == 0)
		return false;
	snprintf(w->w, sizeof(w->w), "%.*s", (int)n, *s);
	*s += n;
	return true;
}

static int
get_u32(const char *s, int base, uint32_t max, int64_t *out)
{
	unsigned long long v;
	char *end;

	if (s[0] == '\0' || s[0] == '-')
		return -1;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno != 0 || *end != '\0' || v > max)
		return -1;
	*out = (int64_t)v;
	return 0;
}

/* N or N-M (ports, uids). */
static int
get_range(const char *s, uint32_t max, uint32_t *lo, uint32_t *hi)
{
	char buf[64];
	char *dash;
	int64_t a, b;

	snprintf(buf, sizeof(buf), "%s", s);
	dash = strchr(buf, '-');
	if (dash != NULL)
		*dash = '\0';
	if (get_u32(buf, 10, max, &a) < 0)
		return -1;
	b = a;
	if (dash != NULL && (get_u32(dash + 1, 10, max, &b) < 0 || b < a))
		return -1;
	*lo = (uint32_t)a;
	*hi = (uint32_t)b;
	return 0;
}

/* A name of the table, or a number below n. */
static int
named(const char *s, const char *const names[], int n, int *out)
{
	int64_t v;
	int i;

	for (i = 0; i < n; i++)
		if (names[i] != NULL && strcmp(names[i], s) == 0) {
			*out = i;
			return 0;
		}
	if (get_u32(s, 0, (uint32_t)n - 1, &v) < 0)
		return -1;
	*out = (int)v;
	return 0;
}

static int
opt_fail(int err, const char *what, const char *opt, const char *val,
    const struct cfg_loc *loc)
{
	if (err == -EOPNOTSUPP)
		log_warnx("%s:%u: %s option '%s' is not supported",
		    LOC_FILE(loc), loc->line, what, opt);
	else
		log_warnx("%s:%u: invalid value '%s' for %s option '%s'",
		    LOC_FILE(loc), loc->line, val ? val : "", what, opt);
	return err;
}

static int
addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

static void
put_addr(struct nlmsghdr *nlh, uint16_t type, const struct cfg_addr *a)
{
	mnl_attr_put(nlh, type, (size_t)addr_len(a->family), &a->u);
}

/* ---- routes ---- */

/* A metric option; 1 when name is none. */
static int
route_metric(const char *name, const char *val, struct route_x *x)
{
	int64_t v;
	size_t i;

	if (strcmp(name, "features") == 0) {
		if (strcmp(val, "ecn") != 0)
			return -EINVAL;
		x->metric[RTAX_FEATURES] |= RTAX_FEATURE_ECN;
		x->metric_set |= 1u << RTAX_FEATURES;
		return 0;
	}
	if (strcmp(name, "congctl") == 0) {
		if (strlen(val) >= sizeof(x->congctl))
			return -EINVAL;
		strcpy(x->congctl, val);
		return 0;
	}
	for (i = 0; i < sizeof(metric_names) / sizeof(metric_names[0]); i++)
		if (strcmp(metric_names[i].name, name) == 0) {
			if (get_u32(val, 10, UINT32_MAX, &v) < 0)
				return -EINVAL;
			x->metric[metric_names[i].rtax] = (uint32_t)v;
			x->metric_set |= 1u << metric_names[i].rtax;
			return 0;
		}
	return 1;
}

/* One option of a route: name and its value (NULL for a flag). */
static int
route_opt(const char *name, const char *val, struct route_x *x)
{
	static const char *const prefs[] = {
		[ICMPV6_ROUTER_PREF_MEDIUM] = "medium",
		[ICMPV6_ROUTER_PREF_HIGH] = "high",
		[ICMPV6_ROUTER_PREF_LOW] = "low",
	};
	int64_t v;
	int r;

	if (strcmp(name, "onlink") == 0) {
		x->flags |= RTNH_F_ONLINK;
		return 0;
	}
	if (val == NULL)
		return -EOPNOTSUPP; /* nexthop, pervasive, lock */
	if (strcmp(name, "scope") == 0)
		return named(val, scope_names, 256, &x->scope) < 0 ? -EINVAL
		                                                   : 0;
	if (strcmp(name, "proto") == 0 || strcmp(name, "protocol") == 0)
		return named(val, proto_names, 256, &x->proto) < 0 ? -EINVAL
		                                                   : 0;
	if (strcmp(name, "tos") == 0 || strcmp(name, "dsfield") == 0) {
		if (get_u32(val, 16, 255, &v) < 0)
			return -EINVAL;
		x->tos = (int)v;
		return 0;
	}
	if (strcmp(name, "pref") == 0)
		return named(val, prefs, 4, &x->pref) < 0 ? -EINVAL : 0;
	if (strcmp(name, "expires") == 0)
		return get_u32(val, 10, UINT32_MAX, &x->expires) < 0 ? -EINVAL
		                                                     : 0;
	if (strcmp(name, "realms") == 0)
		return get_u32(val, 0, UINT32_MAX, &x->realms) < 0 ? -EINVAL
		                                                   : 0;
	r = route_metric(name, val, x);
	return r <= 0 ? r : -EOPNOTSUPP;
}

/* Options that take no value in ->opts (the grammar's 0-arg ones). */
static bool
is_flag(const char *name)
{
	return strcmp(name, "onlink") == 0 || strcmp(name, "nexthop") == 0 ||
	    strcmp(name, "pervasive") == 0 || strcmp(name, "lock") == 0 ||
	    strcmp(name, "not") == 0 || strcmp(name, "l3mdev") == 0 ||
	    strcmp(name, "blackhole") == 0 ||
	    strcmp(name, "unreachable") == 0 || strcmp(name, "prohibit") == 0 ||
	    strcmp(name, "nop") == 0;
}

static int
route_opts(const struct vrrp_route *r, struct route_x *x)
{
	struct word name, val;
	const char *s = r->opts;
	bool has_val;
	int err;

	memset(x, 0, sizeof(*x));
	x->scope = x->proto = x->tos = x->pref = -1;
	x->expires = x->realms = -1;
	while (s != NULL && next_word(&s, &name)) {
		has_val = !is_flag(name.w) && next_word(&s, &val);
		err = route_opt(name.w, has_val ? val.w : NULL, x);
		if (err < 0)
			return opt_fail(err, "route", name.w,
			    has_val ? val.w : NULL, &r->loc);
	}
	return 0;
}

/* "via A or B": two equal next hops (keepalived's old multipath). */
static void
route_multipath(struct nlmsghdr *nlh, const struct vrrp_route *r, int oif)
{
	const struct cfg_addr *gw[2] = { &r->via, &r->or_via };
	struct nlattr *mp = mnl_attr_nest_start(nlh, RTA_MULTIPATH);
	struct rtnexthop *nh;
	int i;

	for (i = 0; i < 2; i++) {
		nh = mnl_nlmsg_put_extra_header(nlh, sizeof(*nh));
		nh->rtnh_ifindex = oif > 0 ? oif : 0;
		put_addr(nlh, RTA_GATEWAY, gw[i]);
		nh->rtnh_len =
		    (unsigned short)((char *)mnl_nlmsg_get_payload_tail(nlh) -
		        (char *)nh);
	}
	mnl_attr_nest_end(nlh, mp);
}

static void
route_put(struct nlmsghdr *nlh, const struct vrrp_route *r, int family,
    const struct route_x *x, int oif)
{
	struct nlattr *m;
	struct {
		uint16_t family;
		uint8_t addr[16];
	} via;
	int i;

	if (r->dst.family != AF_UNSPEC)
		put_addr(nlh, RTA_DST, &r->dst);
	if (r->src.family != AF_UNSPEC)
		put_addr(nlh, RTA_PREFSRC, &r->src);
	if (r->or_via.family != AF_UNSPEC && r->via.family == family)
		route_multipath(nlh, r, oif);
	else if (r->via.family == family)
		put_addr(nlh, RTA_GATEWAY, &r->via);
	else if (r->via.family != AF_UNSPEC) {
		/* an IPv4 route via an IPv6 gateway (RFC 5549) */
		via.family = (uint16_t)r->via.family;
		memcpy(via.addr, &r->via.u, (size_t)addr_len(r->via.family));
		mnl_attr_put(nlh, RTA_VIA,
		    sizeof(via.family) + (size_t)addr_len(r->via.family), &via);
	}
	if (oif > 0 && r->or_via.family == AF_UNSPEC)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)oif);
	mnl_attr_put_u32(nlh, RTA_TABLE, route_table(r));
	if (r->metric >= 0)
		mnl_attr_put_u32(nlh, RTA_PRIORITY, (uint32_t)r->metric);
	if (x->pref >= 0)
		mnl_attr_put_u8(nlh, RTA_PREF, (uint8_t)x->pref);
	if (x->expires >= 0)
		mnl_attr_put_u32(nlh, RTA_EXPIRES, (uint32_t)x->expires);
	if (x->realms >= 0)
		mnl_attr_put_u32(nlh, RTA_FLOW, (uint32_t)x->realms);
	if (x->metric_set == 0 && x->congctl[0] == '\0')
		return;
	m = mnl_attr_nest_start(nlh, RTA_METRICS);
	for (i = 1; i <= RTAX_MAX; i++)
		if (x->metric_set & (1u << i))
			mnl_attr_put_u32(nlh, (uint16_t)i, x->metric[i]);
	if (x->congctl[0] != '\0')
		mnl_attr_put_strz(nlh, RTAX_CC_ALGO, x->congctl);
	mnl_attr_nest_end(nlh, m);
}

/* The table: as ip-route(8), local, broadcast and nat routes go to the
   local table unless one is named. */
static uint32_t
route_table(const struct vrrp_route *r)
{
	if (r->table >= 0)
		return (uint32_t)r->table;
	if (r->type == RTN_LOCAL || r->type == RTN_BROADCAST ||
	    r->type == RTN_NAT)
		return RT_TABLE_LOCAL;
	return RT_TABLE_MAIN;
}

/* The interface: dev, else the instance's for a route that names no
   gateway and needs a device.  0 for none, -ENODEV. */
static int
route_oif(bool add, const struct vrrp_route *r, int default_ifindex)
{
	const struct vrrp_link *l;
	int oif;

	if (r->dev[0] == '\0')
		return r->via.family == AF_UNSPEC &&
		        (r->type == RTN_UNICAST || r->type == RTN_LOCAL ||
		            r->type == RTN_BROADCAST ||
		            r->type == RTN_ANYCAST || r->type == RTN_MULTICAST)
		    ? default_ifindex
		    : 0;
	l = vrrp_nl_link_by_name(r->dev);
	oif = l != NULL ? l->ifindex : (int)if_nametoindex(r->dev);
	if (oif == 0) {
		log_warnx("%s:%u: cannot %s route: no interface %s",
		    LOC_FILE(&r->loc), r->loc.line, add ? "add" : "delete",
		    r->dev);
		return -ENODEV;
	}
	return oif;
}

/* The rtmsg: ip-route(8)'s defaults when adding, the kernel's
   wildcards (any type, any scope) when deleting. */
static void
route_hdr(struct rtmsg *rtm, bool add, const struct vrrp_route *r, int family,
    const struct route_x *x)
{
	bool gw = r->via.family != AF_UNSPEC;

	rtm->rtm_family = (uint8_t)family;
	rtm->rtm_dst_len = r->dst.family == AF_UNSPEC ? 0
	    : r->dst_prefix >= 0                      ? (uint8_t)r->dst_prefix
	                         : (uint8_t)(addr_len(family) * 8);
	rtm->rtm_tos = x->tos >= 0 ? (uint8_t)x->tos : 0;
	rtm->rtm_table =
	    route_table(r) < 256 ? (uint8_t)route_table(r) : RT_TABLE_UNSPEC;
	rtm->rtm_protocol = x->proto >= 0 ? (uint8_t)x->proto : RTPROT_VIGIL;
	rtm->rtm_flags = x->flags;
	if (!add) {
		rtm->rtm_type = r->type == RTN_UNICAST ? 0 : (uint8_t)r->type;
		rtm->rtm_scope = RT_SCOPE_NOWHERE;
	} else {
		rtm->rtm_type = (uint8_t)r->type;
		if (r->type == RTN_LOCAL || r->type == RTN_NAT)
			rtm->rtm_scope = RT_SCOPE_HOST;
		else if (r->type == RTN_BROADCAST || r->type == RTN_MULTICAST ||
		    r->type == RTN_ANYCAST || (r->type == RTN_UNICAST && !gw))
			rtm->rtm_scope = RT_SCOPE_LINK;
		else
			rtm->rtm_scope = RT_SCOPE_UNIVERSE;
	}
	if (x->scope >= 0)
		rtm->rtm_scope = (uint8_t)x->scope;
}

int
vrrp_nl_route(bool add, const struct vrrp_route *r, int default_ifindex)
{
	char buf[1024] __attribute__((aligned(4)));
	char b[INET6_ADDRSTRLEN], ifn[IF_NAMESIZE + 16];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct route_x x;
	struct rtmsg *rtm;
	int family, oif, err;

	err = route_opts(r, &x);
	if (err < 0)
		return err;
	oif = route_oif(add, r, default_ifindex);
	if (oif < 0)
		return oif;
	family = r->dst.family != AF_UNSPEC ? r->dst.family
	    : r->src.family != AF_UNSPEC    ? r->src.family
	    : r->via.family != AF_UNSPEC    ? r->via.family
	                                    : AF_INET;
	nlh->nlmsg_type = add ? RTM_NEWROUTE : RTM_DELROUTE;
	/* no EXCL, as keepalived: an equal route there already is ours */
	nlh->nlmsg_flags = add ? NLM_F_CREATE : 0;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	route_hdr(rtm, add, r, family, &x);
	route_put(nlh, r, family, &x, oif);
	err = vrrp_nl_talk(nlh);
	if ((add && err == -EEXIST) || (!add && err == -ESRCH))
		err = 0;
	if (err < 0)
		log_warnx("%s:%u: cannot %s route %s/%d%s%s: %s%s%s",
		    LOC_FILE(&r->loc), r->loc.line, add ? "add" : "delete",
		    r->dst.family == AF_UNSPEC
		        ? "default"
		        : cfg_addr_str(&r->dst, "?", b, sizeof(b)),
		    rtm->rtm_dst_len, oif > 0 ? " dev " : "",
		    oif > 0 ? vrrp_nl_ifname(oif, ifn) : "", strerror(-err),
		    vrrp_nl_ext_msg[0] ? ": " : "", vrrp_nl_ext_msg);
	return err;
}

/* ---- rules ---- */

/* A rule option without a value; 1 when name is none. */
static int
rule_flag(const char *name, struct rule_x *x)
{
	static const struct {
		const char *name;
		int action;
	} actions[] = {
		{ "blackhole", FR_ACT_BLACKHOLE },
		{ "unreachable", FR_ACT_UNREACHABLE },
		{ "prohibit", FR_ACT_PROHIBIT },
		{ "nop", FR_ACT_NOP },
	};
	size_t i;

	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(name, actions[i].name) == 0) {
			x->action = actions[i].action;
			return 0;
		}
	if (strcmp(name, "not") == 0)
		x->flags |= FIB_RULE_INVERT;
	else if (strcmp(name, "l3mdev") == 0)
		x->l3mdev = true;
	else
		return 1;
	return 0;
}

/* fwmark N[/M], uidrange, sport, dport (N[-M]), iif, oif; 1 when name
   is none of them. */
static int
rule_range(const char *name, const char *val, struct rule_x *x)
{
	struct fib_rule_port_range *pr;
	uint32_t lo, hi;
	char buf[64], *slash;

	if (strcmp(name, "fwmark") == 0) {
		snprintf(buf, sizeof(buf), "%s", val);
		slash = strchr(buf, '/');
		if (slash != NULL)
			*slash++ = '\0';
		return get_u32(buf, 0, UINT32_MAX, &x->fwmark) < 0 ||
		        (slash != NULL &&
		            get_u32(slash, 0, UINT32_MAX, &x->fwmask) < 0)
		    ? -EINVAL
		    : 0;
	}
	if (strcmp(name, "iif") == 0 || strcmp(name, "oif") == 0) {
		if (strlen(val) >= IF_NAMESIZE)
			return -EINVAL;
		strcpy(name[0] == 'i' ? x->iif : x->oif, val);
		return 0;
	}
	if (strcmp(name, "uidrange") == 0) {
		x->has_uid = true;
		return get_range(val, UINT32_MAX, &x->uid.start, &x->uid.end);
	}
	if (strcmp(name, "sport") != 0 && strcmp(name, "dport") != 0)
		return 1;
	if (get_range(val, 65535, &lo, &hi) < 0)
		return -EINVAL;
	pr = name[0] == 's' ? &x->sport : &x->dport;
	*(name[0] == 's' ? &x->has_sport : &x->has_dport) = true;
	pr->start = (uint16_t)lo;
	pr->end = (uint16_t)hi;
	return 0;
}

/* One option of a rule: name and its value (NULL for a flag). */
static int
rule_opt(const char *name, const char *val, struct rule_x *x)
{
	int64_t v;
	int r;

	r = rule_flag(name, x);
	if (r <= 0)
		return r;
	if (val == NULL)
		return -EINVAL;
	r = rule_range(name, val, x);
	if (r <= 0)
		return r < 0 ? -EINVAL : 0;
	if (strcmp(name, "tos") == 0 || strcmp(name, "dsfield") == 0) {
		if (get_u32(val, 16, 255, &v) < 0)
			return -EINVAL;
		x->tos = (int)v;
		return 0;
	}
	if (strcmp(name, "ipproto") == 0)
		r = named(val, ipproto_names, 256, &x->ipproto);
	else if (strcmp(name, "protocol") == 0)
		r = named(val, proto_names, 256, &x->proto);
	else if (strcmp(name, "goto") == 0) {
		x->action = FR_ACT_GOTO;
		r = get_u32(val, 10, UINT32_MAX, &x->goto_prio);
	} else if (strcmp(name, "realms") == 0)
		r = get_u32(val, 0, UINT32_MAX, &x->realms);
	else if (strcmp(name, "suppress_prefixlength") == 0)
		r = get_u32(val, 10, 128, &x->suppress_plen);
	else if (strcmp(name, "suppress_ifgroup") == 0)
		r = get_u32(val, 0, INT32_MAX, &x->suppress_grp);
	else
		return -EOPNOTSUPP;
	return r < 0 ? -EINVAL : 0;
}

static int
rule_opts(const struct vrrp_rule *r, struct rule_x *x)
{
	struct word name, val;
	const char *s = r->opts;
	bool has_val;
	int err;

	memset(x, 0, sizeof(*x));
	x->action = x->tos = x->ipproto = x->proto = -1;
	x->fwmark = x->fwmask = x->goto_prio = x->realms = -1;
	x->suppress_plen = x->suppress_grp = -1;
	while (s != NULL && next_word(&s, &name)) {
		has_val = !is_flag(name.w) && next_word(&s, &val);
		err = rule_opt(name.w, has_val ? val.w : NULL, x);
		if (err < 0)
			return opt_fail(err, "rule", name.w,
			    has_val ? val.w : NULL, &r->loc);
	}
	return 0;
}

static void
rule_put(struct nlmsghdr *nlh, const struct vrrp_rule *r, bool add,
    const struct rule_x *x)
{
	if (r->from.family != AF_UNSPEC)
		put_addr(nlh, FRA_SRC, &r->from);
	if (r->to.family != AF_UNSPEC)
		put_addr(nlh, FRA_DST, &r->to);
	if (r->priority >= 0)
		mnl_attr_put_u32(nlh, FRA_PRIORITY, (uint32_t)r->priority);
	if (r->table >= 0)
		mnl_attr_put_u32(nlh, FRA_TABLE, (uint32_t)r->table);
	else if (add && (x->action < 0 || x->action == FR_ACT_TO_TBL))
		mnl_attr_put_u32(nlh, FRA_TABLE, RT_TABLE_MAIN);
	if (x->fwmark >= 0)
		mnl_attr_put_u32(nlh, FRA_FWMARK, (uint32_t)x->fwmark);
	if (x->fwmask >= 0)
		mnl_attr_put_u32(nlh, FRA_FWMASK, (uint32_t)x->fwmask);
	if (x->iif[0] != '\0')
		mnl_attr_put_strz(nlh, FRA_IFNAME, x->iif);
	if (x->oif[0] != '\0')
		mnl_attr_put_strz(nlh, FRA_OIFNAME, x->oif);
	if (x->l3mdev)
		mnl_attr_put_u8(nlh, FRA_L3MDEV, 1);
	if (x->has_uid)
		mnl_attr_put(nlh, FRA_UID_RANGE, sizeof(x->uid), &x->uid);
	if (x->has_sport)
		mnl_attr_put(nlh, FRA_SPORT_RANGE, sizeof(x->sport), &x->sport);
	if (x->has_dport)
		mnl_attr_put(nlh, FRA_DPORT_RANGE, sizeof(x->dport), &x->dport);
	if (x->ipproto >= 0)
		mnl_attr_put_u8(nlh, FRA_IP_PROTO, (uint8_t)x->ipproto);
	if (x->proto >= 0)
		mnl_attr_put_u8(nlh, FRA_PROTOCOL, (uint8_t)x->proto);
	if (x->goto_prio >= 0)
		mnl_attr_put_u32(nlh, FRA_GOTO, (uint32_t)x->goto_prio);
	if (x->realms >= 0)
		mnl_attr_put_u32(nlh, FRA_FLOW, (uint32_t)x->realms);
	if (x->suppress_plen >= 0)
		mnl_attr_put_u32(
		    nlh, FRA_SUPPRESS_PREFIXLEN, (uint32_t)x->suppress_plen);
	if (x->suppress_grp >= 0)
		mnl_attr_put_u32(
		    nlh, FRA_SUPPRESS_IFGROUP, (uint32_t)x->suppress_grp);
}

int
vrrp_nl_rule(bool add, const struct vrrp_rule *r)
{
	char buf[512] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct fib_rule_hdr *frh;
	struct rule_x x;
	int family = r->family != AF_UNSPEC ? r->family : AF_INET, err;

	err = rule_opts(r, &x);
	if (err < 0)
		return err;
	nlh->nlmsg_type = add ? RTM_NEWRULE : RTM_DELRULE;
	nlh->nlmsg_flags = add ? NLM_F_CREATE | NLM_F_EXCL : 0;
	frh = mnl_nlmsg_put_extra_header(nlh, sizeof(*frh));
	frh->family = (uint8_t)family;
	if (r->from.family != AF_UNSPEC)
		frh->src_len = r->from_prefix >= 0
		    ? (uint8_t)r->from_prefix
		    : (uint8_t)(addr_len(family) * 8);
	if (r->to.family != AF_UNSPEC)
		frh->dst_len = r->to_prefix >= 0
		    ? (uint8_t)r->to_prefix
		    : (uint8_t)(addr_len(family) * 8);
	frh->tos = x.tos >= 0 ? (uint8_t)x.tos : 0;
	frh->table = r->table >= 0 && r->table < 256 ? (uint8_t)r->table : 0;
	/* unset fields are the kernel's wildcards when deleting */
	frh->action = x.action >= 0 ? (uint8_t)x.action
	    : add                   ? FR_ACT_TO_TBL
	                            : FR_ACT_UNSPEC;
	frh->flags = x.flags;
	rule_put(nlh, r, add, &x);
	err = vrrp_nl_talk(nlh);
	if ((add && err == -EEXIST) || (!add && err == -ENOENT))
		err = 0;
	if (err < 0)
		log_warnx("%s:%u: cannot %s rule: %s%s%s", LOC_FILE(&r->loc),
		    r->loc.line, add ? "add" : "delete", strerror(-err),
		    vrrp_nl_ext_msg[0] ? ": " : "", vrrp_nl_ext_msg);
	return err;
}

/* ---- reloads: comparing and syncing sets ---- */

/* strcmp where NULL (not given) sorts first. */
static int
str_cmp(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
i64_cmp(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

int
vrrp_nl_route_cmp(const void *pa, const void *pb, void *arg)
{
	const struct vrrp_route *a = *(const struct vrrp_route *const *)pa;
	const struct vrrp_route *b = *(const struct vrrp_route *const *)pb;
	int r;

	(void)arg;
	if ((r = cfg_addr_cmp(&a->dst, &b->dst)) != 0 ||
	    (r = i64_cmp(a->dst_prefix, b->dst_prefix)) != 0 ||
	    (r = i64_cmp(a->table, b->table)) != 0 ||
	    (r = i64_cmp(a->metric, b->metric)) != 0 ||
	    (r = i64_cmp(a->type, b->type)) != 0 ||
	    (r = cfg_addr_cmp(&a->src, &b->src)) != 0 ||
	    (r = cfg_addr_cmp(&a->via, &b->via)) != 0 ||
	    (r = cfg_addr_cmp(&a->or_via, &b->or_via)) != 0 ||
	    (r = strcmp(a->dev, b->dev)) != 0)
		return r;
	return str_cmp(a->opts, b->opts);
}

int
vrrp_nl_rule_cmp(const void *pa, const void *pb, void *arg)
{
	const struct vrrp_rule *a = *(const struct vrrp_rule *const *)pa;
	const struct vrrp_rule *b = *(const struct vrrp_rule *const *)pb;
	int r;

	(void)arg;
	if ((r = i64_cmp(a->family, b->family)) != 0 ||
	    (r = cfg_addr_cmp(&a->from, &b->from)) != 0 ||
	    (r = i64_cmp(a->from_prefix, b->from_prefix)) != 0 ||
	    (r = cfg_addr_cmp(&a->to, &b->to)) != 0 ||
	    (r = i64_cmp(a->to_prefix, b->to_prefix)) != 0 ||
	    (r = i64_cmp(a->table, b->table)) != 0 ||
	    (r = i64_cmp(a->priority, b->priority)) != 0)
		return r;
	return str_cmp(a->opts, b->opts);
}

/* The two sets of one vrrp_nl_sync, and what it did. */
struct sync_ctx {
	const struct vrrp_nl_set *old, *new;
	unsigned changes;
};

/* Routes and rules are removed and added; a route both sets keep is
   added again (route_again) after addresses went. */
static const struct reconcile_ops addr_ops = {
	.size = sizeof(void *),
	.cmp = vrrp_nl_addr_cmp,
	.remove = addr_out,
	.add = addr_in,
};
static const struct reconcile_ops route_ops = {
	.size = sizeof(void *),
	.cmp = vrrp_nl_route_cmp,
	.remove = route_out,
	.add = route_in,
};
static const struct reconcile_ops route_again_ops = {
	.size = sizeof(void *),
	.cmp = vrrp_nl_route_cmp,
	.keep = route_again,
};
static const struct reconcile_ops rule_ops = {
	.size = sizeof(void *),
	.cmp = vrrp_nl_rule_cmp,
	.remove = rule_out,
	.add = rule_in,
};

/* The device of an address line: its dev, else the owner's. */
static int
owner_ifindex(const struct vrrp_nl_set *s, const struct vrrp_ipaddr *a)
{
	const struct vrrp_link *l;

	if (a->x->dev[0] == '\0')
		return s->ifindex;
	l = vrrp_nl_link_by_name(a->x->dev);
	return l != NULL ? l->ifindex : 0;
}

/* VIPs and eVIPs are one set: an address that moves from one list to
   the other stays in the kernel. */
static const void **
join_addrs(const struct vrrp_nl_set *s, size_t *n)
{
	size_t n1 = s->addrs != NULL ? s->addrs->n : 0;
	size_t n2 = s->addrs2 != NULL ? s->addrs2->n : 0;
	const void **v = malloc((n1 + n2 + 1) * sizeof(*v));

	if (v == NULL)
		fatal("malloc");
	if (n1 > 0)
		memcpy(v, s->addrs->v, n1 * sizeof(*v));
	if (n2 > 0)
		memcpy(v + n1, s->addrs2->v, n2 * sizeof(*v));
	*n = n1 + n2;
	return v;
}

static void
addr_out(const void *e, void *p)
{
	struct sync_ctx *c = p;
	const struct vrrp_ipaddr *a = *(const struct vrrp_ipaddr *const *)e;

	vrrp_nl_addr(false, owner_ifindex(c->old, a), a);
	c->changes++;
}

static void
addr_in(const void *e, void *p)
{
	struct sync_ctx *c = p;
	const struct vrrp_ipaddr *a = *(const struct vrrp_ipaddr *const *)e;

	vrrp_nl_addr(true, owner_ifindex(c->new, a), a);
	c->changes++;
}

static void
route_out(const void *e, void *p)
{
	struct sync_ctx *c = p;

	vrrp_nl_route(
	    false, *(const struct vrrp_route *const *)e, c->old->ifindex);
	c->changes++;
}

static void
route_in(const void *e, void *p)
{
	struct sync_ctx *c = p;

	vrrp_nl_route(
	    true, *(const struct vrrp_route *const *)e, c->new->ifindex);
	c->changes++;
}

/* An add of a route that is there is answered EEXIST and changes
   nothing (no NLM_F_EXCL, no event): not counted. */
static void
route_again(const void *old, const void *e, void *p)
{
	struct sync_ctx *c = p;

	(void)old;
	vrrp_nl_route(
	    true, *(const struct vrrp_route *const *)e, c->new->ifindex);
}

static void
rule_out(const void *e, void *p)
{
	struct sync_ctx *c = p;

	vrrp_nl_rule(false, *(const struct vrrp_rule *const *)e);
	c->changes++;
}

static void
rule_in(const void *e, void *p)
{
	struct sync_ctx *c = p;

	vrrp_nl_rule(true, *(const struct vrrp_rule *const *)e);
	c->changes++;
}

static void
diff(struct reconcile_diff *d, const struct cfg_vec *old,
    const struct cfg_vec *new, const struct reconcile_ops *ops, void *arg)
{
	if (reconcile_diff(d, old != NULL ? old->v : NULL,
	        old != NULL ? old->n : 0, new != NULL ? new->v : NULL,
	        new != NULL ? new->n : 0, ops, arg) < 0)
		fatalx("out of memory");
}

unsigned
vrrp_nl_sync(const struct vrrp_nl_set *old, const struct vrrp_nl_set *new,
    unsigned phases, vrrp_nl_added_fn added, void *arg)
{
	static const struct vrrp_nl_set none;
	struct sync_ctx c = { old ? old : &none, new ? new : &none, 0 };
	struct reconcile_diff da, dr, du;
	const struct reconcile_step *s;
	const struct vrrp_ipaddr *a;
	const void **oa, **na;
	size_t noa, nna;

	oa = join_addrs(c.old, &noa);
	na = join_addrs(c.new, &nna);
	if (reconcile_diff(&da, oa, noa, na, nna, &addr_ops, &c) < 0)
		fatalx("out of memory");
	diff(&dr, c.old->routes, c.new->routes, &route_ops, &c);
	diff(&du, c.old->rules, c.new->rules, &rule_ops, &c);
	if (phases & RECONCILE_REMOVALS) {
		reconcile_apply(&du, RECONCILE_REMOVALS, &rule_ops, &c);
		reconcile_apply(&dr, RECONCILE_REMOVALS, &route_ops, &c);
		reconcile_apply(&da, RECONCILE_REMOVALS, &addr_ops, &c);
	}
	if (phases & RECONCILE_ADDITIONS) {
		reconcile_apply(&da, RECONCILE_ADDITIONS, &addr_ops, &c);
		if (da.nremove > 0)
			reconcile_apply(
			    &dr, RECONCILE_CHANGES, &route_again_ops, &c);
		reconcile_apply(&dr, RECONCILE_ADDITIONS, &route_ops, &c);
		reconcile_apply(&du, RECONCILE_ADDITIONS, &rule_ops, &c);
		for (s = da.v; added != NULL && s < da.v + da.n; s++) {
			if (s->op != RECONCILE_ADD)
				continue;
			a = *(const struct vrrp_ipaddr *const *)s->new;
			added(arg, a, owner_ifindex(c.new, a));
		}
	}
	reconcile_diff_free(&da);
	reconcile_diff_free(&dr);
	reconcile_diff_free(&du);
	free(oa);
	free(na);
	return c.changes;
}
