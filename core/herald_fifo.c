/* SPDX-License-Identifier: GPL-2.0-or-later */
/* herald_fifo.c: the herald's lines on notify_fifo, vrrp_notify_fifo and
   lvs_notify_fifo. */

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <inttypes.h>
#include <limits.h>
#include <pwd.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "herald.h"
#include "log.h"
#include "script.h"

#define VRRP_KINDS ((1u << OBJ_VRRP_INSTANCE) | (1u << OBJ_VRRP_GROUP))
#define LVS_KINDS ((1u << OBJ_VS) | (1u << OBJ_RS))

/* A FIFO of global_defs, as opened. */
struct hfifo {
	const char *keyword;
	size_t conf_off; /* of its struct global_fifo in global_conf */
	unsigned kinds; /* bits 1 << enum obj_kind it gets lines of */
	struct global_fifo conf; /* what is open now */
	int fd; /* -1: closed */
	bool created; /* by us: removed at close */
	bool full; /* a line was dropped since the last that went */
	struct script_job job; /* its *_notify_fifo_script */
	const char *what;
};

static void on_event(struct herald_obj *, const struct msg_event *);
static void sink_configure(const struct config *, bool);
static bool sink_busy(void);
static void sink_stop(void);
static unsigned sink_kill(void);
static void fifo_line(const struct herald_obj *, const char *, uint32_t);
static int
format_line(char *, size_t, const struct herald_obj *, const char *, uint32_t);
static const char *
note_word(const struct herald_obj *, const struct msg_event *);
static void write_state(const struct herald_obj *, void *);
static bool fifo_same(const struct global_fifo *, const struct global_fifo *);
static void fifo_set(struct hfifo *, const struct global_fifo *);
static void fifo_open(struct hfifo *);
static uid_t fifo_owner(const struct hfifo *, gid_t *);
static void fifo_close(struct hfifo *);
static void fifo_script_done(struct script_job *, enum script_result, int);

/*
 * keepalived's notify_fifo gets every line, vrrp_notify_fifo the VRRP
 * ones, lvs_notify_fifo those of real and virtual servers.
 */
static struct hfifo fifos[] = {
	{ .keyword = "notify_fifo",
	    .conf_off = offsetof(struct global_conf, notify_fifo),
	    .kinds = VRRP_KINDS | LVS_KINDS,
	    .fd = -1,
	    .what = "notify_fifo_script" },
	{ .keyword = "vrrp_notify_fifo",
	    .conf_off = offsetof(struct global_conf, vrrp_notify_fifo),
	    .kinds = VRRP_KINDS,
	    .fd = -1,
	    .what = "vrrp_notify_fifo_script" },
	{ .keyword = "lvs_notify_fifo",
	    .conf_off = offsetof(struct global_conf, lvs_notify_fifo),
	    .kinds = LVS_KINDS,
	    .fd = -1,
	    .what = "lvs_notify_fifo_script" },
};
#define NFIFOS (sizeof(fifos) / sizeof(fifos[0]))

static bool stopping;

const struct herald_sink herald_fifo_sink = {
	.name = "fifo",
	.event = on_event,
	.configure = sink_configure,
	.busy = sink_busy,
	.stop = sink_stop,
	.kill = sink_kill,
};

static void
on_event(struct herald_obj *o, const struct msg_event *e)
{
	if (herald_event_told(o, e))
		fifo_line(
		    o, herald_state_word(o->kind, e->new_state), e->value);
	else if (herald_note_told(o, e))
		fifo_line(o, note_word(o, e), e->value);
}

/* keepalived's words for a note (vrrp_notify.c notify_fifo()): a
   priority change says which state it happened in, master or not. */
static const char *
note_word(const struct herald_obj *o, const struct msg_event *e)
{
	if (e->what == MSG_EVENT_RX_LOWER_PRI)
		return "MASTER_RX_LOWER_PRI";
	return o->kind == OBJ_VRRP_INSTANCE && e->new_state == MSG_VRRP_MASTER
	    ? "MASTER_PRIORITY"
	    : "BACKUP_PRIORITY";
}

/*
 * The line of one state (or note: word), in keepalived's format for the kind: VRRP's
 * (vrrp_notify.c notify_fifo()) or LVS's (ipwrapper.c notify_fifo_vs(),
 * notify_fifo_rs(), whose lines have no value).  snprintf's result.
 */
static int
format_line(char *line, size_t size, const struct herald_obj *o,
    const char *word, uint32_t value)
{
	switch (o->kind) {
	case OBJ_VS:
		return snprintf(
		    line, size, "%s %s %s\n", o->type, o->name, word);
	case OBJ_RS:
		return snprintf(line, size, "%s %s %s %s\n", o->type, o->name,
		    o->scope != NULL ? o->scope : "?", word);
	case OBJ_NONE:
	case OBJ_VRRP_INSTANCE:
	case OBJ_VRRP_GROUP:
	case OBJ_PROC:
	case OBJ_KIND_MAX:
		break;
	}
	return snprintf(line, size, "%s \"%s\" %s %" PRIu32 "\n", o->type,
	    o->name, word, value);
}

/*
 * One line (format_line()) to each open FIFO that takes that kind, never
 * blocking: a reader that does not keep up loses lines (logged once per
 * run of losses).  An object no configuration described has no TYPE,
 * and no line.  A line fits in PIPE_BUF, so that it reaches the reader
 * whole.  keepalived writes its LVS lines with their terminating NUL
 * (a slip: readers of lines would see it); vigil writes the line only.
 */
static void
fifo_line(const struct herald_obj *o, const char *word, uint32_t value)
{
	char line[PIPE_BUF];
	struct hfifo *f;
	size_t i, len;
	int n;

	if (o->type == NULL)
		return;
	n = format_line(line, sizeof(line), o, word, value);
	if (n < 0 || (size_t)n >= sizeof(line)) {
		log_warnx("herald: %s(%s): name too long for a FIFO line",
		    herald_kind_label(o->kind), o->name);
		return;
	}
	len = (size_t)n;
	for (i = 0; i < NFIFOS; i++) {
		f = &fifos[i];
		if (f->fd < 0 || !(f->kinds & (1u << o->kind)))
			continue;
		if (write(f->fd, line, len) == (ssize_t)len) {
			f->full = false;
			continue;
		}
		if (!f->full)
			log_warn("%s %s: lines lost", f->keyword, f->conf.path);
		f->full = true;
	}
}

/* fifo_write_vrrp_states_on_reload: the last state of each object of
   the configuration, as keepalived writes its instances' and groups'. */
static void
write_state(const struct herald_obj *o, void *arg)
{
	(void)arg;
	if (o->configured && herald_told(o->kind, o->state))
		fifo_line(o, herald_state_word(o->kind, o->state), o->value);
}

static void
sink_configure(const struct config *cfg, bool reload)
{
	size_t i;

	for (i = 0; i < NFIFOS; i++)
		fifo_set(&fifos[i],
		    (const struct global_fifo *)((const char *)&cfg->global +
		        fifos[i].conf_off));
	if (reload && cfg->global.fifo_write_vrrp_states_on_reload)
		herald_foreach(VRRP_KINDS, write_state, NULL);
}

static bool
fifo_same(const struct global_fifo *a, const struct global_fifo *b)
{
	return strcmp(a->path, b->path) == 0 && strcmp(a->user, b->user) == 0 &&
	    strcmp(a->group, b->group) == 0 &&
	    strcmp(a->script.cmd, b->script.cmd) == 0 &&
	    strcmp(a->script.user, b->script.user) == 0 &&
	    strcmp(a->script.group, b->script.group) == 0;
}

/* Applies a configuration's FIFO: unchanged, it stays open as it is. */
static void
fifo_set(struct hfifo *f, const struct global_fifo *c)
{
	if (f->fd >= 0 && fifo_same(&f->conf, c))
		return;
	fifo_close(f);
	if (script_running(&f->job))
		script_cancel(herald_loop(), &f->job);
	f->conf = *c;
	if (c->path[0] != '\0')
		fifo_open(f);
}

/* The owner a FIFO we create gets: its user (and group) if given, else
   the scripts' default user. */
static uid_t
fifo_owner(const struct hfifo *f, gid_t *gid)
{
	const struct passwd *pw;
	const struct group *gr;
	uid_t uid;

	if (script_default_ids(&uid, gid) < 0) {
		uid = getuid();
		*gid = getgid();
	}
	if (f->conf.user[0] && (pw = getpwnam(f->conf.user)) != NULL) {
		uid = pw->pw_uid;
		*gid = pw->pw_gid;
	}
	if (f->conf.group[0] && (gr = getgrnam(f->conf.group)) != NULL)
		*gid = gr->gr_gid;
	return uid;
}

/*
 * As keepalived's fifo_open() (lib/notify.c): create the FIFO if it is
 * missing and give it to its user, start its script with the path as
 * argument, open it read-write (so neither open nor write waits for a
 * reader) and non-blocking.
 */
static void
fifo_open(struct hfifo *f)
{
	const char *path = f->conf.path;
	struct cfg_script s = { 0 };
	const char *args[2] = { path, NULL };
	struct stat sb;
	uid_t uid;
	gid_t gid;

	f->created = false;
	f->full = false;
	if (mkfifo(path, S_IRUSR | S_IWUSR | S_IRGRP | S_IROTH) == 0) {
		f->created = true;
		uid = fifo_owner(f, &gid);
		if ((uid != getuid() || gid != getgid()) &&
		    chown(path, uid, gid) < 0)
			log_warn("%s %s: cannot give it to %u:%u", f->keyword,
			    path, (unsigned)uid, (unsigned)gid);
	} else if (errno != EEXIST) {
		log_warn("%s %s: cannot create it", f->keyword, path);
		return;
	}
	f->fd = open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW);
	if (f->fd < 0 || fstat(f->fd, &sb) < 0 || !S_ISFIFO(sb.st_mode)) {
		if (f->fd < 0)
			log_warn("%s %s: cannot open it", f->keyword, path);
		else
			log_warnx("%s %s: not a FIFO", f->keyword, path);
		fifo_close(f);
		return;
	}
	log_info("%s %s open", f->keyword, path);
	if (f->conf.script.cmd[0] == '\0')
		return;
	s.cmd = f->conf.script.cmd;
	s.user = f->conf.script.user[0] ? f->conf.script.user : NULL;
	s.group = f->conf.script.group[0] ? f->conf.script.group : NULL;
	f->job.done = fifo_script_done;
	f->job.arg = f;
	script_run(herald_loop(), &f->job, &s, args, 0, f->what);
}

/* Closes the FIFO and removes it if we made it: a reader sees the end
   once it read what is left. */
static void
fifo_close(struct hfifo *f)
{
	if (f->fd >= 0) {
		if (f->created)
			unlink(f->conf.path);
		close(f->fd);
	}
	f->fd = -1;
	f->created = false;
}

static void
fifo_script_done(struct script_job *j, enum script_result r, int status)
{
	/* keepalived only notes it (vrrp.c vrrp_notify_fifo_script_exit),
	   and so do we: a reader that keeps failing is not restarted. */
	if (stopping) {
		log_info("%s: ended", j->what);
		herald_sink_progress();
	} else
		log_info("%s: ended (%s, %d); not restarted", j->what,
		    script_result_name(r), status);
}

static bool
sink_busy(void)
{
	size_t i;

	for (i = 0; i < NFIFOS; i++)
		if (script_running(&fifos[i].job))
			return true;
	return false;
}

/* Closes the FIFOs (removing those we made); keepalived ends a FIFO
   script with SIGTERM when it exits. */
static void
sink_stop(void)
{
	size_t i;

	stopping = true;
	for (i = 0; i < NFIFOS; i++) {
		fifo_close(&fifos[i]);
		script_terminate(herald_loop(), &fifos[i].job);
	}
}

static unsigned
sink_kill(void)
{
	unsigned n = 0;
	size_t i;

	for (i = 0; i < NFIFOS; i++)
		if (script_running(&fifos[i].job)) {
			script_cancel(herald_loop(), &fifos[i].job);
			n++;
		}
	return n;
}
