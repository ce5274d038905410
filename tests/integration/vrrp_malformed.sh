#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_malformed.sh: adverts that are malformed, or not for the instance,
# are dropped and counted by reason, and never change the state: a lone
# master (priority 100) hears each kind claiming priority 254 and stays
# master; then one good advert of priority 254 makes it yield (the
# injector works, so the test can fail).
# Topology: node a (192.0.2.11) runs vigild with VI_1 (v3, VRID 51, VIP
# 192.0.2.100) and VI_2 (v2, VRID 52, PASS "secret", VIP 192.0.2.101);
# node b (192.0.2.12) runs no daemon: tests/vrrp_inject.py sends from it.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

INJECT="/usr/bin/python3 $TOP_SRCDIR/tests/vrrp_inject.py"
topo_create 2 || exit 1
STATS=$(node_stats_file a)
conf_global "$WORK/a.conf" a
conf_instance "$WORK/a.conf" VI_1 vrid=51 prio=100 ver=3 adv=1
conf_instance "$WORK/a.conf" VI_2 vrid=52 prio=100 ver=2 adv=1 \
	auth=secret vip=192.0.2.101/24
inject() { ip netns exec "$(node_ns b)" $INJECT "$(node_addr b)" "$@"; }
transitions() { grep -c "VRRP_Instance(VI_$1) Entering" "$(node_log a)"; }
# stat_has TEXT: the VRRP child's part of SIGUSR2's file has that line.
stat_has() {
	rm -f "$STATS"
	kill -USR2 "$(node_pid a)"
	wait_for 5 grep -q "VRRP statistics" "$STATS" &&
		wait_for 5 grep -q -- "$1" "$STATS"
}

start_node a vigild "$WORK/a.conf"
check "a becomes master of VI_1" wait_vip a "$VIP4" 15
check "a becomes master of VI_2" wait_vip a 192.0.2.101 15
before1=$(transitions 1)
before2=$(transitions 2)
for kind in ttl version type length csum count short novrid addrs; do
	inject "$kind" 51 254
done
for kind in auth adverint; do
	inject "$kind" 52 254 192.0.2.101
done
# Each kind counted: the VRRP child has read every bad advert (so the
# checks of no transition below come after any it would have made).
check "counted: TTL not 255" stat_has "Dropped, mcttl"
check "counted: bad version" stat_has "Dropped, version"
check "counted: bad type" stat_has "Dropped, type"
check "counted: bad length" stat_has "Dropped, length"
check "counted: bad checksum" stat_has "Dropped, checksum"
check "counted: address count 0 with a VIP configured" stat_has "Dropped, addrs"
check "counted: too short" stat_has "Dropped, short"
check "counted: a VRID nobody has" stat_has "no instance for the VRID: 1"
check "counted: wrong password" stat_has "Dropped, pass"
check "counted: VRRPv2 interval mismatch" stat_has "Dropped, adverint"
check "VI_1 counts its own drops" stat_has "dropped [1-9]"
check "VI_1 is still master after 9 bad adverts" node_has_vip a "$VIP4"
check "VI_2 is still master after 2 bad adverts" node_has_vip a 192.0.2.101
check "VI_1 made no transition" test "$(transitions 1)" -eq "$before1"
check "VI_2 made no transition" test "$(transitions 2)" -eq "$before2"
inject v2good 52 254 192.0.2.101
check "a good v2 advert of priority 254 makes VI_2 yield" \
	wait_no_vip a 192.0.2.101 5
inject good 51 254
check "a good v3 advert of priority 254 makes VI_1 yield" \
	wait_no_vip a "$VIP4" 5
# The positive control of the two "no transition" checks: the log's
# count sees a transition.
check "VI_2's yield is counted as a transition" \
	wait_for 5 eval '[ "$(transitions 2)" -gt "$before2" ]'
check "VI_1's yield is counted as a transition" \
	wait_for 5 eval '[ "$(transitions 1)" -gt "$before1" ]'
stop_node a
done_testing
