/* SPDX-License-Identifier: GPL-2.0-or-later */
/* herald_all.c: who describes which objects to the parent's herald; linked
   into the parent only, so no child's program carries the herald. */

#include "../check/check.h"
#include "../vrrp/vrrp.h"
#include "herald.h"

void
herald_register_suppliers(void)
{
	static bool done;

	if (done)
		return;
	done = true;
	herald_add_supplier(vrrp_herald_supply);
	herald_add_supplier(check_herald_supply);
	cfg_register_running(check_herald_keywords);
}
