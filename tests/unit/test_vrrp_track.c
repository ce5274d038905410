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
} T;

static void
tfile_cb(void *arg, const struct vrrp_track_file *tf, int64_t value)
{
	assert_ptr_equal(arg, &T);
	assert_true(T.n < MAX_SEEN);
	T.seen[T.n].name = tf->name;
	T.seen[T.n].value = value;
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

	vrrp_tfile_stop(T.loop);
	ev_loop_destroy(T.loop);
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
	};

	cfg_register_all();
	cfg_diag_init(&diag);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
