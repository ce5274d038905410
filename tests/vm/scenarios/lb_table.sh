#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# lb_table.sh: the kernel's IPVS table equals the configuration for every
# kind of service: TCP, UDP, SCTP, fwmark (IPv4 and IPv6), an IPv6
# address, a virtual_server_group (an address range and an fwmark),
# persistence with an IPv4 mask and an IPv6 prefix, the sip persistence
# engine, one-packet scheduling, every scheduler of Debian 12's kernel
# with its flags (not twos: Linux 6.1 has no ip_vs_twos), NAT, DR and TUN (ipip, gue with a port, gre with csum),
# weights, thresholds, lvs_timeouts.  Then real traffic through NAT, DR
# and TUN services of the same table.
#
# The real servers have no checkers: such a real server is always up (as
# in keepalived), so the table is the configuration, deterministically.
# The expected tables are tests/vm/expected/lb_table*.txt, compared with
# blanks squeezed.
. "$TOP_SRCDIR/tests/vm/lib.sh"

EXP="$TOP_SRCDIR/tests/vm/expected"
T0=$(usecs)
# at WHAT: a comment with the seconds since the start (TCG is slow, and
# its speed varies with the host's load: where the time went).
at() {
	local t=$((($(usecs) - T0) / 100000))
	diag "at $((t / 10)).$((t % 10)) s: $*"
}

vm_modprobe ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc ip_vs_wlc ip_vs_lblc \
	ip_vs_lblcr ip_vs_dh ip_vs_sh ip_vs_sed ip_vs_nq ip_vs_fo ip_vs_ovf \
	ip_vs_mh ip_vs_pe_sip ipip veth bridge

# ---- the networks -------------------------------------------------------------
#
# NAT: vm_lvs_net (client ${NS}c 192.0.2.2, director $NS, real servers
# ${NS}r1 198.51.100.11 and ${NS}r2 198.51.100.12 behind it).
#
# DR and TUN: one more bridge, ${NS}b, on which the client (eth1
# 203.0.113.2), the director (eth2 203.0.113.1) and the real server ${NS}x
# (eth0 203.0.113.11) sit.  The VIPs 203.0.113.100 (DR) and .101 (TUN) are
# on the director's eth2: the client's ARP for them gets the director's
# MAC.  ${NS}x has the DR VIP on lo and the TUN VIP on tunl0, ignores ARP
# for addresses not on the asking interface (arp_ignore 1, arp_announce 2),
# does no reverse-path filtering (a tunnelled packet from the client comes
# in on tunl0, its replies go out on eth0), and answers the client
# directly: it has no route through the director at all.
vm_lvs_net 2 || { not_ok "the LVS network"; done_testing; exit 0; }
dr_net() {
	local i
	vm_ns_add "${NS}b" && vm_ns_add "${NS}x" || return 1
	ip -n "${NS}b" link add br0 type bridge || return 1
	ip -n "${NS}b" link set br0 up
	ip -n "$NS" link add eth2 type veth peer name d0 netns "${NS}b"
	ip -n "${NS}c" link add eth1 type veth peer name c0 netns "${NS}b"
	ip -n "${NS}x" link add eth0 type veth peer name x0 netns "${NS}b"
	for i in d0 c0 x0; do ip -n "${NS}b" link set "$i" master br0 up; done
	ip -n "$NS" addr add 203.0.113.1/24 dev eth2
	ip -n "$NS" addr add 203.0.113.100/32 dev eth2
	ip -n "$NS" addr add 203.0.113.101/32 dev eth2
	ip -n "$NS" link set eth2 up
	ip -n "${NS}c" addr add 203.0.113.2/24 dev eth1
	ip -n "${NS}c" link set eth1 up
	ip netns exec "${NS}x" sysctl -qw net.ipv4.conf.all.arp_ignore=1 \
		net.ipv4.conf.all.arp_announce=2 net.ipv4.conf.all.rp_filter=0 \
		net.ipv4.conf.default.rp_filter=0 || return 1
	ip -n "${NS}x" addr add 203.0.113.11/24 dev eth0
	ip -n "${NS}x" link set eth0 up
	ip -n "${NS}x" addr add 203.0.113.100/32 dev lo
	# the fallback ipip device, made in each namespace by the ipip module
	ip -n "${NS}x" link set tunl0 up || return 1
	ip -n "${NS}x" addr add 203.0.113.101/32 dev tunl0
	ip netns exec "${NS}x" sysctl -qw net.ipv4.conf.tunl0.rp_filter=0 \
		net.ipv4.conf.eth0.rp_filter=0
}
check "the DR/TUN network (client, director, real server on one bridge)" dr_net
ip -n "$NS" addr add 192.0.2.100/32 dev eth0

cat >"$WORK/k.conf" <<'CONF'
global_defs {
    router_id vm-table
    lvs_timeouts tcp 7200 tcpfin 90 udp 240
}
# NAT, wrr, weights: the NAT traffic
virtual_server 192.0.2.100 80 {
    lb_algo wrr
    lvs_method NAT
    protocol TCP
    real_server 198.51.100.11 80 { weight 1 }
    real_server 198.51.100.12 80 { weight 2 }
}
# UDP, one-packet scheduling
virtual_server 192.0.2.100 53 {
    lb_algo lc
    lb_kind NAT
    protocol UDP
    ops
    real_server 198.51.100.11 53 { weight 1 }
    real_server 198.51.100.12 53 { weight 4 }
}
virtual_server 192.0.2.100 3868 {
    lb_algo wlc
    lb_kind NAT
    protocol SCTP
    real_server 198.51.100.11 3868 { weight 5 }
}
# fwmark, IPv4, thresholds
virtual_server fwmark 1 {
    lb_algo lblc
    lb_kind DR
    real_server 198.51.100.11 80 {
        weight 1
        uthreshold 100
        lthreshold 10
    }
    real_server 198.51.100.12 80 { weight 2 }
}
# fwmark, IPv6
virtual_server fwmark 2 {
    ip_family inet6
    lb_algo lblcr
    lb_kind DR
    real_server 2001:db8::11 80 { weight 1 }
}
virtual_server 2001:db8::100 80 {
    lb_algo dh
    lb_kind NAT
    protocol TCP
    real_server 2001:db8::11 80 { weight 1 }
    real_server 2001:db8::12 8080 { weight 3 }
}
# a group: three addresses and an fwmark; sh with both flags
virtual_server_group g1 {
    192.0.2.110-112 8080
    fwmark 3
}
virtual_server group g1 {
    lb_algo sh
    sh-port
    sh-fallback
    lb_kind DR
    protocol TCP
    real_server 198.51.100.11 8080 { weight 1 }
    real_server 198.51.100.12 8080 { weight 1 }
}
# persistence: an IPv4 mask, an IPv6 prefix, the sip engine
virtual_server 192.0.2.100 443 {
    lb_algo sed
    lb_kind NAT
    protocol TCP
    persistence_timeout 600
    persistence_granularity 255.255.255.0
    real_server 198.51.100.11 443 { weight 1 }
}
virtual_server 2001:db8::100 443 {
    lb_algo nq
    lb_kind NAT
    protocol TCP
    persistence_timeout 300
    persistence_granularity 64
    real_server 2001:db8::11 443 { weight 1 }
}
virtual_server 192.0.2.100 5060 {
    lb_algo fo
    lb_kind NAT
    protocol UDP
    persistence_timeout 60
    persistence_engine sip
    real_server 198.51.100.11 5060 { weight 1 }
    real_server 198.51.100.12 5060 { weight 2 }
}
virtual_server 192.0.2.100 8000 {
    lb_algo ovf
    lb_kind NAT
    protocol TCP
    real_server 198.51.100.11 8000 {
        weight 3
        uthreshold 50
    }
    real_server 198.51.100.12 8000 { weight 1 }
}
virtual_server 192.0.2.100 8001 {
    lb_algo mh
    mh-port
    mh-fallback
    lb_kind NAT
    protocol TCP
    real_server 198.51.100.11 8001 { weight 1 }
    real_server 198.51.100.12 8001 { weight 1 }
}
# the tunnel types
virtual_server 192.0.2.102 80 {
    lb_algo wrr
    protocol TCP
    lvs_method TUN
    real_server 198.51.100.11 80 {
        weight 1
        lvs_method TUN type gue port 6080
    }
    real_server 198.51.100.12 80 {
        weight 2
        lvs_method TUN type gue port 6081 remcsum
    }
    real_server 198.51.100.13 80 {
        weight 3
        lvs_method TUN type gre csum
    }
}
# DR and TUN (ipip) traffic
virtual_server 203.0.113.100 80 {
    lb_algo rr
    lb_kind DR
    protocol TCP
    real_server 203.0.113.11 80 { weight 1 }
}
virtual_server 203.0.113.101 80 {
    lb_algo rr
    protocol TCP
    lvs_method TUN type ipip
    real_server 203.0.113.11 80 { weight 1 }
}
CONF

# ---- the table ----------------------------------------------------------------

# norm: ipvsadm's listing without its version line, blanks squeezed, no
# trailing blanks.
norm() { sed -e '/^IP Virtual Server version/d' -e 's/[[:space:]]\+/ /g' -e 's/ $//'; }
# view NAME ARGS...: the director's table as ipvsadm -Ln --sort ARGS shows
# it, normalised, in $WORK/NAME.got (and a copy in VM_OUT, to write or
# review an expected file).
view() {
	local name=$1
	shift
	ip netns exec "$NS" ipvsadm -Ln --sort "$@" 2>&1 | norm >"$WORK/$name.got"
	cp "$WORK/$name.got" "$VM_OUT/lb_table@$(impl).$name.got" 2>/dev/null
	return 0
}
# agreed: the listing with the ports of the real servers of FWM 3 (the
# group's fwmark) made 0.  keepalived 2.2.7 makes them 0 (the port of a
# DR or TUN server of an fwmark service means nothing), as vigil does for
# a virtual_server fwmark; vigil keeps the group's real servers' port: a
# check of its own below, the rest compared as both agree.
agreed() {
	awk '/^[A-Z]/ { fwm3 = ($0 ~ /^FWM 3 /) }
		fwm3 && /^ ->/ { sub(/:[0-9]+ /, ":0 ") }
		{ print }'
}
same() { view "$1" "${@:3}" && agreed <"$WORK/$1.got" | cmp -s - "$EXP/$2"; }
# table_is NAME EXPECTED ARGS...: one check, waiting for the table (60 s:
# a busy TCG guest); the difference as comments when it never comes.
table_is() {
	local name=$1 exp=$2
	shift 2
	if wait_for 60 same "$name" "$exp" "$@"; then
		ok "ipvsadm -Ln --sort${*:+ $*} equals expected/$exp"
	else
		not_ok "ipvsadm -Ln --sort${*:+ $*} equals expected/$exp"
		agreed <"$WORK/$name.got" | diff -u "$EXP/$exp" - | sed 's/^/#   /'
	fi
}

at "networks made"
start_lb "$WORK/k.conf"
table_is table lb_table.txt
table_is thresholds lb_table-thresholds.txt --thresholds
table_is tun lb_table-tun.txt --tun-info
at "the table is as configured"
# fwm3_ports: the ports of FWM 3's real servers, as the kernel has them.
fwm3_ports() {
	awk '/^[A-Z]/ { fwm3 = ($0 ~ /^FWM 3 /) }
		fwm3 && /^ ->/ { print $2 }' "$WORK/table.got" | tr '\n' ' '
}
diag "FWM 3 (fwmark of a group, DR) real servers: $(fwm3_ports)"
check "a group's fwmark service: its DR real servers have port 0" \
	test "$(fwm3_ports)" = "198.51.100.11:0 198.51.100.12:0 "
timeouts=$(ip netns exec "$NS" ipvsadm -L --timeout 2>&1)
diag "$timeouts"
check "lvs_timeouts: ipvsadm -L --timeout says 7200 90 240" \
	grep -q '^Timeout (tcp tcpfin udp): 7200 90 240$' <<<"$timeouts"
# Still so a few drift periods later: nothing fights over the table.
check "the table stays as configured (3 s)" always 3 same table lb_table.txt
n=$(grep -c '^[A-Z]' "$WORK/table.got")
diag "$n services, $(grep -c -- '->' "$WORK/table.got") lines of real servers (header included)"

# ---- traffic ------------------------------------------------------------------

# stats SERVICE...: the service's line of ipvsadm -Ln --stats --exact:
# "PROT ADDR CONNS INPKTS OUTPKTS INBYTES OUTBYTES".
stats() { ip netns exec "$NS" ipvsadm -Ln --stats --exact "$@" | norm | sed -n 3p; }
# conns_ge N SERVICE...: the service's Conns counter reached N.  The kernel
# (6.1) sums its per-CPU counters into what it reports every 2 s: a
# counter read right after the traffic may not show it yet.
conns_ge() {
	local n=$1 c
	shift
	read -r _ _ c _ <<<"$(stats "$@")"
	[ "${c:-0}" -ge "$n" ]
}
# served NETNS PORT: how many requests from the client the python server of
# NETNS logged (its own readiness probes come from elsewhere).
served() { grep -c '^192\.0\.2\.2 .*"GET /\|^203\.0\.113\.2 .*"GET /' "$WORK/http-$1-$2.log"; }

at "starting the HTTP servers"
vm_http_server "${NS}r1" 198.51.100.11 80
vm_http_server "${NS}r2" 198.51.100.12 80
vm_http_server "${NS}x" 0.0.0.0 80
at "HTTP servers up"

# NAT, wrr 1:2: six connections are two to r1 and four to r2.
got=
for i in 1 2 3 4 5 6; do got="$got $(vm_curl "${NS}c" http://192.0.2.100/)"; done
diag "NAT answers:$got"
check "NAT: every request answered by a real server" \
	test "$(grep -o "${NS}r[12]" <<<"$got" | wc -l)" = 6
c1=$(served "${NS}r1" 80) c2=$(served "${NS}r2" 80)
diag "NAT: r1 served $c1, r2 served $c2 (wrr, weights 1 and 2)"
check "NAT: r1 served 2 of 6 (weight 1)" test "$c1" = 2
check "NAT: r2 served 4 of 6 (weight 2)" test "$c2" = 4
wait_for 10 conns_ge 6 -t 192.0.2.100:80
s=$(stats -t 192.0.2.100:80)
diag "NAT stats: $s"
read -r _ _ _ inp outp _ <<<"$s"
check "NAT: the director saw the replies (OutPkts > 0)" test "${outp:-0}" -gt 0

# DR: the real server answers the client itself; the director sees only
# the client's packets.
got=
for i in 1 2 3; do got="$got $(vm_curl "${NS}c" http://203.0.113.100/)"; done
diag "DR answers:$got"
check "DR: the real server answers through the VIP" \
	test "$(grep -o "${NS}x" <<<"$got" | wc -l)" = 3
cx=$(served "${NS}x" 80)
check "DR: the real server saw the client's own address (3 requests)" test "$cx" = 3
wait_for 10 conns_ge 3 -t 203.0.113.100:80
s=$(stats -t 203.0.113.100:80)
diag "DR stats: $s"
read -r _ _ _ inp outp _ <<<"$s"
check "DR: the director forwarded the client's packets (InPkts > 0)" test "${inp:-0}" -gt 0
check "DR: no reply went through the director (OutPkts 0)" test "${outp:-x}" = 0

# TUN (ipip): the same real server, through its tunl0.
got=
for i in 1 2 3; do got="$got $(vm_curl "${NS}c" http://203.0.113.101/)"; done
diag "TUN answers:$got"
check "TUN: the real server answers through the VIP" \
	test "$(grep -o "${NS}x" <<<"$got" | wc -l)" = 3
check "TUN: the real server saw 3 more requests from the client" \
	test "$(served "${NS}x" 80)" = $((cx + 3))
wait_for 10 conns_ge 3 -t 203.0.113.101:80
s=$(stats -t 203.0.113.101:80)
diag "TUN stats: $s"
read -r _ _ _ inp outp _ <<<"$s"
check "TUN: the director forwarded the client's packets (InPkts > 0)" test "${inp:-0}" -gt 0
check "TUN: no reply went through the director (OutPkts 0)" test "${outp:-x}" = 0
rx=$(ip netns exec "${NS}x" cat /sys/class/net/tunl0/statistics/rx_packets)
diag "tunl0 on the real server received ${rx:-?} packets"
check "TUN: the packets came in through the real server's tunl0" test "${rx:-0}" -gt 0

check "the load balancer is still running" alive "$(lb_pid)"
# the CPU the load balancer's processes used (a TCG guest shares 2 CPUs)
for p in $(lb_pid) $(ps --ppid "$(lb_pid)" -o pid= 2>/dev/null); do
	st=$(cat "/proc/$p/stat" 2>/dev/null) || continue
	# after the name (which may have blanks): state, ..., utime, stime
	read -r -a f <<<"${st##*) }"
	diag "pid $p ($(tr -d '\n' <"/proc/$p/cmdline" | cut -c1-20)): $(((f[11] + f[12]) * 10)) ms of CPU"
done
at "traffic done"
done_testing
