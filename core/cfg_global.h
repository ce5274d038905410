/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cfg_global.h: the model of global_defs and the top-level global keywords. */

#ifndef VIGIL_CFG_GLOBAL_H
#define VIGIL_CFG_GLOBAL_H

/*
 * Included by cfg.h after struct cfg_addr and struct cfg_block are
 * defined; not meant to be included on its own.
 */

#include <stdbool.h>
#include <stdint.h>

#define GLOBAL_NAME_LEN 64 /* namespace, instance and similar names */
#define GLOBAL_INAME_LEN 128 /* a vrrp_instance name */
#define GLOBAL_STR_LEN 256 /* router_id, host names, e-mail addresses */
#define GLOBAL_PATH_LEN 256 /* file and directory names */
#define GLOBAL_CMD_LEN 512 /* a script with its arguments */
#define GLOBAL_USER_LEN 33 /* user and group names: 32 characters */
#define GLOBAL_IFNAME_LEN 16 /* IFNAMSIZ */
#define GLOBAL_PROC_NAME_LEN 16 /* TASK_COMM_LEN */
#define GLOBAL_NFT_NAME_LEN 32 /* NFT_TABLE_MAXNAMELEN */
#define GLOBAL_CHAIN_LEN 28 /* XT_EXTENSION_MAXNAMELEN - 1, as keepalived */
#define GLOBAL_IPSET_LEN 31 /* IPSET_MAXNAMELEN - 1, as keepalived */
#define GLOBAL_EMAIL_MAX 16 /* notification_email addresses */
#define GLOBAL_LINKBEAT_MAX 64 /* linkbeat_interfaces entries */
#define GLOBAL_CPU_MAX 1024 /* CPU_SETSIZE */
#define GLOBAL_RT_PRIO_MAX 99 /* sched_get_priority_max(SCHED_RR) */
#define GLOBAL_LVS_TIMEOUT_MAX (86400 * 31) /* keepalived's LVS_MAX_TIMEOUT */

/* A script line: the command (argv[0] and its arguments) and who runs it. */
struct global_script {
	char cmd[GLOBAL_CMD_LEN]; /* empty: no script */
	char user[GLOBAL_USER_LEN]; /* empty: the default script user */
	char group[GLOBAL_USER_LEN]; /* empty: the user's group */
	struct cfg_loc loc; /* of the script's word, for host checks */
};

/* notify_fifo, vrrp_notify_fifo, lvs_notify_fifo and their scripts. */
struct global_fifo {
	char path[GLOBAL_PATH_LEN]; /* empty: no FIFO */
	char user[GLOBAL_USER_LEN]; /* owner; empty: the default user */
	char group[GLOBAL_USER_LEN];
	struct global_script script; /* *_notify_fifo_script */
};

/* Set CPUs of *_cpu_affinity; all zero: no affinity set. */
struct global_cpuset {
	uint64_t mask[GLOBAL_CPU_MAX / 64];
};

/* lvs_sync_daemon; optional parameters left 0 take the kernel default. */
struct global_lvs_syncd {
	char ifname[GLOBAL_IFNAME_LEN]; /* empty: no sync daemon */
	char vrrp_instance[GLOBAL_INAME_LEN]; /* empty: always run both */
	struct cfg_loc vrrp_instance_loc; /* of the instance's name */
	int64_t syncid; /* -1: the instance's VRID, or 0 */
	int64_t maxlen; /* 0: kernel default */
	int64_t port; /* 0: kernel default (8848) */
	int64_t ttl; /* 0: kernel default */
	struct cfg_addr group; /* AF_UNSPEC: kernel default (224.0.0.81) */
};

/* lvs_timeouts, in seconds; -1 leaves the kernel's value unchanged. */
struct global_lvs_timeouts {
	int64_t tcp;
	int64_t tcpfin;
	int64_t udp;
};

enum global_lvs_flush {
	GLOBAL_LVS_FLUSH_NONE, /* delete each VS and RS at shutdown */
	GLOBAL_LVS_FLUSH_FULL, /* lvs_flush_on_stop */
	GLOBAL_LVS_FLUSH_VS, /* lvs_flush_on_stop VS */
};

enum global_rx_bufs_policy {
	GLOBAL_RX_BUFS_SYSTEM, /* kernel default (rmem_default) */
	GLOBAL_RX_BUFS_MTU,
	GLOBAL_RX_BUFS_ADVERT,
	GLOBAL_RX_BUFS_SIZE, /* vrrp_rx_bufs_size bytes */
};

enum global_linkbeat_type {
	GLOBAL_LB_DEFAULT, /* MII, else ETHTOOL, else IOCTL */
	GLOBAL_LB_MII,
	GLOBAL_LB_ETHTOOL,
	GLOBAL_LB_IOCTL,
};

struct global_linkbeat {
	char ifname[GLOBAL_IFNAME_LEN];
	int type; /* enum global_linkbeat_type */
};

/* smtp_tls: how alert email reaches the relay (vigil's extension). */
enum global_smtp_tls {
	GLOBAL_SMTP_TLS_NONE, /* plain SMTP, as keepalived */
	GLOBAL_SMTP_TLS_STARTTLS, /* STARTTLS, required */
	GLOBAL_SMTP_TLS_TLS, /* SMTPS: TLS from the first byte */
};

/* vrrp_ipsets was not given, was given without names, or with names. */
enum global_ipsets {
	GLOBAL_IPSETS_UNSET = -1,
	GLOBAL_IPSETS_OFF = 0,
	GLOBAL_IPSETS_ON = 1,
};

/*
 * Everything outside the VRRP, BFD and LVS sections.  Field types follow
 * the keyword kinds of cfg.h: int64_t for CFG_INT, uint64_t microseconds
 * for CFG_TIMER, int for CFG_ENUM, bool for CFG_FLAG and CFG_BOOL.  A
 * tri-state "smtp_alert*" is -1 (not given), 0 or 1.
 */
struct global_conf {
	/* top-level keywords */
	char net_namespace[GLOBAL_NAME_LEN];
	bool net_namespace_ipvs_set; /* empty name: default ns */
	char net_namespace_ipvs[GLOBAL_NAME_LEN];
	bool namespace_with_ipsets;
	char instance[GLOBAL_NAME_LEN];
	bool use_pid_dir;
	bool linkbeat_use_polling;
	uint64_t child_wait_time;
	struct global_linkbeat linkbeat_if[GLOBAL_LINKBEAT_MAX];
	unsigned n_linkbeat_if;

	/* global_defs: configuration handling and processes */
	char tmp_config_directory[GLOBAL_PATH_LEN];
	char config_save_dir[GLOBAL_PATH_LEN];
	char process_name[GLOBAL_PROC_NAME_LEN];
	char vrrp_process_name[GLOBAL_PROC_NAME_LEN];
	char checker_process_name[GLOBAL_PROC_NAME_LEN];
	char bfd_process_name[GLOBAL_PROC_NAME_LEN];
	struct global_script startup_script;
	uint64_t startup_script_timeout;
	struct global_script shutdown_script;
	uint64_t shutdown_script_timeout;

	/* e-mail */
	char notification_email[GLOBAL_EMAIL_MAX][GLOBAL_STR_LEN];
	unsigned n_notification_email;
	char notification_email_from[GLOBAL_STR_LEN];
	char smtp_server[GLOBAL_STR_LEN]; /* address or host name */
	struct cfg_addr smtp_server_addr; /* AF_UNSPEC for a name */
	int64_t smtp_server_port;
	char smtp_helo_name[GLOBAL_STR_LEN];
	uint64_t smtp_connect_timeout;
	int smtp_alert;
	int smtp_alert_vrrp;
	int smtp_alert_checker;
	bool checker_log_all_failures;
	int ssl_verify_certificate; /* -1 not given: SSL_GET's default */
	bool no_email_faults;
	char router_id[GLOBAL_STR_LEN];
	/* e-mail, vigil's extensions */
	char notification_email_from_name[GLOBAL_STR_LEN]; /* empty: none */
	int smtp_tls; /* enum global_smtp_tls */
	char smtp_ca_file[GLOBAL_PATH_LEN]; /* empty: the system's CAs */
	char smtp_auth_file[GLOBAL_PATH_LEN]; /* empty: no AUTH */

	/* VRRP */
	struct cfg_addr vrrp_mcast_group4;
	struct cfg_addr vrrp_mcast_group6;
	char default_interface[GLOBAL_IFNAME_LEN];
	uint64_t vrrp_garp_master_delay;
	int64_t vrrp_garp_master_repeat;
	bool vrrp_garp_lower_prio_delay_set; /* else: master delay */
	uint64_t vrrp_garp_lower_prio_delay;
	int64_t vrrp_down_timer_adverts;
	bool vrrp_garp_lower_prio_repeat_set; /* else: master repeat */
	int64_t vrrp_garp_lower_prio_repeat;
	uint64_t vrrp_garp_master_refresh;
	int64_t vrrp_garp_master_refresh_repeat;
	uint64_t vrrp_garp_interval;
	uint64_t vrrp_gna_interval;
	bool vrrp_min_garp;
	bool vrrp_garp_extra_if_all;
	uint64_t vrrp_garp_extra_if; /* 0: not set */
	bool vrrp_lower_prio_no_advert;
	bool vrrp_higher_prio_send_advert;
	int64_t vrrp_version;
	bool vrrp_check_unicast_src;
	bool vrrp_skip_check_adv_addr;
	bool vrrp_strict;
	bool vrrp_notify_priority_changes;
	bool disable_local_igmp;
	bool dynamic_interfaces;
	bool allow_if_changes;
	uint64_t vrrp_startup_delay;
	bool log_unknown_vrids;
	char vmac_prefix[GLOBAL_IFNAME_LEN];
	char vmac_addr_prefix[GLOBAL_IFNAME_LEN]; /* empty: vmac_prefix */
	int vrrp_rx_bufs_policy; /* enum global_rx_bufs_policy */
	int64_t vrrp_rx_bufs_size;
	int64_t vrrp_rx_bufs_multiplier;

	/* firewall */
	char nftables[GLOBAL_NFT_NAME_LEN]; /* table; empty: not used */
	int64_t nftables_priority;
	bool nftables_counters;
	bool nftables_ifindex;
	char nftables_ipvs[GLOBAL_NFT_NAME_LEN];
	int64_t nftables_ipvs_priority;
	int64_t nftables_ipvs_start_fwmark;
	bool vrrp_iptables;
	char vrrp_iptables_inchain[GLOBAL_CHAIN_LEN];
	char vrrp_iptables_outchain[GLOBAL_CHAIN_LEN]; /* empty: none */
	int vrrp_ipsets; /* enum global_ipsets */
	char vrrp_ipset_address[GLOBAL_IPSET_LEN];
	char vrrp_ipset_address6[GLOBAL_IPSET_LEN];
	char vrrp_ipset_address_iface6[GLOBAL_IPSET_LEN];
	char vrrp_ipset_igmp[GLOBAL_IPSET_LEN];
	char vrrp_ipset_mld[GLOBAL_IPSET_LEN];

	/* LVS */
	struct global_lvs_syncd lvs_sync_daemon;
	struct global_lvs_timeouts lvs_timeouts;
	bool lvs_flush;
	int lvs_flush_on_stop; /* enum global_lvs_flush */
	bool rs_init_notifies;
	bool no_checker_emails;

	/* scheduling of the children */
	int64_t max_auto_priority; /* -1, 0 (off) or a priority */
	int64_t min_auto_priority_delay; /* microseconds */
	int64_t vrrp_priority;
	int64_t checker_priority;
	int64_t bfd_priority;
	bool vrrp_no_swap;
	bool checker_no_swap;
	bool bfd_no_swap;
	struct global_cpuset vrrp_cpu_affinity;
	struct global_cpuset checker_cpu_affinity;
	struct global_cpuset bfd_cpu_affinity;
	int64_t vrrp_rt_priority; /* 0: not real-time */
	int64_t checker_rt_priority;
	int64_t bfd_rt_priority;
	int64_t vrrp_rlimit_rttime; /* microseconds */
	int64_t checker_rlimit_rttime;
	int64_t bfd_rlimit_rttime;

	/* netlink buffers (0: system default) */
	int64_t vrrp_netlink_cmd_rcv_bufs;
	bool vrrp_netlink_cmd_rcv_bufs_force;
	int64_t vrrp_netlink_monitor_rcv_bufs;
	bool vrrp_netlink_monitor_rcv_bufs_force;
	int64_t lvs_netlink_cmd_rcv_bufs;
	bool lvs_netlink_cmd_rcv_bufs_force;
	int64_t lvs_netlink_monitor_rcv_bufs;
	bool lvs_netlink_monitor_rcv_bufs_force;
	int64_t process_monitor_rcv_bufs;
	bool process_monitor_rcv_bufs_force;

	/* SNMP and D-Bus */
	char snmp_socket[GLOBAL_PATH_LEN];
	bool enable_snmp_vrrp;
	bool enable_snmp_checker;
	bool enable_snmp_rfc; /* implies rfcv2 and rfcv3 */
	bool enable_snmp_rfcv2;
	bool enable_snmp_rfcv3;
	bool enable_traps;
	bool enable_dbus;
	char dbus_service_name[GLOBAL_STR_LEN];

	/* scripts and notification FIFOs */
	char script_user[GLOBAL_USER_LEN]; /* empty: keepalived_script */
	char script_group[GLOBAL_USER_LEN];
	bool enable_script_security;
	struct global_fifo notify_fifo;
	struct global_fifo vrrp_notify_fifo;
	struct global_fifo lvs_notify_fifo;
	bool fifo_write_vrrp_states_on_reload;

	/* files, reloads and the rest */
	unsigned umask_bits;
	int64_t random_seed; /* -1: seeded from the time */
	char reload_check_config[GLOBAL_PATH_LEN]; /* empty: no check */
	unsigned include_check; /* enum cfg_include_check bits */
	char reload_time_file[GLOBAL_PATH_LEN];
	bool reload_repeat;
	bool reload_file_set; /* empty name: the default */
	char reload_file[GLOBAL_PATH_LEN];
	bool data_use_instance;
};

/* Sets every field to the default that keepalived.conf(5) documents. */
void global_conf_defaults(struct global_conf *);
/* Host checks of global_defs' scripts, once the whole file is read. */
struct config;
void global_conf_validate(struct cfg_parser *, struct config *);

/*
 * Reads smtp_auth_file: the user name on its first line, the password on
 * its second.  The file must be a regular file owned by root that
 * neither group nor others may read.  0, or -1 with why (a phrase that
 * follows the file's name) in why.  Exported to the mail module.
 */
#define GLOBAL_SMTP_SECRET_LEN 256
int global_smtp_auth_read(const char *path, char *user, size_t usize,
    char *pass, size_t psize, char *why, size_t wsize);

/* The global_defs block and the linkbeat_interfaces list (for tests). */
struct cfg_block;
extern const struct cfg_block cfg_global_defs_block;
extern const struct cfg_block cfg_linkbeat_block;

#endif
