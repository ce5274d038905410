/* SPDX-License-Identifier: GPL-2.0-or-later */
/* notify.c: the parent's herald of VRRP transitions: log, scripts, FIFOs. */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../vrrp/vrrp_conf.h"
#include "array.h"
#include "log.h"
#include "notify.h"
#include "script.h"

/* A script as the configuration named it, copied: a transition keeps
   the scripts of the configuration it arrived under. */
struct hscript {
	char *cmd; /* NULL: none */
	char *user, *group;
};

/* One transition whose scripts wait or run. */
struct hitem {
	struct hitem *next;
	uint32_t seq;
	uint8_t state, priority;
	struct hscript specific, generic;
};

/* The herald's view of one instance or sync group. */
struct hobj {
	uint8_t kind; /* enum msg_vrrp_kind */
	uint8_t state, priority; /* last heard */
	char name[MSG_VRRP_NAME_LEN];
	struct hitem *head, *tail; /* head: the one running, if any */
	unsigned queued;
	bool started; /* head's scripts were started */
	struct script_job job[2]; /* the state's script, the generic one */
	char what[2][MSG_VRRP_NAME_LEN + 40];
};

/* notify_fifo or vrrp_notify_fifo, as opened. */
struct hfifo {
	const char *keyword;
	struct global_fifo conf; /* what is open now */
	int fd; /* -1: closed */
	bool created; /* by us: removed at close */
	bool full; /* a line was dropped since the last that went */
	struct script_job job; /* its *_notify_fifo_script */
	char what[48];
};

static struct {
	struct ev_loop *loop;
	const struct config *cfg;
	struct hobj **objs;
	size_t n, cap;
	struct hfifo fifo[2];
	uint64_t timeout_us;
	double stop_wait;
	bool stopping;
	void (*stop_done)(void);
	ev_timer stop_timer;
} he;

static const char *state_word(unsigned);
static const char *kind_label(unsigned);
static struct hobj *find_obj(unsigned, const char *, bool);
static void find_scripts(const struct msg_vrrp_transition *,
    const struct cfg_script **, const struct cfg_script **);
static char *dup_or_null(const char *);
static void copy_script(struct hscript *, const struct cfg_script *);
static void free_item(struct hitem *);
static void enqueue(struct hobj *, const struct msg_vrrp_transition *);
static void run_queue(struct hobj *);
static void drop_head(struct hobj *);
static bool start_item(struct hobj *);
static bool
run_one(struct hobj *, int, const struct hscript *, const char *const *);
static void script_done(struct script_job *, enum script_result, int);
static void fifo_line(const char *);
static void fifo_set(struct hfifo *, const struct global_fifo *);
static void fifo_open(struct hfifo *);
static void fifo_close(struct hfifo *);
static void fifo_script_done(struct script_job *, enum script_result, int);
static bool fifo_same(const struct global_fifo *, const struct global_fifo *);
static void fifo_write_states(void);
static void stop_check(void);
static void stop_expired(struct ev_loop *, ev_timer *, int);

void
notify_init(struct ev_loop *loop)
{
	int i;

	he.loop = loop;
	he.timeout_us = NOTIFY_SCRIPT_TIMEOUT_US;
	he.stop_wait = NOTIFY_STOP_WAIT;
	for (i = 0; i < 2; i++) {
		he.fifo[i].fd = -1;
		he.fifo[i].keyword =
		    i == 0 ? "notify_fifo" : "vrrp_notify_fifo";
		snprintf(he.fifo[i].what, sizeof(he.fifo[i].what), "%s_script",
		    he.fifo[i].keyword);
		he.fifo[i].job.done = fifo_script_done;
		he.fifo[i].job.arg = &he.fifo[i];
	}
	ev_timer_init(&he.stop_timer, stop_expired, 0, 0);
}

void
notify_set_limits(uint64_t script_timeout_us, double stop_wait)
{
	he.timeout_us = script_timeout_us;
	he.stop_wait = stop_wait;
}

void
notify_set_config(const struct config *cfg)
{
	bool reload = he.cfg != NULL;

	he.cfg = cfg;
	script_set_defaults(cfg);
	if (he.stopping)
		return;
	fifo_set(&he.fifo[0], &cfg->global.notify_fifo);
	fifo_set(&he.fifo[1], &cfg->global.vrrp_notify_fifo);
	if (reload && cfg->global.fifo_write_vrrp_states_on_reload)
		fifo_write_states();
}

/* ---- transitions ---- */

/* keepalived's words for the states (vrrp_notify.c). */
static const char *
state_word(unsigned st)
{
	switch (st) {
	case MSG_VRRP_INIT:
		return "INIT";
	case MSG_VRRP_BACKUP:
		return "BACKUP";
	case MSG_VRRP_MASTER:
		return "MASTER";
	case MSG_VRRP_FAULT:
		return "FAULT";
	case MSG_VRRP_STOP:
		return "STOP";
	default:
		return "{UNKNOWN}";
	}
}

static const char *
kind_label(unsigned kind)
{
	return kind == MSG_VRRP_GROUP ? "VRRP_Group" : "VRRP_Instance";
}

bool
notify_vrrp_transition(const struct msg_vrrp_transition *t)
{
	struct hobj *o;
	char line[MSG_VRRP_NAME_LEN + 64];
	unsigned prio;

	if (t->kind > MSG_VRRP_GROUP || t->old_state > MSG_VRRP_STOP ||
	    t->new_state > MSG_VRRP_STOP ||
	    memchr(t->name, '\0', sizeof(t->name)) == NULL ||
	    t->name[0] == '\0')
		return false;
	/* keepalived reports a group's priority as 0. */
	prio = t->kind == MSG_VRRP_GROUP ? 0 : t->priority;
	if (t->kind == MSG_VRRP_GROUP)
		log_info("herald: %s(%s) %s -> %s", kind_label(t->kind),
		    t->name, state_word(t->old_state),
		    state_word(t->new_state));
	else
		log_info("herald: %s(%s) %s -> %s (priority %u)",
		    kind_label(t->kind), t->name, state_word(t->old_state),
		    state_word(t->new_state), prio);
	o = find_obj(t->kind, t->name, true);
	o->state = t->new_state;
	o->priority = (uint8_t)prio;
	if (t->new_state == MSG_VRRP_INIT)
		return true;
	snprintf(line, sizeof(line), "%s \"%s\" %s %u\n",
	    t->kind == MSG_VRRP_GROUP ? "GROUP" : "INSTANCE", t->name,
	    state_word(t->new_state), prio);
	fifo_line(line);
	enqueue(o, t);
	return true;
}

void
notify_vrrp_foreach(
    void (*fn)(const struct msg_vrrp_state *, void *), void *arg)
{
	struct msg_vrrp_state s;
	size_t i;

	for (i = 0; i < he.n; i++) {
		memset(&s, 0, sizeof(s));
		s.kind = he.objs[i]->kind;
		s.state = he.objs[i]->state;
		s.priority = he.objs[i]->priority;
		memcpy(s.name, he.objs[i]->name, sizeof(s.name));
		fn(&s, arg);
	}
}

/* The object of that kind and name; a new one when create is set. */
static struct hobj *
find_obj(unsigned kind, const char *name, bool create)
{
	struct hobj *o;
	size_t i;

	for (i = 0; i < he.n; i++)
		if (he.objs[i]->kind == kind &&
		    strcmp(he.objs[i]->name, name) == 0)
			return he.objs[i];
	if (!create)
		return NULL;
	he.objs = array_grow(he.objs, &he.cap, he.n + 1, sizeof(*he.objs));
	o = calloc(1, sizeof(*o));
	if (o == NULL)
		fatal("herald table");
	o->kind = (uint8_t)kind;
	snprintf(o->name, sizeof(o->name), "%s", name);
	for (i = 0; i < 2; i++) {
		o->job[i].done = script_done;
		o->job[i].arg = o;
	}
	he.objs[he.n++] = o;
	return o;
}

/* The state's script and the generic one of the object t names, in the
   current configuration; NULL for none. */
static void
find_scripts(const struct msg_vrrp_transition *t,
    const struct cfg_script **spec, const struct cfg_script **gen)
{
	const struct vrrp_model *m =
	    he.cfg ? cfg_model(he.cfg, CFG_MODEL_VRRP) : NULL;
	const struct vrrp_instance *vi;
	const struct vrrp_sync_group *g;
	const struct cfg_script *v[4] = { NULL };
	uint32_t i;

	*spec = *gen = NULL;
	if (m == NULL)
		return;
	if (t->kind == MSG_VRRP_INSTANCE) {
		for (i = 0; i < m->instances.n; i++) {
			vi = m->instances.v[i];
			if (strcmp(vi->name, t->name) != 0)
				continue;
			v[0] = &vi->opts->notify_backup;
			v[1] = &vi->opts->notify_master;
			v[2] = &vi->opts->notify_fault;
			v[3] = &vi->opts->notify_stop;
			*gen = &vi->opts->notify;
			break;
		}
	} else {
		for (i = 0; i < m->sync_groups.n; i++) {
			g = m->sync_groups.v[i];
			if (strcmp(g->name, t->name) != 0)
				continue;
			v[0] = &g->notify_backup;
			v[1] = &g->notify_master;
			v[2] = &g->notify_fault;
			v[3] = &g->notify_stop;
			*gen = &g->notify;
			break;
		}
	}
	if (t->new_state >= MSG_VRRP_BACKUP && t->new_state <= MSG_VRRP_STOP)
		*spec = v[t->new_state - MSG_VRRP_BACKUP];
}

static char *
dup_or_null(const char *s)
{
	char *d;

	if (s == NULL)
		return NULL;
	d = strdup(s);
	if (d == NULL)
		fatal("herald script");
	return d;
}

static void
copy_script(struct hscript *h, const struct cfg_script *s)
{
	memset(h, 0, sizeof(*h));
	if (s == NULL || s->cmd == NULL)
		return;
	h->cmd = dup_or_null(s->cmd);
	h->user = dup_or_null(s->user);
	h->group = dup_or_null(s->group);
}

static void
free_item(struct hitem *it)
{
	free(it->specific.cmd);
	free(it->specific.user);
	free(it->specific.group);
	free(it->generic.cmd);
	free(it->generic.user);
	free(it->generic.group);
	free(it);
}

/* Queues t's scripts behind the object's earlier ones. */
static void
enqueue(struct hobj *o, const struct msg_vrrp_transition *t)
{
	const struct cfg_script *spec, *gen;
	struct hitem *it;

	find_scripts(t, &spec, &gen);
	if ((spec == NULL || spec->cmd == NULL) &&
	    (gen == NULL || gen->cmd == NULL))
		return;
	if (o->queued >= NOTIFY_QUEUE_MAX) {
		log_warnx("herald: %s(%s): %u transitions wait for their "
		          "scripts; not running those of %s",
		    kind_label(o->kind), o->name, o->queued,
		    state_word(t->new_state));
		return;
	}
	it = calloc(1, sizeof(*it));
	if (it == NULL)
		fatal("herald queue");
	it->seq = t->seq;
	it->state = t->new_state;
	it->priority = o->priority;
	copy_script(&it->specific, spec);
	copy_script(&it->generic, gen);
	if (o->tail != NULL)
		o->tail->next = it;
	else
		o->head = it;
	o->tail = it;
	o->queued++;
	run_queue(o);
}

/* Forgets the transition at the head of o's queue. */
static void
drop_head(struct hobj *o)
{
	struct hitem *it = o->head;

	o->head = it->next;
	if (o->head == NULL)
		o->tail = NULL;
	o->queued--;
	free_item(it);
}

/* Starts the scripts of the first transition that has one that runs,
   unless the object's scripts run already. */
static void
run_queue(struct hobj *o)
{
	while (o->head != NULL && !o->started) {
		if (start_item(o))
			return;
		drop_head(o);
	}
	if (he.stopping)
		stop_check();
}

/* Starts the head's scripts; false when none could start. */
static bool
start_item(struct hobj *o)
{
	const struct hitem *it = o->head;
	static const char *const names[] = { "notify_backup", "notify_master",
		"notify_fault", "notify_stop" };
	char prio[8];
	const char *args[5];
	bool any;

	snprintf(prio, sizeof(prio), "%u", it->priority);
	args[0] = o->kind == MSG_VRRP_GROUP ? "GROUP" : "INSTANCE";
	args[1] = o->name;
	args[2] = state_word(it->state);
	args[3] = prio;
	args[4] = NULL;
	snprintf(o->what[0], sizeof(o->what[0]), "%s(%s) %s",
	    kind_label(o->kind), o->name, names[it->state - MSG_VRRP_BACKUP]);
	snprintf(o->what[1], sizeof(o->what[1]), "%s(%s) notify",
	    kind_label(o->kind), o->name);
	o->started = true;
	any = run_one(o, 0, &it->specific, NULL);
	any = run_one(o, 1, &it->generic, args) || any;
	o->started = any;
	return any;
}

static bool
run_one(struct hobj *o, int i, const struct hscript *h, const char *const *args)
{
	struct cfg_script s = {
		.cmd = h->cmd, .user = h->user, .group = h->group
	};

	if (h->cmd == NULL)
		return false;
	return script_run(he.loop, &o->job[i], &s, args, he.timeout_us,
	           o->what[i]) == 0;
}

static void
script_done(struct script_job *j, enum script_result r, int status)
{
	struct hobj *o = j->arg;

	switch (r) {
	case SCRIPT_OK:
		log_debug("%s: done", j->what);
		break;
	case SCRIPT_FAILED:
		log_warnx("%s: exited with status %d", j->what, status);
		break;
	case SCRIPT_SIGNALED:
		log_warnx("%s: killed by signal %d", j->what, status);
		break;
	case SCRIPT_TIMEOUT:
		log_warnx("%s: killed after its timeout", j->what);
		break;
	case SCRIPT_EXEC_FAILED:
		break; /* the runner said why */
	}
	if (script_running(&o->job[0]) || script_running(&o->job[1]))
		return;
	o->started = false;
	drop_head(o);
	run_queue(o);
}

bool
notify_busy(void)
{
	size_t i;

	for (i = 0; i < he.n; i++)
		if (he.objs[i]->head != NULL)
			return true;
	return script_running(&he.fifo[0].job) ||
	    script_running(&he.fifo[1].job);
}

/* ---- FIFOs ---- */

/* One line to each open FIFO, never blocking: a reader that does not
   keep up loses lines (logged once per run of losses). */
static void
fifo_line(const char *line)
{
	struct hfifo *f;
	size_t len = strlen(line);
	int i;

	for (i = 0; i < 2; i++) {
		f = &he.fifo[i];
		if (f->fd < 0)
			continue;
		if (write(f->fd, line, len) == (ssize_t)len) {
			f->full = false;
			continue;
		}
		if (!f->full)
			log_warn("%s %s: lines lost", f->keyword, f->conf.path);
		f->full = true;
	}
}

/* Every known state, for fifo_write_vrrp_states_on_reload. */
static void
fifo_write_states(void)
{
	char line[MSG_VRRP_NAME_LEN + 64];
	const struct hobj *o;
	size_t i;

	for (i = 0; i < he.n; i++) {
		o = he.objs[i];
		if (o->state == MSG_VRRP_INIT)
			continue;
		snprintf(line, sizeof(line), "%s \"%s\" %s %u\n",
		    o->kind == MSG_VRRP_GROUP ? "GROUP" : "INSTANCE", o->name,
		    state_word(o->state), o->priority);
		fifo_line(line);
	}
}

static bool
fifo_same(const struct global_fifo *a, const struct global_fifo *b)
{
	return strcmp(a->path, b->path) == 0 && strcmp(a->user, b->user) == 0 &&
	    strcmp(a->group, b->group) == 0 &&
	    strcmp(a->script.cmd, b->script.cmd) == 0 &&
	    strcmp(a->script.user, b->script.user) == 0 &&
	    strcmp(a->script.group, b->script.group) == 0;
}

/* Applies a configuration's FIFO: unchanged, it stays open as it is. */
static void
fifo_set(struct hfifo *f, const struct global_fifo *c)
{
	if (f->fd >= 0 && fifo_same(&f->conf, c))
		return;
	fifo_close(f);
	if (script_running(&f->job))
		script_cancel(he.loop, &f->job);
	f->conf = *c;
	if (c->path[0] != '\0')
		fifo_open(f);
}

/*
 * As keepalived's fifo_open() (lib/notify.c): create the FIFO if it is
 * missing and give it to its user, start its script with the path as
 * argument, open it read-write (so neither open nor write waits for a
 * reader) and non-blocking.
 */
static void
fifo_open(struct hfifo *f)
{
	const char *path = f->conf.path;
	struct cfg_script s = { 0 };
	const char *args[2] = { path, NULL };
	const struct passwd *pw;
	const struct group *gr;
	struct stat sb;
	uid_t uid;
	gid_t gid;

	f->created = false;
	f->full = false;
	if (mkfifo(path, S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH) == 0) {
		f->created = true;
		if (script_default_ids(&uid, &gid) < 0) {
			uid = getuid();
			gid = getgid();
		}
		if (f->conf.user[0] && (pw = getpwnam(f->conf.user)) != NULL) {
			uid = pw->pw_uid;
			gid = pw->pw_gid;
		}
		if (f->conf.group[0] && (gr = getgrnam(f->conf.group)) != NULL)
			gid = gr->gr_gid;
		if ((uid != getuid() || gid != getgid()) &&
		    chown(path, uid, gid) < 0)
			log_warn("%s %s: cannot give it to %u:%u", f->keyword,
			    path, (unsigned)uid, (unsigned)gid);
	} else if (errno != EEXIST) {
		log_warn("%s %s: cannot create it", f->keyword, path);
		return;
	}
	f->fd = open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
	if (f->fd < 0 || fstat(f->fd, &sb) < 0 || !S_ISFIFO(sb.st_mode)) {
		if (f->fd < 0)
			log_warn("%s %s: cannot open it", f->keyword, path);
		else
			log_warnx("%s %s: not a FIFO", f->keyword, path);
		fifo_close(f);
		return;
	}
	log_info("%s %s open", f->keyword, path);
	if (f->conf.script.cmd[0] == '\0')
		return;
	s.cmd = f->conf.script.cmd;
	s.user = f->conf.script.user[0] ? f->conf.script.user : NULL;
	s.group = f->conf.script.group[0] ? f->conf.script.group : NULL;
	script_run(he.loop, &f->job, &s, args, 0, f->what);
}

/* Closes the FIFO and removes it if we made it: a reader sees the end
   once it read what is left. */
static void
fifo_close(struct hfifo *f)
{
	if (f->fd >= 0) {
		if (f->created)
			unlink(f->conf.path);
		close(f->fd);
	}
	f->fd = -1;
	f->created = false;
}

static void
fifo_script_done(struct script_job *j, enum script_result r, int status)
{
	/* keepalived only notes it (vrrp.c vrrp_notify_fifo_script_exit),
	   and so do we: a reader that keeps failing is not restarted. */
	if (he.stopping) {
		log_info("%s: ended", j->what);
		stop_check();
	} else
		log_info("%s: ended (%s, %d); not restarted", j->what,
		    script_result_name(r), status);
}

/* ---- stop ---- */

void
notify_stop(void (*done)(void))
{
	int i;

	he.stop_done = done;
	if (he.stopping) {
		stop_check();
		return;
	}
	he.stopping = true;
	for (i = 0; i < 2; i++) {
		fifo_close(&he.fifo[i]);
		/* keepalived ends a FIFO script with SIGTERM when it exits. */
		script_terminate(he.loop, &he.fifo[i].job);
	}
	ev_timer_set(&he.stop_timer, he.stop_wait, 0);
	ev_timer_start(he.loop, &he.stop_timer);
	stop_check();
}

/* Calls the stop's done() once nothing runs. */
static void
stop_check(void)
{
	void (*done)(void) = he.stop_done;

	if (notify_busy() || done == NULL)
		return;
	he.stop_done = NULL;
	ev_timer_stop(he.loop, &he.stop_timer);
	done();
}

static void
stop_expired(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct hitem *it;
	struct hobj *o;
	unsigned n = 0;
	size_t i;
	int k;

	(void)w;
	(void)revents;
	for (i = 0; i < he.n; i++) {
		o = he.objs[i];
		for (k = 0; k < 2; k++)
			if (script_running(&o->job[k])) {
				script_cancel(loop, &o->job[k]);
				n++;
			}
		while ((it = o->head) != NULL) {
			o->head = it->next;
			free_item(it);
		}
		o->tail = NULL;
		o->queued = 0;
		o->started = false;
	}
	for (k = 0; k < 2; k++)
		if (script_running(&he.fifo[k].job)) {
			script_cancel(loop, &he.fifo[k].job);
			n++;
		}
	log_warnx("herald: scripts still running %.1f s into the stop; "
	          "killed %u, skipped the queued ones",
	    he.stop_wait, n);
	stop_check();
}

void
notify_forget(void)
{
	size_t i;
	int k;

	for (i = 0; i < he.n; i++)
		for (k = 0; k < 2; k++)
			script_forget(&he.objs[i]->job[k]);
	for (k = 0; k < 2; k++) {
		if (he.fifo[k].fd >= 0)
			close(he.fifo[k].fd);
		he.fifo[k].fd = -1;
		script_forget(&he.fifo[k].job);
	}
}
