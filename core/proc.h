/* SPDX-License-Identifier: GPL-2.0-or-later */
/* proc.h: respawn backoff and crash-loop arithmetic for supervised children. */

#ifndef VIGIL_PROC_H
#define VIGIL_PROC_H

#include <stdbool.h>

#define PROC_STABLE_SECS 60.0 /* a child that ran this long restarts at once */
#define PROC_BACKOFF_MAX 60u /* longest wait before a restart, seconds */
#define PROC_CRASH_MAX 5 /* this many deaths ... */
#define PROC_CRASH_WINDOW 60.0 /* ... within this many seconds: crash loop */

/*
 * Seconds to wait before restarting a child that died after running for
 * ran seconds.  *quick counts the short-lived runs in a row and is updated:
 * a long run resets it and restarts at once, each short run doubles the
 * wait (0, 1, 2, 4, ... up to PROC_BACKOFF_MAX).
 */
unsigned proc_backoff(double ran, unsigned *quick);

/* The last PROC_CRASH_MAX deaths of one child. */
struct crash_window {
	double t[PROC_CRASH_MAX];
	unsigned n; /* deaths recorded, at most PROC_CRASH_MAX */
	unsigned next; /* where the next one goes */
};

/* Records a death at time now (seconds, monotonic); true when it makes
   PROC_CRASH_MAX deaths within PROC_CRASH_WINDOW seconds. */
bool crash_window_add(struct crash_window *, double now);

#endif
