# SPDX-License-Identifier: GPL-2.0-or-later
# tests/mail_lib.sh: a real SMTP server (tests/smtp_server.py, aiosmtpd) in
# the test's namespace, a test CA, and what the alert email tests ask of
# the mails received (sourced after tests/lib.sh).

MAIL_PORT=2525

# mail_srv KEY [smtp_server.py ARGS...]: an SMTP server in $NS on
# 127.0.0.1:$MAIL_PORT (unless ARGS give --port); log $WORK/KEY.log,
# messages in $WORK/KEY.d; its pid in $WORK/KEY.pid (lib.sh's cleanup
# stops it).  Returns once it listens.
mail_srv() {
	local key=$1
	shift
	: >"$WORK/$key.log"
	ip netns exec "$NS" /usr/bin/python3 "$TOP_SRCDIR/tests/smtp_server.py" \
	    --log "$WORK/$key.log" --dir "$WORK/$key.d" --port "$MAIL_PORT" \
	    "$@" >>"$WORK/$key.err" 2>&1 &
	echo $! >"$WORK/$key.pid"
	wait_for 15 grep -q '^ready$' "$WORK/$key.log" || {
		diag "SMTP server $key did not start:"
		sed 's/^/#   /' "$WORK/$key.err"
		return 1
	}
}
# mail_srv_stop KEY
mail_srv_stop() {
	stop_pid "$(cat "$WORK/$1.pid" 2>/dev/null)"
	rm -f "$WORK/$1.pid"
}

# mail_n KEY: messages server KEY accepted.  mail_n_is KEY N, mail_n_ge.
mail_n() {
	find "$WORK/$1.d" -name '*.eml' 2>/dev/null | wc -l
}
mail_n_is() { [ "$(mail_n "$1")" = "$2" ]; }
mail_n_ge() { [ "$(mail_n "$1")" -ge "$2" ]; }
# mail_file KEY N: the N-th message's file.
mail_file() { echo "$WORK/$1.d/$2.eml"; }
# mail_header KEY N NAME: the value of header NAME of message N.
mail_header() {
	sed -n '/^\r\{0,1\}$/q;p' "$(mail_file "$1" "$2")" | tr -d '\r' |
	    sed -n "s/^$3: //p" | head -1
}
# mail_subjects KEY: every message's subject, one a line, in order.
mail_subjects() {
	local i n
	n=$(mail_n "$1")
	for i in $(seq 1 "$n"); do
		mail_header "$1" "$i" Subject
	done
}
# mail_has_subject KEY TEXT: a message's subject is exactly TEXT.
mail_has_subject() { mail_subjects "$1" | grep -qxF -- "$2"; }
mail_subject_count() { mail_subjects "$1" | grep -cxF -- "$2"; }

# mail_ca DIR: a test CA and a certificate for 127.0.0.1 (and mx.test)
# that it signed: DIR/ca.crt, DIR/srv.crt, DIR/srv.key; and a second CA,
# DIR/other.crt, that signed nothing here.
mail_ca() {
	local d=$1
	mkdir -p "$d"
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
	    -subj "/CN=vigil test CA" -keyout "$d/ca.key" -out "$d/ca.crt" \
	    >/dev/null 2>&1 &&
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 \
	    -subj "/CN=vigil other CA" -keyout "$d/other.key" \
	    -out "$d/other.crt" >/dev/null 2>&1 &&
	openssl req -newkey rsa:2048 -nodes -subj "/CN=mx.test" \
	    -keyout "$d/srv.key" -out "$d/srv.csr" >/dev/null 2>&1 &&
	printf 'subjectAltName=IP:127.0.0.1,DNS:mx.test\n' >"$d/ext" &&
	openssl x509 -req -in "$d/srv.csr" -CA "$d/ca.crt" -CAkey "$d/ca.key" \
	    -CAcreateserial -days 2 -extfile "$d/ext" -out "$d/srv.crt" \
	    >/dev/null 2>&1
}

# mail_globals [EXTRA LINES]: the global_defs block of the mail tests:
# two recipients, a From with a display name, the server on loopback.
mail_globals() {
	cat <<CONF
global_defs {
    router_id m1
    notification_email {
        alice@example.org
        bob@example.org
    }
    notification_email_from vigil@example.org
    notification_email_from_name "LB pair m1"
    smtp_server 127.0.0.1 $MAIL_PORT
    smtp_connect_timeout 3
${1:-}
}
CONF
}

# mail_lone_instance [EXTRA LINES]: a lone VRRP instance on eth0 (see
# ns_lone_link) that becomes MASTER.
mail_lone_instance() {
	cat <<CONF
vrrp_instance VI_1 {
    interface eth0
    virtual_router_id 51
    priority 100
    advert_int 1
    virtual_ipaddress {
        192.0.2.100/24
    }
${1:-}
}
CONF
}

# Log predicates (the lines hold brackets and dots: fixed strings).
log_fixed() { grep -qF -- "$1" "$LOG"; }
log_fixed_count() { grep -cF -- "$1" "$LOG"; }
# not_grep PATTERN FILE|DIR: nothing matches.
not_grep() { ! grep -rqF -- "$1" "$2"; }
# mail_subject_count_is KEY TEXT N: exactly N messages have subject TEXT.
mail_subject_count_is() { [ "$(mail_subject_count "$1" "$2")" = "$3" ]; }

# mail_fault_instance: a lone instance on eth0 whose link is down, so that
# it goes to FAULT at start and stays there: one alert (then STOP at the
# daemon's stop).
mail_fault_instance() {
	ip -n "$NS" link set eth0 down
	mail_lone_instance
}

# mail_phase NAME: a fresh vigild log for the next part of a test.
mail_phase() {
	LOG="$WORK/log.$1"
	: >"$LOG"
	diag "phase $1"
}
# mail_vigild_stop: stops the running vigild.
mail_vigild_stop() {
	stop_pid "$VPID"
	VPID=
}
