/* SPDX-License-Identifier: GPL-2.0-or-later */
/* parent_dump.c: SIGUSR1 and SIGUSR2: the parent's part and each child's,
   assembled into one file in a fixed order. */

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "herald.h"
#include "log.h"
#include "parent_int.h"

/* How long a dump waits for the children's parts. */
#define DUMP_WAIT 2.0

static const char *dump_path(enum msg_dump_what);
static void dump_append(FILE *, struct child *);
static void dump_write(void);
static void dump_finish(void);
static void dump_timeout(struct ev_loop *, ev_timer *, int);
static void write_data(FILE *);
static void write_snapshots(FILE *);
static void write_stats(FILE *);

/* The file a dump goes to: keepalived's, or the environment's. */
static const char *
dump_path(enum msg_dump_what what)
{
	const char *env = getenv(
	    what == MSG_DUMP_DATA ? "VIGIL_DATA_FILE" : "VIGIL_STATS_FILE");

	if (env != NULL && *env != '\0')
		return env;
	return what == MSG_DUMP_DATA ? VIGIL_DATA_FILE : VIGIL_STATS_FILE;
}

/*
 * Asks every running child for its part, each in a memfd of its own, and
 * writes the file when all answered (or after DUMP_WAIT): the parent's
 * part, then VRRP, checker and IPVS, so no two parts ever interleave.  A
 * signal during a dump is queued (one of each kind is enough).
 */
void
dump_start(enum msg_dump_what what)
{
	struct msg_dump d = { .what = what };
	struct child *c;
	int i, fd;

	if (pa.dumping != 0) {
		if (pa.dumping != what)
			pa.dump_queued = what;
		return;
	}
	pa.dumping = what;
	for (i = PROC_VRRP; i < PROC_MAX; i++) {
		c = &pa.children[i];
		if (c->pid == 0 || c->acked == 0)
			continue;
		fd = memfd_create("vigil-dump", MFD_CLOEXEC);
		if (fd < 0) {
			log_warn("memfd_create for a dump");
			continue;
		}
		if (ipc_peer_send(&c->peer, MSG_DUMP, &d, sizeof(d), fd) == 0)
			c->dump_fd = fd;
		else
			close(fd);
	}
	ev_timer_init(&pa.dump_timer, dump_timeout, DUMP_WAIT, 0);
	ev_timer_start(pa.loop, &pa.dump_timer);
	dump_finish();
}

void
on_dump_done(struct ipc_peer *p, struct ipc_msg *m)
{
	struct child *c = p->ctx;
	struct msg_dump d;

	memcpy(&d, m->payload, sizeof(d));
	if (c->dump_fd < 0 || c->dump_done || d.what != (uint32_t)pa.dumping) {
		bad_child_message(p, "DUMP_DONE without a dump");
		return;
	}
	c->dump_done = true;
	dump_finish();
}

/* Copies a child's part (its memfd, from the start) to f. */
static void
dump_append(FILE *f, struct child *c)
{
	char buf[8192];
	ssize_t n;
	off_t off = 0;

	if (!c->dump_done) {
		fprintf(f, "------< %s child >------\n (no answer)\n",
		    c->peer.name);
		return;
	}
	while ((n = pread(c->dump_fd, buf, sizeof(buf), off)) > 0) {
		fwrite(buf, 1, (size_t)n, f);
		off += n;
	}
}

/*
 * Writes the file from the parts there are.  The file is replaced whole
 * (rename), so a reader never sees half of it.
 */
static void
dump_write(void)
{
	const char *path = dump_path(pa.dumping);
	char tmp[PATH_MAX];
	struct child *c;
	FILE *f;
	int i;

	snprintf(tmp, sizeof(tmp), "%s.%d", path, (int)getpid());
	f = fopen(tmp, "we");
	if (f == NULL) {
		log_warn("cannot write %s", tmp);
		return;
	}
	if (pa.dumping == MSG_DUMP_DATA)
		write_data(f);
	else
		write_stats(f);
	for (i = PROC_VRRP; i < PROC_MAX; i++) {
		c = &pa.children[i];
		if (c->dump_fd >= 0)
			dump_append(f, c);
	}
	if (fclose(f) != 0)
		log_warn("writing %s", tmp);
	else if (rename(tmp, path) < 0)
		log_warn("cannot rename %s to %s", tmp, path);
	else
		log_info("%s written to %s",
		    pa.dumping == MSG_DUMP_DATA ? "data" : "statistics", path);
}

/* After each answer (or a death, or the timeout): writes the file once
   nothing is missing, then starts a queued dump. */
static void
dump_finish(void)
{
	enum msg_dump_what next = pa.dump_queued;
	struct child *c;
	int i;

	for (i = PROC_VRRP; i < PROC_MAX; i++) {
		c = &pa.children[i];
		if (c->dump_fd >= 0 && !c->dump_done && c->pid > 0 &&
		    ev_is_active(&pa.dump_timer))
			return;
	}
	ev_timer_stop(pa.loop, &pa.dump_timer);
	dump_write();
	for (i = PROC_VRRP; i < PROC_MAX; i++) {
		c = &pa.children[i];
		if (c->dump_fd >= 0)
			close(c->dump_fd);
		c->dump_fd = -1;
		c->dump_done = false;
	}
	pa.dumping = 0;
	pa.dump_queued = 0;
	if (next != 0)
		dump_start(next);
}

static void
dump_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)revents;
	ev_timer_stop(loop, w);
	log_warnx(
	    "a child did not answer the dump request within %.0f s", DUMP_WAIT);
	dump_finish();
}

static void
write_data(FILE *f)
{
	struct child *c;
	int i;

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
	write_snapshots(f);
	fprintf(f, "------< Configuration >------\n");
	cfg_dump(f, pa.cfg);
}

/* What the children last reported, as the status and SNMP will see it. */
static void
write_snapshots(FILE *f)
{
	const struct msg_vrrp_snap *v;
	const struct msg_rs_desired *r;
	const struct herald_obj *o;
	size_t pos = 0, in = 0;

	fprintf(f, "------< Snapshots >------\n");
	fprintf(f, " VRRP: %zu objects (generation %u)\n",
	    state_sync_count(&snaps[PROC_VRRP]), snaps[PROC_VRRP].generation);
	while ((v = state_sync_next(&snaps[PROC_VRRP], &pos)) != NULL) {
		if (v->kind == OBJ_PROC) {
			/* the router-wide counters (with SNMP) */
			fprintf(f,
			    "  Router: checksum errors %u, version errors %u, "
			    "VRID errors %u\n",
			    v->c.checksum_errors, v->c.version_errors,
			    v->c.vrid_errors);
			continue;
		}
		o = herald_find(v->id);
		fprintf(f,
		    "  %s(%s) %s, priority %u (base %u), %u transitions\n",
		    herald_kind_label((enum obj_kind)v->kind),
		    o != NULL ? o->name : "?",
		    herald_state_word((enum obj_kind)v->kind, v->state),
		    v->priority, v->base_priority, v->transitions);
		if (v->kind == OBJ_VRRP_INSTANCE)
			fprintf(f,
			    "   adverts rx %u, tx %u, became master %u, "
			    "priority 0 rx %u, tx %u, auth failures %u, "
			    "TTL errors %u\n",
			    v->c.adverts_rx, v->c.adverts_tx,
			    v->c.become_master, v->c.prio_zero_rx,
			    v->c.prio_zero_tx, v->c.auth_failures,
			    v->c.ttl_errors);
	}
	pos = 0;
	while ((r = state_sync_next(&snaps[PROC_CHECK], &pos)) != NULL)
		in += (r->flags & MSG_RS_F_IN_TABLE) != 0;
	fprintf(f,
	    " Real servers: %zu desired, %zu in the table (generation "
	    "%u)\n",
	    state_sync_count(&snaps[PROC_CHECK]), in,
	    snaps[PROC_CHECK].generation);
}

static void
write_stats(FILE *f)
{
	struct child *c;
	int i;

	fprintf(f, "------< vigild statistics >------\n");
	fprintf(f, " Reloads applied = %u\n", pa.reloads_ok);
	fprintf(f, " Reloads rejected = %u\n", pa.reloads_rejected);
	/* the longest since the last dump: a bench sends SIGUSR2 before and
	   after what it measures */
	fprintf(f,
	    " Parent loop: iterations %llu, busy %.3f s, longest iteration "
	    "%llu us, since the last statistics %llu us\n",
	    (unsigned long long)pa.ls.iterations, (double)pa.ls.busy_ns / 1e9,
	    (unsigned long long)(pa.ls.longest_ns / 1000),
	    (unsigned long long)(loop_stat_recent(&pa.ls) / 1000));
	for (i = PROC_VRRP; i < PROC_MAX; i++) {
		c = &pa.children[i];
		fprintf(f,
		    " %s: deaths %u, messages sent %lu, received %lu, "
		    "waited to be sent %lu (queue at most %zu)\n",
		    c->peer.name, c->deaths, c->peer.nsent, c->peer.nrecv,
		    c->peer.queued, c->peer.qlen_max);
	}
}

void
dump_child_gone(struct child *c)
{
	if (pa.dumping != 0 && c->dump_fd >= 0)
		dump_finish();
}
