#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_failover.sh: SIGKILL of the whole master daemon: the backup takes
# over after the master-down interval and announces the VIP; the master
# restarts and preempts; SIGTERM of the master: it sends priority 0 and
# removes its VIP, and the backup takes over after its skew time, well
# before a master-down interval.
# Topology: nodes a (150), b (100) on one bridge; VRID 51, VIP
# 192.0.2.100/24, advert_int 1 (b's master-down 3.61 s, skew 0.61 s).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1
pair_conf 150 100
cap_start fo
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "a becomes master" wait_master a "$VIP4" 15
sleep 2

# Crash: every process of a's daemon is killed at once.
t=$(now)
crash_node a
check "SIGKILL: b takes over" wait_vip b "$VIP4" 15
sleep 0.5
garp=$(cap_fields fo "$(garp_filter "$VIP4" "$(node_mac b)") && frame.time_epoch > $t" frame.time_epoch | head -1)
last=$(cap_fields fo "$(advert_filter "$(node_addr a)") && frame.time_epoch < ${garp:-0}" frame.time_epoch | tail -1)
check "SIGKILL: b sent gratuitous ARP for the VIP" test -n "$garp"
diag "b's first GARP $(echo "${garp:-0} - ${last:-0}" | bc) s after a's last advert"
check "SIGKILL: b waited for the master-down interval (> 3 s after a's last advert)" \
	test "$(echo "${garp:-0} - ${last:-0} > 3" | bc)" -eq 1

# a's daemon starts again (the crash left the VIP on its link) and preempts.
start_node a "$(impl)" "$WORK/a.conf"
check "restart: a preempts" wait_master a "$VIP4" 15
sleep 2

# Graceful stop.
t=$(now)
stop_node a TERM
check "SIGTERM: b takes over" wait_vip b "$VIP4" 10
check "SIGTERM: a removed the VIP" node_lacks_vip a "$VIP4"
sleep 0.5
cap_stop fo
zero=$(cap_fields fo "$(advert_filter "$(node_addr a)") && vrrp.prio == 0 && frame.time_epoch > $t" frame.time_epoch | head -1)
garp=$(cap_fields fo "$(garp_filter "$VIP4" "$(node_mac b)") && frame.time_epoch > $t" frame.time_epoch | head -1)
check "SIGTERM: a sent a priority-0 advert" test -n "$zero"
diag "b's first GARP $(echo "${garp:-0} - ${zero:-0}" | bc) s after a's priority 0"
check "SIGTERM: b took over within 2 s of the priority 0 (not after master-down)" \
	test "$(echo "${garp:-0} > ${zero:-0} && ${garp:-0} - ${zero:-0} < 2" | bc)" -eq 1
check "tshark reads every VRRP packet cleanly" cap_vrrp_clean fo
stop_node b
done_testing
