/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_vrrp_pkt.c: libFuzzer target for the VRRP packet parsers and the
   build -> parse round trip. */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "../../vrrp/vrrp_pkt.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void round_trip(const struct vrrp_pkt *, const struct vrrp_pkt_opts *);
static void same(const struct vrrp_pkt *, const struct vrrp_pkt *);
static void check_any(const struct vrrp_pkt *);
static uint16_t sum16(uint32_t, const uint8_t *, size_t);
static void fix4(uint8_t *, size_t);
static void
fix6(uint8_t *, size_t, const struct in6_addr *, const struct in6_addr *);

/* RFC 1071 checksum, written apart from the parser's. */
static uint16_t
sum16(uint32_t acc, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		acc += i % 2 ? p[i] : (uint32_t)p[i] << 8;
	while (acc > 0xffff)
		acc = (acc >> 16) + (acc & 0xffff);
	return (uint16_t)~acc;
}

/*
 * Random bytes almost never carry a valid checksum: when asked, set it
 * (v2 or v3 by the version nibble) so that the checks after it and the
 * round trip are reached.
 */
static void
fix4(uint8_t *ip, size_t len)
{
	size_t ihl, vlen;
	uint8_t ph[12] = { 0 }, *v;
	uint16_t c;

	if (len < 20 || (ihl = (size_t)(ip[0] & 0x0f) * 4) + 8 > len)
		return;
	v = ip + ihl;
	vlen = len - ihl;
	v[6] = v[7] = 0;
	memcpy(ph, ip + 12, 8);
	ph[9] = VRRP_PKT_PROTO;
	ph[10] = (uint8_t)(vlen >> 8);
	ph[11] = (uint8_t)vlen;
	c = v[0] >> 4 == 3 ? sum16((uint16_t)~sum16(0, ph, 12), v, vlen)
	                   : sum16(0, v, vlen);
	v[6] = (uint8_t)(c >> 8);
	v[7] = (uint8_t)c;
}

static void
fix6(uint8_t *v, size_t len, const struct in6_addr *src,
    const struct in6_addr *dst)
{
	uint8_t ph[40] = { 0 };
	uint16_t c;

	if (len < 8)
		return;
	memcpy(ph, src, 16);
	memcpy(ph + 16, dst, 16);
	ph[34] = (uint8_t)(len >> 8);
	ph[35] = (uint8_t)len;
	ph[39] = VRRP_PKT_PROTO;
	v[6] = v[7] = 0;
	c = sum16((uint16_t)~sum16(0, ph, 40), v, len);
	v[6] = (uint8_t)(c >> 8);
	v[7] = (uint8_t)c;
}

/* What the parser keeps must survive a rebuild (the checksum aside: a
   VRRPv3 rsvd field that was set is sent as 0). */
static void
same(const struct vrrp_pkt *a, const struct vrrp_pkt *b)
{
	size_t alen = a->family == AF_INET ? 4 : 16;

	if (a->family != b->family || a->version != b->version ||
	    a->vrid != b->vrid || a->priority != b->priority ||
	    a->naddr != b->naddr || a->adver_int != b->adver_int ||
	    a->auth_type != b->auth_type || a->ttl != b->ttl ||
	    a->csum_group != b->csum_group ||
	    memcmp(a->auth_data, b->auth_data, VRRP_PKT_AUTH_LEN) != 0 ||
	    memcmp(&a->src, &b->src, sizeof(a->src)) != 0 ||
	    memcmp(&a->dst, &b->dst, sizeof(a->dst)) != 0 ||
	    (a->naddr > 0 && memcmp(a->addrs, b->addrs, a->naddr * alen) != 0))
		abort();
}

static void
round_trip(const struct vrrp_pkt *p, const struct vrrp_pkt_opts *o)
{
	static struct cfg_addr addrs[VRRP_PKT_MAX_ADDR];
	static uint8_t buf[VRRP_PKT_MAX_LEN];
	struct vrrp_pkt_opts bo = *o;
	struct vrrp_pkt q;
	size_t i, n;

	for (i = 0; i < p->naddr; i++)
		vrrp_pkt_addr(p, i, &addrs[i]);
	if (!vrrp_pkt_addrs_match(p, addrs, p->naddr))
		abort();
	if (p->family == AF_INET) {
		bo.csum =
		    p->csum_group ? VRRP_PKT_CSUM_GROUP : VRRP_PKT_CSUM_STD;
		n = vrrp_pkt_build4(p, addrs, &bo, buf, sizeof(buf));
		if (n == 0 || vrrp_pkt_parse4(buf, n, o, &q) != VRRP_PKT_OK)
			abort();
	} else {
		n = vrrp_pkt_build6(p, addrs, buf, sizeof(buf));
		if (n == 0 ||
		    vrrp_pkt_parse6(buf, n, (const void *)p->src.u.v6,
		        (const void *)p->dst.u.v6, p->ttl, o,
		        &q) != VRRP_PKT_OK)
			abort();
	}
	same(p, &q);
	check_any(p);
}

/* The instance checks on any valid packet: a defined result, no
   reads beyond the parsed addresses. */
static void
check_any(const struct vrrp_pkt *p)
{
	struct vrrp_pkt_expect e;
	struct cfg_addr vips[2];
	enum vrrp_pkt_result r;

	memset(&e, 0, sizeof(e));
	memset(vips, 0, sizeof(vips));
	vips[0].family = vips[1].family = p->family;
	vips[1].u.v4[0] = 192;
	e.version = p->version;
	e.min_ttl = 1;
	e.max_ttl = 254;
	e.unicast = p->ttl & 1;
	e.from_peer = p->vrid & 1;
	e.auth_type = p->auth_type;
	e.adver_int = p->adver_int;
	e.check_addrs = true;
	e.addrs = vips;
	e.naddr = p->priority % 3;
	r = vrrp_pkt_check(p, &e);
	if (r >= VRRP_PKT_RESULT_N)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vrrp_pkt_opts o = { 0 };
	struct in6_addr src, dst;
	struct vrrp_pkt p;
	uint8_t *copy;
	bool fix;
	int hl;

	/* First byte: options; for IPv6 also the hop limit. */
	if (size < 1)
		return 0;
	o.any_ttl = data[0] & 1;
	o.allow_no_addr = data[0] & 2;
	o.csum = (enum vrrp_pkt_csum)(data[0] >> 2 & 3) % 3;
	if (data[0] & 16) {
		o.group.family = AF_INET;
		memcpy(o.group.u.v4, "\xe0\x00\x00\x13", 4);
	}
	hl = data[0] & 32 ? 255 : data[0] & 64 ? -1 : data[0];
	fix = data[0] & 128;
	data++;
	size--;
	/* An exact-size copy, so ASan sees any read past the end. */
	copy = malloc(size ? size : 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	if (fix)
		fix4(copy, size);
	if (vrrp_pkt_parse4(copy, size, &o, &p) == VRRP_PKT_OK)
		round_trip(&p, &o);
	memcpy(copy, data, size);
	memset(&src, 0, sizeof(src));
	memset(&dst, 0, sizeof(dst));
	src.s6_addr[0] = 0xfe;
	src.s6_addr[1] = 0x80;
	src.s6_addr[15] = 1;
	dst.s6_addr[0] = 0xff;
	dst.s6_addr[1] = 0x02;
	dst.s6_addr[15] = 0x12;
	if (fix)
		fix6(copy, size, &src, &dst);
	if (vrrp_pkt_parse6(copy, size, &src, &dst, hl, &o, &p) == VRRP_PKT_OK)
		round_trip(&p, &o);
	free(copy);
	return 0;
}
