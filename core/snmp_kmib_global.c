/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp_kmib_global.c: KEEPALIVED-MIB's global part (version, router id,
   mail settings, switches), answered from the configuration being run. */

/*
 * Served under .1.3.6.1.4.1.9586.100.5.1 with keepalived 2.2.7's OIDs:
 * version (.1), routerId (.2), the mail group (.3: smtpServerAddressType
 * .1 and smtpServerAddress .2 when smtp_server is an address,
 * smtpServerTimeout .3, emailFrom .4 when set, emailTable .5,
 * smtpServerPort .6 when smtp_server is set, smtpEmailFaults .7,
 * smtpAlert .8, smtpAlertVrrp .9, smtpAlertChecker .10), trapEnable (.4),
 * linkBeat (.5), lvsFlush (.6), netNamespace (.8), dynamicInterfaces (.10)
 * and lvsFlushOnStop (.11).  Not served: ipvs64BitStats (.7) and dbus
 * (.9), which vigil has no truthful value for.
 */

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cfg.h"
#include "log.h"
#include "snmp_int.h"

static bool global_wanted(const struct config *, const struct vigil_opts *);
static void global_init(void);
static void global_disable(void);
static void global_configure(const struct config *);
static u_char *global_scalar(
    struct variable *, oid *, size_t *, int, size_t *, WriteMethod **);
static u_char *
global_email(struct variable *, oid *, size_t *, int, size_t *, WriteMethod **);
static size_t no_inner(size_t);
static long tri_state(int);
static u_char *str_of(const char *, size_t *);

const struct snmp_part snmp_part_global = {
	.name = "keepalived-global",
	.wanted = global_wanted,
	.init = global_init,
	.configure = global_configure,
	.disable = global_disable,
};

enum {
	G_VERSION,
	G_ROUTER_ID,
	G_SMTP_ADDR_TYPE,
	G_SMTP_ADDR,
	G_SMTP_TIMEOUT,
	G_EMAIL_FROM,
	G_EMAIL_ADDR,
	G_SMTP_PORT,
	G_EMAIL_FAULTS,
	G_SMTP_ALERT,
	G_SMTP_ALERT_VRRP,
	G_SMTP_ALERT_CHECKER,
	G_TRAPS,
	G_LINKBEAT,
	G_LVS_FLUSH,
	G_NAMESPACE,
	G_DYNAMIC_IF,
	G_LVS_FLUSH_ON_STOP,
};

static struct variable8 global_vars[] = {
	{ G_VERSION, ASN_OCTET_STR, RONLY, global_scalar, 1, { 1 } },
	{ G_ROUTER_ID, ASN_OCTET_STR, RONLY, global_scalar, 1, { 2 } },
	{ G_SMTP_ADDR_TYPE, ASN_INTEGER, RONLY, global_scalar, 2, { 3, 1 } },
	{ G_SMTP_ADDR, ASN_OCTET_STR, RONLY, global_scalar, 2, { 3, 2 } },
	{ G_SMTP_TIMEOUT, ASN_UNSIGNED, RONLY, global_scalar, 2, { 3, 3 } },
	{ G_EMAIL_FROM, ASN_OCTET_STR, RONLY, global_scalar, 2, { 3, 4 } },
	{ G_EMAIL_ADDR, ASN_OCTET_STR, RONLY, global_email, 4, { 3, 5, 1, 2 } },
	{ G_SMTP_PORT, ASN_UNSIGNED, RONLY, global_scalar, 2, { 3, 6 } },
	{ G_EMAIL_FAULTS, ASN_INTEGER, RONLY, global_scalar, 2, { 3, 7 } },
	{ G_SMTP_ALERT, ASN_INTEGER, RONLY, global_scalar, 2, { 3, 8 } },
	{ G_SMTP_ALERT_VRRP, ASN_INTEGER, RONLY, global_scalar, 2, { 3, 9 } },
	{ G_SMTP_ALERT_CHECKER, ASN_INTEGER, RONLY, global_scalar, 2,
	    { 3, 10 } },
	{ G_TRAPS, ASN_INTEGER, RONLY, global_scalar, 1, { 4 } },
	{ G_LINKBEAT, ASN_INTEGER, RONLY, global_scalar, 1, { 5 } },
	{ G_LVS_FLUSH, ASN_INTEGER, RONLY, global_scalar, 1, { 6 } },
	{ G_NAMESPACE, ASN_OCTET_STR, RONLY, global_scalar, 1, { 8 } },
	{ G_DYNAMIC_IF, ASN_INTEGER, RONLY, global_scalar, 1, { 10 } },
	{ G_LVS_FLUSH_ON_STOP, ASN_INTEGER, RONLY, global_scalar, 1, { 11 } },
};

static oid global_oid[] = { SNMP_KEEPALIVED_OID, 1 };
static bool global_on; /* wanted: handlers answer */
static long long_ret;
static char str_ret[GLOBAL_STR_LEN + 32];

static bool
global_wanted(const struct config *cfg, const struct vigil_opts *o)
{
	return snmp_wants_kmib_vrrp(cfg, o) || snmp_wants_kmib_check(cfg, o);
}

static void
global_init(void)
{
	if (register_mib("KEEPALIVED-MIB global",
	        (struct variable *)global_vars, sizeof(struct variable8),
	        sizeof(global_vars) / sizeof(global_vars[0]), global_oid,
	        OID_LENGTH(global_oid)) != MIB_REGISTERED_OK)
		log_warnx("SNMP: cannot register KEEPALIVED-MIB's global part");
	register_sysORTable(global_oid, OID_LENGTH(global_oid),
	    "KEEPALIVED-MIB: vigil's global settings");
}

static void
global_configure(const struct config *cfg)
{
	(void)cfg;
	global_on = true;
}

static void
global_disable(void)
{
	global_on = false;
}

/* keepalived's encoding of a tri-state smtp_alert*: true(1), false(2),
   not given(3). */
static long
tri_state(int v)
{
	return v < 0 ? 3 : v ? 1 : 2;
}

static u_char *
global_scalar(struct variable *vp, oid *name, size_t *length, int exact,
    size_t *var_len, WriteMethod **write_method)
{
	const struct global_conf *g;

	*write_method = NULL;
	*var_len = sizeof(long);
	if (!global_on || snmp.cfg == NULL ||
	    !snmp_scalar_header(vp, name, length, exact))
		return NULL;
	g = &snmp.cfg->global;
	switch (vp->magic) {
	case G_VERSION:
		snprintf(
		    str_ret, sizeof(str_ret), "vigil %s", VIGIL_SNMP_VERSION);
		*var_len = strlen(str_ret);
		return (u_char *)str_ret;
	case G_ROUTER_ID:
		/* keepalived's default router_id is the host's name. */
		if (g->router_id[0] != '\0')
			snprintf(str_ret, sizeof(str_ret), "%s", g->router_id);
		else if (gethostname(str_ret, sizeof(str_ret) - 1) < 0)
			return NULL;
		str_ret[sizeof(str_ret) - 1] = '\0';
		*var_len = strlen(str_ret);
		return (u_char *)str_ret;
	case G_SMTP_ADDR_TYPE:
		if (g->smtp_server_addr.family == AF_UNSPEC)
			return NULL;
		long_ret = SNMP_INET_TYPE(g->smtp_server_addr.family);
		return (u_char *)&long_ret;
	case G_SMTP_ADDR:
		if (g->smtp_server_addr.family == AF_UNSPEC)
			return NULL;
		*var_len = g->smtp_server_addr.family == AF_INET6 ? 16 : 4;
		memcpy(str_ret, g->smtp_server_addr.u.v6, *var_len);
		return (u_char *)str_ret;
	case G_SMTP_TIMEOUT:
		long_ret = (long)(g->smtp_connect_timeout / 1000000);
		return (u_char *)&long_ret;
	case G_EMAIL_FROM:
		if (g->notification_email_from[0] == '\0')
			return NULL;
		return str_of(g->notification_email_from, var_len);
	case G_SMTP_PORT:
		if (g->smtp_server[0] == '\0')
			return NULL;
		long_ret = g->smtp_server_port > 0 ? g->smtp_server_port : 25;
		return (u_char *)&long_ret;
	case G_EMAIL_FAULTS:
		long_ret = SNMP_TRUTH(!g->no_email_faults);
		return (u_char *)&long_ret;
	case G_SMTP_ALERT:
		long_ret = tri_state(g->smtp_alert);
		return (u_char *)&long_ret;
	case G_SMTP_ALERT_VRRP:
		long_ret = tri_state(g->smtp_alert_vrrp);
		return (u_char *)&long_ret;
	case G_SMTP_ALERT_CHECKER:
		long_ret = tri_state(g->smtp_alert_checker);
		return (u_char *)&long_ret;
	case G_TRAPS:
		long_ret = SNMP_TRUTH(g->enable_traps);
		return (u_char *)&long_ret;
	case G_LINKBEAT:
		long_ret = g->linkbeat_use_polling ? 2 : 1; /* polling, media */
		return (u_char *)&long_ret;
	case G_LVS_FLUSH:
		long_ret = SNMP_TRUTH(g->lvs_flush);
		return (u_char *)&long_ret;
	case G_NAMESPACE:
		return str_of(g->net_namespace, var_len);
	case G_DYNAMIC_IF:
		long_ret = SNMP_TRUTH(g->dynamic_interfaces);
		return (u_char *)&long_ret;
	case G_LVS_FLUSH_ON_STOP:
		long_ret = g->lvs_flush_on_stop == GLOBAL_LVS_FLUSH_FULL ? 1
		    : g->lvs_flush_on_stop == GLOBAL_LVS_FLUSH_VS        ? 3
		                                                         : 2;
		return (u_char *)&long_ret;
	default:
		return NULL;
	}
}

/* A string's value: a copy, since net-snmp's API takes no const. */
static u_char *
str_of(const char *s, size_t *var_len)
{
	snprintf(str_ret, sizeof(str_ret), "%s", s);
	*var_len = strlen(str_ret);
	return (u_char *)str_ret;
}

static size_t
no_inner(size_t i)
{
	(void)i;
	return 0;
}

/* emailTable: one row per notification_email, numbered from 1. */
static u_char *
global_email(struct variable *vp, oid *name, size_t *length, int exact,
    size_t *var_len, WriteMethod **write_method)
{
	const struct global_conf *g;
	size_t idx[2];

	*write_method = NULL;
	if (!global_on || snmp.cfg == NULL)
		return NULL;
	g = &snmp.cfg->global;
	if (!snmp_table_row(vp, name, length, exact, 1, g->n_notification_email,
	        no_inner, idx))
		return NULL;
	return str_of(g->notification_email[idx[0] - 1], var_len);
}
