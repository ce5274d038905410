#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_reload.sh: SIGHUP with VI_1 unchanged and VI_2 added: the master
# keeps VI_1's VIP through the reload (never removed, the backup never
# installs it) and VI_2 comes up; a second SIGHUP removing VI_2 removes
# its VIP and leaves VI_1 alone.
# Topology: nodes a (150), b (100) on one bridge; VI_1: VRID 51, VIP
# 192.0.2.100/24 on both; VI_2 (a only): VRID 52, VIP 192.0.2.101/24;
# advert_int 1.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

VIP2=192.0.2.101
topo_create 2 || exit 1
pair_conf 150 100
cp "$WORK/a.conf" "$WORK/a1.conf"
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "a becomes master" wait_master a "$VIP4" 15
check "b's VRRP child is running" wait_for 10 vrrp_child_up b
check "a's address monitor records (probe)" addr_mon_start a
check "b's address monitor records (probe)" addr_mon_start b
check "the capture records (marker)" cap_start reload
t0=$(now)
check "b hears a's adverts" wait_for 10 heard reload a "$t0" 1
conf_instance "$WORK/a.conf" VI_2 vrid=52 prio=150 vip=$VIP2/24
kill -HUP "$(node_pid a)"
check "VI_2, added by the reload, comes up on a" wait_vip a "$VIP2" 15
check "VI_1 stays on a through the reload (4 s)" always 4 master_is a "$VIP4"
check "a's address monitor still records (probe)" addr_mon_probe a
check "b's address monitor still records (probe)" addr_mon_probe b
check "a's monitor saw VI_2's VIP added" test "$(addr_adds a "$VIP2")" -ge 1
check "a never removed VI_1's VIP" test "$(addr_dels a "$VIP4")" -eq 0
check "b never installed VI_1's VIP" test "$(addr_adds b "$VIP4")" -eq 0
check "a's daemon is still the same process" alive "$(node_pid a)"
cp "$WORK/a1.conf" "$WORK/a.conf"
kill -HUP "$(node_pid a)"
check "VI_2, removed by a reload, releases its VIP" wait_no_vip a "$VIP2" 15
check "VI_1 stays on a (3 s)" always 3 master_is a "$VIP4"
check "a's address monitor still records (probe)" addr_mon_probe a
check "a's monitor saw VI_2's VIP removed" test "$(addr_dels a "$VIP2")" -ge 1
check "a never removed VI_1's VIP in either reload" \
	test "$(addr_dels a "$VIP4")" -eq 0
cap_stop reload
check "the capture has a's adverts" \
	cap_has reload "$(advert_filter "$(node_addr a)")"
check "b sent no advert during the reloads (it stayed backup)" \
	test "$(cap_count reload "$(advert_filter "$(node_addr b)")")" -eq 0
done_testing
