#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_vmac.sh: use_vmac: the master puts the VIP on a macvlan (vrrp.51)
# whose MAC is the virtual router MAC 00:00:5e:00:01:33; adverts and
# gratuitous ARP come from that MAC; on failover the backup's macvlan
# takes over the VIP and the MAC.
# Topology: nodes a (150), b (100) on one bridge; VRID 51 (0x33), VIP
# 192.0.2.100/24, advert_int 1.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

VMAC=00:00:5e:00:01:33
topo_create 2 || exit 1
pair_conf 150 100 vmac
check "the capture records (marker)" cap_start vmac
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "a becomes master" wait_master a "$VIP4" 15
check "the VIP is on a's vrrp.51" test "$(vip_dev a "$VIP4")" = vrrp.51
check "a's vrrp.51 has the virtual router MAC" test "$(node_mac a vrrp.51)" = $VMAC
check "a advertises from the virtual router MAC" cap_wait vmac \
	"$(advert_bpf "$(node_addr a)") and ether src $VMAC"
t=$(now)
crash_node a
check "b takes over when a crashes" wait_vip b "$VIP4" 15
check "the VIP is on b's vrrp.51" test "$(vip_dev b "$VIP4")" = vrrp.51
check "b advertises from the virtual router MAC" cap_wait vmac \
	"$(advert_bpf "$(node_addr b)") and ether src $VMAC" "$t"
stop_node b
cap_stop vmac
check "a's adverts came from the virtual router MAC" \
	cap_has vmac "$(advert_filter "$(node_addr a)") && eth.src == $VMAC && frame.time_epoch < $t"
check "b's adverts came from the virtual router MAC" \
	cap_has vmac "$(advert_filter "$(node_addr b)") && eth.src == $VMAC"
check "b's gratuitous ARP came from the virtual router MAC" \
	cap_has vmac "$(garp_filter "$VIP4" $VMAC) && frame.time_epoch > $t"
check "no advert from a node's own MAC" \
	test "$(cap_count vmac "vrrp && eth.src != $VMAC")" -eq 0
check "tshark reads every VRRP packet cleanly" cap_vrrp_clean vmac
done_testing
