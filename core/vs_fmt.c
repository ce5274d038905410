/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vs_fmt.c: keepalived's names of virtual and real servers. */

#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdio.h>

#include "vs_fmt.h"

static const char *
proto_word(unsigned proto)
{
	switch (proto) {
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_SCTP:
		return "sctp";
	case 0:
		return "none";
	default:
		return "?";
	}
}

void
vs_fmt_vs(const struct vs_vs *vs, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	switch ((enum vs_kind)vs->kind) {
	case VS_FWMARK:
		snprintf(buf, size, "FWM %" PRIu32, vs->fwmark);
		break;
	case VS_GROUP:
		snprintf(buf, size, "[%s]:%u", vs->group, vs->port);
		break;
	case VS_ADDR:
	default:
		cfg_addr_str(&vs->addr, "?", a, sizeof(a));
		snprintf(buf, size, "[%s]:%s:%u", a, proto_word(vs->protocol),
		    vs->port);
		break;
	}
}

void
vs_fmt_rs(
    const struct vs_vs *vs, const struct vs_rs *rs, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	cfg_addr_str(&rs->addr, "?", a, sizeof(a));
	snprintf(
	    buf, size, "[%s]:%s:%u", a, proto_word(vs->protocol), rs->port);
}
