/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_decide.c: a virtual server's desired table from its servers' health. */

#include "check_decide.h"
#include "check_int.h"

uint32_t
ck_decide_weight(uint32_t conf, int wmode, int32_t value)
{
	int64_t w;

	switch ((enum ck_wmode)wmode) {
	case CK_W_SET:
		w = value;
		break;
	case CK_W_ADD:
		w = (int64_t)conf + value;
		break;
	case CK_W_NONE:
	default:
		w = conf;
		break;
	}
	if (w < 0)
		w = 0;
	if (w > VS_WEIGHT_MAX)
		w = VS_WEIGHT_MAX;
	return (uint32_t)w;
}

/*
 * keepalived's update_quorum_state(): the threshold moves by the
 * hysteresis away from the current state, so a sum that hovers at the
 * quorum does not flap it.
 */
static bool
decide_quorum(struct ck_dec_vs *vs)
{
	uint64_t up_at = (uint64_t)vs->quorum + vs->hysteresis;
	int64_t down_below = (int64_t)vs->quorum - vs->hysteresis;
	bool old = vs->quorum_up;

	if (vs->first) {
		vs->quorum_up = vs->live_weight >= up_at;
		vs->first = false;
		return true;
	}
	if (!vs->quorum_up && vs->live_weight >= up_at)
		vs->quorum_up = true;
	else if (vs->quorum_up &&
	    (vs->live_weight == 0 || (int64_t)vs->live_weight < down_below))
		vs->quorum_up = false;
	return vs->quorum_up != old;
}

bool
ck_decide_vs(struct ck_dec_vs *vs, struct ck_dec_rs *rs, size_t n)
{
	bool changed, fallback;
	size_t i;

	vs->live_weight = 0;
	for (i = 0; i < n; i++)
		if (rs[i].alive)
			vs->live_weight += rs[i].weight;
	changed = decide_quorum(vs);

	/* Without quorum the sorry server (ldirectord's fallback) takes
	   the service from what is left of the pool. */
	fallback = !vs->quorum_up && vs->has_sorry;
	for (i = 0; i < n; i++) {
		struct ck_dec_rs *r = &rs[i];

		r->quiescent = false;
		if (r->alive && !fallback) {
			r->in_table = true;
			r->out_weight = r->weight;
		} else if (r->inhibit) {
			/* keepalived turns the removal of an inhibited
			   server into weight 0: its connections drain */
			r->in_table = true;
			r->quiescent = !r->alive;
			r->out_weight = 0;
		} else {
			r->in_table = false;
			r->out_weight = 0;
		}
	}
	vs->sorry_active = fallback;
	vs->sorry_in_table = fallback || (vs->has_sorry && vs->sorry_inhibit);
	vs->sorry_out_weight = fallback ? vs->sorry_weight : 0;
	return changed;
}
