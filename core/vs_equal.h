/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vs_equal.h: ids, equality and reload matching of the virtual-server model. */

#ifndef VIGIL_VS_EQUAL_H
#define VIGIL_VS_EQUAL_H

#include "objid.h"
#include "vs_conf.h"

/*
 * On reload the checker and IPVS children hold an old and a new model
 * (vs_conf.h) and must find what changed.  Objects are matched by id, an
 * objid_t of their identity (objid.h): a virtual server by address, port
 * and protocol, or fwmark and family, or group name and family; a real
 * server by its virtual server's id, its address and port.  Two objects
 * of one id are then compared by value: strings by content, lists as
 * sets, source locations never (a moved line is not a change).  All of
 * this is pure: models in, answers out, no runtime state.
 */

/* ---- ids ---- */

objid_t vs_id(const struct vs_vs *);
/* A real server of the virtual server whose id is vsid. */
objid_t vs_rs_id(objid_t vsid, const struct vs_rs *);
/* A sorry server: never the id of a real server of the same address. */
objid_t vs_sorry_id(objid_t vsid, const struct vs_rs *);

/* ---- equality: the same values, whatever the pointers ---- */

/* The virtual server's own settings, its group's entries and its sorry
   server; not its real servers, which are objects of their own. */
bool vs_vs_equal(const struct vs_vs *, const struct vs_vs *);
/* Name and entries, in any order. */
bool vs_group_equal(const struct vs_group *, const struct vs_group *);
/* The real server's settings and its checkers, in any order. */
bool vs_rs_equal(const struct vs_rs *, const struct vs_rs *);
/* Two sorry servers, or two NULLs. */
bool vs_sorry_equal(const struct vs_rs *, const struct vs_rs *);
bool vs_ssl_equal(const struct vs_ssl *, const struct vs_ssl *);
bool vs_check_equal(const struct vs_check *, const struct vs_check *);
/*
 * Whether old's health result answers new's question: the same type,
 * target, source and type-specific question (url, digest, status codes,
 * script, ...); only timing, retries, alpha or logging may differ.
 */
bool vs_check_migrate(const struct vs_check *old, const struct vs_check *new);

/* A checker type's own part (the union member), the common fields being
   compared by vs_check_equal() and vs_check_migrate(). */
struct vs_check_ops {
	bool (*equal)(const struct vs_check *, const struct vs_check *);
	bool (*migrate)(const struct vs_check *old, const struct vs_check *new);
};
#define VS_CHECK_NTYPES (VS_CHECK_BFD + 1)
extern const struct vs_check_ops vs_check_ops[VS_CHECK_NTYPES];

/* ---- classes and matching ---- */

enum vs_class {
	VS_SAME, /* same id, same values */
	VS_CHANGED, /* same id, other values */
	VS_NEW, /* only in the new model */
	VS_REMOVED, /* only in the old model */
};
const char *vs_class_name(enum vs_class);

/* old or new may be NULL (VS_NEW, VS_REMOVED); both have the same id. */
enum vs_class vs_vs_class(const struct vs_vs *old, const struct vs_vs *new);
/* ssl_same: the models' SSL blocks are equal (SSL_GET depends on it). */
enum vs_class
vs_rs_class(const struct vs_rs *old, const struct vs_rs *new, bool ssl_same);

/*
 * One object of a reload: a virtual server (old_rs and new_rs NULL) or
 * one of its real servers.  The side that does not exist is NULL.
 */
struct vs_change {
	enum vs_class class;
	objid_t id; /* the object's */
	objid_t vs_id; /* its virtual server's (id itself for one) */
	const struct vs_vs *old_vs, *new_vs;
	const struct vs_rs *old_rs, *new_rs;
	bool ssl_same; /* the models' SSL blocks are equal */
	/* a real server that is VS_SAME, or VS_CHANGED with every new
	   checker having a vs_check_source(): its health carries over;
	   false for a virtual server */
	bool migrate;
};
typedef void (*vs_change_fn)(const struct vs_change *, void *arg);

/*
 * Matches the virtual servers and real servers of two models by id
 * (sorting, then one merge: O(n log n)) and calls fn once per object of
 * either model, in id order: each virtual server, then its real
 * servers.  A removed virtual server's real servers are reported
 * removed, a new one's new.  Returns 0, or -1 without calling fn when a
 * model holds two objects of one id (validation refuses that).
 */
int vs_match(const struct vs_model *old, const struct vs_model *new,
    vs_change_fn fn, void *arg);

/*
 * The checker of the change's old real server whose result answers the
 * new checker nc (an equal one first, else one vs_check_migrate()
 * accepts), or NULL: nc starts afresh.  Counts what lies outside the
 * checker: the SSL block, and the real server's virtualhost.
 */
const struct vs_check *
vs_check_source(const struct vs_change *, const struct vs_check *nc);

/* For vs_validate(): reports two virtual servers, or two real or sorry
   servers, that have one id but differ (a 64-bit hash collision). */
void vs_validate_ids(struct cfg_parser *, const struct vs_model *);

#endif
