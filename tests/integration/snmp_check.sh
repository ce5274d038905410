#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# snmp_check.sh: KEEPALIVED-MIB's check part (.1.3.6.1.4.1.9586.100.5.3)
# served by vigild's SNMP agent through a real snmpd (AgentX), against the
# configuration and the real servers' health: the group, virtual server
# and real server tables match the file; a real server turned off then on
# changes its status and weight, its virtual server's real servers up and
# quorum status, and sends realServerStateChange once each way and
# virtualServerQuorumStateChange once each way, with keepalived's
# varbinds; a reload that adds a real server adds its row.
# No keepalived reference here: keepalived 2.2.7 with virtual servers
# exits when the kernel has no IPVS (this host's), so the check part's
# OIDs, indexes and varbinds follow its source (check_snmp.c) instead.
# Topology: one namespace; 192.0.2.10, .11, .12 and .13 on its loopback,
# TCP listeners on port 80 of .10, .11 and .13 (the real servers).
# Virtual server 1: 192.0.2.1:80, rr/NAT, quorum 4 hysteresis 1 (lost
# below 3, met from 5), real servers .10
# (weight 3) and .11 (weight 2) with TCP_CHECK; virtual server 2: group
# G1 (fwmark 7 and 192.0.2.50:80), wrr/DR, real server .12 without a
# check (always up).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../check_lib.sh"
. "$(dirname "$0")/../snmp_lib.sh"

C=$KMIB_CHECK
VS=$C.3.1 # virtualServerEntry
RS=$C.4.1 # realServerEntry
T_RS=$C.5.0.1
T_QUORUM=$C.5.0.2
H10=$(hex_ip4 192.0.2.10)

ns_create
for a in 10 11 12 13; do
	ip -n "$NS" addr add "192.0.2.$a/32" dev lo
done
check "snmpd and snmptrapd run" snmp_start

tcp_check() {
	cat <<CONF
        TCP_CHECK {
            connect_timeout 2
            retry 1
            delay_before_retry 1
        }
CONF
}
# write_conf GEN: generation 2 adds real server 192.0.2.13 to VS 1.
write_conf() {
	cat >"$WORK/k.conf" <<CONF
global_defs {
    router_id snmp_check
    snmp_socket $SNMP_SOCK
    enable_snmp_checker
    enable_traps
    script_user root
}
virtual_server_group G1 {
    192.0.2.50 80
    fwmark 7
}
virtual_server 192.0.2.1 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    quorum 4
    hysteresis 1
    real_server 192.0.2.10 80 {
        weight 3
$(tcp_check)
    }
    real_server 192.0.2.11 80 {
        weight 2
$(tcp_check)
    }
CONF
	if [ "$1" = 2 ]; then
		cat >>"$WORK/k.conf" <<CONF
    real_server 192.0.2.13 80 {
        weight 4
$(tcp_check)
    }
CONF
	fi
	cat >>"$WORK/k.conf" <<CONF
}
virtual_server group G1 {
    delay_loop 5
    lb_algo wrr
    lb_kind DR
    protocol TCP
    real_server 192.0.2.12 80 {
        weight 1
    }
}
CONF
}
is() {
	[ "$(snmp_get "$1")" = "$2" ] ||
		{ diag "$1: '$(snmp_get "$1")', not '$2'"; return 1; }
}
val() { snmp_value "$WORK/walk" "$1"; }
# rs_traps STATUS [ADDRESS_HEX]: realServerStateChange traps with that
# status (alive 1, dead 2) of that real server (.10 by default).
rs_traps() {
	traps_count $T_RS "$RS\.4 = Hex-STRING: ${2:-C0 00 02 0A} |.*$RS\.6 = INTEGER: $1|"
}
rs_traps_is() { [ "$(rs_traps "$1")" = "$2" ]; }
q_traps() { traps_count $T_QUORUM "$VS\.23 = INTEGER: $1|"; }
q_traps_is() { [ "$(q_traps "$1")" = "$2" ]; }

te_listen r10 192.0.2.10 80
te_listen r11 192.0.2.11 80
te_listen r13 192.0.2.13 80
write_conf 1
start_vigild "$WORK/k.conf"
check "the agent serves the check part" wait_for 20 snmp_agent_serves $C.3
check "it logged what it serves" wait_for 5 log_has \
	"SNMP: KEEPALIVED-MIB check part serves 2 virtual servers, 3 real servers, 1 group"
check "both checked real servers are alive" wait_for 20 is $VS.21.1 2
check "and the quorum is met" wait_for 10 is $VS.23.1 1

snmp_walk $C >"$WORK/walk"
diag "$(wc -l <"$WORK/walk") lines in the check part"
# virtualServerGroupTable and its members: fwmarks first, then addresses.
check "virtualServerGroupName.1 G1" [ "$(val $C.1.1.2.1)" = '"G1"' ]
check "member 1.1: fwmark 7" eval \
	'[ "$(val $C.2.1.2.1.1)" = 1 ] && [ "$(val $C.2.1.3.1.1)" = 7 ]'
check "member 1.2: ip 192.0.2.50 port 80" eval \
	'[ "$(val $C.2.1.2.1.2)" = 2 ] &&
	 [ "$(val $C.2.1.5.1.2)" = "$(hex_ip4 192.0.2.50)" ] &&
	 [ "$(val $C.2.1.8.1.2)" = 80 ]'
# virtualServerTable
check "VS 1: type ip, address 192.0.2.1, port 80, tcp" eval \
	'[ "$(val $VS.2.1)" = 2 ] && [ "$(val $VS.5.1)" = 1 ] &&
	 [ "$(val $VS.6.1)" = "$(hex_ip4 192.0.2.1)" ] &&
	 [ "$(val $VS.7.1)" = 80 ] && [ "$(val $VS.8.1)" = 1 ]'
check "VS 1: rr, nat, delay_loop 1" eval \
	'[ "$(val $VS.9.1)" = 1 ] && [ "$(val $VS.10.1)" = 1 ] &&
	 [ "$(val $VS.16.1)" = 1 ]'
check "VS 1: 2 real servers, quorum 4, hysteresis 1" eval \
	'[ "$(val $VS.20.1)" = 2 ] && [ "$(val $VS.22.1)" = 4 ] &&
	 [ "$(val $VS.26.1)" = 1 ]'
check "VS 2: type group, of G1, wrr, dr, delay_loop 5" eval \
	'[ "$(val $VS.2.2)" = 3 ] && [ "$(val $VS.3.2)" = "\"G1\"" ] &&
	 [ "$(val $VS.9.2)" = 2 ] && [ "$(val $VS.10.2)" = 2 ] &&
	 [ "$(val $VS.16.2)" = 5 ]'
check "VS 2: no address of its own" [ -z "$(val $VS.6.2)" ]
check "no VS 3" [ -z "$(grep "^$VS\.2\.3 " "$WORK/walk")" ]
# realServerTable: (virtual server, real server in file order)
check "RS 1.1: regular, 192.0.2.10:80, alive, weight 3" eval \
	'[ "$(val $RS.2.1.1)" = 1 ] && [ "$(val $RS.3.1.1)" = 1 ] &&
	 [ "$(val $RS.4.1.1)" = "$H10" ] && [ "$(val $RS.5.1.1)" = 80 ] &&
	 [ "$(val $RS.6.1.1)" = 1 ] && [ "$(val $RS.7.1.1)" = 3 ]'
check "RS 1.2: 192.0.2.11, weight 2" eval \
	'[ "$(val $RS.4.1.2)" = "$(hex_ip4 192.0.2.11)" ] &&
	 [ "$(val $RS.7.1.2)" = 2 ]'
check "RS 2.1: 192.0.2.12 of VS 2, alive (no check)" eval \
	'[ "$(val $RS.4.2.1)" = "$(hex_ip4 192.0.2.12)" ] &&
	 [ "$(val $RS.6.2.1)" = 1 ]'
check "RS 1.1's forwarding method is its VS's (nat)" [ "$(val $RS.40.1.1)" = 1 ]
check "no RS 1.3 before the reload" [ -z "$(val $RS.2.1.3)" ]
check "a bulk walk gives the same rows" eval \
	'[ "$(snmp_bulkwalk $C | wc -l)" = "$(wc -l <"$WORK/walk")" ]'
check "no realServerStateChange of .10 yet" eval '[ "$(rs_traps 2)" = 0 ]'

# .10 goes off: dead, weight 0, one server up, quorum lost (live weight
# 2 < 4 - 1).
te_unlisten r10
check "RS 1.1 dead" wait_for 20 is $RS.6.1.1 2
check "RS 1.1 weight 0" is $RS.7.1.1 0
check "VS 1: 1 real server up" is $VS.21.1 1
check "VS 1: quorum not met" wait_for 5 is $VS.23.1 2
check "realServerStateChange (dead) of .10" wait_for 10 rs_traps_is 2 1
check "virtualServerQuorumStateChange (notMet)" wait_for 10 q_traps_is 2 1
t=$(traps_of $T_RS | tail -1)
check "its varbinds: address type, address, port" eval \
	'[ "$(trap_var "$t" $RS.3)" = 1 ] &&
	 [ "$(trap_var "$t" $RS.4)" = "Hex-STRING: C0 00 02 0A " ] &&
	 [ "$(trap_var "$t" $RS.5)" = 80 ]'
check "and the VS's type, address, port, protocol" eval \
	'[ "$(trap_var "$t" $VS.2)" = 2 ] && [ "$(trap_var "$t" $VS.5)" = 1 ] &&
	 [ "$(trap_var "$t" $VS.6)" = "Hex-STRING: C0 00 02 01 " ] &&
	 [ "$(trap_var "$t" $VS.7)" = 80 ] && [ "$(trap_var "$t" $VS.8)" = 1 ]'
check "and real servers up 1 of total 2, routerId" eval \
	'[ "$(trap_var "$t" $VS.21)" = 1 ] && [ "$(trap_var "$t" $VS.20)" = 2 ] &&
	 [ "$(trap_var "$t" $KMIB_GLOBAL.2.0)" = snmp_check ]'
check "in keepalived's order" eval '[ "$(echo "$t" | tr "|" "\n" |
	sed -n "3,\$s/ = .*//p" | sed "s/^$KMIB\.//" | tr "\n" " ")" = \
	"3.4.1.3 3.4.1.4 3.4.1.5 3.4.1.6 3.3.1.2 3.3.1.5 3.3.1.6 3.3.1.7 3.3.1.8 3.3.1.21 3.3.1.20 1.2.0 " ]'
t=$(traps_of $T_QUORUM | tail -1)
check "quorum trap: status, quorum 4, up 1, total 2, routerId" eval \
	'[ "$(trap_var "$t" $VS.23)" = 2 ] && [ "$(trap_var "$t" $VS.22)" = 4 ] &&
	 [ "$(trap_var "$t" $VS.21)" = 1 ] && [ "$(trap_var "$t" $VS.20)" = 2 ] &&
	 [ "$(trap_var "$t" $KMIB_GLOBAL.2.0)" = snmp_check ]'
check "no trap of .11 (still alive)" eval \
	'[ "$(traps_count $T_RS "C0 00 02 0B")" = 0 ]'

# .10 comes back: live weight 5 >= 4 + 1.
te_listen r10 192.0.2.10 80
check "RS 1.1 alive again" wait_for 20 is $RS.6.1.1 1
check "RS 1.1 weight 3 again" is $RS.7.1.1 3
check "VS 1: 2 real servers up" is $VS.21.1 2
check "VS 1: quorum met again" wait_for 5 is $VS.23.1 1
check "realServerStateChange (alive) of .10" wait_for 10 rs_traps_is 1 1
check "virtualServerQuorumStateChange (met)" wait_for 10 q_traps_is 1 1
sleep 3 # more checks pass: no more traps
check "one realServerStateChange each way" eval \
	'[ "$(rs_traps 1)" = 1 ] && [ "$(rs_traps 2)" = 1 ] &&
	 [ "$(traps_count $T_RS)" = 2 ]'
check "one virtualServerQuorumStateChange each way" eval \
	'[ "$(q_traps 1)" = 1 ] && [ "$(q_traps 2)" = 1 ] &&
	 [ "$(traps_count $T_QUORUM)" = 2 ]'

# A reload adds .13 to VS 1: its row comes, the others stay.
write_conf 2
n=$(log_count "reload complete: configuration generation")
kill -HUP "$VPID"
check "the reload completes" wait_for 20 log_count_ge \
	"reload complete: configuration generation" $((n + 1))
check "RS 1.3 is 192.0.2.13" wait_for 10 is $RS.4.1.3 "$(hex_ip4 192.0.2.13)"
check "VS 1: 3 real servers" wait_for 10 is $VS.20.1 3
check "RS 1.3 alive with weight 4" wait_for 20 eval \
	'is $RS.6.1.3 1 && is $RS.7.1.3 4'
check "VS 1: 3 up" wait_for 10 is $VS.21.1 3
check "RS 1.1 still alive, weight 3" eval 'is $RS.6.1.1 1 && is $RS.7.1.1 3'
check "RS 2.1 still .12" is $RS.4.2.1 "$(hex_ip4 192.0.2.12)"
check "the reload sent no realServerStateChange of .10" \
	eval '[ "$(rs_traps 1)" = 1 ] && [ "$(rs_traps 2)" = 1 ]'
done_testing
