#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# ipvs_gen.py: the configurations bench/ipvs applies, and the poller that
# watches the kernel's IPVS table for it.  Standard library only.
#
#   ipvs_gen.py conf NVS NRS FILE [W]   NVS virtual servers (192.0.2.1..:80)
#                                       x NRS real servers (198.51.100.1..
#                                       and 203.0.113.1..:8080), NAT, rr,
#                                       weight 1 and no checker; with W, the
#                                       destination "one" (below) has weight W
#   ipvs_gen.py rules NVS NRS FILE      the same table as ipvsadm -R input
#   ipvs_gen.py one NVS NRS             prints the destination W changes
#   ipvs_gen.py poll                    the poller: one command a line on
#                                       stdin, answers on stdout
#
# The poller runs in the director's namespace and reads /proc/net/ip_vs
# (that namespace's table) every INTERVAL seconds.  A command:
#
#   count N TIMEOUT INTERVAL       until the table holds N destinations
#   cycle N TIMEOUT INTERVAL       until it holds other than N, then N again
#   weight W TIMEOUT INTERVAL      until a destination has weight W
#   gone ADDR:PORT TIMEOUT INTERVAL until ADDR:PORT is absent or weight 0
#   back ADDR:PORT TIMEOUT INTERVAL until ADDR:PORT is there, weight > 0
#
# answers "armed" after its first read (the caller acts only then), then
# "done T READS" (T: time.time() just after the read that met it) or
# "timeout WHAT".

import re
import sys
import time

PROC = "/proc/net/ip_vs"


def rs_addr(j):
    """The j-th real server's address: 198.51.100.1-250, 203.0.113.1-250."""
    if j < 250:
        return "198.51.100.%d" % (j + 1)
    return "203.0.113.%d" % (j - 250 + 1)


def one(nvs, nrs):
    """The destination a reload changes: in the middle of the table."""
    return nvs // 2, nrs // 2


def write_conf(nvs, nrs, path, w=None):
    ci, cj = one(nvs, nrs)
    with open(path, "w") as f:
        f.write("# bench/ipvs: %d virtual servers x %d real servers\n"
                % (nvs, nrs))
        f.write("global_defs {\n    router_id bench-ipvs\n}\n\n")
        for i in range(nvs):
            f.write("virtual_server 192.0.2.%d 80 {\n" % (i + 1))
            f.write("    lb_algo rr\n    lb_kind NAT\n    protocol TCP\n")
            for j in range(nrs):
                wt = w if (w is not None and (i, j) == (ci, cj)) else 1
                f.write("    real_server %s 8080 {\n        weight %d\n"
                        "    }\n" % (rs_addr(j), wt))
            f.write("}\n\n")


def write_rules(nvs, nrs, path):
    with open(path, "w") as f:
        for i in range(nvs):
            vip = "192.0.2.%d:80" % (i + 1)
            f.write("-A -t %s -s rr\n" % vip)
            for j in range(nrs):
                f.write("-a -t %s -r %s:8080 -m -w 1\n" % (vip, rs_addr(j)))


def hexaddr(ap):
    """198.51.100.11:80 -> C633640B:0050, as /proc/net/ip_vs prints it."""
    a, p = ap.rsplit(":", 1)
    return "%s:%04X" % ("".join("%02X" % int(x) for x in a.split(".")),
                        int(p))


def read_table():
    with open(PROC) as f:
        return f.read()


def dests(text):
    # The third line is the header "  -> RemoteAddress:Port ...".
    return text.count("\n  -> ") - 1


def dest_weight(text, hx):
    """The weight of destination hx (any service), None if absent."""
    k = text.find("  -> " + hx + " ")
    if k < 0:
        return None
    return int(text[k:text.find("\n", k)].split()[3])


def has_weight(text, w):
    return re.search(r"\n  -> \S+ +\S+ +%d " % int(w), text) is not None


def poll_one(cmd, arg, timeout, interval):
    end = time.time() + timeout
    reads = 0
    seen_other = False
    hx = hexaddr(arg) if cmd in ("gone", "back") else None
    while True:
        text = read_table()
        t = time.time()
        reads += 1
        if cmd == "count":
            met = dests(text) == int(arg)
        elif cmd == "cycle":
            n = dests(text)
            if n != int(arg):
                seen_other = True
            met = seen_other and n == int(arg)
        elif cmd == "weight":
            met = has_weight(text, arg)
        elif cmd == "gone":
            w = dest_weight(text, hx)
            met = w is None or w == 0
        elif cmd == "back":
            w = dest_weight(text, hx)
            met = w is not None and w > 0
        else:
            print("error unknown command %s" % cmd, flush=True)
            return
        if reads == 1:
            print("armed", flush=True)
        if met:
            print("done %.6f %d" % (t, reads), flush=True)
            return
        if t >= end:
            print("timeout %s %s (%d destinations)" % (cmd, arg, dests(text)),
                  flush=True)
            return
        time.sleep(interval)


def poll():
    for line in sys.stdin:
        w = line.split()
        if not w:
            continue
        if w[0] == "quit":
            return
        poll_one(w[0], w[1], float(w[2]), float(w[3]))


def main(argv):
    if len(argv) >= 5 and argv[1] == "conf":
        write_conf(int(argv[2]), int(argv[3]), argv[4],
                   int(argv[5]) if len(argv) > 5 else None)
    elif len(argv) == 5 and argv[1] == "rules":
        write_rules(int(argv[2]), int(argv[3]), argv[4])
    elif len(argv) == 4 and argv[1] == "one":
        i, j = one(int(argv[2]), int(argv[3]))
        print("192.0.2.%d:80 %s:8080" % (i + 1, rs_addr(j)))
    elif len(argv) == 2 and argv[1] == "poll":
        poll()
    else:
        sys.stderr.write("usage: ipvs_gen.py conf|rules|one|poll ...\n")
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
