/* SPDX-License-Identifier: GPL-2.0-or-later */
/* risefall.h: the one bounded rise/fall counter of checks and track scripts. */

#ifndef VIGIL_RISEFALL_H
#define VIGIL_RISEFALL_H

#include <stdbool.h>

/*
 * A result turns up after `rise` successes in a row and down after
 * `fall` failures in a row; the first result of an unknown state
 * decides at once.  The counter stays within [-fall, rise].
 */
struct risefall {
	int state; /* -1: unknown; 0: down; 1: up */
	int run; /* > 0: successes in a row; < 0: failures in a row */
};

static inline void
risefall_init(struct risefall *rf, int state)
{
	rf->state = state;
	rf->run = 0;
}

/* Records one result; true when the state changed. */
static inline bool
risefall_add(struct risefall *rf, bool ok, int rise, int fall)
{
	int old = rf->state;

	if (ok)
		rf->run = rf->run > 0 ? rf->run + 1 : 1;
	else
		rf->run = rf->run < 0 ? rf->run - 1 : -1;
	if (rf->run > rise)
		rf->run = rise;
	if (rf->run < -fall)
		rf->run = -fall;
	if (rf->state < 0)
		rf->state = ok;
	else if (ok && rf->run >= rise)
		rf->state = 1;
	else if (!ok && -rf->run >= fall)
		rf->state = 0;
	return rf->state != old;
}

#endif
