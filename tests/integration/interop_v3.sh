#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# interop_v3.sh: vigild and keepalived 2.2.7, VRRPv3 over IPv4 with a
# sub-second advert_int (0.5 s): they agree on the master both ways round,
# and the backup takes over on a crash and on a stop.
# Topology: nodes a, b on one bridge; VRID 51, VIP 192.0.2.100/24.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1
interop_case "$VIP4" v3 ver=3 adv=0.5
done_testing
