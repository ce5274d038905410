/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_sched.c: the checker's probes: one per distinct check, on timers,
   with retries, deadlines and verdicts. */

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "array.h"
#include "check_int.h"
#include "log.h"
#include "vs_equal.h"

static uint64_t probe_hash(const struct vs_check *);
static struct ck_probe *probe_find(const struct vs_check *, const char *);
static struct ck_probe *probe_new(const struct vs_check *, const char *);
static bool str_same(const char *, const char *);
static void probe_free(struct ck_probe *);
static void probe_label(struct ck_probe *);
static void probe_attempt(struct ck_probe *);
static void probe_stop(struct ck_probe *);
static void on_timer(struct ev_loop *, ev_timer *, int);
static void on_deadline(struct ev_loop *, ev_timer *, int);
static void finish(struct ck_probe *, enum check_result, enum ck_wmode, int32_t,
    const char *, va_list) __attribute__((format(printf, 5, 0)));
static void table_grow(void);

static struct {
	struct ck_probe **buckets; /* by probe_hash */
	size_t nbuckets; /* a power of two, or 0 */
	size_t n;
	struct ck_probe **fresh; /* created by this reload, to start */
	size_t nfresh, capfresh;
} ps;

/* The types by enum vs_check_type; BFD_CHECK is refused by validation. */
static const struct ck_type *const types[VS_CHECK_NTYPES] = {
	[VS_CHECK_TCP] = &ck_tcp_type,
	[VS_CHECK_HTTP] = &ck_http_lazy_type,
	[VS_CHECK_SSL] = &ck_http_lazy_type,
	[VS_CHECK_MISC] = &ck_misc_type,
	[VS_CHECK_SMTP] = &ck_smtp_type,
	[VS_CHECK_DNS] = &ck_dns_type,
	[VS_CHECK_UDP] = &ck_udp_type,
	[VS_CHECK_PING] = &ck_ping_type,
	[VS_CHECK_FILE] = &ck_file_type,
};

const struct ck_type *
ck_type_of(const struct vs_check *c)
{
	if (c->type >= VS_CHECK_NTYPES || types[c->type] == NULL)
		fatalx("bug: no check type %u", c->type);
	return types[c->type];
}

/*
 * Probes are found by what they look at (type, address, port); equal or
 * migrating definitions always share those, and a bucket holds the few
 * checks of one backend.
 */
static uint64_t
probe_hash(const struct vs_check *c)
{
	uint64_t h = 1469598103934665603ULL;
	const unsigned char *b;
	size_t i, n;

	h = (h ^ c->type) * 1099511628211ULL;
	h = (h ^ c->connect_port) * 1099511628211ULL;
	b = c->connect_ip.u.v6;
	n = c->connect_ip.family == AF_INET6 ? 16 : 4;
	for (i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return h;
}

static void
table_grow(void)
{
	struct ck_probe **old = ps.buckets, *p, *next;
	size_t oldn = ps.nbuckets, i, b;

	ps.nbuckets = oldn ? oldn * 2 : 256;
	ps.buckets = calloc(ps.nbuckets, sizeof(*ps.buckets));
	if (ps.buckets == NULL)
		fatal("calloc");
	for (i = 0; i < oldn; i++)
		for (p = old[i]; p != NULL; p = next) {
			next = p->hnext;
			b = p->hash & (ps.nbuckets - 1);
			p->hnext = ps.buckets[b];
			ps.buckets[b] = p;
		}
	free(old);
}

static bool
str_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* The probe running a definition equal to c with that virtualhost. */
static struct ck_probe *
probe_find(const struct vs_check *c, const char *vhost)
{
	struct ck_probe *p;
	uint64_t h = probe_hash(c);

	if (ps.nbuckets == 0)
		return NULL;
	for (p = ps.buckets[h & (ps.nbuckets - 1)]; p != NULL; p = p->hnext)
		if (p->hash == h && str_same(p->vhost, vhost) &&
		    vs_check_equal(p->conf, c))
			return p;
	return NULL;
}

static void
probe_label(struct ck_probe *p)
{
	char a[INET6_ADDRSTRLEN];

	cfg_addr_str(&p->conf->connect_ip, "?", a, sizeof(a));
	snprintf(p->label, sizeof(p->label), "%s [%s]:%u",
	    vs_check_name(p->conf->type), a, p->conf->connect_port);
}

static struct ck_probe *
probe_new(const struct vs_check *c, const char *vhost)
{
	struct ck_probe *p = calloc(1, sizeof(*p));
	size_t b;

	if (p == NULL)
		fatal("calloc");
	p->conf = c;
	p->vhost = vhost;
	p->loop = ck_loop();
	p->hash = probe_hash(c);
	/* keepalived: a checker starts up, unless alpha says it must
	   prove it first */
	p->verdict = c->alpha > 0 ? 0 : 1;
	p->fresh = true;
	probe_label(p);
	ev_init(&p->timer, on_timer);
	p->timer.data = p;
	ev_init(&p->deadline, on_deadline);
	p->deadline.data = p;
	/* When an answer and the deadline are both pending in one loop
	   iteration (a busy loop), the answer is read first: libev runs
	   higher priorities first, and a late loop is no timeout. */
	ev_set_priority(&p->deadline, EV_MINPRI);
	if (ps.n + 1 > ps.nbuckets / 2)
		table_grow();
	b = p->hash & (ps.nbuckets - 1);
	p->hnext = ps.buckets[b];
	ps.buckets[b] = p;
	ps.n++;
	ps.fresh = array_grow(
	    ps.fresh, &ps.capfresh, ps.nfresh + 1, sizeof(*ps.fresh));
	ps.fresh[ps.nfresh++] = p;
	return p;
}

/* Ends what the probe runs: its attempt, its timers. */
static void
probe_stop(struct ck_probe *p)
{
	ev_timer_stop(p->loop, &p->timer);
	ev_timer_stop(p->loop, &p->deadline);
	if (p->running) {
		p->running = false;
		ck_type_of(p->conf)->cancel(p);
		p->priv = NULL;
	}
}

static void
probe_free(struct ck_probe *p)
{
	probe_stop(p);
	free(p->subs);
	free(p);
}

void
ck_probes_begin(void)
{
	size_t i;
	struct ck_probe *p;

	for (i = 0; i < ps.nbuckets; i++)
		for (p = ps.buckets[i]; p != NULL; p = p->hnext) {
			p->mark = false;
			p->nsubs = 0;
		}
}

struct ck_probe *
ck_probe_get(const struct vs_check *nc, const struct vs_check *src,
    const char *vhost, struct ck_rs *rs)
{
	struct ck_probe *p = probe_find(nc, vhost), *o;
	const struct vs_check *was;

	if (p == NULL && src != NULL && (o = probe_find(src, vhost)) != NULL) {
		if (!o->mark) {
			/* The old probe now asks the new question, which
			   its verdict answers: only timing or retries
			   changed.  Its timer restarts on the new ones. */
			was = o->conf;
			o->conf = nc;
			o->hash = probe_hash(nc);
			probe_label(o);
			if (was->delay_loop != nc->delay_loop && !o->running &&
			    ev_is_active(&o->timer)) {
				ev_timer_stop(o->loop, &o->timer);
				ev_timer_set(
				    &o->timer, (double)nc->delay_loop / 1e6, 0);
				ev_timer_start(o->loop, &o->timer);
			}
			p = o;
		} else {
			/* Taken by an equal definition: a new probe that
			   keeps the verdict until its first attempt. */
			p = probe_new(nc, vhost);
			p->verdict = o->verdict;
			p->last = o->last;
			p->wmode = o->wmode;
			p->wvalue = o->wvalue;
		}
	}
	if (p == NULL)
		p = probe_new(nc, vhost);
	p->mark = true;
	p->conf = nc;
	p->vhost = vhost;
	p->subs =
	    array_grow(p->subs, &p->capsubs, p->nsubs + 1, sizeof(*p->subs));
	p->subs[p->nsubs++] = rs;
	return p;
}

void
ck_probes_end(void)
{
	struct ck_probe **pp, *p;
	size_t i, n;
	double off;

	/* Probes no configuration uses any more. */
	for (i = 0; i < ps.nbuckets; i++)
		for (pp = &ps.buckets[i]; (p = *pp) != NULL;) {
			if (p->mark) {
				pp = &p->hnext;
				continue;
			}
			*pp = p->hnext;
			ps.n--;
			probe_free(p);
		}
	/* Start the new ones spread evenly over their warmup: the i-th of
	   n at i/n of it, never all at once. */
	n = ps.nfresh;
	for (i = 0; i < n; i++) {
		p = ps.fresh[i];
		p->fresh = false;
		off = (double)p->conf->warmup / 1e6 * (double)i / (double)n;
		ev_timer_set(&p->timer, off, 0);
		ev_timer_start(p->loop, &p->timer);
	}
	ps.nfresh = 0;
}

void
ck_probes_free(void)
{
	size_t i;
	struct ck_probe *p, *next;

	for (i = 0; i < ps.nbuckets; i++)
		for (p = ps.buckets[i]; p != NULL; p = next) {
			next = p->hnext;
			probe_free(p);
		}
	free(ps.buckets);
	free(ps.fresh);
	memset(&ps, 0, sizeof(ps));
}

void
ck_probes_foreach(void (*fn)(struct ck_probe *, void *), void *arg)
{
	size_t i;
	struct ck_probe *p, *next;

	for (i = 0; i < ps.nbuckets; i++)
		for (p = ps.buckets[i]; p != NULL; p = next) {
			next = p->hnext;
			fn(p, arg);
		}
}

size_t
ck_probes_count(void)
{
	return ps.n;
}

/* ---- one attempt ---- */

static void
on_timer(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)revents;
	probe_attempt(w->data);
}

static void
probe_attempt(struct ck_probe *p)
{
	const struct ck_type *t = ck_type_of(p->conf);

	if (p->running)
		return;
	ev_timer_stop(p->loop, &p->timer);
	ev_now_update(p->loop);
	p->started = ev_now(p->loop);
	p->running = true;
	p->attempts++;
	if (!t->own_timeout && p->conf->connect_timeout > 0) {
		ev_timer_set(&p->deadline,
		    (double)(t->deadline != NULL ? t->deadline(p->conf)
		                                 : p->conf->connect_timeout) /
		        1e6,
		    0);
		ev_timer_start(p->loop, &p->deadline);
	}
	/* start() may end the attempt at once, through ck_done() */
	t->start(p);
}

void
ck_probe_kick(struct ck_probe *p)
{
	if (!p->running && !p->fresh)
		probe_attempt(p);
}

static void
on_deadline(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct ck_probe *p = w->data;

	(void)loop;
	(void)revents;
	if (!p->running)
		return;
	ck_type_of(p->conf)->cancel(p);
	p->priv = NULL;
	ck_done(
	    p, CHECK_R_TIMEOUT, "after %.3g s", ev_now(p->loop) - p->started);
}

/*
 * The verdict: a pass makes the probe up at once; a failure of an up
 * probe is retried `retry` times, delay_before_retry apart, before the
 * probe goes down (keepalived's retry).  The next attempt is due
 * delay_loop after this one started, so intervals do not drift by the
 * time checks take.
 */
static void
finish(struct ck_probe *p, enum check_result r, enum ck_wmode wmode,
    int32_t wvalue, const char *fmt, va_list ap)
{
	bool ok = r == CHECK_R_OK, changed = false;
	double now, next;

	if (!p->running)
		fatalx("bug: %s: a result with no attempt running", p->label);
	p->running = false;
	p->priv = NULL;
	ev_timer_stop(p->loop, &p->deadline);
	ev_now_update(p->loop);
	now = ev_now(p->loop);
	p->latency_us = (uint64_t)((now - p->started) * 1e6);
	p->last = r;
	if (fmt != NULL)
		vsnprintf(p->detail, sizeof(p->detail), fmt, ap);
	else
		p->detail[0] = '\0';
	next = p->started + (double)p->conf->delay_loop / 1e6;
	if (ok) {
		p->passes++;
		p->failures = 0;
		if (p->verdict != 1 || p->wmode != wmode || p->wvalue != wvalue)
			changed = true;
		p->verdict = 1;
		p->wmode = wmode;
		p->wvalue = wvalue;
	} else {
		p->failures++;
		if (p->verdict == 1 && p->failures <= p->conf->retry) {
			next = now + (double)p->conf->delay_before_retry / 1e6;
			if (p->conf->log_all_failures > 0)
				log_info("%s failed (%s), retry %u of %u",
				    p->label, check_result_info(r)->code,
				    p->failures, p->conf->retry);
		} else if (p->verdict != 0) {
			p->verdict = 0;
			changed = true;
		}
	}
	if (next < now)
		next = now;
	ev_timer_set(&p->timer, next - now, 0);
	ev_timer_start(p->loop, &p->timer);
	if (changed)
		ck_probe_changed(p);
}

void
ck_done(struct ck_probe *p, enum check_result r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	finish(p, r, CK_W_NONE, 0, fmt, ap);
	va_end(ap);
}

void
ck_done_weight(struct ck_probe *p, enum check_result r, enum ck_wmode wmode,
    int32_t value, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	finish(p, r, wmode, value, fmt, ap);
	va_end(ap);
}
