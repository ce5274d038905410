/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_file.c: FILE_CHECK, a track_file's value as health and weight. */

#include <inttypes.h>
#include <string.h>

#include "check_int.h"
#include "log.h"
#include "track_file.h"

/*
 * keepalived 2.2.7 (check/check_file.c, trackers/track_file.c
 * update_track_file_status and process_update_checker_track_file_status):
 * - FILE_CHECK's weight and reverse default to the track_file's (whose
 *   weight defaults to 1);
 * - weight 0: the value is a switch.  0 is up, anything else down;
 *   reverse swaps them (non-zero up, 0 down).  The weight stays the
 *   configured one;
 * - weight W: the check is up and adds value * W (negated by reverse)
 *   to the real server's configured weight; a sum below 0 is weight 0
 *   (keepalived's real_weight(): the server stays in the table,
 *   quiescent, so it drains).  Only a product at or below INT32_MIN
 *   (its IPVS_WEIGHT_FAULT) is down;
 * - the value follows the file (see track_file.h): a missing or empty
 *   file reads 0, which is how "rm the file" ends a maintenance;
 * - the file is read when it changes, never on a timer, and never
 *   retried; the state is known at once, so alpha does not apply.
 * Here the checker's own track_file watcher (core's, without init_file,
 * which the VRRP child does) kicks the probes of a file when its value
 * changes; the service's delay_loop reads the watcher's value again, at
 * no cost.  A FILE_CHECK naming no track_file is refused by validation
 * (keepalived: "track_file %s not found"); should one come through, it
 * is down with CHECK_R_FILE_MISSING.
 */

static struct {
	struct ev_loop *loop;
	ev_timer kick; /* after a configuration: run every FILE_CHECK */
	bool starting; /* the watcher's first values: not news */
} cf;

static void file_changed(void *, const struct track_file *, int64_t value);
static void file_kick_cb(struct ev_loop *, ev_timer *, int);
static void file_kick(struct ck_probe *, void *name);

static int
init(struct ev_loop *loop)
{
	cf.loop = loop;
	ev_timer_init(&cf.kick, file_kick_cb, 0, 0);
	return 0;
}

/*
 * A new configuration: watch its track_files.  Once the frame has
 * applied it, every FILE_CHECK runs: new probes learn their state at
 * once (keepalived has no warmup for them), kept ones read a track_file
 * whose file or weight the reload may have changed.
 */
static void
configure(const struct config *cfg)
{
	const struct cfg_vec *files = track_file_list(cfg);

	if (cf.loop == NULL)
		return;
	track_file_stop(cf.loop);
	cf.starting = true;
	if (files != NULL && files->n > 0)
		track_file_start(cf.loop, files, false, file_changed, NULL);
	cf.starting = false;
	ev_timer_stop(cf.loop, &cf.kick);
	ev_timer_set(&cf.kick, 0, 0);
	ev_timer_start(cf.loop, &cf.kick);
}

static void
fini(void)
{
	if (cf.loop == NULL)
		return;
	ev_timer_stop(cf.loop, &cf.kick);
	track_file_stop(cf.loop);
}

static void
file_changed(void *arg, const struct track_file *tf, int64_t value)
{
	(void)arg;
	if (cf.starting)
		return;
	log_info("track_file %s: value %" PRId64, tf->name, value);
	ck_probes_foreach(file_kick, (void *)(uintptr_t)tf->name);
}

static void
file_kick_cb(struct ev_loop *loop, ev_timer *w, int revents)
{
	(void)loop;
	(void)w;
	(void)revents;
	ck_probes_foreach(file_kick, NULL);
}

/* Runs p now if it is a FILE_CHECK (of the track_file name, if any). */
static void
file_kick(struct ck_probe *p, void *name)
{
	if (p->conf->type != VS_CHECK_FILE ||
	    (name != NULL && strcmp(p->conf->u.file.track_file, name) != 0))
		return;
	ck_probe_kick(p);
}

static void
start(struct ck_probe *p)
{
	const struct vs_file *f = &p->conf->u.file;
	const struct track_file *tf;
	int64_t v, w, sum;
	bool reverse;

	tf = track_file_find(track_file_list(ck_config()), f->track_file);
	if (tf == NULL) {
		ck_done(
		    p, CHECK_R_FILE_MISSING, "no track_file %s", f->track_file);
		return;
	}
	/* the watcher's value; without one (inotify failed), the file's */
	if (track_file_value(tf->name, &v) < 0 && tf->file != NULL &&
	    track_file_read(tf->file, &v) < 0)
		v = 0;
	w = f->weight_given ? f->weight : tf->weight;
	reverse = f->weight_given ? f->reverse : tf->reverse;
	if (w == 0) {
		if ((v != 0) != reverse)
			ck_done(p, CHECK_R_FILE_DOWN, "value %" PRId64, v);
		else
			ck_done(p, CHECK_R_OK, "value %" PRId64, v);
		return;
	}
	/* |v| <= 2^31 and |w| < 2^31: no overflow */
	sum = v * w * (reverse ? -1 : 1);
	if (sum <= INT32_MIN) {
		ck_done(p, CHECK_R_FILE_DOWN, "value %" PRId64, v);
		return;
	}
	if (sum > INT32_MAX)
		sum = INT32_MAX;
	ck_done_weight(
	    p, CHECK_R_OK, CK_W_ADD, (int32_t)sum, "value %" PRId64, v);
}

/* start() ends every attempt before it returns. */
static void
cancel(struct ck_probe *p)
{
	(void)p;
}

const struct ck_type ck_file_type = {
	.name = "FILE_CHECK",
	.init = init,
	.configure = configure,
	.start = start,
	.cancel = cancel,
	.fini = fini,
	.own_timeout = true,
};
