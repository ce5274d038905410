/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_conf.c: keyword tables of the VRRP sections. */

#include <arpa/inet.h>
#include <inttypes.h>
#include <pwd.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "vrrp.h"
#include "vrrp_conf.h"

#define SEC 1000000LL /* microseconds */
#define USEC ((uint64_t)SEC)
#define TIMER_MAX ((int64_t)UINT32_MAX)

typedef int kw_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
typedef void kw_dump(FILE *, const struct cfg_keyword *, const void *, int);

static void model_init(struct config *, void *);
static const struct cfg_vec *model_track_files(const struct config *);
static struct vrrp_model *model_of(struct cfg_parser *);
static void *
instance_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static void *script_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static void *tfile_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static void *tproc_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static void *sgroup_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static void *ggroup_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static void *tgroup_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static void *static_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static int
get_name(struct cfg_parser *, const struct cfg_stmt *, const char **);
static int vip_item(struct cfg_parser *, const struct cfg_stmt *, void *);
static int svip_item(struct cfg_parser *, const struct cfg_stmt *, void *);
static int route_item(struct cfg_parser *, const struct cfg_stmt *, void *);
static int sroute_item(struct cfg_parser *, const struct cfg_stmt *, void *);
static int rule_item(struct cfg_parser *, const struct cfg_stmt *, void *);
static int srule_item(struct cfg_parser *, const struct cfg_stmt *, void *);
static int peer_item(struct cfg_parser *, const struct cfg_stmt *, void *);
static int track_item(struct cfg_parser *, const struct cfg_stmt *, void *);
static int trackw_item(struct cfg_parser *, const struct cfg_stmt *, void *);
static int name_item(struct cfg_parser *, const struct cfg_stmt *, void *);
static int delay_item(struct cfg_parser *, const struct cfg_stmt *, void *);
static void delay_dump(FILE *, const void *, int);
static void vip_dump(FILE *, const void *, int);
static void route_dump(FILE *, const void *, int);
static void rule_dump(FILE *, const void *, int);
static void peer_dump(FILE *, const void *, int);
static void track_dump(FILE *, const void *, int);
static void name_dump(FILE *, const void *, int);
static kw_dump list_kw_dump, auth_kw_dump;
static kw_dump instances_dump, scripts_dump, tfiles_dump, tprocs_dump;
static kw_dump sgroups_dump, ggroups_dump, tgroups_dump;
static kw_dump statics_dump;
static void
dump_named(FILE *, const struct cfg_keyword *, const void *, size_t, int);
static kw_fn ifname_fn, vmac_fn, ipvlan_fn, saddr_fn, mcast_dst_fn;
static kw_fn deleted_fn;
static kw_dump deleted_dump;
static kw_fn tri_fn, script_fn, preempt_fn, accept_fn, auth_type_fn;
static kw_fn auth_pass_fn, deprecated_fn, old_chksum_fn, weight_fn;
static kw_fn user_fn, path_fn, init_file_fn, process_fn, param_match_fn;
static kw_fn garp_if_fn, lvs_if_fn, oflag_fn, garp_extra_fn;
static kw_dump garp_extra_dump;
static int get_mac(
    struct cfg_parser *, const struct cfg_token *, struct vrrp_instance_opts *);
static kw_dump ifname_dump, str_dump, tri_dump, script_dump, saddr_dump;
static kw_dump addr_dump, accept_dump, weight_dump, init_file_dump;
static kw_dump process_dump, param_match_dump, ptr_str_dump, sentinel_dump;
static kw_dump sentinel32_dump, timer_set_dump, state_dump, flag_dump,
    vmac_dump, ipvlan_dump;
static kw_fn loc_fn, int_fn, timer_fn, tproc_delay_fn;
static void *kw_field(struct cfg_parser *, const struct cfg_keyword *, void *);
static const void *kw_cfield(const struct cfg_keyword *, const void *);
static struct vrrp_instance_opts *opts_w(struct cfg_parser *, void *);
static struct vrrp_instance_lists *lists_w(struct cfg_parser *, void *);
static void set_kwloc(
    struct cfg_parser *, struct vrrp_instance *, int, const struct cfg_loc *);
static void *
opts_list_enter(struct cfg_parser *, const struct cfg_stmt *, void *);

#define I(f) offsetof(struct vrrp_instance, f)
/* A field of the instance's opts: the bit tells kw_field() where. */
#define OPT_BIT ((size_t)1 << 30)
#define O(f) (offsetof(struct vrrp_instance_opts, f) | OPT_BIT)
/* A list of the instance's lists: LIST_BIT tells kw_field(). */
#define LIST_BIT ((size_t)1 << 29)
#define L(f) (offsetof(struct vrrp_instance_lists, f) | LIST_BIT)
#define S(f) offsetof(struct vrrp_script, f)
#define TF(f) offsetof(struct track_file, f)
#define TP(f) offsetof(struct vrrp_track_process, f)
#define SG(f) offsetof(struct vrrp_sync_group, f)
#define GG(f) offsetof(struct vrrp_garp_group, f)
#define TG(f) offsetof(struct vrrp_track_group, f)

#define FLAG(n, o) \
	{ \
		.name = n, .kind = CFG_FLAG, .off = (o), .usage = "" \
	}
#define BOOL(n, o) \
	{ \
		.name = n, .kind = CFG_BOOL, .off = (o), .usage = "[<BOOL>]" \
	}
#define INT(n, o, lo, hi, u) \
	{ \
		.name = n, .kind = CFG_CUSTOM, .fn = int_fn, .off = (o), \
		.min = (lo), .max = (hi), .usage = (u), .dump = sentinel_dump \
	}
#define TIMER(n, o, lo, hi, u) \
	{ \
		.name = n, .kind = CFG_CUSTOM, .fn = timer_fn, .off = (o), \
		.min = (lo), .max = (hi), .usage = (u), .dump = timer_set_dump \
	}
#define CUSTOM(n, o, f, d, u) \
	{ \
		.name = n, .kind = CFG_CUSTOM, .off = (o), .fn = (f), \
		.dump = (d), .usage = (u) \
	}
#define LIST(n, o, b, u) \
	{ \
		.name = n, .kind = CFG_BLOCK, .off = (o), .block = (b), \
		.dump = list_kw_dump, .usage = (u), .flags = CFG_F_REPEAT \
	}
/* weight N [reverse]: the bool "reverse" follows the int64_t weight. */
#define WEIGHT(o, lim) \
	{ \
		.name = "weight", .kind = CFG_CUSTOM, .off = (o), \
		.fn = weight_fn, .dump = weight_dump, .min = -(lim), \
		.max = (lim), .usage = "<-" #lim ".." #lim "> [reverse]" \
	}
#define SCRIPT(n, o) \
	CUSTOM(n, o, script_fn, script_dump, \
	    "<SCRIPT> [<USERNAME> [<GROUPNAME>]]")
#define TRI(n, o) CUSTOM(n, o, tri_fn, tri_dump, "[<BOOL>]")
/* Keywords whose location validate() reports at (enum vrrp_kw_loc). */
#define LOCKW_R(n, o, lo, hi, d, u) \
	{ \
		.name = n, .kind = CFG_CUSTOM, .off = (o), .fn = loc_fn, \
		.min = (lo), .max = (hi), .dump = (d), .usage = (u) \
	}
#define LOCKW(n, o, d, u) LOCKW_R(n, o, 0, 0, d, u)
#define ADDR_USAGE \
	"{ <ADDR>[/<PREFIX>] [brd <ADDR>] [dev <IF>] [scope <SCOPE>] " \
	"[label <LABEL>] [peer <ADDR>] [home] [-nodad] [mngtmpaddr] " \
	"[noprefixroute] [autojoin] [preferred_lft <N|forever>] " \
	"[no_track] ... }"
#define ROUTE_USAGE \
	"{ [<TYPE>] [src <ADDR>] [to] <PREFIX> [via|gw <ADDR>] [or <ADDR>] " \
	"[dev <IF>] [table <N>] [metric <N>] [<OPTION> <VALUE>]... " \
	"[no_track] ... }"
#define RULE_USAGE \
	"{ [from <PREFIX>] [to <PREFIX>] [table <N>] [priority <N>] " \
	"[<SELECTOR> <VALUE>]... [no_track] ... }"

static const char *const state_names[] = { "(unset)", "MASTER", "BACKUP",
	NULL };
static const char *const auth_names[] = { "NONE", "PASS", "AH", NULL };
static const char *const match_names[] = { "exact", "initial", "partial",
	NULL };

/* List blocks: their object is the cfg_vec at the keyword's offset. */
static const struct cfg_block vip_block = {
	.name = "virtual_ipaddress",
	.item = vip_item,
	.dump = vip_dump,
};
static const struct cfg_block evip_block = {
	.name = "virtual_ipaddress_excluded",
	.enter = opts_list_enter,
	.item = vip_item,
	.dump = vip_dump,
};
static const struct cfg_block route_block = {
	.name = "virtual_routes",
	.enter = opts_list_enter,
	.item = route_item,
	.dump = route_dump,
};
static const struct cfg_block rule_block = {
	.name = "virtual_rules",
	.enter = opts_list_enter,
	.item = rule_item,
	.dump = rule_dump,
};
static const struct cfg_block peer_block = {
	.name = "unicast_peer",
	.item = peer_item,
	.dump = peer_dump,
};
static const struct cfg_block track_if_block = {
	.name = "track_interface",
	.item = trackw_item,
	.dump = track_dump,
};
static const struct cfg_block track_block = {
	.name = "track_script",
	.item = track_item,
	.dump = track_dump,
};
static const struct cfg_block track_file_block = {
	.name = "track_file",
	.item = track_item,
	.dump = track_dump,
};
static const struct cfg_block track_proc_block = {
	.name = "track_process",
	.item = track_item,
	.dump = track_dump,
};
static const struct cfg_block track_bfd_block = {
	.name = "track_bfd",
	.item = track_item,
	.dump = track_dump,
};
static const struct cfg_block otrack_if_block = {
	.name = "track_interface",
	.enter = opts_list_enter,
	.item = trackw_item,
	.dump = track_dump,
};
static const struct cfg_block otrack_block = {
	.name = "track_script",
	.enter = opts_list_enter,
	.item = track_item,
	.dump = track_dump,
};
static const struct cfg_block otrack_file_block = {
	.name = "track_file",
	.enter = opts_list_enter,
	.item = track_item,
	.dump = track_dump,
};
static const struct cfg_block otrack_proc_block = {
	.name = "track_process",
	.enter = opts_list_enter,
	.item = track_item,
	.dump = track_dump,
};
static const struct cfg_block otrack_bfd_block = {
	.name = "track_bfd",
	.enter = opts_list_enter,
	.item = track_item,
	.dump = track_dump,
};
static const struct cfg_block group_block = {
	.name = "group",
	.item = name_item,
	.dump = name_dump,
};
static const struct cfg_block interfaces_block = {
	.name = "interfaces",
	.item = name_item,
	.dump = name_dump,
};
static const struct cfg_block saddr_block = {
	.name = "static_ipaddress",
	.enter = static_enter,
	.item = svip_item,
	.dump = vip_dump,
};
static const struct cfg_block sroute_block = {
	.name = "static_routes",
	.enter = static_enter,
	.item = sroute_item,
	.dump = route_dump,
};
static const struct cfg_block delays_block = {
	.name = "interface_up_down_delays",
	.enter = static_enter,
	.item = delay_item,
	.dump = delay_dump,
};
static const struct cfg_block srule_block = {
	.name = "static_rules",
	.enter = static_enter,
	.item = srule_item,
	.dump = rule_dump,
};

static const struct cfg_keyword auth_keywords[] = {
	CUSTOM("auth_type", O(auth_type), auth_type_fn, NULL, "<PASS|AH>"),
	CUSTOM("auth_pass", O(auth_pass), auth_pass_fn, NULL, "<PASSWORD>"),
	CFG_KW_END,
};

static const struct cfg_block auth_block = {
	.name = "authentication",
	.keywords = auth_keywords,
};

#define TRACKS_I \
	LIST("track_interface", L(track_if), &otrack_if_block, \
	    "{ <IFNAME> [weight <-253..253>] ... }"), \
	    LIST("track_script", L(track_script), &otrack_block, \
	        "{ <NAME> [weight <-253..253> [reverse]] ... }"), \
	    LIST("track_file", L(track_file), &otrack_file_block, \
	        "{ <NAME> [weight <-253..253> [reverse]] ... }"), \
	    LIST("track_process", L(track_process), &otrack_proc_block, \
	        "{ <NAME> [weight <-253..253> [reverse]] ... }"), \
	    LIST("track_bfd", L(track_bfd), &otrack_bfd_block, \
	        "{ <NAME> [weight <-253..253> [reverse]] ... }")

#define TRACKS(P) \
	LIST("track_interface", P(track_if), &track_if_block, \
	    "{ <IFNAME> [weight <-253..253>] ... }"), \
	    LIST("track_script", P(track_script), &track_block, \
	        "{ <NAME> [weight <-253..253> [reverse]] ... }"), \
	    LIST("track_file", P(track_file), &track_file_block, \
	        "{ <NAME> [weight <-253..253> [reverse]] ... }"), \
	    LIST("track_process", P(track_process), &track_proc_block, \
	        "{ <NAME> [weight <-253..253> [reverse]] ... }"), \
	    LIST("track_bfd", P(track_bfd), &track_bfd_block, \
	        "{ <NAME> [weight <-253..253> [reverse]] ... }")

/* In the order of keepalived.conf(5). */
static const struct cfg_keyword instance_keywords[] = {
	LOCKW("state", I(state), state_dump, "<MASTER|BACKUP>"),
	CUSTOM("interface", I(ifname), ifname_fn, ifname_dump, "<IFNAME>"),
	CUSTOM("vrf", O(vrf), ifname_fn, str_dump, "<IFNAME>"),
	CUSTOM("use_vmac", O(vmac_name), vmac_fn, vmac_dump,
	    "[<VMAC_NAME>] [<MAC>]"),
	CUSTOM("use_vmac_addr", O(use_vmac_addr), oflag_fn, flag_dump, ""),
	FLAG("vmac_xmit_base", I(vmac_xmit_base)),
	CUSTOM("use_ipvlan", O(ipvlan), ipvlan_fn, ipvlan_dump,
	    "[<IFNAME>] [<ADDR>[/<PREFIX>]] [bridge|private|vepa]"),
	FLAG("native_ipv6", I(native_ipv6)),
	TRACKS_I,
	FLAG("dont_track_primary", I(dont_track_primary)),
	CUSTOM("mcast_src_ip", I(saddr), saddr_fn, saddr_dump, "<ADDR>"),
	CUSTOM("unicast_src_ip", I(saddr), saddr_fn, NULL, "<ADDR>"),
	CUSTOM("mcast_dst_ip", I(mcast_dst), mcast_dst_fn, addr_dump,
	    "<MCAST ADDR>"),
	FLAG("track_src_ip", I(track_src_ip)),
	FLAG("check_unicast_src", I(check_unicast_src)),
	LIST("unicast_peer", I(peers), &peer_block,
	    "{ <ADDR> [min_ttl <0..255>] [max_ttl <0..255>] ... }"),
	FLAG("unicast_fault_no_peer", I(unicast_fault_no_peer)),
	LOCKW_R(
	    "unicast_ttl", I(unicast_ttl), 0, 255, sentinel32_dump, "<0..255>"),
	CUSTOM("old_unicast_checksum", I(old_unicast_checksum), old_chksum_fn,
	    flag_dump, "[never]"),
	LOCKW_R("version", I(version), 2, 3, sentinel32_dump, "<2|3>"),
	LOCKW_R(
	    "virtual_router_id", I(vrid), 1, 255, sentinel32_dump, "<1..255>"),
	LOCKW_R("priority", I(priority), 1, 255, sentinel32_dump, "<1..255>"),
	LOCKW_R("advert_int", I(advert_int), SEC / 100, 255 * SEC,
	    timer_set_dump, "<SECS>"),
	{ .name = "authentication",
	    .kind = CFG_BLOCK,
	    .block = &auth_block,
	    .dump = auth_kw_dump,
	    .usage = "{ auth_type <PASS|AH> auth_pass <PASSWORD> }" },
	LIST("virtual_ipaddress", I(vips), &vip_block, ADDR_USAGE),
	LIST("virtual_ipaddress_excluded", O(evips), &evip_block, ADDR_USAGE),
	FLAG("promote_secondaries", I(promote_secondaries)),
	LIST("virtual_routes", O(vroutes), &route_block, ROUTE_USAGE),
	LIST("virtual_rules", O(vrules), &rule_block, RULE_USAGE),
	CUSTOM("accept", I(accept), accept_fn, accept_dump, ""),
	CUSTOM("no_accept", I(accept), accept_fn, NULL, ""),
	BOOL("skip_check_adv_addr", I(skip_check_adv_addr)),
	LOCKW("strict_mode", I(strict_mode), tri_dump, "[<BOOL>]"),
	LOCKW("nopreempt", I(nopreempt), flag_dump, ""),
	CUSTOM("preempt", I(nopreempt), preempt_fn, NULL, ""),
	LOCKW_R("preempt_delay", I(preempt_delay), 0, 1000 * SEC,
	    timer_set_dump, "<0..1000>"),
	INT("debug", O(debug), 0, 4, "<0..4>"),
	SCRIPT("notify_master", O(notify_master)),
	SCRIPT("notify_backup", O(notify_backup)),
	SCRIPT("notify_fault", O(notify_fault)),
	SCRIPT("notify_stop", O(notify_stop)),
	CUSTOM("notify_deleted", O(notify_deleted), deleted_fn, deleted_dump,
	    "[<SCRIPT> [<USERNAME> [<GROUPNAME>]]]"),
	SCRIPT("notify", O(notify)),
	SCRIPT("notify_master_rx_lower_pri", O(notify_master_rx_lower_pri)),
	TRI("smtp_alert", O(smtp_alert)),
	TRI("notify_priority_changes", O(notify_priority_changes)),
	CUSTOM("linkbeat_use_polling", I(linkbeat_use_polling), deprecated_fn,
	    flag_dump, ""),
	CUSTOM("lvs_sync_daemon_interface", O(lvs_sync_daemon_interface),
	    lvs_if_fn, str_dump, "<IFNAME>"),
	TIMER(
	    "garp_master_delay", O(garp_master_delay), 0, TIMER_MAX, "<SECS>"),
	INT("garp_master_repeat", O(garp_master_repeat), 1, UINT32_MAX,
	    "<COUNT>"),
	TIMER("garp_master_refresh", O(garp_master_refresh), 0, TIMER_MAX,
	    "<SECS>"),
	INT("garp_master_refresh_repeat", O(garp_master_refresh_repeat), 1,
	    UINT32_MAX, "<COUNT>"),
	TIMER("garp_lower_prio_delay", O(garp_lower_prio_delay), 0, TIMER_MAX,
	    "<SECS>"),
	INT("garp_lower_prio_repeat", O(garp_lower_prio_repeat), 0, UINT32_MAX,
	    "<COUNT>"),
	CUSTOM("garp_extra_if", O(garp_extra_if), garp_extra_fn,
	    garp_extra_dump, "[all] <SECS>"),
	{ .name = "vmac_garp_intvl",
	    .kind = CFG_CUSTOM,
	    .off = O(garp_extra_if),
	    .fn = garp_extra_fn,
	    .usage = "[all] <SECS>",
	    .flags = CFG_F_NODUMP },
	TRI("lower_prio_no_advert", O(lower_prio_no_advert)),
	TRI("higher_prio_send_advert", O(higher_prio_send_advert)),
	INT("down_timer_adverts", O(down_timer_adverts), 1, 100, "<1..100>"),
	INT("kernel_rx_buf_size", O(kernel_rx_buf_size), 0, UINT32_MAX,
	    "<BYTES>"),
	CFG_KW_END,
};

_Static_assert(offsetof(struct vrrp_script, reverse) ==
        offsetof(struct vrrp_script, weight) + sizeof(int64_t),
    "weight_fn: reverse follows weight");
_Static_assert(offsetof(struct track_file, reverse) ==
        offsetof(struct track_file, weight) + sizeof(int64_t),
    "weight_fn: reverse follows weight");
_Static_assert(offsetof(struct vrrp_track_process, reverse) ==
        offsetof(struct vrrp_track_process, weight) + sizeof(int64_t),
    "weight_fn: reverse follows weight");

static const struct cfg_keyword script_keywords[] = {
	SCRIPT("script", S(script)),
	TIMER("interval", S(interval), 1, TIMER_MAX, "<SECS>"),
	TIMER("timeout", S(timeout), 1, TIMER_MAX, "<SECS>"),
	WEIGHT(S(weight), 253),
	INT("rise", S(rise), 1, UINT32_MAX, "<N>"),
	INT("fall", S(fall), 1, UINT32_MAX, "<N>"),
	CUSTOM("user", S(script), user_fn, NULL, "<USERNAME> [<GROUPNAME>]"),
	FLAG("init_fail", S(init_fail)),
	CFG_KW_END,
};

static const struct cfg_keyword tfile_keywords[] = {
	CUSTOM("file", TF(file), path_fn, ptr_str_dump, "<PATH>"),
	WEIGHT(TF(weight), 254),
	CUSTOM("init_file", TF(init_file), init_file_fn, init_file_dump,
	    "[<VALUE>] [overwrite]"),
	CFG_KW_END,
};

static const struct cfg_keyword tproc_keywords[] = {
	CUSTOM("process", TP(process), process_fn, process_dump,
	    "<PROCESS_NAME> [<PARAMETERS>]"),
	CUSTOM("param_match", TP(param_match), param_match_fn, param_match_dump,
	    "[initial|partial]"),
	WEIGHT(TP(weight), 253),
	INT("quorum", TP(quorum), 1, 65535, "<1..65535>"),
	INT("quorum_max", TP(quorum_max), 1, 65535, "<1..65535>"),
	TIMER("fork_delay", TP(fork_delay), 0, TIMER_MAX, "<SECS>"),
	TIMER("terminate_delay", TP(terminate_delay), 0, TIMER_MAX, "<SECS>"),
	{ .name = "delay",
	    .kind = CFG_CUSTOM,
	    .off = TP(fork_delay),
	    .fn = tproc_delay_fn,
	    .max = TIMER_MAX,
	    .usage = "<SECS>",
	    .flags = CFG_F_NODUMP },
	FLAG("full_command", TP(full_command)),
	CFG_KW_END,
};

static const struct cfg_keyword sgroup_keywords[] = {
	LIST("group", SG(members), &group_block, "{ <VRRP_INSTANCE> ... }"),
	TRACKS(SG),
	SCRIPT("notify_master", SG(notify_master)),
	SCRIPT("notify_backup", SG(notify_backup)),
	SCRIPT("notify_fault", SG(notify_fault)),
	SCRIPT("notify_stop", SG(notify_stop)),
	SCRIPT("notify", SG(notify)),
	TRI("smtp_alert", SG(smtp_alert)),
	CUSTOM("global_tracking", SG(global_tracking), deprecated_fn, flag_dump,
	    ""),
	FLAG("sync_group_tracking_weight", SG(sync_group_tracking_weight)),
	TRI("notify_priority_changes", SG(notify_priority_changes)),
	CFG_KW_END,
};

static const struct cfg_keyword ggroup_keywords[] = {
	TIMER("garp_interval", GG(garp_interval), 1, TIMER_MAX, "<SECS>"),
	TIMER("gna_interval", GG(gna_interval), 1, TIMER_MAX, "<SECS>"),
	{ .name = "interface",
	    .kind = CFG_CUSTOM,
	    .off = GG(ifnames),
	    .fn = garp_if_fn,
	    .flags = CFG_F_REPEAT | CFG_F_NODUMP,
	    .usage = "<IFNAME>" },
	LIST("interfaces", GG(ifnames), &interfaces_block, "{ <IFNAME> ... }"),
	CFG_KW_END,
};

static const struct cfg_keyword tgroup_keywords[] = {
	LIST("group", TG(members), &group_block, "{ <VRRP_INSTANCE> ... }"),
	CFG_KW_END,
};

static const struct cfg_block instance_block = {
	.name = "vrrp_instance",
	.keywords = instance_keywords,
	.enter = instance_enter,
};
static const struct cfg_block script_block = {
	.name = "vrrp_script",
	.keywords = script_keywords,
	.enter = script_enter,
};
static const struct cfg_block tfile_block = {
	.name = "track_file",
	.keywords = tfile_keywords,
	.enter = tfile_enter,
};
static const struct cfg_block tproc_block = {
	.name = "vrrp_track_process",
	.keywords = tproc_keywords,
	.enter = tproc_enter,
};
static const struct cfg_block sgroup_block = {
	.name = "vrrp_sync_group",
	.keywords = sgroup_keywords,
	.enter = sgroup_enter,
};
static const struct cfg_block ggroup_block = {
	.name = "garp_group",
	.keywords = ggroup_keywords,
	.enter = ggroup_enter,
};
static const struct cfg_block tgroup_block = {
	.name = "track_group",
	.keywords = tgroup_keywords,
	.enter = tgroup_enter,
};

#define SECTION_F(n, b, d, u, fl) \
	{ \
		{ .name = n, \
			.kind = CFG_BLOCK, \
			.block = (b), \
			.dump = (d), \
			.usage = (u), \
			.flags = CFG_F_REPEAT | (fl) }, \
		    CFG_OWNER_VRRP \
	}
#define SECTION(n, b, d, u) SECTION_F(n, b, d, u, 0)
/* A second spelling: -d prints its objects under the first one. */
#define ALIAS(n, b, u) SECTION_F(n, b, NULL, u, CFG_F_NODUMP)

static const struct cfg_section vrrp_sections[] = {
	SECTION("vrrp_script", &script_block, scripts_dump, "<NAME> { ... }"),
	SECTION("track_file", &tfile_block, tfiles_dump, "<NAME> { ... }"),
	/* keepalived's deprecated spelling: tfile_enter() warns */
	ALIAS("vrrp_track_file", &tfile_block, "<NAME> { ... }"),
	SECTION(
	    "vrrp_track_process", &tproc_block, tprocs_dump, "<NAME> { ... }"),
	SECTION("track_group", &tgroup_block, tgroups_dump,
	    "<NAME> { group { ... } }"),
	SECTION("static_ipaddress", &saddr_block, statics_dump, ADDR_USAGE),
	SECTION("static_routes", &sroute_block, statics_dump, ROUTE_USAGE),
	SECTION("static_rules", &srule_block, statics_dump, RULE_USAGE),
	SECTION("garp_group", &ggroup_block, ggroups_dump, "{ ... }"),
	SECTION("interface_up_down_delays", &delays_block, statics_dump,
	    "{ <IFNAME> <DOWN_DELAY> [<UP_DELAY>] ... }"),
	SECTION(
	    "vrrp_instance", &instance_block, instances_dump, "<NAME> { ... }"),
	SECTION(
	    "vrrp_sync_group", &sgroup_block, sgroups_dump, "<NAME> { ... }"),
};

static const struct cfg_model_ops vrrp_model_ops = {
	.size = sizeof(struct vrrp_model),
	.init = model_init,
	.validate = vrrp_conf_validate,
};

/* Where core's track_file users (the checker's FILE_CHECK) find them. */
static const struct cfg_vec *
model_track_files(const struct config *cfg)
{
	const struct vrrp_model *m = cfg_model(cfg, CFG_MODEL_VRRP);

	return m != NULL ? &m->track_files : NULL;
}

void
vrrp_conf_register(void)
{
	track_file_set_list(model_track_files);
	cfg_register(
	    vrrp_sections, sizeof(vrrp_sections) / sizeof(vrrp_sections[0]));
	cfg_register_model(CFG_MODEL_VRRP, &vrrp_model_ops);
	cfg_register_running(vrrp_running_keywords);
}

static void
model_init(struct config *cfg CFG_UNUSED, void *model)
{
	struct vrrp_model *m = model;

	/* every list starts empty; validate() resolves the shared opts */
	vrrp_opts_init(&m->default_opts);
}

/* Every opts field unset, for validate() to resolve. */
void
vrrp_opts_init(struct vrrp_instance_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->garp_master_delay = VRRP_UNSET_TIMER;
	o->garp_master_repeat = VRRP_UNSET;
	o->garp_master_refresh = VRRP_UNSET_TIMER;
	o->garp_master_refresh_repeat = VRRP_UNSET;
	o->garp_lower_prio_delay = VRRP_UNSET_TIMER;
	o->garp_lower_prio_repeat = VRRP_UNSET;
	o->garp_extra_if = VRRP_UNSET_TIMER;
	o->garp_extra_if_all = VRRP_UNSET;
	o->lower_prio_no_advert = VRRP_UNSET;
	o->higher_prio_send_advert = VRRP_UNSET;
	o->down_timer_adverts = VRRP_UNSET;
	o->smtp_alert = VRRP_UNSET;
	o->notify_priority_changes = VRRP_UNSET;
	o->kernel_rx_buf_size = VRRP_UNSET;
	o->debug = VRRP_UNSET;
}

/* The instance's own opts, made on the first keyword that sets one. */
static struct vrrp_instance_opts *
opts_w(struct cfg_parser *p, void *obj)
{
	struct vrrp_instance *vi = obj;

	if (!vi->private_opts) {
		vi->opts = cfg_alloc(cfg_parser_config(p), sizeof(*vi->opts));
		vrrp_opts_init(vi->opts);
		vi->private_opts = true;
	}
	return vi->opts;
}

/* The instance's own lists, made on the first list given. */
static struct vrrp_instance_lists *
lists_w(struct cfg_parser *p, void *obj)
{
	struct vrrp_instance *vi = obj;

	if (vi->lists == &model_of(p)->no_lists)
		vi->lists = cfg_alloc(cfg_parser_config(p), sizeof(*vi->lists));
	return vi->lists;
}

/* Where keyword k stores into obj (an instance's opts for O() fields,
   its lists for L() fields). */
static void *
kw_field(struct cfg_parser *p, const struct cfg_keyword *k, void *obj)
{
	if (k->off & OPT_BIT)
		return (char *)opts_w(p, obj) + (k->off & ~OPT_BIT);
	if (k->off & LIST_BIT)
		return (char *)lists_w(p, obj) + (k->off & ~LIST_BIT);
	return (char *)obj + k->off;
}

static const void *
kw_cfield(const struct cfg_keyword *k, const void *obj)
{
	if (k->off & OPT_BIT)
		return (const char *)((const struct vrrp_instance *)obj)->opts +
		    (k->off & ~OPT_BIT);
	if (k->off & LIST_BIT)
		return (const char *)((const struct vrrp_instance *)obj)
		           ->lists +
		    (k->off & ~LIST_BIT);
	return (const char *)obj + k->off;
}

/*
 * Only kept when in the instance's own file (an include inside the
 * block is rare), as lines after the instance's name (an instance of
 * 65,535 lines is rarer): validate() falls back to the instance's
 * location.
 */
static void
set_kwloc(struct cfg_parser *p, struct vrrp_instance *vi, int idx,
    const struct cfg_loc *loc)
{
	struct cfg_loc kept = cfg_keep_loc(p, loc);

	vi->kw_line[idx] = 0;
	if (kept.file == vi->loc.file && kept.line >= vi->loc.line &&
	    kept.line - vi->loc.line < UINT16_MAX)
		vi->kw_line[idx] = (uint16_t)(kept.line - vi->loc.line + 1);
	vi->kw_col[idx] = (uint16_t)(kept.col > UINT16_MAX ? 0 : kept.col);
}

/* The list blocks inside an instance that live in its opts or lists. */
static void *
opts_list_enter(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	static const struct {
		const char *name;
		size_t off;
	} lists[] = {
		{ "virtual_ipaddress_excluded", O(evips) },
		{ "virtual_routes", O(vroutes) },
		{ "virtual_rules", O(vrules) },
		{ "track_interface", L(track_if) },
		{ "track_script", L(track_script) },
		{ "track_file", L(track_file) },
		{ "track_process", L(track_process) },
		{ "track_bfd", L(track_bfd) },
	};
	size_t i;

	if (cfg_want_args(p, st, 0, 0, "") < 0)
		return NULL;
	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		if (strcmp(lists[i].name, st->argv[0].text) == 0)
			return (lists[i].off & LIST_BIT)
			    ? (char *)lists_w(p, obj) +
			        (lists[i].off & ~LIST_BIT)
			    : (char *)opts_w(p, obj) +
			        (lists[i].off & ~OPT_BIT);
	return NULL;
}

static struct vrrp_model *
model_of(struct cfg_parser *p)
{
	return cfg_model(cfg_parser_config(p), CFG_MODEL_VRRP);
}

/* The section's one name: "<section> NAME {". */
static int
get_name(struct cfg_parser *p, const struct cfg_stmt *st, const char **out)
{
	char buf[VRRP_NAME_LEN];

	if (st->argc != 2) {
		cfg_perror(p, &st->argv[0].loc,
		    "'%s' needs exactly one name: expected '%s <NAME> {'",
		    st->argv[0].text, st->argv[0].text);
		return -1;
	}
	if (cfg_get_str(p, &st->argv[1], buf, sizeof(buf)) < 0)
		return -1;
	*out = cfg_strdup(cfg_parser_config(p), buf);
	return 0;
}

static void *
instance_enter(
    struct cfg_parser *p, const struct cfg_stmt *st, void *obj CFG_UNUSED)
{
	struct config *cfg = cfg_parser_config(p);
	struct vrrp_instance *vi = cfg_alloc(cfg, sizeof(*vi));

	if (get_name(p, st, &vi->name) < 0)
		return NULL;
	vi->loc = cfg_keep_loc(p, &st->argv[1].loc);
	vi->opts = &model_of(p)->default_opts;
	vi->lists = &model_of(p)->no_lists;
	vi->unicast_ttl = VRRP_UNSET;
	vi->version = VRRP_UNSET;
	vi->vrid = VRRP_UNSET;
	vi->priority = VRRP_UNSET;
	vi->advert_int = VRRP_UNSET_TIMER;
	vi->preempt_delay = VRRP_UNSET_TIMER;
	vi->strict_mode = VRRP_UNSET;
	vi->accept = VRRP_UNSET;
	cfg_vec_push(cfg, &model_of(p)->instances, vi);
	return vi;
}

static void *
script_enter(
    struct cfg_parser *p, const struct cfg_stmt *st, void *obj CFG_UNUSED)
{
	struct config *cfg = cfg_parser_config(p);
	struct vrrp_script *s = cfg_alloc(cfg, sizeof(*s));

	if (get_name(p, st, &s->name) < 0)
		return NULL;
	s->loc = cfg_keep_loc(p, &st->argv[1].loc);
	s->interval = VRRP_UNSET_TIMER;
	s->timeout = VRRP_UNSET_TIMER;
	s->rise = VRRP_UNSET;
	s->fall = VRRP_UNSET;
	cfg_vec_push(cfg, &model_of(p)->scripts, s);
	return s;
}

static void *
tfile_enter(
    struct cfg_parser *p, const struct cfg_stmt *st, void *obj CFG_UNUSED)
{
	struct config *cfg = cfg_parser_config(p);
	struct track_file *t = cfg_alloc(cfg, sizeof(*t));

	if (get_name(p, st, &t->name) < 0)
		return NULL;
	if (strcmp(st->argv[0].text, "vrrp_track_file") == 0)
		cfg_pwarning(p, &st->argv[0].loc,
		    "'vrrp_track_file' is deprecated: use 'track_file'");
	t->loc = cfg_keep_loc(p, &st->argv[1].loc);
	t->weight = 1; /* keepalived.conf(5): weight defaults to 1 */
	cfg_vec_push(cfg, &model_of(p)->track_files, t);
	return t;
}

static void *
tproc_enter(
    struct cfg_parser *p, const struct cfg_stmt *st, void *obj CFG_UNUSED)
{
	struct config *cfg = cfg_parser_config(p);
	struct vrrp_track_process *t = cfg_alloc(cfg, sizeof(*t));

	if (get_name(p, st, &t->name) < 0)
		return NULL;
	t->loc = cfg_keep_loc(p, &st->argv[1].loc);
	t->quorum = 1;
	t->quorum_max = VRRP_UNSET;
	t->fork_delay = VRRP_UNSET_TIMER;
	t->terminate_delay = VRRP_UNSET_TIMER;
	cfg_vec_push(cfg, &model_of(p)->track_processes, t);
	return t;
}

static void *
sgroup_enter(
    struct cfg_parser *p, const struct cfg_stmt *st, void *obj CFG_UNUSED)
{
	struct config *cfg = cfg_parser_config(p);
	struct vrrp_sync_group *g = cfg_alloc(cfg, sizeof(*g));

	if (get_name(p, st, &g->name) < 0)
		return NULL;
	g->loc = cfg_keep_loc(p, &st->argv[1].loc);
	g->smtp_alert = VRRP_UNSET;
	g->notify_priority_changes = VRRP_UNSET;
	cfg_vec_push(cfg, &model_of(p)->sync_groups, g);
	return g;
}

static void *
ggroup_enter(
    struct cfg_parser *p, const struct cfg_stmt *st, void *obj CFG_UNUSED)
{
	struct config *cfg = cfg_parser_config(p);
	struct vrrp_garp_group *g;

	if (cfg_want_args(p, st, 0, 0, "") < 0)
		return NULL;
	g = cfg_alloc(cfg, sizeof(*g));
	g->loc = cfg_keep_loc(p, &st->argv[0].loc);
	cfg_vec_push(cfg, &model_of(p)->garp_groups, g);
	return g;
}

static void *
tgroup_enter(
    struct cfg_parser *p, const struct cfg_stmt *st, void *obj CFG_UNUSED)
{
	struct config *cfg = cfg_parser_config(p);
	struct vrrp_track_group *g = cfg_alloc(cfg, sizeof(*g));

	if (get_name(p, st, &g->name) < 0)
		return NULL;
	g->loc = cfg_keep_loc(p, &st->argv[1].loc);
	cfg_vec_push(cfg, &model_of(p)->track_groups, g);
	return g;
}

static void *
static_enter(
    struct cfg_parser *p, const struct cfg_stmt *st, void *obj CFG_UNUSED)
{
	struct vrrp_model *m = model_of(p);

	if (cfg_want_args(p, st, 0, 0, "") < 0)
		return NULL;
	if (strcmp(st->argv[0].text, "static_ipaddress") == 0)
		return &m->static_addrs;
	if (strcmp(st->argv[0].text, "static_routes") == 0)
		return &m->static_routes;
	if (strcmp(st->argv[0].text, "interface_up_down_delays") == 0)
		return &m->if_delays;
	return &m->static_rules;
}

/* ---- list items ---- */

static int
vip_item(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct vrrp_ipaddr *a;

	if (vrrp_parse_ipaddr(p, st, false, &a) < 0)
		return -1;
	cfg_origin_set(p, a, "address", &st->argv[0].loc);
	cfg_vec_push(cfg_parser_config(p), obj, a);
	return 0;
}

static int
svip_item(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct vrrp_ipaddr *a;

	if (vrrp_parse_ipaddr(p, st, true, &a) < 0)
		return -1;
	cfg_origin_set(p, a, "address", &st->argv[0].loc);
	cfg_vec_push(cfg_parser_config(p), obj, a);
	return 0;
}

static int
route_item(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct vrrp_route *r;

	if (vrrp_parse_route(p, st, false, &r) < 0)
		return -1;
	cfg_origin_set(p, r, "route", &st->argv[0].loc);
	cfg_vec_push(cfg_parser_config(p), obj, r);
	return 0;
}

static int
sroute_item(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct vrrp_route *r;

	if (vrrp_parse_route(p, st, true, &r) < 0)
		return -1;
	cfg_origin_set(p, r, "route", &st->argv[0].loc);
	cfg_vec_push(cfg_parser_config(p), obj, r);
	return 0;
}

static int
rule_item(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct vrrp_rule *r;

	if (vrrp_parse_rule(p, st, false, &r) < 0)
		return -1;
	cfg_origin_set(p, r, "rule", &st->argv[0].loc);
	cfg_vec_push(cfg_parser_config(p), obj, r);
	return 0;
}

static int
srule_item(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct vrrp_rule *r;

	if (vrrp_parse_rule(p, st, true, &r) < 0)
		return -1;
	cfg_origin_set(p, r, "rule", &st->argv[0].loc);
	cfg_vec_push(cfg_parser_config(p), obj, r);
	return 0;
}

static int
peer_item(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct config *cfg = cfg_parser_config(p);
	struct vrrp_peer *pe = cfg_alloc(cfg, sizeof(*pe));
	int16_t *ttl;
	int64_t v;
	int i;

	pe->min_ttl = pe->max_ttl = VRRP_UNSET;
	pe->loc = cfg_keep_loc(p, &st->argv[0].loc);
	if (cfg_get_addr(p, &st->argv[0], &pe->addr) < 0)
		return -1;
	for (i = 1; i < st->argc; i += 2) {
		if (strcmp(st->argv[i].text, "min_ttl") == 0)
			ttl = &pe->min_ttl;
		else if (strcmp(st->argv[i].text, "max_ttl") == 0)
			ttl = &pe->max_ttl;
		else {
			cfg_perror(p, &st->argv[i].loc,
			    "unknown unicast_peer option '%s': expected "
			    "min_ttl or max_ttl",
			    st->argv[i].text);
			return -1;
		}
		if (i + 1 >= st->argc) {
			cfg_perror(p, &st->argv[i].loc,
			    "'%s' is missing its value", st->argv[i].text);
			return -1;
		}
		if (cfg_get_int_for(
		        p, st->argv[i].text, &st->argv[i + 1], 0, 255, &v) < 0)
			return -1;
		*ttl = (int16_t)v;
	}
	if (pe->min_ttl > pe->max_ttl && pe->max_ttl != VRRP_UNSET) {
		cfg_perror(p, &st->argv[0].loc,
		    "unicast_peer %s: min_ttl %d is above max_ttl %d",
		    st->argv[0].text, pe->min_ttl, pe->max_ttl);
		return -1;
	}
	cfg_origin_set(p, pe, "peer", &st->argv[0].loc);
	cfg_vec_push(cfg, obj, pe);
	return 0;
}

/* NAME [weight N [reverse]] for track_script/file/process/bfd. */
static int
track_item(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct config *cfg = cfg_parser_config(p);
	struct vrrp_track *t = cfg_alloc(cfg, sizeof(*t));

	t->name = cfg_strdup(cfg, st->argv[0].text);
	t->weight = VRRP_UNSET;
	t->loc = cfg_keep_loc(p, &st->argv[0].loc);
	if (st->argc > 1) {
		if (strcmp(st->argv[1].text, "weight") != 0) {
			cfg_perror(p, &st->argv[1].loc,
			    "unexpected '%s': expected '%s [weight "
			    "<-253..253> [reverse]]'",
			    st->argv[1].text, st->argv[0].text);
			return -1;
		}
		if (st->argc < 3) {
			cfg_perror(p, &st->argv[1].loc,
			    "'weight' is missing its value");
			return -1;
		}
		if (cfg_get_int_for(p, "weight", &st->argv[2], -VRRP_WEIGHT_MAX,
		        VRRP_WEIGHT_MAX, &t->weight) < 0)
			return -1;
		if (st->argc > 3 && strcmp(st->argv[3].text, "reverse") == 0)
			t->reverse = true;
		else if (st->argc > 3) {
			cfg_perror(p, &st->argv[3].loc,
			    "unexpected '%s': expected 'reverse'",
			    st->argv[3].text);
			return -1;
		}
		if (st->argc > 4) {
			cfg_perror(p, &st->argv[4].loc, "unexpected '%s'",
			    st->argv[4].text);
			return -1;
		}
	}
	cfg_origin_set(p, t, "track", &st->argv[0].loc);
	cfg_vec_push(cfg, obj, t);
	return 0;
}

/* IFNAME [weight N]: track_interface takes no reverse in 2.2.7. */
static int
trackw_item(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	char ifname[VRRP_IFNAME_LEN];

	if (st->argc > 3) {
		cfg_perror(p, &st->argv[3].loc,
		    "unexpected '%s': expected '<IFNAME> [weight "
		    "<-253..253>]'",
		    st->argv[3].text);
		return -1;
	}
	if (cfg_get_str(p, &st->argv[0], ifname, sizeof(ifname)) < 0)
		return -1;
	return track_item(p, st, obj);
}

/* IFNAME DOWN_DELAY [UP_DELAY]: seconds, at most 255. */
static int
delay_item(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct config *cfg = cfg_parser_config(p);
	struct vrrp_if_delay *d = cfg_alloc(cfg, sizeof(*d));

	if (st->argc < 2 || st->argc > 3) {
		cfg_perror(p, &st->argv[st->argc > 3 ? 3 : 0].loc,
		    "expected '<IFNAME> <DOWN_DELAY> [<UP_DELAY>]'");
		return -1;
	}
	if (cfg_get_str(p, &st->argv[0], d->ifname, sizeof(d->ifname)) < 0 ||
	    cfg_get_timer(p, &st->argv[1], 0, 255 * SEC, &d->down) < 0)
		return -1;
	d->up = d->down; /* keepalived.conf(5): up defaults to down */
	if (st->argc == 3 &&
	    cfg_get_timer(p, &st->argv[2], 0, 255 * SEC, &d->up) < 0)
		return -1;
	d->loc = cfg_keep_loc(p, &st->argv[0].loc);
	cfg_origin_set(p, d, "delay", &st->argv[0].loc);
	cfg_vec_push(cfg, obj, d);
	return 0;
}

/* One name per line: sync group members, garp_group interfaces. */
static int
name_item(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct config *cfg = cfg_parser_config(p);
	struct vrrp_track *t;
	int i;

	for (i = 0; i < st->argc; i++) {
		t = cfg_alloc(cfg, sizeof(*t));
		t->name = cfg_strdup(cfg, st->argv[i].text);
		t->weight = VRRP_UNSET;
		t->loc = cfg_keep_loc(p, &st->argv[i].loc);
		cfg_origin_set(p, t, "track", &st->argv[i].loc);
		cfg_vec_push(cfg, obj, t);
	}
	return 0;
}

/* ---- custom keywords ---- */

static int
ifname_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	char *field = kw_field(p, k, obj);
	const struct cfg_token *t;

	if (cfg_want_args(p, st, 1, 1, k->usage) < 0)
		return -1;
	t = &st->argv[1];
	if (strlen(t->text) >= VRRP_IFNAME_LEN || strchr(t->text, '/') ||
	    strcmp(t->text, ".") == 0 || strcmp(t->text, "..") == 0) {
		cfg_perror(p, &t->loc,
		    "invalid interface name '%s': expected at most %d "
		    "characters, no '/'",
		    t->text, VRRP_IFNAME_LEN - 1);
		return -1;
	}
	strcpy(field, t->text);
	if (k->off == I(ifname))
		set_kwloc(p, obj, VRRP_LOC_IF, &t->loc);
	return 0;
}

static int
vmac_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct vrrp_instance *vi = obj;
	char name[VRRP_IFNAME_LEN];
	bool have_name = false;
	int i;

	if (cfg_want_args(p, st, 0, 2, k->usage) < 0)
		return -1;
	/* The name and the MAC in either order: a MAC has ':'s, which an
	   interface name cannot. */
	for (i = 1; i < st->argc; i++) {
		if (strchr(st->argv[i].text, ':') != NULL) {
			if (opts_w(p, vi)->vmac_mac_len > 0) {
				cfg_perror(p, &st->argv[i].loc,
				    "use_vmac: the MAC address is given twice");
				return -1;
			}
			if (get_mac(p, &st->argv[i], opts_w(p, vi)) < 0)
				return -1;
			continue;
		}
		if (have_name) {
			cfg_perror(p, &st->argv[i].loc,
			    "use_vmac: the interface name is given twice");
			return -1;
		}
		if (cfg_get_str(p, &st->argv[i], name, sizeof(name)) < 0)
			return -1;
		if (strchr(name, '/') != NULL) {
			cfg_perror(p, &st->argv[i].loc,
			    "invalid VMAC name '%s': no '/' or ':'",
			    st->argv[i].text);
			return -1;
		}
		strcpy(opts_w(p, vi)->vmac_name, name);
		have_name = true;
	}
	vi->use_vmac = true;
	return 0;
}

/*
 * use_vmac's MAC: six hex octets, or five (the VRID is then the sixth);
 * unicast, and not the RFC 5798 virtual router MAC (00:00:5e:00:01|02).
 */
static int
get_mac(struct cfg_parser *p, const struct cfg_token *t,
    struct vrrp_instance_opts *o)
{
	static const uint8_t rfc_prefix[4] = { 0x00, 0x00, 0x5e, 0x00 };
	uint8_t mac[6];
	const char *s = t->text;
	unsigned long v;
	char *end;
	int n;

	for (n = 0; n < 6 && *s != '\0'; n++) {
		v = strtoul(s, &end, 16);
		if (end == s || end - s > 2 || v > 0xff ||
		    (*end != ':' && *end != '\0') ||
		    strspn(s, "0123456789abcdefABCDEF") != (size_t)(end - s))
			break;
		mac[n] = (uint8_t)v;
		s = *end == ':' ? end + 1 : end;
	}
	if (*s != '\0' || n < 5) {
		cfg_perror(p, &t->loc,
		    "invalid MAC address '%s': expected 5 or 6 hex octets "
		    "separated by ':'",
		    t->text);
		return -1;
	}
	if (mac[0] & 0x01) {
		cfg_perror(p, &t->loc,
		    "invalid MAC address '%s': a VMAC cannot be multicast",
		    t->text);
		return -1;
	}
	if (memcmp(mac, rfc_prefix, 4) == 0 && (mac[4] == 1 || mac[4] == 2)) {
		cfg_perror(p, &t->loc,
		    "invalid MAC address '%s': the RFC 5798 virtual router "
		    "MAC is the default already",
		    t->text);
		return -1;
	}
	memcpy(o->vmac_mac, mac, sizeof(mac));
	o->vmac_mac_len = (uint8_t)n;
	return 0;
}

/* A flag of the instance's opts. */
static int
oflag_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	if (cfg_want_args(p, st, 0, 0, "") < 0)
		return -1;
	*(bool *)kw_field(p, k, obj) = true;
	return 0;
}

/* garp_extra_if [all] SECS, the words in either order (and the old
   spelling vmac_garp_intvl, which warns). */
static int
garp_extra_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct vrrp_instance_opts *o;
	bool all = false, have_time = false;
	uint64_t us = 0;
	int i;

	if (strcmp(k->name, "vmac_garp_intvl") == 0)
		cfg_pwarning(p, &st->argv[0].loc,
		    "'vmac_garp_intvl' is deprecated: use 'garp_extra_if'");
	if (cfg_want_args(p, st, 1, 2, "[all] <SECS>") < 0)
		return -1;
	for (i = 1; i < st->argc; i++) {
		if (strcmp(st->argv[i].text, "all") == 0 && !all)
			all = true;
		else if (!have_time &&
		    cfg_get_timer(p, &st->argv[i], 0, 86400 * SEC, &us) == 0)
			have_time = true;
		else
			return -1;
	}
	if (!have_time) {
		cfg_perror(p, &st->argv[0].loc,
		    "'%s' is missing its time: expected '%s [all] <SECS>'",
		    st->argv[0].text, st->argv[0].text);
		return -1;
	}
	o = opts_w(p, obj);
	o->garp_extra_if = us;
	o->garp_extra_if_all = all;
	cfg_origin_set(p, obj, "garp_extra_if", &st->argv[0].loc);
	return 0;
}

static void
garp_extra_dump(
    FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const struct vrrp_instance_opts *o =
	    ((const struct vrrp_instance *)obj)->opts;

	if (o->garp_extra_if == VRRP_UNSET_TIMER)
		return;
	fprintf(f, "%*s%s %s%" PRIu64 ".%06" PRIu64 "\n", indent, "", k->name,
	    o->garp_extra_if_all > 0 ? "all " : "", o->garp_extra_if / USEC,
	    o->garp_extra_if % USEC);
}

static int
ipvlan_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vrrp_instance *vi = obj;
	char buf[256] = "";
	int i;

	for (i = 1; i < st->argc; i++) {
		if (strlen(buf) + strlen(st->argv[i].text) + 2 > sizeof(buf)) {
			cfg_perror(p, &st->argv[i].loc,
			    "use_vmac: too many arguments");
			return -1;
		}
		if (i > 1)
			strcat(buf, " ");
		strcat(buf, st->argv[i].text);
	}
	vi->use_ipvlan = true;
	opts_w(p, vi)->ipvlan = cfg_strdup(cfg_parser_config(p), buf);
	return 0;
}

static int
saddr_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct vrrp_instance *vi = obj;

	if (cfg_want_args(p, st, 1, 1, k->usage) < 0 ||
	    cfg_get_addr(p, &st->argv[1], &vi->saddr) < 0)
		return -1;
	vi->saddr_unicast = strcmp(k->name, "unicast_src_ip") == 0;
	set_kwloc(p, vi, VRRP_LOC_SADDR, &st->argv[1].loc);
	/* both spellings fill one field: -d prints it under one name */
	cfg_origin_set(p, obj, "mcast_src_ip", &st->argv[0].loc);
	return 0;
}

static int
mcast_dst_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct cfg_addr *a = kw_field(p, k, obj);

	if (cfg_want_args(p, st, 1, 1, k->usage) < 0 ||
	    cfg_get_addr(p, &st->argv[1], a) < 0)
		return -1;
	if ((a->family == AF_INET && (a->u.v4[0] & 0xf0) != 0xe0) ||
	    (a->family == AF_INET6 &&
	        (a->u.v6[0] != 0xff || (a->u.v6[1] & 0x0f) != 0x02))) {
		cfg_perror(p, &st->argv[1].loc,
		    "mcast_dst_ip '%s' is not a%s multicast address",
		    st->argv[1].text,
		    a->family == AF_INET6 ? " link-local" : "");
		return -1;
	}
	return 0;
}

static int
tri_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	int *field = kw_field(p, k, obj);
	bool b = true;

	if (cfg_want_args(p, st, 0, 1, k->usage) < 0)
		return -1;
	if (st->argc == 2 && cfg_get_bool(p, &st->argv[1], &b) < 0)
		return -1;
	*field = b;
	return 0;
}

static int
script_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct cfg_script *s = kw_field(p, k, obj);
	struct cfg_script n;

	if (cfg_get_script(p, st, 1, &n) < 0)
		return -1;
	/* a "user" line may come before "script" in a vrrp_script */
	if (n.user == NULL && s->user != NULL) {
		n.user = s->user;
		n.group = s->group;
	}
	*s = n;
	return 0;
}

/* notify_deleted [SCRIPT [USER [GROUP]]]: keepalived takes it bare too. */
static int
deleted_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	if (st->argc > 1 && script_fn(p, k, st, obj) < 0)
		return -1;
	opts_w(p, obj)->notify_deleted_on = true;
	return 0;
}

static int
preempt_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	if (cfg_want_args(p, st, 0, 0, "") < 0)
		return -1;
	*(bool *)kw_field(p, k, obj) = false;
	cfg_pwarning(p, &st->argv[0].loc,
	    "'preempt' is deprecated: preemption is the default");
	cfg_origin_set(p, obj, "nopreempt", &st->argv[0].loc);
	return 0;
}

static int
accept_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	if (cfg_want_args(p, st, 0, 0, "") < 0)
		return -1;
	*(int *)kw_field(p, k, obj) = strcmp(k->name, "accept") == 0;
	cfg_origin_set(p, obj, "accept", &st->argv[0].loc);
	return 0;
}

static int
auth_type_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct vrrp_instance *vi = obj;

	if (cfg_want_args(p, st, 1, 1, k->usage) < 0)
		return -1;
	if (strcmp(st->argv[1].text, "PASS") == 0)
		opts_w(p, vi)->auth_type = VRRP_CONF_AUTH_PASS;
	else if (strcmp(st->argv[1].text, "AH") == 0)
		opts_w(p, vi)->auth_type = VRRP_CONF_AUTH_AH;
	else {
		cfg_perror(p, &st->argv[1].loc,
		    "invalid value '%s' for 'auth_type': expected PASS or AH",
		    st->argv[1].text);
		return -1;
	}
	set_kwloc(p, vi, VRRP_LOC_AUTH, &st->argv[0].loc);
	return 0;
}

/*
 * keepalived truncates a longer password to 8 bytes with a warning; two
 * routers configured with different long passwords would then agree by
 * accident, so vigil refuses it.
 */
static int
auth_pass_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct vrrp_instance *vi = obj;

	if (cfg_want_args(p, st, 1, 1, k->usage) < 0)
		return -1;
	if (strlen(st->argv[1].text) > VRRP_AUTH_PASS_LEN) {
		cfg_perror(p, &st->argv[1].loc,
		    "auth_pass is %zu characters long: VRRP carries at most "
		    "%d (keepalived would truncate it)",
		    strlen(st->argv[1].text), VRRP_AUTH_PASS_LEN);
		return -1;
	}
	if (st->argv[1].text[0] == '\0') {
		cfg_perror(p, &st->argv[1].loc, "auth_pass is empty");
		return -1;
	}
	strcpy(opts_w(p, vi)->auth_pass, st->argv[1].text);
	return 0;
}

static int
deprecated_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	if (cfg_want_args(p, st, 0, 0, "") < 0)
		return -1;
	*(bool *)kw_field(p, k, obj) = true;
	if (strcmp(k->name, "linkbeat_use_polling") == 0)
		cfg_pwarning(p, &st->argv[0].loc,
		    "'linkbeat_use_polling' in a vrrp_instance is "
		    "deprecated: use the linkbeat_interfaces block");
	else
		cfg_pwarning(p, &st->argv[0].loc,
		    "'%s' is deprecated: it is the default", k->name);
	return 0;
}

static int
old_chksum_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	if (cfg_want_args(p, st, 0, 1, k->usage) < 0)
		return -1;
	if (st->argc == 2 && strcmp(st->argv[1].text, "never") != 0) {
		cfg_perror(p, &st->argv[1].loc,
		    "invalid value '%s' for 'old_unicast_checksum': "
		    "expected 'never' or nothing",
		    st->argv[1].text);
		return -1;
	}
	*(bool *)kw_field(p, k, obj) = st->argc == 1;
	return 0;
}

/* weight N [reverse]; the bool after the int64_t is "reverse". */
static int
weight_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	int64_t *w = kw_field(p, k, obj);
	bool *rev = (bool *)(w + 1);

	if (cfg_want_args(p, st, 1, 2, k->usage) < 0 ||
	    cfg_get_int_for(p, "weight", &st->argv[1], k->min, k->max, w) < 0)
		return -1;
	*rev = false;
	if (st->argc == 3) {
		if (strcmp(st->argv[2].text, "reverse") != 0) {
			cfg_perror(p, &st->argv[2].loc,
			    "unexpected '%s': expected 'weight %s'",
			    st->argv[2].text, k->usage);
			return -1;
		}
		*rev = true;
	}
	return 0;
}

static int
user_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct cfg_script *s = kw_field(p, k, obj);
	struct config *cfg = cfg_parser_config(p);

	if (cfg_want_args(p, st, 1, 2, k->usage) < 0)
		return -1;
	if (getpwnam(st->argv[1].text) == NULL) {
		cfg_perror(p, &st->argv[1].loc, "unknown user '%s' for 'user'",
		    st->argv[1].text);
		return -1;
	}
	s->user = cfg_strdup(cfg, st->argv[1].text);
	s->group = st->argc == 3 ? cfg_strdup(cfg, st->argv[2].text) : NULL;
	return 0;
}

/* One word into an arena string. */
static int
path_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	if (cfg_want_args(p, st, 1, 1, k->usage) < 0)
		return -1;
	if (st->argv[1].text[0] == '\0') {
		cfg_perror(p, &st->argv[1].loc, "'%s' is empty", k->name);
		return -1;
	}
	*(const char **)kw_field(p, k, obj) =
	    cfg_strdup(cfg_parser_config(p), st->argv[1].text);
	return 0;
}

static int
init_file_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct track_file *t = obj;
	int i;

	if (cfg_want_args(p, st, 0, 2, k->usage) < 0)
		return -1;
	t->init_file = true;
	t->init_value = 0;
	t->init_overwrite = false;
	for (i = 1; i < st->argc; i++) {
		if (strcmp(st->argv[i].text, "overwrite") == 0)
			t->init_overwrite = true;
		else if (i == 1 &&
		    cfg_get_int_for(p, "init_file", &st->argv[i], INT32_MIN,
		        INT32_MAX, &t->init_value) == 0)
			continue;
		else {
			if (i != 1)
				cfg_perror(p, &st->argv[i].loc,
				    "unexpected '%s': expected 'init_file "
				    "[<VALUE>] [overwrite]'",
				    st->argv[i].text);
			return -1;
		}
	}
	return 0;
}

static int
process_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct vrrp_track_process *t = obj;
	struct config *cfg = cfg_parser_config(p);
	size_t len = 0;
	char *params;
	int i;

	if (cfg_want_args(p, st, 1, -1, k->usage) < 0)
		return -1;
	t->process = cfg_strdup(cfg, st->argv[1].text);
	t->params = NULL;
	for (i = 2; i < st->argc; i++)
		len += strlen(st->argv[i].text) + 1;
	if (len == 0)
		return 0;
	params = cfg_alloc(cfg, len);
	for (i = 2; i < st->argc; i++) {
		if (i > 2)
			strcat(params, " ");
		strcat(params, st->argv[i].text);
	}
	t->params = params;
	return 0;
}

static int
param_match_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct vrrp_track_process *t = obj;

	/* Any form compares the full command line, as keepalived does. */
	if (cfg_want_args(p, st, 0, 1, k->usage) < 0)
		return -1;
	t->full_command = true;
	cfg_origin_derived(p, t, "full_command", &st->argv[0].loc);
	if (st->argc == 1)
		t->param_match = VRRP_PARAM_MATCH_EXACT;
	else if (strcmp(st->argv[1].text, "initial") == 0)
		t->param_match = VRRP_PARAM_MATCH_INITIAL;
	else if (strcmp(st->argv[1].text, "partial") == 0)
		t->param_match = VRRP_PARAM_MATCH_PARTIAL;
	else {
		cfg_perror(p, &st->argv[1].loc,
		    "invalid value '%s' for 'param_match': expected initial "
		    "or partial",
		    st->argv[1].text);
		return -1;
	}
	return 0;
}

static int
garp_if_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	if (cfg_want_args(p, st, 1, 1, k->usage) < 0)
		return -1;
	return name_item(p,
	    &(struct cfg_stmt){ .argv = st->argv + 1, .argc = 1 },
	    kw_field(p, k, obj));
}

static int
lvs_if_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	if (ifname_fn(p, k, st, obj) < 0)
		return -1;
	cfg_pwarning(p, &st->argv[0].loc,
	    "'lvs_sync_daemon_interface' is deprecated: use "
	    "lvs_sync_daemon in global_defs");
	return 0;
}

/*
 * The instance keywords validate() reports at: parses the value by the
 * field's type and keeps the keyword's location in kw_line/kw_col.
 */
static int
loc_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct vrrp_instance *vi = obj;
	char *field = (char *)obj + k->off;
	int64_t v;
	int32_t v32;
	int idx;

	if (k->off == I(state)) {
		idx = VRRP_LOC_STATE;
		if (cfg_want_args(p, st, 1, 1, k->usage) < 0)
			return -1;
		if (strcmp(st->argv[1].text, "MASTER") == 0)
			vi->state = VRRP_CONF_STATE_MASTER;
		else if (strcmp(st->argv[1].text, "BACKUP") == 0)
			vi->state = VRRP_CONF_STATE_BACKUP;
		else {
			cfg_perror(p, &st->argv[1].loc,
			    "invalid value '%s' for 'state': expected MASTER "
			    "or BACKUP",
			    st->argv[1].text);
			return -1;
		}
	} else if (k->off == I(strict_mode)) {
		idx = VRRP_LOC_STRICT;
		if (tri_fn(p, k, st, obj) < 0)
			return -1;
	} else if (k->off == I(nopreempt)) {
		idx = VRRP_LOC_NOPREEMPT;
		if (cfg_want_args(p, st, 0, 0, "") < 0)
			return -1;
		vi->nopreempt = true;
	} else if (k->off == I(advert_int) || k->off == I(preempt_delay)) {
		idx = k->off == I(advert_int) ? VRRP_LOC_ADVERT
		                              : VRRP_LOC_PREEMPT_DELAY;
		if (cfg_want_args(p, st, 1, 1, k->usage) < 0 ||
		    cfg_get_timer(p, &st->argv[1], (uint64_t)k->min,
		        (uint64_t)k->max, (uint64_t *)(void *)field) < 0)
			return -1;
	} else {
		/* the int32_t fields: vrid, version, priority, unicast_ttl */
		idx = k->off == I(version)     ? VRRP_LOC_VERSION
		    : k->off == I(priority)    ? VRRP_LOC_PRIORITY
		    : k->off == I(unicast_ttl) ? VRRP_LOC_UNICAST_TTL
		                               : -1;
		if (cfg_want_args(p, st, 1, 1, k->usage) < 0 ||
		    cfg_get_int_for(
		        p, k->name, &st->argv[1], k->min, k->max, &v) < 0)
			return -1;
		v32 = (int32_t)v;
		memcpy(field, &v32, sizeof(v32));
	}
	if (idx >= 0)
		set_kwloc(p, vi, idx, &st->argv[st->argc > 1 ? 1 : 0].loc);
	return 0;
}

/* vrrp_track_process's delay: both fork_delay and terminate_delay, as
   keepalived sets them. */
static int
tproc_delay_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct vrrp_track_process *t = obj;

	if (cfg_want_args(p, st, 1, 1, k->usage) < 0 ||
	    cfg_get_timer(
	        p, &st->argv[1], 0, (uint64_t)k->max, &t->fork_delay) < 0)
		return -1;
	t->terminate_delay = t->fork_delay;
	cfg_origin_set(p, obj, "fork_delay", &st->argv[0].loc);
	cfg_origin_set(p, obj, "terminate_delay", &st->argv[0].loc);
	return 0;
}

/* CFG_TIMER that can store into an instance's opts. */
static int
timer_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	if (cfg_want_args(p, st, 1, 1, k->usage) < 0)
		return -1;
	return cfg_get_timer(p, &st->argv[1], (uint64_t)k->min,
	    (uint64_t)k->max, kw_field(p, k, obj));
}

/* CFG_INT with the keyword named in the message. */
static int
int_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	if (cfg_want_args(p, st, 1, 1, k->usage) < 0)
		return -1;
	return cfg_get_int_for(
	    p, k->name, &st->argv[1], k->min, k->max, kw_field(p, k, obj));
}

/* ---- -d ---- */

static void
list_kw_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const struct cfg_vec *v = kw_cfield(k, obj);

	if (v->n > 0)
		cfg_dump_object(f, k->block, k->name, v, indent);
}

static void
auth_kw_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vrrp_instance *vi = obj;
	const struct vrrp_instance_opts *o = vi->opts;

	if (o->auth_type == VRRP_CONF_AUTH_NONE)
		return;
	fprintf(f, "%*sauthentication {\n", indent, "");
	cfg_dump_line(f, indent + 4, vi, "auth_type", "auth_type %s",
	    auth_names[o->auth_type]);
	if (o->auth_pass[0] != '\0')
		cfg_dump_line(f, indent + 4, vi, "auth_pass", "auth_pass %s",
		    o->auth_pass);
	fprintf(f, "%*s}\n", indent, "");
}

static void
vip_dump(FILE *f, const void *obj, int indent)
{
	const struct cfg_vec *v = obj;
	size_t i;

	for (i = 0; i < v->n; i++)
		vrrp_dump_ipaddr(f, indent, v->v[i]);
}

static void
route_dump(FILE *f, const void *obj, int indent)
{
	const struct cfg_vec *v = obj;
	size_t i;

	for (i = 0; i < v->n; i++)
		vrrp_dump_route(f, indent, v->v[i]);
}

static void
rule_dump(FILE *f, const void *obj, int indent)
{
	const struct cfg_vec *v = obj;
	size_t i;

	for (i = 0; i < v->n; i++)
		vrrp_dump_rule(f, indent, v->v[i]);
}

static void
peer_dump(FILE *f, const void *obj, int indent)
{
	const struct cfg_vec *v = obj;
	const struct vrrp_peer *pe;
	char buf[INET6_ADDRSTRLEN], ttl[64];
	size_t i;
	int n;

	for (i = 0; i < v->n; i++) {
		pe = v->v[i];
		n = 0;
		ttl[0] = '\0';
		if (pe->min_ttl != VRRP_UNSET)
			n = snprintf(
			    ttl, sizeof(ttl), " min_ttl %d", pe->min_ttl);
		if (pe->max_ttl != VRRP_UNSET)
			snprintf(ttl + n, sizeof(ttl) - (size_t)n,
			    " max_ttl %d", pe->max_ttl);
		cfg_dump_line(f, indent, pe, "peer", "%s%s",
		    cfg_addr_str(&pe->addr, "all", buf, sizeof(buf)), ttl);
	}
}

static void
track_dump(FILE *f, const void *obj, int indent)
{
	const struct cfg_vec *v = obj;
	const struct vrrp_track *t;
	size_t i;

	for (i = 0; i < v->n; i++) {
		t = v->v[i];
		if (t->weight == VRRP_UNSET)
			cfg_dump_line(f, indent, t, "track", "%s", t->name);
		else
			cfg_dump_line(f, indent, t, "track",
			    "%s weight %" PRId64 "%s", t->name, t->weight,
			    t->reverse ? " reverse" : "");
	}
}

static void
delay_dump(FILE *f, const void *obj, int indent)
{
	const struct cfg_vec *v = obj;
	const struct vrrp_if_delay *d;
	size_t i;

	for (i = 0; i < v->n; i++) {
		d = v->v[i];
		cfg_dump_line(f, indent, d, "delay",
		    "%s %" PRIu64 ".%06" PRIu64 " %" PRIu64 ".%06" PRIu64,
		    d->ifname, d->down / USEC, d->down % USEC, d->up / USEC,
		    d->up % USEC);
	}
}

static void
name_dump(FILE *f, const void *obj, int indent)
{
	const struct cfg_vec *v = obj;
	const struct vrrp_track *t;
	size_t i;

	for (i = 0; i < v->n; i++) {
		t = v->v[i];
		cfg_dump_line(f, indent, t, "track", "%s", t->name);
	}
}

static void
instances_dump(
    FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const struct vrrp_model *m = cfg_model(obj, CFG_MODEL_VRRP);
	const struct vrrp_instance *vi;
	char hdr[VRRP_NAME_LEN + 32];
	size_t i;

	for (i = 0; m != NULL && i < m->instances.n; i++) {
		vi = m->instances.v[i];
		snprintf(hdr, sizeof(hdr), "%s %s", k->name, vi->name);
		cfg_dump_object(f, k->block, hdr, vi, indent);
	}
}

/* Prints each named object of vec at off in the model. */
static void
dump_named(FILE *f, const struct cfg_keyword *k, const void *cfg, size_t off,
    int indent)
{
	const struct vrrp_model *m = cfg_model(cfg, CFG_MODEL_VRRP);
	const struct cfg_vec *v;
	char hdr[VRRP_NAME_LEN + 32];
	size_t i;

	if (m == NULL)
		return;
	v = (const struct cfg_vec *)((const char *)m + off);
	for (i = 0; i < v->n; i++) {
		/* every named object starts with its name */
		snprintf(hdr, sizeof(hdr), "%s %s", k->name,
		    *(const char *const *)v->v[i]);
		cfg_dump_object(f, k->block, hdr, v->v[i], indent);
	}
}

static void
scripts_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	dump_named(f, k, obj, offsetof(struct vrrp_model, scripts), indent);
}

static void
tfiles_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	dump_named(f, k, obj, offsetof(struct vrrp_model, track_files), indent);
}

static void
tprocs_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	dump_named(
	    f, k, obj, offsetof(struct vrrp_model, track_processes), indent);
}

static void
sgroups_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	dump_named(f, k, obj, offsetof(struct vrrp_model, sync_groups), indent);
}

static void
tgroups_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	dump_named(
	    f, k, obj, offsetof(struct vrrp_model, track_groups), indent);
}

static void
ggroups_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const struct vrrp_model *m = cfg_model(obj, CFG_MODEL_VRRP);
	size_t i;

	for (i = 0; m != NULL && i < m->garp_groups.n; i++)
		cfg_dump_object(
		    f, k->block, k->name, m->garp_groups.v[i], indent);
}

static void
statics_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const struct vrrp_model *m = cfg_model(obj, CFG_MODEL_VRRP);
	const struct cfg_vec *v;

	if (m == NULL)
		return;
	if (k->block == &saddr_block)
		v = &m->static_addrs;
	else if (k->block == &delays_block)
		v = &m->if_delays;
	else if (k->block == &sroute_block)
		v = &m->static_routes;
	else
		v = &m->static_rules;
	if (v->n > 0)
		cfg_dump_object(f, k->block, k->name, v, indent);
}

static void
ifname_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const struct vrrp_instance *vi = obj;

	if (vi->ifname[0] != '\0')
		fprintf(f, "%*s%s %s\n", indent, "", k->name, vi->ifname);
}

static void
str_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const char *s = kw_cfield(k, obj);

	if (s[0] != '\0')
		fprintf(f, "%*s%s %s\n", indent, "", k->name, s);
}

static void
ptr_str_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const char *s = *(const char *const *)kw_cfield(k, obj);

	if (s != NULL)
		fprintf(f, "%*s%s %s\n", indent, "", k->name, s);
}

static void
tri_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	int v = *(const int *)kw_cfield(k, obj);

	if (v != VRRP_UNSET)
		fprintf(
		    f, "%*s%s %s\n", indent, "", k->name, v ? "true" : "false");
}

static void
script_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	cfg_dump_script(f, indent, k->name, kw_cfield(k, obj));
}

static void
deleted_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const struct vrrp_instance *vi = obj;

	if (vi->opts->notify_deleted.cmd != NULL)
		script_dump(f, k, obj, indent);
	else if (vi->opts->notify_deleted_on)
		fprintf(f, "%*s%s\n", indent, "", k->name);
}

static void
saddr_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vrrp_instance *vi = obj;
	char buf[INET6_ADDRSTRLEN];

	if (vi->saddr.family != AF_UNSPEC)
		fprintf(f, "%*s%s %s\n", indent, "",
		    vi->saddr_unicast ? "unicast_src_ip" : "mcast_src_ip",
		    cfg_addr_str(&vi->saddr, "all", buf, sizeof(buf)));
}

static void
addr_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const struct cfg_addr *a = kw_cfield(k, obj);
	char buf[INET6_ADDRSTRLEN];

	if (a->family != AF_UNSPEC)
		fprintf(f, "%*s%s %s\n", indent, "", k->name,
		    cfg_addr_str(a, "all", buf, sizeof(buf)));
}

static void
accept_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vrrp_instance *vi = obj;

	if (vi->accept != VRRP_UNSET)
		fprintf(f, "%*s%s\n", indent, "",
		    vi->accept ? "accept" : "no_accept");
}

static void
weight_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const int64_t *w = (const int64_t *)((const char *)obj + k->off);

	fprintf(f, "%*sweight %" PRId64 "%s\n", indent, "", *w,
	    *(const bool *)(w + 1) ? " reverse" : "");
}

static void
init_file_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct track_file *t = obj;

	if (t->init_file)
		fprintf(f, "%*sinit_file %" PRId64 "%s\n", indent, "",
		    t->init_value, t->init_overwrite ? " overwrite" : "");
}

static void
process_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vrrp_track_process *t = obj;

	if (t->process != NULL)
		fprintf(f, "%*sprocess %s%s%s\n", indent, "", t->process,
		    t->params ? " " : "", t->params ? t->params : "");
}

static void
param_match_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct vrrp_track_process *t = obj;

	if (t->param_match != VRRP_PARAM_MATCH_EXACT)
		fprintf(f, "%*sparam_match %s\n", indent, "",
		    match_names[t->param_match]);
}

static void
sentinel_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	int64_t v;

	memcpy(&v, kw_cfield(k, obj), sizeof(v));
	if (v != VRRP_UNSET)
		fprintf(f, "%*s%s %" PRId64 "\n", indent, "", k->name, v);
}

static void
sentinel32_dump(
    FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	int32_t v;

	memcpy(&v, kw_cfield(k, obj), sizeof(v));
	if (v != VRRP_UNSET)
		fprintf(f, "%*s%s %" PRId32 "\n", indent, "", k->name, v);
}

static void
timer_set_dump(
    FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	uint64_t v;

	memcpy(&v, kw_cfield(k, obj), sizeof(v));
	if (v != VRRP_UNSET_TIMER)
		fprintf(f, "%*s%s %" PRIu64 ".%06" PRIu64 "\n", indent, "",
		    k->name, v / 1000000, v % 1000000);
}

static void
state_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vrrp_instance *vi = obj;

	if (vi->state != VRRP_CONF_STATE_UNSET)
		fprintf(f, "%*sstate %s\n", indent, "", state_names[vi->state]);
}

static void
flag_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	if (*(const bool *)kw_cfield(k, obj))
		fprintf(f, "%*s%s\n", indent, "", k->name);
}

static void
vmac_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vrrp_instance *vi = obj;

	const struct vrrp_instance_opts *o = vi->opts;
	int i;

	if (!vi->use_vmac)
		return;
	fprintf(f, "%*suse_vmac%s%s", indent, "", o->vmac_name[0] ? " " : "",
	    o->vmac_name);
	for (i = 0; i < o->vmac_mac_len; i++)
		fprintf(f, "%s%02x", i == 0 ? " " : ":", o->vmac_mac[i]);
	fputc('\n', f);
}

static void
ipvlan_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vrrp_instance *vi = obj;

	if (vi->use_ipvlan)
		fprintf(f, "%*suse_ipvlan%s%s\n", indent, "",
		    vi->opts->ipvlan[0] ? " " : "", vi->opts->ipvlan);
}
