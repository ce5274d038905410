/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_nltool.c: drives the VRRP child's link layer from the command line. */

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ev.h>

#include "cfg.h"
#include "log.h"
#include "../../vrrp/vrrp_conf.h"
#include "../../vrrp/vrrp_garp.h"
#include "../../vrrp/vrrp_nl.h"
#include "../../vrrp/vrrp_vmac.h"

/* Address, route and rule lines are read by the config parser, as a
   static_ipaddress/static_routes/static_rules block, so the objects are
   exactly what vigild hands the link layer. */

static void usage(void) __attribute__((noreturn));
static void *parse_line(const char *section, int argc, char **argv);
static int ifindex_of(const char *);
static bool get_addr(const char *, struct cfg_addr *);
static bool get_mac(const char *, uint8_t mac[6]);
static double now_us(void);
static void on_link(void *, const struct vrrp_link *, bool);
static void on_addr(void *, int, const struct cfg_addr *, int, bool);
static void on_timeout(struct ev_loop *, ev_timer *, int);
static int cmd_addr(int, char **);
static int cmd_route(int, char **);
static int cmd_rule(int, char **);
static int cmd_garp(int, char **);
static int cmd_vmac(int, char **);
static int cmd_monitor(int, char **);
static int cmd_bench(int, char **);
static int cmd_links(void);

static bool quiet_links = true;

static void
usage(void)
{
	fprintf(stderr,
	    "usage: vrrp_nltool COMMAND ...\n"
	    "  addr add|del IFNAME ADDRESS-LINE...\n"
	    "  route add|del IFNAME|- ROUTE-LINE...\n"
	    "  rule add|del RULE-LINE...\n"
	    "  primary IFNAME inet|inet6\n"
	    "  present IFNAME ADDR\n"
	    "  garp IFNAME ADDR [MAC] [COUNT]\n"
	    "  vmac add PARENT NAME VRID [inet|inet6] [MAC]\n"
	    "  vmac del NAME\n"
	    "  vmac addel PARENT NAME VRID\n"
	    "  links\n"
	    "  monitor SECONDS\n"
	    "  bench IFNAME ADDRESS-LINE N\n");
	exit(2);
}

static void *
parse_line(const char *section, int argc, char **argv)
{
	struct cfg_diag diag;
	struct config *cfg;
	struct vrrp_model *m;
	struct cfg_vec *v;
	char text[2048];
	size_t n;
	int i;

	n = (size_t)snprintf(text, sizeof(text), "%s {\n ", section);
	for (i = 0; i < argc && n < sizeof(text); i++)
		n += (size_t)snprintf(
		    text + n, sizeof(text) - n, " %s", argv[i]);
	if (n >= sizeof(text) - 4) {
		fprintf(stderr, "line too long\n");
		exit(2);
	}
	strcat(text, "\n}\n");
	cfg_register_all();
	cfg_diag_init(&diag);
	cfg = cfg_parse_text(text, strlen(text), &diag);
	for (n = 0; n < diag.n; n++)
		fprintf(stderr, "%s\n", diag.lines[n]);
	if (cfg == NULL || diag.nerrors > 0)
		exit(2);
	m = cfg_model(cfg, CFG_MODEL_VRRP);
	v = strcmp(section, "static_ipaddress") == 0 ? &m->static_addrs
	    : strcmp(section, "static_routes") == 0  ? &m->static_routes
	                                             : &m->static_rules;
	if (v->n != 1) {
		fprintf(stderr, "expected one %s line\n", section);
		exit(2);
	}
	/* the config stays: the object lives in its arena */
	return v->v[0];
}

static int
ifindex_of(const char *name)
{
	const struct vrrp_link *l = vrrp_nl_link_by_name(name);

	if (l == NULL) {
		fprintf(stderr, "no interface %s\n", name);
		exit(1);
	}
	return l->ifindex;
}

static bool
get_addr(const char *s, struct cfg_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->u.v4) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, s, a->u.v6) == 1)
		a->family = AF_INET6;
	return a->family != AF_UNSPEC;
}

static bool
get_mac(const char *s, uint8_t mac[6])
{
	unsigned v[6];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4],
	        &v[5]) != 6)
		return false;
	for (i = 0; i < 6; i++)
		mac[i] = (uint8_t)v[i];
	return true;
}

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void
on_link(void *arg, const struct vrrp_link *l, bool gone)
{
	(void)arg;
	if (quiet_links)
		return;
	if (gone)
		printf("link %s gone\n", l->name);
	else
		printf("link %s %s mtu %u\n", l->name, l->up ? "up" : "down",
		    l->mtu);
	fflush(stdout);
}

static void
on_addr(void *arg, int ifindex, const struct cfg_addr *a, int prefix, bool gone)
{
	const struct vrrp_link *l = vrrp_nl_link_by_index(ifindex);
	char b[INET6_ADDRSTRLEN];

	(void)arg;
	printf("addr %s %s %s/%d\n", gone ? "del" : "add",
	    l != NULL ? l->name : "?", cfg_addr_str(a, "?", b, sizeof(b)),
	    prefix);
	fflush(stdout);
}

static void
on_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)w;
	(void)revents;
	ev_break(loop, EVBREAK_ALL);
}

static int
cmd_addr(int argc, char **argv)
{
	struct vrrp_ipaddr *a;
	bool add;

	if (argc < 4)
		usage();
	add = strcmp(argv[1], "add") == 0;
	a = parse_line("static_ipaddress", argc - 3, argv + 3);
	return vrrp_nl_addr(add, ifindex_of(argv[2]), a) < 0 ? 1 : 0;
}

static int
cmd_route(int argc, char **argv)
{
	struct vrrp_route *r;
	bool add;

	if (argc < 4)
		usage();
	add = strcmp(argv[1], "add") == 0;
	r = parse_line("static_routes", argc - 3, argv + 3);
	return vrrp_nl_route(add, r,
	           strcmp(argv[2], "-") == 0 ? 0 : ifindex_of(argv[2])) < 0
	    ? 1
	    : 0;
}

static int
cmd_rule(int argc, char **argv)
{
	struct vrrp_rule *r;
	bool add;

	if (argc < 3)
		usage();
	add = strcmp(argv[1], "add") == 0;
	r = parse_line("static_rules", argc - 2, argv + 2);
	return vrrp_nl_rule(add, r) < 0 ? 1 : 0;
}

static int
cmd_garp(int argc, char **argv)
{
	const struct vrrp_link *l;
	const struct vrrp_garp_stats *st;
	struct cfg_addr a;
	uint8_t mac[6];
	int i, n = 1;

	if (argc < 3 || !get_addr(argv[2], &a))
		usage();
	l = vrrp_nl_link_by_index(ifindex_of(argv[1]));
	memcpy(mac, l->mac, 6);
	if (argc > 3 && !get_mac(argv[3], mac))
		usage();
	if (argc > 4)
		n = atoi(argv[4]);
	if (vrrp_garp_open() < 0)
		return 1;
	for (i = 0; i < n; i++)
		if (vrrp_garp_send(l->ifindex, mac, &a) < 0)
			return 1;
	st = vrrp_garp_stats();
	printf("arp_sent %llu na_sent %llu errors %llu\n",
	    (unsigned long long)st->arp_sent, (unsigned long long)st->na_sent,
	    (unsigned long long)st->errors);
	vrrp_garp_close();
	return 0;
}

static int
cmd_vmac(int argc, char **argv)
{
	uint8_t mac[6];
	int family = AF_INET, r;

	if (argc == 3 && strcmp(argv[1], "del") == 0)
		return vrrp_vmac_delete(ifindex_of(argv[2])) < 0 ? 1 : 0;
	/* addel: made and deleted by one process, which puts back what
	   it changed on the parent */
	if (argc == 5 && strcmp(argv[1], "addel") == 0) {
		r = vrrp_vmac_create(argv[3], ifindex_of(argv[2]), AF_INET,
		    (uint8_t)atoi(argv[4]), NULL);
		return r < 0 || vrrp_vmac_delete(r) < 0 ? 1 : 0;
	}
	if (argc < 5 || strcmp(argv[1], "add") != 0)
		usage();
	if (argc > 5)
		family = strcmp(argv[5], "inet6") == 0 ? AF_INET6 : AF_INET;
	if (argc > 6 && !get_mac(argv[6], mac))
		usage();
	r = vrrp_vmac_create(argv[3], ifindex_of(argv[2]), family,
	    (uint8_t)atoi(argv[4]), argc > 6 ? mac : NULL);
	if (r < 0)
		return 1;
	vrrp_nl_poll();
	if (vrrp_nl_link_by_index(r) == NULL) {
		fprintf(stderr, "VMAC %d is not in the link table\n", r);
		return 1;
	}
	printf("%d\n", r);
	return 0;
}

static int
cmd_links(void)
{
	const struct vrrp_link *l;
	int i;

	for (i = 1; i < 100000; i++) {
		l = vrrp_nl_link_by_index(i);
		if (l == NULL)
			continue;
		printf("%d %s %s %02x:%02x:%02x:%02x:%02x:%02x/%u mtu %u\n",
		    l->ifindex, l->name, l->up ? "up" : "down", l->mac[0],
		    l->mac[1], l->mac[2], l->mac[3], l->mac[4], l->mac[5],
		    l->maclen, l->mtu);
	}
	return 0;
}

static int
cmd_monitor(int argc, char **argv)
{
	struct ev_loop *loop = EV_DEFAULT;
	ev_timer t;

	if (argc < 2)
		usage();
	quiet_links = false;
	vrrp_nl_watch_addrs(on_addr, NULL);
	printf("ready\n");
	fflush(stdout);
	ev_timer_init(&t, on_timeout, atof(argv[1]), 0);
	ev_timer_start(loop, &t);
	ev_run(loop, 0);
	return 0;
}

/* The failover path's cost: N adds (each with a gratuitous ARP or NA
   after it) and N deletes, one after the other. */
static int
cmd_bench(int argc, char **argv)
{
	const struct vrrp_link *l;
	struct vrrp_ipaddr *a;
	double t0, add_us = 0, garp_us = 0, del_us = 0, worst = 0, t;
	double first = 0;
	int slow = 0;
	int i, n;

	if (argc < 4)
		usage();
	n = atoi(argv[argc - 1]);
	l = vrrp_nl_link_by_index(ifindex_of(argv[1]));
	a = parse_line("static_ipaddress", argc - 3, argv + 2);
	if (vrrp_garp_open() < 0)
		return 1;
	for (i = 0; i < n; i++) {
		t0 = now_us();
		if (vrrp_nl_addr(true, l->ifindex, a) < 0)
			return 1;
		t = now_us();
		add_us += t - t0;
		if (vrrp_garp_send(l->ifindex, l->mac, &a->addr) < 0)
			return 1;
		garp_us += now_us() - t;
		/* the first round pays for cold caches and page faults */
		if (i == 0)
			first = now_us() - t0;
		else if (now_us() - t0 > worst)
			worst = now_us() - t0;
		if (i > 0 && now_us() - t0 > 200)
			slow++;
		t = now_us();
		if (vrrp_nl_addr(false, l->ifindex, a) < 0)
			return 1;
		del_us += now_us() - t;
	}
	printf("pairs %d add_us %.1f garp_us %.1f del_us %.1f "
	       "pair_us %.1f first_add_garp_us %.1f worst_add_garp_us %.1f "
	       "over_200us %d\n",
	    n, add_us / n, garp_us / n, del_us / n, (add_us + del_us) / n,
	    first, worst, slow);
	return 0;
}

int
main(int argc, char **argv)
{
	struct log_opts lo = { .console = true, .detail = true };
	struct cfg_addr a;
	int r;

	if (argc < 2)
		usage();
	log_init(&lo, "nltool");
	if (vrrp_nl_open(EV_DEFAULT, on_link, NULL) < 0)
		return 1;
	argc--;
	argv++;
	if (strcmp(argv[0], "addr") == 0)
		r = cmd_addr(argc, argv);
	else if (strcmp(argv[0], "route") == 0)
		r = cmd_route(argc, argv);
	else if (strcmp(argv[0], "rule") == 0)
		r = cmd_rule(argc, argv);
	else if (strcmp(argv[0], "garp") == 0)
		r = cmd_garp(argc, argv);
	else if (strcmp(argv[0], "vmac") == 0)
		r = cmd_vmac(argc, argv);
	else if (strcmp(argv[0], "links") == 0)
		r = cmd_links();
	else if (strcmp(argv[0], "monitor") == 0)
		r = cmd_monitor(argc, argv);
	else if (strcmp(argv[0], "bench") == 0)
		r = cmd_bench(argc, argv);
	else if (strcmp(argv[0], "primary") == 0 && argc == 3) {
		char b[INET6_ADDRSTRLEN];
		r = vrrp_nl_primary_addr(ifindex_of(argv[1]),
		    strcmp(argv[2], "inet6") == 0 ? AF_INET6 : AF_INET, &a);
		if (r == 0)
			printf("%s\n", cfg_addr_str(&a, "?", b, sizeof(b)));
		r = r < 0 ? 1 : 0;
	} else if (strcmp(argv[0], "present") == 0 && argc == 3) {
		if (!get_addr(argv[2], &a))
			usage();
		r = vrrp_nl_addr_present(ifindex_of(argv[1]), &a) ? 0 : 1;
	} else
		usage();
	vrrp_nl_close(EV_DEFAULT);
	return r;
}
