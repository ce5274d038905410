#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# supervise.sh: vigild --all in a fresh network namespace: parent + three
# titled children with pid files; kill -9 of each child is logged and the
# child respawned; the checker-ipvs link comes back; no IPVS is one line
# (or, on a kernel with IPVS, the family is found).
# Topology: one namespace, loopback only.
. "$(dirname "$0")/../lib.sh"

ns_create
conf="$WORK/k.conf"
write_conf "$conf"
start_vigild "$conf" --all

check "three children start" wait_for 10 n_children "$VPID" 3
for t in vrrp checker ipvs; do
	check "a child is titled 'vigild: $t'" has_child_title "$t"
done
check "the parent writes its pid file" \
	wait_for 5 file_is "$WORK/vigild.pid" "$VPID"
for f in vrrp checkers ipvs; do
	check "the $f child writes its pid file" wait_for 5 test -s "$WORK/$f.pid"
done
check "each child applies configuration generation 1" \
	wait_for 10 log_count_is 'configuration generation 1 applied' 3
check "the checker-ipvs link comes up" \
	wait_for 10 log_has "ipvs\[.*link to checker child (pid .*) is up"
# The family lookup loads ip_vs where the kernel has it; after that the
# namespace's /proc/net/ip_vs tells which line is right.
if ip netns exec "$NS" test -e /proc/net/ip_vs; then
	check "a kernel with IPVS: the family is found" \
		log_count_is 'IPVS generic netlink family found' 1
else
	check "a kernel without IPVS is one clear log line" \
		log_count_is 'IPVS is not available in this kernel' 1
fi
# The children run in the namespace vigild was told to enter.
check "vigild runs in namespace $NS" test "$(ip netns identify "$VPID")" = "$NS"

for f in vrrp checkers ipvs; do
	old=$(pidof_child "$f")
	kill -KILL "$old"
	check "the $f child's death by SIGKILL is logged" \
		wait_for 10 log_has "child (pid $old) was killed by signal 9"
	check "the $f child is respawned with a new pid" wait_for 10 \
		eval "p=\$(pidof_child $f); [ -n \"\$p\" ] && [ \"\$p\" != $old ] && kill -0 \$p"
	check "still three children after the $f respawn" \
		wait_for 10 n_children "$VPID" 3
done
check "a respawned checker gets a new link to ipvs" wait_for 10 \
	log_count_ge 'link to checker child (pid .*) is up' 2
check "a respawned ipvs child gets a new link to the checker" wait_for 10 \
	log_has "checker\[.*link to ipvs child (pid $(pidof_child ipvs)) is up"
check "the parent is still running" alive "$VPID"

# Crash loop: five deaths of one child within 60 s stop the daemon.
# (The vrrp child died once above already.)
for i in 1 2 3 4 5; do
	p=$(pidof_child vrrp)
	[ -n "$p" ] && kill -KILL "$p"
	wait_for 40 eval "! kill -0 $VPID 2>/dev/null || { q=\$(pidof_child vrrp); [ -n \"\$q\" ] && [ \"\$q\" != $p ]; }"
	alive "$VPID" || break
done
check "a crash loop is logged" wait_for 20 log_has "crash loop: the vrrp child died 5 times"
check "a crash loop stops the parent" wait_for 20 dead "$VPID"
wait "$VPID"
check "a crash loop exits non-zero" test $? -ne 0
check "no child outlives the crash loop" test "$(child_count "$VPID")" = 0
VPID=

# -R: no respawn; the daemon stops instead.
: >"$LOG"
start_vigild "$conf" --all -R
check "-R: children start" wait_for 10 n_children "$VPID" 3
check "-R: configuration applied" wait_for 10 log_count_is 'configuration generation 1 applied' 3
kill -KILL "$(pidof_child checkers)"
check "-R: a dead child stops the daemon" wait_for 20 dead "$VPID"
wait "$VPID"
check "-R: exit status is non-zero" test $? -ne 0
check "-R: the reason is logged" log_has "not respawning the checker child (-R)"
VPID=
done_testing
