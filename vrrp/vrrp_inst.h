/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_inst.h: the VRRP child's runtime objects (private to vrrp/). */

#ifndef VIGIL_VRRP_INST_H
#define VIGIL_VRRP_INST_H

#include <stdbool.h>
#include <stdint.h>
#include <ev.h>

#include "ipc.h"
#include "risefall.h"
#include "script.h"
#include "vrrp_conf.h"
#include "opts.h"
#include "vrrp_fsm.h"
#include "vrrp_nl.h"
#include "vrrp_pkt.h"
#include "vrrp_sched.h"

struct vrrp_inst;

/*
 * A raw IP protocol 112 socket for one interface and family, shared by
 * every instance on it; received adverts go to the instance of their
 * VRID.  ifindex 0: not bound (unicast instances without interface).
 */
struct vrrp_sock {
	int fd;
	int family;
	int ifindex;
	unsigned refs;
	ev_io io;
	int fd_ah; /* IPv4 AH receiver, -1 until an AH instance asks */
	ev_io io_ah;
	struct cfg_addr group; /* joined, or AF_UNSPEC */
	struct vrrp_inst *by_vrid[256];
	struct vrrp_sock *next;
};

/* A vrrp_script's runtime: one job, a rise/fall counter, a result. */
struct vrrp_tscript {
	const struct vrrp_script *conf;
	struct script_job job;
	ev_timer timer;
	struct risefall rf; /* .state: -1 not known yet, 0 down, 1 up */
	bool used; /* some instance or group tracks it */
	struct vrrp_tscript *next;
};

/* A sync group's runtime. */
struct vrrp_group {
	const struct vrrp_sync_group *conf;
	struct vrrp_inst **members;
	unsigned nmembers;
	enum vrrp_state state; /* as last reported */
	bool syncing; /* a member's move is being copied to the others */
	struct vrrp_group *next;
};

struct vrrp_inst {
	const struct vrrp_instance *conf;
	struct vrrp_fsm fsm;
	struct vrrp_fsm_params params;
	struct vrrp_sched_entry timer; /* the FSM's next deadline */
	struct vrrp_sock *sock;
	struct vrrp_group *group;
	int ifindex; /* the interface adverts go out of; 0: none */
	int vmac_ifindex; /* use_vmac: the macvlan; 0: none */
	int vip_ifindex; /* where VIPs without dev go */
	struct cfg_addr saddr; /* our source address in adverts */
	struct cfg_addr mcast; /* the group, for multicast instances */
	struct cfg_addr *vaddrs; /* the VIPs of our family, for adverts */
	unsigned nvaddrs;
	bool unicast;
	bool fault_group; /* a member of our sync group is in FAULT */
	bool fault_track; /* our interface or a weight-0 tracker: FAULT */
	bool vips_up; /* we installed the VIPs */
	int track_delta; /* sum of tracker weights now in effect */
	/* garp_master_delay and garp_master_refresh */
	ev_timer garp_delay, garp_refresh;
	/* Actions from an ADD_VIPS on, run once the loop's callbacks are
	   done (vrrp_inst_flush), so that when many instances become
	   master together every advert leaves before the slow installs. */
	struct vrrp_actions pending;
	struct vrrp_inst *pending_next;
	bool queued;
	uint64_t drops; /* adverts this instance refused */
	/* SNMP's counters (become_master comes from fsm.stats), and RFC
	   6527's reasons: the last protocol error, why it became master */
	struct msg_vrrp_counters cnt;
	uint8_t proto_err, new_master_reason;
	bool removing; /* a reload removed it: its last report */
	uint64_t rx_lower_last; /* CLOCK_MONOTONIC usec of the last note */
	uint16_t ip_id; /* IPv4 ID of our last AH advert */
	uint32_t ah_tx_seq, ah_rx_seq; /* AH sequence numbers sent, taken */
	struct vrrp_inst *next;
};

/* A track_file's or track_process's last reported value. */
struct vrrp_tval {
	const void *conf; /* struct track_file / _process */
	int64_t value; /* file: its number; process: 1 up, 0 down */
	struct vrrp_tval *next;
};

/* The VRRP child's state; one per process. */
struct vrrp_ctx {
	struct ev_loop *loop;
	const struct vigil_opts *opts;
	const struct config *cfg;
	const struct vrrp_model *model;
	struct vrrp_inst *insts;
	struct vrrp_group *groups;
	struct vrrp_tscript *scripts;
	struct vrrp_tval *tvals;
	bool stopping;
};
extern struct vrrp_ctx vrrp;

/* vrrp_snap.c: snapshots of the instances and groups for the parent.
   After each configuration the whole table; after each transition its
   item (sent at the end of the loop iteration); and the whole table
   when the parent asks (MSG_STATE_REQUEST). */
void vrrp_snap_full(void);
/* An event of vi (NULL: of a group): its item, refreshed from vi. */
void vrrp_snap_event(const struct msg_event *, const struct vrrp_inst *vi);
/* vi's priority changed: its item goes at the end of this iteration. */
void vrrp_snap_touch(const struct vrrp_inst *vi);
void vrrp_snap_request(struct ipc_peer *, struct ipc_msg *);
/* Whether the configuration enables SNMP (any enable_snmp_* or -x):
   then counters go to the parent every MSG_VRRP_COUNTERS_PERIOD. */
bool vrrp_snap_snmp(void);

/* vrrp_run.c: one instance's life. */
int vrrp_inst_setup(struct vrrp_inst *, const struct vrrp_instance *);
void vrrp_inst_teardown(struct vrrp_inst *);
/*
 * A reload moves a running instance to its new configuration c in
 * place, keeping its state, when their identity is the same (VRID,
 * interface, family, unicast or multicast and its group, VMAC).  In two
 * steps, so that an address moving from one instance (or static_*) to
 * another is never removed after its new owner added it: first every
 * kept instance's vrrp_inst_reconf_remove (what c no longer wants goes
 * from the kernel), then every one's vrrp_inst_reconf (c's new
 * objects come, and the instance runs c).  Only differences reach the
 * kernel (vrrp_nl_sync).
 */
bool vrrp_inst_same_identity(
    const struct vrrp_inst *, const struct vrrp_instance *c);
void vrrp_inst_reconf_remove(struct vrrp_inst *, const struct vrrp_instance *c);
void vrrp_inst_reconf(struct vrrp_inst *, const struct vrrp_instance *c);
void vrrp_inst_event(struct vrrp_inst *, const struct vrrp_event *);
void vrrp_inst_simple(struct vrrp_inst *, enum vrrp_event_type);
void vrrp_inst_rx(struct vrrp_inst *, const struct vrrp_pkt *);
/* Runs every instance's pending actions, in the order they were queued. */
void vrrp_inst_flush(void);
/* Forgets vi's pending actions (before it is freed). */
void vrrp_inst_unqueue(struct vrrp_inst *);
void vrrp_inst_send_advert(struct vrrp_inst *, uint8_t priority);
void vrrp_inst_vips(struct vrrp_inst *, bool add);
void vrrp_inst_garp(struct vrrp_inst *, int repeat);
int vrrp_ipaddr_ifindex(const struct vrrp_inst *, const struct vrrp_ipaddr *);

/* vrrp_trk.c: trackers into faults and priorities. */
void vrrp_trk_start(void);
void vrrp_trk_stop(void);
/* Recomputes every instance's fault and priority, feeding changes to
   their machines (sync groups share a fault). */
void vrrp_trk_update(void);
bool vrrp_trk_fault(struct vrrp_inst *);

/* vrrp.c: reports and sync groups. */
void vrrp_report(struct vrrp_inst *, const struct vrrp_action *);
/* A note of vi (enum msg_event_what) from one of its actions: a
   priority change (PRIORITY_CHANGED) or a master's lower priority
   advert (MASTER_RX_LOWER_PRI); sent to the parent when wanted. */
void vrrp_report_note(struct vrrp_inst *, const struct vrrp_action *);
/* A dropped advert of vi, counted for SNMP (vrrp_pkt_count_drop). */
void vrrp_inst_count_drop(struct vrrp_inst *, enum vrrp_pkt_result);

#endif
