#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_child_crash.sh: kill -9 of the master's VRRP child alone (its pid
# from the -r pid file) is not a failover: the parent respawns the child,
# which resumes as master; the VIP stays on the master, the backup never
# installs it nor sends gratuitous ARP, and the master keeps advertising.
# keepalived restarts its child from scratch (VIPs removed, BACKUP), so
# with VIGIL_NODE_IMPL=keepalived these checks are TODO.
# Topology: nodes a (150), b (100) on one bridge; VRID 51, VIP
# 192.0.2.100/24, advert_int 1.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1
pair_conf 150 100
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "a becomes master" wait_master a "$VIP4" 15
check "b's VRRP child is running" wait_for 10 vrrp_child_up b
check "b's address monitor records (probe)" addr_mon_start b
check "a's address monitor records (probe)" addr_mon_start a
check "the capture records (marker)" cap_start crash
t0=$(now)
check "b hears a's adverts" wait_for 10 heard crash a "$t0" 1
old=$(vrrp_child_pid a)
check "a's VRRP child wrote its pid file" alive "$old"
t=$(now)
kill -KILL "$old"
check "a's parent respawns the VRRP child" \
	wait_for 10 eval '[ "$(vrrp_child_pid a)" != "$old" ] && vrrp_child_up a'
check_vigil "the VIP stays on a, never on b (sampled for 8 s)" \
	always 8 master_is a "$VIP4"
# A measuring window: 8 s from the kill, past b's master-down interval
# (3.61 s), whatever the sampling saw.
sleep "$(echo "$t + 8 - $(now)" | bc | sed 's/^-.*/0/')"
check "b's address monitor still records (probe)" addr_mon_probe b
check "a's address monitor still records (probe)" addr_mon_probe a
cap_stop crash
check_vigil "b never installed the VIP" test "$(addr_adds b "$VIP4")" -eq 0
check_vigil "a never removed the VIP" test "$(addr_dels a "$VIP4")" -eq 0
# The capture's positive control: it has a's adverts (and gratuitous ARP
# filters match: tests/integration/vrrp_failover.sh).
check "a advertised after the kill (priority 150)" \
	test "$(cap_count crash "$(advert_filter "$(node_addr a)") && vrrp.prio == 150 && frame.time_epoch > $t + 1")" -gt 3
check_vigil "b sent no gratuitous ARP" \
	test "$(cap_count crash "$(garp_filter "$VIP4" "$(node_mac b)")")" -eq 0
check_vigil "b sent no advert (it never became master)" \
	test "$(cap_count crash "$(advert_filter "$(node_addr b)")")" -eq 0
check "a's daemon (parent) still runs" alive "$(node_pid a)"
done_testing
