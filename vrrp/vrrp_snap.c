/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_snap.c: what the VRRP child runs now, as snapshots for the parent
   (status and SNMP read them there, never by asking this loop). */

#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "child.h"
#include "log.h"
#include "state_sync.h"
#include "vrrp_inst.h"

static int by_id(const void *, const void *);
static struct msg_vrrp_snap *find(objid_t);
static struct snap_hist *hist(objid_t);
static void prune_hist(void);
static void snap_item(struct msg_vrrp_snap *, enum obj_kind, const char *,
    enum vrrp_state, uint8_t prio, uint8_t base);
static void on_prepare(struct ev_loop *, ev_prepare *, int);

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

void
vrrp_snap_full(void)
{
	const struct vrrp_inst *vi;
	const struct vrrp_group *g;
	size_t n = 0;

	for (vi = vrrp.insts; vi != NULL; vi = vi->next) {
		sn.v = array_grow(sn.v, &sn.cap, n + 1, sizeof(*sn.v));
		snap_item(&sn.v[n++], OBJ_VRRP_INSTANCE, vi->conf->name,
		    vi->fsm.state, vi->fsm.priority, vi->fsm.base_priority);
	}
	for (g = vrrp.groups; g != NULL; g = g->next) {
		sn.v = array_grow(sn.v, &sn.cap, n + 1, sizeof(*sn.v));
		snap_item(
		    &sn.v[n++], OBJ_VRRP_GROUP, g->conf->name, g->state, 0, 0);
	}
	sn.n = n;
	qsort(sn.v, sn.n, sizeof(*sn.v), by_id);
	prune_hist();
	sn.ndirty = 0;
	state_source_full(&sn.src, child_parent(), sn.v, sn.n);
}

/* The state and priority an event reports. */
void
vrrp_snap_event(const struct msg_event *e)
{
	struct msg_vrrp_snap *s = find(e->id);
	struct snap_hist *h = hist(e->id);

	h->since_usec = e->usec;
	h->transitions++;
	if (s == NULL)
		return; /* not in a full state yet: the next one has it */
	s->state = e->new_state;
	s->priority = (uint8_t)e->value;
	s->since_usec = h->since_usec;
	s->transitions = h->transitions;
	sn.dirty = array_grow(
	    sn.dirty, &sn.capdirty, sn.ndirty + 1, sizeof(*sn.dirty));
	sn.dirty[sn.ndirty++] = *s;
	if (!sn.started) {
		ev_prepare_init(&sn.flush, on_prepare);
		sn.started = true;
	}
	ev_prepare_start(vrrp.loop, &sn.flush);
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
