/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_vs_conf.c: unit tests of the vs_conf keyword tables and model. */

#include <sys/socket.h>

#include <netinet/in.h>
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

#define SEC ((uint64_t)1000000)

static struct vs_vs *
vs_at(struct config *cfg, size_t i)
{
	struct vs_model *m = cfg_model(cfg, CFG_MODEL_VS);

	assert_true(i < m->vss.n);
	return m->vss.v[i];
}

static struct vs_rs *
rs_at(struct vs_vs *vs, size_t i)
{
	struct vs_rs *rs = vs->rss;

	for (; rs != NULL && i > 0; i--)
		rs = rs->next;
	assert_non_null(rs);
	return rs;
}

static struct vs_check *
ck_at(struct vs_rs *rs, size_t i)
{
	struct vs_check *c = rs->checks;

	for (; c != NULL && i > 0; i--)
		c = c->next;
	assert_non_null(c);
	return c;
}

static bool
status_has(const struct vs_url *u, int code)
{
	int b = code - VS_HTTP_STATUS_MIN;

	return (u->status[b / 8] >> (b % 8)) & 1;
}

/* A one-real-server service around a real_server body (lines 4+). */
#define VS_HEAD \
	"virtual_server 192.0.2.1 80 {\n" \
	"    protocol TCP\n" \
	"    real_server 192.0.2.10 80 {\n"
#define VS_TAIL \
	"    }\n" \
	"}\n"

/* ---- virtual_server ---- */

static void
test_minimal_defaults(void **state)
{
	struct config *cfg;
	struct vs_vs *vs;
	struct vs_rs *rs;
	struct vs_check *c;

	(void)state;
	cfg = parse_ok(VS_HEAD "        TCP_CHECK {\n        }\n" VS_TAIL);
	vs = vs_at(cfg, 0);
	assert_int_equal(vs->kind, VS_ADDR);
	assert_int_equal(vs->port, 80);
	assert_int_equal(vs->af, AF_INET);
	assert_int_equal(vs->protocol, IPPROTO_TCP);
	assert_int_equal(vs->sched, VS_SCHED_WLC);
	assert_int_equal(vs->fwd.method, VS_FWD_NAT);
	assert_int_equal(vs->delay_loop, 60 * SEC);
	assert_int_equal(vs->connect_timeout, 5 * SEC);
	assert_int_equal(vs->quorum, 1);
	assert_int_equal(vs->smtp_alert, 0);
	rs = rs_at(vs, 0);
	assert_int_equal(rs->weight, 1);
	assert_int_equal(rs->fwd.method, VS_FWD_NAT);
	assert_int_equal(rs->inhibit_on_failure, 0);
	assert_int_equal(rs->smtp_alert, 1);
	c = ck_at(rs, 0);
	assert_int_equal(c->type, VS_CHECK_TCP);
	assert_int_equal(c->connect_ip.family, AF_INET);
	assert_memory_equal(c->connect_ip.u.v4, rs->addr.u.v4, 4);
	assert_int_equal(c->connect_port, 80);
	assert_int_equal(c->connect_timeout, 5 * SEC);
	assert_int_equal(c->delay_loop, 60 * SEC);
	assert_int_equal(c->warmup, 60 * SEC);
	assert_int_equal(c->retry, 1);
	assert_int_equal(c->delay_before_retry, 1 * SEC);
	assert_int_equal(c->alpha, 0);
	assert_int_equal(diag.nwarnings, 0);
	cfg_free(cfg);
}

static void
test_no_protocol_is_udp(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("virtual_server 192.0.2.1 53 {\n"
	               "    real_server 192.0.2.10 53 {\n"
	               "    }\n"
	               "}\n");
	assert_int_equal(vs_at(cfg, 0)->protocol, IPPROTO_UDP);
	expect_warning_exact("1:1",
	    "virtual_server 192.0.2.1 53: no protocol set; it is UDP, as in "
	    "keepalived (set 'protocol TCP' for TCP)");
	cfg_free(cfg);
}

static void
test_fwmark_service(void **state)
{
	struct config *cfg;
	struct vs_vs *vs;

	(void)state;
	cfg = parse_ok("virtual_server fwmark 7 {\n"
	               "    real_server 2001:db8::10 {\n"
	               "    }\n"
	               "}\n");
	vs = vs_at(cfg, 0);
	assert_int_equal(vs->kind, VS_FWMARK);
	assert_int_equal(vs->fwmark, 7);
	assert_int_equal(vs->af, AF_INET6);
	assert_int_equal(vs->protocol, 0);
	assert_int_equal(rs_at(vs, 0)->port, 0);
	cfg_free(cfg);
}

static void
test_fwmark_zero(void **state)
{
	(void)state;
	expect_error_exact("virtual_server fwmark 0 {\n}\n", "1:23",
	    "invalid value '0': expected an integer from 1 to 4294967295");
}

static void
test_fwmark_protocol_ignored(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("virtual_server fwmark 3 {\n"
	               "    protocol TCP\n"
	               "    real_server 192.0.2.10 {\n"
	               "    }\n"
	               "}\n");
	expect_warning_exact("1:1",
	    "virtual_server fwmark 3: a fwmark service has no protocol; "
	    "'protocol' is ignored");
	assert_int_equal(vs_at(cfg, 0)->protocol, 0);
	cfg_free(cfg);
}

static void
test_ip_family(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("virtual_server fwmark 3 {\n"
	               "    ip_family inet6\n"
	               "    real_server 2001:db8::1 {\n"
	               "        lvs_method TUN\n"
	               "    }\n"
	               "}\n");
	assert_int_equal(vs_at(cfg, 0)->af, AF_INET6);
	cfg_free(cfg);
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    ip_family inet6\n"
	                   "}\n",
	    "2:15",
	    "ip_family inet6 conflicts with the virtual server's address");
	expect_error_exact("virtual_server fwmark 1 {\n"
	                   "    ip_family ipx\n"
	                   "}\n",
	    "2:15",
	    "invalid value 'ipx' for 'ip_family': expected inet or inet6");
}

static void
test_lb_algo(void **state)
{
	static const char *const names[] = { "rr", "wrr", "lc", "wlc", "lblc",
		"lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh", "twos" };
	struct config *cfg;
	char text[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(text, sizeof(text),
		    "virtual_server 192.0.2.1 80 {\n"
		    "    protocol TCP\n"
		    "    %s %s\n"
		    "    real_server 192.0.2.10 80 {\n"
		    "    }\n"
		    "}\n",
		    i % 2 ? "lvs_sched" : "lb_algo", names[i]);
		cfg = parse_ok(text);
		assert_int_equal(vs_at(cfg, 0)->sched, i);
		cfg_free(cfg);
	}
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    lb_algo roundrobin\n"
	                   "}\n",
	    "2:13",
	    "invalid value 'roundrobin' for 'lb_algo': expected one of rr, "
	    "wrr, lc, wlc, lblc, lblcr, dh, sh, sed, nq, fo, ovf, mh, twos");
}

static void
test_lb_kind(void **state)
{
	struct config *cfg;

	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    lb_kind XX\n"
	                   "}\n",
	    "2:13",
	    "invalid value 'XX' for 'lb_kind': expected NAT, DR or TUN");
	cfg = parse_ok("virtual_server 192.0.2.1 80 {\n"
	               "    protocol TCP\n"
	               "    lvs_method DR\n"
	               "    real_server 192.0.2.10 80 {\n"
	               "    }\n"
	               "}\n");
	assert_int_equal(vs_at(cfg, 0)->fwd.method, VS_FWD_DR);
	assert_int_equal(rs_at(vs_at(cfg, 0), 0)->fwd.method, VS_FWD_DR);
	cfg_free(cfg);
}

static void
test_lb_kind_tunnel(void **state)
{
	struct config *cfg;
	struct vs_vs *vs;

	(void)state;
	cfg = parse_ok("virtual_server 192.0.2.1 80 {\n"
	               "    protocol TCP\n"
	               "    lb_kind TUN type gue port 6080 csum\n"
	               "    real_server 192.0.2.10 80 {\n"
	               "    }\n"
	               "}\n");
	vs = vs_at(cfg, 0);
	assert_int_equal(vs->fwd.method, VS_FWD_TUN);
	assert_int_equal(vs->fwd.tun_type, VS_TUN_GUE);
	assert_int_equal(vs->fwd.tun_port, 6080);
	assert_int_equal(vs->fwd.tun_csum, VS_TUN_CSUM);
	assert_int_equal(rs_at(vs, 0)->fwd.tun_port, 6080);
	cfg_free(cfg);
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    lb_kind TUN type gue\n"
	                   "}\n",
	    "2:13",
	    "a gue tunnel needs 'port <PORT>', and only gue takes a port");
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    lb_kind NAT type gre\n"
	                   "}\n",
	    "2:17", "unexpected 'type': tunnel options are only for TUN");
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    lb_kind TUN type gre remcsum\n"
	                   "}\n",
	    "2:13", "gre tunnels do not support remcsum");
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    lb_kind TUN type vxlan\n"
	                   "}\n",
	    "2:22", "invalid tunnel type 'vxlan': expected ipip, gue or gre");
}

static void
test_persistence(void **state)
{
	struct config *cfg;
	struct vs_vs *vs;

	(void)state;
	cfg = parse_ok("virtual_server 192.0.2.1 0 {\n"
	               "    protocol TCP\n"
	               "    persistence_timeout\n"
	               "    persistence_engine sip\n"
	               "    persistence_granularity 255.255.255.0\n"
	               "    real_server 192.0.2.10 80 {\n"
	               "    }\n"
	               "}\n");
	vs = vs_at(cfg, 0);
	assert_int_equal(vs->persistence_timeout, 360);
	assert_string_equal(vs->persistence_engine, "sip");
	assert_int_equal(vs->granularity_v4.family, AF_INET);
	cfg_free(cfg);
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    persistence_timeout 0\n"
	                   "}\n",
	    "2:25", "invalid value '0': expected an integer from 1 to 2678400");
}

static void
test_granularity_sets_persistence(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("virtual_server 2001:db8::1 80 {\n"
	               "    protocol TCP\n"
	               "    persistence_granularity 64\n"
	               "    real_server 2001:db8::10 80 {\n"
	               "    }\n"
	               "}\n");
	assert_int_equal(vs_at(cfg, 0)->granularity_v6, 64);
	assert_int_equal(vs_at(cfg, 0)->persistence_timeout, 360);
	cfg_free(cfg);
}

static void
test_granularity_not_netmask(void **state)
{
	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    protocol TCP\n"
	                   "    persistence_granularity 255.0.255.0\n"
	                   "    real_server 192.0.2.10 80 {\n"
	                   "    }\n"
	                   "}\n",
	    "1:1",
	    "virtual_server 192.0.2.1 80: persistence_granularity is not a "
	    "netmask (its one bits must be contiguous)");
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    protocol TCP\n"
	                   "    persistence_granularity 24\n"
	                   "    real_server 192.0.2.10 80 {\n"
	                   "    }\n"
	                   "}\n",
	    "1:1",
	    "virtual_server 192.0.2.1 80: persistence_granularity is a prefix "
	    "length on an IPv4 service: expected a netmask");
}

static void
test_port_zero_needs_persistence(void **state)
{
	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 0 {\n"
	                   "    protocol TCP\n"
	                   "    real_server 192.0.2.10 80 {\n"
	                   "    }\n"
	                   "}\n",
	    "1:1",
	    "virtual_server 192.0.2.1 0: port 0 is only valid for a "
	    "persistent service (persistence_timeout)");
}

static void
test_protocol(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("virtual_server 192.0.2.1 80 {\n"
	               "    protocol sctp\n"
	               "    real_server 192.0.2.10 80 {\n"
	               "    }\n"
	               "}\n");
	assert_int_equal(vs_at(cfg, 0)->protocol, IPPROTO_SCTP);
	cfg_free(cfg);
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    protocol ICMP\n"
	                   "}\n",
	    "2:14",
	    "invalid value 'ICMP' for 'protocol': expected TCP, UDP or SCTP");
}

static void
test_ops_needs_udp(void **state)
{
	struct config *cfg;

	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    protocol TCP\n"
	                   "    ops\n"
	                   "    real_server 192.0.2.10 80 {\n"
	                   "    }\n"
	                   "}\n",
	    "1:1",
	    "virtual_server 192.0.2.1 80: 'ops' (one-packet scheduling) "
	    "needs protocol UDP or a fwmark");
	cfg = parse_ok("virtual_server 192.0.2.1 53 {\n"
	               "    protocol UDP\n"
	               "    ops\n"
	               "    lb_algo sh\n"
	               "    sh-port\n"
	               "    sh-fallback\n"
	               "    real_server 192.0.2.10 53 {\n"
	               "    }\n"
	               "}\n");
	assert_int_equal(
	    vs_at(cfg, 0)->flags, VS_F_OPS | VS_F_FLAG1 | VS_F_FLAG2);
	cfg_free(cfg);
}

static void
test_ha_suspend_fwmark(void **state)
{
	(void)state;
	expect_error_exact("virtual_server fwmark 9 {\n"
	                   "    ha_suspend\n"
	                   "    real_server 192.0.2.10 {\n"
	                   "    }\n"
	                   "}\n",
	    "1:1",
	    "virtual_server fwmark 9: ha_suspend cannot be used with a "
	    "fwmark");
}

static void
test_no_real_server(void **state)
{
	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    protocol TCP\n"
	                   "}\n",
	    "1:1", "virtual_server 192.0.2.1 80 has no real_server");
}

static void
test_duplicate_vs(void **state)
{
	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    protocol TCP\n"
	                   "    real_server 192.0.2.10 80 {\n"
	                   "    }\n"
	                   "}\n"
	                   "virtual_server 192.0.2.1 80 {\n"
	                   "    protocol TCP\n"
	                   "    real_server 192.0.2.11 80 {\n"
	                   "    }\n"
	                   "}\n",
	    "6:1",
	    "virtual_server 192.0.2.1 80 is defined twice (first at "
	    "<config>:1)");
}

static void
test_same_address_other_protocol(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("virtual_server 192.0.2.1 53 {\n"
	               "    protocol TCP\n"
	               "    real_server 192.0.2.10 53 {\n"
	               "    }\n"
	               "}\n"
	               "virtual_server 192.0.2.1 53 {\n"
	               "    protocol UDP\n"
	               "    real_server 192.0.2.10 53 {\n"
	               "    }\n"
	               "}\n");
	cfg_free(cfg);
}

static void
test_duplicate_fwmark(void **state)
{
	(void)state;
	expect_error_exact("virtual_server fwmark 4 {\n"
	                   "    real_server 192.0.2.10 {\n"
	                   "    }\n"
	                   "}\n"
	                   "virtual_server fwmark 4 {\n"
	                   "    real_server 192.0.2.11 {\n"
	                   "    }\n"
	                   "}\n",
	    "5:1",
	    "virtual_server fwmark 4 is defined twice (first at <config>:1)");
}

static void
test_vs_weight_range(void **state)
{
	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    weight 0\n"
	                   "}\n",
	    "2:12", "invalid value '0': expected an integer from 1 to 65535");
}

static void
test_quorum_above_weights(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("virtual_server 192.0.2.1 80 {\n"
	               "    protocol TCP\n"
	               "    quorum 5\n"
	               "    real_server 192.0.2.10 80 {\n"
	               "        weight 2\n"
	               "    }\n"
	               "}\n");
	expect_warning_exact("1:1",
	    "virtual_server 192.0.2.1 80: quorum 5 exceeds the total weight "
	    "of its real servers 2; the quorum is lowered to 2, as keepalived "
	    "does");
	assert_int_equal(vs_at(cfg, 0)->quorum, 2);
	cfg_free(cfg);
}

static void
test_hysteresis(void **state)
{
	struct config *cfg;

	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    protocol TCP\n"
	                   "    quorum 2\n"
	                   "    hysteresis 2\n"
	                   "    real_server 192.0.2.10 80 {\n"
	                   "        weight 3\n"
	                   "    }\n"
	                   "}\n",
	    "1:1",
	    "virtual_server 192.0.2.1 80: hysteresis 2 must be below quorum 2");
	cfg = parse_ok("virtual_server 192.0.2.1 80 {\n"
	               "    protocol TCP\n"
	               "    quorum 2\n"
	               "    hysteresis 1\n"
	               "    real_server 192.0.2.10 80 {\n"
	               "        weight 3\n"
	               "    }\n"
	               "}\n");
	assert_int_equal(vs_at(cfg, 0)->hysteresis, 1);
	cfg_free(cfg);
}

static void
test_quorum_scripts(void **state)
{
	struct config *cfg;
	struct vs_vs *vs;

	(void)state;
	cfg = parse_ok("virtual_server 192.0.2.1 80 {\n"
	               "    protocol TCP\n"
	               "    quorum_up \"/bin/echo up\"\n"
	               "    quorum_down /bin/true root\n"
	               "    smtp_alert\n"
	               "    real_server 192.0.2.10 80 {\n"
	               "    }\n"
	               "}\n");
	vs = vs_at(cfg, 0);
	assert_string_equal(vs->quorum_up->cmd, "/bin/echo up");
	assert_string_equal(vs->quorum_down->user, "root");
	assert_int_equal(vs->smtp_alert, 1);
	cfg_free(cfg);
}

/* ---- sorry_server ---- */

static void
test_sorry_server(void **state)
{
	struct config *cfg;
	struct vs_rs *s;

	(void)state;
	cfg = parse_ok("virtual_server 192.0.2.1 80 {\n"
	               "    protocol TCP\n"
	               "    lb_kind DR\n"
	               "    sorry_server 192.0.2.99\n"
	               "    sorry_server_inhibit\n"
	               "    sorry_server_lvs_method NAT\n"
	               "    real_server 192.0.2.10 80 {\n"
	               "    }\n"
	               "}\n");
	s = vs_at(cfg, 0)->sorry;
	assert_non_null(s);
	assert_int_equal(s->port, 80);
	assert_int_equal(s->inhibit_on_failure, 1);
	assert_int_equal(s->fwd.method, VS_FWD_NAT);
	cfg_free(cfg);
}

static void
test_sorry_server_family(void **state)
{
	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    protocol TCP\n"
	                   "    sorry_server 2001:db8::99 80\n"
	                   "    real_server 192.0.2.10 80 {\n"
	                   "    }\n"
	                   "}\n",
	    "3:5",
	    "virtual_server 192.0.2.1 80: sorry_server is of another address "
	    "family than the virtual server");
}

static void
test_sorry_inhibit_without_sorry(void **state)
{
	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    sorry_server_inhibit\n"
	                   "}\n",
	    "2:5", "'sorry_server_inhibit' needs a sorry_server before it");
}

/* ---- real_server ---- */

static void
test_rs_family(void **state)
{
	struct config *cfg;

	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    protocol TCP\n"
	                   "    real_server 2001:db8::10 80 {\n"
	                   "    }\n"
	                   "}\n",
	    "3:5",
	    "virtual_server 192.0.2.1 80: real_server is of another address "
	    "family than the virtual server (only TUN forwarding may mix "
	    "them)");
	cfg = parse_ok("virtual_server 192.0.2.1 80 {\n"
	               "    protocol TCP\n"
	               "    real_server 2001:db8::10 80 {\n"
	               "        lvs_method TUN\n"
	               "    }\n"
	               "}\n");
	cfg_free(cfg);
}

static void
test_duplicate_rs(void **state)
{
	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    protocol TCP\n"
	                   "    real_server 192.0.2.10 80 {\n"
	                   "    }\n"
	                   "    real_server 192.0.2.11 80 {\n"
	                   "    }\n"
	                   "    real_server 192.0.2.10 80 {\n"
	                   "    }\n"
	                   "}\n",
	    "7:5",
	    "virtual_server 192.0.2.1 80: real_server 192.0.2.10 80 is given "
	    "twice (first at <config>:3)");
}

static void
test_rs_port_defaults_to_vs(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("virtual_server 192.0.2.1 443 {\n"
	               "    protocol TCP\n"
	               "    real_server 192.0.2.10 {\n"
	               "    }\n"
	               "}\n");
	assert_int_equal(rs_at(vs_at(cfg, 0), 0)->port, 443);
	cfg_free(cfg);
}

static void
test_rs_port_mismatch_dr(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("virtual_server 192.0.2.1 80 {\n"
	               "    protocol TCP\n"
	               "    lb_kind DR\n"
	               "    real_server 192.0.2.10 8080 {\n"
	               "    }\n"
	               "}\n");
	expect_warning_exact("4:5",
	    "virtual_server 192.0.2.1 80: with DR forwarding the server's "
	    "port 8080 is replaced by the service's port 80");
	assert_int_equal(rs_at(vs_at(cfg, 0), 0)->port, 80);
	cfg_free(cfg);
}

static void
test_rs_nat_port_kept(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("virtual_server 192.0.2.1 80 {\n"
	               "    protocol TCP\n"
	               "    real_server 192.0.2.10 8080 {\n"
	               "    }\n"
	               "}\n");
	assert_int_equal(rs_at(vs_at(cfg, 0), 0)->port, 8080);
	assert_int_equal(diag.nwarnings, 0);
	cfg_free(cfg);
}

static void
test_rs_weight_range(void **state)
{
	struct config *cfg;

	(void)state;
	expect_error_exact(VS_HEAD "        weight 65536\n" VS_TAIL, "4:16",
	    "invalid value '65536': expected an integer from 0 to 65535");
	cfg = parse_ok(VS_HEAD "        weight 0\n" VS_TAIL);
	assert_int_equal(rs_at(vs_at(cfg, 0), 0)->weight, 0);
	cfg_free(cfg);
}

static void
test_rs_inherits_vs(void **state)
{
	struct config *cfg;
	struct vs_rs *rs;

	(void)state;
	cfg = parse_ok("virtual_server 192.0.2.1 80 {\n"
	               "    protocol TCP\n"
	               "    delay_loop 7\n"
	               "    connect_timeout 2.5\n"
	               "    retry 4\n"
	               "    delay_before_retry 2\n"
	               "    warmup 9\n"
	               "    weight 5\n"
	               "    inhibit_on_failure\n"
	               "    alpha\n"
	               "    virtualhost www.example.com\n"
	               "    real_server 192.0.2.10 80 {\n"
	               "        TCP_CHECK {\n"
	               "        }\n"
	               "    }\n"
	               "}\n");
	rs = rs_at(vs_at(cfg, 0), 0);
	/* The server keeps no copy: its checkers take the service's. */
	assert_null(rs->time);
	assert_int_equal(rs->checks->delay_loop, 7 * SEC);
	assert_int_equal(rs->checks->connect_timeout, 2500000);
	assert_int_equal(rs->checks->retry, 4);
	assert_int_equal(rs->checks->delay_before_retry, 2 * SEC);
	assert_int_equal(rs->checks->warmup, 9 * SEC);
	assert_int_equal(rs->weight, 5);
	assert_int_equal(rs->inhibit_on_failure, 1);
	assert_int_equal(rs->alpha, 1);
	assert_string_equal(rs->opt->virtualhost, "www.example.com");
	cfg_free(cfg);
}

static void
test_rs_overrides_vs(void **state)
{
	struct config *cfg;
	struct vs_rs *rs;

	(void)state;
	cfg = parse_ok("virtual_server 192.0.2.1 80 {\n"
	               "    protocol TCP\n"
	               "    delay_loop 7\n"
	               "    inhibit_on_failure\n"
	               "    lb_kind DR\n"
	               "    real_server 192.0.2.10 80 {\n"
	               "        delay_loop 3\n"
	               "        inhibit_on_failure false\n"
	               "        lvs_method TUN type ipip\n"
	               "        uthreshold 100\n"
	               "        lthreshold 10\n"
	               "        snmp_name web1\n"
	               "    }\n"
	               "}\n");
	rs = rs_at(vs_at(cfg, 0), 0);
	assert_int_equal(rs->time->delay_loop, 3 * SEC);
	assert_int_equal(rs->time->connect_timeout, VS_UNSET_TIMER);
	assert_int_equal(rs->inhibit_on_failure, 0);
	assert_int_equal(rs->fwd.method, VS_FWD_TUN);
	assert_int_equal(rs->opt->uthreshold, 100);
	assert_int_equal(rs->opt->lthreshold, 10);
	assert_string_equal(rs->opt->snmp_name, "web1");
	cfg_free(cfg);
}

static void
test_rs_notify(void **state)
{
	struct config *cfg;
	struct vs_rs *rs;

	(void)state;
	cfg = parse_ok(VS_HEAD "        notify_up \"/bin/echo up\"\n"
	                       "        notify_down /bin/true\n" VS_TAIL);
	rs = rs_at(vs_at(cfg, 0), 0);
	assert_string_equal(rs->opt->notify_up->cmd, "/bin/echo up");
	assert_string_equal(rs->opt->notify_down->cmd, "/bin/true");
	cfg_free(cfg);
	expect_error_exact(VS_HEAD "        notify_up /bin/true\n"
	                           "        notify_up /bin/false\n" VS_TAIL,
	    "5:9", "'notify_up' is given twice");
}

static void
test_rs_smtp_alert_global(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("global_defs {\n"
	               "    smtp_alert_checker false\n"
	               "}\n" VS_HEAD VS_TAIL);
	assert_int_equal(rs_at(vs_at(cfg, 0), 0)->smtp_alert, 0);
	assert_int_equal(vs_at(cfg, 0)->smtp_alert, 0);
	cfg_free(cfg);
}

static void
test_rs_unknown_keyword(void **state)
{
	(void)state;
	expect_error_exact(VS_HEAD "        wieght 3\n" VS_TAIL, "4:9",
	    "unknown keyword 'wieght' in real_server; did you mean 'weight'?");
}

static void
test_rs_bad_address(void **state)
{
	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    real_server 192.0.2.300 80 {\n"
	                   "    }\n"
	                   "}\n",
	    "2:17",
	    "invalid address '192.0.2.300': expected an IPv4 or IPv6 address");
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    real_server 192.0.2.3 65536 {\n"
	                   "    }\n"
	                   "}\n",
	    "2:27",
	    "invalid value '65536': expected an integer from 0 to 65535");
}

/* ---- checkers ---- */

static void
test_check_inherits_rs_and_vs(void **state)
{
	struct config *cfg;
	struct vs_check *c;

	(void)state;
	cfg = parse_ok("virtual_server 192.0.2.1 80 {\n"
	               "    protocol TCP\n"
	               "    connect_timeout 3\n"
	               "    real_server 192.0.2.10 80 {\n"
	               "        delay_loop 4\n"
	               "        retry 2\n"
	               "        TCP_CHECK {\n"
	               "            connect_port 81\n"
	               "        }\n"
	               "    }\n"
	               "}\n");
	c = ck_at(rs_at(vs_at(cfg, 0), 0), 0);
	assert_int_equal(c->connect_timeout, 3 * SEC);
	assert_int_equal(c->delay_loop, 4 * SEC);
	assert_int_equal(c->warmup, 4 * SEC);
	assert_int_equal(c->retry, 2);
	assert_int_equal(c->connect_port, 81);
	cfg_free(cfg);
}

static void
test_origins(void **state)
{
	struct config *cfg;
	struct vs_rs *rs;
	struct vs_check *c;
	struct cfg_origin o;

	(void)state;
	cfg_set_keep_origins(true);
	cfg = parse_ok("virtual_server 192.0.2.1 80 {\n"
	               "    protocol TCP\n"
	               "    connect_timeout 3\n"
	               "    real_server 192.0.2.10 80 {\n"
	               "        delay_loop 4\n"
	               "        TCP_CHECK {\n"
	               "            retry 6\n"
	               "        }\n"
	               "    }\n"
	               "}\n");
	cfg_set_keep_origins(false);
	rs = rs_at(vs_at(cfg, 0), 0);
	c = ck_at(rs, 0);
	/* The server did not set it: the checker takes the service's. */
	o = cfg_origin_get(cfg, c, "connect_timeout");
	assert_int_equal(o.how, CFG_HOW_INHERITED);
	assert_int_equal(o.loc.line, 3);
	assert_string_equal(o.from, "virtual_server 192.0.2.1 80");
	/* The server did: the checker takes the server's. */
	o = cfg_origin_get(cfg, c, "delay_loop");
	assert_int_equal(o.how, CFG_HOW_INHERITED);
	assert_int_equal(o.loc.line, 5);
	assert_string_equal(o.from, "real_server 192.0.2.10 80");
	o = cfg_origin_get(cfg, c, "retry");
	assert_int_equal(o.how, CFG_HOW_FILE);
	assert_int_equal(o.loc.line, 7);
	o = cfg_origin_get(cfg, c, "connect_ip");
	assert_int_equal(o.how, CFG_HOW_DERIVED);
	o = cfg_origin_get(cfg, rs, "weight");
	assert_int_equal(o.how, CFG_HOW_DEFAULT);
	cfg_free(cfg);
}

static void
test_dump(void **state)
{
	struct config *cfg;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	cfg_set_keep_origins(true);
	cfg = parse_ok("virtual_server_group web {\n"
	               "    192.0.2.1-3 80\n"
	               "    fwmark 5\n"
	               "}\n"
	               "virtual_server group web {\n"
	               "    protocol TCP\n"
	               "    lb_kind TUN type gue port 6080\n"
	               "    persistence_timeout 600\n"
	               "    real_server 192.0.2.10 80 {\n"
	               "        HTTP_GET {\n"
	               "            url {\n"
	               "                path /health\n"
	               "                status_code 200-204 301\n"
	               "            }\n"
	               "        }\n"
	               "    }\n"
	               "}\n"
	               "SSL {\n"
	               "    ca /etc/ca.pem\n"
	               "}\n");
	f = open_memstream(&buf, &len);
	assert_non_null(f);
	cfg_dump(f, cfg);
	fclose(f);
	cfg_set_keep_origins(false);
	if (getenv("VS_DUMP") != NULL)
		fputs(buf, stderr);
	assert_non_null(strstr(buf, "virtual_server_group web {"));
	assert_non_null(strstr(buf, "192.0.2.1-3 80"));
	assert_non_null(strstr(buf, "fwmark 5"));
	assert_non_null(strstr(buf, "virtual_server group web {"));
	assert_non_null(strstr(buf, "lb_kind TUN type gue port 6080"));
	assert_non_null(strstr(buf, "real_server 192.0.2.10 80 {"));
	assert_non_null(strstr(buf, "HTTP_GET {"));
	assert_non_null(strstr(buf, "path \"/health\""));
	assert_non_null(strstr(buf, "status_code 200-204 301"));
	assert_non_null(strstr(buf, "# <config>:13"));
	assert_non_null(strstr(buf,
	    "lvs_method TUN type gue port 6080       "
	    "# inherited from virtual_server group "
	    "web, <config>:7"));
	assert_non_null(strstr(buf, "ca \"/etc/ca.pem\""));
	assert_non_null(strstr(buf, "lb_algo wlc"));
	free(buf);
	cfg_free(cfg);
}

static void
test_multiple_checkers(void **state)
{
	struct config *cfg;
	struct vs_rs *rs;

	(void)state;
	cfg = parse_ok(VS_HEAD "        TCP_CHECK {\n        }\n"
	                       "        TCP_CHECK {\n"
	                       "            connect_port 8080\n"
	                       "        }\n"
	                       "        PING_CHECK {\n        }\n" VS_TAIL);
	rs = rs_at(vs_at(cfg, 0), 0);
	assert_null(ck_at(rs, 2)->next);
	assert_int_equal(ck_at(rs, 1)->connect_port, 8080);
	assert_int_equal(ck_at(rs, 2)->type, VS_CHECK_PING);
	cfg_free(cfg);
}

static void
test_tcp_check_ports(void **state)
{
	(void)state;
	expect_error_exact(VS_HEAD "        TCP_CHECK {\n"
	                           "            connect_port 0\n"
	                           "        }\n" VS_TAIL,
	    "5:26", "invalid value '0': expected an integer from 1 to 65535");
	expect_error_exact(VS_HEAD "        TCP_CHECK {\n"
	                           "            bind_port 70000\n"
	                           "        }\n" VS_TAIL,
	    "5:23",
	    "invalid value '70000': expected an integer from 1 to 65535");
}

static void
test_tcp_check_options(void **state)
{
	struct config *cfg;
	struct vs_check *c;

	(void)state;
	cfg = parse_ok(VS_HEAD "        TCP_CHECK {\n"
	                       "            connect_ip 192.0.2.20\n"
	                       "            bindto 192.0.2.1\n"
	                       "            bind_port 5000\n"
	                       "            bind_if eth0\n"
	                       "            fwmark 12\n"
	                       "            connect_timeout 0.5\n"
	                       "            alpha\n"
	                       "            log_all_failures\n"
	                       "            warmup 0\n"
	                       "        }\n" VS_TAIL);
	c = ck_at(rs_at(vs_at(cfg, 0), 0), 0);
	assert_int_equal(c->connect_ip.u.v4[3], 20);
	assert_int_equal(c->src->bindto.family, AF_INET);
	assert_int_equal(c->src->bind_port, 5000);
	assert_string_equal(c->src->bind_if, "eth0");
	assert_int_equal(c->src->fwmark, 12);
	assert_int_equal(c->connect_timeout, 500000);
	assert_int_equal(c->alpha, 1);
	assert_int_equal(c->log_all_failures, 1);
	assert_int_equal(c->warmup, 0);
	cfg_free(cfg);
}

static void
test_bindto_family(void **state)
{
	(void)state;
	expect_error_exact(VS_HEAD "        TCP_CHECK {\n"
	                           "            bindto 2001:db8::1\n"
	                           "        }\n" VS_TAIL,
	    "4:9",
	    "TCP_CHECK: bindto is of another address family than the address "
	    "it connects to");
}

static void
test_link_local_needs_bind_if(void **state)
{
	(void)state;
	expect_error_exact("virtual_server 2001:db8::1 80 {\n"
	                   "    protocol TCP\n"
	                   "    real_server fe80::10 80 {\n"
	                   "        TCP_CHECK {\n"
	                   "        }\n"
	                   "    }\n"
	                   "}\n",
	    "4:9", "TCP_CHECK: a link-local connect_ip needs bind_if");
}

static void
test_bind_if_too_long(void **state)
{
	(void)state;
	expect_error_exact(VS_HEAD "        TCP_CHECK {\n"
	                           "            bind_if averyveryverylongname\n"
	                           "        }\n" VS_TAIL,
	    "5:21", "value too long: 21 characters, at most 15 allowed");
}

static void
test_checker_log_all_failures_global(void **state)
{
	struct config *cfg;

	(void)state;
	cfg =
	    parse_ok("global_defs {\n"
	             "    checker_log_all_failures\n"
	             "}\n" VS_HEAD "        TCP_CHECK {\n        }\n" VS_TAIL);
	assert_int_equal(
	    ck_at(rs_at(vs_at(cfg, 0), 0), 0)->log_all_failures, 1);
	cfg_free(cfg);
}

static void
test_http_get(void **state)
{
	struct config *cfg;
	struct vs_check *c;
	struct vs_url *u;

	(void)state;
	cfg = parse_ok(VS_HEAD "        HTTP_GET {\n"
	                       "            url {\n"
	                       "                path /index.html\n"
	                       "                digest "
	                       "9b3a0c85a887a256d6939da88aabd8cd\n"
	                       "                virtualhost a.example\n"
	                       "            }\n"
	                       "            url {\n"
	                       "                path /health\n"
	                       "                status_code 200 301-302\n"
	                       "            }\n"
	                       "            http_protocol 1.1\n"
	                       "            enable_sni\n"
	                       "            fast_recovery off\n"
	                       "            virtualhost www.example\n"
	                       "        }\n" VS_TAIL);
	c = ck_at(rs_at(vs_at(cfg, 0), 0), 0);
	assert_int_equal(c->type, VS_CHECK_HTTP);
	u = c->u.http.urls;
	assert_non_null(u->next);
	assert_null(u->next->next);
	assert_string_equal(u->path, "/index.html");
	assert_true(u->has_digest);
	assert_int_equal(u->digest[0], 0x9b);
	assert_int_equal(u->digest[15], 0xcd);
	assert_true(status_has(u, 200) && status_has(u, 299));
	assert_false(status_has(u, 300));
	u = u->next;
	assert_true(status_has(u, 200) && status_has(u, 301));
	assert_true(status_has(u, 302));
	assert_false(status_has(u, 201));
	assert_int_equal(c->u.http.http_protocol, VS_HTTP_1_1);
	assert_int_equal(c->u.http.enable_sni, 1);
	assert_int_equal(c->u.http.fast_recovery, 0);
	assert_string_equal(c->u.http.virtualhost, "www.example");
	assert_int_equal(c->delay_before_retry, 3 * SEC);
	assert_int_equal(c->retry, 1);
	cfg_free(cfg);
}

static void
test_http_get_no_url(void **state)
{
	(void)state;
	expect_error_exact(VS_HEAD "        HTTP_GET {\n"
	                           "        }\n" VS_TAIL,
	    "4:9",
	    "HTTP_GET has no url: at least one 'url { path ... }' is needed");
}

static void
test_url_no_path(void **state)
{
	(void)state;
	expect_error_exact(VS_HEAD "        HTTP_GET {\n"
	                           "            url {\n"
	                           "                status_code 200\n"
	                           "            }\n"
	                           "        }\n" VS_TAIL,
	    "5:13", "url has no path");
}

static void
test_status_code_bad(void **state)
{
	(void)state;
	expect_error_exact(VS_HEAD "        HTTP_GET {\n"
	                           "            url {\n"
	                           "                path /\n"
	                           "                status_code 200 700\n"
	                           "            }\n"
	                           "        }\n" VS_TAIL,
	    "7:33",
	    "invalid status_code '700': expected a code or range of codes "
	    "from 100 to 599");
	expect_error_exact(VS_HEAD "        HTTP_GET {\n"
	                           "            url {\n"
	                           "                path /\n"
	                           "                status_code 300-200\n"
	                           "            }\n"
	                           "        }\n" VS_TAIL,
	    "7:29",
	    "invalid status_code '300-200': expected a code or range of codes "
	    "from 100 to 599");
}

static void
test_digest_bad(void **state)
{
	(void)state;
	expect_error_exact(VS_HEAD "        HTTP_GET {\n"
	                           "            url {\n"
	                           "                path /\n"
	                           "                digest 12345\n"
	                           "            }\n"
	                           "        }\n" VS_TAIL,
	    "7:24",
	    "invalid digest '12345': expected 32 hexadecimal digits (an MD5 "
	    "sum)");
}

static void
test_regex(void **state)
{
	struct config *cfg;
	struct vs_url *u;

	(void)state;
	cfg = parse_ok(
	    VS_HEAD "        HTTP_GET {\n"
	            "            url {\n"
	            "                path /\n"
	            "                regex \"ok|up\"\n"
	            "                regex_no_match\n"
	            "                regex_options caseless multiline\n"
	            "                regex_min_offset 2\n"
	            "                regex_max_offset 100\n"
	            "                regex_stack 32768 65536\n"
	            "            }\n"
	            "        }\n" VS_TAIL);
	u = ck_at(rs_at(vs_at(cfg, 0), 0), 0)->u.http.urls;
	assert_string_equal(u->regex, "ok|up");
	assert_true(u->regex_no_match);
	assert_int_equal(u->regex_options, (1u << 3) | (1u << 10));
	assert_int_equal(u->regex_min_offset, 2);
	assert_int_equal(u->regex_max_offset, 100);
	assert_int_equal(u->regex_stack_max, 65536);
	cfg_free(cfg);
	expect_error_exact(VS_HEAD "        HTTP_GET {\n"
	                           "            url {\n"
	                           "                path /\n"
	                           "                regex_no_match\n"
	                           "            }\n"
	                           "        }\n" VS_TAIL,
	    "5:13", "url has regex options but no regex");
	expect_error_exact(VS_HEAD "        HTTP_GET {\n"
	                           "            url {\n"
	                           "                path /\n"
	                           "                regex x\n"
	                           "                regex_options shouty\n"
	                           "            }\n"
	                           "        }\n" VS_TAIL,
	    "8:31", "unknown regex option 'shouty'");
}

static void
test_http_protocol_bad(void **state)
{
	(void)state;
	expect_error_exact(VS_HEAD "        HTTP_GET {\n"
	                           "            http_protocol 2\n"
	                           "        }\n" VS_TAIL,
	    "5:27",
	    "invalid value '2' for 'http_protocol': expected 1.0, 1.1 or 1.0C");
}

static void
test_nb_get_retry(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok(VS_HEAD "        HTTP_GET {\n"
	                       "            nb_get_retry 5\n"
	                       "            url {\n"
	                       "                path /\n"
	                       "            }\n"
	                       "        }\n" VS_TAIL);
	expect_warning_exact(
	    "5:13", "'nb_get_retry' is deprecated: use 'retry'");
	assert_int_equal(ck_at(rs_at(vs_at(cfg, 0), 0), 0)->retry, 5);
	cfg_free(cfg);
}

static void
test_ssl_get_and_ssl(void **state)
{
	struct config *cfg;
	struct vs_model *m;

	(void)state;
	cfg = parse_ok("SSL {\n"
	               "    password secret\n"
	               "    ca /etc/ssl/ca.pem\n"
	               "    certificate /etc/ssl/c.pem\n"
	               "    key /etc/ssl/k.pem\n"
	               "}\n" VS_HEAD "        SSL_GET {\n"
	               "            url {\n"
	               "                path /\n"
	               "            }\n"
	               "        }\n" VS_TAIL);
	m = cfg_model(cfg, CFG_MODEL_VS);
	assert_true(m->ssl.present);
	assert_string_equal(m->ssl.password, "secret");
	assert_string_equal(m->ssl.key, "/etc/ssl/k.pem");
	assert_int_equal(ck_at(rs_at(vs_at(cfg, 0), 0), 0)->type, VS_CHECK_SSL);
	cfg_free(cfg);
}

static void
test_ssl_get_without_ssl(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok(VS_HEAD "        SSL_GET {\n"
	                       "            url {\n"
	                       "                path /\n"
	                       "            }\n"
	                       "        }\n" VS_TAIL);
	assert_false(
	    ((struct vs_model *)cfg_model(cfg, CFG_MODEL_VS))->ssl.present);
	cfg_free(cfg);
}

static void
test_misc_check(void **state)
{
	struct config *cfg;
	struct vs_check *c;

	(void)state;
	cfg = parse_ok(VS_HEAD "        MISC_CHECK {\n"
	                       "            misc_path \"/bin/check --host x\"\n"
	                       "            misc_dynamic\n"
	                       "            user root\n"
	                       "        }\n"
	                       "        MISC_CHECK {\n"
	                       "            misc_path /bin/check -p \"a b\"\n"
	                       "            misc_timeout 7\n"
	                       "        }\n" VS_TAIL);
	c = ck_at(rs_at(vs_at(cfg, 0), 0), 0);
	assert_string_equal(c->u.misc.path->cmd, "/bin/check --host x");
	assert_string_equal(c->u.misc.path->user, "root");
	assert_true(c->u.misc.dynamic);
	assert_int_equal(c->u.misc.timeout, 60 * SEC);
	assert_int_equal(c->retry, 0);
	c = c->next;
	assert_string_equal(c->u.misc.path->cmd, "/bin/check -p \"a b\"");
	assert_int_equal(c->u.misc.timeout, 7 * SEC);
	cfg_free(cfg);
}

static void
test_misc_check_no_path(void **state)
{
	(void)state;
	expect_error_exact(VS_HEAD "        MISC_CHECK {\n"
	                           "            misc_timeout 5\n"
	                           "        }\n" VS_TAIL,
	    "4:9", "MISC_CHECK has no misc_path");
}

/* A script not deployed yet is a warning (the check fails until it is
   there), as keepalived starts without it; one that cannot run is not. */
static void
test_misc_check_missing_script(void **state)
{
	(void)state;
	cfg_set_host_checks(true);
	cfg_free(
	    parse_ok(VS_HEAD "        MISC_CHECK {\n"
	                     "            misc_path \"/nonexistent/c.sh -x\"\n"
	                     "        }\n" VS_TAIL));
	expect_warning_exact("5:23",
	    "script '/nonexistent/c.sh -x': '/nonexistent/c.sh' is not found; "
	    "the check fails until it is there");
	expect_error_exact(VS_HEAD "        MISC_CHECK {\n"
	                           "            misc_path /etc/passwd\n"
	                           "        }\n" VS_TAIL,
	    "5:23", "script '/etc/passwd': '/etc/passwd' is not executable");
}

static void
test_misc_check_no_connect_options(void **state)
{
	(void)state;
	expect_error_exact(VS_HEAD "        MISC_CHECK {\n"
	                           "            connect_port 80\n"
	                           "        }\n" VS_TAIL,
	    "5:13", "unknown keyword 'connect_port' in MISC_CHECK");
}

static void
test_misc_user_unknown(void **state)
{
	(void)state;
	expect_error_exact(VS_HEAD "        MISC_CHECK {\n"
	                           "            misc_path /bin/true\n"
	                           "            user nosuchuser_xyz\n"
	                           "        }\n" VS_TAIL,
	    "6:18", "unknown user 'nosuchuser_xyz' for 'user'");
}

static void
test_smtp_check_hosts(void **state)
{
	struct config *cfg;
	struct vs_rs *rs;

	(void)state;
	cfg = parse_ok(VS_HEAD "        SMTP_CHECK {\n"
	                       "            helo_name lb.example\n"
	                       "            host {\n"
	                       "                connect_ip 192.0.2.30\n"
	                       "                connect_port 25\n"
	                       "            }\n"
	                       "            host {\n"
	                       "                connect_ip 192.0.2.31\n"
	                       "            }\n"
	                       "        }\n" VS_TAIL);
	rs = rs_at(vs_at(cfg, 0), 0);
	assert_null(ck_at(rs, 2)->next);
	assert_int_equal(ck_at(rs, 1)->type, VS_CHECK_SMTP);
	assert_int_equal(ck_at(rs, 1)->connect_ip.u.v4[3], 30);
	assert_int_equal(ck_at(rs, 2)->connect_port, 80);
	assert_string_equal(ck_at(rs, 0)->u.smtp.helo_name, "lb.example");
	cfg_free(cfg);
}

static void
test_dns_check(void **state)
{
	struct config *cfg;
	struct vs_check *c;

	(void)state;
	cfg = parse_ok(VS_HEAD "        DNS_CHECK {\n"
	                       "            type aaaa\n"
	                       "            name example.com\n"
	                       "        }\n" VS_TAIL);
	c = ck_at(rs_at(vs_at(cfg, 0), 0), 0);
	assert_int_equal(c->u.dns.type, VS_DNS_AAAA);
	assert_string_equal(c->u.dns.name, "example.com");
	assert_int_equal(c->retry, 3);
	assert_int_equal(c->delay_before_retry, c->delay_loop);
	cfg_free(cfg);
	expect_error_exact(VS_HEAD "        DNS_CHECK {\n"
	                           "            type PTR\n"
	                           "        }\n" VS_TAIL,
	    "5:18",
	    "invalid value 'PTR' for 'type': expected A, NS, CNAME, SOA, MX, "
	    "TXT or AAAA");
}

static void
test_udp_check(void **state)
{
	struct config *cfg;
	struct vs_check *c;

	(void)state;
	cfg = parse_ok(VS_HEAD "        UDP_CHECK {\n"
	                       "            payload 0a0b 0c\n"
	                       "            require_reply 0axx\n"
	                       "            min_reply_length 2\n"
	                       "            max_reply_length 10\n"
	                       "        }\n" VS_TAIL);
	c = ck_at(rs_at(vs_at(cfg, 0), 0), 0);
	assert_string_equal(c->u.udp.payload, "0a0b0c");
	assert_string_equal(c->u.udp.reply, "0axx");
	assert_true(c->u.udp.require_reply);
	cfg_free(cfg);
	expect_error_exact(VS_HEAD "        UDP_CHECK {\n"
	                           "            payload 0g\n"
	                           "        }\n" VS_TAIL,
	    "5:21", "invalid hex string '0g': expected hexadecimal digits");
	expect_error_exact(VS_HEAD "        UDP_CHECK {\n"
	                           "            min_reply_length 20\n"
	                           "            max_reply_length 10\n"
	                           "        }\n" VS_TAIL,
	    "4:9",
	    "UDP_CHECK min_reply_length 20 is above max_reply_length 10: the "
	    "check would always fail");
}

static void
test_file_check(void **state)
{
	struct config *cfg;
	struct vs_check *c;

	(void)state;
	cfg = parse_ok("track_file maint {\n    file /run/maint\n}\n" VS_HEAD
	               "        FILE_CHECK {\n"
	               "            track_file maint\n"
	               "            weight -10 reverse\n"
	               "        }\n" VS_TAIL);
	c = ck_at(rs_at(vs_at(cfg, 0), 0), 0);
	assert_string_equal(c->u.file.track_file, "maint");
	assert_int_equal(c->u.file.weight, -10);
	assert_true(c->u.file.reverse);
	cfg_free(cfg);
	expect_error_exact(VS_HEAD "        FILE_CHECK {\n"
	                           "            weight 300\n"
	                           "        }\n" VS_TAIL,
	    "5:20",
	    "invalid value '300': expected an integer from -254 to 254");
	expect_error_exact(VS_HEAD "        FILE_CHECK {\n"
	                           "        }\n" VS_TAIL,
	    "4:9", "FILE_CHECK has no track_file");
}

static void
test_bfd_check(void **state)
{
	(void)state;
	/* parsed, then refused: vigil has no BFD process */
	expect_error_exact(VS_HEAD "        BFD_CHECK {\n"
	                           "            name bfd1\n"
	                           "            alpha\n"
	                           "        }\n" VS_TAIL,
	    "3:5",
	    "BFD_CHECK of real_server 192.0.2.10 80: vigil has no BFD "
	    "process (bfd_instance is not supported)");
	expect_error_exact(VS_HEAD "        BFD_CHECK {\n"
	                           "        }\n" VS_TAIL,
	    "4:9", "BFD_CHECK has no name");
}

static void
test_check_timer_ranges(void **state)
{
	(void)state;
	expect_error_exact(VS_HEAD "        TCP_CHECK {\n"
	                           "            delay_loop 0\n"
	                           "        }\n" VS_TAIL,
	    "5:24",
	    "invalid value '0': expected a time in seconds from 0.000001 to "
	    "4294967295.000000");
	expect_error_exact(VS_HEAD "        TCP_CHECK {\n"
	                           "            connect_timeout 5000\n"
	                           "        }\n" VS_TAIL,
	    "5:29",
	    "invalid value '5000': expected a time in seconds from 0.000001 "
	    "to 4294.967295");
}

/* ---- virtual_server_group ---- */

static void
test_group(void **state)
{
	struct config *cfg;
	struct vs_model *m;
	struct vs_group *g;
	struct vs_group_entry *e;
	struct vs_vs *vs;

	(void)state;
	cfg = parse_ok("virtual_server_group g1 {\n"
	               "    192.0.2.1 80\n"
	               "    192.0.2.10-20 80\n"
	               "    fwmark 3\n"
	               "}\n"
	               "virtual_server group g1 {\n"
	               "    protocol TCP\n"
	               "    real_server 192.0.2.100 80 {\n"
	               "    }\n"
	               "}\n");
	m = cfg_model(cfg, CFG_MODEL_VS);
	g = m->groups.v[0];
	assert_string_equal(g->name, "g1");
	assert_int_equal(g->entries.n, 3);
	e = g->entries.v[1];
	assert_int_equal(e->addr.u.v4[3], 10);
	assert_int_equal(e->range, 10);
	assert_int_equal(e->port, 80);
	e = g->entries.v[2];
	assert_true(e->is_fwmark);
	assert_int_equal(e->fwmark, 3);
	vs = vs_at(cfg, 0);
	assert_int_equal(vs->kind, VS_GROUP);
	assert_ptr_equal(vs->vsg, g);
	assert_int_equal(vs->af, AF_INET);
	cfg_free(cfg);
}

static void
test_group_undefined(void **state)
{
	(void)state;
	expect_error_exact("virtual_server group nope {\n"
	                   "    protocol TCP\n"
	                   "    real_server 192.0.2.100 80 {\n"
	                   "    }\n"
	                   "}\n",
	    "1:1",
	    "virtual_server group nope: no virtual_server_group named 'nope'");
}

static void
test_group_bad_range(void **state)
{
	(void)state;
	expect_error_exact("virtual_server_group g {\n"
	                   "    192.0.2.10-5 80\n"
	                   "}\n",
	    "2:5",
	    "invalid address range '192.0.2.10-5': the last part must be "
	    "above the first address's and at most 255");
}

static void
test_group_empty_and_twice(void **state)
{
	(void)state;
	expect_error_exact("virtual_server_group g {\n"
	                   "}\n",
	    "1:1", "virtual_server_group 'g' has no entries");
	expect_error_exact("virtual_server_group g {\n"
	                   "    192.0.2.1 80\n"
	                   "}\n"
	                   "virtual_server_group g {\n"
	                   "    192.0.2.2 80\n"
	                   "}\n",
	    "4:22",
	    "virtual_server_group 'g' is defined twice (first at <config>:1)");
}

static void
test_group_mixed_families(void **state)
{
	(void)state;
	expect_error_exact("virtual_server_group g {\n"
	                   "    192.0.2.1 80\n"
	                   "    2001:db8::1 80\n"
	                   "    fwmark 1\n"
	                   "}\n",
	    "1:1",
	    "virtual_server_group 'g' cannot mix IPv4, IPv6 and fwmark "
	    "entries");
}

static void
test_group_ipv6_range(void **state)
{
	struct config *cfg;
	struct vs_group_entry *e;

	(void)state;
	cfg = parse_ok("virtual_server_group g6 {\n"
	               "    2001:db8::1-1f 443\n"
	               "}\n");
	e = ((struct vs_group *)((struct vs_model *)cfg_model(
	                             cfg, CFG_MODEL_VS))
	         ->groups.v[0])
	        ->entries.v[0];
	assert_int_equal(e->addr.family, AF_INET6);
	assert_int_equal(e->range, 30);
	cfg_free(cfg);
}

static void
test_vs_header_errors(void **state)
{
	(void)state;
	expect_error_exact("virtual_server fwmark {\n}\n", "1:16",
	    "'virtual_server fwmark' is missing its mark: expected "
	    "'virtual_server fwmark <INT>'");
	expect_error_exact("virtual_server group {\n}\n", "1:16",
	    "'virtual_server group' is missing its name: expected "
	    "'virtual_server group <NAME>'");
	expect_error_exact("virtual_server www.example.com 80 {\n}\n", "1:16",
	    "invalid address 'www.example.com': expected an IPv4 or IPv6 "
	    "address");
}

static void
test_vs_retry_range(void **state)
{
	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    retry 0\n"
	                   "}\n",
	    "2:11",
	    "invalid value '0': expected an integer from 1 to 4294967295");
}

static void
test_smtp_alert_bad(void **state)
{
	(void)state;
	expect_error_exact("virtual_server 192.0.2.1 80 {\n"
	                   "    smtp_alert maybe\n"
	                   "}\n",
	    "2:16",
	    "invalid value 'maybe': expected one of on, off, true, false, yes, "
	    "no");
}

static void
test_misc_timeout_range(void **state)
{
	(void)state;
	expect_error_exact(VS_HEAD "        MISC_CHECK {\n"
	                           "            misc_path /bin/true\n"
	                           "            misc_timeout 1.5\n"
	                           "        }\n" VS_TAIL,
	    "6:26", "invalid value '1.5': expected an integer from 0 to 4294");
}

static void
test_group_port_zero_needs_persistence(void **state)
{
	(void)state;
	expect_error_exact("virtual_server_group g {\n"
	                   "    192.0.2.1\n"
	                   "}\n"
	                   "virtual_server group g {\n"
	                   "    protocol TCP\n"
	                   "    real_server 192.0.2.10 80 {\n"
	                   "    }\n"
	                   "}\n",
	    "2:5",
	    "virtual_server group g: group entry without a port is only valid "
	    "for a persistent service (persistence_timeout)");
}

static void
test_group_family_conflict(void **state)
{
	(void)state;
	expect_error_exact("virtual_server_group g {\n"
	                   "    2001:db8::1 80\n"
	                   "}\n"
	                   "virtual_server group g {\n"
	                   "    ip_family inet\n"
	                   "    protocol TCP\n"
	                   "    real_server 192.0.2.10 80 {\n"
	                   "    }\n"
	                   "}\n",
	    "2:5",
	    "virtual_server group g: group entry is of another address family "
	    "than the virtual server");
}

static void
test_ssl_repeated_value_warns(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("SSL {\n"
	               "    ca /a.pem\n"
	               "    ca /b.pem\n"
	               "}\n");
	expect_warning_exact(
	    "3:5", "'ca' is given again in SSL; the last one wins");
	assert_string_equal(
	    ((struct vs_model *)cfg_model(cfg, CFG_MODEL_VS))->ssl.ca,
	    "/b.pem");
	cfg_free(cfg);
}

static void
test_status_code_lines_add(void **state)
{
	struct config *cfg;
	struct vs_url *u;

	(void)state;
	cfg = parse_ok(VS_HEAD "        HTTP_GET {\n"
	                       "            url {\n"
	                       "                path /\n"
	                       "                status_code 200\n"
	                       "                status_code 404\n"
	                       "            }\n"
	                       "        }\n" VS_TAIL);
	u = ck_at(rs_at(vs_at(cfg, 0), 0), 0)->u.http.urls;
	assert_true(status_has(u, 200) && status_has(u, 404));
	assert_false(status_has(u, 201));
	assert_int_equal(diag.nwarnings, 0);
	cfg_free(cfg);
}

static void
test_checker_fwmark_service_rs_port(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("virtual_server fwmark 1 {\n"
	               "    lb_kind DR\n"
	               "    real_server 192.0.2.10 80 {\n"
	               "        TCP_CHECK {\n"
	               "            connect_port 80\n"
	               "        }\n"
	               "    }\n"
	               "}\n");
	expect_warning_exact("3:5",
	    "virtual_server fwmark 1: the port of a server of a fwmark service "
	    "is ignored unless NAT");
	assert_int_equal(rs_at(vs_at(cfg, 0), 0)->port, 0);
	assert_int_equal(ck_at(rs_at(vs_at(cfg, 0), 0), 0)->connect_port, 80);
	cfg_free(cfg);
}

static void
test_checker_port_of_fwmark_dr_server(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("virtual_server fwmark 1 {\n"
	               "    lb_kind DR\n"
	               "    real_server 192.0.2.10 443 {\n"
	               "        TCP_CHECK {\n"
	               "        }\n"
	               "    }\n"
	               "}\n");
	assert_int_equal(rs_at(vs_at(cfg, 0), 0)->port, 0);
	assert_int_equal(ck_at(rs_at(vs_at(cfg, 0), 0), 0)->connect_port, 443);
	cfg_free(cfg);
	expect_error_exact("virtual_server fwmark 1 {\n"
	                   "    real_server 192.0.2.10 {\n"
	                   "        HTTP_GET {\n"
	                   "            url {\n"
	                   "                path /\n"
	                   "            }\n"
	                   "        }\n"
	                   "    }\n"
	                   "}\n",
	    "2:5",
	    "HTTP_GET of real_server 192.0.2.10 0 has no port to connect to: "
	    "give it connect_port");
}

/* ---- scale ---- */

/* 2,300 services x 16 real servers parse quickly and in little memory;
   the duplicate checks are sorts, not pairwise scans. */
static void
test_large_config(void **state)
{
	struct config *cfg;
	size_t cap = 2300 * 16 * 120 + 2300 * 100, len = 0;
	char *text = malloc(cap);
	int v, r;

	(void)state;
	assert_non_null(text);
	for (v = 0; v < 2300; v++) {
		len += (size_t)snprintf(text + len, cap - len,
		    "virtual_server 10.%d.%d.1 80 {\n protocol TCP\n", v / 250,
		    v % 250);
		for (r = 0; r < 16; r++)
			len += (size_t)snprintf(text + len, cap - len,
			    " real_server 10.200.%d.%d 80 {\n"
			    "  TCP_CHECK {\n  }\n }\n",
			    v % 250, r + 1);
		len += (size_t)snprintf(text + len, cap - len, "}\n");
	}
	cfg_diag_free(&diag);
	cfg_diag_init(&diag);
	cfg = cfg_parse_text(text, len, &diag);
	if (cfg == NULL)
		print_diag();
	assert_non_null(cfg);
	assert_int_equal(
	    ((struct vs_model *)cfg_model(cfg, CFG_MODEL_VS))->vss.n, 2300);
	cfg_free(cfg);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal_defaults),
		cmocka_unit_test(test_no_protocol_is_udp),
		cmocka_unit_test(test_fwmark_service),
		cmocka_unit_test(test_fwmark_zero),
		cmocka_unit_test(test_fwmark_protocol_ignored),
		cmocka_unit_test(test_ip_family),
		cmocka_unit_test(test_lb_algo),
		cmocka_unit_test(test_lb_kind),
		cmocka_unit_test(test_lb_kind_tunnel),
		cmocka_unit_test(test_persistence),
		cmocka_unit_test(test_granularity_sets_persistence),
		cmocka_unit_test(test_granularity_not_netmask),
		cmocka_unit_test(test_port_zero_needs_persistence),
		cmocka_unit_test(test_protocol),
		cmocka_unit_test(test_ops_needs_udp),
		cmocka_unit_test(test_ha_suspend_fwmark),
		cmocka_unit_test(test_no_real_server),
		cmocka_unit_test(test_duplicate_vs),
		cmocka_unit_test(test_same_address_other_protocol),
		cmocka_unit_test(test_duplicate_fwmark),
		cmocka_unit_test(test_vs_weight_range),
		cmocka_unit_test(test_quorum_above_weights),
		cmocka_unit_test(test_hysteresis),
		cmocka_unit_test(test_quorum_scripts),
		cmocka_unit_test(test_sorry_server),
		cmocka_unit_test(test_sorry_server_family),
		cmocka_unit_test(test_sorry_inhibit_without_sorry),
		cmocka_unit_test(test_rs_family),
		cmocka_unit_test(test_duplicate_rs),
		cmocka_unit_test(test_rs_port_defaults_to_vs),
		cmocka_unit_test(test_rs_port_mismatch_dr),
		cmocka_unit_test(test_rs_nat_port_kept),
		cmocka_unit_test(test_rs_weight_range),
		cmocka_unit_test(test_rs_inherits_vs),
		cmocka_unit_test(test_rs_overrides_vs),
		cmocka_unit_test(test_rs_notify),
		cmocka_unit_test(test_rs_smtp_alert_global),
		cmocka_unit_test(test_rs_unknown_keyword),
		cmocka_unit_test(test_rs_bad_address),
		cmocka_unit_test(test_check_inherits_rs_and_vs),
		cmocka_unit_test(test_origins),
		cmocka_unit_test(test_dump),
		cmocka_unit_test(test_multiple_checkers),
		cmocka_unit_test(test_tcp_check_ports),
		cmocka_unit_test(test_tcp_check_options),
		cmocka_unit_test(test_bindto_family),
		cmocka_unit_test(test_link_local_needs_bind_if),
		cmocka_unit_test(test_bind_if_too_long),
		cmocka_unit_test(test_checker_log_all_failures_global),
		cmocka_unit_test(test_http_get),
		cmocka_unit_test(test_http_get_no_url),
		cmocka_unit_test(test_url_no_path),
		cmocka_unit_test(test_status_code_bad),
		cmocka_unit_test(test_digest_bad),
		cmocka_unit_test(test_regex),
		cmocka_unit_test(test_http_protocol_bad),
		cmocka_unit_test(test_nb_get_retry),
		cmocka_unit_test(test_ssl_get_and_ssl),
		cmocka_unit_test(test_ssl_get_without_ssl),
		cmocka_unit_test(test_misc_check),
		cmocka_unit_test(test_misc_check_no_path),
		cmocka_unit_test_teardown(
		    test_misc_check_missing_script, teardown),
		cmocka_unit_test(test_misc_check_no_connect_options),
		cmocka_unit_test(test_misc_user_unknown),
		cmocka_unit_test(test_smtp_check_hosts),
		cmocka_unit_test(test_dns_check),
		cmocka_unit_test(test_udp_check),
		cmocka_unit_test(test_file_check),
		cmocka_unit_test(test_bfd_check),
		cmocka_unit_test(test_check_timer_ranges),
		cmocka_unit_test(test_group),
		cmocka_unit_test(test_group_undefined),
		cmocka_unit_test(test_group_bad_range),
		cmocka_unit_test(test_group_empty_and_twice),
		cmocka_unit_test(test_group_mixed_families),
		cmocka_unit_test(test_group_ipv6_range),
		cmocka_unit_test(test_vs_header_errors),
		cmocka_unit_test(test_vs_retry_range),
		cmocka_unit_test(test_smtp_alert_bad),
		cmocka_unit_test(test_misc_timeout_range),
		cmocka_unit_test(test_group_port_zero_needs_persistence),
		cmocka_unit_test(test_group_family_conflict),
		cmocka_unit_test(test_ssl_repeated_value_warns),
		cmocka_unit_test(test_status_code_lines_add),
		cmocka_unit_test(test_checker_fwmark_service_rs_port),
		cmocka_unit_test(test_checker_port_of_fwmark_dr_server),
		cmocka_unit_test(test_large_config),
	};

	cfg_register_all();
	cfg_diag_init(&diag);
	return cmocka_run_group_tests(tests, NULL, teardown);
}
