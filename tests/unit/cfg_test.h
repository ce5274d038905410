/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cfg_test.h: helpers for unit tests that parse configuration text. */

#ifndef VIGIL_CFG_TEST_H
#define VIGIL_CFG_TEST_H

#include <stdbool.h>

#include "cfg.h"

/* The diagnostics of the last parse(). */
extern struct cfg_diag diag;

/* Parses text as resolved text named "<config>". */
struct config *parse(const char *text);
/* parse(), which must succeed without errors (else prints them, fails). */
struct config *parse_ok(const char *text);
void print_diag(void);
/* A diagnostic line starting with prefix and holding what. */
bool has_line(const char *prefix, const char *what);
/* A diagnostic line equal to line. */
bool has_exact(const char *line);
/* The text must fail with an error at where ("LINE:COL") whose message
   holds what (_exact: is what). */
void expect_error(const char *text, const char *where, const char *what);
void expect_error_exact(const char *text, const char *where, const char *msg);
/* The last parse() warned at where with a message holding what (_exact:
   being msg). */
void expect_warning(const char *where, const char *what);
void expect_warning_exact(const char *where, const char *msg);
/* cmocka teardown: forgets the diagnostics and the parser switches. */
int teardown(void **state);

#endif
