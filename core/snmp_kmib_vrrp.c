/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp_kmib_vrrp.c: KEEPALIVED-MIB, its vrrp part (placeholder until its helper lands). */

#include "snmp_int.h"

const struct snmp_part snmp_part_vrrp = {
	.name = "keepalived-vrrp",
};
