/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp.h: the SNMP subsystem's interface (snmp.c, or snmp_none.c when
   built with --disable-snmp). */

#ifndef VIGIL_SNMP_H
#define VIGIL_SNMP_H

/* One line saying what SNMP support this build has, for -v. */
const char *snmp_build_info(void);

#endif
