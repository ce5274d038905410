/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_ipvs_table.c: the IPVS child's wanted table and its difference
   with the kernel's (pure logic). */

#include <arpa/inet.h>
#include <linux/ip_vs.h>
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
#include "ipvs_int.h"
#include "vs_equal.h"

/* The checker's decisions the test gives: by real server, in file
   order of the first virtual server; NULL: unknown. */
static struct msg_rs_desired decided[64];
static size_t ndecided;

static const struct msg_rs_desired *
lookup(objid_t id, void *arg)
{
	size_t i;

	(void)arg;
	for (i = 0; i < ndecided; i++)
		if (decided[i].rs == id)
			return &decided[i];
	return NULL;
}

/* Every real server (and sorry server) of the configuration decided:
   in the table with its configured weight, or as flags say. */
static void
decide_all(const struct config *cfg, uint8_t flags)
{
	const struct vs_model *m = cfg_model(cfg, CFG_MODEL_VS);
	const struct vs_vs *vs;
	const struct vs_rs *rs;
	size_t i;

	ndecided = 0;
	for (i = 0; i < m->vss.n; i++) {
		vs = m->vss.v[i];
		for (rs = vs->rss; rs != NULL; rs = rs->next) {
			decided[ndecided].rs = vs_rs_id(vs_id(vs), rs);
			decided[ndecided].vs = vs_id(vs);
			decided[ndecided].weight = rs->weight;
			decided[ndecided++].flags = flags;
		}
	}
}

/* The operations a diff asks for, as text. */
static char ops[4096];

static void
record(enum ipvs_nl_op op, const struct ipvs_svc *s, const struct ipvs_dest *d,
    void *arg)
{
	char sn[IV_NAME_MAX], dn[IV_NAME_MAX] = "";
	size_t len = strlen(ops);

	(void)arg;
	iv_svc_name(s, sn, sizeof(sn));
	if (d != NULL)
		iv_dest_name(d, dn, sizeof(dn));
	snprintf(ops + len, sizeof(ops) - len, "%s %s%s%s w%u\n",
	    ipvs_nl_op_name(op), sn, d != NULL ? " " : "", dn,
	    d != NULL ? d->weight : 0);
}

static bool
never_owned(const struct ipvs_svc *s, void *arg)
{
	(void)s;
	(void)arg;
	return false;
}

static bool
all_owned(const struct ipvs_svc *s, void *arg)
{
	(void)s;
	(void)arg;
	return true;
}

static size_t
diff(const struct iv_table *want, const struct iv_table *seen,
    struct iv_table *next, bool owned)
{
	struct iv_diff_ops o = {
		.op = record,
		.owned = owned ? all_owned : never_owned,
	};

	ops[0] = '\0';
	return iv_diff(want, seen, &o, next);
}

static const char conf_two[] = "virtual_server 192.0.2.10 80 {\n"
                               "  lb_algo wrr\n"
                               "  persistence_timeout 300\n"
                               "  protocol TCP\n"
                               "  real_server 198.51.100.2 8080 { weight 3 }\n"
                               "  real_server 198.51.100.3 8080 { weight 5 }\n"
                               "}\n";

/* A table from nothing: the service, then its destinations. */
static void
test_from_empty(void **state)
{
	struct config *cfg = parse_ok(conf_two);
	struct iv_table want = { 0 }, seen = { 0 }, next = { 0 };

	(void)state;
	decide_all(cfg, MSG_RS_F_IN_TABLE | MSG_RS_F_ALIVE);
	iv_want_build(&want, cfg_model(cfg, CFG_MODEL_VS), lookup, NULL);
	assert_int_equal(want.n, 1);
	assert_string_equal(want.svcs[0].s.sched, "wrr");
	assert_int_equal(want.svcs[0].s.flags, IP_VS_SVC_F_PERSISTENT);
	assert_int_equal(want.svcs[0].s.timeout, 300);
	assert_int_equal(want.svcs[0].s.netmask, 0xffffffffu);
	assert_int_equal(diff(&want, &seen, &next, false), 3);
	assert_string_equal(ops,
	    "add service TCP [192.0.2.10]:80 w0\n"
	    "add destination TCP [192.0.2.10]:80 [198.51.100.2]:8080 w3\n"
	    "add destination TCP [192.0.2.10]:80 [198.51.100.3]:8080 w5\n");
	/* once applied, nothing is left to do */
	assert_int_equal(next.n, 1);
	assert_int_equal(next.svcs[0].n, 2);
	assert_int_equal(diff(&want, &next, &seen, false), 0);
	iv_table_free(&want);
	iv_table_free(&seen);
	iv_table_free(&next);
	cfg_free(cfg);
}

/* A weight change is an edit of the destination, never delete + add;
   a failed server leaves; an unknown one stays as it is. */
static void
test_edit_remove_keep(void **state)
{
	struct config *cfg = parse_ok(conf_two);
	struct iv_table want = { 0 }, seen = { 0 }, next = { 0 };

	(void)state;
	decide_all(cfg, MSG_RS_F_IN_TABLE);
	iv_want_build(&seen, cfg_model(cfg, CFG_MODEL_VS), lookup, NULL);
	decided[0].weight = 7;
	decided[1].flags = 0;
	iv_want_build(&want, cfg_model(cfg, CFG_MODEL_VS), lookup, NULL);
	assert_int_equal(diff(&want, &seen, &next, false), 2);
	assert_string_equal(ops,
	    "delete destination TCP [192.0.2.10]:80 [198.51.100.3]:8080 w5\n"
	    "edit destination TCP [192.0.2.10]:80 [198.51.100.2]:8080 w7\n");
	assert_int_equal(next.svcs[0].n, 1);

	/* health unknown (a restarted checker): nothing moves */
	ndecided = 0;
	iv_want_build(&want, cfg_model(cfg, CFG_MODEL_VS), lookup, NULL);
	assert_int_equal(want.svcs[0].dests[0].want, IV_KEEP);
	assert_int_equal(diff(&want, &seen, &next, false), 0);
	assert_int_equal(next.svcs[0].n, 2);
	assert_int_equal(next.svcs[0].dests[1].d.weight, 5);
	iv_table_free(&want);
	iv_table_free(&seen);
	iv_table_free(&next);
	cfg_free(cfg);
}

/* Someone else's service is never touched; someone else's destination
   in vigil's service goes; a service a reload removed goes. */
static void
test_foreign_and_owned(void **state)
{
	struct config *cfg = parse_ok(conf_two);
	struct iv_table want = { 0 }, seen = { 0 }, next = { 0 };
	struct ipvs_svc other = { .af = AF_INET,
		.protocol = IPPROTO_UDP,
		.port = 53,
		.sched = "rr" };
	struct ipvs_dest stray = { .af = AF_INET, .port = 80, .weight = 1 };
	struct iv_svc *s;

	(void)state;
	inet_pton(AF_INET, "203.0.113.1", other.addr);
	inet_pton(AF_INET, "198.51.100.9", stray.addr);
	decide_all(cfg, MSG_RS_F_IN_TABLE);
	iv_want_build(&want, cfg_model(cfg, CFG_MODEL_VS), lookup, NULL);
	iv_want_build(&seen, cfg_model(cfg, CFG_MODEL_VS), lookup, NULL);
	s = iv_table_add(&seen, &other);
	iv_svc_add(s, &stray);
	iv_svc_add(&seen.svcs[0], &stray);
	iv_table_sort(&seen);
	assert_int_equal(diff(&want, &seen, &next, false), 1);
	assert_string_equal(ops,
	    "delete destination TCP [192.0.2.10]:80 [198.51.100.9]:80 w1\n");
	assert_int_equal(next.n, 2);
	assert_int_equal(diff(&want, &seen, &next, true), 2);
	assert_string_equal(ops,
	    "delete destination TCP [192.0.2.10]:80 [198.51.100.9]:80 w1\n"
	    "delete service UDP [203.0.113.1]:53 w0\n");
	assert_int_equal(next.n, 1);
	iv_table_free(&want);
	iv_table_free(&seen);
	iv_table_free(&next);
	cfg_free(cfg);
}

/* A group is one service per address of its ranges and per fwmark,
   each with every real server; the settings edit a service in place. */
static void
test_group_and_edit(void **state)
{
	struct config *cfg =
	    parse_ok("virtual_server_group web {\n"
	             "  192.0.2.1-3 80\n"
	             "  fwmark 7\n"
	             "}\n"
	             "virtual_server group web {\n"
	             "  lb_algo sh\n"
	             "  sh-port\n"
	             "  sh-fallback\n"
	             "  protocol TCP\n"
	             "  lb_kind DR\n"
	             "  real_server 198.51.100.2 80 { weight 2 }\n"
	             "}\n");
	struct config *cfg2;
	struct iv_table want = { 0 }, seen = { 0 }, next = { 0 };

	(void)state;
	decide_all(cfg, MSG_RS_F_IN_TABLE);
	iv_want_build(&seen, cfg_model(cfg, CFG_MODEL_VS), lookup, NULL);
	assert_int_equal(seen.n, 4);
	assert_int_equal(iv_table_dests(&seen), 4);
	assert_int_equal(seen.svcs[0].s.flags,
	    IP_VS_SVC_F_SCHED_SH_PORT | IP_VS_SVC_F_SCHED_SH_FALLBACK);
	assert_int_equal(
	    seen.svcs[0].dests[0].d.conn_flags, IP_VS_CONN_F_DROUTE);
	/* DR: the address services' port, none in the fwmark service */
	assert_int_equal(seen.svcs[3].s.fwmark, 7);
	assert_int_equal(seen.svcs[3].dests[0].d.port, 0);
	assert_int_equal(seen.svcs[0].dests[0].d.port, 80);
	cfg2 = parse_ok("virtual_server_group web {\n"
	                "  192.0.2.1-3 80\n"
	                "  fwmark 7\n"
	                "}\n"
	                "virtual_server group web {\n"
	                "  lb_algo rr\n"
	                "  protocol TCP\n"
	                "  lb_kind DR\n"
	                "  real_server 198.51.100.2 80 { weight 2 }\n"
	                "}\n");
	decide_all(cfg2, MSG_RS_F_IN_TABLE);
	iv_want_build(&want, cfg_model(cfg2, CFG_MODEL_VS), lookup, NULL);
	assert_int_equal(diff(&want, &seen, &next, false), 4);
	assert_non_null(strstr(ops, "edit service FWM 7 w0\n"));
	assert_non_null(strstr(ops, "edit service TCP [192.0.2.3]:80 w0\n"));
	assert_null(strstr(ops, "destination"));
	iv_table_free(&want);
	iv_table_free(&seen);
	iv_table_free(&next);
	cfg_free(cfg);
	cfg_free(cfg2);
}

/* Forwarding, tunnels, thresholds and IPv6 persistence granularity. */
static void
test_dest_settings(void **state)
{
	struct config *cfg =
	    parse_ok("virtual_server 2001:db8::1 443 {\n"
	             "  protocol TCP\n"
	             "  persistence_timeout 60\n"
	             "  persistence_granularity 64\n"
	             "  real_server 2001:db8::10 443 {\n"
	             "    lvs_method TUN type gue port 6080 csum\n"
	             "    uthreshold 100\n"
	             "    lthreshold 10\n"
	             "  }\n"
	             "}\n");
	struct iv_table want = { 0 };
	const struct ipvs_dest *d;

	(void)state;
	decide_all(cfg, MSG_RS_F_IN_TABLE);
	iv_want_build(&want, cfg_model(cfg, CFG_MODEL_VS), lookup, NULL);
	assert_int_equal(want.n, 1);
	assert_int_equal(want.svcs[0].s.af, AF_INET6);
	assert_int_equal(want.svcs[0].s.netmask, 64);
	d = &want.svcs[0].dests[0].d;
	assert_int_equal(d->conn_flags, IP_VS_CONN_F_TUNNEL);
	assert_int_equal(d->tun_type, IP_VS_CONN_F_TUNNEL_TYPE_GUE);
	assert_int_equal(d->tun_port, 6080);
	assert_int_equal(d->tun_flags, IP_VS_TUNNEL_ENCAP_FLAG_CSUM);
	assert_int_equal(d->u_threshold, 100);
	assert_int_equal(d->l_threshold, 10);
	iv_table_free(&want);
	cfg_free(cfg);
}

/* 10,000 destinations: one weight changed is one operation. */
static void
test_large_one_edit(void **state)
{
	struct iv_table want = { 0 }, seen = { 0 }, next = { 0 };
	struct ipvs_svc s = { .af = AF_INET,
		.protocol = IPPROTO_TCP,
		.sched = "wlc",
		.netmask = 0xffffffffu };
	struct ipvs_dest d = { .af = AF_INET, .port = 80, .weight = 1 };
	struct iv_svc *n;
	int i, j;

	(void)state;
	for (i = 0; i < 100; i++) {
		s.addr[0] = 192;
		s.addr[1] = 0;
		s.addr[2] = 2;
		s.addr[3] = (uint8_t)(i + 1);
		s.port = 80;
		n = iv_table_add(&want, &s);
		for (j = 0; j < 100; j++) {
			d.addr[0] = 198;
			d.addr[1] = 51;
			d.addr[2] = (uint8_t)(100 + j / 250);
			d.addr[3] = (uint8_t)(j % 250 + 1);
			iv_svc_add(n, &d);
		}
	}
	iv_table_sort(&want);
	assert_int_equal(diff(&want, &seen, &next, false), 10100);
	want.svcs[42].dests[17].d.weight = 9;
	assert_int_equal(diff(&want, &next, &seen, false), 1);
	assert_non_null(strstr(ops, "edit destination"));
	iv_table_free(&want);
	iv_table_free(&seen);
	iv_table_free(&next);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_from_empty),
		cmocka_unit_test(test_edit_remove_keep),
		cmocka_unit_test(test_foreign_and_owned),
		cmocka_unit_test(test_group_and_edit),
		cmocka_unit_test(test_dest_settings),
		cmocka_unit_test(test_large_one_edit),
	};

	cfg_register_all();
	cfg_diag_init(&diag);
	return cmocka_run_group_tests(tests, NULL, teardown);
}
