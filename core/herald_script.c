/* SPDX-License-Identifier: GPL-2.0-or-later */
/* herald_script.c: the herald's notify scripts, one queue per object. */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "herald.h"
#include "log.h"
#include "script.h"

/* A script as the configuration named it, copied: an event keeps the
   scripts of the configuration it arrived under. */
struct hscript {
	char *cmd; /* NULL: none */
	char *user, *group;
};

/* One event whose scripts wait or run. */
struct hitem {
	struct hitem *next;
	uint32_t seq;
	uint8_t state;
	uint8_t what; /* enum msg_event_what: a note runs specific only */
	uint32_t value;
	const char *keyword; /* of specific: "notify_master" */
	struct hscript specific, generic;
};

/* An object's queue, from its first event with a script until the last
   one's scripts ended: its slot in herald_obj.sink. */
struct squeue {
	struct herald_obj *o;
	struct squeue *prev, *next; /* in ss.busy */
	struct hitem *head, *tail; /* head: the one running, if any */
	unsigned queued;
	bool started; /* head's scripts were started */
	struct script_job job[2]; /* the state's script, the generic one */
	char what[2][192];
};

static struct {
	int slot;
	struct squeue *busy;
	/* scripts started in this iteration of the loop (NOTIFY_STARTS_MAX),
	   and the timer that starts the rest in the next ones */
	unsigned iteration, starts;
	unsigned running; /* objects whose scripts run (NOTIFY_RUNNING_MAX) */
	ev_timer resume;
} ss;

static void on_event(struct herald_obj *, const struct msg_event *);
static bool note_waits(const struct squeue *, unsigned);
static bool sink_busy(void);
static unsigned sink_kill(void);
static struct squeue *queue_of(struct herald_obj *);
static void release(struct squeue *);
static char *dup_or_null(const char *);
static void copy_script(struct hscript *, const struct cfg_script *);
static void free_item(struct hitem *);
static void run_queue(struct squeue *);
static void drop_head(struct squeue *);
static bool start_item(struct squeue *);
static bool
run_one(struct squeue *, int, const struct hscript *, const char *const *);
static void script_done(struct script_job *, enum script_result, int);
static bool may_start(void);
static void resume_cb(struct ev_loop *, ev_timer *, int);

const struct herald_sink herald_script_sink = {
	.name = "scripts",
	.slot = &ss.slot,
	.event = on_event,
	.busy = sink_busy,
	.kill = sink_kill,
};

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

/* The object's queue, made when it has none. */
static struct squeue *
queue_of(struct herald_obj *o)
{
	struct squeue *q = o->sink[ss.slot];
	int i;

	if (q != NULL)
		return q;
	q = calloc(1, sizeof(*q));
	if (q == NULL)
		fatal("herald queue");
	q->o = o;
	for (i = 0; i < 2; i++) {
		q->job[i].done = script_done;
		q->job[i].arg = q;
		q->job[i].nice = NOTIFY_SCRIPT_NICE;
	}
	q->next = ss.busy;
	if (ss.busy != NULL)
		ss.busy->prev = q;
	ss.busy = q;
	o->sink[ss.slot] = q;
	return q;
}

/* An empty queue goes: the object is idle for this sink. */
static void
release(struct squeue *q)
{
	if (q->prev != NULL)
		q->prev->next = q->next;
	else
		ss.busy = q->next;
	if (q->next != NULL)
		q->next->prev = q->prev;
	q->o->sink[ss.slot] = NULL;
	free(q);
}

/* Queues the event's scripts behind the object's earlier ones. */
static void
on_event(struct herald_obj *o, const struct msg_event *e)
{
	const struct herald_script *spec = &o->on[e->new_state];
	const struct cfg_script *gen = o->type ? o->notify.script : NULL;
	struct squeue *q;
	struct hitem *it;

	if (herald_note_told(o, e)) {
		/* a note has its own script, without the generic one */
		spec = &o->note[e->what];
		gen = NULL;
		if (spec->script == NULL || spec->script->cmd == NULL ||
		    (o->sink[ss.slot] != NULL &&
		        note_waits(o->sink[ss.slot], e->what)))
			return;
	} else if (!herald_event_told(o, e))
		return;
	if ((spec->script == NULL || spec->script->cmd == NULL) &&
	    (gen == NULL || gen->cmd == NULL))
		return;
	q = queue_of(o);
	if (q->queued >= NOTIFY_QUEUE_MAX) {
		log_warnx("herald: %s(%s): %u events wait for their scripts; "
		          "not running those of %s",
		    herald_kind_label(o->kind), o->name, q->queued,
		    herald_state_word(o->kind, e->new_state));
		return;
	}
	it = calloc(1, sizeof(*it));
	if (it == NULL)
		fatal("herald queue");
	it->seq = e->seq;
	it->state = e->new_state;
	it->what = e->what;
	it->value = e->value;
	it->keyword = spec->keyword;
	copy_script(&it->specific, spec->script);
	copy_script(&it->generic, gen);
	if (q->tail != NULL)
		q->tail->next = it;
	else
		q->head = it;
	q->tail = it;
	q->queued++;
	run_queue(q);
}

/* A note of that kind waits, not started, in q: one more would only
   run the same script again later. */
static bool
note_waits(const struct squeue *q, unsigned what)
{
	const struct hitem *it;

	for (it = q->head; it != NULL; it = it->next)
		if (it->what == what && !(it == q->head && q->started))
			return true;
	return false;
}

/* Forgets the event at the head of q. */
static void
drop_head(struct squeue *q)
{
	struct hitem *it = q->head;

	q->head = it->next;
	if (q->head == NULL)
		q->tail = NULL;
	q->queued--;
	free_item(it);
}

/* Starts the scripts of the first event that has one that runs, unless
   the object's scripts run already; q goes when it is empty. */
static void
run_queue(struct squeue *q)
{
	while (q->head != NULL && !q->started) {
		if (!may_start())
			return; /* resume_cb goes on in the next iteration */
		if (start_item(q)) {
			ss.starts++;
			ss.running++;
			return;
		}
		drop_head(q);
	}
	if (q->head == NULL) {
		release(q);
		herald_sink_progress();
	}
}

/*
 * Whether this iteration of the loop may start one more event's scripts:
 * a burst (1,000 instances failing over together) is started a few per
 * iteration, so that the parent's loop still reads the children, answers
 * SNMP and sends mail between them.  Else the resume timer (due at
 * once, run after the next wait) is armed.
 */
static bool
may_start(void)
{
	struct ev_loop *loop = herald_loop();
	unsigned it = ev_iteration(loop);

	if (ss.running >= NOTIFY_RUNNING_MAX)
		return false; /* script_done() resumes */
	if (it != ss.iteration) {
		ss.iteration = it;
		ss.starts = 0;
	}
	if (ss.starts < NOTIFY_STARTS_MAX)
		return true;
	if (!ev_is_active(&ss.resume)) {
		ev_timer_init(&ss.resume, resume_cb, 0., 0.);
		ev_timer_start(loop, &ss.resume);
	}
	return false;
}

/* The queues that wait for a start, oldest object first. */
static void
resume_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct squeue *q, *prev;

	(void)loop;
	(void)w;
	(void)revents;
	for (q = ss.busy; q != NULL && q->next != NULL; q = q->next)
		;
	for (; q != NULL; q = prev) {
		prev = q->prev;
		if (q->head != NULL && !q->started)
			run_queue(q);
		if (ev_is_active(&ss.resume) ||
		    ss.running >= NOTIFY_RUNNING_MAX)
			return; /* this iteration's share is spent */
	}
}

/* Starts the head's scripts; false when none could start. */
static bool
start_item(struct squeue *q)
{
	const struct hitem *it = q->head;
	const struct herald_obj *o = q->o;
	const char *label = herald_kind_label(o->kind);
	char value[16];
	const char *args[5];
	bool any;

	snprintf(value, sizeof(value), "%" PRIu32, it->value);
	args[0] = o->type;
	args[1] = o->name;
	args[2] = herald_state_word(o->kind, it->state);
	args[3] = value;
	args[4] = NULL;
	snprintf(q->what[0], sizeof(q->what[0]), "%s(%s) %s", label, o->name,
	    it->keyword != NULL ? it->keyword : "script");
	snprintf(
	    q->what[1], sizeof(q->what[1]), "%s(%s) notify", label, o->name);
	q->started = true;
	any = run_one(q, 0, &it->specific, NULL);
	any = run_one(q, 1, &it->generic, args) || any;
	q->started = any;
	return any;
}

static bool
run_one(
    struct squeue *q, int i, const struct hscript *h, const char *const *args)
{
	struct cfg_script s = {
		.cmd = h->cmd, .user = h->user, .group = h->group
	};

	if (h->cmd == NULL)
		return false;
	return script_run(herald_loop(), &q->job[i], &s, args,
	           herald_script_timeout(), q->what[i]) == 0;
}

static void
script_done(struct script_job *j, enum script_result r, int status)
{
	struct squeue *q = j->arg;

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
	if (script_running(&q->job[0]) || script_running(&q->job[1]))
		return;
	q->started = false;
	ss.running--;
	drop_head(q);
	run_queue(q);
	/* a place is free: the queues that wait for one go on */
	if (ss.running < NOTIFY_RUNNING_MAX && !ev_is_active(&ss.resume)) {
		ev_timer_init(&ss.resume, resume_cb, 0., 0.);
		ev_timer_start(herald_loop(), &ss.resume);
	}
}

static bool
sink_busy(void)
{
	return ss.busy != NULL;
}

/* The stop's wait is over: what runs is killed, what waits dropped. */
static unsigned
sink_kill(void)
{
	struct squeue *q;
	unsigned n = 0;
	int k;

	ev_timer_stop(herald_loop(), &ss.resume);
	while ((q = ss.busy) != NULL) {
		for (k = 0; k < 2; k++)
			if (script_running(&q->job[k])) {
				script_cancel(herald_loop(), &q->job[k]);
				n++;
			}
		while (q->head != NULL)
			drop_head(q);
		release(q);
	}
	ss.running = 0;
	return n;
}
