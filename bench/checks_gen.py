#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# checks_gen.py: writes the keepalived.conf that bench/checks runs, and the
# target list of its farm.  Standard library only.
#
#   checks_gen.py conf TYPE N FIFO FILE   N real servers with a TYPE check
#                                         (tcp or http), 100 per virtual
#                                         server, events to notify_fifo FIFO
#   checks_gen.py farm N                  the farm's ADDR:PORTLO-PORTHI specs
#   checks_gen.py addrs N                 the addresses the farm listens on
#   checks_gen.py target I                real server I as ADDR:PORT
#
# Real server I is 192.0.2.(10 + I / 1000), port 10000 + I % 1000: the
# farm's target I.  Virtual server V is 203.0.113.(1 + V % 250), port
# 80 + V / 250.  Every real server is a distinct backend, so nothing is
# shared between virtual servers.  Timers are the issue's: delay_loop 1,
# connect_timeout 0.5, retry 1, delay_before_retry 0.2 (overridable with
# the environment: DELAY_LOOP, CONNECT_TIMEOUT, RETRY, DELAY_BEFORE_RETRY).

import os
import sys

PORTS_PER_ADDR = 1000
RS_PER_VS = 100
MAX_RS = 200 * PORTS_PER_ADDR  # 192.0.2.10 .. 192.0.2.209


def rs_addr(i):
    return "192.0.2.%d" % (10 + i // PORTS_PER_ADDR), 10000 + i % PORTS_PER_ADDR


def timers():
    return {
        "delay_loop": os.environ.get("DELAY_LOOP", "1"),
        "connect_timeout": os.environ.get("CONNECT_TIMEOUT", "0.5"),
        "retry": os.environ.get("RETRY", "1"),
        "delay_before_retry": os.environ.get("DELAY_BEFORE_RETRY", "0.2"),
    }


def write_conf(kind, n, fifo, out):
    t = timers()
    w = out.write
    w("# bench/checks: %d real servers, %s check, %d per virtual server\n"
      % (n, kind, RS_PER_VS))
    w("global_defs {\n"
      "    router_id bench-checks\n"
      "    notify_fifo %s\n"
      "}\n\n" % fifo)
    nvs = (n + RS_PER_VS - 1) // RS_PER_VS
    for v in range(nvs):
        w("virtual_server 203.0.113.%d %d {\n" % (1 + v % 250, 80 + v // 250))
        w("    delay_loop %s\n" % t["delay_loop"])
        w("    lb_algo wrr\n")
        w("    lb_kind NAT\n")
        w("    protocol TCP\n\n")
        for i in range(v * RS_PER_VS, min(n, (v + 1) * RS_PER_VS)):
            addr, port = rs_addr(i)
            w("    real_server %s %d {\n" % (addr, port))
            w("        weight 1\n")
            if kind == "tcp":
                w("        TCP_CHECK {\n")
            else:
                w("        HTTP_GET {\n")
                w("            url {\n")
                w("                path /\n")
                w("                status_code 200\n")
                w("            }\n")
            w("            connect_timeout %s\n" % t["connect_timeout"])
            w("            retry %s\n" % t["retry"])
            w("            delay_before_retry %s\n" % t["delay_before_retry"])
            w("        }\n")
            w("    }\n")
        w("}\n\n")


def farm_specs(n):
    specs = []
    for a in range((n + PORTS_PER_ADDR - 1) // PORTS_PER_ADDR):
        k = min(PORTS_PER_ADDR, n - a * PORTS_PER_ADDR)
        specs.append("192.0.2.%d:10000-%d" % (10 + a, 10000 + k - 1))
    return specs


def usage():
    sys.stderr.write("usage: checks_gen.py conf tcp|http N FIFO FILE"
                     " | farm N | addrs N | target I\n")
    return 2


def main(argv):
    try:
        if len(argv) == 6 and argv[1] == "conf" and argv[2] in ("tcp", "http"):
            n = int(argv[3])
            if not 0 < n <= MAX_RS:
                raise ValueError
            with open(argv[5], "w") as f:
                write_conf(argv[2], n, argv[4], f)
        elif len(argv) == 3 and argv[1] == "farm":
            print(" ".join(farm_specs(int(argv[2]))))
        elif len(argv) == 3 and argv[1] == "addrs":
            print(" ".join(s.split(":")[0] for s in farm_specs(int(argv[2]))))
        elif len(argv) == 3 and argv[1] == "target":
            print("%s:%d" % rs_addr(int(argv[2])))
        else:
            return usage()
    except ValueError:
        return usage()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
