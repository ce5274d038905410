#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# interop_unicast.sh: vigild and keepalived 2.2.7 with unicast peers
# (unicast_src_ip + unicast_peer), VRRPv2 over IPv4 and VRRPv3 over IPv6:
# they agree on the master both ways round and fail over both ways.
# Topology: nodes a, b on one bridge; VRID 51, VIP 192.0.2.100/24 and
# 2001:db8::100/64.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1
VR_ALL_VRRP='ip.dst == 192.0.2.11 || ip.dst == 192.0.2.12'
interop_case "$VIP4" unicast4 ver=2 unicast=@SELF,@PEER
VR_UNICAST=1
VR_ALL_VRRP='ipv6.dst == 2001:db8::11 || ipv6.dst == 2001:db8::12'
interop_case "$VIP6" unicast6 v6 unicast=@SELF6,@PEER6
done_testing
