#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/vm/scenarios/smoke.sh: the test guest works: IPVS loads and
# ipvsadm drives it, namespaces with veth and a bridge pass traffic, an
# HTTP server answers across them (directly, and through IPVS NAT), and
# the built vigild runs.
. "$TOP_SRCDIR/tests/vm/lib.sh"

check "modprobe ip_vs" vm_modprobe ip_vs
check "IPVS in /proc" test -e /proc/net/ip_vs
check "ipvsadm -A a virtual service" ipvsadm -A -t 192.0.2.1:80 -s rr
check "ipvsadm -a a NAT real server" ipvsadm -a -t 192.0.2.1:80 -r 198.51.100.2:80 -m
ipvsadm -Ln >"$WORK/ipvs" 2>&1
sed 's/^/#   /' "$WORK/ipvs"
check "ipvsadm -Ln shows the service" grep -q '^TCP  192\.0\.2\.1:80 rr' "$WORK/ipvs"
check "ipvsadm -Ln shows the real server" grep -q -e '-> 198\.51\.100\.2:80 *Masq' "$WORK/ipvs"
check "ipvsadm -C" ipvsadm -C

check "namespaces, veth and a bridge" vm_lvs_net 2
check "the client reaches the director" vm_ping "${NS}c" 192.0.2.1
check "the director reaches a real server across the bridge" vm_ping "$NS" 198.51.100.12
check "an HTTP server starts in ${NS}r1" vm_http_server "${NS}r1" 198.51.100.11 8080
check "the client gets its page, routed by the director" \
	test "$(vm_curl "${NS}c" http://198.51.100.11:8080/)" = "${NS}r1"

# The same page through an IPVS NAT service in the director's namespace.
ip -n "$NS" addr add 192.0.2.100/32 dev eth0
ip netns exec "$NS" ipvsadm -A -t 192.0.2.100:80 -s rr &&
	ip netns exec "$NS" ipvsadm -a -t 192.0.2.100:80 -r 198.51.100.11:8080 -m
check "the client gets it through IPVS NAT" \
	test "$(vm_curl "${NS}c" http://192.0.2.100/)" = "${NS}r1"
ip netns exec "$NS" ipvsadm -Lnc >"$WORK/conns" 2>&1
sed 's/^/#   /' "$WORK/conns"
check "IPVS holds the connection" \
	grep -q '192\.0\.2\.2:[0-9]* *192\.0\.2\.100:80 *198\.51\.100\.11:8080' "$WORK/conns"

"$VIGILD" -v >"$WORK/version" 2>&1
rc=$?
sed 's/^/#   /' "$WORK/version"
check "vigild -v runs" test "$rc" -eq 0
done_testing
