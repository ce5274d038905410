#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# interop_auth.sh: vigild and keepalived 2.2.7, VRRPv2 with PASS
# authentication: they agree on the master both ways round and fail over
# both ways; every advert carries the password.
# Topology: nodes a, b on one bridge; VRID 51, VIP 192.0.2.100/24.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1
VR_ALL_VRRP='vrrp.auth_type == 1 && vrrp.auth_string == "s3cret"'
interop_case "$VIP4" auth ver=2 auth=s3cret
done_testing
