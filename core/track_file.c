/* SPDX-License-Identifier: GPL-2.0-or-later */
/* track_file.c: track_file: integer values of files, watched with inotify. */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "track_file.h"

/*
 * keepalived's rules (2.2.7 trackers/track_file.c), which operators'
 * scripts rely on:
 * - the value is strtol(first 127 bytes, base 0): "0x10" is 16, "010"
 *   is 8, leading blanks and trailing text are allowed, text that is
 *   not a number reads as 0;
 * - a missing, unreadable or empty file reads as 0;
 * - a number outside [INT32_MIN, INT32_MAX + 1] is logged and ignored:
 *   the previous value stays;
 * - the file's directory is watched (IN_CLOSE_WRITE, IN_MOVED_TO: read
 *   it; IN_DELETE, IN_MOVED_FROM: 0), so a half-written file is never
 *   read and rename-into-place works;
 * - the path is resolved with realpath() at start (a symlinked file is
 *   watched in its target's directory).
 * Unlike keepalived, a file whose directory does not exist is not
 * dropped: it reads as 0 and the directory is looked for again every
 * TFILE_RETRY seconds, as it is after the directory is deleted or moved.
 */

#define TFILE_RETRY 1.0
#define TFILE_READ_MAX 127
#define TFILE_MASK \
	(IN_CLOSE_WRITE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | \
	    IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

struct tfile {
	const struct track_file *conf;
	char *path; /* resolved; NULL until the directory exists */
	const char *base; /* the name part of path */
	int wd; /* -1: not watched */
	int64_t value;
};

static struct {
	struct ev_loop *loop;
	int fd;
	ev_io io;
	ev_timer retry;
	struct tfile *files;
	size_t n;
	track_file_fn fn;
	void *arg;
	unsigned gen; /* bumped by stop: fn may stop us */
	bool started;
	bool started_before; /* a later start is a reload */
	bool keep_existing;
	bool init_files;
} tf = { .fd = -1 };

static const struct cfg_vec *(*list_of)(const struct config *);

static void tfile_init_file(const struct track_file *, bool reload);
static char *tfile_resolve(const char *file);
static int tfile_watch(struct tfile *);
static void tfile_set(struct tfile *, int64_t value);
static void tfile_reread(struct tfile *);
static void tfile_lost_dir(int wd);
static void tfile_event(const struct inotify_event *);
static void tfile_io_cb(struct ev_loop *, ev_io *, int);
static void tfile_retry_cb(struct ev_loop *, ev_timer *, int);

const struct cfg_vec *
track_file_list(const struct config *cfg)
{
	return list_of != NULL ? list_of(cfg) : NULL;
}

void
track_file_set_list(const struct cfg_vec *(*fn)(const struct config *))
{
	list_of = fn;
}

const struct track_file *
track_file_find(const struct cfg_vec *files, const char *name)
{
	const struct track_file *t;
	size_t i;

	for (i = 0; files != NULL && i < files->n; i++) {
		t = files->v[i];
		if (strcmp(t->name, name) == 0)
			return t;
	}
	return NULL;
}

int
track_file_value(const char *name, int64_t *value)
{
	size_t i;

	for (i = 0; i < tf.n; i++)
		if (strcmp(tf.files[i].conf->name, name) == 0) {
			*value = tf.files[i].value;
			return 0;
		}
	return -1;
}

int
track_file_start(struct ev_loop *loop, const struct cfg_vec *files,
    bool init_files, track_file_fn fn, void *arg)
{
	struct tfile *t;
	size_t i;
	bool reload = tf.started_before || tf.keep_existing;

	track_file_stop(loop);
	tf.loop = loop;
	tf.fn = fn;
	tf.arg = arg;
	tf.started = true;
	tf.started_before = true;
	tf.init_files = init_files;
	if (files->n == 0)
		return 0;
	tf.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (tf.fd == -1) {
		log_warn("track_file: inotify_init1");
		tf.started = false;
		return -1;
	}
	tf.files = calloc(files->n, sizeof(*tf.files));
	if (tf.files == NULL) {
		log_warn("track_file");
		track_file_stop(loop);
		return -1;
	}
	tf.n = files->n;
	ev_io_init(&tf.io, tfile_io_cb, tf.fd, EV_READ);
	ev_io_start(loop, &tf.io);
	ev_timer_init(&tf.retry, tfile_retry_cb, TFILE_RETRY, TFILE_RETRY);
	for (i = 0; i < tf.n; i++) {
		t = &tf.files[i];
		t->conf = files->v[i];
		t->wd = -1;
		tfile_init_file(t->conf, reload);
		if (tfile_watch(t) < 0) {
			log_warnx("track_file %s: the directory of %s does not "
			          "exist: value 0 until it does",
			    t->conf->name, t->conf->file);
			ev_timer_again(loop, &tf.retry);
		}
		if (t->path != NULL && track_file_read(t->path, &t->value) < 0)
			t->value = 0;
	}
	for (i = 0; i < tf.n; i++)
		fn(arg, tf.files[i].conf, tf.files[i].value);
	return 0;
}

void
track_file_keep_existing(void)
{
	tf.keep_existing = true;
}

void
track_file_stop(struct ev_loop *loop)
{
	size_t i;

	tf.gen++;
	if (!tf.started)
		return;
	tf.started = false;
	ev_io_stop(loop, &tf.io);
	ev_timer_stop(loop, &tf.retry);
	if (tf.fd != -1)
		close(tf.fd); /* drops every watch */
	tf.fd = -1;
	for (i = 0; i < tf.n; i++)
		free(tf.files[i].path);
	free(tf.files);
	tf.files = NULL;
	tf.n = 0;
}

/* init_file: create the file, or with overwrite rewrite it, except on a
   reload, which never overwrites (keepalived's track_file_end_handler). */
static void
tfile_init_file(const struct track_file *c, bool reload)
{
	struct stat st;
	char buf[32];
	int fd, len;

	if (!c->init_file || !tf.init_files)
		return;
	if (stat(c->file, &st) == 0) {
		if (!c->init_overwrite || reload)
			return;
		if (!S_ISREG(st.st_mode)) {
			log_warnx("track_file %s: cannot initialise %s: not a "
			          "regular file",
			    c->name, c->file);
			return;
		}
	}
	fd = open(c->file,
	    O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd == -1) {
		log_warn(
		    "track_file %s: cannot initialise %s", c->name, c->file);
		return;
	}
	len = snprintf(buf, sizeof(buf), "%" PRId64 "\n", c->init_value);
	if (write(fd, buf, (size_t)len) != len)
		log_warn(
		    "track_file %s: cannot initialise %s", c->name, c->file);
	close(fd);
}

/* The real path of file, or of its directory plus its name when the file
   does not exist; NULL when neither resolves. */
static char *
tfile_resolve(const char *file)
{
	char real[PATH_MAX], *dir, *slash, *out;
	const char *name;
	struct stat st;

	if (realpath(file, real) != NULL)
		return strdup(real);
	if (errno != ENOENT)
		return NULL;
	dir = strdup(file);
	if (dir == NULL)
		return NULL;
	slash = strrchr(dir, '/');
	name = slash != NULL ? file + (slash - dir) + 1 : file;
	if (slash == dir)
		slash[1] = '\0'; /* "/name": the root */
	else if (slash != NULL)
		*slash = '\0';
	out = NULL;
	if (realpath(slash != NULL ? dir : ".", real) != NULL &&
	    stat(real, &st) == 0 && S_ISDIR(st.st_mode) && *name != '\0' &&
	    asprintf(&out, "%s/%s", strcmp(real, "/") == 0 ? "" : real, name) <
	        0)
		out = NULL;
	free(dir);
	return out;
}

/* Resolves t's path and watches its directory.  0 or -1. */
static int
tfile_watch(struct tfile *t)
{
	char *slash;

	free(t->path);
	t->path = tfile_resolve(t->conf->file);
	if (t->path == NULL)
		return -1;
	slash = strrchr(t->path, '/');
	t->base = slash + 1;
	*slash = '\0';
	t->wd = inotify_add_watch(tf.fd, *t->path ? t->path : "/", TFILE_MASK);
	*slash = '/';
	if (t->wd == -1) {
		free(t->path);
		t->path = NULL;
		return -1;
	}
	return 0;
}

int
track_file_read(const char *path, int64_t *value)
{
	char buf[TFILE_READ_MAX + 1];
	long long v;
	ssize_t len;
	int fd;

	*value = 0;
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1)
		return 0;
	len = read(fd, buf, TFILE_READ_MAX);
	close(fd);
	if (len <= 0)
		return 0;
	buf[len] = '\0';
	errno = 0;
	v = strtoll(buf, NULL, 0);
	if (errno != 0 || v < INT32_MIN || v > (long long)INT32_MAX + 1) {
		log_info("track_file: invalid number %lld read from %s - "
		         "ignoring",
		    v, path);
		return -1;
	}
	*value = v;
	return 0;
}

static void
tfile_set(struct tfile *t, int64_t value)
{
	if (value == t->value)
		return;
	t->value = value;
	tf.fn(tf.arg, t->conf, value);
}

static void
tfile_reread(struct tfile *t)
{
	int64_t v;

	if (t->path != NULL && track_file_read(t->path, &v) == 0)
		tfile_set(t, v);
}

/* The directory watched as wd is gone (deleted, moved, unmounted): its
   files read 0 until the retry timer finds their directory again. */
static void
tfile_lost_dir(int wd)
{
	unsigned gen = tf.gen;
	size_t i;

	for (i = 0; i < tf.n && gen == tf.gen; i++) {
		if (tf.files[i].wd != wd)
			continue;
		tf.files[i].wd = -1;
		free(tf.files[i].path);
		tf.files[i].path = NULL;
		tfile_set(&tf.files[i], 0);
	}
	if (gen == tf.gen)
		ev_timer_again(tf.loop, &tf.retry);
}

static void
tfile_event(const struct inotify_event *ev)
{
	unsigned gen = tf.gen;
	struct tfile *t;
	size_t i;

	if (ev->mask &
	    (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED | IN_UNMOUNT)) {
		if (ev->mask & IN_MOVE_SELF)
			inotify_rm_watch(tf.fd, ev->wd);
		tfile_lost_dir(ev->wd);
		return;
	}
	if (ev->len == 0 || (ev->mask & IN_ISDIR))
		return;
	for (i = 0; i < tf.n && gen == tf.gen; i++) {
		t = &tf.files[i];
		if (t->wd != ev->wd || strcmp(t->base, ev->name) != 0)
			continue;
		if (ev->mask & (IN_DELETE | IN_MOVED_FROM))
			tfile_set(t, 0);
		else
			tfile_reread(t);
	}
}

static void
tfile_io_cb(struct ev_loop *loop, ev_io *w, int revents)
{
	char buf[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)]
	    __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	unsigned gen = tf.gen;
	ssize_t len, off;
	size_t i;

	(void)loop;
	(void)revents;
	while (gen == tf.gen && (len = read(w->fd, buf, sizeof(buf))) > 0) {
		for (off = 0; off < len && gen == tf.gen;
		     off += (ssize_t)(sizeof(*ev) + ev->len)) {
			ev = (const struct inotify_event *)(buf + off);
			if (ev->mask & IN_Q_OVERFLOW) {
				/* events were lost: read every file again */
				for (i = 0; i < tf.n && gen == tf.gen; i++)
					tfile_reread(&tf.files[i]);
				continue;
			}
			tfile_event(ev);
		}
	}
	if (gen == tf.gen && len == -1 && errno != EAGAIN && errno != EINTR)
		log_warn("track_file: inotify read");
}

static void
tfile_retry_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	unsigned gen = tf.gen;
	bool missing = false;
	size_t i;

	(void)revents;
	for (i = 0; i < tf.n && gen == tf.gen; i++) {
		if (tf.files[i].wd != -1)
			continue;
		if (tfile_watch(&tf.files[i]) < 0) {
			missing = true;
			continue;
		}
		log_info("track_file %s: watching %s", tf.files[i].conf->name,
		    tf.files[i].path);
		tfile_reread(&tf.files[i]);
	}
	if (gen == tf.gen && !missing)
		ev_timer_stop(loop, w);
}
