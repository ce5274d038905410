/* SPDX-License-Identifier: GPL-2.0-or-later */
/* herald.h: the parent's herald: every event a child reports, to every sink. */

#ifndef VIGIL_HERALD_H
#define VIGIL_HERALD_H

#include <stdbool.h>
#include <stdint.h>
#include <ev.h>

#include "cfg.h"
#include "msg.h"
#include "objid.h"

/*
 * Every state change a child reports (struct msg_event) reaches the
 * outside world here, in arrival order and exactly once, through the
 * sinks that subscribed: the log line, the notify scripts, the
 * notify_fifo lines, and later email and SNMP traps.  The herald knows
 * objects by id only; what it says of them (name, scripts) comes from
 * descriptions that each subsystem supplies from its own part of the
 * configuration (vrrp/vrrp_herald.c for instances and sync groups).
 *
 * The built-in sinks keep keepalived's formats:
 *
 * - herald_log_sink, one line at info:
 *	herald: VRRP_Instance(VI_1) BACKUP -> MASTER (priority 150)
 *	herald: VRRP_Group(G1) BACKUP -> MASTER
 * - herald_fifo_sink, one line on notify_fifo and on vrrp_notify_fifo,
 *   keepalived's format (vrrp/vrrp_notify.c notify_fifo():
 *   "%s \"%s\" %s %d\n"):
 *	INSTANCE "VI_1" MASTER 150
 *	GROUP "G1" FAULT 0
 *   (a group's priority is 0, as in keepalived);
 * - herald_script_sink, the object's script for its new state
 *   (notify_master/backup/fault/stop) without arguments, and its
 *   generic notify script with TYPE NAME STATE PRIORITY (keepalived's
 *   notify_script_exec(): INSTANCE|GROUP, the name,
 *   MASTER|BACKUP|FAULT|STOP, the priority; 0 for a group).  Both
 *   scripts of one event start together; those of the next event of
 *   the same object start when both finished, so a script sees an
 *   object's states in order.  Each runs at most
 *   NOTIFY_SCRIPT_TIMEOUT (keepalived bounds only notify_stop, at 1 s;
 *   an unbounded script would stall its object's queue).
 *
 * The checker's events (check/check_herald.c describes the servers,
 * named as keepalived's FMT_VS and FMT_RS name them) keep keepalived's
 * LVS formats (check/ipwrapper.c):
 *
 * - herald_log_sink, one line at info; a real server's state with its
 *   weight and the result of the attempt that decided it (no result
 *   when none decided it: CHECK_R_NONE), a weight change of a live
 *   server (an event UP -> UP), a sorry server, a quorum (one line
 *   each, broken here after the name):
 *	herald: Real_Server([192.0.2.10]:tcp:80 of [192.0.2.1]:tcp:80)
 *	    DOWN (weight 0; refused: connection refused)
 *	herald: Real_Server([192.0.2.10]:tcp:80 of [192.0.2.1]:tcp:80)
 *	    UP (weight 3; ok: check passed)
 *	herald: Real_Server([192.0.2.10]:tcp:80 of [192.0.2.1]:tcp:80)
 *	    weight 1 -> 3
 *   ("weight now 3" when the herald heard nothing of it before: the
 *   checker decides its servers' first states without events)
 *	herald: Sorry_Server([192.0.2.99]:tcp:80 of [192.0.2.1]:tcp:80)
 *	    UP (weight 1)
 *	herald: Virtual_Server([192.0.2.1]:tcp:80) quorum DOWN (live weight 0)
 * - herald_fifo_sink, on notify_fifo and on lvs_notify_fifo
 *   (keepalived's notify_fifo_vs() and notify_fifo_rs()):
 *	VS [192.0.2.1]:tcp:80 UP
 *	RS [192.0.2.10]:tcp:80 [192.0.2.1]:tcp:80 DOWN
 * - herald_script_sink: a real server's notify_up or notify_down, a
 *   virtual server's quorum_up or quorum_down, without arguments
 *   (keepalived's notify_exec()); they have no generic notify script.
 *
 * A weight change (an event that keeps the state: herald_event_told())
 * and a sorry server (a quiet object) are logged only: keepalived has
 * no script and no FIFO line for them.
 *
 * A VRRP transition to INIT is logged and remembered only (keepalived
 * has no notification for it: herald_told()).  Scripts and users are
 * taken from the configuration current when the event arrives; an
 * object a reload removed keeps those of the last configuration that
 * described it (the herald keeps copies), for its last event.
 *
 * A VRRP instance a reload removes ends with keepalived's last event
 * (vrrp.c clear_diff_vrrp()): with notify_deleted, a transition to
 * DELETED (its notify_deleted script, if it has one; the generic notify
 * and the FIFOs say DELETED); without, one to FAULT (notify_fault, and
 * FAULT), none when it was in FAULT already.
 *
 * Notes (enum msg_event_what) tell of an instance that keeps its
 * state; the log sink says them, the FIFO and script sinks tell them
 * (herald_note_told()), email and traps never (herald_event_told() is
 * false for them), as keepalived:
 *
 * - a priority change, sent only with notify_priority_changes
 *   (keepalived's send_instance_priority_notifies()): no script, a
 *   FIFO line with MASTER_PRIORITY when master, else BACKUP_PRIORITY:
 *	herald: VRRP_Instance(VI_1) MASTER priority 150 -> 90
 *	INSTANCE "VI_1" MASTER_PRIORITY 90
 * - a master heard an advert of lower priority (keepalived's
 *   send_event_notify()): notify_master_rx_lower_pri without
 *   arguments, in the object's queue, and a FIFO line with our
 *   priority; one such script waiting is enough, a second is not
 *   queued behind it (the VRRP child sends at most one such note per
 *   instance and second: keepalived runs the script on every such
 *   advert):
 *	herald: VRRP_Instance(VI_1) MASTER received a lower priority advert
 *	    (priority 150)
 *	INSTANCE "VI_1" MASTER_RX_LOWER_PRI 150
 */
#define NOTIFY_SCRIPT_TIMEOUT_US (30 * 1000000ULL)
/* How long an orderly stop waits for the last scripts, then kills them. */
#define NOTIFY_STOP_WAIT 5.0
/* Events one object may have waiting for their scripts. */
#define NOTIFY_QUEUE_MAX 128
/* Events whose scripts start in one iteration of the parent's loop, at
   most (each start suspends the parent until the script's exec): a
   burst goes on in the next iterations, in the objects' order. */
#define NOTIFY_STARTS_MAX 8
/* The niceness notify scripts run at: a burst of 1,000 shells on a small
   machine would otherwise take the CPU from the VRRP child's adverts
   (bench/alerts: 0.8 s late at nice 0).  They still run at once on an
   idle machine. */
#define NOTIFY_SCRIPT_NICE 10
/* Objects whose scripts may run at once; the others' wait their turn,
   in order.  With the niceness, this keeps a burst's shells (and what
   they run) from outweighing the VRRP child on the CPU when the kernel
   has taken its real-time scheduling away (vrrp_rlimit_rttime). */
#define NOTIFY_RUNNING_MAX 32

/* States a kind may have, at most; sinks a herald may have. */
#define HERALD_STATES 8
#define HERALD_SINKS 8

/* ---- the vocabulary of events, per kind (core: every process's) ---- */

/* "VRRP_Instance", "VRRP_Group", "Virtual_Server", "Real_Server",
   "Process": how logs name a kind. */
const char *herald_kind_label(enum obj_kind);
/* The word for a state of that kind ("MASTER", "UP"); "{UNKNOWN}" when
   out of range. */
const char *herald_state_word(enum obj_kind, unsigned state);
/* Whether scripts and FIFOs tell of this state (not a VRRP INIT). */
bool herald_told(enum obj_kind, unsigned state);
/* The kinds (bits 1 << enum obj_kind) a process may report. */
unsigned herald_kinds_of(enum proc_id);
/* The id of a process's own health object (OBJ_PROC). */
objid_t herald_proc_id(enum proc_id);

/* ---- descriptions, supplied by each subsystem ---- */

/* A script of an object and its keyword, for logs ("notify_master"). */
struct herald_script {
	const char *keyword; /* lives as long as the program */
	const struct cfg_script *script; /* NULL, or cmd NULL: none */
};

/*
 * What the configuration says of one object.  name is copied; the
 * scripts point into the configuration, kept until the next one; type
 * and the keywords live as long as the program (literals).
 */
struct herald_desc {
	objid_t id;
	enum obj_kind kind;
	const char *name; /* as the configuration names it: "VI_1" */
	const char *type; /* TYPE of scripts and FIFO lines: "INSTANCE" */
	struct herald_script on[HERALD_STATES]; /* by the event's new state */
	struct herald_script notify; /* every state: TYPE NAME STATE VALUE */
	/* by enum msg_event_what: a note's script, without arguments
	   (notify_master_rx_lower_pri) */
	struct herald_script note[MSG_EVENT_WHAT_MAX];
	bool smtp_alert;
	/* The object it belongs to, for logs and FIFO lines: a real
	   server's virtual server ("[192.0.2.1]:tcp:80"); NULL: none.
	   Copied. */
	const char *scope;
	/* How logs name it when not as its kind ("Sorry_Server"); NULL:
	   the kind's label.  A literal. */
	const char *label;
	/* Logged only: no script and no FIFO line (a sorry server). */
	bool quiet;
};

/* A subsystem's supplier: calls herald_describe() for each of its
   objects in cfg.  Registered once, in cfg_register_all(). */
typedef void (*herald_supplier_fn)(const struct config *cfg);
void herald_add_supplier(herald_supplier_fn);
/* Registers every subsystem's supplier (core/herald_all.c, linked into the
   parent and its tests only). */
void herald_register_suppliers(void);

/* From a supplier: one object of the configuration being applied.  A
   second object with the same id in one configuration is refused
   (logged; the configuration's check should have refused it). */
void herald_describe(const struct herald_desc *);

/* ---- objects, as sinks see them ---- */

struct herald_obj {
	objid_t id;
	enum obj_kind kind;
	const char *name; /* "#<id in hex>" when never described */
	const char *type; /* NULL when never described */
	bool configured; /* described by the current configuration */
	bool heard; /* an event came: state and value hold */
	uint8_t state; /* the last event's new state */
	uint32_t value; /* and its priority or weight */
	uint32_t prev_value; /* the value before the last event (0: none) */
	bool prev_heard; /* prev_value holds: an event came before the last */
	const char *scope; /* NULL: none (as described) */
	const char *label; /* NULL: the kind's */
	bool quiet;
	/* The last configuration's that described it (copies the herald
	   owns): a removed object keeps them for its last events. */
	struct herald_script on[HERALD_STATES], notify;
	struct herald_script note[MSG_EVENT_WHAT_MAX];
	bool smtp_alert;
	/* Each sink's own data, by its slot; a sink sets its slot back to
	   NULL once the object has nothing of it running or queued. */
	void *sink[HERALD_SINKS];
};

/* The object of that id, or NULL: O(1). */
struct herald_obj *herald_find(objid_t);

/*
 * Whether scripts and FIFO lines tell of this event (o holding its new
 * state): its new state is told of (herald_told()), o is not quiet, and
 * the state changed, for the kinds whose events may keep it (a real
 * server's weight change, a value's change only, is logged only).
 */
bool herald_event_told(const struct herald_obj *o, const struct msg_event *);
/*
 * Whether the script and FIFO sinks tell of a note (what is not
 * MSG_EVENT_STATE: a priority change, a master's lower priority advert):
 * o is described and not quiet.  herald_event_told() is false for every
 * note, so sinks of transitions only (email, traps) never see one.
 */
bool herald_note_told(const struct herald_obj *o, const struct msg_event *);

/* Calls fn with each object of the kinds in mask (bits 1 << kind) that
   an event was heard of, in the order they entered the table. */
void herald_foreach(
    unsigned mask, void (*fn)(const struct herald_obj *, void *), void *arg);

/* ---- sinks ---- */

/*
 * A subscriber.  Each callback but event may be NULL.  event() gets
 * every event in arrival order, the object already holding its new
 * state; a value the kind does not have (a group's priority) is 0.
 */
struct herald_sink {
	const char *name;
	int *slot; /* where the herald writes the sink's slot; may be NULL */
	void (*event)(struct herald_obj *, const struct msg_event *);
	/* A configuration applies (after its descriptions); reload: not
	   the first.  Not called once the stop began. */
	void (*configure)(const struct config *, bool reload);
	/* Something of the sink still runs or waits. */
	bool (*busy)(void);
	/* The orderly stop begins: end what can end, let the rest finish,
	   calling herald_sink_progress() when something does. */
	void (*stop)(void);
	/* The stop's wait is over: kill what runs, drop what waits; how
	   many processes it killed. */
	unsigned (*kill)(void);
};

/* Subscribes a sink (which lives as long as the program) and tells it
   its slot in herald_obj.sink.  Fatal past HERALD_SINKS. */
void herald_sink_register(const struct herald_sink *);
/* From a sink, during the stop: some of its work ended. */
void herald_sink_progress(void);

extern const struct herald_sink herald_log_sink, herald_fifo_sink,
    herald_script_sink;

/* ---- the parent's calls ---- */

/* Once, with the parent's loop (ev_default_loop): subscribes the
   built-in sinks (log, FIFO, scripts) in that order. */
void herald_init(struct ev_loop *);
struct ev_loop *herald_loop(void);

/*
 * The configuration for later events: at start and after each reload.
 * Sets the script runner's defaults (script_set_defaults), asks every
 * supplier to describe its objects, then every sink to configure
 * itself (the FIFO sink opens notify_fifo, vrrp_notify_fifo and
 * lvs_notify_fifo and starts their scripts, keeps them as they are when
 * unchanged, and writes the last state of each configured instance and
 * group after a reload with fifo_write_vrrp_states_on_reload).  An
 * object out of the
 * configuration keeps its name, scope and label for the events still
 * to come (a removed instance's STOP) and is forgotten at the second
 * configuration without it, once idle.  cfg must outlive the next call
 * (the herald keeps no pointer into an older one).
 */
void herald_set_config(const struct config *);

/*
 * One event, already size-checked, from the child that sent it:
 * NULL when heralded, else why it was refused (a bug of the sender) and
 * nothing was done: a kind out of range or not of that source, a state
 * or value out of range, id 0, a process's health from another one, or
 * a sequence number that does not increase within one run of the
 * sender (its first event is 1).
 */
const char *herald_event(const struct msg_event *);

/* A sink has something running or waiting. */
bool herald_busy(void);

/*
 * Orderly stop: every sink's stop(), then done() once no sink is busy,
 * or after NOTIFY_STOP_WAIT, killing what is left.  done() may run
 * before this returns.  A second call only replaces done.
 */
void herald_stop(void (*done)(void));

/* For tests: the notify scripts' timeout and the stop's wait. */
void herald_set_limits(uint64_t script_timeout_us, double stop_wait);
uint64_t herald_script_timeout(void);

#endif
