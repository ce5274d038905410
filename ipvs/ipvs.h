/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipvs.h: what the rest of vigil may use of the IPVS child. */

#ifndef VIGIL_IPVS_H
#define VIGIL_IPVS_H

#include "child.h"

extern const struct child_ops ipvs_child_ops;

#endif
