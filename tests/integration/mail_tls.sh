#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# mail_tls.sh: alert email through a real SMTP server (aiosmtpd) with
# STARTTLS and a test CA (smtp_ca_file), AUTH from smtp_auth_file accepted;
# the same server verified against a CA that did not sign it (refused,
# logged once, no mail); SMTPS; AUTH refused (logged once with the server's
# 535 reply).  Topology: one namespace, a veth pair eth0/eth0p kept down so
# that the lone instance goes to FAULT at start and stays there (one alert
# per run), the SMTP server on its loopback.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../mail_lib.sh"

ns_create
ns_lone_link
CA="$WORK/ca"
check "test CA made" mail_ca "$CA"
printf 'alice\ns3cret pass\n' >"$WORK/auth"
chmod 600 "$WORK/auth"
printf 'alice\nwrong\n' >"$WORK/auth.bad"
chmod 600 "$WORK/auth.bad"
FAULT="[m1] VRRP Instance VI_1 - Entering FAULT state"
CANNOT="mail: cannot send to 127.0.0.1:$MAIL_PORT: "

# run_with KEY GLOBALS: vigild with these extra global_defs lines.
run_with() {
	{
		mail_globals "    smtp_alert
$2"
		mail_fault_instance
	} >"$WORK/$1.conf"
	start_vigild "$WORK/$1.conf"
}

mail_phase starttls
mail_srv st --mode starttls --cert "$CA/srv.crt" --key "$CA/srv.key" \
    --auth "alice:s3cret pass"
run_with st "    smtp_tls starttls
    smtp_ca_file $CA/ca.crt
    smtp_auth_file $WORK/auth"
check "STARTTLS: the FAULT mail arrives" wait_for 20 mail_has_subject st "$FAULT"
check "STARTTLS: AUTH accepted" grep -q '^AUTH alice accepted' "$WORK/st.log"
check "STARTTLS: sent logged" log_has "mail: sent 1 alert to 127.0.0.1:$MAIL_PORT"
mail_vigild_stop

mail_phase wrongca
run_with wrongca "    smtp_tls starttls
    smtp_ca_file $CA/other.crt
    smtp_auth_file $WORK/auth"
check "wrong CA: refusal logged" wait_for 20 log_has "${CANNOT}SSL certificate problem"
check "wrong CA: logged once, not retried" always 3 log_count_is "$CANNOT" 1
check "wrong CA: no mail (FAULT and STOP of the first run only)" mail_n_is st 2
mail_vigild_stop
mail_srv_stop st

mail_phase smtps
mail_srv tls --mode smtps --cert "$CA/srv.crt" --key "$CA/srv.key"
run_with smtps "    smtp_tls tls
    smtp_ca_file $CA/ca.crt"
check "SMTPS: the FAULT mail arrives" wait_for 20 mail_has_subject tls "$FAULT"
check "SMTPS: nothing failed" not_grep "mail: cannot" "$LOG"
mail_vigild_stop
mail_srv_stop tls

mail_phase authbad
mail_srv auth --auth "alice:s3cret pass"
run_with authbad "    smtp_auth_file $WORK/auth.bad"
check "AUTH refused: logged with the 535 reply" wait_for 20 \
    log_has "${CANNOT}535 5.7.8 Authentication credentials invalid"
check "AUTH refused: logged once, not retried" always 3 log_count_is "$CANNOT" 1
check "AUTH refused: the server saw it" grep -q '^AUTH alice refused' "$WORK/auth.log"
check "AUTH refused: no mail" mail_n_is auth 0
mail_vigild_stop
done_testing
