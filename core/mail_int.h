/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mail_int.h: the parts of the mail module (vigil-mail.so): alerts, their
   queue and the text of the mails. */

#ifndef VIGIL_MAIL_INT_H
#define VIGIL_MAIL_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Alerts that may wait for the relay; past it the oldest is dropped. */
#define MAIL_QUEUE_MAX 1000
/* This many alerts waiting when the sender is free go out as one digest;
   fewer go one mail each, as keepalived sends them. */
#define MAIL_DIGEST_MIN 4
/* Retries of a mail that failed for a reason that may pass (4xx, no
   connection, a timeout): after 1 s, then doubling up to the maximum,
   for as long as the window since the first failure. */
#define MAIL_BACKOFF_FIRST 1.0
#define MAIL_BACKOFF_MAX 60.0
#define MAIL_RETRY_WINDOW 600.0

#define MAIL_SUBJECT_LEN 384
#define MAIL_BODY_LEN 512

/* One alert: what one transition says (keepalived's subject and body). */
struct mail_alert {
	uint64_t usec; /* when the child saw it: CLOCK_REALTIME */
	char subject[MAIL_SUBJECT_LEN];
	char body[MAIL_BODY_LEN];
};

/* ---- mail_fmt.c: pure text ---- */

/* What one event of an object says, in keepalived's words. */
struct mail_event_view {
	const char *router_id;
	unsigned kind; /* enum obj_kind */
	const char *name; /* as the herald names it */
	const char *scope; /* a real server's virtual server; NULL: none */
	unsigned old_state, new_state, value, reason;
	uint64_t usec;
};

/* Fills a from an event; -1 when keepalived sends no mail for it (a
   kind or state it does not tell of). */
int mail_alert_make(struct mail_alert *a, const struct mail_event_view *);

/* A growing text; on allocation failure it stays short and oom is set. */
struct mail_buf {
	char *p;
	size_t len, cap;
	bool oom;
};
void mail_buf_printf(struct mail_buf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void mail_buf_free(struct mail_buf *);

/* RFC 5322 date-time of t in local time: "Mon, 01 Mar 2021 09:44:08
   +0100"; not the locale's names. */
void mail_fmt_date(char *buf, size_t size, time_t t);
/* A From or To mailbox: "addr", or "\"Display Name\" <addr>" with the
   name's quotes and backslashes escaped. */
void
mail_fmt_mailbox(char *buf, size_t size, const char *display, const char *addr);
/* Whether an address may go into a header and an SMTP command: no
   spaces, controls, angle brackets, or quotes, and one '@'. */
bool mail_addr_ok(const char *addr);

/* The headers' parts of every mail. */
struct mail_envelope {
	const char *from; /* address */
	const char *from_name; /* display name; NULL or "": none */
	const char *const *to; /* addresses */
	unsigned n_to;
	const char *host; /* for the Message-ID's right part */
	const char *router_id; /* for the digest's subject */
	time_t date;
	uint64_t msgid_seq; /* makes the Message-ID unique in this run */
	long pid;
};

/*
 * The whole message (headers, a blank line, the body; CRLF line ends)
 * for n alerts (at(i, arg) gives the i-th, oldest first) of which
 * dropped more were lost to the queue's bound: one alert and nothing
 * dropped is a mail as keepalived writes it; else a digest whose subject
 * says how many alerts it holds and whose body lists them.
 */
void mail_compose(struct mail_buf *out, const struct mail_envelope *,
    const struct mail_alert *(*at)(unsigned i, void *arg), void *arg,
    unsigned n, uint64_t dropped);

/* ---- mail_queue.c: pure queueing and retries ---- */

/* A ring of alerts with a bound; pushing onto a full one drops the
   oldest and counts it. */
struct mail_list {
	struct mail_alert *v;
	unsigned cap, head, n;
	uint64_t dropped;
};

/*
 * Alerts wait in wait; the sender takes them into send, one (a mail) or
 * all (a digest), and keeps them there until they are sent, refused for
 * good, or out of retries.
 */
struct mail_queue {
	struct mail_list wait, send;
	unsigned attempts; /* of the mail in send */
	double first_failure; /* monotonic seconds; 0: none yet */
	bool failure_logged; /* its failure was logged */
};

/* What to do with a mail that failed. */
enum mail_verdict {
	MAIL_RETRY, /* again after *delay */
	MAIL_DROP, /* refused for good, or out of retries: dropped */
};

int mail_queue_init(struct mail_queue *, unsigned cap);
void mail_queue_free(struct mail_queue *);
void mail_queue_push(struct mail_queue *, const struct mail_alert *);
/*
 * The sender is free: moves alerts into send.  A mail in send (a retry)
 * absorbs everything waiting when that makes MAIL_DIGEST_MIN; an empty
 * send takes everything waiting when MAIL_DIGEST_MIN or more wait, else
 * the oldest alone.  The number of alerts in send; 0: nothing to send.
 */
unsigned mail_queue_take(struct mail_queue *);
/* The i-th alert in send, oldest first. */
const struct mail_alert *mail_queue_at(const struct mail_queue *, unsigned i);
/* Alerts of send and wait dropped by the bound, not yet told of. */
uint64_t mail_queue_dropped(const struct mail_queue *);
/* The mail in send went: forget it. */
void mail_queue_sent(struct mail_queue *);
/*
 * The mail in send failed at monotonic time now; transient: the reason
 * may pass.  MAIL_RETRY with the backoff in *delay, or MAIL_DROP (send
 * emptied).  *first says whether this is the mail's first failure (to
 * log it once).
 */
enum mail_verdict mail_queue_failed(struct mail_queue *, bool transient,
    double now, double *delay, bool *first);
/* Drops everything, in send and waiting; how many alerts. */
uint64_t mail_queue_clear(struct mail_queue *);
/* Alerts in send and waiting. */
unsigned mail_queue_len(const struct mail_queue *);

#endif
