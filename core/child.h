/* SPDX-License-Identifier: GPL-2.0-or-later */
/* child.h: what a child process (vrrp, checker, ipvs) plugs into core. */

#ifndef VIGIL_CHILD_H
#define VIGIL_CHILD_H

#include <ev.h>

#include "cfg.h"
#include "ipc.h"
#include "msg.h"
#include "opts.h"

struct child_ops {
	enum proc_id id;
	const char *name; /* log prefix: "vrrp", "checker", "ipvs" */
	const char *title; /* process title: "vigild: vrrp" */
	/* Once, in the child's own loop, before the first configuration. */
	void (*start)(struct ev_loop *, const struct vigil_opts *);
	/* A validated configuration to run; old is NULL the first time. */
	void (*apply)(const struct config *old, const struct config *cur);
	/* Orderly stop (SIGTERM from the parent), before the loop ends. */
	void (*stop)(void);
	/* The peer child this one links to (PROC_PARENT: none), and the
	   messages it takes on that link, ended by MSG_NONE. */
	enum proc_id peer;
	const struct ipc_handler *peer_handlers;
	/* More messages this child takes from the parent, besides the
	   configuration and the peer link; ended by MSG_NONE, or NULL. */
	const struct ipc_handler *parent_handlers;
};

/* Runs a child to its end; never returns.  parent_fd is its IPC end. */
void child_run(const struct child_ops *, int parent_fd,
    const struct vigil_opts *) __attribute__((noreturn));

/* Sends one message to the parent; 0, or -1 (logged). */
int child_send_parent(enum msg_type, const void *, size_t);

/* The peer link's handler for MSG_PEER_HELLO, for peer_handlers tables. */
void child_peer_hello(struct ipc_peer *, struct ipc_msg *);

/* Process names and titles, by enum proc_id. */
const char *proc_name(enum proc_id);

/* Sets the process title seen in ps (argv area) and comm. */
void proctitle_init(int argc, char **argv);
void proctitle_set(const char *);

/* Pid files: write ours; remove one. */
int pidfile_write(const char *path);
void pidfile_remove(const char *path);
/* The pid a file names if that process is alive, else 0. */
pid_t pidfile_running(const char *path);

/* Logs, once each, the keywords of cfg owned by owner (enum cfg_owner)
   that vigil does not run yet: "<path> is not implemented yet". */
struct config;
void log_not_implemented(const struct config *cfg, unsigned owner);

#endif
