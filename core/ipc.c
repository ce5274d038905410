/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipc.c: one typed message per SOCK_SEQPACKET packet, with fd passing. */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "ipc.h"
#include "log.h"

struct msg_rule {
	const char *name;
	size_t size; /* exact payload size */
	int fd; /* 1: must carry one fd; 0: must not */
};

static const char *msg_check(const struct ipc_msg *, size_t);
static void peer_readable(struct ev_loop *, ev_io *, int);
static void default_bad(struct ipc_peer *, const char *);

static const struct msg_rule rules[MSG_TYPE_MAX] = {
	[MSG_NONE] = { "NONE", 0, 0 },
	[MSG_CONFIG] = { "CONFIG", sizeof(struct msg_config), 1 },
	[MSG_PEER_LINK] = { "PEER_LINK", sizeof(struct msg_peer_link), 1 },
	[MSG_CONFIG_DONE] = { "CONFIG_DONE", sizeof(struct msg_config_done),
	    0 },
	[MSG_PEER_HELLO] = { "PEER_HELLO", sizeof(struct msg_peer_hello), 0 },
	[MSG_VRRP_RESUME] = { "VRRP_RESUME", sizeof(struct msg_vrrp_state), 0 },
	[MSG_VRRP_DUMP] = { "VRRP_DUMP", sizeof(struct msg_dump), 0 },
	[MSG_VRRP_TRANSITION] = { "VRRP_TRANSITION",
	    sizeof(struct msg_vrrp_transition), 0 },
};

const char *
msg_type_name(unsigned type)
{
	if (type == MSG_NONE || type >= MSG_TYPE_MAX)
		return "UNKNOWN";
	return rules[type].name;
}

/* Checks the header against the type's size and fd rules; NULL if fine,
   else what is wrong. */
static const char *
msg_check(const struct ipc_msg *m, size_t got)
{
	const struct msg_rule *r;

	if (got < sizeof(m->hdr))
		return "shorter than a header";
	if (m->hdr.type == MSG_NONE || m->hdr.type >= MSG_TYPE_MAX)
		return "unknown type";
	r = &rules[m->hdr.type];
	if (m->hdr.len != got - sizeof(m->hdr))
		return "length does not match the packet";
	if (m->hdr.len != r->size)
		return "wrong payload size for its type";
	if (r->fd != (m->fd >= 0))
		return r->fd ? "file descriptor missing"
		             : "unexpected file descriptor";
	return NULL;
}

int
ipc_send(int sock, enum msg_type type, const void *payload, size_t len, int fd)
{
	struct msg_hdr hdr = { .type = (uint16_t)type, .len = (uint32_t)len };
	struct iovec iov[2] = {
		{ .iov_base = &hdr, .iov_len = sizeof(hdr) },
		{ .iov_base = (void *)(uintptr_t)payload, .iov_len = len },
	};
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int))];
	} cm;
	struct msghdr mh = { .msg_iov = iov, .msg_iovlen = 2 };
	struct cmsghdr *c;
	ssize_t n;

	if (len > MSG_PAYLOAD_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	if (fd >= 0) {
		memset(&cm, 0, sizeof(cm));
		mh.msg_control = cm.buf;
		mh.msg_controllen = sizeof(cm.buf);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof(int));
	}
	do
		n = sendmsg(sock, &mh, MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	return n < 0 ? -1 : 0;
}

int
ipc_recv(int sock, struct ipc_msg *m, const char **why)
{
	struct iovec iov[2] = {
		{ .iov_base = &m->hdr, .iov_len = sizeof(m->hdr) },
		{ .iov_base = m->payload, .iov_len = sizeof(m->payload) },
	};
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int) * 4)];
	} cm;
	struct msghdr mh = { .msg_iov = iov,
		.msg_iovlen = 2,
		.msg_control = cm.buf,
		.msg_controllen = sizeof(cm.buf) };
	struct cmsghdr *c;
	ssize_t n;
	int fds[4], nfds = 0, i;

	m->fd = -1;
	memset(&m->hdr, 0, sizeof(m->hdr));
	do
		n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -1;
	for (c = CMSG_FIRSTHDR(&mh); c != NULL; c = CMSG_NXTHDR(&mh, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
			for (i = 0; (size_t)i <
			         (c->cmsg_len - CMSG_LEN(0)) / sizeof(int) &&
			     nfds < 4;
			     i++)
				memcpy(&fds[nfds++],
				    CMSG_DATA(c) + i * sizeof(int),
				    sizeof(int));
	if (n == 0 && nfds == 0)
		return 0;
	*why = NULL;
	if (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC))
		*why = "truncated";
	else if (nfds > 1)
		*why = "more than one file descriptor";
	if (nfds == 1)
		m->fd = fds[0];
	if (*why == NULL)
		*why = msg_check(m, (size_t)n);
	if (*why != NULL) {
		for (i = 0; i < nfds; i++)
			close(fds[i]);
		m->fd = -1;
		return -2;
	}
	return 1;
}

static void
default_bad(struct ipc_peer *p, const char *why)
{
	fatalx("bug: bad message from %s: %s", p->name, why);
}

static void
peer_readable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct ipc_peer *p = w->data;
	struct ipc_msg m;
	const char *why = NULL;
	char buf[128];
	int r;

	(void)revents;
	r = ipc_recv(p->fd, &m, &why);
	if (r == 1) {
		p->nrecv++;
		ipc_dispatch(p, &m);
		return;
	}
	if (r == -2) {
		snprintf(buf, sizeof(buf), "%s message: %s",
		    msg_type_name(m.hdr.type), why);
		(p->bad ? p->bad : default_bad)(p, buf);
		return;
	}
	if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return;
	if (r < 0)
		log_warn("link to %s", p->name);
	ipc_peer_stop(loop, p);
	if (p->closed != NULL)
		p->closed(p);
}

void
ipc_dispatch(struct ipc_peer *p, struct ipc_msg *m)
{
	const struct ipc_handler *h;
	char buf[128];

	for (h = p->handlers; h != NULL && h->type != MSG_NONE; h++)
		if (h->type == m->hdr.type) {
			h->fn(p, m);
			return;
		}
	if (m->fd >= 0)
		close(m->fd);
	snprintf(buf, sizeof(buf), "unexpected %s message",
	    msg_type_name(m->hdr.type));
	(p->bad ? p->bad : default_bad)(p, buf);
}

void
ipc_peer_start(struct ev_loop *loop, struct ipc_peer *p, int fd)
{
	p->fd = fd;
	ev_io_init(&p->io, peer_readable, fd, EV_READ);
	p->io.data = p;
	ev_io_start(loop, &p->io);
}

void
ipc_peer_stop(struct ev_loop *loop, struct ipc_peer *p)
{
	ev_io_stop(loop, &p->io);
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
}

int
ipc_peer_send(struct ipc_peer *p, enum msg_type type, const void *payload,
    size_t len, int fd)
{
	if (p->fd < 0) {
		errno = ENOTCONN;
		return -1;
	}
	if (ipc_send(p->fd, type, payload, len, fd) < 0) {
		log_warn("send %s to %s", msg_type_name(type), p->name);
		return -1;
	}
	p->nsent++;
	return 0;
}
