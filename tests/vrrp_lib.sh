# SPDX-License-Identifier: GPL-2.0-or-later
# tests/vrrp_lib.sh: a VRRP test topology and the helpers that drive it.
# Sourced after tests/lib.sh.
#
# Topology: a "switch" namespace holds one bridge per link (br0, br1, ...);
# each node (a, b, c) is a namespace whose ethK is a veth whose peer "<node>K"
# is a port of brK.  Node number i (a=1, b=2, c=3) has 192.0.2.1i/24 and
# 2001:db8::1i/64 on eth0.  A daemon (vigild, or keepalived 2.2.7 as a peer
# or as an oracle for the test logic) runs in each node's namespace with its
# own pid files, dump files and log under $WORK; everything is stopped by
# pid.  Namespaces are named after the test's pid, so tests run in parallel.
#
# VIGIL_NODE_IMPL=keepalived runs keepalived where a test would run vigild:
# the way to check a scenario's logic against the reference implementation.

KEEPALIVED=${KEEPALIVED:-/usr/sbin/keepalived}
VIGIL_NODE_IMPL=${VIGIL_NODE_IMPL:-vigild}
VR_PFX="vigil-t$$"
VR_SW="$VR_PFX-sw"
VR_NODES=
VR_LINKS=1
VR_BG= # pids of captures and monitors, stopped at exit
VIP4=192.0.2.100
VIP6=2001:db8::100

node_ns() { echo "$VR_PFX-$1"; }
node_idx() {
	case "$1" in
	a) echo 1 ;; b) echo 2 ;; c) echo 3 ;; d) echo 4 ;;
	*) return 1 ;;
	esac
}
# node_addr NODE [LINK]: the node's IPv4 address on ethLINK (no prefix).
node_addr() {
	local i k=${2:-0}
	i=$(node_idx "$1")
	if [ "$k" -eq 0 ]; then echo "192.0.2.1$i"; else echo "192.0.2.$((100 + 10 * k + i))"; fi
}
node_addr6() {
	local i k=${2:-0}
	i=$(node_idx "$1")
	if [ "$k" -eq 0 ]; then echo "2001:db8::1$i"; else echo "2001:db8:$k::1$i"; fi
}
# node_mac NODE [IF]: the MAC address of an interface of the node.
node_mac() {
	ip -n "$(node_ns "$1")" -o link show "${2:-eth0}" 2>/dev/null |
		sed -n 's/.*link\/ether \([0-9a-f:]*\) .*/\1/p'
}

# topo_create NODES [LINKS]: NODES namespaces (2 or 3; a, b, c) on LINKS
# bridged links (default 1).  IPv6 DAD is off so addresses are usable at
# once (VRRPv3 over IPv6 needs the link-local address).
topo_create() {
	local n=$1 links=${2:-1} i k node ns
	VR_LINKS=$links
	ip netns add "$VR_SW" || return 1
	ip -n "$VR_SW" link set lo up
	for k in $(seq 0 $((links - 1))); do
		ip -n "$VR_SW" link add "br$k" type bridge stp_state 0 \
			forward_delay 0 mcast_snooping 0 || return 1
		ip -n "$VR_SW" link set "br$k" up
	done
	for i in $(seq 1 "$n"); do
		node=$(echo abcd | cut -c"$i")
		ns=$(node_ns "$node")
		ip netns add "$ns" || return 1
		VR_NODES="$VR_NODES $node"
		ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
			net.ipv6.conf.default.accept_dad=0
		ip -n "$ns" link set lo up
		for k in $(seq 0 $((links - 1))); do
			ip -n "$ns" link add "eth$k" address \
				"02:00:00:00:0$k:1$i" type veth peer name "$node$k" \
				netns "$VR_SW" || return 1
			ip -n "$VR_SW" link set "$node$k" master "br$k" up
			ip -n "$ns" addr add "$(node_addr "$node" "$k")/$([ "$k" -eq 0 ] && echo 24 || echo 32)" dev "eth$k"
			ip -n "$ns" addr add "$(node_addr6 "$node" "$k")/64" dev "eth$k" nodad
			ip -n "$ns" link set "eth$k" up
		done
	done
	return 0
}

# node_add_if NODE IF: an extra interface for track_interface, a veth whose
# peer "<node>-IF" sits (unbridged) in the switch namespace.
node_add_if() {
	ip -n "$(node_ns "$1")" link add "$2" type veth peer name "$1-$2" \
		netns "$VR_SW" || return 1
	ip -n "$VR_SW" link set "$1-$2" up
	ip -n "$(node_ns "$1")" link set "$2" up
}
# if_carrier NODE IF up|down: the far end of the node's IF goes up or
# down, so the node sees its link (carrier) change.
if_carrier() {
	local peer="$1-$2"
	ip -n "$VR_SW" link show "$peer" >/dev/null 2>&1 || peer="$1${2#eth}"
	ip -n "$VR_SW" link set "$peer" "$3"
}
# partition NODE [LINK] / heal NODE [LINK]: the node's port leaves (joins)
# the bridge; the node's own link stays up, its packets just go nowhere.
partition() { ip -n "$VR_SW" link set "$1${2:-0}" nomaster; }
heal() { ip -n "$VR_SW" link set "$1${2:-0}" master "br${2:-0}"; }

# ---- configuration --------------------------------------------------

# conf_global FILE NODE [LINES...]: starts FILE with global_defs.
conf_global() {
	local f=$1 node=$2 l
	shift 2
	{
		echo "global_defs {"
		echo "    router_id node_$node"
		echo "    script_user root"
		for l in "$@"; do echo "    $l"; done
		echo "}"
	} >"$f"
}

# conf_instance FILE NAME [OPT...]: appends a vrrp_instance.  Options:
#   vrid=N (51) prio=N (100) adv=N (1) ver=2|3 if=eth0 state=BACKUP
#   vip=ADDR/LEN (repeatable; default 192.0.2.100/24, or 2001:db8::100/64
#   with v6) v6 nopreempt preempt_delay=N auth=PASSWORD ah=PASSWORD
#   unicast=SRC,PEER[,PEER...] track_if=IF[:WEIGHT] (repeatable)
#   track_script=NAME[:WEIGHT] (repeatable) vmac garp_delay=N
#   line=TEXT (a raw line inside the block, repeatable)
conf_instance() {
	local f=$1 name=$2 o vrid=51 prio=100 adv=1 ver= ifn=eth0
	local state=BACKUP vips= v6= nopre= pdelay= auth= uni= tif= tsc=
	local vmac= garp= lines= x authtype=PASS
	shift 2
	for o in "$@"; do
		case "$o" in
		vrid=*) vrid=${o#*=} ;;
		prio=*) prio=${o#*=} ;;
		adv=*) adv=${o#*=} ;;
		ver=*) ver=${o#*=} ;;
		if=*) ifn=${o#*=} ;;
		state=*) state=${o#*=} ;;
		vip=*) vips="$vips ${o#*=}" ;;
		v6) v6=1 ;;
		nopreempt) nopre=1 ;;
		preempt_delay=*) pdelay=${o#*=} ;;
		auth=*) auth=${o#*=} ;;
		ah=*) auth=${o#*=}; authtype=AH ;;
		unicast=*) uni=${o#*=} ;;
		track_if=*) tif="$tif ${o#*=}" ;;
		track_script=*) tsc="$tsc ${o#*=}" ;;
		vmac) vmac=1 ;;
		garp_delay=*) garp=${o#*=} ;;
		line=*) lines="$lines${o#*=}
" ;;
		*) echo "conf_instance: unknown option $o" >&2; return 1 ;;
		esac
	done
	if [ -z "$vips" ]; then
		if [ -n "$v6" ]; then vips="$VIP6/64"; else vips="$VIP4/24"; fi
	fi
	[ -n "$v6" ] && [ -z "$ver" ] && ver=3
	{
		echo "vrrp_instance $name {"
		echo "    state $state"
		echo "    interface $ifn"
		echo "    virtual_router_id $vrid"
		echo "    priority $prio"
		echo "    advert_int $adv"
		[ -n "$ver" ] && echo "    version $ver"
		[ -n "$nopre" ] && echo "    nopreempt"
		[ -n "$pdelay" ] && echo "    preempt_delay $pdelay"
		[ -n "$garp" ] && echo "    garp_master_delay $garp"
		[ -n "$vmac" ] && echo "    use_vmac"
		if [ -n "$auth" ]; then
			echo "    authentication {"
			echo "        auth_type $authtype"
			echo "        auth_pass $auth"
			echo "    }"
		fi
		if [ -n "$uni" ]; then
			echo "    unicast_src_ip ${uni%%,*}"
			echo "    unicast_peer {"
			for x in $(echo "${uni#*,}" | tr , ' '); do
				echo "        $x"
			done
			echo "    }"
		fi
		if [ -n "$tif" ]; then
			echo "    track_interface {"
			for x in $tif; do
				case "$x" in
				*:*) echo "        ${x%%:*} weight ${x#*:}" ;;
				*) echo "        $x" ;;
				esac
			done
			echo "    }"
		fi
		if [ -n "$tsc" ]; then
			echo "    track_script {"
			for x in $tsc; do
				case "$x" in
				*:*) echo "        ${x%%:*} weight ${x#*:}" ;;
				*) echo "        $x" ;;
				esac
			done
			echo "    }"
		fi
		[ -n "$lines" ] && printf '%s' "$lines" | sed 's/^/    /'
		echo "    virtual_ipaddress {"
		for x in $vips; do echo "        $x"; done
		echo "    }"
		echo "}"
	} >>"$f"
}

# conf_script FILE NAME PATH [interval=1 fall=N rise=N weight=N timeout=N]
conf_script() {
	local f=$1 name=$2 path=$3 o
	shift 3
	{
		echo "vrrp_script $name {"
		echo "    script \"$path\""
		for o in "$@"; do echo "    ${o%%=*} ${o#*=}"; done
		echo "}"
	} >>"$f"
}

# conf_sync_group FILE NAME INSTANCE...
conf_sync_group() {
	local f=$1 name=$2 i
	shift 2
	{
		echo "vrrp_sync_group $name {"
		echo "    group {"
		for i in "$@"; do echo "        $i"; done
		echo "    }"
		echo "}"
	} >>"$f"
}

# ---- daemons ----------------------------------------------------------

node_pidfile() { echo "$WORK/$1.pid"; }
vrrp_pidfile() { echo "$WORK/$1.vrrp.pid"; }
node_log() { echo "$WORK/$1.log"; }
# node_data_file NODE / node_stats_file NODE: where the node's vigild
# writes its SIGUSR1 / SIGUSR2 dump (VIGIL_DATA_FILE, VIGIL_STATS_FILE).
node_data_file() { echo "$WORK/$1.data"; }
node_stats_file() { echo "$WORK/$1.stats"; }

# start_node NODE vigild|keepalived CONF [ARGS...]: runs the daemon in the
# node's namespace, not forked (-n), logging to WORK/NODE.log.  Its pid is
# in WORK/NODE.pid (written by the test at once, then by the daemon).
# Every pid file, keepalived's included, is under WORK: none is shared
# with another test or with a daemon of the machine.
start_node() {
	local node=$1 impl=$2 conf=$3 ns pid
	local -a cmd
	shift 3
	ns=$(node_ns "$node")
	rm -f "$WORK/$node".*pid "$WORK/$node.pid"
	case "$impl" in
	vigild)
		cmd=("$VIGILD" --ipvs_pid "$WORK/$node.ipvs.pid")
		;;
	keepalived)
		cmd=("$KEEPALIVED")
		;;
	*) echo "start_node: unknown implementation $impl" >&2; return 1 ;;
	esac
	cmd+=(-n -l -G -D -f "$conf" -p "$WORK/$node.pid"
		-r "$WORK/$node.vrrp.pid" -c "$WORK/$node.checkers.pid"
		-b "$WORK/$node.bfd.pid" "$@")
	echo "=== $(date +%T.%N) start $impl: ${cmd[*]}" >>"$(node_log "$node")"
	VIGIL_DATA_FILE=$(node_data_file "$node") \
		VIGIL_STATS_FILE=$(node_stats_file "$node") \
		ip netns exec "$ns" "${cmd[@]}" >>"$(node_log "$node")" 2>&1 &
	pid=$!
	# Not a job: bash reaps it itself and prints no "Killed" notices.
	disown "$pid"
	eval "VR_PID_$node=$pid"
	eval "VR_IMPL_$node=$impl"
	return 0
}
node_pid() { eval "echo \${VR_PID_$1:-}"; }
node_impl() { eval "echo \${VR_IMPL_$1:-}"; }
# vrrp_child_pid NODE: the pid the node's VRRP child wrote to its -r file.
vrrp_child_pid() { cat "$(vrrp_pidfile "$1")" 2>/dev/null; }
# vrrp_child_up NODE: a VRRP child is running (its pid file names a live
# process whose parent is the node's daemon).
vrrp_child_up() {
	local p
	p=$(vrrp_child_pid "$1")
	alive "$p" && [ "$(ps -o ppid= -p "$p" 2>/dev/null | tr -d ' ')" = "$(node_pid "$1")" ]
}

# gone PID: the process has exited (a zombie counts: the daemon is this
# shell's child and is reaped only by wait).
gone() {
	local st
	st=$(ps -o stat= -p "$1" 2>/dev/null)
	[ -z "$st" ] || [ "${st#Z}" != "$st" ]
}

# node_procs NODE: the daemon's pid and all its descendants.
node_procs() {
	local -a todo
	local out= p
	todo=($(node_pid "$1"))
	while [ "${#todo[@]}" -gt 0 ]; do
		p=${todo[0]}
		todo=("${todo[@]:1}")
		alive "$p" || continue
		out="$out $p"
		todo+=($(ps --ppid "$p" -o pid= 2>/dev/null))
	done
	echo $out
}

# stop_node NODE [SIGNAL]: sends SIGNAL (TERM) to the daemon and waits
# (15 s) until it and every process it had forked are gone, then KILLs
# what is left.  Returns 1 if something had to be killed.
stop_node() {
	local node=$1 sig=${2:-TERM} procs p rc=0
	procs=$(node_procs "$node")
	[ -z "$procs" ] && { eval "VR_PID_$node="; return 0; }
	kill -"$sig" "$(node_pid "$node")" 2>/dev/null
	for p in $procs; do
		if ! wait_for 15 gone "$p"; then
			kill -KILL "$p" 2>/dev/null
			rc=1
		fi
	done
	echo "=== $(date +%T.%N) stopped ($sig)" >>"$(node_log "$node")"
	eval "VR_PID_$node="
	return $rc
}

# crash_node NODE: SIGKILL of every process of the node's daemon at once
# (all are stopped first, so no child sees its parent die and shuts down
# cleanly: that would be a graceful stop, not a crash).
crash_node() {
	local node=$1 procs p
	procs=$(node_procs "$node")
	[ -z "$procs" ] && return 1
	kill -STOP $procs 2>/dev/null
	kill -KILL $procs 2>/dev/null
	for p in $procs; do wait_for 5 gone "$p"; done
	echo "=== $(date +%T.%N) crashed (SIGKILL)" >>"$(node_log "$node")"
	eval "VR_PID_$node="
	return 0
}

# ---- addresses ----------------------------------------------------------

# drop_vip NODE ADDR: removes ADDR from the node's eth0, as a reboot after
# a crash would (a crashed daemon leaves its VIPs behind).
drop_vip() { ip -n "$(node_ns "$1")" addr flush dev eth0 to "$2" 2>/dev/null; }

# node_has_vip NODE ADDR: ADDR (no prefix) is on one of the node's links.
node_has_vip() {
	ip -n "$(node_ns "$1")" -o addr show 2>/dev/null |
		grep -q " inet6\{0,1\} $2/"
}
node_lacks_vip() { ! node_has_vip "$@"; }
# vip_dev NODE ADDR: the interface that holds ADDR.
vip_dev() {
	ip -n "$(node_ns "$1")" -o addr show 2>/dev/null |
		awk -v a="$2" '{ split($4, x, "/"); if (x[1] == a) print $2 }'
}
# wait_vip NODE ADDR [SECONDS=15] / wait_no_vip NODE ADDR [SECONDS=15]
wait_vip() { wait_for "${3:-15}" node_has_vip "$1" "$2"; }
wait_no_vip() { wait_for "${3:-15}" node_lacks_vip "$1" "$2"; }
# vip_holders ADDR: the nodes holding ADDR.
vip_holders() {
	local n out=
	for n in $VR_NODES; do
		node_has_vip "$n" "$1" && out="$out $n"
	done
	echo $out
}
# one_master ADDR: exactly one node holds ADDR.
one_master() { [ "$(vip_holders "$1" | wc -w)" -eq 1 ]; }
# master_is NODE ADDR: NODE holds ADDR and no other node does.
master_is() { [ "$(vip_holders "$2")" = "$1" ]; }
wait_master() { wait_for "${3:-15}" master_is "$1" "$2"; }
# always SECONDS COMMAND...: in tests/lib.sh.

# addr_mon_start NODE: records the node's address events to
# WORK/NODE.addrmon (ip monitor address); returns once the monitor has
# recorded a probe address added to and deleted from eth0 (amon_start in
# tests/lib.sh), 1 if it did not.  A check that the node added or removed
# no address runs `addr_mon_probe NODE` first: the monitor still records.
addr_mon_start() { amon_start "$1" "$(node_ns "$1")" eth0; }
addr_mon_probe() { amon_probe "$1"; }
addr_mon_stop() { amon_stop "$1"; }
# addr_adds NODE [ADDR]: address additions recorded (of ADDR, or of any
# address in 192.0.2.100-199 / 198.51.100/24 / 203.0.113/24 /
# 2001:db8::1xx when ADDR is empty: the VIP ranges the tests use).
addr_adds() { amon_adds "$@"; }
addr_dels() { amon_dels "$@"; }
addr_mon_reset() { : >"$WORK/$1.addrmon"; }

# ---- captures -------------------------------------------------------------

# cap_start NAME [NODE|sw] [IF] [FILTER]: tcpdump to WORK/NAME.pcap, on
# the switch's br0 by default (the bridge sees every node's frames), or on
# IF in NODE's namespace.  Returns once a marker frame sent on the link is
# in the file (pcap_mark in tests/lib.sh): the capture records.
cap_start() {
	local name=$1 where=${2:-sw} ifn=${3:-} filter=${4:-} ns key
	if [ "$where" = sw ]; then
		ns=$VR_SW
		ifn=${ifn:-br0}
	else
		ns=$(node_ns "$where")
		ifn=${ifn:-eth0}
	fi
	# The markers pass any filter.
	[ -n "$filter" ] && filter="($filter) or ether proto 0x88b5"
	key=$(printf %s "$name" | tr -c 'A-Za-z0-9_' _)
	ip netns exec "$ns" tcpdump -i "$ifn" --immediate-mode -U -s 512 -B 8192 -n \
		-w "$WORK/$name.pcap" $filter 2>"$WORK/$name.tcpdump" &
	eval "VR_CAP_$key=$!"
	eval "VR_CAPAT_$key='$ns $ifn'"
	VR_BG="$VR_BG $!"
	wait_for 10 grep -qs "listening on" "$WORK/$name.tcpdump" &&
		pcap_mark "$ns" "$ifn" "$WORK/$name.pcap"
}
# cap_stop NAME: stops the capture once a marker frame sent after every
# frame of interest is in the file.
cap_stop() {
	local p key at
	key=$(printf %s "$1" | tr -c 'A-Za-z0-9_' _)
	p=$(eval "echo \${VR_CAP_$key:-}")
	[ -z "$p" ] && return 0
	at=$(eval "echo \${VR_CAPAT_$key:-}")
	# shellcheck disable=SC2086 # "NETNS IF"
	pcap_mark $at "$WORK/$1.pcap" ||
		diag "capture $1: the end marker did not reach the file"
	kill -INT "$p" 2>/dev/null
	wait_for 10 dead "$p" || kill -KILL "$p" 2>/dev/null
	wait "$p" 2>/dev/null
	eval "VR_CAP_$key="
}
cap_file() { echo "$WORK/$1.pcap"; }
# cap_fields NAME FILTER FIELD...: tshark's tab-separated FIELD values of
# the packets matching the display FILTER.
cap_fields() {
	local f=$1 filter=$2 a=() x
	shift 2
	for x in "$@"; do a+=(-e "$x"); done
	tshark -n -r "$(cap_file "$f")" -Y "$filter" -T fields "${a[@]}" \
		2>/dev/null
}
# cap_count NAME FILTER: how many packets match.
cap_count() { cap_fields "$1" "$2" frame.number | grep -c .; }
cap_has() { [ "$(cap_count "$1" "$2")" -gt 0 ]; }
# To wait on a running capture, tcpdump reads it (tshark, ten times slower
# to start, is for the checks once it has stopped), with a capture filter:
# cap_seen NAME BPF [T] [N=1]: the capture holds N packets matching BPF
# sent after T (a time as `now` prints it).
cap_seen() {
	[ "$(tcpdump -r "$(cap_file "$1")" -tt -nn "$2" 2>/dev/null |
		awk -v t="${3:-0}" '/^[0-9]/ && $1 + 0 > t + 0 { n++ }
		    END { print n + 0 }')" -ge "${4:-1}" ]
}
# cap_wait NAME BPF [T] [SECONDS=10]: waits until cap_seen NAME BPF T.
cap_wait() { wait_for "${4:-10}" cap_seen "$1" "$2" "${3:-0}"; }
# heard NAME NODE [T] [N=2]: the capture holds N adverts from NODE (its
# eth0 IPv4 address) sent after T: its running peers have heard it.
heard() { cap_seen "$1" "$(advert_bpf "$(node_addr "$2")")" "${3:-0}" "${4:-2}"; }
# advert_bpf SRC [PRIO]: VRRP adverts (without AH) from SRC, an IPv4 or
# IPv6 address; with PRIO, of that priority (IPv4, no IP options).
advert_bpf() {
	case "$1" in
	*:*) echo "ip6 proto 112 and src host $1" ;;
	*) echo "ip proto 112 and src host $1${2:+ and ip[22] = $2}" ;;
	esac
}
# garp_bpf ADDR [MAC]: gratuitous ARP for ADDR (IPv4), or a neighbour
# advertisement (IPv6: of any target), from MAC if given.
garp_bpf() {
	local f
	case "$1" in
	*:*) f="icmp6 and ip6[40] = 136" ;;
	*) f="arp and arp[14:4] = arp[24:4] and arp host $1" ;;
	esac
	echo "$f${2:+ and ether src $2}"
}
# cap_vrrp_clean NAME: the capture holds VRRP packets, and tshark reads
# every one of them without a warning/error expert (bad checksum,
# malformed, ...).
cap_vrrp_clean() {
	local n bad
	n=$(cap_count "$1" vrrp)
	bad=$(cap_count "$1" 'vrrp && (_ws.expert.severity >= 6291456 || _ws.malformed || vrrp.checksum.status == 0)')
	[ "$n" -gt 0 ] && [ "$bad" -eq 0 ] && return 0
	diag "capture $1: $n VRRP packets, $bad with warnings or errors"
	tshark -n -r "$(cap_file "$1")" -Y 'vrrp && (_ws.expert.severity >= 6291456 || _ws.malformed)' -V 2>/dev/null | head -40 | sed 's/^/#   /'
	return 1
}
# Display filters.  garp_filter ADDR [MAC]: gratuitous ARP (IPv4) or
# unsolicited neighbour advertisement (IPv6) for ADDR, from MAC if given.
garp_filter() {
	local f
	case "$1" in
	*:*) f="icmpv6.type == 136 && icmpv6.nd.na.target_address == $1" ;;
	*) f="arp && arp.src.proto_ipv4 == $1 && arp.dst.proto_ipv4 == $1" ;;
	esac
	[ -n "${2:-}" ] && f="$f && eth.src == $2"
	echo "$f"
}
# advert_filter SRC [VRID]: VRRP adverts from SRC (an IPv4 or IPv6 address).
advert_filter() {
	local f
	case "$1" in
	*:*) f="vrrp && ipv6.src == $1" ;;
	*) f="vrrp && ip.src == $1" ;;
	esac
	[ -n "${2:-}" ] && f="$f && vrrp.virt_rtr_id == $2"
	echo "$f"
}
# node_ll NODE [IF]: the node's IPv6 link-local address (VRRPv3's source).
node_ll() {
	ip -n "$(node_ns "$1")" -o -6 addr show dev "${2:-eth0}" scope link |
		awk '{ split($4, x, "/"); print x[1]; exit }'
}
now() { date +%s.%N; }

# ---- cleanup ------------------------------------------------------------

vrrp_cleanup() {
	local n p
	for n in $VR_NODES; do
		if [ -n "$(node_pid "$n")" ]; then
			stop_node "$n" TERM >/dev/null 2>&1
		fi
	done
	for p in $VR_BG $BG_PIDS; do
		kill "$p" 2>/dev/null && wait "$p" 2>/dev/null
	done
	if [ "$T_FAIL" -gt 0 ] || [ -n "${VRRP_KEEP_LOGS:-}" ]; then
		for n in $VR_NODES; do
			[ -f "$(node_log "$n")" ] || continue
			diag "---- node $n log (tail)"
			tail -40 "$(node_log "$n")" | sed 's/^/#   /'
		done
	fi
	for n in $VR_NODES; do
		ip netns del "$(node_ns "$n")" 2>/dev/null
	done
	ip netns del "$VR_SW" 2>/dev/null
	cleanup
}
trap vrrp_cleanup EXIT

# impl: the implementation a scenario runs on its nodes.
impl() { echo "$VIGIL_NODE_IMPL"; }
# check_vigil DESCRIPTION COMMAND...: a check of behaviour vigil adds over
# keepalived; with keepalived as the node a failure is a TAP TODO (the
# check itself still runs, so its logic is exercised).
check_vigil() {
	local d=$1
	shift
	if [ "$(impl)" = keepalived ]; then
		T_N=$((T_N + 1))
		if "$@"; then
			echo "ok $T_N - $d (vigil-only behaviour; keepalived passed it)"
		else
			echo "not ok $T_N - $d # TODO vigil-only behaviour, keepalived fails it"
		fi
	else
		check "$d" "$@"
	fi
}

# ---- scenarios shared by several files ------------------------------------

# pair_conf PRIO_A PRIO_B [OPT...]: WORK/a.conf and WORK/b.conf with one
# instance VI_1; in OPTs, @SELF and @PEER stand for the node's and the
# other node's eth0 address (@SELF6/@PEER6: IPv6), for unicast.
pair_conf() {
	local pa=$1 pb=$2 n o p peer
	local -a opts
	shift 2
	for n in a b; do
		if [ "$n" = a ]; then p=$pa; peer=b; else p=$pb; peer=a; fi
		opts=()
		for o in "$@"; do
			o=${o//@SELF6/$(node_addr6 "$n")}
			o=${o//@PEER6/$(node_addr6 "$peer")}
			o=${o//@SELF/$(node_addr "$n")}
			o=${o//@PEER/$(node_addr "$peer")}
			opts+=("$o")
		done
		conf_global "$WORK/$n.conf" "$n"
		conf_instance "$WORK/$n.conf" VI_1 prio="$p" "${opts[@]}"
	done
}

# src_of NODE VIP: the source address of the node's adverts for a VIP of
# that family (IPv6 VRRP is sent from the link-local address, unless
# unicast from a global one).
src_of() {
	case "$2" in
	*:*) if [ -n "${VR_UNICAST:-}" ]; then node_addr6 "$1"; else node_ll "$1"; fi ;;
	*) node_addr "$1" ;;
	esac
}

# interop_dir IMPL_A IMPL_B VIP TAG [OPT...]: one direction of an interop
# case: a (IMPL_A, priority 150) and b (IMPL_B, priority 100) agree that
# a is master; b takes over when a crashes and when a stops; a preempts
# when it comes back.  TAG names the case in the TAP lines.
interop_dir() {
	local ia=$1 ib=$2 vip=$3 tag=$4 cap t
	shift 4
	cap="cap-$ia-$ib"
	pair_conf 150 100 "$@"
	check "$tag: the capture records (marker)" cap_start "$cap"
	start_node a "$ia" "$WORK/a.conf"
	check "$tag: $ia alone becomes master" wait_vip a "$vip" 15
	check "$tag: b's address monitor records (probe)" addr_mon_start b
	start_node b "$ib" "$WORK/b.conf"
	check "$tag: $ib (backup) starts" wait_for 10 vrrp_child_up b
	check "$tag: both agree $ia is master (5 s)" always 5 master_is a "$vip"
	check "$tag: b's address monitor still records (probe)" addr_mon_probe b
	check "$tag: $ib never installed the VIP" test "$(addr_adds b "$vip")" -eq 0
	crash_node a
	check "$tag: $ib takes over when $ia crashes" wait_vip b "$vip" 15
	ip -n "$(node_ns a)" addr flush dev eth0 to "$vip" 2>/dev/null
	start_node a "$ia" "$WORK/a.conf"
	check "$tag: $ia preempts when it comes back" wait_master a "$vip" 15
	check "$tag: and stays master (3 s)" always 3 master_is a "$vip"
	t=$(now)
	stop_node a TERM
	check "$tag: $ib takes over when $ia stops" wait_vip b "$vip" 10
	check "$tag: $ia removed the VIP on stop" node_lacks_vip a "$vip"
	stop_node b TERM
	addr_mon_stop b
	cap_stop "$cap"
	check "$tag: $ia sent priority 0 on stop" \
		cap_has "$cap" "$(advert_filter "$(src_of a "$vip")") && vrrp.prio == 0 && frame.time_epoch > $t"
	check "$tag: $ib sent adverts as master" \
		cap_has "$cap" "$(advert_filter "$(src_of b "$vip")") && vrrp.prio == 100"
	check "$tag: $ib announced the VIP (GARP/NA)" \
		cap_has "$cap" "$(garp_filter "$vip" "$(node_mac b)")"
	check "$tag: tshark reads every VRRP packet cleanly" cap_vrrp_clean "$cap"
	if [ -n "${VR_ALL_VRRP:-}" ]; then
		check "$tag: every VRRP packet has $VR_ALL_VRRP" \
			test "$(cap_count "$cap" "vrrp && !($VR_ALL_VRRP)")" -eq 0
	fi
	mv "$(node_log a)" "$WORK/a-$ia-$ib.log"
	mv "$(node_log b)" "$WORK/b-$ia-$ib.log"
}

# interop_case VIP TAG [OPT...]: both directions (VR_ALL_VRRP: a display
# filter every VRRP packet must match), vigil (VIGIL_NODE_IMPL)
# as master with keepalived as backup, then the reverse.
interop_case() {
	local vip=$1 tag=$2
	shift 2
	interop_dir "$(impl)" keepalived "$vip" "$tag" "$@"
	interop_dir keepalived "$(impl)" "$vip" "$tag" "$@"
}
