/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_herald.c: tells the parent's herald of each instance and sync group. */

#include "herald.h"
#include "vrrp.h"
#include "vrrp_conf.h"
#include "vrrp_fsm.h"

static void describe_instance(const struct vrrp_instance *);
static void
describe_group(const struct vrrp_sync_group *, const struct global_conf *);
static void set_scripts(struct herald_desc *, const struct cfg_script *master,
    const struct cfg_script *backup, const struct cfg_script *fault,
    const struct cfg_script *stop, const struct cfg_script *notify);

/* Runs in the parent, from herald_set_config(). */
void
vrrp_herald_supply(const struct config *cfg)
{
	const struct vrrp_model *m = cfg_model(cfg, CFG_MODEL_VRRP);
	uint32_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->instances.n; i++)
		describe_instance(m->instances.v[i]);
	for (i = 0; i < m->sync_groups.n; i++)
		describe_group(m->sync_groups.v[i], &cfg->global);
}

/* keepalived's notify_master, _backup, _fault, _stop and notify. */
static void
set_scripts(struct herald_desc *d, const struct cfg_script *master,
    const struct cfg_script *backup, const struct cfg_script *fault,
    const struct cfg_script *stop, const struct cfg_script *notify)
{
	d->on[MSG_VRRP_MASTER] =
	    (struct herald_script){ "notify_master", master };
	d->on[MSG_VRRP_BACKUP] =
	    (struct herald_script){ "notify_backup", backup };
	d->on[MSG_VRRP_FAULT] = (struct herald_script){ "notify_fault", fault };
	d->on[MSG_VRRP_STOP] = (struct herald_script){ "notify_stop", stop };
	d->notify = (struct herald_script){ "notify", notify };
}

static void
describe_instance(const struct vrrp_instance *vi)
{
	const struct vrrp_instance_opts *o = vi->opts;
	struct herald_desc d = {
		.id = objid_name(OBJ_VRRP_INSTANCE, vi->name),
		.kind = OBJ_VRRP_INSTANCE,
		.name = vi->name,
		.type = "INSTANCE",
		.smtp_alert = o->smtp_alert > 0,
	};

	set_scripts(&d, &o->notify_master, &o->notify_backup, &o->notify_fault,
	    &o->notify_stop, &o->notify);
	/* a reload that removes it: DELETED (vrrp.c report_removed()) */
	d.on[MSG_VRRP_DELETED] =
	    (struct herald_script){ "notify_deleted", &o->notify_deleted };
	d.note[MSG_EVENT_RX_LOWER_PRI] =
	    (struct herald_script){ "notify_master_rx_lower_pri",
		    &o->notify_master_rx_lower_pri };
	herald_describe(&d);
}

/* A group's smtp_alert, when not given, is global_defs' (keepalived's
   vrrp_sync_group smtp_alert inherits smtp_alert_vrrp, then
   smtp_alert). */
static void
describe_group(const struct vrrp_sync_group *g, const struct global_conf *gc)
{
	struct herald_desc d = {
		.id = objid_name(OBJ_VRRP_GROUP, g->name),
		.kind = OBJ_VRRP_GROUP,
		.name = g->name,
		.type = "GROUP",
	};
	int smtp = g->smtp_alert;

	if (smtp < 0)
		smtp = gc->smtp_alert_vrrp >= 0 ? gc->smtp_alert_vrrp
		                                : gc->smtp_alert;
	d.smtp_alert = smtp > 0;
	set_scripts(&d, &g->notify_master, &g->notify_backup, &g->notify_fault,
	    &g->notify_stop, &g->notify);
	herald_describe(&d);
}

/* In this file, as vigild links it: the VRRP child and the parent's SNMP
   module share it.  keepalived's choices: the master resigned (priority
   0): priority; we preempted a lower master, or own the addresses:
   preempted; any other way (the Master_Down_Timer): masterNoResponse. */
uint8_t
vrrp_master_reason(unsigned reason)
{
	switch ((enum vrrp_reason)reason) {
	case VRRP_REASON_PRIORITY_ZERO:
		return 1;
	case VRRP_REASON_PREEMPTED:
	case VRRP_REASON_OWNER:
	case VRRP_REASON_FAULT_CLEARED: /* only the owner goes so */
		return 2;
	case VRRP_REASON_STARTUP:
	case VRRP_REASON_RESUME:
	case VRRP_REASON_MASTER_NO_RESPONSE:
	case VRRP_REASON_HIGHER_PRIORITY:
	case VRRP_REASON_FAULT:
	case VRRP_REASON_SHUTDOWN:
	case VRRP_REASON_SYNC_GROUP:
	case VRRP_REASON_REMOVED:
		break;
	}
	return 3;
}
