/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mail_fmt.c: the text of alert emails: keepalived's subjects and bodies,
   RFC 5322 headers, and the digest of a burst (pure: no I/O). */

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_result.h"
#include "mail_int.h"
#include "msg.h"
#include "objid.h"

static const char *vrrp_subject(unsigned state);
static const char *vrrp_body(bool group, unsigned state);
static void put_header(struct mail_buf *, const char *name, const char *v);
static void put_body(struct mail_buf *, const char *text);
static void local_stamp(char *buf, size_t size, uint64_t usec);

/* RFC 5322 3.3: English names whatever the locale. */
static const char *const wdays[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri",
	"Sat" };
static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

/* keepalived's words (vrrp/vrrp_notify.c vrrp_smtp_notifier()). */
static const char *
vrrp_subject(unsigned state)
{
	switch (state) {
	case MSG_VRRP_MASTER:
		return "Entering MASTER state";
	case MSG_VRRP_BACKUP:
		return "Entering BACKUP state";
	case MSG_VRRP_FAULT:
		return "Entering FAULT state";
	case MSG_VRRP_STOP:
		return "Stopping";
	default:
		return NULL;
	}
}

static const char *
vrrp_body(bool group, unsigned state)
{
	switch (state) {
	case MSG_VRRP_MASTER:
		return group
		    ? "All VRRP group instances are now in MASTER state"
		    : "VRRP Instance is now owning VRRP VIPs";
	case MSG_VRRP_BACKUP:
		return group
		    ? "All VRRP group instances are now in BACKUP state"
		    : "VRRP Instance is no longer owning VRRP VIPs";
	case MSG_VRRP_FAULT:
		return group ? "All VRRP group instances are now in FAULT state"
		             : "VRRP Instance is no longer owning VRRP VIPs";
	case MSG_VRRP_STOP:
		return group ? "All VRRP group instances are now stopping"
		             : "VRRP Instance stopping";
	default:
		return NULL;
	}
}

int
mail_alert_make(struct mail_alert *a, const struct mail_event_view *e)
{
	const char *s, *b, *up = e->new_state == MSG_RS_UP ? "UP" : "DOWN";
	const struct check_result_info *r;

	memset(a, 0, sizeof(*a));
	a->usec = e->usec;
	switch (e->kind) {
	case OBJ_VRRP_INSTANCE:
	case OBJ_VRRP_GROUP:
		s = vrrp_subject(e->new_state);
		b = vrrp_body(e->kind == OBJ_VRRP_GROUP, e->new_state);
		if (s == NULL || b == NULL)
			return -1;
		snprintf(a->subject, sizeof(a->subject), "[%s] VRRP %s %s - %s",
		    e->router_id,
		    e->kind == OBJ_VRRP_GROUP ? "Group" : "Instance", e->name,
		    s);
		snprintf(a->body, sizeof(a->body), "=> %s <=", b);
		return 0;
	case OBJ_RS:
		if (e->new_state > MSG_RS_UP)
			return -1;
		snprintf(a->subject, sizeof(a->subject),
		    "[%s] Realserver %s of virtual server %s - %s",
		    e->router_id, e->name, e->scope != NULL ? e->scope : "?",
		    up);
		r = check_result_info(e->reason);
		if (e->new_state == MSG_RS_UP)
			snprintf(a->body, sizeof(a->body),
			    "=> CHECK succeed on service <=");
		else if (e->reason == CHECK_R_NONE)
			/* no check decided it: the checker stops (omega) */
			snprintf(
			    a->body, sizeof(a->body), "=> Shutting down <=");
		else
			snprintf(a->body, sizeof(a->body),
			    "=> CHECK failed on service: %s <=", r->text);
		return 0;
	case OBJ_VS:
		if (e->new_state > MSG_VS_UP)
			return -1;
		snprintf(a->subject, sizeof(a->subject),
		    "[%s] Virtualserver %s - %s", e->router_id, e->name, up);
		snprintf(a->body, sizeof(a->body),
		    "=> %s quorum (live weight %u) <=",
		    e->new_state == MSG_VS_UP ? "Gained" : "Lost", e->value);
		return 0;
	default:
		return -1;
	}
}

void
mail_buf_printf(struct mail_buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t want;
	char *p;
	int n;

	if (b->oom)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	want = b->len + (size_t)n + 1;
	if (want > b->cap) {
		p = realloc(b->p, want * 2);
		if (p == NULL) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = want * 2;
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
mail_buf_free(struct mail_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

void
mail_fmt_date(char *buf, size_t size, time_t t)
{
	struct tm tm;
	long off;

	localtime_r(&t, &tm);
	off = tm.tm_gmtoff / 60;
	snprintf(buf, size, "%s, %02d %s %04d %02d:%02d:%02d %c%02ld%02ld",
	    wdays[tm.tm_wday % 7], tm.tm_mday, months[tm.tm_mon % 12],
	    tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
	    off < 0 ? '-' : '+', labs(off) / 60, labs(off) % 60);
}

bool
mail_addr_ok(const char *addr)
{
	const char *s, *at = strchr(addr, '@');

	if (at == NULL || at == addr || at[1] == '\0' ||
	    strchr(at + 1, '@') != NULL)
		return false;
	for (s = addr; *s != '\0'; s++)
		if ((unsigned char)*s <= ' ' || *s == '<' || *s == '>' ||
		    *s == '"' || *s == ',' || *s == 0x7f)
			return false;
	return true;
}

void
mail_fmt_mailbox(char *buf, size_t size, const char *display, const char *addr)
{
	size_t n = 0;
	const char *s;

	if (display == NULL || display[0] == '\0') {
		snprintf(buf, size, "%s", addr);
		return;
	}
	/* a quoted-string (RFC 5322 3.2.4): escape '"' and '\'; controls
	   would break the header, so they become spaces */
	if (size < 8)
		return;
	buf[n++] = '"';
	for (s = display; *s != '\0' && n + 4 < size; s++) {
		if (*s == '"' || *s == '\\')
			buf[n++] = '\\';
		buf[n++] = (unsigned char)*s < ' ' ? ' ' : *s;
	}
	buf[n++] = '"';
	buf[n] = '\0';
	snprintf(buf + n, size - n, " <%s>", addr);
}

/* One header line; a CR, LF or other control in v becomes a space, so
   no text from the configuration can start a header of its own. */
static void
put_header(struct mail_buf *b, const char *name, const char *v)
{
	char *c = strdup(v), *s;

	if (c == NULL) {
		b->oom = true;
		return;
	}
	for (s = c; *s != '\0'; s++)
		if ((unsigned char)*s < ' ' || *s == 0x7f)
			*s = ' ';
	mail_buf_printf(b, "%s: %s\r\n", name, c);
	free(c);
}

/* Text with LF line ends, as CRLF lines. */
static void
put_body(struct mail_buf *b, const char *text)
{
	const char *s = text, *nl;

	while (*s != '\0') {
		nl = strchr(s, '\n');
		if (nl == NULL) {
			mail_buf_printf(b, "%s\r\n", s);
			return;
		}
		mail_buf_printf(b, "%.*s\r\n", (int)(nl - s), s);
		s = nl + 1;
	}
}

/* "2024-05-01 10:00:00.123 +0200" */
static void
local_stamp(char *buf, size_t size, uint64_t usec)
{
	time_t t = (time_t)(usec / 1000000);
	struct tm tm;
	long off;

	localtime_r(&t, &tm);
	off = tm.tm_gmtoff / 60;
	snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d.%03u %c%02ld%02ld",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	    tm.tm_sec, (unsigned)(usec % 1000000 / 1000), off < 0 ? '-' : '+',
	    labs(off) / 60, labs(off) % 60);
}

void
mail_compose(struct mail_buf *out, const struct mail_envelope *env,
    const struct mail_alert *(*at)(unsigned i, void *arg), void *arg,
    unsigned n, uint64_t dropped)
{
	char line[MAIL_SUBJECT_LEN + 64], date[64], mbox[2 * 256 + 8];
	struct mail_buf to = { 0 }, body = { 0 };
	const struct mail_alert *a;
	unsigned i;

	mail_fmt_date(date, sizeof(date), env->date);
	put_header(out, "Date", date);
	mail_fmt_mailbox(mbox, sizeof(mbox), env->from_name, env->from);
	put_header(out, "From", mbox);
	for (i = 0; i < env->n_to; i++)
		mail_buf_printf(&to, "%s%s", i > 0 ? ", " : "", env->to[i]);
	put_header(out, "To", to.p != NULL ? to.p : "");
	mail_buf_free(&to);
	if (n == 1 && dropped == 0) {
		a = at(0, arg);
		put_header(out, "Subject", a->subject);
		mail_buf_printf(&body, "%s\n", a->body);
	} else {
		if (dropped > 0)
			snprintf(line, sizeof(line),
			    "[%s] %u alerts (digest; %" PRIu64
			    " older dropped)",
			    env->router_id, n, dropped);
		else
			snprintf(line, sizeof(line), "[%s] %u alerts (digest)",
			    env->router_id, n);
		put_header(out, "Subject", line);
		mail_buf_printf(
		    &body, "=> %u alerts coalesced into one mail <=\n", n);
		if (dropped > 0)
			mail_buf_printf(&body,
			    "=> %" PRIu64 " older alerts were dropped: at most "
			    "%d wait for the mail relay <=\n",
			    dropped, MAIL_QUEUE_MAX);
		for (i = 0; i < n; i++) {
			a = at(i, arg);
			local_stamp(date, sizeof(date), a->usec);
			mail_buf_printf(&body, "\n%s %s\n    %s\n", date,
			    a->subject, a->body);
		}
	}
	snprintf(line, sizeof(line), "<%" PRIu64 ".%ld.%" PRIu64 "@%s>",
	    (uint64_t)env->date, env->pid, env->msgid_seq, env->host);
	put_header(out, "Message-ID", line);
	put_header(out, "MIME-Version", "1.0");
	put_header(out, "Content-Type", "text/plain; charset=utf-8");
	put_header(out, "Content-Transfer-Encoding", "8bit");
	put_header(out, "X-Mailer", "vigil");
	mail_buf_printf(out, "\r\n");
	put_body(out, body.p != NULL ? body.p : "");
	if (body.oom)
		out->oom = true;
	mail_buf_free(&body);
}
