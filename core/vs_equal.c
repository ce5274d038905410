/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vs_equal.c: ids, equality and reload matching of the virtual-server model. */

#include <sys/socket.h>

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vs_equal.h"

/* The fixed part of a virtual server's key: kind, family tag, IPv6
   address, port, protocol. */
#define KEY_FIXED 24
/* A real or sorry server's key: family tag, IPv6 address, port, the
   sorry server's mark. */
#define RS_KEY_MAX 20

/* A key in a buffer of its own, on the stack unless it is long. */
struct key {
	uint8_t *p;
	size_t n;
	uint8_t small[64];
};

/* A list of the model (checkers, urls): how to walk and compare it. */
struct list_ops {
	const void *(*next)(const void *);
	bool (*eq)(const void *, const void *);
};

struct vs_ent {
	objid_t id;
	const struct vs_vs *vs;
};

struct rs_ent {
	objid_t vsid, id;
	const struct vs_rs *rs;
};

/* One model, indexed: virtual servers by id, real servers by (vsid,
   id). */
struct side {
	struct vs_ent *vs;
	size_t nvs;
	struct rs_ent *rs;
	size_t nrs;
	size_t next_rs; /* the merge's position in rs */
};

struct match {
	vs_change_fn fn;
	void *arg;
	bool ssl_same;
	struct side o, n;
};

/* For vs_validate_ids(): any object that has an id. */
struct id_ent {
	objid_t id;
	const struct vs_vs *vs;
	const struct vs_rs *rs; /* NULL: the virtual server itself */
	bool sorry;
};

static uint8_t fam_tag(int);
static size_t put_addr(uint8_t *, const struct cfg_addr *);
static size_t put_be(uint8_t *, uint32_t, size_t);
static void vs_key(const struct vs_vs *, struct key *);
static void key_free(struct key *);
static size_t rs_key(const struct vs_rs *, bool, uint8_t *);
static bool same_vs(const struct vs_vs *, const struct vs_vs *);
static bool str_eq(const char *, const char *);
static bool addr_eq(const struct cfg_addr *, const struct cfg_addr *);
static bool script_eq(const struct cfg_script *, const struct cfg_script *);
static bool fwd_eq(const struct vs_fwd *, const struct vs_fwd *);
static bool same_set(const void *, const void *, const struct list_ops *);
static const void *check_next(const void *);
static bool check_eq(const void *, const void *);
static const void *url_next(const void *);
static bool url_eq(const void *, const void *);
static bool src_eq(const struct vs_check_src *, const struct vs_check_src *);
static bool target_eq(const struct vs_check *, const struct vs_check *);
static bool no_part(const struct vs_check *, const struct vs_check *);
static bool http_equal(const struct vs_check *, const struct vs_check *);
static bool http_migrate(const struct vs_check *, const struct vs_check *);
static bool misc_equal(const struct vs_check *, const struct vs_check *);
static bool misc_migrate(const struct vs_check *, const struct vs_check *);
static bool smtp_equal(const struct vs_check *, const struct vs_check *);
static bool dns_equal(const struct vs_check *, const struct vs_check *);
static bool udp_equal(const struct vs_check *, const struct vs_check *);
static bool file_equal(const struct vs_check *, const struct vs_check *);
static bool bfd_equal(const struct vs_check *, const struct vs_check *);
static bool time_eq(const struct vs_rs_time *, const struct vs_rs_time *);
static bool opt_eq(const struct vs_rs_opt *, const struct vs_rs_opt *);
static bool rs_own_equal(const struct vs_rs *, const struct vs_rs *);
static int entry_cmp(const void *, const void *);
static void **sorted_copy(const struct cfg_vec *);
static bool service_eq(const struct vs_vs *, const struct vs_vs *);
static bool checking_eq(const struct vs_vs *, const struct vs_vs *);
static bool has_type(const struct vs_rs *, enum vs_check_type);
static const char *rs_vhost(const struct vs_rs *);
static bool uses_rs_vhost(const struct vs_check *);
static int id_cmp(const void *, const void *);
static int rs_ent_cmp(const void *, const void *);
static int index_model(const struct vs_model *, struct side *);
static void merge(struct match *);
static void
report_vs(struct match *, const struct vs_ent *, const struct vs_ent *);
static void match_rs(struct match *, const struct vs_change *);
static void report_rs(struct match *, const struct vs_change *,
    const struct rs_ent *, const struct rs_ent *);
static bool all_sourced(const struct vs_change *);
static void *xcalloc(size_t, size_t);
static size_t count_rs(const struct vs_model *);
static void
collide(struct cfg_parser *, const struct id_ent *, const struct id_ent *);
static void describe(const struct id_ent *, char *, size_t);

static const struct list_ops check_list = { check_next, check_eq };
static const struct list_ops url_list = { url_next, url_eq };

const struct vs_check_ops vs_check_ops[VS_CHECK_NTYPES] = {
	[VS_CHECK_TCP] = { no_part, no_part },
	[VS_CHECK_HTTP] = { http_equal, http_migrate },
	[VS_CHECK_SSL] = { http_equal, http_migrate },
	[VS_CHECK_MISC] = { misc_equal, misc_migrate },
	/* every option of these is part of what they ask */
	[VS_CHECK_SMTP] = { smtp_equal, smtp_equal },
	[VS_CHECK_DNS] = { dns_equal, dns_equal },
	[VS_CHECK_UDP] = { udp_equal, udp_equal },
	[VS_CHECK_PING] = { no_part, no_part },
	[VS_CHECK_FILE] = { file_equal, file_equal },
	[VS_CHECK_BFD] = { bfd_equal, bfd_equal },
};

/* ---- ids ---- */

/* AF_* values are the host's: a key uses 4 and 6. */
static uint8_t
fam_tag(int af)
{
	return af == AF_INET ? 4 : af == AF_INET6 ? 6 : 0;
}

static size_t
put_addr(uint8_t *p, const struct cfg_addr *a)
{
	size_t n = a->family == AF_INET6 ? 16 : a->family == AF_INET ? 4 : 0;

	p[0] = fam_tag(a->family);
	memcpy(p + 1, &a->u, n);
	return 1 + n;
}

/* Big-endian, so that a key does not depend on the host. */
static size_t
put_be(uint8_t *p, uint32_t v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * (n - 1 - i)));
	return n;
}

/* The identity vs_validate()'s vs_cmp() orders by, as bytes. */
static void
vs_key(const struct vs_vs *vs, struct key *k)
{
	uint8_t f[KEY_FIXED];
	size_t n = 0, name = 0;

	f[n++] = vs->kind;
	switch (vs->kind) {
	case VS_FWMARK:
		n += put_be(f + n, vs->fwmark, 4);
		f[n++] = fam_tag(vs->af);
		break;
	case VS_GROUP:
		f[n++] = fam_tag(vs->af);
		name = strlen(vs->group);
		break;
	default:
		n += put_addr(f + n, &vs->addr);
		n += put_be(f + n, vs->port, 2);
		f[n++] = vs->protocol;
		break;
	}
	k->n = n + name;
	k->p = k->n <= sizeof(k->small) ? k->small : xcalloc(1, k->n);
	memcpy(k->p, f, n);
	if (name > 0)
		memcpy(k->p + n, vs->group, name);
}

static void
key_free(struct key *k)
{
	if (k->p != k->small)
		free(k->p);
}

objid_t
vs_id(const struct vs_vs *vs)
{
	struct key k;
	objid_t id;

	vs_key(vs, &k);
	id = objid_make(OBJ_VS, k.p, k.n);
	key_free(&k);
	return id;
}

/* A sorry server's key has one more byte: it is no real server. */
static size_t
rs_key(const struct vs_rs *rs, bool sorry, uint8_t *buf)
{
	size_t n = put_addr(buf, &rs->addr);

	n += put_be(buf + n, rs->port, 2);
	if (sorry)
		buf[n++] = 'S';
	return n;
}

objid_t
vs_rs_id(objid_t vsid, const struct vs_rs *rs)
{
	uint8_t k[RS_KEY_MAX];

	return objid_child(OBJ_RS, vsid, k, rs_key(rs, false, k));
}

objid_t
vs_sorry_id(objid_t vsid, const struct vs_rs *rs)
{
	uint8_t k[RS_KEY_MAX];

	return objid_child(OBJ_RS, vsid, k, rs_key(rs, true, k));
}

static bool
same_vs(const struct vs_vs *a, const struct vs_vs *b)
{
	struct key ka, kb;
	bool same;

	vs_key(a, &ka);
	vs_key(b, &kb);
	same = ka.n == kb.n && memcmp(ka.p, kb.p, ka.n) == 0;
	key_free(&ka);
	key_free(&kb);
	return same;
}

/* ---- values ---- */

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool
addr_eq(const struct cfg_addr *a, const struct cfg_addr *b)
{
	return cfg_addr_cmp(a, b) == 0;
}

/* No script and a script without a command are the same. */
static bool
script_eq(const struct cfg_script *a, const struct cfg_script *b)
{
	static const struct cfg_script none;

	a = a != NULL ? a : &none;
	b = b != NULL ? b : &none;
	return str_eq(a->cmd, b->cmd) && str_eq(a->user, b->user) &&
	    str_eq(a->group, b->group);
}

static bool
fwd_eq(const struct vs_fwd *a, const struct vs_fwd *b)
{
	return a->method == b->method && a->tun_type == b->tun_type &&
	    a->tun_csum == b->tun_csum && a->tun_port == b->tun_port;
}

/*
 * Whether two lists hold equal elements, in any order: the same list
 * written in another order checks the same.  Lists are short (a real
 * server's checkers, a checker's urls), so after the common case of the
 * same order comes a quadratic match; beyond 64 elements only the same
 * order counts.  eq must be an equivalence, so a greedy match is exact.
 */
static bool
same_set(const void *a, const void *b, const struct list_ops *ops)
{
	const void *x, *y;
	uint64_t used = 0;
	size_t i, na = 0, nb = 0;

	for (x = a, y = b; x != NULL && y != NULL;
	     x = ops->next(x), y = ops->next(y))
		if (!ops->eq(x, y))
			break;
	if (x == NULL && y == NULL)
		return true;
	for (x = a; x != NULL; x = ops->next(x))
		na++;
	for (y = b; y != NULL; y = ops->next(y))
		nb++;
	if (na != nb || na > 64)
		return false;
	for (y = b; y != NULL; y = ops->next(y)) {
		for (x = a, i = 0; x != NULL; x = ops->next(x), i++)
			if (!(used >> i & 1) && ops->eq(x, y))
				break;
		if (x == NULL)
			return false;
		used |= (uint64_t)1 << i;
	}
	return true;
}

static const void *
check_next(const void *c)
{
	return ((const struct vs_check *)c)->next;
}

static bool
check_eq(const void *a, const void *b)
{
	return vs_check_equal(a, b);
}

static const void *
url_next(const void *u)
{
	return ((const struct vs_url *)u)->next;
}

/* Every field of a url is part of what the checker asks. */
static bool
url_eq(const void *x, const void *y)
{
	const struct vs_url *a = x, *b = y;

	return str_eq(a->path, b->path) &&
	    str_eq(a->virtualhost, b->virtualhost) &&
	    str_eq(a->regex, b->regex) && a->has_digest == b->has_digest &&
	    memcmp(a->digest, b->digest, sizeof(a->digest)) == 0 &&
	    a->regex_no_match == b->regex_no_match &&
	    a->regex_options == b->regex_options &&
	    a->regex_min_offset == b->regex_min_offset &&
	    a->regex_max_offset == b->regex_max_offset &&
	    a->regex_stack_set == b->regex_stack_set &&
	    a->regex_stack_start == b->regex_stack_start &&
	    a->regex_stack_max == b->regex_stack_max &&
	    memcmp(a->status, b->status, sizeof(a->status)) == 0;
}

/* ---- checkers ---- */

static bool
src_eq(const struct vs_check_src *a, const struct vs_check_src *b)
{
	static const struct vs_check_src none;

	a = a != NULL ? a : &none;
	b = b != NULL ? b : &none;
	return addr_eq(&a->bindto, &b->bindto) &&
	    a->bind_port == b->bind_port && a->fwmark == b->fwmark &&
	    str_eq(a->bind_if, b->bind_if);
}

/* Where a checker connects to and from: what its result is about. */
static bool
target_eq(const struct vs_check *a, const struct vs_check *b)
{
	return a->connect_port == b->connect_port &&
	    addr_eq(&a->connect_ip, &b->connect_ip) && src_eq(a->src, b->src);
}

bool
vs_check_equal(const struct vs_check *a, const struct vs_check *b)
{
	if (a->type != b->type || a->type >= VS_CHECK_NTYPES)
		return false;
	return target_eq(a, b) && a->alpha == b->alpha &&
	    a->log_all_failures == b->log_all_failures &&
	    a->retry == b->retry && a->connect_timeout == b->connect_timeout &&
	    a->delay_loop == b->delay_loop &&
	    a->delay_before_retry == b->delay_before_retry &&
	    a->warmup == b->warmup && vs_check_ops[a->type].equal(a, b);
}

/* Timing, retries, alpha and logging change when, not what, it asks. */
bool
vs_check_migrate(const struct vs_check *old, const struct vs_check *new)
{
	if (old->type != new->type || old->type >= VS_CHECK_NTYPES)
		return false;
	return target_eq(old, new) && vs_check_ops[old->type].migrate(old, new);
}

/* TCP_CHECK and PING_CHECK have nothing but the common fields. */
static bool
no_part(
    const struct vs_check *a CFG_UNUSED, const struct vs_check *b CFG_UNUSED)
{
	return true;
}

/* fast_recovery only changes how soon a failed server is retried. */
static bool
http_equal(const struct vs_check *a, const struct vs_check *b)
{
	return a->u.http.enable_sni == b->u.http.enable_sni &&
	    a->u.http.fast_recovery == b->u.http.fast_recovery &&
	    http_migrate(a, b);
}

static bool
http_migrate(const struct vs_check *old, const struct vs_check *new)
{
	const struct vs_http *a = &old->u.http, *b = &new->u.http;

	/* SNI chooses the certificate the server presents; plain HTTP
	   ignores it */
	if (old->type == VS_CHECK_SSL &&
	    ((a->enable_sni > 0) != (b->enable_sni > 0) ||
	        a->verify_cert != b->verify_cert))
		return false;
	return str_eq(a->virtualhost, b->virtualhost) &&
	    a->http_protocol == b->http_protocol &&
	    same_set(a->urls, b->urls, &url_list);
}

static bool
misc_equal(const struct vs_check *a, const struct vs_check *b)
{
	return a->u.misc.timeout == b->u.misc.timeout && misc_migrate(a, b);
}

/* The script and how its exit code is read; its timeout is timing. */
static bool
misc_migrate(const struct vs_check *old, const struct vs_check *new)
{
	return script_eq(old->u.misc.path, new->u.misc.path) &&
	    old->u.misc.dynamic == new->u.misc.dynamic;
}

static bool
smtp_equal(const struct vs_check *a, const struct vs_check *b)
{
	return str_eq(a->u.smtp.helo_name, b->u.smtp.helo_name);
}

static bool
dns_equal(const struct vs_check *a, const struct vs_check *b)
{
	return a->u.dns.type == b->u.dns.type &&
	    str_eq(a->u.dns.name, b->u.dns.name);
}

static bool
udp_equal(const struct vs_check *a, const struct vs_check *b)
{
	const struct vs_udp *x = &a->u.udp, *y = &b->u.udp;

	return str_eq(x->payload, y->payload) && str_eq(x->reply, y->reply) &&
	    x->require_reply == y->require_reply &&
	    x->min_reply_len == y->min_reply_len &&
	    x->max_reply_len == y->max_reply_len;
}

/* The weight is FILE_CHECK's result, not a setting around it. */
static bool
file_equal(const struct vs_check *a, const struct vs_check *b)
{
	return str_eq(a->u.file.track_file, b->u.file.track_file) &&
	    a->u.file.weight == b->u.file.weight &&
	    a->u.file.reverse == b->u.file.reverse &&
	    a->u.file.weight_given == b->u.file.weight_given;
}

static bool
bfd_equal(const struct vs_check *a, const struct vs_check *b)
{
	return str_eq(a->u.bfd.name, b->u.bfd.name);
}

/* ---- real servers, groups, virtual servers, SSL ---- */

/* No time block and one with every value unset are the same. */
static bool
time_eq(const struct vs_rs_time *a, const struct vs_rs_time *b)
{
	static const struct vs_rs_time unset = { VS_UNSET_U32, VS_UNSET_TIMER,
		VS_UNSET_TIMER, VS_UNSET_TIMER, VS_UNSET_TIMER };

	a = a != NULL ? a : &unset;
	b = b != NULL ? b : &unset;
	return a->retry == b->retry &&
	    a->connect_timeout == b->connect_timeout &&
	    a->delay_loop == b->delay_loop &&
	    a->delay_before_retry == b->delay_before_retry &&
	    a->warmup == b->warmup;
}

static bool
opt_eq(const struct vs_rs_opt *a, const struct vs_rs_opt *b)
{
	static const struct vs_rs_opt none;

	a = a != NULL ? a : &none;
	b = b != NULL ? b : &none;
	return str_eq(a->virtualhost, b->virtualhost) &&
	    str_eq(a->snmp_name, b->snmp_name) &&
	    script_eq(a->notify_up, b->notify_up) &&
	    script_eq(a->notify_down, b->notify_down) &&
	    a->uthreshold == b->uthreshold && a->lthreshold == b->lthreshold;
}

/* Everything of a real or sorry server but its checkers. */
static bool
rs_own_equal(const struct vs_rs *a, const struct vs_rs *b)
{
	return addr_eq(&a->addr, &b->addr) && a->port == b->port &&
	    a->inhibit_on_failure == b->inhibit_on_failure &&
	    a->alpha == b->alpha && a->smtp_alert == b->smtp_alert &&
	    fwd_eq(&a->fwd, &b->fwd) && a->weight == b->weight &&
	    time_eq(a->time, b->time) && opt_eq(a->opt, b->opt);
}

bool
vs_rs_equal(const struct vs_rs *a, const struct vs_rs *b)
{
	return rs_own_equal(a, b) &&
	    same_set(a->checks, b->checks, &check_list);
}

bool
vs_sorry_equal(const struct vs_rs *a, const struct vs_rs *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return rs_own_equal(a, b);
}

/* A total order of group entries, for comparing them as sets. */
static int
entry_cmp(const void *x, const void *y)
{
	const struct vs_group_entry *a =
	    *(const struct vs_group_entry *const *)x;
	const struct vs_group_entry *b =
	    *(const struct vs_group_entry *const *)y;
	int c;

	if (a->is_fwmark != b->is_fwmark)
		return a->is_fwmark ? 1 : -1;
	if (a->fwmark != b->fwmark)
		return a->fwmark < b->fwmark ? -1 : 1;
	c = cfg_addr_cmp(&a->addr, &b->addr);
	if (c != 0)
		return c;
	if (a->range != b->range)
		return a->range < b->range ? -1 : 1;
	return a->port < b->port ? -1 : a->port > b->port;
}

static void **
sorted_copy(const struct cfg_vec *v)
{
	void **c = xcalloc(v->n, sizeof(*c));

	memcpy(c, v->v, v->n * sizeof(*c));
	qsort(c, v->n, sizeof(*c), entry_cmp);
	return c;
}

/* Entries in another order make the same services. */
bool
vs_group_equal(const struct vs_group *a, const struct vs_group *b)
{
	void **x, **y;
	size_t i;

	if (a == NULL || b == NULL)
		return a == b;
	if (strcmp(a->name, b->name) != 0 || a->entries.n != b->entries.n)
		return false;
	for (i = 0; i < a->entries.n; i++)
		if (entry_cmp(&a->entries.v[i], &b->entries.v[i]) != 0)
			break;
	if (i == a->entries.n)
		return true;
	x = sorted_copy(&a->entries);
	y = sorted_copy(&b->entries);
	for (i = 0; i < a->entries.n; i++)
		if (entry_cmp(&x[i], &y[i]) != 0)
			break;
	free(x);
	free(y);
	return i == a->entries.n;
}

/* What the IPVS service is made of. */
static bool
service_eq(const struct vs_vs *a, const struct vs_vs *b)
{
	return a->kind == b->kind && a->protocol == b->protocol &&
	    a->af == b->af && a->sched == b->sched && a->flags == b->flags &&
	    fwd_eq(&a->fwd, &b->fwd) && addr_eq(&a->addr, &b->addr) &&
	    a->port == b->port && a->fwmark == b->fwmark &&
	    str_eq(a->group, b->group) &&
	    str_eq(a->persistence_engine, b->persistence_engine) &&
	    a->persistence_timeout == b->persistence_timeout &&
	    addr_eq(&a->granularity_v4, &b->granularity_v4) &&
	    a->granularity_v6 == b->granularity_v6 &&
	    a->ha_suspend == b->ha_suspend;
}

/* What the checker child does with the service: quorum, defaults. */
static bool
checking_eq(const struct vs_vs *a, const struct vs_vs *b)
{
	return a->inhibit_on_failure == b->inhibit_on_failure &&
	    a->alpha == b->alpha && a->omega == b->omega &&
	    a->smtp_alert == b->smtp_alert && a->quorum == b->quorum &&
	    a->hysteresis == b->hysteresis && a->weight == b->weight &&
	    a->retry == b->retry && a->connect_timeout == b->connect_timeout &&
	    a->delay_loop == b->delay_loop &&
	    a->delay_before_retry == b->delay_before_retry &&
	    a->warmup == b->warmup && str_eq(a->virtualhost, b->virtualhost) &&
	    str_eq(a->snmp_name, b->snmp_name) &&
	    script_eq(a->quorum_up, b->quorum_up) &&
	    script_eq(a->quorum_down, b->quorum_down);
}

bool
vs_vs_equal(const struct vs_vs *a, const struct vs_vs *b)
{
	return service_eq(a, b) && checking_eq(a, b) &&
	    vs_sorry_equal(a->sorry, b->sorry) &&
	    (a->kind != VS_GROUP || vs_group_equal(a->vsg, b->vsg));
}

bool
vs_ssl_equal(const struct vs_ssl *a, const struct vs_ssl *b)
{
	return a->present == b->present && str_eq(a->password, b->password) &&
	    str_eq(a->ca, b->ca) && str_eq(a->certificate, b->certificate) &&
	    str_eq(a->key, b->key);
}

/* ---- classes ---- */

const char *
vs_class_name(enum vs_class c)
{
	switch (c) {
	case VS_SAME:
		return "same";
	case VS_CHANGED:
		return "changed";
	case VS_NEW:
		return "new";
	case VS_REMOVED:
		return "removed";
	}
	return "?";
}

enum vs_class
vs_vs_class(const struct vs_vs *old, const struct vs_vs *new)
{
	if (old == NULL)
		return VS_NEW;
	if (new == NULL)
		return VS_REMOVED;
	return vs_vs_equal(old, new) ? VS_SAME : VS_CHANGED;
}

static bool
has_type(const struct vs_rs *rs, enum vs_check_type t)
{
	const struct vs_check *c;

	for (c = rs->checks; c != NULL; c = c->next)
		if (c->type == t)
			return true;
	return false;
}

enum vs_class
vs_rs_class(const struct vs_rs *old, const struct vs_rs *new, bool ssl_same)
{
	if (old == NULL)
		return VS_NEW;
	if (new == NULL)
		return VS_REMOVED;
	if (!vs_rs_equal(old, new))
		return VS_CHANGED;
	/* the SSL block is part of every SSL_GET's question */
	if (!ssl_same && has_type(new, VS_CHECK_SSL))
		return VS_CHANGED;
	return VS_SAME;
}

/* ---- health carried over ---- */

static const char *
rs_vhost(const struct vs_rs *rs)
{
	return rs->opt != NULL ? rs->opt->virtualhost : NULL;
}

/* Whether some url of an HTTP or SSL checker sends its real server's
   virtualhost: it names neither its own nor the checker's. */
static bool
uses_rs_vhost(const struct vs_check *c)
{
	const struct vs_url *u;

	if (c->u.http.virtualhost != NULL)
		return false;
	for (u = c->u.http.urls; u != NULL; u = u->next)
		if (u->virtualhost == NULL)
			return true;
	return false;
}

const struct vs_check *
vs_check_source(const struct vs_change *ch, const struct vs_check *nc)
{
	const struct vs_check *oc, *found = NULL;

	if (ch->old_rs == NULL || ch->new_rs == NULL)
		return NULL;
	if (nc->type == VS_CHECK_SSL && !ch->ssl_same)
		return NULL;
	if ((nc->type == VS_CHECK_HTTP || nc->type == VS_CHECK_SSL) &&
	    uses_rs_vhost(nc) &&
	    !str_eq(rs_vhost(ch->old_rs), rs_vhost(ch->new_rs)))
		return NULL;
	for (oc = ch->old_rs->checks; oc != NULL; oc = oc->next) {
		if (vs_check_equal(oc, nc))
			return oc;
		if (found == NULL && vs_check_migrate(oc, nc))
			found = oc;
	}
	return found;
}

static bool
all_sourced(const struct vs_change *ch)
{
	const struct vs_check *c;

	for (c = ch->new_rs->checks; c != NULL; c = c->next)
		if (vs_check_source(ch, c) == NULL)
			return false;
	return true;
}

/* ---- matching ---- */

static int
id_cmp(const void *x, const void *y)
{
	objid_t a = *(const objid_t *)x, b = *(const objid_t *)y;

	return a < b ? -1 : a > b;
}

static int
rs_ent_cmp(const void *x, const void *y)
{
	const struct rs_ent *a = x, *b = y;

	if (a->vsid != b->vsid)
		return a->vsid < b->vsid ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

static size_t
count_rs(const struct vs_model *m)
{
	const struct vs_vs *vs;
	const struct vs_rs *rs;
	size_t i, n = 0;

	for (i = 0; i < m->vss.n; i++) {
		vs = m->vss.v[i];
		for (rs = vs->rss; rs != NULL; rs = rs->next)
			n++;
	}
	return n;
}

/* Sorts a model's objects by id; -1 when two share one. */
static int
index_model(const struct vs_model *m, struct side *s)
{
	const struct vs_rs *rs;
	size_t i;

	s->nvs = m->vss.n;
	s->vs = xcalloc(s->nvs, sizeof(*s->vs));
	s->rs = xcalloc(count_rs(m), sizeof(*s->rs));
	for (i = 0; i < s->nvs; i++) {
		s->vs[i].vs = m->vss.v[i];
		s->vs[i].id = vs_id(s->vs[i].vs);
		for (rs = s->vs[i].vs->rss; rs != NULL; rs = rs->next)
			s->rs[s->nrs++] = (struct rs_ent){ s->vs[i].id,
				vs_rs_id(s->vs[i].id, rs), rs };
	}
	/* id is the first member of both entries */
	qsort(s->vs, s->nvs, sizeof(*s->vs), id_cmp);
	qsort(s->rs, s->nrs, sizeof(*s->rs), rs_ent_cmp);
	for (i = 1; i < s->nvs; i++)
		if (s->vs[i - 1].id == s->vs[i].id)
			return -1;
	for (i = 1; i < s->nrs; i++)
		if (rs_ent_cmp(&s->rs[i - 1], &s->rs[i]) == 0)
			return -1;
	return 0;
}

int
vs_match(const struct vs_model *old, const struct vs_model *new,
    vs_change_fn fn, void *arg)
{
	struct match mt;
	int rc = -1;

	memset(&mt, 0, sizeof(mt));
	mt.fn = fn;
	mt.arg = arg;
	mt.ssl_same = vs_ssl_equal(&old->ssl, &new->ssl);
	if (index_model(old, &mt.o) == 0 && index_model(new, &mt.n) == 0) {
		merge(&mt);
		rc = 0;
	}
	free(mt.o.vs);
	free(mt.o.rs);
	free(mt.n.vs);
	free(mt.n.rs);
	return rc;
}

/* Both sides in id order: each id is old only, new only, or both. */
static void
merge(struct match *mt)
{
	const struct side *o = &mt->o, *n = &mt->n;
	size_t i = 0, j = 0;

	while (i < o->nvs || j < n->nvs) {
		if (j == n->nvs || (i < o->nvs && o->vs[i].id < n->vs[j].id))
			report_vs(mt, &o->vs[i++], NULL);
		else if (i == o->nvs || n->vs[j].id < o->vs[i].id)
			report_vs(mt, NULL, &n->vs[j++]);
		else
			report_vs(mt, &o->vs[i++], &n->vs[j++]);
	}
}

static void
report_vs(struct match *mt, const struct vs_ent *o, const struct vs_ent *n)
{
	struct vs_change ch;

	memset(&ch, 0, sizeof(ch));
	ch.old_vs = o != NULL ? o->vs : NULL;
	ch.new_vs = n != NULL ? n->vs : NULL;
	ch.class = vs_vs_class(ch.old_vs, ch.new_vs);
	ch.id = ch.vs_id = o != NULL ? o->id : n->id;
	ch.ssl_same = mt->ssl_same;
	mt->fn(&ch, mt->arg);
	match_rs(mt, &ch);
}

/*
 * Real servers are sorted by their virtual server's id first, so those
 * of the virtual server just reported are the next run on each side
 * (an empty one on the side it is missing from).
 */
static void
match_rs(struct match *mt, const struct vs_change *vsch)
{
	struct side *o = &mt->o, *n = &mt->n;
	const struct rs_ent *a, *b;
	objid_t vsid = vsch->vs_id;

	for (;;) {
		a = o->next_rs < o->nrs && o->rs[o->next_rs].vsid == vsid
		    ? &o->rs[o->next_rs]
		    : NULL;
		b = n->next_rs < n->nrs && n->rs[n->next_rs].vsid == vsid
		    ? &n->rs[n->next_rs]
		    : NULL;
		if (a == NULL && b == NULL)
			break;
		if (a != NULL && b != NULL && a->id != b->id) {
			if (a->id < b->id)
				b = NULL;
			else
				a = NULL;
		}
		o->next_rs += a != NULL;
		n->next_rs += b != NULL;
		report_rs(mt, vsch, a, b);
	}
}

static void
report_rs(struct match *mt, const struct vs_change *vsch,
    const struct rs_ent *a, const struct rs_ent *b)
{
	struct vs_change ch = *vsch;

	ch.old_rs = a != NULL ? a->rs : NULL;
	ch.new_rs = b != NULL ? b->rs : NULL;
	ch.id = a != NULL ? a->id : b->id;
	ch.class = vs_rs_class(ch.old_rs, ch.new_rs, mt->ssl_same);
	ch.migrate =
	    ch.class == VS_SAME || (ch.class == VS_CHANGED && all_sourced(&ch));
	mt->fn(&ch, mt->arg);
}

/* The model's memory is small next to what fails without it. */
static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n != 0 ? n : 1, size);

	if (p == NULL)
		abort();
	return p;
}

/* ---- one id, one object ---- */

void
vs_validate_ids(struct cfg_parser *p, const struct vs_model *m)
{
	struct id_ent *e;
	const struct vs_vs *vs;
	const struct vs_rs *rs;
	size_t i, n = 0, nvs = m->vss.n, nrs = count_rs(m) + nvs;

	e = xcalloc(nvs + nrs, sizeof(*e));
	for (i = 0; i < nvs; i++) {
		vs = m->vss.v[i];
		e[i] = (struct id_ent){ vs_id(vs), vs, NULL, false };
	}
	n = nvs;
	for (i = 0; i < nvs; i++) {
		vs = e[i].vs;
		for (rs = vs->rss; rs != NULL; rs = rs->next)
			e[n++] = (struct id_ent){ vs_rs_id(e[i].id, rs), vs, rs,
				false };
		if (vs->sorry != NULL)
			e[n++] =
			    (struct id_ent){ vs_sorry_id(e[i].id, vs->sorry),
				    vs, vs->sorry, true };
	}
	qsort(e, nvs, sizeof(*e), id_cmp);
	qsort(e + nvs, n - nvs, sizeof(*e), id_cmp);
	for (i = 1; i < n; i++)
		if (i != nvs && e[i - 1].id == e[i].id)
			collide(p, &e[i - 1], &e[i]);
	free(e);
}

/*
 * Two objects of one id.  The same identity twice was reported by the
 * duplicate checks already; anything else is a hash collision, which
 * would mix up the two objects in messages.
 */
static void
collide(struct cfg_parser *p, const struct id_ent *a, const struct id_ent *b)
{
	uint8_t ka[RS_KEY_MAX], kb[RS_KEY_MAX];
	char na[256], nb[256];
	size_t la, lb;

	if (same_vs(a->vs, b->vs)) {
		if (a->rs == NULL)
			return;
		la = rs_key(a->rs, a->sorry, ka);
		lb = rs_key(b->rs, b->sorry, kb);
		if (la == lb && memcmp(ka, kb, la) == 0)
			return;
	}
	describe(a, na, sizeof(na));
	describe(b, nb, sizeof(nb));
	cfg_perror(p, b->rs != NULL ? &b->rs->loc : &b->vs->loc,
	    "%s has the same 64-bit id as %s (a hash collision): change "
	    "either",
	    nb, na);
}

static void
describe(const struct id_ent *e, char *buf, size_t size)
{
	char vs[128], a[INET6_ADDRSTRLEN];

	vs_vs_name(e->vs, vs, sizeof(vs));
	if (e->rs == NULL) {
		snprintf(buf, size, "virtual_server %s", vs);
		return;
	}
	cfg_addr_str(&e->rs->addr, "?", a, sizeof(a));
	snprintf(buf, size, "%s %s %u of virtual_server %s",
	    e->sorry ? "sorry_server" : "real_server", a, e->rs->port, vs);
}
