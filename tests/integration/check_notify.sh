#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# check_notify.sh: the parent heralds the checker's events: a real server
# that fails and comes back runs notify_down / notify_up, a quorum lost and
# gained runs quorum_down / quorum_up, each without arguments; notify_fifo
# and lvs_notify_fifo get keepalived's LVS lines; with omega, an orderly
# stop runs notify_down for the live servers and quorum_down.
# Topology: one namespace; 192.0.2.10 and 192.0.2.11 on its loopback, a
# TCP listener on port 80 of each (the real servers), a virtual server
# 192.0.2.1:80 over them with TCP_CHECK, weight 1 each and quorum 2, so
# that one failure loses the quorum.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../check_lib.sh"

not() { ! "$@"; }
# The names hold brackets: the log lines are fixed strings.
log_fixed() { grep -qF -- "$1" "$LOG"; }

ns_create
ip -n "$NS" addr add 192.0.2.10/32 dev lo
ip -n "$NS" addr add 192.0.2.11/32 dev lo

# Scripts live in a directory only root may change (mktemp -d: 0700).
S="$WORK/scripts"
mkdir -m 0755 "$S"
EV="$WORK/events"
cat >"$S/rec.sh" <<EOF
#!/bin/sh
echo "\$*" >>"$EV"
EOF
# reader.sh FIFO: copies the FIFO's lines to FIFO's name .out; it reads
# to the end at the stop instead of dying on the SIGTERM.
cat >"$S/reader.sh" <<'EOF'
#!/bin/sh
trap '' TERM
out="${1%.fifo}.out"
echo "arg $1" >"$out"
while read -r l; do echo "$l"; done <"$1" >>"$out"
EOF
chmod 0755 "$S"/*.sh

VS='[192.0.2.1]:tcp:80'
R10='[192.0.2.10]:tcp:80'
R11='[192.0.2.11]:tcp:80'

conf="$WORK/k.conf"
cat >"$conf" <<CONF
child_wait_time 10
global_defs {
    router_id c1
    script_user root
    notify_fifo $WORK/n.fifo
    notify_fifo_script $S/reader.sh
    lvs_notify_fifo $WORK/lvs.fifo
    lvs_notify_fifo_script $S/reader.sh
}
virtual_server 192.0.2.1 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    quorum 2
    omega
    quorum_up "$S/rec.sh quorum-up"
    quorum_down "$S/rec.sh quorum-down"
    real_server 192.0.2.10 80 {
        weight 1
        notify_up "$S/rec.sh rs10-up"
        notify_down "$S/rec.sh rs10-down"
        TCP_CHECK {
            connect_timeout 2
            retry 1
            delay_before_retry 1
        }
    }
    real_server 192.0.2.11 80 {
        weight 1
        notify_up "$S/rec.sh rs11-up"
        notify_down "$S/rec.sh rs11-down"
        TCP_CHECK {
            connect_timeout 2
            retry 1
            delay_before_retry 1
        }
    }
}
CONF

# events_after N: the scripts' lines after the first N, joined by spaces.
events_after() { tail -n +$(($1 + 1)) "$EV" 2>/dev/null | tr '\n' ' '; }
events_are() { [ "$(events_after "$1")" = "$2" ]; }
n_events() { cat "$EV" 2>/dev/null | wc -l; }
# has_events N WORD...: each WORD is a line after the first N (the
# scripts of different objects run concurrently: no order between them).
has_events() {
	local n=$1 w
	shift
	for w in "$@"; do
		tail -n +$((n + 1)) "$EV" 2>/dev/null | grep -qx -- "$w" || return 1
	done
}
# fifo_after OUT N: the FIFO lines (OUT: n or lvs) after the first N.
fifo_after() { grep -v '^arg ' "$WORK/$1.out" 2>/dev/null | tail -n +$(($2 + 1)); }
n_fifo() { grep -vc '^arg ' "$WORK/$1.out" 2>/dev/null; }
fifo_has() { fifo_after "$1" "$2" | grep -qxF -- "$3"; }
# Both FIFOs got LINE after their first N1 / N2 lines.
fifos_have() { fifo_has n "$1" "$3" && fifo_has lvs "$2" "$3"; }

te_listen r10 192.0.2.10 80
te_listen r11 192.0.2.11 80
start_vigild "$conf"
check "the checker probes both real servers" wait_for 20 \
	eval '[ "$(te_conns r10)" -ge 1 ] && [ "$(te_conns r11)" -ge 1 ]'
check "the FIFO scripts got their FIFOs' paths" wait_for 10 eval \
	'grep -qx "arg $WORK/n.fifo" "$WORK/n.out" 2>/dev/null &&
	 grep -qx "arg $WORK/lvs.fifo" "$WORK/lvs.out" 2>/dev/null'
check "the parent runs lvs_notify_fifo (not 'not implemented')" \
	not log_has "lvs_notify_fifo is not implemented"
check "the checker runs notify_up/notify_down (not 'not implemented')" \
	not log_has "real_server.notify_up is not implemented"
# A second probe of each: the start's events, if any, came.
check "the checker probes both again" wait_for 20 \
	eval '[ "$(te_conns r10)" -ge 2 ] && [ "$(te_conns r11)" -ge 2 ]'
e0=$(n_events)
n0=$(n_fifo n)
l0=$(n_fifo lvs)
diag "baseline: $e0 script lines, $n0 and $l0 FIFO lines"

# One real server fails: removed, its notify_down, the quorum lost.
te_unlisten r10
check "the checker removes the failed real server" wait_for 20 \
	log_fixed "Removing service $R10 from VS $VS (refused: connection refused)"
check "the herald logs it DOWN with the result" wait_for 5 log_fixed \
	"herald: Real_Server($R10 of $VS) DOWN (weight 0; refused: connection refused)"
check "the herald logs the quorum lost" wait_for 5 log_fixed \
	"herald: Virtual_Server($VS) quorum DOWN (live weight 1)"
check "notify_down and quorum_down ran, without arguments" wait_for 10 \
	has_events "$e0" rs10-down quorum-down
check "nothing else ran" eval '[ "$(($(n_events) - e0))" -eq 2 ]'
check "notify_fifo and lvs_notify_fifo: the RS line" wait_for 5 \
	fifos_have "$n0" "$l0" "RS $R10 $VS DOWN"
check "notify_fifo and lvs_notify_fifo: the VS line" wait_for 5 \
	fifos_have "$n0" "$l0" "VS $VS DOWN"
check "the RS line comes before the VS line" eval \
	'[ "$(fifo_after lvs "$l0" | tr "\n" "|")" = "RS $R10 $VS DOWN|VS $VS DOWN|" ]'

# It comes back: notify_up, the quorum gained.
e1=$(n_events)
n1=$(n_fifo n)
l1=$(n_fifo lvs)
te_listen r10 192.0.2.10 80
check "the herald logs it UP" wait_for 20 log_fixed \
	"herald: Real_Server($R10 of $VS) UP (weight 1; ok: check passed)"
check "the herald logs the quorum gained" wait_for 5 log_fixed \
	"herald: Virtual_Server($VS) quorum UP (live weight 2)"
check "notify_up and quorum_up ran" wait_for 10 \
	has_events "$e1" rs10-up quorum-up
check "nothing else ran" eval '[ "$(($(n_events) - e1))" -eq 2 ]'
check "both FIFOs: RS UP, then VS UP" wait_for 5 eval \
	'[ "$(fifo_after n "$n1" | tr "\n" "|")" = "RS $R10 $VS UP|VS $VS UP|" ] &&
	 [ "$(fifo_after lvs "$l1" | tr "\n" "|")" = "RS $R10 $VS UP|VS $VS UP|" ]'
check "each script ran once per change" eval \
	'[ "$(events_after "$e0")" = "rs10-down quorum-down rs10-up quorum-up " ] ||
	 [ "$(events_after "$e0")" = "quorum-down rs10-down rs10-up quorum-up " ] ||
	 [ "$(events_after "$e0")" = "rs10-down quorum-down quorum-up rs10-up " ] ||
	 [ "$(events_after "$e0")" = "quorum-down rs10-down quorum-up rs10-up " ]'

# omega: the orderly stop takes the live servers down and the quorum.
e2=$(n_events)
l2=$(n_fifo lvs)
kill -TERM "$VPID"
check "vigild stops" wait_for 30 dead "$VPID"
wait "$VPID" 2>/dev/null
VPID=
check "omega: notify_down of both and quorum_down ran at the stop" \
	has_events "$e2" rs10-down rs11-down quorum-down
check "the herald logged both DOWN" eval \
	'log_fixed "herald: Real_Server($R10 of $VS) DOWN (weight 0)" &&
	 log_fixed "herald: Real_Server($R11 of $VS) DOWN (weight 0)"'
check "lvs_notify_fifo got the stop's lines" eval \
	'fifo_has lvs "$l2" "RS $R10 $VS DOWN" &&
	 fifo_has lvs "$l2" "RS $R11 $VS DOWN" &&
	 fifo_has lvs "$l2" "VS $VS DOWN"'
check "the FIFOs vigild made are gone" \
	eval '[ ! -e "$WORK/n.fifo" ] && [ ! -e "$WORK/lvs.fifo" ]'
check "no script was killed at the stop" \
	not log_has "scripts still running"
done_testing
