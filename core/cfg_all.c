/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cfg_all.c: registers every subsystem's sections, for vigild and tests. */

#include "../vrrp/vrrp.h"
#include "cfg.h"
#include "vs_conf.h"

void
cfg_register_all(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	cfg_register_core();
	vrrp_conf_register();
	vs_conf_register();
}
