/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_sock.c: non-blocking sockets for the checks that reach a target
   themselves, with the checker's source options. */

#include <sys/socket.h>
#include <netinet/in.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "check_sock.h"

static void
sockaddr_of(const struct cfg_addr *, uint16_t, struct ck_sockaddr *);
static int fail(struct ck_sock_err *, const char *, int);

static void
sockaddr_of(const struct cfg_addr *a, uint16_t port, struct ck_sockaddr *out)
{
	memset(out, 0, sizeof(*out));
	if (a->family == AF_INET6) {
		out->u.sin6.sin6_family = AF_INET6;
		out->u.sin6.sin6_port = htons(port);
		memcpy(&out->u.sin6.sin6_addr, a->u.v6, 16);
		out->len = sizeof(out->u.sin6);
	} else {
		out->u.sin.sin_family = AF_INET;
		out->u.sin.sin_port = htons(port);
		memcpy(&out->u.sin.sin_addr, a->u.v4, 4);
		out->len = sizeof(out->u.sin);
	}
}

/* A local step failed: always CHECK_R_SOCKET, whatever the errno. */
static int
fail(struct ck_sock_err *err, const char *step, int errnum)
{
	err->r = CHECK_R_SOCKET;
	snprintf(
	    err->detail, sizeof(err->detail), "%s: %s", step, strerror(errnum));
	return -1;
}

void
ck_sock_target(const struct vs_check *c, int with_port, struct ck_sockaddr *out)
{
	sockaddr_of(&c->connect_ip, with_port ? c->connect_port : 0, out);
}

int
ck_sock_open(
    const struct vs_check *c, int type, int protocol, struct ck_sock_err *err)
{
	int family, fd;

	family = c->connect_ip.family == AF_INET6 ? AF_INET6 : AF_INET;
	fd = socket(family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
	if (fd < 0)
		return fail(err, "socket", errno);
	if (ck_sock_src(fd, c, protocol, true, err) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

int
ck_sock_src(int fd, const struct vs_check *c, int protocol, bool bind_too,
    struct ck_sock_err *err)
{
	const struct vs_check_src *src = c->src;
	struct ck_sockaddr sa;
	char step[64];
	int family, on = 1, icmp;
	uint16_t port;

	if (src == NULL)
		return 0;
	if (src->fwmark != 0 &&
	    setsockopt(fd, SOL_SOCKET, SO_MARK, &src->fwmark,
	        sizeof(src->fwmark)) < 0) {
		snprintf(step, sizeof(step), "fwmark %u", src->fwmark);
		return fail(err, step, errno);
	}
	if (src->bind_if != NULL &&
	    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, src->bind_if,
	        (socklen_t)strlen(src->bind_if) + 1) < 0) {
		snprintf(step, sizeof(step), "bind_if %s", src->bind_if);
		return fail(err, step, errno);
	}
	icmp = protocol == IPPROTO_ICMP || protocol == IPPROTO_ICMPV6;
	port = icmp ? 0 : src->bind_port;
	if (!bind_too || (src->bindto.family == AF_UNSPEC && port == 0))
		return 0;
	if (port != 0 &&
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0)
		return fail(err, "SO_REUSEADDR", errno);
	family = c->connect_ip.family == AF_INET6 ? AF_INET6 : AF_INET;
	if (src->bindto.family != AF_UNSPEC) {
		sockaddr_of(&src->bindto, port, &sa);
	} else {
		/* bind_port alone: any address of the target's family */
		struct cfg_addr any = { .family = family };

		sockaddr_of(&any, port, &sa);
	}
	if (bind(fd, &sa.u.sa, sa.len) < 0) {
		char a[INET6_ADDRSTRLEN];

		snprintf(step, sizeof(step), "bind %s port %u",
		    cfg_addr_str(&src->bindto, "*", a, sizeof(a)), port);
		return fail(err, step, errno);
	}
	return 0;
}

int
ck_sock_connect(int fd, const struct vs_check *c, struct ck_sock_err *err)
{
	struct ck_sockaddr sa;

	ck_sock_target(c, 1, &sa);
	if (connect(fd, &sa.u.sa, sa.len) == 0)
		return 0;
	if (errno == EINPROGRESS)
		return 1;
	ck_sock_errno(err, "connect", errno);
	return -1;
}

int
ck_sock_connected(int fd, struct ck_sock_err *err)
{
	socklen_t len = sizeof(int);
	int e = 0;

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) < 0)
		return fail(err, "SO_ERROR", errno);
	if (e == 0)
		return 0;
	ck_sock_errno(err, "connect", e);
	return -1;
}

void
ck_sock_close(int fd, const struct vs_check *c)
{
	struct linger l = { .l_onoff = 1, .l_linger = 0 };

	if (fd < 0)
		return;
	if (c->src != NULL && c->src->bind_port != 0)
		(void)setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
	close(fd);
}

void
ck_sock_errno(struct ck_sock_err *err, const char *step, int errnum)
{
	err->detail[0] = '\0';
	switch (errnum) {
	case ECONNREFUSED:
		/* the result's text says it all */
		err->r = CHECK_R_REFUSED;
		return;
	case ETIMEDOUT:
		err->r = CHECK_R_TIMEOUT;
		return;
	case EHOSTUNREACH:
	case ENETUNREACH:
	case EHOSTDOWN:
	case ENETDOWN:
		err->r = CHECK_R_UNREACHABLE;
		break;
	case ECONNRESET:
	case EPIPE:
	case ECONNABORTED:
		err->r = CHECK_R_RESET;
		break;
	default:
		err->r = CHECK_R_SOCKET;
		break;
	}
	snprintf(
	    err->detail, sizeof(err->detail), "%s: %s", step, strerror(errnum));
}

void
ck_sock_done(struct ck_probe *p, const struct ck_sock_err *err)
{
	if (err->detail[0] == '\0')
		ck_done(p, err->r, NULL);
	else
		ck_done(p, err->r, "%s", err->detail);
}
