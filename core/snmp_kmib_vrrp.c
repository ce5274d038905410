/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp_kmib_vrrp.c: KEEPALIVED-MIB's VRRP part: sync groups, instances,
   their addresses and trackers, scripts and files; its two traps. */

/*
 * Served under .1.3.6.1.4.1.9586.100.5.2 with keepalived 2.2.7's OIDs,
 * rows numbered from 1 in configuration order as keepalived numbers them:
 *
 *   .1 vrrpSyncGroupTable (name, state, smtpAlert, notifyExec, the
 *      master/backup/fault/notify/stop scripts, trackingWeight)
 *   .2 vrrpSyncGroupMemberTable (group, member): the member's name
 *   .3 vrrpInstanceTable: every column but wantedState (.6), which
 *      vigil holds no truthful value for (the VRRP child does not report
 *      it)
 *   .4 vrrpTrackedInterfaceTable (instance, n): its track_interface lines
 *   .5 vrrpTrackedScriptTable (instance, n)
 *   .6 vrrpAddressTable (instance, n): the VIPs, then the excluded VIPs;
 *      an IPv4 address without brd has broadcast 0.0.0.0 and ifIndex is
 *      the device's index when asked (both as keepalived); the static
 *      addresses (keepalived's row 0) are not listed
 *   .9 vrrpScriptTable: not result (.6): the parent hears no script's
 *      result
 *   .12 vrrpTrackedFileTable (instance, n)
 *   .13 vrrpFileTable: not result (.4)
 *
 * State, priorities and whether the VIPs are set are read when asked,
 * from the VRRP child's snapshot (parent_snapshot(PROC_VRRP)), else from
 * the herald's last event; the rest from the configuration being run.
 *
 * Traps, with enable_traps, once per told transition (herald_event_told),
 * with keepalived's varbinds (its OIDs carry no row index):
 *   vrrpSyncGroupStateChange (.2.10.0.1): vrrpSyncGroupName,
 *	vrrpSyncGroupState, routerId
 *   vrrpInstanceStateChange (.2.10.0.2): vrrpInstanceName,
 *	vrrpInstanceState, vrrpInstanceInitialState, routerId
 * A state is init(0), backup(1), master(2), fault(3); in a trap STOP is
 * 5, in a table 4 (unknown), as keepalived.
 */

#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "parent.h"
#include "snmp_int.h"
#include "state_sync.h"
#include "../vrrp/vrrp_conf.h"

static bool vrrp_wanted(const struct config *, const struct vigil_opts *);
static void vrrp_init(void);
static void vrrp_configure(const struct config *);
static void vrrp_disable(void);
static void vrrp_event(const struct herald_obj *, const struct msg_event *);
static u_char *
h_group(struct variable *, oid *, size_t *, int, size_t *, WriteMethod **);
static u_char *
h_member(struct variable *, oid *, size_t *, int, size_t *, WriteMethod **);
static u_char *
h_inst(struct variable *, oid *, size_t *, int, size_t *, WriteMethod **);
static u_char *
h_track_if(struct variable *, oid *, size_t *, int, size_t *, WriteMethod **);
static u_char *h_track_script(
    struct variable *, oid *, size_t *, int, size_t *, WriteMethod **);
static u_char *
h_addr(struct variable *, oid *, size_t *, int, size_t *, WriteMethod **);
static u_char *
h_script(struct variable *, oid *, size_t *, int, size_t *, WriteMethod **);
static u_char *
h_track_file(struct variable *, oid *, size_t *, int, size_t *, WriteMethod **);
static u_char *
h_file(struct variable *, oid *, size_t *, int, size_t *, WriteMethod **);
static size_t n_members(size_t);
static size_t n_track_if(size_t);
static size_t n_track_script(size_t);
static size_t n_addrs(size_t);
static size_t n_track_file(size_t);
static size_t no_inner(size_t);
static const struct vrrp_instance *inst_at(size_t);
static int state_of(objid_t);
static u_char *ret_int(long, size_t *);
static u_char *ret_str(const char *, size_t *);
static u_char *ret_script(const struct cfg_script *, size_t *);
static u_char *ret_addr(const struct cfg_addr *, size_t *);
static const char *router_id(void);
static long initial_state(const struct vrrp_instance *);
static const struct vrrp_script *script_named(const char *);
static const struct track_file *file_named(const char *);
static int by_id(const void *, const void *);
static long scope_of(int);

const struct snmp_part snmp_part_vrrp = {
	.name = "keepalived-vrrp",
	.wanted = vrrp_wanted,
	.init = vrrp_init,
	.configure = vrrp_configure,
	.event = vrrp_event,
	.disable = vrrp_disable,
};

#define V(m, t, h, a, b, c) \
	{ \
		m, t, RONLY, h, 3, \
		{ \
			a, b, c \
		} \
	}

/* Magic numbers are the columns' own numbers, per table. */
static struct variable8 vrrp_vars[] = {
	V(2, ASN_OCTET_STR, h_group, 1, 1, 2),
	V(3, ASN_INTEGER, h_group, 1, 1, 3),
	V(4, ASN_INTEGER, h_group, 1, 1, 4),
	V(5, ASN_INTEGER, h_group, 1, 1, 5),
	V(6, ASN_OCTET_STR, h_group, 1, 1, 6),
	V(7, ASN_OCTET_STR, h_group, 1, 1, 7),
	V(8, ASN_OCTET_STR, h_group, 1, 1, 8),
	V(9, ASN_OCTET_STR, h_group, 1, 1, 9),
	V(10, ASN_INTEGER, h_group, 1, 1, 10),
	V(11, ASN_OCTET_STR, h_group, 1, 1, 11),
	V(2, ASN_OCTET_STR, h_member, 2, 1, 2),
	V(2, ASN_OCTET_STR, h_inst, 3, 1, 2),
	V(3, ASN_UNSIGNED, h_inst, 3, 1, 3),
	V(4, ASN_INTEGER, h_inst, 3, 1, 4),
	V(5, ASN_INTEGER, h_inst, 3, 1, 5),
	V(7, ASN_INTEGER, h_inst, 3, 1, 7),
	V(8, ASN_INTEGER, h_inst, 3, 1, 8),
	V(9, ASN_INTEGER, h_inst, 3, 1, 9),
	V(10, ASN_OCTET_STR, h_inst, 3, 1, 10),
	V(11, ASN_INTEGER, h_inst, 3, 1, 11),
	V(12, ASN_UNSIGNED, h_inst, 3, 1, 12),
	V(13, ASN_INTEGER, h_inst, 3, 1, 13),
	V(14, ASN_UNSIGNED, h_inst, 3, 1, 14),
	V(15, ASN_INTEGER, h_inst, 3, 1, 15),
	V(16, ASN_INTEGER, h_inst, 3, 1, 16),
	V(17, ASN_OCTET_STR, h_inst, 3, 1, 17),
	V(18, ASN_OCTET_STR, h_inst, 3, 1, 18),
	V(19, ASN_UNSIGNED, h_inst, 3, 1, 19),
	V(20, ASN_INTEGER, h_inst, 3, 1, 20),
	V(21, ASN_INTEGER, h_inst, 3, 1, 21),
	V(22, ASN_OCTET_STR, h_inst, 3, 1, 22),
	V(23, ASN_OCTET_STR, h_inst, 3, 1, 23),
	V(24, ASN_OCTET_STR, h_inst, 3, 1, 24),
	V(25, ASN_OCTET_STR, h_inst, 3, 1, 25),
	V(26, ASN_OCTET_STR, h_inst, 3, 1, 26),
	V(27, ASN_INTEGER, h_inst, 3, 1, 27),
	V(28, ASN_INTEGER, h_inst, 3, 1, 28),
	V(29, ASN_INTEGER, h_inst, 3, 1, 29),
	V(30, ASN_INTEGER, h_inst, 3, 1, 30),
	V(31, ASN_OCTET_STR, h_inst, 3, 1, 31),
	V(32, ASN_OCTET_STR, h_inst, 3, 1, 32),
	V(33, ASN_INTEGER, h_inst, 3, 1, 33),
	V(34, ASN_INTEGER, h_inst, 3, 1, 34),
	V(35, ASN_OCTET_STR, h_inst, 3, 1, 35),
	V(1, ASN_OCTET_STR, h_track_if, 4, 1, 1),
	V(2, ASN_INTEGER, h_track_if, 4, 1, 2),
	V(3, ASN_INTEGER, h_track_if, 4, 1, 3),
	V(2, ASN_OCTET_STR, h_track_script, 5, 1, 2),
	V(3, ASN_INTEGER, h_track_script, 5, 1, 3),
	V(4, ASN_INTEGER, h_track_script, 5, 1, 4),
	V(2, ASN_INTEGER, h_addr, 6, 1, 2),
	V(3, ASN_OCTET_STR, h_addr, 6, 1, 3),
	V(4, ASN_OCTET_STR, h_addr, 6, 1, 4),
	V(5, ASN_UNSIGNED, h_addr, 6, 1, 5),
	V(6, ASN_INTEGER, h_addr, 6, 1, 6),
	V(7, ASN_INTEGER, h_addr, 6, 1, 7),
	V(8, ASN_OCTET_STR, h_addr, 6, 1, 8),
	V(9, ASN_OCTET_STR, h_addr, 6, 1, 9),
	V(10, ASN_INTEGER, h_addr, 6, 1, 10),
	V(11, ASN_INTEGER, h_addr, 6, 1, 11),
	V(12, ASN_OCTET_STR, h_addr, 6, 1, 12),
	V(2, ASN_OCTET_STR, h_script, 9, 1, 2),
	V(3, ASN_OCTET_STR, h_script, 9, 1, 3),
	V(4, ASN_INTEGER, h_script, 9, 1, 4),
	V(5, ASN_INTEGER, h_script, 9, 1, 5),
	V(7, ASN_UNSIGNED, h_script, 9, 1, 7),
	V(8, ASN_UNSIGNED, h_script, 9, 1, 8),
	V(9, ASN_INTEGER, h_script, 9, 1, 9),
	V(2, ASN_OCTET_STR, h_track_file, 12, 1, 2),
	V(3, ASN_INTEGER, h_track_file, 12, 1, 3),
	V(4, ASN_INTEGER, h_track_file, 12, 1, 4),
	V(2, ASN_OCTET_STR, h_file, 13, 1, 2),
	V(3, ASN_OCTET_STR, h_file, 13, 1, 3),
	V(5, ASN_INTEGER, h_file, 13, 1, 5),
	V(6, ASN_INTEGER, h_file, 13, 1, 6),
};

static oid vrrp_oid[] = { SNMP_KEEPALIVED_OID, 2 };

/* An instance's or group's id and its row, sorted by id for traps. */
struct id_row {
	objid_t id;
	size_t row; /* 0-based */
};

/* What the configuration being served holds, by row. */
static struct {
	bool on;
	const struct vrrp_model *m; /* NULL: no VRRP model */
	objid_t *inst_id, *group_id; /* by row */
	struct id_row *by_id; /* instances, sorted by id */
	size_t n_inst, n_group;
} vt;

static long long_ret;
static char str_ret[GLOBAL_CMD_LEN + 64];

static bool
vrrp_wanted(const struct config *cfg, const struct vigil_opts *o)
{
	return snmp_wants_kmib_vrrp(cfg, o);
}

static void
vrrp_init(void)
{
	if (register_mib("KEEPALIVED-MIB vrrp", (struct variable *)vrrp_vars,
	        sizeof(struct variable8),
	        sizeof(vrrp_vars) / sizeof(vrrp_vars[0]), vrrp_oid,
	        OID_LENGTH(vrrp_oid)) != MIB_REGISTERED_OK)
		log_warnx("SNMP: cannot register KEEPALIVED-MIB's VRRP part");
	register_sysORTable(vrrp_oid, OID_LENGTH(vrrp_oid),
	    "KEEPALIVED-MIB: vigil's VRRP instances and sync groups");
}

static int
by_id(const void *a, const void *b)
{
	const struct id_row *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Rows in configuration order; ids computed once per configuration. */
static void
vrrp_configure(const struct config *cfg)
{
	const struct vrrp_instance *vi;
	const struct vrrp_sync_group *sg;
	size_t i;

	free(vt.inst_id);
	free(vt.group_id);
	free(vt.by_id);
	memset(&vt, 0, sizeof(vt));
	vt.on = true;
	vt.m = cfg_model(cfg, CFG_MODEL_VRRP);
	if (vt.m == NULL)
		return;
	vt.n_inst = vt.m->instances.n;
	vt.n_group = vt.m->sync_groups.n;
	vt.inst_id = calloc(vt.n_inst + 1, sizeof(*vt.inst_id));
	vt.by_id = calloc(vt.n_inst + 1, sizeof(*vt.by_id));
	vt.group_id = calloc(vt.n_group + 1, sizeof(*vt.group_id));
	if (vt.inst_id == NULL || vt.by_id == NULL || vt.group_id == NULL)
		fatal("SNMP: calloc");
	for (i = 0; i < vt.n_inst; i++) {
		vi = vt.m->instances.v[i];
		vt.inst_id[i] = objid_name(OBJ_VRRP_INSTANCE, vi->name);
		vt.by_id[i].id = vt.inst_id[i];
		vt.by_id[i].row = i;
	}
	qsort(vt.by_id, vt.n_inst, sizeof(*vt.by_id), by_id);
	for (i = 0; i < vt.n_group; i++) {
		sg = vt.m->sync_groups.v[i];
		vt.group_id[i] = objid_name(OBJ_VRRP_GROUP, sg->name);
	}
}

static void
vrrp_disable(void)
{
	vt.on = false;
}

/* ---- values ---- */

static u_char *
ret_int(long v, size_t *var_len)
{
	long_ret = v;
	*var_len = sizeof(long_ret);
	return (u_char *)&long_ret;
}

static u_char *
ret_str(const char *s, size_t *var_len)
{
	if (s == NULL)
		return NULL;
	snprintf(str_ret, sizeof(str_ret), "%s", s);
	*var_len = strlen(str_ret);
	return (u_char *)str_ret;
}

static u_char *
ret_script(const struct cfg_script *s, size_t *var_len)
{
	return s != NULL ? ret_str(s->cmd, var_len) : NULL;
}

static u_char *
ret_addr(const struct cfg_addr *a, size_t *var_len)
{
	if (a->family != AF_INET && a->family != AF_INET6)
		return NULL;
	*var_len = a->family == AF_INET6 ? 16 : 4;
	memcpy(str_ret, a->u.v6, *var_len);
	return (u_char *)str_ret;
}

static const struct vrrp_instance *
inst_at(size_t row)
{
	return vt.m->instances.v[row - 1];
}

/* The state the VRRP child reports now, else the herald's last; INIT
   before either heard of it. */
static int
state_of(objid_t id)
{
	const struct msg_vrrp_snap *sn = snmp_vrrp_snap(id);
	const struct herald_obj *o;

	if (sn != NULL)
		return sn->state;
	o = herald_find(id);
	return o != NULL && o->heard ? o->state : MSG_VRRP_INIT;
}

static const char *
router_id(void)
{
	static char host[GLOBAL_STR_LEN];

	if (snmp.cfg->global.router_id[0] != '\0')
		return snmp.cfg->global.router_id;
	if (gethostname(host, sizeof(host) - 1) < 0)
		return "";
	host[sizeof(host) - 1] = '\0';
	return host;
}

/* keepalived's configured_state: MASTER(2) when the state is MASTER, or
   when none is given and it owns the addresses; else BACKUP(1). */
static long
initial_state(const struct vrrp_instance *vi)
{
	if (vi->state == VRRP_CONF_STATE_MASTER)
		return MSG_VRRP_MASTER;
	if (vi->state == VRRP_CONF_STATE_UNSET &&
	    vi->priority == VRRP_PRIO_OWNER)
		return MSG_VRRP_MASTER;
	return MSG_VRRP_BACKUP;
}

static const struct vrrp_script *
script_named(const char *name)
{
	const struct vrrp_script *s;
	uint32_t i;

	for (i = 0; i < vt.m->scripts.n; i++) {
		s = vt.m->scripts.v[i];
		if (strcmp(s->name, name) == 0)
			return s;
	}
	return NULL;
}

static const struct track_file *
file_named(const char *name)
{
	const struct track_file *f;
	uint32_t i;

	for (i = 0; i < vt.m->track_files.n; i++) {
		f = vt.m->track_files.v[i];
		if (strcmp(f->name, name) == 0)
			return f;
	}
	return NULL;
}

/* ---- row counts ---- */

static size_t
no_inner(size_t i)
{
	(void)i;
	return 0;
}

static size_t
n_members(size_t i)
{
	const struct vrrp_sync_group *sg = vt.m->sync_groups.v[i - 1];

	return sg->members.n;
}

static size_t
n_track_if(size_t i)
{
	return inst_at(i)->lists->track_if.n;
}

static size_t
n_track_script(size_t i)
{
	return inst_at(i)->lists->track_script.n;
}

static size_t
n_track_file(size_t i)
{
	return inst_at(i)->lists->track_file.n;
}

static size_t
n_addrs(size_t i)
{
	const struct vrrp_instance *vi = inst_at(i);

	return vi->vips.n + vi->opts->evips.n;
}

/* ---- handlers ---- */

/* Whether the part answers now; sets what every handler sets. */
#define ANSWERS() \
	(*write_method = NULL, *var_len = sizeof(long), \
	    vt.on && vt.m != NULL && snmp.cfg != NULL)

static u_char *
h_group(struct variable *vp, oid *name, size_t *length, int exact,
    size_t *var_len, WriteMethod **write_method)
{
	const struct vrrp_sync_group *sg;
	const struct herald_obj *o;
	size_t idx[2];
	u_char *r;
	int st;

	if (!ANSWERS())
		return NULL;
	for (;;) {
		if (!snmp_table_row(
		        vp, name, length, exact, 1, vt.n_group, no_inner, idx))
			return NULL;
		sg = vt.m->sync_groups.v[idx[0] - 1];
		r = NULL;
		switch (vp->magic) {
		case 2:
			r = ret_str(sg->name, var_len);
			break;
		case 3:
			st = state_of(vt.group_id[idx[0] - 1]);
			r = ret_int(st <= MSG_VRRP_FAULT ? st : 4, var_len);
			break;
		case 4:
			o = herald_find(vt.group_id[idx[0] - 1]);
			r = ret_int(
			    SNMP_TRUTH(o != NULL && o->smtp_alert), var_len);
			break;
		case 5:
			r = ret_int(SNMP_TRUTH(sg->notify_master.cmd != NULL ||
			                sg->notify_backup.cmd != NULL ||
			                sg->notify_fault.cmd != NULL ||
			                sg->notify_stop.cmd != NULL ||
			                sg->notify.cmd != NULL),
			    var_len);
			break;
		case 6:
			r = ret_script(&sg->notify_master, var_len);
			break;
		case 7:
			r = ret_script(&sg->notify_backup, var_len);
			break;
		case 8:
			r = ret_script(&sg->notify_fault, var_len);
			break;
		case 9:
			r = ret_script(&sg->notify, var_len);
			break;
		case 10:
			r = ret_int(SNMP_TRUTH(sg->sync_group_tracking_weight),
			    var_len);
			break;
		case 11:
			r = ret_script(&sg->notify_stop, var_len);
			break;
		}
		if (r != NULL || exact)
			return r;
	}
}

static u_char *
h_member(struct variable *vp, oid *name, size_t *length, int exact,
    size_t *var_len, WriteMethod **write_method)
{
	const struct vrrp_sync_group *sg;
	const struct vrrp_track *t;
	size_t idx[2];

	if (!ANSWERS() ||
	    !snmp_table_row(
	        vp, name, length, exact, 2, vt.n_group, n_members, idx))
		return NULL;
	sg = vt.m->sync_groups.v[idx[0] - 1];
	t = sg->members.v[idx[1] - 1];
	return ret_str(t->name, var_len);
}

static u_char *
h_inst(struct variable *vp, oid *name, size_t *length, int exact,
    size_t *var_len, WriteMethod **write_method)
{
	const struct vrrp_instance *vi;
	const struct vrrp_instance_opts *op;
	const struct global_lvs_syncd *sd;
	const struct msg_vrrp_snap *sn;
	const struct herald_obj *o;
	size_t idx[2];
	objid_t id;
	u_char *r;
	int st;

	if (!ANSWERS())
		return NULL;
	sd = &snmp.cfg->global.lvs_sync_daemon;
	for (;;) {
		if (!snmp_table_row(
		        vp, name, length, exact, 1, vt.n_inst, no_inner, idx))
			return NULL;
		vi = inst_at(idx[0]);
		op = vi->opts;
		id = vt.inst_id[idx[0] - 1];
		r = NULL;
		switch (vp->magic) {
		case 2:
			r = ret_str(vi->name, var_len);
			break;
		case 3:
			r = ret_int(vi->vrid, var_len);
			break;
		case 4:
			st = state_of(id);
			r = ret_int(st <= MSG_VRRP_FAULT ? st : 4, var_len);
			break;
		case 5:
			r = ret_int(initial_state(vi), var_len);
			break;
		case 7:
			sn = snmp_vrrp_snap(id);
			r = ret_int(sn != NULL && sn->base_priority != 0
			        ? sn->base_priority
			        : vi->priority,
			    var_len);
			break;
		case 8:
			sn = snmp_vrrp_snap(id);
			o = herald_find(id);
			r = ret_int(sn != NULL          ? sn->priority
			        : o != NULL && o->heard ? (long)o->value
			                                : vi->priority,
			    var_len);
			break;
		case 9:
			sn = snmp_vrrp_snap(id);
			r = ret_int(
			    SNMP_TRUTH(sn != NULL && sn->vips_set), var_len);
			break;
		case 10:
			if (vi->ifname[0] != '\0')
				r = ret_str(vi->ifname, var_len);
			break;
		case 11:
			r = ret_int(SNMP_TRUTH((!vi->dont_track_primary &&
			                           vi->ifname[0] != '\0') ||
			                vi->lists->track_if.n > 0),
			    var_len);
			break;
		case 12:
			/* VRRPv2 in seconds, VRRPv3 in centiseconds */
			r = ret_int(vi->version == 2
			        ? (long)(vi->advert_int / 1000000)
			        : (long)(vi->advert_int / 10000),
			    var_len);
			break;
		case 13:
			r = ret_int(SNMP_TRUTH(!vi->nopreempt), var_len);
			break;
		case 14:
			r = ret_int(
			    (long)(vi->preempt_delay / 1000000), var_len);
			break;
		case 15:
			r = ret_int(
			    vi->version == 2 ? op->auth_type : 0, var_len);
			break;
		case 16:
			r = ret_int(
			    SNMP_TRUTH(sd->ifname[0] != '\0' &&
			        strcmp(sd->vrrp_instance, vi->name) == 0),
			    var_len);
			break;
		case 17:
			if (sd->ifname[0] != '\0' &&
			    strcmp(sd->vrrp_instance, vi->name) == 0)
				r = ret_str(sd->ifname, var_len);
			break;
		case 18:
			r = ret_str(vi->sync_group, var_len);
			break;
		case 19:
			r = ret_int(
			    (long)(op->garp_master_delay / 1000000), var_len);
			break;
		case 20:
			o = herald_find(id);
			r = ret_int(
			    SNMP_TRUTH(o != NULL && o->smtp_alert), var_len);
			break;
		case 21:
			r = ret_int(
			    SNMP_TRUTH(op->notify_master.cmd != NULL ||
			        op->notify_backup.cmd != NULL ||
			        op->notify_fault.cmd != NULL ||
			        op->notify_stop.cmd != NULL ||
			        op->notify.cmd != NULL ||
			        op->notify_deleted.cmd != NULL ||
			        op->notify_master_rx_lower_pri.cmd != NULL),
			    var_len);
			break;
		case 22:
			r = ret_script(&op->notify_master, var_len);
			break;
		case 23:
			r = ret_script(&op->notify_backup, var_len);
			break;
		case 24:
			r = ret_script(&op->notify_fault, var_len);
			break;
		case 25:
			r = ret_script(&op->notify_stop, var_len);
			break;
		case 26:
			r = ret_script(&op->notify, var_len);
			break;
		case 27:
			/* keepalived answers 0 for VRRPv2, which has no
			   accept mode */
			r = ret_int(
			    vi->version == 3 ? SNMP_TRUTH(vi->accept > 0) : 0,
			    var_len);
			break;
		case 28:
			r = ret_int(
			    SNMP_TRUTH(vi->promote_secondaries), var_len);
			break;
		case 29:
			r = ret_int(
			    SNMP_TRUTH(vi->linkbeat_use_polling), var_len);
			break;
		case 30:
			r = ret_int(vi->version, var_len);
			break;
		case 31:
			r = ret_script(
			    &op->notify_master_rx_lower_pri, var_len);
			break;
		case 32:
			r = ret_script(&op->notify_deleted, var_len);
			break;
		case 33:
			r = ret_int(SNMP_TRUTH(op->notify_deleted_on), var_len);
			break;
		case 34:
			if (vi->peers.n == 0 &&
			    vi->mcast_dst.family != AF_UNSPEC)
				r = ret_int(
				    SNMP_INET_TYPE(vi->mcast_dst.family),
				    var_len);
			break;
		case 35:
			if (vi->peers.n == 0)
				r = ret_addr(&vi->mcast_dst, var_len);
			break;
		}
		if (r != NULL || exact)
			return r;
	}
}

static u_char *
h_track_if(struct variable *vp, oid *name, size_t *length, int exact,
    size_t *var_len, WriteMethod **write_method)
{
	const struct vrrp_track *t;
	size_t idx[2];

	if (!ANSWERS() ||
	    !snmp_table_row(
	        vp, name, length, exact, 2, vt.n_inst, n_track_if, idx))
		return NULL;
	t = inst_at(idx[0])->lists->track_if.v[idx[1] - 1];
	switch (vp->magic) {
	case 1:
		return ret_str(t->name, var_len);
	case 2:
		return ret_int(
		    t->weight == VRRP_UNSET ? 0 : t->weight, var_len);
	case 3:
		return ret_int(SNMP_TRUTH(t->reverse), var_len);
	}
	return NULL;
}

static u_char *
h_track_script(struct variable *vp, oid *name, size_t *length, int exact,
    size_t *var_len, WriteMethod **write_method)
{
	const struct vrrp_script *s;
	const struct vrrp_track *t;
	size_t idx[2];

	if (!ANSWERS() ||
	    !snmp_table_row(
	        vp, name, length, exact, 2, vt.n_inst, n_track_script, idx))
		return NULL;
	t = inst_at(idx[0])->lists->track_script.v[idx[1] - 1];
	s = script_named(t->name);
	switch (vp->magic) {
	case 2:
		return ret_str(t->name, var_len);
	case 3:
		/* the line's weight, else the script's */
		return ret_int(t->weight != VRRP_UNSET ? t->weight
		        : s != NULL                    ? s->weight
		                                       : 0,
		    var_len);
	case 4:
		return ret_int(SNMP_TRUTH(t->weight != VRRP_UNSET ? t->reverse
		                       : s != NULL                ? s->reverse
		                                                  : false),
		    var_len);
	}
	return NULL;
}

static u_char *
h_track_file(struct variable *vp, oid *name, size_t *length, int exact,
    size_t *var_len, WriteMethod **write_method)
{
	const struct track_file *f;
	const struct vrrp_track *t;
	size_t idx[2];

	if (!ANSWERS() ||
	    !snmp_table_row(
	        vp, name, length, exact, 2, vt.n_inst, n_track_file, idx))
		return NULL;
	t = inst_at(idx[0])->lists->track_file.v[idx[1] - 1];
	f = file_named(t->name);
	switch (vp->magic) {
	case 2:
		return ret_str(t->name, var_len);
	case 3:
		return ret_int(t->weight != VRRP_UNSET ? t->weight
		        : f != NULL                    ? f->weight
		                                       : 0,
		    var_len);
	case 4:
		return ret_int(SNMP_TRUTH(t->weight != VRRP_UNSET ? t->reverse
		                       : f != NULL                ? f->reverse
		                                                  : false),
		    var_len);
	}
	return NULL;
}

/* keepalived's encoding of an address's scope (rtnetlink's numbers in,
   IP-FORWARD-MIB-like numbers out). */
static long
scope_of(int rt_scope)
{
	switch (rt_scope) {
	case -1:
	case 0:
		return 14; /* global */
	case 254:
		return 1; /* host */
	case 253:
		return 2; /* link */
	case 200:
		return 5; /* site */
	default:
		return 0; /* nowhere */
	}
}

static u_char *
h_addr(struct variable *vp, oid *name, size_t *length, int exact,
    size_t *var_len, WriteMethod **write_method)
{
	const struct vrrp_instance *vi;
	const struct vrrp_ipaddr *a;
	const struct msg_vrrp_snap *sn;
	size_t idx[2];
	unsigned ifindex;
	bool vip;
	u_char *r;

	if (!ANSWERS())
		return NULL;
	for (;;) {
		if (!snmp_table_row(
		        vp, name, length, exact, 2, vt.n_inst, n_addrs, idx))
			return NULL;
		vi = inst_at(idx[0]);
		vip = idx[1] <= vi->vips.n;
		a = vip ? vi->vips.v[idx[1] - 1]
		        : vi->opts->evips.v[idx[1] - 1 - vi->vips.n];
		r = NULL;
		switch (vp->magic) {
		case 2:
			r = ret_int(SNMP_INET_TYPE(a->addr.family), var_len);
			break;
		case 3:
			r = ret_addr(&a->addr, var_len);
			break;
		case 4:
			/* keepalived's: 0.0.0.0 when no brd is given */
			if (a->addr.family != AF_INET)
				break;
			if (a->x->brd.family == AF_INET)
				r = ret_addr(&a->x->brd, var_len);
			else {
				memset(str_ret, 0, 4);
				*var_len = 4;
				r = (u_char *)str_ret;
			}
			break;
		case 5:
			r = ret_int(a->prefix >= 0           ? a->prefix
			        : a->addr.family == AF_INET6 ? 128
			                                     : 32,
			    var_len);
			break;
		case 6:
			r = ret_int(scope_of(a->x->scope), var_len);
			break;
		case 7:
			/* the index now: a device may come and go (none: not
			   served) */
			ifindex = if_nametoindex(
			    a->x->dev[0] != '\0' ? a->x->dev : vi->ifname);
			if (ifindex != 0)
				r = ret_int(ifindex, var_len);
			break;
		case 8:
			r = ret_str(
			    a->x->dev[0] != '\0' ? a->x->dev : vi->ifname,
			    var_len);
			break;
		case 9:
			r = ret_str(a->x->label, var_len);
			break;
		case 10:
			sn = snmp_vrrp_snap(vt.inst_id[idx[0] - 1]);
			r = ret_int(
			    SNMP_TRUTH(sn != NULL && sn->vips_set), var_len);
			break;
		case 11:
			r = ret_int(SNMP_TRUTH(vip), var_len);
			break;
		case 12:
			r = ret_addr(&a->x->peer, var_len);
			break;
		}
		if (r != NULL || exact)
			return r;
	}
}

static u_char *
h_script(struct variable *vp, oid *name, size_t *length, int exact,
    size_t *var_len, WriteMethod **write_method)
{
	const struct vrrp_script *s;
	size_t idx[2];

	if (!ANSWERS() ||
	    !snmp_table_row(
	        vp, name, length, exact, 1, vt.m->scripts.n, no_inner, idx))
		return NULL;
	s = vt.m->scripts.v[idx[0] - 1];
	switch (vp->magic) {
	case 2:
		return ret_str(s->name, var_len);
	case 3:
		/* every script has its command (the configuration's check) */
		return ret_script(&s->script, var_len);
	case 4:
		return ret_int((long)(s->interval / 1000000), var_len);
	case 5:
		return ret_int(s->weight, var_len);
	case 7:
		return ret_int(s->rise, var_len);
	case 8:
		return ret_int(s->fall, var_len);
	case 9:
		return ret_int(SNMP_TRUTH(s->reverse), var_len);
	}
	return NULL;
}

static u_char *
h_file(struct variable *vp, oid *name, size_t *length, int exact,
    size_t *var_len, WriteMethod **write_method)
{
	const struct track_file *f;
	size_t idx[2];

	if (!ANSWERS() ||
	    !snmp_table_row(
	        vp, name, length, exact, 1, vt.m->track_files.n, no_inner, idx))
		return NULL;
	f = vt.m->track_files.v[idx[0] - 1];
	switch (vp->magic) {
	case 2:
		return ret_str(f->name, var_len);
	case 3:
		return ret_str(f->file, var_len);
	case 5:
		return ret_int(f->weight, var_len);
	case 6:
		return ret_int(SNMP_TRUTH(f->reverse), var_len);
	}
	return NULL;
}

/* ---- traps ---- */

static void
vrrp_event(const struct herald_obj *o, const struct msg_event *e)
{
	static const oid group_trap[] = { SNMP_KEEPALIVED_OID, 2, 10, 0, 1 };
	static const oid inst_trap[] = { SNMP_KEEPALIVED_OID, 2, 10, 0, 2 };
	static const oid group_name[] = { SNMP_KEEPALIVED_OID, 2, 1, 1, 2 };
	static const oid group_state[] = { SNMP_KEEPALIVED_OID, 2, 1, 1, 3 };
	static const oid inst_name[] = { SNMP_KEEPALIVED_OID, 2, 3, 1, 2 };
	static const oid inst_state[] = { SNMP_KEEPALIVED_OID, 2, 3, 1, 4 };
	static const oid inst_initial[] = { SNMP_KEEPALIVED_OID, 2, 3, 1, 5 };
	static const oid rid[] = { SNMP_KEEPALIVED_OID, 1, 2, 0 };
	netsnmp_variable_list *vars = NULL;
	struct id_row key, *found;
	const char *rt;
	long state, initial;

	if (!vt.on || !snmp_traps_enabled() || !herald_event_told(o, e))
		return;
	if (o->kind != OBJ_VRRP_INSTANCE && o->kind != OBJ_VRRP_GROUP)
		return;
	state = o->state <= MSG_VRRP_FAULT ? o->state
	    : o->state == MSG_VRRP_STOP    ? 5
	                                   : 4;
	rt = router_id();
	if (o->kind == OBJ_VRRP_GROUP) {
		snmp_varlist_add_variable(&vars, group_name,
		    OID_LENGTH(group_name), ASN_OCTET_STR,
		    (const u_char *)o->name, strlen(o->name));
		snmp_varlist_add_variable(&vars, group_state,
		    OID_LENGTH(group_state), ASN_INTEGER,
		    (const u_char *)&state, sizeof(state));
		snmp_varlist_add_variable(&vars, rid, OID_LENGTH(rid),
		    ASN_OCTET_STR, (const u_char *)rt, strlen(rt));
		snmp_trap(group_trap, OID_LENGTH(group_trap), vars);
		return;
	}
	/* The initial state of an instance no longer configured (its STOP
	   after a reload) is not known: BACKUP, keepalived's default. */
	initial = MSG_VRRP_BACKUP;
	key.id = o->id;
	found = vt.m != NULL
	    ? bsearch(&key, vt.by_id, vt.n_inst, sizeof(*vt.by_id), by_id)
	    : NULL;
	if (found != NULL)
		initial = initial_state(inst_at(found->row + 1));
	snmp_varlist_add_variable(&vars, inst_name, OID_LENGTH(inst_name),
	    ASN_OCTET_STR, (const u_char *)o->name, strlen(o->name));
	snmp_varlist_add_variable(&vars, inst_state, OID_LENGTH(inst_state),
	    ASN_INTEGER, (const u_char *)&state, sizeof(state));
	snmp_varlist_add_variable(&vars, inst_initial, OID_LENGTH(inst_initial),
	    ASN_INTEGER, (const u_char *)&initial, sizeof(initial));
	snmp_varlist_add_variable(&vars, rid, OID_LENGTH(rid), ASN_OCTET_STR,
	    (const u_char *)rt, strlen(rt));
	snmp_trap(inst_trap, OID_LENGTH(inst_trap), vars);
}
