/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_script.c: the script runner with a real loop and real /bin/sh scripts. */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "script_test.h"

#include "log.h"
#include "script.h"

/* Every wait is bounded: a stuck loop fails the test, not the suite. */
#define WAIT_LIMIT 10.0

struct run {
	struct script_job job;
	int ndone;
	enum script_result result;
	int status;
	int rerun; /* done() starts the job again this many times */
	struct cfg_script again;
};

static struct ev_loop *loop;
static struct config cfg;

static void on_done(struct script_job *, enum script_result, int);
static void wait_done(struct run *, int);
static void on_limit(struct ev_loop *, ev_timer *, int);
static bool pid_gone(pid_t);
static void sleep_loop(double);

/* Writes an executable /bin/sh script dir/name. */

static void
on_done(struct script_job *j, enum script_result r, int status)
{
	struct run *run = j->arg;

	run->ndone++;
	run->result = r;
	run->status = status;
	if (run->rerun > 0) {
		run->rerun--;
		assert_int_equal(
		    script_run(loop, j, &run->again, NULL, 0, "again"), 0);
	}
}

static void
on_limit(struct ev_loop *l, ev_timer *w, int revents)
{
	(void)w;
	(void)revents;
	ev_break(l, EVBREAK_ONE);
}

/* Runs the loop until run saw n done() calls, or the limit. */
static void
wait_done(struct run *run, int n)
{
	ev_timer limit;
	ev_tstamp end = ev_time() + WAIT_LIMIT;

	ev_timer_init(&limit, on_limit, 0.02, 0.02);
	ev_timer_start(loop, &limit);
	while (run->ndone < n && ev_time() < end)
		ev_run(loop, EVRUN_ONCE);
	ev_timer_stop(loop, &limit);
	assert_int_equal(run->ndone, n);
}

/* Runs the loop for secs (other watchers may fire meanwhile). */
static void
sleep_loop(double secs)
{
	ev_timer t;

	ev_timer_init(&t, on_limit, secs, 0);
	ev_timer_start(loop, &t);
	ev_run(loop, 0);
	ev_timer_stop(loop, &t);
}

/* Gone or a zombie (which init reaps in its own time). */
static bool
pid_gone(pid_t pid)
{
	char path[64], *s;

	if (kill(pid, 0) < 0 && errno == ESRCH)
		return true;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	s = strrchr(slurp(path), ')');
	return s == NULL || s[2] == 'Z';
}

static void
start(struct run *run, const char *cmd, const char *const *extra,
    uint64_t timeout_us)
{
	struct cfg_script s = { .cmd = cmd };

	memset(run, 0, sizeof(*run));
	run->job.done = on_done;
	run->job.arg = run;
	assert_int_equal(
	    script_run(loop, &run->job, &s, extra, timeout_us, "test script"),
	    0);
	assert_true(script_running(&run->job));
}

static void
test_ok(void **state)
{
	struct run run;

	(void)state;
	write_script("ok.sh", "exit 0");
	start(&run, "ok.sh", NULL, 0); /* found in PATH (dir is on it) */
	wait_done(&run, 1);
	assert_int_equal(run.result, SCRIPT_OK);
	assert_int_equal(run.status, 0);
	assert_false(script_running(&run.job));
}

static void
test_exit_status(void **state)
{
	struct run run;
	char cmd[128];

	(void)state;
	write_script("three.sh", "exit 3");
	snprintf(cmd, sizeof(cmd), "%s/three.sh", dir);
	start(&run, cmd, NULL, 0);
	wait_done(&run, 1);
	assert_int_equal(run.result, SCRIPT_FAILED);
	assert_int_equal(run.status, 3);
}

static void
test_signaled(void **state)
{
	struct run run;

	(void)state;
	write_script("self.sh", "kill -USR1 $$; sleep 5");
	start(&run, "self.sh", NULL, 0);
	wait_done(&run, 1);
	assert_int_equal(run.result, SCRIPT_SIGNALED);
	assert_int_equal(run.status, SIGUSR1);
}

/* Quotes and escapes as keepalived reads a script line; extra args after. */
static void
test_quoting_and_extra(void **state)
{
	static const char *const extra[] = { "INSTANCE", "VI 1", "MASTER",
		"100", NULL };
	struct run run;
	char cmd[256], out[128];

	(void)state;
	snprintf(out, sizeof(out), "%s/args.out", dir);
	write_script("args.sh",
	    "out=$1; shift\n"
	    "for a in \"$@\"; do printf '[%s]' \"$a\"; "
	    "done >\"$out\"");
	snprintf(cmd, sizeof(cmd),
	    "  %s/args.sh %s 'a b' \"c 'd'\" e\\ f g\\x41h \"\" x\"y z\"  ",
	    dir, out);
	start(&run, cmd, extra, 0);
	wait_done(&run, 1);
	assert_int_equal(run.result, SCRIPT_OK);
	assert_string_equal(slurp(out),
	    "[a b][c 'd'][e f][gAh][][xy z][INSTANCE][VI 1][MASTER][100]");
}

static void
test_bad_command(void **state)
{
	struct script_job j = { 0 };
	struct cfg_script s = { .cmd = "   " };

	(void)state;
	j.done = on_done;
	assert_int_equal(script_run(loop, &j, &s, NULL, 0, "blank"), -1);
	s.cmd = "/bin/true 'open";
	assert_int_equal(script_run(loop, &j, &s, NULL, 0, "quote"), -1);
	assert_true(log_has("quote: cannot run '/bin/true 'open'"));
	s.cmd = NULL;
	assert_int_equal(script_run(loop, &j, &s, NULL, 0, "none"), -1);
	assert_false(script_running(&j));
}

static void
test_output_logged(void **state)
{
	struct run run;

	(void)state;
	write_script("talk.sh",
	    "echo first line\n"
	    "echo to stderr >&2\n"
	    "printf 'no newline at end'");
	start(&run, "talk.sh", NULL, 0);
	wait_done(&run, 1);
	assert_int_equal(run.result, SCRIPT_OK);
	assert_true(log_has("test script: first line\n"));
	assert_true(log_has("test script: to stderr\n"));
	assert_true(log_has("test script: no newline at end\n"));
}

/*
 * The timeout terminates the whole group: the script's own child, which
 * ignores SIGTERM, dies too (SIGKILL once the leader is gone).
 */
static void
test_timeout_kills_group(void **state)
{
	struct run run;
	char gpidf[128], *s;
	pid_t gpid;
	ev_tstamp t0;

	(void)state;
	snprintf(gpidf, sizeof(gpidf), "%s/grandchild.pid", dir);
	write_script("hang.sh",
	    "(trap '' TERM; exec sleep 30) &\n"
	    "echo $! >\"$1\"\n"
	    "sleep 30");
	{
		const char *const extra[] = { gpidf, NULL };

		t0 = ev_time();
		start(&run, "hang.sh", extra, 300000);
	}
	wait_done(&run, 1);
	assert_true(ev_time() - t0 < 5);
	assert_int_equal(run.result, SCRIPT_TIMEOUT);
	assert_int_equal(run.status, SIGTERM);
	assert_true(log_has("test script: timed out after 0.3 s"));
	s = slurp(gpidf);
	gpid = (pid_t)atoi(s);
	assert_true(gpid > 0);
	t0 = ev_time();
	while (!pid_gone(gpid) && ev_time() - t0 < WAIT_LIMIT)
		usleep(10000);
	assert_true(pid_gone(gpid));
}

/* A leader that ignores SIGTERM gets SIGKILL after the grace period. */
static void
test_timeout_then_kill(void **state)
{
	struct run run;

	(void)state;
	write_script("stubborn.sh",
	    "trap '' TERM\n"
	    "while :; do sleep 0.1; done");
	start(&run, "stubborn.sh", NULL, 200000);
	wait_done(&run, 1);
	assert_int_equal(run.result, SCRIPT_TIMEOUT);
	assert_int_equal(run.status, SIGKILL);
	assert_true(log_has("test script: still running 2 s after SIGTERM"));
}

static void
test_exec_failures(void **state)
{
	struct run run;
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "%s/missing.sh", dir);
	start(&run, cmd, NULL, 0);
	wait_done(&run, 1);
	assert_int_equal(run.result, SCRIPT_EXEC_FAILED);
	assert_int_equal(run.status, ENOENT);
	assert_true(log_has("cannot run '"));

	write_script("noexec.sh", "exit 0");
	snprintf(cmd, sizeof(cmd), "%s/noexec.sh", dir);
	assert_int_equal(chmod(cmd, 0644), 0);
	start(&run, cmd, NULL, 0);
	wait_done(&run, 1);
	assert_int_equal(run.result, SCRIPT_EXEC_FAILED);
	assert_int_equal(run.status, EACCES);

	start(&run, "no-such-program-anywhere", NULL, 0);
	wait_done(&run, 1);
	assert_int_equal(run.result, SCRIPT_EXEC_FAILED);
	assert_true(log_has("'no-such-program-anywhere' is not found in PATH"));
}

static void
test_no_second_launch(void **state)
{
	struct cfg_script s = { .cmd = "/bin/sleep 0.2" };
	struct run run;

	(void)state;
	start(&run, "/bin/sleep 0.2", NULL, 0);
	assert_int_equal(script_run(loop, &run.job, &s, NULL, 0, "second"), -1);
	wait_done(&run, 1);
	assert_int_equal(run.result, SCRIPT_OK);
	sleep_loop(0.1);
	assert_int_equal(run.ndone, 1);
}

/* done() may start the job again: the job is free when it runs. */
static void
test_rerun_from_done(void **state)
{
	struct run run;

	(void)state;
	start(&run, "/bin/true", NULL, 0);
	run.again.cmd = "/bin/false";
	run.rerun = 1;
	wait_done(&run, 2);
	assert_int_equal(run.result, SCRIPT_FAILED);
	assert_false(script_running(&run.job));
}

static void
test_cancel(void **state)
{
	struct run run;
	pid_t pid;
	ev_tstamp t0;

	(void)state;
	start(&run, "/bin/sleep 30", NULL, 0);
	pid = run.job.pid;
	script_cancel(loop, &run.job);
	assert_false(script_running(&run.job));
	script_cancel(loop, &run.job); /* harmless */
	sleep_loop(0.2);
	assert_int_equal(run.ndone, 0);
	t0 = ev_time();
	while (!pid_gone(pid) && ev_time() - t0 < WAIT_LIMIT)
		sleep_loop(0.02);
	assert_true(pid_gone(pid));
}

/* Only stdin, stdout and stderr reach the script. */
static void
test_fds_closed(void **state)
{
	struct run run;
	char line[64];
	int fd;

	(void)state;
	fd = open("/dev/null", O_RDONLY); /* not close-on-exec */
	assert_true(fd > 3);
	start(&run, "/bin/ls -1 /proc/self/fd", NULL, 0);
	wait_done(&run, 1);
	close(fd);
	assert_int_equal(run.result, SCRIPT_OK);
	/* ls itself opens the directory as 3. */
	assert_true(log_has("test script: 2\n"));
	assert_true(log_has("test script: 3\n"));
	snprintf(line, sizeof(line), "test script: %d\n", fd);
	assert_false(log_has(line));
}

/* The defaults: script_user, and enable_script_security's refusal. */
static void
test_user_and_security(void **state)
{
	struct run run;
	char wdir[128], cmd[192];

	(void)state;
	if (getuid() != 0) {
		skip();
		return;
	}
	global_conf_defaults(&cfg.global);
	snprintf(
	    cfg.global.script_user, sizeof(cfg.global.script_user), "nobody");
	script_set_defaults(&cfg);
	start(&run, "/bin/sh -c 'echo uid=$(id -u)'", NULL, 0);
	wait_done(&run, 1);
	assert_int_equal(run.result, SCRIPT_OK);
	assert_true(log_has("test script: uid=65534\n"));

	/* A script in a directory anyone may write to is refused. */
	cfg.global.enable_script_security = true;
	cfg.global.script_user[0] = '\0';
	snprintf(
	    cfg.global.script_user, sizeof(cfg.global.script_user), "root");
	script_set_defaults(&cfg);
	snprintf(wdir, sizeof(wdir), "%s/open", dir);
	assert_int_equal(mkdir(wdir, 0777), 0);
	assert_int_equal(chmod(wdir, 0777), 0);
	write_script("open/bad.sh", "exit 0");
	snprintf(cmd, sizeof(cmd), "%s/bad.sh", wdir);
	start(&run, cmd, NULL, 0);
	wait_done(&run, 1);
	assert_int_equal(run.result, SCRIPT_EXEC_FAILED);
	assert_int_equal(run.status, EACCES);
	assert_true(log_has("test script: refused: '"));
	assert_true(log_has("/open' may be changed by a user other than root "
	                    "(enable_script_security)"));
	/* The same script in a safe directory runs. */
	write_script("good.sh", "exit 0");
	snprintf(cmd, sizeof(cmd), "%s/good.sh", dir);
	start(&run, cmd, NULL, 0);
	wait_done(&run, 1);
	assert_int_equal(run.result, SCRIPT_OK);

	memset(&cfg, 0, sizeof(cfg));
	global_conf_defaults(&cfg.global);
	script_set_defaults(&cfg);
}

static void
test_result_names(void **state)
{
	(void)state;
	assert_string_equal(script_result_name(SCRIPT_OK), "ok");
	assert_string_equal(script_result_name(SCRIPT_FAILED), "failed");
	assert_string_equal(script_result_name(SCRIPT_SIGNALED), "signaled");
	assert_string_equal(script_result_name(SCRIPT_TIMEOUT), "timeout");
	assert_string_equal(
	    script_result_name(SCRIPT_EXEC_FAILED), "exec-failed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ok),
		cmocka_unit_test(test_exit_status),
		cmocka_unit_test(test_signaled),
		cmocka_unit_test(test_quoting_and_extra),
		cmocka_unit_test(test_bad_command),
		cmocka_unit_test(test_output_logged),
		cmocka_unit_test(test_timeout_kills_group),
		cmocka_unit_test(test_timeout_then_kill),
		cmocka_unit_test(test_exec_failures),
		cmocka_unit_test(test_no_second_launch),
		cmocka_unit_test(test_rerun_from_done),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_fds_closed),
		cmocka_unit_test(test_user_and_security),
		cmocka_unit_test(test_result_names),
	};
	struct log_opts lo = { .console = true };
	char path[4096];
	int fd, rc, saved;

	snprintf(dir, sizeof(dir), "/tmp/vigil-script.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	/* Scripts named without a '/' are looked up in PATH. */
	snprintf(path, sizeof(path), "%s:%s", dir,
	    getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
	setenv("PATH", path, 1);
	/* The runner logs to stderr; keep it in a file to check. */
	snprintf(logpath, sizeof(logpath), "%s/log", dir);
	fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
	saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
	log_init(&lo, "test");
	loop = ev_default_loop(0);
	global_conf_defaults(&cfg.global);
	script_set_defaults(&cfg);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	dup2(saved, STDERR_FILENO);
	if (rc != 0)
		fprintf(stderr, "runner log:\n%s", slurp(logpath));
	snprintf(path, sizeof(path), "rm -rf '%s'", dir);
	if (system(path) != 0)
		rc = 1;
	return rc;
}
