# SPDX-License-Identifier: GPL-2.0-or-later
# dgram_listen.py: binds a unix datagram socket and prints each datagram on
# one line (newlines as spaces), flushing, until STOP_PREFIX is received or
# SECONDS pass with nothing.  Stands in for /dev/log and systemd's notify
# socket in the integration tests.
# Usage: python3 dgram_listen.py PATH SECONDS [STOP_PREFIX]
import socket
import sys

path, seconds = sys.argv[1], float(sys.argv[2])
stop = sys.argv[3] if len(sys.argv) > 3 else None
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
s.settimeout(seconds)
try:
    while True:
        msg = s.recv(65536).decode(errors="replace")
        print(msg.replace("\n", " "), flush=True)
        if stop is not None and msg.startswith(stop):
            break
except socket.timeout:
    pass
