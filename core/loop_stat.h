/* SPDX-License-Identifier: GPL-2.0-or-later */
/* loop_stat.h: how long a process's loop works between two waits. */

#ifndef VIGIL_LOOP_STAT_H
#define VIGIL_LOOP_STAT_H

#include <stdint.h>
#include <ev.h>

/*
 * An iteration's work is the time from the loop's wake-up (its first
 * ev_check watcher) to its next wait (its last ev_prepare watcher): what
 * a timer or a packet due meanwhile waits at most.  The longest one says
 * whether something (an SNMP walk, a burst of events) stalled the loop.
 */
struct loop_stat {
	ev_check wake;
	ev_prepare sleep;
	uint64_t woke_ns; /* 0: not awake since the start */
	uint64_t iterations;
	uint64_t busy_ns; /* in all */
	uint64_t longest_ns; /* since the start */
	uint64_t longest_recent_ns; /* since the last loop_stat_recent() */
};

void loop_stat_start(struct loop_stat *, struct ev_loop *);
/* The longest iteration since the last call, in ns; restarts it. */
uint64_t loop_stat_recent(struct loop_stat *);

#endif
