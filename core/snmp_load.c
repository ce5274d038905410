/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp_load.c: what -v says of SNMP in a build with the SNMP module. */

#include "module.h"
#include "snmp.h"

const char *
snmp_build_info(void)
{
	const struct vigil_module *m = module_load("vigil-snmp.so");

	return m != NULL ? m->build_info() : "module vigil-snmp.so missing";
}
