# SPDX-License-Identifier: GPL-2.0-or-later
# tests/lib.sh: TAP output, a network namespace, and a vigild to drive, for
# the integration tests.  Every wait is bounded; cleanup stops what the test
# started by PID and deletes its namespace.

set -u
: "${VIGILD:?VIGILD must name the vigild binary}"
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"

T_N=0
T_FAIL=0
WORK=$(mktemp -d /tmp/vigil-test.XXXXXX)
NS="vigil-t$$"
VPID=
LOG="$WORK/log"

ok() { T_N=$((T_N + 1)); echo "ok $T_N - $*"; }
not_ok() {
	T_N=$((T_N + 1))
	T_FAIL=$((T_FAIL + 1))
	echo "not ok $T_N - $*"
}
# check DESCRIPTION COMMAND...: one TAP line from the command's status.
check() {
	local d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}
diag() { echo "# $*"; }
done_testing() {
	echo "1..$T_N"
	if [ "$T_FAIL" -gt 0 ] && [ -f "$LOG" ]; then
		diag "vigild log:"
		sed 's/^/#   /' "$LOG" | tail -60
	fi
}

# wait_for SECONDS COMMAND...: polls every 0.05 s; 1 on timeout.
wait_for() {
	local limit=$1 i=0
	shift
	while [ "$i" -lt $((limit * 20)) ]; do
		"$@" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

ns_create() {
	ip netns add "$NS"
	ip -n "$NS" link set lo up
}

alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
dead() { ! alive "$1"; }

# stop_pid PID: TERM, then KILL after 10 s.
stop_pid() {
	local pid=$1
	alive "$pid" || return 0
	kill -TERM "$pid" 2>/dev/null
	wait_for 10 dead "$pid" || kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	return 0
}

cleanup() {
	local f
	if [ -n "$VPID" ]; then
		stop_pid "$VPID"
	fi
	for f in "$WORK"/*.pid; do
		[ -f "$f" ] && stop_pid "$(cat "$f")"
	done
	ip netns del "$NS" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT

# The pid-file and logging flags every test run uses.
vigild_flags() {
	printf '%s ' -n -l -G -p "$WORK/vigild.pid" -r "$WORK/vrrp.pid" \
	    -c "$WORK/checkers.pid" --ipvs_pid "$WORK/ipvs.pid"
}

# start_vigild CONF [ARGS...]: runs vigild in the foreground, in $NS, in
# the background of this shell; VPID is its pid.
start_vigild() {
	local conf=$1
	shift
	# shellcheck disable=SC2046
	"$VIGILD" $(vigild_flags) -s "$NS" -f "$conf" "$@" >>"$LOG" 2>&1 &
	VPID=$!
}

log_has() { grep -q -- "$1" "$LOG"; }
log_count() { grep -c -- "$1" "$LOG"; }
pidof_child() { cat "$WORK/$1.pid" 2>/dev/null; }
# The processes whose parent is $1, as "pid args" lines.
children_of() { ps --ppid "$1" -o pid=,args= 2>/dev/null; }
child_count() { children_of "$1" | grep -c 'vigild: '; }
has_child_title() { children_of "$VPID" | grep -q "vigild: $1\$"; }

# A global_defs-only configuration.
write_conf() {
	cat >"$1" <<CONF
child_wait_time 2
global_defs {
    router_id ${2:-test1}
}
CONF
}

# Predicates for wait_for, evaluated afresh at each poll.
n_children() { [ "$(child_count "$1")" = "$2" ]; }
log_count_is() { [ "$(log_count "$1")" = "$2" ]; }
log_count_ge() { [ "$(log_count "$1")" -ge "$2" ]; }
file_is() { [ "$(cat "$1" 2>/dev/null)" = "$2" ]; }
