/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mail_queue.c: the mail module's bounded queue of alerts, its retries with
   backoff, and when a burst becomes one digest (pure: no I/O, no clock). */

#include <stdlib.h>
#include <string.h>

#include "mail_int.h"

static int list_init(struct mail_list *, unsigned cap);
static void list_push(struct mail_list *, const struct mail_alert *);
static const struct mail_alert *list_at(const struct mail_list *, unsigned);
static void list_move_all(struct mail_list *to, struct mail_list *from);
static void list_move_one(struct mail_list *to, struct mail_list *from);

static int
list_init(struct mail_list *l, unsigned cap)
{
	memset(l, 0, sizeof(*l));
	l->v = calloc(cap, sizeof(*l->v));
	if (l->v == NULL)
		return -1;
	l->cap = cap;
	return 0;
}

/* Onto a full list: the oldest goes, counted. */
static void
list_push(struct mail_list *l, const struct mail_alert *a)
{
	if (l->n == l->cap) {
		l->head = (l->head + 1) % l->cap;
		l->n--;
		l->dropped++;
	}
	l->v[(l->head + l->n) % l->cap] = *a;
	l->n++;
}

static const struct mail_alert *
list_at(const struct mail_list *l, unsigned i)
{
	return &l->v[(l->head + i) % l->cap];
}

/* Everything of from, oldest first, with its count of dropped ones. */
static void
list_move_all(struct mail_list *to, struct mail_list *from)
{
	unsigned i;

	for (i = 0; i < from->n; i++)
		list_push(to, list_at(from, i));
	to->dropped += from->dropped;
	from->head = from->n = 0;
	from->dropped = 0;
}

static void
list_move_one(struct mail_list *to, struct mail_list *from)
{
	list_push(to, list_at(from, 0));
	from->head = (from->head + 1) % from->cap;
	from->n--;
}

int
mail_queue_init(struct mail_queue *q, unsigned cap)
{
	memset(q, 0, sizeof(*q));
	if (list_init(&q->wait, cap) < 0 || list_init(&q->send, cap) < 0) {
		mail_queue_free(q);
		return -1;
	}
	return 0;
}

void
mail_queue_free(struct mail_queue *q)
{
	free(q->wait.v);
	free(q->send.v);
	memset(q, 0, sizeof(*q));
}

void
mail_queue_push(struct mail_queue *q, const struct mail_alert *a)
{
	list_push(&q->wait, a);
}

unsigned
mail_queue_take(struct mail_queue *q)
{
	struct mail_list *w = &q->wait;

	if (q->send.n + w->n >= MAIL_DIGEST_MIN || w->dropped > 0)
		list_move_all(&q->send, w);
	else if (q->send.n == 0 && w->n > 0)
		list_move_one(&q->send, w);
	return q->send.n;
}

const struct mail_alert *
mail_queue_at(const struct mail_queue *q, unsigned i)
{
	return list_at(&q->send, i);
}

uint64_t
mail_queue_dropped(const struct mail_queue *q)
{
	return q->send.dropped;
}

void
mail_queue_sent(struct mail_queue *q)
{
	q->send.head = q->send.n = 0;
	q->send.dropped = 0;
	q->attempts = 0;
	q->first_failure = 0;
	q->failure_logged = false;
}

enum mail_verdict
mail_queue_failed(struct mail_queue *q, bool transient, double now,
    double *delay, bool *first)
{
	double d = MAIL_BACKOFF_FIRST;
	unsigned i;

	*first = !q->failure_logged;
	q->failure_logged = true;
	q->attempts++;
	if (q->first_failure == 0)
		q->first_failure = now;
	if (!transient || now - q->first_failure >= MAIL_RETRY_WINDOW) {
		mail_queue_sent(q);
		return MAIL_DROP;
	}
	for (i = 1; i < q->attempts && d < MAIL_BACKOFF_MAX; i++)
		d *= 2;
	*delay = d < MAIL_BACKOFF_MAX ? d : MAIL_BACKOFF_MAX;
	return MAIL_RETRY;
}

uint64_t
mail_queue_clear(struct mail_queue *q)
{
	uint64_t n = (uint64_t)q->send.n + q->wait.n;

	mail_queue_sent(q);
	q->wait.head = q->wait.n = 0;
	q->wait.dropped = 0;
	return n;
}

unsigned
mail_queue_len(const struct mail_queue *q)
{
	return q->send.n + q->wait.n;
}
