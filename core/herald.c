/* SPDX-License-Identifier: GPL-2.0-or-later */
/* herald.c: the herald's objects by id, their suppliers, its sinks, its stop. */

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_result.h"
#include "child.h"
#include "herald.h"
#include "log.h"
#include "script.h"

/* What events of one kind may say, and who may say it. */
struct kind_info {
	const char *label; /* NULL: not a kind of event */
	const char *value_name; /* "priority"; NULL: the value is 0 */
	uint32_t value_max;
	const char *const *words; /* the states' words */
	unsigned nstates;
	unsigned sources; /* bits 1 << enum proc_id */
	unsigned quiet; /* bits 1 << state: logged, not told */
	bool restate; /* an event may keep the state: its value changed */
	unsigned notes; /* bits 1 << enum msg_event_what, STATE aside */
	/* Its own log line; NULL: "OLD -> NEW (value_name VALUE)". */
	void (*log)(const struct herald_obj *, const struct msg_event *);
};

/* A script the herald keeps a copy of; s points at the strings. */
struct oscript {
	char *cmd, *user, *group;
	struct cfg_script s;
};

/* An object's scripts: on[], notify, note[]. */
#define NSCRIPTS (HERALD_STATES + 1 + MSG_EVENT_WHAT_MAX)

/* The herald's own part of an object. */
struct hobj {
	struct herald_obj pub;
	struct hobj *hnext; /* in its hash bucket */
	struct hobj *prev, *next; /* in table order */
	char *name; /* pub.name, owned */
	char *scope; /* pub.scope, owned */
	unsigned round; /* the last configuration that described it */
	/* Copies of the scripts pub.on, pub.notify and pub.note point at:
	   a removed object's last events (keepalived's DELETED) run those
	   of the configuration that described it, freed by then. */
	struct oscript *own[NSCRIPTS];
};

static const char *const vrrp_words[] = { "INIT", "BACKUP", "MASTER", "FAULT",
	"STOP", "DELETED" };
static const char *const updown_words[] = { "DOWN", "UP" };
static const char *const proc_words[] = { "DOWN", "UP", "FAULT" };

static void log_rs(const struct herald_obj *, const struct msg_event *);
static void log_vs(const struct herald_obj *, const struct msg_event *);
static void log_proc(const struct herald_obj *, const struct msg_event *);
static void log_note(const struct herald_obj *, const struct msg_event *);
static const struct cfg_script *
keep_script(struct oscript **, const struct cfg_script *);
static void free_oscript(struct oscript *);
static void keep_scripts(struct hobj *);

#define SRC(p) (1u << (p))
static const struct kind_info kinds[OBJ_KIND_MAX] = {
	/* keepalived reports a group's priority as 0 */
	[OBJ_VRRP_INSTANCE] = { .label = "VRRP_Instance",
	    .value_name = "priority",
	    .value_max = 255,
	    .words = vrrp_words,
	    .nstates = 6, /* DELETED too */
	    .sources = SRC(PROC_VRRP),
	    .quiet = 1u << MSG_VRRP_INIT,
	    .notes =
	        (1u << MSG_EVENT_PRIORITY) | (1u << MSG_EVENT_RX_LOWER_PRI) },
	[OBJ_VRRP_GROUP] = { .label = "VRRP_Group",
	    .words = vrrp_words,
	    .nstates = 5,
	    .sources = SRC(PROC_VRRP),
	    .quiet = 1u << MSG_VRRP_INIT },
	/* a quorum's value: the live real servers' weight */
	[OBJ_VS] = { .label = "Virtual_Server",
	    .value_name = "live weight",
	    .value_max = UINT32_MAX,
	    .words = updown_words,
	    .nstates = 2,
	    .sources = SRC(PROC_CHECK),
	    .restate = true,
	    .log = log_vs },
	[OBJ_RS] = { .label = "Real_Server",
	    .value_name = "weight",
	    .value_max = UINT32_MAX,
	    .words = updown_words,
	    .nstates = 2,
	    .sources = SRC(PROC_CHECK),
	    .restate = true,
	    .log = log_rs },
	[OBJ_PROC] = { .label = "Process",
	    .words = proc_words,
	    .nstates = 3,
	    .sources = SRC(PROC_CHECK) | SRC(PROC_IPVS),
	    .log = log_proc },
};

#define SUPPLIERS_MAX 8
#define BUCKET_BITS_MIN 4

static struct {
	struct ev_loop *loop;
	const struct config *cfg;
	struct hobj **bucket;
	unsigned bits; /* 1 << bits buckets */
	size_t n;
	struct hobj *first, *last;
	unsigned round; /* configurations applied */
	herald_supplier_fn supplier[SUPPLIERS_MAX];
	size_t nsuppliers;
	const struct herald_sink *sink[HERALD_SINKS];
	int nsinks;
	uint32_t last_seq[PROC_MAX]; /* per sender, in its current run */
	uint64_t script_timeout_us;
	double stop_wait;
	bool stopping;
	void (*stop_done)(void);
	ev_timer stop_timer;
} he;

static const struct kind_info *kind_of(unsigned);
static size_t bucket_of(objid_t);
static void rehash(unsigned);
static struct hobj *lookup(objid_t);
static struct hobj *add_obj(objid_t, enum obj_kind);
static void drop_obj(struct hobj *);
static void set_name(struct hobj *, const char *);
static void set_scope(struct hobj *, const char *);
static void undescribe(struct hobj *);
static void describe_procs(void);
static void prune(void);
static bool idle(const struct hobj *);
static const char *event_check(const struct msg_event *);
static const char *seq_check(const struct msg_event *);
static void log_event(struct herald_obj *, const struct msg_event *);
static void stop_check(void);
static void stop_expired(struct ev_loop *, ev_timer *, int);

const struct herald_sink herald_log_sink = {
	.name = "log",
	.event = log_event,
};

void
herald_init(struct ev_loop *loop)
{
	he.loop = loop;
	he.script_timeout_us = NOTIFY_SCRIPT_TIMEOUT_US;
	he.stop_wait = NOTIFY_STOP_WAIT;
	ev_timer_init(&he.stop_timer, stop_expired, 0, 0);
	rehash(BUCKET_BITS_MIN);
	herald_sink_register(&herald_log_sink);
	herald_sink_register(&herald_fifo_sink);
	herald_sink_register(&herald_script_sink);
}

struct ev_loop *
herald_loop(void)
{
	return he.loop;
}

void
herald_set_limits(uint64_t script_timeout_us, double stop_wait)
{
	he.script_timeout_us = script_timeout_us;
	he.stop_wait = stop_wait;
}

uint64_t
herald_script_timeout(void)
{
	return he.script_timeout_us;
}

/* ---- the vocabulary ---- */

static const struct kind_info *
kind_of(unsigned kind)
{
	if (kind >= OBJ_KIND_MAX || kinds[kind].label == NULL)
		return NULL;
	return &kinds[kind];
}

const char *
herald_kind_label(enum obj_kind kind)
{
	const struct kind_info *k = kind_of(kind);

	return k != NULL ? k->label : "{UNKNOWN}";
}

const char *
herald_state_word(enum obj_kind kind, unsigned state)
{
	const struct kind_info *k = kind_of(kind);

	if (k == NULL || state >= k->nstates)
		return "{UNKNOWN}";
	return k->words[state];
}

bool
herald_told(enum obj_kind kind, unsigned state)
{
	const struct kind_info *k = kind_of(kind);

	return k != NULL && state < k->nstates && !(k->quiet & (1u << state));
}

unsigned
herald_kinds_of(enum proc_id p)
{
	unsigned mask = 0, i;

	for (i = 0; i < OBJ_KIND_MAX; i++)
		if (kinds[i].sources & SRC(p))
			mask |= 1u << i;
	return mask;
}

objid_t
herald_proc_id(enum proc_id p)
{
	return objid_proc(p);
}

/* ---- the table ---- */

/* Ids are hashes already; the multiply spreads them over the top bits. */
static size_t
bucket_of(objid_t id)
{
	return (size_t)((id * 0x9e3779b97f4a7c15ULL) >> (64 - he.bits));
}

static void
rehash(unsigned bits)
{
	struct hobj *o;
	size_t b;

	free(he.bucket);
	he.bits = bits;
	he.bucket = calloc((size_t)1 << bits, sizeof(*he.bucket));
	if (he.bucket == NULL)
		fatal("herald table");
	for (o = he.first; o != NULL; o = o->next) {
		b = bucket_of(o->pub.id);
		o->hnext = he.bucket[b];
		he.bucket[b] = o;
	}
}

static struct hobj *
lookup(objid_t id)
{
	struct hobj *o;

	for (o = he.bucket[bucket_of(id)]; o != NULL; o = o->hnext)
		if (o->pub.id == id)
			return o;
	return NULL;
}

struct herald_obj *
herald_find(objid_t id)
{
	struct hobj *o = lookup(id);

	return o != NULL ? &o->pub : NULL;
}

/* A new object at the end of the table, named by its id until a
   configuration describes it. */
static struct hobj *
add_obj(objid_t id, enum obj_kind kind)
{
	char name[24];
	struct hobj *o;
	size_t b;

	if (he.n >= ((size_t)1 << he.bits))
		rehash(he.bits + 1);
	o = calloc(1, sizeof(*o));
	if (o == NULL)
		fatal("herald table");
	o->pub.id = id;
	o->pub.kind = kind;
	o->round = he.round;
	snprintf(name, sizeof(name), "#%016" PRIx64, id);
	set_name(o, name);
	b = bucket_of(id);
	o->hnext = he.bucket[b];
	he.bucket[b] = o;
	o->prev = he.last;
	if (he.last != NULL)
		he.last->next = o;
	else
		he.first = o;
	he.last = o;
	he.n++;
	return o;
}

static void
drop_obj(struct hobj *o)
{
	struct hobj **pp;
	size_t i;

	for (pp = &he.bucket[bucket_of(o->pub.id)]; *pp != o;
	     pp = &(*pp)->hnext)
		;
	*pp = o->hnext;
	if (o->prev != NULL)
		o->prev->next = o->next;
	else
		he.first = o->next;
	if (o->next != NULL)
		o->next->prev = o->prev;
	else
		he.last = o->prev;
	he.n--;
	for (i = 0; i < NSCRIPTS; i++)
		free_oscript(o->own[i]);
	free(o->name);
	free(o->scope);
	free(o);
}

static void
set_name(struct hobj *o, const char *name)
{
	if (o->name != NULL && strcmp(o->name, name) == 0)
		return;
	free(o->name);
	o->name = strdup(name);
	if (o->name == NULL)
		fatal("herald table");
	o->pub.name = o->name;
}

/* An object's scope, as its name: kept while the text is the same. */
static void
set_scope(struct hobj *o, const char *scope)
{
	if (scope == NULL ? o->scope == NULL
	                  : o->scope != NULL && strcmp(o->scope, scope) == 0)
		return;
	free(o->scope);
	o->scope = NULL;
	if (scope != NULL && (o->scope = strdup(scope)) == NULL)
		fatal("herald table");
	o->pub.scope = o->scope;
}

void
herald_foreach(
    unsigned mask, void (*fn)(const struct herald_obj *, void *), void *arg)
{
	const struct hobj *o;

	for (o = he.first; o != NULL; o = o->next)
		if (o->pub.heard && (mask & (1u << o->pub.kind)))
			fn(&o->pub, arg);
}

/* ---- descriptions ---- */

void
herald_add_supplier(herald_supplier_fn fn)
{
	if (he.nsuppliers == SUPPLIERS_MAX)
		fatalx("herald: more than %d suppliers", SUPPLIERS_MAX);
	he.supplier[he.nsuppliers++] = fn;
}

void
herald_describe(const struct herald_desc *d)
{
	struct hobj *o;

	if (kind_of(d->kind) == NULL || d->id == 0 || d->name == NULL)
		fatalx(
		    "herald: a bad description (kind %u)", (unsigned)d->kind);
	o = lookup(d->id);
	if (o == NULL)
		o = add_obj(d->id, d->kind);
	else if (o->pub.kind != d->kind ||
	    (o->pub.configured && o->round == he.round)) {
		log_warnx("herald: %s(%s) has the id of %s(%s); ignoring it",
		    herald_kind_label(d->kind), d->name,
		    herald_kind_label(o->pub.kind), o->pub.name);
		return;
	}
	set_name(o, d->name);
	set_scope(o, d->scope);
	o->pub.label = d->label;
	o->pub.quiet = d->quiet;
	o->pub.type = d->type;
	memcpy(o->pub.on, d->on, sizeof(o->pub.on));
	o->pub.notify = d->notify;
	memcpy(o->pub.note, d->note, sizeof(o->pub.note));
	keep_scripts(o);
	o->pub.smtp_alert = d->smtp_alert;
	o->pub.configured = true;
	o->round = he.round;
}

/* A copy of s in *slot (kept when the same), or NULL for no script. */
static const struct cfg_script *
keep_script(struct oscript **slot, const struct cfg_script *s)
{
	struct oscript *k = *slot;

	if (s == NULL || s->cmd == NULL) {
		free_oscript(k);
		*slot = NULL;
		return NULL;
	}
	if (k != NULL && strcmp(k->cmd, s->cmd) == 0 &&
	    (k->user == NULL
	            ? s->user == NULL
	            : s->user != NULL && strcmp(k->user, s->user) == 0) &&
	    (k->group == NULL
	            ? s->group == NULL
	            : s->group != NULL && strcmp(k->group, s->group) == 0))
		return &k->s;
	free_oscript(k);
	k = calloc(1, sizeof(*k));
	if (k == NULL || (k->cmd = strdup(s->cmd)) == NULL ||
	    (s->user != NULL && (k->user = strdup(s->user)) == NULL) ||
	    (s->group != NULL && (k->group = strdup(s->group)) == NULL))
		fatal("herald table");
	k->s.cmd = k->cmd;
	k->s.user = k->user;
	k->s.group = k->group;
	*slot = k;
	return &k->s;
}

static void
free_oscript(struct oscript *k)
{
	if (k == NULL)
		return;
	free(k->cmd);
	free(k->user);
	free(k->group);
	free(k);
}

/* The object's scripts become the herald's copies. */
static void
keep_scripts(struct hobj *o)
{
	size_t i;

	for (i = 0; i < HERALD_STATES; i++)
		o->pub.on[i].script =
		    keep_script(&o->own[i], o->pub.on[i].script);
	o->pub.notify.script =
	    keep_script(&o->own[HERALD_STATES], o->pub.notify.script);
	for (i = 0; i < MSG_EVENT_WHAT_MAX; i++)
		o->pub.note[i].script = keep_script(
		    &o->own[HERALD_STATES + 1 + i], o->pub.note[i].script);
}

/* A new configuration begins: no object is in it yet.  One it leaves
   out keeps what the last one said of it, for its last events (a
   removed instance's DELETED runs its notify_deleted). */
static void
undescribe(struct hobj *o)
{
	o->pub.configured = false;
}

/* The children's own health objects, which the core describes. */
static void
describe_procs(void)
{
	struct herald_desc d;
	int p;

	for (p = PROC_VRRP; p < PROC_MAX; p++) {
		if (!(herald_kinds_of((enum proc_id)p) & (1u << OBJ_PROC)))
			continue;
		memset(&d, 0, sizeof(d));
		d.id = herald_proc_id((enum proc_id)p);
		d.kind = OBJ_PROC;
		d.name = proc_name((enum proc_id)p);
		d.type = "PROCESS";
		herald_describe(&d);
	}
}

static bool
idle(const struct hobj *o)
{
	int i;

	for (i = 0; i < he.nsinks; i++)
		if (o->pub.sink[i] != NULL)
			return false;
	return true;
}

/* Objects out of the last two configurations go once idle: a removed
   object's last events come after the first. */
static void
prune(void)
{
	struct hobj *o, *next;

	for (o = he.first; o != NULL; o = next) {
		next = o->next;
		if (he.round - o->round >= 2 && idle(o))
			drop_obj(o);
	}
}

void
herald_set_config(const struct config *cfg)
{
	bool reload = he.cfg != NULL;
	struct hobj *o;
	size_t i;
	int k;

	he.cfg = cfg;
	he.round++;
	script_set_defaults(cfg);
	for (o = he.first; o != NULL; o = o->next)
		undescribe(o);
	describe_procs();
	for (i = 0; i < he.nsuppliers; i++)
		he.supplier[i](cfg);
	prune();
	if (he.stopping)
		return;
	for (k = 0; k < he.nsinks; k++)
		if (he.sink[k]->configure != NULL)
			he.sink[k]->configure(cfg, reload);
}

/* ---- events ---- */

static const char *
event_check(const struct msg_event *e)
{
	const struct kind_info *k = kind_of(e->kind);

	if (k == NULL)
		return "EVENT of an unknown kind";
	if (e->source >= PROC_MAX || !(k->sources & SRC(e->source)))
		return "EVENT of a kind its sender does not report";
	if (e->old_state >= k->nstates || e->new_state >= k->nstates)
		return "EVENT state out of range";
	if (e->what >= MSG_EVENT_WHAT_MAX ||
	    (e->what != MSG_EVENT_STATE && !(k->notes & (1u << e->what))))
		return "EVENT note its kind does not have";
	if (e->what != MSG_EVENT_STATE && e->old_state != e->new_state)
		return "EVENT note that changes the state";
	if (k->value_name != NULL && e->value > k->value_max)
		return "EVENT value out of range";
	if (e->id == 0)
		return "EVENT without an object id";
	if (e->kind == OBJ_PROC &&
	    e->id != herald_proc_id((enum proc_id)e->source))
		return "EVENT of another process's health";
	return NULL;
}

/* Exactly once: within one run of a sender (its first event is 1; the
   parent reads a dead child's last events before it starts the next),
   each event comes after the one before. */
static const char *
seq_check(const struct msg_event *e)
{
	uint32_t last = he.last_seq[e->source];

	if (e->seq == 0 || (e->seq != 1 && e->seq <= last))
		return "EVENT sequence number does not increase";
	if (e->seq != 1 && e->seq != last + 1)
		log_warnx("herald: %u events of the %s child were lost",
		    e->seq - last - 1, proc_name((enum proc_id)e->source));
	return NULL;
}

const char *
herald_event(const struct msg_event *m)
{
	const char *why = event_check(m);
	struct msg_event e = *m;
	struct hobj *o = NULL;
	int k;

	if (why == NULL) {
		o = lookup(e.id);
		if (o != NULL && o->pub.kind != e.kind)
			why = "EVENT of an object of another kind";
		else
			why = seq_check(&e);
	}
	if (why != NULL)
		return why;
	he.last_seq[e.source] = e.seq;
	if (kinds[e.kind].value_name == NULL)
		e.value = 0;
	if (o == NULL)
		o = add_obj(e.id, (enum obj_kind)e.kind);
	o->pub.prev_value = o->pub.heard ? o->pub.value : 0;
	o->pub.prev_heard = o->pub.heard;
	o->pub.heard = true;
	o->pub.state = e.new_state;
	o->pub.value = e.value;
	for (k = 0; k < he.nsinks; k++)
		if (he.sink[k]->event != NULL)
			he.sink[k]->event(&o->pub, &e);
	return NULL;
}

bool
herald_event_told(const struct herald_obj *o, const struct msg_event *e)
{
	const struct kind_info *k = kind_of(o->kind);

	if (k == NULL || e->what != MSG_EVENT_STATE ||
	    !herald_told(o->kind, e->new_state) || o->quiet)
		return false;
	return !k->restate || e->old_state != e->new_state;
}

bool
herald_note_told(const struct herald_obj *o, const struct msg_event *e)
{
	return e->what != MSG_EVENT_STATE && e->what < MSG_EVENT_WHAT_MAX &&
	    !o->quiet && o->type != NULL;
}

/* The log sink: one line per event, the herald's own voice. */
static void
log_event(struct herald_obj *o, const struct msg_event *e)
{
	const struct kind_info *k = &kinds[o->kind];

	if (e->what != MSG_EVENT_STATE)
		log_note(o, e);
	else if (k->log != NULL)
		k->log(o, e);
	else if (k->value_name == NULL)
		log_info("herald: %s(%s) %s -> %s", k->label, o->name,
		    k->words[e->old_state], k->words[e->new_state]);
	else
		log_info("herald: %s(%s) %s -> %s (%s %" PRIu32 ")", k->label,
		    o->name, k->words[e->old_state], k->words[e->new_state],
		    k->value_name, e->value);
}

/*
 * A real or sorry server: its new state, its weight and the result that
 * decided it; a weight change alone; a sorry server has no check of its
 * own, and a result of CHECK_R_NONE decided nothing (a stop).
 */
static void
log_rs(const struct herald_obj *o, const struct msg_event *e)
{
	const char *label = o->label != NULL ? o->label : kinds[o->kind].label;
	const char *of = o->scope != NULL ? " of " : "";
	const char *scope = o->scope != NULL ? o->scope : "";
	const struct check_result_info *r = check_result_info(e->reason);

	if (e->old_state == e->new_state && !o->prev_heard)
		/* decided quietly at the checker's start: no old value */
		log_info("herald: %s(%s%s%s) weight now %" PRIu32, label,
		    o->name, of, scope, e->value);
	else if (e->old_state == e->new_state)
		log_info("herald: %s(%s%s%s) weight %" PRIu32 " -> %" PRIu32,
		    label, o->name, of, scope, o->prev_value, e->value);
	else if (o->quiet || e->reason == CHECK_R_NONE)
		log_info("herald: %s(%s%s%s) %s (weight %" PRIu32 ")", label,
		    o->name, of, scope, updown_words[e->new_state], e->value);
	else
		log_info("herald: %s(%s%s%s) %s (weight %" PRIu32 "; %s: %s)",
		    label, o->name, of, scope, updown_words[e->new_state],
		    e->value, r->code, r->text);
}

/* A note of a VRRP instance that keeps its state. */
static void
log_note(const struct herald_obj *o, const struct msg_event *e)
{
	const char *label = kinds[o->kind].label;

	if (e->what == MSG_EVENT_PRIORITY)
		log_info("herald: %s(%s) %s priority %" PRIu32 " -> %" PRIu32,
		    label, o->name, herald_state_word(o->kind, e->new_state),
		    o->prev_value, e->value);
	else
		log_info("herald: %s(%s) %s received a lower priority advert "
		         "(priority %" PRIu32 ")",
		    label, o->name, herald_state_word(o->kind, e->new_state),
		    e->value);
}

/* A process's health, with the errno that made it FAULT. */
static void
log_proc(const struct herald_obj *o, const struct msg_event *e)
{
	if (e->reason == 0)
		log_info("herald: %s(%s) %s -> %s", kinds[o->kind].label,
		    o->name, proc_words[e->old_state],
		    proc_words[e->new_state]);
	else
		log_info("herald: %s(%s) %s -> %s (%s)", kinds[o->kind].label,
		    o->name, proc_words[e->old_state], proc_words[e->new_state],
		    strerror((int)e->reason));
}

/* A virtual server's quorum, with the weight alive. */
static void
log_vs(const struct herald_obj *o, const struct msg_event *e)
{
	log_info("herald: %s(%s) quorum %s (live weight %" PRIu32 ")",
	    kinds[o->kind].label, o->name, updown_words[e->new_state],
	    e->value);
}

/* ---- sinks and the stop ---- */

void
herald_sink_register(const struct herald_sink *s)
{
	if (he.nsinks == HERALD_SINKS)
		fatalx("herald: more than %d sinks", HERALD_SINKS);
	if (s->slot != NULL)
		*s->slot = he.nsinks;
	he.sink[he.nsinks++] = s;
}

bool
herald_busy(void)
{
	int k;

	for (k = 0; k < he.nsinks; k++)
		if (he.sink[k]->busy != NULL && he.sink[k]->busy())
			return true;
	return false;
}

void
herald_sink_progress(void)
{
	if (he.stopping)
		stop_check();
}

void
herald_stop(void (*done)(void))
{
	int k;

	he.stop_done = done;
	if (he.stopping) {
		stop_check();
		return;
	}
	he.stopping = true;
	for (k = 0; k < he.nsinks; k++)
		if (he.sink[k]->stop != NULL)
			he.sink[k]->stop();
	ev_timer_set(&he.stop_timer, he.stop_wait, 0);
	ev_timer_start(he.loop, &he.stop_timer);
	stop_check();
}

/* Calls the stop's done() once nothing runs. */
static void
stop_check(void)
{
	void (*done)(void) = he.stop_done;

	if (herald_busy() || done == NULL)
		return;
	he.stop_done = NULL;
	ev_timer_stop(he.loop, &he.stop_timer);
	done();
}

static void
stop_expired(struct ev_loop *loop, ev_timer *w, int revents)
{
	unsigned n = 0;
	int k;

	(void)loop;
	(void)w;
	(void)revents;
	for (k = 0; k < he.nsinks; k++)
		if (he.sink[k]->kill != NULL)
			n += he.sink[k]->kill();
	log_warnx("herald: scripts still running %.1f s into the stop; "
	          "killed %u, skipped the queued ones",
	    he.stop_wait, n);
	stop_check();
}
