#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# check_ping.sh: PING_CHECK, ICMP and ICMPv6 echo.  An address that answers
# is up, and the server's kernel counts the echo requests; a silent
# address is down (timeout); an ICMP error is down (ping).  Raw sockets
# when net.ipv4.ping_group_range leaves us out (a new namespace's
# default), unprivileged ICMP datagram sockets when it lets us in.
# Topology (tests/check_lib.sh ta_topology): vigild in $NS, the targets on
# $TA_SRV's lo; 203.0.113.99 and 2001:db8:10::99 vanish in a blackhole;
# $TA_SRV forwards on s0 and has unreachable routes to 203.0.113.98 and
# 2001:db8:10::98, so it answers them with ICMP unreachable errors.
# Config: an IPv4 and an IPv6 virtual server, one real server per case.
. "$(dirname "$0")/../lib.sh"
. "$TOP_SRCDIR/tests/check_lib.sh"

ta_topology
ip netns exec "$TA_SRV" sysctl -qw net.ipv4.conf.s0.forwarding=1
ip -n "$TA_SRV" route add unreachable 203.0.113.98/32
ip -n "$TA_SRV" route add unreachable 2001:db8:10::98/128
# the errors may not be rate-limited away
ip netns exec "$TA_SRV" sysctl -qw net.ipv4.icmp_ratelimit=0
ip netns exec "$TA_SRV" sysctl -qw net.ipv6.icmp.ratelimit=0
check "in a new namespace, ping_group_range leaves everyone out" \
	test "$(ip netns exec "$NS" sysctl -n net.ipv4.ping_group_range)" = "1	0"

conf="$WORK/k.conf"
{
	cat <<'CONF'
child_wait_time 2
global_defs {
    router_id ping1
}
CONF
	for vs in 192.0.2.100/203.0.113 2001:db8::100/2001:db8:10:: ; do
		cat <<CONF
virtual_server ${vs%/*} 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
CONF
		for a in 10 99 98; do
			sep=.
			case $vs in *::) sep= ;; esac
			cat <<CONF
    real_server ${vs#*/}$sep$a 80 {
        PING_CHECK {
            connect_timeout 1
        }
    }
CONF
		done
		echo "}"
	done
} >"$conf"
check "the configuration is valid" ta_conf_ok "$conf"
start_vigild "$conf" -D

# echos4 / echos6: echo requests $TA_SRV's kernel took.
echos4() {
	ip netns exec "$TA_SRV" awk '/^Icmp: [a-zA-Z]/ {
		for (i = 2; i <= NF; i++) if ($i == "InEchos") col = i
	}
	/^Icmp: [0-9]/ { print $col }' /proc/net/snmp
}
echos6() {
	ip netns exec "$TA_SRV" awk '$1 == "Icmp6InEchos" { print $2 }' \
	    /proc/net/snmp6
}
gt() { [ "$("$1")" -gt "$2" ]; }
check "the server's kernel counts echo requests" \
	eval 'echos4 | grep -qx "[0-9][0-9]*" && echos6 | grep -qx "[0-9][0-9]*"'

# cases SOCKETS: the six real servers' verdicts, with SOCKETS (raw,
# datagram) sockets.
cases() {
	local e4 e6
	e4=$(echos4)
	e6=$(echos6)
	check "$1: IPv4 echo: the server's kernel answers" wait_for 20 gt echos4 "$((e4 + 1))"
	check "$1: IPv4 echo: UP" \
		wait_for 10 ta_probe_is "PING_CHECK [203.0.113.10]:80" up ok
	check "$1: IPv4 echo: the real server is UP" \
		ta_rs_is "[203.0.113.10]:tcp:80" UP
	check "$1: IPv6 echo: the server's kernel answers" wait_for 20 gt echos6 "$((e6 + 1))"
	check "$1: IPv6 echo: UP" \
		wait_for 10 ta_probe_is "PING_CHECK [2001:db8:10::10]:80" up ok
	check "$1: IPv4, a silent address: DOWN, timeout" \
		wait_for 20 ta_probe_is "PING_CHECK [203.0.113.99]:80" down timeout
	check "$1: IPv4, a silent address: the real server is DOWN" \
		ta_rs_is "[203.0.113.99]:tcp:80" DOWN
	check "$1: IPv6, a silent address: DOWN, timeout" \
		wait_for 20 ta_probe_is "PING_CHECK [2001:db8:10::99]:80" down timeout
	check "$1: IPv4, host unreachable: DOWN, ping" \
		wait_for 20 ta_probe_is "PING_CHECK [203.0.113.98]:80" down ping
	check "$1: IPv4, host unreachable: the detail says why" \
		ta_probe_has "PING_CHECK [203.0.113.98]:80" '"ICMP: No route to host"'
	check "$1: IPv6, no route: DOWN, ping" \
		wait_for 20 ta_probe_is "PING_CHECK [2001:db8:10::98]:80" down ping
}

check "raw sockets: the checker says so" \
	wait_for 20 log_has 'PING_CHECK: ICMP raw sockets'
cases "raw sockets"

# Let every group in: a new checker uses datagram sockets.
ip netns exec "$NS" sysctl -qw net.ipv4.ping_group_range="0 2147483647"
ck=$(pidof_child checkers)
kill -KILL "$ck"
check "the checker is restarted" wait_for 10 log_has "checker child (pid $ck) was killed"
check "datagram sockets: the new checker says so (IPv4)" \
	wait_for 20 log_has 'PING_CHECK: ICMP datagram sockets'
check "datagram sockets: the new checker says so (IPv6)" \
	wait_for 20 log_has 'PING_CHECK: ICMPv6 datagram sockets'
cases "datagram sockets"
done_testing
