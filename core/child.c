/* SPDX-License-Identifier: GPL-2.0-or-later */
/* child.c: the frame every child runs in: loop, parent link, config, stop. */

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "child.h"
#include "log.h"

static unsigned child_owner(enum proc_id);
static void log_not_yet(const char *, void *);
static void on_config(struct ipc_peer *, struct ipc_msg *);
static void on_peer_link(struct ipc_peer *, struct ipc_msg *);
static void parent_closed(struct ipc_peer *);
static void peer_closed(struct ipc_peer *);
static void on_stop_signal(struct ev_loop *, ev_signal *, int);
static char *read_memfd(int fd, size_t len);

static struct {
	struct ev_loop *loop;
	const struct child_ops *ops;
	const struct vigil_opts *opts;
	struct ipc_peer parent;
	struct ipc_peer peer;
	ev_signal sig_term, sig_int;
	struct config *cfg;
	uint32_t generation;
} ch;

#define PARENT_HANDLERS_MAX 8
/* The core's two, then the child's own (child_ops.parent_handlers). */
static struct ipc_handler parent_handlers[PARENT_HANDLERS_MAX + 1] = {
	{ MSG_CONFIG, on_config },
	{ MSG_PEER_LINK, on_peer_link },
	{ MSG_NONE, NULL },
};

const char *
proc_name(enum proc_id id)
{
	static const char *const names[PROC_MAX] = { "vigild", "vrrp",
		"checker", "ipvs" };

	return id < PROC_MAX ? names[id] : "?";
}

void
child_run(
    const struct child_ops *ops, int parent_fd, const struct vigil_opts *opts)
{
	sigset_t none;
	size_t i;

	ch.ops = ops;
	ch.opts = opts;
	for (i = 2; ops->parent_handlers != NULL &&
	     ops->parent_handlers[i - 2].type != MSG_NONE;
	     i++) {
		if (i == PARENT_HANDLERS_MAX)
			fatalx("bug: too many parent handlers");
		parent_handlers[i] = ops->parent_handlers[i - 2];
	}
	parent_handlers[i].type = MSG_NONE;
	parent_handlers[i].fn = NULL;
	/* The parent checked the host and keeps the origins for -d. */
	cfg_set_host_checks(false);
	cfg_set_keep_origins(false);
	log_procname(ops->name);
	proctitle_set(ops->title);
	/* The parent's loop died with the fork; build our own. */
	signal(SIGHUP, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	signal(SIGUSR2, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (prctl(PR_SET_PDEATHSIG, SIGTERM) < 0)
		fatal("prctl(PR_SET_PDEATHSIG)");
	if (getppid() == 1)
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
	ch.peer.fd = -1;
	ch.peer.name = proc_name(ops->peer);
	ch.peer.handlers = ops->peer_handlers;
	ch.peer.closed = peer_closed;
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
	ev_break(ch.loop, EVBREAK_ALL);
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
	cfg_diag_init(&diag);
	cfg = cfg_parse_text(text, mc.textlen, &diag);
	free(text);
	done.generation = mc.generation;
	done.status = 0;
	if (cfg == NULL) {
		/* The parent validated these bytes: this is our bug. */
		for (i = 0; i < diag.n; i++)
			log_warnx("%s", diag.lines[i]);
		log_warnx("bug: configuration generation %u rejected; keeping "
		          "generation %u",
		    mc.generation, ch.generation);
		done.status = -1;
	} else {
		if (ch.cfg == NULL)
			log_not_implemented(cfg, child_owner(ch.ops->id));
		if (ch.ops->apply != NULL)
			ch.ops->apply(ch.cfg, cfg);
		cfg_free(ch.cfg);
		ch.cfg = cfg;
		ch.generation = mc.generation;
		log_info("configuration generation %u applied", mc.generation);
	}
	cfg_diag_free(&diag);
	ipc_peer_send(p, MSG_CONFIG_DONE, &done, sizeof(done), -1);
}

static void
on_peer_link(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_peer_link pl;
	struct msg_peer_hello hello;

	(void)p;
	memcpy(&pl, m->payload, sizeof(pl));
	if (ch.ops->peer == PROC_PARENT || pl.peer != ch.ops->peer) {
		close(m->fd);
		fatalx("bug: peer link to %s, expected none or %s",
		    proc_name((enum proc_id)pl.peer), proc_name(ch.ops->peer));
	}
	ipc_peer_stop(ch.loop, &ch.peer);
	ipc_peer_start(ch.loop, &ch.peer, m->fd);
	hello.pid = (int32_t)getpid();
	hello.proc = ch.ops->id;
	ipc_peer_send(&ch.peer, MSG_PEER_HELLO, &hello, sizeof(hello), -1);
}

int
child_send_parent(enum msg_type type, const void *payload, size_t len)
{
	return ipc_peer_send(&ch.parent, type, payload, len, -1);
}

void
child_peer_hello(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_peer_hello hello;

	memcpy(&hello, m->payload, sizeof(hello));
	if (hello.proc != (uint32_t)ch.ops->peer)
		fatalx("bug: hello from %s on the link to %s",
		    proc_name((enum proc_id)hello.proc), p->name);
	log_info("link to %s child (pid %d) is up", p->name, (int)hello.pid);
}

static void
peer_closed(struct ipc_peer *p)
{
	log_info("link to %s child closed", p->name);
}
