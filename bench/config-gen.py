#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-or-later
# config-gen.py: writes the large keepalived.conf files that bench/config-load
# times.  Standard library only.
#
#   config-gen.py vrrp N FILE        N VRRP instances, VRIDs 1..255 per
#                                    interface, so ceil(N / 255) interfaces
#   config-gen.py vs NVS NRS FILE    NVS virtual servers x NRS real servers,
#                                    each with a TCP_CHECK
#   config-gen.py ifaces N           prints how many interfaces "vrrp N" needs
#
# Addresses come from the documentation ranges only (192.0.2.0/24,
# 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32).  Those hold 768 IPv4
# addresses, too few for 10,000 distinct VIPs, so the VRRP instances are
# IPv6 and therefore VRRPv3, which has no authentication (keepalived -t
# rejects authentication with VRRPv3).

import sys

VRIDS_PER_IF = 255


def ifaces_for(n):
    return (n + VRIDS_PER_IF - 1) // VRIDS_PER_IF


def write_vrrp(n, out):
    w = out.write
    w("# config-load: %d VRRP instances over %d interfaces\n"
      % (n, ifaces_for(n)))
    w("global_defs {\n"
      "    router_id bench-vrrp\n"
      "    vrrp_version 3\n"
      "    enable_script_security\n"
      "    script_user root\n"
      "}\n\n")
    w("vrrp_script chk_shared {\n"
      "    script \"/bin/true\"\n"
      "    interval 2\n"
      "    timeout 2\n"
      "    weight -20\n"
      "    fall 2\n"
      "    rise 2\n"
      "}\n\n")
    for i in range(n):
        ifn, vrid = divmod(i, VRIDS_PER_IF)
        vrid += 1
        w("vrrp_instance VI_%05d {\n" % i)
        w("    state BACKUP\n")
        w("    interface eth%d\n" % ifn)
        w("    virtual_router_id %d\n" % vrid)
        w("    priority %d\n" % (100 + i % 100))
        w("    advert_int 1\n")
        w("    virtual_ipaddress {\n")
        w("        2001:db8:%x::%x/64\n" % (ifn + 1, vrid))
        w("    }\n")
        w("    track_script {\n")
        w("        chk_shared\n")
        w("    }\n")
        w("}\n\n")


def write_vs(nvs, nrs, out):
    w = out.write
    if nrs > 250:
        raise SystemExit("config-gen.py: at most 250 real servers per service")
    w("# config-load: %d virtual servers x %d real servers\n" % (nvs, nrs))
    w("global_defs {\n"
      "    router_id bench-lvs\n"
      "}\n\n")
    for i in range(nvs):
        # 250 addresses x ports 10000.. keeps every service distinct.
        vip = "203.0.113.%d" % (1 + i % 250)
        port = 10000 + i // 250
        w("virtual_server %s %d {\n" % (vip, port))
        w("    delay_loop 10\n")
        w("    lb_algo wrr\n")
        w("    lb_kind NAT\n")
        w("    protocol TCP\n\n")
        for j in range(nrs):
            # Real servers repeat across services, as in real pools.
            rip = "198.51.100.%d" % (1 + (i * nrs + j) % 250)
            w("    real_server %s %d {\n" % (rip, port))
            w("        weight %d\n" % (1 + j % 10))
            w("        TCP_CHECK {\n")
            w("            connect_timeout 3\n")
            w("            retry 2\n")
            w("            delay_before_retry 2\n")
            w("        }\n")
            w("    }\n")
        w("}\n\n")


def usage():
    sys.stderr.write("usage: config-gen.py vrrp N FILE | vs NVS NRS FILE"
                     " | ifaces N\n")
    return 2


def main(argv):
    try:
        if len(argv) == 4 and argv[1] == "vrrp":
            with open(argv[3], "w") as f:
                write_vrrp(int(argv[2]), f)
        elif len(argv) == 5 and argv[1] == "vs":
            with open(argv[4], "w") as f:
                write_vs(int(argv[2]), int(argv[3]), f)
        elif len(argv) == 3 and argv[1] == "ifaces":
            print(ifaces_for(int(argv[2])))
        else:
            return usage()
    except ValueError:
        return usage()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
