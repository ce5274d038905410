/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check.h: what the rest of vigil may use of the checker child. */

#ifndef VIGIL_CHECK_H
#define VIGIL_CHECK_H

#include "child.h"

extern const struct child_ops check_child_ops;

#endif
