#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
# check_srv_http.py: a real HTTP and HTTPS server for HTTP_GET / SSL_GET
# scenarios; it logs every request so that tests count them server-side.
#
# check_srv_http.py LOG READY SPEC...
#   SPEC is ADDR,PORT (plain HTTP) or ADDR,PORT,CERT,KEY (TLS).
# Each request appends one line to LOG:
#   req ADDR PORT PATH host=HOST version=HTTP/1.x conn=CONNECTION sni=NAME
# (HOST, CONNECTION, NAME are "-" when absent).  READY is created once
# every listener listens.
# Paths: /status/NNN answers NNN; /page the page whose MD5 the tests
# know; /offsets "0123456789ABCDEFGHIJ marker" (marker at offset 21);
# /big 200 kB of x then NEEDLE (split across reads); /hang reads the
# request and never answers; anything else 200 "hello vigil".

import http.server
import socketserver
import ssl
import sys
import threading
import time

LOG = open(sys.argv[1], "a", buffering=1)
LOCK = threading.Lock()
PAGE = b"<html>Welcome to vigil server</html>\n"


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        laddr = self.connection.getsockname()
        sni = getattr(self.connection, "vigil_sni", None)
        with LOCK:
            LOG.write("req %s %d %s host=%s version=%s conn=%s sni=%s\n" % (
                laddr[0], laddr[1], self.path,
                self.headers.get("Host", "-"), self.request_version,
                self.headers.get("Connection", "-"), sni or "-"))
        if self.path == "/hang":
            time.sleep(60)
            return
        code, body = 200, b"hello vigil\n"
        if self.path.startswith("/status/"):
            code = int(self.path[8:])
            body = b"status\n"
        elif self.path == "/page":
            body = PAGE
        elif self.path == "/offsets":
            body = b"0123456789ABCDEFGHIJ marker\n"
        elif self.path == "/big":
            body = b"x" * 200000 + b"NEEDLE\n"
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, addr, ctx):
        self.ctx = ctx
        super().__init__(addr, Handler)

    def server_bind(self):
        # HTTPServer's would look up the address's name (getfqdn): slow
        # in a namespace without DNS
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def get_request(self):
        sock, peer = self.socket.accept()
        if self.ctx is not None:
            # the handshake runs in the request's thread
            sock = self.ctx.wrap_socket(sock, server_side=True,
                                        do_handshake_on_connect=False)
        return sock, peer

    def handle_error(self, request, client_address):
        pass  # a client that refuses our certificate is no error here


def sni_cb(sslsock, name, ctx):
    sslsock.vigil_sni = name


def main():
    servers = []
    for spec in sys.argv[3:]:
        f = spec.split(",")
        ctx = None
        if len(f) == 4:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(f[2], f[3])
            ctx.sni_callback = sni_cb
        srv = Server((f[0], int(f[1])), ctx)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
    open(sys.argv[2], "w").close()
    while True:
        time.sleep(3600)


main()
