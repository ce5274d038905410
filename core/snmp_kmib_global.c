/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp_kmib_global.c: KEEPALIVED-MIB, its global part (placeholder until its helper lands). */

#include "snmp_int.h"

const struct snmp_part snmp_part_global = {
	.name = "keepalived-global",
};
