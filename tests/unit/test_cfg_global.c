/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_cfg_global.c: global_defs and the top-level global keywords. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "cfg.h"
#include "cfg_test.h"

#define SEC 1000000ULL

/*
 * Every keyword keepalived.conf(5) (keepalived 2.2.7) lists inside
 * global_defs, generated so that the manual and the table cannot drift:
 *
 * man 5 keepalived.conf | col -b |
 *     sed -n '/^       global_defs {/,/^       }$/p' | sed '1d;$d' |
 *     grep -v '^[[:space:]]*#' | grep -oE '^[[:space:]]+[a-z][a-z0-9_]*' |
 *     tr -d ' \t' | grep -v '^admin' | awk '!seen[$0]++'
 */
static const char *const man_global_defs[] = {
	"tmp_config_directory",
	"config_save_dir",
	"process_names",
	"process_name",
	"vrrp_process_name",
	"checker_process_name",
	"bfd_process_name",
	"startup_script",
	"startup_script_timeout",
	"shutdown_script",
	"shutdown_script_timeout",
	"notification_email",
	"notification_email_from",
	"smtp_server",
	"smtp_helo_name",
	"smtp_connect_timeout",
	"smtp_alert",
	"smtp_alert_vrrp",
	"smtp_alert_checker",
	"checker_log_all_failures",
	"no_email_faults",
	"router_id",
	"vrrp_mcast_group4",
	"vrrp_mcast_group6",
	"default_interface",
	"lvs_sync_daemon",
	"lvs_timeouts",
	"lvs_flush",
	"lvs_flush_on_stop",
	"vrrp_garp_master_delay",
	"vrrp_garp_master_repeat",
	"vrrp_garp_lower_prio_delay",
	"vrrp_down_timer_adverts",
	"vrrp_garp_lower_prio_repeat",
	"vrrp_garp_master_refresh",
	"vrrp_garp_master_refresh_repeat",
	"vrrp_garp_interval",
	"vrrp_gna_interval",
	"vrrp_min_garp",
	"vrrp_garp_extra_if",
	"vrrp_lower_prio_no_advert",
	"vrrp_higher_prio_send_advert",
	"vrrp_version",
	"nftables",
	"nftables_priority",
	"nftables_counters",
	"nftables_ifindex",
	"nftables_ipvs",
	"nftables_ipvs_priority",
	"nftables_ipvs_start_fwmark",
	"vrrp_iptables",
	"vrrp_ipsets",
	"disable_local_igmp",
	"vrrp_check_unicast_src",
	"vrrp_skip_check_adv_addr",
	"vrrp_strict",
	"vrrp_notify_priority_changes",
	"max_auto_priority",
	"min_auto_priority_delay",
	"vrrp_priority",
	"checker_priority",
	"bfd_priority",
	"vrrp_no_swap",
	"checker_no_swap",
	"bfd_no_swap",
	"vrrp_cpu_affinity",
	"checker_cpu_affinity",
	"bfd_cpu_affinity",
	"vrrp_rt_priority",
	"checker_rt_priority",
	"bfd_rt_priority",
	"vrrp_rlimit_rttime",
	"checker_rlimit_rttime",
	"bfd_rlimit_rttime",
	"snmp_socket",
	"enable_snmp_vrrp",
	"enable_snmp_checker",
	"enable_snmp_rfc",
	"enable_snmp_rfcv2",
	"enable_snmp_rfcv3",
	"enable_traps",
	"enable_dbus",
	"dbus_service_name",
	"script_user",
	"enable_script_security",
	"notify_fifo",
	"notify_fifo_script",
	"vrrp_notify_fifo",
	"vrrp_notify_fifo_script",
	"lvs_notify_fifo",
	"lvs_notify_fifo_script",
	"fifo_write_vrrp_states_on_reload",
	"dynamic_interfaces",
	"vrrp_netlink_cmd_rcv_bufs",
	"vrrp_netlink_cmd_rcv_bufs_force",
	"vrrp_netlink_monitor_rcv_bufs",
	"vrrp_netlink_monitor_rcv_bufs_force",
	"lvs_netlink_cmd_rcv_bufs",
	"lvs_netlink_cmd_rcv_bufs_force",
	"lvs_netlink_monitor_rcv_bufs",
	"lvs_netlink_monitor_rcv_bufs_force",
	"process_monitor_rcv_bufs",
	"process_monitor_rcv_bufs_force",
	"vrrp_rx_bufs_policy",
	"vrrp_rx_bufs_multiplier",
	"rs_init_notifies",
	"no_checker_emails",
	"umask",
	"vrrp_startup_delay",
	"log_unknown_vrids",
	"vmac_prefix",
	"vmac_addr_prefix",
	"random_seed",
	"reload_check_config",
	"include_check",
	"reload_time_file",
	"reload_repeat",
	"reload_file",
	"data_use_instance",
	NULL,
};

/*
 * The global keywords the manual lists outside global_defs:
 *
 * man 5 keepalived.conf | col -b |
 *     sed -n '/^Global definitions/,/^       Note:/p' |
 *     grep -v '^[[:space:]]*#' | grep -oE '^[[:space:]]+[a-z][a-z0-9_]*' |
 *     tr -d ' \t' | awk '!seen[$0]++'
 *
 * and the linkbeat_interfaces block of "Linkbeat interfaces".
 */
static const char *const man_top_level[] = {
	"net_namespace",
	"net_namespace_ipvs",
	"namespace_with_ipsets",
	"instance",
	"use_pid_dir",
	"linkbeat_use_polling",
	"child_wait_time",
	"linkbeat_interfaces",
	NULL,
};

static bool
cpu_isset(const struct global_cpuset *cs, int cpu)
{
	return (cs->mask[cpu / 64] >> (cpu % 64)) & 1;
}

static void
assert_addr4(
    const struct cfg_addr *a, uint8_t b0, uint8_t b1, uint8_t b2, uint8_t b3)
{
	const uint8_t want[4] = { b0, b1, b2, b3 };

	assert_int_equal(a->family, AF_INET);
	assert_memory_equal(a->u.v4, want, 4);
}

/* ---- the tables against the manual ---- */

static void
test_man_keywords_in_table(void **state)
{
	const struct cfg_keyword *k;
	size_t i, n = 0;

	(void)state;
	for (i = 0; man_global_defs[i] != NULL; i++) {
		for (k = cfg_global_defs_block.keywords; k->name != NULL; k++)
			if (strcmp(k->name, man_global_defs[i]) == 0)
				break;
		if (k->name == NULL)
			fail_msg("global_defs lacks '%s'", man_global_defs[i]);
		assert_int_not_equal(k->kind, CFG_UNSUPPORTED);
		assert_non_null(k->usage);
		n++;
	}
	assert_true(n >= 119);
	/* usage on every keyword, and no keyword twice */
	for (k = cfg_global_defs_block.keywords; k->name != NULL; k++) {
		const struct cfg_keyword *j;

		assert_non_null(k->usage);
		for (j = k + 1; j->name != NULL; j++)
			assert_string_not_equal(k->name, j->name);
	}
}

/* No keyword of the manual may be "unknown", whatever its arguments. */
static void
test_man_keywords_known(void **state)
{
	char text[256];
	size_t i;

	(void)state;
	for (i = 0; man_global_defs[i] != NULL; i++) {
		snprintf(text, sizeof(text), "global_defs {\n%s\n}\n",
		    man_global_defs[i]);
		cfg_free(parse(text));
		assert_false(has_line("", "unknown keyword"));
		assert_false(has_line("", "not supported"));
	}
	for (i = 0; man_top_level[i] != NULL; i++) {
		snprintf(text, sizeof(text), "%s\n", man_top_level[i]);
		cfg_free(parse(text));
		assert_false(has_line("", "unknown keyword"));
		assert_false(has_line("", "not supported"));
	}
}

/* Every keyword of the manual with a typical value, in one block. */
static const char full_global_defs[] =
    "global_defs {\n"
    "tmp_config_directory /tmp\n"
    "config_save_dir /var/tmp\n"
    "process_names\n"
    "process_name ka\n"
    "vrrp_process_name ka_vrrp\n"
    "checker_process_name ka_check\n"
    "bfd_process_name ka_bfd\n"
    "startup_script /bin/true\n"
    "startup_script_timeout 5\n"
    "shutdown_script \"/bin/sh -c exit\" root\n"
    "shutdown_script_timeout 1000\n"
    "notification_email {\nadmin@example1.com\n}\n"
    "notification_email_from admin@example.com\n"
    "smtp_server 127.0.0.1 25\n"
    "smtp_helo_name lb1.example.com\n"
    "smtp_connect_timeout 30\n"
    "smtp_alert on\n"
    "smtp_alert_vrrp off\n"
    "smtp_alert_checker\n"
    "checker_log_all_failures\n"
    "no_email_faults\n"
    "router_id lb1\n"
    "vrrp_mcast_group4 224.0.0.18\n"
    "vrrp_mcast_group6 ff02::12\n"
    "default_interface p33p1.3\n"
    "lvs_sync_daemon eth0 VI_1 id 3\n"
    "lvs_timeouts tcp 7200 tcpfin 120 udp 300\n"
    "lvs_flush\n"
    "lvs_flush_on_stop VS\n"
    "vrrp_garp_master_delay 10\n"
    "vrrp_garp_master_repeat 1\n"
    "vrrp_garp_lower_prio_delay 10\n"
    "vrrp_down_timer_adverts 4\n"
    "vrrp_garp_lower_prio_repeat 1\n"
    "vrrp_garp_master_refresh 60\n"
    "vrrp_garp_master_refresh_repeat 2\n"
    "vrrp_garp_interval 0.001\n"
    "vrrp_gna_interval 0.000001\n"
    "vrrp_min_garp true\n"
    "vrrp_garp_extra_if all 100\n"
    "vrrp_lower_prio_no_advert false\n"
    "vrrp_higher_prio_send_advert\n"
    "vrrp_version 3\n"
    "nftables keepalived\n"
    "nftables_priority -1\n"
    "nftables_counters\n"
    "nftables_ifindex\n"
    "nftables_ipvs\n"
    "nftables_ipvs_priority 10\n"
    "nftables_ipvs_start_fwmark 2000\n"
    "vrrp_iptables keepalived_in keepalived_out\n"
    "vrrp_ipsets keepalived keepalived6 keepalived_if6 keepalived_igmp "
    "keepalived_mld\n"
    "disable_local_igmp\n"
    "vrrp_check_unicast_src\n"
    "vrrp_skip_check_adv_addr\n"
    "vrrp_strict\n"
    "vrrp_notify_priority_changes yes\n"
    "max_auto_priority 50\n"
    "min_auto_priority_delay 1000000\n"
    "vrrp_priority -10\n"
    "checker_priority 0\n"
    "bfd_priority 19\n"
    "vrrp_no_swap\n"
    "checker_no_swap\n"
    "bfd_no_swap\n"
    "vrrp_cpu_affinity 0\n"
    "checker_cpu_affinity 0\n"
    "bfd_cpu_affinity 0\n"
    "vrrp_rt_priority 1\n"
    "checker_rt_priority 50\n"
    "bfd_rt_priority 99\n"
    "vrrp_rlimit_rttime 10000\n"
    "checker_rlimit_rttime 2\n"
    "bfd_rlimit_rttime 20000\n"
    "snmp_socket udp:1.2.3.4:705\n"
    "enable_snmp_vrrp\n"
    "enable_snmp_checker\n"
    "enable_snmp_rfc\n"
    "enable_snmp_rfcv2\n"
    "enable_snmp_rfcv3\n"
    "enable_traps\n"
    "enable_dbus\n"
    "dbus_service_name org.keepalived.Vrrp2\n"
    "script_user root root\n"
    "enable_script_security\n"
    "notify_fifo /run/ka.fifo\n"
    "notify_fifo_script /bin/cat\n"
    "vrrp_notify_fifo /run/ka_vrrp.fifo root\n"
    "vrrp_notify_fifo_script '/bin/cat -u' root root\n"
    "lvs_notify_fifo /run/ka_lvs.fifo\n"
    "lvs_notify_fifo_script /bin/cat\n"
    "fifo_write_vrrp_states_on_reload\n"
    "dynamic_interfaces allow_if_changes\n"
    "vrrp_netlink_cmd_rcv_bufs 1048576\n"
    "vrrp_netlink_cmd_rcv_bufs_force true\n"
    "vrrp_netlink_monitor_rcv_bufs 1048576\n"
    "vrrp_netlink_monitor_rcv_bufs_force\n"
    "lvs_netlink_cmd_rcv_bufs 1048576\n"
    "lvs_netlink_cmd_rcv_bufs_force no\n"
    "lvs_netlink_monitor_rcv_bufs 1048576\n"
    "lvs_netlink_monitor_rcv_bufs_force on\n"
    "process_monitor_rcv_bufs 500000\n"
    "process_monitor_rcv_bufs_force\n"
    "vrrp_rx_bufs_policy MTU\n"
    "vrrp_rx_bufs_multiplier 4\n"
    "rs_init_notifies\n"
    "no_checker_emails\n"
    "umask IWGRP|IWOTH\n"
    "vrrp_startup_delay 5.5\n"
    "log_unknown_vrids\n"
    "vmac_prefix vr\n"
    "vmac_addr_prefix va\n"
    "random_seed 42\n"
    "reload_check_config /var/log/ka.check\n"
    "include_check readable +match\n"
    "reload_time_file /run/ka.reload_time\n"
    "reload_repeat\n"
    "reload_file /run/ka.reload\n"
    "data_use_instance\n"
    "}\n";

static void
test_every_keyword_valid(void **state)
{
	char text[sizeof(full_global_defs)], needle[128], *s;
	struct config *cfg;
	size_t i;

	(void)state;
	/* the example covers every keyword of the manual */
	for (i = 0; man_global_defs[i] != NULL; i++) {
		snprintf(needle, sizeof(needle), "\n%s ", man_global_defs[i]);
		if (strstr(full_global_defs, needle) != NULL)
			continue;
		snprintf(needle, sizeof(needle), "\n%s\n", man_global_defs[i]);
		if (strstr(full_global_defs, needle) == NULL)
			fail_msg("the example lacks '%s'", man_global_defs[i]);
	}
	/* vrrp_strict and vrrp_higher_prio_send_advert may not meet */
	cfg = parse(full_global_defs);
	assert_null(cfg);
	assert_int_equal(diag.nerrors, 1);
	assert_true(has_line("<config>:1:1: error: ", "vrrp_strict"));

	/* without vrrp_strict, everything is accepted, without a warning */
	memcpy(text, full_global_defs, sizeof(text));
	s = strstr(text, "\nvrrp_strict\n");
	assert_non_null(s);
	memmove(s, s + strlen("\nvrrp_strict"),
	    strlen(s + strlen("\nvrrp_strict")) + 1);
	cfg = parse_ok(text);
	assert_int_equal(diag.nwarnings, 0);
	assert_int_equal(cfg->global.vrrp_version, 3);
	assert_int_equal(cfg->global.bfd_rt_priority, 99);
	assert_int_equal(cfg->global.n_notification_email, 1);
	assert_string_equal(
	    cfg->global.vrrp_notify_fifo.script.cmd, "/bin/cat -u");
	cfg_free(cfg);
}

/* ---- defaults and the generic kinds ---- */

static void
test_defaults(void **state)
{
	struct config *cfg = parse_ok("");
	const struct global_conf *g = &cfg->global;
	const uint8_t ff02_12[16] = { 0xff, 0x02, [15] = 0x12 };

	(void)state;
	assert_int_equal(g->child_wait_time, 5 * SEC);
	assert_int_equal(g->smtp_connect_timeout, 30 * SEC);
	assert_int_equal(g->smtp_server_port, 25);
	assert_int_equal(g->smtp_alert, -1);
	assert_int_equal(g->smtp_alert_vrrp, -1);
	assert_int_equal(g->smtp_alert_checker, -1);
	assert_int_equal(g->startup_script_timeout, 10 * SEC);
	assert_int_equal(g->shutdown_script_timeout, 10 * SEC);
	assert_int_equal(g->vrrp_garp_master_delay, 5 * SEC);
	assert_int_equal(g->vrrp_garp_master_repeat, 5);
	assert_false(g->vrrp_garp_lower_prio_delay_set);
	assert_false(g->vrrp_garp_lower_prio_repeat_set);
	assert_int_equal(g->vrrp_garp_master_refresh, 0);
	assert_int_equal(g->vrrp_garp_master_refresh_repeat, 1);
	assert_int_equal(g->vrrp_down_timer_adverts, 3);
	assert_int_equal(g->vrrp_garp_interval, 0);
	assert_int_equal(g->vrrp_version, 2);
	assert_addr4(&g->vrrp_mcast_group4, 224, 0, 0, 18);
	assert_int_equal(g->vrrp_mcast_group6.family, AF_INET6);
	assert_memory_equal(g->vrrp_mcast_group6.u.v6, ff02_12, 16);
	assert_string_equal(g->default_interface, "eth0");
	assert_string_equal(g->vmac_prefix, "vrrp");
	assert_int_equal(g->max_auto_priority, 0);
	assert_int_equal(g->min_auto_priority_delay, 1000000);
	assert_int_equal(g->vrrp_rlimit_rttime, 10000);
	/* the VRRP child is real-time unless told otherwise */
	assert_int_equal(g->vrrp_rt_priority, 10);
	assert_int_equal(g->checker_rt_priority, 0);
	assert_int_equal(g->checker_rlimit_rttime, 10000);
	assert_int_equal(g->bfd_rlimit_rttime, 10000);
	assert_int_equal(g->vrrp_rx_bufs_policy, GLOBAL_RX_BUFS_SYSTEM);
	assert_int_equal(g->vrrp_rx_bufs_multiplier, 3);
	assert_int_equal(g->nftables_priority, -1);
	assert_int_equal(g->nftables_ipvs_priority, -1);
	assert_int_equal(g->nftables_ipvs_start_fwmark, 1000);
	assert_string_equal(g->nftables, "");
	assert_false(g->vrrp_iptables);
	assert_int_equal(g->vrrp_ipsets, GLOBAL_IPSETS_UNSET);
	assert_string_equal(g->vrrp_ipset_address, "keepalived");
	assert_string_equal(g->vrrp_ipset_mld, "keepalived_mld");
	assert_string_equal(g->snmp_socket, "unix:/var/agentx/master");
	assert_string_equal(g->dbus_service_name, "org.keepalived.Vrrp1");
	assert_int_equal(g->umask_bits, 022);
	assert_int_equal(g->random_seed, -1);
	assert_int_equal(g->include_check, 0);
	assert_int_equal(g->lvs_sync_daemon.syncid, -1);
	assert_string_equal(g->lvs_sync_daemon.ifname, "");
	assert_int_equal(g->lvs_timeouts.tcp, -1);
	assert_int_equal(g->lvs_timeouts.udp, -1);
	assert_int_equal(g->lvs_flush_on_stop, GLOBAL_LVS_FLUSH_NONE);
	assert_int_equal(g->n_notification_email, 0);
	assert_int_equal(g->n_linkbeat_if, 0);
	assert_false(g->vrrp_strict);
	cfg_free(cfg);
}

static void
test_simple_kinds(void **state)
{
	struct config *cfg;
	const struct global_conf *g;

	(void)state;
	cfg = parse_ok("global_defs {\n"
	               "router_id lb1\n"
	               "vrrp_version 3\n"
	               "vrrp_strict\n"
	               "vrrp_lower_prio_no_advert\n"
	               "checker_log_all_failures off\n"
	               "data_use_instance yes\n"
	               "vrrp_garp_master_delay 10\n"
	               "vrrp_garp_interval 0.001\n"
	               "vrrp_gna_interval 0.000001\n"
	               "vrrp_startup_delay 5.5\n"
	               "vrrp_priority -20\n"
	               "checker_rt_priority 99\n"
	               "vrrp_rlimit_rttime 2\n"
	               "random_seed 0\n"
	               "process_name vigil\n"
	               "tmp_config_directory /tmp\n"
	               "notification_email_from \"ops team@example.com\"\n"
	               "nftables_priority -100\n"
	               "}\n");
	g = &cfg->global;
	assert_string_equal(g->router_id, "lb1");
	assert_int_equal(g->vrrp_version, 3);
	assert_true(g->vrrp_strict);
	assert_true(g->vrrp_lower_prio_no_advert);
	assert_false(g->checker_log_all_failures);
	assert_true(g->data_use_instance);
	assert_int_equal(g->vrrp_garp_master_delay, 10 * SEC);
	assert_int_equal(g->vrrp_garp_interval, 1000);
	assert_int_equal(g->vrrp_gna_interval, 1);
	assert_int_equal(g->vrrp_startup_delay, 5500000);
	assert_int_equal(g->vrrp_priority, -20);
	assert_int_equal(g->checker_rt_priority, 99);
	assert_int_equal(g->vrrp_rlimit_rttime, 2);
	assert_int_equal(g->random_seed, 0);
	assert_string_equal(g->process_name, "vigil");
	assert_string_equal(g->tmp_config_directory, "/tmp");
	assert_string_equal(g->notification_email_from, "ops team@example.com");
	assert_int_equal(g->nftables_priority, -100);
	assert_int_equal(cfg->present, 0); /* global_defs is the parent's */
	cfg_free(cfg);
}

static void
test_ranges(void **state)
{
	struct config *cfg;

	(void)state;
	expect_error("global_defs {\nvrrp_version 4\n}\n", "2:14",
	    "expected an integer from 2 to 3");
	expect_error("global_defs {\nvrrp_garp_master_repeat -1\n}\n", "2:25",
	    "expected an integer from 1 to 4294967295");
	expect_error(
	    "global_defs {\nvrrp_priority 20\n}\n", "2:15", "from -20 to 19");
	expect_error(
	    "global_defs {\nbfd_priority -21\n}\n", "2:14", "from -20 to 19");
	/* 0 turns the VRRP child's default real-time scheduling off */
	cfg = parse_ok("global_defs {\nvrrp_rt_priority 0\n}\n");
	assert_int_equal(cfg->global.vrrp_rt_priority, 0);
	cfg_free(cfg);
	expect_error(
	    "global_defs {\nvrrp_rt_priority 100\n}\n", "2:18", "from 0 to 99");
	expect_error("global_defs {\nchecker_rt_priority 0\n}\n", "2:21",
	    "from 1 to 99");
	expect_error("global_defs {\nchecker_rt_priority 100\n}\n", "2:21",
	    "from 1 to 99");
	expect_error("global_defs {\nvrrp_down_timer_adverts 101\n}\n", "2:25",
	    "from 1 to 100");
	expect_error("global_defs {\nmin_auto_priority_delay 0\n}\n", "2:25",
	    "from 1 to 10000000");
	expect_error(
	    "global_defs {\nvrrp_rlimit_rttime 1\n}\n", "2:20", "from 2 to");
	expect_error("global_defs {\nsmtp_connect_timeout -1\n}\n", "2:22",
	    "expected a time in seconds");
	expect_error("global_defs {\nsmtp_connect_timeout 0\n}\n", "2:22",
	    "from 1.000000");
	expect_error("global_defs {\nstartup_script_timeout 1001\n}\n", "2:24",
	    "to 1000.000000");
	expect_error("global_defs {\nvrrp_garp_master_delay abc\n}\n", "2:24",
	    "expected a time in seconds");
	expect_error("global_defs {\nvrrp_startup_delay 0\n}\n", "2:20",
	    "from 0.001000");
	expect_error("global_defs {\nrandom_seed 4294967296\n}\n", "2:13",
	    "from 0 to 4294967295");
	expect_error("global_defs {\nprocess_name a_name_much_too_long\n}\n",
	    "2:14", "at most 15 allowed");
	expect_error(
	    "global_defs {\nvrrp_version\n}\n", "2:1", "missing its argument");
	expect_error(
	    "global_defs {\nvrrp_strict yes\n}\n", "2:13", "takes no argument");
	expect_error("global_defs {\nvrrp_min_garp maybe\n}\n", "2:15",
	    "expected one of on, off");
}

static void
test_unknown_keyword(void **state)
{
	(void)state;
	expect_error("global_defs {\nrouter_idd lb1\n}\n", "2:1",
	    "unknown keyword 'router_idd' in global_defs; did you mean "
	    "'router_id'?");
	expect_error("global_defs {\nno_such_thing\n}\n", "2:1",
	    "unknown keyword 'no_such_thing'");
	/* a global_defs keyword is not a top-level one */
	expect_error("router_id lb1\n", "1:1", "unknown keyword 'router_id'");
	expect_error("global_defs extra {\n}\n", "1:13", "unexpected 'extra'");
}

/* ---- top level ---- */

static void
test_top_level(void **state)
{
	struct config *cfg;
	const struct global_conf *g;

	(void)state;
	cfg = parse_ok("net_namespace blue\n"
	               "net_namespace_ipvs\n"
	               "namespace_with_ipsets\n"
	               "instance lb-a\n"
	               "use_pid_dir\n"
	               "linkbeat_use_polling\n"
	               "child_wait_time 7.5\n"
	               "linkbeat_interfaces {\n"
	               "eth2\n"
	               "enp2s0 ETHTOOL\n"
	               "}\n"
	               "linkbeat_interfaces {\n"
	               "eth3 IOCTL\n"
	               "}\n");
	g = &cfg->global;
	assert_string_equal(g->net_namespace, "blue");
	assert_true(g->net_namespace_ipvs_set);
	assert_string_equal(g->net_namespace_ipvs, "");
	assert_true(g->namespace_with_ipsets);
	assert_string_equal(g->instance, "lb-a");
	assert_true(g->use_pid_dir);
	assert_true(g->linkbeat_use_polling);
	assert_int_equal(g->child_wait_time, 7500000);
	assert_int_equal(g->n_linkbeat_if, 3);
	assert_string_equal(g->linkbeat_if[0].ifname, "eth2");
	assert_int_equal(g->linkbeat_if[0].type, GLOBAL_LB_DEFAULT);
	assert_string_equal(g->linkbeat_if[1].ifname, "enp2s0");
	assert_int_equal(g->linkbeat_if[1].type, GLOBAL_LB_ETHTOOL);
	assert_int_equal(g->linkbeat_if[2].type, GLOBAL_LB_IOCTL);
	assert_int_equal(cfg->present, 0);
	cfg_free(cfg);

	cfg = parse_ok("net_namespace_ipvs red\n");
	assert_string_equal(cfg->global.net_namespace_ipvs, "red");
	cfg_free(cfg);

	expect_error("net_namespace_ipvs a b\n", "1:22", "unexpected 'b'");
	expect_error("child_wait_time -5\n", "1:17", "expected a time");
	expect_error("net_namespace\n", "1:1", "missing its argument");
	expect_error("linkbeat_interfaces {\neth0 FOO\n}\n", "2:6",
	    "expected MII, ETHTOOL or IOCTL");
	expect_error(
	    "linkbeat_interfaces {\neth0 MII x\n}\n", "2:10", "unexpected 'x'");
	expect_error("linkbeat_interfaces {\nan_interface_name_too_long\n}\n",
	    "2:1", "too long");
}

/* ---- custom keywords ---- */

static void
test_notification_email(void **state)
{
	struct config *cfg;
	const struct global_conf *g;
	char text[2048];
	size_t n;
	int i;

	(void)state;
	cfg = parse_ok("global_defs {\n"
	               "notification_email {\n"
	               "a@example.com b@example.com\n"
	               "c@example.com\n"
	               "}\n"
	               "notification_email {\n"
	               "d@example.com\n"
	               "}\n"
	               "}\n");
	g = &cfg->global;
	assert_int_equal(g->n_notification_email, 4);
	assert_string_equal(g->notification_email[0], "a@example.com");
	assert_string_equal(g->notification_email[1], "b@example.com");
	assert_string_equal(g->notification_email[3], "d@example.com");
	cfg_free(cfg);

	n = (size_t)snprintf(
	    text, sizeof(text), "global_defs {\nnotification_email {\n");
	for (i = 0; i < GLOBAL_EMAIL_MAX + 1; i++)
		n += (size_t)snprintf(
		    text + n, sizeof(text) - n, "u%d@example.com\n", i);
	snprintf(text + n, sizeof(text) - n, "}\n}\n");
	expect_error(text, "19:1", "too many notification_email addresses");
	expect_error("global_defs {\nnotification_email x {\n}\n}\n", "2:20",
	    "unexpected 'x'");
	expect_error("global_defs {\nnotification_email a@b\n}\n", "2:1",
	    "expects a block");
}

static void
test_scripts(void **state)
{
	struct config *cfg;
	const struct global_conf *g;

	(void)state;
	cfg = parse_ok("global_defs {\n"
	               "startup_script /usr/local/bin/start\n"
	               "shutdown_script \"/bin/sh -c 'true'\" root root\n"
	               "startup_script_timeout 20\n"
	               "}\n");
	g = &cfg->global;
	assert_string_equal(g->startup_script.cmd, "/usr/local/bin/start");
	assert_string_equal(g->startup_script.user, "");
	assert_string_equal(g->shutdown_script.cmd, "/bin/sh -c 'true'");
	assert_string_equal(g->shutdown_script.user, "root");
	assert_string_equal(g->shutdown_script.group, "root");
	assert_int_equal(g->startup_script_timeout, 20 * SEC);
	cfg_free(cfg);

	expect_error("global_defs {\nstartup_script /x no_such_user_vigil\n}\n",
	    "2:19", "unknown user 'no_such_user_vigil'");
	expect_error("global_defs {\nshutdown_script /x root "
	             "no_such_group_vigil\n}\n",
	    "2:25", "unknown group 'no_such_group_vigil'");
	expect_error("global_defs {\nstartup_script /a\nstartup_script /b\n}\n",
	    "3:1", "only one startup_script");
	expect_error("global_defs {\nstartup_script /a root root x\n}\n",
	    "2:29", "unexpected 'x'");
	expect_error("global_defs {\nstartup_script \" \"\n}\n", "2:16",
	    "the script is empty");
}

static void
test_smtp(void **state)
{
	struct config *cfg;
	const struct global_conf *g;

	(void)state;
	cfg = parse_ok("global_defs {\nsmtp_server 192.0.2.1\n"
	               "smtp_alert\nsmtp_alert_vrrp off\n}\n");
	g = &cfg->global;
	assert_string_equal(g->smtp_server, "192.0.2.1");
	assert_addr4(&g->smtp_server_addr, 192, 0, 2, 1);
	assert_int_equal(g->smtp_server_port, 25);
	assert_int_equal(g->smtp_alert, 1);
	assert_int_equal(g->smtp_alert_vrrp, 0);
	assert_int_equal(g->smtp_alert_checker, -1);
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\nsmtp_server 2001:db8::25 2525\n}\n");
	assert_int_equal(cfg->global.smtp_server_addr.family, AF_INET6);
	assert_int_equal(cfg->global.smtp_server_port, 2525);
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\nsmtp_server mail.example.com 587\n}\n");
	assert_string_equal(cfg->global.smtp_server, "mail.example.com");
	assert_int_equal(cfg->global.smtp_server_addr.family, AF_UNSPEC);
	assert_int_equal(cfg->global.smtp_server_port, 587);
	cfg_free(cfg);

	expect_error("global_defs {\nsmtp_server 192.0.2.1 0\n}\n", "2:23",
	    "from 1 to 65535");
	expect_error("global_defs {\nsmtp_server mail/x\n}\n", "2:13",
	    "expected an IP address or a host name");
	expect_error(
	    "global_defs {\nsmtp_server\n}\n", "2:1", "missing its argument");
	expect_error("global_defs {\nsmtp_alert_checker perhaps\n}\n", "2:20",
	    "expected one of on, off");
}

static void
test_mcast_groups(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("global_defs {\nvrrp_mcast_group4 224.0.0.100\n"
	               "vrrp_mcast_group6 ff02::100\n}\n");
	assert_addr4(&cfg->global.vrrp_mcast_group4, 224, 0, 0, 100);
	assert_int_equal(cfg->global.vrrp_mcast_group6.u.v6[15], 0);
	assert_int_equal(cfg->global.vrrp_mcast_group6.u.v6[14], 1);
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\nvrrp_mcast_group6 ff05::12\n}\n");
	expect_warning("2:19", "should be a link-local multicast address");
	cfg_free(cfg);

	expect_error("global_defs {\nvrrp_mcast_group4 10.0.0.1\n}\n", "2:19",
	    "expected an IPv4 multicast address");
	expect_error("global_defs {\nvrrp_mcast_group4 ff02::12\n}\n", "2:19",
	    "expected an IPv4 multicast address");
	expect_error("global_defs {\nvrrp_mcast_group6 224.0.0.18\n}\n", "2:19",
	    "expected an IPv6 multicast address");
	expect_error("global_defs {\nvrrp_mcast_group4 nonsense\n}\n", "2:19",
	    "invalid address 'nonsense'");
}

static void
test_lvs_sync_daemon(void **state)
{
	struct config *cfg;
	const struct global_lvs_syncd *sd;

	(void)state;
	cfg = parse_ok("global_defs {\nlvs_sync_daemon eth0 inst VI_1 id 7 "
	               "maxlen 1400 port 8849 ttl 2 group 239.1.2.3\n}\n");
	sd = &cfg->global.lvs_sync_daemon;
	assert_string_equal(sd->ifname, "eth0");
	assert_string_equal(sd->vrrp_instance, "VI_1");
	assert_int_equal(sd->syncid, 7);
	assert_int_equal(sd->maxlen, 1400);
	assert_int_equal(sd->port, 8849);
	assert_int_equal(sd->ttl, 2);
	assert_addr4(&sd->group, 239, 1, 2, 3);
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\nlvs_sync_daemon eth1\n}\n");
	sd = &cfg->global.lvs_sync_daemon;
	assert_string_equal(sd->ifname, "eth1");
	assert_string_equal(sd->vrrp_instance, "");
	assert_int_equal(sd->syncid, -1);
	assert_int_equal(sd->group.family, AF_UNSPEC);
	cfg_free(cfg);

	/* the pre-2.0 positional form */
	cfg = parse_ok("global_defs {\nlvs_sync_daemon eth0 VI_2 9\n}\n");
	sd = &cfg->global.lvs_sync_daemon;
	assert_string_equal(sd->vrrp_instance, "VI_2");
	assert_int_equal(sd->syncid, 9);
	expect_warning("2:27", "write 'id 9'");
	cfg_free(cfg);

	expect_error("global_defs {\nlvs_sync_daemon eth0 VI_1 id 256\n}\n",
	    "2:30", "from 0 to 255");
	expect_error("global_defs {\nlvs_sync_daemon eth0 port\n}\n", "2:22",
	    "'lvs_sync_daemon port' is missing its value");
	expect_error("global_defs {\nlvs_sync_daemon eth0 inst a foo 1\n}\n",
	    "2:29", "unknown lvs_sync_daemon option 'foo'");
	expect_error("global_defs {\nlvs_sync_daemon eth0 group 10.1.1.1\n}\n",
	    "2:28", "expected a multicast address");
	expect_error("global_defs {\nlvs_sync_daemon eth0 maxlen 65508\n}\n",
	    "2:29", "from 1 to 65507");
	expect_error("global_defs {\nlvs_sync_daemon\n}\n", "2:1",
	    "missing its argument");
}

static void
test_lvs_timeouts_and_flush(void **state)
{
	struct config *cfg;
	const struct global_conf *g;

	(void)state;
	cfg = parse_ok("global_defs {\nlvs_timeouts tcp 900 udp 30\n"
	               "lvs_timeouts tcpfin 60\nlvs_flush\n"
	               "lvs_flush_on_stop VS\n}\n");
	g = &cfg->global;
	assert_int_equal(g->lvs_timeouts.tcp, 900);
	assert_int_equal(g->lvs_timeouts.tcpfin, 60);
	assert_int_equal(g->lvs_timeouts.udp, 30);
	assert_int_equal(diag.nwarnings, 0); /* lvs_timeouts may repeat */
	assert_true(g->lvs_flush);
	assert_int_equal(g->lvs_flush_on_stop, GLOBAL_LVS_FLUSH_VS);
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\nlvs_flush_on_stop\n}\n");
	assert_int_equal(cfg->global.lvs_flush_on_stop, GLOBAL_LVS_FLUSH_FULL);
	cfg_free(cfg);

	expect_error(
	    "global_defs {\nlvs_timeouts\n}\n", "2:1", "missing its argument");
	expect_error(
	    "global_defs {\nlvs_timeouts tcp\n}\n", "2:1", "expected '");
	expect_error("global_defs {\nlvs_timeouts tcp 5 udp\n}\n", "2:20",
	    "'lvs_timeouts udp' is missing its value");
	expect_error("global_defs {\nlvs_timeouts sctp 5\n}\n", "2:14",
	    "expected tcp, tcpfin or udp");
	expect_error("global_defs {\nlvs_timeouts udp 2678401\n}\n", "2:18",
	    "from 0 to 2678400");
	expect_error("global_defs {\nlvs_flush_on_stop RS\n}\n", "2:19",
	    "expected VS or nothing");
}

static void
test_garp(void **state)
{
	struct config *cfg;
	const struct global_conf *g;

	(void)state;
	cfg = parse_ok("global_defs {\nvrrp_garp_lower_prio_delay 0\n"
	               "vrrp_garp_lower_prio_repeat 2\n"
	               "vrrp_garp_master_refresh 60\n"
	               "vrrp_garp_master_refresh_repeat 2\n"
	               "vrrp_garp_extra_if all 100\n}\n");
	g = &cfg->global;
	assert_true(g->vrrp_garp_lower_prio_delay_set);
	assert_int_equal(g->vrrp_garp_lower_prio_delay, 0);
	assert_true(g->vrrp_garp_lower_prio_repeat_set);
	assert_int_equal(g->vrrp_garp_lower_prio_repeat, 2);
	assert_int_equal(g->vrrp_garp_master_refresh, 60 * SEC);
	assert_int_equal(g->vrrp_garp_master_refresh_repeat, 2);
	assert_true(g->vrrp_garp_extra_if_all);
	assert_int_equal(g->vrrp_garp_extra_if, 100 * SEC);
	cfg_free(cfg);

	/* vrrp_min_garp changes only what still holds its default */
	cfg = parse_ok("global_defs {\nvrrp_garp_master_repeat 3\n"
	               "vrrp_min_garp\n}\n");
	g = &cfg->global;
	assert_true(g->vrrp_min_garp);
	assert_int_equal(g->vrrp_garp_master_repeat, 3);
	assert_int_equal(g->vrrp_garp_master_delay, 0);
	cfg_free(cfg);
	cfg = parse_ok("global_defs {\nvrrp_min_garp false\n}\n");
	assert_int_equal(cfg->global.vrrp_garp_master_delay, 5 * SEC);
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\nvrrp_garp_extra_if 30\n}\n");
	assert_false(cfg->global.vrrp_garp_extra_if_all);
	assert_int_equal(cfg->global.vrrp_garp_extra_if, 30 * SEC);
	cfg_free(cfg);

	expect_error("global_defs {\nvrrp_garp_lower_prio_repeat -1\n}\n",
	    "2:29", "from 0 to 2147483647");
	expect_error("global_defs {\nvrrp_garp_lower_prio_delay x\n}\n", "2:28",
	    "expected a time in seconds");
	expect_error("global_defs {\nvrrp_garp_extra_if all\n}\n", "2:1",
	    "missing its time");
	expect_error("global_defs {\nvrrp_garp_extra_if 86401\n}\n", "2:20",
	    "to 86400.000000");
	expect_error("global_defs {\nvrrp_garp_extra_if 5 6\n}\n", "2:22",
	    "unexpected '6'");
}

static void
test_firewall(void **state)
{
	struct config *cfg;
	const struct global_conf *g;

	(void)state;
	cfg = parse_ok("global_defs {\nnftables\nnftables_ipvs\n"
	               "vrrp_iptables\nvrrp_ipsets\n}\n");
	g = &cfg->global;
	assert_string_equal(g->nftables, "keepalived");
	assert_string_equal(g->nftables_ipvs, "keepalived_ipvs");
	assert_true(g->vrrp_iptables);
	assert_string_equal(g->vrrp_iptables_inchain, "INPUT");
	assert_string_equal(g->vrrp_iptables_outchain, "OUTPUT");
	assert_int_equal(g->vrrp_ipsets, GLOBAL_IPSETS_OFF);
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\nnftables ka\nvrrp_iptables ka_in\n"
	               "vrrp_ipsets set4\n}\n");
	g = &cfg->global;
	assert_string_equal(g->nftables, "ka");
	assert_string_equal(g->vrrp_iptables_inchain, "ka_in");
	assert_string_equal(g->vrrp_iptables_outchain, "");
	assert_int_equal(g->vrrp_ipsets, GLOBAL_IPSETS_ON);
	assert_string_equal(g->vrrp_ipset_address, "set4");
	assert_string_equal(g->vrrp_ipset_address6, "set46");
	assert_string_equal(g->vrrp_ipset_address_iface6, "set4_if6");
	assert_string_equal(g->vrrp_ipset_igmp, "set4_igmp");
	assert_string_equal(g->vrrp_ipset_mld, "set4_mld");
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\nvrrp_iptables in out\n"
	               "vrrp_ipsets a b c d e\n}\n");
	g = &cfg->global;
	assert_string_equal(g->vrrp_iptables_outchain, "out");
	assert_string_equal(g->vrrp_ipset_address_iface6, "c");
	assert_string_equal(g->vrrp_ipset_mld, "e");
	cfg_free(cfg);

	expect_error(
	    "global_defs {\nnftables a_table_name_of_exactly_32_chars\n}\n",
	    "2:10", "at most 31 allowed");
	expect_error("global_defs {\nvrrp_iptables a b c\n}\n", "2:19",
	    "unexpected 'c'");
	expect_error("global_defs {\nvrrp_ipsets a b c d e f\n}\n", "2:23",
	    "unexpected 'f'");
	expect_error("global_defs {\nnftables_ipvs_start_fwmark 0\n}\n", "2:28",
	    "from 1 to");
}

static void
test_scheduling(void **state)
{
	struct config *cfg;
	const struct global_conf *g;

	(void)state;
	cfg = parse_ok("global_defs {\nmax_auto_priority\n"
	               "vrrp_cpu_affinity 0\nchecker_cpu_affinity 0 0\n}\n");
	g = &cfg->global;
	assert_int_equal(g->max_auto_priority, 99);
	assert_true(cpu_isset(&g->vrrp_cpu_affinity, 0));
	assert_false(cpu_isset(&g->vrrp_cpu_affinity, 1));
	assert_true(cpu_isset(&g->checker_cpu_affinity, 0));
	assert_false(cpu_isset(&g->bfd_cpu_affinity, 0));
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\nmax_auto_priority -1\n}\n");
	assert_int_equal(cfg->global.max_auto_priority, -1);
	cfg_free(cfg);

	expect_error("global_defs {\nmax_auto_priority 100\n}\n", "2:19",
	    "from -1 to 99");
	expect_error("global_defs {\nbfd_cpu_affinity -1\n}\n", "2:18",
	    "expected an integer from 0 to");
	expect_error("global_defs {\nvrrp_cpu_affinity 0 100000\n}\n", "2:21",
	    "expected an integer from 0 to");
	expect_error("global_defs {\nvrrp_cpu_affinity\n}\n", "2:1",
	    "missing its argument");
}

static void
test_script_user_and_fifos(void **state)
{
	struct config *cfg;
	const struct global_conf *g;

	(void)state;
	cfg = parse_ok("global_defs {\nscript_user root\n"
	               "enable_script_security\n"
	               "notify_fifo /run/ka.fifo\n"
	               "notify_fifo_script /usr/bin/fifo_reader root root\n"
	               "vrrp_notify_fifo /run/ka_vrrp.fifo root\n"
	               "lvs_notify_fifo /run/ka_lvs.fifo root root\n"
	               "lvs_notify_fifo_script \"/bin/reader -v\"\n}\n");
	g = &cfg->global;
	assert_string_equal(g->script_user, "root");
	assert_string_equal(g->script_group, "");
	assert_true(g->enable_script_security);
	assert_string_equal(g->notify_fifo.path, "/run/ka.fifo");
	assert_string_equal(g->notify_fifo.script.cmd, "/usr/bin/fifo_reader");
	assert_string_equal(g->notify_fifo.script.group, "root");
	assert_string_equal(g->vrrp_notify_fifo.path, "/run/ka_vrrp.fifo");
	assert_string_equal(g->vrrp_notify_fifo.user, "root");
	assert_string_equal(g->lvs_notify_fifo.group, "root");
	assert_string_equal(g->lvs_notify_fifo.script.cmd, "/bin/reader -v");
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\nscript_user root root\n}\n");
	assert_string_equal(cfg->global.script_group, "root");
	cfg_free(cfg);

	expect_error("global_defs {\nscript_user no_such_user_vigil\n}\n",
	    "2:13", "unknown user 'no_such_user_vigil' for 'script_user'");
	expect_error("global_defs {\nscript_user root no_such_group_vigil\n}\n",
	    "2:18", "unknown group 'no_such_group_vigil'");
	expect_error(
	    "global_defs {\nscript_user\n}\n", "2:1", "missing its argument");
	expect_error("global_defs {\nnotify_fifo /run/f\n"
	             "vrrp_notify_fifo /run/f\n}\n",
	    "3:18", "the FIFO names must all be different");
	expect_error("global_defs {\nlvs_notify_fifo /run/f\n"
	             "notify_fifo /run/f\n}\n",
	    "3:13", "already used by lvs_notify_fifo");
	expect_error(
	    "global_defs {\nvrrp_notify_fifo /f no_such_user_vigil\n}\n",
	    "2:21", "unknown user");
	expect_error("global_defs {\nnotify_fifo_script\n}\n", "2:1",
	    "missing its argument");
}

static void
test_interfaces_and_buffers(void **state)
{
	struct config *cfg;
	const struct global_conf *g;

	(void)state;
	cfg = parse_ok("global_defs {\ndynamic_interfaces allow_if_changes\n"
	               "vrrp_rx_bufs_policy advert\n"
	               "vrrp_netlink_cmd_rcv_bufs 500000\n"
	               "vrrp_netlink_cmd_rcv_bufs_force\n"
	               "process_monitor_rcv_bufs_force off\n}\n");
	g = &cfg->global;
	assert_true(g->dynamic_interfaces);
	assert_true(g->allow_if_changes);
	assert_int_equal(g->vrrp_rx_bufs_policy, GLOBAL_RX_BUFS_ADVERT);
	assert_int_equal(g->vrrp_netlink_cmd_rcv_bufs, 500000);
	assert_true(g->vrrp_netlink_cmd_rcv_bufs_force);
	assert_false(g->process_monitor_rcv_bufs_force);
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\ndynamic_interfaces\n"
	               "vrrp_rx_bufs_policy 65536\n}\n");
	assert_true(cfg->global.dynamic_interfaces);
	assert_false(cfg->global.allow_if_changes);
	assert_int_equal(cfg->global.vrrp_rx_bufs_policy, GLOBAL_RX_BUFS_SIZE);
	assert_int_equal(cfg->global.vrrp_rx_bufs_size, 65536);
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\nvrrp_rx_bufs_policy MTU\n}\n");
	assert_int_equal(cfg->global.vrrp_rx_bufs_policy, GLOBAL_RX_BUFS_MTU);
	cfg_free(cfg);

	expect_error("global_defs {\ndynamic_interfaces sometimes\n}\n", "2:20",
	    "expected allow_if_changes or nothing");
	expect_error("global_defs {\nvrrp_rx_bufs_policy PAGE\n}\n", "2:21",
	    "expected MTU, ADVERT or a size in bytes");
	expect_error("global_defs {\nvrrp_rx_bufs_multiplier 0\n}\n", "2:25",
	    "from 1 to");
	expect_error("global_defs {\nlvs_netlink_monitor_rcv_bufs -1\n}\n",
	    "2:30", "from 0 to 4294967295");
}

static void
test_umask(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("global_defs {\numask 027\n}\n");
	assert_int_equal(cfg->global.umask_bits, 027);
	cfg_free(cfg);
	cfg = parse_ok("global_defs {\numask 0x12\n}\n");
	assert_int_equal(cfg->global.umask_bits, 022);
	cfg_free(cfg);
	cfg = parse_ok("global_defs {\numask IWGRP|IWOTH|IXOTH\n}\n");
	assert_int_equal(cfg->global.umask_bits, 023);
	cfg_free(cfg);
	cfg = parse_ok("global_defs {\numask IRUSR | IWGRP\n}\n");
	assert_int_equal(cfg->global.umask_bits, 0420);
	cfg_free(cfg);
	assert_false(has_line("", "warning"));

	expect_error("global_defs {\numask 0999\n}\n", "2:7",
	    "expected a number from 0 to 0777");
	expect_error("global_defs {\numask 01000\n}\n", "2:7", "0777");
	expect_error("global_defs {\numask 022 IWGRP\n}\n", "2:11",
	    "unexpected 'IWGRP'");
	expect_error("global_defs {\numask IWGRP|\n}\n", "2:7",
	    "invalid umask 'IWGRP|'");
	expect_error(
	    "global_defs {\numask IWGRP IWOTH\n}\n", "2:13", "joined by '|'");
	expect_error(
	    "global_defs {\numask IFOO\n}\n", "2:7", "invalid umask 'IFOO'");
}

static void
test_reload_and_include(void **state)
{
	struct config *cfg;
	const struct global_conf *g;

	(void)state;
	cfg = parse_ok("global_defs {\nreload_check_config\ninclude_check\n"
	               "reload_time_file /run/ka.reload_time\nreload_repeat\n"
	               "reload_file\nconfig_save_dir /var/tmp/ka\n}\n");
	g = &cfg->global;
	assert_string_equal(g->reload_check_config, "/dev/null");
	assert_int_equal(g->include_check, CFG_INC_ALL);
	assert_string_equal(g->reload_time_file, "/run/ka.reload_time");
	assert_true(g->reload_repeat);
	assert_true(g->reload_file_set);
	assert_string_equal(g->reload_file, "");
	assert_string_equal(g->config_save_dir, "/var/tmp/ka");
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\nreload_check_config /var/log/ka.check\n"
	               "include_check match\nreload_file /run/ka.reload\n}\n");
	g = &cfg->global;
	assert_string_equal(g->reload_check_config, "/var/log/ka.check");
	assert_int_equal(g->include_check, CFG_INC_READABLE | CFG_INC_MATCH);
	assert_string_equal(g->reload_file, "/run/ka.reload");
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\ninclude_check readable +brace_match "
	               "-readable\n}\n");
	assert_int_equal(cfg->global.include_check, CFG_INC_BRACE);
	cfg_free(cfg);

	cfg = parse_ok("global_defs {\ninclude_check\n"
	               "include_check -wildcard_match\n}\n");
	assert_int_equal(
	    cfg->global.include_check, CFG_INC_ALL & ~CFG_INC_WILDCARD);
	cfg_free(cfg);

	expect_error("global_defs {\ninclude_check match wildcard_match\n}\n",
	    "2:21", "only the first include_check word");
	expect_error("global_defs {\ninclude_check +everything\n}\n", "2:15",
	    "unknown include_check 'everything'");
	expect_error("global_defs {\nreload_time_file run/x\n}\n", "2:18",
	    "expected an absolute path");
	expect_error("global_defs {\nreload_file x\n}\n", "2:13",
	    "expected an absolute path");
	expect_error("global_defs {\nreload_check_config a b\n}\n", "2:23",
	    "unexpected 'b'");
}

static void
test_process_names_and_aliases(void **state)
{
	struct config *cfg;
	const struct global_conf *g;

	(void)state;
	cfg = parse_ok("global_defs {\nprocess_names\nbfd_process_name bfd1\n"
	               "lvs_process_name chk\nvrrp_rlimit_rtime 5000\n"
	               "enable_snmp_keepalived\nlvs_flush_onstop\n"
	               "vrrp_vmac_garp_intvl 60\n}\n");
	g = &cfg->global;
	assert_string_equal(g->vrrp_process_name, "keepalived_vrrp");
	assert_string_equal(g->bfd_process_name, "bfd1");
	assert_string_equal(g->checker_process_name, "chk");
	assert_int_equal(g->vrrp_rlimit_rttime, 5000);
	assert_true(g->enable_snmp_vrrp);
	assert_int_equal(g->lvs_flush_on_stop, GLOBAL_LVS_FLUSH_FULL);
	assert_int_equal(g->vrrp_garp_extra_if, 60 * SEC);
	expect_warning("4:1",
	    "'lvs_process_name' is deprecated: use "
	    "'checker_process_name'");
	expect_warning("5:1", "'vrrp_rlimit_rtime' is deprecated");
	expect_warning("8:1", "'vrrp_vmac_garp_intvl' is deprecated");
	cfg_free(cfg);

	expect_error(
	    "global_defs {\nprocess_names x\n}\n", "2:15", "takes no argument");
	expect_error(
	    "global_defs {\nchecker_rlimit_rtime 1\n}\n", "2:22", "from 2 to");
	expect_error("global_defs {\nenable_snmp_keepalived 1\n}\n", "2:24",
	    "takes no argument");
}

static void
test_cross_rules(void **state)
{
	(void)state;
	expect_error("global_defs {\nvrrp_strict\n"
	             "vrrp_higher_prio_send_advert\n}\n",
	    "1:1", "vrrp_strict does not allow vrrp_higher_prio_send_advert");
	cfg_free(parse_ok("global_defs {\nvrrp_strict\n"
	                  "vrrp_higher_prio_send_advert off\n}\n"));
}

/* With host checks, a global script that cannot run warns (it is
   skipped, as keepalived does) and the load still succeeds. */
static void
test_script_host_check(void **state)
{
	(void)state;
	cfg_set_host_checks(true);
	cfg_free(parse_ok("global_defs {\nstartup_script /nonexistent/x.sh\n"
	                  "shutdown_script /bin/true\n}\n"));
	cfg_set_host_checks(false);
	assert_int_equal(diag.nwarnings, 1);
	assert_true(has_line("<config>:2:16: warning: ",
	    "script '/nonexistent/x.sh': '/nonexistent/x.sh' is not found; "
	    "it will not run until it is"));
}

static void
test_dump(void **state)
{
	struct config *cfg;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	cfg = parse_ok("global_defs {\n"
	               "notification_email {\na@example.com\n}\n"
	               "smtp_server 10.0.0.1 2525\n"
	               "smtp_alert off\n"
	               "lvs_sync_daemon eth0 inst VI_1 id 5\n"
	               "lvs_timeouts udp 30\n"
	               "startup_script \"/bin/echo hi\" root\n"
	               "vrrp_cpu_affinity 0\n"
	               "umask IWGRP|IWOTH\n"
	               "include_check match\n"
	               "vrrp_garp_lower_prio_delay 1.5\n"
	               "}\n"
	               "linkbeat_interfaces {\neth2 MII\n}\n"
	               "net_namespace_ipvs\n");
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	cfg_dump(f, cfg);
	fclose(f);
	assert_non_null(strstr(buf, "global_defs {\n"));
	assert_non_null(strstr(buf,
	    "    notification_email {\n"
	    "        a@example.com\n    }\n"));
	assert_non_null(strstr(buf, "    smtp_server 10.0.0.1 2525\n"));
	assert_non_null(strstr(buf, "    smtp_alert false\n"));
	assert_null(strstr(buf, "smtp_alert_vrrp"));
	assert_non_null(
	    strstr(buf, "    lvs_sync_daemon eth0 inst VI_1 id 5\n"));
	assert_non_null(strstr(buf, "    lvs_timeouts udp 30\n"));
	assert_non_null(
	    strstr(buf, "    startup_script \"/bin/echo hi\" root\n"));
	assert_non_null(strstr(buf, "    vrrp_cpu_affinity 0\n"));
	assert_non_null(strstr(buf, "    umask 0022\n"));
	assert_non_null(strstr(buf, "    include_check +readable +match\n"));
	assert_non_null(
	    strstr(buf, "    vrrp_garp_lower_prio_delay 1.500000\n"));
	assert_non_null(strstr(buf, "    vrrp_mcast_group4 224.0.0.18\n"));
	assert_non_null(strstr(buf, "    vrrp_version 2\n"));
	assert_non_null(
	    strstr(buf, "linkbeat_interfaces {\n    eth2 MII\n}\n"));
	assert_non_null(strstr(buf, "\nnet_namespace_ipvs\n"));
	assert_null(strstr(buf, "lvs_process_name")); /* aliases: no dump */
	free(buf);
	cfg_free(cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_man_keywords_in_table, teardown),
		cmocka_unit_test_teardown(test_man_keywords_known, teardown),
		cmocka_unit_test_teardown(test_every_keyword_valid, teardown),
		cmocka_unit_test_teardown(test_defaults, teardown),
		cmocka_unit_test_teardown(test_simple_kinds, teardown),
		cmocka_unit_test_teardown(test_ranges, teardown),
		cmocka_unit_test_teardown(test_unknown_keyword, teardown),
		cmocka_unit_test_teardown(test_top_level, teardown),
		cmocka_unit_test_teardown(test_notification_email, teardown),
		cmocka_unit_test_teardown(test_scripts, teardown),
		cmocka_unit_test_teardown(test_smtp, teardown),
		cmocka_unit_test_teardown(test_mcast_groups, teardown),
		cmocka_unit_test_teardown(test_lvs_sync_daemon, teardown),
		cmocka_unit_test_teardown(
		    test_lvs_timeouts_and_flush, teardown),
		cmocka_unit_test_teardown(test_garp, teardown),
		cmocka_unit_test_teardown(test_firewall, teardown),
		cmocka_unit_test_teardown(test_scheduling, teardown),
		cmocka_unit_test_teardown(test_script_user_and_fifos, teardown),
		cmocka_unit_test_teardown(
		    test_interfaces_and_buffers, teardown),
		cmocka_unit_test_teardown(test_umask, teardown),
		cmocka_unit_test_teardown(test_reload_and_include, teardown),
		cmocka_unit_test_teardown(
		    test_process_names_and_aliases, teardown),
		cmocka_unit_test_teardown(test_cross_rules, teardown),
		cmocka_unit_test_teardown(test_script_host_check, teardown),
		cmocka_unit_test_teardown(test_dump, teardown),
	};

	cfg_register_core();
	cfg_diag_init(&diag);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
