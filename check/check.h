/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check.h: what the rest of vigil may use of the checker child. */

#ifndef VIGIL_CHECK_H
#define VIGIL_CHECK_H

#include "child.h"

extern const struct child_ops check_child_ops;

struct config;
/* The herald's supplier (check_herald.c): describes each virtual, real
   and sorry server of cfg to the parent's herald. */
void check_herald_supply(const struct config *cfg);
/* The keyword paths the parent runs for the checker (the herald's
   scripts and lvs_notify_fifo), for cfg_register_running(). */
extern const char *const check_herald_keywords[];
/* The keyword paths the checker child runs (check_keywords.c), for
   cfg_register_running(). */
extern const char *const check_running_keywords[];

#endif
