/* SPDX-License-Identifier: GPL-2.0-or-later */
/* script.c: the one runner of external scripts: spawn, exec, watch, reap. */

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <sched.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "script.h"

/* Seconds between SIGTERM and SIGKILL of a timed-out script's group, as
   keepalived's track scripts (vrrp_scheduler.c: timeout = 2). */
#define SCRIPT_GRACE 2.0
/* Bytes of output read per wakeup, and at most when the script ends. */
#define SCRIPT_READ_CHUNK 4096
#define SCRIPT_DRAIN_MAX 65536
#define SCRIPT_WHITE " \t\n\r\f\v"

/* What the child reports on its error pipe when it cannot exec. */
enum spawn_stage {
	SPAWN_NO_USER, /* no default user under enable_script_security */
	SPAWN_USER, /* the script's user is unknown */
	SPAWN_GROUP, /* the script's group is unknown */
	SPAWN_SETID, /* setgroups/setgid/setuid failed */
	SPAWN_FIND, /* the program is not found in PATH */
	SPAWN_MISSING, /* the program's path names nothing */
	SPAWN_INSECURE, /* refused by enable_script_security */
	SPAWN_EXEC, /* execv failed */
};

struct spawn_err {
	int stage; /* enum spawn_stage */
	int err; /* errno */
	char path[512]; /* the program, or the insecure part of its path */
};

/*
 * What the spawned child needs, prepared by the parent: the child shares
 * the parent's memory until it execs (CLONE_VM | CLONE_VFORK), so it
 * allocates nothing, takes no lock and calls no libc function that keeps
 * state (getpwnam is the parent's); a failure found by the parent is
 * reported by the child through the same error pipe as its own.
 */
struct spawn_args {
	char **argv;
	int outfd, errfd;
	uid_t uid;
	gid_t gid;
	int nice; /* above 0: setpriority() */
	int fail_stage; /* -1, or the enum spawn_stage the parent found */
	int fail_err;
	const char *fail_path;
};

/*
 * The spawned child's stack until its exec: the parent is suspended
 * meanwhile (CLONE_VFORK), so one is enough.  The child needs two paths
 * (PATH_MAX each) and little else.
 */
#define SPAWN_STACK (64 * 1024)
/*
 * AddressSanitizer cannot follow a child that shares its memory (its own
 * vfork() is a fork() for that reason): a sanitizer build copies it, as
 * fork() does.
 */
#if defined(__SANITIZE_ADDRESS__)
#define SPAWN_SHARE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SPAWN_SHARE 0
#endif
#endif
#ifndef SPAWN_SHARE
#define SPAWN_SHARE (CLONE_VM | CLONE_VFORK)
#endif
static _Alignas(16) unsigned char spawn_stack[SPAWN_STACK];

/* The user/group a script without its own runs as. */
static struct {
	bool set; /* script_set_defaults() ran; else: our own ids */
	bool security; /* enable_script_security */
	bool refuse; /* security on and no user: do not run */
	uid_t uid;
	gid_t gid;
} defaults;

static int split_words(const char *, const char *const *, char ***);
static int unquote_word(const char **, char *);
static char unescape(const char **);
static int pipe_high(int[2]);
static pid_t spawn(struct spawn_args *);
static int spawn_child(void *);
static void
spawn_fail(int, enum spawn_stage, int, const char *) __attribute__((noreturn));
static void child_ids(const struct cfg_script *, struct spawn_args *);
static void on_exit_cb(struct ev_loop *, ev_child *, int);
static void on_timeout(struct ev_loop *, ev_timer *, int);
static void on_output(struct ev_loop *, ev_io *, int);
static int read_output(struct script_job *, size_t);
static void flush_line(struct script_job *);
static void log_spawn_err(const struct script_job *, const struct spawn_err *);
static uint32_t spawn_err_key(const struct spawn_err *);
static void kill_group(pid_t, int);
static void release(struct ev_loop *, struct script_job *);

void
script_set_defaults(const struct config *cfg)
{
	const struct global_conf *g = &cfg->global;
	const struct passwd *pw;
	const struct group *gr;

	memset(&defaults, 0, sizeof(defaults));
	defaults.set = true;
	defaults.security = g->enable_script_security;
	defaults.uid = getuid();
	defaults.gid = getgid();
	if (g->script_user[0] != '\0') {
		pw = getpwnam(g->script_user);
		gr = g->script_group[0] ? getgrnam(g->script_group) : NULL;
		if (pw == NULL || (g->script_group[0] && gr == NULL)) {
			/* keepalived: a default user that cannot be set leaves
			   scripts without their own user unrun. */
			log_warnx("script_user %s%s%s does not exist; scripts "
			          "without their own user will not run",
			    g->script_user, g->script_group[0] ? " " : "",
			    g->script_group);
			defaults.refuse = true;
			return;
		}
		defaults.uid = pw->pw_uid;
		defaults.gid = gr ? gr->gr_gid : pw->pw_gid;
		return;
	}
	pw = getpwnam("keepalived_script");
	if (pw != NULL) {
		defaults.uid = pw->pw_uid;
		defaults.gid = pw->pw_gid;
	} else if (defaults.security) {
		/* keepalived 2.2.7 (lib/notify.c get_default_script_user)
		   refuses to fall back to root under script security. */
		log_warnx("enable_script_security: no script_user and no user "
		          "keepalived_script; scripts without their own user "
		          "will not run");
		defaults.refuse = true;
	}
}

bool
script_running(const struct script_job *j)
{
	return j->pid != 0;
}

const char *
script_result_name(enum script_result r)
{
	switch (r) {
	case SCRIPT_OK:
		return "ok";
	case SCRIPT_FAILED:
		return "failed";
	case SCRIPT_SIGNALED:
		return "signaled";
	case SCRIPT_TIMEOUT:
		return "timeout";
	case SCRIPT_EXEC_FAILED:
		return "exec-failed";
	}
	return "unknown";
}

int
script_run(struct ev_loop *loop, struct script_job *j,
    const struct cfg_script *s, const char *const *extra, uint64_t timeout_us,
    const char *what)
{
	struct spawn_args a;
	char **argv;
	int out[2], err[2];
	pid_t pid;

	if (j->pid != 0 || s == NULL || s->cmd == NULL)
		return -1;
	if (split_words(s->cmd, extra, &argv) < 0) {
		log_warnx("%s: cannot run '%s': empty, or a quote is not "
		          "closed",
		    what, s->cmd);
		return -1;
	}
	if (pipe_high(out) < 0 || pipe_high(err) < 0) {
		log_warn("%s: pipe", what);
		if (out[0] >= 0) {
			close(out[0]);
			close(out[1]);
		}
		free(argv);
		return -1;
	}
	a = (struct spawn_args){
		.argv = argv,
		.outfd = out[1],
		.errfd = err[1],
		.nice = j->nice,
		.fail_stage = -1,
	};
	child_ids(s, &a);
	pid = spawn(&a);
	free(argv);
	close(out[1]);
	close(err[1]);
	if (pid < 0) {
		log_warn("%s: clone", what);
		close(out[0]);
		close(err[0]);
		return -1;
	}
	j->pid = pid;
	snprintf(j->what, sizeof(j->what), "%s", what);
	j->killed = false;
	j->linelen = 0;
	j->outfd = out[0];
	j->errfd = err[0];
	j->timeout = (double)timeout_us / 1e6;
	fcntl(j->outfd, F_SETFL, O_NONBLOCK);
	fcntl(j->errfd, F_SETFL, O_NONBLOCK);
	ev_child_init(&j->cw, on_exit_cb, pid, 0);
	j->cw.data = j;
	ev_child_start(loop, &j->cw);
	ev_io_init(&j->out, on_output, j->outfd, EV_READ);
	j->out.data = j;
	ev_io_start(loop, &j->out);
	ev_timer_init(&j->timer, on_timeout, j->timeout, 0);
	j->timer.data = j;
	if (timeout_us > 0)
		ev_timer_start(loop, &j->timer);
	log_debug("%s: started (pid %d)", what, (int)pid);
	return 0;
}

void
script_cancel(struct ev_loop *loop, struct script_job *j)
{
	if (j->pid == 0)
		return;
	kill_group(j->pid, SIGKILL);
	log_debug("%s: cancelled (pid %d)", j->what, (int)j->pid);
	/* The default loop's SIGCHLD handler reaps any child, watched or
	   not, so the killed one leaves no zombie. */
	release(loop, j);
}

void
script_terminate(struct ev_loop *loop, struct script_job *j)
{
	if (j->pid == 0 || j->killed)
		return;
	j->killed = true;
	kill_group(j->pid, SIGTERM);
	ev_timer_stop(loop, &j->timer);
	ev_timer_set(&j->timer, SCRIPT_GRACE, 0);
	ev_timer_start(loop, &j->timer);
}

int
script_default_ids(uid_t *uid, gid_t *gid)
{
	if (defaults.refuse)
		return -1;
	*uid = defaults.set ? defaults.uid : getuid();
	*gid = defaults.set ? defaults.gid : getgid();
	return 0;
}

/* ---- the command line ---- */

/*
 * Splits cmd into words as keepalived does for a script (parser.c
 * alloc_strvec_quoted_escaped): blanks separate words, '...' and "..."
 * quote, a backslash escapes one character (\n, \t, \xHH, \0NN, \cX and
 * the like), then appends extra.  *argv (NULL-ended) and its strings are
 * one malloc'd block.  The number of words, or -1.
 */
static int
split_words(const char *cmd, const char *const *extra, char ***argvp)
{
	size_t len = strlen(cmd) + 1, nmax = len / 2 + 2, n = 0, i;
	const char *p = cmd;
	char **argv, *w;

	for (i = 0; extra != NULL && extra[i] != NULL; i++)
		len += strlen(extra[i]) + 1;
	nmax += i;
	argv = malloc(nmax * sizeof(char *) + len);
	if (argv == NULL)
		return -1;
	w = (char *)(argv + nmax);
	for (;;) {
		p += strspn(p, SCRIPT_WHITE);
		if (*p == '\0')
			break;
		argv[n++] = w;
		if (unquote_word(&p, w) < 0) {
			free(argv);
			return -1;
		}
		w += strlen(w) + 1;
	}
	if (n == 0) {
		free(argv);
		return -1;
	}
	for (i = 0; extra != NULL && extra[i] != NULL; i++) {
		argv[n++] = w;
		strcpy(w, extra[i]);
		w += strlen(w) + 1;
	}
	argv[n] = NULL;
	*argvp = argv;
	return (int)n;
}

/* One word from *pp into out (never longer than its source). */
static int
unquote_word(const char **pp, char *out)
{
	const char *p = *pp;
	char quote = 0;

	for (; *p != '\0'; p++) {
		if (*p == '\\') {
			p++;
			if (*p == '\0')
				return -1;
			*out++ = unescape(&p);
			p--;
		} else if (quote != 0 && *p == quote)
			quote = 0;
		else if (quote == 0 && (*p == '\'' || *p == '"'))
			quote = *p;
		else if (quote == 0 && strchr(SCRIPT_WHITE, *p) != NULL)
			break;
		else
			*out++ = *p;
	}
	*out = '\0';
	*pp = p;
	return quote != 0 ? -1 : 0;
}

/* The character an escape stands for; *pp at the character after the
   backslash, left after the escape. */
static char
unescape(const char **pp)
{
	static const char from[] = "abEfnrtv", to[] = "\a\b\033\f\n\r\t\v";
	const char *p = *pp, *k;
	int c = 0, i;

	if (*p == 'x' && isxdigit((unsigned char)p[1])) {
		for (p++; isxdigit((unsigned char)*p); p++)
			c = (c << 4) |
			    (isdigit((unsigned char)*p)
			            ? *p - '0'
			            : (tolower(*p) - 'a' + 10));
	} else if (*p == 'c' && p[1] != '\0') {
		c = p[1] & 0x1f;
		p += 2;
	} else if (*p >= '0' && *p <= '7') {
		for (i = 0; i < 3 && *p >= '0' && *p <= '7'; i++, p++)
			c = (c << 3) + (*p - '0');
	} else {
		k = strchr(from, *p);
		c = k != NULL ? to[k - from] : *p;
		p++;
	}
	*pp = p;
	return (char)c;
}

/* A close-on-exec pipe whose ends are above stderr, so that the child's
   dup2() onto 0-2 never overwrites one of them. */
static int
pipe_high(int fd[2])
{
	int i, hi;

	fd[0] = fd[1] = -1;
	if (pipe2(fd, O_CLOEXEC) < 0)
		return -1;
	for (i = 0; i < 2; i++) {
		if (fd[i] > STDERR_FILENO)
			continue;
		hi = fcntl(fd[i], F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
		close(fd[i]);
		fd[i] = hi;
	}
	if (fd[0] < 0 || fd[1] < 0) {
		if (fd[0] >= 0)
			close(fd[0]);
		if (fd[1] >= 0)
			close(fd[1]);
		fd[0] = fd[1] = -1;
		return -1;
	}
	return 0;
}

/* ---- the spawned child ---- */

/*
 * Starts the child as vfork() does (CLONE_VM | CLONE_VFORK): no copy of
 * the page tables and no copy-on-write faults afterwards, which fork()
 * costs the parent in proportion to its memory (a burst of 1,000 notify
 * scripts: seconds of the parent's loop on a VM).  Every signal is
 * blocked around the clone, so that no handler of ours runs in the
 * child before it resets them.
 */
static pid_t
spawn(struct spawn_args *a)
{
	sigset_t all, old;
	pid_t pid;
	int saved;

	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, &old);
	pid = clone(spawn_child, spawn_stack + sizeof(spawn_stack),
	    SPAWN_SHARE | SIGCHLD, a);
	saved = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = saved;
	return pid;
}

/*
 * Becomes the script: default signals, a process group of its own (so a
 * timeout kills its children too) in the daemon's session: a session of
 * its own would also be a scheduling group of its own (the kernel's
 * autogroup), and a burst of 1,000 scripts would then take 1,000 shares
 * of the CPU against the VRRP child's one, whatever their niceness;
 * /dev/null in, the pipe out, no other fds but the error pipe
 * (close-on-exec), its user, exec.
 * Nothing here logs: failures go to the error pipe for the parent.  The
 * ids change by raw system calls: glibc's wrappers would try to change
 * every thread of the parent whose memory this shares.
 */
static int
spawn_child(void *arg)
{
	const struct spawn_args *a = arg;
	char found[PATH_MAX], part[PATH_MAX];
	const char *path = a->argv[0], *bad;
	sigset_t none;
	int fd, sig, errfd = a->errfd;

	for (sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	setpgid(0, 0);
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0 && fd != STDIN_FILENO) {
		dup2(fd, STDIN_FILENO);
		close(fd);
	}
	dup2(a->outfd, STDOUT_FILENO);
	dup2(a->outfd, STDERR_FILENO);
	if (errfd != STDERR_FILENO + 1) {
		dup3(errfd, STDERR_FILENO + 1, O_CLOEXEC);
		errfd = STDERR_FILENO + 1;
	}
	close_range(STDERR_FILENO + 2, ~0U, 0);
	if (a->nice > 0)
		syscall(SYS_setpriority, PRIO_PROCESS, 0, a->nice);
	if (a->fail_stage >= 0)
		spawn_fail(errfd, (enum spawn_stage)a->fail_stage, a->fail_err,
		    a->fail_path);
	if (strchr(path, '/') == NULL) {
		if (cfg_script_find(path, found, sizeof(found)) < 0)
			spawn_fail(errfd, SPAWN_FIND, ENOENT, path);
		path = found;
	}
	/* Before the security check, which would call a script not yet
	   deployed unsafe; execv's ENOENT may also mean a missing
	   interpreter, which is not this. */
	if (access(path, F_OK) < 0 && (errno == ENOENT || errno == ENOTDIR))
		spawn_fail(errfd, SPAWN_MISSING, ENOENT, path);
	if (defaults.security) {
		bad = cfg_script_insecure(path, part, sizeof(part));
		if (bad != NULL)
			spawn_fail(errfd, SPAWN_INSECURE, EACCES, bad);
	}
	if (a->uid != getuid() || a->gid != getgid()) {
		if (syscall(SYS_setgroups, 1, &a->gid) < 0 ||
		    syscall(SYS_setgid, a->gid) < 0 ||
		    syscall(SYS_setuid, a->uid) < 0)
			spawn_fail(errfd, SPAWN_SETID, errno, path);
	}
	/* After the id change, which clears it: the script dies with us. */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	execv(path, a->argv);
	spawn_fail(errfd, SPAWN_EXEC, errno, path);
}

/* The uid and gid the script runs as, found by the parent; a failure
   is left for the child to report. */
static void
child_ids(const struct cfg_script *s, struct spawn_args *a)
{
	const struct passwd *pw;
	const struct group *gr;

	if (s->user == NULL) {
		if (script_default_ids(&a->uid, &a->gid) < 0) {
			a->fail_stage = SPAWN_NO_USER;
			a->fail_err = EPERM;
			a->fail_path = "";
		}
		return;
	}
	pw = getpwnam(s->user);
	if (pw == NULL) {
		a->fail_stage = SPAWN_USER;
		a->fail_err = EINVAL;
		a->fail_path = s->user;
		return;
	}
	a->uid = pw->pw_uid;
	a->gid = pw->pw_gid;
	if (s->group != NULL) {
		gr = getgrnam(s->group);
		if (gr == NULL) {
			a->fail_stage = SPAWN_GROUP;
			a->fail_err = EINVAL;
			a->fail_path = s->group;
			return;
		}
		a->gid = gr->gr_gid;
	}
}

static void
spawn_fail(int errfd, enum spawn_stage stage, int err, const char *path)
{
	struct spawn_err e;
	ssize_t n;

	memset(&e, 0, sizeof(e));
	e.stage = stage;
	e.err = err;
	snprintf(e.path, sizeof(e.path), "%s", path);
	n = write(errfd, &e, sizeof(e));
	(void)n;
	_exit(127);
}

/* ---- in the parent: output, timeout, exit ---- */

static void
on_output(struct ev_loop *loop, ev_io *w, int revents)
{
	struct script_job *j = w->data;

	(void)revents;
	if (read_output(j, SCRIPT_READ_CHUNK) == 0) {
		/* End of output (or an error): the exit still comes. */
		flush_line(j);
		ev_io_stop(loop, w);
	}
}

/*
 * Reads up to max bytes of the script's output and logs each complete
 * line; a line longer than the buffer is logged in pieces.  Returns 1
 * while more may come, 0 at end of file or on an error, -1 when nothing
 * is there now.
 */
static int
read_output(struct script_job *j, size_t max)
{
	char buf[SCRIPT_READ_CHUNK];
	size_t done = 0;
	ssize_t n, i;

	while (done < max) {
		n = read(j->outfd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN ? (done > 0 ? 1 : -1) : 0;
		if (n == 0)
			return 0;
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n') {
				flush_line(j);
				continue;
			}
			if (j->linelen == sizeof(j->line) - 1)
				flush_line(j);
			j->line[j->linelen++] = buf[i];
		}
		done += (size_t)n;
	}
	return 1;
}

static void
flush_line(struct script_job *j)
{
	if (j->linelen == 0)
		return;
	j->line[j->linelen] = '\0';
	log_info("%s: %s", j->what, j->line);
	j->linelen = 0;
}

static void
on_timeout(struct ev_loop *loop, ev_timer *w, int revents)
{
	struct script_job *j = w->data;

	(void)revents;
	if (!j->killed) {
		j->killed = true;
		log_info("%s: timed out after %.1f s; terminating it (pid %d)",
		    j->what, j->timeout, (int)j->pid);
		kill_group(j->pid, SIGTERM);
		ev_timer_set(w, SCRIPT_GRACE, 0);
		ev_timer_start(loop, w);
		return;
	}
	log_info("%s: still running %.0f s after SIGTERM; killing it", j->what,
	    SCRIPT_GRACE);
	kill_group(j->pid, SIGKILL);
}

static void
on_exit_cb(struct ev_loop *loop, ev_child *w, int revents)
{
	struct script_job *j = w->data;
	enum script_result r;
	struct spawn_err e;
	int st = w->rstatus, status;
	ssize_t n;

	(void)revents;
	n = read(j->errfd, &e, sizeof(e));
	if (j->killed)
		/* Whatever it left of its group dies too (a child that
		   ignored SIGTERM).  The group only: the pid is reaped. */
		kill(-j->pid, SIGKILL);
	read_output(j, SCRIPT_DRAIN_MAX);
	flush_line(j);
	if (n == (ssize_t)sizeof(e)) {
		e.path[sizeof(e.path) - 1] = '\0';
		if (j->fail_logged != spawn_err_key(&e))
			log_spawn_err(j, &e);
		else
			log_debug("%s: not run again, as before", j->what);
		j->fail_logged = spawn_err_key(&e);
		r = SCRIPT_EXEC_FAILED;
		/* ENOENT from execv itself: its interpreter is missing */
		status =
		    e.stage == SPAWN_EXEC && e.err == ENOENT ? ENOEXEC : e.err;
	} else if (j->killed) {
		r = SCRIPT_TIMEOUT;
		status = WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st);
	} else if (WIFEXITED(st)) {
		status = WEXITSTATUS(st);
		r = status == 0 ? SCRIPT_OK : SCRIPT_FAILED;
	} else {
		status = WTERMSIG(st);
		r = SCRIPT_SIGNALED;
	}
	if (r != SCRIPT_EXEC_FAILED)
		j->fail_logged = 0;
	log_debug("%s: pid %d ended: %s (%d)", j->what, (int)j->pid,
	    script_result_name(r), status);
	release(loop, j);
	j->done(j, r, status);
}

/* A digest of a failure to start (FNV-1a of its stage, errno and path);
   never 0, which stands for none. */
static uint32_t
spawn_err_key(const struct spawn_err *e)
{
	uint32_t h = 2166136261u;
	const char *c;

	h = (h ^ (uint32_t)e->stage) * 16777619u;
	h = (h ^ (uint32_t)e->err) * 16777619u;
	for (c = e->path; *c != '\0'; c++)
		h = (h ^ (unsigned char)*c) * 16777619u;
	return h != 0 ? h : 1;
}

static void
log_spawn_err(const struct script_job *j, const struct spawn_err *e)
{
	switch ((enum spawn_stage)e->stage) {
	case SPAWN_NO_USER:
		log_warnx("%s: not run: no user to run it as "
		          "(enable_script_security: set script_user or "
		          "create keepalived_script)",
		    j->what);
		break;
	case SPAWN_USER:
		log_warnx("%s: not run: unknown user '%s'", j->what, e->path);
		break;
	case SPAWN_GROUP:
		log_warnx("%s: not run: unknown group '%s'", j->what, e->path);
		break;
	case SPAWN_SETID:
		log_warnx("%s: not run: cannot set its user and group: %s",
		    j->what, strerror(e->err));
		break;
	case SPAWN_FIND:
		log_warnx("%s: script not found: '%s' is not found in PATH",
		    j->what, e->path);
		break;
	case SPAWN_MISSING:
		log_warnx(
		    "%s: cannot run '%s': script not found", j->what, e->path);
		break;
	case SPAWN_INSECURE:
		log_warnx("%s: refused: '%s' may be changed by a user other "
		          "than root (enable_script_security)",
		    j->what, e->path);
		break;
	case SPAWN_EXEC:
		log_warnx("%s: cannot run '%s': %s", j->what, e->path,
		    strerror(e->err));
		break;
	default:
		log_warnx("%s: not run", j->what);
		break;
	}
}

/* Signals pid's process group; before the child's setpgid() there is no
   group yet, so the process alone. */
static void
kill_group(pid_t pid, int sig)
{
	if (kill(-pid, sig) < 0 && errno == ESRCH)
		kill(pid, sig);
}

/* Stops every watcher and closes the pipes: the job is free again. */
static void
release(struct ev_loop *loop, struct script_job *j)
{
	ev_child_stop(loop, &j->cw);
	ev_timer_stop(loop, &j->timer);
	ev_io_stop(loop, &j->out);
	close(j->outfd);
	close(j->errfd);
	j->outfd = j->errfd = -1;
	j->pid = 0;
	j->linelen = 0;
}
