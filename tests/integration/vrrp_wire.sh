#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_wire.sh: tshark's VRRP dissector reads every packet without an
# error or bad checksum, over every packet shape: VRRPv2 with PASS auth
# and with none, VRRPv3 over IPv4 (checksum with the pseudo-header) and
# IPv6, sub-second centisecond intervals, several addresses per advert,
# unicast over IPv4 and IPv6, use_vmac, and priority 0 on stop.  Each
# instance's adverts carry the expected version, interval, priority and
# address count.
# Topology: nodes a (150), b (100) on one bridge.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1
for n in a b; do
	p=100 peer=a
	[ "$n" = a ] && p=150 peer=b
	f="$WORK/$n.conf"
	conf_global "$f" "$n"
	conf_instance "$f" V2AUTH vrid=1 prio=$p ver=2 auth=secret12 vip=192.0.2.101/24
	conf_instance "$f" V2 vrid=2 prio=$p ver=2 vip=192.0.2.102/24 vip=192.0.2.103/24 vip=192.0.2.104/24
	conf_instance "$f" V3 vrid=3 prio=$p ver=3 adv=0.25 vip=192.0.2.105/24
	conf_instance "$f" V3V6 vrid=4 prio=$p v6 adv=0.5 vip=2001:db8::104/64 vip=2001:db8::105/64
	conf_instance "$f" UNI4 vrid=5 prio=$p ver=2 vip=192.0.2.106/24 \
		unicast="$(node_addr "$n"),$(node_addr "$peer")"
	conf_instance "$f" UNI6 vrid=6 prio=$p v6 vip=2001:db8::106/64 \
		unicast="$(node_addr6 "$n"),$(node_addr6 "$peer")"
	conf_instance "$f" VMAC vrid=7 prio=$p ver=3 vmac vip=192.0.2.107/24
done
check "the capture records (marker)" cap_start wire
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
for v in 192.0.2.101 192.0.2.102 192.0.2.105 2001:db8::104 192.0.2.106 \
	2001:db8::106 192.0.2.107; do
	check "a becomes master of $v" wait_master a "$v" 15
done
a4=$(node_addr a)
ll=$(node_ll a)
# vrid_seen VRID: the capture has an advert of VRID from a (IPv4, or IPv6
# from its link-local or, unicast, its global address).
vrid_seen() {
	cap_seen wire "(ip proto 112 and src host $a4 and ip[21] = $1) or
	    (ip6 proto 112 and (src host $ll or src host $(node_addr6 a)) and
	    ip6[41] = $1)"
}
all_vrids() {
	local v
	for v in 1 2 3 4 5 6 7; do vrid_seen "$v" || return 1; done
}
check "a advertises every instance" wait_for 10 all_vrids
t=$(now)
stop_node a TERM
check "b takes over on a's stop" wait_vip b 192.0.2.107 10
check "a's priority 0 is captured" \
	cap_wait wire "$(advert_bpf "$(node_addr a)" 0)" "$t"
stop_node b TERM
cap_stop wire
check "tshark reads every VRRP packet cleanly" cap_vrrp_clean wire
has() { check "$1" cap_has wire "$2"; }
has "v2 + PASS: version 2, auth type 1, the password, 1 address" \
	"vrrp.virt_rtr_id == 1 && ip.src == $a4 && vrrp.version == 2 && vrrp.auth_type == 1 && vrrp.auth_string == \"secret12\" && vrrp.addr_count == 1 && vrrp.adver_int == 1"
has "v2: no auth, 3 addresses" \
	"vrrp.virt_rtr_id == 2 && ip.src == $a4 && vrrp.version == 2 && vrrp.auth_type == 0 && vrrp.addr_count == 3 && vrrp.ip_addr == 192.0.2.104"
has "v3 IPv4: version 3, 25 centiseconds" \
	"vrrp.virt_rtr_id == 3 && ip.src == $a4 && vrrp.version == 3 && vrrp.short_adver_int == 25 && vrrp.checksum.status == 1"
has "v3 IPv6: from the link-local address, 50 cs, 2 addresses" \
	"vrrp.virt_rtr_id == 4 && ipv6.src == $ll && vrrp.version == 3 && vrrp.short_adver_int == 50 && vrrp.addr_count == 2 && vrrp.checksum.status == 1"
has "unicast IPv4 to the peer" \
	"vrrp.virt_rtr_id == 5 && ip.src == $a4 && ip.dst == $(node_addr b)"
has "unicast IPv6 to the peer" \
	"vrrp.virt_rtr_id == 6 && ipv6.src == $(node_addr6 a) && ipv6.dst == $(node_addr6 b) && vrrp.checksum.status == 1"
has "use_vmac: from 00:00:5e:00:01:07" \
	"vrrp.virt_rtr_id == 7 && eth.src == 00:00:5e:00:01:07"
has "priority 0 on stop" "vrrp && vrrp.prio == 0 && (ip.src == $a4 || ipv6.src == $ll)"
check "IPv4 adverts have TTL 255" \
	test "$(cap_count wire 'vrrp && ip && ip.ttl != 255')" -eq 0
# keepalived 2.2.7 sends unicast IPv6 adverts with hop limit 64.
check_vigil "IPv6 adverts have hop limit 255 (RFC 5798 5.1.2.3)" \
	test "$(cap_count wire 'vrrp && ipv6 && ipv6.hlim != 255')" -eq 0
done_testing
