/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp_rfc.c: VRRP-MIB (RFC 2787) and VRRPv3-MIB (RFC 6527) of the SNMP module. */

/*
 * What is served, as keepalived 2.2.7 serves it (same OIDs, same rows):
 *
 * - VRRP-MIB (.1.3.6.1.2.1.68; enable_snmp_rfcv2, enable_snmp_rfc or -x):
 *   vrrpNodeVersion (2), vrrpNotificationCntl (enable_traps),
 *   vrrpOperTable and vrrpRouterStatsTable, indexed by ifIndex and VrId,
 *   vrrpAssoIpAddrTable (ifIndex, VrId, address), and the router-wide
 *   vrrpRouterChecksumErrors, VersionErrors and VrIdErrors.  Rows: the
 *   VRRPv2 instances of IPv4 with at least one virtual address.
 * - VRRPv3-MIB (.1.3.6.1.2.1.207; enable_snmp_rfcv3, enable_snmp_rfc or -x):
 *   vrrpv3OperationsTable and vrrpv3StatisticsTable (ifIndex, VrId,
 *   address type), vrrpv3AssociatedIpAddrTable (the address as an
 *   InetAddress, its length first, as RFC 4001 wants of an index), the
 *   router-wide counters.  Rows: every instance (VRRPv2 too, as Debian's
 *   keepalived built with SNMP_V3_FOR_V2), either family, with at least
 *   one virtual address.
 *
 * ifIndex is if_nametoindex() of the instance's interface in the
 * parent's namespace at each configuration (0: none, a unicast instance
 * without one).  Rows are built at each configuration into net-snmp's
 * tdata tables (sorted containers: a GETNEXT is a binary search); what
 * changes (state, master, counters) is read at each request from the VRRP
 * child's snapshot (parent_snapshot(PROC_VRRP)), which it refreshes at
 * each transition and every MSG_VRRP_COUNTERS_PERIOD.  Nothing is
 * writable.
 *
 * Where vigil differs from keepalived: vrrpOperVirtualMacAddr is the
 * RFC's 00-00-5E-00-01-{VrId} (00-00-5E-00-02-{VrId} for IPv6), not the
 * interface's address; vrrpOperMasterIpAddr is ours while we are master;
 * the router-wide counters count every packet the VRRP child refused,
 * not only those of the rows served.
 *
 * Notifications (enable_traps), once per transition to MASTER of a row's
 * instance (herald_event_told()): vrrpTrapNewMaster with
 * vrrpOperMasterIpAddr, vrrpv3NewMaster with vrrpv3OperationsMasterIpAddr
 * and vrrpv3StatisticsNewMasterReason (vrrp_master_reason() of the
 * event's cause: the snapshot that tells it comes after the event); the
 * address is the one the instance sends from (mcast_src_ip / unicast_src_ip, else the
 * interface's first IPv4 address, or IPv6 link-local one).
 * vrrpTrapAuthFailure and vrrpv3ProtoError are not sent: the VRRP child
 * reports such packets as counters only (vrrpStatsAuthFailures,
 * vrrpv3StatisticsProtoErrReason), not as events.
 *
 * Log lines (info), at each configuration of a MIB that runs:
 *	SNMP: VRRP-MIB serves 2 virtual routers (1 instance not of VRRPv2/IPv4 with addresses)
 *	SNMP: VRRPv3-MIB serves 3 virtual routers (0 instances not of VRRP with addresses)
 */

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "log.h"
#include "parent.h"
#include "snmp_int.h"
#include "state_sync.h"
#include "../vrrp/vrrp.h"
#include "../vrrp/vrrp_conf.h"

/* One virtual router: a row of the operations and statistics tables. */
struct rfc_vr {
	objid_t id; /* its instance's */
	const struct vrrp_instance *vi; /* in the configuration served */
	long ifindex, vrid;
	int family;
	unsigned naddr; /* virtual addresses of the instance's family */
	uint64_t up_since; /* CLOCK_REALTIME usec it left INIT/FAULT; 0 */
};

/* One MIB: its rows and tables. */
struct rfc_mib {
	bool v3;
	bool on; /* wanted by the configuration served */
	struct rfc_vr *vr; /* sorted by index */
	size_t n;
	struct rfc_vr **by_id; /* sorted by id */
	netsnmp_tdata *oper, *asso, *stats;
	netsnmp_column_info oper_cols, stats_cols;
};

static struct rfc_mib mib2 = { .v3 = false };
static struct rfc_mib mib3 = { .v3 = true };
/* When the module's MIBs started: vrrpOperVirtualRouterUpTime's zero. */
static uint64_t start_usec;

/* The interfaces' addresses, read at most once a second. */
struct rfc_ifaddr {
	char ifname[IFNAMSIZ];
	int family;
	uint8_t a[16];
};
static struct {
	struct rfc_ifaddr *v;
	size_t n;
	double at;
} ifc;

static bool v2_wanted(const struct config *, const struct vigil_opts *);
static bool v3_wanted(const struct config *, const struct vigil_opts *);
static void v2_init(void);
static void v3_init(void);
static void v2_configure(const struct config *);
static void v3_configure(const struct config *);
static void v2_event(const struct herald_obj *, const struct msg_event *);
static void v3_event(const struct herald_obj *, const struct msg_event *);
static void v2_disable(void);
static void v3_disable(void);

static void mib_configure(struct rfc_mib *, const struct config *);
static void mib_clear(struct rfc_mib *);
static void mib_event(
    struct rfc_mib *, const struct herald_obj *, const struct msg_event *);
static struct rfc_vr *mib_find(const struct rfc_mib *, objid_t);
static bool suitable(const struct rfc_mib *, const struct vrrp_instance *);
static int cmp_vr(const void *, const void *);
static int cmp_vr_id(const void *, const void *);
static int cmp_addr(const void *, const void *);
static void row_add(netsnmp_tdata *, void *data, const long *idx, size_t n,
    const struct cfg_addr *addr, bool inet);
static void scalar_register(
    const char *name, const oid *root, size_t len, Netsnmp_Node_Handler *);
static int v2_scalars(netsnmp_mib_handler *, netsnmp_handler_registration *,
    netsnmp_agent_request_info *, netsnmp_request_info *);
static int v3_scalars(netsnmp_mib_handler *, netsnmp_handler_registration *,
    netsnmp_agent_request_info *, netsnmp_request_info *);
static int v2_oper(netsnmp_mib_handler *, netsnmp_handler_registration *,
    netsnmp_agent_request_info *, netsnmp_request_info *);
static int v3_oper(netsnmp_mib_handler *, netsnmp_handler_registration *,
    netsnmp_agent_request_info *, netsnmp_request_info *);
static int asso(netsnmp_mib_handler *, netsnmp_handler_registration *,
    netsnmp_agent_request_info *, netsnmp_request_info *);
static int v2_stats(netsnmp_mib_handler *, netsnmp_handler_registration *,
    netsnmp_agent_request_info *, netsnmp_request_info *);
static int v3_stats(netsnmp_mib_handler *, netsnmp_handler_registration *,
    netsnmp_agent_request_info *, netsnmp_request_info *);
static uint8_t state_of(const struct msg_vrrp_snap *);
static bool up_now(const struct msg_vrrp_snap *);
static bool own_addr(const struct rfc_vr *, uint8_t *out);
static bool if_addr(const char *ifname, int family, uint8_t *out);
static void ifaddrs_refresh(void);
static double mono_now(void);
static uint64_t real_usec(void);
static void send_new_master(
    const struct rfc_mib *, const struct rfc_vr *, const struct msg_event *);
static void set_c64(netsnmp_request_info *, uint64_t);
static void
set_bytes(netsnmp_request_info *, u_char type, const void *, size_t);
static void none(netsnmp_agent_request_info *, netsnmp_request_info *);

const struct snmp_part snmp_part_rfcv2 = {
	.name = "vrrp-mib",
	.wanted = v2_wanted,
	.init = v2_init,
	.configure = v2_configure,
	.event = v2_event,
	.disable = v2_disable,
};
const struct snmp_part snmp_part_rfcv3 = {
	.name = "vrrpv3-mib",
	.wanted = v3_wanted,
	.init = v3_init,
	.configure = v3_configure,
	.event = v3_event,
	.disable = v3_disable,
};

/* The OIDs, below VRRP-MIB and VRRPv3-MIB. */
#define V2(...) \
	{ \
		SNMP_VRRP_MIB_OID, __VA_ARGS__ \
	}
#define V3(...) \
	{ \
		SNMP_VRRPV3_MIB_OID, __VA_ARGS__ \
	}
static const oid v2_oper_oid[] = V2(1, 3);
static const oid v2_asso_oid[] = V2(1, 4);
static const oid v2_stats_oid[] = V2(2, 4);
static const oid v2_trap_new_master[] = V2(0, 1);
static const oid v3_oper_oid[] = V3(1, 1, 1);
static const oid v3_asso_oid[] = V3(1, 1, 2);
static const oid v3_stats_oid[] = V3(1, 2, 5);
static const oid v3_trap_new_master[] = V3(0, 1);

/* vrrpOperTable's columns after vrrpOperAuthKey (10). */
static netsnmp_column_info v2_oper_tail = { .isRange = 1,
	.details.range = { 11, 15 } };

/* RFC 2787's and RFC 6527's codes. */
enum { TRUTH_TRUE = 1, TRUTH_FALSE = 2 };
enum { RFC_INIT = 1, RFC_BACKUP = 2, RFC_MASTER = 3 };
enum { V3_NOT_MASTER };

/* ---- the parts ---- */

/* -x turns on every part in keepalived 2.2.7 (global_data.c), whatever
   the enable_snmp_* keywords say. */
static bool
v2_wanted(const struct config *cfg, const struct vigil_opts *o)
{
	return cfg->global.enable_snmp_rfc || cfg->global.enable_snmp_rfcv2 ||
	    (o != NULL && o->snmp);
}

static bool
v3_wanted(const struct config *cfg, const struct vigil_opts *o)
{
	return cfg->global.enable_snmp_rfc || cfg->global.enable_snmp_rfcv3 ||
	    (o != NULL && o->snmp);
}

/* The node's and the router's scalars are one handler per MIB; the
   tables have one each. */
static void
v2_init(void)
{
	static const oid ver[] = V2(1, 1), cntl[] = V2(1, 2);
	static const oid cks[] = V2(2, 1), vers[] = V2(2, 2), vrid[] = V2(2, 3);

	if (start_usec == 0)
		start_usec = real_usec();
	scalar_register("vrrpNodeVersion", ver, OID_LENGTH(ver), v2_scalars);
	scalar_register(
	    "vrrpNotificationCntl", cntl, OID_LENGTH(cntl), v2_scalars);
	scalar_register(
	    "vrrpRouterChecksumErrors", cks, OID_LENGTH(cks), v2_scalars);
	scalar_register(
	    "vrrpRouterVersionErrors", vers, OID_LENGTH(vers), v2_scalars);
	scalar_register(
	    "vrrpRouterVrIdErrors", vrid, OID_LENGTH(vrid), v2_scalars);
	/* vrrpOperAuthKey (10) is never readable: not a column here. */
	mib2.oper_cols =
	    (netsnmp_column_info){ .isRange = 1, .details.range = { 2, 9 } };
	mib2.oper_cols.next = &v2_oper_tail;
	mib2.oper = snmp_tdata_table("vrrpOperTable", v2_oper_oid,
	    OID_LENGTH(v2_oper_oid), v2_oper, 2, 0, 15, &mib2.oper_cols);
	mib2.asso = snmp_tdata_table("vrrpAssoIpAddrTable", v2_asso_oid,
	    OID_LENGTH(v2_asso_oid), asso, 2, ASN_IPADDRESS, 2, NULL);
	mib2.stats = snmp_tdata_table("vrrpRouterStatsTable", v2_stats_oid,
	    OID_LENGTH(v2_stats_oid), v2_stats, 2, 0, 12, NULL);
}

static void
v3_init(void)
{
	static const oid cks[] = V3(1, 2, 1), vers[] = V3(1, 2, 2);
	static const oid vrid[] = V3(1, 2, 3), disc[] = V3(1, 2, 4);

	if (start_usec == 0)
		start_usec = real_usec();
	scalar_register(
	    "vrrpv3RouterChecksumErrors", cks, OID_LENGTH(cks), v3_scalars);
	scalar_register(
	    "vrrpv3RouterVersionErrors", vers, OID_LENGTH(vers), v3_scalars);
	scalar_register(
	    "vrrpv3RouterVrIdErrors", vrid, OID_LENGTH(vrid), v3_scalars);
	scalar_register("vrrpv3GlobalStatisticsDiscontinuityTime", disc,
	    OID_LENGTH(disc), v3_scalars);
	/* Columns 1 and 2 are the not-accessible VrId and address type. */
	mib3.oper_cols =
	    (netsnmp_column_info){ .isRange = 1, .details.range = { 3, 13 } };
	mib3.oper = snmp_tdata_table("vrrpv3OperationsTable", v3_oper_oid,
	    OID_LENGTH(v3_oper_oid), v3_oper, 3, 0, 13, &mib3.oper_cols);
	mib3.asso = snmp_tdata_table("vrrpv3AssociatedIpAddrTable", v3_asso_oid,
	    OID_LENGTH(v3_asso_oid), asso, 3, ASN_OCTET_STR, 2, NULL);
	mib3.stats = snmp_tdata_table("vrrpv3StatisticsTable", v3_stats_oid,
	    OID_LENGTH(v3_stats_oid), v3_stats, 3, 0, 13, NULL);
}

static void
v2_configure(const struct config *cfg)
{
	mib_configure(&mib2, cfg);
}

static void
v3_configure(const struct config *cfg)
{
	mib_configure(&mib3, cfg);
}

static void
v2_event(const struct herald_obj *o, const struct msg_event *e)
{
	mib_event(&mib2, o, e);
}

static void
v3_event(const struct herald_obj *o, const struct msg_event *e)
{
	mib_event(&mib3, o, e);
}

static void
v2_disable(void)
{
	mib_clear(&mib2);
	mib2.on = false;
}

static void
v3_disable(void)
{
	mib_clear(&mib3);
	mib3.on = false;
}

/* ---- rows ---- */

/* keepalived's choice of rows (Debian's build, SNMP_V3_FOR_V2):
   VRRP-MIB knows VRRPv2 over IPv4 only, VRRPv3-MIB every instance; a
   router without addresses is none. */
static bool
suitable(const struct rfc_mib *m, const struct vrrp_instance *vi)
{
	if (vi->vips.n == 0)
		return false;
	if (m->v3)
		return true;
	return vi->version == 2 && vi->family == AF_INET;
}

/*
 * Rebuilds the rows for cfg.  Each instance keeps the time it left
 * INIT across a reload (by id).  Rows go in index order, so that each
 * insertion into the sorted containers is a binary search and no move.
 */
static void
mib_configure(struct rfc_mib *m, const struct config *cfg)
{
	const struct vrrp_model *vm = cfg_model(cfg, CFG_MODEL_VRRP);
	struct rfc_vr *old = m->vr, *vr = NULL;
	struct rfc_vr **old_by_id = m->by_id;
	size_t old_n = m->n, n = 0, skipped = 0, i, j;

	mib_clear(m);
	m->on = true;
	if (vm != NULL && vm->instances.n > 0) {
		vr = calloc(vm->instances.n, sizeof(*vr));
		if (vr == NULL)
			fatal("SNMP: calloc");
	}
	for (i = 0; vm != NULL && i < vm->instances.n; i++) {
		const struct vrrp_instance *vi = vm->instances.v[i];
		struct rfc_vr *r = &vr[n];
		const struct rfc_vr *prev;
		struct rfc_mib om = { .by_id = old_by_id, .n = old_n };

		if (!suitable(m, vi)) {
			skipped++;
			continue;
		}
		r->id = objid_name(OBJ_VRRP_INSTANCE, vi->name);
		r->vi = vi;
		r->ifindex =
		    vi->ifname[0] != '\0' ? if_nametoindex(vi->ifname) : 0;
		r->vrid = vi->vrid;
		r->family = vi->family;
		for (j = 0; j < vi->vips.n; j++) {
			const struct vrrp_ipaddr *a = vi->vips.v[j];

			if (a->addr.family == vi->family)
				r->naddr++;
		}
		prev = old != NULL ? mib_find(&om, r->id) : NULL;
		r->up_since = prev != NULL ? prev->up_since : 0;
		n++;
	}
	free(old);
	free(old_by_id);
	qsort(vr, n, sizeof(*vr), cmp_vr);
	m->vr = vr;
	m->n = n;
	m->by_id = n > 0 ? calloc(n, sizeof(*m->by_id)) : NULL;
	if (n > 0 && m->by_id == NULL)
		fatal("SNMP: calloc");
	for (i = 0; i < n; i++)
		m->by_id[i] = &vr[i];
	qsort(m->by_id, n, sizeof(*m->by_id), cmp_vr_id);

	for (i = 0; i < n; i++) {
		struct rfc_vr *r = &vr[i];
		long idx[3] = { r->ifindex, r->vrid,
			r->family == AF_INET6 ? 2 : 1 };
		const struct cfg_addr **addrs;
		size_t na = 0;

		/* Two routers of one index (unicast ones without an
		   interface): the first answers, as with keepalived. */
		if (i > 0 && cmp_vr(&vr[i - 1], r) == 0)
			continue;
		row_add(m->oper, r, idx, m->v3 ? 3 : 2, NULL, false);
		row_add(m->stats, r, idx, m->v3 ? 3 : 2, NULL, false);
		addrs = calloc(r->vi->vips.n, sizeof(*addrs));
		if (addrs == NULL)
			fatal("SNMP: calloc");
		for (j = 0; j < r->vi->vips.n; j++) {
			const struct vrrp_ipaddr *a = r->vi->vips.v[j];

			if (a->addr.family == r->family)
				addrs[na++] = &a->addr;
		}
		qsort(addrs, na, sizeof(*addrs), cmp_addr);
		for (j = 0; j < na; j++) {
			if (j > 0 && cmp_addr(&addrs[j - 1], &addrs[j]) == 0)
				continue;
			row_add(
			    m->asso, r, idx, m->v3 ? 3 : 2, addrs[j], m->v3);
		}
		free(addrs);
	}
	log_info("SNMP: %s serves %zu virtual router%s (%zu instance%s not "
	         "of %s with addresses)",
	    m->v3 ? "VRRPv3-MIB" : "VRRP-MIB", n, n == 1 ? "" : "s", skipped,
	    skipped == 1 ? "" : "s", m->v3 ? "VRRP" : "VRRPv2/IPv4");
}

/* Empties the tables (their registrations stay: they answer nothing). */
static void
mib_clear(struct rfc_mib *m)
{
	netsnmp_tdata *t[] = { m->oper, m->asso, m->stats };
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i] != NULL)
			CONTAINER_CLEAR(
			    t[i]->container, snmp_tdata_row_free, NULL);
}
static void
row_add(netsnmp_tdata *t, void *data, const long *idx, size_t n,
    const struct cfg_addr *addr, bool inet)
{
	netsnmp_tdata_row *row = netsnmp_tdata_create_row();
	size_t i;

	if (row == NULL)
		fatalx("SNMP: netsnmp_tdata_create_row failed");
	row->data = data;
	for (i = 0; i < n; i++)
		netsnmp_tdata_row_add_index(
		    row, ASN_INTEGER, &idx[i], sizeof(long));
	if (addr != NULL && inet) {
		netsnmp_tdata_row_add_index(row, ASN_OCTET_STR, addr->u.v6,
		    addr->family == AF_INET6 ? 16 : 4);
	} else if (addr != NULL) {
		/* net-snmp takes an IpAddress index as a number, most
		   significant byte first in the OID */
		const uint8_t *b = addr->u.v4;
		u_long v = (u_long)b[0] << 24 | (u_long)b[1] << 16 |
		    (u_long)b[2] << 8 | b[3];

		netsnmp_tdata_row_add_index(row, ASN_IPADDRESS, &v, 4);
	}
	if (netsnmp_tdata_add_row(t, row) != SNMPERR_SUCCESS)
		netsnmp_tdata_delete_row(row);
}

static int
cmp_vr(const void *a, const void *b)
{
	const struct rfc_vr *x = a, *y = b;

	if (x->ifindex != y->ifindex)
		return x->ifindex < y->ifindex ? -1 : 1;
	if (x->vrid != y->vrid)
		return x->vrid < y->vrid ? -1 : 1;
	return (x->family > y->family) - (x->family < y->family);
}

static int
cmp_vr_id(const void *a, const void *b)
{
	const struct rfc_vr *x = *(const struct rfc_vr *const *)a;
	const struct rfc_vr *y = *(const struct rfc_vr *const *)b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Addresses of one family, in the order of their index's sub-ids. */
static int
cmp_addr(const void *a, const void *b)
{
	const struct cfg_addr *x = *(const struct cfg_addr *const *)a;
	const struct cfg_addr *y = *(const struct cfg_addr *const *)b;

	return memcmp(x->u.v6, y->u.v6, x->family == AF_INET6 ? 16 : 4);
}

static struct rfc_vr *
mib_find(const struct rfc_mib *m, objid_t id)
{
	size_t lo = 0, hi = m->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (m->by_id[mid]->id == id)
			return m->by_id[mid];
		if (m->by_id[mid]->id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ---- events and notifications ---- */

static void
mib_event(
    struct rfc_mib *m, const struct herald_obj *o, const struct msg_event *e)
{
	struct rfc_vr *r;
	bool was_up, is_up;

	if (!m->on || e->kind != OBJ_VRRP_INSTANCE)
		return;
	r = mib_find(m, e->id);
	if (r == NULL)
		return;
	was_up =
	    e->old_state == MSG_VRRP_BACKUP || e->old_state == MSG_VRRP_MASTER;
	is_up =
	    e->new_state == MSG_VRRP_BACKUP || e->new_state == MSG_VRRP_MASTER;
	if (is_up && (!was_up || r->up_since == 0))
		r->up_since = e->usec;
	else if (!is_up)
		r->up_since = 0;
	if (e->new_state == MSG_VRRP_MASTER &&
	    e->old_state != MSG_VRRP_MASTER && herald_event_told(o, e) &&
	    snmp_traps_enabled())
		send_new_master(m, r, e);
}

/*
 * vrrpTrapNewMaster / vrrpv3NewMaster, keepalived's varbinds: the
 * master's address (ours: the address we send from) at the row's
 * index, and for VRRPv3 the reason.
 */
static void
send_new_master(
    const struct rfc_mib *m, const struct rfc_vr *r, const struct msg_event *e)
{
	netsnmp_variable_list *vars = NULL;
	uint8_t a[16] = { 0 };
	long reason;

	own_addr(r, a);
	if (!m->v3) {
		oid mip[] = { SNMP_VRRP_MIB_OID, 1, 3, 1, 7, (oid)r->ifindex,
			(oid)r->vrid };

		snmp_varlist_add_variable(
		    &vars, mip, OID_LENGTH(mip), ASN_IPADDRESS, a, 4);
		snmp_trap(
		    v2_trap_new_master, OID_LENGTH(v2_trap_new_master), vars);
		return;
	}
	{
		oid type = r->family == AF_INET6 ? 2 : 1;
		oid mip[] = { SNMP_VRRPV3_MIB_OID, 1, 1, 1, 1, 3,
			(oid)r->ifindex, (oid)r->vrid, type };
		oid why[] = { SNMP_VRRPV3_MIB_OID, 1, 2, 5, 1, 2,
			(oid)r->ifindex, (oid)r->vrid, type };

		/* The VRRP child sends the event before the snapshot that
		   has the new reason (at the end of its loop iteration):
		   the event's cause, mapped as the child maps it. */
		reason = vrrp_master_reason(e->reason);
		snmp_varlist_add_variable(&vars, mip, OID_LENGTH(mip),
		    ASN_OCTET_STR, a, r->family == AF_INET6 ? 16 : 4);
		snmp_varlist_add_variable(&vars, why, OID_LENGTH(why),
		    ASN_INTEGER, &reason, sizeof(reason));
		snmp_trap(
		    v3_trap_new_master, OID_LENGTH(v3_trap_new_master), vars);
	}
}

/* ---- what the VRRP child reports ---- */
/* RFC 2787's and RFC 6527's state: FAULT and STOP are initialize. */
static uint8_t
state_of(const struct msg_vrrp_snap *s)
{
	if (s == NULL)
		return RFC_INIT;
	switch (s->state) {
	case MSG_VRRP_BACKUP:
		return RFC_BACKUP;
	case MSG_VRRP_MASTER:
		return RFC_MASTER;
	default:
		return RFC_INIT;
	}
}

static bool
up_now(const struct msg_vrrp_snap *s)
{
	return state_of(s) != RFC_INIT;
}

/* The address the instance sends from: mcast_src_ip/unicast_src_ip, else
   the interface's. */
static bool
own_addr(const struct rfc_vr *r, uint8_t *out)
{
	const struct cfg_addr *s = &r->vi->saddr;

	if (s->family == r->family) {
		memcpy(out, s->u.v6, r->family == AF_INET6 ? 16 : 4);
		return true;
	}
	return r->vi->ifname[0] != '\0' &&
	    if_addr(r->vi->ifname, r->family, out);
}

/* The interface's first IPv4 address, or first IPv6 link-local one
   (what VRRPv3 over IPv6 sends from). */
static bool
if_addr(const char *ifname, int family, uint8_t *out)
{
	size_t i;

	ifaddrs_refresh();
	for (i = 0; i < ifc.n; i++) {
		const struct rfc_ifaddr *a = &ifc.v[i];

		if (a->family != family || strcmp(a->ifname, ifname) != 0)
			continue;
		if (family == AF_INET6 &&
		    !(a->a[0] == 0xfe && (a->a[1] & 0xc0) == 0x80))
			continue;
		memcpy(out, a->a, family == AF_INET6 ? 16 : 4);
		return true;
	}
	return false;
}

/* A walk reads the addresses of many rows: one dump a second at most. */
static void
ifaddrs_refresh(void)
{
	struct ifaddrs *all, *p;
	double now = mono_now();
	size_t n = 0;

	if (ifc.at != 0 && now - ifc.at < 1.0)
		return;
	ifc.at = now;
	ifc.n = 0;
	if (getifaddrs(&all) != 0)
		return;
	for (p = all; p != NULL; p = p->ifa_next)
		n++;
	free(ifc.v);
	ifc.v = n > 0 ? calloc(n, sizeof(*ifc.v)) : NULL;
	for (p = all; ifc.v != NULL && p != NULL; p = p->ifa_next) {
		struct rfc_ifaddr *a = &ifc.v[ifc.n];
		const struct sockaddr *sa = p->ifa_addr;

		if (sa == NULL ||
		    (sa->sa_family != AF_INET && sa->sa_family != AF_INET6))
			continue;
		snprintf(a->ifname, sizeof(a->ifname), "%s", p->ifa_name);
		a->family = sa->sa_family;
		if (sa->sa_family == AF_INET) {
			struct sockaddr_in sin;

			memcpy(&sin, sa, sizeof(sin));
			memcpy(a->a, &sin.sin_addr, 4);
		} else {
			struct sockaddr_in6 sin6;

			memcpy(&sin6, sa, sizeof(sin6));
			memcpy(a->a, &sin6.sin6_addr, 16);
		}
		ifc.n++;
	}
	freeifaddrs(all);
}

static double
mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t
real_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/* ---- handlers ---- */
static void
set_c64(netsnmp_request_info *req, uint64_t v)
{
	struct counter64 c = { .high = (u_long)(v >> 32),
		.low = (u_long)(v & 0xffffffffu) };

	snmp_set_var_typed_value(req->requestvb, ASN_COUNTER64, &c, sizeof(c));
}

static void
set_bytes(netsnmp_request_info *req, u_char type, const void *p, size_t len)
{
	snmp_set_var_typed_value(req->requestvb, type, p, len);
}

/* No value in this row: a walk goes on to the next one (the table
   helper's sparse step). */
static void
none(netsnmp_agent_request_info *ri, netsnmp_request_info *req)
{
	netsnmp_set_request_error(ri, req, SNMP_NOSUCHINSTANCE);
}

static int
v2_scalars(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *ri, netsnmp_request_info *req)
{
	const struct msg_vrrp_snap *rw =
	    snmp_vrrp_snap(herald_proc_id(PROC_VRRP));

	(void)h;
	(void)reg;
	for (; req != NULL; req = req->next) {
		const oid *name = req->requestvb->name;
		size_t len = req->requestvb->name_length;
		oid which = len >= 3 ? name[len - 2] : 0;
		bool stats = len >= 3 && name[len - 3] == 2;

		if (ri->mode != MODE_GET)
			continue;
		if (!mib2.on) {
			netsnmp_set_request_error(ri, req, SNMP_NOSUCHOBJECT);
			continue;
		}
		if (!stats) {
			if (which == 1)
				snmp_set_long(req, ASN_INTEGER, 2);
			else
				snmp_set_long(req, ASN_INTEGER,
				    snmp_traps_enabled() ? 1 : 2);
			continue;
		}
		snmp_set_long(req, ASN_COUNTER,
		    rw == NULL       ? 0
		        : which == 1 ? (long)rw->c.checksum_errors
		        : which == 2 ? (long)rw->c.version_errors
		                     : (long)rw->c.vrid_errors);
	}
	return SNMP_ERR_NOERROR;
}

static int
v3_scalars(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *ri, netsnmp_request_info *req)
{
	const struct msg_vrrp_snap *rw =
	    snmp_vrrp_snap(herald_proc_id(PROC_VRRP));

	(void)h;
	(void)reg;
	for (; req != NULL; req = req->next) {
		const oid *name = req->requestvb->name;
		size_t len = req->requestvb->name_length;
		oid which = len >= 2 ? name[len - 2] : 0;

		if (ri->mode != MODE_GET)
			continue;
		if (!mib3.on) {
			netsnmp_set_request_error(ri, req, SNMP_NOSUCHOBJECT);
			continue;
		}
		if (which == 4) {
			/* no discontinuity is tracked, as keepalived */
			snmp_set_long(req, ASN_TIMETICKS, 0);
			continue;
		}
		set_c64(req,
		    rw == NULL       ? 0
		        : which == 1 ? rw->c.checksum_errors
		        : which == 2 ? rw->c.version_errors
		                     : rw->c.vrid_errors);
	}
	return SNMP_ERR_NOERROR;
}

static int
v2_oper(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *ri, netsnmp_request_info *req)
{
	(void)h;
	(void)reg;
	for (; req != NULL; req = req->next) {
		const struct rfc_vr *r = netsnmp_tdata_extract_entry(req);
		netsnmp_table_request_info *ti =
		    netsnmp_extract_table_info(req);
		const struct msg_vrrp_snap *s;
		uint8_t a[16] = { 0 };
		uint8_t mac[6] = { 0x00, 0x00, 0x5e, 0x00, 0x01, 0 };

		if (req->processed || ri->mode != MODE_GET)
			continue;
		if (r == NULL || ti == NULL) {
			none(ri, req);
			continue;
		}
		s = snmp_vrrp_snap(r->id);
		switch (ti->colnum) {
		case 2: /* vrrpOperVirtualMacAddr */
			mac[5] = (uint8_t)r->vrid;
			set_bytes(req, ASN_OCTET_STR, mac, sizeof(mac));
			break;
		case 3: /* vrrpOperState */
			snmp_set_long(req, ASN_INTEGER, state_of(s));
			break;
		case 4: /* vrrpOperAdminState: up */
			snmp_set_long(req, ASN_INTEGER, 1);
			break;
		case 5: /* vrrpOperPriority: configured, as keepalived */
			snmp_set_long(req, ASN_INTEGER, r->vi->priority);
			break;
		case 6: /* vrrpOperIpAddrCount */
			snmp_set_long(req, ASN_INTEGER, (long)r->naddr);
			break;
		case 7: /* vrrpOperMasterIpAddr */
			if (s != NULL && s->master_family == AF_INET)
				memcpy(a, s->master_addr, 4);
			else if (state_of(s) == RFC_MASTER)
				own_addr(r, a);
			set_bytes(req, ASN_IPADDRESS, a, 4);
			break;
		case 8: /* vrrpOperPrimaryIpAddr */
			own_addr(r, a);
			set_bytes(req, ASN_IPADDRESS, a, 4);
			break;
		case 9: /* vrrpOperAuthType */
			snmp_set_long(
			    req, ASN_INTEGER, r->vi->opts->auth_type + 1);
			break;
		case 11: /* vrrpOperAdvertisementInterval, seconds */
			snmp_set_long(req, ASN_INTEGER,
			    (long)(r->vi->advert_int / 1000000));
			break;
		case 12: /* vrrpOperPreemptMode */
			snmp_set_long(req, ASN_INTEGER,
			    r->vi->nopreempt ? TRUTH_FALSE : TRUTH_TRUE);
			break;
		case 13: /* vrrpOperVirtualRouterUpTime: sysUpTime then */
			snmp_set_long(req, ASN_TIMETICKS,
			    up_now(s) && r->up_since > start_usec
			        ? (long)((r->up_since - start_usec) / 10000)
			        : 0);
			break;
		case 14: /* vrrpOperProtocol: ip */
			snmp_set_long(req, ASN_INTEGER, 1);
			break;
		case 15: /* vrrpOperRowStatus: active */
			snmp_set_long(req, ASN_INTEGER, 1);
			break;
		default:
			none(ri, req);
			break;
		}
	}
	return SNMP_ERR_NOERROR;
}

static int
v3_oper(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *ri, netsnmp_request_info *req)
{
	(void)h;
	(void)reg;
	for (; req != NULL; req = req->next) {
		const struct rfc_vr *r = netsnmp_tdata_extract_entry(req);
		netsnmp_table_request_info *ti =
		    netsnmp_extract_table_info(req);
		const struct msg_vrrp_snap *s;
		uint8_t a[16] = { 0 };
		uint8_t mac[6] = { 0x00, 0x00, 0x5e, 0x00, 0x01, 0 };
		size_t alen;
		uint64_t now;

		if (req->processed || ri->mode != MODE_GET)
			continue;
		if (r == NULL || ti == NULL) {
			none(ri, req);
			continue;
		}
		s = snmp_vrrp_snap(r->id);
		alen = r->family == AF_INET6 ? 16 : 4;
		switch (ti->colnum) {
		case 3: /* vrrpv3OperationsMasterIpAddr */
			if (s != NULL && s->master_family == r->family)
				memcpy(a, s->master_addr, alen);
			else if (state_of(s) == RFC_MASTER)
				own_addr(r, a);
			set_bytes(req, ASN_OCTET_STR, a, alen);
			break;
		case 4: /* vrrpv3OperationsPrimaryIpAddr */
			own_addr(r, a);
			set_bytes(req, ASN_OCTET_STR, a, alen);
			break;
		case 5: /* vrrpv3OperationsVirtualMacAddr */
			if (r->family == AF_INET6)
				mac[4] = 0x02;
			mac[5] = (uint8_t)r->vrid;
			set_bytes(req, ASN_OCTET_STR, mac, sizeof(mac));
			break;
		case 6: /* vrrpv3OperationsStatus */
			snmp_set_long(req, ASN_INTEGER, state_of(s));
			break;
		case 7: /* vrrpv3OperationsPriority: configured */
			snmp_set_long(req, ASN_UNSIGNED, r->vi->priority);
			break;
		case 8: /* vrrpv3OperationsAddrCount */
			snmp_set_long(req, ASN_INTEGER, (long)r->naddr);
			break;
		case 9: /* vrrpv3OperationsAdvInterval, centiseconds */
			snmp_set_long(req, ASN_INTEGER,
			    (long)(r->vi->advert_int / 10000));
			break;
		case 10: /* vrrpv3OperationsPreemptMode */
			snmp_set_long(req, ASN_INTEGER,
			    r->vi->nopreempt ? TRUTH_FALSE : TRUTH_TRUE);
			break;
		case 11: /* vrrpv3OperationsAcceptMode */
			snmp_set_long(req, ASN_INTEGER,
			    r->vi->accept == 1 ? TRUTH_TRUE : TRUTH_FALSE);
			break;
		case 12: /* vrrpv3OperationsUpTime: since it left INIT */
			now = real_usec();
			snmp_set_long(req, ASN_TIMETICKS,
			    up_now(s) && r->up_since != 0 && now > r->up_since
			        ? (long)((now - r->up_since) / 10000)
			        : 0);
			break;
		case 13: /* vrrpv3OperationsRowStatus: active */
			snmp_set_long(req, ASN_INTEGER, 1);
			break;
		default:
			none(ri, req);
			break;
		}
	}
	return SNMP_ERR_NOERROR;
}

/* Both MIBs' address tables: one column, the row's status (active). */
static int
asso(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *ri, netsnmp_request_info *req)
{
	(void)h;
	(void)reg;
	for (; req != NULL; req = req->next) {
		netsnmp_table_request_info *ti =
		    netsnmp_extract_table_info(req);

		if (req->processed || ri->mode != MODE_GET)
			continue;
		if (netsnmp_tdata_extract_entry(req) == NULL || ti == NULL ||
		    ti->colnum != 2)
			none(ri, req);
		else
			snmp_set_long(req, ASN_INTEGER, 1);
	}
	return SNMP_ERR_NOERROR;
}

static int
v2_stats(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *ri, netsnmp_request_info *req)
{
	(void)h;
	(void)reg;
	for (; req != NULL; req = req->next) {
		const struct rfc_vr *r = netsnmp_tdata_extract_entry(req);
		netsnmp_table_request_info *ti =
		    netsnmp_extract_table_info(req);
		const struct msg_vrrp_snap *s;
		struct msg_vrrp_counters c = { 0 };
		uint32_t v;

		if (req->processed || ri->mode != MODE_GET)
			continue;
		if (r == NULL || ti == NULL) {
			none(ri, req);
			continue;
		}
		s = snmp_vrrp_snap(r->id);
		if (s != NULL)
			c = s->c;
		switch (ti->colnum) {
		case 1:
			v = c.become_master;
			break;
		case 2:
			v = c.adverts_rx;
			break;
		case 3:
			v = c.interval_errors;
			break;
		case 4:
			v = c.auth_failures;
			break;
		case 5:
			v = c.ttl_errors;
			break;
		case 6:
			v = c.prio_zero_rx;
			break;
		case 7:
			v = c.prio_zero_tx;
			break;
		case 8:
			v = c.invalid_type_rx;
			break;
		case 9:
			v = c.addr_list_errors;
			break;
		case 10:
			v = c.invalid_auth_type;
			break;
		case 11:
			v = c.auth_type_mismatch;
			break;
		case 12:
			v = c.length_errors;
			break;
		default:
			none(ri, req);
			continue;
		}
		snmp_set_long(req, ASN_COUNTER, (long)v);
	}
	return SNMP_ERR_NOERROR;
}

static int
v3_stats(netsnmp_mib_handler *h, netsnmp_handler_registration *reg,
    netsnmp_agent_request_info *ri, netsnmp_request_info *req)
{
	(void)h;
	(void)reg;
	for (; req != NULL; req = req->next) {
		const struct rfc_vr *r = netsnmp_tdata_extract_entry(req);
		netsnmp_table_request_info *ti =
		    netsnmp_extract_table_info(req);
		const struct msg_vrrp_snap *s;
		struct msg_vrrp_counters c = { 0 };

		if (req->processed || ri->mode != MODE_GET)
			continue;
		if (r == NULL || ti == NULL) {
			none(ri, req);
			continue;
		}
		s = snmp_vrrp_snap(r->id);
		if (s != NULL)
			c = s->c;
		switch (ti->colnum) {
		case 1: /* vrrpv3StatisticsMasterTransitions */
			snmp_set_long(req, ASN_COUNTER, (long)c.become_master);
			break;
		case 2: /* vrrpv3StatisticsNewMasterReason */
			snmp_set_long(req, ASN_INTEGER,
			    s != NULL && s->state == MSG_VRRP_MASTER
			        ? s->new_master_reason
			        : V3_NOT_MASTER);
			break;
		case 3:
			set_c64(req, c.adverts_rx);
			break;
		case 4:
			set_c64(req, c.interval_errors);
			break;
		case 5:
			set_c64(req, c.ttl_errors);
			break;
		case 6: /* vrrpv3StatisticsProtoErrReason */
			snmp_set_long(req, ASN_INTEGER,
			    s != NULL ? s->proto_err_reason : 0);
			break;
		case 7:
			set_c64(req, c.prio_zero_rx);
			break;
		case 8:
			set_c64(req, c.prio_zero_tx);
			break;
		case 9:
			set_c64(req, c.invalid_type_rx);
			break;
		case 10:
			set_c64(req, c.addr_list_errors);
			break;
		case 11:
			set_c64(req, c.length_errors);
			break;
		case 12: /* vrrpv3StatisticsRowDiscontinuityTime */
			snmp_set_long(req, ASN_TIMETICKS, 0);
			break;
		case 13: /* vrrpv3StatisticsRefreshRate, milliseconds */
			snmp_set_long(req, ASN_UNSIGNED,
			    (long)(r->vi->advert_int / 1000));
			break;
		default:
			none(ri, req);
			break;
		}
	}
	return SNMP_ERR_NOERROR;
}

/* ---- registrations ---- */

/* A scalar of the MIB (net-snmp adds the .0). */
static void
scalar_register(
    const char *name, const oid *root, size_t len, Netsnmp_Node_Handler *fn)
{
	netsnmp_handler_registration *reg = netsnmp_create_handler_registration(
	    name, fn, root, len, HANDLER_CAN_RONLY);

	if (reg == NULL ||
	    netsnmp_register_read_only_scalar(reg) != MIB_REGISTERED_OK)
		log_warnx("SNMP: cannot register %s", name);
}
