#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# mail_check.sh: alert email of the checker's events through a real SMTP
# server (aiosmtpd): a real server that fails and comes back mails DOWN and
# UP with keepalived's subjects, the quorum lost and gained mails the
# virtual server's DOWN and UP; a real server with smtp_alert off sends
# nothing.  Topology: one namespace; 192.0.2.10 and 192.0.2.11 on its
# loopback with a TCP listener on port 80 each (the real servers), a
# virtual server 192.0.2.1:80 over them with TCP_CHECK, weight 1 each and
# quorum 2; the SMTP server on 127.0.0.1.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../check_lib.sh"
. "$(dirname "$0")/../mail_lib.sh"

ns_create
ip -n "$NS" addr add 192.0.2.10/32 dev lo
ip -n "$NS" addr add 192.0.2.11/32 dev lo
mail_srv smtp || { not_ok "SMTP server"; done_testing; exit 1; }

conf="$WORK/k.conf"
{
	echo "child_wait_time 10"
	mail_globals "    smtp_alert_checker"
	cat <<CONF
virtual_server 192.0.2.1 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    quorum 2
    real_server 192.0.2.10 80 {
        weight 1
        TCP_CHECK {
            connect_timeout 2
            retry 1
            delay_before_retry 1
        }
    }
    real_server 192.0.2.11 80 {
        weight 1
        smtp_alert off
        TCP_CHECK {
            connect_timeout 2
            retry 1
            delay_before_retry 1
        }
    }
}
CONF
} >"$conf"

R10="[m1] Realserver [192.0.2.10]:tcp:80 of virtual server [192.0.2.1]:tcp:80"
VS="[m1] Virtualserver [192.0.2.1]:tcp:80"
te_listen r10 192.0.2.10 80
te_listen r11 192.0.2.11 80
start_vigild "$conf"
check "the checker probes both" wait_for 20 \
    eval '[ "$(te_conns r10)" -ge 2 ] && [ "$(te_conns r11)" -ge 2 ]'
check "smtp_alert runs (not 'not implemented')" \
    not_grep "smtp_alert is not implemented" "$LOG"

te_unlisten r10
check "real server DOWN mail" wait_for 20 mail_has_subject smtp "$R10 - DOWN"
n=$(mail_subjects smtp | grep -nxF -- "$R10 - DOWN" | cut -d: -f1)
check "its body names the failure" grep -qF \
    "=> CHECK failed on service: connection refused <=" "$(mail_file smtp "$n")"
check "quorum DOWN mail" wait_for 20 mail_has_subject smtp "$VS - DOWN"
te_listen r10 192.0.2.10 80
check "real server UP mail" wait_for 20 mail_has_subject smtp "$R10 - UP"
check "quorum UP mail" wait_for 20 mail_has_subject smtp "$VS - UP"
n=$(mail_subjects smtp | grep -nxF -- "$VS - UP" | cut -d: -f1)
check "its body: quorum gained" grep -qF "=> Gained quorum (live weight 2) <=" \
    "$(mail_file smtp "$n")"

te_unlisten r11
check "the other server goes DOWN" wait_for 20 log_fixed \
    "herald: Real_Server([192.0.2.11]:tcp:80 of [192.0.2.1]:tcp:80) DOWN"
check "its quorum DOWN mails" wait_for 20 mail_subject_count_is smtp "$VS - DOWN" 2
check "no mail of the server with smtp_alert off" \
    not_grep "192.0.2.11" "$WORK/smtp.d"
check "each transition once" always 2 mail_n_is smtp 5
mail_subjects smtp | sed 's/^/# /'
done_testing
