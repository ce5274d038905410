#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_preempt.sh: a higher-priority node that starts later preempts the
# master; with nopreempt it stays backup while the master lives; with
# preempt_delay it waits that long before preempting.
# Topology: nodes a, b on one bridge; VRID 51, VIP 192.0.2.100/24,
# advert_int 1 (master-down interval of a 3.41 s, of b 3.61 s).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1

# b (100) alone is master; a (150) starts and preempts.
pair_conf 150 100
check "preempt: the capture records (marker)" cap_start preempt
start_node b "$(impl)" "$WORK/b.conf"
check "preempt: b alone becomes master" wait_master b "$VIP4" 15
t=$(now)
start_node a "$(impl)" "$WORK/a.conf"
check "preempt: a (150) takes the VIP from b" wait_master a "$VIP4" 15
check "preempt: a stays master (3 s)" always 3 master_is a "$VIP4"
stop_node a
stop_node b
cap_stop preempt
check "preempt: a announced the VIP after it started" \
	cap_has preempt "$(garp_filter "$VIP4" "$(node_mac a)") && frame.time_epoch > $t"

# nopreempt on a: b stays master while it lives, a takes over when b dies.
pair_conf 150 100 nopreempt
start_node b "$(impl)" "$WORK/b.conf"
check "nopreempt: b alone becomes master" wait_master b "$VIP4" 15
start_node a "$(impl)" "$WORK/a.conf"
check "nopreempt: a's daemon is running" wait_for 10 vrrp_child_up a
check "nopreempt: a (150) does not take the VIP (8 s)" \
	always 8 master_is b "$VIP4"
crash_node b
drop_vip b "$VIP4"
check "nopreempt: a takes over when b crashes" wait_vip a "$VIP4" 15
stop_node a

# preempt_delay 8 on a: b keeps the VIP for about 8 s after a starts
# (without the delay a would preempt after its 3.41 s master-down
# interval), then a preempts.
pair_conf 150 100 preempt_delay=8
start_node b "$(impl)" "$WORK/b.conf"
check "preempt_delay: no VIP left from before" node_lacks_vip b "$VIP4"
check "preempt_delay: b alone becomes master" wait_master b "$VIP4" 15
t=$(now)
start_node a "$(impl)" "$WORK/a.conf"
check "preempt_delay: a does not preempt within 6 s" \
	always 6 master_is b "$VIP4"
check "preempt_delay: then a preempts" wait_master a "$VIP4" 15
el=$(echo "$(now) - $t" | bc)
diag "a preempted $el s after its start"
check "preempt_delay: not before the delay (7 s)" \
	test "$(echo "$el >= 7" | bc)" -eq 1
stop_node a
stop_node b
done_testing
