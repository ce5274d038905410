/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_misc.c: MISC_CHECK, the operator's own script, through core's runner. */

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "log.h"
#include "script.h"

/*
 * keepalived 2.2.7 (check/check_misc.c, misc_check_child_thread) reads
 * the script's end so:
 * - exit 0: up, and the weight goes back to the configured one (its
 *   cur_weight returns to 0), with or without misc_dynamic;
 * - exit 1: down;
 * - exit 2-255 with misc_dynamic: up, weight = status - 2 (cur_weight is
 *   status - 2 - the configured weight); without misc_dynamic: down;
 * - killed by a signal it did not get from the timeout: down ("failed
 *   due to signal");
 * - past misc_timeout: SIGTERM to its group, SIGKILL later, down
 *   ("timed out").  Here core's runner does that, and the attempt
 *   bounds itself (own_timeout): no connect_timeout applies.
 * A script that cannot start at all (missing, refused by
 * enable_script_security, unknown user) is down, with its own result
 * code so the operator sees it is not the server's fault.
 */

struct misc_run {
	struct script_job job; /* zeroed: core's runner wants it so */
	struct ck_probe *p;
};

static void misc_done(struct script_job *, enum script_result, int status);
static void misc_end(struct misc_run *);

/* A new configuration: its script_user and enable_script_security. */
static void
configure(const struct config *cfg)
{
	script_set_defaults(cfg);
}

static void
start(struct ck_probe *p)
{
	const struct vs_misc *m = &p->conf->u.misc;
	struct misc_run *r;

	/* child watchers only work in the default loop */
	if (!ev_is_default_loop(p->loop)) {
		ck_done(p, CHECK_R_SCRIPT_EXEC, "not in the default loop");
		return;
	}
	r = calloc(1, sizeof(*r));
	if (r == NULL) {
		ck_done(p, CHECK_R_SCRIPT_EXEC, "out of memory");
		return;
	}
	r->p = p;
	r->job.done = misc_done;
	r->job.arg = r;
	p->priv = r;
	if (script_run(p->loop, &r->job, m->path, NULL, m->timeout, p->label) <
	    0) {
		misc_end(r);
		ck_done(p, CHECK_R_SCRIPT_EXEC, "cannot run misc_path");
	}
}

/* Kills the script's group at once; no ck_done(). */
static void
cancel(struct ck_probe *p)
{
	struct misc_run *r = p->priv;

	if (r == NULL)
		return;
	script_cancel(p->loop, &r->job);
	misc_end(r);
}

static void
misc_end(struct misc_run *r)
{
	r->p->priv = NULL;
	free(r);
}

static void
misc_done(struct script_job *job, enum script_result res, int status)
{
	struct misc_run *r = job->arg;
	struct ck_probe *p = r->p;
	bool dynamic = p->conf->u.misc.dynamic;

	misc_end(r);
	switch (res) {
	case SCRIPT_OK:
		ck_done(p, CHECK_R_OK, NULL);
		break;
	case SCRIPT_FAILED:
		if (dynamic && status >= 2 && status <= 255)
			ck_done_weight(p, CHECK_R_OK, CK_W_SET, status - 2,
			    "exit %d", status);
		else
			ck_done(p, CHECK_R_SCRIPT_FAILED, "exit %d", status);
		break;
	case SCRIPT_SIGNALED:
		ck_done(p, CHECK_R_SCRIPT_FAILED, "signal %d", status);
		break;
	case SCRIPT_TIMEOUT:
		ck_done(p, CHECK_R_SCRIPT_TIMEOUT, "timeout %gs",
		    (double)p->conf->u.misc.timeout / 1e6);
		break;
	case SCRIPT_EXEC_FAILED:
		ck_done(p, CHECK_R_SCRIPT_EXEC, "%s",
		    status == ENOENT       ? "script not found"
		        : status == EACCES ? "refused by script security"
		        : status == EINVAL ? "unknown user or group"
		                           : strerror(status));
		break;
	}
}

const struct ck_type ck_misc_type = {
	.name = "MISC_CHECK",
	.configure = configure,
	.start = start,
	.cancel = cancel,
	.own_timeout = true,
};
