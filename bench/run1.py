#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-or-later
# run1.py: runs one command and prints "WALL_S EXIT": the wall clock
# around its fork+exec and wait4(), killed after LIMIT_S seconds.
# Usage: run1.py LIMIT_S OUTPUT_FILE COMMAND [ARGS...]
import os
import signal
import sys
import time


def main():
    limit = float(sys.argv[1])
    out = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    argv = sys.argv[3:]
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        os.dup2(out, 1)
        os.dup2(out, 2)
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    # A hung tool is killed at the limit; wait4() blocks until it ends.
    signal.signal(signal.SIGALRM, lambda *_: os.kill(pid, signal.SIGKILL))
    signal.setitimer(signal.ITIMER_REAL, limit)
    _, status = os.waitpid(pid, 0)
    t1 = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, 0)
    os.close(out)
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        code = 128 - code
    print("%.4f %d" % (t1 - t0, code))


main()
