#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# check_pool.sh: the checker's decisions for pools of real TCP servers:
# removal or quiescence of a failing server, retry and delay_before_retry
# counted on the server side, alpha, the sorry server in and out (with
# sorry_server_inhibit), quorum with hysteresis, shared checks counted on
# the server side, warmup's spread over 200 servers, and omega at the stop.
# Topology: ta_topology (check_lib.sh): vigild in $NS, the real servers in
# $TA_SRV on addresses 203.0.113.40-59 of its lo, one listener process
# (tf_farm) per server so that stopping it makes the server refuse; a
# sniffer on $TA_SRV's s0 counts every SYN, answered or refused.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../check_lib.sh"

ta_topology
for a in $(seq 40 59); do
	ip -n "$TA_SRV" addr add "203.0.113.$a/32" dev lo
done
check "the SYN counter runs" tf_sniff syn

V1="[192.0.2.101]:tcp:80" # removal and inhibit_on_failure
V2="[192.0.2.102]:tcp:80" # retry and delay_before_retry
V3="[192.0.2.103]:tcp:80" # alpha
V4="[192.0.2.104]:tcp:80" # sorry server
V5="[192.0.2.105]:tcp:80" # sorry server with sorry_server_inhibit
V6="[192.0.2.106]:tcp:80" # quorum 3 hysteresis 1
V7="[192.0.2.107]:tcp:80" # shared check, with V8
V8="[192.0.2.108]:tcp:80"
V9="[192.0.2.109]:tcp:80" # omega
r() { echo "[203.0.113.$1]:tcp:80"; }
# The log, by fixed text: has TEXT, count TEXT, count_is TEXT N, at TEXT
# (the time of its first line, EPOCH).
has() { log_has "$(ta_re "$1")"; }
count() { log_count "$(ta_re "$1")"; }
count_is() { log_count_is "$(ta_re "$1")" "$2"; }
at() { tf_log_epoch "$(ta_re "$1")"; }

# One listener per real server; 44, 47, 52 stay down at start.
for a in 40 41 42 43 45 46 48 49 50 51 53 54 55 56 57 58 59; do
	tf_farm "s$a" "203.0.113.$a" 80 || not_ok "listener 203.0.113.$a"
done

tcp() { echo "TCP_CHECK { connect_timeout 1 }"; }
conf="$WORK/k.conf"
cat >"$conf" <<CONF
child_wait_time 2
global_defs {
    router_id pool
}
virtual_server 192.0.2.101 80 {
    delay_loop 1
    protocol TCP
    real_server 203.0.113.40 80 {
        weight 2
        $(tcp)
    }
    real_server 203.0.113.41 80 {
        weight 3
        inhibit_on_failure
        $(tcp)
    }
    real_server 203.0.113.42 80 {
        weight 1
        $(tcp)
    }
}
virtual_server 192.0.2.102 80 {
    delay_loop 2
    protocol TCP
    real_server 203.0.113.43 80 {
        TCP_CHECK {
            connect_timeout 1
            retry 2
            delay_before_retry 0.5
        }
    }
}
virtual_server 192.0.2.103 80 {
    delay_loop 1
    protocol TCP
    real_server 203.0.113.44 80 {
        alpha
        $(tcp)
    }
    real_server 203.0.113.45 80 {
        alpha
        $(tcp)
    }
    real_server 203.0.113.46 80 {
        $(tcp)
    }
    real_server 203.0.113.47 80 {
        $(tcp)
    }
}
virtual_server 192.0.2.104 80 {
    delay_loop 1
    protocol TCP
    sorry_server 203.0.113.52 80
    real_server 203.0.113.48 80 {
        $(tcp)
    }
    real_server 203.0.113.49 80 {
        $(tcp)
    }
}
virtual_server 192.0.2.105 80 {
    delay_loop 1
    protocol TCP
    sorry_server 203.0.113.52 80
    sorry_server_inhibit
    real_server 203.0.113.50 80 {
        $(tcp)
    }
}
virtual_server 192.0.2.106 80 {
    delay_loop 1
    protocol TCP
    quorum 3
    hysteresis 1
    real_server 203.0.113.53 80 {
        weight 1
        $(tcp)
    }
    real_server 203.0.113.54 80 {
        weight 2
        $(tcp)
    }
    real_server 203.0.113.55 80 {
        weight 1
        $(tcp)
    }
}
virtual_server 192.0.2.107 80 {
    delay_loop 1
    protocol TCP
    real_server 203.0.113.56 80 {
        $(tcp)
    }
}
virtual_server 192.0.2.108 80 {
    delay_loop 1
    protocol TCP
    real_server 203.0.113.56 80 {
        $(tcp)
    }
}
virtual_server 192.0.2.109 80 {
    delay_loop 1
    protocol TCP
    omega
    real_server 203.0.113.57 80 {
        $(tcp)
    }
    real_server 203.0.113.58 80 {
        $(tcp)
    }
}
virtual_server 192.0.2.110 80 {
    delay_loop 1
    protocol TCP
    real_server 203.0.113.59 80 {
        $(tcp)
    }
}
CONF

check "the configuration is valid" ta_conf_ok "$conf"
start_vigild "$conf"
check "the checker applies the configuration" wait_for 10 \
	log_has "checker\[.*configuration generation 1 applied"
all_checked() {
	local a
	for a in 40 41 42 43 45 46 48 49 50 53 54 55 56 57 58 59; do
		tf_accs_ge "s$a" 80 1 || return 1
	done
}
check "every server is checked once (servers' side)" wait_for 10 all_checked

# ---- alpha -----------------------------------------------------------------
# 44 (alpha, no listener) and 47 (no alpha, no listener) fail from the start;
# 45 (alpha) and 46 (no alpha) pass.
check "alpha: a passing server comes up after its first check" wait_for 10 \
	has "Adding service $(r 45) to VS $V3"
t_add=$(at "Adding service $(r 45) to VS $V3")
t_first=$(tf_syn_times syn 203.0.113.45 80 | head -1)
check "alpha: its first check came before (server side)" \
	awk -v a="$t_first" -v b="$t_add" 'BEGIN { exit !(a != "" && a <= b + 0.001) }'
check "alpha: its failing server is never added nor removed" \
	wait_for 10 tf_syns_ge syn 203.0.113.44 80 2
check "  no Adding line" count_is "service $(r 44) to VS" 0
check "  no Removing line" count_is "service $(r 44) from VS" 0
check "  absent in the desired table" tf_desired_is "$V3" "$(r 44)" absent
check "  DOWN in the checker" tf_rs_has "$V3" "$(r 44)" "^DOWN weight 0/1 absent transitions 0"
check "without alpha: a passing server starts UP (no Adding line)" \
	count_is "Adding service $(r 46)" 0
check "  UP in the desired table" tf_desired_is "$V3" "$(r 46)" "weight 1"
check "without alpha: a failing server starts UP, is removed" \
	wait_for 10 has "Removing service $(r 47) from VS $V3 (refused"
check "  absent in the desired table" tf_desired_is "$V3" "$(r 47)" absent

# ---- removal and inhibit_on_failure ------------------------------------------
check "all three servers of V1 in the desired table" eval \
	'ta_dump && [ "$(tf_desired "$V1" "$(r 40)")" = "weight 2" ] &&
	 [ "$(tf_desired "$V1" "$(r 41)")" = "weight 3" ] &&
	 [ "$(tf_desired "$V1" "$(r 42)")" = "weight 1" ]'
tf_farm_stop s40
tf_farm_stop s41
check "a failing server is removed" wait_for 10 \
	has "Removing service $(r 40) from VS $V1 (refused: connection refused"
check "  absent in the desired table" wait_for 5 \
	tf_desired_is "$V1" "$(r 40)" absent
check "  DOWN, absent in the checker" \
	tf_rs_has "$V1" "$(r 40)" "^DOWN weight 0/2 absent transitions 1"
check "with inhibit_on_failure it is disabled" wait_for 10 \
	has "Disabling service $(r 41) of VS $V1 (refused"
check "  at weight 0 in the desired table" wait_for 5 \
	tf_desired_is "$V1" "$(r 41)" "weight 0 quiescent"
check "  DOWN, quiescent in the checker" \
	tf_rs_has "$V1" "$(r 41)" "^DOWN weight 0/3 quiescent transitions 1"
check "  not removed" count_is "service $(r 41) from VS" 0
check "the third server stays" tf_desired_is "$V1" "$(r 42)" "weight 1"
tf_farm s40 203.0.113.40 80
tf_farm s41 203.0.113.41 80
check "the server comes back" wait_for 10 \
	has "Adding service $(r 40) to VS $V1"
check "  at its weight" wait_for 5 tf_desired_is "$V1" "$(r 40)" "weight 2"
check "the inhibited server comes back" wait_for 10 \
	has "Enabling service $(r 41) of VS $V1"
check "  at its weight" wait_for 5 tf_desired_is "$V1" "$(r 41)" "weight 3"
check "the third server never moved" count_is "service $(r 42) " 0

# ---- retry 2, delay_before_retry 0.5 (delay_loop 2) --------------------------
# Stop the listener just after a check passed: the next regular check
# (2 s later) is the first failure.
n=$(tf_accs s43 80)
wait_for 10 tf_accs_ge s43 80 $((n + 1))
t_stop=$(tf_now)
tf_farm_stop s43
check "a server with retry 2 is removed" wait_for 15 \
	has "Removing service $(r 43) from VS $V2"
t_down=$(at "Removing service $(r 43) from VS $V2")
tf_syn_times syn 203.0.113.43 80 "$t_stop" |
	awk -v d="$t_down" '$1 <= d + 0.002' >"$WORK/retry.times"
check "  after exactly 1 + 2 failed attempts (server side: $(wc -l <"$WORK/retry.times"))" \
	test "$(wc -l <"$WORK/retry.times")" -eq 3
check "  delay_before_retry apart (>= 0.5 s, < 1.5 s: $(tr '\n' ' ' <"$WORK/retry.times"))" \
	awk 'NR > 1 { g = $1 - p; if (g < 0.48 || g > 1.5) bad = 1 } { p = $1 }
	    END { exit bad || NR != 3 }' "$WORK/retry.times"
check "  down right after the last retry (< 0.3 s)" \
	awk -v d="$t_down" '{ l = $1 } END { exit !(NR && d - l < 0.3) }' \
	"$WORK/retry.times"
check "  then checked at delay_loop again, not at the retry's pace" \
	eval 'sleep 4.5; n=$(tf_syns syn 203.0.113.43 80 "$t_down");
	      [ "$n" -ge 1 ] && [ "$n" -le 3 ]'

# ---- the sorry server --------------------------------------------------------
check "with quorum, the sorry server is out" \
	tf_desired_is "$V4" "$(r 52)" absent
check "  the inhibited one at weight 0" \
	tf_desired_is "$V5" "$(r 52)" "weight 0"
tf_farm_stop s48
check "one server of two fails: the sorry server stays out" wait_for 10 \
	has "Removing service $(r 48) from VS $V4"
check "  no Adding sorry server" count_is "sorry server $(r 52) to VS $V4" 0
tf_farm_stop s49
check "every server fails: the sorry server comes in" wait_for 10 \
	has "Adding sorry server $(r 52) to VS $V4"
check "  in the desired table at its weight" wait_for 5 \
	tf_desired_is "$V4" "$(r 52)" "weight 1"
check "  the checker says so" \
	grep -q "^ VS $(ta_re "$V4") quorum DOWN live_weight 0 sorry in" \
	"$VIGIL_DATA_FILE"
tf_farm_stop s50
check "with sorry_server_inhibit it is enabled" wait_for 10 \
	has "Enabling sorry server $(r 52) of VS $V5"
check "  in the desired table at its weight" wait_for 5 \
	tf_desired_is "$V5" "$(r 52)" "weight 1"
tf_farm s49 203.0.113.49 80
check "one server returns: the sorry server goes out" wait_for 10 \
	has "Removing sorry server $(r 52) from VS $V4"
check "  absent from the desired table" wait_for 5 \
	tf_desired_is "$V4" "$(r 52)" absent
check "  the server is in at its weight" tf_desired_is "$V4" "$(r 49)" "weight 1"
tf_farm s50 203.0.113.50 80
check "with sorry_server_inhibit it is disabled" wait_for 10 \
	has "Disabling sorry server $(r 52) of VS $V5"
check "  and stays at weight 0" wait_for 5 \
	tf_desired_is "$V5" "$(r 52)" "weight 0"
check "each sorry server moved twice" eval \
	'[ "$(log_count "sorry server $(ta_re "$(r 52)") .* VS $(ta_re "$V4")")" = 2 ] &&
	 [ "$(log_count "sorry server $(ta_re "$(r 52)") .* VS $(ta_re "$V5")")" = 2 ]'

# ---- quorum 3, hysteresis 1: gained at 4, lost below 2 -----------------------
check "quorum: up at start with live weight 4" \
	has "Starting with quorum up for VS $V6 (live weight 4)"
tf_farm_stop s54
check "weight 2 fails: live weight 2" wait_for 10 \
	has "Removing service $(r 54) from VS $V6"
check "  hysteresis keeps the quorum at 2 (3 s)" \
	always 3 log_count_is "\(Lost\|Gained\) quorum .* for VS $(ta_re "$V6")" 0
check "  the checker says so" \
	tf_rs_has "$V6" "$(r 53)" "^UP" # a fresh dump
check "  quorum UP live_weight 2" \
	grep -q "^ VS $(ta_re "$V6") quorum UP live_weight 2 " "$VIGIL_DATA_FILE"
tf_farm_stop s53
check "weight 1 fails too: live weight 1 < 3 - 1: Lost quorum" wait_for 10 \
	has "Lost quorum 3-1=2 > 1 for VS $V6"
t_lost=$(at "Lost quorum 3-1=2 > 1 for VS $V6")
t_rm=$(at "Removing service $(r 53) from VS $V6")
check "  with that server's removal" \
	awk -v a="$t_lost" -v b="$t_rm" 'BEGIN { d = a - b; exit !(d > -0.1 && d < 0.1) }'
tf_farm s53 203.0.113.53 80
check "it returns: live weight 2" wait_for 10 \
	has "Adding service $(r 53) to VS $V6"
check "  hysteresis keeps the quorum down (3 s)" \
	always 3 log_count_is "Gained quorum .* for VS $(ta_re "$V6")" 0
tf_farm s54 203.0.113.54 80
check "weight 2 returns: live weight 4: Gained quorum" wait_for 10 \
	has "Gained quorum 3+1=4 <= 4 for VS $V6"
check "  once lost, once gained" eval \
	'[ "$(log_count "\(Lost\|Gained\) quorum .* for VS $(ta_re "$V6")")" = 2 ]'

# ---- shared checks -----------------------------------------------------------
check "one probe for two virtual servers' identical check" eval \
	'ta_dump && [ "$(grep -c "^   probe TCP_CHECK \[203\.0\.113\.56\]:80 " \
	    "$VIGIL_DATA_FILE")" = 2 ] &&
	 [ "$(grep "^   probe TCP_CHECK \[203\.0\.113\.56\]:80 " \
	    "$VIGIL_DATA_FILE" | sort -u | wc -l)" = 1 ]'
t0=$(tf_now)
sleep 5
t1=$(tf_now)
n=$(tf_accs s56 80 "$t0" "$t1")
check "the server counts one check per delay_loop, not two ($n in 5 s)" \
	eval "[ $n -ge 3 ] && [ $n -le 7 ]"
tf_farm_stop s56
check "it fails: both virtual servers remove it" wait_for 10 eval \
	'has "Removing service $(r 56) from VS $V7" &&
	 has "Removing service $(r 56) from VS $V8"'
ta1=$(at "Removing service $(r 56) from VS $V7")
ta2=$(at "Removing service $(r 56) from VS $V8")
check "  together (within 0.1 s)" \
	awk -v a="$ta1" -v b="$ta2" 'BEGIN { d = a - b; exit !(d > -0.1 && d < 0.1) }'
check "  absent from both desired entries" eval \
	'ta_dump && [ "$(tf_desired "$V7" "$(r 56)")" = absent ] &&
	 [ "$(tf_desired "$V8" "$(r 56)")" = absent ]'

# ---- omega -------------------------------------------------------------------
tf_farm_stop s58
check "omega: one of its servers is down before the stop" wait_for 10 \
	has "Removing service $(r 58) from VS $V9"
n_down=$(count "herald: Real_Server($(r 58) of")
kill -TERM "$VPID"
check "vigild stops" wait_for 10 dead "$VPID"
wait "$VPID" 2>/dev/null
VPID=
check "omega: the stop heralds the alive server's DOWN" \
	log_has "herald: Real_Server($(ta_re "$(r 57)") of $(ta_re "$V9")).* DOWN"
check "  not again the one that was down" \
	count_is "herald: Real_Server($(r 58) of" "$n_down"
check "without omega: no DOWN at the stop" \
	count_is "herald: Real_Server($(r 59) of" 0
check "  nor for the pool's servers" \
	count_is "herald: Real_Server($(r 42) of" 0

# ---- warmup: 200 servers, delay_loop 2 ---------------------------------------
: >"$LOG"
tf_farm w 203.0.113.51 20000-20199 || not_ok "the farm of 200"
cat >"$conf" <<CONF
child_wait_time 2
global_defs {
    router_id pool
}
virtual_server 192.0.2.111 80 {
    delay_loop 2
    protocol TCP
$(for p in $(seq 20000 20199); do
	echo "    real_server 203.0.113.51 $p { TCP_CHECK { connect_timeout 1 } }"
done)
}
CONF
start_vigild "$conf"
check "200 servers: the checker applies the configuration" wait_for 10 \
	log_has "checker\[.*configuration generation 1 applied"
t_start=$(tf_log_epoch "checker\[.*configuration generation 1 applied")
check "every one is checked" wait_for 10 tf_seen_ge w 200
awk '!($2 in f) { f[$2] = $1 } END { for (p in f) print f[p] }' \
    "$WORK/w.acc" | sort -n >"$WORK/first"
first=$(head -1 "$WORK/first")
last=$(tail -1 "$WORK/first")
diag "first checks: $(wc -l <"$WORK/first") ports, from $(awk -v a="$first" -v s="$t_start" 'BEGIN { printf "%.3f", a - s }') s to $(awk -v a="$last" -v s="$t_start" 'BEGIN { printf "%.3f", a - s }') s after the configuration"
check "  within delay_loop + 1 s of start" \
	awk -v a="$last" -v s="$t_start" 'BEGIN { exit !(a - s <= 3) }'
check "  spread: the first checks span at least delay_loop / 2" \
	awk -v a="$first" -v b="$last" 'BEGIN { exit !(b - a >= 1) }'
check "  not bunched: at most a quarter in any 100 ms" \
	awk 'NR == 1 { f = $1 } { n[int(($1 - f) * 10)]++ }
	    END { for (k in n) if (n[k] > 50) exit 1 }' \
	"$WORK/first"
stop_pid "$VPID"
VPID=
done_testing
