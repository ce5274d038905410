/* SPDX-License-Identifier: GPL-2.0-or-later */
/* version.h: the version string, from configure. */

#ifndef VIGIL_VERSION_H
#define VIGIL_VERSION_H

#include "config.h"

#define VIGIL_VERSION PACKAGE_VERSION

#endif
