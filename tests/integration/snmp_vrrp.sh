#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# snmp_vrrp.sh: KEEPALIVED-MIB's global and VRRP parts by numeric OID
# against what the configuration and the instances' real state say (the
# VIP in the kernel, the herald's log), and the traps: each transition of
# an instance and of its sync group once, with keepalived's varbinds
# (BACKUP -> MASTER, then MASTER -> FAULT when the link loses its
# carrier); then a reload that changes the instances: the tables follow.
# Topology: one namespace, a lone veth link eth0/eth0p; sync group G1 of
# VI_1 (VRID 51, 150, VRRPv2) and VI_2 (VRID 52, 100, VRRPv3).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../snmp_lib.sh"

I=$KMIB_VRRP.3.1 # vrrpInstanceEntry
G=$KMIB_VRRP.1.1 # vrrpSyncGroupEntry
A=$KMIB_VRRP.6.1 # vrrpAddressEntry
T_INST=$KMIB_TRAPS.0.2
T_GROUP=$KMIB_TRAPS.0.1
vip_set() { ip -n "$NS" -o addr show dev eth0 | grep -q "$1/"; }
is() { [ "$(snmp_get "$1")" = "$2" ] || { diag "$1: '$(snmp_get "$1")', not '$2'"; return 1; }; }
# traps_with TRAP_OID NAME STATE: traps of that object entering STATE.
traps_with() {
	traps_count "$1" "\"$2\"|.*\.2\.[13]\.1\.[34] = INTEGER: $3|"
}
traps_with_is() { [ "$(traps_with "$1" "$2" "$3")" = "$4" ]; }

ns_create
ns_lone_link
check "snmpd and snmptrapd run" snmp_start
conf() {
	cat >"$WORK/k.conf" <<CONF
global_defs {
    router_id snmp_vrrp
    snmp_socket $SNMP_SOCK
    enable_snmp_vrrp
    enable_traps
    script_user root
    notification_email { ops@example.com }
    notification_email_from vigil@example.com
}
vrrp_script chk {
    script "/bin/true"
    interval 2
    weight 10
    rise 2
    fall 3
}
CONF
	if [ "$1" = 1 ]; then
		cat >>"$WORK/k.conf" <<CONF
vrrp_sync_group G1 {
    group {
        VI_1
        VI_2
    }
    notify_master "/bin/true master"
    sync_group_tracking_weight
}
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
        192.0.2.101/24 dev eth0 label eth0:vip
    }
    virtual_ipaddress_excluded {
        192.0.2.102/24
    }
    track_script {
        chk
    }
}
vrrp_instance VI_2 {
    state BACKUP
    interface eth0
    virtual_router_id 52
    priority 100
    version 3
    advert_int 1
    nopreempt
    virtual_ipaddress {
        192.0.2.110/24
    }
}
CONF
	else
		cat >>"$WORK/k.conf" <<CONF
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
}
vrrp_instance VI_3 {
    interface eth0
    virtual_router_id 53
    priority 120
    advert_int 2
    virtual_ipaddress {
        192.0.2.130/24
    }
}
CONF
	fi
}
conf 1
start_vigild "$WORK/k.conf"
check "VI_1 becomes MASTER (VIP in the kernel)" wait_for 20 vip_set 192.0.2.100
check "VI_2 becomes MASTER (VIP in the kernel)" wait_for 20 vip_set 192.0.2.110
check "the agent serves" wait_for 20 snmp_agent_serves "$I"

# global
check "version" is "$KMIB_GLOBAL.1.0" '"vigil 0.1.0"'
check "routerId" is "$KMIB_GLOBAL.2.0" '"snmp_vrrp"'
check "emailFrom" is "$KMIB_GLOBAL.3.4.0" '"vigil@example.com"'
check "emailAddress.1" is "$KMIB_GLOBAL.3.5.1.2.1" '"ops@example.com"'
check "trapEnable true" is "$KMIB_GLOBAL.4.0" 1
# instances
check "row 1 name" is "$I.2.1" '"VI_1"'
check "row 2 name" is "$I.2.2" '"VI_2"'
check "VRIDs" is "$I.3.2" 52
check "VI_1 state master" wait_for 10 is "$I.4.1" 2
check "VI_2 state master" is "$I.4.2" 2
check "initial states" is "$I.5.2" 1
check "base priority" is "$I.7.1" 150
check "effective priority (150 + script weight 10)" wait_for 10 is "$I.8.1" 160
check "VIPs enabled" is "$I.9.1" 1
check "primary interface" is "$I.10.1" '"eth0"'
check "advert interval: v2 in s" is "$I.12.1" 1
check "advert interval: v3 in cs" is "$I.12.2" 100
check "preempt / nopreempt" is "$I.13.1" 1
check "nopreempt" is "$I.13.2" 2
check "sync group" is "$I.18.1" '"G1"'
check "version 3" is "$I.30.2" 3
check "multicast address" is "$I.35.1" "$(hex_ip4 224.0.0.18)"
check "no wantedState (not served)" test -z "$(snmp_get "$I.6.1")"
# sync group and members
check "group name" is "$G.2.1" '"G1"'
check "group state master" is "$G.3.1" 2
check "group notify_master" is "$G.6.1" '"/bin/true master"'
check "members" is "$KMIB_VRRP.2.1.2.1.2" '"VI_2"'
# addresses: VIPs, then excluded
check "address 1.1" is "$A.3.1.1" "$(hex_ip4 192.0.2.100)"
check "address 1.2 label" is "$A.9.1.2" '"eth0:vip"'
check "address 1.3 excluded: not advertised" is "$A.11.1.3" 2
check "address 1.1 advertised" is "$A.11.1.1" 1
check "address 2.1" is "$A.3.2.1" "$(hex_ip4 192.0.2.110)"
check "prefix" is "$A.5.2.1" 24
# tracked script and script
check "tracked script" is "$KMIB_VRRP.5.1.2.1.1" '"chk"'
check "script command" is "$KMIB_VRRP.9.1.3.1" '"/bin/true"'
check "script weight" is "$KMIB_VRRP.9.1.5.1" 10
check "script fall" is "$KMIB_VRRP.9.1.8.1" 3
# a full walk ends and has every row
n=$(snmp_bulkwalk "$KMIB_VRRP" | awk -v p="$I.2." 'index($1, p) == 1' | wc -l)
check "a bulk walk lists both instances" test "$n" = 2

# traps of BACKUP -> MASTER: once each
check "trap: VI_1 MASTER" wait_for 10 traps_with_is "$T_INST" VI_1 2 1
check "trap: VI_2 MASTER" traps_with_is "$T_INST" VI_2 2 1
check "trap: G1 MASTER" wait_for 10 traps_with_is "$T_GROUP" G1 2 1
line=$(traps_of "$T_INST" | grep '"VI_1"' | grep 'INTEGER: 2|' | head -1)
check "trap varbinds: name" test "$(trap_var "$line" "$I.2")" = VI_1
check "trap varbinds: initial state" test "$(trap_var "$line" "$I.5")" = 1
check "trap varbinds: routerId" test "$(trap_var "$line" "$KMIB_GLOBAL.2.0")" = snmp_vrrp

# carrier lost: MASTER -> FAULT
ip -n "$NS" link set eth0p down
check "fault: VI_1 state fault" wait_for 20 is "$I.4.1" 3
check "trap: VI_1 FAULT once" wait_for 10 traps_with_is "$T_INST" VI_1 3 1
check "trap: G1 FAULT once" wait_for 10 traps_with_is "$T_GROUP" G1 3 1
check "VIPs enabled false" is "$I.9.1" 2
ip -n "$NS" link set eth0p up
check "back: VI_1 state master" wait_for 30 is "$I.4.1" 2
sleep 2
check "still one MASTER trap more (2 in all) for VI_1" traps_with_is "$T_INST" VI_1 2 2

# reload: VI_2 and G1 leave, VI_3 comes
conf 2
kill -HUP "$VPID"
check "reload: row 2 is VI_3" wait_for 20 is "$I.2.2" '"VI_3"'
check "reload: VI_3's VRID" is "$I.3.2" 53
check "reload: no row 3" test -z "$(snmp_get "$I.2.3")"
check "reload: no sync group" test -z "$(snmp_walk "$G.2")"
check "vigild is alive" alive "$VPID"
if [ "$T_FAIL" -gt 0 ]; then
	diag "traps:"
	sed 's/^/#   /' "$SNMP_TRAPS"
	snmp_bulkwalk "$KMIB_VRRP" | head -5 | sed 's/^/#   /'
fi
done_testing
