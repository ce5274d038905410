#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# reload.sh: SIGHUP with a broken file keeps the running configuration and
# logs why; with a good one every child applies it before the reload is
# logged complete; a SIGHUP during a reload is queued, not lost; systemd
# hears READY/RELOADING.
# Topology: one namespace, loopback only; a unix datagram socket standing
# in for systemd's notify socket.
. "$(dirname "$0")/../lib.sh"

ns_create
conf="$WORK/k.conf"
write_conf "$conf" first
sock="$WORK/notify.sock"
python3 "$TOP_SRCDIR/tests/dgram_listen.py" "$sock" 120 STOPPING=1 >"$WORK/notify.out" &
NPID=$!
wait_for 10 test -S "$sock"
NOTIFY_SOCKET="$sock" start_vigild "$conf" --all
check "children apply generation 1" wait_for 10 log_count_is 'configuration generation 1 applied' 3
check "systemd hears READY=1 once children applied it" \
	wait_for 10 grep -q "^READY=1" "$WORK/notify.out"
pids_before=$(cat "$WORK/vrrp.pid" "$WORK/checkers.pid" "$WORK/ipvs.pid")

# A broken file: errors logged, old configuration kept.
printf 'global_defs {\n    router_id second\n    bogus_keyword 1\n' >"$conf"
kill -HUP "$VPID"
check "a broken reload logs the error with its position" \
	wait_for 10 log_has "k.conf:3:5: error: unknown keyword 'bogus_keyword'"
check "a broken reload says the running configuration stays" \
	wait_for 10 log_has "reload failed: configuration has errors; keeping generation 1"
check "no child got the broken configuration" \
	log_count_is 'configuration generation 2 applied' 0
check "systemd hears RELOADING=1 with MONOTONIC_USEC" \
	wait_for 10 grep -q "^RELOADING=1 MONOTONIC_USEC=[0-9]" "$WORK/notify.out"
kill -USR1 "$VPID"
check "the running configuration is still the first" wait_for 10 \
	grep -q "^ *router_id first\$" "$VIGIL_DATA_FILE"

# A good file: every child applies it, then the reload is complete.
write_conf "$conf" second
kill -HUP "$VPID"
check "a good reload completes" wait_for 10 \
	log_has "reload complete: configuration generation 2 applied"
check "every child applied generation 2" \
	log_count_is ']: configuration generation 2 applied' 3
line_done=$(grep -n "reload complete: configuration generation 2" "$LOG" | cut -d: -f1)
line_last=$(grep -n "]: configuration generation 2 applied" "$LOG" | tail -1 | cut -d: -f1)
check "the reload is complete only after the children's answers" \
	test "$line_done" -gt "$line_last"
check "no child was restarted by the reload" test \
	"$(cat "$WORK/vrrp.pid" "$WORK/checkers.pid" "$WORK/ipvs.pid")" = "$pids_before"
kill -USR1 "$VPID"
check "the new configuration runs" wait_for 10 \
	grep -q "^ *router_id second\$" "$VIGIL_DATA_FILE"

# A SIGHUP during a reload is queued: hold the vrrp child so it cannot
# answer, send two SIGHUPs, release it.
vrrp=$(pidof_child vrrp)
kill -STOP "$vrrp"
write_conf "$conf" third
kill -HUP "$VPID"
check "reload 3 starts" wait_for 10 \
	log_count_is ']: configuration generation 3 applied' 2
kill -HUP "$VPID"
check "a SIGHUP during a reload is queued" \
	wait_for 10 log_has "reload requested while one is running; queued"
check "reload 3 waits for the held child" \
	test "$(log_count 'reload complete: configuration generation 3')" = 0
kill -CONT "$vrrp"
check "reload 3 completes once the child answers" wait_for 10 \
	log_has "reload complete: configuration generation 3 applied"
check "the queued reload runs after it" wait_for 10 \
	log_has "reload complete: configuration generation 4 applied"

kill -TERM "$VPID"
check "vigild stops" wait_for 15 dead "$VPID"
check "systemd hears STOPPING=1" wait_for 10 grep -q "^STOPPING=1" "$WORK/notify.out"
wait "$NPID" 2>/dev/null
done_testing
