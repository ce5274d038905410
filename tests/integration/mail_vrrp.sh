#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# mail_vrrp.sh: alert email of a lone VRRP instance, received by a real
# SMTP server (aiosmtpd): one mail per transition, BACKUP at start, MASTER,
# FAULT (the link
# goes down), BACKUP and MASTER again (it comes back), STOP at the end,
# each with keepalived's subject and body; RFC 5322 headers (Date,
# Message-ID, From with its display name, To with both recipients, given
# in one transaction); an instance with smtp_alert off sends nothing.
# Topology: one namespace, a veth pair eth0/eth0p without a peer (two
# instances become MASTER), the SMTP server on its loopback.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../mail_lib.sh"

ns_create
ns_lone_link
mail_srv smtp || { not_ok "SMTP server"; done_testing; exit 1; }

conf="$WORK/k.conf"
{
	echo "child_wait_time 5"
	mail_globals "    smtp_alert"
	mail_lone_instance
	cat <<CONF
vrrp_instance VI_2 {
    interface eth0
    virtual_router_id 52
    priority 100
    advert_int 1
    smtp_alert off
    virtual_ipaddress {
        192.0.2.101/24
    }
}
CONF
} >"$conf"

start_vigild "$conf"
check "module loaded" wait_for 10 log_has "module mail loaded"
S0="[m1] VRRP Instance VI_1 - Entering BACKUP state"
S1="[m1] VRRP Instance VI_1 - Entering MASTER state"
check "BACKUP mail at start" wait_for 20 mail_has_subject smtp "$S0"
check "MASTER mail" wait_for 20 mail_has_subject smtp "$S1"
n=$(mail_subjects smtp | grep -nxF -- "$S1" | cut -d: -f1)
check "body is keepalived's" \
    grep -qF "=> VRRP Instance is now owning VRRP VIPs <=" "$(mail_file smtp "$n")"
check "From has the display name" \
    test "$(mail_header smtp 1 From)" = '"LB pair m1" <vigil@example.org>'
check "To names both recipients" \
    test "$(mail_header smtp 1 To)" = "alice@example.org, bob@example.org"
check "one transaction for both recipients" \
    test "$(grep -c '^rcpt ' "$WORK/smtp.d/1.env")" = 2
check "envelope sender" grep -qx 'from vigil@example.org' "$WORK/smtp.d/1.env"
d=$(mail_header smtp 1 Date)
check "Date is RFC 5322 ($d)" grep -qE '^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} [+-][0-9]{4}$' <<<"$d"
m=$(mail_header smtp 1 Message-ID)
check "Message-ID ($m)" grep -qE '^<[^@ ]+@[^@ ]+>$' <<<"$m"
check "Message-IDs differ" test "$m" != "$(mail_header smtp 2 Message-ID)"
check "sent logged" log_has "mail: sent 1 alert to 127.0.0.1:$MAIL_PORT"

# FAULT when the link goes down; BACKUP then MASTER when it is back.
ip -n "$NS" link set eth0 down
check "FAULT mail" wait_for 20 mail_has_subject smtp \
    "[m1] VRRP Instance VI_1 - Entering FAULT state"
ip -n "$NS" link set eth0 up
check "BACKUP mail" wait_for 20 mail_subject_count_is smtp "$S0" 2
check "MASTER again" wait_for 20 mail_subject_count_is smtp "$S1" 2

stop_pid "$VPID"
check "STOP mail sent before the daemon exited" \
    mail_has_subject smtp "[m1] VRRP Instance VI_1 - Stopping"
check "each transition mailed once" test "$(mail_n smtp)" = 6
check "nothing of VI_2 (smtp_alert off)" \
    not_grep "VI_2" "$WORK/smtp.d"
check "no failure logged" not_grep "mail: cannot" "$LOG"
mail_subjects smtp | sed 's/^/# /'
VPID=
done_testing
