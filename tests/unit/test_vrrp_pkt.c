/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_vrrp_pkt.c: unit tests of the VRRP packet parser and builders. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "../../vrrp/vrrp_pkt.h"
#include "vrrp_pkt_data.h"

static struct cfg_addr addr4(const char *);
static struct cfg_addr addr6(const char *);
static uint16_t sum16(uint32_t, const uint8_t *, size_t);
static void fix4(uint8_t *, size_t);
static void fix6(uint8_t *, size_t, const char *, const char *);
static enum vrrp_pkt_result parse4_copy(
    const uint8_t *, size_t, const struct vrrp_pkt_opts *, struct vrrp_pkt *);
static enum vrrp_pkt_result parse6_copy(const uint8_t *, size_t, const char *,
    const char *, int, const struct vrrp_pkt_opts *, struct vrrp_pkt *);
static enum vrrp_pkt_result mutate4(const uint8_t *, size_t, size_t, uint8_t,
    bool, const struct vrrp_pkt_opts *);
static void expect_v2(struct vrrp_pkt_expect *, struct cfg_addr *);
static void same_pkt(const struct vrrp_pkt *, const struct vrrp_pkt *);

static const char ll1[] = "fe80::1", grp6[] = "ff02::12";

static struct cfg_addr
addr4(const char *s)
{
	struct cfg_addr a = { .family = AF_INET };

	assert_int_equal(inet_pton(AF_INET, s, a.u.v4), 1);
	return a;
}

static struct cfg_addr
addr6(const char *s)
{
	struct cfg_addr a = { .family = AF_INET6 };

	assert_int_equal(inet_pton(AF_INET6, s, a.u.v6), 1);
	return a;
}

/* An independent RFC 1071 checksum (not the one under test). */
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

/* Recompute the VRRP checksum of an IPv4 packet after an edit. */
static void
fix4(uint8_t *ip, size_t len)
{
	uint8_t *v = ip + (ip[0] & 0x0f) * 4;
	size_t vlen = len - (size_t)(v - ip);
	uint8_t ph[12] = { 0 };
	uint16_t c;

	v[6] = v[7] = 0;
	memcpy(ph, ip + 12, 8);
	ph[9] = 112;
	ph[10] = (uint8_t)(vlen >> 8);
	ph[11] = (uint8_t)vlen;
	c = v[0] >> 4 == 3 ? sum16((uint16_t)~sum16(0, ph, 12), v, vlen)
	                   : sum16(0, v, vlen);
	v[6] = (uint8_t)(c >> 8);
	v[7] = (uint8_t)c;
}

static void
fix6(uint8_t *v, size_t len, const char *src, const char *dst)
{
	uint8_t ph[40] = { 0 };
	uint16_t c;

	assert_int_equal(inet_pton(AF_INET6, src, ph), 1);
	assert_int_equal(inet_pton(AF_INET6, dst, ph + 16), 1);
	ph[34] = (uint8_t)(len >> 8);
	ph[35] = (uint8_t)len;
	ph[39] = 112;
	v[6] = v[7] = 0;
	c = sum16((uint16_t)~sum16(0, ph, 40), v, len);
	v[6] = (uint8_t)(c >> 8);
	v[7] = (uint8_t)c;
}

/* The parser sees a heap block of exactly len bytes: ASan catches any
   read past it. */
static enum vrrp_pkt_result
parse4_copy(const uint8_t *p, size_t len, const struct vrrp_pkt_opts *o,
    struct vrrp_pkt *out)
{
	uint8_t *b = malloc(len ? len : 1);
	enum vrrp_pkt_result r;

	assert_non_null(b);
	memcpy(b, p, len);
	r = vrrp_pkt_parse4(b, len, o, out);
	out->addrs = NULL; /* it pointed into b */
	free(b);
	return r;
}

static enum vrrp_pkt_result
parse6_copy(const uint8_t *p, size_t len, const char *src, const char *dst,
    int hl, const struct vrrp_pkt_opts *o, struct vrrp_pkt *out)
{
	struct in6_addr s, d;
	uint8_t *b = malloc(len ? len : 1);
	enum vrrp_pkt_result r;

	assert_non_null(b);
	assert_int_equal(inet_pton(AF_INET6, src, &s), 1);
	assert_int_equal(inet_pton(AF_INET6, dst, &d), 1);
	memcpy(b, p, len);
	r = vrrp_pkt_parse6(b, len, &s, &d, hl, o, out);
	out->addrs = NULL;
	free(b);
	return r;
}

/* Parse pkt with byte off set to val (checksum fixed when fix). */
static enum vrrp_pkt_result
mutate4(const uint8_t *pkt, size_t len, size_t off, uint8_t val, bool fix,
    const struct vrrp_pkt_opts *o)
{
	uint8_t b[64];
	struct vrrp_pkt p;

	assert_true(len <= sizeof(b) && off < len);
	memcpy(b, pkt, len);
	b[off] = val;
	if (fix)
		fix4(b, len);
	return parse4_copy(b, len, o, &p);
}

/* The fields; the caller compares the addresses. */
static void
same_pkt(const struct vrrp_pkt *a, const struct vrrp_pkt *b)
{
	assert_int_equal(a->family, b->family);
	assert_int_equal(a->version, b->version);
	assert_int_equal(a->vrid, b->vrid);
	assert_int_equal(a->priority, b->priority);
	assert_int_equal(a->naddr, b->naddr);
	assert_int_equal(a->adver_int, b->adver_int);
	assert_int_equal(a->auth_type, b->auth_type);
	assert_memory_equal(a->auth_data, b->auth_data, VRRP_PKT_AUTH_LEN);
	assert_int_equal(a->ttl, b->ttl);
	assert_memory_equal(&a->src, &b->src, sizeof(a->src));
	assert_memory_equal(&a->dst, &b->dst, sizeof(a->dst));
}

static void
test_results_table(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < VRRP_PKT_RESULT_N; i++) {
		assert_non_null(vrrp_pkt_results[i].code);
		assert_non_null(vrrp_pkt_results[i].text);
		assert_null(strchr(vrrp_pkt_results[i].code, ' '));
		for (j = 0; j < i; j++)
			assert_string_not_equal(
			    vrrp_pkt_results[i].code, vrrp_pkt_results[j].code);
	}
	assert_string_equal(
	    vrrp_pkt_strerror(VRRP_PKT_CHECKSUM), "bad VRRP checksum");
	assert_string_equal(
	    vrrp_pkt_strerror((enum vrrp_pkt_result)99), "unknown result");
}

static void
test_ref_v2_ip4(void **state)
{
	struct cfg_addr a;
	struct vrrp_pkt p;

	(void)state;
	assert_int_equal(
	    vrrp_pkt_parse4(v2_ip4, sizeof(v2_ip4), NULL, &p), VRRP_PKT_OK);
	assert_int_equal(p.family, AF_INET);
	assert_int_equal(p.version, 2);
	assert_int_equal(p.vrid, 51);
	assert_int_equal(p.priority, 100);
	assert_int_equal(p.naddr, 2);
	assert_int_equal(p.adver_int, 100);
	assert_int_equal(p.auth_type, VRRP_PKT_AUTH_PASS);
	assert_memory_equal(p.auth_data, "secret\0\0", 8);
	assert_int_equal(p.csum, 0xb978);
	assert_false(p.csum_group);
	assert_int_equal(p.ttl, 255);
	a = addr4("192.0.2.10");
	assert_memory_equal(&p.src, &a, sizeof(a));
	a = addr4("224.0.0.18");
	assert_memory_equal(&p.dst, &a, sizeof(a));
	assert_ptr_equal(p.addrs, v2_ip4 + 28);
	vrrp_pkt_addr(&p, 1, &a);
	assert_int_equal(a.family, AF_INET);
	assert_memory_equal(a.u.v4, "\xc0\x00\x02\x02", 4);
}

static void
test_ref_v3_ip4(void **state)
{
	struct vrrp_pkt p;

	(void)state;
	assert_int_equal(
	    vrrp_pkt_parse4(v3_ip4, sizeof(v3_ip4), NULL, &p), VRRP_PKT_OK);
	assert_int_equal(p.version, 3);
	assert_int_equal(p.vrid, 51);
	assert_int_equal(p.priority, 150);
	assert_int_equal(p.naddr, 1);
	assert_int_equal(p.adver_int, 100);
	assert_int_equal(p.auth_type, 0);
	assert_int_equal(p.csum, 0xd3cb);
}

static void
test_ref_v3_ip6(void **state)
{
	struct cfg_addr a, want;
	struct vrrp_pkt p;

	(void)state;
	assert_int_equal(
	    parse6_copy(v3_ip6, sizeof(v3_ip6), ll1, grp6, 255, NULL, &p),
	    VRRP_PKT_OK);
	assert_int_equal(p.family, AF_INET6);
	assert_int_equal(p.version, 3);
	assert_int_equal(p.vrid, 7);
	assert_int_equal(p.priority, 255);
	assert_int_equal(p.naddr, 2);
	assert_int_equal(p.adver_int, 50);
	assert_int_equal(p.csum, 0xa459);
	want = addr6(ll1);
	assert_memory_equal(&p.src, &want, sizeof(want));
	/* The addresses, straight from the caller's buffer. */
	{
		struct in6_addr s, d;

		inet_pton(AF_INET6, ll1, &s);
		inet_pton(AF_INET6, grp6, &d);
		assert_int_equal(vrrp_pkt_parse6(v3_ip6, sizeof(v3_ip6), &s, &d,
		                     255, NULL, &p),
		    VRRP_PKT_OK);
		vrrp_pkt_addr(&p, 1, &a);
		want = addr6("2001:db8::1");
		assert_memory_equal(&a, &want, sizeof(a));
	}
	/* The pseudo-header counts: another source fails. */
	assert_int_equal(
	    parse6_copy(v3_ip6, sizeof(v3_ip6), "fe80::2", grp6, 255, NULL, &p),
	    VRRP_PKT_CHECKSUM);
}

/* keepalived's old unicast VRRPv3 checksum (old_unicast_checksum). */
static void
test_old_unicast_checksum(void **state)
{
	struct vrrp_pkt_opts o = { .any_ttl = true };
	const uint8_t *b = v3_ip4_old_ucast;
	size_t n = sizeof(v3_ip4_old_ucast);
	struct vrrp_pkt p;

	(void)state;
	/* TTL 64: only when the caller checks the TTL itself (unicast). */
	assert_int_equal(parse4_copy(b, n, NULL, &p), VRRP_PKT_TTL_BAD);
	assert_int_equal(parse4_copy(b, n, &o, &p), VRRP_PKT_CHECKSUM);
	assert_int_equal(p.ttl, 64);
	o.csum = VRRP_PKT_CSUM_GROUP;
	assert_int_equal(parse4_copy(b, n, &o, &p), VRRP_PKT_OK);
	assert_true(p.csum_group);
	/* GROUP alone: a standard checksum to 224.0.0.19 fails. */
	assert_int_equal(mutate4(v3_ip4, sizeof(v3_ip4), 19, 19, true, &o),
	    VRRP_PKT_CHECKSUM);
	o.csum = VRRP_PKT_CSUM_STD;
	assert_int_equal(
	    mutate4(v3_ip4, sizeof(v3_ip4), 19, 19, true, &o), VRRP_PKT_OK);
	o.csum = VRRP_PKT_CSUM_GROUP;
	o.csum = VRRP_PKT_CSUM_EITHER;
	assert_int_equal(parse4_copy(b, n, &o, &p), VRRP_PKT_OK);
	assert_true(p.csum_group);
	/* A group other than the default one. */
	o.group = addr4("224.0.0.19");
	assert_int_equal(parse4_copy(b, n, &o, &p), VRRP_PKT_CHECKSUM);
	o.group = addr4("224.0.0.18");
	assert_int_equal(parse4_copy(b, n, &o, &p), VRRP_PKT_OK);
	/* A standard packet under EITHER: matched the standard way. */
	assert_int_equal(
	    parse4_copy(v3_ip4, sizeof(v3_ip4), &o, &p), VRRP_PKT_OK);
	assert_false(p.csum_group);
	/* VRRPv2 has no pseudo-header: the mode does not matter. */
	o.csum = VRRP_PKT_CSUM_GROUP;
	assert_int_equal(
	    parse4_copy(v2_ip4, sizeof(v2_ip4), &o, &p), VRRP_PKT_OK);
	assert_false(p.csum_group);
}

/* The builders produce the reference bytes. */
static void
test_build_ref(void **state)
{
	struct cfg_addr a[2];
	struct vrrp_pkt p = { .family = AF_INET,
		.version = 2,
		.vrid = 51,
		.priority = 100,
		.naddr = 2,
		.adver_int = 100,
		.auth_type = VRRP_PKT_AUTH_PASS,
		.auth_data = "secret",
		.ttl = 255 };
	struct vrrp_pkt_opts o = { .csum = VRRP_PKT_CSUM_GROUP };
	uint8_t buf[VRRP_PKT_MAX_LEN];

	(void)state;
	p.src = addr4("192.0.2.10");
	p.dst = addr4("224.0.0.18");
	a[0] = addr4("192.0.2.1");
	a[1] = addr4("192.0.2.2");
	assert_int_equal(
	    vrrp_pkt_build4(&p, a, NULL, buf, sizeof(buf)), sizeof(v2_ip4));
	/* Same but the IP ID (scapy 1, ours 0) and so the header sum. */
	assert_memory_equal(buf, v2_ip4, 4);
	assert_memory_equal(buf + 6, v2_ip4 + 6, 4);
	assert_memory_equal(buf + 12, v2_ip4 + 12, sizeof(v2_ip4) - 12);
	assert_int_equal(sum16(0, buf, 20), 0);

	p.version = 3;
	p.priority = 150;
	p.naddr = 1;
	p.auth_type = 0;
	memset(p.auth_data, 0, sizeof(p.auth_data));
	assert_int_equal(
	    vrrp_pkt_build4(&p, a, NULL, buf, sizeof(buf)), sizeof(v3_ip4));
	assert_memory_equal(buf + 12, v3_ip4 + 12, sizeof(v3_ip4) - 12);

	/* Old unicast checksum: the VRRP part is v3_ip4's. */
	p.dst = addr4("192.0.2.11");
	p.ttl = 64;
	assert_int_equal(vrrp_pkt_build4(&p, a, &o, buf, sizeof(buf)),
	    sizeof(v3_ip4_old_ucast));
	assert_memory_equal(
	    buf + 12, v3_ip4_old_ucast + 12, sizeof(v3_ip4_old_ucast) - 12);

	p.family = AF_INET6;
	p.vrid = 7;
	p.priority = 255;
	p.naddr = 2;
	p.adver_int = 50;
	p.src = addr6(ll1);
	p.dst = addr6(grp6);
	a[0] = addr6("fe80::100");
	a[1] = addr6("2001:db8::1");
	assert_int_equal(
	    vrrp_pkt_build6(&p, a, buf, sizeof(buf)), sizeof(v3_ip6));
	assert_memory_equal(buf, v3_ip6, sizeof(v3_ip6));
}

/* build -> parse gives the same fields, for every kind of packet. */
static void
test_round_trip(void **state)
{
	static const struct {
		int family, version, naddr, adver_int, prio, auth;
	} cases[] = {
		{ AF_INET, 2, 1, 100, 100, VRRP_PKT_AUTH_NONE },
		{ AF_INET, 2, 0, 25500, 0, VRRP_PKT_AUTH_PASS },
		{ AF_INET, 2, 255, 300, 255, VRRP_PKT_AUTH_NONE },
		{ AF_INET, 3, 1, 1, 0, 0 },
		{ AF_INET, 3, 255, 4095, 254, 0 },
		{ AF_INET6, 3, 1, 100, 1, 0 },
		{ AF_INET6, 3, 255, 4095, 0, 0 },
	};
	static struct cfg_addr a[255];
	struct vrrp_pkt_opts o = { .allow_no_addr = true };
	uint8_t buf[VRRP_PKT_MAX_LEN];
	struct vrrp_pkt p, q;
	struct cfg_addr x;
	size_t i, j, n;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&p, 0, sizeof(p));
		p.family = cases[i].family;
		p.version = (uint8_t)cases[i].version;
		p.vrid = (uint8_t)(i + 1);
		p.priority = (uint8_t)cases[i].prio;
		p.naddr = (uint8_t)cases[i].naddr;
		p.adver_int = (uint16_t)cases[i].adver_int;
		p.auth_type = (uint8_t)cases[i].auth;
		if (p.auth_type == VRRP_PKT_AUTH_PASS)
			memcpy(p.auth_data, "12345678", 8);
		p.ttl = 255;
		for (j = 0; j < p.naddr; j++) {
			memset(&a[j], 0, sizeof(a[j]));
			a[j].family = p.family;
			a[j].u.v6[0] = 10;
			a[j].u.v6[3] = (uint8_t)j;
			a[j].u.v6[15] = (uint8_t)(j + 1);
		}
		if (p.family == AF_INET) {
			p.src = addr4("192.0.2.10");
			p.dst = addr4("224.0.0.18");
			n = vrrp_pkt_build4(&p, a, NULL, buf, sizeof(buf));
			assert_int_not_equal(n, 0);
			assert_int_equal(
			    parse4_copy(buf, n, &o, &q), VRRP_PKT_OK);
			assert_int_equal(
			    vrrp_pkt_parse4(buf, n, &o, &q), VRRP_PKT_OK);
		} else {
			p.src = addr6(ll1);
			p.dst = addr6(grp6);
			n = vrrp_pkt_build6(&p, a, buf, sizeof(buf));
			assert_int_not_equal(n, 0);
			assert_int_equal(
			    parse6_copy(buf, n, ll1, grp6, 255, &o, &q),
			    VRRP_PKT_OK);
			assert_int_equal(
			    vrrp_pkt_parse6(buf, n, (const void *)p.src.u.v6,
			        (const void *)p.dst.u.v6, 255, &o, &q),
			    VRRP_PKT_OK);
		}
		same_pkt(&p, &q);
		assert_true(vrrp_pkt_addrs_match(&q, a, p.naddr));
		for (j = 0; j < p.naddr; j++) {
			vrrp_pkt_addr(&q, j, &x);
			assert_int_equal(x.family, p.family);
			assert_memory_equal(
			    &x.u, &a[j].u, p.family == AF_INET ? 4 : 16);
		}
	}
}

/* Every prefix of a good packet is refused, reading only its bytes. */
static void
test_truncated(void **state)
{
	struct vrrp_pkt_opts o = { .any_ttl = true };
	struct vrrp_pkt p;
	size_t n;

	(void)state;
	for (n = 0; n < sizeof(v2_ip4); n++)
		assert_int_not_equal(
		    parse4_copy(v2_ip4, n, &o, &p), VRRP_PKT_OK);
	for (n = 0; n < sizeof(v3_ip6); n++)
		assert_int_not_equal(
		    parse6_copy(v3_ip6, n, ll1, grp6, 255, &o, &p),
		    VRRP_PKT_OK);
	assert_int_equal(parse4_copy(v2_ip4, 0, NULL, &p), VRRP_PKT_TOO_SHORT);
	assert_int_equal(parse4_copy(v2_ip4, 19, NULL, &p), VRRP_PKT_TOO_SHORT);
	assert_int_equal(parse6_copy(v3_ip6, 7, ll1, grp6, 255, NULL, &p),
	    VRRP_PKT_TOO_SHORT);
}

/* A whole IPv4 header whose total length says 27: VRRP part too short. */
static void
test_short_vrrp(void **state)
{
	uint8_t b[27];
	struct vrrp_pkt p;

	(void)state;
	memcpy(b, v3_ip4, sizeof(b));
	b[3] = sizeof(b);
	assert_int_equal(
	    parse4_copy(b, sizeof(b), NULL, &p), VRRP_PKT_TOO_SHORT);
}

static void
test_bad_ip_header(void **state)
{
	const uint8_t *g = v3_ip4;
	size_t n = sizeof(v3_ip4);
	uint8_t b[64];
	struct vrrp_pkt p;

	(void)state;
	assert_int_equal(mutate4(g, n, 0, 0x65, false, NULL), VRRP_PKT_IP_HDR);
	assert_int_equal(mutate4(g, n, 0, 0x44, false, NULL), VRRP_PKT_IP_HDR);
	/* IHL 15 (60 bytes) in a 32-byte packet. */
	assert_int_equal(mutate4(g, n, 0, 0x4f, false, NULL), VRRP_PKT_IP_HDR);
	/* More Fragments, then a fragment offset. */
	assert_int_equal(mutate4(g, n, 6, 0x20, false, NULL), VRRP_PKT_IP_HDR);
	assert_int_equal(mutate4(g, n, 7, 0x01, false, NULL), VRRP_PKT_IP_HDR);
	/* Don't Fragment is fine. */
	assert_int_equal(mutate4(g, n, 6, 0x40, false, NULL), VRRP_PKT_OK);
	/* The total length lies, either way. */
	assert_int_equal(mutate4(g, n, 3, 0x21, false, NULL), VRRP_PKT_IP_LEN);
	assert_int_equal(mutate4(g, n, 3, 0x1f, false, NULL), VRRP_PKT_IP_LEN);
	assert_int_equal(mutate4(g, n, 2, 0x01, false, NULL), VRRP_PKT_IP_LEN);
	assert_int_equal(parse4_copy(g, n - 1, NULL, &p), VRRP_PKT_IP_LEN);
	/* AH (51) without an AH header before the VRRP message, and UDP,
	   are not VRRP. */
	assert_int_not_equal(mutate4(g, n, 9, 51, false, NULL), VRRP_PKT_OK);
	assert_int_equal(mutate4(g, n, 9, 17, false, NULL), VRRP_PKT_PROTO_BAD);
	/* An IPv4 option (IHL 6, a 4-byte NOP pad) is skipped. */
	memcpy(b, g, 20);
	memset(b + 20, 1, 4);
	memcpy(b + 24, g + 20, n - 20);
	b[0] = 0x46;
	b[3] = (uint8_t)(n + 4);
	assert_int_equal(parse4_copy(b, n + 4, NULL, &p), VRRP_PKT_OK);
	assert_int_equal(p.vrid, 51);
}

static void
test_bad_ttl(void **state)
{
	struct vrrp_pkt_opts o = { .any_ttl = true };
	struct vrrp_pkt p;

	(void)state;
	assert_int_equal(mutate4(v3_ip4, sizeof(v3_ip4), 8, 254, false, NULL),
	    VRRP_PKT_TTL_BAD);
	assert_int_equal(mutate4(v2_ip4, sizeof(v2_ip4), 8, 1, false, NULL),
	    VRRP_PKT_TTL_BAD);
	assert_int_equal(
	    mutate4(v3_ip4, sizeof(v3_ip4), 8, 254, false, &o), VRRP_PKT_OK);
	assert_int_equal(
	    parse6_copy(v3_ip6, sizeof(v3_ip6), ll1, grp6, 254, NULL, &p),
	    VRRP_PKT_TTL_BAD);
	/* No IPV6_HOPLIMIT received. */
	assert_int_equal(
	    parse6_copy(v3_ip6, sizeof(v3_ip6), ll1, grp6, -1, NULL, &p),
	    VRRP_PKT_TTL_BAD);
	assert_int_equal(
	    parse6_copy(v3_ip6, sizeof(v3_ip6), ll1, grp6, 256, NULL, &p),
	    VRRP_PKT_TTL_BAD);
	assert_int_equal(
	    parse6_copy(v3_ip6, sizeof(v3_ip6), ll1, grp6, 64, &o, &p),
	    VRRP_PKT_OK);
	assert_int_equal(p.ttl, 64);
}

static void
test_bad_version_type(void **state)
{
	uint8_t b[sizeof(v3_ip6)];
	struct vrrp_pkt p;

	(void)state;
	assert_int_equal(mutate4(v3_ip4, sizeof(v3_ip4), 20, 0x11, true, NULL),
	    VRRP_PKT_VERSION);
	assert_int_equal(mutate4(v3_ip4, sizeof(v3_ip4), 20, 0x41, true, NULL),
	    VRRP_PKT_VERSION);
	assert_int_equal(mutate4(v3_ip4, sizeof(v3_ip4), 20, 0x01, true, NULL),
	    VRRP_PKT_VERSION);
	assert_int_equal(mutate4(v3_ip4, sizeof(v3_ip4), 20, 0x32, true, NULL),
	    VRRP_PKT_TYPE);
	assert_int_equal(mutate4(v2_ip4, sizeof(v2_ip4), 20, 0x20, true, NULL),
	    VRRP_PKT_TYPE);
	/* VRRPv2 is IPv4 only (RFC 3768). */
	memcpy(b, v3_ip6, sizeof(b));
	b[0] = 0x21;
	fix6(b, sizeof(b), ll1, grp6);
	assert_int_equal(parse6_copy(b, sizeof(b), ll1, grp6, 255, NULL, &p),
	    VRRP_PKT_VERSION);
	b[0] = 0x32;
	fix6(b, sizeof(b), ll1, grp6);
	assert_int_equal(
	    parse6_copy(b, sizeof(b), ll1, grp6, 255, NULL, &p), VRRP_PKT_TYPE);
}

static void
test_bad_length(void **state)
{
	uint8_t b[64];
	struct vrrp_pkt p;
	size_t n = sizeof(v2_ip4);

	(void)state;
	/* The count says 3 addresses, 2 are there; or 1. */
	assert_int_equal(
	    mutate4(v2_ip4, n, 23, 3, true, NULL), VRRP_PKT_LENGTH);
	assert_int_equal(
	    mutate4(v2_ip4, n, 23, 1, true, NULL), VRRP_PKT_LENGTH);
	assert_int_equal(mutate4(v3_ip4, sizeof(v3_ip4), 23, 2, true, NULL),
	    VRRP_PKT_LENGTH);
	/* The v2 auth data is missing (treated as a v3 length). */
	memcpy(b, v2_ip4, n - 8);
	b[3] = (uint8_t)(n - 8);
	fix4(b, n - 8);
	assert_int_equal(parse4_copy(b, n - 8, NULL, &p), VRRP_PKT_LENGTH);
	/* A trailing byte the IP header owns up to. */
	memcpy(b, v3_ip4, sizeof(v3_ip4));
	b[sizeof(v3_ip4)] = 0;
	b[3] = sizeof(v3_ip4) + 1;
	assert_int_equal(
	    parse4_copy(b, sizeof(v3_ip4) + 1, NULL, &p), VRRP_PKT_LENGTH);
	/* IPv6: count 1 for 2 addresses; count 3. */
	memcpy(b, v3_ip6, sizeof(v3_ip6));
	b[3] = 1;
	assert_int_equal(
	    parse6_copy(b, sizeof(v3_ip6), ll1, grp6, 255, NULL, &p),
	    VRRP_PKT_LENGTH);
	b[3] = 3;
	assert_int_equal(
	    parse6_copy(b, sizeof(v3_ip6), ll1, grp6, 255, NULL, &p),
	    VRRP_PKT_LENGTH);
}

static void
test_no_addr(void **state)
{
	struct vrrp_pkt_opts o = { .allow_no_addr = true };
	struct vrrp_pkt p = { .family = AF_INET,
		.version = 3,
		.vrid = 1,
		.priority = 100,
		.adver_int = 100,
		.ttl = 255 };
	uint8_t b[64];
	size_t n;

	(void)state;
	p.src = addr4("192.0.2.10");
	p.dst = addr4("224.0.0.18");
	n = vrrp_pkt_build4(&p, NULL, NULL, b, sizeof(b));
	assert_int_equal(n, 28);
	/* RFC 5798 5.2.5: the minimum is 1; keepalived sends 0. */
	assert_int_equal(parse4_copy(b, n, NULL, &p), VRRP_PKT_NO_ADDR);
	assert_int_equal(parse4_copy(b, n, &o, &p), VRRP_PKT_OK);
	assert_int_equal(p.naddr, 0);
	assert_true(vrrp_pkt_addrs_match(&p, NULL, 0));
	/* RFC 3768 sets no minimum for VRRPv2. */
	p.version = 2;
	p.src = addr4("192.0.2.10");
	p.dst = addr4("224.0.0.18");
	n = vrrp_pkt_build4(&p, NULL, NULL, b, sizeof(b));
	assert_int_equal(n, 36);
	assert_int_equal(parse4_copy(b, n, NULL, &p), VRRP_PKT_OK);
}

static void
test_bad_checksum(void **state)
{
	uint8_t b[sizeof(v3_ip6)];
	struct vrrp_pkt p;

	(void)state;
	assert_int_equal(mutate4(v2_ip4, sizeof(v2_ip4), 27, 0x79, false, NULL),
	    VRRP_PKT_CHECKSUM);
	/* An address changed, checksum not. */
	assert_int_equal(mutate4(v2_ip4, sizeof(v2_ip4), 31, 9, false, NULL),
	    VRRP_PKT_CHECKSUM);
	/* The password is covered too. */
	assert_int_equal(mutate4(v2_ip4, sizeof(v2_ip4), 40, 'S', false, NULL),
	    VRRP_PKT_CHECKSUM);
	assert_int_equal(mutate4(v3_ip4, sizeof(v3_ip4), 26, 0, false, NULL),
	    VRRP_PKT_CHECKSUM);
	/* VRRPv3 covers the pseudo-header: another destination. */
	assert_int_equal(mutate4(v3_ip4, sizeof(v3_ip4), 19, 19, false, NULL),
	    VRRP_PKT_CHECKSUM);
	/* VRRPv2 does not. */
	assert_int_equal(
	    mutate4(v2_ip4, sizeof(v2_ip4), 19, 19, false, NULL), VRRP_PKT_OK);
	memcpy(b, v3_ip6, sizeof(b));
	b[2] = 100;
	assert_int_equal(parse6_copy(b, sizeof(b), ll1, grp6, 255, NULL, &p),
	    VRRP_PKT_CHECKSUM);
	assert_int_equal(
	    parse6_copy(v3_ip6, sizeof(v3_ip6), ll1, "ff02::13", 255, NULL, &p),
	    VRRP_PKT_CHECKSUM);
}

static void
test_bad_auth_type(void **state)
{
	size_t n = sizeof(v2_ip4);

	(void)state;
	assert_int_equal(
	    mutate4(v2_ip4, n, 24, 3, true, NULL), VRRP_PKT_AUTH_TYPE);
	assert_int_equal(
	    mutate4(v2_ip4, n, 24, 255, true, NULL), VRRP_PKT_AUTH_TYPE);
	/* 0 (none) and 2 (AH) are known: matching them to the instance is
	   the caller's job. */
	assert_int_equal(mutate4(v2_ip4, n, 24, 0, true, NULL), VRRP_PKT_OK);
	assert_int_equal(mutate4(v2_ip4, n, 24, 2, true, NULL), VRRP_PKT_OK);
	/* In VRRPv3 that byte is rsvd + interval. */
	assert_int_equal(
	    mutate4(v3_ip4, sizeof(v3_ip4), 24, 0x03, true, NULL), VRRP_PKT_OK);
}

static void
test_adver_int(void **state)
{
	uint8_t b[64];
	struct vrrp_pkt p;

	(void)state;
	assert_int_equal(mutate4(v2_ip4, sizeof(v2_ip4), 25, 0, true, NULL),
	    VRRP_PKT_ADVER_INT);
	assert_int_equal(mutate4(v3_ip4, sizeof(v3_ip4), 25, 0, true, NULL),
	    VRRP_PKT_ADVER_INT);
	/* RFC 5798 5.2.6: rsvd is ignored; it does not make 0 valid. */
	assert_int_equal(mutate4(v3_ip4, sizeof(v3_ip4), 24, 0xf0, false, NULL),
	    VRRP_PKT_CHECKSUM);
	memcpy(b, v3_ip4, sizeof(v3_ip4));
	b[24] = 0xf0;
	b[25] = 0;
	fix4(b, sizeof(v3_ip4));
	assert_int_equal(
	    parse4_copy(b, sizeof(v3_ip4), NULL, &p), VRRP_PKT_ADVER_INT);
	b[24] = 0xf1;
	b[25] = 0x02;
	fix4(b, sizeof(v3_ip4));
	assert_int_equal(parse4_copy(b, sizeof(v3_ip4), NULL, &p), VRRP_PKT_OK);
	assert_int_equal(p.adver_int, 0x102);
	/* VRRPv2 seconds become centiseconds. */
	assert_int_equal(
	    mutate4(v2_ip4, sizeof(v2_ip4), 25, 255, true, NULL), VRRP_PKT_OK);
	memcpy(b, v2_ip4, sizeof(v2_ip4));
	b[25] = 255;
	fix4(b, sizeof(v2_ip4));
	assert_int_equal(parse4_copy(b, sizeof(v2_ip4), NULL, &p), VRRP_PKT_OK);
	assert_int_equal(p.adver_int, 25500);
	memcpy(b, v3_ip6, sizeof(v3_ip6));
	b[4] = b[5] = 0;
	fix6(b, sizeof(v3_ip6), ll1, grp6);
	assert_int_equal(
	    parse6_copy(b, sizeof(v3_ip6), ll1, grp6, 255, NULL, &p),
	    VRRP_PKT_ADVER_INT);
}

/* Fields the builders cannot encode, and buffers too small. */
static void
test_build_errors(void **state)
{
	struct cfg_addr a[2];
	struct vrrp_pkt p = { .family = AF_INET,
		.version = 2,
		.vrid = 1,
		.priority = 100,
		.naddr = 2,
		.adver_int = 100,
		.ttl = 255 };
	uint8_t buf[VRRP_PKT_MAX_LEN], *b;
	size_t n, need;

	(void)state;
	p.src = addr4("192.0.2.10");
	p.dst = addr4("224.0.0.18");
	a[0] = addr4("192.0.2.1");
	a[1] = addr4("192.0.2.2");
	need = vrrp_pkt_build4(&p, a, NULL, buf, sizeof(buf));
	assert_int_equal(need, 44);
	/* Exactly sized heap blocks: ASan catches a write past them. */
	for (n = 0; n <= need; n++) {
		b = malloc(n ? n : 1);
		assert_non_null(b);
		assert_int_equal(
		    vrrp_pkt_build4(&p, a, NULL, b, n), n == need ? need : 0);
		free(b);
	}
	p.adver_int = 150; /* v2 is whole seconds */
	assert_int_equal(vrrp_pkt_build4(&p, a, NULL, buf, sizeof(buf)), 0);
	p.adver_int = 25600;
	assert_int_equal(vrrp_pkt_build4(&p, a, NULL, buf, sizeof(buf)), 0);
	p.adver_int = 0;
	assert_int_equal(vrrp_pkt_build4(&p, a, NULL, buf, sizeof(buf)), 0);
	p.version = 3;
	assert_int_equal(vrrp_pkt_build4(&p, a, NULL, buf, sizeof(buf)), 0);
	p.adver_int = 4096;
	assert_int_equal(vrrp_pkt_build4(&p, a, NULL, buf, sizeof(buf)), 0);
	p.adver_int = 4095;
	assert_int_equal(vrrp_pkt_build4(&p, a, NULL, buf, sizeof(buf)), 36);
	p.version = 4;
	assert_int_equal(vrrp_pkt_build4(&p, a, NULL, buf, sizeof(buf)), 0);
	p.version = 3;
	/* An address of the other family. */
	a[1] = addr6("2001:db8::1");
	assert_int_equal(vrrp_pkt_build4(&p, a, NULL, buf, sizeof(buf)), 0);
	/* The family of the packet and its builder. */
	assert_int_equal(vrrp_pkt_build6(&p, a, buf, sizeof(buf)), 0);
	p.family = AF_INET6;
	assert_int_equal(vrrp_pkt_build4(&p, a, NULL, buf, sizeof(buf)), 0);
	p.src = addr6(ll1);
	p.dst = addr6(grp6);
	a[0] = addr6("fe80::100");
	assert_int_equal(vrrp_pkt_build6(&p, a, buf, sizeof(buf)), 40);
	for (n = 0; n < 40; n++)
		assert_int_equal(vrrp_pkt_build6(&p, a, buf, n), 0);
	/* VRRPv2 over IPv6. */
	p.version = 2;
	p.adver_int = 100;
	assert_int_equal(vrrp_pkt_build6(&p, a, buf, sizeof(buf)), 0);
}

/* Priority 0 (the master stops, RFC 5798 6.4.3) is an ordinary advert. */
static void
test_priority_zero(void **state)
{
	struct vrrp_pkt p;

	(void)state;
	assert_int_equal(
	    mutate4(v3_ip4, sizeof(v3_ip4), 22, 0, true, NULL), VRRP_PKT_OK);
	assert_int_equal(
	    mutate4(v2_ip4, sizeof(v2_ip4), 22, 0, true, NULL), VRRP_PKT_OK);
	assert_int_equal(
	    parse4_copy(v3_ip4, sizeof(v3_ip4), NULL, &p), VRRP_PKT_OK);
}

static void
test_addrs_match(void **state)
{
	struct cfg_addr c[3];
	struct vrrp_pkt p;
	uint8_t b[64];

	(void)state;
	assert_int_equal(
	    vrrp_pkt_parse4(v2_ip4, sizeof(v2_ip4), NULL, &p), VRRP_PKT_OK);
	c[0] = addr4("192.0.2.2");
	c[1] = addr4("192.0.2.1");
	c[2] = addr4("192.0.2.3");
	assert_true(vrrp_pkt_addrs_match(&p, c, 2)); /* another order */
	assert_false(vrrp_pkt_addrs_match(&p, c, 1));
	assert_false(vrrp_pkt_addrs_match(&p, c, 3));
	assert_false(vrrp_pkt_addrs_match(&p, c + 1, 2));
	c[0] = addr6("::ffff:192.0.2.2");
	assert_false(vrrp_pkt_addrs_match(&p, c, 2));
	/* A packet listing one address twice does not match {1, 2}. */
	memcpy(b, v2_ip4, sizeof(v2_ip4));
	memcpy(b + 32, b + 28, 4);
	fix4(b, sizeof(v2_ip4));
	assert_int_equal(
	    vrrp_pkt_parse4(b, sizeof(v2_ip4), NULL, &p), VRRP_PKT_OK);
	c[0] = addr4("192.0.2.2");
	assert_false(vrrp_pkt_addrs_match(&p, c, 2));
}

/* An instance that the reference v2 packet suits: VRID 51, PASS
   "secret", 1 s, VIPs 192.0.2.1 and .2, we are 192.0.2.20. */
static void
expect_v2(struct vrrp_pkt_expect *e, struct cfg_addr *vips)
{
	memset(e, 0, sizeof(*e));
	e->version = 2;
	e->self = addr4("192.0.2.20");
	e->min_ttl = e->max_ttl = -1;
	e->auth_type = VRRP_PKT_AUTH_PASS;
	memcpy(e->auth_pass, "secret\0\0", 8);
	e->adver_int = 100;
	e->check_addrs = true;
	vips[0] = addr4("192.0.2.2");
	vips[1] = addr4("192.0.2.1");
	e->addrs = vips;
	e->naddr = 2;
}

/* Each instance check on a captured packet: it passes as is and each
   change of the instance's expectation trips exactly its check. */
static void
test_instance_checks(void **state)
{
	struct vrrp_pkt_expect e;
	struct cfg_addr vips[2], other[1];
	struct vrrp_pkt p;

	(void)state;
	assert_int_equal(
	    vrrp_pkt_parse4(v2_ip4, sizeof(v2_ip4), NULL, &p), VRRP_PKT_OK);
	expect_v2(&e, vips);
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_OK);
	e.self = addr4("192.0.2.10");
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_OWN);
	expect_v2(&e, vips);
	e.version = 3;
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_VERSION_DIFFERS);
	expect_v2(&e, vips);
	e.auth_type = VRRP_PKT_AUTH_NONE;
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_AUTH_DIFFERS);
	expect_v2(&e, vips);
	memcpy(e.auth_pass, "secreT\0\0", 8);
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_PASS_WRONG);
	expect_v2(&e, vips);
	e.adver_int = 200;
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_INTERVAL);
	/* address count and list */
	expect_v2(&e, vips);
	e.naddr = 1;
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_ADDRS);
	other[0] = addr4("192.0.2.3");
	e.addrs = other;
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_ADDRS);
	e.check_addrs = false; /* skip_check_adv_addr */
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_OK);
	/* multicast needs TTL 255 even when the parser let it through */
	expect_v2(&e, vips);
	p.ttl = 64;
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_MCAST_TTL);
	/* unicast: the peer's TTL window; strangers with check_unicast_src */
	e.unicast = true;
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_OK);
	e.peers_only = true;
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_NOT_PEER);
	e.from_peer = true;
	e.min_ttl = 65;
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_PEER_TTL);
	e.min_ttl = 10;
	e.max_ttl = 63;
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_PEER_TTL);
	e.max_ttl = 64;
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_OK);
}

/* VRRPv3: no authentication or interval checks; a resigning master's
   addresses are not compared. */
static void
test_instance_checks_v3(void **state)
{
	struct vrrp_pkt_expect e;
	struct cfg_addr vip = addr4("192.0.2.1"), other = addr4("192.0.2.9");
	struct vrrp_pkt p;

	(void)state;
	assert_int_equal(
	    vrrp_pkt_parse4(v3_ip4, sizeof(v3_ip4), NULL, &p), VRRP_PKT_OK);
	memset(&e, 0, sizeof(e));
	e.version = 3;
	e.self = addr4("192.0.2.20");
	e.min_ttl = e.max_ttl = -1;
	e.adver_int = 5; /* a v3 backup learns the master's interval */
	e.auth_type = VRRP_PKT_AUTH_PASS; /* ignored for v3 */
	e.check_addrs = true;
	e.addrs = &vip;
	e.naddr = 1;
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_OK);
	e.addrs = &other;
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_ADDRS);
	p.priority = 0;
	assert_int_equal(vrrp_pkt_check(&p, &e), VRRP_PKT_OK);
}

/* VRRPv2 AH: what we build parses as AH and verifies with the key
   only; the SPI must be the source and the sequence must grow. */
static void
test_ah(void **state)
{
	static const uint8_t key[8] = "s3cret";
	static const struct vrrp_pkt_opts any_ttl = { .any_ttl = true };
	struct cfg_addr vip = addr4("192.0.2.100");
	struct vrrp_pkt_expect e;
	struct vrrp_pkt p, q;
	uint8_t buf[VRRP_PKT_MAX_LEN];
	size_t n;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.family = AF_INET;
	p.version = 2;
	p.vrid = 51;
	p.priority = 150;
	p.naddr = 1;
	p.adver_int = 100;
	p.ttl = 255;
	p.src = addr4("192.0.2.11");
	p.dst = addr4("224.0.0.18");
	assert_int_equal(
	    vrrp_pkt_build4_ah(&p, &vip, key, 7, false, buf, sizeof(buf)), 0);
	p.ip_id = 1234; /* required: the kernel must not pick one */
	n = vrrp_pkt_build4_ah(&p, &vip, key, 7, false, buf, sizeof(buf));
	assert_int_equal(n, 20 + 24 + 8 + 4 + 8);
	assert_int_equal(buf[9], VRRP_PKT_AH_PROTO);
	assert_int_equal(parse4_copy(buf, n, NULL, &q), VRRP_PKT_OK);
	/* parse4_copy freed its copy: parse in place for the ICV */
	assert_int_equal(vrrp_pkt_parse4(buf, n, NULL, &q), VRRP_PKT_OK);
	assert_true(q.ah);
	assert_int_equal(q.ah_seq, 7);
	assert_int_equal(q.ah_spi, 0xc000020b);
	assert_int_equal(q.auth_type, VRRP_PKT_AUTH_AH);
	assert_true(vrrp_pkt_ah_icv_ok(&q, key, false));
	assert_false(
	    vrrp_pkt_ah_icv_ok(&q, (const uint8_t *)"s3creT\0", false));
	/* the TTL is covered for multicast, not for unicast */
	buf[8] = 64;
	assert_int_equal(vrrp_pkt_parse4(buf, n, &any_ttl, &q), VRRP_PKT_OK);
	assert_false(vrrp_pkt_ah_icv_ok(&q, key, false));
	n = vrrp_pkt_build4_ah(&p, &vip, key, 7, true, buf, sizeof(buf));
	buf[8] = 64;
	buf[1] = 0; /* TOS: mutable */
	assert_int_equal(vrrp_pkt_parse4(buf, n, &any_ttl, &q), VRRP_PKT_OK);
	assert_true(vrrp_pkt_ah_icv_ok(&q, key, true));
	/* the instance checks */
	n = vrrp_pkt_build4_ah(&p, &vip, key, 7, false, buf, sizeof(buf));
	assert_int_equal(vrrp_pkt_parse4(buf, n, NULL, &q), VRRP_PKT_OK);
	memset(&e, 0, sizeof(e));
	e.version = 2;
	e.self = addr4("192.0.2.12");
	e.min_ttl = e.max_ttl = -1;
	e.auth_type = VRRP_PKT_AUTH_AH;
	memcpy(e.auth_pass, key, 8);
	e.adver_int = 100;
	e.check_addrs = true;
	e.addrs = &vip;
	e.naddr = 1;
	assert_int_equal(vrrp_pkt_check(&q, &e), VRRP_PKT_OK);
	e.ah_last_seq = 7;
	assert_int_equal(vrrp_pkt_check(&q, &e), VRRP_PKT_AH_REPLAY);
	e.ah_last_seq = 6;
	memcpy(e.auth_pass, "other\0\0", 8);
	assert_int_equal(vrrp_pkt_check(&q, &e), VRRP_PKT_AH_ICV);
	memcpy(e.auth_pass, key, 8);
	q.ah_spi ^= 1;
	assert_int_equal(vrrp_pkt_check(&q, &e), VRRP_PKT_AH_SPI);
	/* an instance without AH refuses it, and AH refuses a plain one */
	q.ah_spi ^= 1;
	e.auth_type = VRRP_PKT_AUTH_NONE;
	assert_int_equal(vrrp_pkt_check(&q, &e), VRRP_PKT_AUTH_DIFFERS);
	/* a plain packet claiming auth type AH has no ICV to verify */
	p.auth_type = VRRP_PKT_AUTH_AH;
	n = vrrp_pkt_build4(&p, &vip, NULL, buf, sizeof(buf));
	assert_int_equal(vrrp_pkt_parse4(buf, n, NULL, &q), VRRP_PKT_OK);
	e.auth_type = VRRP_PKT_AUTH_AH;
	assert_int_equal(vrrp_pkt_check(&q, &e), VRRP_PKT_AH_ICV);
}

/* Drops land in SNMP's counters by reason; TTL, version and checksum
   errors set RFC 6527's protocol error reason. */
static void
test_count_drop(void **state)
{
	struct msg_vrrp_counters c;
	uint8_t pe = 0;

	(void)state;
	memset(&c, 0, sizeof(c));
	vrrp_pkt_count_drop(&c, &pe, VRRP_PKT_MCAST_TTL);
	assert_int_equal(c.ttl_errors, 1);
	assert_int_equal(pe, 1);
	vrrp_pkt_count_drop(&c, &pe, VRRP_PKT_CHECKSUM);
	assert_int_equal(pe, 3);
	vrrp_pkt_count_drop(&c, &pe, VRRP_PKT_VERSION_DIFFERS);
	assert_int_equal(pe, 2);
	vrrp_pkt_count_drop(&c, &pe, VRRP_PKT_PASS_WRONG);
	vrrp_pkt_count_drop(&c, &pe, VRRP_PKT_AH_ICV);
	assert_int_equal(c.auth_failures, 2);
	vrrp_pkt_count_drop(&c, &pe, VRRP_PKT_AUTH_DIFFERS);
	assert_int_equal(c.auth_type_mismatch, 1);
	vrrp_pkt_count_drop(&c, &pe, VRRP_PKT_AUTH_TYPE);
	assert_int_equal(c.invalid_auth_type, 1);
	vrrp_pkt_count_drop(&c, &pe, VRRP_PKT_TYPE);
	assert_int_equal(c.invalid_type_rx, 1);
	vrrp_pkt_count_drop(&c, &pe, VRRP_PKT_LENGTH);
	assert_int_equal(c.length_errors, 1);
	vrrp_pkt_count_drop(&c, &pe, VRRP_PKT_INTERVAL);
	assert_int_equal(c.interval_errors, 1);
	vrrp_pkt_count_drop(&c, &pe, VRRP_PKT_ADDRS);
	assert_int_equal(c.addr_list_errors, 1);
	vrrp_pkt_count_drop(&c, &pe, VRRP_PKT_NOT_PEER);
	assert_int_equal(c.ttl_errors + c.auth_failures + c.length_errors, 4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_results_table),
		cmocka_unit_test(test_ref_v2_ip4),
		cmocka_unit_test(test_ref_v3_ip4),
		cmocka_unit_test(test_ref_v3_ip6),
		cmocka_unit_test(test_old_unicast_checksum),
		cmocka_unit_test(test_build_ref),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_short_vrrp),
		cmocka_unit_test(test_bad_ip_header),
		cmocka_unit_test(test_bad_ttl),
		cmocka_unit_test(test_bad_version_type),
		cmocka_unit_test(test_bad_length),
		cmocka_unit_test(test_no_addr),
		cmocka_unit_test(test_bad_checksum),
		cmocka_unit_test(test_bad_auth_type),
		cmocka_unit_test(test_adver_int),
		cmocka_unit_test(test_instance_checks),
		cmocka_unit_test(test_instance_checks_v3),
		cmocka_unit_test(test_ah),
		cmocka_unit_test(test_build_errors),
		cmocka_unit_test(test_priority_zero),
		cmocka_unit_test(test_addrs_match),
		cmocka_unit_test(test_count_drop),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
