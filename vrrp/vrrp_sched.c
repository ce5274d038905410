/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_sched.c: a deadline heap behind one timerfd. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "array.h"
#include "log.h"
#include "vrrp_sched.h"

static void heap_swap(uint32_t, uint32_t);
static void heap_up(uint32_t);
static void heap_down(uint32_t);
static void heap_remove(uint32_t);
static void arm(void);
static void on_timerfd(struct ev_loop *, ev_io *, int);

static struct {
	struct ev_loop *loop;
	int fd;
	ev_io io;
	struct vrrp_sched_entry **heap;
	uint32_t n;
	size_t cap;
	uint64_t armed; /* deadline the timerfd holds; 0: disarmed */
	struct vrrp_sched_stats stats;
} sc = { .fd = -1 };

uint64_t
vrrp_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u +
	    1;
}

int
vrrp_sched_open(struct ev_loop *loop)
{
	sc.loop = loop;
	sc.fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	if (sc.fd < 0) {
		log_warn("timerfd_create");
		return -1;
	}
	ev_io_init(&sc.io, on_timerfd, sc.fd, EV_READ);
	/* After a stall (a loaded host), adverts that came in meanwhile are
	   read before deadlines that passed meanwhile: a master that kept
	   advertising resets the master-down timer first, and the backup
	   does not take over from it.  libev runs every pending watcher in
	   each iteration, higher priorities first, so nothing starves. */
	ev_set_priority(&sc.io, EV_MINPRI);
	ev_io_start(loop, &sc.io);
	return 0;
}

void
vrrp_sched_close(struct ev_loop *loop)
{
	if (sc.fd < 0)
		return;
	ev_io_stop(loop, &sc.io);
	close(sc.fd);
	sc.fd = -1;
	while (sc.n > 0)
		heap_remove(0);
	free(sc.heap);
	sc.heap = NULL;
	sc.cap = 0;
	sc.armed = 0;
}

const struct vrrp_sched_stats *
vrrp_sched_stats(void)
{
	return &sc.stats;
}

static void
heap_swap(uint32_t a, uint32_t b)
{
	struct vrrp_sched_entry *t = sc.heap[a];

	sc.heap[a] = sc.heap[b];
	sc.heap[b] = t;
	sc.heap[a]->pos = a;
	sc.heap[b]->pos = b;
}

static void
heap_up(uint32_t i)
{
	while (i > 0) {
		uint32_t p = (i - 1) / 2;

		if (sc.heap[p]->deadline <= sc.heap[i]->deadline)
			break;
		heap_swap(i, p);
		i = p;
	}
}

static void
heap_down(uint32_t i)
{
	for (;;) {
		uint32_t l = 2 * i + 1, r = l + 1, m = i;

		if (l < sc.n && sc.heap[l]->deadline < sc.heap[m]->deadline)
			m = l;
		if (r < sc.n && sc.heap[r]->deadline < sc.heap[m]->deadline)
			m = r;
		if (m == i)
			return;
		heap_swap(i, m);
		i = m;
	}
}

static void
heap_remove(uint32_t i)
{
	struct vrrp_sched_entry *e = sc.heap[i];

	sc.n--;
	if (i != sc.n) {
		sc.heap[i] = sc.heap[sc.n];
		sc.heap[i]->pos = i;
		heap_down(i);
		heap_up(i);
	}
	e->deadline = 0;
}

/* Points the timerfd at the heap's top, when that changed. */
static void
arm(void)
{
	struct itimerspec its;
	uint64_t d = sc.n > 0 ? sc.heap[0]->deadline : 0;

	if (d == sc.armed || sc.fd < 0)
		return;
	memset(&its, 0, sizeof(its));
	if (d != 0) {
		/* vrrp_now_us() adds 1 so that it is never 0 */
		its.it_value.tv_sec = (time_t)((d - 1) / 1000000u);
		its.it_value.tv_nsec = (long)((d - 1) % 1000000u) * 1000;
		if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0)
			its.it_value.tv_nsec = 1;
	}
	if (timerfd_settime(sc.fd, TFD_TIMER_ABSTIME, &its, NULL) < 0)
		fatal("timerfd_settime");
	sc.armed = d;
}

void
vrrp_sched_set(struct vrrp_sched_entry *e, uint64_t deadline)
{
	if (e->deadline != 0) {
		if (deadline == 0) {
			heap_remove(e->pos);
		} else {
			uint64_t old = e->deadline;

			e->deadline = deadline;
			if (deadline < old)
				heap_up(e->pos);
			else
				heap_down(e->pos);
		}
		arm();
		return;
	}
	if (deadline == 0)
		return;
	sc.heap = array_grow(sc.heap, &sc.cap, sc.n + 1, sizeof(*sc.heap));
	e->deadline = deadline;
	e->pos = sc.n;
	sc.heap[sc.n++] = e;
	heap_up(e->pos);
	arm();
}

static void
on_timerfd(struct ev_loop *loop, ev_io *w, int revents)
{
	uint64_t ticks, now, late;
	struct vrrp_sched_entry *e;
	unsigned guard;

	(void)loop;
	(void)revents;
	if (read(w->fd, &ticks, sizeof(ticks)) < 0 && errno != EAGAIN)
		log_warn("timerfd read");
	sc.armed = 0;
	/* bounded: a fire() that re-queues at or before now runs once more
	   at most per round, and the next round comes from the timerfd */
	for (guard = 0; guard < 100000 && sc.n > 0; guard++) {
		now = vrrp_now_us();
		e = sc.heap[0];
		if (e->deadline > now)
			break;
		late = now - e->deadline;
		sc.stats.fired++;
		if (late > 1000)
			sc.stats.late++;
		if (late > sc.stats.worst_late_us)
			sc.stats.worst_late_us = late;
		heap_remove(0);
		e->fire(e, now);
	}
	arm();
}
