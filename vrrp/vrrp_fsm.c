/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_fsm.c: the VRRP state machine (RFC 3768, 5798, 9568; keepalived). */

#include <string.h>

#include "vrrp_fsm.h"

#define USEC_PER_CS 10000ULL /* advert intervals are in centiseconds */
#define USEC_PER_SEC 1000000ULL
#define PRIO_OWNER 255
#define PRIO_STOP 0 /* "I resign": RFC 5798 section 5.2.4 */
#define DOWN_ADVERTS_RFC 3

static void push(struct vrrp_actions *, const struct vrrp_action *);
static void push_advert(struct vrrp_fsm *, uint8_t, struct vrrp_actions *);
static void push_simple(struct vrrp_actions *, enum vrrp_action_type);
static void recompute(struct vrrp_fsm *);
static uint64_t skew_for(const struct vrrp_fsm *, unsigned);
static int addr_cmp(const struct vrrp_fsm_addr *, const struct vrrp_fsm_addr *);
static void change_state(struct vrrp_fsm *, enum vrrp_state, enum vrrp_reason,
    bool, uint64_t, struct vrrp_actions *);
static void enter_backup(
    struct vrrp_fsm *, enum vrrp_reason, uint64_t, struct vrrp_actions *);
static void
ev_startup(struct vrrp_fsm *, bool, uint64_t, struct vrrp_actions *);
static void ev_resume(struct vrrp_fsm *, const struct vrrp_event *, uint64_t,
    struct vrrp_actions *);
static void ev_shutdown(struct vrrp_fsm *, const struct vrrp_event *, uint64_t,
    struct vrrp_actions *);
static void ev_adver_timer(struct vrrp_fsm *, uint64_t, struct vrrp_actions *);
static void ev_master_down(struct vrrp_fsm *, uint64_t, struct vrrp_actions *);
static void ev_advert(struct vrrp_fsm *, const struct vrrp_event *, uint64_t,
    struct vrrp_actions *);
static void backup_rx(struct vrrp_fsm *, const struct vrrp_event *, uint64_t);
static void master_rx(struct vrrp_fsm *, const struct vrrp_event *, uint64_t,
    struct vrrp_actions *);
static void learn_interval(struct vrrp_fsm *, const struct vrrp_event *);
static void ev_priority(struct vrrp_fsm *, int, struct vrrp_actions *);
static void ev_fault(struct vrrp_fsm *, bool, uint64_t, struct vrrp_actions *);
static void
ev_sync(struct vrrp_fsm *, enum vrrp_state, uint64_t, struct vrrp_actions *);

static const char *const state_names[] = {
	[VRRP_STATE_INIT] = "INIT",
	[VRRP_STATE_BACKUP] = "BACKUP",
	[VRRP_STATE_MASTER] = "MASTER",
	[VRRP_STATE_FAULT] = "FAULT",
	[VRRP_STATE_STOP] = "STOP",
};

static const char *const event_names[] = {
	[VRRP_EV_STARTUP] = "startup",
	[VRRP_EV_RESUME] = "resume",
	[VRRP_EV_SHUTDOWN] = "shutdown",
	[VRRP_EV_ADVER_TIMER] = "adver_timer",
	[VRRP_EV_MASTER_DOWN_TIMER] = "master_down_timer",
	[VRRP_EV_ADVERT] = "advert",
	[VRRP_EV_PRIORITY] = "priority",
	[VRRP_EV_FAULT_ON] = "fault",
	[VRRP_EV_FAULT_OFF] = "fault_cleared",
	[VRRP_EV_SYNC] = "sync",
};

static const char *const reason_names[] = {
	[VRRP_REASON_STARTUP] = "startup",
	[VRRP_REASON_RESUME] = "resume",
	[VRRP_REASON_OWNER] = "address owner",
	[VRRP_REASON_MASTER_NO_RESPONSE] = "master no response",
	[VRRP_REASON_PRIORITY_ZERO] = "master resigned",
	[VRRP_REASON_PREEMPTED] = "preempted",
	[VRRP_REASON_HIGHER_PRIORITY] = "higher priority advert",
	[VRRP_REASON_FAULT] = "fault",
	[VRRP_REASON_FAULT_CLEARED] = "fault cleared",
	[VRRP_REASON_SHUTDOWN] = "shutdown",
	[VRRP_REASON_SYNC_GROUP] = "sync group",
	[VRRP_REASON_REMOVED] = "removed by a reload",
};

static const char *const action_names[] = {
	[VRRP_ACT_SEND_ADVERT] = "SEND_ADVERT",
	[VRRP_ACT_ADD_VIPS] = "ADD_VIPS",
	[VRRP_ACT_DEL_VIPS] = "DEL_VIPS",
	[VRRP_ACT_SEND_GARP] = "SEND_GARP",
	[VRRP_ACT_SEND_GARP_LOWER_PRIO] = "SEND_GARP_LOWER_PRIO",
	[VRRP_ACT_TRANSITION] = "TRANSITION",
	[VRRP_ACT_PRIORITY_CHANGED] = "PRIORITY_CHANGED",
	[VRRP_ACT_MASTER_RX_LOWER_PRI] = "MASTER_RX_LOWER_PRI",
};

#define NAME(tab, i) \
	((size_t)(i) < sizeof(tab) / sizeof((tab)[0]) && (tab)[i] ? (tab)[i] \
	                                                          : "?")

const char *
vrrp_state_name(enum vrrp_state s)
{
	return NAME(state_names, s);
}

const char *
vrrp_event_name(enum vrrp_event_type t)
{
	return NAME(event_names, t);
}

const char *
vrrp_reason_name(enum vrrp_reason r)
{
	return NAME(reason_names, r);
}

const char *
vrrp_action_name(enum vrrp_action_type t)
{
	return NAME(action_names, t);
}

void
vrrp_actions_clear(struct vrrp_actions *out)
{
	out->n = 0;
	out->overflow = false;
}

void
vrrp_fsm_init(struct vrrp_fsm *fsm, const struct vrrp_fsm_params *p)
{
	/* memset leaves state at VRRP_STATE_INIT (0): change_state() stays
	 * the only function that moves it. */
	memset(fsm, 0, sizeof(*fsm));
	fsm->next_master_reason = VRRP_REASON_MASTER_NO_RESPONSE;
	vrrp_fsm_set_params(fsm, p);
}

void
vrrp_fsm_set_params(struct vrrp_fsm *fsm, const struct vrrp_fsm_params *p)
{
	fsm->p = *p;
	if (fsm->p.down_timer_adverts == 0)
		fsm->p.down_timer_adverts = DOWN_ADVERTS_RFC;
	/* a zero interval would arm timers at "now" for ever */
	if (fsm->p.advert_interval == 0)
		fsm->p.advert_interval = 1;
	fsm->base_priority = p->priority;
	fsm->priority = p->priority;
	fsm->advert_interval = fsm->p.advert_interval;
	if (fsm->state != VRRP_STATE_BACKUP)
		fsm->master_adver_interval = fsm->advert_interval;
	recompute(fsm);
}

uint64_t
vrrp_fsm_next_deadline(const struct vrrp_fsm *fsm)
{
	uint64_t a = fsm->adver_timer, d = fsm->master_down_timer;

	if (a == 0)
		return d;
	if (d == 0)
		return a;
	return a < d ? a : d;
}

void
vrrp_fsm_event(struct vrrp_fsm *fsm, const struct vrrp_event *ev, uint64_t now,
    struct vrrp_actions *out)
{
	switch (ev->type) {
	case VRRP_EV_STARTUP:
		if (fsm->state == VRRP_STATE_INIT)
			ev_startup(fsm, ev->u.startup.fault, now, out);
		break;
	case VRRP_EV_RESUME:
		if (fsm->state == VRRP_STATE_INIT)
			ev_resume(fsm, ev, now, out);
		break;
	case VRRP_EV_SHUTDOWN:
		ev_shutdown(fsm, ev, now, out);
		break;
	case VRRP_EV_ADVER_TIMER:
		ev_adver_timer(fsm, now, out);
		break;
	case VRRP_EV_MASTER_DOWN_TIMER:
		ev_master_down(fsm, now, out);
		break;
	case VRRP_EV_ADVERT:
		ev_advert(fsm, ev, now, out);
		break;
	case VRRP_EV_PRIORITY:
		ev_priority(fsm, ev->u.priority.total, out);
		break;
	case VRRP_EV_FAULT_ON:
		ev_fault(fsm, true, now, out);
		break;
	case VRRP_EV_FAULT_OFF:
		ev_fault(fsm, false, now, out);
		break;
	case VRRP_EV_SYNC:
		ev_sync(fsm, ev->u.sync.state, now, out);
		break;
	}
}

void
vrrp_fsm_expire(struct vrrp_fsm *fsm, uint64_t now, struct vrrp_actions *out)
{
	int guard;

	/* Each expiry re-arms at least a centisecond later or disarms, so
	 * this ends; the guard only bounds a caller's clock gone wild. */
	for (guard = 0; guard < 8; guard++) {
		uint64_t next = vrrp_fsm_next_deadline(fsm);

		if (next == 0 || next > now)
			return;
		if (next == fsm->master_down_timer)
			ev_master_down(fsm, now, out);
		else
			ev_adver_timer(fsm, now, out);
	}
}

static void
push(struct vrrp_actions *out, const struct vrrp_action *a)
{
	if (out->n == VRRP_ACTIONS_MAX) {
		out->overflow = true;
		return;
	}
	out->v[out->n++] = *a;
}

static void
push_simple(struct vrrp_actions *out, enum vrrp_action_type t)
{
	struct vrrp_action a = { .type = t };

	push(out, &a);
}

static void
push_advert(struct vrrp_fsm *fsm, uint8_t prio, struct vrrp_actions *out)
{
	struct vrrp_action a = { .type = VRRP_ACT_SEND_ADVERT,
		.priority = prio };

	fsm->stats.adverts_tx++;
	if (prio == PRIO_STOP)
		fsm->stats.prio0_tx++;
	push(out, &a);
}

/*
 * Skew_Time for a priority term of (256 - Priority), in usec.
 * RFC 3768 section 6.1 (v2): (256 - Priority) / 256 seconds.
 * RFC 5798 / 9568 section 6.1 (v3): ((256 - Priority) *
 * Master_Adver_Interval) / 256 centiseconds.  We keep the v3 value in
 * usec instead of truncating to centiseconds: with a 1 cs interval the
 * truncated skew is 0 for every priority and backups would no longer
 * time out in priority order.  keepalived computes it the same way.
 */
static uint64_t
skew_for(const struct vrrp_fsm *fsm, unsigned term)
{
	if (fsm->p.version == 2)
		return (uint64_t)term * USEC_PER_SEC / 256;
	return (uint64_t)term * fsm->master_adver_interval * USEC_PER_CS / 256;
}

/* RFC 5798 section 6.1: Skew_Time and Master_Down_Interval. */
static void
recompute(struct vrrp_fsm *fsm)
{
	fsm->skew_time = skew_for(fsm, 256U - fsm->priority);
	fsm->master_down_interval = (uint64_t)fsm->p.down_timer_adverts *
	        fsm->master_adver_interval * USEC_PER_CS +
	    fsm->skew_time;
}

/*
 * Numeric comparison of two primary addresses (RFC 5798 section 6.4.3:
 * the higher one wins a tie).  Addresses of different families never
 * win or lose: 0, as keepalived does.
 */
static int
addr_cmp(const struct vrrp_fsm_addr *a, const struct vrrp_fsm_addr *b)
{
	int c;

	if (a->len != b->len || a->len == 0 || a->len > sizeof(a->a))
		return 0;
	c = memcmp(a->a, b->a, a->len);
	return c < 0 ? -1 : c > 0;
}

/*
 * The only place the state changes: the exit action of the old state,
 * the entry action of the new one, counters, and one TRANSITION record
 * after them (keepalived runs notify scripts once VIPs have moved).
 * vips_stay: the addresses are where they should be already: a resumed
 * MASTER re-asserts them (ADD_VIPS ensure, no GARP); a STOP under -V
 * leaves them.
 */
static void
change_state(struct vrrp_fsm *fsm, enum vrrp_state to, enum vrrp_reason why,
    bool vips_stay, uint64_t now, struct vrrp_actions *out)
{
	enum vrrp_state from = fsm->state;
	struct vrrp_action t = { .type = VRRP_ACT_TRANSITION };

	if (from == to)
		return;

	if (from == VRRP_STATE_MASTER) {
		/* A resigning master says so, so that a backup takes over
		 * after Skew_Time rather than Master_Down_Interval (RFC 5798
		 * section 6.4.3 "Shutdown"; keepalived on FAULT too). */
		if (to == VRRP_STATE_FAULT || to == VRRP_STATE_STOP)
			push_advert(fsm, PRIO_STOP, out);
		if (!(to == VRRP_STATE_STOP && vips_stay))
			push_simple(out, VRRP_ACT_DEL_VIPS);
		fsm->stats.release_master++;
	}

	fsm->state = to;
	fsm->adver_timer = 0;
	fsm->master_down_timer = 0;
	fsm->preempt_time = 0;

	switch (to) {
	case VRRP_STATE_MASTER: {
		struct vrrp_action add = { .type = VRRP_ACT_ADD_VIPS,
			.ensure = vips_stay };

		/* RFC 5798 section 6.4.1/6.4.2: advert first, so the old
		 * master drops the VIPs before our GARPs claim them. */
		push_advert(fsm, fsm->priority, out);
		push(out, &add);
		if (!vips_stay)
			push_simple(out, VRRP_ACT_SEND_GARP);
		/* as master we advertise our own interval again */
		fsm->master_adver_interval = fsm->advert_interval;
		recompute(fsm);
		fsm->adver_timer = now + fsm->advert_interval * USEC_PER_CS;
		fsm->stats.become_master++;
		break;
	}
	case VRRP_STATE_BACKUP:
		fsm->master_down_timer = now + fsm->master_down_interval;
		fsm->next_master_reason = VRRP_REASON_MASTER_NO_RESPONSE;
		break;
	case VRRP_STATE_FAULT:
	case VRRP_STATE_STOP:
	case VRRP_STATE_INIT:
		fsm->master_adver_interval = fsm->advert_interval;
		recompute(fsm);
		break;
	}

	t.old_state = from;
	t.new_state = to;
	t.reason = why;
	t.priority = fsm->priority;
	fsm->stats.transitions++;
	push(out, &t);
}

/* Into BACKUP with Master_Adver_Interval back at our own (section 6.4.1). */
static void
enter_backup(struct vrrp_fsm *fsm, enum vrrp_reason why, uint64_t now,
    struct vrrp_actions *out)
{
	fsm->master_adver_interval = fsm->advert_interval;
	recompute(fsm);
	change_state(fsm, VRRP_STATE_BACKUP, why, false, now, out);
}

/* RFC 5798 section 6.4.1, plus keepalived's FAULT and "state MASTER". */
static void
ev_startup(
    struct vrrp_fsm *fsm, bool fault, uint64_t now, struct vrrp_actions *out)
{
	fsm->fault = fsm->fault || fault;
	if (fsm->fault) {
		change_state(fsm, VRRP_STATE_FAULT, VRRP_REASON_STARTUP, false,
		    now, out);
		return;
	}
	if (fsm->base_priority == PRIO_OWNER) {
		change_state(
		    fsm, VRRP_STATE_MASTER, VRRP_REASON_OWNER, false, now, out);
		return;
	}
	enter_backup(fsm, VRRP_REASON_STARTUP, now, out);
	/* keepalived: a non-owner configured MASTER waits one interval
	 * plus the smallest skew for a master to show, not the full
	 * Master_Down_Interval. */
	if (fsm->p.want_master)
		fsm->master_down_timer = now +
		    fsm->master_adver_interval * USEC_PER_CS + skew_for(fsm, 1);
}

/*
 * A respawned child takes back the state the parent last saw, without
 * an election: a MASTER advertises at once and keeps its addresses
 * (ADD_VIPS is marked ensure, so the child re-asserts rather than adds),
 * a BACKUP waits a full Master_Down_Interval.
 */
static void
ev_resume(struct vrrp_fsm *fsm, const struct vrrp_event *ev, uint64_t now,
    struct vrrp_actions *out)
{
	fsm->fault = fsm->fault || ev->u.resume.fault;
	if (fsm->fault) {
		/* A master that cannot stay one resigns and drops the
		 * addresses the dead child left behind. */
		if (ev->u.resume.state == VRRP_STATE_MASTER) {
			push_advert(fsm, PRIO_STOP, out);
			push_simple(out, VRRP_ACT_DEL_VIPS);
		}
		change_state(
		    fsm, VRRP_STATE_FAULT, VRRP_REASON_RESUME, false, now, out);
		return;
	}
	switch (ev->u.resume.state) {
	case VRRP_STATE_MASTER:
		change_state(
		    fsm, VRRP_STATE_MASTER, VRRP_REASON_RESUME, true, now, out);
		break;
	case VRRP_STATE_BACKUP:
		enter_backup(fsm, VRRP_REASON_RESUME, now, out);
		break;
	case VRRP_STATE_FAULT:
		change_state(
		    fsm, VRRP_STATE_FAULT, VRRP_REASON_RESUME, false, now, out);
		break;
	case VRRP_STATE_INIT:
	case VRRP_STATE_STOP:
		/* nothing to resume: start afresh */
		ev_startup(fsm, false, now, out);
		break;
	}
}

static void
ev_shutdown(struct vrrp_fsm *fsm, const struct vrrp_event *ev, uint64_t now,
    struct vrrp_actions *out)
{
	if (fsm->state == VRRP_STATE_STOP)
		return;
	change_state(fsm, VRRP_STATE_STOP, VRRP_REASON_SHUTDOWN,
	    ev->u.shutdown.keep_vips, now, out);
}

/* RFC 5798 section 6.4.3: send an advert, reset the Adver_Timer. */
static void
ev_adver_timer(struct vrrp_fsm *fsm, uint64_t now, struct vrrp_actions *out)
{
	if (fsm->state != VRRP_STATE_MASTER || fsm->adver_timer == 0 ||
	    fsm->adver_timer > now)
		return;
	push_advert(fsm, fsm->priority, out);
	fsm->adver_timer = now + fsm->advert_interval * USEC_PER_CS;
}

/* RFC 5798 section 6.4.2: no master heard from: become MASTER. */
static void
ev_master_down(struct vrrp_fsm *fsm, uint64_t now, struct vrrp_actions *out)
{
	if (fsm->state != VRRP_STATE_BACKUP || fsm->master_down_timer == 0 ||
	    fsm->master_down_timer > now)
		return;
	change_state(
	    fsm, VRRP_STATE_MASTER, fsm->next_master_reason, false, now, out);
}

static void
ev_advert(struct vrrp_fsm *fsm, const struct vrrp_event *ev, uint64_t now,
    struct vrrp_actions *out)
{
	/* A v3 advert with a zero interval is malformed (the parser should
	 * have dropped it); learning it would spin the timers. */
	if (fsm->p.version == 3 && ev->u.advert.priority != PRIO_STOP &&
	    ev->u.advert.adver_int == 0)
		return;
	switch (fsm->state) {
	case VRRP_STATE_BACKUP:
		fsm->stats.adverts_rx++;
		backup_rx(fsm, ev, now);
		break;
	case VRRP_STATE_MASTER:
		fsm->stats.adverts_rx++;
		master_rx(fsm, ev, now, out);
		break;
	case VRRP_STATE_INIT:
	case VRRP_STATE_FAULT:
	case VRRP_STATE_STOP:
		/* RFC 5798 section 6.4: only Backup and Master listen */
		break;
	}
}

/* RFC 5798 section 6.4.2: Set Master_Adver_Interval from the advert. */
static void
learn_interval(struct vrrp_fsm *fsm, const struct vrrp_event *ev)
{
	if (fsm->p.version != 3)
		return;
	fsm->master_adver_interval = ev->u.advert.adver_int;
	recompute(fsm);
}

/*
 * RFC 5798 section 6.4.2 (BACKUP receives an ADVERTISEMENT), with
 * keepalived's preempt_delay: for preempt_delay after the first lower
 * priority advert, such adverts still hold us in BACKUP; after it, they
 * are discarded and the Master_Down_Timer runs out.
 */
static void
backup_rx(struct vrrp_fsm *fsm, const struct vrrp_event *ev, uint64_t now)
{
	uint8_t prio = ev->u.advert.priority;
	bool delaying;

	if (prio == PRIO_STOP) {
		fsm->stats.prio0_rx++;
		fsm->master_down_timer = now + fsm->skew_time;
		fsm->next_master_reason = VRRP_REASON_PRIORITY_ZERO;
		return;
	}
	delaying = fsm->p.preempt_delay != 0 &&
	    (fsm->preempt_time == 0 || fsm->preempt_time > now);
	if (fsm->p.nopreempt || prio >= fsm->priority || delaying) {
		learn_interval(fsm, ev);
		fsm->master_down_timer = now + fsm->master_down_interval;
		fsm->master_priority = prio;
		fsm->master_addr = ev->u.advert.saddr;
		fsm->next_master_reason = VRRP_REASON_MASTER_NO_RESPONSE;
		if (fsm->p.preempt_delay != 0) {
			if (prio >= fsm->priority)
				fsm->preempt_time = 0;
			else if (fsm->preempt_time == 0)
				fsm->preempt_time = now + fsm->p.preempt_delay;
		}
		return;
	}
	/* Discard: the Master_Down_Timer keeps running and makes us the
	 * master, unless the lower master yields first. */
	fsm->stats.adverts_discarded++;
	fsm->master_addr = ev->u.advert.saddr;
	fsm->next_master_reason = VRRP_REASON_PREEMPTED;
}

/*
 * RFC 5798 section 6.4.3 (MASTER receives an ADVERTISEMENT), with
 * keepalived's higher_prio_send_advert, lower_prio_no_advert,
 * garp_lower_prio_repeat and owner clash.
 */
static void
master_rx(struct vrrp_fsm *fsm, const struct vrrp_event *ev, uint64_t now,
    struct vrrp_actions *out)
{
	uint8_t prio = ev->u.advert.priority;
	int cmp = addr_cmp(&ev->u.advert.saddr, &fsm->p.primary);
	bool higher;

	if (prio == PRIO_STOP) {
		/* someone resigned: tell the backups we are here */
		fsm->stats.prio0_rx++;
		push_advert(fsm, fsm->priority, out);
		fsm->adver_timer = now + fsm->advert_interval * USEC_PER_CS;
		return;
	}
	/* Two owners is a configuration error; keepalived steps down to
	 * 254 so that the tie has an answer. */
	if (prio == fsm->priority && fsm->priority == PRIO_OWNER && cmp != 0) {
		struct vrrp_action a = { .type = VRRP_ACT_PRIORITY_CHANGED,
			.priority = PRIO_OWNER - 1,
			.old_priority = PRIO_OWNER };

		fsm->base_priority = PRIO_OWNER - 1;
		fsm->priority = PRIO_OWNER - 1;
		recompute(fsm);
		push(out, &a);
	}
	higher = prio > fsm->priority || (prio == fsm->priority && cmp > 0);
	if (higher) {
		if (fsm->p.higher_prio_send_advert)
			push_advert(fsm, fsm->priority, out);
		learn_interval(fsm, ev);
		fsm->master_priority = prio;
		fsm->master_addr = ev->u.advert.saddr;
		change_state(fsm, VRRP_STATE_BACKUP,
		    VRRP_REASON_HIGHER_PRIORITY, false, now, out);
		return;
	}
	if (cmp == 0 && prio == fsm->priority)
		return; /* our own address: a loop or a clone; ignore */
	/* Lower: RFC says discard; keepalived by default answers at once
	 * to end the other's mastership quickly. */
	if (!fsm->p.lower_prio_no_advert)
		push_advert(fsm, fsm->priority, out);
	if (fsm->p.garp_lower_prio)
		push_simple(out, VRRP_ACT_SEND_GARP_LOWER_PRIO);
	push_simple(out, VRRP_ACT_MASTER_RX_LOWER_PRI);
}

/*
 * keepalived vrrp_set_effective_priority: an owner keeps 255; others
 * are clamped to 1..254.  In BACKUP the Master_Down_Timer moves by the
 * change of Skew_Time so a pending timeout keeps its meaning.
 */
static void
ev_priority(struct vrrp_fsm *fsm, int total, struct vrrp_actions *out)
{
	struct vrrp_action a = { .type = VRRP_ACT_PRIORITY_CHANGED };
	uint64_t old_mdi = fsm->master_down_interval;
	uint8_t prio;

	if (fsm->base_priority == PRIO_OWNER || fsm->state == VRRP_STATE_STOP)
		return;
	if (total < 1)
		prio = 1;
	else if (total >= PRIO_OWNER)
		prio = PRIO_OWNER - 1;
	else
		prio = (uint8_t)total;
	if (prio == fsm->priority)
		return;
	a.old_priority = fsm->priority;
	a.priority = prio;
	fsm->priority = prio;
	recompute(fsm);
	if (fsm->state == VRRP_STATE_BACKUP && fsm->master_down_timer != 0)
		fsm->master_down_timer = fsm->master_down_timer - old_mdi +
		    fsm->master_down_interval;
	push(out, &a);
}

/* keepalived: FAULT is a level; leaving it goes to BACKUP, or to MASTER
 * for the address owner. */
static void
ev_fault(struct vrrp_fsm *fsm, bool on, uint64_t now, struct vrrp_actions *out)
{
	fsm->fault = on;
	switch (fsm->state) {
	case VRRP_STATE_BACKUP:
	case VRRP_STATE_MASTER:
		if (on)
			change_state(fsm, VRRP_STATE_FAULT, VRRP_REASON_FAULT,
			    false, now, out);
		break;
	case VRRP_STATE_FAULT:
		if (on)
			break;
		if (fsm->base_priority == PRIO_OWNER)
			change_state(fsm, VRRP_STATE_MASTER,
			    VRRP_REASON_FAULT_CLEARED, false, now, out);
		else
			enter_backup(fsm, VRRP_REASON_FAULT_CLEARED, now, out);
		break;
	case VRRP_STATE_INIT:
	case VRRP_STATE_STOP:
		/* INIT remembers it for startup; STOP is final */
		break;
	}
}

/*
 * keepalived's sync groups: when one member becomes MASTER the others in
 * BACKUP follow at once, and when one falls back to BACKUP a MASTER
 * member follows.  FAULT is handled by the caller as a shared fault.
 */
static void
ev_sync(struct vrrp_fsm *fsm, enum vrrp_state to, uint64_t now,
    struct vrrp_actions *out)
{
	if (to == VRRP_STATE_MASTER && fsm->state == VRRP_STATE_BACKUP)
		change_state(fsm, VRRP_STATE_MASTER, VRRP_REASON_SYNC_GROUP,
		    false, now, out);
	else if (to == VRRP_STATE_BACKUP && fsm->state == VRRP_STATE_MASTER)
		enter_backup(fsm, VRRP_REASON_SYNC_GROUP, now, out);
}
