#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# snmp_reload.sh: reloads that turn the SNMP agent off and on again.
# enable_snmp_vrrp removed: the module stops (its AgentX session closes,
# a walk finds nothing of KEEPALIVED-MIB, no trap is sent for a
# transition meanwhile), VRRP goes on; put back with changed instances:
# the module starts again (one connect line), serves the new
# configuration, and sends each later transition's trap once; off and on
# a second time works the same, also when the master was down at the
# stop (net-snmp's subagent then keeps more of its state).
# Topology: one namespace, a lone veth link eth0/eth0p; VI_1 (VRID 51),
# then VI_2 (VRID 52) added while SNMP is off, VI_3 (VRID 53) added with
# SNMP back on.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../snmp_lib.sh"

I=$KMIB_VRRP.3.1 # vrrpInstanceEntry
T_INST=$KMIB_TRAPS.0.2
UP="SNMP: connected to the AgentX master at $SNMP_SOCK"
DOWN="SNMP: AgentX master at $SNMP_SOCK is not reachable"
vip_set() { ip -n "$NS" -o addr show dev eth0 | grep -q "$1/"; }
is() { [ "$(snmp_get "$1")" = "$2" ] || { diag "$1: '$(snmp_get "$1")', not '$2'"; return 1; }; }
nothing_served() { [ -z "$(snmp_walk "$KMIB" | head -1)" ]; }
# traps_with NAME STATE: vrrpInstanceStateChange traps of NAME to STATE.
traps_with() { traps_count "$T_INST" "\"$1\"|.*\.2\.3\.1\.4 = INTEGER: $2|"; }
traps_with_is() { [ "$(traps_with "$1" "$2")" = "$3" ]; }
# conf SNMP INSTANCES...: SNMP "on" or "off"; the instances by VRID.
conf() {
	local snmp=$1 vrid
	shift
	{
		echo "global_defs {"
		echo "    router_id snmp_reload"
		echo "    snmp_socket $SNMP_SOCK"
		[ "$snmp" = on ] && echo "    enable_snmp_vrrp"
		echo "    enable_traps"
		echo "}"
		for vrid in "$@"; do
			cat <<CONF
vrrp_instance VI_$((vrid - 50)) {
    interface eth0
    virtual_router_id $vrid
    priority 150
    advert_int 1
    virtual_ipaddress {
        192.0.2.$((vrid + 50))/24
    }
}
CONF
		done
	} >"$WORK/k.conf"
}
# reload: SIGHUP, and the reload completes.
reload() {
	local n
	n=$(log_count "reload complete")
	kill -HUP "$VPID"
	wait_for 20 log_count_ge "reload complete" $((n + 1))
}

ns_create
ns_lone_link
check "snmpd and snmptrapd run" snmp_start

conf on 51
start_vigild "$WORK/k.conf"
check "VI_1 MASTER (VIP in the kernel)" wait_for 20 vip_set 192.0.2.101
check "served: VI_1 MASTER" wait_for 20 is "$I.4.1" 2
check "one connect line" log_count_is "$UP" 1
check "trap: VI_1 MASTER once" wait_for 10 traps_with_is VI_1 2 1

# Off: the module stops; VI_2 comes and becomes MASTER unseen.
conf off 51 52
check "reload: SNMP off" reload
check "off: nothing of KEEPALIVED-MIB is served" wait_for 20 nothing_served
check "off: VI_2 MASTER (VIP in the kernel)" wait_for 20 vip_set 192.0.2.102
sleep 2 # a trap would have come by now
check "off: no trap for VI_2" traps_with_is VI_2 2 0
check "off: VI_1 unaffected" vip_set 192.0.2.101

# On again, with VI_3 added: served, and its transition trapped once.
conf on 51 52 53
check "reload: SNMP on" reload
check "on: one more connect line" wait_for 20 log_count_is "$UP" 2
check "on: VI_1 served" wait_for 20 is "$I.2.1" '"VI_1"'
check "on: VI_2 served, MASTER" wait_for 10 is "$I.4.2" 2
check "on: VI_3 served" is "$I.3.3" 53
check "on: VI_3 MASTER" wait_for 20 is "$I.4.3" 2
check "trap: VI_3 MASTER once" wait_for 10 traps_with_is VI_3 2 1
check "no trap for VI_2 (its transition was while off)" traps_with_is VI_2 2 0
check "still one MASTER trap for VI_1" traps_with_is VI_1 2 1

# A transition now: every instance to FAULT, one trap each.
ip -n "$NS" link set eth0p down
check "fault: VI_1 served FAULT" wait_for 20 is "$I.4.1" 3
check "trap: VI_1 FAULT once" wait_for 10 traps_with_is VI_1 3 1
check "trap: VI_3 FAULT once" wait_for 10 traps_with_is VI_3 3 1
ip -n "$NS" link set eth0p up
check "back: VI_1 MASTER" wait_for 30 is "$I.4.1" 2

# Off and on a second time: the same.
conf off 51 52 53
check "reload: SNMP off again" reload
check "off again: nothing served" wait_for 20 nothing_served
conf on 51
check "reload: SNMP on again, VI_2 and VI_3 gone" reload
check "on again: a third connect line" wait_for 20 log_count_is "$UP" 3
check "on again: VI_1 served" wait_for 20 is "$I.2.1" '"VI_1"'
check "on again: no row 2" test -z "$(snmp_get "$I.2.2")"
sleep 2
check "on again: still two MASTER traps for VI_1 (start, after FAULT)" \
	traps_with_is VI_1 2 2

# Off while the master is down, then on with the master back.
snmpd_stop
check "master down: one line" wait_for 20 log_count_is "$DOWN" 1
conf off 51
check "reload: SNMP off, the master down" reload
check "snmpd starts again" snmpd_start
conf on 51
check "reload: SNMP on, the master up" reload
check "a fourth connect line" wait_for 20 log_count_is "$UP" 4
check "VI_1 served" wait_for 20 is "$I.4.1" 2
check "vigild is alive" alive "$VPID"
if [ "$T_FAIL" -gt 0 ]; then
	diag "traps:"
	sed 's/^/#   /' "$SNMP_TRAPS"
fi
done_testing
