/* SPDX-License-Identifier: GPL-2.0-or-later */
/* opts.h: vigild's command line, compatible with keepalived 2.2.x. */

#ifndef VIGIL_OPTS_H
#define VIGIL_OPTS_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "log.h"

#define VIGIL_DEFAULT_CONF "/etc/keepalived/keepalived.conf"

struct vigil_opts {
	const char *conf_file;
	bool only_vrrp; /* -P */
	bool only_check; /* -C */
	bool all; /* --all */
	bool no_bfd; /* -B */
	struct log_opts log;
	bool umask_set;
	mode_t umask;
	bool release_vips; /* -X */
	bool dont_release_vrrp; /* -V */
	bool dont_release_ipvs; /* -I */
	bool dont_respawn; /* -R */
	bool dont_fork; /* -n */
	bool dump_conf; /* -d */
	const char *pidfile[4]; /* by enum proc_id */
	const char *bfd_pidfile;
	bool address_monitoring; /* -a */
	bool snmp; /* -x */
	const char *snmp_socket; /* -A */
	const char *netns; /* -s */
	bool core_dump; /* -m */
	const char *core_pattern;
	bool all_config; /* -e */
	const char *config_id; /* -i */
	bool config_test; /* -t */
	const char *config_test_log;
	/* The command line, for the children's programs (theirs is the
	   same, so they parse the same options). */
	int argc;
	char **argv;
};

/* What opts_parse decided. */
enum opts_result {
	OPTS_RUN, /* go on */
	OPTS_EXIT_OK, /* -h, -v, --signum: done, exit 0 */
	OPTS_EXIT_ERR, /* bad usage: exit non-zero */
};

/* Parses argv into o (defaults first); messages go to out / err. */
enum opts_result
opts_parse(int argc, char **argv, struct vigil_opts *o, FILE *out, FILE *err);
void opts_usage(FILE *);

#endif
