/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipvs.c: the IPVS child: finds the kernel's IPVS generic netlink family
   (the table reconciliation lands with its issue). */

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <stdlib.h>
#include <string.h>

#include <inttypes.h>

#include "array.h"
#include "ipvs.h"
#include "log.h"
#include "state_sync.h"
#include "vs_equal.h"
#include "vs_fmt.h"

static void ipvs_start(struct ev_loop *, const struct vigil_opts *);
static void ipvs_dump(FILE *, enum msg_dump_what);
static void ipvs_apply(const struct config *, const struct config *);
static void dump_desired(FILE *);
static void
dump_item(FILE *, const char *, const char *, const struct msg_rs_desired *);
static void checker_up(struct ipc_peer *);
static void checker_down(struct ipc_peer *);
static void on_desired(struct ipc_peer *, struct ipc_msg *);
static void desired_changed(void *, const void *, const void *);
static void ask_desired(struct ipc_peer *);
static void on_vrrp_state(struct ipc_peer *, struct ipc_msg *);
static void on_event(struct ipc_peer *, struct ipc_msg *);
static struct vrrp_role *vrrp_role(objid_t);

/* What the IPVS child knows of a VRRP instance or sync group (from the
   parent): the role that lvs_sync_daemon will follow. */
struct vrrp_role {
	objid_t id;
	uint8_t kind, state;
};

static struct {
	struct state_sync desired; /* the checker's desired real servers */
	struct state_source known; /* the same, back to a new checker */
	unsigned long changes; /* differences the desired table took */
	struct vrrp_role *roles;
	size_t nroles, caproles;
	const struct config *cfg; /* the one running */
} iv;

/* The desired state of the real servers, from the checker. */
static const struct ipc_handler checker_link_handlers[] = {
	{ MSG_STATE_BEGIN, on_desired },
	{ MSG_STATE_END, on_desired },
	{ MSG_STATE_BLOB, on_desired },
	{ MSG_RS_DESIRED, on_desired },
	{ MSG_RS_DESIRED_UPDATE, on_desired },
	{ MSG_NONE, NULL },
};

static const struct child_peer ipvs_peers[] = {
	{ .proc = PROC_CHECK,
	    .handlers = checker_link_handlers,
	    .up = checker_up,
	    .down = checker_down },
	{ .proc = PROC_PARENT },
};

/* The parent relays the VRRP roles: the last one of each object when
   this child starts, then every change. */
static const struct ipc_handler parent_handlers[] = {
	{ MSG_VRRP_RESUME, on_vrrp_state },
	{ MSG_EVENT, on_event },
	{ MSG_NONE, NULL },
};

const struct child_ops ipvs_child_ops = {
	.id = PROC_IPVS,
	.name = "ipvs",
	.title = "vigild: ipvs",
	.start = ipvs_start,
	.apply = ipvs_apply,
	.dump = ipvs_dump,
	.peers = ipvs_peers,
	.parent_handlers = parent_handlers,
};

static void
ask_desired(struct ipc_peer *p)
{
	struct msg_state_request r = { .what = MSG_STATE_RS_DESIRED };

	if (state_sync_request(&iv.desired))
		ipc_peer_send(p, MSG_STATE_REQUEST, &r, sizeof(r), -1);
}

/*
 * A new checker (or a new link to it): first what this child holds, so
 * that a restarted checker starts from it, then ask for everything.
 */
static void
checker_up(struct ipc_peer *p)
{
	struct msg_rs_desired *items;
	const struct msg_rs_desired *d;
	size_t n = 0, pos = 0;

	items = malloc((state_sync_count(&iv.desired) + 1) * sizeof(*items));
	if (items == NULL)
		fatal("malloc");
	while ((d = state_sync_next(&iv.desired, &pos)) != NULL)
		items[n++] = *d;
	state_source_full(&iv.known, p, items, n);
	free(items);
	ask_desired(p);
}

/* The table stays as it was until the next checker's full state: a
   checker restart is no reason to drop a real server. */
static void
checker_down(struct ipc_peer *p)
{
	(void)p;
	state_sync_reset(&iv.desired);
}

static void
on_desired(struct ipc_peer *p, struct ipc_msg *m)
{
	switch (state_sync_msg(&iv.desired, m)) {
	case STATE_COMMITTED:
		log_info("desired state generation %u from the checker: %zu "
		         "real servers",
		    iv.desired.generation, state_sync_count(&iv.desired));
		break;
	case STATE_RESYNC:
		ask_desired(p);
		break;
	case STATE_BAD:
		fatalx("bug: %s sent a bad desired state (%s)", p->name,
		    iv.desired.error);
	case STATE_TAKEN:
	case STATE_STALE:
	case STATE_DROPPED:
		break;
	}
}

/* Each difference the desired table takes; the kernel table follows
   them once this child programs IPVS. */
static void
desired_changed(void *ctx, const void *old, const void *cur)
{
	(void)ctx;
	(void)old;
	(void)cur;
	iv.changes++;
}

static struct vrrp_role *
vrrp_role(objid_t id)
{
	size_t i;

	for (i = 0; i < iv.nroles; i++)
		if (iv.roles[i].id == id)
			return &iv.roles[i];
	iv.roles = array_grow(
	    iv.roles, &iv.caproles, iv.nroles + 1, sizeof(*iv.roles));
	iv.roles[iv.nroles].id = id;
	return &iv.roles[iv.nroles++];
}

static void
on_vrrp_state(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_vrrp_state s;
	struct vrrp_role *r;

	(void)p;
	memcpy(&s, m->payload, sizeof(s));
	r = vrrp_role(s.id);
	r->kind = s.kind;
	r->state = s.state;
}

static void
on_event(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_event e;
	struct vrrp_role *r;

	memcpy(&e, m->payload, sizeof(e));
	if (e.kind != OBJ_VRRP_INSTANCE && e.kind != OBJ_VRRP_GROUP)
		fatalx("bug: %s relayed an event of kind %u", p->name, e.kind);
	r = vrrp_role(e.id);
	r->kind = e.kind;
	r->state = e.new_state;
	log_debug("VRRP %s %016llx is now in state %u",
	    e.kind == OBJ_VRRP_GROUP ? "group" : "instance",
	    (unsigned long long)e.id, e.new_state);
}

/* The desired table, named as keepalived names services and servers, in
   the configuration's order. */
static void
dump_desired(FILE *f)
{
	const struct vs_model *m =
	    iv.cfg != NULL ? cfg_model(iv.cfg, CFG_MODEL_VS) : NULL;
	const struct msg_rs_desired *d;
	const struct vs_vs *vs;
	const struct vs_rs *rs;
	char vn[VS_NAME_MAX], rn[VS_NAME_MAX];
	size_t i;
	objid_t vid;

	for (i = 0; m != NULL && i < m->vss.n; i++) {
		vs = m->vss.v[i];
		vid = vs_id(vs);
		vs_fmt_vs(vs, vn, sizeof(vn));
		fprintf(f, " desired VS %s\n", vn);
		for (rs = vs->rss; rs != NULL; rs = rs->next) {
			d = state_sync_get(&iv.desired, vs_rs_id(vid, rs));
			vs_fmt_rs(vs, rs, rn, sizeof(rn));
			dump_item(f, "RS", rn, d);
		}
		if (vs->sorry != NULL) {
			d = state_sync_get(
			    &iv.desired, vs_sorry_id(vid, vs->sorry));
			vs_fmt_rs(vs, vs->sorry, rn, sizeof(rn));
			dump_item(f, "SORRY", rn, d);
		}
	}
}

static void
dump_item(
    FILE *f, const char *what, const char *name, const struct msg_rs_desired *d)
{
	if (d == NULL)
		fprintf(f, "  %s %s unknown\n", what, name);
	else if (!(d->flags & MSG_RS_F_IN_TABLE))
		fprintf(f, "  %s %s absent\n", what, name);
	else
		fprintf(f, "  %s %s weight %" PRIu32 "%s\n", what, name,
		    d->weight,
		    d->flags & MSG_RS_F_QUIESCENT ? " quiescent" : "");
}

static void
ipvs_apply(const struct config *old, const struct config *cur)
{
	(void)old;
	iv.cfg = cur;
}

static void
ipvs_dump(FILE *f, enum msg_dump_what what)
{
	size_t i;

	if (what == MSG_DUMP_STATS) {
		fprintf(f,
		    " desired state: full states %lu, aborted %lu, stale "
		    "%lu, resyncs %lu, changes %lu\n",
		    iv.desired.stats.committed, iv.desired.stats.aborted,
		    iv.desired.stats.stale, iv.desired.stats.resyncs,
		    iv.changes);
		return;
	}
	fprintf(f, " desired real servers %zu (generation %u)\n",
	    state_sync_count(&iv.desired), iv.desired.generation);
	dump_desired(f);
	for (i = 0; i < iv.nroles; i++)
		fprintf(f, " VRRP %s %016llx: state %u\n",
		    iv.roles[i].kind == OBJ_VRRP_GROUP ? "group" : "instance",
		    (unsigned long long)iv.roles[i].id, iv.roles[i].state);
}

/*
 * A kernel without IPVS is not fatal: VRRP and the checks keep running,
 * and one line says why nothing will be programmed.
 */
static void
ipvs_start(struct ev_loop *loop, const struct vigil_opts *opts)
{
	struct nl_sock *sk;
	int family;

	(void)loop;
	(void)opts;
	state_sync_init(
	    &iv.desired, MSG_STATE_RS_DESIRED, desired_changed, NULL);
	iv.known.what = MSG_STATE_RS_KNOWN;
	sk = nl_socket_alloc();
	if (sk == NULL)
		fatalx("cannot allocate a netlink socket");
	family = genl_connect(sk);
	if (family == 0)
		family = genl_ctrl_resolve(sk, "IPVS");
	if (family < 0)
		log_warnx(
		    "IPVS is not available in this kernel (%s): virtual "
		    "servers will not be programmed; VRRP and checks keep "
		    "running",
		    nl_geterror(family));
	else
		log_info("IPVS generic netlink family found (id %d)", family);
	/* the herald tells the admin too: Process(ipvs) DOWN -> FAULT */
	child_health(family < 0 ? MSG_PROC_FAULT : MSG_PROC_UP, 0);
	nl_socket_free(sk);
}
