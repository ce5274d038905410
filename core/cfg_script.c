/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cfg_script.c: script keywords: parsing, host checks, security, -d. */

#include <sys/stat.h>

#include <errno.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg.h"

static size_t program_of(const char *, char *, size_t);
static void cannot_run(struct cfg_parser *, const struct cfg_script *, bool,
    bool, const char *, const char *);
static void check_script(struct cfg_parser *, const struct cfg_script *, bool);

int
cfg_get_script(struct cfg_parser *p, const struct cfg_stmt *st, int first,
    struct cfg_script *s)
{
	struct config *cfg = cfg_parser_config(p);
	const struct cfg_token *t;
	struct cfg_script n;

	memset(&n, 0, sizeof(n));
	if (st->argc <= first) {
		cfg_perror(p, &st->argv[0].loc,
		    "'%s' is missing its script: expected '%s <SCRIPT> "
		    "[<USERNAME> [<GROUPNAME>]]'",
		    st->argv[0].text, st->argv[0].text);
		return -1;
	}
	if (st->argc > first + 3) {
		cfg_perror(p, &st->argv[first + 3].loc,
		    "unexpected '%s': expected '%s <SCRIPT> [<USERNAME> "
		    "[<GROUPNAME>]]' (quote a script that has arguments)",
		    st->argv[first + 3].text, st->argv[0].text);
		return -1;
	}
	t = &st->argv[first];
	if (t->text[strspn(t->text, " \t")] == '\0') {
		cfg_perror(
		    p, &t->loc, "'%s': the script is empty", st->argv[0].text);
		return -1;
	}
	n.cmd = cfg_strdup(cfg, t->text);
	n.loc = cfg_keep_loc(p, &t->loc);
	if (st->argc > first + 1) {
		t = &st->argv[first + 1];
		if (getpwnam(t->text) == NULL) {
			cfg_perror(p, &t->loc, "unknown user '%s' for '%s'",
			    t->text, st->argv[0].text);
			return -1;
		}
		n.user = cfg_strdup(cfg, t->text);
	}
	if (st->argc > first + 2) {
		t = &st->argv[first + 2];
		if (getgrnam(t->text) == NULL) {
			cfg_perror(p, &t->loc, "unknown group '%s' for '%s'",
			    t->text, st->argv[0].text);
			return -1;
		}
		n.group = cfg_strdup(cfg, t->text);
	}
	*s = n;
	return 0;
}

/* The script's first word (its program) into buf; its length. */
static size_t
program_of(const char *cmd, char *buf, size_t size)
{
	size_t start = strspn(cmd, " \t"), n;

	n = strcspn(cmd + start, " \t");
	if (n >= size)
		n = size - 1;
	memcpy(buf, cmd + start, n);
	buf[n] = '\0';
	return n;
}

int
cfg_script_find(const char *name, char *out, size_t size)
{
	const char *path = getenv("PATH"), *s, *e;
	int n;

	if (path == NULL)
		path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:"
		       "/sbin:/bin";
	for (s = path; *s != '\0'; s = *e ? e + 1 : e) {
		e = strchr(s, ':');
		if (e == NULL)
			e = s + strlen(s);
		n = snprintf(out, size, "%.*s/%s", (int)(e - s), s, name);
		if (n > 0 && (size_t)n < size && access(out, X_OK) == 0)
			return 0;
	}
	return -1;
}

const char *
cfg_script_insecure(const char *path, char *buf, size_t size)
{
	struct stat sb;
	char *slash;

	if (strlen(path) >= size)
		return path;
	strcpy(buf, path);
	for (;;) {
		if (stat(buf, &sb) < 0)
			return buf;
		if (sb.st_uid != 0)
			return buf;
		if ((sb.st_mode & (S_IWGRP | S_IWOTH)) != 0 &&
		    !(S_ISDIR(sb.st_mode) && (sb.st_mode & S_ISVTX)))
			return buf;
		slash = strrchr(buf, '/');
		if (slash == NULL || slash == buf)
			break;
		*slash = '\0';
	}
	return NULL;
}

/*
 * Reports a script that cannot run.  A missing program is only a
 * warning: scripts are often deployed after the configuration, and
 * keepalived starts without them; a check then fails until the program
 * is there, a notification is skipped.  Anything else wrong with a check
 * script is an error, since its result would be wrong for ever.
 */
static void
cannot_run(struct cfg_parser *p, const struct cfg_script *s, bool required,
    bool missing, const char *why, const char *path)
{
	if (required && !missing)
		cfg_perror(
		    p, &s->loc, "script '%s': '%s' %s", s->cmd, path, why);
	else if (required)
		cfg_pwarning(p, &s->loc,
		    "script '%s': '%s' %s; the check fails until it is there",
		    s->cmd, path, why);
	else
		cfg_pwarning(p, &s->loc,
		    "script '%s': '%s' %s; it will not run until it is", s->cmd,
		    path, why);
}

static void
check_script(struct cfg_parser *p, const struct cfg_script *s, bool required)
{
	const struct config *cfg = cfg_parser_config(p);
	char prog[PATH_MAX], found[PATH_MAX], part[PATH_MAX];
	const char *path = prog, *bad;
	struct stat sb;
	bool missing;

	if (s->cmd == NULL || !cfg_host_checks())
		return;
	program_of(s->cmd, prog, sizeof(prog));
	if (strchr(prog, '/') == NULL) {
		if (cfg_script_find(prog, found, sizeof(found)) < 0) {
			cannot_run(
			    p, s, required, true, "is not found in PATH", prog);
			return;
		}
		path = found;
	}
	if (stat(path, &sb) < 0) {
		missing = errno == ENOENT || errno == ENOTDIR;
		cannot_run(p, s, required, missing,
		    missing ? "is not found" : "is not a file", path);
		return;
	}
	if (!S_ISREG(sb.st_mode)) {
		cannot_run(p, s, required, false, "is not a file", path);
		return;
	}
	if (access(path, X_OK) < 0) {
		cannot_run(p, s, required, false, "is not executable", path);
		return;
	}
	if (!cfg->global.enable_script_security)
		return;
	bad = cfg_script_insecure(path, part, sizeof(part));
	if (bad != NULL)
		cfg_security_error(cfg_parser_diag(p), &s->loc,
		    "script '%s' is insecure: '%s' may be changed by a "
		    "user other than root (enable_script_security)",
		    s->cmd, bad);
}

void
cfg_check_script(struct cfg_parser *p, const struct cfg_script *s)
{
	check_script(p, s, true);
}

void
cfg_check_notify(struct cfg_parser *p, const struct cfg_script *s)
{
	check_script(p, s, false);
}

void
cfg_dump_script(
    FILE *f, int indent, const char *name, const struct cfg_script *s)
{
	if (s == NULL || s->cmd == NULL)
		return;
	fprintf(f, "%*s%s \"%s\"%s%s%s%s\n", indent, "", name, s->cmd,
	    s->user ? " " : "", s->user ? s->user : "", s->group ? " " : "",
	    s->group ? s->group : "");
}
