#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_script_missing.sh: a track script that is not deployed yet neither
# stops the daemon nor is ignored: it counts as failing, with "script not
# found" in the log once, until the file appears and runs.
# - vigild -t warns (FILE:LINE:COL) and exits 0;
# - no weight: a (150) starts in FAULT, b (100) is master; the script is
#   created and a recovers and preempts;
# - weight -60: a advertises 90, below b's 100, so b is master; the
#   script is created and a is back at 150 and preempts.
# Once it exists the script records its scheduling policy: scripts run
# with normal scheduling (SCHED_OTHER) while the VRRP child runs SCHED_RR
# by default, when the kernel allows it.
# Topology: nodes a, b on one bridge; VRID 51, VIP 192.0.2.100/24,
# advert_int 1; the script runs every second.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1

# conf NODE PRIO WEIGHT|none: NODE tracks WORK/NODE.chk, which is missing.
conf() {
	local f="$WORK/$1.conf" w=
	[ "$3" != none ] && w=" weight $3"
	conf_global "$f" "$1"
	conf_script "$f" chk "$WORK/$1.chk" interval=1
	conf_instance "$f" VI_1 prio="$2" "line=track_script {" \
		"line=    chk$w" "line=}"
}
# policy_of PID: the scheduling policy of a process (0 SCHED_OTHER, 2
# SCHED_RR): field 41 of /proc/PID/stat, the 39th after the command name,
# which may hold blanks.
policy_of() { sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | awk '{print $39}'; }
# deploy NODE: creates the script; it writes its own scheduling policy
# and succeeds.
deploy() {
	{
		echo '#!/bin/sh'
		echo "$(declare -f policy_of)"
		echo "policy_of \$\$ >'$WORK/$1.policy'"
		echo 'exit 0'
	} >"$WORK/$1.chk.tmp"
	chmod 755 "$WORK/$1.chk.tmp"
	mv "$WORK/$1.chk.tmp" "$WORK/$1.chk"
}

rm -f "$WORK/a.chk"
conf a 150 none
conf_global "$WORK/b.conf" b
conf_instance "$WORK/b.conf" VI_1 prio=100

out=$(ip netns exec "$(node_ns a)" "$VIGILD" -t -f "$WORK/a.conf" 2>&1)
rc=$?
check "-t: a missing track script is not an error (exit 0)" test "$rc" -eq 0
check "-t: it is a warning at FILE:LINE:COL" grep -Eq \
	"a\.conf:[0-9]+:[0-9]+: warning: script '$WORK/a\.chk': '$WORK/a\.chk' is not found; the check fails until it is there" \
	<<<"$out"
[ "$rc" -eq 0 ] || diag "$out"

# No weight: FAULT until the script is there.
start_node a vigild "$WORK/a.conf"
start_node b vigild "$WORK/b.conf"
check "fault: the start warns about the missing script" \
	wait_for 10 grep -q "is not found; the check fails until it is there" \
	"$(node_log a)"
check "fault: b becomes master" wait_master b "$VIP4" 15
check "fault: a's script fails with the reason" wait_for 5 grep -q \
	"VRRP_Script(chk) failed (script not found)" "$(node_log a)"
check "fault: a logs FAULT" \
	wait_for 5 grep -q "Entering FAULT STATE" "$(node_log a)"
# a measuring window: the script is tried every second meanwhile
sleep 3
n=$(grep -c "vrrp_script chk: cannot run '$WORK/a.chk': script not found" \
	"$(node_log a)")
check "fault: 'script not found' is logged once over several runs ($n)" \
	test "$n" -eq 1
check "fault: b is still master" master_is b "$VIP4"
deploy a
check "fault: the script deployed, a recovers and preempts" \
	wait_master a "$VIP4" 20
check "fault: a logs the script's success" \
	grep -q "VRRP_Script(chk) succeeded" "$(node_log a)"
check "the script runs with normal scheduling ($(cat "$WORK/a.policy"))" \
	file_is "$WORK/a.policy" 0
p=$(policy_of "$(vrrp_child_pid a)")
if grep -q "real-time scheduling (SCHED_RR priority 10) refused" \
	"$(node_log a)"; then
	diag "the kernel refused SCHED_RR here; the child runs normally"
	check "the VRRP child runs (normal scheduling, one warning)" \
		test "$p" = 0
else
	check "the VRRP child runs SCHED_RR by default ($p)" test "$p" = 2
fi
stop_node a
stop_node b

# Weight -60: the missing script lowers a to 90, below b.
rm -f "$WORK/a.chk" "$WORK/a.policy"
conf a 150 -60
start_node a vigild "$WORK/a.conf"
start_node b vigild "$WORK/b.conf"
check "weight: b is master while a's script is missing" \
	wait_master b "$VIP4" 15
check "weight: a's script fails with the reason" wait_for 5 grep -q \
	"VRRP_Script(chk) failed (script not found)" "$(node_log a)"
# a measuring window: b must stay master through several advert rounds
sleep 3
check "weight: b stays master (a advertises 90)" master_is b "$VIP4"
deploy a
check "weight: the script deployed, a (150) preempts" \
	wait_master a "$VIP4" 20
stop_node a
stop_node b
done_testing
