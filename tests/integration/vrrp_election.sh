#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_election.sh: two nodes started together elect one master: the
# higher priority wins; the loser never installs the VIP, the winner
# announces it with gratuitous ARP, and only the master advertises.  On
# equal priority the higher primary address wins when two masters meet
# (RFC 5798 s6.4.3; a backup hearing an equal priority just stays backup,
# so both nodes start cut off from each other, each becomes master, and
# then the link is joined).
# Topology: nodes a (192.0.2.11), b (192.0.2.12) on one bridge; VRID 51,
# VIP 192.0.2.100/24, advert_int 1.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1

# By priority: a 150, b 100.
pair_conf 150 100
check "priority: b's address monitor records (probe)" addr_mon_start b
check "priority: the capture records (marker)" cap_start prio
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "priority: a (150) becomes master" wait_master a "$VIP4" 15
check "priority: a stays the only master (5 s)" always 5 master_is a "$VIP4"
check "priority: b's daemon is running" vrrp_child_up b
check "priority: b's address monitor still records (probe)" addr_mon_probe b
check "priority: b never installed the VIP" test "$(addr_adds b "$VIP4")" -eq 0
stop_node b
stop_node a
cap_stop prio
check "priority: a announced the VIP with gratuitous ARP" \
	cap_has prio "$(garp_filter "$VIP4" "$(node_mac a)")"
check "priority: a advertised priority 150" \
	cap_has prio "$(advert_filter "$(node_addr a)" 51) && vrrp.prio == 150"
check "priority: b, a backup, sent no advert" \
	test "$(cap_count prio "$(advert_filter "$(node_addr b)")")" -eq 0
check "priority: tshark reads every VRRP packet cleanly" cap_vrrp_clean prio

# Equal priority: both start alone, then meet; b (192.0.2.12) stays.
pair_conf 100 100
# (Before the bridge loses its ports: a marker sent then goes nowhere.)
check "equal priority: the capture records (marker)" cap_start equal
partition a
partition b
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "equal priority: a alone becomes master" wait_vip a "$VIP4" 15
check "equal priority: b alone becomes master" wait_vip b "$VIP4" 15
heal a
heal b
check "equal priority: b (higher address) remains the master" \
	wait_master b "$VIP4" 15
check "equal priority: b stays the only master (5 s)" \
	always 5 master_is b "$VIP4"
check "equal priority: a's daemon is running" vrrp_child_up a
stop_node a
stop_node b
cap_stop equal
check "equal priority: b advertised priority 100" \
	cap_has equal "$(advert_filter "$(node_addr b)" 51) && vrrp.prio == 100"
done_testing
