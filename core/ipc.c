/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipc.c: one typed message per SOCK_SEQPACKET packet, with fd passing. */

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include "ipc.h"
#include "log.h"

/*
 * The shape of a type's payload.  elem 0: exactly size bytes.  Else a
 * counted array: a head of size bytes holding a uint32_t count at
 * count_off, then count elements of elem bytes.
 */
struct msg_rule {
	const char *name;
	size_t size; /* exact payload size, or the array's head */
	int fd; /* 1: must carry one fd; 0: must not */
	size_t elem;
	size_t count_off;
};

/* A counted array's head is copied per packet; heads are this small. */
#define ARRAY_HEAD_MAX 64
/* A blob cannot change or shrink under the receiver's mapping. */
#define BLOB_SEALS (F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE)

/* Messages a peer reads per wake-up at most, so that one busy link
   cannot hold the loop. */
#define PEER_READ_BURST 64

/* A packet waiting in a peer's send queue. */
struct ipc_qpkt {
	struct ipc_qpkt *next;
	int fd; /* a duplicate of the one to pass, or -1 */
	uint16_t type;
	size_t len;
	unsigned char payload[];
};

static const char *msg_check(const struct ipc_msg *, size_t);
static int
send_packet(int sock, enum msg_type, struct iovec *, int niov, int fd);
static int send_array(struct ipc_peer *, int sock, enum msg_type,
    const void *head, const void *elems, size_t n);
static int
peer_packet(struct ipc_peer *, enum msg_type, struct iovec *, int niov, int fd);
static int queue_packet(
    struct ipc_peer *, enum msg_type, struct iovec *, int niov, int fd);
static void peer_writable(struct ev_loop *, ev_io *, int);
static void queue_drop(struct ipc_peer *);
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
	[MSG_DUMP] = { "DUMP", sizeof(struct msg_dump), 1 },
	[MSG_DUMP_DONE] = { "DUMP_DONE", sizeof(struct msg_dump), 0 },
	[MSG_EVENT] = { "EVENT", sizeof(struct msg_event), 0 },
	/* Full states; the last two are counted arrays: their head, then
	   elements of the second size. */
	[MSG_STATE_REQUEST] = { "STATE_REQUEST",
	    sizeof(struct msg_state_request), 0 },
	[MSG_STATE_BEGIN] = { "STATE_BEGIN", sizeof(struct msg_state_mark), 0 },
	[MSG_STATE_END] = { "STATE_END", sizeof(struct msg_state_mark), 0 },
	[MSG_STATE_BLOB] = { "STATE_BLOB", sizeof(struct msg_state_blob), 1 },
	[MSG_RS_DESIRED] = { "RS_DESIRED", sizeof(struct msg_state_items), 0,
	    sizeof(struct msg_rs_desired),
	    offsetof(struct msg_state_items, count) },
	[MSG_RS_DESIRED_UPDATE] = { "RS_DESIRED_UPDATE",
	    sizeof(struct msg_state_items), 0, sizeof(struct msg_rs_desired),
	    offsetof(struct msg_state_items, count) },
	[MSG_VRRP_SNAPSHOT] = { "VRRP_SNAPSHOT", sizeof(struct msg_state_items),
	    0, sizeof(struct msg_vrrp_snap),
	    offsetof(struct msg_state_items, count) },
	[MSG_VRRP_SNAPSHOT_UPDATE] = { "VRRP_SNAPSHOT_UPDATE",
	    sizeof(struct msg_state_items), 0, sizeof(struct msg_vrrp_snap),
	    offsetof(struct msg_state_items, count) },
};

const char *
msg_type_name(unsigned type)
{
	if (type == MSG_NONE || type >= MSG_TYPE_MAX ||
	    rules[type].name == NULL)
		return "UNKNOWN";
	return rules[type].name;
}

/* Checks the header against the type's size and fd rules; NULL if fine,
   else what is wrong. */
static const char *
msg_check(const struct ipc_msg *m, size_t got)
{
	const struct msg_rule *r;
	uint32_t n;

	if (got < sizeof(m->hdr))
		return "shorter than a header";
	if (m->hdr.type == MSG_NONE || m->hdr.type >= MSG_TYPE_MAX)
		return "unknown type";
	r = &rules[m->hdr.type];
	if (r->name == NULL)
		return "type without a size rule";
	if (m->hdr.flags != 0)
		return "reserved header flags set";
	if (m->hdr.len != got - sizeof(m->hdr))
		return "length does not match the packet";
	if (r->elem == 0 && m->hdr.len != r->size)
		return "wrong payload size for its type";
	if (r->elem != 0) {
		if (m->hdr.len < r->size)
			return "shorter than its fixed part";
		memcpy(&n, m->payload + r->count_off, sizeof(n));
		/* Bounded first, so that n * elem cannot overflow. */
		if (n > (MSG_PAYLOAD_MAX - r->size) / r->elem)
			return "element count too large";
		if (m->hdr.len != r->size + n * r->elem)
			return "wrong payload size for its count";
	}
	if (r->fd != (m->fd >= 0))
		return r->fd ? "file descriptor missing"
		             : "unexpected file descriptor";
	return NULL;
}

int
ipc_send(int sock, enum msg_type type, const void *payload, size_t len, int fd)
{
	struct iovec iov[2] = {
		[1] = { .iov_base = (void *)(uintptr_t)payload,
		    .iov_len = len },
	};

	return send_packet(sock, type, iov, 2, fd);
}

/* Sends iov[1..niov-1] as the payload of one packet; iov[0] is filled
   with the header. */
static int
send_packet(int sock, enum msg_type type, struct iovec *iov, int niov, int fd)
{
	struct msg_hdr hdr = { .type = (uint16_t)type };
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int))];
	} cm;
	struct msghdr mh = { .msg_iov = iov, .msg_iovlen = (size_t)niov };
	struct cmsghdr *c;
	size_t len = 0;
	ssize_t n;
	int i;

	for (i = 1; i < niov; i++)
		len += iov[i].iov_len;
	if (len > MSG_PAYLOAD_MAX) {
		errno = EMSGSIZE;
		return -1;
	}
	hdr.len = (uint32_t)len;
	iov[0].iov_base = &hdr;
	iov[0].iov_len = sizeof(hdr);
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

int
ipc_send_array(
    int sock, enum msg_type type, const void *head, const void *elems, size_t n)
{
	return send_array(NULL, sock, type, head, elems, n);
}

/*
 * The packets of a counted array: as many elements as fit in each, the
 * head's count set to those; through peer p's queue, or on sock when p is
 * NULL.  How many packets, or -1.
 */
static int
send_array(struct ipc_peer *p, int sock, enum msg_type type, const void *head,
    const void *elems, size_t n)
{
	const unsigned char *e = elems;
	const struct msg_rule *r;
	unsigned char h[ARRAY_HEAD_MAX];
	struct iovec iov[3];
	size_t per, k, off = 0;
	uint32_t count;
	int packets = 0, rc;

	if (type == MSG_NONE || type >= MSG_TYPE_MAX || rules[type].elem == 0 ||
	    rules[type].size > sizeof(h)) {
		errno = EINVAL;
		return -1;
	}
	r = &rules[type];
	per = (MSG_PAYLOAD_MAX - r->size) / r->elem;
	memcpy(h, head, r->size);
	do {
		k = n - off < per ? n - off : per;
		count = (uint32_t)k;
		memcpy(h + r->count_off, &count, sizeof(count));
		iov[1].iov_base = h;
		iov[1].iov_len = r->size;
		iov[2].iov_base = (void *)(uintptr_t)(e + off * r->elem);
		iov[2].iov_len = k * r->elem;
		rc = p != NULL ? peer_packet(p, type, iov, 3, -1)
		               : send_packet(sock, type, iov, 3, -1);
		if (rc < 0)
			return -1;
		packets++;
		off += k;
	} while (off < n);
	return packets;
}

const void *
ipc_msg_array(const struct ipc_msg *m, uint32_t *n)
{
	const struct msg_rule *r;

	*n = 0;
	if (m->hdr.type == MSG_NONE || m->hdr.type >= MSG_TYPE_MAX)
		return NULL;
	r = &rules[m->hdr.type];
	if (r->elem == 0)
		return NULL;
	memcpy(n, m->payload + r->count_off, sizeof(*n));
	return m->payload + r->size;
}

int
ipc_blob_make(const char *name, const void *data, size_t len)
{
	const unsigned char *d = data;
	size_t off = 0;
	ssize_t w;
	int fd, saved;

	fd = memfd_create(name, MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (fd < 0)
		return -1;
	while (off < len) {
		w = write(fd, d + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			goto fail;
		}
		off += (size_t)w;
	}
	if (fcntl(fd, F_ADD_SEALS, BLOB_SEALS | F_SEAL_SEAL) < 0)
		goto fail;
	return fd;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

int
ipc_send_blob(int sock, enum msg_type type, const void *payload, size_t plen,
    const void *data, size_t len)
{
	int fd, r, saved;

	fd = ipc_blob_make(msg_type_name(type), data, len);
	if (fd < 0)
		return -1;
	r = ipc_send(sock, type, payload, plen, fd);
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

const void *
ipc_blob_map(int fd, size_t len, const char **why)
{
	static const char empty[1];
	struct stat st;
	void *p;
	int seals;

	seals = fcntl(fd, F_GET_SEALS);
	if (seals < 0) {
		*why = "blob is not a memfd";
		return NULL;
	}
	if ((seals & BLOB_SEALS) != BLOB_SEALS) {
		*why = "blob is not sealed";
		return NULL;
	}
	if (fstat(fd, &st) < 0 || st.st_size < 0 ||
	    (unsigned long long)st.st_size != len) {
		*why = "blob size differs from its message";
		return NULL;
	}
	if (len == 0)
		return empty;
	p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED) {
		*why = "cannot map the blob";
		return NULL;
	}
	return p;
}

void
ipc_blob_unmap(const void *p, size_t len)
{
	if (len > 0)
		munmap((void *)(uintptr_t)p, len);
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
	int r, i;

	(void)revents;
	for (i = 0; i < PEER_READ_BURST && p->fd >= 0; i++) {
		r = ipc_recv(p->fd, &m, &why);
		if (r == 1) {
			p->nrecv++;
			p->bytes_recv += sizeof(m.hdr) + m.hdr.len;
			ipc_dispatch(p, &m);
			continue;
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
		return;
	}
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
	int fl = fcntl(fd, F_GETFL);

	if (fl >= 0)
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	p->fd = fd;
	p->loop = loop;
	p->qhead = NULL;
	p->qtail = &p->qhead;
	p->qlen = p->qbytes = 0;
	ev_io_init(&p->io, peer_readable, fd, EV_READ);
	p->io.data = p;
	ev_io_start(loop, &p->io);
	ev_io_init(&p->wio, peer_writable, fd, EV_WRITE);
	p->wio.data = p;
}

void
ipc_peer_stop(struct ev_loop *loop, struct ipc_peer *p)
{
	ev_io_stop(loop, &p->io);
	if (p->loop != NULL) {
		ev_io_stop(loop, &p->wio);
		queue_drop(p);
	}
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
}

/*
 * One packet to a peer: sent now when nothing waits before it and the
 * socket takes it, else queued behind the others (a started peer only:
 * a peer that is not started waits for the socket).
 */
static int
peer_packet(
    struct ipc_peer *p, enum msg_type type, struct iovec *iov, int niov, int fd)
{
	if (p->loop == NULL || p->qhead == NULL) {
		if (send_packet(p->fd, type, iov, niov, fd) == 0)
			return 0;
		if (p->loop == NULL ||
		    (errno != EAGAIN && errno != EWOULDBLOCK))
			return -1;
	}
	return queue_packet(p, type, iov, niov, fd);
}

static int
queue_packet(
    struct ipc_peer *p, enum msg_type type, struct iovec *iov, int niov, int fd)
{
	struct ipc_qpkt *q;
	size_t len = 0, off = 0;
	int i;

	for (i = 1; i < niov; i++)
		len += iov[i].iov_len;
	q = malloc(sizeof(*q) + len);
	if (q == NULL)
		return -1;
	q->fd = -1;
	if (fd >= 0 && (q->fd = fcntl(fd, F_DUPFD_CLOEXEC, 3)) < 0) {
		free(q);
		return -1;
	}
	q->next = NULL;
	q->type = (uint16_t)type;
	q->len = len;
	for (i = 1; i < niov; i++) {
		memcpy(q->payload + off, iov[i].iov_base, iov[i].iov_len);
		off += iov[i].iov_len;
	}
	*p->qtail = q;
	p->qtail = &q->next;
	p->qlen++;
	p->qbytes += len;
	p->queued++;
	if (p->qlen > p->qlen_max)
		p->qlen_max = p->qlen;
	ev_io_start(p->loop, &p->wio);
	return 0;
}

/* The socket takes more: the queue goes out in order, as far as it
   can. */
static void
peer_writable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct ipc_peer *p = w->data;
	struct ipc_qpkt *q;
	struct iovec iov[2];

	(void)revents;
	while ((q = p->qhead) != NULL) {
		iov[1].iov_base = q->payload;
		iov[1].iov_len = q->len;
		if (send_packet(p->fd, q->type, iov, 2, q->fd) < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return;
			/* the link is gone: its reader learns it */
			log_warn(
			    "send %s to %s", msg_type_name(q->type), p->name);
			ev_io_stop(loop, w);
			queue_drop(p);
			return;
		}
		p->qhead = q->next;
		if (p->qhead == NULL)
			p->qtail = &p->qhead;
		p->qlen--;
		p->qbytes -= q->len;
		if (q->fd >= 0)
			close(q->fd);
		free(q);
	}
	ev_io_stop(loop, w);
}

static void
queue_drop(struct ipc_peer *p)
{
	struct ipc_qpkt *q;

	while ((q = p->qhead) != NULL) {
		p->qhead = q->next;
		if (q->fd >= 0)
			close(q->fd);
		free(q);
	}
	p->qtail = &p->qhead;
	p->qlen = p->qbytes = 0;
}

int
ipc_peer_send(struct ipc_peer *p, enum msg_type type, const void *payload,
    size_t len, int fd)
{
	struct iovec iov[2] = {
		[1] = { .iov_base = (void *)(uintptr_t)payload,
		    .iov_len = len },
	};

	if (p->fd < 0) {
		errno = ENOTCONN;
		return -1;
	}
	if (peer_packet(p, type, iov, 2, fd) < 0) {
		log_warn("send %s to %s", msg_type_name(type), p->name);
		return -1;
	}
	p->nsent++;
	p->bytes_sent += sizeof(struct msg_hdr) + len;
	return 0;
}

int
ipc_peer_send_array(struct ipc_peer *p, enum msg_type type, const void *head,
    const void *elems, size_t n)
{
	int k;

	if (p->fd < 0) {
		errno = ENOTCONN;
		return -1;
	}
	k = send_array(p, p->fd, type, head, elems, n);
	if (k < 0) {
		log_warn("send %s to %s", msg_type_name(type), p->name);
		return -1;
	}
	p->nsent += (unsigned long)k;
	p->bytes_sent += (unsigned long long)k * sizeof(struct msg_hdr) +
	    (unsigned long long)k * rules[type].size + n * rules[type].elem;
	return k;
}

int
ipc_peer_send_blob(struct ipc_peer *p, enum msg_type type, const void *payload,
    size_t plen, const void *data, size_t len)
{
	struct iovec iov[2] = {
		[1] = { .iov_base = (void *)(uintptr_t)payload,
		    .iov_len = plen },
	};
	int fd, r, saved;

	if (p->fd < 0) {
		errno = ENOTCONN;
		return -1;
	}
	fd = ipc_blob_make(msg_type_name(type), data, len);
	r = fd < 0 ? -1 : peer_packet(p, type, iov, 2, fd);
	saved = errno;
	if (fd >= 0)
		close(fd);
	if (r < 0) {
		errno = saved;
		log_warn("send %s to %s", msg_type_name(type), p->name);
		return -1;
	}
	p->nsent++;
	p->bytes_sent += sizeof(struct msg_hdr) + plen;
	return 0;
}
