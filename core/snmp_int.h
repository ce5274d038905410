/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snmp_int.h: the parts of the SNMP module (vigil-snmp.so): the frame
   (snmp.c: AgentX session on the parent's loop, traps) and the MIBs. */

#ifndef VIGIL_SNMP_INT_H
#define VIGIL_SNMP_INT_H

#include <stdbool.h>
#include <stdint.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/agent/net-snmp-agent-includes.h>
#include <net-snmp/agent/agent_sysORTable.h>

#include "cfg.h"
#include "herald.h"
#include "msg.h"
#include "opts.h"

/*
 * The module runs inside the parent and reads only what the parent has:
 * the configuration being run (parent_config(); the same pointer as
 * snmp.cfg), the children's snapshots (parent_snapshot(): the VRRP
 * child's instances, groups and counters, the checker's real servers),
 * and the herald's objects (herald_find(), herald_foreach(): each
 * object's last state and value).  It never asks a child anything, so a
 * walk costs the children nothing; and it answers each request from
 * tables it builds at each configuration (index maps: O(log n) per
 * varbind, so that a walk of 10,000 rows never stalls the parent's loop).
 *
 * Which MIB parts run (keepalived's switches):
 * - KEEPALIVED-MIB global (keepalived.global): whenever the VRRP or the
 *   checker part runs;
 * - KEEPALIVED-MIB vrrp part: enable_snmp_vrrp;
 * - KEEPALIVED-MIB check part: enable_snmp_checker;
 * - VRRP-MIB (RFC 2787): enable_snmp_rfcv2 or enable_snmp_rfc;
 * - VRRPv3-MIB (RFC 6527): enable_snmp_rfcv3 or enable_snmp_rfc;
 * - -x / --snmp: every part, whatever the keywords say (keepalived
 *   2.2.7's global_data.c).
 * Traps: enable_traps, for the parts that run.
 */
struct snmp_part {
	const char *name; /* "keepalived-vrrp" */
	/* Whether cfg and the options want this part. */
	bool (*wanted)(const struct config *, const struct vigil_opts *);
	/* Once, after the agent's library is initialised and before the
	   first configure: registers its OIDs with net-snmp's agent. */
	void (*init)(void);
	/* A configuration to serve (at start and after each reload, also
	   when the part was not wanted before); rebuilds the part's rows. */
	void (*configure)(const struct config *);
	/* One herald event (the object already holds its new state): sends
	   the part's traps when snmp_traps_enabled().  May be NULL. */
	void (*event)(const struct herald_obj *, const struct msg_event *);
	/* No longer wanted: unregisters nothing (net-snmp's registrations
	   stay); its handlers answer noSuchObject from now on.  May be
	   NULL. */
	void (*disable)(void);
};

extern const struct snmp_part snmp_part_global; /* snmp_kmib_global.c */
extern const struct snmp_part snmp_part_vrrp; /* snmp_kmib_vrrp.c */
extern const struct snmp_part snmp_part_check; /* snmp_kmib_check.c */
extern const struct snmp_part snmp_part_rfcv2; /* snmp_rfc.c */
extern const struct snmp_part snmp_part_rfcv3; /* snmp_rfc.c */

/* The frame's state (snmp.c). */
struct snmp_state {
	const struct config *cfg; /* being served */
	const struct vigil_opts *opts;
	bool connected; /* the AgentX session to the master is up */
	unsigned long traps_sent;
	unsigned long traps_lost; /* no AgentX session when they came */
};
extern struct snmp_state snmp;

/* The KEEPALIVED-MIB parts' switches, as above (snmp.c). */
bool snmp_wants_kmib_vrrp(const struct config *, const struct vigil_opts *);
bool snmp_wants_kmib_check(const struct config *, const struct vigil_opts *);

/* enable_traps is set (traps of every running part). */
bool snmp_traps_enabled(void);
/*
 * Sends one SNMPv2 trap: trap_oid is the notification's OID, vars its
 * varbinds (without sysUpTime and snmpTrapOID, which the frame adds;
 * consumed).  Nothing when no AgentX session is up (the trap is lost, as
 * with keepalived; counted).
 */
void snmp_trap(const oid *trap_oid, size_t len, netsnmp_variable_list *vars);

/*
 * Helpers for handlers of net-snmp's variable API (register_mib(), as
 * keepalived registers its MIBs), whose rows are numbered from 1 in
 * configuration order: a row is found by its number, not by a search, so
 * a GET or GETNEXT costs O(1) however many rows there are (at most a
 * skip over empty inner lists for two indexes).
 *
 * snmp_scalar_header(): vp is the scalar itself (name without .0): true
 * when name is it (exact), or precedes it (next; name is then set to it).
 *
 * snmp_table_row(): vp is a column; the table has one index (rows
 * 1..nrows) or two ((i, j): i in 1..nrows, j in 1..inner(i)).  Finds the
 * row name asks for (exact) or the first row after name (next), sets name
 * and *length to that row's instance and idx[] to its numbers.  false:
 * none.  A handler whose column has no value in the row found goes on
 * (next) by calling it again with the name it set.
 */
bool snmp_scalar_header(
    const struct variable *vp, oid *name, size_t *length, int exact);
bool
snmp_table_row(const struct variable *vp, oid *name, size_t *length, int exact,
    unsigned nidx, size_t nrows, size_t (*inner)(size_t i), size_t idx[2]);
/* SNMPv2-TC's TruthValue: true(1), false(2). */
#define SNMP_TRUTH(x) ((x) ? 1 : 2)
/* INET-ADDRESS-MIB's InetAddressType of an address family. */
#define SNMP_INET_TYPE(af) ((af) == AF_INET6 ? 2 : 1)

/*
 * A table of net-snmp's tdata helper (rows in a sorted container: O(log n)
 * per GETNEXT) under root, answered by fn: nidx INTEGER indexes, then one
 * more of type extra_idx (0: none; ASN_IPADDRESS, ASN_OCTET_STR for an
 * address), columns from cols (NULL: 1) to maxcol.  Fatal when net-snmp
 * cannot allocate it.
 */
netsnmp_tdata *snmp_tdata_table(const char *name, const oid *root, size_t len,
    Netsnmp_Node_Handler *fn, int nidx, u_char extra_idx, unsigned maxcol,
    netsnmp_column_info *cols);
/* CONTAINER_CLEAR's callback for a tdata table's rows. */
void snmp_tdata_row_free(void *row, void *ctx);
/* A request's value: an integer of ASN type (INTEGER, Gauge32, ...). */
void snmp_set_long(netsnmp_request_info *, u_char type, long);
/* What the VRRP child last reported of an instance or group, or NULL. */
const struct msg_vrrp_snap *snmp_vrrp_snap(objid_t);

/* KEEPALIVED-MIB's root: .1.3.6.1.4.1.9586.100.5 */
#define SNMP_KEEPALIVED_OID 1, 3, 6, 1, 4, 1, 9586, 100, 5
/* VRRP-MIB: .1.3.6.1.2.1.68; VRRPv3-MIB: .1.3.6.1.2.1.207 */
#define SNMP_VRRP_MIB_OID 1, 3, 6, 1, 2, 1, 68
#define SNMP_VRRPV3_MIB_OID 1, 3, 6, 1, 2, 1, 207

#endif
