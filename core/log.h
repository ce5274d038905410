/* SPDX-License-Identifier: GPL-2.0-or-later */
/* log.h: the logging API every process uses (syslog and/or console). */

#ifndef VIGIL_LOG_H
#define VIGIL_LOG_H

#include <stdbool.h>

struct log_opts {
	bool console; /* -l: also to stderr */
	bool syslog; /* off with -G */
	bool detail; /* -D: debug messages too */
	int facility; /* -S: a LOG_* facility */
};

/* Sets the destinations; proc names the process in every line. */
void log_init(const struct log_opts *, const char *proc);
/* Changes the process name (after a fork). */
void log_procname(const char *proc);

/* Parses -S's argument: 0-7, local0-7, user or daemon.  -1 if invalid. */
int log_parse_facility(const char *);

/* log_warn appends ": strerror(errno)"; log_warnx does not. */
void log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Log at error level and exit(1); fatal appends strerror(errno). */
void fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));
void fatalx(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
