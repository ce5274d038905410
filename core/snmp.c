/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp.c: the SNMP subsystem, built on net-snmp (the AgentX subagent and
   traps come with their issue). */

#include <stdio.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/version.h>

#include "snmp.h"

const char *
snmp_build_info(void)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "net-snmp %s", netsnmp_get_version());
	return buf;
}
