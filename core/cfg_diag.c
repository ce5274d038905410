/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cfg_diag.c: collecting and printing configuration errors and warnings. */

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"

#define DIAG_DEFAULT_MAX 100

static void diag_add(struct cfg_diag *, const struct cfg_loc *, const char *,
    const char *, va_list) __attribute__((format(printf, 4, 0)));
static char *diag_format(const struct cfg_loc *, const char *, const char *,
    va_list) __attribute__((format(printf, 3, 0)));

void
cfg_diag_init(struct cfg_diag *d)
{
	memset(d, 0, sizeof(*d));
}

void
cfg_diag_free(struct cfg_diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->lines[i]);
	free(d->lines);
	d->lines = NULL;
	d->n = d->cap = 0;
	d->nerrors = d->nwarnings = d->nsecurity = 0;
	d->no_config = false;
}

void
cfg_error(struct cfg_diag *d, const struct cfg_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(d, loc, "error", fmt, ap);
	va_end(ap);
	d->nerrors++;
}

void
cfg_security_error(
    struct cfg_diag *d, const struct cfg_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(d, loc, "error", fmt, ap);
	va_end(ap);
	d->nerrors++;
	d->nsecurity++;
}

void
cfg_warning(struct cfg_diag *d, const struct cfg_loc *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_add(d, loc, "warning", fmt, ap);
	va_end(ap);
	d->nwarnings++;
}

void
cfg_diag_print(const struct cfg_diag *d, FILE *fp)
{
	size_t i;
	unsigned total, hidden;

	for (i = 0; i < d->n; i++)
		fprintf(fp, "%s\n", d->lines[i]);
	total = d->nerrors + d->nwarnings;
	if (total == 0)
		return;
	hidden = total > d->n ? total - (unsigned)d->n : 0;
	if (hidden > 0)
		fprintf(fp, "%u more message%s not shown\n", hidden,
		    hidden == 1 ? "" : "s");
	fprintf(fp, "%u error%s, %u warning%s\n", d->nerrors,
	    d->nerrors == 1 ? "" : "s", d->nwarnings,
	    d->nwarnings == 1 ? "" : "s");
}

/* Stores one formatted line unless max_lines are already kept. */
static void
diag_add(struct cfg_diag *d, const struct cfg_loc *loc, const char *kind,
    const char *fmt, va_list ap)
{
	unsigned max = d->max_lines ? d->max_lines : DIAG_DEFAULT_MAX;
	char **nl;

	if (d->n >= max)
		return;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		nl = realloc(d->lines, d->cap * sizeof(*d->lines));
		if (nl == NULL)
			abort();
		d->lines = nl;
	}
	d->lines[d->n++] = diag_format(loc, kind, fmt, ap);
}

/*
 * "FILE:LINE:COL: KIND: MESSAGE"; the column is left out when unknown and
 * the whole location when the line is.
 */
static char *
diag_format(
    const struct cfg_loc *loc, const char *kind, const char *fmt, va_list ap)
{
	char prefix[CFG_PATH_MAX + 64], *line;
	const char *file;
	va_list aq;
	int plen, mlen;

	if (loc == NULL || loc->line == 0)
		plen = snprintf(prefix, sizeof(prefix), "%s: ", kind);
	else {
		file = loc->file ? loc->file : "(unknown)";
		if (loc->col > 0)
			plen = snprintf(prefix, sizeof(prefix),
			    "%.*s:%u:%u: %s: ", CFG_PATH_MAX, file, loc->line,
			    loc->col, kind);
		else
			plen = snprintf(prefix, sizeof(prefix),
			    "%.*s:%u: %s: ", CFG_PATH_MAX, file, loc->line,
			    kind);
	}
	va_copy(aq, ap);
	mlen = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (plen < 0 || mlen < 0 ||
	    (line = malloc((size_t)plen + (size_t)mlen + 1)) == NULL)
		abort();
	memcpy(line, prefix, (size_t)plen);
	vsnprintf(line + plen, (size_t)mlen + 1, fmt, ap);
	return line;
}
