/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vs_conf.c: keyword tables of virtual_server, real_server, groups and SSL. */

#include <sys/socket.h>

#include <arpa/inet.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "vs_conf.h"

#define SEC ((uint64_t)1000000)
#define TIMER_MAX ((int64_t)UINT32_MAX * (int64_t)SEC)
/* keepalived's connect_timeout is at most UINT_MAX microseconds */
#define CONNECT_MAX ((int64_t)UINT32_MAX)
#define LVS_MAX_TIMEOUT (86400 * 31)
#define DEFAULT_PERSISTENCE 360

#define VS(f) offsetof(struct vs_vs, f)
#define RS(f) offsetof(struct vs_rs, f)

static void *vs_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static int vs_leave(struct cfg_parser *, const struct cfg_stmt *, void *);
static void *rs_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static int rs_time_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void rs_time_dump(FILE *, const struct cfg_keyword *, const void *, int);
static void *vsg_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static int vsg_leave(struct cfg_parser *, const struct cfg_stmt *, void *);
static int vsg_item(struct cfg_parser *, const struct cfg_stmt *, void *);
static void vsg_dump(FILE *, const void *, int);
static void *ssl_enter(struct cfg_parser *, const struct cfg_stmt *, void *);
static void vs_kw_dump(FILE *, const struct cfg_keyword *, const void *, int);
static void vsg_kw_dump(FILE *, const struct cfg_keyword *, const void *, int);
static void ssl_kw_dump(FILE *, const struct cfg_keyword *, const void *, int);
static void rs_kw_dump(FILE *, const struct cfg_keyword *, const void *, int);
static void
check_kw_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int ip_family_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
ip_family_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int sched_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void sched_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int flag_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void flag_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int fwd_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void fwd_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int pto_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static int pgr_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void pgr_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int proto_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void proto_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int sorry_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void sorry_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int sorry_inhibit_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
sorry_inhibit_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int sorry_fwd_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void
sorry_fwd_dump(FILE *, const struct cfg_keyword *, const void *, int);
static int ssl_file_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static int
get_fwd(struct cfg_parser *, const struct cfg_stmt *, struct vs_fwd *);
static void print_fwd(FILE *, const struct vs_fwd *);
static struct vs_rs *
new_server(struct cfg_parser *, const struct cfg_stmt *, const char *);
static void vs_init(struct config *, void *);

static const char *const sched_names[] = { "rr", "wrr", "lc", "wlc", "lblc",
	"lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "twos", NULL };

static const uint8_t flag_ops = VS_F_OPS, flag_1 = VS_F_FLAG1,
                     flag_2 = VS_F_FLAG2, flag_3 = VS_F_FLAG3,
                     flag_hashed = VS_F_HASHED;

#define VTIMER(n, lo, hi) \
	{ \
		.name = #n, .kind = CFG_TIMER, .off = VS(n), .min = (lo), \
		.max = (hi), .usage = "<SECONDS>", .dump = vs_timer_dump \
	}
/* A real server's retry and timers live in its vs_rs_time (rs_time_fn). */
#define RT(f) offsetof(struct vs_rs_time, f)
#define RTIME(n, lo, hi, u) \
	{ \
		.name = #n, .kind = CFG_CUSTOM, .off = RT(n), .min = (lo), \
		.max = (hi), .fn = rs_time_fn, .dump = rs_time_dump, \
		.usage = (u) \
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
#define FLAGKW(n, o) \
	{ \
		.name = n, .kind = CFG_FLAG, .off = (o), .usage = "" \
	}
#define STRP(n, o, u) \
	{ \
		.name = n, .kind = CFG_CUSTOM, .off = (o), .fn = vs_strdup_fn, \
		.dump = vs_strp_dump, .usage = (u) \
	}
#define SCRIPT(n, o) \
	{ \
		.name = n, .kind = CFG_CUSTOM, .off = (o), .fn = vs_script_fn, \
		.dump = vs_script_dump, \
		.usage = "<SCRIPT> [<USERNAME> [<GROUPNAME>]]" \
	}
#define SVCFLAG(n, b) \
	{ \
		.name = n, .kind = CFG_CUSTOM, .fn = flag_fn, \
		.dump = flag_dump, .arg = &(b), .usage = "" \
	}
#define FWD(n, o) \
	{ \
		.name = n, .kind = CFG_CUSTOM, .off = (o), .fn = fwd_fn, \
		.dump = fwd_dump, \
		.usage = "NAT|DR|TUN [type ipip|gue port <PORT>|gre] " \
		         "[nocsum|csum|remcsum]" \
	}
#define CHECK(n, t) \
	{ \
		.name = n, .kind = CFG_BLOCK, .block = &vs_check_blocks[t], \
		.dump = check_kw_dump, .flags = CFG_F_REPEAT, \
		.usage = "{ ... }" \
	}

#define OPT(f) offsetof(struct vs_rs_opt, f)
static const struct vs_sub opt_uthreshold = { sizeof(struct vs_rs_opt),
	{ .name = "uthreshold",
	    .kind = CFG_CUSTOM,
	    .off = OPT(uthreshold),
	    .max = UINT32_MAX,
	    .fn = vs_u32_fn,
	    .dump = vs_u32nz_dump,
	    .usage = "<INTEGER>" } };
static const struct vs_sub opt_lthreshold = { sizeof(struct vs_rs_opt),
	{ .name = "lthreshold",
	    .kind = CFG_CUSTOM,
	    .off = OPT(lthreshold),
	    .max = UINT32_MAX,
	    .fn = vs_u32_fn,
	    .dump = vs_u32nz_dump,
	    .usage = "<INTEGER>" } };
static const struct vs_sub opt_notify_up = { sizeof(struct vs_rs_opt),
	SCRIPT("notify_up", OPT(notify_up)) };
static const struct vs_sub opt_notify_down = { sizeof(struct vs_rs_opt),
	SCRIPT("notify_down", OPT(notify_down)) };
static const struct vs_sub opt_virtualhost = { sizeof(struct vs_rs_opt),
	STRP("virtualhost", OPT(virtualhost), "<STRING>") };
static const struct vs_sub opt_snmp_name = { sizeof(struct vs_rs_opt),
	STRP("snmp_name", OPT(snmp_name), "<STRING>") };
#define RSOPT(n, s, u) \
	{ \
		.name = n, .kind = CFG_CUSTOM, .off = RS(opt), \
		.fn = vs_sub_fn, .dump = vs_sub_dump, .arg = &(s), \
		.usage = (u) \
	}

/* In the order of keepalived.conf(5), the checkers last. */
static const struct cfg_keyword rs_keywords[] = {
	U32("weight", RS(weight), 0, VS_WEIGHT_MAX, "<0..65535>"),
	FWD("lvs_method", RS(fwd)),
	RSOPT("uthreshold", opt_uthreshold, "<INTEGER>"),
	RSOPT("lthreshold", opt_lthreshold, "<INTEGER>"),
	TRI("inhibit_on_failure", RS(inhibit_on_failure)),
	RSOPT(
	    "notify_up", opt_notify_up, "<SCRIPT> [<USERNAME> [<GROUPNAME>]]"),
	RSOPT("notify_down", opt_notify_down,
	    "<SCRIPT> [<USERNAME> [<GROUPNAME>]]"),
	TRI("alpha", RS(alpha)),
	RTIME(retry, 1, UINT32_MAX, "<INTEGER>"),
	RTIME(delay_before_retry, 0, TIMER_MAX, "<SECONDS>"),
	RTIME(warmup, 0, TIMER_MAX, "<SECONDS>"),
	RTIME(connect_timeout, 1, CONNECT_MAX, "<SECONDS>"),
	RTIME(delay_loop, 1, TIMER_MAX, "<SECONDS>"),
	TRI("smtp_alert", RS(smtp_alert)),
	RSOPT("virtualhost", opt_virtualhost, "<STRING>"),
	RSOPT("snmp_name", opt_snmp_name, "<STRING>"),
	CHECK("TCP_CHECK", VS_CHECK_TCP),
	CHECK("HTTP_GET", VS_CHECK_HTTP),
	CHECK("SSL_GET", VS_CHECK_SSL),
	CHECK("MISC_CHECK", VS_CHECK_MISC),
	CHECK("SMTP_CHECK", VS_CHECK_SMTP),
	CHECK("DNS_CHECK", VS_CHECK_DNS),
	CHECK("BFD_CHECK", VS_CHECK_BFD),
	CHECK("UDP_CHECK", VS_CHECK_UDP),
	CHECK("PING_CHECK", VS_CHECK_PING),
	CHECK("FILE_CHECK", VS_CHECK_FILE),
	CFG_KW_END,
};

static const struct cfg_block rs_block = {
	.name = "real_server",
	.keywords = rs_keywords,
	.enter = rs_enter,
};

/* real_server first (services have many, lookups are linear), then in
   the order of keepalived.conf(5). */
static const struct cfg_keyword vs_keywords[] = {
	{ .name = "real_server",
	    .kind = CFG_BLOCK,
	    .block = &rs_block,
	    .dump = rs_kw_dump,
	    .flags = CFG_F_REPEAT | CFG_F_NODUMP,
	    .usage = "<IPADDR> [<PORT>] { ... }" },
	{ .name = "ip_family",
	    .kind = CFG_CUSTOM,
	    .fn = ip_family_fn,
	    .dump = ip_family_dump,
	    .usage = "inet|inet6" },
	VTIMER(delay_loop, 1, TIMER_MAX),
	{ .name = "lb_algo",
	    .kind = CFG_CUSTOM,
	    .fn = sched_fn,
	    .dump = sched_dump,
	    .usage = "rr|wrr|lc|wlc|lblc|lblcr|dh|sh|sed|nq|fo|ovf|mh|twos" },
	{ .name = "lvs_sched",
	    .kind = CFG_CUSTOM,
	    .fn = sched_fn,
	    .flags = CFG_F_NODUMP,
	    .usage = "rr|wrr|lc|wlc|lblc|lblcr|dh|sh|sed|nq|fo|ovf|mh|twos" },
	SVCFLAG("hashed", flag_hashed),
	SVCFLAG("flag-1", flag_1),
	SVCFLAG("flag-2", flag_2),
	SVCFLAG("flag-3", flag_3),
	SVCFLAG("sh-port", flag_2),
	SVCFLAG("sh-fallback", flag_1),
	SVCFLAG("mh-port", flag_2),
	SVCFLAG("mh-fallback", flag_1),
	SVCFLAG("ops", flag_ops),
	FWD("lb_kind", VS(fwd)),
	{ .name = "lvs_method",
	    .kind = CFG_CUSTOM,
	    .off = VS(fwd),
	    .fn = fwd_fn,
	    .flags = CFG_F_NODUMP,
	    .usage = "NAT|DR|TUN [type ipip|gue port <PORT>|gre] "
	             "[nocsum|csum|remcsum]" },
	STRP("persistence_engine", VS(persistence_engine), "<STRING>"),
	{ .name = "persistence_timeout",
	    .kind = CFG_CUSTOM,
	    .off = VS(persistence_timeout),
	    .fn = pto_fn,
	    .dump = vs_u32_dump,
	    .usage = "[<SECONDS>]" },
	{ .name = "persistence_granularity",
	    .kind = CFG_CUSTOM,
	    .fn = pgr_fn,
	    .dump = pgr_dump,
	    .usage = "<NETMASK>|<PREFIXLEN>" },
	{ .name = "protocol",
	    .kind = CFG_CUSTOM,
	    .fn = proto_fn,
	    .dump = proto_dump,
	    .usage = "TCP|UDP|SCTP" },
	FLAGKW("ha_suspend", VS(ha_suspend)),
	TRI("smtp_alert", VS(smtp_alert)),
	STRP("virtualhost", VS(virtualhost), "<STRING>"),
	STRP("snmp_name", VS(snmp_name), "<STRING>"),
	FLAGKW("alpha", VS(alpha)),
	FLAGKW("omega", VS(omega)),
	SCRIPT("quorum_up", VS(quorum_up)),
	SCRIPT("quorum_down", VS(quorum_down)),
	U32("quorum", VS(quorum), 1, UINT32_MAX, "<INTEGER>"),
	U32("hysteresis", VS(hysteresis), 0, UINT32_MAX, "<INTEGER>"),
	U32("weight", VS(weight), 1, VS_WEIGHT_MAX, "<1..65535>"),
	{ .name = "sorry_server",
	    .kind = CFG_CUSTOM,
	    .fn = sorry_fn,
	    .dump = sorry_dump,
	    .usage = "<IPADDR> [<PORT>]" },
	{ .name = "sorry_server_inhibit",
	    .kind = CFG_CUSTOM,
	    .fn = sorry_inhibit_fn,
	    .dump = sorry_inhibit_dump,
	    .usage = "" },
	{ .name = "sorry_server_lvs_method",
	    .kind = CFG_CUSTOM,
	    .fn = sorry_fwd_fn,
	    .dump = sorry_fwd_dump,
	    .usage = "NAT|DR|TUN [type ipip|gue port <PORT>|gre] "
	             "[nocsum|csum|remcsum]" },
	VTIMER(connect_timeout, 1, CONNECT_MAX),
	U32("retry", VS(retry), 1, UINT32_MAX, "<INTEGER>"),
	VTIMER(delay_before_retry, 0, TIMER_MAX),
	VTIMER(warmup, 0, TIMER_MAX),
	FLAGKW("inhibit_on_failure", VS(inhibit_on_failure)),
	/* -d prints the real servers after the service's settings; the
	   entry above, first for the parser, is not printed */
	{ .name = "real_server",
	    .kind = CFG_BLOCK,
	    .block = &rs_block,
	    .dump = rs_kw_dump,
	    .flags = CFG_F_REPEAT,
	    .usage = "<IPADDR> [<PORT>] { ... }" },
	CFG_KW_END,
};

static const struct cfg_block vs_block = {
	.name = "virtual_server",
	.keywords = vs_keywords,
	.enter = vs_enter,
	.leave = vs_leave,
};

static const struct cfg_block vsg_block = {
	.name = "virtual_server_group",
	.enter = vsg_enter,
	.leave = vsg_leave,
	.item = vsg_item,
	.dump = vsg_dump,
};

#define SSLKW(n, f) \
	{ \
		.name = n, .kind = CFG_CUSTOM, \
		.off = offsetof(struct vs_ssl, f), .fn = ssl_file_fn, \
		.dump = vs_strp_dump, .usage = "<STRING>" \
	}
static const struct cfg_keyword ssl_keywords[] = {
	SSLKW("password", password),
	SSLKW("ca", ca),
	SSLKW("certificate", certificate),
	SSLKW("key", key),
	CFG_KW_END,
};

static const struct cfg_block ssl_block = {
	.name = "SSL",
	.keywords = ssl_keywords,
	.enter = ssl_enter,
};

static const struct cfg_section vs_sections[] = {
	{ { .name = "virtual_server_group",
	      .kind = CFG_BLOCK,
	      .block = &vsg_block,
	      .dump = vsg_kw_dump,
	      .flags = CFG_F_REPEAT,
	      .usage = "<NAME> { ... }" },
	    CFG_OWNER_CHECK | CFG_OWNER_IPVS },
	{ { .name = "virtual_server",
	      .kind = CFG_BLOCK,
	      .block = &vs_block,
	      .dump = vs_kw_dump,
	      .flags = CFG_F_REPEAT,
	      .usage = "<IPADDR> [<PORT>]|fwmark <INT>|group <NAME> { ... }" },
	    CFG_OWNER_CHECK | CFG_OWNER_IPVS },
	{ { .name = "SSL",
	      .kind = CFG_BLOCK,
	      .block = &ssl_block,
	      .dump = ssl_kw_dump,
	      .flags = CFG_F_REPEAT,
	      .usage = "{ ... }" },
	    CFG_OWNER_CHECK },
};

static const struct cfg_model_ops vs_ops = {
	.size = sizeof(struct vs_model),
	.init = vs_init,
	.validate = vs_validate,
};

/*
 * What the IPVS child runs (ipvs/ipvs_table.c makes the kernel's
 * services and destinations of them, ipvs/ipvs.c the rest), registered
 * in every process: the parent names the global_defs keywords it does
 * not run, the checker the virtual server's.  Left out: "hashed" (the
 * kernel sets that flag itself) and ha_suspend.
 */
static const char *const ipvs_running_keywords[] = {
	"virtual_server.ip_family",
	"virtual_server.lb_algo",
	"virtual_server.lvs_sched",
	"virtual_server.flag-1",
	"virtual_server.flag-2",
	"virtual_server.flag-3",
	"virtual_server.sh-port",
	"virtual_server.sh-fallback",
	"virtual_server.mh-port",
	"virtual_server.mh-fallback",
	"virtual_server.ops",
	"virtual_server.lb_kind",
	"virtual_server.lvs_method",
	"virtual_server.persistence_timeout",
	"virtual_server.persistence_granularity",
	"virtual_server.persistence_engine",
	"virtual_server.protocol",
	"virtual_server.sorry_server_lvs_method",
	"virtual_server.real_server.lvs_method",
	"virtual_server.real_server.uthreshold",
	"virtual_server.real_server.lthreshold",
	"global_defs.lvs_timeouts",
	"global_defs.lvs_flush",
	"global_defs.lvs_flush_on_stop",
	"global_defs.lvs_flush_onstop", /* keepalived's spelling */
	"global_defs.lvs_sync_daemon",
	NULL,
};

void
vs_conf_register(void)
{
	cfg_register(vs_sections, sizeof(vs_sections) / sizeof(vs_sections[0]));
	cfg_register_model(CFG_MODEL_VS, &vs_ops);
	cfg_register_running(ipvs_running_keywords);
}

/* Everything starts empty: the model is a list of sections. */
static void
vs_init(struct config *cfg CFG_UNUSED, void *model CFG_UNUSED)
{
}

/* ---- shared helpers ---- */

void
vs_vs_name(const struct vs_vs *vs, char *buf, size_t size)
{
	char a[INET6_ADDRSTRLEN];

	switch (vs->kind) {
	case VS_FWMARK:
		snprintf(buf, size, "fwmark %" PRIu32, vs->fwmark);
		break;
	case VS_GROUP:
		snprintf(buf, size, "group %s", vs->group);
		break;
	default:
		cfg_addr_str(&vs->addr, "?", a, sizeof(a));
		snprintf(buf, size, "%s %u", a, vs->port);
		break;
	}
}

int
vs_get_port(
    struct cfg_parser *p, const struct cfg_token *t, int min, uint16_t *out)
{
	int64_t v;

	if (cfg_get_int(p, t, min, 65535, &v) < 0)
		return -1;
	*out = (uint16_t)v;
	return 0;
}

/* Optional <BOOL> into an int8_t: -1 is "not given". */
int
vs_tri_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	bool b = true;

	if (cfg_want_args(p, st, 0, 1, "[<BOOL>]") < 0)
		return -1;
	if (st->argc == 2 && cfg_get_bool(p, &st->argv[1], &b) < 0)
		return -1;
	*((int8_t *)obj + k->off) = b;
	return 0;
}

void
vs_tri_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	int8_t v = *((const int8_t *)obj + k->off);

	if (v >= 0)
		fprintf(
		    f, "%*s%s %s\n", indent, "", k->name, v ? "true" : "false");
}

/* An integer in [min, max] into a uint32_t: objects stay small. */
int
vs_u32_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	int64_t v;

	if (cfg_want_args(p, st, 1, 1, k->usage) < 0 ||
	    cfg_get_int(p, &st->argv[1], k->min, k->max, &v) < 0)
		return -1;
	memcpy(
	    (char *)obj + k->off, &(uint32_t){ (uint32_t)v }, sizeof(uint32_t));
	return 0;
}

void
vs_u32_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	uint32_t v;

	memcpy(&v, (const char *)obj + k->off, sizeof(v));
	if (v != VS_UNSET_U32)
		fprintf(f, "%*s%s %" PRIu32 "\n", indent, "", k->name, v);
}

void
vs_u32nz_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	uint32_t v;

	memcpy(&v, (const char *)obj + k->off, sizeof(v));
	if (v != 0)
		vs_u32_dump(f, k, obj, indent);
}

void
vs_timer_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	uint64_t v;

	memcpy(&v, (const char *)obj + k->off, sizeof(v));
	if (v != VS_UNSET_TIMER)
		fprintf(f, "%*s%s %" PRIu64 ".%06" PRIu64 "\n", indent, "",
		    k->name, v / SEC, v % SEC);
}

/* One word into an arena string, the pointer at k->off. */
int
vs_strdup_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	const char *s;

	if (cfg_want_args(p, st, 1, 1, k->usage) < 0)
		return -1;
	if (st->argv[1].text[0] == '\0') {
		cfg_perror(
		    p, &st->argv[1].loc, "'%s' may not be empty", k->name);
		return -1;
	}
	s = cfg_strdup(cfg_parser_config(p), st->argv[1].text);
	memcpy((char *)obj + k->off, &s, sizeof(s));
	return 0;
}

void
vs_strp_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const char *s;

	memcpy(&s, (const char *)obj + k->off, sizeof(s));
	if (s != NULL)
		fprintf(f, "%*s%s \"%s\"\n", indent, "", k->name, s);
}

int
vs_sub_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	const struct vs_sub *sub = k->arg;
	void **slot = (void **)(void *)((char *)obj + k->off);

	if (*slot == NULL)
		*slot = cfg_alloc(cfg_parser_config(p), sub->size);
	if (sub->inner.kind == CFG_ADDR)
		return cfg_want_args(p, st, 1, 1, k->usage) < 0 ||
		        cfg_get_addr(p, &st->argv[1],
		            (struct cfg_addr *)(void *)((char *)*slot +
		                sub->inner.off)) < 0
		    ? -1
		    : 0;
	return sub->inner.fn(p, &sub->inner, st, *slot);
}

void
vs_sub_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const struct vs_sub *sub = k->arg;
	const void *so;
	const struct cfg_addr *a;
	char buf[INET6_ADDRSTRLEN];

	memcpy(&so, (const char *)obj + k->off, sizeof(so));
	if (so == NULL)
		return;
	if (sub->inner.kind != CFG_ADDR) {
		sub->inner.dump(f, &sub->inner, so, indent);
		return;
	}
	a = (const struct cfg_addr *)(const void *)((const char *)so +
	    sub->inner.off);
	if (a->family != AF_UNSPEC) {
		cfg_addr_str(a, "?", buf, sizeof(buf));
		fprintf(f, "%*s%s %s\n", indent, "", k->name, buf);
	}
}

/* ---- a real server's retry and timers ---- */

/* Fills k's field of rs->time, made with every field unset at first. */
static int
rs_time_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_rs *rs = obj;
	struct vs_rs_time *t = rs->time;
	int64_t v;
	uint64_t us;

	if (t == NULL) {
		t = cfg_alloc(cfg_parser_config(p), sizeof(*t));
		t->retry = VS_UNSET_U32;
		t->connect_timeout = t->delay_loop = VS_UNSET_TIMER;
		t->delay_before_retry = t->warmup = VS_UNSET_TIMER;
		rs->time = t;
	}
	if (cfg_want_args(p, st, 1, 1, k->usage) < 0)
		return -1;
	if (k->off == RT(retry)) {
		if (cfg_get_int(p, &st->argv[1], k->min, k->max, &v) < 0)
			return -1;
		t->retry = (uint32_t)v;
		return 0;
	}
	if (cfg_get_timer(
	        p, &st->argv[1], (uint64_t)k->min, (uint64_t)k->max, &us) < 0)
		return -1;
	memcpy((char *)t + k->off, &us, sizeof(us));
	return 0;
}

static void
rs_time_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const struct vs_rs_time *t = ((const struct vs_rs *)obj)->time;

	if (t == NULL)
		return;
	if (k->off == RT(retry))
		vs_u32_dump(f, k, t, indent);
	else
		vs_timer_dump(f, k, t, indent);
}

/* ---- virtual_server ---- */

/* A real or sorry server: IP [PORT]. */
static struct vs_rs *
new_server(struct cfg_parser *p, const struct cfg_stmt *st, const char *usage)
{
	struct config *cfg = cfg_parser_config(p);
	struct vs_rs *rs;
	struct cfg_addr a;
	uint16_t port = 0;

	if (cfg_want_args(p, st, 1, 2, usage) < 0 ||
	    cfg_get_addr(p, &st->argv[1], &a) < 0)
		return NULL;
	if (st->argc == 3 && vs_get_port(p, &st->argv[2], 0, &port) < 0)
		return NULL;
	rs = cfg_alloc(cfg, sizeof(*rs));
	rs->addr = a;
	rs->port = port;
	rs->inhibit_on_failure = -1;
	rs->alpha = -1;
	rs->smtp_alert = -1;
	rs->weight = VS_UNSET_U32;
	rs->loc = cfg_keep_loc(p, &st->argv[0].loc);
	return rs;
}

static void *
vs_enter(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct config *cfg = obj;
	struct vs_model *m = cfg_model(cfg, CFG_MODEL_VS);
	static const char usage[] =
	    "<IPADDR> [<PORT>]|fwmark <INT>|group <NAME> { ... }";
	struct vs_vs *vs, n;
	int64_t v;

	memset(&n, 0, sizeof(n));
	if (cfg_want_args(p, st, 1, 2, usage) < 0)
		return NULL;
	if (strcmp(st->argv[1].text, "fwmark") == 0) {
		if (st->argc != 3) {
			cfg_perror(p, &st->argv[1].loc,
			    "'virtual_server fwmark' is missing its mark: "
			    "expected 'virtual_server fwmark <INT>'");
			return NULL;
		}
		if (cfg_get_int(p, &st->argv[2], 1, UINT32_MAX, &v) < 0)
			return NULL;
		n.kind = VS_FWMARK;
		n.fwmark = (uint32_t)v;
	} else if (strcmp(st->argv[1].text, "group") == 0) {
		if (st->argc != 3) {
			cfg_perror(p, &st->argv[1].loc,
			    "'virtual_server group' is missing its name: "
			    "expected 'virtual_server group <NAME>'");
			return NULL;
		}
		n.kind = VS_GROUP;
		n.group = cfg_strdup(cfg, st->argv[2].text);
	} else {
		if (cfg_get_addr(p, &st->argv[1], &n.addr) < 0)
			return NULL;
		if (st->argc == 3 &&
		    vs_get_port(p, &st->argv[2], 0, &n.port) < 0)
			return NULL;
		n.kind = VS_ADDR;
		n.af = (uint8_t)n.addr.family;
	}
	vs = cfg_alloc(cfg, sizeof(*vs));
	*vs = n;
	vs->sched = VS_SCHED_WLC;
	vs->smtp_alert = -1;
	vs->quorum = 1;
	vs->weight = 1;
	vs->retry = VS_UNSET_U32;
	vs->connect_timeout = 5 * SEC;
	vs->delay_loop = 60 * SEC;
	vs->delay_before_retry = VS_UNSET_TIMER;
	vs->warmup = VS_UNSET_TIMER;
	vs->granularity_v4.family = AF_UNSPEC;
	vs->loc = cfg_keep_loc(p, &st->argv[0].loc);
	cfg_vec_push(cfg, &m->vss, vs);
	return vs;
}

/*
 * Rules that need only this block.  A virtual server without real servers
 * is dropped by keepalived with an error; vigil refuses it.
 */
static int
vs_leave(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct vs_vs *vs = obj;
	char name[80];

	struct vs_rs *rs, *prev = NULL, *next;

	/* rs_enter() prepends: put the list back in file order */
	for (rs = vs->rss; rs != NULL; rs = next) {
		next = rs->next;
		rs->next = prev;
		prev = rs;
	}
	vs->rss = prev;
	if (vs->n_rs == 0) {
		vs_vs_name(vs, name, sizeof(name));
		cfg_perror(p, &st->argv[0].loc,
		    "virtual_server %s has no real_server", name);
		return -1;
	}
	return 0;
}

static void *
rs_enter(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct vs_vs *vs = obj;
	struct vs_rs *rs;

	rs = new_server(p, st, "<IPADDR> [<PORT>] { ... }");
	if (rs == NULL)
		return NULL;
	rs->next = vs->rss;
	vs->rss = rs;
	vs->n_rs++;
	return rs;
}

static int
ip_family_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_vs *vs = obj;
	int af;

	if (cfg_want_args(p, st, 1, 1, "inet|inet6") < 0)
		return -1;
	if (strcmp(st->argv[1].text, "inet") == 0)
		af = AF_INET;
	else if (strcmp(st->argv[1].text, "inet6") == 0)
		af = AF_INET6;
	else {
		cfg_perror(p, &st->argv[1].loc,
		    "invalid value '%s' for 'ip_family': expected inet or "
		    "inet6",
		    st->argv[1].text);
		return -1;
	}
	if (vs->kind == VS_ADDR && af != vs->addr.family) {
		cfg_perror(p, &st->argv[1].loc,
		    "ip_family %s conflicts with the virtual server's "
		    "address",
		    st->argv[1].text);
		return -1;
	}
	vs->af = (uint8_t)af;
	vs->af_loc = cfg_keep_loc(p, &st->argv[1].loc);
	return 0;
}

static void
ip_family_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vs_vs *vs = obj;

	/* an address service's family is its address's */
	if (vs->kind != VS_ADDR && vs->af != AF_UNSPEC)
		fprintf(f, "%*sip_family %s\n", indent, "",
		    vs->af == AF_INET ? "inet" : "inet6");
}

static int
sched_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_vs *vs = obj;
	int i;

	if (cfg_want_args(p, st, 1, 1, k->usage) < 0)
		return -1;
	for (i = 0; sched_names[i] != NULL; i++)
		if (strcmp(sched_names[i], st->argv[1].text) == 0) {
			vs->sched = (uint8_t)i;
			/* lvs_sched and lb_algo are one setting */
			cfg_origin_set(p, vs, "lb_algo", &st->argv[0].loc);
			return 0;
		}
	cfg_perror(p, &st->argv[1].loc,
	    "invalid value '%s' for '%s': expected one of rr, wrr, lc, wlc, "
	    "lblc, lblcr, dh, sh, sed, nq, fo, ovf, mh, twos",
	    st->argv[1].text, k->name);
	return -1;
}

static void
sched_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vs_vs *vs = obj;

	fprintf(f, "%*slb_algo %s\n", indent, "", sched_names[vs->sched]);
}

/*
 * sh-port/mh-port and sh-fallback/mh-fallback are the kernel's flag-2 and
 * flag-1 for the scheduler they name; validate() checks the scheduler.
 */
static int
flag_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_vs *vs = obj;

	if (cfg_want_args(p, st, 0, 0, "") < 0)
		return -1;
	vs->flags |= *(const uint8_t *)k->arg;
	return 0;
}

static void
flag_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const struct vs_vs *vs = obj;
	uint8_t bit = *(const uint8_t *)k->arg;
	const char *name = k->name;

	if (!(vs->flags & bit))
		return;
	/* print each set flag once, under the scheduler's own name */
	if (bit == VS_F_FLAG1 || bit == VS_F_FLAG2) {
		if (vs->sched == VS_SCHED_SH)
			name = bit == VS_F_FLAG1 ? "sh-fallback" : "sh-port";
		else if (vs->sched == VS_SCHED_MH)
			name = bit == VS_F_FLAG1 ? "mh-fallback" : "mh-port";
		else
			name = bit == VS_F_FLAG1 ? "flag-1" : "flag-2";
		if (strcmp(name, k->name) != 0)
			return;
	}
	fprintf(f, "%*s%s\n", indent, "", name);
}

/* NAT|DR|TUN [type ipip|gue|gre] [port N] [nocsum|csum|remcsum] */
static int
get_fwd(struct cfg_parser *p, const struct cfg_stmt *st, struct vs_fwd *out)
{
	static const char *const methods[] = { "NAT", "DR", "TUN", NULL };
	struct vs_fwd fw = { .method = VS_FWD_UNSET };
	bool have_port = false, have_csum = false;
	int i;

	if (cfg_want_args(p, st, 1, -1,
	        "NAT|DR|TUN [type ipip|gue port <PORT>|gre] "
	        "[nocsum|csum|remcsum]") < 0)
		return -1;
	for (i = 0; methods[i] != NULL; i++)
		if (strcmp(st->argv[1].text, methods[i]) == 0)
			fw.method = (uint8_t)(VS_FWD_NAT + i);
	if (fw.method == VS_FWD_UNSET) {
		cfg_perror(p, &st->argv[1].loc,
		    "invalid value '%s' for '%s': expected NAT, DR or TUN",
		    st->argv[1].text, st->argv[0].text);
		return -1;
	}
	if (fw.method != VS_FWD_TUN && st->argc > 2) {
		cfg_perror(p, &st->argv[2].loc,
		    "unexpected '%s': tunnel options are only for TUN",
		    st->argv[2].text);
		return -1;
	}
	for (i = 2; i < st->argc; i++) {
		const char *w = st->argv[i].text;

		if (strcmp(w, "type") == 0 || strcmp(w, "port") == 0) {
			if (i + 1 >= st->argc) {
				cfg_perror(p, &st->argv[i].loc,
				    "'%s' is missing its value", w);
				return -1;
			}
			i++;
			if (w[0] == 'p') {
				if (vs_get_port(
				        p, &st->argv[i], 1, &fw.tun_port) < 0)
					return -1;
				have_port = true;
			} else if (strcmp(st->argv[i].text, "ipip") == 0)
				fw.tun_type = VS_TUN_IPIP;
			else if (strcmp(st->argv[i].text, "gue") == 0)
				fw.tun_type = VS_TUN_GUE;
			else if (strcmp(st->argv[i].text, "gre") == 0)
				fw.tun_type = VS_TUN_GRE;
			else {
				cfg_perror(p, &st->argv[i].loc,
				    "invalid tunnel type '%s': expected "
				    "ipip, gue or gre",
				    st->argv[i].text);
				return -1;
			}
		} else if (strcmp(w, "nocsum") == 0) {
			fw.tun_csum = VS_TUN_NOCSUM;
			have_csum = true;
		} else if (strcmp(w, "csum") == 0) {
			fw.tun_csum = VS_TUN_CSUM;
			have_csum = true;
		} else if (strcmp(w, "remcsum") == 0) {
			fw.tun_csum = VS_TUN_REMCSUM;
			have_csum = true;
		} else {
			cfg_perror(p, &st->argv[i].loc,
			    "invalid tunnel option '%s': expected type, "
			    "port, nocsum, csum or remcsum",
			    w);
			return -1;
		}
	}
	if ((fw.tun_type == VS_TUN_GUE) != have_port) {
		cfg_perror(p, &st->argv[1].loc,
		    "a gue tunnel needs 'port <PORT>', and only gue takes "
		    "a port");
		return -1;
	}
	if (fw.tun_type == VS_TUN_IPIP && have_csum &&
	    fw.tun_csum != VS_TUN_NOCSUM) {
		cfg_perror(p, &st->argv[1].loc,
		    "ipip tunnels take no checksum option");
		return -1;
	}
	if (fw.tun_type == VS_TUN_GRE && fw.tun_csum == VS_TUN_REMCSUM) {
		cfg_perror(
		    p, &st->argv[1].loc, "gre tunnels do not support remcsum");
		return -1;
	}
	*out = fw;
	return 0;
}

static int
fwd_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_fwd fw;

	if (get_fwd(p, st, &fw) < 0)
		return -1;
	memcpy((char *)obj + k->off, &fw, sizeof(fw));
	/* lvs_method in a virtual_server is lb_kind */
	if (k->flags & CFG_F_NODUMP)
		cfg_origin_set(p, obj, "lb_kind", &st->argv[0].loc);
	return 0;
}

static void
print_fwd(FILE *f, const struct vs_fwd *fw)
{
	static const char *const m[] = { "?", "NAT", "DR", "TUN" };
	static const char *const t[] = { "ipip", "gue", "gre" };
	static const char *const c[] = { "nocsum", "csum", "remcsum" };

	fputs(m[fw->method], f);
	if (fw->method != VS_FWD_TUN)
		return;
	fprintf(f, " type %s", t[fw->tun_type]);
	if (fw->tun_type == VS_TUN_GUE)
		fprintf(f, " port %u", fw->tun_port);
	if (fw->tun_csum != VS_TUN_NOCSUM)
		fprintf(f, " %s", c[fw->tun_csum]);
}

static void
fwd_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const struct vs_fwd *fw =
	    (const struct vs_fwd *)((const char *)obj + k->off);

	if (fw->method == VS_FWD_UNSET)
		return;
	fprintf(f, "%*s%s ", indent, "", k->name);
	print_fwd(f, fw);
	fputc('\n', f);
}

/* persistence_timeout [SECONDS]: no value is keepalived's 6 minutes. */
static int
pto_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_vs *vs = obj;
	int64_t v = DEFAULT_PERSISTENCE;

	if (cfg_want_args(p, st, 0, 1, "[<SECONDS>]") < 0)
		return -1;
	if (st->argc == 2 &&
	    cfg_get_int(p, &st->argv[1], 1, LVS_MAX_TIMEOUT, &v) < 0)
		return -1;
	vs->persistence_timeout = (uint32_t)v;
	return 0;
}

/*
 * An IPv4 netmask or an IPv6 prefix length; which one is decided by the
 * service's family in validate() (keepalived guesses from a '.').
 */
static int
pgr_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_vs *vs = obj;
	const struct cfg_token *t;
	int64_t v;

	if (cfg_want_args(p, st, 1, 1, "<NETMASK>|<PREFIXLEN>") < 0)
		return -1;
	t = &st->argv[1];
	vs->granularity_v4.family = AF_UNSPEC;
	vs->granularity_v6 = 0;
	if (strchr(t->text, '.') != NULL) {
		if (inet_pton(AF_INET, t->text, vs->granularity_v4.u.v4) != 1) {
			cfg_perror(p, &t->loc,
			    "invalid persistence_granularity '%s': expected "
			    "an IPv4 netmask",
			    t->text);
			return -1;
		}
		vs->granularity_v4.family = AF_INET;
	} else {
		if (cfg_get_int(p, t, 1, 128, &v) < 0)
			return -1;
		vs->granularity_v6 = (uint8_t)v;
	}
	return 0;
}

static void
pgr_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vs_vs *vs = obj;
	char a[INET6_ADDRSTRLEN];

	if (vs->granularity_v4.family == AF_INET) {
		cfg_addr_str(&vs->granularity_v4, "?", a, sizeof(a));
		fprintf(f, "%*spersistence_granularity %s\n", indent, "", a);
	} else if (vs->granularity_v6 != 0)
		fprintf(f, "%*spersistence_granularity %u\n", indent, "",
		    vs->granularity_v6);
}

static int
proto_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_vs *vs = obj;
	const char *s;

	if (cfg_want_args(p, st, 1, 1, "TCP|UDP|SCTP") < 0)
		return -1;
	s = st->argv[1].text;
	if (strcasecmp(s, "TCP") == 0)
		vs->protocol = IPPROTO_TCP;
	else if (strcasecmp(s, "UDP") == 0)
		vs->protocol = IPPROTO_UDP;
	else if (strcasecmp(s, "SCTP") == 0)
		vs->protocol = IPPROTO_SCTP;
	else {
		cfg_perror(p, &st->argv[1].loc,
		    "invalid value '%s' for 'protocol': expected TCP, UDP or "
		    "SCTP",
		    s);
		return -1;
	}
	return 0;
}

static void
proto_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vs_vs *vs = obj;
	const char *s = vs->protocol == IPPROTO_TCP ? "TCP"
	    : vs->protocol == IPPROTO_UDP           ? "UDP"
	    : vs->protocol == IPPROTO_SCTP          ? "SCTP"
	                                            : NULL;

	if (s != NULL)
		fprintf(f, "%*sprotocol %s\n", indent, "", s);
}

/* A script into an arena struct cfg_script, its pointer at k->off;
   keepalived ignores a second one with an error, vigil refuses it. */
int
vs_script_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	struct cfg_script **slot =
	    (struct cfg_script **)(void *)((char *)obj + k->off);
	struct cfg_script s;

	if (*slot != NULL) {
		cfg_perror(p, &st->argv[0].loc, "'%s' is given twice", k->name);
		return -1;
	}
	if (cfg_get_script(p, st, 1, &s) < 0)
		return -1;
	*slot = cfg_alloc(cfg_parser_config(p), sizeof(s));
	**slot = s;
	return 0;
}

void
vs_script_dump(
    FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const struct cfg_script *s;

	memcpy(&s, (const char *)obj + k->off, sizeof(s));
	cfg_dump_script(f, indent, k->name, s);
}

static int
sorry_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_vs *vs = obj;
	struct vs_rs *rs, *old = vs->sorry;

	rs = new_server(p, st, "<IPADDR> [<PORT>]");
	if (rs == NULL)
		return -1;
	if (old != NULL) {
		/* keep what sorry_server_inhibit / _lvs_method said */
		rs->inhibit_on_failure = old->inhibit_on_failure;
		rs->fwd = old->fwd;
	}
	vs->sorry = rs;
	return 0;
}

static void
sorry_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vs_vs *vs = obj;
	char a[INET6_ADDRSTRLEN];

	if (vs->sorry == NULL)
		return;
	cfg_addr_str(&vs->sorry->addr, "?", a, sizeof(a));
	fprintf(f, "%*ssorry_server %s %u\n", indent, "", a, vs->sorry->port);
}

/* keepalived needs sorry_server first and ignores these otherwise;
   vigil says so as an error. */
static int
sorry_inhibit_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_vs *vs = obj;

	if (cfg_want_args(p, st, 0, 0, "") < 0)
		return -1;
	if (vs->sorry == NULL) {
		cfg_perror(p, &st->argv[0].loc,
		    "'%s' needs a sorry_server before it", st->argv[0].text);
		return -1;
	}
	vs->sorry->inhibit_on_failure = 1;
	return 0;
}

static void
sorry_inhibit_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED,
    const void *obj, int indent)
{
	const struct vs_vs *vs = obj;

	if (vs->sorry != NULL && vs->sorry->inhibit_on_failure == 1)
		fprintf(f, "%*ssorry_server_inhibit\n", indent, "");
}

static int
sorry_fwd_fn(struct cfg_parser *p, const struct cfg_keyword *k CFG_UNUSED,
    const struct cfg_stmt *st, void *obj)
{
	struct vs_vs *vs = obj;

	if (vs->sorry == NULL) {
		cfg_perror(p, &st->argv[0].loc,
		    "'%s' needs a sorry_server before it", st->argv[0].text);
		return -1;
	}
	return get_fwd(p, st, &vs->sorry->fwd);
}

static void
sorry_fwd_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vs_vs *vs = obj;

	if (vs->sorry == NULL)
		return;
	fprintf(f, "%*ssorry_server_lvs_method ", indent, "");
	print_fwd(f, &vs->sorry->fwd);
	fputc('\n', f);
}

/* ---- -d of the lists ---- */

static void
vs_kw_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vs_model *m = cfg_model(obj, CFG_MODEL_VS);
	char hdr[128], name[100];
	size_t i;

	for (i = 0; i < m->vss.n; i++) {
		vs_vs_name(m->vss.v[i], name, sizeof(name));
		snprintf(hdr, sizeof(hdr), "virtual_server %s", name);
		cfg_dump_object(f, &vs_block, hdr, m->vss.v[i], indent);
	}
}

static void
rs_kw_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vs_vs *vs = obj;
	const struct vs_rs *rs;
	char hdr[128], a[INET6_ADDRSTRLEN];

	for (rs = vs->rss; rs != NULL; rs = rs->next) {
		cfg_addr_str(&rs->addr, "?", a, sizeof(a));
		snprintf(hdr, sizeof(hdr), "real_server %s %u", a, rs->port);
		cfg_dump_object(f, &rs_block, hdr, rs, indent);
	}
}

static void
check_kw_dump(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const struct vs_rs *rs = obj;
	const struct vs_check *c;

	for (c = rs->checks; c != NULL; c = c->next) {
		if (&vs_check_blocks[c->type] == k->block)
			cfg_dump_object(f, k->block, k->name, c, indent);
	}
}

/* ---- virtual_server_group ---- */

static void *
vsg_enter(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct config *cfg = obj;
	struct vs_model *m = cfg_model(cfg, CFG_MODEL_VS);
	struct vs_group *g;
	size_t i;

	if (cfg_want_args(p, st, 1, 1, "<NAME> { ... }") < 0)
		return NULL;
	for (i = 0; i < m->groups.n; i++) {
		g = m->groups.v[i];
		if (strcmp(g->name, st->argv[1].text) == 0) {
			cfg_perror(p, &st->argv[1].loc,
			    "virtual_server_group '%s' is defined twice "
			    "(first at %s:%u)",
			    g->name, g->loc.file, g->loc.line);
			return NULL;
		}
	}
	g = cfg_alloc(cfg, sizeof(*g));
	g->name = cfg_strdup(cfg, st->argv[1].text);
	g->loc = cfg_keep_loc(p, &st->argv[0].loc);
	cfg_vec_push(cfg, &m->groups, g);
	return g;
}

/* keepalived drops an empty group, and one mixing both families with
   fwmarks of no family; vigil refuses both. */
static int
vsg_leave(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct vs_group *g = obj;
	const struct vs_group_entry *e;
	bool v4 = false, v6 = false, mark = false;
	size_t i;

	if (g->entries.n == 0) {
		cfg_perror(p, &st->argv[0].loc,
		    "virtual_server_group '%s' has no entries", g->name);
		return -1;
	}
	for (i = 0; i < g->entries.n; i++) {
		e = g->entries.v[i];
		if (e->is_fwmark)
			mark = true;
		else if (e->addr.family == AF_INET)
			v4 = true;
		else
			v6 = true;
	}
	if (v4 && v6 && mark) {
		cfg_perror(p, &st->argv[0].loc,
		    "virtual_server_group '%s' cannot mix IPv4, IPv6 and "
		    "fwmark entries",
		    g->name);
		return -1;
	}
	return 0;
}

/* IP [PORT] | IP-LAST [PORT] | fwmark N */
static int
vsg_item(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct config *cfg = cfg_parser_config(p);
	struct vs_group *g = obj;
	struct vs_group_entry e;
	struct vs_group_entry *ne;
	const struct cfg_token *t = &st->argv[0];
	char buf[INET6_ADDRSTRLEN + 8], *dash, *end;
	struct cfg_token at;
	unsigned long last;
	int64_t v;
	unsigned first;

	memset(&e, 0, sizeof(e));
	e.loc = cfg_keep_loc(p, &t->loc);
	if (strcmp(t->text, "fwmark") == 0) {
		if (st->argc != 2) {
			cfg_perror(p, &t->loc,
			    "expected 'fwmark <INT>' in virtual_server_group");
			return -1;
		}
		if (cfg_get_int(p, &st->argv[1], 1, UINT32_MAX, &v) < 0)
			return -1;
		e.is_fwmark = true;
		e.fwmark = (uint32_t)v;
		goto push;
	}
	if (st->argc > 2) {
		cfg_perror(p, &st->argv[2].loc,
		    "unexpected '%s': expected '<IPADDR>[-<LAST>] [<PORT>]'",
		    st->argv[2].text);
		return -1;
	}
	if (strlen(t->text) >= sizeof(buf)) {
		cfg_perror(p, &t->loc,
		    "invalid address '%s': expected an IPv4 or IPv6 address",
		    t->text);
		return -1;
	}
	strcpy(buf, t->text);
	dash = strrchr(buf, '-');
	if (dash != NULL)
		*dash = '\0';
	at = *t;
	at.text = buf;
	if (cfg_get_addr(p, &at, &e.addr) < 0)
		return -1;
	if (dash != NULL) {
		last =
		    strtoul(dash + 1, &end, e.addr.family == AF_INET ? 10 : 16);
		first = e.addr.family == AF_INET
		    ? e.addr.u.v4[3]
		    : (unsigned)(e.addr.u.v6[14] << 8 | e.addr.u.v6[15]);
		if (dash[1] == '\0' || *end != '\0' || last <= first ||
		    last > (e.addr.family == AF_INET ? 255UL : 0xffffUL)) {
			cfg_perror(p, &t->loc,
			    "invalid address range '%s': the last part "
			    "must be above the first address's and at most "
			    "%s",
			    t->text, e.addr.family == AF_INET ? "255" : "ffff");
			return -1;
		}
		e.range = (uint32_t)(last - first);
	}
	if (st->argc == 2 && vs_get_port(p, &st->argv[1], 0, &e.port) < 0)
		return -1;
push:
	ne = cfg_alloc(cfg, sizeof(*ne));
	*ne = e;
	cfg_vec_push(cfg, &g->entries, ne);
	return 0;
}

static void
vsg_dump(FILE *f, const void *obj, int indent)
{
	const struct vs_group *g = obj;
	const struct vs_group_entry *e;
	char a[INET6_ADDRSTRLEN];
	unsigned last;
	size_t i;

	for (i = 0; i < g->entries.n; i++) {
		e = g->entries.v[i];
		if (e->is_fwmark) {
			fprintf(f, "%*sfwmark %" PRIu32 "\n", indent, "",
			    e->fwmark);
			continue;
		}
		cfg_addr_str(&e->addr, "?", a, sizeof(a));
		fprintf(f, "%*s%s", indent, "", a);
		if (e->range != 0) {
			if (e->addr.family == AF_INET)
				fprintf(f, "-%u",
				    e->addr.u.v4[3] + (unsigned)e->range);
			else {
				last = (unsigned)(e->addr.u.v6[14] << 8 |
				           e->addr.u.v6[15]) +
				    e->range;
				fprintf(f, "-%x", last);
			}
		}
		fprintf(f, " %u\n", e->port);
	}
}

static void
vsg_kw_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vs_model *m = cfg_model(obj, CFG_MODEL_VS);
	const struct vs_group *g;
	char hdr[160];
	size_t i;

	for (i = 0; i < m->groups.n; i++) {
		g = m->groups.v[i];
		snprintf(hdr, sizeof(hdr), "virtual_server_group %s", g->name);
		cfg_dump_object(f, &vsg_block, hdr, g, indent);
	}
}

/* ---- SSL ---- */

/* keepalived replaces an earlier SSL block with an error; vigil merges
   repeated blocks, and a value given twice warns (the last wins). */
static void *
ssl_enter(struct cfg_parser *p, const struct cfg_stmt *st, void *obj)
{
	struct vs_model *m = cfg_model(obj, CFG_MODEL_VS);

	if (cfg_want_args(p, st, 0, 0, "{ ... }") < 0)
		return NULL;
	m->ssl.present = true;
	return &m->ssl;
}

static int
ssl_file_fn(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	return vs_strdup_fn(p, k, st, obj);
}

static void
ssl_kw_dump(FILE *f, const struct cfg_keyword *k CFG_UNUSED, const void *obj,
    int indent)
{
	const struct vs_model *m = cfg_model(obj, CFG_MODEL_VS);

	if (m->ssl.present)
		cfg_dump_object(f, &ssl_block, "SSL", &m->ssl, indent);
}
