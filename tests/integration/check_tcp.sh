#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# check_tcp.sh: TCP_CHECK against real listeners.  A connection that opens
# is up; a refused one, a silent target and an unreachable one are down
# with their own reason; connect_ip / connect_port, bindto / bind_port,
# bind_if and fwmark change where the check goes and where it comes from,
# as the servers see it.
# Topology (tests/check_lib.sh ta_topology, ta_second_link): vigild in $NS,
# the real servers in $TA_SRV behind veth d0, a second path over d1; one
# TCP server (check_srv_tcp.py) logs each connection's source and target.
# Config: one virtual server, one real server per case.
. "$(dirname "$0")/../lib.sh"
. "$TOP_SRCDIR/tests/check_lib.sh"

ta_topology
ta_second_link
# bindto's source address
ip -n "$NS" addr add 192.0.2.5/24 dev d0
# fwmark 66 alone reaches 203.0.113.20: the main table says unreachable
ip -n "$NS" route add unreachable 203.0.113.20/32
ip -n "$NS" route add 203.0.113.20/32 via 192.0.2.2 dev d0 table 100
ip -n "$NS" rule add fwmark 66 lookup 100 pref 100

ta_tcp_srv srv accept 203.0.113.10 80 203.0.113.10 82 203.0.113.11 8080 \
    203.0.113.12 80 203.0.113.20 80 203.0.113.20 84 ||
	{ not_ok "the TCP server starts"; done_testing; exit 1; }

conf="$WORK/k.conf"
cat >"$conf" <<'CONF'
child_wait_time 2
global_defs {
    router_id tcp1
}
virtual_server 192.0.2.100 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    # accepts
    real_server 203.0.113.10 80 {
        TCP_CHECK {
            connect_timeout 2
        }
    }
    # nothing listens: RST
    real_server 203.0.113.10 81 {
        TCP_CHECK {
            connect_timeout 2
        }
    }
    # nobody has the address: the SYNs vanish
    real_server 203.0.113.99 80 {
        TCP_CHECK {
            connect_timeout 1
        }
    }
    # nothing listens at the real server's own address and port
    real_server 203.0.113.30 80 {
        TCP_CHECK {
            connect_ip 203.0.113.11
            connect_port 8080
            connect_timeout 2
        }
    }
    real_server 203.0.113.12 80 {
        TCP_CHECK {
            bindto 192.0.2.5
            bind_port 40123
            connect_timeout 2
        }
    }
    real_server 203.0.113.10 82 {
        TCP_CHECK {
            bind_if d1
            connect_timeout 2
        }
    }
    real_server 203.0.113.10 83 {
        TCP_CHECK {
            bind_if nosuch0
            connect_timeout 2
        }
    }
    real_server 203.0.113.20 80 {
        TCP_CHECK {
            fwmark 66
            connect_timeout 2
        }
    }
    # the same target without the mark
    real_server 203.0.113.20 84 {
        TCP_CHECK {
            connect_timeout 2
        }
    }
}
CONF
check "the configuration is valid" ta_conf_ok "$conf"
start_vigild "$conf"

# from_to LOCAL: connections the server took at LOCAL ("ADDR PORT").
from_to() { grep -c -- " $1\$" "$WORK/srv.log"; }
conns_ge() { [ "$(from_to "$1")" -ge "$2" ]; }
# only_from LOCAL SOURCE: no connection to LOCAL came from elsewhere than
# SOURCE ("ADDR PORT", a regex).
only_from() { ! grep -- " $1\$" "$WORK/srv.log" | grep -vq -- "^$2 $1\$"; }

check "accept: the server sees checks" wait_for 20 conns_ge "203.0.113.10 80" 2
check "accept: the real server is UP" \
	wait_for 10 ta_rs_is "[203.0.113.10]:tcp:80" UP
check "accept: its probe passes" \
	ta_probe_is "TCP_CHECK [203.0.113.10]:80" up ok

check "refused: the real server is DOWN" \
	wait_for 20 ta_rs_is "[203.0.113.10]:tcp:81" DOWN
check "refused: the probe's last result is refused" \
	ta_probe_is "TCP_CHECK [203.0.113.10]:81" down refused
check "refused: the log says why it was removed" \
	wait_for 10 log_has 'Removing service \[203.0.113.10\]:tcp:81 from VS \[192.0.2.100\]:tcp:80 (refused: connection refused'

check "silent target: the real server is DOWN" \
	wait_for 20 ta_rs_is "[203.0.113.99]:tcp:80" DOWN
check "silent target: the probe timed out" \
	ta_probe_is "TCP_CHECK [203.0.113.99]:80" down timeout
check "silent target: the attempt lasted connect_timeout (1 s)" \
	ta_probe_has "TCP_CHECK [203.0.113.99]:80" ' latency_us [1-9][0-9]{6} '
# sockets: the checker's open descriptors.  A cancelled attempt (the
# frame's deadline) closes its socket: they do not pile up.
sockets() { find "/proc/$(pidof_child checkers)/fd" -lname 'socket:*' | wc -l; }
s0=$(sockets)
sleep 8
s1=$(sockets)
check "silent target: timed-out attempts leave no socket behind ($s0, then $s1)" \
	test "$s1" -le "$((s0 + 2))"

check "connect_ip/connect_port: the server at 203.0.113.11:8080 sees checks" \
	wait_for 20 conns_ge "203.0.113.11 8080" 2
check "connect_ip/connect_port: the real server 203.0.113.30 is UP" \
	ta_rs_is "[203.0.113.30]:tcp:80" UP
check "connect_ip/connect_port: the probe is labelled with its target" \
	ta_probe_is "TCP_CHECK [203.0.113.11]:8080" up ok

check "bindto/bind_port: the server sees checks" \
	wait_for 20 conns_ge "203.0.113.12 80" 3
check "bindto/bind_port: every one from 192.0.2.5 port 40123" \
	only_from "203.0.113.12 80" '192.0.2.5 40123'
check "bindto/bind_port: the same four-tuple again and again: still UP" \
	ta_probe_is "TCP_CHECK [203.0.113.12]:80" up ok

check "bind_if d1: the server sees checks" \
	wait_for 20 conns_ge "203.0.113.10 82" 2
check "bind_if d1: they come from d1's address, not d0's" \
	only_from "203.0.113.10 82" '198.51.100.1 [0-9]*'
check "bind_if d1: UP" ta_probe_is "TCP_CHECK [203.0.113.10]:82" up ok
check "bind_if to a missing device: DOWN, a local socket error" \
	wait_for 20 ta_probe_is "TCP_CHECK [203.0.113.10]:83" down socket
check "bind_if to a missing device: the detail names it" \
	ta_probe_has "TCP_CHECK [203.0.113.10]:83" '"bind_if nosuch0: No such device"'

check "fwmark 66: the server sees checks (only marked packets get there)" \
	wait_for 20 conns_ge "203.0.113.20 80" 2
check "fwmark 66: UP" ta_probe_is "TCP_CHECK [203.0.113.20]:80" up ok
check "no fwmark, same target: DOWN, unreachable" \
	wait_for 20 ta_probe_is "TCP_CHECK [203.0.113.20]:84" down unreachable
check "no fwmark: the server never saw it" test "$(from_to "203.0.113.20 84")" = 0

# A server that goes away is removed, and added back when it returns.
ta_stop srv
check "the accepting server stops: removed as refused" \
	wait_for 20 log_has 'Removing service \[203.0.113.10\]:tcp:80 from VS \[192.0.2.100\]:tcp:80 (refused: connection refused'
ta_tcp_srv srv accept 203.0.113.10 80 203.0.113.10 82 203.0.113.11 8080 \
    203.0.113.12 80 203.0.113.20 80 203.0.113.20 84
check "it comes back: added again" \
	wait_for 20 log_has 'Adding service \[203.0.113.10\]:tcp:80 to VS \[192.0.2.100\]:tcp:80'
done_testing
