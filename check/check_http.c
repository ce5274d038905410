/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_http.c: HTTP_GET and SSL_GET on libcurl's multi interface, driven
   by the child's libev loop. */

#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "check_http.h"
#include "check_int.h"
#include "check_sock.h"
#include "log.h"

/*
 * How an attempt runs (keepalived's check_http.c is the reference for
 * what is sent and judged):
 *
 * - One easy handle per running attempt, taken from a pool and given
 *   back when the attempt ends, so that handles, digest contexts and
 *   regex buffers are made once and reused; every option that differs
 *   between checks is set at each start.
 * - Each url is a transfer on a new connection (FORBID_REUSE, as
 *   keepalived opens one per url), to the literal address: no name is
 *   ever resolved.  The request is keepalived's: GET <path> verbatim,
 *   User-Agent KeepAliveClient, Connection: close for 1.0C and 1.1, Host
 *   the virtualhost or ADDR:PORT.
 * - The body is seen once, in the write callback: MD5 (the raw body, as
 *   keepalived and genhash hash it: chunked framing included) and the
 *   regex, matched chunk by chunk with PCRE2's hard partial matching on
 *   a bounded buffer (RX_BUF), so a large page is never held whole.
 * - The attempt is bounded by connect_timeout per url, connection and
 *   response together (keepalived bounds the connection and each read,
 *   so a server that trickles forever never times out there): the
 *   frame's deadline, which a pending answer beats when the loop was
 *   busy (curl's own timeout, on its clock, is only a backstop).
 * - TLS: the server's certificate is verified when the check's
 *   verify_cert says so (see vs_ssl_verify_fill()), against the SSL
 *   block's ca, else the system's store; the name checked is the
 *   virtualhost, else the address, by OpenSSL itself, so a mismatch is
 *   reported with the X509 reason like any other verification failure.
 */

#define RX_BUF (64 * 1024) /* longest partial regex match kept */
#define USER_AGENT "KeepAliveClient"

/* A compiled regex, shared by every url with the same pattern. */
struct rx {
	struct rx *hnext;
	uint64_t hash;
	char *pattern;
	uint32_t options; /* vs_regex_options bits */
	bool stack_set;
	uint32_t stack_start, stack_max;
	pcre2_code *code; /* NULL: it does not compile (err) */
	pcre2_match_data *md;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jstack;
	uint32_t keep; /* bytes kept before a match's start: lookbehind */
	unsigned refs; /* attempts using it */
	unsigned gen; /* last configuration that has it */
	char err[128];
};

#define RX_HASH_SIZE 1024

/* An HTTP header line that curl reads and never frees. */
struct hdr {
	struct curl_slist sl;
	char text[320];
};

struct ckh {
	struct ckh *next_free;
	CURL *easy;
	EVP_MD_CTX *md5;
	const struct vs_check *conf;
	const struct vs_url *url; /* being fetched */
	const char *vhost; /* the real server's */
	ckh_done_fn *done;
	void *arg;
	bool in_multi;
	bool used; /* the handle has run a transfer */
	const struct vs_ssl *ssl; /* the SSL block, at the attempt's start */
	char sockerr[128]; /* bind_if / fwmark failed: why */
	struct hdr h_host, h_conn, h_accept;
	struct curl_slist connect_to;
	char connect_to_s[320];
	char addr[INET6_ADDRSTRLEN + 2]; /* "192.0.2.10", "[2001:db8::1]" */
	char url_s[400];
	char iface[INET6_ADDRSTRLEN + 8];
	char verify_name[256]; /* the name or address verified */
	bool verify_ip;
	/* the current url's body */
	bool want_md5;
	struct rx *rx;
	char *buf; /* RX_BUF bytes, allocated on first regex */
	size_t len; /* bytes in buf */
	uint64_t base; /* body offset of buf[0] */
	size_t start; /* where the next match may start in buf */
	uint64_t body; /* body bytes seen */
	bool matched, rx_over;
	char errbuf[CURL_ERROR_SIZE];
};

static int ev_flags(int);
static int on_socket(CURL *, curl_socket_t, int, void *, void *);
static int on_timer(CURLM *, long, void *);
static void io_cb(struct ev_loop *, ev_io *, int);
static void timer_cb(struct ev_loop *, ev_timer *, int);
static void drive(curl_socket_t, int);
static void read_done(void);
static void finish(struct ckh *, CURLcode);
static void end(struct ckh *, enum check_result, const char *, ...)
    __attribute__((format(printf, 3, 4)));
static struct ckh *get_ckh(void);
static void put_ckh(struct ckh *);
static int url_setup(struct ckh *);
static void check_options(struct ckh *);
static void set_options(struct ckh *);
static size_t on_body(char *, size_t, size_t, void *);
static int on_sockopt(void *, curl_socket_t, curlsocktype);
static curl_socket_t
on_opensocket(void *, curlsocktype, struct curl_sockaddr *);
static CURLcode on_ssl_ctx(CURL *, void *, void *);
static enum check_result curl_result(struct ckh *, CURLcode, char *, size_t);
static enum check_result tls_result(long, char *, size_t);
static enum check_result judge(struct ckh *, char *, size_t);
static void rx_feed(struct ckh *, const char *, size_t);
static void rx_run(struct ckh *, bool);
static struct rx *rx_get(const struct vs_url *, bool);
static void rx_put(struct rx *);
static void rx_free(struct rx *);
static uint64_t rx_hash(const struct vs_url *);
static bool rx_same(const struct rx *, const struct vs_url *, uint64_t);
static void vhost_name(const char *, char *, size_t);
static void say(char *, size_t, const char *);

curl_socket_t (*ckh_test_socket)(struct curl_sockaddr *);

/* One multi handle for the child. */
static struct {
	struct ev_loop *loop;
	CURLM *multi;
	ev_timer timer;
	struct ckh *free;
	EVP_MD *md5;
	char *cainfo, *capath; /* the system's store, as curl found it */
	const struct vs_ssl *ssl; /* of the running configuration */
	struct rx *rx[RX_HASH_SIZE];
	unsigned gen;
	bool reuse; /* easy handles can run several transfers */
} H;

/* The watcher of one of curl's sockets. */
struct sockw {
	ev_io io;
	struct sockw *next_free;
};
static struct sockw *free_sockw;

/* ---- the engine: libcurl's multi on libev ---- */

int
ckh_init(struct ev_loop *loop)
{
	CURL *e;
	char *s;

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		log_warnx("HTTP checks: curl_global_init failed");
		return -1;
	}
	H.loop = loop;
	H.reuse = curl_version_info(CURLVERSION_NOW)->version_num >= 0x080100;
	H.multi = curl_multi_init();
	H.md5 = EVP_MD_fetch(NULL, "MD5", NULL);
	if (H.multi == NULL || H.md5 == NULL) {
		log_warnx("HTTP checks: no curl multi handle or no MD5");
		return -1;
	}
	curl_multi_setopt(H.multi, CURLMOPT_SOCKETFUNCTION, on_socket);
	curl_multi_setopt(H.multi, CURLMOPT_TIMERFUNCTION, on_timer);
	ev_init(&H.timer, timer_cb);
	/* The system's CAs, to name them again on a pooled handle that
	   last used the SSL block's ca. */
	e = curl_easy_init();
	if (e != NULL) {
		s = NULL;
		if (curl_easy_getinfo(e, CURLINFO_CAINFO, &s) == CURLE_OK &&
		    s != NULL)
			H.cainfo = strdup(s);
		s = NULL;
		if (curl_easy_getinfo(e, CURLINFO_CAPATH, &s) == CURLE_OK &&
		    s != NULL)
			H.capath = strdup(s);
		curl_easy_cleanup(e);
	}
	return 0;
}

void
ckh_fini(void)
{
	struct sockw *w;
	struct ckh *x;
	size_t i;

	if (H.multi == NULL)
		return;
	ev_timer_stop(H.loop, &H.timer);
	while ((x = H.free) != NULL) {
		H.free = x->next_free;
		curl_easy_cleanup(x->easy);
		EVP_MD_CTX_free(x->md5);
		free(x->buf);
		free(x);
	}
	curl_multi_cleanup(H.multi);
	H.multi = NULL;
	while ((w = free_sockw) != NULL) {
		free_sockw = w->next_free;
		free(w);
	}
	for (i = 0; i < RX_HASH_SIZE; i++) {
		struct rx *r, *n;

		for (r = H.rx[i]; r != NULL; r = n) {
			n = r->hnext;
			rx_free(r);
		}
		H.rx[i] = NULL;
	}
	EVP_MD_free(H.md5);
	free(H.cainfo);
	free(H.capath);
	curl_global_cleanup();
}

static int
ev_flags(int what)
{
	switch (what) {
	case CURL_POLL_IN:
		return EV_READ;
	case CURL_POLL_OUT:
		return EV_WRITE;
	case CURL_POLL_INOUT:
		return EV_READ | EV_WRITE;
	default:
		return 0;
	}
}

/* curl tells which sockets to watch: one ev_io each, pooled. */
static int
on_socket(CURL *e, curl_socket_t s, int what, void *userp, void *sockp)
{
	struct sockw *w = sockp;

	(void)e;
	(void)userp;
	if (what == CURL_POLL_REMOVE) {
		if (w != NULL) {
			ev_io_stop(H.loop, &w->io);
			w->next_free = free_sockw;
			free_sockw = w;
			curl_multi_assign(H.multi, s, NULL);
		}
		return 0;
	}
	if (w == NULL) {
		if ((w = free_sockw) != NULL)
			free_sockw = w->next_free;
		else if ((w = malloc(sizeof(*w))) == NULL)
			return -1;
		ev_io_init(&w->io, io_cb, s, ev_flags(what));
		curl_multi_assign(H.multi, s, w);
	} else {
		if (w->io.fd == s && w->io.events == ev_flags(what))
			return 0;
		ev_io_stop(H.loop, &w->io);
		ev_io_set(&w->io, s, ev_flags(what));
	}
	ev_io_start(H.loop, &w->io);
	return 0;
}

/* curl's one timeout: -1 none, 0 as soon as the loop can. */
static int
on_timer(CURLM *m, long ms, void *userp)
{
	(void)m;
	(void)userp;
	ev_timer_stop(H.loop, &H.timer);
	if (ms >= 0) {
		ev_timer_set(&H.timer, (ev_tstamp)ms / 1000.0, 0.);
		ev_timer_start(H.loop, &H.timer);
	}
	return 0;
}

static void
io_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	int flags = 0;

	(void)loop;
	if (revents & EV_READ)
		flags |= CURL_CSELECT_IN;
	if (revents & EV_WRITE)
		flags |= CURL_CSELECT_OUT;
	drive(w->fd, flags);
}

static void
timer_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)w;
	(void)revents;
	drive(CURL_SOCKET_TIMEOUT, 0);
}

static void
drive(curl_socket_t s, int flags)
{
	int running;

	curl_multi_socket_action(H.multi, s, flags, &running);
	read_done();
}

/* Finished transfers: judge each; the next url, or the attempt's end. */
static void
read_done(void)
{
	struct ckh *x;
	CURLMsg *m;
	int left;

	while ((m = curl_multi_info_read(H.multi, &left)) != NULL) {
		if (m->msg != CURLMSG_DONE)
			continue;
		x = NULL;
		curl_easy_getinfo(
		    m->easy_handle, CURLINFO_PRIVATE, (char **)&x);
		curl_multi_remove_handle(H.multi, m->easy_handle);
		x->in_multi = false;
		finish(x, m->data.result);
	}
}

static void
finish(struct ckh *x, CURLcode code)
{
	enum check_result r;
	char detail[160];

	detail[0] = '\0';
	r = curl_result(x, code, detail, sizeof(detail));
	if (r == CHECK_R_OK)
		r = judge(x, detail, sizeof(detail));
	if (r != CHECK_R_OK) {
		end(x, r, "%s", detail);
		return;
	}
	if (x->url->next == NULL) {
		end(x, CHECK_R_OK, NULL);
		return;
	}
	x->url = x->url->next;
	if (url_setup(x) < 0)
		end(x, CHECK_R_SOCKET, "curl refused the url");
}

/* The attempt's one end: the handle goes back to the pool first, so
   that done() may start another attempt at once. */
static void
end(struct ckh *x, enum check_result r, const char *fmt, ...)
{
	ckh_done_fn *done = x->done;
	void *arg = x->arg;
	char detail[160] = "";
	va_list ap;

	if (fmt != NULL) {
		va_start(ap, fmt);
		vsnprintf(detail, sizeof(detail), fmt, ap);
		va_end(ap);
	}
	put_ckh(x);
	done(arg, r, detail);
}

static struct ckh *
get_ckh(void)
{
	struct ckh *x;

	if ((x = H.free) != NULL) {
		H.free = x->next_free;
		return x;
	}
	if ((x = calloc(1, sizeof(*x))) == NULL)
		return NULL;
	x->easy = curl_easy_init();
	x->md5 = EVP_MD_CTX_new();
	if (x->easy == NULL || x->md5 == NULL) {
		curl_easy_cleanup(x->easy);
		EVP_MD_CTX_free(x->md5);
		free(x);
		return NULL;
	}
	set_options(x);
	return x;
}

static void
put_ckh(struct ckh *x)
{
	if (x->in_multi) {
		curl_multi_remove_handle(H.multi, x->easy);
		x->in_multi = false;
	}
	if (x->rx != NULL) {
		rx_put(x->rx);
		x->rx = NULL;
	}
	x->conf = NULL;
	x->url = NULL;
	x->next_free = H.free;
	H.free = x;
}

/* What every transfer of every check shares: set once per handle. */
static void
set_options(struct ckh *x)
{
	CURL *e = x->easy;

	curl_easy_setopt(e, CURLOPT_PRIVATE, x);
	curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf);
	curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
	curl_easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
	curl_easy_setopt(e, CURLOPT_USERAGENT, USER_AGENT);
	curl_easy_setopt(e, CURLOPT_HTTPHEADER, &x->h_host.sl);
	curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(e, CURLOPT_WRITEDATA, x);
	/* the raw body, as keepalived hashes it */
	curl_easy_setopt(e, CURLOPT_HTTP_TRANSFER_DECODING, 0L);
	curl_easy_setopt(e, CURLOPT_HTTP_CONTENT_DECODING, 0L);
	/* one request, one write: Nagle delays nothing */
	curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 0L);
	curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
	/* Addresses are literal: a cache of them only costs a walk of
	   every entry at each transfer (curl prunes it) */
	curl_easy_setopt(e, CURLOPT_DNS_CACHE_TIMEOUT, 0L);
	curl_easy_setopt(e, CURLOPT_SSL_CTX_FUNCTION, on_ssl_ctx);
	curl_easy_setopt(e, CURLOPT_SSL_CTX_DATA, x);
	curl_easy_setopt(e, CURLOPT_SOCKOPTFUNCTION, on_sockopt);
	curl_easy_setopt(e, CURLOPT_SOCKOPTDATA, x);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, on_opensocket);
	curl_easy_setopt(e, CURLOPT_OPENSOCKETDATA, x);
	/* Host, Connection, and no Accept: keepalived's request */
	x->h_host.sl.data = x->h_host.text;
	x->h_host.sl.next = &x->h_conn.sl;
	x->h_conn.sl.data = x->h_conn.text;
	x->h_conn.sl.next = &x->h_accept.sl;
	x->h_accept.sl.data = x->h_accept.text;
	x->h_accept.sl.next = NULL;
	strcpy(x->h_accept.text, "Accept:");
	x->connect_to.data = x->connect_to_s;
	x->connect_to.next = NULL;
}

struct ckh *
ckh_start(
    const struct vs_check *c, const char *vhost, ckh_done_fn *done, void *arg)
{
	const struct vs_check_src *src = c->src;
	char ip[INET6_ADDRSTRLEN];
	struct ckh *x;

	if (H.multi == NULL || (x = get_ckh()) == NULL)
		return NULL;
	x->conf = c;
	x->url = c->u.http.urls;
	x->vhost = vhost;
	x->done = done;
	x->arg = arg;
	x->sockerr[0] = '\0';
	inet_ntop(c->connect_ip.family, &c->connect_ip.u, ip, sizeof(ip));
	snprintf(x->addr, sizeof(x->addr),
	    c->connect_ip.family == AF_INET6 ? "[%s]" : "%s", ip);

	/* bindto here, bind_if and fwmark on the socket (on_sockopt) */
	x->iface[0] = '\0';
	if (src != NULL && src->bindto.family != AF_UNSPEC) {
		inet_ntop(src->bindto.family, &src->bindto.u, ip, sizeof(ip));
		snprintf(x->iface, sizeof(x->iface), "host!%s", ip);
	}
	x->ssl = H.ssl;
	if (url_setup(x) < 0) {
		put_ckh(x);
		return NULL;
	}
	return x;
}

void
ckh_cancel(struct ckh *x)
{
	put_ckh(x);
}

/* The checker's options, on a handle that another checker may have
   used. */
static void
check_options(struct ckh *x)
{
	const struct vs_check *c = x->conf;
	const struct vs_check_src *src = c->src;
	bool ssl = c->type == VS_CHECK_SSL;
	CURL *e = x->easy;
	long to;

	/* The checker's frame bounds the attempt (connect_timeout per
	   url) with a deadline that yields to pending answers, so a busy
	   loop is not a timeout; curl's own clock counts the time the loop
	   was busy, so its bound is only a backstop, 2 s later. */
	to = (long)(c->connect_timeout / 1000) + 2000;
	curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, to);
	curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, to);
	curl_easy_setopt(e, CURLOPT_HTTP_VERSION,
	    c->u.http.http_protocol == VS_HTTP_1_1 ? CURL_HTTP_VERSION_1_1
	                                           : CURL_HTTP_VERSION_1_0);
	strcpy(x->h_conn.text,
	    c->u.http.http_protocol == VS_HTTP_1_0 ? "Connection:"
	                                           : "Connection: close");

	curl_easy_setopt(e, CURLOPT_INTERFACE, x->iface[0] ? x->iface : NULL);
	curl_easy_setopt(
	    e, CURLOPT_LOCALPORT, src != NULL ? (long)src->bind_port : 0L);

	if (ssl) {
		const struct vs_ssl *s = x->ssl;
		bool verify = c->u.http.verify_cert > 0;

		curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L);
		/* the name is OpenSSL's to check (on_ssl_ctx) */
		curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
		curl_easy_setopt(e, CURLOPT_CAINFO,
		    s != NULL && s->ca != NULL ? s->ca : H.cainfo);
		curl_easy_setopt(e, CURLOPT_CAPATH,
		    s != NULL && s->ca != NULL ? NULL : H.capath);
		curl_easy_setopt(
		    e, CURLOPT_SSLCERT, s != NULL ? s->certificate : NULL);
		curl_easy_setopt(e, CURLOPT_SSLKEY, s != NULL ? s->key : NULL);
		curl_easy_setopt(
		    e, CURLOPT_KEYPASSWD, s != NULL ? s->password : NULL);
	}
}

/*
 * One url: the virtualhost (the url's, the checker's, the real
 * server's), the URL curl connects to, and a fresh body state.
 */
static int
url_setup(struct ckh *x)
{
	const struct vs_check *c = x->conf;
	const struct vs_url *u = x->url;
	bool ssl = c->type == VS_CHECK_SSL;
	const char *vh;
	char sni[256];
	CURL *e;

	if (x->used && !H.reuse) {
		/* libcurl before 8.1 keeps a stale pointer to the last
		   header of the handle's previous transfer, which a folded
		   first header line of the next one follows (curl PR 11103):
		   a new handle per transfer there */
		curl_easy_cleanup(x->easy);
		if ((x->easy = curl_easy_init()) == NULL)
			return -1;
		set_options(x);
	}
	x->used = true;
	e = x->easy;
	check_options(x);
	vh = u->virtualhost != NULL         ? u->virtualhost
	    : c->u.http.virtualhost != NULL ? c->u.http.virtualhost
	                                    : x->vhost;
	if (vh != NULL)
		snprintf(
		    x->h_host.text, sizeof(x->h_host.text), "Host: %s", vh);
	else
		snprintf(x->h_host.text, sizeof(x->h_host.text), "Host: %s:%u",
		    x->addr, c->connect_port);

	sni[0] = '\0';
	if (vh != NULL)
		vhost_name(vh, sni, sizeof(sni));
	if (ssl && c->u.http.enable_sni > 0 && sni[0] != '\0') {
		/* curl sends SNI for the URL's host: name it, and connect
		   to the address */
		snprintf(x->url_s, sizeof(x->url_s), "https://%s:%u/", sni,
		    c->connect_port);
		snprintf(x->connect_to_s, sizeof(x->connect_to_s),
		    "%s:%u:%s:%u", sni, c->connect_port, x->addr,
		    c->connect_port);
		curl_easy_setopt(e, CURLOPT_CONNECT_TO, &x->connect_to);
	} else {
		snprintf(x->url_s, sizeof(x->url_s), "%s://%s:%u/",
		    ssl ? "https" : "http", x->addr, c->connect_port);
		curl_easy_setopt(e, CURLOPT_CONNECT_TO, NULL);
	}
	if (ssl) {
		if (sni[0] != '\0') {
			snprintf(
			    x->verify_name, sizeof(x->verify_name), "%s", sni);
			x->verify_ip = false;
		} else {
			inet_ntop(c->connect_ip.family, &c->connect_ip.u,
			    x->verify_name, sizeof(x->verify_name));
			x->verify_ip = true;
		}
	}
	if (curl_easy_setopt(e, CURLOPT_URL, x->url_s) != CURLE_OK ||
	    curl_easy_setopt(e, CURLOPT_REQUEST_TARGET, u->path) != CURLE_OK)
		return -1;

	x->want_md5 = u->has_digest;
	if (x->want_md5)
		EVP_DigestInit_ex(x->md5, H.md5, NULL);
	if (x->rx != NULL) {
		rx_put(x->rx);
		x->rx = NULL;
	}
	if (u->regex != NULL) {
		x->rx = rx_get(u, false);
		if (x->buf == NULL && (x->buf = malloc(RX_BUF)) == NULL)
			return -1;
	}
	x->len = 0;
	x->base = 0;
	x->start = 0;
	x->body = 0;
	x->matched = false;
	x->rx_over = false;
	x->errbuf[0] = '\0';
	if (curl_multi_add_handle(H.multi, e) != CURLM_OK)
		return -1;
	x->in_multi = true;
	return 0;
}

/* The host part of a virtualhost ("www.example.com:8080" ->
   "www.example.com"); "" for an address, which takes no SNI. */
static void
vhost_name(const char *vh, char *out, size_t size)
{
	size_t n = strcspn(vh, ":/");

	out[0] = '\0';
	if (vh[0] == '[' || n == 0 || n >= size)
		return;
	memcpy(out, vh, n);
	out[n] = '\0';
	if (strspn(out, "0123456789.") == n)
		out[0] = '\0';
}

/* bind_if and fwmark, which curl has no option for (it binds itself:
   CURLOPT_INTERFACE, CURLOPT_LOCALPORT). */
static int
on_sockopt(void *arg, curl_socket_t fd, curlsocktype purpose)
{
	struct ckh *x = arg;
	struct ck_sock_err err;

	(void)purpose;
	if (ck_sock_src(fd, x->conf, IPPROTO_TCP, false, &err) < 0) {
		snprintf(x->sockerr, sizeof(x->sockerr), "%s", err.detail);
		return CURL_SOCKOPT_ERROR;
	}
	return CURL_SOCKOPT_OK;
}

static curl_socket_t
on_opensocket(void *arg, curlsocktype purpose, struct curl_sockaddr *a)
{
	(void)arg;
	(void)purpose;
	if (ckh_test_socket != NULL)
		return ckh_test_socket(a);
	return socket(a->family, a->socktype | SOCK_CLOEXEC, a->protocol);
}

/* The name OpenSSL checks while it verifies the chain. */
static CURLcode
on_ssl_ctx(CURL *e, void *sslctx, void *arg)
{
	X509_VERIFY_PARAM *vp = SSL_CTX_get0_param(sslctx);
	struct ckh *x = arg;
	int ok;

	(void)e;
	if (x->conf->u.http.verify_cert <= 0)
		return CURLE_OK;
	if (x->verify_ip)
		ok = X509_VERIFY_PARAM_set1_ip_asc(vp, x->verify_name);
	else {
		X509_VERIFY_PARAM_set_hostflags(
		    vp, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
		ok = X509_VERIFY_PARAM_set1_host(vp, x->verify_name, 0);
	}
	return ok == 1 ? CURLE_OK : CURLE_SSL_CERTPROBLEM;
}

/* ---- results ---- */

/* What curl's code says of the transfer; CHECK_R_OK when there is a
   response to judge. */
static enum check_result
curl_result(struct ckh *x, CURLcode code, char *d, size_t size)
{
	long oserr = 0, vr = X509_V_OK;

	/* as an int: curl's enum is long, most of it FTP's */
	switch ((int)code) {
	case CURLE_OK:
	case CURLE_PARTIAL_FILE: /* keepalived judges what came */
		return CHECK_R_OK;
	case CURLE_OPERATION_TIMEDOUT:
		say(d, size, x->errbuf);
		return CHECK_R_TIMEOUT;
	case CURLE_COULDNT_CONNECT:
		curl_easy_getinfo(x->easy, CURLINFO_OS_ERRNO, &oserr);
		if (oserr == ECONNREFUSED)
			return CHECK_R_REFUSED; /* says it all */
		say(d, size, oserr ? strerror((int)oserr) : x->errbuf);
		if (oserr == ETIMEDOUT)
			return CHECK_R_TIMEOUT;
		if (oserr == ECONNRESET)
			return CHECK_R_RESET;
		return CHECK_R_UNREACHABLE;
	case CURLE_COULDNT_RESOLVE_HOST:
		say(d, size, x->errbuf);
		return CHECK_R_UNREACHABLE;
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
		say(d, size, x->errbuf);
		return CHECK_R_RESET;
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_HTTP2:
	case CURLE_HTTP3:
	case CURLE_BAD_CONTENT_ENCODING:
	case CURLE_RANGE_ERROR:
	case CURLE_TOO_MANY_REDIRECTS:
		say(d, size, x->errbuf);
		return CHECK_R_HTTP_PROTOCOL;
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_SSL_SHUTDOWN_FAILED:
		curl_easy_getinfo(x->easy, CURLINFO_SSL_VERIFYRESULT, &vr);
		if (vr != X509_V_OK)
			return tls_result(vr, d, size);
		say(d, size, x->errbuf);
		return CHECK_R_TLS_HANDSHAKE;
	default:
		/* local: bind_if, fwmark, bindto, a client certificate */
		say(d, size,
		    x->sockerr[0]      ? x->sockerr
		        : x->errbuf[0] ? x->errbuf
		                       : curl_easy_strerror(code));
		return CHECK_R_SOCKET;
	}
}

/* Copies s, cut to size. */
static void
say(char *d, size_t size, const char *s)
{
	size_t n = strlen(s);

	if (n >= size)
		n = size - 1;
	memcpy(d, s, n);
	d[n] = '\0';
}

/* OpenSSL's verification error, in the result's words. */
static enum check_result
tls_result(long vr, char *d, size_t size)
{
	say(d, size, X509_verify_cert_error_string(vr));
	switch (vr) {
	case X509_V_ERR_CERT_HAS_EXPIRED:
	case X509_V_ERR_CERT_NOT_YET_VALID:
		return CHECK_R_TLS_EXPIRED;
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
	case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
	case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
	case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
	case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
	case X509_V_ERR_CERT_UNTRUSTED:
		return CHECK_R_TLS_UNKNOWN_CA;
	case X509_V_ERR_HOSTNAME_MISMATCH:
	case X509_V_ERR_IP_ADDRESS_MISMATCH:
		return CHECK_R_TLS_NAME;
	default:
		return CHECK_R_TLS_VERIFY;
	}
}

/* keepalived's order: the status, then the digest, then the regex. */
static enum check_result
judge(struct ckh *x, char *d, size_t size)
{
	const struct vs_url *u = x->url;
	uint8_t md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	long st = 0;

	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &st);
	if (st < VS_HTTP_STATUS_MIN || st > VS_HTTP_STATUS_MAX ||
	    !(u->status[(st - VS_HTTP_STATUS_MIN) / 8] &
	        (1u << ((st - VS_HTTP_STATUS_MIN) % 8)))) {
		snprintf(d, size, "status %ld", st);
		return CHECK_R_HTTP_STATUS;
	}
	if (x->want_md5) {
		EVP_DigestFinal_ex(x->md5, md, &mdlen);
		if (mdlen != 16 || memcmp(md, u->digest, 16) != 0) {
			snprintf(d, size,
			    "digest %02x%02x%02x%02x%02x%02x%02x%02x%02x%02x"
			    "%02x%02x%02x%02x%02x%02x",
			    md[0], md[1], md[2], md[3], md[4], md[5], md[6],
			    md[7], md[8], md[9], md[10], md[11], md[12], md[13],
			    md[14], md[15]);
			return CHECK_R_HTTP_DIGEST;
		}
	}
	if (x->rx != NULL) {
		if (x->rx->code == NULL) {
			snprintf(
			    d, size, "regex does not compile: %s", x->rx->err);
			return CHECK_R_HTTP_REGEX;
		}
		rx_run(x, true);
		if (x->matched == u->regex_no_match) {
			snprintf(d, size,
			    u->regex_no_match ? "regex_no_match matched"
			                      : "regex did not match");
			return CHECK_R_HTTP_REGEX;
		}
	}
	return CHECK_R_OK;
}

/* ---- the body ---- */

static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct ckh *x = arg;
	size_t len = size * n;

	if (x->want_md5)
		EVP_DigestUpdate(x->md5, data, len);
	if (x->rx != NULL && x->rx->code != NULL)
		rx_feed(x, data, len);
	x->body += len;
	return len;
}

/*
 * Appends body bytes to the regex buffer and matches what it holds.
 * Bytes that no match may start at or look back to (before
 * regex_min_offset) are never kept; after a match, or past
 * regex_max_offset, nothing is.
 */
static void
rx_feed(struct ckh *x, const char *data, size_t len)
{
	const struct vs_url *u = x->url;
	uint64_t off = x->body, skip_to;
	size_t n;

	if (x->matched || x->rx_over)
		return;
	skip_to = u->regex_min_offset > x->rx->keep
	    ? u->regex_min_offset - x->rx->keep
	    : 0;
	if (x->len == 0 && off + len <= skip_to)
		return;
	if (x->len == 0 && off < skip_to) {
		data += skip_to - off;
		len -= (size_t)(skip_to - off);
		off = skip_to;
	}
	if (x->len == 0)
		x->base = off;
	while (len > 0 && !x->matched && !x->rx_over) {
		n = RX_BUF - x->len;
		if (n > len)
			n = len;
		memcpy(x->buf + x->len, data, n);
		x->len += n;
		data += n;
		len -= n;
		rx_run(x, false);
	}
}

/*
 * Matches the buffer: at the body's end (last) a complete match, else a
 * hard partial one, which says where a match that more data could
 * complete would start: the buffer keeps from there (less the
 * lookbehind), and drops the rest.
 */
static void
rx_run(struct ckh *x, bool last)
{
	const struct vs_url *u = x->url;
	struct rx *r = x->rx;
	PCRE2_SIZE *ov;
	uint64_t minoff = u->regex_min_offset;
	size_t start = x->start, keep;
	int rc;

	if (x->matched || x->rx_over || r->code == NULL)
		return;
	if (x->base + x->len < minoff && !last)
		return;
	if (minoff > x->base && minoff - x->base > start)
		start = (size_t)(minoff - x->base);
	if (start > x->len)
		return;
	if (u->regex_max_offset != VS_UNSET_U32 &&
	    x->base + start >= u->regex_max_offset) {
		x->rx_over = true;
		return;
	}
	rc = pcre2_match(r->code, (PCRE2_SPTR)x->buf, x->len, start,
	    last ? 0 : PCRE2_PARTIAL_HARD, r->md, r->mctx);
	ov = pcre2_get_ovector_pointer(r->md);
	if (rc >= 0) {
		if (u->regex_max_offset == VS_UNSET_U32 ||
		    x->base + ov[0] < u->regex_max_offset)
			x->matched = true;
		else
			x->rx_over = true;
		return;
	}
	if (rc == PCRE2_ERROR_PARTIAL) {
		keep = ov[0] > r->keep ? ov[0] - r->keep : 0;
		if (keep == 0 && x->len == RX_BUF) {
			/* a partial match longer than the buffer: let it
			   go, as keepalived does */
			keep = x->len - r->keep;
		}
	} else
		keep = x->len > r->keep ? x->len - r->keep : 0;
	memmove(x->buf, x->buf + keep, x->len - keep);
	x->len -= keep;
	x->base += keep;
	if (rc == PCRE2_ERROR_PARTIAL && ov[0] >= keep)
		x->start = ov[0] - keep;
	else
		x->start = x->len;
}

/* ---- regexes, compiled once per configuration ---- */

static const uint32_t rx_flags[] = { PCRE2_ALLOW_EMPTY_CLASS, PCRE2_ALT_BSUX,
	PCRE2_AUTO_CALLOUT, PCRE2_CASELESS, PCRE2_DOLLAR_ENDONLY, PCRE2_DOTALL,
	PCRE2_DUPNAMES, PCRE2_EXTENDED, PCRE2_FIRSTLINE,
	PCRE2_MATCH_UNSET_BACKREF, PCRE2_MULTILINE, PCRE2_NEVER_UCP,
	PCRE2_NEVER_UTF, PCRE2_NO_AUTO_CAPTURE, PCRE2_NO_AUTO_POSSESS,
	PCRE2_NO_DOTSTAR_ANCHOR, PCRE2_NO_START_OPTIMIZE, PCRE2_UCP,
	PCRE2_UNGREEDY, PCRE2_UTF, PCRE2_NEVER_BACKSLASH_C,
	PCRE2_ALT_CIRCUMFLEX, PCRE2_ALT_VERBNAMES, PCRE2_USE_OFFSET_LIMIT };

static uint64_t
rx_hash(const struct vs_url *u)
{
	uint64_t h = 1469598103934665603ULL;
	const unsigned char *s;

	for (s = (const unsigned char *)u->regex; *s != '\0'; s++)
		h = (h ^ *s) * 1099511628211ULL;
	h ^= u->regex_options;
	h *= 1099511628211ULL;
	if (u->regex_stack_set)
		h ^= ((uint64_t)u->regex_stack_start << 32) ^
		    u->regex_stack_max ^ 1;
	return h;
}

static bool
rx_same(const struct rx *r, const struct vs_url *u, uint64_t h)
{
	return r->hash == h && r->options == u->regex_options &&
	    r->stack_set == u->regex_stack_set &&
	    (!r->stack_set ||
	        (r->stack_start == u->regex_stack_start &&
	            r->stack_max == u->regex_stack_max)) &&
	    strcmp(r->pattern, u->regex) == 0;
}

/* The compiled regex of u's pattern: found, or compiled now (by
   ckh_configure(), or by an attempt of a url it did not see). */
static struct rx *
rx_get(const struct vs_url *u, bool configuring)
{
	uint64_t h = rx_hash(u);
	struct rx **slot = &H.rx[h % RX_HASH_SIZE], *r;
	uint32_t opts = 0, lb = 0;
	PCRE2_SIZE erroff;
	size_t i;
	int err;

	for (r = *slot; r != NULL; r = r->hnext)
		if (rx_same(r, u, h))
			break;
	if (r == NULL) {
		if ((r = calloc(1, sizeof(*r))) == NULL ||
		    (r->pattern = strdup(u->regex)) == NULL)
			fatal("regex");
		r->hash = h;
		r->options = u->regex_options;
		r->stack_set = u->regex_stack_set;
		r->stack_start = u->regex_stack_start;
		r->stack_max = u->regex_stack_max;
		for (i = 0; i < sizeof(rx_flags) / sizeof(rx_flags[0]); i++)
			if (u->regex_options & (1u << i))
				opts |= rx_flags[i];
		r->code = pcre2_compile((PCRE2_SPTR)u->regex,
		    PCRE2_ZERO_TERMINATED, opts, &err, &erroff, NULL);
		if (r->code == NULL) {
			pcre2_get_error_message(
			    err, (PCRE2_UCHAR *)r->err, sizeof(r->err));
			log_warnx("regex '%s': %s at offset %zu", u->regex,
			    r->err, (size_t)erroff);
		} else {
			pcre2_jit_compile(r->code,
			    PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD);
			r->md =
			    pcre2_match_data_create_from_pattern(r->code, NULL);
			pcre2_pattern_info(
			    r->code, PCRE2_INFO_MAXLOOKBEHIND, &lb);
			/* \b, ^ in multiline mode: one byte before a
			   match's start is always kept */
			r->keep = lb > 0 ? lb : 1;
			if (r->keep > RX_BUF / 2)
				r->keep = RX_BUF / 2;
			if (r->stack_set) {
				r->mctx = pcre2_match_context_create(NULL);
				r->jstack = pcre2_jit_stack_create(
				    r->stack_start, r->stack_max, NULL);
				if (r->mctx != NULL && r->jstack != NULL)
					pcre2_jit_stack_assign(
					    r->mctx, NULL, r->jstack);
			}
		}
		r->hnext = *slot;
		*slot = r;
	}
	r->gen = H.gen;
	if (!configuring)
		r->refs++;
	return r;
}

static void
rx_put(struct rx *r)
{
	struct rx **pp;

	if (--r->refs > 0 || r->gen == H.gen)
		return;
	for (pp = &H.rx[r->hash % RX_HASH_SIZE]; *pp != r; pp = &(*pp)->hnext)
		;
	*pp = r->hnext;
	rx_free(r);
}

static void
rx_free(struct rx *r)
{
	pcre2_match_data_free(r->md);
	pcre2_match_context_free(r->mctx);
	pcre2_jit_stack_free(r->jstack);
	pcre2_code_free(r->code);
	free(r->pattern);
	free(r);
}

/*
 * Compiles the regexes of a new configuration (each distinct one once)
 * and lets go of those that only the old one had, unless an attempt
 * still uses them.
 */
void
ckh_configure(const struct config *cfg)
{
	const struct vs_model *m = cfg_model(cfg, CFG_MODEL_VS);
	const struct vs_check *c;
	const struct vs_url *u;
	const struct vs_rs *rs;
	struct rx **pp, *r;
	size_t i;

	H.gen++;
	H.ssl = m != NULL && m->ssl.present ? &m->ssl : NULL;
	for (i = 0; m != NULL && i < m->vss.n; i++) {
		const struct vs_vs *vs = m->vss.v[i];

		for (rs = vs->rss; rs != NULL; rs = rs->next)
			for (c = rs->checks; c != NULL; c = c->next) {
				if (c->type != VS_CHECK_HTTP &&
				    c->type != VS_CHECK_SSL)
					continue;
				for (u = c->u.http.urls; u != NULL; u = u->next)
					if (u->regex != NULL)
						rx_get(u, true);
			}
	}
	for (i = 0; i < RX_HASH_SIZE; i++)
		for (pp = &H.rx[i]; (r = *pp) != NULL;) {
			if (r->gen != H.gen && r->refs == 0) {
				*pp = r->hnext;
				rx_free(r);
			} else
				pp = &r->hnext;
		}
}

/* ---- the check type ---- */

static int
http_init(struct ev_loop *loop)
{
	return ckh_init(loop);
}

static void
http_configure(const struct config *cfg)
{
	ckh_configure(cfg);
}

static void
http_done(void *arg, enum check_result r, const char *detail)
{
	struct ck_probe *p = arg;

	p->priv = NULL;
	ck_done(p, r, "%s", detail);
}

static void
http_start(struct ck_probe *p)
{
	struct ckh *x;

	x = ckh_start(p->conf, p->vhost, http_done, p);
	if (x == NULL) {
		ck_done(p, CHECK_R_SOCKET, "no HTTP engine");
		return;
	}
	p->priv = x;
}

static void
http_cancel(struct ck_probe *p)
{
	if (p->priv != NULL)
		ckh_cancel(p->priv);
	p->priv = NULL;
}

const struct ck_type ck_http_type = {
	.name = "HTTP",
	.init = http_init,
	.configure = http_configure,
	.start = http_start,
	.cancel = http_cancel,
	.fini = ckh_fini,
	.own_timeout = CK_HTTP_OWN_TIMEOUT,
};
