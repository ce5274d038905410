#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# logging.sh: syslog with the -S facility, -G, -l, -D debug lines, -d dump
# at start, and a broken configuration refusing to start.
# Topology: one namespace, loopback only; a unix datagram socket standing
# in for /dev/log, in a private mount namespace whose /dev is a tmpfs of
# links to the real /dev's entries plus log: the machine's /dev/log (if
# any) is not touched, and no other test's daemon logs to this socket.
. "$(dirname "$0")/../lib.sh"

ns_create
conf="$WORK/k.conf"
write_conf "$conf" logtest

# -- syslog: facility local3 (-S 3), no console.
sock="$WORK/devlog.sock"
python3 "$TOP_SRCDIR/tests/dgram_listen.py" "$sock" 30 >"$WORK/syslog.out" &
LPID=$!
wait_for 10 test -S "$sock"
mkdir "$WORK/dev.real"
unshare -m sh -c "set -e
	mount --rbind /dev '$WORK/dev.real'
	mount -t tmpfs -o mode=0755 vigil-test-dev /dev
	for e in '$WORK'/dev.real/*; do ln -s \"\$e\" /dev/; done
	ln -sf '$sock' /dev/log
	exec '$VIGILD' -n -S 3 -p '$WORK/vigild.pid' -r '$WORK/vrrp.pid' \
	    -c '$WORK/checkers.pid' --ipvs_pid '$WORK/ipvs.pid' -s '$NS' \
	    -f '$conf' --all" >"$WORK/console.out" 2>&1 &
VPID=$!
# local3 (19) * 8 + info (6) = 158
check "syslog gets info lines with facility local3" wait_for 10 \
	grep -q '^<158>.*vigild\[[0-9]*\]: vigild: starting with configuration' \
	"$WORK/syslog.out"
check "children log to syslog with their own prefix" wait_for 10 \
	grep -q '^<158>.*: vrrp: configuration generation 1 applied' \
	"$WORK/syslog.out"
stop_pid "$VPID"
VPID=
kill "$LPID" 2>/dev/null
wait "$LPID" 2>/dev/null
check "without -l nothing goes to the console" test ! -s "$WORK/console.out"

# -- -D: debug lines appear only with it; -d dumps the model at start.
start_vigild "$conf" --all -D -d
check "-d logs the parsed model at start" wait_for 10 log_has "vigild\[.*\]:     router_id logtest"
check "-D: children run" wait_for 10 log_count_is ']: configuration generation 1 applied' 3
check "-D shows debug lines" \
	wait_for 10 log_has "sent configuration generation 1 (.* bytes) to the vrrp child"
stop_pid "$VPID"
VPID=
: >"$LOG"
start_vigild "$conf" --all
check "without -D: children run" wait_for 10 log_count_is ']: configuration generation 1 applied' 3
check "without -D no debug lines" eval '! log_has "sent configuration generation"'
check "without -d no model dump" eval '! log_has "    router_id logtest"'
stop_pid "$VPID"
VPID=

# -- A broken configuration: vigild does not start, and says why.
printf 'global_defs {\n    router_id\n}\n' >"$WORK/bad.conf"
"$VIGILD" -n -G -p "$WORK/vigild.pid" -r "$WORK/vrrp.pid" \
	-c "$WORK/checkers.pid" --ipvs_pid "$WORK/ipvs.pid" -s "$NS" \
	-f "$WORK/bad.conf" >"$WORK/bad.out" 2>&1
check "a broken configuration at start exits non-zero" test $? -ne 0
check "the error is printed with its position" grep -q \
	"bad.conf:2:5: error: 'router_id' is missing its argument" "$WORK/bad.out"
check "no pid file is left behind" test ! -e "$WORK/vigild.pid"
done_testing
