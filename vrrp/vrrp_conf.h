/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_conf.h: the VRRP model: instances, scripts, tracking, sync groups. */

#ifndef VIGIL_VRRP_CONF_H
#define VIGIL_VRRP_CONF_H

#include "cfg.h"

#endif
