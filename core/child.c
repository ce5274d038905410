/* SPDX-License-Identifier: GPL-2.0-or-later */
/* child.c: the frame every child runs in: loop, parent link, config, stop. */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "child.h"
#include "log.h"

#define CHILD_PEER_HANDLERS_MAX 16

static unsigned child_owner(enum proc_id);
static void log_not_yet(const char *, void *);
static void on_config(struct ipc_peer *, struct ipc_msg *);
static void on_peer_link(struct ipc_peer *, struct ipc_msg *);
static void on_dump(struct ipc_peer *, struct ipc_msg *);
static void on_peer_hello(struct ipc_peer *, struct ipc_msg *);
static void parent_closed(struct ipc_peer *);
static void peer_closed(struct ipc_peer *);
static void on_stop_signal(struct ev_loop *, ev_signal *, int);
static char *read_memfd(int fd, size_t len);
static const struct child_peer *peer_of(enum proc_id);
static bool test_rejects(void);
static int send_event(const struct msg_event *, struct msg_event *);

/* One link to a peer child: its dispatch table is core's hello plus the
   messages the child declared for that peer. */
struct peer_link {
	struct ipc_peer peer;
	const struct child_peer *decl; /* NULL: not a peer of ours */
	struct ipc_handler handlers[CHILD_PEER_HANDLERS_MAX + 2];
	bool up; /* its hello arrived */
};

static struct {
	struct ev_loop *loop;
	const struct child_ops *ops;
	const struct vigil_opts *opts;
	struct ipc_peer parent;
	struct peer_link peers[PROC_MAX];
	ev_signal sig_term, sig_int;
	struct config *cfg;
	uint32_t generation;
	pid_t ppid; /* the parent that started it */
	bool parent_lost; /* its link closed without a stop */
} ch;

/* Core's three, then the child's own (child_ops.parent_handlers). */
static struct ipc_handler parent_handlers[CHILD_PEER_HANDLERS_MAX + 4] = {
	{ MSG_CONFIG, on_config },
	{ MSG_PEER_LINK, on_peer_link },
	{ MSG_DUMP, on_dump },
	{ MSG_NONE, NULL },
};

const char *
proc_name(enum proc_id id)
{
	static const char *const names[PROC_MAX] = { "vigild", "vrrp",
		"checker", "ipvs" };

	return id < PROC_MAX ? names[id] : "?";
}

/* Copies a MSG_NONE-ended table after n entries of dst (room: max). */
static size_t
add_handlers(struct ipc_handler *dst, size_t n, size_t max,
    const struct ipc_handler *src)
{
	for (; src != NULL && src->type != MSG_NONE; src++) {
		if (n == max)
			fatalx("bug: too many message handlers");
		dst[n++] = *src;
	}
	dst[n].type = MSG_NONE;
	dst[n].fn = NULL;
	return n;
}

/* Builds one dispatch table per declared peer. */
static void
init_peers(const struct child_ops *ops)
{
	static const struct ipc_handler hello[] = {
		{ MSG_PEER_HELLO, on_peer_hello },
		{ MSG_NONE, NULL },
	};
	const struct child_peer *d;
	struct peer_link *l;
	size_t n;
	int i;

	for (i = 0; i < PROC_MAX; i++) {
		l = &ch.peers[i];
		l->peer.fd = -1;
		l->peer.name = proc_name((enum proc_id)i);
		l->peer.closed = peer_closed;
		l->peer.ctx = l;
	}
	for (d = ops->peers; d != NULL && d->proc != PROC_PARENT; d++) {
		if (d->proc >= PROC_MAX || d->proc == ops->id)
			fatalx("bug: bad peer declaration");
		l = &ch.peers[d->proc];
		l->decl = d;
		n = add_handlers(
		    l->handlers, 0, CHILD_PEER_HANDLERS_MAX, hello);
		add_handlers(
		    l->handlers, n, CHILD_PEER_HANDLERS_MAX + 1, d->handlers);
		l->peer.handlers = l->handlers;
	}
}

void
child_run(
    const struct child_ops *ops, int parent_fd, const struct vigil_opts *opts)
{
	sigset_t none;

	ch.ops = ops;
	ch.opts = opts;
	add_handlers(parent_handlers, 3, CHILD_PEER_HANDLERS_MAX + 3,
	    ops->parent_handlers);
	init_peers(ops);
	/* The parent checked the host and keeps the origins for -d. */
	cfg_set_host_checks(false);
	cfg_set_keep_origins(false);
	log_procname(ops->name);
	proctitle_set(ops->title);
	signal(SIGHUP, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	signal(SIGUSR2, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	ch.ppid = getppid();
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0)
		fatal("prctl(PR_SET_PDEATHSIG)");
	if (getppid() == 1 || getppid() != ch.ppid)
		fatalx("parent died during start");
	ch.loop = ev_default_loop(EVFLAG_AUTO | EVFLAG_NOSIGMASK);
	if (ch.loop == NULL)
		fatalx("cannot create the event loop");
	if (pidfile_write(opts->pidfile[ops->id]) < 0)
		log_warn("cannot write pid file %s", opts->pidfile[ops->id]);
	ev_signal_init(&ch.sig_term, on_stop_signal, SIGTERM);
	ev_signal_init(&ch.sig_int, on_stop_signal, SIGINT);
	ev_signal_start(ch.loop, &ch.sig_term);
	ev_signal_start(ch.loop, &ch.sig_int);
	ch.parent.name = "parent";
	ch.parent.handlers = parent_handlers;
	ch.parent.closed = parent_closed;
	ipc_peer_start(ch.loop, &ch.parent, parent_fd);
	log_info("started (pid %d)", (int)getpid());
	if (ops->start != NULL)
		ops->start(ch.loop, opts);
	ev_run(ch.loop, 0);
	if (ops->stop != NULL)
		ops->stop();
	pidfile_remove(opts->pidfile[ops->id]);
	log_info("stopped");
	exit(0);
}

int
child_main(const struct child_ops *ops, int argc, char **argv)
{
	static struct vigil_opts o;
	const char *env;
	char *end;
	long fd;

	proctitle_init(argc, argv);
	if (opts_parse(argc, argv, &o, stderr, stderr) != OPTS_RUN)
		_exit(1);
	log_init(&o.log, ops->name);
	env = getenv(CHILD_IPC_FD_ENV);
	if (env == NULL || *env == '\0')
		fatalx("%s is not set: this program is started by vigild",
		    CHILD_IPC_FD_ENV);
	fd = strtol(env, &end, 10);
	if (*end != '\0' || fd < 3 || fd > 1024)
		fatalx("bad %s: %s", CHILD_IPC_FD_ENV, env);
	unsetenv(CHILD_IPC_FD_ENV);
	if (fcntl((int)fd, F_SETFD, FD_CLOEXEC) < 0)
		fatal("the IPC socket %ld", fd);
	child_run(ops, (int)fd, &o);
}

static void
on_stop_signal(struct ev_loop *loop, ev_signal *w, int revents)
{
	(void)revents;
	log_info("stopping on %s", strsignal(w->signum));
	ev_break(loop, EVBREAK_ALL);
}

static void
parent_closed(struct ipc_peer *p)
{
	(void)p;
	log_warnx("link to the parent closed; stopping");
	ch.parent_lost = true;
	ev_break(ch.loop, EVBREAK_ALL);
}

/* The parent stops its children before it exits: a stop without it is
   its death (its link closed first, or PR_SET_PDEATHSIG's SIGTERM came
   after the kernel gave this process another parent). */
bool
child_orphaned(void)
{
	return ch.parent_lost || getppid() != ch.ppid;
}

/* Maps the sealed memfd the parent sent and copies out the text. */
static char *
read_memfd(int fd, size_t len)
{
	struct stat st;
	char *text;
	void *map;

	if (fstat(fd, &st) < 0 || (size_t)st.st_size != len) {
		log_warnx("bug: configuration memfd has %lld bytes, message "
		          "says %zu",
		    (long long)st.st_size, len);
		return NULL;
	}
	text = malloc(len + 1);
	if (text == NULL)
		fatal("malloc");
	if (len > 0) {
		map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map == MAP_FAILED)
			fatal("mmap of the configuration memfd");
		memcpy(text, map, len);
		munmap(map, len);
	}
	text[len] = '\0';
	return text;
}

/* The enum cfg_owner bit of a child process. */
static unsigned
child_owner(enum proc_id id)
{
	switch (id) {
	case PROC_VRRP:
		return CFG_OWNER_VRRP;
	case PROC_CHECK:
		return CFG_OWNER_CHECK;
	case PROC_IPVS:
		return CFG_OWNER_IPVS;
	case PROC_PARENT:
	case PROC_MAX:
		break;
	}
	return CFG_OWNER_PARENT;
}

static void
log_not_yet(const char *path, void *arg)
{
	(void)arg;
	log_warnx("%s is not implemented yet", path);
}

void
log_not_implemented(const struct config *cfg, unsigned owner)
{
	cfg_foreach_unimplemented(cfg, owner, log_not_yet, NULL);
}

/*
 * The parent validated these bytes, so a child that cannot parse them
 * has a bug.  It must not keep running an older generation than the
 * parent's: it exits, and the parent respawns it on the current one.
 */
static void
on_config(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_config mc;
	struct msg_config_done done;
	struct cfg_diag diag;
	struct config *cfg;
	char *text;
	size_t i;

	memcpy(&mc, m->payload, sizeof(mc));
	text = read_memfd(m->fd, mc.textlen);
	close(m->fd);
	if (text == NULL)
		fatalx("bug: unreadable configuration from the parent");
	if (ch.ops->busy != NULL)
		ch.ops->busy(true);
	cfg_diag_init(&diag);
	cfg = test_rejects() ? NULL : cfg_parse_text(text, mc.textlen, &diag);
	free(text);
	if (cfg == NULL) {
		for (i = 0; i < diag.n; i++)
			log_warnx("%s", diag.lines[i]);
		fatalx("bug: cannot apply configuration generation %u; "
		       "exiting to be restarted on it",
		    mc.generation);
	}
	if (ch.cfg == NULL)
		log_not_implemented(cfg, child_owner(ch.ops->id));
	if (ch.ops->apply != NULL)
		ch.ops->apply(ch.cfg, cfg);
	cfg_free(ch.cfg);
	ch.cfg = cfg;
	ch.generation = mc.generation;
	if (ch.ops->busy != NULL)
		ch.ops->busy(false);
	log_info("configuration generation %u applied", mc.generation);
	cfg_diag_free(&diag);
	done.generation = mc.generation;
	done.status = 0;
	ipc_peer_send(p, MSG_CONFIG_DONE, &done, sizeof(done), -1);
}

/*
 * For the test of the rule above: when VIGIL_TEST_REJECT_ONCE names a
 * file, the first child to remove it treats the configuration it got as
 * unparseable.  Nothing else reads it.
 */
static bool
test_rejects(void)
{
	const char *env = getenv("VIGIL_TEST_REJECT_ONCE");

	return env != NULL && *env != '\0' && unlink(env) == 0;
}

static const struct child_peer *
peer_of(enum proc_id id)
{
	return id < PROC_MAX ? ch.peers[id].decl : NULL;
}

static void
on_peer_link(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_peer_link pl;
	struct msg_peer_hello hello;
	struct peer_link *l;

	(void)p;
	memcpy(&pl, m->payload, sizeof(pl));
	if (peer_of((enum proc_id)pl.peer) == NULL) {
		close(m->fd);
		fatalx("bug: the parent linked us to %s, not a peer of ours",
		    proc_name((enum proc_id)pl.peer));
	}
	l = &ch.peers[pl.peer];
	if (l->up && l->decl->down != NULL)
		l->decl->down(&l->peer);
	ipc_peer_stop(ch.loop, &l->peer);
	l->up = false;
	ipc_peer_start(ch.loop, &l->peer, m->fd);
	hello.pid = (int32_t)getpid();
	hello.proc = ch.ops->id;
	ipc_peer_send(&l->peer, MSG_PEER_HELLO, &hello, sizeof(hello), -1);
}

static void
on_peer_hello(struct ipc_peer *p, struct ipc_msg *m)
{
	struct peer_link *l = p->ctx;
	struct msg_peer_hello hello;

	memcpy(&hello, m->payload, sizeof(hello));
	if (hello.proc >= PROC_MAX || &ch.peers[hello.proc] != l)
		fatalx("bug: hello from %s on the link to %s",
		    proc_name((enum proc_id)hello.proc), p->name);
	log_info("link to %s child (pid %d) is up", p->name, (int)hello.pid);
	l->up = true;
	if (l->decl->up != NULL)
		l->decl->up(p);
}

static void
peer_closed(struct ipc_peer *p)
{
	struct peer_link *l = p->ctx;

	log_info("link to %s child closed", p->name);
	if (l->up && l->decl->down != NULL)
		l->decl->down(p);
	l->up = false;
}

int
child_send_parent(enum msg_type type, const void *payload, size_t len)
{
	return ipc_peer_send(&ch.parent, type, payload, len, -1);
}

int
child_event(enum obj_kind kind, objid_t id, unsigned old_state,
    unsigned new_state, uint32_t value, unsigned reason, struct msg_event *sent)
{
	struct msg_event e;

	memset(&e, 0, sizeof(e));
	e.id = id;
	e.value = value;
	e.kind = (uint8_t)kind;
	e.old_state = (uint8_t)old_state;
	e.new_state = (uint8_t)new_state;
	e.reason = (uint8_t)reason;
	return send_event(&e, sent);
}

int
child_note(enum obj_kind kind, objid_t id, unsigned state, uint32_t value,
    unsigned what)
{
	struct msg_event e;

	memset(&e, 0, sizeof(e));
	e.id = id;
	e.value = value;
	e.kind = (uint8_t)kind;
	e.old_state = e.new_state = (uint8_t)state;
	e.what = (uint8_t)what;
	return send_event(&e, NULL);
}

/* Events and notes share one sequence: the herald keeps their order. */
static int
send_event(const struct msg_event *m, struct msg_event *sent)
{
	static uint32_t seq;
	struct msg_event e = *m;
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	e.usec = (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
	e.seq = ++seq;
	e.source = (uint8_t)ch.ops->id;
	if (sent != NULL)
		*sent = e;
	return ipc_peer_send(&ch.parent, MSG_EVENT, &e, sizeof(e), -1);
}

int
child_health(enum msg_proc_st st, unsigned reason)
{
	static enum msg_proc_st last = MSG_PROC_DOWN;
	enum msg_proc_st old = last;

	if (st == last)
		return 0;
	last = st;
	return child_event(
	    OBJ_PROC, objid_proc(ch.ops->id), old, st, 0, reason, NULL);
}

struct ipc_peer *
child_parent(void)
{
	return &ch.parent;
}

struct ipc_peer *
child_peer(enum proc_id id)
{
	if (peer_of(id) == NULL || !ch.peers[id].up)
		return NULL;
	return &ch.peers[id].peer;
}

/*
 * Writes this child's part of a dump into the memfd the parent sent,
 * then says so; the parent assembles the file, so the parts of two
 * children never interleave.
 */
static void
on_dump(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_dump d;
	FILE *f;
	int i;

	memcpy(&d, m->payload, sizeof(d));
	f = fdopen(m->fd, "w");
	if (f == NULL) {
		log_warn("dump");
		close(m->fd);
	} else {
		fprintf(f, "------< %s child >------\n", ch.ops->name);
		fprintf(f, " pid %d, configuration generation %u\n",
		    (int)getpid(), ch.generation);
		if (d.what == MSG_DUMP_STATS) {
			fprintf(f,
			    " parent link: messages sent %lu, received "
			    "%lu, waited to be sent %lu (queue at most "
			    "%zu)\n",
			    ch.parent.nsent, ch.parent.nrecv, ch.parent.queued,
			    ch.parent.qlen_max);
			for (i = 0; i < PROC_MAX; i++)
				if (ch.peers[i].decl != NULL)
					fprintf(f,
					    " %s link: %s, messages sent %lu, "
					    "received %lu\n",
					    ch.peers[i].peer.name,
					    ch.peers[i].up ? "up" : "down",
					    ch.peers[i].peer.nsent,
					    ch.peers[i].peer.nrecv);
		}
		if (ch.ops->dump != NULL)
			ch.ops->dump(f, (enum msg_dump_what)d.what);
		if (fclose(f) != 0)
			log_warn("writing the dump");
	}
	ipc_peer_send(p, MSG_DUMP_DONE, &d, sizeof(d), -1);
}
