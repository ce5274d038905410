/* SPDX-License-Identifier: GPL-2.0-or-later */
/* main.c: vigild's entry: options, config check, daemonizing, the parent. */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfg.h"
#include "herald.h"
#include "log.h"
#include "opts.h"
#include "parent.h"

/* vigild -t exit codes, as keepalived -t's. */
enum {
	EXIT_CONFIG_OK = 0,
	EXIT_CONFIG_UNREADABLE = 4,
	EXIT_CONFIG_ERRORS = 5,
	EXIT_CONFIG_SECURITY = 6,
};

static int config_test(const struct vigil_opts *, const struct cfg_pre_opts *);
static void enter_netns(const char *);
static void log_lines(const char *, size_t);
static int daemonize(void);
static void daemon_ready(int);

int
main(int argc, char **argv)
{
	struct vigil_opts o;
	struct cfg_pre_opts po;
	struct cfg_diag diag;
	struct config *cfg;
	struct rlimit rl = { RLIM_INFINITY, RLIM_INFINITY };
	static char abspath[PATH_MAX];
	char *dump = NULL;
	size_t dumplen = 0, i;
	FILE *f;
	pid_t other;
	int ready_fd = -1, code;

	proctitle_init(argc, argv);
	switch (opts_parse(argc, argv, &o, stdout, stderr)) {
	case OPTS_RUN:
		break;
	case OPTS_EXIT_OK:
		return 0;
	case OPTS_EXIT_ERR:
		return 1;
	}
	cfg_register_all();
	herald_register_suppliers();
	/* A reload re-reads the file after chdir("/"). */
	if (o.conf_file[0] != '/' && realpath(o.conf_file, abspath) != NULL)
		o.conf_file = abspath;
	memset(&po, 0, sizeof(po));
	po.config_id = o.config_id;
	po.all_config = o.all_config;
	if (o.netns != NULL)
		enter_netns(o.netns);
	/* Interfaces, scripts and users are this host's (after -s). */
	cfg_set_host_checks(true);
	cfg_set_keep_origins(o.dump_conf);
	if (o.config_test)
		return config_test(&o, &po);

	log_init(&o.log, "vigild");
	cfg_diag_init(&diag);
	cfg = cfg_load(o.conf_file, &po, &diag);
	for (i = 0; i < diag.n; i++)
		log_warnx("%s", diag.lines[i]);
	if (cfg == NULL) {
		if (!o.log.console)
			cfg_diag_print(&diag, stderr);
		log_warnx(
		    "configuration %s has errors; not starting", o.conf_file);
		cfg_diag_free(&diag);
		return 1;
	}
	cfg_diag_free(&diag);
	if (o.dump_conf) {
		f = open_memstream(&dump, &dumplen);
		if (f != NULL) {
			cfg_dump(f, cfg);
			fclose(f);
			log_lines(dump, dumplen);
			free(dump);
		}
	}
	log_not_implemented(cfg, CFG_OWNER_PARENT);
	if (o.address_monitoring)
		log_warnx("option --address-monitoring is not implemented yet");
	if (o.umask_set)
		umask(o.umask);
	if (o.core_dump && setrlimit(RLIMIT_CORE, &rl) < 0)
		log_warn("setrlimit(RLIMIT_CORE)");
	if (o.core_pattern != NULL) {
		f = fopen("/proc/sys/kernel/core_pattern", "we");
		if (f == NULL || fputs(o.core_pattern, f) < 0)
			log_warn("cannot set kernel.core_pattern");
		if (f != NULL)
			fclose(f);
	}
	other = pidfile_running(o.pidfile[PROC_PARENT]);
	if (other > 0) {
		log_warnx("vigild is already running (pid %d, from %s)",
		    (int)other, o.pidfile[PROC_PARENT]);
		cfg_free(cfg);
		return 1;
	}
	if (!o.dont_fork)
		ready_fd = daemonize();
	if (pidfile_write(o.pidfile[PROC_PARENT]) < 0)
		log_warn("cannot write pid file %s", o.pidfile[PROC_PARENT]);
	daemon_ready(ready_fd);
	code = parent_run(&o, cfg);
	pidfile_remove(o.pidfile[PROC_PARENT]);
	return code;
}

/*
 * -t: check, print the verdict and exit with keepalived -t's codes: 0 valid
 * (warnings allowed), 4 the file cannot be read, 5 errors, 6 a script
 * failed the enable_script_security check.  -d also prints the model.
 */
static int
config_test(const struct vigil_opts *o, const struct cfg_pre_opts *po)
{
	struct cfg_diag diag;
	struct config *cfg;
	FILE *out = stderr;
	int ok, code;

	if (o->config_test_log != NULL) {
		out = fopen(o->config_test_log, "we");
		if (out == NULL) {
			fprintf(stderr, "vigild: cannot open %s: %s\n",
			    o->config_test_log, strerror(errno));
			return 1;
		}
	}
	cfg_diag_init(&diag);
	cfg = cfg_load(o->conf_file, po, &diag);
	cfg_diag_print(&diag, out);
	ok = cfg != NULL;
	if (ok)
		fprintf(out, "Configuration file %s OK\n", o->conf_file);
	else
		fprintf(
		    out, "Configuration file %s has errors\n", o->conf_file);
	if (ok && o->dump_conf)
		cfg_dump(stdout, cfg);
	code = ok                ? EXIT_CONFIG_OK
	    : diag.no_config     ? EXIT_CONFIG_UNREADABLE
	    : diag.nsecurity > 0 ? EXIT_CONFIG_SECURITY
	                         : EXIT_CONFIG_ERRORS;
	cfg_free(cfg);
	cfg_diag_free(&diag);
	if (out != stderr)
		fclose(out);
	return code;
}

static void
enter_netns(const char *name)
{
	char path[256];
	int fd;

	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr,
		    "vigild: cannot open network namespace %s: "
		    "%s\n",
		    path, strerror(errno));
		exit(1);
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		fprintf(stderr,
		    "vigild: cannot enter network namespace %s: "
		    "%s\n",
		    name, strerror(errno));
		exit(1);
	}
	close(fd);
}

static void
log_lines(const char *text, size_t len)
{
	const char *p = text, *nl, *end = text + len;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		log_info("%.*s", (int)(nl - p), p);
		p = nl + 1;
	}
}

/*
 * Forks into the background.  The first process waits until the daemon
 * says it is running (its pid file written), so a service manager that
 * reads the pid file when the command returns finds it.  Returns the fd
 * the daemon writes that word to.
 */
static int
daemonize(void)
{
	int pfd[2], nullfd;
	pid_t pid;
	char c;

	if (pipe2(pfd, O_CLOEXEC) < 0)
		fatal("pipe");
	pid = fork();
	if (pid < 0)
		fatal("fork");
	if (pid > 0) {
		close(pfd[1]);
		_exit(read(pfd[0], &c, 1) == 1 ? 0 : 1);
	}
	close(pfd[0]);
	if (setsid() < 0)
		fatal("setsid");
	if (chdir("/") < 0)
		fatal("chdir /");
	nullfd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (nullfd >= 0) {
		dup2(nullfd, STDIN_FILENO);
		dup2(nullfd, STDOUT_FILENO);
		close(nullfd);
	}
	return pfd[1];
}

static void
daemon_ready(int fd)
{
	if (fd < 0)
		return;
	if (write(fd, "1", 1) != 1)
		log_warn("telling the starting process we run");
	close(fd);
}
