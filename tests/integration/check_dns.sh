#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# check_dns.sh: DNS_CHECK asks a real DNS server (dnsmasq) through c-ares.
# As in keepalived, a reply with rcode NOERROR is up, whatever it holds;
# NXDOMAIN, REFUSED and a silent or stopped server are down, with the
# rcode or the reason in the probe's last result.  Types A, AAAA, MX, TXT
# and SOA are asked as configured (the server logs each query).
# Topology (tests/check_lib.sh ta_topology): vigild in $NS, dnsmasq in
# $TA_SRV at 203.0.113.10 (authoritative for example.test) and at
# 203.0.113.11 (stopped during the test); 203.0.113.99 answers nothing.
# Config: one UDP virtual server; one real server per case, whose
# DNS_CHECK connects to the servers above.
. "$(dirname "$0")/../lib.sh"
. "$TOP_SRCDIR/tests/check_lib.sh"

ta_topology
ta_second_link
# bindto's source address
ip -n "$NS" addr add 192.0.2.5/24 dev d0
# shellcheck disable=SC2054 # dnsmasq's own commas
zone=(--host-record=www.example.test,203.0.113.50,2001:db8::50
    --host-record=ns.example.test,203.0.113.10
    --txt-record=txt.example.test,hello
    --mx-host=example.test,mail.example.test,10
    --auth-zone=example.test --auth-server=ns.example.test,203.0.113.10)
tc_dnsmasq dns 203.0.113.10 "${zone[@]}" ||
	{ not_ok "dnsmasq starts"; done_testing; exit 1; }
tc_dnsmasq dns2 203.0.113.11 --host-record=www.example.test,203.0.113.50 ||
	{ not_ok "the second dnsmasq starts"; done_testing; exit 1; }

conf="$WORK/k.conf"
rs() { # RS_ADDR SERVER TYPE NAME [TIMEOUT [SOURCE OPTIONS]]
	cat <<RS
    real_server $1 53 {
        weight 1
        DNS_CHECK {
            connect_ip $2
            connect_port 53
            connect_timeout ${5:-2}
            retry 0
            ${3:+type $3}
            ${4:+name $4}
            ${6:-}
        }
    }
RS
}
{
	cat <<'CONF'
child_wait_time 2
global_defs {
    router_id dns1
}
virtual_server 192.0.2.100 53 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol UDP
CONF
	rs 198.51.100.10 203.0.113.10 A www.example.test
	rs 198.51.100.11 203.0.113.10 AAAA www.example.test
	rs 198.51.100.12 203.0.113.10 MX example.test
	rs 198.51.100.13 203.0.113.10 TXT txt.example.test
	rs 198.51.100.14 203.0.113.10 SOA example.test
	rs 198.51.100.15 203.0.113.10 A nosuch.example.test
	# the defaults: SOA of "." (dnsmasq has no upstream: REFUSED)
	rs 198.51.100.16 203.0.113.10 "" ""
	rs 198.51.100.17 203.0.113.11 A www.example.test
	rs 198.51.100.18 203.0.113.99 A www.example.test 1
	# source options: by d1 (the route that loses), from 192.0.2.5
	rs 198.51.100.19 203.0.113.10 A ns.example.test 2 "bind_if d1"
	rs 198.51.100.20 203.0.113.10 TXT www.example.test 2 \
	    "bindto 192.0.2.5
            bind_port 40053"
	echo "}"
} >"$conf"
check "the configuration is valid" ta_conf_ok "$conf"
start_vigild "$conf"

for c in "10 A www.example.test" "11 AAAA www.example.test" \
    "12 MX example.test" "13 TXT txt.example.test" "14 SOA example.test"; do
	read -r o type name <<<"$c"
	check "type $type: the server is asked for $name $type" \
	    wait_for 20 tc_queries_ge dns "$type" "$name" 2
	check "type $type: the real server is UP" \
	    wait_for 10 ta_rs_is "[198.51.100.$o]:udp:53" UP
done
check "the checks pass with NOERROR" \
	ta_probe_is "DNS_CHECK [203.0.113.10]:53" up ok

check "a name without records: the server is asked" \
	wait_for 20 tc_queries_ge dns A nosuch.example.test 1
check "a name without records: the real server is DOWN" \
	wait_for 10 ta_rs_is "[198.51.100.15]:udp:53" DOWN
check "a name without records: NXDOMAIN in the log" \
	log_has 'Removing service \[198.51.100.15\]:udp:53 from VS \[192.0.2.100\]:udp:53 (dns: .*rcode 3 (NXDOMAIN)'

check "the defaults: the server is asked for the SOA of ." \
	wait_for 20 tc_queries_ge dns SOA . 1
check "the defaults: REFUSED is DOWN" \
	wait_for 10 log_has 'Removing service \[198.51.100.16\]:udp:53 .*rcode 5 (REFUSED)'

check "a silent server: the real server is DOWN" \
	wait_for 20 ta_rs_is "[198.51.100.18]:udp:53" DOWN
check "a silent server: the probe timed out" \
	ta_probe_is "DNS_CHECK [203.0.113.99]:53" down timeout

check "before its server stops: the real server is UP" \
	wait_for 20 ta_rs_is "[198.51.100.17]:udp:53" UP
n=$(tc_queries dns2 A www.example.test)
check "the second server answers the checks" test "$n" -ge 1
ta_stop dns2
check "a stopped server: the real server goes DOWN" \
	wait_for 20 ta_rs_is "[198.51.100.17]:udp:53" DOWN
check "a stopped server: the probe is down" \
	ta_probe_is "DNS_CHECK [203.0.113.11]:53" down '\(timeout\|dns\|refused\)'

check "bind_if d1: the query comes from d1's address" \
	wait_for 20 grep -qE '(query|auth)\[A\] ns.example.test from 198.51.100.1$' \
	"$WORK/dns.log"
check "bind_if d1: the real server is UP" \
	wait_for 10 ta_rs_is "[198.51.100.19]:udp:53" UP
check "bindto: the query comes from 192.0.2.5" \
	wait_for 20 grep -qE '(query|auth)\[TXT\] www.example.test from 192.0.2.5$' \
	"$WORK/dns.log"
# keepalived's rule: NOERROR is up, even with no record of the type
check "bindto: NOERROR without a TXT record is UP" \
	wait_for 10 ta_rs_is "[198.51.100.20]:udp:53" UP

check "vigild still runs" alive "$VPID"
done_testing
