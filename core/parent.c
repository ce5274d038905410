/* SPDX-License-Identifier: GPL-2.0-or-later */
/* parent.c: forks and supervises the children, reloads, stops, dumps. */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "notify.h"
#include "parent.h"
#include "proc.h"

struct child {
	enum proc_id id;
	const struct child_ops *ops;
	pid_t pid; /* 0: not running */
	bool wanted; /* the configuration (or a flag) asks for it */
	struct ipc_peer peer;
	ev_child cw;
	ev_timer restart;
	double started;
	unsigned quick; /* short runs in a row, for the backoff */
	struct crash_window crashes;
	uint32_t acked; /* generation it last applied; 0: none yet */
	bool awaiting; /* the running reload waits for its answer */
	bool linked; /* holds a live peer link */
	unsigned deaths;
};

static unsigned parent_wanted(const struct vigil_opts *, const struct config *);
static void start_child(struct child *);
static void child_died(struct ev_loop *, ev_child *, int);
static void restart_due(struct ev_loop *, ev_timer *, int);
static void on_config_done(struct ipc_peer *, struct ipc_msg *);
static void on_vrrp_transition(struct ipc_peer *, struct ipc_msg *);
static void send_resume(const struct msg_vrrp_state *, void *);
static void drain_child(struct child *);
static void herald_stopped(void);
static void bad_child_message(struct ipc_peer *, const char *);
static void child_link_closed(struct ipc_peer *);
static void send_config(struct child *);
static void apply_wanted(void);
static void maybe_link_peers(void);
static void reload(void);
static void reload_progress(void);
static void stop_all(int code);
static void stop_timeout(struct ev_loop *, ev_timer *, int);
static void on_signal(struct ev_loop *, ev_signal *, int);
static void forget_loop(void);
static void write_data(void);
static void write_stats(void);
static void dump_vrrp(enum msg_dump_what);

static struct {
	struct ev_loop *loop;
	const struct vigil_opts *opts;
	struct config *cfg;
	uint32_t generation;
	struct child children[PROC_MAX];
	ev_signal sigs[5];
	ev_timer stop_timer;
	bool stopping;
	int exit_code;
	bool reloading, reload_pending;
	unsigned reloads_ok, reloads_rejected;
	bool ready;
} pa;

static const struct ipc_handler parent_handlers[] = {
	{ MSG_CONFIG_DONE, on_config_done },
	{ MSG_VRRP_TRANSITION, on_vrrp_transition },
	{ MSG_NONE, NULL },
};

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
parent_run(const struct vigil_opts *o, struct config *cfg,
    const struct child_ops *const ops[PROC_MAX])
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
		c->ops = ops[i];
		c->peer.fd = -1;
		c->peer.name = proc_name(c->id);
		c->peer.handlers = parent_handlers;
		c->peer.bad = bad_child_message;
		c->peer.closed = child_link_closed;
		c->peer.ctx = c;
		ev_timer_init(&c->restart, restart_due, 0, 0);
		c->restart.data = c;
	}
	log_info("starting with configuration %s", o->conf_file);
	notify_init(pa.loop);
	notify_set_config(cfg);
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

/* In a new child: drop everything of the parent's loop. */
static void
forget_loop(void)
{
	struct child *c;
	int i;

	for (i = 0; i < 5; i++)
		ev_signal_stop(pa.loop, &pa.sigs[i]);
	ev_timer_stop(pa.loop, &pa.stop_timer);
	for (i = PROC_VRRP; i < PROC_MAX; i++) {
		c = &pa.children[i];
		ev_timer_stop(pa.loop, &c->restart);
		if (c->pid > 0)
			ev_child_stop(pa.loop, &c->cw);
		if (c->peer.fd >= 0)
			ipc_peer_stop(pa.loop, &c->peer);
	}
	notify_forget();
	ev_loop_destroy(pa.loop);
	cfg_free(pa.cfg);
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
	if (pid == 0) {
		close(sv[0]);
		forget_loop();
		child_run(c->ops, sv[1], pa.opts);
	}
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
		notify_vrrp_foreach(send_resume, c);
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
send_resume(const struct msg_vrrp_state *s, void *arg)
{
	struct child *c = arg;

	if (s->state != MSG_VRRP_MASTER && s->state != MSG_VRRP_BACKUP &&
	    s->state != MSG_VRRP_FAULT)
		return;
	log_debug("resume %s %s in state %u", s->kind ? "group" : "instance",
	    s->name, s->state);
	ipc_peer_send(&c->peer, MSG_VRRP_RESUME, s, sizeof(*s), -1);
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

static void
on_vrrp_transition(struct ipc_peer *p, struct ipc_msg *m)
{
	struct child *c = p->ctx;
	struct msg_vrrp_transition t;

	if (c->id != PROC_VRRP) {
		bad_child_message(p, "VRRP_TRANSITION from a non-VRRP child");
		return;
	}
	memcpy(&t, m->payload, sizeof(t));
	if (!notify_vrrp_transition(&t))
		bad_child_message(p, "VRRP_TRANSITION out of range");
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

static void
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
	notify_set_config(cfg);
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
		notify_stop(herald_stopped);
	}
}

static void
herald_stopped(void)
{
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
		write_data();
		break;
	case SIGUSR2:
		write_stats();
		break;
	default:
		break;
	}
}

/* ---- SIGUSR1 / SIGUSR2 ---- */

/* The VRRP child appends its own part to the file just written. */
static void
dump_vrrp(enum msg_dump_what what)
{
	struct child *c = &pa.children[PROC_VRRP];
	struct msg_dump d = { .what = what };

	if (c->pid > 0 && c->acked > 0)
		ipc_peer_send(&c->peer, MSG_VRRP_DUMP, &d, sizeof(d), -1);
}

static void
write_data(void)
{
	struct child *c;
	FILE *f;
	int i;

	f = fopen(VIGIL_DATA_FILE, "we");
	if (f == NULL) {
		log_warn("cannot write %s", VIGIL_DATA_FILE);
		return;
	}
	fprintf(f, "------< vigild data >------\n");
	fprintf(f, " Configuration file = %s\n", pa.opts->conf_file);
	fprintf(f, " Configuration generation = %u\n", pa.generation);
	fprintf(f, " Reload in progress = %s\n", pa.reloading ? "yes" : "no");
	fprintf(f, "------< Children >------\n");
	for (i = PROC_VRRP; i < PROC_MAX; i++) {
		c = &pa.children[i];
		if (c->pid > 0)
			fprintf(f,
			    " %s: pid %d, up %.1f s, generation %u, "
			    "deaths %u\n",
			    c->peer.name, (int)c->pid,
			    ev_now(pa.loop) - c->started, c->acked, c->deaths);
		else
			fprintf(f, " %s: not running (%s), deaths %u\n",
			    c->peer.name,
			    c->wanted ? "restart pending" : "not configured",
			    c->deaths);
	}
	fprintf(f, "------< Configuration >------\n");
	cfg_dump(f, pa.cfg);
	fclose(f);
	log_info("data written to %s", VIGIL_DATA_FILE);
	dump_vrrp(MSG_DUMP_DATA);
}

static void
write_stats(void)
{
	struct child *c;
	FILE *f;
	int i;

	f = fopen(VIGIL_STATS_FILE, "we");
	if (f == NULL) {
		log_warn("cannot write %s", VIGIL_STATS_FILE);
		return;
	}
	fprintf(f, "------< vigild statistics >------\n");
	fprintf(f, " Reloads applied = %u\n", pa.reloads_ok);
	fprintf(f, " Reloads rejected = %u\n", pa.reloads_rejected);
	for (i = PROC_VRRP; i < PROC_MAX; i++) {
		c = &pa.children[i];
		fprintf(f, " %s: deaths %u, messages sent %lu, received %lu\n",
		    c->peer.name, c->deaths, c->peer.nsent, c->peer.nrecv);
	}
	fclose(f);
	log_info("statistics written to %s", VIGIL_STATS_FILE);
	dump_vrrp(MSG_DUMP_STATS);
}
