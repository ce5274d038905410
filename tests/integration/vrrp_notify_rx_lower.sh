#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_notify_rx_lower.sh: a master that hears an advert of lower priority
# runs notify_master_rx_lower_pri (no arguments) and writes keepalived's
# MASTER_RX_LOWER_PRI line to vrrp_notify_fifo; it stays master, the
# generic notify hears nothing of it, and a burst of such adverts runs the
# script at most once a second (keepalived runs it on each).
# Topology: node a (192.0.2.11) runs vigild with VI_1 (v3, VRID 51,
# priority 100, VIP 192.0.2.100); node b (192.0.2.12) runs no daemon:
# tests/vrrp_inject.py sends good adverts of priority 50 from it.
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
# reader.sh FIFO: copies the FIFO's lines (ignoring the stop's SIGTERM).
cat >"$S/reader.sh" <<SH
#!/bin/sh
trap '' TERM
while read -r l; do echo "\$l"; done <"\$1" >>"$WORK/fifo.out"
SH
chmod 0755 "$S"/*.sh

conf_global "$WORK/a.conf" a "vrrp_notify_fifo $WORK/a.fifo" \
	"vrrp_notify_fifo_script $S/reader.sh"
conf_instance "$WORK/a.conf" VI_1 vrid=51 prio=100 ver=3 adv=1 \
	"line=notify_master_rx_lower_pri \"$S/rec.sh rxlow\"" \
	"line=notify \"$S/rec.sh notify\""
inject() { ip netns exec "$(node_ns b)" $INJECT "$(node_addr b)" "$@"; }
rxlow_runs() { grep -cx rxlow "$EV" 2>/dev/null; }
fifo_rx() { grep -c 'MASTER_RX_LOWER_PRI' "$WORK/fifo.out" 2>/dev/null; }

start_node a vigild "$WORK/a.conf"
check "a becomes master" wait_vip a "$VIP4" 15
check "no lower advert yet: no script" [ "$(rxlow_runs)" = 0 ]
inject good 51 50
check "a lower advert runs notify_master_rx_lower_pri, without arguments" \
	wait_for 10 eval '[ "$(rxlow_runs)" = 1 ]'
check "vrrp_notify_fifo gets keepalived's line with our priority" \
	wait_for 5 grep -qx 'INSTANCE "VI_1" MASTER_RX_LOWER_PRI 100' \
	"$WORK/fifo.out"
check "the herald logs it" grep -q \
	"herald: VRRP_Instance(VI_1) MASTER received a lower priority advert (priority 100)" \
	"$(node_log a)"
check "a is still master" node_has_vip a "$VIP4"

# A burst: ten lower adverts; the notes are at most one a second.
sleep 1.1
before=$(fifo_rx)
t0=$(usecs)
for i in 1 2 3 4 5 6 7 8 9 10; do inject good 51 50; done
t1=$(usecs)
secs=$(((t1 - t0) / 1000000 + 1))
diag "10 adverts in $(((t1 - t0) / 1000)) ms"
check "the burst is heard" wait_for 5 eval '[ "$(fifo_rx)" -gt "$before" ]'
sleep 1
n=$(($(fifo_rx) - before))
diag "$n notes for 10 adverts"
check "at most one note a second ($n in <= $secs s)" [ "$n" -le "$secs" ]
check "the script ran no more often than the notes" \
	[ "$(rxlow_runs)" -le $((n + 1)) ]
check "a is still master after the burst" node_has_vip a "$VIP4"
check "the generic notify heard transitions only" \
	eval '[ "$(grep -v ^rxlow "$EV" | tr "\n" "|")" = "notify INSTANCE VI_1 BACKUP 100|notify INSTANCE VI_1 MASTER 100|" ]'
# The positive control: a higher advert still makes a yield, and a
# lower advert to a backup runs nothing.
inject good 51 200
check "a higher advert makes a yield" wait_no_vip a "$VIP4" 5
runs=$(rxlow_runs)
inject good 51 50
check "a lower advert to a backup: no script (2 s)" \
	always 2 eval '[ "$(rxlow_runs)" = "$runs" ]'
stop_node a
done_testing
