/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipvs_shim: LD_PRELOAD that lets keepalived's checker run on a kernel without IPVS. */

/*
 * keepalived's checker exits when the kernel has no IPVS.  For bench/checks
 * it only has to believe that IPVS is there: its generic netlink lookup of
 * the "IPVS" family fails by itself (no module), so it falls back to the
 * old [gs]etsockopt interface on a raw socket, level IPPROTO_IP, options
 * IP_VS_BASE_CTL .. +15.  This library answers those with success: every
 * SET is accepted and forgotten, every GET describes an empty table of an
 * IPVS 1.2.1 with 4096 connection buckets.  All other calls go through.
 *
 *	cc -O2 -shared -fPIC -o ipvs_shim.so ipvs_shim.c -ldl
 *	LD_PRELOAD=./ipvs_shim.so keepalived -n -C ...
 */

#define _GNU_SOURCE

#include <sys/socket.h>
#include <sys/types.h>

#include <netinet/in.h>
#include <linux/ip_vs.h>

#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define SHIM_VERSION 0x010201 /* 1.2.1, as the kernel has said for years */
#define SHIM_TAB_SIZE 4096

typedef int (*getsockopt_fn)(int, int, int, void *, socklen_t *);
typedef int (*setsockopt_fn)(int, int, int, const void *, socklen_t);

static int
is_ipvs(int level, int opt)
{
	return level == IPPROTO_IP && opt >= IP_VS_BASE_CTL &&
	    opt <= IP_VS_BASE_CTL + 15;
}

int
setsockopt(int fd, int level, int opt, const void *val, socklen_t len)
{
	static setsockopt_fn real;

	if (is_ipvs(level, opt))
		return 0;
	if (real == NULL)
		real = (setsockopt_fn)dlsym(RTLD_NEXT, "setsockopt");
	return real(fd, level, opt, val, len);
}

int
getsockopt(int fd, int level, int opt, void *val, socklen_t *len)
{
	static getsockopt_fn real;
	struct ip_vs_getinfo info;
	struct ip_vs_timeout_user to;

	if (!is_ipvs(level, opt)) {
		if (real == NULL)
			real = (getsockopt_fn)dlsym(RTLD_NEXT, "getsockopt");
		return real(fd, level, opt, val, len);
	}
	switch (opt) {
	case IP_VS_SO_GET_VERSION:
		snprintf(val, *len,
		    "IP Virtual Server version %d.%d.%d "
		    "(size=%d)",
		    SHIM_VERSION >> 16, (SHIM_VERSION >> 8) & 0xff,
		    SHIM_VERSION & 0xff, SHIM_TAB_SIZE);
		break;
	case IP_VS_SO_GET_INFO:
		memset(&info, 0, sizeof(info));
		info.version = SHIM_VERSION;
		info.size = SHIM_TAB_SIZE;
		memcpy(val, &info, *len < sizeof(info) ? *len : sizeof(info));
		break;
	case IP_VS_SO_GET_TIMEOUT:
		to.tcp_timeout = 900;
		to.tcp_fin_timeout = 120;
		to.udp_timeout = 300;
		memcpy(val, &to, *len < sizeof(to) ? *len : sizeof(to));
		break;
	case IP_VS_SO_GET_DESTS:
		/* the caller's key stays; no destinations */
		if (*len >= offsetof(struct ip_vs_get_dests, entrytable))
			((struct ip_vs_get_dests *)val)->num_dests = 0;
		break;
	default:
		/* services: none; service, daemon: all zero */
		memset(val, 0, *len);
		break;
	}
	return 0;
}
