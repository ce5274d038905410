/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_sock.h: non-blocking sockets for the checks that reach a target
   themselves (TCP, SMTP, UDP, PING), with the checker's source options. */

#ifndef VIGIL_CHECK_SOCK_H
#define VIGIL_CHECK_SOCK_H

#include <sys/socket.h>
#include <netinet/in.h>
#include <stdbool.h>

#include "check_int.h"

/* Why a socket step failed: the result and its words for ck_done(). */
struct ck_sock_err {
	enum check_result r;
	char detail[96];
};

/* A socket address and its length, as bind(2) and connect(2) take them. */
struct ck_sockaddr {
	union {
		struct sockaddr sa;
		struct sockaddr_in sin;
		struct sockaddr_in6 sin6;
	} u;
	socklen_t len;
};

/* c's target: connect_ip and connect_port (port 0 for ICMP). */
void ck_sock_target(
    const struct vs_check *c, int with_port, struct ck_sockaddr *out);

/*
 * A non-blocking, close-on-exec socket of type and protocol in the
 * family of c's target, with c's source options: bind_if
 * (SO_BINDTODEVICE), fwmark (SO_MARK), bindto and bind_port (bind_port is
 * ignored for ICMP, where a port would be the echo identifier).  -1 with
 * *err set (CHECK_R_SOCKET and the step that failed) when any of them
 * fails: a check that cannot leave from where it was told to fails.
 */
int ck_sock_open(
    const struct vs_check *c, int type, int protocol, struct ck_sock_err *err);

/*
 * c's source options on a socket fd that another opened (c-ares, curl;
 * ck_sock_open for the rest): fwmark, bind_if, and with bind_too bindto
 * and bind_port (curl binds itself).  0, or -1 with *err set.
 */
int ck_sock_src(int fd, const struct vs_check *c, int protocol, bool bind_too,
    struct ck_sock_err *err);

/*
 * Starts connecting fd to c's target: 0 connected, 1 in progress (wait
 * until fd is writable, then call ck_sock_connected), -1 failed (*err).
 */
int ck_sock_connect(int fd, const struct vs_check *c, struct ck_sock_err *err);

/* After an in-progress connect made fd writable: 0 connected, -1 failed
   (*err). */
int ck_sock_connected(int fd, struct ck_sock_err *err);

/*
 * Closes a socket of c.  With a fixed bind_port, a TCP connection is
 * aborted (RST): closed gracefully, the same four-tuple would sit in
 * TIME_WAIT and the next attempt could not connect for a minute.
 */
void ck_sock_close(int fd, const struct vs_check *c);

/*
 * The result for errno errnum of a step ("connect", "recv"):
 * ECONNREFUSED refused; EHOSTUNREACH, ENETUNREACH, EHOSTDOWN, ENETDOWN
 * unreachable; ECONNRESET, EPIPE, ECONNABORTED reset; ETIMEDOUT
 * timeout; anything else is local (socket) and names the step.
 */
void ck_sock_errno(struct ck_sock_err *err, const char *step, int errnum);

/* Ends p's attempt with err's result and detail (ck_done). */
void ck_sock_done(struct ck_probe *p, const struct ck_sock_err *err);

#endif
