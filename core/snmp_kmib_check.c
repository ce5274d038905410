/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp_kmib_check.c: KEEPALIVED-MIB, its check part (placeholder until its helper lands). */

#include "snmp_int.h"

const struct snmp_part snmp_part_check = {
	.name = "keepalived-check",
};
