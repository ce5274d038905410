#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# mail_retry.sh: alert email when the relay is not ready: a server that
# answers 451 twice then accepts (the mail arrives once, the failure is
# logged once), a server that is down at first (connection refused logged
# once, the mail delivered when it listens), a burst of 50 instances that
# becomes one digest naming what it coalesced, and an smtp_auth_file that
# others may read refused by `vigild -t` with file:line:col.
# Topology: one namespace, a veth pair eth0/eth0p kept down so that the
# instances go to FAULT at start and stay there, the SMTP server on its
# loopback.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../mail_lib.sh"

ns_create
ns_lone_link
FAULT="[m1] VRRP Instance VI_1 - Entering FAULT state"
CANNOT="mail: cannot send to 127.0.0.1:$MAIL_PORT: "
conf="$WORK/k.conf"
{
	mail_globals "    smtp_alert"
	mail_fault_instance
} >"$conf"

mail_phase greylist
mail_srv grey --fail 2
start_vigild "$conf"
check "451: the mail arrives after the retries" wait_for 20 \
    mail_has_subject grey "$FAULT"
grep -F "$CANNOT" "$LOG" | sed 's/^/# /'
check "451: logged once with the reply" \
    log_count_is "${CANNOT}451 4.3.2 Try again later" 1
check "451: the server refused twice" \
    test "$(grep -c 'refused 451' "$WORK/grey.log")" = 2
check "451: sent after 3 attempts" \
    log_has "mail: sent 1 alert to 127.0.0.1:$MAIL_PORT after 3 attempts"
check "451: delivered once" always 2 mail_n_is grey 1
mail_vigild_stop
mail_srv_stop grey

mail_phase down
start_vigild "$conf"
check "down: connection failure logged" wait_for 20 log_has "${CANNOT}Failed to connect"
sleep 2
mail_srv late
check "down: the mail arrives once the server listens" wait_for 30 \
    mail_has_subject late "$FAULT"
check "down: the failure was logged once" log_count_is "$CANNOT" 1
check "down: delivered once" always 2 mail_n_is late 1
mail_vigild_stop
mail_srv_stop late

mail_phase burst
{
	mail_globals "    smtp_alert"
	mail_fault_instance
	for i in $(seq 2 50); do
		cat <<CONF
vrrp_instance VI_$i {
    interface eth0
    virtual_router_id $i
    priority 100
    virtual_ipaddress {
        192.0.2.$((100 + i))/24
    }
}
CONF
	done
} >"$WORK/burst.conf"
mail_srv burst
start_vigild "$WORK/burst.conf"
# every alert is in some mail: one alone, the rest in digests
alerts_mailed() {
	local n=0 s
	while read -r s; do
		if [[ "$s" =~ \]\ ([0-9]+)\ alerts\ \(digest ]]; then
			n=$((n + BASH_REMATCH[1]))
		else
			n=$((n + 1))
		fi
	done < <(mail_subjects burst)
	[ "$n" -ge 50 ]
}
check "burst: 50 alerts mailed" wait_for 30 alerts_mailed
mail_subjects burst | sed 's/^/# /'
check "burst: far fewer mails than alerts" test "$(mail_n burst)" -le 5
dg=$(grep -l '^Subject: .*alerts (digest' "$WORK"/burst.d/*.eml | head -1)
check "burst: a digest came" test -n "$dg"
check "burst: the digest says what it coalesced" \
    grep -qE '^=> [0-9]+ alerts coalesced into one mail <=' "$dg"
check "burst: the digest lists the instances" \
    grep -qF "[m1] VRRP Instance VI_50 - Entering FAULT state" "$dg"
check "burst: logged as a digest" log_has "alerts to 127.0.0.1:$MAIL_PORT (digest)"
mail_vigild_stop

mail_phase authfile
printf 'alice\npw\n' >"$WORK/auth"
chmod 644 "$WORK/auth"
{
	mail_globals "    smtp_auth_file $WORK/auth"
} >"$WORK/auth.conf"
out=$("$VIGILD" -t -f "$WORK/auth.conf" 2>&1)
rc=$?
check "auth file readable by others: -t fails" test "$rc" -ne 0
line=$(grep -n smtp_auth_file "$WORK/auth.conf" | cut -d: -f1)
check "auth file: file:line:col and why ($out)" grep -qF \
    "$WORK/auth.conf:$line:20: error: smtp_auth_file '$WORK/auth' may be read or written by group or others (mode 0644)" <<<"$out"
chmod 600 "$WORK/auth"
"$VIGILD" -t -f "$WORK/auth.conf" >/dev/null 2>&1
check "auth file of mode 0600: -t passes" test $? -eq 0
chown 65534 "$WORK/auth"
out=$("$VIGILD" -t -f "$WORK/auth.conf" 2>&1)
check "auth file not root's: refused" grep -qF "is not owned by root" <<<"$out"
done_testing
