/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_sock.c: raw IP protocol 112 sockets: join, send, receive, demux. */

#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "vrrp_sock.h"

#define RX_BATCH 64 /* packets read per wakeup before yielding */
/* a burst of adverts from 1,000 instances fits, with room to spare */
#define RCVBUF_DEFAULT (4 * 1024 * 1024)

static int open_fd(int family, int ifindex, size_t rcvbuf);
static void on_readable(struct ev_loop *, ev_io *, int);
static int join_fd(struct vrrp_sock *, int, const struct cfg_addr *);
static int join(struct vrrp_sock *, const struct cfg_addr *);
static void rx4(struct vrrp_sock *, const uint8_t *, size_t);
static void rx6(struct vrrp_sock *, const uint8_t *, size_t,
    const struct sockaddr_in6 *, struct msghdr *);
static void
deliver(struct vrrp_sock *, enum vrrp_pkt_result, const struct vrrp_pkt *);

static struct {
	struct ev_loop *loop;
	vrrp_sock_rx_fn rx;
	struct vrrp_sock *socks;
	struct vrrp_sock_stats stats;
} vs;

void
vrrp_sock_init(struct ev_loop *loop, vrrp_sock_rx_fn rx)
{
	vs.loop = loop;
	vs.rx = rx;
}

const struct vrrp_sock_stats *
vrrp_sock_stats(void)
{
	return &vs.stats;
}

void
vrrp_sock_drop(enum vrrp_pkt_result r)
{
	if (r < VRRP_PKT_RESULT_N)
		vs.stats.drops[r]++;
}

static int
open_fd(int family, int ifindex, size_t rcvbuf)
{
	char ifname[IF_NAMESIZE];
	int fd, one = 1, zero = 0, hops = 255, size;

	fd = socket(
	    family, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, VRRP_PKT_PROTO);
	if (fd < 0) {
		log_warn("raw VRRP socket");
		return -1;
	}
	if (ifindex > 0) {
		if (if_indextoname((unsigned)ifindex, ifname) == NULL ||
		    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname,
		        (socklen_t)strlen(ifname) + 1) < 0) {
			log_warn(
			    "binding the VRRP socket to interface %d", ifindex);
			close(fd);
			return -1;
		}
	}
	size = (int)(rcvbuf > 0 ? rcvbuf : RCVBUF_DEFAULT);
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	if (family == AF_INET) {
		struct ip_mreqn mr = { .imr_ifindex = ifindex };

		if (setsockopt(fd, IPPROTO_IP, IP_HDRINCL, &one, sizeof(one)) <
		        0 ||
		    setsockopt(fd, IPPROTO_IP, IP_MULTICAST_LOOP, &zero,
		        sizeof(zero)) < 0 ||
		    (ifindex > 0 &&
		        setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &mr,
		            sizeof(mr)) < 0)) {
			log_warn("IPv4 VRRP socket options");
			close(fd);
			return -1;
		}
	} else {
		if (setsockopt(fd, IPPROTO_IPV6, IPV6_RECVPKTINFO, &one,
		        sizeof(one)) < 0 ||
		    setsockopt(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, &one,
		        sizeof(one)) < 0 ||
		    setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops,
		        sizeof(hops)) < 0 ||
		    setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops,
		        sizeof(hops)) < 0 ||
		    setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &zero,
		        sizeof(zero)) < 0 ||
		    (ifindex > 0 &&
		        setsockopt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF,
		            &ifindex, sizeof(ifindex)) < 0)) {
			log_warn("IPv6 VRRP socket options");
			close(fd);
			return -1;
		}
	}
	return fd;
}

/* Joins g on fd, on the socket's interface; already joined is fine. */
static int
join_fd(struct vrrp_sock *s, int fd, const struct cfg_addr *g)
{
	int r;

	if (s->family == AF_INET) {
		struct ip_mreqn mr = { .imr_ifindex = s->ifindex };

		memcpy(&mr.imr_multiaddr, g->u.v4, 4);
		r = setsockopt(
		    fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof(mr));
	} else {
		struct ipv6_mreq mr = { .ipv6mr_interface =
			                    (unsigned)s->ifindex };

		memcpy(&mr.ipv6mr_multiaddr, g->u.v6, 16);
		r = setsockopt(
		    fd, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, &mr, sizeof(mr));
	}
	if (r < 0 && errno != EADDRINUSE) {
		log_warn("joining the VRRP group on interface %d", s->ifindex);
		return -1;
	}
	return 0;
}

/* Joins group on the socket (and its AH receiver). */
static int
join(struct vrrp_sock *s, const struct cfg_addr *g)
{
	if (g == NULL || g->family != s->family || s->ifindex == 0)
		return 0;
	s->group = *g;
	if (join_fd(s, s->fd, g) < 0)
		return -1;
	return s->fd_ah >= 0 ? join_fd(s, s->fd_ah, g) : 0;
}

int
vrrp_sock_want_ah(struct vrrp_sock *s)
{
	char ifname[IF_NAMESIZE];
	int fd;

	if (s->fd_ah >= 0 || s->family != AF_INET)
		return 0;
	fd = socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    VRRP_PKT_AH_PROTO);
	if (fd < 0) {
		log_warn("raw AH socket");
		return -1;
	}
	if (s->ifindex > 0 &&
	    (if_indextoname((unsigned)s->ifindex, ifname) == NULL ||
	        setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, ifname,
	            (socklen_t)strlen(ifname) + 1) < 0)) {
		log_warn("binding the AH socket to interface %d", s->ifindex);
		close(fd);
		return -1;
	}
	if (s->group.family == AF_INET && join_fd(s, fd, &s->group) < 0) {
		close(fd);
		return -1;
	}
	s->fd_ah = fd;
	ev_io_init(&s->io_ah, on_readable, fd, EV_READ);
	s->io_ah.data = s;
	ev_io_start(vs.loop, &s->io_ah);
	return 0;
}

struct vrrp_sock *
vrrp_sock_get(
    int family, int ifindex, const struct cfg_addr *group, size_t rcvbuf)
{
	struct vrrp_sock *s;
	int fd;

	for (s = vs.socks; s != NULL; s = s->next)
		if (s->family == family && s->ifindex == ifindex)
			break;
	if (s == NULL) {
		fd = open_fd(family, ifindex, rcvbuf);
		if (fd < 0)
			return NULL;
		s = calloc(1, sizeof(*s));
		if (s == NULL)
			fatal("calloc");
		s->fd = fd;
		s->fd_ah = -1;
		s->family = family;
		s->ifindex = ifindex;
		ev_io_init(&s->io, on_readable, fd, EV_READ);
		s->io.data = s;
		ev_io_start(vs.loop, &s->io);
		s->next = vs.socks;
		vs.socks = s;
	}
	if (join(s, group) < 0 && s->refs == 0) {
		vrrp_sock_put(s);
		return NULL;
	}
	s->refs++;
	return s;
}

void
vrrp_sock_put(struct vrrp_sock *s)
{
	struct vrrp_sock **pp;

	if (s == NULL || (s->refs > 0 && --s->refs > 0))
		return;
	for (pp = &vs.socks; *pp != NULL; pp = &(*pp)->next)
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	ev_io_stop(vs.loop, &s->io);
	close(s->fd);
	if (s->fd_ah >= 0) {
		ev_io_stop(vs.loop, &s->io_ah);
		close(s->fd_ah);
	}
	free(s);
}

int
vrrp_sock_send(struct vrrp_sock *s, const uint8_t *buf, size_t len,
    const struct cfg_addr *dst, const struct cfg_addr *src)
{
	ssize_t n;

	if (s->family == AF_INET) {
		struct sockaddr_in sin = { .sin_family = AF_INET };

		memcpy(&sin.sin_addr, dst->u.v4, 4);
		n = sendto(
		    s->fd, buf, len, 0, (struct sockaddr *)&sin, sizeof(sin));
	} else {
		struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6,
			.sin6_scope_id = (uint32_t)s->ifindex };
		union {
			char buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
			struct cmsghdr align;
		} cm;
		struct iovec iov = { .iov_base = (void *)(uintptr_t)buf,
			.iov_len = len };
		struct msghdr mh = { .msg_name = &sin6,
			.msg_namelen = sizeof(sin6),
			.msg_iov = &iov,
			.msg_iovlen = 1,
			.msg_control = cm.buf,
			.msg_controllen = sizeof(cm.buf) };
		struct cmsghdr *c;
		struct in6_pktinfo pi;

		memcpy(&sin6.sin6_addr, dst->u.v6, 16);
		memset(&cm, 0, sizeof(cm));
		memset(&pi, 0, sizeof(pi));
		memcpy(&pi.ipi6_addr, src->u.v6, 16);
		pi.ipi6_ifindex = (unsigned)s->ifindex;
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = IPPROTO_IPV6;
		c->cmsg_type = IPV6_PKTINFO;
		c->cmsg_len = CMSG_LEN(sizeof(pi));
		memcpy(CMSG_DATA(c), &pi, sizeof(pi));
		n = sendmsg(s->fd, &mh, 0);
	}
	if (n < 0) {
		vs.stats.tx_errors++;
		return -errno;
	}
	vs.stats.tx++;
	return 0;
}

static void
on_readable(struct ev_loop *loop, ev_io *w, int revents)
{
	struct vrrp_sock *s = w->data;
	uint8_t buf[VRRP_PKT_MAX_LEN + 64];
	union {
		char buf[256];
		struct cmsghdr align;
	} cm;
	struct sockaddr_in6 from;
	struct iovec iov = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct msghdr mh;
	ssize_t n;
	int i;

	(void)loop;
	(void)revents;
	for (i = 0; i < RX_BATCH; i++) {
		memset(&mh, 0, sizeof(mh));
		mh.msg_name = &from;
		mh.msg_namelen = sizeof(from);
		mh.msg_iov = &iov;
		mh.msg_iovlen = 1;
		mh.msg_control = cm.buf;
		mh.msg_controllen = sizeof(cm.buf);
		n = recvmsg(w->fd, &mh, 0);
		if (n < 0) {
			if (errno != EAGAIN && errno != EINTR)
				log_warn("VRRP socket receive");
			return;
		}
		vs.stats.rx++;
		if (s->family == AF_INET)
			rx4(s, buf, (size_t)n);
		else
			rx6(s, buf, (size_t)n, &from, &mh);
	}
}

static void
rx4(struct vrrp_sock *s, const uint8_t *buf, size_t len)
{
	/* The TTL is checked per instance: unicast peers may be hops away. */
	struct vrrp_pkt_opts o = { .any_ttl = true,
		.allow_no_addr = true,
		.csum = VRRP_PKT_CSUM_EITHER };
	struct vrrp_pkt p;

	deliver(s, vrrp_pkt_parse4(buf, len, &o, &p), &p);
}

static void
rx6(struct vrrp_sock *s, const uint8_t *buf, size_t len,
    const struct sockaddr_in6 *from, struct msghdr *mh)
{
	struct vrrp_pkt_opts o = { .any_ttl = true, .allow_no_addr = true };
	struct in6_addr dst;
	struct cmsghdr *c;
	struct vrrp_pkt p;
	int hops = -1;

	memset(&dst, 0, sizeof(dst));
	for (c = CMSG_FIRSTHDR(mh); c != NULL; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level != IPPROTO_IPV6)
			continue;
		if (c->cmsg_type == IPV6_PKTINFO) {
			struct in6_pktinfo pi;

			memcpy(&pi, CMSG_DATA(c), sizeof(pi));
			dst = pi.ipi6_addr;
		} else if (c->cmsg_type == IPV6_HOPLIMIT) {
			memcpy(&hops, CMSG_DATA(c), sizeof(hops));
		}
	}
	deliver(s,
	    vrrp_pkt_parse6(buf, len, &from->sin6_addr, &dst, hops, &o, &p),
	    &p);
}

static void
deliver(struct vrrp_sock *s, enum vrrp_pkt_result r, const struct vrrp_pkt *p)
{
	struct vrrp_inst *vi;

	if (r != VRRP_PKT_OK) {
		vs.stats.drops[r]++;
		log_debug("dropped a VRRP packet on interface %d: %s",
		    s->ifindex, vrrp_pkt_strerror(r));
		/* the instance of its VRID counts it too, when the parser
		   got that far (vrid 0 before: no instance has it) */
		if ((vi = s->by_vrid[p->vrid]) != NULL)
			vrrp_inst_count_drop(vi, r);
		return;
	}
	vi = s->by_vrid[p->vrid];
	if (vi == NULL) {
		vs.stats.no_instance++;
		return;
	}
	vs.rx(vi, p);
}
