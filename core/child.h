/* SPDX-License-Identifier: GPL-2.0-or-later */
/* child.h: what a child process (vrrp, checker, ipvs) plugs into core. */

#ifndef VIGIL_CHILD_H
#define VIGIL_CHILD_H

#include <stdint.h>
#include <stdio.h>
#include <ev.h>

#include "cfg.h"
#include "ipc.h"
#include "msg.h"
#include "opts.h"

/* A child this one links to, and the messages it may send on that link
   (ended by MSG_NONE; MSG_PEER_HELLO is core's and always expected). */
struct child_peer {
	enum proc_id proc;
	const struct ipc_handler *handlers;
	/* Once the peer's hello arrived, and when the link closes; or NULL. */
	void (*up)(struct ipc_peer *);
	void (*down)(struct ipc_peer *);
};

struct child_ops {
	enum proc_id id;
	const char *name; /* log prefix: "vrrp", "checker", "ipvs" */
	const char *title; /* process title: "vigild: vrrp" */
	/* Once, in the child's own loop, before the first configuration. */
	void (*start)(struct ev_loop *, const struct vigil_opts *);
	/* A validated configuration to run; old is NULL the first time. */
	void (*apply)(const struct config *old, const struct config *cur);
	/* Around the parsing and applying of a configuration (true, then
	   false): a long stretch without sleeping; or NULL. */
	void (*busy)(bool);
	/* Orderly stop (SIGTERM from the parent), before the loop ends. */
	void (*stop)(void);
	/* SIGUSR1 / SIGUSR2: this child's own part of the data or the
	   statistics file, after core's lines on the process; or NULL. */
	void (*dump)(FILE *, enum msg_dump_what);
	/* The children this one links to, ended by .proc PROC_PARENT; or
	   NULL for none.  A link to any other child is a bug. */
	const struct child_peer *peers;
	/* More messages this child takes from the parent, besides core's
	   (configuration, peer link, dump); ended by MSG_NONE, or NULL. */
	const struct ipc_handler *parent_handlers;
};

/* Runs a child to its end; never returns.  parent_fd is its IPC end. */
void child_run(const struct child_ops *, int parent_fd,
    const struct vigil_opts *) __attribute__((noreturn));

/*
 * main() of a child's own executable image, which the parent starts with
 * fork + exec: argv is the parent's (so the options are the same), and
 * the environment names the inherited IPC socket (CHILD_IPC_FD_ENV).
 * The caller has registered the configuration language.
 */
int child_main(const struct child_ops *, int argc, char **argv)
    __attribute__((noreturn));
#define CHILD_IPC_FD_ENV "VIGIL_IPC_FD"
/* Set to "1" in a child that replaces one that died (the IPVS child
   flushes the table at the daemon's start only, not at its own). */
#define CHILD_RESPAWN_ENV "VIGIL_RESPAWNED"

/* Sends one message to the parent; 0, or -1 (logged). */
int child_send_parent(enum msg_type, const void *, size_t);
/*
 * Reports one event of this process to the parent's herald: an object's
 * id and kind, its old and new state, its priority or weight, the
 * process's own reason code.  The process's sequence numbers and the
 * time are filled in here.  0, or -1 (logged).
 */
int child_event(enum obj_kind, objid_t, unsigned old_state, unsigned new_state,
    uint32_t value, unsigned reason, struct msg_event *sent);
/* A note (enum msg_event_what, not MSG_EVENT_STATE) of an object that
   keeps its state, in the same sequence as the events. */
int child_note(
    enum obj_kind, objid_t, unsigned state, uint32_t value, unsigned what);
/* Its own health (OBJ_PROC): enum msg_proc_st, and a reason: the errno
   that made it FAULT (the herald prints it), or 0. */
int child_health(enum msg_proc_st, unsigned reason);

/* The link to the parent. */
struct ipc_peer *child_parent(void);
/* In child_ops.stop: whether the parent died (a crash, a kill -9) rather
   than stopping this child. */
bool child_orphaned(void);
/* The link to a peer child once its hello arrived, else NULL. */
struct ipc_peer *child_peer(enum proc_id);

/* Process names and titles, by enum proc_id. */
const char *proc_name(enum proc_id);

/* Sets the process title seen in ps (argv area) and comm. */
void proctitle_init(int argc, char **argv);
void proctitle_set(const char *);

/*
 * The path of one of vigil's own programs or modules (name: "vigil-vrrp",
 * "vigil-snmp.so"): in $VIGIL_LIBEXEC_DIR when set; else beside the
 * running executable when it is there (a build tree); else where `make
 * install` put it (VIGIL_LIBEXECDIR, VIGIL_MODULEDIR).  0, or -1 when
 * there is none.
 */
int image_path(const char *name, char *buf, size_t len);

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
