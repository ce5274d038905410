/* SPDX-License-Identifier: GPL-2.0-or-later */
/* script_test.h: helpers of the tests that run real scripts. */

#ifndef VIGIL_SCRIPT_TEST_H
#define VIGIL_SCRIPT_TEST_H

#include <stdbool.h>

/* The test's temporary directory and the log file it logs to; the test
   fills them in its setup. */
extern char dir[64];
extern char logpath[128];

/* Writes an executable /bin/sh script dir/name with body. */
void write_script(const char *name, const char *body);
/* A file's text (up to 64 KiB, in a static buffer); "" if unreadable. */
char *slurp(const char *path);
/* Whether the log holds what. */
bool log_has(const char *what);

#endif
