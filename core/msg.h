/* SPDX-License-Identifier: GPL-2.0-or-later */
/* msg.h: every message type exchanged between vigil's processes. */

#ifndef VIGIL_MSG_H
#define VIGIL_MSG_H

#include <stdint.h>

#include "objid.h"

/* The processes; also the index of a child in the parent's table. */
enum proc_id { PROC_PARENT = 0, PROC_VRRP, PROC_CHECK, PROC_IPVS, PROC_MAX };

/*
 * One message per SOCK_SEQPACKET packet: a header, then len bytes of
 * payload, and at most one file descriptor (SCM_RIGHTS).  Objects are
 * named by numeric ids, never by pointers.  A payload has one exact size,
 * or is a counted array: a fixed head whose uint32_t count says how many
 * elements follow.  core/ipc.c holds each type's shape and checks every
 * packet against it before a handler runs.
 */
enum msg_type {
	MSG_NONE = 0,

	/* parent -> child */
	MSG_CONFIG, /* fd: memfd of the resolved text; struct msg_config */
	MSG_PEER_LINK, /* fd: a socket to a peer child; struct msg_peer_link */

	MSG_VRRP_RESUME, /* struct msg_vrrp_state: to a respawned VRRP child,
			    one per object, before its first MSG_CONFIG */
	MSG_DUMP, /* fd: an empty memfd; struct msg_dump: write your data
		     or statistics (SIGUSR1 / SIGUSR2) into it, then answer
		     MSG_DUMP_DONE */

	/* child -> parent */
	MSG_CONFIG_DONE, /* struct msg_config_done: a generation applied */
	MSG_DUMP_DONE, /* struct msg_dump: the memfd of MSG_DUMP is written */
	MSG_EVENT, /* struct msg_event: one event, for the herald */

	/* checker <-> ipvs, on the peer link */
	MSG_PEER_HELLO, /* struct msg_peer_hello: first message on a link */

	/* full states and their updates (core/state_sync.h); on the peer
	   link, checker -> ipvs, but the request ipvs -> checker, and the
	   table MSG_STATE_RS_KNOWN ipvs -> checker */
	MSG_STATE_REQUEST, /* struct msg_state_request: send the whole state */
	MSG_STATE_BEGIN, /* struct msg_state_mark: a full state follows */
	MSG_STATE_END, /* struct msg_state_mark: the full state is complete */
	MSG_STATE_BLOB, /* fd: sealed memfd of items; struct msg_state_blob */
	MSG_RS_DESIRED, /* struct msg_state_items, then count x struct
			   msg_rs_desired: items of a full state */
	MSG_RS_DESIRED_UPDATE, /* the same: changes to the current one */

	/* vrrp -> parent: snapshots for status and SNMP, as full states
	   (MSG_STATE_BEGIN/END) of table MSG_STATE_VRRP; the checker sends
	   the parent its MSG_RS_DESIRED table the same way */
	MSG_VRRP_SNAPSHOT, /* struct msg_state_items, then count x struct
			      msg_vrrp_snap: items of a full state */
	MSG_VRRP_SNAPSHOT_UPDATE, /* the same: changes to the current one */

	MSG_TYPE_MAX
};

struct msg_hdr {
	uint16_t type; /* enum msg_type */
	uint16_t flags; /* reserved: 0 */
	uint32_t len; /* payload bytes after the header */
};

/*
 * The largest packet, header included.  Three fit the default socket
 * buffer (net.core.wmem_default, 208 KiB), so a sender of a batch seldom
 * waits; state larger than a few packets goes in a sealed memfd.
 */
#define MSG_PACKET_MAX (64 * 1024)
#define MSG_PAYLOAD_MAX (MSG_PACKET_MAX - sizeof(struct msg_hdr))

struct msg_config {
	uint32_t generation; /* 1 for the first config, +1 per reload */
	uint32_t textlen; /* bytes of resolved text in the memfd */
};

struct msg_peer_link {
	uint32_t peer; /* enum proc_id at the other end */
};

struct msg_config_done {
	uint32_t generation;
	int32_t status; /* 0: applied; -1: rejected, old config kept */
};

/* The states of a VRRP instance or sync group; the same numbers as
   vrrp/'s enum vrrp_state, which asserts it. */
enum msg_vrrp_st {
	MSG_VRRP_INIT,
	MSG_VRRP_BACKUP,
	MSG_VRRP_MASTER,
	MSG_VRRP_FAULT,
	MSG_VRRP_STOP,
	/* an instance a reload removed, with notify_deleted (keepalived's
	   DELETED); its last event, never a state of the machine */
	MSG_VRRP_DELETED,
};

/* A real server's health (OBJ_RS); its weight goes with it. */
enum msg_rs_st {
	MSG_RS_DOWN,
	MSG_RS_UP,
};

/* A virtual server's quorum (OBJ_VS): enough weight alive, or not. */
enum msg_vs_st {
	MSG_VS_DOWN,
	MSG_VS_UP,
};

/* A child's own health (OBJ_PROC): FAULT when it runs but cannot do
   its work (the IPVS child without the kernel's IPVS). */
enum msg_proc_st {
	MSG_PROC_DOWN,
	MSG_PROC_UP,
	MSG_PROC_FAULT,
};

/*
 * What an event tells: a state change, or a note about an object that
 * keeps its state (old_state == new_state, its current one), which only
 * the notify scripts, the FIFOs and the log hear of (keepalived has no
 * trap or email for them).  Notes are VRRP instances' only.
 */
enum msg_event_what {
	MSG_EVENT_STATE = 0,
	MSG_EVENT_PRIORITY, /* its effective priority changed: value is the
			       new one (notify_priority_changes) */
	MSG_EVENT_RX_LOWER_PRI, /* a master heard an advert of lower
				   priority: value is ours */
	MSG_EVENT_WHAT_MAX
};

/*
 * One event: a state change of one object, in the order they happened
 * (or a note: what).  seq counts the sender's events from 1 in each of
 * its runs.  old_state and new_state are of the kind's enum
 * (msg_vrrp_st, msg_rs_st, ...); reason is the sender's own code
 * (vrrp/'s enum vrrp_reason), for logs and SNMP.
 */
struct msg_event {
	objid_t id;
	uint64_t usec; /* when: CLOCK_REALTIME, in microseconds */
	uint32_t seq;
	uint32_t value; /* instance: priority; real server: weight; else 0 */
	uint8_t source; /* enum proc_id of the sender */
	uint8_t kind; /* enum obj_kind */
	uint8_t old_state, new_state;
	uint8_t reason;
	uint8_t what; /* enum msg_event_what */
	uint8_t pad[2];
};

/* The state the parent last heard of one instance or sync group. */
struct msg_vrrp_state {
	objid_t id;
	uint8_t kind; /* OBJ_VRRP_INSTANCE or OBJ_VRRP_GROUP */
	uint8_t state; /* enum msg_vrrp_st */
	uint8_t priority;
	uint8_t pad[5];
};

enum msg_dump_what { MSG_DUMP_DATA = 1, MSG_DUMP_STATS = 2 };

struct msg_dump {
	uint32_t what; /* enum msg_dump_what */
};

struct msg_peer_hello {
	int32_t pid;
	uint32_t proc; /* enum proc_id of the sender */
};

/*
 * Full states (core/state_sync.h).  The sender numbers its full states
 * from 1 (generation); BEGIN opens one, items follow in counted arrays or
 * one memfd, END closes it with the number of items sent.  An update
 * names the generation it changes.
 */
enum msg_state_what {
	MSG_STATE_RS_DESIRED = 1, /* struct msg_rs_desired, by real server */
	MSG_STATE_VRRP = 2, /* struct msg_vrrp_snap, by instance and group */
	/* ipvs -> checker, when their link comes up: the desired table the
	   IPVS child holds (struct msg_rs_desired, as MSG_RS_DESIRED
	   items), so that a restarted checker starts from it */
	MSG_STATE_RS_KNOWN = 3,
};

struct msg_state_request {
	uint32_t what; /* enum msg_state_what */
};

/* MSG_STATE_BEGIN and MSG_STATE_END. */
struct msg_state_mark {
	uint32_t what; /* enum msg_state_what */
	uint32_t generation; /* never 0 */
	uint32_t count; /* END: items sent since BEGIN; BEGIN: 0 */
};

/* The head of a counted array of items; count items follow. */
struct msg_state_items {
	uint32_t generation;
	uint32_t count;
};

/* Items of a full state in a sealed memfd of count x elemsize bytes. */
struct msg_state_blob {
	uint32_t what; /* enum msg_state_what */
	uint32_t generation;
	uint32_t count;
	uint32_t elemsize; /* must be the receiver's item size */
};

/*
 * An instance's counters, for SNMP (RFC 2787's vrrpRouterStatsTable and
 * RFC 6527's vrrpv3StatisticsTable), since its VRRP child started.  In
 * the item of the VRRP child's own health object (kind OBJ_PROC, id
 * herald_proc_id(PROC_VRRP)) only the router-wide three are used:
 * checksum_errors, version_errors and vrid_errors.
 */
struct msg_vrrp_counters {
	uint32_t become_master; /* transitions to MASTER */
	uint32_t adverts_rx; /* adverts taken for this instance */
	uint32_t adverts_tx;
	uint32_t interval_errors; /* advert interval differs from ours */
	uint32_t auth_failures; /* authentication failed */
	uint32_t ttl_errors; /* IPv4 TTL / IPv6 hop limit not 255 */
	uint32_t prio_zero_rx, prio_zero_tx; /* priority 0: master left */
	uint32_t invalid_type_rx; /* type not ADVERTISEMENT */
	uint32_t addr_list_errors; /* VIPs differ from ours */
	uint32_t invalid_auth_type; /* unknown auth type */
	uint32_t auth_type_mismatch; /* auth type not ours */
	uint32_t length_errors; /* too short or inconsistent length */
	/* router-wide, in the OBJ_PROC item only */
	uint32_t checksum_errors, version_errors, vrid_errors;
};

/* What the VRRP child runs of one instance or sync group now. */
struct msg_vrrp_snap {
	objid_t id; /* the key (OBJ_VRRP_INSTANCE, OBJ_VRRP_GROUP, or
		       OBJ_PROC for the router-wide counters) */
	uint64_t since_usec; /* CLOCK_REALTIME of its last transition; 0 */
	uint32_t transitions; /* since this child started */
	uint8_t kind; /* enum obj_kind */
	uint8_t state; /* enum msg_vrrp_st */
	uint8_t priority; /* effective; 0 for a group */
	uint8_t base_priority; /* configured; 0 for a group */
	/* The master's address as last heard (the source of its adverts,
	   or ours while we are master); family AF_UNSPEC: none known. */
	uint8_t master_addr[16];
	uint8_t master_family; /* AF_INET, AF_INET6 or AF_UNSPEC */
	uint8_t vips_set; /* 1: every VIP of the instance is installed */
	uint8_t new_master_reason; /* RFC 6527: 0 notMaster, 1 priority,
				      2 preempted, 3 masterNoResponse */
	uint8_t proto_err_reason; /* RFC 6527: 0 noError, 1 ipTtlError,
				     2 versionError, 3 checksumError,
				     4 vrIdError */
	struct msg_vrrp_counters c;
};

/*
 * How often, at most, the VRRP child sends the items whose counters
 * changed (an update of MSG_STATE_VRRP), when the configuration enables
 * SNMP (any enable_snmp_* or -x): counters are read by walks, which
 * need no fresher figures than this, and an advert's arrival never
 * costs a message.  Transitions are sent at once, as before.
 */
#define MSG_VRRP_COUNTERS_PERIOD 1.0 /* seconds */

/* flags of struct msg_rs_desired */
#define MSG_RS_F_IN_TABLE 0x01 /* the kernel table holds it */
#define MSG_RS_F_QUIESCENT 0x02 /* failed, kept at weight 0 */
#define MSG_RS_F_SORRY 0x04 /* the virtual server's sorry_server */
#define MSG_RS_F_ALIVE \
	0x08 /* healthy (serving, or kept out by the sorry
				   server); for a sorry server: serving */

/*
 * What the checker wants the kernel's IPVS table to hold for one real
 * server or sorry server: present with a weight, present at weight 0
 * (inhibit_on_failure), or absent.  Its address, port and forwarding
 * come from the IPVS child's own parse of the same configuration, found
 * by the ids.  Every item of a full state starts with its key.
 */
struct msg_rs_desired {
	objid_t rs; /* the key (OBJ_RS) */
	objid_t vs; /* its virtual server (OBJ_VS) */
	uint32_t weight; /* with MSG_RS_F_IN_TABLE; 0 when quiescent */
	uint8_t flags; /* MSG_RS_F_* */
	uint8_t pad[3];
};

#endif
