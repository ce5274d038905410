/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp.c: the SNMP module of the parent (vigil-snmp.so): a net-snmp AgentX
   subagent driven by the parent's libev loop, traps, and the MIB parts. */

/*
 * The frame owns net-snmp: it makes the library an AgentX subagent of the
 * master at snmp_socket (or -A; net-snmp's default socket otherwise),
 * watches the library's sockets and timers with ev_io and ev_timer
 * watchers rearmed after each turn of processing (snmp_select_info2), so
 * that nothing ever blocks in select(), and hands each herald event to
 * the MIB parts that run (snmp_int.h).
 *
 * net-snmp pings the master every SNMP_AGENTX_RETRY seconds and, once the
 * link is gone (the master closed it or did not answer a ping), tries to
 * open it again at that period; its own log goes to vigil's debug level.
 * The frame says each change of the link once, at info:
 *
 *	SNMP: connected to the AgentX master at /run/agentx.sock
 *	SNMP: AgentX master at /run/agentx.sock is not reachable, retrying
 *	    every 5 s
 *
 * (one line; the second also when the master is absent at start).  A
 * ping is synchronous in net-snmp: the session's timeout is cut to
 * SNMP_AGENTX_TIMEOUT_MS so that a hung master costs the loop at most
 * that, once per period.
 *
 * A reload may stop the module (no enable_snmp_* left) and a later one
 * start it again: the stop shuts net-snmp down entirely (the AgentX
 * session is closed, so the master no longer lists vigil's subtrees)
 * and the start initialises it afresh (snmp_restart_fixups(); should
 * net-snmp refuse, "SNMP: cannot open net-snmp's callback session" is
 * logged, as a warning, and the agent stays unconnected).
 *
 * What a walk costs the parent's loop is in the parent's SIGUSR2
 * statistics ("Parent loop: ... longest iteration"; bench/snmp-walk-vrrp).
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_callbacks.h>
#include <net-snmp/library/large_fd_set.h>
#include <net-snmp/version.h>

#include "log.h"
#include "module.h"
#include "parent.h"
#include "snmp_int.h"
#include "state_sync.h"

#define SNMP_APP_NAME "vigild"
/* How often net-snmp pings the master, and retries a lost link. */
#define SNMP_AGENTX_RETRY 5
/* How long a synchronous AgentX exchange (the ping) may wait. */
#define SNMP_AGENTX_TIMEOUT_MS 300
/* Sockets net-snmp may have open at once (the AgentX session). */
#define SNMP_FDS_MAX 8

static const char *snmp_info(void);
static int snmp_start(const struct module_host *, struct ev_loop *,
    const struct config *, const struct vigil_opts *);
static void snmp_reconfigure(const struct config *);
static void snmp_stop(void);
static void snmp_apply_parts(const struct config *);
static void snmp_rearm(void);
static void snmp_io_cb(struct ev_loop *, ev_io *, int);
static void snmp_timer_cb(struct ev_loop *, ev_timer *, int);
static int snmp_log_cb(int, int, void *, void *);
static int snmp_session_cb(int, int, void *, void *);
static int snmp_link_cb(int, int, void *, void *);
static void snmp_sink_event(struct herald_obj *, const struct msg_event *);
static const char *snmp_socket_name(void);
static void snmp_restart_fixups(void);

/*
 * net-snmp's AgentX subagent keeps two things across snmp_shutdown() and
 * shutdown_agent() that a second init_agent() needs fresh: the callback
 * session it opened at its first initialisation (closed by the shutdown,
 * but its pointer kept, so never opened again), and, when no session to
 * the master was open at the shutdown, its "initialised" flag (so that
 * the second init_agent() neither opens that callback session nor
 * schedules the connection).  These are libnetsnmpagent's own symbols
 * (exported, in no installed header; agent/mibgroup/agentx/subagent.c).
 */
extern netsnmp_session *agentx_callback_sess;
extern int callback_master_num;
int subagent_startup(int, int, void *, void *);
int
handle_subagent_response(int, netsnmp_session *, int, netsnmp_pdu *, void *);

const struct vigil_module vigil_module = {
	.abi = VIGIL_MODULE_ABI,
	.name = "snmp",
	.build_info = snmp_info,
	.start = snmp_start,
	.reconfigure = snmp_reconfigure,
	.stop = snmp_stop,
};

struct snmp_state snmp;

/* The parts, in the order they register and hear events. */
static const struct snmp_part *const parts[] = {
	&snmp_part_global,
	&snmp_part_vrrp,
	&snmp_part_check,
	&snmp_part_rfcv2,
	&snmp_part_rfcv3,
};
#define N_PARTS (sizeof(parts) / sizeof(parts[0]))

static struct {
	const struct module_host *h;
	struct ev_loop *loop;
	bool running; /* between start and stop */
	bool sink_registered; /* once per process: a sink cannot leave */
	bool said_down; /* "not reachable" said since the last connect */
	bool part_inited[N_PARTS]; /* its OIDs are registered */
	bool part_running[N_PARTS];
	bool stopped_before; /* net-snmp was initialised and shut down */
	bool stale_subagent; /* it was, with no session to the master */
	ev_io io[SNMP_FDS_MAX];
	int nio;
	ev_timer timer;
} fr;

static const struct herald_sink snmp_sink = {
	.name = "snmp",
	.event = snmp_sink_event,
};

static const char *
snmp_info(void)
{
	static char buf[64];

	snprintf(buf, sizeof(buf), "net-snmp %s", netsnmp_get_version());
	return buf;
}

netsnmp_tdata *
snmp_tdata_table(const char *name, const oid *root, size_t len,
    Netsnmp_Node_Handler *fn, int nidx, u_char extra_idx, unsigned maxcol,
    netsnmp_column_info *cols)
{
	netsnmp_handler_registration *reg;
	netsnmp_table_registration_info *info;
	netsnmp_tdata *t;
	int i;

	reg = netsnmp_create_handler_registration(
	    name, fn, root, len, HANDLER_CAN_RONLY);
	t = netsnmp_tdata_create_table(name, 0);
	info = SNMP_MALLOC_TYPEDEF(netsnmp_table_registration_info);
	if (reg == NULL || t == NULL || info == NULL)
		fatalx("SNMP: cannot register %s", name);
	for (i = 0; i < nidx; i++)
		netsnmp_table_helper_add_index(info, ASN_INTEGER);
	if (extra_idx != 0)
		netsnmp_table_helper_add_index(info, extra_idx);
	info->min_column = cols != NULL ? cols->details.range[0] : 1;
	info->max_column = maxcol;
	info->valid_columns = cols;
	if (netsnmp_tdata_register(reg, t, info) != MIB_REGISTERED_OK)
		log_warnx("SNMP: cannot register %s", name);
	return t;
}

void
snmp_tdata_row_free(void *row, void *ctx)
{
	(void)ctx;
	netsnmp_tdata_delete_row(row);
}

void
snmp_set_long(netsnmp_request_info *req, u_char type, long v)
{
	snmp_set_var_typed_value(req->requestvb, type, &v, sizeof(v));
}

const struct msg_vrrp_snap *
snmp_vrrp_snap(objid_t id)
{
	const struct state_sync *ss = parent_snapshot(PROC_VRRP);

	return ss != NULL ? state_sync_get(ss, id) : NULL;
}

bool
snmp_traps_enabled(void)
{
	return snmp.cfg != NULL && snmp.cfg->global.enable_traps;
}

bool
snmp_wants_kmib_vrrp(const struct config *cfg, const struct vigil_opts *o)
{
	const struct global_conf *g = &cfg->global;

	/* keepalived 2.2.7's -x turns every part on (global_data.c) */
	return g->enable_snmp_vrrp || (o != NULL && o->snmp);
}

bool
snmp_wants_kmib_check(const struct config *cfg, const struct vigil_opts *o)
{
	const struct global_conf *g = &cfg->global;

	return g->enable_snmp_checker || (o != NULL && o->snmp);
}

static const char *
snmp_socket_name(void)
{
	const char *s;

	s = netsnmp_ds_get_string(
	    NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET);
	return s != NULL ? s : NETSNMP_AGENTX_SOCKET;
}

static int
snmp_start(const struct module_host *h, struct ev_loop *loop,
    const struct config *cfg, const struct vigil_opts *o)
{
	const char *sock = NULL, *mibs;
	char *saved_mibs = NULL;
	size_t i;

	fr.h = h;
	fr.loop = loop;
	snmp.cfg = cfg;
	snmp.opts = o;
	snmp.connected = false;
	fr.said_down = false;

	/* net-snmp's own messages are for debugging only: the frame says
	   what an operator needs (the link's changes). */
	snmp_disable_log();
	snmp_enable_calllog();
	snmp_register_callback(
	    SNMP_CALLBACK_LIBRARY, SNMP_CALLBACK_LOGGING, snmp_log_cb, NULL);
	snmp_register_callback(SNMP_CALLBACK_LIBRARY,
	    SNMP_CALLBACK_SESSION_INIT, snmp_session_cb, NULL);
	netsnmp_ds_set_boolean(
	    NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
	netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID,
	    NETSNMP_DS_AGENT_NO_CONNECTION_WARNINGS, 1);
	netsnmp_ds_set_boolean(
	    NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_PERSIST_STATE, 1);
	/* Alarms are run from the loop's timer, never from SIGALRM. */
	netsnmp_ds_set_boolean(
	    NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_ALARM_DONT_USE_SIG, 1);
	netsnmp_ds_set_int(NETSNMP_DS_APPLICATION_ID,
	    NETSNMP_DS_AGENT_AGENTX_PING_INTERVAL, SNMP_AGENTX_RETRY);
	if (o != NULL && o->snmp_socket != NULL && o->snmp_socket[0] != '\0')
		sock = o->snmp_socket;
	else if (cfg->global.snmp_socket[0] != '\0')
		sock = cfg->global.snmp_socket;
	if (sock != NULL)
		netsnmp_ds_set_string(
		    NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET, sock);
	snmp_register_callback(SNMP_CALLBACK_APPLICATION,
	    SNMPD_CALLBACK_INDEX_START, snmp_link_cb, NULL);
	snmp_register_callback(SNMP_CALLBACK_APPLICATION,
	    SNMPD_CALLBACK_INDEX_STOP, snmp_link_cb, NULL);

	init_agent(SNMP_APP_NAME);
	if (fr.stopped_before)
		snmp_restart_fixups();
	for (i = 0; i < N_PARTS; i++) {
		fr.part_inited[i] = false;
		fr.part_running[i] = false;
	}
	/* No MIB is parsed: the agent answers by OID.  The variable is put
	   back so that the scripts the parent runs do not inherit it. */
	mibs = getenv("MIBS");
	if (mibs != NULL)
		saved_mibs = strdup(mibs);
	setenv("MIBS", "", 1);
	/* Parts register before init_snmp() connects, so that the first
	   AgentX session carries their registrations. */
	snmp_apply_parts(cfg);
	init_snmp(SNMP_APP_NAME);
	if (saved_mibs != NULL) {
		setenv("MIBS", saved_mibs, 1);
		free(saved_mibs);
	} else
		unsetenv("MIBS");

	if (!snmp.connected && !fr.said_down) {
		log_info("SNMP: AgentX master at %s is not reachable, "
		         "retrying every %d s",
		    snmp_socket_name(), SNMP_AGENTX_RETRY);
		fr.said_down = true;
	}
	if (!fr.sink_registered) {
		herald_sink_register(&snmp_sink);
		fr.sink_registered = true;
	}
	ev_init(&fr.timer, snmp_timer_cb);
	fr.nio = 0;
	fr.running = true;
	snmp_rearm();
	return 0;
}

static void
snmp_reconfigure(const struct config *cfg)
{
	snmp.cfg = cfg;
	snmp_apply_parts(cfg);
	snmp_rearm();
}

static void
snmp_stop(void)
{
	size_t i;
	int k;

	if (!fr.running)
		return;
	for (i = 0; i < N_PARTS; i++) {
		if (fr.part_running[i] && parts[i]->disable != NULL)
			parts[i]->disable();
		fr.part_running[i] = false;
	}
	for (k = 0; k < fr.nio; k++)
		ev_io_stop(fr.loop, &fr.io[k]);
	fr.nio = 0;
	ev_timer_stop(fr.loop, &fr.timer);
	fr.running = false;
	fr.stale_subagent = !snmp.connected;
	snmp_shutdown(SNMP_APP_NAME);
	/* The agent's registrations and its init guard, which
	   snmp_shutdown() leaves, so that a later start registers again. */
	shutdown_agent();
	agentx_callback_sess = NULL; /* closed by snmp_shutdown() */
	fr.stopped_before = true;
	snmp.connected = false;
	snmp.cfg = NULL;
}

/* Starts, configures and disables the parts as cfg wants them. */
static void
snmp_apply_parts(const struct config *cfg)
{
	const struct snmp_part *p;
	bool want;
	size_t i;

	for (i = 0; i < N_PARTS; i++) {
		p = parts[i];
		want = p->wanted != NULL && p->wanted(cfg, snmp.opts);
		if (!want) {
			if (fr.part_running[i] && p->disable != NULL)
				p->disable();
			fr.part_running[i] = false;
			continue;
		}
		if (!fr.part_inited[i] && p->init != NULL)
			p->init();
		fr.part_inited[i] = true;
		if (p->configure != NULL)
			p->configure(cfg);
		if (!fr.part_running[i])
			log_debug("SNMP: part %s runs", p->name);
		fr.part_running[i] = true;
	}
}

/* The herald's sink: every event, to each running part. */
static void
snmp_sink_event(struct herald_obj *o, const struct msg_event *e)
{
	size_t i;

	if (!fr.running)
		return;
	for (i = 0; i < N_PARTS; i++)
		if (fr.part_running[i] && parts[i]->event != NULL)
			parts[i]->event(o, e);
	snmp_rearm();
}

void
snmp_trap(const oid *trap_oid, size_t len, netsnmp_variable_list *vars)
{
	static const oid snmptrap_oid[] = { 1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0 };
	netsnmp_variable_list *l = NULL;

	snmp_varlist_add_variable(&l, snmptrap_oid, OID_LENGTH(snmptrap_oid),
	    ASN_OBJECT_ID, (const u_char *)trap_oid, len * sizeof(oid));
	if (l == NULL) {
		snmp_free_varbind(vars);
		return;
	}
	l->next_variable = vars;
	if (!snmp.connected) {
		snmp.traps_lost++;
		log_debug("SNMP: a trap is lost: no AgentX master");
	} else {
		/* net-snmp puts sysUpTime first. */
		send_v2trap(l);
		snmp.traps_sent++;
	}
	snmp_free_varbind(l);
}

/*
 * Watches exactly the sockets net-snmp wants read, and wakes at its next
 * timeout or alarm.  Called after every turn of net-snmp's processing,
 * since each may open or close a socket or set an alarm.
 */
static void
snmp_rearm(void)
{
	netsnmp_large_fd_set set;
	struct timeval tv = { 0, 0 };
	int numfds = 0, block = 1, k, fd;
	bool keep[SNMP_FDS_MAX];

	if (!fr.running)
		return;
	netsnmp_large_fd_set_init(&set, FD_SETSIZE);
	snmp_select_info2(&numfds, &set, &tv, &block);
	/* Drop the watchers of sockets net-snmp closed. */
	for (k = 0; k < fr.nio; k++)
		keep[k] = fr.io[k].fd < numfds &&
		    NETSNMP_LARGE_FD_ISSET(fr.io[k].fd, &set);
	for (k = fr.nio - 1; k >= 0; k--) {
		if (keep[k])
			continue;
		ev_io_stop(fr.loop, &fr.io[k]);
		fr.io[k] = fr.io[--fr.nio];
		ev_io_set(&fr.io[k], fr.io[k].fd, EV_READ);
	}
	for (fd = 0; fd < numfds; fd++) {
		if (!NETSNMP_LARGE_FD_ISSET(fd, &set))
			continue;
		for (k = 0; k < fr.nio; k++)
			if (fr.io[k].fd == fd)
				break;
		if (k < fr.nio)
			continue;
		if (fr.nio == SNMP_FDS_MAX) {
			log_warnx("SNMP: more than %d sockets to watch",
			    SNMP_FDS_MAX);
			break;
		}
		ev_io_init(&fr.io[fr.nio], snmp_io_cb, fd, EV_READ);
		ev_io_start(fr.loop, &fr.io[fr.nio]);
		fr.nio++;
	}
	netsnmp_large_fd_set_cleanup(&set);
	/* The moved watchers were copied while stopped; (re)start them. */
	for (k = 0; k < fr.nio; k++)
		if (!ev_is_active(&fr.io[k]))
			ev_io_start(fr.loop, &fr.io[k]);
	ev_timer_stop(fr.loop, &fr.timer);
	if (!block) {
		ev_timer_set(
		    &fr.timer, (ev_tstamp)tv.tv_sec + tv.tv_usec / 1e6, 0.);
		ev_timer_start(fr.loop, &fr.timer);
	}
}

static void
snmp_io_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	netsnmp_large_fd_set set;

	(void)loop;
	(void)revents;
	netsnmp_large_fd_set_init(&set, FD_SETSIZE);
	netsnmp_large_fd_setfd(w->fd, &set);
	snmp_read2(&set);
	netsnmp_large_fd_set_cleanup(&set);
	netsnmp_check_outstanding_agent_requests();
	run_alarms();
	snmp_rearm();
}

static void
snmp_timer_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)w;
	(void)revents;
	snmp_timeout();
	run_alarms();
	netsnmp_check_outstanding_agent_requests();
	snmp_rearm();
}

/* The AgentX link came up (INDEX_START) or went down (INDEX_STOP). */
static int
snmp_link_cb(int major, int minor, void *server, void *client)
{
	(void)major;
	(void)server;
	(void)client;
	if (minor == SNMPD_CALLBACK_INDEX_START) {
		snmp.connected = true;
		fr.said_down = false;
		log_info("SNMP: connected to the AgentX master at %s",
		    snmp_socket_name());
	} else if (minor == SNMPD_CALLBACK_INDEX_STOP) {
		snmp.connected = false;
		if (!fr.said_down)
			log_info("SNMP: AgentX master at %s is not reachable, "
			         "retrying every %d s",
			    snmp_socket_name(), SNMP_AGENTX_RETRY);
		fr.said_down = true;
	}
	return 0;
}

/* Every session net-snmp opens (the AgentX one): a short timeout, since
   its pings are synchronous. */
static int
snmp_session_cb(int major, int minor, void *server, void *client)
{
	netsnmp_session *s = server;

	(void)major;
	(void)minor;
	(void)client;
	if (s != NULL) {
		s->timeout = SNMP_AGENTX_TIMEOUT_MS * 1000L;
		s->retries = 0;
	}
	return 0;
}

static int
snmp_log_cb(int major, int minor, void *server, void *client)
{
	const struct snmp_log_message *m = server;
	size_t n;

	(void)major;
	(void)minor;
	(void)client;
	if (m == NULL || m->msg == NULL)
		return 0;
	n = strlen(m->msg);
	while (n > 0 && m->msg[n - 1] == '\n')
		n--;
	log_debug("SNMP: net-snmp: %.*s", (int)n, m->msg);
	return 0;
}

/* After init_agent() of a start that follows a stop: what the subagent's
   own initialisation skipped (see agentx_callback_sess above). */
static void
snmp_restart_fixups(void)
{
	if (!fr.stale_subagent)
		return;
	if (agentx_callback_sess == NULL)
		agentx_callback_sess = netsnmp_callback_open(
		    callback_master_num, handle_subagent_response, NULL, NULL);
	if (agentx_callback_sess == NULL)
		log_warnx("SNMP: cannot open net-snmp's callback session");
	snmp_register_callback(SNMP_CALLBACK_LIBRARY,
	    SNMP_CALLBACK_POST_READ_CONFIG, subagent_startup, NULL);
}

/* ---- helpers of the MIB parts (snmp_int.h) ---- */

bool
snmp_scalar_header(
    const struct variable *vp, oid *name, size_t *length, int exact)
{
	oid full[MAX_OID_LEN];
	size_t n = vp->namelen;
	int r;

	if (n + 1 > MAX_OID_LEN)
		return false;
	memcpy(full, vp->name, n * sizeof(oid));
	full[n] = 0;
	r = snmp_oid_compare(name, *length, full, n + 1);
	if (exact)
		return r == 0;
	if (r >= 0)
		return false;
	memcpy(name, full, (n + 1) * sizeof(oid));
	*length = n + 1;
	return true;
}

bool
snmp_table_row(const struct variable *vp, oid *name, size_t *length, int exact,
    unsigned nidx, size_t nrows, size_t (*inner)(size_t i), size_t idx[2])
{
	size_t n = vp->namelen, i, j;
	int r;

	if (exact) {
		if (*length != n + nidx ||
		    snmp_oid_compare(name, n, vp->name, n) != 0)
			return false;
		i = name[n];
		if (i < 1 || i > nrows)
			return false;
		j = nidx == 2 ? name[n + 1] : 1;
		if (nidx == 2 && (j < 1 || j > inner(i)))
			return false;
		idx[0] = i;
		idx[1] = j;
		return true;
	}
	if (n + nidx > MAX_OID_LEN)
		return false;
	r = snmp_oid_compare(name, *length < n ? *length : n, vp->name, n);
	if (r > 0)
		return false;
	/* The first row after name: a row is after a name it extends, and
	   after a longer name only when greater in its own components. */
	i = 1;
	j = 1;
	if (r == 0 && *length > n) {
		i = name[n];
		if (nidx == 1)
			i++;
		else if (*length > n + 1)
			j = name[n + 1] + 1;
	}
	if (i < 1) {
		i = 1;
		j = 1;
	}
	for (; i <= nrows; i++, j = 1)
		if (nidx == 1 || j <= inner(i))
			break;
	if (i > nrows)
		return false;
	if (r != 0 || *length < n)
		memcpy(name, vp->name, n * sizeof(oid));
	name[n] = i;
	if (nidx == 2)
		name[n + 1] = j;
	*length = n + nidx;
	idx[0] = i;
	idx[1] = j;
	return true;
}
