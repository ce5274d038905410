/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_vrrp_sched.c: the VRRP timer heap on a real timerfd and loop. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../vrrp/vrrp_sched.h"

#define N 300

static struct vrrp_sched_entry ents[N];
static uint64_t fired_at[N], order[N];
static unsigned nfired;
static struct ev_loop *loop;

static void
fire(struct vrrp_sched_entry *e, uint64_t now)
{
	unsigned i = (unsigned)(e - ents);

	fired_at[i] = now;
	order[nfired++] = i;
	if (nfired == N)
		ev_break(loop, EVBREAK_ALL);
}

static void
guard(struct ev_loop *l, ev_timer *w, int revents)
{
	(void)w;
	(void)revents;
	ev_break(l, EVBREAK_ALL);
}

/* Entries fire once each, never early, in deadline order; moved and
   removed entries follow their last setting. */
static void
test_order(void **unused)
{
	uint64_t t0, dl[N];
	ev_timer g;
	unsigned i;

	(void)unused;
	loop = ev_default_loop(0);
	assert_int_equal(vrrp_sched_open(loop), 0);
	srand(7);
	t0 = vrrp_now_us();
	for (i = 0; i < N; i++) {
		ents[i].fire = fire;
		dl[i] = t0 + 20000 + (uint64_t)(rand() % 100000);
		vrrp_sched_set(&ents[i], dl[i]);
	}
	/* move some earlier, some later, and take one out and back */
	for (i = 0; i < N; i += 7) {
		dl[i] = t0 + 10000 + (uint64_t)(rand() % 150000);
		vrrp_sched_set(&ents[i], dl[i]);
	}
	vrrp_sched_set(&ents[5], 0);
	assert_int_equal(ents[5].deadline, 0);
	vrrp_sched_set(&ents[5], dl[5]);
	ev_timer_init(&g, guard, 10.0, 0); /* deadlock guard only */
	ev_timer_start(loop, &g);
	ev_run(loop, 0);
	ev_timer_stop(loop, &g);
	assert_int_equal(nfired, N);
	for (i = 0; i < N; i++)
		assert_true(fired_at[i] >= dl[i]);
	for (i = 1; i < N; i++)
		assert_true(dl[order[i - 1]] <= dl[order[i]]);
	assert_int_equal(vrrp_sched_stats()->fired, N);
	vrrp_sched_close(loop);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
