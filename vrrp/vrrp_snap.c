/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_snap.c: what the VRRP child runs now, as snapshots for the parent
   (status and SNMP read them there, never by asking this loop). */

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "array.h"
#include "child.h"
#include "log.h"
#include "state_sync.h"
#include "vrrp_inst.h"
#include "vrrp_sock.h"

static int by_id(const void *, const void *);
static struct msg_vrrp_snap *find(objid_t);
static struct snap_hist *hist(objid_t);
static void prune_hist(void);
static void snap_item(struct msg_vrrp_snap *, enum obj_kind, const char *,
    enum vrrp_state, uint8_t prio, uint8_t base);
static void on_prepare(struct ev_loop *, ev_prepare *, int);
static void fill_inst(struct msg_vrrp_snap *, const struct vrrp_inst *);
static void fill_proc(struct msg_vrrp_snap *);
static void push_dirty(const struct msg_vrrp_snap *);
static void refresh(const struct msg_vrrp_snap *);
static void refresh_inst(const struct vrrp_inst *);
static void on_counters(struct ev_loop *, ev_timer *, int);

/* When an object last changed and how often, since this child started;
   kept apart from the table, as events come before a first full state. */
struct snap_hist {
	objid_t id;
	uint64_t since_usec;
	uint32_t transitions;
};

/*
 * The table as last sent, sorted by id, and the changes waiting for the
 * end of this loop iteration: a burst of transitions (1,000 instances
 * failing over together) leaves as one update.
 */
static struct {
	struct msg_vrrp_snap *v;
	size_t n, cap;
	struct snap_hist *h; /* sorted by id */
	size_t nh, caph;
	struct msg_vrrp_snap *dirty;
	size_t ndirty, capdirty;
	struct state_source src;
	ev_prepare flush;
	bool started;
	/* SNMP: every MSG_VRRP_COUNTERS_PERIOD, the items whose counters
	   (or master, priority) changed; the table has the OBJ_PROC item */
	bool snmp;
	ev_timer counters;
} sn = { .src = { .what = MSG_STATE_VRRP } };

static int
by_id(const void *a, const void *b)
{
	const struct msg_vrrp_snap *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static struct msg_vrrp_snap *
find(objid_t id)
{
	struct msg_vrrp_snap key = { .id = id };

	return sn.n == 0 ? NULL
	                 : bsearch(&key, sn.v, sn.n, sizeof(*sn.v), by_id);
}

/* The history of an object, added (sorted) when new. */
static struct snap_hist *
hist(objid_t id)
{
	size_t lo = 0, hi = sn.nh, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (sn.h[mid].id == id)
			return &sn.h[mid];
		if (sn.h[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	sn.h = array_grow(sn.h, &sn.caph, sn.nh + 1, sizeof(*sn.h));
	memmove(&sn.h[lo + 1], &sn.h[lo], (sn.nh - lo) * sizeof(*sn.h));
	sn.nh++;
	memset(&sn.h[lo], 0, sizeof(*sn.h));
	sn.h[lo].id = id;
	return &sn.h[lo];
}

/* One item, with the time and count of the transitions it had. */
static void
snap_item(struct msg_vrrp_snap *s, enum obj_kind kind, const char *name,
    enum vrrp_state st, uint8_t prio, uint8_t base)
{
	const struct snap_hist *h;

	memset(s, 0, sizeof(*s));
	s->id = objid_name(kind, name);
	s->kind = (uint8_t)kind;
	s->state = (uint8_t)st;
	s->priority = prio;
	s->base_priority = base;
	h = hist(s->id);
	s->since_usec = h->since_usec;
	s->transitions = h->transitions;
}

/* Forgets the history of objects the configuration no longer has (both
   arrays are sorted by id). */
static void
prune_hist(void)
{
	size_t i, k = 0, j = 0;

	for (i = 0; i < sn.nh; i++) {
		while (j < sn.n && sn.v[j].id < sn.h[i].id)
			j++;
		if (j < sn.n && sn.v[j].id == sn.h[i].id)
			sn.h[k++] = sn.h[i];
	}
	sn.nh = k;
}

/* An instance's item: its state, counters and master, as now. */
static void
fill_inst(struct msg_vrrp_snap *s, const struct vrrp_inst *vi)
{
	const struct vrrp_fsm_addr *m = &vi->fsm.master_addr;

	snap_item(s, OBJ_VRRP_INSTANCE, vi->conf->name, vi->fsm.state,
	    vi->fsm.priority, vi->fsm.base_priority);
	s->c = vi->cnt;
	s->c.become_master = (uint32_t)vi->fsm.stats.become_master;
	s->master_family = AF_UNSPEC;
	if (vi->fsm.state == VRRP_STATE_MASTER &&
	    vi->saddr.family != AF_UNSPEC) {
		s->master_family = (uint8_t)vi->saddr.family;
		memcpy(s->master_addr,
		    vi->saddr.family == AF_INET ? vi->saddr.u.v4
		                                : vi->saddr.u.v6,
		    vi->saddr.family == AF_INET ? 4 : 16);
	} else if (vi->fsm.state == VRRP_STATE_BACKUP &&
	    (m->len == 4 || m->len == 16)) {
		s->master_family = m->len == 4 ? AF_INET : AF_INET6;
		memcpy(s->master_addr, m->a, m->len);
	}
	s->vips_set = vi->vips_up;
	s->new_master_reason = vi->new_master_reason;
	s->proto_err_reason = vi->proto_err;
}

/* The router-wide counters, in the VRRP child's own health item. */
static void
fill_proc(struct msg_vrrp_snap *s)
{
	const struct vrrp_sock_stats *ss = vrrp_sock_stats();

	memset(s, 0, sizeof(*s));
	s->id = objid_proc(PROC_VRRP);
	s->kind = OBJ_PROC;
	s->state = MSG_PROC_UP;
	s->c.checksum_errors = (uint32_t)ss->drops[VRRP_PKT_CHECKSUM];
	s->c.version_errors = (uint32_t)(ss->drops[VRRP_PKT_VERSION] +
	    ss->drops[VRRP_PKT_VERSION_DIFFERS]);
	s->c.vrid_errors = (uint32_t)ss->no_instance;
}

bool
vrrp_snap_snmp(void)
{
	const struct global_conf *g = &vrrp.cfg->global;

	return vrrp.opts->snmp || g->enable_snmp_vrrp ||
	    g->enable_snmp_checker || g->enable_snmp_rfc ||
	    g->enable_snmp_rfcv2 || g->enable_snmp_rfcv3;
}

void
vrrp_snap_full(void)
{
	const struct vrrp_inst *vi;
	const struct vrrp_group *g;
	size_t n = 0;

	sn.snmp = vrrp_snap_snmp();
	for (vi = vrrp.insts; vi != NULL; vi = vi->next) {
		sn.v = array_grow(sn.v, &sn.cap, n + 1, sizeof(*sn.v));
		fill_inst(&sn.v[n++], vi);
	}
	for (g = vrrp.groups; g != NULL; g = g->next) {
		sn.v = array_grow(sn.v, &sn.cap, n + 1, sizeof(*sn.v));
		snap_item(
		    &sn.v[n++], OBJ_VRRP_GROUP, g->conf->name, g->state, 0, 0);
	}
	if (sn.snmp) {
		sn.v = array_grow(sn.v, &sn.cap, n + 1, sizeof(*sn.v));
		fill_proc(&sn.v[n++]);
	}
	sn.n = n;
	if (!ev_is_active(&sn.counters))
		ev_timer_init(&sn.counters, on_counters,
		    MSG_VRRP_COUNTERS_PERIOD, MSG_VRRP_COUNTERS_PERIOD);
	if (sn.snmp)
		ev_timer_start(vrrp.loop, &sn.counters);
	else
		ev_timer_stop(vrrp.loop, &sn.counters);
	qsort(sn.v, sn.n, sizeof(*sn.v), by_id);
	prune_hist();
	sn.ndirty = 0;
	state_source_full(&sn.src, child_parent(), sn.v, sn.n);
}

/* The state and priority an event reports; an instance's item is
   refreshed whole (counters, master) at the same time. */
void
vrrp_snap_event(const struct msg_event *e, const struct vrrp_inst *vi)
{
	struct msg_vrrp_snap *s = find(e->id);
	struct snap_hist *h = hist(e->id);

	h->since_usec = e->usec;
	h->transitions++;
	if (s == NULL)
		return; /* not in a full state yet: the next one has it */
	if (vi != NULL)
		fill_inst(s, vi);
	s->state = e->new_state;
	s->priority = (uint8_t)e->value;
	s->since_usec = h->since_usec;
	s->transitions = h->transitions;
	push_dirty(s);
}

void
vrrp_snap_touch(const struct vrrp_inst *vi)
{
	refresh_inst(vi);
}

/* vi's item as now, but for the state the parent heard (a resume may
   report another), sent if it changed. */
static void
refresh_inst(const struct vrrp_inst *vi)
{
	const struct msg_vrrp_snap *cur;
	struct msg_vrrp_snap s;

	fill_inst(&s, vi);
	if ((cur = find(s.id)) != NULL)
		s.state = cur->state;
	refresh(&s);
}

/* Sends s at the end of this loop iteration, with the others. */
static void
push_dirty(const struct msg_vrrp_snap *s)
{
	sn.dirty = array_grow(
	    sn.dirty, &sn.capdirty, sn.ndirty + 1, sizeof(*sn.dirty));
	memcpy(&sn.dirty[sn.ndirty++], s, sizeof(*s));
	if (!sn.started) {
		ev_prepare_init(&sn.flush, on_prepare);
		sn.started = true;
	}
	ev_prepare_start(vrrp.loop, &sn.flush);
}

/* The table's item of s->id becomes s, and is sent, if it differs (items
   are zeroed before they are filled: memcmp compares the fields). */
static void
refresh(const struct msg_vrrp_snap *s)
{
	struct msg_vrrp_snap *cur = find(s->id);

	if (cur == NULL || memcmp(cur, s, sizeof(*s)) == 0)
		return;
	memcpy(cur, s, sizeof(*s));
	push_dirty(cur);
}

/*
 * SNMP's period: the items that changed since the last one.  Counters
 * move with every advert; reading them here, not when they move, keeps
 * an advert from costing a message, and the work (one item per
 * instance) is far below an advert interval.
 */
static void
on_counters(struct ev_loop *loop, ev_timer *w, int revents)
{
	const struct vrrp_inst *vi;
	struct msg_vrrp_snap s;

	(void)loop;
	(void)w;
	(void)revents;
	for (vi = vrrp.insts; vi != NULL; vi = vi->next)
		refresh_inst(vi);
	fill_proc(&s);
	refresh(&s);
}

static void
on_prepare(struct ev_loop *loop, ev_prepare *w, int revents)
{
	(void)revents;
	ev_prepare_stop(loop, w);
	if (sn.ndirty > 0)
		state_source_update(
		    &sn.src, child_parent(), sn.dirty, sn.ndirty);
	sn.ndirty = 0;
}

void
vrrp_snap_request(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_state_request r;

	memcpy(&r, m->payload, sizeof(r));
	if (r.what != MSG_STATE_VRRP)
		fatalx("bug: %s asked for state table %u", p->name, r.what);
	sn.ndirty = 0;
	state_source_full(&sn.src, p, sn.v, sn.n);
}
