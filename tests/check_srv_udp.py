# SPDX-License-Identifier: GPL-2.0-or-later
# check_srv_udp.py: a UDP server for the checker's tests.  It logs each
# datagram to LOG as "PEER_ADDR PEER_PORT LEN HEX" (one line, flushed) and
# answers per MODE: echo (the same bytes), reply:HEX (those bytes), silent
# (nothing).  "ready" is the first line of LOG once it listens.
#
#   check_srv_udp.py LOG MODE ADDR PORT
import socket
import sys


def main():
    log_path, mode, addr, port = sys.argv[1], sys.argv[2], sys.argv[3], \
        int(sys.argv[4])
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.bind((addr, port))
    log = open(log_path, "a", buffering=1)
    log.write("ready\n")
    while True:
        data, peer = s.recvfrom(65536)
        log.write("%s %d %d %s\n" % (peer[0], peer[1], len(data), data.hex()))
        if mode == "echo":
            s.sendto(data, peer)
        elif mode.startswith("reply:"):
            s.sendto(bytes.fromhex(mode[6:]), peer)


if __name__ == "__main__":
    main()
