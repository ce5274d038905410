/* SPDX-License-Identifier: GPL-2.0-or-later */
/* track_file.h: track_file blocks and their watcher, for VRRP and checks. */

#ifndef VIGIL_TRACK_FILE_H
#define VIGIL_TRACK_FILE_H

#include <stdbool.h>
#include <stdint.h>
#include <ev.h>

#include "cfg.h"

/*
 * A global track_file NAME { } block.  The VRRP model's parser reads the
 * section (it shares its weight grammar with vrrp_script); the VRRP
 * child's trackers and the checker's FILE_CHECK both use the blocks, so
 * the plain object and the watcher live here.
 */
struct track_file {
	const char *name;
	struct cfg_loc loc;
	const char *file; /* NULL: missing (an error) */
	int64_t weight;
	bool reverse;
	bool init_file; /* create the file at start */
	int64_t init_value;
	bool init_overwrite;
};

/* The track_file blocks of a configuration (struct track_file *), or
   NULL when no model holds them. */
const struct cfg_vec *track_file_list(const struct config *);
/* The model that parses the section tells where its blocks are. */
void track_file_set_list(const struct cfg_vec *(*)(const struct config *));
/* The block of that name in a list, or NULL. */
const struct track_file *
track_file_find(const struct cfg_vec *, const char *name);

/*
 * The watcher: every track_file of a list, watched with inotify (the
 * file's directory, so create/rename/delete are seen).  The value is
 * the file's integer content, keepalived's rules (2.2.7
 * trackers/track_file.c): strtol(base 0) of its first 127 bytes; a
 * missing, unreadable, empty or non-numeric file reads as 0; a number
 * outside [INT32_MIN, INT32_MAX + 1] is ignored (the value stays).
 * With init_files, init_file creates the file at start with init_value
 * (init_overwrite: also when it exists, except on a reload).  fn is
 * called when a value changes.  One watcher per process; the list's
 * objects must outlive it (stop before freeing their config).
 */
typedef void (*track_file_fn)(
    void *arg, const struct track_file *, int64_t value);

/* Calls fn once per file with its current value before returning.
   0 or -1 (logged). */
int track_file_start(struct ev_loop *, const struct cfg_vec *files,
    bool init_files, track_file_fn, void *arg);
/* Safe when not started; start again after a reload with the new list. */
void track_file_stop(struct ev_loop *);
/* init_file overwrite rewrites an existing file only at the first start
   in a process; a respawned child (not a daemon start) calls this before
   track_file_start so that an operator's value survives its crash. */
void track_file_keep_existing(void);
/* The current value of the watched track_file of that name: 0, or -1
   when the watcher has none of that name. */
int track_file_value(const char *name, int64_t *value);
/* A file's value by the rules above: 0, or -1 when it holds a number
   out of range (*value is then 0). */
int track_file_read(const char *path, int64_t *value);

#endif
