/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_dns.c: DNS_CHECK, one query through c-ares driven by the loop. */

#include <sys/socket.h>

#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netinet/in.h>

#include <ares.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "check_int.h"
#include "check_sock.h"
#include "log.h"

/*
 * keepalived 2.2.7 (check/check_dns.c) sends one query with recursion
 * desired, class IN, for name (default ".") and type (default SOA), and
 * the server is up when a reply with the query's id comes back with
 * rcode 0 (NOERROR).  It looks at nothing else: a NOERROR reply with no
 * answer of the type (NODATA) is up, an NXDOMAIN, SERVFAIL or REFUSED
 * is down.  vigil does the same, so a check that passes under keepalived
 * passes here.
 *
 * c-ares does the sending, the id and question matching and the
 * retransmission (one try: retry is the frame's).  It runs in the
 * checker's loop: its sockets become ev_io watchers through the
 * socket-state callback, its next deadline an ev_timer.  Each attempt
 * has its own channel (the server differs per probe, and DNS checks are
 * few), created at start() and destroyed when the attempt ends.  c-ares
 * calls the query's callback from ares_process_fd(), and again with
 * ARES_EDESTRUCTION from ares_destroy(): the callback only records the
 * answer, and the attempt ends after ares_process_fd() returns, so the
 * channel is never destroyed from inside its own callback and
 * cancel() never leads to ck_done().
 */

#define DNS_CLASS_IN 1

struct dns_sock {
	ev_io io;
	struct dns_run *run;
	struct dns_sock *next;
};

struct dns_run {
	struct ck_probe *p;
	ares_channel ch;
	ev_timer timer; /* c-ares's next timeout */
	struct dns_sock *socks;
	bool answered; /* the query's callback ran */
	bool ending; /* tearing down: ignore c-ares's callbacks */
	char src_err[96]; /* why a source option failed; "": none */
	enum check_result r;
	char detail[96];
};

static const uint16_t dns_qtypes[] = {
	[VS_DNS_A] = 1,
	[VS_DNS_NS] = 2,
	[VS_DNS_CNAME] = 5,
	[VS_DNS_SOA] = 6,
	[VS_DNS_MX] = 15,
	[VS_DNS_TXT] = 16,
	[VS_DNS_AAAA] = 28,
};

static bool dns_ready;

static int dns_channel(struct dns_run *);
static int dns_src(ares_socket_t, int type, void *);
static void dns_sock_state(void *, ares_socket_t, int readable, int writable);
static void dns_io_cb(struct ev_loop *, ev_io *, int);
static void dns_timer_cb(struct ev_loop *, ev_timer *, int);
static void dns_answer(void *, int status, int timeouts, unsigned char *, int);
static void dns_rearm(struct dns_run *);
static void dns_free(struct dns_run *);
static void dns_finish(struct dns_run *);
static const char *dns_rcode_name(unsigned);

static int
init(struct ev_loop *loop)
{
	int e;

	(void)loop;
	e = ares_library_init(ARES_LIB_INIT_ALL);
	if (e != ARES_SUCCESS) {
		log_warnx("DNS_CHECK: c-ares: %s", ares_strerror(e));
		return -1;
	}
	dns_ready = true;
	return 0;
}

static void
fini(void)
{
	if (dns_ready)
		ares_library_cleanup();
	dns_ready = false;
}

static void
start(struct ck_probe *p)
{
	const struct vs_dns *d = &p->conf->u.dns;
	struct dns_run *run;
	const char *name;
	unsigned char *q;
	int qlen, e = ARES_ENOTINITIALIZED;

	run = calloc(1, sizeof(*run));
	if (run == NULL) {
		ck_done(p, CHECK_R_SOCKET, "out of memory");
		return;
	}
	run->p = p;
	ev_timer_init(&run->timer, dns_timer_cb, 0, 0);
	run->timer.data = run;
	if (!dns_ready || (e = dns_channel(run)) != ARES_SUCCESS) {
		dns_free(run);
		ck_done(p, CHECK_R_SOCKET, "c-ares: %s", ares_strerror(e));
		return;
	}
	name = d->name != NULL ? d->name : ".";
	e = ares_create_query(
	    name, DNS_CLASS_IN, dns_qtypes[d->type], 0, 1, &q, &qlen, 0);
	if (e != ARES_SUCCESS) {
		dns_free(run);
		ck_done(p, CHECK_R_DNS, "name %s: %s", name, ares_strerror(e));
		return;
	}
	p->priv = run;
	/* ares_send() may answer at once (a socket that cannot open) */
	ares_send(run->ch, q, qlen, dns_answer, run);
	ares_free_string(q);
	if (run->answered)
		dns_finish(run);
	else
		dns_rearm(run);
}

static void
cancel(struct ck_probe *p)
{
	struct dns_run *run = p->priv;

	if (run == NULL)
		return;
	p->priv = NULL;
	dns_free(run);
}

/* A channel that talks to the probe's target only.  An ARES_ code. */
static int
dns_channel(struct dns_run *run)
{
	const struct vs_check *c = run->p->conf;
	struct ares_addr_port_node srv;
	struct ares_options o;
	int e, timeout_ms;

	memset(&o, 0, sizeof(o));
	/* NOCHECKRESP: a SERVFAIL or REFUSED is the answer, not a reason
	   to try elsewhere */
	o.flags = ARES_FLAG_NOCHECKRESP | ARES_FLAG_NOSEARCH;
	o.tries = 1;
	/* the frame's deadline is connect_timeout too; c-ares's own ends
	   the query should it come first */
	timeout_ms = (int)(c->connect_timeout / 1000);
	o.timeout = timeout_ms > 0 ? timeout_ms : 1;
	o.sock_state_cb = dns_sock_state;
	o.sock_state_cb_data = run;
	o.lookups = (char *)"b";
	/* the system's resolver settings have nothing to say here */
	o.resolvconf_path = (char *)"/dev/null";
	e = ares_init_options(&run->ch, &o,
	    ARES_OPT_FLAGS | ARES_OPT_TRIES | ARES_OPT_TIMEOUTMS |
	        ARES_OPT_SOCK_STATE_CB | ARES_OPT_LOOKUPS |
	        ARES_OPT_RESOLVCONF);
	if (e != ARES_SUCCESS) {
		run->ch = NULL;
		return e;
	}
	memset(&srv, 0, sizeof(srv));
	srv.family = c->connect_ip.family;
	if (srv.family == AF_INET6)
		memcpy(&srv.addr.addr6, c->connect_ip.u.v6, 16);
	else
		memcpy(&srv.addr.addr4, c->connect_ip.u.v4, 4);
	srv.udp_port = c->connect_port != 0 ? c->connect_port : 53;
	srv.tcp_port = srv.udp_port;
	e = ares_set_servers_ports(run->ch, &srv);
	if (e != ARES_SUCCESS)
		return e;
	if (c->src != NULL)
		ares_set_socket_configure_callback(run->ch, dns_src, run);
	return ARES_SUCCESS;
}

/*
 * bindto, bind_port, bind_if and fwmark on each socket c-ares opens,
 * before it connects.  A failure makes c-ares fail the query; src_err
 * tells dns_answer() it was ours.
 */
static int
dns_src(ares_socket_t fd, int type, void *arg)
{
	struct dns_run *run = arg;
	struct ck_sock_err err;

	if (ck_sock_src(fd, run->p->conf,
	        type == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP, true,
	        &err) < 0) {
		snprintf(run->src_err, sizeof(run->src_err), "%s", err.detail);
		return -1;
	}
	return 0;
}

/* c-ares opens, closes or changes what it waits for on a socket. */
static void
dns_sock_state(void *arg, ares_socket_t fd, int readable, int writable)
{
	struct dns_run *run = arg;
	struct ev_loop *loop = run->p->loop;
	struct dns_sock **sp, *s;

	for (sp = &run->socks; *sp != NULL; sp = &(*sp)->next)
		if ((*sp)->io.fd == fd)
			break;
	s = *sp;
	if (!readable && !writable) {
		if (s != NULL) {
			ev_io_stop(loop, &s->io);
			*sp = s->next;
			free(s);
		}
		return;
	}
	if (s == NULL) {
		s = calloc(1, sizeof(*s));
		if (s == NULL) {
			/* the query then ends by its timeout */
			log_warn("%s", run->p->label);
			return;
		}
		s->run = run;
		ev_io_init(&s->io, dns_io_cb, fd, 0);
		s->next = run->socks;
		run->socks = s;
	}
	ev_io_stop(loop, &s->io);
	ev_io_set(
	    &s->io, fd, (readable ? EV_READ : 0) | (writable ? EV_WRITE : 0));
	ev_io_start(loop, &s->io);
}

static void
dns_io_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	struct dns_sock *s = (struct dns_sock *)w;
	struct dns_run *run = s->run;
	ares_socket_t fd = w->fd;

	(void)loop;
	/* s may be freed inside: keep only run and fd */
	ares_process_fd(run->ch, (revents & EV_READ) ? fd : ARES_SOCKET_BAD,
	    (revents & EV_WRITE) ? fd : ARES_SOCKET_BAD);
	if (run->answered)
		dns_finish(run);
	else
		dns_rearm(run);
}

static void
dns_timer_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct dns_run *run = w->data;

	(void)loop;
	(void)revents;
	ares_process_fd(run->ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
	if (run->answered)
		dns_finish(run);
	else
		dns_rearm(run);
}

/* The timer at c-ares's next deadline. */
static void
dns_rearm(struct dns_run *run)
{
	struct timeval tv, *t;

	ev_timer_stop(run->p->loop, &run->timer);
	t = ares_timeout(run->ch, NULL, &tv);
	if (t == NULL)
		return;
	ev_timer_set(&run->timer, (double)t->tv_sec + t->tv_usec / 1e6, 0);
	ev_timer_start(run->p->loop, &run->timer);
}

/* The query's callback: records what the attempt found. */
static void
dns_answer(void *arg, int status, int timeouts, unsigned char *abuf, int alen)
{
	struct dns_run *run = arg;
	unsigned rcode;

	(void)timeouts;
	if (run->ending || run->answered)
		return;
	run->answered = true;
	if (status == ARES_SUCCESS && alen >= HFIXEDSZ) {
		rcode = abuf[3] & 0x0f;
		if (rcode == 0) {
			run->r = CHECK_R_OK;
			snprintf(run->detail, sizeof(run->detail), "%u answers",
			    (abuf[6] << 8) | abuf[7]);
		} else {
			run->r = CHECK_R_DNS;
			snprintf(run->detail, sizeof(run->detail),
			    "rcode %u (%s)", rcode, dns_rcode_name(rcode));
		}
		return;
	}
	if (run->src_err[0] != '\0') {
		run->r = CHECK_R_SOCKET;
		snprintf(run->detail, sizeof(run->detail), "%s", run->src_err);
	} else if (status == ARES_ETIMEOUT) {
		run->r = CHECK_R_TIMEOUT;
		run->detail[0] = '\0';
	} else {
		run->r = CHECK_R_DNS;
		snprintf(run->detail, sizeof(run->detail), "c-ares: %s",
		    status == ARES_SUCCESS ? "short reply"
		                           : ares_strerror(status));
	}
}

/* Ends the attempt with the answer dns_answer() recorded. */
static void
dns_finish(struct dns_run *run)
{
	struct ck_probe *p = run->p;
	enum check_result r = run->r;
	char detail[sizeof(run->detail)];

	memcpy(detail, run->detail, sizeof(detail));
	p->priv = NULL;
	dns_free(run);
	ck_done(p, r, "%s", detail);
}

/* Destroys the channel (its callbacks then do nothing) and the
   watchers. */
static void
dns_free(struct dns_run *run)
{
	struct ev_loop *loop = run->p->loop;
	struct dns_sock *s;

	run->ending = true;
	if (run->ch != NULL)
		ares_destroy(run->ch);
	run->ch = NULL;
	ev_timer_stop(loop, &run->timer);
	while ((s = run->socks) != NULL) {
		run->socks = s->next;
		ev_io_stop(loop, &s->io);
		free(s);
	}
	free(run);
}

static const char *
dns_rcode_name(unsigned rcode)
{
	static const char *const names[] = { "NOERROR", "FORMERR", "SERVFAIL",
		"NXDOMAIN", "NOTIMP", "REFUSED", "YXDOMAIN", "YXRRSET",
		"NXRRSET", "NOTAUTH", "NOTZONE" };

	return rcode < sizeof(names) / sizeof(names[0]) ? names[rcode] : "?";
}

const struct ck_type ck_dns_type = {
	.name = "DNS_CHECK",
	.init = init,
	.start = start,
	.cancel = cancel,
	.fini = fini,
};
