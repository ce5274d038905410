/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_trk.c: trackers (scripts, interfaces, files, processes) into each
   instance's fault and priority, as keepalived weighs them. */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "vrrp_inst.h"
#include "vrrp_track.h"

static void script_tick(struct ev_loop *, ev_timer *, int);
static void script_done(struct script_job *, enum script_result, int);
static const char *script_why(enum script_result, int, char *, size_t);
static struct vrrp_tscript *find_script(const char *);
static struct vrrp_tval *find_tval(const void *);
static void tfile_changed(void *, const struct track_file *, int64_t);
static void
tproc_changed(void *, const struct vrrp_track_process *, bool, unsigned);
static void set_tval(const void *, int64_t);
static void weigh(const struct vrrp_track *, int64_t own_weight,
    bool own_reverse, int state, bool *fault, int *delta);
static void eval_lists(const struct cfg_vec *ifs, const struct cfg_vec *scripts,
    const struct cfg_vec *files, const struct cfg_vec *procs, bool *fault,
    int *delta);
static void mark_used(const struct cfg_vec *);
static const void *find_named(const struct cfg_vec *, const char *);

static struct vrrp_tscript *
find_script(const char *name)
{
	struct vrrp_tscript *ts;

	for (ts = vrrp.scripts; ts != NULL; ts = ts->next)
		if (strcmp(ts->conf->name, name) == 0)
			return ts;
	return NULL;
}

/* The object of that name in a vector of named model objects (each
   starts with its name, as vrrp_conf.h lays them out). */
static const void *
find_named(const struct cfg_vec *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (strcmp(*(const char *const *)v->v[i], name) == 0)
			return v->v[i];
	return NULL;
}

static struct vrrp_tval *
find_tval(const void *conf)
{
	struct vrrp_tval *t;

	for (t = vrrp.tvals; t != NULL; t = t->next)
		if (t->conf == conf)
			return t;
	return NULL;
}

static void
mark_used(const struct cfg_vec *v)
{
	const struct vrrp_track *t;
	struct vrrp_tscript *ts;
	size_t i;

	for (i = 0; i < v->n; i++) {
		t = v->v[i];
		ts = find_script(t->name);
		if (ts != NULL)
			ts->used = true;
	}
}

/*
 * Starts every tracker of the current model.  Script results survive a
 * reload when the script (name and command) is unchanged.
 */
void
vrrp_trk_start(void)
{
	const struct vrrp_model *m = vrrp.model;
	struct vrrp_tscript *old = vrrp.scripts, *ts, *o, *next;
	const struct vrrp_script *sc;
	const struct vrrp_instance *c;
	const struct vrrp_sync_group *g;
	size_t i;

	vrrp.scripts = NULL;
	for (i = 0; i < m->scripts.n; i++) {
		sc = m->scripts.v[i];
		ts = calloc(1, sizeof(*ts));
		if (ts == NULL)
			fatal("calloc");
		ts->conf = sc;
		risefall_init(&ts->rf, sc->init_fail ? 0 : -1);
		for (o = old; o != NULL; o = o->next)
			if (strcmp(o->conf->name, sc->name) == 0 &&
			    strcmp(o->conf->script.cmd, sc->script.cmd) == 0)
				ts->rf = o->rf;
		ts->job.done = script_done;
		ts->job.arg = ts;
		ev_timer_init(
		    &ts->timer, script_tick, 0, (double)sc->interval / 1e6);
		ts->timer.data = ts;
		ts->next = vrrp.scripts;
		vrrp.scripts = ts;
	}
	for (o = old; o != NULL; o = next) {
		next = o->next;
		ev_timer_stop(vrrp.loop, &o->timer);
		script_cancel(vrrp.loop, &o->job);
		free(o);
	}
	for (i = 0; i < m->instances.n; i++) {
		c = m->instances.v[i];
		mark_used(&c->lists->track_script);
	}
	for (i = 0; i < m->sync_groups.n; i++) {
		g = m->sync_groups.v[i];
		mark_used(&g->track_script);
	}
	/* run each used script now, then every interval */
	for (ts = vrrp.scripts; ts != NULL; ts = ts->next)
		if (ts->used)
			ev_timer_start(vrrp.loop, &ts->timer);
	for (ts = vrrp.scripts; ts != NULL; ts = ts->next)
		if (ts->used)
			script_tick(vrrp.loop, &ts->timer, 0);
	vrrp_tfile_stop(vrrp.loop);
	vrrp_tproc_stop(vrrp.loop);
	while (vrrp.tvals != NULL) {
		struct vrrp_tval *t = vrrp.tvals;

		vrrp.tvals = t->next;
		free(t);
	}
	if (m->track_files.n > 0)
		vrrp_tfile_start(vrrp.loop, m, tfile_changed, NULL);
	if (m->track_processes.n > 0)
		vrrp_tproc_start(vrrp.loop, m, tproc_changed, NULL);
}

void
vrrp_trk_stop(void)
{
	struct vrrp_tscript *ts;

	for (ts = vrrp.scripts; ts != NULL; ts = ts->next) {
		ev_timer_stop(vrrp.loop, &ts->timer);
		script_cancel(vrrp.loop, &ts->job);
	}
	vrrp_tfile_stop(vrrp.loop);
	vrrp_tproc_stop(vrrp.loop);
}

static void
script_tick(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct vrrp_tscript *ts = w->data;
	char what[160];

	(void)revents;
	if (script_running(&ts->job))
		return; /* no second launch while one runs */
	snprintf(what, sizeof(what), "vrrp_script %s", ts->conf->name);
	script_run(
	    loop, &ts->job, &ts->conf->script, NULL, ts->conf->timeout, what);
}

/*
 * Every result that is not a success is a failure, one that could not
 * start included: a missing script counts against the instance, as a
 * failing one would, until it is deployed and runs.
 */
static void
script_done(struct script_job *job, enum script_result r, int status)
{
	struct vrrp_tscript *ts = job->arg;
	const struct vrrp_script *sc = ts->conf;
	bool ok = r == SCRIPT_OK;
	char why[64];

	if (!risefall_add(&ts->rf, ok, (int)sc->rise, (int)sc->fall))
		return;
	if (ok)
		log_info("VRRP_Script(%s) succeeded", sc->name);
	else
		log_info("VRRP_Script(%s) failed (%s)", sc->name,
		    script_why(r, status, why, sizeof(why)));
	vrrp_trk_update();
}

/* Why a run failed, in keepalived's words where it has them. */
static const char *
script_why(enum script_result r, int status, char *buf, size_t size)
{
	switch (r) {
	case SCRIPT_FAILED:
		snprintf(buf, size, "exited with status %d", status);
		break;
	case SCRIPT_SIGNALED:
		snprintf(buf, size, "due to signal %d", status);
		break;
	case SCRIPT_TIMEOUT:
		snprintf(buf, size, "timed out");
		break;
	case SCRIPT_EXEC_FAILED:
		snprintf(buf, size, "%s",
		    status == ENOENT ? "script not found" : "not run");
		break;
	case SCRIPT_OK:
		snprintf(buf, size, "succeeded");
		break;
	}
	return buf;
}

static void
set_tval(const void *conf, int64_t value)
{
	struct vrrp_tval *t = find_tval(conf);

	if (t == NULL) {
		t = calloc(1, sizeof(*t));
		if (t == NULL)
			fatal("calloc");
		t->conf = conf;
		t->next = vrrp.tvals;
		vrrp.tvals = t;
	} else if (t->value == value) {
		return;
	}
	t->value = value;
	vrrp_trk_update();
}

static void
tfile_changed(void *arg, const struct track_file *tf, int64_t value)
{
	(void)arg;
	log_info("track_file %s: value %lld", tf->name, (long long)value);
	set_tval(tf, value);
}

static void
tproc_changed(
    void *arg, const struct vrrp_track_process *tp, bool up, unsigned count)
{
	const struct vrrp_tval *t = find_tval(tp);

	(void)arg;
	/* a busy program forks often: only the quorum's changes are news */
	if (t == NULL || (t->value != 0) != up)
		log_info("track_process %s: quorum %s (%u running)", tp->name,
		    up ? "gained" : "lost", count);
	else
		log_debug("track_process %s: %u running", tp->name, count);
	set_tval(tp, up);
}

/*
 * keepalived's weighing of an up/down tracker: weight 0 makes "down" a
 * FAULT; a positive weight is added while up, a negative one while
 * down; reverse turns the sign of what is added.  state -1 (not known
 * yet) counts for nothing.
 */
static void
weigh(const struct vrrp_track *t, int64_t own_weight, bool own_reverse,
    int state, bool *fault, int *delta)
{
	int64_t w = t->weight != VRRP_UNSET ? t->weight : own_weight;
	bool rev = t->reverse || own_reverse;

	if (state < 0)
		return;
	if (w == 0) {
		/* reverse: the good state is the FAULT one */
		if (state == (rev ? 1 : 0))
			*fault = true;
		return;
	}
	if ((w > 0 && state == 1) || (w < 0 && state == 0))
		*delta += (int)(rev ? -w : w);
}

static void
eval_lists(const struct cfg_vec *ifs, const struct cfg_vec *scripts,
    const struct cfg_vec *files, const struct cfg_vec *procs, bool *fault,
    int *delta)
{
	const struct vrrp_model *m = vrrp.model;
	const struct vrrp_track *t;
	const struct vrrp_link *l;
	struct vrrp_tscript *ts;
	struct vrrp_tval *tv;
	size_t i;

	for (i = 0; i < ifs->n; i++) {
		t = ifs->v[i];
		l = vrrp_nl_link_by_name(t->name);
		weigh(t, 0, false, l != NULL && l->up, fault, delta);
	}
	for (i = 0; i < scripts->n; i++) {
		t = scripts->v[i];
		ts = find_script(t->name);
		if (ts != NULL)
			weigh(t, ts->conf->weight, ts->conf->reverse,
			    ts->rf.state, fault, delta);
	}
	for (i = 0; i < files->n; i++) {
		const struct track_file *tf = NULL;
		int64_t w, v;

		t = files->v[i];
		tf = find_named(&m->track_files, t->name);
		if (tf == NULL || (tv = find_tval(tf)) == NULL)
			continue;
		/* the value times the weight; weight 0: non-zero is a
		   FAULT; a total below -253 is a FAULT too */
		w = t->weight != VRRP_UNSET ? t->weight : tf->weight;
		v = tv->value;
		if (t->reverse || tf->reverse) {
			w = -w;
			if (w == 0)
				v = v == 0; /* reverse: 0 is the failure */
		}
		if (w == 0) {
			if (v != 0)
				*fault = true;
		} else if (v * w <= -254) {
			*fault = true;
		} else {
			*delta += (int)(v * w > 253 ? 253 : v * w);
		}
	}
	for (i = 0; i < procs->n; i++) {
		const struct vrrp_track_process *tp = NULL;

		t = procs->v[i];
		tp = find_named(&m->track_processes, t->name);
		if (tp == NULL)
			continue;
		tv = find_tval(tp);
		weigh(t, tp->weight, tp->reverse,
		    tv != NULL ? (int)tv->value : -1, fault, delta);
	}
}

/* An instance's own fault: its interface, and weight-0 trackers. */
bool
vrrp_trk_fault(struct vrrp_inst *vi)
{
	const struct vrrp_instance *c = vi->conf;
	const struct vrrp_instance_lists *ls = c->lists;
	const struct vrrp_link *l;
	bool fault = false;
	int delta = 0;

	if (vi->ifindex > 0 && !c->dont_track_primary) {
		l = vrrp_nl_link_by_index(vi->ifindex);
		if (l == NULL || !l->up)
			fault = true;
	}
	/* fail closed: unicast without a peer never falls back to
	   multicast */
	if (vi->sock == NULL || (c->saddr_unicast && c->peers.n == 0))
		fault = true;
	eval_lists(&ls->track_if, &ls->track_script, &ls->track_file,
	    &ls->track_process, &fault, &delta);
	if (vi->group != NULL) {
		const struct vrrp_sync_group *g = vi->group->conf;

		eval_lists(&g->track_if, &g->track_script, &g->track_file,
		    &g->track_process, &fault, &delta);
	}
	vi->track_delta = delta;
	return fault;
}

/*
 * Every instance's fault and priority from the trackers now; a sync
 * group is in FAULT when any member is.  Changes go to the machines.
 */
void
vrrp_trk_update(void)
{
	struct vrrp_inst *vi;
	struct vrrp_group *g;
	struct vrrp_event ev;
	bool fault;
	unsigned i;

	if (vrrp.stopping)
		return;
	for (vi = vrrp.insts; vi != NULL; vi = vi->next)
		vi->fault_track = vrrp_trk_fault(vi);
	for (g = vrrp.groups; g != NULL; g = g->next) {
		fault = false;
		for (i = 0; i < g->nmembers; i++)
			fault = fault || g->members[i]->fault_track;
		for (i = 0; i < g->nmembers; i++)
			g->members[i]->fault_group = fault;
	}
	for (vi = vrrp.insts; vi != NULL; vi = vi->next) {
		fault = vi->fault_track || vi->fault_group;
		if (vi->fsm.state == VRRP_STATE_INIT) {
			continue;
		}
		if (fault != vi->fsm.fault)
			vrrp_inst_simple(
			    vi, fault ? VRRP_EV_FAULT_ON : VRRP_EV_FAULT_OFF);
		memset(&ev, 0, sizeof(ev));
		ev.type = VRRP_EV_PRIORITY;
		ev.u.priority.total = vi->conf->priority + vi->track_delta;
		if (vi->fsm.base_priority != 255 &&
		    ev.u.priority.total != vi->fsm.priority)
			vrrp_inst_event(vi, &ev);
	}
}
