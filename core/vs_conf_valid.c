/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vs_conf_valid.c: virtual-server inheritance, defaults and cross-checks. */

#include <sys/socket.h>

#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "track_file.h"
#include "vs_conf.h"
#include "vs_equal.h"

#define SEC ((uint64_t)1000000)
#define DEFAULT_PERSISTENCE 360

static void validate_vs(
    struct cfg_parser *, struct config *, struct vs_model *, struct vs_vs *);
static int resolve_family(
    struct cfg_parser *, struct vs_model *, struct vs_vs *, const char *);
static void check_service(struct cfg_parser *, struct vs_vs *, const char *);
static void fill_rs(struct cfg_parser *, const struct config *, struct vs_vs *,
    struct vs_rs *, const char *);
static void check_rs_port(
    struct cfg_parser *, const struct vs_vs *, struct vs_rs *, const char *);
static void
fill_check(struct cfg_parser *, const struct config *, const struct vs_vs *,
    const struct vs_rs *, struct vs_check *, const char *, const char *);
static void
check_duplicate_rs(struct cfg_parser *, const struct vs_vs *, const char *);
static void check_duplicate_vs(struct cfg_parser *, struct vs_model *);
static int rs_cmp(const void *, const void *);
static int vs_cmp(const void *, const void *);
static bool is_netmask(const struct cfg_addr *);
static bool group_has_addr(const struct vs_group *);
static bool group_has_fwmark(const struct vs_group *);
static void rs_name(const struct vs_rs *, char *, size_t);
static bool keep_origins(const struct config *);

void
vs_validate(struct cfg_parser *p, struct config *cfg, void *model)
{
	struct vs_model *m = model;
	size_t i;

	for (i = 0; i < m->vss.n; i++)
		validate_vs(p, cfg, m, m->vss.v[i]);
	check_duplicate_vs(p, m);
	vs_validate_ids(p, m);
}

static void
validate_vs(struct cfg_parser *p, struct config *cfg, struct vs_model *m,
    struct vs_vs *vs)
{
	char name[128], from[160];
	uint64_t weight_sum = 0;
	struct vs_check *c;
	struct vs_rs *rs;

	vs_vs_name(vs, name, sizeof(name));
	snprintf(from, sizeof(from), "virtual_server %s", name);
	if (resolve_family(p, m, vs, name) < 0)
		return;
	check_service(p, vs, name);
	if (vs->fwd.method == VS_FWD_UNSET) {
		vs->fwd.method = VS_FWD_NAT;
		cfg_origin_derived(p, vs, "lb_kind", NULL);
	}
	if (vs->smtp_alert < 0)
		vs->smtp_alert = cfg->global.smtp_alert_checker >= 0
		    ? (int8_t)cfg->global.smtp_alert_checker
		    : cfg->global.smtp_alert >= 0
		    ? (int8_t)cfg->global.smtp_alert
		    : 0;
	if (vs->quorum_up != NULL)
		cfg_check_notify(p, vs->quorum_up);
	if (vs->quorum_down != NULL)
		cfg_check_notify(p, vs->quorum_down);
	for (rs = vs->rss; rs != NULL; rs = rs->next) {
		fill_rs(p, cfg, vs, rs, from);
		weight_sum += rs->weight;
		for (c = rs->checks; c != NULL; c = c->next)
			vs_ssl_verify_fill(p, cfg, &m->ssl, c);
	}
	if (vs->sorry != NULL) {
		rs = vs->sorry;
		if (rs->fwd.method == VS_FWD_UNSET) {
			rs->fwd = vs->fwd;
			cfg_origin_inherit(p, vs, "sorry_server_lvs_method", vs,
			    "lb_kind", from);
		}
		if (rs->fwd.method != VS_FWD_TUN && vs->af != AF_UNSPEC &&
		    rs->addr.family != vs->af)
			cfg_perror(p, &rs->loc,
			    "virtual_server %s: sorry_server is of another "
			    "address family than the virtual server",
			    name);
		check_rs_port(p, vs, rs, name);
		if (rs->inhibit_on_failure < 0)
			rs->inhibit_on_failure = 0;
	}
	check_duplicate_rs(p, vs, name);
	if (vs->quorum > weight_sum)
		cfg_pwarning(p, &vs->loc,
		    "virtual_server %s: quorum %" PRIu32 " exceeds the total "
		    "weight of its real servers %" PRIu64
		    "; the quorum is lowered to %" PRIu64
		    ", as keepalived does",
		    name, vs->quorum, weight_sum, weight_sum);
	if (vs->quorum > weight_sum && weight_sum > 0) {
		vs->quorum = (uint32_t)weight_sum;
		cfg_origin_derived(p, vs, "quorum", NULL);
	}
	if (vs->hysteresis != 0 && vs->hysteresis >= vs->quorum)
		cfg_perror(p, &vs->loc,
		    "virtual_server %s: hysteresis %" PRIu32
		    " must be below quorum %" PRIu32,
		    name, vs->hysteresis, vs->quorum);
}

/*
 * A fwmark or group service takes its family from ip_family, else from
 * its group's addresses, else from its non-tunnelled servers (as
 * keepalived does), else IPv4.
 */
static int
resolve_family(struct cfg_parser *p, struct vs_model *m, struct vs_vs *vs,
    const char *name)
{
	const struct vs_group_entry *e;
	const struct vs_rs *rs;
	struct vs_group *g;
	size_t i;

	if (vs->kind == VS_GROUP) {
		for (i = 0; i < m->groups.n; i++) {
			g = m->groups.v[i];
			if (strcmp(g->name, vs->group) == 0) {
				vs->vsg = g;
				g->used = true;
				break;
			}
		}
		if (vs->vsg == NULL) {
			cfg_perror(p, &vs->loc,
			    "virtual_server %s: no virtual_server_group named "
			    "'%s'",
			    name, vs->group);
			return -1;
		}
		for (i = 0; i < vs->vsg->entries.n; i++) {
			e = vs->vsg->entries.v[i];
			if (e->is_fwmark)
				continue;
			if (vs->af == AF_UNSPEC)
				vs->af = (uint8_t)e->addr.family;
			else if (vs->af != e->addr.family) {
				cfg_perror(p, &e->loc,
				    "virtual_server %s: group entry is of "
				    "another address family than the "
				    "virtual server",
				    name);
				return -1;
			}
		}
	}
	if (vs->af != AF_UNSPEC)
		return 0;
	for (rs = vs->rss; rs != NULL && vs->af == AF_UNSPEC; rs = rs->next) {
		if (rs->fwd.method != VS_FWD_TUN)
			vs->af = (uint8_t)rs->addr.family;
	}
	if (vs->af == AF_UNSPEC && vs->sorry != NULL &&
	    vs->sorry->fwd.method != VS_FWD_TUN)
		vs->af = (uint8_t)vs->sorry->addr.family;
	if (vs->af == AF_UNSPEC && vs->rss != NULL)
		vs->af = (uint8_t)vs->rss->addr.family;
	if (vs->af == AF_UNSPEC)
		vs->af = AF_INET;
	cfg_origin_derived(p, vs, "ip_family", NULL);
	return 0;
}

/* Protocol, port, persistence and scheduler flags of the service. */
static void
check_service(struct cfg_parser *p, struct vs_vs *vs, const char *name)
{
	bool by_addr = vs->kind == VS_ADDR ||
	    (vs->kind == VS_GROUP && group_has_addr(vs->vsg));
	bool by_mark = vs->kind == VS_FWMARK ||
	    (vs->kind == VS_GROUP && group_has_fwmark(vs->vsg));
	const struct vs_group_entry *e;
	size_t i;

	if (by_addr && vs->protocol == 0) {
		cfg_pwarning(p, &vs->loc,
		    "virtual_server %s: no protocol set; it is UDP, as in "
		    "keepalived (set 'protocol TCP' for TCP)",
		    name);
		vs->protocol = IPPROTO_UDP;
		cfg_origin_derived(p, vs, "protocol", NULL);
	}
	if (!by_addr && vs->protocol != 0) {
		cfg_pwarning(p, &vs->loc,
		    "virtual_server %s: a fwmark service has no protocol; "
		    "'protocol' is ignored",
		    name);
		vs->protocol = 0;
	}
	if ((vs->flags & VS_F_OPS) && by_addr && vs->protocol != IPPROTO_UDP)
		cfg_perror(p, &vs->loc,
		    "virtual_server %s: 'ops' (one-packet scheduling) needs "
		    "protocol UDP or a fwmark",
		    name);
	if (vs->ha_suspend && by_mark)
		cfg_perror(p, &vs->loc,
		    "virtual_server %s: ha_suspend cannot be used with a "
		    "fwmark",
		    name);
	if ((vs->granularity_v4.family != AF_UNSPEC ||
	        vs->granularity_v6 != 0) &&
	    vs->persistence_timeout == 0) {
		vs->persistence_timeout = DEFAULT_PERSISTENCE;
		cfg_origin_derived(p, vs, "persistence_timeout", NULL);
	}
	if (vs->granularity_v4.family != AF_UNSPEC) {
		if (vs->af != AF_INET)
			cfg_perror(p, &vs->loc,
			    "virtual_server %s: persistence_granularity is an "
			    "IPv4 netmask on an IPv6 service",
			    name);
		else if (!is_netmask(&vs->granularity_v4))
			cfg_perror(p, &vs->loc,
			    "virtual_server %s: persistence_granularity is "
			    "not a netmask (its one bits must be contiguous)",
			    name);
	} else if (vs->granularity_v6 != 0 && vs->af != AF_INET6)
		cfg_perror(p, &vs->loc,
		    "virtual_server %s: persistence_granularity is a prefix "
		    "length on an IPv4 service: expected a netmask",
		    name);
	if (vs->persistence_timeout != 0)
		return;
	if (vs->kind == VS_ADDR && vs->port == 0)
		cfg_perror(p, &vs->loc,
		    "virtual_server %s: port 0 is only valid for a persistent "
		    "service (persistence_timeout)",
		    name);
	if (vs->kind == VS_GROUP)
		for (i = 0; i < vs->vsg->entries.n; i++) {
			e = vs->vsg->entries.v[i];
			if (!e->is_fwmark && e->port == 0) {
				cfg_perror(p, &e->loc,
				    "virtual_server %s: group entry without "
				    "a port is only valid for a persistent "
				    "service (persistence_timeout)",
				    name);
				break;
			}
		}
}

/* A real server's values default to the virtual server's. */
static void
fill_rs(struct cfg_parser *p, const struct config *cfg, struct vs_vs *vs,
    struct vs_rs *rs, const char *from)
{
	char rname[80], rfrom[120] = "";
	struct vs_check *c;

	if (rs->fwd.method == VS_FWD_UNSET) {
		rs->fwd = vs->fwd;
		cfg_origin_inherit(p, rs, "lvs_method", vs, "lb_kind", from);
	}
	if (rs->fwd.method != VS_FWD_TUN && rs->addr.family != vs->af)
		cfg_perror(p, &rs->loc,
		    "%s: real_server is of another address family than the "
		    "virtual server (only TUN forwarding may mix them)",
		    from);
	/*
	 * Checkers connect to the port the real server was given, even
	 * where the service ignores it (fwmark with DR or TUN): keepalived
	 * takes it before it clears the server's port, and operators rely
	 * on it.
	 */
	for (c = rs->checks; c != NULL && rs->port != 0; c = c->next)
		if (c->connect_port == 0) {
			c->connect_port = rs->port;
			cfg_origin_derived(p, c, "connect_port", &rs->loc);
		}
	check_rs_port(p, vs, rs, from + strlen("virtual_server "));
#define INHERIT(field, unset, vsfield, kw) \
	do { \
		if (rs->field == (unset)) { \
			rs->field = vs->vsfield; \
			cfg_origin_inherit(p, rs, kw, vs, kw, from); \
		} \
	} while (0)
	INHERIT(alpha, -1, alpha, "alpha");
	INHERIT(
	    inhibit_on_failure, -1, inhibit_on_failure, "inhibit_on_failure");
	INHERIT(weight, VS_UNSET_U32, weight, "weight");
#undef INHERIT
	if ((rs->opt == NULL || rs->opt->virtualhost == NULL) &&
	    vs->virtualhost != NULL) {
		if (rs->opt == NULL)
			rs->opt =
			    cfg_alloc(cfg_parser_config(p), sizeof(*rs->opt));
		rs->opt->virtualhost = vs->virtualhost;
		cfg_origin_inherit(
		    p, rs, "virtualhost", vs, "virtualhost", from);
	}
	/* keepalived's default for real servers is on, unlike elsewhere */
	if (rs->smtp_alert < 0)
		rs->smtp_alert = cfg->global.smtp_alert_checker >= 0
		    ? (int8_t)cfg->global.smtp_alert_checker
		    : cfg->global.smtp_alert >= 0
		    ? (int8_t)cfg->global.smtp_alert
		    : 1;
	if (rs->opt != NULL && rs->opt->notify_up != NULL)
		cfg_check_notify(p, rs->opt->notify_up);
	if (rs->opt != NULL && rs->opt->notify_down != NULL)
		cfg_check_notify(p, rs->opt->notify_down);
	/* the name is only for -d's origins: 36,800 snprintf()s are not
	   free */
	if (keep_origins(cfg)) {
		rs_name(rs, rname, sizeof(rname));
		snprintf(rfrom, sizeof(rfrom), "real_server %s", rname);
	}
	for (c = rs->checks; c != NULL; c = c->next)
		fill_check(p, cfg, vs, rs, c, from, rfrom);
}

/*
 * Unless NAT, a real server has the virtual server's port (none for a
 * fwmark); keepalived resets a different one with a warning, vigil warns
 * the same way.  A real server without a port takes the service's.
 */
static void
check_rs_port(struct cfg_parser *p, const struct vs_vs *vs, struct vs_rs *rs,
    const char *name)
{
	if (vs->kind == VS_GROUP)
		return;
	if (vs->kind == VS_FWMARK) {
		if (rs->port != 0 && rs->fwd.method != VS_FWD_NAT) {
			cfg_pwarning(p, &rs->loc,
			    "virtual_server %s: the port of a server of a "
			    "fwmark service is ignored unless NAT",
			    name);
			rs->port = 0;
		}
		return;
	}
	if (rs->port == 0) {
		rs->port = vs->port;
		return;
	}
	if (rs->fwd.method != VS_FWD_NAT && rs->port != vs->port) {
		cfg_pwarning(p, &rs->loc,
		    "virtual_server %s: with %s forwarding the server's port "
		    "%u is replaced by the service's port %u",
		    name, rs->fwd.method == VS_FWD_DR ? "DR" : "TUN", rs->port,
		    vs->port);
		rs->port = vs->port;
	}
}

/*
 * A checker's values default to its real server's; retry and
 * delay_before_retry have per-type defaults (keepalived check_api.c and
 * each checker), warmup defaults to delay_loop.
 */
static void
fill_check(struct cfg_parser *p, const struct config *cfg,
    const struct vs_vs *vs, const struct vs_rs *rs, struct vs_check *c,
    const char *vsfrom, const char *from)
{
	bool conn = c->type != VS_CHECK_MISC && c->type != VS_CHECK_FILE &&
	    c->type != VS_CHECK_BFD;
	const struct vs_rs_time *t = rs->time;
	char rname[80];
	uint32_t def_retry = 1;
	uint64_t def_dbr = 1 * SEC;

/* The real server's own value if it has one, else the service's. */
#define FROM_RS_OR_VS(field, name, unset) \
	do { \
		if (t != NULL && t->field != (unset)) { \
			c->field = t->field; \
			cfg_origin_inherit(p, c, name, rs, name, from); \
		} else { \
			c->field = vs->field; \
			cfg_origin_inherit(p, c, name, vs, name, vsfrom); \
		} \
	} while (0)

	if (c->alpha < 0) {
		c->alpha = rs->alpha;
		cfg_origin_inherit(p, c, "alpha", rs, "alpha", from);
	}
	if (c->log_all_failures < 0)
		c->log_all_failures = cfg->global.checker_log_all_failures;
	if (c->type == VS_CHECK_MISC || c->type == VS_CHECK_FILE) {
		/* nothing connects, but the real server is the check's
		   target: its label, and one probe per backend (keepalived
		   runs one per real server), never one for all */
		c->connect_ip = rs->addr;
		c->connect_port = rs->port;
	}
	if (c->type == VS_CHECK_FILE) {
		/* keepalived reads the file when it changes and never
		   retries: the checker's watcher runs the check at once;
		   the service's delay_loop only reads it again */
		c->retry = 0;
		c->delay_before_retry = 0;
		c->warmup = 0;
		c->connect_timeout = 0;
		c->delay_loop = vs->delay_loop;
		if (track_file_find(
		        track_file_list(cfg), c->u.file.track_file) == NULL) {
			rs_name(rs, rname, sizeof(rname));
			cfg_perror(p, &rs->loc,
			    "FILE_CHECK of real_server %s: no track_file '%s'",
			    rname, c->u.file.track_file);
		}
		return;
	}
	if (c->type == VS_CHECK_BFD) {
		/* keepalived's BFD process has no counterpart in vigil: a
		   check that could never pass is refused */
		rs_name(rs, rname, sizeof(rname));
		cfg_perror(p, &rs->loc,
		    "BFD_CHECK of real_server %s: vigil has no BFD process "
		    "(bfd_instance is not supported)",
		    rname);
		return;
	}
	if (conn) {
		if (c->connect_ip.family == AF_UNSPEC) {
			c->connect_ip = rs->addr;
			cfg_origin_derived(p, c, "connect_ip", &rs->loc);
		}
		if (c->connect_port == 0) {
			c->connect_port = rs->port;
			cfg_origin_derived(p, c, "connect_port", &rs->loc);
		}
		/* keepalived would try port 0 for ever */
		if (c->connect_port == 0 && c->type != VS_CHECK_PING) {
			rs_name(rs, rname, sizeof(rname));
			cfg_perror(p, &rs->loc,
			    "%s of real_server %s has no port to connect to: "
			    "give it connect_port",
			    vs_check_name(c->type), rname);
		}
		if (c->connect_timeout == VS_UNSET_TIMER)
			FROM_RS_OR_VS(
			    connect_timeout, "connect_timeout", VS_UNSET_TIMER);
	}
	if (c->type == VS_CHECK_MISC) {
		def_retry = 0;
		cfg_check_script(p, c->u.misc.path);
	} else if (c->type == VS_CHECK_HTTP || c->type == VS_CHECK_SSL)
		def_dbr = 3 * SEC;
	else if (c->type == VS_CHECK_DNS) {
		def_retry = 3;
		def_dbr = 0;
	}
	if (c->delay_loop == VS_UNSET_TIMER)
		FROM_RS_OR_VS(delay_loop, "delay_loop", VS_UNSET_TIMER);
	if (c->retry == VS_UNSET_U32) {
		FROM_RS_OR_VS(retry, "retry", VS_UNSET_U32);
		if (c->retry == VS_UNSET_U32)
			c->retry = def_retry;
	}
	if (c->warmup == VS_UNSET_TIMER) {
		FROM_RS_OR_VS(warmup, "warmup", VS_UNSET_TIMER);
		if (c->warmup == VS_UNSET_TIMER) {
			c->warmup = c->delay_loop;
			cfg_origin_inherit(
			    p, c, "warmup", c, "delay_loop", "delay_loop");
		}
	}
	if (c->delay_before_retry == VS_UNSET_TIMER) {
		FROM_RS_OR_VS(
		    delay_before_retry, "delay_before_retry", VS_UNSET_TIMER);
		if (c->delay_before_retry == VS_UNSET_TIMER)
			c->delay_before_retry =
			    def_dbr != 0 ? def_dbr : c->delay_loop;
	}
#undef FROM_RS_OR_VS
	if (c->type == VS_CHECK_MISC && c->u.misc.timeout == VS_UNSET_TIMER) {
		/* keepalived uses the service's delay_loop, not the
		   checker's */
		c->u.misc.timeout = vs->delay_loop;
		cfg_origin_inherit(
		    p, c, "misc_timeout", vs, "delay_loop", vsfrom);
	}
}

static void
check_duplicate_rs(
    struct cfg_parser *p, const struct vs_vs *vs, const char *name)
{
	struct vs_rs **v, *first, *rs;
	char rname[80];
	size_t i;

	if (vs->n_rs < 2)
		return;
	v = malloc(vs->n_rs * sizeof(*v));
	if (v == NULL)
		abort();
	for (i = 0, rs = vs->rss; rs != NULL; rs = rs->next)
		v[i++] = rs;
	qsort(v, vs->n_rs, sizeof(*v), rs_cmp);
	for (i = 1; i < vs->n_rs; i++) {
		if (rs_cmp(&v[i - 1], &v[i]) != 0)
			continue;
		/* report the later one, at its own line */
		first = v[i - 1];
		if (v[i]->loc.line < first->loc.line) {
			first = v[i];
			v[i] = v[i - 1];
		}
		rs_name(v[i], rname, sizeof(rname));
		cfg_perror(p, &v[i]->loc,
		    "virtual_server %s: real_server %s is given twice "
		    "(first at %s:%u)",
		    name, rname, first->loc.file, first->loc.line);
	}
	free(v);
}

static void
check_duplicate_vs(struct cfg_parser *p, struct vs_model *m)
{
	struct vs_vs **v, *first, *dup;
	char name[128];
	size_t i;

	if (m->vss.n < 2)
		return;
	v = malloc(m->vss.n * sizeof(*v));
	if (v == NULL)
		abort();
	memcpy(v, m->vss.v, m->vss.n * sizeof(*v));
	qsort(v, m->vss.n, sizeof(*v), vs_cmp);
	for (i = 1; i < m->vss.n; i++) {
		if (vs_cmp(&v[i - 1], &v[i]) != 0)
			continue;
		first = v[i - 1];
		dup = v[i];
		if (dup->loc.line < first->loc.line) {
			first = v[i];
			dup = v[i - 1];
		}
		vs_vs_name(dup, name, sizeof(name));
		cfg_perror(p, &dup->loc,
		    "virtual_server %s is defined twice (first at %s:%u)", name,
		    first->loc.file, first->loc.line);
	}
	free(v);
}

static int
rs_cmp(const void *x, const void *y)
{
	const struct vs_rs *a = *(struct vs_rs *const *)x;
	const struct vs_rs *b = *(struct vs_rs *const *)y;
	int c = cfg_addr_cmp(&a->addr, &b->addr);

	if (c != 0)
		return c;
	return a->port < b->port ? -1 : a->port > b->port;
}

static int
vs_cmp(const void *x, const void *y)
{
	const struct vs_vs *a = *(struct vs_vs *const *)x;
	const struct vs_vs *b = *(struct vs_vs *const *)y;
	int c;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	switch (a->kind) {
	case VS_FWMARK:
		if (a->fwmark != b->fwmark)
			return a->fwmark < b->fwmark ? -1 : 1;
		return a->af < b->af ? -1 : a->af > b->af;
	case VS_GROUP:
		c = strcmp(a->group, b->group);
		if (c != 0)
			return c;
		return a->af < b->af ? -1 : a->af > b->af;
	default:
		c = cfg_addr_cmp(&a->addr, &b->addr);
		if (c != 0)
			return c;
		if (a->port != b->port)
			return a->port < b->port ? -1 : 1;
		return a->protocol < b->protocol ? -1
		                                 : a->protocol > b->protocol;
	}
}

static bool
is_netmask(const struct cfg_addr *a)
{
	uint32_t m = (uint32_t)a->u.v4[0] << 24 | (uint32_t)a->u.v4[1] << 16 |
	    (uint32_t)a->u.v4[2] << 8 | a->u.v4[3];

	return m != 0 && (~m & (~m + 1)) == 0;
}

static bool
group_has_addr(const struct vs_group *g)
{
	size_t i;

	for (i = 0; i < g->entries.n; i++)
		if (!((const struct vs_group_entry *)g->entries.v[i])
		         ->is_fwmark)
			return true;
	return false;
}

static bool
group_has_fwmark(const struct vs_group *g)
{
	size_t i;

	for (i = 0; i < g->entries.n; i++)
		if (((const struct vs_group_entry *)g->entries.v[i])->is_fwmark)
			return true;
	return false;
}

static void
rs_name(const struct vs_rs *rs, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	cfg_addr_str(&rs->addr, "?", a, sizeof(a));
	snprintf(buf, size, "%s %u", a, rs->port);
}

/*
 * Whether the parser kept origins (-d): it records the origin of every
 * top-level block, and validate only runs when a virtual_server exists.
 */
static bool
keep_origins(const struct config *cfg)
{
	return cfg_origin_get(cfg, cfg, "virtual_server").how !=
	    CFG_HOW_DEFAULT;
}
