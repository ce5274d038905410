/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_vrrp_conf.c: unit tests of the vrrp_conf keyword tables and model. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/rtnetlink.h>

#include <cmocka.h>

#include "../../vrrp/vrrp_conf.h"
#include "cfg.h"
#include "cfg_test.h"

#define SEC 1000000ULL

/*
 * A valid instance whose extra lines start at line 7, each indented by
 * one space (so a keyword is at column 2).
 */
#define INST(extra) \
	"vrrp_instance VI_1 {\n" \
	" interface eth0\n" \
	" virtual_router_id 51\n" \
	" virtual_ipaddress {\n" \
	"  192.0.2.1/24\n" \
	" }\n" extra "}\n"

/* A second instance, starting at the line after INST's. */
#define INST2(name, vrid, ifname, vip, extra) \
	"vrrp_instance " name " {\n" \
	" interface " ifname "\n" \
	" virtual_router_id " vrid "\n" \
	" virtual_ipaddress {\n" \
	"  " vip "\n" \
	" }\n" extra "}\n"

static struct vrrp_model *
model(struct config *cfg)
{
	return cfg_model(cfg, CFG_MODEL_VRRP);
}

static struct vrrp_instance *
inst(struct config *cfg, size_t i)
{
	assert_true(i < model(cfg)->instances.n);
	return model(cfg)->instances.v[i];
}

static void
assert_v4(const struct cfg_addr *a, const char *s)
{
	char buf[64];

	assert_int_equal(a->family, AF_INET);
	assert_string_equal(cfg_addr_str(a, "all", buf, sizeof(buf)), s);
}

/* ---- vrrp_instance core keywords ---- */

static void
test_minimal_defaults(void **state)
{
	struct config *cfg = parse_ok(INST(""));
	struct vrrp_instance *vi = inst(cfg, 0);

	(void)state;
	assert_string_equal(vi->name, "VI_1");
	assert_string_equal(vi->ifname, "eth0");
	assert_int_equal(vi->vrid, 51);
	assert_int_equal(vi->priority, 100);
	assert_int_equal(vi->state, VRRP_CONF_STATE_BACKUP);
	assert_int_equal(vi->version, 2);
	assert_int_equal(vi->advert_int, SEC);
	assert_int_equal(vi->family, AF_INET);
	assert_v4(&vi->mcast_dst, "224.0.0.18");
	assert_int_equal(vi->opts->garp_master_delay, 5 * SEC);
	assert_int_equal(vi->opts->garp_master_repeat, 5);
	assert_int_equal(vi->opts->garp_lower_prio_delay, 5 * SEC);
	assert_int_equal(vi->opts->garp_lower_prio_repeat, 5);
	assert_int_equal(vi->opts->down_timer_adverts, 3);
	assert_int_equal(vi->strict_mode, 0);
	assert_int_equal(vi->accept, 1);
	assert_int_equal(vi->opts->smtp_alert, 0);
	assert_int_equal(vi->opts->auth_type, VRRP_CONF_AUTH_NONE);
	assert_false(vi->nopreempt);
	assert_int_equal(vi->preempt_delay, 0);
	assert_int_equal(vi->vips.n, 1);
	assert_null(vi->sync_group);
	cfg_free(cfg);
}

static void
test_master_priority(void **state)
{
	struct config *cfg;

	(void)state;
	/* keepalived: an unset priority with state MASTER is 255 */
	cfg = parse_ok(INST(" state MASTER\n"));
	assert_int_equal(inst(cfg, 0)->priority, 255);
	cfg_free(cfg);
	/* and an unset state with priority 255 is MASTER */
	cfg = parse_ok(INST(" priority 255\n"));
	assert_int_equal(inst(cfg, 0)->state, VRRP_CONF_STATE_MASTER);
	cfg_free(cfg);
	cfg = parse_ok(INST(" state MASTER\n priority 150\n"));
	assert_int_equal(inst(cfg, 0)->priority, 150);
	assert_int_equal(inst(cfg, 0)->state, VRRP_CONF_STATE_MASTER);
	cfg_free(cfg);
}

static void
test_state_invalid(void **state)
{
	(void)state;
	expect_error(INST(" state PRIMARY\n"), "7:8",
	    "invalid value 'PRIMARY' for 'state': expected MASTER or BACKUP");
	expect_error(
	    INST(" state\n"), "7:2", "'state' is missing its argument");
}

static void
test_vrid_range(void **state)
{
	(void)state;
	expect_error("vrrp_instance VI_1 {\n interface eth0\n"
	             " virtual_router_id 0\n}\n",
	    "3:20",
	    "invalid value '0' for 'virtual_router_id': expected an "
	    "integer from 1 to 255");
	expect_error("vrrp_instance VI_1 {\n interface eth0\n"
	             " virtual_router_id 256\n}\n",
	    "3:20",
	    "invalid value '256' for 'virtual_router_id': expected an "
	    "integer from 1 to 255");
	expect_error("vrrp_instance VI_1 {\n interface eth0\n"
	             " virtual_router_id x1\n}\n",
	    "3:20", "invalid value 'x1' for 'virtual_router_id'");
}

static void
test_vrid_missing(void **state)
{
	(void)state;
	expect_error("vrrp_instance VI_1 {\n interface eth0\n"
	             " virtual_ipaddress {\n  192.0.2.1\n }\n}\n",
	    "1:15", "vrrp_instance 'VI_1' has no virtual_router_id");
}

static void
test_priority_range(void **state)
{
	(void)state;
	expect_error(INST(" priority 0\n"), "7:11",
	    "invalid value '0' for 'priority': expected an integer from 1 "
	    "to 255");
	expect_error(INST(" priority 256\n"), "7:11",
	    "invalid value '256' for 'priority'");
	expect_error(INST(" priority 100 200\n"), "7:15",
	    "unexpected '200': expected 'priority <1..255>'");
}

static void
test_instance_name(void **state)
{
	(void)state;
	expect_error("vrrp_instance {\n}\n", "1:1",
	    "'vrrp_instance' needs exactly one name");
	expect_error("vrrp_instance A B {\n}\n", "1:1",
	    "'vrrp_instance' needs exactly one name");
	expect_error(INST("") INST2("VI_1", "52", "eth0", "192.0.2.2", ""),
	    "8:15", "vrrp_instance 'VI_1' is already defined");
}

static void
test_unknown_keyword(void **state)
{
	(void)state;
	expect_error(INST(" advert_intervall 1\n"), "7:2",
	    "unknown keyword 'advert_intervall' in vrrp_instance");
	expect_error(INST(" advert_it 1\n"), "7:2",
	    "unknown keyword 'advert_it' in vrrp_instance; did you mean "
	    "'advert_int'?");
}

static void
test_advert_int(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok(INST(" advert_int 3\n"));
	assert_int_equal(inst(cfg, 0)->advert_int, 3 * SEC);
	cfg_free(cfg);
	cfg = parse_ok(INST(" version 3\n advert_int 0.05\n"));
	assert_int_equal(inst(cfg, 0)->advert_int, 50000);
	assert_int_equal(inst(cfg, 0)->version, 3);
	cfg_free(cfg);
	expect_error(INST(" advert_int 0.5\n"), "7:13",
	    "advert_int 0.500000 is not whole seconds, which VRRP version 2 "
	    "needs");
	expect_error(INST(" version 3\n advert_int 0.015\n"), "8:13",
	    "does not fit VRRP version 3: expected hundredths of a second "
	    "from 0.01 to 40.95");
	expect_error(INST(" version 3\n advert_int 41\n"), "8:13",
	    "does not fit VRRP version 3");
	expect_error(INST(" advert_int 0\n"), "7:13",
	    "invalid value '0': expected a time in seconds from 0.010000");
	expect_error(INST(" advert_int 256\n"), "7:13",
	    "expected a time in seconds from 0.010000 to 255.000000");
}

static void
test_version(void **state)
{
	struct config *cfg;

	(void)state;
	expect_error(INST(" version 4\n"), "7:10",
	    "invalid value '4' for 'version': expected an integer from 2 "
	    "to 3");
	cfg_set_keep_origins(true);
	cfg = parse_ok("global_defs {\n vrrp_version 3\n}\n" INST(""));
	assert_int_equal(inst(cfg, 0)->version, 3);
	assert_int_equal(cfg_origin_get(cfg, inst(cfg, 0), "version").how,
	    CFG_HOW_INHERITED);
	assert_int_equal(
	    cfg_origin_get(cfg, inst(cfg, 0), "version").loc.line, 2);
	assert_string_equal(
	    cfg_origin_get(cfg, inst(cfg, 0), "version").from, "global_defs");
	cfg_free(cfg);
}

static void
test_ipv6_instance(void **state)
{
	struct config *cfg;
	struct vrrp_instance *vi;
	char buf[64];

	(void)state;
	cfg = parse_ok("vrrp_instance V6 {\n interface eth0\n"
	               " virtual_router_id 5\n virtual_ipaddress {\n"
	               "  fe80::1\n  2001:db8::1/64\n }\n}\n");
	vi = inst(cfg, 0);
	assert_int_equal(vi->family, AF_INET6);
	assert_int_equal(vi->version, 3);
	assert_string_equal(
	    cfg_addr_str(&vi->mcast_dst, "all", buf, sizeof(buf)), "ff02::12");
	cfg_free(cfg);
	expect_error("vrrp_instance V6 {\n interface eth0\n version 2\n"
	             " virtual_router_id 5\n virtual_ipaddress {\n"
	             "  2001:db8::1\n }\n}\n",
	    "3:10",
	    "vrrp_instance 'V6' is IPv6, which VRRP version 2 does not "
	    "carry: use version 3");
}

static void
test_native_ipv6(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("vrrp_instance V6 {\n interface eth0\n native_ipv6\n"
	               " virtual_router_id 5\n virtual_ipaddress {\n"
	               "  2001:db8::1\n }\n}\n");
	assert_int_equal(inst(cfg, 0)->family, AF_INET6);
	cfg_free(cfg);
	expect_error("vrrp_instance V6 {\n interface eth0\n native_ipv6\n"
	             " virtual_router_id 5\n virtual_ipaddress {\n"
	             "  192.0.2.1\n }\n}\n",
	    "6:3",
	    "virtual_ipaddress 192.0.2.1 is IPv4 but vrrp_instance "
	    "'V6' is IPv6");
}

/* ---- authentication ---- */

static void
test_auth(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok(INST(" authentication {\n  auth_type PASS\n"
	                    "  auth_pass secret12\n }\n"));
	assert_int_equal(inst(cfg, 0)->opts->auth_type, VRRP_CONF_AUTH_PASS);
	assert_string_equal(inst(cfg, 0)->opts->auth_pass, "secret12");
	cfg_free(cfg);
	cfg = parse_ok(
	    INST(" authentication {\n  auth_type AH\n  auth_pass x\n }\n"));
	assert_int_equal(inst(cfg, 0)->opts->auth_type, VRRP_CONF_AUTH_AH);
	cfg_free(cfg);
}

static void
test_auth_errors(void **state)
{
	(void)state;
	expect_error(INST(" authentication {\n  auth_type PASS\n"
	                  "  auth_pass secret123\n }\n"),
	    "9:13", "auth_pass is 9 characters long: VRRP carries at most 8");
	expect_error(INST(" authentication {\n  auth_type MD5\n }\n"), "8:13",
	    "invalid value 'MD5' for 'auth_type': expected PASS or AH");
	expect_error(INST(" authentication {\n  auth_type PASS\n }\n"), "8:3",
	    "vrrp_instance 'VI_1': authentication without auth_pass");
	expect_error(INST(" version 3\n authentication {\n  auth_type PASS\n"
	                  "  auth_pass x\n }\n"),
	    "9:3", "VRRP version 3 has no authentication");
	expect_error(INST(" authentication {\n  auth_pass x\n }\n"), "1:15",
	    "auth_pass without auth_type");
	expect_error(INST(" state MASTER\n priority 100\n authentication {\n"
	                  "  auth_type AH\n  auth_pass x\n }\n"),
	    "10:3", "AH authentication needs 'state BACKUP'");
	expect_error(INST(" authentication {\n  unknown x\n }\n"), "8:3",
	    "unknown keyword 'unknown' in authentication");
}

/* ---- virtual_ipaddress and friends ---- */

static void
test_vip_options(void **state)
{
	struct config *cfg;
	struct vrrp_ipaddr *a;
	char buf[64];

	(void)state;
	cfg = parse_ok(INST(" virtual_ipaddress {\n"
	                    "  192.0.2.10/24 brd 192.0.2.255 dev eth1 scope "
	                    "link label eth1:vip\n"
	                    "  192.0.2.11 peer 192.0.2.12/32 home -nodad "
	                    "mngtmpaddr noprefixroute autojoin no_track "
	                    "preferred_lft forever\n"
	                    "  192.0.2.13 scope 200 preferred_lft 0\n"
	                    " }\n"));
	assert_int_equal(inst(cfg, 0)->vips.n, 4);
	a = inst(cfg, 0)->vips.v[1];
	assert_v4(&a->addr, "192.0.2.10");
	assert_int_equal(a->prefix, 24);
	assert_v4(&a->x->brd, "192.0.2.255");
	assert_string_equal(a->x->dev, "eth1");
	assert_int_equal(a->x->scope, RT_SCOPE_LINK);
	assert_string_equal(a->x->label, "eth1:vip");
	a = inst(cfg, 0)->vips.v[2];
	assert_int_equal(a->prefix, -1);
	assert_v4(&a->x->peer, "192.0.2.12");
	assert_int_equal(a->x->peer_prefix, 32);
	assert_int_equal(a->flags,
	    VRRP_IPA_HOME | VRRP_IPA_NODAD | VRRP_IPA_MNGTMPADDR |
	        VRRP_IPA_NOPREFIXROUTE | VRRP_IPA_AUTOJOIN | VRRP_IPA_NO_TRACK);
	assert_int_equal(a->x->preferred_lft, UINT32_MAX);
	a = inst(cfg, 0)->vips.v[3];
	assert_int_equal(a->x->scope, 200);
	assert_int_equal(a->x->preferred_lft, 0);
	assert_string_equal(
	    cfg_addr_str(&a->addr, "all", buf, sizeof(buf)), "192.0.2.13");
	cfg_free(cfg);
}

static void
test_vip_errors(void **state)
{
	(void)state;
	expect_error(INST(" virtual_ipaddress {\n  192.0.2.300\n }\n"), "8:3",
	    "invalid address '192.0.2.300': expected an IPv4 or IPv6 "
	    "address");
	expect_error(INST(" virtual_ipaddress {\n  192.0.2.3/33\n }\n"), "8:3",
	    "invalid prefix length in '192.0.2.3/33': expected 0 to 32");
	expect_error(INST(" virtual_ipaddress {\n  192.0.2.3 colour red\n }\n"),
	    "8:13", "unknown address option 'colour'");
	expect_error(INST(" virtual_ipaddress {\n  192.0.2.3 dev\n }\n"),
	    "8:13", "'dev' is missing its value");
	expect_error(INST(" virtual_ipaddress {\n  192.0.2.3 scope galaxy\n"
	                  " }\n"),
	    "8:19", "invalid scope 'galaxy'");
	expect_error(INST(" virtual_ipaddress {\n  192.0.2.3 track_group G\n"
	                  " }\n"),
	    "8:13", "'track_group' is only for static addresses");
	expect_error(INST(" virtual_ipaddress {\n  2001:db8::1 brd ::1\n"
	                  " }\n"),
	    "8:19", "'brd' is only for IPv4 addresses");
}

static void
test_vip_family(void **state)
{
	struct config *cfg;

	(void)state;
	expect_error(INST(" virtual_ipaddress {\n  2001:db8::100/64\n }\n"),
	    "8:3",
	    "virtual_ipaddress 2001:db8::100 is IPv6 but vrrp_instance "
	    "'VI_1' is IPv4 (put addresses of the other family in "
	    "virtual_ipaddress_excluded)");
	cfg = parse_ok(INST(" virtual_ipaddress_excluded {\n"
	                    "  2001:db8::100/64\n  192.0.2.50\n }\n"));
	assert_int_equal(inst(cfg, 0)->opts->evips.n, 2);
	cfg_free(cfg);
}

/* keepalived adds a repeated VIP once: a warning, and the model keeps one. */
static void
test_vip_duplicates(void **state)
{
	struct config *cfg;
	const struct vrrp_ipaddr *a;

	(void)state;
	cfg = parse_ok(INST(" virtual_ipaddress {\n  192.0.2.2\n"
	                    "  192.0.2.1/32\n  192.0.2.2\n }\n"));
	expect_warning_exact("9:3",
	    "virtual_ipaddress 192.0.2.1 is given twice in vrrp_instance "
	    "'VI_1' (first at line 5): added once");
	expect_warning_exact("10:3",
	    "virtual_ipaddress 192.0.2.2 is given twice in vrrp_instance "
	    "'VI_1' (first at line 8): added once");
	assert_int_equal(inst(cfg, 0)->vips.n, 2);
	a = inst(cfg, 0)->vips.v[0];
	assert_int_equal(a->loc.line, 5);
	a = inst(cfg, 0)->vips.v[1];
	assert_int_equal(a->loc.line, 8);
	cfg_free(cfg);
	cfg = parse_ok(INST(" virtual_ipaddress_excluded {\n  192.0.2.1\n"
	                    "  192.0.2.9\n  192.0.2.9\n }\n"));
	expect_warning_exact("8:3",
	    "virtual_ipaddress_excluded 192.0.2.1 is also in virtual_ipaddress "
	    "of vrrp_instance 'VI_1' (line 5): given twice, added once, as a "
	    "VIP");
	expect_warning_exact("10:3",
	    "virtual_ipaddress_excluded 192.0.2.9 is given twice in "
	    "vrrp_instance 'VI_1' (first at line 9): added once");
	assert_int_equal(inst(cfg, 0)->vips.n, 1);
	assert_int_equal(inst(cfg, 0)->opts->evips.n, 1);
	a = inst(cfg, 0)->opts->evips.v[0];
	assert_int_equal(a->loc.line, 9);
	cfg_free(cfg);
	expect_error(INST("") INST2("VI_2", "52", "eth1", "192.0.2.1", ""),
	    "12:3",
	    "virtual_ipaddress 192.0.2.1 is also in vrrp_instance 'VI_1': an "
	    "address belongs to one instance only");
}

static void
test_no_vip(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok("vrrp_instance VI_1 {\n interface eth0\n"
	               " virtual_router_id 1\n}\n");
	expect_warning("1:15", "vrrp_instance 'VI_1' has no virtual_ipaddress");
	cfg_free(cfg);
	expect_error("vrrp_instance VI_1 {\n interface eth0\n version 3\n"
	             " virtual_router_id 1\n}\n",
	    "1:15", "VRRP version 3 needs at least one");
}

static void
test_routes(void **state)
{
	struct config *cfg;
	struct vrrp_route *r;
	char buf[64];

	(void)state;
	cfg = parse_ok(INST(" virtual_routes {\n"
	                    "  192.168.2.0/24 via 192.168.1.100 dev eth0 "
	                    "table main metric 10 proto static\n"
	                    "  blackhole 10.0.0.0/8\n"
	                    "  src 192.0.2.1 to 10.1.0.0/16 gw 192.0.2.254 "
	                    "table 100 no_track\n"
	                    "  default via 192.0.2.254 or 192.0.2.253\n"
	                    " }\n"));
	assert_int_equal(inst(cfg, 0)->opts->vroutes.n, 4);
	r = inst(cfg, 0)->opts->vroutes.v[0];
	assert_v4(&r->dst, "192.168.2.0");
	assert_int_equal(r->dst_prefix, 24);
	assert_v4(&r->via, "192.168.1.100");
	assert_string_equal(r->dev, "eth0");
	assert_int_equal(r->table, 254);
	assert_int_equal(r->metric, 10);
	assert_string_equal(r->opts, "proto static");
	assert_int_equal(r->type, RTN_UNICAST);
	r = inst(cfg, 0)->opts->vroutes.v[1];
	assert_int_equal(r->type, RTN_BLACKHOLE);
	r = inst(cfg, 0)->opts->vroutes.v[2];
	assert_v4(&r->src, "192.0.2.1");
	assert_string_equal(
	    cfg_addr_str(&r->dst, "all", buf, sizeof(buf)), "10.1.0.0");
	assert_int_equal(r->table, 100);
	assert_true(r->no_track);
	r = inst(cfg, 0)->opts->vroutes.v[3];
	assert_int_equal(r->dst.family, AF_UNSPEC);
	assert_v4(&r->or_via, "192.0.2.253");
	cfg_free(cfg);
}

static void
test_route_errors(void **state)
{
	(void)state;
	expect_error(INST(" virtual_routes {\n  via 192.0.2.1\n }\n"), "8:3",
	    "a route needs a destination");
	expect_error(INST(" virtual_routes {\n  10.0.0.0/8 table nosuch\n"
	                  " }\n"),
	    "8:20", "unknown routing table 'nosuch'");
	expect_error(INST(" virtual_routes {\n  10.0.0.0/8 10.1.0.0/8\n }\n"),
	    "8:14", "the destination is already given");
	expect_error(INST(" virtual_routes {\n  10.0.0.0/8 via 2001:db8::1\n"
	                  " }\n"),
	    "8:3", "the gateway of route '10.0.0.0/8' is not of its family");
	expect_error(INST(" virtual_routes {\n  10.0.0.0/8 metric -1\n }\n"),
	    "8:21", "invalid value '-1' for 'metric'");
	expect_error(INST(" virtual_routes {\n  10.0.0.0/8 type bogus\n"
	                  " }\n"),
	    "8:19", "unknown route type 'bogus'");
}

static void
test_rules(void **state)
{
	struct config *cfg;
	struct vrrp_rule *r;

	(void)state;
	cfg = parse_ok(INST(" virtual_rules {\n"
	                    "  from 192.168.2.0/24 table 1 priority 100\n"
	                    "  to 10.0.0.0/8 lookup 100 fwmark 0x10 no_track\n"
	                    "  from all iif eth1 table main\n"
	                    " }\n"));
	assert_int_equal(inst(cfg, 0)->opts->vrules.n, 3);
	r = inst(cfg, 0)->opts->vrules.v[0];
	assert_v4(&r->from, "192.168.2.0");
	assert_int_equal(r->from_prefix, 24);
	assert_int_equal(r->table, 1);
	assert_int_equal(r->priority, 100);
	assert_int_equal(r->family, AF_INET);
	r = inst(cfg, 0)->opts->vrules.v[1];
	assert_v4(&r->to, "10.0.0.0");
	assert_string_equal(r->opts, "fwmark 0x10");
	assert_true(r->no_track);
	r = inst(cfg, 0)->opts->vrules.v[2];
	assert_int_equal(r->from.family, AF_UNSPEC);
	assert_int_equal(r->table, 254);
	cfg_free(cfg);
}

static void
test_rule_errors(void **state)
{
	(void)state;
	expect_error(INST(" virtual_rules {\n  from 10.0.0.0/8 to 2001:db8::/32"
	                  "\n }\n"),
	    "8:22", "'2001:db8::/32' is not of the rule's family");
	expect_error(INST(" virtual_rules {\n  from 10.0.0.0/8 colour red\n"
	                  " }\n"),
	    "8:19", "unknown rule option 'colour'");
	expect_error(INST(" virtual_rules {\n  from 10.0.0.0/8 table\n }\n"),
	    "8:19", "'table' is missing its value");
}

/* ---- unicast ---- */

static void
test_unicast(void **state)
{
	struct config *cfg;
	struct vrrp_instance *vi;
	struct vrrp_peer *pe;

	(void)state;
	cfg = parse_ok(INST(" unicast_src_ip 192.0.2.2\n unicast_peer {\n"
	                    "  192.0.2.3\n  192.0.2.4 min_ttl 10 max_ttl 255\n"
	                    " }\n"));
	vi = inst(cfg, 0);
	assert_v4(&vi->saddr, "192.0.2.2");
	assert_true(vi->saddr_unicast);
	assert_int_equal(vi->peers.n, 2);
	pe = vi->peers.v[1];
	assert_int_equal(pe->min_ttl, 10);
	assert_int_equal(pe->max_ttl, 255);
	assert_int_equal(vi->unicast_ttl, 255);
	assert_int_equal(vi->mcast_dst.family, AF_UNSPEC);
	cfg_free(cfg);
	/* unicast without an interface: the source address is enough */
	cfg = parse_ok("vrrp_instance U {\n unicast_src_ip 192.0.2.2\n"
	               " virtual_router_id 9\n unicast_peer {\n  192.0.2.3\n"
	               " }\n virtual_ipaddress {\n  192.0.2.1\n }\n}\n");
	assert_string_equal(inst(cfg, 0)->ifname, "");
	cfg_free(cfg);
}

static void
test_unicast_errors(void **state)
{
	(void)state;
	expect_error(INST(" unicast_peer {\n  2001:db8::2\n }\n"), "8:3",
	    "unicast_peer 2001:db8::2 is IPv6 but vrrp_instance 'VI_1' is "
	    "IPv4");
	expect_error(INST(" unicast_src_ip 2001:db8::1\n"), "7:17",
	    "unicast_src_ip 2001:db8::1 is IPv6 but vrrp_instance 'VI_1' is "
	    "IPv4");
	expect_error(INST(" unicast_src_ip 192.0.2.2\n unicast_peer {\n"
	                  "  192.0.2.2\n }\n"),
	    "9:3", "unicast_peer 192.0.2.2 is this instance's own source");
	expect_error(INST(" unicast_peer {\n  192.0.2.3\n  192.0.2.3\n }\n"),
	    "9:3", "unicast_peer 192.0.2.3 is listed twice");
	expect_error(INST(" unicast_ttl 10\n"), "7:14",
	    "vrrp_instance 'VI_1': unicast_ttl without unicast_peer");
	expect_error(INST(" unicast_peer {\n  192.0.2.3 ttl 5\n }\n"), "8:13",
	    "unknown unicast_peer option 'ttl'");
	expect_error(INST(" unicast_peer {\n  192.0.2.3 min_ttl 300\n }\n"),
	    "8:21", "invalid value '300' for 'min_ttl'");
	expect_error(INST(" unicast_peer {\n  192.0.2.3 min_ttl 9 max_ttl 8\n"
	                  " }\n"),
	    "8:3", "min_ttl 9 is above max_ttl 8");
}

static void
test_mcast(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok(
	    "global_defs {\n vrrp_mcast_group4 224.0.0.19\n}\n" INST(""));
	assert_v4(&inst(cfg, 0)->mcast_dst, "224.0.0.19");
	cfg_free(cfg);
	cfg = parse_ok(INST(" mcast_dst_ip 224.0.0.20\n"));
	assert_v4(&inst(cfg, 0)->mcast_dst, "224.0.0.20");
	cfg_free(cfg);
	expect_error(INST(" mcast_dst_ip 192.0.2.9\n"), "7:15",
	    "mcast_dst_ip '192.0.2.9' is not a multicast address");
}

/* ---- interface ---- */

static void
test_interface(void **state)
{
	struct config *cfg;

	(void)state;
	/* keepalived: default_interface defaults to eth0 */
	cfg = parse_ok("vrrp_instance VI_1 {\n virtual_router_id 1\n}\n");
	assert_string_equal(inst(cfg, 0)->ifname, "eth0");
	cfg_free(cfg);
	expect_error(INST(" interface averyveryverylongname\n"), "7:12",
	    "invalid interface name 'averyveryverylongname'");
	cfg_set_keep_origins(true);
	cfg = parse_ok("global_defs {\n default_interface eth3\n}\n"
	               "vrrp_instance VI_1 {\n virtual_router_id 1\n"
	               " virtual_ipaddress {\n  192.0.2.1\n }\n}\n");
	assert_string_equal(inst(cfg, 0)->ifname, "eth3");
	assert_int_equal(cfg_origin_get(cfg, inst(cfg, 0), "interface").how,
	    CFG_HOW_INHERITED);
	cfg_free(cfg);
}

static void
test_vmac(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok(INST(" use_vmac vrrp51\n vmac_xmit_base\n"));
	assert_true(inst(cfg, 0)->use_vmac);
	assert_string_equal(inst(cfg, 0)->opts->vmac_name, "vrrp51");
	assert_true(inst(cfg, 0)->vmac_xmit_base);
	cfg_free(cfg);
	cfg = parse_ok(INST(" use_vmac\n"));
	assert_string_equal(inst(cfg, 0)->opts->vmac_name, "");
	cfg_free(cfg);
	expect_error(
	    INST(" vmac_xmit_base\n"), "2:12", "vmac_xmit_base needs use_vmac");
	/* keepalived's forms: a MAC (with ':') and a name, in either order;
	   five octets leave the sixth to the VRID */
	cfg = parse_ok(INST(" use_vmac 02:11:22:33:44:55 vrrp51\n"
	                    " use_vmac_addr\n"));
	assert_string_equal(inst(cfg, 0)->opts->vmac_name, "vrrp51");
	assert_int_equal(inst(cfg, 0)->opts->vmac_mac_len, 6);
	assert_int_equal(inst(cfg, 0)->opts->vmac_mac[5], 0x55);
	assert_true(inst(cfg, 0)->opts->use_vmac_addr);
	cfg_free(cfg);
	cfg = parse_ok(INST(" use_vmac 02:00:00:00:01\n"));
	assert_int_equal(inst(cfg, 0)->opts->vmac_mac_len, 5);
	cfg_free(cfg);
	expect_error(INST(" use_vmac a:b\n"), "7:11",
	    "invalid MAC address 'a:b': expected 5 or 6 hex octets");
	expect_error(INST(" use_vmac 01:00:5e:00:00:01\n"), "7:11",
	    "invalid MAC address '01:00:5e:00:00:01': a VMAC cannot be "
	    "multicast");
	expect_error(INST(" use_vmac 00:00:5e:00:01:33\n"), "7:11",
	    "the RFC 5798 virtual router MAC is the default already");
	expect_error(INST(" use_vmac_addr 02:11:22:33:44:55\n"), "7:16",
	    "unexpected '02:11:22:33:44:55': 'use_vmac_addr' takes no "
	    "argument");
}

static void
test_garp_extra_if(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok(INST(" garp_extra_if all 10\n"));
	assert_int_equal(inst(cfg, 0)->opts->garp_extra_if, 10 * SEC);
	assert_int_equal(inst(cfg, 0)->opts->garp_extra_if_all, 1);
	cfg_free(cfg);
	cfg = parse_ok(INST(" garp_extra_if 5 all\n"));
	assert_int_equal(inst(cfg, 0)->opts->garp_extra_if_all, 1);
	cfg_free(cfg);
	/* the instance takes global_defs' "all" with its interval */
	cfg =
	    parse_ok("global_defs {\n vrrp_garp_extra_if all 7\n}\n" INST(""));
	assert_int_equal(inst(cfg, 0)->opts->garp_extra_if, 7 * SEC);
	assert_int_equal(inst(cfg, 0)->opts->garp_extra_if_all, 1);
	cfg_free(cfg);
	expect_error(INST(" garp_extra_if all\n"), "7:2",
	    "'garp_extra_if' is missing its time");
	cfg = parse_ok(INST(" vmac_garp_intvl 3\n"));
	expect_warning(
	    "7:2", "'vmac_garp_intvl' is deprecated: use 'garp_extra_if'");
	assert_int_equal(inst(cfg, 0)->opts->garp_extra_if, 3 * SEC);
	cfg_free(cfg);
}

/* ---- preemption ---- */

static void
test_preempt(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok(INST(" nopreempt\n preempt_delay 0\n"));
	assert_true(inst(cfg, 0)->nopreempt);
	cfg_free(cfg);
	cfg = parse_ok(INST(" preempt_delay 30.5\n"));
	assert_int_equal(inst(cfg, 0)->preempt_delay, 30500000);
	cfg_free(cfg);
	expect_error(INST(" state MASTER\n priority 150\n nopreempt\n"), "9:2",
	    "vrrp_instance 'VI_1': nopreempt needs 'state BACKUP'");
	expect_error(INST(" priority 255\n nopreempt\n"), "8:2",
	    "nopreempt does not go with priority 255");
	expect_error(INST(" nopreempt\n preempt_delay 10\n"), "8:16",
	    "preempt_delay does not go with nopreempt");
	expect_error(INST(" preempt_delay 1001\n"), "7:16",
	    "expected a time in seconds from 0.000000 to 1000.000000");
}

static void
test_preempt_warnings(void **state)
{
	struct config *cfg;

	(void)state;
	expect_error(INST(" state MASTER\n preempt_delay 5\n"), "8:16",
	    "preempt_delay has no effect with 'state MASTER'");
	cfg = parse_ok(INST(" preempt\n"));
	expect_warning("7:2", "'preempt' is deprecated");
	assert_false(inst(cfg, 0)->nopreempt);
	cfg_free(cfg);
}

/* ---- VRID collisions ---- */

static void
test_duplicate_vrid(void **state)
{
	struct config *cfg;

	(void)state;
	expect_error(INST("") INST2("VI_2", "51", "eth0", "192.0.2.2", ""),
	    "8:15",
	    "vrrp_instance 'VI_2' uses virtual_router_id 51 on IPv4 eth0, as "
	    "vrrp_instance 'VI_1' does");
	/* another interface, family or multicast group: no clash */
	cfg = parse_ok(INST("") INST2("VI_2", "51", "eth1", "192.0.2.2", "")
	        INST2("VI_3", "51", "eth0", "2001:db8::2", "") INST2("VI_4",
	            "51", "eth0", "192.0.2.4", " mcast_dst_ip 224.0.0.99\n"));
	cfg_free(cfg);
	/* unicast instances clash only when they share a peer */
	cfg = parse_ok(INST(" unicast_peer {\n  192.0.2.10\n }\n") INST2("VI_2",
	    "51", "eth0", "192.0.2.2", " unicast_peer {\n  192.0.2.11\n }\n"));
	cfg_free(cfg);
	expect_error(INST(" unicast_peer {\n  192.0.2.10\n }\n")
	                 INST2("VI_2", "51", "eth0", "192.0.2.2",
	                     " unicast_peer {\n  192.0.2.10\n }\n"),
	    "11:15", "uses virtual_router_id 51");
}

/* ---- inheritance from global_defs ---- */

static void
test_garp_inherit(void **state)
{
	struct config *cfg;
	struct vrrp_instance *vi;
	struct cfg_origin o;

	(void)state;
	cfg_set_keep_origins(true);
	cfg = parse_ok("global_defs {\n vrrp_garp_master_delay 10\n"
	               " vrrp_garp_master_refresh 60\n"
	               " vrrp_garp_lower_prio_repeat 2\n"
	               " vrrp_lower_prio_no_advert\n"
	               " vrrp_skip_check_adv_addr\n"
	               " vrrp_down_timer_adverts 5\n"
	               " smtp_alert_vrrp\n"
	               "}\n" INST2("VI_1", "1", "eth0", "192.0.2.1",
	                   " garp_master_repeat 3\n"));
	vi = inst(cfg, 0);
	assert_int_equal(vi->opts->garp_master_delay, 10 * SEC);
	assert_int_equal(vi->opts->garp_master_repeat, 3);
	assert_int_equal(vi->opts->garp_master_refresh, 60 * SEC);
	/* lower_prio_delay follows the master delay: global_defs has none */
	assert_int_equal(vi->opts->garp_lower_prio_delay, 10 * SEC);
	assert_int_equal(vi->opts->garp_lower_prio_repeat, 2);
	assert_int_equal(vi->opts->lower_prio_no_advert, 1);
	assert_true(vi->skip_check_adv_addr);
	assert_int_equal(vi->opts->down_timer_adverts, 5);
	assert_int_equal(vi->opts->smtp_alert, 1);
	o = cfg_origin_get(cfg, vi, "garp_master_delay");
	assert_int_equal(o.how, CFG_HOW_INHERITED);
	assert_int_equal(o.loc.line, 2);
	o = cfg_origin_get(cfg, vi, "garp_master_repeat");
	assert_int_equal(o.how, CFG_HOW_FILE);
	assert_int_equal(o.loc.line, 16);
	o = cfg_origin_get(cfg, vi, "garp_lower_prio_delay");
	assert_int_equal(o.how, CFG_HOW_INHERITED);
	assert_string_equal(o.from, "VI_1");
	o = cfg_origin_get(cfg, vi, "smtp_alert");
	assert_int_equal(o.how, CFG_HOW_INHERITED);
	assert_int_equal(o.loc.line, 8);
	cfg_free(cfg);
}

static void
test_instance_overrides(void **state)
{
	struct config *cfg;
	struct vrrp_instance *vi;

	(void)state;
	cfg = parse_ok("global_defs {\n vrrp_garp_master_delay 10\n}\n" INST2(
	    "VI_1", "1", "eth0", "192.0.2.1",
	    " garp_master_delay 2\n garp_master_refresh 30\n"
	    " garp_master_refresh_repeat 2\n garp_lower_prio_delay 1\n"
	    " garp_lower_prio_repeat 0\n lower_prio_no_advert false\n"
	    " higher_prio_send_advert\n kernel_rx_buf_size 65536\n"
	    " debug 2\n down_timer_adverts 10\n smtp_alert off\n"
	    " no_accept\n skip_check_adv_addr\n vmac_garp_intvl 4\n"
	    " dont_track_primary\n track_src_ip\n"));
	vi = inst(cfg, 0);
	assert_int_equal(vi->opts->garp_master_delay, 2 * SEC);
	assert_int_equal(vi->opts->garp_master_refresh, 30 * SEC);
	assert_int_equal(vi->opts->garp_master_refresh_repeat, 2);
	assert_int_equal(vi->opts->garp_lower_prio_delay, 1 * SEC);
	assert_int_equal(vi->opts->garp_lower_prio_repeat, 0);
	assert_int_equal(vi->opts->lower_prio_no_advert, 0);
	assert_int_equal(vi->opts->higher_prio_send_advert, 1);
	assert_int_equal(vi->opts->kernel_rx_buf_size, 65536);
	assert_int_equal(vi->opts->debug, 2);
	assert_int_equal(vi->opts->down_timer_adverts, 10);
	assert_int_equal(vi->opts->smtp_alert, 0);
	assert_int_equal(vi->accept, 0);
	assert_true(vi->skip_check_adv_addr);
	assert_int_equal(vi->opts->garp_extra_if, 4 * SEC);
	assert_true(vi->dont_track_primary);
	assert_true(vi->track_src_ip);
	cfg_free(cfg);
	expect_error(INST(" debug 5\n"), "7:8",
	    "invalid value '5' for 'debug': expected an integer from 0 to 4");
	expect_error(INST(" down_timer_adverts 0\n"), "7:21",
	    "invalid value '0' for 'down_timer_adverts'");
}

/* ---- strict mode ---- */

static void
test_strict(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok(INST(" strict_mode\n priority 255\n"));
	assert_int_equal(inst(cfg, 0)->strict_mode, 1);
	/* keepalived: the owner accepts; strict defaults of the GARPs */
	assert_int_equal(inst(cfg, 0)->accept, 1);
	assert_int_equal(inst(cfg, 0)->opts->garp_lower_prio_repeat, 0);
	assert_int_equal(inst(cfg, 0)->opts->garp_lower_prio_delay, 0);
	assert_int_equal(inst(cfg, 0)->opts->lower_prio_no_advert, 1);
	assert_int_equal(inst(cfg, 0)->opts->higher_prio_send_advert, 0);
	cfg_free(cfg);
	cfg = parse_ok("global_defs {\n vrrp_strict\n}\n" INST(""));
	assert_int_equal(inst(cfg, 0)->accept, 0);
	cfg_free(cfg);
	expect_error(INST(" strict_mode\n accept\n"), "7:2",
	    "strict mode with VRRP version 2 does not allow accept");
	expect_error(INST(" strict_mode\n garp_lower_prio_delay 1\n"), "7:2",
	    "strict mode does not allow garp_lower_prio_delay");
	expect_error(INST(" strict_mode\n lower_prio_no_advert off\n"), "7:2",
	    "strict mode needs lower_prio_no_advert");
	expect_error(INST(" strict_mode\n state MASTER\n priority 100\n"),
	    "8:8", "in strict mode 'state MASTER' is for the address owner");
	expect_error("global_defs {\n vrrp_strict\n}\n" INST(
	                 " authentication {\n  auth_type PASS\n"
	                 "  auth_pass x\n }\n"),
	    "11:3",
	    "strict mode (strict_mode or vrrp_strict) does not allow "
	    "authentication");
	expect_error(INST(" strict_mode on\n unicast_peer {\n  192.0.2.3\n"
	                  " }\n"),
	    "7:14", "strict mode does not allow unicast_peer");
	expect_error(INST(" strict_mode\n preempt_delay 3\n"), "8:16",
	    "strict mode does not allow preempt_delay");
	expect_error(INST(" strict_mode\n down_timer_adverts 4\n"), "7:2",
	    "strict mode needs down_timer_adverts 3");
	expect_error("vrrp_instance VI_1 {\n interface eth0\n strict_mode\n"
	             " virtual_router_id 1\n}\n",
	    "3:2", "strict mode needs at least one virtual_ipaddress");
	expect_error("vrrp_instance VI_1 {\n interface eth0\n strict_mode\n"
	             " virtual_router_id 1\n virtual_ipaddress {\n"
	             "  2001:db8::1\n }\n}\n",
	    "6:3", "in strict mode the first IPv6 VIP must be link-local");
	expect_error(INST(" strict_mode maybe\n"), "7:14",
	    "invalid value 'maybe': expected one of on, off");
}

/* ---- notify scripts ---- */

static void
test_notify(void **state)
{
	struct config *cfg;
	struct vrrp_instance *vi;

	(void)state;
	cfg = parse_ok(INST(" notify_master \"/bin/echo master\" root\n"
	                    " notify_backup /bin/true\n"
	                    " notify_fault /bin/true\n notify_stop /bin/true\n"
	                    " notify_deleted /bin/true\n notify /bin/true\n"
	                    " notify_master_rx_lower_pri /bin/true\n"
	                    " notify_priority_changes\n"));
	vi = inst(cfg, 0);
	assert_string_equal(vi->opts->notify_master.cmd, "/bin/echo master");
	assert_string_equal(vi->opts->notify_master.user, "root");
	assert_string_equal(vi->opts->notify_backup.cmd, "/bin/true");
	assert_non_null(vi->opts->notify_master_rx_lower_pri.cmd);
	assert_int_equal(vi->opts->notify_priority_changes, 1);
	cfg_free(cfg);
	expect_error(INST(" notify_master\n"), "7:2",
	    "'notify_master' is missing its script");
	expect_error(INST(" notify_master /bin/true nosuchuser99\n"), "7:26",
	    "unknown user 'nosuchuser99'");
}

/* ---- vrrp_script ---- */

static void
test_vrrp_script(void **state)
{
	struct config *cfg;
	struct vrrp_script *s;

	(void)state;
	cfg = parse_ok("vrrp_script chk {\n script \"/bin/true x\"\n}\n"
	               "vrrp_script chk2 {\n user root\n"
	               " script /bin/false\n interval 2.5\n timeout 1\n"
	               " weight -20 reverse\n rise 3\n fall 4\n init_fail\n"
	               "}\n");
	s = model(cfg)->scripts.v[0];
	assert_string_equal(s->name, "chk");
	assert_string_equal(s->script.cmd, "/bin/true x");
	assert_int_equal(s->interval, SEC);
	assert_int_equal(s->timeout, SEC);
	assert_int_equal(s->weight, 0);
	assert_int_equal(s->rise, 1);
	assert_int_equal(s->fall, 1);
	s = model(cfg)->scripts.v[1];
	assert_string_equal(s->script.user, "root");
	assert_int_equal(s->interval, 2500000);
	assert_int_equal(s->timeout, SEC);
	assert_int_equal(s->weight, -20);
	assert_true(s->reverse);
	assert_int_equal(s->rise, 3);
	assert_int_equal(s->fall, 4);
	assert_true(s->init_fail);
	cfg_free(cfg);
}

static void
test_vrrp_script_errors(void **state)
{
	(void)state;
	expect_error("vrrp_script chk {\n interval 2\n}\n", "1:13",
	    "vrrp_script 'chk' has no 'script' line");
	expect_error("vrrp_script chk {\n script /bin/true\n weight 300\n}\n",
	    "3:9",
	    "invalid value '300' for 'weight': expected an integer from -253 "
	    "to 253");
	expect_error("vrrp_script chk {\n script /bin/true\n weight 3 rev\n"
	             "}\n",
	    "3:11", "unexpected 'rev'");
	expect_error("vrrp_script chk {\n script /bin/true\n rise 0\n}\n",
	    "3:7", "invalid value '0' for 'rise'");
	expect_error("vrrp_script chk {\n script /bin/true\n}\n"
	             "vrrp_script chk {\n script /bin/true\n}\n",
	    "4:13", "vrrp_script 'chk' is already defined");
	expect_error("vrrp_script chk {\n script /bin/true\n user nosuch99\n"
	             "}\n",
	    "3:7", "unknown user 'nosuch99'");
}

static void
test_track_script(void **state)
{
	struct config *cfg;
	struct vrrp_track *t;
	struct cfg_origin o;

	(void)state;
	cfg_set_keep_origins(true);
	cfg = parse_ok(
	    "vrrp_script chk {\n script /bin/true\n weight 10\n}\n" INST2(
	        "VI_1", "1", "eth0", "192.0.2.1",
	        " track_script {\n  chk\n"
	        "  chk weight -5 reverse\n }\n"));
	t = inst(cfg, 0)->lists->track_script.v[0];
	assert_string_equal(t->name, "chk");
	assert_int_equal(t->weight, 10);
	o = cfg_origin_get(cfg, t, "track");
	assert_int_equal(o.how, CFG_HOW_INHERITED);
	assert_int_equal(o.loc.line, 3);
	t = inst(cfg, 0)->lists->track_script.v[1];
	assert_int_equal(t->weight, -5);
	assert_true(t->reverse);
	cfg_free(cfg);
}

static void
test_track_script_errors(void **state)
{
	(void)state;
	expect_error(INST(" track_script {\n  chk_haproxy\n }\n"), "8:3",
	    "track_script 'chk_haproxy' is not defined: expected the name of "
	    "a vrrp_script");
	expect_error(
	    "vrrp_script chk {\n script /bin/true\n}\n" INST2("VI_1", "1",
	        "eth0", "192.0.2.1", " track_script {\n  chk weight 254\n }\n"),
	    "11:14", "invalid value '254' for 'weight'");
	expect_error(
	    "vrrp_script chk {\n script /bin/true\n}\n" INST2("VI_1", "1",
	        "eth0", "192.0.2.1", " track_script {\n  chk heavy 2\n }\n"),
	    "11:7", "unexpected 'heavy': expected 'chk [weight");
}

static void
test_track_interface(void **state)
{
	struct config *cfg;
	struct vrrp_track *t;

	(void)state;
	cfg = parse_ok(INST(" track_interface {\n  eth1\n  eth2 weight -30\n"
	                    " }\n"));
	t = inst(cfg, 0)->lists->track_if.v[0];
	assert_string_equal(t->name, "eth1");
	assert_int_equal(t->weight, 0);
	t = inst(cfg, 0)->lists->track_if.v[1];
	assert_int_equal(t->weight, -30);
	cfg_free(cfg);
	expect_error(INST(" track_interface {\n  eth1 weight 5 reverse x\n"
	                  " }\n"),
	    "8:17", "unexpected 'reverse': expected '<IFNAME> [weight");
}

/* ---- track_file / track_process ---- */

static void
test_track_file(void **state)
{
	struct config *cfg;
	struct track_file *tf;
	struct vrrp_track *t;

	(void)state;
	cfg = parse_ok("vrrp_track_file maint {\n file /run/maint\n"
	               " weight -10 reverse\n init_file 5 overwrite\n}\n"
	               "track_file other {\n file /run/other\n}\n" INST2("VI_1",
	                   "1", "eth0", "192.0.2.1",
	                   " track_file {\n  maint\n  other weight 2\n }\n"));
	assert_int_equal(model(cfg)->track_files.n, 2);
	tf = model(cfg)->track_files.v[0];
	assert_string_equal(tf->file, "/run/maint");
	assert_int_equal(tf->weight, -10);
	assert_true(tf->reverse);
	assert_true(tf->init_file);
	assert_int_equal(tf->init_value, 5);
	assert_true(tf->init_overwrite);
	tf = model(cfg)->track_files.v[1];
	assert_int_equal(tf->weight, 1);
	t = inst(cfg, 0)->lists->track_file.v[0];
	assert_int_equal(t->weight, -10);
	cfg_free(cfg);
	expect_error("vrrp_track_file m {\n weight 1\n}\n", "1:17",
	    "vrrp_track_file 'm' has no 'file' line");
	expect_error("vrrp_track_file m {\n file /x\n init_file x\n}\n", "3:12",
	    "invalid value 'x' for 'init_file'");
	expect_error(INST(" track_file {\n  nosuch\n }\n"), "8:3",
	    "track_file 'nosuch' is not defined: expected the name of a "
	    "track_file");
	/* a near miss gets a suggestion */
	expect_error("vrrp_script chk_web {\n script /bin/true\n}\n" INST(
	                 " track_script {\n  chk_wbe\n }\n"),
	    "11:3",
	    "track_script 'chk_wbe' is not defined: expected the name of a "
	    "vrrp_script; did you mean 'chk_web'?");
}

static void
test_track_process(void **state)
{
	struct config *cfg;
	struct vrrp_track_process *tp;

	(void)state;
	cfg = parse_ok("vrrp_track_process nginx {\n process nginx -g daemon\n"
	               " param_match initial\n weight -40\n quorum 2\n"
	               " quorum_max 4\n delay 2\n terminate_delay 1\n"
	               " full_command\n}\n" INST2("VI_1", "1", "eth0",
	                   "192.0.2.1", " track_process {\n  nginx\n }\n"));
	tp = model(cfg)->track_processes.v[0];
	assert_string_equal(tp->process, "nginx");
	assert_string_equal(tp->params, "-g daemon");
	assert_int_equal(tp->param_match, VRRP_PARAM_MATCH_INITIAL);
	assert_int_equal(tp->weight, -40);
	assert_int_equal(tp->quorum, 2);
	assert_int_equal(tp->quorum_max, 4);
	assert_int_equal(tp->fork_delay, 2 * SEC);
	assert_int_equal(tp->terminate_delay, SEC);
	assert_true(tp->full_command);
	assert_int_equal(
	    ((struct vrrp_track *)inst(cfg, 0)->lists->track_process.v[0])
	        ->weight,
	    -40);
	cfg_free(cfg);
	/* delay alone sets both delays */
	cfg = parse_ok(
	    "vrrp_track_process p {\n process nginx\n delay 3\n}\n" INST2(
	        "VI_1", "1", "eth0", "192.0.2.1",
	        " track_process {\n  p\n }\n"));
	tp = model(cfg)->track_processes.v[0];
	assert_int_equal(tp->fork_delay, 3 * SEC);
	assert_int_equal(tp->terminate_delay, 3 * SEC);
	cfg_free(cfg);
	/* bare param_match: the exact command line, as keepalived */
	cfg = parse_ok("vrrp_track_process p {\n process sshd -D\n"
	               " param_match\n}\n");
	tp = model(cfg)->track_processes.v[0];
	assert_int_equal(tp->param_match, VRRP_PARAM_MATCH_EXACT);
	assert_true(tp->full_command);
	cfg_free(cfg);
}

static void
test_track_process_errors(void **state)
{
	(void)state;
	expect_error("vrrp_track_process p {\n quorum 1\n}\n", "1:20",
	    "vrrp_track_process 'p' has no 'process' line");
	expect_error("vrrp_track_process p {\n process x\n quorum 3\n"
	             " quorum_max 2\n}\n",
	    "1:20", "quorum_max 2 is below quorum 3");
	expect_error("vrrp_track_process p {\n process x\n"
	             " param_match partial\n}\n",
	    "1:20", "param_match needs parameters");
	expect_error("vrrp_track_process p {\n process x y\n"
	             " param_match fuzzy\n}\n",
	    "3:14", "invalid value 'fuzzy' for 'param_match'");
	expect_error(INST(" track_process {\n  nosuch\n }\n"), "8:3",
	    "track_process 'nosuch' is not defined");
}

/* ---- sync groups ---- */

#define TWO_INSTANCES INST("") INST2("VI_2", "52", "eth0", "192.0.2.2", "")

static void
test_sync_group(void **state)
{
	struct config *cfg;
	struct vrrp_sync_group *g;

	(void)state;
	cfg = parse_ok("vrrp_script chk {\n script /bin/true\n}\n"
	               "vrrp_sync_group VG {\n group {\n  VI_1\n  VI_2\n }\n"
	               " track_script {\n  chk weight 0\n }\n"
	               " notify_master /bin/true\n smtp_alert\n"
	               " sync_group_tracking_weight\n"
	               " notify_priority_changes off\n}\n" TWO_INSTANCES);
	g = model(cfg)->sync_groups.v[0];
	assert_string_equal(g->name, "VG");
	assert_int_equal(g->members.n, 2);
	assert_int_equal(g->smtp_alert, 1);
	assert_true(g->sync_group_tracking_weight);
	assert_int_equal(g->notify_priority_changes, 0);
	assert_string_equal(inst(cfg, 0)->sync_group, "VG");
	assert_string_equal(inst(cfg, 1)->sync_group, "VG");
	cfg_free(cfg);
	/* several names on one line, as keepalived allows */
	cfg = parse_ok("vrrp_sync_group VG {\n group {\n  VI_1 VI_2\n "
	               "}\n}\n" TWO_INSTANCES);
	assert_int_equal(
	    ((struct vrrp_sync_group *)model(cfg)->sync_groups.v[0])->members.n,
	    2);
	cfg_free(cfg);
}

static void
test_sync_group_errors(void **state)
{
	struct config *cfg;

	(void)state;
	expect_error("vrrp_sync_group VG {\n group {\n  VI_1\n  VI_9\n "
	             "}\n}\n" TWO_INSTANCES,
	    "4:3", "vrrp_sync_group 'VG': vrrp_instance 'VI_9' is not defined");
	expect_error(
	    "vrrp_sync_group A {\n group {\n  VI_1\n  VI_2\n }\n}\n"
	    "vrrp_sync_group B {\n group {\n  VI_1\n }\n}\n" TWO_INSTANCES,
	    "9:3", "vrrp_instance 'VI_1' is already in vrrp_sync_group 'A'");
	expect_error("vrrp_sync_group A {\n}\n" TWO_INSTANCES, "1:17",
	    "vrrp_sync_group 'A' has no instances");
	expect_error(
	    "vrrp_sync_group A {\n group {\n  VI_1\n  VI_2\n }\n}\n"
	    "vrrp_sync_group A {\n group {\n  VI_1\n }\n}\n" TWO_INSTANCES,
	    "7:17", "vrrp_sync_group 'A' is already defined");
	expect_error("vrrp_sync_group A {\n group {\n  VI_1\n  VI_2\n }\n"
	             " track_script {\n  none\n }\n}\n" TWO_INSTANCES,
	    "7:3", "track_script 'none' is not defined");
	cfg = parse_ok(
	    "vrrp_sync_group A {\n group {\n  VI_1\n }\n}\n" TWO_INSTANCES);
	expect_warning("1:17", "vrrp_sync_group 'A' has only one instance");
	cfg_free(cfg);
}

static void
test_sync_group_weights(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok(
	    "vrrp_script chk {\n script /bin/true\n weight 10\n}\n"
	    "vrrp_sync_group VG {\n group {\n  VI_1\n  VI_2\n }\n}\n" INST(
	        " track_script {\n  chk\n }\n"
	        " track_interface {\n  eth1 weight 5\n }\n")
	        INST2("VI_2", "52", "eth0", "192.0.2.2", ""));
	expect_warning("18:3",
	    "vrrp_instance 'VI_1': track_script 'chk' has "
	    "a weight, but it is in a vrrp_sync_group "
	    "without sync_group_tracking_weight: it is not "
	    "tracked");
	expect_warning("21:3", "its weight is ignored");
	assert_int_equal(inst(cfg, 0)->lists->track_script.n, 0);
	assert_int_equal(inst(cfg, 0)->lists->track_if.n, 1);
	assert_int_equal(
	    ((struct vrrp_track *)inst(cfg, 0)->lists->track_if.v[0])->weight,
	    0);
	cfg_free(cfg);
	/* with sync_group_tracking_weight the weights stay */
	cfg = parse_ok("vrrp_script chk {\n script /bin/true\n weight 10\n}\n"
	               "vrrp_sync_group VG {\n group {\n  VI_1\n  VI_2\n }\n"
	               " sync_group_tracking_weight\n}\n" INST(
	                   " track_script {\n  chk\n }\n")
	                   INST2("VI_2", "52", "eth0", "192.0.2.2", ""));
	assert_int_equal(inst(cfg, 0)->lists->track_script.n, 1);
	assert_int_equal(diag.nwarnings, 0);
	cfg_free(cfg);
	/* the address owner ignores weights too */
	cfg = parse_ok("vrrp_script chk {\n script /bin/true\n}\n" INST2("VI_1",
	    "1", "eth0", "192.0.2.1",
	    " priority 255\n track_script {\n  chk weight 3\n"
	    "  chk\n }\n"));
	expect_warning("12:3", "it is the address owner (priority 255)");
	assert_int_equal(inst(cfg, 0)->lists->track_script.n, 1);
	cfg_free(cfg);
}

/* ---- host checks ---- */

static void
test_host_checks(void **state)
{
	struct config *cfg;

	(void)state;
	cfg_set_host_checks(true);
	expect_error(INST2("VI_1", "1", "nosuchif0", "192.0.2.1", ""), "2:12",
	    "interface nosuchif0 does not exist on this host (set "
	    "dynamic_interfaces in global_defs to wait for it)");
	expect_error(INST2("VI_1", "1", "lo", "192.0.2.1", ""), "2:12",
	    "interface lo is a loopback: VRRP cannot run on it");
	expect_error(INST2("VI_1", "1", "nosuchif0", "192.0.2.1",
	                 " interface lo\n track_interface {\n  nosuchif1\n"
	                 " }\n"),
	    "9:3", "track_interface nosuchif1 does not exist on this host");
	cfg = parse("global_defs {\n dynamic_interfaces\n}\n" INST2(
	    "VI_1", "1", "nosuchif0", "192.0.2.1", ""));
	cfg_set_host_checks(false);
	assert_non_null(cfg);
	expect_warning("5:12",
	    "interface nosuchif0 does not exist yet; "
	    "waiting for it (dynamic_interfaces)");
	cfg_free(cfg);
}

/* A track script not deployed yet is a warning: the instance starts and
   the script counts as failing until it is there. */
static void
test_script_missing(void **state)
{
	(void)state;
	cfg_set_host_checks(true);
	cfg_free(parse_ok("vrrp_script chk {\n script \"/nonexistent/c.sh a\"\n"
	                  "}\nvrrp_script chk2 {\n script no-such-program-x\n"
	                  "}\n"));
	expect_warning_exact("2:9",
	    "script '/nonexistent/c.sh a': '/nonexistent/c.sh' is not found; "
	    "the check fails until it is there");
	expect_warning_exact("5:9",
	    "script 'no-such-program-x': 'no-such-program-x' is not found in "
	    "PATH; the check fails until it is there");
	expect_error("vrrp_script chk {\n script /etc/passwd\n}\n", "2:9",
	    "script '/etc/passwd': '/etc/passwd' is not executable");
}

static void
test_misc_keywords(void **state)
{
	struct config *cfg;
	struct vrrp_instance *vi;

	(void)state;
	cfg = parse_ok(INST(" use_ipvlan ipv1 192.0.2.7/24 bridge\n"
	                    " old_unicast_checksum never\n"
	                    " promote_secondaries\n check_unicast_src\n"
	                    " unicast_fault_no_peer\n vrf vrf-blue\n"
	                    " track_bfd {\n  bfd1 weight 2\n }\n"));
	vi = inst(cfg, 0);
	assert_true(vi->use_ipvlan);
	assert_string_equal(vi->opts->ipvlan, "ipv1 192.0.2.7/24 bridge");
	assert_false(vi->old_unicast_checksum);
	assert_true(vi->promote_secondaries);
	assert_true(vi->check_unicast_src);
	assert_true(vi->unicast_fault_no_peer);
	assert_string_equal(vi->opts->vrf, "vrf-blue");
	assert_int_equal(vi->lists->track_bfd.n, 1);
	cfg_free(cfg);
	expect_error(INST(" old_unicast_checksum always\n"), "7:23",
	    "expected 'never' or nothing");
	cfg = parse_ok(INST(" unicast_src_ip 192.0.2.9\n"));
	expect_warning("1:15",
	    "unicast keywords without unicast_peer: the "
	    "instance uses multicast");
	cfg_free(cfg);
}

/* ---- static addresses, routes, rules and groups ---- */

static void
test_static(void **state)
{
	struct config *cfg;
	struct vrrp_model *m;

	(void)state;
	cfg = parse_ok("track_group G1 {\n group {\n  VI_1\n }\n}\n"
	               "static_ipaddress {\n"
	               "  10.9.9.9/24 dev eth1 scope link track_group G1\n"
	               "}\n"
	               "static_routes {\n"
	               "  192.168.2.0/24 via 192.168.1.100 dev eth0 "
	               "track_group G1\n"
	               "}\n"
	               "static_rules {\n  from 192.168.2.0/24 table 1 "
	               "track_group G1\n}\n" INST(""));
	m = model(cfg);
	assert_int_equal(m->static_addrs.n, 1);
	assert_int_equal(m->static_routes.n, 1);
	assert_int_equal(m->static_rules.n, 1);
	assert_int_equal(m->track_groups.n, 1);
	assert_string_equal(
	    ((struct vrrp_ipaddr *)m->static_addrs.v[0])->x->track_group, "G1");
	cfg_free(cfg);
	cfg = parse_ok("track_group G2 {\n group {\n  VI_1\n }\n}\n" INST(""));
	assert_int_equal(model(cfg)->track_groups.n, 1);
	cfg_free(cfg);
	expect_error("track_group G1 {\n group {\n  VI_9\n }\n}\n" INST(""),
	    "3:3",
	    "track_group 'G1': vrrp_instance 'VI_9' is not "
	    "defined");
	expect_error("static_ipaddress {\n 10.0.0.1 track_group NOPE\n}\n",
	    "2:2", "static_ipaddress: track_group 'NOPE' is not defined");
	expect_error(
	    "static_routes extra {\n}\n", "1:15", "unexpected 'extra'");
}

static void
test_garp_group(void **state)
{
	struct config *cfg;
	struct vrrp_garp_group *g;

	(void)state;
	cfg = parse_ok("garp_group {\n garp_interval 0.002\n"
	               " gna_interval 0.001\n interface eth0\n"
	               " interfaces {\n  eth1\n  eth2\n }\n}\n");
	g = model(cfg)->garp_groups.v[0];
	assert_int_equal(g->garp_interval, 2000);
	assert_int_equal(g->gna_interval, 1000);
	assert_int_equal(g->ifnames.n, 3);
	cfg_free(cfg);
	expect_error("garp_group {\n garp_interval 1\n}\n", "1:1",
	    "garp_group has no interface");
	expect_error("garp_group {\n interface eth0\n}\n", "1:1",
	    "garp_group needs garp_interval or gna_interval");
}

static void
test_if_delays(void **state)
{
	struct config *cfg;
	struct vrrp_if_delay *d;

	(void)state;
	cfg = parse_ok("interface_up_down_delays {\n eth0 0.5\n eth1 1 2\n}\n");
	assert_int_equal(model(cfg)->if_delays.n, 2);
	d = model(cfg)->if_delays.v[0];
	assert_string_equal(d->ifname, "eth0");
	assert_int_equal(d->down, 500000);
	assert_int_equal(d->up, 500000);
	d = model(cfg)->if_delays.v[1];
	assert_int_equal(d->up, 2 * SEC);
	cfg_free(cfg);
	expect_error("interface_up_down_delays {\n eth0 256\n}\n", "2:7",
	    "expected a time in seconds from 0.000000 to 255.000000");
	expect_error("interface_up_down_delays {\n eth0\n}\n", "2:2",
	    "expected '<IFNAME> <DOWN_DELAY> [<UP_DELAY>]'");
	expect_error("interface_up_down_delays {\n eth0 1\n eth0 2\n}\n", "3:2",
	    "interface_up_down_delays: eth0 is listed twice");
}

/* ---- global_defs cross checks ---- */

static void
test_lvs_sync_daemon(void **state)
{
	struct config *cfg;

	(void)state;
	cfg =
	    parse_ok("global_defs {\n lvs_sync_daemon eth0 VI_1\n}\n" INST(""));
	cfg_free(cfg);
	/* the error points at the instance's name */
	expect_error(
	    "global_defs {\n lvs_sync_daemon eth0 VI_SYNC\n}\n" INST(""),
	    "2:23", "lvs_sync_daemon: vrrp_instance 'VI_SYNC' is not defined");
}

static void
test_deprecated(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok(INST(" linkbeat_use_polling\n"
	                    " lvs_sync_daemon_interface eth0\n"));
	expect_warning("7:2",
	    "'linkbeat_use_polling' in a vrrp_instance is "
	    "deprecated");
	expect_warning("8:2", "'lvs_sync_daemon_interface' is deprecated");
	assert_string_equal(
	    inst(cfg, 0)->opts->lvs_sync_daemon_interface, "eth0");
	cfg_free(cfg);
	cfg = parse_ok("vrrp_sync_group A {\n group {\n  VI_1\n  VI_2\n }\n"
	               " global_tracking\n}\n" TWO_INSTANCES);
	expect_warning("6:2", "'global_tracking' is deprecated");
	cfg_free(cfg);
}

static void
test_repeat_warns(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse_ok(INST(" priority 10\n priority 20\n"));
	expect_warning("8:2", "'priority' is given again in vrrp_instance");
	assert_int_equal(inst(cfg, 0)->priority, 20);
	cfg_free(cfg);
}

/* ---- -d ---- */

static char *
dump(struct config *cfg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	cfg_dump(f, cfg);
	fclose(f);
	return buf;
}

static void
assert_has(const char *buf, const char *what)
{
	if (strstr(buf, what) == NULL) {
		fprintf(stderr, "%s", buf);
		fail_msg("'%s' not in the dump above", what);
	}
}

static void
test_dump(void **state)
{
	struct config *cfg;
	char *buf;

	(void)state;
	cfg_set_keep_origins(true);
	cfg = parse_ok(
	    "global_defs {\n vrrp_version 3\n}\n"
	    "vrrp_script chk {\n script \"/bin/true x\"\n}\n"
	    "vrrp_sync_group VG {\n group {\n  VI_1\n  VI_2\n"
	    " }\n}\n" INST2("VI_1", "1", "eth0", "192.0.2.1/24 dev eth0",
	        " authentication {\n  auth_type PASS\n"
	        "  auth_pass pw\n }\n version 2\n"
	        " unicast_src_ip 192.0.2.9\n"
	        " unicast_peer {\n  192.0.2.10 min_ttl 3\n }\n"
	        " track_script {\n  chk weight 0\n }\n"
	        " virtual_routes {\n  10.0.0.0/8 via 192.0.2.254\n"
	        " }\n virtual_rules {\n  from 10.0.0.0/8 table 5\n"
	        " }\n use_vmac\n") INST2("VI_2", "2", "eth0", "192.0.2.2", ""));
	buf = dump(cfg);
	assert_has(buf, "vrrp_script chk {\n    script \"/bin/true x\"");
	assert_has(buf, "vrrp_instance VI_1 {\n");
	assert_has(buf, "    interface eth0  ");
	assert_has(buf, "# <config>:14\n");
	assert_has(buf,
	    "    virtual_ipaddress {\n"
	    "        192.0.2.1/24 dev eth0  ");
	assert_has(buf, "    authentication {\n        auth_type PASS");
	assert_has(buf, "        auth_pass pw  ");
	assert_has(buf, "    unicast_src_ip 192.0.2.9  ");
	assert_has(buf, "        192.0.2.10 min_ttl 3  ");
	assert_has(buf, "        chk weight 0  ");
	assert_has(buf, "        10.0.0.0/8 via 192.0.2.254  ");
	assert_has(buf, "        from 10.0.0.0/8 table 5  ");
	assert_has(buf, "    use_vmac  ");
	assert_has(buf, "    state BACKUP ");
	assert_has(buf, "    priority 100 ");
	/* VI_2's version comes from global_defs */
	assert_has(buf, "inherited from global_defs, <config>:2");
	assert_has(buf, "vrrp_sync_group VG {\n    group {\n        VI_1 ");
	free(buf);
	cfg_free(cfg);
}

static void
test_dump_aliases(void **state)
{
	struct config *cfg;
	char *buf;

	(void)state;
	cfg = parse_ok("vrrp_track_file f {\n file /x\n}\n"
	               "vrrp_track_process p {\n process x\n delay 3\n}\n"
	               "static_ipaddress {\n 10.0.0.1/8 dev eth0\n}\n");
	buf = dump(cfg);
	/* objects of alias sections print once, under the main name */
	assert_has(buf, "\ntrack_file f {");
	assert_null(strstr(buf, "vrrp_track_file"));
	assert_has(buf, "    fork_delay 3.000000");
	assert_null(strstr(buf, "    delay 3"));
	assert_has(buf, "static_ipaddress {\n    10.0.0.1/8 dev eth0");
	assert_null(strstr(buf, "static_routes"));
	free(buf);
	cfg_free(cfg);
}

/* ---- scale ---- */

/*
 * 10,000 instances parse into a model of 10,000 instances.  How long that
 * takes (duplicate checks must be sorted, not pairwise) is measured by
 * bench/config-load's vrrp-10000 case, not here: a unit test asserts no
 * wall-clock time, as it runs under ASan and on loaded machines.
 */
static void
test_scale(void **state)
{
	struct config *cfg;
	size_t cap = 10000 * 160, len = 0;
	char *text = malloc(cap);
	int i;

	(void)state;
	assert_non_null(text);
	for (i = 0; i < 10000; i++)
		len += (size_t)snprintf(text + len, cap - len,
		    "vrrp_instance VI_%d {\n interface e%d\n"
		    " virtual_router_id %d\n virtual_ipaddress {\n"
		    "  10.%d.%d.%d\n }\n}\n",
		    i, i / 250, i % 250 + 1, i / 65536, (i / 256) % 256,
		    i % 256);
	cfg = parse_ok(text);
	assert_int_equal(model(cfg)->instances.n, 10000);
	cfg_free(cfg);
	free(text);
}

/* Every VRRP keyword is registered under its section (for the man page). */
static void
test_keyword_list(void **state)
{
	static const char *const want[] = {
		"vrrp_instance.virtual_router_id",
		"vrrp_instance.authentication.auth_pass",
		"vrrp_instance.virtual_ipaddress_excluded",
		"vrrp_instance.track_bfd",
		"vrrp_instance.use_ipvlan",
		"vrrp_instance.mcast_dst_ip",
		"vrrp_instance.old_unicast_checksum",
		"vrrp_instance.notify_master_rx_lower_pri",
		"vrrp_script.init_fail",
		"vrrp_track_file.init_file",
		"vrrp_track_process.param_match",
		"vrrp_sync_group.sync_group_tracking_weight",
		"garp_group.interfaces",
		"track_group.group",
		"static_rules",
		NULL,
	};
	char *buf = NULL, line[128];
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_non_null(f);
	cfg_list_keywords(f);
	fclose(f);
	for (i = 0; want[i] != NULL; i++) {
		snprintf(line, sizeof(line), "\n%s\t", want[i]);
		assert_has(buf, line);
	}
	free(buf);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_minimal_defaults, teardown),
		cmocka_unit_test_teardown(test_master_priority, teardown),
		cmocka_unit_test_teardown(test_state_invalid, teardown),
		cmocka_unit_test_teardown(test_vrid_range, teardown),
		cmocka_unit_test_teardown(test_vrid_missing, teardown),
		cmocka_unit_test_teardown(test_priority_range, teardown),
		cmocka_unit_test_teardown(test_instance_name, teardown),
		cmocka_unit_test_teardown(test_unknown_keyword, teardown),
		cmocka_unit_test_teardown(test_advert_int, teardown),
		cmocka_unit_test_teardown(test_version, teardown),
		cmocka_unit_test_teardown(test_ipv6_instance, teardown),
		cmocka_unit_test_teardown(test_native_ipv6, teardown),
		cmocka_unit_test_teardown(test_auth, teardown),
		cmocka_unit_test_teardown(test_auth_errors, teardown),
		cmocka_unit_test_teardown(test_vip_options, teardown),
		cmocka_unit_test_teardown(test_vip_errors, teardown),
		cmocka_unit_test_teardown(test_vip_family, teardown),
		cmocka_unit_test_teardown(test_vip_duplicates, teardown),
		cmocka_unit_test_teardown(test_no_vip, teardown),
		cmocka_unit_test_teardown(test_routes, teardown),
		cmocka_unit_test_teardown(test_route_errors, teardown),
		cmocka_unit_test_teardown(test_rules, teardown),
		cmocka_unit_test_teardown(test_rule_errors, teardown),
		cmocka_unit_test_teardown(test_unicast, teardown),
		cmocka_unit_test_teardown(test_unicast_errors, teardown),
		cmocka_unit_test_teardown(test_mcast, teardown),
		cmocka_unit_test_teardown(test_interface, teardown),
		cmocka_unit_test_teardown(test_vmac, teardown),
		cmocka_unit_test_teardown(test_garp_extra_if, teardown),
		cmocka_unit_test_teardown(test_preempt, teardown),
		cmocka_unit_test_teardown(test_preempt_warnings, teardown),
		cmocka_unit_test_teardown(test_duplicate_vrid, teardown),
		cmocka_unit_test_teardown(test_garp_inherit, teardown),
		cmocka_unit_test_teardown(test_instance_overrides, teardown),
		cmocka_unit_test_teardown(test_strict, teardown),
		cmocka_unit_test_teardown(test_notify, teardown),
		cmocka_unit_test_teardown(test_vrrp_script, teardown),
		cmocka_unit_test_teardown(test_vrrp_script_errors, teardown),
		cmocka_unit_test_teardown(test_track_script, teardown),
		cmocka_unit_test_teardown(test_track_script_errors, teardown),
		cmocka_unit_test_teardown(test_track_interface, teardown),
		cmocka_unit_test_teardown(test_track_file, teardown),
		cmocka_unit_test_teardown(test_track_process, teardown),
		cmocka_unit_test_teardown(test_track_process_errors, teardown),
		cmocka_unit_test_teardown(test_sync_group, teardown),
		cmocka_unit_test_teardown(test_sync_group_errors, teardown),
		cmocka_unit_test_teardown(test_sync_group_weights, teardown),
		cmocka_unit_test_teardown(test_host_checks, teardown),
		cmocka_unit_test_teardown(test_script_missing, teardown),
		cmocka_unit_test_teardown(test_misc_keywords, teardown),
		cmocka_unit_test_teardown(test_static, teardown),
		cmocka_unit_test_teardown(test_garp_group, teardown),
		cmocka_unit_test_teardown(test_if_delays, teardown),
		cmocka_unit_test_teardown(test_lvs_sync_daemon, teardown),
		cmocka_unit_test_teardown(test_deprecated, teardown),
		cmocka_unit_test_teardown(test_repeat_warns, teardown),
		cmocka_unit_test_teardown(test_dump, teardown),
		cmocka_unit_test_teardown(test_dump_aliases, teardown),
		cmocka_unit_test_teardown(test_scale, teardown),
		cmocka_unit_test_teardown(test_keyword_list, teardown),
	};

	cfg_register_all();
	cfg_diag_init(&diag);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
