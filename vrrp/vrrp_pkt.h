/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_pkt.h: VRRPv2/v3 advertisement parsing and building, no I/O. */

#ifndef VIGIL_VRRP_PKT_H
#define VIGIL_VRRP_PKT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <netinet/in.h>

#include "cfg.h"
#include "msg.h"

#define VRRP_PKT_PROTO 112 /* IPPROTO_VRRP: RFC 5798 section 5.1.1.4 */
#define VRRP_PKT_TTL 255 /* RFC 5798 section 5.1.1.3 */
#define VRRP_PKT_TYPE_ADVERT 1 /* RFC 5798 section 5.2.2 */
#define VRRP_PKT_HDR_LEN 8 /* fixed fields before the addresses */
#define VRRP_PKT_AUTH_LEN 8 /* VRRPv2 Authentication Data */
#define VRRP_PKT_IP4_HDR_LEN 20 /* the IPv4 header the builder writes */
#define VRRP_PKT_MAX_ADDR 255 /* Count IPvX Addr is 8 bits */
#define VRRP_PKT_AH_PROTO 51 /* IPsec AH, RFC 2402 */
#define VRRP_PKT_AH_LEN 24 /* AH header with a 96-bit ICV */
#define VRRP_PKT_AH_ICV_LEN 12 /* HMAC-MD5-96, RFC 2403 */
/* Largest packet built: IPv4 header, AH, fixed fields, 255 IPv6 sizes. */
#define VRRP_PKT_MAX_LEN \
	(VRRP_PKT_IP4_HDR_LEN + VRRP_PKT_AH_LEN + VRRP_PKT_HDR_LEN + \
	    VRRP_PKT_MAX_ADDR * 16)

/* VRRPv2 Auth Type (RFC 3768 section 5.3.6; 1 and 2 as keepalived). */
enum vrrp_pkt_auth {
	VRRP_PKT_AUTH_NONE = 0,
	VRRP_PKT_AUTH_PASS = 1, /* RFC 2338 simple text password */
	VRRP_PKT_AUTH_AH = 2, /* RFC 2338 IPsec AH */
};

/*
 * Why a packet was rejected: one value per check, in the order the
 * parser makes them.  vrrp_pkt_results[] gives each a short code (for
 * per-reason drop counters) and a text (for logs).
 */
enum vrrp_pkt_result {
	VRRP_PKT_OK,
	VRRP_PKT_TOO_SHORT, /* shorter than the IP + VRRP fixed headers */
	VRRP_PKT_IP_HDR, /* IPv4 version, header length or fragment */
	VRRP_PKT_IP_LEN, /* IPv4 total length is not the length received */
	VRRP_PKT_PROTO_BAD, /* IPv4 protocol is not 112 */
	VRRP_PKT_TTL_BAD, /* TTL / hop limit is not 255 */
	VRRP_PKT_VERSION, /* not 2 or 3, or 2 over IPv6 */
	VRRP_PKT_TYPE, /* not ADVERTISEMENT */
	VRRP_PKT_NO_ADDR, /* VRRPv3 Count IPvX Addr is 0 */
	VRRP_PKT_LENGTH, /* length does not match the address count */
	VRRP_PKT_CHECKSUM, /* checksum does not verify */
	VRRP_PKT_AUTH_TYPE, /* VRRPv2 Auth Type unknown */
	VRRP_PKT_ADVER_INT, /* advertisement interval 0 */
	/* vrrp_pkt_check(): valid, but not for this instance */
	VRRP_PKT_OWN, /* our own advert, looped back */
	VRRP_PKT_VERSION_DIFFERS, /* not the instance's version */
	VRRP_PKT_MCAST_TTL, /* multicast with a TTL / hop limit not 255 */
	VRRP_PKT_NOT_PEER, /* unicast from none of the unicast_peers */
	VRRP_PKT_PEER_TTL, /* outside the peer's min_ttl..max_ttl */
	VRRP_PKT_AUTH_DIFFERS, /* VRRPv2 auth type not the instance's */
	VRRP_PKT_PASS_WRONG, /* VRRPv2 PASS: wrong password */
	VRRP_PKT_AH_ICV, /* VRRPv2 AH: the ICV does not verify */
	VRRP_PKT_AH_SPI, /* VRRPv2 AH: SPI is not the source address */
	VRRP_PKT_AH_REPLAY, /* VRRPv2 AH: sequence number not above the last */
	VRRP_PKT_INTERVAL, /* VRRPv2 interval not the instance's */
	VRRP_PKT_ADDRS, /* addresses not the instance's */
	VRRP_PKT_RESULT_N,
};

struct vrrp_pkt_result_desc {
	const char *code; /* one word, for counters and status output */
	const char *text; /* for log lines */
};

/* Indexed by enum vrrp_pkt_result. */
extern const struct vrrp_pkt_result_desc vrrp_pkt_results[VRRP_PKT_RESULT_N];

/* The text of a result; "unknown result" when out of range. */
const char *vrrp_pkt_strerror(enum vrrp_pkt_result);

/*
 * Which IPv4 destination the VRRPv3 pseudo-header holds.  keepalived
 * 1.3.6 and older (and later ones with old_unicast_checksum) compute the
 * checksum of a unicast VRRPv3 IPv4 advert with the multicast group in
 * the pseudo-header instead of the packet's real destination.
 */
enum vrrp_pkt_csum {
	VRRP_PKT_CSUM_STD, /* the packet's destination (RFC 5798 5.2.8) */
	VRRP_PKT_CSUM_GROUP, /* opts.group instead (old keepalived) */
	VRRP_PKT_CSUM_EITHER, /* parse only: STD, else GROUP (auto-detect) */
};

/* Parse and build options; NULL means all zero (strict RFC). */
struct vrrp_pkt_opts {
	/* Unicast peers may be hops away: the caller checks the TTL. */
	bool any_ttl;
	/* Accept a VRRPv3 count of 0, which keepalived sends for an
	   instance with no virtual_ipaddress (RFC 5798 5.2.5 says >= 1). */
	bool allow_no_addr;
	enum vrrp_pkt_csum csum; /* IPv4 VRRPv3 only */
	struct cfg_addr group; /* AF_UNSPEC: 224.0.0.18 */
};

/*
 * A validated advertisement, or the fields to build one.  addrs points
 * at naddr packed addresses (4 or 16 bytes each) inside the buffer given
 * to the parser: it is valid only as long as that buffer is.  The
 * builders ignore addrs and take struct cfg_addr instead.
 */
struct vrrp_pkt {
	int family; /* AF_INET or AF_INET6 */
	uint8_t version; /* 2 or 3 */
	uint8_t vrid;
	uint8_t priority; /* 0: the master stops (RFC 5798 6.4.3) */
	uint8_t naddr;
	uint16_t adver_int; /* centiseconds; VRRPv2 seconds * 100 */
	uint8_t auth_type; /* VRRPv2 enum vrrp_pkt_auth; 0 for VRRPv3 */
	uint8_t auth_data[VRRP_PKT_AUTH_LEN]; /* VRRPv2 only, as received */
	uint16_t csum; /* as received, host order */
	bool csum_group; /* VRRPv3 IPv4 checksum verified with opts.group:
			    build the reply with VRRP_PKT_CSUM_GROUP */
	uint8_t ttl; /* IPv4 TTL or IPv6 hop limit */
	struct cfg_addr src, dst;
	const uint8_t *addrs; /* parse only; see above */
	/* IPv4 with an AH header (VRRPv2 auth type AH): */
	bool ah;
	uint32_t ah_spi, ah_seq; /* host order */
	uint16_t ip_id; /* build: the IPv4 ID; 0: the kernel's */
	const uint8_t *raw; /* parse4: the whole packet, for the ICV */
	size_t rawlen;
};

/*
 * Parse a packet as an IPv4 raw socket delivers it: from the IPv4
 * header on.  Returns VRRP_PKT_OK and fills *out, or the first check
 * that failed (out is then partly filled: do not use it, but for
 * out->vrid, the VRID byte once the VRRP header was reached and 0
 * before, which names the instance a drop is counted for).  Never reads
 * outside ip[0..len).
 */
enum vrrp_pkt_result vrrp_pkt_parse4(const uint8_t *ip, size_t len,
    const struct vrrp_pkt_opts *, struct vrrp_pkt *out);

/*
 * Parse a VRRP message as an IPv6 raw socket delivers it (the payload
 * only); the addresses come from IPV6_PKTINFO and the source address,
 * the hop limit from IPV6_HOPLIMIT (-1 when missing: rejected unless
 * opts->any_ttl).  The checksum is verified here whether or not the
 * socket has IPV6_CHECKSUM set.
 */
enum vrrp_pkt_result vrrp_pkt_parse6(const uint8_t *vrrp, size_t len,
    const struct in6_addr *src, const struct in6_addr *dst, int hoplimit,
    const struct vrrp_pkt_opts *, struct vrrp_pkt *out);

/* The i-th advertised address of a parsed packet. */
void vrrp_pkt_addr(const struct vrrp_pkt *, size_t i, struct cfg_addr *out);

/*
 * Whether the advertised addresses are the configured ones, in any
 * order (RFC 5798 7.1 "MAY verify"): same count, and each side's every
 * address is on the other.
 */
bool vrrp_pkt_addrs_match(
    const struct vrrp_pkt *, const struct cfg_addr *conf, size_t nconf);

/*
 * What an instance expects of the adverts for its VRID: the checks of
 * RFC 3768 section 7.1 and RFC 5798 section 7.1 that need its
 * configuration, after the parser's.
 */
struct vrrp_pkt_expect {
	uint8_t version;
	struct cfg_addr self; /* our advert source */
	bool unicast; /* unicast peers: their TTL rules, not 255 */
	bool from_peer; /* the source is one of the unicast_peers */
	bool peers_only; /* check_unicast_src */
	int min_ttl, max_ttl; /* that peer's; -1: none */
	uint8_t auth_type; /* enum vrrp_pkt_auth, VRRPv2 */
	uint8_t auth_pass[VRRP_PKT_AUTH_LEN]; /* PASS, zero-padded */
	uint16_t adver_int; /* centiseconds; VRRPv2 must match */
	uint32_t ah_last_seq; /* AH: the highest sequence number taken */
	bool check_addrs; /* not skip_check_adv_addr */
	const struct cfg_addr *addrs; /* the instance's VIPs of its family */
	size_t naddr;
};

/*
 * Counts a dropped advert of an instance by why (RFC 2787's
 * vrrpRouterStatsTable, RFC 6527's vrrpv3StatisticsTable), and sets
 * *proto_err to RFC 6527's ProtoErrReason for a TTL, version or
 * checksum error.  The router-wide checksum, version and VRID errors are
 * counted by the socket (vrrp_sock_stats), not here.  Pure.
 */
void vrrp_pkt_count_drop(
    struct msg_vrrp_counters *, uint8_t *proto_err, enum vrrp_pkt_result);

/* VRRP_PKT_OK, or the first instance check p fails.  Pure. */
enum vrrp_pkt_result
vrrp_pkt_check(const struct vrrp_pkt *p, const struct vrrp_pkt_expect *e);

/*
 * Build an advertisement from p's fields (family, version, vrid,
 * priority, naddr, adver_int, auth_type, auth_data, ttl, src, dst) and
 * the naddr addresses in addrs, into buf.  vrrp_pkt_build4 writes a
 * 20-byte IPv4 header first (for an IP_HDRINCL socket: TOS 0xc0,
 * ID 0 so the kernel picks one); vrrp_pkt_build6 writes the VRRP
 * message only (hop limit and addresses go in ancillary data).  The
 * checksum is always filled in; only opts->csum == VRRP_PKT_CSUM_GROUP
 * changes it.  Returns the length written, or 0 when buf is too small or
 * a field cannot be encoded (VRRPv2 interval not whole seconds in
 * 1..255 s, VRRPv3 interval not in 1..4095 cs, VRRPv2 over IPv6, an
 * address of the other family).
 */
size_t vrrp_pkt_build4(const struct vrrp_pkt *p, const struct cfg_addr *addrs,
    const struct vrrp_pkt_opts *, uint8_t *buf, size_t size);
size_t vrrp_pkt_build6(const struct vrrp_pkt *p, const struct cfg_addr *addrs,
    uint8_t *buf, size_t size);

/*
 * VRRPv2 IPsec AH authentication (RFC 2338 section 5.3.6.2), as
 * keepalived puts it on the wire: IPv4 protocol 51, an AH header (next
 * header 112, payload length 4, SPI = the source address, sequence
 * number seq) before the VRRP message, whose Auth Type is 2 and whose
 * Authentication Data is zero; the ICV is HMAC-MD5-96 keyed with the
 * 8-byte auth_pass over the IPv4 header (TOS, fragment field and
 * checksum zeroed, and the TTL too for unicast), the AH header (ICV
 * zeroed) and the VRRP message.  p->ip_id must be set: the kernel
 * would change an ID of 0 after the ICV was made.  Returns the length
 * written, or 0 as vrrp_pkt_build4.
 */
size_t vrrp_pkt_build4_ah(const struct vrrp_pkt *p,
    const struct cfg_addr *addrs, const uint8_t key[VRRP_PKT_AUTH_LEN],
    uint32_t seq, bool unicast, uint8_t *buf, size_t size);

/* Whether a parsed AH packet's ICV verifies with key. */
bool vrrp_pkt_ah_icv_ok(const struct vrrp_pkt *p,
    const uint8_t key[VRRP_PKT_AUTH_LEN], bool unicast);

/* vrrp_crypto.c: OpenSSL's HMAC-MD5 and constant-time compare, from a
   libcrypto loaded at the first use; false (logged once) without it. */
bool vrrp_hmac_md5(const uint8_t *key, size_t keylen, const uint8_t *data,
    size_t len, uint8_t out[16]);
bool vrrp_mem_equal(const void *a, const void *b, size_t len);

#endif
