#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# check_reload.sh: SIGHUP keeps what did not change: an unchanged real
# server keeps its health and counters, a timing change keeps the verdict,
# a changed check restarts but keeps the verdict until it decides, added
# and removed servers change alone; a killed checker starts again from the
# IPVS child's table; a checker of 10,000 real servers stops fast.
# Topology: ta_topology (check_lib.sh): vigild in $NS, the real servers in
# $TA_SRV on 203.0.113.40-49 of its lo, one listener process per server
# (tf_farm); a sniffer on s0 counts every SYN, answered or refused.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../check_lib.sh"

ta_topology
for a in $(seq 40 49); do
	ip -n "$TA_SRV" addr add "203.0.113.$a/32" dev lo
done
check "the SYN counter runs" tf_sniff syn

V="[192.0.2.121]:tcp:80"
r() { echo "[203.0.113.$1]:tcp:80"; }
has() { log_has "$(ta_re "$1")"; }
count() { log_count "$(ta_re "$1")"; }
count_is() { log_count_is "$(ta_re "$1")" "$2"; }
# stats_changes: the differences the IPVS child's desired table took.
stats_changes() {
	rm -f "$VIGIL_STATS_FILE"
	kill -USR2 "$VPID"
	wait_for 5 grep -q "changes" "$VIGIL_STATS_FILE" || return 1
	sed -n 's/.*resyncs [0-9]*, changes \([0-9]*\).*/\1/p' \
	    "$VIGIL_STATS_FILE" | head -1
}
# attempts RS: the attempts of RS's probe in the last dump.
attempts() {
	awk -v rs="  RS $1 " 'index($0, rs) == 1 { f = 1; next }
	    f { sub(/.* attempts /, ""); sub(/ .*/, ""); print; exit }' \
	    "$VIGIL_DATA_FILE"
}
reload() {
	local n
	n=$(log_count "reload complete: configuration generation")
	kill -HUP "$VPID"
	wait_for 15 log_count_ge "reload complete: configuration generation" \
	    $((n + 1))
}

# 40 U: up, unchanged.  41 D: down, unchanged.  42 T: up, delay_loop
# 1 -> 2.  43 T2: down, retry 1 -> 3.  44 C1: down, connect_port 80 ->
# 8080 (which listens).  45 C2: up, connect_port 80 -> 8081 (which
# refuses), retry 2, delay_before_retry 0.5.  46 A: added.  47 R: removed.
# 48 AL: up, with alpha.
for a in 40 42 45 46 47 48; do
	tf_farm "s$a" "203.0.113.$a" 80 || not_ok "listener 203.0.113.$a"
done
tf_farm s44b 203.0.113.44 8080 || not_ok "listener 203.0.113.44:8080"

conf="$WORK/k.conf"
# write_conf GEN: generation 1, 2 (timing, added, removed) or 3 (checks).
write_gen() {
	local dl42=1 retry43=1 port44=80 port45=80 new="" old=""
	[ "$1" -ge 2 ] && { dl42=2; retry43=3; }
	[ "$1" -ge 3 ] && { port44=8080; port45=8081; }
	if [ "$1" -ge 2 ]; then
		new="real_server 203.0.113.46 80 { TCP_CHECK { connect_timeout 1 } }"
	else
		old="real_server 203.0.113.47 80 { TCP_CHECK { connect_timeout 1 } }"
	fi
	cat >"$conf" <<CONF
child_wait_time 2
global_defs {
    router_id reload
}
virtual_server 192.0.2.121 80 {
    delay_loop 1
    protocol TCP
    real_server 203.0.113.40 80 { TCP_CHECK { connect_timeout 1 } }
    real_server 203.0.113.41 80 { TCP_CHECK { connect_timeout 1 } }
    real_server 203.0.113.42 80 {
        delay_loop $dl42
        TCP_CHECK { connect_timeout 1 }
    }
    real_server 203.0.113.43 80 {
        TCP_CHECK { connect_timeout 1
            retry $retry43 }
    }
    real_server 203.0.113.44 80 {
        TCP_CHECK { connect_timeout 1
            connect_port $port44 }
    }
    real_server 203.0.113.45 80 {
        TCP_CHECK { connect_timeout 1
            connect_port $port45
            retry 2
            delay_before_retry 0.5 }
    }
    real_server 203.0.113.48 80 {
        alpha
        TCP_CHECK { connect_timeout 1 }
    }
    $new
    $old
}
CONF
}

write_gen 1
check "generation 1 is valid" ta_conf_ok "$conf"
start_vigild "$conf"
check "the down servers are removed" wait_for 15 eval \
	'has "Removing service $(r 41)" && has "Removing service $(r 43)" &&
	 has "Removing service $(r 44)"'
check "the alpha server is added" wait_for 10 has "Adding service $(r 48)"
ta_dump
cp "$VIGIL_DATA_FILE" "$WORK/before.data"
a40=$(attempts "$(r 40)")
a41=$(attempts "$(r 41)")
lines0=$(grep -c "service \[" "$LOG")
c0=$(stats_changes)
diag "before the reload: U attempts $a40, D attempts $a41, IPVS changes $c0"

# ---- reload 1: timing changes, an added and a removed server ----------------
write_gen 2
check "generation 2 is valid" ta_conf_ok "$conf"
t_reload=$(tf_now)
check "reload 1 completes" reload
check "  the checker counts 5 unchanged, 2 changed, 1 new, 1 removed" \
	has "reload: real servers 5 unchanged, 2 changed, 1 new, 1 removed"
check "no server line after the reload (3 s)" \
	always 3 eval '[ "$(grep -c "service \[" "$LOG")" = "$lines0" ]'
ta_dump
check "U keeps its counters (attempts $a40 -> $(attempts "$(r 40)"))" \
	test "$(attempts "$(r 40)")" -gt "$a40"
check "  and its health" tf_rs_has "$V" "$(r 40)" "^UP weight 1/1 in-table transitions 0$"
check "D stays down, counters kept ($a41 -> $(attempts "$(r 41)"))" \
	test "$(attempts "$(r 41)")" -gt "$a41"
check "  DOWN, transitions 1" \
	tf_rs_has "$V" "$(r 41)" "^DOWN weight 0/1 absent transitions 1$"
check "T (delay_loop 2) keeps UP" tf_rs_has "$V" "$(r 42)" "^UP .* transitions 0$"
check "  its check continues" \
	wait_for 10 tf_syns_ge syn 203.0.113.42 80 2 "$t_reload"
check "T2 (retry 3) keeps DOWN" \
	tf_rs_has "$V" "$(r 43)" "^DOWN .* transitions 1$"
check "  its check continues" \
	wait_for 10 tf_syns_ge syn 203.0.113.43 80 2 "$t_reload"
check "the added server is checked" \
	wait_for 10 tf_syns_ge syn 203.0.113.46 80 1 "$t_reload"
check "  UP in the desired table" tf_desired_is "$V" "$(r 46)" "weight 1"
check "the removed one is not" \
	eval '[ "$(tf_syns syn 203.0.113.47 80 \
	    "$(awk -v t="$t_reload" '\''BEGIN { printf "%.6f", t + 1.5 }'\'')")" = 0 ]'
check "  nor in the desired table" eval '[ -z "$(tf_desired "$V" "$(r 47)")" ]'
for a in 40 41 42 43 44 45 48; do
	check "  $(r $a): the same desired entry" eval \
	    '[ "$(tf_desired "$V" "$(r $a)")" = \
	       "$(VIGIL_DATA_FILE=$WORK/before.data tf_desired "$V" "$(r $a)")" ]'
done
c1=$(stats_changes)
check "the IPVS child's table took 2 changes, the added and removed ($c0 -> $c1)" \
	test "$((c1 - c0))" -eq 2

# ---- reload 2: changed checks ----------------------------------------------
write_gen 3
t_reload=$(tf_now)
check "reload 2 completes" reload
check "  the checker counts 2 changed" \
	has "reload: real servers 6 unchanged, 2 changed, 0 new, 0 removed"
check "C1, down, with a passing new check: comes up" wait_for 10 \
	has "Adding service $(r 44)"
t_up=$(tf_log_epoch "$(ta_re "Adding service $(r 44)")")
n=$(tf_syns syn 203.0.113.44 8080 "$t_reload")
# The log's times are cut to the millisecond.
check "  not before its first attempt, after 1 (server side)" eval \
	'[ "$(tf_syn_times syn 203.0.113.44 8080 "$t_reload" |
	     awk -v u="$t_up" '\''$1 <= u + 0.001'\'' | wc -l)" = 1 ]'
check "C2, up, with a failing new check: goes down" wait_for 10 \
	has "Removing service $(r 45)"
t_down=$(tf_log_epoch "$(ta_re "Removing service $(r 45)")")
check "  only after 1 + 2 attempts (server side)" eval \
	'[ "$(tf_syn_times syn 203.0.113.45 8081 "$t_reload" |
	     awk -v u="$t_down" '\''$1 <= u + 0.002'\'' | wc -l)" = 3 ]'
check "  no other server moved" eval \
	'[ "$(grep -c "service \[" "$LOG")" = $((lines0 + 2)) ]'

# ---- a killed checker starts from the IPVS child's table --------------------
ta_dump
cp "$VIGIL_DATA_FILE" "$WORK/before.data"
lines1=$(grep -c "service \[" "$LOG")
old=$(pidof_child checkers)
kill -KILL "$old"
ta_dump
for a in 40 41 42 43 44 45 46 48; do
	check "  checker killed: $(r $a) keeps its desired entry" eval \
	    '[ "$(tf_desired "$V" "$(r $a)")" = \
	       "$(VIGIL_DATA_FILE=$WORK/before.data tf_desired "$V" "$(r $a)")" ]'
done
check "the checker is restarted" wait_for 15 eval \
	'[ -n "$(pidof_child checkers)" ] && [ "$(pidof_child checkers)" != "$old" ]'
check "it starts from the IPVS child's table of 8 servers" wait_for 10 \
	has "started from the IPVS child's table of 8 servers"
check "no server moves (5 s: every one checked again)" \
	always 5 eval '[ "$(grep -c "service \[" "$LOG")" = "$lines1" ]'
grep "service \[" "$LOG" | tail -n +$((lines1 + 1)) | sed 's/^/  moved: /' |
	while read -r l; do diag "$l"; done
ta_dump
for a in 40 41 42 43 44 45 46 48; do
	check "  restarted: $(r $a) has its desired entry" eval \
	    '[ "$(tf_desired "$V" "$(r $a)")" = \
	       "$(VIGIL_DATA_FILE=$WORK/before.data tf_desired "$V" "$(r $a)")" ]'
done
check "the up alpha server is UP" tf_rs_has "$V" "$(r 48)" "^UP "
check "the down server is DOWN" tf_rs_has "$V" "$(r 41)" "^DOWN "
stop_pid "$VPID"
VPID=

# ---- stop with 10,000 real servers ------------------------------------------
N=10000
: >"$LOG"
tf_farm big 203.0.113.49 30000-$((30000 + N - 1)) || not_ok "the farm of $N"
{
	cat <<CONF
child_wait_time 2
global_defs {
    router_id reload
}
virtual_server 192.0.2.122 80 {
    delay_loop 5
    protocol TCP
CONF
	for p in $(seq 30000 $((30000 + N - 1))); do
		echo "    real_server 203.0.113.49 $p { TCP_CHECK { connect_timeout 2 } }"
	done
	echo "}"
} >"$conf"
start_vigild "$conf"
check "$N servers: every one is checked" wait_for 60 tf_seen_ge big $N
t0=$(usecs)
kill -TERM "$VPID"
wait_for 20 dead "$VPID"
t1=$(usecs)
wait "$VPID" 2>/dev/null
VPID=
ms=$(((t1 - t0) / 1000))
diag "stop with $N real servers: $ms ms (SIGTERM to vigild's exit; target 500 ms)"
check "the stop is bounded (< 5 s: $ms ms)" test "$ms" -lt 5000
check "the checker stopped cleanly" \
	has "stopped checking $N real servers"
check "  exit status 0" log_has "checker child (pid [0-9]*) exited with status 0"
done_testing
