/* SPDX-License-Identifier: GPL-2.0-or-later */
/* module.c: finds, loads and drives the parent's modules. */

#include <dlfcn.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include "child.h"
#include "log.h"
#include "module.h"

static bool snmp_wanted(const struct config *, const struct vigil_opts *);
static bool mail_wanted(const struct config *, const struct vigil_opts *);

/* The modules there are, and when the configuration wants each. */
static struct mod {
	const char *file;
	bool (*wanted)(const struct config *, const struct vigil_opts *);
	const struct vigil_module *m; /* NULL: not loaded */
	bool running;
} mods[] = {
	{ "vigil-snmp.so", snmp_wanted, NULL, false },
	{ "vigil-mail.so", mail_wanted, NULL, false },
};

static const struct module_host host = {
	.log_info = log_info,
	.log_warnx = log_warnx,
};

static bool
snmp_wanted(const struct config *cfg, const struct vigil_opts *o)
{
	const struct global_conf *g = &cfg->global;

	return o->snmp || g->enable_snmp_vrrp || g->enable_snmp_checker ||
	    g->enable_snmp_rfc || g->enable_snmp_rfcv2 || g->enable_snmp_rfcv3;
}

/* keepalived sends alerts once an SMTP server and a recipient are given;
   each object's smtp_alert then says whether it is told of. */
static bool
mail_wanted(const struct config *cfg, const struct vigil_opts *o)
{
	(void)o;
	return cfg->global.smtp_server[0] != '\0' &&
	    cfg->global.n_notification_email > 0;
}

const struct vigil_module *
module_load(const char *file)
{
	const struct vigil_module *m;
	char path[PATH_MAX];
	void *h;

	if (image_path(file, path, sizeof(path)) < 0) {
		log_warnx("module %s not found", file);
		return NULL;
	}
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		log_warnx("cannot load module %s: %s", path, dlerror());
		return NULL;
	}
	m = dlsym(h, VIGIL_MODULE_SYMBOL);
	if (m == NULL || m->abi != VIGIL_MODULE_ABI) {
		log_warnx("module %s: no %s of ABI %d", path,
		    VIGIL_MODULE_SYMBOL, VIGIL_MODULE_ABI);
		dlclose(h);
		return NULL;
	}
	return m;
}

void
modules_apply(
    struct ev_loop *loop, const struct config *cfg, const struct vigil_opts *o)
{
	struct mod *d;
	size_t i;

	for (i = 0; i < sizeof(mods) / sizeof(mods[0]); i++) {
		d = &mods[i];
		if (!d->wanted(cfg, o)) {
			if (d->running && d->m->stop != NULL)
				d->m->stop();
			d->running = false;
			continue;
		}
		if (d->running) {
			if (d->m->reconfigure != NULL)
				d->m->reconfigure(cfg);
			continue;
		}
		/* Loaded once; a module that failed to load is not retried
		   at every reload, only logged again. */
		if (d->m == NULL)
			d->m = module_load(d->file);
		if (d->m == NULL)
			continue;
		log_info(
		    "module %s loaded (%s)", d->m->name, d->m->build_info());
		d->running = d->m->start(&host, loop, cfg, o) == 0;
	}
}

void
modules_stop(void)
{
	size_t i;

	for (i = 0; i < sizeof(mods) / sizeof(mods[0]); i++) {
		if (mods[i].running && mods[i].m->stop != NULL)
			mods[i].m->stop();
		mods[i].running = false;
	}
}
