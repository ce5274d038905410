#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_track_interface.sh: the master tracks a second interface (eth1):
# when eth1 loses its carrier the instance goes to FAULT and the VIP moves
# to the backup; when eth1 comes back the master returns and preempts.
# With a weight (-60) the instance does not fault: its priority drops
# (150 -> 90, below b's 100) and it advertises the lower priority.
# Topology: nodes a, b on one bridge; each also has eth1, a veth whose far
# end is in the switch namespace; VRID 51, VIP 192.0.2.100/24, advert 1.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1
node_add_if a eth1
node_add_if b eth1

# No weight: FAULT.
pair_conf 150 100 track_if=eth1
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "a becomes master" wait_master a "$VIP4" 15
check "b's VRRP child runs" wait_for 10 vrrp_child_up b
if_carrier a eth1 down
check "eth1 down: the VIP moves to b" wait_master b "$VIP4" 15
check "eth1 down: a logs FAULT" \
	wait_for 5 grep -q "Entering FAULT STATE" "$(node_log a)"
check "eth1 down: b stays master (4 s)" always 4 master_is b "$VIP4"
if_carrier a eth1 up
check "eth1 up: a is master again" wait_master a "$VIP4" 15
stop_node a
stop_node b

# weight -60: a's priority drops below b's.
pair_conf 150 100 track_if=eth1:-60
check "weight: the capture records (marker)" cap_start weight
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "weight: a becomes master" wait_master a "$VIP4" 15
check "weight: b's VRRP child runs" wait_for 10 vrrp_child_up b
: >"$(node_log a)"
if_carrier a eth1 down
check "weight: eth1 down: the VIP moves to b" wait_master b "$VIP4" 15
# The log, emptied above, records a's transitions: its move to BACKUP.
check "weight: a's log records its transition to BACKUP" \
	wait_for 5 grep -q "Entering BACKUP STATE" "$(node_log a)"
check "weight: a did not go to FAULT" \
	test "$(grep -c "Entering FAULT STATE" "$(node_log a)")" -eq 0
if_carrier a eth1 up
check "weight: eth1 up: a preempts" wait_master a "$VIP4" 15
stop_node a
stop_node b
cap_stop weight
check "weight: a advertised priority 90 while eth1 was down" \
	cap_has weight "$(advert_filter "$(node_addr a)") && vrrp.prio == 90"
done_testing
