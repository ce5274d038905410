/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_vrrp_track.c: track_file and track_process on the real kernel. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <ev.h>

#include "../../vrrp/vrrp_conf.h"
#include "../../vrrp/vrrp_track.h"
#include "cfg.h"
#include "cfg_test.h"

/* Deadlock guard for waiting on an event; never a timing assertion. */
#define WAIT_MAX 10.0
#define MAX_SEEN 256

/* What the callbacks saw, in order. */
struct seen {
	const char *name;
	int64_t value; /* track_file value, or track_process count */
	bool up;
	ev_tstamp at;
};

static struct {
	struct ev_loop *loop;
	char dir[64];
	struct seen seen[MAX_SEEN];
	size_t n;
	struct config *cfg;
	pid_t kids[32]; /* processes to kill at cleanup (groups: < 0) */
	size_t nkids;
} T;

static void
tfile_cb(void *arg, const struct track_file *tf, int64_t value)
{
	assert_ptr_equal(arg, &T);
	assert_true(T.n < MAX_SEEN);
	T.seen[T.n].name = tf->name;
	T.seen[T.n].value = value;
	T.seen[T.n].at = ev_time();
	T.n++;
}

static void
tproc_cb(
    void *arg, const struct vrrp_track_process *tp, bool up, unsigned count)
{
	assert_ptr_equal(arg, &T);
	assert_true(T.n < MAX_SEEN);
	T.seen[T.n].name = tp->name;
	T.seen[T.n].value = count;
	T.seen[T.n].up = up;
	T.seen[T.n].at = ev_time();
	T.n++;
}

static void
guard_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)w;
	(void)revents;
	ev_break(loop, EVBREAK_ONE);
}

/* Runs the loop until the callbacks have been called n times in all, or
   for secs when n is 0 (to see that nothing happens).  True when n
   calls were seen. */
static bool
run_until(size_t n, double secs)
{
	ev_timer guard;

	ev_timer_init(&guard, guard_cb, n ? WAIT_MAX : secs, 0.);
	ev_timer_start(T.loop, &guard);
	while (ev_is_active(&guard) && (n == 0 || T.n < n))
		ev_run(T.loop, EVRUN_ONCE);
	ev_timer_stop(T.loop, &guard);
	return n == 0 || T.n >= n;
}

/* The index of the last callback for name, or -1. */
static int
last_of(const char *name)
{
	size_t i;

	for (i = T.n; i-- > 0;)
		if (strcmp(T.seen[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int64_t
value_of(const char *name)
{
	int i = last_of(name);

	assert_true(i >= 0);
	return T.seen[i].value;
}

static const char *
path(const char *name)
{
	static char buf[4][128];
	static int k;

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", T.dir, name);
	return buf[k];
}

/* Writes text to name in one open/write/close, as `echo > f` does. */
static void
put(const char *name, const char *text)
{
	int fd = open(path(name), O_WRONLY | O_CREAT | O_TRUNC, 0644);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
}

static const struct vrrp_model *
model_of(const char *fmt, ...)
{
	char text[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (T.cfg != NULL)
		cfg_free(T.cfg);
	T.cfg = parse_ok(text);
	return cfg_model(T.cfg, CFG_MODEL_VRRP);
}

static int
setup(void **state)
{
	(void)state;
	memset(&T.seen, 0, sizeof(T.seen));
	T.n = 0;
	T.loop = ev_loop_new(EVFLAG_AUTO);
	snprintf(T.dir, sizeof(T.dir), "/tmp/vigil-track.XXXXXX");
	assert_non_null(mkdtemp(T.dir));
	return 0;
}

static int
cleanup(void **state)
{
	char cmd[128];
	size_t i;

	vrrp_tfile_stop(T.loop);
	vrrp_tproc_stop(T.loop);
	ev_loop_destroy(T.loop);
	for (i = 0; i < T.nkids; i++) {
		kill(T.kids[i], SIGKILL);
		waitpid(T.kids[i] < 0 ? -T.kids[i] : T.kids[i], NULL, 0);
	}
	T.nkids = 0;
	if (T.cfg != NULL)
		cfg_free(T.cfg);
	T.cfg = NULL;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", T.dir);
	assert_int_equal(system(cmd), 0);
	return teardown(state);
}

/* ---- track_file ---- */

#define TFILE(name, file) "track_file " name " {\n file %s/" file "\n}\n"

/* First of the track_file tests: overwrite happens at a process's first
   start only. */
static void
test_tfile_init_file(void **state)
{
	const struct vrrp_model *m;

	(void)state;
	put("keep", "7\n");
	put("over", "7\n");
	m = model_of("track_file new {\n file %s/new\n init_file 3\n}\n"
	             "track_file keep {\n file %s/keep\n init_file 3\n}\n"
	             "track_file over {\n file %s/over\n init_file -4 "
	             "overwrite\n}\n",
	    T.dir, T.dir, T.dir);
	assert_int_equal(vrrp_tfile_start(T.loop, m, tfile_cb, &T), 0);
	assert_int_equal(T.n, 3);
	assert_int_equal(value_of("new"), 3);
	assert_int_equal(value_of("keep"), 7);
	assert_int_equal(value_of("over"), -4);

	/* a second start is a reload: overwrite leaves the file alone, a
	   missing file is still created */
	put("over", "9\n");
	assert_int_equal(unlink(path("new")), 0);
	T.n = 0;
	assert_int_equal(vrrp_tfile_start(T.loop, m, tfile_cb, &T), 0);
	assert_int_equal(T.n, 3);
	assert_int_equal(value_of("new"), 3);
	assert_int_equal(value_of("over"), 9);
}

static void
test_tfile_initial_values(void **state)
{
	const struct vrrp_model *m;

	(void)state;
	put("plain", "5\n");
	put("hex", "0x10");
	put("octal", "010\n");
	put("junk", "abc\n");
	put("trail", "  -7 and more\n");
	put("empty", "");
	put("huge", "99999999999\n");
	put("top", "2147483648\n");
	m = model_of(TFILE("plain", "plain") TFILE("hex", "hex") TFILE("octal",
	                 "octal") TFILE("junk", "junk") TFILE("trail", "trail")
	                 TFILE("empty", "empty") TFILE("missing", "missing")
	                     TFILE("huge", "huge") TFILE("top", "top"),
	    T.dir, T.dir, T.dir, T.dir, T.dir, T.dir, T.dir, T.dir, T.dir);
	assert_int_equal(vrrp_tfile_start(T.loop, m, tfile_cb, &T), 0);
	/* once per file, before start returns, in the model's order */
	assert_int_equal(T.n, 9);
	assert_string_equal(T.seen[0].name, "plain");
	assert_string_equal(T.seen[8].name, "top");
	assert_int_equal(value_of("plain"), 5);
	assert_int_equal(value_of("hex"), 16);
	assert_int_equal(value_of("octal"), 8);
	assert_int_equal(value_of("junk"), 0);
	assert_int_equal(value_of("trail"), -7);
	assert_int_equal(value_of("empty"), 0);
	assert_int_equal(value_of("missing"), 0);
	assert_int_equal(value_of("huge"), 0); /* out of range: ignored */
	assert_int_equal(value_of("top"), 2147483648LL);
}

static void
test_tfile_changes(void **state)
{
	const struct vrrp_model *m;

	(void)state;
	put("a", "1\n");
	m = model_of(TFILE("a", "a") TFILE("b", "b"), T.dir, T.dir);
	assert_int_equal(vrrp_tfile_start(T.loop, m, tfile_cb, &T), 0);
	assert_int_equal(T.n, 2);

	put("a", "-20\n"); /* written in place */
	assert_true(run_until(3, 0));
	assert_int_equal(last_of("a"), 2);
	assert_int_equal(value_of("a"), -20);

	put("a", "-20\n"); /* same value: no call */
	put("b", "4\n"); /* created */
	assert_true(run_until(4, 0));
	assert_int_equal(last_of("b"), 3);
	assert_int_equal(value_of("b"), 4);

	assert_int_equal(unlink(path("a")), 0); /* deleted: 0 */
	assert_true(run_until(5, 0));
	assert_int_equal(last_of("a"), 4);
	assert_int_equal(value_of("a"), 0);

	put("tmp", "12\n"); /* renamed into place */
	assert_int_equal(rename(path("tmp"), path("a")), 0);
	assert_true(run_until(6, 0));
	assert_int_equal(value_of("a"), 12);

	assert_int_equal(rename(path("a"), path("gone")), 0); /* renamed away */
	assert_true(run_until(7, 0));
	assert_int_equal(value_of("a"), 0);

	put("b", "99999999999\n"); /* out of range: ignored */
	assert_true(run_until(0, 0.3));
	assert_int_equal(T.n, 7);
	put("b", "junk\n"); /* not a number: 0 */
	assert_true(run_until(8, 0));
	assert_int_equal(last_of("b"), 7);
	assert_int_equal(value_of("b"), 0);
	assert_true(run_until(0, 0.2));
	assert_int_equal(T.n, 8);
}

static void
test_tfile_symlink(void **state)
{
	const struct vrrp_model *m;
	char target[128];

	(void)state;
	assert_int_equal(mkdir(path("real"), 0755), 0);
	put("real/f", "3\n");
	snprintf(target, sizeof(target), "%s", path("real/f"));
	assert_int_equal(symlink(target, path("link")), 0);
	m = model_of(TFILE("l", "link"), T.dir);
	assert_int_equal(vrrp_tfile_start(T.loop, m, tfile_cb, &T), 0);
	assert_int_equal(value_of("l"), 3);
	put("real/f", "8\n"); /* the target's directory is watched */
	assert_true(run_until(2, 0));
	assert_int_equal(value_of("l"), 8);
}

static void
test_tfile_missing_dir(void **state)
{
	const struct vrrp_model *m;

	(void)state;
	m = model_of(TFILE("d", "sub/f") TFILE("e", "sub/g"), T.dir, T.dir);
	assert_int_equal(vrrp_tfile_start(T.loop, m, tfile_cb, &T), 0);
	assert_int_equal(T.n, 2);
	assert_int_equal(value_of("d"), 0);

	/* the directory appears later: found by the retry timer */
	assert_int_equal(mkdir(path("sub"), 0755), 0);
	put("sub/f", "6\n");
	assert_true(run_until(3, 0));
	assert_int_equal(value_of("d"), 6);

	/* and once watched, changes are seen */
	put("sub/g", "2\n");
	assert_true(run_until(4, 0));
	assert_int_equal(value_of("e"), 2);

	/* the directory is removed: 0; it comes back: read again */
	assert_int_equal(unlink(path("sub/f")), 0);
	assert_int_equal(unlink(path("sub/g")), 0);
	assert_true(run_until(6, 0));
	assert_int_equal(value_of("d"), 0);
	assert_int_equal(value_of("e"), 0);
	assert_int_equal(rmdir(path("sub")), 0);
	assert_true(run_until(0, 0.3));
	assert_int_equal(T.n, 6);
	assert_int_equal(mkdir(path("sub"), 0755), 0);
	put("sub/f", "11\n");
	assert_true(run_until(7, 0));
	assert_int_equal(value_of("d"), 11);
}

static void
test_tfile_dir_moved(void **state)
{
	const struct vrrp_model *m;

	(void)state;
	assert_int_equal(mkdir(path("sub"), 0755), 0);
	put("sub/f", "5\n");
	m = model_of(TFILE("d", "sub/f"), T.dir);
	assert_int_equal(vrrp_tfile_start(T.loop, m, tfile_cb, &T), 0);
	assert_int_equal(value_of("d"), 5);
	assert_int_equal(rename(path("sub"), path("old")), 0);
	assert_true(run_until(2, 0));
	assert_int_equal(value_of("d"), 0);
	/* a write in the moved directory is not the tracked file */
	put("old/f", "1\n");
	assert_int_equal(mkdir(path("sub"), 0755), 0);
	put("sub/f", "4\n");
	assert_true(run_until(3, 0));
	assert_int_equal(value_of("d"), 4);
}

static void
test_tfile_stop_restart(void **state)
{
	const struct vrrp_model *m;

	(void)state;
	vrrp_tfile_stop(T.loop); /* not started: harmless */
	put("a", "1\n");
	m = model_of(TFILE("a", "a"), T.dir);
	assert_int_equal(vrrp_tfile_start(T.loop, m, tfile_cb, &T), 0);
	vrrp_tfile_stop(T.loop);
	vrrp_tfile_stop(T.loop);
	put("a", "2\n"); /* not watched now */
	assert_true(run_until(0, 0.2));
	assert_int_equal(T.n, 1);

	/* a reload with a new model */
	put("b", "3\n");
	m = model_of(TFILE("b", "b"), T.dir);
	assert_int_equal(vrrp_tfile_start(T.loop, m, tfile_cb, &T), 0);
	assert_int_equal(T.n, 2);
	assert_int_equal(value_of("b"), 3);
	put("a", "5\n");
	put("b", "4\n");
	assert_true(run_until(3, 0));
	assert_int_equal(value_of("b"), 4);
	assert_true(run_until(0, 0.2));
	assert_int_equal(T.n, 3);

	/* no track_file at all */
	m = model_of("vrrp_script s {\n script /bin/true\n}\n");
	assert_int_equal(vrrp_tfile_start(T.loop, m, tfile_cb, &T), 0);
	assert_int_equal(T.n, 3);
}

/* ---- track_process ---- */

/*
 * Test processes: a program run through a symlink named NAME in the
 * temporary directory (its comm is NAME; argv[0] the link's path), or a
 * "helper": a fork of this test that obeys one-byte commands on a pipe,
 * to rename itself (COMM events) and fork (FORK events).
 */

/* Runs /bin/sleep as T.dir/name with arguments args (space separated);
   returns its pid. */
static pid_t
spawn(const char *name, const char *args)
{
	char *argv[8], buf[128], exe[128], *save;
	struct stat st;
	pid_t pid;
	int argc = 0;

	snprintf(exe, sizeof(exe), "%s", path(name));
	if (lstat(exe, &st) != 0)
		assert_int_equal(symlink("/bin/sleep", exe), 0);
	snprintf(buf, sizeof(buf), "%s", args);
	argv[argc++] = exe;
	for (argv[argc] = strtok_r(buf, " ", &save); argv[argc] != NULL;
	     argv[argc] = strtok_r(NULL, " ", &save))
		argc++;
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		execv(exe, argv);
		_exit(127);
	}
	assert_true(T.nkids < 32);
	T.kids[T.nkids++] = pid;
	return pid;
}

static void
reap(pid_t pid)
{
	size_t i;

	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, NULL, 0), pid);
	for (i = 0; i < T.nkids; i++)
		if (T.kids[i] == pid)
			T.kids[i] = T.kids[--T.nkids];
}

/* Waits until pid runs as name (its exec is done). */
static void
wait_exec(pid_t pid, const char *name)
{
	char file[64], comm[32];
	ssize_t len = 0;
	int fd, i;

	snprintf(file, sizeof(file), "/proc/%d/comm", (int)pid);
	for (i = 0; i < 1000; i++) {
		fd = open(file, O_RDONLY);
		assert_true(fd >= 0);
		len = read(fd, comm, sizeof(comm) - 1);
		close(fd);
		comm[len > 0 ? len - 1 : 0] = '\0';
		if (strcmp(comm, name) == 0)
			return;
		usleep(10 * 1000);
	}
	fail_msg("pid %d did not become %s", (int)pid, name);
}

static void
helper_main(int cmd)
{
	pid_t kid = -1;
	char c;

	while (read(cmd, &c, 1) == 1) {
		if (c == 'a')
			prctl(PR_SET_NAME, "vtpC");
		else if (c == 'b')
			prctl(PR_SET_NAME, "vtpX");
		else if (c == 'f' && (kid = fork()) == 0) {
			for (;;)
				pause();
		} else if (c == 'k' && kid > 0) {
			kill(kid, SIGKILL);
			waitpid(kid, NULL, 0);
			kid = -1;
		}
	}
	_exit(0);
}

/* A helper in its own process group; returns the pipe to command it. */
static int
helper(void)
{
	int fds[2];
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[1]);
		setpgid(0, 0);
		helper_main(fds[0]);
	}
	setpgid(pid, pid);
	close(fds[0]);
	T.kids[T.nkids++] = -pid;
	return fds[1];
}

static void
tell(int fd, char c)
{
	assert_int_equal(write(fd, &c, 1), 1);
}

static bool
up_of(const char *name)
{
	int i = last_of(name);

	assert_true(i >= 0);
	return T.seen[i].up;
}

/* Waits for the next report of name; asserts its count and up. */
static void
expect_report(const char *name, int64_t count, bool up)
{
	size_t from = T.n;

	while (last_of(name) < (int)from)
		assert_true(run_until(T.n + 1, 0));
	assert_int_equal(value_of(name), count);
	assert_int_equal(up_of(name), up);
}

#define TPROC(name, body) "vrrp_track_process " name " {\n" body "}\n"

static void
test_tproc_initial_scan(void **state)
{
	const struct vrrp_model *m;

	(void)state;
	wait_exec(spawn("vtpA", "1000"), "vtpA");
	wait_exec(spawn("vtpA", "1000"), "vtpA");
	wait_exec(spawn("vtpB", "1000 2"), "vtpB");
	m = model_of(
	    TPROC("a", " process vtpA\n") TPROC("none", " process vtpNone\n")
	        TPROC("max1", " process vtpA\n quorum_max 1\n")
	            TPROC("b", " process %s/vtpB\n full_command\n"),
	    T.dir);
	assert_int_equal(vrrp_tproc_start(T.loop, m, tproc_cb, &T), 0);
	assert_int_equal(T.n, 4);
	assert_int_equal(value_of("a"), 2);
	assert_true(up_of("a"));
	assert_int_equal(value_of("none"), 0);
	assert_false(up_of("none"));
	assert_int_equal(value_of("max1"), 2);
	assert_false(up_of("max1"));
	assert_int_equal(value_of("b"), 1);
	assert_true(up_of("b"));
}

static void
test_tproc_exec_exit(void **state)
{
	const struct vrrp_model *m;
	pid_t a, b;

	(void)state;
	m = model_of(TPROC("a", " process vtpA\n"));
	assert_int_equal(vrrp_tproc_start(T.loop, m, tproc_cb, &T), 0);
	if (vrrp_tproc_polling())
		skip(); /* the connector needs root in the initial namespaces */
	assert_int_equal(T.n, 1);
	assert_false(up_of("a"));
	a = spawn("vtpA", "1000");
	expect_report("a", 1, true);
	b = spawn("vtpA", "1000");
	expect_report("a", 2, true);
	reap(a);
	expect_report("a", 1, true);
	reap(b);
	expect_report("a", 0, false);
	/* an exec to another program leaves the count */
	spawn("vtpZ", "1000");
	assert_true(run_until(0, 0.3));
	assert_int_equal(last_of("a"), (int)T.n - 1);
	assert_int_equal(value_of("a"), 0);
}

static void
test_tproc_quorum(void **state)
{
	const struct vrrp_model *m;
	pid_t p[4];
	int i;

	(void)state;
	m = model_of(TPROC("q", " process vtpQ\n quorum 2\n quorum_max 3\n"));
	assert_int_equal(vrrp_tproc_start(T.loop, m, tproc_cb, &T), 0);
	if (vrrp_tproc_polling())
		skip();
	assert_false(up_of("q"));
	for (i = 0; i < 4; i++) {
		p[i] = spawn("vtpQ", "1000");
		expect_report("q", i + 1, i + 1 >= 2 && i + 1 <= 3);
	}
	reap(p[0]);
	expect_report("q", 3, true);
	reap(p[1]);
	expect_report("q", 2, true);
	reap(p[2]);
	expect_report("q", 1, false);
}

static void
test_tproc_params(void **state)
{
	const struct vrrp_model *m;

	(void)state;
	m = model_of(
	    TPROC("exact", " process %s/vtpP 1000 2\n") TPROC(
	        "partial", " process %s/vtpP 1000 2\n param_match partial\n")
	        TPROC("initial",
	            " process %s/vtpP 1000 2\n"
	            " param_match initial\n")
	            TPROC("any", " process %s/vtpP\n full_command\n")
	                TPROC("comm", " process vtpP\n"),
	    T.dir, T.dir, T.dir, T.dir);
	assert_int_equal(vrrp_tproc_start(T.loop, m, tproc_cb, &T), 0);
	if (vrrp_tproc_polling())
		skip();
	assert_int_equal(T.n, 5);
	spawn("vtpP", "1000 2");
	spawn("vtpP", "1000 2 3");
	spawn("vtpP", "1000 23");
	spawn("vtpP", "1000");
	/* each exec is reported to every tracker it matches */
	while (value_of("any") < 4)
		assert_true(run_until(T.n + 1, 0));
	assert_true(run_until(0, 0.3));
	assert_int_equal(value_of("exact"), 1); /* 1000 2 */
	assert_int_equal(value_of("partial"), 2); /* + 1000 2 3 */
	assert_int_equal(value_of("initial"), 3); /* + 1000 23 */
	assert_int_equal(value_of("any"), 4);
	assert_int_equal(value_of("comm"), 4);
}

static void
test_tproc_comm(void **state)
{
	const struct vrrp_model *m;
	int h;

	(void)state;
	m = model_of(
	    TPROC("c", " process vtpC\n") TPROC("x", " process vtpX\n"));
	assert_int_equal(vrrp_tproc_start(T.loop, m, tproc_cb, &T), 0);
	if (vrrp_tproc_polling())
		skip();
	h = helper();
	tell(h, 'a');
	expect_report("c", 1, true);
	tell(h, 'b');
	expect_report("c", 0, false);
	assert_int_equal(value_of("x"), 1);
	assert_true(up_of("x"));
	/* a child of a counted process counts too */
	tell(h, 'f');
	expect_report("x", 2, true);
	tell(h, 'k');
	expect_report("x", 1, true);
	close(h);
}

static void
test_tproc_delays(void **state)
{
	const struct vrrp_model *m;
	ev_tstamp forked, killed;
	size_t n;
	int h;

	(void)state;
	m = model_of(TPROC("c",
	    " process vtpC\n quorum 2\n fork_delay 1\n"
	    " terminate_delay 1\n"));
	assert_int_equal(vrrp_tproc_start(T.loop, m, tproc_cb, &T), 0);
	if (vrrp_tproc_polling())
		skip();
	h = helper();
	tell(h, 'a');
	expect_report("c", 1, false); /* a new name: no delay */

	/* a fork reaching the quorum is up only after fork_delay */
	forked = ev_time();
	tell(h, 'f');
	expect_report("c", 2, false);
	expect_report("c", 2, true);
	assert_true(T.seen[T.n - 1].at - forked >= 0.95);

	/* an exit and a fork within terminate_delay: never down */
	tell(h, 'k');
	expect_report("c", 1, true);
	tell(h, 'f');
	expect_report("c", 2, true);
	n = T.n;
	assert_true(run_until(0, 1.5));
	assert_int_equal(T.n, n);

	/* an exit losing it is down only after terminate_delay */
	killed = ev_time();
	tell(h, 'k');
	expect_report("c", 1, true);
	expect_report("c", 1, false);
	assert_true(T.seen[T.n - 1].at - killed >= 0.95);

	/* a fork and an exit within fork_delay: never up */
	tell(h, 'f');
	expect_report("c", 2, false);
	tell(h, 'k');
	expect_report("c", 1, false);
	n = T.n;
	assert_true(run_until(0, 1.5));
	assert_int_equal(T.n, n);
	close(h);
}

static void
test_tproc_stop_restart(void **state)
{
	const struct vrrp_model *m;

	(void)state;
	vrrp_tproc_stop(T.loop); /* not started: harmless */
	m = model_of(TPROC("a", " process vtpA\n"));
	assert_int_equal(vrrp_tproc_start(T.loop, m, tproc_cb, &T), 0);
	vrrp_tproc_stop(T.loop);
	vrrp_tproc_stop(T.loop);
	spawn("vtpA", "1000");
	assert_true(run_until(0, 0.3));
	assert_int_equal(T.n, 1);
	/* a reload with a new model counts what runs */
	m = model_of(TPROC("a2", " process vtpA\n"));
	assert_int_equal(vrrp_tproc_start(T.loop, m, tproc_cb, &T), 0);
	assert_int_equal(T.n, 2);
	assert_int_equal(value_of("a2"), 1);
	m = model_of("vrrp_script s {\n script /bin/true\n}\n");
	assert_int_equal(vrrp_tproc_start(T.loop, m, tproc_cb, &T), 0);
	assert_int_equal(T.n, 2);
}

/* Polling: the same through /proc scans, as after an unanswered or
   refused connector. */
static void
poll_scenario(void)
{
	const struct vrrp_model *m;
	pid_t a;

	m = model_of(TPROC("a", " process vtpA\n quorum 1\n"));
	assert_int_equal(vrrp_tproc_start(T.loop, m, tproc_cb, &T), 0);
	assert_int_equal(T.n, 1);
	assert_false(up_of("a"));
	a = spawn("vtpA", "1000");
	expect_report("a", 1, true);
	assert_true(vrrp_tproc_polling());
	reap(a);
	expect_report("a", 0, false);
}

/* poll_scenario without cmocka (for a forked process): 0, or the line
   of the first check that failed. */
#define CHECK(x) \
	do { \
		if (!(x)) \
			return __LINE__; \
	} while (0)
static pid_t poll_kid;

static int
poll_check(void)
{
	const struct vrrp_model *m;
	char exe[128], arg[] = "1000";
	char *argv[] = { exe, arg, NULL };

	snprintf(exe, sizeof(exe), "%s", path("vtpA"));
	CHECK(symlink("/bin/sleep", exe) == 0);
	m = model_of(TPROC("a", " process vtpA\n"));
	CHECK(vrrp_tproc_start(T.loop, m, tproc_cb, &T) == 0);
	CHECK(T.n == 1 && !T.seen[0].up);
	poll_kid = fork();
	if (poll_kid == 0) {
		execv(exe, argv);
		_exit(127);
	}
	CHECK(poll_kid > 0);
	CHECK(run_until(2, 0));
	CHECK(T.seen[1].up && T.seen[1].value == 1);
	CHECK(vrrp_tproc_polling());
	kill(poll_kid, SIGKILL);
	CHECK(run_until(3, 0));
	CHECK(!T.seen[2].up && T.seen[2].value == 0);
	return 0;
}

/* poll_check, never leaving its process behind. */
static int
poll_check_clean(void)
{
	int rc = poll_check();

	if (poll_kid > 0) {
		kill(poll_kid, SIGKILL);
		waitpid(poll_kid, NULL, 0);
	}
	return rc;
}

/* In a new pid namespace the kernel ignores the request: the missing ack
   must switch to polling.  Run in a forked grandchild (the first process
   of the namespace); its exit status is the verdict. */
static void
test_tproc_no_ack(void **state)
{
	int status;
	pid_t pid;

	(void)state;
	if (geteuid() != 0)
		skip();
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (unshare(CLONE_NEWPID) != 0)
			_exit(255);
		pid = fork();
		if (pid == 0)
			_exit(poll_check_clean());
		_exit(pid > 0 && waitpid(pid, &status, 0) == pid &&
		            WIFEXITED(status)
		        ? WEXITSTATUS(status)
		        : 254);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 255)
		skip();
	/* not 0: the line of poll_check (mod 256) that failed */
	assert_int_equal(WEXITSTATUS(status), 0);
}

/* Last: leaves this process in a new network namespace, where the
   connector refuses at once. */
static void
test_tproc_refused(void **state)
{
	(void)state;
	if (unshare(CLONE_NEWNET) != 0)
		skip();
	poll_scenario();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		/* first: it needs the process's first start */
		cmocka_unit_test_setup_teardown(
		    test_tfile_init_file, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    test_tfile_initial_values, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    test_tfile_changes, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    test_tfile_symlink, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    test_tfile_missing_dir, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    test_tfile_dir_moved, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    test_tfile_stop_restart, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    test_tproc_initial_scan, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    test_tproc_exec_exit, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    test_tproc_quorum, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    test_tproc_params, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    test_tproc_comm, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    test_tproc_delays, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    test_tproc_stop_restart, setup, cleanup),
		cmocka_unit_test_setup_teardown(
		    test_tproc_no_ack, setup, cleanup),
		/* last: it leaves the initial network namespace */
		cmocka_unit_test_setup_teardown(
		    test_tproc_refused, setup, cleanup),
	};

	cfg_register_all();
	cfg_diag_init(&diag);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
