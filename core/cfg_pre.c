/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cfg_pre.c: the keepalived.conf preprocessor, from files to resolved text. */

#include <sys/random.h>
#include <sys/stat.h>
#include <sys/utsname.h>

#include <errno.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cfg.h"

#define PRE_LINE_MAX 65536 /* longest input line, in bytes */
#define PRE_SUBST_MAX (1 << 20) /* longest line after substitution */
#define PRE_SUBST_COUNT 100000 /* substitutions in one line */
#define PRE_DEPTH_MAX 32 /* nested expansions of one line */
#define PRE_INCLUDE_MAX 32 /* nested includes */
#define PRE_MAX_LINES 10000000 /* default of opts->max_lines */
#define PRE_RANDOM_MAX 32767 /* default MAX of ${_RANDOM} */
#define PRE_BRACE_MAX 1024 /* brace alternatives checked */

struct buf {
	char *p;
	size_t len, cap;
};

/* A $NAME=value definition; a multi-line value holds '\n's. */
struct def {
	char *name;
	char *value;
};

/* One open file; the chain is the include stack. */
struct src_file {
	const char *name; /* for markers and messages; owned by pre->names */
	char *real; /* realpath(3), for loops; NULL for a buffer */
	char *dir; /* ${_PWD} and base of relative includes */
	unsigned checks; /* include_check in effect in this file */
	unsigned depth;
	struct src_file *up;
};

/*
 * Where a piece of text came from.  Offset off in the text is column
 * base + min(off, exact) of the line; base 0 means the column is unknown.
 */
struct pos {
	const char *file;
	unsigned line;
	unsigned base;
	size_t exact;
};

/* A multi-line definition being collected from the lines that follow. */
struct feed {
	bool active;
	bool discard; /* its @condition failed */
	char *name;
	struct buf value;
	struct pos pos;
};

struct reader {
	FILE *fp; /* or: */
	const char *buf; /* a buffer of len bytes */
	size_t len, off;
	char *line;
	size_t cap;
	unsigned lineno;
};

/* A ${NAME} or $NAME reference at some offset of a text. */
struct ref {
	size_t name, nlen; /* offset and length of NAME */
	size_t args, alen; /* ${_RANDOM MIN MAX} arguments */
	size_t end; /* offset after the reference */
};

struct pre {
	const struct cfg_pre_opts *opts;
	struct cfg_diag *diag;
	const char *config_id;
	char idbuf[sizeof(((struct utsname *)0)->nodename)];
	unsigned long max_lines, nout, nsteps;
	unsigned nerrors0;
	struct def *defs;
	size_t ndefs, capdefs;
	char **names;
	size_t nnames, capnames;
	struct src_file *file;
	struct buf out;
	const char *last_file;
	unsigned last_line;
	bool stop; /* a limit was hit: give up */
	bool unwind; /* an error: abandon the rest of this input line */
};

/* ~SEQ(var, start, step, end) */
struct seq {
	char *var;
	long long start, step, end;
};

/* ~LST: nvars variables, and nrows rows of nvars values */
struct lst {
	char **vars;
	size_t nvars;
	char **vals;
	size_t nrows;
};

enum gen {
	GEN_NONE,
	GEN_SEQ,
	GEN_SEQX,
	GEN_LST,
};

static void *xrealloc(void *, size_t);
static char *xstrndup(const char *, size_t);
static void buf_reserve(struct buf *, size_t);
static void buf_splice(struct buf *, size_t, size_t, const char *, size_t);
static void buf_add(struct buf *, const char *, size_t);
static void pre_msg(struct pre *, bool, const struct pos *, size_t,
    const char *, ...) __attribute__((format(printf, 5, 6)));
static unsigned pos_col(const struct pos *, size_t);
static bool is_ws(char);
static size_t skip_ws(const char *, size_t, size_t);
static size_t word_end(const char *, size_t, size_t);
static size_t trim_right(const char *, size_t);
static size_t name_end(const char *, size_t, size_t);
static bool valid_name(const char *);
static bool reserved(const char *, size_t);
static size_t strip_comment(const char *, size_t, bool *);
static struct def *def_find(struct pre *, const char *, size_t);
static void def_set(struct pre *, const char *, size_t, const char *, size_t);
static char *def_save(struct pre *, const char *);
static void def_restore(struct pre *, const char *, char *);
static int reader_next(struct reader *, size_t *);
static void read_source(struct pre *, struct reader *);
static void feed_line(struct pre *, struct feed *, char *, size_t,
    const struct pos *, unsigned, bool);
static void feed_continue(struct pre *, struct feed *, char *, size_t);
static void feed_finish(struct pre *, struct feed *);
static void feed_end(struct pre *, struct feed *);
static void
process_text(struct pre *, char *, size_t, const struct pos *, unsigned, bool);
static void process_line(
    struct pre *, struct feed *, char *, size_t, const struct pos *, unsigned);
static bool cond_apply(struct pre *, char *, size_t, size_t *);
static bool def_syntax(const char *, size_t, size_t, size_t *);
static void define(struct pre *, struct feed *, const char *, size_t, size_t,
    size_t, const struct pos *);
static struct def *whole_use(struct pre *, const char *, size_t, size_t);
static void expand_def(
    struct pre *, const struct def *, const struct pos *, size_t, unsigned);
static enum gen gen_kind(const char *, size_t, size_t *);
static void
generate(struct pre *, char *, size_t, size_t, const struct pos *, unsigned);
static int
gen_iter(struct pre *, const char *, size_t, const struct pos *, unsigned);
static size_t split_top(char *, char ***);
static int parse_ll(const char *, long long *);
static const char *seq_parse(char *, struct seq *);
static const char *seq_run(struct pre *, enum gen, char *, const char *, size_t,
    const struct pos *, unsigned);
static int brace_group(char *, char ***, size_t *);
static const char *lst_parse(char *, struct lst *);
static const char *lst_run(
    struct pre *, char *, const char *, size_t, const struct pos *, unsigned);
static bool ref_parse(const char *, size_t, size_t, struct ref *);
static const char *ref_value(struct pre *, const char *, const struct ref *,
    char *, bool *, const struct pos *, size_t);
static const char *random_value(
    struct pre *, const char *, size_t, char *, const struct pos *, size_t);
static int substitute(struct pre *, struct buf *, const struct pos *, size_t *);
static void
subst_line(struct pre *, char *, size_t, const struct pos *, unsigned);
static void emit(struct pre *, char *, size_t, const struct pos *);
static void emit_at(struct pre *, char *, size_t, size_t, const struct pos *);
static void out_line(struct pre *, const char *, size_t, const struct pos *);
static int step(struct pre *, const struct pos *);
static void include_check_line(struct pre *, const char *, size_t, size_t);
static void do_include(struct pre *, size_t, const char *, size_t, size_t,
    size_t, const struct pos *);
static bool has_magic(const char *, const char *);
static void include_glob(struct pre *, const char *, const char *, unsigned,
    const struct pos *, size_t);
static void brace_expand(const char *, char ***, size_t *);
static void brace_check(
    struct pre *, const char *, const char *, const struct pos *, size_t);
static void
include_file(struct pre *, const char *, unsigned, const struct pos *, size_t);
static FILE *open_config(const char *, bool, const char **);
static char *full_pattern(const char *, const char *);
static void file_push(struct pre *, struct src_file *, const char *, char *);
static void file_pop(struct pre *, struct src_file *);
static void
pre_init(struct pre *, const struct cfg_pre_opts *, struct cfg_diag *);
static int pre_finish(struct pre *, char **, size_t *);

static const struct {
	const char *name;
	unsigned checks;
} include_kws[] = {
	{ "include", 0 },
	{ "includer", CFG_INC_READABLE },
	{ "includem", CFG_INC_MATCH | CFG_INC_READABLE },
	{ "includew", CFG_INC_WILDCARD | CFG_INC_READABLE },
	{ "includeb", CFG_INC_BRACE | CFG_INC_READABLE },
	{ "includea", CFG_INC_ALL },
	{ "includet", CFG_INC_ALL },
};
#define N_INCLUDE_KWS (sizeof(include_kws) / sizeof(include_kws[0]))
/* Up to this many lines left out are written as empty lines, not as an
   origin marker. */
#define PRE_GAP_LINES 4

/* include_check options; each but readable also turns readable on. */
static const struct {
	const char *name;
	unsigned check;
} include_opts[] = {
	{ "readable", CFG_INC_READABLE },
	{ "match", CFG_INC_MATCH },
	{ "wildcard_match", CFG_INC_WILDCARD },
	{ "brace_match", CFG_INC_BRACE },
};
#define N_INCLUDE_OPTS (sizeof(include_opts) / sizeof(include_opts[0]))

/* By enum gen. */
static const char *const gen_names[] = { "", "~SEQ", "~SEQx", "~LST" };
static const char *const gen_usage[] = {
	"",
	"expected (var, [start,] [step,] end)",
	"expected (var, [start,] [step,] end)",
	"expected (var, value, ...) or ({var, ...}, {value, ...}, ...)",
};

static const char *const predefined[] = {
	"_PWD",
	"_INSTANCE",
	"_RANDOM",
	"_HASH",
	"_BANG",
};
#define N_PREDEFINED (sizeof(predefined) / sizeof(predefined[0]))

/* ---- public entry points ---- */

int
cfg_resolve_file(const char *path, const struct cfg_pre_opts *opts,
    struct cfg_diag *diag, char **out, size_t *outlen)
{
	struct pre pre;
	struct src_file f;
	struct reader rd;
	const char *why;
	FILE *fp;

	pre_init(&pre, opts, diag);
	if (strchr(path, '\n') != NULL)
		cfg_error(diag, NULL, "file name contains a newline: %s", path);
	else if ((fp = open_config(path, false, &why)) == NULL) {
		cfg_error(diag, NULL, "cannot open %s: %s", path, why);
		diag->no_config = true;
	} else {
		file_push(&pre, &f, path, realpath(path, NULL));
		memset(&rd, 0, sizeof(rd));
		rd.fp = fp;
		read_source(&pre, &rd);
		fclose(fp);
		free(rd.line);
		file_pop(&pre, &f);
	}
	return pre_finish(&pre, out, outlen);
}

int
cfg_resolve_buffer(const char *name, const char *buf, size_t len,
    const struct cfg_pre_opts *opts, struct cfg_diag *diag, char **out,
    size_t *outlen)
{
	struct pre pre;
	struct src_file f;
	struct reader rd;

	pre_init(&pre, opts, diag);
	if (strchr(name, '\n') != NULL)
		cfg_error(diag, NULL, "file name contains a newline: %s", name);
	else {
		file_push(&pre, &f, name, NULL);
		memset(&rd, 0, sizeof(rd));
		rd.buf = buf;
		rd.len = len;
		read_source(&pre, &rd);
		free(rd.line);
		file_pop(&pre, &f);
	}
	return pre_finish(&pre, out, outlen);
}

static void
pre_init(
    struct pre *pre, const struct cfg_pre_opts *opts, struct cfg_diag *diag)
{
	static const struct cfg_pre_opts defaults;
	struct utsname u;

	memset(pre, 0, sizeof(*pre));
	pre->opts = opts != NULL ? opts : &defaults;
	pre->diag = diag;
	pre->nerrors0 = diag->nerrors;
	pre->max_lines =
	    pre->opts->max_lines ? pre->opts->max_lines : PRE_MAX_LINES;
	pre->config_id = pre->opts->config_id;
	if (pre->config_id == NULL) {
		if (uname(&u) == 0)
			snprintf(pre->idbuf, sizeof(pre->idbuf), "%.*s",
			    (int)strcspn(u.nodename, "."), u.nodename);
		pre->config_id = pre->idbuf;
	}
}

/* Hands over the text unless errors were added; frees everything else. */
static int
pre_finish(struct pre *pre, char **out, size_t *outlen)
{
	size_t i;
	int rc = 0;

	for (i = 0; i < pre->ndefs; i++) {
		free(pre->defs[i].name);
		free(pre->defs[i].value);
	}
	free(pre->defs);
	for (i = 0; i < pre->nnames; i++)
		free(pre->names[i]);
	free(pre->names);
	buf_add(&pre->out, "", 0);
	if (pre->diag->nerrors > pre->nerrors0) {
		free(pre->out.p);
		pre->out.p = NULL;
		pre->out.len = 0;
		rc = -1;
	}
	*out = pre->out.p;
	*outlen = pre->out.len;
	return rc;
}

/* ---- small helpers ---- */

/* Running out of memory while reading the configuration is fatal. */
static void *
xrealloc(void *p, size_t n)
{
	if ((p = realloc(p, n)) == NULL)
		abort();
	return p;
}

static char *
xstrndup(const char *s, size_t n)
{
	char *p = xrealloc(NULL, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Room for len bytes and a NUL. */
static void
buf_reserve(struct buf *b, size_t len)
{
	if (len + 1 <= b->cap)
		return;
	b->cap = b->cap ? b->cap : 256;
	while (len + 1 > b->cap)
		b->cap *= 2;
	b->p = xrealloc(b->p, b->cap);
}

/* Replaces b->p[i..end) by the vlen bytes at v (not inside b). */
static void
buf_splice(struct buf *b, size_t i, size_t end, const char *v, size_t vlen)
{
	buf_reserve(b, b->len - (end - i) + vlen);
	memmove(b->p + i + vlen, b->p + end, b->len - end + 1);
	memcpy(b->p + i, v, vlen);
	b->len = b->len - (end - i) + vlen;
}

/* Appends n bytes and keeps the buffer NUL-terminated. */
static void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, b->len + n);
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Reports at offset off of the text pos describes; an error unwinds. */
static void
pre_msg(struct pre *pre, bool error, const struct pos *pos, size_t off,
    const char *fmt, ...)
{
	struct cfg_loc loc;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	loc.file = pos->file;
	loc.line = pos->line;
	loc.col = pos_col(pos, off);
	if (error) {
		cfg_error(pre->diag, &loc, "%s", msg);
		pre->unwind = true;
	} else
		cfg_warning(pre->diag, &loc, "%s", msg);
}

static unsigned
pos_col(const struct pos *pos, size_t off)
{
	if (pos->base == 0)
		return 0;
	return pos->base + (unsigned)(off < pos->exact ? off : pos->exact);
}

/* The parser's word separators, and the newline of multi-line values. */
static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static size_t
skip_ws(const char *s, size_t i, size_t n)
{
	while (i < n && is_ws(s[i]))
		i++;
	return i;
}

static size_t
word_end(const char *s, size_t i, size_t n)
{
	while (i < n && !is_ws(s[i]))
		i++;
	return i;
}

static size_t
trim_right(const char *s, size_t n)
{
	while (n > 0 && is_ws(s[n - 1]))
		n--;
	return n;
}

/* End of the NAME ([A-Za-z_][A-Za-z0-9_]*) at s[i], or i if none. */
static size_t
name_end(const char *s, size_t i, size_t n)
{
	size_t j = i;

	if (j >= n ||
	    !(s[j] == '_' || (s[j] >= 'A' && s[j] <= 'Z') ||
	        (s[j] >= 'a' && s[j] <= 'z')))
		return i;
	for (j++; j < n; j++)
		if (!(s[j] == '_' || (s[j] >= 'A' && s[j] <= 'Z') ||
		        (s[j] >= 'a' && s[j] <= 'z') ||
		        (s[j] >= '0' && s[j] <= '9')))
			break;
	return j;
}

static bool
valid_name(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && name_end(s, 0, n) == n;
}

static bool
reserved(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < N_PREDEFINED; i++)
		if (strlen(predefined[i]) == n &&
		    memcmp(predefined[i], name, n) == 0)
			return true;
	return false;
}

/*
 * Length of the line without its comment: '#' or '!' outside quotes.  As
 * in the parser, a backslash escapes the next character only inside
 * quotes.
 */
static size_t
strip_comment(const char *s, size_t n, bool *dollar)
{
	size_t i;
	char q = 0;

	*dollar = false;
	for (i = 0; i < n; i++) {
		/* Outside quotes, skip to the next character that matters
		   (s[n] is a NUL: the line was cut there). */
		if (q == 0)
			i += strcspn(s + i, "\"'#!$");
		if (i >= n)
			break;
		if (s[i] == '$')
			*dollar = true;
		if (q != 0) {
			if (s[i] == '\\' && i + 1 < n)
				i++;
			else if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'')
			q = s[i];
		else if (s[i] == '#' || s[i] == '!')
			return i;
	}
	return n;
}

/* ---- definitions ---- */

static struct def *
def_find(struct pre *pre, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < pre->ndefs; i++)
		if (strncmp(pre->defs[i].name, name, n) == 0 &&
		    pre->defs[i].name[n] == '\0')
			return &pre->defs[i];
	return NULL;
}

static void
def_set(
    struct pre *pre, const char *name, size_t n, const char *value, size_t vlen)
{
	struct def *d;

	if ((d = def_find(pre, name, n)) == NULL) {
		if (pre->ndefs == pre->capdefs) {
			pre->capdefs = pre->capdefs ? pre->capdefs * 2 : 16;
			pre->defs = xrealloc(
			    pre->defs, pre->capdefs * sizeof(*pre->defs));
		}
		d = &pre->defs[pre->ndefs++];
		d->name = xstrndup(name, n);
	} else
		free(d->value);
	d->value = xstrndup(value, vlen);
}

/* A copy of NAME's value (NULL: undefined), for def_restore(). */
static char *
def_save(struct pre *pre, const char *name)
{
	struct def *d = def_find(pre, name, strlen(name));

	return d != NULL ? xstrndup(d->value, strlen(d->value)) : NULL;
}

static void
def_restore(struct pre *pre, const char *name, char *saved)
{
	struct def *d;

	if (saved != NULL) {
		def_set(pre, name, strlen(name), saved, strlen(saved));
		free(saved);
	} else if ((d = def_find(pre, name, strlen(name))) != NULL) {
		free(d->name);
		free(d->value);
		*d = pre->defs[--pre->ndefs];
	}
}

/* ---- reading lines ---- */

/* Puts the next line, without its '\n', in rd->line; 0 at the end. */
static int
reader_next(struct reader *rd, size_t *lenp)
{
	const char *s, *nl;
	ssize_t r;
	size_t n;

	if (rd->fp != NULL) {
		if ((r = getline(&rd->line, &rd->cap, rd->fp)) < 0)
			return 0;
		n = (size_t)r;
		if (n > 0 && rd->line[n - 1] == '\n')
			n--;
	} else {
		if (rd->off >= rd->len)
			return 0;
		s = rd->buf + rd->off;
		nl = memchr(s, '\n', rd->len - rd->off);
		n = nl != NULL ? (size_t)(nl - s) : rd->len - rd->off;
		rd->off += n + (nl != NULL);
		if (n + 1 > rd->cap) {
			rd->cap = n + 1;
			rd->line = xrealloc(rd->line, rd->cap);
		}
		memcpy(rd->line, s, n);
	}
	rd->line[n] = '\0';
	rd->lineno++;
	*lenp = n;
	return 1;
}

/* Preprocesses every line of one file or buffer. */
static void
read_source(struct pre *pre, struct reader *rd)
{
	struct feed fd;
	struct pos pos;
	const char *nul;
	size_t n;

	memset(&fd, 0, sizeof(fd));
	pos.file = pre->file->name;
	pos.base = 1;
	pos.exact = SIZE_MAX;
	while (!pre->stop && reader_next(rd, &n)) {
		pos.line = rd->lineno;
		pre->unwind = false;
		if (n > PRE_LINE_MAX)
			pre_msg(pre, true, &pos, 0,
			    "line is longer than %d bytes", PRE_LINE_MAX);
		else if ((nul = memchr(rd->line, '\0', n)) != NULL)
			pre_msg(pre, true, &pos, (size_t)(nul - rd->line),
			    "NUL byte in line");
		else
			feed_line(pre, &fd, rd->line, n, &pos, 0, true);
	}
	if (rd->fp != NULL && ferror(rd->fp)) {
		pos.base = 0;
		pre_msg(pre, true, &pos, 0, "cannot read %s: %s",
		    pre->file->name, strerror(errno));
	}
	feed_end(pre, &fd);
}

/*
 * One line of a source (strip: comments still in it) or of an expansion.
 * Lines continuing a multi-line definition go to the feed.
 */
static void
feed_line(struct pre *pre, struct feed *fd, char *s, size_t n,
    const struct pos *pos, unsigned depth, bool strip)
{
	size_t i;
	bool dollar;

	if (strip)
		n = strip_comment(s, n, &dollar);
	else
		dollar = memchr(s, '$', n) != NULL;
	n = trim_right(s, n);
	s[n] = '\0';
	if (fd != NULL && fd->active)
		feed_continue(pre, fd, s, n);
	else if ((i = skip_ws(s, 0, n)) == n)
		return;
	else if (!dollar && s[i] != '@' && s[i] != '~')
		/* No condition, definition, generator or use: most lines. */
		emit_at(pre, s, n, i, pos);
	else
		process_line(pre, fd, s, n, pos, depth);
}

/* Blank lines inside a multi-line definition do not end it. */
static void
feed_continue(struct pre *pre, struct feed *fd, char *s, size_t n)
{
	bool more;

	if (skip_ws(s, 0, n) == n)
		return;
	more = s[n - 1] == '\\';
	if (more)
		n = trim_right(s, n - 1);
	if (!fd->discard && skip_ws(s, 0, n) < n) {
		if (fd->value.len > 0)
			buf_add(&fd->value, "\n", 1);
		buf_add(&fd->value, s, n);
	}
	if (!more)
		feed_finish(pre, fd);
}

static void
feed_finish(struct pre *pre, struct feed *fd)
{
	if (!fd->discard)
		def_set(pre, fd->name, strlen(fd->name),
		    fd->value.p ? fd->value.p : "", fd->value.len);
	free(fd->name);
	free(fd->value.p);
	memset(fd, 0, sizeof(*fd));
}

/* End of a source: a definition still open ends here. */
static void
feed_end(struct pre *pre, struct feed *fd)
{
	if (!fd->active)
		return;
	if (!fd->discard)
		pre_msg(pre, false, &fd->pos, 0,
		    "multi-line definition of %s is not terminated", fd->name);
	feed_finish(pre, fd);
}

/* ---- one line ---- */

/*
 * Text made by an expansion, possibly several lines: each line is
 * processed in turn (count: each one counts against max_lines).
 */
static void
process_text(struct pre *pre, char *t, size_t len, const struct pos *pos,
    unsigned depth, bool count)
{
	struct feed fd;
	char *p = t, *nl;
	size_t n;

	memset(&fd, 0, sizeof(fd));
	while (!pre->stop && !pre->unwind) {
		nl = memchr(p, '\n', (size_t)(t + len - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(t + len - p);
		p[n] = '\0';
		if (count && step(pre, pos) < 0)
			break;
		feed_line(pre, &fd, p, n, pos, depth, false);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	feed_end(pre, &fd);
}

/*
 * A non-blank line without comments: conditions, then a definition, a
 * generator, a whole-line use of a definition, or a line to substitute.
 * fd is NULL where a multi-line definition cannot start.
 */
static void
process_line(struct pre *pre, struct feed *fd, char *s, size_t n,
    const struct pos *pos, unsigned depth)
{
	struct def *d;
	size_t i, e, klen;

	if (!cond_apply(pre, s, n, &i)) {
		/* A dropped multi-line definition drops its lines too. */
		i = skip_ws(s, i, n);
		if (fd != NULL && def_syntax(s, i, n, &e) && s[n - 1] == '\\') {
			fd->active = true;
			fd->discard = true;
		}
		return;
	}
	if ((i = skip_ws(s, 0, n)) == n)
		return;
	if (def_syntax(s, i, n, &e))
		define(pre, fd, s, i, e, n, pos);
	else if (gen_kind(s + i, n - i, &klen) != GEN_NONE)
		generate(pre, s, n, i, pos, depth);
	else if ((d = whole_use(pre, s, i, n)) != NULL)
		expand_def(pre, d, pos, i, depth);
	else
		subst_line(pre, s, n, pos, depth);
}

/*
 * Applies the leading @ID / @^ID words, blanking them so that the other
 * words keep their columns.  False (and *restp after the failed word)
 * when the line is dropped.
 */
static bool
cond_apply(struct pre *pre, char *s, size_t n, size_t *restp)
{
	size_t i, e, id;
	bool neg, match;

	for (;;) {
		i = skip_ws(s, 0, n);
		if (i == n || s[i] != '@')
			return true;
		e = word_end(s, i, n);
		neg = i + 1 < e && s[i + 1] == '^';
		id = i + 1 + neg;
		match = strlen(pre->config_id) == e - id &&
		    memcmp(pre->config_id, s + id, e - id) == 0;
		memset(s + i, ' ', e - i);
		if (match == neg) {
			*restp = e;
			return false;
		}
	}
}

/* Whether s[i] starts "$NAME="; *eqp is the offset of the '='. */
static bool
def_syntax(const char *s, size_t i, size_t n, size_t *eqp)
{
	size_t e;

	if (i >= n || s[i] != '$')
		return false;
	e = name_end(s, i + 1, n);
	if (e == i + 1 || e >= n || s[e] != '=')
		return false;
	*eqp = e;
	return true;
}

/* "$NAME=value" at s[i], '=' at s[e]; a trailing '\' starts a feed. */
static void
define(struct pre *pre, struct feed *fd, const char *s, size_t i, size_t e,
    size_t n, const struct pos *pos)
{
	const char *name = s + i + 1;
	size_t nlen = e - i - 1, v = skip_ws(s, e + 1, n);
	bool more = v < n && s[n - 1] == '\\';

	if (reserved(name, nlen)) {
		pre_msg(pre, true, pos, i, "cannot redefine pre-defined %.*s",
		    (int)nlen, name);
		if (more && fd != NULL)
			fd->active = fd->discard = true;
		return;
	}
	if (!more) {
		def_set(pre, name, nlen, s + v, n - v);
		return;
	}
	if (fd == NULL) {
		pre_msg(pre, true, pos, i,
		    "multi-line definition of %.*s is not allowed here",
		    (int)nlen, name);
		return;
	}
	fd->active = true;
	fd->name = xstrndup(name, nlen);
	fd->pos = *pos;
	n = trim_right(s, n - 1);
	if (v < n)
		buf_add(&fd->value, s + v, n - v);
}

/* The definition when the line is only "$NAME" or "${NAME}". */
static struct def *
whole_use(struct pre *pre, const char *s, size_t i, size_t n)
{
	struct ref r;

	if (s[i] != '$' || !ref_parse(s, n, i, &r) || r.alen > 0 ||
	    skip_ws(s, r.end, n) != n || reserved(s + r.name, r.nlen))
		return NULL;
	return def_find(pre, s + r.name, r.nlen);
}

/*
 * Each line of the value is processed in turn, so that a definition in
 * one line applies to the next.  The lines carry the origin of the line
 * that used them, and the column of the use.
 */
static void
expand_def(struct pre *pre, const struct def *d, const struct pos *pos,
    size_t i, unsigned depth)
{
	struct pos lpos = *pos;
	char *v;

	if (depth >= PRE_DEPTH_MAX) {
		pre_msg(pre, true, pos, i, "definition %s expands recursively",
		    d->name);
		return;
	}
	lpos.base = pos_col(pos, i);
	lpos.exact = 0;
	/* The value may be redefined while it is expanded. */
	v = xstrndup(d->value, strlen(d->value));
	process_text(pre, v, strlen(v), &lpos, depth + 1, true);
	free(v);
}

/* ---- ~SEQ and ~LST ---- */

/* The generator named at s, and the length of its name. */
static enum gen
gen_kind(const char *s, size_t n, size_t *lenp)
{
	enum gen g = GEN_NONE;

	if (n >= 5 && memcmp(s, "~SEQx", 5) == 0) {
		g = GEN_SEQX;
		*lenp = 5;
	} else if (n >= 4 && memcmp(s, "~SEQ", 4) == 0) {
		g = GEN_SEQ;
		*lenp = 4;
	} else if (n >= 4 && memcmp(s, "~LST", 4) == 0) {
		g = GEN_LST;
		*lenp = 4;
	}
	/* "~SEQUENCE" is just a word. */
	if (g != GEN_NONE && *lenp < n &&
	    (s[*lenp] == '_' || (s[*lenp] >= '0' && s[*lenp] <= '9') ||
	        name_end(s, *lenp, n) > *lenp))
		g = GEN_NONE;
	return g;
}

/*
 * "~SEQ(...) rest" at s[i]: the header is blanked and the line, now the
 * rest, is processed once per value.  A later generator on the line is
 * found then, so the first is the outermost.
 */
static void
generate(struct pre *pre, char *s, size_t n, size_t i, const struct pos *pos,
    unsigned depth)
{
	struct buf args = { NULL, 0, 0 };
	struct pos apos = *pos;
	size_t klen, open, close, first;
	enum gen g = gen_kind(s + i, n - i, &klen);
	const char *why = "";
	int level = 0;

	open = i + klen;
	for (close = open; close < n; close++)
		if (s[close] == '(')
			level++;
		else if (s[close] == ')' && --level == 0)
			break;
	if (open < n && s[open] == '(' && close < n) {
		buf_add(&args, s + open + 1, close - open - 1);
		apos.base = pos_col(pos, open + 1);
		apos.exact = pos->exact > open + 1 ? pos->exact - open - 1 : 0;
		if (depth >= PRE_DEPTH_MAX)
			why = "too many nested ~SEQ and ~LST";
		else if (substitute(pre, &args, &apos, &first) < 0)
			why = NULL;
		else {
			memset(s + i, ' ', close + 1 - i);
			if (g == GEN_LST)
				why = lst_run(pre, args.p, s, n, pos, depth);
			else
				why = seq_run(pre, g, args.p, s, n, pos, depth);
		}
		free(args.p);
	}
	if (why != NULL)
		pre_msg(pre, true, pos, i, "%s: %s", gen_names[g],
		    *why != '\0' ? why : gen_usage[g]);
}

/* One value of a generator: the rest of the line, processed afresh. */
static int
gen_iter(struct pre *pre, const char *s, size_t n, const struct pos *pos,
    unsigned depth)
{
	char *copy;

	if (pre->stop || pre->unwind || step(pre, pos) < 0)
		return -1;
	copy = xstrndup(s, n);
	process_line(pre, NULL, copy, n, pos, depth + 1);
	free(copy);
	return pre->stop || pre->unwind ? -1 : 0;
}

/*
 * Splits s in place at the commas outside {...}, trimming each item.
 * Returns the number of items (at least one) in *itemsp (to be freed).
 */
static size_t
split_top(char *s, char ***itemsp)
{
	char **items = NULL, *start = s, *p;
	size_t n = 0, len;
	int level = 0;
	bool last;

	for (p = s;; p++) {
		if (*p == '{')
			level++;
		else if (*p == '}')
			level--;
		if (*p != '\0' && (*p != ',' || level != 0))
			continue;
		last = *p == '\0';
		start += skip_ws(start, 0, (size_t)(p - start));
		len = trim_right(start, (size_t)(p - start));
		start[len] = '\0';
		items = xrealloc(items, (n + 1) * sizeof(*items));
		items[n++] = start;
		if (last)
			break;
		start = p + 1;
	}
	*itemsp = items;
	return n;
}

static int
parse_ll(const char *s, long long *v)
{
	char *end;

	errno = 0;
	*v = strtoll(s, &end, 0);
	return *s == '\0' || *end != '\0' || errno != 0 ? -1 : 0;
}

/* (var, [start,] [step,] end) into q; NULL or what was wrong. */
static const char *
seq_parse(char *args, struct seq *q)
{
	long long a[3];
	char **av;
	size_t ac, k;

	ac = split_top(args, &av);
	q->var = av[0];
	for (k = 1; k < ac && k <= 3; k++)
		if (parse_ll(av[k], &a[k - 1]) < 0)
			break;
	free(av);
	if (ac < 2 || ac > 4 || k < ac || !valid_name(q->var))
		return "";
	if (reserved(q->var, strlen(q->var)))
		return "a pre-defined name cannot be the variable";
	q->end = a[ac - 2];
	q->start = ac >= 3 ? a[0] : q->end > 0 ? 1 : q->end < 0 ? -1 : 0;
	q->step = ac == 4 ? a[1] : q->end >= q->start ? 1 : -1;
	if (q->step == 0)
		return "step must not be 0";
	if ((q->step > 0 && q->end < q->start) ||
	    (q->step < 0 && q->end > q->start))
		return "step never reaches end from start";
	return NULL;
}

static const char *
seq_run(struct pre *pre, enum gen g, char *args, const char *s, size_t n,
    const struct pos *pos, unsigned depth)
{
	struct seq q;
	unsigned long long mag;
	long long v;
	const char *why;
	char num[32], *saved;

	if ((why = seq_parse(args, &q)) != NULL)
		return why;
	saved = def_save(pre, q.var);
	for (v = q.start; q.step > 0 ? v <= q.end : v >= q.end;) {
		mag = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
		if (g == GEN_SEQX)
			snprintf(
			    num, sizeof(num), "%s%llx", v < 0 ? "-" : "", mag);
		else
			snprintf(num, sizeof(num), "%lld", v);
		def_set(pre, q.var, strlen(q.var), num, strlen(num));
		if (gen_iter(pre, s, n, pos, depth) < 0 ||
		    __builtin_add_overflow(v, q.step, &v))
			break;
	}
	def_restore(pre, q.var, saved);
	return NULL;
}

/* "{a, b}" split in place; -1 when it is not in braces. */
static int
brace_group(char *item, char ***itemsp, size_t *np)
{
	size_t len = strlen(item);

	if (len < 2 || item[0] != '{' || item[len - 1] != '}')
		return -1;
	item[len - 1] = '\0';
	*np = split_top(item + 1, itemsp);
	return 0;
}

/* (var, v1, ...) or ({var, ...}, {v1, ...}, ...), split in place. */
static const char *
lst_parse(char *args, struct lst *l)
{
	const char *why = "";
	char **av, **g;
	size_t ac, k, gn;

	memset(l, 0, sizeof(*l));
	if ((ac = split_top(args, &av)) < 2)
		goto out;
	if (av[0][0] != '{') {
		l->nvars = 1;
		l->vars = xrealloc(NULL, sizeof(char *));
		l->vars[0] = av[0];
		l->vals = xrealloc(NULL, (ac - 1) * sizeof(char *));
		memcpy(l->vals, av + 1, (ac - 1) * sizeof(char *));
	} else {
		if (brace_group(av[0], &l->vars, &l->nvars) < 0)
			goto out;
		l->vals = xrealloc(NULL, (ac - 1) * l->nvars * sizeof(char *));
		for (k = 1; k < ac; k++) {
			if (brace_group(av[k], &g, &gn) < 0)
				goto out;
			if (gn == l->nvars)
				memcpy(
				    l->vals + (k - 1) * gn, g, gn * sizeof(*g));
			free(g);
			if (gn != l->nvars) {
				why = "each {...} needs one value per variable";
				goto out;
			}
		}
	}
	l->nrows = ac - 1;
	for (k = 0; k < l->nvars; k++)
		if (!valid_name(l->vars[k]))
			goto out;
		else if (reserved(l->vars[k], strlen(l->vars[k]))) {
			why = "a pre-defined name cannot be a variable";
			goto out;
		}
	why = NULL;
out:
	free(av);
	if (why != NULL) {
		free(l->vars);
		free(l->vals);
	}
	return why;
}

static const char *
lst_run(struct pre *pre, char *args, const char *s, size_t n,
    const struct pos *pos, unsigned depth)
{
	struct lst l;
	const char *why, *v;
	char **saved;
	size_t r, k;

	if ((why = lst_parse(args, &l)) != NULL)
		return why;
	saved = xrealloc(NULL, l.nvars * sizeof(*saved));
	for (k = 0; k < l.nvars; k++)
		saved[k] = def_save(pre, l.vars[k]);
	for (r = 0; r < l.nrows; r++) {
		for (k = 0; k < l.nvars; k++) {
			v = l.vals[r * l.nvars + k];
			def_set(
			    pre, l.vars[k], strlen(l.vars[k]), v, strlen(v));
		}
		if (gen_iter(pre, s, n, pos, depth) < 0)
			break;
	}
	for (k = l.nvars; k-- > 0;)
		def_restore(pre, l.vars[k], saved[k]);
	free(saved);
	free(l.vars);
	free(l.vals);
	return NULL;
}

/* ---- substitution ---- */

/*
 * A reference at s[i] ('$'): "${NAME}", "${_RANDOM args}", or "$NAME"
 * followed by whitespace or the end.
 */
static bool
ref_parse(const char *s, size_t n, size_t i, struct ref *r)
{
	bool brace = i + 1 < n && s[i + 1] == '{';
	size_t j, k;

	r->name = i + 1 + brace;
	j = name_end(s, r->name, n);
	if (j == r->name)
		return false;
	r->nlen = j - r->name;
	r->args = r->alen = 0;
	if (!brace) {
		r->end = j;
		return j == n || is_ws(s[j]);
	}
	if (j < n && s[j] == '}') {
		r->end = j + 1;
		return true;
	}
	if (j == n || (s[j] != ' ' && s[j] != '\t') || r->nlen != 7 ||
	    memcmp(s + r->name, "_RANDOM", 7) != 0)
		return false;
	for (k = j; k < n && s[k] != '}' && s[k] != '\n'; k++)
		;
	if (k == n || s[k] != '}')
		return false;
	r->args = j;
	r->alen = k - j;
	r->end = k + 1;
	return true;
}

/*
 * The value of a reference, NULL when undefined (or on error, reported,
 * with *literal set to false and nothing else).  *literal tells not to
 * substitute again inside the value now: pre-defined values are final,
 * and a multi-line value is processed line by line later.
 */
static const char *
ref_value(struct pre *pre, const char *s, const struct ref *r, char *tmp,
    bool *literal, const struct pos *pos, size_t off)
{
	const char *name = s + r->name;
	struct def *d;

	*literal = true;
	if (r->nlen == 4 && memcmp(name, "_PWD", 4) == 0)
		return pre->file->dir;
	if (r->nlen == 9 && memcmp(name, "_INSTANCE", 9) == 0)
		return pre->config_id;
	if (r->nlen == 5 && memcmp(name, "_HASH", 5) == 0)
		return "#";
	if (r->nlen == 5 && memcmp(name, "_BANG", 5) == 0)
		return "!";
	if (r->nlen == 7 && memcmp(name, "_RANDOM", 7) == 0) {
		name = random_value(pre, s + r->args, r->alen, tmp, pos, off);
		*literal = name != NULL;
		return name;
	}
	if ((d = def_find(pre, name, r->nlen)) == NULL)
		return NULL;
	*literal = strchr(d->value, '\n') != NULL;
	return d->value;
}

/* ${_RANDOM [MIN [MAX]]} into tmp (32 bytes). */
static const char *
random_value(struct pre *pre, const char *args, size_t alen, char *tmp,
    const struct pos *pos, size_t off)
{
	unsigned long long v[3] = { 0, PRE_RANDOM_MAX, 0 }, r;
	char copy[64], *p, *end;
	int k;

	snprintf(copy, sizeof(copy), "%.*s", (int)alen, args);
	for (k = 0, p = copy; k < 3; k++) {
		p += skip_ws(p, 0, strlen(p));
		if (*p == '\0')
			break;
		errno = 0;
		if (*p >= '0' && *p <= '9')
			v[k] = strtoull(p, &end, 10);
		if (*p < '0' || *p > '9' || errno != 0 || v[k] >= UINT32_MAX ||
		    (*end != '\0' && !is_ws(*end))) {
			k = 3;
			break;
		}
		p = end;
	}
	if (k > 2 || alen >= sizeof(copy)) {
		pre_msg(pre, true, pos, off,
		    "_RANDOM: expected [MIN [MAX]], non-negative integers");
		return NULL;
	}
	if (v[0] > v[1]) {
		pre_msg(pre, true, pos, off,
		    "_RANDOM: MIN %llu is greater than MAX %llu", v[0], v[1]);
		return NULL;
	}
	if (getrandom(&r, sizeof(r), 0) != (ssize_t)sizeof(r))
		r = (unsigned long long)random();
	snprintf(tmp, 32, "%llu", v[0] + r % (v[1] - v[0] + 1));
	return tmp;
}

/*
 * Replaces every reference in b, rescanning what a definition inserted
 * (together with what follows it) as keepalived does, so that "${A}.1"
 * with A "10.${B}" works.  The stack of inserted regions bounds the
 * nesting.  Returns 1 if anything changed, with *firstp the offset of the
 * first change (the text before it is unchanged), 0 if not, -1 on error.
 */
static int
substitute(
    struct pre *pre, struct buf *b, const struct pos *pos, size_t *firstp)
{
	size_t ends[PRE_DEPTH_MAX], nreg = 0, i = 0, k, vlen;
	struct pos at = *pos; /* columns stay exact up to the first change */
	unsigned long count = 0;
	const char *v;
	char tmp[32];
	struct ref r;
	bool literal;

	for (*firstp = SIZE_MAX; i < b->len;) {
		while (nreg > 0 && i >= ends[nreg - 1])
			nreg--;
		if (b->p[i] != '$' || !ref_parse(b->p, b->len, i, &r)) {
			i++;
			continue;
		}
		if ((v = ref_value(pre, b->p, &r, tmp, &literal, &at, i)) ==
		    NULL) {
			if (!literal)
				return -1;
			i = r.end;
			continue;
		}
		vlen = strlen(v);
		if (nreg == PRE_DEPTH_MAX)
			pre_msg(pre, true, &at, i,
			    "definition %.*s expands recursively", (int)r.nlen,
			    b->p + r.name);
		else if (++count > PRE_SUBST_COUNT)
			pre_msg(pre, true, &at, i,
			    "more than %d substitutions in one line",
			    PRE_SUBST_COUNT);
		else if (b->len - (r.end - i) + vlen > PRE_SUBST_MAX)
			pre_msg(pre, true, &at, i,
			    "line is longer than %d bytes after substitution",
			    PRE_SUBST_MAX);
		else {
			for (k = 0; k < nreg; k++)
				ends[k] = ends[k] - (r.end - i) + vlen;
			buf_splice(b, i, r.end, v, vlen);
			if (*firstp == SIZE_MAX && i < at.exact)
				at.exact = i;
			if (*firstp == SIZE_MAX)
				*firstp = i;
			if (literal)
				i += vlen;
			else
				ends[nreg++] = i + vlen;
			continue;
		}
		return -1;
	}
	return *firstp != SIZE_MAX;
}

/*
 * Substitutes and emits a line.  When substitution made something the
 * preprocessor must act on (a condition, a definition, a generator, more
 * lines), the result is processed again.
 */
static void
subst_line(
    struct pre *pre, char *s, size_t n, const struct pos *pos, unsigned depth)
{
	struct buf b = { NULL, 0, 0 };
	struct pos npos = *pos;
	size_t first, i;
	int r;

	/* Most lines use no definition: no copy, no scan. */
	if (memchr(s, '$', n) == NULL) {
		emit(pre, s, n, pos);
		return;
	}
	buf_add(&b, s, n);
	if ((r = substitute(pre, &b, pos, &first)) > 0 && first < npos.exact)
		npos.exact = first;
	i = skip_ws(b.p, 0, b.len);
	if (r == 0 ||
	    (r > 0 && memchr(b.p, '\n', b.len) == NULL &&
	        (i == b.len || strchr("@$~", b.p[i]) == NULL)))
		emit(pre, b.p, b.len, &npos);
	else if (r > 0 && depth >= PRE_DEPTH_MAX)
		pre_msg(pre, true, pos, first, "substitution does not end");
	else if (r > 0)
		process_text(pre, b.p, b.len, &npos, depth + 1,
		    memchr(b.p, '\n', b.len) != NULL);
	free(b.p);
}

/* ---- output ---- */

/* A finished line: an include, or a line of the resolved text. */
static void
emit(struct pre *pre, char *s, size_t n, const struct pos *pos)
{
	size_t i;

	n = trim_right(s, n);
	if ((i = skip_ws(s, 0, n)) < n)
		emit_at(pre, s, n, i, pos);
}

/* emit() of a trimmed line whose first word starts at s[i]. */
static void
emit_at(struct pre *pre, char *s, size_t n, size_t i, const struct pos *pos)
{
	size_t e, k;

	/* Every include keyword starts "include". */
	if (n - i < 7 || memcmp(s + i, "include", 7) != 0) {
		out_line(pre, s, n, pos);
		return;
	}
	e = word_end(s, i, n);
	for (k = 0; k < N_INCLUDE_KWS; k++)
		if (strlen(include_kws[k].name) == e - i &&
		    memcmp(include_kws[k].name, s + i, e - i) == 0) {
			do_include(pre, k, s, n, i, e, pos);
			return;
		}
	if (e - i == 13 && memcmp(s + i, "include_check", 13) == 0)
		include_check_line(pre, s, e, n);
	out_line(pre, s, n, pos);
}

/* Appends a line, after an origin marker unless it follows the last. */
static void
out_line(struct pre *pre, const char *s, size_t n, const struct pos *pos)
{
	char num[32], *o;
	bool same_file;
	size_t i;
	int len;

	if (++pre->nout > pre->max_lines) {
		pre_msg(pre, true, pos, 0,
		    "the configuration expands to more than %lu lines",
		    pre->max_lines);
		pre->stop = true;
		return;
	}
	same_file = pre->last_file != NULL &&
	    (pre->last_file == pos->file ||
	        strcmp(pre->last_file, pos->file) == 0);
	/* A short gap (blank or comment lines) costs fewer bytes as empty
	   lines than as a marker naming the file again. */
	if (same_file && pos->line > pre->last_line + 1 &&
	    pos->line - pre->last_line - 1 <= PRE_GAP_LINES) {
		for (i = pre->last_line + 1; i < pos->line; i++)
			buf_add(&pre->out, "\n", 1);
	} else if (!same_file || pos->line != pre->last_line + 1) {
		len = snprintf(num, sizeof(num), "#@ %u ", pos->line);
		buf_add(&pre->out, num, (size_t)len);
		buf_add(&pre->out, pos->file, strlen(pos->file));
		buf_add(&pre->out, "\n", 1);
	}
	/* A line that would read as a marker is shifted by a space. */
	if (n >= 3 && memcmp(s, "#@ ", 3) == 0)
		buf_add(&pre->out, " ", 1);
	/* Indentation becomes two bytes (see cfg.h); a line that starts
	   with the mark itself gets an empty indentation first. */
	i = strspn(s, " \t\r"); /* s[n] is a NUL, or not a blank */
	if (i > n)
		i = n;
	if (i > CFG_INDENT_MAX)
		i = CFG_INDENT_MAX;
	buf_reserve(&pre->out, pre->out.len + n + 3);
	o = pre->out.p + pre->out.len;
	if (i >= 2 || (n > 0 && s[0] == CFG_INDENT_MARK)) {
		*o++ = CFG_INDENT_MARK;
		*o++ = (char)(CFG_INDENT_BASE + (i >= 2 ? i : 0));
		if (i >= 2) {
			s += i;
			n -= i;
		}
	}
	memcpy(o, s, n);
	o[n] = '\n';
	o[n + 1] = '\0';
	pre->out.len = (size_t)(o + n + 1 - pre->out.p);
	pre->last_file = pos->file;
	pre->last_line = pos->line;
}

/* Counts a line made by an expansion against max_lines. */
static int
step(struct pre *pre, const struct pos *pos)
{
	if (++pre->nsteps <= pre->max_lines)
		return 0;
	pre_msg(pre, true, pos, 0,
	    "the configuration expands to more than %lu lines", pre->max_lines);
	pre->stop = true;
	return -1;
}

/* ---- include ---- */

/*
 * "include_check [[+|-]OPTION ...]": no option means all; a first option
 * without a sign replaces the setting.  Unknown options are left to the
 * global_defs parser, which also sees the line.
 */
static void
include_check_line(struct pre *pre, const char *s, size_t e, size_t n)
{
	unsigned v = pre->file->checks;
	size_t i = skip_ws(s, e, n), we, k;
	bool first = true;
	char sign;

	if (i == n)
		v = CFG_INC_ALL;
	for (; i < n; i = skip_ws(s, we, n), first = false) {
		we = word_end(s, i, n);
		sign = s[i] == '+' || s[i] == '-' ? s[i] : 0;
		if (sign == 0 && first)
			v = 0;
		i += sign != 0;
		for (k = 0; k < N_INCLUDE_OPTS; k++)
			if (strlen(include_opts[k].name) == we - i &&
			    memcmp(include_opts[k].name, s + i, we - i) == 0)
				break;
		if (k == N_INCLUDE_OPTS)
			continue;
		if (sign == '-')
			v &= ~include_opts[k].check;
		else
			v |= include_opts[k].check | CFG_INC_READABLE;
	}
	pre->file->checks = v;
}

/*
 * "include PATTERN" (or a variant, include_kws[k]) in s; the keyword is
 * s[i..e).  The pattern may be quoted; glob(3) sees it as written.
 */
static void
do_include(struct pre *pre, size_t k, const char *s, size_t n, size_t i,
    size_t e, const struct pos *pos)
{
	const char *kw = include_kws[k].name;
	size_t p, pe;
	unsigned checks;
	char *pat;

	if (pre->opts->no_includes) {
		pre_msg(pre, true, pos, i, "include is not allowed here");
		return;
	}
	if ((p = skip_ws(s, e, n)) == n) {
		pre_msg(pre, true, pos, i, "%s: expected a file pattern", kw);
		return;
	}
	if (s[p] == '"' || s[p] == '\'') {
		for (pe = p + 1; pe < n && s[pe] != s[p]; pe++)
			if (s[pe] == '\\' && pe + 1 < n)
				pe++;
		if (pe == n) {
			pre_msg(
			    pre, true, pos, p, "%s: unterminated quote", kw);
			return;
		}
		pat = xstrndup(s + p + 1, pe++ - p - 1);
	} else
		pat = xstrndup(s + p, (pe = word_end(s, p, n)) - p);
	if (skip_ws(s, pe, n) < n)
		pre_msg(pre, true, pos, skip_ws(s, pe, n),
		    "%s: expected one file pattern", kw);
	else if (*pat == '\0')
		pre_msg(pre, true, pos, p, "%s: expected a file pattern", kw);
	else {
		checks = pre->opts->all_config
		    ? CFG_INC_ALL
		    : pre->file->checks | include_kws[k].checks;
		include_glob(pre, kw, pat, checks, pos, p);
	}
	free(pat);
}

/* Whether s has an unescaped character of set. */
static bool
has_magic(const char *s, const char *set)
{
	for (; *s != '\0'; s++)
		if (*s == '\\' && s[1] != '\0')
			s++;
		else if (strchr(set, *s) != NULL)
			return true;
	return false;
}

static void
include_glob(struct pre *pre, const char *kw, const char *pat, unsigned checks,
    const struct pos *pos, size_t off)
{
	char *full = full_pattern(pre->file->dir, pat);
	bool wild, err;
	glob_t g;
	size_t k;
	int rc;

	memset(&g, 0, sizeof(g));
	rc = glob(full, GLOB_BRACE | GLOB_TILDE, NULL, &g);
	if (rc == GLOB_NOMATCH) {
		wild = has_magic(pat, "*?[");
		err = (checks & (wild ? CFG_INC_WILDCARD : CFG_INC_MATCH)) ||
		    ((checks & CFG_INC_BRACE) && has_magic(pat, "{"));
		pre_msg(
		    pre, err, pos, off, "%s: no file matches '%s'", kw, pat);
	} else if (rc != 0)
		pre_msg(pre, true, pos, off, "%s: cannot expand '%s'", kw, pat);
	else {
		if ((checks & CFG_INC_BRACE) && has_magic(pat, "{"))
			brace_check(pre, kw, pat, pos, off);
		for (k = 0; k < g.gl_pathc && !pre->stop; k++)
			include_file(pre, g.gl_pathv[k], checks, pos, off);
	}
	globfree(&g);
	free(full);
}

/*
 * csh brace expansion of s into *altsp (at most PRE_BRACE_MAX), for the
 * brace_match check: glob(3) does not say which alternative matched.
 */
static void
brace_expand(const char *s, char ***altsp, size_t *np)
{
	size_t open, close, i, start, n = strlen(s);
	struct buf alt;
	int level = 0;

	if (*np >= PRE_BRACE_MAX)
		return;
	for (open = 0; open < n; open++)
		if (s[open] == '\\' && open + 1 < n)
			open++;
		else if (s[open] == '{')
			break;
	for (close = open; close < n; close++)
		if (s[close] == '\\' && close + 1 < n)
			close++;
		else if (s[close] == '{')
			level++;
		else if (s[close] == '}' && --level == 0)
			break;
	if (close >= n) {
		*altsp = xrealloc(*altsp, (*np + 1) * sizeof(char *));
		(*altsp)[(*np)++] = xstrndup(s, n);
		return;
	}
	for (i = start = open + 1; i <= close; i++) {
		if (s[i] == '\\' && i + 1 < close)
			i++;
		else if (s[i] == '{')
			level++;
		else if (s[i] == '}' && i < close)
			level--;
		else if ((s[i] == ',' && level == 0) || i == close) {
			memset(&alt, 0, sizeof(alt));
			buf_add(&alt, s, open);
			buf_add(&alt, s + start, i - start);
			buf_add(&alt, s + close + 1, n - close - 1);
			brace_expand(alt.p, altsp, np);
			free(alt.p);
			start = i + 1;
		}
	}
}

/* brace_match: each alternative of the pattern must match a file. */
static void
brace_check(struct pre *pre, const char *kw, const char *pat,
    const struct pos *pos, size_t off)
{
	char **alts = NULL, *full;
	size_t n = 0, k;
	glob_t g;

	brace_expand(pat, &alts, &n);
	for (k = 0; k < n; k++) {
		full = full_pattern(pre->file->dir, alts[k]);
		memset(&g, 0, sizeof(g));
		if (glob(full, GLOB_TILDE, NULL, &g) == GLOB_NOMATCH)
			pre_msg(pre, true, pos, off,
			    "%s: no file matches '%s' (from '%s')", kw, alts[k],
			    pat);
		globfree(&g);
		free(full);
		free(alts[k]);
	}
	free(alts);
}

/* The pattern, relative to dir unless absolute; dir is escaped. */
static char *
full_pattern(const char *dir, const char *pat)
{
	struct buf b = { NULL, 0, 0 };

	if (pat[0] == '/' || pat[0] == '~')
		buf_add(&b, pat, strlen(pat));
	else {
		for (; *dir != '\0'; dir++) {
			if (strchr("\\*?[]{}", *dir) != NULL)
				buf_add(&b, "\\", 1);
			buf_add(&b, dir, 1);
		}
		if (b.len == 0 || b.p[b.len - 1] != '/')
			buf_add(&b, "/", 1);
		buf_add(&b, pat, strlen(pat));
	}
	return b.p;
}

/* Reads one matched file; its failures are errors if readable is on. */
static void
include_file(struct pre *pre, const char *path, unsigned checks,
    const struct pos *pos, size_t off)
{
	bool err = (checks & CFG_INC_READABLE) != 0, unwind;
	struct src_file f, *up;
	struct reader rd;
	const char *why;
	char *real;
	FILE *fp;

	if ((real = realpath(path, NULL)) == NULL) {
		pre_msg(pre, err, pos, off, "cannot open %s: %s", path,
		    strerror(errno));
		return;
	}
	for (up = pre->file; up != NULL; up = up->up)
		if (up->real != NULL && strcmp(up->real, real) == 0)
			break;
	if (up != NULL)
		pre_msg(pre, true, pos, off, "include loop: %s", real);
	else if (pre->file->depth >= PRE_INCLUDE_MAX)
		pre_msg(pre, true, pos, off,
		    "includes are nested more than %d deep", PRE_INCLUDE_MAX);
	else if (strchr(real, '\n') != NULL)
		pre_msg(pre, true, pos, off, "file name contains a newline: %s",
		    real);
	else if ((fp = open_config(real, true, &why)) == NULL)
		pre_msg(pre, err, pos, off, "cannot open %s: %s", real, why);
	else {
		file_push(pre, &f, real, real);
		memset(&rd, 0, sizeof(rd));
		rd.fp = fp;
		unwind = pre->unwind;
		read_source(pre, &rd);
		pre->unwind = unwind;
		fclose(fp);
		free(rd.line);
		file_pop(pre, &f);
		return;
	}
	free(real);
}

/* Opens a file to read; an include must be a regular file. */
static FILE *
open_config(const char *path, bool regular, const char **whyp)
{
	struct stat st;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		*whyp = strerror(errno);
		return NULL;
	}
	if (fstat(fileno(fp), &st) < 0)
		*whyp = strerror(errno);
	else if (S_ISDIR(st.st_mode))
		*whyp = strerror(EISDIR);
	else if (regular && !S_ISREG(st.st_mode))
		*whyp = "not a regular file";
	else
		return fp;
	fclose(fp);
	return NULL;
}

/*
 * Makes f the current file.  real (realpath, owned by f from now on) may
 * be NULL for a buffer, whose includes are relative to the current
 * directory.  The include_check setting is inherited, and restored by
 * file_pop().
 */
static void
file_push(struct pre *pre, struct src_file *f, const char *name, char *real)
{
	char *slash, cwd[4096];

	if (pre->nnames == pre->capnames) {
		pre->capnames = pre->capnames ? pre->capnames * 2 : 8;
		pre->names =
		    xrealloc(pre->names, pre->capnames * sizeof(*pre->names));
	}
	pre->names[pre->nnames] = xstrndup(name, strlen(name));
	f->name = pre->names[pre->nnames++];
	f->real = real;
	if (real != NULL && (slash = strrchr(real, '/')) != NULL)
		f->dir =
		    xstrndup(real, slash == real ? 1 : (size_t)(slash - real));
	else if (getcwd(cwd, sizeof(cwd)) != NULL)
		f->dir = xstrndup(cwd, strlen(cwd));
	else
		f->dir = xstrndup(".", 1);
	f->checks = pre->file != NULL ? pre->file->checks : 0;
	f->depth = pre->file != NULL ? pre->file->depth + 1 : 0;
	f->up = pre->file;
	pre->file = f;
}

static void
file_pop(struct pre *pre, struct src_file *f)
{
	pre->file = f->up;
	free(f->real);
	free(f->dir);
}
