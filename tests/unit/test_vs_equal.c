/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_vs_equal.c: ids, equality and reload matching of vs_conf models. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cfg.h"
#include "cfg_test.h"
#include "vs_conf.h"
#include "vs_equal.h"

/*
 * The base configuration: three virtual servers (by address, fwmark and
 * group), a real server per checker type in the first, and an SSL
 * block.  Each case edits it in one place; the last octet of a real
 * server's address names it, its tens digit its virtual server.
 */
#define T_SSL \
	"SSL {\n" \
	"    password secret\n" \
	"    ca /etc/ssl/ca.pem\n" \
	"    certificate /etc/ssl/c.pem\n" \
	"    key /etc/ssl/k.pem\n" \
	"}\n"
#define T_GROUP_ENTRIES \
	"    192.0.2.100 80\n" \
	"    192.0.2.101-103 80\n"
#define T_GROUP "virtual_server_group G1 {\n" T_GROUP_ENTRIES "}\n"
#define RSH(o) "real_server 192.0.2." #o " 80 {\n"
#define VS0 "virtual_server 192.0.2.1 80 {\n"
#define VS1 "virtual_server fwmark 5 {\n"
#define VS2 "virtual_server group G1 {\n"
#define TCP_RS(o) \
	"    " RSH(o) "        TCP_CHECK {\n" \
	              "        }\n" \
	              "    }\n"
#define RS10 \
	"    " RSH(10) "        TCP_CHECK {\n" \
	               "            connect_timeout 3\n" \
	               "        }\n" \
	               "    }\n"
#define URL1 \
	"            url {\n" \
	"                path /health\n" \
	"                digest 0123456789abcdef0123456789abcdef\n" \
	"                status_code 200\n" \
	"            }\n"
#define URL2 \
	"            url {\n" \
	"                path /ready\n" \
	"                regex ready\n" \
	"            }\n"
#define RS11 \
	"    " RSH(11) "        HTTP_GET {\n" URL1 URL2 "        }\n" \
	               "    }\n"
#define RS12 \
	"    " RSH(12) "        SSL_GET {\n" \
	               "            url {\n" \
	               "                path /\n" \
	               "            }\n" \
	               "        }\n" \
	               "    }\n"
#define RS13 \
	"    " RSH(13) "        MISC_CHECK {\n" \
	               "            misc_path /bin/true\n" \
	               "        }\n" \
	               "    }\n"
#define RS14 \
	"    " RSH(14) "        SMTP_CHECK {\n" \
	               "            helo_name a.example\n" \
	               "        }\n" \
	               "    }\n"
#define RS15 \
	"    " RSH(15) "        DNS_CHECK {\n" \
	               "            type A\n" \
	               "            name example.com\n" \
	               "        }\n" \
	               "    }\n"
#define RS16 \
	"    " RSH(16) "        UDP_CHECK {\n" \
	               "            payload 0a0b\n" \
	               "        }\n" \
	               "    }\n"
#define PING_BLOCK \
	"        PING_CHECK {\n" \
	"        }\n"
#define TCP_BLOCK \
	"        TCP_CHECK {\n" \
	"        }\n"
#define RS17 "    " RSH(17) PING_BLOCK TCP_BLOCK "    }\n"
#define RS18 \
	"    " RSH(18) "        FILE_CHECK {\n" \
	               "            track_file f1\n" \
	               "            weight 5\n" \
	               "        }\n" \
	               "    }\n"
#define T_VS0 \
	VS0 "    protocol TCP\n" \
	    "    lb_algo rr\n" \
	    "    quorum 3\n" \
	    "    sorry_server 192.0.2.99 80\n" RS10 RS11 RS12 RS13 RS14 RS15 \
	        RS16 RS17 RS18 "}\n"
#define T_VS1 VS1 TCP_RS(20) TCP_RS(21) TCP_RS(22) "}\n"
#define T_VS2 VS2 "    protocol TCP\n" TCP_RS(30) TCP_RS(31) "}\n"

/* The track_files FILE_CHECK names must exist. */
#define T_TFILES \
	"track_file f1 {\n    file /run/f1\n}\n" \
	"track_file f2 {\n    file /run/f2\n}\n"

static const char base[] = T_SSL T_TFILES T_GROUP T_VS0 T_VS1 T_VS2;
#define NVS 3
#define NRS 14

/* What an edit must change. */
#define X_VS 0x1 /* the virtual server vs */
#define X_RS 0x2 /* its real server rs */
#define X_ALL 0x4 /* every real server of vs */

struct edit_case {
	const char *name;
	const char *anchor; /* the edit is after the first anchor */
	const char *from, *to; /* the first from there becomes to */
	int vs; /* index of the virtual server concerned, -1: none */
	unsigned what; /* X_*, 0: everything is VS_SAME */
	int rs; /* X_RS: the real server's last octet */
	bool mig; /* the changed real servers keep their health */
};

/* A line added at the top of real server o's first checker. */
#define CK(o, kw, m) \
	{ \
		kw, RSH(o), "{\n", "{\n            " kw "\n", (o) / 10 - 1, \
		    X_RS, o, m \
	}
/* A line added at the top of real server o's first url. */
#define URLK(o, kw, m) \
	{ \
		kw, RSH(o), "url {\n", "url {\n                " kw "\n", \
		    (o) / 10 - 1, X_RS, o, m \
	}
/* A regex option added to the second url of 192.0.2.11. */
#define RX(kw) \
	{ \
		kw, RSH(11), "regex ready\n", \
		    "regex ready\n                " kw "\n", 0, X_RS, 11, \
		    false \
	}
/* A line added to real server o itself. */
#define RSK(o, kw, m) \
	{ \
		kw, RSH(o), "", "        " kw "\n", (o) / 10 - 1, X_RS, o, m \
	}
/* Text a becomes b within real server o. */
#define REP(o, a, b, m) \
	{ \
		a " -> " b, RSH(o), a, b, (o) / 10 - 1, X_RS, o, m \
	}
/* A line added to virtual server v (header h). */
#define VSK(v, h, kw, w) \
	{ \
		kw, h, "", "    " kw "\n", v, w, 0, true \
	}
#define VSREP(v, h, a, b, w) \
	{ \
		a " -> " b, h, a, b, v, w, 0, true \
	}
/* The SSL block's value a becomes b: SSL_GET asks another question. */
#define SSLREP(a, b) \
	{ \
		"SSL " a, "SSL {\n", a, b, 0, X_RS, 12, false \
	}
/* An edit that changes nothing that counts. */
#define NOCHANGE(n, h, a, b) \
	{ \
		n, h, a, b, -1, 0, 0, true \
	}

static const struct edit_case edit_cases[] = {
	NOCHANGE("unchanged", "", "", ""),
	NOCHANGE("real server order", VS0, RS10 RS11, RS11 RS10),
	NOCHANGE("virtual server order", "", T_VS1 T_VS2, T_VS2 T_VS1),
	NOCHANGE("checker order", RSH(17), PING_BLOCK TCP_BLOCK,
	    TCP_BLOCK PING_BLOCK),
	NOCHANGE("url order", RSH(11), URL1 URL2, URL2 URL1),
	NOCHANGE("group entry order", "", T_GROUP_ENTRIES,
	    "    192.0.2.101-103 80\n    192.0.2.100 80\n"),
	NOCHANGE("keyword order", RSH(11),
	    "                path /health\n"
	    "                digest 0123456789abcdef0123456789abcdef\n",
	    "                digest 0123456789abcdef0123456789abcdef\n"
	    "                path /health\n"),
	NOCHANGE("a moved line", VS0, "", "\n\n"),
	NOCHANGE("ip_family as derived", VS1, "", "    ip_family inet\n"),
	NOCHANGE("ip_family of the address", VS0, "", "    ip_family inet\n"),
	NOCHANGE("checker alpha false, the default", RSH(10), "{\n",
	    "{\n            alpha false\n"),
	NOCHANGE(
	    "retry 1, the default", RSH(10), "{\n", "{\n            retry 1\n"),
	NOCHANGE("status_code 200-299, the default", RSH(12), "url {\n",
	    "url {\n                status_code 200-299\n"),

	/* TCP_CHECK, and the options every connecting checker has */
	REP(10, "connect_timeout 3", "connect_timeout 4", true),
	CK(10, "connect_ip 192.0.2.50", false),
	CK(10, "connect_port 8080", false),
	CK(10, "bindto 192.0.2.2", false),
	CK(10, "bind_port 5000", false),
	CK(10, "bind_if eth0", false),
	CK(10, "fwmark 7", false),
	CK(10, "retry 5", true),
	CK(10, "delay_before_retry 9", true),
	CK(10, "warmup 9", true),
	CK(10, "delay_loop 9", true),
	CK(10, "alpha", true),
	CK(10, "log_all_failures", true),

	/* HTTP_GET and its urls */
	CK(11, "nb_get_retry 4", true),
	CK(11, "retry 4", true),
	CK(11, "delay_loop 9", true),
	CK(11, "connect_timeout 9", true),
	CK(11, "connect_port 8080", false),
	CK(11, "virtualhost www.example", false),
	CK(11, "http_protocol 1.1", false),
	CK(11, "enable_sni", true), /* plain HTTP sends no SNI */
	CK(11, "fast_recovery", true),
	REP(11, "path /health", "path /healthz", false),
	REP(11, "digest 0123456789abcdef0123456789abcdef",
	    "digest 0123456789abcdef0123456789abcdee", false),
	REP(11, "status_code 200", "status_code 200 301", false),
	URLK(11, "virtualhost www.example", false),
	URLK(11, "regex ok", false),
	REP(11, "regex ready", "regex steady", false),
	RX("regex_no_match"),
	RX("regex_options caseless"),
	RX("regex_min_offset 1"),
	RX("regex_max_offset 100"),
	RX("regex_stack 10 100"),
	REP(11, "HTTP_GET {\n",
	    "HTTP_GET {\n            url {\n                path /x\n"
	    "            }\n",
	    false),
	REP(11, URL2, "", false),

	/* SSL_GET, and the SSL block it depends on */
	CK(12, "enable_sni", false),
	CK(12, "enable_sni false", true),
	CK(12, "warmup 9", true),
	URLK(12, "status_code 204", false),
	REP(12, "path /", "path /x", false),
	SSLREP("secret", "other"),
	SSLREP("ca.pem", "ca2.pem"),
	SSLREP("c.pem", "c2.pem"),
	SSLREP("k.pem", "k2.pem"),

	/* MISC_CHECK */
	REP(13, "misc_path /bin/true", "misc_path /bin/false", false),
	REP(13, "misc_path /bin/true", "misc_path \"/bin/true -v\"", false),
	CK(13, "misc_timeout 5", true),
	CK(13, "misc_dynamic", false),
	CK(13, "user root", false),
	CK(13, "retry 3", true),
	CK(13, "delay_loop 9", true),
	CK(13, "delay_before_retry 9", true),
	CK(13, "alpha", true),

	/* SMTP_CHECK */
	REP(14, "helo_name a.example", "helo_name b.example", false),
	CK(14, "connect_timeout 9", true),
	CK(14, "bindto 192.0.2.2", false),
	CK(14,
	    "host {\n                connect_ip 192.0.2.60\n"
	    "            }",
	    false),

	/* DNS_CHECK */
	REP(15, "type A", "type AAAA", false),
	REP(15, "name example.com", "name example.org", false),
	CK(15, "retry 5", true),
	CK(15, "delay_before_retry 2", true),

	/* UDP_CHECK */
	REP(16, "payload 0a0b", "payload 0a0c", false),
	CK(16, "require_reply", false),
	CK(16, "require_reply 0a", false),
	CK(16, "min_reply_length 2", false),
	CK(16, "max_reply_length 10", false),
	CK(16, "connect_port 53", false),
	CK(16, "delay_loop 9", true),

	/* PING_CHECK, first of two checkers */
	CK(17, "connect_ip 192.0.2.50", false),
	CK(17, "fwmark 3", false),
	CK(17, "bind_if eth0", false),
	CK(17, "delay_loop 9", true),
	CK(17, "retry 4", true),
	REP(17, PING_BLOCK, "", true), /* the TCP_CHECK left still holds */
	REP(17, TCP_BLOCK, TCP_BLOCK TCP_BLOCK, true), /* one more the same */
	/* as many checkers, and each new one equals an old one, but not as
	   a set */
	REP(17, PING_BLOCK TCP_BLOCK, TCP_BLOCK TCP_BLOCK, true),

	/* FILE_CHECK */
	REP(18, "track_file f1", "track_file f2", false),
	REP(18, "weight 5", "weight 6", false),
	REP(18, "weight 5", "weight 5 reverse", false),

	/* real_server */
	RSK(10, "weight 2", true),
	RSK(10, "lvs_method DR", true),
	RSK(10, "uthreshold 10", true),
	RSK(10, "lthreshold 5", true),
	RSK(10, "inhibit_on_failure", true),
	RSK(10, "notify_up /bin/up", true),
	RSK(10, "notify_down /bin/down", true),
	RSK(10, "alpha", true),
	RSK(10, "retry 4", true),
	RSK(10, "delay_before_retry 9", true),
	RSK(10, "warmup 9", true),
	RSK(10, "connect_timeout 9", true),
	RSK(10, "delay_loop 9", true),
	RSK(10, "smtp_alert false", true),
	RSK(10, "snmp_name r10", true),
	RSK(10, "virtualhost www.example", true), /* TCP sends no Host */
	RSK(11, "virtualhost www.example", false),
	RSK(12, "virtualhost www.example", false),
	RSK(10, "PING_CHECK {\n        }", false), /* a new checker */
	RSK(30, "weight 3", true),
	RSK(21, "inhibit_on_failure", true),

	/* virtual_server: its own settings */
	VSREP(0, VS0, "lb_algo rr", "lb_algo wrr", X_VS),
	VSREP(0, VS0, "lb_algo rr", "lvs_sched sh", X_VS),
	VSK(0, VS0, "persistence_timeout 60", X_VS),
	VSK(0, VS0, "persistence_timeout", X_VS),
	VSK(0, VS0, "persistence_engine sip", X_VS),
	VSK(0, VS0, "persistence_granularity 255.255.255.0", X_VS),
	VSK(0, VS0, "ha_suspend", X_VS),
	VSK(0, VS0, "smtp_alert", X_VS),
	VSK(0, VS0, "snmp_name s1", X_VS),
	VSK(0, VS0, "omega", X_VS),
	VSK(0, VS0, "quorum_up /bin/up", X_VS),
	VSK(0, VS0, "quorum_down /bin/down", X_VS),
	VSREP(0, VS0, "quorum 3", "quorum 4", X_VS),
	VSK(0, VS0, "hysteresis 1", X_VS),
	VSK(0, VS0, "hashed", X_VS),
	VSK(0, VS0, "flag-1", X_VS),
	VSK(0, VS0, "flag-2", X_VS),
	VSK(0, VS0, "flag-3", X_VS),
	VSK(0, VS0, "sh-port", X_VS),
	VSK(0, VS0, "mh-fallback", X_VS),
	VSK(1, VS1, "ops", X_VS),
	VSK(2, VS2, "lb_algo lc", X_VS),
	/* ... and those its real servers inherit */
	VSK(0, VS0, "lb_kind DR", X_VS | X_ALL),
	VSK(0, VS0, "lvs_method TUN", X_VS | X_ALL),
	VSK(0, VS0, "alpha", X_VS | X_ALL),
	VSK(0, VS0, "inhibit_on_failure", X_VS | X_ALL),
	VSK(0, VS0, "weight 2", X_VS | X_ALL),
	VSK(1, VS1, "delay_loop 9", X_VS | X_ALL),
	VSK(1, VS1, "retry 4", X_VS | X_ALL),
	VSK(1, VS1, "connect_timeout 9", X_VS | X_ALL),
	VSK(1, VS1, "delay_before_retry 9", X_VS | X_ALL),
	VSK(1, VS1, "warmup 9", X_VS | X_ALL),
	VSK(1, VS1, "virtualhost www.example", X_VS | X_ALL),
	VSK(2, VS2, "delay_loop 9", X_VS | X_ALL),

	/* sorry_server: part of its virtual server */
	VSREP(0, VS0, "sorry_server 192.0.2.99 80",
	    "sorry_server 192.0.2.98 80", X_VS),
	VSREP(0, VS0, "sorry_server 192.0.2.99 80",
	    "sorry_server 192.0.2.99 8080", X_VS),
	VSREP(0, VS0, "sorry_server 192.0.2.99 80\n",
	    "sorry_server 192.0.2.99 80\n    sorry_server_inhibit\n", X_VS),
	VSREP(0, VS0, "sorry_server 192.0.2.99 80\n",
	    "sorry_server 192.0.2.99 80\n    sorry_server_lvs_method DR\n",
	    X_VS),
	VSREP(0, VS0, "    sorry_server 192.0.2.99 80\n", "", X_VS),

	/* virtual_server_group: part of the virtual servers using it */
	VSREP(2, "", "192.0.2.100 80", "192.0.2.104 80", X_VS),
	VSREP(2, "", "192.0.2.100 80", "192.0.2.100 8080", X_VS),
	VSREP(2, "", "192.0.2.101-103 80", "192.0.2.101-105 80", X_VS),
	VSREP(2, "", "    192.0.2.100 80\n",
	    "    192.0.2.100 80\n    192.0.2.110 80\n", X_VS),
	VSREP(2, "", "    192.0.2.100 80\n", "", X_VS),
};

/* What vs_match() reported of one object. */
struct rec {
	enum vs_class class;
	int vs; /* index in its model (the new one unless removed) */
	int rs; /* last octet of its address, 0: the virtual server */
	uint16_t port;
	bool migrate;
	objid_t id, vs_id;
};

struct recs {
	struct rec *v;
	size_t n, cap;
	const struct vs_model *old, *new;
};

static struct vs_model *
model(struct config *cfg)
{
	return cfg_model(cfg, CFG_MODEL_VS);
}

static int
index_of(const struct vs_model *m, const struct vs_vs *vs)
{
	uint32_t i;

	for (i = 0; i < m->vss.n; i++)
		if (m->vss.v[i] == vs)
			return (int)i;
	fail_msg("virtual server not in its model");
	return -1;
}

static void
record(const struct vs_change *ch, void *arg)
{
	struct recs *r = arg;
	const struct vs_rs *rs = ch->new_rs ? ch->new_rs : ch->old_rs;
	struct rec *e;

	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 64;
		r->v = realloc(r->v, r->cap * sizeof(*r->v));
		assert_non_null(r->v);
	}
	e = &r->v[r->n++];
	memset(e, 0, sizeof(*e));
	e->class = ch->class;
	e->vs = ch->new_vs ? index_of(r->new, ch->new_vs)
	                   : index_of(r->old, ch->old_vs);
	e->rs = rs != NULL ? rs->addr.u.v4[3] : 0;
	e->port = rs != NULL ? rs->port : 0;
	e->migrate = ch->migrate;
	e->id = ch->id;
	e->vs_id = ch->vs_id;
	/* a virtual server's change names no real server, and the reverse */
	assert_true((ch->old_rs == NULL && ch->new_rs == NULL) == (rs == NULL));
	assert_true(
	    ch->old_rs == NULL || ch->new_rs == NULL || ch->old_vs != NULL);
}

/* The changes from old to new, in r (free r->v). */
static void
match(struct config *old, struct config *new, struct recs *r)
{
	memset(r, 0, sizeof(*r));
	r->old = model(old);
	r->new = model(new);
	assert_int_equal(vs_match(r->old, r->new, record, r), 0);
}

/* base with the first from after anchor replaced by to. */
static char *
edit(const char *text, const char *anchor, const char *from, const char *to)
{
	const char *a = strstr(text, anchor), *f;
	size_t pre;
	char *out;

	if (a == NULL)
		fail_msg("anchor not found: %s", anchor);
	f = strstr(a + strlen(anchor), from);
	if (f == NULL)
		fail_msg("text not found: %s", from);
	pre = (size_t)(f - text);
	out = malloc(strlen(text) - strlen(from) + strlen(to) + 1);
	assert_non_null(out);
	memcpy(out, text, pre);
	strcpy(out + pre, to);
	strcat(out, f + strlen(from));
	return out;
}

static enum vs_class
expected(const struct edit_case *c, const struct rec *e)
{
	if (c->vs != e->vs || c->what == 0)
		return VS_SAME;
	if (e->rs == 0)
		return (c->what & X_VS) ? VS_CHANGED : VS_SAME;
	if ((c->what & X_ALL) || ((c->what & X_RS) && e->rs == c->rs))
		return VS_CHANGED;
	return VS_SAME;
}

static void
check_edit(struct config *old, const struct edit_case *c)
{
	struct config *new;
	struct recs r;
	enum vs_class want;
	char *text;
	size_t i;

	text = edit(base, c->anchor, c->from, c->to);
	new = parse_ok(text);
	match(old, new, &r);
	if (r.n != NVS + NRS)
		fail_msg("%s: %zu objects reported", c->name, r.n);
	for (i = 0; i < r.n; i++) {
		want = expected(c, &r.v[i]);
		if (r.v[i].class != want)
			fail_msg("%s: virtual server %d real server %d is %s, "
			         "not %s",
			    c->name, r.v[i].vs, r.v[i].rs,
			    vs_class_name(r.v[i].class), vs_class_name(want));
		if (r.v[i].rs != 0 &&
		    r.v[i].migrate != (want == VS_SAME || c->mig))
			fail_msg("%s: real server %d: migrate is %d", c->name,
			    r.v[i].rs, r.v[i].migrate);
	}
	free(r.v);
	cfg_free(new);
	free(text);
}

static void
test_edits(void **state)
{
	struct config *old;
	size_t i;

	(void)state;
	old = parse_ok(base);
	assert_int_equal(model(old)->vss.n, NVS);
	for (i = 0; i < sizeof(edit_cases) / sizeof(edit_cases[0]); i++)
		check_edit(old, &edit_cases[i]);
	cfg_free(old);
}

/* Identity changes: what was there is removed, what replaces it new. */
struct id_case {
	const char *name;
	const char *from, *to; /* in the whole text */
	const char *from2, *to2; /* a second edit, or NULL */
	int vs; /* the virtual server replaced, or -1 */
	int old_rs, new_rs; /* the real server replaced: octets */
	uint16_t old_port, new_port;
};

static const struct id_case id_cases[] = {
	{ "real server address", RSH(10), "real_server 192.0.2.40 80 {\n", NULL,
	    NULL, -1, 10, 40, 80, 80 },
	{ "real server port", RSH(10), "real_server 192.0.2.10 81 {\n", NULL,
	    NULL, -1, 10, 10, 80, 81 },
	{ "real server of the group's service", RSH(31),
	    "real_server 192.0.2.32 80 {\n", NULL, NULL, -1, 31, 32, 80, 80 },
	{ "virtual server address", VS0, "virtual_server 192.0.2.2 80 {\n",
	    NULL, NULL, 0, 0, 0, 0, 0 },
	{ "virtual server port", VS0, "virtual_server 192.0.2.1 81 {\n", NULL,
	    NULL, 0, 0, 0, 0, 0 },
	{ "virtual server protocol", "protocol TCP\n    lb_algo",
	    "protocol UDP\n    lb_algo", NULL, NULL, 0, 0, 0, 0, 0 },
	{ "fwmark", VS1, "virtual_server fwmark 6 {\n", NULL, NULL, 1, 0, 0, 0,
	    0 },
	{ "group name", "virtual_server_group G1", "virtual_server_group G2",
	    VS2, "virtual_server group G2 {\n", 2, 0, 0, 0, 0 },
};

static void
check_id_case(struct config *old, const struct id_case *c)
{
	struct config *new;
	struct recs r;
	char *t1, *t2 = NULL;
	size_t i, removed = 0, added = 0, per_vs;
	const struct rec *e;

	t1 = edit(base, "", c->from, c->to);
	if (c->from2 != NULL)
		t2 = edit(t1, "", c->from2, c->to2);
	new = parse_ok(t2 != NULL ? t2 : t1);
	match(old, new, &r);
	for (i = 0; i < r.n; i++) {
		e = &r.v[i];
		if (e->class == VS_REMOVED)
			removed++;
		else if (e->class == VS_NEW)
			added++;
		else if (e->class != VS_SAME)
			fail_msg("%s: %d/%d is %s", c->name, e->vs, e->rs,
			    vs_class_name(e->class));
		if (e->class != VS_SAME && e->vs != c->vs &&
		    !(e->class == VS_REMOVED && e->rs == c->old_rs &&
		        e->port == c->old_port) &&
		    !(e->class == VS_NEW && e->rs == c->new_rs &&
		        e->port == c->new_port))
			fail_msg("%s: %d/%d is %s", c->name, e->vs, e->rs,
			    vs_class_name(e->class));
		if (e->class != VS_SAME)
			assert_false(e->migrate);
	}
	/* the whole service goes, its real servers with it */
	per_vs = c->vs < 0
	    ? 1
	    : 1 + ((const struct vs_vs *)model(old)->vss.v[c->vs])->n_rs;
	assert_int_equal(removed, per_vs);
	assert_int_equal(added, per_vs);
	assert_int_equal(r.n, NVS + NRS + per_vs);
	free(r.v);
	cfg_free(new);
	free(t1);
	free(t2);
}

static void
test_identity_changes(void **state)
{
	struct config *old;
	size_t i;

	(void)state;
	old = parse_ok(base);
	for (i = 0; i < sizeof(id_cases) / sizeof(id_cases[0]); i++)
		check_id_case(old, &id_cases[i]);
	cfg_free(old);
}

/* Removed and added virtual servers bring their real servers along. */
static void
test_vs_added_and_removed(void **state)
{
	struct config *old, *new;
	struct recs r;
	char *text;
	size_t i, n[4] = { 0 };

	(void)state;
	old = parse_ok(base);
	text = edit(base, "", T_VS1, "");
	new = parse_ok(text);
	match(old, new, &r);
	for (i = 0; i < r.n; i++)
		n[r.v[i].class]++;
	assert_int_equal(n[VS_REMOVED], 4);
	assert_int_equal(n[VS_SAME], NVS + NRS - 4);
	free(r.v);
	/* and the other way */
	match(new, old, &r);
	memset(n, 0, sizeof(n));
	for (i = 0; i < r.n; i++) {
		n[r.v[i].class]++;
		if (r.v[i].class == VS_NEW)
			assert_int_equal(r.v[i].vs, 1);
	}
	assert_int_equal(n[VS_NEW], 4);
	free(r.v);
	cfg_free(new);
	free(text);
	cfg_free(old);
}

/* ---- ids ---- */

static const struct vs_vs *
vs_at(struct config *cfg, size_t i)
{
	assert_true(i < model(cfg)->vss.n);
	return model(cfg)->vss.v[i];
}

static void
test_ids(void **state)
{
	struct config *a, *b;
	const struct vs_vs *va, *vb;
	objid_t id;
	size_t i;

	(void)state;
	a = parse_ok(base);
	b = parse_ok(base);
	for (i = 0; i < NVS; i++) {
		va = vs_at(a, i);
		vb = vs_at(b, i);
		id = vs_id(va);
		assert_true(id != 0);
		assert_true(id == vs_id(vb));
		assert_true(vs_rs_id(id, va->rss) == vs_rs_id(id, vb->rss));
		/* a real server's id depends on its service */
		assert_true(vs_rs_id(id, va->rss) !=
		    vs_rs_id(vs_id(vs_at(a, (i + 1) % NVS)), va->rss));
	}
	assert_true(vs_id(vs_at(a, 0)) != vs_id(vs_at(a, 1)));
	assert_true(vs_id(vs_at(a, 1)) != vs_id(vs_at(a, 2)));
	/* a sorry server is no real server of the same address */
	va = vs_at(a, 0);
	id = vs_id(va);
	assert_int_equal(va->sorry->addr.u.v4[3], 99);
	assert_true(vs_sorry_id(id, va->sorry) != vs_rs_id(id, va->sorry));
	assert_true(vs_sorry_id(id, va->sorry) == vs_sorry_id(id, va->sorry));
	cfg_free(a);
	cfg_free(b);
}

/* A group name longer than the key buffer on the stack. */
#define LONG_NAME \
	"a-virtual-server-group-whose-name-is-longer-than-sixty-four-" \
	"characters-by-some-margin"
#define LONG_GROUP(n) \
	"virtual_server_group " LONG_NAME n " {\n" \
	"    192.0.2.100 80\n" \
	"}\n" \
	"virtual_server group " LONG_NAME n " {\n" \
	"    protocol TCP\n" TCP_RS(30) "}\n"

static void
test_ids_long_group_name(void **state)
{
	struct config *a, *b, *c;

	(void)state;
	a = parse_ok(LONG_GROUP("1"));
	b = parse_ok(LONG_GROUP("1"));
	c = parse_ok(LONG_GROUP("2"));
	assert_true(vs_id(vs_at(a, 0)) == vs_id(vs_at(b, 0)));
	assert_true(vs_id(vs_at(a, 0)) != vs_id(vs_at(c, 0)));
	cfg_free(a);
	cfg_free(b);
	cfg_free(c);
}

/* Duplicates are refused once, by the duplicate checks: the id check
   does not report them a second time. */
static void
test_duplicates_reported_once(void **state)
{
	struct config *cfg;
	char *text;

	(void)state;
	text = edit(base, "", RS10, RS10 RS10);
	cfg = parse(text);
	assert_null(cfg);
	assert_int_equal(diag.nerrors, 1);
	assert_true(has_line("<config>:", "is given twice"));
	free(text);
	text = edit(base, "", T_VS1, T_VS1 T_VS1);
	cfg = parse(text);
	assert_null(cfg);
	assert_int_equal(diag.nerrors, 1);
	assert_true(has_line("<config>:", "is defined twice"));
	free(text);
}

static void
never(const struct vs_change *ch, void *arg)
{
	(void)ch;
	(void)arg;
	fail_msg("no change may be reported");
}

static void
test_match_refuses_duplicate_ids(void **state)
{
	struct config *cfg;
	struct vs_model twice;
	void *v[2];

	(void)state;
	cfg = parse_ok(base);
	twice = *model(cfg);
	v[0] = v[1] = twice.vss.v[1];
	twice.vss.v = v;
	twice.vss.n = 2;
	assert_int_equal(vs_match(&twice, model(cfg), never, NULL), -1);
	assert_int_equal(vs_match(model(cfg), &twice, never, NULL), -1);
	cfg_free(cfg);
}

/* ---- checkers ---- */

static void
test_check_ops_table(void **state)
{
	int t;

	(void)state;
	for (t = 0; t < VS_CHECK_NTYPES; t++) {
		assert_non_null(vs_check_ops[t].equal);
		assert_non_null(vs_check_ops[t].migrate);
	}
	assert_string_equal(vs_class_name(VS_CHANGED), "changed");
}

struct find {
	int rs;
	struct vs_change ch;
	bool found;
};

static void
find_rs(const struct vs_change *ch, void *arg)
{
	struct find *f = arg;
	const struct vs_rs *rs = ch->new_rs;

	if (rs != NULL && ch->old_rs != NULL && rs->addr.u.v4[3] == f->rs) {
		f->ch = *ch;
		f->found = true;
	}
}

/* The change of real server o from old to new. */
static struct vs_change
change_of(struct config *old, struct config *new, int o)
{
	struct find f;

	memset(&f, 0, sizeof(f));
	f.rs = o;
	assert_int_equal(vs_match(model(old), model(new), find_rs, &f), 0);
	assert_true(f.found);
	return f.ch;
}

/* Each new checker takes its health from the old checker that answers
   its question, an equal one first. */
static void
test_check_source(void **state)
{
	struct config *old, *new;
	struct vs_change ch;
	const struct vs_check *ping, *tcp;
	char *t1, *t2;

	(void)state;
	old = parse_ok(base);
	t1 = edit(base, RSH(17), PING_BLOCK,
	    "        PING_CHECK {\n            connect_ip 192.0.2.50\n"
	    "        }\n");
	t2 = edit(t1, RSH(17), TCP_BLOCK,
	    "        TCP_CHECK {\n            delay_loop 9\n        }\n");
	new = parse_ok(t2);
	ch = change_of(old, new, 17);
	assert_int_equal(ch.class, VS_CHANGED);
	assert_false(ch.migrate);
	ping = ch.new_rs->checks;
	tcp = ping->next;
	assert_null(vs_check_source(&ch, ping));
	assert_ptr_equal(vs_check_source(&ch, tcp), ch.old_rs->checks->next);
	cfg_free(new);
	free(t1);
	free(t2);
	cfg_free(old);
}

#define TWO_TCP \
	"        TCP_CHECK {\n            retry 2\n        }\n" \
	"        TCP_CHECK {\n            retry 3\n        }\n"

static void
test_check_source_prefers_equal(void **state)
{
	struct config *old, *new;
	struct vs_change ch;
	const struct vs_check *c;
	char *t1, *t2;

	(void)state;
	t1 = edit(base, RSH(17), PING_BLOCK TCP_BLOCK, TWO_TCP);
	old = parse_ok(t1);
	t2 = edit(base, RSH(17), PING_BLOCK TCP_BLOCK,
	    "        TCP_CHECK {\n            retry 3\n        }\n");
	new = parse_ok(t2);
	ch = change_of(old, new, 17);
	assert_int_equal(ch.class, VS_CHANGED);
	assert_true(ch.migrate);
	c = vs_check_source(&ch, ch.new_rs->checks);
	assert_ptr_equal(c, ch.old_rs->checks->next);
	/* the same checkers, the other way round: all the same */
	cfg_free(new);
	free(t2);
	t2 = edit(base, RSH(17), PING_BLOCK TCP_BLOCK,
	    "        TCP_CHECK {\n            retry 3\n        }\n"
	    "        TCP_CHECK {\n            retry 2\n        }\n");
	new = parse_ok(t2);
	assert_int_equal(change_of(old, new, 17).class, VS_SAME);
	cfg_free(new);
	free(t1);
	free(t2);
	cfg_free(old);
}

/* The SSL block is one object: its change reaches SSL_GET only. */
static void
test_ssl_equal(void **state)
{
	struct config *a, *b;
	char *text;

	(void)state;
	a = parse_ok(base);
	text = edit(base, "", T_SSL, "");
	b = parse_ok(text);
	assert_true(vs_ssl_equal(&model(a)->ssl, &model(a)->ssl));
	assert_false(vs_ssl_equal(&model(a)->ssl, &model(b)->ssl));
	assert_int_equal(change_of(a, b, 12).class, VS_CHANGED);
	assert_false(change_of(a, b, 12).migrate);
	assert_int_equal(change_of(a, b, 11).class, VS_SAME);
	cfg_free(a);
	cfg_free(b);
	free(text);
}

/* ---- scale ---- */

#define BIG_VS 10
#define BIG_RS 1000

/* BIG_VS services of BIG_RS servers each; reversed: the servers in the
   other order, one server's weight changed, one removed, one added and
   one service's scheduler changed. */
static char *
big_config(bool reversed)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	int v, i, k;

	assert_non_null(f);
	for (v = 0; v < BIG_VS; v++) {
		fprintf(f, "virtual_server 192.0.2.%d 80 {\n    protocol TCP\n",
		    v + 1);
		if (reversed && v == 6)
			fprintf(f, "    lb_algo rr\n");
		if (reversed && v == 5)
			fprintf(f, "    real_server 10.200.0.1 80 {\n    }\n");
		for (k = 0; k < BIG_RS; k++) {
			i = reversed ? BIG_RS - 1 - k : k;
			if (reversed && v == 4 && i == 10)
				continue;
			fprintf(f,
			    "    real_server 10.%d.%d.%d 80 {\n"
			    "        weight %d\n"
			    "        TCP_CHECK {\n        }\n    }\n",
			    v, i / 250, i % 250 + 1,
			    reversed && v == 3 && i == 500 ? 2 : 1);
		}
		fprintf(f, "}\n");
	}
	assert_int_equal(fclose(f), 0);
	return text;
}

static void
test_match_10000_real_servers(void **state)
{
	struct config *old, *new;
	struct recs r;
	char *t1, *t2;
	size_t i, n[4] = { 0 };
	objid_t vsid = 0, last = 0;

	(void)state;
	t1 = big_config(false);
	t2 = big_config(true);
	old = parse_ok(t1);
	new = parse_ok(t2);
	match(old, new, &r);
	for (i = 0; i < r.n; i++) {
		n[r.v[i].class]++;
		if (r.v[i].rs == 0) {
			/* services come in id order */
			assert_true(r.v[i].id > vsid);
			vsid = r.v[i].id;
			last = 0;
			continue;
		}
		/* then that service's servers, in id order */
		assert_true(r.v[i].vs_id == vsid);
		assert_true(r.v[i].id > last);
		last = r.v[i].id;
	}
	assert_int_equal(r.n, BIG_VS + BIG_VS * BIG_RS + 1);
	assert_int_equal(n[VS_CHANGED], 2);
	assert_int_equal(n[VS_NEW], 1);
	assert_int_equal(n[VS_REMOVED], 1);
	assert_int_equal(n[VS_SAME], BIG_VS + BIG_VS * BIG_RS - 3);
	free(r.v);
	cfg_free(old);
	cfg_free(new);
	free(t1);
	free(t2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edits),
		cmocka_unit_test(test_identity_changes),
		cmocka_unit_test(test_vs_added_and_removed),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_ids_long_group_name),
		cmocka_unit_test(test_duplicates_reported_once),
		cmocka_unit_test(test_match_refuses_duplicate_ids),
		cmocka_unit_test(test_check_ops_table),
		cmocka_unit_test(test_check_source),
		cmocka_unit_test(test_check_source_prefers_equal),
		cmocka_unit_test(test_ssl_equal),
		cmocka_unit_test(test_match_10000_real_servers),
	};

	cfg_register_all();
	cfg_diag_init(&diag);
	return cmocka_run_group_tests(tests, NULL, teardown);
}
