/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_run.c: one VRRP instance's life: setup, adverts, actions, VIPs. */

#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "array.h"
#include "log.h"
#include "reconcile.h"
#include "vrrp_garp.h"
#include "vrrp_inst.h"
#include "vrrp_sock.h"
#include "vrrp_vmac.h"

#define USEC_PER_CS 10000ULL

static void on_timer(struct vrrp_sched_entry *, uint64_t);
static void run_actions(struct vrrp_inst *, const struct vrrp_actions *);
static void
run_range(struct vrrp_inst *, const struct vrrp_actions *, size_t, size_t);
static void run_pending(struct vrrp_inst *);
static bool defer(struct vrrp_inst *, const struct vrrp_actions *, size_t);
static void rearm(struct vrrp_inst *);
static void on_garp_delay(struct ev_loop *, ev_timer *, int);
static void on_garp_refresh(struct ev_loop *, ev_timer *, int);
static bool rx_check(struct vrrp_inst *, const struct vrrp_pkt *);
static void addr_to_fsm(const struct cfg_addr *, struct vrrp_fsm_addr *);
static void set_params(struct vrrp_inst *);
static void set_vaddrs(struct vrrp_inst *);
static void set_saddr(struct vrrp_inst *);
static int setup_vmac(struct vrrp_inst *, int *);
static uint32_t ah_first_seq(void);
static void inst_set(const struct vrrp_inst *, const struct vrrp_instance *,
    struct vrrp_nl_set *);
static void on_vip_added(void *, const struct vrrp_ipaddr *, int);
static void garp_addr(int ifindex, const struct cfg_addr *);
static void garp_refresh_arm(struct vrrp_inst *);

static void
addr_to_fsm(const struct cfg_addr *a, struct vrrp_fsm_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (a->family == AF_INET) {
		out->len = 4;
		memcpy(out->a, a->u.v4, 4);
	} else if (a->family == AF_INET6) {
		out->len = 16;
		memcpy(out->a, a->u.v6, 16);
	}
}

/* The machine's parameters from the instance's configuration. */
static void
set_params(struct vrrp_inst *vi)
{
	const struct vrrp_instance *c = vi->conf;
	const struct vrrp_instance_opts *o = c->opts;
	struct vrrp_fsm_params *p = &vi->params;

	memset(p, 0, sizeof(*p));
	p->version = c->version;
	p->priority = (uint8_t)c->priority;
	p->advert_interval = (uint32_t)(c->advert_int / USEC_PER_CS);
	p->preempt_delay = c->preempt_delay;
	p->down_timer_adverts =
	    o->down_timer_adverts > 0 ? (uint32_t)o->down_timer_adverts : 0;
	p->nopreempt = c->nopreempt;
	p->want_master = c->state == VRRP_CONF_STATE_MASTER;
	p->lower_prio_no_advert = o->lower_prio_no_advert > 0;
	/* vigil's default: a yielding master's parting advert makes the
	   winner re-announce the VIPs after a split brain heals; strict
	   mode (RFC behaviour) forbids it */
	p->higher_prio_send_advert =
	    o->higher_prio_send_advert > 0 || c->strict_mode <= 0;
	p->garp_lower_prio = o->garp_lower_prio_repeat > 0;
	addr_to_fsm(&vi->saddr, &p->primary);
}

/* The interface an address line goes on: its dev, else the instance's. */
int
vrrp_ipaddr_ifindex(const struct vrrp_inst *vi, const struct vrrp_ipaddr *a)
{
	const struct vrrp_link *l;

	if (a->x->dev[0] == '\0')
		return vi->vip_ifindex;
	l = vrrp_nl_link_by_name(a->x->dev);
	return l != NULL ? l->ifindex : 0;
}

/*
 * The first AH sequence number of a run: two per second of uptime.  A
 * VRRPv2 master sends at most about one advert a second, so a restarted
 * (or respawned) master starts above what it sent before, and backups
 * that remember it do not take its adverts for replays.
 */
static uint32_t
ah_first_seq(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (uint32_t)ts.tv_sec * 2;
}

/*
 * use_vmac: the macvlan carries the VIPs and, unless vmac_xmit_base,
 * the adverts; an IPv6 one sends from the parent's link-local address,
 * which it gets too (keepalived does the same).
 */
static int
setup_vmac(struct vrrp_inst *vi, int *xmit)
{
	const struct vrrp_instance *c = vi->conf;
	struct vrrp_ipaddr ll = {
		.prefix = 64, .flags = VRRP_IPA_NODAD, .x = &vrrp_ipaddr_no_opts
	};
	char vname[IF_NAMESIZE];
	uint8_t mac[6];
	const uint8_t *pmac = NULL;

	if (c->opts->vmac_name[0] != '\0')
		snprintf(vname, sizeof(vname), "%s", c->opts->vmac_name);
	else
		snprintf(vname, sizeof(vname), "vrrp.%d", c->vrid);
	if (c->opts->vmac_mac_len >= 5) {
		/* five bytes given: the VRID is the sixth */
		memcpy(mac, c->opts->vmac_mac, 6);
		if (c->opts->vmac_mac_len == 5)
			mac[5] = (uint8_t)c->vrid;
		pmac = mac;
	}
	vi->vmac_ifindex = vrrp_vmac_create(
	    vname, vi->ifindex, c->family, (uint8_t)c->vrid, pmac);
	if (vi->vmac_ifindex < 0) {
		vi->vmac_ifindex = 0;
		return -1;
	}
	vi->vip_ifindex = vi->vmac_ifindex;
	if (!c->vmac_xmit_base) {
		*xmit = vi->vmac_ifindex;
		if (c->family == AF_INET6 && vi->saddr.family == AF_INET6) {
			ll.addr = vi->saddr;
			vrrp_nl_addr(true, vi->vmac_ifindex, &ll);
		}
	}
	return 0;
}

int
vrrp_inst_setup(struct vrrp_inst *vi, const struct vrrp_instance *c)
{
	const struct vrrp_link *l = NULL;
	int xmit;

	memset(vi, 0, sizeof(*vi));
	vi->conf = c;
	/* a machine even when setup fails: it then stays in FAULT */
	set_params(vi);
	vrrp_fsm_init(&vi->fsm, &vi->params);
	vi->timer.fire = on_timer;
	ev_timer_init(&vi->garp_delay, on_garp_delay, 0, 0);
	vi->garp_delay.data = vi;
	ev_timer_init(&vi->garp_refresh, on_garp_refresh, 0, 0);
	vi->garp_refresh.data = vi;
	vi->unicast = c->peers.n > 0;
	if (c->ifname[0] != '\0') {
		l = vrrp_nl_link_by_name(c->ifname);
		if (l == NULL) {
			log_warnx("VRRP_Instance(%s) interface %s does not "
			          "exist",
			    c->name, c->ifname);
			return -1;
		}
		vi->ifindex = l->ifindex;
	}
	vi->vip_ifindex = vi->ifindex;
	xmit = vi->ifindex;
	set_saddr(vi);
	if (c->use_vmac && vi->ifindex > 0 && setup_vmac(vi, &xmit) < 0)
		return -1;
	vi->mcast = c->mcast_dst;
	vi->sock =
	    vrrp_sock_get(c->family, xmit, vi->unicast ? NULL : &vi->mcast,
	        (size_t)(c->opts->kernel_rx_buf_size > 0
	                ? c->opts->kernel_rx_buf_size
	                : 0));
	if (vi->sock == NULL)
		return -1;
	if (vi->sock->by_vrid[c->vrid] != NULL) {
		log_warnx("VRRP_Instance(%s) VRID %d is taken on its "
		          "interface by %s",
		    c->name, c->vrid, vi->sock->by_vrid[c->vrid]->conf->name);
		vrrp_sock_put(vi->sock);
		vi->sock = NULL;
		return -1;
	}
	vi->sock->by_vrid[c->vrid] = vi;
	if (c->version == 2 && c->opts->auth_type == VRRP_CONF_AUTH_AH) {
		if (vrrp_sock_want_ah(vi->sock) < 0)
			return -1;
		vi->ah_tx_seq = ah_first_seq();
	}
	set_vaddrs(vi);
	set_params(vi);
	vrrp_fsm_init(&vi->fsm, &vi->params);
	return 0;
}

/* Our advert source: the configured one, else the interface's. */
static void
set_saddr(struct vrrp_inst *vi)
{
	const struct vrrp_instance *c = vi->conf;

	memset(&vi->saddr, 0, sizeof(vi->saddr));
	if (c->saddr.family != AF_UNSPEC)
		vi->saddr = c->saddr;
	else if (vi->ifindex > 0 &&
	    vrrp_nl_primary_addr(vi->ifindex, c->family, &vi->saddr) < 0)
		log_warnx("VRRP_Instance(%s) interface %s has no %s address "
		          "to send adverts from",
		    c->name, c->ifname,
		    c->family == AF_INET ? "IPv4" : "IPv6 link-local");
}

/* The VIPs of the instance's family, as adverts carry them. */
static void
set_vaddrs(struct vrrp_inst *vi)
{
	const struct vrrp_instance *c = vi->conf;
	const struct vrrp_ipaddr *a;
	size_t i;

	free(vi->vaddrs);
	vi->vaddrs = calloc(c->vips.n + 1, sizeof(*vi->vaddrs));
	if (vi->vaddrs == NULL)
		fatal("calloc");
	vi->nvaddrs = 0;
	for (i = 0; i < c->vips.n && vi->nvaddrs < VRRP_PKT_MAX_ADDR; i++) {
		a = c->vips.v[i];
		if (a->addr.family == c->family)
			vi->vaddrs[vi->nvaddrs++] = a->addr;
	}
}

bool
vrrp_inst_same_identity(
    const struct vrrp_inst *vi, const struct vrrp_instance *c)
{
	const struct vrrp_instance *o = vi->conf;

	return vi->sock != NULL && o->vrid == c->vrid &&
	    strcmp(o->ifname, c->ifname) == 0 && o->family == c->family &&
	    (o->peers.n > 0) == (c->peers.n > 0) &&
	    o->use_vmac == c->use_vmac &&
	    cfg_addr_cmp(&o->mcast_dst, &c->mcast_dst) == 0;
}

/* What an instance running c puts in the kernel while its VIPs are up. */
static void
inst_set(const struct vrrp_inst *vi, const struct vrrp_instance *c,
    struct vrrp_nl_set *s)
{
	memset(s, 0, sizeof(*s));
	s->addrs = &c->vips;
	s->addrs2 = &c->opts->evips;
	s->routes = &c->opts->vroutes;
	s->rules = &c->opts->vrules;
	s->ifindex = vi->vip_ifindex;
}

void
vrrp_inst_reconf_remove(struct vrrp_inst *vi, const struct vrrp_instance *c)
{
	struct vrrp_nl_set o, n;

	if (!vi->vips_up)
		return;
	inst_set(vi, vi->conf, &o);
	inst_set(vi, c, &n);
	vrrp_nl_sync(&o, &n, RECONCILE_REMOVALS, NULL, NULL);
}

/* The addresses a reload added to a master, to announce. */
struct added_addr {
	int ifindex;
	struct cfg_addr addr;
};
struct added {
	struct added_addr *v;
	size_t n, cap;
};

static void
on_vip_added(void *arg, const struct vrrp_ipaddr *a, int ifindex)
{
	struct added *ad = arg;

	ad->v = array_grow(ad->v, &ad->cap, ad->n + 1, sizeof(*ad->v));
	ad->v[ad->n].ifindex = ifindex;
	ad->v[ad->n++].addr = a->addr;
}

/*
 * The addresses a reload adds to a master are announced as at a
 * takeover, garp_master_repeat times, and the refresh starts over, as
 * keepalived does; but only they (keepalived announces them all): an
 * unchanged reload sends nothing, since no cache has to move.
 */
void
vrrp_inst_reconf(struct vrrp_inst *vi, const struct vrrp_instance *c)
{
	const struct vrrp_instance *o = vi->conf;
	struct vrrp_fsm_params oldp = vi->params;
	struct vrrp_nl_set os, ns;
	struct added ad = { 0 };
	bool master = vi->fsm.state == VRRP_STATE_MASTER;
	int64_t n;
	size_t i;

	vi->conf = c;
	if (cfg_addr_cmp(&o->saddr, &c->saddr) != 0)
		set_saddr(vi);
	set_vaddrs(vi);
	if (vi->vips_up) {
		inst_set(vi, o, &os);
		inst_set(vi, c, &ns);
		vrrp_nl_sync(&os, &ns, RECONCILE_ADDITIONS,
		    master ? on_vip_added : NULL, &ad);
	}
	for (n = 0; n < c->opts->garp_master_repeat; n++)
		for (i = 0; i < ad.n; i++)
			garp_addr(ad.v[i].ifindex, &ad.v[i].addr);
	if (master &&
	    (ad.n > 0 ||
	        o->opts->garp_master_refresh != c->opts->garp_master_refresh))
		garp_refresh_arm(vi);
	free(ad.v);
	set_params(vi);
	if (memcmp(&vi->params, &oldp, sizeof(oldp)) != 0)
		vrrp_fsm_set_params(&vi->fsm, &vi->params);
	rearm(vi);
}

void
vrrp_inst_teardown(struct vrrp_inst *vi)
{
	vrrp_inst_unqueue(vi);
	vrrp_sched_set(&vi->timer, 0);
	ev_timer_stop(vrrp.loop, &vi->garp_delay);
	ev_timer_stop(vrrp.loop, &vi->garp_refresh);
	if (vi->sock != NULL) {
		if (vi->sock->by_vrid[vi->conf->vrid] == vi)
			vi->sock->by_vrid[vi->conf->vrid] = NULL;
		vrrp_sock_put(vi->sock);
		vi->sock = NULL;
	}
	if (vi->vmac_ifindex > 0 && !vrrp.opts->dont_release_vrrp)
		vrrp_vmac_delete(vi->vmac_ifindex);
	free(vi->vaddrs);
	vi->vaddrs = NULL;
}

static void
rearm(struct vrrp_inst *vi)
{
	vrrp_sched_set(&vi->timer, vrrp_fsm_next_deadline(&vi->fsm));
}

void
vrrp_inst_event(struct vrrp_inst *vi, const struct vrrp_event *ev)
{
	struct vrrp_actions out;

	vrrp_actions_clear(&out);
	vrrp_fsm_event(&vi->fsm, ev, vrrp_now_us(), &out);
	run_actions(vi, &out);
	rearm(vi);
}

void
vrrp_inst_simple(struct vrrp_inst *vi, enum vrrp_event_type t)
{
	struct vrrp_event ev = { .type = t };

	vrrp_inst_event(vi, &ev);
}

static void
on_timer(struct vrrp_sched_entry *e, uint64_t now)
{
	struct vrrp_inst *vi =
	    (struct vrrp_inst *)((char *)e - offsetof(struct vrrp_inst, timer));
	struct vrrp_actions out;

	vrrp_actions_clear(&out);
	vrrp_fsm_expire(&vi->fsm, now, &out);
	run_actions(vi, &out);
	rearm(vi);
}

void
vrrp_inst_send_advert(struct vrrp_inst *vi, uint8_t prio)
{
	const struct vrrp_instance *c = vi->conf;
	const struct vrrp_peer *pe;
	struct vrrp_pkt_opts o = { 0 };
	struct vrrp_pkt p;
	uint8_t buf[VRRP_PKT_MAX_LEN];
	size_t len, i;
	int r;

	if (vi->sock == NULL)
		return;
	vi->cnt.adverts_tx++;
	if (prio == 0)
		vi->cnt.prio_zero_tx++;
	memset(&p, 0, sizeof(p));
	p.family = c->family;
	p.version = (uint8_t)c->version;
	p.vrid = (uint8_t)c->vrid;
	p.priority = prio;
	p.naddr = (uint8_t)vi->nvaddrs;
	p.adver_int = (uint16_t)vi->params.advert_interval;
	p.ttl = VRRP_PKT_TTL;
	if (vi->unicast && c->unicast_ttl > 0)
		p.ttl = (uint8_t)c->unicast_ttl;
	if (c->version == 2 && c->opts->auth_type == VRRP_CONF_AUTH_PASS) {
		p.auth_type = VRRP_PKT_AUTH_PASS;
		memcpy(p.auth_data, c->opts->auth_pass, VRRP_PKT_AUTH_LEN);
	} else if (c->version == 2 && c->opts->auth_type == VRRP_CONF_AUTH_AH) {
		/* one sequence number per advert, above any taken */
		p.auth_type = VRRP_PKT_AUTH_AH;
		if (vi->ah_rx_seq > vi->ah_tx_seq)
			vi->ah_tx_seq = vi->ah_rx_seq;
		vi->ah_tx_seq++;
	}
	p.src = vi->saddr;
	if (c->old_unicast_checksum) {
		o.csum = VRRP_PKT_CSUM_GROUP;
		o.group = vi->mcast;
	}
	for (i = 0; i < (vi->unicast ? c->peers.n : 1); i++) {
		if (vi->unicast) {
			pe = c->peers.v[i];
			p.dst = pe->addr;
		} else {
			p.dst = vi->mcast;
		}
		if (c->family == AF_INET && p.auth_type == VRRP_PKT_AUTH_AH) {
			if (++vi->ip_id == 0)
				vi->ip_id = 1;
			p.ip_id = vi->ip_id;
			len = vrrp_pkt_build4_ah(&p, vi->vaddrs,
			    (const uint8_t *)c->opts->auth_pass, vi->ah_tx_seq,
			    vi->unicast, buf, sizeof(buf));
		} else if (c->family == AF_INET)
			len = vrrp_pkt_build4(
			    &p, vi->vaddrs, &o, buf, sizeof(buf));
		else
			len = vrrp_pkt_build6(&p, vi->vaddrs, buf, sizeof(buf));
		if (len == 0) {
			log_warnx("bug: VRRP_Instance(%s) advert does not "
			          "build",
			    c->name);
			return;
		}
		r = vrrp_sock_send(vi->sock, buf, len, &p.dst, &vi->saddr);
		if (r < 0)
			log_debug("VRRP_Instance(%s) advert send: %s", c->name,
			    strerror(-r));
	}
}

/* Adds or removes the VIPs, eVIPs, virtual routes and rules. */
void
vrrp_inst_vips(struct vrrp_inst *vi, bool add)
{
	const struct vrrp_instance *c = vi->conf;
	const struct vrrp_instance_opts *o = c->opts;
	size_t i;

	if (add) {
		for (i = 0; i < c->vips.n; i++)
			vrrp_nl_addr(true,
			    vrrp_ipaddr_ifindex(vi, c->vips.v[i]),
			    c->vips.v[i]);
		for (i = 0; i < o->evips.n; i++)
			vrrp_nl_addr(true,
			    vrrp_ipaddr_ifindex(vi, o->evips.v[i]),
			    o->evips.v[i]);
		for (i = 0; i < o->vroutes.n; i++)
			vrrp_nl_route(true, o->vroutes.v[i], vi->vip_ifindex);
		for (i = 0; i < o->vrules.n; i++)
			vrrp_nl_rule(true, o->vrules.v[i]);
	} else {
		for (i = o->vrules.n; i-- > 0;)
			vrrp_nl_rule(false, o->vrules.v[i]);
		for (i = o->vroutes.n; i-- > 0;)
			vrrp_nl_route(false, o->vroutes.v[i], vi->vip_ifindex);
		for (i = o->evips.n; i-- > 0;)
			vrrp_nl_addr(false,
			    vrrp_ipaddr_ifindex(vi, o->evips.v[i]),
			    o->evips.v[i]);
		for (i = c->vips.n; i-- > 0;)
			vrrp_nl_addr(false,
			    vrrp_ipaddr_ifindex(vi, c->vips.v[i]),
			    c->vips.v[i]);
	}
	vi->vips_up = add;
}

/* One gratuitous ARP / unsolicited NA for addr, from ifindex's MAC. */
static void
garp_addr(int ifindex, const struct cfg_addr *addr)
{
	const struct vrrp_link *l = vrrp_nl_link_by_index(ifindex);

	if (l != NULL && l->maclen == 6)
		vrrp_garp_send(ifindex, l->mac, addr);
}

/* repeat gratuitous ARPs / unsolicited NAs for every VIP and eVIP. */
void
vrrp_inst_garp(struct vrrp_inst *vi, int repeat)
{
	const struct vrrp_instance *c = vi->conf;
	const struct vrrp_ipaddr *a;
	int n;
	size_t i;

	for (n = 0; n < repeat; n++) {
		for (i = 0; i < c->vips.n + c->opts->evips.n; i++) {
			a = i < c->vips.n ? c->vips.v[i]
			                  : c->opts->evips.v[i - c->vips.n];
			garp_addr(vrrp_ipaddr_ifindex(vi, a), &a->addr);
		}
	}
}

/* garp_master_refresh: from now on, every interval (or never). */
static void
garp_refresh_arm(struct vrrp_inst *vi)
{
	double t = (double)vi->conf->opts->garp_master_refresh / 1e6;

	ev_timer_stop(vrrp.loop, &vi->garp_refresh);
	if (t > 0) {
		ev_timer_set(&vi->garp_refresh, t, t);
		ev_timer_start(vrrp.loop, &vi->garp_refresh);
	}
}

static void
on_garp_delay(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct vrrp_inst *vi = w->data;

	(void)loop;
	(void)revents;
	if (vi->fsm.state == VRRP_STATE_MASTER)
		vrrp_inst_garp(vi, (int)vi->conf->opts->garp_master_repeat);
}

static void
on_garp_refresh(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct vrrp_inst *vi = w->data;
	int64_t n = vi->conf->opts->garp_master_refresh_repeat;

	(void)loop;
	(void)revents;
	if (vi->fsm.state == VRRP_STATE_MASTER)
		vrrp_inst_garp(vi, n > 0 ? (int)n : 1);
}

/* The instances with pending actions, first queued first. */
static struct vrrp_inst *pending_head, **pending_tail = &pending_head;

/* Queues out->v[from..] on vi; false when they do not fit. */
static bool
defer(struct vrrp_inst *vi, const struct vrrp_actions *out, size_t from)
{
	if (vi->pending.n + (out->n - from) > VRRP_ACTIONS_MAX)
		return false;
	memcpy(&vi->pending.v[vi->pending.n], &out->v[from],
	    (out->n - from) * sizeof(out->v[0]));
	vi->pending.n += out->n - from;
	if (!vi->queued) {
		vi->queued = true;
		vi->pending_next = NULL;
		*pending_tail = vi;
		pending_tail = &vi->pending_next;
	}
	return true;
}

void
vrrp_inst_unqueue(struct vrrp_inst *vi)
{
	struct vrrp_inst **pp;

	if (!vi->queued)
		return;
	for (pp = &pending_head; *pp != NULL; pp = &(*pp)->pending_next)
		if (*pp == vi) {
			*pp = vi->pending_next;
			break;
		}
	pending_tail = &pending_head;
	while (*pending_tail != NULL)
		pending_tail = &(*pending_tail)->pending_next;
	vi->queued = false;
	vi->pending.n = 0;
}

/* Runs (and forgets) what waits on vi. */
static void
run_pending(struct vrrp_inst *vi)
{
	struct vrrp_actions todo = vi->pending;

	vrrp_inst_unqueue(vi);
	run_range(vi, &todo, 0, todo.n);
}

void
vrrp_inst_flush(void)
{
	while (pending_head != NULL)
		run_pending(pending_head);
}

/*
 * Runs the machine's actions in order; from an ADD_VIPS on (or all of
 * them, when earlier ones wait) they wait for vrrp_inst_flush.
 */
static void
run_actions(struct vrrp_inst *vi, const struct vrrp_actions *out)
{
	size_t i;

	if (out->overflow)
		log_warnx("bug: VRRP_Instance(%s) machine overflowed its "
		          "action list",
		    vi->conf->name);
	for (i = 0; i < out->n; i++) {
		if (vi->queued || out->v[i].type == VRRP_ACT_ADD_VIPS) {
			if (defer(vi, out, i))
				return;
			/* no room: what waits first, then the rest */
			run_pending(vi);
			run_range(vi, out, i, out->n);
			return;
		}
		run_range(vi, out, i, i + 1);
	}
}

/* Runs out->v[from .. to - 1]. */
static void
run_range(struct vrrp_inst *vi, const struct vrrp_actions *out, size_t from,
    size_t to)
{
	const struct vrrp_instance_opts *o = vi->conf->opts;
	const struct vrrp_action *a;
	size_t i;

	for (i = from; i < to; i++) {
		a = &out->v[i];
		switch (a->type) {
		case VRRP_ACT_SEND_ADVERT:
			vrrp_inst_send_advert(vi, a->priority);
			break;
		case VRRP_ACT_ADD_VIPS:
			vrrp_inst_vips(vi, true);
			break;
		case VRRP_ACT_DEL_VIPS:
			ev_timer_stop(vrrp.loop, &vi->garp_delay);
			ev_timer_stop(vrrp.loop, &vi->garp_refresh);
			vrrp_inst_vips(vi, false);
			break;
		case VRRP_ACT_SEND_GARP:
			vrrp_inst_garp(vi, (int)o->garp_master_repeat);
			if (o->garp_master_delay > 0) {
				ev_timer_set(&vi->garp_delay,
				    (double)o->garp_master_delay / 1e6, 0);
				ev_timer_start(vrrp.loop, &vi->garp_delay);
			}
			garp_refresh_arm(vi);
			break;
		case VRRP_ACT_SEND_GARP_LOWER_PRIO:
			vrrp_inst_garp(vi, (int)o->garp_lower_prio_repeat);
			break;
		case VRRP_ACT_PRIORITY_CHANGED:
			log_info("VRRP_Instance(%s) priority %u -> %u",
			    vi->conf->name, a->old_priority, a->priority);
			/* tell the others now, not at the next interval */
			if (vi->fsm.state == VRRP_STATE_MASTER)
				vrrp_inst_send_advert(vi, a->priority);
			vrrp_report_note(vi, a);
			break;
		case VRRP_ACT_TRANSITION:
			vrrp_report(vi, a);
			break;
		case VRRP_ACT_MASTER_RX_LOWER_PRI:
			log_debug("VRRP_Instance(%s) master received a lower "
			          "priority advert",
			    vi->conf->name);
			vrrp_report_note(vi, a);
			break;
		}
	}
}

void
vrrp_inst_count_drop(struct vrrp_inst *vi, enum vrrp_pkt_result r)
{
	vrrp_pkt_count_drop(&vi->cnt, &vi->proto_err, r);
}

/* The instance's checks (vrrp_pkt_check), counted and logged. */
static bool
rx_check(struct vrrp_inst *vi, const struct vrrp_pkt *p)
{
	const struct vrrp_instance *c = vi->conf;
	const struct vrrp_peer *pe;
	struct vrrp_pkt_expect e;
	enum vrrp_pkt_result r;
	char buf[INET6_ADDRSTRLEN];
	size_t i;

	memset(&e, 0, sizeof(e));
	e.version = (uint8_t)c->version;
	e.self = vi->saddr;
	e.unicast = vi->unicast;
	e.peers_only = c->check_unicast_src;
	e.min_ttl = e.max_ttl = -1;
	for (i = 0; vi->unicast && i < c->peers.n; i++) {
		pe = c->peers.v[i];
		if (cfg_addr_cmp(&p->src, &pe->addr) == 0) {
			e.from_peer = true;
			e.min_ttl = pe->min_ttl;
			e.max_ttl = pe->max_ttl;
		}
	}
	e.auth_type = c->opts->auth_type == VRRP_CONF_AUTH_PASS
	    ? VRRP_PKT_AUTH_PASS
	    : c->opts->auth_type == VRRP_CONF_AUTH_AH ? VRRP_PKT_AUTH_AH
	                                              : VRRP_PKT_AUTH_NONE;
	memcpy(e.auth_pass, c->opts->auth_pass, VRRP_PKT_AUTH_LEN);
	e.adver_int = (uint16_t)vi->params.advert_interval;
	e.ah_last_seq = vi->ah_rx_seq;
	e.check_addrs = !c->skip_check_adv_addr;
	e.addrs = vi->vaddrs;
	e.naddr = vi->nvaddrs;
	r = vrrp_pkt_check(p, &e);
	if (r == VRRP_PKT_OK) {
		if (p->ah)
			vi->ah_rx_seq = p->ah_seq;
		return true;
	}
	if (r == VRRP_PKT_OWN)
		return false; /* looped back: not a drop */
	vi->drops++;
	vrrp_sock_drop(r);
	vrrp_inst_count_drop(vi, r);
	log_debug("VRRP_Instance(%s) dropped an advert from %s: %s", c->name,
	    cfg_addr_str(&p->src, "?", buf, sizeof(buf)), vrrp_pkt_strerror(r));
	return false;
}

void
vrrp_inst_rx(struct vrrp_inst *vi, const struct vrrp_pkt *p)
{
	struct vrrp_event ev = { .type = VRRP_EV_ADVERT };

	if (!rx_check(vi, p))
		return;
	vi->cnt.adverts_rx++;
	if (p->priority == 0)
		vi->cnt.prio_zero_rx++;
	ev.u.advert.priority = p->priority;
	ev.u.advert.adver_int = p->adver_int;
	addr_to_fsm(&p->src, &ev.u.advert.saddr);
	vrrp_inst_event(vi, &ev);
}
