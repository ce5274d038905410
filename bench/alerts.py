#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
# alerts.py: the helpers of bench/alerts: receivers that stamp what they
# get with the wall clock, and the analysis of a run.
#
#   alerts.py reader PATH OUT       stamps each line read from the FIFO PATH
#                                   (opened read-write: the writer never
#                                   meets a FIFO without a reader)
#   alerts.py follow PATH OUT       stamps each line appended to the file
#                                   PATH (polled every 5 ms)
#   alerts.py smtp PORT OUT READY   an SMTP server on 127.0.0.1:PORT
#                                   (aiosmtpd; /usr/bin/python3): one
#                                   "STAMP SUBJECT" line per mail in OUT,
#                                   the whole mails in OUT.mbox
#   alerts.py adverts T_KILL PRIO ADV PCAP...   advert timing of a run
#                                   (PCAP: one capture per link, in order)
#   alerts.py figures T_KILL T_END DIR   the notification figures of a run
#                                   (what DIR's receivers got in between)
#   alerts.py summary FILE          medians over the runs
#
# Stamped lines are "SECONDS.NANOS LINE" (the realtime clock, as `date
# +%s.%N` and the captures' timestamps).  Only the standard library but
# for the SMTP server.
import os
import re
import signal
import statistics
import struct
import sys
import time

FOLLOW_S = 0.005
# Intervals after the takeover that late_by_index_ms gives one by one.
BY_INDEX = 8
NAME_RE = re.compile(rb"VI_ipv6_\d+_\d+")
# KEEPALIVED-MIB: vrrpInstanceStateChange, and vrrpInstanceState (its
# value 2 is master) and vrrpInstanceName in its varbinds (keepalived
# names them without an index: both forms are taken).
KMIB_VRRP = ".1.3.6.1.4.1.9586.100.5.2"
TRAP_STATE_CHANGE = KMIB_VRRP + ".10.0.2"
STATE_COL = KMIB_VRRP + ".3.1.4"
NAME_COL = KMIB_VRRP + ".3.1.2"


def is_col(oid, col):
    return oid == col or oid.startswith(col + ".")


def reader(path, out):
    fd = os.open(path, os.O_RDWR)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    rest = b""
    with open(out, "ab", buffering=0) as o:
        while True:
            chunk = os.read(fd, 65536)
            stamp = b"%.6f " % time.time()
            lines = (rest + chunk).split(b"\n")
            rest = lines.pop()
            if lines:
                o.write(b"".join(stamp + x + b"\n" for x in lines))


def follow(path, out):
    """Stamps each line appended to the regular file PATH (polled every
    FOLLOW_S: the stamps are that much late at most)."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    while not os.path.exists(path):
        time.sleep(FOLLOW_S)
    rest = b""
    with open(path, "rb", buffering=0) as f, open(out, "ab", buffering=0) as o:
        while True:
            chunk = f.read(65536)
            if not chunk:
                time.sleep(FOLLOW_S)
                continue
            stamp = b"%.6f " % time.time()
            lines = (rest + chunk).split(b"\n")
            rest = lines.pop()
            if lines:
                o.write(b"".join(stamp + x + b"\n" for x in lines))


def smtp(port, out, ready):
    import asyncio
    from email.parser import BytesParser
    from aiosmtpd.smtp import SMTP

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            stamp = time.time()
            data = envelope.original_content or envelope.content
            if isinstance(data, str):
                data = data.encode()
            msg = BytesParser().parsebytes(data, headersonly=True)
            subj = str(msg.get("Subject", "")).replace("\n", " ")
            with open(out, "a") as o:
                o.write("%.6f %s\n" % (stamp, subj))
            with open(out + ".mbox", "ab") as o:
                o.write(b"From bench %.6f\n" % stamp + data + b"\n")
            return "250 OK"

    loop = asyncio.new_event_loop()
    # A backlog for a thousand connections at once (one mail each).
    srv = loop.run_until_complete(loop.create_server(
        lambda: SMTP(Sink(), hostname="bench.example.com"),
        "127.0.0.1", int(port), backlog=4096))
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    with open(ready, "w") as f:
        f.write("%d\n" % os.getpid())
    loop.run_forever()
    srv.close()


def pcap_packets(path):
    """(time, frame bytes) of each packet of a pcap file (tcpdump -w)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 24:
        return
    magic = struct.unpack("<I", data[:4])[0]
    end = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    nano = magic in (0xA1B23C4D, 0x4D3CB2A1)
    off = 24
    while off + 16 <= len(data):
        sec, frac, incl, _ = struct.unpack(end + "IIII", data[off:off + 16])
        off += 16
        yield sec + frac / (1e9 if nano else 1e6), data[off:off + incl]
        off += incl


def adverts(t_kill, prio, adv, pcaps):
    """Intervals between the adverts of each VRID sent with PRIO after
    the kill (the new master's), per link; lateness over ADV."""
    t_kill, prio, adv = float(t_kill), int(prio), float(adv)
    seen = {}
    for link, path in enumerate(pcaps):
        for t, fr in pcap_packets(path):
            # Ethernet, IPv6 without extension headers, VRRP (112).
            if len(fr) < 14 + 40 + 8 or fr[12:14] != b"\x86\xdd":
                continue
            if fr[14 + 6] != 112 or t < t_kill:
                continue
            v = fr[54:]
            if v[0] >> 4 != 3 or v[0] & 15 != 1 or v[2] != prio:
                continue
            seen.setdefault((link, v[1]), []).append(t)
    late = []
    firsts = []
    by_index = []  # the worst lateness of the K-th interval of any VRID
    for ts in seen.values():
        ts.sort()
        firsts.append(ts[0] - t_kill)
        mine = [(b - a - adv) * 1000 for a, b in zip(ts, ts[1:])]
        late += mine
        for k, x in enumerate(mine[:BY_INDEX]):
            if k == len(by_index):
                by_index.append(x)
            by_index[k] = max(by_index[k], x)
    r = {"vrids": len(seen), "intervals": len(late)}
    if firsts:
        r["takeover_first_s"] = "%.3f" % min(firsts)
        r["takeover_last_s"] = "%.3f" % max(firsts)
    if late:
        late.sort()
        p99 = late[min(len(late) - 1, int(0.99 * len(late)))]
        r["late_max_ms"] = "%.3f" % max(late[-1], 0)
        r["late_p99_ms"] = "%.3f" % max(p99, 0)
        r["late_over_1ms"] = sum(x > 1 for x in late)
        r["early_max_ms"] = "%.3f" % max(-late[0], 0)
        r["late_by_index_ms"] = ",".join("%.1f" % max(x, 0)
                                         for x in by_index)
    print(" ".join("%s=%s" % kv for kv in r.items()))


def stamped(path):
    """(stamp, rest of the line) of a stamped file, if it exists."""
    try:
        with open(path, "rb") as f:
            for line in f:
                s, _, rest = line.rstrip(b"\n").partition(b" ")
                try:
                    yield float(s), rest
                except ValueError:
                    continue
    except FileNotFoundError:
        return


def last_after(stamps, t_kill):
    return "%.3f" % (max(stamps) - t_kill) if stamps else "na"


def figures(t_kill, t_end, d):
    """Counts and times (from the kill) of what reached each receiver
    between T_KILL and T_END; "na" for a receiver the run did not have."""
    t_kill, t_end = float(t_kill), float(t_end)

    def within(s):
        return t_kill <= s <= t_end

    r = {}
    # Scripts: "NAME STAMP" lines, written by the scripts themselves.
    if os.path.exists(d + "/scripts.out"):
        st = {}
        with open(d + "/scripts.out", "rb") as f:
            for line in f:
                p = line.split()
                if len(p) == 2 and within(float(p[1])):
                    st[p[0]] = float(p[1])
        r["scripts"] = len(st)
        r["scripts_s"] = last_after(list(st.values()), t_kill)
    else:
        r["scripts"] = r["scripts_s"] = "na"
    # FIFO: keepalived's "INSTANCE "NAME" MASTER PRIO" lines.
    if os.path.exists(d + "/fifo.out"):
        st = {}
        for s, line in stamped(d + "/fifo.out"):
            p = line.split()
            if within(s) and len(p) >= 3 and p[0] == b"INSTANCE" \
                    and p[2] == b"MASTER":
                st[p[1]] = s
        r["fifo"] = len(st)
        r["fifo_s"] = last_after(list(st.values()), t_kill)
    else:
        r["fifo"] = r["fifo_s"] = "na"
    # Traps: vrrpInstanceStateChange to master, one per instance.
    if os.path.exists(d + "/traps.out"):
        st = {}
        total = 0
        for s, line in stamped(d + "/traps.out"):
            if not within(s):
                continue
            line = line.decode(errors="replace")
            total += 1
            if "= OID: %s" % TRAP_STATE_CHANGE not in line:
                continue
            var = dict(x.strip().split(" = ", 1) for x in line.split("|")
                       if " = " in x)
            state = [v for k, v in var.items() if is_col(k, STATE_COL)]
            name = [v for k, v in var.items() if is_col(k, NAME_COL)]
            if state and state[0].split()[-1] == "2":
                st[name[0] if name else "?%d" % total] = s
        r["traps"] = len(st)
        r["traps_s"] = last_after(list(st.values()), t_kill)
        r["traps_all"] = total
    else:
        r["traps"] = r["traps_s"] = r["traps_all"] = "na"
    # Mail: every mail after the kill, and the instances they name.
    if os.path.exists(d + "/mail.out"):
        st = [s for s, _ in stamped(d + "/mail.out") if within(s)]
        names = set()
        try:
            with open(d + "/mail.out.mbox", "rb") as f:
                keep = False
                for line in f:
                    if line.startswith(b"From bench "):
                        keep = within(float(line.split()[2]))
                    elif keep:
                        names.update(NAME_RE.findall(line))
        except FileNotFoundError:
            pass
        r["mails"] = len(st)
        r["mail_s"] = last_after(st, t_kill)
        r["mail_instances"] = len(names)
    else:
        r["mails"] = r["mail_s"] = r["mail_instances"] = "na"
    print(" ".join("%s=%s" % kv for kv in r.items()))


FIG = ["takeover_last_s", "scripts_s", "fifo_s", "traps_s", "mail_s",
       "mails", "late_max_ms", "late_p99_ms", "late_over_1ms",
       "parent_loop_max_us", "parent_busy_s"]


def summary(path):
    """Per implementation and variant, the median of each figure over the
    runs (and the worst of the lateness)."""
    groups = {}
    with open(path) as f:
        for line in f:
            kv = dict(x.split("=", 1) for x in line.split()[1:] if "=" in x)
            if "run" not in kv:
                continue
            groups.setdefault((kv["impl"], kv["variant"]), []).append(kv)
    for (impl, var), runs in groups.items():
        out = ["alerts", "impl=%s" % impl, "variant=%s" % var,
               "runs=%d" % len(runs),
               "ok=%d" % sum(r.get("status") == "ok" for r in runs)]
        for k in FIG:
            v = [float(r[k]) for r in runs if r.get(k, "na") != "na"]
            if not v:
                continue
            worst = k.startswith("late") or k == "parent_loop_max_us"
            out.append("%s%s=%g" % ("max_" if worst else "median_", k,
                                    max(v) if worst else
                                    statistics.median(v)))
        print(" ".join(out))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "reader":
        reader(*args)
    elif cmd == "follow":
        follow(*args)
    elif cmd == "smtp":
        smtp(*args)
    elif cmd == "adverts":
        adverts(args[0], args[1], args[2], args[3:])
    elif cmd == "figures":
        figures(*args)
    elif cmd == "summary":
        summary(*args)
    else:
        sys.exit("alerts.py: unknown command %s" % cmd)


if __name__ == "__main__":
    main()
