/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_notify.c: the herald: events in, logs, scripts and FIFO lines out. */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
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
#include "check_result.h"
#include "herald.h"
#include "log.h"
#include "vs_equal.h"
#include "vs_fmt.h"

/* Every wait is bounded: a stuck loop fails the test, not the suite. */
#define WAIT_LIMIT 10.0

static char events[128];
static struct ev_loop *loop;
static struct config *cur;
static int stopped;
static uint32_t seqs[PROC_MAX];

static unsigned log_count(const char *);
static struct config *load(const char *);
static void send(enum obj_kind, const char *, unsigned, unsigned, unsigned);
static struct msg_event
event(enum proc_id, enum obj_kind, objid_t, unsigned, unsigned, unsigned);
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
	herald_set_config(cur);
	if (old != NULL)
		cfg_free(old);
	return cur;
}

/* An event of the next sequence number of its source. */
static struct msg_event
event(enum proc_id src, enum obj_kind kind, objid_t id, unsigned from,
    unsigned to, unsigned value)
{
	struct msg_event e;

	memset(&e, 0, sizeof(e));
	e.id = id;
	e.seq = ++seqs[src];
	e.value = value;
	e.source = (uint8_t)src;
	e.kind = (uint8_t)kind;
	e.old_state = (uint8_t)from;
	e.new_state = (uint8_t)to;
	return e;
}

/* One event from the VRRP child, as vrrp/vrrp.c names the object. */
static void
send(enum obj_kind kind, const char *name, unsigned from, unsigned to,
    unsigned prio)
{
	struct msg_event e =
	    event(PROC_VRRP, kind, objid_name(kind, name), from, to, prio);

	assert_null(herald_event(&e));
}

static bool
idle(void)
{
	return !herald_busy();
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
	herald_set_limits(NOTIFY_SCRIPT_TIMEOUT_US, NOTIFY_STOP_WAIT);
	return 0;
}

static void
test_order_and_args(void **state)
{
	(void)state;
	load(CONF_VI);
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_INIT, MSG_VRRP_BACKUP, 100);
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_MASTER, MSG_VRRP_STOP, 100);
	assert_true(herald_busy());
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

/* A burst larger than NOTIFY_STARTS_MAX arriving in one iteration of the
   loop: the scripts start a few per iteration, and every one runs once. */
static unsigned
lines_of(const char *path)
{
	const char *p = slurp(path);
	unsigned n = 0;

	for (; *p != '\0'; p++)
		n += *p == '\n';
	return n;
}

static bool
burst_done(void)
{
	return lines_of(events) == 3 * NOTIFY_STARTS_MAX && idle();
}

static void
test_burst(void **state)
{
	char conf[8192], *o = conf, name[16];
	unsigned i, n = 3 * NOTIFY_STARTS_MAX;

	(void)state;
	for (i = 1; i <= n; i++)
		o += sprintf(o,
		    "vrrp_instance BURST_%u {\n interface eth0\n"
		    " virtual_router_id %u\n virtual_ipaddress {\n"
		    "  192.0.2.%u/24\n }\n notify_master \"@D/rec.sh m%u\"\n"
		    "}\n",
		    i, i, i, i);
	load(conf);
	for (i = 1; i <= n; i++) {
		snprintf(name, sizeof(name), "BURST_%u", i);
		send(OBJ_VRRP_INSTANCE, name, MSG_VRRP_BACKUP, MSG_VRRP_MASTER,
		    100);
	}
	assert_true(herald_busy());
	assert_true(wait_until(burst_done));
	for (i = 1; i <= n; i++) {
		snprintf(name, sizeof(name), "m%u\n", i);
		assert_non_null(strstr(slurp(events), name));
	}
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
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	send(OBJ_VRRP_INSTANCE, "VI_2", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	assert_true(wait_until(idle));
	assert_string_equal(slurp(events), "fast\nslow\n");
}

static void
test_group(void **state)
{
	char line[128];

	(void)state;
	load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
	     " virtual_ipaddress {\n  192.0.2.1/24\n }\n}\n"
	     "vrrp_sync_group G1 {\n group {\n  VI_1\n }\n"
	     " notify_fault \"@D/rec.sh gfault\"\n"
	     " notify \"@D/rec.sh gnotify 0\"\n}\n");
	/* keepalived gives a group's priority as 0 */
	send(OBJ_VRRP_GROUP, "G1", MSG_VRRP_BACKUP, MSG_VRRP_FAULT, 50);
	assert_true(wait_until(idle));
	assert_string_equal(event_pairs(), "gfault|gnotify GROUP G1 FAULT 0|");
	assert_true(log_has("herald: VRRP_Group(G1) BACKUP -> FAULT\n"));
	/* an instance without scripts: logged, nothing runs */
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	assert_false(herald_busy());
	/* an object the configuration does not know: logged by its id */
	send(OBJ_VRRP_INSTANCE, "VI_9", MSG_VRRP_INIT, MSG_VRRP_BACKUP, 100);
	assert_false(herald_busy());
	snprintf(line, sizeof(line),
	    "herald: VRRP_Instance(#%016" PRIx64 ") INIT -> BACKUP "
	    "(priority 100)\n",
	    objid_name(OBJ_VRRP_INSTANCE, "VI_9"));
	assert_true(log_has(line));
}

/* A script past its timeout is killed and the queue moves on. */
static void
test_timeout(void **state)
{
	(void)state;
	herald_set_limits(300000, NOTIFY_STOP_WAIT);
	load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
	     " virtual_ipaddress {\n  192.0.2.1/24\n }\n"
	     " notify_master \"@D/rec.sh master 30\"\n"
	     " notify_backup \"@D/rec.sh backup\"\n}\n");
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_MASTER, MSG_VRRP_BACKUP, 100);
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
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_MASTER, MSG_VRRP_BACKUP, 100);
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_FAULT, 100);
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
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
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
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_MASTER, MSG_VRRP_BACKUP, 100);
	/* the queued transition keeps the scripts it arrived under */
	load("vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n"
	     " virtual_ipaddress {\n  192.0.2.1/24\n }\n"
	     " notify_master \"@D/rec.sh new-master\"\n"
	     " notify_backup \"@D/rec.sh new-backup\"\n}\n");
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
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

/* An instance in a sync group of its own. */
#define VI_G1 \
	"vrrp_instance VI_1 {\n interface eth0\n virtual_router_id 51\n" \
	" virtual_ipaddress {\n  192.0.2.1/24\n }\n}\n" \
	"vrrp_sync_group G1 {\n group {\n  VI_1\n }\n}\n"

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
	     " vrrp_notify_fifo @D/vrrp.fifo\n}\n" VI_G1);
	assert_int_equal(stat(f2, &sb), 0);
	assert_true(S_ISFIFO(sb.st_mode));
	fd1 = open(f1, O_RDONLY | O_NONBLOCK);
	fd2 = open(f2, O_RDONLY | O_NONBLOCK);
	assert_true(fd1 >= 0 && fd2 >= 0);
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_INIT, MSG_VRRP_BACKUP, 100);
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 150);
	send(OBJ_VRRP_GROUP, "G1", MSG_VRRP_BACKUP, MSG_VRRP_FAULT, 150);
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_MASTER, MSG_VRRP_INIT, 150);
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_INIT, MSG_VRRP_STOP, 150);
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
	     " fifo_write_vrrp_states_on_reload\n}\n" VI_G1);
	n = read(fd2, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	/* (objects of earlier tests are out of the configuration) */
	assert_string_equal(
	    buf, "INSTANCE \"VI_1\" STOP 150\nGROUP \"G1\" FAULT 0\n");
	n = read(fd1, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	/* A reload without them closes them; the one we made goes. */
	load("global_defs {\n router_id x\n}\n");
	assert_int_equal(stat(f1, &sb), 0);
	assert_int_equal(stat(f2, &sb), -1);
	assert_int_equal(errno, ENOENT);
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_STOP, MSG_VRRP_BACKUP, 1);
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
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_INIT, MSG_VRRP_BACKUP, 100);
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
	send(OBJ_VRRP_INSTANCE, "VI_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 100);
	herald_stop(on_stopped);
	assert_int_equal(stopped, 0);
	assert_true(wait_until(is_stopped));
	assert_int_equal(stopped, 1);
	assert_false(herald_busy());
	assert_true(log_has("vrrp_notify_fifo_script: ended"));
	assert_non_null(strstr(slurp(events), "master\n"));
	assert_int_equal(access(out, F_OK), 0);
	snprintf(out, sizeof(out), "%s/r.fifo", dir);
	assert_int_equal(access(out, F_OK), -1);
}

/* Events a sender could not have sent are refused, and nothing is
   heralded of them. */
static void
test_reject(void **state)
{
	objid_t id = objid_name(OBJ_VRRP_INSTANCE, "VI_1");
	struct msg_event e, ok;

	(void)state;
	ok = event(PROC_VRRP, OBJ_VRRP_INSTANCE, id, MSG_VRRP_BACKUP,
	    MSG_VRRP_MASTER, 77);
	e = ok;
	e.kind = OBJ_KIND_MAX;
	assert_non_null(herald_event(&e));
	e = ok;
	e.kind = OBJ_NONE;
	assert_non_null(herald_event(&e));
	e = ok;
	e.kind = OBJ_RS; /* the VRRP child reports no servers */
	assert_non_null(herald_event(&e));
	e = ok;
	e.source = PROC_MAX;
	assert_non_null(herald_event(&e));
	e = ok;
	e.new_state = MSG_VRRP_DELETED + 1;
	assert_non_null(herald_event(&e));
	e = ok;
	e.what = MSG_EVENT_WHAT_MAX;
	assert_non_null(herald_event(&e));
	e = ok; /* a note keeps the state */
	e.what = MSG_EVENT_PRIORITY;
	assert_non_null(herald_event(&e));
	e = ok; /* a group has no notes */
	e.kind = OBJ_VRRP_GROUP;
	e.old_state = e.new_state;
	e.what = MSG_EVENT_RX_LOWER_PRI;
	assert_non_null(herald_event(&e));
	e = ok;
	e.old_state = 9;
	assert_non_null(herald_event(&e));
	e = ok;
	e.value = 256;
	assert_non_null(herald_event(&e));
	e = ok;
	e.id = 0;
	assert_non_null(herald_event(&e));
	e = ok;
	e.seq = 0;
	assert_non_null(herald_event(&e));
	assert_false(log_has("(priority 77)"));
	assert_null(herald_event(&ok));
	/* the same event again is not heralded twice */
	assert_non_null(herald_event(&ok));
	assert_int_equal(log_count("herald: VRRP_Instance(VI_1) BACKUP -> "
	                           "MASTER (priority 77)\n"),
	    1);
}

/* Who may report what; a sender's sequence numbers start at 1 in each
   of its runs and only grow; a gap (a message it could not send) is
   logged. */
static void
test_sources_and_seq(void **state)
{
	objid_t id = herald_proc_id(PROC_IPVS);
	struct msg_event e;

	(void)state;
	assert_int_equal(herald_kinds_of(PROC_VRRP),
	    (1u << OBJ_VRRP_INSTANCE) | (1u << OBJ_VRRP_GROUP));
	assert_int_equal(herald_kinds_of(PROC_CHECK),
	    (1u << OBJ_VS) | (1u << OBJ_RS) | (1u << OBJ_PROC));
	assert_int_equal(herald_kinds_of(PROC_IPVS), 1u << OBJ_PROC);
	/* the core describes the children's own health */
	assert_non_null(herald_find(id));
	assert_string_equal(herald_find(id)->name, "ipvs");
	e = event(PROC_IPVS, OBJ_PROC, id, MSG_PROC_DOWN, MSG_PROC_UP, 0);
	assert_null(herald_event(&e));
	assert_true(log_has("herald: Process(ipvs) DOWN -> UP\n"));
	/* the checker's health is the checker's to tell */
	e = event(PROC_IPVS, OBJ_PROC, herald_proc_id(PROC_CHECK),
	    MSG_PROC_DOWN, MSG_PROC_UP, 0);
	assert_non_null(herald_event(&e));
	seqs[PROC_IPVS] += 1;
	e = event(PROC_IPVS, OBJ_PROC, id, MSG_PROC_UP, MSG_PROC_FAULT, 0);
	assert_null(herald_event(&e));
	assert_true(log_has("herald: 2 events of the ipvs child were lost\n"));
	e.seq--;
	assert_non_null(herald_event(&e));
	/* a new run of the child */
	seqs[PROC_IPVS] = 0;
	e = event(PROC_IPVS, OBJ_PROC, id, MSG_PROC_FAULT, MSG_PROC_UP, 0);
	assert_null(herald_event(&e));
	assert_int_equal(herald_find(id)->state, MSG_PROC_UP);
}

static void
collect(const struct herald_obj *o, void *arg)
{
	char *out = arg;

	if (strncmp(o->name, "T_", 2) == 0)
		sprintf(out + strlen(out), "%u %s %u %u|", o->kind, o->name,
		    o->state, o->value);
}

/* The table a respawned VRRP child resumes from: the last state and
   priority of each object, in table order (the configuration's). */
static void
test_table(void **state)
{
	char out[256] = "";

	(void)state;
	load("vrrp_instance T_1 {\n interface eth0\n virtual_router_id 61\n"
	     " virtual_ipaddress {\n  192.0.2.61/24\n }\n}\n"
	     "vrrp_instance T_2 {\n interface eth0\n virtual_router_id 62\n"
	     " virtual_ipaddress {\n  192.0.2.62/24\n }\n}\n"
	     "vrrp_sync_group T_G {\n group {\n  T_1\n  T_2\n }\n"
	     " smtp_alert\n}\n");
	send(OBJ_VRRP_INSTANCE, "T_1", MSG_VRRP_INIT, MSG_VRRP_BACKUP, 90);
	send(OBJ_VRRP_GROUP, "T_G", MSG_VRRP_INIT, MSG_VRRP_BACKUP, 90);
	send(OBJ_VRRP_INSTANCE, "T_2", MSG_VRRP_INIT, MSG_VRRP_FAULT, 80);
	send(OBJ_VRRP_INSTANCE, "T_1", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 95);
	send(OBJ_VRRP_GROUP, "T_G", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 95);
	herald_foreach(herald_kinds_of(PROC_VRRP), collect, out);
	assert_string_equal(out, "1 T_1 2 95|1 T_2 3 80|2 T_G 2 0|");
	/* what the VRRP supplier said of them */
	assert_true(herald_find(objid_name(OBJ_VRRP_GROUP, "T_G"))->smtp_alert);
	assert_false(
	    herald_find(objid_name(OBJ_VRRP_INSTANCE, "T_1"))->smtp_alert);
	assert_string_equal(
	    herald_find(objid_name(OBJ_VRRP_GROUP, "T_G"))->type, "GROUP");
}

/* An instance a reload removed keeps its name and scripts for its last
   event (DELETED); at the second configuration without it, it
   is forgotten. */
static void
test_removed(void **state)
{
	objid_t id = objid_name(OBJ_VRRP_INSTANCE, "GONE");

	(void)state;
	load("vrrp_instance GONE {\n interface eth0\n virtual_router_id 70\n"
	     " virtual_ipaddress {\n  192.0.2.70/24\n }\n"
	     " notify_stop \"@D/rec.sh stop\"\n"
	     " notify_deleted \"@D/rec.sh deleted\"\n"
	     " notify \"@D/rec.sh notify 0\"\n}\n");
	assert_true(herald_find(id)->configured);
	send(OBJ_VRRP_INSTANCE, "GONE", MSG_VRRP_INIT, MSG_VRRP_MASTER, 100);
	assert_true(wait_until(idle));
	unlink(events);
	load(CONF_VI);
	assert_false(herald_find(id)->configured);
	/* its last event runs the scripts the removed configuration gave
	   it (the herald's copies: that configuration is freed) */
	send(OBJ_VRRP_INSTANCE, "GONE", MSG_VRRP_MASTER, MSG_VRRP_DELETED, 100);
	assert_true(log_has(
	    "herald: VRRP_Instance(GONE) MASTER -> DELETED (priority 100)\n"));
	assert_true(wait_until(idle));
	assert_string_equal(
	    event_pairs(), "deleted|notify INSTANCE GONE DELETED 100|");
	load(CONF_VI);
	assert_null(herald_find(id));
}

/* Notes: a priority change and a master's lower priority advert reach
   the FIFOs in keepalived's words and notify_master_rx_lower_pri, but
   no generic notify, no state script, and no sink of transitions. */
static void
test_notes(void **state)
{
	objid_t id = objid_name(OBJ_VRRP_INSTANCE, "VI_N");
	struct msg_event e;
	char f[128], buf[512];
	ssize_t n;
	int fd;

	(void)state;
	snprintf(f, sizeof(f), "%s/notes.fifo", dir);
	load("global_defs {\n vrrp_notify_fifo @D/notes.fifo\n}\n"
	     "vrrp_instance VI_N {\n interface eth0\n virtual_router_id 71\n"
	     " virtual_ipaddress {\n  192.0.2.71/24\n }\n"
	     " notify_backup \"@D/rec.sh backup\"\n"
	     " notify_master \"@D/rec.sh master\"\n"
	     " notify_master_rx_lower_pri \"@D/rec.sh rxlow 0.3\"\n"
	     " notify \"@D/rec.sh notify 0\"\n}\n");
	fd = open(f, O_RDONLY | O_NONBLOCK);
	assert_true(fd >= 0);
	send(OBJ_VRRP_INSTANCE, "VI_N", MSG_VRRP_INIT, MSG_VRRP_BACKUP, 100);
	e = event(PROC_VRRP, OBJ_VRRP_INSTANCE, id, MSG_VRRP_BACKUP,
	    MSG_VRRP_BACKUP, 90);
	e.what = MSG_EVENT_PRIORITY;
	assert_null(herald_event(&e));
	assert_false(herald_event_told(herald_find(id), &e));
	assert_true(herald_note_told(herald_find(id), &e));
	assert_true(log_has("herald: VRRP_Instance(VI_N) BACKUP priority "
	                    "100 -> 90\n"));
	send(OBJ_VRRP_INSTANCE, "VI_N", MSG_VRRP_BACKUP, MSG_VRRP_MASTER, 90);
	e = event(PROC_VRRP, OBJ_VRRP_INSTANCE, id, MSG_VRRP_MASTER,
	    MSG_VRRP_MASTER, 120);
	e.what = MSG_EVENT_PRIORITY;
	assert_null(herald_event(&e));
	/* three lower adverts: the first's script waits behind MASTER's,
	   the others are not queued behind it (one waiting is enough) */
	for (n = 0; n < 3; n++) {
		e = event(PROC_VRRP, OBJ_VRRP_INSTANCE, id, MSG_VRRP_MASTER,
		    MSG_VRRP_MASTER, 120);
		e.what = MSG_EVENT_RX_LOWER_PRI;
		assert_null(herald_event(&e));
	}
	assert_true(log_has("herald: VRRP_Instance(VI_N) MASTER received a "
	                    "lower priority advert (priority 120)\n"));
	assert_true(herald_find(id)->state == MSG_VRRP_MASTER);
	assert_true(wait_until(idle));
	assert_string_equal(event_pairs(),
	    "backup|notify INSTANCE VI_N BACKUP 100|"
	    "master|notify INSTANCE VI_N MASTER 90|rxlow|");
	n = read(fd, buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf,
	    "INSTANCE \"VI_N\" BACKUP 100\n"
	    "INSTANCE \"VI_N\" BACKUP_PRIORITY 90\n"
	    "INSTANCE \"VI_N\" MASTER 90\n"
	    "INSTANCE \"VI_N\" MASTER_PRIORITY 120\n"
	    "INSTANCE \"VI_N\" MASTER_RX_LOWER_PRI 120\n"
	    "INSTANCE \"VI_N\" MASTER_RX_LOWER_PRI 120\n"
	    "INSTANCE \"VI_N\" MASTER_RX_LOWER_PRI 120\n");
	close(fd);
	load(CONF_VI);
}

/* ---- the checker's objects ---- */

/* The id of the virtual server the configuration names vname (as
   keepalived's FMT_VS), or of its real server rname (FMT_RS), or of its
   sorry server; 0 when there is none. */
static objid_t
lvs_id(const char *vname, const char *rname, bool sorry)
{
	const struct vs_model *m = cfg_model(cur, CFG_MODEL_VS);
	const struct vs_vs *vs;
	const struct vs_rs *rs;
	char n[VS_NAME_MAX];
	uint32_t i;

	for (i = 0; m != NULL && i < m->vss.n; i++) {
		vs = m->vss.v[i];
		vs_fmt_vs(vs, n, sizeof(n));
		if (strcmp(n, vname) != 0)
			continue;
		if (rname == NULL)
			return vs_id(vs);
		if (sorry)
			return vs->sorry != NULL
			    ? vs_sorry_id(vs_id(vs), vs->sorry)
			    : 0;
		for (rs = vs->rss; rs != NULL; rs = rs->next) {
			vs_fmt_rs(vs, rs, n, sizeof(n));
			if (strcmp(n, rname) == 0)
				return vs_rs_id(vs_id(vs), rs);
		}
	}
	return 0;
}

/* One event from the checker. */
static void
send_lvs(enum obj_kind kind, objid_t id, unsigned from, unsigned to,
    unsigned value, enum check_result reason)
{
	struct msg_event e = event(PROC_CHECK, kind, id, from, to, value);

	assert_int_not_equal(id, 0);
	e.reason = (uint8_t)reason;
	assert_null(herald_event(&e));
}

/* Where line (a whole line) is in text; -1 when it is not there. */
static long
line_at(const char *text, const char *line)
{
	size_t n = strlen(line);
	const char *p;

	for (p = text; (p = strstr(p, line)) != NULL; p++)
		if ((p == text || p[-1] == '\n') && p[n] == '\n')
			return p - text;
	return -1;
}

/* What a non-blocking FIFO reader has now ("" when nothing). */
static const char *
fifo_read(int fd)
{
	static char buf[2048];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

#define VS_A "[192.0.2.1]:tcp:80"
#define RS_10 "[192.0.2.10]:tcp:80"
#define RS_11 "[192.0.2.11]:tcp:80"
#define SORRY "[192.0.2.99]:tcp:80"

/* A virtual server of two real servers and a sorry server, every
   script of them appending its label to the events file; FIFOs. */
#define CONF_LVS \
	"global_defs {\n notify_fifo @D/n.fifo\n" \
	" vrrp_notify_fifo @D/v.fifo\n lvs_notify_fifo @D/lvs.fifo\n}\n" \
	"virtual_server 192.0.2.1 80 {\n protocol TCP\n quorum 2\n" \
	" quorum_up \"@D/rec.sh quorum-up\"\n" \
	" quorum_down \"@D/rec.sh quorum-down 0.2\"\n" \
	" sorry_server 192.0.2.99 80\n" \
	" real_server 192.0.2.10 80 {\n" \
	"  notify_up \"@D/rec.sh rs10-up\"\n" \
	"  notify_down \"@D/rec.sh rs10-down 0.3\"\n }\n" \
	" real_server 192.0.2.11 80 {\n" \
	"  notify_up \"@D/rec.sh rs11-up\"\n" \
	"  notify_down \"@D/rec.sh rs11-down\"\n }\n" \
	"}\n"

/*
 * Real servers, a sorry server and a quorum: keepalived's log words,
 * its notify_fifo / lvs_notify_fifo lines (none on vrrp_notify_fifo),
 * notify_up/down and quorum_up/down without arguments and in each
 * object's order; a weight change and the sorry server are logged only.
 */
static void
test_lvs_events(void **state)
{
	objid_t vs, r10, r11, sorry;
	char path[3][128];
	const char *ev;
	int fd[3], i;

	(void)state;
	load(CONF_LVS);
	snprintf(path[0], sizeof(path[0]), "%s/n.fifo", dir);
	snprintf(path[1], sizeof(path[1]), "%s/lvs.fifo", dir);
	snprintf(path[2], sizeof(path[2]), "%s/v.fifo", dir);
	for (i = 0; i < 3; i++) {
		fd[i] = open(path[i], O_RDONLY | O_NONBLOCK);
		assert_true(fd[i] >= 0);
	}
	vs = lvs_id(VS_A, NULL, false);
	r10 = lvs_id(VS_A, RS_10, false);
	r11 = lvs_id(VS_A, RS_11, false);
	sorry = lvs_id(VS_A, SORRY, true);
	assert_int_not_equal(sorry, r10);
	assert_string_equal(herald_find(vs)->name, VS_A);
	assert_string_equal(herald_find(r10)->scope, VS_A);
	assert_string_equal(herald_find(sorry)->name, SORRY);

	send_lvs(OBJ_RS, r10, MSG_RS_UP, MSG_RS_DOWN, 0, CHECK_R_REFUSED);
	send_lvs(OBJ_VS, vs, MSG_VS_UP, MSG_VS_DOWN, 1, CHECK_R_NONE);
	send_lvs(OBJ_RS, sorry, MSG_RS_DOWN, MSG_RS_UP, 1, CHECK_R_NONE);
	send_lvs(OBJ_RS, r11, MSG_RS_DOWN, MSG_RS_UP, 1, CHECK_R_OK);
	send_lvs(OBJ_RS, r11, MSG_RS_UP, MSG_RS_UP, 3, CHECK_R_OK);
	send_lvs(OBJ_RS, r10, MSG_RS_DOWN, MSG_RS_UP, 1, CHECK_R_OK);
	send_lvs(OBJ_RS, sorry, MSG_RS_UP, MSG_RS_DOWN, 0, CHECK_R_NONE);
	send_lvs(OBJ_VS, vs, MSG_VS_DOWN, MSG_VS_UP, 4, CHECK_R_NONE);
	assert_true(wait_until(idle));

	assert_true(
	    log_has("herald: Real_Server(" RS_10 " of " VS_A
	            ") DOWN (weight 0; refused: connection refused)\n"));
	assert_true(log_has(
	    "herald: Virtual_Server(" VS_A ") quorum DOWN (live weight 1)\n"));
	assert_true(log_has(
	    "herald: Sorry_Server(" SORRY " of " VS_A ") UP (weight 1)\n"));
	assert_true(log_has("herald: Real_Server(" RS_11 " of " VS_A
	                    ") UP (weight 1; ok: check passed)\n"));
	assert_true(log_has(
	    "herald: Real_Server(" RS_11 " of " VS_A ") weight 1 -> 3\n"));
	assert_true(log_has(
	    "herald: Sorry_Server(" SORRY " of " VS_A ") DOWN (weight 0)\n"));
	assert_true(log_has(
	    "herald: Virtual_Server(" VS_A ") quorum UP (live weight 4)\n"));

	/* each script once, without arguments; each object's in order */
	ev = slurp(events);
	assert_int_equal(strlen(ev),
	    strlen("rs10-down\nquorum-down\nrs11-up\n"
	           "rs10-up\nquorum-up\n"));
	assert_true(line_at(ev, "rs11-up") >= 0);
	assert_true(line_at(ev, "rs10-down") >= 0);
	assert_true(line_at(ev, "rs10-down") < line_at(ev, "rs10-up"));
	assert_true(line_at(ev, "quorum-down") >= 0);
	assert_true(line_at(ev, "quorum-down") < line_at(ev, "quorum-up"));

	/* keepalived's LVS lines, no weight change, no sorry server */
	for (i = 0; i < 2; i++)
		assert_string_equal(fifo_read(fd[i]),
		    "RS " RS_10 " " VS_A " DOWN\n"
		    "VS " VS_A " DOWN\n"
		    "RS " RS_11 " " VS_A " UP\n"
		    "RS " RS_10 " " VS_A " UP\n"
		    "VS " VS_A " UP\n");
	assert_string_equal(fifo_read(fd[2]), "");
	/* the next tests' configurations close the FIFOs (and remove
	   them: the herald made them) */
	for (i = 0; i < 3; i++)
		close(fd[i]);
}

/* A weight change that comes while a state's scripts run queues
   nothing: the next state's scripts follow the first ones. */
static void
test_lvs_weight_no_script(void **state)
{
	objid_t r10;

	(void)state;
	load(CONF_LVS);
	r10 = lvs_id(VS_A, RS_10, false);
	send_lvs(OBJ_RS, r10, MSG_RS_UP, MSG_RS_DOWN, 0, CHECK_R_TIMEOUT);
	send_lvs(OBJ_RS, r10, MSG_RS_DOWN, MSG_RS_DOWN, 0, CHECK_R_TIMEOUT);
	send_lvs(OBJ_RS, r10, MSG_RS_DOWN, MSG_RS_UP, 2, CHECK_R_OK);
	send_lvs(OBJ_RS, r10, MSG_RS_UP, MSG_RS_UP, 5, CHECK_R_OK);
	send_lvs(OBJ_RS, r10, MSG_RS_UP, MSG_RS_UP, 1, CHECK_R_OK);
	assert_true(wait_until(idle));
	assert_string_equal(slurp(events), "rs10-down\nrs10-up\n");
	assert_true(log_has("herald: Real_Server(" RS_10 " of " VS_A
	                    ") DOWN (weight 0; timeout: no answer in time)\n"));
	assert_true(log_has(
	    "herald: Real_Server(" RS_10 " of " VS_A ") weight 2 -> 5\n"));
	assert_true(log_has(
	    "herald: Real_Server(" RS_10 " of " VS_A ") weight 5 -> 1\n"));
	assert_int_equal(herald_find(r10)->value, 1);
	assert_int_equal(herald_find(r10)->state, MSG_RS_UP);
}

/* keepalived's names: IPv6 in brackets, "FWM N" and its real servers'
   "none" protocol, "[GROUP]:0"; smtp_alert as configured. */
static void
test_lvs_names(void **state)
{
	const struct herald_obj *o;

	(void)state;
	load("global_defs {\n smtp_alert_checker\n}\n"
	     "virtual_server_group G1 {\n 192.0.2.5 80\n}\n"
	     "virtual_server group G1 {\n protocol TCP\n"
	     " real_server 192.0.2.20 80 {\n }\n}\n"
	     "virtual_server fwmark 5 {\n real_server 192.0.2.21 80 {\n"
	     "  smtp_alert off\n }\n}\n"
	     "virtual_server 2001:db8::1 443 {\n protocol UDP\n"
	     " smtp_alert off\n"
	     " real_server 2001:db8::10 443 {\n }\n}\n");
	o = herald_find(lvs_id("[G1]:0", NULL, false));
	assert_non_null(o);
	assert_string_equal(o->type, "VS");
	assert_true(o->smtp_alert);
	o = herald_find(lvs_id("[G1]:0", "[192.0.2.20]:tcp:80", false));
	assert_non_null(o);
	assert_string_equal(o->scope, "[G1]:0");
	assert_string_equal(o->type, "RS");
	assert_true(o->smtp_alert);
	o = herald_find(lvs_id("FWM 5", "[192.0.2.21]:none:80", false));
	assert_non_null(o);
	assert_false(o->smtp_alert);
	o = herald_find(lvs_id("[2001:db8::1]:udp:443", NULL, false));
	assert_non_null(o);
	assert_false(o->smtp_alert);
	o = herald_find(
	    lvs_id("[2001:db8::1]:udp:443", "[2001:db8::10]:udp:443", false));
	assert_non_null(o);
	assert_string_equal(o->scope, "[2001:db8::1]:udp:443");
	/* an event of a server no configuration describes: logged by id,
	   no FIFO line, no script */
	send_lvs(OBJ_RS, 0x1234, MSG_RS_UP, MSG_RS_DOWN, 0, CHECK_R_RESET);
	assert_true(log_has("herald: Real_Server(#0000000000001234) DOWN "
	                    "(weight 0; reset: connection reset or closed)\n"));
	assert_false(herald_busy());
}

/* lvs_notify_fifo_script starts with the FIFO as its argument and reads
   the LVS lines. */
static bool
lvs_reader_has_line(void)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/lvs.out", dir);
	return strstr(slurp(path), "RS " RS_11 " " VS_A " DOWN\n") != NULL;
}

static void
test_lvs_fifo_script(void **state)
{
	char out[128];

	(void)state;
	snprintf(out, sizeof(out), "%s/lvs.out", dir);
	write_script("lvsreader.sh",
	    "echo \"arg $1\" >\"${1%/*}/lvs.out\"\n"
	    "while read -r l; do echo \"$l\"; done "
	    "<\"$1\" >>\"${1%/*}/lvs.out\"");
	load("global_defs {\n lvs_notify_fifo @D/l2.fifo\n"
	     " lvs_notify_fifo_script @D/lvsreader.sh\n}\n"
	     "virtual_server 192.0.2.1 80 {\n protocol TCP\n"
	     " real_server 192.0.2.11 80 {\n }\n}\n");
	send_lvs(OBJ_RS, lvs_id(VS_A, RS_11, false), MSG_RS_UP, MSG_RS_DOWN, 0,
	    CHECK_R_REFUSED);
	assert_true(wait_until(lvs_reader_has_line));
	assert_non_null(strstr(slurp(out), "/l2.fifo\n"));
	assert_true(log_has("lvs_notify_fifo "));
	/* a configuration without it closes the FIFO and ends the reader */
	load("global_defs {\n router_id x\n}\n");
	assert_false(herald_busy());
	snprintf(out, sizeof(out), "%s/l2.fifo", dir);
	assert_int_equal(access(out, F_OK), -1);
}

/* ---- a supplier and a sink of the tests' own ---- */

#define DUP_ID 0x5eedULL
#define BIG 50000
#define ROUNDS 4

static unsigned big_n; /* real servers "rs00000".. to describe */
static bool dup_on; /* two objects with one id */

static struct {
	unsigned n;
	uint32_t *seq;
	uint8_t *state;
	unsigned *count;
	unsigned long total;
	bool misordered;
} rec;

static void
test_supply(const struct config *cfg)
{
	struct herald_desc d;
	char name[16];
	unsigned i;

	(void)cfg;
	memset(&d, 0, sizeof(d));
	d.kind = OBJ_RS;
	d.type = "RS";
	d.name = name;
	for (i = 0; i < big_n; i++) {
		snprintf(name, sizeof(name), "rs%05u", i);
		d.id = objid_name(OBJ_RS, name);
		herald_describe(&d);
	}
	if (!dup_on)
		return;
	d.id = DUP_ID;
	d.name = "first";
	herald_describe(&d);
	d.name = "second";
	herald_describe(&d);
}

/* Records each real server's events: in order, each once. */
static void
rec_event(struct herald_obj *o, const struct msg_event *e)
{
	unsigned long i;
	char *end;

	if (rec.n == 0 || o->kind != OBJ_RS || strncmp(o->name, "rs", 2) != 0)
		return;
	i = strtoul(o->name + 2, &end, 10);
	if (*end != '\0' || i >= rec.n || e->id != o->id ||
	    o->state != e->new_state || e->seq <= rec.seq[i] ||
	    e->old_state != rec.state[i]) {
		rec.misordered = true;
		return;
	}
	rec.seq[i] = e->seq;
	rec.state[i] = e->new_state;
	rec.count[i]++;
	rec.total++;
}

static const struct herald_sink rec_sink = {
	.name = "test",
	.event = rec_event,
};

/* A second description of an id in one configuration is refused. */
static void
test_collision(void **state)
{
	(void)state;
	dup_on = true;
	herald_set_config(cur);
	dup_on = false;
	assert_true(log_has("herald: Real_Server(second) has the id of "
	                    "Real_Server(first); ignoring it\n"));
	assert_string_equal(herald_find(DUP_ID)->name, "first");
}

/* Sends each round's events, every object once per round, each round
   in an order of its own: DOWN -> UP, then UP -> DOWN, ... */
static void
scale_rounds(void)
{
	struct msg_event e;
	char name[16];
	unsigned r, j, i;

	for (r = 0; r < ROUNDS; r++)
		for (j = 0; j < BIG; j++) {
			i = (unsigned)(((uint64_t)j * 7919 + r * 104729) % BIG);
			snprintf(name, sizeof(name), "rs%05u", i);
			e = event(PROC_CHECK, OBJ_RS, objid_name(OBJ_RS, name),
			    r % 2 ? MSG_RS_UP : MSG_RS_DOWN,
			    r % 2 ? MSG_RS_DOWN : MSG_RS_UP, r + 1);
			assert_null(herald_event(&e));
		}
}

/* 50,000 objects, their events interleaved: each object's in order,
   each heralded once, each object found by its id. */
static void
test_scale(void **state)
{
	const struct herald_obj *o;
	char name[16];
	unsigned i;

	(void)state;
	assert_int_equal(ftruncate(STDERR_FILENO, 0), 0);
	rec.n = BIG;
	rec.seq = calloc(BIG, sizeof(*rec.seq));
	rec.state = calloc(BIG, sizeof(*rec.state));
	rec.count = calloc(BIG, sizeof(*rec.count));
	assert_true(rec.seq && rec.state && rec.count);
	big_n = BIG;
	herald_set_config(cur);
	scale_rounds();
	assert_false(rec.misordered);
	assert_int_equal(rec.total, BIG * ROUNDS);
	for (i = 0; i < BIG; i++) {
		snprintf(name, sizeof(name), "rs%05u", i);
		o = herald_find(objid_name(OBJ_RS, name));
		assert_non_null(o);
		assert_string_equal(o->name, name);
		assert_int_equal(rec.count[i], ROUNDS);
		assert_int_equal(o->state, MSG_RS_DOWN);
		assert_int_equal(o->value, ROUNDS);
	}
	assert_null(herald_find(objid_name(OBJ_RS, "rs99999")));
	assert_true(log_has("herald: Real_Server(rs00000) UP (weight 1)\n"));
	/* out of the configuration twice, they go */
	big_n = 0;
	herald_set_config(cur);
	assert_false(herald_find(objid_name(OBJ_RS, "rs00000"))->configured);
	herald_set_config(cur);
	assert_null(herald_find(objid_name(OBJ_RS, "rs00000")));
	rec.n = 0;
	free(rec.seq);
	free(rec.state);
	free(rec.count);
	/* the next tests read a log of their own, and start their timers
	   from now, not from the loop's time before all this */
	assert_int_equal(ftruncate(STDERR_FILENO, 0), 0);
	ev_now_update(loop);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_order_and_args, setup),
		cmocka_unit_test_setup(test_objects_independent, setup),
		cmocka_unit_test_setup(test_burst, setup),
		cmocka_unit_test_setup(test_group, setup),
		cmocka_unit_test_setup(test_timeout, setup),
		cmocka_unit_test_setup(test_failures_logged, setup),
		cmocka_unit_test_setup(test_security, setup),
		cmocka_unit_test_setup(test_reload, setup),
		cmocka_unit_test_setup(test_fifos, setup),
		cmocka_unit_test_setup(test_reject, setup),
		cmocka_unit_test_setup(test_sources_and_seq, setup),
		cmocka_unit_test_setup(test_table, setup),
		cmocka_unit_test_setup(test_removed, setup),
		cmocka_unit_test_setup(test_notes, setup),
		cmocka_unit_test_setup(test_lvs_events, setup),
		cmocka_unit_test_setup(test_lvs_weight_no_script, setup),
		cmocka_unit_test_setup(test_lvs_names, setup),
		cmocka_unit_test_setup(test_lvs_fifo_script, setup),
		cmocka_unit_test_setup(test_collision, setup),
		cmocka_unit_test_setup(test_scale, setup),
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
	herald_register_suppliers();
	loop = ev_default_loop(0);
	herald_init(loop);
	herald_add_supplier(test_supply);
	herald_sink_register(&rec_sink);
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
