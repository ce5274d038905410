/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp_rfc.c: VRRP-MIB and VRRPv3-MIB (placeholder until its helper lands). */

#include "snmp_int.h"

const struct snmp_part snmp_part_rfcv2 = {
	.name = "vrrp-mib",
};
const struct snmp_part snmp_part_rfcv3 = {
	.name = "vrrpv3-mib",
};
