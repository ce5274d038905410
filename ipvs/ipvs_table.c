/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipvs_table.c: the wanted IPVS table of a configuration, and the
   operations that make the kernel's table equal to it (pure). */

#include <arpa/inet.h>
#include <linux/ip_vs.h>
#include <netinet/in.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "ipvs_int.h"
#include "log.h"
#include "vs_equal.h"

static int svc_qcmp(const void *, const void *);
static int dest_qcmp(const void *, const void *);
static void svc_sort(struct iv_svc *);
static void svc_free(struct iv_svc *);
static void fill_svc(struct ipvs_svc *, const struct vs_vs *);
static void fill_dest(struct ipvs_dest *, const struct vs_rs *);
static void add_group_entry(const struct vs_vs *, const struct vs_group_entry *,
    struct ipvs_svc *, void (*)(const struct ipvs_svc *, void *), void *);
static void want_svc(const struct ipvs_svc *, void *);
static void iv_vs_services(const struct vs_vs *,
    void (*cb)(const struct ipvs_svc *, void *), void *arg);
static void group_ports(struct iv_svc *);
static struct iv_svc *copy_svc(struct iv_table *, const struct iv_svc *);
static void diff_dests(const struct iv_svc *, const struct iv_svc *,
    const struct iv_diff_ops *, int, size_t *, struct iv_svc *);

void
iv_table_clear(struct iv_table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		svc_free(&t->svcs[i]);
	t->n = 0;
}

void
iv_table_free(struct iv_table *t)
{
	iv_table_clear(t);
	free(t->svcs);
	t->svcs = NULL;
	t->cap = 0;
}

static void
svc_free(struct iv_svc *s)
{
	free(s->dests);
	s->dests = NULL;
	s->n = s->cap = 0;
}

struct iv_svc *
iv_table_add(struct iv_table *t, const struct ipvs_svc *s)
{
	struct iv_svc *n;

	t->svcs = array_grow(t->svcs, &t->cap, t->n + 1, sizeof(*t->svcs));
	n = &t->svcs[t->n++];
	memset(n, 0, sizeof(*n));
	n->s = *s;
	return n;
}

struct iv_dest *
iv_svc_add(struct iv_svc *s, const struct ipvs_dest *d)
{
	struct iv_dest *n;

	s->dests = array_grow(s->dests, &s->cap, s->n + 1, sizeof(*s->dests));
	n = &s->dests[s->n++];
	n->d = *d;
	n->want = IV_IN;
	return n;
}

int
iv_svc_cmp(const struct ipvs_svc *a, const struct ipvs_svc *b)
{
	int c;

	if (a->af != b->af)
		return a->af < b->af ? -1 : 1;
	if (a->fwmark != b->fwmark)
		return a->fwmark < b->fwmark ? -1 : 1;
	if (a->protocol != b->protocol)
		return a->protocol < b->protocol ? -1 : 1;
	c = memcmp(a->addr, b->addr, sizeof(a->addr));
	if (c != 0)
		return c;
	if (a->port != b->port)
		return a->port < b->port ? -1 : 1;
	return 0;
}

int
iv_dest_cmp(const struct ipvs_dest *a, const struct ipvs_dest *b)
{
	int c;

	if (a->af != b->af)
		return a->af < b->af ? -1 : 1;
	c = memcmp(a->addr, b->addr, sizeof(a->addr));
	if (c != 0)
		return c;
	if (a->port != b->port)
		return a->port < b->port ? -1 : 1;
	return 0;
}

bool
iv_svc_same(const struct ipvs_svc *a, const struct ipvs_svc *b)
{
	return strncmp(a->sched, b->sched, sizeof(a->sched)) == 0 &&
	    strncmp(a->pe_name, b->pe_name, sizeof(a->pe_name)) == 0 &&
	    a->flags == b->flags && a->timeout == b->timeout &&
	    a->netmask == b->netmask;
}

bool
iv_dest_same(const struct ipvs_dest *a, const struct ipvs_dest *b)
{
	uint32_t fa = a->conn_flags & IP_VS_CONN_F_FWD_MASK;

	if (fa != (b->conn_flags & IP_VS_CONN_F_FWD_MASK) ||
	    a->weight != b->weight || a->u_threshold != b->u_threshold ||
	    a->l_threshold != b->l_threshold)
		return false;
	/* the tunnel's settings mean something for a tunnel only */
	if (fa != IP_VS_CONN_F_TUNNEL)
		return true;
	return a->tun_type == b->tun_type && a->tun_flags == b->tun_flags &&
	    (a->tun_type != IP_VS_CONN_F_TUNNEL_TYPE_GUE ||
	        a->tun_port == b->tun_port);
}

static int
svc_qcmp(const void *a, const void *b)
{
	return iv_svc_cmp(
	    &((const struct iv_svc *)a)->s, &((const struct iv_svc *)b)->s);
}

static int
dest_qcmp(const void *a, const void *b)
{
	return iv_dest_cmp(
	    &((const struct iv_dest *)a)->d, &((const struct iv_dest *)b)->d);
}

/* Sorted, and of equal identities the first in the original order
   stays: qsort is not stable, so the order index breaks ties. */
static void
svc_sort(struct iv_svc *s)
{
	size_t i, j;

	if (s->n < 2)
		return;
	qsort(s->dests, s->n, sizeof(*s->dests), dest_qcmp);
	for (i = 1, j = 1; i < s->n; i++)
		if (iv_dest_cmp(&s->dests[j - 1].d, &s->dests[i].d) != 0)
			s->dests[j++] = s->dests[i];
	s->n = j;
}

void
iv_table_sort(struct iv_table *t)
{
	size_t i, j;

	if (t->n > 1)
		qsort(t->svcs, t->n, sizeof(*t->svcs), svc_qcmp);
	for (i = 0, j = 0; i < t->n; i++) {
		if (j > 0 &&
		    iv_svc_cmp(&t->svcs[j - 1].s, &t->svcs[i].s) == 0) {
			svc_free(&t->svcs[i]);
			continue;
		}
		t->svcs[j++] = t->svcs[i];
	}
	t->n = j;
	for (i = 0; i < t->n; i++)
		svc_sort(&t->svcs[i]);
}

struct iv_svc *
iv_table_find(const struct iv_table *t, const struct ipvs_svc *s)
{
	size_t lo = 0, hi = t->n, mid;
	int c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = iv_svc_cmp(s, &t->svcs[mid].s);
		if (c == 0)
			return &t->svcs[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

size_t
iv_table_dests(const struct iv_table *t)
{
	size_t i, n = 0;

	for (i = 0; i < t->n; i++)
		n += t->svcs[i].n;
	return n;
}

/* ---- the wanted table ---- */

static const char *const sched_names[] = {
	[VS_SCHED_RR] = "rr",
	[VS_SCHED_WRR] = "wrr",
	[VS_SCHED_LC] = "lc",
	[VS_SCHED_WLC] = "wlc",
	[VS_SCHED_LBLC] = "lblc",
	[VS_SCHED_LBLCR] = "lblcr",
	[VS_SCHED_DH] = "dh",
	[VS_SCHED_SH] = "sh",
	[VS_SCHED_SED] = "sed",
	[VS_SCHED_NQ] = "nq",
	[VS_SCHED_FO] = "fo",
	[VS_SCHED_OVF] = "ovf",
	[VS_SCHED_MH] = "mh",
	[VS_SCHED_TWOS] = "twos",
};

/* A service's settings from its virtual server (identity left to the
   caller). */
static void
fill_svc(struct ipvs_svc *s, const struct vs_vs *vs)
{
	uint32_t mask = 0xffffffffu;

	memset(s, 0, sizeof(*s));
	s->af = vs->af;
	if (vs->sched < sizeof(sched_names) / sizeof(sched_names[0]))
		snprintf(
		    s->sched, sizeof(s->sched), "%s", sched_names[vs->sched]);
	if (vs->persistence_engine != NULL)
		snprintf(s->pe_name, sizeof(s->pe_name), "%s",
		    vs->persistence_engine);
	if (vs->flags & VS_F_OPS)
		s->flags |= IP_VS_SVC_F_ONEPACKET;
	if (vs->flags & VS_F_FLAG1)
		s->flags |= IP_VS_SVC_F_SCHED1;
	if (vs->flags & VS_F_FLAG2)
		s->flags |= IP_VS_SVC_F_SCHED2;
	if (vs->flags & VS_F_FLAG3)
		s->flags |= IP_VS_SVC_F_SCHED3;
	if (vs->persistence_timeout > 0) {
		s->flags |= IP_VS_SVC_F_PERSISTENT;
		s->timeout = vs->persistence_timeout;
	}
	if (vs->af == AF_INET6)
		s->netmask = vs->granularity_v6 != 0 ? vs->granularity_v6 : 128;
	else {
		if (vs->granularity_v4.family == AF_INET)
			memcpy(&mask, vs->granularity_v4.u.v4, 4);
		s->netmask = mask;
	}
}

static void
fill_dest(struct ipvs_dest *d, const struct vs_rs *rs)
{
	memset(d, 0, sizeof(*d));
	d->af = (uint16_t)rs->addr.family;
	memcpy(d->addr, rs->addr.u.v6, rs->addr.family == AF_INET6 ? 16u : 4u);
	d->port = rs->port;
	switch (rs->fwd.method) {
	case VS_FWD_DR:
		d->conn_flags = IP_VS_CONN_F_DROUTE;
		break;
	case VS_FWD_TUN:
		d->conn_flags = IP_VS_CONN_F_TUNNEL;
		d->tun_type = rs->fwd.tun_type == VS_TUN_GUE
		    ? IP_VS_CONN_F_TUNNEL_TYPE_GUE
		    : rs->fwd.tun_type == VS_TUN_GRE
		    ? IP_VS_CONN_F_TUNNEL_TYPE_GRE
		    : IP_VS_CONN_F_TUNNEL_TYPE_IPIP;
		d->tun_port = rs->fwd.tun_port;
		d->tun_flags = rs->fwd.tun_csum == VS_TUN_CSUM
		    ? IP_VS_TUNNEL_ENCAP_FLAG_CSUM
		    : rs->fwd.tun_csum == VS_TUN_REMCSUM
		    ? IP_VS_TUNNEL_ENCAP_FLAG_REMCSUM
		    : IP_VS_TUNNEL_ENCAP_FLAG_NOCSUM;
		break;
	default:
		d->conn_flags = IP_VS_CONN_F_MASQ;
		break;
	}
	if (rs->opt != NULL) {
		d->u_threshold = rs->opt->uthreshold;
		d->l_threshold = rs->opt->lthreshold;
	}
}

/* One line of a virtual_server_group: an fwmark, or an address (a range:
   each of its addresses) and port. */
static void
add_group_entry(const struct vs_vs *vs, const struct vs_group_entry *e,
    struct ipvs_svc *s, void (*cb)(const struct ipvs_svc *, void *), void *arg)
{
	uint32_t i, last;

	if (e->is_fwmark) {
		s->protocol = 0;
		s->fwmark = e->fwmark;
		memset(s->addr, 0, sizeof(s->addr));
		s->port = 0;
		cb(s, arg);
		return;
	}
	if (e->addr.family != vs->af)
		return; /* the other family's entries serve its services */
	s->fwmark = 0;
	s->protocol = vs->protocol;
	s->port = e->port;
	memset(s->addr, 0, sizeof(s->addr));
	memcpy(s->addr, e->addr.u.v6, e->addr.family == AF_INET6 ? 16u : 4u);
	for (i = 0; i <= e->range; i++) {
		if (e->addr.family == AF_INET)
			s->addr[3] = (uint8_t)(e->addr.u.v4[3] + i);
		else {
			last = ((uint32_t)e->addr.u.v6[14] << 8 |
			           e->addr.u.v6[15]) +
			    i;
			s->addr[14] = (uint8_t)(last >> 8);
			s->addr[15] = (uint8_t)last;
		}
		cb(s, arg);
	}
}

/* The kernel services of one virtual server, in the configuration's
   terms (cb once per service). */
static void
iv_vs_services(const struct vs_vs *vs,
    void (*cb)(const struct ipvs_svc *, void *), void *arg)
{
	struct ipvs_svc s;
	uint32_t i;

	fill_svc(&s, vs);
	switch (vs->kind) {
	case VS_FWMARK:
		s.fwmark = vs->fwmark;
		cb(&s, arg);
		break;
	case VS_GROUP:
		for (i = 0; vs->vsg != NULL && i < vs->vsg->entries.n; i++)
			add_group_entry(vs, vs->vsg->entries.v[i], &s, cb, arg);
		break;
	default:
		s.protocol = vs->protocol;
		memcpy(s.addr, vs->addr.u.v6, vs->af == AF_INET6 ? 16u : 4u);
		s.port = vs->port;
		cb(&s, arg);
		break;
	}
}

struct want_ctx {
	struct iv_table *t;
	objid_t vs;
	const struct iv_svc *proto; /* the destinations of each service */
	bool group; /* of a virtual_server_group */
};

/*
 * A group's services share its real servers, whose port the
 * configuration's checks leave as written: as for a virtual server of
 * its own, a DR or TUN server takes the service's port (IPVS forwards to
 * it unchanged), and none at all in an fwmark service.
 */
static void
group_ports(struct iv_svc *n)
{
	size_t i;

	for (i = 0; i < n->n; i++)
		if ((n->dests[i].d.conn_flags & IP_VS_CONN_F_FWD_MASK) !=
		    IP_VS_CONN_F_MASQ)
			n->dests[i].d.port = n->s.fwmark != 0 ? 0 : n->s.port;
}

static void
want_svc(const struct ipvs_svc *s, void *arg)
{
	struct want_ctx *w = arg;
	struct iv_svc *n = iv_table_add(w->t, s);

	n->vs = w->vs;
	if (w->proto->n == 0)
		return;
	n->dests = malloc(w->proto->n * sizeof(*n->dests));
	if (n->dests == NULL)
		fatal("malloc");
	memcpy(n->dests, w->proto->dests, w->proto->n * sizeof(*n->dests));
	n->n = n->cap = w->proto->n;
	if (w->group)
		group_ports(n);
}

static void
want_dest(struct iv_svc *proto, const struct vs_rs *rs,
    const struct msg_rs_desired *d)
{
	struct ipvs_dest dest;
	struct iv_dest *n;

	fill_dest(&dest, rs);
	if (d != NULL && (d->flags & MSG_RS_F_IN_TABLE))
		dest.weight = d->weight;
	n = iv_svc_add(proto, &dest);
	n->want = d == NULL                  ? IV_KEEP
	    : (d->flags & MSG_RS_F_IN_TABLE) ? IV_IN
	                                     : IV_OUT;
}

void
iv_want_build(struct iv_table *t, const struct vs_model *m,
    const struct msg_rs_desired *(*desired)(objid_t, void *), void *arg)
{
	struct iv_svc proto = { 0 };
	struct want_ctx w = { .t = t, .proto = &proto };
	const struct vs_vs *vs;
	const struct vs_rs *rs;
	size_t i;

	iv_table_clear(t);
	for (i = 0; m != NULL && i < m->vss.n; i++) {
		vs = m->vss.v[i];
		w.vs = vs_id(vs);
		w.group = vs->kind == VS_GROUP;
		proto.n = 0;
		for (rs = vs->rss; rs != NULL; rs = rs->next)
			want_dest(&proto, rs, desired(vs_rs_id(w.vs, rs), arg));
		if (vs->sorry != NULL)
			want_dest(&proto, vs->sorry,
			    desired(vs_sorry_id(w.vs, vs->sorry), arg));
		iv_vs_services(vs, want_svc, &w);
	}
	free(proto.dests);
	iv_table_sort(t);
}

/* ---- names ---- */

static void
addr_str(uint16_t af, const uint8_t *a, char *buf, size_t size)
{
	if (inet_ntop(af == AF_INET6 ? AF_INET6 : AF_INET, a, buf,
	        (socklen_t)size) == NULL)
		snprintf(buf, size, "?");
}

void
iv_svc_name(const struct ipvs_svc *s, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	if (s->fwmark != 0) {
		snprintf(buf, size, "FWM %u%s", s->fwmark,
		    s->af == AF_INET6 ? " IPv6" : "");
		return;
	}
	addr_str(s->af, s->addr, a, sizeof(a));
	snprintf(buf, size, "%s [%s]:%u",
	    s->protocol == IPPROTO_UDP        ? "UDP"
	        : s->protocol == IPPROTO_SCTP ? "SCTP"
	                                      : "TCP",
	    a, s->port);
}

void
iv_dest_name(const struct ipvs_dest *d, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	addr_str(d->af, d->addr, a, sizeof(a));
	snprintf(buf, size, "[%s]:%u", a, d->port);
}

/* ---- the difference ---- */

static struct iv_svc *
copy_svc(struct iv_table *t, const struct iv_svc *s)
{
	struct iv_svc *n = iv_table_add(t, &s->s);

	n->vs = s->vs;
	return n;
}

/* Phases of a diff, in the order the kernel takes them. */
enum { PH_DELETE, PH_EDIT, PH_ADD, PH_NEXT };

/*
 * One service in both tables (or, seen NULL, a new one): the operations
 * of one phase on its destinations, or (PH_NEXT) what it holds after.
 */
static void
diff_dests(const struct iv_svc *want, const struct iv_svc *seen,
    const struct iv_diff_ops *o, int phase, size_t *nops, struct iv_svc *next)
{
	size_t i = 0, j = 0, ns = seen != NULL ? seen->n : 0;
	const struct iv_dest *w, *s;
	int c;

	while (i < want->n || j < ns) {
		w = i < want->n ? &want->dests[i] : NULL;
		s = j < ns ? &seen->dests[j] : NULL;
		c = w == NULL ? 1 : s == NULL ? -1 : iv_dest_cmp(&w->d, &s->d);
		if (c > 0) { /* someone else's destination */
			if (phase == PH_DELETE) {
				o->op(
				    IPVS_OP_DEST_DEL, &want->s, &s->d, o->arg);
				(*nops)++;
			}
			j++;
			continue;
		}
		if (c < 0) { /* not in the kernel */
			if (w->want == IV_IN && phase == PH_ADD) {
				o->op(
				    IPVS_OP_DEST_ADD, &want->s, &w->d, o->arg);
				(*nops)++;
			}
			if (w->want == IV_IN && phase == PH_NEXT)
				iv_svc_add(next, &w->d);
			i++;
			continue;
		}
		switch (w->want) {
		case IV_IN:
			if (phase == PH_EDIT && !iv_dest_same(&w->d, &s->d)) {
				o->op(
				    IPVS_OP_DEST_EDIT, &want->s, &w->d, o->arg);
				(*nops)++;
			}
			if (phase == PH_NEXT)
				iv_svc_add(next, &w->d);
			break;
		case IV_OUT:
			if (phase == PH_DELETE) {
				o->op(
				    IPVS_OP_DEST_DEL, &want->s, &s->d, o->arg);
				(*nops)++;
			}
			break;
		default: /* IV_KEEP: health unknown, leave it */
			if (phase == PH_NEXT)
				iv_svc_add(next, &s->d);
			break;
		}
		i++;
		j++;
	}
}

size_t
iv_diff(const struct iv_table *want, const struct iv_table *seen,
    const struct iv_diff_ops *o, struct iv_table *next)
{
	size_t i, j, nops = 0;
	const struct iv_svc *w, *s;
	struct iv_svc *n;
	int c, phase;

	iv_table_clear(next);
	for (phase = PH_DELETE; phase <= PH_NEXT; phase++) {
		i = j = 0;
		while (i < want->n || j < seen->n) {
			w = i < want->n ? &want->svcs[i] : NULL;
			s = j < seen->n ? &seen->svcs[j] : NULL;
			c = w == NULL   ? 1
			    : s == NULL ? -1
			                : iv_svc_cmp(&w->s, &s->s);
			if (c > 0) {
				/* not wanted: vigil's (a reload removed
				   it) goes, anyone else's stays */
				if (o->owned == NULL ||
				    !o->owned(&s->s, o->arg)) {
					if (phase == PH_NEXT)
						copy_svc(next, s);
				} else if (phase == PH_DELETE) {
					o->op(IPVS_OP_SVC_DEL, &s->s, NULL,
					    o->arg);
					nops++;
				}
				j++;
				continue;
			}
			if (c < 0) { /* a new service */
				if (phase == PH_ADD) {
					o->op(IPVS_OP_SVC_ADD, &w->s, NULL,
					    o->arg);
					nops++;
				}
				n = phase == PH_NEXT ? copy_svc(next, w) : NULL;
				if (phase == PH_ADD || phase == PH_NEXT)
					diff_dests(w, NULL, o, phase, &nops, n);
				i++;
				continue;
			}
			if (phase == PH_EDIT && !iv_svc_same(&w->s, &s->s)) {
				o->op(IPVS_OP_SVC_EDIT, &w->s, NULL, o->arg);
				nops++;
			}
			n = phase == PH_NEXT ? copy_svc(next, w) : NULL;
			diff_dests(w, s, o, phase, &nops, n);
			i++;
			j++;
		}
	}
	return nops;
}
