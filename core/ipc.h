/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipc.h: framing, fd passing and dispatch of messages on a socketpair. */

#ifndef VIGIL_IPC_H
#define VIGIL_IPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ev.h>

#include "msg.h"

struct ipc_msg {
	struct msg_hdr hdr;
	/* Aligned so that the items of a counted array can be read in
	   place (struct msg_state_items is 8 bytes). */
	_Alignas(8) unsigned char payload[MSG_PAYLOAD_MAX];
	int fd; /* -1 when none came; the handler owns it */
};

struct ipc_peer;
struct ipc_qpkt;

struct ipc_handler {
	enum msg_type type;
	void (*fn)(struct ipc_peer *, struct ipc_msg *);
};

/*
 * One end of a link.  handlers lists the messages this end expects (ended
 * by type MSG_NONE); anything else, or a message whose size is wrong, is a
 * bug of the sender and goes to bad() (default: fatalx, so a child exits
 * and is respawned).  closed() runs at end of file or a read error.
 *
 * A started peer (ipc_peer_start) never blocks its process on a send:
 * its socket is non-blocking, and a packet the socket cannot take now
 * waits in the peer's queue, in order, until the socket is writable
 * (a VRRP child whose parent is busy running 1,000 notify scripts keeps
 * its timers).  A peer that is not started sends and waits, as the
 * tests' senders do.
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
	/* Packet bytes, headers included (not what memfds hold). */
	unsigned long long bytes_sent, bytes_recv;
	/* The send queue (started peers only): packets the socket could
	   not take yet, oldest first. */
	struct ev_loop *loop; /* NULL: not started, sends block */
	ev_io wio;
	struct ipc_qpkt *qhead, **qtail;
	size_t qlen, qbytes;
	unsigned long queued; /* packets that waited, in all */
	size_t qlen_max; /* the longest the queue was */
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

/*
 * Sends n elements of a counted-array type in as few packets as fit
 * MSG_PACKET_MAX.  head is the type's fixed part; each packet carries a
 * copy with its count set to the elements that packet holds.  n 0 sends
 * one packet without elements.  The number of packets, or -1 (errno).
 */
int ipc_send_array(
    int sock, enum msg_type, const void *head, const void *elems, size_t n);
/* The elements of a counted-array message ipc_recv accepted, and their
   number in *n; NULL and 0 for a type of one exact size. */
const void *ipc_msg_array(const struct ipc_msg *, uint32_t *n);

/*
 * Blobs: data too large for a packet, in a memfd sealed against writes,
 * growth and shrinking, so the receiver may map it and never see it
 * change or fault.  ipc_blob_make returns the fd, or -1 (errno).
 */
int ipc_blob_make(const char *name, const void *data, size_t len);
/* Sends a message with a sealed memfd of data as its fd. */
int ipc_send_blob(int sock, enum msg_type, const void *payload, size_t plen,
    const void *data, size_t len);
/*
 * Maps a received blob read-only once it is sealed and holds exactly len
 * bytes; else NULL with *why.  The fd stays the caller's.  Unmap with
 * ipc_blob_unmap(p, len).
 */
const void *ipc_blob_map(int fd, size_t len, const char **why);
void ipc_blob_unmap(const void *, size_t len);

/* Watches fd (made non-blocking) for messages; sends queue when the
   socket is full. */
void ipc_peer_start(struct ev_loop *, struct ipc_peer *, int fd);
/* Stops watching and closes the socket; safe to call twice. */
void ipc_peer_stop(struct ev_loop *, struct ipc_peer *);
int
ipc_peer_send(struct ipc_peer *, enum msg_type, const void *, size_t, int fd);
/* ipc_send_array and ipc_send_blob on a peer: counted, failures logged. */
int ipc_peer_send_array(struct ipc_peer *, enum msg_type, const void *head,
    const void *elems, size_t n);
int ipc_peer_send_blob(struct ipc_peer *, enum msg_type, const void *payload,
    size_t plen, const void *data, size_t len);
/* Runs the handler for m, or bad() when the type is not expected. */
void ipc_dispatch(struct ipc_peer *, struct ipc_msg *);

#endif
