/* SPDX-License-Identifier: GPL-2.0-or-later */
/* util.c: process title, pid files and systemd notification. */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "child.h"
#include "log.h"
#include "parent.h"

extern char **environ;

static char *title_area; /* argv's strings, then environ's, contiguous */
static size_t title_size;

/*
 * ps shows the memory argv points to; to show "vigild: vrrp" there we
 * overwrite the argv and environment strings, after copying both
 * elsewhere (argv is still needed by getopt).
 */
void
proctitle_init(int argc, char **argv)
{
	char *start, *end;
	char **env;
	int i, n;

	if (argc == 0 || argv[0] == NULL)
		return;
	start = argv[0];
	end = start + strlen(start) + 1;
	for (i = 1; i < argc && argv[i] == end; i++)
		end = argv[i] + strlen(argv[i]) + 1;
	for (n = 0; environ[n] != NULL; n++)
		;
	env = calloc((size_t)n + 1, sizeof(*env));
	if (env == NULL)
		return;
	for (i = 0; i < n; i++) {
		if (environ[i] == end)
			end = environ[i] + strlen(environ[i]) + 1;
		env[i] = strdup(environ[i]);
	}
	environ = env;
	for (i = 0; i < argc; i++)
		argv[i] = strdup(argv[i]);
	title_area = start;
	title_size = (size_t)(end - start);
}

void
proctitle_set(const char *title)
{
	char comm[16];

	snprintf(comm, sizeof(comm), "%s", title);
	prctl(PR_SET_NAME, comm);
	if (title_area == NULL || title_size == 0)
		return;
	memset(title_area, 0, title_size);
	snprintf(title_area, title_size, "%s", title);
}

int
image_path(const char *name, char *buf, size_t len)
{
	const char *env = getenv("VIGIL_LIBEXEC_DIR");
	const char *dir;
	char self[PATH_MAX];
	ssize_t n;
	char *slash;
	bool module = strchr(name, '.') != NULL;

	if (env != NULL && *env != '\0') {
		snprintf(buf, len, "%s/%s", env, name);
		return access(buf, module ? R_OK : X_OK) == 0 ? 0 : -1;
	}
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n > 0) {
		self[n] = '\0';
		slash = strrchr(self, '/');
		if (slash != NULL) {
			*slash = '\0';
			snprintf(buf, len, "%s/%s", self, name);
			if (access(buf, module ? R_OK : X_OK) == 0)
				return 0;
		}
	}
	dir = module ? VIGIL_MODULEDIR : VIGIL_LIBEXECDIR;
	snprintf(buf, len, "%s/%s", dir, name);
	return access(buf, module ? R_OK : X_OK) == 0 ? 0 : -1;
}

int
pidfile_write(const char *path)
{
	char buf[32];
	int fd, n;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	n = snprintf(buf, sizeof(buf), "%d\n", (int)getpid());
	if (write(fd, buf, (size_t)n) != n) {
		close(fd);
		return -1;
	}
	return close(fd);
}

void
pidfile_remove(const char *path)
{
	if (unlink(path) < 0 && errno != ENOENT)
		log_warn("cannot remove pid file %s", path);
}

pid_t
pidfile_running(const char *path)
{
	char buf[32];
	FILE *f;
	long pid;

	f = fopen(path, "re");
	if (f == NULL)
		return 0;
	if (fgets(buf, sizeof(buf), f) == NULL) {
		fclose(f);
		return 0;
	}
	fclose(f);
	pid = strtol(buf, NULL, 10);
	if (pid <= 0 || pid == getpid())
		return 0;
	if (kill((pid_t)pid, 0) < 0 && errno == ESRCH)
		return 0;
	return (pid_t)pid;
}

/* Sends one datagram to $NOTIFY_SOCKET ('@' means abstract). */
void
sd_notifyf(const char *fmt, ...)
{
	struct sockaddr_un sun;
	const char *path = getenv("NOTIFY_SOCKET");
	char msg[512];
	socklen_t len;
	va_list ap;
	int fd;

	if (path == NULL || path[0] == '\0' ||
	    strlen(path) >= sizeof(sun.sun_path))
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	memcpy(sun.sun_path, path, strlen(path));
	if (sun.sun_path[0] == '@')
		sun.sun_path[0] = '\0';
	len =
	    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(path));
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	if (sendto(fd, msg, strlen(msg), MSG_NOSIGNAL, (struct sockaddr *)&sun,
	        len) < 0)
		log_warn("sd_notify to %s", path);
	close(fd);
}
