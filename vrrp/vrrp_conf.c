/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_conf.c: keyword tables of the VRRP sections. */

#include "vrrp.h"
#include "vrrp_conf.h"

void
vrrp_conf_register(void)
{
}
