/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipvs_nl.c: the kernel's IPVS table over generic netlink: services,
   destinations, timeouts and sync daemons, with batched writes. */

#include <netlink/attr.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>

#include <linux/ip_vs.h>
#include <linux/netlink.h>

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "array.h"
#include "ipvs_nl.h"
#include "log.h"

/*
 * A batch goes to the kernel in chunks: all the messages of a chunk in
 * one send(), which the kernel works through in that call, queueing one
 * ack per message on our socket.  The chunk is bounded so that its acks
 * fit the receive buffer; if they still overflow it (ENOBUFS), the
 * unanswered operations are reported as failed (the caller re-reads the
 * table to converge) and later chunks are smaller.
 */
#define CHUNK_MSGS 256
#define CHUNK_MSGS_MIN 16
#define CHUNK_BYTES (64 * 1024)
#define SOCK_BUF (4 * 1024 * 1024)
/* Dump messages are at most 32 KiB (the kernel sizes them from our
   reads); acks are small. */
#define RX_BUF (64 * 1024)
/* The kernel answers at once; a silent socket for this long is a bug
   worth failing on rather than hanging the IPVS child. */
#define ANSWER_MS 10000

/* One queued operation and its built message in the batch buffer. */
struct queued {
	enum ipvs_nl_op op;
	bool has_dest, answered;
	struct ipvs_svc svc;
	struct ipvs_dest dest;
	size_t off, len; /* len: aligned */
};

struct ipvs_nl {
	struct nl_sock *sk;
	int fd;
	int family;
	uint32_t seq;
	unsigned long ops;
	size_t chunk_msgs;
	struct queued *q;
	size_t nq, capq;
	uint8_t *buf; /* the queued messages, back to back */
	size_t nbuf, capbuf;
	uint8_t *rx;
};

/* What a request's answers are handed to: the top-level attributes of
   one message of the family. */
typedef int (*answer_fn)(struct nlattr **tb, void *arg);

static struct nl_msg *msg_new(struct ipvs_nl *, uint8_t cmd, int flags);
static int put_svc(struct nl_msg *, const struct ipvs_svc *, bool full);
static int put_dest(struct nl_msg *, const struct ipvs_dest *, bool full);
static int put_daemon(struct nl_msg *, const struct ipvs_daemon *);
static struct nl_msg *built(struct nl_msg *, int);
static struct nl_msg *op_msg(struct ipvs_nl *, enum ipvs_nl_op,
    const struct ipvs_svc *, const struct ipvs_dest *);
static int parse_svc(struct nlattr *, struct ipvs_svc *);
static int parse_dest(struct nlattr *, uint16_t af, struct ipvs_dest *);
static int parse_daemon(struct nlattr *, struct ipvs_daemon *);
static uint64_t stats_conns(struct nlattr *, bool wide);
static ssize_t rx_one(struct ipvs_nl *, int ms);
static int request(struct ipvs_nl *, struct nl_msg *, answer_fn, void *);
static size_t chunk_end(const struct ipvs_nl *, size_t from);
static size_t commit_chunk(struct ipvs_nl *, size_t from, size_t to,
    void (*fail)(enum ipvs_nl_op, const struct ipvs_svc *,
        const struct ipvs_dest *, int, void *),
    void *arg);
static int on_svc(struct nlattr **, void *);
static int on_dest(struct nlattr **, void *);
static int on_daemon(struct nlattr **, void *);
static int on_config(struct nlattr **, void *);

/* Lengths checked before any attribute is read.  Addresses are checked
   by hand: the kernel sends 16 bytes, IPv4 in the first 4. */
static struct nla_policy cmd_policy[IPVS_CMD_ATTR_MAX + 1] = {
	[IPVS_CMD_ATTR_SERVICE] = { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_DEST] = { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_DAEMON] = { .type = NLA_NESTED },
	[IPVS_CMD_ATTR_TIMEOUT_TCP] = { .type = NLA_U32 },
	[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN] = { .type = NLA_U32 },
	[IPVS_CMD_ATTR_TIMEOUT_UDP] = { .type = NLA_U32 },
};

static struct nla_policy svc_policy[IPVS_SVC_ATTR_MAX + 1] = {
	[IPVS_SVC_ATTR_AF] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_PROTOCOL] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_ADDR] = { .minlen = 4 },
	[IPVS_SVC_ATTR_PORT] = { .type = NLA_U16 },
	[IPVS_SVC_ATTR_FWMARK] = { .type = NLA_U32 },
	[IPVS_SVC_ATTR_SCHED_NAME] = { .type = NLA_STRING },
	[IPVS_SVC_ATTR_PE_NAME] = { .type = NLA_STRING },
	[IPVS_SVC_ATTR_FLAGS] = { .minlen = sizeof(struct ip_vs_flags) },
	[IPVS_SVC_ATTR_TIMEOUT] = { .type = NLA_U32 },
	[IPVS_SVC_ATTR_NETMASK] = { .type = NLA_U32 },
	[IPVS_SVC_ATTR_STATS] = { .type = NLA_NESTED },
	[IPVS_SVC_ATTR_STATS64] = { .type = NLA_NESTED },
};

static struct nla_policy dest_policy[IPVS_DEST_ATTR_MAX + 1] = {
	[IPVS_DEST_ATTR_ADDR] = { .minlen = 4 },
	[IPVS_DEST_ATTR_PORT] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_FWD_METHOD] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_WEIGHT] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_U_THRESH] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_L_THRESH] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_ACTIVE_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_INACT_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_PERSIST_CONNS] = { .type = NLA_U32 },
	[IPVS_DEST_ATTR_STATS] = { .type = NLA_NESTED },
	[IPVS_DEST_ATTR_ADDR_FAMILY] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_STATS64] = { .type = NLA_NESTED },
	[IPVS_DEST_ATTR_TUN_TYPE] = { .type = NLA_U8 },
	[IPVS_DEST_ATTR_TUN_PORT] = { .type = NLA_U16 },
	[IPVS_DEST_ATTR_TUN_FLAGS] = { .type = NLA_U16 },
};

static struct nla_policy daemon_policy[IPVS_DAEMON_ATTR_MAX + 1] = {
	[IPVS_DAEMON_ATTR_STATE] = { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_MCAST_IFN] = { .type = NLA_STRING },
	[IPVS_DAEMON_ATTR_SYNC_ID] = { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_SYNC_MAXLEN] = { .type = NLA_U16 },
	[IPVS_DAEMON_ATTR_MCAST_GROUP] = { .type = NLA_U32 },
	[IPVS_DAEMON_ATTR_MCAST_GROUP6] = { .minlen = 16 },
	[IPVS_DAEMON_ATTR_MCAST_PORT] = { .type = NLA_U16 },
	[IPVS_DAEMON_ATTR_MCAST_TTL] = { .type = NLA_U8 },
};

/* Opening and closing. */

struct ipvs_nl *
ipvs_nl_open(const char **err)
{
	struct ipvs_nl *n;
	int one = 1, size = SOCK_BUF, r;

	*err = NULL;
	n = calloc(1, sizeof(*n));
	if (n == NULL || (n->rx = malloc(RX_BUF)) == NULL) {
		*err = strerror(ENOMEM);
		goto fail;
	}
	if ((n->sk = nl_socket_alloc()) == NULL) {
		*err = nl_geterror(NLE_NOMEM);
		goto fail;
	}
	if ((r = genl_connect(n->sk)) < 0 ||
	    (r = genl_ctrl_resolve(n->sk, IPVS_GENL_NAME)) < 0) {
		*err = nl_geterror(r);
		goto fail;
	}
	n->family = r;
	n->fd = nl_socket_get_fd(n->sk);
	/* From here on the socket is ours: our own sequence numbers, our
	   own reads. */
	nl_socket_disable_auto_ack(n->sk);
	nl_socket_disable_seq_check(n->sk);
	/* Room for a chunk's acks: forced past rmem_max when we may (the
	   IPVS child runs as root), else what the limits allow. */
	if (setsockopt(n->fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) <
	    0)
		(void)nl_socket_set_buffer_size(n->sk, SOCK_BUF, SOCK_BUF);
	(void)setsockopt(
	    n->fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size));
	/* An error ack need not echo the whole request back. */
	(void)setsockopt(
	    n->fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	n->seq = (uint32_t)time(NULL);
	n->chunk_msgs = CHUNK_MSGS;
	return n;
fail:
	ipvs_nl_close(n);
	return NULL;
}

void
ipvs_nl_close(struct ipvs_nl *n)
{
	if (n == NULL)
		return;
	if (n->sk != NULL)
		nl_socket_free(n->sk);
	free(n->q);
	free(n->buf);
	free(n->rx);
	free(n);
}

unsigned long
ipvs_nl_ops(const struct ipvs_nl *n)
{
	return n->ops;
}

const char *
ipvs_nl_op_name(enum ipvs_nl_op op)
{
	switch (op) {
	case IPVS_OP_SVC_ADD:
		return "add service";
	case IPVS_OP_SVC_EDIT:
		return "edit service";
	case IPVS_OP_SVC_DEL:
		return "delete service";
	case IPVS_OP_DEST_ADD:
		return "add destination";
	case IPVS_OP_DEST_EDIT:
		return "edit destination";
	case IPVS_OP_DEST_DEL:
		return "delete destination";
	}
	return "?";
}

/* Building messages.  Each put returns 0 or libnl's negative error;
   the errors are or'ed together, which keeps them negative. */

static struct nl_msg *
msg_new(struct ipvs_nl *n, uint8_t cmd, int flags)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (msg == NULL)
		fatalx("out of memory");
	if (genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, n->family, 0,
	        flags | NLM_F_REQUEST, cmd, IPVS_GENL_VERSION) == NULL)
		fatalx("ipvs: cannot build a generic netlink header");
	return msg;
}

static int
put_svc(struct nl_msg *msg, const struct ipvs_svc *s, bool full)
{
	struct ip_vs_flags fl = { .flags = s->flags, .mask = ~0U };
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_SERVICE);
	int r = 0;

	if (nest == NULL)
		return -NLE_NOMEM;
	r |= nla_put_u16(msg, IPVS_SVC_ATTR_AF, s->af);
	if (s->fwmark != 0)
		r |= nla_put_u32(msg, IPVS_SVC_ATTR_FWMARK, s->fwmark);
	else {
		r |= nla_put_u16(msg, IPVS_SVC_ATTR_PROTOCOL, s->protocol);
		r |= nla_put(msg, IPVS_SVC_ATTR_ADDR, sizeof(s->addr), s->addr);
		r |= nla_put_u16(msg, IPVS_SVC_ATTR_PORT, htons(s->port));
	}
	if (full) {
		/* The kernel wants all four for an add or an edit. */
		r |= nla_put_string(msg, IPVS_SVC_ATTR_SCHED_NAME, s->sched);
		r |= nla_put(msg, IPVS_SVC_ATTR_FLAGS, sizeof(fl), &fl);
		r |= nla_put_u32(msg, IPVS_SVC_ATTR_TIMEOUT, s->timeout);
		/* Already in the kernel's order (see the header). */
		r |= nla_put_u32(msg, IPVS_SVC_ATTR_NETMASK, s->netmask);
		/* An edit without it takes the engine away. */
		if (s->pe_name[0] != '\0')
			r |= nla_put_string(
			    msg, IPVS_SVC_ATTR_PE_NAME, s->pe_name);
	}
	return r | nla_nest_end(msg, nest);
}

static int
put_dest(struct nl_msg *msg, const struct ipvs_dest *d, bool full)
{
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_DEST);
	uint32_t fwd = d->conn_flags & IP_VS_CONN_F_FWD_MASK;
	int r = 0;

	if (nest == NULL)
		return -NLE_NOMEM;
	r |= nla_put(msg, IPVS_DEST_ATTR_ADDR, sizeof(d->addr), d->addr);
	r |= nla_put_u16(msg, IPVS_DEST_ATTR_PORT, htons(d->port));
	r |= nla_put_u16(msg, IPVS_DEST_ATTR_ADDR_FAMILY, d->af);
	if (full) {
		r |= nla_put_u32(msg, IPVS_DEST_ATTR_FWD_METHOD, fwd);
		r |= nla_put_u32(msg, IPVS_DEST_ATTR_WEIGHT, d->weight);
		r |= nla_put_u32(msg, IPVS_DEST_ATTR_U_THRESH, d->u_threshold);
		r |= nla_put_u32(msg, IPVS_DEST_ATTR_L_THRESH, d->l_threshold);
	}
	if (full && fwd == IP_VS_CONN_F_TUNNEL) {
		r |= nla_put_u8(msg, IPVS_DEST_ATTR_TUN_TYPE, d->tun_type);
		r |= nla_put_u16(
		    msg, IPVS_DEST_ATTR_TUN_PORT, htons(d->tun_port));
		r |= nla_put_u16(msg, IPVS_DEST_ATTR_TUN_FLAGS, d->tun_flags);
	}
	return r | nla_nest_end(msg, nest);
}

static int
put_daemon(struct nl_msg *msg, const struct ipvs_daemon *dm)
{
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_DAEMON);
	int r = 0;

	if (nest == NULL)
		return -NLE_NOMEM;
	r |= nla_put_u32(msg, IPVS_DAEMON_ATTR_STATE, (uint32_t)dm->state);
	r |= nla_put_string(msg, IPVS_DAEMON_ATTR_MCAST_IFN, dm->ifname);
	r |= nla_put_u32(msg, IPVS_DAEMON_ATTR_SYNC_ID, dm->syncid);
	/* Zeroes are left out: the kernel's defaults then apply, and older
	   kernels, which know none of these, still take the command. */
	if (dm->maxlen != 0)
		r |= nla_put_u16(msg, IPVS_DAEMON_ATTR_SYNC_MAXLEN, dm->maxlen);
	if (dm->group_af == AF_INET)
		r |= nla_put(msg, IPVS_DAEMON_ATTR_MCAST_GROUP, 4, dm->group);
	else if (dm->group_af == AF_INET6)
		r |= nla_put(msg, IPVS_DAEMON_ATTR_MCAST_GROUP6, 16, dm->group);
	/* Host order, unlike the service and destination ports. */
	if (dm->port != 0)
		r |= nla_put_u16(msg, IPVS_DAEMON_ATTR_MCAST_PORT, dm->port);
	if (dm->ttl != 0)
		r |= nla_put_u8(msg, IPVS_DAEMON_ATTR_MCAST_TTL, dm->ttl);
	return r | nla_nest_end(msg, nest);
}

/* msg, once its attributes went in (r: their or'ed results).  They
   are bounded: a failure is a bug. */
static struct nl_msg *
built(struct nl_msg *msg, int r)
{
	if (r < 0)
		fatalx("ipvs: cannot build a message: %s", nl_geterror(r));
	return msg;
}

/* The message of a queued operation; deletes carry identities only. */
static struct nl_msg *
op_msg(struct ipvs_nl *n, enum ipvs_nl_op op, const struct ipvs_svc *s,
    const struct ipvs_dest *d)
{
	static const uint8_t cmd[] = {
		[IPVS_OP_SVC_ADD] = IPVS_CMD_NEW_SERVICE,
		[IPVS_OP_SVC_EDIT] = IPVS_CMD_SET_SERVICE,
		[IPVS_OP_SVC_DEL] = IPVS_CMD_DEL_SERVICE,
		[IPVS_OP_DEST_ADD] = IPVS_CMD_NEW_DEST,
		[IPVS_OP_DEST_EDIT] = IPVS_CMD_SET_DEST,
		[IPVS_OP_DEST_DEL] = IPVS_CMD_DEL_DEST,
	};
	struct nl_msg *msg = msg_new(n, cmd[op], NLM_F_ACK);

	switch (op) {
	case IPVS_OP_SVC_ADD:
	case IPVS_OP_SVC_EDIT:
		return built(msg, put_svc(msg, s, true));
	case IPVS_OP_SVC_DEL:
		return built(msg, put_svc(msg, s, false));
	case IPVS_OP_DEST_ADD:
	case IPVS_OP_DEST_EDIT:
		return built(
		    msg, put_svc(msg, s, false) | put_dest(msg, d, true));
	case IPVS_OP_DEST_DEL:
		break;
	}
	return built(msg, put_svc(msg, s, false) | put_dest(msg, d, false));
}

/* Reading messages. */

static int
parse_svc(struct nlattr *nest, struct ipvs_svc *s)
{
	struct nlattr *a[IPVS_SVC_ATTR_MAX + 1];
	struct ip_vs_flags fl;

	memset(s, 0, sizeof(*s));
	if (nest == NULL ||
	    nla_parse_nested(a, IPVS_SVC_ATTR_MAX, nest, svc_policy) < 0)
		return -EPROTO;
	if (a[IPVS_SVC_ATTR_AF] == NULL || a[IPVS_SVC_ATTR_SCHED_NAME] == NULL)
		return -EPROTO;
	s->af = nla_get_u16(a[IPVS_SVC_ATTR_AF]);
	if (a[IPVS_SVC_ATTR_FWMARK] != NULL)
		s->fwmark = nla_get_u32(a[IPVS_SVC_ATTR_FWMARK]);
	else {
		if (a[IPVS_SVC_ATTR_PROTOCOL] == NULL ||
		    a[IPVS_SVC_ATTR_ADDR] == NULL ||
		    a[IPVS_SVC_ATTR_PORT] == NULL)
			return -EPROTO;
		s->protocol = nla_get_u16(a[IPVS_SVC_ATTR_PROTOCOL]);
		nla_memcpy(s->addr, a[IPVS_SVC_ATTR_ADDR], sizeof(s->addr));
		s->port = ntohs(nla_get_u16(a[IPVS_SVC_ATTR_PORT]));
	}
	nla_strlcpy(s->sched, a[IPVS_SVC_ATTR_SCHED_NAME], sizeof(s->sched));
	if (a[IPVS_SVC_ATTR_PE_NAME] != NULL)
		nla_strlcpy(
		    s->pe_name, a[IPVS_SVC_ATTR_PE_NAME], sizeof(s->pe_name));
	if (a[IPVS_SVC_ATTR_FLAGS] != NULL) {
		nla_memcpy(&fl, a[IPVS_SVC_ATTR_FLAGS], sizeof(fl));
		/* The kernel's bookkeeping, never ours to set. */
		s->flags = fl.flags & ~IP_VS_SVC_F_HASHED;
	}
	if (a[IPVS_SVC_ATTR_TIMEOUT] != NULL)
		s->timeout = nla_get_u32(a[IPVS_SVC_ATTR_TIMEOUT]);
	if (a[IPVS_SVC_ATTR_NETMASK] != NULL)
		s->netmask = nla_get_u32(a[IPVS_SVC_ATTR_NETMASK]);
	return 0;
}

static uint64_t
stats_conns(struct nlattr *nest, bool wide)
{
	struct nlattr *a[IPVS_STATS_ATTR_MAX + 1];
	struct nlattr *c;

	if (nla_parse_nested(a, IPVS_STATS_ATTR_MAX, nest, NULL) < 0)
		return 0;
	c = a[IPVS_STATS_ATTR_CONNS];
	if (c == NULL)
		return 0;
	if (wide && nla_len(c) >= 8)
		return nla_get_u64(c);
	return nla_len(c) >= 4 ? nla_get_u32(c) : 0;
}

/* af: the service's, for kernels that do not name the address's. */
static int
parse_dest(struct nlattr *nest, uint16_t af, struct ipvs_dest *d)
{
	struct nlattr *a[IPVS_DEST_ATTR_MAX + 1];

	memset(d, 0, sizeof(*d));
	if (nest == NULL ||
	    nla_parse_nested(a, IPVS_DEST_ATTR_MAX, nest, dest_policy) < 0)
		return -EPROTO;
	if (a[IPVS_DEST_ATTR_ADDR] == NULL || a[IPVS_DEST_ATTR_PORT] == NULL ||
	    a[IPVS_DEST_ATTR_FWD_METHOD] == NULL)
		return -EPROTO;
	d->af = a[IPVS_DEST_ATTR_ADDR_FAMILY] != NULL
	    ? nla_get_u16(a[IPVS_DEST_ATTR_ADDR_FAMILY])
	    : af;
	nla_memcpy(d->addr, a[IPVS_DEST_ATTR_ADDR], sizeof(d->addr));
	d->port = ntohs(nla_get_u16(a[IPVS_DEST_ATTR_PORT]));
	d->conn_flags =
	    nla_get_u32(a[IPVS_DEST_ATTR_FWD_METHOD]) & IP_VS_CONN_F_FWD_MASK;
	if (a[IPVS_DEST_ATTR_WEIGHT] != NULL)
		d->weight = nla_get_u32(a[IPVS_DEST_ATTR_WEIGHT]);
	if (a[IPVS_DEST_ATTR_U_THRESH] != NULL)
		d->u_threshold = nla_get_u32(a[IPVS_DEST_ATTR_U_THRESH]);
	if (a[IPVS_DEST_ATTR_L_THRESH] != NULL)
		d->l_threshold = nla_get_u32(a[IPVS_DEST_ATTR_L_THRESH]);
	/* Only a tunnel's encapsulation means anything; the kernel reports
	   the fields for every destination. */
	if (d->conn_flags == IP_VS_CONN_F_TUNNEL) {
		if (a[IPVS_DEST_ATTR_TUN_TYPE] != NULL)
			d->tun_type = nla_get_u8(a[IPVS_DEST_ATTR_TUN_TYPE]);
		if (a[IPVS_DEST_ATTR_TUN_PORT] != NULL)
			d->tun_port =
			    ntohs(nla_get_u16(a[IPVS_DEST_ATTR_TUN_PORT]));
		if (a[IPVS_DEST_ATTR_TUN_FLAGS] != NULL)
			d->tun_flags = nla_get_u16(a[IPVS_DEST_ATTR_TUN_FLAGS]);
	}
	if (a[IPVS_DEST_ATTR_ACTIVE_CONNS] != NULL)
		d->active_conns = nla_get_u32(a[IPVS_DEST_ATTR_ACTIVE_CONNS]);
	if (a[IPVS_DEST_ATTR_INACT_CONNS] != NULL)
		d->inact_conns = nla_get_u32(a[IPVS_DEST_ATTR_INACT_CONNS]);
	if (a[IPVS_DEST_ATTR_PERSIST_CONNS] != NULL)
		d->persist_conns = nla_get_u32(a[IPVS_DEST_ATTR_PERSIST_CONNS]);
	if (a[IPVS_DEST_ATTR_STATS64] != NULL)
		d->conns = stats_conns(a[IPVS_DEST_ATTR_STATS64], true);
	else if (a[IPVS_DEST_ATTR_STATS] != NULL)
		d->conns = stats_conns(a[IPVS_DEST_ATTR_STATS], false);
	return 0;
}

static int
parse_daemon(struct nlattr *nest, struct ipvs_daemon *dm)
{
	struct nlattr *a[IPVS_DAEMON_ATTR_MAX + 1];

	memset(dm, 0, sizeof(*dm));
	if (nest == NULL ||
	    nla_parse_nested(a, IPVS_DAEMON_ATTR_MAX, nest, daemon_policy) < 0)
		return -EPROTO;
	if (a[IPVS_DAEMON_ATTR_STATE] == NULL ||
	    a[IPVS_DAEMON_ATTR_MCAST_IFN] == NULL ||
	    a[IPVS_DAEMON_ATTR_SYNC_ID] == NULL)
		return -EPROTO;
	dm->state = (int)nla_get_u32(a[IPVS_DAEMON_ATTR_STATE]);
	nla_strlcpy(
	    dm->ifname, a[IPVS_DAEMON_ATTR_MCAST_IFN], sizeof(dm->ifname));
	dm->syncid = nla_get_u32(a[IPVS_DAEMON_ATTR_SYNC_ID]);
	if (a[IPVS_DAEMON_ATTR_SYNC_MAXLEN] != NULL)
		dm->maxlen = nla_get_u16(a[IPVS_DAEMON_ATTR_SYNC_MAXLEN]);
	if (a[IPVS_DAEMON_ATTR_MCAST_PORT] != NULL)
		dm->port = nla_get_u16(a[IPVS_DAEMON_ATTR_MCAST_PORT]);
	if (a[IPVS_DAEMON_ATTR_MCAST_TTL] != NULL)
		dm->ttl = nla_get_u8(a[IPVS_DAEMON_ATTR_MCAST_TTL]);
	if (a[IPVS_DAEMON_ATTR_MCAST_GROUP6] != NULL) {
		dm->group_af = AF_INET6;
		nla_memcpy(dm->group, a[IPVS_DAEMON_ATTR_MCAST_GROUP6], 16);
	} else if (a[IPVS_DAEMON_ATTR_MCAST_GROUP] != NULL) {
		dm->group_af = AF_INET;
		nla_memcpy(dm->group, a[IPVS_DAEMON_ATTR_MCAST_GROUP], 4);
	}
	return 0;
}

/* Talking to the kernel. */

/* One datagram into n->rx: its length, or -errno (-ETIMEDOUT when the
   kernel stays silent for ms). */
static ssize_t
rx_one(struct ipvs_nl *n, int ms)
{
	struct pollfd p = { .fd = n->fd, .events = POLLIN };
	ssize_t len;
	int r;

	do
		r = poll(&p, 1, ms);
	while (r < 0 && errno == EINTR);
	if (r <= 0)
		return r == 0 ? -ETIMEDOUT : -errno;
	do
		len = recv(n->fd, n->rx, RX_BUF, MSG_TRUNC);
	while (len < 0 && errno == EINTR);
	if (len < 0)
		return -errno;
	return len > RX_BUF ? -EMSGSIZE : len;
}

/*
 * Sends one request and reads its answers until its ack (a command) or
 * the end of its dump.  Each message of the family goes to fn (if any); the
 * first error, the kernel's or fn's, is returned once the answers are
 * all read.
 */
static int
request(struct ipvs_nl *n, struct nl_msg *msg, answer_fn fn, void *arg)
{
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct nlattr *tb[IPVS_CMD_ATTR_MAX + 1];
	uint32_t seq = ++n->seq;
	int err = 0, r;
	ssize_t len;

	h->nlmsg_seq = seq;
	h->nlmsg_pid = 0;
	n->ops++;
	r = (int)send(n->fd, h, h->nlmsg_len, 0);
	nlmsg_free(msg);
	if (r < 0)
		return -errno;
	for (;;) {
		if ((len = rx_one(n, ANSWER_MS)) < 0)
			return (int)len;
		for (h = (struct nlmsghdr *)n->rx; NLMSG_OK(h, len);
		     h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_seq != seq)
				continue; /* a late answer to an old request */
			if (h->nlmsg_type == NLMSG_DONE)
				return err;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);
				return err != 0 ? err : e->error;
			}
			if (h->nlmsg_type != (uint16_t)n->family ||
			    fn == NULL || err != 0)
				continue;
			if (genlmsg_parse(
			        h, 0, tb, IPVS_CMD_ATTR_MAX, cmd_policy) < 0)
				err = -EPROTO;
			else
				err = fn(tb, arg);
		}
	}
}

/* Dumps. */

struct svc_walk {
	void (*cb)(const struct ipvs_svc *, void *);
	void *arg;
};

static int
on_svc(struct nlattr **tb, void *arg)
{
	struct svc_walk *w = arg;
	struct ipvs_svc s;
	int r;

	if ((r = parse_svc(tb[IPVS_CMD_ATTR_SERVICE], &s)) == 0)
		w->cb(&s, w->arg);
	return r;
}

int
ipvs_nl_services(
    struct ipvs_nl *n, void (*cb)(const struct ipvs_svc *, void *), void *arg)
{
	struct svc_walk w = { cb, arg };

	return request(
	    n, msg_new(n, IPVS_CMD_GET_SERVICE, NLM_F_DUMP), on_svc, &w);
}

struct dest_walk {
	void (*cb)(const struct ipvs_dest *, void *);
	void *arg;
	uint16_t af;
	size_t count;
};

static int
on_dest(struct nlattr **tb, void *arg)
{
	struct dest_walk *w = arg;
	struct ipvs_dest d;
	int r;

	if ((r = parse_dest(tb[IPVS_CMD_ATTR_DEST], w->af, &d)) == 0) {
		w->count++;
		w->cb(&d, w->arg);
	}
	return r;
}

int
ipvs_nl_dests(struct ipvs_nl *n, const struct ipvs_svc *s,
    void (*cb)(const struct ipvs_dest *, void *), void *arg)
{
	struct dest_walk w = { cb, arg, s->af, 0 };
	struct nl_msg *msg = msg_new(n, IPVS_CMD_GET_DEST, NLM_F_DUMP);
	int r;

	r = request(n, built(msg, put_svc(msg, s, false)), on_dest, &w);
	if (r < 0 || w.count > 0)
		return r;
	/* The kernel dumps nothing for a service it does not have: ask for
	   the service itself to tell that from an empty one. */
	msg = msg_new(n, IPVS_CMD_GET_SERVICE, NLM_F_ACK);
	r = request(n, built(msg, put_svc(msg, s, false)), NULL, NULL);
	return r == -ESRCH ? -ENOENT : r;
}

/* Batched writes. */

void
ipvs_nl_queue(struct ipvs_nl *n, enum ipvs_nl_op op, const struct ipvs_svc *s,
    const struct ipvs_dest *d)
{
	struct nl_msg *msg = op_msg(n, op, s, d);
	struct nlmsghdr *h = nlmsg_hdr(msg);
	struct queued *q;

	n->q = array_grow(n->q, &n->capq, n->nq + 1, sizeof(*n->q));
	q = &n->q[n->nq++];
	memset(q, 0, sizeof(*q));
	q->op = op;
	q->svc = *s;
	q->has_dest = d != NULL;
	if (d != NULL)
		q->dest = *d;
	q->off = n->nbuf;
	q->len = NLMSG_ALIGN(h->nlmsg_len);
	n->buf = array_grow(n->buf, &n->capbuf, n->nbuf + q->len, 1);
	memset(n->buf + n->nbuf, 0, q->len);
	memcpy(n->buf + n->nbuf, h, h->nlmsg_len);
	n->nbuf += q->len;
	nlmsg_free(msg);
}

size_t
ipvs_nl_queued(const struct ipvs_nl *n)
{
	return n->nq;
}

/* The end of the chunk that starts at from: bounded in messages and in
   bytes, and never empty. */
static size_t
chunk_end(const struct ipvs_nl *n, size_t from)
{
	size_t to = from + 1, bytes = n->q[from].len;

	while (to < n->nq && to - from < n->chunk_msgs &&
	    bytes + n->q[to].len <= CHUNK_BYTES)
		bytes += n->q[to++].len;
	return to;
}

/* Sends q[from, to) in one go and matches the acks to the operations
   by sequence number.  Returns the number refused. */
static size_t
commit_chunk(struct ipvs_nl *n, size_t from, size_t to,
    void (*fail)(enum ipvs_nl_op, const struct ipvs_svc *,
        const struct ipvs_dest *, int, void *),
    void *arg)
{
	size_t count = to - from, pending = count, refused = 0, i;
	uint32_t base = n->seq + 1;
	uint8_t *start = n->buf + n->q[from].off;
	size_t bytes = n->q[to - 1].off + n->q[to - 1].len - n->q[from].off;
	bool overflow = false;
	int err = 0;
	ssize_t len, r;

	for (i = from; i < to; i++) {
		struct nlmsghdr *h = (struct nlmsghdr *)(n->buf + n->q[i].off);
		h->nlmsg_seq = base + (uint32_t)(i - from);
		h->nlmsg_pid = 0;
		n->q[i].answered = false;
	}
	n->seq += (uint32_t)count;
	n->ops += count;
	do
		r = send(n->fd, start, bytes, 0);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		err = -errno;
	while (err == 0 && pending > 0) {
		/* The kernel did all its work inside send(): once an ack
		   was lost, whatever is left is already queued. */
		len = rx_one(n, overflow ? 0 : ANSWER_MS);
		if (len == -ENOBUFS) {
			overflow = true;
			continue;
		}
		if (len < 0) {
			err = overflow ? -ENOBUFS : (int)len;
			break;
		}
		for (struct nlmsghdr *h = (struct nlmsghdr *)n->rx;
		     NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
			const struct nlmsgerr *e = NLMSG_DATA(h);
			struct queued *q;

			if (h->nlmsg_type != NLMSG_ERROR ||
			    h->nlmsg_seq - base >= count)
				continue;
			q = &n->q[from + (h->nlmsg_seq - base)];
			if (q->answered)
				continue;
			q->answered = true;
			pending--;
			if (e->error == 0)
				continue;
			refused++;
			if (fail != NULL)
				fail(q->op, &q->svc,
				    q->has_dest ? &q->dest : NULL, e->error,
				    arg);
		}
	}
	if (overflow && n->chunk_msgs / 2 >= CHUNK_MSGS_MIN)
		n->chunk_msgs /= 2;
	for (i = from; pending > 0 && i < to; i++) {
		struct queued *q = &n->q[i];

		if (q->answered)
			continue;
		pending--;
		refused++;
		if (fail != NULL)
			fail(q->op, &q->svc, q->has_dest ? &q->dest : NULL, err,
			    arg);
	}
	return refused;
}

size_t
ipvs_nl_commit(struct ipvs_nl *n,
    void (*fail)(enum ipvs_nl_op, const struct ipvs_svc *,
        const struct ipvs_dest *, int err, void *),
    void *arg)
{
	size_t from = 0, to, refused = 0;

	while (from < n->nq) {
		to = chunk_end(n, from);
		refused += commit_chunk(n, from, to, fail, arg);
		from = to;
	}
	n->nq = 0;
	n->nbuf = 0;
	return refused;
}

int
ipvs_nl_flush(struct ipvs_nl *n)
{
	return request(n, msg_new(n, IPVS_CMD_FLUSH, NLM_F_ACK), NULL, NULL);
}

/* Timeouts. */

int
ipvs_nl_set_timeouts(struct ipvs_nl *n, int tcp, int tcpfin, int udp)
{
	struct nl_msg *msg = msg_new(n, IPVS_CMD_SET_CONFIG, NLM_F_ACK);
	int r = 0;

	/* An attribute left out keeps the kernel's value. */
	if (tcp >= 0)
		r |= nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_TCP, (uint32_t)tcp);
	if (tcpfin >= 0)
		r |= nla_put_u32(
		    msg, IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, (uint32_t)tcpfin);
	if (udp >= 0)
		r |= nla_put_u32(msg, IPVS_CMD_ATTR_TIMEOUT_UDP, (uint32_t)udp);
	return request(n, built(msg, r), NULL, NULL);
}

struct timeouts {
	int *tcp, *tcpfin, *udp;
};

static int
on_config(struct nlattr **tb, void *arg)
{
	struct timeouts *t = arg;

	if (tb[IPVS_CMD_ATTR_TIMEOUT_TCP] != NULL)
		*t->tcp = (int)nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_TCP]);
	if (tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN] != NULL)
		*t->tcpfin =
		    (int)nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]);
	if (tb[IPVS_CMD_ATTR_TIMEOUT_UDP] != NULL)
		*t->udp = (int)nla_get_u32(tb[IPVS_CMD_ATTR_TIMEOUT_UDP]);
	return 0;
}

int
ipvs_nl_get_timeouts(struct ipvs_nl *n, int *tcp, int *tcpfin, int *udp)
{
	struct timeouts t = { tcp, tcpfin, udp };

	*tcp = *tcpfin = *udp = -1;
	return request(
	    n, msg_new(n, IPVS_CMD_GET_CONFIG, NLM_F_ACK), on_config, &t);
}

/* Sync daemons. */

int
ipvs_nl_daemon_start(struct ipvs_nl *n, const struct ipvs_daemon *dm)
{
	struct nl_msg *msg = msg_new(n, IPVS_CMD_NEW_DAEMON, NLM_F_ACK);

	return request(n, built(msg, put_daemon(msg, dm)), NULL, NULL);
}

int
ipvs_nl_daemon_stop(struct ipvs_nl *n, int state)
{
	struct nl_msg *msg = msg_new(n, IPVS_CMD_DEL_DAEMON, NLM_F_ACK);
	struct nlattr *nest = nla_nest_start(msg, IPVS_CMD_ATTR_DAEMON);
	int r;

	if (nest == NULL)
		fatalx("ipvs: cannot build a message");
	r = nla_put_u32(msg, IPVS_DAEMON_ATTR_STATE, (uint32_t)state);
	return request(n, built(msg, r | nla_nest_end(msg, nest)), NULL, NULL);
}

struct daemon_walk {
	void (*cb)(const struct ipvs_daemon *, void *);
	void *arg;
};

static int
on_daemon(struct nlattr **tb, void *arg)
{
	struct daemon_walk *w = arg;
	struct ipvs_daemon dm;
	int r;

	if ((r = parse_daemon(tb[IPVS_CMD_ATTR_DAEMON], &dm)) == 0)
		w->cb(&dm, w->arg);
	return r;
}

int
ipvs_nl_daemons(struct ipvs_nl *n,
    void (*cb)(const struct ipvs_daemon *, void *), void *arg)
{
	struct daemon_walk w = { cb, arg };

	return request(
	    n, msg_new(n, IPVS_CMD_GET_DAEMON, NLM_F_DUMP), on_daemon, &w);
}
