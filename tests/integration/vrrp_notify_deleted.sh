#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_notify_deleted.sh: an instance a reload removes ends with
# keepalived's last event, not STOP: with notify_deleted, DELETED (its
# script if it has one, the generic notify and the FIFO say DELETED);
# without, FAULT (notify_fault, FAULT); an instance the reload keeps hears
# nothing.  Its VIP goes.
# Topology: one namespace, a veth pair eth0/eth0p with no peer: three
# lone instances become MASTER (VI_1 192.0.2.10, VI_2 .11, VI_3 .12).
. "$(dirname "$0")/../lib.sh"

ns_create
ns_lone_link

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

# inst NAME VRID VIP [LINES...]
inst() {
	local n=$1 id=$2 vip=$3 l
	shift 3
	echo "vrrp_instance $n {"
	echo "    interface eth0"
	echo "    virtual_router_id $id"
	echo "    priority 100"
	echo "    advert_int 1"
	echo "    virtual_ipaddress {"
	echo "        $vip/24"
	echo "    }"
	echo "    notify \"$S/rec.sh notify\""
	echo "    notify_fault \"$S/rec.sh fault $n\""
	echo "    notify_stop \"$S/rec.sh stop $n\""
	for l in "$@"; do echo "    $l"; done
	echo "}"
}
head() {
	cat <<CONF
child_wait_time 5
global_defs {
    router_id n1
    script_user root
    vrrp_notify_fifo $WORK/vrrp.fifo
    vrrp_notify_fifo_script $S/reader.sh
}
CONF
}
conf="$WORK/k.conf"
{
	head
	inst VI_1 51 192.0.2.10
	inst VI_2 52 192.0.2.11 "notify_deleted \"$S/rec.sh deleted VI_2\""
	inst VI_3 53 192.0.2.12 notify_deleted
} >"$conf"

has_vip() { ip -n "$NS" -4 addr show dev eth0 | grep -q "$1/"; }
masters() { grep -c "^notify INSTANCE VI_. MASTER" "$EV" 2>/dev/null; }
lines() { grep "$1" "$EV" 2>/dev/null | tr '\n' '|'; }

start_vigild "$conf"
check "the three become MASTER" wait_for 20 eval '[ "$(masters)" = 3 ]'
check "with their VIPs" wait_for 5 has_vip 192.0.2.12
check "notify_deleted (bare and with a script) is not 'not implemented'" \
	eval '! log_has "notify_deleted is not implemented"'

{
	head
	inst VI_3 53 192.0.2.12 notify_deleted
} >"$conf"
kill -HUP "$VPID"
check "removed without notify_deleted: notify_fault runs" \
	wait_for 10 grep -qx "fault VI_1" "$EV"
check "... and the generic notify says FAULT" \
	wait_for 5 grep -qx "notify INSTANCE VI_1 FAULT 100" "$EV"
check "removed with notify_deleted SCRIPT: the script runs" \
	wait_for 5 grep -qx "deleted VI_2" "$EV"
check "... and the generic notify says DELETED" \
	wait_for 5 grep -qx "notify INSTANCE VI_2 DELETED 100" "$EV"
check "the FIFO says FAULT for VI_1" wait_for 5 \
	grep -qx 'INSTANCE "VI_1" FAULT 100' "$WORK/fifo.out"
check "the FIFO says DELETED for VI_2" wait_for 5 \
	grep -qx 'INSTANCE "VI_2" DELETED 100' "$WORK/fifo.out"
check "the herald logs DELETED" \
	log_has "herald: VRRP_Instance(VI_2) MASTER -> DELETED (priority 100)"
check "their VIPs are gone" wait_for 5 eval '! has_vip 192.0.2.10 && ! has_vip 192.0.2.11'
check "no STOP for a removed instance" [ -z "$(lines '^stop')" ]
check "the kept instance heard nothing" \
	[ "$(lines VI_3)" = "notify INSTANCE VI_3 BACKUP 100|notify INSTANCE VI_3 MASTER 100|" ]
check "VI_3 keeps its VIP" has_vip 192.0.2.12

# notify_deleted without a script: the generic notify and FIFO say
# DELETED, and no notify_fault runs.  (VI_9 keeps the VRRP child running:
# without an instance the parent stops it, and its instances STOP.)
{
	head
	inst VI_9 59 192.0.2.19
} >"$conf"
kill -HUP "$VPID"
check "bare notify_deleted: the generic notify says DELETED" \
	wait_for 10 grep -qx "notify INSTANCE VI_3 DELETED 100" "$EV"
check "... the FIFO too" wait_for 5 \
	grep -qx 'INSTANCE "VI_3" DELETED 100' "$WORK/fifo.out"
check "... and notify_fault does not run (1 s)" \
	always 1 eval '! grep -qx "fault VI_3" "$EV"'
stop_pid "$VPID"
VPID=
check "the stop runs no script of a removed instance" \
	[ -z "$(lines '^stop VI_[123]')" ]
check "each removal was told once" \
	[ "$(grep -c 'VI_[123] DELETED\|VI_[123] FAULT' "$EV")" = 3 ]
done_testing
