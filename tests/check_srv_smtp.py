# SPDX-License-Identifier: GPL-2.0-or-later
# check_srv_smtp.py: SMTP servers for the checker's tests (run under
# /usr/bin/python3).  Mode aiosmtpd is Debian's python3-aiosmtpd, a real
# SMTP server; the other modes are a small responder that misbehaves on
# purpose:
#   multiline  greeting and HELO answer on several lines ("220-", "250-")
#   banner554  greets with "554 no service here"
#   helo550    greets with 220, answers HELO with "550 not you"
#   reset      accepts and resets the connection at once
#   close      accepts and closes it without a word
#   mute       accepts and never says a word
# Each connection is logged to LOG as "connect PEER_ADDR PEER_PORT", each
# command as "HELO NAME", "QUIT" (one line, flushed); "ready" is the first
# line once it listens.
#
#   check_srv_smtp.py LOG MODE ADDR PORT
import asyncio
import socket
import struct
import sys

LOG = None


def note(line):
    LOG.write(line + "\n")


class Handler:
    async def handle_HELO(self, server, session, envelope, hostname):
        note("HELO " + hostname)
        session.host_name = hostname
        return "250 " + server.hostname

    async def handle_QUIT(self, server, session, envelope):
        note("QUIT")
        return "221 Bye"


def aiosmtpd_factory():
    from aiosmtpd.smtp import SMTP

    class Logged(SMTP):
        def connection_made(self, transport):
            peer = transport.get_extra_info("peername")
            note("connect %s %d" % (peer[0], peer[1]))
            super().connection_made(transport)

    return Logged(Handler(), hostname="mx.test")


async def responder(mode, reader, writer):
    peer = writer.get_extra_info("peername")
    note("connect %s %d" % (peer[0], peer[1]))
    if mode == "reset":
        sock = writer.get_extra_info("socket")
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                        struct.pack("ii", 1, 0))
        writer.transport.abort()
        return
    if mode == "close":
        writer.close()
        return
    if mode == "mute":
        while await reader.read(512):
            pass
        writer.close()
        return
    if mode == "banner554":
        writer.write(b"554 no service here\r\n")
    elif mode == "multiline":
        writer.write(b"220-mx.test greets you\r\n220-on two lines\r\n")
        await writer.drain()
        await asyncio.sleep(0.05)
        writer.write(b"220 and a third\r\n")
    else:
        writer.write(b"220 mx.test ESMTP\r\n")
    await writer.drain()
    while True:
        line = await reader.readline()
        if not line:
            break
        cmd = line.decode(errors="replace").rstrip("\r\n")
        note(cmd)
        verb = cmd.split(" ")[0].upper()
        if verb == "HELO":
            if mode == "helo550":
                writer.write(b"550 not you\r\n")
            elif mode == "multiline":
                writer.write(b"250-mx.test hello\r\n250-SIZE 1000\r\n"
                             b"250 HELP\r\n")
            else:
                writer.write(b"250 mx.test\r\n")
        elif verb == "QUIT":
            writer.write(b"221 bye\r\n")
            await writer.drain()
            break
        else:
            writer.write(b"500 what\r\n")
        await writer.drain()
    writer.close()


async def main():
    global LOG
    log_path, mode, addr, port = sys.argv[1], sys.argv[2], sys.argv[3], \
        int(sys.argv[4])
    LOG = open(log_path, "a", buffering=1)
    loop = asyncio.get_running_loop()
    if mode == "aiosmtpd":
        server = await loop.create_server(aiosmtpd_factory, addr, port,
                                          reuse_address=True)
    else:
        server = await asyncio.start_server(
            lambda r, w: responder(mode, r, w), addr, port,
            reuse_address=True)
    note("ready")
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main())
