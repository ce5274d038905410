#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_scale_gen.py: writes one node's configuration for bench/vrrp-scale:
# COUNT VRRP instances spread over LINKS interfaces (eth0..), VRIDs 1..255
# per interface, one VIP each (/32 or /128), every instance at PRIORITY.
#
#   vrrp_scale_gen.py COUNT LINKS ipv4|ipv6|mixed PRIORITY NODE ADVERT OUT
#
# IPv4 VIPs come from 198.51.100.0/24 (eth0) and 203.0.113.0/24 (eth1), so
# IPv4 allows at most 2 x 255 instances; IPv6 VIPs are 2001:db8:f0K::N on
# ethK (VRRPv3, which IPv6 needs).  "mixed" puts 255 IPv4 and then 255
# IPv6 instances on each link (VRIDs are per interface and family).  IPv4
# instances are VRRPv2 at whole seconds, VRRPv3 otherwise.
import sys

V4_NETS = ["198.51.100", "203.0.113"]


def vip(family, link, n):
    if family == "ipv4":
        return "%s.%d/32" % (V4_NETS[link], n)
    return "2001:db8:f0%x::%x/128" % (link, n)


def main():
    count, links = int(sys.argv[1]), int(sys.argv[2])
    family, prio, node = sys.argv[3], int(sys.argv[4]), sys.argv[5]
    advert, out = sys.argv[6], sys.argv[7]
    fams = ["ipv4", "ipv6"] if family == "mixed" else [family]
    slots = links * len(fams)
    per_slot = -(-count // slots)
    if per_slot > 255 or ("ipv4" in fams and links > len(V4_NETS)):
        sys.exit("vrrp_scale_gen: %d instances do not fit %d links"
                 % (count, links))
    lines = ["global_defs {", "    router_id node_%s" % node, "}"]
    made = 0
    for link in range(links):
        for fam in fams:
            version = 2 if fam == "ipv4" and float(advert).is_integer() else 3
            for vrid in range(1, per_slot + 1):
                if made == count:
                    break
                made += 1
                lines += [
                    "vrrp_instance VI_%s_%d_%d {" % (fam, link, vrid),
                    "    state BACKUP",
                    "    interface eth%d" % link,
                    "    virtual_router_id %d" % vrid,
                    "    priority %d" % prio,
                    "    advert_int %s" % advert,
                    "    version %d" % version,
                    "    virtual_ipaddress {",
                    "        %s" % vip(fam, link, vrid),
                    "    }",
                    "}",
                ]
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
