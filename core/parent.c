/* SPDX-License-Identifier: GPL-2.0-or-later */
/* parent.c: forks and supervises the children, reloads, stops, dumps. */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "herald.h"
#include "log.h"
#include "module.h"
#include "parent.h"
#include "parent_int.h"
#include "proc.h"
#include "state_sync.h"

static unsigned parent_wanted(const struct vigil_opts *, const struct config *);
static void start_child(struct child *);
static void child_died(struct ev_loop *, ev_child *, int);
static void restart_due(struct ev_loop *, ev_timer *, int);
static void on_config_done(struct ipc_peer *, struct ipc_msg *);
static void on_event(struct ipc_peer *, struct ipc_msg *);
static void on_snapshot(struct ipc_peer *, struct ipc_msg *);
static void send_resume(const struct herald_obj *, void *);
static void relay_vrrp_role(const struct msg_event *);
static void drain_child(struct child *);
static void herald_stopped(void);
static void child_link_closed(struct ipc_peer *);
static void send_config(struct child *);
static void apply_wanted(void);
static void maybe_link_peers(void);
static void reload(void);
static void reload_progress(void);
static void stop_all(int code);
static void stop_timeout(struct ev_loop *, ev_timer *, int);
static void on_signal(struct ev_loop *, ev_signal *, int);
static void exec_child(struct child *, int fd) __attribute__((noreturn));
static void vrrp_child_rt(const struct global_conf *);

struct parent pa;

/*
 * One dispatch table per child: what each may send the parent.  Anything
 * else is a bug of that child, which is killed and respawned.
 */
static const struct ipc_handler vrrp_handlers[] = {
	{ MSG_CONFIG_DONE, on_config_done },
	{ MSG_DUMP_DONE, on_dump_done },
	{ MSG_EVENT, on_event },
	{ MSG_STATE_BEGIN, on_snapshot },
	{ MSG_STATE_END, on_snapshot },
	{ MSG_STATE_BLOB, on_snapshot },
	{ MSG_VRRP_SNAPSHOT, on_snapshot },
	{ MSG_VRRP_SNAPSHOT_UPDATE, on_snapshot },
	{ MSG_NONE, NULL },
};
static const struct ipc_handler check_handlers[] = {
	{ MSG_CONFIG_DONE, on_config_done },
	{ MSG_DUMP_DONE, on_dump_done },
	{ MSG_EVENT, on_event },
	{ MSG_STATE_BEGIN, on_snapshot },
	{ MSG_STATE_END, on_snapshot },
	{ MSG_STATE_BLOB, on_snapshot },
	{ MSG_RS_DESIRED, on_snapshot },
	{ MSG_RS_DESIRED_UPDATE, on_snapshot },
	{ MSG_NONE, NULL },
};
static const struct ipc_handler ipvs_handlers[] = {
	{ MSG_CONFIG_DONE, on_config_done },
	{ MSG_DUMP_DONE, on_dump_done },
	{ MSG_EVENT, on_event },
	{ MSG_NONE, NULL },
};

static const struct {
	const char *image;
	const struct ipc_handler *handlers;
	enum msg_state_what snap; /* the table it reports; 0: none */
} child_table[PROC_MAX] = {
	[PROC_VRRP] = { "vigil-vrrp", vrrp_handlers, MSG_STATE_VRRP },
	[PROC_CHECK] = { "vigil-checker", check_handlers,
	    MSG_STATE_RS_DESIRED },
	[PROC_IPVS] = { "vigil-ipvs", ipvs_handlers, 0 },
};

/* The children's snapshots (status, SNMP), by enum proc_id. */
struct state_sync snaps[PROC_MAX];

/* RLIMIT_RTTIME of a real-time VRRP child until it sets its own. */
#define VRRP_START_RTTIME_US 2000000

/* Which children a configuration asks for, as enum cfg_owner bits. */
static unsigned
parent_wanted(const struct vigil_opts *o, const struct config *cfg)
{
	unsigned want = 0;

	if (o->all || (cfg->present & CFG_OWNER_VRRP))
		want |= CFG_OWNER_VRRP;
	if (o->all || (cfg->present & (CFG_OWNER_CHECK | CFG_OWNER_IPVS)))
		want |= CFG_OWNER_CHECK | CFG_OWNER_IPVS;
	if (o->only_vrrp || o->only_check) {
		if (!o->only_vrrp)
			want &= ~(unsigned)CFG_OWNER_VRRP;
		if (!o->only_check)
			want &= ~(unsigned)(CFG_OWNER_CHECK | CFG_OWNER_IPVS);
	}
	return want;
}

static unsigned
owner_bit(enum proc_id id)
{
	return id == PROC_VRRP ? CFG_OWNER_VRRP
	    : id == PROC_CHECK ? CFG_OWNER_CHECK
	    : id == PROC_IPVS  ? CFG_OWNER_IPVS
	                       : 0;
}

int
parent_run(const struct vigil_opts *o, struct config *cfg)
{
	static const int signums[5] = { SIGHUP, SIGTERM, SIGINT, SIGUSR1,
		SIGUSR2 };
	struct child *c;
	int i;

	pa.opts = o;
	pa.cfg = cfg;
	pa.generation = 1;
	pa.loop = ev_default_loop(EVFLAG_AUTO);
	if (pa.loop == NULL)
		fatalx("cannot create the event loop");
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < 5; i++) {
		ev_signal_init(&pa.sigs[i], on_signal, signums[i]);
		ev_signal_start(pa.loop, &pa.sigs[i]);
	}
	ev_timer_init(&pa.stop_timer, stop_timeout, 0, 0);
	for (i = PROC_VRRP; i < PROC_MAX; i++) {
		c = &pa.children[i];
		c->id = (enum proc_id)i;
		c->image = child_table[i].image;
		if (child_table[i].snap != 0) {
			c->snap = &snaps[i];
			state_sync_init(
			    c->snap, child_table[i].snap, NULL, NULL);
		}
		c->dump_fd = -1;
		c->peer.fd = -1;
		c->peer.name = proc_name(c->id);
		c->peer.handlers = child_table[i].handlers;
		c->peer.bad = bad_child_message;
		c->peer.closed = child_link_closed;
		c->peer.ctx = c;
		ev_timer_init(&c->restart, restart_due, 0, 0);
		c->restart.data = c;
	}
	log_info("starting with configuration %s", o->conf_file);
	loop_stat_start(&pa.ls, pa.loop);
	herald_init(pa.loop);
	herald_set_config(cfg);
	modules_apply(pa.loop, cfg, o);
	apply_wanted();
	if (!pa.children[PROC_VRRP].wanted && !pa.children[PROC_CHECK].wanted)
		log_info("no child has configuration to run (use --all to "
		         "start them anyway)");
	reload_progress();
	ev_run(pa.loop, 0);
	log_info("stopped");
	cfg_free(pa.cfg);
	return pa.exit_code;
}

/* Starts children the configuration now asks for, stops the others. */
static void
apply_wanted(void)
{
	unsigned want = parent_wanted(pa.opts, pa.cfg);
	struct child *c;
	int i;

	for (i = PROC_VRRP; i < PROC_MAX; i++) {
		c = &pa.children[i];
		c->wanted = (want & owner_bit(c->id)) != 0;
		if (c->wanted && c->pid == 0 && !ev_is_active(&c->restart))
			start_child(c);
		else if (!c->wanted && ev_is_active(&c->restart))
			ev_timer_stop(pa.loop, &c->restart);
		else if (!c->wanted && c->pid > 0) {
			log_info("stopping %s child: no longer configured",
			    c->peer.name);
			kill(c->pid, SIGTERM);
		}
	}
}

/*
 * A respawned VRRP child must advertise again within the interval even
 * on a loaded host: it runs real-time from its exec on (the policy
 * survives exec), not only once it has applied its configuration.  Until
 * it sets its own guard, RLIMIT_RTTIME's soft limit is generous, as a
 * large configuration is parsed without sleeping; a runaway still meets
 * SIGXCPU.
 */
static void
vrrp_child_rt(const struct global_conf *g)
{
	struct sched_param sp = { .sched_priority = (int)g->vrrp_rt_priority };
	struct rlimit rl = { .rlim_cur = VRRP_START_RTTIME_US,
		.rlim_max = RLIM_INFINITY };

	if (g->vrrp_rt_priority <= 0 || getrlimit(RLIMIT_RTTIME, &rl) < 0)
		return;
	if (rl.rlim_max == RLIM_INFINITY || rl.rlim_max > VRRP_START_RTTIME_US)
		rl.rlim_cur = VRRP_START_RTTIME_US;
	if (setrlimit(RLIMIT_RTTIME, &rl) == 0)
		sched_setscheduler(0, SCHED_RR | SCHED_RESET_ON_FORK, &sp);
}

/*
 * In the forked process: becomes the child's own image.  The IPC socket
 * is the one fd handed on (every other fd of the parent is close-on-exec);
 * argv is the parent's, so the child parses the same options.
 */
static void
exec_child(struct child *c, int fd)
{
	char path[PATH_MAX], num[16];
	char **argv = pa.opts->argv;
	const char *title = argv[0];
	sigset_t none;

	if (image_path(c->image, path, sizeof(path)) < 0) {
		log_warnx("cannot find the %s program", c->image);
		_exit(127);
	}
	/* fd 3 is free in the new image: stdin, stdout, stderr, then us. */
	if (fd != 3 && dup2(fd, 3) < 0)
		_exit(127);
	if (fcntl(3, F_SETFD, 0) < 0)
		_exit(127);
	snprintf(num, sizeof(num), "%d", 3);
	setenv(CHILD_IPC_FD_ENV, num, 1);
	setenv(CHILD_RESPAWN_ENV, c->deaths > 0 ? "1" : "0", 1);
	if (c->id == PROC_VRRP)
		vrrp_child_rt(&pa.cfg->global);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	argv[0] = path;
	execv(path, argv);
	argv[0] = (char *)(uintptr_t)title;
	log_warn("cannot execute %s", path);
	_exit(127);
}

static void
start_child(struct child *c)
{
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		log_warn("socketpair for the %s child", c->peer.name);
		ev_timer_set(&c->restart, 1, 0);
		ev_timer_start(pa.loop, &c->restart);
		return;
	}
	pid = fork();
	if (pid < 0) {
		log_warn("fork of the %s child", c->peer.name);
		close(sv[0]);
		close(sv[1]);
		ev_timer_set(&c->restart, 1, 0);
		ev_timer_start(pa.loop, &c->restart);
		return;
	}
	if (pid == 0)
		exec_child(c, sv[1]);
	close(sv[1]);
	c->pid = pid;
	c->started = ev_now(pa.loop);
	c->acked = 0;
	c->awaiting = false;
	c->linked = false;
	ipc_peer_start(pa.loop, &c->peer, sv[0]);
	ev_child_init(&c->cw, child_died, pid, 0);
	c->cw.data = c;
	ev_child_start(pa.loop, &c->cw);
	log_info("%s child started (pid %d)", c->peer.name, (int)pid);
	/* A respawned VRRP child resumes the states its predecessor last
	   reported, so that its crash is not a failover. */
	if (c->id == PROC_VRRP && c->deaths > 0)
		herald_foreach(herald_kinds_of(PROC_VRRP), send_resume, c);
	/* The IPVS child starts from the VRRP roles there are. */
	if (c->id == PROC_IPVS)
		herald_foreach(herald_kinds_of(PROC_VRRP), send_resume, c);
	send_config(c);
}

/* Hands the child the resolved text in a sealed memfd. */
static void
send_config(struct child *c)
{
	struct msg_config mc;
	int fd;

	fd = memfd_create("vigil-config", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		fatal("memfd_create");
	if (pa.cfg->textlen > UINT32_MAX ||
	    write(fd, pa.cfg->text, pa.cfg->textlen) !=
	        (ssize_t)pa.cfg->textlen)
		fatal("writing the configuration memfd");
	if (fcntl(fd, F_ADD_SEALS,
	        F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) < 0)
		fatal("sealing the configuration memfd");
	mc.generation = pa.generation;
	mc.textlen = (uint32_t)pa.cfg->textlen;
	if (ipc_peer_send(&c->peer, MSG_CONFIG, &mc, sizeof(mc), fd) == 0) {
		c->awaiting = true;
		log_debug("sent configuration generation %u (%u bytes) to the "
		          "%s child",
		    mc.generation, mc.textlen, c->peer.name);
	}
	close(fd);
}

/* One MSG_VRRP_RESUME: only the states an instance or group runs in. */
static void
send_resume(const struct herald_obj *o, void *arg)
{
	struct child *c = arg;
	struct msg_vrrp_state s;

	if (o->state != MSG_VRRP_MASTER && o->state != MSG_VRRP_BACKUP &&
	    o->state != MSG_VRRP_FAULT)
		return;
	memset(&s, 0, sizeof(s));
	s.id = o->id;
	s.kind = (uint8_t)o->kind;
	s.state = o->state;
	s.priority = (uint8_t)o->value;
	log_debug("resume %s(%s) in state %s", herald_kind_label(o->kind),
	    o->name, herald_state_word(o->kind, o->state));
	ipc_peer_send(&c->peer, MSG_VRRP_RESUME, &s, sizeof(s), -1);
}

static void
on_config_done(struct ipc_peer *p, struct ipc_msg *m)
{
	struct child *c = p->ctx;
	struct msg_config_done d;

	memcpy(&d, m->payload, sizeof(d));
	if (d.generation != pa.generation)
		return; /* an answer to a reload that was overtaken */
	if (d.status != 0)
		log_warnx("%s child rejected configuration generation %u",
		    p->name, d.generation);
	else
		c->acked = d.generation;
	c->awaiting = false;
	maybe_link_peers();
	reload_progress();
}

/* A child speaks only for itself, and of its own kinds (the herald
   checks which: VRRP objects from the VRRP child, servers from the
   checker). */
static void
on_event(struct ipc_peer *p, struct ipc_msg *m)
{
	struct child *c = p->ctx;
	struct msg_event e;
	const char *why;

	memcpy(&e, m->payload, sizeof(e));
	if (e.source != (uint8_t)c->id)
		why = "EVENT in another process's name";
	else
		why = herald_event(&e);
	if (why != NULL) {
		bad_child_message(p, why);
		return;
	}
	relay_vrrp_role(&e);
}

const struct state_sync *
parent_snapshot(enum proc_id p)
{
	if ((unsigned)p >= PROC_MAX || child_table[p].snap == 0)
		return NULL;
	return &snaps[p];
}

const struct config *
parent_config(void)
{
	return pa.cfg;
}

/*
 * A child's snapshot table, as a full state and updates.  It outlives the
 * child (state_sync_reset), until its successor sends a full state after
 * its first configuration; a child out of step is asked again.
 */
static void
on_snapshot(struct ipc_peer *p, struct ipc_msg *m)
{
	struct child *c = p->ctx;
	struct msg_state_request r;

	switch (state_sync_msg(c->snap, m)) {
	case STATE_RESYNC:
		r.what = c->snap->what;
		if (state_sync_request(c->snap))
			ipc_peer_send(p, MSG_STATE_REQUEST, &r, sizeof(r), -1);
		break;
	case STATE_BAD:
		bad_child_message(p, c->snap->error);
		break;
	case STATE_TAKEN:
	case STATE_COMMITTED:
	case STATE_STALE:
	case STATE_DROPPED:
		break;
	}
}

/*
 * The IPVS child follows the VRRP roles (lvs_sync_daemon runs as master
 * or backup with its instance): it gets every instance and group event,
 * and, when it starts, the last state of each (send_resume).
 */
static void
relay_vrrp_role(const struct msg_event *e)
{
	struct child *iv = &pa.children[PROC_IPVS];

	if (e->kind != OBJ_VRRP_INSTANCE && e->kind != OBJ_VRRP_GROUP)
		return;
	if (iv->pid > 0)
		ipc_peer_send(&iv->peer, MSG_EVENT, e, sizeof(*e), -1);
}

/* Gives the checker and the IPVS child a fresh link when either lacks one. */
static void
maybe_link_peers(void)
{
	struct child *ck = &pa.children[PROC_CHECK];
	struct child *iv = &pa.children[PROC_IPVS];
	struct msg_peer_link pl;
	int sv[2];

	if (ck->pid == 0 || iv->pid == 0 || ck->acked == 0 || iv->acked == 0)
		return;
	if (ck->linked && iv->linked)
		return;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0) {
		log_warn("socketpair for the checker-ipvs link");
		return;
	}
	pl.peer = PROC_IPVS;
	ipc_peer_send(&ck->peer, MSG_PEER_LINK, &pl, sizeof(pl), sv[0]);
	pl.peer = PROC_CHECK;
	ipc_peer_send(&iv->peer, MSG_PEER_LINK, &pl, sizeof(pl), sv[1]);
	close(sv[0]);
	close(sv[1]);
	ck->linked = iv->linked = true;
}

void
bad_child_message(struct ipc_peer *p, const char *why)
{
	struct child *c = p->ctx;

	log_warnx(
	    "bug: %s child sent a bad message (%s); killing it", p->name, why);
	if (c->pid > 0)
		kill(c->pid, SIGKILL);
}

static void
child_link_closed(struct ipc_peer *p)
{
	log_debug("link to %s child closed", p->name);
}

static void
child_died(struct ev_loop *loop, ev_child *w, int revents)
{
	struct child *c = w->data;
	struct child *other;
	double ran = ev_now(loop) - c->started;
	unsigned delay;
	int st = w->rstatus;

	(void)revents;
	ev_child_stop(loop, w);
	drain_child(c);
	ipc_peer_stop(loop, &c->peer);
	if (WIFSIGNALED(st))
		log_warnx("%s child (pid %d) was killed by signal %d (%s)",
		    c->peer.name, (int)c->pid, WTERMSIG(st),
		    strsignal(WTERMSIG(st)));
	else
		log_info("%s child (pid %d) exited with status %d",
		    c->peer.name, (int)c->pid, WEXITSTATUS(st));
	pidfile_remove(pa.opts->pidfile[c->id]);
	if (c->snap != NULL)
		state_sync_reset(c->snap);
	c->pid = 0;
	c->deaths++;
	if (c->id == PROC_CHECK || c->id == PROC_IPVS) {
		other =
		    &pa.children[c->id == PROC_CHECK ? PROC_IPVS : PROC_CHECK];
		other->linked = c->linked = false;
	}
	if (c->awaiting) {
		c->awaiting = false;
		reload_progress();
	}
	dump_child_gone(c);
	if (pa.stopping) {
		stop_all(pa.exit_code);
		return;
	}
	if (!c->wanted)
		return;
	if (pa.opts->dont_respawn) {
		log_warnx(
		    "not respawning the %s child (-R); stopping", c->peer.name);
		stop_all(1);
		return;
	}
	if (crash_window_add(&c->crashes, ev_now(loop))) {
		log_warnx("crash loop: the %s child died %d times within %.0f "
		          "s; stopping",
		    c->peer.name, PROC_CRASH_MAX, PROC_CRASH_WINDOW);
		stop_all(1);
		return;
	}
	delay = proc_backoff(ran, &c->quick);
	log_info("restarting the %s child in %u s", c->peer.name, delay);
	ev_timer_set(&c->restart, delay, 0);
	ev_timer_start(loop, &c->restart);
}

/*
 * Handles what a dead child sent before it died (a VRRP child's last
 * transitions), which its death may overtake in the loop.  The pid is
 * already reaped: nothing may signal it meanwhile.
 */
static void
drain_child(struct child *c)
{
	struct ipc_msg m;
	const char *why = NULL;
	pid_t pid = c->pid;
	int i, r;

	if (c->peer.fd < 0 || fcntl(c->peer.fd, F_SETFL, O_NONBLOCK) < 0)
		return;
	c->pid = 0;
	for (i = 0; i < 65536 && c->peer.fd >= 0; i++) {
		r = ipc_recv(c->peer.fd, &m, &why);
		if (r != 1) {
			if (r == -2)
				log_warnx("bug: %s child sent a bad message "
				          "(%s)",
				    c->peer.name, why);
			break;
		}
		c->peer.nrecv++;
		ipc_dispatch(&c->peer, &m);
	}
	c->pid = pid;
}

static void
restart_due(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct child *c = w->data;

	(void)revents;
	ev_timer_stop(loop, w);
	if (!pa.stopping && c->wanted && c->pid == 0)
		start_child(c);
}

/* ---- reload ---- */

static void
reload(void)
{
	struct cfg_pre_opts po = { .config_id = pa.opts->config_id,
		.all_config = pa.opts->all_config };
	struct cfg_diag diag;
	struct config *cfg;
	struct child *c;
	struct timespec ts;
	size_t i;

	if (pa.reloading) {
		log_info("reload requested while one is running; queued");
		pa.reload_pending = true;
		return;
	}
	log_info("reloading configuration %s", pa.opts->conf_file);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	sd_notifyf("RELOADING=1\nMONOTONIC_USEC=%" PRIu64,
	    (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000);
	cfg_diag_init(&diag);
	cfg = cfg_load(pa.opts->conf_file, &po, &diag);
	for (i = 0; i < diag.n; i++)
		log_warnx("%s", diag.lines[i]);
	cfg_diag_free(&diag);
	if (cfg == NULL) {
		pa.reloads_rejected++;
		log_warnx("reload failed: configuration has errors; keeping "
		          "generation %u",
		    pa.generation);
		sd_notifyf("READY=1\nSTATUS=reload failed; running generation "
		           "%u",
		    pa.generation);
		return;
	}
	cfg_free(pa.cfg);
	pa.cfg = cfg;
	herald_set_config(cfg);
	modules_apply(pa.loop, cfg, pa.opts);
	pa.generation++;
	pa.reloading = true;
	for (i = PROC_VRRP; i < PROC_MAX; i++) {
		c = &pa.children[i];
		if (c->pid > 0 &&
		    (parent_wanted(pa.opts, cfg) & owner_bit(c->id)))
			send_config(c);
	}
	apply_wanted();
	reload_progress();
}

/* Called whenever an answer arrives or a child dies. */
static void
reload_progress(void)
{
	int i;

	for (i = PROC_VRRP; i < PROC_MAX; i++)
		if (pa.children[i].awaiting)
			return;
	if (!pa.ready) {
		pa.ready = true;
		sd_notifyf(
		    "READY=1\nSTATUS=running generation %u", pa.generation);
		return;
	}
	if (!pa.reloading)
		return;
	pa.reloading = false;
	pa.reloads_ok++;
	log_info("reload complete: configuration generation %u applied",
	    pa.generation);
	sd_notifyf("READY=1\nSTATUS=running generation %u", pa.generation);
	if (pa.reload_pending) {
		pa.reload_pending = false;
		reload();
	}
}

/* ---- stop ---- */

static void
stop_all(int code)
{
	struct child *c;
	int i, running = 0;

	if (!pa.stopping) {
		pa.stopping = true;
		pa.exit_code = code;
		sd_notifyf("STOPPING=1");
		ev_timer_set(&pa.stop_timer,
		    (double)pa.cfg->global.child_wait_time / 1e6, 0);
		ev_timer_start(pa.loop, &pa.stop_timer);
		for (i = PROC_VRRP; i < PROC_MAX; i++) {
			c = &pa.children[i];
			ev_timer_stop(pa.loop, &c->restart);
			if (c->pid > 0)
				kill(c->pid, SIGTERM);
		}
	}
	for (i = PROC_VRRP; i < PROC_MAX; i++)
		running += pa.children[i].pid > 0;
	if (running == 0) {
		ev_timer_stop(pa.loop, &pa.stop_timer);
		/* The children's last transitions (STOP) are heralded and
		   their scripts run, bounded by NOTIFY_STOP_WAIT. */
		herald_stop(herald_stopped);
	}
}

static void
herald_stopped(void)
{
	modules_stop();
	ev_break(pa.loop, EVBREAK_ALL);
}

static void
stop_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct child *c;
	int i;

	(void)loop;
	(void)w;
	(void)revents;
	for (i = PROC_VRRP; i < PROC_MAX; i++) {
		c = &pa.children[i];
		if (c->pid > 0) {
			log_warnx("%s child (pid %d) did not stop in time; "
			          "killing it",
			    c->peer.name, (int)c->pid);
			kill(c->pid, SIGKILL);
		}
	}
}

static void
on_signal(struct ev_loop *loop, ev_signal *w, int revents)
{
	(void)loop;
	(void)revents;
	switch (w->signum) {
	case SIGHUP:
		if (!pa.stopping)
			reload();
		break;
	case SIGTERM:
	case SIGINT:
		log_info("stopping on %s", strsignal(w->signum));
		stop_all(0);
		break;
	case SIGUSR1:
		dump_start(MSG_DUMP_DATA);
		break;
	case SIGUSR2:
		dump_start(MSG_DUMP_STATS);
		break;
	default:
		break;
	}
}
