/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_ping.c: PING_CHECK: an ICMP or ICMPv6 echo, and its reply. */

#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/icmp6.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_sock.h"
#include "log.h"

/*
 * One echo request per attempt, on a socket connected to the target, so
 * only the target's packets and the ICMP errors about our request reach
 * it (IP_RECVERR: a host unreachable is reported too).  Unprivileged ICMP
 * datagram sockets are preferred (the kernel picks the identifier and
 * hands each socket its own replies; allowed when
 * net.ipv4.ping_group_range covers our group); otherwise a raw socket,
 * where the identifier is our pid.  The echo reply with our identifier
 * and sequence number passes; other packets are ignored; an ICMP error
 * is CHECK_R_PING with its reason; silence is the frame's timeout.
 */

#define PING_DATA 56 /* ping(8)'s default */
#define ICMP4_ECHO_REQUEST 8
#define ICMP4_ECHO_REPLY 0

enum ping_kind {
	PING_UNKNOWN,
	PING_DGRAM,
	PING_RAW,
};

struct ping_att {
	ev_io io;
	int fd;
	bool raw, v6;
	uint16_t id; /* network order; 0 unknown (datagram socket) */
	uint16_t seq; /* network order */
};

static void ping_start(struct ck_probe *);
static void ping_cancel(struct ck_probe *);
static void ping_readable(struct ev_loop *, ev_io *, int);
static enum ping_kind ping_kind_of(bool);
static int ping_send(struct ping_att *, struct ck_sock_err *);
static bool ping_is_ours(const struct ping_att *, const uint8_t *, size_t);
static uint16_t inet_csum(const uint8_t *, size_t);

const struct ck_type ck_ping_type = {
	.name = "PING_CHECK",
	.start = ping_start,
	.cancel = ping_cancel,
};

/* Per family (v4, v6): the kind of socket this host lets us use. */
static enum ping_kind ping_kinds[2];
static uint16_t ping_seq;

static void
ping_start(struct ck_probe *p)
{
	struct ck_sock_err err = { CHECK_R_OK, "" };
	struct ck_sockaddr sa;
	struct ping_att *a;
	bool v6 = p->conf->connect_ip.family == AF_INET6;
	int fd, on = 1;
	bool raw;

	raw = ping_kind_of(v6) == PING_RAW;
	fd = ck_sock_open(p->conf, raw ? SOCK_RAW : SOCK_DGRAM,
	    v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP, &err);
	if (fd < 0) {
		ck_sock_done(p, &err);
		return;
	}
	if (setsockopt(fd, v6 ? SOL_IPV6 : SOL_IP,
	        v6 ? IPV6_RECVERR : IP_RECVERR, &on, sizeof(on)) < 0) {
		ck_sock_errno(&err, "IP_RECVERR", errno);
		err.r = CHECK_R_SOCKET;
		goto fail;
	}
	if (raw && v6) {
		struct icmp6_filter f;

		ICMP6_FILTER_SETBLOCKALL(&f);
		ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &f);
		if (setsockopt(
		        fd, IPPROTO_ICMPV6, ICMP6_FILTER, &f, sizeof(f)) < 0) {
			ck_sock_errno(&err, "ICMP6_FILTER", errno);
			err.r = CHECK_R_SOCKET;
			goto fail;
		}
	}
	ck_sock_target(p->conf, 0, &sa);
	if (connect(fd, &sa.u.sa, sa.len) < 0) {
		ck_sock_errno(&err, "connect", errno);
		goto fail;
	}
	if ((a = calloc(1, sizeof(*a))) == NULL) {
		err.r = CHECK_R_SOCKET;
		snprintf(err.detail, sizeof(err.detail), "out of memory");
		goto fail;
	}
	a->fd = fd;
	a->raw = raw;
	a->v6 = v6;
	a->id = raw ? htons((uint16_t)getpid()) : 0;
	a->seq = htons(++ping_seq);
	if (ping_send(a, &err) < 0) {
		free(a);
		goto fail;
	}
	ev_io_init(&a->io, ping_readable, fd, EV_READ);
	a->io.data = p;
	p->priv = a;
	ev_io_start(p->loop, &a->io);
	return;
fail:
	close(fd);
	ck_sock_done(p, &err);
}

static void
ping_cancel(struct ck_probe *p)
{
	struct ping_att *a = p->priv;

	if (a == NULL)
		return;
	ev_io_stop(p->loop, &a->io);
	close(a->fd);
	free(a);
	p->priv = NULL;
}

/* Learns once per family whether ICMP datagram sockets are allowed. */
static enum ping_kind
ping_kind_of(bool v6)
{
	enum ping_kind *k = &ping_kinds[v6];
	int fd;

	if (*k != PING_UNKNOWN)
		return *k;
	fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_DGRAM | SOCK_CLOEXEC,
	    v6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP);
	if (fd >= 0) {
		close(fd);
		*k = PING_DGRAM;
		log_debug(
		    "PING_CHECK: ICMP%s datagram sockets", v6 ? "v6" : "");
	} else {
		*k = PING_RAW;
		log_debug("PING_CHECK: ICMP%s raw sockets (datagram sockets: "
		          "%s; see net.ipv4.ping_group_range)",
		    v6 ? "v6" : "", strerror(errno));
	}
	return *k;
}

static int
ping_send(struct ping_att *a, struct ck_sock_err *err)
{
	uint8_t pkt[8 + PING_DATA];
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	uint16_t csum;
	size_t i;

	memset(pkt, 0, sizeof(pkt));
	pkt[0] = a->v6 ? ICMP6_ECHO_REQUEST : ICMP4_ECHO_REQUEST;
	memcpy(pkt + 4, &a->id, 2);
	memcpy(pkt + 6, &a->seq, 2);
	for (i = 0; i < PING_DATA; i++)
		pkt[8 + i] = (uint8_t)i;
	/* the kernel sums ICMPv6 and datagram sockets' packets itself */
	if (!a->v6) {
		csum = inet_csum(pkt, sizeof(pkt));
		memcpy(pkt + 2, &csum, 2);
	}
	if (send(a->fd, pkt, sizeof(pkt), 0) < 0) {
		ck_sock_errno(err, "send", errno);
		return -1;
	}
	/* a datagram socket's identifier is its port, chosen now */
	if (!a->raw && getsockname(a->fd, (struct sockaddr *)&ss, &len) == 0)
		a->id = ss.ss_family == AF_INET6
		    ? ((struct sockaddr_in6 *)&ss)->sin6_port
		    : ((struct sockaddr_in *)&ss)->sin_port;
	return 0;
}

static void
ping_readable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct ck_probe *p = w->data;
	struct ping_att *a = p->priv;
	struct ck_sock_err err;
	uint8_t buf[1500];
	ssize_t n;
	int i;

	(void)loop;
	(void)revents;
	/* a few packets a turn: a chatty target cannot hold the loop */
	for (i = 0; i < 16; i++) {
		n = recv(a->fd, buf, sizeof(buf), 0);
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			/* an ICMP error about our request */
			ck_sock_errno(&err, "ICMP", errno);
			if (err.r != CHECK_R_SOCKET)
				err.r = CHECK_R_PING;
			ping_cancel(p);
			ck_sock_done(p, &err);
			return;
		}
		if (ping_is_ours(a, buf, (size_t)n)) {
			ping_cancel(p);
			ck_done(p, CHECK_R_OK, NULL);
			return;
		}
	}
}

/* Whether a packet is the echo reply to our request. */
static bool
ping_is_ours(const struct ping_att *a, const uint8_t *b, size_t n)
{
	size_t hl = 0;

	/* a raw IPv4 socket hands over the IP header too */
	if (a->raw && !a->v6) {
		if (n < 20)
			return false;
		hl = (size_t)(b[0] & 0x0f) * 4;
	}
	if (n < hl + 8)
		return false;
	b += hl;
	if (b[0] != (a->v6 ? ICMP6_ECHO_REPLY : ICMP4_ECHO_REPLY) || b[1] != 0)
		return false;
	if (a->id != 0 && memcmp(b + 4, &a->id, 2) != 0)
		return false;
	return memcmp(b + 6, &a->seq, 2) == 0;
}

/* RFC 1071's Internet checksum, in network order. */
static uint16_t
inet_csum(const uint8_t *b, size_t n)
{
	uint32_t sum = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(b[i] << 8 | b[i + 1]);
	if (n & 1)
		sum += (uint32_t)b[n - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons((uint16_t)~sum);
}
