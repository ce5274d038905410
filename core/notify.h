/* SPDX-License-Identifier: GPL-2.0-or-later */
/* notify.h: the parent's herald of VRRP transitions: log, scripts, FIFOs. */

#ifndef VIGIL_NOTIFY_H
#define VIGIL_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>
#include <ev.h>

#include "cfg.h"
#include "msg.h"

/*
 * Every transition the VRRP child reports reaches the outside world here,
 * in arrival order and exactly once:
 *
 * - one log line at info:
 *	herald: VRRP_Instance(VI_1) BACKUP -> MASTER (priority 150)
 *	herald: VRRP_Group(G1) BACKUP -> MASTER
 * - one line on notify_fifo and on vrrp_notify_fifo, keepalived's format
 *   (vrrp/vrrp_notify.c notify_fifo(): "%s \"%s\" %s %d\n"):
 *	INSTANCE "VI_1" MASTER 150
 *	GROUP "G1" FAULT 0
 *   (a group's priority is 0, as in keepalived);
 * - the object's notify_master/backup/fault/stop script without
 *   arguments, and its generic notify script with TYPE NAME STATE
 *   PRIORITY (keepalived's notify_script_exec(): INSTANCE|GROUP, the
 *   name, MASTER|BACKUP|FAULT|STOP, the priority; 0 for a group).
 *   Both scripts of one transition start together; those of the next
 *   transition of the same object start when both finished, so a script
 *   sees an object's states in order.  Each runs at most
 *   NOTIFY_SCRIPT_TIMEOUT (keepalived bounds only notify_stop, at 1 s;
 *   an unbounded script would stall its object's queue).
 *
 * A transition to INIT is logged and remembered only (keepalived has no
 * notification for it).  Scripts and users are taken from the
 * configuration current when the transition arrives.
 */
#define NOTIFY_SCRIPT_TIMEOUT_US (30 * 1000000ULL)
/* How long an orderly stop waits for the last scripts, then kills them. */
#define NOTIFY_STOP_WAIT 5.0
/* Transitions one object may have waiting for their scripts. */
#define NOTIFY_QUEUE_MAX 128

/* Once, with the parent's loop (ev_default_loop). */
void notify_init(struct ev_loop *);

/*
 * The configuration for later transitions: at start and after each
 * reload.  Sets the script runner's defaults (script_set_defaults),
 * opens notify_fifo and vrrp_notify_fifo (creating each with mkfifo if
 * missing, owned by its user) and starts their *_notify_fifo_script
 * with the FIFO's path as argument; a FIFO whose path, owner and script
 * are unchanged is kept as it is.  After a reload with
 * fifo_write_vrrp_states_on_reload, writes every known state to the
 * FIFOs.  cfg must outlive the next call (the herald keeps no pointer
 * into an older one).
 */
void notify_set_config(const struct config *);

/* One MSG_VRRP_TRANSITION, already size-checked; false when its fields
   are out of range (a bug of the sender), and nothing was done. */
bool notify_vrrp_transition(const struct msg_vrrp_transition *);

/* Calls fn with the last state and priority heard of each object, in
   the order they were first heard of. */
void notify_vrrp_foreach(
    void (*fn)(const struct msg_vrrp_state *, void *), void *arg);

/* A script (notify or FIFO) still runs or waits. */
bool notify_busy(void);

/*
 * Orderly stop: closes the FIFOs (removing those it created), sends
 * SIGTERM to the FIFO scripts, lets the notify scripts already started
 * or queued run, and calls done() once nothing runs any more, or after
 * NOTIFY_STOP_WAIT, killing what is left.  done() may run before this
 * returns.  A second call only replaces done.
 */
void notify_stop(void (*done)(void));

/* In a process forked from the parent: closes the herald's fds and
   forgets its scripts without killing them. */
void notify_forget(void);

/* For tests: the notify scripts' timeout and the stop's wait. */
void notify_set_limits(uint64_t script_timeout_us, double stop_wait);

#endif
