/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vs_conf.c: keyword tables of virtual_server and virtual_server_group. */

#include "vs_conf.h"

void
vs_conf_register(void)
{
}
