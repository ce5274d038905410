/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_tproc.c: track_process: counting processes via the proc connector. */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libmnl/libmnl.h>
#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>

#include "log.h"
#include "vrrp_track.h"

/*
 * Each tracker keeps the set of pids that match it.  The sets follow the
 * kernel's proc connector (fork, exec, comm and exit events of whole
 * processes, threads ignored) after one scan of /proc; they are idempotent
 * (adding a pid twice or removing an absent one changes nothing), so
 * events that race with a scan do no harm.  The connector only works for
 * root in the initial user, pid and network namespaces; elsewhere (no
 * connector, refused, or no ack within TPROC_ACK_WAIT) /proc is scanned
 * every TPROC_POLL seconds instead.
 *
 * Matching, as keepalived 2.2.7 (core/track_process.c check_process,
 * check_params) does it:
 * - without full_command, the process name is compared with the
 *   kernel's comm (at most 15 characters);
 * - with full_command (implied by parameters or param_match), with the
 *   command line's first word; the parameters then follow param_match:
 *   exact (the same parameters), partial (the first n parameters equal
 *   the n configured) or initial (like partial, but the last configured
 *   one need only begin the process's);
 * - zombies do not count.
 * up is quorum <= count <= quorum_max.  Debouncing: a change of up caused
 * by a fork waits fork_delay, one caused by an exit waits
 * terminate_delay (a rescan counts as either); going back in the meantime
 * cancels it.  Changes by exec or a new name apply at once.
 */

#define TPROC_ACK_WAIT 1.0
#define TPROC_POLL 1.0
#define TPROC_RESCAN_WAIT 1.0 /* after lost events, as keepalived */
#define TPROC_RCVBUF (1024 * 1024)
#define TPROC_COMM_MAX 15
#define TPROC_CMDLINE_MAX 4096

enum tproc_cause {
	TPROC_NOW, /* exec, comm, start: apply at once */
	TPROC_FORK,
	TPROC_EXIT,
	TPROC_RESCAN,
};

struct tproc_pids {
	pid_t *v; /* sorted */
	size_t n, cap;
};

struct tproc {
	const struct vrrp_track_process *conf;
	char *params; /* each parameter NUL-terminated; NULL: any */
	size_t params_len;
	bool full; /* match the command line, not comm */
	unsigned quorum, quorum_max;
	ev_tstamp fork_delay, terminate_delay;
	struct tproc_pids pids;
	bool up; /* as reported */
	unsigned count; /* as reported */
	ev_timer delay; /* a pending fork_delay or terminate_delay */
};

/* What /proc says of one process. */
struct tproc_info {
	char comm[TPROC_COMM_MAX + 2];
	char cmd[TPROC_CMDLINE_MAX + 1];
	size_t cmdlen; /* 0: not read, or empty */
};

static struct {
	struct ev_loop *loop;
	struct tproc *procs;
	size_t n;
	vrrp_tproc_fn fn;
	void *arg;
	struct mnl_socket *nl;
	ev_io io;
	ev_timer ack_timer;
	ev_timer rescan; /* one-shot after lost events; periodic polling */
	bool listening; /* LISTEN was sent: send IGNORE at stop */
	bool polling;
	bool need_cmdline;
	unsigned gen; /* bumped by stop: fn may stop us */
	bool started;
} tp;

static int tproc_init(struct tproc *, const struct vrrp_track_process *);
static bool tproc_has(const struct tproc_pids *, pid_t);
static bool tproc_add(struct tproc_pids *, pid_t);
static bool tproc_del(struct tproc_pids *, pid_t);
static bool tproc_read(pid_t, struct tproc_info *);
static bool tproc_match(const struct tproc *, const struct tproc_info *);
static bool tproc_params_ok(const struct tproc *, const char *, size_t);
static int tproc_scan(void);
static void tproc_settle(struct tproc *, enum tproc_cause);
static void tproc_delay_cb(struct ev_loop *, ev_timer *, int);
static void tproc_rescan_cb(struct ev_loop *, ev_timer *, int);
static void tproc_ack_cb(struct ev_loop *, ev_timer *, int);
static int tproc_connect(void);
static int tproc_send_op(enum proc_cn_mcast_op);
static void tproc_poll_mode(const char *why);
static void tproc_io_cb(struct ev_loop *, ev_io *, int);
static void tproc_event(const struct cn_msg *, const struct proc_event *);
static void tproc_fork(pid_t parent, pid_t child);
static void tproc_exec(pid_t);
static void tproc_comm(pid_t, const char *comm);
static void tproc_exit(pid_t);

int
vrrp_tproc_start(struct ev_loop *loop, const struct vrrp_model *m,
    vrrp_tproc_fn fn, void *arg)
{
	unsigned gen;
	size_t i;

	vrrp_tproc_stop(loop);
	tp.loop = loop;
	tp.fn = fn;
	tp.arg = arg;
	tp.started = true;
	tp.polling = false;
	tp.need_cmdline = false;
	gen = tp.gen;
	if (m->track_processes.n == 0)
		return 0;
	tp.procs = calloc(m->track_processes.n, sizeof(*tp.procs));
	if (tp.procs == NULL) {
		log_warn("track_process");
		vrrp_tproc_stop(loop);
		return -1;
	}
	for (i = 0; i < m->track_processes.n; i++, tp.n++)
		if (tproc_init(&tp.procs[i], m->track_processes.v[i]) < 0) {
			vrrp_tproc_stop(loop);
			return -1;
		}
	ev_init(&tp.rescan, tproc_rescan_cb);
	/* listen before the scan so that nothing falls between the two */
	if (tproc_connect() < 0)
		tproc_poll_mode(NULL);
	if (tproc_scan() < 0) {
		vrrp_tproc_stop(loop);
		return -1;
	}
	for (i = 0; i < tp.n && gen == tp.gen; i++) {
		tp.procs[i].count = (unsigned)tp.procs[i].pids.n;
		tp.procs[i].up = tp.procs[i].count >= tp.procs[i].quorum &&
		    tp.procs[i].count <= tp.procs[i].quorum_max;
		fn(arg, tp.procs[i].conf, tp.procs[i].up, tp.procs[i].count);
	}
	return 0;
}

void
vrrp_tproc_stop(struct ev_loop *loop)
{
	size_t i;

	tp.gen++;
	if (!tp.started)
		return;
	tp.started = false;
	if (tp.nl != NULL) {
		if (tp.listening)
			tproc_send_op(PROC_CN_MCAST_IGNORE);
		ev_io_stop(loop, &tp.io);
		mnl_socket_close(tp.nl);
		tp.nl = NULL;
	}
	tp.listening = false;
	ev_timer_stop(loop, &tp.ack_timer);
	ev_timer_stop(loop, &tp.rescan);
	for (i = 0; i < tp.n; i++) {
		ev_timer_stop(loop, &tp.procs[i].delay);
		free(tp.procs[i].params);
		free(tp.procs[i].pids.v);
	}
	free(tp.procs);
	tp.procs = NULL;
	tp.n = 0;
}

bool
vrrp_tproc_polling(void)
{
	return tp.started && tp.polling;
}

static int
tproc_init(struct tproc *t, const struct vrrp_track_process *c)
{
	size_t i;

	t->conf = c;
	t->full = c->full_command || c->params != NULL;
	t->quorum = (unsigned)c->quorum;
	t->quorum_max =
	    c->quorum_max < 0 ? UINT32_MAX : (unsigned)c->quorum_max;
	t->fork_delay =
	    c->fork_delay == VRRP_UNSET_TIMER ? 0. : c->fork_delay / 1e6;
	t->terminate_delay = c->terminate_delay == VRRP_UNSET_TIMER
	    ? 0.
	    : c->terminate_delay / 1e6;
	ev_init(&t->delay, tproc_delay_cb);
	t->delay.data = t;
	if (t->full)
		tp.need_cmdline = true;
	else if (strlen(c->process) > TPROC_COMM_MAX)
		log_warnx("track_process %s: '%s' is longer than a process "
		          "name (%d characters) can be: it never matches "
		          "without full_command",
		    c->name, c->process, TPROC_COMM_MAX);
	if (c->params == NULL)
		return 0;
	/* keepalived's form, as in /proc/PID/cmdline */
	t->params_len = strlen(c->params) + 1;
	t->params = strdup(c->params);
	if (t->params == NULL) {
		log_warn("track_process");
		return -1;
	}
	for (i = 0; i < t->params_len; i++)
		if (t->params[i] == ' ')
			t->params[i] = '\0';
	return 0;
}

/* ---- pid sets ---- */

static size_t
tproc_find(const struct tproc_pids *s, pid_t pid)
{
	size_t lo = 0, hi = s->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->v[mid] < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool
tproc_has(const struct tproc_pids *s, pid_t pid)
{
	size_t i = tproc_find(s, pid);

	return i < s->n && s->v[i] == pid;
}

/* True when pid was added (false: there already, or out of memory). */
static bool
tproc_add(struct tproc_pids *s, pid_t pid)
{
	size_t i = tproc_find(s, pid);
	pid_t *v;

	if (i < s->n && s->v[i] == pid)
		return false;
	if (s->n == s->cap) {
		v = reallocarray(s->v, s->cap ? s->cap * 2 : 16, sizeof(*v));
		if (v == NULL) {
			log_warn("track_process");
			return false;
		}
		s->v = v;
		s->cap = s->cap ? s->cap * 2 : 16;
	}
	memmove(&s->v[i + 1], &s->v[i], (s->n - i) * sizeof(*s->v));
	s->v[i] = pid;
	s->n++;
	return true;
}

static bool
tproc_del(struct tproc_pids *s, pid_t pid)
{
	size_t i = tproc_find(s, pid);

	if (i == s->n || s->v[i] != pid)
		return false;
	memmove(&s->v[i], &s->v[i + 1], (s->n - i - 1) * sizeof(*s->v));
	s->n--;
	return true;
}

/* ---- /proc ---- */

/* pid's comm and, when some tracker needs it, its command line.  False
   when the process is gone or a zombie. */
static bool
tproc_read(pid_t pid, struct tproc_info *in)
{
	char path[64], stat[128], *open_p, *close_p;
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return false;
	len = read(fd, stat, sizeof(stat) - 1);
	close(fd);
	if (len <= 0)
		return false;
	stat[len] = '\0';
	/* "PID (COMM) STATE ...": comm may itself hold ')' */
	open_p = strchr(stat, '(');
	close_p = strrchr(stat, ')');
	if (open_p == NULL || close_p == NULL || close_p < open_p ||
	    close_p[1] != ' ' || close_p[2] == 'Z' || close_p[2] == 'X')
		return false;
	*close_p = '\0';
	snprintf(in->comm, sizeof(in->comm), "%s", open_p + 1);
	in->cmdlen = 0;
	in->cmd[0] = '\0';
	if (!tp.need_cmdline)
		return true;
	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1)
		return false;
	len = read(fd, in->cmd, TPROC_CMDLINE_MAX);
	close(fd);
	if (len < 0)
		return false;
	in->cmd[len] = '\0';
	in->cmdlen = (size_t)len;
	return true;
}

static bool
tproc_match(const struct tproc *t, const struct tproc_info *in)
{
	size_t name_len;

	if (!t->full)
		return strcmp(in->comm, t->conf->process) == 0;
	if (in->cmdlen == 0 || strcmp(in->cmd, t->conf->process) != 0)
		return false;
	if (t->params == NULL)
		return true;
	name_len = strlen(in->cmd) + 1;
	return tproc_params_ok(t, in->cmd + name_len,
	    in->cmdlen > name_len ? in->cmdlen - name_len : 0);
}

/* keepalived's check_params: p (len bytes) is the command line after its
   first word, each parameter NUL-terminated. */
static bool
tproc_params_ok(const struct tproc *t, const char *p, size_t len)
{
	if (len < t->params_len)
		return false;
	switch ((enum vrrp_param_match)t->conf->param_match) {
	case VRRP_PARAM_MATCH_EXACT:
		return len == t->params_len &&
		    memcmp(p, t->params, t->params_len) == 0;
	case VRRP_PARAM_MATCH_PARTIAL:
		return memcmp(p, t->params, t->params_len) == 0;
	case VRRP_PARAM_MATCH_INITIAL:
		return memcmp(p, t->params, t->params_len - 1) == 0;
	}
	return false;
}

/* Rebuilds every tracker's pid set from /proc.  0 or -1. */
static int
tproc_scan(void)
{
	struct tproc_info *in;
	struct dirent *de;
	char *end;
	size_t i;
	DIR *d;
	long pid;

	d = opendir("/proc");
	in = malloc(sizeof(*in));
	if (d == NULL || in == NULL) {
		log_warn("track_process: /proc");
		if (d != NULL)
			closedir(d);
		free(in);
		return -1;
	}
	for (i = 0; i < tp.n; i++)
		tp.procs[i].pids.n = 0;
	while ((de = readdir(d)) != NULL) {
		pid = strtol(de->d_name, &end, 10);
		if (*end != '\0' || pid <= 0 || !tproc_read((pid_t)pid, in))
			continue;
		for (i = 0; i < tp.n; i++)
			if (tproc_match(&tp.procs[i], in))
				tproc_add(&tp.procs[i].pids, (pid_t)pid);
	}
	closedir(d);
	free(in);
	return 0;
}

/* ---- state ---- */

/* After t's set changed by cause: report at once, or after the delay
   the cause calls for. */
static void
tproc_settle(struct tproc *t, enum tproc_cause cause)
{
	unsigned n = (unsigned)t->pids.n;
	bool in = n >= t->quorum && n <= t->quorum_max;
	bool was_up = t->up;
	ev_tstamp delay = 0.;

	if (in == t->up) {
		/* back where it was reported: a pending change is void */
		ev_timer_stop(tp.loop, &t->delay);
	} else {
		if (in && (cause == TPROC_FORK || cause == TPROC_RESCAN))
			delay = t->fork_delay;
		else if (!in && (cause == TPROC_EXIT || cause == TPROC_RESCAN))
			delay = t->terminate_delay;
		if (delay <= 0.) {
			ev_timer_stop(tp.loop, &t->delay);
			t->up = in;
		} else if (!ev_is_active(&t->delay)) {
			ev_timer_set(&t->delay, delay, 0.);
			ev_timer_start(tp.loop, &t->delay);
		}
	}
	if (n != t->count || t->up != was_up) {
		t->count = n;
		tp.fn(tp.arg, t->conf, t->up, n);
	}
}

static void
tproc_delay_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct tproc *t = w->data;
	unsigned n = (unsigned)t->pids.n;

	(void)loop;
	(void)revents;
	t->up = n >= t->quorum && n <= t->quorum_max;
	t->count = n;
	tp.fn(tp.arg, t->conf, t->up, n);
}

static void
tproc_rescan_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	unsigned gen = tp.gen;
	size_t i;

	(void)loop;
	(void)w;
	(void)revents;
	if (tproc_scan() < 0)
		return;
	for (i = 0; i < tp.n && gen == tp.gen; i++)
		tproc_settle(&tp.procs[i], TPROC_RESCAN);
}

/* ---- the proc connector ---- */

/* Opens the socket and asks for events; the ack (or its absence) comes
   later.  0, or -1 when the connector cannot be used here. */
static int
tproc_connect(void)
{
	int size = TPROC_RCVBUF;

	tp.nl =
	    mnl_socket_open2(NETLINK_CONNECTOR, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (tp.nl == NULL) {
		log_info(
		    "track_process: no proc connector: %s", strerror(errno));
		return -1;
	}
	if (mnl_socket_bind(tp.nl, CN_IDX_PROC, MNL_SOCKET_AUTOPID) < 0) {
		log_info(
		    "track_process: proc connector: bind: %s", strerror(errno));
		return -1;
	}
	/* fork storms must not overflow it; FORCE needs CAP_NET_ADMIN */
	if (setsockopt(mnl_socket_get_fd(tp.nl), SOL_SOCKET, SO_RCVBUFFORCE,
	        &size, sizeof(size)) < 0)
		setsockopt(mnl_socket_get_fd(tp.nl), SOL_SOCKET, SO_RCVBUF,
		    &size, sizeof(size));
	if (tproc_send_op(PROC_CN_MCAST_LISTEN) < 0) {
		log_info("track_process: proc connector: listen: %s",
		    strerror(errno));
		return -1;
	}
	tp.listening = true;
	ev_io_init(&tp.io, tproc_io_cb, mnl_socket_get_fd(tp.nl), EV_READ);
	ev_io_start(tp.loop, &tp.io);
	/* outside the initial pid or user namespace the kernel ignores the
	   request without a word */
	ev_timer_init(&tp.ack_timer, tproc_ack_cb, TPROC_ACK_WAIT, 0.);
	ev_timer_start(tp.loop, &tp.ack_timer);
	return 0;
}

static int
tproc_send_op(enum proc_cn_mcast_op op)
{
	char buf[NLMSG_SPACE(sizeof(struct cn_msg) + sizeof(op))]
	    __attribute__((aligned(NLMSG_ALIGNTO)));
	struct nlmsghdr *nlh;
	struct cn_msg *cn;

	memset(buf, 0, sizeof(buf));
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = NLMSG_DONE;
	cn = mnl_nlmsg_put_extra_header(nlh, sizeof(*cn) + sizeof(op));
	cn->id.idx = CN_IDX_PROC;
	cn->id.val = CN_VAL_PROC;
	cn->len = sizeof(op);
	memcpy(cn->data, &op, sizeof(op));
	return mnl_socket_sendto(tp.nl, nlh, nlh->nlmsg_len) < 0 ? -1 : 0;
}

/* Gives up the connector (why: logged, or NULL when already said) and
   scans /proc every TPROC_POLL seconds instead. */
static void
tproc_poll_mode(const char *why)
{
	if (why != NULL)
		log_info("track_process: %s", why);
	log_info("track_process: scanning /proc every %.0f s", TPROC_POLL);
	if (tp.nl != NULL) {
		ev_io_stop(tp.loop, &tp.io);
		mnl_socket_close(tp.nl);
		tp.nl = NULL;
	}
	tp.listening = false;
	ev_timer_stop(tp.loop, &tp.ack_timer);
	tp.polling = true;
	ev_timer_stop(tp.loop, &tp.rescan);
	ev_timer_set(&tp.rescan, TPROC_POLL, TPROC_POLL);
	ev_timer_start(tp.loop, &tp.rescan);
}

static void
tproc_ack_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)w;
	(void)revents;
	tproc_poll_mode("the kernel did not answer the proc connector "
	                "(not in the initial namespaces?)");
}

static void
tproc_io_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	char buf[8192] __attribute__((aligned(NLMSG_ALIGNTO)));
	const struct nlmsghdr *nlh;
	struct proc_event ev;
	struct cn_msg cn;
	unsigned gen = tp.gen;
	size_t plen;
	ssize_t len;
	int rem;

	(void)w;
	(void)revents;
	while (gen == tp.gen && tp.nl != NULL &&
	    (len = mnl_socket_recvfrom(tp.nl, buf, sizeof(buf))) > 0) {
		rem = (int)len;
		for (nlh = (const struct nlmsghdr *)buf;
		     gen == tp.gen && tp.nl != NULL && mnl_nlmsg_ok(nlh, rem);
		     nlh = mnl_nlmsg_next(nlh, &rem)) {
			plen = mnl_nlmsg_get_payload_len(nlh);
			if (nlh->nlmsg_type == NLMSG_ERROR ||
			    nlh->nlmsg_type == NLMSG_NOOP || plen < sizeof(cn))
				continue;
			/* the kernel's layout leaves proc_event only 4-byte
			   aligned: copy it out */
			memcpy(&cn, mnl_nlmsg_get_payload(nlh), sizeof(cn));
			if (cn.id.idx != CN_IDX_PROC ||
			    cn.id.val != CN_VAL_PROC)
				continue;
			memset(&ev, 0, sizeof(ev));
			plen -= sizeof(cn);
			memcpy(&ev,
			    (const char *)mnl_nlmsg_get_payload(nlh) +
			        sizeof(cn),
			    plen < sizeof(ev) ? plen : sizeof(ev));
			tproc_event(&cn, &ev);
		}
	}
	if (gen != tp.gen || tp.nl == NULL || len >= 0 || errno == EAGAIN ||
	    errno == EINTR)
		return;
	if (errno != ENOBUFS) {
		log_warn("track_process: proc connector");
		return;
	}
	/* events were lost: count again once the burst is over */
	log_info("track_process: proc connector events lost; rescanning");
	if (!ev_is_active(&tp.rescan)) {
		ev_timer_set(&tp.rescan, TPROC_RESCAN_WAIT, 0.);
		ev_timer_start(loop, &tp.rescan);
	}
}

static void
tproc_event(const struct cn_msg *cn, const struct proc_event *ev)
{
	if (ev->what == PROC_EVENT_NONE) {
		if (cn->ack == 0)
			return;
		ev_timer_stop(tp.loop, &tp.ack_timer);
		if (ev->event_data.ack.err != 0) {
			log_info("track_process: the kernel refused proc "
			         "connector events: %s",
			    strerror((int)ev->event_data.ack.err));
			tproc_poll_mode(NULL);
		} else
			log_debug("track_process: proc connector listening");
		return;
	}
	/* events of threads other than a process's main one don't count */
	if (ev->what == PROC_EVENT_FORK &&
	    ev->event_data.fork.child_pid == ev->event_data.fork.child_tgid)
		tproc_fork(ev->event_data.fork.parent_tgid,
		    ev->event_data.fork.child_tgid);
	else if (ev->what == PROC_EVENT_EXEC &&
	    ev->event_data.exec.process_pid == ev->event_data.exec.process_tgid)
		tproc_exec(ev->event_data.exec.process_tgid);
	else if (ev->what == PROC_EVENT_COMM &&
	    ev->event_data.comm.process_pid == ev->event_data.comm.process_tgid)
		tproc_comm(
		    ev->event_data.comm.process_tgid, ev->event_data.comm.comm);
	else if (ev->what == PROC_EVENT_EXIT &&
	    ev->event_data.exit.process_pid == ev->event_data.exit.process_tgid)
		tproc_exit(ev->event_data.exit.process_tgid);
}

/* A child of a counted process is the same program: counted too. */
static void
tproc_fork(pid_t parent, pid_t child)
{
	unsigned gen = tp.gen;
	size_t i;

	for (i = 0; i < tp.n && gen == tp.gen; i++)
		if (tproc_has(&tp.procs[i].pids, parent) &&
		    tproc_add(&tp.procs[i].pids, child))
			tproc_settle(&tp.procs[i], TPROC_FORK);
}

static void
tproc_exec(pid_t pid)
{
	struct tproc_info *in = malloc(sizeof(*in));
	unsigned gen = tp.gen;
	bool live, changed;
	size_t i;

	if (in == NULL) {
		log_warn("track_process");
		return;
	}
	/* gone already: its exit event follows */
	live = tproc_read(pid, in);
	for (i = 0; i < tp.n && gen == tp.gen; i++) {
		if (live && tproc_match(&tp.procs[i], in))
			changed = tproc_add(&tp.procs[i].pids, pid);
		else
			changed = tproc_del(&tp.procs[i].pids, pid);
		if (changed)
			tproc_settle(&tp.procs[i], TPROC_NOW);
	}
	free(in);
}

/* A new name (prctl PR_SET_NAME): only trackers of comm care. */
static void
tproc_comm(pid_t pid, const char *comm)
{
	unsigned gen = tp.gen;
	struct tproc *t;
	bool changed;
	size_t i;

	for (i = 0; i < tp.n && gen == tp.gen; i++) {
		t = &tp.procs[i];
		if (t->full)
			continue;
		if (strncmp(comm, t->conf->process, TPROC_COMM_MAX + 1) == 0)
			changed = tproc_add(&t->pids, pid);
		else
			changed = tproc_del(&t->pids, pid);
		if (changed)
			tproc_settle(t, TPROC_NOW);
	}
}

static void
tproc_exit(pid_t pid)
{
	unsigned gen = tp.gen;
	size_t i;

	for (i = 0; i < tp.n && gen == tp.gen; i++)
		if (tproc_del(&tp.procs[i].pids, pid))
			tproc_settle(&tp.procs[i], TPROC_EXIT);
}
