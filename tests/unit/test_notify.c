/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_notify.c: the herald: transitions in, logs, scripts and FIFO lines out. */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "script_test.h"

#include "cfg_test.h"
#include "log.h"
#include "notify.h"

/* Every wait is bounded: a stuck loop fails the test, not the suite. */
#define WAIT_LIMIT 10.0

static char events[128];
static struct ev_loop *loop;
static struct config *cur;
static int stopped;

static unsigned log_count(const char *);
static struct config *load(const char *);
static void send(unsigned, const char *, unsigned, unsigned, unsigned);
static bool idle(void);
static bool wait_until(bool (*)(void));
static void on_tick(struct ev_loop *, ev_timer *, int);
static void on_stopped(void);

static unsigned
log_count(const char *what)
{
	const char *p = slurp(logpath);
	unsigned n = 0;

	while ((p = strstr(p, what)) != NULL) {
		n++;
		p += strlen(what);
	}
	return n;
}

/* Parses text (with every "@D" replaced by the temp dir) and gives it to
   the herald; the previous configuration is freed after. */
static struct config *
load(const char *text)
{
	char buf[8192], *o = buf;
	const char *p;
	struct config *old = cur;

	for (p = text; *p != '\0' && o < buf + sizeof(buf) - 80; p++) {
		if (p[0] == '@' && p[1] == 'D') {
			o += sprintf(o, "%s", dir);
			p++;
		} else
			*o++ = *p;
	}
	*o = '\0';
	cur = parse_ok(buf);
	notify_set_config(cur);
	if (old != NULL)
		cfg_free(old);
	return cur;
}

static void
send(unsigned kind, const char *name, unsigned from, unsigned to, unsigned prio)
{
	static uint32_t seq;
	struct msg_vrrp_transition t;

	memset(&t, 0, sizeof(t));
	t.seq = ++seq;
	t.kind = (uint8_t)kind;
	t.old_state = (uint8_t)from;
	t.new_state = (uint8_t)to;
	t.priority = (uint8_t)prio;
	snprintf(t.name, sizeof(t.name), "%s", name);
	assert_true(notify_vrrp_transition(&t));
}

static bool
idle(void)
{
	return !notify_busy();
}

static void
on_tick(struct ev_loop *l, ev_timer *w, int revents)
{
	(void)w;
	(void)revents;
	ev_break(l, EVBREAK_ONE);
}

/* Runs the loop until cond() holds; false at the limit. */
static bool
wait_until(bool (*cond)(void))
{
	ev_tstamp end = ev_time() + WAIT_LIMIT;
	ev_timer tick;

	ev_timer_init(&tick, on_tick, 0.02, 0.02);
	ev_timer_start(loop, &tick);
	while (!cond() && ev_time() < end)
		ev_run(loop, EVRUN_ONCE);
	ev_timer_stop(loop, &tick);
	return cond();
}

static void
on_stopped(void)
{
	stopped++;
}

static bool
is_stopped(void)
{
	return stopped > 0;
}

/* One instance with every script appending a line to the events file;
   notify_master is slow, so a herald that did not wait would mix the
   order up. */
#define CONF_VI \
	"vrrp_instance VI_1 {\n" \
	" interface eth0\n" \
	" virtual_router_id 51\n" \
	" virtual_ipaddress {\n" \
	"  192.0.2.1/24\n" \
	" }\n" \
	" notify_backup \"@D/rec.sh backup\"\n" \
	" notify_master \"@D/rec.sh master 0.3\"\n" \
	" notify_fault \"@D/rec.sh fault\"\n" \
	" notify_stop \"@D/rec.sh stop\"\n" \
	" notify \"@D/rec.sh notify 0\"\n" \
	"}\n"

/* The lines of the events file, each transition's two lines sorted (they
   start together), joined by '|'. */
static const char *
event_pairs(void)
{
	static char out[4096];
	char *lines[64], *save = NULL, *l, *tmp;
	char buf[4096];
	int n = 0, i;

	snprintf(buf, sizeof(buf), "%s", slurp(events));
	for (l = strtok_r(buf, "\n", &save); l != NULL && n < 64;
	     l = strtok_r(NULL, "\n", &save))
		lines[n++] = l;
	for (i = 0; i + 1 < n; i += 2)
		if (strcmp(lines[i], lines[i + 1]) > 0) {
			tmp = lines[i];
			lines[i] = lines[i + 1];
			lines[i + 1] = tmp;
		}
	out[0] = '\0';
	for (i = 0; i < n; i++) {
		strcat(out, lines[i]);
		strcat(out, "|");
	}
	return out;
}

static int
setup(void **state)
{
	(void)state;
	unlink(events);
	stopped = 0;
	notify_set_limits(NOTIFY_SCRIPT_TIMEOUT_US, NOTIFY_STOP_WAIT);
	return 0;
}

static void
test_order_and_args(void **state)
{
	(void)state;
	load(CONF_VI);
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_INIT, MSG_VRRP_BACKUP, 100);
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_MASTER, MSG_VRRP_STOP, 100);
	assert_true(notify_busy());
	assert_true(wait_until(idle));
	assert_string_equal(event_pairs(),
	    "backup|notify INSTANCE VI_1 BACKUP 100|"
	    "master|notify INSTANCE VI_1 MASTER 100|"
	    "notify INSTANCE VI_1 STOP 100|stop|");
	assert_true(log_has(
	    "herald: VRRP_Instance(VI_1) INIT -> BACKUP (priority 100)\n"));
	assert_true(log_has(
	    "herald: VRRP_Instance(VI_1) BACKUP -> MASTER (priority 100)\n"));
	assert_int_equal(log_count("herald: VRRP_Instance(VI_1) MASTER -> "
	                           "STOP (priority 100)\n"),
	    1);
}

/* Two objects' queues are independent: a slow one does not hold up the
   other. */
static void
test_objects_independent(void **state)
{
	(void)state;
	load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 1\n"
	     " virtual_ipaddress {\n  192.0.2.1/24\n }\n"
	     " notify_master \"@D/rec.sh slow 1\"\n}\n"
	     "vrrp_instance VI_2 {\n interface eth0\n virtual_router_id 2\n"
	     " virtual_ipaddress {\n  192.0.2.2/24\n }\n"
	     " notify_master \"@D/rec.sh fast\"\n}\n");
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	send(MSG_VRRP_INSTANCE, "VI_2", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	assert_true(wait_until(idle));
	assert_string_equal(slurp(events), "fast\nslow\n");
}

static void
test_group(void **state)
{
	(void)state;
	load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
	     " virtual_ipaddress {\n  192.0.2.1/24\n }\n}\n"
	     "vrrp_sync_group G1 {\n group {\n  VI_1\n }\n"
	     " notify_fault \"@D/rec.sh gfault\"\n"
	     " notify \"@D/rec.sh gnotify 0\"\n}\n");
	/* keepalived gives a group's priority as 0 */
	send(MSG_VRRP_GROUP, "G1", MSG_VRRP_BACKUP, MSG_VRRP_FAULT, 50);
	assert_true(wait_until(idle));
	assert_string_equal(event_pairs(), "gfault|gnotify GROUP G1 FAULT 0|");
	assert_true(log_has("herald: VRRP_Group(G1) BACKUP -> FAULT\n"));
	/* an instance without scripts: logged, nothing runs */
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	assert_false(notify_busy());
	/* an object the configuration does not know: logged only */
	send(MSG_VRRP_INSTANCE, "VI_9", MSG_VRRP_INIT, MSG_VRRP_BACKUP, 100);
	assert_false(notify_busy());
	assert_true(log_has("herald: VRRP_Instance(VI_9) INIT -> BACKUP"));
}

/* A script past its timeout is killed and the queue moves on. */
static void
test_timeout(void **state)
{
	(void)state;
	notify_set_limits(300000, NOTIFY_STOP_WAIT);
	load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
	     " virtual_ipaddress {\n  192.0.2.1/24\n }\n"
	     " notify_master \"@D/rec.sh master 30\"\n"
	     " notify_backup \"@D/rec.sh backup\"\n}\n");
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_MASTER, MSG_VRRP_BACKUP, 100);
	assert_true(wait_until(idle));
	/* rec.sh writes after its sleep: the killed one wrote nothing */
	assert_string_equal(slurp(events), "backup\n");
	assert_true(log_has("VRRP_Instance(VI_1) notify_master: timed out "
	                    "after 0.3 s"));
	assert_true(log_has("VRRP_Instance(VI_1) notify_master: killed after "
	                    "its timeout"));
}

static void
test_failures_logged(void **state)
{
	(void)state;
	load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
	     " virtual_ipaddress {\n  192.0.2.1/24\n }\n"
	     " notify_master \"@D/fail.sh\"\n"
	     " notify_backup @D/missing.sh\n"
	     " notify_fault \"@D/rec.sh 'fault '\"\n}\n");
	write_script("fail.sh", "echo about to fail; exit 4");
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_MASTER, MSG_VRRP_BACKUP, 100);
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_FAULT, 100);
	assert_true(wait_until(idle));
	assert_true(log_has("VRRP_Instance(VI_1) notify_master: about to "
	                    "fail\n"));
	assert_true(log_has("VRRP_Instance(VI_1) notify_master: exited with "
	                    "status 4\n"));
	assert_true(log_has("VRRP_Instance(VI_1) notify_backup: cannot run"));
	assert_string_equal(slurp(events), "fault \n");
}

/* enable_script_security refuses a script in a directory anyone may
   change; the other script of the same transition still runs. */
static void
test_security(void **state)
{
	char wdir[128];

	(void)state;
	if (getuid() != 0) {
		skip();
		return;
	}
	snprintf(wdir, sizeof(wdir), "%s/open", dir);
	mkdir(wdir, 0777);
	assert_int_equal(chmod(wdir, 0777), 0);
	write_script("open/rec.sh", "echo \"$*\" >>\"${0%/open/*}/events\"");
	load("global_defs {\n enable_script_security\n script_user root\n}\n"
	     "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
	     " virtual_ipaddress {\n  192.0.2.1/24\n }\n"
	     " notify_master \"@D/open/rec.sh master\"\n"
	     " notify \"@D/rec.sh notify 0\"\n}\n");
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	assert_true(wait_until(idle));
	assert_string_equal(slurp(events), "notify INSTANCE VI_1 MASTER 100\n");
	assert_true(log_has("VRRP_Instance(VI_1) notify_master: refused: '"));
	assert_true(log_has("/open' may be changed by a user other than "
	                    "root (enable_script_security)\n"));
	load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
	     " virtual_ipaddress {\n  192.0.2.1/24\n }\n}\n");
}

/* Scripts of a new configuration apply to later transitions. */
static void
test_reload(void **state)
{
	(void)state;
	load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
	     " virtual_ipaddress {\n  192.0.2.1/24\n }\n"
	     " notify_master \"@D/rec.sh old-master 0.3\"\n}\n");
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_MASTER, MSG_VRRP_BACKUP, 100);
	/* the queued transition keeps the scripts it arrived under */
	load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
	     " virtual_ipaddress {\n  192.0.2.1/24\n }\n"
	     " notify_master \"@D/rec.sh new-master\"\n"
	     " notify_backup \"@D/rec.sh new-backup\"\n}\n");
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	assert_true(wait_until(idle));
	assert_string_equal(slurp(events), "old-master\nnew-master\n");
}

static bool
fifo_has_two(void)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/fifo.out", dir);
	return strchr(slurp(path), '\n') != NULL &&
	    strchr(strchr(slurp(path), '\n') + 1, '\n') != NULL;
}

/* notify_fifo and vrrp_notify_fifo get keepalived's lines, in order. */
static void
test_fifos(void **state)
{
	char f1[128], f2[128], buf[512];
	struct stat sb;
	ssize_t n;
	int fd1, fd2;

	(void)state;
	snprintf(f1, sizeof(f1), "%s/notify.fifo", dir);
	snprintf(f2, sizeof(f2), "%s/vrrp.fifo", dir);
	assert_int_equal(mkfifo(f1, 0600), 0); /* an existing FIFO is used */
	load("global_defs {\n notify_fifo @D/notify.fifo\n"
	     " vrrp_notify_fifo @D/vrrp.fifo\n}\n"
	     "vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
	     " virtual_ipaddress {\n  192.0.2.1/24\n }\n}\n");
	assert_int_equal(stat(f2, &sb), 0);
	assert_true(S_ISFIFO(sb.st_mode));
	fd1 = open(f1, O_RDONLY | O_NONBLOCK);
	fd2 = open(f2, O_RDONLY | O_NONBLOCK);
	assert_true(fd1 >= 0 && fd2 >= 0);
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_INIT, MSG_VRRP_BACKUP, 100);
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 150);
	send(MSG_VRRP_GROUP, "G1", MSG_VRRP_BACKUP, MSG_VRRP_FAULT, 150);
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_MASTER, MSG_VRRP_INIT, 150);
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_INIT, MSG_VRRP_STOP, 150);
	n = read(fd1, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf,
	    "INSTANCE \"VI_1\" BACKUP 100\n"
	    "INSTANCE \"VI_1\" MASTER 150\n"
	    "GROUP \"G1\" FAULT 0\n"
	    "INSTANCE \"VI_1\" STOP 150\n");
	n = read(fd2, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf,
	    "INSTANCE \"VI_1\" BACKUP 100\n"
	    "INSTANCE \"VI_1\" MASTER 150\n"
	    "GROUP \"G1\" FAULT 0\n"
	    "INSTANCE \"VI_1\" STOP 150\n");
	/* A reload that keeps the FIFOs keeps them open; with
	   fifo_write_vrrp_states_on_reload it writes every state. */
	load("global_defs {\n notify_fifo @D/notify.fifo\n"
	     " vrrp_notify_fifo @D/vrrp.fifo\n"
	     " fifo_write_vrrp_states_on_reload\n}\n");
	n = read(fd2, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	/* (VI_2 and VI_9 are from earlier tests: the table lives as long as the
	   parent) */
	assert_string_equal(buf,
	    "INSTANCE \"VI_1\" STOP 150\nINSTANCE \"VI_2\" MASTER 100\n"
	    "GROUP \"G1\" FAULT 0\nINSTANCE \"VI_9\" BACKUP 100\n");
	n = read(fd1, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	/* A reload without them closes them; the one we made goes. */
	load("global_defs {\n router_id x\n}\n");
	assert_int_equal(stat(f1, &sb), 0);
	assert_int_equal(stat(f2, &sb), -1);
	assert_int_equal(errno, ENOENT);
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_STOP, MSG_VRRP_BACKUP, 1);
	n = read(fd1, buf, sizeof(buf) - 1);
	assert_int_equal(n, 0); /* no writer left */
	close(fd1);
	close(fd2);
	unlink(f1);
}

/* vrrp_notify_fifo_script starts once, with the FIFO as argument, reads
   the lines, and gets SIGTERM at the stop. */
static void
test_fifo_script_and_stop(void **state)
{
	char out[128];

	(void)state;
	snprintf(out, sizeof(out), "%s/fifo.out", dir);
	write_script("reader.sh",
	    "echo \"arg $1\" >\"${1%/*}/fifo.out\"\n"
	    "while read -r l; do echo \"$l\"; done "
	    "<\"$1\" >>\"${1%/*}/fifo.out\"");
	load("global_defs {\n vrrp_notify_fifo @D/r.fifo\n"
	     " vrrp_notify_fifo_script @D/reader.sh\n}\n" CONF_VI);
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_INIT, MSG_VRRP_BACKUP, 100);
	assert_true(wait_until(fifo_has_two));
	assert_true(strncmp(slurp(out), "arg ", 4) == 0);
	assert_non_null(strstr(slurp(out),
	    "/r.fifo\nINSTANCE \"VI_1\" "
	    "BACKUP 100\n"));
	/* a reload with the same FIFO does not start a second reader */
	load("global_defs {\n vrrp_notify_fifo @D/r.fifo\n"
	     " vrrp_notify_fifo_script @D/reader.sh\n}\n" CONF_VI);
	assert_int_equal(log_count("/r.fifo open\n"), 1);
	/* the stop waits for the slow notify_master and the reader */
	send(MSG_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	notify_stop(on_stopped);
	assert_int_equal(stopped, 0);
	assert_true(wait_until(is_stopped));
	assert_int_equal(stopped, 1);
	assert_false(notify_busy());
	assert_true(log_has("vrrp_notify_fifo_script: ended"));
	assert_non_null(strstr(slurp(events), "master\n"));
	assert_int_equal(access(out, F_OK), 0);
	snprintf(out, sizeof(out), "%s/r.fifo", dir);
	assert_int_equal(access(out, F_OK), -1);
}

static void
test_reject(void **state)
{
	struct msg_vrrp_transition t;

	(void)state;
	memset(&t, 0, sizeof(t));
	snprintf(t.name, sizeof(t.name), "VI_1");
	t.new_state = MSG_VRRP_MASTER;
	t.kind = 2;
	assert_false(notify_vrrp_transition(&t));
	t.kind = MSG_VRRP_INSTANCE;
	t.new_state = MSG_VRRP_STOP + 1;
	assert_false(notify_vrrp_transition(&t));
	t.new_state = MSG_VRRP_MASTER;
	t.old_state = 9;
	assert_false(notify_vrrp_transition(&t));
	t.old_state = MSG_VRRP_BACKUP;
	memset(t.name, 'x', sizeof(t.name)); /* no NUL */
	assert_false(notify_vrrp_transition(&t));
	t.name[0] = '\0';
	assert_false(notify_vrrp_transition(&t));
	assert_false(log_has("herald: VRRP_Instance(xxx"));
}

static void
collect(const struct msg_vrrp_state *s, void *arg)
{
	char *out = arg;

	if (strncmp(s->name, "T_", 2) == 0)
		sprintf(out + strlen(out), "%u %s %u %u|", s->kind, s->name,
		    s->state, s->priority);
}

/* The table a respawned VRRP child resumes from: the last state and
   priority of each object, in the order first heard of. */
static void
test_table(void **state)
{
	char out[256] = "";

	(void)state;
	send(MSG_VRRP_INSTANCE, "T_1", MSG_VRRP_INIT, MSG_VRRP_BACKUP, 90);
	send(MSG_VRRP_GROUP, "T_G", MSG_VRRP_INIT, MSG_VRRP_BACKUP, 90);
	send(MSG_VRRP_INSTANCE, "T_2", MSG_VRRP_INIT, MSG_VRRP_FAULT, 80);
	send(MSG_VRRP_INSTANCE, "T_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 95);
	send(MSG_VRRP_GROUP, "T_G", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 95);
	notify_vrrp_foreach(collect, out);
	assert_string_equal(out, "0 T_1 2 95|1 T_G 2 0|0 T_2 3 80|");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_order_and_args, setup),
		cmocka_unit_test_setup(test_objects_independent, setup),
		cmocka_unit_test_setup(test_group, setup),
		cmocka_unit_test_setup(test_timeout, setup),
		cmocka_unit_test_setup(test_failures_logged, setup),
		cmocka_unit_test_setup(test_security, setup),
		cmocka_unit_test_setup(test_reload, setup),
		cmocka_unit_test_setup(test_fifos, setup),
		cmocka_unit_test_setup(test_reject, setup),
		cmocka_unit_test_setup(test_table, setup),
		/* last: it stops the herald */
		cmocka_unit_test_setup(test_fifo_script_and_stop, setup),
	};
	struct log_opts lo = { .console = true };
	char cmd[256];
	int fd, rc, saved;

	snprintf(dir, sizeof(dir), "/tmp/vigil-notify.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(events, sizeof(events), "%s/events", dir);
	/* rec.sh LABEL [SECONDS] [ARGS...]: sleeps, then appends its
	   label and arguments to the events file. */
	write_script("rec.sh",
	    "label=$1; shift\n"
	    "[ $# -gt 0 ] && { sleep $1; shift; }\n"
	    "echo \"$label${1:+ }$*\" >>\"${0%/*}/events\"");
	snprintf(logpath, sizeof(logpath), "%s/log", dir);
	fd = open(logpath, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
	saved = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
	log_init(&lo, "test");
	cfg_register_all();
	loop = ev_default_loop(0);
	notify_init(loop);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	dup2(saved, STDERR_FILENO);
	if (rc != 0)
		fprintf(stderr, "herald log:\n%s", slurp(logpath));
	cfg_free(cur);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = 1;
	return rc;
}
