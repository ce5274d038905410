/* SPDX-License-Identifier: GPL-2.0-or-later */
/* reconcile.h: an installed set made the desired one, touching only changes. */

#ifndef VIGIL_RECONCILE_H
#define VIGIL_RECONCILE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * A reload must change in the kernel only what changed in the file: an
 * address, route, IPVS service or destination that is in both the old
 * (installed) and the new (desired) set is left alone.  reconcile sorts
 * both sets by key (O(n log n)), merges them, and reports each element
 * as kept, removed, added or changed (same key, different value).
 *
 * Elements are opaque: two arrays of elements of ops->size bytes each
 * (often pointers, as in a struct cfg_vec), compared by ops->cmp.  The
 * arrays are not modified; steps point into them.
 *
 * Sets, not lists: elements of one array whose keys compare equal are
 * one object (the kernel holds one address however often the file names
 * it); the first in array order stands for them, the others are ignored.
 *
 * Order: every removal, then every change and keep, then every addition,
 * each in key order, so the result does not depend on the order of the
 * arrays.  Removals come first because a removal after the additions
 * can destroy what was just added: deleting an IPv4 primary address
 * deletes the secondaries of its subnet too, and the kernel matches some
 * deletions (routes, rules) by wildcard.  Between
 * kinds of objects the caller chooses: objects that depend on others
 * (routes and rules on addresses, destinations on services) go before
 * them in the removal phase and after them in the addition phase; run
 * each kind's phases separately with reconcile_apply to get that.
 */

enum reconcile_op {
	RECONCILE_KEEP, /* same key, equal: nothing to do */
	RECONCILE_REMOVE, /* only in the old set */
	RECONCILE_ADD, /* only in the new set */
	RECONCILE_CHANGE, /* same key, not equal */
};

/* One element's fate; old is NULL for an addition, new for a removal. */
struct reconcile_step {
	enum reconcile_op op;
	const void *old;
	const void *new;
};

struct reconcile_ops {
	size_t size; /* bytes of one element */
	/* Key order (<0, 0, >0); 0: the same object. */
	int (*cmp)(const void *, const void *, void *arg);
	/* Whether two elements of the same key are equal; NULL: always. */
	bool (*equal)(const void *old, const void *new, void *arg);
	/* The actions; any may be NULL (nothing is done for it). */
	void (*remove)(const void *old, void *arg);
	void (*add)(const void *new, void *arg);
	/* NULL: a change is remove(old) in the removal phase and add(new)
	   in the addition phase. */
	void (*change)(const void *old, const void *new, void *arg);
	/* An unchanged element, e.g. to carry runtime state over. */
	void (*keep)(const void *old, const void *new, void *arg);
};

/* The differences of two sets, in key order. */
struct reconcile_diff {
	struct reconcile_step *v;
	size_t n;
	size_t nkeep, nremove, nadd, nchange;
};

/* Phases of reconcile_apply, run in this order. */
#define RECONCILE_REMOVALS 0x1u /* remove, and change's old half */
#define RECONCILE_CHANGES 0x2u /* change (when given), keep */
#define RECONCILE_ADDITIONS 0x4u /* add, and change's new half */
#define RECONCILE_ALL 0x7u

/* Computes d from old[nold] and new[nnew] (either may be NULL when
   empty) without calling any action.  0, or -1 when out of memory. */
int reconcile_diff(struct reconcile_diff *d, const void *old, size_t nold,
    const void *new, size_t nnew, const struct reconcile_ops *, void *arg);
/* Runs d's actions of the given phases (RECONCILE_*), in order. */
void reconcile_apply(const struct reconcile_diff *d, unsigned phases,
    const struct reconcile_ops *, void *arg);
void reconcile_diff_free(struct reconcile_diff *d);
/* reconcile_diff, reconcile_apply of every phase, free.  0 or -1. */
int reconcile(const void *old, size_t nold, const void *new, size_t nnew,
    const struct reconcile_ops *, void *arg);

#endif
