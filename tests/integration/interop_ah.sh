#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# interop_ah.sh: vigild and keepalived 2.2.7, VRRPv2 with IPsec AH
# authentication: they agree on the master both ways round and fail over
# both ways; every advert goes in an AH header (IP protocol 51) whose
# SPI is the sender's address.
# Topology: nodes a, b on one bridge; VRID 51, VIP 192.0.2.100/24.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1
VR_ALL_VRRP='vrrp.auth_type == 2 && ah.spi == ip.src'
interop_case "$VIP4" ah ver=2 ah=s3cret
done_testing
