/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_conf_check.c: VRRP defaults, inheritance and checks across sections. */

#include <sys/ioctl.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <inttypes.h>
#include <net/if.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "objid.h"
#include "vrrp_conf.h"

#define SEC ((uint64_t)1000000)

/* A name and the object it names, for sorted lookups. */

/* How every named object of the model starts. */
struct named_hdr {
	const char *name;
	struct cfg_loc loc;
};

/* A sorted index of one section's objects. */
struct index {
	const struct cfg_vec *vec;
	uint32_t *v; /* positions in vec, sorted by name then position */
	size_t n;
};

/* A VIP and the instance that holds it. */
struct vip_owner {
	const struct vrrp_ipaddr *vip;
	uint32_t inst; /* position of the instance in the model */
	uint32_t idx; /* position in the file, to report the later one */
};

struct ctx {
	struct cfg_parser *p;
	struct config *cfg;
	struct vrrp_model *m;
	struct index scripts, files, procs, instances;
};

static int named_cmp(const void *, const void *, void *);
static const char *name_at(const struct cfg_vec *, uint32_t);
static void index_free(struct index *);
static void
index_build(struct ctx *, struct index *, const struct cfg_vec *, const char *);
static void *index_find(const struct index *, const char *);
static void check_scripts(struct ctx *);
static void check_track_objects(struct ctx *);
static void check_instance(struct ctx *, struct vrrp_instance *);
static void inst_family(struct ctx *, struct vrrp_instance *);
static void inst_version(struct ctx *, struct vrrp_instance *);
static void inst_priority(struct ctx *, struct vrrp_instance *);
static void inst_auth(struct ctx *, struct vrrp_instance *);
static void inst_interface(struct ctx *, struct vrrp_instance *);
static void inst_unicast(struct ctx *, struct vrrp_instance *);
static void inst_strict(struct ctx *, struct vrrp_instance *);
static void inst_inherit(struct ctx *, struct vrrp_instance *);
static void resolve_opts(
    struct ctx *, struct vrrp_instance_opts *, const struct vrrp_instance *);
static void inherit_lower(struct ctx *, const struct vrrp_instance *,
    const char *, bool, const char *, const char *);
static void inherit_origins(struct ctx *, const struct vrrp_instance *);
static void privatize(struct ctx *, struct vrrp_instance *);
static const struct vrrp_sync_group *find_group(struct ctx *, const char *);
static void inst_vips(struct ctx *, struct vrrp_instance *);
static void vip_twice(struct ctx *, const struct vrrp_instance *,
    const struct vip_owner *, const struct vip_owner *);
static void vips_compact(struct cfg_vec *, const bool *);
static void inst_scripts(struct ctx *, struct vrrp_instance *);
static void check_tracks(struct ctx *, const struct cfg_vec *, const char *);
static void check_track_ifs(struct ctx *, const struct cfg_vec *);
static void inst_unweighted(struct ctx *, struct vrrp_instance *);
static void drop_weighted(struct ctx *, struct vrrp_instance *,
    struct cfg_vec *, const char *, const char *, bool);
static void
host_ifname(struct ctx *, const char *, const struct cfg_loc *, const char *);
static void check_sync_groups(struct ctx *);
static void check_vrids(struct ctx *);
static int vrid_cmp(const void *, const void *);
static bool
share_peer(const struct vrrp_instance *, const struct vrrp_instance *);
static void check_dup_vips(struct ctx *);
static int vip_cmp(const void *, const void *);
static void check_static(struct ctx *);
static void check_lvs_syncd(struct ctx *);
static void check_ids(struct ctx *);
static void undefined(struct ctx *, const struct cfg_loc *, const char *,
    const char *, const char *, const struct index *);
static const struct cfg_loc *kwloc(const struct vrrp_instance *, int);
static const char *fam(int);

void
vrrp_conf_validate(struct cfg_parser *p, struct config *cfg, void *model)
{
	struct ctx c = { .p = p, .cfg = cfg, .m = model };
	size_t i;

	index_build(&c, &c.scripts, &c.m->scripts, "vrrp_script");
	index_build(&c, &c.files, &c.m->track_files, "vrrp_track_file");
	index_build(&c, &c.procs, &c.m->track_processes, "vrrp_track_process");
	index_build(&c, &c.instances, &c.m->instances, "vrrp_instance");
	check_scripts(&c);
	check_track_objects(&c);
	resolve_opts(&c, &c.m->default_opts, NULL);
	/* sync groups first: an instance's checks depend on its group */
	check_sync_groups(&c);
	for (i = 0; i < c.m->instances.n; i++)
		check_instance(&c, c.m->instances.v[i]);
	check_vrids(&c);
	check_dup_vips(&c);
	check_static(&c);
	check_lvs_syncd(&c);
	check_ids(&c);
	index_free(&c.scripts);
	index_free(&c.files);
	index_free(&c.procs);
	index_free(&c.instances);
}

static int
named_cmp(const void *a, const void *b, void *arg)
{
	const struct cfg_vec *vec = arg;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	int r = strcmp(name_at(vec, x), name_at(vec, y));

	if (r != 0)
		return r;
	return x < y ? -1 : x > y;
}

static const char *
name_at(const struct cfg_vec *vec, uint32_t i)
{
	return ((const struct named_hdr *)vec->v[i])->name;
}

/*
 * Sorts the objects of vec (each starts with its name) and reports every
 * repeated name at its later definition.
 */
static void
index_build(struct ctx *c, struct index *ix, const struct cfg_vec *vec,
    const char *what)
{
	const struct named_hdr *h;
	size_t i;

	ix->vec = vec;
	ix->n = vec->n;
	ix->v = malloc((vec->n + 1) * sizeof(*ix->v));
	if (ix->v == NULL)
		abort();
	for (i = 0; i < vec->n; i++)
		ix->v[i] = (uint32_t)i;
	qsort_r(
	    ix->v, ix->n, sizeof(*ix->v), named_cmp, (void *)(uintptr_t)vec);
	for (i = 1; i < ix->n; i++) {
		h = vec->v[ix->v[i]];
		if (strcmp(h->name, name_at(vec, ix->v[i - 1])) == 0)
			cfg_perror(c->p, &h->loc, "%s '%s' is already defined",
			    what, h->name);
	}
}

static void
index_free(struct index *ix)
{
	free(ix->v);
	ix->v = NULL;
}

static void *
index_find(const struct index *ix, const char *name)
{
	size_t lo = 0, hi = ix->n, mid;
	int r;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		r = strcmp(name, name_at(ix->vec, ix->v[mid]));
		if (r == 0) {
			/* the first definition wins */
			while (mid > 0 &&
			    strcmp(name_at(ix->vec, ix->v[mid - 1]), name) == 0)
				mid--;
			return ix->vec->v[ix->v[mid]];
		}
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* "X 'name' is not defined", with the nearest defined name if any. */
static void
undefined(struct ctx *c, const struct cfg_loc *loc, const char *what,
    const char *name, const char *section, const struct index *ix)
{
	const char *names[257], *best;
	size_t i, n = ix->n < 256 ? ix->n : 256;

	for (i = 0; i < n; i++)
		names[i] = name_at(ix->vec, ix->v[i]);
	names[n] = NULL;
	best = cfg_suggest(name, names);
	if (best != NULL)
		cfg_perror(c->p, loc,
		    "%s '%s' is not defined: expected the name of a %s; "
		    "did you mean '%s'?",
		    what, name, section, best);
	else
		cfg_perror(c->p, loc,
		    "%s '%s' is not defined: expected the name of a %s", what,
		    name, section);
}

static void
check_scripts(struct ctx *c)
{
	struct vrrp_script *s;
	size_t i;

	for (i = 0; i < c->m->scripts.n; i++) {
		s = c->m->scripts.v[i];
		if (s->script.cmd == NULL) {
			cfg_perror(c->p, &s->loc,
			    "vrrp_script '%s' has no 'script' line", s->name);
			continue;
		}
		if (s->interval == VRRP_UNSET_TIMER)
			s->interval = SEC;
		if (s->timeout == VRRP_UNSET_TIMER) {
			/* keepalived.conf(5): the timeout defaults to the
			   interval */
			s->timeout = s->interval;
			cfg_origin_inherit(
			    c->p, s, "timeout", s, "interval", s->name);
		}
		if (s->rise == VRRP_UNSET)
			s->rise = 1;
		if (s->fall == VRRP_UNSET)
			s->fall = 1;
		if (cfg_host_checks())
			cfg_check_script(c->p, &s->script);
	}
}

static void
check_track_objects(struct ctx *c)
{
	struct vrrp_track_process *tp;
	struct track_file *tf;
	size_t i;

	for (i = 0; i < c->m->track_files.n; i++) {
		tf = c->m->track_files.v[i];
		if (tf->file == NULL)
			cfg_perror(c->p, &tf->loc,
			    "vrrp_track_file '%s' has no 'file' line",
			    tf->name);
	}
	for (i = 0; i < c->m->track_processes.n; i++) {
		tp = c->m->track_processes.v[i];
		if (tp->process == NULL)
			cfg_perror(c->p, &tp->loc,
			    "vrrp_track_process '%s' has no 'process' line",
			    tp->name);
		if (tp->quorum_max != VRRP_UNSET && tp->quorum_max < tp->quorum)
			cfg_perror(c->p, &tp->loc,
			    "vrrp_track_process '%s': quorum_max %" PRId64
			    " is below quorum %" PRId64,
			    tp->name, tp->quorum_max, tp->quorum);
		if (tp->params == NULL &&
		    tp->param_match != VRRP_PARAM_MATCH_EXACT)
			cfg_perror(c->p, &tp->loc,
			    "vrrp_track_process '%s': param_match needs "
			    "parameters on the 'process' line",
			    tp->name);
	}
}

static void
check_instance(struct ctx *c, struct vrrp_instance *vi)
{
	if (vi->vrid == VRRP_UNSET)
		cfg_perror(c->p, &vi->loc,
		    "vrrp_instance '%s' has no virtual_router_id", vi->name);
	inst_family(c, vi);
	inst_version(c, vi);
	inst_priority(c, vi);
	inst_interface(c, vi);
	inst_unicast(c, vi);
	inst_strict(c, vi);
	inst_inherit(c, vi);
	inst_auth(c, vi);
	inst_vips(c, vi);
	inst_scripts(c, vi);
	check_tracks(c, &vi->lists->track_script, "track_script");
	check_tracks(c, &vi->lists->track_file, "track_file");
	check_tracks(c, &vi->lists->track_process, "track_process");
	check_track_ifs(c, &vi->lists->track_if);
	inst_unweighted(c, vi);
}

/*
 * The instance's family comes from native_ipv6, its first VIP, its source
 * address or its first peer, in that order; every address that must
 * match it is checked here.
 */
static void
inst_family(struct ctx *c, struct vrrp_instance *vi)
{
	const struct vrrp_ipaddr *a;
	const struct vrrp_peer *pe;
	char buf[INET6_ADDRSTRLEN];
	size_t i;

	if (vi->native_ipv6)
		vi->family = AF_INET6;
	else if (vi->vips.n > 0)
		vi->family = ((struct vrrp_ipaddr *)vi->vips.v[0])->addr.family;
	else if (vi->saddr.family != AF_UNSPEC)
		vi->family = vi->saddr.family;
	else if (vi->peers.n > 0)
		vi->family = ((struct vrrp_peer *)vi->peers.v[0])->addr.family;
	else
		vi->family = AF_INET;
	if (vi->saddr.family != AF_UNSPEC && vi->saddr.family != vi->family)
		cfg_perror(c->p, kwloc(vi, VRRP_LOC_SADDR),
		    "%s %s is %s but vrrp_instance '%s' is %s",
		    vi->saddr_unicast ? "unicast_src_ip" : "mcast_src_ip",
		    cfg_addr_str(&vi->saddr, "all", buf, sizeof(buf)),
		    fam(vi->saddr.family), vi->name, fam(vi->family));
	for (i = 0; i < vi->vips.n; i++) {
		a = vi->vips.v[i];
		if (a->addr.family != vi->family)
			cfg_perror(c->p, &a->loc,
			    "virtual_ipaddress %s is %s but vrrp_instance "
			    "'%s' is %s (put addresses of the other family "
			    "in virtual_ipaddress_excluded)",
			    cfg_addr_str(&a->addr, "all", buf, sizeof(buf)),
			    fam(a->addr.family), vi->name, fam(vi->family));
	}
	for (i = 0; i < vi->peers.n; i++) {
		pe = vi->peers.v[i];
		if (pe->addr.family != vi->family)
			cfg_perror(c->p, &pe->loc,
			    "unicast_peer %s is %s but vrrp_instance '%s' "
			    "is %s",
			    cfg_addr_str(&pe->addr, "all", buf, sizeof(buf)),
			    fam(pe->addr.family), vi->name, fam(vi->family));
	}
	if (vi->mcast_dst.family != AF_UNSPEC &&
	    vi->mcast_dst.family != vi->family)
		cfg_perror(c->p, &vi->loc,
		    "vrrp_instance '%s': mcast_dst_ip is %s but the "
		    "instance is %s",
		    vi->name, fam(vi->mcast_dst.family), fam(vi->family));
}

static void
inst_version(struct ctx *c, struct vrrp_instance *vi)
{
	const struct global_conf *g = &c->cfg->global;

	if (vi->version == 2 && vi->family == AF_INET6) {
		/* keepalived runs it as version 3 anyway */
		cfg_perror(c->p, kwloc(vi, VRRP_LOC_VERSION),
		    "vrrp_instance '%s' is IPv6, which VRRP version 2 does "
		    "not carry: use version 3",
		    vi->name);
		return;
	}
	if (vi->version != VRRP_UNSET)
		return;
	if (vi->family == AF_INET6) {
		vi->version = 3;
		cfg_origin_derived(c->p, vi, "version", &vi->loc);
	} else {
		vi->version = g->vrrp_version;
		cfg_origin_inherit(
		    c->p, vi, "version", g, "vrrp_version", "global_defs");
	}
}

static void
inst_priority(struct ctx *c, struct vrrp_instance *vi)
{
	uint64_t adv;

	if (vi->advert_int == VRRP_UNSET_TIMER)
		vi->advert_int = SEC;
	adv = vi->advert_int;
	if (vi->version == 2 && adv % SEC != 0)
		cfg_perror(c->p, kwloc(vi, VRRP_LOC_ADVERT),
		    "advert_int %" PRIu64 ".%06" PRIu64
		    " is not whole seconds, which VRRP version 2 needs: "
		    "use version 3 for sub-second adverts",
		    adv / SEC, adv % SEC);
	else if (vi->version == 3 && (adv % 10000 != 0 || adv > 40950000))
		cfg_perror(c->p, kwloc(vi, VRRP_LOC_ADVERT),
		    "advert_int %" PRIu64 ".%06" PRIu64
		    " does not fit VRRP version 3: expected hundredths of "
		    "a second from 0.01 to 40.95",
		    adv / SEC, adv % SEC);
	/* keepalived: an unset priority follows the state, and an unset
	   state follows the priority */
	if (vi->priority == VRRP_UNSET) {
		vi->priority = vi->state == VRRP_CONF_STATE_MASTER
		    ? VRRP_PRIO_OWNER
		    : VRRP_PRIO_DEFAULT;
		if (vi->state == VRRP_CONF_STATE_MASTER)
			cfg_origin_derived(
			    c->p, vi, "priority", kwloc(vi, VRRP_LOC_STATE));
	}
	if (vi->state == VRRP_CONF_STATE_UNSET) {
		vi->state = vi->priority == VRRP_PRIO_OWNER
		    ? VRRP_CONF_STATE_MASTER
		    : VRRP_CONF_STATE_BACKUP;
		cfg_origin_derived(
		    c->p, vi, "state", kwloc(vi, VRRP_LOC_PRIORITY));
	}
	if (vi->nopreempt && vi->priority == VRRP_PRIO_OWNER)
		cfg_perror(c->p, kwloc(vi, VRRP_LOC_NOPREEMPT),
		    "vrrp_instance '%s': nopreempt does not go with priority "
		    "255 (the address owner always preempts)",
		    vi->name);
	else if (vi->nopreempt && vi->state == VRRP_CONF_STATE_MASTER)
		cfg_perror(c->p, kwloc(vi, VRRP_LOC_NOPREEMPT),
		    "vrrp_instance '%s': nopreempt needs 'state BACKUP' (an "
		    "instance that starts as MASTER preempts)",
		    vi->name);
	if (vi->preempt_delay != VRRP_UNSET_TIMER && vi->preempt_delay > 0) {
		if (vi->nopreempt)
			cfg_perror(c->p, kwloc(vi, VRRP_LOC_PREEMPT_DELAY),
			    "vrrp_instance '%s': preempt_delay does not go "
			    "with nopreempt",
			    vi->name);
		else if (vi->state == VRRP_CONF_STATE_MASTER)
			/* keepalived clears it, and -t fails */
			cfg_perror(c->p, kwloc(vi, VRRP_LOC_PREEMPT_DELAY),
			    "vrrp_instance '%s': preempt_delay has no effect "
			    "with 'state MASTER'",
			    vi->name);
	}
	if (vi->preempt_delay == VRRP_UNSET_TIMER)
		vi->preempt_delay = 0;
}

static void
inst_auth(struct ctx *c, struct vrrp_instance *vi)
{
	const struct cfg_loc *l = kwloc(vi, VRRP_LOC_AUTH);

	if (vi->opts->auth_type == VRRP_CONF_AUTH_NONE) {
		if (vi->opts->auth_pass[0] != '\0')
			cfg_perror(c->p, &vi->loc,
			    "vrrp_instance '%s': auth_pass without auth_type",
			    vi->name);
		return;
	}
	if (vi->strict_mode)
		cfg_perror(c->p, l,
		    "vrrp_instance '%s': strict mode (strict_mode or "
		    "vrrp_strict) does not allow authentication",
		    vi->name);
	else if (vi->version == 3)
		cfg_perror(c->p, l,
		    "vrrp_instance '%s': VRRP version 3 has no "
		    "authentication (keepalived would ignore it)",
		    vi->name);
	else if (vi->opts->auth_pass[0] == '\0')
		cfg_perror(c->p, l,
		    "vrrp_instance '%s': authentication without auth_pass",
		    vi->name);
	else if (vi->opts->auth_type == VRRP_CONF_AUTH_AH &&
	    vi->family == AF_INET6)
		cfg_perror(c->p, l,
		    "vrrp_instance '%s': AH authentication is IPv4 only",
		    vi->name);
	else if (vi->opts->auth_type == VRRP_CONF_AUTH_AH &&
	    vi->state == VRRP_CONF_STATE_MASTER &&
	    vi->priority != VRRP_PRIO_OWNER)
		cfg_perror(c->p, l,
		    "vrrp_instance '%s': AH authentication needs 'state "
		    "BACKUP' unless priority is 255 (the AH sequence number "
		    "is learnt from the master)",
		    vi->name);
}

/* With host checks: the interface exists (or may appear later). */
static void
host_ifname(struct ctx *c, const char *ifname, const struct cfg_loc *loc,
    const char *what)
{
	int flags;

	if (!cfg_host_checks())
		return;
	if ((flags = cfg_host_interface(c->p, ifname)) < 0) {
		if (c->cfg->global.dynamic_interfaces)
			cfg_pwarning(c->p, loc,
			    "%s %s does not exist yet; waiting for it "
			    "(dynamic_interfaces)",
			    what, ifname);
		else
			cfg_perror(c->p, loc,
			    "%s %s does not exist on this host (set "
			    "dynamic_interfaces in global_defs to wait for "
			    "it)",
			    what, ifname);
		return;
	}
	if ((flags & IFF_LOOPBACK) && strcmp(what, "interface") == 0)
		cfg_perror(c->p, loc,
		    "interface %s is a loopback: VRRP cannot run on it",
		    ifname);
}

static void
inst_interface(struct ctx *c, struct vrrp_instance *vi)
{
	const struct global_conf *g = &c->cfg->global;

	if (vi->ifname[0] == '\0' && g->default_interface[0] != '\0' &&
	    !(vi->saddr_unicast && vi->peers.n > 0)) {
		memcpy(vi->ifname, g->default_interface, sizeof(vi->ifname));
		cfg_origin_inherit(c->p, vi, "interface", g,
		    "default_interface", "global_defs");
	}
	if (vi->ifname[0] == '\0') {
		if (vi->peers.n == 0 || vi->saddr.family == AF_UNSPEC)
			cfg_perror(c->p, &vi->loc,
			    "vrrp_instance '%s' has no interface (give "
			    "'interface', default_interface in global_defs, "
			    "or unicast_src_ip with unicast_peer)",
			    vi->name);
		else if (vi->use_vmac)
			cfg_perror(c->p, &vi->loc,
			    "vrrp_instance '%s': use_vmac needs an interface",
			    vi->name);
		return;
	}
	host_ifname(c, vi->ifname, kwloc(vi, VRRP_LOC_IF), "interface");
	if (vi->vmac_xmit_base && !vi->use_vmac && !vi->use_ipvlan)
		cfg_perror(c->p, kwloc(vi, VRRP_LOC_IF),
		    "vrrp_instance '%s': vmac_xmit_base needs use_vmac",
		    vi->name);
}

static void
inst_unicast(struct ctx *c, struct vrrp_instance *vi)
{
	const struct vrrp_peer *pe, *pe2;
	char buf[INET6_ADDRSTRLEN];
	size_t i, j;

	if (vi->unicast_ttl != VRRP_UNSET && vi->peers.n == 0)
		cfg_perror(c->p, kwloc(vi, VRRP_LOC_UNICAST_TTL),
		    "vrrp_instance '%s': unicast_ttl without unicast_peer",
		    vi->name);
	if (vi->peers.n == 0 && !vi->unicast_fault_no_peer &&
	    (vi->saddr_unicast || vi->check_unicast_src))
		cfg_pwarning(c->p, &vi->loc,
		    "vrrp_instance '%s': unicast keywords without "
		    "unicast_peer: the instance uses multicast",
		    vi->name);
	if (vi->peers.n > 0 && vi->mcast_dst.family != AF_UNSPEC)
		cfg_perror(c->p, &vi->loc,
		    "vrrp_instance '%s': mcast_dst_ip does not go with "
		    "unicast_peer",
		    vi->name);
	/* peer lists are short: a pairwise check costs nothing */
	for (i = 0; i < vi->peers.n; i++) {
		pe = vi->peers.v[i];
		if (cfg_addr_cmp(&pe->addr, &vi->saddr) == 0)
			cfg_perror(c->p, &pe->loc,
			    "unicast_peer %s is this instance's own source "
			    "address",
			    cfg_addr_str(&pe->addr, "all", buf, sizeof(buf)));
		for (j = 0; j < i && j < 64; j++) {
			pe2 = vi->peers.v[j];
			if (cfg_addr_cmp(&pe->addr, &pe2->addr) == 0) {
				cfg_perror(c->p, &pe->loc,
				    "unicast_peer %s is listed twice",
				    cfg_addr_str(
				        &pe->addr, "all", buf, sizeof(buf)));
				break;
			}
		}
	}
	if (vi->peers.n == 0 && vi->mcast_dst.family == AF_UNSPEC) {
		vi->mcast_dst = vi->family == AF_INET6
		    ? c->cfg->global.vrrp_mcast_group6
		    : c->cfg->global.vrrp_mcast_group4;
		cfg_origin_inherit(c->p, vi, "mcast_dst_ip", &c->cfg->global,
		    vi->family == AF_INET6 ? "vrrp_mcast_group6"
		                           : "vrrp_mcast_group4",
		    "global_defs");
	}
	if (vi->family == AF_INET && vi->peers.n > 0 &&
	    vi->unicast_ttl == VRRP_UNSET)
		vi->unicast_ttl = 255;
}

/* The opts values that come from global_defs when not set. */
enum inh_kind {
	INH_TIMER,
	INH_INT64,
	INH_BOOL_INT, /* a bool in global_defs, an int here */
};
static const struct {
	const char *name, *gname;
	size_t off, goff;
	enum inh_kind kind;
} inherit_tab[] = {
#define INH(f, gf, k) \
	{ \
#f, #gf, offsetof(struct vrrp_instance_opts, f), \
		    offsetof(struct global_conf, gf), k \
	}
	INH(garp_master_delay, vrrp_garp_master_delay, INH_TIMER),
	INH(garp_master_repeat, vrrp_garp_master_repeat, INH_INT64),
	INH(garp_master_refresh, vrrp_garp_master_refresh, INH_TIMER),
	INH(garp_master_refresh_repeat, vrrp_garp_master_refresh_repeat,
	    INH_INT64),
	INH(garp_extra_if, vrrp_garp_extra_if, INH_TIMER),
	INH(garp_extra_if_all, vrrp_garp_extra_if_all, INH_BOOL_INT),
	INH(lower_prio_no_advert, vrrp_lower_prio_no_advert, INH_BOOL_INT),
	INH(higher_prio_send_advert, vrrp_higher_prio_send_advert,
	    INH_BOOL_INT),
	INH(down_timer_adverts, vrrp_down_timer_adverts, INH_INT64),
	INH(notify_priority_changes, vrrp_notify_priority_changes,
	    INH_BOOL_INT),
#undef INH
};

/*
 * Fills the unset fields of o from global_defs and defaults; origins go
 * to vi, the object -d prints.  For the shared opts (vi NULL) only the
 * values are filled; inherit_origins() then records them per instance.
 */
static void
resolve_opts(
    struct ctx *c, struct vrrp_instance_opts *o, const struct vrrp_instance *vi)
{
	const struct global_conf *g = &c->cfg->global;
	char *f;
	const char *gf;
	int64_t v;
	size_t i;

	for (i = 0; i < sizeof(inherit_tab) / sizeof(inherit_tab[0]); i++) {
		f = (char *)o + inherit_tab[i].off;
		gf = (const char *)g + inherit_tab[i].goff;
		switch (inherit_tab[i].kind) {
		case INH_TIMER:
		case INH_INT64:
			memcpy(&v, f, sizeof(v));
			if (v != VRRP_UNSET)
				continue;
			memcpy(f, gf, sizeof(v));
			break;
		case INH_BOOL_INT:
			if (*(int *)(void *)f != VRRP_UNSET)
				continue;
			*(int *)(void *)f = *(const bool *)gf;
			break;
		}
		if (vi != NULL)
			cfg_origin_inherit(c->p, vi, inherit_tab[i].name, g,
			    inherit_tab[i].gname, "global_defs");
	}
	/* keepalived: the lower priority GARPs follow the master ones */
	if (o->garp_lower_prio_delay == VRRP_UNSET_TIMER) {
		o->garp_lower_prio_delay = g->vrrp_garp_lower_prio_delay_set
		    ? g->vrrp_garp_lower_prio_delay
		    : o->garp_master_delay;
		if (vi != NULL)
			inherit_lower(c, vi, "garp_lower_prio_delay",
			    g->vrrp_garp_lower_prio_delay_set,
			    "vrrp_garp_lower_prio_delay", "garp_master_delay");
	}
	if (o->garp_lower_prio_repeat == VRRP_UNSET) {
		o->garp_lower_prio_repeat = g->vrrp_garp_lower_prio_repeat_set
		    ? g->vrrp_garp_lower_prio_repeat
		    : o->garp_master_repeat;
		if (vi != NULL)
			inherit_lower(c, vi, "garp_lower_prio_repeat",
			    g->vrrp_garp_lower_prio_repeat_set,
			    "vrrp_garp_lower_prio_repeat",
			    "garp_master_repeat");
	}
	if (o->smtp_alert == VRRP_UNSET) {
		o->smtp_alert = g->smtp_alert_vrrp != -1 ? g->smtp_alert_vrrp
		    : g->smtp_alert != -1                ? g->smtp_alert
		                                         : 0;
		if (vi != NULL)
			cfg_origin_inherit(c->p, vi, "smtp_alert", g,
			    g->smtp_alert_vrrp != -1 ? "smtp_alert_vrrp"
			                             : "smtp_alert",
			    "global_defs");
	}
	if (o->kernel_rx_buf_size == VRRP_UNSET)
		o->kernel_rx_buf_size = 0;
	if (o->debug == VRRP_UNSET)
		o->debug = 0;
}

static void
inherit_lower(struct ctx *c, const struct vrrp_instance *vi, const char *name,
    bool global_set, const char *gname, const char *master)
{
	if (global_set)
		cfg_origin_inherit(
		    c->p, vi, name, &c->cfg->global, gname, "global_defs");
	else
		cfg_origin_inherit(c->p, vi, name, vi, master, vi->name);
}

/* Gives vi opts of its own (all unset) if it shares the default ones. */
static void
privatize(struct ctx *c, struct vrrp_instance *vi)
{
	if (vi->private_opts)
		return;
	vi->opts = cfg_alloc(c->cfg, sizeof(*vi->opts));
	vrrp_opts_init(vi->opts);
	vi->private_opts = true;
}

/* The origins of the shared opts' values, for each instance using them. */
static void
inherit_origins(struct ctx *c, const struct vrrp_instance *vi)
{
	struct vrrp_instance_opts unset;

	/* replaying the resolution on a scratch copy records the origins */
	vrrp_opts_init(&unset);
	resolve_opts(c, &unset, vi);
}

/* Instance values from global_defs and defaults. */
static void
inst_inherit(struct ctx *c, struct vrrp_instance *vi)
{
	const struct global_conf *g = &c->cfg->global;
	const struct vrrp_sync_group *sg;
	struct vrrp_instance_opts *o;

	/* keepalived: a sync group's notify_priority_changes comes before
	   the global one; an instance on the shared opts gets its own */
	sg = vi->sync_group ? find_group(c, vi->sync_group) : NULL;
	if (sg != NULL && sg->notify_priority_changes != VRRP_UNSET &&
	    (!vi->private_opts ||
	        vi->opts->notify_priority_changes == VRRP_UNSET)) {
		privatize(c, vi);
		vi->opts->notify_priority_changes = sg->notify_priority_changes;
		cfg_origin_inherit(c->p, vi, "notify_priority_changes", sg,
		    "notify_priority_changes", sg->name);
	}
	if (vi->strict_mode) {
		/* keepalived: strict mode has its own defaults for these */
		privatize(c, vi);
		o = vi->opts;
		if (o->garp_lower_prio_repeat == VRRP_UNSET) {
			o->garp_lower_prio_repeat = 0;
			cfg_origin_derived(c->p, vi, "garp_lower_prio_repeat",
			    kwloc(vi, VRRP_LOC_STRICT));
		}
		if (o->garp_lower_prio_delay == VRRP_UNSET_TIMER) {
			o->garp_lower_prio_delay = 0;
			cfg_origin_derived(c->p, vi, "garp_lower_prio_delay",
			    kwloc(vi, VRRP_LOC_STRICT));
		}
		if (o->lower_prio_no_advert == VRRP_UNSET) {
			o->lower_prio_no_advert = 1;
			cfg_origin_derived(c->p, vi, "lower_prio_no_advert",
			    kwloc(vi, VRRP_LOC_STRICT));
		}
		if (o->higher_prio_send_advert == VRRP_UNSET) {
			o->higher_prio_send_advert = 0;
			cfg_origin_derived(c->p, vi, "higher_prio_send_advert",
			    kwloc(vi, VRRP_LOC_STRICT));
		}
	}
	if (vi->private_opts)
		resolve_opts(c, vi->opts, vi);
	else
		inherit_origins(c, vi);
	if (!vi->skip_check_adv_addr && g->vrrp_skip_check_adv_addr) {
		vi->skip_check_adv_addr = true;
		cfg_origin_inherit(c->p, vi, "skip_check_adv_addr", g,
		    "vrrp_skip_check_adv_addr", "global_defs");
	}
	if (!vi->check_unicast_src && g->vrrp_check_unicast_src &&
	    vi->peers.n > 0) {
		vi->check_unicast_src = true;
		cfg_origin_inherit(c->p, vi, "check_unicast_src", g,
		    "vrrp_check_unicast_src", "global_defs");
	}
	if (vi->accept == VRRP_UNSET) {
		/* keepalived: accept mode for the owner, else unless strict */
		vi->accept =
		    vi->priority == VRRP_PRIO_OWNER ? 1 : !vi->strict_mode;
		cfg_origin_derived(c->p, vi, "accept", NULL);
	}
}

/*
 * vrrp_strict / strict_mode forbid what RFC 3768/5798 do not allow.
 * Runs before inst_inherit(): the opts still tell what the file set.
 */
static void
inst_strict(struct ctx *c, struct vrrp_instance *vi)
{
	const struct cfg_loc *l = kwloc(vi, VRRP_LOC_STRICT);
	static struct vrrp_instance_opts unset_opts;
	const struct vrrp_instance_opts *o = vi->opts;
	const struct vrrp_ipaddr *a;

	if (unset_opts.smtp_alert == 0)
		vrrp_opts_init(&unset_opts);
	if (vi->strict_mode == VRRP_UNSET) {
		vi->strict_mode = c->cfg->global.vrrp_strict;
		cfg_origin_inherit(c->p, vi, "strict_mode", &c->cfg->global,
		    "vrrp_strict", "global_defs");
	}
	if (!vi->strict_mode)
		return;
	if ((vi->state == VRRP_CONF_STATE_MASTER) !=
	    (vi->priority == VRRP_PRIO_OWNER))
		cfg_perror(c->p, kwloc(vi, VRRP_LOC_STATE),
		    "vrrp_instance '%s': in strict mode 'state MASTER' is "
		    "for the address owner (priority 255) only",
		    vi->name);
	if (vi->peers.n > 0)
		cfg_perror(c->p, l,
		    "vrrp_instance '%s': strict mode does not allow "
		    "unicast_peer",
		    vi->name);
	if (vi->preempt_delay > 0)
		cfg_perror(c->p, kwloc(vi, VRRP_LOC_PREEMPT_DELAY),
		    "vrrp_instance '%s': strict mode does not allow "
		    "preempt_delay",
		    vi->name);
	/* the shared opts hold global_defs values, not the file's */
	if (!vi->private_opts)
		o = &unset_opts;
	if (o->down_timer_adverts != VRRP_UNSET && o->down_timer_adverts != 3)
		cfg_perror(c->p, l,
		    "vrrp_instance '%s': strict mode needs "
		    "down_timer_adverts 3",
		    vi->name);
	if (o->garp_lower_prio_repeat != VRRP_UNSET &&
	    o->garp_lower_prio_repeat != 0)
		cfg_perror(c->p, l,
		    "vrrp_instance '%s': strict mode does not allow "
		    "garp_lower_prio_repeat",
		    vi->name);
	if (o->garp_lower_prio_delay != VRRP_UNSET_TIMER &&
	    o->garp_lower_prio_delay != 0)
		cfg_perror(c->p, l,
		    "vrrp_instance '%s': strict mode does not allow "
		    "garp_lower_prio_delay",
		    vi->name);
	if (vi->accept == 1 && vi->priority != VRRP_PRIO_OWNER &&
	    vi->version == 2)
		cfg_perror(c->p, l,
		    "vrrp_instance '%s': strict mode with VRRP version 2 does "
		    "not allow accept (RFC 3768)",
		    vi->name);
	if (o->lower_prio_no_advert == 0)
		cfg_perror(c->p, l,
		    "vrrp_instance '%s': strict mode needs "
		    "lower_prio_no_advert",
		    vi->name);
	if (o->higher_prio_send_advert == 1)
		cfg_perror(c->p, l,
		    "vrrp_instance '%s': strict mode does not allow "
		    "higher_prio_send_advert",
		    vi->name);
	if (vi->vips.n == 0)
		cfg_perror(c->p, l,
		    "vrrp_instance '%s': strict mode needs at least one "
		    "virtual_ipaddress",
		    vi->name);
	else if (vi->family == AF_INET6) {
		a = vi->vips.v[0];
		if (a->addr.u.v6[0] != 0xfe || (a->addr.u.v6[1] & 0xc0) != 0x80)
			cfg_perror(c->p, &a->loc,
			    "vrrp_instance '%s': in strict mode the first "
			    "IPv6 VIP must be link-local",
			    vi->name);
	}
}

/*
 * keepalived adds a repeated address once, and configs built from its
 * examples repeat lines, so a repeat is a warning and the model keeps the
 * first: the one in virtual_ipaddress when both lists have it, as that
 * one is advertised.
 */
static void
inst_vips(struct ctx *c, struct vrrp_instance *vi)
{
	struct vip_owner *all;
	bool *drop;
	size_t nv = vi->vips.n, n = nv + vi->opts->evips.n, i;

	if (vi->vips.n == 0 && !vi->strict_mode) {
		if (vi->version == 3)
			cfg_perror(c->p, &vi->loc,
			    "vrrp_instance '%s' has no virtual_ipaddress: "
			    "VRRP version 3 needs at least one",
			    vi->name);
		else
			cfg_pwarning(c->p, &vi->loc,
			    "vrrp_instance '%s' has no virtual_ipaddress",
			    vi->name);
	}
	if (n < 2)
		return;
	all = malloc(n * sizeof(*all));
	drop = calloc(n, sizeof(*drop));
	if (all == NULL || drop == NULL)
		abort();
	for (i = 0; i < n; i++) {
		all[i].vip = i < nv ? vi->vips.v[i] : vi->opts->evips.v[i - nv];
		all[i].inst = 0;
		all[i].idx = (uint32_t)i;
	}
	/* equal addresses sort by position, so all[i - 1] is the kept one */
	qsort(all, n, sizeof(*all), vip_cmp);
	for (i = 1; i < n; i++)
		if (cfg_addr_cmp(&all[i].vip->addr, &all[i - 1].vip->addr) ==
		    0) {
			vip_twice(c, vi, &all[i - 1], &all[i]);
			drop[all[i].idx] = true;
		}
	free(all);
	vips_compact(&vi->vips, drop);
	vips_compact(&vi->opts->evips, drop + nv);
	free(drop);
}

static void
vip_twice(struct ctx *c, const struct vrrp_instance *vi,
    const struct vip_owner *kept, const struct vip_owner *dup)
{
	const char *list[] = { "virtual_ipaddress",
		"virtual_ipaddress_excluded" };
	char buf[INET6_ADDRSTRLEN];
	bool kept_ex = kept->idx >= vi->vips.n;
	bool dup_ex = dup->idx >= vi->vips.n;

	cfg_addr_str(&dup->vip->addr, "all", buf, sizeof(buf));
	if (kept_ex == dup_ex)
		cfg_pwarning(c->p, &dup->vip->loc,
		    "%s %s is given twice in vrrp_instance '%s' (first at "
		    "line %u): added once",
		    list[dup_ex], buf, vi->name, kept->vip->loc.line);
	else
		cfg_pwarning(c->p, &dup->vip->loc,
		    "%s %s is also in %s of vrrp_instance '%s' (line %u): "
		    "given twice, added once, as a VIP",
		    list[dup_ex], buf, list[kept_ex], vi->name,
		    kept->vip->loc.line);
}

/* Removes the entries of v whose flag in drop is set, keeping the order. */
static void
vips_compact(struct cfg_vec *v, const bool *drop)
{
	uint32_t i, k;

	for (i = 0, k = 0; i < v->n; i++)
		if (!drop[i])
			v->v[k++] = v->v[i];
	v->n = k;
}

static void
inst_scripts(struct ctx *c, struct vrrp_instance *vi)
{
	const struct cfg_script *s[] = { &vi->opts->notify_master,
		&vi->opts->notify_backup, &vi->opts->notify_fault,
		&vi->opts->notify_stop, &vi->opts->notify_deleted,
		&vi->opts->notify, &vi->opts->notify_master_rx_lower_pri };
	size_t i;

	if (!cfg_host_checks())
		return;
	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		if (s[i]->cmd != NULL)
			cfg_check_notify(c->p, s[i]);
}

/* Each entry names a defined section; an unset weight is the section's. */
static void
check_tracks(struct ctx *c, const struct cfg_vec *v, const char *what)
{
	const struct vrrp_track_process *tp;
	const struct track_file *tf;
	const struct vrrp_script *s;
	struct vrrp_track *t;
	const char *section;
	const void *src;
	int64_t w;
	size_t i;

	for (i = 0; i < v->n; i++) {
		t = v->v[i];
		if (strcmp(what, "track_script") == 0) {
			s = index_find(&c->scripts, t->name);
			section = "vrrp_script";
			src = s;
			w = s ? s->weight : 0;
		} else if (strcmp(what, "track_file") == 0) {
			tf = index_find(&c->files, t->name);
			section = "track_file";
			src = tf;
			w = tf ? tf->weight : 0;
		} else {
			tp = index_find(&c->procs, t->name);
			section = "vrrp_track_process";
			src = tp;
			w = tp ? tp->weight : 0;
		}
		if (src == NULL) {
			undefined(c, &t->loc, what, t->name, section,
			    strcmp(what, "track_script") == 0     ? &c->scripts
			        : strcmp(what, "track_file") == 0 ? &c->files
			                                          : &c->procs);
			continue;
		}
		if (t->weight == VRRP_UNSET) {
			t->weight = w;
			cfg_origin_inherit(
			    c->p, t, "track", src, "weight", t->name);
		}
	}
}

static void
check_track_ifs(struct ctx *c, const struct cfg_vec *v)
{
	struct vrrp_track *t;
	size_t i;

	for (i = 0; i < v->n; i++) {
		t = v->v[i];
		if (t->weight == VRRP_UNSET)
			t->weight = 0;
		host_ifname(c, t->name, &t->loc, "track_interface");
	}
}

/*
 * keepalived ignores tracker weights of a sync group member (unless the
 * group has sync_group_tracking_weight) and of the address owner, and
 * runs anyway: operators rely on that, so vigil warns and does the same.
 */
static void
inst_unweighted(struct ctx *c, struct vrrp_instance *vi)
{
	bool sync = vi->sync_group != NULL;
	const char *why = "it is the address owner (priority 255)";
	struct vrrp_sync_group *g;
	size_t i;

	for (i = 0; sync && i < c->m->sync_groups.n; i++) {
		g = c->m->sync_groups.v[i];
		if (strcmp(g->name, vi->sync_group) == 0) {
			sync = !g->sync_group_tracking_weight;
			break;
		}
	}
	if (sync)
		why = "it is in a vrrp_sync_group without "
		      "sync_group_tracking_weight";
	else if (vi->priority != VRRP_PRIO_OWNER)
		return;
	drop_weighted(
	    c, vi, &vi->lists->track_if, "track_interface", why, sync);
	drop_weighted(
	    c, vi, &vi->lists->track_script, "track_script", why, false);
	drop_weighted(c, vi, &vi->lists->track_file, "track_file", why, false);
	drop_weighted(c, vi, &vi->lists->track_bfd, "track_bfd", why, false);
}

/*
 * Removes the weighted entries of v (keepalived stops tracking them), or
 * only zeroes their weight when keep (a sync group's interfaces still
 * fault the instance).  A track_file left at its default weight of 1
 * becomes unweighted.
 */
static void
drop_weighted(struct ctx *c, struct vrrp_instance *vi, struct cfg_vec *v,
    const char *what, const char *why, bool keep)
{
	struct vrrp_track *t;
	const struct track_file *tf;
	size_t i, n = 0;

	for (i = 0; i < v->n; i++) {
		t = v->v[i];
		if (strcmp(what, "track_file") == 0 && t->weight == 1 &&
		    (tf = index_find(&c->files, t->name)) != NULL &&
		    tf->weight == 1) {
			cfg_pwarning(c->p, &t->loc,
			    "vrrp_instance '%s': track_file '%s' is "
			    "unweighted because %s (write 'weight 0')",
			    vi->name, t->name, why);
			t->weight = 0;
		} else if (t->weight != 0 && t->weight != VRRP_UNSET) {
			cfg_pwarning(c->p, &t->loc,
			    "vrrp_instance '%s': %s '%s' has a weight, but "
			    "%s: %s",
			    vi->name, what, t->name, why,
			    keep ? "its weight is ignored"
			         : "it is not tracked");
			if (keep)
				t->weight = 0;
			else
				continue;
		}
		v->v[n++] = t;
	}
	v->n = n;
}

static const struct vrrp_sync_group *
find_group(struct ctx *c, const char *name)
{
	const struct vrrp_sync_group *g;
	size_t i;

	/* a group's name on an instance points into the group itself */
	for (i = 0; i < c->m->sync_groups.n; i++) {
		g = c->m->sync_groups.v[i];
		if (g->name == name)
			return g;
	}
	return NULL;
}

static void
check_sync_groups(struct ctx *c)
{
	struct vrrp_instance *vi;
	struct vrrp_sync_group *g;
	struct vrrp_track *t;
	size_t i, j, k;

	for (i = 0; i < c->m->sync_groups.n; i++) {
		g = c->m->sync_groups.v[i];
		for (k = 0; k < i; k++)
			if (strcmp(((struct vrrp_sync_group *)
			                   c->m->sync_groups.v[k])
			               ->name,
			        g->name) == 0) {
				cfg_perror(c->p, &g->loc,
				    "vrrp_sync_group '%s' is already defined",
				    g->name);
				break;
			}
		if (g->members.n == 0)
			cfg_perror(c->p, &g->loc,
			    "vrrp_sync_group '%s' has no instances: expected "
			    "'group { <VRRP_INSTANCE> ... }'",
			    g->name);
		else if (g->members.n == 1)
			cfg_pwarning(c->p, &g->loc,
			    "vrrp_sync_group '%s' has only one instance: it "
			    "syncs with nothing",
			    g->name);
		for (j = 0; j < g->members.n; j++) {
			t = g->members.v[j];
			vi = index_find(&c->instances, t->name);
			if (vi == NULL) {
				cfg_perror(c->p, &t->loc,
				    "vrrp_sync_group '%s': vrrp_instance '%s' "
				    "is not defined",
				    g->name, t->name);
				continue;
			}
			if (vi->sync_group != NULL) {
				cfg_perror(c->p, &t->loc,
				    "vrrp_instance '%s' is already in "
				    "vrrp_sync_group '%s'",
				    t->name, vi->sync_group);
				continue;
			}
			vi->sync_group = g->name;
		}
		check_tracks(c, &g->track_script, "track_script");
		check_tracks(c, &g->track_file, "track_file");
		check_tracks(c, &g->track_process, "track_process");
		check_track_ifs(c, &g->track_if);
		if (cfg_host_checks()) {
			const struct cfg_script *s[] = { &g->notify_master,
				&g->notify_backup, &g->notify_fault,
				&g->notify_stop, &g->notify };

			for (k = 0; k < sizeof(s) / sizeof(s[0]); k++)
				if (s[k]->cmd != NULL)
					cfg_check_notify(c->p, s[k]);
		}
	}
}

/* Instances sorted by (VRID, family, interface) to find collisions. */
static int
vrid_cmp(const void *a, const void *b)
{
	const struct vrrp_instance *x = *(const struct vrrp_instance *const *)a;
	const struct vrrp_instance *y = *(const struct vrrp_instance *const *)b;

	if (x->vrid != y->vrid)
		return x->vrid < y->vrid ? -1 : 1;
	if (x->family != y->family)
		return x->family < y->family ? -1 : 1;
	return strcmp(x->ifname, y->ifname);
}

static bool
share_peer(const struct vrrp_instance *x, const struct vrrp_instance *y)
{
	size_t i, j;

	for (i = 0; i < x->peers.n; i++)
		for (j = 0; j < y->peers.n; j++)
			if (cfg_addr_cmp(
			        &((struct vrrp_peer *)x->peers.v[i])->addr,
			        &((struct vrrp_peer *)y->peers.v[j])->addr) ==
			    0)
				return true;
	return false;
}

/*
 * keepalived's rule: two multicast instances collide with the same VRID,
 * family, interface and group; two unicast instances when they also
 * share a peer.
 */
static void
check_vrids(struct ctx *c)
{
	struct vrrp_instance **v, *x, *y;
	size_t n = c->m->instances.n, i, j;
	bool clash;

	if (n < 2)
		return;
	v = malloc(n * sizeof(*v));
	if (v == NULL)
		return;
	memcpy(v, c->m->instances.v, n * sizeof(*v));
	qsort(v, n, sizeof(*v), vrid_cmp);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n && vrid_cmp(&v[i], &v[j]) == 0; j++) {
			x = v[i];
			y = v[j];
			if (x->vrid == VRRP_UNSET)
				break;
			if ((x->peers.n > 0) != (y->peers.n > 0))
				continue;
			if (x->peers.n > 0)
				clash =
				    cfg_addr_cmp(&x->saddr, &y->saddr) == 0 &&
				    share_peer(x, y);
			else
				clash = cfg_addr_cmp(
				            &x->mcast_dst, &y->mcast_dst) == 0;
			if (!clash)
				continue;
			if (y->loc.line < x->loc.line) {
				y = v[i];
				x = v[j];
			}
			cfg_perror(c->p, &y->loc,
			    "vrrp_instance '%s' uses virtual_router_id %" PRId32
			    " on %s %s, as vrrp_instance '%s' does",
			    y->name, y->vrid, fam(y->family),
			    y->ifname[0] ? y->ifname : "(unicast)", x->name);
		}
	free(v);
}

/* An instance or sync group and its id (core/objid.h). */
struct id_owner {
	objid_t id;
	const struct named_hdr *h;
	const char *what;
};

static int
id_cmp(const void *a, const void *b)
{
	const struct id_owner *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	if (x->h->loc.line != y->h->loc.line)
		return x->h->loc.line < y->h->loc.line ? -1 : 1;
	return 0;
}

/*
 * The other processes name instances and sync groups by a 64-bit hash
 * of their names: two that hash alike would be one object to the
 * parent's herald, so the later one is refused (a repeated name is
 * reported where it is defined).
 */
static void
check_ids(struct ctx *c)
{
	size_t ni = c->m->instances.n, n = ni + c->m->sync_groups.n, i;
	struct id_owner *v = malloc((n + 1) * sizeof(*v));

	if (v == NULL)
		abort();
	for (i = 0; i < n; i++) {
		v[i].what = i < ni ? "vrrp_instance" : "vrrp_sync_group";
		v[i].h =
		    i < ni ? c->m->instances.v[i] : c->m->sync_groups.v[i - ni];
		v[i].id = objid_name(
		    i < ni ? OBJ_VRRP_INSTANCE : OBJ_VRRP_GROUP, v[i].h->name);
	}
	qsort(v, n, sizeof(*v), id_cmp);
	for (i = 1; i < n; i++)
		if (v[i].id == v[i - 1].id &&
		    (v[i].what != v[i - 1].what ||
		        strcmp(v[i].h->name, v[i - 1].h->name) != 0))
			cfg_perror(c->p, &v[i].h->loc,
			    "%s '%s' has the same 64-bit object id as %s "
			    "'%s': rename one",
			    v[i].what, v[i].h->name, v[i - 1].what,
			    v[i - 1].h->name);
	free(v);
}

/* By address, then by position in the file. */
static int
vip_cmp(const void *a, const void *b)
{
	const struct vip_owner *x = a, *y = b;
	int r;

	if (x->vip->addr.family != y->vip->addr.family)
		return x->vip->addr.family < y->vip->addr.family ? -1 : 1;
	r = cfg_addr_cmp(&x->vip->addr, &y->vip->addr);
	if (r != 0 || a == b)
		return r;
	return x->idx < y->idx ? -1 : 1;
}

/*
 * One address owned by two instances would be added and deleted by
 * both; keepalived accepts it, vigil does not.
 */
static void
check_dup_vips(struct ctx *c)
{
	struct vip_owner *all;
	const struct vrrp_instance *vi;
	char buf[INET6_ADDRSTRLEN];
	size_t n = 0, i, j, k;

	for (i = 0; i < c->m->instances.n; i++)
		n += ((struct vrrp_instance *)c->m->instances.v[i])->vips.n;
	if (n < 2)
		return;
	all = malloc(n * sizeof(*all));
	if (all == NULL)
		return;
	for (i = 0, k = 0; i < c->m->instances.n; i++) {
		vi = c->m->instances.v[i];
		for (j = 0; j < vi->vips.n; j++, k++) {
			all[k].vip = vi->vips.v[j];
			all[k].inst = (uint32_t)i;
			all[k].idx = (uint32_t)k;
		}
	}
	qsort(all, n, sizeof(*all), vip_cmp);
	for (i = 1; i < n; i++)
		/* within one instance inst_vips() has merged them */
		if (cfg_addr_cmp(&all[i].vip->addr, &all[i - 1].vip->addr) ==
		        0 &&
		    all[i].inst != all[i - 1].inst)
			cfg_perror(c->p, &all[i].vip->loc,
			    "virtual_ipaddress %s is also in vrrp_instance "
			    "'%s': an address belongs to one instance only",
			    cfg_addr_str(
			        &all[i].vip->addr, "all", buf, sizeof(buf)),
			    ((struct vrrp_instance *)
			            c->m->instances.v[all[i - 1].inst])
			        ->name);
	free(all);
}

static void
check_static(struct ctx *c)
{
	struct vrrp_track_group *tg;
	const struct vrrp_track *t;
	const struct vrrp_ipaddr *a;
	size_t i, j;

	for (i = 0; i < c->m->track_groups.n; i++) {
		tg = c->m->track_groups.v[i];
		for (j = 0; j < tg->members.n; j++) {
			t = tg->members.v[j];
			if (index_find(&c->instances, t->name) == NULL)
				cfg_perror(c->p, &t->loc,
				    "track_group '%s': vrrp_instance "
				    "'%s' is not defined",
				    tg->name, t->name);
		}
	}
	for (i = 0; i < c->m->static_addrs.n; i++) {
		a = c->m->static_addrs.v[i];
		if (a->x->track_group == NULL)
			continue;
		for (j = 0; j < c->m->track_groups.n; j++) {
			tg = c->m->track_groups.v[j];
			if (strcmp(tg->name, a->x->track_group) == 0)
				break;
		}
		if (j == c->m->track_groups.n)
			cfg_perror(c->p, &a->loc,
			    "static_ipaddress: track_group '%s' is not "
			    "defined",
			    a->x->track_group);
	}
	/* few lines: a pairwise check is cheap */
	for (i = 0; i < c->m->if_delays.n; i++) {
		const struct vrrp_if_delay *d = c->m->if_delays.v[i];

		for (j = 0; j < i; j++)
			if (strcmp(d->ifname,
			        ((const struct vrrp_if_delay *)
			                c->m->if_delays.v[j])
			            ->ifname) == 0) {
				cfg_perror(c->p, &d->loc,
				    "interface_up_down_delays: %s is listed "
				    "twice",
				    d->ifname);
				break;
			}
	}
	for (i = 0; i < c->m->garp_groups.n; i++) {
		const struct vrrp_garp_group *gg = c->m->garp_groups.v[i];

		if (gg->ifnames.n == 0)
			cfg_perror(c->p, &gg->loc,
			    "garp_group has no interface: expected "
			    "'interface <IFNAME>' or 'interfaces { ... }'");
		if (gg->garp_interval == 0 && gg->gna_interval == 0)
			cfg_perror(c->p, &gg->loc,
			    "garp_group needs garp_interval or gna_interval");
	}
}

static void
check_lvs_syncd(struct ctx *c)
{
	struct global_lvs_syncd *sd = &c->cfg->global.lvs_sync_daemon;
	const struct cfg_loc *l = &sd->vrrp_instance_loc;
	const struct vrrp_instance *vi;

	if (sd->vrrp_instance[0] == '\0') {
		if (sd->syncid < 0)
			sd->syncid = 0;
		return;
	}
	vi = index_find(&c->instances, sd->vrrp_instance);
	if (vi != NULL) {
		/* keepalived's default sync id: the instance's VRID */
		if (sd->syncid < 0)
			sd->syncid = vi->vrid;
		return;
	}
	cfg_perror(c->p, l,
	    "lvs_sync_daemon: vrrp_instance '%s' is not defined",
	    sd->vrrp_instance);
}

/* The keyword's location, or the instance's when it was not given. */
static const struct cfg_loc *
kwloc(const struct vrrp_instance *vi, int idx)
{
	/* a few live at once (one message may name two) */
	static struct cfg_loc ring[4];
	static unsigned next;
	struct cfg_loc *l;

	if (vi->kw_line[idx] == 0)
		return &vi->loc;
	l = &ring[next++ % 4];
	l->file = vi->loc.file;
	l->line = vi->loc.line + vi->kw_line[idx] - 1u;
	l->col = vi->kw_col[idx];
	return l;
}

static const char *
fam(int family)
{
	return family == AF_INET6 ? "IPv6" : "IPv4";
}
