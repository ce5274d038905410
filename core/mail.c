/* SPDX-License-Identifier: GPL-2.0-or-later */
/* mail.c: the alert email module of the parent (vigil-mail.so): a herald
   sink that sends keepalived's alert mails with libcurl on the parent's
   loop. */

/*
 * Each told transition of an object with smtp_alert (a VRRP instance or
 * sync group, a real server, a virtual server's quorum) becomes an alert
 * (mail_fmt.c), queued (mail_queue.c) and sent by libcurl's multi
 * interface driven by the parent's libev loop: curl's sockets are ev_io
 * watchers, its timeout one ev_timer, and names are resolved by curl's
 * threaded resolver, so nothing here blocks the loop.  One mail is in
 * flight at a time; alerts that pile up meanwhile (a burst) go out as one
 * digest.  A mail that fails for a reason that may pass (a 4xx reply, no
 * connection, a timeout) is retried with backoff; a 5xx reply or a TLS
 * verification failure is final.
 *
 * Log lines (stable; tests grep them; HOST:PORT as smtp_server gives it,
 * an IPv6 address in brackets):
 *	info:	mail: sent 1 alert to HOST:PORT
 *	info:	mail: sent N alerts to HOST:PORT (digest)
 *	info:	... with " after A attempts" when earlier attempts failed
 *	warn:	mail: cannot send to HOST:PORT: REPLY
 *		once per mail, at its first failure; REPLY is the server's
 *		last reply line ("535 5.7.8 Authentication credentials
 *		invalid") when it answered with an error, else libcurl's
 *		error text ("Failed to connect to 127.0.0.1 port 2525 after
 *		0 ms: Couldn't connect to server")
 *	warn:	mail: gave up on N alert(s) to HOST:PORT after A attempts:
 *		REPLY
 *		(a mail that was retried and then failed for good, or ran
 *		out of its retry window)
 *	warn:	mail: stop: dropped N alert(s) not sent
 *		(the daemon's stop waited NOTIFY_STOP_WAIT, or the
 *		configuration no longer sends mail)
 *	warn:	mail: smtp_auth_file PATH REASON; sending without AUTH
 *	debug:	mail: retry in S s
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "herald.h"
#include "log.h"
#include "mail_int.h"
#include "module.h"

/* A whole transaction may take this long past the connection's timeout. */
#define MAIL_TRANSFER_EXTRA_MS (120 * 1000L)

/* A socket of curl's, watched by the loop. */
struct mail_sock {
	ev_io io;
	curl_socket_t fd;
};

static const char *mail_info(void);
static int mail_start(const struct module_host *, struct ev_loop *,
    const struct config *, const struct vigil_opts *);
static void mail_reconfigure(const struct config *);
static void mail_stop(void);
static void take_config(const struct config *);
static void sink_event(struct herald_obj *, const struct msg_event *);
static bool sink_busy(void);
static void sink_stop(void);
static unsigned sink_kill(void);
static void kick(void);
static void start_transfer(void);
static void transfer_done(CURLcode, long code);
static void abort_transfer(void);
static bool transient(CURLcode, long code);
static void check_done(void);
static const struct mail_alert *alert_at(unsigned i, void *arg);
static int sock_cb(CURL *, curl_socket_t, int what, void *, void *sockp);
static int timer_cb(CURLM *, long ms, void *);
static void io_cb(struct ev_loop *, ev_io *, int);
static void curl_timer_cb(struct ev_loop *, ev_timer *, int);
static void retry_cb(struct ev_loop *, ev_timer *, int);
static size_t read_cb(char *, size_t, size_t, void *);
static int debug_cb(CURL *, curl_infotype, char *, size_t, void *);

const struct vigil_module vigil_module = {
	.abi = VIGIL_MODULE_ABI,
	.name = "mail",
	.build_info = mail_info,
	.start = mail_start,
	.reconfigure = mail_reconfigure,
	.stop = mail_stop,
};

static int mail_slot = -1;
static const struct herald_sink mail_sink = {
	.name = "mail",
	.slot = &mail_slot,
	.event = sink_event,
	.busy = sink_busy,
	.stop = sink_stop,
	.kill = sink_kill,
};

static struct {
	struct ev_loop *loop;
	bool registered; /* the sink, once per process */
	bool running; /* started, and the configuration wants mail */
	bool stopping; /* the daemon's stop began: no more retries */
	CURLM *multi;
	CURL *easy; /* the mail in flight; NULL: none */
	struct curl_slist *rcpt;
	struct mail_buf msg;
	size_t msg_off;
	char errbuf[CURL_ERROR_SIZE];
	char reply[256]; /* the server's last error reply line */
	ev_timer curl_timer, retry_timer;
	struct mail_queue q;
	uint64_t msgid_seq;

	/* from the configuration */
	char hostport[GLOBAL_STR_LEN + 16];
	char url[2 * GLOBAL_STR_LEN + 32];
	char from[GLOBAL_STR_LEN], from_name[GLOBAL_STR_LEN];
	char router_id[GLOBAL_STR_LEN], host[GLOBAL_STR_LEN];
	char to[GLOBAL_EMAIL_MAX][GLOBAL_STR_LEN];
	const char *to_p[GLOBAL_EMAIL_MAX];
	unsigned n_to;
	int tls;
	char ca_file[GLOBAL_PATH_LEN];
	bool auth;
	char user[GLOBAL_SMTP_SECRET_LEN], pass[GLOBAL_SMTP_SECRET_LEN];
	long connect_ms;
	bool no_email_faults;
} mm;

static const char *
mail_info(void)
{
	return curl_version();
}

static int
mail_start(const struct module_host *h, struct ev_loop *loop,
    const struct config *cfg, const struct vigil_opts *o)
{
	(void)h;
	(void)o;
	if (mm.multi == NULL) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
		    (mm.multi = curl_multi_init()) == NULL) {
			log_warnx("mail: cannot initialise libcurl");
			return -1;
		}
		if (mail_queue_init(&mm.q, MAIL_QUEUE_MAX) < 0) {
			log_warnx("mail: out of memory");
			return -1;
		}
		mm.loop = loop;
		curl_multi_setopt(mm.multi, CURLMOPT_SOCKETFUNCTION, sock_cb);
		curl_multi_setopt(mm.multi, CURLMOPT_TIMERFUNCTION, timer_cb);
		ev_init(&mm.curl_timer, curl_timer_cb);
		ev_init(&mm.retry_timer, retry_cb);
		if (!(curl_version_info(CURLVERSION_NOW)->features &
		        CURL_VERSION_ASYNCHDNS))
			log_warnx("mail: libcurl resolves host names "
			          "synchronously: use an address in "
			          "smtp_server");
	}
	if (!mm.registered) {
		herald_sink_register(&mail_sink);
		mm.registered = true;
	}
	take_config(cfg);
	mm.running = true;
	return 0;
}

/* A reload may have fixed what made the mail fail: try again now. */
static void
mail_reconfigure(const struct config *cfg)
{
	take_config(cfg);
	if (ev_is_active(&mm.retry_timer)) {
		ev_timer_stop(mm.loop, &mm.retry_timer);
		kick();
	}
}

static void
mail_stop(void)
{
	uint64_t n;

	if (!mm.running)
		return;
	mm.running = false;
	abort_transfer();
	ev_timer_stop(mm.loop, &mm.retry_timer);
	n = mail_queue_clear(&mm.q);
	if (n > 0)
		log_warnx(
		    "mail: stop: dropped %" PRIu64 " alert(s) not sent", n);
	explicit_bzero(mm.pass, sizeof(mm.pass));
}

/* Copies what sending needs: cfg may go at the next reload. */
static void
take_config(const struct config *cfg)
{
	const struct global_conf *g = &cfg->global;
	char why[160], name[GLOBAL_STR_LEN] = "localhost";
	bool v6 = g->smtp_server_addr.family == AF_INET6;
	unsigned i;

	if (gethostname(name, sizeof(name) - 1) < 0 || name[0] == '\0')
		snprintf(name, sizeof(name), "localhost");
	snprintf(mm.host, sizeof(mm.host), "%s", name);
	snprintf(mm.router_id, sizeof(mm.router_id), "%s",
	    g->router_id[0] != '\0' ? g->router_id : name);
	snprintf(mm.hostport, sizeof(mm.hostport), "%s%s%s:%" PRId64,
	    v6 ? "[" : "", g->smtp_server, v6 ? "]" : "", g->smtp_server_port);
	/* the path is the name curl gives in EHLO */
	snprintf(mm.url, sizeof(mm.url), "%s://%s/%s",
	    g->smtp_tls == GLOBAL_SMTP_TLS_TLS ? "smtps" : "smtp", mm.hostport,
	    g->smtp_helo_name[0] != '\0' ? g->smtp_helo_name : name);
	if (g->notification_email_from[0] != '\0')
		snprintf(
		    mm.from, sizeof(mm.from), "%s", g->notification_email_from);
	else
		snprintf(mm.from, sizeof(mm.from), "keepalived@%s", name);
	snprintf(mm.from_name, sizeof(mm.from_name), "%s",
	    g->notification_email_from_name);
	if (!mail_addr_ok(mm.from))
		log_warnx("mail: notification_email_from '%s' is not an "
		          "address a relay will take",
		    mm.from);
	mm.n_to = 0;
	for (i = 0; i < g->n_notification_email; i++) {
		if (!mail_addr_ok(g->notification_email[i])) {
			log_warnx("mail: skipping notification_email '%s': "
			          "not an address",
			    g->notification_email[i]);
			continue;
		}
		snprintf(mm.to[mm.n_to], sizeof(mm.to[0]), "%s",
		    g->notification_email[i]);
		mm.to_p[mm.n_to] = mm.to[mm.n_to];
		mm.n_to++;
	}
	mm.tls = g->smtp_tls;
	snprintf(mm.ca_file, sizeof(mm.ca_file), "%s", g->smtp_ca_file);
	mm.connect_ms = (long)(g->smtp_connect_timeout / 1000);
	mm.no_email_faults = g->no_email_faults;
	mm.auth = false;
	explicit_bzero(mm.pass, sizeof(mm.pass));
	if (g->smtp_auth_file[0] != '\0') {
		if (global_smtp_auth_read(g->smtp_auth_file, mm.user,
		        sizeof(mm.user), mm.pass, sizeof(mm.pass), why,
		        sizeof(why)) == 0)
			mm.auth = true;
		else
			log_warnx("mail: smtp_auth_file %s %s; sending "
			          "without AUTH",
			    g->smtp_auth_file, why);
	}
}

/* ---- the herald's sink ---- */

static void
sink_event(struct herald_obj *o, const struct msg_event *e)
{
	struct mail_event_view v;
	struct mail_alert a;

	if (!mm.running || !o->smtp_alert || !herald_event_told(o, e) ||
	    e->old_state == e->new_state)
		return;
	if (mm.no_email_faults && e->new_state == MSG_VRRP_FAULT &&
	    (o->kind == OBJ_VRRP_INSTANCE || o->kind == OBJ_VRRP_GROUP))
		return;
	v = (struct mail_event_view){
		.router_id = mm.router_id,
		.kind = o->kind,
		.name = o->name,
		.scope = o->scope,
		.old_state = e->old_state,
		.new_state = e->new_state,
		.value = e->value,
		.reason = e->reason,
		.usec = e->usec,
	};
	if (mail_alert_make(&a, &v) < 0)
		return;
	mail_queue_push(&mm.q, &a);
	kick();
}

static bool
sink_busy(void)
{
	return mm.running && mail_queue_len(&mm.q) > 0;
}

/* The daemon stops: what waits for a retry goes now, once. */
static void
sink_stop(void)
{
	mm.stopping = true;
	if (mm.running && ev_is_active(&mm.retry_timer)) {
		ev_timer_stop(mm.loop, &mm.retry_timer);
		kick();
	}
}

static unsigned
sink_kill(void)
{
	uint64_t n;

	if (!mm.running)
		return 0;
	abort_transfer();
	ev_timer_stop(mm.loop, &mm.retry_timer);
	n = mail_queue_clear(&mm.q);
	if (n > 0)
		log_warnx(
		    "mail: stop: dropped %" PRIu64 " alert(s) not sent", n);
	return 0;
}

/* ---- sending ---- */

/* The sender is free and nothing waits for a retry: the next mail. */
static void
kick(void)
{
	if (!mm.running || mm.easy != NULL || ev_is_active(&mm.retry_timer))
		return;
	if (mail_queue_take(&mm.q) == 0) {
		if (mm.stopping)
			herald_sink_progress();
		return;
	}
	start_transfer();
}

static const struct mail_alert *
alert_at(unsigned i, void *arg)
{
	return mail_queue_at(arg, i);
}

static void
start_transfer(void)
{
	struct mail_envelope env = {
		.from = mm.from,
		.from_name = mm.from_name,
		.to = mm.to_p,
		.n_to = mm.n_to,
		.host = mm.host,
		.router_id = mm.router_id,
		.date = time(NULL),
		.msgid_seq = ++mm.msgid_seq,
		.pid = (long)getpid(),
	};
	char addr[GLOBAL_STR_LEN + 2];
	struct curl_slist *l;
	unsigned i;
	CURL *c;

	mail_buf_free(&mm.msg);
	mail_compose(&mm.msg, &env, alert_at, &mm.q, mm.q.send.n,
	    mail_queue_dropped(&mm.q));
	mm.msg_off = 0;
	mm.errbuf[0] = mm.reply[0] = '\0';
	curl_slist_free_all(mm.rcpt);
	mm.rcpt = NULL;
	for (i = 0; i < mm.n_to; i++) {
		snprintf(addr, sizeof(addr), "<%s>", mm.to[i]);
		l = curl_slist_append(mm.rcpt, addr);
		if (l == NULL)
			break;
		mm.rcpt = l;
	}
	c = curl_easy_init();
	if (c == NULL || mm.msg.oom || mm.rcpt == NULL) {
		if (c != NULL)
			curl_easy_cleanup(c);
		snprintf(mm.errbuf, sizeof(mm.errbuf), "%s",
		    mm.rcpt == NULL ? "no valid notification_email"
		                    : "out of memory");
		transfer_done(CURLE_OUT_OF_MEMORY, 0);
		return;
	}
	snprintf(addr, sizeof(addr), "<%s>", mm.from);
	curl_easy_setopt(c, CURLOPT_URL, mm.url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, addr);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, mm.rcpt);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)mm.msg.len);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, mm.errbuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	/* one connection per mail, closed with QUIT: mails are rare */
	curl_easy_setopt(c, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, mm.connect_ms);
	curl_easy_setopt(
	    c, CURLOPT_TIMEOUT_MS, mm.connect_ms + MAIL_TRANSFER_EXTRA_MS);
	/* the server's replies, for the log line of a failure */
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, debug_cb);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
	if (mm.tls == GLOBAL_SMTP_TLS_STARTTLS)
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	if (mm.tls != GLOBAL_SMTP_TLS_NONE) {
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
		if (mm.ca_file[0] != '\0')
			curl_easy_setopt(c, CURLOPT_CAINFO, mm.ca_file);
	}
	if (mm.auth) {
		curl_easy_setopt(c, CURLOPT_USERNAME, mm.user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, mm.pass);
	}
	mm.easy = c;
	if (curl_multi_add_handle(mm.multi, c) != CURLM_OK) {
		mm.easy = NULL;
		curl_easy_cleanup(c);
		snprintf(mm.errbuf, sizeof(mm.errbuf),
		    "libcurl refused the "
		    "transfer");
		transfer_done(CURLE_FAILED_INIT, 0);
	}
}

/* Stops the mail in flight, if any, without a verdict. */
static void
abort_transfer(void)
{
	if (mm.easy == NULL)
		return;
	curl_multi_remove_handle(mm.multi, mm.easy);
	curl_easy_cleanup(mm.easy);
	mm.easy = NULL;
}

/*
 * Whether a failure may pass: a 4xx reply, or no reply at all because
 * the connection failed, broke or timed out.  A 5xx reply (a refused
 * login, a refused recipient) and a certificate that does not verify
 * stay as they are until the configuration changes.
 */
static bool
transient(CURLcode res, long code)
{
	static const CURLcode final[] = { CURLE_PEER_FAILED_VERIFICATION,
		CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM,
		CURLE_USE_SSL_FAILED, CURLE_LOGIN_DENIED,
		CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT,
		CURLE_OUT_OF_MEMORY, CURLE_FAILED_INIT };
	size_t i;

	for (i = 0; i < sizeof(final) / sizeof(final[0]); i++)
		if (res == final[i])
			return false;
	return code < 500;
}

static void
transfer_done(CURLcode res, long code)
{
	unsigned n = mm.q.send.n, attempts = mm.q.attempts;
	bool digest = n > 1 || mail_queue_dropped(&mm.q) > 0, first;
	char why[sizeof(mm.reply) + CURL_ERROR_SIZE];
	double delay = 0;

	mail_buf_free(&mm.msg);
	if (res == CURLE_OK) {
		mail_queue_sent(&mm.q);
		if (attempts > 0)
			log_info("mail: sent %u alert%s to %s%s after %u "
			         "attempts",
			    n, n == 1 ? "" : "s", mm.hostport,
			    digest ? " (digest)" : "", attempts + 1);
		else
			log_info("mail: sent %u alert%s to %s%s", n,
			    n == 1 ? "" : "s", mm.hostport,
			    digest ? " (digest)" : "");
		kick();
		return;
	}
	/* the server's own words when it refused; else curl's */
	if (code >= 400 && strtol(mm.reply, NULL, 10) == code)
		snprintf(why, sizeof(why), "%s", mm.reply);
	else if (mm.errbuf[0] != '\0')
		snprintf(why, sizeof(why), "%s", mm.errbuf);
	else
		snprintf(why, sizeof(why), "%s", curl_easy_strerror(res));
	if (mail_queue_failed(&mm.q, transient(res, code) && !mm.stopping,
	        ev_now(mm.loop), &delay, &first) == MAIL_DROP) {
		if (first)
			log_warnx(
			    "mail: cannot send to %s: %s", mm.hostport, why);
		else
			log_warnx("mail: gave up on %u alert(s) to %s after %u "
			          "attempts: %s",
			    n, mm.hostport, attempts + 1, why);
		kick();
		return;
	}
	if (first)
		log_warnx("mail: cannot send to %s: %s", mm.hostport, why);
	log_debug("mail: retry in %.0f s", delay);
	ev_timer_set(&mm.retry_timer, delay, 0);
	ev_timer_start(mm.loop, &mm.retry_timer);
}

static void
retry_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)w;
	(void)revents;
	kick();
}

/* Collects the transfer that ended, if any. */
static void
check_done(void)
{
	CURLMsg *m;
	CURLcode res;
	long code = 0;
	int left;

	while ((m = curl_multi_info_read(mm.multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE || m->easy_handle != mm.easy)
			continue;
		res = m->data.result;
		curl_easy_getinfo(mm.easy, CURLINFO_RESPONSE_CODE, &code);
		abort_transfer();
		transfer_done(res, code);
		return; /* m is gone with its handle */
	}
}

/* ---- libcurl on the loop ---- */

static int
sock_cb(CURL *e, curl_socket_t s, int what, void *userp, void *sockp)
{
	struct mail_sock *ms = sockp;
	int ev = ((what & CURL_POLL_IN) ? EV_READ : 0) |
	    ((what & CURL_POLL_OUT) ? EV_WRITE : 0);

	(void)e;
	(void)userp;
	if (what == CURL_POLL_REMOVE) {
		if (ms != NULL) {
			ev_io_stop(mm.loop, &ms->io);
			free(ms);
			curl_multi_assign(mm.multi, s, NULL);
		}
		return 0;
	}
	if (ms == NULL) {
		ms = calloc(1, sizeof(*ms));
		if (ms == NULL)
			return -1;
		ms->fd = s;
		ev_init(&ms->io, io_cb);
		curl_multi_assign(mm.multi, s, ms);
	} else
		ev_io_stop(mm.loop, &ms->io);
	ev_io_set(&ms->io, s, ev);
	ev_io_start(mm.loop, &ms->io);
	return 0;
}

/* curl wants to be called after ms (0: at once, from the loop; -1:
   never). */
static int
timer_cb(CURLM *multi, long ms, void *userp)
{
	(void)multi;
	(void)userp;
	ev_timer_stop(mm.loop, &mm.curl_timer);
	if (ms >= 0) {
		ev_timer_set(&mm.curl_timer, (double)ms / 1000.0, 0);
		ev_timer_start(mm.loop, &mm.curl_timer);
	}
	return 0;
}

static void
io_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct mail_sock *ms = (struct mail_sock *)w;
	int act = ((revents & EV_READ) ? CURL_CSELECT_IN : 0) |
	    ((revents & EV_WRITE) ? CURL_CSELECT_OUT : 0);
	int running;

	(void)loop;
	curl_multi_socket_action(mm.multi, ms->fd, act, &running);
	check_done();
}

static void
curl_timer_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	int running;

	(void)loop;
	(void)w;
	(void)revents;
	curl_multi_socket_action(mm.multi, CURL_SOCKET_TIMEOUT, 0, &running);
	check_done();
}

static size_t
read_cb(char *buf, size_t size, size_t nitems, void *arg)
{
	size_t n = size * nitems, left = mm.msg.len - mm.msg_off;

	(void)arg;
	if (n > left)
		n = left;
	memcpy(buf, mm.msg.p + mm.msg_off, n);
	mm.msg_off += n;
	return n;
}

/* Keeps the server's last error reply (4xx, 5xx): a QUIT's 221 may come
   after it. */
static int
debug_cb(CURL *c, curl_infotype type, char *data, size_t size, void *arg)
{
	size_t n = size;

	(void)c;
	(void)arg;
	if (type != CURLINFO_HEADER_IN || size < 3 ||
	    (data[0] != '4' && data[0] != '5'))
		return 0;
	while (n > 0 && (data[n - 1] == '\n' || data[n - 1] == '\r'))
		n--;
	if (n >= sizeof(mm.reply))
		n = sizeof(mm.reply) - 1;
	memcpy(mm.reply, data, n);
	mm.reply[n] = '\0';
	return 0;
}
