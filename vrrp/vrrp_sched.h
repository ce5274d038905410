/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_sched.h: the VRRP timers, to the microsecond, on one timerfd. */

#ifndef VIGIL_VRRP_SCHED_H
#define VIGIL_VRRP_SCHED_H

#include <stdint.h>
#include <ev.h>

/*
 * libev waits in epoll_wait, whose timeout is in whole milliseconds and
 * rounded up: a master-down timer would fire up to 1 ms late.  The
 * protocol timers therefore live in a binary heap of deadlines (CLOCK_
 * MONOTONIC usec), and one timerfd armed at the earliest wakes the loop
 * to the microsecond.  An entry is embedded in the object it serves.
 */
struct vrrp_sched_entry {
	uint64_t deadline; /* 0: not in the heap */
	uint32_t pos; /* index in the heap while queued */
	void (*fire)(struct vrrp_sched_entry *, uint64_t now_us);
};

int vrrp_sched_open(struct ev_loop *);
void vrrp_sched_close(struct ev_loop *);

/* Queues e at deadline (moving it when queued); 0 unqueues it. */
void vrrp_sched_set(struct vrrp_sched_entry *, uint64_t deadline);

/* CLOCK_MONOTONIC now, in usec (never 0). */
uint64_t vrrp_now_us(void);

/* Timer firings that ran later than their deadline by more than
   1 ms, and the worst lateness seen, for stats and the benchmarks. */
struct vrrp_sched_stats {
	uint64_t fired, late;
	uint64_t worst_late_us;
};
const struct vrrp_sched_stats *vrrp_sched_stats(void);

#endif
