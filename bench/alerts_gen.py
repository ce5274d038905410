#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
# alerts_gen.py: writes one node's configuration for bench/alerts: the
# instances of bench/vrrp-scale's cold-1000 (COUNT IPv6 VRRPv3 instances
# over LINKS interfaces, VRIDs 1.. per interface, VIP 2001:db8:f0K::N/128,
# all at PRIORITY, advert_int 1), with every notification the herald has,
# or none.
#
#   alerts_gen.py COUNT LINKS PRIORITY NODE OUT [--script PATH]
#       [--fifo PATH] [--snmp-socket SOCKET] [--smtp HOST:PORT]
#
# --script: each instance has notify_master "PATH NAME" (NAME: the
# instance's name).  --fifo: global notify_fifo.  --snmp-socket: traps of
# KEEPALIVED-MIB (enable_snmp_vrrp, enable_traps) through the AgentX master
# at SOCKET.  --smtp: an alert email to admin@example.com for every
# transition of every instance (smtp_alert), through the server at
# HOST:PORT.  Without any option the configuration is the baseline: the
# same instances, nothing to announce.
import argparse
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from vrrp_scale_gen import vip  # noqa: E402


def global_defs(a):
    g = ["global_defs {", "    router_id node_%s" % a.node,
         "    script_user root"]
    if a.fifo:
        g.append("    notify_fifo %s" % a.fifo)
    if a.snmp_socket:
        g += ["    enable_snmp_vrrp", "    enable_traps",
              "    snmp_socket %s" % a.snmp_socket]
    if a.smtp:
        host, port = a.smtp.rsplit(":", 1)
        g += ["    notification_email {", "        admin@example.com",
              "    }", "    notification_email_from vigil-bench@example.com",
              "    smtp_server %s %s" % (host, port),
              "    smtp_connect_timeout 30", "    smtp_alert"]
    return g + ["}"]


def instance(a, link, vrid):
    name = "VI_ipv6_%d_%d" % (link, vrid)
    lines = [
        "vrrp_instance %s {" % name,
        "    state BACKUP",
        "    interface eth%d" % link,
        "    virtual_router_id %d" % vrid,
        "    priority %d" % a.priority,
        "    advert_int 1",
        "    version 3",
    ]
    if a.script:
        lines.append('    notify_master "%s %s"' % (a.script, name))
    return lines + [
        "    virtual_ipaddress {",
        "        %s" % vip("ipv6", link, vrid),
        "    }",
        "}",
    ]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("count", type=int)
    p.add_argument("links", type=int)
    p.add_argument("priority", type=int)
    p.add_argument("node")
    p.add_argument("out")
    p.add_argument("--script")
    p.add_argument("--fifo")
    p.add_argument("--snmp-socket")
    p.add_argument("--smtp")
    a = p.parse_args()
    per_link = -(-a.count // a.links)
    if per_link > 255:
        p.error("%d instances do not fit %d links" % (a.count, a.links))
    lines = global_defs(a)
    made = 0
    for link in range(a.links):
        for vrid in range(1, per_link + 1):
            if made == a.count:
                break
            made += 1
            lines += instance(a, link, vrid)
    with open(a.out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
