#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_ipv6.sh: VRRPv3 over IPv6: adverts from the link-local address to
# ff02::12 with hop limit 255; the master announces the VIP with an
# unsolicited neighbour advertisement; election, crash failover and
# graceful stop as over IPv4.
# Topology: nodes a (150), b (100) on one bridge; VRID 51, VIP
# 2001:db8::100/64, advert_int 1.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1
pair_conf 150 100 v6
check "the capture records (marker)" cap_start v6
check "b's address monitor records (probe)" addr_mon_start b
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "a becomes master" wait_master a "$VIP6" 15
check "a stays master (4 s)" always 4 master_is a "$VIP6"
check "b's address monitor still records (probe)" addr_mon_probe b
check "b never installed the VIP" test "$(addr_adds b "$VIP6")" -eq 0
crash_node a
check "b takes over when a crashes" wait_vip b "$VIP6" 15
ip -n "$(node_ns a)" addr flush dev eth0 to "$VIP6" 2>/dev/null
start_node a "$(impl)" "$WORK/a.conf"
check "a preempts when it comes back" wait_master a "$VIP6" 15
ll_a=$(node_ll a)
t=$(now)
check "b hears a's adverts again" cap_wait v6 "$(advert_bpf "$ll_a")" "$t"
t=$(now)
stop_node a TERM
check "b takes over when a stops" wait_vip b "$VIP6" 10
check "b announces the VIP after a's stop" \
	cap_wait v6 "$(garp_bpf "$VIP6" "$(node_mac b)")" "$t"
stop_node b
cap_stop v6
check "a advertised from its link-local address to ff02::12" \
	cap_has v6 "$(advert_filter "$ll_a") && ipv6.dst == ff02::12 && vrrp.version == 3"
check "every advert has hop limit 255" \
	test "$(cap_count v6 'vrrp && ipv6.hlim != 255')" -eq 0
check "adverts carry the IPv6 VIP" \
	cap_has v6 "$(advert_filter "$ll_a") && vrrp.ipv6_addr == $VIP6"
check "a announced the VIP (unsolicited NA)" \
	cap_has v6 "$(garp_filter "$VIP6" "$(node_mac a)")"
check "b announced the VIP (unsolicited NA)" \
	cap_has v6 "$(garp_filter "$VIP6" "$(node_mac b)")"
check "a sent priority 0 on stop" \
	cap_has v6 "$(advert_filter "$ll_a") && vrrp.prio == 0 && frame.time_epoch > $t"
check "tshark reads every VRRP packet cleanly" cap_vrrp_clean v6
done_testing
