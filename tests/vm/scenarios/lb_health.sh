#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# lb_health.sh: the checker's decisions reach the kernel's IPVS table, with
# real traffic through the VIPs: a dead real server is removed (or kept at
# weight 0 with inhibit_on_failure) and gets no request; with all dead the
# sorry server answers, and goes when they return; maintenance by a file
# (FILE_CHECK) drains a server: its open connection goes on to the end
# while new ones go elsewhere, and it is back at its weight afterwards.
#
#   VS A 192.0.2.100:80 rr: r1 (weight 2), r2 (weight 3, FILE_CHECK on
#        $WORK/maint-r2), sorry server r3
#   VS B 192.0.2.101:80 rr: r1 (weight 2), r2 (weight 3), both
#        inhibit_on_failure, no sorry server
#
# Evidence: the kernel's table (ipvsadm -Ln, the same on vigild and on
# keepalived), the page each answer carries (the server's namespace name),
# and the request lines each python server logs.
. "$TOP_SRCDIR/tests/vm/lib.sh"

R1=198.51.100.11
R2=198.51.100.12
R3=198.51.100.13
VA=192.0.2.100
VB=192.0.2.101
MAINT="$WORK/maint-r2"
BIG_KB=1024 # the slow download: 1 MiB at 64 KiB/s, about 16 s

T_START=$(usecs)
# phase WHAT: a comment line with the time since the start.
phase() {
	local t=$((($(usecs) - T_START) / 100000))
	diag "---- $((t / 10)).$((t % 10)) s: $*"
}

# waited SECONDS PREDICATE...: wait_for, saying how long it waited.
waited() {
	local t0 t rc=0
	t0=$(usecs)
	wait_for "$@" || rc=1
	t=$((($(usecs) - t0) / 100000))
	diag "$2: $((t / 10)).$((t % 10)) s"
	return $rc
}
# The daemon's log in the run's output directory, for a look afterwards.
keep_log() {
	[ -n "${VM_OUT:-}" ] && [ -f "$LOG" ] && cp "$LOG" "$VM_OUT/lb_health.$(impl).daemon.log"
	vm_cleanup
}
trap keep_log EXIT

vm_modprobe ip_vs ip_vs_rr veth bridge
vm_lvs_net 3

# hs_start N: r<N>'s HTTP server (198.51.100.1N:80), its log appended to
# $WORK/hs-rN.log (so a restart keeps what it logged before), its pid in
# HS_PID_N.  Its index.html is the namespace's name; big.bin starts with
# that name too.
hs_start() {
	local n=$1 d="$WORK/www-r$1" addr=198.51.100.1$1
	if [ ! -d "$d" ]; then
		mkdir -p "$d"
		echo "${NS}r$n" >"$d/index.html"
		{
			echo "${NS}r$n"
			head -c $((BIG_KB * 1024)) /dev/zero | tr '\0' x
		} >"$d/big.bin"
	fi
	ip netns exec "${NS}r$n" /usr/bin/python3 -u -m http.server \
		--bind "$addr" --directory "$d" 80 >>"$WORK/hs-r$n.log" 2>&1 &
	eval "HS_PID_$n=$!"
	BG_PIDS="$BG_PIDS $!"
}
# hs_ready N: r<N>'s HTTP server answers (60 s: python is slow to start
# under TCG; the servers start together, their waits overlap).
hs_ready() {
	wait_for 60 ip netns exec "${NS}r$1" curl -s -o /dev/null --max-time 2 "http://198.51.100.1$1/"
}
# hs_stop N: stops r<N>'s HTTP server (a real server that died).
hs_stop() {
	local p
	p=$(eval "echo \${HS_PID_$1:-}")
	[ -n "$p" ] || return 1
	kill "$p" 2>/dev/null
	wait "$p" 2>/dev/null
	eval "HS_PID_$1="
	# Nothing listens any more: a connection is refused.
	! ip netns exec "${NS}r$1" curl -s -o /dev/null --max-time 2 "http://198.51.100.1$1/"
}
# hits N: the "GET / " requests r<N>'s server logged (the checks connect
# and close without a request: only traffic through a VIP counts).
hits() { grep -c '"GET / HTTP' "$WORK/hs-r$1.log" 2>/dev/null; }
# hits_are N COUNT [N COUNT]...: r<N>'s server logged COUNT requests, each.
hits_are() {
	while [ $# -ge 2 ]; do
		[ "$(hits "$1")" = "$2" ] || return 1
		shift 2
	done
}

# weight VIP RIP: the weight of RIP:80 in the service VIP:80 of the
# kernel's table, empty when it is not there.  active VIP RIP: its
# ActiveConn.
dest_field() {
	vm_table "$NS" | awk -v s="$1:80" -v d="$2:80" -v f="$3" '
		$1 == "TCP" || $1 == "UDP" || $1 == "FWM" { cur = $2; next }
		$1 == "->" && cur == s && $2 == d { print $f }'
}
weight() { dest_field "$1" "$2" 4; }
active() { dest_field "$1" "$2" 5; }
active_ge() { [ "$(active "$1" "$2")" -ge "$3" ] 2>/dev/null; }
w_is() { [ "$(weight "$1" "$2")" = "$3" ]; }
absent() { [ -z "$(weight "$1" "$2")" ] && vm_table "$NS" | grep -q "TCP  $1:80 "; }

# curls VIP N: N requests through VIP from the client; their answers (the
# page, or "-" for no answer), one per line.
curls() {
	local i b
	for i in $(seq 1 "$2"); do
		b=$(vm_curl "${NS}c" "http://$1/")
		echo "${b:--}"
	done
}
# has_both ANSWERS: r1 and r2 both answered.
has_both() { grep -qx "${NS}r1" <<<"$1" && grep -qx "${NS}r2" <<<"$1"; }
# only WHO ANSWERS: every answer is WHO's page.
only() { [ -n "$2" ] && ! grep -qvx -- "$1" <<<"$2"; }
show_table() { vm_table "$NS" | sed 's/^/# /'; }

for n in 1 2 3; do hs_start $n; done
for n in 1 2 3; do hs_ready $n || diag "r$n's HTTP server did not start"; done
echo 0 >"$MAINT"

TCP_CHECK='        TCP_CHECK {
            connect_timeout 1
            retry 1
            delay_before_retry 0.5
        }'
cat >"$WORK/k.conf" <<CONF
global_defs { router_id vm_health }
track_file maint_r2 {
    file $MAINT
}
virtual_server $VA 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    sorry_server $R3 80
    real_server $R1 80 {
        weight 2
$TCP_CHECK
    }
    real_server $R2 80 {
        weight 3
$TCP_CHECK
        FILE_CHECK {
            track_file maint_r2
            weight -254
        }
    }
}
virtual_server $VB 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server $R1 80 {
        weight 2
        inhibit_on_failure
$TCP_CHECK
    }
    real_server $R2 80 {
        weight 3
        inhibit_on_failure
$TCP_CHECK
    }
}
CONF
ip -n "$NS" addr add $VA/24 dev eth0
ip -n "$NS" addr add $VB/24 dev eth0
start_lb "$WORK/k.conf"
phase "$(impl) started"

all_up() {
	w_is $VA $R1 2 && w_is $VA $R2 3 && absent $VA $R3 &&
		w_is $VB $R1 2 && w_is $VB $R2 3
}
up=0
waited 60 all_up && up=1
check "at start: both real servers in both services at their weights, no sorry server" \
	[ $up = 1 ]
if [ $up = 0 ]; then
	show_table
	diag "no point going on"
	done_testing
	exit 0
fi
show_table
got=$(curls $VA 4)
diag "answers from $VA: ${got//$'\n'/ }"
check "at start: traffic through $VA reaches r1 and r2" \
	has_both "$got"

phase maintenance
# ---- maintenance by file: drain r2 --------------------------------------------
# Two downloads of big.bin through VA: rr gives them one real server each.
# Each curl writes into a pipe whose reader reads nothing until
# $WORK/go exists; the client's small TCP buffers keep the rest of the
# file on the server's side, so both connections stay established (for
# IPVS too: no FIN yet) while r2 goes into maintenance, and most of the
# file crosses the director after the weight went 0.
ip netns exec "${NS}c" sysctl -qw net.ipv4.tcp_rmem="4096 16384 32768"
dl_start() {
	(
		ip netns exec "${NS}c" curl -s --max-time 200 "http://$VA/big.bin" |
			{
				i=0
				while [ ! -e "$WORK/go" ] && [ $i -lt 2000 ]; do
					sleep 0.1
					i=$((i + 1))
				done
				cat >"$WORK/dl$1.bin"
			}
		echo "${PIPESTATUS[0]}" >"$WORK/dl$1.rc"
	) &
	eval "DL_PID_$1=$!"
	BG_PIDS="$BG_PIDS $!"
}
big_gets() { grep -c '"GET /big.bin' "$WORK/hs-r$1.log" 2>/dev/null; }
one_big() { [ "$(big_gets 1)" -ge 1 ] || [ "$(big_gets 2)" -ge 1 ]; }
dl_running() { alive "$DL_PID_1" && alive "$DL_PID_2"; }
both_big() { [ "$(big_gets 1)" -ge 1 ] && [ "$(big_gets 2)" -ge 1 ]; }
dl_start 1
wait_for 30 one_big
dl_start 2
check "maintenance: two downloads through $VA, one served by r1, one by r2" \
	wait_for 30 both_big
echo 1 >"$MAINT"
drained() { w_is $VA $R2 0 && w_is $VA $R1 2; }
check "maintenance: the file puts r2 at weight 0 in $VA, r1 keeps weight 2" \
	waited 60 drained
show_table
check "maintenance: r2 is still in $VB at weight 3 (no FILE_CHECK there)" w_is $VB $R2 3
check "maintenance: both downloads are still open at weight 0" \
	dl_running
check "maintenance: r2 at weight 0 still has its active connection (draining)" \
	active_ge $VA $R2 1
h2=$(hits 2)
h1=$(hits 1)
got=$(curls $VA 4)
diag "answers from $VA: ${got//$'\n'/ }"
check "maintenance: new connections through $VA all go to r1" only "${NS}r1" "$got"
check "maintenance: r2's server logged no new request, r1's logged 4" \
	hits_are 2 "$h2" 1 $((h1 + 4))
touch "$WORK/go"
dl_done() { dead "$DL_PID_1" && dead "$DL_PID_2"; }
wait_for 120 dl_done
size=$(($(wc -c <"$WORK/www-r1/big.bin")))
dl_ok() {
	local n
	for n in 1 2; do
		diag "download $n: curl exit $(cat "$WORK/dl$n.rc" 2>/dev/null), $(wc -c <"$WORK/dl$n.bin") bytes of $size, from $(head -1 "$WORK/dl$n.bin")"
	done
	for n in 1 2; do
		[ "$(cat "$WORK/dl$n.rc" 2>/dev/null)" = 0 ] || return 1
		[ "$(($(wc -c <"$WORK/dl$n.bin")))" = "$size" ] || return 1
	done
	head -qn1 "$WORK/dl1.bin" "$WORK/dl2.bin" | grep -qx "${NS}r2"
}
check "maintenance: both downloads completed whole, the one from drained r2 included" dl_ok
echo 0 >"$MAINT"
back2() { w_is $VA $R2 3 && w_is $VA $R1 2; }
check "maintenance over: r2 back at weight 3 in $VA" waited 60 back2
got=$(curls $VA 4)
diag "answers from $VA: ${got//$'\n'/ }"
check "maintenance over: traffic through $VA reaches r2 again" grep -qx "${NS}r2" <<<"$got"

phase "r1 dies"
# ---- a real server dies ----------------------------------------------------------
check "r1's HTTP server stopped" hs_stop 1
r1_out() { absent $VA $R1 && w_is $VB $R1 0; }
check "r1 dead: removed from $VA, at weight 0 in $VB (inhibit_on_failure)" \
	waited 60 r1_out
show_table
r2_kept() { w_is $VA $R2 3 && w_is $VB $R2 3 && absent $VA $R3; }
check "r1 dead: r2 keeps its weights, no sorry server" \
	r2_kept
h2=$(hits 2)
got=$(curls $VA 4)
diag "answers from $VA: ${got//$'\n'/ }"
check "r1 dead: every request through $VA answered, by r2" only "${NS}r2" "$got"
got=$(curls $VB 4)
diag "answers from $VB: ${got//$'\n'/ }"
check "r1 dead: every request through $VB answered, by r2 (r1 at weight 0 gets none)" \
	only "${NS}r2" "$got"
check "r1 dead: r2's server logged all 8 requests" hits_are 2 $((h2 + 8))

phase "r2 dies"
# ---- all die: the sorry server ------------------------------------------------------
check "r2's HTTP server stopped" hs_stop 2
sorry_in() {
	absent $VA $R1 && absent $VA $R2 && [ -n "$(weight $VA $R3)" ] &&
		w_is $VB $R1 0 && w_is $VB $R2 0
}
check "all dead: $VA has only the sorry server; $VB keeps both at weight 0" \
	waited 60 sorry_in
show_table
h3=$(hits 3)
got=$(curls $VA 4)
diag "answers from $VA: ${got//$'\n'/ }"
check "all dead: the sorry server (r3) answers every request through $VA" \
	only "${NS}r3" "$got"
check "all dead: r3's server logged the 4 requests" hits_are 3 $((h3 + 4))
got=$(curls $VB 2)
diag "answers from $VB: ${got//$'\n'/ }"
check "all dead: $VB (no sorry server) answers nothing" only - "$got"

phase "they return"
# ---- they return ----------------------------------------------------------------
for n in 1 2; do hs_start $n; done
for n in 1 2; do hs_ready $n || diag "r$n's HTTP server did not restart"; done
check "all back: both in both services at their weights, the sorry server out" \
	waited 60 all_up
show_table
h3=$(hits 3)
got=$(curls $VA 4)
diag "answers from $VA: ${got//$'\n'/ }"
check "all back: traffic through $VA reaches r1 and r2" \
	has_both "$got"
check "all back: the sorry server got no request" hits_are 3 "$h3"
got=$(curls $VB 4)
diag "answers from $VB: ${got//$'\n'/ }"
check "all back: traffic through $VB reaches r1 and r2" \
	has_both "$got"

phase end
stop_lb lb
done_testing
