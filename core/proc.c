/* SPDX-License-Identifier: GPL-2.0-or-later */
/* proc.c: respawn backoff and crash-loop detection (pure arithmetic). */

#include "proc.h"

unsigned
proc_backoff(double ran, unsigned *quick)
{
	unsigned delay;

	if (ran >= PROC_STABLE_SECS) {
		*quick = 0;
		return 0;
	}
	/* The first short run restarts at once: a VRRP master's child
	   must be back before its backups' Master_Down_Interval ends. */
	delay = *quick == 0 ? 0
	    : *quick >= 7   ? PROC_BACKOFF_MAX
	                    : 1u << (*quick - 1);
	if (delay > PROC_BACKOFF_MAX)
		delay = PROC_BACKOFF_MAX;
	if (*quick < 32)
		(*quick)++;
	return delay;
}

bool
crash_window_add(struct crash_window *w, double now)
{
	double oldest;

	w->t[w->next] = now;
	w->next = (w->next + 1) % PROC_CRASH_MAX;
	if (w->n < PROC_CRASH_MAX)
		w->n++;
	if (w->n < PROC_CRASH_MAX)
		return false;
	oldest = w->t[w->next]; /* the slot written PROC_CRASH_MAX deaths ago */
	return now - oldest <= PROC_CRASH_WINDOW;
}
