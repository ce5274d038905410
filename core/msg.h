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

	/* child -> parent */
	MSG_CONFIG_DONE, /* struct msg_config_done: a generation applied */

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

struct msg_peer_hello {
	int32_t pid;
	uint32_t proc; /* enum proc_id of the sender */
};

#endif
