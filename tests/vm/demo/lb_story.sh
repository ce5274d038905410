#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# lb_story.sh: run-demo.sh's last act, in the test guest (real IPVS): two
# directors share a VIP, traffic goes through it to two web servers, one
# fails, both fail (the sorry server answers), they return; then a client
# holds one long connection, the master director is switched off, and the
# connection goes on through the backup, which had the connection entry
# from the sync daemon.  It prints the story as "# " lines and checks each
# step as a TAP line.
#
#   client ${NS}c --- front br0 (${NS}f) --- A eth0 192.0.2.11 / B eth0 192.0.2.12
#   A eth1 198.51.100.1 / B eth1 198.51.100.2 --- back br0 (${NS}s) ---
#       web1 198.51.100.21, web2 198.51.100.22, sorry 198.51.100.29
#   VI_1: 192.0.2.100 (eth0) and 198.51.100.254 (eth1, the servers' gateway)
. "$TOP_SRCDIR/tests/vm/lib.sh"

VIP=192.0.2.100
GW=198.51.100.254
vm_modprobe ip_vs ip_vs_rr veth bridge >/dev/null 2>&1
say() { echo "# $*"; }
step() {
	echo "#"
	echo "# ---- $*"
}
show() { sed "s/^/#     /"; }

plug() {
	ip -n "$1" link add "$2" type veth peer name "$5" netns "$4" &&
		ip -n "$1" addr add "$3" dev "$2" && ip -n "$1" link set "$2" up &&
		ip -n "$4" link set "$5" master br0 up
}
net() {
	local n
	for n in a b c f s w1 w2 w9; do vm_ns_add "${NS}$n" || return 1; done
	for n in f s; do
		ip -n "${NS}$n" link add br0 type bridge && ip -n "${NS}$n" link set br0 up
	done
	plug "${NS}c" eth0 192.0.2.2/24 "${NS}f" c0 &&
		plug "${NS}a" eth0 192.0.2.11/24 "${NS}f" a0 &&
		plug "${NS}b" eth0 192.0.2.12/24 "${NS}f" b0 &&
		plug "${NS}a" eth1 198.51.100.1/24 "${NS}s" a1 &&
		plug "${NS}b" eth1 198.51.100.2/24 "${NS}s" b1 &&
		plug "${NS}w1" eth0 198.51.100.21/24 "${NS}s" w1 &&
		plug "${NS}w2" eth0 198.51.100.22/24 "${NS}s" w2 &&
		plug "${NS}w9" eth0 198.51.100.29/24 "${NS}s" w9 || return 1
	for n in w1 w2 w9; do ip -n "${NS}$n" route add default via $GW; done
	ip netns exec "${NS}a" sysctl -qw net.ipv4.ip_forward=1
	ip netns exec "${NS}b" sysctl -qw net.ipv4.ip_forward=1
}
check "the network: a client, two directors, two web servers and a sorry server" net

# A web server that answers every GET with its name, and an echo service
# on port 7 (each line back with the name in front).
cat >"$WORK/srv.py" <<'PY'
import http.server, socketserver, sys, threading
name, addr = sys.argv[1], sys.argv[2]
class Web(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = ("%s\n" % name).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *a):
        pass
class Echo(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(name.encode() + b" " + line)
socketserver.ThreadingTCPServer.allow_reuse_address = True
socketserver.ThreadingTCPServer.daemon_threads = True
e = socketserver.ThreadingTCPServer((addr, 7), Echo)
threading.Thread(target=e.serve_forever, daemon=True).start()
http.server.ThreadingHTTPServer((addr, 80), Web).serve_forever()
PY
cat >"$WORK/client.py" <<'PY'
import os, socket, sys, time
out = open(sys.argv[2], "a", buffering=1)
try:
    s = socket.create_connection((sys.argv[1], 7), timeout=30)
    n, buf, end = 0, b"", time.time() + 120
    while not os.path.exists(sys.argv[3]) and time.time() < end:
        n += 1
        s.sendall(b"line %d\n" % n)
        while b"\n" not in buf:
            d = s.recv(4096)
            if not d:
                raise OSError("closed by the peer")
            buf += d
        line, buf = buf.split(b"\n", 1)
        out.write("%.3f %s\n" % (time.time(), line.decode()))
        time.sleep(0.2)
    out.write("done %d\n" % n)
except Exception as e:
    out.write("error %r\n" % (e,))
PY
declare -A SRV
srv_start() {
	ip netns exec "${NS}$1" /usr/bin/python3 "$WORK/srv.py" "$2" "$3" \
		>>"$WORK/$1.log" 2>&1 &
	SRV[$1]=$!
	BG_PIDS="$BG_PIDS $!"
}
srv_stop() { kill "${SRV[$1]}" 2>/dev/null && wait "${SRV[$1]}" 2>/dev/null; }
srv_start w1 web1 198.51.100.21
srv_start w2 web2 198.51.100.22
srv_start w9 sorry 198.51.100.29
up() { ip netns exec "${NS}$1" curl -s -o /dev/null --max-time 2 "http://$2/"; }
servers_up() { up w1 198.51.100.21 && up w2 198.51.100.22 && up w9 198.51.100.29; }
check "the web servers answer" wait_for 90 servers_up

conf() {
	cat >"$WORK/$1.conf" <<CONF
global_defs {
    router_id director_$1
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
virtual_server $VIP 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    sorry_server 198.51.100.29 80
    real_server 198.51.100.21 80 {
        HTTP_GET {
            url {
                path /
            }
            connect_timeout 1
            retry 0
        }
    }
    real_server 198.51.100.22 80 {
        HTTP_GET {
            url {
                path /
            }
            connect_timeout 1
            retry 0
        }
    }
}
virtual_server $VIP 7 {
    delay_loop 2
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 198.51.100.21 7 {
        TCP_CHECK {
            connect_timeout 2
        }
    }
    real_server 198.51.100.22 7 {
        TCP_CHECK {
            connect_timeout 2
        }
    }
}
CONF
}
conf a 150
conf b 100
table() { ip netns exec "${NS}$1" ipvsadm -Ln | tail -n +3 | show; }
has_vip() { ip -n "${NS}$1" -4 addr show dev eth0 | grep -q "inet $VIP/"; }
answers() {
	local i got=
	for i in $(seq "$1"); do
		got="$got $(ip netns exec "${NS}c" curl -s --max-time 3 "http://$VIP/")"
	done
	echo "${got# }"
}
in_table() { ip netns exec "${NS}a" ipvsadm -Ln -t $VIP:80 | grep -q "$1:80 "; }
not_in_table() { ! in_table "$1"; }

step "two directors start: A (priority 150) and B (100)"
start_lb "$WORK/a.conf" "${NS}a" a
check "A becomes MASTER and holds the VIP" wait_for 60 has_vip a
start_lb "$WORK/b.conf" "${NS}b" b
both() { in_table 198.51.100.21 && in_table 198.51.100.22; }
check "A's IPVS table has both web servers" wait_for 60 both
say "A's IPVS table (ipvsadm -Ln):"
table a

step "the client asks the VIP four times"
got=$(answers 4)
say "answers: $got"
check "both web servers answer through the VIP" \
	eval '[[ "$got" == *web1* && "$got" == *web2* ]]'

step "web1's server stops: its HTTP_GET fails, it leaves the table"
srv_stop w1
check "web1 is out of the table" wait_for 30 not_in_table 198.51.100.21
table a
got=$(answers 2)
say "answers: $got"
check "web2 answers alone" eval '[[ "$got" == "web2 web2" ]]'

step "web2's server stops too: the sorry server takes the service"
srv_stop w2
check "the sorry server is in the table" wait_for 30 in_table 198.51.100.29
table a
got=$(answers 2)
say "answers: $got"
check "the sorry server answers" eval '[[ "$got" == "sorry sorry" ]]'

step "both come back: the sorry server leaves"
srv_start w1 web1 198.51.100.21
srv_start w2 web2 198.51.100.22
back() { both && not_in_table 198.51.100.29; }
check "both web servers are back, the sorry server out" wait_for 90 back
table a

step "a client holds one connection (echo, a line every 0.2 s) through A"
ip netns exec "${NS}c" /usr/bin/python3 "$WORK/client.py" $VIP \
	"$WORK/client.log" "$WORK/stop" >>"$WORK/client.err" 2>&1 &
CLIENT=$!
BG_PIDS="$BG_PIDS $CLIENT"
echoes() { grep -c " web[12] line" "$WORK/client.log" 2>/dev/null || echo 0; }
echoes_ge() { [ "$(echoes)" -ge "$1" ]; }
check "the echoes come back" wait_for 60 echoes_ge 5
synced() { ip netns exec "${NS}b" ipvsadm -Lnc | grep -q "ESTABLISHED.*$VIP:7 "; }
check "B, the backup, already has the connection's entry (sync daemon)" wait_for 60 synced
say "B's connection entries (ipvsadm -Lnc), before any packet went through B:"
ip netns exec "${NS}b" ipvsadm -Lnc | show

step "A is switched off: every process killed (kill -9), its links down"
pids=
for f in "$WORK"/a.main.pid "$WORK"/a.pid "$WORK"/a.vrrp.pid \
	"$WORK"/a.checkers.pid "$WORK"/a.ipvs.pid; do
	[ -s "$f" ] && pids="$pids $(cat "$f")"
done
# shellcheck disable=SC2086 # a list of pids
kill -KILL $pids 2>/dev/null
ip -n "${NS}a" link set eth0 down
ip -n "${NS}a" link set eth1 down
t_off=$EPOCHREALTIME
check "B becomes MASTER and takes the VIP" wait_for 60 has_vip b
after() { awk -v t="$t_off" '$1 > t && $2 ~ /^web/' "$WORK/client.log" | wc -l; }
after_ge() { [ "$(after)" -ge "$1" ]; }
check "the client's connection goes on through B" wait_for 90 after_ge 10
touch "$WORK/stop"
wait_for 30 dead "$CLIENT"
check "no reset: the client closed the connection itself" grep -q "^done " "$WORK/client.log"
gap=$(awk '$2 ~ /^web/ { if (p != "" && $1 - p > g) g = $1 - p; p = $1 }
	END { printf "%.1f", g }' "$WORK/client.log")
say "echoes after the switch-off: $(after); the longest wait for one: $gap s"
say "B's IPVS table and sync daemon now:"
table b
ip netns exec "${NS}b" ipvsadm -L --daemon | show

step "what B's vigild logged (herald and IPVS lines)"
grep -E "herald: |IPVS|Entering|entering" "$WORK/b.log" | cut -c12- | tail -n 15 | show
if [ "$T_FAIL" -gt 0 ]; then
	say "client:"
	tail -n 8 "$WORK/client.log" "$WORK/client.err" | show
	say "B's log:"
	grep -v "Real_Server\|Virtual_Server\|Sorry_Server\|operations applied" "$WORK/b.log" | tail -n 40 | show
	say "A's log:"
	grep -v "Real_Server\|Virtual_Server\|Sorry_Server\|operations applied" "$WORK/a.log" | tail -n 25 | show
	ip netns exec "${NS}b" ipvsadm -Lnc | show
	ip netns exec "${NS}b" ipvsadm -Ln --stats | show
fi
done_testing
