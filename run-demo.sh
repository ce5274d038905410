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
# Last, a load balancer (etc/lb-demo.conf): three web servers behind one
# virtual server, checked with HTTP_GET; one stops (removed), one goes into
# maintenance by a file (weight 0), the last stops (quorum lost, the sorry
# server takes over), they come back; a timeline again, with the table the
# IPVS child would program after each step (this kernel has no IPVS).
# Then the same story on a real IPVS kernel, in a qemu guest booting
# Debian's own kernel (tests/vm): two directors share the VIP, traffic
# reaches two web servers, one fails, both fail (the sorry server
# answers), they return; a client holds one connection, the master is
# switched off, and the connection goes on through the backup.
set -eu
cd "$(dirname "$0")"
top=$(pwd)
. tests/deps.sh
# python3: the load-balancing act's web servers are its http.server
# qemu and friends: the last act runs in a guest with real IPVS
VIGIL_BUILD_DEPS="$VIGIL_BUILD_DEPS python3 qemu-system-x86 busybox-static
	cpio kmod ipvsadm curl"
install_deps
./autogen.sh
mkdir -p build-demo && cd build-demo
if [ ! -f Makefile ]; then
	../configure -q >configure.out 2>&1 || { cat configure.out; exit 1; }
fi
make -j2 >make.out 2>&1 || { cat make.out; exit 1; }
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
	stop $pid $pid_A $pid_B $mon ${pid_lb:-} ${web_11:-} ${web_12:-} \
		${web_13:-} ${web_99:-}
	ip netns del "$ns" 2>/dev/null || true
	ip netns del "${na:-}" 2>/dev/null || true
	ip netns del "${nb:-}" 2>/dev/null || true
	ip netns del "${ld:-}" 2>/dev/null || true
	ip netns del "${lsv:-}" 2>/dev/null || true
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
timeline() { timeline_of events "$work/timeline" 4; }
# timeline_of EVENTS STATE WIDTH: the lines of the function EVENTS not
# printed yet (STATE.printed holds those printed), seconds since $t0, the
# second column WIDTH wide.
timeline_of() {
	sleep 0.2 # the notify scripts run just after the transitions
	"$1" | sort -s -t"$(printf '\t')" -k1,1 -k2,2n >"$2.all"
	awk -F'\t' -v t0="$t0" -v w="$3" '
	function sec(ts,   d, h, m, s) {
		d = substr(ts, 1, 10); h = substr(ts, 12, 2); m = substr(ts, 15, 2)
		s = substr(ts, 18) + 0
		return (d != substr(t0, 1, 10) ? 86400 : 0) + h * 3600 + m * 60 + s
	}
	FILENAME == printed { seen[$0]++; next }
	seen[$0] > 0 { seen[$0]--; next }
	{
		printf "  %+8.3f  %-" w "s %s\n", sec($1) - sec(t0), $3, $4
		print >>printed
	}' printed="$2.printed" "$2.printed" "$2.all"
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

# ---- load balancing --------------------------------------------------
# vigild in a director namespace ($ld); four python3 http.server processes
# in a servers namespace ($lsv), joined by one veth: web1-3 (192.0.2.11-13)
# and the sorry server (192.0.2.99).  The configuration is
# etc/lb-demo.conf with its /run/vigil paths moved to $L.  This kernel has
# no IPVS: the table shown after each step is the IPVS child's desired
# table, from the SIGUSR1 data file.
ld=vigil-demo-$$-lb
lsv=vigil-demo-$$-srv
L=$work/lb
pid_lb=
mkdir -p "$L"

# lb_act TEXT: one of our commands, stamped now.
lb_act() { printf '%s\t\t$ %s\n' "$(date -u '+%F %T.%3N')" "$1" >>"$L/events.demo"; }
lb_count() { grep -c -- "$1" "$L/vigild.log" 2>/dev/null || true; }
# lb_await SECONDS WHAT PATTERN [N]: until the log holds N (1) lines
# matching PATTERN; on timeout, show the log's end and stop.
lb_await() {
	for _ in $(seq $(($1 * 10))); do
		[ "$(lb_count "$3")" -ge "${4:-1}" ] && return 0
		sleep 0.1
	done
	echo "  (timed out after $1 s waiting for $2)"
	tail -n 15 "$L/vigild.log" | sed 's/^/  | /'
	exit 1
}
# web_start N NAME: http.server on 192.0.2.N:80 in $lsv, serving a page
# that names it; its pid in web_N.  Returns once it accepts connections.
web_start() {
	mkdir -p "$L/www$1"
	echo "$2" >"$L/www$1/index.html"
	ip netns exec "$lsv" /usr/bin/python3 -m http.server --bind "192.0.2.$1" \
		--directory "$L/www$1" 80 >>"$L/web$1.log" 2>&1 &
	eval "web_$1=$!"
	for _ in $(seq 100); do
		ip netns exec "$ld" bash -c ": </dev/tcp/192.0.2.$1/80" \
			2>/dev/null && return 0
		sleep 0.1
	done
	echo "  (web server $2 did not start)"
	sed 's/^/  | /' "$L/web$1.log"
	exit 1
}
# web_stop N: stops the server of web_N by its pid.
web_stop() {
	local p
	eval "p=\$web_$1"
	kill -TERM "$p"
	{ wait "$p"; } 2>/dev/null || true
	eval "web_$1="
}
# The timeline's lines: "TIME<TAB>RANK<TAB>WHO<TAB>EVENT"; RANK orders a
# millisecond: our command, the checker's line, the parent's herald line,
# the FIFO line.
lb_events() {
	sed 's/\t/\t0\t/' "$L/events.demo"
	sed -nE \
	    -e 's/^([-0-9]+ [0-9:.]+) checker\[[0-9]+\]: ((Starting|Deciding) with .*|(Adding|Removing|Enabling|Disabling) .*|Changing weight .*|(Gained|Lost) quorum .*|track_file .*|started from .*|stopped checking .*)$/\1\t1\tchecker\t\2/p' \
	    -e 's/^([-0-9]+ [0-9:.]+) vigild\[[0-9]+\]: (herald: (Real|Sorry|Virtual)_Server.*)$/\1\t2\tparent\t\2/p' \
	    -e 's/^([-0-9]+ [0-9:.]+) vigild\[[0-9]+\]: (stopped)$/\1\t2\tparent\t\2/p' \
	    "$L/vigild.log"
	sed 's/\t/\t3\tfifo\t/' "$L/events.fifo" 2>/dev/null
}
lb_timeline() { timeline_of lb_events "$L/timeline" 7; }
# lb_dump: SIGUSR1, and wait for the data file.
lb_dump() {
	local n
	n=$(lb_count "data written to")
	kill -USR1 "$pid_lb"
	lb_await 5 "the data file" "data written to" $((n + 1))
}
# lb_passed: in the last data file, every probe is up and has passed.
lb_passed() {
	grep -q '^   probe ' "$L/data" &&
		! grep -q '^   probe .*\(verdict [^u]\|verdict unknown\|passes 0$\)' "$L/data"
}
# lb_table: the IPVS child's desired table from a new data file (its lines
# after "desired VS").
lb_table() {
	lb_dump
	echo "      the IPVS child's desired table (SIGUSR1's data file):"
	sed -n '/^ desired VS/,$p' "$L/data" | grep -v '^ VRRP ' |
		sed 's/^ /        /'
}

step "Load balancing: three web servers, HTTP_GET checks, maintenance by a file, a sorry server"
cat <<TXT
  director (namespace $ld): d0 192.0.2.1/24, runs vigild
  servers  (namespace $lsv): s0 192.0.2.11-13 (web1-3) and 192.0.2.99
           (the sorry server), each a /usr/bin/python3 -m http.server
  virtual server 198.51.100.80:80, HTTP_GET of / every second, quorum 3
  with hysteresis 1 (gained at a live weight of 4, lost below 2)
  This kernel has no IPVS: the tables below are the IPVS child's desired
  table, what it would program into the kernel (the next issue).
TXT
ip netns add "$ld"
ip netns add "$lsv"
ip -n "$ld" link set lo up
ip -n "$lsv" link set lo up
ip -n "$ld" link add d0 type veth peer name s0 netns "$lsv"
ip -n "$ld" addr add 192.0.2.1/24 dev d0
for a in 11 12 13 99; do ip -n "$lsv" addr add "192.0.2.$a/24" dev s0; done
ip -n "$ld" link set d0 up
ip -n "$lsv" link set s0 up
# The FIFO's reader: vigild starts it with the FIFO's path.
cat >"$L/fifo-reader.sh" <<SH
#!/bin/sh
while IFS= read -r line; do
	printf '%s\t%s\n' "\$(date -u '+%F %T.%3N')" "\$line" >>"$L/events.fifo"
done <"\$1"
SH
chmod 0755 "$L/fifo-reader.sh"
sed -e "s#/run/vigil/#$L/#g" \
    -e "/^ *lvs_notify_fifo /a\\    lvs_notify_fifo_script $L/fifo-reader.sh" \
    etc/lb-demo.conf >"$L/lb-demo.conf"
echo "  etc/lb-demo.conf, without its comments (web1's and web3's real_server"
echo "  blocks are web2's without the FILE_CHECK):"
awk '/^ *!/ || /^$/ { next }
	/real_server 192\.0\.2\.1[13] / { skip = 1; print; print "        ..."; next }
	skip && /^    }/ { skip = 0; print; next }
	!skip' "$L/lb-demo.conf" | sed "s#$L/#\$DIR/#g; s/^/  | /"
web_start 11 web1
web_start 12 web2
web_start 13 web3
web_start 99 sorry
: >"$L/events.demo"
: >"$L/timeline.printed"

echo
echo "  The timeline: seconds since the start, who speaks, and what: this"
echo "  script's commands (\$), the checker child's log lines, the parent's"
echo "  herald lines (the same events as the parent tells them), and the"
echo "  lines read from lvs_notify_fifo."
caption "vigild starts: web1-3 pass their first checks, at weight 2 each"
t0=$(date -u '+%F %T.%3N')
lb_act "vigild -f lb-demo.conf"
VIGIL_DATA_FILE=$L/data TZ=UTC build-demo/vigild -n -l -G -s "$ld" \
	-f "$L/lb-demo.conf" -p "$L/vigild.pid" -r "$L/vrrp.pid" \
	-c "$L/checkers.pid" --ipvs_pid "$L/ipvs.pid" 2>>"$L/vigild.log" &
pid_lb=$!
lb_await 10 "the checker's first decision" "with quorum"
lb_await 10 "the IPVS child's desired table" "desired state generation"
for _ in $(seq 20); do
	lb_dump
	lb_passed && break
	sleep 0.5
done
lb_passed || {
	echo "  (not every check passed within 10 s:)"
	sed -n '/^ VS /,/^------/p' "$L/data" | sed 's/^/  | /'
	exit 1
}
lb_timeline; lb_table

caption "web1's server stops: its check is refused, and the retry 0.5 s later: removed"
lb_act "kill $web_11   (web1's http.server)"
web_stop 11
lb_await 10 "web1 to be removed" "Removing service \[192.0.2.11\]"
lb_timeline; lb_table

caption "web2 into maintenance: its FILE_CHECK adds 1 x -254 to its weight, floored at 0: it drains"
lb_act "echo 1 > maint-web2"
echo 1 >"$L/maint-web2"
lb_await 10 "web2 to drain" "Changing weight from 2 to 0"
lb_timeline; lb_table
echo "      the checker's part of the same file (health, last result, latency):"
sed -n '/^ VS /,/^------/p' "$L/data" | grep -v '^------' | sed 's/^ /        /'

caption "web3's server stops: live weight 0, the quorum is lost, the sorry server takes over"
lb_act "kill $web_13   (web3's http.server)"
web_stop 13
lb_await 10 "the sorry server" "Adding sorry server"
lb_timeline; lb_table

caption "web1 is back: live weight 2 < quorum + hysteresis = 4, the sorry server stays"
lb_act "python3 -m http.server --bind 192.0.2.11 80 &   (web1)"
web_start 11 web1
lb_await 10 "web1 to pass" "Adding service \[192.0.2.11\]"
lb_timeline; lb_table

caption "web3 is back: live weight 4, the quorum is gained, the sorry server leaves"
lb_act "python3 -m http.server --bind 192.0.2.13 80 &   (web3)"
web_start 13 web3
lb_await 10 "the quorum" "Gained quorum"
lb_timeline; lb_table

caption "end of web2's maintenance (a missing file reads 0): back at weight 2"
lb_act "rm maint-web2"
rm "$L/maint-web2"
lb_await 10 "web2's weight" "Changing weight from 0 to 2"
lb_timeline; lb_table

caption "SIGTERM to vigild"
lb_act "kill -TERM $pid_lb"
kill -TERM "$pid_lb"
{ wait "$pid_lb"; } 2>/dev/null || true
pid_lb=
lb_timeline
for n in 11 12 13 99; do
	printf '  %s answered %d checks\n' "$(cat "$L/www$n/index.html")" \
		"$(grep -c '"GET / HTTP' "$L/web$n.log" || true)"
done

# ---- the load balancer on a real IPVS kernel --------------------------------
# This kernel has no IPVS: the story runs in a qemu guest that boots
# Debian's own kernel with this machine's files (tests/vm/README.md).  The
# guest prints it as "# " lines and checks each step ("ok N - ...").
echo
echo "=== The load balancer on a real IPVS kernel (a qemu guest; about two minutes)"
vmout=$top/build-demo/vm-demo
if ! tests/vm/run.sh -b "$top/build-demo" -o "$vmout" -t 600 \
	tests/vm/demo/lb_story.sh >"$work/vm.out" 2>&1; then
	tail -n 60 "$work/vm.out"
	echo "the guest's story failed (see above)"
	exit 1
fi
sed -n -e 's/^# \{0,1\}/  /p' -e 's/^ok [0-9]* - /  [ok] /p' "$vmout/lb_story.tap"
tail -n 1 "$work/vm.out" | sed 's/^vm: /  checks: /'
