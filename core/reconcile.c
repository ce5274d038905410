/* SPDX-License-Identifier: GPL-2.0-or-later */
/* reconcile.c: the keyed difference of an installed and a desired set. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reconcile.h"

struct sort_ctx {
	const struct reconcile_ops *ops;
	void *arg;
};

static int by_key(const void *, const void *, void *);
static size_t
sorted_set(const void *, size_t, const char **, const struct sort_ctx *);
static void
push(struct reconcile_diff *, enum reconcile_op, const void *, const void *);

/* Key order, then array order: elements of one key keep their order,
   so the first of them is the one that stands for the set. */
static int
by_key(const void *a, const void *b, void *p)
{
	const struct sort_ctx *c = p;
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int r = c->ops->cmp(x, y, c->arg);

	if (r != 0)
		return r;
	return x < y ? -1 : x > y;
}

/* Fills out with pointers to v's n elements in key order, one per key;
   returns how many there are. */
static size_t
sorted_set(const void *v, size_t n, const char **out, const struct sort_ctx *c)
{
	size_t i, m = 0;

	for (i = 0; i < n; i++)
		out[i] = (const char *)v + i * c->ops->size;
	qsort_r(out, n, sizeof(*out), by_key, (void *)(uintptr_t)c);
	for (i = 0; i < n; i++)
		if (m == 0 || c->ops->cmp(out[m - 1], out[i], c->arg) != 0)
			out[m++] = out[i];
	return m;
}

static void
push(struct reconcile_diff *d, enum reconcile_op op, const void *old,
    const void *new)
{
	struct reconcile_step *s = &d->v[d->n++];

	s->op = op;
	s->old = old;
	s->new = new;
	switch (op) {
	case RECONCILE_KEEP:
		d->nkeep++;
		break;
	case RECONCILE_REMOVE:
		d->nremove++;
		break;
	case RECONCILE_ADD:
		d->nadd++;
		break;
	case RECONCILE_CHANGE:
		d->nchange++;
		break;
	}
}

int
reconcile_diff(struct reconcile_diff *d, const void *old, size_t nold,
    const void *new, size_t nnew, const struct reconcile_ops *ops, void *arg)
{
	const struct sort_ctx c = { ops, arg };
	const char **a, **b;
	size_t na, nb, i = 0, j = 0, total = nold + nnew;
	int r;

	memset(d, 0, sizeof(*d));
	if (total < nold || total > SIZE_MAX / sizeof(*d->v) - 1)
		return -1;
	/* both sorted sets in one block; every step fits in total */
	a = malloc((total + 1) * sizeof(*a));
	d->v = malloc((total + 1) * sizeof(*d->v));
	if (a == NULL || d->v == NULL) {
		free(a);
		free(d->v);
		d->v = NULL;
		return -1;
	}
	na = sorted_set(old, nold, a, &c);
	b = a + nold;
	nb = sorted_set(new, nnew, b, &c);
	while (i < na || j < nb) {
		if (j == nb)
			r = -1;
		else if (i == na)
			r = 1;
		else
			r = ops->cmp(a[i], b[j], arg);
		if (r < 0)
			push(d, RECONCILE_REMOVE, a[i++], NULL);
		else if (r > 0)
			push(d, RECONCILE_ADD, NULL, b[j++]);
		else {
			push(d,
			    ops->equal == NULL || ops->equal(a[i], b[j], arg)
			        ? RECONCILE_KEEP
			        : RECONCILE_CHANGE,
			    a[i], b[j]);
			i++;
			j++;
		}
	}
	free(a);
	return 0;
}

void
reconcile_apply(const struct reconcile_diff *d, unsigned phases,
    const struct reconcile_ops *ops, void *arg)
{
	const struct reconcile_step *s, *end = d->v + d->n;
	bool split = ops->change == NULL; /* a change is remove + add */

	if (phases & RECONCILE_REMOVALS)
		for (s = d->v; s < end; s++)
			if ((s->op == RECONCILE_REMOVE ||
			        (s->op == RECONCILE_CHANGE && split)) &&
			    ops->remove != NULL)
				ops->remove(s->old, arg);
	if (phases & RECONCILE_CHANGES) {
		for (s = d->v; s < end; s++) {
			if (s->op == RECONCILE_CHANGE && !split)
				ops->change(s->old, s->new, arg);
			else if (s->op == RECONCILE_KEEP && ops->keep != NULL)
				ops->keep(s->old, s->new, arg);
		}
	}
	if (phases & RECONCILE_ADDITIONS)
		for (s = d->v; s < end; s++)
			if ((s->op == RECONCILE_ADD ||
			        (s->op == RECONCILE_CHANGE && split)) &&
			    ops->add != NULL)
				ops->add(s->new, arg);
}

void
reconcile_diff_free(struct reconcile_diff *d)
{
	free(d->v);
	memset(d, 0, sizeof(*d));
}

int
reconcile(const void *old, size_t nold, const void *new, size_t nnew,
    const struct reconcile_ops *ops, void *arg)
{
	struct reconcile_diff d;

	if (reconcile_diff(&d, old, nold, new, nnew, ops, arg) < 0)
		return -1;
	reconcile_apply(&d, RECONCILE_ALL, ops, arg);
	reconcile_diff_free(&d);
	return 0;
}
