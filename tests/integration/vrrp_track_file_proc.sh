#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_track_file_proc.sh: track_file and vrrp_track_process drive a
# running instance.  A lone node's VI_1 tracks a file with weight 0: a
# non-zero value is a FAULT (the VIP goes), 0 clears it.  VI_2 tracks a
# process (quorum 1, weight 0): with no such process it is in FAULT, one
# started brings it up, killing it puts it back in FAULT.
# Topology: node a (192.0.2.11) alone; VI_1 VRID 51 VIP 192.0.2.100,
# VI_2 VRID 52 VIP 192.0.2.101; advert_int 1.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

topo_create 2 || exit 1
# A program name no other process has: a copy of sleep.
prog="vt$$"
cp "$(command -v sleep)" "$WORK/$prog"
echo 0 >"$WORK/state"
conf_global "$WORK/a.conf" a
cat >>"$WORK/a.conf" <<CONF
track_file tf {
    file $WORK/state
    weight 0
}
vrrp_track_process tp {
    process $prog
    quorum 1
    weight 0
}
CONF
conf_instance "$WORK/a.conf" VI_1 vrid=51 prio=100 \
	"line=track_file { tf }"
conf_instance "$WORK/a.conf" VI_2 vrid=52 prio=100 vip=192.0.2.101/24 \
	"line=track_process { tp }"
faults() { grep -c "VRRP_Instance(VI_$1) Entering FAULT" "$(node_log a)"; }
start_node a vigild "$WORK/a.conf"
check "file 0: VI_1 becomes master" wait_vip a "$VIP4" 15
check "no process: VI_2 is in FAULT" wait_for 10 test "$(faults 2)" -ge 1
check "no process: VI_2 holds no VIP" node_lacks_vip a 192.0.2.101
echo 1 >"$WORK/state"
check "file 1: VI_1 goes to FAULT and drops the VIP" wait_no_vip a "$VIP4" 10
check "file 1: one FAULT transition" test "$(faults 1)" -eq 1
echo 0 >"$WORK/state"
check "file 0 again: VI_1 is master again" wait_vip a "$VIP4" 15
"$WORK/$prog" 600 &
ppid=$!
check "process up: VI_2 becomes master" wait_vip a 192.0.2.101 15
kill "$ppid"
wait "$ppid" 2>/dev/null
check "process gone: VI_2 drops the VIP" wait_no_vip a 192.0.2.101 10
check "process gone: VI_2 in FAULT again" test "$(faults 2)" -ge 2
stop_node a
done_testing
