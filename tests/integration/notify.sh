#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# notify.sh: the parent heralds a lone instance's transitions: notify_*
# scripts once each and in order, the generic notify's arguments, the
# vrrp_notify_fifo lines, a script killed at its timeout, the stop's
# bounded wait, and enable_script_security refusing an insecure script.
# Topology: one namespace with a veth pair eth0/eth0p and no peer, so the
# instance (priority 100) starts BACKUP, becomes MASTER when the master
# down interval expires, and goes STOP on SIGTERM.
. "$(dirname "$0")/../lib.sh"

ns_create
ns_lone_link

# Scripts live in a directory only root may change (mktemp -d: 0700).
S="$WORK/scripts"
mkdir -m 0755 "$S"
EV="$WORK/events"
# rec.sh LABEL [ARGS...]: one line "LABEL ARGS" per run.
cat >"$S/rec.sh" <<EOF
#!/bin/sh
echo "\$*" >>"$EV"
EOF
# master.sh: records, then outlives the notify timeout (30 s).
cat >"$S/master.sh" <<EOF
#!/bin/sh
echo \$\$ >"$WORK/master.pid"
echo master >>"$EV"
exec sleep 100
EOF
# stop.sh: records, then outlives the stop's wait (5 s).
cat >"$S/stop.sh" <<EOF
#!/bin/sh
echo \$\$ >"$WORK/stop.pid"
echo stop >>"$EV"
exec sleep 100
EOF
# reader.sh FIFO: copies the FIFO's lines; it finishes reading at the
# stop instead of dying on the SIGTERM, so no line is lost to the race.
cat >"$S/reader.sh" <<EOF
#!/bin/sh
trap '' TERM
echo "arg \$1" >"$WORK/fifo.out"
while read -r l; do echo "\$l"; done <"\$1" >>"$WORK/fifo.out"
EOF
chmod 0755 "$S"/*.sh

conf="$WORK/k.conf"
cat >"$conf" <<CONF
child_wait_time 5
global_defs {
    router_id n1
    script_user root
    vrrp_notify_fifo $WORK/vrrp.fifo
    vrrp_notify_fifo_script $S/reader.sh
}
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    virtual_ipaddress {
        192.0.2.10/24
    }
    notify_backup "$S/rec.sh backup"
    notify_master $S/master.sh
    notify_stop $S/stop.sh
    notify "$S/rec.sh notify"
}
CONF

lines_of() { grep -v '^notify ' "$EV" 2>/dev/null | tr '\n' ' '; }
notify_lines() { grep '^notify ' "$EV" 2>/dev/null | tr '\n' '|'; }
events_are() { [ "$(lines_of)" = "$1" ]; }
has_vip() { ip -n "$NS" -4 addr show dev eth0 | grep -q 192.0.2.10/; }
pid_gone() { ! kill -0 "$(cat "$1" 2>/dev/null)" 2>/dev/null; }

start_vigild "$conf"
check "the instance starts BACKUP: notify_backup runs" \
	wait_for 10 events_are "backup "
check "the herald logs the transition" \
	log_has "herald: VRRP_Instance(VI_1) INIT -> BACKUP (priority 100)"
check "alone, it becomes MASTER: notify_master runs" \
	wait_for 15 events_are "backup master "
check "the VIP is up" wait_for 5 has_vip
check "the generic notify gets TYPE NAME STATE PRIORITY" \
	wait_for 5 eval '[ "$(notify_lines)" = "notify INSTANCE VI_1 BACKUP 100|notify INSTANCE VI_1 MASTER 100|" ]'
check "notify_master outlives its 30 s timeout: killed" \
	wait_for 40 log_has "VRRP_Instance(VI_1) notify_master: timed out after 30.0 s"
check "its process is gone" wait_for 5 pid_gone "$WORK/master.pid"
check "the herald says so" \
	log_has "VRRP_Instance(VI_1) notify_master: killed after its timeout"

# The parent heard every transition: a respawned VRRP child resumes.
check "the address monitor records (probe)" amon_start ns "$NS" eth0
kill -KILL "$(pidof_child vrrp)"
check "a killed VRRP child comes back as MASTER (resumed)" wait_for 10 \
	log_has "VRRP_Instance(VI_1) resuming as MASTER"
check "the VIP stayed" has_vip
# A window for a late herald line or VIP flap after the resume; the
# herald's count of 2 and the probe show that both would be seen.
check "the respawn heralds no transition (2 s)" \
	always 2 log_count_is "herald: VRRP_Instance(VI_1)" 2
check "the address monitor still records (probe)" amon_probe ns
check "the VIP was never removed" test "$(amon_dels ns 192.0.2.10)" -eq 0
check "nor added again" test "$(amon_adds ns 192.0.2.10)" -eq 0
amon_stop ns

t0=$(date +%s)
kill -TERM "$VPID"
check "SIGTERM: notify_stop runs" wait_for 10 events_are "backup master stop "
check "the stop waits for notify_stop, at most 5 s, then kills it" \
	wait_for 15 dead "$VPID"
wait "$VPID" 2>/dev/null
VPID=
t1=$(date +%s)
check "vigild stopped within the bound" [ $((t1 - t0)) -le 10 ]
check "the herald killed the stop script" \
	log_has "herald: scripts still running 5.0 s into the stop; killed"
check "notify_stop's process is gone" wait_for 5 pid_gone "$WORK/stop.pid"
check "each state script ran exactly once, in order" \
	events_are "backup master stop "
check "the generic notify saw every transition once, in order" \
	eval '[ "$(notify_lines)" = "notify INSTANCE VI_1 BACKUP 100|notify INSTANCE VI_1 MASTER 100|notify INSTANCE VI_1 STOP 100|" ]'
check "the FIFO script got the FIFO's path" \
	grep -qx "arg $WORK/vrrp.fifo" "$WORK/fifo.out"
check "vrrp_notify_fifo got keepalived's lines, in order" \
	eval '[ "$(grep -v ^arg "$WORK/fifo.out" | tr "\n" "|")" = "INSTANCE \"VI_1\" BACKUP 100|INSTANCE \"VI_1\" MASTER 100|INSTANCE \"VI_1\" STOP 100|" ]'
check "the FIFO vigild made is gone" [ ! -e "$WORK/vrrp.fifo" ]

# enable_script_security: a script whose directory anyone may change.
# At load time such a configuration is refused (keepalived -t's exit 6);
# a directory made insecure while running refuses the script then.
O="$WORK/open"
mkdir -m 0755 "$O"
cp "$S/rec.sh" "$O/rec.sh"
: >"$EV"
cat >"$conf" <<CONF
child_wait_time 5
global_defs {
    router_id n1
    script_user root
    enable_script_security
}
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    virtual_ipaddress {
        192.0.2.10/24
    }
    notify_backup "$S/rec.sh backup"
    notify_master "$O/rec.sh master"
}
CONF
chmod 0777 "$O"
ip netns exec "$NS" "$VIGILD" -t -f "$conf" >"$WORK/t.out" 2>&1
check "vigild -t refuses the insecure script (exit 6)" [ $? -eq 6 ]
chmod 0755 "$O"
start_vigild "$conf"
check "secure at start: it runs" wait_for 10 events_are "backup "
chmod 0777 "$O"
check "the instance becomes MASTER" wait_for 15 \
	log_has "herald: VRRP_Instance(VI_1) BACKUP -> MASTER"
check "notify_master is refused with a clear line" wait_for 5 \
	log_has "VRRP_Instance(VI_1) notify_master: refused: '$O' may be changed by a user other than root (enable_script_security)"
check "and did not run" events_are "backup "
stop_pid "$VPID"
VPID=
done_testing
