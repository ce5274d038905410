/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_herald.c: tells the parent's herald of each virtual, real and sorry
   server; linked into the parent, so it uses the model and names only. */

#include "check.h"
#include "herald.h"
#include "vs_equal.h"
#include "vs_fmt.h"

static void describe_vs(const struct vs_vs *);
static void describe_rs(const struct vs_vs *, objid_t vsid, const char *vname,
    const struct vs_rs *, bool sorry);

/* What the parent runs for the checker: the herald's scripts and FIFO
   (see cfg_register_running). */
const char *const check_herald_keywords[] = {
	"virtual_server.quorum_up",
	"virtual_server.quorum_down",
	"virtual_server.real_server.notify_up",
	"virtual_server.real_server.notify_down",
	"global_defs.lvs_notify_fifo",
	"global_defs.lvs_notify_fifo_script",
	/* a global_defs keyword the parent reports for every child; the
	   checker's SSL_GET checks run it */
	"global_defs.ssl_verify_certificate",
	NULL,
};

/* Runs in the parent, from herald_set_config(). */
void
check_herald_supply(const struct config *cfg)
{
	const struct vs_model *m = cfg_model(cfg, CFG_MODEL_VS);
	uint32_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->vss.n; i++)
		describe_vs(m->vss.v[i]);
}

/* A virtual server's quorum: quorum_up and quorum_down, as keepalived
   runs them (notify_exec(), no arguments). */
static void
describe_vs(const struct vs_vs *vs)
{
	char vname[VS_NAME_MAX];
	objid_t vsid = vs_id(vs);
	const struct vs_rs *rs;
	struct herald_desc d = {
		.id = vsid,
		.kind = OBJ_VS,
		.name = vname,
		.type = "VS",
		.smtp_alert = vs->smtp_alert > 0,
	};

	vs_fmt_vs(vs, vname, sizeof(vname));
	d.on[MSG_VS_UP] = (struct herald_script){ "quorum_up", vs->quorum_up };
	d.on[MSG_VS_DOWN] =
	    (struct herald_script){ "quorum_down", vs->quorum_down };
	herald_describe(&d);
	for (rs = vs->rss; rs != NULL; rs = rs->next)
		describe_rs(vs, vsid, vname, rs, false);
	if (vs->sorry != NULL)
		describe_rs(vs, vsid, vname, vs->sorry, true);
}

/*
 * A real server: notify_up and notify_down.  A sorry server is logged
 * only: keepalived runs no script, writes no FIFO line and sends no
 * email when it goes in or out.
 */
static void
describe_rs(const struct vs_vs *vs, objid_t vsid, const char *vname,
    const struct vs_rs *rs, bool sorry)
{
	char rname[VS_NAME_MAX];
	struct herald_desc d = {
		.kind = OBJ_RS,
		.name = rname,
		.type = "RS",
		.scope = vname,
	};

	vs_fmt_rs(vs, rs, rname, sizeof(rname));
	if (sorry) {
		d.id = vs_sorry_id(vsid, rs);
		d.label = "Sorry_Server";
		d.quiet = true;
		herald_describe(&d);
		return;
	}
	d.id = vs_rs_id(vsid, rs);
	d.smtp_alert = rs->smtp_alert > 0;
	if (rs->opt != NULL) {
		d.on[MSG_RS_UP] =
		    (struct herald_script){ "notify_up", rs->opt->notify_up };
		d.on[MSG_RS_DOWN] = (struct herald_script){ "notify_down",
			rs->opt->notify_down };
	}
	herald_describe(&d);
}
