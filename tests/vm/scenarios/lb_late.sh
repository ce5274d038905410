#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# lb_late.sh: vigild starts in a kernel without IPVS loaded: VRRP and the
# checks run, the IPVS child says once that IPVS is not available; after
# `modprobe ip_vs` it programs the table without a restart and traffic
# through the VIP flows.
. "$TOP_SRCDIR/tests/vm/lib.sh"

R1=198.51.100.11:80
VIP=192.0.2.100

# The kernel loads ip_vs by itself when someone asks generic netlink for
# the IPVS family (the module has that alias), and ipvsadm runs modprobe:
# until the scenario loads it, the kernel's module loader is /bin/false,
# and ipvsadm is not run.
MODPROBE_WAS=$(cat /proc/sys/kernel/modprobe)
restore_modprobe() { echo "$MODPROBE_WAS" >/proc/sys/kernel/modprobe; }
trap 'restore_modprobe; vm_cleanup' EXIT
ipvs_loaded() { grep -q '^ip_vs ' /proc/modules; }
# unload_ipvs: the schedulers and the other users of ip_vs, then ip_vs.
unload_ipvs() {
	local m
	for m in $(awk '$1 ~ /^(ip_vs_|xt_ipvs)/ { print $1 }' /proc/modules); do
		rmmod "$m" 2>/dev/null
	done
	ipvs_loaded && rmmod ip_vs 2>/dev/null
	! ipvs_loaded
}

vm_modprobe veth bridge
echo /bin/false >/proc/sys/kernel/modprobe
check "ip_vs is not loaded" wait_for 30 unload_ipvs
[ -e /proc/net/ip_vs ] && diag "/proc/net/ip_vs still exists"

vm_lvs_net 1
vm_http_server "${NS}r1" 198.51.100.11 80
cat >"$WORK/k.conf" <<CONF
global_defs { router_id vm1 }
vrrp_instance VI {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    virtual_ipaddress { $VIP/24 }
}
virtual_server $VIP 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server ${R1%:*} 80 { weight 3
        TCP_CHECK { connect_timeout 2 }
    }
}
CONF
start_lb "$WORK/k.conf"
log_has_() { grep -q -- "$1" "$LOG"; }
not_avail() { log_has_ 'IPVS is not available'; }
vip_up() { ip -n "$NS" -4 addr show dev eth0 | grep -q " $VIP/"; }
# or_dead CMD...: CMD holds, or the daemon is gone (keepalived 2.2.7 exits
# without IPVS: no need to wait for the rest).
or_dead() { "$@" || dead "$LB_PID"; }
wait_for 30 or_dead not_avail
check_vigil "the IPVS child says IPVS is not available" not_avail
wait_for 60 or_dead vip_up
check_vigil "VRRP runs: the lone instance becomes MASTER and adds the VIP" vip_up
# rs_up: the checker's part of a fresh SIGUSR1 dump shows R1 up.
rs_up() {
	rm -f "$WORK/lb.data"
	kill -USR1 "$LB_PID" 2>/dev/null || return 1
	wait_for 5 grep -q . "$WORK/lb.data" &&
		grep -q '^  RS \[198\.51\.100\.11\]:tcp:80 UP ' "$WORK/lb.data"
}
if [ "$(impl)" = keepalived ]; then
	ok "the checks run: R1 is up in the data file (skipped on keepalived: other format)"
else
	check "the checks run: R1 is up in the data file" wait_for 30 rs_up
fi
sleep 5 # two more looks for IPVS
n=$(grep -c 'IPVS is not available' "$LOG")
check_vigil "'IPVS is not available' logged once ($n)" [ "$n" = 1 ]
check "ip_vs is still not loaded" eval '! ipvs_loaded'
ipvs_pid=$(cat "$WORK/lb.ipvs.pid" 2>/dev/null)
check_vigil "vigild still runs" alive "$LB_PID"

# a daemon that exited (keepalived 2.2.7 does) gets shorter waits
wt=30
alive "$LB_PID" || wt=3
restore_modprobe
t0=$(usecs)
check "modprobe ip_vs" vm_modprobe ip_vs
in_table() { ip netns exec "$NS" ipvsadm -Ln -t "$VIP:80" 2>/dev/null | grep -Eq -- "-> $R1 +Masq +3 "; }
if wait_for $wt in_table; then
	ms=$((($(usecs) - t0) / 1000))
	diag "the table appeared $ms ms after modprobe ip_vs (retries every 2 s)"
	check_vigil "the table appears without a restart" true
else
	check_vigil "the table appears without a restart" false
fi
ip netns exec "$NS" ipvsadm -Ln | sed 's/^/#   /'
check_vigil "logged 'IPVS is available now'" grep -q 'IPVS is available now' "$LOG"
check_vigil "the same IPVS child ($ipvs_pid) did it" \
	[ -n "$ipvs_pid" -a "$(cat "$WORK/lb.ipvs.pid" 2>/dev/null)" = "$ipvs_pid" ]
a_answers() { vm_curl "${NS}c" "http://$VIP/" | grep -q "${NS}r1"; }
check_vigil "traffic through the VIP reaches R1" wait_for $wt a_answers
if [ "$(impl)" = keepalived ]; then
	diag "keepalived's log (what it does without IPVS):"
	grep -i -E 'ipvs|exit|stop|modprobe|terminat' "$LOG" | tail -15 | sed 's/^/#   /'
fi
done_testing
