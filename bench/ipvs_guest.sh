#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# ipvs_guest.sh: the guest side of bench/ipvs, run by tests/vm/run.sh as a
# scenario: vigild, ipvsadm -R and keepalived programming the same IPVS
# table in one boot.  Prints TAP (one ok line a part) with the results as
# "# ipvs key=value" comments, and writes them, plain, to
# $VM_OUT/ipvs.results.  Parameters come from $VM_OUT/ipvs.params (RUNS,
# CHK_RUNS, IDLE, NVS, NRS), which bench/ipvs writes.
. "$TOP_SRCDIR/tests/vm/lib.sh"

RUNS=3 CHK_RUNS=20 IDLE=60 NVS=100 NRS=100
# shellcheck source=/dev/null
[ -f "$VM_OUT/ipvs.params" ] && . "$VM_OUT/ipvs.params"
N=$((NVS * NRS))
GEN=$TOP_SRCDIR/bench/ipvs_gen.py
PY=/usr/bin/python3
RES=$VM_OUT/ipvs.results
: >"$RES"

# res KEY VALUE: one result line.
res() {
	echo "ipvs $1=$2" >>"$RES"
	diag "ipvs $1=$2"
}
# median of the numbers on stdin; max_of: their maximum.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "na"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.4f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
max_of() { sort -g | tail -1; }
# short IMPL: the name in the result keys (vigil, keepalived).
short() { if [ "$1" = vigild ]; then echo vigil; else echo "$1"; fi; }
# us_s MICROSECONDS: in seconds, 4 decimals.
us_s() { awk -v u="$1" 'BEGIN { printf "%.4f\n", u / 1e6 }'; }
ndests() { ip netns exec "$NS" ipvsadm -Ln | grep -c -- '->.*[0-9]'; }
empty_table() {
	ip netns exec "$NS" ipvsadm -C
	[ "$(ndests)" = 0 ]
}

vm_modprobe ip_vs ip_vs_rr veth bridge crc32c_generic
vm_lvs_net 3 || {
	not_ok "the LVS network"
	done_testing
	exit 0
}

# The poller, in the director's namespace: see ipvs_gen.py.
coproc POLL { ip netns exec "$NS" "$PY" -u "$GEN" poll 2>>"$WORK/poll.err"; }
BG_PIDS="$BG_PIDS $POLL_PID"
# arm CMD ARG TIMEOUT INTERVAL: sends the command, returns once the poller
# has read the table once (0) or failed (1).
arm() {
	local a
	echo "$*" >&"${POLL[1]}"
	read -r -t 120 a <&"${POLL[0]}" || return 1
	[ "$a" = armed ] || {
		diag "poller: $a"
		return 1
	}
}
# met: the poller's time of the read that met the condition, in us; 1 on a
# timeout.
met() {
	local a t n
	read -r -t 900 a t n <&"${POLL[0]}" || return 1
	if [ "$a" != done ]; then
		diag "poller: $a $t $n"
		return 1
	fi
	echo "${t/./}"
}

# stop_impl: SIGTERM to the daemon (it removes its services), 120 s, then
# KILL of it and of its children; then the table is emptied.
stop_impl() {
	local p f
	p=$(lb_pid)
	if alive "$p"; then
		kill -TERM "$p"
		if ! wait_for 120 dead "$p"; then
			diag "$(impl) did not stop in 120 s: killed"
			kill -KILL "$p" 2>/dev/null
		fi
	fi
	for f in "$WORK"/lb.*.pid; do
		[ -f "$f" ] || continue
		p=$(cat "$f")
		alive "$p" && kill -KILL "$p" 2>/dev/null
		rm -f "$f"
	done
	wait_for 30 empty_table
}

$PY "$GEN" conf "$NVS" "$NRS" "$WORK/big.conf"
$PY "$GEN" rules "$NVS" "$NRS" "$WORK/big.rules"
read -r ONE_SVC ONE_RS < <($PY "$GEN" one "$NVS" "$NRS")
# No virtual server: vigild --all runs the IPVS child anyway.
cat >"$WORK/zero.conf" <<CONF
global_defs { router_id bench-ipvs }
CONF
diag "$(uname -r), $(nproc) CPUs (TCG), $NVS x $NRS = $N destinations, $RUNS runs"

# ---- 1. apply N destinations to an empty table ------------------------------
declare -A APPLY
apply_run() {
	local impl=$1 t0 t1
	VIGIL_NODE_IMPL=$impl
	wait_for 30 empty_table || return 1
	arm count "$N" 600 0.02 || return 1
	t0=$(usecs)
	start_lb "$WORK/big.conf"
	t1=$(met) || {
		stop_impl
		return 1
	}
	APPLY[$impl]="${APPLY[$impl]:-} $((t1 - t0))"
	stop_impl
}
restore_run() {
	local t0 t1
	wait_for 30 empty_table || return 1
	t0=$(usecs)
	ip netns exec "$NS" ipvsadm -R <"$WORK/big.rules" || return 1
	t1=$(usecs)
	[ "$(ndests)" = "$N" ] || return 1
	APPLY[ipvsadm]="${APPLY[ipvsadm]:-} $((t1 - t0))"
}
fails=0
for r in $(seq 1 "$RUNS"); do
	apply_run vigild || fails=$((fails + 1))
	restore_run || fails=$((fails + 1))
	apply_run keepalived || fails=$((fails + 1))
done
for k in vigild ipvsadm keepalived; do
	s=
	for u in ${APPLY[$k]:-}; do s="$s $(us_s "$u")"; done
	diag "apply $k runs (s):$s"
	res "apply_${N}_$(short "$k")_s" "$(tr ' ' '\n' <<<"$s" | grep . | median)"
done
check "1. apply $N destinations, $RUNS runs each ($fails failures)" [ "$fails" = 0 ]

# ---- 2. reload changing one weight -------------------------------------------
# stats_line: vigild's "kernel table: syncs ..." stats line (SIGUSR2).
stats_line() {
	rm -f "$WORK/lb.stats"
	kill -USR2 "$(lb_pid)"
	wait_for 30 grep -q 'kernel table: syncs' "$WORK/lb.stats" || return 1
	grep -m1 'kernel table: syncs' "$WORK/lb.stats"
}
# stats: its operations and netlink messages, as "ops msgs".
stats() {
	stats_line | sed -n 's/.* operations \([0-9]*\),.*netlink messages \([0-9]*\).*/\1 \2/p'
}
W=10
reload_runs() {
	local impl=$1 k t0 t1 times=
	for k in $(seq 1 "$RUNS"); do
		W=$((W + 1))
		$PY "$GEN" conf "$NVS" "$NRS" "$WORK/big.conf" "$W"
		arm weight "$W" 300 0.02 || return 1
		t0=$(usecs)
		kill -HUP "$(lb_pid)"
		t1=$(met) || return 1
		times="$times $(us_s $((t1 - t0)))"
		sleep 2
	done
	diag "reload $impl runs (s):$times"
	res "reload_one_weight_$(short "$impl")_s" "$(tr ' ' '\n' <<<"$times" | grep . | median)"
}
fails=0
VIGIL_NODE_IMPL=vigild
$PY "$GEN" conf "$NVS" "$NRS" "$WORK/big.conf"
arm count "$N" 600 0.05 && start_lb "$WORK/big.conf" && met >/dev/null || fails=$((fails + 1))
sleep 3
read -r ops0 msgs0 < <(stats)
reload_runs vigild || fails=$((fails + 1))
read -r ops1 msgs1 < <(stats)
if [ -n "${ops0:-}" ] && [ -n "${ops1:-}" ]; then
	res reload_ops_per_reload_vigil "$(awk -v a="$ops0" -v b="$ops1" -v n="$RUNS" 'BEGIN { printf "%.1f\n", (b - a) / n }')"
	res reload_netlink_msgs_per_reload_vigil "$(awk -v a="$msgs0" -v b="$msgs1" -v n="$RUNS" 'BEGIN { printf "%.1f\n", (b - a) / n }')"
	diag "the netlink messages include the drift re-reads' dump requests over $((RUNS * 2)) s and more"
else
	fails=$((fails + 1))
fi

# ---- 3. drift repair and the cost of the drift check (vigild) ----------------
times=
for k in $(seq 1 "$RUNS"); do
	arm cycle "$N" 300 0.02 || break
	t0=$(usecs)
	ip netns exec "$NS" ipvsadm -C
	t1=$(met) || break
	times="$times $(us_s $((t1 - t0)))"
	sleep 2
done
diag "drift repair runs (s):$times"
res "drift_repair_${N}_vigil_s" "$(tr ' ' '\n' <<<"$times" | grep . | median)"
# cpu_ms PID SECONDS: utime + stime of PID over SECONDS, in ms.
cpu_ms() {
	local a b hz
	hz=$(getconf CLK_TCK)
	a=$(awk '{ print $14 + $15 }' "/proc/$1/stat")
	sleep "$2"
	b=$(awk '{ print $14 + $15 }' "/proc/$1/stat")
	echo $(((b - a) * 1000 / hz))
}
ipid=$(cat "$WORK/lb.ipvs.pid" 2>/dev/null)
if alive "$ipid"; then
	ms=$(cpu_ms "$ipid" "$IDLE")
	res "drift_cpu_ms_per_min_${N}_vigil" "$((ms * 60 / IDLE))"
	line=$(stats_line)
	diag "vigild:$line"
	res "drift_read_mean_us_${N}_vigil" "$(sed -n 's/.*(mean \([0-9]*\) us.*/\1/p' <<<"$line")"
else
	fails=$((fails + 1))
fi
stop_impl
start_lb "$WORK/zero.conf" "$NS" lb -- --all
sleep 5
ipid=$(cat "$WORK/lb.ipvs.pid" 2>/dev/null)
if alive "$ipid"; then
	ms=$(cpu_ms "$ipid" "$IDLE")
	res drift_cpu_ms_per_min_0_vigil "$((ms * 60 / IDLE))"
else
	fails=$((fails + 1))
fi
stop_impl
diag "keepalived has no drift repair: after ipvsadm -C its table stays empty"

# keepalived's reload: the time, then one more under strace for its netlink
# messages.
VIGIL_NODE_IMPL=keepalived
W=100
$PY "$GEN" conf "$NVS" "$NRS" "$WORK/big.conf"
arm count "$N" 900 0.05 && start_lb "$WORK/big.conf" && met >/dev/null || fails=$((fails + 1))
sleep 3
reload_runs keepalived || fails=$((fails + 1))
cpid=$(cat "$WORK/lb.checkers.pid" 2>/dev/null)
if alive "$cpid"; then
	strace -f -qq -e trace=sendmsg,sendto -o "$WORK/ka.strace" -p "$(lb_pid)" -p "$cpid" &
	spid=$!
	sleep 3
	W=$((W + 1))
	$PY "$GEN" conf "$NVS" "$NRS" "$WORK/big.conf" "$W"
	arm weight "$W" 300 0.02 && kill -HUP "$(lb_pid)" && met >/dev/null
	sleep 3
	kill -INT "$spid"
	wait "$spid"
	res reload_netlink_msgs_per_reload_keepalived "$(grep -c 'AF_NETLINK' "$WORK/ka.strace")"
	diag "keepalived's sendmsg/sendto under strace, by kind: $(grep -o 'sa_family=AF_[A-Z0-9]*\|nl_family=[A-Z0-9_]*\|NETLINK_[A-Z_]*' "$WORK/ka.strace" | sort | uniq -c | tr '\n' ' ')"
else
	fails=$((fails + 1))
fi
stop_impl
check "2./3. reload, drift repair and its CPU ($fails failures)" [ "$fails" = 0 ]

# ---- 4. checker decision to kernel --------------------------------------------
cat >"$WORK/chk.conf" <<CONF
global_defs { router_id bench-ipvs }
virtual_server 192.0.2.100 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
CONF
for i in 1 2 3; do
	cat >>"$WORK/chk.conf" <<CONF
    real_server 198.51.100.$((10 + i)) 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 1
            retry 0
        }
    }
CONF
done
echo "}" >>"$WORK/chk.conf"
declare -A LST
listen() {
	ip netns exec "${NS}r$1" busybox nc -ll -p 80 -e /bin/true </dev/null >/dev/null 2>&1 &
	LST[$1]=$!
	BG_PIDS="$BG_PIDS $!"
}
for i in 1 2 3; do listen "$i"; done
all_in() { [ "$(ip netns exec "$NS" ipvsadm -Ln | grep -c '198.51.100.1[123]:80 *Masq *1 ')" = 3 ]; }
fails=0
for impl in vigild keepalived; do
	VIGIL_NODE_IMPL=$impl
	start_lb "$WORK/chk.conf"
	wait_for 60 all_in || fails=$((fails + 1))
	times=
	for k in $(seq 1 "$CHK_RUNS"); do
		i=$((k % 3 + 1))
		# Out of phase with the checks' rounds.
		sleep "0.$((RANDOM % 10))"
		arm gone "198.51.100.$((10 + i)):80" 60 0.01 || break
		t0=$(usecs)
		kill "${LST[$i]}"
		t1=$(met) || break
		times="$times $(us_s $((t1 - t0)))"
		wait "${LST[$i]}" 2>/dev/null
		listen "$i"
		arm back "198.51.100.$((10 + i)):80" 60 0.05 && met >/dev/null || break
	done
	diag "checker to kernel $impl runs (s):$times"
	[ "$(wc -w <<<"$times")" = "$CHK_RUNS" ] || fails=$((fails + 1))
	res "checker_to_kernel_median_$(short "$impl")_s" "$(tr ' ' '\n' <<<"$times" | grep . | median)"
	res "checker_to_kernel_max_$(short "$impl")_s" "$(tr ' ' '\n' <<<"$times" | grep . | max_of)"
	stop_impl
done
check "4. checker decision to kernel, $CHK_RUNS runs each ($fails failures)" [ "$fails" = 0 ]
echo quit >&"${POLL[1]}"
done_testing
