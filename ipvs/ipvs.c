/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipvs.c: the IPVS child: keeps the kernel's IPVS table equal to the
   configuration and the checker's decisions, and runs the sync daemon. */

#include <linux/ip_vs.h>
#include <sys/socket.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <inttypes.h>

#include "array.h"
#include "ipvs.h"
#include "ipvs_int.h"
#include "log.h"
#include "state_sync.h"
#include "vs_equal.h"
#include "vs_fmt.h"

/*
 * How it converges.  The child wants a table (ipvs_int.h) and knows the
 * kernel's as last seen: a dump, patched with what it applied since.  A
 * change of either the configuration or the checker's decisions asks
 * for one sync before the loop next sleeps: the difference, in one
 * batch.  IPVS tells nobody of changes made by others (ipvsadm -C, -d,
 * -e, -a), so every IV_DRIFT_INTERVAL the child dumps the services it
 * owns and their destinations again and repairs what differs.  A dump
 * of a large table is not free (bench/ipvs): the next pass waits at
 * least IV_DRIFT_SHARE times as long as the last dump took, so drift
 * detection never takes more than 1/IV_DRIFT_SHARE of the child's time,
 * however large the table or slow the machine.
 */
#define IV_DRIFT_INTERVAL 1.0 /* s */
#define IV_DRIFT_SHARE 20.0 /* pause / duration of a pass */
#define IV_DRIFT_MAX 30.0 /* s: the longest pause */
#define IV_RETRY_INTERVAL 2.0 /* s: looking for IPVS again */
#define IV_FAILS_MAX 64 /* refusals remembered, to log each once */
#define IV_FAILS_LOGGED 10 /* refusals logged per sync, then a count */

static void ipvs_start(struct ev_loop *, const struct vigil_opts *);
static void ipvs_apply(const struct config *, const struct config *);
static void ipvs_stop(void);
static void ipvs_dump(FILE *, enum msg_dump_what);
static void dump_desired(FILE *);
static void dump_kernel(FILE *);
static void
dump_item(FILE *, const char *, const char *, const struct msg_rs_desired *);
static void checker_up(struct ipc_peer *);
static void checker_down(struct ipc_peer *);
static void on_desired(struct ipc_peer *, struct ipc_msg *);
static void desired_changed(void *, const void *, const void *);
static void ask_desired(struct ipc_peer *);
static void on_vrrp_state(struct ipc_peer *, struct ipc_msg *);
static void on_event(struct ipc_peer *, struct ipc_msg *);
static struct vrrp_role *vrrp_role(objid_t);
static void sync_soon(void);
static void sync_cb(struct ev_loop *, ev_prepare *, int);
static void sync_table(void);
static int read_kernel(void);
static void drift_cb(struct ev_loop *, ev_timer *, int);
static void retry_cb(struct ev_loop *, ev_timer *, int);
static bool try_open(void);
static void first_contact(void);
static void set_timeouts(void);
static void syncd_update(void);
static void syncd_stop_all(void);
static void set_health(enum msg_proc_st, unsigned);

/* What the IPVS child knows of a VRRP instance or sync group (from the
   parent): the role that lvs_sync_daemon follows. */
struct vrrp_role {
	objid_t id;
	uint8_t kind, state;
};

/* One refusal of the kernel, remembered to log it once. */
struct iv_fail {
	enum ipvs_nl_op op;
	struct ipvs_svc svc;
	struct ipvs_dest dest;
	int err;
};

static struct {
	struct ev_loop *loop;
	const struct vigil_opts *opts;
	struct ipvs_nl *nl; /* NULL: no IPVS (yet) */
	struct state_sync desired; /* the checker's desired real servers */
	struct state_source known; /* the same, back to a new checker */
	unsigned long changes; /* differences the desired table took */
	struct vrrp_role *roles;
	size_t nroles, caproles;
	const struct config *cfg; /* the one running */
	struct iv_table want, seen, next;
	bool seen_valid; /* seen is the kernel's table */
	bool want_stale; /* the checker's table changed since want was built */
	struct iv_table retired; /* services a reload removed */
	bool respawned; /* this child replaces one that died */
	bool contacted; /* first_contact() ran */
	ev_prepare sync_w;
	ev_timer drift_w, retry_w;
	double drift_pause; /* s, before the next drift pass */
	uint64_t last_read_us; /* how long the last dump took */
	int health; /* enum msg_proc_st; -1: not told */
	/* refusals of the last sync and of this one */
	struct iv_fail fails[2][IV_FAILS_MAX];
	size_t nfails[2];
	unsigned logged; /* refusals logged in this sync */
	/* the sync daemons this child runs, by state (master, backup) */
	struct ipvs_daemon syncd[2];
	bool syncd_on[2];
	struct {
		unsigned long syncs, reads, repairs, ops, refused;
		uint64_t read_us, read_us_max;
	} stats;
} iv = { .health = -1 };

/* The desired state of the real servers, from the checker. */
static const struct ipc_handler checker_link_handlers[] = {
	{ MSG_STATE_BEGIN, on_desired },
	{ MSG_STATE_END, on_desired },
	{ MSG_STATE_BLOB, on_desired },
	{ MSG_RS_DESIRED, on_desired },
	{ MSG_RS_DESIRED_UPDATE, on_desired },
	{ MSG_NONE, NULL },
};

static const struct child_peer ipvs_peers[] = {
	{ .proc = PROC_CHECK,
	    .handlers = checker_link_handlers,
	    .up = checker_up,
	    .down = checker_down },
	{ .proc = PROC_PARENT },
};

/* The parent relays the VRRP roles: the last one of each object when
   this child starts, then every change. */
static const struct ipc_handler parent_handlers[] = {
	{ MSG_VRRP_RESUME, on_vrrp_state },
	{ MSG_EVENT, on_event },
	{ MSG_NONE, NULL },
};

const struct child_ops ipvs_child_ops = {
	.id = PROC_IPVS,
	.name = "ipvs",
	.title = "vigild: ipvs",
	.start = ipvs_start,
	.apply = ipvs_apply,
	.stop = ipvs_stop,
	.dump = ipvs_dump,
	.peers = ipvs_peers,
	.parent_handlers = parent_handlers,
};

static uint64_t
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* ---- the checker's decisions ---- */

static void
ask_desired(struct ipc_peer *p)
{
	struct msg_state_request r = { .what = MSG_STATE_RS_DESIRED };

	if (state_sync_request(&iv.desired))
		ipc_peer_send(p, MSG_STATE_REQUEST, &r, sizeof(r), -1);
}

/*
 * A new checker (or a new link to it): first what this child holds, so
 * that a restarted checker starts from it, then ask for everything.
 */
static void
checker_up(struct ipc_peer *p)
{
	struct msg_rs_desired *items;
	const struct msg_rs_desired *d;
	size_t n = 0, pos = 0;

	items = malloc((state_sync_count(&iv.desired) + 1) * sizeof(*items));
	if (items == NULL)
		fatal("malloc");
	while ((d = state_sync_next(&iv.desired, &pos)) != NULL)
		items[n++] = *d;
	state_source_full(&iv.known, p, items, n);
	free(items);
	ask_desired(p);
}

/* The table stays as it was until the next checker's full state: a
   checker restart is no reason to drop a real server. */
static void
checker_down(struct ipc_peer *p)
{
	(void)p;
	state_sync_reset(&iv.desired);
}

static void
on_desired(struct ipc_peer *p, struct ipc_msg *m)
{
	switch (state_sync_msg(&iv.desired, m)) {
	case STATE_COMMITTED:
		log_info("desired state generation %u from the checker: %zu "
		         "real servers",
		    iv.desired.generation, state_sync_count(&iv.desired));
		break;
	case STATE_RESYNC:
		ask_desired(p);
		break;
	case STATE_BAD:
		fatalx("bug: %s sent a bad desired state (%s)", p->name,
		    iv.desired.error);
	case STATE_TAKEN:
	case STATE_STALE:
	case STATE_DROPPED:
		break;
	}
}

/* Each difference the desired table takes: the kernel follows. */
static void
desired_changed(void *ctx, const void *old, const void *cur)
{
	(void)ctx;
	(void)old;
	(void)cur;
	iv.changes++;
	iv.want_stale = true;
	sync_soon();
}

static const struct msg_rs_desired *
desired_of(objid_t id, void *arg)
{
	(void)arg;
	return state_sync_get(&iv.desired, id);
}

/* ---- the VRRP roles the sync daemon follows ---- */

static struct vrrp_role *
vrrp_role(objid_t id)
{
	size_t i;

	for (i = 0; i < iv.nroles; i++)
		if (iv.roles[i].id == id)
			return &iv.roles[i];
	iv.roles = array_grow(
	    iv.roles, &iv.caproles, iv.nroles + 1, sizeof(*iv.roles));
	memset(&iv.roles[iv.nroles], 0, sizeof(iv.roles[0]));
	iv.roles[iv.nroles].id = id;
	return &iv.roles[iv.nroles++];
}

static void
on_vrrp_state(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_vrrp_state s;
	struct vrrp_role *r;

	(void)p;
	memcpy(&s, m->payload, sizeof(s));
	r = vrrp_role(s.id);
	r->kind = s.kind;
	r->state = s.state;
	syncd_update();
}

static void
on_event(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_event e;
	struct vrrp_role *r;

	memcpy(&e, m->payload, sizeof(e));
	if (e.kind != OBJ_VRRP_INSTANCE && e.kind != OBJ_VRRP_GROUP)
		fatalx("bug: %s relayed an event of kind %u", p->name, e.kind);
	r = vrrp_role(e.id);
	r->kind = e.kind;
	r->state = e.new_state;
	log_debug("VRRP %s %016llx is now in state %u",
	    e.kind == OBJ_VRRP_GROUP ? "group" : "instance",
	    (unsigned long long)e.id, e.new_state);
	syncd_update();
}

/* ---- the table ---- */

static void
sync_soon(void)
{
	if (iv.loop != NULL && iv.nl != NULL)
		ev_prepare_start(iv.loop, &iv.sync_w);
}

static void
sync_cb(struct ev_loop *loop, ev_prepare *w, int revents)
{
	(void)revents;
	ev_prepare_stop(loop, w);
	sync_table();
}

static void
seen_svc(const struct ipvs_svc *s, void *arg)
{
	(void)arg;
	iv_table_add(&iv.seen, s);
}

static void
seen_dest(const struct ipvs_dest *d, void *arg)
{
	iv_svc_add(arg, d);
}

/*
 * The kernel's table: every service (someone else's too, to leave them
 * alone), and the destinations of the services this child wants.
 */
static int
read_kernel(void)
{
	uint64_t t0 = now_us(), dt;
	struct iv_svc *s;
	size_t i, j;
	int err;

	iv.seen_valid = false;
	iv_table_clear(&iv.seen);
	err = ipvs_nl_services(iv.nl, seen_svc, NULL);
	if (err < 0)
		return err;
	iv_table_sort(&iv.seen);
	for (i = 0; i < iv.seen.n; i++) {
		s = &iv.seen.svcs[i];
		if (iv_table_find(&iv.want, &s->s) == NULL)
			continue;
		err = ipvs_nl_dests(iv.nl, &s->s, seen_dest, s);
		if (err == -ENOENT)
			s->s.af = AF_UNSPEC; /* gone since the first dump */
		else if (err < 0)
			return err;
	}
	for (i = 0, j = 0; i < iv.seen.n; i++) {
		if (iv.seen.svcs[i].s.af == AF_UNSPEC) {
			free(iv.seen.svcs[i].dests);
			continue;
		}
		iv.seen.svcs[j++] = iv.seen.svcs[i];
	}
	iv.seen.n = j;
	iv_table_sort(&iv.seen);
	iv.seen_valid = true;
	dt = now_us() - t0;
	iv.last_read_us = dt;
	iv.stats.reads++;
	iv.stats.read_us += dt;
	if (dt > iv.stats.read_us_max)
		iv.stats.read_us_max = dt;
	return 0;
}

static bool
owned(const struct ipvs_svc *s, void *arg)
{
	(void)arg;
	return iv_table_find(&iv.retired, s) != NULL;
}

static void
queue_op(enum ipvs_nl_op op, const struct ipvs_svc *s,
    const struct ipvs_dest *d, void *arg)
{
	(void)arg;
	ipvs_nl_queue(iv.nl, op, s, d);
}

static bool
fail_same(const struct iv_fail *a, const struct iv_fail *b)
{
	return a->op == b->op && a->err == b->err &&
	    iv_svc_cmp(&a->svc, &b->svc) == 0 &&
	    iv_dest_cmp(&a->dest, &b->dest) == 0;
}

/* A refusal is logged with the kernel's reason, once while it lasts. */
static void
refused(enum ipvs_nl_op op, const struct ipvs_svc *s, const struct ipvs_dest *d,
    int err, void *arg)
{
	struct iv_fail f = { .op = op, .svc = *s, .err = err };
	char sn[IV_NAME_MAX], dn[IV_NAME_MAX];
	size_t i;

	(void)arg;
	if (d != NULL)
		f.dest = *d;
	iv.stats.refused++;
	if (iv.nfails[1] < IV_FAILS_MAX)
		iv.fails[1][iv.nfails[1]++] = f;
	for (i = 0; i < iv.nfails[0]; i++)
		if (fail_same(&iv.fails[0][i], &f))
			return;
	if (iv.logged++ >= IV_FAILS_LOGGED)
		return;
	iv_svc_name(s, sn, sizeof(sn));
	if (d != NULL) {
		iv_dest_name(d, dn, sizeof(dn));
		log_warnx("cannot %s %s of service %s: %s", ipvs_nl_op_name(op),
		    dn, sn, strerror(-err));
	} else
		log_warnx("cannot %s %s: %s", ipvs_nl_op_name(op), sn,
		    strerror(-err));
}

/*
 * One sync: the wanted table from the configuration and the checker's
 * decisions, the kernel's (read again when not known), the difference
 * in one batch.
 */
static void
sync_table(void)
{
	struct iv_diff_ops o = { .op = queue_op, .owned = owned };
	struct iv_table t;
	size_t nops, nref;
	int err;

	if (iv.nl == NULL || iv.cfg == NULL)
		return;
	iv.stats.syncs++;
	if (iv.want_stale) {
		iv_want_build(&iv.want, cfg_model(iv.cfg, CFG_MODEL_VS),
		    desired_of, NULL);
		iv.want_stale = false;
	}
	if (!iv.seen_valid && (err = read_kernel()) < 0) {
		log_warnx("cannot read the IPVS table: %s", strerror(-err));
		set_health(MSG_PROC_FAULT, (unsigned)-err);
		return;
	}
	nops = iv_diff(&iv.want, &iv.seen, &o, &iv.next);
	if (nops == 0) {
		/* the table matches: a refusal seen before is over, and is
		   logged again if it comes back */
		iv.nfails[0] = 0;
		iv_table_clear(&iv.retired);
		set_health(MSG_PROC_UP, 0);
		return;
	}
	iv.stats.ops += nops;
	iv.nfails[1] = 0;
	iv.logged = 0;
	nref = ipvs_nl_commit(iv.nl, refused, NULL);
	if (iv.logged > IV_FAILS_LOGGED)
		log_warnx("and %u more operations refused",
		    iv.logged - IV_FAILS_LOGGED);
	memcpy(iv.fails[0], iv.fails[1], iv.nfails[1] * sizeof(iv.fails[0][0]));
	iv.nfails[0] = iv.nfails[1];
	if (nref > 0) {
		/* what the kernel holds now is for the next dump to say */
		iv.seen_valid = false;
		set_health(MSG_PROC_FAULT, (unsigned)-iv.fails[1][0].err);
		return;
	}
	t = iv.seen;
	iv.seen = iv.next;
	iv.next = t;
	iv_table_clear(&iv.retired);
	log_debug("IPVS table: %zu operations applied", nops);
	set_health(MSG_PROC_UP, 0);
}

/* Someone else may have changed the table: read it again, repair it. */
static void
drift_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	unsigned long before;
	double next;

	(void)revents;
	if (iv.cfg != NULL) {
		iv.seen_valid = false;
		before = iv.stats.ops;
		sync_table();
		if (iv.stats.ops != before) {
			iv.stats.repairs++;
			log_info("IPVS table differed from the configuration: "
			         "%lu operations applied",
			    iv.stats.ops - before);
		}
	}
	/* what detection costs is the dump; a repair is work to do */
	next = (double)iv.last_read_us / 1e6 * IV_DRIFT_SHARE;
	next = next < IV_DRIFT_INTERVAL ? IV_DRIFT_INTERVAL
	    : next > IV_DRIFT_MAX       ? IV_DRIFT_MAX
	                                : next;
	iv.drift_pause = next;
	ev_timer_set(w, next, 0);
	ev_timer_start(loop, w);
}

/* ---- finding IPVS ---- */

static bool
try_open(void)
{
	const char *err = NULL;

	iv.nl = ipvs_nl_open(&err);
	if (iv.nl != NULL)
		return true;
	if (iv.health != MSG_PROC_FAULT)
		log_warnx("IPVS is not available in this kernel (%s): virtual "
		          "servers will not be programmed until it is; VRRP "
		          "and checks keep running",
		    err != NULL ? err : "unknown reason");
	/* the herald tells the admin too: Process(ipvs) DOWN -> FAULT */
	set_health(MSG_PROC_FAULT, 0);
	return false;
}

static void
retry_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)revents;
	if (!try_open())
		return;
	ev_timer_stop(loop, w);
	log_info("IPVS is available now: programming the table");
	first_contact();
}

/* IPVS found: what is done once per daemon start, then the table. */
static void
first_contact(void)
{
	int err;

	if (iv.cfg == NULL)
		return; /* apply() calls again */
	if (!iv.contacted) {
		iv.contacted = true;
		if (iv.cfg->global.lvs_flush && !iv.respawned) {
			log_info("flushing the IPVS table (lvs_flush)");
			if ((err = ipvs_nl_flush(iv.nl)) < 0)
				log_warnx("cannot flush the IPVS table: %s",
				    strerror(-err));
		}
	}
	set_timeouts();
	syncd_update();
	iv.seen_valid = false;
	ev_timer_start(iv.loop, &iv.drift_w);
	sync_soon();
}

static void
set_timeouts(void)
{
	const struct global_lvs_timeouts *t = &iv.cfg->global.lvs_timeouts;
	int err;

	if (iv.nl == NULL || (t->tcp < 0 && t->tcpfin < 0 && t->udp < 0))
		return;
	err = ipvs_nl_set_timeouts(
	    iv.nl, (int)t->tcp, (int)t->tcpfin, (int)t->udp);
	if (err < 0)
		log_warnx("cannot set the IPVS timeouts: %s", strerror(-err));
}

static void
set_health(enum msg_proc_st st, unsigned reason)
{
	if (iv.health == (int)st)
		return;
	iv.health = (int)st;
	child_health(st, reason);
}

/* ---- the connection sync daemon ---- */

static const char *
syncd_state_name(int i)
{
	return i == 0 ? "master" : "backup";
}

/* Which daemons lvs_sync_daemon asks for now: master while its VRRP
   instance is MASTER, backup otherwise; both when it names none. */
static void
syncd_wanted(bool want[2])
{
	const struct global_lvs_syncd *sd;
	struct vrrp_role *r;
	objid_t id;

	want[0] = want[1] = false;
	if (iv.cfg == NULL)
		return;
	sd = &iv.cfg->global.lvs_sync_daemon;
	if (sd->ifname[0] == '\0')
		return;
	if (sd->vrrp_instance[0] == '\0') {
		want[0] = want[1] = true;
		return;
	}
	id = objid_name(OBJ_VRRP_INSTANCE, sd->vrrp_instance);
	r = vrrp_role(id);
	want[0] = r->state == MSG_VRRP_MASTER;
	want[1] = !want[0];
}

static void
syncd_params(struct ipvs_daemon *d, int i)
{
	const struct global_lvs_syncd *sd = &iv.cfg->global.lvs_sync_daemon;

	memset(d, 0, sizeof(*d));
	d->state = i == 0 ? IP_VS_STATE_MASTER : IP_VS_STATE_BACKUP;
	snprintf(d->ifname, sizeof(d->ifname), "%s", sd->ifname);
	d->syncid = sd->syncid > 0 ? (uint32_t)sd->syncid : 0;
	d->maxlen = (uint16_t)sd->maxlen;
	d->port = (uint16_t)sd->port;
	d->ttl = (uint8_t)sd->ttl;
	if (sd->group.family != AF_UNSPEC) {
		d->group_af = (uint16_t)sd->group.family;
		memcpy(d->group, sd->group.u.v6,
		    sd->group.family == AF_INET6 ? 16u : 4u);
	}
}

static void
syncd_stop(int i)
{
	int err;

	if (!iv.syncd_on[i])
		return;
	iv.syncd_on[i] = false;
	err = ipvs_nl_daemon_stop(iv.nl, iv.syncd[i].state);
	if (err < 0 && err != -ESRCH)
		log_warnx("cannot stop the IPVS sync daemon (%s): %s",
		    syncd_state_name(i), strerror(-err));
	else
		log_info("IPVS sync daemon (%s) stopped", syncd_state_name(i));
}

/* A daemon of the same state left by a child that died, found again. */
static void
syncd_adopt(const struct ipvs_daemon *d, void *arg)
{
	int i = d->state == IP_VS_STATE_MASTER ? 0 : 1;

	(void)arg;
	iv.syncd[i] = *d;
	iv.syncd_on[i] = true;
}

/* Follows the VRRP role: stops what is no longer wanted first, so that
   a new master stops listening as a backup before it sends. */
static void
syncd_update(void)
{
	static bool listed;
	struct ipvs_daemon d;
	bool want[2];
	int i, err;

	if (iv.nl == NULL || iv.cfg == NULL)
		return;
	if (!listed) {
		listed = true;
		ipvs_nl_daemons(iv.nl, syncd_adopt, NULL);
	}
	syncd_wanted(want);
	for (i = 0; i < 2; i++) {
		if (!iv.syncd_on[i])
			continue;
		syncd_params(&d, i);
		if (!want[i] || strcmp(d.ifname, iv.syncd[i].ifname) != 0 ||
		    d.syncid != iv.syncd[i].syncid ||
		    (d.maxlen != 0 && d.maxlen != iv.syncd[i].maxlen) ||
		    (d.port != 0 && d.port != iv.syncd[i].port) ||
		    (d.ttl != 0 && d.ttl != iv.syncd[i].ttl))
			syncd_stop(i);
	}
	for (i = 0; i < 2; i++) {
		if (!want[i] || iv.syncd_on[i])
			continue;
		syncd_params(&d, i);
		err = ipvs_nl_daemon_start(iv.nl, &d);
		if (err < 0) {
			log_warnx("cannot start the IPVS sync daemon (%s) on "
			          "%s: %s",
			    syncd_state_name(i), d.ifname, strerror(-err));
			continue;
		}
		iv.syncd[i] = d;
		iv.syncd_on[i] = true;
		log_info("IPVS sync daemon (%s) started on %s, sync id %u",
		    syncd_state_name(i), d.ifname, d.syncid);
	}
}

static void
syncd_stop_all(void)
{
	syncd_stop(0);
	syncd_stop(1);
}

/* ---- the child ---- */

/* The services of the old configuration that the new one does not have
   are this child's to delete. */
static void
retire_removed(const struct iv_table *old, const struct iv_table *cur)
{
	size_t i;

	for (i = 0; i < old->n; i++)
		if (iv_table_find(cur, &old->svcs[i].s) == NULL)
			iv_table_add(&iv.retired, &old->svcs[i].s);
	iv_table_sort(&iv.retired);
}

static void
ipvs_apply(const struct config *old, const struct config *cur)
{
	struct iv_table prev = iv.want;

	iv.cfg = cur;
	memset(&iv.want, 0, sizeof(iv.want));
	iv_want_build(&iv.want, cfg_model(cur, CFG_MODEL_VS), desired_of, NULL);
	iv.want_stale = false;
	if (old != NULL)
		retire_removed(&prev, &iv.want);
	iv_table_free(&prev);
	if (iv.nl == NULL)
		return;
	if (!iv.contacted) {
		first_contact();
		return;
	}
	set_timeouts();
	syncd_update();
	sync_soon();
}

/*
 * SIGTERM: the sync daemons stop; the services this child programmed
 * go (the kernel drops their destinations with them), or the whole
 * table with lvs_flush_onstop, or nothing with -I or when the parent
 * died.
 */
static void
ipvs_stop(void)
{
	const struct iv_table *t = &iv.want;
	size_t i, nref;

	if (iv.nl == NULL)
		return;
	syncd_stop_all();
	if (iv.opts->dont_release_ipvs) {
		log_info("leaving the IPVS table as it is (-I)");
		return;
	}
	/* A crash of the parent is a crash: the connections going through
	   this director keep flowing until the VIP moves, and the next
	   vigild takes the table over as it is. */
	if (child_orphaned()) {
		log_warnx("the parent is gone: leaving the IPVS table as it is "
		          "for the next vigild");
		return;
	}
	if (iv.cfg != NULL &&
	    iv.cfg->global.lvs_flush_on_stop == GLOBAL_LVS_FLUSH_FULL) {
		log_info("flushing the IPVS table (lvs_flush_onstop)");
		ipvs_nl_flush(iv.nl);
		return;
	}
	for (i = 0; i < t->n; i++)
		ipvs_nl_queue(iv.nl, IPVS_OP_SVC_DEL, &t->svcs[i].s, NULL);
	for (i = 0; i < iv.retired.n; i++)
		ipvs_nl_queue(
		    iv.nl, IPVS_OP_SVC_DEL, &iv.retired.svcs[i].s, NULL);
	nref = ipvs_nl_commit(iv.nl, NULL, NULL);
	log_info("removed %zu IPVS services", t->n + iv.retired.n - nref);
}

static void
ipvs_start(struct ev_loop *loop, const struct vigil_opts *opts)
{
	const char *r = getenv(CHILD_RESPAWN_ENV);

	iv.loop = loop;
	iv.opts = opts;
	iv.respawned = r != NULL && strcmp(r, "1") == 0;
	state_sync_init(
	    &iv.desired, MSG_STATE_RS_DESIRED, desired_changed, NULL);
	iv.known.what = MSG_STATE_RS_KNOWN;
	ev_prepare_init(&iv.sync_w, sync_cb);
	ev_timer_init(&iv.drift_w, drift_cb, IV_DRIFT_INTERVAL, 0);
	ev_timer_init(
	    &iv.retry_w, retry_cb, IV_RETRY_INTERVAL, IV_RETRY_INTERVAL);
	if (try_open())
		log_info("IPVS generic netlink family found");
	else
		ev_timer_start(loop, &iv.retry_w);
}

/* ---- dumps ---- */

/* The desired table, named as keepalived names services and servers, in
   the configuration's order. */
static void
dump_desired(FILE *f)
{
	const struct vs_model *m =
	    iv.cfg != NULL ? cfg_model(iv.cfg, CFG_MODEL_VS) : NULL;
	const struct msg_rs_desired *d;
	const struct vs_vs *vs;
	const struct vs_rs *rs;
	char vn[VS_NAME_MAX], rn[VS_NAME_MAX];
	size_t i;
	objid_t vid;

	for (i = 0; m != NULL && i < m->vss.n; i++) {
		vs = m->vss.v[i];
		vid = vs_id(vs);
		vs_fmt_vs(vs, vn, sizeof(vn));
		fprintf(f, " desired VS %s\n", vn);
		for (rs = vs->rss; rs != NULL; rs = rs->next) {
			d = state_sync_get(&iv.desired, vs_rs_id(vid, rs));
			vs_fmt_rs(vs, rs, rn, sizeof(rn));
			dump_item(f, "RS", rn, d);
		}
		if (vs->sorry != NULL) {
			d = state_sync_get(
			    &iv.desired, vs_sorry_id(vid, vs->sorry));
			vs_fmt_rs(vs, vs->sorry, rn, sizeof(rn));
			dump_item(f, "SORRY", rn, d);
		}
	}
}

static void
dump_item(
    FILE *f, const char *what, const char *name, const struct msg_rs_desired *d)
{
	if (d == NULL)
		fprintf(f, "  %s %s unknown\n", what, name);
	else if (!(d->flags & MSG_RS_F_IN_TABLE))
		fprintf(f, "  %s %s absent\n", what, name);
	else
		fprintf(f, "  %s %s weight %" PRIu32 "%s\n", what, name,
		    d->weight,
		    d->flags & MSG_RS_F_QUIESCENT ? " quiescent" : "");
}

static const char *
fwd_name(uint32_t flags)
{
	switch (flags & IP_VS_CONN_F_FWD_MASK) {
	case IP_VS_CONN_F_DROUTE:
		return "route";
	case IP_VS_CONN_F_TUNNEL:
		return "tunnel";
	default:
		return "masq";
	}
}

/* The kernel's table as last seen, the services this child owns. */
static void
dump_kernel(FILE *f)
{
	const struct iv_svc *s;
	const struct iv_dest *d;
	char n[IV_NAME_MAX];
	size_t i, j;

	if (iv.nl == NULL) {
		fprintf(f, " kernel table: IPVS not available\n");
		return;
	}
	fprintf(f, " kernel table: %zu services, %zu destinations%s\n",
	    iv.seen.n, iv_table_dests(&iv.seen),
	    iv.seen_valid ? "" : " (to be read again)");
	for (i = 0; i < iv.seen.n; i++) {
		s = &iv.seen.svcs[i];
		if (iv_table_find(&iv.want, &s->s) == NULL)
			continue;
		iv_svc_name(&s->s, n, sizeof(n));
		fprintf(f, " kernel %s %s%s\n", n, s->s.sched,
		    s->s.flags & IP_VS_SVC_F_PERSISTENT ? " persistent" : "");
		for (j = 0; j < s->n; j++) {
			d = &s->dests[j];
			iv_dest_name(&d->d, n, sizeof(n));
			fprintf(f, "  -> %s %s weight %" PRIu32 "\n", n,
			    fwd_name(d->d.conn_flags), d->d.weight);
		}
	}
	for (i = 0; i < 2; i++)
		if (iv.syncd_on[i])
			fprintf(f, " sync daemon %s on %s, sync id %u\n",
			    syncd_state_name((int)i), iv.syncd[i].ifname,
			    iv.syncd[i].syncid);
}

static void
ipvs_dump(FILE *f, enum msg_dump_what what)
{
	size_t i;

	if (what == MSG_DUMP_STATS) {
		fprintf(f,
		    " desired state: full states %lu, aborted %lu, stale "
		    "%lu, resyncs %lu, changes %lu\n",
		    iv.desired.stats.committed, iv.desired.stats.aborted,
		    iv.desired.stats.stale, iv.desired.stats.resyncs,
		    iv.changes);
		fprintf(f,
		    " kernel table: syncs %lu, reads %lu (mean %" PRIu64
		    " us, max %" PRIu64 " us), drift pause %.1f s, drift "
		    "repairs %lu, operations %lu, refused %lu, netlink "
		    "messages %lu\n",
		    iv.stats.syncs, iv.stats.reads,
		    iv.stats.reads ? iv.stats.read_us / iv.stats.reads : 0,
		    iv.stats.read_us_max, iv.drift_pause, iv.stats.repairs,
		    iv.stats.ops, iv.stats.refused,
		    iv.nl != NULL ? ipvs_nl_ops(iv.nl) : 0);
		return;
	}
	fprintf(f, " desired real servers %zu (generation %u)\n",
	    state_sync_count(&iv.desired), iv.desired.generation);
	dump_desired(f);
	dump_kernel(f);
	for (i = 0; i < iv.nroles; i++)
		fprintf(f, " VRRP %s %016llx: state %u\n",
		    iv.roles[i].kind == OBJ_VRRP_GROUP ? "group" : "instance",
		    (unsigned long long)iv.roles[i].id, iv.roles[i].state);
}
