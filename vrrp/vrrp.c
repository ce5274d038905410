/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp.c: the VRRP child: configuration, reload, reports, sync groups. */

#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "array.h"
#include "log.h"
#include "parent.h"
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

static void vrrp_start(struct ev_loop *, const struct vigil_opts *);
static void vrrp_apply(const struct config *, const struct config *);
static void vrrp_stop(void);
static void on_resume(struct ipc_peer *, struct ipc_msg *);
static void on_dump(struct ipc_peer *, struct ipc_msg *);
static void dump_data(FILE *);
static void dump_stats(FILE *);
static void on_link(void *, const struct vrrp_link *, bool);
static void on_prepare(struct ev_loop *, ev_prepare *, int);
static void set_scheduling(const struct global_conf *);
static struct vrrp_inst *take_inst(struct vrrp_inst **, const char *);
static void build_groups(void);
static void group_report(struct vrrp_group *);
static const struct msg_vrrp_state *resumed(enum msg_vrrp_kind, const char *);
static void send_transition(enum msg_vrrp_kind, const char *, enum vrrp_state,
    enum vrrp_state, uint8_t, enum vrrp_reason);
static void start_inst(struct vrrp_inst *);
static void statics(const struct vrrp_model *old, const struct vrrp_model *cur);
static int static_ifindex(const struct vrrp_ipaddr *);

struct vrrp_ctx vrrp;
static ev_prepare flush_watcher;

/* What this child runs of the language (see cfg_register_running). */
const char *const vrrp_running_keywords[] = {
	"vrrp_instance",
	"vrrp_instance.state",
	"vrrp_instance.interface",
	"vrrp_instance.use_vmac",
	"vrrp_instance.vmac_xmit_base",
	"vrrp_instance.dont_track_primary",
	"vrrp_instance.track_interface",
	"vrrp_instance.track_script",
	"vrrp_instance.track_file",
	"vrrp_instance.track_process",
	"vrrp_instance.mcast_src_ip",
	"vrrp_instance.unicast_src_ip",
	"vrrp_instance.mcast_dst_ip",
	"vrrp_instance.unicast_peer",
	"vrrp_instance.unicast_fault_no_peer",
	"vrrp_instance.unicast_ttl",
	"vrrp_instance.check_unicast_src",
	"vrrp_instance.old_unicast_checksum",
	"vrrp_instance.virtual_router_id",
	"vrrp_instance.priority",
	"vrrp_instance.advert_int",
	"vrrp_instance.version",
	"vrrp_instance.authentication",
	"vrrp_instance.authentication.auth_type",
	"vrrp_instance.authentication.auth_pass",
	"vrrp_instance.virtual_ipaddress",
	"vrrp_instance.virtual_ipaddress_excluded",
	"vrrp_instance.virtual_routes",
	"vrrp_instance.virtual_rules",
	"vrrp_instance.accept",
	"vrrp_instance.preempt",
	"vrrp_instance.nopreempt",
	"vrrp_instance.preempt_delay",
	"vrrp_instance.skip_check_adv_addr",
	"vrrp_instance.lower_prio_no_advert",
	"vrrp_instance.higher_prio_send_advert",
	"vrrp_instance.garp_master_delay",
	"vrrp_instance.garp_master_repeat",
	"vrrp_instance.garp_lower_prio_repeat",
	"vrrp_instance.garp_master_refresh",
	"vrrp_instance.garp_master_refresh_repeat",
	"vrrp_instance.down_timer_adverts",
	"vrrp_instance.kernel_rx_buf_size",
	"vrrp_instance.linkbeat_use_polling",
	/* the parent's herald runs these for the instance */
	"vrrp_instance.notify_master",
	"vrrp_instance.notify_backup",
	"vrrp_instance.notify_fault",
	"vrrp_instance.notify_stop",
	"vrrp_instance.notify",
	"vrrp_script",
	"vrrp_script.script",
	"vrrp_script.interval",
	"vrrp_script.timeout",
	"vrrp_script.weight",
	"vrrp_script.rise",
	"vrrp_script.fall",
	"vrrp_script.user",
	"vrrp_script.init_fail",
	"track_file",
	"track_file.file",
	"track_file.weight",
	"track_file.init_file",
	"vrrp_track_file",
	"vrrp_track_file.file",
	"vrrp_track_file.weight",
	"vrrp_track_file.init_file",
	"vrrp_track_process",
	"vrrp_track_process.process",
	"vrrp_track_process.param_match",
	"vrrp_track_process.weight",
	"vrrp_track_process.quorum",
	"vrrp_track_process.quorum_max",
	"vrrp_track_process.fork_delay",
	"vrrp_track_process.terminate_delay",
	"vrrp_track_process.delay",
	"vrrp_track_process.full_command",
	"vrrp_sync_group",
	"vrrp_sync_group.group",
	"vrrp_sync_group.track_interface",
	"vrrp_sync_group.track_script",
	"vrrp_sync_group.track_file",
	"vrrp_sync_group.track_process",
	"vrrp_sync_group.notify_master",
	"vrrp_sync_group.notify_backup",
	"vrrp_sync_group.notify_fault",
	"vrrp_sync_group.notify_stop",
	"vrrp_sync_group.notify",
	"static_ipaddress",
	"static_routes",
	"static_rules",
	"global_defs.vrrp_mcast_group4",
	"global_defs.vrrp_mcast_group6",
	"global_defs.vrrp_garp_master_delay",
	"global_defs.vrrp_garp_master_repeat",
	"global_defs.vrrp_garp_lower_prio_repeat",
	"global_defs.vrrp_garp_master_refresh",
	"global_defs.vrrp_garp_master_refresh_repeat",
	"global_defs.vrrp_down_timer_adverts",
	"global_defs.vrrp_lower_prio_no_advert",
	"global_defs.vrrp_higher_prio_send_advert",
	"global_defs.vrrp_version",
	"global_defs.vrrp_check_unicast_src",
	"global_defs.vrrp_skip_check_adv_addr",
	"global_defs.vrrp_no_swap",
	"global_defs.vrrp_rt_priority",
	"global_defs.vrrp_rlimit_rttime",
	"global_defs.vrrp_rlimit_rtime",
	"global_defs.script_user",
	"global_defs.enable_script_security",
	"global_defs.notify_fifo",
	"global_defs.notify_fifo_script",
	"global_defs.vrrp_notify_fifo",
	"global_defs.vrrp_notify_fifo_script",
	"global_defs.fifo_write_vrrp_states_on_reload",
	NULL,
};

/* What a respawned child was told to resume; used at the first config. */
static struct {
	struct msg_vrrp_state *v;
	size_t n, cap;
} resume;

static const struct ipc_handler parent_handlers[] = {
	{ MSG_VRRP_RESUME, on_resume },
	{ MSG_VRRP_DUMP, on_dump },
	{ MSG_NONE, NULL },
};

const struct child_ops vrrp_child_ops = {
	.id = PROC_VRRP,
	.name = "vrrp",
	.title = "vigild: vrrp",
	.start = vrrp_start,
	.apply = vrrp_apply,
	.stop = vrrp_stop,
	.peer = PROC_PARENT,
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
	v->name[MSG_VRRP_NAME_LEN - 1] = '\0';
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

/* Appends to the file the parent has just written. */
static void
on_dump(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_dump d;
	const char *path;
	FILE *f;

	(void)p;
	memcpy(&d, m->payload, sizeof(d));
	path = d.what == MSG_DUMP_DATA ? VIGIL_DATA_FILE : VIGIL_STATS_FILE;
	f = fopen(path, "ae");
	if (f == NULL) {
		log_warn("cannot append to %s", path);
		return;
	}
	if (d.what == MSG_DUMP_DATA)
		dump_data(f);
	else
		dump_stats(f);
	fclose(f);
}

static const struct msg_vrrp_state *
resumed(enum msg_vrrp_kind kind, const char *name)
{
	size_t i;

	for (i = 0; i < resume.n; i++)
		if (resume.v[i].kind == kind &&
		    strcmp(resume.v[i].name, name) == 0)
			return &resume.v[i];
	return NULL;
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

/* vrrp_rt_priority, vrrp_rlimit_rttime and vrrp_no_swap. */
static void
set_scheduling(const struct global_conf *g)
{
	struct sched_param sp = { .sched_priority = (int)g->vrrp_rt_priority };
	struct rlimit rl;

	if (g->vrrp_rt_priority > 0) {
		if (g->vrrp_rlimit_rttime > 0) {
			rl.rlim_cur = rl.rlim_max =
			    (rlim_t)g->vrrp_rlimit_rttime;
			if (setrlimit(RLIMIT_RTTIME, &rl) < 0)
				log_warn("setrlimit(RLIMIT_RTTIME)");
		}
		if (sched_setscheduler(0, SCHED_RR | SCHED_RESET_ON_FORK, &sp) <
		    0)
			log_warn("SCHED_RR priority %d", sp.sched_priority);
	}
	if (g->vrrp_no_swap && mlockall(MCL_CURRENT | MCL_FUTURE) < 0)
		log_warn("mlockall");
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

/* Unlinks and returns the instance of that name from *list, or NULL. */
static struct vrrp_inst *
take_inst(struct vrrp_inst **list, const char *name)
{
	struct vrrp_inst **pp, *vi;

	for (pp = list; *pp != NULL; pp = &(*pp)->next)
		if (strcmp((*pp)->conf->name, name) == 0) {
			vi = *pp;
			*pp = vi->next;
			vi->next = NULL;
			return vi;
		}
	return NULL;
}

static void
build_groups(void)
{
	const struct vrrp_model *m = vrrp.model;
	const struct vrrp_sync_group *gc;
	const struct vrrp_track *t;
	struct vrrp_group *old = vrrp.groups, *g, *o, *next;
	const struct msg_vrrp_state *r;
	struct vrrp_inst *vi;
	size_t i, j;

	vrrp.groups = NULL;
	for (vi = vrrp.insts; vi != NULL; vi = vi->next)
		vi->group = NULL;
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
			for (vi = vrrp.insts; vi != NULL; vi = vi->next)
				if (strcmp(vi->conf->name, t->name) == 0)
					break;
			if (vi == NULL)
				continue;
			vi->group = g;
			g->members[g->nmembers++] = vi;
		}
		r = resumed(MSG_VRRP_GROUP, gc->name);
		g->state =
		    r != NULL ? (enum vrrp_state)r->state : VRRP_STATE_INIT;
		for (o = old; o != NULL; o = o->next)
			if (strcmp(o->conf->name, gc->name) == 0)
				g->state = o->state;
		g->next = vrrp.groups;
		vrrp.groups = g;
	}
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
	    resumed(MSG_VRRP_INSTANCE, vi->conf->name);
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

static int
static_ifindex(const struct vrrp_ipaddr *a)
{
	const struct vrrp_link *l = vrrp_nl_link_by_name(a->x->dev);

	return l != NULL ? l->ifindex : 0;
}

/*
 * static_ipaddress, static_routes and static_rules: the old set goes
 * (addresses only where the new set lacks them), the new one comes; at
 * stop (cur NULL) they all go.
 */
static void
statics(const struct vrrp_model *old, const struct vrrp_model *cur)
{
	const struct vrrp_ipaddr *a, *b;
	size_t i, j;
	bool keep;

	if (old != NULL) {
		for (i = old->static_rules.n; i-- > 0;)
			vrrp_nl_rule(false, old->static_rules.v[i]);
		for (i = old->static_routes.n; i-- > 0;)
			vrrp_nl_route(false, old->static_routes.v[i], 0);
		for (i = 0; i < old->static_addrs.n; i++) {
			a = old->static_addrs.v[i];
			keep = false;
			for (j = 0; cur != NULL && j < cur->static_addrs.n;
			     j++) {
				b = cur->static_addrs.v[j];
				keep = keep || vrrp_ipaddr_same(a, b);
			}
			if (!keep)
				vrrp_nl_addr(false, static_ifindex(a), a);
		}
	}
	if (cur == NULL)
		return;
	for (i = 0; i < cur->static_addrs.n; i++)
		vrrp_nl_addr(true, static_ifindex(cur->static_addrs.v[i]),
		    cur->static_addrs.v[i]);
	for (i = 0; i < cur->static_routes.n; i++)
		vrrp_nl_route(true, cur->static_routes.v[i], 0);
	for (i = 0; i < cur->static_rules.n; i++)
		vrrp_nl_rule(true, cur->static_rules.v[i]);
}

static void
vrrp_apply(const struct config *old, const struct config *cur)
{
	const struct vrrp_model *m = cfg_model(cur, CFG_MODEL_VRRP);
	struct vrrp_inst *prev = vrrp.insts, *vi, *gone = NULL, **tail, **kept;
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
	statics(vrrp.model, m);
	vrrp.cfg = cur;
	vrrp.model = m;
	vrrp.insts = NULL;
	/* who stays: an instance of the same name and identity */
	kept = calloc(m->instances.n + 1, sizeof(*kept));
	if (kept == NULL)
		fatal("calloc");
	for (i = 0; i < m->instances.n; i++) {
		c = m->instances.v[i];
		vi = take_inst(&prev, c->name);
		if (vi != NULL && vrrp_inst_reconf(vi, c) == 0) {
			kept[i] = vi;
		} else if (vi != NULL) {
			/* its identity changed: the old one goes first */
			vi->next = gone;
			gone = vi;
		}
	}
	/* removed and replaced instances resign and free their VRIDs and
	   VMACs before the new ones take them */
	memset(&ev, 0, sizeof(ev));
	ev.type = VRRP_EV_SHUTDOWN;
	for (tail = &prev; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = gone;
	while (prev != NULL) {
		vi = prev;
		prev = vi->next;
		log_info(
		    "VRRP_Instance(%s) removed by the reload", vi->conf->name);
		vi->group = NULL; /* its old group is rebuilt below */
		vrrp_inst_event(vi, &ev);
		vrrp_inst_teardown(vi);
		free(vi);
	}
	tail = &vrrp.insts;
	for (i = 0; i < m->instances.n; i++) {
		vi = kept[i];
		if (vi == NULL) {
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
		statics(vrrp.model, NULL);
	vrrp_garp_close();
	vrrp_nl_close(vrrp.loop);
	vrrp_sched_close(vrrp.loop);
}

static void
send_transition(enum msg_vrrp_kind kind, const char *name, enum vrrp_state from,
    enum vrrp_state to, uint8_t prio, enum vrrp_reason why)
{
	struct msg_vrrp_transition t;

	memset(&t, 0, sizeof(t));
	t.seq = ++vrrp.seq;
	t.kind = (uint8_t)kind;
	t.old_state = (uint8_t)from;
	t.new_state = (uint8_t)to;
	t.priority = prio;
	t.reason = (uint8_t)why;
	strncpy(t.name, name, sizeof(t.name) - 1);
	child_send_parent(MSG_VRRP_TRANSITION, &t, sizeof(t));
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
	send_transition(MSG_VRRP_GROUP, g->conf->name, g->state, s, 0,
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
	if (a->reason == VRRP_REASON_RESUME) {
		/* The parent heard of the state we resume: it is no news.
		   A resume into another state (a fault meanwhile) is, from
		   the state the parent knows. */
		const struct msg_vrrp_state *r =
		    resumed(MSG_VRRP_INSTANCE, vi->conf->name);

		if (r != NULL && r->state == (uint8_t)a->new_state)
			return;
		send_transition(MSG_VRRP_INSTANCE, vi->conf->name,
		    r != NULL ? (enum vrrp_state)r->state : a->old_state,
		    a->new_state, a->priority, a->reason);
	} else {
		send_transition(MSG_VRRP_INSTANCE, vi->conf->name, a->old_state,
		    a->new_state, a->priority, a->reason);
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
