#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_unicast.sh: unicast_src_ip + unicast_peer: adverts go to the peer's
# address, none to 224.0.0.18; election and failover work as multicast.
# A third node on the link with the same VRID but multicast and a lower
# priority hears no advert from a or b, so it becomes master of its own
# VIP (had a's adverts reached the group, c would stay backup).
# Topology: nodes a (150), b (100), c on one bridge; VRID 51, VIP
# 192.0.2.100/24 for a and b; c: VRID 51, priority 50, VIP 192.0.2.102,
# multicast.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 3 || exit 1
pair_conf 150 100 unicast=@SELF,@PEER
conf_global "$WORK/c.conf" c
conf_instance "$WORK/c.conf" VI_1 vrid=51 prio=50 vip=192.0.2.102/24
check "the capture records (marker)" cap_start uni
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "a becomes master" wait_master a "$VIP4" 15
check "a stays master (4 s)" always 4 master_is a "$VIP4"
start_node c "$(impl)" "$WORK/c.conf"
check "c, multicast with the same VRID, hears no unicast advert: master of its own" \
	wait_vip c 192.0.2.102 15
check "a and b ignore c's multicast adverts (3 s)" always 3 master_is a "$VIP4"
t=$(now)
crash_node a
check "b takes over when a crashes" wait_vip b "$VIP4" 15
check "b advertises to a as master" cap_wait uni \
	"$(advert_bpf "$(node_addr b)") and dst host $(node_addr a)" "$t"
stop_node b
stop_node c
cap_stop uni
check "a sent its adverts to b (192.0.2.12)" \
	cap_has uni "$(advert_filter "$(node_addr a)") && ip.dst == $(node_addr b)"
check "b sent its adverts to a (192.0.2.11)" \
	cap_has uni "$(advert_filter "$(node_addr b)") && ip.dst == $(node_addr a)"
check "the capture has c's adverts to 224.0.0.18" \
	cap_has uni "$(advert_filter "$(node_addr c)") && ip.dst == 224.0.0.18"
check "neither a nor b sent to 224.0.0.18" \
	test "$(cap_count uni "vrrp && ip.dst == 224.0.0.18 && !(ip.src == $(node_addr c))")" -eq 0
check "tshark reads every VRRP packet cleanly" cap_vrrp_clean uni
done_testing
