/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_mail.c: the mail module's pure parts (alerts' words, headers, the
   digest, the queue's bound, backoff and coalescing) and its keywords. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "cfg.h"
#include "cfg_test.h"
#include "check_result.h"
#include "mail_int.h"
#include "msg.h"
#include "objid.h"

static struct mail_alert alert_n(unsigned n);
static const struct mail_alert *at_list(unsigned i, void *arg);

static struct mail_alert
alert_n(unsigned n)
{
	struct mail_alert a = { .usec = 1000000ULL * n };

	snprintf(a.subject, sizeof(a.subject), "subject %u", n);
	snprintf(a.body, sizeof(a.body), "body %u", n);
	return a;
}

static void
test_alert_words(void **state)
{
	struct mail_event_view v = {
		.router_id = "lb1",
		.kind = OBJ_VRRP_INSTANCE,
		.name = "VI_1",
		.old_state = MSG_VRRP_BACKUP,
		.new_state = MSG_VRRP_MASTER,
	};
	struct mail_alert a;

	(void)state;
	assert_int_equal(mail_alert_make(&a, &v), 0);
	assert_string_equal(
	    a.subject, "[lb1] VRRP Instance VI_1 - Entering MASTER state");
	assert_string_equal(
	    a.body, "=> VRRP Instance is now owning VRRP VIPs <=");
	v.new_state = MSG_VRRP_FAULT;
	assert_int_equal(mail_alert_make(&a, &v), 0);
	assert_string_equal(
	    a.subject, "[lb1] VRRP Instance VI_1 - Entering FAULT state");
	v.new_state = MSG_VRRP_STOP;
	assert_int_equal(mail_alert_make(&a, &v), 0);
	assert_string_equal(a.subject, "[lb1] VRRP Instance VI_1 - Stopping");
	assert_string_equal(a.body, "=> VRRP Instance stopping <=");
	v.new_state = MSG_VRRP_INIT;
	assert_int_equal(mail_alert_make(&a, &v), -1);

	v.kind = OBJ_VRRP_GROUP;
	v.name = "G1";
	v.new_state = MSG_VRRP_BACKUP;
	assert_int_equal(mail_alert_make(&a, &v), 0);
	assert_string_equal(
	    a.subject, "[lb1] VRRP Group G1 - Entering BACKUP state");
	assert_string_equal(
	    a.body, "=> All VRRP group instances are now in BACKUP state <=");

	v.kind = OBJ_RS;
	v.name = "[192.0.2.10]:tcp:80";
	v.scope = "[192.0.2.1]:tcp:80";
	v.new_state = MSG_RS_DOWN;
	v.reason = CHECK_R_REFUSED;
	assert_int_equal(mail_alert_make(&a, &v), 0);
	assert_string_equal(a.subject,
	    "[lb1] Realserver [192.0.2.10]:tcp:80 of virtual server "
	    "[192.0.2.1]:tcp:80 - DOWN");
	assert_string_equal(
	    a.body, "=> CHECK failed on service: connection refused <=");
	v.reason = CHECK_R_NONE;
	assert_int_equal(mail_alert_make(&a, &v), 0);
	assert_string_equal(a.body, "=> Shutting down <=");
	v.new_state = MSG_RS_UP;
	assert_int_equal(mail_alert_make(&a, &v), 0);
	assert_string_equal(a.body, "=> CHECK succeed on service <=");

	v.kind = OBJ_VS;
	v.name = "[192.0.2.1]:tcp:80";
	v.new_state = MSG_VS_DOWN;
	v.value = 1;
	assert_int_equal(mail_alert_make(&a, &v), 0);
	assert_string_equal(
	    a.subject, "[lb1] Virtualserver [192.0.2.1]:tcp:80 - DOWN");
	assert_string_equal(a.body, "=> Lost quorum (live weight 1) <=");

	v.kind = OBJ_PROC;
	assert_int_equal(mail_alert_make(&a, &v), -1);
}

static void
test_headers(void **state)
{
	char buf[256];

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	mail_fmt_date(buf, sizeof(buf), 1614591848);
	assert_string_equal(buf, "Mon, 01 Mar 2021 09:44:08 +0000");
	mail_fmt_mailbox(buf, sizeof(buf), NULL, "a@example.org");
	assert_string_equal(buf, "a@example.org");
	mail_fmt_mailbox(buf, sizeof(buf), "LB \"one\"\\", "a@example.org");
	assert_string_equal(buf, "\"LB \\\"one\\\"\\\\\" <a@example.org>");
	assert_true(mail_addr_ok("a.b+c@example.org"));
	assert_false(mail_addr_ok("a b@example.org"));
	assert_false(mail_addr_ok("<a@example.org>"));
	assert_false(mail_addr_ok("a@b@example.org"));
	assert_false(mail_addr_ok("example.org"));
	assert_false(mail_addr_ok("a@example.org\r\nBcc: x@y"));
}

static const struct mail_alert *
at_list(unsigned i, void *arg)
{
	return &((const struct mail_alert *)arg)[i];
}

static void
test_compose(void **state)
{
	static const char *const to[] = { "a@example.org", "b@example.org" };
	struct mail_envelope env = {
		.from = "vigil@example.org",
		.from_name = "LB",
		.to = to,
		.n_to = 2,
		.host = "lb1.example.org",
		.router_id = "lb1",
		.date = 1614591848,
		.msgid_seq = 7,
		.pid = 42,
	};
	struct mail_alert al[3];
	struct mail_buf b = { 0 };

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	al[0] = alert_n(1);
	al[1] = alert_n(2);
	al[2] = alert_n(3);
	/* a subject with a line break cannot add a header */
	snprintf(al[0].subject, sizeof(al[0].subject), "x\r\nBcc: evil@x");
	mail_compose(&b, &env, at_list, al, 1, 0);
	assert_false(b.oom);
	assert_non_null(
	    strstr(b.p, "Date: Mon, 01 Mar 2021 09:44:08 +0000\r\n"));
	assert_non_null(strstr(b.p, "From: \"LB\" <vigil@example.org>\r\n"));
	assert_non_null(strstr(b.p, "To: a@example.org, b@example.org\r\n"));
	assert_non_null(strstr(b.p, "Subject: x  Bcc: evil@x\r\n"));
	assert_null(strstr(b.p, "\nBcc:"));
	assert_non_null(
	    strstr(b.p, "Message-ID: <1614591848.42.7@lb1.example.org>\r\n"));
	assert_non_null(strstr(b.p, "\r\n\r\nbody 1\r\n"));
	mail_buf_free(&b);

	mail_compose(&b, &env, at_list, al, 3, 0);
	assert_non_null(strstr(b.p, "Subject: [lb1] 3 alerts (digest)\r\n"));
	assert_non_null(
	    strstr(b.p, "\r\n=> 3 alerts coalesced into one mail <=\r\n"));
	assert_non_null(strstr(b.p, "subject 3\r\n    body 3\r\n"));
	mail_buf_free(&b);

	mail_compose(&b, &env, at_list, al + 2, 1, 5);
	assert_non_null(strstr(
	    b.p, "Subject: [lb1] 1 alerts (digest; 5 older dropped)\r\n"));
	assert_non_null(strstr(b.p, "=> 5 older alerts were dropped"));
	mail_buf_free(&b);
}

/* Alone when few wait, a digest of everything when a burst waits. */
static void
test_queue_coalesce(void **state)
{
	struct mail_queue q;
	struct mail_alert a;
	unsigned i;

	(void)state;
	assert_int_equal(mail_queue_init(&q, MAIL_QUEUE_MAX), 0);
	assert_int_equal(mail_queue_take(&q), 0);
	for (i = 1; i <= MAIL_DIGEST_MIN - 1; i++) {
		a = alert_n(i);
		mail_queue_push(&q, &a);
	}
	assert_int_equal(mail_queue_take(&q), 1);
	assert_string_equal(mail_queue_at(&q, 0)->subject, "subject 1");
	/* taking again while one is in send adds nothing */
	assert_int_equal(mail_queue_take(&q), 1);
	mail_queue_sent(&q);
	assert_int_equal(mail_queue_take(&q), 1);
	assert_string_equal(mail_queue_at(&q, 0)->subject, "subject 2");
	mail_queue_sent(&q);
	for (i = 10; i < 60; i++) {
		a = alert_n(i);
		mail_queue_push(&q, &a);
	}
	/* one was left waiting (3), 50 came: one digest of 51 */
	assert_int_equal(mail_queue_take(&q), 51);
	assert_string_equal(mail_queue_at(&q, 0)->subject, "subject 3");
	assert_string_equal(mail_queue_at(&q, 50)->subject, "subject 59");
	assert_int_equal(mail_queue_dropped(&q), 0);
	mail_queue_sent(&q);
	assert_int_equal(mail_queue_len(&q), 0);
	mail_queue_free(&q);
}

/* Past the bound the oldest go, and the digest counts them. */
static void
test_queue_bound(void **state)
{
	struct mail_queue q;
	struct mail_alert a;
	unsigned i;

	(void)state;
	assert_int_equal(mail_queue_init(&q, MAIL_QUEUE_MAX), 0);
	for (i = 0; i < MAIL_QUEUE_MAX + 25; i++) {
		a = alert_n(i);
		mail_queue_push(&q, &a);
	}
	assert_int_equal(mail_queue_len(&q), MAIL_QUEUE_MAX);
	assert_int_equal(mail_queue_take(&q), MAIL_QUEUE_MAX);
	assert_int_equal(mail_queue_dropped(&q), 25);
	assert_string_equal(mail_queue_at(&q, 0)->subject, "subject 25");
	mail_queue_sent(&q);
	assert_int_equal(mail_queue_dropped(&q), 0);
	/* a lone alert after drops still says so: a digest */
	for (i = 0; i < MAIL_QUEUE_MAX + 1; i++) {
		a = alert_n(i);
		mail_queue_push(&q, &a);
	}
	assert_int_equal(mail_queue_take(&q), MAIL_QUEUE_MAX);
	assert_int_equal(mail_queue_dropped(&q), 1);
	assert_int_equal(mail_queue_clear(&q), MAIL_QUEUE_MAX);
	assert_int_equal(mail_queue_len(&q), 0);
	mail_queue_free(&q);
}

/* Backoff doubles to its maximum; logged once; the window ends it; a
   final failure drops at once; a retry absorbs a burst. */
static void
test_queue_retry(void **state)
{
	struct mail_queue q;
	struct mail_alert a = alert_n(1);
	double d = 0, now = 100;
	bool first;
	unsigned i;

	(void)state;
	assert_int_equal(mail_queue_init(&q, MAIL_QUEUE_MAX), 0);
	mail_queue_push(&q, &a);
	assert_int_equal(mail_queue_take(&q), 1);
	assert_int_equal(
	    mail_queue_failed(&q, true, now, &d, &first), MAIL_RETRY);
	assert_true(first);
	assert_true(d == 1.0);
	assert_int_equal(
	    mail_queue_failed(&q, true, now, &d, &first), MAIL_RETRY);
	assert_false(first);
	assert_true(d == 2.0);
	assert_int_equal(
	    mail_queue_failed(&q, true, now, &d, &first), MAIL_RETRY);
	assert_true(d == 4.0);
	for (i = 0; i < 10; i++)
		mail_queue_failed(&q, true, now, &d, &first);
	assert_true(d == MAIL_BACKOFF_MAX);
	/* a burst while backing off joins the retry */
	for (i = 2; i < 2 + MAIL_DIGEST_MIN; i++) {
		a = alert_n(i);
		mail_queue_push(&q, &a);
	}
	assert_int_equal(mail_queue_take(&q), 1 + MAIL_DIGEST_MIN);
	assert_int_equal(
	    mail_queue_failed(&q, true, now + MAIL_RETRY_WINDOW, &d, &first),
	    MAIL_DROP);
	assert_false(first);
	assert_int_equal(mail_queue_len(&q), 0);

	/* a 5xx: dropped at its first failure */
	a = alert_n(9);
	mail_queue_push(&q, &a);
	assert_int_equal(mail_queue_take(&q), 1);
	assert_int_equal(
	    mail_queue_failed(&q, false, now, &d, &first), MAIL_DROP);
	assert_true(first);
	/* the next mail's failure is logged again */
	mail_queue_push(&q, &a);
	assert_int_equal(mail_queue_take(&q), 1);
	assert_int_equal(
	    mail_queue_failed(&q, true, now, &d, &first), MAIL_RETRY);
	assert_true(first);
	mail_queue_sent(&q);
	mail_queue_free(&q);
}

/* vigil's keywords: smtp_tls, smtp_ca_file, smtp_auth_file and the From's
   display name; the auth file's mode with host checks. */
static void
test_keywords(void **state)
{
	char path[] = "/tmp/vigil-test-auth.XXXXXX", text[512];
	struct config *cfg;
	int fd;

	(void)state;
	cfg = parse_ok("global_defs {\nsmtp_tls starttls\n"
	               "smtp_ca_file /etc/ssl/certs/ca-certificates.crt\n"
	               "smtp_auth_file /etc/vigil/smtp.auth\n"
	               "notification_email_from_name \"LB one\"\n}\n");
	assert_int_equal(cfg->global.smtp_tls, GLOBAL_SMTP_TLS_STARTTLS);
	assert_string_equal(
	    cfg->global.smtp_ca_file, "/etc/ssl/certs/ca-certificates.crt");
	assert_string_equal(cfg->global.smtp_auth_file, "/etc/vigil/smtp.auth");
	assert_string_equal(cfg->global.notification_email_from_name, "LB one");
	cfg_free(cfg);
	cfg = parse_ok("global_defs {\nsmtp_tls tls\n}\n");
	assert_int_equal(cfg->global.smtp_tls, GLOBAL_SMTP_TLS_TLS);
	cfg_free(cfg);
	cfg = parse_ok("global_defs {\n}\n");
	assert_int_equal(cfg->global.smtp_tls, GLOBAL_SMTP_TLS_NONE);
	cfg_free(cfg);
	expect_error("global_defs {\nsmtp_tls ssl\n}\n", "2:10",
	    "invalid value 'ssl' for 'smtp_tls'");
	expect_error("global_defs {\nsmtp_auth_file smtp.auth\n}\n", "2:16",
	    "expected an absolute path");
	expect_error("global_defs {\nsmtp_ca_file\n}\n", "2:1", "");

	/* with host checks: the file's mode and content */
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "user\npass word\n", 15), 15);
	close(fd);
	cfg_set_host_checks(true);
	snprintf(
	    text, sizeof(text), "global_defs {\nsmtp_auth_file %s\n}\n", path);
	chmod(path, 0640);
	expect_error(text, "2:16", "may be read or written by group or others");
	if (geteuid() == 0) {
		chmod(path, 0600);
		cfg = parse_ok(text);
		cfg_free(cfg);
	} else
		expect_error(text, "2:16", "is not owned by root");
	cfg_set_host_checks(false);
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alert_words),
		cmocka_unit_test(test_headers),
		cmocka_unit_test(test_compose),
		cmocka_unit_test(test_queue_coalesce),
		cmocka_unit_test(test_queue_bound),
		cmocka_unit_test(test_queue_retry),
		cmocka_unit_test_teardown(test_keywords, teardown),
	};

	cfg_register_core();
	cfg_diag_init(&diag);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
