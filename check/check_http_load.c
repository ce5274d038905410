/* SPDX-License-Identifier: GPL-2.0-or-later */
/* check_http_load.c: HTTP_GET and SSL_GET as a module the checker loads
   when a configuration first has one. */

#include <dlfcn.h>
#include <limits.h>

#include "check_int.h"
#include "child.h"
#include "log.h"

/*
 * libcurl brings OpenSSL, GnuTLS, Kerberos and more: mapping them costs
 * a checker about 6 MB of memory before it checks anything, and most
 * checkers run TCP checks only.  So check_http.c is built as
 * vigil-check-http.so and loaded at the first configuration with an
 * HTTP_GET or SSL_GET (as the VRRP child loads libcrypto at its first AH
 * packet).  The module finds the frame's functions in vigil-checker,
 * which exports its symbols (-Wl,--export-dynamic).
 */
#define HTTP_MODULE "vigil-check-http.so"

static const struct ck_type *http;

static int
lazy_init(struct ev_loop *loop)
{
	char path[PATH_MAX];
	void *h;

	if (image_path(HTTP_MODULE, path, sizeof(path)) < 0) {
		log_warnx("cannot find %s: HTTP_GET and SSL_GET checks cannot "
		          "run",
		    HTTP_MODULE);
		return -1;
	}
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		log_warnx("cannot load %s: %s", path, dlerror());
		return -1;
	}
	http = dlsym(h, "ck_http_type");
	if (http == NULL) {
		log_warnx("%s has no ck_http_type: %s", path, dlerror());
		dlclose(h);
		return -1;
	}
	log_debug("loaded %s", path);
	return http->init != NULL ? http->init(loop) : 0;
}

static void
lazy_configure(const struct config *cfg)
{
	if (http != NULL && http->configure != NULL)
		http->configure(cfg);
}

static void
lazy_start(struct ck_probe *p)
{
	if (http == NULL)
		ck_done(p, CHECK_R_SOCKET, "%s not loaded", HTTP_MODULE);
	else
		http->start(p);
}

static void
lazy_cancel(struct ck_probe *p)
{
	if (http != NULL)
		http->cancel(p);
}

static void
lazy_fini(void)
{
	if (http != NULL && http->fini != NULL)
		http->fini();
}

/* connect_timeout for each url: the attempt fetches them in turn. */
static uint64_t
lazy_deadline(const struct vs_check *c)
{
	const struct vs_url *u;
	uint64_t n = 0;

	for (u = c->u.http.urls; u != NULL; u = u->next)
		n++;
	return c->connect_timeout * (n ? n : 1);
}

/* own_timeout must be the module's: it is read before any load, so
   check_http.c keeps CK_HTTP_OWN_TIMEOUT in step (check_int.h). */
const struct ck_type ck_http_lazy_type = {
	.name = "HTTP_GET",
	.init = lazy_init,
	.configure = lazy_configure,
	.start = lazy_start,
	.cancel = lazy_cancel,
	.fini = lazy_fini,
	.deadline = lazy_deadline,
	.own_timeout = CK_HTTP_OWN_TIMEOUT,
};
