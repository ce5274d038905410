/* SPDX-License-Identifier: GPL-2.0-or-later */
/* module.h: the parent's loadable modules (SNMP agent, later email). */

#ifndef VIGIL_MODULE_H
#define VIGIL_MODULE_H

#include <stdint.h>
#include <ev.h>

#include "cfg.h"
#include "opts.h"

/*
 * A module is a shared object the parent dlopen()s only when the
 * configuration asks for what it does, so that the parent's image (and
 * `vigild -t`) maps neither net-snmp nor libcurl.  It exports one
 * `const struct vigil_module vigil_module`.  It links none of vigild's
 * code: it calls the functions vigild exports to it, named in
 * core/module.syms (herald_*, log_*, parent_snapshot, cfg_model, ...),
 * and subscribes to events as a herald sink (herald_sink_register(),
 * once per process: a sink cannot leave, so a stopped module's sink
 * ignores what comes).
 */
#define VIGIL_MODULE_ABI 1
#define VIGIL_MODULE_SYMBOL "vigil_module"

struct module_host {
	void (*log_info)(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
	void (*log_warnx)(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
};

struct vigil_module {
	uint32_t abi; /* VIGIL_MODULE_ABI */
	const char *name; /* "snmp" */
	/* One line on the library it is built on, for -v. */
	const char *(*build_info)(void);
	/* Runs in the parent's loop from now on; 0, or -1 when it cannot. */
	int (*start)(const struct module_host *, struct ev_loop *,
	    const struct config *, const struct vigil_opts *);
	/* A new configuration that still wants the module. */
	void (*reconfigure)(const struct config *);
	/* The configuration no longer wants it, or the daemon stops. */
	void (*stop)(void);
};

/* Loads a module by its file name (image_path); NULL, logged, when it
   cannot. */
const struct vigil_module *module_load(const char *file);

/* Loads, starts, reconfigures or stops each module as cfg and the
   options want; at start and after each reload. */
void modules_apply(
    struct ev_loop *, const struct config *, const struct vigil_opts *);
/* Stops every running module. */
void modules_stop(void);

#endif
