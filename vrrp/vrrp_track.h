/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_track.h: track_file and track_process watchers for the VRRP child. */

#ifndef VIGIL_VRRP_TRACK_H
#define VIGIL_VRRP_TRACK_H

#include <stdbool.h>
#include <stdint.h>
#include <ev.h>

#include "vrrp_conf.h"

/*
 * Both trackers run in the VRRP child's loop and report through a
 * callback.  The pointers passed to the callback are the model's own
 * objects; the model must outlive the tracker (stop before freeing it).
 * Only one instance of each tracker runs per process.
 */

/*
 * track_file: every struct track_file of the model, with core's watcher
 * (track_file.h, which states keepalived's rules for the value); the
 * VRRP child also creates the files (init_file).  fn is called when the
 * value changes.
 */
typedef void (*vrrp_tfile_fn)(
    void *arg, const struct track_file *, int64_t value);

/* Calls fn once per file with its current value before returning.
   0 or -1 (logged). */
int vrrp_tfile_start(
    struct ev_loop *, const struct vrrp_model *, vrrp_tfile_fn, void *arg);
/* Safe when not started; start again after a reload with the new model. */
void vrrp_tfile_stop(struct ev_loop *);
/* init_file overwrite rewrites an existing file only at the first start
   in a process; a respawned child (not a daemon start) calls this before
   vrrp_tfile_start so that an operator's value survives its crash. */
void vrrp_tfile_keep_existing(void);

/*
 * track_process: every struct vrrp_track_process, via the netlink proc
 * connector (exec, exit and comm events) plus an initial /proc scan; when
 * the connector is unavailable, a periodic /proc scan instead.  Counts
 * the matching processes (process name, params with param_match
 * exact/initial/partial, full_command) and reports up when
 * quorum <= count <= quorum_max, with fork_delay/terminate_delay
 * debouncing as keepalived does.  fn is called when up or count changes.
 */
typedef void (*vrrp_tproc_fn)(
    void *arg, const struct vrrp_track_process *, bool up, unsigned count);

/* Calls fn once per tracker with its current state before returning.
   0 or -1 (logged). */
int vrrp_tproc_start(
    struct ev_loop *, const struct vrrp_model *, vrrp_tproc_fn, void *arg);
/* Safe when not started; start again after a reload with the new model. */
void vrrp_tproc_stop(struct ev_loop *);
/* True when the proc connector is unavailable here (not root, not in the
   initial namespaces) and /proc is scanned every second instead. */
bool vrrp_tproc_polling(void);

#endif
