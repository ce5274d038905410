#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# lb_converge.sh: how the IPVS table converges, with traffic through the
# VIPs: a reload keeps what did not change (connections, counters), edits
# a weight in place, removes a dropped service and leaves a foreign one
# alone; a kill -9 of the IPVS child or of the checker removes no
# destination and stops no traffic; drift (ipvsadm -C, -d, -e, -a) is
# repaired; stop deletes vigil's services (-I: keeps them,
# lvs_flush_onstop: flushes all), and lvs_flush flushes at start.
. "$TOP_SRCDIR/tests/vm/lib.sh"

VA=192.0.2.100:80 # unchanged by the reload
VB=192.0.2.101:80 # its one real server's weight changes 2 -> 5
VC=192.0.2.102:80 # removed by the reload
VF=192.0.2.150:80 # foreign: added by hand, vigil's configuration never names it
R1=198.51.100.11:80
R2=198.51.100.12:80

vm_modprobe ip_vs ip_vs_rr veth bridge
vm_lvs_net 2
vm_http_server "${NS}r1" 198.51.100.11 80
vm_http_server "${NS}r2" 198.51.100.12 80
for a in 100 101 102 150; do ip -n "$NS" addr add "192.0.2.$a/24" dev eth0; done

# rs ADDR:PORT WEIGHT, vs ADDR:PORT: a real server, a virtual server's head.
rs() { echo "    real_server ${1%:*} 80 { weight $2
        TCP_CHECK { connect_timeout 2 }
    }"; }
vs() { echo "virtual_server ${1%:*} 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP"; }
# write_lb_conf FILE WEIGHT_B WITH_C [GLOBAL_DEFS_LINES]: A, B (and C).
write_lb_conf() {
	{
		echo "global_defs {"
		echo "    router_id vm1"
		[ -n "${4:-}" ] && echo "$4"
		echo "}"
		vs "$VA"
		rs "$R1" 1
		rs "$R2" 1
		echo "}"
		vs "$VB"
		rs "$R1" "$2"
		echo "}"
		if [ "$3" = 1 ]; then
			vs "$VC"
			rs "$R2" 1
			echo "}"
		fi
	} >"$1"
}
write_lb_conf "$WORK/k1.conf" 2 1
write_lb_conf "$WORK/k2.conf" 5 0

ipvs() { ip netns exec "$NS" ipvsadm "$@"; }
# snap: the table in TBL, in one ipvsadm run (forks are slow in the
# guest): " svc:VIP ... VIP/RS/FORWARD/WEIGHT ... ".  The t_ predicates
# look at the last snap, the others take one.
snap() {
	local a b c d s=
	TBL=" "
	while read -r a b c d _; do
		case $a in
		TCP | UDP | FWM) s=$b TBL+="svc:$b " ;;
		-\>) [[ $b == [0-9]* ]] && TBL+="$s/$b/$c/$d " ;;
		esac
	done < <(ipvs -Ln 2>/dev/null)
	return 0
}
t_svc() { [[ $TBL == *" svc:$1 "* ]]; }
t_dest() { [[ $TBL == *" $1/$2/Masq/$3 "* ]]; }
t_nodest() { [[ $TBL != *" $1/$2/"* ]]; }
no_svc() { snap && ! t_svc "$1"; }
# the table after the first configuration, after the reload
table1() { snap && t_dest $VA $R1 1 && t_dest $VA $R2 1 && t_dest $VB $R1 2 && t_dest $VC $R2 1; }
table2() { snap && t_dest $VA $R1 1 && t_dest $VA $R2 1 && t_dest $VB $R1 5 && ! t_svc $VC; }
# svc_stats VIP: "Conns InPkts" of the service.  dest_conns VIP RS: Conns
# of a destination.
svc_stats() { ipvs -Ln --stats --exact -t "$1" | awk '$1 == "TCP" { print $3, $4 }'; }
dest_conns() { ipvs -Ln --stats --exact -t "$1" | awk -v r="$2" '$1 == "->" && $2 == r { print $3 }'; }
# conns VIP: connection entries of the VIP (ipvsadm -Lnc).
conns() { ipvs -Lnc | grep -c " ${1} "; }
foreign_add() {
	ipvs -A -t $VF -s rr && ipvs -a -t $VF -r $R1 -m -w 1
}
foreign_ok() { snap && t_dest $VF $R1 1; }
table_empty() { snap && [[ $TBL != *svc:* ]]; }
curl_vip() { vm_curl "${NS}c" "http://${1%:*}/"; }

# ---- start, traffic ---------------------------------------------------------

start_lb "$WORK/k1.conf"
check "the table has services A, B, C" wait_for 60 table1
check "a foreign service added by hand" foreign_add
got=
for _ in 1 2 3 4; do got="$got $(curl_vip $VA)"; done
for _ in 1 2; do got="$got $(curl_vip $VB)"; done
diag "answers:$got"
six_answers() { [ "$(grep -o "${NS}r[12]" <<<"$got" | wc -l)" = 6 ]; }
check "traffic through A and B: 6 answers from the real servers" six_answers
# The kernel (6.1) sums its per-CPU counters into what it reports every
# 2 s (the rate estimator): wait until B's counter shows both requests.
b_conns_2() { [ "$(dest_conns $VB $R1)" = 2 ]; }
wait_for 10 b_conns_2
sleep 2.5
a_stats=$(svc_stats $VA)
b_conns=$(dest_conns $VB $R1)
a_conns=$(conns $VA)
diag "before the reload: A Conns/InPkts $a_stats, B's R1 Conns $b_conns, A's connection entries $a_conns"

# ---- reload -------------------------------------------------------------------

cp "$WORK/k2.conf" "$WORK/k1.conf"
kill -HUP "$LB_PID"
check "reload: B's weight is 5 and C is gone" wait_for 60 table2
sleep 2 # another pass or two of the child: nothing more changes
ipvs -Ln | sed 's/^/#   /'
a_stats2=$(svc_stats $VA)
a_conns2=$(conns $VA)
b_conns2=$(dest_conns $VB $R1)
diag "after the reload: A Conns/InPkts $a_stats2, B's R1 Conns $b_conns2, A's connection entries $a_conns2"
check "reload: A's counters did not reset ($a_stats -> $a_stats2)" \
	[ "$a_stats2" = "$a_stats" -a "${a_stats%% *}" -ge 4 ]
check "reload: A's connection entries stay ($a_conns -> $a_conns2)" \
	[ "$a_conns2" -ge "$a_conns" -a "$a_conns" -ge 4 ]
check "reload: B's destination was edited in place (Conns $b_conns -> $b_conns2)" \
	[ "$b_conns2" = "$b_conns" -a "$b_conns" -ge 2 ]
check "reload: the foreign service is untouched" foreign_ok
a_answers() { curl_vip $VA | grep -q "${NS}r"; }
check "traffic through A after the reload" a_answers

# ---- kill -9 of a child -------------------------------------------------------
#
# During WINDOW seconds: a monitor records the table every 0.1 s (a loop
# in the director's namespace: one fork a sample), then counts vigil's
# destinations in each; a client fetches A's page in a loop.

WINDOW=10
monitor() {
	local end=$(($(usecs) + WINDOW * 1000000))
	# shellcheck disable=SC2016 # for the inner bash
	ip netns exec "$NS" bash -c 'while [ "${EPOCHREALTIME/./}" -lt "$1" ]; do
		ipvsadm -Ln; echo "=== end"; sleep 0.1
	done' _ "$end" >"$WORK/raw.$1" 2>&1
	awk -v a=$VA -v b=$VB '
		/^(TCP|UDP|FWM)/ { s = $2 }
		/^  ->/ && $2 ~ /^[0-9]/ && (s == a || s == b) { n++ }
		/^=== end/ { print n + 0; n = 0; s = "" }' "$WORK/raw.$1" >"$WORK/mon.$1"
}
traffic() {
	local end=$(($(usecs) + WINDOW * 1000000))
	# shellcheck disable=SC2016 # for the inner bash
	ip netns exec "${NS}c" bash -c 'while [ "${EPOCHREALTIME/./}" -lt "$1" ]; do
		if curl -s --max-time 5 "http://$2/" | grep -q "$3"; then
			echo ok; else echo fail; fi
		sleep 0.1
	done' _ "$end" "${VA%:*}" "${NS}r" >"$WORK/traffic.$1" 2>&1
}
# new_pid PIDFILE OLD: PIDFILE names a live process other than OLD.
new_pid() {
	local p
	p=$(cat "$1" 2>/dev/null)
	[ -n "$p" ] && [ "$p" != "$2" ] && alive "$p"
}
# crash NAME PIDFILE: kill -9 of the child in PIDFILE within a window.
crash() {
	local name=$1 pidf=$2 old min n fails
	old=$(cat "$pidf" 2>/dev/null)
	monitor "$name" &
	local mpid=$!
	traffic "$name" &
	local tpid=$!
	sleep 1
	if alive "$old"; then kill -9 "$old"; else diag "no $name child ($pidf)"; fi
	wait "$mpid" "$tpid"
	min=$(sort -n "$WORK/mon.$name" | head -1)
	n=$(wc -l <"$WORK/mon.$name")
	fails=$(grep -c fail "$WORK/traffic.$name")
	diag "kill -9 of the $name child ($old): $n samples, fewest destinations $min of 3; $(grep -c ok "$WORK/traffic.$name") fetches ok, $fails failed"
	check_vigil "kill -9 $name: a new $name child runs" \
		wait_for 30 new_pid "$pidf" "$old"
	check_vigil "kill -9 $name: no destination ever disappeared (fewest $min of 3)" \
		[ "$min" = 3 -a "$n" -ge 5 ]
	check_vigil "kill -9 $name: traffic never stopped ($fails failures)" \
		[ "$fails" = 0 -a "$(grep -c ok "$WORK/traffic.$name")" -gt 0 ]
	check "kill -9 $name: the table is right afterwards" wait_for 30 table2
}
if [ "$(impl)" = keepalived ]; then
	ok "kill -9 of the IPVS child (skipped on keepalived: no IPVS child)"
else
	crash ipvs "$WORK/lb.ipvs.pid"
fi
crash checker "$WORK/lb.checkers.pid"

# ---- drift ------------------------------------------------------------------
#
# drift NAME REPAIRED CMD...: runs CMD (a change behind vigil's back), and
# measures the time until REPAIRED holds (15 s at most).  When it does not
# (keepalived), the table is put back by hand for the next step.
table2_by_hand() {
	ipvs -D -t $VA 2>/dev/null
	ipvs -D -t $VB 2>/dev/null
	ipvs -A -t $VA -s rr && ipvs -a -t $VA -r $R1 -m -w 1 &&
		ipvs -a -t $VA -r $R2 -m -w 1 &&
		ipvs -A -t $VB -s rr && ipvs -a -t $VB -r $R1 -m -w 5
}

drift() {
	local name=$1 pred=$2 t0 t1 ms
	shift 2
	t0=$(usecs)
	"$@"
	if wait_for 15 "$pred"; then
		t1=$(usecs)
		ms=$(((t1 - t0) / 1000))
		diag "drift $name: repaired after $ms ms (the promise: 2000 ms on real hardware)"
		check_vigil "drift $name: repaired" true
		check_vigil "drift $name: repaired within 10 s (${ms} ms)" [ "$ms" -lt 10000 ]
	else
		diag "drift $name: not repaired within 15 s"
		check_vigil "drift $name: repaired" false
		check_vigil "drift $name: repaired within 10 s" false
		table2_by_hand
	fi
}
n_differed() { grep -c 'IPVS table differed from the configuration' "$LOG"; }
n_differed_ge() { [ "$(n_differed)" -ge "$1" ]; }
d0=$(n_differed)
drift "ipvsadm -C" table2 ipvs -C
check "after ipvsadm -C: the foreign service stays gone (not vigil's)" no_svc $VF
foreign_add
drift "ipvsadm -d of A's R1" table2 ipvs -d -t $VA -r $R1
drift "ipvsadm -e weight of B's R1 to 9" table2 ipvs -e -t $VB -r $R1 -m -w 9
dest_foreign_gone() { table2 && t_nodest $VA 198.51.100.13:80; }
drift "ipvsadm -a of a foreign destination into A" dest_foreign_gone \
	ipvs -a -t $VA -r 198.51.100.13:80 -m -w 1
check "drift: the foreign service is untouched" foreign_ok
check_vigil "drift: logged 'IPVS table differed from the configuration' (4 times)" \
	n_differed_ge $((d0 + 4))
check "traffic through A after the drift" a_answers

# ---- stop ---------------------------------------------------------------------

stop_lb
owned_gone() { snap && ! t_svc $VA && ! t_svc $VB; }
check "SIGTERM: vigil's services are gone" owned_gone
check "SIGTERM: the foreign service stays" foreign_ok

start_lb "$WORK/k2.conf" "" "" -- -I
check "-I: the table is back" wait_for 60 table2
stop_lb
check "-I: after SIGTERM the table stays as it is" table2
check "-I: the foreign service stays" foreign_ok

write_lb_conf "$WORK/k3.conf" 5 0 "    lvs_flush
    lvs_flush_onstop"
flushed_and_back() { no_svc $VF && table2; }
start_lb "$WORK/k3.conf"
check "lvs_flush: the foreign service left before the start is flushed" \
	wait_for 60 flushed_and_back
check "lvs_flush: traffic through A" wait_for 30 a_answers
foreign_add
stop_lb
check "lvs_flush_onstop: SIGTERM flushes the whole table, foreign included" table_empty
ipvs -Ln | sed 's/^/#   /'
done_testing
