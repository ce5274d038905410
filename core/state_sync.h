/* SPDX-License-Identifier: GPL-2.0-or-later */
/* state_sync.h: full states with generations between two processes. */

#ifndef VIGIL_STATE_SYNC_H
#define VIGIL_STATE_SYNC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ipc.h"
#include "msg.h"
#include "objid.h"

/*
 * One table (enum msg_state_what) kept by a sender and mirrored by a
 * receiver, as facts, so that either end may restart (relayd's sync):
 *
 * - the receiver sends MSG_STATE_REQUEST when its link comes up and when
 *   it finds itself out of step;
 * - the sender answers, and also sends unasked after its own reload, a
 *   full state under a new generation: MSG_STATE_BEGIN, the items (counted
 *   arrays, or one sealed memfd), MSG_STATE_END with their number;
 * - between full states it sends updates under the current generation.
 *
 * The receiver builds a full state aside and replaces its table with it
 * in one step at END, so items it did not see are gone and nothing of an
 * unfinished full state is ever visible.  It drops updates of an older
 * generation, and items or an END with no BEGIN.  Every item starts with
 * its objid_t key, never 0.
 */

/* What one received message did. */
enum state_verdict {
	STATE_TAKEN, /* staged, or applied to the table */
	STATE_COMMITTED, /* END: the full state replaced the table */
	STATE_STALE, /* of an older generation: dropped */
	STATE_DROPPED, /* out of step, dropped; a request is already out */
	STATE_RESYNC, /* out of step, dropped: send MSG_STATE_REQUEST */
	STATE_BAD, /* malformed, a bug of the sender; error says why */
};

/* Fixed-size items by key, open addressing; a free slot's key is 0. */
struct state_table {
	unsigned char *slots;
	size_t cap; /* 0 or a power of two */
	size_t n;
};

/*
 * The receiving end of one table.  changed() is told each difference the
 * table takes, old NULL for a new item and cur NULL for a removed one,
 * before the table holds it; it must not call back into this table.
 */
struct state_sync {
	enum msg_state_what what;
	size_t elemsize;
	enum msg_type items_type, update_type;
	void (*changed)(void *ctx, const void *old, const void *cur);
	void *ctx;
	uint32_t generation; /* of the table; 0: none, or its sender left */
	uint32_t open; /* the full state being received; 0: none */
	uint32_t received; /* its items so far */
	bool requested; /* a MSG_STATE_REQUEST is unanswered */
	const char *error; /* why the last verdict was STATE_BAD */
	struct state_table table, stage;
	struct {
		unsigned long committed, aborted, stale, dropped, resyncs;
	} stats;
};

void state_sync_init(struct state_sync *, enum msg_state_what,
    void (*changed)(void *, const void *, const void *), void *ctx);
void state_sync_free(struct state_sync *);

/* The framing, one call per message; no I/O. */
enum state_verdict state_sync_begin(struct state_sync *, uint32_t gen);
enum state_verdict state_sync_items(
    struct state_sync *, uint32_t gen, const void *items, size_t n);
enum state_verdict
state_sync_end(struct state_sync *, uint32_t gen, uint32_t count);
enum state_verdict state_sync_update(
    struct state_sync *, uint32_t gen, const void *items, size_t n);
/* One received message of this table: BEGIN, END, BLOB, items or
   updates.  A blob's memfd is checked, read and closed. */
enum state_verdict state_sync_msg(struct state_sync *, struct ipc_msg *);

/* The link to the sender is gone: an open full state is dropped, and the
   table is kept, with no generation, until the next full state. */
void state_sync_reset(struct state_sync *);
/* True when the caller should send MSG_STATE_REQUEST now (none is
   unanswered); counts it as sent. */
bool state_sync_request(struct state_sync *);

const void *state_sync_get(const struct state_sync *, objid_t);
size_t state_sync_count(const struct state_sync *);
/* The table's items in no order: *pos 0 first; NULL after the last. */
const void *state_sync_next(const struct state_sync *, size_t *pos);
const char *state_verdict_name(enum state_verdict);

/*
 * Item bytes from which a full state goes in a memfd, not in packets:
 * more would fill the socket buffer and stall the sender until the
 * receiver reads (5,400 real servers; bench/ipc-state compares both).
 */
#define STATE_BLOB_MIN (2 * MSG_PACKET_MAX)

/* The sending end of one table. */
struct state_source {
	enum msg_state_what what;
	uint32_t generation; /* of the last full state sent; 0: none */
	size_t blob_min; /* 0: STATE_BLOB_MIN */
};

/* Sends the whole table under a new generation.  0, or -1 (logged). */
int state_source_full(
    struct state_source *, struct ipc_peer *, const void *items, size_t n);
/* Sends changed items under the current generation; nothing before the
   first full state, which will carry them.  0, or -1 (logged). */
int state_source_update(
    struct state_source *, struct ipc_peer *, const void *items, size_t n);

#endif
