#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# not_implemented.sh: a keyword vigil parses but does not run yet is logged
# once at start by the process that owns it, never silently dropped.
# Topology: one namespace with a veth pair eth0/eth0p (this kernel may
# lack the dummy driver); a VRRP instance and a virtual server that no
# child runs yet.
. "$(dirname "$0")/../lib.sh"

ns_create
ip -n "$NS" link add eth0 type veth peer name eth0p
ip -n "$NS" link set eth0 up
conf="$WORK/k.conf"
cat >"$conf" <<'CONF'
child_wait_time 2
global_defs {
    router_id lb1
    enable_dbus
    vrrp_garp_master_repeat 3
}
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    debug 1
    virtual_ipaddress {
        192.0.2.10/24
    }
}
vrrp_instance VI_2 {
    interface eth0
    virtual_router_id 52
    debug 2
    virtual_ipaddress {
        192.0.2.11/24
    }
}
virtual_server 192.0.2.10 80 {
    lb_algo rr
    ha_suspend
    real_server 198.51.100.1 80 {
        TCP_CHECK {
            connect_timeout 3
        }
    }
}
CONF

start_vigild "$conf"
check "all three children start" wait_for 10 n_children "$VPID" 3
check "the vrrp child names a nested keyword by its path" wait_for 10 \
	log_has "vrrp\[.*vrrp_instance.debug is not implemented yet"
check "the vrrp child runs vrrp_instance: not named" \
	log_count_is "vrrp_instance is not implemented yet" 0
check "the vrrp child runs virtual_ipaddress: not named" \
	log_count_is "vrrp_instance.virtual_ipaddress is not implemented yet" 0
check "the checker names a virtual server's keyword nothing runs" \
	wait_for 10 \
	log_has "checker\[.*virtual_server.ha_suspend is not implemented yet"
check "the IPVS child runs lb_algo: not named" \
	log_count_is "virtual_server.lb_algo is not implemented yet" 0
check "the checker runs the TCP_CHECK block: not named" \
	log_count_is "virtual_server.real_server.TCP_CHECK is not implemented yet" 0
check "the checker runs a checker keyword: not named" log_count_is \
	"virtual_server.real_server.TCP_CHECK.connect_timeout is not implemented yet" 0
check "the parent names global_defs keywords it does not run" \
	log_has "global_defs.enable_dbus is not implemented yet"
check "router_id runs (SNMP and email say it): not named" \
	log_count_is "global_defs.router_id is not implemented yet" 0
check "global_defs itself runs: not named" \
	log_count_is "global_defs is not implemented yet" 0
check "child_wait_time runs: not named" \
	log_count_is "child_wait_time is not implemented yet" 0
check "a keyword two children share is named by one of them" \
	log_count_is "virtual_server.ha_suspend is not implemented yet" 1
check "each keyword is named once although used twice" \
	log_count_is "vrrp_instance.debug is not implemented yet" 1
kill -HUP "$VPID"
check "a reload completes" wait_for 10 \
	log_has "reload complete: configuration generation 2"
check "a reload does not repeat the list" \
	log_count_is "vrrp_instance.debug is not implemented yet" 1
stop_pid "$VPID"
VPID=
done_testing
