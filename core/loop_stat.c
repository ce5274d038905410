/* SPDX-License-Identifier: GPL-2.0-or-later */
/* loop_stat.c: measures the work of each iteration of an event loop. */

#include <stddef.h>
#include <time.h>

#include "loop_stat.h"

static uint64_t now_ns(void);
static void woke(struct ev_loop *, ev_check *, int);
static void sleeps(struct ev_loop *, ev_prepare *, int);

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void
loop_stat_start(struct loop_stat *s, struct ev_loop *loop)
{
	/* first after the wait, last before the next one */
	ev_check_init(&s->wake, woke);
	ev_set_priority(&s->wake, EV_MAXPRI);
	ev_check_start(loop, &s->wake);
	ev_unref(loop);
	ev_prepare_init(&s->sleep, sleeps);
	ev_set_priority(&s->sleep, EV_MINPRI);
	ev_prepare_start(loop, &s->sleep);
	ev_unref(loop);
}

static void
woke(struct ev_loop *loop, ev_check *w, int revents)
{
	struct loop_stat *s = (struct loop_stat *)w;

	(void)loop;
	(void)revents;
	s->woke_ns = now_ns();
}

static void
sleeps(struct ev_loop *loop, ev_prepare *w, int revents)
{
	struct loop_stat *s =
	    (struct loop_stat *)((char *)w - offsetof(struct loop_stat, sleep));
	uint64_t d;

	(void)loop;
	(void)revents;
	if (s->woke_ns == 0)
		return;
	d = now_ns() - s->woke_ns;
	s->iterations++;
	s->busy_ns += d;
	if (d > s->longest_ns)
		s->longest_ns = d;
	if (d > s->longest_recent_ns)
		s->longest_recent_ns = d;
}

uint64_t
loop_stat_recent(struct loop_stat *s)
{
	uint64_t d = s->longest_recent_ns;

	s->longest_recent_ns = 0;
	return d;
}
