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

# gap A B: B - A in seconds, or nothing when either is missing.
gap() { [ -n "$1" ] && [ -n "$2" ] && echo "$2 - $1" | bc; }
# gap_in A B MIN MAX: both times were captured and MIN < B - A < MAX.
gap_in() {
	[ -n "$1" ] && [ -n "$2" ] && [ "$(echo "$2 - $1 > $3 && $2 - $1 < $4" | bc)" -eq 1 ]
}

topo_create 2 || exit 1
pair_conf 150 100
check "the capture records (marker)" cap_start fo
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "a becomes master" wait_master a "$VIP4" 15
t=$(now)
check "b's VRRP child is running" wait_for 10 vrrp_child_up b
check "b hears a's adverts" wait_for 10 heard fo a "$t"

# Crash: every process of a's daemon is killed at once.
t=$(now)
crash_node a
check "SIGKILL: b takes over" wait_vip b "$VIP4" 15
check "SIGKILL: b sent gratuitous ARP for the VIP" \
	cap_wait fo "$(garp_bpf "$VIP4" "$(node_mac b)")" "$t"
garp=$(cap_fields fo "$(garp_filter "$VIP4" "$(node_mac b)") && frame.time_epoch > $t" frame.time_epoch | head -1)
last=$(cap_fields fo "$(advert_filter "$(node_addr a)") && frame.time_epoch < ${garp:-0}" frame.time_epoch | tail -1)
check "SIGKILL: the capture has a's last advert before the crash" test -n "$last"
diag "b's first GARP $(gap "$last" "$garp") s after a's last advert"
check "SIGKILL: b waited for the master-down interval (> 3 s after a's last advert)" \
	gap_in "$last" "$garp" 3 60

# a's daemon starts again (the crash left the VIP on its link) and preempts.
start_node a "$(impl)" "$WORK/a.conf"
check "restart: a preempts" wait_master a "$VIP4" 15
t=$(now)
check "restart: b hears a's adverts" wait_for 10 heard fo a "$t"

# Graceful stop.
t=$(now)
stop_node a TERM
check "SIGTERM: b takes over" wait_vip b "$VIP4" 10
check "SIGTERM: a removed the VIP" node_lacks_vip a "$VIP4"
check "SIGTERM: b sent gratuitous ARP for the VIP" \
	cap_wait fo "$(garp_bpf "$VIP4" "$(node_mac b)")" "$t"
cap_stop fo
zero=$(cap_fields fo "$(advert_filter "$(node_addr a)") && vrrp.prio == 0 && frame.time_epoch > $t" frame.time_epoch | head -1)
garp=$(cap_fields fo "$(garp_filter "$VIP4" "$(node_mac b)") && frame.time_epoch > $t" frame.time_epoch | head -1)
check "SIGTERM: a sent a priority-0 advert" test -n "$zero"
diag "b's first GARP $(gap "$zero" "$garp") s after a's priority 0"
check "SIGTERM: b took over within 2 s of the priority 0 (not after master-down)" \
	gap_in "$zero" "$garp" 0 2
check "tshark reads every VRRP packet cleanly" cap_vrrp_clean fo
stop_node b
done_testing
