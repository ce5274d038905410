/* SPDX-License-Identifier: GPL-2.0-or-later */
/* vrrp_tfile.c: the VRRP child's track_file watcher, core's (track_file.c). */

#include "vrrp_track.h"

/* The VRRP child creates the files (init_file), as keepalived's VRRP
   process does; the checker only reads them. */
int
vrrp_tfile_start(struct ev_loop *loop, const struct vrrp_model *m,
    vrrp_tfile_fn fn, void *arg)
{
	return track_file_start(loop, &m->track_files, true, fn, arg);
}

void
vrrp_tfile_keep_existing(void)
{
	track_file_keep_existing();
}

void
vrrp_tfile_stop(struct ev_loop *loop)
{
	track_file_stop(loop);
}
