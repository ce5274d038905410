/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_ipc.c: message framing, size checks, fd passing, blobs, dispatch
   and full states with generations. */

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "ipc.h"
#include "log.h"
#include "state_sync.h"

static int sv[2];

static int
setup(void **state)
{
	(void)state;
	return socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv);
}

static int
teardown(void **state)
{
	(void)state;
	close(sv[0]);
	close(sv[1]);
	return 0;
}

/* Sends raw bytes as one packet, bypassing ipc_send's framing. */
static void
send_raw(const void *buf, size_t len)
{
	assert_int_equal(send(sv[0], buf, len, 0), (ssize_t)len);
}

static void
test_roundtrip(void **state)
{
	struct msg_config_done d = { .generation = 7, .status = -1 }, got;
	struct ipc_msg m;
	const char *why = NULL;

	(void)state;
	assert_int_equal(
	    ipc_send(sv[0], MSG_CONFIG_DONE, &d, sizeof(d), -1), 0);
	assert_int_equal(ipc_recv(sv[1], &m, &why), 1);
	assert_int_equal(m.hdr.type, MSG_CONFIG_DONE);
	assert_int_equal(m.hdr.len, sizeof(d));
	assert_int_equal(m.fd, -1);
	memcpy(&got, m.payload, sizeof(got));
	assert_int_equal(got.generation, 7);
	assert_int_equal(got.status, -1);
}

static void
test_fd_passing(void **state)
{
	struct msg_peer_link pl = { .peer = PROC_IPVS };
	struct ipc_msg m;
	const char *why = NULL;
	char buf[8] = { 0 };
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(
	    ipc_send(sv[0], MSG_PEER_LINK, &pl, sizeof(pl), p[1]), 0);
	close(p[1]);
	assert_int_equal(ipc_recv(sv[1], &m, &why), 1);
	assert_true(m.fd >= 0);
	/* The received descriptor is the same pipe. */
	assert_int_equal(write(m.fd, "hi", 2), 2);
	close(m.fd);
	assert_int_equal(read(p[0], buf, sizeof(buf)), 2);
	assert_string_equal(buf, "hi");
	close(p[0]);
}

static void
test_wrong_size_rejected(void **state)
{
	struct {
		struct msg_hdr h;
		uint32_t gen;
	} pkt = { { .type = MSG_CONFIG_DONE, .len = 4 }, 1 };
	struct ipc_msg m;
	const char *why = NULL;

	(void)state;
	send_raw(&pkt, sizeof(pkt));
	assert_int_equal(ipc_recv(sv[1], &m, &why), -2);
	assert_string_equal(why, "wrong payload size for its type");
}

static void
test_length_mismatch_rejected(void **state)
{
	struct {
		struct msg_hdr h;
		struct msg_config_done d;
	} pkt = { { .type = MSG_CONFIG_DONE, .len = 100 }, { 1, 0 } };
	struct ipc_msg m;
	const char *why = NULL;

	(void)state;
	send_raw(&pkt, sizeof(pkt));
	assert_int_equal(ipc_recv(sv[1], &m, &why), -2);
	assert_string_equal(why, "length does not match the packet");
}

static void
test_short_packet_rejected(void **state)
{
	struct ipc_msg m;
	const char *why = NULL;

	(void)state;
	send_raw("ab", 2);
	assert_int_equal(ipc_recv(sv[1], &m, &why), -2);
	assert_string_equal(why, "shorter than a header");
}

static void
test_unknown_type_rejected(void **state)
{
	struct msg_hdr h = { .type = MSG_TYPE_MAX, .len = 0 };
	struct ipc_msg m;
	const char *why = NULL;

	(void)state;
	send_raw(&h, sizeof(h));
	assert_int_equal(ipc_recv(sv[1], &m, &why), -2);
	assert_string_equal(why, "unknown type");
}

static void
test_missing_fd_rejected(void **state)
{
	struct msg_config mc = { 1, 0 };
	struct ipc_msg m;
	const char *why = NULL;

	(void)state;
	assert_int_equal(ipc_send(sv[0], MSG_CONFIG, &mc, sizeof(mc), -1), 0);
	assert_int_equal(ipc_recv(sv[1], &m, &why), -2);
	assert_string_equal(why, "file descriptor missing");
}

static void
test_unexpected_fd_rejected_and_closed(void **state)
{
	struct msg_config_done d = { 1, 0 };
	struct ipc_msg m;
	const char *why = NULL;
	char c;
	int p[2];

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(
	    ipc_send(sv[0], MSG_CONFIG_DONE, &d, sizeof(d), p[1]), 0);
	close(p[1]);
	assert_int_equal(ipc_recv(sv[1], &m, &why), -2);
	assert_string_equal(why, "unexpected file descriptor");
	/* No copy of the write end is left open: the reader sees EOF. */
	assert_int_equal(read(p[0], &c, 1), 0);
	close(p[0]);
}

static void
test_oversized_payload_refused(void **state)
{
	static char big[MSG_PAYLOAD_MAX + 1];

	(void)state;
	assert_int_equal(
	    ipc_send(sv[0], MSG_CONFIG_DONE, big, sizeof(big), -1), -1);
}

static void
test_eof(void **state)
{
	struct ipc_msg m;
	const char *why = NULL;

	(void)state;
	close(sv[0]);
	sv[0] = -1;
	assert_int_equal(ipc_recv(sv[1], &m, &why), 0);
}

/* Every type has a size rule, so none can slip through unchecked. */
static void
test_every_type_has_a_rule(void **state)
{
	unsigned t;

	(void)state;
	for (t = MSG_NONE + 1; t < MSG_TYPE_MAX; t++)
		assert_string_not_equal(msg_type_name(t), "UNKNOWN");
}

static void
test_reserved_flags_rejected(void **state)
{
	struct {
		struct msg_hdr h;
		struct msg_config_done d;
	} pkt = { { .type = MSG_CONFIG_DONE, .flags = 1, .len = 8 }, { 1, 0 } };
	struct ipc_msg m;
	const char *why = NULL;

	(void)state;
	send_raw(&pkt, sizeof(pkt));
	assert_int_equal(ipc_recv(sv[1], &m, &why), -2);
	assert_string_equal(why, "reserved header flags set");
}

/* The new exact-size types are checked like the old ones. */
static void
test_state_marks_exact_size(void **state)
{
	struct {
		struct msg_hdr h;
		struct msg_state_mark mk;
		uint32_t extra;
	} pkt = { { .type = MSG_STATE_END, .len = 16 }, { 1, 1, 0 }, 0 };
	struct ipc_msg m;
	const char *why = NULL;

	(void)state;
	send_raw(&pkt, sizeof(pkt));
	assert_int_equal(ipc_recv(sv[1], &m, &why), -2);
	assert_string_equal(why, "wrong payload size for its type");
	pkt.h.len = sizeof(pkt.mk);
	send_raw(&pkt, sizeof(pkt.h) + sizeof(pkt.mk));
	assert_int_equal(ipc_recv(sv[1], &m, &why), 1);
}

static struct msg_rs_desired
rs_item(uint64_t id, uint32_t weight)
{
	struct msg_rs_desired d;

	memset(&d, 0, sizeof(d));
	d.rs = id;
	d.vs = 1000;
	d.weight = weight;
	d.flags = MSG_RS_F_IN_TABLE;
	return d;
}

static void
test_array_roundtrip(void **state)
{
	struct msg_state_items head = { .generation = 4 }, got;
	struct msg_rs_desired d[3] = { rs_item(1, 10), rs_item(2, 20),
		rs_item(3, 30) };
	const struct msg_rs_desired *items;
	struct ipc_msg m;
	const char *why = NULL;
	uint32_t n;

	(void)state;
	assert_int_equal(ipc_send_array(sv[0], MSG_RS_DESIRED, &head, d, 3), 1);
	assert_int_equal(ipc_recv(sv[1], &m, &why), 1);
	assert_int_equal(m.hdr.len, sizeof(head) + 3 * sizeof(d[0]));
	memcpy(&got, m.payload, sizeof(got));
	assert_int_equal(got.generation, 4);
	assert_int_equal(got.count, 3);
	items = ipc_msg_array(&m, &n);
	assert_int_equal(n, 3);
	assert_memory_equal(items, d, sizeof(d));
	/* No elements: one packet with count 0. */
	assert_int_equal(
	    ipc_send_array(sv[0], MSG_RS_DESIRED, &head, NULL, 0), 1);
	assert_int_equal(ipc_recv(sv[1], &m, &why), 1);
	assert_non_null(ipc_msg_array(&m, &n));
	assert_int_equal(n, 0);
	/* An exact-size type has no array. */
	assert_int_equal(
	    ipc_send_array(sv[0], MSG_CONFIG_DONE, &head, d, 1), -1);
	m.hdr.type = MSG_CONFIG_DONE;
	assert_null(ipc_msg_array(&m, &n));
}

/* A counted array packet with count, then nbytes of elements. */
static void
send_array_raw(uint32_t count, size_t nbytes)
{
	static unsigned char buf[sizeof(struct msg_hdr) +
	    sizeof(struct msg_state_items) + 4 * sizeof(struct msg_rs_desired)];
	struct msg_hdr h = { .type = MSG_RS_DESIRED };
	struct msg_state_items head = { .generation = 1, .count = count };
	size_t hl = sizeof(head) < nbytes ? sizeof(head) : nbytes;

	assert_true(nbytes <= sizeof(buf) - sizeof(h));
	memset(buf, 0x11, sizeof(buf));
	h.len = (uint32_t)nbytes;
	memcpy(buf, &h, sizeof(h));
	memcpy(buf + sizeof(h), &head, hl);
	send_raw(buf, sizeof(h) + nbytes);
}

static void
expect_rejected(const char *what)
{
	struct ipc_msg m;
	const char *why = NULL;

	assert_int_equal(ipc_recv(sv[1], &m, &why), -2);
	assert_string_equal(why, what);
}

static void
test_array_sizes_checked(void **state)
{
	size_t head = sizeof(struct msg_state_items);
	size_t e = sizeof(struct msg_rs_desired);

	(void)state;
	/* Shorter than the head. */
	send_array_raw(0, head - 4);
	expect_rejected("shorter than its fixed part");
	/* Count 3, two elements: short. */
	send_array_raw(3, head + 2 * e);
	expect_rejected("wrong payload size for its count");
	/* Count 2, three elements: long. */
	send_array_raw(2, head + 3 * e);
	expect_rejected("wrong payload size for its count");
	/* Part of an element. */
	send_array_raw(1, head + e + e / 2);
	expect_rejected("wrong payload size for its count");
	/* A count whose product wraps 32 bits to one element's size. */
	send_array_raw((1U << 29) + 1, head + e);
	expect_rejected("element count too large");
	send_array_raw(UINT32_MAX, head + e);
	expect_rejected("element count too large");
}

/* More elements than a packet holds: split, in order, each packet
   within MSG_PACKET_MAX.  The sender is a child: the packets together
   exceed a socket buffer. */
static void
test_array_split_to_fit(void **state)
{
	struct msg_state_items head = { .generation = 9 }, got;
	size_t per =
	    (MSG_PAYLOAD_MAX - sizeof(head)) / sizeof(struct msg_rs_desired);
	size_t n = 2 * per + 100, seen = 0, i;
	const struct msg_rs_desired *items;
	struct msg_rs_desired *d;
	static struct ipc_msg m;
	const char *why = NULL;
	int packets = 0, st;
	uint32_t k;
	pid_t pid;

	(void)state;
	d = calloc(n, sizeof(*d));
	assert_non_null(d);
	for (i = 0; i < n; i++)
		d[i] = rs_item(i + 1, (uint32_t)i);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(ipc_send_array(sv[0], MSG_RS_DESIRED, &head, d, n));
	while (seen < n) {
		assert_int_equal(ipc_recv(sv[1], &m, &why), 1);
		assert_true(sizeof(m.hdr) + m.hdr.len <= MSG_PACKET_MAX);
		memcpy(&got, m.payload, sizeof(got));
		assert_int_equal(got.generation, 9);
		items = ipc_msg_array(&m, &k);
		assert_true(k > 0 && seen + k <= n);
		assert_memory_equal(items, d + seen, k * sizeof(*d));
		seen += k;
		packets++;
	}
	assert_int_equal(packets, 3);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 3);
	free(d);
}

static void
test_blob_roundtrip(void **state)
{
	struct msg_state_blob b = { MSG_STATE_RS_DESIRED, 1, 0, 1 };
	static unsigned char data[100000];
	static struct ipc_msg m;
	const char *why = NULL;
	const void *p;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7);
	b.count = sizeof(data);
	assert_int_equal(ipc_send_blob(sv[0], MSG_STATE_BLOB, &b, sizeof(b),
	                     data, sizeof(data)),
	    0);
	assert_int_equal(ipc_recv(sv[1], &m, &why), 1);
	assert_true(m.fd >= 0);
	p = ipc_blob_map(m.fd, sizeof(data), &why);
	assert_non_null(p);
	assert_memory_equal(p, data, sizeof(data));
	ipc_blob_unmap(p, sizeof(data));
	/* The size the message states must be the memfd's. */
	assert_null(ipc_blob_map(m.fd, sizeof(data) + 1, &why));
	assert_string_equal(why, "blob size differs from its message");
	assert_null(ipc_blob_map(m.fd, sizeof(data) - 1, &why));
	assert_string_equal(why, "blob size differs from its message");
	close(m.fd);
	/* An empty blob maps to something that is never read. */
	assert_int_equal(
	    ipc_send_blob(sv[0], MSG_STATE_BLOB, &b, sizeof(b), NULL, 0), 0);
	assert_int_equal(ipc_recv(sv[1], &m, &why), 1);
	assert_non_null(ipc_blob_map(m.fd, 0, &why));
	close(m.fd);
}

/* A memfd someone could still write, grow or shrink, or no memfd. */
static void
test_blob_unsealed_rejected(void **state)
{
	struct msg_state_blob b = { MSG_STATE_RS_DESIRED, 1, 4, 1 };
	struct ipc_msg m;
	const char *why = NULL;
	int fd, p[2];

	(void)state;
	fd = memfd_create("test", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "abcd", 4), 4);
	assert_int_equal(ipc_send(sv[0], MSG_STATE_BLOB, &b, sizeof(b), fd), 0);
	assert_int_equal(ipc_recv(sv[1], &m, &why), 1);
	assert_null(ipc_blob_map(m.fd, 4, &why));
	assert_string_equal(why, "blob is not sealed");
	/* Sealed against shrinking and growing, but still writable. */
	assert_int_equal(
	    fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW), 0);
	assert_null(ipc_blob_map(m.fd, 4, &why));
	assert_string_equal(why, "blob is not sealed");
	assert_int_equal(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), 0);
	assert_non_null(ipc_blob_map(m.fd, 4, &why));
	close(m.fd);
	close(fd);
	assert_int_equal(pipe(p), 0);
	assert_null(ipc_blob_map(p[0], 4, &why));
	assert_string_equal(why, "blob is not a memfd");
	close(p[0]);
	close(p[1]);
}

/*
 * Full states over the socketpair: a sender (state_source, or raw
 * framing) on sv[0], a receiver's state_sync fed from sv[1].
 */
struct change {
	objid_t id;
	bool had_old, has_cur;
	uint32_t weight;
};

static struct change changes[16];
static size_t nchanges;

static void
record_change(void *ctx, const void *old, const void *cur)
{
	const struct msg_rs_desired *o = old, *c = cur;

	(void)ctx;
	assert_true(nchanges < 16);
	changes[nchanges].id = c != NULL ? c->rs : o->rs;
	changes[nchanges].had_old = o != NULL;
	changes[nchanges].has_cur = c != NULL;
	changes[nchanges].weight = c != NULL ? c->weight : 0;
	nchanges++;
}

/* Feeds every pending message to ss; their verdicts, as letters:
   T taken, C committed, S stale, D dropped, R resync, B bad. */
static const char *
pump(struct state_sync *ss)
{
	static char out[64];
	static struct ipc_msg m;
	const char *why = NULL;
	size_t n = 0;
	int r;

	assert_int_equal(fcntl(sv[1], F_SETFL, O_NONBLOCK), 0);
	while ((r = ipc_recv(sv[1], &m, &why)) == 1) {
		assert_true(n < sizeof(out) - 1);
		out[n++] = "TCSDRB"[state_sync_msg(ss, &m)];
		assert_int_equal(m.fd, -1);
	}
	assert_int_equal(r, -1);
	assert_int_equal(errno, EAGAIN);
	out[n] = '\0';
	return out;
}

static struct ipc_peer sender = { .name = "test" };

static void
send_mark(enum msg_type type, uint32_t gen, uint32_t count)
{
	struct msg_state_mark mk = { MSG_STATE_RS_DESIRED, gen, count };

	assert_int_equal(ipc_send(sv[0], type, &mk, sizeof(mk), -1), 0);
}

static void
send_items(
    enum msg_type type, uint32_t gen, const struct msg_rs_desired *d, size_t n)
{
	struct msg_state_items head = { .generation = gen };

	assert_int_equal(ipc_send_array(sv[0], type, &head, d, n), 1);
}

static uint32_t
weight_of(const struct state_sync *ss, objid_t id)
{
	const struct msg_rs_desired *d = state_sync_get(ss, id);

	return d != NULL ? d->weight : UINT32_MAX;
}

static void
test_state_full_then_updates(void **state)
{
	struct state_source src = { .what = MSG_STATE_RS_DESIRED };
	struct msg_rs_desired d[3] = { rs_item(1, 10), rs_item(2, 20),
		rs_item(3, 30) };
	struct state_sync ss;

	(void)state;
	sender.fd = sv[0];
	nchanges = 0;
	state_sync_init(&ss, MSG_STATE_RS_DESIRED, record_change, NULL);
	/* Updates before any full state are not sent. */
	assert_int_equal(state_source_update(&src, &sender, d, 1), 0);
	assert_true(state_sync_request(&ss));
	assert_false(state_sync_request(&ss));
	assert_int_equal(state_source_full(&src, &sender, d, 3), 0);
	assert_string_equal(pump(&ss), "TTC");
	assert_int_equal(ss.generation, 1);
	assert_false(ss.requested);
	assert_int_equal(state_sync_count(&ss), 3);
	assert_int_equal(nchanges, 3);
	assert_false(changes[0].had_old);
	assert_int_equal(weight_of(&ss, 2), 20);
	/* A changed item is applied; an unchanged one is no change. */
	nchanges = 0;
	d[1].weight = 0;
	d[1].flags |= MSG_RS_F_QUIESCENT;
	assert_int_equal(state_source_update(&src, &sender, d, 2), 0);
	assert_string_equal(pump(&ss), "T");
	assert_int_equal(nchanges, 1);
	assert_int_equal(changes[0].id, 2);
	assert_true(changes[0].had_old && changes[0].has_cur);
	assert_int_equal(weight_of(&ss, 2), 0);
	state_sync_free(&ss);
}

/* The next full state replaces the table: items it lacks are removed. */
static void
test_state_full_removes_unseen(void **state)
{
	struct state_source src = { .what = MSG_STATE_RS_DESIRED };
	struct msg_rs_desired a[3] = { rs_item(1, 10), rs_item(2, 20),
		rs_item(3, 30) };
	struct msg_rs_desired b[3] = { rs_item(2, 20), rs_item(3, 31),
		rs_item(4, 40) };
	struct state_sync ss;
	size_t i, pos = 0;
	bool removed1 = false, changed3 = false, added4 = false;

	(void)state;
	sender.fd = sv[0];
	state_sync_init(&ss, MSG_STATE_RS_DESIRED, record_change, NULL);
	assert_int_equal(state_source_full(&src, &sender, a, 3), 0);
	assert_string_equal(pump(&ss), "TTC");
	nchanges = 0;
	assert_int_equal(state_source_full(&src, &sender, b, 3), 0);
	assert_string_equal(pump(&ss), "TTC");
	assert_int_equal(ss.generation, 2);
	assert_int_equal(nchanges, 3);
	for (i = 0; i < nchanges; i++) {
		removed1 |= changes[i].id == 1 && !changes[i].has_cur;
		changed3 |= changes[i].id == 3 && changes[i].had_old &&
		    changes[i].weight == 31;
		added4 |= changes[i].id == 4 && !changes[i].had_old;
	}
	assert_true(removed1 && changed3 && added4);
	assert_null(state_sync_get(&ss, 1));
	for (i = 0; state_sync_next(&ss, &pos) != NULL; i++)
		;
	assert_int_equal(i, 3);
	state_sync_free(&ss);
}

/* A BEGIN before the last one's END: the sender started over; only the
   second full state counts. */
static void
test_state_restart_mid_stream(void **state)
{
	struct msg_rs_desired a[2] = { rs_item(1, 10), rs_item(2, 20) };
	struct msg_rs_desired c = rs_item(3, 30);
	struct state_sync ss;

	(void)state;
	state_sync_init(&ss, MSG_STATE_RS_DESIRED, NULL, NULL);
	send_mark(MSG_STATE_BEGIN, 1, 0);
	send_items(MSG_RS_DESIRED, 1, a, 2);
	send_mark(MSG_STATE_BEGIN, 2, 0);
	send_items(MSG_RS_DESIRED, 2, &c, 1);
	/* An update of the open full state is staged with it. */
	c.weight = 33;
	send_items(MSG_RS_DESIRED_UPDATE, 2, &c, 1);
	send_mark(MSG_STATE_END, 2, 1);
	assert_string_equal(pump(&ss), "TTTTTC");
	assert_int_equal(ss.stats.aborted, 1);
	assert_int_equal(state_sync_count(&ss), 1);
	assert_int_equal(weight_of(&ss, 3), 33);
	assert_null(state_sync_get(&ss, 1));
	state_sync_free(&ss);
}

static void
test_state_stale_update_dropped(void **state)
{
	struct msg_rs_desired a = rs_item(1, 10), old = rs_item(1, 99);
	struct state_sync ss;

	(void)state;
	state_sync_init(&ss, MSG_STATE_RS_DESIRED, NULL, NULL);
	send_mark(MSG_STATE_BEGIN, 5, 0);
	send_items(MSG_RS_DESIRED, 5, &a, 1);
	send_mark(MSG_STATE_END, 5, 1);
	send_items(MSG_RS_DESIRED_UPDATE, 4, &old, 1);
	assert_string_equal(pump(&ss), "TTCS");
	assert_int_equal(weight_of(&ss, 1), 10);
	/* Stale while the next full state is open, too. */
	send_mark(MSG_STATE_BEGIN, 6, 0);
	send_items(MSG_RS_DESIRED_UPDATE, 5, &old, 1);
	send_items(MSG_RS_DESIRED, 5, &old, 1);
	assert_string_equal(pump(&ss), "TSS");
	assert_int_equal(ss.stats.stale, 3);
	state_sync_free(&ss);
}

/* Without its END nothing of a full state shows; the link's loss drops
   it, and the table waits, generation 0, for the next sender. */
static void
test_state_missing_end(void **state)
{
	struct msg_rs_desired a = rs_item(1, 10), b = rs_item(2, 20);
	struct state_sync ss;

	(void)state;
	state_sync_init(&ss, MSG_STATE_RS_DESIRED, NULL, NULL);
	send_mark(MSG_STATE_BEGIN, 1, 0);
	send_items(MSG_RS_DESIRED, 1, &a, 1);
	send_mark(MSG_STATE_END, 1, 1);
	send_mark(MSG_STATE_BEGIN, 2, 0);
	send_items(MSG_RS_DESIRED, 2, &b, 1);
	send_items(MSG_RS_DESIRED_UPDATE, 2, &b, 1);
	assert_string_equal(pump(&ss), "TTCTTT");
	assert_int_equal(ss.generation, 1);
	assert_non_null(state_sync_get(&ss, 1));
	assert_null(state_sync_get(&ss, 2));
	state_sync_reset(&ss);
	assert_int_equal(ss.stats.aborted, 1);
	assert_int_equal(ss.generation, 0);
	assert_non_null(state_sync_get(&ss, 1));
	/* The new sender's items or updates before its BEGIN: out of step,
	   one request. */
	send_items(MSG_RS_DESIRED, 1, &b, 1);
	send_items(MSG_RS_DESIRED_UPDATE, 1, &b, 1);
	send_mark(MSG_STATE_END, 1, 1);
	assert_string_equal(pump(&ss), "RDD");
	assert_int_equal(ss.stats.resyncs, 1);
	state_sync_free(&ss);
}

/* An END whose count is not what came: the full state is dropped, the
   old table kept, and a new one asked for. */
static void
test_state_end_count_mismatch(void **state)
{
	struct msg_rs_desired a = rs_item(1, 10);
	struct msg_rs_desired b[2] = { rs_item(2, 20), rs_item(3, 30) };
	struct state_sync ss;

	(void)state;
	state_sync_init(&ss, MSG_STATE_RS_DESIRED, NULL, NULL);
	send_mark(MSG_STATE_BEGIN, 1, 0);
	send_items(MSG_RS_DESIRED, 1, &a, 1);
	send_mark(MSG_STATE_END, 1, 1);
	send_mark(MSG_STATE_BEGIN, 2, 0);
	send_items(MSG_RS_DESIRED, 2, b, 2);
	send_mark(MSG_STATE_END, 2, 3);
	assert_string_equal(pump(&ss), "TTCTTR");
	assert_int_equal(ss.generation, 1);
	assert_int_equal(state_sync_count(&ss), 1);
	assert_true(ss.requested);
	/* An END of a newer generation than the open one: the same. */
	send_mark(MSG_STATE_BEGIN, 3, 0);
	send_mark(MSG_STATE_END, 4, 0);
	assert_string_equal(pump(&ss), "TR");
	/* An update of a generation the receiver never had. */
	send_items(MSG_RS_DESIRED_UPDATE, 7, &a, 1);
	assert_string_equal(pump(&ss), "D");
	state_sync_free(&ss);
}

/* A full state in a sealed memfd; and the sender's bugs. */
static void
test_state_blob_and_bad(void **state)
{
	struct state_source src = { .what = MSG_STATE_RS_DESIRED,
		.blob_min = 1 };
	struct msg_rs_desired d[2] = { rs_item(1, 10), rs_item(2, 20) };
	struct msg_rs_desired zero = rs_item(0, 1);
	struct msg_state_blob b = { MSG_STATE_RS_DESIRED, 2, 1, 4 };
	struct state_sync ss;
	int fd;

	(void)state;
	sender.fd = sv[0];
	state_sync_init(&ss, MSG_STATE_RS_DESIRED, NULL, NULL);
	assert_int_equal(state_source_full(&src, &sender, d, 2), 0);
	assert_string_equal(pump(&ss), "TTC");
	assert_int_equal(weight_of(&ss, 2), 20);
	send_mark(MSG_STATE_BEGIN, 0, 0);
	assert_string_equal(pump(&ss), "B");
	assert_string_equal(ss.error, "full state of generation 0");
	send_items(MSG_RS_DESIRED_UPDATE, 1, &zero, 1);
	assert_string_equal(pump(&ss), "B");
	assert_string_equal(ss.error, "item with id 0");
	/* A blob of items of another size; its fd is closed all the same. */
	fd = ipc_blob_make("test", "abcd", 4);
	assert_true(fd >= 0);
	assert_int_equal(ipc_send(sv[0], MSG_STATE_BLOB, &b, sizeof(b), fd), 0);
	close(fd);
	assert_string_equal(pump(&ss), "B");
	assert_string_equal(ss.error, "blob items of another size");
	assert_int_equal(ss.generation, 1);
	state_sync_free(&ss);
}

static int handled, bad_calls;
static char bad_why[128];

static void
on_done(struct ipc_peer *p, struct ipc_msg *m)
{
	(void)p;
	(void)m;
	handled++;
}

static void
on_bad(struct ipc_peer *p, const char *why)
{
	(void)p;
	bad_calls++;
	snprintf(bad_why, sizeof(bad_why), "%s", why);
}

static const struct ipc_handler handlers[] = {
	{ MSG_CONFIG_DONE, on_done },
	{ MSG_NONE, NULL },
};

static void
test_dispatch_expected_and_unexpected(void **state)
{
	struct ipc_peer p = {
		.name = "test", .handlers = handlers, .bad = on_bad
	};
	struct ipc_msg m = { .hdr = { .type = MSG_CONFIG_DONE }, .fd = -1 };

	(void)state;
	handled = bad_calls = 0;
	ipc_dispatch(&p, &m);
	assert_int_equal(handled, 1);
	m.hdr.type = MSG_PEER_HELLO;
	ipc_dispatch(&p, &m);
	assert_int_equal(bad_calls, 1);
	assert_string_equal(bad_why, "unexpected PEER_HELLO message");
}

/* Without a bad() hook an unexpected message is fatal: the process exits. */
static void
test_unexpected_message_exits(void **state)
{
	struct ipc_peer p = { .name = "test", .handlers = handlers };
	struct ipc_msg m = { .hdr = { .type = MSG_CONFIG }, .fd = -1 };
	struct log_opts lo = { .console = false };
	pid_t pid;
	int st;

	(void)state;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		log_init(&lo, "test");
		ipc_dispatch(&p, &m);
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 1);
}

/*
 * A started peer never blocks on a full socket: what the socket cannot
 * take waits in the peer's queue and goes out, in order, once the other
 * end reads (here a second loop-driven peer).
 */
static unsigned got_n, got_bad_order;

static void
on_seq(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_config_done d;

	(void)p;
	memcpy(&d, m->payload, sizeof(d));
	if (d.generation != got_n + 1)
		got_bad_order++;
	got_n++;
}

static const struct ipc_handler seq_handlers[] = {
	{ MSG_CONFIG_DONE, on_seq },
	{ MSG_NONE, NULL },
};

static void
test_peer_queue(void **state)
{
	struct ev_loop *loop = ev_loop_new(EVFLAG_AUTO);
	struct ipc_peer tx = { .name = "rx", .handlers = seq_handlers };
	struct ipc_peer rx = { .name = "tx", .handlers = seq_handlers };
	struct msg_config_done d = { 0 };
	int small = 4096, i, n = 3000, t = 0;

	(void)state;
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof(small));
	ipc_peer_start(loop, &tx, sv[0]);
	/* nobody reads yet: these must not block */
	for (i = 1; i <= n; i++) {
		d.generation = (uint32_t)i;
		assert_int_equal(
		    ipc_peer_send(&tx, MSG_CONFIG_DONE, &d, sizeof(d), -1), 0);
	}
	assert_true(tx.qlen > 0);
	assert_true(tx.queued > 0);
	got_n = got_bad_order = 0;
	ipc_peer_start(loop, &rx, sv[1]);
	while (got_n < (unsigned)n && t++ < 100000)
		ev_run(loop, EVRUN_ONCE);
	assert_int_equal(got_n, n);
	assert_int_equal(got_bad_order, 0);
	assert_int_equal(tx.qlen, 0);
	assert_false(ev_is_active(&tx.wio));
	ev_io_stop(loop, &tx.io);
	ev_io_stop(loop, &rx.io);
	ev_loop_destroy(loop);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    test_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_fd_passing, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_wrong_size_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_length_mismatch_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_short_packet_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_unknown_type_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_missing_fd_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_unexpected_fd_rejected_and_closed, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_oversized_payload_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_eof, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_every_type_has_a_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_reserved_flags_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_state_marks_exact_size, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_array_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_array_sizes_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_array_split_to_fit, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_blob_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_blob_unsealed_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_state_full_then_updates, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_state_full_removes_unseen, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_state_restart_mid_stream, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_state_stale_update_dropped, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_state_missing_end, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_state_end_count_mismatch, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_state_blob_and_bad, setup, teardown),
		cmocka_unit_test(test_dispatch_expected_and_unexpected),
		cmocka_unit_test(test_unexpected_message_exits),
		cmocka_unit_test_setup_teardown(
		    test_peer_queue, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
