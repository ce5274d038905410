/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_conf_addr.c: grammar of VIP, virtual/static route and rule lines. */

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "vrrp_conf.h"

/* Options that take one argument vigil only passes on, and bare flags. */
struct opt_spec {
	const char *name;
	int nargs;
};

static int get_prefix(struct cfg_parser *, const struct cfg_token *,
    struct cfg_addr *, int *, bool);
static int get_ifname(struct cfg_parser *, const struct cfg_token *, char *);
static int get_scope(struct cfg_parser *, const struct cfg_token *, int *);
static int need_arg(struct cfg_parser *, const struct cfg_stmt *, int);
static const struct opt_spec *find_opt(const struct opt_spec *, const char *);
static void
add_opt(struct config *, const char **, const struct cfg_stmt *, int, int);
static const char *scope_name(int);
static const char *rtn_name(int);
static int get_table(struct cfg_parser *, const struct cfg_token *, int64_t *);
static int table_from_file(const char *, const char *, int64_t *);

static const char *const rtn_names[] = {
	[RTN_UNICAST] = "unicast",
	[RTN_LOCAL] = "local",
	[RTN_BROADCAST] = "broadcast",
	[RTN_ANYCAST] = "anycast",
	[RTN_MULTICAST] = "multicast",
	[RTN_BLACKHOLE] = "blackhole",
	[RTN_UNREACHABLE] = "unreachable",
	[RTN_PROHIBIT] = "prohibit",
	[RTN_THROW] = "throw",
	[RTN_NAT] = "nat",
};

/* Route options passed through as written (ip-route(8) names). */
static const struct opt_spec route_opts[] = {
	{ "scope", 1 },
	{ "proto", 1 },
	{ "protocol", 1 },
	{ "tos", 1 },
	{ "dsfield", 1 },
	{ "realms", 1 },
	{ "pref", 1 },
	{ "mtu", 1 },
	{ "advmss", 1 },
	{ "rtt", 1 },
	{ "rttvar", 1 },
	{ "reordering", 1 },
	{ "window", 1 },
	{ "cwnd", 1 },
	{ "ssthresh", 1 },
	{ "initcwnd", 1 },
	{ "initrwnd", 1 },
	{ "features", 1 },
	{ "quickack", 1 },
	{ "congctl", 1 },
	{ "rto_min", 1 },
	{ "hoplimit", 1 },
	{ "fastopen_no_cookie", 1 },
	{ "ttl-propagate", 1 },
	{ "expires", 1 },
	{ "nexthop", 0 },
	{ "weight", 1 },
	{ "onlink", 0 },
	{ "pervasive", 0 },
	{ "lock", 0 },
	{ NULL, 0 },
};

/* Rule options passed through as written (ip-rule(8) names). */
static const struct opt_spec rule_opts[] = {
	{ "not", 0 },
	{ "fwmark", 1 },
	{ "tos", 1 },
	{ "dsfield", 1 },
	{ "iif", 1 },
	{ "oif", 1 },
	{ "l3mdev", 0 },
	{ "uidrange", 1 },
	{ "suppress_prefixlength", 1 },
	{ "suppress_ifgroup", 1 },
	{ "realms", 1 },
	{ "goto", 1 },
	{ "ipproto", 1 },
	{ "sport", 1 },
	{ "dport", 1 },
	{ "protocol", 1 },
	{ "blackhole", 0 },
	{ "unreachable", 0 },
	{ "prohibit", 0 },
	{ "nop", 0 },
	{ NULL, 0 },
};

/* Every option unset; the options of an address line that has none. */
const struct vrrp_ipaddr_opts vrrp_ipaddr_no_opts = {
	.peer_prefix = -1,
	.scope = -1,
	.preferred_lft = -1,
};

/* ADDR[/PREFIX]; with allow_all, "all" and "default" mean "any". */
static int
get_prefix(struct cfg_parser *p, const struct cfg_token *t, struct cfg_addr *a,
    int *prefix, bool allow_all)
{
	char buf[INET6_ADDRSTRLEN + 8];
	struct cfg_token at = *t;
	char *slash, *end;
	long v;
	int max;

	*prefix = -1;
	if (allow_all &&
	    (strcmp(t->text, "all") == 0 || strcmp(t->text, "default") == 0)) {
		memset(a, 0, sizeof(*a));
		return 0;
	}
	if (strlen(t->text) >= sizeof(buf)) {
		cfg_perror(p, &t->loc, "invalid address '%s'", t->text);
		return -1;
	}
	strcpy(buf, t->text);
	slash = strchr(buf, '/');
	if (slash != NULL)
		*slash = '\0';
	at.text = buf;
	if (cfg_get_addr(p, &at, a) < 0)
		return -1;
	if (slash == NULL)
		return 0;
	max = a->family == AF_INET ? 32 : 128;
	v = strtol(slash + 1, &end, 10);
	if (slash[1] == '\0' || *end != '\0' || v < 0 || v > max) {
		cfg_perror(p, &t->loc,
		    "invalid prefix length in '%s': expected 0 to %d", t->text,
		    max);
		return -1;
	}
	*prefix = (int)v;
	return 0;
}

static int
get_ifname(struct cfg_parser *p, const struct cfg_token *t, char *out)
{
	if (strlen(t->text) >= VRRP_IFNAME_LEN || t->text[0] == '\0' ||
	    strchr(t->text, '/') != NULL) {
		cfg_perror(p, &t->loc,
		    "invalid interface name '%s': expected at most %d "
		    "characters, no '/'",
		    t->text, VRRP_IFNAME_LEN - 1);
		return -1;
	}
	strcpy(out, t->text);
	return 0;
}

static const char *
scope_name(int s)
{
	switch (s) {
	case RT_SCOPE_UNIVERSE:
		return "global";
	case RT_SCOPE_SITE:
		return "site";
	case RT_SCOPE_LINK:
		return "link";
	case RT_SCOPE_HOST:
		return "host";
	case RT_SCOPE_NOWHERE:
		return "nowhere";
	default:
		return NULL;
	}
}

static int
get_scope(struct cfg_parser *p, const struct cfg_token *t, int *out)
{
	int64_t v;
	int s;

	for (s = 0; s < 256; s++)
		if (scope_name(s) != NULL &&
		    strcmp(scope_name(s), t->text) == 0) {
			*out = s;
			return 0;
		}
	if (t->text[0] < '0' || t->text[0] > '9') {
		cfg_perror(p, &t->loc,
		    "invalid scope '%s': expected global, site, link, host, "
		    "nowhere or 0..255",
		    t->text);
		return -1;
	}
	if (cfg_get_int_for(p, "scope", t, 0, 255, &v) < 0)
		return -1;
	*out = (int)v;
	return 0;
}

static const char *
rtn_name(int t)
{
	if (t < 0 || (size_t)t >= sizeof(rtn_names) / sizeof(rtn_names[0]))
		return NULL;
	return rtn_names[t];
}

/* The option at argv[i] needs a value at argv[i + 1]. */
static int
need_arg(struct cfg_parser *p, const struct cfg_stmt *st, int i)
{
	if (i + 1 < st->argc)
		return 0;
	cfg_perror(
	    p, &st->argv[i].loc, "'%s' is missing its value", st->argv[i].text);
	return -1;
}

static const struct opt_spec *
find_opt(const struct opt_spec *o, const char *name)
{
	for (; o->name != NULL; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	return NULL;
}

/* Appends argv[i .. i + n] to the option text. */
static void
add_opt(struct config *cfg, const char **opts, const struct cfg_stmt *st, int i,
    int n)
{
	size_t len = *opts ? strlen(*opts) : 0, add = 0;
	char *s;
	int j;

	for (j = i; j <= i + n; j++)
		add += strlen(st->argv[j].text) + 1;
	s = cfg_alloc(cfg, len + add + 1);
	if (*opts != NULL) {
		memcpy(s, *opts, len);
		s[len++] = ' ';
	}
	for (j = i; j <= i + n; j++) {
		strcpy(s + len, st->argv[j].text);
		len += strlen(st->argv[j].text);
		if (j < i + n)
			s[len++] = ' ';
	}
	*opts = s;
}

int
vrrp_parse_ipaddr(struct cfg_parser *p, const struct cfg_stmt *st,
    bool is_static, struct vrrp_ipaddr **out)
{
	struct config *cfg = cfg_parser_config(p);
	struct vrrp_ipaddr *a = cfg_alloc(cfg, sizeof(*a));
	struct vrrp_ipaddr_opts x = vrrp_ipaddr_no_opts, *nx;
	const struct cfg_token *t;
	int64_t v;
	int i, prefix;

	a->loc = cfg_keep_loc(p, &st->argv[0].loc);
	if (get_prefix(p, &st->argv[0], &a->addr, &prefix, false) < 0)
		return -1;
	a->prefix = (int16_t)prefix;
	a->x = &vrrp_ipaddr_no_opts;
	for (i = 1; i < st->argc; i++) {
		t = &st->argv[i];
		if (strcmp(t->text, "home") == 0)
			a->flags |= VRRP_IPA_HOME;
		else if (strcmp(t->text, "-nodad") == 0 ||
		    strcmp(t->text, "nodad") == 0)
			a->flags |= VRRP_IPA_NODAD;
		else if (strcmp(t->text, "mngtmpaddr") == 0)
			a->flags |= VRRP_IPA_MNGTMPADDR;
		else if (strcmp(t->text, "noprefixroute") == 0)
			a->flags |= VRRP_IPA_NOPREFIXROUTE;
		else if (strcmp(t->text, "autojoin") == 0)
			a->flags |= VRRP_IPA_AUTOJOIN;
		else if (strcmp(t->text, "no_track") == 0)
			a->flags |= VRRP_IPA_NO_TRACK;
		else if (strcmp(t->text, "use_vmac") == 0) {
			/* an optional interface name follows */
			x.vmac = "";
			if (i + 1 < st->argc &&
			    strlen(st->argv[i + 1].text) < VRRP_IFNAME_LEN &&
			    strchr(st->argv[i + 1].text, '.') != NULL)
				x.vmac = cfg_strdup(cfg, st->argv[++i].text);
		} else if (need_arg(p, st, i) < 0)
			return -1;
		else if (strcmp(t->text, "brd") == 0 ||
		    strcmp(t->text, "broadcast") == 0) {
			t = &st->argv[++i];
			if (a->addr.family != AF_INET) {
				cfg_perror(p, &t->loc,
				    "'brd' is only for IPv4 addresses");
				return -1;
			}
			if (strcmp(t->text, "+") == 0 ||
			    strcmp(t->text, "-") == 0) {
				x.brd.family = AF_UNSPEC;
				continue;
			}
			if (cfg_get_addr(p, t, &x.brd) < 0)
				return -1;
			if (x.brd.family != AF_INET) {
				cfg_perror(p, &t->loc,
				    "broadcast '%s' must be an IPv4 address",
				    t->text);
				return -1;
			}
		} else if (strcmp(t->text, "dev") == 0) {
			if (get_ifname(p, &st->argv[++i], x.dev) < 0)
				return -1;
		} else if (strcmp(t->text, "scope") == 0) {
			if (get_scope(p, &st->argv[++i], &x.scope) < 0)
				return -1;
		} else if (strcmp(t->text, "label") == 0) {
			t = &st->argv[++i];
			if (strlen(t->text) >= VRRP_IFNAME_LEN) {
				cfg_perror(p, &t->loc,
				    "label '%s' is too long: at most %d "
				    "characters",
				    t->text, VRRP_IFNAME_LEN - 1);
				return -1;
			}
			x.label = cfg_strdup(cfg, t->text);
		} else if (strcmp(t->text, "peer") == 0) {
			t = &st->argv[++i];
			if (get_prefix(p, t, &x.peer, &x.peer_prefix, false) <
			    0)
				return -1;
			if (x.peer.family != a->addr.family) {
				cfg_perror(p, &t->loc,
				    "peer '%s' is not of the address's "
				    "family",
				    t->text);
				return -1;
			}
		} else if (strcmp(t->text, "preferred_lft") == 0) {
			t = &st->argv[++i];
			if (strcmp(t->text, "forever") == 0)
				x.preferred_lft = UINT32_MAX;
			else if (cfg_get_int_for(p, "preferred_lft", t, 0,
			             UINT32_MAX, &v) < 0)
				return -1;
			else
				x.preferred_lft = v;
		} else if (strcmp(t->text, "track_group") == 0) {
			t = &st->argv[++i];
			if (!is_static) {
				cfg_perror(p, &st->argv[i - 1].loc,
				    "'track_group' is only for static "
				    "addresses, routes and rules");
				return -1;
			}
			x.track_group = cfg_strdup(cfg, t->text);
		} else {
			cfg_perror(p, &t->loc,
			    "unknown address option '%s': expected brd, dev, "
			    "scope, label, peer, home, -nodad, mngtmpaddr, "
			    "noprefixroute, autojoin, preferred_lft, "
			    "track_group or no_track",
			    t->text);
			return -1;
		}
	}
	if (x.peer.family != AF_UNSPEC && a->prefix >= 0 &&
	    a->addr.family == AF_INET6) {
		cfg_perror(p, &st->argv[0].loc,
		    "an IPv6 address with a peer takes the prefix on the "
		    "peer");
		return -1;
	}
	if (x.brd.family != AF_UNSPEC || x.peer.family != AF_UNSPEC ||
	    x.scope >= 0 || x.dev[0] != '\0' || x.label != NULL ||
	    x.track_group != NULL || x.vmac != NULL || x.preferred_lft >= 0) {
		nx = cfg_alloc(cfg, sizeof(*nx));
		*nx = x;
		a->x = nx;
	}
	*out = a;
	return 0;
}

int
vrrp_parse_route(struct cfg_parser *p, const struct cfg_stmt *st,
    bool is_static, struct vrrp_route **out)
{
	struct config *cfg = cfg_parser_config(p);
	struct vrrp_route *r = cfg_alloc(cfg, sizeof(*r));
	const struct opt_spec *o;
	const struct cfg_token *t;
	bool have_dst = false;
	int i, ty;

	r->dst_prefix = -1;
	r->table = -1;
	r->metric = -1;
	r->type = RTN_UNICAST;
	r->loc = cfg_keep_loc(p, &st->argv[0].loc);
	for (i = 0; i < st->argc; i++) {
		t = &st->argv[i];
		for (ty = 0; ty <= RTN_NAT; ty++)
			if (i == 0 && rtn_name(ty) != NULL &&
			    strcmp(t->text, rtn_name(ty)) == 0)
				break;
		if (i == 0 && ty <= RTN_NAT) {
			r->type = ty;
			continue;
		}
		if (strcmp(t->text, "no_track") == 0) {
			r->no_track = true;
			continue;
		}
		o = find_opt(route_opts, t->text);
		if (o != NULL) {
			if (o->nargs > 0 && need_arg(p, st, i) < 0)
				return -1;
			add_opt(cfg, &r->opts, st, i, o->nargs);
			i += o->nargs;
			continue;
		}
		if (strcmp(t->text, "src") == 0 ||
		    strcmp(t->text, "via") == 0 || strcmp(t->text, "gw") == 0 ||
		    strcmp(t->text, "or") == 0 || strcmp(t->text, "dev") == 0 ||
		    strcmp(t->text, "oif") == 0 ||
		    strcmp(t->text, "table") == 0 ||
		    strcmp(t->text, "metric") == 0 ||
		    strcmp(t->text, "preference") == 0 ||
		    strcmp(t->text, "priority") == 0 ||
		    strcmp(t->text, "type") == 0 ||
		    strcmp(t->text, "to") == 0 ||
		    strcmp(t->text, "track_group") == 0) {
			if (need_arg(p, st, i) < 0)
				return -1;
		}
		if (strcmp(t->text, "src") == 0) {
			if (cfg_get_addr(p, &st->argv[++i], &r->src) < 0)
				return -1;
		} else if (strcmp(t->text, "via") == 0 ||
		    strcmp(t->text, "gw") == 0) {
			if (cfg_get_addr(p, &st->argv[++i], &r->via) < 0)
				return -1;
		} else if (strcmp(t->text, "or") == 0) {
			if (cfg_get_addr(p, &st->argv[++i], &r->or_via) < 0)
				return -1;
		} else if (strcmp(t->text, "dev") == 0 ||
		    strcmp(t->text, "oif") == 0) {
			if (get_ifname(p, &st->argv[++i], r->dev) < 0)
				return -1;
		} else if (strcmp(t->text, "table") == 0) {
			if (get_table(p, &st->argv[++i], &r->table) < 0)
				return -1;
		} else if (strcmp(t->text, "metric") == 0 ||
		    strcmp(t->text, "preference") == 0 ||
		    strcmp(t->text, "priority") == 0) {
			if (cfg_get_int_for(p, "metric", &st->argv[++i], 0,
			        UINT32_MAX, &r->metric) < 0)
				return -1;
		} else if (strcmp(t->text, "type") == 0) {
			t = &st->argv[++i];
			for (ty = 0; ty <= RTN_NAT; ty++)
				if (rtn_name(ty) != NULL &&
				    strcmp(t->text, rtn_name(ty)) == 0)
					break;
			if (ty > RTN_NAT) {
				cfg_perror(p, &t->loc,
				    "unknown route type '%s'", t->text);
				return -1;
			}
			r->type = ty;
		} else if (strcmp(t->text, "track_group") == 0) {
			if (!is_static) {
				cfg_perror(p, &t->loc,
				    "'track_group' is only for static "
				    "addresses, routes and rules");
				return -1;
			}
			r->track_group = cfg_strdup(cfg, st->argv[++i].text);
		} else {
			if (strcmp(t->text, "to") == 0)
				t = &st->argv[++i];
			if (have_dst) {
				cfg_perror(p, &t->loc,
				    "unexpected '%s' in a route: the "
				    "destination is already given",
				    t->text);
				return -1;
			}
			if (get_prefix(p, t, &r->dst, &r->dst_prefix, true) < 0)
				return -1;
			have_dst = true;
		}
	}
	if (!have_dst) {
		cfg_perror(p, &st->argv[0].loc,
		    "a route needs a destination: expected '[to] "
		    "<PREFIX> ...'");
		return -1;
	}
	if (r->via.family != AF_UNSPEC && r->dst.family != AF_UNSPEC &&
	    r->via.family != r->dst.family) {
		cfg_perror(p, &st->argv[0].loc,
		    "the gateway of route '%s' is not of its family",
		    st->argv[0].text);
		return -1;
	}
	if (r->src.family != AF_UNSPEC && r->dst.family != AF_UNSPEC &&
	    r->src.family != r->dst.family) {
		cfg_perror(p, &st->argv[0].loc,
		    "the source of route '%s' is not of its family",
		    st->argv[0].text);
		return -1;
	}
	*out = r;
	return 0;
}

int
vrrp_parse_rule(struct cfg_parser *p, const struct cfg_stmt *st, bool is_static,
    struct vrrp_rule **out)
{
	struct config *cfg = cfg_parser_config(p);
	struct vrrp_rule *r = cfg_alloc(cfg, sizeof(*r));
	const struct opt_spec *o;
	const struct cfg_token *t;
	struct cfg_addr *a;
	int i, *pfx;

	r->from_prefix = r->to_prefix = -1;
	r->table = -1;
	r->priority = -1;
	r->loc = cfg_keep_loc(p, &st->argv[0].loc);
	for (i = 0; i < st->argc; i++) {
		t = &st->argv[i];
		if (strcmp(t->text, "no_track") == 0) {
			r->no_track = true;
			continue;
		}
		o = find_opt(rule_opts, t->text);
		if (o != NULL) {
			if (o->nargs > 0 && need_arg(p, st, i) < 0)
				return -1;
			add_opt(cfg, &r->opts, st, i, o->nargs);
			i += o->nargs;
			continue;
		}
		if (need_arg(p, st, i) < 0)
			return -1;
		if (strcmp(t->text, "from") == 0 ||
		    strcmp(t->text, "to") == 0) {
			a = t->text[0] == 'f' ? &r->from : &r->to;
			pfx =
			    t->text[0] == 'f' ? &r->from_prefix : &r->to_prefix;
			t = &st->argv[++i];
			if (get_prefix(p, t, a, pfx, true) < 0)
				return -1;
			if (a->family == AF_UNSPEC)
				continue;
			if (r->family != AF_UNSPEC && r->family != a->family) {
				cfg_perror(p, &t->loc,
				    "'%s' is not of the rule's family",
				    t->text);
				return -1;
			}
			r->family = a->family;
		} else if (strcmp(t->text, "table") == 0 ||
		    strcmp(t->text, "lookup") == 0) {
			if (get_table(p, &st->argv[++i], &r->table) < 0)
				return -1;
		} else if (strcmp(t->text, "priority") == 0 ||
		    strcmp(t->text, "preference") == 0 ||
		    strcmp(t->text, "pref") == 0) {
			if (cfg_get_int_for(p, "priority", &st->argv[++i], 0,
			        UINT32_MAX, &r->priority) < 0)
				return -1;
		} else if (strcmp(t->text, "track_group") == 0) {
			if (!is_static) {
				cfg_perror(p, &t->loc,
				    "'track_group' is only for static "
				    "addresses, routes and rules");
				return -1;
			}
			r->track_group = cfg_strdup(cfg, st->argv[++i].text);
		} else {
			cfg_perror(p, &t->loc,
			    "unknown rule option '%s': expected from, to, "
			    "table, priority or an ip-rule(8) selector",
			    t->text);
			return -1;
		}
	}
	*out = r;
	return 0;
}

/* Looks name up in an rt_tables file; 0 when found. */
static int
table_from_file(const char *path, const char *name, int64_t *out)
{
	char line[256], tname[128];
	unsigned long id;
	FILE *f = fopen(path, "re");
	int found = -1;

	if (f == NULL)
		return -1;
	while (found < 0 && fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "%lu %127s", &id, tname) == 2 &&
		    strcmp(tname, name) == 0 && id <= UINT32_MAX) {
			*out = (int64_t)id;
			found = 0;
		}
	fclose(f);
	return found;
}

/* A routing table: a number, or a name as ip-route(8) knows it. */
static int
get_table(struct cfg_parser *p, const struct cfg_token *t, int64_t *out)
{
	static const struct {
		const char *name;
		int64_t id;
	} builtin[] = {
		{ "unspec", 0 },
		{ "default", 253 },
		{ "main", 254 },
		{ "local", 255 },
	};
	size_t i;

	for (i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		if (strcmp(t->text, builtin[i].name) == 0) {
			*out = builtin[i].id;
			return 0;
		}
	if (t->text[0] >= '0' && t->text[0] <= '9')
		return cfg_get_int_for(p, "table", t, 0, UINT32_MAX, out);
	if (table_from_file("/etc/iproute2/rt_tables", t->text, out) == 0 ||
	    table_from_file("/usr/share/iproute2/rt_tables", t->text, out) == 0)
		return 0;
	cfg_perror(p, &t->loc,
	    "unknown routing table '%s': expected a number, main, local, "
	    "default or a name from /etc/iproute2/rt_tables",
	    t->text);
	return -1;
}

void
vrrp_dump_ipaddr(FILE *f, int indent, const struct vrrp_ipaddr *a)
{
	char b1[INET6_ADDRSTRLEN], b2[INET6_ADDRSTRLEN];
	char line[512];
	size_t n;

	n = (size_t)snprintf(line, sizeof(line), "%s",
	    cfg_addr_str(&a->addr, "all", b1, sizeof(b1)));
	if (a->prefix >= 0)
		n += (size_t)snprintf(
		    line + n, sizeof(line) - n, "/%d", a->prefix);
	if (a->x->brd.family != AF_UNSPEC)
		n += (size_t)snprintf(line + n, sizeof(line) - n, " brd %s",
		    cfg_addr_str(&a->x->brd, "all", b2, sizeof(b2)));
	if (a->x->peer.family != AF_UNSPEC)
		n += (size_t)snprintf(line + n, sizeof(line) - n, " peer %s",
		    cfg_addr_str(&a->x->peer, "all", b2, sizeof(b2)));
	if (a->x->dev[0] != '\0')
		n += (size_t)snprintf(
		    line + n, sizeof(line) - n, " dev %s", a->x->dev);
	if (a->x->scope >= 0)
		n += (size_t)snprintf(line + n, sizeof(line) - n, " scope %s",
		    scope_name(a->x->scope) ? scope_name(a->x->scope) : "?");
	if (a->x->label != NULL)
		n += (size_t)snprintf(
		    line + n, sizeof(line) - n, " label %s", a->x->label);
	if (a->x->preferred_lft >= 0)
		n += (size_t)snprintf(line + n, sizeof(line) - n,
		    " preferred_lft %" PRId64, a->x->preferred_lft);
	if (a->x->track_group != NULL)
		n += (size_t)snprintf(line + n, sizeof(line) - n,
		    " track_group %s", a->x->track_group);
	if (a->x->vmac != NULL)
		n += (size_t)snprintf(line + n, sizeof(line) - n,
		    " use_vmac%s%s", a->x->vmac[0] ? " " : "", a->x->vmac);
	snprintf(line + n, sizeof(line) - n, "%s%s%s%s%s%s",
	    a->flags & VRRP_IPA_HOME ? " home" : "",
	    a->flags & VRRP_IPA_NODAD ? " -nodad" : "",
	    a->flags & VRRP_IPA_MNGTMPADDR ? " mngtmpaddr" : "",
	    a->flags & VRRP_IPA_NOPREFIXROUTE ? " noprefixroute" : "",
	    a->flags & VRRP_IPA_AUTOJOIN ? " autojoin" : "",
	    a->flags & VRRP_IPA_NO_TRACK ? " no_track" : "");
	cfg_dump_line(f, indent, a, "address", "%s", line);
}

void
vrrp_dump_route(FILE *f, int indent, const struct vrrp_route *r)
{
	char b1[INET6_ADDRSTRLEN], line[1024];
	size_t n = 0;

	if (r->type != RTN_UNICAST)
		n += (size_t)snprintf(
		    line + n, sizeof(line) - n, "%s ", rtn_name(r->type));
	if (r->src.family != AF_UNSPEC)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "src %s ",
		    cfg_addr_str(&r->src, "all", b1, sizeof(b1)));
	n += (size_t)snprintf(line + n, sizeof(line) - n, "%s",
	    r->dst.family == AF_UNSPEC
	        ? "default"
	        : cfg_addr_str(&r->dst, "all", b1, sizeof(b1)));
	if (r->dst_prefix >= 0)
		n += (size_t)snprintf(
		    line + n, sizeof(line) - n, "/%d", r->dst_prefix);
	if (r->via.family != AF_UNSPEC)
		n += (size_t)snprintf(line + n, sizeof(line) - n, " via %s",
		    cfg_addr_str(&r->via, "all", b1, sizeof(b1)));
	if (r->or_via.family != AF_UNSPEC)
		n += (size_t)snprintf(line + n, sizeof(line) - n, " or %s",
		    cfg_addr_str(&r->or_via, "all", b1, sizeof(b1)));
	if (r->dev[0] != '\0')
		n += (size_t)snprintf(
		    line + n, sizeof(line) - n, " dev %s", r->dev);
	if (r->table >= 0)
		n += (size_t)snprintf(
		    line + n, sizeof(line) - n, " table %" PRId64, r->table);
	if (r->metric >= 0)
		n += (size_t)snprintf(
		    line + n, sizeof(line) - n, " metric %" PRId64, r->metric);
	if (r->opts != NULL)
		n += (size_t)snprintf(
		    line + n, sizeof(line) - n, " %s", r->opts);
	if (r->track_group != NULL)
		n += (size_t)snprintf(line + n, sizeof(line) - n,
		    " track_group %s", r->track_group);
	if (r->no_track && n < sizeof(line))
		snprintf(line + n, sizeof(line) - n, " no_track");
	cfg_dump_line(f, indent, r, "route", "%s", line);
}

void
vrrp_dump_rule(FILE *f, int indent, const struct vrrp_rule *r)
{
	char b1[INET6_ADDRSTRLEN], line[1024];
	size_t n = 0;

	if (r->from.family != AF_UNSPEC || r->from_prefix >= 0)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "from %s",
		    cfg_addr_str(&r->from, "all", b1, sizeof(b1)));
	if (r->from_prefix >= 0)
		n += (size_t)snprintf(
		    line + n, sizeof(line) - n, "/%d", r->from_prefix);
	if (r->to.family != AF_UNSPEC)
		n += (size_t)snprintf(line + n, sizeof(line) - n, "%sto %s",
		    n ? " " : "", cfg_addr_str(&r->to, "all", b1, sizeof(b1)));
	if (r->to_prefix >= 0)
		n += (size_t)snprintf(
		    line + n, sizeof(line) - n, "/%d", r->to_prefix);
	if (r->table >= 0)
		n += (size_t)snprintf(line + n, sizeof(line) - n,
		    "%stable %" PRId64, n ? " " : "", r->table);
	if (r->priority >= 0)
		n += (size_t)snprintf(line + n, sizeof(line) - n,
		    "%spriority %" PRId64, n ? " " : "", r->priority);
	if (r->opts != NULL)
		n += (size_t)snprintf(
		    line + n, sizeof(line) - n, "%s%s", n ? " " : "", r->opts);
	if (r->track_group != NULL)
		n += (size_t)snprintf(line + n, sizeof(line) - n,
		    "%strack_group %s", n ? " " : "", r->track_group);
	if (n < sizeof(line))
		snprintf(line + n, sizeof(line) - n, "%s%s",
		    r->no_track && n ? " " : "", r->no_track ? "no_track" : "");
	cfg_dump_line(f, indent, r, "rule", "%s", line);
}
