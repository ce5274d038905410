/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vs_conf.h: the virtual-server model the checker and IPVS children share. */

#ifndef VIGIL_VS_CONF_H
#define VIGIL_VS_CONF_H

#include "cfg.h"

/* Registers virtual_server, virtual_server_group and their blocks. */
void vs_conf_register(void);

#endif
