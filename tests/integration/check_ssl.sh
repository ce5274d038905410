#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# check_ssl.sh: SSL_GET against real TLS servers whose certificates the test
# makes with openssl (tests/check_lib.sh tb_certs): with the SSL block's ca
# the certificate is verified (good, expired, wrong name, unknown CA,
# self-signed each with its own result), enable_sni sends the virtualhost
# as SNI, seen by the server; without a ca a check behaves as keepalived
# (no verification: a self-signed server is up) and vigild -t warns with
# the check's file:line; verify_certificate verifies against the system's
# CAs (which do not know the test CA); global_defs' ssl_verify_certificate
# silences the warning.
# Topology (tests/check_lib.sh ta_topology): vigild in $NS, the servers
# (check_srv_http.py) in $TA_SRV on 203.0.113.10, one port per certificate.
. "$(dirname "$0")/../lib.sh"
. "$TOP_SRCDIR/tests/check_lib.sh"

ta_topology
tb_certs || { not_ok "the certificates are made"; done_testing; exit 1; }
P="$WORK/pki"
tb_http_srv tls 203.0.113.10,9001,$P/good.pem,$P/good.key \
    203.0.113.10,9002,$P/expired.pem,$P/expired.key \
    203.0.113.10,9003,$P/wrongname.pem,$P/wrongname.key \
    203.0.113.10,9004,$P/unknownca.pem,$P/unknownca.key \
    203.0.113.10,9005,$P/selfsigned.pem,$P/selfsigned.key \
    203.0.113.10,9006,$P/good.pem,$P/good.key ||
	{ not_ok "the TLS server starts"; done_testing; exit 1; }

# ssl_conf FILE SSL_BLOCK GLOBAL REAL_SERVERS
ssl_conf() {
	cat >"$1" <<CONF
child_wait_time 2
global_defs {
    router_id ssl1
$3
}
$2
virtual_server 192.0.2.100 443 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
$4
}
CONF
}
# rs PORT [CHECK OPTIONS]: a real server on 203.0.113.10 PORT.
rs() {
	cat <<RS
    real_server 203.0.113.10 $1 {
        SSL_GET {
            connect_timeout 2
            ${2:-}
            url {
                path /
            }
        }
    }
RS
}
probe() { echo "SSL_GET [203.0.113.10]:$1"; }

conf="$WORK/ca.conf"
ssl_conf "$conf" "SSL {
    ca $P/ca.pem
}" "" "$(rs 9001)
$(rs 9002)
$(rs 9003)
$(rs 9004)
$(rs 9005)
$(rs 9006 'virtualhost www.example.com
            enable_sni')"
check "with a ca: the configuration is valid" ta_conf_ok "$conf"
check "with a ca: vigild -t does not warn of unverified certificates" \
	eval '! grep -q "does not verify" "$WORK/conf_test.out"'
start_vigild "$conf"
check "good certificate (its address in its names): UP" \
	wait_for 20 ta_probe_is "$(probe 9001)" up ok
check "the server saw the checks" \
	tb_reqs_ge tls '^req 203.0.113.10 9001 / ' 1
check "no virtualhost: no SNI" \
	test "$(tb_reqs tls '^req 203.0.113.10 9001 .* sni=[^-]')" = 0
check "expired: DOWN, tls-expired" \
	wait_for 20 ta_probe_is "$(probe 9002)" down tls-expired
check "expired: the reason is OpenSSL's" \
	ta_probe_has "$(probe 9002)" '"certificate has expired"'
check "expired: the log says why it was removed" \
	log_has 'Removing service \[203.0.113.10\]:tcp:9002 from VS \[192.0.2.100\]:tcp:443 (tls-expired'
check "wrong name: DOWN, tls-name" \
	wait_for 20 ta_probe_is "$(probe 9003)" down tls-name
check "unknown CA: DOWN, tls-unknown-ca" \
	wait_for 20 ta_probe_is "$(probe 9004)" down tls-unknown-ca
check "self-signed: DOWN, tls-unknown-ca" \
	wait_for 20 ta_probe_is "$(probe 9005)" down tls-unknown-ca
check "self-signed: the reason says so" \
	ta_probe_has "$(probe 9005)" 'self-signed'
check "enable_sni with a virtualhost: UP" \
	wait_for 20 ta_probe_is "$(probe 9006)" up ok
check "enable_sni: the server saw SNI www.example.com and the Host" \
	tb_reqs_ge tls '^req 203.0.113.10 9006 / host=www.example.com .* sni=www.example.com$' 1
stop_pid "$VPID"
VPID=

# Without a ca: keepalived's behaviour, with a warning.
conf="$WORK/noca.conf"
ssl_conf "$conf" "" "" "$(rs 9005)
$(rs 9001 'verify_certificate')"
check "without a ca: the configuration is valid" ta_conf_ok "$conf"
check "without a ca: vigild -t warns, naming the check's file:line" \
	grep -q "noca.conf:1[0-9]:[0-9]*: .*SSL_GET does not verify the server's certificate" \
	"$WORK/conf_test.out"
check "without a ca: only the check without verify_certificate is named" \
	test "$(grep -c 'does not verify' "$WORK/conf_test.out")" = 1
: >"$WORK/tls.log"
start_vigild "$conf"
check "without a ca: a self-signed server is UP (not verified)" \
	wait_for 20 ta_probe_is "$(probe 9005)" up ok
check "verify_certificate, no ca: the system's CAs do not know the test CA" \
	wait_for 20 ta_probe_is "$(probe 9001)" down tls-unknown-ca
check "verify_certificate: the server never got a request" \
	test "$(tb_reqs tls '^req 203.0.113.10 9001 ')" = 0
stop_pid "$VPID"
VPID=

conf="$WORK/global.conf"
ssl_conf "$conf" "" "    ssl_verify_certificate" "$(rs 9005)"
check "ssl_verify_certificate in global_defs: no warning" \
	eval 'ta_conf_ok "$conf" && ! grep -q "does not verify" "$WORK/conf_test.out"'
start_vigild "$conf"
check "ssl_verify_certificate: the self-signed server is now DOWN" \
	wait_for 20 ta_probe_is "$(probe 9005)" down tls-unknown-ca
done_testing
