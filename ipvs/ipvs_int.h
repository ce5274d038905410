/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipvs_int.h: the IPVS child's tables: wanted, seen in the kernel, and
   the operations from one to the other. */

#ifndef VIGIL_IPVS_INT_H
#define VIGIL_IPVS_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "ipvs_nl.h"
#include "msg.h"
#include "objid.h"
#include "vs_conf.h"

/*
 * The child keeps two tables of the same shape: the one it wants (the
 * configuration's services, the checker's decisions for their
 * destinations) and the one it last saw in the kernel (a dump, patched
 * with what it applied since).  Services are sorted by identity, and
 * each service's destinations by theirs, so that a diff is one merge.
 *
 * A wanted destination is IV_IN (in the table with its settings),
 * IV_OUT (not in the table) or IV_KEEP: its real server's health is not
 * known yet (the checker has not said, after this child's restart or a
 * reload that added it), so whatever the kernel holds is left alone.  A
 * destination the kernel holds that no wanted one names is someone
 * else's, added to a service vigil owns: it goes.
 */

enum iv_want {
	IV_IN,
	IV_OUT,
	IV_KEEP,
};

struct iv_dest {
	struct ipvs_dest d;
	uint8_t want; /* enum iv_want; IV_IN in a seen table */
};

struct iv_svc {
	struct ipvs_svc s;
	objid_t vs; /* the configuration's virtual server; 0 when seen */
	struct iv_dest *dests; /* sorted by identity */
	size_t n, cap;
};

struct iv_table {
	struct iv_svc *svcs; /* sorted by identity */
	size_t n, cap;
};

void iv_table_free(struct iv_table *);
/* Empties it, keeping its memory. */
void iv_table_clear(struct iv_table *);
/* Appends a service (no destination); the table is unsorted until
   iv_table_sort(). */
struct iv_svc *iv_table_add(struct iv_table *, const struct ipvs_svc *);
struct iv_dest *iv_svc_add(struct iv_svc *, const struct ipvs_dest *);
/* Sorts services and destinations by identity, and drops duplicates
   (the first one stays: a configuration naming one service twice). */
void iv_table_sort(struct iv_table *);
/* The service of that identity, or NULL (the table sorted). */
struct iv_svc *iv_table_find(const struct iv_table *, const struct ipvs_svc *);
size_t iv_table_dests(const struct iv_table *);
int iv_svc_cmp(const struct ipvs_svc *, const struct ipvs_svc *);
int iv_dest_cmp(const struct ipvs_dest *, const struct ipvs_dest *);
/* Settings (not identity, not counters) equal? */
bool iv_svc_same(const struct ipvs_svc *, const struct ipvs_svc *);
bool iv_dest_same(const struct ipvs_dest *, const struct ipvs_dest *);

/*
 * The wanted table of a configuration: each virtual server becomes its
 * kernel services (a group, one per address of its ranges and per
 * fwmark), each real server and the sorry server a destination of
 * every one of them, with the checker's decision found by desired(id)
 * (NULL: not known yet, IV_KEEP).
 */
void iv_want_build(struct iv_table *, const struct vs_model *,
    const struct msg_rs_desired *(*desired)(objid_t, void *), void *arg);

/* The names ipvsadm would print: "TCP [192.0.2.1]:80", "FWM 5 IPv6",
   "[198.51.100.2]:80". */
#define IV_NAME_MAX 80
void iv_svc_name(const struct ipvs_svc *, char *, size_t);
void iv_dest_name(const struct ipvs_dest *, char *, size_t);

/*
 * The operations that make seen into want.  Services of seen that want
 * does not have are left alone unless owned(svc) says this child
 * created them (a service a reload removed).  Each operation goes to
 * op() in the order the kernel needs: deletions of destinations and
 * services, edits, then additions of services and their destinations.
 * next receives the table the kernel holds once every operation
 * succeeds.  Returns the number of operations.
 */
struct iv_diff_ops {
	void (*op)(enum ipvs_nl_op, const struct ipvs_svc *,
	    const struct ipvs_dest *, void *arg);
	bool (*owned)(const struct ipvs_svc *, void *arg);
	void *arg;
};
size_t iv_diff(const struct iv_table *want, const struct iv_table *seen,
    const struct iv_diff_ops *, struct iv_table *next);

#endif
