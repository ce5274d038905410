# SPDX-License-Identifier: GPL-2.0-or-later
# tests/snmp_lib.sh: Debian's snmpd as the AgentX master and snmptrapd as
# the trap receiver, inside one test namespace, and numeric walks and gets
# against them.  Sourced after tests/lib.sh (and vrrp_lib.sh when used).
#
# snmp_start [NETNS] starts both in NETNS ($NS by default):
# - snmpd: AgentX master on the Unix socket $SNMP_SOCK (in $WORK), v2c
#   community "public" read-only from 127.0.0.1, SNMP on
#   udp:127.0.0.1:161 of NETNS, every notification (trap2sink) to
#   snmptrapd; no configuration file but its own (-C), no MIB loaded, its
#   persistent files in $WORK;
# - snmptrapd on udp:127.0.0.1:162 of NETNS, one line per received
#   notification in $SNMP_TRAPS, numeric OIDs, varbinds separated by '|':
#	TRAP .1.3.6.1.2.1.1.3.0 = 1234|.1.3.6.1.6.3.1.1.4.1.0 = OID: .1.3...|...
#   (snmpd's own coldStart trap is one of them).
# The agent under test is pointed at $SNMP_SOCK (snmp_socket in its
# global_defs, or -A).  Both servers are stopped by pid at exit (their pid
# files are $WORK/*.pid, which lib.sh's cleanup stops).

SNMP_NS=
SNMP_SOCK="$WORK/agentx.sock"
SNMP_TRAPS="$WORK/traps"
SNMPD_PID=
TRAPD_PID=
# Neither the tools nor the servers load any MIB: every OID is numeric,
# and no missing MIB is reported.
export MIBS=
export MIBDIRS="$WORK/no-mibs"
export SNMP_PERSISTENT_DIR="$WORK/snmp-persist"
export SNMPCONFPATH="$WORK/snmp-conf"
mkdir -p "$SNMPCONFPATH"

# The root of KEEPALIVED-MIB, and of its parts.
KMIB=.1.3.6.1.4.1.9586.100.5
KMIB_GLOBAL=$KMIB.1
KMIB_VRRP=$KMIB.2
KMIB_CHECK=$KMIB.3
KMIB_TRAPS=$KMIB.2.10 # vrrpInstanceStateChange is .2.10.0.2
TRAP_OID=.1.3.6.1.6.3.1.1.4.1.0

snmp_ns() { echo "${SNMP_NS:-$NS}"; }
# snmp_exec CMD...: runs CMD in the namespace.  (Never in the background:
# $! would be a subshell's pid, not the server's.)
snmp_exec() { ip netns exec "$(snmp_ns)" "$@"; }

# snmpd_start: (re)starts snmpd in the namespace; 0 once it answers.
snmpd_start() {
	cat >"$WORK/snmpd.conf" <<EOF
master agentx
agentXSocket $SNMP_SOCK
agentXPerms 0600 0700
agentXTimeout 5
agentXRetries 1
rocommunity public 127.0.0.1
trap2sink 127.0.0.1:162 public
EOF
	rm -f "$SNMP_SOCK"
	ip netns exec "$(snmp_ns)" snmpd -f -C -c "$WORK/snmpd.conf" -Lf "$WORK/snmpd.log" \
		udp:127.0.0.1:161 >>"$WORK/snmpd.log" 2>&1 &
	SNMPD_PID=$!
	echo "$SNMPD_PID" >"$WORK/snmpd.pid"
	wait_for 10 snmp_answers
}

# snmpd_stop: stops snmpd (by pid); its AgentX socket goes with it.
snmpd_stop() {
	[ -n "$SNMPD_PID" ] && stop_pid "$SNMPD_PID"
	rm -f "$WORK/snmpd.pid"
	SNMPD_PID=
}

# trapd_start: snmptrapd in the namespace, appending to $SNMP_TRAPS.
trapd_start() {
	cat >"$WORK/snmptrapd.conf" <<EOF
disableAuthorization yes
format2 TRAP %V|%v\n
EOF
	: >>"$SNMP_TRAPS"
	ip netns exec "$(snmp_ns)" snmptrapd -f -C -c "$WORK/snmptrapd.conf" -n -On -Oe -Ot \
		-A -Lf "$SNMP_TRAPS" udp:127.0.0.1:162 \
		>>"$WORK/snmptrapd.out" 2>&1 &
	TRAPD_PID=$!
	echo "$TRAPD_PID" >"$WORK/snmptrapd.pid"
	# snmpd's coldStart reaches it once both run: the receiver is ready.
	return 0
}

trapd_stop() {
	[ -n "$TRAPD_PID" ] && stop_pid "$TRAPD_PID"
	rm -f "$WORK/snmptrapd.pid"
	TRAPD_PID=
}

# snmp_start [NETNS]: snmptrapd, then snmpd; 1 when either did not come up
# (snmpd answering, and its coldStart trap received) within 10 s.
snmp_start() {
	SNMP_NS=${1:-$NS}
	trapd_start || return 1
	snmpd_start || return 1
	wait_for 10 traps_has .1.3.6.1.6.3.1.1.5.1
}

snmp_stop() {
	snmpd_stop
	trapd_stop
}

# snmp_answers: snmpd answers a get of sysUpTime.
snmp_answers() {
	snmp_exec snmpget -v2c -c public -t 1 -r 0 127.0.0.1 \
		.1.3.6.1.2.1.1.3.0 >/dev/null 2>&1
}

# snmp_walk OID: "OID VALUE" lines, numeric OIDs, enumerations and
# time ticks as numbers, strings quoted, octet strings that are not
# printable as quoted hex ("C0 00 02 64 ").  Nothing past OID's
# subtree.
snmp_walk() {
	snmp_exec snmpwalk -v2c -c public -t 5 -r 1 -On -Oq -Oe -Ot \
		127.0.0.1 "$1" 2>/dev/null | grep -v 'No Such\|No more variables'
}
# snmp_bulkwalk OID: the same with GETBULK (how monitoring walks big
# tables).
snmp_bulkwalk() {
	snmp_exec snmpbulkwalk -v2c -c public -t 5 -r 1 -Cr50 -On -Oq -Oe \
		-Ot 127.0.0.1 "$1" 2>/dev/null |
		grep -v 'No Such\|No more variables'
}
# snmp_get OID: the value only (as snmp_walk prints it), or nothing
# (no such object or instance, or no answer).
snmp_get() {
	snmp_exec snmpget -v2c -c public -t 5 -r 1 -On -Oq -Oe -Ot -Ov \
		127.0.0.1 "$1" 2>/dev/null | grep -v '^No Such'
}
# snmp_value WALKFILE OID: the value of OID in a saved walk.
snmp_value() {
	awk -v o="$2" '$1 == o { sub(/^[^ ]* /, ""); print; exit }' "$1"
}
# snmp_has OID VALUE: a get of OID gives VALUE (for wait_for).
snmp_has() { [ "$(snmp_get "$1")" = "$2" ]; }
# snmp_agent_serves OID: the subtree of OID has at least one object (the
# subagent is registered).
snmp_agent_serves() { [ -n "$(snmp_walk "$1" | head -1)" ]; }

# ---- traps --------------------------------------------------------------

# traps_has TRAP_OID: a notification of that OID was received.
traps_has() { grep -q -- "$TRAP_OID = OID: $1\(|\|$\)" "$SNMP_TRAPS" 2>/dev/null; }
# traps_of TRAP_OID: the lines of the notifications of that OID.
traps_of() { grep -- "$TRAP_OID = OID: $1\(|\|$\)" "$SNMP_TRAPS" 2>/dev/null; }
# traps_count TRAP_OID [PATTERN]: how many of them (matching PATTERN).
traps_count() {
	local n
	n=$(traps_of "$1" | grep -c -- "${2:-.}")
	echo "${n:-0}"
}
traps_count_is() { [ "$(traps_count "$1" "${3:-.}")" = "$2" ]; }
# trap_var LINE OID: the value of OID in one trap line ("STRING: \"x\"",
# "INTEGER: 2"...), without the type when it is an INTEGER or a STRING.
trap_var() {
	echo "$1" | tr '|' '\n' | awk -v o="$2" '
		$1 == o { sub(/^[^=]*= /, ""); sub(/^(INTEGER|STRING|Gauge32|Counter32): /, "");
			  gsub(/^"|"$/, ""); print; exit }'
}

# hex_ip4 A.B.C.D: how snmp_walk prints an IPv4 InetAddress, quotes and
# trailing space included ("C0 00 02 64 ").
hex_ip4() {
	local IFS=.
	# shellcheck disable=SC2086
	printf '"%02X %02X %02X %02X "' $1
}
