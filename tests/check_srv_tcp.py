# SPDX-License-Identifier: GPL-2.0-or-later
# check_srv_tcp.py: a TCP server for the checker's tests: it accepts on every
# ADDR PORT given and logs each connection as "PEER_ADDR PEER_PORT LOCAL_ADDR
# LOCAL_PORT" to LOG (one line, flushed), then closes it: gracefully (mode
# accept) or with a RST (mode reset).  "ready" is the first line of LOG once
# every socket listens.
#
#   check_srv_tcp.py LOG MODE ADDR PORT [ADDR PORT ...]
import selectors
import socket
import struct
import sys


def main():
    log_path, mode = sys.argv[1], sys.argv[2]
    specs = sys.argv[3:]
    sel = selectors.DefaultSelector()
    log = open(log_path, "a", buffering=1)
    for i in range(0, len(specs), 2):
        addr, port = specs[i], int(specs[i + 1])
        fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
        s = socket.socket(fam, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if fam == socket.AF_INET6:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        s.bind((addr, port))
        s.listen(128)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
    log.write("ready\n")
    while True:
        for key, _ in sel.select():
            try:
                c, peer = key.fileobj.accept()
            except BlockingIOError:
                continue
            local = c.getsockname()
            log.write("%s %d %s %d\n" % (peer[0], peer[1], local[0], local[1]))
            if mode == "reset":
                c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                             struct.pack("ii", 1, 0))
            c.close()


if __name__ == "__main__":
    main()
