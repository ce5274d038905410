/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp_none.c: stands in for snmp.c in a build configured --disable-snmp. */

#include "snmp.h"

const char *
snmp_build_info(void)
{
	return "disabled at build time (--disable-snmp)";
}
