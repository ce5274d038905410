/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_reconcile.c: the keyed difference of an installed and a desired set. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "reconcile.h"

/* An element with a key and a value, as a route is (destination, rest). */
struct kv {
	int key;
	int val;
};

/* One action as it was called. */
struct call {
	char op; /* 'R'emove, 'A'dd, 'C'hange, 'K'eep */
	int key, oldval, newval;
};

/* What the actions saw. */
struct rec {
	struct call *v;
	size_t n, cap;
	unsigned long cmps;
};

static int
kv_cmp(const void *a, const void *b, void *arg)
{
	const struct kv *x = a, *y = b;
	struct rec *r = arg;

	r->cmps++;
	return (x->key > y->key) - (x->key < y->key);
}

static bool
kv_equal(const void *a, const void *b, void *arg)
{
	const struct kv *x = a, *y = b;

	(void)arg;
	return x->val == y->val;
}

static void
log_call(struct rec *r, char op, const struct kv *o, const struct kv *n)
{
	struct call *c;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = realloc(r->v, r->cap * sizeof(*r->v));
		assert_non_null(r->v);
	}
	c = &r->v[r->n++];
	c->op = op;
	c->key = o != NULL ? o->key : n->key;
	c->oldval = o != NULL ? o->val : -1;
	c->newval = n != NULL ? n->val : -1;
}

static void
kv_remove(const void *o, void *arg)
{
	log_call(arg, 'R', o, NULL);
}

static void
kv_add(const void *n, void *arg)
{
	log_call(arg, 'A', NULL, n);
}

static void
kv_change(const void *o, const void *n, void *arg)
{
	log_call(arg, 'C', o, n);
}

static void
kv_keep(const void *o, const void *n, void *arg)
{
	log_call(arg, 'K', o, n);
}

static const struct reconcile_ops kv_ops = {
	.size = sizeof(struct kv),
	.cmp = kv_cmp,
	.equal = kv_equal,
	.remove = kv_remove,
	.add = kv_add,
	.change = kv_change,
	.keep = kv_keep,
};

/* The same without a change action: a change is a removal and an add. */
static const struct reconcile_ops kv_split_ops = {
	.size = sizeof(struct kv),
	.cmp = kv_cmp,
	.equal = kv_equal,
	.remove = kv_remove,
	.add = kv_add,
	.keep = kv_keep,
};

/* The calls as text, "R1 K3 C7 A2" (values left out). */
static const char *
calls(const struct rec *r)
{
	static char buf[1024];
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < r->n && off < sizeof(buf) - 16; i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s%c%d",
		    i ? " " : "", r->v[i].op, r->v[i].key);
	return buf;
}

static void
rec_free(struct rec *r)
{
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static void
test_empty(void **state)
{
	struct rec r = { 0 };
	struct reconcile_diff d;

	(void)state;
	assert_int_equal(reconcile(NULL, 0, NULL, 0, &kv_ops, &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(reconcile_diff(&d, NULL, 0, NULL, 0, &kv_ops, &r), 0);
	assert_int_equal(d.n, 0);
	reconcile_diff_free(&d);
}

/* From nothing every element is added, to nothing every one removed,
   in key order either way. */
static void
test_all_added_all_removed(void **state)
{
	const struct kv set[] = { { 3, 0 }, { 1, 0 }, { 2, 0 } };
	struct rec r = { 0 };

	(void)state;
	assert_int_equal(reconcile(NULL, 0, set, 3, &kv_ops, &r), 0);
	assert_string_equal(calls(&r), "A1 A2 A3");
	rec_free(&r);
	assert_int_equal(reconcile(set, 3, NULL, 0, &kv_ops, &r), 0);
	assert_string_equal(calls(&r), "R1 R2 R3");
	rec_free(&r);
}

/* Removals, then changes and keeps, then additions, each in key order. */
static void
test_order(void **state)
{
	const struct kv old[] = { { 5, 0 }, { 1, 0 }, { 3, 0 }, { 7, 0 } };
	const struct kv new[] = { { 3, 0 }, { 7, 1 }, { 9, 0 }, { 2, 0 } };
	struct rec r = { 0 };
	struct reconcile_diff d;

	(void)state;
	assert_int_equal(reconcile(old, 4, new, 4, &kv_ops, &r), 0);
	assert_string_equal(calls(&r), "R1 R5 K3 C7 A2 A9");
	assert_int_equal(r.v[3].oldval, 0);
	assert_int_equal(r.v[3].newval, 1);
	rec_free(&r);
	/* the diff alone calls nothing and counts each kind */
	assert_int_equal(reconcile_diff(&d, old, 4, new, 4, &kv_ops, &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(d.n, 6);
	assert_int_equal(d.nremove, 2);
	assert_int_equal(d.nadd, 2);
	assert_int_equal(d.nkeep, 1);
	assert_int_equal(d.nchange, 1);
	/* in key order, pointing into the caller's arrays */
	assert_int_equal(d.v[0].op, RECONCILE_REMOVE);
	assert_ptr_equal(d.v[0].old, &old[1]);
	assert_null(d.v[0].new);
	assert_int_equal(d.v[1].op, RECONCILE_ADD);
	assert_ptr_equal(d.v[1].new, &new[3]);
	assert_int_equal(d.v[5].op, RECONCILE_ADD);
	assert_ptr_equal(d.v[5].new, &new[2]);
	reconcile_diff_free(&d);
}

/* Without a change action a changed element goes with the removals and
   comes back with the additions. */
static void
test_change_split(void **state)
{
	const struct kv old[] = { { 5, 0 }, { 1, 0 }, { 3, 0 }, { 7, 0 } };
	const struct kv new[] = { { 3, 0 }, { 7, 1 }, { 9, 0 }, { 2, 0 } };
	struct rec r = { 0 };

	(void)state;
	assert_int_equal(reconcile(old, 4, new, 4, &kv_split_ops, &r), 0);
	assert_string_equal(calls(&r), "R1 R5 R7 K3 A2 A7 A9");
	assert_int_equal(r.v[2].oldval, 0);
	assert_int_equal(r.v[5].newval, 1);
	rec_free(&r);
}

/* Phases run alone, so a caller can interleave kinds of objects (routes
   out before addresses, in after them). */
static void
test_phases(void **state)
{
	const struct kv old[] = { { 1, 0 }, { 2, 0 }, { 3, 0 } };
	const struct kv new[] = { { 2, 1 }, { 3, 0 }, { 4, 0 } };
	struct rec r = { 0 };
	struct reconcile_diff d;

	(void)state;
	assert_int_equal(
	    reconcile_diff(&d, old, 3, new, 3, &kv_split_ops, &r), 0);
	reconcile_apply(&d, RECONCILE_REMOVALS, &kv_split_ops, &r);
	assert_string_equal(calls(&r), "R1 R2");
	rec_free(&r);
	reconcile_apply(&d, RECONCILE_CHANGES, &kv_split_ops, &r);
	assert_string_equal(calls(&r), "K3");
	rec_free(&r);
	reconcile_apply(&d, RECONCILE_ADDITIONS, &kv_split_ops, &r);
	assert_string_equal(calls(&r), "A2 A4");
	rec_free(&r);
	reconcile_diff_free(&d);
}

/* Equal keys in one array are one object, the first standing for it:
   a duplicate is never removed while its key stays, nor added twice. */
static void
test_duplicates(void **state)
{
	const struct kv old[] = { { 1, 0 }, { 2, 0 }, { 1, 5 }, { 4, 0 },
		{ 4, 0 } };
	const struct kv new[] = { { 2, 0 }, { 1, 0 }, { 2, 9 }, { 3, 7 },
		{ 3, 8 } };
	struct rec r = { 0 };

	(void)state;
	assert_int_equal(reconcile(old, 5, new, 5, &kv_ops, &r), 0);
	assert_string_equal(calls(&r), "R4 K1 K2 A3");
	assert_int_equal(r.v[3].newval, 7); /* the first 3 */
	rec_free(&r);
	/* old's first 1 differs from new's: one change, not two */
	assert_int_equal(reconcile(old + 2, 3, new + 1, 1, &kv_ops, &r), 0);
	assert_string_equal(calls(&r), "R4 C1");
	rec_free(&r);
}

/* The result depends on the sets, not on the order of the arrays. */
static void
test_order_independent(void **state)
{
	struct kv old[] = { { 8, 0 }, { 2, 0 }, { 6, 1 }, { 4, 0 }, { 1, 0 } };
	struct kv new[] = { { 6, 0 }, { 3, 0 }, { 2, 0 }, { 9, 0 } };
	struct rec r = { 0 };
	char first[1024];
	struct kv t;
	int round;

	(void)state;
	assert_int_equal(reconcile(old, 5, new, 4, &kv_ops, &r), 0);
	snprintf(first, sizeof(first), "%s", calls(&r));
	assert_string_equal(first, "R1 R4 R8 K2 C6 A3 A9");
	rec_free(&r);
	for (round = 0; round < 20; round++) {
		/* rotate one array, swap two of the other */
		t = old[0];
		memmove(old, old + 1, 4 * sizeof(*old));
		old[4] = t;
		t = new[round % 4];
		new[round % 4] = new[(round + 1) % 4];
		new[(round + 1) % 4] = t;
		assert_int_equal(reconcile(old, 5, new, 4, &kv_ops, &r), 0);
		assert_string_equal(calls(&r), first);
		rec_free(&r);
	}
}

/* Arrays of pointers (a struct cfg_vec's): the callbacks get a pointer
   to the pointer. */
static int
str_cmp(const void *a, const void *b, void *arg)
{
	(void)arg;
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
str_remove(const void *o, void *arg)
{
	strcat(arg, "-");
	strcat(arg, *(const char *const *)o);
}

static void
str_add(const void *n, void *arg)
{
	strcat(arg, "+");
	strcat(arg, *(const char *const *)n);
}

static void
test_pointer_elements(void **state)
{
	const char *old[] = { "VI_3", "VI_1", "VI_2" };
	const char *new[] = { "VI_2", "VI_4", "VI_1" };
	const struct reconcile_ops ops = {
		.size = sizeof(char *),
		.cmp = str_cmp,
		.remove = str_remove,
		.add = str_add,
	};
	char out[64] = "";

	(void)state;
	assert_int_equal(reconcile(old, 3, new, 3, &ops, out), 0);
	assert_string_equal(out, "-VI_3+VI_4");
}

/* Sizes whose sum or byte count overflows fail before reading. */
static void
test_overflow(void **state)
{
	struct reconcile_diff d;
	struct rec r = { 0 };

	(void)state;
	assert_int_equal(
	    reconcile_diff(&d, NULL, SIZE_MAX, NULL, 1, &kv_ops, &r), -1);
	assert_null(d.v);
	assert_int_equal(
	    reconcile(NULL, SIZE_MAX / 4, NULL, 1, &kv_ops, &r), -1);
	assert_int_equal(r.n, 0);
}

/* A random permutation of v (a fixed seed: the same run each time). */
static void
shuffle(struct kv *v, size_t n, uint64_t *seed)
{
	size_t i, j;
	struct kv t;

	for (i = n; i > 1; i--) {
		*seed = *seed * 6364136223846793005ULL + 1442695040888963407ULL;
		j = (size_t)(*seed >> 33) % i;
		t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

/* Expected op of key k in the large sets below. */
static char
large_op(int k)
{
	bool in_old = k % 3 != 0, in_new = k % 2 == 0;

	if (in_old && in_new)
		return k % 5 == 0 ? 'C' : 'K';
	return in_old ? 'R' : in_new ? 'A' : 0;
}

/* 200,000 keys each side with 10% duplicates, shuffled: every key gets
   its one action, each phase in key order, and the comparisons stay
   within a small multiple of n log2 n. */
static void
test_large(void **state)
{
	enum { N = 200000 };
	struct kv *old = malloc((N + N / 10) * sizeof(*old));
	struct kv *new = malloc((N + N / 10) * sizeof(*new));
	size_t nold = 0, nnew = 0, i, seen = 0, expect = 0;
	uint64_t seed = 42;
	struct rec r = { 0 };
	int k, last = -1, phase = 0, ph;
	double bound;

	(void)state;
	assert_non_null(old);
	assert_non_null(new);
	for (k = 0; k < N; k++) {
		if (k % 3 != 0)
			old[nold++] = (struct kv){ k, 0 };
		if (k % 2 == 0)
			new[nnew++] = (struct kv){ k, k % 5 == 0 };
		if (large_op(k) != 0)
			expect++;
	}
	for (i = 0; i < N / 10; i++) {
		old[nold] = old[i * 5 % nold];
		nold++;
		new[nnew] = new[i * 3 % nnew];
		nnew++;
	}
	shuffle(old, nold, &seed);
	shuffle(new, nnew, &seed);
	assert_int_equal(reconcile(old, nold, new, nnew, &kv_ops, &r), 0);
	bound =
	    3.0 * (double)(nold + nnew) * 19.0 + 4.0 * (double)(nold + nnew);
	assert_true((double)r.cmps < bound);
	for (i = 0; i < r.n; i++) {
		ph = r.v[i].op == 'R' ? 0 : r.v[i].op == 'A' ? 2 : 1;
		assert_true(ph >= phase);
		if (ph > phase) {
			phase = ph;
			last = -1;
		}
		assert_true(r.v[i].key > last); /* key order, each once */
		last = r.v[i].key;
		assert_int_equal(r.v[i].op, large_op(r.v[i].key));
		seen++;
	}
	assert_int_equal(seen, expect);
	rec_free(&r);
	free(old);
	free(new);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_all_added_all_removed),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_change_split),
		cmocka_unit_test(test_phases),
		cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_order_independent),
		cmocka_unit_test(test_pointer_elements),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_large),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
