/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check.c: the checker child: real servers' health from their probes, the
   virtual servers' decisions, the desired table to the IPVS child, events
   to the parent. */

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "check.h"
#include "check_decide.h"
#include "vs_fmt.h"
#include "check_int.h"
#include "log.h"
#include "state_sync.h"
#include "vs_equal.h"

/* A real server (or a virtual server's sorry server) as this child runs
   it; rebuilt at each configuration, its state carried over by id. */
struct ck_rs {
	objid_t id;
	const struct vs_rs *conf;
	struct ck_vs *vs;
	struct ck_probe **probes; /* one per checker */
	size_t nprobes;
	bool sorry;
	/* health, from the probes */
	bool alive;
	uint32_t weight; /* effective while alive */
	enum check_result reason; /* of the probe that decided */
	/* what the table holds, as last decided and told */
	bool decided;
	bool told_alive; /* the health last decided */
	uint32_t told_weight; /* and its effective weight, while alive */
	bool in_table, quiescent;
	uint32_t out_weight;
	double since; /* ev_now() of its last change of health */
	unsigned long transitions;
	size_t item; /* its index in ck.items */
	struct ck_rs *hnext; /* by id */
};

struct ck_vs {
	objid_t id;
	const struct vs_vs *conf;
	struct ck_rs **rss;
	size_t n;
	struct ck_rs *sorry; /* NULL: none */
	struct ck_dec_vs dec;
	bool dirty; /* decide again before the loop sleeps */
	struct ck_vs *dnext; /* in ck.dirty */
};

/* One generation of runtime objects. */
struct ck_gen {
	struct ck_vs *vss;
	size_t nvs;
	struct ck_rs **rs_hash; /* by id */
	size_t nbuckets; /* a power of two */
	size_t nrs; /* real and sorry servers */
};

static void check_start(struct ev_loop *, const struct vigil_opts *);
static void check_apply(const struct config *, const struct config *);
static void check_stop(void);
static void check_dump(FILE *, enum msg_dump_what);
static void on_state_request(struct ipc_peer *, struct ipc_msg *);
static void on_known(struct ipc_peer *, struct ipc_msg *);
static void ipvs_up(struct ipc_peer *);
static void ipvs_down(struct ipc_peer *);
static void gen_build(struct ck_gen *, const struct config *,
    const struct config *, const struct ck_gen *);
static void gen_free(struct ck_gen *);
static struct ck_rs *gen_find(const struct ck_gen *, objid_t);
static void rs_init(struct ck_rs *, struct ck_vs *, const struct vs_rs *,
    objid_t, const struct ck_rs *);
static void rs_probes(struct ck_rs *, const struct vs_vs *,
    const struct ck_rs *, const struct config *, const struct config *);
static void rs_health(struct ck_rs *);
static void vs_decide(struct ck_vs *, bool quiet);
static void
rs_told(struct ck_vs *, struct ck_rs *, bool was_alive, uint32_t was_weight);
static void sorry_told(struct ck_vs *, bool was_active, bool quiet);
static void mark_dirty(struct ck_vs *);
static void on_prepare(struct ev_loop *, ev_prepare *, int);
static void item_fill(const struct ck_rs *);
static void flush_updates(void);
static void send_desired(void);
static void send_status(void);
static void seed_rs(const struct msg_rs_desired *);
static void seeds_apply(void);
static void on_ready_timer(struct ev_loop *, ev_timer *, int);
static void dump_vs(FILE *, const struct ck_vs *);
static void dump_probe_line(FILE *, const struct ck_probe *);
static void count_change(const struct vs_change *, void *);
static void omega(void);

static struct {
	struct ev_loop *loop;
	const struct config *cfg;
	struct ck_gen gen;
	struct msg_rs_desired *items; /* by ck_rs.item */
	size_t nitems, capitems;
	size_t *changed; /* items to send as updates */
	size_t nchanged, capchanged;
	struct ck_vs *dirty; /* virtual servers to decide again */
	ev_prepare prepare;
	struct ck_dec_rs *scratch;
	size_t capscratch;
	struct state_source desired; /* to the IPVS child */
	struct state_source status; /* the same table, to the parent */
	struct state_sync known; /* the IPVS child's table, at link up */
	bool known_ok; /* it came on this link: the desired table may go */
	bool seeded; /* it was applied once (a restarted checker) */
	/* The states the herald knows are those of the IPVS child's
	   table: until it came (or ready_timer), decisions tell nobody
	   and keep what was told as it was. */
	bool told_ready;
	ev_timer ready_timer;
	unsigned long full_sent, updates_sent, events, seeds;
	unsigned long reloads;
} ck = {
	.desired = { .what = MSG_STATE_RS_DESIRED },
	.status = { .what = MSG_STATE_RS_DESIRED },
};

/* How long a checker waits for the IPVS child's table before it tells
   the herald what its checks find (seconds). */
#define CK_READY_WAIT 3.0

static const struct ipc_handler ipvs_link_handlers[] = {
	{ MSG_STATE_REQUEST, on_state_request },
	{ MSG_STATE_BEGIN, on_known },
	{ MSG_STATE_END, on_known },
	{ MSG_STATE_BLOB, on_known },
	{ MSG_RS_DESIRED, on_known },
	{ MSG_RS_DESIRED_UPDATE, on_known },
	{ MSG_NONE, NULL },
};

static const struct child_peer check_peers[] = {
	{ .proc = PROC_IPVS,
	    .handlers = ipvs_link_handlers,
	    .up = ipvs_up,
	    .down = ipvs_down },
	{ .proc = PROC_PARENT },
};

/* The parent asks again for its copy when it is out of step. */
static const struct ipc_handler parent_handlers[] = {
	{ MSG_STATE_REQUEST, on_state_request },
	{ MSG_NONE, NULL },
};

const struct child_ops check_child_ops = {
	.id = PROC_CHECK,
	.name = "checker",
	.title = "vigild: checker",
	.start = check_start,
	.apply = check_apply,
	.stop = check_stop,
	.dump = check_dump,
	.peers = check_peers,
	.parent_handlers = parent_handlers,
};

/*
 * A type starts (init) when a configuration first uses it: a checker of
 * TCP checks never initialises libcurl and OpenSSL, whose set-up alone
 * costs megabytes of memory.
 */
static const struct ck_type *const all_types[] = {
	&ck_tcp_type,
	&ck_http_lazy_type,
	&ck_smtp_type,
	&ck_dns_type,
	&ck_udp_type,
	&ck_ping_type,
	&ck_misc_type,
	&ck_file_type,
};
#define NTYPES (sizeof(all_types) / sizeof(all_types[0]))
static bool type_started[NTYPES];

static void
types_start(const struct config *cfg)
{
	const struct vs_model *m = cfg_model(cfg, CFG_MODEL_VS);
	const struct vs_vs *vs;
	const struct vs_rs *rs;
	const struct vs_check *c;
	const struct ck_type *t;
	size_t i, j;

	for (i = 0; m != NULL && i < m->vss.n; i++) {
		vs = m->vss.v[i];
		for (rs = vs->rss; rs != NULL; rs = rs->next)
			for (c = rs->checks; c != NULL; c = c->next) {
				t = ck_type_of(c);
				for (j = 0; j < NTYPES && all_types[j] != t;
				     j++)
					;
				if (j == NTYPES || type_started[j])
					continue;
				type_started[j] = true;
				if (t->init != NULL && t->init(ck.loop) < 0)
					log_warnx(
					    "%s checks cannot run", t->name);
			}
	}
}

struct ev_loop *
ck_loop(void)
{
	return ck.loop;
}

const struct config *
ck_config(void)
{
	return ck.cfg;
}

static void
check_start(struct ev_loop *loop, const struct vigil_opts *opts)
{
	(void)opts;
	cfg_register_running(check_running_keywords);
	ck.loop = loop;
	state_sync_init(&ck.known, MSG_STATE_RS_KNOWN, NULL, NULL);
	/* Decisions wait until the loop has handled what is ready, so a
	   burst of results makes one decision per virtual server. */
	ev_prepare_init(&ck.prepare, on_prepare);
	ev_prepare_start(loop, &ck.prepare);
	ev_timer_init(&ck.ready_timer, on_ready_timer, CK_READY_WAIT, 0);
	ev_timer_start(loop, &ck.ready_timer);
}

/* ---- runtime objects ---- */

static struct ck_rs *
gen_find(const struct ck_gen *g, objid_t id)
{
	struct ck_rs *r;

	if (g == NULL || g->nbuckets == 0)
		return NULL;
	for (r = g->rs_hash[(id * 0x9e3779b97f4a7c15ULL) >> 40 &
	         (g->nbuckets - 1)];
	     r != NULL; r = r->hnext)
		if (r->id == id)
			return r;
	return NULL;
}

static void
gen_add(struct ck_gen *g, struct ck_rs *r)
{
	size_t b = (r->id * 0x9e3779b97f4a7c15ULL) >> 40 & (g->nbuckets - 1);

	r->hnext = g->rs_hash[b];
	g->rs_hash[b] = r;
}

/* A server's state carried from its previous self (same id). */
static void
rs_init(struct ck_rs *r, struct ck_vs *v, const struct vs_rs *conf, objid_t id,
    const struct ck_rs *old)
{
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->conf = conf;
	r->vs = v;
	r->since = ev_now(ck.loop);
	if (old == NULL)
		return;
	r->alive = old->alive;
	r->weight = old->weight;
	r->reason = old->reason;
	r->decided = old->decided;
	r->told_alive = old->told_alive;
	r->told_weight = old->told_weight;
	r->in_table = old->in_table;
	r->quiescent = old->quiescent;
	r->out_weight = old->out_weight;
	r->since = old->since;
	r->transitions = old->transitions;
}

/* The virtualhost an HTTP check of this server sends when its url and
   checker name none. */
static const char *
rs_vhost(const struct vs_vs *vs, const struct vs_rs *rs)
{
	if (rs->opt != NULL && rs->opt->virtualhost != NULL)
		return rs->opt->virtualhost;
	return vs->virtualhost;
}

/* Each checker of the server to its probe; health carries over where
   vs_check_source() says the old result answers the new check. */
static void
rs_probes(struct ck_rs *r, const struct vs_vs *vs, const struct ck_rs *old,
    const struct config *oldcfg, const struct config *cur)
{
	const struct vs_check *c, *src;
	struct ck_probe *p;
	struct vs_change ch;
	size_t n = 0;

	for (c = r->conf->checks; c != NULL; c = c->next)
		n++;
	if (n == 0)
		return;
	r->probes = calloc(n, sizeof(*r->probes));
	if (r->probes == NULL)
		fatal("calloc");
	memset(&ch, 0, sizeof(ch));
	if (old != NULL) {
		const struct vs_model *om = cfg_model(oldcfg, CFG_MODEL_VS);
		const struct vs_model *nm = cfg_model(cur, CFG_MODEL_VS);

		ch.old_rs = old->conf;
		ch.new_rs = r->conf;
		ch.old_vs = old->vs->conf;
		ch.new_vs = vs;
		ch.ssl_same = vs_ssl_equal(&om->ssl, &nm->ssl);
	}
	for (c = r->conf->checks; c != NULL; c = c->next) {
		src = old != NULL ? vs_check_source(&ch, c) : NULL;
		p = ck_probe_get(c, src, rs_vhost(vs, r->conf), r);
		/* A new question: the server keeps its verdict until the
		   new check has decided. */
		if (old != NULL && src == NULL && p->fresh)
			p->verdict = old->told_alive;
		r->probes[r->nprobes++] = p;
	}
}

static void
gen_build(struct ck_gen *g, const struct config *oldcfg,
    const struct config *cur, const struct ck_gen *og)
{
	const struct vs_model *m = cfg_model(cur, CFG_MODEL_VS);
	const struct vs_vs *vs;
	const struct vs_rs *rs;
	struct ck_vs *v;
	struct ck_rs *r;
	size_t i, n = 0, k;

	memset(g, 0, sizeof(*g));
	g->nvs = m != NULL ? m->vss.n : 0;
	for (i = 0; i < g->nvs; i++)
		n += ((const struct vs_vs *)m->vss.v[i])->n_rs + 1;
	for (g->nbuckets = 64; g->nbuckets < n; g->nbuckets *= 2)
		;
	g->rs_hash = calloc(g->nbuckets, sizeof(*g->rs_hash));
	g->vss = calloc(g->nvs ? g->nvs : 1, sizeof(*g->vss));
	if (g->rs_hash == NULL || g->vss == NULL)
		fatal("calloc");
	for (i = 0; i < g->nvs; i++) {
		vs = m->vss.v[i];
		v = &g->vss[i];
		v->conf = vs;
		v->id = vs_id(vs);
		v->rss = calloc(vs->n_rs ? vs->n_rs : 1, sizeof(*v->rss));
		if (v->rss == NULL)
			fatal("calloc");
		for (rs = vs->rss, k = 0; rs != NULL; rs = rs->next, k++) {
			const struct ck_rs *old;
			objid_t id = vs_rs_id(v->id, rs);

			r = malloc(sizeof(*r));
			if (r == NULL)
				fatal("malloc");
			old = gen_find(og, id);
			rs_init(r, v, rs, id, old);
			rs_probes(r, vs, old, oldcfg, cur);
			v->rss[v->n++] = r;
			gen_add(g, r);
			g->nrs++;
		}
		if (vs->sorry != NULL) {
			objid_t id = vs_sorry_id(v->id, vs->sorry);

			r = malloc(sizeof(*r));
			if (r == NULL)
				fatal("malloc");
			rs_init(r, v, vs->sorry, id, gen_find(og, id));
			r->sorry = true;
			v->sorry = r;
			gen_add(g, r);
			g->nrs++;
		}
		/* The quorum state carries over with the service. */
		v->dec.first = true;
		if (og != NULL) {
			size_t j;

			for (j = 0; j < og->nvs; j++)
				if (og->vss[j].id == v->id) {
					v->dec.quorum_up =
					    og->vss[j].dec.quorum_up;
					v->dec.first = og->vss[j].dec.first;
					break;
				}
		}
	}
}

static void
gen_free(struct ck_gen *g)
{
	size_t i, j;

	for (i = 0; i < g->nvs; i++) {
		for (j = 0; j < g->vss[i].n; j++) {
			free(g->vss[i].rss[j]->probes);
			free(g->vss[i].rss[j]);
		}
		free(g->vss[i].sorry);
		free(g->vss[i].rss);
	}
	free(g->vss);
	free(g->rs_hash);
	memset(g, 0, sizeof(*g));
}

/* ---- health and decisions ---- */

/* All checkers must pass; a dynamic one sets the weight. */
static void
rs_health(struct ck_rs *r)
{
	const struct ck_probe *p;
	size_t i;

	r->alive = true;
	r->weight = r->conf->weight;
	r->reason = CHECK_R_OK;
	for (i = 0; i < r->nprobes; i++) {
		p = r->probes[i];
		if (p->verdict == 0) {
			if (r->alive)
				r->reason = p->last;
			r->alive = false;
		} else if (p->wmode != CK_W_NONE)
			r->weight = ck_decide_weight(
			    r->conf->weight, p->wmode, p->wvalue);
	}
}

void
ck_probe_changed(struct ck_probe *p)
{
	size_t i;

	for (i = 0; i < p->nsubs; i++)
		mark_dirty(p->subs[i]->vs);
}

static void
mark_dirty(struct ck_vs *v)
{
	if (v->dirty)
		return;
	v->dirty = true;
	v->dnext = ck.dirty;
	ck.dirty = v;
}

static void
on_prepare(struct ev_loop *loop, ev_prepare *w, int revents)
{
	struct ck_vs *v;

	(void)loop;
	(void)w;
	(void)revents;
	while ((v = ck.dirty) != NULL) {
		ck.dirty = v->dnext;
		v->dirty = false;
		vs_decide(v, false);
	}
	flush_updates();
}

/* The words of a server's last failure, for logs. */
static void
reason_text(const struct ck_rs *r, char *buf, size_t size)
{
	const struct check_result_info *ri = check_result_info(r->reason);
	const char *detail = "";
	size_t i;

	for (i = 0; i < r->nprobes; i++)
		if (r->probes[i]->verdict == 0) {
			detail = r->probes[i]->detail;
			break;
		}
	snprintf(buf, size, "%s: %s%s%s", ri->code, ri->text,
	    *detail ? ", " : "", detail);
}

/*
 * Decides one virtual server again (check_decide.c) and tells what
 * changed: log lines in keepalived's words, events to the parent's
 * herald, items of the desired table.  quiet: the first decision of
 * servers nobody was told of yet (start, or new in a reload) logs and
 * heralds nothing: keepalived neither.
 */
static void
vs_decide(struct ck_vs *v, bool quiet)
{
	struct ck_dec_vs *d = &v->dec;
	bool was_quorum = d->quorum_up, was_first = d->first, was_active;
	char vn[VS_NAME_MAX];
	size_t i;

	was_active =
	    v->sorry != NULL && v->sorry->decided && v->sorry->told_alive;
	ck.scratch = array_grow(
	    ck.scratch, &ck.capscratch, v->n + 1, sizeof(*ck.scratch));
	for (i = 0; i < v->n; i++) {
		rs_health(v->rss[i]);
		ck.scratch[i].alive = v->rss[i]->alive;
		ck.scratch[i].weight = v->rss[i]->weight;
		ck.scratch[i].inhibit = v->rss[i]->conf->inhibit_on_failure > 0;
	}
	d->quorum = v->conf->quorum;
	d->hysteresis = v->conf->hysteresis;
	d->has_sorry = v->sorry != NULL;
	d->sorry_inhibit =
	    v->sorry != NULL && v->sorry->conf->inhibit_on_failure > 0;
	/* a sorry server's weight is 1 unless given (keepalived) */
	d->sorry_weight = v->sorry == NULL           ? 0
	    : v->sorry->conf->weight == VS_UNSET_U32 ? 1
	                                             : v->sorry->conf->weight;
	ck_decide_vs(d, ck.scratch, v->n);
	vs_fmt_vs(v->conf, vn, sizeof(vn));
	for (i = 0; i < v->n; i++) {
		struct ck_rs *r = v->rss[i];
		bool was_alive = r->told_alive, known = r->decided;
		uint32_t was_weight = r->told_weight;

		r->in_table = ck.scratch[i].in_table;
		r->quiescent = ck.scratch[i].quiescent;
		r->out_weight = ck.scratch[i].out_weight;
		r->decided = true;
		if (!known || ck.told_ready) {
			r->told_alive = r->alive;
			r->told_weight = r->alive ? r->weight : 0;
		}
		if (known && ck.told_ready)
			rs_told(v, r, was_alive, was_weight);
		item_fill(r);
	}
	if (!was_first && was_quorum != d->quorum_up && ck.told_ready) {
		if (d->quorum_up)
			log_info("Gained quorum %" PRIu32 "+%" PRIu32
			         "=%" PRIu64 " <= %" PRIu64 " for VS %s",
			    d->quorum, d->hysteresis,
			    (uint64_t)d->quorum + d->hysteresis, d->live_weight,
			    vn);
		else
			log_info("Lost quorum %" PRIu32 "-%" PRIu32 "=%" PRId64
			         " > %" PRIu64 " for VS %s",
			    d->quorum, d->hysteresis,
			    (int64_t)d->quorum - d->hysteresis, d->live_weight,
			    vn);
	} else if (was_first)
		log_info("%s with quorum %s for VS %s (live weight %" PRIu64
		         ")",
		    quiet ? "Starting" : "Deciding",
		    d->quorum_up ? "up" : "down", vn, d->live_weight);
	if (!was_first && was_active != d->sorry_active && ck.told_ready)
		log_info("%s alive servers %s the pool for VS %s",
		    d->sorry_active ? "Removing" : "Adding",
		    d->sorry_active ? "from" : "to", vn);
	if (v->sorry != NULL) {
		bool known = v->sorry->decided;

		v->sorry->in_table = d->sorry_in_table;
		v->sorry->out_weight = d->sorry_out_weight;
		v->sorry->alive = d->sorry_active;
		v->sorry->decided = true;
		if (!known || ck.told_ready)
			v->sorry->told_alive = d->sorry_active;
		if (known && ck.told_ready && was_active != d->sorry_active)
			sorry_told(v, was_active, false);
		else if (!known && d->sorry_active && ck.told_ready)
			sorry_told(v, false, quiet);
		item_fill(v->sorry);
	}
	/* keepalived: the servers' notifications, then the quorum's */
	if (!was_first && was_quorum != d->quorum_up && ck.told_ready) {
		child_event(OBJ_VS, v->id, was_quorum ? MSG_VS_UP : MSG_VS_DOWN,
		    d->quorum_up ? MSG_VS_UP : MSG_VS_DOWN,
		    d->live_weight > UINT32_MAX ? UINT32_MAX
		                                : (uint32_t)d->live_weight,
		    0, NULL);
		ck.events++;
	}
}

/* A real server's change of health or weight: the log and the herald. */
static void
rs_told(struct ck_vs *v, struct ck_rs *r, bool was_alive, uint32_t was_weight)
{
	char vn[VS_NAME_MAX], rn[VS_NAME_MAX], why[256];
	bool inhibit = r->conf->inhibit_on_failure > 0;

	if (was_alive == r->alive &&
	    (!r->alive || was_weight == r->told_weight))
		return;
	vs_fmt_vs(v->conf, vn, sizeof(vn));
	vs_fmt_rs(v->conf, r->conf, rn, sizeof(rn));
	if (was_alive != r->alive) {
		r->since = ev_now(ck.loop);
		r->transitions++;
		if (r->alive)
			log_info("%s service %s %s VS %s",
			    inhibit ? "Enabling" : "Adding", rn,
			    inhibit ? "of" : "to", vn);
		else {
			reason_text(r, why, sizeof(why));
			log_info("%s service %s %s VS %s (%s)",
			    inhibit ? "Disabling" : "Removing", rn,
			    inhibit ? "of" : "from", vn, why);
		}
	} else
		log_info("Changing weight from %" PRIu32 " to %" PRIu32
		         " for active service %s of VS %s",
		    was_weight, r->told_weight, rn, vn);
	/* the server's own weight; whether the table holds it now (the
	   sorry server may serve instead) is the desired table's */
	child_event(OBJ_RS, r->id, was_alive ? MSG_RS_UP : MSG_RS_DOWN,
	    r->alive ? MSG_RS_UP : MSG_RS_DOWN, r->told_weight,
	    r->alive ? CHECK_R_OK : r->reason, NULL);
	ck.events++;
}

static void
sorry_told(struct ck_vs *v, bool was_active, bool quiet)
{
	struct ck_rs *s = v->sorry;
	char vn[VS_NAME_MAX], sn[VS_NAME_MAX];
	bool inhibit = s->conf->inhibit_on_failure > 0;

	vs_fmt_vs(v->conf, vn, sizeof(vn));
	vs_fmt_rs(v->conf, s->conf, sn, sizeof(sn));
	s->since = ev_now(ck.loop);
	s->transitions++;
	if (s->alive)
		log_info("%s sorry server %s %s VS %s",
		    inhibit ? "Enabling" : "Adding", sn, inhibit ? "of" : "to",
		    vn);
	else
		log_info("%s sorry server %s %s VS %s",
		    inhibit ? "Disabling" : "Removing", sn,
		    inhibit ? "of" : "from", vn);
	if (quiet)
		return;
	child_event(OBJ_RS, s->id, was_active ? MSG_RS_UP : MSG_RS_DOWN,
	    s->alive ? MSG_RS_UP : MSG_RS_DOWN, s->out_weight, CHECK_R_OK,
	    NULL);
	ck.events++;
}

/* ---- the desired table ---- */

static void
item_fill(const struct ck_rs *r)
{
	struct msg_rs_desired *d = &ck.items[r->item];
	uint8_t flags = 0;

	if (r->in_table)
		flags |= MSG_RS_F_IN_TABLE;
	if (r->quiescent)
		flags |= MSG_RS_F_QUIESCENT;
	if (r->sorry)
		flags |= MSG_RS_F_SORRY;
	if (r->alive)
		flags |= MSG_RS_F_ALIVE;
	if (d->flags == flags && d->weight == r->out_weight && d->rs == r->id)
		return;
	d->rs = r->id;
	d->vs = r->vs->id;
	d->flags = flags;
	d->weight = r->out_weight;
	ck.changed = array_grow(
	    ck.changed, &ck.capchanged, ck.nchanged + 1, sizeof(*ck.changed));
	ck.changed[ck.nchanged++] = r->item;
}

/* The items changed in this loop iteration, as updates of the full
   states the IPVS child and the parent hold. */
static void
flush_updates(void)
{
	struct msg_rs_desired *u;
	struct ipc_peer *p;
	size_t i;

	if (ck.nchanged == 0)
		return;
	u = malloc(ck.nchanged * sizeof(*u));
	if (u == NULL)
		fatal("malloc");
	for (i = 0; i < ck.nchanged; i++)
		u[i] = ck.items[ck.changed[i]];
	p = child_peer(PROC_IPVS);
	if (p != NULL && ck.known_ok && ck.desired.generation != 0)
		state_source_update(&ck.desired, p, u, ck.nchanged);
	if (ck.status.generation != 0)
		state_source_update(&ck.status, child_parent(), u, ck.nchanged);
	ck.updates_sent += ck.nchanged;
	ck.nchanged = 0;
	free(u);
}

/* A full state to the IPVS child, once it told this checker its own
   table: a restarted checker never overrides what it did not know. */
static void
send_desired(void)
{
	struct ipc_peer *p = child_peer(PROC_IPVS);

	if (p == NULL || !ck.known_ok)
		return;
	if (state_source_full(&ck.desired, p, ck.items, ck.nitems) == 0)
		ck.full_sent++;
}

static void
send_status(void)
{
	state_source_full(&ck.status, child_parent(), ck.items, ck.nitems);
}

/* ---- the IPVS child's table, when the link comes up ---- */

static void
ipvs_up(struct ipc_peer *p)
{
	(void)p;
	ck.known_ok = false;
}

static void
ipvs_down(struct ipc_peer *p)
{
	(void)p;
	ck.known_ok = false;
	state_sync_reset(&ck.known);
}

/*
 * A server whose probes have not finished an attempt yet starts from
 * what the IPVS child holds: a restarted checker does not remove a
 * server only because it has not checked it yet, nor add one that was
 * failing.
 */
static void
seed_rs(const struct msg_rs_desired *d)
{
	struct ck_rs *r = gen_find(&ck.gen, d->rs);
	bool up = (d->flags & MSG_RS_F_ALIVE) != 0;
	size_t i;

	if (r == NULL)
		return;
	/* What the herald heard before this checker started. */
	if (r->sorry) {
		r->told_alive = up;
		return;
	}
	if (r->nprobes == 0)
		return;
	for (i = 0; i < r->nprobes; i++) {
		struct ck_probe *p = r->probes[i];

		if (p->passes > 0 || p->attempts > (p->running ? 1u : 0u))
			continue;
		p->verdict = up;
		if (up && d->weight != r->conf->weight &&
		    (p->conf->type == VS_CHECK_MISC ||
		        p->conf->type == VS_CHECK_FILE)) {
			p->wmode = CK_W_SET;
			p->wvalue = (int32_t)d->weight;
		}
	}
	rs_health(r);
	r->told_alive = up;
	r->told_weight = up ? r->weight : 0;
	ck.seeds++;
}

/*
 * Once per run of this checker, with the IPVS child's table and a
 * configuration: what the table says becomes both the verdict of each
 * probe that has not finished an attempt yet and what the herald was
 * told; then every virtual server is decided again, telling only real
 * differences (a check that finished meanwhile and disagrees).  The
 * full state goes when the IPVS child asks, right after its table.
 */
static void
seeds_apply(void)
{
	const struct msg_rs_desired *d;
	size_t pos = 0, i;

	if (ck.seeded)
		return;
	ck.seeded = true;
	ev_timer_stop(ck.loop, &ck.ready_timer);
	while ((d = state_sync_next(&ck.known, &pos)) != NULL)
		seed_rs(d);
	if (state_sync_count(&ck.known) > 0)
		log_info("started from the IPVS child's table of %zu servers",
		    state_sync_count(&ck.known));
	ck.told_ready = true;
	for (i = 0; i < ck.gen.nvs; i++)
		mark_dirty(&ck.gen.vss[i]);
	on_prepare(ck.loop, &ck.prepare, 0);
}

/* No table from the IPVS child (it is not running): decide on the
   checks alone. */
static void
on_ready_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	size_t i;

	(void)loop;
	(void)w;
	(void)revents;
	if (ck.seeded)
		return;
	log_warnx("no table from the IPVS child: deciding on checks alone");
	ck.seeded = true;
	ck.told_ready = true;
	for (i = 0; i < ck.gen.nvs; i++)
		mark_dirty(&ck.gen.vss[i]);
}

static void
on_known(struct ipc_peer *p, struct ipc_msg *m)
{
	switch (state_sync_msg(&ck.known, m)) {
	case STATE_COMMITTED:
		ck.known_ok = true;
		if (ck.cfg == NULL)
			break; /* seeds_apply() at the first configuration */
		seeds_apply();
		break;
	case STATE_BAD:
		fatalx(
		    "bug: %s sent a bad table (%s)", p->name, ck.known.error);
	case STATE_RESYNC:
	case STATE_TAKEN:
	case STATE_STALE:
	case STATE_DROPPED:
		break;
	}
}

static void
on_state_request(struct ipc_peer *p, struct ipc_msg *m)
{
	struct msg_state_request r;

	memcpy(&r, m->payload, sizeof(r));
	if (r.what != MSG_STATE_RS_DESIRED)
		fatalx("bug: %s asked for state table %u", p->name, r.what);
	/* The IPVS child asks when its link comes up (after its own
	   table) or when it is out of step; the parent when out of step. */
	if (p == child_parent())
		send_status();
	else
		send_desired();
}

/* ---- configurations ---- */

static void
count_change(const struct vs_change *c, void *arg)
{
	size_t *n = arg;

	if (c->new_rs != NULL || c->old_rs != NULL)
		n[c->class]++;
}

/*
 * A new configuration: new runtime objects, each real server's state
 * carried over by id; probes kept where their definition (or its
 * question) is unchanged, so a reload moves nothing that did not
 * change.  The whole desired table is restated.
 */
static void
check_apply(const struct config *old, const struct config *cur)
{
	size_t n[VS_REMOVED + 1] = { 0 };
	struct ck_gen og = ck.gen;
	size_t i, j, k;
	struct ck_vs *v;

	if (old != NULL &&
	    vs_match(cfg_model(old, CFG_MODEL_VS), cfg_model(cur, CFG_MODEL_VS),
	        count_change, n) == 0)
		log_info("reload: real servers %zu unchanged, %zu changed, %zu "
		         "new, %zu removed",
		    n[VS_SAME], n[VS_CHANGED], n[VS_NEW], n[VS_REMOVED]);
	ck.cfg = cur;
	types_start(cur);
	for (i = 0; i < NTYPES; i++)
		if (type_started[i] && all_types[i]->configure != NULL)
			all_types[i]->configure(cur);
	ck_probes_begin();
	gen_build(&ck.gen, old, cur, old != NULL ? &og : NULL);
	ck_probes_end();
	/* The dirty list points into the old generation. */
	ck.dirty = NULL;
	ck.nchanged = 0;
	ck.nitems = ck.gen.nrs;
	ck.items = array_grow(
	    ck.items, &ck.capitems, ck.nitems + 1, sizeof(*ck.items));
	memset(ck.items, 0, ck.nitems * sizeof(*ck.items));
	for (i = 0, k = 0; i < ck.gen.nvs; i++) {
		v = &ck.gen.vss[i];
		for (j = 0; j < v->n; j++)
			v->rss[j]->item = k++;
		if (v->sorry != NULL)
			v->sorry->item = k++;
		vs_decide(v, true);
	}
	ck.nchanged = 0;
	gen_free(&og);
	if (ck.known_ok)
		seeds_apply();
	if (old != NULL)
		ck.reloads++;
	send_desired();
	send_status();
}

/* keepalived's omega: at a stop, the down notifications of what was up. */
static void
omega(void)
{
	size_t i, j;
	struct ck_vs *v;

	for (i = 0; i < ck.gen.nvs; i++) {
		v = &ck.gen.vss[i];
		if (!v->conf->omega)
			continue;
		for (j = 0; j < v->n; j++)
			if (v->rss[j]->told_alive)
				child_event(OBJ_RS, v->rss[j]->id, MSG_RS_UP,
				    MSG_RS_DOWN, 0, CHECK_R_NONE, NULL);
		if (v->dec.quorum_up && !v->dec.first)
			child_event(
			    OBJ_VS, v->id, MSG_VS_UP, MSG_VS_DOWN, 0, 0, NULL);
	}
}

static void
check_stop(void)
{
	size_t i;

	omega();
	ck_probes_free();
	for (i = 0; i < NTYPES; i++)
		if (type_started[i] && all_types[i]->fini != NULL)
			all_types[i]->fini();
	ev_prepare_stop(ck.loop, &ck.prepare);
	log_info("stopped checking %zu real servers", ck.gen.nrs);
}

/* ---- dumps ---- */

static void
dump_probe_line(FILE *f, const struct ck_probe *p)
{
	fprintf(f,
	    "   probe %s verdict %s last %s \"%s\" latency_us %" PRIu64
	    " attempts %lu passes %lu\n",
	    p->label,
	    p->verdict == 1       ? "up"
	        : p->verdict == 0 ? "down"
	                          : "unknown",
	    check_result_info(p->last)->code, p->detail, p->latency_us,
	    p->attempts, p->passes);
}

static const char *
table_word(const struct ck_rs *r)
{
	if (!r->in_table)
		return "absent";
	return r->quiescent ? "quiescent" : "in-table";
}

static void
dump_vs(FILE *f, const struct ck_vs *v)
{
	char vn[VS_NAME_MAX], rn[VS_NAME_MAX];
	const struct ck_rs *r;
	size_t i, j;

	vs_fmt_vs(v->conf, vn, sizeof(vn));
	fprintf(f, " VS %s quorum %s live_weight %" PRIu64 " sorry %s\n", vn,
	    v->dec.quorum_up ? "UP" : "DOWN", v->dec.live_weight,
	    v->sorry == NULL      ? "none"
	        : v->sorry->alive ? "in"
	                          : "out");
	for (i = 0; i < v->n; i++) {
		r = v->rss[i];
		vs_fmt_rs(v->conf, r->conf, rn, sizeof(rn));
		fprintf(f,
		    "  RS %s %s weight %" PRIu32 "/%" PRIu32
		    " %s transitions %lu\n",
		    rn, r->told_alive ? "UP" : "DOWN", r->out_weight,
		    r->conf->weight, table_word(r), r->transitions);
		for (j = 0; j < r->nprobes; j++)
			dump_probe_line(f, r->probes[j]);
	}
	if (v->sorry != NULL) {
		r = v->sorry;
		vs_fmt_rs(v->conf, r->conf, rn, sizeof(rn));
		fprintf(f, "  SORRY %s %s weight %" PRIu32 "/%" PRIu32 " %s\n",
		    rn, r->alive ? "UP" : "DOWN", r->out_weight,
		    v->dec.sorry_weight, table_word(r));
	}
}

static void
check_dump(FILE *f, enum msg_dump_what what)
{
	size_t i;

	if (what == MSG_DUMP_STATS) {
		fprintf(f,
		    " probes %zu, real and sorry servers %zu, events %lu, "
		    "desired full states %lu, updates %lu, seeds %lu, "
		    "reloads %lu\n",
		    ck_probes_count(), ck.gen.nrs, ck.events, ck.full_sent,
		    ck.updates_sent, ck.seeds, ck.reloads);
		return;
	}
	fprintf(f,
	    " real and sorry servers %zu, probes %zu, desired state "
	    "generation %u\n",
	    ck.gen.nrs, ck_probes_count(), ck.desired.generation);
	for (i = 0; i < ck.gen.nvs; i++)
		dump_vs(f, &ck.gen.vss[i]);
}
