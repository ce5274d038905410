/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_udp.c: UDP_CHECK: a datagram to the target, and its answer. */

#include <sys/socket.h>
#include <netinet/in.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_sock.h"

/*
 * keepalived's semantics.  The payload goes on a connected socket that
 * asks for ICMP errors (IP_RECVERR), so a destination unreachable comes
 * back as an error of the socket: port unreachable is CHECK_R_REFUSED
 * (the port refused, as a TCP RST would), host or network unreachable is
 * CHECK_R_UNREACHABLE.  Without require_reply, a reply or silence until
 * connect_timeout passes.  With it, a reply must come within
 * connect_timeout (else CHECK_R_UDP_REPLY, "no reply"), be
 * min_reply_length to max_reply_length bytes long (255 when not given),
 * and match the pattern, X being any nibble.  As in keepalived, only as
 * many bytes as both the reply and the pattern have are compared: a
 * reply shorter than the pattern is judged on its length limits.
 * The type bounds its own attempt (own_timeout): silence may be a pass.
 */

/* keepalived's default max_reply_length. */
#define UDP_REPLY_MAX_DEFAULT 255
/* Sent when the check has no payload: keepalived sends 32 bytes of
   filler text, never an empty datagram. */
#define UDP_FILLER "vigil UDP_CHECK "
#define UDP_FILLER_LEN 32

struct udp_att {
	ev_io io;
	ev_timer timer;
	int fd;
};

static void udp_start(struct ck_probe *);
static void udp_cancel(struct ck_probe *);
static void udp_readable(struct ev_loop *, ev_io *, int);
static void udp_timeout(struct ev_loop *, ev_timer *, int);
static void udp_end(struct ck_probe *, enum check_result, const char *);
static int udp_send(int, const struct vs_check *, struct ck_sock_err *);
static int hex_nibble(char);
static bool
udp_reply_ok(const struct vs_udp *, const uint8_t *, size_t, char *, size_t);

const struct ck_type ck_udp_type = {
	.name = "UDP_CHECK",
	.start = udp_start,
	.cancel = udp_cancel,
	.own_timeout = true,
};

/* Replies are read into one buffer: the child is single-threaded. */
static uint8_t udp_buf[65536];

static void
udp_start(struct ck_probe *p)
{
	struct ck_sock_err err = { CHECK_R_OK, "" };
	struct udp_att *a;
	int fd, on = 1;

	fd = ck_sock_open(p->conf, SOCK_DGRAM, IPPROTO_UDP, &err);
	if (fd < 0) {
		ck_sock_done(p, &err);
		return;
	}
	if (setsockopt(fd,
	        p->conf->connect_ip.family == AF_INET6 ? SOL_IPV6 : SOL_IP,
	        p->conf->connect_ip.family == AF_INET6 ? IPV6_RECVERR
	                                               : IP_RECVERR,
	        &on, sizeof(on)) < 0) {
		ck_sock_errno(&err, "IP_RECVERR", errno);
		err.r = CHECK_R_SOCKET;
		goto fail;
	}
	/* a datagram socket connects at once; errors are local (no route) */
	if (ck_sock_connect(fd, p->conf, &err) != 0 ||
	    udp_send(fd, p->conf, &err) < 0)
		goto fail;
	if ((a = calloc(1, sizeof(*a))) == NULL) {
		err.r = CHECK_R_SOCKET;
		snprintf(err.detail, sizeof(err.detail), "out of memory");
		goto fail;
	}
	a->fd = fd;
	ev_io_init(&a->io, udp_readable, fd, EV_READ);
	a->io.data = p;
	ev_timer_init(&a->timer, udp_timeout,
	    (ev_tstamp)p->conf->connect_timeout / 1e6, 0.);
	a->timer.data = p;
	p->priv = a;
	ev_io_start(p->loop, &a->io);
	ev_timer_start(p->loop, &a->timer);
	return;
fail:
	ck_sock_close(fd, p->conf);
	ck_sock_done(p, &err);
}

static int
udp_send(int fd, const struct vs_check *c, struct ck_sock_err *err)
{
	const char *hex = c->u.udp.payload;
	uint8_t filler[UDP_FILLER_LEN], *buf = filler;
	size_t len, i;
	ssize_t n;

	if (hex == NULL) {
		for (i = 0; i < sizeof(filler); i++)
			filler[i] = (uint8_t)UDP_FILLER[i % strlen(UDP_FILLER)];
		len = sizeof(filler);
	} else {
		/* validated: an even number of hex digits, no X */
		len = strlen(hex) / 2;
		if (len > sizeof(udp_buf))
			len = sizeof(udp_buf);
		buf = udp_buf;
		for (i = 0; i < len; i++)
			buf[i] = (uint8_t)(hex_nibble(hex[2 * i]) << 4 |
			    hex_nibble(hex[2 * i + 1]));
	}
	n = send(fd, buf, len, 0);
	if (n < 0) {
		ck_sock_errno(err, "send", errno);
		return -1;
	}
	return 0;
}

static void
udp_cancel(struct ck_probe *p)
{
	struct udp_att *a = p->priv;

	if (a == NULL)
		return;
	ev_io_stop(p->loop, &a->io);
	ev_timer_stop(p->loop, &a->timer);
	ck_sock_close(a->fd, p->conf);
	free(a);
	p->priv = NULL;
}

static void
udp_readable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct ck_probe *p = w->data;
	const struct vs_udp *u = &p->conf->u.udp;
	struct ck_sock_err err;
	char why[96];
	ssize_t n;

	(void)loop;
	(void)revents;
	n = recv(w->fd, udp_buf, sizeof(udp_buf), MSG_TRUNC);
	if (n < 0 &&
	    (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (n < 0) {
		/* an ICMP error that came back for the payload */
		ck_sock_errno(&err, "ICMP", errno);
		if (err.r == CHECK_R_REFUSED)
			snprintf(err.detail, sizeof(err.detail),
			    "ICMP port unreachable");
		udp_cancel(p);
		ck_sock_done(p, &err);
		return;
	}
	if (u->require_reply &&
	    !udp_reply_ok(u, udp_buf, (size_t)n, why, sizeof(why))) {
		udp_end(p, CHECK_R_UDP_REPLY, why);
		return;
	}
	udp_end(p, CHECK_R_OK, NULL);
}

static void
udp_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct ck_probe *p = w->data;

	(void)loop;
	(void)revents;
	if (p->conf->u.udp.require_reply)
		udp_end(p, CHECK_R_UDP_REPLY, "no reply");
	else
		udp_end(p, CHECK_R_OK, NULL); /* no ICMP error: up */
}

static void
udp_end(struct ck_probe *p, enum check_result r, const char *detail)
{
	char d[96];

	snprintf(d, sizeof(d), "%s", detail != NULL ? detail : "");
	udp_cancel(p);
	if (d[0] == '\0')
		ck_done(p, r, NULL);
	else
		ck_done(p, r, "%s", d);
}

/* Whether a reply of len bytes is the one required; why when not. */
static bool
udp_reply_ok(const struct vs_udp *u, const uint8_t *reply, size_t len,
    char *why, size_t size)
{
	uint32_t max = u->max_reply_len;
	const char *pat = u->reply;
	size_t i, n;
	int hi, lo, want, mask;

	if (max == VS_UNSET_U32)
		max = UDP_REPLY_MAX_DEFAULT;
	if (len < u->min_reply_len || len > max) {
		snprintf(why, size, "reply of %zu bytes, not %u to %u", len,
		    u->min_reply_len, max);
		return false;
	}
	if (pat == NULL)
		return true;
	n = strlen(pat) / 2;
	if (len < n)
		n = len;
	for (i = 0; i < n; i++) {
		hi = hex_nibble(pat[2 * i]);
		lo = hex_nibble(pat[2 * i + 1]);
		want = (hi < 0 ? 0 : hi << 4) | (lo < 0 ? 0 : lo);
		mask = (hi < 0 ? 0 : 0xf0) | (lo < 0 ? 0 : 0x0f);
		if ((reply[i] & mask) != want) {
			snprintf(why, size,
			    "reply byte %zu is %02x, the pattern wants %c%c", i,
			    reply[i], pat[2 * i], pat[2 * i + 1]);
			return false;
		}
	}
	return true;
}

/* A hex digit's value; -1 for X (any). */
static int
hex_nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
