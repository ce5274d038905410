/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_pkt.c: VRRPv2/v3 advertisement parsing and building, no I/O. */

#include <string.h>
#include <sys/socket.h>

#include "vrrp_pkt.h"

/*
 * The VRRP fixed fields (RFC 3768 section 5.1, RFC 5798 section 5.1):
 *
 *	0: Version (4 bits) | Type (4 bits)
 *	1: Virtual Rtr ID
 *	2: Priority
 *	3: Count IP Addrs / Count IPvX Addr
 *	4: v2 Auth Type          | v3 rsvd (4 bits) + Max Adver Int (12 bits)
 *	5: v2 Adver Int (seconds)|
 *	6-7: Checksum
 *	8: the addresses, then (v2 only) 8 bytes of Authentication Data
 */
#define OFF_VERTYPE 0
#define OFF_VRID 1
#define OFF_PRIO 2
#define OFF_NADDR 3
#define OFF_AUTH 4
#define OFF_ADVER 4
#define OFF_CSUM 6

#define IP4_MIN_HDR 20
#define V3_ADVER_MASK 0x0fff /* RFC 5798 5.2.6: rsvd is ignored on receipt */
#define IP4_TOS_NETCTL 0xc0 /* Internetwork Control, as keepalived */

/* A check: on failure the parser returns the reason, nothing else. */
#define VCHECK(cond, res) \
	do { \
		if (!(cond)) \
			return (res); \
	} while (0)

static uint32_t csum_add(uint32_t, const uint8_t *, size_t);
static uint16_t csum_fold(uint32_t);
static uint16_t get16(const uint8_t *);
static void put16(uint8_t *, uint16_t);
static size_t addr_len(int);
static size_t vrrp_len(int, unsigned, unsigned);
static uint32_t pseudo4(const uint8_t *, const uint8_t *, size_t);
static uint32_t pseudo6(const uint8_t *, const uint8_t *, size_t);
static enum vrrp_pkt_result parse_vrrp(
    const uint8_t *, size_t, const struct vrrp_pkt_opts *, struct vrrp_pkt *);
static bool
v3_csum_ok4(const uint8_t *, size_t, const uint8_t *, const uint8_t *);
static const uint8_t *group4(const struct vrrp_pkt_opts *);
static bool addr_in(const struct cfg_addr *, const struct cfg_addr *, size_t);
static bool addr_in_pkt(const struct cfg_addr *, const struct vrrp_pkt *);
static size_t
build_vrrp(const struct vrrp_pkt *, const struct cfg_addr *, uint8_t *, size_t);
static bool ah_icv(const uint8_t *, size_t, const uint8_t *, bool,
    uint8_t[VRRP_PKT_AH_ICV_LEN]);
static bool ah_spi_ok(const struct vrrp_pkt *);

static const struct vrrp_pkt_opts no_opts;
static const uint8_t vrrp_group4[4] = { 224, 0, 0, 18 }; /* RFC 5798 5.1.1.2 */

const struct vrrp_pkt_result_desc vrrp_pkt_results[VRRP_PKT_RESULT_N] = {
	[VRRP_PKT_OK] = { "ok", "valid advertisement" },
	[VRRP_PKT_TOO_SHORT] = { "short", "shorter than the headers" },
	[VRRP_PKT_IP_HDR] = { "iphdr",
	    "bad IPv4 header (version, header length or fragment)" },
	[VRRP_PKT_IP_LEN] = { "iplen",
	    "IPv4 total length differs from the length received" },
	[VRRP_PKT_PROTO_BAD] = { "proto", "IP protocol is not VRRP (112)" },
	[VRRP_PKT_TTL_BAD] = { "ttl", "TTL or hop limit is not 255" },
	[VRRP_PKT_VERSION] = { "version",
	    "VRRP version is not 2 or 3 (or is 2 over IPv6)" },
	[VRRP_PKT_TYPE] = { "type", "VRRP type is not ADVERTISEMENT" },
	[VRRP_PKT_NO_ADDR] = { "noaddr", "VRRPv3 address count is 0" },
	[VRRP_PKT_LENGTH] = { "length",
	    "length does not match the address count" },
	[VRRP_PKT_CHECKSUM] = { "checksum", "bad VRRP checksum" },
	[VRRP_PKT_AUTH_TYPE] = { "authtype",
	    "unknown VRRPv2 authentication type" },
	[VRRP_PKT_ADVER_INT] = { "interval", "advertisement interval is 0" },
	[VRRP_PKT_OWN] = { "own", "our own advertisement" },
	[VRRP_PKT_VERSION_DIFFERS] = { "vers",
	    "VRRP version differs from the instance's" },
	[VRRP_PKT_MCAST_TTL] = { "mcttl",
	    "multicast TTL or hop limit is not 255" },
	[VRRP_PKT_NOT_PEER] = { "peer", "source is not a unicast peer" },
	[VRRP_PKT_PEER_TTL] = { "peerttl",
	    "TTL outside the peer's min_ttl..max_ttl" },
	[VRRP_PKT_AUTH_DIFFERS] = { "auth",
	    "authentication type differs from the instance's" },
	[VRRP_PKT_PASS_WRONG] = { "pass", "wrong authentication password" },
	[VRRP_PKT_AH_ICV] = { "ahicv",
	    "AH integrity check value does not verify" },
	[VRRP_PKT_AH_SPI] = { "ahspi", "AH SPI is not the source address" },
	[VRRP_PKT_AH_REPLAY] = { "ahseq",
	    "AH sequence number already seen (a replay)" },
	[VRRP_PKT_INTERVAL] = { "adverint",
	    "advertisement interval differs from the instance's" },
	[VRRP_PKT_ADDRS] = { "addrs", "addresses differ from the instance's" },
};

const char *
vrrp_pkt_strerror(enum vrrp_pkt_result r)
{
	if ((unsigned)r >= VRRP_PKT_RESULT_N)
		return "unknown result";
	return vrrp_pkt_results[r].text;
}

/* RFC 1071 sum of big-endian 16-bit words; an odd tail is zero-padded. */
static uint32_t
csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

static uint16_t
csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static size_t
addr_len(int family)
{
	return family == AF_INET ? 4 : 16;
}

/* The VRRP message length the header announces. */
static size_t
vrrp_len(int family, unsigned version, unsigned naddr)
{
	size_t len = VRRP_PKT_HDR_LEN + naddr * addr_len(family);

	return version == 2 ? len + VRRP_PKT_AUTH_LEN : len;
}

/* IPv4 pseudo-header (RFC 768 layout, as RFC 5798 5.2.8 asks). */
static uint32_t
pseudo4(const uint8_t *src, const uint8_t *dst, size_t len)
{
	uint8_t ph[12];

	memcpy(ph, src, 4);
	memcpy(ph + 4, dst, 4);
	ph[8] = 0;
	ph[9] = VRRP_PKT_PROTO;
	put16(ph + 10, (uint16_t)len);
	return csum_add(0, ph, sizeof(ph));
}

/* IPv6 pseudo-header (RFC 8200 section 8.1). */
static uint32_t
pseudo6(const uint8_t *src, const uint8_t *dst, size_t len)
{
	uint8_t ph[40];

	memcpy(ph, src, 16);
	memcpy(ph + 16, dst, 16);
	memset(ph + 32, 0, 8);
	put16(ph + 34, (uint16_t)len);
	ph[39] = VRRP_PKT_PROTO;
	return csum_add(0, ph, sizeof(ph));
}

static const uint8_t *
group4(const struct vrrp_pkt_opts *o)
{
	return o->group.family == AF_INET ? o->group.u.v4 : vrrp_group4;
}

/*
 * The fixed fields and addresses, common to both families.  family,
 * ttl, src and dst are already set; the checksum is the caller's.
 * Checks follow RFC 5798 section 7.1 (RFC 3768 7.1) in order.
 */
static enum vrrp_pkt_result
parse_vrrp(const uint8_t *v, size_t len, const struct vrrp_pkt_opts *o,
    struct vrrp_pkt *out)
{
	VCHECK(len >= VRRP_PKT_HDR_LEN, VRRP_PKT_TOO_SHORT);
	out->version = v[OFF_VERTYPE] >> 4;
	out->vrid = v[OFF_VRID];
	out->priority = v[OFF_PRIO];
	out->naddr = v[OFF_NADDR];
	out->csum = get16(v + OFF_CSUM);
	VCHECK(o->any_ttl || out->ttl == VRRP_PKT_TTL, VRRP_PKT_TTL_BAD);
	VCHECK(out->version == 2 || out->version == 3, VRRP_PKT_VERSION);
	/* RFC 3768 is IPv4 only; RFC 5798 5.1.2 gives IPv6 to VRRPv3. */
	VCHECK(out->version == 3 || out->family == AF_INET, VRRP_PKT_VERSION);
	VCHECK((v[OFF_VERTYPE] & 0x0f) == VRRP_PKT_TYPE_ADVERT, VRRP_PKT_TYPE);
	VCHECK(out->version == 2 || out->naddr > 0 || o->allow_no_addr,
	    VRRP_PKT_NO_ADDR);
	VCHECK(len == vrrp_len(out->family, out->version, out->naddr),
	    VRRP_PKT_LENGTH);
	out->addrs = v + VRRP_PKT_HDR_LEN;
	if (out->version == 2) {
		out->auth_type = v[OFF_AUTH];
		out->adver_int = (uint16_t)(v[OFF_ADVER + 1] * 100);
		memcpy(out->auth_data, v + len - VRRP_PKT_AUTH_LEN,
		    VRRP_PKT_AUTH_LEN);
	} else {
		out->auth_type = VRRP_PKT_AUTH_NONE;
		out->adver_int = get16(v + OFF_ADVER) & V3_ADVER_MASK;
		memset(out->auth_data, 0, VRRP_PKT_AUTH_LEN);
	}
	return VRRP_PKT_OK;
}

/* VRRPv3 over IPv4, with dst in the pseudo-header. */
static bool
v3_csum_ok4(const uint8_t *v, size_t len, const uint8_t *ip, const uint8_t *dst)
{
	return csum_fold(csum_add(pseudo4(ip + 12, dst, len), v, len)) == 0;
}

enum vrrp_pkt_result
vrrp_pkt_parse4(const uint8_t *ip, size_t len, const struct vrrp_pkt_opts *o,
    struct vrrp_pkt *out)
{
	enum vrrp_pkt_result r;
	const uint8_t *v;
	size_t ihl, vlen;
	bool ok;

	if (o == NULL)
		o = &no_opts;
	memset(out, 0, sizeof(*out));
	VCHECK(len >= IP4_MIN_HDR, VRRP_PKT_TOO_SHORT);
	ihl = (size_t)(ip[0] & 0x0f) * 4;
	VCHECK(ip[0] >> 4 == 4, VRRP_PKT_IP_HDR);
	VCHECK(ihl >= IP4_MIN_HDR && ihl <= len, VRRP_PKT_IP_HDR);
	/* The kernel reassembles before a raw socket sees the packet. */
	VCHECK((get16(ip + 6) & 0x3fff) == 0, VRRP_PKT_IP_HDR);
	VCHECK(get16(ip + 2) == len, VRRP_PKT_IP_LEN);
	/* The kernel has verified the header checksum (ip_rcv). */
	VCHECK(ip[9] == VRRP_PKT_PROTO || ip[9] == VRRP_PKT_AH_PROTO,
	    VRRP_PKT_PROTO_BAD);
	out->family = AF_INET;
	out->ttl = ip[8];
	out->src.family = out->dst.family = AF_INET;
	memcpy(out->src.u.v4, ip + 12, 4);
	memcpy(out->dst.u.v4, ip + 16, 4);
	v = ip + ihl;
	vlen = len - ihl;
	if (ip[9] == VRRP_PKT_AH_PROTO) {
		/* RFC 2402 section 2: next header, payload length in 32-bit
		   words minus 2, reserved, SPI, sequence, ICV */
		VCHECK(vlen >= VRRP_PKT_AH_LEN, VRRP_PKT_TOO_SHORT);
		VCHECK(v[0] == VRRP_PKT_PROTO, VRRP_PKT_PROTO_BAD);
		VCHECK(v[1] == VRRP_PKT_AH_LEN / 4 - 2, VRRP_PKT_IP_HDR);
		out->ah = true;
		out->ah_spi = (uint32_t)get16(v + 4) << 16 | get16(v + 6);
		out->ah_seq = (uint32_t)get16(v + 8) << 16 | get16(v + 10);
		out->raw = ip;
		out->rawlen = len;
		v += VRRP_PKT_AH_LEN;
		vlen -= VRRP_PKT_AH_LEN;
	}
	if ((r = parse_vrrp(v, vlen, o, out)) != VRRP_PKT_OK)
		return r;
	VCHECK(!out->ah ||
	        (out->version == 2 && out->auth_type == VRRP_PKT_AUTH_AH),
	    VRRP_PKT_AUTH_TYPE);
	/* RFC 3768 5.3.8: v2 sums the VRRP message alone; RFC 5798 5.2.8:
	   v3 adds the pseudo-header. */
	if (out->version == 2)
		ok = csum_fold(csum_add(0, v, vlen)) == 0;
	else if (o->csum == VRRP_PKT_CSUM_GROUP)
		ok = out->csum_group = v3_csum_ok4(v, vlen, ip, group4(o));
	else if (!(ok = v3_csum_ok4(v, vlen, ip, ip + 16)) &&
	    o->csum == VRRP_PKT_CSUM_EITHER)
		ok = out->csum_group = v3_csum_ok4(v, vlen, ip, group4(o));
	VCHECK(ok, VRRP_PKT_CHECKSUM);
	VCHECK(out->version == 3 || out->auth_type <= VRRP_PKT_AUTH_AH,
	    VRRP_PKT_AUTH_TYPE);
	VCHECK(out->adver_int > 0, VRRP_PKT_ADVER_INT);
	return VRRP_PKT_OK;
}

enum vrrp_pkt_result
vrrp_pkt_parse6(const uint8_t *v, size_t len, const struct in6_addr *src,
    const struct in6_addr *dst, int hoplimit, const struct vrrp_pkt_opts *o,
    struct vrrp_pkt *out)
{
	enum vrrp_pkt_result r;

	if (o == NULL)
		o = &no_opts;
	memset(out, 0, sizeof(*out));
	out->family = AF_INET6;
	out->src.family = out->dst.family = AF_INET6;
	memcpy(out->src.u.v6, src, 16);
	memcpy(out->dst.u.v6, dst, 16);
	/* Unknown (-1) or nonsense: 0, which only any_ttl lets through. */
	out->ttl = hoplimit >= 0 && hoplimit <= 255 ? (uint8_t)hoplimit : 0;
	if ((r = parse_vrrp(v, len, o, out)) != VRRP_PKT_OK)
		return r;
	VCHECK(csum_fold(csum_add(
	           pseudo6(out->src.u.v6, out->dst.u.v6, len), v, len)) == 0,
	    VRRP_PKT_CHECKSUM);
	VCHECK(out->adver_int > 0, VRRP_PKT_ADVER_INT);
	return VRRP_PKT_OK;
}

void
vrrp_pkt_addr(const struct vrrp_pkt *p, size_t i, struct cfg_addr *out)
{
	size_t alen = addr_len(p->family);

	memset(out, 0, sizeof(*out));
	out->family = p->family;
	memcpy(&out->u, p->addrs + i * alen, alen);
}

static bool
addr_in(const struct cfg_addr *a, const struct cfg_addr *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (cfg_addr_cmp(&set[i], a) == 0)
			return true;
	return false;
}

static bool
addr_in_pkt(const struct cfg_addr *a, const struct vrrp_pkt *p)
{
	size_t i, alen = addr_len(p->family);

	if (a->family != p->family)
		return false;
	for (i = 0; i < p->naddr; i++)
		if (memcmp(p->addrs + i * alen, &a->u, alen) == 0)
			return true;
	return false;
}

bool
vrrp_pkt_addrs_match(
    const struct vrrp_pkt *p, const struct cfg_addr *conf, size_t nconf)
{
	struct cfg_addr a;
	size_t i;

	if (nconf != p->naddr)
		return false;
	for (i = 0; i < nconf; i++)
		if (!addr_in_pkt(&conf[i], p))
			return false;
	/* Both ways, so a duplicate in the packet cannot hide a miss. */
	for (i = 0; i < p->naddr; i++) {
		vrrp_pkt_addr(p, i, &a);
		if (!addr_in(&a, conf, nconf))
			return false;
	}
	return true;
}

/* The VRRP message with a zero checksum; 0 when it cannot be encoded. */
static size_t
build_vrrp(const struct vrrp_pkt *p, const struct cfg_addr *addrs, uint8_t *v,
    size_t size)
{
	size_t i, alen = addr_len(p->family);
	size_t len = vrrp_len(p->family, p->version, p->naddr);

	if (len > size || (p->version != 2 && p->version != 3))
		return 0;
	if (p->version == 2 &&
	    (p->family != AF_INET || p->adver_int == 0 ||
	        p->adver_int % 100 != 0 || p->adver_int / 100 > 255))
		return 0;
	if (p->version == 3 &&
	    (p->adver_int == 0 || p->adver_int > V3_ADVER_MASK))
		return 0;
	v[OFF_VERTYPE] = (uint8_t)(p->version << 4 | VRRP_PKT_TYPE_ADVERT);
	v[OFF_VRID] = p->vrid;
	v[OFF_PRIO] = p->priority;
	v[OFF_NADDR] = p->naddr;
	if (p->version == 2) {
		v[OFF_AUTH] = p->auth_type;
		v[OFF_ADVER + 1] = (uint8_t)(p->adver_int / 100);
		memcpy(v + len - VRRP_PKT_AUTH_LEN, p->auth_data,
		    VRRP_PKT_AUTH_LEN);
	} else
		put16(v + OFF_ADVER, p->adver_int); /* rsvd 0: 5.2.6 */
	put16(v + OFF_CSUM, 0);
	for (i = 0; i < p->naddr; i++) {
		if (addrs[i].family != p->family)
			return 0;
		memcpy(v + VRRP_PKT_HDR_LEN + i * alen, &addrs[i].u, alen);
	}
	return len;
}

size_t
vrrp_pkt_build4(const struct vrrp_pkt *p, const struct cfg_addr *addrs,
    const struct vrrp_pkt_opts *o, uint8_t *buf, size_t size)
{
	const uint8_t *dst;
	uint32_t sum;
	uint8_t *v;
	size_t vlen;

	if (o == NULL)
		o = &no_opts;
	if (p->family != AF_INET || p->src.family != AF_INET ||
	    p->dst.family != AF_INET || size < IP4_MIN_HDR)
		return 0;
	v = buf + IP4_MIN_HDR;
	if ((vlen = build_vrrp(p, addrs, v, size - IP4_MIN_HDR)) == 0)
		return 0;
	memset(buf, 0, IP4_MIN_HDR);
	buf[0] = 0x45;
	buf[1] = IP4_TOS_NETCTL;
	put16(buf + 2, (uint16_t)(IP4_MIN_HDR + vlen));
	put16(buf + 4, p->ip_id);
	buf[8] = p->ttl;
	buf[9] = VRRP_PKT_PROTO;
	memcpy(buf + 12, p->src.u.v4, 4);
	memcpy(buf + 16, p->dst.u.v4, 4);
	/* The kernel fills it in for IP_HDRINCL; set it for captures. */
	put16(buf + 10, csum_fold(csum_add(0, buf, IP4_MIN_HDR)));
	if (p->version == 2)
		sum = 0;
	else {
		dst = o->csum == VRRP_PKT_CSUM_GROUP ? group4(o) : p->dst.u.v4;
		sum = pseudo4(p->src.u.v4, dst, vlen);
	}
	put16(v + OFF_CSUM, csum_fold(csum_add(sum, v, vlen)));
	return IP4_MIN_HDR + vlen;
}

size_t
vrrp_pkt_build6(const struct vrrp_pkt *p, const struct cfg_addr *addrs,
    uint8_t *buf, size_t size)
{
	uint32_t sum;
	size_t vlen;

	if (p->family != AF_INET6 || p->src.family != AF_INET6 ||
	    p->dst.family != AF_INET6)
		return 0;
	if ((vlen = build_vrrp(p, addrs, buf, size)) == 0)
		return 0;
	/* An IPV6_CHECKSUM socket recomputes the same value. */
	sum = pseudo6(p->src.u.v6, p->dst.u.v6, vlen);
	put16(buf + OFF_CSUM, csum_fold(csum_add(sum, buf, vlen)));
	return vlen;
}

/*
 * The instance's checks, one line each.  A priority 0 advert carries the
 * resigning master's addresses too, but keepalived does not require
 * them to match there, and neither do we.
 */
/* keepalived sends the source address as the SPI. */
static bool
ah_spi_ok(const struct vrrp_pkt *p)
{
	uint32_t src = (uint32_t)p->src.u.v4[0] << 24 |
	    (uint32_t)p->src.u.v4[1] << 16 | (uint32_t)p->src.u.v4[2] << 8 |
	    p->src.u.v4[3];

	return p->ah_spi == src;
}

enum vrrp_pkt_result
vrrp_pkt_check(const struct vrrp_pkt *p, const struct vrrp_pkt_expect *e)
{
	VCHECK(cfg_addr_cmp(&p->src, &e->self) != 0, VRRP_PKT_OWN);
	VCHECK(p->version == e->version, VRRP_PKT_VERSION_DIFFERS);
	VCHECK(e->unicast || p->ttl == VRRP_PKT_TTL, VRRP_PKT_MCAST_TTL);
	VCHECK(
	    !e->unicast || e->from_peer || !e->peers_only, VRRP_PKT_NOT_PEER);
	VCHECK(!e->from_peer || e->min_ttl < 0 || p->ttl >= e->min_ttl,
	    VRRP_PKT_PEER_TTL);
	VCHECK(!e->from_peer || e->max_ttl < 0 || p->ttl <= e->max_ttl,
	    VRRP_PKT_PEER_TTL);
	if (p->version == 2) {
		VCHECK(p->auth_type == e->auth_type, VRRP_PKT_AUTH_DIFFERS);
		VCHECK(p->auth_type != VRRP_PKT_AUTH_PASS ||
		        memcmp(p->auth_data, e->auth_pass, VRRP_PKT_AUTH_LEN) ==
		            0,
		    VRRP_PKT_PASS_WRONG);
		VCHECK(p->auth_type != VRRP_PKT_AUTH_AH ||
		        vrrp_pkt_ah_icv_ok(p, e->auth_pass, e->unicast),
		    VRRP_PKT_AH_ICV);
		VCHECK(!p->ah || ah_spi_ok(p), VRRP_PKT_AH_SPI);
		VCHECK(
		    !p->ah || p->ah_seq > e->ah_last_seq, VRRP_PKT_AH_REPLAY);
		VCHECK(p->adver_int == e->adver_int, VRRP_PKT_INTERVAL);
	}
	VCHECK(!e->check_addrs || p->priority == 0 ||
	        vrrp_pkt_addrs_match(p, e->addrs, e->naddr),
	    VRRP_PKT_ADDRS);
	return VRRP_PKT_OK;
}

/* The HMAC-MD5-96 of an AH packet with its mutable fields zeroed; false
   when libcrypto cannot be had. */
static bool
ah_icv(const uint8_t *ip, size_t len, const uint8_t *key, bool unicast,
    uint8_t icv[VRRP_PKT_AH_ICV_LEN])
{
	uint8_t tmp[VRRP_PKT_MAX_LEN + 64];
	uint8_t md[16];
	size_t ihl = (size_t)(ip[0] & 0x0f) * 4;

	memcpy(tmp, ip, len);
	tmp[1] = 0; /* TOS */
	tmp[6] = tmp[7] = 0; /* flags and fragment offset */
	tmp[10] = tmp[11] = 0; /* header checksum */
	if (unicast)
		tmp[8] = 0; /* a unicast TTL changes on the way */
	memset(tmp + ihl + 12, 0, VRRP_PKT_AH_ICV_LEN);
	if (!vrrp_hmac_md5(key, VRRP_PKT_AUTH_LEN, tmp, len, md))
		return false;
	memcpy(icv, md, VRRP_PKT_AH_ICV_LEN);
	return true;
}

size_t
vrrp_pkt_build4_ah(const struct vrrp_pkt *p, const struct cfg_addr *addrs,
    const uint8_t key[VRRP_PKT_AUTH_LEN], uint32_t seq, bool unicast,
    uint8_t *buf, size_t size)
{
	struct vrrp_pkt q = *p;
	uint8_t *ah = buf + IP4_MIN_HDR;
	size_t n;

	if (p->version != 2 || p->ip_id == 0 || size < VRRP_PKT_AH_LEN)
		return 0;
	q.auth_type = VRRP_PKT_AUTH_AH;
	memset(q.auth_data, 0, sizeof(q.auth_data));
	/* build the plain packet, then open a gap for the AH header */
	n = vrrp_pkt_build4(&q, addrs, NULL, buf, size - VRRP_PKT_AH_LEN);
	if (n == 0)
		return 0;
	memmove(ah + VRRP_PKT_AH_LEN, ah, n - IP4_MIN_HDR);
	memset(ah, 0, VRRP_PKT_AH_LEN);
	ah[0] = VRRP_PKT_PROTO;
	ah[1] = VRRP_PKT_AH_LEN / 4 - 2;
	memcpy(ah + 4, p->src.u.v4, 4); /* SPI: keepalived's choice */
	put16(ah + 8, (uint16_t)(seq >> 16));
	put16(ah + 10, (uint16_t)seq);
	n += VRRP_PKT_AH_LEN;
	buf[9] = VRRP_PKT_AH_PROTO;
	put16(buf + 2, (uint16_t)n);
	buf[10] = buf[11] = 0;
	put16(buf + 10, csum_fold(csum_add(0, buf, IP4_MIN_HDR)));
	if (!ah_icv(buf, n, key, unicast, ah + 12))
		return 0;
	return n;
}

bool
vrrp_pkt_ah_icv_ok(const struct vrrp_pkt *p,
    const uint8_t key[VRRP_PKT_AUTH_LEN], bool unicast)
{
	uint8_t icv[VRRP_PKT_AH_ICV_LEN];
	size_t ihl;

	if (!p->ah || p->raw == NULL || p->rawlen > VRRP_PKT_MAX_LEN + 64)
		return false;
	ihl = (size_t)(p->raw[0] & 0x0f) * 4;
	return ah_icv(p->raw, p->rawlen, key, unicast, icv) &&
	    vrrp_mem_equal(icv, p->raw + ihl + 12, sizeof(icv));
}

/* RFC 6527 vrrpv3StatisticsProtoErrReason values. */
#define PROTO_ERR_TTL 1
#define PROTO_ERR_VERSION 2
#define PROTO_ERR_CHECKSUM 3

void
vrrp_pkt_count_drop(
    struct msg_vrrp_counters *c, uint8_t *proto_err, enum vrrp_pkt_result r)
{
	switch (r) {
	case VRRP_PKT_TTL_BAD:
	case VRRP_PKT_MCAST_TTL:
	case VRRP_PKT_PEER_TTL:
		c->ttl_errors++;
		*proto_err = PROTO_ERR_TTL;
		break;
	case VRRP_PKT_VERSION:
	case VRRP_PKT_VERSION_DIFFERS:
		*proto_err = PROTO_ERR_VERSION;
		break;
	case VRRP_PKT_CHECKSUM:
		*proto_err = PROTO_ERR_CHECKSUM;
		break;
	case VRRP_PKT_TYPE:
		c->invalid_type_rx++;
		break;
	case VRRP_PKT_TOO_SHORT:
	case VRRP_PKT_NO_ADDR:
	case VRRP_PKT_LENGTH:
		c->length_errors++;
		break;
	case VRRP_PKT_AUTH_TYPE:
		c->invalid_auth_type++;
		break;
	case VRRP_PKT_AUTH_DIFFERS:
		c->auth_type_mismatch++;
		break;
	case VRRP_PKT_PASS_WRONG:
	case VRRP_PKT_AH_ICV:
	case VRRP_PKT_AH_SPI:
	case VRRP_PKT_AH_REPLAY:
		c->auth_failures++;
		break;
	case VRRP_PKT_INTERVAL:
	case VRRP_PKT_ADVER_INT:
		c->interval_errors++;
		break;
	case VRRP_PKT_ADDRS:
		c->addr_list_errors++;
		break;
	case VRRP_PKT_OK:
	case VRRP_PKT_IP_HDR:
	case VRRP_PKT_IP_LEN:
	case VRRP_PKT_PROTO_BAD:
	case VRRP_PKT_OWN:
	case VRRP_PKT_NOT_PEER:
	case VRRP_PKT_RESULT_N:
		break;
	}
}
