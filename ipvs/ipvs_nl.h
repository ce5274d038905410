/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ipvs_nl.h: the kernel's IPVS table over generic netlink (libnl-genl-3). */

#ifndef VIGIL_IPVS_NL_H
#define VIGIL_IPVS_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Plain descriptions of what the kernel holds, in the kernel's own terms
 * (ipvsadm's), so that what vigil wants and what a dump returns compare
 * field by field.  Addresses are in network order in 16 bytes (IPv4 in
 * the first 4, the rest zero); ports in host order.
 */

#define IPVS_NL_NAME_LEN 16 /* IP_VS_SCHEDNAME_MAXLEN, IP_VS_PENAME_MAXLEN */

/* A service.  Identity: af, protocol, addr, port | af, fwmark. */
struct ipvs_svc {
	uint16_t af; /* AF_INET / AF_INET6 */
	uint16_t protocol; /* IPPROTO_TCP/UDP/SCTP; 0 with a fwmark */
	uint8_t addr[16];
	uint16_t port;
	uint32_t fwmark; /* 0: an address service */
	char sched[IPVS_NL_NAME_LEN]; /* "wlc" */
	char pe_name[IPVS_NL_NAME_LEN]; /* "" or "sip" */
	uint32_t flags; /* IP_VS_SVC_F_*, without IP_VS_SVC_F_HASHED */
	uint32_t timeout; /* persistence, seconds; 0: not persistent */
	/* persistence granularity: IPv4 a mask in network order
	   (0xffffffff by default), IPv6 a prefix length (128 by default) */
	uint32_t netmask;
};

/* A destination (real server) of a service.  Identity within its
   service: af, addr, port. */
struct ipvs_dest {
	uint16_t af; /* of addr; the service's */
	uint8_t addr[16];
	uint16_t port;
	uint32_t conn_flags; /* IP_VS_CONN_F_MASQ / _TUNNEL / _DROUTE */
	uint32_t weight;
	uint32_t u_threshold, l_threshold;
	uint8_t tun_type; /* IP_VS_CONN_F_TUNNEL_TYPE_IPIP/GUE/GRE */
	uint16_t tun_port; /* host order; gue only */
	uint16_t tun_flags; /* IP_VS_TUNNEL_ENCAP_FLAG_* */
	/* filled by a dump only, ignored when programming */
	uint32_t active_conns, inact_conns, persist_conns;
	uint64_t conns; /* connections scheduled (stats) */
};

/* The connection-sync daemon (lvs_sync_daemon). */
struct ipvs_daemon {
	int state; /* IP_VS_STATE_MASTER or IP_VS_STATE_BACKUP */
	char ifname[16];
	uint32_t syncid;
	uint16_t maxlen; /* 0: kernel default */
	uint16_t port; /* 0: kernel default */
	uint8_t ttl; /* 0: kernel default */
	uint16_t group_af; /* 0: kernel default group */
	uint8_t group[16];
};

enum ipvs_nl_op {
	IPVS_OP_SVC_ADD,
	IPVS_OP_SVC_EDIT,
	IPVS_OP_SVC_DEL,
	IPVS_OP_DEST_ADD,
	IPVS_OP_DEST_EDIT,
	IPVS_OP_DEST_DEL,
};

struct ipvs_nl;

/*
 * Opens a generic netlink socket and resolves the "IPVS" family.  NULL
 * when the kernel has no IPVS (or the socket fails): *err then holds
 * libnl's reason.  The socket is blocking; every call below is
 * synchronous.
 */
struct ipvs_nl *ipvs_nl_open(const char **err);
void ipvs_nl_close(struct ipvs_nl *);

/* Messages sent to the kernel since open (each add, edit, delete, flush,
   dump request, config and daemon command counts one). */
unsigned long ipvs_nl_ops(const struct ipvs_nl *);

/*
 * Reading.  Each callback sees one element (its memory is reused after
 * the callback returns).  The functions return 0,
 * or a negative errno (-ENOENT: the service is gone).  A service with
 * no destinations costs a second request (the kernel's dump does not
 * tell an empty service from a missing one).  A dump fills the tunnel
 * fields of tunnel destinations only (zero for the others), and reports
 * the daemons' kernel defaults (port, ttl, maxlen, group) as they are.
 */
int ipvs_nl_services(
    struct ipvs_nl *, void (*cb)(const struct ipvs_svc *, void *), void *arg);
int ipvs_nl_dests(struct ipvs_nl *, const struct ipvs_svc *,
    void (*cb)(const struct ipvs_dest *, void *), void *arg);

/*
 * Writing, in batches: queue any number of operations, then commit.
 * Commit sends them in the order queued, several per system call, and
 * collects the kernel's answer to each; for each refused one it calls
 * fail (may be NULL) with the operation, its service, its destination
 * (NULL for a service operation) and the negative errno.  Returns the
 * number of operations refused; the batch is empty afterwards.
 * The errno is the kernel's: -EEXIST (already there), -ESRCH (no such
 * service), -ENOENT (no such destination, scheduler or engine),
 * -EINVAL; or -ENOBUFS / -ETIMEDOUT when the answer was lost, in which
 * case the operation may have been applied: re-read the table.
 */
void ipvs_nl_queue(struct ipvs_nl *, enum ipvs_nl_op, const struct ipvs_svc *,
    const struct ipvs_dest *);
size_t ipvs_nl_queued(const struct ipvs_nl *);
size_t ipvs_nl_commit(struct ipvs_nl *,
    void (*fail)(enum ipvs_nl_op, const struct ipvs_svc *,
        const struct ipvs_dest *, int err, void *),
    void *arg);

/* Everything in the table (ipvsadm -C).  0 or a negative errno. */
int ipvs_nl_flush(struct ipvs_nl *);

/* lvs_timeouts; a value < 0 leaves the kernel's one.  0 or -errno. */
int ipvs_nl_set_timeouts(struct ipvs_nl *, int tcp, int tcpfin, int udp);
int ipvs_nl_get_timeouts(struct ipvs_nl *, int *tcp, int *tcpfin, int *udp);

/* The sync daemons: start one, stop the one of a state, list those
   running (cb once per daemon).  0 or a negative errno. */
int ipvs_nl_daemon_start(struct ipvs_nl *, const struct ipvs_daemon *);
int ipvs_nl_daemon_stop(struct ipvs_nl *, int state);
int ipvs_nl_daemons(struct ipvs_nl *,
    void (*cb)(const struct ipvs_daemon *, void *), void *arg);

/* The name of an operation, for logs ("add destination"). */
const char *ipvs_nl_op_name(enum ipvs_nl_op);

#endif
