#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/vm/scenarios/nl_codec.sh: the IPVS generic netlink codec
# (ipvs/ipvs_nl.c) driven by tests/vm/ipvs_nltool against the guest's
# kernel, with ipvsadm as the oracle: services of every kind and every
# scheduler, destinations of every forwarding method and tunnel type,
# edits in place that keep the counters, refusals mapped back to their
# operations, a batch of 10,000 destinations, flush, timeouts and the
# sync daemons.  Topology: the root namespace for the table, plus one
# namespace "${NS}" with a veth pair for the sync daemons and a local
# client for the counters.
. "$TOP_SRCDIR/tests/vm/lib.sh"

export LC_ALL=C # the tool sorts bytewise
NLTOOL=${IPVS_NLTOOL:-$(dirname "$VIGILD")/tests/vm/ipvs_nltool}
# twos came with Linux 6.2.
SCHEDS="rr wrr lc wlc lblc lblcr dh sh sed nq fo ovf mh"

# nlt ARGS...: the tool, its stdout in $WORK/out, its ops count in $OPS.
nlt() {
	"$NLTOOL" "$@" >"$WORK/out" 2>"$WORK/err"
	local rc=$?
	OPS=$(sed -n 's/^ops=//p' "$WORK/err")
	return $rc
}
# apply TEXT: one batch; the summary line in $WORK/out.
apply() {
	printf '%s\n' "$1" >"$WORK/batch"
	nlt apply "$WORK/batch"
}
out_has() { grep -q -- "$1" "$WORK/out"; }
out_lacks() { ! grep -q -- "$1" "$WORK/out"; }
lvs() { ipvsadm -Ln "$@" >"$WORK/lvs" 2>&1; }
lvs_has() { grep -q -- "$1" "$WORK/lvs"; }
lvs_lacks() { ! grep -q -- "$1" "$WORK/lvs"; }
show() { sed 's/^/#   /' "$1" | head -"${2:-40}"; }
# list_is TEXT: the tool lists exactly TEXT (the guest has no /dev/fd).
list_is() {
	printf '%s\n' "$1" >"$WORK/want"
	nlt list || return 1
	diff -u "$WORK/want" "$WORK/out" >"$WORK/diff" || {
		show "$WORK/diff"
		return 1
	}
}

# sched_lines FROM TO: how list shows the schedulers' services 192.0.2.FROM
# to TO (10 + the scheduler's index in $SCHEDS).
sched_lines() {
	local i=10 s
	for s in $SCHEDS; do
		[ "$i" -ge "$1" ] && [ "$i" -le "$2" ] &&
			echo "tcp 192.0.2.$i:80 $s flags=0x0 timeout=0 netmask=255.255.255.255 pe=-"
		i=$((i + 1))
	done
}

check "the tool is built" test -x "$NLTOOL"
check "modprobe ip_vs and every scheduler" \
	vm_modprobe ip_vs $(printf 'ip_vs_%s ' $SCHEDS) ip_vs_pe_sip
check "open: the IPVS family resolves" nlt list
check "an empty table lists nothing" test ! -s "$WORK/out"

# ---- services of every kind -------------------------------------------------
diag "at ${SECONDS} s: services of every kind"
check "services of every kind in one batch" apply "
svc-add tcp 192.0.2.1:80 wlc
svc-add udp 192.0.2.1:53 rr
svc-add sctp 192.0.2.1:9 sh flags=flag-1,flag-2
svc-add fwmark 1 wlc persistent=300 netmask=255.255.255.0
svc-add fwmark6 2 lc
svc-add tcp [2001:db8::1]:443 lc persistent=60 netmask=64
svc-add udp 192.0.2.2:5060 rr persistent=30 pe=sip
svc-add tcp 192.0.2.3:80 mh flags=flag-1,flag-2
svc-add udp 192.0.2.4:53 rr flags=onepacket"
show "$WORK/out"
check "list shows them as added" list_is "fwmark 1 wlc flags=0x1 timeout=300 netmask=255.255.255.0 pe=-
fwmark6 2 lc flags=0x0 timeout=0 netmask=128 pe=-
sctp 192.0.2.1:9 sh flags=0x18 timeout=0 netmask=255.255.255.255 pe=-
tcp 192.0.2.1:80 wlc flags=0x0 timeout=0 netmask=255.255.255.255 pe=-
tcp 192.0.2.3:80 mh flags=0x18 timeout=0 netmask=255.255.255.255 pe=-
tcp [2001:db8::1]:443 lc flags=0x1 timeout=60 netmask=64 pe=-
udp 192.0.2.1:53 rr flags=0x0 timeout=0 netmask=255.255.255.255 pe=-
udp 192.0.2.2:5060 rr flags=0x1 timeout=30 netmask=255.255.255.255 pe=sip
udp 192.0.2.4:53 rr flags=0x4 timeout=0 netmask=255.255.255.255 pe=-"
lvs
show "$WORK/lvs"
check "ipvsadm: tcp wlc" lvs_has '^TCP  192\.0\.2\.1:80 wlc'
check "ipvsadm: udp rr" lvs_has '^UDP  192\.0\.2\.1:53 rr'
check "ipvsadm: sctp sh with its flags" lvs_has '^SCTP 192\.0\.2\.1:9 sh.*sh-fallback.*sh-port'
check "ipvsadm: fwmark persistent with a mask" lvs_has '^FWM  1 wlc persistent 300 mask 255\.255\.255\.0'
check "ipvsadm: fwmark IPv6" lvs_has '^FWM  2 IPv6 lc'
check "ipvsadm: tcp IPv6 persistent /64" lvs_has '^TCP  \[2001:db8::1\]:443 lc persistent 60 mask 64'
check "ipvsadm: pe sip" lvs_has '^UDP  192\.0\.2\.2:5060 rr persistent 30 pe sip'
check "ipvsadm: mh with its flags" lvs_has '^TCP  192\.0\.2\.3:80 mh.*mh-fallback.*mh-port'
check "ipvsadm: one-packet scheduling" lvs_has '^UDP  192\.0\.2\.4:53 rr ops'

check "every scheduler, each in a service" apply "$(
	i=10
	for s in $SCHEDS; do
		echo "svc-add tcp 192.0.2.$i:80 $s"
		i=$((i + 1))
	done
)"
lvs
i=10
bad=
for s in $SCHEDS; do
	lvs_has "^TCP  192\.0\.2\.$i:80 $s\b" || bad="$bad $s"
	i=$((i + 1))
done
check "ipvsadm sees every scheduler${bad:+ (not:$bad)}" test -z "$bad"

check "edits: scheduler, flags, persistence, engine away" apply "
svc-edit tcp 192.0.2.1:80 rr persistent=120
svc-edit sctp 192.0.2.1:9 sh flags=flag-2
svc-edit fwmark 1 wlc
svc-edit udp 192.0.2.2:5060 rr persistent=30"
nlt list
check "edited: tcp now rr, persistent 120" out_has '^tcp 192.0.2.1:80 rr flags=0x1 timeout=120 '
check "edited: sctp keeps only sh-port" out_has '^sctp 192.0.2.1:9 sh flags=0x10 '
check "edited: fwmark 1 no longer persistent" out_has '^fwmark 1 wlc flags=0x0 timeout=0 '
check "edited: the sip engine is gone" out_has '^udp 192.0.2.2:5060 rr flags=0x1 timeout=30 netmask=255.255.255.255 pe=-'
lvs
check "ipvsadm agrees on the edits" lvs_has '^TCP  192\.0\.2\.1:80 rr persistent 120'

# ---- destinations ------------------------------------------------------------
diag "at ${SECONDS} s: destinations"
check "destinations of every method in one batch" apply "
dest-add tcp 192.0.2.1:80 198.51.100.2:80 masq 1
dest-add tcp 192.0.2.1:80 198.51.100.3:80 droute 2 u=100 l=10
dest-add tcp 192.0.2.1:80 198.51.100.4:80 ipip 3
dest-add tcp 192.0.2.1:80 198.51.100.5:80 gue 4 tunport=6080 tunflags=csum
dest-add tcp 192.0.2.1:80 198.51.100.6:80 gue 5 tunport=6081 tunflags=remcsum
dest-add tcp 192.0.2.1:80 198.51.100.7:80 gre 6 tunflags=csum
dest-add tcp [2001:db8::1]:443 [2001:db8:1::2]:443 masq 7
dest-add fwmark 1 198.51.100.8:0 droute 0
dest-add udp 192.0.2.1:53 198.51.100.9:53 masq 1 u=5"
show "$WORK/out"
check "list shows the destinations" list_is "fwmark 1 wlc flags=0x0 timeout=0 netmask=255.255.255.255 pe=-
  -> 198.51.100.8:0 droute weight=0 u=0 l=0 active=0 inact=0 persist=0 conns=0
fwmark6 2 lc flags=0x0 timeout=0 netmask=128 pe=-
sctp 192.0.2.1:9 sh flags=0x10 timeout=0 netmask=255.255.255.255 pe=-
$(sched_lines 10 19)
tcp 192.0.2.1:80 rr flags=0x1 timeout=120 netmask=255.255.255.255 pe=-
  -> 198.51.100.2:80 masq weight=1 u=0 l=0 active=0 inact=0 persist=0 conns=0
  -> 198.51.100.3:80 droute weight=2 u=100 l=10 active=0 inact=0 persist=0 conns=0
  -> 198.51.100.4:80 tunnel weight=3 u=0 l=0 active=0 inact=0 persist=0 conns=0 tun=ipip tunport=0 tunflags=0x0
  -> 198.51.100.5:80 tunnel weight=4 u=0 l=0 active=0 inact=0 persist=0 conns=0 tun=gue tunport=6080 tunflags=0x1
  -> 198.51.100.6:80 tunnel weight=5 u=0 l=0 active=0 inact=0 persist=0 conns=0 tun=gue tunport=6081 tunflags=0x2
  -> 198.51.100.7:80 tunnel weight=6 u=0 l=0 active=0 inact=0 persist=0 conns=0 tun=gre tunport=0 tunflags=0x1
$(sched_lines 20 99)
tcp 192.0.2.3:80 mh flags=0x18 timeout=0 netmask=255.255.255.255 pe=-
tcp [2001:db8::1]:443 lc flags=0x1 timeout=60 netmask=64 pe=-
  -> [2001:db8:1::2]:443 masq weight=7 u=0 l=0 active=0 inact=0 persist=0 conns=0
udp 192.0.2.1:53 rr flags=0x0 timeout=0 netmask=255.255.255.255 pe=-
  -> 198.51.100.9:53 masq weight=1 u=5 l=0 active=0 inact=0 persist=0 conns=0
udp 192.0.2.2:5060 rr flags=0x1 timeout=30 netmask=255.255.255.255 pe=-
udp 192.0.2.4:53 rr flags=0x4 timeout=0 netmask=255.255.255.255 pe=-"
lvs
show "$WORK/lvs" 60
check "ipvsadm: masq" lvs_has '-> 198\.51\.100\.2:80 *Masq *1 '
check "ipvsadm: droute" lvs_has '-> 198\.51\.100\.3:80 *Route *2 '
check "ipvsadm: tunnel" lvs_has '-> 198\.51\.100\.4:80 *Tunnel *3 '
check "ipvsadm: IPv6 masq" lvs_has '-> \[2001:db8:1::2\]:443 *Masq *7 '
lvs --thresholds
check "ipvsadm: thresholds" lvs_has '-> 198\.51\.100\.3:80 *100 *10 '
if ipvsadm -Ln --tun-info >"$WORK/lvs" 2>&1; then
	show "$WORK/lvs" 30
	check "ipvsadm --tun-info: gue port 6080" lvs_has '198\.51\.100\.5:80 *Tunnel *gue:6080:+c '
	check "ipvsadm --tun-info: gue remote checksum" lvs_has '198\.51\.100\.6:80 *Tunnel *gue:6081:r+c '
	check "ipvsadm --tun-info: gre" lvs_has '198\.51\.100\.7:80 *Tunnel *gre:+c '
fi

check "dests of one service" nlt dests tcp 192.0.2.1:80
check "  six of them" test "$(grep -c -- '->' "$WORK/out")" = 6
check "dests of an empty service: none, no error" nlt dests udp 192.0.2.4:53
check "  and it cost a second request (the service check)" test "$OPS" = 2
! nlt dests tcp 192.0.2.250:80
check "dests of a missing service: ENOENT" out_has 'No such file or directory'

check "destination edits: method, weight, thresholds" apply "
dest-edit tcp 192.0.2.1:80 198.51.100.2:80 droute 9
dest-edit tcp 192.0.2.1:80 198.51.100.5:80 gue 4 tunport=7000
dest-edit tcp 192.0.2.1:80 198.51.100.3:80 masq 2"
nlt dests tcp 192.0.2.1:80
check "edited: masq -> droute, weight 9" out_has '198.51.100.2:80 droute weight=9 '
check "edited: gue port 7000, flags cleared" out_has '198.51.100.5:80 tunnel weight=4 .* tun=gue tunport=7000 tunflags=0x0'
check "edited: thresholds cleared" out_has '198.51.100.3:80 masq weight=2 u=0 l=0 '

# Refusals mapped back to their operations, in a batch where the good
# operations around them still apply.
apply "
svc-add tcp 192.0.2.1:80 wlc
dest-add tcp 192.0.2.251:80 198.51.100.2:80 masq 1
svc-add tcp 192.0.2.5:80 wlc
dest-add tcp 192.0.2.1:80 198.51.100.2:80 masq 1
dest-del tcp 192.0.2.1:80 198.51.100.99:80
dest-edit tcp 192.0.2.1:80 198.51.100.99:80 masq 1
svc-edit tcp 192.0.2.252:80 rr
svc-del tcp 192.0.2.253:80
dest-add tcp 192.0.2.5:80 198.51.100.2:80 masq 1
svc-add tcp 192.0.2.6:80 nosuchsched"
rc=$?
show "$WORK/out"
check "a batch with refusals exits 3" test "$rc" = 3
check "  8 refused of 10" out_has '^queued 10 refused 8 '
check "  add existing service: EEXIST" out_has '^refused: add service tcp 192.0.2.1:80: File exists'
check "  dest in a missing service: ESRCH" out_has '^refused: add destination tcp 192.0.2.251:80 198.51.100.2:80: No such process'
check "  add existing dest: EEXIST" out_has '^refused: add destination tcp 192.0.2.1:80 198.51.100.2:80: File exists'
check "  delete missing dest: ENOENT" out_has '^refused: delete destination tcp 192.0.2.1:80 198.51.100.99:80: No such file'
check "  edit missing dest: ENOENT" out_has '^refused: edit destination tcp 192.0.2.1:80 198.51.100.99:80: No such file'
check "  edit missing service: ESRCH" out_has '^refused: edit service tcp 192.0.2.252:80: No such process'
check "  delete missing service: ESRCH" out_has '^refused: delete service tcp 192.0.2.253:80: No such process'
check "  unknown scheduler refused" out_has '^refused: add service tcp 192.0.2.6:80: '
check "  the good ones applied" nlt dests tcp 192.0.2.5:80
check "  (a dest in the service added by the same batch)" out_has '198.51.100.2:80 masq weight=1'

check "deletes in one batch" apply "
dest-del tcp 192.0.2.1:80 198.51.100.7:80
dest-del tcp [2001:db8::1]:443 [2001:db8:1::2]:443
svc-del fwmark6 2
svc-del tcp [2001:db8::1]:443
svc-del sctp 192.0.2.1:9"
nlt list
check "deleted: the gre dest" out_lacks '198.51.100.7:80'
check "deleted: fwmark6, the IPv6 service, sctp" out_lacks '^fwmark6 2\|^tcp \[2001\|^sctp'
check "kept: the other five dests of tcp 192.0.2.1:80" \
	test "$(nlt dests tcp 192.0.2.1:80 && grep -c -- '->' "$WORK/out")" = 5

# ---- counters survive an edit in place ------------------------------------------
diag "at ${SECONDS} s: counters survive an edit in place"
# A client in its own namespace sends datagrams to a local VIP: IPVS
# schedules them (LOCAL_OUT) whether or not the real server answers.
check "a namespace with a VIP and a dummy route to the real servers" \
	eval 'ns_create && VM_NSES="$VM_NSES $NS" &&
	ip -n "$NS" addr add 192.0.2.100/32 dev lo &&
	ip -n "$NS" addr add 198.51.100.1/24 dev lo'
nlns() { ip netns exec "$NS" "$NLTOOL" "$@" >"$WORK/out" 2>"$WORK/err"; }
printf '%s\n' "svc-add udp 192.0.2.100:5000 rr" \
	"dest-add udp 192.0.2.100:5000 198.51.100.2:5000 masq 1" >"$WORK/b"
check "a UDP service in the namespace" nlns apply "$WORK/b"
for p in 1 2 3; do
	ip netns exec "$NS" bash -c "echo x$p >/dev/udp/192.0.2.100/5000" 2>/dev/null
	ip netns exec "$NS" bash -c "exec 3<>/dev/udp/192.0.2.100/5000; echo y >&3" 2>/dev/null
done
# The kernel's estimator folds the per-CPU counters every 2 s: wait
# until every connection made is counted.
conns_counted() {
	nlns dests udp 192.0.2.100:5000 || return 1
	conns=$(sed -n 's/.* conns=\([0-9]*\).*/\1/p' "$WORK/out")
	inact=$(sed -n 's/.* inact=\([0-9]*\).*/\1/p' "$WORK/out")
	active=$(sed -n 's/.* active=\([0-9]*\).*/\1/p' "$WORK/out")
	[ "${conns:-0}" -ge 1 ] && [ "$conns" -eq $((active + inact)) ]
}
wait_for 10 conns_counted
show "$WORK/out"
check "traffic counted: conns=${conns:-?}" test "${conns:-0}" -ge 1
echo "dest-edit udp 192.0.2.100:5000 198.51.100.2:5000 masq 7" >"$WORK/b"
nlns apply "$WORK/b"
nlns dests udp 192.0.2.100:5000
show "$WORK/out"
check "weight edited in place" grep -q 'weight=7' "$WORK/out"
check "conns counter survives the edit" grep -q " conns=$conns\$" "$WORK/out"
check "connection counts survive the edit" \
	grep -q "active=$active inact=$inact " "$WORK/out"
ip netns exec "$NS" ipvsadm -Ln --stats | sed 's/^/#   /'

# ---- a batch of 10,000 destinations in 100 services ------------------------------
diag "at ${SECONDS} s: a batch of 10,000 destinations in 100 services"
check "flush" nlt flush
check "  leaves nothing" eval 'nlt list && test ! -s "$WORK/out"'
awk 'BEGIN {
	for (s = 0; s < 100; s++) {
		printf "svc-add tcp 192.0.2.1:%d wlc\n", 1000 + s
		for (d = 0; d < 100; d++)
			printf "dest-add tcp 192.0.2.1:%d 198.51.100.%d:%d masq %d\n",
			    1000 + s, d + 1, 8000 + s, d % 10 + 1
	}
}' >"$WORK/big"
check "10,100 operations in one batch" nlt apply "$WORK/big"
diag "batch: $(cat "$WORK/out"), ops=$OPS"
check "  none refused" out_has '^queued 10100 refused 0 '
check "  one message each" test "$OPS" = 10100
lvs
check "ipvsadm sees 100 services" test "$(grep -c '^TCP ' "$WORK/lvs")" = 100
check "ipvsadm sees 10,000 destinations" test "$(grep -c -- '-> 198' "$WORK/lvs")" = 10000
t0=$(usecs)
nlt list
t1=$(usecs)
diag "list of 10,000 destinations: $(((t1 - t0) / 1000)) ms, ops=$OPS"
check "list reads them in 101 requests" test "$OPS" = 101
check "list shows 10,000 destinations" test "$(grep -c -- '->' "$WORK/out")" = 10000
if command -v strace >/dev/null; then
	nlt flush
	strace -f -c -e trace=sendto,sendmsg,write -o "$WORK/strace" \
		"$NLTOOL" apply "$WORK/big" >"$WORK/out" 2>/dev/null
	sends=$(awk '$NF == "sendto" || $NF == "sendmsg" { n += $4 } END { print n + 0 }' "$WORK/strace")
	diag "sends for 10,100 operations: $sends"
	check "the batch goes in chunks (< 200 sends)" test "$sends" -lt 200
fi
apply "$(cat "$WORK/big")"
diag "again: $(head -1 "$WORK/out") ... $(tail -1 "$WORK/out")"
check "the same batch again: all 10,100 refused, each mapped" \
	test "$(grep -c '^refused: .*: File exists$' "$WORK/out")" = 10100
check "  and the summary says so" out_has '^queued 10100 refused 10100 '
# Lost answers: unprivileged, the tool cannot force its receive buffer
# past a tiny rmem_max, so a chunk's acks (EPERM each) overflow it.
# Every operation must still be reported, as refused, and none hang.
if command -v setpriv >/dev/null; then
	rmem=$(sysctl -n net.core.rmem_max)
	install -m 644 "$WORK/big" /tmp/nl_codec.big
	sysctl -qw net.core.rmem_max=4096
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$NLTOOL" apply /tmp/nl_codec.big >"$WORK/out" 2>"$WORK/err"
	sysctl -qw net.core.rmem_max="$rmem"
	rm -f /tmp/nl_codec.big
	diag "overflowing: $(tail -1 "$WORK/out"):" \
		"$(grep -c 'No buffer space available$' "$WORK/out") ENOBUFS," \
		"$(grep -c 'Operation not permitted$' "$WORK/out") EPERM"
	check "acks lost: every operation still reported" \
		out_has '^queued 10100 refused 10100 '
	check "  some as lost (ENOBUFS)" out_has 'No buffer space available$'
	check "  the others as the kernel said (EPERM)" out_has 'Operation not permitted$'
fi
awk '$1 == "svc-add" { print "svc-del", $2, $3 }
	$1 == "dest-add" { print "dest-del", $2, $3, $4 }' \
	"$WORK/big" | tac >"$WORK/bigdel"
check "10,100 deletions in one batch" nlt apply "$WORK/bigdel"
diag "delete batch: $(cat "$WORK/out")"
check "  leave nothing" eval 'nlt list && test ! -s "$WORK/out"'
# ipvsadm-restore for scale: one message and one answer at a time.
sed 's/^svc-add tcp \([^ ]*\) wlc/-A -t \1 -s wlc/;
	s/^dest-add tcp \([^ ]*\) \([^ ]*\) masq \(.*\)/-a -t \1 -r \2 -m -w \3/' \
	"$WORK/big" >"$WORK/big.ipvsadm"
t0=$(usecs)
ipvsadm-restore <"$WORK/big.ipvsadm"
t1=$(usecs)
diag "ipvsadm-restore of the same table, for comparison: $(((t1 - t0) / 1000)) ms"
ipvsadm -C

# ---- timeouts ---------------------------------------------------------------
diag "at ${SECONDS} s: timeouts"
check "timeouts set" nlt timeouts 901 121 301
check "  and read back" out_has '^tcp=901 tcpfin=121 udp=301$'
check "ipvsadm agrees" eval 'ipvsadm -L --timeout | grep -q "901 121 301"'
check "one timeout changed, the others kept" nlt timeouts 100 -1 -1
check "  read back" out_has '^tcp=100 tcpfin=121 udp=301$'
nlt timeouts 900 120 300

# ---- the sync daemons ---------------------------------------------------------
diag "at ${SECONDS} s: the sync daemons"
vm_modprobe veth
# A master's socket binds to its interface's IPv4 address.
check "a veth pair for the sync daemons" \
	eval 'ip link add vsync0 type veth peer name vsync1 &&
	ip addr add 192.0.2.201/24 dev vsync0 &&
	ip addr add 192.0.2.202/24 dev vsync1 &&
	ip link set vsync0 up && ip link set vsync1 up'
check "start a master" nlt daemon start master vsync0 5
check "start a backup with port, ttl, maxlen and group" \
	nlt daemon start backup vsync1 6 port=8850 ttl=2 maxlen=1400 group=239.1.2.3
check "list both" nlt daemon list
show "$WORK/out"
check "  the master with the kernel's defaults" \
	out_has '^master vsync0 syncid=5 maxlen=[0-9]* port=8848 ttl=1 group=\(224.0.0.81\|-\)$'
check "  the backup as given" \
	out_has '^backup vsync1 syncid=6 maxlen=1400 port=8850 ttl=2 group=239.1.2.3$'
ipvsadm -L --daemon | sed 's/^/#   /'
check "ipvsadm sees both" eval 'test "$(ipvsadm -L --daemon | grep -c "sync daemon")" = 2'
! nlt daemon start master vsync0 5
check "a second master is refused" out_has '^error: '
! nlt daemon start backup nosuchif0 7
check "a missing interface is refused" out_has '^error: '
check "stop the master" nlt daemon stop master
check "  the backup remains" eval 'nlt daemon list && test "$(cat "$WORK/out")" != "" &&
	out_lacks "^master" && out_has "^backup"'
check "stop the backup" nlt daemon stop backup
check "  none remains" eval 'nlt daemon list && test ! -s "$WORK/out"'
ip link del vsync0 2>/dev/null

check "flush at the end" nlt flush
done_testing
