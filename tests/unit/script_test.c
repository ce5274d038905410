/* SPDX-License-Identifier: GPL-2.0-or-later */
/* script_test.c: helpers of the tests that run real scripts. */

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "script_test.h"

char dir[64];
char logpath[128];

void
write_script(const char *name, const char *body)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	assert_int_equal(chmod(path, 0755), 0);
}

char *
slurp(const char *path)
{
	static char buf[65536];
	ssize_t n;
	int fd;

	buf[0] = '\0';
	/* non-blocking: a FIFO with no writer reads as empty */
	fd = open(path, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return buf;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return buf;
}

bool
log_has(const char *what)
{
	return strstr(slurp(logpath), what) != NULL;
}
