/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_tcp.c: TCP_CHECK: the target passes when a connection opens. */

#include <stdio.h>
#include <stdlib.h>

#include "check_sock.h"

/* One attempt: the socket and its watcher. */
struct tcp_att {
	ev_io io;
	int fd;
};

static void tcp_start(struct ck_probe *);
static void tcp_cancel(struct ck_probe *);
static void tcp_writable(struct ev_loop *, ev_io *, int);

const struct ck_type ck_tcp_type = {
	.name = "TCP_CHECK",
	.start = tcp_start,
	.cancel = tcp_cancel,
};

static void
tcp_start(struct ck_probe *p)
{
	struct ck_sock_err err = { CHECK_R_OK, "" };
	struct tcp_att *a;
	int fd;

	fd = ck_sock_open(p->conf, SOCK_STREAM, 0, &err);
	if (fd < 0) {
		ck_sock_done(p, &err);
		return;
	}
	switch (ck_sock_connect(fd, p->conf, &err)) {
	case 1:
		break;
	case 0:
		/* connected at once (a local target) */
		/* FALLTHROUGH */
	default:
		ck_sock_close(fd, p->conf);
		ck_sock_done(p, &err);
		return;
	}
	if ((a = calloc(1, sizeof(*a))) == NULL) {
		ck_sock_close(fd, p->conf);
		err.r = CHECK_R_SOCKET;
		snprintf(err.detail, sizeof(err.detail), "out of memory");
		ck_sock_done(p, &err);
		return;
	}
	a->fd = fd;
	ev_io_init(&a->io, tcp_writable, fd, EV_WRITE);
	a->io.data = p;
	ev_io_start(p->loop, &a->io);
	p->priv = a;
}

/* The frame's deadline passed: drop the attempt, say nothing. */
static void
tcp_cancel(struct ck_probe *p)
{
	struct tcp_att *a = p->priv;

	if (a == NULL)
		return;
	ev_io_stop(p->loop, &a->io);
	ck_sock_close(a->fd, p->conf);
	free(a);
	p->priv = NULL;
}

static void
tcp_writable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct ck_probe *p = w->data;
	struct ck_sock_err err = { CHECK_R_OK, "" };

	(void)loop;
	(void)revents;
	(void)ck_sock_connected(w->fd, &err);
	tcp_cancel(p);
	ck_sock_done(p, &err);
}
