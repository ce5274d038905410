/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_fsm.h: the VRRP state machine of one instance, free of side effects. */

#ifndef VIGIL_VRRP_FSM_H
#define VIGIL_VRRP_FSM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The machine takes an event and the current time and returns, in order,
 * what the VRRP child must do: send adverts, add or delete the VIPs, send
 * gratuitous ARPs, and report transitions to the parent.  It reads no
 * clock, opens no socket and logs nothing, so unit tests drive it with a
 * fake clock.  Times are CLOCK_MONOTONIC microseconds; a deadline of 0
 * means "not armed", so callers must pass now_us > 0.
 *
 * The child's loop, per instance:
 *	vrrp_fsm_init(&fsm, &params);
 *	vrrp_actions_clear(&out);
 *	vrrp_fsm_event(&fsm, &startup_or_resume, now, &out);
 *	run out.v[0 .. out.n - 1] in order;
 *	arm one timer at vrrp_fsm_next_deadline(&fsm);
 *	when it fires: vrrp_fsm_expire(&fsm, now, &out), run, re-arm;
 *	on an advert, a tracking change, a fault or shutdown: the same.
 */

enum vrrp_state {
	VRRP_STATE_INIT, /* zero: what vrrp_fsm_init() leaves */
	VRRP_STATE_BACKUP,
	VRRP_STATE_MASTER,
	VRRP_STATE_FAULT,
	VRRP_STATE_STOP,
};

enum vrrp_event_type {
	VRRP_EV_STARTUP, /* first start: INIT -> BACKUP, MASTER or FAULT */
	VRRP_EV_RESUME, /* respawned child: INIT -> the state it had */
	VRRP_EV_SHUTDOWN, /* -> STOP */
	VRRP_EV_ADVER_TIMER, /* the Adver_Timer expired (MASTER) */
	VRRP_EV_MASTER_DOWN_TIMER, /* the Master_Down_Timer expired (BACKUP) */
	VRRP_EV_ADVERT, /* a validated advertisement was received */
	VRRP_EV_PRIORITY, /* tracking recomputed the priority */
	VRRP_EV_FAULT_ON, /* a tracked object says the instance cannot run */
	VRRP_EV_FAULT_OFF, /* ... and now it can again */
	VRRP_EV_SYNC, /* a sync group member moved: follow it */
};

/* Why a transition happened; VRRPv3-MIB's master reason derives from it. */
enum vrrp_reason {
	VRRP_REASON_STARTUP,
	VRRP_REASON_RESUME, /* re-sync after a respawn, not a new event */
	VRRP_REASON_OWNER, /* priority 255 owns the addresses */
	VRRP_REASON_MASTER_NO_RESPONSE, /* Master_Down_Timer expired */
	VRRP_REASON_PRIORITY_ZERO, /* ... after the master resigned */
	VRRP_REASON_PREEMPTED, /* ... after we discarded lower adverts */
	VRRP_REASON_HIGHER_PRIORITY, /* MASTER saw a better master */
	VRRP_REASON_FAULT,
	VRRP_REASON_FAULT_CLEARED,
	VRRP_REASON_SHUTDOWN,
	VRRP_REASON_SYNC_GROUP, /* another member of the sync group moved */
	VRRP_REASON_REMOVED, /* a reload removed the instance (reported as
				DELETED or FAULT, not as its STOP) */
};

/* An IPv4 (len 4) or IPv6 (len 16) address in network byte order. */
struct vrrp_fsm_addr {
	uint8_t len;
	uint8_t a[16];
};

struct vrrp_event {
	enum vrrp_event_type type;
	union {
		struct {
			bool fault; /* tracking already says FAULT */
		} startup;
		struct {
			/* the state the parent last saw */
			enum vrrp_state state;
			bool fault; /* tracking says FAULT now */
		} resume;
		struct {
			bool keep_vips; /* -V, --dont-release-vrrp */
		} shutdown;
		struct {
			uint8_t priority;
			uint16_t adver_int; /* centiseconds, v3 only */
			struct vrrp_fsm_addr saddr; /* the sender's primary */
		} advert;
		struct {
			int total; /* base + weights; clamped to 1..254 */
		} priority;
		struct {
			/* MASTER or BACKUP: the state a member entered */
			enum vrrp_state state;
		} sync;
	} u;
};

enum vrrp_action_type {
	VRRP_ACT_SEND_ADVERT, /* priority: 0 when resigning */
	VRRP_ACT_ADD_VIPS, /* VIPs, eVIPs, routes, rules (and accept mode) */
	VRRP_ACT_DEL_VIPS,
	VRRP_ACT_SEND_GARP, /* first burst of garp_master_repeat; the child
			       schedules garp_master_delay and refresh */
	VRRP_ACT_SEND_GARP_LOWER_PRIO, /* garp_lower_prio_repeat burst */
	VRRP_ACT_TRANSITION, /* old_state -> new_state; for the parent */
	VRRP_ACT_PRIORITY_CHANGED, /* old_priority -> priority */
	VRRP_ACT_MASTER_RX_LOWER_PRI, /* notify_master_rx_lower_pri */
};

struct vrrp_action {
	enum vrrp_action_type type;
	uint8_t priority; /* advertised, new, or at the transition */
	uint8_t old_priority; /* PRIORITY_CHANGED */
	bool ensure; /* ADD_VIPS on resume: they may be there; re-assert */
	enum vrrp_state old_state, new_state; /* TRANSITION */
	enum vrrp_reason reason; /* TRANSITION */
};

#define VRRP_ACTIONS_MAX 16

/* Appended to by the machine; the caller clears it between runs. */
struct vrrp_actions {
	size_t n;
	bool overflow; /* more than VRRP_ACTIONS_MAX: a bug, never seen */
	struct vrrp_action v[VRRP_ACTIONS_MAX];
};

/* What the machine needs of an instance's configuration. */
struct vrrp_fsm_params {
	int version; /* 2 or 3 */
	uint8_t priority; /* configured (base) priority, 1..255 */
	uint32_t advert_interval; /* centiseconds: v2 seconds x 100 */
	uint64_t preempt_delay; /* usec; 0: none */
	uint32_t down_timer_adverts; /* 0: the RFC's 3 */
	bool nopreempt;
	bool want_master; /* "state MASTER" in the config */
	bool lower_prio_no_advert;
	bool higher_prio_send_advert;
	bool garp_lower_prio; /* garp_lower_prio_repeat > 0 */
	struct vrrp_fsm_addr primary; /* our address in adverts */
};

struct vrrp_fsm_counters {
	uint64_t transitions;
	uint64_t become_master;
	uint64_t release_master;
	uint64_t adverts_rx;
	uint64_t adverts_tx; /* SEND_ADVERT actions, priority 0 included */
	uint64_t prio0_rx;
	uint64_t prio0_tx;
	uint64_t adverts_discarded; /* lower priority, dropped in BACKUP */
};

/* Runtime of one instance.  Read freely; change only through the API. */
struct vrrp_fsm {
	struct vrrp_fsm_params p;
	enum vrrp_state state;
	bool fault; /* the last FAULT_ON/OFF said fault */
	uint8_t base_priority; /* p.priority, lowered on an owner clash */
	uint8_t priority; /* effective: what we advertise */
	uint8_t master_priority; /* of the last accepted advert */
	struct vrrp_fsm_addr master_addr; /* its sender */
	/* RFC 5798 section 6.1 parameters */
	uint32_t advert_interval; /* Advertisement_Interval, centiseconds */
	uint32_t master_adver_interval; /* centiseconds */
	uint64_t skew_time; /* usec */
	uint64_t master_down_interval; /* usec */
	/* timers: absolute deadlines in usec, 0 when not armed */
	uint64_t adver_timer;
	uint64_t master_down_timer;
	/* keepalived's preempt_delay: lower adverts count as the master's
	 * until this time; 0 when not started */
	uint64_t preempt_time;
	enum vrrp_reason next_master_reason;
	struct vrrp_fsm_counters stats;
};

/* Fills fsm from params; the state is INIT, nothing is armed. */
void vrrp_fsm_init(struct vrrp_fsm *, const struct vrrp_fsm_params *);

/*
 * A reload changed the instance's parameters but not its identity: take
 * the new values and keep the state, timers and learned master.  The
 * effective priority becomes the new base; the caller then feeds the
 * trackers' total as a VRRP_EV_PRIORITY event.  No action results.
 */
void vrrp_fsm_set_params(struct vrrp_fsm *, const struct vrrp_fsm_params *);

/* Applies one event at now_us, appending the actions to *out in order. */
void vrrp_fsm_event(struct vrrp_fsm *, const struct vrrp_event *,
    uint64_t now_us, struct vrrp_actions *out);

/* Runs the timer events whose deadline is <= now_us, in deadline order. */
void vrrp_fsm_expire(struct vrrp_fsm *, uint64_t now_us, struct vrrp_actions *);

/* The earliest armed deadline, 0 when none is. */
uint64_t vrrp_fsm_next_deadline(const struct vrrp_fsm *);

void vrrp_actions_clear(struct vrrp_actions *);

/* Stable upper-case names, as keepalived logs them ("MASTER"). */
const char *vrrp_state_name(enum vrrp_state);
const char *vrrp_event_name(enum vrrp_event_type);
const char *vrrp_reason_name(enum vrrp_reason);
const char *vrrp_action_name(enum vrrp_action_type);

#endif
