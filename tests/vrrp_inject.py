#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/vrrp_inject.py: sends one hand-made VRRPv2/v3 IPv4 advertisement,
# good or broken in one chosen way, for the malformed-packet tests.
# Python's standard library only.
#
#   vrrp_inject.py SRC KIND [VRID [PRIO [VIP]]]
#
# KIND: good, ttl (TTL 64), version (version 4), type (type 2), length
# (a truncated address list), csum (a wrong checksum), count (address
# count 0 in v3), auth (v2 with a wrong password), adverint (v2, 2 s),
# novrid (a VRID nobody has), addrs (another VIP), short (4 bytes of VRRP).
import socket
import struct
import sys


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def vrrp(version, vrid, prio, vips, adver_cs, auth=None, src=None,
         dst="224.0.0.18"):
    addrs = b"".join(socket.inet_aton(a) for a in vips)
    if version == 2:
        hdr = struct.pack("!BBBBBBH", 0x21, vrid, prio, len(vips),
                          1 if auth else 0, adver_cs // 100, 0)
        body = hdr + addrs + (auth or b"").ljust(8, b"\0")
        c = csum(body)
    else:
        hdr = struct.pack("!BBBBHH", 0x31, vrid, prio, len(vips),
                          adver_cs & 0x0FFF, 0)
        body = hdr + addrs
        pseudo = (socket.inet_aton(src) + socket.inet_aton(dst) +
                  struct.pack("!BBH", 0, 112, len(body)))
        c = csum(pseudo + body)
    return bytearray(body[:6] + struct.pack("!H", c) + body[8:])


def ip4(src, payload, ttl=255, dst="224.0.0.18"):
    total = 20 + len(payload)
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0xC0, total, 0, 0, ttl, 112, 0,
                    socket.inet_aton(src), socket.inet_aton(dst))
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + bytes(payload)


def main():
    src, kind = sys.argv[1], sys.argv[2]
    vrid = int(sys.argv[3]) if len(sys.argv) > 3 else 51
    prio = int(sys.argv[4]) if len(sys.argv) > 4 else 254
    vip = sys.argv[5] if len(sys.argv) > 5 else "192.0.2.100"
    ttl = 255
    v2 = kind in ("auth", "adverint", "v2good")
    if v2:
        p = vrrp(2, vrid, prio, [vip], 200 if kind == "adverint" else 100,
                 auth=b"wrong" if kind == "auth" else b"secret")
    else:
        p = vrrp(3, vrid if kind != "novrid" else 200, prio,
                 [vip if kind != "addrs" else "192.0.2.222"], 100, src=src)
    if kind == "ttl":
        ttl = 64
    elif kind == "version":
        p[0] = 0x41
    elif kind == "type":
        p[0] = 0x32
    elif kind == "length":
        p = p[:-2]
    elif kind == "csum":
        p[7] ^= 0xFF
    elif kind == "count":
        p = vrrp(3, vrid, prio, [], 100, src=src)
    if kind == "short":
        p = p[:4]
    pkt = ip4(src, p, ttl)
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    s.setsockopt(socket.IPPROTO_IP, socket.IP_HDRINCL, 1)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"eth0")
    s.sendto(pkt, ("224.0.0.18", 0))


if __name__ == "__main__":
    main()
