/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp.h: what the rest of vigil may use of the VRRP child. */

#ifndef VIGIL_VRRP_H
#define VIGIL_VRRP_H

#include "child.h"

extern const struct child_ops vrrp_child_ops;

/* The keyword paths the VRRP child (and the parent's herald for it)
   runs; NULL-ended. */
extern const char *const vrrp_running_keywords[];

/* Registers the VRRP sections of the configuration language. */
void vrrp_conf_register(void);

/* The herald's supplier (core/herald.h) of instances and sync groups:
   their ids, names and notify scripts in cfg. */
void vrrp_herald_supply(const struct config *cfg);

#endif
