/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_int.h: what the checker child's files share: probes, check types,
   the frame's calls.  Private to check/. */

#ifndef VIGIL_CHECK_INT_H
#define VIGIL_CHECK_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <ev.h>

#include "check_result.h"
#include "cfg.h"
#include "vs_conf.h"

/*
 * A probe runs one check definition (a struct vs_check) against one
 * target, on a timer, and keeps its verdict.  Identical definitions of
 * one backend (same type, target and options, in any virtual server)
 * share one probe, which feeds every real server that uses it.
 *
 * The frame (check.c, check_sched.c) owns scheduling: delay_loop,
 * warmup, retry and delay_before_retry, the attempt's deadline, the
 * verdict.  A check type only runs one attempt: start() begins it, and
 * the attempt ends, from start() itself or later from the loop, with
 * exactly one ck_done() (relayd's check_done).  When the deadline
 * (connect_timeout) passes first, the frame calls cancel() and records
 * CHECK_R_TIMEOUT; cancel() frees what the attempt holds and must not
 * call ck_done().  A type that bounds its attempts itself (MISC_CHECK's
 * misc_timeout) sets own_timeout.
 */
struct ck_probe;
struct ck_rs; /* a real server as the frame runs it (check.c) */

struct ck_type {
	const char *name; /* "TCP_CHECK" */
	/* Once, when a configuration first has a check of this type
	   (before its configure()): 0, or -1 (logged; the type must then
	   end every attempt with CHECK_R_SOCKET).  May be NULL. */
	int (*init)(struct ev_loop *);
	/* A new configuration is about to run (cfg, its SSL block and
	   global_defs): reload contexts (SSL_GET's CA).  Only for a type
	   that was started.  May be NULL. */
	void (*configure)(const struct config *);
	/* One attempt against p->conf's target. */
	void (*start)(struct ck_probe *);
	/* Abandons the running attempt: no ck_done(). */
	void (*cancel)(struct ck_probe *);
	/* The child stops: free global state (only if started).  May be
	   NULL. */
	void (*fini)(void);
	/* The attempt's deadline (usec) when it is not connect_timeout
	   (HTTP_GET: connect_timeout per url).  May be NULL. */
	uint64_t (*deadline)(const struct vs_check *);
	bool own_timeout;
};

/* The types, by enum vs_check_type (BFD has none: refused by -t).
   ck_http_type lives in the module vigil-check-http.so, which the
   checker reaches through ck_http_lazy_type (check_http_load.c). */
extern const struct ck_type ck_tcp_type, ck_http_type, ck_smtp_type,
    ck_dns_type, ck_udp_type, ck_ping_type, ck_misc_type, ck_file_type;
extern const struct ck_type ck_http_lazy_type;
/* ck_http_type.own_timeout, known before the module is loaded. */
#define CK_HTTP_OWN_TIMEOUT false

/* How an attempt sets its real servers' weight (MISC_CHECK's
   misc_dynamic, FILE_CHECK). */
enum ck_wmode {
	CK_W_NONE, /* the configured weight */
	CK_W_SET, /* exactly value (misc_dynamic: exit code - 2) */
	CK_W_ADD, /* the configured weight + value (FILE_CHECK), floored
		     at 0 (keepalived's real_weight()) */
};

struct ck_probe {
	const struct vs_check *conf; /* the definition, of the current
					configuration (replaced at reload) */
	struct ev_loop *loop;
	char label[64]; /* "HTTP_GET [192.0.2.10]:80", for logs */
	/* HTTP_GET / SSL_GET: the Host (and SNI) when neither the url nor
	   the checker names a virtualhost: the real server's, else the
	   virtual server's; NULL: none (part of what probes share) */
	const char *vhost;
	void *priv; /* the type's, while an attempt runs */
	bool running; /* between start() and ck_done() / cancel() */

	/* ---- the frame's own; types read, never write ---- */
	ev_timer timer; /* the next attempt */
	ev_timer deadline; /* the running attempt's connect_timeout */
	ev_tstamp started; /* ev_now() of the running attempt */
	int verdict; /* -1 unknown, 0 down, 1 up */
	uint32_t failures; /* failed attempts in a row (retry) */
	enum check_result last; /* of the last attempt */
	char detail[80]; /* the last attempt's own words, or "" */
	uint64_t latency_us; /* of the last attempt */
	enum ck_wmode wmode; /* of the last passing attempt */
	int32_t wvalue;
	unsigned long attempts, passes;
	struct ck_rs **subs; /* the real servers this probe feeds */
	size_t nsubs, capsubs;
	struct ck_probe *hnext; /* in the frame's table of probes */
	uint64_t hash;
	bool mark; /* reload: used by the new configuration */
	bool fresh; /* created by this reload, not started yet */
};

/*
 * Ends the running attempt of p with result r, and detail (printf) in
 * the type's own words for logs ("status 503", "unable to get local
 * issuer certificate"); fmt may be NULL.
 */
void ck_done(struct ck_probe *, enum check_result r, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same, for a passing attempt that sets the weight. */
void ck_done_weight(struct ck_probe *, enum check_result r, enum ck_wmode,
    int32_t value, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Runs an attempt now, unless one runs (FILE_CHECK when its file
   changes). */
void ck_probe_kick(struct ck_probe *);

/* The child's loop. */
struct ev_loop *ck_loop(void);
/* The configuration being applied or running. */
const struct config *ck_config(void);

/* ---- the frame's probes (check_sched.c), for check.c ---- */

/* A reload begins: every probe is unused until ck_probe_get() takes it. */
void ck_probes_begin(void);
/*
 * The probe that runs nc in the new configuration: an existing one of an
 * equal definition (shared, or unchanged since the last configuration),
 * else the probe of src (the old check whose result answers nc:
 * vs_check_source) now running nc and keeping its verdict, else a new
 * one.  Adds rs to its subscribers.
 */
struct ck_probe *ck_probe_get(const struct vs_check *nc,
    const struct vs_check *src, const char *vhost, struct ck_rs *rs);
/* The reload is complete: probes nobody took stop and go; new ones
   start, spread over their warmup. */
void ck_probes_end(void);
/* Stops and frees every probe (the child stops). */
void ck_probes_free(void);
/* Calls fn for every probe. */
void ck_probes_foreach(void (*fn)(struct ck_probe *, void *), void *arg);
size_t ck_probes_count(void);
/* From check_sched.c to check.c: p's verdict or dynamic weight changed;
   its subscribers decide again. */
void ck_probe_changed(struct ck_probe *);
/* The type of a check definition. */
const struct ck_type *ck_type_of(const struct vs_check *);

#endif
