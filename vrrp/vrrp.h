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

/*
 * RFC 6527's vrrpv3StatisticsNewMasterReason of a transition to MASTER
 * whose cause is reason (the VRRP child's enum vrrp_reason, as in
 * msg_event.reason): priority (1), preempted (2) or masterNoResponse
 * (3), as keepalived 2.2.7 chooses them.  The one place of this mapping:
 * the VRRP child fills its snapshot's new_master_reason with it, and the
 * SNMP module calls it for vrrpv3NewMaster, whose event reaches the
 * parent before the snapshot that tells the same (vigild exports it).
 */
uint8_t vrrp_master_reason(unsigned reason);

#endif
