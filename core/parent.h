/* SPDX-License-Identifier: GPL-2.0-or-later */
/* parent.h: the supervising parent process. */

#ifndef VIGIL_PARENT_H
#define VIGIL_PARENT_H

#include "cfg.h"
#include "child.h"
#include "opts.h"

/* Where SIGUSR1 and SIGUSR2 write, as keepalived does. */
#define VIGIL_DATA_FILE "/tmp/keepalived.data"
#define VIGIL_STATS_FILE "/tmp/keepalived.stats"

/*
 * Runs the parent until it stops; returns the exit code.  Takes cfg.  The
 * children are programs of their own (vigil-vrrp, vigil-checker,
 * vigil-ipvs), found by image_path().  The environment variables
 * VIGIL_DATA_FILE and VIGIL_STATS_FILE, when set, replace the two paths
 * below (so that tests of two daemons can run side by side).
 */
int parent_run(const struct vigil_opts *, struct config *);

/*
 * What a child last reported of its objects (core/state_sync.h), for the
 * parent's modules: PROC_VRRP's table holds struct msg_vrrp_snap items,
 * PROC_CHECK's struct msg_rs_desired items; the others have none (NULL).
 * The table outlives a child (kept until its successor's full state).
 */
struct state_sync;
const struct state_sync *parent_snapshot(enum proc_id);
/* The configuration being run; the loop of the parent. */
const struct config *parent_config(void);

/* systemd's readiness protocol; nothing without $NOTIFY_SOCKET. */
void sd_notifyf(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
