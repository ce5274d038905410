#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_partition.sh: the master's link is cut (its port leaves the bridge,
# its own link stays up): the backup becomes master too; when the link is
# restored exactly one master remains, the higher-priority one, and it
# re-announces the VIP (gratuitous ARP after the heal) so switches and
# hosts learn where it is.  Then with equal priorities, a (the lower
# address) master first and cut off: after the heal b, the higher address,
# stays master.
# Topology: nodes a (192.0.2.11), b (192.0.2.12) on one bridge; VRID 51,
# VIP 192.0.2.100/24, advert_int 1.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1

# part PRIO_A PRIO_B FIRST WINNER TAG: FIRST starts first and is master,
# then is cut off; after the heal WINNER must be the one master.
part() {
	local f=$3 w=$4 tag=$5 o t
	if [ "$f" = a ]; then o=b; else o=a; fi
	# No delayed second set of gratuitous ARPs (garp_master_delay 0): one
	# 5 s after $o's takeover would pass for an announcement after the heal.
	pair_conf "$1" "$2" garp_delay=0
	check "$tag: the capture records (marker)" cap_start "$tag"
	start_node "$f" "$(impl)" "$WORK/$f.conf"
	check "$tag: $f becomes master" wait_master "$f" "$VIP4" 15
	start_node "$o" "$(impl)" "$WORK/$o.conf"
	check "$tag: $o stays backup (4 s)" always 4 master_is "$f" "$VIP4"
	partition "$f"
	check "$tag: $f cut off, $o becomes master too" wait_vip "$o" "$VIP4" 15
	check "$tag: $f keeps the VIP while cut off" node_has_vip "$f" "$VIP4"
	# $o's own announcement of its takeover is over before the heal (so
	# it is not taken for one after the heal), and it advertises.
	check "$tag: $o announced its takeover" cap_wait "$tag" \
		"$(garp_bpf "$VIP4" "$(node_mac "$o")")"
	t=$(now)
	check "$tag: $o advertises as master" wait_for 10 heard "$tag" "$o" "$t" 1
	t=$(now)
	heal "$f"
	check "$tag: after the heal, one master: $w" wait_master "$w" "$VIP4" 15
	check "$tag: and only $w (5 s)" always 5 master_is "$w" "$VIP4"
	stop_node a
	stop_node b
	cap_stop "$tag"
	# keepalived does this only when the winner hears the loser's advert
	# before the loser hears the winner's.
	check_vigil "$tag: $w sent gratuitous ARP after the heal" \
		cap_has "$tag" "$(garp_filter "$VIP4" "$(node_mac "$w")") && frame.time_epoch > $t"
	check "$tag: tshark reads every VRRP packet cleanly" cap_vrrp_clean "$tag"
}

part 150 100 a a prio
part 100 100 a b equal
done_testing
