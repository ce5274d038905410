/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_farm: many health-check targets in one epoll process, counting checks. */

/*
 * bench/checks runs this as the real servers of a health checker: one
 * listening socket per target (ADDR:PORT), TCP connects accepted and closed
 * at once, or (-H) an HTTP/1.0 request read to its blank line and answered
 * "200 OK" before the close.  Checks are counted here, on the server side,
 * so the checker's own logs are never trusted for the figures.
 *
 *	check_farm [-H] [-d DELAY_MS] -c CTLFIFO [-n NOTIFYFIFO] [-l LOGFIFO]
 *	    ADDR:PORTLO-PORTHI ...
 *
 * Targets are numbered in argument order, ports ascending.  Commands, one
 * per line, on CTLFIFO:
 *	arm		forget everything seen; first-seen times count from now
 *	reset		start a measuring window (counts, intervals, own CPU)
 *	dump PATH	write the window's and first round's figures to PATH
 *	stop IDX	close target IDX's listener (connects are refused)
 *	start IDX	listen again on target IDX
 * Events go to stdout, one line each, CLOCK_REALTIME seconds: "ready N",
 * "stop IDX T_STOP T_LAST_CHECK", "note T LINE" for each line read from
 * NOTIFYFIFO (the daemon's notify_fifo: timestamped by the same clock),
 * "log T LINE" for each line of LOGFIFO (the daemon's stderr).  -d is the
 * checkers' delay_loop, for counting intervals more than 5 % off it.
 */

#define _GNU_SOURCE

#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define HIST_MS 20000 /* interval histogram: 1 ms buckets up to 20 s */
#define FIRST_SLICE 0.1 /* seconds: evenness of the first round */
#define MAXFD 262144
#define REQ_MAX 2048

enum { K_LISTEN = 1, K_CONN, K_CTL, K_NOTE, K_LOG };

struct target {
	struct sockaddr_in sa;
	int fd;
	unsigned long count; /* checks in the window */
	unsigned long total; /* checks since arm */
	double first; /* first check since arm, 0 = none */
	double last; /* last check, whenever */
};

struct conn {
	int target;
	int len;
	char buf[REQ_MAX];
};

static struct target *tg;
static int ntg;
static int http;
static int ep;
static struct conn *conns[MAXFD];
static unsigned long hist[HIST_MS + 1];
static unsigned long nintv;
static int delay_ms = 1000; /* -d: the checkers' delay_loop */
static double t_arm, t_reset;
static struct rusage ru_reset;
static char ctlbuf[4096], notebuf[65536], logbuf[65536];
static size_t ctllen, notelen, loglen;

static const char resp[] = "HTTP/1.0 200 OK\r\n"
                           "Content-Type: text/plain\r\n"
                           "Content-Length: 3\r\n"
                           "\r\n"
                           "ok\n";

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
die(const char *what)
{
	perror(what);
	exit(1);
}

static void
ep_add(int fd, int kind, int idx, uint32_t ev)
{
	struct epoll_event e;

	e.events = ev;
	e.data.u64 = ((uint64_t)kind << 32) | (uint32_t)idx;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e) == -1)
		die("epoll_ctl");
}

static int
listen_target(int i)
{
	int fd, one = 1;

	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (struct sockaddr *)&tg[i].sa, sizeof(tg[i].sa)) == -1 ||
	    listen(fd, 1024) == -1) {
		close(fd);
		return -1;
	}
	tg[i].fd = fd;
	ep_add(fd, K_LISTEN, i, EPOLLIN);
	return 0;
}

/* One check seen on target i at time t. */
static void
seen(int i, double t)
{
	struct target *x = &tg[i];
	double d;

	if (x->last > 0 && t_reset > 0 && x->last >= t_reset) {
		d = (t - x->last) * 1000;
		hist[d >= HIST_MS ? HIST_MS : (int)d]++;
		nintv++;
	}
	if (x->first == 0)
		x->first = t;
	x->last = t;
	x->count++;
	x->total++;
}

static void
conn_close(int fd)
{
	free(conns[fd]);
	conns[fd] = NULL;
	close(fd);
}

static void
on_listen(int i, double t)
{
	int fd;

	for (;;) {
		fd =
		    accept4(tg[i].fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd == -1)
			return;
		seen(i, t);
		if (!http || fd >= MAXFD) {
			close(fd);
			continue;
		}
		conns[fd] = malloc(sizeof(struct conn));
		if (conns[fd] == NULL)
			die("malloc");
		conns[fd]->target = i;
		conns[fd]->len = 0;
		ep_add(fd, K_CONN, fd, EPOLLIN | EPOLLRDHUP);
	}
}

static void
on_conn(int fd)
{
	struct conn *c = conns[fd];
	ssize_t n;

	if (c == NULL)
		return;
	n = read(fd, c->buf + c->len, sizeof(c->buf) - 1 - c->len);
	if (n <= 0) {
		if (n == -1 && errno == EAGAIN)
			return;
		conn_close(fd);
		return;
	}
	c->len += n;
	c->buf[c->len] = '\0';
	if (strstr(c->buf, "\r\n\r\n") == NULL &&
	    strstr(c->buf, "\n\n") == NULL && c->len < (int)sizeof(c->buf) - 1)
		return;
	/* The answer fits a fresh socket buffer: one write. */
	if (write(fd, resp, sizeof(resp) - 1) == -1) { /* closed anyway */
	}
	conn_close(fd);
}

static double
cpu_s(const struct rusage *r)
{
	return r->ru_utime.tv_sec + r->ru_utime.tv_usec / 1e6 +
	    r->ru_stime.tv_sec + r->ru_stime.tv_usec / 1e6;
}

static int
cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The interval (ms) below which a fraction q of the window's intervals lie. */
static double
hist_q(double q)
{
	unsigned long want, acc = 0;
	int ms;

	if (nintv == 0)
		return NAN;
	want = (unsigned long)ceil(q * nintv);
	if (want == 0)
		want = 1;
	for (ms = 0; ms <= HIST_MS; ms++) {
		acc += hist[ms];
		if (acc >= want)
			return ms + 0.5;
	}
	return HIST_MS;
}

static void
dump(const char *path)
{
	struct rusage ru;
	double t = now(), win, *f, span, fmin = 0, fmax = 0;
	unsigned long checks = 0, nseen = 0, lo = 0, hi = 0, maxslice = 0;
	unsigned long *slices, nslice;
	char tmp[4096];
	FILE *o;
	int i, ms;

	getrusage(RUSAGE_SELF, &ru);
	win = t - t_reset;
	f = malloc(sizeof(double) * (ntg + 1));
	if (f == NULL)
		die("malloc");
	for (i = 0; i < ntg; i++) {
		checks += tg[i].count;
		if (tg[i].first > 0)
			f[nseen++] = tg[i].first;
	}
	if (nseen > 0) {
		qsort(f, nseen, sizeof(double), cmp_dbl);
		fmin = f[0];
		fmax = f[nseen - 1];
	}
	span = fmax - fmin;
	/* evenness: the busiest 100 ms slice of the first round vs the mean */
	nslice = (unsigned long)(span / FIRST_SLICE) + 1;
	slices = calloc(nslice, sizeof(unsigned long));
	if (slices == NULL)
		die("calloc");
	for (i = 0; i < (int)nseen; i++) {
		unsigned long s = (unsigned long)((f[i] - fmin) / FIRST_SLICE);

		if (s >= nslice)
			s = nslice - 1;
		if (++slices[s] > maxslice)
			maxslice = slices[s];
	}
	/* intervals more than 5 % off delay_loop, either way */
	for (ms = 0; ms <= HIST_MS; ms++) {
		if (ms < delay_ms * 95 / 100)
			lo += hist[ms];
		else if (ms >= delay_ms * 105 / 100)
			hi += hist[ms];
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	o = fopen(tmp, "w");
	if (o == NULL)
		die(tmp);
	fprintf(o, "targets=%d window_s=%.3f checks=%lu checks_per_s=%.1f\n",
	    ntg, win, checks, win > 0 ? checks / win : 0);
	fprintf(o, "farm_cpu_s=%.3f farm_cpu_pct=%.1f\n",
	    cpu_s(&ru) - cpu_s(&ru_reset),
	    win > 0 ? 100 * (cpu_s(&ru) - cpu_s(&ru_reset)) / win : 0);
	fprintf(o,
	    "intervals=%lu intv_p1_ms=%.1f intv_p50_ms=%.1f "
	    "intv_p99_ms=%.1f intv_max_ms=%.1f intv_short=%lu "
	    "intv_long=%lu\n",
	    nintv, hist_q(0.01), hist_q(0.5), hist_q(0.99), hist_q(1.0), lo,
	    hi);
	if (nseen > 0)
		fprintf(o,
		    "first_seen=%lu first_from_arm_s=%.3f "
		    "first_all_from_arm_s=%.3f first_p50_from_arm_s=%.3f "
		    "first_span_s=%.3f first_max_slice=%lu "
		    "first_mean_slice=%.1f\n",
		    nseen, fmin - t_arm, fmax - t_arm, f[nseen / 2] - t_arm,
		    span, maxslice, (double)nseen / nslice);
	else
		fprintf(o, "first_seen=0\n");
	fclose(o);
	if (rename(tmp, path) == -1)
		die("rename");
	free(slices);
	free(f);
}

static void
command(char *line)
{
	int i;

	if (strcmp(line, "arm") == 0) {
		for (i = 0; i < ntg; i++) {
			tg[i].first = 0;
			tg[i].count = 0;
			tg[i].total = 0;
		}
		t_arm = now();
	} else if (strcmp(line, "reset") == 0) {
		for (i = 0; i < ntg; i++)
			tg[i].count = 0;
		memset(hist, 0, sizeof(hist));
		nintv = 0;
		t_reset = now();
		getrusage(RUSAGE_SELF, &ru_reset);
	} else if (strncmp(line, "dump ", 5) == 0) {
		dump(line + 5);
	} else if (sscanf(line, "stop %d", &i) == 1 && i >= 0 && i < ntg) {
		if (tg[i].fd != -1) {
			close(tg[i].fd);
			tg[i].fd = -1;
		}
		printf("stop %d %.6f %.6f\n", i, now(), tg[i].last);
	} else if (sscanf(line, "start %d", &i) == 1 && i >= 0 && i < ntg) {
		if (tg[i].fd == -1 && listen_target(i) == -1)
			printf("error start %d %s\n", i, strerror(errno));
		else
			printf("started %d %.6f\n", i, now());
	} else {
		printf("error unknown command '%s'\n", line);
	}
	fflush(stdout);
}

/*
 * Reads what is there from fd into buf, hands each complete line on: to
 * command() (prefix NULL), or to stdout with the prefix and the time.
 */
static void
lines(int fd, char *buf, size_t size, size_t *len, const char *prefix)
{
	char *nl, *p;
	ssize_t n;
	double t;

	for (;;) {
		n = read(fd, buf + *len, size - 1 - *len);
		if (n <= 0)
			return;
		t = now();
		*len += n;
		buf[*len] = '\0';
		p = buf;
		while ((nl = strchr(p, '\n')) != NULL) {
			*nl = '\0';
			if (prefix != NULL)
				printf("%s %.6f %s\n", prefix, t, p);
			else
				command(p);
			p = nl + 1;
		}
		if (prefix != NULL)
			fflush(stdout);
		*len -= p - buf;
		memmove(buf, p, *len);
		if (*len == size - 1)
			*len = 0; /* a line too long: dropped */
	}
}

static int
parse_spec(const char *spec, int add)
{
	char addr[64];
	int lo, hi, p, n = 0;
	struct in_addr in;

	if (sscanf(spec, "%63[^:]:%d-%d", addr, &lo, &hi) != 3) {
		if (sscanf(spec, "%63[^:]:%d", addr, &lo) != 2)
			return -1;
		hi = lo;
	}
	if (inet_pton(AF_INET, addr, &in) != 1 || lo < 1 || hi > 65535 ||
	    hi < lo)
		return -1;
	for (p = lo; p <= hi; p++, n++) {
		if (!add)
			continue;
		memset(&tg[ntg], 0, sizeof(tg[ntg]));
		tg[ntg].sa.sin_family = AF_INET;
		tg[ntg].sa.sin_addr = in;
		tg[ntg].sa.sin_port = htons(p);
		tg[ntg].fd = -1;
		ntg++;
	}
	return n;
}

int
main(int argc, char **argv)
{
	struct epoll_event ev[512];
	const char *ctl = NULL, *note = NULL, *log = NULL;
	int opt, i, n, total = 0, cfd, nfd = -1, lfd = -1;
	struct rlimit rl = { 1 << 20, 1 << 20 };
	double t;

	while ((opt = getopt(argc, argv, "Hc:d:l:n:")) != -1) {
		switch (opt) {
		case 'H':
			http = 1;
			break;
		case 'c':
			ctl = optarg;
			break;
		case 'd':
			delay_ms = atoi(optarg);
			break;
		case 'l':
			log = optarg;
			break;
		case 'n':
			note = optarg;
			break;
		default:
			goto usage;
		}
	}
	if (ctl == NULL || optind == argc)
		goto usage;
	for (i = optind; i < argc; i++) {
		if ((n = parse_spec(argv[i], 0)) < 0)
			goto usage;
		total += n;
	}
	if (setrlimit(RLIMIT_NOFILE, &rl) == -1) {
		rl.rlim_cur = rl.rlim_max = 65536;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	signal(SIGPIPE, SIG_IGN);
	tg = calloc(total, sizeof(*tg));
	if (tg == NULL)
		die("calloc");
	for (i = optind; i < argc; i++)
		parse_spec(argv[i], 1);
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep == -1)
		die("epoll_create1");
	for (i = 0; i < ntg; i++)
		if (listen_target(i) == -1) {
			fprintf(stderr, "check_farm: target %d (%s:%d): %s\n",
			    i, inet_ntoa(tg[i].sa.sin_addr),
			    ntohs(tg[i].sa.sin_port), strerror(errno));
			return 1;
		}
	/* O_RDWR: a FIFO that never sees EOF when its writers come and go */
	cfd = open(ctl, O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (cfd == -1)
		die(ctl);
	ep_add(cfd, K_CTL, 0, EPOLLIN);
	if (note != NULL) {
		nfd = open(note, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		if (nfd == -1)
			die(note);
		ep_add(nfd, K_NOTE, 0, EPOLLIN);
	}
	if (log != NULL) {
		lfd = open(log, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		if (lfd == -1)
			die(log);
		ep_add(lfd, K_LOG, 0, EPOLLIN);
	}
	t_arm = now();
	printf("ready %d\n", ntg);
	fflush(stdout);
	for (;;) {
		n = epoll_wait(ep, ev, 512, -1);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			die("epoll_wait");
		}
		t = now();
		for (i = 0; i < n; i++) {
			int kind = ev[i].data.u64 >> 32;
			int idx = (int)(uint32_t)ev[i].data.u64;

			switch (kind) {
			case K_LISTEN:
				if (tg[idx].fd != -1)
					on_listen(idx, t);
				break;
			case K_CONN:
				on_conn(idx);
				break;
			case K_CTL:
				lines(
				    cfd, ctlbuf, sizeof(ctlbuf), &ctllen, NULL);
				break;
			case K_NOTE:
				lines(nfd, notebuf, sizeof(notebuf), &notelen,
				    "note");
				break;
			case K_LOG:
				lines(lfd, logbuf, sizeof(logbuf), &loglen,
				    "log");
				break;
			}
		}
	}
usage:
	fprintf(stderr,
	    "usage: check_farm [-H] [-d DELAY_MS] -c CTLFIFO [-n NOTIFYFIFO] "
	    "[-l LOGFIFO] ADDR:PORTLO-PORTHI ...\n");
	return 2;
}
