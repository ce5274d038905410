# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
# tests/vm/lib.sh: what a scenario run in the test guest (tests/vm/run.sh)
# sources.  It is tests/lib.sh (TAP output: ok, not_ok, check, diag,
# done_testing; wait_for, always; $WORK, $NS, start_vigild, stop_pid ...)
# plus the guest's own: vm_modprobe, and an LVS network of namespaces.
# The guest is a whole machine for one run: a scenario may load modules
# and change the root namespace's IPVS table; the runner clears the IPVS
# table and deletes every namespace after each scenario.

# shellcheck source=../lib.sh
. "$TOP_SRCDIR/tests/lib.sh"

# In the guest, not on the host: these tests change the kernel's state.
if [ "${VIGIL_VM:-}" != 1 ]; then
	echo "1..0 # SKIP not in the test guest (run it with tests/vm/run.sh)"
	trap - EXIT
	rm -rf "$WORK"
	exit 0
fi

# vm_modprobe MODULE...: loads the modules (and what they depend on) from
# the guest kernel's tree; says which failed as a TAP comment.  IPVS wants
# crc32c: its soft dependency is loaded first, which plain modprobe of
# ip_vs does not do on every kmod.
vm_modprobe() {
	local m rc=0
	for m in "$@"; do
		case $m in
		ip_vs*) modprobe crc32c_generic 2>/dev/null ;;
		esac
		if ! modprobe "$m" 2>"$WORK/modprobe.err"; then
			diag "modprobe $m: $(cat "$WORK/modprobe.err")"
			rc=1
		fi
	done
	return $rc
}

# ---- an LVS network ---------------------------------------------------------
#
#   client ns ${NS}c            director ns $NS               switch ns ${NS}s
#   eth0 192.0.2.2/24 --- eth0 192.0.2.1/24                    br0
#   (default via .1)          eth1 198.51.100.1/24 ----------- d0
#                                                    |-------- r1 --- ${NS}r1 eth0 198.51.100.11
#                                                    |-------- r2 --- ${NS}r2 eth0 198.51.100.12 ...
#
# The director forwards; the real servers route back through it (default
# via 198.51.100.1), as LVS-NAT wants.  VIPs go on the director's eth0
# (192.0.2.100-199).  vigild runs in $NS (start_vigild).
VM_NSES=

# vm_ns_add NAME: a namespace with lo up, deleted at exit.
vm_ns_add() {
	ip netns add "$1" || return 1
	ip -n "$1" link set lo up
	VM_NSES="$VM_NSES $1"
}

# vm_lvs_net [NREAL]: builds the network above with NREAL (2) real servers.
vm_lvs_net() {
	local n=${1:-2} i
	vm_modprobe veth bridge || return 1
	ns_create && VM_NSES="$VM_NSES $NS" || return 1
	vm_ns_add "${NS}c" && vm_ns_add "${NS}s" || return 1
	ip netns exec "$NS" sysctl -qw net.ipv4.ip_forward=1
	ip -n "$NS" link add eth0 type veth peer name eth0 netns "${NS}c"
	ip -n "$NS" addr add 192.0.2.1/24 dev eth0
	ip -n "${NS}c" addr add 192.0.2.2/24 dev eth0
	ip -n "$NS" link set eth0 up
	ip -n "${NS}c" link set eth0 up
	ip -n "${NS}c" route add default via 192.0.2.1
	ip -n "${NS}s" link add br0 type bridge
	ip -n "${NS}s" link set br0 up
	ip -n "$NS" link add eth1 type veth peer name d0 netns "${NS}s"
	ip -n "$NS" addr add 198.51.100.1/24 dev eth1
	ip -n "$NS" link set eth1 up
	ip -n "${NS}s" link set d0 master br0 up
	for i in $(seq 1 "$n"); do
		vm_ns_add "${NS}r$i" || return 1
		ip -n "${NS}r$i" link add eth0 type veth peer name "r$i" netns "${NS}s"
		ip -n "${NS}r$i" addr add "198.51.100.$((10 + i))/24" dev eth0
		ip -n "${NS}r$i" link set eth0 up
		ip -n "${NS}r$i" route add default via 198.51.100.1
		ip -n "${NS}s" link set "r$i" master br0 up
	done
}

# vm_http_server NETNS ADDR PORT: a python HTTP server in NETNS serving a
# directory whose index.html says "NETNS"; stopped at exit.  Returns once
# it answers (30 s: python is slow to start under TCG).
vm_http_server() {
	local d="$WORK/www-$1-$3"
	mkdir -p "$d"
	echo "$1" >"$d/index.html"
	ip netns exec "$1" /usr/bin/python3 -m http.server --bind "$2" \
		--directory "$d" "$3" >"$WORK/http-$1-$3.log" 2>&1 &
	BG_PIDS="$BG_PIDS $!"
	wait_for 30 ip netns exec "$1" curl -s -o /dev/null --max-time 2 "http://$2:$3/"
}

# vm_ping NETNS ADDR: one echo answered within 2 s (busybox's ping when
# iputils' is not installed).
vm_ping() {
	local ping=ping
	command -v ping >/dev/null || ping="busybox ping"
	# shellcheck disable=SC2086 # "busybox ping" is two words
	ip netns exec "$1" $ping -c1 -W2 "$2" >/dev/null 2>&1
}

# vm_curl NETNS URL: the body curl gets from URL, from NETNS (5 s at most).
vm_curl() {
	ip netns exec "$1" curl -s --max-time 5 "$2"
}

vm_cleanup() {
	local n
	cleanup
	for n in $VM_NSES; do
		ip netns del "$n" 2>/dev/null
	done
}
trap vm_cleanup EXIT

# ---- the implementation under test ------------------------------------------
#
# run.sh's FILE@keepalived runs a scenario with VIGIL_NODE_IMPL=keepalived:
# keepalived 2.2.7 where vigild would run, to check the scenario's logic
# against the reference.  Promises keepalived does not make are checked
# with check_vigil: on keepalived a failure there is a TAP TODO.
VIGIL_NODE_IMPL=${VIGIL_NODE_IMPL:-vigild}
KEEPALIVED=${KEEPALIVED:-/usr/sbin/keepalived}
impl() { echo "$VIGIL_NODE_IMPL"; }

check_vigil() {
	local d=$1
	shift
	if [ "$(impl)" != keepalived ]; then
		check "$d" "$@"
		return
	fi
	T_N=$((T_N + 1))
	if "$@"; then
		echo "ok $T_N - $d (vigil-only behaviour; keepalived passed it)"
	else
		echo "not ok $T_N - $d # TODO vigil-only behaviour, keepalived fails it"
	fi
}

# start_lb CONF [NETNS [TAG]] [-- ARGS...]: vigild (or keepalived) on CONF in
# NETNS ($NS), in the background; its pid in LB_PID (LB_PID_TAG with a
# TAG), its log $LOG (done_testing shows it on failure; $WORK/TAG.log with
# a TAG), its pid files $WORK/TAG.*.pid.
start_lb() {
	local conf=$1 ns=${2:-$NS} tag=${3:-lb} pid
	local -a cmd
	shift $(($# < 3 ? $# : 3))
	[ "${1:-}" = -- ] && shift
	case $(impl) in
	keepalived) cmd=("$KEEPALIVED") ;;
	*) cmd=("$VIGILD" --ipvs_pid "$WORK/$tag.ipvs.pid") ;;
	esac
	cmd+=(-n -l -G -D -f "$conf" -p "$WORK/$tag.pid"
		-r "$WORK/$tag.vrrp.pid" -c "$WORK/$tag.checkers.pid" "$@")
	echo "=== $(date +%T.%N) start $(impl): ${cmd[*]}" >>"$(lb_log "$tag")"
	VIGIL_DATA_FILE="$WORK/$tag.data" VIGIL_STATS_FILE="$WORK/$tag.stats" \
		ip netns exec "$ns" "${cmd[@]}" >>"$(lb_log "$tag")" 2>&1 &
	pid=$!
	disown "$pid"
	eval "LB_PID_$tag=$pid"
	[ "$tag" = lb ] && LB_PID=$pid
	echo "$pid" >"$WORK/$tag.main.pid"
	return 0
}
lb_pid() { eval "echo \${LB_PID_${1:-lb}:-}"; }
# stop_lb [TAG]: SIGTERM and wait (10 s, then KILL).
stop_lb() { stop_pid "$(lb_pid "${1:-lb}")"; }
# lb_log [TAG]: its log file.
lb_log() { if [ "${1:-lb}" = lb ]; then echo "$LOG"; else echo "$WORK/$1.log"; fi; }
# The IPVS table of a namespace ($NS), as ipvsadm -Ln prints it.
vm_table() { ip netns exec "${1:-$NS}" ipvsadm -Ln; }
