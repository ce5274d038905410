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

/* systemd's readiness protocol; nothing without $NOTIFY_SOCKET. */
void sd_notifyf(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
