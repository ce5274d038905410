/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_man_keywords.c: doc/vigil.conf.5 documents exactly the keywords of
   the parser's tables, so the page and the parser cannot drift. */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "cfg.h"

/* A set of keyword paths: small, so a sorted array will do. */
struct paths {
	char **v;
	size_t n, cap;
};

static void add_path(struct paths *, const char *, size_t);
static int cmp_str(const void *, const void *);
static bool has_path(const struct paths *, const char *);
static void load_tables(struct paths *);
static void load_page(struct paths *);

static struct paths tables, page;

static void
add_path(struct paths *ps, const char *s, size_t n)
{
	if (ps->n == ps->cap) {
		ps->cap = ps->cap ? ps->cap * 2 : 256;
		ps->v = realloc(ps->v, ps->cap * sizeof(*ps->v));
		assert_non_null(ps->v);
	}
	ps->v[ps->n] = strndup(s, n);
	assert_non_null(ps->v[ps->n]);
	ps->n++;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool
has_path(const struct paths *ps, const char *s)
{
	return bsearch(&s, ps->v, ps->n, sizeof(*ps->v), cmp_str) != NULL;
}

/* "path<TAB>usage" lines from cfg_list_keywords(). */
static void
load_tables(struct paths *ps)
{
	char *buf = NULL, *s, *nl;
	size_t len = 0;
	FILE *f;

	f = open_memstream(&buf, &len);
	assert_non_null(f);
	cfg_list_keywords(f);
	fclose(f);
	for (s = buf; *s != '\0'; s = nl + 1) {
		nl = strchr(s, '\n');
		assert_non_null(nl);
		add_path(ps, s, strcspn(s, "\t\n"));
	}
	free(buf);
	qsort(ps->v, ps->n, sizeof(*ps->v), cmp_str);
}

/* The paths of every `.\" kw: PATH ...` line of the page. */
static void
load_page(struct paths *ps)
{
	const char *top = getenv("TOP_SRCDIR");
	char path[4096], line[8192], *w, *save;
	FILE *f;

	snprintf(path, sizeof(path), "%s/doc/vigil.conf.5", top ? top : ".");
	f = fopen(path, "r");
	if (f == NULL)
		fail_msg("cannot open %s (set TOP_SRCDIR)", path);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, ".\\\" kw:", 7) != 0)
			continue;
		for (w = strtok_r(line + 7, " \t\n", &save); w != NULL;
		     w = strtok_r(NULL, " \t\n", &save))
			add_path(ps, w, strlen(w));
	}
	fclose(f);
	qsort(ps->v, ps->n, sizeof(*ps->v), cmp_str);
}

static int
setup(void **state)
{
	(void)state;
	cfg_register_all();
	load_tables(&tables);
	load_page(&page);
	return 0;
}

static void
test_every_keyword_is_documented(void **state)
{
	size_t i, missing = 0;

	(void)state;
	for (i = 0; i < tables.n; i++)
		if (!has_path(&page, tables.v[i])) {
			print_message("# undocumented: %s\n", tables.v[i]);
			missing++;
		}
	assert_int_equal(missing, 0);
}

static void
test_every_documented_keyword_exists(void **state)
{
	size_t i, extra = 0;

	(void)state;
	for (i = 0; i < page.n; i++)
		if (!has_path(&tables, page.v[i])) {
			print_message("# not in the parser: %s\n", page.v[i]);
			extra++;
		}
	assert_int_equal(extra, 0);
}

static void
test_tables_are_not_empty(void **state)
{
	(void)state;
	assert_true(has_path(&tables, "global_defs.router_id"));
	assert_true(page.n > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables_are_not_empty),
		cmocka_unit_test(test_every_keyword_is_documented),
		cmocka_unit_test(test_every_documented_keyword_exists),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
