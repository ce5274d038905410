/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_http.c: libFuzzer target for the HTTP response path of HTTP_GET:
   status line, headers, body, digest and regex, through libcurl. */

#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ev.h>

#include "../../check/check_http.h"

/*
 * Each input is the whole answer of a web server.  It runs through the
 * real engine: a libcurl transfer on the multi handle, driven by libev,
 * to a loopback listener of this program that writes the input and then
 * EOF; the same write callback, digest, regex and judgement as a check.
 * Two checkers read every input: one with a digest and a regex over
 * HTTP/1.0, one with regex_no_match, offsets and status ranges over
 * HTTP/1.1.
 */

#define FUZZ_MAX_INPUT (16 * 1024) /* written at once into the connection */

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int LLVMFuzzerInitialize(int *, char ***);

static struct ev_loop *loop;
static const uint8_t *in_data;
static size_t in_size;
static int finished;
static int peer = -1;
static ev_io listener;
static struct sockaddr_in server;

static struct vs_url url_a, url_b;
static struct vs_check check_a, check_b;

static void
set_status(struct vs_url *u, int lo, int hi)
{
	int c;

	for (c = lo; c <= hi; c++)
		u->status[(c - VS_HTTP_STATUS_MIN) / 8] |=
		    (uint8_t)(1u << ((c - VS_HTTP_STATUS_MIN) % 8));
}

static void
set_check(struct vs_check *c, struct vs_url *u, uint8_t proto)
{
	c->type = VS_CHECK_HTTP;
	c->connect_ip.family = AF_INET;
	c->connect_ip.u.v4[0] = 192;
	c->connect_ip.u.v4[1] = 0;
	c->connect_ip.u.v4[2] = 2;
	c->connect_ip.u.v4[3] = 10;
	c->connect_port = 80;
	c->connect_timeout = 2000000;
	c->u.http.urls = u;
	c->u.http.http_protocol = proto;
	c->u.http.enable_sni = -1;
	c->u.http.verify_cert = -1;
}

/* The check's connection goes to the listener instead. */
static curl_socket_t
give_socket(struct curl_sockaddr *a)
{
	if (a->family != AF_INET || a->addrlen < sizeof(server))
		abort();
	memcpy(&a->addr, &server, sizeof(server));
	return socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
}

/* The server: the input, then EOF. */
static void
on_accept(struct ev_loop *l, ev_io *w, int revents)
{
	size_t off = 0;
	ssize_t n;
	int fd;

	(void)l;
	(void)revents;
	if ((fd = accept4(w->fd, NULL, NULL, SOCK_CLOEXEC)) < 0)
		return;
	while (off < in_size) {
		n = write(fd, in_data + off, in_size - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	shutdown(fd, SHUT_WR);
	if (peer >= 0)
		close(peer);
	peer = fd;
}

static void
listen_loopback(void)
{
	socklen_t len = sizeof(server);
	int fd, buf = 1 << 20;

	server.sin_family = AF_INET;
	server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof(buf)) < 0 ||
	    bind(fd, (struct sockaddr *)&server, sizeof(server)) < 0 ||
	    listen(fd, 16) < 0 ||
	    getsockname(fd, (struct sockaddr *)&server, &len) < 0)
		abort();
	ev_io_init(&listener, on_accept, fd, EV_READ);
	ev_io_start(loop, &listener);
}

static void
on_done(void *arg, enum check_result r, const char *detail)
{
	(void)arg;
	if (getenv("FUZZ_HTTP_DEBUG") != NULL)
		fprintf(stderr, "result %s: %s\n", check_result_info(r)->code,
		    detail);
	finished = 1;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const uint8_t digest[16] = { 0x80, 0x45, 0xa4, 0x60, 0xa0, 0xd8,
		0x91, 0x30, 0xc8, 0xe6, 0x89, 0x65, 0x78, 0x29, 0x56, 0x57 };

	(void)argc;
	(void)argv;
	loop = ev_loop_new(EVFLAG_AUTO);
	if (loop == NULL || ckh_init(loop) < 0)
		abort();
	ckh_test_socket = give_socket;
	listen_loopback();

	url_a.path = "/index.html";
	url_a.regex = "Welcome to [a-z]+ server";
	url_a.regex_max_offset = VS_UNSET_U32;
	memcpy(url_a.digest, digest, sizeof(digest));
	url_a.has_digest = true;
	set_status(&url_a, 200, 299);
	set_check(&check_a, &url_a, VS_HTTP_1_0);

	url_b.path = "/status";
	url_b.virtualhost = "www.example.com";
	url_b.regex = "(?<=ab)c+d$";
	url_b.regex_options = 1u << 10; /* multiline */
	url_b.regex_no_match = true;
	url_b.regex_min_offset = 3;
	url_b.regex_max_offset = 4000;
	set_status(&url_b, 200, 200);
	set_status(&url_b, 301, 399);
	set_check(&check_b, &url_b, VS_HTTP_1_1);
	return 0;
}

static void
run(const struct vs_check *c)
{
	struct ckh *x;
	int i;

	finished = 0;
	x = ckh_start(c, NULL, on_done, NULL);
	if (x == NULL)
		abort();
	/* EOF is always there: a few rounds end it; the bound is a guard */
	for (i = 0; i < 100000 && !finished; i++)
		ev_run(loop, EVRUN_ONCE);
	if (!finished)
		abort();
	if (peer >= 0)
		close(peer);
	peer = -1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	in_data = data;
	in_size = size > FUZZ_MAX_INPUT ? FUZZ_MAX_INPUT : size;
	run(&check_a);
	run(&check_b);
	return 0;
}
