#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# signals.sh: SIGTERM stops children then parent and removes pid files;
# a child that ignores the stop is killed after child_wait_time; SIGUSR1 /
# SIGUSR2 write the data and stats files; daemon mode returns once the pid
# file is written; a second instance with the same pid file refuses.
# Topology: one namespace, loopback only.
. "$(dirname "$0")/../lib.sh"

ns_create
conf="$WORK/k.conf"
write_conf "$conf"
start_vigild "$conf" --all
check "three children start" wait_for 10 n_children "$VPID" 3
check "configuration applied" wait_for 10 log_count_is 'configuration generation 1 applied' 3

rm -f "$VIGIL_DATA_FILE" "$VIGIL_STATS_FILE"
kill -USR1 "$VPID"
check "SIGUSR1 writes the data file (VIGIL_DATA_FILE)" wait_for 10 \
	grep -q "^ vrrp: pid $(pidof_child vrrp)," "$VIGIL_DATA_FILE"
kill -USR2 "$VPID"
check "SIGUSR2 writes the stats file (VIGIL_STATS_FILE)" wait_for 10 \
	grep -q "^ Reloads applied = 0" "$VIGIL_STATS_FILE"
check "the children ignore SIGUSR1 (still alive)" alive "$(pidof_child checkers)"

"$VIGILD" $(vigild_flags) -s "$NS" -f "$conf" --all >"$WORK/second.out" 2>&1
check "a second vigild with the same pid file refuses to start" test $? -ne 0
check "it says one is running" grep -q "vigild is already running (pid $VPID" "$WORK/second.out"

pids="$VPID $(cat "$WORK/vrrp.pid" "$WORK/checkers.pid" "$WORK/ipvs.pid")"
kill -TERM "$VPID"
check "SIGTERM stops the parent" wait_for 15 dead "$VPID"
wait "$VPID"
check "SIGTERM exits 0" test $? -eq 0
for p in $pids; do
	check "process $p is gone" dead "$p"
done
check "pid files are removed" test -z "$(ls "$WORK"/*.pid 2>/dev/null)"
check "each child logs its stop" test "$(log_count '\]: stopped$')" -ge 4
VPID=

# A child that does not stop in time is killed (child_wait_time 2 s).
: >"$LOG"
start_vigild "$conf" --all
check "restarted for the stop-timeout case" wait_for 10 log_count_is 'configuration generation 1 applied' 3
stuck=$(pidof_child ipvs)
kill -STOP "$stuck"
kill -TERM "$VPID"
check "a child that does not stop is killed after child_wait_time" \
	wait_for 15 log_has "ipvs child (pid $stuck) did not stop in time; killing it"
check "then the parent is gone" wait_for 15 dead "$VPID"
check "and so is the stuck child" dead "$stuck"
VPID=

# Without VIGIL_DATA_FILE / VIGIL_STATS_FILE the dumps go where
# keepalived's do, /tmp/keepalived.data and .stats.  No other test writes
# them (tests/lib.sh names files of the test's own), and each check looks
# for this daemon's own pids.
: >"$LOG"
# (empty is as unset)
VIGIL_DATA_FILE= VIGIL_STATS_FILE= start_vigild "$conf" --all
check "default dump paths: vigild runs" wait_for 10 \
	log_count_is 'configuration generation 1 applied' 3
kill -USR1 "$VPID"
check "SIGUSR1 writes /tmp/keepalived.data by default" wait_for 10 \
	grep -qs "^ vrrp: pid $(pidof_child vrrp)," /tmp/keepalived.data
kill -USR2 "$VPID"
check "SIGUSR2 writes /tmp/keepalived.stats by default" wait_for 10 \
	grep -qs "^ pid $(pidof_child ipvs), configuration generation 1" /tmp/keepalived.stats
stop_pid "$VPID"
VPID=
rm -f /tmp/keepalived.data /tmp/keepalived.stats

# Daemon mode: the command returns once the daemon's pid file exists.
: >"$LOG"
"$VIGILD" -l -G -p "$WORK/vigild.pid" -r "$WORK/vrrp.pid" \
	-c "$WORK/checkers.pid" --ipvs_pid "$WORK/ipvs.pid" -s "$NS" \
	-f "$conf" --all 2>>"$LOG"
check "daemon mode: the command exits 0" test $? -eq 0
dpid=$(cat "$WORK/vigild.pid" 2>/dev/null)
check "daemon mode: the pid file is there when the command returns" alive "$dpid"
check "daemon mode: the daemon starts its children" \
	wait_for 10 n_children "$dpid" 3
kill -HUP "$dpid"
check "daemon mode: a relative -f survives chdir / for reloads" \
	wait_for 10 log_has "reload complete: configuration generation 2 applied"
kill -TERM "$dpid"
check "daemon mode: SIGTERM stops it" wait_for 15 dead "$dpid"
done_testing
