/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cfg_global.c: keyword tables of global_defs and the top-level globals. */

#include <sys/stat.h>
#include <sys/types.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cfg.h"

#define SEC 1000000LL /* microseconds */
/* keepalived keeps most of its timers as unsigned microseconds */
#define TIMER_MAX ((int64_t)UINT32_MAX)
/*
 * The VRRP child runs SCHED_RR unless vrrp_rt_priority says 0: failover
 * stays within 1 ms of the protocol bound on a busy host (bench/failover).
 * A modest priority, as corosync's: above every normal task, below the
 * kernel's threaded interrupts (50), which must deliver the adverts.
 */
#define GLOBAL_VRRP_RT_PRIO 10

#define G(field) offsetof(struct global_conf, field)
#define TOP(field) (offsetof(struct config, global) + G(field))

static void *
global_defs_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static int
global_defs_leave(struct cfg_parser *, const struct cfg_stmt *, void *);
static void *list_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static void *
linkbeat_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static int linkbeat_item(struct cfg_parser *, const struct cfg_stmt *, void *);
static void linkbeat_dump(FILE *, const void *, int);
static void
linkbeat_kw_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int email_item(struct cfg_parser *, const struct cfg_stmt *, void *);
static void email_dump(FILE *, const void *, int);
static void
email_kw_dump(FILE *, const struct cfg_keyword *, const void *, int);

static int ns_ipvs_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void ns_ipvs_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int process_names_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static int script_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static int smtp_server_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static int smtp_file_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void word_dump(FILE *, const struct cfg_keyword *, const void *, int);
static void
smtp_server_dump(FILE *, const struct cfg_keyword *, const void *, int);
static void
tristate_dump(FILE *, const struct cfg_keyword *, const void *, int);
static void cpuset_dump(FILE *, const struct cfg_keyword *, const void *, int);
static void mcast_dump(FILE *, const struct cfg_keyword *, const void *, int);
static void script_dump(FILE *, const struct cfg_keyword *, const void *, int);
static void nft_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int tristate_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static int mcast_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static int lvs_syncd_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
lvs_syncd_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int lvs_timeouts_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
lvs_timeouts_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int lvs_flush_on_stop_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
lvs_flush_on_stop_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int lower_prio_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
lower_prio_delay_dump(FILE *, const struct cfg_keyword *, const void *, int);
static void
lower_prio_repeat_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int min_garp_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
min_garp_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int garp_extra_if_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
garp_extra_if_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int nftables_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static int iptables_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
iptables_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int ipsets_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void ipsets_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int max_auto_prio_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
max_auto_prio_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int cpu_affinity_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static int script_user_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
script_user_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int fifo_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static int fifo_script_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
notify_fifo_dump(FILE *, const struct cfg_keyword *, const void *, int);
static void
vrrp_notify_fifo_dump(FILE *, const struct cfg_keyword *, const void *, int);
static void
lvs_notify_fifo_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int dyn_if_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void dyn_if_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int rx_bufs_policy_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
rx_bufs_policy_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int umask_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void umask_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int reload_check_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
reload_check_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int include_check_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
include_check_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int reload_time_file_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
reload_time_file_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int reload_file_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
reload_file_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int alias_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static struct global_fifo *fifo_of(struct global_conf *, const char *);

static int get_user_group(
    struct cfg_parser *, const struct cfg_stmt *, int, char *, char *);
static int get_script(
    struct cfg_parser *, const struct cfg_stmt *, struct global_script *);
static int
get_abs_path(struct cfg_parser *, const struct cfg_token *, char *, size_t);
static int get_multicast(
    struct cfg_parser *, const struct cfg_token *, int, struct cfg_addr *);
static bool is_multicast(const struct cfg_addr *);
static int want_value(struct cfg_parser *, const struct cfg_stmt *, int);
static void dump_word(FILE *, const char *);
static void dump_line(FILE *, int, const char *, const char *);
static void dump_addr(FILE *, int, const char *, const struct cfg_addr *);
static void
dump_script(FILE *, int, const char *, const struct global_script *);
static void dump_fifo(FILE *, int, const char *, const struct global_fifo *);
static void dump_tristate(FILE *, int, const char *, int);
static void
dump_cpuset(FILE *, int, const char *, const struct global_cpuset *);
static void dump_nft(FILE *, int, const char *, const char *);
static void dump_timer(FILE *, uint64_t);

/*
 * Deprecated spellings that keepalived 2.2.7 still accepts in global_defs:
 * each warns and then parses as its replacement.
 */
static const struct {
	const char *old;
	const char *new;
} global_aliases[] = {
	{ "lvs_process_name", "checker_process_name" },
	{ "lvs_flush_onstop", "lvs_flush_on_stop" },
	{ "vrrp_vmac_garp_intvl", "vrrp_garp_extra_if" },
	{ "vrrp_rlimit_rtime", "vrrp_rlimit_rttime" },
	{ "checker_rlimit_rtime", "checker_rlimit_rttime" },
	{ "bfd_rlimit_rtime", "bfd_rlimit_rttime" },
	{ "enable_snmp_keepalived", "enable_snmp_vrrp" },
	{ NULL, NULL },
};

/* Indexed by enum global_smtp_tls. */
static const char *const smtp_tls_names[] = { "none", "starttls", "tls", NULL };

/*
 * What the parent's mail module runs (see cfg_register_running): every
 * email keyword of global_defs.  Each object's smtp_alert is listed by
 * the subsystem that describes the object to the herald.
 */
static const char *const mail_running_keywords[] = {
	"global_defs.notification_email",
	"global_defs.notification_email_from",
	"global_defs.notification_email_from_name",
	"global_defs.smtp_server",
	"global_defs.smtp_helo_name",
	"global_defs.smtp_connect_timeout",
	"global_defs.smtp_alert",
	"global_defs.smtp_alert_vrrp",
	"global_defs.smtp_alert_checker",
	"global_defs.no_email_faults",
	"global_defs.smtp_tls",
	"global_defs.smtp_ca_file",
	"global_defs.smtp_auth_file",
	NULL,
};

/* What the parent's SNMP module runs (see cfg_register_running);
   router_id is also in the mails' subjects. */
static const char *const snmp_running_keywords[] = {
	"global_defs.router_id",
	"global_defs.snmp_socket",
	"global_defs.enable_snmp_vrrp",
	"global_defs.enable_snmp_checker",
	"global_defs.enable_snmp_rfc",
	"global_defs.enable_snmp_rfcv2",
	"global_defs.enable_snmp_rfcv3",
	"global_defs.enable_traps",
	NULL,
};

/* notification_email { ADDRESS ... } */
static const struct cfg_block email_block = {
	.name = "notification_email",
	.enter = list_enter,
	.item = email_item,
	.dump = email_dump,
};

/* linkbeat_interfaces { IFNAME [MII|ETHTOOL|IOCTL] ... } */
const struct cfg_block cfg_linkbeat_block = {
	.name = "linkbeat_interfaces",
	.enter = linkbeat_enter,
	.item = linkbeat_item,
	.dump = linkbeat_dump,
};

#define FLAG(n) \
	{ \
		.name = #n, .kind = CFG_FLAG, .off = G(n), .usage = "" \
	}
#define BOOL(n) \
	{ \
		.name = #n, .kind = CFG_BOOL, .off = G(n), .usage = "[<BOOL>]" \
	}
#define INT(n, lo, hi, u) \
	{ \
		.name = #n, .kind = CFG_INT, .off = G(n), .min = (lo), \
		.max = (hi), .usage = (u) \
	}
#define TIMER(n, lo, hi, u) \
	{ \
		.name = #n, .kind = CFG_TIMER, .off = G(n), .min = (lo), \
		.max = (hi), .usage = (u) \
	}
#define STR(n, u) \
	{ \
		.name = #n, .kind = CFG_STR, .off = G(n), \
		.max = sizeof(((struct global_conf *)0)->n), .usage = (u) \
	}
#define CUSTOM(n, f, d, u) \
	{ \
		.name = #n, .kind = CFG_CUSTOM, .fn = (f), .dump = (d), \
		.usage = (u) \
	}
/* A custom keyword that fills the field of its own name (k->off). */
#define CUSTOMF(n, f, d, u) \
	{ \
		.name = #n, .kind = CFG_CUSTOM, .off = G(n), .fn = (f), \
		.dump = (d), .usage = (u) \
	}
#define ALIAS(n, u) \
	{ \
		.name = #n, .kind = CFG_CUSTOM, .fn = alias_fn, .usage = (u), \
		.flags = CFG_F_NODUMP \
	}

/* In the order of keepalived.conf(5), then the deprecated spellings. */
static const struct cfg_keyword global_defs_keywords[] = {
	STR(tmp_config_directory, "<DIRECTORY>"),
	STR(config_save_dir, "<DIRECTORY>"),
	CUSTOM(process_names, process_names_fn, NULL, ""),
	STR(process_name, "<NAME>"),
	STR(vrrp_process_name, "<NAME>"),
	STR(checker_process_name, "<NAME>"),
	STR(bfd_process_name, "<NAME>"),
	CUSTOMF(startup_script, script_fn, script_dump,
	    "<SCRIPT_NAME> [<USERNAME> [<GROUPNAME>]]"),
	TIMER(startup_script_timeout, 1 * SEC, 1000 * SEC, "<SECONDS>"),
	CUSTOMF(shutdown_script, script_fn, script_dump,
	    "<SCRIPT_NAME> [<USERNAME> [<GROUPNAME>]]"),
	TIMER(shutdown_script_timeout, 1 * SEC, 1000 * SEC, "<SECONDS>"),
	{ .name = "notification_email",
	    .kind = CFG_BLOCK,
	    .block = &email_block,
	    .dump = email_kw_dump,
	    .usage = "{ <ADDRESS> ... }",
	    .flags = CFG_F_REPEAT },
	STR(notification_email_from, "<ADDRESS>"),
	CUSTOM(smtp_server, smtp_server_fn, smtp_server_dump,
	    "<ADDR|HOSTNAME> [<PORT>]"),
	STR(smtp_helo_name, "<STRING>"),
	TIMER(smtp_connect_timeout, 1 * SEC, TIMER_MAX, "<SECS>"),
	CUSTOMF(smtp_alert, tristate_fn, tristate_dump, "[<BOOL>]"),
	CUSTOMF(smtp_alert_vrrp, tristate_fn, tristate_dump, "[<BOOL>]"),
	CUSTOMF(smtp_alert_checker, tristate_fn, tristate_dump, "[<BOOL>]"),
	BOOL(checker_log_all_failures),
	CUSTOMF(ssl_verify_certificate, tristate_fn, tristate_dump, "[<BOOL>]"),
	FLAG(no_email_faults),
	STR(router_id, "<STRING>"),
	/* vigil's extensions of alert email */
	{ .name = "notification_email_from_name",
	    .kind = CFG_STR,
	    .off = G(notification_email_from_name),
	    .max = GLOBAL_STR_LEN,
	    .dump = word_dump,
	    .usage = "<STRING>" },
	{ .name = "smtp_tls",
	    .kind = CFG_ENUM,
	    .off = G(smtp_tls),
	    .names = smtp_tls_names,
	    .usage = "starttls|tls|none" },
	CUSTOMF(smtp_ca_file, smtp_file_fn, word_dump, "<ABSOLUTE_PATH>"),
	CUSTOMF(smtp_auth_file, smtp_file_fn, word_dump, "<ABSOLUTE_PATH>"),
	CUSTOMF(vrrp_mcast_group4, mcast_fn, mcast_dump, "<IPV4 MCAST ADDR>"),
	CUSTOMF(vrrp_mcast_group6, mcast_fn, mcast_dump, "<IPV6 MCAST ADDR>"),
	STR(default_interface, "<IFNAME>"),
	CUSTOM(lvs_sync_daemon, lvs_syncd_fn, lvs_syncd_dump,
	    "<INTERFACE> [[inst] <VRRP_INSTANCE>] [id <SYNC_ID>] "
	    "[maxlen <LEN>] [port <PORT>] [ttl <TTL>] [group <IP ADDR>]"),
	{ .name = "lvs_timeouts",
	    .kind = CFG_CUSTOM,
	    .fn = lvs_timeouts_fn,
	    .dump = lvs_timeouts_dump,
	    .flags = CFG_F_REPEAT,
	    .usage = "[tcp <SECS>] [tcpfin <SECS>] [udp <SECS>]" },
	FLAG(lvs_flush),
	CUSTOM(lvs_flush_on_stop, lvs_flush_on_stop_fn, lvs_flush_on_stop_dump,
	    "[VS]"),
	TIMER(vrrp_garp_master_delay, 0, TIMER_MAX, "<SECS>"),
	INT(vrrp_garp_master_repeat, 1, UINT32_MAX, "<COUNT>"),
	CUSTOM(vrrp_garp_lower_prio_delay, lower_prio_fn, lower_prio_delay_dump,
	    "<SECS>"),
	INT(vrrp_down_timer_adverts, 1, 100, "<1..100>"),
	CUSTOM(vrrp_garp_lower_prio_repeat, lower_prio_fn,
	    lower_prio_repeat_dump, "<COUNT>"),
	TIMER(vrrp_garp_master_refresh, 0, UINT32_MAX *SEC, "<SECS>"),
	INT(vrrp_garp_master_refresh_repeat, 1, UINT32_MAX, "<COUNT>"),
	TIMER(vrrp_garp_interval, 1, TIMER_MAX, "<SECS>"),
	TIMER(vrrp_gna_interval, 1, TIMER_MAX, "<SECS>"),
	CUSTOM(vrrp_min_garp, min_garp_fn, min_garp_dump, "[<BOOL>]"),
	CUSTOM(vrrp_garp_extra_if, garp_extra_if_fn, garp_extra_if_dump,
	    "[all] <SECS>"),
	BOOL(vrrp_lower_prio_no_advert),
	BOOL(vrrp_higher_prio_send_advert),
	INT(vrrp_version, 2, 3, "<2|3>"),
	CUSTOMF(nftables, nftables_fn, nft_dump, "[<TABLENAME>]"),
	INT(nftables_priority, INT32_MIN, INT32_MAX, "<PRIORITY>"),
	FLAG(nftables_counters),
	FLAG(nftables_ifindex),
	CUSTOMF(nftables_ipvs, nftables_fn, nft_dump, "[<TABLENAME>]"),
	INT(nftables_ipvs_priority, INT32_MIN, INT32_MAX, "<PRIORITY>"),
	INT(nftables_ipvs_start_fwmark, 1, UINT32_MAX, "<NUMBER>"),
	CUSTOM(vrrp_iptables, iptables_fn, iptables_dump,
	    "[<IN_CHAIN> [<OUT_CHAIN>]]"),
	CUSTOM(vrrp_ipsets, ipsets_fn, ipsets_dump,
	    "[<IPV4_SET> [<IPV6_SET> [<IPV6_IF_SET> [<IGMP_SET> "
	    "[<MLD_SET>]]]]]"),
	FLAG(disable_local_igmp),
	FLAG(vrrp_check_unicast_src),
	FLAG(vrrp_skip_check_adv_addr),
	FLAG(vrrp_strict),
	BOOL(vrrp_notify_priority_changes),
	CUSTOM(max_auto_priority, max_auto_prio_fn, max_auto_prio_dump,
	    "[<-1..99>]"),
	INT(min_auto_priority_delay, 1, 10000000, "<USECS>"),
	INT(vrrp_priority, -20, 19, "<-20..19>"),
	INT(checker_priority, -20, 19, "<-20..19>"),
	INT(bfd_priority, -20, 19, "<-20..19>"),
	FLAG(vrrp_no_swap),
	FLAG(checker_no_swap),
	FLAG(bfd_no_swap),
	CUSTOMF(vrrp_cpu_affinity, cpu_affinity_fn, cpuset_dump,
	    "<CPU> [<CPU>]..."),
	CUSTOMF(checker_cpu_affinity, cpu_affinity_fn, cpuset_dump,
	    "<CPU> [<CPU>]..."),
	CUSTOMF(
	    bfd_cpu_affinity, cpu_affinity_fn, cpuset_dump, "<CPU> [<CPU>]..."),
	INT(vrrp_rt_priority, 0, GLOBAL_RT_PRIO_MAX, "<0..99>"),
	INT(checker_rt_priority, 1, GLOBAL_RT_PRIO_MAX, "<1..99>"),
	INT(bfd_rt_priority, 1, GLOBAL_RT_PRIO_MAX, "<1..99>"),
	INT(vrrp_rlimit_rttime, 2, UINT32_MAX, "<USECS>"),
	INT(checker_rlimit_rttime, 2, UINT32_MAX, "<USECS>"),
	INT(bfd_rlimit_rttime, 2, UINT32_MAX, "<USECS>"),
	STR(snmp_socket, "<SOCKET>"),
	FLAG(enable_snmp_vrrp),
	FLAG(enable_snmp_checker),
	FLAG(enable_snmp_rfc),
	FLAG(enable_snmp_rfcv2),
	FLAG(enable_snmp_rfcv3),
	FLAG(enable_traps),
	FLAG(enable_dbus),
	STR(dbus_service_name, "<SERVICE_NAME>"),
	CUSTOM(script_user, script_user_fn, script_user_dump,
	    "<USERNAME> [<GROUPNAME>]"),
	FLAG(enable_script_security),
	CUSTOM(notify_fifo, fifo_fn, notify_fifo_dump,
	    "<FIFO_NAME> [<USERNAME> [<GROUPNAME>]]"),
	CUSTOM(notify_fifo_script, fifo_script_fn, NULL,
	    "<SCRIPT> [<USERNAME> [<GROUPNAME>]]"),
	CUSTOM(vrrp_notify_fifo, fifo_fn, vrrp_notify_fifo_dump,
	    "<FIFO_NAME> [<USERNAME> [<GROUPNAME>]]"),
	CUSTOM(vrrp_notify_fifo_script, fifo_script_fn, NULL,
	    "<SCRIPT> [<USERNAME> [<GROUPNAME>]]"),
	CUSTOM(lvs_notify_fifo, fifo_fn, lvs_notify_fifo_dump,
	    "<FIFO_NAME> [<USERNAME> [<GROUPNAME>]]"),
	CUSTOM(lvs_notify_fifo_script, fifo_script_fn, NULL,
	    "<SCRIPT> [<USERNAME> [<GROUPNAME>]]"),
	FLAG(fifo_write_vrrp_states_on_reload),
	CUSTOM(
	    dynamic_interfaces, dyn_if_fn, dyn_if_dump, "[allow_if_changes]"),
	INT(vrrp_netlink_cmd_rcv_bufs, 0, UINT32_MAX, "<BYTES>"),
	BOOL(vrrp_netlink_cmd_rcv_bufs_force),
	INT(vrrp_netlink_monitor_rcv_bufs, 0, UINT32_MAX, "<BYTES>"),
	BOOL(vrrp_netlink_monitor_rcv_bufs_force),
	INT(lvs_netlink_cmd_rcv_bufs, 0, UINT32_MAX, "<BYTES>"),
	BOOL(lvs_netlink_cmd_rcv_bufs_force),
	INT(lvs_netlink_monitor_rcv_bufs, 0, UINT32_MAX, "<BYTES>"),
	BOOL(lvs_netlink_monitor_rcv_bufs_force),
	INT(process_monitor_rcv_bufs, 0, UINT32_MAX, "<BYTES>"),
	BOOL(process_monitor_rcv_bufs_force),
	CUSTOM(vrrp_rx_bufs_policy, rx_bufs_policy_fn, rx_bufs_policy_dump,
	    "<MTU|ADVERT|BYTES>"),
	INT(vrrp_rx_bufs_multiplier, 1, UINT32_MAX, "<NUMBER>"),
	BOOL(rs_init_notifies),
	BOOL(no_checker_emails),
	CUSTOM(umask, umask_fn, umask_dump, "<NUMBER|BITS>"),
	TIMER(vrrp_startup_delay, SEC / 1000, TIMER_MAX, "<SECS>"),
	FLAG(log_unknown_vrids),
	STR(vmac_prefix, "<STRING>"),
	STR(vmac_addr_prefix, "<STRING>"),
	INT(random_seed, 0, UINT32_MAX, "<UNSIGNED_INT>"),
	CUSTOM(reload_check_config, reload_check_fn, reload_check_dump,
	    "[<LOG_FILE>]"),
	/* The preprocessor honours it; the model keeps it for -d. */
	{ .name = "include_check",
	    .kind = CFG_CUSTOM,
	    .fn = include_check_fn,
	    .dump = include_check_dump,
	    .flags = CFG_F_RUNS,
	    .usage = "[[+|-]readable|match|wildcard_match|brace_match]..." },
	CUSTOM(reload_time_file, reload_time_file_fn, reload_time_file_dump,
	    "<ABSOLUTE_PATH>"),
	FLAG(reload_repeat),
	CUSTOM(
	    reload_file, reload_file_fn, reload_file_dump, "[<ABSOLUTE_PATH>]"),
	BOOL(data_use_instance),

	ALIAS(lvs_process_name, "<NAME>"),
	ALIAS(lvs_flush_onstop, "[VS]"),
	ALIAS(vrrp_vmac_garp_intvl, "[all] <SECS>"),
	ALIAS(vrrp_rlimit_rtime, "<USECS>"),
	ALIAS(checker_rlimit_rtime, "<USECS>"),
	ALIAS(bfd_rlimit_rtime, "<USECS>"),
	ALIAS(enable_snmp_keepalived, ""),
	CFG_KW_END,
};

const struct cfg_block cfg_global_defs_block = {
	.name = "global_defs",
	.keywords = global_defs_keywords,
	.enter = global_defs_enter,
	.leave = global_defs_leave,
};

/* Top-level keywords: their object is the struct config. */
static const struct cfg_section core_sections[] = {
	{ { .name = "global_defs",
	      .kind = CFG_BLOCK,
	      .off = offsetof(struct config, global),
	      .block = &cfg_global_defs_block,
	      .usage = "{ ... }",
	      .flags = CFG_F_REPEAT | CFG_F_RUNS },
	    CFG_OWNER_PARENT },
	{ { .name = "linkbeat_interfaces",
	      .kind = CFG_BLOCK,
	      .off = offsetof(struct config, global),
	      .block = &cfg_linkbeat_block,
	      .dump = linkbeat_kw_dump,
	      .usage = "{ <IFNAME> ... }",
	      .flags = CFG_F_REPEAT },
	    CFG_OWNER_PARENT },
	{ { .name = "net_namespace",
	      .kind = CFG_STR,
	      .off = TOP(net_namespace),
	      .max = GLOBAL_NAME_LEN,
	      .usage = "<NAME>" },
	    CFG_OWNER_PARENT },
	{ { .name = "net_namespace_ipvs",
	      .kind = CFG_CUSTOM,
	      .fn = ns_ipvs_fn,
	      .dump = ns_ipvs_dump,
	      .usage = "[<NAME>]" },
	    CFG_OWNER_PARENT },
	{ { .name = "namespace_with_ipsets",
	      .kind = CFG_FLAG,
	      .off = TOP(namespace_with_ipsets),
	      .usage = "" },
	    CFG_OWNER_PARENT },
	{ { .name = "instance",
	      .kind = CFG_STR,
	      .off = TOP(instance),
	      .max = GLOBAL_NAME_LEN,
	      .usage = "<NAME>" },
	    CFG_OWNER_PARENT },
	{ { .name = "use_pid_dir",
	      .kind = CFG_FLAG,
	      .off = TOP(use_pid_dir),
	      .usage = "" },
	    CFG_OWNER_PARENT },
	{ { .name = "linkbeat_use_polling",
	      .kind = CFG_FLAG,
	      .off = TOP(linkbeat_use_polling),
	      .usage = "" },
	    CFG_OWNER_PARENT },
	{ { .name = "child_wait_time",
	      .kind = CFG_TIMER,
	      .off = TOP(child_wait_time),
	      .min = 0,
	      .max = UINT32_MAX * SEC,
	      .usage = "<SECS>",
	      .flags = CFG_F_RUNS },
	    CFG_OWNER_PARENT },
};

void
cfg_register_core(void)
{
	cfg_register(
	    core_sections, sizeof(core_sections) / sizeof(core_sections[0]));
	cfg_register_running(mail_running_keywords);
	cfg_register_running(snmp_running_keywords);
}

void
global_conf_defaults(struct global_conf *g)
{
	static const uint8_t mcast4[4] = { 224, 0, 0, 18 };
	static const uint8_t mcast6[16] = { 0xff, 0x02, [15] = 0x12 };

	memset(g, 0, sizeof(*g));
	g->child_wait_time = 5 * SEC;
	g->startup_script_timeout = 10 * SEC;
	g->shutdown_script_timeout = 10 * SEC;
	g->smtp_server_addr.family = AF_UNSPEC;
	g->smtp_server_port = 25;
	g->smtp_connect_timeout = 30 * SEC;
	g->smtp_alert = -1;
	g->smtp_alert_vrrp = -1;
	g->smtp_alert_checker = -1;
	g->ssl_verify_certificate = -1;
	g->vrrp_mcast_group4.family = AF_INET;
	memcpy(g->vrrp_mcast_group4.u.v4, mcast4, sizeof(mcast4));
	g->vrrp_mcast_group6.family = AF_INET6;
	memcpy(g->vrrp_mcast_group6.u.v6, mcast6, sizeof(mcast6));
	strcpy(g->default_interface, "eth0");
	g->vrrp_garp_master_delay = 5 * SEC;
	g->vrrp_garp_master_repeat = 5;
	g->vrrp_garp_lower_prio_delay = 5 * SEC;
	g->vrrp_garp_lower_prio_repeat = 5;
	g->vrrp_down_timer_adverts = 3;
	g->vrrp_garp_master_refresh_repeat = 1;
	g->vrrp_version = 2;
	strcpy(g->vmac_prefix, "vrrp");
	g->vrrp_rx_bufs_policy = GLOBAL_RX_BUFS_SYSTEM;
	g->vrrp_rx_bufs_multiplier = 3;
	g->nftables_priority = -1;
	g->nftables_ipvs_priority = -1;
	g->nftables_ipvs_start_fwmark = 1000;
	g->vrrp_ipsets = GLOBAL_IPSETS_UNSET;
	strcpy(g->vrrp_ipset_address, "keepalived");
	strcpy(g->vrrp_ipset_address6, "keepalived6");
	strcpy(g->vrrp_ipset_address_iface6, "keepalived_if6");
	strcpy(g->vrrp_ipset_igmp, "keepalived_igmp");
	strcpy(g->vrrp_ipset_mld, "keepalived_mld");
	g->lvs_sync_daemon.syncid = -1;
	g->lvs_sync_daemon.group.family = AF_UNSPEC;
	g->lvs_timeouts.tcp = -1;
	g->lvs_timeouts.tcpfin = -1;
	g->lvs_timeouts.udp = -1;
	g->lvs_flush_on_stop = GLOBAL_LVS_FLUSH_NONE;
	g->max_auto_priority = 0;
	g->min_auto_priority_delay = 1000000;
	g->vrrp_rt_priority = GLOBAL_VRRP_RT_PRIO;
	g->vrrp_rlimit_rttime = 10000;
	g->checker_rlimit_rttime = 10000;
	g->bfd_rlimit_rttime = 10000;
	strcpy(g->snmp_socket, "unix:/var/agentx/master");
	strcpy(g->dbus_service_name, "org.keepalived.Vrrp1");
	g->umask_bits = 022; /* IWGRP | IWOTH */
	g->random_seed = -1;
	g->include_check = 0;
}

/* ---- blocks ---- */

static void *
global_defs_enter(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	if (cfg_want_args(p, st, 0, 0, "{ ... }") < 0)
		return NULL;
	return &((struct config *)obj)->global;
}

/*
 * Rules across keywords that keepalived.conf(5) states: vrrp_strict
 * forbids vrrp_higher_prio_send_advert.  (That the FIFO names differ is
 * checked as each is given, where the offending line is known.)
 */
static int
global_defs_leave(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;

	if (g->vrrp_strict && g->vrrp_higher_prio_send_advert) {
		cfg_perror(p, &st->argv[0].loc,
		    "global_defs: vrrp_strict does "
		    "not allow vrrp_higher_prio_send_advert");
		return -1;
	}
	return 0;
}

/* A list block nested in global_defs fills the same struct global_conf. */
static void *
list_enter(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	if (cfg_want_args(p, st, 0, 0, "{ ... }") < 0)
		return NULL;
	return obj;
}

static void *
linkbeat_enter(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	if (cfg_want_args(p, st, 0, 0, "{ <IFNAME> [MII|ETHTOOL|IOCTL] ... }") <
	    0)
		return NULL;
	return &((struct config *)obj)->global;
}

static int
linkbeat_item(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	static const char *const types[] = { "MII", "ETHTOOL", "IOCTL", NULL };
	struct global_conf *g = obj;
	struct global_linkbeat lb;
	int i;

	if (cfg_want_args(p, st, 0, 1, "[MII|ETHTOOL|IOCTL]") < 0)
		return -1;
	memset(&lb, 0, sizeof(lb));
	if (cfg_get_str(p, &st->argv[0], lb.ifname, sizeof(lb.ifname)) < 0)
		return -1;
	lb.type = GLOBAL_LB_DEFAULT;
	if (st->argc == 2) {
		for (i = 0; types[i] != NULL; i++)
			if (strcmp(st->argv[1].text, types[i]) == 0)
				lb.type = GLOBAL_LB_MII + i;
		if (lb.type == GLOBAL_LB_DEFAULT) {
			cfg_perror(p, &st->argv[1].loc,
			    "invalid linkbeat type "
			    "'%s': expected MII, ETHTOOL or IOCTL",
			    st->argv[1].text);
			return -1;
		}
	}
	for (i = 0; i < (int)g->n_linkbeat_if; i++)
		if (strcmp(g->linkbeat_if[i].ifname, lb.ifname) == 0) {
			g->linkbeat_if[i] = lb;
			cfg_pwarning(p, &st->argv[0].loc,
			    "linkbeat interface "
			    "'%s' is given again; the last one wins",
			    lb.ifname);
			return 0;
		}
	if (g->n_linkbeat_if == GLOBAL_LINKBEAT_MAX) {
		cfg_perror(p, &st->argv[0].loc,
		    "too many linkbeat_interfaces: "
		    "at most %d",
		    GLOBAL_LINKBEAT_MAX);
		return -1;
	}
	g->linkbeat_if[g->n_linkbeat_if++] = lb;
	return 0;
}

static void
linkbeat_dump(FILE *f, const void *obj, int indent)
{
	static const char *const types[] = { "", " MII", " ETHTOOL", " IOCTL" };
	const struct global_conf *g = obj;
	unsigned i;

	for (i = 0; i < g->n_linkbeat_if; i++)
		fprintf(f, "%*s%s%s\n", indent, "", g->linkbeat_if[i].ifname,
		    types[g->linkbeat_if[i].type]);
}

/* obj is the struct config, as for every top-level keyword. */
static void
linkbeat_kw_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct global_conf *g = &((const struct config *)obj)->global;

	if (g->n_linkbeat_if == 0)
		return;
	fprintf(f, "%*slinkbeat_interfaces {\n", indent, "");
	linkbeat_dump(f, g, indent + 4);
	fprintf(f, "%*s}\n", indent, "");
}

/* Each word of each line is an address, as keepalived reads the block. */
static int
email_item(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;
	const struct cfg_token *t;
	int i;

	for (i = 0; i < st->argc; i++) {
		t = &st->argv[i];
		if (g->n_notification_email == GLOBAL_EMAIL_MAX) {
			cfg_perror(p, &t->loc,
			    "too many notification_email "
			    "addresses: at most %d",
			    GLOBAL_EMAIL_MAX);
			return -1;
		}
		if (cfg_get_str(p, t,
		        g->notification_email[g->n_notification_email],
		        GLOBAL_STR_LEN) < 0)
			return -1;
		g->n_notification_email++;
	}
	return 0;
}

static void
email_dump(FILE *f, const void *obj, int indent)
{
	const struct global_conf *g = obj;
	unsigned i;

	for (i = 0; i < g->n_notification_email; i++)
		fprintf(f, "%*s%s\n", indent, "", g->notification_email[i]);
}

static void
email_kw_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct global_conf *g = obj;

	if (g->n_notification_email == 0)
		return;
	fprintf(f, "%*snotification_email {\n", indent, "");
	email_dump(f, obj, indent + 4);
	fprintf(f, "%*s}\n", indent, "");
}

/* ---- top-level custom keywords ---- */

/* net_namespace_ipvs [NAME]: no name means the default namespace. */
static int
ns_ipvs_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = &((struct config *)obj)->global;

	if (cfg_want_args(p, st, 0, 1, "[<NAME>]") < 0)
		return -1;
	g->net_namespace_ipvs[0] = '\0';
	if (st->argc == 2 &&
	    cfg_get_str(p, &st->argv[1], g->net_namespace_ipvs,
	        sizeof(g->net_namespace_ipvs)) < 0)
		return -1;
	g->net_namespace_ipvs_set = true;
	return 0;
}

static void
ns_ipvs_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct global_conf *g = &((const struct config *)obj)->global;

	if (g->net_namespace_ipvs_set)
		dump_line(
		    f, indent, "net_namespace_ipvs", g->net_namespace_ipvs);
}

/* ---- global_defs custom keywords ---- */

/* The names keepalived.conf(5) gives; the parent keeps its own name. */
static int
process_names_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;

	if (cfg_want_args(p, st, 0, 0, "") < 0)
		return -1;
	strcpy(g->vrrp_process_name, "keepalived_vrrp");
	strcpy(g->checker_process_name, "keepalived_ipvs");
	strcpy(g->bfd_process_name, "keepalived_bfd");
	return 0;
}

/* startup_script / shutdown_script: only one of each may be given. */
static int
script_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct global_script *s;

	s = (struct global_script *)((char *)obj + k->off);
	if (s->cmd[0] != '\0') {
		cfg_perror(p, &st->argv[0].loc, "only one %s may be given",
		    st->argv[0].text);
		return -1;
	}
	return get_script(p, st, s);
}

static void
script_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	dump_script(f, indent, k->name,
	    (const struct global_script *)((const char *)obj + k->off));
}

/*
 * smtp_server ADDR|HOSTNAME [PORT].  A host name is kept as text and
 * resolved when mail is sent, not while parsing.
 */
static int
smtp_server_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;
	const struct cfg_token *t = &st->argv[1];
	struct cfg_addr a;
	const char *s;
	int64_t port = 25;

	if (cfg_want_args(p, st, 1, 2, "<ADDR|HOSTNAME> [<PORT>]") < 0)
		return -1;
	memset(&a, 0, sizeof(a));
	a.family = AF_UNSPEC;
	if (inet_pton(AF_INET, t->text, a.u.v4) == 1)
		a.family = AF_INET;
	else if (inet_pton(AF_INET6, t->text, a.u.v6) == 1)
		a.family = AF_INET6;
	else {
		for (s = t->text; *s != '\0'; s++)
			if (!isalnum((unsigned char)*s) && *s != '-' &&
			    *s != '.' && *s != '_')
				break;
		if (*s != '\0' || t->text[0] == '\0' || t->text[0] == '-' ||
		    t->text[0] == '.') {
			cfg_perror(p, &t->loc,
			    "invalid smtp_server '%s': "
			    "expected an IP address or a host name",
			    t->text);
			return -1;
		}
	}
	if (st->argc == 3 && cfg_get_int(p, &st->argv[2], 1, 65535, &port) < 0)
		return -1;
	if (cfg_get_str(p, t, g->smtp_server, sizeof(g->smtp_server)) < 0)
		return -1;
	g->smtp_server_addr = a;
	g->smtp_server_port = port;
	return 0;
}

static void
smtp_server_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct global_conf *g = obj;

	if (g->smtp_server[0] != '\0')
		fprintf(f, "%*ssmtp_server %s %" PRId64 "\n", indent, "",
		    g->smtp_server, g->smtp_server_port);
}

/*
 * smtp_ca_file and smtp_auth_file: an absolute path.  With host checks,
 * the CA file must be a readable file, and the auth file must hold a user
 * and a password that only root may read, so that a secret readable by
 * others is refused before anything runs.
 */
static int
smtp_file_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	char *field = (char *)obj + k->off;
	const struct cfg_token *t = &st->argv[1];
	char user[GLOBAL_SMTP_SECRET_LEN], pass[GLOBAL_SMTP_SECRET_LEN];
	char why[128];
	int r = 0;

	if (cfg_want_args(p, st, 1, 1, "<ABSOLUTE_PATH>") < 0 ||
	    get_abs_path(p, t, field, GLOBAL_PATH_LEN) < 0)
		return -1;
	if (!cfg_host_checks())
		return 0;
	if (k->off == G(smtp_ca_file)) {
		if (access(field, R_OK) < 0) {
			cfg_perror(p, &t->loc, "smtp_ca_file '%s': %s", field,
			    strerror(errno));
			return -1;
		}
		return 0;
	}
	if (global_smtp_auth_read(field, user, sizeof(user), pass, sizeof(pass),
	        why, sizeof(why)) < 0) {
		cfg_perror(p, &t->loc, "smtp_auth_file '%s' %s", field, why);
		r = -1;
	}
	explicit_bzero(pass, sizeof(pass));
	return r;
}

int
global_smtp_auth_read(const char *path, char *user, size_t usize, char *pass,
    size_t psize, char *why, size_t wsize)
{
	char buf[2 * GLOBAL_SMTP_SECRET_LEN + 4], *nl, *pw;
	struct stat sb;
	ssize_t n;
	int fd, r = -1;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, wsize, "cannot be opened: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode))
		snprintf(why, wsize, "is not a regular file");
	else if (sb.st_uid != 0)
		snprintf(why, wsize, "is not owned by root");
	else if (sb.st_mode & (S_IRWXG | S_IRWXO))
		snprintf(why, wsize,
		    "may be read or written by group or others "
		    "(mode %04o): it must be mode 0600 or 0400",
		    (unsigned)(sb.st_mode & 07777));
	else if ((n = read(fd, buf, sizeof(buf) - 1)) < 0)
		snprintf(why, wsize, "cannot be read: %s", strerror(errno));
	else {
		buf[n] = '\0';
		nl = strchr(buf, '\n');
		pw = nl != NULL ? nl + 1 : NULL;
		if (nl != NULL)
			*nl = '\0';
		if (pw != NULL && (nl = strchr(pw, '\n')) != NULL)
			*nl = '\0';
		if (pw == NULL || buf[0] == '\0' || pw[0] == '\0' ||
		    strlen(buf) >= usize || strlen(pw) >= psize)
			snprintf(why, wsize,
			    "must hold the user name on its first line and "
			    "the password on its second");
		else {
			snprintf(user, usize, "%s", buf);
			snprintf(pass, psize, "%s", pw);
			r = 0;
		}
	}
	explicit_bzero(buf, sizeof(buf));
	close(fd);
	return r;
}

/* A string field printed as one word, quoted when it must be. */
static void
word_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const char *v = (const char *)obj + k->off;

	if (v[0] != '\0')
		dump_line(f, indent, k->name, v);
}

/* smtp_alert*: keepalived tells "not given" from "given false". */
static int
tristate_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	int *field = (int *)((char *)obj + k->off);
	bool v = true;

	if (cfg_want_args(p, st, 0, 1, "[<BOOL>]") < 0)
		return -1;
	if (st->argc == 2 && cfg_get_bool(p, &st->argv[1], &v) < 0)
		return -1;
	*field = v;
	return 0;
}

static void
tristate_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	dump_tristate(
	    f, indent, k->name, *(const int *)((const char *)obj + k->off));
}

/* vrrp_mcast_group4 / vrrp_mcast_group6: a multicast group of the family. */
static int
mcast_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	bool v6 = k->off == G(vrrp_mcast_group6);
	struct cfg_addr a;

	if (cfg_want_args(p, st, 1, 1,
	        v6 ? "<IPV6 MCAST ADDR>" : "<IPV4 MCAST ADDR>") < 0)
		return -1;
	if (get_multicast(p, &st->argv[1], v6 ? AF_INET6 : AF_INET, &a) < 0)
		return -1;
	/* RFC 5798 5.1.2.2: the VRRP group is link-local scoped. */
	if (v6 && (a.u.v6[1] & 0x0f) != 2)
		cfg_pwarning(p, &st->argv[1].loc,
		    "vrrp_mcast_group6 %s should "
		    "be a link-local multicast address",
		    st->argv[1].text);
	memcpy((char *)obj + k->off, &a, sizeof(a));
	return 0;
}

static void
mcast_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	dump_addr(f, indent, k->name,
	    (const struct cfg_addr *)((const char *)obj + k->off));
}

/*
 * lvs_sync_daemon IF [[inst] NAME] [id N] [maxlen N] [port N] [ttl N]
 * [group ADDR].  As keepalived, a bare third word is the instance and a
 * bare fourth word the sync id (the pre-2.0 form).
 */
static int
lvs_syncd_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;
	struct global_lvs_syncd sd;
	const struct cfg_token *t, *v;
	const char *w;
	int i;

	if (cfg_want_args(p, st, 1, -1,
	        "<INTERFACE> [[inst] <VRRP_INSTANCE>] "
	        "[id <SYNC_ID>] [maxlen <LEN>] [port <PORT>] [ttl <TTL>] "
	        "[group <IP ADDR>]") < 0)
		return -1;
	memset(&sd, 0, sizeof(sd));
	sd.syncid = -1;
	sd.group.family = AF_UNSPEC;
	if (cfg_get_str(p, &st->argv[1], sd.ifname, sizeof(sd.ifname)) < 0)
		return -1;
	for (i = 2; i < st->argc; i++) {
		t = &st->argv[i];
		w = t->text;
		if (strcmp(w, "inst") == 0 || strcmp(w, "id") == 0 ||
		    strcmp(w, "maxlen") == 0 || strcmp(w, "port") == 0 ||
		    strcmp(w, "ttl") == 0 || strcmp(w, "group") == 0) {
			if (want_value(p, st, i) < 0)
				return -1;
			v = &st->argv[++i];
		} else if (i == 2) {
			w = "inst";
			v = t;
		} else if (i == 3 && sd.vrrp_instance[0] != '\0' &&
		    sd.syncid == -1) {
			cfg_pwarning(p, &t->loc,
			    "lvs_sync_daemon: write 'id %s' "
			    "for the sync id",
			    w);
			w = "id";
			v = t;
		} else {
			cfg_perror(p, &t->loc,
			    "unknown lvs_sync_daemon option "
			    "'%s': expected inst, id, maxlen, port, ttl or "
			    "group",
			    w);
			return -1;
		}
		if (strcmp(w, "inst") == 0) {
			if (sd.vrrp_instance[0] != '\0') {
				cfg_perror(p, &v->loc,
				    "lvs_sync_daemon: the "
				    "vrrp instance is already given");
				return -1;
			}
			if (cfg_get_str(p, v, sd.vrrp_instance,
			        sizeof(sd.vrrp_instance)) < 0)
				return -1;
			/* The VRRP sections check the name later. */
			sd.vrrp_instance_loc = cfg_keep_loc(p, &v->loc);
		} else if (strcmp(w, "id") == 0) {
			if (cfg_get_int(p, v, 0, 255, &sd.syncid) < 0)
				return -1;
		} else if (strcmp(w, "maxlen") == 0) {
			if (cfg_get_int(p, v, 1, 65535 - 20 - 8, &sd.maxlen) <
			    0)
				return -1;
		} else if (strcmp(w, "port") == 0) {
			if (cfg_get_int(p, v, 1, 65535, &sd.port) < 0)
				return -1;
		} else if (strcmp(w, "ttl") == 0) {
			if (cfg_get_int(p, v, 1, 255, &sd.ttl) < 0)
				return -1;
		} else if (get_multicast(p, v, AF_UNSPEC, &sd.group) < 0)
			return -1;
	}
	g->lvs_sync_daemon = sd;
	return 0;
}

static void
lvs_syncd_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct global_lvs_syncd *sd =
	    &((const struct global_conf *)obj)->lvs_sync_daemon;
	char abuf[INET6_ADDRSTRLEN];

	if (sd->ifname[0] == '\0')
		return;
	fprintf(f, "%*slvs_sync_daemon %s", indent, "", sd->ifname);
	if (sd->vrrp_instance[0] != '\0') {
		fputs(" inst ", f);
		dump_word(f, sd->vrrp_instance);
	}
	if (sd->syncid >= 0)
		fprintf(f, " id %" PRId64, sd->syncid);
	if (sd->maxlen > 0)
		fprintf(f, " maxlen %" PRId64, sd->maxlen);
	if (sd->port > 0)
		fprintf(f, " port %" PRId64, sd->port);
	if (sd->ttl > 0)
		fprintf(f, " ttl %" PRId64, sd->ttl);
	if (sd->group.family != AF_UNSPEC &&
	    inet_ntop(sd->group.family, &sd->group.u, abuf, sizeof(abuf)))
		fprintf(f, " group %s", abuf);
	fputc('\n', f);
}

/* lvs_timeouts: several lines add up, as in keepalived. */
static int
lvs_timeouts_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;
	struct global_lvs_timeouts to = g->lvs_timeouts;
	const struct cfg_token *t;
	int64_t *field;
	int i;

	if (cfg_want_args(
	        p, st, 2, -1, "[tcp <SECS>] [tcpfin <SECS>] [udp <SECS>]") < 0)
		return -1;
	for (i = 1; i < st->argc; i++) {
		t = &st->argv[i];
		if (strcmp(t->text, "tcp") == 0)
			field = &to.tcp;
		else if (strcmp(t->text, "tcpfin") == 0)
			field = &to.tcpfin;
		else if (strcmp(t->text, "udp") == 0)
			field = &to.udp;
		else {
			cfg_perror(p, &t->loc,
			    "unknown lvs_timeouts option "
			    "'%s': expected tcp, tcpfin or udp",
			    t->text);
			return -1;
		}
		if (want_value(p, st, i) < 0 ||
		    cfg_get_int(p, &st->argv[++i], 0, GLOBAL_LVS_TIMEOUT_MAX,
		        field) < 0)
			return -1;
	}
	g->lvs_timeouts = to;
	return 0;
}

static void
lvs_timeouts_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct global_lvs_timeouts *to =
	    &((const struct global_conf *)obj)->lvs_timeouts;

	if (to->tcp < 0 && to->tcpfin < 0 && to->udp < 0)
		return;
	fprintf(f, "%*slvs_timeouts", indent, "");
	if (to->tcp >= 0)
		fprintf(f, " tcp %" PRId64, to->tcp);
	if (to->tcpfin >= 0)
		fprintf(f, " tcpfin %" PRId64, to->tcpfin);
	if (to->udp >= 0)
		fprintf(f, " udp %" PRId64, to->udp);
	fputc('\n', f);
}

static int
lvs_flush_on_stop_fn(struct cfg_parser *p,
    const struct cfg_keyword *k CFG_UNUSED, const struct cfg_stmt *st,
    void *obj)
{
	struct global_conf *g = obj;

	if (cfg_want_args(p, st, 0, 1, "[VS]") < 0)
		return -1;
	if (st->argc == 1) {
		g->lvs_flush_on_stop = GLOBAL_LVS_FLUSH_FULL;
		return 0;
	}
	if (strcmp(st->argv[1].text, "VS") != 0) {
		cfg_perror(p, &st->argv[1].loc,
		    "invalid value '%s' for "
		    "'%s': expected VS or nothing",
		    st->argv[1].text, st->argv[0].text);
		return -1;
	}
	g->lvs_flush_on_stop = GLOBAL_LVS_FLUSH_VS;
	return 0;
}

static void
lvs_flush_on_stop_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	int v = ((const struct global_conf *)obj)->lvs_flush_on_stop;

	if (v == GLOBAL_LVS_FLUSH_FULL)
		fprintf(f, "%*slvs_flush_on_stop\n", indent, "");
	else if (v == GLOBAL_LVS_FLUSH_VS)
		fprintf(f, "%*slvs_flush_on_stop VS\n", indent, "");
}

/*
 * vrrp_garp_lower_prio_delay / _repeat: remembered as given, since their
 * default is the vrrp instance's own garp_master_delay / _repeat.
 */
static int
lower_prio_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;

	if (strcmp(st->argv[0].text, "vrrp_garp_lower_prio_delay") == 0) {
		if (cfg_want_args(p, st, 1, 1, "<SECS>") < 0 ||
		    cfg_get_timer(p, &st->argv[1], 0, TIMER_MAX,
		        &g->vrrp_garp_lower_prio_delay) < 0)
			return -1;
		g->vrrp_garp_lower_prio_delay_set = true;
		return 0;
	}
	if (cfg_want_args(p, st, 1, 1, "<COUNT>") < 0 ||
	    cfg_get_int(p, &st->argv[1], 0, INT32_MAX,
	        &g->vrrp_garp_lower_prio_repeat) < 0)
		return -1;
	g->vrrp_garp_lower_prio_repeat_set = true;
	return 0;
}

static void
lower_prio_delay_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct global_conf *g = obj;

	if (!g->vrrp_garp_lower_prio_delay_set)
		return;
	fprintf(f, "%*svrrp_garp_lower_prio_delay ", indent, "");
	dump_timer(f, g->vrrp_garp_lower_prio_delay);
	fputc('\n', f);
}

static void
lower_prio_repeat_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct global_conf *g = obj;

	if (g->vrrp_garp_lower_prio_repeat_set)
		fprintf(f, "%*svrrp_garp_lower_prio_repeat %" PRId64 "\n",
		    indent, "", g->vrrp_garp_lower_prio_repeat);
}

/*
 * vrrp_min_garp: one GARP/NA and no second burst.  As keepalived, it only
 * changes the settings that still hold their defaults.
 */
static int
min_garp_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;
	bool v = true;

	if (cfg_want_args(p, st, 0, 1, "[<BOOL>]") < 0)
		return -1;
	if (st->argc == 2 && cfg_get_bool(p, &st->argv[1], &v) < 0)
		return -1;
	g->vrrp_min_garp = v;
	if (!v)
		return 0;
	if (g->vrrp_garp_master_repeat == 5)
		g->vrrp_garp_master_repeat = 1;
	if (g->vrrp_garp_master_refresh_repeat == 1)
		g->vrrp_garp_master_refresh_repeat = 0;
	if (g->vrrp_garp_master_delay == 5 * SEC)
		g->vrrp_garp_master_delay = 0;
	return 0;
}

static void
min_garp_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	if (((const struct global_conf *)obj)->vrrp_min_garp)
		fprintf(f, "%*svrrp_min_garp true\n", indent, "");
}

/* vrrp_garp_extra_if [all] SECS, the words in either order. */
static int
garp_extra_if_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;
	bool all = false;
	uint64_t secs = 0;
	int i;

	if (cfg_want_args(p, st, 1, 2, "[all] <SECS>") < 0)
		return -1;
	for (i = 1; i < st->argc; i++) {
		if (strcmp(st->argv[i].text, "all") == 0 && !all) {
			all = true;
			continue;
		}
		if (secs != 0) {
			cfg_perror(p, &st->argv[i].loc,
			    "unexpected '%s': "
			    "expected '%s [all] <SECS>'",
			    st->argv[i].text, st->argv[0].text);
			return -1;
		}
		if (cfg_get_timer(
		        p, &st->argv[i], 1 * SEC, 86400 * SEC, &secs) < 0)
			return -1;
	}
	if (secs == 0) {
		cfg_perror(p, &st->argv[0].loc,
		    "'%s' is missing its time: "
		    "expected '%s [all] <SECS>'",
		    st->argv[0].text, st->argv[0].text);
		return -1;
	}
	g->vrrp_garp_extra_if_all = all;
	g->vrrp_garp_extra_if = secs;
	return 0;
}

static void
garp_extra_if_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct global_conf *g = obj;

	if (g->vrrp_garp_extra_if == 0)
		return;
	fprintf(f, "%*svrrp_garp_extra_if %s", indent, "",
	    g->vrrp_garp_extra_if_all ? "all " : "");
	dump_timer(f, g->vrrp_garp_extra_if);
	fputc('\n', f);
}

/* nftables / nftables_ipvs [TABLENAME] */
static int
nftables_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	bool ipvs = k->off == G(nftables_ipvs);
	char *table = (char *)obj + k->off;

	if (cfg_want_args(p, st, 0, 1, "[<TABLENAME>]") < 0)
		return -1;
	if (st->argc == 1) {
		strcpy(table, ipvs ? "keepalived_ipvs" : "keepalived");
		return 0;
	}
	return cfg_get_str(p, &st->argv[1], table, GLOBAL_NFT_NAME_LEN);
}

static void
nft_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	dump_nft(f, indent, k->name, (const char *)obj + k->off);
}

/* vrrp_iptables [IN [OUT]]: no chain means INPUT and OUTPUT. */
static int
iptables_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;
	char in[GLOBAL_CHAIN_LEN], out[GLOBAL_CHAIN_LEN];

	if (cfg_want_args(p, st, 0, 2, "[<IN_CHAIN> [<OUT_CHAIN>]]") < 0)
		return -1;
	strcpy(in, "INPUT");
	strcpy(out, st->argc == 1 ? "OUTPUT" : "");
	if (st->argc >= 2 && cfg_get_str(p, &st->argv[1], in, sizeof(in)) < 0)
		return -1;
	if (st->argc >= 3 && cfg_get_str(p, &st->argv[2], out, sizeof(out)) < 0)
		return -1;
	g->vrrp_iptables = true;
	strcpy(g->vrrp_iptables_inchain, in);
	strcpy(g->vrrp_iptables_outchain, out);
	return 0;
}

static void
iptables_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct global_conf *g = obj;

	if (!g->vrrp_iptables)
		return;
	fprintf(f, "%*svrrp_iptables %s%s%s\n", indent, "",
	    g->vrrp_iptables_inchain, g->vrrp_iptables_outchain[0] ? " " : "",
	    g->vrrp_iptables_outchain);
}

/*
 * vrrp_ipsets [V4 [V6 [IF6 [IGMP [MLD]]]]]: no name turns ipsets off;
 * omitted names derive from the given ones as keepalived derives them.
 */
static int
ipsets_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;
	char names[5][GLOBAL_IPSET_LEN];
	char tmp[GLOBAL_IPSET_LEN + 8];
	size_t len;
	int i;

	if (cfg_want_args(p, st, 0, 5,
	        "[<IPV4_SET> [<IPV6_SET> [<IPV6_IF_SET> "
	        "[<IGMP_SET> [<MLD_SET>]]]]]") < 0)
		return -1;
	if (st->argc == 1) {
		g->vrrp_ipsets = GLOBAL_IPSETS_OFF;
		return 0;
	}
	memset(names, 0, sizeof(names));
	for (i = 1; i < st->argc; i++)
		if (cfg_get_str(
		        p, &st->argv[i], names[i - 1], GLOBAL_IPSET_LEN) < 0)
			return -1;
	if (st->argc < 3)
		snprintf(names[1], GLOBAL_IPSET_LEN, "%.*s6",
		    GLOBAL_IPSET_LEN - 2, names[0]);
	if (st->argc < 4) {
		strcpy(tmp, names[1]);
		len = strlen(tmp);
		if (len > 0 && tmp[len - 1] == '6')
			tmp[len - 1] = '\0';
		snprintf(names[2], GLOBAL_IPSET_LEN, "%.*s_if6",
		    GLOBAL_IPSET_LEN - 5, tmp);
	}
	if (st->argc < 5)
		snprintf(names[3], GLOBAL_IPSET_LEN, "%.*s_igmp",
		    GLOBAL_IPSET_LEN - 6, names[0]);
	if (st->argc < 6)
		snprintf(names[4], GLOBAL_IPSET_LEN, "%.*s_mld",
		    GLOBAL_IPSET_LEN - 5, names[0]);
	g->vrrp_ipsets = GLOBAL_IPSETS_ON;
	memcpy(g->vrrp_ipset_address, names[0], GLOBAL_IPSET_LEN);
	memcpy(g->vrrp_ipset_address6, names[1], GLOBAL_IPSET_LEN);
	memcpy(g->vrrp_ipset_address_iface6, names[2], GLOBAL_IPSET_LEN);
	memcpy(g->vrrp_ipset_igmp, names[3], GLOBAL_IPSET_LEN);
	memcpy(g->vrrp_ipset_mld, names[4], GLOBAL_IPSET_LEN);
	return 0;
}

static void
ipsets_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct global_conf *g = obj;

	if (g->vrrp_ipsets == GLOBAL_IPSETS_OFF)
		fprintf(f, "%*svrrp_ipsets\n", indent, "");
	else if (g->vrrp_ipsets == GLOBAL_IPSETS_ON)
		fprintf(f, "%*svrrp_ipsets %s %s %s %s %s\n", indent, "",
		    g->vrrp_ipset_address, g->vrrp_ipset_address6,
		    g->vrrp_ipset_address_iface6, g->vrrp_ipset_igmp,
		    g->vrrp_ipset_mld);
}

/* max_auto_priority [-1..99]: no value means the highest priority. */
static int
max_auto_prio_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;

	if (cfg_want_args(p, st, 0, 1, "[<-1..99>]") < 0)
		return -1;
	if (st->argc == 1) {
		g->max_auto_priority = GLOBAL_RT_PRIO_MAX;
		return 0;
	}
	return cfg_get_int(
	    p, &st->argv[1], -1, GLOBAL_RT_PRIO_MAX, &g->max_auto_priority);
}

static void
max_auto_prio_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	fprintf(f, "%*smax_auto_priority %" PRId64 "\n", indent, "",
	    ((const struct global_conf *)obj)->max_auto_priority);
}

/* vrrp/checker/bfd_cpu_affinity CPU...: CPUs this machine has. */
static int
cpu_affinity_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct global_cpuset *set, cs;
	long ncpu;
	int64_t cpu;
	int i;

	set = (struct global_cpuset *)((char *)obj + k->off);
	if (cfg_want_args(p, st, 1, -1, "<CPU> [<CPU>]...") < 0)
		return -1;
	ncpu = sysconf(_SC_NPROCESSORS_CONF);
	if (ncpu <= 0 || ncpu > GLOBAL_CPU_MAX)
		ncpu = GLOBAL_CPU_MAX;
	memset(&cs, 0, sizeof(cs));
	for (i = 1; i < st->argc; i++) {
		if (cfg_get_int(p, &st->argv[i], 0, ncpu - 1, &cpu) < 0)
			return -1;
		cs.mask[cpu / 64] |= (uint64_t)1 << (cpu % 64);
	}
	*set = cs;
	return 0;
}

static void
cpuset_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	dump_cpuset(f, indent, k->name,
	    (const struct global_cpuset *)((const char *)obj + k->off));
}

static int
script_user_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;
	char user[GLOBAL_USER_LEN], group[GLOBAL_USER_LEN];

	if (cfg_want_args(p, st, 1, 2, "<USERNAME> [<GROUPNAME>]") < 0 ||
	    get_user_group(p, st, 1, user, group) < 0)
		return -1;
	memcpy(g->script_user, user, sizeof(user));
	memcpy(g->script_group, group, sizeof(group));
	return 0;
}

static void
script_user_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct global_conf *g = obj;

	if (g->script_user[0] != '\0')
		fprintf(f, "%*sscript_user %s%s%s\n", indent, "",
		    g->script_user, g->script_group[0] ? " " : "",
		    g->script_group);
}

static struct global_fifo *
fifo_of(struct global_conf *g, const char *keyword)
{
	if (strncmp(keyword, "vrrp_", 5) == 0)
		return &g->vrrp_notify_fifo;
	if (strncmp(keyword, "lvs_", 4) == 0)
		return &g->lvs_notify_fifo;
	return &g->notify_fifo;
}

/* notify_fifo and friends; keepalived.conf(5): the names must differ. */
static int
fifo_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	static const char *const names[] = { "notify_fifo", "vrrp_notify_fifo",
		"lvs_notify_fifo" };
	struct global_conf *g = obj;
	struct global_fifo *fifo = fifo_of(g, st->argv[0].text);
	const struct global_fifo *others[3];
	char path[GLOBAL_PATH_LEN];
	char user[GLOBAL_USER_LEN], group[GLOBAL_USER_LEN];
	int i;

	others[0] = &g->notify_fifo;
	others[1] = &g->vrrp_notify_fifo;
	others[2] = &g->lvs_notify_fifo;
	if (cfg_want_args(
	        p, st, 1, 3, "<FIFO_NAME> [<USERNAME> [<GROUPNAME>]]") < 0 ||
	    cfg_get_str(p, &st->argv[1], path, sizeof(path)) < 0)
		return -1;
	for (i = 0; i < 3; i++)
		if (others[i] != fifo && strcmp(others[i]->path, path) == 0) {
			cfg_perror(p, &st->argv[1].loc,
			    "%s %s is already used "
			    "by %s: the FIFO names must all be different",
			    st->argv[0].text, path, names[i]);
			return -1;
		}
	user[0] = group[0] = '\0';
	if (st->argc > 2 && get_user_group(p, st, 2, user, group) < 0)
		return -1;
	memcpy(fifo->path, path, sizeof(path));
	memcpy(fifo->user, user, sizeof(user));
	memcpy(fifo->group, group, sizeof(group));
	return 0;
}

static int
fifo_script_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	return get_script(p, st, &fifo_of(obj, st->argv[0].text)->script);
}

static void
notify_fifo_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	dump_fifo(f, indent, "notify_fifo",
	    &((const struct global_conf *)obj)->notify_fifo);
}

static void
vrrp_notify_fifo_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	dump_fifo(f, indent, "vrrp_notify_fifo",
	    &((const struct global_conf *)obj)->vrrp_notify_fifo);
}

static void
lvs_notify_fifo_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	dump_fifo(f, indent, "lvs_notify_fifo",
	    &((const struct global_conf *)obj)->lvs_notify_fifo);
}

static int
dyn_if_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;

	if (cfg_want_args(p, st, 0, 1, "[allow_if_changes]") < 0)
		return -1;
	if (st->argc == 2 &&
	    strcmp(st->argv[1].text, "allow_if_changes") != 0) {
		cfg_perror(p, &st->argv[1].loc,
		    "invalid value '%s' for "
		    "'dynamic_interfaces': expected allow_if_changes or "
		    "nothing",
		    st->argv[1].text);
		return -1;
	}
	g->dynamic_interfaces = true;
	g->allow_if_changes = st->argc == 2;
	return 0;
}

static void
dyn_if_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct global_conf *g = obj;

	if (g->dynamic_interfaces)
		fprintf(f, "%*sdynamic_interfaces%s\n", indent, "",
		    g->allow_if_changes ? " allow_if_changes" : "");
}

static int
rx_bufs_policy_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;
	const struct cfg_token *t = &st->argv[1];

	if (cfg_want_args(p, st, 1, 1, "<MTU|ADVERT|BYTES>") < 0)
		return -1;
	if (strcasecmp(t->text, "MTU") == 0)
		g->vrrp_rx_bufs_policy = GLOBAL_RX_BUFS_MTU;
	else if (strcasecmp(t->text, "ADVERT") == 0)
		g->vrrp_rx_bufs_policy = GLOBAL_RX_BUFS_ADVERT;
	else if (isdigit((unsigned char)t->text[0])) {
		if (cfg_get_int(p, t, 0, UINT32_MAX, &g->vrrp_rx_bufs_size) < 0)
			return -1;
		g->vrrp_rx_bufs_policy = GLOBAL_RX_BUFS_SIZE;
	} else {
		cfg_perror(p, &t->loc,
		    "invalid value '%s' for "
		    "'vrrp_rx_bufs_policy': expected MTU, ADVERT or a size in "
		    "bytes",
		    t->text);
		return -1;
	}
	return 0;
}

static void
rx_bufs_policy_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct global_conf *g = obj;

	if (g->vrrp_rx_bufs_policy == GLOBAL_RX_BUFS_MTU)
		fprintf(f, "%*svrrp_rx_bufs_policy MTU\n", indent, "");
	else if (g->vrrp_rx_bufs_policy == GLOBAL_RX_BUFS_ADVERT)
		fprintf(f, "%*svrrp_rx_bufs_policy ADVERT\n", indent, "");
	else if (g->vrrp_rx_bufs_policy == GLOBAL_RX_BUFS_SIZE)
		fprintf(f, "%*svrrp_rx_bufs_policy %" PRId64 "\n", indent, "",
		    g->vrrp_rx_bufs_size);
}

/*
 * umask NUMBER (hex, octal or decimal, as strtol base 0) or BITS such as
 * "IWGRP|IWOTH", which may be spread over several words.
 */
static int
umask_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	static const struct {
		const char *name;
		unsigned bit;
	} bits[] = {
		{ "IRUSR", 0400 },
		{ "IWUSR", 0200 },
		{ "IXUSR", 0100 },
		{ "IRGRP", 040 },
		{ "IWGRP", 020 },
		{ "IXGRP", 010 },
		{ "IROTH", 04 },
		{ "IWOTH", 02 },
		{ "IXOTH", 01 },
	};
	struct global_conf *g = obj;
	const struct cfg_token *t;
	const char *s;
	unsigned mask = 0;
	bool need_or = false;
	size_t ki;
	long v;
	char *end;
	int i;

	if (cfg_want_args(p, st, 1, -1, "<NUMBER|BITS>") < 0)
		return -1;
	if (isdigit((unsigned char)st->argv[1].text[0])) {
		if (cfg_want_args(p, st, 1, 1, "<NUMBER|BITS>") < 0)
			return -1;
		t = &st->argv[1];
		errno = 0;
		v = strtol(t->text, &end, 0);
		if (*end != '\0' || errno != 0 || v < 0 || v > 0777) {
			cfg_perror(p, &t->loc,
			    "invalid umask '%s': expected a "
			    "number from 0 to 0777",
			    t->text);
			return -1;
		}
		g->umask_bits = (unsigned)v;
		return 0;
	}
	for (i = 1; i < st->argc; i++) {
		t = &st->argv[i];
		for (s = t->text; *s != '\0';) {
			if (need_or) {
				if (*s != '|')
					goto bad;
				need_or = false;
				s++;
				continue;
			}
			for (ki = 0; ki < sizeof(bits) / sizeof(bits[0]); ki++)
				if (strncmp(s, bits[ki].name, 5) == 0)
					break;
			if (ki == sizeof(bits) / sizeof(bits[0]))
				goto bad;
			mask |= bits[ki].bit;
			s += 5;
			need_or = true;
		}
	}
	if (!need_or) {
		t = &st->argv[st->argc - 1];
		goto bad;
	}
	g->umask_bits = mask;
	return 0;
bad:
	cfg_perror(p, &t->loc,
	    "invalid umask '%s': expected a number or bits "
	    "I{R|W|X}{USR|GRP|OTH} joined by '|'",
	    t->text);
	return -1;
}

static void
umask_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	fprintf(f, "%*sumask 0%03o\n", indent, "",
	    ((const struct global_conf *)obj)->umask_bits);
}

static int
reload_check_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;

	if (cfg_want_args(p, st, 0, 1, "[<LOG_FILE>]") < 0)
		return -1;
	if (st->argc == 1) {
		strcpy(g->reload_check_config, "/dev/null");
		return 0;
	}
	return cfg_get_str(p, &st->argv[1], g->reload_check_config,
	    sizeof(g->reload_check_config));
}

static void
reload_check_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct global_conf *g = obj;

	if (g->reload_check_config[0] != '\0')
		dump_line(
		    f, indent, "reload_check_config", g->reload_check_config);
}

/*
 * include_check [[+|-]CHECK]...: a plain first word sets the checks (each
 * check implies "readable"), +/- words add or remove; no word means all.
 */
static int
include_check_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	static const struct {
		const char *name;
		unsigned flag;
	} checks[] = {
		{ "readable", CFG_INC_READABLE },
		{ "read", CFG_INC_READABLE },
		{ "match", CFG_INC_MATCH },
		{ "wildcard_match", CFG_INC_WILDCARD },
		{ "brace_match", CFG_INC_BRACE },
	};
	struct global_conf *g = obj;
	const struct cfg_token *t;
	unsigned v = g->include_check, flag;
	const char *w;
	size_t ki;
	int i;

	if (st->argc == 1) {
		g->include_check = CFG_INC_ALL;
		return 0;
	}
	for (i = 1; i < st->argc; i++) {
		t = &st->argv[i];
		w = t->text + (t->text[0] == '+' || t->text[0] == '-');
		if (w == t->text && i > 1) {
			cfg_perror(p, &t->loc,
			    "unexpected '%s': only the first "
			    "include_check word may be without '+' or '-'",
			    t->text);
			return -1;
		}
		for (ki = 0; ki < sizeof(checks) / sizeof(checks[0]); ki++)
			if (strcmp(w, checks[ki].name) == 0)
				break;
		if (ki == sizeof(checks) / sizeof(checks[0])) {
			cfg_perror(p, &t->loc,
			    "unknown include_check '%s': "
			    "expected readable, match, wildcard_match or "
			    "brace_match",
			    w);
			return -1;
		}
		flag = checks[ki].flag;
		if (t->text[0] == '-')
			v &= ~flag;
		else if (t->text[0] == '+')
			v |= flag;
		else
			v = CFG_INC_READABLE | flag;
	}
	g->include_check = v;
	return 0;
}

static void
include_check_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	static const char *const names[] = { "readable", "match",
		"wildcard_match", "brace_match" };
	unsigned v = ((const struct global_conf *)obj)->include_check;
	int i;

	if (v == 0)
		return;
	fprintf(f, "%*sinclude_check", indent, "");
	for (i = 0; i < 4; i++)
		if (v & (1u << i))
			fprintf(f, " +%s", names[i]);
	fputc('\n', f);
}

static int
reload_time_file_fn(struct cfg_parser *p,
    const struct cfg_keyword *k CFG_UNUSED, const struct cfg_stmt *st,
    void *obj)
{
	struct global_conf *g = obj;

	if (cfg_want_args(p, st, 1, 1, "<ABSOLUTE_PATH>") < 0)
		return -1;
	return get_abs_path(
	    p, &st->argv[1], g->reload_time_file, sizeof(g->reload_time_file));
}

static void
reload_time_file_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct global_conf *g = obj;

	if (g->reload_time_file[0] != '\0')
		dump_line(f, indent, "reload_time_file", g->reload_time_file);
}

/* reload_file [PATH]: no path means keepalived.reload in the PID dir. */
static int
reload_file_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct global_conf *g = obj;

	if (cfg_want_args(p, st, 0, 1, "[<ABSOLUTE_PATH>]") < 0)
		return -1;
	g->reload_file[0] = '\0';
	if (st->argc == 2 &&
	    get_abs_path(
	        p, &st->argv[1], g->reload_file, sizeof(g->reload_file)) < 0)
		return -1;
	g->reload_file_set = true;
	return 0;
}

static void
reload_file_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct global_conf *g = obj;

	if (!g->reload_file_set)
		return;
	if (g->reload_file[0] == '\0')
		fprintf(f, "%*sreload_file\n", indent, "");
	else
		dump_line(f, indent, "reload_file", g->reload_file);
}

/* A deprecated spelling: warn, then parse as the current keyword. */
static int
alias_fn(struct cfg_parser *p, const struct cfg_keyword *self CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	const struct cfg_keyword *to;
	const char *new = NULL;
	char *field;
	int64_t v;
	int i;

	for (i = 0; global_aliases[i].old != NULL; i++)
		if (strcmp(global_aliases[i].old, st->argv[0].text) == 0)
			new = global_aliases[i].new;
	for (to = global_defs_keywords; new != NULL && to->name != NULL; to++)
		if (strcmp(to->name, new) == 0)
			break;
	if (new == NULL || to->name == NULL)
		abort(); /* the alias table names a keyword that is not there */
	cfg_pwarning(p, &st->argv[0].loc, "'%s' is deprecated: use '%s'",
	    st->argv[0].text, new);
	field = (char *)obj + to->off;
	switch (to->kind) {
	case CFG_FLAG:
		if (cfg_want_args(p, st, 0, 0, "") < 0)
			return -1;
		*(bool *)field = true;
		return 0;
	case CFG_INT:
		if (cfg_want_args(p, st, 1, 1, to->usage) < 0 ||
		    cfg_get_int(p, &st->argv[1], to->min, to->max, &v) < 0)
			return -1;
		memcpy(field, &v, sizeof(v));
		return 0;
	case CFG_STR:
		if (cfg_want_args(p, st, 1, 1, to->usage) < 0)
			return -1;
		return cfg_get_str(p, &st->argv[1], field, (size_t)to->max);
	case CFG_CUSTOM:
		return to->fn(p, to, st, obj);
	case CFG_BOOL:
	case CFG_TIMER:
	case CFG_ENUM:
	case CFG_ADDR:
	case CFG_BLOCK:
	case CFG_UNSUPPORTED:
		break;
	}
	abort(); /* no alias of this kind in the table */
}

/* ---- helpers ---- */

/* USER [GROUP] at argv[i]: both must exist on this machine. */
static int
get_user_group(struct cfg_parser *p, const struct cfg_stmt *st, int i,
    char *user, char *group)
{
	user[0] = group[0] = '\0';
	if (cfg_get_str(p, &st->argv[i], user, GLOBAL_USER_LEN) < 0)
		return -1;
	if (getpwnam(user) == NULL) {
		cfg_perror(p, &st->argv[i].loc, "unknown user '%s' for '%s'",
		    user, st->argv[0].text);
		return -1;
	}
	if (st->argc <= i + 1)
		return 0;
	if (cfg_get_str(p, &st->argv[i + 1], group, GLOBAL_USER_LEN) < 0)
		return -1;
	if (getgrnam(group) == NULL) {
		cfg_perror(p, &st->argv[i + 1].loc,
		    "unknown group '%s' for "
		    "'%s'",
		    group, st->argv[0].text);
		return -1;
	}
	return 0;
}

/* KEYWORD SCRIPT [USER [GROUP]]; a quoted SCRIPT may hold arguments. */
static int
get_script(
    struct cfg_parser *p, const struct cfg_stmt *st, struct global_script *s)
{
	struct global_script n;

	memset(&n, 0, sizeof(n));
	if (cfg_want_args(p, st, 1, 3, "<SCRIPT> [<USERNAME> [<GROUPNAME>]]") <
	        0 ||
	    cfg_get_str(p, &st->argv[1], n.cmd, sizeof(n.cmd)) < 0)
		return -1;
	if (n.cmd[strspn(n.cmd, " \t")] == '\0') {
		cfg_perror(p, &st->argv[1].loc, "'%s': the script is empty",
		    st->argv[0].text);
		return -1;
	}
	if (st->argc > 2 && get_user_group(p, st, 2, n.user, n.group) < 0)
		return -1;
	n.loc = cfg_keep_loc(p, &st->argv[1].loc);
	*s = n;
	return 0;
}

void
global_conf_validate(struct cfg_parser *p, struct config *cfg)
{
	struct global_conf *g = &cfg->global;
	const struct global_script *gs[] = { &g->startup_script,
		&g->shutdown_script, &g->notify_fifo.script,
		&g->vrrp_notify_fifo.script, &g->lvs_notify_fifo.script };
	struct cfg_script s;
	size_t i;

	/* Like notify scripts: one that cannot run is skipped, not fatal. */
	for (i = 0; i < sizeof(gs) / sizeof(gs[0]); i++) {
		if (gs[i]->cmd[0] == '\0')
			continue;
		memset(&s, 0, sizeof(s));
		s.cmd = gs[i]->cmd;
		s.loc = gs[i]->loc;
		cfg_check_notify(p, &s);
	}
}

static int
get_abs_path(
    struct cfg_parser *p, const struct cfg_token *t, char *buf, size_t size)
{
	if (t->text[0] != '/') {
		cfg_perror(p, &t->loc,
		    "invalid path '%s': expected an absolute "
		    "path",
		    t->text);
		return -1;
	}
	return cfg_get_str(p, t, buf, size);
}

/* A multicast address of family af (AF_UNSPEC: either). */
static int
get_multicast(struct cfg_parser *p, const struct cfg_token *t, int af,
    struct cfg_addr *out)
{
	struct cfg_addr a;
	const char *what = af == AF_INET ? "an IPv4"
	    : af == AF_INET6             ? "an IPv6"
	                                 : "a";

	if (cfg_get_addr(p, t, &a) < 0)
		return -1;
	if ((af != AF_UNSPEC && a.family != af) || !is_multicast(&a)) {
		cfg_perror(p, &t->loc,
		    "invalid address '%s': expected %s "
		    "multicast address",
		    t->text, what);
		return -1;
	}
	*out = a;
	return 0;
}

static bool
is_multicast(const struct cfg_addr *a)
{
	if (a->family == AF_INET)
		return (a->u.v4[0] & 0xf0) == 0xe0;
	return a->family == AF_INET6 && a->u.v6[0] == 0xff;
}

/* The option at argv[i] needs a value after it. */
static int
want_value(struct cfg_parser *p, const struct cfg_stmt *st, int i)
{
	if (i + 1 < st->argc)
		return 0;
	cfg_perror(p, &st->argv[i].loc, "'%s %s' is missing its value",
	    st->argv[0].text, st->argv[i].text);
	return -1;
}

/* Prints a word so that the tokenizer reads it back as one word. */
static void
dump_word(FILE *f, const char *s)
{
	const char *c;

	if (s[0] != '\0' && strpbrk(s, " \t\"'\\{}") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (c = s; *c != '\0'; c++) {
		if (*c == '"' || *c == '\\')
			fputc('\\', f);
		fputc(*c, f);
	}
	fputc('"', f);
}

static void
dump_line(FILE *f, int indent, const char *name, const char *value)
{
	fprintf(f, "%*s%s", indent, "", name);
	if (value[0] != '\0') {
		fputc(' ', f);
		dump_word(f, value);
	}
	fputc('\n', f);
}

static void
dump_addr(FILE *f, int indent, const char *name, const struct cfg_addr *a)
{
	char abuf[INET6_ADDRSTRLEN];

	if (a->family != AF_UNSPEC &&
	    inet_ntop(a->family, &a->u, abuf, sizeof(abuf)) != NULL)
		fprintf(f, "%*s%s %s\n", indent, "", name, abuf);
}

static void
dump_script(
    FILE *f, int indent, const char *name, const struct global_script *s)
{
	if (s->cmd[0] == '\0')
		return;
	fprintf(f, "%*s%s ", indent, "", name);
	dump_word(f, s->cmd);
	if (s->user[0] != '\0')
		fprintf(f, " %s", s->user);
	if (s->group[0] != '\0')
		fprintf(f, " %s", s->group);
	fputc('\n', f);
}

static void
dump_fifo(FILE *f, int indent, const char *name, const struct global_fifo *fi)
{
	char sname[64];

	if (fi->path[0] != '\0') {
		fprintf(f, "%*s%s ", indent, "", name);
		dump_word(f, fi->path);
		if (fi->user[0] != '\0')
			fprintf(f, " %s", fi->user);
		if (fi->group[0] != '\0')
			fprintf(f, " %s", fi->group);
		fputc('\n', f);
	}
	snprintf(sname, sizeof(sname), "%s_script", name);
	dump_script(f, indent, sname, &fi->script);
}

static void
dump_tristate(FILE *f, int indent, const char *name, int v)
{
	if (v >= 0)
		fprintf(
		    f, "%*s%s %s\n", indent, "", name, v ? "true" : "false");
}

static void
dump_cpuset(
    FILE *f, int indent, const char *name, const struct global_cpuset *cs)
{
	bool any = false;
	int cpu;

	for (cpu = 0; cpu < GLOBAL_CPU_MAX; cpu++) {
		if (!(cs->mask[cpu / 64] & ((uint64_t)1 << (cpu % 64))))
			continue;
		if (!any)
			fprintf(f, "%*s%s", indent, "", name);
		fprintf(f, " %d", cpu);
		any = true;
	}
	if (any)
		fputc('\n', f);
}

static void
dump_nft(FILE *f, int indent, const char *name, const char *table)
{
	if (table[0] != '\0')
		fprintf(f, "%*s%s %s\n", indent, "", name, table);
}

static void
dump_timer(FILE *f, uint64_t us)
{
	fprintf(f, "%" PRIu64 ".%06" PRIu64, us / 1000000, us % 1000000);
}
