/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vs_conf.h: the virtual-server model the checker and IPVS children share. */

#ifndef VIGIL_VS_CONF_H
#define VIGIL_VS_CONF_H

#include "cfg.h"

/*
 * The model of virtual_server, virtual_server_group, real_server, the
 * checkers and SSL (CFG_MODEL_VS).  Every object is plain: fixed fields,
 * strings in the config's arena, no runtime state, so the children can
 * compare an old and a new model on reload.  After validate() every
 * inheritable value is filled in (no sentinel is left in a real server or
 * a checker); the sentinels below only mean "not given" at the level
 * where a value is optional.
 */

#define VS_UNSET_U32 UINT32_MAX
#define VS_UNSET_TIMER UINT64_MAX
#define VS_IFNAMSIZ 16
#define VS_WEIGHT_MAX 65535 /* keepalived's IPVS_WEIGHT_LIMIT */
#define VS_HTTP_STATUS_MIN 100
#define VS_HTTP_STATUS_MAX 599

/* Forwarding method (lb_kind / lvs_method), with TUN's options. */
enum vs_fwd_method {
	VS_FWD_UNSET,
	VS_FWD_NAT,
	VS_FWD_DR,
	VS_FWD_TUN,
};
enum vs_tun_type {
	VS_TUN_IPIP,
	VS_TUN_GUE,
	VS_TUN_GRE,
};
enum vs_tun_csum {
	VS_TUN_NOCSUM,
	VS_TUN_CSUM,
	VS_TUN_REMCSUM,
};
struct vs_fwd {
	uint8_t method; /* enum vs_fwd_method */
	uint8_t tun_type; /* enum vs_tun_type */
	uint8_t tun_csum; /* enum vs_tun_csum */
	uint16_t tun_port; /* gue only */
};

enum vs_check_type {
	VS_CHECK_TCP,
	VS_CHECK_HTTP,
	VS_CHECK_SSL,
	VS_CHECK_MISC,
	VS_CHECK_SMTP,
	VS_CHECK_DNS,
	VS_CHECK_UDP,
	VS_CHECK_PING,
	VS_CHECK_FILE,
	VS_CHECK_BFD,
};

/* One url { } of HTTP_GET / SSL_GET. */
struct vs_url {
	struct vs_url *next; /* the checker's next url, in file order */
	const char *path;
	const char *virtualhost; /* NULL: the checker's */
	const char *regex; /* NULL: none */
	uint8_t digest[16]; /* MD5 */
	bool has_digest;
	bool regex_no_match;
	bool regex_stack_set;
	uint32_t regex_options; /* bits: index in vs_regex_options[] */
	uint32_t regex_min_offset;
	uint32_t regex_max_offset; /* VS_UNSET_U32: none */
	uint32_t regex_stack_start, regex_stack_max;
	/* bit (code - 100) set: the status is a success; 200-299 when none
	   is given */
	uint8_t status[(VS_HTTP_STATUS_MAX - VS_HTTP_STATUS_MIN + 8) / 8];
	struct cfg_loc loc;
};

enum vs_http_proto {
	VS_HTTP_1_0,
	VS_HTTP_1_1,
	VS_HTTP_1_0C,
};

struct vs_http {
	struct vs_url *urls; /* list through ->next */
	const char *virtualhost; /* NULL: the real server's */
	uint8_t http_protocol; /* enum vs_http_proto */
	int8_t enable_sni; /* -1 not given (off), 0, 1 */
	int8_t fast_recovery; /* -1 not given (off), 0, 1 */
	/* SSL_GET verifies the server's certificate: verify_certificate,
	   else global_defs' ssl_verify_certificate, else whether the SSL
	   block names a ca.  -1 not given; filled by validate(). */
	int8_t verify_cert;
	struct cfg_loc loc; /* of the checker's keyword, for warnings */
};

struct vs_misc {
	struct cfg_script *path; /* NULL only while parsing */
	uint64_t timeout; /* usec; filled: the service's delay_loop */
	bool dynamic;
};

/* SMTP_CHECK host { } blocks are further checkers of the same type. */
struct vs_smtp {
	const char *helo_name; /* NULL: the host name */
};

enum vs_dns_type {
	VS_DNS_A,
	VS_DNS_NS,
	VS_DNS_CNAME,
	VS_DNS_SOA,
	VS_DNS_MX,
	VS_DNS_TXT,
	VS_DNS_AAAA,
};
struct vs_dns {
	const char *name; /* NULL: "." */
	uint8_t type; /* enum vs_dns_type, default SOA */
};

struct vs_udp {
	const char *payload; /* hex digits; NULL: none */
	const char *reply; /* require_reply's hex pattern; NULL: any */
	uint32_t min_reply_len, max_reply_len; /* max VS_UNSET_U32: none */
	bool require_reply;
};

struct vs_file {
	const char *track_file; /* name of a global track_file */
	int32_t weight;
	bool reverse;
	bool weight_given; /* false: the track_file's weight and reverse */
};

struct vs_bfd {
	const char *name; /* BFD instance */
};

/* A checker's source options, rarely given: kept aside to keep the
   checker small. */
struct vs_check_src {
	struct cfg_addr bindto; /* AF_UNSPEC: none */
	uint16_t bind_port; /* 0: any */
	uint32_t fwmark; /* socket mark, 0: none */
	const char *bind_if; /* NULL: none */
};

/*
 * A checker: the options common to all types, then the type's own.
 * Identity within its real server: type, connect_ip/port and the type's
 * options (the children compare whole objects).
 */
struct vs_check {
	struct vs_check *next; /* the real server's next checker */
	uint8_t type; /* enum vs_check_type */
	int8_t alpha; /* filled from the real server */
	int8_t log_all_failures; /* filled from global_defs */
	uint16_t connect_port; /* filled: the real server's port */
	struct cfg_addr connect_ip; /* filled: the real server's address */
	uint32_t retry; /* filled: the real server's, or the type's */
	struct vs_check_src *src; /* NULL: no bindto/bind_port/bind_if/fwmark */
	/* usec, all filled from the real server or the type's default */
	uint64_t connect_timeout;
	uint64_t delay_loop;
	uint64_t delay_before_retry;
	uint64_t warmup; /* the checker's delay_loop by default */
	union {
		struct vs_http http; /* HTTP_GET and SSL_GET */
		struct vs_misc misc;
		struct vs_smtp smtp;
		struct vs_dns dns;
		struct vs_udp udp;
		struct vs_file file;
		struct vs_bfd bfd;
	} u;
};

/*
 * A real server's own retry and timers, for its checkers to inherit;
 * most servers leave them to the virtual server (whose values the
 * checkers then take), so they cost nothing there.  Unset fields hold
 * VS_UNSET_U32 / VS_UNSET_TIMER.
 */
struct vs_rs_time {
	uint32_t retry;
	uint64_t connect_timeout; /* usec */
	uint64_t delay_loop;
	uint64_t delay_before_retry;
	uint64_t warmup;
};

/* A real server's options that most do not use. */
struct vs_rs_opt {
	const char *virtualhost; /* NULL: the virtual server's */
	const char *snmp_name; /* NULL: none */
	struct cfg_script *notify_up, *notify_down; /* NULL: none */
	uint32_t uthreshold, lthreshold; /* 0: none */
};

/* real_server IP [PORT]: identity is addr + port within its virtual server. */
struct vs_rs {
	struct cfg_addr addr;
	uint16_t port; /* filled from the virtual server when 0 */
	int8_t inhibit_on_failure; /* filled */
	int8_t alpha; /* filled */
	int8_t smtp_alert; /* filled */
	struct vs_fwd fwd; /* filled from the virtual server */
	uint32_t weight; /* filled: the virtual server's weight */
	struct vs_rs_time *time; /* NULL: its checkers take the service's */
	struct vs_rs *next; /* the virtual server's next real server */
	struct vs_rs_opt *opt; /* NULL: none of its options given */
	struct vs_check *checks; /* list through ->next, in file order */
	struct cfg_loc loc;
};

enum vs_kind {
	VS_ADDR, /* virtual_server IP PORT */
	VS_FWMARK, /* virtual_server fwmark N */
	VS_GROUP, /* virtual_server group NAME */
};

/* The IPVS schedulers, index of lb_algo. */
enum vs_sched {
	VS_SCHED_RR,
	VS_SCHED_WRR,
	VS_SCHED_LC,
	VS_SCHED_WLC,
	VS_SCHED_LBLC,
	VS_SCHED_LBLCR,
	VS_SCHED_DH,
	VS_SCHED_SH,
	VS_SCHED_SED,
	VS_SCHED_NQ,
	VS_SCHED_FO,
	VS_SCHED_OVF,
	VS_SCHED_MH,
	VS_SCHED_TWOS,
};

/* Service flags (ipvsadm's names). */
#define VS_F_OPS 0x01
#define VS_F_FLAG1 0x02 /* sh-fallback / mh-fallback */
#define VS_F_FLAG2 0x04 /* sh-port / mh-port */
#define VS_F_FLAG3 0x08
#define VS_F_HASHED 0x10

/*
 * A virtual server.  Identity: kind + (addr, port, protocol) | fwmark |
 * group name (and, for fwmark and group, ip_family).
 */
struct vs_vs {
	uint8_t kind; /* enum vs_kind */
	uint8_t protocol; /* IPPROTO_TCP/UDP/SCTP; 0 for fwmark */
	uint8_t af; /* AF_INET / AF_INET6; filled */
	uint8_t sched; /* enum vs_sched */
	uint8_t flags; /* VS_F_* */
	struct vs_fwd fwd; /* filled: NAT when not given */
	struct cfg_addr addr;
	uint16_t port;
	uint32_t fwmark;
	const char *group; /* VS_GROUP */
	const struct vs_group *vsg; /* VS_GROUP: resolved by validate() */
	const char *persistence_engine;
	uint32_t persistence_timeout; /* seconds, 0: not persistent */
	struct cfg_addr granularity_v4; /* AF_UNSPEC: none */
	uint8_t granularity_v6; /* prefix length, 0: none */
	bool ha_suspend;
	bool inhibit_on_failure;
	bool alpha, omega;
	int8_t smtp_alert; /* filled from global_defs */
	uint32_t quorum, hysteresis, weight;
	uint32_t retry; /* VS_UNSET_U32: not given */
	uint64_t connect_timeout, delay_loop;
	uint64_t delay_before_retry, warmup; /* VS_UNSET_TIMER: not given */
	const char *virtualhost;
	const char *snmp_name; /* SNMP name of the service, NULL: none */
	struct cfg_script *quorum_up, *quorum_down;
	struct vs_rs *sorry; /* sorry_server, or NULL */
	struct vs_rs *rss; /* list through ->next, in file order */
	uint32_t n_rs;
	struct cfg_loc loc;
	struct cfg_loc af_loc; /* of ip_family, when given */
};

/* One line of a virtual_server_group. */
struct vs_group_entry {
	bool is_fwmark;
	struct cfg_addr addr; /* first address */
	uint32_t range; /* addresses after the first (IP-LAST) */
	uint16_t port;
	uint32_t fwmark;
	struct cfg_loc loc;
};

struct vs_group {
	const char *name;
	struct cfg_vec entries; /* struct vs_group_entry * */
	bool used; /* by some virtual_server group NAME */
	struct cfg_loc loc;
};

/* The top-level SSL { } block (SSL_GET's client context). */
struct vs_ssl {
	bool present;
	const char *password, *ca, *certificate, *key;
};

struct vs_model {
	struct cfg_vec vss; /* struct vs_vs * */
	struct cfg_vec groups; /* struct vs_group * */
	struct vs_ssl ssl;
};

/* Registers virtual_server, virtual_server_group and their blocks. */
void vs_conf_register(void);

/* Human-readable name of a check type ("HTTP_GET"). */
const char *vs_check_name(enum vs_check_type);
/* Prints "192.0.2.1 80", "fwmark 5" or "group NAME" into buf. */
void vs_vs_name(const struct vs_vs *, char *buf, size_t size);

/* ---- internal to core/vs_conf*.c ---- */

extern const char *const vs_regex_options[];
/* The checker blocks, indexed by enum vs_check_type (vs_conf_check.c). */
extern const struct cfg_block vs_check_blocks[];
int vs_tri_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
void vs_tri_dump(FILE *, const struct cfg_keyword *, const void *, int);
int vs_u32_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
void vs_u32_dump(FILE *, const struct cfg_keyword *, const void *, int);
/* As vs_u32_dump, but 0 ("none") is not printed either. */
void vs_u32nz_dump(FILE *, const struct cfg_keyword *, const void *, int);
void vs_timer_dump(FILE *, const struct cfg_keyword *, const void *, int);
int vs_strdup_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
void vs_strp_dump(FILE *, const struct cfg_keyword *, const void *, int);
/*
 * A keyword whose value lives in a sub-structure that obj points to at
 * k->off, allocated (zeroed) on first use; k->arg is a struct vs_sub whose
 * inner keyword (CFG_ADDR or CFG_CUSTOM) fills the sub-structure.
 */
struct vs_sub {
	size_t size;
	struct cfg_keyword inner;
};
int vs_sub_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
void vs_sub_dump(FILE *, const struct cfg_keyword *, const void *, int);
int vs_script_fn(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
void vs_script_dump(FILE *, const struct cfg_keyword *, const void *, int);
int
vs_get_port(struct cfg_parser *, const struct cfg_token *, int min, uint16_t *);
void vs_validate(struct cfg_parser *, struct config *, void *model);
/* Fills an SSL_GET's verify_cert, and warns when it is not verified. */
void vs_ssl_verify_fill(struct cfg_parser *, const struct config *,
    const struct vs_ssl *, struct vs_check *);

#endif
