#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# lb_sync.sh: two directors, A and B, share a VIP through VRRP and run
# the kernel's connection-sync daemon after their instance's role
# (lvs_sync_daemon eth1 VI_1 id 51): A MASTER runs the master daemon, B
# BACKUP the backup one, and B's table learns A's connections.  A dies
# (all its processes SIGKILLed and its links down, a director switched
# off); B becomes MASTER, takes both VIPs, switches its daemon to master,
# and one long TCP connection the client opened through A goes on through
# B to the same real server, without a reset.
#
#   client ${NS}c        front ${NS}f br0        A ${NS}a / B ${NS}b      back ${NS}s br0
#   eth0 192.0.2.2 ----- c0   a0 ---- A eth0 192.0.2.11   eth1 198.51.100.1 ---- a1
#                             b0 ---- B eth0 192.0.2.12   eth1 198.51.100.2 ---- b1
#   VIPs (VI_1): 192.0.2.100 on eth0, 198.51.100.254 on eth1,       r1 ---- ${NS}r1 198.51.100.21
#   the real servers' gateway.  LVS-NAT 192.0.2.100:7 -> rs:7       r2 ---- ${NS}r2 198.51.100.22
. "$TOP_SRCDIR/tests/vm/lib.sh"

VIP=192.0.2.100
GW=198.51.100.254
PORT=7

vm_modprobe ip_vs ip_vs_rr veth bridge || true

# plug NS IF ADDR BRNS PORT: a veth IF in NS with ADDR, its peer PORT a
# port of BRNS's br0.
plug() {
	ip -n "$1" link add "$2" type veth peer name "$5" netns "$4" &&
		ip -n "$1" addr add "$3" dev "$2" &&
		ip -n "$1" link set "$2" up &&
		ip -n "$4" link set "$5" master br0 up
}

net() {
	local n
	for n in a b c f s r1 r2; do vm_ns_add "${NS}$n" || return 1; done
	for n in f s; do
		ip -n "${NS}$n" link add br0 type bridge &&
			ip -n "${NS}$n" link set br0 up || return 1
	done
	plug "${NS}c" eth0 192.0.2.2/24 "${NS}f" c0 &&
		plug "${NS}a" eth0 192.0.2.11/24 "${NS}f" a0 &&
		plug "${NS}b" eth0 192.0.2.12/24 "${NS}f" b0 &&
		plug "${NS}a" eth1 198.51.100.1/24 "${NS}s" a1 &&
		plug "${NS}b" eth1 198.51.100.2/24 "${NS}s" b1 &&
		plug "${NS}r1" eth0 198.51.100.21/24 "${NS}s" r1 &&
		plug "${NS}r2" eth0 198.51.100.22/24 "${NS}s" r2 || return 1
	ip -n "${NS}r1" route add default via $GW &&
		ip -n "${NS}r2" route add default via $GW || return 1
	ip netns exec "${NS}a" sysctl -qw net.ipv4.ip_forward=1 &&
		ip netns exec "${NS}b" sysctl -qw net.ipv4.ip_forward=1
}
check "two directors, a client and two real servers (namespaces)" net

# The real servers: a TCP echo server that answers each line with its
# name in front, and logs each connection it accepts.
cat >"$WORK/echo.py" <<'PY'
import socketserver, sys
name, addr, port, log = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
def note(s):
    with open(log, "a") as f:
        f.write(s + "\n")
class H(socketserver.StreamRequestHandler):
    def handle(self):
        note("accept %s:%d" % self.client_address)
        try:
            for line in self.rfile:
                self.wfile.write(name.encode() + b" " + line)
        except OSError:
            pass
socketserver.ThreadingTCPServer.allow_reuse_address = True
socketserver.ThreadingTCPServer.daemon_threads = True
s = socketserver.ThreadingTCPServer((addr, port), H)
note("listening")
s.serve_forever()
PY
# The client: ONE connection to the VIP, a line every 0.2 s, each echo
# read (30 s at most: TCP retransmits across the failover) and logged
# with the time it came back; stops when $WORK/stop exists (120 s at
# most).  "error ..." on a reset or a timeout.
cat >"$WORK/client.py" <<'PY'
import os, socket, sys, time
vip, port, log, stop = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
out = open(log, "a", buffering=1)
try:
    s = socket.create_connection((vip, port), timeout=30)
    out.write("local %s:%d\n" % s.getsockname())
    buf = b""
    end = time.time() + 120
    n = 0
    while not os.path.exists(stop) and time.time() < end:
        n += 1
        s.sendall(b"line %d\n" % n)
        while b"\n" not in buf:
            d = s.recv(4096)
            if not d:
                raise OSError("connection closed by the peer")
            buf += d
        line, buf = buf.split(b"\n", 1)
        out.write("%.3f %s\n" % (time.time(), line.decode()))
        time.sleep(0.2)
    s.close()
    out.write("done %d\n" % n)
except Exception as e:
    out.write("error %r\n" % (e,))
PY
for i in 1 2; do
	ip netns exec "${NS}r$i" /usr/bin/python3 "$WORK/echo.py" "r$i" \
		"198.51.100.2$i" $PORT "$WORK/echo-r$i.log" >>"$WORK/echo-r$i.err" 2>&1 &
	BG_PIDS="$BG_PIDS $!"
done
listening() { grep -q listening "$WORK/echo-r1.log" && grep -q listening "$WORK/echo-r2.log"; }
check "the echo servers listen on both real servers" wait_for 60 listening 2>/dev/null

# conf NAME PRIORITY: the configuration of director NAME.
conf() {
	cat >"$WORK/$1.conf" <<CONF
global_defs {
    router_id dir_$1
    lvs_sync_daemon eth1 VI_1 id 51
}
vrrp_instance VI_1 {
    state BACKUP
    interface eth0
    virtual_router_id 51
    priority $2
    advert_int 1
    virtual_ipaddress {
        $VIP/24 dev eth0
        $GW/24 dev eth1
    }
}
virtual_server $VIP $PORT {
    delay_loop 2
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 198.51.100.21 $PORT {
        TCP_CHECK { connect_timeout 3 }
    }
    real_server 198.51.100.22 $PORT {
        TCP_CHECK { connect_timeout 3 }
    }
}
CONF
}
conf a 150
conf b 100

has_vips() {
	ip -n "${NS}$1" -4 addr show dev eth0 | grep -q "inet $VIP/" &&
		ip -n "${NS}$1" -4 addr show dev eth1 | grep -q "inet $GW/"
}
no_vip() { ! ip -n "${NS}$1" -4 addr show | grep -qE "inet ($VIP|$GW)/"; }
# daemons NAME: the sync daemons running in NAME's namespace, as ipvsadm
# lists them ("master sync daemon (mcast=eth1, syncid=51, ...)").
daemons() { ip netns exec "${NS}$1" ipvsadm -L --daemon 2>/dev/null; }
daemon_is() { daemons "$1" | grep -q "^$2 sync daemon (mcast=eth1, syncid=51"; }
only_daemon() {
	local other=backup
	[ "$2" = backup ] && other=master
	daemon_is "$1" "$2" && ! daemon_is "$1" $other
}
both_rs() {
	ip netns exec "${NS}$1" ipvsadm -Ln | grep -q "198.51.100.21:$PORT *Masq" &&
		ip netns exec "${NS}$1" ipvsadm -Ln | grep -q "198.51.100.22:$PORT *Masq"
}
show() { sed "s/^/#   $1: /"; }

# A first, so that it is MASTER and B, started next, BACKUP from the start.
start_lb "$WORK/a.conf" "${NS}a" a
check "A becomes MASTER: both VIPs on A" wait_for 60 has_vips a
check "A runs the master sync daemon (ipvsadm -L --daemon)" wait_for 30 only_daemon a master
start_lb "$WORK/b.conf" "${NS}b" b
check "B runs the backup sync daemon (ipvsadm -L --daemon)" wait_for 60 only_daemon b backup
if [ "$(impl)" = keepalived ]; then
	ok "B logs the start of its backup daemon (skipped on keepalived: vigil's log line)"
else
	check "B logs the start of its backup daemon" \
		wait_for 10 grep -q "IPVS sync daemon (backup) started on eth1, sync id 51" "$WORK/b.log"
fi
both_have_rs() { both_rs a && both_rs b; }
check "both directors have the service with both real servers" \
	wait_for 60 both_have_rs
check "B stays BACKUP: no VIP on B" always 3 no_vip b
daemons a | show A
daemons b | show B

# Captures of both networks (not the VRRP adverts nor the sync daemon's
# messages): on a failure, what happened around the failover is shown,
# and the captures copied to the run's output directory.
for n in f s; do
	ip netns exec "${NS}$n" tcpdump -Z root -U -n -i br0 -w "$WORK/cap-$n.pcap" \
		'not vrrp and not udp port 8848' >/dev/null 2>&1 &
	BG_PIDS="$BG_PIDS $!"
done
# One long connection through A.
ip netns exec "${NS}c" /usr/bin/python3 "$WORK/client.py" $VIP $PORT \
	"$WORK/client.log" "$WORK/stop" >>"$WORK/client.err" 2>&1 &
CLIENT=$!
BG_PIDS="$BG_PIDS $CLIENT"
echoes() {
	[ -f "$WORK/client.log" ] || { echo 0; return; }
	grep -c "^[0-9.]* r[12] line" "$WORK/client.log"
}
echoes_ge() { [ "$(echoes)" -ge "$1" ]; }
check "the client's echo loop runs through A" wait_for 60 echoes_ge 5
LOCAL=$(sed -n 's/^local //p' "$WORK/client.log")
RS=$(awk '$2 ~ /^r[12]$/ {print $2; exit}' "$WORK/client.log")
RSADDR=198.51.100.2${RS#r}
diag "the client is $LOCAL, its real server $RS ($RSADDR)"
# entry NAME: NAME's IPVS connection entry for the client's connection:
# "STATE SOURCE VIRTUAL DESTINATION".
entry() {
	ip netns exec "${NS}$1" ipvsadm -Lnc 2>/dev/null |
		awk -v s="$LOCAL" '$1 == "TCP" && $4 == s {print $3, $4, $5, $6; exit}'
}
want_entry="ESTABLISHED $LOCAL $VIP:$PORT $RSADDR:$PORT"
entry_is() { [ "$(entry "$1")" = "$want_entry" ]; }
check "A's table has the connection, ESTABLISHED to $RS" wait_for 30 entry_is a
check "B's table has the same entry, synced from A (no traffic through B yet)" \
	wait_for 60 entry_is b
diag "A: $(entry a)"
diag "B: $(entry b)"
ip netns exec "${NS}b" ipvsadm -Lnc | show B

# A dies: every process of it SIGKILLed at once (nothing cleans up), and
# its links go down, as a director switched off would: its VIPs, IPVS
# table and kernel sync thread are left behind but reach no one.
pids=
for f in "$WORK"/a.main.pid "$WORK"/a.pid "$WORK"/a.vrrp.pid \
	"$WORK"/a.checkers.pid "$WORK"/a.ipvs.pid; do
	[ -s "$f" ] && pids="$pids $(cat "$f")"
done
before=$(echoes)
t_kill=$EPOCHREALTIME
# shellcheck disable=SC2086 # a list of pids
kill -KILL $pids 2>/dev/null
ip -n "${NS}a" link set eth0 down
ip -n "${NS}a" link set eth1 down
t_off=$EPOCHREALTIME
all_dead() {
	local p
	for p in $pids; do alive "$p" && return 1; done
	return 0
}
check "A's processes are gone (kill -9:$pids)" wait_for 10 all_dead
# A child that outlived its parent for a moment (PR_SET_PDEATHSIG) must
# not tear down the table the connections still go through.
check_vigil "A's IPVS table is left as it was (its daemon died, it did not stop)" both_rs a

check "B becomes MASTER: both VIPs on B" wait_for 60 has_vips b
t_vip=$EPOCHREALTIME
check "B's sync daemon is now the master one, the backup one stopped" \
	wait_for 30 only_daemon b master
if [ "$(impl)" = keepalived ]; then
	ok "B logs the switch of its daemon (skipped on keepalived: vigil's log line)"
else
	switch_logged() {
		grep -q "IPVS sync daemon (backup) stopped" "$WORK/b.log" &&
			grep -q "IPVS sync daemon (master) started on eth1, sync id 51" "$WORK/b.log"
	}
	check "B logs the switch of its daemon" switch_logged
fi
daemons b | show B
diag "B took the VIPs $(awk -v a="$t_kill" -v b="$t_vip" 'BEGIN {printf "%.1f", b - a}') s after the kill"

# The connection goes on through B: 10 more echoes after the kill.
# Echoes after A is off the network: B forwarded them.
after() { awk -v t="$t_off" '$1 > t && $2 ~ /^r[12]$/' "$WORK/client.log" | wc -l; }
after_ge() { [ "$(after)" -ge "$1" ]; }
check "the client's connection goes on through B (10 echoes more once A is off)" \
	wait_for 90 after_ge 10
touch "$WORK/stop"
wait_for 30 dead "$CLIENT"
diag "echoes before the kill: $before, after A went off the network: $(after)"
diag "A was off the network $(awk -v a="$t_kill" -v b="$t_off" 'BEGIN {printf "%.1f", b - a}') s after the kill"
awk -v k="$t_kill" '$2 ~ /^r[12]$/ && $1 - k > -2 && $1 - k < 12 {printf "%+.2f ", $1 - k}' \
	"$WORK/client.log" | fold -s -w 70 | show "echo times from the kill"
echo
# The longest wait for an echo, and when (seconds from the kill).
gap=$(awk -v k="$t_kill" '$2 ~ /^r[12]$/ {
	if (p != "" && $1 - p > g) { g = $1 - p; f = p - k; t = $1 - k }
	p = $1 } END { printf "%.1f s, from %+.1f s to %+.1f s", g, f, t }' "$WORK/client.log")
diag "the longest wait for an echo: $gap from the kill (the failover)"
check "no reset, no timeout: the client closed the connection itself" \
	grep -q "^done " "$WORK/client.log"
same_rs() { ! awk '$2 ~ /^r[12]$/' "$WORK/client.log" | grep -qv " $RS line"; }
check "every echo came from $RS, the real server of the connection" same_rs
clients() { cat "$WORK"/echo-r*.log | grep -c "^accept 192\.0\.2\.2:"; }
one_client() { [ "$(clients)" = 1 ]; }
check "the real servers accepted one connection from the client in all" one_client
grep "^error" "$WORK/client.log" | show client
ip netns exec "${NS}b" ipvsadm -Ln --stats | show B

if [ "$T_FAIL" -gt 0 ]; then
	for t in a b; do
		diag "director $t's log:"
		tail -40 "$WORK/$t.log" | show "$t"
	done
	tail -n 5 "$WORK/client.log" "$WORK/client.err" | show client
	for n in f s; do
		diag "the $n network (f: front, s: back) from 1 s before the kill:"
		tcpdump -tt -e -n -r "$WORK/cap-$n.pcap" 2>/dev/null |
			awk -v k="$t_kill" '$1 >= k - 1 {$1 = sprintf("%+.3f", $1 - k); print}' |
			sed -E 's/ethertype [^,]*, length [0-9]*: //; s/, options \[[^]]*\]//' |
			cut -c1-160 | head -n 50 | show "$n"
		[ -d "${VM_OUT:-}" ] && cp "$WORK/cap-$n.pcap" "$VM_OUT/lb_sync-$(impl)-$n.pcap"
	done
fi
done_testing
