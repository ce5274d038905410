/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipc.h: framing, fd passing and dispatch of messages on a socketpair. */

#ifndef VIGIL_IPC_H
#define VIGIL_IPC_H

#include <stdbool.h>
#include <stddef.h>
#include <ev.h>

#include "msg.h"

struct ipc_msg {
	struct msg_hdr hdr;
	unsigned char payload[MSG_PAYLOAD_MAX];
	int fd; /* -1 when none came; the handler owns it */
};

struct ipc_peer;

struct ipc_handler {
	enum msg_type type;
	void (*fn)(struct ipc_peer *, struct ipc_msg *);
};

/*
 * One end of a link.  handlers lists the messages this end expects (ended
 * by type MSG_NONE); anything else, or a message whose size is wrong, is a
 * bug of the sender and goes to bad() (default: fatalx, so a child exits
 * and is respawned).  closed() runs at end of file or a read error.
 */
struct ipc_peer {
	const char *name; /* the process at the other end, for logs */
	int fd;
	ev_io io;
	const struct ipc_handler *handlers;
	void (*bad)(struct ipc_peer *, const char *why);
	void (*closed)(struct ipc_peer *);
	void *ctx;
	unsigned long nsent, nrecv;
};

const char *msg_type_name(unsigned);

/* Sends one message; fd < 0 for none.  0, or -1 with errno. */
int ipc_send(int sock, enum msg_type, const void *payload, size_t len, int fd);
/*
 * Receives one message.  Returns 1 with *m filled, 0 at end of file, -1
 * on a read error (errno), -2 when the packet is malformed (*why says
 * how; any fd that came is closed).
 */
int ipc_recv(int sock, struct ipc_msg *m, const char **why);

void ipc_peer_start(struct ev_loop *, struct ipc_peer *, int fd);
/* Stops watching and closes the socket; safe to call twice. */
void ipc_peer_stop(struct ev_loop *, struct ipc_peer *);
int
ipc_peer_send(struct ipc_peer *, enum msg_type, const void *, size_t, int fd);
/* Runs the handler for m, or bad() when the type is not expected. */
void ipc_dispatch(struct ipc_peer *, struct ipc_msg *);

#endif
