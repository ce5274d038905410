#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# snmp_agent.sh: the AgentX subagent's link to its master (Debian's snmpd):
# absent at start (vigild runs, one log line), started later (one line,
# the agent serves), stopped and restarted (one line each, the agent
# serves again), and VRRP never affected (the instance stays MASTER, no
# transition, the VIP stays).
# Topology: one namespace, a lone veth link; VI_1 (VRID 51, priority 150).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../snmp_lib.sh"

DOWN="SNMP: AgentX master at $SNMP_SOCK is not reachable"
UP="SNMP: connected to the AgentX master at $SNMP_SOCK"
vip_set() { ip -n "$NS" -o addr show dev eth0 | grep -q "192.0.2.100/"; }
state_is() { snmp_has "$KMIB_VRRP.3.1.4.1" "$1"; }

ns_create
ns_lone_link
cat >"$WORK/k.conf" <<CONF
global_defs {
    router_id snmp_agent
    snmp_socket $SNMP_SOCK
    enable_snmp_vrrp
}
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    virtual_ipaddress { 192.0.2.100/24 }
}
CONF

# snmpd absent at start.
check "snmptrapd runs" trapd_start
start_vigild "$WORK/k.conf" ${SNMP_TEST_ARGS:-}
check "absent master: one line" wait_for 15 log_count_is "$DOWN" 1
check "absent master: VRRP runs (VIP set)" wait_for 15 vip_set
check "absent master: vigild is alive" alive "$VPID"
sleep 6 # more than one retry period: still one line
check "absent master: still one line after a retry" log_count_is "$DOWN" 1
check "absent master: no connect line" log_count_is "$UP" 0

# snmpd comes up: the subagent connects within a retry period.
SNMP_NS=$NS
check "snmpd starts" snmpd_start
check "master up: one connect line" wait_for 20 log_count_is "$UP" 1
check "master up: the instance is served as MASTER" wait_for 10 state_is 2

# snmpd restarts.
transitions=$(log_count "herald: VRRP_Instance(VI_1)")
snmpd_stop
check "master stopped: one line" wait_for 20 log_count_is "$DOWN" 2
sleep 6
check "master stopped: still one line after a retry" log_count_is "$DOWN" 2
check "snmpd starts again" snmpd_start
check "master back: one connect line" wait_for 20 log_count_is "$UP" 2
check "master back: the instance is served again" wait_for 10 state_is 2
check "VRRP unaffected: no transition" \
	log_count_is "herald: VRRP_Instance(VI_1)" "$transitions"
check "VRRP unaffected: VIP still set" vip_set
check "vigild is alive" alive "$VPID"
stop_pid "$VPID"
VPID=
check "stopped cleanly" log_has "SNMP\|stopping\|stop"
snmp_stop
done_testing
