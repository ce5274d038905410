#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# snmp_rfc.sh: VRRP-MIB (RFC 2787) and VRRPv3-MIB (RFC 6527) served by
# vigild's SNMP agent through a real snmpd (AgentX), for a two-node pair:
# node a (enable_snmp_rfc, enable_traps) is backup under b, then master
# when b stops.  The walks follow the pair: state, priority, master
# address, addresses, counters (adverts received, becomes master); one
# vrrpTrapNewMaster and one vrrpv3NewMaster per new master reach
# snmptrapd.  Then keepalived 2.2.7 (-x) on node a with the same file is
# the reference: the whole of both MIBs, backup and master, compared after
# removing what differs on purpose or by timing (see norm below).
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
	wait_for 10 snmp_has $V3.1.1.1.1.3.$R3 "$(hex_ip4 $B_ADDR)"
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
check "and the reason: priority (1), b resigned with priority 0" \
	[ "$(trap_var "$t" $V3.1.2.5.1.2.$R3)" = 1 ]
check "vrrpv3StatisticsNewMasterReason priority (1)" \
	[ "$(snmp_get $V3.1.2.5.1.2.$R3)" = 1 ]
check "vrrpv3OperationsUpTime counts" [ "$(snmp_get $V3.1.1.1.1.12.$R3)" -ge 0 ]
check "vrrpStatsPriorityZeroPktsRcvd 1" wait_for 10 snmp_has $V2.2.4.1.6.$R2 1
sleep 2 # one more counters period
snmp_walk $V2 >"$WORK/vigil.m.v2"
snmp_walk $V3 >"$WORK/vigil.m.v3"

# The reference: keepalived 2.2.7 on node a, same file, -x (which turns on
# every MIB part, as enable_snmp_rfc does), backup under b then master.
# keepalived answers a walk (GETNEXT) of its RFC tables but a GET of one
# of their cells is noSuchInstance: the waits below walk.
walk_has() { # MIB OID VALUE
	[ "$(snmp_walk "$1" | awk -v o="$2" '$1 == o { sub(/^[^ ]* /, ""); print }')" = "$3" ]
}
# norm WALK [master]: what is compared.  Left out: the virtual MAC
# (vigil gives the RFC's 00-00-5E-00-01-VrId, keepalived the interface's
# own MAC), the up times and advertisements received (timing); and, while
# master, vrrpOperMasterIpAddr (vigil: our own address, as RFC 2787 says
# and as both give in VRRPv3-MIB; keepalived keeps the last master it
# heard).  VRRPv3-MIB's address index: vigil puts the InetAddress's length
# first (an index that is not IMPLIED, RFC 2578 7.7), keepalived does not:
# the length is removed before comparing.
norm() { # WALK b|m
	{
		echo '^\.1\.3\.6\.1\.2\.1\.68\.1\.3\.1\.(2|13)\.'
		echo '^\.1\.3\.6\.1\.2\.1\.68\.2\.4\.1\.2\.'
		echo '^\.1\.3\.6\.1\.2\.1\.207\.1\.1\.1\.1\.(5|12)\.'
		echo '^\.1\.3\.6\.1\.2\.1\.207\.1\.2\.5\.1\.3\.'
		[ "$2" = m ] && echo '^\.1\.3\.6\.1\.2\.1\.68\.1\.3\.1\.7\.'
	} >"$WORK/drop"
	grep -Ev -f "$WORK/drop" "$1" |
		sed -E 's/^(\.1\.3\.6\.1\.2\.1\.207\.1\.1\.2\.1\.2\.[0-9]+\.[0-9]+\.[0-9]+)\.(4|16)\./\1./'
}
# same NAME: vigil's and keepalived's walks NAME agree (the diff as
# comments when not).
same() {
	[ -s "$WORK/ka.$1" ] || return 1
	diff -u "$WORK/ka.$1" "$WORK/vigil.$1" >"$WORK/diff.$1" && return 0
	sed 's/^/# /' "$WORK/diff.$1"
	return 1
}
stop_node a
start_node b vigild "$WORK/b.conf"
check "b is master again" wait_master b "$VIP4" 15
start_node a vigild "$WORK/a.conf"
check "vigild: a backup again" wait_for 15 snmp_has $V2.1.3.1.3.$R2 2
check "vigild: master is b" wait_for 10 snmp_has $V2.1.3.1.7.$R2 "$B_ADDR"
sleep 2
snmp_walk $V2 >"$WORK/vigil.b.v2"
snmp_walk $V3 >"$WORK/vigil.b.v3"
stop_node a
start_node a keepalived "$WORK/a.conf" -x
check "keepalived: backup" wait_for 20 walk_has $V2 $V2.1.3.1.3.$R2 2
check "keepalived: master is b" wait_for 10 walk_has $V2 $V2.1.3.1.7.$R2 "$B_ADDR"
sleep 2
snmp_walk $V2 >"$WORK/ka.b.v2"
snmp_walk $V3 >"$WORK/ka.b.v3"
stop_node b
check "keepalived: master" wait_for 20 walk_has $V2 $V2.1.3.1.3.$R2 3
check "keepalived: vrrpStatsBecomeMaster 1" \
	wait_for 10 walk_has $V2 $V2.2.4.1.1.$R2 1
sleep 2
snmp_walk $V2 >"$WORK/ka.m.v2"
snmp_walk $V3 >"$WORK/ka.m.v3"
stop_node a
for f in b.v2 b.v3 m.v2 m.v3; do
	for w in vigil ka; do
		norm "$WORK/$w.$f" "${f%.*}" >"$WORK/$w.$f.n"
	done
done
diag "compared: $(cat "$WORK"/ka.*.n | wc -l) lines"
check "VRRP-MIB, a backup: vigil's walk is keepalived's" same b.v2.n
check "VRRPv3-MIB, a backup: vigil's walk is keepalived's" same b.v3.n
check "VRRP-MIB, a master: vigil's walk is keepalived's" same m.v2.n
check "VRRPv3-MIB, a master: vigil's walk is keepalived's" same m.v3.n
done_testing
