#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# interop_ipv6.sh: vigild and keepalived 2.2.7, VRRPv3 over IPv6
# multicast (ff02::12, from the link-local address): they agree on the
# master both ways round, the backup takes over on a crash and on a stop,
# and the new master sends an unsolicited neighbour advertisement.
# Topology: nodes a, b on one bridge; VRID 51, VIP 2001:db8::100/64.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1
interop_case "$VIP6" ipv6 v6 adv=1
done_testing
