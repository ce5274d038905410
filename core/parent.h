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
 * Runs the parent until it stops; returns the exit code.  ops holds the
 * child processes by enum proc_id (ops[PROC_PARENT] unused).  Takes cfg.
 */
int parent_run(const struct vigil_opts *, struct config *,
    const struct child_ops *const ops[PROC_MAX]);

/* systemd's readiness protocol; nothing without $NOTIFY_SOCKET. */
void sd_notifyf(const char *, ...) __attribute__((format(printf, 1, 2)));

#endif
