/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_opts.c: the keepalived-compatible command line. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <cmocka.h>

#include "msg.h"
#include "opts.h"

static FILE *out, *err;
static char *outbuf, *errbuf;
static size_t outlen, errlen;

static enum opts_result
parse(struct vigil_opts *o, ...)
{
	char *argv[64];
	int argc = 0;
	va_list ap;

	argv[argc++] = (char *)"vigild";
	va_start(ap, o);
	while (argc < 63 && (argv[argc] = va_arg(ap, char *)) != NULL)
		argc++;
	argv[argc] = NULL;
	va_end(ap);
	out = open_memstream(&outbuf, &outlen);
	err = open_memstream(&errbuf, &errlen);
	return opts_parse(argc, argv, o, out, err);
}

static int
teardown(void **state)
{
	(void)state;
	fclose(out);
	fclose(err);
	free(outbuf);
	free(errbuf);
	return 0;
}

static void
test_defaults(void **state)
{
	struct vigil_opts o;

	(void)state;
	assert_int_equal(parse(&o, NULL), OPTS_RUN);
	assert_string_equal(o.conf_file, "/etc/keepalived/keepalived.conf");
	assert_string_equal(o.pidfile[PROC_PARENT], "/run/keepalived.pid");
	assert_string_equal(o.pidfile[PROC_VRRP], "/run/vrrp.pid");
	assert_string_equal(o.pidfile[PROC_CHECK], "/run/checkers.pid");
	assert_string_equal(o.pidfile[PROC_IPVS], "/run/ipvs.pid");
	assert_true(o.log.syslog);
	assert_false(o.log.console);
	assert_int_equal(o.log.facility, LOG_DAEMON);
}

static void
test_short_flags(void **state)
{
	struct vigil_opts o;

	(void)state;
	assert_int_equal(
	    parse(&o, "-f", "/x.conf", "-P", "-C", "-B", "-l", "-D", "-S", "3",
	        "-G", "-u", "022", "-X", "-V", "-I", "-R", "-n", "-d", "-p",
	        "/p", "-r", "/r", "-c", "/c", "-b", "/b", "-a", "-x", "-A",
	        "/s", "-s", "ns1", "-m", "-e", "-i", "main", "-t", NULL),
	    OPTS_RUN);
	assert_string_equal(o.conf_file, "/x.conf");
	assert_true(o.only_vrrp && o.only_check && o.no_bfd);
	assert_true(o.log.console && o.log.detail && !o.log.syslog);
	assert_int_equal(o.log.facility, LOG_LOCAL3);
	assert_true(o.umask_set);
	assert_int_equal(o.umask, 022);
	assert_true(o.release_vips && o.dont_release_vrrp &&
	    o.dont_release_ipvs && o.dont_respawn && o.dont_fork &&
	    o.dump_conf);
	assert_string_equal(o.pidfile[PROC_PARENT], "/p");
	assert_string_equal(o.pidfile[PROC_VRRP], "/r");
	assert_string_equal(o.pidfile[PROC_CHECK], "/c");
	assert_string_equal(o.bfd_pidfile, "/b");
	assert_true(o.address_monitoring && o.snmp);
	assert_string_equal(o.snmp_socket, "/s");
	assert_string_equal(o.netns, "ns1");
	assert_true(o.core_dump && o.all_config && o.config_test);
	assert_string_equal(o.config_id, "main");
	assert_null(o.config_test_log);
}

static void
test_long_flags(void **state)
{
	struct vigil_opts o;

	(void)state;
	assert_int_equal(
	    parse(&o, "--use-file=/y.conf", "--all", "--log-facility=local7",
	        "--ipvs_pid=/i", "--config-test=/tmp/log",
	        "--core-dump-pattern", "--dont-fork", "--log-console", NULL),
	    OPTS_RUN);
	assert_string_equal(o.conf_file, "/y.conf");
	assert_true(o.all && o.dont_fork && o.log.console);
	assert_int_equal(o.log.facility, LOG_LOCAL7);
	assert_string_equal(o.pidfile[PROC_IPVS], "/i");
	assert_string_equal(o.config_test_log, "/tmp/log");
	assert_string_equal(o.core_pattern, "core");
}

static void
test_unknown_option_is_an_error(void **state)
{
	struct vigil_opts o;

	(void)state;
	assert_int_equal(parse(&o, "--bogus", NULL), OPTS_EXIT_ERR);
	fflush(err);
	assert_non_null(strstr(errbuf, "unknown option '--bogus'"));
	assert_non_null(strstr(errbuf, "Usage: vigild"));
}

static void
test_missing_argument(void **state)
{
	struct vigil_opts o;

	(void)state;
	assert_int_equal(parse(&o, "-f", NULL), OPTS_EXIT_ERR);
	fflush(err);
	assert_non_null(strstr(errbuf, "needs an argument"));
}

static void
test_bad_facility_and_umask(void **state)
{
	struct vigil_opts o;

	(void)state;
	assert_int_equal(parse(&o, "-S", "local9", NULL), OPTS_EXIT_ERR);
	teardown(NULL);
	assert_int_equal(parse(&o, "-u", "999", NULL), OPTS_EXIT_ERR);
}

static void
test_signum(void **state)
{
	struct vigil_opts o;

	(void)state;
	assert_int_equal(parse(&o, "--signum=RELOAD", NULL), OPTS_EXIT_OK);
	fflush(out);
	assert_string_equal(outbuf, "1\n");
	teardown(NULL);
	assert_int_equal(parse(&o, "--signum=BOGUS", NULL), OPTS_EXIT_ERR);
}

static void
test_help_and_version(void **state)
{
	struct vigil_opts o;

	(void)state;
	assert_int_equal(parse(&o, "-h", NULL), OPTS_EXIT_OK);
	fflush(out);
	assert_non_null(strstr(outbuf, "--config-test"));
	teardown(NULL);
	assert_int_equal(parse(&o, "--version", NULL), OPTS_EXIT_OK);
	fflush(out);
	assert_non_null(strstr(outbuf, "vigild "));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_defaults, teardown),
		cmocka_unit_test_teardown(test_short_flags, teardown),
		cmocka_unit_test_teardown(test_long_flags, teardown),
		cmocka_unit_test_teardown(
		    test_unknown_option_is_an_error, teardown),
		cmocka_unit_test_teardown(test_missing_argument, teardown),
		cmocka_unit_test_teardown(
		    test_bad_facility_and_umask, teardown),
		cmocka_unit_test_teardown(test_signum, teardown),
		cmocka_unit_test_teardown(test_help_and_version, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
