/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp_kmib_check.c: KEEPALIVED-MIB's check part (virtual and real servers) of the SNMP module. */

/*
 * Served below KEEPALIVED-MIB's check (.1.3.6.1.4.1.9586.100.5.3) when
 * enable_snmp_checker (or -x without any enable_snmp_* keyword) asks,
 * with keepalived 2.2.7's OIDs, indexes and values:
 *
 * - virtualServerGroupTable (.1; index: the group's rank in the file) and
 *   virtualServerGroupMemberTable (.2; group, member: a group's fwmarks
 *   first, then its addresses and ranges, as keepalived lists them);
 * - virtualServerTable (.3; index: the virtual server's rank in the
 *   file): its configuration, realServerTotal/Up, quorum and its state;
 * - realServerTable (.4; virtualServerIndex, realServerIndex: the sorry
 *   server first when there is one, then the real servers in file order):
 *   type, address, port, status and weight now (as the checker decided:
 *   the weight the IPVS table holds, 0 when the server is out of it or
 *   quiescent), its limits, scripts and timers;
 * - lvsSyncDaemon (.6) and lvsTimeouts (.7).
 *
 * Not served: the kernel's per-service and per-server counters and rates
 * (virtualServerStats*, virtualServerRate*, realServerStats*,
 * realServerRate*) and realServerFailedChecks: the IPVS child and the
 * checker keep them, the parent does not.  Nothing is writable
 * (keepalived's realServerWeight set is not offered).
 *
 * Rows are built at each configuration into net-snmp's tdata tables
 * (sorted containers: a GETNEXT is a binary search); states and weights
 * are read at each request from the checker's desired table
 * (parent_snapshot(PROC_CHECK)) and the herald's objects.
 *
 * Notifications (enable_traps), once per change of state
 * (herald_event_told(): not a weight change, not a sorry server), with
 * keepalived's varbinds (its column OIDs without an index):
 * realServerStateChange (checkTraps 1): realServerAddrType, Address,
 * Port, Status; virtualServerType, then NameOfGroup, or FwMark, or
 * AddrType, Address and Port; Protocol (tcp 1, else 2, as keepalived);
 * virtualServerRealServersUp and Total; routerId.
 * virtualServerQuorumStateChange (checkTraps 2): the same without the
 * real server, with virtualServerQuorumStatus and virtualServerQuorum
 * before the counts.
 *
 * Log line (info), at each configuration:
 *	SNMP: KEEPALIVED-MIB check part serves 2 virtual servers, 5 real servers, 1 group
 */

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "parent.h"
#include "snmp_int.h"
#include "state_sync.h"
#include "vs_conf.h"
#include "vs_equal.h"
#include "../vrrp/vrrp_conf.h"

struct ck_group {
	const struct vs_group *g;
};
struct ck_member {
	const struct vs_group_entry *e;
};
struct ck_vs {
	const struct vs_vs *vs;
	objid_t id;
	struct ck_rs *rss; /* its real servers (not the sorry one) */
	size_t nrs;
};
struct ck_rs {
	const struct ck_vs *cv;
	const struct vs_rs *rs;
	objid_t id;
	bool sorry;
};
/* For a trap: a real server or virtual server by id. */
struct ck_ref {
	objid_t id;
	struct ck_vs *cv;
	struct ck_rs *cr; /* NULL: the virtual server itself */
};

static struct {
	bool on;
	const struct config *cfg;
	struct ck_group *groups;
	struct ck_member *members;
	struct ck_vs *vss;
	struct ck_rs *rss;
	struct ck_ref *refs; /* sorted by id */
	size_t ngroups, nmembers, nvss, nrss, nrefs;
	netsnmp_tdata *tgroup, *tmember, *tvs, *trs;
} ck;

static bool check_wanted(const struct config *, const struct vigil_opts *);
static void check_init(void);
static void check_configure(const struct config *);
static void check_event(const struct herald_obj *, const struct msg_event *);
static void check_disable(void);

static void clear_rows(void);
static void row_add(netsnmp_tdata *, void *data, long i1, long i2, int n);
static int cmp_ref(const void *, const void *);
static struct ck_ref *ref_find(objid_t);
static void scalar_register(const oid *root, size_t len);
static int h_group(netsnmp_mib_handler *, netsnmp_handler_registration *,
    netsnmp_agent_request_info *, netsnmp_request_info *);
static int h_member(netsnmp_mib_handler *, netsnmp_handler_registration *,
    netsnmp_agent_request_info *, netsnmp_request_info *);
static int h_vs(netsnmp_mib_handler *, netsnmp_handler_registration *,
    netsnmp_agent_request_info *, netsnmp_request_info *);
static int h_rs(netsnmp_mib_handler *, netsnmp_handler_registration *,
    netsnmp_agent_request_info *, netsnmp_request_info *);
static int h_scalars(netsnmp_mib_handler *, netsnmp_handler_registration *,
    netsnmp_agent_request_info *, netsnmp_request_info *);
static bool vs_value(netsnmp_request_info *, const struct ck_vs *, unsigned);
static bool rs_value(netsnmp_request_info *, const struct ck_rs *, unsigned);
static bool
member_value(netsnmp_request_info *, const struct vs_group_entry *, unsigned);
static const struct msg_rs_desired *desired(objid_t);
static bool rs_alive(const struct ck_rs *);
static long rs_weight_now(const struct ck_rs *);
static unsigned
vs_real_up(const struct ck_vs *, const struct ck_rs *ev_rs, bool ev_alive);
static bool vs_quorum_up(const struct ck_vs *);
static long vs_type(const struct vs_vs *);
static long vs_protocol(const struct vs_vs *);
static long addr_type(int family);
static long fwd_kind(const struct vs_fwd *);
static long truth(bool);
static void send_trap(const struct ck_vs *, const struct ck_rs *, bool up);
static void set_str(netsnmp_request_info *, const char *);
static void set_addr(netsnmp_request_info *, const struct cfg_addr *);
static long secs(uint64_t usec, uint64_t unset);
static void
add_long(netsnmp_variable_list **, const oid *, size_t, u_char type, long);
static bool
tun_value(netsnmp_request_info *, const struct vs_fwd *, unsigned which);
static long sync_vrid(const struct config *, const char *name);
static bool scalar_value(netsnmp_request_info *, oid group, oid which);
static long usecs(uint64_t usec, uint64_t unset);

const struct snmp_part snmp_part_check = {
	.name = "keepalived-check",
	.wanted = check_wanted,
	.init = check_init,
	.configure = check_configure,
	.event = check_event,
	.disable = check_disable,
};

#define CHECK_OID SNMP_KEEPALIVED_OID, 3
static const oid group_oid[] = { CHECK_OID, 1 };
static const oid member_oid[] = { CHECK_OID, 2 };
static const oid vs_oid[] = { CHECK_OID, 3 };
static const oid rs_oid[] = { CHECK_OID, 4 };
static const oid trap_rs[] = { CHECK_OID, 5, 0, 1 };
static const oid trap_quorum[] = { CHECK_OID, 5, 0, 2 };

/* The columns served (the others are the kernel's counters). */
static netsnmp_column_info vs_cols[] = {
	{ .isRange = 1, .details.range = { 2, 26 }, .next = &vs_cols[1] },
	{ .isRange = 1, .details.range = { 37, 37 }, .next = &vs_cols[2] },
	{ .isRange = 1, .details.range = { 51, 71 } },
};
static netsnmp_column_info rs_cols[] = {
	{ .isRange = 1, .details.range = { 2, 12 }, .next = &rs_cols[1] },
	{ .isRange = 1, .details.range = { 40, 55 } },
};
static netsnmp_column_info group_cols = { .isRange = 1,
	.details.range = { 2, 2 } };
static netsnmp_column_info member_cols = { .isRange = 1,
	.details.range = { 2, 8 } };

enum { TRUTH_TRUE = 1, TRUTH_FALSE = 2 };

/* ---- the part ---- */

/* keepalived: enable_snmp_checker, or -x alone (no enable_snmp_*). */
static bool
check_wanted(const struct config *cfg, const struct vigil_opts *o)
{
	const struct global_conf *g = &cfg->global;

	if (g->enable_snmp_checker)
		return true;
	return o != NULL && o->snmp && !g->enable_snmp_vrrp &&
	    !g->enable_snmp_rfc && !g->enable_snmp_rfcv2 &&
	    !g->enable_snmp_rfcv3;
}

static void
check_init(void)
{
	static const oid sync_oid[] = { CHECK_OID, 6 };
	static const oid tmo_oid[] = { CHECK_OID, 7 };
	oid o[OID_LENGTH(sync_oid) + 1];
	unsigned i;

	ck.tgroup = snmp_tdata_table("virtualServerGroupTable", group_oid,
	    OID_LENGTH(group_oid), h_group, 1, 0, 2, &group_cols);
	ck.tmember =
	    snmp_tdata_table("virtualServerGroupMemberTable", member_oid,
	        OID_LENGTH(member_oid), h_member, 2, 0, 8, &member_cols);
	ck.tvs = snmp_tdata_table("virtualServerTable", vs_oid,
	    OID_LENGTH(vs_oid), h_vs, 1, 0, 71, vs_cols);
	ck.trs = snmp_tdata_table("realServerTable", rs_oid, OID_LENGTH(rs_oid),
	    h_rs, 2, 0, 55, rs_cols);
	memcpy(o, sync_oid, sizeof(sync_oid));
	for (i = 1; i <= 9; i++) {
		o[OID_LENGTH(sync_oid)] = i;
		scalar_register(o, OID_LENGTH(o));
	}
	memcpy(o, tmo_oid, sizeof(tmo_oid));
	for (i = 1; i <= 3; i++) {
		o[OID_LENGTH(tmo_oid)] = i;
		scalar_register(o, OID_LENGTH(o));
	}
}

/*
 * Rebuilds every row for cfg, in index order (each insertion into the
 * sorted containers is then a binary search and no move).  The rows
 * point into cfg, which the frame serves until the next configure.
 */
static void
check_configure(const struct config *cfg)
{
	const struct vs_model *m = cfg_model(cfg, CFG_MODEL_VS);
	size_t i, j, nrs = 0, nmem = 0, k;

	clear_rows();
	ck.on = true;
	ck.cfg = cfg;
	if (m == NULL)
		return;
	for (i = 0; i < m->vss.n; i++) {
		const struct vs_vs *vs = m->vss.v[i];

		nrs += vs->n_rs + (vs->sorry != NULL);
	}
	for (i = 0; i < m->groups.n; i++)
		nmem += ((const struct vs_group *)m->groups.v[i])->entries.n;
	ck.groups = calloc(m->groups.n + 1, sizeof(*ck.groups));
	ck.members = calloc(nmem + 1, sizeof(*ck.members));
	ck.vss = calloc(m->vss.n + 1, sizeof(*ck.vss));
	ck.rss = calloc(nrs + 1, sizeof(*ck.rss));
	ck.refs = calloc(nrs + m->vss.n + 1, sizeof(*ck.refs));
	if (ck.groups == NULL || ck.members == NULL || ck.vss == NULL ||
	    ck.rss == NULL || ck.refs == NULL)
		fatal("SNMP: calloc");

	for (i = 0; i < m->groups.n; i++) {
		const struct vs_group *g = m->groups.v[i];
		long mi = 0;
		int pass;

		ck.groups[i].g = g;
		row_add(ck.tgroup, &ck.groups[i], (long)i + 1, 0, 1);
		/* keepalived lists a group's fwmarks, then its ranges */
		for (pass = 0; pass < 2; pass++)
			for (j = 0; j < g->entries.n; j++) {
				const struct vs_group_entry *e =
				    g->entries.v[j];
				struct ck_member *cm;

				if (e->is_fwmark != (pass == 0))
					continue;
				cm = &ck.members[ck.nmembers++];
				cm->e = e;
				row_add(ck.tmember, cm, (long)i + 1, ++mi, 2);
			}
	}
	ck.ngroups = m->groups.n;

	for (i = 0; i < m->vss.n; i++) {
		struct ck_vs *cv = &ck.vss[i];
		const struct vs_rs *rs;
		long ri = 0;

		cv->vs = m->vss.v[i];
		cv->id = vs_id(cv->vs);
		ck.refs[ck.nrefs++] = (struct ck_ref){ cv->id, cv, NULL };
		row_add(ck.tvs, cv, (long)i + 1, 0, 1);
		if (cv->vs->sorry != NULL) {
			struct ck_rs *cr = &ck.rss[ck.nrss++];

			*cr = (struct ck_rs){ cv, cv->vs->sorry,
				vs_sorry_id(cv->id, cv->vs->sorry), true };
			row_add(ck.trs, cr, (long)i + 1, ++ri, 2);
		}
		cv->rss = &ck.rss[ck.nrss];
		for (rs = cv->vs->rss; rs != NULL; rs = rs->next) {
			struct ck_rs *cr = &ck.rss[ck.nrss++];

			*cr = (struct ck_rs){ cv, rs, vs_rs_id(cv->id, rs),
				false };
			ck.refs[ck.nrefs++] = (struct ck_ref){ cr->id, cv, cr };
			cv->nrs++;
			row_add(ck.trs, cr, (long)i + 1, ++ri, 2);
		}
	}
	ck.nvss = m->vss.n;
	qsort(ck.refs, ck.nrefs, sizeof(*ck.refs), cmp_ref);
	for (k = 0, j = 0; k < ck.nvss; k++)
		j += ck.vss[k].nrs;
	log_info("SNMP: KEEPALIVED-MIB check part serves %zu virtual "
	         "server%s, %zu real server%s, %zu group%s",
	    ck.nvss, ck.nvss == 1 ? "" : "s", j, j == 1 ? "" : "s", ck.ngroups,
	    ck.ngroups == 1 ? "" : "s");
}

static void
check_disable(void)
{
	clear_rows();
	ck.on = false;
}

/* Empties the tables (their registrations stay: they answer nothing). */
static void
clear_rows(void)
{
	netsnmp_tdata *t[] = { ck.tgroup, ck.tmember, ck.tvs, ck.trs };
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i] != NULL)
			CONTAINER_CLEAR(
			    t[i]->container, snmp_tdata_row_free, NULL);
	free(ck.groups);
	free(ck.members);
	free(ck.vss);
	free(ck.rss);
	free(ck.refs);
	ck.groups = NULL;
	ck.members = NULL;
	ck.vss = NULL;
	ck.rss = NULL;
	ck.refs = NULL;
	ck.ngroups = ck.nmembers = ck.nvss = ck.nrss = ck.nrefs = 0;
}
static void
row_add(netsnmp_tdata *t, void *data, long i1, long i2, int n)
{
	netsnmp_tdata_row *row = netsnmp_tdata_create_row();

	if (row == NULL)
		fatalx("SNMP: netsnmp_tdata_create_row failed");
	row->data = data;
	netsnmp_tdata_row_add_index(row, ASN_INTEGER, &i1, sizeof(i1));
	if (n > 1)
		netsnmp_tdata_row_add_index(row, ASN_INTEGER, &i2, sizeof(i2));
	if (netsnmp_tdata_add_row(t, row) != SNMPERR_SUCCESS)
		netsnmp_tdata_delete_row(row);
}

static int
cmp_ref(const void *a, const void *b)
{
	const struct ck_ref *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static struct ck_ref *
ref_find(objid_t id)
{
	struct ck_ref key = { .id = id };

	if (ck.nrefs == 0)
		return NULL;
	return bsearch(&key, ck.refs, ck.nrefs, sizeof(*ck.refs), cmp_ref);
}

/* ---- notifications ---- */

static void
check_event(const struct herald_obj *o, const struct msg_event *e)
{
	struct ck_ref *r;

	if (!ck.on || (e->kind != OBJ_RS && e->kind != OBJ_VS))
		return;
	if (!herald_event_told(o, e) || !snmp_traps_enabled())
		return;
	r = ref_find(e->id);
	if (r == NULL)
		return;
	if (e->kind == OBJ_RS && r->cr != NULL)
		send_trap(r->cv, r->cr, e->new_state == MSG_RS_UP);
	else if (e->kind == OBJ_VS && r->cr == NULL)
		send_trap(r->cv, NULL, e->new_state == MSG_VS_UP);
}

static void
add_long(
    netsnmp_variable_list **vars, const oid *o, size_t len, u_char type, long v)
{
	snmp_varlist_add_variable(vars, o, len, type, &v, sizeof(v));
}

/* keepalived's check_snmp_rs_trap(): cr NULL for the quorum's. */
static void
send_trap(const struct ck_vs *cv, const struct ck_rs *cr, bool up)
{
	static const oid rs_atype[] = { CHECK_OID, 4, 1, 3 };
	static const oid rs_addr[] = { CHECK_OID, 4, 1, 4 };
	static const oid rs_port[] = { CHECK_OID, 4, 1, 5 };
	static const oid rs_status[] = { CHECK_OID, 4, 1, 6 };
	static const oid v_type[] = { CHECK_OID, 3, 1, 2 };
	static const oid v_group[] = { CHECK_OID, 3, 1, 3 };
	static const oid v_fwmark[] = { CHECK_OID, 3, 1, 4 };
	static const oid v_atype[] = { CHECK_OID, 3, 1, 5 };
	static const oid v_addr[] = { CHECK_OID, 3, 1, 6 };
	static const oid v_port[] = { CHECK_OID, 3, 1, 7 };
	static const oid v_proto[] = { CHECK_OID, 3, 1, 8 };
	static const oid v_total[] = { CHECK_OID, 3, 1, 20 };
	static const oid v_up[] = { CHECK_OID, 3, 1, 21 };
	static const oid v_quorum[] = { CHECK_OID, 3, 1, 22 };
	static const oid v_qstatus[] = { CHECK_OID, 3, 1, 23 };
	static const oid router_id[] = { SNMP_KEEPALIVED_OID, 1, 2, 0 };
	const struct vs_vs *vs = cv->vs;
	netsnmp_variable_list *vars = NULL;
	char host[256];
	const char *rid = ck.cfg->global.router_id;

	if (cr != NULL) {
		const struct cfg_addr *a = &cr->rs->addr;

		add_long(&vars, rs_atype, OID_LENGTH(rs_atype), ASN_INTEGER,
		    addr_type(a->family));
		snmp_varlist_add_variable(&vars, rs_addr, OID_LENGTH(rs_addr),
		    ASN_OCTET_STR, a->u.v6, a->family == AF_INET6 ? 16 : 4);
		add_long(&vars, rs_port, OID_LENGTH(rs_port), ASN_UNSIGNED,
		    cr->rs->port);
		add_long(&vars, rs_status, OID_LENGTH(rs_status), ASN_INTEGER,
		    truth(up));
	}
	add_long(&vars, v_type, OID_LENGTH(v_type), ASN_INTEGER, vs_type(vs));
	if (vs->kind == VS_GROUP)
		snmp_varlist_add_variable(&vars, v_group, OID_LENGTH(v_group),
		    ASN_OCTET_STR, vs->group, strlen(vs->group));
	else if (vs->kind == VS_FWMARK)
		add_long(&vars, v_fwmark, OID_LENGTH(v_fwmark), ASN_UNSIGNED,
		    (long)vs->fwmark);
	else {
		add_long(&vars, v_atype, OID_LENGTH(v_atype), ASN_INTEGER,
		    addr_type(vs->addr.family));
		snmp_varlist_add_variable(&vars, v_addr, OID_LENGTH(v_addr),
		    ASN_OCTET_STR, vs->addr.u.v6,
		    vs->addr.family == AF_INET6 ? 16 : 4);
		add_long(
		    &vars, v_port, OID_LENGTH(v_port), ASN_UNSIGNED, vs->port);
	}
	/* keepalived: TruthValue(TCP), so anything else is 2 */
	add_long(&vars, v_proto, OID_LENGTH(v_proto), ASN_INTEGER,
	    truth(vs->protocol == IPPROTO_TCP));
	if (cr == NULL) {
		add_long(&vars, v_qstatus, OID_LENGTH(v_qstatus), ASN_INTEGER,
		    truth(up));
		add_long(&vars, v_quorum, OID_LENGTH(v_quorum), ASN_UNSIGNED,
		    (long)vs->quorum);
	}
	add_long(&vars, v_up, OID_LENGTH(v_up), ASN_UNSIGNED,
	    (long)vs_real_up(cv, cr, up));
	add_long(
	    &vars, v_total, OID_LENGTH(v_total), ASN_UNSIGNED, (long)cv->nrs);
	if (rid[0] == '\0') {
		/* keepalived's default router_id: the host name */
		if (gethostname(host, sizeof(host)) != 0)
			host[0] = '\0';
		host[sizeof(host) - 1] = '\0';
		rid = host;
	}
	snmp_varlist_add_variable(&vars, router_id, OID_LENGTH(router_id),
	    ASN_OCTET_STR, rid, strlen(rid));
	snmp_trap(cr != NULL ? trap_rs : trap_quorum,
	    cr != NULL ? OID_LENGTH(trap_rs) : OID_LENGTH(trap_quorum), vars);
}

/* ---- what the checker decided ---- */

static const struct msg_rs_desired *
desired(objid_t id)
{
	const struct state_sync *ss = parent_snapshot(PROC_CHECK);

	return ss != NULL ? state_sync_get(ss, id) : NULL;
}

/* The herald's state once an event came (the checker's table, sent at
   the end of its loop iteration, may not say it yet: a quorum trap that
   follows a real server's must count it); before, the checker's. */
static bool
rs_alive(const struct ck_rs *cr)
{
	const struct herald_obj *o = herald_find(cr->id);
	const struct msg_rs_desired *d;

	if (o != NULL && o->heard)
		return o->state == MSG_RS_UP;
	d = desired(cr->id);
	return d != NULL && (d->flags & MSG_RS_F_ALIVE);
}

static long
rs_weight_now(const struct ck_rs *cr)
{
	const struct msg_rs_desired *d = desired(cr->id);

	return d != NULL && (d->flags & MSG_RS_F_IN_TABLE) ? (long)d->weight
	                                                   : 0;
}

/* The live real servers; ev_rs counts as ev_alive (the event being
   told). */
static unsigned
vs_real_up(const struct ck_vs *cv, const struct ck_rs *ev_rs, bool ev_alive)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < cv->nrs; i++) {
		const struct ck_rs *cr = &cv->rss[i];

		if (cr == ev_rs ? ev_alive : rs_alive(cr))
			n++;
	}
	return n;
}

/* The herald's state once an event came; before, the checker's first
   decision: the live weight against the quorum. */
static bool
vs_quorum_up(const struct ck_vs *cv)
{
	const struct herald_obj *o = herald_find(cv->id);
	uint64_t live = 0;
	size_t i;

	if (o != NULL && o->heard)
		return o->state == MSG_VS_UP;
	for (i = 0; i < cv->nrs; i++) {
		const struct msg_rs_desired *d = desired(cv->rss[i].id);

		if (d != NULL && (d->flags & MSG_RS_F_ALIVE))
			live += d->weight;
	}
	return live >= cv->vs->quorum;
}

/* ---- values ---- */

static long
truth(bool b)
{
	return b ? TRUTH_TRUE : TRUTH_FALSE;
}

static long
addr_type(int family)
{
	return family == AF_INET6 ? 2 : 1;
}

static long
vs_type(const struct vs_vs *vs)
{
	return vs->kind == VS_GROUP ? 3 : vs->kind == VS_FWMARK ? 1 : 2;
}

static long
vs_protocol(const struct vs_vs *vs)
{
	return vs->protocol == IPPROTO_TCP ? 1
	    : vs->protocol == IPPROTO_UDP  ? 2
	    : vs->protocol == IPPROTO_SCTP ? 3
	                                   : 4;
}

/* NAT 1, DR 2, TUN 3; 0: none. */
static long
fwd_kind(const struct vs_fwd *f)
{
	return f->method == VS_FWD_NAT ? 1
	    : f->method == VS_FWD_DR   ? 2
	    : f->method == VS_FWD_TUN  ? 3
	                               : 0;
}

static long
secs(uint64_t usec, uint64_t unset)
{
	return usec == unset ? 0 : (long)(usec / 1000000);
}

static long
usecs(uint64_t usec, uint64_t unset)
{
	return usec == unset ? 0 : (long)usec;
}
static void
set_str(netsnmp_request_info *req, const char *s)
{
	snmp_set_var_typed_value(req->requestvb, ASN_OCTET_STR, s, strlen(s));
}

static void
set_addr(netsnmp_request_info *req, const struct cfg_addr *a)
{
	snmp_set_var_typed_value(req->requestvb, ASN_OCTET_STR, a->u.v6,
	    a->family == AF_INET6 ? 16 : 4);
}

/* A tunnel's type, port and checksum (VS 68-70, RS 52-54). */
static bool
tun_value(netsnmp_request_info *req, const struct vs_fwd *f, unsigned which)
{
	if (f->method != VS_FWD_TUN)
		return false;
	switch (which) {
	case 0:
		snmp_set_long(req, ASN_INTEGER,
		    f->tun_type == VS_TUN_GUE       ? 2
		        : f->tun_type == VS_TUN_GRE ? 3
		                                    : 1);
		return true;
	case 1:
		if (f->tun_type != VS_TUN_GUE)
			return false;
		snmp_set_long(req, ASN_UNSIGNED, f->tun_port);
		return true;
	default:
		if (f->tun_type == VS_TUN_IPIP)
			return false;
		snmp_set_long(req, ASN_INTEGER,
		    f->tun_csum == VS_TUN_CSUM          ? 2
		        : f->tun_csum == VS_TUN_REMCSUM ? 3
		                                        : 1);
		return true;
	}
}

/* One cell of virtualServerTable; false: the row has no value there. */
static bool
vs_value(netsnmp_request_info *req, const struct ck_vs *cv, unsigned col)
{
	const struct vs_vs *vs = cv->vs;
	bool addr = vs->kind == VS_ADDR;
	uint8_t gran[4] = { 0 };

	switch (col) {
	case 2:
		snmp_set_long(req, ASN_INTEGER, vs_type(vs));
		return true;
	case 3:
		if (vs->kind != VS_GROUP)
			return false;
		set_str(req, vs->group);
		return true;
	case 4:
		if (vs->kind != VS_FWMARK)
			return false;
		snmp_set_long(req, ASN_UNSIGNED, (long)vs->fwmark);
		return true;
	case 5:
		snmp_set_long(req, ASN_INTEGER, addr_type(vs->af));
		return true;
	case 6:
		if (!addr)
			return false;
		set_addr(req, &vs->addr);
		return true;
	case 7:
		if (!addr)
			return false;
		snmp_set_long(req, ASN_UNSIGNED, vs->port);
		return true;
	case 8:
		if (vs->kind == VS_FWMARK)
			return false;
		snmp_set_long(req, ASN_INTEGER, vs_protocol(vs));
		return true;
	case 9:
		snmp_set_long(req, ASN_INTEGER, (long)vs->sched + 1);
		return true;
	case 10:
		if (fwd_kind(&vs->fwd) == 0)
			return false;
		snmp_set_long(req, ASN_INTEGER, fwd_kind(&vs->fwd));
		return true;
	case 11: /* virtualServerStatus: up while its quorum is */
	case 23: /* virtualServerQuorumStatus */
		snmp_set_long(req, ASN_INTEGER, truth(vs_quorum_up(cv)));
		return true;
	case 12:
		if (vs->virtualhost == NULL)
			return false;
		set_str(req, vs->virtualhost);
		return true;
	case 13:
		snmp_set_long(
		    req, ASN_INTEGER, truth(vs->persistence_timeout != 0));
		return true;
	case 14:
		if (vs->persistence_timeout == 0)
			return false;
		snmp_set_long(req, ASN_UNSIGNED, (long)vs->persistence_timeout);
		return true;
	case 15:
		if (vs->af == AF_INET6)
			return false;
		if (vs->granularity_v4.family == AF_INET)
			memcpy(gran, vs->granularity_v4.u.v4, 4);
		snmp_set_var_typed_value(
		    req->requestvb, ASN_OCTET_STR, gran, sizeof(gran));
		return true;
	case 16:
		snmp_set_long(
		    req, ASN_UNSIGNED, secs(vs->delay_loop, VS_UNSET_TIMER));
		return true;
	case 17:
		snmp_set_long(req, ASN_INTEGER, truth(vs->ha_suspend));
		return true;
	case 18:
		snmp_set_long(req, ASN_INTEGER, truth(vs->alpha));
		return true;
	case 19:
		snmp_set_long(req, ASN_INTEGER, truth(vs->omega));
		return true;
	case 20:
		snmp_set_long(req, ASN_UNSIGNED, (long)cv->nrs);
		return true;
	case 21:
		snmp_set_long(
		    req, ASN_UNSIGNED, (long)vs_real_up(cv, NULL, false));
		return true;
	case 22:
		snmp_set_long(req, ASN_UNSIGNED, (long)vs->quorum);
		return true;
	case 24:
	case 25: {
		const struct cfg_script *s =
		    col == 24 ? vs->quorum_up : vs->quorum_down;

		if (s == NULL || s->cmd == NULL)
			return false;
		set_str(req, s->cmd);
		return true;
	}
	case 26:
		snmp_set_long(req, ASN_UNSIGNED, (long)vs->hysteresis);
		return true;
	case 37:
		snmp_set_long(req, ASN_INTEGER, truth(vs->flags & VS_F_OPS));
		return true;
	case 51:
		if (vs->af != AF_INET6)
			return false;
		snmp_set_long(req, ASN_UNSIGNED, vs->granularity_v6);
		return true;
	case 52:
		snmp_set_long(req, ASN_INTEGER, truth(vs->flags & VS_F_HASHED));
		return true;
	case 53: /* sh-fallback and mh-fallback are one flag */
	case 62:
		snmp_set_long(req, ASN_INTEGER, truth(vs->flags & VS_F_FLAG1));
		return true;
	case 54:
	case 63:
		snmp_set_long(req, ASN_INTEGER, truth(vs->flags & VS_F_FLAG2));
		return true;
	case 55:
		snmp_set_long(req, ASN_INTEGER, truth(vs->flags & VS_F_FLAG3));
		return true;
	case 56:
		snmp_set_long(req, ASN_INTEGER, truth(!vs->inhibit_on_failure));
		return true;
	case 57:
		snmp_set_long(req, ASN_UNSIGNED,
		    vs->retry == VS_UNSET_U32 ? 0 : (long)vs->retry);
		return true;
	case 58:
		snmp_set_long(req, ASN_UNSIGNED,
		    secs(vs->delay_before_retry, VS_UNSET_TIMER));
		return true;
	case 59:
		snmp_set_long(
		    req, ASN_UNSIGNED, secs(vs->warmup, VS_UNSET_TIMER));
		return true;
	case 60:
		snmp_set_long(req, ASN_INTEGER, (long)vs->weight);
		return true;
	case 61:
		snmp_set_long(req, ASN_INTEGER, truth(vs->smtp_alert > 0));
		return true;
	case 64:
		snmp_set_long(
		    req, ASN_UNSIGNED, usecs(vs->delay_loop, VS_UNSET_TIMER));
		return true;
	case 65:
		snmp_set_long(req, ASN_UNSIGNED,
		    usecs(vs->delay_before_retry, VS_UNSET_TIMER));
		return true;
	case 66:
		snmp_set_long(
		    req, ASN_UNSIGNED, usecs(vs->warmup, VS_UNSET_TIMER));
		return true;
	case 67:
		snmp_set_long(req, ASN_UNSIGNED,
		    usecs(vs->connect_timeout, VS_UNSET_TIMER));
		return true;
	case 68:
	case 69:
	case 70:
		return tun_value(req, &vs->fwd, col - 68);
	case 71:
		if (vs->snmp_name == NULL)
			return false;
		set_str(req, vs->snmp_name);
		return true;
	default:
		return false;
	}
}

/* One cell of realServerTable; false: the row has no value there. */
static bool
rs_value(netsnmp_request_info *req, const struct ck_rs *cr, unsigned col)
{
	const struct vs_rs *rs = cr->rs;
	const struct vs_rs_opt *opt = rs->opt;
	const struct vs_rs_time *t = rs->time;
	const struct cfg_script *s;

	/* A sorry server has no state, weight, limit or script here. */
	if (cr->sorry && col >= 6 && col <= 13)
		return false;
	switch (col) {
	case 2:
		snmp_set_long(req, ASN_INTEGER, cr->sorry ? 2 : 1);
		return true;
	case 3:
		snmp_set_long(req, ASN_INTEGER, addr_type(rs->addr.family));
		return true;
	case 4:
		set_addr(req, &rs->addr);
		return true;
	case 5:
		snmp_set_long(req, ASN_UNSIGNED, rs->port);
		return true;
	case 6:
		snmp_set_long(req, ASN_INTEGER, truth(rs_alive(cr)));
		return true;
	case 7:
		snmp_set_long(req, ASN_INTEGER, rs_weight_now(cr));
		return true;
	case 8:
		if (opt == NULL || opt->uthreshold == 0)
			return false;
		snmp_set_long(req, ASN_UNSIGNED, (long)opt->uthreshold);
		return true;
	case 9:
		if (opt == NULL || opt->lthreshold == 0)
			return false;
		snmp_set_long(req, ASN_UNSIGNED, (long)opt->lthreshold);
		return true;
	case 10:
		snmp_set_long(
		    req, ASN_INTEGER, truth(rs->inhibit_on_failure <= 0));
		return true;
	case 11:
	case 12:
		s = opt == NULL ? NULL
		    : col == 11 ? opt->notify_up
		                : opt->notify_down;
		if (s == NULL || s->cmd == NULL)
			return false;
		set_str(req, s->cmd);
		return true;
	case 40:
		if (fwd_kind(&rs->fwd) == 0)
			return false;
		snmp_set_long(req, ASN_INTEGER, fwd_kind(&rs->fwd));
		return true;
	case 41:
		if (opt == NULL || opt->virtualhost == NULL)
			return false;
		set_str(req, opt->virtualhost);
		return true;
	case 42:
		snmp_set_long(req, ASN_INTEGER, truth(rs->alpha > 0));
		return true;
	case 43:
		snmp_set_long(req, ASN_UNSIGNED,
		    t == NULL || t->retry == VS_UNSET_U32 ? 0 : (long)t->retry);
		return true;
	case 44:
		snmp_set_long(req, ASN_UNSIGNED,
		    t == NULL ? 0
		              : secs(t->delay_before_retry, VS_UNSET_TIMER));
		return true;
	case 45:
		snmp_set_long(req, ASN_UNSIGNED,
		    t == NULL ? 0 : secs(t->warmup, VS_UNSET_TIMER));
		return true;
	case 46:
		snmp_set_long(req, ASN_UNSIGNED,
		    t == NULL ? 0 : secs(t->delay_loop, VS_UNSET_TIMER));
		return true;
	case 47:
		snmp_set_long(req, ASN_INTEGER, truth(rs->smtp_alert > 0));
		return true;
	case 48:
		snmp_set_long(req, ASN_UNSIGNED,
		    t == NULL ? 0
		              : usecs(t->delay_before_retry, VS_UNSET_TIMER));
		return true;
	case 49:
		snmp_set_long(req, ASN_UNSIGNED,
		    t == NULL ? 0 : usecs(t->warmup, VS_UNSET_TIMER));
		return true;
	case 50:
		snmp_set_long(req, ASN_UNSIGNED,
		    t == NULL ? 0 : usecs(t->delay_loop, VS_UNSET_TIMER));
		return true;
	case 51:
		snmp_set_long(req, ASN_UNSIGNED,
		    t == NULL ? 0 : usecs(t->connect_timeout, VS_UNSET_TIMER));
		return true;
	case 52:
	case 53:
	case 54:
		return tun_value(req, &rs->fwd, col - 52);
	case 55:
		if (opt == NULL || opt->snmp_name == NULL)
			return false;
		set_str(req, opt->snmp_name);
		return true;
	default:
		return false;
	}
}

/* One cell of virtualServerGroupMemberTable: fwmark(1), ip(2), range(3). */
static bool
member_value(
    netsnmp_request_info *req, const struct vs_group_entry *e, unsigned col)
{
	bool range = !e->is_fwmark && e->range > 0;
	struct cfg_addr last;
	uint32_t carry;
	int i;

	switch (col) {
	case 2:
		snmp_set_long(req, ASN_INTEGER,
		    e->is_fwmark ? 1
		        : range  ? 3
		                 : 2);
		return true;
	case 3:
		if (!e->is_fwmark)
			return false;
		snmp_set_long(req, ASN_UNSIGNED, (long)e->fwmark);
		return true;
	case 4:
		if (e->is_fwmark)
			return false;
		snmp_set_long(req, ASN_INTEGER, addr_type(e->addr.family));
		return true;
	case 5:
	case 6:
		if (e->is_fwmark || range != (col == 6))
			return false;
		set_addr(req, &e->addr);
		return true;
	case 7:
		if (!range)
			return false;
		/* the range's last address: the first plus range */
		last = e->addr;
		carry = e->range;
		for (i = (last.family == AF_INET6 ? 16 : 4) - 1;
		     i >= 0 && carry != 0; i--) {
			carry += last.u.v6[i];
			last.u.v6[i] = (uint8_t)carry;
			carry >>= 8;
		}
		set_addr(req, &last);
		return true;
	case 8:
		if (e->is_fwmark)
			return false;
		snmp_set_long(req, ASN_UNSIGNED, e->port);
		return true;
	default:
		return false;
	}
}

/* ---- handlers ---- */

/* Runs fn on each request's row and column; a cell without value is
   NOSUCHINSTANCE, which the table helper skips in a walk. */
#define EACH_CELL(ROWTYPE, BODY) \
	do { \
		(void)h; \
		(void)reg; \
		for (; req != NULL; req = req->next) { \
			const ROWTYPE *row = netsnmp_tdata_extract_entry(req); \
			netsnmp_table_request_info *ti = \
			    netsnmp_extract_table_info(req); \
			if (req->processed || ri->mode != MODE_GET) \
				continue; \
			if (row == NULL || ti == NULL || !ck.on || !(BODY)) \
				netsnmp_set_request_error( \
				    ri, req, SNMP_NOSUCHINSTANCE); \
		} \
		return SNMP_ERR_NOERROR; \
	} while (0)

static int
h_group(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *ri, netsnmp_request_info *req)
{
	EACH_CELL(struct ck_group,
	    ti->colnum == 2 && (set_str(req, row->g->name), true));
}

static int
h_member(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *ri, netsnmp_request_info *req)
{
	EACH_CELL(struct ck_member, member_value(req, row->e, ti->colnum));
}

static int
h_vs(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *ri, netsnmp_request_info *req)
{
	EACH_CELL(struct ck_vs, vs_value(req, row, ti->colnum));
}

static int
h_rs(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *ri, netsnmp_request_info *req)
{
	EACH_CELL(struct ck_rs, rs_value(req, row, ti->colnum));
}

/* The VRID of the instance lvs_sync_daemon names, for its default syncid. */
static long
sync_vrid(const struct config *cfg, const char *name)
{
	const struct vrrp_model *vm = cfg_model(cfg, CFG_MODEL_VRRP);
	uint32_t i;

	for (i = 0; vm != NULL && i < vm->instances.n; i++) {
		const struct vrrp_instance *vi = vm->instances.v[i];

		if (strcmp(vi->name, name) == 0)
			return vi->vrid;
	}
	return 0;
}

/* lvsSyncDaemon (6.x) and lvsTimeouts (7.x). */
static bool
scalar_value(netsnmp_request_info *req, oid group, oid which)
{
	const struct global_conf *g = &ck.cfg->global;
	const struct global_lvs_syncd *sd = &g->lvs_sync_daemon;
	const struct global_lvs_timeouts *to = &g->lvs_timeouts;
	bool on = sd->ifname[0] != '\0';
	int64_t v;

	if (group == 7) {
		v = which == 1 ? to->tcp : which == 2 ? to->tcpfin : to->udp;
		if (v <= 0)
			return false;
		snmp_set_long(req, ASN_INTEGER, (long)v);
		return true;
	}
	if (which == 1) {
		snmp_set_long(req, ASN_INTEGER, truth(on));
		return true;
	}
	if (!on)
		return false;
	switch (which) {
	case 2:
		set_str(req, sd->ifname);
		return true;
	case 3:
		if (sd->vrrp_instance[0] == '\0')
			return false;
		set_str(req, sd->vrrp_instance);
		return true;
	case 4:
		snmp_set_long(req, ASN_INTEGER,
		    sd->syncid >= 0 ? (long)sd->syncid
		        : sd->vrrp_instance[0] != '\0'
		        ? sync_vrid(ck.cfg, sd->vrrp_instance)
		        : 0);
		return true;
	case 5:
		snmp_set_long(req, ASN_INTEGER, (long)sd->maxlen);
		return true;
	case 6:
		snmp_set_long(req, ASN_INTEGER, (long)sd->port);
		return true;
	case 7:
		snmp_set_long(req, ASN_INTEGER, (long)sd->ttl);
		return true;
	case 8:
		if (sd->group.family == AF_UNSPEC)
			return false;
		snmp_set_long(req, ASN_INTEGER, addr_type(sd->group.family));
		return true;
	case 9:
		if (sd->group.family == AF_UNSPEC)
			return false;
		set_addr(req, &sd->group);
		return true;
	default:
		return false;
	}
}

static int
h_scalars(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *ri, netsnmp_request_info *req)
{
	(void)h;
	(void)reg;
	for (; req != NULL; req = req->next) {
		const oid *name = req->requestvb->name;
		size_t len = req->requestvb->name_length;

		if (ri->mode != MODE_GET)
			continue;
		if (!ck.on || ck.cfg == NULL || len < 3 ||
		    !scalar_value(req, name[len - 3], name[len - 2]))
			netsnmp_set_request_error(ri, req, SNMP_NOSUCHOBJECT);
	}
	return SNMP_ERR_NOERROR;
}

/* ---- registrations ---- */

/* A scalar of lvsSyncDaemon or lvsTimeouts (net-snmp adds the .0). */
static void
scalar_register(const oid *root, size_t len)
{
	netsnmp_handler_registration *reg = netsnmp_create_handler_registration(
	    "keepalived-check-scalar", h_scalars, root, len, HANDLER_CAN_RONLY);

	if (reg == NULL ||
	    netsnmp_register_read_only_scalar(reg) != MIB_REGISTERED_OK)
		log_warnx("SNMP: cannot register a check scalar");
}
