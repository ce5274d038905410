/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp.c: the VRRP child: configuration, reload, reports, sync groups. */

#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>

#include "array.h"
#include "log.h"
#include "child.h"
#include "reconcile.h"
#include "vrrp.h"
#include "vrrp_garp.h"
#include "vrrp_inst.h"
#include "vrrp_sock.h"
#include "vrrp_track.h"

_Static_assert((int)VRRP_STATE_INIT == (int)MSG_VRRP_INIT &&
        (int)VRRP_STATE_BACKUP == (int)MSG_VRRP_BACKUP &&
        (int)VRRP_STATE_MASTER == (int)MSG_VRRP_MASTER &&
        (int)VRRP_STATE_FAULT == (int)MSG_VRRP_FAULT &&
        (int)VRRP_STATE_STOP == (int)MSG_VRRP_STOP,
    "msg.h and vrrp_fsm.h number the states alike");

/* A runtime object by name, for lookups in O(log n) (named_find). */
struct named {
	const char *name;
	void *obj;
};

static void vrrp_start(struct ev_loop *, const struct vigil_opts *);
static void vrrp_apply(const struct config *, const struct config *);
static void vrrp_stop(void);
static void on_resume(struct ipc_peer *, struct ipc_msg *);
static void vrrp_dump(FILE *, enum msg_dump_what);
static void dump_data(FILE *);
static void dump_stats(FILE *);
static void on_link(void *, const struct vrrp_link *, bool);
static void on_prepare(struct ev_loop *, ev_prepare *, int);
static void set_scheduling(const struct global_conf *);
static void vrrp_busy(bool);
static int rt_enter(void);
static void rt_on_sigxcpu(int);
static void rt_dropped(struct ev_loop *, ev_async *, int);
static void rt_restore(struct ev_loop *, ev_timer *, int);
static int inst_name_cmp(const void *, const void *, void *);
static struct vrrp_inst *
match_insts(struct vrrp_inst *, const struct vrrp_model *, struct vrrp_inst **);
static int named_cmp(const void *, const void *);
static void *named_find(const struct named *, size_t, const char *);
static size_t named_insts(struct named **);
static size_t named_groups(struct vrrp_group *, struct named **);
static void build_groups(void);
static void group_report(struct vrrp_group *);
static int resume_cmp(const void *, const void *);
static const struct msg_vrrp_state *resumed(enum obj_kind, const char *);
static void send_transition(const struct vrrp_inst *, enum obj_kind,
    const char *, unsigned from, unsigned to, uint8_t, enum vrrp_reason);
static void report_removed(struct vrrp_inst *, const struct vrrp_action *);
static void start_inst(struct vrrp_inst *);
static void
statics(const struct vrrp_model *old, const struct vrrp_model *cur, unsigned);

struct vrrp_ctx vrrp;
static ev_prepare flush_watcher;

/* Seconds without real-time after SIGXCPU: doubling from MIN to MAX. */
#define RT_BACKOFF_MIN 1.0
#define RT_BACKOFF_MAX 60.0

/* The real-time scheduling set_scheduling() applies and guards. */
static struct {
	int prio;
	rlim_t rttime; /* RLIMIT_RTTIME soft limit, microseconds */
	ev_async dropped_w; /* SIGXCPU dropped real-time */
	ev_timer restore_w;
	double backoff;
	ev_tstamp restored_at;
	volatile sig_atomic_t on; /* SCHED_RR now */
	bool refused; /* the kernel said no: not asked again */
} rt;

/* What a respawned child was told to resume; used at the first config,
   sorted by id. */
static struct {
	struct msg_vrrp_state *v;
	size_t n, cap;
	bool sorted;
} resume;

static const struct ipc_handler parent_handlers[] = {
	{ MSG_VRRP_RESUME, on_resume },
	{ MSG_STATE_REQUEST, vrrp_snap_request },
	{ MSG_NONE, NULL },
};

const struct child_ops vrrp_child_ops = {
	.id = PROC_VRRP,
	.name = "vrrp",
	.title = "vigild: vrrp",
	.start = vrrp_start,
	.apply = vrrp_apply,
	.busy = vrrp_busy,
	.stop = vrrp_stop,
	.dump = vrrp_dump,
	.parent_handlers = parent_handlers,
};

static void
on_resume(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_vrrp_state *v;

	(void)p;
	resume.v =
	    array_grow(resume.v, &resume.cap, resume.n + 1, sizeof(*resume.v));
	v = &resume.v[resume.n++];
	memcpy(v, m->payload, sizeof(*v));
	resume.sorted = false;
}

static void
dump_data(FILE *f)
{
	const struct vrrp_inst *vi;
	const struct vrrp_group *g;
	char buf[INET6_ADDRSTRLEN];

	fprintf(f, "------< VRRP instances >------\n");
	for (vi = vrrp.insts; vi != NULL; vi = vi->next) {
		fprintf(f,
		    " VRRP_Instance(%s) state %s, priority %u (base %u)\n",
		    vi->conf->name, vrrp_state_name(vi->fsm.state),
		    vi->fsm.priority, vi->fsm.base_priority);
		fprintf(f, "   VRID %d, interface %s, version %d, %s\n",
		    vi->conf->vrid, vi->conf->ifname, vi->conf->version,
		    vi->unicast ? "unicast" : "multicast");
		fprintf(f, "   source %s, VIPs %s, fault %s\n",
		    cfg_addr_str(&vi->saddr, "none", buf, sizeof(buf)),
		    vi->vips_up ? "installed" : "not installed",
		    vi->fsm.fault ? "yes" : "no");
		fprintf(f, "   master_down_interval %.6f s, skew_time %.6f s\n",
		    (double)vi->fsm.master_down_interval / 1e6,
		    (double)vi->fsm.skew_time / 1e6);
	}
	for (g = vrrp.groups; g != NULL; g = g->next)
		fprintf(f, " VRRP_Group(%s) state %s, %u members\n",
		    g->conf->name, vrrp_state_name(g->state), g->nmembers);
}

static void
dump_stats(FILE *f)
{
	const struct vrrp_sock_stats *ss = vrrp_sock_stats();
	const struct vrrp_sched_stats *ts = vrrp_sched_stats();
	const struct vrrp_inst *vi;
	const struct vrrp_fsm_counters *c;
	int i;

	fprintf(f, "------< VRRP statistics >------\n");
	fprintf(f,
	    " Packets received %" PRIu64 ", sent %" PRIu64
	    ", send errors %" PRIu64 "\n",
	    ss->rx, ss->tx, ss->tx_errors);
	fprintf(f, " Dropped, no instance for the VRID: %" PRIu64 "\n",
	    ss->no_instance);
	for (i = 1; i < VRRP_PKT_RESULT_N; i++)
		if (ss->drops[i] > 0)
			fprintf(f, " Dropped, %s (%s): %" PRIu64 "\n",
			    vrrp_pkt_results[i].code, vrrp_pkt_results[i].text,
			    ss->drops[i]);
	fprintf(f,
	    " Timers fired %" PRIu64 ", late by over 1 ms %" PRIu64
	    ", worst %" PRIu64 " us\n",
	    ts->fired, ts->late, ts->worst_late_us);
	for (vi = vrrp.insts; vi != NULL; vi = vi->next) {
		c = &vi->fsm.stats;
		fprintf(f, " VRRP_Instance(%s)\n", vi->conf->name);
		fprintf(f,
		    "   Adverts received %" PRIu64 ", sent %" PRIu64
		    ", dropped %" PRIu64 "\n",
		    c->adverts_rx, c->adverts_tx, vi->drops);
		fprintf(f,
		    "   Became master %" PRIu64 ", released %" PRIu64
		    ", transitions %" PRIu64 "\n",
		    c->become_master, c->release_master, c->transitions);
		fprintf(f,
		    "   Priority 0 received %" PRIu64 ", sent %" PRIu64 "\n",
		    c->prio0_rx, c->prio0_tx);
	}
}

/* SIGUSR1 / SIGUSR2: the VRRP part of the parent's file. */
static void
vrrp_dump(FILE *f, enum msg_dump_what what)
{
	if (what == MSG_DUMP_DATA)
		dump_data(f);
	else
		dump_stats(f);
}

static int
resume_cmp(const void *a, const void *b)
{
	objid_t x = ((const struct msg_vrrp_state *)a)->id;
	objid_t y = ((const struct msg_vrrp_state *)b)->id;

	return x < y ? -1 : x > y;
}

/* What the parent heard last of the object of that kind and name. */
static const struct msg_vrrp_state *
resumed(enum obj_kind kind, const char *name)
{
	struct msg_vrrp_state key = { .id = objid_name(kind, name) };
	const struct msg_vrrp_state *r;

	if (resume.n == 0)
		return NULL;
	if (!resume.sorted) {
		qsort(resume.v, resume.n, sizeof(*resume.v), resume_cmp);
		resume.sorted = true;
	}
	r = bsearch(&key, resume.v, resume.n, sizeof(*resume.v), resume_cmp);
	return r != NULL && r->kind == kind ? r : NULL;
}

static void
vrrp_start(struct ev_loop *loop, const struct vigil_opts *opts)
{
	vrrp.loop = loop;
	vrrp.opts = opts;
	/* timers to the microsecond: no slack on our wake-ups */
	if (prctl(PR_SET_TIMERSLACK, 1UL) < 0)
		log_warn("prctl(PR_SET_TIMERSLACK)");
	if (vrrp_sched_open(loop) < 0)
		fatalx("cannot create the VRRP timer");
	vrrp_sock_init(loop, vrrp_inst_rx);
	/* VIP installs wait until the loop's callbacks are done */
	ev_prepare_init(&flush_watcher, on_prepare);
	ev_prepare_start(loop, &flush_watcher);
	if (vrrp_nl_open(loop, on_link, NULL) < 0)
		fatalx("cannot open rtnetlink");
	if (vrrp_garp_open() < 0)
		log_warnx("gratuitous ARP and NA will not be sent");
}

static void
on_prepare(struct ev_loop *loop, ev_prepare *w, int revents)
{
	(void)loop;
	(void)w;
	(void)revents;
	vrrp_inst_flush();
}

/*
 * vrrp_rt_priority (SCHED_RR by default), vrrp_rlimit_rttime and
 * vrrp_no_swap, from the first configuration.  Real-time keeps adverts
 * and the master-down timer on time on a busy host.  RLIMIT_RTTIME's
 * soft limit guards it: past vrrp_rlimit_rttime without sleeping the
 * kernel sends SIGXCPU and the child drops to normal scheduling for a
 * while instead of dying, so a runaway loop cannot starve the host and
 * a long but sound stretch (a large reload) costs real-time, not the
 * child.  SCHED_RESET_ON_FORK: scripts run with normal scheduling.
 */
static void
set_scheduling(const struct global_conf *g)
{
	if (g->vrrp_rt_priority > 0) {
		rt.prio = (int)g->vrrp_rt_priority;
		rt.rttime = (rlim_t)g->vrrp_rlimit_rttime;
		rt.backoff = RT_BACKOFF_MIN;
		ev_async_init(&rt.dropped_w, rt_dropped);
		ev_async_start(vrrp.loop, &rt.dropped_w);
		ev_timer_init(&rt.restore_w, rt_restore, 0, 0);
		/* entered once this configuration is applied: vrrp_busy() */
	}
	if (g->vrrp_no_swap && mlockall(MCL_CURRENT | MCL_FUTURE) < 0)
		log_warn("mlockall");
}

/* Sets the RLIMIT_RTTIME guard, then SCHED_RR; -1 (errno) if either is
   refused, and then the child stays with normal scheduling. */
static int
rt_enter(void)
{
	struct sched_param sp = { .sched_priority = rt.prio };
	struct sigaction sa;
	struct rlimit rl;

	if (getrlimit(RLIMIT_RTTIME, &rl) < 0)
		return -1;
	/* the kernel's hard limit is a SIGKILL: stay below it */
	rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > rt.rttime
	    ? rt.rttime
	    : rl.rlim_max / 2;
	if (setrlimit(RLIMIT_RTTIME, &rl) < 0)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = rt_on_sigxcpu;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGXCPU, &sa, NULL) < 0 ||
	    sched_setscheduler(0, SCHED_RR | SCHED_RESET_ON_FORK, &sp) < 0)
		return -1;
	rt.on = 1;
	return 0;
}

/*
 * SIGXCPU: the child ran vrrp_rlimit_rttime without sleeping.  The one
 * handler that acts in signal context, because the loop that would
 * handle an event may be the runaway: leave real-time now, and let the
 * loop log it and schedule the return.
 */
static void
rt_on_sigxcpu(int sig)
{
	struct sched_param sp = { .sched_priority = 0 };
	int saved = errno;

	(void)sig;
	if (rt.on &&
	    sched_setscheduler(0, SCHED_OTHER | SCHED_RESET_ON_FORK, &sp) ==
	        0) {
		rt.on = 0;
		ev_async_send(vrrp.loop, &rt.dropped_w);
	}
	errno = saved;
}

/* Back to real-time after a pause that doubles while the drops repeat
   (a loop that keeps spinning gets little real-time), reset after a
   quiet minute. */
static void
rt_dropped(struct ev_loop *loop, ev_async *w, int revents)
{
	double pause;

	(void)w;
	(void)revents;
	if (ev_now(loop) - rt.restored_at > RT_BACKOFF_MAX)
		rt.backoff = RT_BACKOFF_MIN;
	pause = rt.backoff;
	rt.backoff =
	    rt.backoff * 2 < RT_BACKOFF_MAX ? rt.backoff * 2 : RT_BACKOFF_MAX;
	log_warnx("ran %llu us without sleeping (vrrp_rlimit_rttime): "
	          "normal scheduling for %.0f s",
	    (unsigned long long)rt.rttime, pause);
	ev_timer_stop(loop, &rt.restore_w);
	ev_timer_set(&rt.restore_w, pause, 0);
	ev_timer_start(loop, &rt.restore_w);
}

/*
 * Parsing and applying a large configuration runs longer than
 * vrrp_rlimit_rttime without sleeping, and is sound: it runs with normal
 * scheduling (after the masters' adverts), and real-time comes back
 * after it unless SIGXCPU's pause is running.
 */
static void
vrrp_busy(bool busy)
{
	struct sched_param sp = { .sched_priority = 0 };

	if (busy && rt.on &&
	    sched_setscheduler(0, SCHED_OTHER | SCHED_RESET_ON_FORK, &sp) == 0)
		rt.on = 0;
	else if (!busy && rt.prio > 0 && !rt.on && !rt.refused &&
	    !ev_is_active(&rt.restore_w)) {
		if (rt_enter() == 0) {
			log_debug("SCHED_RR priority %d, RLIMIT_RTTIME %llu us",
			    rt.prio, (unsigned long long)rt.rttime);
			return;
		}
		log_warn("real-time scheduling (SCHED_RR priority %d) "
		         "refused; the VRRP child runs with normal scheduling",
		    rt.prio);
		rt.refused = true;
	}
}

static void
rt_restore(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)w;
	(void)revents;
	rt.restored_at = ev_now(loop);
	if (rt_enter() < 0)
		log_warn("real-time scheduling (SCHED_RR priority %d) not "
		         "restored",
		    rt.prio);
	else
		log_info("real-time scheduling restored (SCHED_RR priority "
		         "%d)",
		    rt.prio);
}

static void
on_link(void *arg, const struct vrrp_link *l, bool gone)
{
	(void)arg;
	(void)l;
	(void)gone;
	/* every tracker reads the link table afresh */
	if (vrrp.model != NULL)
		vrrp_trk_update();
}

/* Instances are the same across a reload when their names are. */
static int
inst_name_cmp(const void *a, const void *b, void *arg)
{
	const struct vrrp_instance *x = *(const struct vrrp_instance *const *)a;
	const struct vrrp_instance *y = *(const struct vrrp_instance *const *)b;

	(void)arg;
	return strcmp(x->name, y->name);
}

/*
 * Who stays: pairs the running instances (the list prev) with m's by
 * name in O(n log n).  kept[i] is the instance that will run m's i-th
 * (one of the same name and identity), NULL for a new one.  Returns
 * the others, in their old order: removed, or their identity changed.
 */
static struct vrrp_inst *
match_insts(
    struct vrrp_inst *prev, const struct vrrp_model *m, struct vrrp_inst **kept)
{
	static const struct reconcile_ops ops = {
		.size = sizeof(void *),
		.cmp = inst_name_cmp,
	};
	const struct vrrp_instance **conf;
	struct vrrp_inst **insts, *vi, *gone = NULL, **tail = &gone;
	struct reconcile_diff d;
	size_t n = 0, i, k, j;

	for (vi = prev; vi != NULL; vi = vi->next)
		n++;
	insts = calloc(n + 1, sizeof(*insts));
	conf = calloc(n + 1, sizeof(*conf));
	if (insts == NULL || conf == NULL)
		fatal("calloc");
	for (i = 0, vi = prev; vi != NULL; vi = vi->next, i++) {
		insts[i] = vi;
		conf[i] = vi->conf;
	}
	if (reconcile_diff(
	        &d, conf, n, m->instances.v, m->instances.n, &ops, NULL) < 0)
		fatalx("out of memory");
	for (k = 0; k < d.n; k++) {
		if (d.v[k].op != RECONCILE_KEEP)
			continue;
		i = (size_t)((const struct vrrp_instance *const *)d.v[k].old -
		    conf);
		j = (size_t)((void *const *)d.v[k].new - m->instances.v);
		if (vrrp_inst_same_identity(insts[i], m->instances.v[j])) {
			kept[j] = insts[i];
			insts[i] = NULL;
		}
	}
	for (i = 0; i < n; i++)
		if (insts[i] != NULL) {
			*tail = insts[i];
			tail = &insts[i]->next;
		}
	*tail = NULL;
	reconcile_diff_free(&d);
	free(conf);
	free(insts);
	return gone;
}

static int
named_cmp(const void *a, const void *b)
{
	return strcmp(
	    ((const struct named *)a)->name, ((const struct named *)b)->name);
}

/* The object of that name in v (sorted by named_cmp), or NULL. */
static void *
named_find(const struct named *v, size_t n, const char *name)
{
	const struct named key = { name, NULL }, *p;

	p = bsearch(&key, v, n, sizeof(*v), named_cmp);
	return p != NULL ? p->obj : NULL;
}

/* Instances (by name) or groups (old ones, keeping their state) in v,
   sorted for named_find; returns how many. */
static size_t
named_insts(struct named **v)
{
	struct vrrp_inst *vi;
	size_t n = 0;

	for (vi = vrrp.insts; vi != NULL; vi = vi->next)
		n++;
	*v = calloc(n + 1, sizeof(**v));
	if (*v == NULL)
		fatal("calloc");
	for (n = 0, vi = vrrp.insts; vi != NULL; vi = vi->next, n++)
		(*v)[n] = (struct named){ vi->conf->name, vi };
	qsort(*v, n, sizeof(**v), named_cmp);
	return n;
}

static size_t
named_groups(struct vrrp_group *list, struct named **v)
{
	struct vrrp_group *g;
	size_t n = 0;

	for (g = list; g != NULL; g = g->next)
		n++;
	*v = calloc(n + 1, sizeof(**v));
	if (*v == NULL)
		fatal("calloc");
	for (n = 0, g = list; g != NULL; g = g->next, n++)
		(*v)[n] = (struct named){ g->conf->name, g };
	qsort(*v, n, sizeof(**v), named_cmp);
	return n;
}

/* The groups of the new configuration, their members found by name
   and their state kept from the old group of that name. */
static void
build_groups(void)
{
	const struct vrrp_model *m = vrrp.model;
	const struct vrrp_sync_group *gc;
	const struct vrrp_track *t;
	struct vrrp_group *old = vrrp.groups, *g, *o, *next;
	const struct msg_vrrp_state *r;
	struct vrrp_inst *vi;
	struct named *ix, *ox;
	size_t i, j, nix, nox;

	vrrp.groups = NULL;
	for (vi = vrrp.insts; vi != NULL; vi = vi->next)
		vi->group = NULL;
	nix = named_insts(&ix);
	nox = named_groups(old, &ox);
	for (i = 0; i < m->sync_groups.n; i++) {
		gc = m->sync_groups.v[i];
		g = calloc(1, sizeof(*g));
		if (g == NULL)
			fatal("calloc");
		g->conf = gc;
		g->members = calloc(gc->members.n + 1, sizeof(*g->members));
		if (g->members == NULL)
			fatal("calloc");
		for (j = 0; j < gc->members.n; j++) {
			t = gc->members.v[j];
			vi = named_find(ix, nix, t->name);
			if (vi == NULL)
				continue;
			vi->group = g;
			g->members[g->nmembers++] = vi;
		}
		r = resumed(OBJ_VRRP_GROUP, gc->name);
		g->state =
		    r != NULL ? (enum vrrp_state)r->state : VRRP_STATE_INIT;
		o = named_find(ox, nox, gc->name);
		if (o != NULL)
			g->state = o->state;
		g->next = vrrp.groups;
		vrrp.groups = g;
	}
	free(ix);
	free(ox);
	for (o = old; o != NULL; o = next) {
		next = o->next;
		free(o->members);
		free(o);
	}
}

/* A new instance's first event: resume what the parent heard, or start. */
static void
start_inst(struct vrrp_inst *vi)
{
	const struct msg_vrrp_state *r =
	    resumed(OBJ_VRRP_INSTANCE, vi->conf->name);
	struct vrrp_event ev;
	bool fault = vrrp_trk_fault(vi);

	memset(&ev, 0, sizeof(ev));
	ev.type = VRRP_EV_PRIORITY;
	ev.u.priority.total = vi->conf->priority + vi->track_delta;
	if (vi->conf->priority != VRRP_PRIO_OWNER)
		vrrp_inst_event(vi, &ev);
	memset(&ev, 0, sizeof(ev));
	if (r != NULL) {
		ev.type = VRRP_EV_RESUME;
		ev.u.resume.state = (enum vrrp_state)r->state;
		ev.u.resume.fault = fault;
		log_info("VRRP_Instance(%s) resuming as %s", vi->conf->name,
		    vrrp_state_name(ev.u.resume.state));
	} else {
		/* a fresh start: addresses a crashed run left behind go */
		vrrp_inst_vips(vi, false);
		ev.type = VRRP_EV_STARTUP;
		ev.u.startup.fault = fault;
	}
	vrrp_inst_event(vi, &ev);
}

/*
 * static_ipaddress, static_routes and static_rules: what the old model
 * installed becomes what cur wants, touching only the differences, in
 * the phases of vrrp_nl_sync; at stop (cur NULL) they all go.
 */
static void
statics(
    const struct vrrp_model *old, const struct vrrp_model *cur, unsigned phases)
{
	struct vrrp_nl_set o = { 0 }, n = { 0 };

	if (old != NULL) {
		o.addrs = &old->static_addrs;
		o.routes = &old->static_routes;
		o.rules = &old->static_rules;
	}
	if (cur != NULL) {
		n.addrs = &cur->static_addrs;
		n.routes = &cur->static_routes;
		n.rules = &cur->static_rules;
	}
	vrrp_nl_sync(&o, &n, phases, NULL, NULL);
}

static void
vrrp_apply(const struct config *old, const struct config *cur)
{
	const struct vrrp_model *m = cfg_model(cur, CFG_MODEL_VRRP);
	const struct vrrp_model *om = vrrp.model;
	struct vrrp_inst *prev = vrrp.insts, *vi, *gone, **tail, **kept;
	const struct vrrp_instance *c;
	struct vrrp_event ev;
	size_t i;

	vrrp_inst_flush();
	if (old == NULL)
		set_scheduling(&cur->global);
	/* script_user and enable_script_security of this configuration */
	script_set_defaults(cur);
	/* A reload must not let backups time out: masters speak first. */
	for (vi = prev; vi != NULL; vi = vi->next)
		if (vi->fsm.state == VRRP_STATE_MASTER)
			vrrp_inst_send_advert(vi, vi->fsm.priority);
	vrrp.cfg = cur;
	vrrp.model = m;
	vrrp.insts = NULL;
	kept = calloc(m->instances.n + 1, sizeof(*kept));
	if (kept == NULL)
		fatal("calloc");
	gone = match_insts(prev, m, kept);
	/* removed and replaced instances resign and free their VRIDs,
	   VMACs and addresses before the others take them */
	memset(&ev, 0, sizeof(ev));
	ev.type = VRRP_EV_SHUTDOWN;
	while (gone != NULL) {
		vi = gone;
		gone = vi->next;
		log_info(
		    "VRRP_Instance(%s) removed by the reload", vi->conf->name);
		vi->group = NULL; /* its old group is rebuilt below */
		vi->removing = true;
		vrrp_inst_event(vi, &ev);
		vrrp_inst_teardown(vi);
		free(vi);
	}
	/* Only what changed reaches the kernel, and everything that goes,
	   goes before anything comes: an address moving between instances
	   or to static_ipaddress is never deleted after its new owner put
	   it in. */
	statics(om, m, RECONCILE_REMOVALS);
	for (i = 0; i < m->instances.n; i++)
		if (kept[i] != NULL)
			vrrp_inst_reconf_remove(kept[i], m->instances.v[i]);
	statics(om, m, RECONCILE_ADDITIONS);
	tail = &vrrp.insts;
	for (i = 0; i < m->instances.n; i++) {
		vi = kept[i];
		if (vi != NULL) {
			vrrp_inst_reconf(vi, m->instances.v[i]);
		} else {
			c = m->instances.v[i];
			vi = malloc(sizeof(*vi));
			if (vi == NULL)
				fatal("malloc");
			if (vrrp_inst_setup(vi, c) < 0)
				log_warnx("VRRP_Instance(%s) cannot run; it "
				          "stays in FAULT",
				    c->name);
		}
		vi->next = NULL;
		*tail = vi;
		tail = &vi->next;
	}
	free(kept);
	build_groups();
	/* a respawned child keeps the operator's track files as they are */
	if (old == NULL && resume.n > 0)
		vrrp_tfile_keep_existing();
	vrrp_trk_start();
	for (vi = vrrp.insts; vi != NULL; vi = vi->next)
		if (vi->fsm.state == VRRP_STATE_INIT)
			start_inst(vi);
	/* resumed transitions check the table when they run */
	vrrp_inst_flush();
	resume.n = 0;
	vrrp_trk_update();
	vrrp_snap_full();
}

static void
vrrp_stop(void)
{
	struct vrrp_event ev = { .type = VRRP_EV_SHUTDOWN };
	struct vrrp_inst *vi, *next;
	struct vrrp_group *g;

	vrrp_inst_flush();
	vrrp.stopping = true;
	ev.u.shutdown.keep_vips = vrrp.opts->dont_release_vrrp;
	vrrp_trk_stop();
	for (vi = vrrp.insts; vi != NULL; vi = vi->next)
		vrrp_inst_event(vi, &ev);
	for (g = vrrp.groups; g != NULL; g = g->next)
		group_report(g);
	for (vi = vrrp.insts; vi != NULL; vi = next) {
		next = vi->next;
		vrrp_inst_teardown(vi);
		free(vi);
	}
	vrrp.insts = NULL;
	vrrp_inst_flush();
	ev_prepare_stop(vrrp.loop, &flush_watcher);
	if (!vrrp.opts->dont_release_vrrp)
		statics(vrrp.model, NULL, RECONCILE_ALL);
	vrrp_garp_close();
	vrrp_nl_close(vrrp.loop);
	vrrp_sched_close(vrrp.loop);
}

/* One MSG_EVENT for the parent's herald; the object named by its id;
   vi: the instance's (NULL: a group's). */
static void
send_transition(const struct vrrp_inst *vi, enum obj_kind kind,
    const char *name, unsigned from, unsigned to, uint8_t prio,
    enum vrrp_reason why)
{
	struct msg_event e;

	child_event(kind, objid_name(kind, name), from, to, prio, why, &e);
	vrrp_snap_event(&e, vi);
}

/*
 * An instance a reload removed resigned (its machine went to STOP); the
 * parent hears keepalived's last event of it instead (clear_diff_vrrp()):
 * DELETED with notify_deleted, else FAULT, or nothing when it was in
 * FAULT already.
 */
static void
report_removed(struct vrrp_inst *vi, const struct vrrp_action *a)
{
	unsigned to = MSG_VRRP_DELETED;

	if (!vi->conf->opts->notify_deleted_on) {
		if (a->old_state == VRRP_STATE_FAULT)
			return;
		to = MSG_VRRP_FAULT;
	}
	send_transition(vi, OBJ_VRRP_INSTANCE, vi->conf->name, a->old_state, to,
	    a->priority, VRRP_REASON_REMOVED);
}

/*
 * keepalived writes a priority change to the FIFOs with
 * notify_priority_changes, from a state (not at the start, nor at the
 * stop), and runs notify_master_rx_lower_pri on each lower priority
 * advert a master hears: we send at most one such note per
 * RX_LOWER_PRI_GAP_US, as a peer that does not hear us would have it
 * run at its advert rate, and more with several such peers.
 */
#define RX_LOWER_PRI_GAP_US 1000000ULL

void
vrrp_report_note(struct vrrp_inst *vi, const struct vrrp_action *a)
{
	enum vrrp_state st = vi->fsm.state;
	objid_t id = objid_name(OBJ_VRRP_INSTANCE, vi->conf->name);
	uint64_t now;

	if (vrrp.stopping || vi->removing || st == VRRP_STATE_INIT ||
	    st == VRRP_STATE_STOP)
		return;
	if (a->type == VRRP_ACT_PRIORITY_CHANGED) {
		vrrp_snap_touch(vi);
		if (vi->conf->opts->notify_priority_changes > 0)
			child_note(OBJ_VRRP_INSTANCE, id, st, a->priority,
			    MSG_EVENT_PRIORITY);
		return;
	}
	now = vrrp_now_us();
	if (vi->rx_lower_last != 0 &&
	    now - vi->rx_lower_last < RX_LOWER_PRI_GAP_US)
		return;
	vi->rx_lower_last = now;
	child_note(OBJ_VRRP_INSTANCE, id, st, vi->fsm.priority,
	    MSG_EVENT_RX_LOWER_PRI);
}

/* A group is FAULT when a member is, MASTER when one is, else BACKUP;
   STOP once every member stopped. */
static void
group_report(struct vrrp_group *g)
{
	enum vrrp_state s = VRRP_STATE_INIT, ms;
	bool all_stop = g->nmembers > 0;
	unsigned i;

	for (i = 0; i < g->nmembers; i++) {
		ms = g->members[i]->fsm.state;
		if (ms != VRRP_STATE_STOP)
			all_stop = false;
		if (ms == VRRP_STATE_FAULT)
			s = VRRP_STATE_FAULT;
		else if (ms == VRRP_STATE_MASTER && s != VRRP_STATE_FAULT)
			s = VRRP_STATE_MASTER;
		else if (ms == VRRP_STATE_BACKUP && s == VRRP_STATE_INIT)
			s = VRRP_STATE_BACKUP;
	}
	if (all_stop)
		s = VRRP_STATE_STOP;
	if (s == VRRP_STATE_INIT || s == g->state)
		return;
	log_info("VRRP_Group(%s) %s -> %s", g->conf->name,
	    vrrp_state_name(g->state), vrrp_state_name(s));
	send_transition(NULL, OBJ_VRRP_GROUP, g->conf->name, g->state, s, 0,
	    VRRP_REASON_SYNC_GROUP);
	g->state = s;
}

/* A transition of one instance: log, tell the parent, move its group. */
void
vrrp_report(struct vrrp_inst *vi, const struct vrrp_action *a)
{
	struct vrrp_group *g = vi->group;
	struct vrrp_event ev = { .type = VRRP_EV_SYNC };
	unsigned i;

	log_info("VRRP_Instance(%s) Entering %s STATE (from %s, priority %u, "
	         "%s)",
	    vi->conf->name, vrrp_state_name(a->new_state),
	    vrrp_state_name(a->old_state), a->priority,
	    vrrp_reason_name(a->reason));
	if (a->new_state == VRRP_STATE_MASTER)
		vi->new_master_reason = vrrp_master_reason(a->reason);
	else if (a->old_state == VRRP_STATE_MASTER)
		vi->new_master_reason = 0; /* notMaster */
	if (vi->removing) {
		report_removed(vi, a);
		return;
	}
	if (a->reason == VRRP_REASON_RESUME) {
		/* The parent heard of the state we resume: it is no news.
		   A resume into another state (a fault meanwhile) is, from
		   the state the parent knows. */
		const struct msg_vrrp_state *r =
		    resumed(OBJ_VRRP_INSTANCE, vi->conf->name);

		if (r != NULL && r->state == (uint8_t)a->new_state)
			return;
		send_transition(vi, OBJ_VRRP_INSTANCE, vi->conf->name,
		    r != NULL ? r->state : (unsigned)a->old_state, a->new_state,
		    a->priority, a->reason);
	} else {
		send_transition(vi, OBJ_VRRP_INSTANCE, vi->conf->name,
		    a->old_state, a->new_state, a->priority, a->reason);
	}
	if (g == NULL || g->syncing)
		return;
	if (!vrrp.stopping && a->reason != VRRP_REASON_SYNC_GROUP &&
	    (a->new_state == VRRP_STATE_MASTER ||
	        a->new_state == VRRP_STATE_BACKUP)) {
		g->syncing = true;
		ev.u.sync.state = a->new_state;
		for (i = 0; i < g->nmembers; i++)
			if (g->members[i] != vi)
				vrrp_inst_event(g->members[i], &ev);
		g->syncing = false;
	}
	if (!vrrp.stopping)
		group_report(g);
}
