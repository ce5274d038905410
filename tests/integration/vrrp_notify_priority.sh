#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_notify_priority.sh: with vrrp_notify_priority_changes, a priority
# change writes keepalived's MASTER_PRIORITY / BACKUP_PRIORITY line to
# vrrp_notify_fifo (no script runs, no state changes); an instance that
# says notify_priority_changes off writes none.  A sync group's
# notify_stop runs at the stop.  With SNMP on (-x, no master agent
# needed), the parent's SIGUSR1 data file shows the counters move.
# Topology: node a (192.0.2.11) alone runs vigild: VI_1 (VRID 51, priority
# 100, VIP 192.0.2.100), VI_2 (VRID 52, VIP 192.0.2.101) with
# notify_priority_changes off, a track_file of weight 1 moving both
# priorities; VI_3 (VRID 53) in sync group G1.  Node b only injects an advert with a bad checksum.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

INJECT="/usr/bin/python3 $TOP_SRCDIR/tests/vrrp_inject.py"
topo_create 2 || exit 1
S="$WORK/scripts"
mkdir -m 0755 "$S"
EV="$WORK/events"
cat >"$S/rec.sh" <<SH
#!/bin/sh
echo "\$*" >>"$EV"
SH
cat >"$S/reader.sh" <<SH
#!/bin/sh
trap '' TERM
while read -r l; do echo "\$l"; done <"\$1" >>"$WORK/fifo.out"
SH
chmod 0755 "$S"/*.sh
echo 0 >"$WORK/weight"

conf_global "$WORK/a.conf" a "vrrp_notify_fifo $WORK/a.fifo" \
	"vrrp_notify_fifo_script $S/reader.sh" vrrp_notify_priority_changes
cat >>"$WORK/a.conf" <<CONF
track_file tf {
    file $WORK/weight
    weight 1
}
CONF
conf_instance "$WORK/a.conf" VI_1 vrid=51 prio=100 \
	"line=track_file { tf }" "line=notify \"$S/rec.sh notify\""
conf_instance "$WORK/a.conf" VI_2 vrid=52 prio=100 vip=192.0.2.101/24 \
	"line=track_file { tf }" "line=notify_priority_changes off"
# (a sync group member's tracker weights make a FAULT, as keepalived's:
# the group has its own instance)
conf_instance "$WORK/a.conf" VI_3 vrid=53 prio=100 vip=192.0.2.102/24
cat >>"$WORK/a.conf" <<CONF
vrrp_sync_group G1 {
    group {
        VI_3
    }
    notify_stop "$S/rec.sh group-stop"
    smtp_alert off
}
CONF
fifo_has() { grep -qx -- "$1" "$WORK/fifo.out" 2>/dev/null; }
DATA=$(node_data_file a)
# data_has REGEX: SIGUSR1's file (written afresh) has a matching line.
data_has() {
	rm -f "$DATA"
	kill -USR1 "$(node_pid a)"
	wait_for 5 grep -q "Snapshots" "$DATA" && grep -q -- "$1" "$DATA"
}

start_node a vigild "$WORK/a.conf" -x -A "$WORK/agentx.sock"
check "a becomes master of VI_1" wait_vip a "$VIP4" 15
check "and of VI_2" wait_vip a 192.0.2.101 15
check "no priority line before a change" \
	eval '! grep -q PRIORITY "$WORK/fifo.out"'
check "the keywords run (not 'not implemented')" eval \
	'! grep -q "priority_changes is not implemented\|smtp_alert is not implemented" "$(node_log a)"'
echo 20 >"$WORK/weight"
check "a priority change of a master: MASTER_PRIORITY" \
	wait_for 10 fifo_has 'INSTANCE "VI_1" MASTER_PRIORITY 120'
check "the herald logs it" grep -q \
	"herald: VRRP_Instance(VI_1) MASTER priority 100 -> 120" "$(node_log a)"
check "the snapshot has the new priority" \
	wait_for 5 data_has "VRRP_Instance(VI_1) MASTER, priority 120"
echo 5 >"$WORK/weight"
check "a second change" wait_for 10 \
	fifo_has 'INSTANCE "VI_1" MASTER_PRIORITY 105'
check "notify_priority_changes off: VI_2 writes none (1 s)" \
	always 1 eval '! grep -q "VI_2\" .*PRIORITY" "$WORK/fifo.out"'
check "VI_2's priority did change (the log says so)" grep -q \
	"VRRP_Instance(VI_2) priority 120 -> 105" "$(node_log a)"
check "no script ran for the changes, no state changed" \
	[ "$(tr '\n' '|' <"$EV")" = "notify INSTANCE VI_1 BACKUP 100|notify INSTANCE VI_1 MASTER 100|" ]

# Counters: adverts sent move; a bad checksum counts router-wide.
check "the data file shows adverts sent" \
	wait_for 5 data_has "adverts rx 0, tx [1-9]"
tx1=$(grep -A1 "VRRP_Instance(VI_1) MASTER" "$DATA" | sed -n 's/.* tx \([0-9]*\), became.*/\1/p')
check "the counters move (period 1 s)" wait_for 10 eval \
	'data_has "VRRP_Instance(VI_1)" && [ "$(grep -A1 "VRRP_Instance(VI_1) MASTER" "$DATA" | sed -n "s/.* tx \([0-9]*\), became.*/\1/p")" -gt "$tx1" ]'
check "became master once" data_has "tx [0-9]*, became master 1,"
ip netns exec "$(node_ns b)" $INJECT "$(node_addr b)" csum 51 254
check "a bad checksum is a router-wide error" \
	wait_for 10 data_has "Router: checksum errors 1, version errors 0"

stop_node a
check "the sync group's notify_stop ran at the stop" \
	grep -qx "group-stop" "$EV"
check "the instance's STOP came too" \
	grep -qx "notify INSTANCE VI_1 STOP 105" "$EV"
done_testing
