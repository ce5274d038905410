/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_conf.h: the VRRP model: instances, scripts, tracking, sync groups. */

#ifndef VIGIL_VRRP_CONF_H
#define VIGIL_VRRP_CONF_H

#include "cfg.h"
#include "track_file.h"

/*
 * Every object below is a plain config struct: fixed fields, strings in
 * the config's arena, no runtime state.  Each has a name (or an address)
 * that identifies it across reloads.  Values the file did not give hold a
 * sentinel while parsing (VRRP_UNSET, VRRP_UNSET_TIMER); validate() then
 * fills every one that has a default, so after a successful load only the
 * fields documented as optional may still be unset.
 */

#define VRRP_UNSET (-1)
#define VRRP_UNSET_TIMER UINT64_MAX
#define VRRP_NAME_LEN GLOBAL_INAME_LEN
#define VRRP_IFNAME_LEN GLOBAL_IFNAME_LEN
#define VRRP_AUTH_PASS_LEN 8 /* bytes a VRRPv2 PASS header carries */
#define VRRP_PRIO_OWNER 255
#define VRRP_PRIO_DEFAULT 100
#define VRRP_WEIGHT_MAX 253

enum vrrp_conf_state {
	VRRP_CONF_STATE_UNSET, /* derived from the priority */
	VRRP_CONF_STATE_MASTER,
	VRRP_CONF_STATE_BACKUP,
};

enum vrrp_conf_auth {
	VRRP_CONF_AUTH_NONE,
	VRRP_CONF_AUTH_PASS,
	VRRP_CONF_AUTH_AH,
};

/* One entry of track_interface/script/file/process/bfd. */
struct vrrp_track {
	const char *name; /* interface or section name */
	int64_t weight; /* VRRP_UNSET: the tracked object's weight */
	bool reverse;
	struct cfg_loc loc;
};

/* Bits of vrrp_ipaddr.flags. */
#define VRRP_IPA_HOME 0x01
#define VRRP_IPA_NODAD 0x02
#define VRRP_IPA_MNGTMPADDR 0x04
#define VRRP_IPA_NOPREFIXROUTE 0x08
#define VRRP_IPA_AUTOJOIN 0x10
#define VRRP_IPA_NO_TRACK 0x20

/* The options of an address line beyond the address itself. */
struct vrrp_ipaddr_opts {
	struct cfg_addr brd; /* AF_UNSPEC: none */
	struct cfg_addr peer; /* AF_UNSPEC: none */
	int peer_prefix; /* -1: not given */
	int scope; /* rtnetlink scope; -1: not given (global) */
	char dev[VRRP_IFNAME_LEN]; /* empty: the instance's interface */
	const char *label; /* NULL: none */
	const char *track_group; /* NULL: none */
	const char *vmac; /* use_vmac [NAME]: "" for the default name */
	int64_t preferred_lft; /* -1: not given; 0xffffffff: forever */
};

/*
 * A virtual_ipaddress, virtual_ipaddress_excluded or static_ipaddress.
 * Most lines are a bare address, so the options live apart: x points to
 * vrrp_ipaddr_no_opts (all unset) when the line has none.
 */
struct vrrp_ipaddr {
	struct cfg_addr addr;
	int16_t prefix; /* -1: host prefix (32 or 128) */
	uint16_t flags; /* VRRP_IPA_* */
	struct cfg_loc loc;
	const struct vrrp_ipaddr_opts *x;
};
extern const struct vrrp_ipaddr_opts vrrp_ipaddr_no_opts;

/*
 * A route or rule: the typed parts vigil checks and diffs on, plus the
 * remaining options in their canonical text (each option once, as given)
 * for the VRRP child to hand to rtnetlink.
 */
struct vrrp_route {
	struct cfg_addr dst;
	int dst_prefix; /* -1: "default" when dst is unset */
	struct cfg_addr src, via, or_via;
	char dev[VRRP_IFNAME_LEN];
	int64_t table; /* -1: main */
	int64_t metric; /* -1: not given */
	int type; /* RTN_*; RTN_UNICAST by default */
	bool no_track;
	const char *track_group;
	const char *opts; /* the other options, or NULL */
	struct cfg_loc loc;
};

struct vrrp_rule {
	int family; /* of from/to; AF_UNSPEC: given by neither */
	struct cfg_addr from, to;
	int from_prefix, to_prefix;
	int64_t table; /* -1: not given */
	int64_t priority; /* -1: kernel chooses */
	bool no_track;
	const char *track_group;
	const char *opts; /* the other options, or NULL */
	struct cfg_loc loc;
};

/* unicast_peer { ADDR [min_ttl N] [max_ttl N] } */
struct vrrp_peer {
	struct cfg_addr addr;
	int16_t min_ttl, max_ttl; /* -1: not given */
	struct cfg_loc loc;
};

/* Keywords whose location validate() needs (index of kw_line/kw_col). */
enum vrrp_kw_loc {
	VRRP_LOC_STATE,
	VRRP_LOC_VERSION,
	VRRP_LOC_PRIORITY,
	VRRP_LOC_ADVERT,
	VRRP_LOC_NOPREEMPT,
	VRRP_LOC_PREEMPT_DELAY,
	VRRP_LOC_UNICAST_TTL,
	VRRP_LOC_STRICT,
	VRRP_LOC_IF,
	VRRP_LOC_SADDR,
	VRRP_LOC_AUTH,
	VRRP_LOC_N,
};

/*
 * The settings most instances leave alone.  An instance that sets none
 * of them shares one copy (vrrp_model.default_opts) with every other
 * such instance; after validate() every field here is resolved, from
 * the file, from global_defs or to its default, so the VRRP child reads
 * vi->opts->field the same way for both kinds.
 */
struct vrrp_instance_opts {
	uint64_t garp_master_delay;
	int64_t garp_master_repeat;
	uint64_t garp_master_refresh;
	int64_t garp_master_refresh_repeat;
	uint64_t garp_lower_prio_delay;
	int64_t garp_lower_prio_repeat;
	uint64_t garp_extra_if; /* 0: off */
	int garp_extra_if_all; /* -1 while unset; then 0/1 ("all") */
	int lower_prio_no_advert; /* -1 while unset; then 0/1 */
	int higher_prio_send_advert;
	int smtp_alert;
	int notify_priority_changes;
	int64_t down_timer_adverts;
	int64_t kernel_rx_buf_size; /* 0: default */
	int64_t debug;
	int auth_type; /* enum vrrp_conf_auth */
	char auth_pass[VRRP_AUTH_PASS_LEN + 1];
	char vmac_name[VRRP_IFNAME_LEN]; /* empty: vrrp.<VRID> */
	uint8_t vmac_mac[6]; /* use_vmac's MAC, when vmac_mac_len > 0 */
	uint8_t vmac_mac_len; /* 0: none; 5: the VRID is the last octet */
	bool use_vmac_addr; /* adverts from the VMAC's address */
	const char *ipvlan; /* use_ipvlan arguments as given */
	char vrf[VRRP_IFNAME_LEN];
	char lvs_sync_daemon_interface[VRRP_IFNAME_LEN]; /* deprecated */
	struct cfg_script notify_master, notify_backup, notify_fault;
	struct cfg_script notify_stop, notify_deleted, notify;
	struct cfg_script notify_master_rx_lower_pri;
	/* notify_deleted given, with or without a script: a reload that
	   removes the instance reports DELETED, not FAULT */
	bool notify_deleted_on;
	struct cfg_vec evips; /* struct vrrp_ipaddr * */
	struct cfg_vec vroutes; /* struct vrrp_route * */
	struct cfg_vec vrules; /* struct vrrp_rule * */
};

/*
 * An instance's trackers.  Apart from its opts so that a common
 * track_script does not cost a private opts; shared and empty (the
 * model's no_lists) when the instance tracks nothing.
 */
struct vrrp_instance_lists {
	struct cfg_vec track_if, track_script, track_file, track_process;
	struct cfg_vec track_bfd; /* struct vrrp_track * */
};

struct vrrp_instance {
	const char *name;
	struct cfg_loc loc; /* of the name */
	struct vrrp_instance_opts *opts; /* shared when private_opts false */
	struct vrrp_instance_lists *lists; /* never NULL */
	bool private_opts;
	/* where keywords were given, in loc.file; line 0: not given */
	uint16_t kw_line[VRRP_LOC_N]; /* 1 + lines after loc.line */
	uint16_t kw_col[VRRP_LOC_N];
	char ifname[VRRP_IFNAME_LEN]; /* empty: none (unicast only) */
	int state; /* enum vrrp_conf_state */
	int family; /* derived: AF_INET or AF_INET6 */
	int32_t vrid; /* -1: missing (an error) */
	int32_t priority; /* -1 while unset; then 1..255 */
	int32_t version; /* -1 while unset; then 2 or 3 */
	int32_t unicast_ttl; /* -1: not given */
	int strict_mode; /* -1 while unset; then 0/1 */
	int accept; /* -1 while unset; then 0/1 */
	uint64_t advert_int; /* usec */
	uint64_t preempt_delay; /* usec */
	bool use_vmac, vmac_xmit_base, use_ipvlan, native_ipv6;
	bool check_unicast_src, unicast_fault_no_peer, dont_track_primary;
	bool track_src_ip, linkbeat_use_polling, promote_secondaries;
	bool old_unicast_checksum, nopreempt, skip_check_adv_addr;
	bool saddr_unicast; /* saddr was given as unicast_src_ip */
	struct cfg_addr saddr; /* mcast_src_ip / unicast_src_ip */
	struct cfg_addr mcast_dst; /* mcast_dst_ip, else vrrp_mcast_group4/6 */
	struct cfg_vec vips; /* struct vrrp_ipaddr * */
	struct cfg_vec peers; /* struct vrrp_peer * */
	const char *sync_group; /* derived: the vrrp_sync_group's name */
};

/* Named objects start with their name and its location. */
struct vrrp_script {
	const char *name;
	struct cfg_loc loc;
	struct cfg_script script; /* cmd NULL: missing (an error) */
	uint64_t interval; /* usec */
	uint64_t timeout; /* usec; unset: interval */
	int64_t weight;
	bool reverse;
	int64_t rise, fall;
	bool init_fail;
};

enum vrrp_param_match {
	VRRP_PARAM_MATCH_EXACT,
	VRRP_PARAM_MATCH_INITIAL,
	VRRP_PARAM_MATCH_PARTIAL,
};

struct vrrp_track_process {
	const char *name;
	struct cfg_loc loc;
	const char *process; /* the name; NULL: missing (an error) */
	const char *params; /* its parameters, or NULL */
	int param_match; /* enum vrrp_param_match */
	int64_t weight;
	bool reverse;
	int64_t quorum, quorum_max;
	uint64_t fork_delay, terminate_delay; /* usec */
	bool full_command;
};

struct vrrp_sync_group {
	const char *name;
	struct cfg_loc loc;
	struct cfg_vec members; /* struct vrrp_track * (name, loc) */
	struct cfg_vec track_if, track_script, track_file, track_process;
	struct cfg_vec track_bfd;
	struct cfg_script notify_master, notify_backup, notify_fault;
	struct cfg_script notify_stop, notify;
	int smtp_alert; /* -1: not given */
	bool global_tracking;
	bool sync_group_tracking_weight;
	int notify_priority_changes; /* -1: not given */
};

struct vrrp_garp_group {
	struct cfg_loc loc;
	uint64_t garp_interval, gna_interval; /* usec; 0: not given */
	struct cfg_vec ifnames; /* struct vrrp_track * (name, loc) */
};

/* track_group NAME { group { INSTANCES } } */
struct vrrp_track_group {
	const char *name;
	struct cfg_loc loc;
	struct cfg_vec members; /* struct vrrp_track * */
};

/* interface_up_down_delays { IFNAME DOWN_DELAY [UP_DELAY] } */
struct vrrp_if_delay {
	char ifname[VRRP_IFNAME_LEN];
	uint64_t down, up; /* usec */
	struct cfg_loc loc;
};

/* The CFG_MODEL_VRRP slot. */
struct vrrp_model {
	struct vrrp_instance_opts default_opts; /* see vrrp_instance_opts */
	struct vrrp_instance_lists no_lists; /* always empty */
	struct cfg_vec instances; /* struct vrrp_instance * */
	struct cfg_vec scripts; /* struct vrrp_script * */
	struct cfg_vec track_files; /* struct track_file * */
	struct cfg_vec track_processes; /* struct vrrp_track_process * */
	struct cfg_vec sync_groups; /* struct vrrp_sync_group * */
	struct cfg_vec garp_groups; /* struct vrrp_garp_group * */
	struct cfg_vec track_groups; /* struct vrrp_track_group * */
	struct cfg_vec static_addrs; /* struct vrrp_ipaddr * */
	struct cfg_vec static_routes; /* struct vrrp_route * */
	struct cfg_vec static_rules; /* struct vrrp_rule * */
	struct cfg_vec if_delays; /* struct vrrp_if_delay * */
};

/* ---- internal to vrrp_conf*.c ---- */

/* Every setting of o unset (the sentinels validate() resolves). */
void vrrp_opts_init(struct vrrp_instance_opts *);

/* Address, route and rule grammar (vrrp_conf_addr.c): parse one list
   line into a new object, 0 or -1 after reporting. */
int vrrp_parse_ipaddr(struct cfg_parser *, const struct cfg_stmt *,
    bool is_static, struct vrrp_ipaddr **);
int vrrp_parse_route(struct cfg_parser *, const struct cfg_stmt *,
    bool is_static, struct vrrp_route **);
int vrrp_parse_rule(struct cfg_parser *, const struct cfg_stmt *,
    bool is_static, struct vrrp_rule **);
void vrrp_dump_ipaddr(FILE *, int, const struct vrrp_ipaddr *);
void vrrp_dump_route(FILE *, int, const struct vrrp_route *);
void vrrp_dump_rule(FILE *, int, const struct vrrp_rule *);

/* Cross-section checks and defaults (vrrp_conf_check.c). */
void vrrp_conf_validate(struct cfg_parser *, struct config *, void *);

#endif
