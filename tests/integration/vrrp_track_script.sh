#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_track_script.sh: track_script with weights and fall/rise counts.
# The script logs each run and exits with the number in a state file.
# - weight -20 on the master a (150): after `fall` (3) failed runs it
#   advertises 130, after `rise` (2) good runs 150 again;
# - weight -60 on the master a: 90 is below b's 100, so b takes over, and
#   a preempts when its script succeeds again;
# - weight +60 on the backup b (100): while its script succeeds b has 160
#   and takes the VIP from a (150); when it fails b is back at 100;
# - no weight: a failing script puts the instance in FAULT.
# The runs are counted against the capture: between the state change and
# the first advert with the new priority there are `fall` (or `rise`)
# runs, one more at most (the advert may wait for its timer).
# Topology: nodes a, b on one bridge; VRID 51, VIP 192.0.2.100/24,
# advert_int 1; scripts run every second.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1

# mkscript NODE: WORK/NODE.chk (state file WORK/NODE.state, run log
# WORK/NODE.runs).
mkscript() {
	printf '#!/bin/sh\ndate +%%s.%%N >>%s\nexit "$(cat %s)"\n' \
		"$WORK/$1.runs" "$WORK/$1.state" >"$WORK/$1.chk"
	chmod 755 "$WORK/$1.chk"
	echo "${2:-0}" >"$WORK/$1.state"
	: >"$WORK/$1.runs"
}
# runs_between NODE T0 T1: script runs of NODE started in (T0, T1).
runs_between() {
	awk -v a="$2" -v b="$3" '$1 > a && $1 < b' "$WORK/$1.runs" | wc -l
}
# first_prio NODE PRIO T CAP: time of NODE's first advert with PRIO after T.
first_prio() {
	cap_fields "$4" "$(advert_filter "$(node_addr "$1")") && vrrp.prio == $2 && frame.time_epoch > $3" frame.time_epoch | head -1
}
# conf NODE PRIO WEIGHT|none
conf() {
	local f="$WORK/$1.conf" w=
	[ "$3" != none ] && w=" weight $3"
	conf_global "$f" "$1"
	conf_script "$f" chk "$WORK/$1.chk" interval=1 fall=3 rise=2
	conf_instance "$f" VI_1 prio="$2" "line=track_script {" \
		"line=    chk$w" "line=}"
}
in_range() { [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }
# runs_ge NODE N: the node's script has run at least N times.
runs_ge() { [ "$(grep -c . "$WORK/$1.runs")" -ge "$2" ]; }
# advertised NODE PRIO T CAP [SECONDS=10]: waits until NODE advertises
# PRIO after T.
advertised() { cap_wait "$4" "$(advert_bpf "$(node_addr "$1")" "$2")" "$3" "${5:-10}"; }

# Fall and rise counted on the wire: weight -20 on the master a (150 ->
# 130, still above b's 100, so a stays master and advertises each change).
mkscript a 0
conf a 150 -20
conf_global "$WORK/b.conf" b
conf_instance "$WORK/b.conf" VI_1 prio=100
check "count: the capture records (marker)" cap_start count
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "count: a becomes master" wait_master a "$VIP4" 15
check "count: a's script runs" wait_for 5 test -s "$WORK/a.runs"
# Good runs past rise=2: the script is up, a advertises 150.
check "count: a's script has run twice" wait_for 5 runs_ge a 2
t0=$(now)
check "count: a advertises priority 150" \
	advertised a 150 "$t0" count
t1=$(now)
echo 1 >"$WORK/a.state"
check "count: a's failing script lowers its priority" \
	advertised a 130 "$t1" count 15
t2=$(now)
echo 0 >"$WORK/a.state"
check "count: a's good script restores it" \
	advertised a 150 "$t2" count 15
check "count: a stayed master throughout" master_is a "$VIP4"
stop_node a
stop_node b
cap_stop count
p130=$(first_prio a 130 "$t1" count)
p150=$(first_prio a 150 "$t2" count)
check "count: a advertised priority 130 (150 - 20)" test -n "$p130"
check "count: a advertised priority 150 again" test -n "$p150"
n=$(runs_between a "$t1" "${p130:-0}")
diag "failed runs before priority 130: $n"
check "count: priority dropped after fall=3 failed runs ($n)" in_range "$n" 3 4
n=$(runs_between a "$t2" "${p150:-0}")
diag "good runs before priority 150: $n"
check "count: priority restored after rise=2 good runs ($n)" in_range "$n" 2 3

# Weight -60 on the master: 90 is below b's 100, the VIP moves.
mkscript a 0
conf a 150 -60
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "down: a becomes master" wait_master a "$VIP4" 15
check "down: a's script runs" wait_for 5 test -s "$WORK/a.runs"
echo 1 >"$WORK/a.state"
check "down: a's script fails: the VIP moves to b" wait_master b "$VIP4" 20
echo 0 >"$WORK/a.state"
check "down: a's script succeeds again: a preempts" wait_master a "$VIP4" 20
stop_node a
stop_node b

# Weight up on the backup: b's script starts failing, then succeeds.
mkscript b 1
conf b 100 60
conf_global "$WORK/a.conf" a
conf_instance "$WORK/a.conf" VI_1 prio=150
check "up: the capture records (marker)" cap_start up
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "up: a becomes master" wait_master a "$VIP4" 15
check "up: b's script runs" wait_for 5 test -s "$WORK/b.runs"
# Failed runs past fall=3: the script is down, b stays at 100.
check "up: b's script has run three times" wait_for 10 runs_ge b 3
t1=$(now)
echo 0 >"$WORK/b.state"
check "up: b's script succeeds: b (160) takes the VIP" \
	wait_master b "$VIP4" 20
check "up: b advertises priority 160 (100 + 60)" \
	advertised b 160 "$t1" up
echo 1 >"$WORK/b.state"
check "up: b's script fails: a takes the VIP back" wait_master a "$VIP4" 20
stop_node a
stop_node b
cap_stop up

# No weight: FAULT.
mkscript a 0
conf a 150 none
conf_global "$WORK/b.conf" b
conf_instance "$WORK/b.conf" VI_1 prio=100
start_node a "$(impl)" "$WORK/a.conf"
start_node b "$(impl)" "$WORK/b.conf"
check "fault: a becomes master" wait_master a "$VIP4" 15
echo 1 >"$WORK/a.state"
check "fault: the VIP moves to b" wait_master b "$VIP4" 20
check "fault: a logs FAULT" \
	wait_for 5 grep -q "Entering FAULT STATE" "$(node_log a)"
echo 0 >"$WORK/a.state"
check "fault: a recovers and preempts" wait_master a "$VIP4" 20
stop_node a
stop_node b
done_testing
