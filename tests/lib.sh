# SPDX-License-Identifier: GPL-2.0-or-later
# tests/lib.sh: TAP output, a network namespace, and a vigild to drive, for
# the integration tests.  Every wait is bounded; cleanup stops what the test
# started by PID and deletes its namespace.
#
# Tests run in parallel (make -j check), so nothing a test uses is shared:
# its files (pid files, logs, FIFOs, sockets, captures, the SIGUSR1/SIGUSR2
# dump files) are under its own $WORK, its namespaces, and the processes
# and interfaces in them, are named after its pid ($$), and it stops only
# the processes it started, by pid.

set -u
: "${VIGILD:?VIGILD must name the vigild binary}"
: "${TOP_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"

T_N=0
T_FAIL=0
WORK=$(mktemp -d /tmp/vigil-test.XXXXXX)
NS="vigil-t$$"
VPID=
LOG="$WORK/log"
BG_PIDS= # monitors and captures, stopped at exit
# Where vigild writes its SIGUSR1 / SIGUSR2 dumps (/tmp/keepalived.data and
# .stats by default, which parallel tests would share).
export VIGIL_DATA_FILE="$WORK/keepalived.data"
export VIGIL_STATS_FILE="$WORK/keepalived.stats"

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

# usecs: the wall clock in microseconds.  secs_us SECONDS: "1.5" in
# microseconds.
usecs() { echo "${EPOCHREALTIME//[!0-9]/}"; }
secs_us() {
	local i=${1%.*} f=
	[ "$i" = "$1" ] || f=${1#*.}
	f="${f}000000"
	echo $((10#${i:-0} * 1000000 + 10#${f:0:6}))
}

# wait_for SECONDS COMMAND...: polls every 0.05 s until COMMAND succeeds;
# 1 once SECONDS (wall clock, however slow COMMAND is) have passed.
wait_for() {
	local end
	end=$(($(usecs) + $(secs_us "$1")))
	shift
	while :; do
		"$@" && return 0
		[ "$(usecs)" -lt "$end" ] || return 1
		sleep 0.05
	done
}
# always SECONDS COMMAND...: COMMAND holds at every poll (0.1 s) for
# SECONDS of wall clock (a measuring window); says where it failed as a
# TAP comment.
always() {
	local start end t
	start=$(usecs)
	end=$((start + $(secs_us "$1")))
	shift
	while :; do
		t=$(usecs)
		if ! "$@"; then
			t=$(((t - start) / 100000))
			diag "after $((t / 10)).$((t % 10)) s: '$*' no longer holds"
			return 1
		fi
		[ "$t" -lt "$end" ] || return 0
		sleep 0.1
	done
}

ns_create() {
	ip netns add "$NS"
	ip -n "$NS" link set lo up
}

# ns_lone_link: in $NS, a veth pair eth0/eth0p with no peer behind it and
# 192.0.2.1/24 on eth0: a lone VRRP instance becomes MASTER on it.
ns_lone_link() {
	ip -n "$NS" link add eth0 type veth peer name eth0p
	ip -n "$NS" link set eth0p up
	ip -n "$NS" link set eth0 up
	ip -n "$NS" addr add 192.0.2.1/24 dev eth0
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
	local f p
	if [ -n "$VPID" ]; then
		stop_pid "$VPID"
	fi
	for p in $BG_PIDS; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
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

# ---- address monitors -------------------------------------------------------

# An address monitor records `ip monitor address` of a namespace to
# WORK/KEY.addrmon.  A check that no address was added or removed means
# something only if the monitor records events, so amon_start returns only
# once it has seen a probe address come and go on the watched link, and
# amon_probe does that again (before such a check: the monitor still
# records).  The probes are outside the addresses the tests use as VIPs.
PROBE4=192.0.2.250
PROBE6=2001:db8:ffff::250

# amon_start KEY NETNS [DEV]: monitors NETNS; probes on DEV (eth0).
# 1 if the monitor did not record the probe within 5 s.
amon_start() {
	local f="$WORK/$1.addrmon"
	: >"$f"
	ip -n "$2" monitor address >>"$f" 2>&1 &
	BG_PIDS="$BG_PIDS $!"
	eval "AMON_PID_$1=$!"
	eval "AMON_NS_$1=\$2"
	eval "AMON_DEV_$1=\${3:-eth0}"
	amon_probe "$1"
}
amon_stop() {
	local p
	p=$(eval "echo \${AMON_PID_$1:-}")
	[ -n "$p" ] && kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	eval "AMON_PID_$1="
}
# amon_probe KEY: adds and deletes PROBE4 and PROBE6 on the watched link;
# 0 when the monitor recorded all four events.  ip monitor has no ready
# signal (an event before it subscribed is lost), so the probe is repeated
# each second, 5 times at most.
amon_probe() {
	local ns dev a4 d4 a6 d6 try
	ns=$(eval "echo \${AMON_NS_$1:-}")
	dev=$(eval "echo \${AMON_DEV_$1:-}")
	[ -n "$ns" ] || return 1
	a4=$(amon_adds "$1" "$PROBE4")
	d4=$(amon_dels "$1" "$PROBE4")
	a6=$(amon_adds "$1" "$PROBE6")
	d6=$(amon_dels "$1" "$PROBE6")
	for try in 1 2 3 4 5; do
		ip -n "$ns" addr add "$PROBE4/32" dev "$dev"
		ip -n "$ns" addr del "$PROBE4/32" dev "$dev"
		ip -n "$ns" addr add "$PROBE6/128" dev "$dev" nodad
		ip -n "$ns" addr del "$PROBE6/128" dev "$dev"
		wait_for 1 amon_seen "$1" "$PROBE4" $((a4 + 1)) $((d4 + 1)) &&
			wait_for 1 amon_seen "$1" "$PROBE6" $((a6 + 1)) $((d6 + 1)) &&
			return 0
	done
	diag "address monitor $1 recorded no probe in $try tries"
	return 1
}
# amon_seen KEY ADDR ADDS DELS: at least ADDS additions and DELS deletions
# of ADDR recorded.
amon_seen() {
	[ "$(amon_adds "$1" "$2")" -ge "$3" ] &&
		[ "$(amon_dels "$1" "$2")" -ge "$4" ]
}
# amon_adds KEY [ADDR]: additions recorded (of ADDR, or of any address in
# 192.0.2.100-199 / 198.51.100/24 / 203.0.113/24 / 2001:db8::1xx when ADDR
# is empty: the VIP ranges the tests use).
amon_adds() {
	local f="$WORK/$1.addrmon"
	if [ -n "${2:-}" ]; then
		grep -v '^Deleted' "$f" | grep -c " inet6\{0,1\} $2/"
	else
		grep -v '^Deleted' "$f" | grep -Ec ' inet6? (192\.0\.2\.1[0-9][0-9]|198\.51\.100\.[0-9]+|203\.0\.113\.[0-9]+|2001:db8:[0-9a-f:]*:1[0-9a-f][0-9a-f])/'
	fi
}
# amon_dels KEY ADDR: deletions of ADDR recorded.
amon_dels() {
	grep '^Deleted' "$WORK/$1.addrmon" | grep -c " inet6\{0,1\} $2/"
}

# ---- capture markers ----------------------------------------------------------

# pcap_mark NETNS IF PCAP: sends a marker frame (EtherType 0x88b5, local
# experimental, to no one: 02:00:00:00:00:00) out of IF, and waits (10 s)
# until the capture PCAP, running on IF, has written it.  At the start of
# a capture that proves it records; at its end, that every frame it saw
# before is in the file.  A capture filter must let 0x88b5 through.
pcap_mark() {
	local n
	n=$(pcap_marks "$3")
	ip netns exec "$1" /usr/bin/python3 -c '
import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
mac = s.getsockname()[4]
s.send(b"\x02\0\0\0\0\0" + mac + b"\x88\xb5" + b"vigil-test-mark".ljust(46, b"\0"))
' "$2" || return 1
	wait_for 10 pcap_marks_gt "$3" "$n"
}
# pcap_marks PCAP: how many marker frames the capture file holds.
pcap_marks() {
	# One line per frame; its hex dump's lines start with a tab.
	tcpdump -r "$1" -nn 'ether proto 0x88b5' 2>/dev/null | grep -c '^[^[:space:]]'
}
pcap_marks_gt() { [ "$(pcap_marks "$1")" -gt "$2" ]; }
