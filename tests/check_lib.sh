# SPDX-License-Identifier: GPL-2.0-or-later
# tests/check_lib.sh: real servers for the checker's scenario tests (sourced
# after tests/lib.sh).

# ---- te_: TCP listeners (check_notify.sh) ----------------------------------

# te_listen KEY ADDR PORT: a TCP listener in $NS that accepts and closes
# each connection, appending a line per connection to $WORK/KEY.conns;
# its pid in $WORK/KEY.pid (lib.sh's cleanup stops it).  Returns once it
# listens.
te_listen() {
	local key=$1 addr=$2 port=$3
	rm -f "$WORK/$key.ready"
	ip netns exec "$NS" /usr/bin/python3 -c '
import socket, sys
addr, port, conns, ready = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
s = socket.socket(socket.AF_INET6 if ":" in addr else socket.AF_INET)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((addr, port))
s.listen(128)
f = open(conns, "a", buffering=1)
open(ready, "w").close()
while True:
    c, _ = s.accept()
    f.write("conn\n")
    c.close()
' "$addr" "$port" "$WORK/$key.conns" "$WORK/$key.ready" \
	    >>"$WORK/$key.err" 2>&1 &
	echo $! >"$WORK/$key.pid"
	wait_for 10 test -e "$WORK/$key.ready"
}

# te_unlisten KEY: stops the listener KEY (its port then refuses).
te_unlisten() {
	stop_pid "$(cat "$WORK/$1.pid" 2>/dev/null)"
	rm -f "$WORK/$1.pid"
}

# te_conns KEY: the connections listener KEY accepted so far.
te_conns() { cat "$WORK/$1.conns" 2>/dev/null | wc -l; }

# ---- ta_: two namespaces and real servers (check_tcp/smtp/udp/ping.sh) ------

# ta_topology: $NS is the director (vigild), $TA_SRV the real servers,
# joined by veth d0 (in $NS) -- s0 (in $TA_SRV):
#   d0 192.0.2.1/24 2001:db8::1/64    s0 192.0.2.2/24 2001:db8::2/64
# The servers' addresses are on $TA_SRV's lo: 203.0.113.10-30 and
# 2001:db8:10::10; $NS routes 203.0.113.0/24 and 2001:db8:10::/64 to s0.
# 203.0.113.99 and 2001:db8:10::99 are routed there too, into a blackhole
# route: packets to them vanish (a silent target: no answer, no ICMP
# error).  The exit trap also deletes $TA_SRV.
TA_SRV="vigil-t$$-srv"
ta_topology() {
	ns_create
	ip netns add "$TA_SRV"
	trap ta_cleanup EXIT
	ip -n "$TA_SRV" link set lo up
	ip -n "$NS" link add d0 type veth peer name s0 netns "$TA_SRV"
	ip -n "$NS" addr add 192.0.2.1/24 dev d0
	ip -n "$NS" addr add 2001:db8::1/64 dev d0 nodad
	ip -n "$TA_SRV" addr add 192.0.2.2/24 dev s0
	ip -n "$TA_SRV" addr add 2001:db8::2/64 dev s0 nodad
	ip -n "$NS" link set d0 up
	ip -n "$TA_SRV" link set s0 up
	for a in 10 11 12 20 30; do
		ip -n "$TA_SRV" addr add "203.0.113.$a/32" dev lo
	done
	ip -n "$TA_SRV" addr add 2001:db8:10::10/128 dev lo nodad
	ip -n "$NS" route add 203.0.113.0/24 via 192.0.2.2
	ip -n "$NS" route add 2001:db8:10::/64 via 2001:db8::2
	ip -n "$TA_SRV" route add default via 192.0.2.1
	ip -n "$TA_SRV" route add default via 2001:db8::1
	ip -n "$TA_SRV" route add blackhole 203.0.113.99/32
	ip -n "$TA_SRV" route add blackhole 2001:db8:10::99/128
}

ta_cleanup() {
	cleanup
	ip netns del "$TA_SRV" 2>/dev/null
}

# ta_second_link: veth d1 (198.51.100.1/24, in $NS) -- s1 (198.51.100.2/24,
# in $TA_SRV), and a second route to 203.0.113.0/24 over it that loses to
# d0's (metric 100): only a socket bound to d1 takes it.
ta_second_link() {
	ip -n "$NS" link add d1 type veth peer name s1 netns "$TA_SRV"
	ip -n "$NS" addr add 198.51.100.1/24 dev d1
	ip -n "$TA_SRV" addr add 198.51.100.2/24 dev s1
	ip -n "$NS" link set d1 up
	ip -n "$TA_SRV" link set s1 up
	ip -n "$NS" route add 203.0.113.0/24 via 198.51.100.2 dev d1 metric 100
}

# ta_srv KEY SCRIPT ARGS...: runs tests/check_srv_SCRIPT.py in $TA_SRV with
# log $WORK/KEY.log and ARGS; its pid in $WORK/KEY.pid (lib.sh's cleanup
# stops it).  Returns once the server says it is ready.
ta_srv() {
	local key=$1 script=$2
	shift 2
	: >"$WORK/$key.log"
	ip netns exec "$TA_SRV" /usr/bin/python3 \
	    "$TOP_SRCDIR/tests/check_srv_$script.py" "$WORK/$key.log" "$@" \
	    >>"$WORK/$key.err" 2>&1 &
	echo $! >"$WORK/$key.pid"
	wait_for 10 grep -q '^ready$' "$WORK/$key.log" || {
		diag "server $key did not start:"
		sed 's/^/#   /' "$WORK/$key.err"
		return 1
	}
}
# ta_tcp_srv KEY MODE ADDR PORT [ADDR PORT...]: check_srv_tcp.py (accept,
# reset).  ta_smtp_srv KEY MODE ADDR PORT, ta_udp_srv KEY MODE ADDR PORT.
ta_tcp_srv() { ta_srv "$1" tcp "${@:2}"; }
ta_smtp_srv() { ta_srv "$1" smtp "${@:2}"; }
ta_udp_srv() { ta_srv "$1" udp "${@:2}"; }
# ta_stop KEY: stops server KEY.
ta_stop() {
	stop_pid "$(cat "$WORK/$1.pid" 2>/dev/null)"
	rm -f "$WORK/$1.pid"
}

# ta_lines KEY [PATTERN]: lines server KEY logged (matching PATTERN).
ta_lines() { grep -v '^ready$' "$WORK/$1.log" | grep -c -- "${2:-.}"; }
ta_lines_ge() { [ "$(ta_lines "$1" "${3:-.}")" -ge "$2" ]; }

# ta_dump: a fresh SIGUSR1 data file at $VIGIL_DATA_FILE.  ta_dump_has
# PATTERN: it matches PATTERN (a basic regex).
ta_dump() {
	# a SIGUSR1 before vigild set its handlers would kill it
	wait_for 10 log_has 'checker\[.*configuration generation [0-9]* applied'
	rm -f "$VIGIL_DATA_FILE"
	kill -USR1 "$VPID"
	wait_for 5 grep -q . "$VIGIL_DATA_FILE"
}
ta_dump_has() { ta_dump && grep -q -- "$1" "$VIGIL_DATA_FILE"; }

# ta_rs_is RS STATE: the dump shows real server RS ("[203.0.113.10]:tcp:80")
# UP or DOWN.  ta_probe_is LABEL VERDICT CODE: the dump shows the probe
# LABEL ("TCP_CHECK [203.0.113.10]:80") with VERDICT (up, down) and last
# result CODE (ok, refused...; a basic regex).
ta_rs_is() {
	ta_dump_has "^  RS $(ta_re "$1") $2 "
}
ta_probe_is() {
	ta_dump_has "^   probe $(ta_re "$1") verdict $2 last $3 "
}
# ta_probe_line LABEL: the probe's line of the last dump.  ta_probe_has
# LABEL REGEX: that line matches REGEX (grep -E).
ta_probe_line() { grep -- "^   probe $(ta_re "$1") " "$VIGIL_DATA_FILE"; }
ta_probe_has() { ta_probe_line "$1" | grep -Eq -- "$2"; }
# ta_conf_ok FILE: vigild -t accepts FILE, run in $NS (where its devices
# are); the output goes to $WORK/conf_test.out.
ta_conf_ok() {
	ip netns exec "$NS" "$VIGILD" -t -f "$1" >"$WORK/conf_test.out" 2>&1 ||
		{ sed 's/^/#   /' "$WORK/conf_test.out"; return 1; }
}
# ta_re TEXT: TEXT as a basic regex.
ta_re() { printf '%s' "$1" | sed 's/[][\.*^$]/\\&/g'; }

# ---- tf_: farms of listeners and a SYN counter (check_pool/reload.sh) -------

# tf_farm KEY ADDR PORT|LO-HI...: one /usr/bin/python3 process in $TA_SRV
# (ta_topology) listening on ADDR at every PORT given, accepting and
# closing each connection at once.  Each accepted connection appends
# "EPOCH PORT" to $WORK/KEY.acc; $WORK/KEY.seen holds how many distinct
# ports were connected to so far (rewritten every 0.2 s).  Its pid in
# $WORK/KEY.pid (lib.sh's cleanup stops it).  Returns once it listens on
# them all.
tf_farm() {
	local key=$1
	shift
	tf_py_farm
	rm -f "$WORK/$key.ready"
	touch "$WORK/$key.acc"
	ip netns exec "$TA_SRV" /usr/bin/python3 "$WORK/tf_farm.py" \
	    "$WORK/$key" "$@" >>"$WORK/$key.err" 2>&1 &
	echo $! >"$WORK/$key.pid"
	wait_for 30 test -e "$WORK/$key.ready" || {
		diag "farm $key did not start:"
		sed 's/^/#   /' "$WORK/$key.err"
		return 1
	}
}
# tf_farm_stop KEY: stops farm KEY: its ports refuse from now on (the
# kernel answers their SYNs with a reset).
tf_farm_stop() {
	stop_pid "$(cat "$WORK/$1.pid" 2>/dev/null)"
	rm -f "$WORK/$1.pid"
}
# tf_accs KEY PORT [SINCE [UNTIL]]: connections farm KEY accepted on PORT
# (at or after EPOCH SINCE, before UNTIL).
tf_accs() {
	awk -v p="$2" -v s="${3:-0}" -v u="${4:-0}" \
	    '$2 == p && $1 >= s && (u == 0 || $1 < u) { n++ } END { print n + 0 }' \
	    "$WORK/$1.acc"
}
tf_accs_ge() { [ "$(tf_accs "$1" "$2" "${4:-0}")" -ge "$3" ]; }
# tf_seen KEY: distinct ports farm KEY was connected to.
tf_seen() { cat "$WORK/$1.seen" 2>/dev/null || echo 0; }
tf_seen_ge() { [ "$(tf_seen "$1")" -ge "$2" ]; }

# tf_sniff KEY: counts the SYNs that reach $TA_SRV on s0 (every TCP
# connect of a check, whether a listener answers or the kernel refuses):
# "EPOCH ADDR PORT" per SYN in $WORK/KEY.syn, EPOCH the kernel's time of
# arrival.  Returns once it captures.
tf_sniff() {
	local key=$1
	tf_py_sniff
	rm -f "$WORK/$key.ready"
	: >"$WORK/$key.syn"
	ip netns exec "$TA_SRV" /usr/bin/python3 "$WORK/tf_sniff.py" s0 \
	    "$WORK/$key" >>"$WORK/$key.err" 2>&1 &
	echo $! >"$WORK/$key.pid"
	wait_for 10 test -e "$WORK/$key.ready"
}
# tf_syns KEY ADDR PORT [SINCE]: SYNs to ADDR:PORT (at or after SINCE).
tf_syns() {
	awk -v a="$2" -v p="$3" -v s="${4:-0}" \
	    '$2 == a && $3 == p && $1 >= s { n++ } END { print n + 0 }' \
	    "$WORK/$1.syn"
}
tf_syns_ge() { [ "$(tf_syns "$1" "$2" "$3" "${5:-0}")" -ge "$4" ]; }
# tf_syn_times KEY ADDR PORT [SINCE]: their times, one a line.
tf_syn_times() {
	awk -v a="$2" -v p="$3" -v s="${4:-0}" \
	    '$2 == a && $3 == p && $1 >= s { print $1 }' "$WORK/$1.syn"
}

# tf_log_epoch PATTERN [N]: the time of the Nth (1st) line of $LOG that
# matches PATTERN, as EPOCH seconds; empty if none.
tf_log_epoch() {
	local l
	l=$(grep -- "$1" "$LOG" | sed -n "${2:-1}p")
	[ -n "$l" ] || return 1
	date -d "${l:0:23}" +%s.%N
}

# tf_now: the wall clock as EPOCH seconds with microseconds (the farms'
# and the sniffer's clock).
tf_now() { echo "$EPOCHREALTIME"; }

# tf_desired VS RS: the IPVS child's desired entry of real or sorry server
# RS ("[203.0.113.10]:tcp:80") in VS, from the last dump (ta_dump):
# "weight 1", "absent", "weight 0 quiescent", ...; empty if it has none.
tf_desired() {
	awk -v vs=" desired VS $1" -v rs="  RS $2 " -v so="  SORRY $2 " '
	    index($0, " desired VS ") == 1 { in_vs = ($0 == vs) ; next }
	    /^ [^ ]/ { in_vs = 0 }
	    in_vs && index($0, rs) == 1 { print substr($0, length(rs) + 1) }
	    in_vs && index($0, so) == 1 { print substr($0, length(so) + 1) }
	' "$VIGIL_DATA_FILE"
}
tf_desired_is() { ta_dump && [ "$(tf_desired "$1" "$2")" = "$3" ]; }
# tf_rs VS RS: the checker's line of RS in VS from the last dump, after
# the name: "UP weight 1/1 in-table transitions 0".
tf_rs() {
	awk -v vs=" VS $1 " -v rs="  RS $2 " '
	    index($0, " VS ") == 1 { in_vs = (index($0, vs) == 1); next }
	    /^ [^ ]/ { in_vs = 0 }
	    in_vs && index($0, rs) == 1 { print substr($0, length(rs) + 1) }
	' "$VIGIL_DATA_FILE"
}
tf_rs_has() { ta_dump && tf_rs "$1" "$2" | grep -Eq -- "$3"; }

tf_py_farm() {
	[ -e "$WORK/tf_farm.py" ] && return 0
	cat >"$WORK/tf_farm.py" <<'PY'
import os, resource, selectors, signal, socket, sys, time
base = sys.argv[1]
addr = sys.argv[2]
ports = []
for spec in sys.argv[3:]:
    lo, _, hi = spec.partition("-")
    ports.extend(range(int(lo), int(hi or lo) + 1))
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
need = len(ports) + 64
if soft < need:
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(need, hard), hard))
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
sel = selectors.DefaultSelector()
fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
for p in ports:
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, p))
    s.listen(256)
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ, p)
log = open(base + ".acc", "a")
seen = set()
nseen = -1
open(base + ".ready", "w").close()
last = 0.0
while True:
    ev = sel.select(0.2)
    now = time.time()
    for k, _ in ev:
        while True:
            try:
                c, _ = k.fileobj.accept()
            except (BlockingIOError, InterruptedError):
                break
            c.close()
            log.write("%.6f %d\n" % (now, k.data))
            seen.add(k.data)
    log.flush()
    if len(seen) != nseen and now - last >= 0.2:
        nseen = len(seen)
        last = now
        with open(base + ".seen.tmp", "w") as f:
            f.write("%d\n" % nseen)
        os.rename(base + ".seen.tmp", base + ".seen")
PY
}

tf_py_sniff() {
	[ -e "$WORK/tf_sniff.py" ] && return 0
	cat >"$WORK/tf_sniff.py" <<'PY'
import signal, socket, struct, sys, time
ifname, base = sys.argv[1], sys.argv[2]
signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
s = socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM, socket.htons(0x0800))
# the kernel's time of arrival, not this process's (it may be late)
SO_TIMESTAMP = getattr(socket, "SO_TIMESTAMP", 29)
s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMP, 1)
s.bind((ifname, 0x0800))
log = open(base + ".syn", "a", buffering=1)
open(base + ".ready", "w").close()
while True:
    pkt, anc, _, sa = s.recvmsg(2048, 64)
    now = time.time()
    for lvl, typ, data in anc:
        if lvl == socket.SOL_SOCKET and typ == SO_TIMESTAMP:
            sec, usec = struct.unpack("@ll", data[:16])
            now = sec + usec / 1e6
    if sa[2] != socket.PACKET_HOST or len(pkt) < 20 or pkt[9] != 6:
        continue
    ihl = (pkt[0] & 15) * 4
    if len(pkt) < ihl + 14:
        continue
    flags = pkt[ihl + 13]
    if flags & 0x12 != 0x02:
        continue
    dport = struct.unpack("!H", pkt[ihl + 2:ihl + 4])[0]
    log.write("%.6f %s %d\n" % (now, socket.inet_ntoa(pkt[16:20]), dport))
PY
}

# ---- tb_: HTTP and HTTPS servers, certificates (check_http/ssl.sh) ---------

# tb_certs: a test CA and certificates in $WORK/pki, each NAME.pem with
# NAME.key: good (from the CA, for www.example.com and 203.0.113.10),
# expired (from the CA, valid in January 2020), wrongname (from the CA,
# for other.example.org only), unknownca (from another CA, good names),
# selfsigned (itself, good names).  The CA is ca.pem.
tb_certs() {
	local d="$WORK/pki" now later san
	mkdir -p "$d/db"
	: >"$d/db/index"
	echo 01 >"$d/db/serial"
	cat >"$d/ca.cnf" <<CNF
[ca]
default_ca = tb
[tb]
database = $d/db/index
serial = $d/db/serial
new_certs_dir = $d/db
default_md = sha256
policy = anything
copy_extensions = copy
unique_subject = no
[anything]
commonName = supplied
CNF
	san="subjectAltName=DNS:www.example.com,IP:203.0.113.10"
	now=$(date -u -d '-1 day' +%Y%m%d%H%M%SZ)
	later=$(date -u -d '+30 days' +%Y%m%d%H%M%SZ)
	tb_key_req() { # NAME CN SAN: NAME.key and NAME.csr
		openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
		    -nodes -keyout "$d/$1.key" -out "$d/$1.csr" -subj "/CN=$2" \
		    -addext "$3" 2>/dev/null
	}
	tb_sign() { # NAME CA START END
		openssl ca -batch -config "$d/ca.cnf" -cert "$d/$2.pem" \
		    -keyfile "$d/$2.key" -in "$d/$1.csr" -out "$d/$1.pem" \
		    -startdate "$3" -enddate "$4" -notext 2>/dev/null
	}
	for ca in ca otherca; do
		openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
		    -nodes -keyout "$d/$ca.key" -out "$d/$ca.pem" -days 30 \
		    -subj "/CN=vigil test $ca" 2>/dev/null || return 1
	done
	tb_key_req good www.example.com "$san" &&
		tb_sign good ca "$now" "$later" &&
		tb_key_req expired www.example.com "$san" &&
		tb_sign expired ca 20200101000000Z 20200201000000Z &&
		tb_key_req wrongname other.example.org \
		    "subjectAltName=DNS:other.example.org" &&
		tb_sign wrongname ca "$now" "$later" &&
		tb_key_req unknownca www.example.com "$san" &&
		tb_sign unknownca otherca "$now" "$later" &&
		openssl req -x509 -newkey ec \
		    -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
		    -keyout "$d/selfsigned.key" -out "$d/selfsigned.pem" \
		    -days 30 -subj /CN=www.example.com -addext "$san" 2>/dev/null
}

# tb_http_srv KEY SPEC...: check_srv_http.py in $TA_SRV with listeners
# SPEC (ADDR,PORT or ADDR,PORT,CERT,KEY); requests logged to
# $WORK/KEY.log, pid in $WORK/KEY.pid.  Returns once it listens.
tb_http_srv() {
	local key=$1
	shift
	rm -f "$WORK/$key.ready"
	ip netns exec "$TA_SRV" /usr/bin/python3 \
	    "$TOP_SRCDIR/tests/check_srv_http.py" "$WORK/$key.log" \
	    "$WORK/$key.ready" "$@" >>"$WORK/$key.err" 2>&1 &
	echo $! >"$WORK/$key.pid"
	wait_for 20 test -e "$WORK/$key.ready" || {
		diag "server $key did not start:"
		sed 's/^/#   /' "$WORK/$key.err"
		return 1
	}
}

# tb_reqs KEY REGEX: requests server KEY logged matching REGEX (grep -E).
tb_reqs() { grep -Ec -- "$2" "$WORK/$1.log" 2>/dev/null || true; }
tb_reqs_ge() { [ "$(tb_reqs "$1" "$2")" -ge "$3" ]; }

# ---- tc_: a DNS server (check_dns.sh) ---------------------------------------

# tc_dnsmasq KEY ADDR [DNSMASQ OPTIONS...]: dnsmasq in $TA_SRV answering at
# ADDR port 53 from its command line only (no resolv.conf, no hosts file,
# no upstream: what it does not know is REFUSED), logging every query to
# $WORK/KEY.log ("query[A] NAME from ..." or "auth[A] ..."); its pid in
# $WORK/KEY.pid (lib.sh's cleanup stops it).  Returns once it answers.
tc_dnsmasq() {
	local key=$1 addr=$2
	shift 2
	: >"$WORK/$key.log"
	ip netns exec "$TA_SRV" dnsmasq --no-daemon --conf-file=/dev/null \
	    --no-resolv --no-hosts --port=53 --listen-address="$addr" \
	    --bind-interfaces --user=root --group=root --pid-file= \
	    --log-queries --log-facility=- "$@" >>"$WORK/$key.log" 2>&1 &
	echo $! >"$WORK/$key.pid"
	wait_for 10 grep -q 'started, version' "$WORK/$key.log" || {
		diag "dnsmasq $key did not start:"
		sed 's/^/#   /' "$WORK/$key.log"
		return 1
	}
}
# tc_queries KEY TYPE NAME: the queries of TYPE for NAME dnsmasq KEY saw.
tc_queries() {
	grep -cE "(query|auth)\[$2\] $(ta_re "$3") from" "$WORK/$1.log"
}
tc_queries_ge() { [ "$(tc_queries "$1" "$2" "$3")" -ge "$4" ]; }
