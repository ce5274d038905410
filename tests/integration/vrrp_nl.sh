#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_nl.sh: the VRRP child's link layer against the real kernel:
# addresses with their options, routes and rules, link events (and the
# re-read after a monitor overflow), gratuitous ARP and unsolicited NA
# on the wire, use_vmac macvlans; and the cost of an address add+delete.
# Topology: namespace $NS holds eth0, whose veth peer eth0p sits in
# namespace $PEER, where tcpdump captures what eth0 sends.  Driven by
# vrrp_nltool, which calls the vrrp/ API (lines parsed by the config
# parser, as vigild does).
# Checks given to eval are quoted to expand when they run.
# shellcheck disable=SC2016,SC2034

# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"

NLTOOL=${NLTOOL:-$(dirname "$VIGILD")/tests/integration/vrrp_nltool}
PEER="$NS-p"
trap 'ip netns del "$PEER" 2>/dev/null; cleanup' EXIT

for t in jq tcpdump tshark; do
	if ! command -v $t >/dev/null; then
		echo "1..0 # SKIP $t is not installed"
		exit 0
	fi
done

ns_create
ip netns add "$PEER"
ip -n "$PEER" link set lo up
ip -n "$NS" link add eth0 type veth peer name eth0p netns "$PEER"
ip -n "$NS" link set eth0 up
ip -n "$PEER" link set eth0p up
MAC=$(ip -n "$NS" -j link show eth0 | jq -r '.[0].address')

nlt() { ip netns exec "$NS" "$NLTOOL" "$@" 2>>"$LOG"; }
nlq() { nlt "$@" >/dev/null; }
# jaddr ADDR FILTER: jq FILTER on eth0's address entry ADDR.
jaddr() {
	ip -n "$NS" -j addr show dev eth0 |
		jq -r --arg a "$1" ".[0].addr_info[] | select(.local == \$a) | $2"
}
is() { [ "$1" = "$2" ] || { diag "got '$1', want '$2'"; return 1; }; }
absent() { [ -z "$(jaddr "$1" .local)" ]; }

# ---- addresses ----
check "add 192.0.2.10/24 with label, brd, scope link" \
	nlt addr add eth0 192.0.2.10/24 label eth0:vip brd 192.0.2.127 scope link
check "its prefix" is "$(jaddr 192.0.2.10 .prefixlen)" 24
check "its label" is "$(jaddr 192.0.2.10 .label)" eth0:vip
check "its broadcast" is "$(jaddr 192.0.2.10 .broadcast)" 192.0.2.127
check "its scope" is "$(jaddr 192.0.2.10 .scope)" link
check "adding it again is success" nlt addr add eth0 192.0.2.10/24 label eth0:vip
check "present" nlt present eth0 192.0.2.10
check "the primary IPv4 address" is "$(nlt primary eth0 inet)" 192.0.2.10
check "a bare address is a /32 of global scope" nlt addr add eth0 192.0.2.11
check "its prefix is 32" is "$(jaddr 192.0.2.11 .prefixlen)" 32
check "its scope is global" is "$(jaddr 192.0.2.11 .scope)" global
check "the primary address stays the first" \
	is "$(nlt primary eth0 inet)" 192.0.2.10
check "add with a peer" nlt addr add eth0 192.0.2.12 peer 192.0.2.13/32
check "the peer is its address" is "$(jaddr 192.0.2.12 .address)" 192.0.2.13
check "add 2001:db8::10/64 -nodad noprefixroute preferred_lft 0" \
	nlt addr add eth0 2001:db8::10/64 -nodad noprefixroute preferred_lft 0
check "nodad set" is "$(jaddr 2001:db8::10 .nodad)" true
check "noprefixroute set" is "$(jaddr 2001:db8::10 .noprefixroute)" true
check "preferred_lft 0" is "$(jaddr 2001:db8::10 .preferred_life_time)" 0
check "no prefix route" \
	is "$(ip -n "$NS" -6 route show 2001:db8::/64 dev eth0)" ""
check "not tentative (nodad)" is "$(jaddr 2001:db8::10 .tentative)" null
check "an address without nodad goes through DAD" \
	nlt addr add eth0 2001:db8::11/64
check "the link-local is the IPv6 primary" \
	eval '[[ "$(nlt primary eth0 inet6)" == fe80::* ]]'
for a in 192.0.2.10/24 192.0.2.11 "192.0.2.12 peer 192.0.2.13/32" \
	2001:db8::10/64 2001:db8::11/64; do
	# shellcheck disable=SC2086
	check "delete $a" nlt addr del eth0 $a
done
check "all gone" eval 'absent 192.0.2.10 && absent 192.0.2.11 &&
	absent 192.0.2.12 && absent 2001:db8::10 && absent 2001:db8::11'
check "not present" eval '! nlt present eth0 192.0.2.10'
check "deleting an absent address is success" nlt addr del eth0 192.0.2.10/24
check "deleting an absent IPv6 address is success" \
	nlt addr del eth0 2001:db8::10/64
check "an address the kernel refuses (multicast) fails" \
	eval '! nlt addr add eth0 ff02::5'
check "the failure names the address, interface and kernel's reason" \
	log_has "cannot add address ff02::5/128 to eth0: .*multicast"

# ---- routes ----
nlt addr add eth0 192.0.2.1/24 >/dev/null
nlt addr add eth0 2001:db8::1/64 -nodad >/dev/null
jroute() {
	if [ "$1" = -6 ]; then
		shift
		ip -n "$NS" -6 -j route show "$@"
	else
		ip -n "$NS" -j route show "$@"
	fi
}
check "route via a gateway, metric, mtu, proto static" \
	nlt route add eth0 198.51.100.0/24 via 192.0.2.254 metric 10 mtu 1400 \
	proto static
r=$(jroute 198.51.100.0/24)
check "its gateway" is "$(jq -r '.[0].gateway' <<<"$r")" 192.0.2.254
check "its metric" is "$(jq -r '.[0].metric' <<<"$r")" 10
check "its protocol" is "$(jq -r '.[0].protocol' <<<"$r")" static
check "its mtu" is "$(jq -r '.[0].metrics[0].mtu' <<<"$r")" 1400
check "adding it again is success" \
	nlt route add eth0 198.51.100.0/24 via 192.0.2.254 metric 10 mtu 1400 \
	proto static
check "still one route" is "$(jq length <<<"$(jroute 198.51.100.0/24)")" 1
check "a route without dev or gateway takes the instance's interface" \
	nlt route add eth0 203.0.113.0/24 table 100
r=$(jroute 203.0.113.0/24 table 100)
check "its dev" is "$(jq -r '.[0].dev' <<<"$r")" eth0
check "its scope is link" is "$(jq -r '.[0].scope' <<<"$r")" link
check "its protocol is keepalived's" \
	is "$(jq -r '.[0].protocol' <<<"$r")" keepalived
check "src, dev and scope given" \
	nlt route add - src 192.0.2.1 203.0.113.64/26 dev eth0 scope host
r=$(jroute 203.0.113.64/26)
check "its prefsrc" is "$(jq -r '.[0].prefsrc' <<<"$r")" 192.0.2.1
check "its scope host" is "$(jq -r '.[0].scope' <<<"$r")" host
check "a blackhole route" nlt route add eth0 blackhole 198.51.100.128/25
check "its type" is "$(jq -r '.[0].type' <<<"$(jroute 198.51.100.128/25)")" \
	blackhole
check "an IPv6 route" nlt route add eth0 2001:db8:1::/48 via 2001:db8::fe
check "its gateway" \
	is "$(jq -r '.[0].gateway' <<<"$(jroute -6 2001:db8:1::/48)")" \
	2001:db8::fe
check "onlink through an off-link gateway" \
	nlt route add eth0 198.51.100.0/26 via 203.0.113.1 dev eth0 onlink
check "its onlink flag" \
	is "$(jq -r '.[0].flags[0]' <<<"$(jroute 198.51.100.0/26)")" onlink
check "via A or B: two next hops" \
	nlt route add eth0 198.51.100.64/26 via 192.0.2.250 or 192.0.2.251
check "both gateways" is "$(jq -r '[.[0].nexthops[].gateway] | join(" ")' \
	<<<"$(jroute 198.51.100.64/26)")" "192.0.2.250 192.0.2.251"
check "a default route in table 1000 with TCP metrics" \
	nlt route add eth0 default via 192.0.2.254 table 1000 congctl reno \
	features ecn initcwnd 10 quickack 1
r=$(ip -n "$NS" route show default table 1000)
check "its metrics" eval '[[ "$r" == *"initcwnd 10 features ecn quickack 1 congctl reno"* ]]'

check "an IPv6 route with pref, expires and hoplimit" \
	nlt route add eth0 2001:db8:2::/48 via 2001:db8::fe pref high \
	expires 300 hoplimit 64
r=$(jroute -6 2001:db8:2::/48)
check "its pref and hoplimit" is "$(jq -r '.[0] | .pref + " " +
	(.metrics[0].hoplimit|tostring)' <<<"$r")" "high 64"
check "a local route goes to the local table" \
	nlt route add eth0 local 192.0.2.200
check "it is there" is "$(jq -r '.[0].type' <<<"$(jroute 192.0.2.200 \
	table local)")" local
check "an unsupported route option fails" \
	eval '! nlt route add eth0 198.51.100.192/26 dev eth0 rtt 3'
check "and is named in the log" log_has "route option 'rtt' is not supported"
check "the route was not added" is "$(jroute 198.51.100.192/26)" "[]"
check "an unreachable gateway fails with the kernel's reason" \
	eval '! nlt route add - 198.51.100.192/26 via 203.0.113.9'
check "the failure is logged" log_has "cannot add route 198.51.100.192/26"
for r in "198.51.100.0/24 via 192.0.2.254 metric 10 mtu 1400 proto static" \
	"203.0.113.0/24 table 100" "src 192.0.2.1 203.0.113.64/26 dev eth0" \
	"blackhole 198.51.100.128/25" "2001:db8:1::/48 via 2001:db8::fe" \
	"198.51.100.0/26 via 203.0.113.1 dev eth0 onlink" \
	"198.51.100.64/26 via 192.0.2.250 or 192.0.2.251" \
	"default via 192.0.2.254 table 1000" \
	"2001:db8:2::/48 via 2001:db8::fe" "local 192.0.2.200"; do
	# shellcheck disable=SC2086
	check "delete route $r" nlt route del eth0 $r
done
check "all routes gone" eval '[ "$(jroute 198.51.100.0/24)$(jroute \
	203.0.113.0/24 table 100)$(jroute 203.0.113.64/26)$(jroute \
	198.51.100.128/25)$(jroute -6 2001:db8:1::/48)$(jroute 198.51.100.0/26)$(\
	jroute 198.51.100.64/26)$(jroute default table 1000)$(jroute -6 \
	2001:db8:2::/48)$(jroute 192.0.2.200 table local)" \
	= "[][][][][][][][][][]" ]'
check "deleting an absent route is success" \
	nlt route del eth0 198.51.100.0/24 via 192.0.2.254

# ---- rules ----
# prio N [-6]: the rule of priority N.
prio() {
	ip -n "$NS" -j ${2:+"$2"} rule show | jq -c ".[] | select(.priority == $1)"
}
check "rule from a prefix to a table, with a priority" \
	nlt rule add from 192.0.2.0/24 table 100 priority 100
r=$(prio 100)
check "its source" is "$(jq -r '.src + "/" + (.srclen|tostring)' <<<"$r")" \
	192.0.2.0/24
check "its table" is "$(jq -r .table <<<"$r")" 100
check "adding it again is success" \
	nlt rule add from 192.0.2.0/24 table 100 priority 100
check "still one rule" is "$(prio 100 | wc -l)" 1
check "rule with selectors" nlt rule add to 203.0.113.5 fwmark 0x10/0xff \
	iif eth0 ipproto tcp dport 80-90 table 100 priority 101
r=$(prio 101)
check "its destination" is "$(jq -r .dst <<<"$r")" 203.0.113.5
check "its fwmark" is "$(jq -r .fwmark <<<"$r")" 0x10
check "its iif" is "$(jq -r .iif <<<"$r")" eth0
check "its ipproto" is "$(jq -r .ipproto <<<"$r")" tcp
check "its dport" is "$(jq -r '.dport_start' <<<"$r")" 80
check "an IPv6 rule" nlt rule add from 2001:db8::/64 table 200 priority 102
check "it is an IPv6 rule" is "$(prio 102 -6 | jq -r .table)" 200
check "not, goto" nlt rule add not from 192.0.2.0/24 goto 32766 priority 103
r=$(prio 103)
check "inverted, goto 32766" \
	is "$(jq -r '(has("not")|tostring) + " " + (.goto|tostring)' <<<"$r")" \
	"true 32766"
check "uidrange, sport, unreachable" \
	nlt rule add uidrange 1000-2000 sport 1000-2000 unreachable priority 104
r=$(prio 104)
check "their values" is "$(jq -r '[.uid_start, .uid_end, .sport_start,
	.sport_end, .action] | map(tostring) | join(" ")' <<<"$r")" \
	"1000 2000 1000 2000 unreachable"
check "a bad option value fails" \
	eval '! nlt rule add from 192.0.2.0/24 ipproto nosuch table 100'
check "and is named in the log" \
	log_has "invalid value 'nosuch' for rule option 'ipproto'"
check "delete the rules" eval 'nlt rule del from 192.0.2.0/24 table 100 \
	priority 100 && nlt rule del to 203.0.113.5 fwmark 0x10/0xff iif eth0 \
	ipproto tcp dport 80-90 table 100 priority 101 &&
	nlt rule del from 2001:db8::/64 table 200 priority 102 &&
	nlt rule del not from 192.0.2.0/24 goto 32766 priority 103 &&
	nlt rule del uidrange 1000-2000 sport 1000-2000 unreachable priority 104'
check "the rules are gone" \
	is "$(prio 100)$(prio 101)$(prio 102 -6)$(prio 103)$(prio 104)" ""
check "deleting an absent rule is success" \
	nlt rule del from 192.0.2.0/24 table 100 priority 100

# ---- link events ----
MON="$WORK/mon"
ip netns exec "$NS" "$NLTOOL" monitor 60 >"$MON" 2>>"$LOG" &
echo $! >"$WORK/mon.pid"
mon_has() { grep -qs -- "$1" "$MON"; }
mon_count() { grep -cs -- "$1" "$MON"; }
log_count_ge_mon() { [ "$(mon_count "$1")" -ge "$2" ]; }
check "the monitor starts" wait_for 10 mon_has ready
ip -n "$NS" link set eth0 down
check "eth0 down is seen" wait_for 10 mon_has "link eth0 down"
ip -n "$NS" link set eth0 up
check "eth0 up is seen" wait_for 10 mon_has "link eth0 up"
ip -n "$PEER" link set eth0p down
check "the peer's down (no carrier) is eth0 down" \
	wait_for 10 log_count_ge_mon "link eth0 down" 2
ip -n "$PEER" link set eth0p up
check "carrier back is eth0 up" wait_for 10 log_count_ge_mon "link eth0 up" 2
ip -n "$NS" link set eth0 mtu 1400
check "an MTU change is seen" wait_for 10 mon_has "link eth0 up mtu 1400"
ip -n "$NS" link add vx0 type veth peer name vx0p
check "a new link is seen" wait_for 10 mon_has "link vx0 down"
ip -n "$NS" link del vx0
check "a deleted link is gone" wait_for 10 mon_has "link vx0 gone"
ip -n "$NS" addr add 192.0.2.77/24 dev eth0
check "an address added by someone else is seen" \
	wait_for 10 mon_has "addr add eth0 192.0.2.77/24"
ip -n "$NS" addr del 192.0.2.77/24 dev eth0
check "and its deletion" wait_for 10 mon_has "addr del eth0 192.0.2.77/24"

# Overflow: the stopped monitor's buffer fills with the events of 5,000
# MTU changes of another link, then eth0 goes down; only the re-read of
# every link after ENOBUFS can tell it.
ip -n "$NS" link add vf0 type veth peer name vf0p
wait_for 10 mon_has "link vf0 down"
kill -STOP "$(cat "$WORK/mon.pid")"
downs=$(mon_count "link eth0 down")
for i in $(seq 5000); do echo "link set vf0 mtu $((1400 + i % 2))"; done \
	>"$WORK/flood"
ip -n "$NS" -batch "$WORK/flood"
ip -n "$NS" link set eth0 down
kill -CONT "$(cat "$WORK/mon.pid")"
check "the overflow is logged" wait_for 30 log_has "netlink monitor overflowed"
check "the re-read sees eth0 down" \
	wait_for 30 log_count_ge_mon "link eth0 down" $((downs + 1))
ip -n "$NS" link set eth0 up
check "events flow again after the overflow" \
	wait_for 10 eval '[ "$(tail -1 "$MON")" = "link eth0 up mtu 1400" ]'
stop_pid "$(cat "$WORK/mon.pid")"
rm -f "$WORK/mon.pid"
wait_for 10 eval 'ip -n "$NS" -j link show eth0 | jq -e ".[0].operstate == \"UP\"" >/dev/null'

# ---- gratuitous ARP and unsolicited NA on the wire ----
CAP="$WORK/cap.pcap"
ip netns exec "$PEER" tcpdump -i eth0p --immediate-mode -U -n -w "$CAP" \
	2>"$WORK/tcpdump.out" &
echo $! >"$WORK/tcpdump.pid"
# The capture records once a marker frame from eth0p is in the file.
check "the capture records (marker)" eval 'wait_for 10 grep -qs "listening on" \
	"$WORK/tcpdump.out" && pcap_mark "$PEER" eth0p "$CAP"'
check "send a gratuitous ARP" nlq garp eth0 192.0.2.10
check "send one from the VMAC's MAC" nlq garp eth0 192.0.2.11 00:00:5e:00:01:33
ll_ready() {
	ip -n "$NS" -6 -j addr show dev eth0 scope link |
		jq -e '.[0].addr_info[0] | .local != null and .tentative != true' >/dev/null
}
wait_for 10 ll_ready
check "send an unsolicited NA" nlq garp eth0 2001:db8::10
ip -n "$NS" -6 addr flush dev eth0 scope link
check "send one from an interface without a link-local" \
	nlq garp eth0 2001:db8::12
# Every frame sent before the end marker is in the file.
pcap_mark "$PEER" eth0p "$CAP" || diag "the end marker did not reach the capture"
stop_pid "$(cat "$WORK/tcpdump.pid")" # tcpdump closes the file on TERM
rm -f "$WORK/tcpdump.pid"
fields() {
	tshark -r "$CAP" -Y "$1" -T fields -E separator=' ' "${@:2}" 2>/dev/null
}
arp=$(fields "arp.src.proto_ipv4 == 192.0.2.10" -e eth.dst -e eth.src \
	-e arp.opcode -e arp.src.hw_mac -e arp.dst.proto_ipv4 -e arp.dst.hw_mac)
check "GARP: broadcast request from our MAC, sender = target = VIP" \
	is "$arp" "ff:ff:ff:ff:ff:ff $MAC 1 $MAC 192.0.2.10 ff:ff:ff:ff:ff:ff"
arp=$(fields "arp.src.proto_ipv4 == 192.0.2.11" -e eth.src -e arp.src.hw_mac)
check "GARP from a given MAC: it is the Ethernet and ARP sender" \
	is "$arp" "00:00:5e:00:01:33 00:00:5e:00:01:33"
na=$(fields "icmpv6.nd.na.target_address == 2001:db8::10" -e ipv6.dst -e ipv6.hlim \
	-e icmpv6.nd.na.flag.s -e icmpv6.nd.na.flag.o \
	-e icmpv6.nd.na.target_address -e icmpv6.opt.linkaddr \
	-e icmpv6.checksum.status)
check "NA: to ff02::1, hop limit 255, S clear, O set, target, our MAC, good checksum" \
	is "$na" "ff02::1 255 0 1 2001:db8::10 $MAC 1"
src=$(fields "icmpv6.nd.na.target_address == 2001:db8::10" -e ipv6.src)
check "NA: from eth0's link-local" eval '[[ "$src" == fe80::* ]]'
check "NA without a link-local: from the target" is "$(fields \
	"icmpv6.nd.na.target_address == 2001:db8::12" -e ipv6.src \
	-e icmpv6.checksum.status)" "2001:db8::12 1"
check "no malformed packet or warning in the capture" \
	is "$(fields '_ws.malformed || _ws.expert.severity >= 6291456' \
	-e frame.number)" ""

# ---- use_vmac ----
sys() { ip netns exec "$NS" cat "/proc/sys/net/$1"; }
jlink() { ip -n "$NS" -d -j link show "$1" 2>/dev/null; }
idx=$(nlt vmac add eth0 vrrp.51 51)
check "create VMAC vrrp.51" is "$idx" "$(jlink vrrp.51 | jq -r '.[0].ifindex')"
l=$(jlink vrrp.51)
check "its MAC is 00:00:5e:00:01:33" \
	is "$(jq -r '.[0].address' <<<"$l")" 00:00:5e:00:01:33
check "a macvlan in private mode" \
	is "$(jq -r '.[0].linkinfo | .info_kind + " " + .info_data.mode' \
	<<<"$l")" "macvlan private"
check "on eth0" is "$(jq -r '.[0].link' <<<"$l")" eth0
check "up" is "$(jq -r '.[0].flags | index("UP") != null' <<<"$l")" true
check "no automatic link-local" \
	is "$(jq -r '.[0].inet6_addr_gen_mode' <<<"$l")" none
check "arp_ignore 1 on the VMAC" is "$(sys ipv4/conf/vrrp.51/arp_ignore)" 1
check "accept_local 1, rp_filter 0 on the VMAC" \
	is "$(sys ipv4/conf/vrrp.51/accept_local)$(sys ipv4/conf/vrrp.51/rp_filter)" 10
check "arp_ignore and arp_filter 1 on the parent" \
	is "$(sys ipv4/conf/eth0/arp_ignore)$(sys ipv4/conf/eth0/arp_filter)" 11
check "taking over an existing VMAC keeps it" \
	is "$(nlt vmac add eth0 vrrp.51 51)" "$idx"
idx6=$(nlt vmac add eth0 vrrp6.51 51 inet6)
check "an IPv6 VMAC" is "$idx6" "$(jlink vrrp6.51 | jq -r '.[0].ifindex')"
check "an IPv6 VMAC has 00:00:5e:00:02:33" \
	is "$(jlink vrrp6.51 | jq -r '.[0].address')" 00:00:5e:00:02:33
ip -n "$NS" link add link eth0 name vrrp.52 address 02:00:00:00:00:52 \
	type macvlan mode bridge
check "a macvlan of that name but another MAC is made again" \
	nlq vmac add eth0 vrrp.52 52
check "with the right MAC and mode" \
	is "$(jlink vrrp.52 | jq -r '.[0].address + " " +
	.[0].linkinfo.info_data.mode')" "00:00:5e:00:01:34 private"
ip -n "$NS" link add vx1 type veth peer name vx1p
check "a link of that name that is no macvlan is refused" \
	eval '! nlt vmac add eth0 vx1 53'
check "and left alone" is "$(jlink vx1 | jq -r '.[0].linkinfo.info_kind')" veth
check "delete the VMACs" eval 'nlt vmac del vrrp.51 && nlt vmac del vrrp6.51 &&
	nlt vmac del vrrp.52'
check "they are gone" is "$(jlink vrrp.51)$(jlink vrrp6.51)$(jlink vrrp.52)" ""
ip netns exec "$NS" sh -c 'echo 0 >/proc/sys/net/ipv4/conf/eth0/arp_ignore;
	echo 0 >/proc/sys/net/ipv4/conf/eth0/arp_filter'
check "made and deleted by one process" nlt vmac addel eth0 vrrp.54 54
check "the parent's arp_ignore and arp_filter are put back" \
	is "$(sys ipv4/conf/eth0/arp_ignore)$(sys ipv4/conf/eth0/arp_filter)" 00

# ---- the fast path's cost ----
out=$(nlt bench eth0 192.0.2.99/24 1000)
check "1000 add + GARP + delete rounds succeed" \
	eval '[[ "$out" == "pairs 1000 "* ]]'
diag "IPv4 vrrp_nl_addr add+del and GARP, per call (us): $out"
out=$(nlt bench eth0 2001:db8::99/64 -nodad 1000)
check "1000 IPv6 add + NA + delete rounds succeed" \
	eval '[[ "$out" == "pairs 1000 "* ]]'
diag "IPv6 (nodad), per call (us): $out"
check "nothing left behind" eval 'absent 192.0.2.99 && absent 2001:db8::99'

done_testing
