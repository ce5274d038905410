#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# check_smtp.sh: SMTP_CHECK against real SMTP servers.  A server that greets
# with 220 and answers HELO with 250 is up, also when its replies span
# lines; a 554 greeting, a 550 to HELO, a reset, a silent close and a
# server that never greets are down with their reason; the server sees helo_name, else global_defs'
# smtp_helo_name, else the host's name.
# Topology (tests/check_lib.sh ta_topology): vigild in $NS, the servers in
# $TA_SRV: Debian's aiosmtpd (a real SMTP server) and a small responder
# that misbehaves on purpose (tests/check_srv_smtp.py), one port each.
# Config: one virtual server, one real server per case.
. "$(dirname "$0")/../lib.sh"
. "$TOP_SRCDIR/tests/check_lib.sh"

ta_topology
started=1
ta_smtp_srv helo aiosmtpd 203.0.113.10 25 || started=0
ta_smtp_srv dflt aiosmtpd 203.0.113.10 26 || started=0
ta_smtp_srv multi multiline 203.0.113.10 27 || started=0
ta_smtp_srv b554 banner554 203.0.113.10 28 || started=0
ta_smtp_srv h550 helo550 203.0.113.10 29 || started=0
ta_smtp_srv rst reset 203.0.113.10 30 || started=0
ta_smtp_srv cls close 203.0.113.10 31 || started=0
ta_smtp_srv mute mute 203.0.113.10 32 || started=0
check "the SMTP servers start" test "$started" = 1

# write_conf FILE GLOBAL_HELO: the configuration; GLOBAL_HELO, when not
# empty, is global_defs' smtp_helo_name.
write_smtp_conf() {
	{
		cat <<CONF
child_wait_time 2
global_defs {
    router_id smtp1
CONF
		[ -n "$2" ] && echo "    smtp_helo_name $2"
		cat <<'CONF'
}
virtual_server 192.0.2.100 25 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 203.0.113.10 25 {
        SMTP_CHECK {
            connect_timeout 3
            helo_name checker.example
        }
    }
CONF
		for port in 26 27 28 29 30 31 32; do
			to=3
			[ "$port" = 32 ] && to=1
			cat <<CONF
    real_server 203.0.113.10 $port {
        SMTP_CHECK {
            connect_timeout $to
        }
    }
CONF
		done
		echo "}"
	} >"$1"
}
conf="$WORK/k.conf"
write_smtp_conf "$conf" global.example
check "the configuration is valid" ta_conf_ok "$conf"
start_vigild "$conf"

probe_is() { ta_probe_is "SMTP_CHECK [203.0.113.10]:$1" "$2" "$3"; }

check "aiosmtpd: the dialogue reaches QUIT" wait_for 20 ta_lines_ge helo 2 '^QUIT$'
check "aiosmtpd: UP" wait_for 10 ta_rs_is "[203.0.113.10]:tcp:25" UP
check "aiosmtpd: the probe passes" probe_is 25 up ok
# all_helo KEY NAME: server KEY was greeted, always with NAME.
all_helo() {
	[ "$(ta_lines "$1" "^HELO $2\$")" -ge 1 ] &&
		! grep '^HELO ' "$WORK/$1.log" | grep -vqx "HELO $2"
}
check "helo_name: the server is greeted with it, always" \
	all_helo helo checker.example
check "no helo_name: global_defs' smtp_helo_name" \
	wait_for 20 ta_lines_ge dflt 1 '^HELO global.example$'
check "no helo_name: UP" probe_is 26 up ok

check "multi-line replies: the dialogue reaches QUIT" \
	wait_for 20 ta_lines_ge multi 2 '^QUIT$'
check "multi-line replies: UP" wait_for 10 probe_is 27 up ok

check "a 554 greeting: DOWN" wait_for 20 ta_rs_is "[203.0.113.10]:tcp:28" DOWN
check "a 554 greeting: the probe says smtp and quotes the reply" \
	ta_probe_has "SMTP_CHECK [203.0.113.10]:28" ' down last smtp "banner: 554 no service here" '
check "a 554 greeting: no HELO was sent" test "$(ta_lines b554 '^HELO')" = 0
check "a 554 greeting: the log gives the reply" \
	wait_for 10 log_has 'Removing service \[203.0.113.10\]:tcp:28 .*(smtp: unexpected SMTP reply, banner: 554 no service here)'

check "a 550 to HELO: DOWN, smtp" wait_for 20 probe_is 29 down smtp
check "a 550 to HELO: the detail quotes it" \
	ta_probe_has "SMTP_CHECK [203.0.113.10]:29" '"HELO: 550 not you"'

check "a reset: DOWN, reset" wait_for 20 probe_is 30 down reset
check "a close without a greeting: DOWN, reset" wait_for 20 probe_is 31 down reset
check "a close without a greeting: the detail says when" \
	ta_probe_has "SMTP_CHECK [203.0.113.10]:31" '"closed before the banner reply"'
check "no greeting at all: DOWN, timeout" wait_for 20 probe_is 32 down timeout
check "no greeting at all: the server saw the checks" ta_lines_ge mute 2 '^connect '
# sockets: the checker's open descriptors.  A cancelled attempt (the
# frame's deadline) closes its socket: they do not pile up.
sockets() { find "/proc/$(pidof_child checkers)/fd" -lname 'socket:*' | wc -l; }
s0=$(sockets)
sleep 8
s1=$(sockets)
check "timed-out attempts leave no socket behind ($s0, then $s1)" \
	test "$s1" -le "$((s0 + 2))"

# Without smtp_helo_name, the host's name; a reload is enough: the probe
# reads the configuration at each attempt.
write_smtp_conf "$conf" ""
kill -HUP "$VPID"
helo_host() {
	[ "$(ta_lines dflt "^HELO $(ta_re "$(hostname)")\$")" -ge 1 ]
}
check "after a reload without smtp_helo_name: the host's name" \
	wait_for 20 helo_host
check "after the reload: still UP" probe_is 26 up ok
done_testing
