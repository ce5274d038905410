#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# check_http.sh: HTTP_GET against a real web server (check_srv_http.py),
# which logs each request's path, Host, HTTP version and Connection: status
# codes (lists, ranges), digest, regex (match, no match, regex_no_match,
# offsets, a match past the regex buffer's first fill), virtualhost (url,
# checker, real server), http_protocol, several urls (all must pass),
# fast_recovery accepted, and a 500, a refused port and a server that
# never answers (timeout).
# Topology (tests/check_lib.sh ta_topology): vigild in $NS, the server in
# $TA_SRV on 203.0.113.10, one port per case (8001-8020; 8099 refuses).
. "$(dirname "$0")/../lib.sh"
. "$TOP_SRCDIR/tests/check_lib.sh"

ta_topology
specs=()
for p in $(seq 8001 8020); do specs+=("203.0.113.10,$p"); done
tb_http_srv web "${specs[@]}" ||
	{ not_ok "the HTTP server starts"; done_testing; exit 1; }

conf="$WORK/h.conf"
cat >"$conf" <<'CONF'
child_wait_time 2
global_defs {
    router_id http1
}
virtual_server 192.0.2.100 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 203.0.113.10 8001 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /
            }
        }
    }
    real_server 203.0.113.10 8002 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /status/503
                status_code 500-599
            }
        }
    }
    real_server 203.0.113.10 8003 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /status/404
                status_code 200 404
            }
        }
    }
    real_server 203.0.113.10 8004 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /status/500
            }
        }
    }
    real_server 203.0.113.10 8005 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /page
                digest 8045a460a0d89130c8e6896578295657
            }
        }
    }
    real_server 203.0.113.10 8006 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /page
                digest 00000000000000000000000000000000
            }
        }
    }
    real_server 203.0.113.10 8007 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /page
                regex "Welcome to [a-z]+ server"
            }
        }
    }
    real_server 203.0.113.10 8008 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /page
                regex Goodbye
            }
        }
    }
    real_server 203.0.113.10 8009 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /page
                regex Welcome
                regex_no_match
            }
        }
    }
    real_server 203.0.113.10 8010 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /offsets
                regex marker
                regex_min_offset 10
            }
        }
    }
    real_server 203.0.113.10 8011 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /offsets
                regex marker
                regex_max_offset 10
            }
        }
    }
    real_server 203.0.113.10 8012 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /offsets
                regex marker
                regex_min_offset 22
            }
        }
    }
    real_server 203.0.113.10 8013 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /big
                regex NEEDLE
                regex_max_offset 300000
            }
        }
    }
    real_server 203.0.113.10 8014 {
        HTTP_GET {
            connect_timeout 2
            virtualhost www.example.com
            url {
                path /vh1
                virtualhost url.example.com
            }
            url {
                path /vh2
            }
        }
    }
    real_server 203.0.113.10 8015 {
        virtualhost rs.example.com
        HTTP_GET {
            connect_timeout 2
            url {
                path /vh3
            }
        }
    }
    real_server 203.0.113.10 8016 {
        HTTP_GET {
            connect_timeout 2
            http_protocol 1.1
            url {
                path /p11
            }
        }
    }
    real_server 203.0.113.10 8017 {
        HTTP_GET {
            connect_timeout 2
            http_protocol 1.0C
            url {
                path /p10c
            }
        }
    }
    real_server 203.0.113.10 8018 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /a
            }
            url {
                path /status/500
            }
            url {
                path /c
            }
        }
    }
    real_server 203.0.113.10 8019 {
        HTTP_GET {
            connect_timeout 1
            url {
                path /hang
            }
        }
    }
    real_server 203.0.113.10 8099 {
        HTTP_GET {
            connect_timeout 2
            url {
                path /
            }
        }
    }
    real_server 203.0.113.10 8020 {
        HTTP_GET {
            connect_timeout 2
            fast_recovery
            url {
                path /fr
            }
        }
    }
}
CONF
check "the configuration is valid" ta_conf_ok "$conf"
start_vigild "$conf"

rs() { echo "[203.0.113.10]:tcp:$1"; }
probe() { echo "HTTP_GET [203.0.113.10]:$1"; }
removed() {
	wait_for 20 log_has "Removing service \\[203.0.113.10\\]:tcp:$1 from VS \\[192.0.2.100\\]:tcp:80 ($2"
}

check "a plain GET: UP" wait_for 20 ta_rs_is "$(rs 8001)" UP
check "a plain GET: the probe passes" ta_probe_is "$(probe 8001)" up ok
check "the server saw GET / over HTTP/1.0, Host ADDR:PORT, no Connection" \
	tb_reqs_ge web '^req 203.0.113.10 8001 / host=203.0.113.10:8001 version=HTTP/1.0 conn=- sni=-$' 1

check "status_code 500-599 takes a 503: UP" wait_for 20 ta_rs_is "$(rs 8002)" UP
check "status_code 200 404 takes a 404: UP" wait_for 20 ta_rs_is "$(rs 8003)" UP
check "a 500 without status_code: DOWN" wait_for 20 ta_rs_is "$(rs 8004)" DOWN
check "a 500: the probe says http-status" \
	ta_probe_is "$(probe 8004)" down http-status
check "a 500: the log says why, with the status" \
	removed 8004 'http-status: unexpected HTTP status, status 500'

check "the right digest: UP" wait_for 20 ta_rs_is "$(rs 8005)" UP
check "a wrong digest: DOWN, http-digest" \
	wait_for 20 ta_probe_is "$(probe 8006)" down http-digest
check "a wrong digest: the detail is the page's MD5" \
	ta_probe_has "$(probe 8006)" 'digest 8045a460a0d89130c8e6896578295657'

check "a regex that matches: UP" wait_for 20 ta_rs_is "$(rs 8007)" UP
check "a regex that does not match: DOWN, http-regex" \
	wait_for 20 ta_probe_is "$(probe 8008)" down http-regex
check "regex_no_match on a page that matches: DOWN, http-regex" \
	wait_for 20 ta_probe_is "$(probe 8009)" down http-regex
check "regex_min_offset 10, the match at 21: UP" \
	wait_for 20 ta_rs_is "$(rs 8010)" UP
check "regex_max_offset 10, the match at 21: DOWN" \
	wait_for 20 ta_probe_is "$(probe 8011)" down http-regex
check "regex_min_offset 22, past the match's start: DOWN" \
	wait_for 20 ta_probe_is "$(probe 8012)" down http-regex
check "a match 200 kB into the body: UP" wait_for 20 ta_rs_is "$(rs 8013)" UP

check "the url's virtualhost is the Host" \
	wait_for 20 tb_reqs_ge web '^req 203.0.113.10 8014 /vh1 host=url.example.com ' 1
check "else the checker's" \
	wait_for 20 tb_reqs_ge web '^req 203.0.113.10 8014 /vh2 host=www.example.com ' 1
check "else the real server's" \
	wait_for 20 tb_reqs_ge web '^req 203.0.113.10 8015 /vh3 host=rs.example.com ' 1

check "http_protocol 1.1: HTTP/1.1 with Connection: close" \
	wait_for 20 tb_reqs_ge web '^req 203.0.113.10 8016 /p11 .* version=HTTP/1.1 conn=close ' 1
check "http_protocol 1.0C: HTTP/1.0 with Connection: close" \
	wait_for 20 tb_reqs_ge web '^req 203.0.113.10 8017 /p10c .* version=HTTP/1.0 conn=close ' 1

check "several urls, the second fails: DOWN, http-status" \
	wait_for 20 ta_probe_is "$(probe 8018)" down http-status
check "several urls: each attempt asked for the first and the second" \
	tb_reqs_ge web '^req 203.0.113.10 8018 /status/500 ' 1
check "several urls: none after the one that failed" \
	test "$(tb_reqs web '^req 203.0.113.10 8018 /c ')" = 0
check "fast_recovery is accepted: UP" wait_for 20 ta_rs_is "$(rs 8020)" UP

check "a server that never answers: DOWN, timeout" \
	wait_for 20 ta_probe_is "$(probe 8019)" down timeout
check "the attempt lasted connect_timeout (1 s)" \
	ta_probe_has "$(probe 8019)" ' latency_us (9[0-9]{5}|1[0-9]{6}) '
check "a refused port: DOWN, refused" \
	wait_for 20 ta_probe_is "$(probe 8099)" down refused

# A server that goes away is removed, and added back when it returns.
ta_stop web
check "the server stops: the plain GET is removed as refused" \
	removed 8001 'refused: connection refused'
tb_http_srv web "${specs[@]}"
check "it comes back: added again" \
	wait_for 20 log_has 'Adding service \[203.0.113.10\]:tcp:8001 to VS \[192.0.2.100\]:tcp:80$'
done_testing
