/* SPDX-License-Identifier: GPL-2.0-or-later */
/* array.h: the one way a malloc'd array grows. */

#ifndef VIGIL_ARRAY_H
#define VIGIL_ARRAY_H

#include <stdlib.h>

#include "log.h"

/*
 * Returns v (reallocated when needed) with room for need elements of
 * elem bytes, *cap doubling from 16.  Out of memory is fatal: the
 * daemons cannot go on without their tables.
 */
static inline void *
array_grow(void *v, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 16;

	if (need <= *cap)
		return v;
	while (n < need)
		n *= 2;
	v = realloc(v, n * elem);
	if (v == NULL)
		fatal("out of memory");
	*cap = n;
	return v;
}

#endif
