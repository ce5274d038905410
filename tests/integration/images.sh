#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# images.sh: each child is its own program (fork + exec) mapping only its
# own libraries; the SNMP module is loaded only when the configuration asks
# for SNMP; SIGUSR1/SIGUSR2 dumps are assembled by the parent in a fixed
# order, to the paths the environment names; a child that cannot apply a
# validated configuration exits and is restarted on that generation.
# Topology: one namespace, loopback only.
. "$(dirname "$0")/../lib.sh"

not() { ! "$@"; }
# maps PID PATTERN: the process maps a file matching PATTERN.
maps() { grep -q -- "$2" "/proc/$1/maps" 2>/dev/null; }
exe_is() { [ "$(basename "$(readlink "/proc/$1/exe")")" = "$2" ]; }

ns_create
conf="$WORK/k.conf"
write_conf "$conf"
export VIGIL_DATA_FILE="$WORK/data" VIGIL_STATS_FILE="$WORK/stats"
start_vigild "$conf" --all
check "three children start" wait_for 10 n_children "$VPID" 3
check "configuration applied" wait_for 10 log_count_is 'configuration generation 1 applied' 3

# ---- one program per process ----
vr=$(pidof_child vrrp)
ck=$(pidof_child checkers)
iv=$(pidof_child ipvs)
check "the VRRP child runs vigil-vrrp" exe_is "$vr" vigil-vrrp
check "the checker runs vigil-checker" exe_is "$ck" vigil-checker
check "the IPVS child runs vigil-ipvs" exe_is "$iv" vigil-ipvs
check "the parent runs vigild" exe_is "$VPID" vigild
check "positive control: the VRRP child maps libev" maps "$vr" 'libev\.so'
check "the VRRP child maps no libcurl" not maps "$vr" 'libcurl'
check "the VRRP child maps no net-snmp" not maps "$vr" 'libnetsnmp'
check "the VRRP child maps no libcrypto without AH" not maps "$vr" 'libcrypto'
check "the IPVS child maps no libcurl" not maps "$iv" 'libcurl'
check "the parent maps no net-snmp without SNMP" not maps "$VPID" 'libnetsnmp'
check "the parent maps no libcurl" not maps "$VPID" 'libcurl'
check "the parent maps no libcrypto" not maps "$VPID" 'libcrypto'
check "the children keep their titles" has_child_title vrrp

# ---- dumps: the parent assembles the parts in order ----
kill -USR1 "$VPID"
check "SIGUSR1 writes VIGIL_DATA_FILE" wait_for 10 test -s "$WORK/data"
order=$(grep -o '^------< [a-z]* \(data\|child\) >' "$WORK/data" | tr '\n' ' ')
check "data: parent, then vrrp, checker, ipvs (got: $order)" \
	test "$order" = "------< vigild data > ------< vrrp child > ------< checker child > ------< ipvs child > "
check "the VRRP child's part names its pid" grep -q "^ pid $vr, configuration generation 1" "$WORK/data"
check "no /tmp/keepalived.data when the environment names another" \
	not grep -qs "pid $vr," /tmp/keepalived.data
# Two signals at once: both files are whole, neither has the other's parts.
kill -USR2 "$VPID"
kill -USR1 "$VPID"
check "SIGUSR2 writes VIGIL_STATS_FILE" wait_for 10 test -s "$WORK/stats"
check "both dumps are logged" wait_for 10 log_count_ge "written to $WORK/" 3
check "the stats file has the VRRP statistics" grep -q "^------< VRRP statistics >" "$WORK/stats"
check "the stats file has no data part" not grep -q "^------< vigild data >" "$WORK/stats"
check "each child's part is there once" \
	test "$(grep -c '^------< [a-z]* child >' "$WORK/stats")" = 3
check "the link counters are in the stats" grep -q "^ ipvs link: up, messages sent" "$WORK/stats"
check "the parent says how long its loop worked at most" \
	grep -qE "^ Parent loop: iterations [1-9][0-9]*, busy [0-9.]+ s, longest iteration [0-9]+ us, since the last statistics [0-9]+ us$" "$WORK/stats"

# ---- a child never runs an older generation than the parent ----
stop_pid "$VPID"
VPID=
: >"$LOG"
VIGIL_TEST_REJECT_ONCE="$WORK/reject" start_vigild "$conf" --all
check "restarted for the generation case" wait_for 10 log_count_is 'configuration generation 1 applied' 3
touch "$WORK/reject"
kill -HUP "$VPID"
check "a child that cannot apply generation 2 exits" \
	wait_for 10 log_has "cannot apply configuration generation 2; exiting"
check "it is restarted" wait_for 10 log_has "restarting the .* child in 0 s"
check "every child then runs generation 2" \
	wait_for 10 log_count_is '\]: configuration generation 2 applied' 3
check "the reload completes" log_has "reload complete: configuration generation 2 applied"
check "no child runs generation 1 after it" \
	test "$(log_count '\]: configuration generation 1 applied')" = 3
stop_pid "$VPID"
VPID=

# ---- the SNMP module is loaded only when SNMP is enabled ----
if [ -e "$(dirname "$VIGILD")/vigil-snmp.so" ]; then
	: >"$LOG"
	cat >"$conf" <<CONF
child_wait_time 2
global_defs {
    router_id snmp1
    enable_snmp_vrrp
}
CONF
	start_vigild "$conf" --all
	check "snmp: children start" wait_for 10 log_count_is 'configuration generation 1 applied' 3
	check "snmp: the module is loaded" log_has "module snmp loaded (net-snmp"
	check "snmp: the parent maps net-snmp" maps "$VPID" 'libnetsnmp'
	check "snmp: the VRRP child does not" not maps "$(pidof_child vrrp)" 'libnetsnmp'
else
	diag "built without SNMP: no module to load"
fi
done_testing
