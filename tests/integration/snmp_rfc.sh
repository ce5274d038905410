#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# snmp_rfc.sh: VRRP-MIB (RFC 2787) and VRRPv3-MIB (RFC 6527) served by
# vigild's SNMP agent through a real snmpd (AgentX), for a two-node pair:
# node a (enable_snmp_rfc, enable_traps) is backup under b, then master
# when b stops.  The walks follow the pair: state, priority, master
# address, addresses, counters (adverts received, becomes master); one
# vrrpTrapNewMaster and one vrrpv3NewMaster per new master reach
# snmptrapd.  Then keepalived 2.2.7 on node a with the same file is the
# reference for the columns both serve.
# Topology: nodes a, b on one bridge (tests/vrrp_lib.sh), snmpd and
# snmptrapd in a's namespace.  VI_2: VRRPv2, VRID 51, 192.0.2.100/24;
# VI_3: VRRPv3, VRID 52, 192.0.2.101/24; a has priority 100, b 150.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"
. "$(dirname "$0")/../snmp_lib.sh"

V2=.1.3.6.1.2.1.68
V3=.1.3.6.1.2.1.207
A_ADDR=192.0.2.11
B_ADDR=192.0.2.12

topo_create 2 || exit 1
check "snmpd and snmptrapd run in node a" snmp_start "$(node_ns a)"

node_conf() { # NODE PRIO [GLOBAL LINES...]
	local node=$1 prio=$2 f="$WORK/$1.conf"
	shift 2
	conf_global "$f" "$node" "$@"
	conf_instance "$f" VI_2 vrid=51 prio="$prio" ver=2 vip=192.0.2.100/24
	conf_instance "$f" VI_3 vrid=52 prio="$prio" ver=3 vip=192.0.2.101/24
}
node_conf a 100 enable_snmp_rfc enable_traps "snmp_socket $SNMP_SOCK"
node_conf b 150

IFX=$(ip -n "$(node_ns a)" -o link show eth0 | awk -F': ' '{print $1}')
R2=$IFX.51    # VRRP-MIB's index of VI_2
R3=$IFX.52.1  # VRRPv3-MIB's index of VI_3 (ipv4)
R23=$IFX.51.1 # and of VI_2 (VRRPv3-MIB serves VRRPv2 too, as keepalived)

start_node b vigild "$WORK/b.conf"
check "b is master" wait_master b "$VIP4" 15
start_node a vigild "$WORK/a.conf"
check "a's agent serves VRRP-MIB" wait_for 15 snmp_agent_serves $V2.1.3
check "a is backup (vrrpOperState backup)" wait_for 10 snmp_has $V2.1.3.1.3.$R2 2
check "VRRPv3-MIB: VI_3 backup" wait_for 10 snmp_has $V3.1.1.1.1.6.$R3 2
check "a logged what it serves" grep -q \
	"SNMP: VRRP-MIB serves 1 virtual router (1 instance not of VRRPv2/IPv4 with addresses)" \
	"$(node_log a)"

snmp_walk $V2 >"$WORK/v2.walk"
snmp_walk $V3 >"$WORK/v3.walk"
diag "$(wc -l <"$WORK/v2.walk") VRRP-MIB lines, $(wc -l <"$WORK/v3.walk") VRRPv3-MIB lines"
val() { snmp_value "$WORK/$1.walk" "$2"; }
check "vrrpNodeVersion 2" [ "$(val v2 $V2.1.1.0)" = 2 ]
check "vrrpNotificationCntl enabled" [ "$(val v2 $V2.1.2.0)" = 1 ]
check "vrrpOperVirtualMacAddr 00-00-5E-00-01-33" \
	[ "$(val v2 $V2.1.3.1.2.$R2)" = '"00 00 5E 00 01 33 "' ]
check "vrrpOperPriority 100" [ "$(val v2 $V2.1.3.1.5.$R2)" = 100 ]
check "vrrpOperIpAddrCount 1" [ "$(val v2 $V2.1.3.1.6.$R2)" = 1 ]
check "vrrpOperAdvertisementInterval 1" [ "$(val v2 $V2.1.3.1.11.$R2)" = 1 ]
check "vrrpOperPreemptMode true" [ "$(val v2 $V2.1.3.1.12.$R2)" = 1 ]
check "vrrpOperAuthKey is not served" [ -z "$(val v2 $V2.1.3.1.10.$R2)" ]
check "vrrpAssoIpAddrRowStatus of 192.0.2.100" \
	[ "$(val v2 $V2.1.4.1.2.$R2.192.0.2.100)" = 1 ]
check "VI_3 (VRRPv3) is not in VRRP-MIB" \
	[ -z "$(grep "\.$IFX\.52 " "$WORK/v2.walk")" ]
check "vrrpOperPrimaryIpAddr is a's address" \
	[ "$(val v2 $V2.1.3.1.8.$R2)" = "$A_ADDR" ]
check "vrrpOperMasterIpAddr is b's address (as heard)" \
	wait_for 10 snmp_has $V2.1.3.1.7.$R2 "$B_ADDR"
check "vrrpv3OperationsMasterIpAddr is b's address" \
	wait_for 10 snmp_has $V3.1.1.1.1.3.$R3 "\"$(hex_ip4 $B_ADDR) \""
diag "vrrpv3OperationsMasterIpAddr: $(snmp_get $V3.1.1.1.1.3.$R3)"
check "vrrpv3OperationsAdvInterval 100 cs" [ "$(val v3 $V3.1.1.1.1.9.$R3)" = 100 ]
check "vrrpv3OperationsPriority 100" [ "$(val v3 $V3.1.1.1.1.7.$R3)" = 100 ]
check "vrrpv3AssociatedIpAddrRowStatus of 192.0.2.101 (length first)" \
	[ "$(val v3 $V3.1.1.2.1.2.$R3.4.192.0.2.101)" = 1 ]
check "VRRPv3-MIB serves VI_2 too" [ "$(val v3 $V3.1.1.1.1.6.$R23)" = 2 ]
check "vrrpv3StatisticsRefreshRate 1000 ms" \
	[ "$(val v3 $V3.1.2.5.1.13.$R3)" = 1000 ]
check "vrrpRouterChecksumErrors is served" [ -n "$(val v2 $V2.2.1.0)" ]
check "vrrpv3RouterVrIdErrors is served" [ -n "$(val v3 $V3.1.2.3.0)" ]

# Adverts received move (the VRRP child refreshes counters every second).
rx1=$(snmp_get $V2.2.4.1.2.$R2)
adverts_moved() { [ "$(snmp_get $V2.2.4.1.2.$R2)" -gt "${rx1:-0}" ]; }
check "vrrpStatsAdvertiseRcvd grows ($rx1 at first)" wait_for 10 adverts_moved
check "vrrpStatsBecomeMaster 0 while backup" \
	[ "$(snmp_get $V2.2.4.1.1.$R2)" = 0 ]
check "no vrrpTrapNewMaster while backup" traps_count_is $V2.0.1 0

# b leaves: a becomes master of both, once.
stop_node b
check "a is master" wait_master a "$VIP4" 15
check "vrrpOperState master" wait_for 10 snmp_has $V2.1.3.1.3.$R2 3
check "vrrpOperMasterIpAddr is a's own" \
	wait_for 10 snmp_has $V2.1.3.1.7.$R2 "$A_ADDR"
check "vrrpStatsBecomeMaster 1" wait_for 10 snmp_has $V2.2.4.1.1.$R2 1
check "vrrpv3StatisticsMasterTransitions 1" \
	wait_for 10 snmp_has $V3.1.2.5.1.1.$R3 1
check "vrrpTrapNewMaster received" wait_for 10 traps_has $V2.0.1
check "vrrpv3NewMaster received for both rows" \
	wait_for 10 traps_count_is $V3.0.1 2
sleep 2
check "one vrrpTrapNewMaster (VI_2 only)" traps_count_is $V2.0.1 1
t=$(traps_of $V2.0.1 | head -1)
check "its vrrpOperMasterIpAddr is a's address" \
	[ "$(trap_var "$t" $V2.1.3.1.7.$R2)" = "IpAddress: $A_ADDR" ]
t=$(traps_of $V3.0.1 | grep -- "$V3.1.1.1.1.3.$R3 " | head -1)
check "vrrpv3NewMaster of VI_3 with its address" [ -n "$t" ]
check "and a reason (masterNoResponse 3 or priority 1)" \
	[ "$(trap_var "$t" $V3.1.2.5.1.2.$R3)" = 3 ]
check "vrrpv3OperationsUpTime counts" [ "$(snmp_get $V3.1.1.1.1.12.$R3)" -ge 0 ]

# The reference: keepalived 2.2.7 on node a, same file, b back as master.
stop_node a
snmp_walk $V2 | grep -v "^$V2\.[12]\.[0-9]*\.0 \|\.1\.3\.1\.13\.\|\.2\.4\.1\." >"$WORK/vigil.v2"
start_node b vigild "$WORK/b.conf"
check "b is master again" wait_master b "$VIP4" 15
start_node a vigild "$WORK/a.conf"
check "vigild: a backup again" wait_for 15 snmp_has $V2.1.3.1.3.$R2 2
check "vigild: master is b" wait_for 10 snmp_has $V2.1.3.1.7.$R2 "$B_ADDR"
shared='\.1\.3\.1\.\(3\|5\|6\|7\|9\|11\|12\|14\|15\)\.\|\.1\.4\.1\.2\.'
snmp_walk $V2 | grep -- "$shared" >"$WORK/vigil.v2"
snmp_walk $V3 | grep -- '\.1\.1\.1\.1\.\(3\|6\|7\|8\|9\|10\)\.' >"$WORK/vigil.v3"
stop_node a
start_node a keepalived "$WORK/a.conf" -x
check "keepalived: backup" wait_for 20 snmp_has $V2.1.3.1.3.$R2 2
check "keepalived: master is b" wait_for 10 snmp_has $V2.1.3.1.7.$R2 "$B_ADDR"
snmp_walk $V2 | grep -- "$shared" >"$WORK/ka.v2"
snmp_walk $V3 | grep -- '\.1\.1\.1\.1\.\(3\|6\|7\|8\|9\|10\)\.' >"$WORK/ka.v3"
check "VRRP-MIB: the shared columns match keepalived's" \
	[ -s "$WORK/ka.v2" ] && diff -u "$WORK/ka.v2" "$WORK/vigil.v2"
check "VRRPv3-MIB's operations columns match keepalived's" \
	[ -s "$WORK/ka.v3" ] && diff -u "$WORK/ka.v3" "$WORK/vigil.v3"
stop_node a
stop_node b
done_testing
