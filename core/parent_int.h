/* SPDX-License-Identifier: GPL-2.0-or-later */
/* parent_int.h: the parent's state, shared by its files (parent.c: children,
   reloads, stops; parent_dump.c: SIGUSR1 / SIGUSR2). */

#ifndef VIGIL_PARENT_INT_H
#define VIGIL_PARENT_INT_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>
#include <ev.h>

#include "child.h"
#include "loop_stat.h"
#include "parent.h"
#include "proc.h"
#include "state_sync.h"

/* One supervised child. */
struct child {
	enum proc_id id;
	const char *image; /* its executable, under libexec */
	pid_t pid; /* 0: not running */
	bool wanted; /* the configuration (or a flag) asks for it */
	struct ipc_peer peer;
	ev_child cw;
	ev_timer restart;
	double started;
	unsigned quick; /* short runs in a row, for the backoff */
	struct crash_window crashes;
	uint32_t acked; /* generation it last applied; 0: none yet */
	bool awaiting; /* the running reload waits for its answer */
	bool linked; /* holds a live peer link */
	unsigned deaths;
	struct state_sync *snap; /* what it reports for status; or NULL */
	int dump_fd; /* the memfd of a running dump; -1: none */
	bool dump_done; /* it answered that dump */
};

/* The parent's one state. */
struct parent {
	struct ev_loop *loop;
	const struct vigil_opts *opts;
	struct config *cfg;
	uint32_t generation;
	struct child children[PROC_MAX];
	ev_signal sigs[5];
	ev_timer stop_timer;
	bool stopping;
	int exit_code;
	bool reloading, reload_pending;
	unsigned reloads_ok, reloads_rejected;
	bool ready;
	/* SIGUSR1 / SIGUSR2: the dump being assembled, and the next. */
	enum msg_dump_what dumping, dump_queued; /* 0: none */
	ev_timer dump_timer;
	struct loop_stat ls; /* the loop's work per iteration */
};
extern struct parent pa;

/* The children's snapshots (status, SNMP), by enum proc_id. */
extern struct state_sync snaps[PROC_MAX];

/* parent.c: a child sent what it may not; it is killed (and respawned). */
void bad_child_message(struct ipc_peer *, const char *why);

/* parent_dump.c */
/* SIGUSR1 (MSG_DUMP_DATA) or SIGUSR2 (MSG_DUMP_STATS): asks the children
   for their parts; the file is written when all answered. */
void dump_start(enum msg_dump_what);
/* The parent link's handler of MSG_DUMP_DONE. */
void on_dump_done(struct ipc_peer *, struct ipc_msg *);
/* A child died: a dump waiting for it goes on without its part. */
void dump_child_gone(struct child *);

#endif
