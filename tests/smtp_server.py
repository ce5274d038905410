#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
# smtp_server.py: a real SMTP server (aiosmtpd) for the alert email tests:
# plain, STARTTLS or SMTPS; AUTH required (one user and password) or not;
# optionally answering 4xx to the first N transactions.  Each message it
# accepts is written to DIR/N.eml (the data as received) with its envelope
# in DIR/N.env ("from ADDR" and one "rcpt ADDR" per recipient).  Its log
# gets "ready" once it listens, then one line per transaction or login:
#   MAIL <from> refused 451
#   DATA <from> -> <rcpt>,<rcpt> accepted N
#   AUTH user accepted | AUTH user refused
# Runs under /usr/bin/python3 (Debian's python3-aiosmtpd).

import argparse
import os
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--log", required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--addr", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--mode", choices=["plain", "starttls", "smtps"],
                    default="plain")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--auth", help="USER:PASSWORD that AUTH accepts")
    ap.add_argument("--fail", type=int, default=0,
                    help="answer 451 to the first N MAIL commands")
    a = ap.parse_args()

    log = open(a.log, "a", buffering=1)
    os.makedirs(a.dir, exist_ok=True)
    state = {"n": 0, "mails": 0}

    def say(line):
        log.write(line + "\n")

    class Handler:
        async def handle_MAIL(self, server, session, envelope, address,
                              options):
            state["mails"] += 1
            if state["mails"] <= a.fail:
                say("MAIL <%s> refused 451" % address)
                return "451 4.3.2 Try again later"
            envelope.mail_from = address
            envelope.mail_options.extend(options)
            return "250 OK"

        async def handle_DATA(self, server, session, envelope):
            state["n"] += 1
            n = state["n"]
            base = os.path.join(a.dir, "%d" % n)
            with open(base + ".eml.tmp", "wb") as f:
                f.write(envelope.original_content or envelope.content)
            with open(base + ".env", "w") as f:
                f.write("from %s\n" % envelope.mail_from)
                for r in envelope.rcpt_tos:
                    f.write("rcpt %s\n" % r)
            os.rename(base + ".eml.tmp", base + ".eml")
            say("DATA <%s> -> %s accepted %d" % (
                envelope.mail_from,
                ",".join("<%s>" % r for r in envelope.rcpt_tos), n))
            return "250 2.0.0 Accepted"

    def authenticator(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword) or a.auth is None:
            return AuthResult(success=False, handled=False)
        user, _, pw = a.auth.partition(":")
        login = auth_data.login.decode(errors="replace")
        ok = login == user and auth_data.password.decode(
            errors="replace") == pw
        say("AUTH %s %s" % (login, "accepted" if ok else "refused"))
        return AuthResult(success=ok, handled=False)

    ctx = None
    if a.mode != "plain":
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.cert, a.key)

    class Ctl(Controller):
        def factory(self):
            return SMTP(self.handler,
                        hostname="mx.test",
                        tls_context=ctx if a.mode == "starttls" else None,
                        require_starttls=a.mode == "starttls",
                        authenticator=authenticator if a.auth else None,
                        auth_required=a.auth is not None,
                        auth_require_tls=False)

    kw = {}
    if a.mode == "smtps":
        kw["ssl_context"] = ctx
    c = Ctl(Handler(), hostname=a.addr, port=a.port, ready_timeout=10,
            **kw)
    c.start()
    say("ready")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        c.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
