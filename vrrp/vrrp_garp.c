/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_garp.c: gratuitous ARP and unsolicited neighbour advertisements. */

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>

#include "log.h"
#include "vrrp_garp.h"

/* Linux's; glibc's netinet/in.h lacks it and linux/in6.h clashes */
#ifndef IPV6_FREEBIND
#define IPV6_FREEBIND 78
#endif

/* How long a read of an interface's IPv6 forwarding setting is kept. */
#define FWD_TTL_SEC 5
#define FWD_CACHE 32

/* An Ethernet frame holding an ARP packet for IPv4 over Ethernet. */
struct arp_frame {
	uint8_t dst[ETH_ALEN], src[ETH_ALEN];
	uint16_t proto;
	uint16_t htype, ptype;
	uint8_t hlen, plen;
	uint16_t op;
	uint8_t sha[ETH_ALEN], spa[4], tha[ETH_ALEN], tpa[4];
} __attribute__((packed));

/* A Neighbor Advertisement with one Target Link-Layer Address option
   (RFC 4861 4.4, 4.6.1). */
struct na_packet {
	struct nd_neighbor_advert na;
	struct nd_opt_hdr opt;
	uint8_t lladdr[ETH_ALEN];
} __attribute__((packed));

/* Whether an interface forwards IPv6 (a router), read at most every
   FWD_TTL_SEC so the fast path seldom touches /proc. */
struct fwd_entry {
	int ifindex;
	bool forwarding;
	time_t at;
};

static int send_arp(int ifindex, const uint8_t mac[6], const uint8_t ip[4]);
static int send_na(int ifindex, const uint8_t mac[6], const uint8_t ip[16]);
static bool ipv6_forwarding(int ifindex);
static int count(int err, uint64_t *ok);

static int arp_fd = -1, na_fd = -1;
static struct vrrp_garp_stats stats;
static struct fwd_entry fwd[FWD_CACHE];

int
vrrp_garp_open(void)
{
	struct icmp6_filter filt;
	int hops = 255, zero = 0, one = 1;

	/* protocol 0: send only; an ETH_P_ARP socket would be handed a
	   copy of every ARP packet on every link */
	arp_fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (arp_fd < 0) {
		log_warn("gratuitous ARP socket");
		return -1;
	}
	na_fd = socket(AF_INET6, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMPV6);
	if (na_fd < 0) {
		log_warn("neighbour advertisement socket");
		vrrp_garp_close();
		return -1;
	}
	/* send only: no ICMPv6 message is queued for us */
	ICMP6_FILTER_SETBLOCKALL(&filt);
	if (setsockopt(
	        na_fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filt, sizeof(filt)) < 0 ||
	    setsockopt(na_fd, IPPROTO_IPV6, IPV6_MULTICAST_HOPS, &hops,
	        sizeof(hops)) < 0 ||
	    setsockopt(na_fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &hops,
	        sizeof(hops)) < 0 ||
	    setsockopt(na_fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, &zero,
	        sizeof(zero)) < 0 ||
	    setsockopt(na_fd, IPPROTO_IPV6, IPV6_FREEBIND, &one, sizeof(one)) <
	        0) {
		log_warn("neighbour advertisement socket options");
		vrrp_garp_close();
		return -1;
	}
	return 0;
}

void
vrrp_garp_close(void)
{
	if (arp_fd >= 0)
		close(arp_fd);
	if (na_fd >= 0)
		close(na_fd);
	arp_fd = na_fd = -1;
}

const struct vrrp_garp_stats *
vrrp_garp_stats(void)
{
	return &stats;
}

int
vrrp_garp_send(int ifindex, const uint8_t mac[6], const struct cfg_addr *addr)
{
	char b[INET6_ADDRSTRLEN], ifn[IF_NAMESIZE];
	int err;

	if (addr->family == AF_INET)
		err =
		    count(send_arp(ifindex, mac, addr->u.v4), &stats.arp_sent);
	else if (addr->family == AF_INET6)
		err = count(send_na(ifindex, mac, addr->u.v6), &stats.na_sent);
	else
		err = count(-EAFNOSUPPORT, NULL);
	if (err < 0)
		log_warnx("cannot send %s for %s on %s: %s",
		    addr->family == AF_INET6 ? "neighbour advertisement"
		                             : "gratuitous ARP",
		    cfg_addr_str(addr, "?", b, sizeof(b)),
		    if_indextoname((unsigned)ifindex, ifn) ? ifn : "?",
		    strerror(-err));
	return err;
}

static int
count(int err, uint64_t *ok)
{
	if (err < 0)
		stats.errors++;
	else if (ok != NULL)
		(*ok)++;
	return err;
}

/*
 * RFC 5227 3 / RFC 5944 4.6: an ARP request whose sender and target
 * protocol addresses are both addr.  The frame is built whole (a raw
 * packet socket) so the Ethernet source is mac, which the switches
 * learn, even when it is not the sending interface's own address.
 */
static int
send_arp(int ifindex, const uint8_t mac[6], const uint8_t ip[4])
{
	struct arp_frame f;
	struct sockaddr_ll sll;

	if (arp_fd < 0)
		return -ENOTCONN;
	memset(f.dst, 0xff, ETH_ALEN);
	memcpy(f.src, mac, ETH_ALEN);
	f.proto = htons(ETH_P_ARP);
	f.htype = htons(ARPHRD_ETHER);
	f.ptype = htons(ETH_P_IP);
	f.hlen = ETH_ALEN;
	f.plen = 4;
	f.op = htons(ARPOP_REQUEST);
	memcpy(f.sha, mac, ETH_ALEN);
	memcpy(f.spa, ip, 4);
	/* keepalived sends the broadcast address here; RFC 5227 says
	   ignored, and some stacks only update on a broadcast tha */
	memset(f.tha, 0xff, ETH_ALEN);
	memcpy(f.tpa, ip, 4);
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = ifindex;
	sll.sll_protocol = htons(ETH_P_ARP);
	sll.sll_halen = ETH_ALEN;
	memset(sll.sll_addr, 0xff, ETH_ALEN);
	if (sendto(arp_fd, &f, sizeof(f), 0, (struct sockaddr *)&sll,
	        sizeof(sll)) < 0)
		return -errno;
	return 0;
}

/*
 * RFC 4861 7.2.6: an unsolicited NA to all-nodes, override set,
 * solicited clear, router set when the interface forwards, with our
 * link-layer address.  The kernel picks the source address (the
 * interface's link-local) and computes the checksum; IPV6_PKTINFO
 * names the interface.
 */
static int
send_na(int ifindex, const uint8_t mac[6], const uint8_t ip[16])
{
	struct na_packet p;
	struct sockaddr_in6 dst;
	struct iovec iov = { .iov_base = &p, .iov_len = sizeof(p) };
	union {
		struct cmsghdr c;
		char buf[CMSG_SPACE(sizeof(struct in6_pktinfo))];
	} cm;
	struct msghdr msg = {
		.msg_name = &dst,
		.msg_namelen = sizeof(dst),
		.msg_iov = &iov,
		.msg_iovlen = 1,
		.msg_control = cm.buf,
		.msg_controllen = sizeof(cm.buf),
	};
	struct in6_pktinfo *pi;
	struct cmsghdr *c;

	if (na_fd < 0)
		return -ENOTCONN;
	memset(&p, 0, sizeof(p));
	p.na.nd_na_type = ND_NEIGHBOR_ADVERT;
	p.na.nd_na_flags_reserved = ND_NA_FLAG_OVERRIDE;
	if (ipv6_forwarding(ifindex))
		p.na.nd_na_flags_reserved |= ND_NA_FLAG_ROUTER;
	memcpy(&p.na.nd_na_target, ip, 16);
	p.opt.nd_opt_type = ND_OPT_TARGET_LINKADDR;
	p.opt.nd_opt_len = 1; /* units of 8 octets */
	memcpy(p.lladdr, mac, ETH_ALEN);
	memset(&dst, 0, sizeof(dst));
	dst.sin6_family = AF_INET6;
	dst.sin6_addr.s6_addr[0] = 0xff;
	dst.sin6_addr.s6_addr[1] = 0x02;
	dst.sin6_addr.s6_addr[15] = 0x01;
	dst.sin6_scope_id = (uint32_t)ifindex;
	memset(&cm, 0, sizeof(cm));
	c = CMSG_FIRSTHDR(&msg);
	c->cmsg_level = IPPROTO_IPV6;
	c->cmsg_type = IPV6_PKTINFO;
	c->cmsg_len = CMSG_LEN(sizeof(*pi));
	pi = (struct in6_pktinfo *)(void *)CMSG_DATA(c);
	pi->ipi6_ifindex = (unsigned)ifindex;
	if (sendmsg(na_fd, &msg, 0) >= 0)
		return 0;
	if (errno != EADDRNOTAVAIL && errno != EINVAL)
		return -errno;
	/* no address to send from (a VMAC without a link-local, or one
	   still tentative): the target itself, as keepalived always does;
	   the socket is IPV6_FREEBIND so a tentative VIP may be used */
	memcpy(&pi->ipi6_addr, ip, 16);
	return sendmsg(na_fd, &msg, 0) < 0 ? -errno : 0;
}

/* net.ipv6.conf.IF.forwarding, cached for FWD_TTL_SEC. */
static bool
ipv6_forwarding(int ifindex)
{
	struct fwd_entry *e = &fwd[(unsigned)ifindex % FWD_CACHE];
	char name[IF_NAMESIZE], path[96], v = '0';
	struct timespec now;
	int fd;

	clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
	if (e->ifindex == ifindex && now.tv_sec - e->at < FWD_TTL_SEC)
		return e->forwarding;
	e->ifindex = ifindex;
	e->at = now.tv_sec;
	e->forwarding = false;
	if (if_indextoname((unsigned)ifindex, name) == NULL)
		return false;
	snprintf(
	    path, sizeof(path), "/proc/sys/net/ipv6/conf/%s/forwarding", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	if (read(fd, &v, 1) == 1)
		e->forwarding = v != '0';
	close(fd);
	return e->forwarding;
}
