/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipc_state.c: benchmark: real servers' desired state, sender to table. */

/*
 * A sender process (the checker's part) holds the desired state of RS
 * real servers; the receiver (the IPVS child's part) asks for it over a
 * SOCK_SEQPACKET socketpair and applies it to its table keyed by id,
 * through the same ipc and state_sync code the daemon runs.  Modes:
 *
 *	packets	one full state in counted arrays (BEGIN, items, END)
 *	memfd	one full state in a sealed memfd
 *	updates	after a full state, every real server changes once, one
 *		update message each (a flapping pool)
 *
 * Reported per mode, for one run (the median of RUNS): the receiver's
 * wall time from its request to the table holding the state, and the
 * packets and bytes it received.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ipc.h"
#include "log.h"
#include "state_sync.h"

enum mode { MODE_PACKETS, MODE_MEMFD, MODE_UPDATES };

static const char *const mode_names[] = { "packets", "memfd", "updates" };

static void build(struct msg_rs_desired *, size_t);
static void sender(int, enum mode, size_t) __attribute__((noreturn));
static void changed(void *, const void *, const void *);
static void on_state(struct ipc_peer *, struct ipc_msg *);
static int verify(size_t, unsigned);
static int cmp_ull(const void *, const void *);
static unsigned long long now_usec(void);
static int run_mode(enum mode, size_t, int);

/* The receiver. */
static struct {
	struct ev_loop *loop;
	struct ipc_peer peer;
	struct state_sync ss;
	enum mode mode;
	size_t rs;
	objid_t *dirty; /* ids changed since the last reconcile */
	size_t ndirty;
	bool committed, done;
	unsigned long long memfd_bytes, t_commit;
} rx;

static const struct ipc_handler handlers[] = {
	{ MSG_STATE_BEGIN, on_state },
	{ MSG_STATE_END, on_state },
	{ MSG_STATE_BLOB, on_state },
	{ MSG_RS_DESIRED, on_state },
	{ MSG_RS_DESIRED_UPDATE, on_state },
	{ MSG_NONE, NULL },
};

/* 100 real servers per virtual server, as a large LVS pool would be. */
static void
build(struct msg_rs_desired *d, size_t n)
{
	uint32_t v, r;
	size_t i;

	for (i = 0; i < n; i++) {
		v = (uint32_t)(i / 100);
		r = (uint32_t)i;
		memset(&d[i], 0, sizeof(d[i]));
		d[i].vs = objid_make(OBJ_VS, &v, sizeof(v));
		d[i].rs = objid_child(OBJ_RS, d[i].vs, &r, sizeof(r));
		d[i].weight = 1 + (uint32_t)(i % 100);
		d[i].flags = MSG_RS_F_IN_TABLE;
	}
}

/* Answers each request with a full state (and, for updates, a change of
   every real server), until the receiver closes the link. */
static void
sender(int fd, enum mode mode, size_t n)
{
	struct state_source src = { .what = MSG_STATE_RS_DESIRED };
	struct ipc_peer p = { .name = "receiver", .fd = fd };
	struct msg_rs_desired *d;
	struct ipc_msg *m;
	const char *why;
	size_t i;
	int r;

	src.blob_min = mode == MODE_MEMFD ? 1 : SIZE_MAX;
	d = calloc(n, sizeof(*d));
	m = malloc(sizeof(*m));
	if (d == NULL || m == NULL)
		fatal("malloc");
	build(d, n);
	while ((r = ipc_recv(fd, m, &why)) == 1) {
		if (m->hdr.type != MSG_STATE_REQUEST)
			fatalx("sender: unexpected %s",
			    msg_type_name(m->hdr.type));
		if (state_source_full(&src, &p, d, n) < 0)
			fatal("sender: full state");
		for (i = 0; mode == MODE_UPDATES && i < n; i++) {
			d[i].weight ^= 0x100;
			if (state_source_update(&src, &p, &d[i], 1) < 0)
				fatal("sender: update");
		}
	}
	if (r < 0)
		fatalx("sender: receive: %s", r == -2 ? why : strerror(errno));
	_exit(0);
}

/* The IPVS child would reconcile these ids with the kernel. */
static void
changed(void *ctx, const void *old, const void *cur)
{
	objid_t id;

	(void)ctx;
	memcpy(&id, cur != NULL ? cur : old, sizeof(id));
	if (rx.ndirty < rx.rs)
		rx.dirty[rx.ndirty++] = id;
	if (rx.mode == MODE_UPDATES && rx.committed && rx.ndirty == rx.rs) {
		rx.done = true;
		ev_break(rx.loop, EVBREAK_ONE);
	}
}

static void
on_state(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_state_blob b;
	enum state_verdict v;

	(void)p;
	if (m->hdr.type == MSG_STATE_BLOB) {
		memcpy(&b, m->payload, sizeof(b));
		rx.memfd_bytes += (unsigned long long)b.count * b.elemsize;
	}
	v = state_sync_msg(&rx.ss, m);
	if (v == STATE_BAD)
		fatalx("receiver: %s", rx.ss.error);
	if (v != STATE_TAKEN && v != STATE_COMMITTED)
		fatalx("receiver: %s message %s", msg_type_name(m->hdr.type),
		    state_verdict_name(v));
	if (v != STATE_COMMITTED)
		return;
	rx.committed = true;
	rx.t_commit = now_usec();
	rx.ndirty = 0;
	if (rx.mode != MODE_UPDATES) {
		rx.done = true;
		ev_break(rx.loop, EVBREAK_ONE);
	}
}

/* The table holds every real server as the sender has it after run. */
static int
verify(size_t n, unsigned run)
{
	struct msg_rs_desired *d;
	const struct msg_rs_desired *got;
	size_t i;
	int ok = 1;

	d = calloc(n, sizeof(*d));
	if (d == NULL)
		fatal("malloc");
	build(d, n);
	for (i = 0; i < n; i++) {
		/* Run k flipped every weight for the (k + 1)th time. */
		if (rx.mode == MODE_UPDATES && run % 2 == 0)
			d[i].weight ^= 0x100;
		got = state_sync_get(&rx.ss, d[i].rs);
		if (got == NULL || memcmp(got, &d[i], sizeof(d[i])) != 0)
			ok = 0;
	}
	free(d);
	return ok && state_sync_count(&rx.ss) == n;
}

static int
cmp_ull(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a;
	unsigned long long y = *(const unsigned long long *)b;

	return x < y ? -1 : x > y;
}

static unsigned long long
now_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000 +
	    (unsigned long long)ts.tv_nsec / 1000;
}

/* Runs one mode; 0 when every run left the right table. */
static int
run_mode(enum mode mode, size_t n, int runs)
{
	struct msg_state_request req = { .what = MSG_STATE_RS_DESIRED };
	unsigned long long *usec, t0, bytes = 0, memfd = 0;
	unsigned long packets = 0, nrecv;
	unsigned long long brecv;
	int sv[2], st, ok = 1, i;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) < 0)
		fatal("socketpair");
	pid = fork();
	if (pid < 0)
		fatal("fork");
	if (pid == 0) {
		close(sv[1]);
		sender(sv[0], mode, n);
	}
	close(sv[0]);
	memset(&rx, 0, sizeof(rx));
	rx.loop = ev_default_loop(0);
	rx.mode = mode;
	rx.rs = n;
	rx.dirty = calloc(n, sizeof(*rx.dirty));
	usec = calloc((size_t)runs, sizeof(*usec));
	if (rx.dirty == NULL || usec == NULL)
		fatal("malloc");
	state_sync_init(&rx.ss, MSG_STATE_RS_DESIRED, changed, NULL);
	rx.peer.name = "sender";
	rx.peer.handlers = handlers;
	ipc_peer_start(rx.loop, &rx.peer, sv[1]);
	for (i = 0; i < runs; i++) {
		rx.committed = rx.done = false;
		rx.memfd_bytes = 0;
		nrecv = rx.peer.nrecv;
		brecv = rx.peer.bytes_recv;
		t0 = now_usec();
		if (!state_sync_request(&rx.ss) ||
		    ipc_peer_send(
		        &rx.peer, MSG_STATE_REQUEST, &req, sizeof(req), -1) < 0)
			fatalx("receiver: cannot request the state");
		while (!rx.done)
			ev_run(rx.loop, EVRUN_ONCE);
		/* updates: from the end of the full state to the last
		   change; else from the request to the commit. */
		usec[i] = mode == MODE_UPDATES ? now_usec() - rx.t_commit
		                               : rx.t_commit - t0;
		packets = rx.peer.nrecv - nrecv;
		bytes = rx.peer.bytes_recv - brecv;
		memfd = rx.memfd_bytes;
		ok &= verify(n, (unsigned)i);
	}
	ipc_peer_stop(rx.loop, &rx.peer);
	if (waitpid(pid, &st, 0) != pid || !WIFEXITED(st) ||
	    WEXITSTATUS(st) != 0)
		ok = 0;
	qsort(usec, (size_t)runs, sizeof(*usec), cmp_ull);
	printf("ipc-state mode=%s rs=%zu runs=%d packets=%lu bytes=%llu "
	       "memfd_bytes=%llu usec=%llu usec_min=%llu usec_max=%llu "
	       "ok=%d\n",
	    mode_names[mode], n, runs, packets, bytes, memfd, usec[runs / 2],
	    usec[0], usec[runs - 1], ok);
	fflush(stdout);
	state_sync_free(&rx.ss);
	free(rx.dirty);
	free(usec);
	return ok ? 0 : -1;
}

int
main(int argc, char **argv)
{
	struct log_opts lo = { .console = true };
	const char *e = getenv("RUNS");
	size_t n = 10000;
	int runs = 5, rc = 0;

	log_init(&lo, "ipc-state");
	if (argc > 2 || (argc == 2 && (n = strtoul(argv[1], NULL, 10)) == 0)) {
		fprintf(stderr, "usage: ipc-state [real-servers]\n");
		return 2;
	}
	if (e != NULL && (runs = atoi(e)) < 1)
		runs = 1;
	printf("# ipc-state: %zu real servers' desired state over a "
	       "socketpair, median of %d runs\n",
	    n, runs);
	if (run_mode(MODE_PACKETS, n, runs) < 0)
		rc = 1;
	if (run_mode(MODE_MEMFD, n, runs) < 0)
		rc = 1;
	if (run_mode(MODE_UPDATES, n, runs) < 0)
		rc = 1;
	return rc;
}
