/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipvs.c: the IPVS child: finds the kernel's IPVS generic netlink family
   (the table reconciliation lands with its issue). */

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <string.h>

#include "array.h"
#include "ipvs.h"
#include "log.h"
#include "state_sync.h"

static void ipvs_start(struct ev_loop *, const struct vigil_opts *);
static void ipvs_dump(FILE *, enum msg_dump_what);
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
	unsigned long changes; /* differences the desired table took */
	struct vrrp_role *roles;
	size_t nroles, caproles;
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

/* A new checker (or a new link to it): ask for everything. */
static void
checker_up(struct ipc_peer *p)
{
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
