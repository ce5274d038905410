/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vs_fmt.h: keepalived's names of virtual and real servers, for logs,
   FIFO lines and dumps (no run-time code: the parent links it). */

#ifndef VIGIL_VS_FMT_H
#define VIGIL_VS_FMT_H

#include <stddef.h>

#include "vs_conf.h"

/* Room for any name these write. */
#define VS_NAME_MAX 300

/* keepalived's FMT_VS: "[192.0.2.1]:tcp:80", "[2001:db8::1]:tcp:80",
   "FWM 5", or "[GROUP]:0" for a virtual_server group. */
void vs_fmt_vs(const struct vs_vs *, char *buf, size_t size);
/* keepalived's FMT_RS: "[192.0.2.10]:tcp:80" (the virtual server's
   protocol; "none" for a fwmark service without one). */
void
vs_fmt_rs(const struct vs_vs *, const struct vs_rs *, char *buf, size_t size);

#endif
