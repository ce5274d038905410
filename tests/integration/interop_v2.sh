#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# interop_v2.sh: vigild and keepalived 2.2.7 on one link, VRRPv2 over
# IPv4 multicast: with either one as the master (priority 150) and the
# other as backup (100) they agree on the master, the backup takes over on
# a crash (SIGKILL) and on a stop (SIGTERM, priority 0), and the master
# preempts when it comes back.
# Topology: nodes a, b on one bridge (tests/vrrp_lib.sh); VRID 51, VIP
# 192.0.2.100/24, advert_int 1.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1
interop_case "$VIP4" v2 ver=2 adv=1
done_testing
