/* SPDX-License-Identifier: GPL-2.0-or-later */
/* log.c: syslog and console logging, each line prefixed with the process. */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static void log_str(int, const char *);
static void
vlog(int, int, const char *, va_list) __attribute__((format(printf, 3, 0)));

static struct log_opts opts = { .console = true, .facility = LOG_DAEMON };
static char procname[32] = "vigild";

void
log_init(const struct log_opts *o, const char *proc)
{
	opts = *o;
	log_procname(proc);
	closelog();
	if (opts.syslog)
		openlog("vigild", LOG_PID | LOG_NDELAY, opts.facility);
}

void
log_procname(const char *proc)
{
	snprintf(procname, sizeof(procname), "%s", proc);
}

int
log_parse_facility(const char *s)
{
	static const int local[] = { LOG_LOCAL0, LOG_LOCAL1, LOG_LOCAL2,
		LOG_LOCAL3, LOG_LOCAL4, LOG_LOCAL5, LOG_LOCAL6, LOG_LOCAL7 };

	if (s[0] >= '0' && s[0] <= '7' && s[1] == '\0')
		return local[s[0] - '0'];
	if (strncmp(s, "local", 5) == 0 && s[5] >= '0' && s[5] <= '7' &&
	    s[6] == '\0')
		return local[s[5] - '0'];
	if (strcmp(s, "user") == 0)
		return LOG_USER;
	if (strcmp(s, "daemon") == 0)
		return LOG_DAEMON;
	return -1;
}

/* One finished line to each destination; stderr gets a timestamp. */
static void
log_str(int pri, const char *msg)
{
	char stamp[32];
	struct timespec ts;
	struct tm tm;

	if (opts.console) {
		clock_gettime(CLOCK_REALTIME, &ts);
		localtime_r(&ts.tv_sec, &tm);
		strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
		fprintf(stderr, "%s.%03ld %s[%d]: %s\n", stamp,
		    ts.tv_nsec / 1000000, procname, (int)getpid(), msg);
	}
	if (opts.syslog)
		syslog(pri, "%s: %s", procname, msg);
}

/* err >= 0 appends ": strerror(err)". */
static void
vlog(int pri, int err, const char *fmt, va_list ap)
{
	char msg[2048];
	size_t n;
	int saved = errno;

	if (pri == LOG_DEBUG && !opts.detail)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (err >= 0) {
		n = strlen(msg);
		snprintf(msg + n, sizeof(msg) - n, ": %s", strerror(err));
	}
	log_str(pri, msg);
	errno = saved;
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;
	int err = errno;

	va_start(ap, fmt);
	vlog(LOG_WARNING, err, fmt, ap);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_WARNING, -1, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_INFO, -1, fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_DEBUG, -1, fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	int err = errno;

	va_start(ap, fmt);
	vlog(LOG_ERR, err, fmt, ap);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_ERR, -1, fmt, ap);
	va_end(ap);
	exit(1);
}
