#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# run-demo.sh: on Debian 12 as root, installs what it needs, builds, and
# shows vigild at work.  First one node: it checks etc/keepalived.conf,
# starts on it (with --all, so all three children run) in its own network
# namespace, reloads a changed configuration, rejects a broken one while
# keeping the running one, respawns a killed child, and stops.  Then two
# nodes on one link share a VIP: election, a tracked check failing and
# recovering, a kill -9 of the master's VRRP child (no failover), a kill -9
# of the whole master (the backup takes over), its restart (it preempts) and
# an orderly stop, printed as one timeline built from both nodes' logs.
set -eu
cd "$(dirname "$0")"
top=$(pwd)
. tests/deps.sh
install_deps
./autogen.sh
mkdir -p build-demo && cd build-demo
if [ ! -f Makefile ]; then
	../configure -q >configure.out 2>&1 || { cat configure.out; exit 1; }
fi
make -j2 vigild vigil-vrrp vigil-checker vigil-ipvs >make.out 2>&1 || { cat make.out; exit 1; }
cd "$top"

ns=vigil-demo-$$
work=$(mktemp -d /tmp/vigil-demo.XXXXXX)
log=$work/vigild.log
pid=
pid_A=
pid_B=
mon=
# stop PID...: TERM, then KILL whatever is still there after 5 s.
stop() {
	local p
	for p in "$@"; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "$@"; do
		for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
		kill -KILL "$p" 2>/dev/null || true
	done
}
cleanup() {
	# shellcheck disable=SC2086
	stop $pid $pid_A $pid_B $mon
	ip netns del "$ns" 2>/dev/null || true
	ip netns del "${na:-}" 2>/dev/null || true
	ip netns del "${nb:-}" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
step() { printf '\n=== %s\n' "$*"; }
wait_log() { # PATTERN: up to 10 s
	for _ in $(seq 100); do grep -q -- "$1" "$log" && return 0; sleep 0.1; done
	echo "(timed out waiting for: $1)"
	return 1
}

cp etc/keepalived.conf "$work/keepalived.conf"
ip netns add "$ns"
# The sample's VRRP instance runs on eth0: a veth pair in the namespace.
ip -n "$ns" link add eth0 type veth peer name eth0p
ip -n "$ns" link set eth0 up
step "vigild -t checks the sample configuration (in the namespace: its eth0)"
build-demo/vigild -t -s "$ns" -f "$work/keepalived.conf" || true

step "vigild -t -d: every value and where it came from (an excerpt)"
build-demo/vigild -t -d -s "$ns" -f "$work/keepalived.conf" 2>/dev/null |
	sed -n '/^vrrp_instance/,/^}/p' | head -14 | sed 's/^/  /'

step "vigild -t on a broken copy: a typo and a wrong family, across sections"
sed -e 's/chk_web$/chk_wbe/' \
    -e 's/real_server 198.51.100.12 80/real_server 2001:db8::12 80/' \
    "$work/keepalived.conf" >"$work/broken.conf"
rc=0
build-demo/vigild -t -s "$ns" -f "$work/broken.conf" >"$work/t.out" 2>&1 ||
	rc=$?
sed 's/^/  /' "$work/t.out"
echo "  (exit status $rc, as keepalived -t: 5 = errors)"

step "vigild starts in network namespace $ns"
build-demo/vigild -n -l -G --all -s "$ns" -f "$work/keepalived.conf" \
	-p "$work/vigild.pid" -r "$work/vrrp.pid" -c "$work/checkers.pid" \
	--ipvs_pid "$work/ipvs.pid" 2>"$log" &
pid=$!
wait_log "ipvs\[.*configuration generation 1 applied"
wait_log "link to checker child .* is up"
ps --ppid "$pid" -o pid=,args= | sed 's/^/  child /'
echo "  parent $pid"
grep -v "is not implemented yet" "$log" | sed 's/^/  | /'

step "what the children do not run yet, each named once"
grep -c "is not implemented yet" "$log" | sed 's/^/  keywords named: /'
grep "is not implemented yet" "$log" | head -4 | sed 's/^/  | /'

step "reload with a changed router_id"
sed -i 's/^\$ROUTER=lb1/$ROUTER=lb2/' "$work/keepalived.conf"
kill -HUP "$pid"
wait_log "reload complete"
grep -E "reload|generation 2" "$log" | sed 's/^/  | /'

step "reload with a broken file: the running configuration stays"
echo "global_defs { vrrp_verison 3 }" >>"$work/keepalived.conf"
kill -HUP "$pid"
wait_log "reload failed"
grep -E "error|reload failed" "$log" | sed 's/^/  | /'

step "kill -9 the checker child: it is respawned"
kill -KILL "$(cat "$work/checkers.pid")"
wait_log "restarting the checker child"
for _ in $(seq 100); do
	[ "$(grep -c 'checker child started' "$log")" -ge 2 ] && break
	sleep 0.1
done
grep -E "killed by signal|restarting|checker child started" "$log" | sed 's/^/  | /'
ps --ppid "$pid" -o pid=,args= | sed 's/^/  child /'

step "SIGTERM: orderly stop"
kill -TERM "$pid"
wait "$pid" && echo "  vigild exited with status 0"
pid=
tail -5 "$log" | sed 's/^/  | /'

# ---- two nodes -------------------------------------------------------
# Node A and node B are namespaces joined by a veth pair (each end is eth0).
# Every event of the act goes to $work/events.* with a UTC timestamp; the
# timeline merges them with the VRRP children's own log lines.
na=vigil-demo-$$-a
nb=vigil-demo-$$-b
up=$work/service-up # A's tracked check: "test -e" of this file

# act NODE TEXT: one of our own actions, stamped now.
act() { printf '%s\t%s\t$ %s\n' "$(date -u '+%F %T.%3N')" "$1" "$2" >>"$work/events.demo"; }
caption() { printf '\n  # %s\n' "$*"; }
# note NODE TEXT: an observation of ours, stamped now.
note() { printf '%s\t%s\t%s\n' "$(date -u '+%F %T.%3N')" "$1" "$2" >>"$work/events.demo"; }

node_conf() { # NODE PRIORITY [tracked]
	cat <<CONF
global_defs {
    router_id node_$1
    script_user root
}
CONF
	[ -n "${3:-}" ] && cat <<CONF
vrrp_script chk_svc {
    script "/usr/bin/test -e $up"
    interval 0.5
    fall 2
    rise 2
    weight -60
}
CONF
	cat <<CONF
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority $2
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
CONF
	[ -n "${3:-}" ] && printf '    track_script {\n        chk_svc\n    }\n'
	printf '    notify "%s %s"\n}\n' "$work/notify.sh" "$1"
}

# start_node NODE: vigild in the node's namespace, its pid in pid_NODE.  It
# leads its own process group, so a kill -9 of the group stops the parent
# and its children at once, as a power cut would.
start_node() {
	local d=$work/$1
	TZ=UTC setsid build-demo/vigild -n -l -G -s "$(nsof "$1")" -f "$d/keepalived.conf" \
		-p "$d/vigild.pid" -r "$d/vrrp.pid" -c "$d/checkers.pid" \
		--ipvs_pid "$d/ipvs.pid" 2>>"$d/vigild.log" &
	eval "pid_$1=$!"
}
nsof() { if [ "$1" = A ]; then echo "$na"; else echo "$nb"; fi; }
count() { grep -c -- "$2" "$work/$1/vigild.log" 2>/dev/null || true; }
vip_on() { ip -4 -n "$(nsof "$1")" addr show dev eth0 | grep -q ' 192\.0\.2\.100/'; }
# await SECONDS WHAT TEST...: poll TEST; on timeout, show the logs and stop.
await() {
	local limit=$1 what=$2
	shift 2
	for _ in $(seq $((limit * 10))); do
		"$@" && return 0
		sleep 0.1
	done
	echo "  (timed out after $limit s waiting for $what)"
	tail -n 15 "$work/A/vigild.log" "$work/B/vigild.log" | sed 's/^/  | /'
	exit 1
}
# now_master NODE N [OTHER]: NODE has become master N times and holds the
# VIP, and OTHER does not.
now_master() {
	[ "$(count "$1" "Entering MASTER")" -ge "$2" ] && vip_on "$1" &&
		! { [ -n "${3:-}" ] && vip_on "$3"; }
}
resumed() { [ "$(count A "resuming as MASTER")" -ge 1 ]; }
links_up() { link_up "$na" && link_up "$nb"; }
link_up() { ip -n "$1" -br link show dev eth0 | grep -q ' UP '; }

# The merged timeline's lines: "TIME<TAB>RANK<TAB>NODE<TAB>EVENT".  RANK
# orders what the same millisecond holds: our command, then the log, the
# address change, the notify script.
events() {
	local n
	sed 's/\t/\t0\t/' "$work/events.demo"
	sed 's/\t/\t3\t/; s/\tINSTANCE /\tnotify script: INSTANCE /' \
		"$work/events.notify" 2>/dev/null
	for n in A B; do
		sed -nE \
		    -e 's/^([-0-9]+ [0-9:.]+) vrrp\[[0-9]+\]: VRRP_Instance\([^)]*\) Entering ([A-Z]+) STATE \(from ([A-Z]+), (priority [0-9]+), (.*)\)$/\1\t'$n'\t\3 -> \2, \4 (\5)/p' \
		    -e 's/^([-0-9]+ [0-9:.]+) vrrp\[[0-9]+\]: VRRP_Instance\([^)]*\) (priority .*)$/\1\t'$n'\t\2/p' \
		    -e 's/^([-0-9]+ [0-9:.]+) vrrp\[[0-9]+\]: VRRP_Instance\([^)]*\) resuming as (.*)$/\1\t'$n'\tnew VRRP child resumes as \2/p' \
		    -e 's/^([-0-9]+ [0-9:.]+) vrrp\[[0-9]+\]: VRRP_Script\(([^)]*)\) (.*)$/\1\t'$n'\tcheck \2 \3/p' \
		    -e 's/^([-0-9]+ [0-9:.]+) vigild\[[0-9]+\]: (vrrp child .*killed by signal [0-9]+).*/\1\t'$n'\tparent: \2/p' \
		    -e 's/^([-0-9]+ [0-9:.]+) vigild\[[0-9]+\]: (restarting the vrrp child.*)/\1\t'$n'\tparent: \2/p' \
		    "$work/$n/vigild.log" | sed 's/\t/\t1\t/'
		# ip -ts monitor: "[2026-11-22T06:00:59.729023] [Deleted ]1: eth0 inet ..."
		sed -nE \
		    -e 's/^\[([-0-9]+)T([0-9:]+\.[0-9]{3})[0-9]*\] Deleted [0-9]+: [^ ]+ +inet (192\.0\.2\.100\/24) .*/\1 \2\t'$n'\tVIP \3 removed/p' \
		    -e 's/^\[([-0-9]+)T([0-9:]+\.[0-9]{3})[0-9]*\] [0-9]+: [^ ]+ +inet (192\.0\.2\.100\/24) .*/\1 \2\t'$n'\tVIP \3 added/p' \
		    "$work/$n/addr.mon" | sed 's/\t/\t2\t/'
	done
}
# timeline: prints the events not printed yet, as "+S.sss  NODE  EVENT".
timeline() {
	sleep 0.2 # the notify scripts run just after the transitions
	events | sort -s -t"$(printf '\t')" -k1,1 -k2,2n >"$work/timeline.all"
	awk -F'\t' -v t0="$t0" '
	function sec(ts,   d, h, m, s) {
		d = substr(ts, 1, 10); h = substr(ts, 12, 2); m = substr(ts, 15, 2)
		s = substr(ts, 18) + 0
		return (d != substr(t0, 1, 10) ? 86400 : 0) + h * 3600 + m * 60 + s
	}
	FILENAME == printed { seen[$0]++; next }
	seen[$0] > 0 { seen[$0]--; next }
	{
		printf "  %+8.3f  %-4s %s\n", sec($1) - sec(t0), $3, $4
		print >>printed
	}' printed="$work/timeline.printed" "$work/timeline.printed" "$work/timeline.all"
}
vips() {
	local n
	for n in A B; do
		printf '      node %s: %s\n' "$n" "$(ip -4 -n "$(nsof "$n")" -br \
			addr show dev eth0 | sed 's/@[^ ]*//; s/  */ /g; s/ $//')"
	done
}

step "Two vigild nodes, one VIP: election, a tracked check, crashes, failover and preempt"
cat <<TXT
  node A (namespace $na): eth0 192.0.2.11/24, priority 150,
         track_script chk_svc = "test -e service-up" every 0.5 s, weight -60, fall 2, rise 2
  node B (namespace $nb): eth0 192.0.2.12/24, priority 100
  one veth pair between them; VRRPv2, virtual_router_id 51, advert_int 1, VIP 192.0.2.100/24
  master-down interval of B: 3 x 1 s + (256 - 100) / 256 s = 3.61 s
TXT
ip netns add "$na"
ip netns add "$nb"
ip -n "$na" link add eth0 type veth peer name eth0 netns "$nb"
for n in A:11 B:12; do
	s=$(nsof "${n%:*}")
	mkdir -p "$work/${n%:*}"
	ip -n "$s" link set lo up
	ip -n "$s" addr add "192.0.2.${n#*:}/24" dev eth0
	ip -n "$s" link set eth0 up
done
await 5 "both links up" links_up
node_conf A 150 tracked >"$work/A/keepalived.conf"
node_conf B 100 >"$work/B/keepalived.conf"
echo "  node A's keepalived.conf (B's: priority 100, no track_script):"
sed -n '/^vrrp_script/,$p' "$work/A/keepalived.conf" | sed 's/^/  | /'
touch "$up"
# The generic notify script: the parent runs it for each transition.
cat >"$work/notify.sh" <<SH
#!/bin/sh
printf '%s\t%s\t%s\n' "\$(date -u '+%F %T.%3N')" "\$1" "\$2 \$3 \$4 \$5" >>"$work/events.notify"
SH
chmod 0755 "$work/notify.sh"
: >"$work/events.demo"
: >"$work/timeline.printed"
for n in A B; do
	TZ=UTC ip -n "$(nsof "$n")" -ts monitor address dev eth0 >"$work/$n/addr.mon" 2>/dev/null &
	mon="$mon $!"
done

echo
echo "  The timeline: seconds since the start, the node, and the event: this"
echo "  script's commands (\$), the VRRP children's transitions and priorities,"
echo "  the check results, the VIP seen coming and going (ip monitor), and the"
echo "  generic notify script's arguments as the parent ran it."
caption "both start; A (150) wins once its master-down interval runs out"
t0=$(date -u '+%F %T.%3N')
act "A B" "vigild (both nodes start as BACKUP)"
start_node A
start_node B
await 15 "A to be master" now_master A 1 B
timeline; vips

caption "A's check fails twice (fall 2): A drops to 150 - 60 = 90, B (100) preempts"
act A "rm service-up"
rm "$up"
await 15 "B to take over" now_master B 1 A
timeline; vips

caption "the check passes twice (rise 2): A is back at 150 and preempts"
act A "touch service-up"
touch "$up"
await 15 "A to preempt" now_master A 2 B
timeline; vips

caption "kill -9 of A's VRRP child: the parent respawns it, it resumes as MASTER"
act A "kill -9 $(cat "$work/A/vrrp.pid")   (the VRRP child)"
kill -KILL "$(cat "$work/A/vrrp.pid")"
await 10 "A's new VRRP child" resumed
sleep 4 # longer than B's master-down interval
if [ "$(count B "Entering MASTER")" -eq 1 ] && now_master A 2 B; then
	note B "4 s on: still BACKUP, the VIP never left A"
else
	note B "!! B took over: a second master"
fi
timeline; vips

caption "kill -9 of all of A: B takes over when its master-down interval runs out"
act A "kill -9 -$pid_A   (A's process group)"
kill -KILL -- "-$pid_A"
{ wait "$pid_A"; } 2>/dev/null || true
await 15 "B to take over" now_master B 2
timeline; vips
echo "      (A's copy of the VIP outlives the crash: no process is left there)"

caption "A starts again: it drops the VIP its crash left behind, then preempts"
act A "vigild"
start_node A
await 15 "A to preempt" now_master A 3 B
timeline; vips

caption "SIGTERM to A: it resigns (priority 0), B takes over after its skew time"
act A "kill -TERM $pid_A"
kill -TERM "$pid_A"
await 15 "B to take over" now_master B 3 A
{ wait "$pid_A"; } 2>/dev/null || true
pid_A=
timeline; vips
caption "SIGTERM to B"
act B "kill -TERM $pid_B"
kill -TERM "$pid_B"
{ wait "$pid_B"; } 2>/dev/null || true
pid_B=
timeline
