/* SPDX-License-Identifier: GPL-2.0-or-later */
/* script.h: the one runner of external scripts (track, check, notify). */

#ifndef VIGIL_SCRIPT_H
#define VIGIL_SCRIPT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <ev.h>

#include "cfg.h"

/*
 * A script runs as a supervised child, never as a blocking call: fork +
 * exec of the command's words (no shell), with the extra arguments
 * appended, in a new process group, other fds closed, as the script's
 * user (or the global script_user), stdout/stderr logged line by line.
 * On timeout the group gets SIGTERM, then SIGKILL.  The loop reaps it
 * and calls done() exactly once.  A job runs one script at a time:
 * script_run() on a running job fails (no second launch).
 */
enum script_result {
	SCRIPT_OK, /* exit status 0 */
	SCRIPT_FAILED, /* exit status != 0 (status holds it) */
	SCRIPT_SIGNALED, /* killed by a signal it did not get from us */
	SCRIPT_TIMEOUT, /* ran past its timeout; we killed it */
	SCRIPT_EXEC_FAILED, /* could not fork, set its user, or exec */
};

struct script_job;
/* status: SCRIPT_OK 0; SCRIPT_FAILED the exit status; SCRIPT_SIGNALED
   the signal; SCRIPT_TIMEOUT the signal or status it ended with;
   SCRIPT_EXEC_FAILED an errno: ENOENT when the script is not there (not
   for a missing interpreter: ENOEXEC), EACCES for a security refusal,
   EINVAL for an unknown user or group.  done() may run the job again or
   free it. */
typedef void (*script_done_fn)(
    struct script_job *, enum script_result, int status);

/* Embed in the object the script serves; zero it before first use. */
struct script_job {
	script_done_fn done;
	void *arg; /* for done() */
	/* Its niceness (setpriority) when above 0: the herald's notify
	   scripts yield the CPU to the daemon's children. */
	int nice;
	pid_t pid; /* 0: not running */
	/* private to script.c */
	ev_child cw;
	ev_timer timer;
	ev_io out;
	int outfd;
	bool killed; /* timed out: SIGTERM sent, SIGKILL follows */
	int errfd; /* reports a failure before exec; -1: none */
	double timeout; /* seconds, for logs */
	char line[256];
	size_t linelen;
	char what[128]; /* for logs: script_run()'s, truncated */
	/* a digest of the last failure to start that was logged, so a
	   periodic script missing for an hour says so once; 0: the last
	   run started */
	uint32_t fail_logged;
};

/*
 * The defaults scripts run under, from a configuration's global_defs:
 * script_user (keepalived_script, else root) and enable_script_security.
 * Call on every new configuration, before script_run().
 */
void script_set_defaults(const struct config *);

/*
 * Starts s->cmd with extra (NULL-ended, may be NULL) appended to its
 * words.  what names it in logs ("vrrp_script chk_haproxy").  timeout_us
 * 0: none.  0, or -1 when the job is running or the command is empty
 * or has an unmatched quote (done() is then not called).  An exec
 * failure in the child reports SCRIPT_EXEC_FAILED through done(), and
 * so does a script that is not there (status ENOENT, logged as "script
 * not found"), one refused by enable_script_security or one whose user
 * cannot be set (each logged as a warning; the same failure again on
 * the same job only at debug level).  s and extra are not kept after the
 * call; what is copied.  The loop must be ev_default_loop (child
 * watchers only work there).
 */
int
script_run(struct ev_loop *, struct script_job *, const struct cfg_script *s,
    const char *const *extra, uint64_t timeout_us, const char *what);

bool script_running(const struct script_job *);

/* Kills a running job's group at once (SIGKILL) and forgets it; done()
   is not called.  Safe on a job that is not running. */
void script_cancel(struct ev_loop *, struct script_job *);

/* Ends a running job as a timeout does: SIGTERM to its group now,
   SIGKILL after a grace; done() follows with SCRIPT_TIMEOUT. */
void script_terminate(struct ev_loop *, struct script_job *);

/* The user and group a script without its own runs as; -1 when there is
   none (enable_script_security without script_user or keepalived_script). */
int script_default_ids(uid_t *, gid_t *);

/* A stable word for a result: "ok", "failed", "signaled", "timeout",
   "exec-failed". */
const char *script_result_name(enum script_result);

#endif
