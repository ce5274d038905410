#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_sync_group.sh: two instances in a vrrp_sync_group move together:
# VI_2 tracks eth1; when eth1 loses its carrier VI_2 goes to FAULT and
# VI_1 (healthy itself) leaves MASTER too, so both VIPs move to b; when
# eth1 returns both come back to a.
# Topology: nodes a, b on one bridge; a has eth1 (veth, far end in the
# switch namespace); VI_1: VRID 51, VIP 192.0.2.100; VI_2: VRID 52, VIP
# 192.0.2.101; advert_int 1; a 150, b 100.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1
node_add_if a eth1
VIP2=192.0.2.101

for n in a b; do
	p=100
	[ "$n" = a ] && p=150
	conf_global "$WORK/$n.conf" "$n"
	conf_sync_group "$WORK/$n.conf" G1 VI_1 VI_2
	conf_instance "$WORK/$n.conf" VI_1 vrid=51 prio=$p vip=$VIP4/24
	if [ "$n" = a ]; then
		conf_instance "$WORK/$n.conf" VI_2 vrid=52 prio=$p vip=$VIP2/24 track_if=eth1
	else
		conf_instance "$WORK/$n.conf" VI_2 vrid=52 prio=$p vip=$VIP2/24
	fi
done
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "a is master of VI_1" wait_master a "$VIP4" 15
check "a is master of VI_2" wait_master a "$VIP2" 15
if_carrier a eth1 down
check "eth1 down: VI_2's VIP moves to b" wait_master b "$VIP2" 15
check "eth1 down: VI_1's VIP moves to b with it" wait_master b "$VIP4" 15
check "eth1 down: both stay on b (4 s)" \
	always 4 eval 'master_is b $VIP4 && master_is b $VIP2'
if_carrier a eth1 up
check "eth1 up: VI_1 back on a" wait_master a "$VIP4" 15
check "eth1 up: VI_2 back on a" wait_master a "$VIP2" 15
done_testing
