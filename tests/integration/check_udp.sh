#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# check_udp.sh: UDP_CHECK against real UDP servers.  The payload reaches
# the server (keepalived's 32 bytes of filler when none is given); with
# require_reply the reply must come and match the pattern (X: any nibble)
# and the length limits; an ICMP port unreachable is down (refused);
# without require_reply, silence is up.
# Topology (tests/check_lib.sh ta_topology): vigild in $NS, the servers
# (tests/check_srv_udp.py: echo, a fixed reply, or silent) in $TA_SRV.
# Config: one UDP virtual server, one real server per case.
. "$(dirname "$0")/../lib.sh"
. "$TOP_SRCDIR/tests/check_lib.sh"

ta_topology
started=1
ta_udp_srv echo echo 203.0.113.10 5000 || started=0
ta_udp_srv ok12 reply:4f4b3132 203.0.113.10 5001 || started=0
ta_udp_srv no reply:4e4f 203.0.113.10 5002 || started=0
ta_udp_srv quiet silent 203.0.113.10 5004 || started=0
ta_udp_srv mute silent 203.0.113.10 5005 || started=0
ta_udp_srv short echo 203.0.113.10 5006 || started=0
ta_udp_srv long reply:"$(printf '41%.0s' $(seq 300))" 203.0.113.10 5007 ||
	started=0
check "the UDP servers start" test "$started" = 1

conf="$WORK/k.conf"
cat >"$conf" <<'CONF'
child_wait_time 2
global_defs {
    router_id udp1
}
virtual_server 192.0.2.100 53 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol UDP
    # an echo: the reply is the payload
    real_server 203.0.113.10 5000 {
        UDP_CHECK {
            connect_timeout 2
            payload 48 45 4c 4c 4f
            require_reply 48454c4c4f
        }
    }
    # "OK12" against 4f 4b 3X 32
    real_server 203.0.113.10 5001 {
        UDP_CHECK {
            connect_timeout 2
            payload 00
            require_reply 4f4b3X32
        }
    }
    # "NO" against OK
    real_server 203.0.113.10 5002 {
        UDP_CHECK {
            connect_timeout 2
            require_reply 4f4b
        }
    }
    # nothing listens: ICMP port unreachable
    real_server 203.0.113.10 5003 {
        UDP_CHECK {
            connect_timeout 2
        }
    }
    # listens, never answers, no reply required
    real_server 203.0.113.10 5004 {
        UDP_CHECK {
            connect_timeout 1
        }
    }
    # listens, never answers, a reply required
    real_server 203.0.113.10 5005 {
        UDP_CHECK {
            connect_timeout 1
            require_reply
        }
    }
    # a 5-byte echo, 10 bytes at least required
    real_server 203.0.113.10 5006 {
        UDP_CHECK {
            connect_timeout 2
            payload 0102030405
            require_reply
            min_reply_length 10
        }
    }
    # a 300-byte reply: longer than the default max_reply_length, 255
    real_server 203.0.113.10 5007 {
        UDP_CHECK {
            connect_timeout 2
            require_reply 41
        }
    }
}
CONF
check "the configuration is valid" ta_conf_ok "$conf"
start_vigild "$conf"

probe_is() { ta_probe_is "UDP_CHECK [203.0.113.10]:$1" "$2" "$3"; }
probe_has() { ta_probe_has "UDP_CHECK [203.0.113.10]:$1" "$2"; }

check "echo: the server gets the payload" \
	wait_for 20 ta_lines_ge echo 2 ' 5 48454c4c4f$'
check "echo: only the payload" \
	test "$(ta_lines echo)" = "$(ta_lines echo ' 5 48454c4c4f$')"
check "echo: UP" wait_for 10 ta_rs_is "[203.0.113.10]:udp:5000" UP
check "echo: the probe passes" probe_is 5000 up ok

check "a pattern with a wildcard nibble: UP" wait_for 20 probe_is 5001 up ok
check "a pattern with a wildcard nibble: checked more than once" \
	wait_for 10 ta_lines_ge ok12 2

check "the wrong reply: DOWN, udp-reply" wait_for 20 probe_is 5002 down udp-reply
check "the wrong reply: the detail says which byte" \
	probe_has 5002 '"reply byte 0 is 4e, the pattern wants 4f"'
check "the wrong reply: the log says why" \
	wait_for 10 log_has 'Removing service \[203.0.113.10\]:udp:5002 .*(udp-reply: no or unexpected UDP reply, reply byte 0'
check "no payload: keepalived's 32 bytes of filler" \
	wait_for 10 ta_lines_ge no 1 ' 32 [0-9a-f]\{64\}$'

check "a closed port (ICMP port unreachable): DOWN, refused" \
	wait_for 20 probe_is 5003 down refused
check "a closed port: the detail says ICMP" \
	probe_has 5003 '"ICMP port unreachable"'

check "silence, no reply required: the server gets checks" \
	wait_for 20 ta_lines_ge quiet 3
check "silence, no reply required: UP" probe_is 5004 up ok
check "silence, no reply required: each attempt waits connect_timeout" \
	probe_has 5004 ' latency_us [1-9][0-9]{6} '

check "silence, a reply required: DOWN" wait_for 20 probe_is 5005 down udp-reply
check "silence, a reply required: the detail says no reply" \
	probe_has 5005 '"no reply"'
check "silence, a reply required: the server did get checks" ta_lines_ge mute 1

check "a reply below min_reply_length: DOWN" wait_for 20 probe_is 5006 down udp-reply
check "a reply below min_reply_length: the detail gives the lengths" \
	probe_has 5006 '"reply of 5 bytes, not 10 to 255"'
check "a reply above the default max_reply_length: DOWN" \
	wait_for 20 probe_is 5007 down udp-reply
check "a reply above max_reply_length: the detail gives the lengths" \
	probe_has 5007 '"reply of 300 bytes, not 0 to 255"'

# The closed port opens: the server comes back.
ta_udp_srv late echo 203.0.113.10 5003
check "the closed port opens: added back" \
	wait_for 20 log_has 'Adding service \[203.0.113.10\]:udp:5003 to VS'
done_testing
