/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_decide.h: what a virtual server's table should hold, from health. */

#ifndef VIGIL_CHECK_DECIDE_H
#define VIGIL_CHECK_DECIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Pure decisions, keepalived's semantics (check/ipwrapper.c): health and
 * configuration in, the desired table of one virtual server out.
 *
 * - An alive real server is in the table at its effective weight; a
 *   dead one is absent, or at weight 0 (quiescent) with
 *   inhibit_on_failure.
 * - Quorum: the sum of the alive servers' effective weights.  Without
 *   quorum, it is gained at quorum + hysteresis; with it, lost below
 *   quorum - hysteresis, or at 0.  At the first decision it is up when
 *   the sum reaches quorum + hysteresis.
 * - Without quorum and with a sorry server, the sorry server is in the
 *   table at its weight and the alive real servers leave it (or go to
 *   weight 0 with inhibit_on_failure); with quorum, the sorry server is
 *   absent, or at weight 0 with sorry_server_inhibit.
 */
struct ck_dec_rs {
	/* in */
	bool alive;
	bool inhibit; /* inhibit_on_failure */
	uint32_t weight; /* effective weight while alive */
	/* out */
	bool in_table;
	bool quiescent; /* in the table at 0 because it failed */
	uint32_t out_weight; /* with in_table */
};

struct ck_dec_vs {
	/* in */
	uint32_t quorum, hysteresis;
	bool has_sorry;
	bool sorry_inhibit;
	uint32_t sorry_weight;
	/* in and out: the quorum state (ignored in when first) */
	bool quorum_up;
	bool first; /* the first decision of this virtual server */
	/* out */
	uint64_t live_weight;
	bool sorry_in_table;
	bool sorry_active; /* serving: at sorry_weight, not at 0 */
	uint32_t sorry_out_weight;
};

/* Decides vs and its n real servers; true when quorum_up changed (or was
   decided first). */
bool ck_decide_vs(struct ck_dec_vs *, struct ck_dec_rs *, size_t n);

/* A real server's weight from its configured weight and a dynamic
   result (enum ck_wmode of check_int.h), floored at 0 and capped at
   VS_WEIGHT_MAX. */
uint32_t ck_decide_weight(uint32_t conf, int wmode, int32_t value);

#endif
