/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipvs_nltool.c: drives the IPVS generic netlink codec from the command
   line, for the guest scenarios (tests/vm/scenarios/nl_codec.sh). */

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <linux/ip_vs.h>
#include <netinet/in.h>

#include "log.h"
#include "../../ipvs/ipvs_nl.h"

/*
 * Services are named "tcp|udp|sctp ADDR:PORT" or "fwmark|fwmark6 N";
 * IPv6 addresses in brackets ("[2001:db8::1]:80").  apply reads one
 * operation a line:
 *   svc-add|svc-edit SVC SCHED [persistent=S] [netmask=M] [pe=NAME]
 *       [flags=flag-1,flag-2,flag-3,onepacket|0xN]
 *   svc-del SVC
 *   dest-add|dest-edit SVC ADDR:PORT masq|droute|local|ipip|gue|gre WEIGHT
 *       [u=N] [l=N] [tunport=N] [tunflags=csum|remcsum|nocsum|N]
 *   dest-del SVC ADDR:PORT
 * Empty lines and lines starting with # are skipped.
 */

static void usage(void) __attribute__((noreturn));
static bool
get_addrport(const char *, uint16_t *af, uint8_t addr[16], uint16_t *port);
static bool get_u32(const char *, uint32_t *);
static int get_svc(char **tok, int ntok, struct ipvs_svc *);
static const char *svc_str(const struct ipvs_svc *, char *, size_t);
static const char *
addr_str(uint16_t af, const uint8_t *, uint16_t port, char *, size_t);
static bool get_svc_opts(char **tok, int ntok, struct ipvs_svc *);
static bool get_dest(char **tok, int ntok, bool full, struct ipvs_dest *);
static bool
parse_op(char *line, enum ipvs_nl_op *, struct ipvs_svc *, struct ipvs_dest *);
static void on_fail(enum ipvs_nl_op, const struct ipvs_svc *,
    const struct ipvs_dest *, int, void *);
static void add_line(const char *);
static int by_text(const void *, const void *);
static void on_svc(const struct ipvs_svc *, void *);
static void on_dest(const struct ipvs_dest *, void *);
static void print_lines(void);
static int by_svc(const void *, const void *);
static int cmd_list(struct ipvs_nl *);
static int cmd_dests(struct ipvs_nl *, int, char **);
static int cmd_apply(struct ipvs_nl *, const char *);
static int cmd_timeouts(struct ipvs_nl *, int, char **);
static void on_daemon(const struct ipvs_daemon *, void *);
static int cmd_daemon(struct ipvs_nl *, int, char **);

/* Lines gathered to be printed sorted: the kernel's order is its
   hash's. */
static struct {
	char **v;
	size_t n, cap;
} lines;
static struct ipvs_svc *svcs;
static size_t nsvcs, capsvcs;

static void
usage(void)
{
	fprintf(stderr,
	    "usage: ipvs_nltool COMMAND ...\n"
	    "  list                     services and destinations, sorted\n"
	    "  dests SVC                the destinations of one service\n"
	    "  apply FILE|-             operations in one batch\n"
	    "  flush\n"
	    "  timeouts [TCP TCPFIN UDP]  (-1 keeps one)\n"
	    "  daemon start master|backup IFNAME SYNCID [maxlen=N] [port=N]"
	    " [ttl=N] [group=ADDR]\n"
	    "  daemon stop master|backup\n"
	    "  daemon list\n");
	exit(2);
}

static bool
get_u32(const char *s, uint32_t *v)
{
	char *end;
	unsigned long x;

	errno = 0;
	x = strtoul(s, &end, 0);
	if (errno != 0 || end == s || *end != '\0' || x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

/* "192.0.2.1:80" or "[2001:db8::1]:80"; port may be omitted (0). */
static bool
get_addrport(const char *s, uint16_t *af, uint8_t addr[16], uint16_t *port)
{
	char buf[64];
	const char *a = buf, *p = NULL;
	char *c;
	uint32_t v = 0;

	if (strlen(s) >= sizeof(buf))
		return false;
	strcpy(buf, s);
	memset(addr, 0, 16);
	if (buf[0] == '[') {
		if ((c = strchr(buf, ']')) == NULL)
			return false;
		*c = '\0';
		a = buf + 1;
		if (c[1] == ':')
			p = c + 2;
		*af = AF_INET6;
	} else {
		if ((c = strchr(buf, ':')) != NULL) {
			*c = '\0';
			p = c + 1;
		}
		*af = AF_INET;
	}
	if (inet_pton(*af, a, addr) != 1)
		return false;
	if (p != NULL && (!get_u32(p, &v) || v > 65535))
		return false;
	*port = (uint16_t)v;
	return true;
}

static const char *
addr_str(uint16_t af, const uint8_t *addr, uint16_t port, char *b, size_t sz)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(af, addr, a, sizeof(a));
	if (af == AF_INET6)
		snprintf(b, sz, "[%s]:%u", a, port);
	else
		snprintf(b, sz, "%s:%u", a, port);
	return b;
}

/* Reads a service's identity from tok[0..1]; returns tokens used (2)
   or 0. */
static int
get_svc(char **tok, int ntok, struct ipvs_svc *s)
{
	memset(s, 0, sizeof(*s));
	if (ntok < 2)
		return 0;
	if (strcmp(tok[0], "fwmark") == 0 || strcmp(tok[0], "fwmark6") == 0) {
		s->af = tok[0][6] == '6' ? AF_INET6 : AF_INET;
		return get_u32(tok[1], &s->fwmark) && s->fwmark != 0 ? 2 : 0;
	}
	if (strcmp(tok[0], "tcp") == 0)
		s->protocol = IPPROTO_TCP;
	else if (strcmp(tok[0], "udp") == 0)
		s->protocol = IPPROTO_UDP;
	else if (strcmp(tok[0], "sctp") == 0)
		s->protocol = IPPROTO_SCTP;
	else
		return 0;
	return get_addrport(tok[1], &s->af, s->addr, &s->port) ? 2 : 0;
}

static const char *
svc_str(const struct ipvs_svc *s, char *b, size_t sz)
{
	char a[64];
	const char *proto = s->protocol == IPPROTO_TCP ? "tcp"
	    : s->protocol == IPPROTO_UDP               ? "udp"
	    : s->protocol == IPPROTO_SCTP              ? "sctp"
	                                               : "?";

	if (s->fwmark != 0)
		snprintf(b, sz, "%s %u",
		    s->af == AF_INET6 ? "fwmark6" : "fwmark", s->fwmark);
	else
		snprintf(b, sz, "%s %s", proto,
		    addr_str(s->af, s->addr, s->port, a, sizeof(a)));
	return b;
}

static bool
get_svc_opts(char **tok, int ntok, struct ipvs_svc *s)
{
	uint8_t m[16];
	int i;

	if (ntok < 1 || strlen(tok[0]) >= sizeof(s->sched))
		return false;
	strcpy(s->sched, tok[0]);
	s->netmask = s->af == AF_INET6 ? 128 : 0xffffffff;
	for (i = 1; i < ntok; i++) {
		char *v = strchr(tok[i], '=');
		if (v == NULL)
			return false;
		*v++ = '\0';
		if (strcmp(tok[i], "persistent") == 0) {
			if (!get_u32(v, &s->timeout))
				return false;
			s->flags |= IP_VS_SVC_F_PERSISTENT;
		} else if (strcmp(tok[i], "netmask") == 0) {
			if (s->af == AF_INET6 ? !get_u32(v, &s->netmask)
			                      : inet_pton(AF_INET, v, m) != 1)
				return false;
			if (s->af == AF_INET)
				memcpy(&s->netmask, m, 4);
		} else if (strcmp(tok[i], "pe") == 0) {
			if (strlen(v) >= sizeof(s->pe_name))
				return false;
			strcpy(s->pe_name, v);
		} else if (strcmp(tok[i], "flags") == 0) {
			for (char *f = strtok(v, ","); f;
			     f = strtok(NULL, ",")) {
				uint32_t x;
				if (strcmp(f, "flag-1") == 0)
					s->flags |= IP_VS_SVC_F_SCHED1;
				else if (strcmp(f, "flag-2") == 0)
					s->flags |= IP_VS_SVC_F_SCHED2;
				else if (strcmp(f, "flag-3") == 0)
					s->flags |= IP_VS_SVC_F_SCHED3;
				else if (strcmp(f, "onepacket") == 0)
					s->flags |= IP_VS_SVC_F_ONEPACKET;
				else if (get_u32(f, &x))
					s->flags |= x;
				else
					return false;
			}
		} else
			return false;
	}
	return true;
}

static bool
get_dest(char **tok, int ntok, bool full, struct ipvs_dest *d)
{
	const char *m;
	uint32_t v;
	int i;

	memset(d, 0, sizeof(*d));
	if (ntok < 1 || !get_addrport(tok[0], &d->af, d->addr, &d->port))
		return false;
	if (!full)
		return ntok == 1;
	if (ntok < 3 || !get_u32(tok[2], &d->weight))
		return false;
	m = tok[1];
	if (strcmp(m, "masq") == 0)
		d->conn_flags = IP_VS_CONN_F_MASQ;
	else if (strcmp(m, "droute") == 0)
		d->conn_flags = IP_VS_CONN_F_DROUTE;
	else if (strcmp(m, "local") == 0)
		d->conn_flags = IP_VS_CONN_F_LOCALNODE;
	else if (strcmp(m, "ipip") == 0 || strcmp(m, "tunnel") == 0)
		d->conn_flags = IP_VS_CONN_F_TUNNEL;
	else if (strcmp(m, "gue") == 0) {
		d->conn_flags = IP_VS_CONN_F_TUNNEL;
		d->tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GUE;
	} else if (strcmp(m, "gre") == 0) {
		d->conn_flags = IP_VS_CONN_F_TUNNEL;
		d->tun_type = IP_VS_CONN_F_TUNNEL_TYPE_GRE;
	} else
		return false;
	for (i = 3; i < ntok; i++) {
		char *val = strchr(tok[i], '=');
		if (val == NULL)
			return false;
		*val++ = '\0';
		if (strcmp(tok[i], "tunflags") == 0) {
			if (strcmp(val, "csum") == 0)
				v = IP_VS_TUNNEL_ENCAP_FLAG_CSUM;
			else if (strcmp(val, "remcsum") == 0)
				v = IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM;
			else if (strcmp(val, "nocsum") == 0)
				v = IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM;
			else if (!get_u32(val, &v))
				return false;
			d->tun_flags = (uint16_t)v;
			continue;
		}
		if (!get_u32(val, &v))
			return false;
		if (strcmp(tok[i], "u") == 0)
			d->u_threshold = v;
		else if (strcmp(tok[i], "l") == 0)
			d->l_threshold = v;
		else if (strcmp(tok[i], "tunport") == 0 && v <= 65535)
			d->tun_port = (uint16_t)v;
		else
			return false;
	}
	return true;
}

static bool
parse_op(
    char *line, enum ipvs_nl_op *op, struct ipvs_svc *s, struct ipvs_dest *d)
{
	char *tok[16];
	int ntok = 0, used;

	for (char *t = strtok(line, " \t\n"); t != NULL && ntok < 16;
	     t = strtok(NULL, " \t\n"))
		tok[ntok++] = t;
	if (ntok < 3 || (used = get_svc(tok + 1, ntok - 1, s)) == 0)
		return false;
	used++;
	if (strcmp(tok[0], "svc-add") == 0 || strcmp(tok[0], "svc-edit") == 0) {
		*op = tok[0][4] == 'a' ? IPVS_OP_SVC_ADD : IPVS_OP_SVC_EDIT;
		return get_svc_opts(tok + used, ntok - used, s);
	}
	if (strcmp(tok[0], "svc-del") == 0) {
		*op = IPVS_OP_SVC_DEL;
		return ntok == used;
	}
	if (strcmp(tok[0], "dest-add") == 0 ||
	    strcmp(tok[0], "dest-edit") == 0) {
		*op = tok[0][5] == 'a' ? IPVS_OP_DEST_ADD : IPVS_OP_DEST_EDIT;
		return get_dest(tok + used, ntok - used, true, d);
	}
	if (strcmp(tok[0], "dest-del") == 0) {
		*op = IPVS_OP_DEST_DEL;
		return get_dest(tok + used, ntok - used, false, d);
	}
	return false;
}

static void
on_fail(enum ipvs_nl_op op, const struct ipvs_svc *s, const struct ipvs_dest *d,
    int err, void *arg)
{
	char a[96], b[64];

	(void)arg;
	printf("refused: %s %s%s%s: %s\n", ipvs_nl_op_name(op),
	    svc_str(s, a, sizeof(a)), d != NULL ? " " : "",
	    d != NULL ? addr_str(d->af, d->addr, d->port, b, sizeof(b)) : "",
	    strerror(-err));
}

static int
cmd_apply(struct ipvs_nl *nl, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char line[512];
	struct ipvs_svc s;
	struct ipvs_dest d;
	enum ipvs_nl_op op;
	struct timespec t0, t1;
	size_t queued, refused;
	unsigned lineno = 0;

	if (f == NULL) {
		perror(path);
		return 2;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		if (line[strspn(line, " \t\n")] == '\0' || line[0] == '#')
			continue;
		if (!parse_op(line, &op, &s, &d)) {
			fprintf(stderr, "%s:%u: cannot parse\n", path, lineno);
			return 2;
		}
		ipvs_nl_queue(nl, op, &s,
		    op == IPVS_OP_SVC_ADD || op == IPVS_OP_SVC_EDIT ||
		            op == IPVS_OP_SVC_DEL
		        ? NULL
		        : &d);
	}
	if (f != stdin)
		fclose(f);
	queued = ipvs_nl_queued(nl);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	refused = ipvs_nl_commit(nl, on_fail, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("queued %zu refused %zu ms %.1f\n", queued, refused,
	    (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	        (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	return refused > 0 ? 3 : 0;
}

static void
add_line(const char *s)
{
	if (lines.n == lines.cap) {
		lines.cap = lines.cap ? lines.cap * 2 : 64;
		lines.v = realloc(lines.v, lines.cap * sizeof(*lines.v));
		if (lines.v == NULL)
			abort();
	}
	if ((lines.v[lines.n++] = strdup(s)) == NULL)
		abort();
}

static int
by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
on_svc(const struct ipvs_svc *s, void *arg)
{
	(void)arg;
	if (nsvcs == capsvcs) {
		capsvcs = capsvcs ? capsvcs * 2 : 64;
		svcs = realloc(svcs, capsvcs * sizeof(*svcs));
		if (svcs == NULL)
			abort();
	}
	svcs[nsvcs++] = *s;
}

static void
on_dest(const struct ipvs_dest *d, void *arg)
{
	static const char *const fwd[] = { "masq", "local", "tunnel", "droute",
		"bypass" };
	static const char *const tun[] = { "ipip", "gue", "gre" };
	char a[64], l[256];
	int n;

	(void)arg;
	n = snprintf(l, sizeof(l),
	    "  -> %s %s weight=%u u=%u l=%u active=%u inact=%u persist=%u"
	    " conns=%llu",
	    addr_str(d->af, d->addr, d->port, a, sizeof(a)),
	    d->conn_flags < 5 ? fwd[d->conn_flags] : "?", d->weight,
	    d->u_threshold, d->l_threshold, d->active_conns, d->inact_conns,
	    d->persist_conns, (unsigned long long)d->conns);
	if (d->conn_flags == IP_VS_CONN_F_TUNNEL)
		snprintf(l + n, sizeof(l) - (size_t)n,
		    " tun=%s tunport=%u tunflags=0x%x",
		    d->tun_type < 3 ? tun[d->tun_type] : "?", d->tun_port,
		    d->tun_flags);
	add_line(l);
}

static void
print_lines(void)
{
	qsort(lines.v, lines.n, sizeof(*lines.v), by_text);
	for (size_t i = 0; i < lines.n; i++) {
		puts(lines.v[i]);
		free(lines.v[i]);
	}
	lines.n = 0;
}

static int
by_svc(const void *a, const void *b)
{
	char x[96], y[96];

	return strcmp(svc_str(a, x, sizeof(x)), svc_str(b, y, sizeof(y)));
}

/* Services in order, each followed by its destinations in order. */
static int
cmd_list(struct ipvs_nl *nl)
{
	char id[96], mask[INET6_ADDRSTRLEN];
	int r;

	if ((r = ipvs_nl_services(nl, on_svc, NULL)) < 0) {
		fprintf(stderr, "services: %s\n", strerror(-r));
		return 1;
	}
	qsort(svcs, nsvcs, sizeof(*svcs), by_svc);
	for (size_t i = 0; i < nsvcs; i++) {
		const struct ipvs_svc *s = &svcs[i];

		if (s->af == AF_INET6)
			snprintf(mask, sizeof(mask), "%u", s->netmask);
		else
			inet_ntop(AF_INET, &s->netmask, mask, sizeof(mask));
		printf("%s %s flags=0x%x timeout=%u netmask=%s pe=%s\n",
		    svc_str(s, id, sizeof(id)), s->sched, s->flags, s->timeout,
		    mask, s->pe_name[0] ? s->pe_name : "-");
		if ((r = ipvs_nl_dests(nl, s, on_dest, NULL)) < 0)
			printf("  error: %s\n", strerror(-r));
		print_lines();
	}
	return 0;
}

static int
cmd_dests(struct ipvs_nl *nl, int argc, char **argv)
{
	struct ipvs_svc s;
	int r;

	if (get_svc(argv, argc, &s) != 2 || argc != 2)
		usage();
	if ((r = ipvs_nl_dests(nl, &s, on_dest, NULL)) < 0) {
		printf("error: %s\n", strerror(-r));
		return 1;
	}
	print_lines();
	return 0;
}

static int
cmd_timeouts(struct ipvs_nl *nl, int argc, char **argv)
{
	int tcp, tcpfin, udp, r;

	if (argc == 3) {
		r = ipvs_nl_set_timeouts(
		    nl, atoi(argv[0]), atoi(argv[1]), atoi(argv[2]));
		if (r < 0) {
			printf("error: %s\n", strerror(-r));
			return 1;
		}
	} else if (argc != 0)
		usage();
	if ((r = ipvs_nl_get_timeouts(nl, &tcp, &tcpfin, &udp)) < 0) {
		printf("error: %s\n", strerror(-r));
		return 1;
	}
	printf("tcp=%d tcpfin=%d udp=%d\n", tcp, tcpfin, udp);
	return 0;
}

static void
on_daemon(const struct ipvs_daemon *dm, void *arg)
{
	char g[INET6_ADDRSTRLEN] = "-";

	(void)arg;
	if (dm->group_af != 0)
		inet_ntop(dm->group_af, dm->group, g, sizeof(g));
	printf("%s %s syncid=%u maxlen=%u port=%u ttl=%u group=%s\n",
	    dm->state == IP_VS_STATE_MASTER ? "master" : "backup", dm->ifname,
	    dm->syncid, dm->maxlen, dm->port, dm->ttl, g);
}

static int
cmd_daemon(struct ipvs_nl *nl, int argc, char **argv)
{
	struct ipvs_daemon dm = { 0 };
	uint32_t v;
	int r;

	if (argc == 1 && strcmp(argv[0], "list") == 0)
		r = ipvs_nl_daemons(nl, on_daemon, NULL);
	else if (argc >= 2) {
		dm.state = strcmp(argv[1], "master") == 0 ? IP_VS_STATE_MASTER
		    : strcmp(argv[1], "backup") == 0      ? IP_VS_STATE_BACKUP
		                                          : (usage(), 0);
		if (strcmp(argv[0], "stop") == 0 && argc == 2)
			r = ipvs_nl_daemon_stop(nl, dm.state);
		else if (strcmp(argv[0], "start") == 0 && argc >= 4) {
			snprintf(dm.ifname, sizeof(dm.ifname), "%s", argv[2]);
			if (!get_u32(argv[3], &dm.syncid))
				usage();
			for (int i = 4; i < argc; i++) {
				char *val = strchr(argv[i], '=');
				uint16_t port;
				if (val == NULL)
					usage();
				*val++ = '\0';
				if (strcmp(argv[i], "group") == 0) {
					if (!get_addrport(val, &dm.group_af,
					        dm.group, &port))
						usage();
				} else if (!get_u32(val, &v))
					usage();
				else if (strcmp(argv[i], "maxlen") == 0)
					dm.maxlen = (uint16_t)v;
				else if (strcmp(argv[i], "port") == 0)
					dm.port = (uint16_t)v;
				else if (strcmp(argv[i], "ttl") == 0)
					dm.ttl = (uint8_t)v;
				else
					usage();
			}
			r = ipvs_nl_daemon_start(nl, &dm);
		} else
			usage();
	} else
		usage();
	if (r < 0) {
		printf("error: %s\n", strerror(-r));
		return 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	struct log_opts lo = { .console = true };
	struct ipvs_nl *nl;
	const char *err;
	int r;

	if (argc < 2)
		usage();
	log_init(&lo, "ipvs_nltool");
	if ((nl = ipvs_nl_open(&err)) == NULL) {
		fprintf(stderr, "ipvs_nl_open: %s\n", err);
		return 1;
	}
	if (strcmp(argv[1], "list") == 0 && argc == 2)
		r = cmd_list(nl);
	else if (strcmp(argv[1], "dests") == 0)
		r = cmd_dests(nl, argc - 2, argv + 2);
	else if (strcmp(argv[1], "apply") == 0 && argc == 3)
		r = cmd_apply(nl, argv[2]);
	else if (strcmp(argv[1], "flush") == 0 && argc == 2) {
		if ((r = ipvs_nl_flush(nl)) < 0)
			printf("error: %s\n", strerror(-r));
		r = r < 0;
	} else if (strcmp(argv[1], "timeouts") == 0)
		r = cmd_timeouts(nl, argc - 2, argv + 2);
	else if (strcmp(argv[1], "daemon") == 0)
		r = cmd_daemon(nl, argc - 2, argv + 2);
	else
		usage();
	fprintf(stderr, "ops=%lu\n", ipvs_nl_ops(nl));
	ipvs_nl_close(nl);
	return r;
}
