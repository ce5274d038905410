/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_http.h: the HTTP engine under HTTP_GET and SSL_GET, apart from
   the frame, so that the fuzz target drives the same code. */

#ifndef VIGIL_CHECK_HTTP_H
#define VIGIL_CHECK_HTTP_H

#include <curl/curl.h>
#include <ev.h>

#include "check_result.h"
#include "cfg.h"
#include "vs_conf.h"

/*
 * One attempt of an HTTP_GET or SSL_GET checks every url of its checker
 * in order, each on a new connection, on the child's one libcurl multi
 * handle; the first url that fails ends it.  done() is called exactly
 * once, from the loop, never from ckh_start(); detail is the attempt's
 * own words ("status 503"), or "".
 */
typedef void ckh_done_fn(void *arg, enum check_result, const char *detail);
struct ckh;

/* The multi handle on loop: 0, or -1 (logged). */
int ckh_init(struct ev_loop *);
void ckh_fini(void);
/*
 * A configuration is about to run: compiles the regexes of its urls
 * and keeps its SSL block.  ssl may be NULL (no SSL block).
 */
void ckh_configure(const struct config *);
/*
 * Starts an attempt of c (whose strings and urls must live until it
 * ends); vhost is the real server's virtualhost (which validate() fills
 * from the virtual server's), or NULL.  NULL when the engine is down.
 */
struct ckh *
ckh_start(const struct vs_check *, const char *vhost, ckh_done_fn *, void *arg);
/* Abandons an attempt: done() is not called. */
void ckh_cancel(struct ckh *);

/*
 * For the fuzz target: when set, makes every connection's socket, and
 * may change the address it connects to (a loopback server's).
 */
extern curl_socket_t (*ckh_test_socket)(struct curl_sockaddr *);

#endif
