/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cfg_test.c: helpers for unit tests that parse configuration text. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cfg_test.h"

struct cfg_diag diag;

struct config *
parse(const char *text)
{
	cfg_diag_free(&diag);
	cfg_diag_init(&diag);
	return cfg_parse_text(text, strlen(text), &diag);
}

void
print_diag(void)
{
	size_t i;

	for (i = 0; i < diag.n; i++)
		fprintf(stderr, "  got: %s\n", diag.lines[i]);
}

struct config *
parse_ok(const char *text)
{
	struct config *cfg = parse(text);

	if (diag.nerrors > 0)
		print_diag();
	assert_non_null(cfg);
	assert_int_equal(diag.nerrors, 0);
	return cfg;
}

bool
has_line(const char *prefix, const char *what)
{
	size_t i;

	for (i = 0; i < diag.n; i++)
		if (strncmp(diag.lines[i], prefix, strlen(prefix)) == 0 &&
		    strstr(diag.lines[i], what) != NULL)
			return true;
	return false;
}

bool
has_exact(const char *line)
{
	size_t i;

	for (i = 0; i < diag.n; i++)
		if (strcmp(diag.lines[i], line) == 0)
			return true;
	return false;
}

void
expect_error(const char *text, const char *where, const char *what)
{
	struct config *cfg;
	char prefix[64];

	snprintf(prefix, sizeof(prefix), "<config>:%s: error: ", where);
	cfg = parse(text);
	if (cfg != NULL) {
		cfg_free(cfg);
		fail_msg("no error for:\n%s", text);
	}
	if (!has_line(prefix, what)) {
		fprintf(
		    stderr, "wanted '%s...%s' for:\n%s", prefix, what, text);
		print_diag();
		fail();
	}
}

void
expect_error_exact(const char *text, const char *where, const char *msg)
{
	struct config *cfg;
	char want[512];

	snprintf(want, sizeof(want), "<config>:%s: error: %s", where, msg);
	cfg = parse(text);
	if (cfg != NULL) {
		cfg_free(cfg);
		fail_msg("no error for:\n%s", text);
	}
	if (!has_exact(want)) {
		fprintf(stderr, "wanted: %s\n", want);
		print_diag();
		fail();
	}
}

void
expect_warning(const char *where, const char *what)
{
	char prefix[64];

	snprintf(prefix, sizeof(prefix), "<config>:%s: warning: ", where);
	if (!has_line(prefix, what)) {
		print_diag();
		fail_msg("no warning '%s...%s'", prefix, what);
	}
}

void
expect_warning_exact(const char *where, const char *msg)
{
	char want[512];

	snprintf(want, sizeof(want), "<config>:%s: warning: %s", where, msg);
	if (!has_exact(want)) {
		fprintf(stderr, "wanted: %s\n", want);
		print_diag();
		fail();
	}
}

int
teardown(void **state)
{
	(void)state;
	cfg_set_keep_origins(false);
	cfg_set_host_checks(false);
	cfg_diag_free(&diag);
	cfg_diag_init(&diag);
	return 0;
}
