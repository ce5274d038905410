/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_vrrp_fsm.c: the VRRP state machine driven by a fake clock. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../../vrrp/vrrp_fsm.h"

#define SEC 1000000ULL
#define T0 (1000 * SEC) /* the fake clock's start; 0 means "not armed" */

/* Action-list shorthands for EXPECT(). */
#define ADV VRRP_ACT_SEND_ADVERT
#define ADD VRRP_ACT_ADD_VIPS
#define DEL VRRP_ACT_DEL_VIPS
#define GARP VRRP_ACT_SEND_GARP
#define GARP_LOW VRRP_ACT_SEND_GARP_LOWER_PRIO
#define TRANS VRRP_ACT_TRANSITION
#define PRIO VRRP_ACT_PRIORITY_CHANGED
#define RXLOW VRRP_ACT_MASTER_RX_LOWER_PRI

/* The action types of the last run must be exactly these, in order. */
#define EXPECT(...) \
	expect_types((const enum vrrp_action_type[]){ __VA_ARGS__ }, \
	    sizeof((const enum vrrp_action_type[]){ __VA_ARGS__ }) / \
	        sizeof(enum vrrp_action_type))

static uint64_t now; /* the fake clock */
static struct vrrp_actions out; /* what the last run asked for */

static void params(struct vrrp_fsm_params *, int, uint8_t, uint32_t);
static void fsm_new(struct vrrp_fsm *, int, uint8_t, uint32_t);
static void run(struct vrrp_fsm *, const struct vrrp_event *);
static void simple(struct vrrp_fsm *, enum vrrp_event_type);
static void expire_at(struct vrrp_fsm *, uint64_t);
static void advert(struct vrrp_fsm *, uint8_t, uint16_t, uint8_t);
static void expect_types(const enum vrrp_action_type *, size_t);
static void
expect_transition(const struct vrrp_action *, enum vrrp_state, enum vrrp_state);
static void start_backup(struct vrrp_fsm *, int, uint8_t, uint32_t);
static void start_master(struct vrrp_fsm *, int, uint8_t, uint32_t);

/* v2 or v3, priority, interval in centiseconds; we are 192.0.2.10. */
static void
params(struct vrrp_fsm_params *p, int version, uint8_t prio, uint32_t adv)
{
	memset(p, 0, sizeof(*p));
	p->version = version;
	p->priority = prio;
	p->advert_interval = adv;
	p->primary.len = 4;
	p->primary.a[0] = 192;
	p->primary.a[1] = 0;
	p->primary.a[2] = 2;
	p->primary.a[3] = 10;
}

static void
fsm_new(struct vrrp_fsm *f, int version, uint8_t prio, uint32_t adv)
{
	struct vrrp_fsm_params p;

	params(&p, version, prio, adv);
	vrrp_fsm_init(f, &p);
	now = T0;
}

static void
run(struct vrrp_fsm *f, const struct vrrp_event *ev)
{
	vrrp_actions_clear(&out);
	vrrp_fsm_event(f, ev, now, &out);
	assert_false(out.overflow);
}

static void
simple(struct vrrp_fsm *f, enum vrrp_event_type t)
{
	struct vrrp_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = t;
	run(f, &ev);
}

static void
expire_at(struct vrrp_fsm *f, uint64_t t)
{
	now = t;
	vrrp_actions_clear(&out);
	vrrp_fsm_expire(f, now, &out);
	assert_false(out.overflow);
}

/* An advert from 192.0.2.<last>. */
static void
advert(struct vrrp_fsm *f, uint8_t prio, uint16_t adv, uint8_t last)
{
	struct vrrp_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = VRRP_EV_ADVERT;
	ev.u.advert.priority = prio;
	ev.u.advert.adver_int = adv;
	ev.u.advert.saddr.len = 4;
	ev.u.advert.saddr.a[0] = 192;
	ev.u.advert.saddr.a[2] = 2;
	ev.u.advert.saddr.a[3] = last;
	run(f, &ev);
}

static void
expect_types(const enum vrrp_action_type *t, size_t n)
{
	size_t i;

	for (i = 0; i < n && i < out.n; i++) {
		if (out.v[i].type != t[i])
			print_error("action %zu: %s, expected %s\n", i,
			    vrrp_action_name(out.v[i].type),
			    vrrp_action_name(t[i]));
		assert_int_equal(out.v[i].type, t[i]);
	}
	assert_int_equal(out.n, n);
}

static void
expect_transition(
    const struct vrrp_action *a, enum vrrp_state from, enum vrrp_state to)
{
	assert_int_equal(a->type, VRRP_ACT_TRANSITION);
	assert_string_equal(
	    vrrp_state_name(a->old_state), vrrp_state_name(from));
	assert_string_equal(vrrp_state_name(a->new_state), vrrp_state_name(to));
}

static void
start_backup(struct vrrp_fsm *f, int version, uint8_t prio, uint32_t adv)
{
	fsm_new(f, version, prio, adv);
	simple(f, VRRP_EV_STARTUP);
	assert_int_equal(f->state, VRRP_STATE_BACKUP);
}

/* Startup, then silence until the Master_Down_Timer fires. */
static void
start_master(struct vrrp_fsm *f, int version, uint8_t prio, uint32_t adv)
{
	start_backup(f, version, prio, adv);
	expire_at(f, f->master_down_timer);
	assert_int_equal(f->state, VRRP_STATE_MASTER);
}

static void
test_init(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	fsm_new(&f, 2, 100, 100);
	assert_int_equal(f.state, VRRP_STATE_INIT);
	assert_int_equal(f.priority, 100);
	assert_int_equal(vrrp_fsm_next_deadline(&f), 0);
	assert_int_equal(f.p.down_timer_adverts, 3);
}

static void
test_names(void **unused)
{
	(void)unused;
	assert_string_equal(vrrp_state_name(VRRP_STATE_MASTER), "MASTER");
	assert_string_equal(vrrp_state_name(VRRP_STATE_BACKUP), "BACKUP");
	assert_string_equal(vrrp_state_name(VRRP_STATE_FAULT), "FAULT");
	assert_string_equal(vrrp_state_name(VRRP_STATE_STOP), "STOP");
	assert_string_equal(vrrp_state_name(VRRP_STATE_INIT), "INIT");
	assert_string_equal(vrrp_state_name((enum vrrp_state)42), "?");
	assert_string_equal(vrrp_event_name(VRRP_EV_ADVERT), "advert");
	assert_string_equal(
	    vrrp_reason_name(VRRP_REASON_PREEMPTED), "preempted");
	assert_string_equal(vrrp_action_name(VRRP_ACT_DEL_VIPS), "DEL_VIPS");
}

/* RFC 3768 section 6.1: skew (256 - 100) / 256 s = 0.609375 s. */
static void
test_v2_timer_math(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	fsm_new(&f, 2, 100, 100);
	assert_int_equal(f.skew_time, 609375);
	assert_int_equal(f.master_down_interval, 3609375);
	/* v2's skew does not scale with the interval */
	fsm_new(&f, 2, 100, 300);
	assert_int_equal(f.skew_time, 609375);
	assert_int_equal(f.master_down_interval, 9609375);
	fsm_new(&f, 2, 254, 100);
	assert_int_equal(f.skew_time, 7812);
}

/* RFC 5798 section 6.1: skew scales with Master_Adver_Interval. */
static void
test_v3_timer_math(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	fsm_new(&f, 3, 100, 100);
	assert_int_equal(f.skew_time, 609375);
	assert_int_equal(f.master_down_interval, 3609375);
	fsm_new(&f, 3, 100, 300);
	assert_int_equal(f.skew_time, 1828125);
	/* 1 cs: 156 * 10000 / 256 = 6093.75 us, kept to the usec */
	fsm_new(&f, 3, 100, 1);
	assert_int_equal(f.skew_time, 6093);
	assert_int_equal(f.master_down_interval, 36093);
	fsm_new(&f, 3, 200, 1);
	assert_true(f.skew_time < 6093); /* still ordered by priority */
}

static void
test_startup_backup(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	fsm_new(&f, 2, 100, 100);
	simple(&f, VRRP_EV_STARTUP);
	EXPECT(TRANS);
	expect_transition(&out.v[0], VRRP_STATE_INIT, VRRP_STATE_BACKUP);
	assert_int_equal(out.v[0].reason, VRRP_REASON_STARTUP);
	assert_int_equal(f.master_down_timer, T0 + 3609375);
	assert_int_equal(f.adver_timer, 0);
	assert_int_equal(vrrp_fsm_next_deadline(&f), T0 + 3609375);
}

static void
test_backup_to_master_on_timeout(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_backup(&f, 2, 100, 100);
	expire_at(&f, T0 + 3609374);
	EXPECT();
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
	expire_at(&f, T0 + 3609375);
	EXPECT(ADV, ADD, GARP, TRANS);
	assert_int_equal(out.v[0].priority, 100);
	assert_false(out.v[1].ensure);
	expect_transition(&out.v[3], VRRP_STATE_BACKUP, VRRP_STATE_MASTER);
	assert_int_equal(out.v[3].reason, VRRP_REASON_MASTER_NO_RESPONSE);
	assert_int_equal(out.v[3].priority, 100);
	assert_int_equal(f.adver_timer, T0 + 3609375 + SEC);
	assert_int_equal(f.master_down_timer, 0);
	assert_int_equal(f.stats.become_master, 1);
}

static void
test_master_adverts_every_interval(void **unused)
{
	struct vrrp_fsm f;
	uint64_t t;

	(void)unused;
	start_master(&f, 2, 100, 100);
	t = f.adver_timer;
	expire_at(&f, t - 1);
	EXPECT();
	expire_at(&f, t);
	EXPECT(ADV);
	assert_int_equal(out.v[0].priority, 100);
	assert_int_equal(f.adver_timer, t + SEC);
	/* a late wake-up sends one advert, not a backlog */
	expire_at(&f, t + 5 * SEC);
	EXPECT(ADV);
	assert_int_equal(f.adver_timer, t + 6 * SEC);
}

/* RFC 5798 section 6.4.1: the owner goes straight to MASTER. */
static void
test_owner_startup_master(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	fsm_new(&f, 3, 255, 100);
	simple(&f, VRRP_EV_STARTUP);
	EXPECT(ADV, ADD, GARP, TRANS);
	assert_int_equal(out.v[0].priority, 255);
	assert_int_equal(out.v[3].reason, VRRP_REASON_OWNER);
	assert_int_equal(f.state, VRRP_STATE_MASTER);
	assert_int_equal(f.adver_timer, T0 + SEC);
}

static void
test_startup_fault(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_event ev = { .type = VRRP_EV_STARTUP };

	(void)unused;
	fsm_new(&f, 2, 255, 100);
	ev.u.startup.fault = true;
	run(&f, &ev);
	EXPECT(TRANS);
	expect_transition(&out.v[0], VRRP_STATE_INIT, VRRP_STATE_FAULT);
	assert_int_equal(vrrp_fsm_next_deadline(&f), 0);
}

/* A fault reported before startup is remembered. */
static void
test_fault_before_startup(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	fsm_new(&f, 2, 100, 100);
	simple(&f, VRRP_EV_FAULT_ON);
	EXPECT();
	assert_int_equal(f.state, VRRP_STATE_INIT);
	simple(&f, VRRP_EV_STARTUP);
	assert_int_equal(f.state, VRRP_STATE_FAULT);
}

/* keepalived: "state MASTER" waits one interval plus the least skew. */
static void
test_want_master_short_wait(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_params p;

	(void)unused;
	params(&p, 2, 100, 100);
	p.want_master = true;
	vrrp_fsm_init(&f, &p);
	now = T0;
	simple(&f, VRRP_EV_STARTUP);
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
	assert_int_equal(f.master_down_timer, T0 + SEC + 3906);
	/* but an advert puts the full interval back */
	now += 1000;
	advert(&f, 150, 0, 20);
	assert_int_equal(f.master_down_timer, now + 3609375);
}

static void
test_backup_higher_advert_resets(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_backup(&f, 2, 100, 100);
	now += 2 * SEC;
	advert(&f, 150, 0, 20);
	EXPECT();
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
	assert_int_equal(f.master_down_timer, now + 3609375);
	assert_int_equal(f.master_priority, 150);
	assert_int_equal(f.master_addr.a[3], 20);
	assert_int_equal(f.stats.adverts_rx, 1);
}

/* Equal priority holds a backup too ("greater than or equal"). */
static void
test_backup_equal_advert_resets(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_backup(&f, 2, 100, 100);
	now += 2 * SEC;
	advert(&f, 100, 0, 5);
	assert_int_equal(f.master_down_timer, now + 3609375);
}

/* RFC 5798 section 6.4.2: a lower advert is discarded; we preempt. */
static void
test_backup_preempts_lower(void **unused)
{
	struct vrrp_fsm f;
	uint64_t deadline;

	(void)unused;
	start_backup(&f, 2, 100, 100);
	deadline = f.master_down_timer;
	now += SEC;
	advert(&f, 50, 0, 20);
	EXPECT();
	assert_int_equal(f.master_down_timer, deadline);
	assert_int_equal(f.stats.adverts_discarded, 1);
	now += SEC;
	advert(&f, 50, 0, 20);
	expire_at(&f, deadline);
	EXPECT(ADV, ADD, GARP, TRANS);
	assert_int_equal(out.v[3].reason, VRRP_REASON_PREEMPTED);
}

static void
test_nopreempt(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_params p;
	int i;

	(void)unused;
	params(&p, 2, 200, 100);
	p.nopreempt = true;
	vrrp_fsm_init(&f, &p);
	now = T0;
	simple(&f, VRRP_EV_STARTUP);
	for (i = 0; i < 10; i++) {
		now += SEC;
		advert(&f, 50, 0, 20);
		expire_at(&f, now);
		EXPECT();
	}
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
	assert_int_equal(f.master_down_timer, now + 3 * SEC + f.skew_time);
	/* silence still makes it master */
	expire_at(&f, f.master_down_timer);
	assert_int_equal(f.state, VRRP_STATE_MASTER);
}

/* keepalived: lower adverts hold us for preempt_delay after the first. */
static void
test_preempt_delay(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_params p;
	uint64_t first;

	(void)unused;
	params(&p, 2, 200, 100);
	p.preempt_delay = 5 * SEC;
	vrrp_fsm_init(&f, &p);
	now = T0;
	simple(&f, VRRP_EV_STARTUP);
	now += SEC;
	first = now;
	advert(&f, 50, 0, 20);
	assert_int_equal(f.preempt_time, first + 5 * SEC);
	while (now + SEC < first + 5 * SEC) {
		now += SEC;
		advert(&f, 50, 0, 20);
		assert_int_equal(
		    f.master_down_timer, now + f.master_down_interval);
		assert_int_equal(f.state, VRRP_STATE_BACKUP);
	}
	now = first + 5 * SEC - 1;
	advert(&f, 50, 0, 20);
	assert_int_equal(f.stats.adverts_discarded, 0);
	/* past the delay: discarded, and the timer runs out */
	now = first + 5 * SEC;
	advert(&f, 50, 0, 20);
	assert_int_equal(f.stats.adverts_discarded, 1);
	assert_int_equal(f.master_down_timer, now - 1 + f.master_down_interval);
	expire_at(&f, f.master_down_timer);
	assert_int_equal(f.state, VRRP_STATE_MASTER);
	assert_int_equal(f.preempt_time, 0);
}

/* A higher advert stops a running preempt delay. */
static void
test_preempt_delay_stopped_by_higher(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_params p;

	(void)unused;
	params(&p, 2, 200, 100);
	p.preempt_delay = 5 * SEC;
	vrrp_fsm_init(&f, &p);
	now = T0;
	simple(&f, VRRP_EV_STARTUP);
	advert(&f, 50, 0, 20);
	assert_int_not_equal(f.preempt_time, 0);
	now += SEC;
	advert(&f, 250, 0, 30);
	assert_int_equal(f.preempt_time, 0);
	/* the next lower advert starts a new delay from now */
	now += SEC;
	advert(&f, 50, 0, 20);
	assert_int_equal(f.preempt_time, now + 5 * SEC);
}

/* RFC 5798 section 6.4.2: priority 0 leaves us Skew_Time. */
static void
test_backup_prio0(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_backup(&f, 2, 100, 100);
	now += SEC;
	advert(&f, 0, 0, 20);
	EXPECT();
	assert_int_equal(f.master_down_timer, now + 609375);
	assert_int_equal(f.stats.prio0_rx, 1);
	expire_at(&f, now + 609375);
	EXPECT(ADV, ADD, GARP, TRANS);
	assert_int_equal(out.v[3].reason, VRRP_REASON_PRIORITY_ZERO);
}

/* RFC 5798 section 6.4.3: priority 0 makes the master speak at once. */
static void
test_master_prio0(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_master(&f, 2, 100, 100);
	now += 300000;
	advert(&f, 0, 0, 20);
	EXPECT(ADV);
	assert_int_equal(out.v[0].priority, 100);
	assert_int_equal(f.adver_timer, now + SEC);
	assert_int_equal(f.state, VRRP_STATE_MASTER);
}

static void
test_master_higher_advert(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_master(&f, 2, 100, 100);
	now += 300000;
	advert(&f, 150, 0, 5);
	EXPECT(DEL, TRANS);
	expect_transition(&out.v[1], VRRP_STATE_MASTER, VRRP_STATE_BACKUP);
	assert_int_equal(out.v[1].reason, VRRP_REASON_HIGHER_PRIORITY);
	assert_int_equal(f.adver_timer, 0);
	assert_int_equal(f.master_down_timer, now + 3609375);
	assert_int_equal(f.stats.release_master, 1);
}

/* Equal priority: the higher primary address wins (section 6.4.3). */
static void
test_master_equal_higher_address(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_master(&f, 2, 100, 100);
	advert(&f, 100, 0, 11);
	EXPECT(DEL, TRANS);
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
}

static void
test_master_equal_lower_address(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_master(&f, 2, 100, 100);
	advert(&f, 100, 0, 9);
	EXPECT(ADV, RXLOW);
	assert_int_equal(f.state, VRRP_STATE_MASTER);
}

/* Our own address at our priority: a looped packet, ignored. */
static void
test_master_own_address(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_master(&f, 2, 100, 100);
	advert(&f, 100, 0, 10);
	EXPECT();
	assert_int_equal(f.state, VRRP_STATE_MASTER);
}

/* keepalived default: answer a lower master at once. */
static void
test_master_lower_advert(void **unused)
{
	struct vrrp_fsm f;
	uint64_t t;

	(void)unused;
	start_master(&f, 2, 100, 100);
	t = f.adver_timer;
	now += 300000;
	advert(&f, 50, 0, 20);
	EXPECT(ADV, RXLOW);
	assert_int_equal(out.v[0].priority, 100);
	assert_int_equal(f.adver_timer, t); /* the schedule is kept */
}

static void
test_master_lower_no_advert_garp(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_params p;

	(void)unused;
	params(&p, 2, 255, 100);
	p.lower_prio_no_advert = true;
	p.garp_lower_prio = true;
	vrrp_fsm_init(&f, &p);
	now = T0;
	simple(&f, VRRP_EV_STARTUP);
	advert(&f, 50, 0, 20);
	EXPECT(GARP_LOW, RXLOW);
}

static void
test_master_higher_prio_send_advert(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_params p;

	(void)unused;
	params(&p, 2, 100, 100);
	p.higher_prio_send_advert = true;
	vrrp_fsm_init(&f, &p);
	now = T0;
	simple(&f, VRRP_EV_STARTUP);
	expire_at(&f, f.master_down_timer);
	advert(&f, 200, 0, 20);
	EXPECT(ADV, DEL, TRANS);
	assert_int_equal(out.v[0].priority, 100);
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
}

/* Two owners: keepalived lowers ours to 254, and the other wins. */
static void
test_master_owner_clash(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	fsm_new(&f, 2, 255, 100);
	simple(&f, VRRP_EV_STARTUP);
	advert(&f, 255, 0, 5);
	EXPECT(PRIO, DEL, TRANS);
	assert_int_equal(out.v[0].old_priority, 255);
	assert_int_equal(out.v[0].priority, 254);
	assert_int_equal(f.priority, 254);
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
}

/* RFC 5798 section 6.4.2: a backup learns the master's interval. */
static void
test_v3_learn_interval(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_backup(&f, 3, 100, 100);
	now += SEC;
	advert(&f, 150, 50, 20);
	assert_int_equal(f.master_adver_interval, 50);
	assert_int_equal(f.skew_time, 304687);
	assert_int_equal(f.master_down_interval, 1500000 + 304687);
	assert_int_equal(f.master_down_timer, now + 1804687);
	/* becoming master, we advertise our own interval again */
	expire_at(&f, f.master_down_timer);
	assert_int_equal(f.master_adver_interval, 100);
	assert_int_equal(f.adver_timer, now + SEC);
}

/* v2 has no interval in the packet: nothing to learn. */
static void
test_v2_no_learning(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_backup(&f, 2, 100, 100);
	advert(&f, 150, 50, 20);
	assert_int_equal(f.master_adver_interval, 100);
	assert_int_equal(f.master_down_timer, now + 3609375);
}

/* A master that loses learns the winner's interval for its down timer. */
static void
test_v3_master_learns_on_losing(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_master(&f, 3, 100, 100);
	advert(&f, 200, 200, 20);
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
	assert_int_equal(f.master_adver_interval, 200);
	assert_int_equal(f.master_down_timer, now + 6 * SEC + 1218750);
}

/* 10 ms adverts: master after 36.093 ms, then an advert every 10 ms. */
static void
test_v3_10ms(void **unused)
{
	struct vrrp_fsm f;
	int i;

	(void)unused;
	start_backup(&f, 3, 100, 1);
	assert_int_equal(f.master_down_timer, T0 + 36093);
	expire_at(&f, T0 + 36092);
	EXPECT();
	expire_at(&f, T0 + 36093);
	assert_int_equal(f.state, VRRP_STATE_MASTER);
	for (i = 1; i <= 5; i++) {
		expire_at(&f, T0 + 36093 + (uint64_t)i * 10000);
		EXPECT(ADV);
	}
	/* a v3 peer with 10 ms adverts holds a backup for 30 ms + skew */
	start_backup(&f, 3, 100, 100);
	advert(&f, 150, 1, 20);
	assert_int_equal(f.master_down_timer, T0 + 36093);
}

static void
test_fault_from_master(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_master(&f, 2, 100, 100);
	simple(&f, VRRP_EV_FAULT_ON);
	EXPECT(ADV, DEL, TRANS);
	assert_int_equal(out.v[0].priority, 0);
	expect_transition(&out.v[2], VRRP_STATE_MASTER, VRRP_STATE_FAULT);
	assert_int_equal(out.v[2].reason, VRRP_REASON_FAULT);
	assert_int_equal(vrrp_fsm_next_deadline(&f), 0);
	assert_int_equal(f.stats.prio0_tx, 1);
}

static void
test_fault_from_backup_and_back(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_backup(&f, 3, 100, 100);
	advert(&f, 150, 50, 20); /* learned 50 cs */
	simple(&f, VRRP_EV_FAULT_ON);
	EXPECT(TRANS);
	expect_transition(&out.v[0], VRRP_STATE_BACKUP, VRRP_STATE_FAULT);
	assert_int_equal(vrrp_fsm_next_deadline(&f), 0);
	/* adverts are not heard in FAULT */
	advert(&f, 50, 100, 20);
	EXPECT();
	now += 10 * SEC;
	simple(&f, VRRP_EV_FAULT_OFF);
	EXPECT(TRANS);
	expect_transition(&out.v[0], VRRP_STATE_FAULT, VRRP_STATE_BACKUP);
	assert_int_equal(out.v[0].reason, VRRP_REASON_FAULT_CLEARED);
	/* our own interval again, full Master_Down_Interval */
	assert_int_equal(f.master_adver_interval, 100);
	assert_int_equal(f.master_down_timer, now + 3609375);
}

/* keepalived: the owner leaves FAULT straight to MASTER. */
static void
test_fault_off_owner_master(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	fsm_new(&f, 2, 255, 100);
	simple(&f, VRRP_EV_STARTUP);
	simple(&f, VRRP_EV_FAULT_ON);
	simple(&f, VRRP_EV_FAULT_OFF);
	EXPECT(ADV, ADD, GARP, TRANS);
	expect_transition(&out.v[3], VRRP_STATE_FAULT, VRRP_STATE_MASTER);
}

/* A fault level repeated, or cleared when not set, does nothing. */
static void
test_fault_levels_idempotent(void **unused)
{
	struct vrrp_fsm f, before;

	(void)unused;
	start_backup(&f, 2, 100, 100);
	simple(&f, VRRP_EV_FAULT_OFF);
	EXPECT();
	simple(&f, VRRP_EV_FAULT_ON);
	memcpy(&before, &f, sizeof(f));
	simple(&f, VRRP_EV_FAULT_ON);
	EXPECT();
	assert_memory_equal(&f, &before, sizeof(f));
}

/* RFC 5798 section 6.4.3 "Shutdown": resign, then drop the VIPs. */
static void
test_shutdown_master(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_master(&f, 2, 100, 100);
	simple(&f, VRRP_EV_SHUTDOWN);
	EXPECT(ADV, DEL, TRANS);
	assert_int_equal(out.v[0].priority, 0);
	expect_transition(&out.v[2], VRRP_STATE_MASTER, VRRP_STATE_STOP);
	assert_int_equal(out.v[2].reason, VRRP_REASON_SHUTDOWN);
	assert_int_equal(vrrp_fsm_next_deadline(&f), 0);
	/* a second shutdown, or anything else, is ignored */
	simple(&f, VRRP_EV_SHUTDOWN);
	EXPECT();
	simple(&f, VRRP_EV_FAULT_OFF);
	EXPECT();
	advert(&f, 0, 0, 20);
	EXPECT();
}

/* -V: resign but leave the addresses. */
static void
test_shutdown_master_keep_vips(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_event ev = { .type = VRRP_EV_SHUTDOWN };

	(void)unused;
	start_master(&f, 2, 100, 100);
	ev.u.shutdown.keep_vips = true;
	run(&f, &ev);
	EXPECT(ADV, TRANS);
	assert_int_equal(out.v[0].priority, 0);
}

static void
test_shutdown_backup(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_backup(&f, 2, 100, 100);
	simple(&f, VRRP_EV_SHUTDOWN);
	EXPECT(TRANS);
	expect_transition(&out.v[0], VRRP_STATE_BACKUP, VRRP_STATE_STOP);
	expire_at(&f, now + 100 * SEC);
	EXPECT();
}

/* A respawned master: advert first, VIPs re-asserted, nothing removed. */
static void
test_resume_master(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_event ev = { .type = VRRP_EV_RESUME };
	size_t i;

	(void)unused;
	fsm_new(&f, 2, 100, 100);
	ev.u.resume.state = VRRP_STATE_MASTER;
	run(&f, &ev);
	EXPECT(ADV, ADD, TRANS);
	assert_int_equal(out.v[0].priority, 100);
	assert_true(out.v[1].ensure);
	for (i = 0; i < out.n; i++)
		assert_int_not_equal(out.v[i].type, VRRP_ACT_DEL_VIPS);
	expect_transition(&out.v[2], VRRP_STATE_INIT, VRRP_STATE_MASTER);
	assert_int_equal(out.v[2].reason, VRRP_REASON_RESUME);
	assert_int_equal(f.adver_timer, T0 + SEC);
	assert_int_equal(f.master_down_timer, 0);
}

static void
test_resume_backup(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_event ev = { .type = VRRP_EV_RESUME };

	(void)unused;
	fsm_new(&f, 2, 255, 100); /* even an owner does not jump */
	ev.u.resume.state = VRRP_STATE_BACKUP;
	run(&f, &ev);
	EXPECT(TRANS);
	assert_int_equal(out.v[0].reason, VRRP_REASON_RESUME);
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
	assert_int_equal(f.master_down_timer, T0 + 3 * SEC + f.skew_time);
}

/* A master that comes back faulty resigns and drops the old VIPs. */
static void
test_resume_master_faulty(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_event ev = { .type = VRRP_EV_RESUME };

	(void)unused;
	fsm_new(&f, 2, 100, 100);
	ev.u.resume.state = VRRP_STATE_MASTER;
	ev.u.resume.fault = true;
	run(&f, &ev);
	EXPECT(ADV, DEL, TRANS);
	assert_int_equal(out.v[0].priority, 0);
	expect_transition(&out.v[2], VRRP_STATE_INIT, VRRP_STATE_FAULT);
}

/* resume(STOP) has nothing to resume: an ordinary start. */
static void
test_resume_stop_is_startup(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_event ev = { .type = VRRP_EV_RESUME };

	(void)unused;
	fsm_new(&f, 2, 100, 100);
	ev.u.resume.state = VRRP_STATE_STOP;
	run(&f, &ev);
	EXPECT(TRANS);
	assert_int_equal(out.v[0].reason, VRRP_REASON_STARTUP);
	assert_int_equal(f.state, VRRP_STATE_BACKUP);
}

/* Tracking: clamped, and a pending down timer moves by the skew change. */
static void
test_priority_change_backup(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_event ev = { .type = VRRP_EV_PRIORITY };
	uint64_t deadline;

	(void)unused;
	start_backup(&f, 2, 100, 100);
	deadline = f.master_down_timer;
	ev.u.priority.total = 228; /* skew 28/256 s = 109375 us */
	run(&f, &ev);
	EXPECT(PRIO);
	assert_int_equal(out.v[0].old_priority, 100);
	assert_int_equal(out.v[0].priority, 228);
	assert_int_equal(f.skew_time, 109375);
	assert_int_equal(f.master_down_timer, deadline - 500000);
	ev.u.priority.total = 400;
	run(&f, &ev);
	assert_int_equal(f.priority, 254);
	ev.u.priority.total = -20;
	run(&f, &ev);
	assert_int_equal(f.priority, 1);
	run(&f, &ev);
	EXPECT();
}

static void
test_priority_change_master_and_owner(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_event ev = { .type = VRRP_EV_PRIORITY };

	(void)unused;
	start_master(&f, 2, 100, 100);
	ev.u.priority.total = 90;
	run(&f, &ev);
	EXPECT(PRIO);
	expire_at(&f, f.adver_timer);
	EXPECT(ADV);
	assert_int_equal(out.v[0].priority, 90);
	/* an owner's priority does not move */
	fsm_new(&f, 2, 255, 100);
	simple(&f, VRRP_EV_STARTUP);
	run(&f, &ev);
	EXPECT();
	assert_int_equal(f.priority, 255);
}

/* Events a state does not listen to leave everything as it was. */
static void
test_ignored_events(void **unused)
{
	struct vrrp_fsm f, before;

	(void)unused;
	start_backup(&f, 3, 100, 100);
	memcpy(&before, &f, sizeof(f));
	simple(&f, VRRP_EV_ADVER_TIMER); /* not MASTER */
	EXPECT();
	simple(&f, VRRP_EV_MASTER_DOWN_TIMER); /* not yet due */
	EXPECT();
	simple(&f, VRRP_EV_STARTUP); /* not INIT */
	EXPECT();
	simple(&f, VRRP_EV_RESUME);
	EXPECT();
	advert(&f, 150, 0, 20); /* v3 with a zero interval: malformed */
	EXPECT();
	assert_memory_equal(&f, &before, sizeof(f));

	start_master(&f, 2, 100, 100);
	memcpy(&before, &f, sizeof(f));
	simple(&f, VRRP_EV_MASTER_DOWN_TIMER);
	simple(&f, VRRP_EV_ADVER_TIMER); /* not yet due */
	simple(&f, VRRP_EV_FAULT_OFF);
	EXPECT();
	assert_memory_equal(&f, &before, sizeof(f));

	/* INIT hears nothing and has no timers */
	fsm_new(&f, 2, 100, 100);
	memcpy(&before, &f, sizeof(f));
	advert(&f, 150, 0, 20);
	simple(&f, VRRP_EV_ADVER_TIMER);
	expire_at(&f, T0 + 100 * SEC);
	EXPECT();
	assert_memory_equal(&f, &before, sizeof(f));
}

/* The explicit timer events do what expire() does. */
static void
test_timer_events(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	start_backup(&f, 2, 100, 100);
	now = f.master_down_timer;
	simple(&f, VRRP_EV_MASTER_DOWN_TIMER);
	EXPECT(ADV, ADD, GARP, TRANS);
	now = f.adver_timer;
	simple(&f, VRRP_EV_ADVER_TIMER);
	EXPECT(ADV);
}

/* One TRANSITION per change, in order, and the counter agrees. */
static void
test_transition_sequence(void **unused)
{
	static const enum vrrp_state want[][2] = {
		{ VRRP_STATE_INIT, VRRP_STATE_BACKUP },
		{ VRRP_STATE_BACKUP, VRRP_STATE_MASTER },
		{ VRRP_STATE_MASTER, VRRP_STATE_BACKUP },
		{ VRRP_STATE_BACKUP, VRRP_STATE_FAULT },
		{ VRRP_STATE_FAULT, VRRP_STATE_BACKUP },
		{ VRRP_STATE_BACKUP, VRRP_STATE_MASTER },
		{ VRRP_STATE_MASTER, VRRP_STATE_FAULT },
		{ VRRP_STATE_FAULT, VRRP_STATE_STOP },
	};
	struct vrrp_action seen[16];
	size_t nseen = 0, i;
	struct vrrp_fsm f;
	int step;

	(void)unused;
	fsm_new(&f, 3, 100, 100);
	for (step = 0; step < 12; step++) {
		switch (step) {
		case 0:
			simple(&f, VRRP_EV_STARTUP);
			break;
		case 1:
			expire_at(&f, f.master_down_timer);
			break;
		case 2:
			advert(&f, 200, 100, 20);
			break;
		case 3:
			advert(&f, 200, 100, 20); /* no change */
			break;
		case 4:
			simple(&f, VRRP_EV_FAULT_ON);
			break;
		case 5:
			simple(&f, VRRP_EV_FAULT_ON); /* no change */
			break;
		case 6:
			simple(&f, VRRP_EV_FAULT_OFF);
			break;
		case 7:
			advert(&f, 0, 100, 20);
			break;
		case 8:
			expire_at(&f, f.master_down_timer);
			break;
		case 9:
			expire_at(&f, f.adver_timer); /* no change */
			break;
		case 10:
			simple(&f, VRRP_EV_FAULT_ON);
			break;
		default:
			simple(&f, VRRP_EV_SHUTDOWN);
			break;
		}
		for (i = 0; i < out.n; i++)
			if (out.v[i].type == VRRP_ACT_TRANSITION) {
				assert_true(nseen < 16);
				seen[nseen++] = out.v[i];
			}
	}
	assert_int_equal(nseen, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < nseen; i++)
		expect_transition(&seen[i], want[i][0], want[i][1]);
	assert_int_equal(f.stats.transitions, nseen);
	assert_int_equal(seen[5].reason, VRRP_REASON_PRIORITY_ZERO);
}

static void
test_next_deadline(void **unused)
{
	struct vrrp_fsm f;

	(void)unused;
	fsm_new(&f, 2, 100, 100);
	f.adver_timer = 50;
	f.master_down_timer = 0;
	assert_int_equal(vrrp_fsm_next_deadline(&f), 50);
	f.master_down_timer = 40;
	assert_int_equal(vrrp_fsm_next_deadline(&f), 40);
	f.adver_timer = 0;
	assert_int_equal(vrrp_fsm_next_deadline(&f), 40);
}

/* down_timer_adverts replaces the RFC's 3. */
static void
test_down_timer_adverts(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_params p;

	(void)unused;
	params(&p, 2, 100, 100);
	p.down_timer_adverts = 5;
	vrrp_fsm_init(&f, &p);
	assert_int_equal(f.master_down_interval, 5 * SEC + 609375);
}

/* A sync group's member follows another into MASTER at once, and back
   into BACKUP; it does not follow from FAULT. */
static void
test_sync_follow(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_event ev;

	(void)unused;
	start_backup(&f, 3, 100, 100);
	memset(&ev, 0, sizeof(ev));
	ev.type = VRRP_EV_SYNC;
	ev.u.sync.state = VRRP_STATE_MASTER;
	run(&f, &ev);
	EXPECT(ADV, ADD, GARP, TRANS);
	assert_int_equal(out.v[3].reason, VRRP_REASON_SYNC_GROUP);
	assert_int_equal(f.state, VRRP_STATE_MASTER);
	/* already there: nothing */
	run(&f, &ev);
	EXPECT();
	ev.u.sync.state = VRRP_STATE_BACKUP;
	run(&f, &ev);
	EXPECT(DEL, TRANS);
	expect_transition(&out.v[1], VRRP_STATE_MASTER, VRRP_STATE_BACKUP);
	assert_true(f.master_down_timer > now);
	simple(&f, VRRP_EV_FAULT_ON);
	ev.u.sync.state = VRRP_STATE_MASTER;
	run(&f, &ev);
	EXPECT();
	assert_int_equal(f.state, VRRP_STATE_FAULT);
}

/* A reload's new parameters keep the state and the armed timer. */
static void
test_set_params_keeps_state(void **unused)
{
	struct vrrp_fsm f;
	struct vrrp_fsm_params p;
	uint64_t adv;

	(void)unused;
	start_master(&f, 3, 150, 100);
	adv = f.adver_timer;
	params(&p, 3, 120, 50);
	vrrp_fsm_set_params(&f, &p);
	assert_int_equal(f.state, VRRP_STATE_MASTER);
	assert_int_equal(f.priority, 120);
	assert_int_equal(f.advert_interval, 50);
	assert_int_equal(f.master_adver_interval, 50);
	assert_int_equal(f.adver_timer, adv);
	assert_int_equal(f.p.down_timer_adverts, 3);
	/* the next advert comes at the new interval */
	expire_at(&f, adv);
	EXPECT(ADV);
	assert_int_equal(f.adver_timer, adv + 50 * 10000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_v2_timer_math),
		cmocka_unit_test(test_v3_timer_math),
		cmocka_unit_test(test_startup_backup),
		cmocka_unit_test(test_backup_to_master_on_timeout),
		cmocka_unit_test(test_master_adverts_every_interval),
		cmocka_unit_test(test_owner_startup_master),
		cmocka_unit_test(test_startup_fault),
		cmocka_unit_test(test_fault_before_startup),
		cmocka_unit_test(test_want_master_short_wait),
		cmocka_unit_test(test_backup_higher_advert_resets),
		cmocka_unit_test(test_backup_equal_advert_resets),
		cmocka_unit_test(test_backup_preempts_lower),
		cmocka_unit_test(test_nopreempt),
		cmocka_unit_test(test_preempt_delay),
		cmocka_unit_test(test_preempt_delay_stopped_by_higher),
		cmocka_unit_test(test_backup_prio0),
		cmocka_unit_test(test_master_prio0),
		cmocka_unit_test(test_master_higher_advert),
		cmocka_unit_test(test_master_equal_higher_address),
		cmocka_unit_test(test_master_equal_lower_address),
		cmocka_unit_test(test_master_own_address),
		cmocka_unit_test(test_master_lower_advert),
		cmocka_unit_test(test_master_lower_no_advert_garp),
		cmocka_unit_test(test_master_higher_prio_send_advert),
		cmocka_unit_test(test_master_owner_clash),
		cmocka_unit_test(test_v3_learn_interval),
		cmocka_unit_test(test_v2_no_learning),
		cmocka_unit_test(test_v3_master_learns_on_losing),
		cmocka_unit_test(test_v3_10ms),
		cmocka_unit_test(test_fault_from_master),
		cmocka_unit_test(test_fault_from_backup_and_back),
		cmocka_unit_test(test_fault_off_owner_master),
		cmocka_unit_test(test_fault_levels_idempotent),
		cmocka_unit_test(test_shutdown_master),
		cmocka_unit_test(test_shutdown_master_keep_vips),
		cmocka_unit_test(test_shutdown_backup),
		cmocka_unit_test(test_resume_master),
		cmocka_unit_test(test_resume_backup),
		cmocka_unit_test(test_resume_master_faulty),
		cmocka_unit_test(test_resume_stop_is_startup),
		cmocka_unit_test(test_priority_change_backup),
		cmocka_unit_test(test_priority_change_master_and_owner),
		cmocka_unit_test(test_ignored_events),
		cmocka_unit_test(test_timer_events),
		cmocka_unit_test(test_transition_sequence),
		cmocka_unit_test(test_next_deadline),
		cmocka_unit_test(test_down_timer_adverts),
		cmocka_unit_test(test_sync_follow),
		cmocka_unit_test(test_set_params_keeps_state),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
