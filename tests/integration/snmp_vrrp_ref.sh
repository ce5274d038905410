#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# snmp_vrrp_ref.sh: keepalived 2.2.7 as the reference for KEEPALIVED-MIB's
# global and VRRP parts.  The same configuration is run first by Debian's
# keepalived (-P: VRRP only; its checker cannot run without IPVS here)
# and then by vigild, each as an AgentX subagent of the same snmpd, and
# both are walked with the same snmpwalk once every instance is MASTER:
# the two walks must agree on every object, but for the differences
# listed in normalise() (each says why).  The traps each sends on its way
# to MASTER must agree too (their varbinds, without sysUpTime).
# Topology: one namespace, a lone veth link eth0/eth0p; sync group G1 of
# VI_1 (VRID 51, VRRPv2; tracked script, file and interface eth1 (a veth
# (keepalived ignores a track_interface of the instance's own interface,
# vigil does not: a difference of the VRRP child, not of SNMP)) and VI_2
# (VRID 52, VRRPv3, nopreempt, accept), and VI_3 (VRID 53, VRRPv3, IPv6).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../snmp_lib.sh"

KEEPALIVED=${KEEPALIVED:-/usr/sbin/keepalived}
I=$KMIB_VRRP.3.1 # vrrpInstanceEntry
T_INST=$KMIB_TRAPS.0.2
T_GROUP=$KMIB_TRAPS.0.1
vips_set() {
	ip -n "$NS" -o addr show dev eth0 | grep -q "192.0.2.100/" &&
		ip -n "$NS" -o addr show dev eth0 | grep -q "192.0.2.110/" &&
		ip -n "$NS" -o addr show dev eth0 | grep -q "2001:db8::100/"
}
vips_gone() {
	! ip -n "$NS" -o addr show dev eth0 | grep -q "192.0.2.1[01]0/"
}
# all_master: the agent serves the three instances, each MASTER, with the
# trackers counted (effective priority 150 + 10 of the script + 10 of
# eth1 + 5 of the file).
all_master() {
	[ "$(snmp_get "$I.4.1")" = 2 ] && [ "$(snmp_get "$I.4.2")" = 2 ] &&
		[ "$(snmp_get "$I.4.3")" = 2 ] &&
		[ "$(snmp_get "$I.8.1")" = 175 ]
}

# normalise WALK: the walk without what the two differ on by design.
normalise() {
	local p=${KMIB#.}
	sed "s/^\.$p\.//" "$1" | awk '
	# version: each names itself.
	$1 == "1.1.0" { next }
	# ipvs64BitStats (1.7) and dbus (1.9): vigil has neither, and does
	# not serve them.
	$1 == "1.7.0" || $1 == "1.9.0" { next }
	# vrrpInstanceWantedState (2.3.1.6): the VRRP child does not report
	# what keepalived calls wantstate; vigil does not serve it.
	$1 ~ /^2\.3\.1\.6\./ { next }
	# vrrpInstanceTrackPrimaryIf (2.3.1.11): keepalived answers whether
	# the instance has track_interface lines; vigil answers what the
	# MIB asks, whether the primary interface is tracked (it is, unless
	# dont_track_primary).
	$1 ~ /^2\.3\.1\.11\./ { next }
	# vrrpAddressIsAdvertised (2.6.1.11) of the instances after the
	# first: keepalived resets its flag for the first instance only, so
	# it answers false for every VIP after the first instance'"'"'s.
	$1 ~ /^2\.6\.1\.11\./ { split($1, c, "."); if (c[5] > 1) next }
	# vrrpScriptResult (2.9.1.6) and vrrpFileResult (2.13.1.4): the
	# parent hears no result of a script or a file, only what they do
	# to the priority.
	$1 ~ /^2\.9\.1\.6\./ || $1 ~ /^2\.13\.1\.4\./ { next }
	# A script command: keepalived quotes each word of it.
	{ gsub(/'"'"'/, ""); print }'
}
# trap_set TRAP_OID: the traps of that OID, without sysUpTime, sorted.
trap_set() {
	traps_of "$1" | sed 's/^TRAP [^|]*|//' | sort
}
# traps_n N: N traps of the instances and the group have come.
traps_n() {
	[ $(($(traps_count "$T_INST") + $(traps_count "$T_GROUP"))) = "$1" ]
}
# group_master_trap: G1's trap of MASTER has come.
group_master_trap() { traps_of "$T_GROUP" | grep -q 'INTEGER: 2|'; }

ns_create
ns_lone_link
ip -n "$NS" link add eth1 type veth peer name eth1p
ip -n "$NS" link set eth1p up
ip -n "$NS" link set eth1 up
check "snmpd and snmptrapd run" snmp_start
echo 1 >"$WORK/tf"
cat >"$WORK/k.conf" <<CONF
global_defs {
    router_id snmp_ref
    snmp_socket $SNMP_SOCK
    enable_snmp_vrrp
    enable_traps
    script_user root
    smtp_server 192.0.2.25 2525
    smtp_connect_timeout 20
    notification_email {
        ops@example.com
        noc@example.com
    }
    notification_email_from vigil@example.com
}
vrrp_script chk {
    script "/usr/bin/true"
    interval 1
    weight 10
    rise 1
    fall 3
}
track_file tf {
    file $WORK/tf
    weight 5
}
vrrp_sync_group G1 {
    group {
        VI_1
        VI_2
    }
    notify_master "/usr/bin/true master"
    notify_backup "/usr/bin/true backup"
    notify "/usr/bin/true"
    sync_group_tracking_weight
}
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    garp_master_delay 3
    preempt_delay 2
    notify_master "/usr/bin/true m"
    notify_fault "/usr/bin/true f"
    notify_deleted
    authentication {
        auth_type PASS
        auth_pass secret
    }
    virtual_ipaddress {
        192.0.2.100/24
        192.0.2.101/24 dev eth0 label eth0:vip
        192.0.2.103/24 brd 192.0.2.255
    }
    virtual_ipaddress_excluded {
        192.0.2.102/24
    }
    track_script {
        chk
    }
    track_interface {
        eth1 weight 10
    }
    track_file {
        tf
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
    accept
    virtual_ipaddress {
        192.0.2.110/24
    }
}
vrrp_instance VI_3 {
    state MASTER
    interface eth0
    virtual_router_id 53
    priority 200
    version 3
    advert_int 0.5
    virtual_ipaddress {
        2001:db8::100/64
    }
}
CONF

# keepalived first.
ip netns exec "$NS" "$KEEPALIVED" -n -l -D -P -f "$WORK/k.conf" \
	-p "$WORK/ka.pid" -r "$WORK/ka.vrrp.pid" -c "$WORK/ka.checkers.pid" \
	-b "$WORK/ka.bfd.pid" >"$WORK/keepalived.log" 2>&1 &
KPID=$!
echo "$KPID" >"$WORK/keepalived.pid"
check "keepalived: VIPs set" wait_for 30 vips_set
check "keepalived: every instance MASTER, served" wait_for 30 all_master
check "keepalived: G1's MASTER trap" wait_for 10 group_master_trap
sleep 1 # any late trap
snmp_walk "$KMIB_GLOBAL" >"$WORK/ka.walk"
snmp_walk "$KMIB_VRRP" >>"$WORK/ka.walk"
trap_set "$T_INST" >"$WORK/ka.traps"
trap_set "$T_GROUP" >>"$WORK/ka.traps"
stop_pid "$KPID"
rm -f "$WORK/keepalived.pid"
check "keepalived: stopped, VIPs removed" wait_for 10 vips_gone
sleep 1 # its last traps (STOP) are not vigild's
check "keepalived: the walk has the three instances" \
	test "$(grep -c "^$I\.2\." "$WORK/ka.walk")" = 3
: >"$SNMP_TRAPS"

# vigild on the same file.
start_vigild "$WORK/k.conf"
check "vigild: VIPs set" wait_for 30 vips_set
check "vigild: every instance MASTER, served" wait_for 30 all_master
check "vigild: G1's MASTER trap" wait_for 10 group_master_trap
check "vigild: as many traps as keepalived" \
	wait_for 10 traps_n "$(wc -l <"$WORK/ka.traps")"
sleep 1 # any trap too many
snmp_walk "$KMIB_GLOBAL" >"$WORK/vg.walk"
snmp_walk "$KMIB_VRRP" >>"$WORK/vg.walk"
check "vigild: the walk has the three instances" \
	test "$(grep -c "^$I\.2\." "$WORK/vg.walk")" = 3
trap_set "$T_INST" >"$WORK/vg.traps"
trap_set "$T_GROUP" >>"$WORK/vg.traps"

normalise "$WORK/ka.walk" >"$WORK/ka.norm"
normalise "$WORK/vg.walk" >"$WORK/vg.norm"
check "the walks have the same objects" \
	diff <(cut -d' ' -f1 "$WORK/ka.norm") <(cut -d' ' -f1 "$WORK/vg.norm")
check "the walks agree on every value" diff "$WORK/ka.norm" "$WORK/vg.norm"
check "the same traps (instances, group)" \
	diff "$WORK/ka.traps" "$WORK/vg.traps"
check "vigild is alive" alive "$VPID"
if [ "$T_FAIL" -gt 0 ]; then
	diag "keepalived (<) and vigild (>), normalised:"
	diff "$WORK/ka.norm" "$WORK/vg.norm" | sed 's/^/#   /'
	diag "traps:"
	diff "$WORK/ka.traps" "$WORK/vg.traps" | sed 's/^/#   /'
	diag "keepalived's log:"
	tail -30 "$WORK/keepalived.log" | sed 's/^/#   /'
fi
done_testing
