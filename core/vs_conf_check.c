/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vs_conf_check.c: keyword tables of the checker blocks of a real_server. */

#include <sys/socket.h>

#include <net/if.h>

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vs_conf.h"

#define SEC ((uint64_t)1000000)
#define TIMER_MAX ((int64_t)UINT32_MAX * (int64_t)SEC)
#define CONNECT_MAX ((int64_t)UINT32_MAX)

#define CK(f) offsetof(struct vs_check, f)
#define URL(f) offsetof(struct vs_url, f)

static void *check_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static int check_leave(struct cfg_parser *, const struct cfg_stmt *, void *);
static void *
smtp_host_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static void *url_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static int url_leave(struct cfg_parser *, const struct cfg_stmt *, void *);
static void url_kw_dump(FILE *, const struct cfg_keyword *, const void *, int);
static size_t vs_check_size(enum vs_check_type);
static struct vs_check *new_check(struct cfg_parser *, enum vs_check_type);
static int port_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void port_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int nb_get_retry_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static int http_proto_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
http_proto_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int digest_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void digest_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int status_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void status_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int regex_options_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
regex_options_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int regex_stack_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
regex_stack_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int misc_path_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
misc_path_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int misc_timeout_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static int misc_user_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static int dns_type_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
dns_type_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int hex_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static int require_reply_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
require_reply_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int file_weight_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
file_weight_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int bind_if_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void add_check(struct vs_rs *, struct vs_check *);
static int check_conn(
    struct cfg_parser *, const struct cfg_stmt *, const struct vs_check *);
static int check_hex(struct cfg_parser *, const struct cfg_token *, bool);
static char *join_hex(struct cfg_parser *, const struct cfg_stmt *, bool);

const char *const vs_regex_options[] = { "allow_empty_class", "alt_bsux",
	"auto_callout", "caseless", "dollar_endonly", "dotall", "dupnames",
	"extended", "firstline", "match_unset_backref", "multiline",
	"never_ucp", "never_utf", "no_auto_capture", "no_auto_possess",
	"no_dotstar_anchor", "no_start_optimize", "ucp", "ungreedy", "utf",
	"never_backslash_c", "alt_circumflex", "alt_verbnames",
	"use_offset_limit", NULL };

static const char *const dns_types[] = { "A", "NS", "CNAME", "SOA", "MX", "TXT",
	"AAAA", NULL };

static const char *const check_names[] = { "TCP_CHECK", "HTTP_GET", "SSL_GET",
	"MISC_CHECK", "SMTP_CHECK", "DNS_CHECK", "UDP_CHECK", "PING_CHECK",
	"FILE_CHECK", "BFD_CHECK" };

/* SMTP_CHECK host { } makes a checker of the enclosing real server. */
static struct vs_rs *cur_rs;

#define TIMER(n, lo, hi) \
	{ \
		.name = #n, .kind = CFG_TIMER, .off = CK(n), .min = (lo), \
		.max = (hi), .usage = "<SECONDS>", .dump = vs_timer_dump \
	}
#define U32(n, o, lo, hi, u) \
	{ \
		.name = n, .kind = CFG_CUSTOM, .off = (o), .min = (lo), \
		.max = (hi), .fn = vs_u32_fn, .dump = vs_u32_dump, \
		.usage = (u) \
	}
#define TRI(n, o) \
	{ \
		.name = n, .kind = CFG_CUSTOM, .off = (o), .fn = vs_tri_fn, \
		.dump = vs_tri_dump, .usage = "[<BOOL>]" \
	}
#define STRP(n, o, u) \
	{ \
		.name = n, .kind = CFG_CUSTOM, .off = (o), .fn = vs_strdup_fn, \
		.dump = vs_strp_dump, .usage = (u) \
	}
#define PORT(n, o) \
	{ \
		.name = n, .kind = CFG_CUSTOM, .off = (o), .fn = port_fn, \
		.dump = port_dump, .usage = "<PORT>" \
	}
#define ADDR(n, o) \
	{ \
		.name = n, .kind = CFG_ADDR, .off = (o), .usage = "<IPADDR>" \
	}

#define SRC(f) offsetof(struct vs_check_src, f)
static const struct vs_sub src_bindto = { sizeof(struct vs_check_src),
	{ .name = "bindto", .kind = CFG_ADDR, .off = SRC(bindto) } };
static const struct vs_sub src_bind_port = { sizeof(struct vs_check_src),
	PORT("bind_port", SRC(bind_port)) };
static const struct vs_sub src_bind_if = { sizeof(struct vs_check_src),
	{ .name = "bind_if",
	    .kind = CFG_CUSTOM,
	    .fn = bind_if_fn,
	    .dump = vs_strp_dump,
	    .off = SRC(bind_if),
	    .usage = "<IFNAME>" } };
static const struct vs_sub src_fwmark = { sizeof(struct vs_check_src),
	{ .name = "fwmark",
	    .kind = CFG_CUSTOM,
	    .off = SRC(fwmark),
	    .max = UINT32_MAX,
	    .fn = vs_u32_fn,
	    .dump = vs_u32nz_dump,
	    .usage = "<INTEGER>" } };
#define SRCKW(n, s, u) \
	{ \
		.name = n, .kind = CFG_CUSTOM, .off = CK(src), \
		.fn = vs_sub_fn, .dump = vs_sub_dump, .arg = &(s), \
		.usage = (u) \
	}

/* The options every checker but MISC_CHECK, FILE_CHECK and BFD_CHECK has;
   connect_timeout first, as the most used. */
#define CONN_KEYWORDS \
	TIMER(connect_timeout, 1, CONNECT_MAX), \
	    ADDR("connect_ip", CK(connect_ip)), \
	    PORT("connect_port", CK(connect_port)), \
	    SRCKW("bindto", src_bindto, "<IPADDR>"), \
	    SRCKW("bind_port", src_bind_port, "<PORT>"), \
	    SRCKW("bind_if", src_bind_if, "<IFNAME>"), \
	    SRCKW("fwmark", src_fwmark, "<INTEGER>")
#define COMMON_KEYWORDS \
	U32("retry", CK(retry), 0, UINT32_MAX, "<INTEGER>"), \
	    TIMER(delay_before_retry, 0, TIMER_MAX), \
	    TIMER(warmup, 0, TIMER_MAX), TIMER(delay_loop, 1, TIMER_MAX), \
	    TRI("alpha", CK(alpha)), \
	    TRI("log_all_failures", CK(log_all_failures))

static const struct cfg_keyword conn_keywords[] = {
	CONN_KEYWORDS,
	COMMON_KEYWORDS,
	CFG_KW_END,
};

static const struct cfg_keyword url_keywords[] = {
	STRP("path", URL(path), "<STRING>"),
	{ .name = "digest",
	    .kind = CFG_CUSTOM,
	    .fn = digest_fn,
	    .dump = digest_dump,
	    .usage = "<HEXSTRING>" },
	{ .name = "status_code",
	    .kind = CFG_CUSTOM,
	    .fn = status_fn,
	    .dump = status_dump,
	    .flags = CFG_F_REPEAT, /* each line adds codes, as in keepalived */
	    .usage = "<CODE>[-<CODE>] ..." },
	STRP("virtualhost", URL(virtualhost), "<STRING>"),
	STRP("regex", URL(regex), "<STRING>"),
	{ .name = "regex_no_match",
	    .kind = CFG_FLAG,
	    .off = URL(regex_no_match),
	    .usage = "" },
	{ .name = "regex_options",
	    .kind = CFG_CUSTOM,
	    .fn = regex_options_fn,
	    .dump = regex_options_dump,
	    .flags = CFG_F_REPEAT, /* each line adds options */
	    .usage = "<OPTION> ..." },
	U32("regex_min_offset", URL(regex_min_offset), 0, UINT32_MAX,
	    "<INTEGER>"),
	U32("regex_max_offset", URL(regex_max_offset), 0, UINT32_MAX - 1,
	    "<INTEGER>"),
	{ .name = "regex_stack",
	    .kind = CFG_CUSTOM,
	    .fn = regex_stack_fn,
	    .dump = regex_stack_dump,
	    .usage = "<START> <MAX>" },
	CFG_KW_END,
};

static const struct cfg_block url_block = {
	.name = "url",
	.keywords = url_keywords,
	.enter = url_enter,
	.leave = url_leave,
};

#define HTTP(f) (CK(u) + offsetof(struct vs_http, f))
#define HTTP_KEYWORDS \
	CONN_KEYWORDS, COMMON_KEYWORDS, \
	    { .name = "nb_get_retry", \
		    .kind = CFG_CUSTOM, \
		    .fn = nb_get_retry_fn, \
		    .flags = CFG_F_NODUMP, \
		    .usage = "<INTEGER>" }, \
	    STRP("virtualhost", HTTP(virtualhost), "<STRING>"), \
	    { .name = "http_protocol", \
		    .kind = CFG_CUSTOM, \
		    .fn = http_proto_fn, \
		    .dump = http_proto_dump, \
		    .usage = "1.0|1.1|1.0C" }, \
	    TRI("enable_sni", HTTP(enable_sni)), \
	    TRI("fast_recovery", HTTP(fast_recovery)), \
	{ \
		.name = "url", .kind = CFG_BLOCK, .block = &url_block, \
		.dump = url_kw_dump, .flags = CFG_F_REPEAT, .usage = "{ ... }" \
	}
static const struct cfg_keyword http_keywords[] = {
	HTTP_KEYWORDS,
	CFG_KW_END,
};

/* SSL_GET: HTTP_GET's, and whether the certificate is verified (vigil's
   own; keepalived never verifies it). */
static const struct cfg_keyword ssl_keywords[] = {
	HTTP_KEYWORDS,
	TRI("verify_certificate", HTTP(verify_cert)),
	CFG_KW_END,
};

#define MISC(f) (CK(u) + offsetof(struct vs_misc, f))
static const struct cfg_keyword misc_keywords[] = {
	COMMON_KEYWORDS,
	{ .name = "misc_path",
	    .kind = CFG_CUSTOM,
	    .fn = misc_path_fn,
	    .dump = misc_path_dump,
	    .usage = "<STRING>|<QUOTED-STRING>" },
	{ .name = "misc_timeout",
	    .kind = CFG_CUSTOM,
	    .fn = misc_timeout_fn,
	    .off = MISC(timeout),
	    .dump = vs_timer_dump,
	    .usage = "<0..4294>" },
	{ .name = "misc_dynamic",
	    .kind = CFG_FLAG,
	    .off = MISC(dynamic),
	    .usage = "" },
	{ .name = "user",
	    .kind = CFG_CUSTOM,
	    .fn = misc_user_fn,
	    .flags = CFG_F_NODUMP,
	    .usage = "<USERNAME> [<GROUPNAME>]" },
	CFG_KW_END,
};

static const struct cfg_block smtp_host_block = {
	.name = "host",
	.keywords = conn_keywords,
	.enter = smtp_host_enter,
	.leave = check_leave,
};

static const struct cfg_keyword smtp_keywords[] = {
	STRP("helo_name", CK(u.smtp.helo_name), "<STRING>"),
	CONN_KEYWORDS,
	COMMON_KEYWORDS,
	/* Each host { } is a further SMTP_CHECK; -d prints them as such. */
	{ .name = "host",
	    .kind = CFG_BLOCK,
	    .block = &smtp_host_block,
	    .flags = CFG_F_REPEAT | CFG_F_NODUMP,
	    .usage = "{ ... }" },
	CFG_KW_END,
};

static const struct cfg_keyword dns_keywords[] = {
	CONN_KEYWORDS,
	COMMON_KEYWORDS,
	{ .name = "type",
	    .kind = CFG_CUSTOM,
	    .fn = dns_type_fn,
	    .dump = dns_type_dump,
	    .usage = "A|NS|CNAME|SOA|MX|TXT|AAAA" },
	STRP("name", CK(u.dns.name), "<STRING>"),
	CFG_KW_END,
};

#define UDP(f) (CK(u) + offsetof(struct vs_udp, f))
static const struct cfg_keyword udp_keywords[] = {
	CONN_KEYWORDS,
	COMMON_KEYWORDS,
	{ .name = "payload",
	    .kind = CFG_CUSTOM,
	    .off = UDP(payload),
	    .fn = hex_fn,
	    .dump = vs_strp_dump,
	    .usage = "<HEX>" },
	{ .name = "require_reply",
	    .kind = CFG_CUSTOM,
	    .fn = require_reply_fn,
	    .dump = require_reply_dump,
	    .usage = "[<HEX>]" },
	U32("min_reply_length", UDP(min_reply_len), 0, UINT16_MAX,
	    "<0..65535>"),
	U32("max_reply_length", UDP(max_reply_len), 0, UINT16_MAX,
	    "<0..65535>"),
	CFG_KW_END,
};

static const struct cfg_keyword file_keywords[] = {
	STRP("track_file", CK(u.file.track_file), "<NAME>"),
	{ .name = "weight",
	    .kind = CFG_CUSTOM,
	    .fn = file_weight_fn,
	    .dump = file_weight_dump,
	    .usage = "<-254..254> [reverse]" },
	CFG_KW_END,
};

static const struct cfg_keyword bfd_keywords[] = {
	STRP("name", CK(u.bfd.name), "<NAME>"),
	TRI("alpha", CK(alpha)),
	CFG_KW_END,
};

#define CHECK_BLOCK(n, kw) \
	{ \
		.name = n, .keywords = (kw), .enter = check_enter, \
		.leave = check_leave \
	}
const struct cfg_block vs_check_blocks[] = {
	[VS_CHECK_TCP] = CHECK_BLOCK("TCP_CHECK", conn_keywords),
	[VS_CHECK_HTTP] = CHECK_BLOCK("HTTP_GET", http_keywords),
	[VS_CHECK_SSL] = CHECK_BLOCK("SSL_GET", ssl_keywords),
	[VS_CHECK_MISC] = CHECK_BLOCK("MISC_CHECK", misc_keywords),
	[VS_CHECK_SMTP] = CHECK_BLOCK("SMTP_CHECK", smtp_keywords),
	[VS_CHECK_DNS] = CHECK_BLOCK("DNS_CHECK", dns_keywords),
	[VS_CHECK_UDP] = CHECK_BLOCK("UDP_CHECK", udp_keywords),
	[VS_CHECK_PING] = CHECK_BLOCK("PING_CHECK", conn_keywords),
	[VS_CHECK_FILE] = CHECK_BLOCK("FILE_CHECK", file_keywords),
	[VS_CHECK_BFD] = CHECK_BLOCK("BFD_CHECK", bfd_keywords),
};

const char *
vs_check_name(enum vs_check_type t)
{
	return check_names[t];
}

/* ---- blocks ---- */

/* Bytes of a checker of this type: the union's member only. */
static size_t
vs_check_size(enum vs_check_type type)
{
	size_t base = offsetof(struct vs_check, u);

	switch (type) {
	case VS_CHECK_HTTP:
	case VS_CHECK_SSL:
		return base + sizeof(struct vs_http);
	case VS_CHECK_MISC:
		return base + sizeof(struct vs_misc);
	case VS_CHECK_SMTP:
		return base + sizeof(struct vs_smtp);
	case VS_CHECK_DNS:
		return base + sizeof(struct vs_dns);
	case VS_CHECK_UDP:
		return base + sizeof(struct vs_udp);
	case VS_CHECK_FILE:
		return base + sizeof(struct vs_file);
	case VS_CHECK_BFD:
		return base + sizeof(struct vs_bfd);
	case VS_CHECK_TCP:
	case VS_CHECK_PING:
		break;
	}
	return base;
}

static struct vs_check *
new_check(struct cfg_parser *p, enum vs_check_type type)
{
	struct config *cfg = cfg_parser_config(p);
	struct vs_check *c;

	/* A TCP_CHECK (most of a large file) has no union part. */
	c = cfg_alloc(cfg, vs_check_size(type));
	c->type = (uint8_t)type;
	c->alpha = -1;
	c->log_all_failures = -1;
	c->retry = VS_UNSET_U32;
	c->connect_timeout = VS_UNSET_TIMER;
	c->delay_loop = VS_UNSET_TIMER;
	c->delay_before_retry = VS_UNSET_TIMER;
	c->warmup = VS_UNSET_TIMER;
	switch (type) {
	case VS_CHECK_HTTP:
	case VS_CHECK_SSL:
		c->u.http.enable_sni = -1;
		c->u.http.fast_recovery = -1;
		c->u.http.http_protocol = VS_HTTP_1_0;
		c->u.http.verify_cert = -1;
		break;
	case VS_CHECK_MISC:
		c->u.misc.timeout = VS_UNSET_TIMER;
		break;
	case VS_CHECK_DNS:
		c->u.dns.type = VS_DNS_SOA;
		break;
	case VS_CHECK_UDP:
		c->u.udp.max_reply_len = VS_UNSET_U32;
		break;
	case VS_CHECK_FILE:
		c->u.file.weight = 0;
		break;
	case VS_CHECK_TCP:
	case VS_CHECK_SMTP:
	case VS_CHECK_PING:
	case VS_CHECK_BFD:
		break;
	}
	return c;
}

static void *
check_enter(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct vs_rs *rs = obj;
	struct vs_check *c;
	int t;

	if (cfg_want_args(p, st, 0, 0, "{ ... }") < 0)
		return NULL;
	for (t = 0; t <= VS_CHECK_BFD; t++)
		if (strcmp(check_names[t], st->argv[0].text) == 0)
			break;
	c = new_check(p, (enum vs_check_type)t);
	if (c->type == VS_CHECK_HTTP || c->type == VS_CHECK_SSL)
		c->u.http.loc = cfg_keep_loc(p, &st->argv[0].loc);
	add_check(rs, c);
	cur_rs = rs;
	return c;
}

/* A legacy SMTP_CHECK host { }: one more SMTP checker for the server. */
static void *
smtp_host_enter(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	const struct vs_check *parent = obj;
	struct vs_check *c;

	if (cfg_want_args(p, st, 0, 0, "{ ... }") < 0 || cur_rs == NULL)
		return NULL;
	c = new_check(p, VS_CHECK_SMTP);
	c->u.smtp = parent->u.smtp;
	add_check(cur_rs, c);
	return c;
}

static int
check_leave(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct vs_check *c = obj;

	switch (c->type) {
	case VS_CHECK_HTTP:
	case VS_CHECK_SSL:
		if (c->u.http.urls == NULL) {
			cfg_perror(p, &st->argv[0].loc,
			    "%s has no url: at least one 'url { path ... }' "
			    "is needed",
			    st->argv[0].text);
			return -1;
		}
		break;
	case VS_CHECK_MISC:
		if (c->u.misc.path == NULL) {
			cfg_perror(
			    p, &st->argv[0].loc, "MISC_CHECK has no misc_path");
			return -1;
		}
		break;
	case VS_CHECK_FILE:
		if (c->u.file.track_file == NULL) {
			cfg_perror(p, &st->argv[0].loc,
			    "FILE_CHECK has no track_file");
			return -1;
		}
		break;
	case VS_CHECK_BFD:
		if (c->u.bfd.name == NULL) {
			cfg_perror(
			    p, &st->argv[0].loc, "BFD_CHECK has no name");
			return -1;
		}
		break;
	case VS_CHECK_UDP:
		if (c->u.udp.max_reply_len != VS_UNSET_U32 &&
		    c->u.udp.min_reply_len > c->u.udp.max_reply_len) {
			cfg_perror(p, &st->argv[0].loc,
			    "UDP_CHECK min_reply_length %" PRIu32
			    " is above max_reply_length %" PRIu32
			    ": the check would always fail",
			    c->u.udp.min_reply_len, c->u.udp.max_reply_len);
			return -1;
		}
		break;
	case VS_CHECK_TCP:
	case VS_CHECK_SMTP:
	case VS_CHECK_DNS:
	case VS_CHECK_PING:
		break;
	}
	return check_conn(p, st, c);
}

/*
 * Where the checker connects from and to, checked when its block ends:
 * connect_ip defaults to the real server's address, known by now.
 */
static int
check_conn(
    struct cfg_parser *p, const struct cfg_stmt *st, const struct vs_check *c)
{
	const struct cfg_addr *to = &c->connect_ip;
	const struct vs_check_src *src = c->src;
	const char *name = st->argv[0].text;

	if (to->family == AF_UNSPEC && cur_rs != NULL)
		to = &cur_rs->addr;
	if (to->family == AF_INET6 && to->u.v6[0] == 0xfe &&
	    (to->u.v6[1] & 0xc0) == 0x80 &&
	    (src == NULL || src->bind_if == NULL)) {
		cfg_perror(p, &st->argv[0].loc,
		    "%s: a link-local connect_ip needs bind_if", name);
		return -1;
	}
	if (src == NULL)
		return 0;
	if (src->bindto.family != AF_UNSPEC &&
	    src->bindto.family != to->family) {
		cfg_perror(p, &st->argv[0].loc,
		    "%s: bindto is of another address family than the address "
		    "it connects to",
		    name);
		return -1;
	}
	/* keepalived only finds out when the check runs */
	if (cfg_host_checks() && src->bind_if != NULL &&
	    cfg_host_interface(p, src->bind_if) < 0)
		cfg_pwarning(p, &st->argv[0].loc,
		    "%s: bind_if %s does not exist on this host; the check "
		    "fails until it does",
		    name, src->bind_if);
	return 0;
}

/*
 * Whether an SSL_GET verifies the certificate it is shown: its own
 * verify_certificate, else global_defs' ssl_verify_certificate, else
 * whether the SSL block names a ca (against which it is verified; the
 * system's store otherwise).  keepalived loads the ca and verifies
 * nothing: a check that nobody asked to verify is kept so, with a
 * warning, since its TLS proves nothing about the server.
 */
void
vs_ssl_verify_fill(struct cfg_parser *p, const struct config *cfg,
    const struct vs_ssl *ssl, struct vs_check *c)
{
	struct vs_http *h = &c->u.http;

	if (c->type != VS_CHECK_SSL)
		return;
	if (h->verify_cert >= 0)
		return;
	if (cfg->global.ssl_verify_certificate >= 0) {
		h->verify_cert = (int8_t)cfg->global.ssl_verify_certificate;
		return;
	}
	if (ssl->ca != NULL) {
		h->verify_cert = 1;
		return;
	}
	h->verify_cert = 0;
	cfg_pwarning(p, &h->loc,
	    "SSL_GET does not verify the server's certificate (as "
	    "keepalived): name a ca in the SSL block, or set "
	    "verify_certificate (or global_defs' ssl_verify_certificate) "
	    "to verify it against the system's CAs");
}

static void *
url_enter(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct vs_check *c = obj;
	struct vs_url *u, **last;

	if (cfg_want_args(p, st, 0, 0, "{ ... }") < 0)
		return NULL;
	u = cfg_alloc(cfg_parser_config(p), sizeof(*u));
	u->regex_max_offset = VS_UNSET_U32;
	u->loc = cfg_keep_loc(p, &st->argv[0].loc);
	for (last = &c->u.http.urls; *last != NULL; last = &(*last)->next)
		;
	*last = u;
	return u;
}

/* keepalived drops a url without path and ignores regex options without
   a regex; vigil refuses both. */
static int
url_leave(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct vs_url *u = obj;
	size_t i;
	int code;

	if (u->path == NULL) {
		cfg_perror(p, &st->argv[0].loc, "url has no path");
		return -1;
	}
	for (i = 0; i < sizeof(u->status); i++)
		if (u->status[i] != 0)
			break;
	if (i == sizeof(u->status)) {
		for (code = 200; code <= 299; code++)
			u->status[(code - VS_HTTP_STATUS_MIN) / 8] |=
			    (uint8_t)(1u << ((code - VS_HTTP_STATUS_MIN) % 8));
		cfg_origin_derived(p, u, "status_code", NULL);
	}
	if (u->regex == NULL &&
	    (u->regex_options != 0 || u->regex_no_match ||
	        u->regex_min_offset != 0 ||
	        u->regex_max_offset != VS_UNSET_U32 || u->regex_stack_set)) {
		cfg_perror(
		    p, &st->argv[0].loc, "url has regex options but no regex");
		return -1;
	}
	if (u->regex_max_offset != VS_UNSET_U32 &&
	    u->regex_min_offset > u->regex_max_offset) {
		cfg_perror(p, &st->argv[0].loc,
		    "url regex_min_offset %" PRIu32
		    " is above regex_max_offset %" PRIu32,
		    u->regex_min_offset, u->regex_max_offset);
		return -1;
	}
	return 0;
}

static void
url_kw_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vs_check *c = obj;
	const struct vs_url *u;

	for (u = c->u.http.urls; u != NULL; u = u->next)
		cfg_dump_object(f, &url_block, "url", u, indent);
}

/* Checkers are few per real server: appending walks the list. */
static void
add_check(struct vs_rs *rs, struct vs_check *c)
{
	struct vs_check **last;

	for (last = &rs->checks; *last != NULL; last = &(*last)->next)
		;
	*last = c;
}

/* ---- values ---- */

static int
bind_if_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	char name[VS_IFNAMSIZ];

	if (cfg_want_args(p, st, 1, 1, "<IFNAME>") < 0 ||
	    cfg_get_str(p, &st->argv[1], name, sizeof(name)) < 0)
		return -1;
	return vs_strdup_fn(p, k, st, obj);
}

static int
port_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	uint16_t port;

	if (cfg_want_args(p, st, 1, 1, "<PORT>") < 0 ||
	    vs_get_port(p, &st->argv[1], 1, &port) < 0)
		return -1;
	memcpy((char *)obj + k->off, &port, sizeof(port));
	return 0;
}

static void
port_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	uint16_t port;

	memcpy(&port, (const char *)obj + k->off, sizeof(port));
	if (port != 0)
		fprintf(f, "%*s%s %u\n", indent, "", k->name, port);
}

/* Deprecated since keepalived 1.4; still accepted, with a warning. */
static int
nb_get_retry_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	static const struct cfg_keyword retry =
	    U32("retry", CK(retry), 0, UINT32_MAX, "<INTEGER>");

	if (vs_u32_fn(p, &retry, st, obj) < 0)
		return -1;
	cfg_pwarning(
	    p, &st->argv[0].loc, "'nb_get_retry' is deprecated: use 'retry'");
	cfg_origin_set(p, obj, "retry", &st->argv[0].loc);
	return 0;
}

static int
http_proto_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_check *c = obj;
	const char *s;

	if (cfg_want_args(p, st, 1, 1, "1.0|1.1|1.0C") < 0)
		return -1;
	s = st->argv[1].text;
	if (strcmp(s, "1.0") == 0)
		c->u.http.http_protocol = VS_HTTP_1_0;
	else if (strcmp(s, "1.1") == 0)
		c->u.http.http_protocol = VS_HTTP_1_1;
	else if (strcmp(s, "1.0C") == 0 || strcmp(s, "1.0c") == 0)
		c->u.http.http_protocol = VS_HTTP_1_0C;
	else {
		cfg_perror(p, &st->argv[1].loc,
		    "invalid value '%s' for 'http_protocol': expected 1.0, "
		    "1.1 or 1.0C",
		    s);
		return -1;
	}
	return 0;
}

static void
http_proto_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	static const char *const v[] = { "1.0", "1.1", "1.0C" };
	const struct vs_check *c = obj;

	fprintf(
	    f, "%*shttp_protocol %s\n", indent, "", v[c->u.http.http_protocol]);
}

static int
digest_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_url *u = obj;
	const char *s;
	int i;

	if (cfg_want_args(p, st, 1, 1, "<HEXSTRING>") < 0)
		return -1;
	s = st->argv[1].text;
	if (strlen(s) != 32 || strspn(s, "0123456789abcdefABCDEF") != 32) {
		cfg_perror(p, &st->argv[1].loc,
		    "invalid digest '%s': expected 32 hexadecimal digits "
		    "(an MD5 sum)",
		    s);
		return -1;
	}
	for (i = 0; i < 16; i++) {
		char b[3] = { s[2 * i], s[2 * i + 1], '\0' };

		u->digest[i] = (uint8_t)strtoul(b, NULL, 16);
	}
	u->has_digest = true;
	return 0;
}

static void
digest_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vs_url *u = obj;
	int i;

	if (!u->has_digest)
		return;
	fprintf(f, "%*sdigest ", indent, "");
	for (i = 0; i < 16; i++)
		fprintf(f, "%02x", u->digest[i]);
	fputc('\n', f);
}

/* status_code 200 301-302 ...: adds to the set (keepalived does too). */
static int
status_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_url *u = obj;
	unsigned long lo, hi, c;
	char *end;
	int i;

	if (cfg_want_args(p, st, 1, -1, "<CODE>[-<CODE>] ...") < 0)
		return -1;
	for (i = 1; i < st->argc; i++) {
		const char *s = st->argv[i].text;

		lo = strtoul(s, &end, 10);
		hi = lo;
		if (end != s && *end == '-')
			hi = strtoul(end + 1, &end, 10);
		if (!isdigit((unsigned char)s[0]) || *end != '\0' ||
		    lo < VS_HTTP_STATUS_MIN || hi > VS_HTTP_STATUS_MAX ||
		    lo > hi) {
			cfg_perror(p, &st->argv[i].loc,
			    "invalid status_code '%s': expected a code or "
			    "range of codes from 100 to 599",
			    s);
			return -1;
		}
		for (c = lo; c <= hi; c++)
			u->status[(c - VS_HTTP_STATUS_MIN) / 8] |=
			    (uint8_t)(1u << ((c - VS_HTTP_STATUS_MIN) % 8));
	}
	return 0;
}

static void
status_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vs_url *u = obj;
	int c, lo = -1;

	fprintf(f, "%*sstatus_code", indent, "");
	for (c = VS_HTTP_STATUS_MIN; c <= VS_HTTP_STATUS_MAX + 1; c++) {
		bool on = c <= VS_HTTP_STATUS_MAX &&
		    (u->status[(c - VS_HTTP_STATUS_MIN) / 8] &
		        (1u << ((c - VS_HTTP_STATUS_MIN) % 8)));

		if (on && lo < 0)
			lo = c;
		else if (!on && lo >= 0) {
			if (lo == c - 1)
				fprintf(f, " %d", lo);
			else
				fprintf(f, " %d-%d", lo, c - 1);
			lo = -1;
		}
	}
	fputc('\n', f);
}

static int
regex_options_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_url *u = obj;
	int i, j;

	if (cfg_want_args(p, st, 1, -1, "<OPTION> ...") < 0)
		return -1;
	for (i = 1; i < st->argc; i++) {
		for (j = 0; vs_regex_options[j] != NULL; j++)
			if (strcmp(vs_regex_options[j], st->argv[i].text) == 0)
				break;
		if (vs_regex_options[j] == NULL) {
			cfg_perror(p, &st->argv[i].loc,
			    "unknown regex option '%s'", st->argv[i].text);
			return -1;
		}
		u->regex_options |= 1u << j;
	}
	return 0;
}

static void
regex_options_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct vs_url *u = obj;
	int j;

	if (u->regex_options == 0)
		return;
	fprintf(f, "%*sregex_options", indent, "");
	for (j = 0; vs_regex_options[j] != NULL; j++)
		if (u->regex_options & (1u << j))
			fprintf(f, " %s", vs_regex_options[j]);
	fputc('\n', f);
}

static int
regex_stack_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_url *u = obj;
	int64_t a, b;

	if (cfg_want_args(p, st, 2, 2, "<START> <MAX>") < 0 ||
	    cfg_get_int(p, &st->argv[1], 0, UINT32_MAX, &a) < 0 ||
	    cfg_get_int(p, &st->argv[2], 0, UINT32_MAX, &b) < 0)
		return -1;
	if (a > b) {
		cfg_perror(p, &st->argv[1].loc,
		    "regex_stack start %" PRId64 " is above its max %" PRId64,
		    a, b);
		return -1;
	}
	u->regex_stack_start = (uint32_t)a;
	u->regex_stack_max = (uint32_t)b;
	u->regex_stack_set = true;
	return 0;
}

static void
regex_stack_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct vs_url *u = obj;

	if (u->regex_stack_set)
		fprintf(f, "%*sregex_stack %" PRIu32 " %" PRIu32 "\n", indent,
		    "", u->regex_stack_start, u->regex_stack_max);
}

/* misc_path SCRIPT: one word or a quoted command line. */
static int
misc_path_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct config *cfg = cfg_parser_config(p);
	struct vs_check *c = obj;
	struct cfg_stmt one = *st;
	struct cfg_token toks[2];
	struct cfg_script s;
	size_t len = 0;
	char *cmd;
	int i;

	if (cfg_want_args(p, st, 1, -1, "<STRING>|<QUOTED-STRING>") < 0)
		return -1;
	/*
	 * keepalived takes the rest of the line as the command and its
	 * arguments; a word with a blank is quoted back.
	 */
	for (i = 1; i < st->argc; i++)
		len += strlen(st->argv[i].text) * 2 + 3;
	cmd = cfg_alloc(cfg, len + 1);
	for (i = 1; i < st->argc; i++) {
		if (i > 1)
			strcat(cmd, " ");
		if (st->argc > 2 &&
		    strpbrk(st->argv[i].text, " \t\"") != NULL) {
			strcat(cmd, "\"");
			strcat(cmd, st->argv[i].text);
			strcat(cmd, "\"");
		} else
			strcat(cmd, st->argv[i].text);
	}
	toks[0] = st->argv[0];
	toks[1] = st->argv[1];
	toks[1].text = cmd;
	one.argv = toks;
	one.argc = 2;
	if (cfg_get_script(p, &one, 1, &s) < 0)
		return -1;
	if (c->u.misc.path == NULL)
		c->u.misc.path = cfg_alloc(cfg_parser_config(p), sizeof(s));
	s.user = c->u.misc.path->user;
	s.group = c->u.misc.path->group;
	*c->u.misc.path = s;
	return 0;
}

static void
misc_path_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct cfg_script *s =
	    ((const struct vs_check *)obj)->u.misc.path;

	if (s == NULL || s->cmd == NULL)
		return;
	fprintf(f, "%*smisc_path \"%s\"\n", indent, "", s->cmd);
	if (s->user != NULL)
		fprintf(f, "%*suser %s%s%s\n", indent, "", s->user,
		    s->group ? " " : "", s->group ? s->group : "");
}

/* Whole seconds, as keepalived reads it; 0 is the virtual server's
   delay_loop. */
static int
misc_timeout_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_check *c = obj;
	int64_t v;

	if (cfg_want_args(p, st, 1, 1, "<0..4294>") < 0 ||
	    cfg_get_int(p, &st->argv[1], 0, UINT32_MAX / SEC, &v) < 0)
		return -1;
	c->u.misc.timeout = v == 0 ? VS_UNSET_TIMER : (uint64_t)v * SEC;
	return 0;
}

/* user USERNAME [GROUPNAME]: who runs misc_path. */
static int
misc_user_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_check *c = obj;
	struct cfg_stmt fake = *st;
	struct cfg_token toks[4];
	struct cfg_script s;
	int i;

	if (cfg_want_args(p, st, 1, 2, "<USERNAME> [<GROUPNAME>]") < 0)
		return -1;
	/* cfg_get_script() checks the user and group exist: give it a
	   placeholder script before them */
	toks[0] = st->argv[0];
	toks[1] = st->argv[0];
	toks[1].text = (char *)"x";
	for (i = 1; i < st->argc; i++)
		toks[i + 1] = st->argv[i];
	fake.argv = toks;
	fake.argc = st->argc + 1;
	if (cfg_get_script(p, &fake, 1, &s) < 0)
		return -1;
	if (c->u.misc.path == NULL)
		c->u.misc.path = cfg_alloc(cfg_parser_config(p), sizeof(s));
	c->u.misc.path->user = s.user;
	c->u.misc.path->group = s.group;
	return 0;
}

static int
dns_type_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_check *c = obj;
	int i;

	if (cfg_want_args(p, st, 1, 1, "A|NS|CNAME|SOA|MX|TXT|AAAA") < 0)
		return -1;
	for (i = 0; dns_types[i] != NULL; i++)
		if (strcasecmp(dns_types[i], st->argv[1].text) == 0) {
			c->u.dns.type = (uint8_t)i;
			return 0;
		}
	cfg_perror(p, &st->argv[1].loc,
	    "invalid value '%s' for 'type': expected A, NS, CNAME, SOA, MX, "
	    "TXT or AAAA",
	    st->argv[1].text);
	return -1;
}

static void
dns_type_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vs_check *c = obj;

	fprintf(f, "%*stype %s\n", indent, "", dns_types[c->u.dns.type]);
}

/* Hex digits, in one or more words (keepalived joins them). */
static int
check_hex(struct cfg_parser *p, const struct cfg_token *t, bool mask)
{
	const char *ok =
	    mask ? "0123456789abcdefABCDEFxX" : "0123456789abcdefABCDEF";

	if (t->text[0] == '\0' || t->text[strspn(t->text, ok)] != '\0') {
		cfg_perror(p, &t->loc,
		    "invalid hex string '%s': expected hexadecimal digits",
		    t->text);
		return -1;
	}
	return 0;
}

static char *
join_hex(struct cfg_parser *p, const struct cfg_stmt *st, bool mask)
{
	size_t len = 1;
	char *s;
	int i;

	for (i = 1; i < st->argc; i++) {
		if (check_hex(p, &st->argv[i], mask) < 0)
			return NULL;
		len += strlen(st->argv[i].text);
	}
	s = cfg_alloc(cfg_parser_config(p), len);
	for (i = 1; i < st->argc; i++)
		strcat(s, st->argv[i].text);
	if (strlen(s) % 2 != 0) {
		cfg_perror(p, &st->argv[1].loc,
		    "invalid hex string '%s': an odd number of digits", s);
		return NULL;
	}
	return s;
}

static int
hex_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	char *s;

	if (cfg_want_args(p, st, 1, -1, k->usage) < 0)
		return -1;
	s = join_hex(p, st, false);
	if (s == NULL)
		return -1;
	memcpy((char *)obj + k->off, &s, sizeof(s));
	return 0;
}

static int
require_reply_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_check *c = obj;

	c->u.udp.require_reply = true;
	if (st->argc == 1)
		return 0;
	c->u.udp.reply = join_hex(p, st, true);
	return c->u.udp.reply == NULL ? -1 : 0;
}

static void
require_reply_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct vs_check *c = obj;

	if (c->u.udp.require_reply)
		fprintf(f, "%*srequire_reply%s%s\n", indent, "",
		    c->u.udp.reply ? " " : "",
		    c->u.udp.reply ? c->u.udp.reply : "");
}

static int
file_weight_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_check *c = obj;
	int64_t w;

	if (cfg_want_args(p, st, 1, 2, "<-254..254> [reverse]") < 0 ||
	    cfg_get_int(p, &st->argv[1], -254, 254, &w) < 0)
		return -1;
	if (st->argc == 3 && strcmp(st->argv[2].text, "reverse") != 0) {
		cfg_perror(p, &st->argv[2].loc,
		    "unexpected '%s': expected 'weight <-254..254> [reverse]'",
		    st->argv[2].text);
		return -1;
	}
	c->u.file.weight = (int32_t)w;
	c->u.file.reverse = st->argc == 3;
	c->u.file.weight_given = true;
	return 0;
}

static void
file_weight_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct vs_check *c = obj;

	if (c->u.file.weight_given)
		fprintf(f, "%*sweight %" PRId32 "%s\n", indent, "",
		    c->u.file.weight, c->u.file.reverse ? " reverse" : "");
}
