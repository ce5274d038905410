/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_ipc.c: message framing, size checks, fd passing and dispatch. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "ipc.h"
#include "log.h"

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
		cmocka_unit_test(test_dispatch_expected_and_unexpected),
		cmocka_unit_test(test_unexpected_message_exits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
