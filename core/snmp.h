/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp.h: what the parent knows of SNMP without loading net-snmp
   (snmp_load.c, or snmp_none.c when built with --disable-snmp); the agent
   itself is the module vigil-snmp.so (snmp.c). */

#ifndef VIGIL_SNMP_H
#define VIGIL_SNMP_H

/* One line saying what SNMP support this build has, for -v. */
const char *snmp_build_info(void);

#endif
