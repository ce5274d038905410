/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp.c: the SNMP module of the parent (vigil-snmp.so), built on net-snmp;
   the AgentX subagent and traps come with their issue. */

#include <stdio.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/version.h>

#include "module.h"

static const char *snmp_info(void);
static int snmp_start(const struct module_host *, struct ev_loop *,
    const struct config *, const struct vigil_opts *);

const struct vigil_module vigil_module = {
	.abi = VIGIL_MODULE_ABI,
	.name = "snmp",
	.build_info = snmp_info,
	.start = snmp_start,
};

static const char *
snmp_info(void)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "net-snmp %s", netsnmp_get_version());
	return buf;
}

static int
snmp_start(const struct module_host *h, struct ev_loop *loop,
    const struct config *cfg, const struct vigil_opts *o)
{
	(void)loop;
	(void)cfg;
	(void)o;
	h->log_warnx("SNMP: the AgentX agent and traps are not implemented "
	             "yet");
	return 0;
}
