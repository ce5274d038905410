/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check.c: the checker child's frame; it tells the IPVS child the desired
   state of the real servers (health checks land with their issue). */

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "check.h"
#include "log.h"
#include "state_sync.h"
#include "vs_conf.h"
#include "vs_equal.h"

static void check_apply(const struct config *, const struct config *);
static void check_dump(FILE *, enum msg_dump_what);
static void on_state_request(struct ipc_peer *, struct ipc_msg *);
static void count_change(const struct vs_change *, void *);
static void build_desired(const struct config *);
static void send_desired(void);

static struct {
	struct msg_rs_desired *items; /* the desired state, by real server */
	size_t n, cap;
	size_t n_rs; /* real servers configured */
	struct state_source desired; /* to the IPVS child */
	struct state_source status; /* the same table, to the parent */
	unsigned long full_sent;
} ck = {
	.desired = { .what = MSG_STATE_RS_DESIRED },
	.status = { .what = MSG_STATE_RS_DESIRED },
};

static const struct ipc_handler ipvs_link_handlers[] = {
	{ MSG_STATE_REQUEST, on_state_request },
	{ MSG_NONE, NULL },
};

static const struct child_peer check_peers[] = {
	{ .proc = PROC_IPVS, .handlers = ipvs_link_handlers },
	{ .proc = PROC_PARENT },
};

/* The parent asks again for its copy when it is out of step. */
static const struct ipc_handler parent_handlers[] = {
	{ MSG_STATE_REQUEST, on_state_request },
	{ MSG_NONE, NULL },
};

const struct child_ops check_child_ops = {
	.id = PROC_CHECK,
	.name = "checker",
	.title = "vigild: checker",
	.apply = check_apply,
	.dump = check_dump,
	.peers = check_peers,
	.parent_handlers = parent_handlers,
};

/*
 * The desired state this child can state today: a real server without
 * a checker is always in the table at its configured weight (keepalived
 * does the same).  Real servers with checkers, quorum and the sorry
 * server join it with the health checks.
 */
static void
build_desired(const struct config *cfg)
{
	const struct vs_model *m = cfg_model(cfg, CFG_MODEL_VS);
	const struct vs_vs *vs;
	const struct vs_rs *rs;
	struct msg_rs_desired *d;
	objid_t vsid;
	size_t i;

	ck.n = 0;
	ck.n_rs = 0;
	for (i = 0; m != NULL && i < m->vss.n; i++) {
		vs = m->vss.v[i];
		vsid = vs_id(vs);
		for (rs = vs->rss; rs != NULL; rs = rs->next) {
			ck.n_rs++;
			if (rs->checks != NULL)
				continue;
			ck.items = array_grow(
			    ck.items, &ck.cap, ck.n + 1, sizeof(*ck.items));
			d = &ck.items[ck.n++];
			memset(d, 0, sizeof(*d));
			d->rs = vs_rs_id(vsid, rs);
			d->vs = vsid;
			d->weight = rs->weight;
			d->flags = MSG_RS_F_IN_TABLE;
		}
	}
}

/* A full state to the IPVS child, when the link is up. */
static void
send_desired(void)
{
	struct ipc_peer *p = child_peer(PROC_IPVS);

	if (p == NULL)
		return;
	if (state_source_full(&ck.desired, p, ck.items, ck.n) == 0)
		ck.full_sent++;
}

/* Counts what a reload does to each real server (vs_match). */
static void
count_change(const struct vs_change *c, void *arg)
{
	size_t *n = arg;

	if (c->new_rs != NULL || c->old_rs != NULL)
		n[c->class]++;
}

/*
 * Each configuration restates the whole desired state, to the IPVS
 * child and to the parent's snapshot.  A reload says what it does to the
 * real servers: the health of the unchanged ones (and of the changed
 * ones whose checks migrate) will carry over when checks run.
 */
static void
check_apply(const struct config *old, const struct config *cur)
{
	size_t n[VS_REMOVED + 1] = { 0 };

	if (old != NULL &&
	    vs_match(cfg_model(old, CFG_MODEL_VS), cfg_model(cur, CFG_MODEL_VS),
	        count_change, n) == 0)
		log_info("reload: real servers %zu unchanged, %zu changed, %zu "
		         "new, %zu removed",
		    n[VS_SAME], n[VS_CHANGED], n[VS_NEW], n[VS_REMOVED]);
	build_desired(cur);
	send_desired();
	state_source_full(&ck.status, child_parent(), ck.items, ck.n);
}

static void
on_state_request(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_state_request r;

	memcpy(&r, m->payload, sizeof(r));
	if (r.what != MSG_STATE_RS_DESIRED)
		fatalx("bug: %s asked for state table %u", p->name, r.what);
	/* The IPVS child asks when its link comes up or it is out of
	   step, the parent when it is out of step. */
	if (p == child_parent())
		state_source_full(&ck.status, p, ck.items, ck.n);
	else
		send_desired();
}

static void
check_dump(FILE *f, enum msg_dump_what what)
{
	if (what == MSG_DUMP_DATA)
		fprintf(f,
		    " real servers %zu, desired in the table %zu, desired "
		    "state generation %u\n",
		    ck.n_rs, ck.n, ck.desired.generation);
	else
		fprintf(f, " desired states sent %lu\n", ck.full_sent);
}
