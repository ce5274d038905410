/* SPDX-License-Identifier: GPL-2.0-or-later */
/* opts.c: keepalived-compatible command line parsing for vigild. */

#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "msg.h"
#include "opts.h"
#include "snmp.h"
#include "version.h"

enum {
	OPT_ALL = 256,
	OPT_SIGNUM,
	OPT_IPVS_PID,
};

static int signum_of(const char *);
static void print_version(FILE *);

static const struct option long_opts[] = {
	{ "use-file", required_argument, NULL, 'f' },
	{ "vrrp", no_argument, NULL, 'P' },
	{ "check", no_argument, NULL, 'C' },
	{ "no_bfd", no_argument, NULL, 'B' },
	{ "all", no_argument, NULL, OPT_ALL },
	{ "log-console", no_argument, NULL, 'l' },
	{ "log-detail", no_argument, NULL, 'D' },
	{ "log-facility", required_argument, NULL, 'S' },
	{ "no-syslog", no_argument, NULL, 'G' },
	{ "umask", required_argument, NULL, 'u' },
	{ "release-vips", no_argument, NULL, 'X' },
	{ "dont-release-vrrp", no_argument, NULL, 'V' },
	{ "dont-release-ipvs", no_argument, NULL, 'I' },
	{ "dont-respawn", no_argument, NULL, 'R' },
	{ "dont-fork", no_argument, NULL, 'n' },
	{ "dump-conf", no_argument, NULL, 'd' },
	{ "pid", required_argument, NULL, 'p' },
	{ "vrrp_pid", required_argument, NULL, 'r' },
	{ "checkers_pid", required_argument, NULL, 'c' },
	{ "ipvs_pid", required_argument, NULL, OPT_IPVS_PID },
	{ "bfd_pid", required_argument, NULL, 'b' },
	{ "address-monitoring", no_argument, NULL, 'a' },
	{ "snmp", no_argument, NULL, 'x' },
	{ "snmp-agent-socket", required_argument, NULL, 'A' },
	{ "namespace", required_argument, NULL, 's' },
	{ "core-dump", no_argument, NULL, 'm' },
	{ "core-dump-pattern", optional_argument, NULL, 'M' },
	{ "all-config", no_argument, NULL, 'e' },
	{ "config-id", required_argument, NULL, 'i' },
	{ "signum", required_argument, NULL, OPT_SIGNUM },
	{ "config-test", optional_argument, NULL, 't' },
	{ "genhash", no_argument, NULL, 'T' },
	{ "version", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

void
opts_usage(FILE *f)
{
	fputs(
	    "Usage: vigild [OPTION...]\n"
	    "  -f, --use-file=FILE          Use the specified configuration "
	    "file\n"
	    "                                default '" VIGIL_DEFAULT_CONF "'\n"
	    "  -P, --vrrp                   Only run the VRRP child\n"
	    "  -C, --check                  Only run the checker and IPVS "
	    "children\n"
	    "  -B, --no_bfd                 Don't run BFD (vigil has none)\n"
	    "      --all                    Run every child, even with no "
	    "configuration\n"
	    "  -l, --log-console            Log messages to the console "
	    "(stderr)\n"
	    "  -D, --log-detail             Detailed (debug) log messages\n"
	    "  -S, --log-facility=([0-7]|local[0-7]|user|daemon)\n"
	    "                               Syslog facility (default "
	    "daemon)\n"
	    "  -G, --no-syslog              Don't log via syslog\n"
	    "  -u, --umask=MASK             umask for file creation (numeric)\n"
	    "  -X, --release-vips           Drop VIPs on transition from "
	    "signal\n"
	    "  -V, --dont-release-vrrp      Don't remove VIPs and routes on "
	    "stop\n"
	    "  -I, --dont-release-ipvs      Don't remove IPVS topology on "
	    "stop\n"
	    "  -R, --dont-respawn           Don't respawn children; stop "
	    "when one dies\n"
	    "  -n, --dont-fork              Don't fork the daemon process\n"
	    "  -d, --dump-conf              Dump the configuration data\n"
	    "  -p, --pid=FILE               Pid file of the parent process\n"
	    "  -r, --vrrp_pid=FILE          Pid file of the VRRP child\n"
	    "  -c, --checkers_pid=FILE      Pid file of the checker child\n"
	    "      --ipvs_pid=FILE          Pid file of the IPVS child\n"
	    "  -b, --bfd_pid=FILE           Pid file of a BFD child (unused)\n"
	    "  -a, --address-monitoring     Report all address changes seen "
	    "via netlink\n"
	    "  -x, --snmp                   Enable the SNMP subsystem\n"
	    "  -A, --snmp-agent-socket=FILE Socket of the SNMP master agent\n"
	    "  -s, --namespace=NAME         Run in network namespace NAME\n"
	    "  -m, --core-dump              Produce a core dump on abnormal "
	    "exit\n"
	    "  -M, --core-dump-pattern=PATN Also set kernel.core_pattern "
	    "(default 'core')\n"
	    "  -e, --all-config             Error if any configuration file "
	    "is missing\n"
	    "  -i, --config-id id           Skip '@' lines that don't match "
	    "id, '@^' lines that do\n"
	    "      --signum=SIGFUNC         Print the signal number of STOP, "
	    "RELOAD, DATA, STATS\n"
	    "  -t, --config-test[=LOG_FILE] Check the configuration and exit\n"
	    "  -T, --genhash                genhash mode (not implemented "
	    "yet)\n"
	    "  -v, --version                Display the version\n"
	    "  -h, --help                   Display this help message\n",
	    f);
}

static void
print_version(FILE *f)
{
	fprintf(f, "vigild %s\nSNMP support: %s\n", VIGIL_VERSION,
	    snmp_build_info());
}

/* keepalived's --signum names. */
static int
signum_of(const char *name)
{
	static const struct {
		const char *name;
		int sig;
	} map[] = {
		{ "STOP", SIGTERM },
		{ "RELOAD", SIGHUP },
		{ "DATA", SIGUSR1 },
		{ "STATS", SIGUSR2 },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i].name, name) == 0)
			return map[i].sig;
	return -1;
}

static void
set_defaults(struct vigil_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->conf_file = VIGIL_DEFAULT_CONF;
	o->log.syslog = true;
	o->log.facility = LOG_DAEMON;
	o->pidfile[PROC_PARENT] = "/run/keepalived.pid";
	o->pidfile[PROC_VRRP] = "/run/vrrp.pid";
	o->pidfile[PROC_CHECK] = "/run/checkers.pid";
	o->pidfile[PROC_IPVS] = "/run/ipvs.pid";
	o->bfd_pidfile = "/run/bfd.pid";
}

enum opts_result
opts_parse(int argc, char **argv, struct vigil_opts *o, FILE *out, FILE *err)
{
	char *end;
	long v;
	int c, sig;

	set_defaults(o);
	o->argc = argc;
	o->argv = argv;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv,
	            ":f:PCBlDS:Gu:XVIRndp:r:c:b:axA:s:mM::ei:t::Tvh", long_opts,
	            NULL)) != -1) {
		switch (c) {
		case 'f':
			o->conf_file = optarg;
			break;
		case 'P':
			o->only_vrrp = true;
			break;
		case 'C':
			o->only_check = true;
			break;
		case 'B':
			o->no_bfd = true;
			break;
		case OPT_ALL:
			o->all = true;
			break;
		case 'l':
			o->log.console = true;
			break;
		case 'D':
			o->log.detail = true;
			break;
		case 'S':
			o->log.facility = log_parse_facility(optarg);
			if (o->log.facility < 0) {
				fprintf(err,
				    "vigild: invalid log facility "
				    "'%s': expected 0-7, local0-7, user or "
				    "daemon\n",
				    optarg);
				return OPTS_EXIT_ERR;
			}
			break;
		case 'G':
			o->log.syslog = false;
			break;
		case 'u':
			v = strtol(optarg, &end, 0);
			if (*optarg == '\0' || *end != '\0' || v < 0 ||
			    v > 0777) {
				fprintf(err, "vigild: invalid umask '%s'\n",
				    optarg);
				return OPTS_EXIT_ERR;
			}
			o->umask_set = true;
			o->umask = (mode_t)v;
			break;
		case 'X':
			o->release_vips = true;
			break;
		case 'V':
			o->dont_release_vrrp = true;
			break;
		case 'I':
			o->dont_release_ipvs = true;
			break;
		case 'R':
			o->dont_respawn = true;
			break;
		case 'n':
			o->dont_fork = true;
			break;
		case 'd':
			o->dump_conf = true;
			break;
		case 'p':
			o->pidfile[PROC_PARENT] = optarg;
			break;
		case 'r':
			o->pidfile[PROC_VRRP] = optarg;
			break;
		case 'c':
			o->pidfile[PROC_CHECK] = optarg;
			break;
		case OPT_IPVS_PID:
			o->pidfile[PROC_IPVS] = optarg;
			break;
		case 'b':
			o->bfd_pidfile = optarg;
			break;
		case 'a':
			o->address_monitoring = true;
			break;
		case 'x':
			o->snmp = true;
			break;
		case 'A':
			o->snmp_socket = optarg;
			break;
		case 's':
			o->netns = optarg;
			break;
		case 'm':
			o->core_dump = true;
			break;
		case 'M':
			o->core_dump = true;
			o->core_pattern = optarg ? optarg : "core";
			break;
		case 'e':
			o->all_config = true;
			break;
		case 'i':
			o->config_id = optarg;
			break;
		case 't':
			o->config_test = true;
			o->config_test_log = optarg;
			break;
		case OPT_SIGNUM:
			sig = signum_of(optarg);
			if (sig < 0) {
				fprintf(err,
				    "vigild: unknown signal function "
				    "'%s': expected STOP, RELOAD, DATA or "
				    "STATS\n",
				    optarg);
				return OPTS_EXIT_ERR;
			}
			fprintf(out, "%d\n", sig);
			return OPTS_EXIT_OK;
		case 'T':
			fprintf(err,
			    "vigild: genhash mode is not implemented "
			    "yet\n");
			return OPTS_EXIT_ERR;
		case 'v':
			print_version(out);
			return OPTS_EXIT_OK;
		case 'h':
			opts_usage(out);
			return OPTS_EXIT_OK;
		case ':':
			fprintf(err, "vigild: option '%s' needs an argument\n",
			    argv[optind - 1]);
			opts_usage(err);
			return OPTS_EXIT_ERR;
		default:
			fprintf(err, "vigild: unknown option '%s'\n",
			    argv[optind - 1]);
			opts_usage(err);
			return OPTS_EXIT_ERR;
		}
	}
	if (optind < argc) {
		fprintf(
		    err, "vigild: unexpected argument '%s'\n", argv[optind]);
		opts_usage(err);
		return OPTS_EXIT_ERR;
	}
	return OPTS_RUN;
}
