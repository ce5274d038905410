#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# run-demo.sh: on Debian 12 as root, installs what it needs, builds, and
# shows vigild at work: it starts on etc/keepalived.conf (with --all, so all
# three children run) in its own network namespace, shows its processes and
# log, reloads a changed configuration, rejects a broken one while keeping
# the running one, respawns a killed child, and stops.
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
make -j2 vigild >make.out 2>&1 || { cat make.out; exit 1; }
cd "$top"

ns=vigil-demo-$$
work=$(mktemp -d /tmp/vigil-demo.XXXXXX)
log=$work/vigild.log
pid=
cleanup() {
	[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null && sleep 1
	ip netns del "$ns" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT
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
