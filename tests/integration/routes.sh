#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# routes.sh: the message routes between the processes.  The checker gives
# the IPVS child the desired state of the real servers as a full state with
# a generation, again after a reload and whenever either of them restarts;
# the parent relays the VRRP roles to the IPVS child (every change, and the
# last role of each object when the IPVS child starts).
# Topology: one namespace with a veth pair eth0/eth0p and no peer, so the
# lone instance becomes MASTER when its master down interval expires.
. "$(dirname "$0")/../lib.sh"

ns_create
ns_lone_link
export VIGIL_DATA_FILE="$WORK/data" VIGIL_STATS_FILE="$WORK/stats"

# write_routes_conf FILE NRS: one instance, and a virtual server with NRS
# real servers without a checker plus one with a TCP_CHECK.
write_routes_conf() {
	local i
	{
		cat <<CONF
child_wait_time 2
global_defs {
    router_id routes1
}
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 0.1
    version 3
    virtual_ipaddress {
        192.0.2.100/24
    }
}
virtual_server 192.0.2.100 80 {
    lb_algo rr
    lb_kind DR
    protocol TCP
    real_server 198.51.100.99 80 {
        TCP_CHECK {
            connect_timeout 1
        }
    }
CONF
		for i in $(seq 1 "$2"); do
			echo "    real_server 198.51.100.$i 80 {"
			echo "        weight $i"
			echo "    }"
		done
		echo "}"
	} >"$1"
}

# dump_has PATTERN: a fresh SIGUSR1 dump matches PATTERN.
dump_has() {
	rm -f "$WORK/data"
	kill -USR1 "$VPID"
	wait_for 5 test -s "$WORK/data" && grep -q -- "$1" "$WORK/data"
}
desired_is() { log_has "ipvs\[.*desired state generation $1 from the checker: $2 real servers"; }

conf="$WORK/k.conf"
write_routes_conf "$conf" 2
start_vigild "$conf"
check "three children start" wait_for 10 n_children "$VPID" 3
check "the IPVS child gets the checker's desired state (3 real servers)" \
	wait_for 10 desired_is 1 3
check "the IPVS child's own health reaches the herald" \
	wait_for 10 log_has 'herald: Process(ipvs) DOWN -> \(FAULT\|UP\)$'
check "the instance becomes MASTER" wait_for 10 log_has "VRRP_Instance(VI_1) .*-> MASTER"
check "the IPVS child hears of the role" \
	wait_for 10 dump_has ' VRRP instance [0-9a-f]\{16\}: state 2$'
check "the checker's part says what it desires" \
	grep -q '^ real and sorry servers 3, probes 1, desired state generation 1$' "$WORK/data"
check "the parent's snapshot of the VRRP child has the instance as MASTER" \
	wait_for 10 dump_has '^  VRRP_Instance(VI_1) MASTER, priority 100 (base 100), [1-9][0-9]* transitions$'
check "the parent's snapshot of the checker has the real servers" \
	grep -q '^ Real servers: 3 desired, [23] in the table (generation 1)$' "$WORK/data"

# A reload restates the whole desired state under a new generation.
write_routes_conf "$conf" 3
kill -HUP "$VPID"
check "after a reload: generation 2 with 4 real servers" wait_for 10 desired_is 2 4
check "the checker matched old and new real servers" \
	log_has 'checker\[.*reload: real servers 3 unchanged, 0 changed, 1 new, 0 removed$'

# A new IPVS child asks for the state and gets it, and the VRRP roles.
iv=$(pidof_child ipvs)
kill -KILL "$iv"
check "the IPVS child is restarted" wait_for 10 log_has "ipvs child (pid $iv) was killed"
check "the new one asks and gets generation 3" wait_for 10 desired_is 3 4
check "the new one knows the VRRP role without a transition" \
	wait_for 10 dump_has ' VRRP instance [0-9a-f]\{16\}: state 2$'
check "its part shows the desired table" grep -q '^ desired real servers 4 (generation 3)$' "$WORK/data"

# A new checker: the IPVS child asks again on the new link.
ck=$(pidof_child checkers)
kill -KILL "$ck"
check "the checker is restarted" wait_for 10 log_has "checker child (pid $ck) was killed"
check "the IPVS child gets the new checker's full state" \
	wait_for 10 log_has "ipvs\[.*desired state generation 1 from the checker: 4 real servers"
check "the parent's real-server snapshot follows the new checker" \
	wait_for 10 dump_has '^ Real servers: 4 desired, [34] in the table (generation 1)$'

# A new VRRP child restates its snapshot; the parent kept it meanwhile.
vr=$(pidof_child vrrp)
kill -KILL "$vr"
check "the VRRP child is restarted" wait_for 10 log_has "vrrp child (pid $vr) was killed"
check "the new VRRP child's snapshot: MASTER, no transition of its own" \
	wait_for 10 dump_has '^  VRRP_Instance(VI_1) MASTER, priority 100 (base 100), 0 transitions$'
check "the VRRP instance stayed MASTER throughout" \
	test "$(log_count 'VRRP_Instance(VI_1) .*-> MASTER')" = 1
done_testing
