/* SPDX-License-Identifier: GPL-2.0-or-later */
/* msg.h: every message type exchanged between vigil's processes. */

#ifndef VIGIL_MSG_H
#define VIGIL_MSG_H

#include <stdint.h>

/* The processes; also the index of a child in the parent's table. */
enum proc_id { PROC_PARENT = 0, PROC_VRRP, PROC_CHECK, PROC_IPVS, PROC_MAX };

/*
 * One message per SOCK_SEQPACKET packet: a header, then len bytes of
 * payload, and at most one file descriptor (SCM_RIGHTS).  Objects are
 * named by numeric ids, never by pointers.
 */
enum msg_type {
	MSG_NONE = 0,

	/* parent -> child */
	MSG_CONFIG, /* fd: memfd of the resolved text; struct msg_config */
	MSG_PEER_LINK, /* fd: a socket to a peer child; struct msg_peer_link */

	MSG_VRRP_RESUME, /* struct msg_vrrp_state: to a respawned VRRP child,
			    one per object, before its first MSG_CONFIG */
	MSG_VRRP_DUMP, /* struct msg_dump: append your data or statistics
			  (SIGUSR1 / SIGUSR2) to the file the parent wrote */

	/* child -> parent */
	MSG_CONFIG_DONE, /* struct msg_config_done: a generation applied */

	/* vrrp -> parent */
	MSG_VRRP_TRANSITION, /* struct msg_vrrp_transition */

	/* checker <-> ipvs, on the peer link */
	MSG_PEER_HELLO, /* struct msg_peer_hello: first message on a link */

	MSG_TYPE_MAX
};

struct msg_hdr {
	uint16_t type; /* enum msg_type */
	uint16_t flags;
	uint32_t len; /* payload bytes after the header */
};

/* Largest payload any message may carry. */
#define MSG_PAYLOAD_MAX 4096

struct msg_config {
	uint32_t generation; /* 1 for the first config, +1 per reload */
	uint32_t textlen; /* bytes of resolved text in the memfd */
};

struct msg_peer_link {
	uint32_t peer; /* enum proc_id at the other end */
};

struct msg_config_done {
	uint32_t generation;
	int32_t status; /* 0: applied; -1: rejected, old config kept */
};

/* The states of a VRRP instance or sync group; the same numbers as
   vrrp/'s enum vrrp_state, which asserts it. */
enum msg_vrrp_st {
	MSG_VRRP_INIT,
	MSG_VRRP_BACKUP,
	MSG_VRRP_MASTER,
	MSG_VRRP_FAULT,
	MSG_VRRP_STOP,
};

/* Which kind of VRRP object a message names. */
enum msg_vrrp_kind {
	MSG_VRRP_INSTANCE, /* a vrrp_instance */
	MSG_VRRP_GROUP, /* a vrrp_sync_group */
};

/* A vrrp_instance or vrrp_sync_group name, NUL-terminated. */
#define MSG_VRRP_NAME_LEN 128

/*
 * One state change of an instance or sync group, in the order they
 * happened; seq counts them from 1 in each run of the VRRP child.
 * reason is vrrp/'s enum vrrp_reason, for logs and SNMP.
 */
struct msg_vrrp_transition {
	uint32_t seq;
	uint8_t kind; /* enum msg_vrrp_kind */
	uint8_t old_state, new_state; /* enum msg_vrrp_st */
	uint8_t priority; /* effective priority at the change */
	uint8_t reason;
	uint8_t pad[3];
	char name[MSG_VRRP_NAME_LEN];
};

/* The state the parent last heard of one object. */
struct msg_vrrp_state {
	uint8_t kind; /* enum msg_vrrp_kind */
	uint8_t state; /* enum msg_vrrp_st */
	uint8_t priority;
	uint8_t pad;
	char name[MSG_VRRP_NAME_LEN];
};

enum msg_dump_what { MSG_DUMP_DATA = 1, MSG_DUMP_STATS = 2 };

struct msg_dump {
	uint32_t what; /* enum msg_dump_what */
};

struct msg_peer_hello {
	int32_t pid;
	uint32_t proc; /* enum proc_id of the sender */
};

#endif
