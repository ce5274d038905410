/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_smtp.c: SMTP_CHECK: banner 220, HELO answered 250, QUIT. */

#include <sys/socket.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_sock.h"

/*
 * An attempt is one short dialogue (keepalived's): read the greeting,
 * which must be 220; send HELO with helo_name, which must be answered
 * 250; send QUIT and read its answer (221 is expected; like keepalived,
 * any positive answer will do, so only a 4xx or 5xx there fails).
 * Replies may span lines ("250-...", then "250 ..."); only the final
 * line's code counts.  Whatever else the server says, or a close before
 * the reply, fails the attempt.  The frame's deadline bounds the whole
 * dialogue; lines and the attempt's input are bounded too.
 */
enum smtp_step {
	SMTP_CONNECT,
	SMTP_BANNER,
	SMTP_HELO,
	SMTP_QUIT,
};

#define SMTP_LINE_MAX 512
/* More than any sane greeting and HELO answer, however many lines. */
#define SMTP_INPUT_MAX 65536

struct smtp_att {
	ev_io io;
	int fd;
	int events; /* of io */
	enum smtp_step step;
	char out[GLOBAL_STR_LEN + 16];
	size_t outlen, outoff;
	char line[SMTP_LINE_MAX];
	size_t linelen;
	size_t input; /* bytes read */
};

static void smtp_start(struct ck_probe *);
static void smtp_cancel(struct ck_probe *);
static void smtp_io(struct ev_loop *, ev_io *, int);
static void smtp_watch(struct ck_probe *, struct smtp_att *, int);
static int smtp_send(struct ck_probe *, struct smtp_att *, const char *);
static int smtp_flush(struct ck_probe *, struct smtp_att *);
static int smtp_read(struct ck_probe *, struct smtp_att *);
static int smtp_line(struct ck_probe *, struct smtp_att *);
static int smtp_fail(struct ck_probe *, enum check_result, const char *, ...)
    __attribute__((format(printf, 3, 4)));
static int smtp_errno(struct ck_probe *, const char *, int);
static const char *helo_name(const struct vs_check *, char *, size_t);
static const char *step_name(enum smtp_step);
static void printable(char *, size_t, const char *);

const struct ck_type ck_smtp_type = {
	.name = "SMTP_CHECK",
	.start = smtp_start,
	.cancel = smtp_cancel,
};

static void
smtp_start(struct ck_probe *p)
{
	struct ck_sock_err err = { CHECK_R_OK, "" };
	struct smtp_att *a;
	int fd, r;

	if ((fd = ck_sock_open(p->conf, SOCK_STREAM, 0, &err)) < 0) {
		ck_sock_done(p, &err);
		return;
	}
	if ((r = ck_sock_connect(fd, p->conf, &err)) < 0) {
		ck_sock_close(fd, p->conf);
		ck_sock_done(p, &err);
		return;
	}
	if ((a = calloc(1, sizeof(*a))) == NULL) {
		ck_sock_close(fd, p->conf);
		ck_done(p, CHECK_R_SOCKET, "out of memory");
		return;
	}
	a->fd = fd;
	a->step = r == 0 ? SMTP_BANNER : SMTP_CONNECT;
	ev_init(&a->io, smtp_io);
	a->io.data = p;
	p->priv = a;
	smtp_watch(p, a, r == 0 ? EV_READ : EV_WRITE);
}

static void
smtp_cancel(struct ck_probe *p)
{
	struct smtp_att *a = p->priv;

	if (a == NULL)
		return;
	ev_io_stop(p->loop, &a->io);
	ck_sock_close(a->fd, p->conf);
	free(a);
	p->priv = NULL;
}

static void
smtp_watch(struct ck_probe *p, struct smtp_att *a, int events)
{
	if (a->events == events && ev_is_active(&a->io))
		return;
	ev_io_stop(p->loop, &a->io);
	ev_io_set(&a->io, a->fd, events);
	a->events = events;
	ev_io_start(p->loop, &a->io);
}

static void
smtp_io(struct ev_loop *loop, ev_io *w, int revents)
{
	struct ck_probe *p = w->data;
	struct smtp_att *a = p->priv;
	struct ck_sock_err err = { CHECK_R_OK, "" };

	(void)loop;
	if (a->step == SMTP_CONNECT) {
		if (ck_sock_connected(a->fd, &err) < 0) {
			smtp_cancel(p);
			ck_sock_done(p, &err);
			return;
		}
		a->step = SMTP_BANNER;
		smtp_watch(p, a, EV_READ);
		return;
	}
	if ((revents & EV_WRITE) && smtp_flush(p, a) != 0)
		return;
	if (revents & EV_READ)
		(void)smtp_read(p, a);
}

/* Queues a command and sends what the socket takes now.  Non-zero: the
   attempt ended. */
static int
smtp_send(struct ck_probe *p, struct smtp_att *a, const char *cmd)
{
	int n;

	n = snprintf(a->out, sizeof(a->out), "%s\r\n", cmd);
	a->outlen = n < 0 || (size_t)n >= sizeof(a->out) ? sizeof(a->out) - 1
	                                                 : (size_t)n;
	a->outoff = 0;
	return smtp_flush(p, a);
}

static int
smtp_flush(struct ck_probe *p, struct smtp_att *a)
{
	ssize_t n;

	while (a->outoff < a->outlen) {
		n = send(a->fd, a->out + a->outoff, a->outlen - a->outoff,
		    MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			smtp_watch(p, a, EV_READ | EV_WRITE);
			return 0;
		}
		if (n < 0)
			return smtp_errno(p, "send", errno);
		a->outoff += (size_t)n;
	}
	smtp_watch(p, a, EV_READ);
	return 0;
}

/* Reads what is there and acts on each complete line.  Non-zero: the
   attempt ended. */
static int
smtp_read(struct ck_probe *p, struct smtp_att *a)
{
	char buf[SMTP_LINE_MAX];
	ssize_t n, i;

	n = recv(a->fd, buf, sizeof(buf), 0);
	if (n < 0 &&
	    (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return 0;
	if (n < 0)
		return smtp_errno(p, "recv", errno);
	if (n == 0)
		return smtp_fail(p, CHECK_R_RESET, "closed before the %s reply",
		    step_name(a->step));
	a->input += (size_t)n;
	if (a->input > SMTP_INPUT_MAX)
		return smtp_fail(p, CHECK_R_SMTP,
		    "%s reply longer than %d bytes", step_name(a->step),
		    SMTP_INPUT_MAX);
	for (i = 0; i < n; i++) {
		if (buf[i] != '\n') {
			/* a longer line keeps its start, which has the code */
			if (a->linelen < sizeof(a->line) - 1)
				a->line[a->linelen++] = buf[i];
			continue;
		}
		if (a->linelen > 0 && a->line[a->linelen - 1] == '\r')
			a->linelen--;
		a->line[a->linelen] = '\0';
		if (smtp_line(p, a) != 0)
			return 1;
		a->linelen = 0;
	}
	return 0;
}

/* One complete line of a reply.  Non-zero: the attempt ended. */
static int
smtp_line(struct ck_probe *p, struct smtp_att *a)
{
	const char *l = a->line;
	char name[GLOBAL_STR_LEN], cmd[GLOBAL_STR_LEN + 8], safe[80];
	int code;

	if (!isdigit((unsigned char)l[0]) || !isdigit((unsigned char)l[1]) ||
	    !isdigit((unsigned char)l[2]) ||
	    (l[3] != '\0' && l[3] != ' ' && l[3] != '-')) {
		printable(safe, sizeof(safe), l);
		return smtp_fail(p, CHECK_R_SMTP, "%s: not an SMTP reply: %s",
		    step_name(a->step), safe);
	}
	if (l[3] == '-')
		return 0; /* more lines of the same reply */
	code = (l[0] - '0') * 100 + (l[1] - '0') * 10 + (l[2] - '0');
	switch (a->step) {
	case SMTP_BANNER:
		if (code != 220)
			break;
		a->step = SMTP_HELO;
		snprintf(cmd, sizeof(cmd), "HELO %s",
		    helo_name(p->conf, name, sizeof(name)));
		return smtp_send(p, a, cmd);
	case SMTP_HELO:
		if (code != 250)
			break;
		a->step = SMTP_QUIT;
		return smtp_send(p, a, "QUIT");
	case SMTP_QUIT:
		if (code >= 400)
			break;
		smtp_cancel(p);
		ck_done(p, CHECK_R_OK, NULL);
		return 1;
	case SMTP_CONNECT:
		break;
	}
	printable(safe, sizeof(safe), l);
	return smtp_fail(p, CHECK_R_SMTP, "%s: %s", step_name(a->step), safe);
}

/* The start of a server's line, fit for a log line. */
static void
printable(char *dst, size_t size, const char *src)
{
	size_t i;

	for (i = 0; i < size - 1 && src[i] != '\0'; i++)
		dst[i] = isprint((unsigned char)src[i]) ? src[i] : '?';
	dst[i] = '\0';
}

/* Ends the attempt: its state first, then the one ck_done(). */
static int
smtp_fail(struct ck_probe *p, enum check_result r, const char *fmt, ...)
{
	char detail[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	smtp_cancel(p);
	ck_done(p, r, "%s", detail);
	return 1;
}

static int
smtp_errno(struct ck_probe *p, const char *what, int errnum)
{
	struct ck_sock_err err;

	ck_sock_errno(&err, what, errnum);
	smtp_cancel(p);
	ck_sock_done(p, &err);
	return 1;
}

/* helo_name, else global_defs' smtp_helo_name, else the host's name
   (keepalived's default). */
static const char *
helo_name(const struct vs_check *c, char *buf, size_t size)
{
	const struct config *cfg;

	if (c->u.smtp.helo_name != NULL)
		return c->u.smtp.helo_name;
	cfg = ck_config();
	if (cfg != NULL && cfg->global.smtp_helo_name[0] != '\0')
		return cfg->global.smtp_helo_name;
	if (gethostname(buf, size) < 0 || buf[0] == '\0')
		snprintf(buf, size, "localhost");
	buf[size - 1] = '\0';
	return buf;
}

static const char *
step_name(enum smtp_step s)
{
	switch (s) {
	case SMTP_CONNECT:
		return "connect";
	case SMTP_BANNER:
		return "banner";
	case SMTP_HELO:
		return "HELO";
	case SMTP_QUIT:
		return "QUIT";
	}
	return "?";
}
