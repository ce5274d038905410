/* SPDX-License-Identifier: GPL-2.0-or-later */
/* objid.h: numeric ids of configured objects, derived from their identity. */

#ifndef VIGIL_OBJID_H
#define VIGIL_OBJID_H

#include <stddef.h>
#include <stdint.h>

/*
 * The kinds of object that messages and events name.  An object's id is
 * a 64-bit hash of its kind and its identity key, so every process that
 * parsed the same configuration computes the same id without asking
 * anyone, and the id survives a reload while the identity is unchanged:
 *
 *	VRRP instance, sync group	its name
 *	virtual server			address, port, protocol; or fwmark and
 *					family; or group name (vs_conf.h)
 *	real server			its virtual server's id, address, port
 *	process health			the enum proc_id
 *
 * Id 0 is never produced: it means "none".  Two objects of one
 * configuration with the same id are refused when it is loaded
 * (cfg_check), so a collision, at 2^-64 per pair, cannot mix up objects.
 */
enum obj_kind {
	OBJ_NONE = 0,
	OBJ_VRRP_INSTANCE,
	OBJ_VRRP_GROUP,
	OBJ_VS, /* a virtual server (its quorum state) */
	OBJ_RS, /* a real server (its health and weight) */
	OBJ_PROC, /* a child process's own health */
	OBJ_KIND_MAX
};

typedef uint64_t objid_t;

/* FNV-1a 64 over the kind byte, then the key; never 0. */
static inline objid_t
objid_make(enum obj_kind kind, const void *key, size_t len)
{
	const unsigned char *p = key;
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	h = (h ^ (uint8_t)kind) * 0x100000001b3ULL;
	for (i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	return h != 0 ? h : 1;
}

/* The id of an object named by a NUL-terminated string (VRRP names). */
static inline objid_t
objid_name(enum obj_kind kind, const char *name)
{
	size_t n = 0;

	while (name[n] != '\0')
		n++;
	return objid_make(kind, name, n);
}

/* The id of a process's own health object (OBJ_PROC): p is its enum
   proc_id. */
static inline objid_t
objid_proc(unsigned p)
{
	uint8_t key = (uint8_t)p;

	return objid_make(OBJ_PROC, &key, 1);
}

/* A child id derived from a parent id and more key bytes (a real server
   from its virtual server). */
static inline objid_t
objid_child(enum obj_kind kind, objid_t parent, const void *key, size_t len)
{
	unsigned char buf[8 + 64];
	size_t i;

	for (i = 0; i < 8; i++)
		buf[i] = (unsigned char)(parent >> (8 * i));
	if (len > 64)
		len = 64;
	for (i = 0; i < len; i++)
		buf[8 + i] = ((const unsigned char *)key)[i];
	return objid_make(kind, buf, 8 + len);
}

#endif
