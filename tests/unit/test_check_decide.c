/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_check_decide.c: a virtual server's desired table from health and
   configuration (check/check_decide.c), keepalived's semantics. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "../check/check_decide.h"
#include "../check/check_int.h"

static void
rs_set(struct ck_dec_rs *r, bool alive, uint32_t weight, bool inhibit)
{
	memset(r, 0, sizeof(*r));
	r->alive = alive;
	r->weight = weight;
	r->inhibit = inhibit;
}

/* Alive servers at their weight; a dead one absent, or at 0 when
   inhibit_on_failure keeps it (quiescent). */
static void
test_alive_dead_inhibit(void **state)
{
	struct ck_dec_vs vs = { .quorum = 1, .first = true };
	struct ck_dec_rs rs[3];

	(void)state;
	rs_set(&rs[0], true, 5, false);
	rs_set(&rs[1], false, 3, false);
	rs_set(&rs[2], false, 2, true);
	assert_true(ck_decide_vs(&vs, rs, 3));
	assert_true(vs.quorum_up);
	assert_int_equal(vs.live_weight, 5);
	assert_true(rs[0].in_table);
	assert_int_equal(rs[0].out_weight, 5);
	assert_false(rs[0].quiescent);
	assert_false(rs[1].in_table);
	assert_true(rs[2].in_table);
	assert_true(rs[2].quiescent);
	assert_int_equal(rs[2].out_weight, 0);
	assert_false(vs.sorry_in_table);
}

/* The sorry server serves exactly while quorum is lost; the alive
   servers leave the table meanwhile (an inhibited one goes to 0). */
static void
test_sorry(void **state)
{
	struct ck_dec_vs vs = {
		.quorum = 1, .first = true, .has_sorry = true, .sorry_weight = 4
	};
	struct ck_dec_rs rs[2];

	(void)state;
	rs_set(&rs[0], false, 1, false);
	rs_set(&rs[1], false, 1, true);
	ck_decide_vs(&vs, rs, 2);
	assert_false(vs.quorum_up);
	assert_true(vs.sorry_in_table);
	assert_true(vs.sorry_active);
	assert_int_equal(vs.sorry_out_weight, 4);
	/* one comes back: quorum, the sorry server goes */
	rs[0].alive = true;
	assert_true(ck_decide_vs(&vs, rs, 2));
	assert_true(vs.quorum_up);
	assert_false(vs.sorry_in_table);
	assert_false(vs.sorry_active);
	assert_true(rs[0].in_table);
	assert_int_equal(rs[0].out_weight, 1);
	/* an alive server of weight 0 (drained) is no quorum */
	rs[0].weight = 0;
	assert_true(ck_decide_vs(&vs, rs, 2));
	assert_false(vs.quorum_up);
	assert_true(vs.sorry_active);
	assert_false(rs[0].in_table);
	/* the inhibited dead one stays at 0 under the fallback too */
	assert_true(rs[1].in_table);
	assert_int_equal(rs[1].out_weight, 0);
}

/* sorry_server_inhibit: out of service, the sorry server stays at 0. */
static void
test_sorry_inhibit(void **state)
{
	struct ck_dec_vs vs = { .quorum = 1,
		.first = true,
		.has_sorry = true,
		.sorry_inhibit = true,
		.sorry_weight = 1 };
	struct ck_dec_rs rs[1];

	(void)state;
	rs_set(&rs[0], true, 1, false);
	ck_decide_vs(&vs, rs, 1);
	assert_true(vs.quorum_up);
	assert_true(vs.sorry_in_table);
	assert_false(vs.sorry_active);
	assert_int_equal(vs.sorry_out_weight, 0);
	rs[0].alive = false;
	ck_decide_vs(&vs, rs, 1);
	assert_true(vs.sorry_active);
	assert_int_equal(vs.sorry_out_weight, 1);
}

/* Hysteresis: gained at quorum + h, lost below quorum - h. */
static void
test_hysteresis(void **state)
{
	struct ck_dec_vs vs = { .quorum = 3, .hysteresis = 1, .first = true };
	struct ck_dec_rs rs[5];
	int i;

	(void)state;
	for (i = 0; i < 5; i++)
		rs_set(&rs[i], i < 3, 1, false);
	/* first decision: 3 < 3 + 1 */
	assert_true(ck_decide_vs(&vs, rs, 5));
	assert_false(vs.quorum_up);
	rs[3].alive = true;
	assert_true(ck_decide_vs(&vs, rs, 5));
	assert_true(vs.quorum_up);
	/* 3, then 2: still >= quorum - hysteresis */
	rs[3].alive = false;
	assert_false(ck_decide_vs(&vs, rs, 5));
	rs[2].alive = false;
	assert_false(ck_decide_vs(&vs, rs, 5));
	assert_true(vs.quorum_up);
	/* 1 < 2: lost */
	rs[1].alive = false;
	assert_true(ck_decide_vs(&vs, rs, 5));
	assert_false(vs.quorum_up);
	/* 3: not yet regained */
	rs[1].alive = rs[2].alive = true;
	assert_false(ck_decide_vs(&vs, rs, 5));
	assert_false(vs.quorum_up);
}

/* With quorum and no hysteresis, a sum of 0 always loses it. */
static void
test_zero_quorum(void **state)
{
	struct ck_dec_vs vs = { .quorum = 0, .first = true };
	struct ck_dec_rs rs[1];

	(void)state;
	rs_set(&rs[0], true, 1, false);
	ck_decide_vs(&vs, rs, 1);
	assert_true(vs.quorum_up);
	rs[0].alive = false;
	assert_true(ck_decide_vs(&vs, rs, 1));
	assert_false(vs.quorum_up);
}

static void
test_weight(void **state)
{
	(void)state;
	assert_int_equal(ck_decide_weight(5, CK_W_NONE, 9), 5);
	assert_int_equal(ck_decide_weight(5, CK_W_SET, 9), 9);
	assert_int_equal(ck_decide_weight(5, CK_W_SET, 0), 0);
	assert_int_equal(ck_decide_weight(5, CK_W_ADD, -2), 3);
	assert_int_equal(ck_decide_weight(5, CK_W_ADD, -20), 0);
	assert_int_equal(ck_decide_weight(5, CK_W_SET, 100000), 65535);
}

/* 10,000 servers: every one decided, the sum exact. */
static void
test_many(void **state)
{
	static struct ck_dec_rs rs[10000];
	struct ck_dec_vs vs = { .quorum = 1, .first = true };
	size_t i, in = 0;

	(void)state;
	for (i = 0; i < 10000; i++)
		rs_set(&rs[i], i % 3 != 0, 2, i % 2 == 0);
	ck_decide_vs(&vs, rs, 10000);
	for (i = 0; i < 10000; i++)
		in += rs[i].in_table;
	assert_int_equal(vs.live_weight, 2 * 6666);
	/* alive ones, plus the dead inhibited ones */
	assert_int_equal(in, 6666 + 1667);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alive_dead_inhibit),
		cmocka_unit_test(test_sorry),
		cmocka_unit_test(test_sorry_inhibit),
		cmocka_unit_test(test_hysteresis),
		cmocka_unit_test(test_zero_quorum),
		cmocka_unit_test(test_weight),
		cmocka_unit_test(test_many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
