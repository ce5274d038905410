/* SPDX-License-Identifier: GPL-2.0-or-later */
/* state_sync.c: full states with generations: framing, tables, sending. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "state_sync.h"

/* What each table's items are and which messages carry them. */
struct state_kind {
	enum msg_state_what what;
	size_t elemsize;
	enum msg_type items, update;
};

static const struct state_kind *kind_of(enum msg_state_what);
static objid_t key_of(const void *);
static size_t slot_of(const struct state_table *, size_t, objid_t);
static void table_reserve(struct state_table *, size_t, size_t);
static void table_put(struct state_table *, size_t, const void *);
static const void *table_get(const struct state_table *, size_t, objid_t);
static void table_free(struct state_table *);
static bool keys_valid(struct state_sync *, const void *, size_t);
static void abort_open(struct state_sync *);
static enum state_verdict out_of_step(struct state_sync *);
static enum state_verdict bad(struct state_sync *, const char *);
static void commit(struct state_sync *);
static enum state_verdict on_blob(struct state_sync *, struct ipc_msg *);

static const struct state_kind kinds[] = {
	{ MSG_STATE_RS_DESIRED, sizeof(struct msg_rs_desired), MSG_RS_DESIRED,
	    MSG_RS_DESIRED_UPDATE },
	{ MSG_STATE_VRRP, sizeof(struct msg_vrrp_snap), MSG_VRRP_SNAPSHOT,
	    MSG_VRRP_SNAPSHOT_UPDATE },
	{ MSG_STATE_RS_KNOWN, sizeof(struct msg_rs_desired), MSG_RS_DESIRED,
	    MSG_RS_DESIRED_UPDATE },
};

static const struct state_kind *
kind_of(enum msg_state_what what)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].what == what)
			return &kinds[i];
	return NULL;
}

static objid_t
key_of(const void *item)
{
	objid_t k;

	memcpy(&k, item, sizeof(k));
	return k;
}

/* The slot holding key, or the free slot where it would go.  The table
   has a free slot: it is never more than half full. */
static size_t
slot_of(const struct state_table *t, size_t esz, objid_t key)
{
	uint64_t h = key * 0x9e3779b97f4a7c15ULL;
	size_t mask = t->cap - 1, i;
	objid_t k;

	for (i = (size_t)(h ^ (h >> 32)) & mask;; i = (i + 1) & mask) {
		k = key_of(t->slots + i * esz);
		if (k == key || k == 0)
			return i;
	}
}

/* Makes room for want items at most half full. */
static void
table_reserve(struct state_table *t, size_t esz, size_t want)
{
	struct state_table old = *t;
	size_t cap = 16, i;

	if (want * 2 <= t->cap)
		return;
	while (cap < want * 2)
		cap *= 2;
	t->slots = calloc(cap, esz);
	if (t->slots == NULL)
		fatal("state table of %zu items", cap);
	t->cap = cap;
	t->n = 0;
	for (i = 0; i < old.cap; i++)
		if (key_of(old.slots + i * esz) != 0)
			table_put(t, esz, old.slots + i * esz);
	free(old.slots);
}

static void
table_put(struct state_table *t, size_t esz, const void *item)
{
	size_t i;

	table_reserve(t, esz, t->n + 1);
	i = slot_of(t, esz, key_of(item));
	if (key_of(t->slots + i * esz) == 0)
		t->n++;
	memcpy(t->slots + i * esz, item, esz);
}

static const void *
table_get(const struct state_table *t, size_t esz, objid_t key)
{
	size_t i;

	if (t->cap == 0 || key == 0)
		return NULL;
	i = slot_of(t, esz, key);
	return key_of(t->slots + i * esz) == key ? t->slots + i * esz : NULL;
}

static void
table_free(struct state_table *t)
{
	free(t->slots);
	t->slots = NULL;
	t->cap = t->n = 0;
}

void
state_sync_init(struct state_sync *ss, enum msg_state_what what,
    void (*changed)(void *, const void *, const void *), void *ctx)
{
	const struct state_kind *k = kind_of(what);

	if (k == NULL)
		fatalx("bug: state of unknown kind %u", (unsigned)what);
	memset(ss, 0, sizeof(*ss));
	ss->what = what;
	ss->elemsize = k->elemsize;
	ss->items_type = k->items;
	ss->update_type = k->update;
	ss->changed = changed;
	ss->ctx = ctx;
}

void
state_sync_free(struct state_sync *ss)
{
	table_free(&ss->table);
	table_free(&ss->stage);
}

static bool
keys_valid(struct state_sync *ss, const void *items, size_t n)
{
	const unsigned char *p = items;
	size_t i;

	for (i = 0; i < n; i++)
		if (key_of(p + i * ss->elemsize) == 0)
			return false;
	return true;
}

static void
abort_open(struct state_sync *ss)
{
	if (ss->open == 0)
		return;
	ss->open = 0;
	ss->received = 0;
	table_free(&ss->stage);
	ss->stats.aborted++;
}

/* The receiver missed something: one request until a BEGIN answers. */
static enum state_verdict
out_of_step(struct state_sync *ss)
{
	if (ss->requested) {
		ss->stats.dropped++;
		return STATE_DROPPED;
	}
	ss->requested = true;
	ss->stats.resyncs++;
	return STATE_RESYNC;
}

static enum state_verdict
bad(struct state_sync *ss, const char *why)
{
	ss->error = why;
	return STATE_BAD;
}

enum state_verdict
state_sync_begin(struct state_sync *ss, uint32_t gen)
{
	if (gen == 0)
		return bad(ss, "full state of generation 0");
	/* A BEGIN before the last one's END: the sender started over. */
	abort_open(ss);
	ss->open = gen;
	ss->received = 0;
	ss->requested = false;
	table_reserve(&ss->stage, ss->elemsize, ss->table.n);
	return STATE_TAKEN;
}

enum state_verdict
state_sync_items(
    struct state_sync *ss, uint32_t gen, const void *items, size_t n)
{
	const unsigned char *p = items;
	size_t i;

	if (!keys_valid(ss, items, n))
		return bad(ss, "item with id 0");
	if (ss->open == 0)
		return out_of_step(ss);
	if (gen < ss->open) {
		ss->stats.stale++;
		return STATE_STALE;
	}
	if (gen > ss->open) {
		abort_open(ss);
		return out_of_step(ss);
	}
	for (i = 0; i < n; i++)
		table_put(&ss->stage, ss->elemsize, p + i * ss->elemsize);
	ss->received += (uint32_t)n;
	return STATE_TAKEN;
}

/* The staged full state becomes the table; changed() hears the
   difference. */
static void
commit(struct state_sync *ss)
{
	const unsigned char *cur, *old;
	size_t esz = ss->elemsize, i;
	struct state_table t;

	for (i = 0; i < ss->stage.cap && ss->changed != NULL; i++) {
		cur = ss->stage.slots + i * esz;
		if (key_of(cur) == 0)
			continue;
		old = table_get(&ss->table, esz, key_of(cur));
		if (old == NULL || memcmp(old, cur, esz) != 0)
			ss->changed(ss->ctx, old, cur);
	}
	for (i = 0; i < ss->table.cap && ss->changed != NULL; i++) {
		old = ss->table.slots + i * esz;
		if (key_of(old) != 0 &&
		    table_get(&ss->stage, esz, key_of(old)) == NULL)
			ss->changed(ss->ctx, old, NULL);
	}
	t = ss->table;
	ss->table = ss->stage;
	ss->stage = t;
	table_free(&ss->stage);
	ss->generation = ss->open;
	ss->open = 0;
	ss->received = 0;
	ss->stats.committed++;
}

enum state_verdict
state_sync_end(struct state_sync *ss, uint32_t gen, uint32_t count)
{
	if (gen == 0)
		return bad(ss, "full state of generation 0");
	if (ss->open == 0)
		return out_of_step(ss);
	if (gen < ss->open) {
		ss->stats.stale++;
		return STATE_STALE;
	}
	if (gen > ss->open || count != ss->received) {
		abort_open(ss);
		return out_of_step(ss);
	}
	commit(ss);
	return STATE_COMMITTED;
}

enum state_verdict
state_sync_update(
    struct state_sync *ss, uint32_t gen, const void *items, size_t n)
{
	const unsigned char *p = items, *cur, *old;
	size_t i;

	if (gen == 0)
		return bad(ss, "update of generation 0");
	if (!keys_valid(ss, items, n))
		return bad(ss, "item with id 0");
	if (ss->open != 0) {
		/* Newer than the items staged so far: staged after them. */
		if (gen == ss->open) {
			for (i = 0; i < n; i++)
				table_put(&ss->stage, ss->elemsize,
				    p + i * ss->elemsize);
			return STATE_TAKEN;
		}
		if (gen < ss->open) {
			ss->stats.stale++;
			return STATE_STALE;
		}
		abort_open(ss);
		return out_of_step(ss);
	}
	if (ss->generation != 0 && gen < ss->generation) {
		ss->stats.stale++;
		return STATE_STALE;
	}
	if (gen != ss->generation)
		return out_of_step(ss);
	for (i = 0; i < n; i++) {
		cur = p + i * ss->elemsize;
		old = table_get(&ss->table, ss->elemsize, key_of(cur));
		if (old != NULL && memcmp(old, cur, ss->elemsize) == 0)
			continue;
		if (ss->changed != NULL)
			ss->changed(ss->ctx, old, cur);
		table_put(&ss->table, ss->elemsize, cur);
	}
	return STATE_TAKEN;
}

static enum state_verdict
on_blob(struct state_sync *ss, struct ipc_msg *m)
{
	struct msg_state_blob b;
	enum state_verdict v;
	const char *why = NULL;
	const void *p;
	size_t len;

	memcpy(&b, m->payload, sizeof(b));
	if (b.what != ss->what)
		v = bad(ss, "blob of another table");
	else if (b.elemsize != ss->elemsize)
		v = bad(ss, "blob items of another size");
	else if (b.count > SIZE_MAX / ss->elemsize)
		v = bad(ss, "blob item count too large");
	else {
		len = (size_t)b.count * ss->elemsize;
		p = ipc_blob_map(m->fd, len, &why);
		if (p == NULL)
			v = bad(ss, why);
		else {
			v = state_sync_items(ss, b.generation, p, b.count);
			ipc_blob_unmap(p, len);
		}
	}
	close(m->fd);
	m->fd = -1;
	return v;
}

enum state_verdict
state_sync_msg(struct state_sync *ss, struct ipc_msg *m)
{
	struct msg_state_items head;
	struct msg_state_mark mk;
	const void *items;
	uint32_t n;

	switch (m->hdr.type) {
	case MSG_STATE_BEGIN:
	case MSG_STATE_END:
		memcpy(&mk, m->payload, sizeof(mk));
		if (mk.what != ss->what)
			return bad(ss, "full state of another table");
		if (m->hdr.type == MSG_STATE_BEGIN)
			return state_sync_begin(ss, mk.generation);
		return state_sync_end(ss, mk.generation, mk.count);
	case MSG_STATE_BLOB:
		return on_blob(ss, m);
	default:
		break;
	}
	if (m->hdr.type != ss->items_type && m->hdr.type != ss->update_type)
		return bad(ss, "not a message of this table");
	memcpy(&head, m->payload, sizeof(head));
	items = ipc_msg_array(m, &n);
	if (m->hdr.type == ss->items_type)
		return state_sync_items(ss, head.generation, items, n);
	return state_sync_update(ss, head.generation, items, n);
}

void
state_sync_reset(struct state_sync *ss)
{
	abort_open(ss);
	ss->generation = 0;
	ss->requested = false;
}

bool
state_sync_request(struct state_sync *ss)
{
	if (ss->requested)
		return false;
	ss->requested = true;
	return true;
}

const void *
state_sync_get(const struct state_sync *ss, objid_t id)
{
	return table_get(&ss->table, ss->elemsize, id);
}

size_t
state_sync_count(const struct state_sync *ss)
{
	return ss->table.n;
}

const void *
state_sync_next(const struct state_sync *ss, size_t *pos)
{
	const unsigned char *p;

	while (*pos < ss->table.cap) {
		p = ss->table.slots + (*pos)++ * ss->elemsize;
		if (key_of(p) != 0)
			return p;
	}
	return NULL;
}

const char *
state_verdict_name(enum state_verdict v)
{
	switch (v) {
	case STATE_TAKEN:
		return "taken";
	case STATE_COMMITTED:
		return "committed";
	case STATE_STALE:
		return "stale";
	case STATE_DROPPED:
		return "dropped";
	case STATE_RESYNC:
		return "resync";
	case STATE_BAD:
		return "bad";
	}
	return "?";
}

int
state_source_full(
    struct state_source *src, struct ipc_peer *p, const void *items, size_t n)
{
	const struct state_kind *k = kind_of(src->what);
	struct msg_state_mark mk = { .what = src->what };
	struct msg_state_items head = { 0 };
	struct msg_state_blob b;
	size_t min = src->blob_min != 0 ? src->blob_min : STATE_BLOB_MIN;

	if (k == NULL || n > UINT32_MAX || n > SIZE_MAX / k->elemsize) {
		errno = EINVAL;
		return -1;
	}
	if (++src->generation == 0)
		src->generation = 1;
	mk.generation = head.generation = src->generation;
	if (ipc_peer_send(p, MSG_STATE_BEGIN, &mk, sizeof(mk), -1) < 0)
		return -1;
	if (n > 0 && n * k->elemsize >= min) {
		b.what = src->what;
		b.generation = src->generation;
		b.count = (uint32_t)n;
		b.elemsize = (uint32_t)k->elemsize;
		if (ipc_peer_send_blob(p, MSG_STATE_BLOB, &b, sizeof(b), items,
		        n * k->elemsize) < 0)
			return -1;
	} else if (n > 0 &&
	    ipc_peer_send_array(p, k->items, &head, items, n) < 0)
		return -1;
	mk.count = (uint32_t)n;
	return ipc_peer_send(p, MSG_STATE_END, &mk, sizeof(mk), -1);
}

int
state_source_update(
    struct state_source *src, struct ipc_peer *p, const void *items, size_t n)
{
	const struct state_kind *k = kind_of(src->what);
	struct msg_state_items head = { .generation = src->generation };

	if (k == NULL) {
		errno = EINVAL;
		return -1;
	}
	if (src->generation == 0 || n == 0)
		return 0;
	return ipc_peer_send_array(p, k->update, &head, items, n) < 0 ? -1 : 0;
}
