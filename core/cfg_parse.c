/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cfg_parse.c: tokenizer and keyword-table walker for resolved config text. */

#include <sys/ioctl.h>
#include <sys/socket.h>

#include <arpa/inet.h>
#include <ctype.h>
#include <net/if.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cfg.h"

#define MAX_DEPTH 32
#define MAX_SECTIONS 128

/* Bump allocator: a parse's tokens die with it, the model with its
   config. */
struct arena_chunk {
	struct arena_chunk *next;
	size_t used, size;
	char data[];
};

enum tok_type {
	TOK_WORD,
	TOK_OPEN,
	TOK_CLOSE,
};

struct line_tok {
	struct cfg_token tok;
	enum tok_type type;
};

enum item_type {
	ITEM_EOF,
	ITEM_STMT,
	ITEM_CLOSE,
};

struct item {
	enum item_type type;
	struct cfg_stmt stmt;
	struct cfg_loc loc; /* of the '}' for ITEM_CLOSE */
};

struct cfg_parser {
	struct cfg_diag *diag;
	struct config *cfg;
	const char *text;
	size_t len, pos;
	const char *file; /* current origin, interned in the arena */
	unsigned line; /* line number of the next text line */
	struct arena_chunk *arena; /* file names: live for the parse */
	/* The current line's words and statements: reused line after line,
	   so a parse needs memory for its longest line, not the file.  A
	   block's opening statement, needed after its block, is copied. */
	struct arena_chunk *line_arena;
	struct line_tok *toks; /* the current line */
	int ntoks, captoks, tokpos;
	struct item pushed;
	bool has_pushed;
	unsigned depth;
	unsigned owner; /* enum cfg_owner bits of the current section */
	const char *path[MAX_DEPTH + 1]; /* names of the open blocks */
	unsigned col0; /* columns before the current line's text */
	struct host_if {
		char name[IFNAMSIZ];
		int flags; /* IFF_*, or -1: no such interface */
	} * ifs; /* interfaces asked about, by name */
	size_t nifs, capifs;
	int ifsock; /* for their flags; -1 until needed */
	const char *kept_from; /* p->file last interned by cfg_keep_loc */
	const char *kept_to;
};

/* The config's arena. */
struct cfg_mem {
	struct arena_chunk *chunks;
	struct cfg_loc_file {
		struct cfg_loc_file *next;
		char name[];
	} * files;
};

struct origin_entry {
	const void *obj;
	const char *name;
	struct cfg_origin o;
};

/* Open addressing on (obj, name). */
struct cfg_origins {
	struct origin_entry *e;
	size_t n, cap;
};

struct used_entry {
	const struct cfg_keyword *k;
	const char *path;
	unsigned owner;
	unsigned order;
};

/* The keywords a file used: a set of table entries. */
struct cfg_used {
	struct used_entry *e;
	size_t n, cap;
};

static void *chunk_alloc(struct arena_chunk **, size_t);
static void chunks_free(struct arena_chunk *);
static void *arena_alloc(struct cfg_parser *, size_t);
static char *arena_strndup(struct cfg_parser *, const char *, size_t);
static void arena_free(struct cfg_parser *);
static void *line_alloc(struct cfg_parser *, size_t);
static void line_reset(struct cfg_parser *);
static struct cfg_stmt *stmt_dup(const struct cfg_stmt *);
static size_t
origin_slot(const struct cfg_origins *, const void *, const char *, bool *);
static void origin_put(
    struct config *, const void *, const char *, const struct cfg_origin *);
static void use_keyword(struct cfg_parser *, const struct cfg_keyword *);
static void run_validators(struct cfg_parser *);
static struct config *parse_owned(char *, size_t, struct cfg_diag *);
static void print_origin(FILE *, const struct cfg_origin *);
static void list_block(FILE *, const struct cfg_block *, const char *, int);
static int cmp_ifname(const void *, const void *);
static void
dump_annotated(FILE *, const char *, size_t, const void *, const char *);
static int read_line(struct cfg_parser *);
static int lex_line(struct cfg_parser *, const char *, size_t);
static size_t lex_quoted(const char *, size_t, size_t, char *, size_t *);
static size_t lex_escape(const char *, size_t, size_t, char *);
static unsigned hexval(char);
static int push_tok(struct cfg_parser *, enum tok_type, char *, unsigned, bool);
static struct item next_item(struct cfg_parser *);
static void skip_block(struct cfg_parser *);
static void parse_block(struct cfg_parser *, const struct cfg_block *, void *,
    const struct cfg_token *);
static void parse_stmt(struct cfg_parser *, const struct cfg_block *, void *,
    struct cfg_stmt *, const struct cfg_keyword **, size_t *);
static const struct cfg_keyword *
find_keyword(const struct cfg_block *, const char *);
static void unknown_keyword(
    struct cfg_parser *, const struct cfg_block *, const struct cfg_token *);
static int want_block(struct cfg_parser *, struct cfg_stmt *);
static void parse_sub_block(
    struct cfg_parser *, const struct cfg_keyword *, struct cfg_stmt *, void *);
static int store_value(struct cfg_parser *, const struct cfg_keyword *,
    const struct cfg_stmt *, void *);
static void dump_keyword(FILE *, const struct cfg_keyword *, const void *, int);
static void dump_value(FILE *, const struct cfg_keyword *, const void *, int);

/* Top-level sections, registered once at start. */
static struct cfg_keyword top_keywords[MAX_SECTIONS + 1];
static unsigned top_owners[MAX_SECTIONS];
static size_t ntop;
static const struct cfg_block top_block = {
	.name = "the top level",
	.keywords = top_keywords,
};

/* keepalived's top-level sections that vigil does not parse (keepalived's
   BFD process has no counterpart in vigil yet). */
static const char *const cfg_not_yet_sections[] = {
	"bfd_instance",
	NULL,
};

static struct cfg_model_ops model_ops[CFG_NMODELS];
static bool host_checks;
static bool keep_origins;
/* The config cfg_dump() is printing, for origins in custom dumps. */
static const struct config *dump_cfg;

void
cfg_register(const struct cfg_section *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (ntop == MAX_SECTIONS)
			abort();
		top_keywords[ntop] = s[i].kw;
		top_owners[ntop] = s[i].owner;
		ntop++;
	}
	top_keywords[ntop] = (struct cfg_keyword)CFG_KW_END;
}

void
cfg_register_model(enum cfg_model m, const struct cfg_model_ops *ops)
{
	model_ops[m] = *ops;
}

void
cfg_set_host_checks(bool on)
{
	host_checks = on;
}

bool
cfg_host_checks(void)
{
	return host_checks;
}

void
cfg_set_keep_origins(bool on)
{
	keep_origins = on;
}

/* ---- arenas ---- */

static void *
chunk_alloc(struct arena_chunk **head, size_t n)
{
	struct arena_chunk *c = *head;
	size_t size;
	void *r;

	/* 8 bytes: every model field's alignment (no long double). */
	n = (n + 7) & ~(size_t)7;
	if (c == NULL || c->size - c->used < n) {
		size = n > 65536 ? n : 65536;
		c = malloc(sizeof(*c) + size);
		if (c == NULL)
			abort();
		c->next = *head;
		c->used = 0;
		c->size = size;
		*head = c;
	}
	r = c->data + c->used;
	c->used += n;
	return r;
}

static void
chunks_free(struct arena_chunk *c)
{
	struct arena_chunk *next;

	for (; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
}

static void *
arena_alloc(struct cfg_parser *p, size_t n)
{
	return chunk_alloc(&p->arena, n);
}

void *
cfg_alloc(struct config *cfg, size_t n)
{
	void *r = chunk_alloc(&cfg->mem->chunks, n);

	memset(r, 0, n);
	return r;
}

char *
cfg_strdup(struct config *cfg, const char *s)
{
	size_t n = strlen(s) + 1;
	char *r = chunk_alloc(&cfg->mem->chunks, n);

	memcpy(r, s, n);
	return r;
}

struct config *
cfg_parser_config(struct cfg_parser *p)
{
	return p->cfg;
}

struct cfg_diag *
cfg_parser_diag(struct cfg_parser *p)
{
	return p->diag;
}

/* Interface cache entries by name. */
static int
cmp_ifname(const void *a, const void *b)
{
	return strcmp(((const struct host_if *)a)->name,
	    ((const struct host_if *)b)->name);
}

int
cfg_host_interface(struct cfg_parser *p, const char *name)
{
	struct host_if key, *e;
	struct ifreq ifr;
	size_t i;

	if (strlen(name) >= IFNAMSIZ)
		return -1;
	strcpy(key.name, name);
	e = p->nifs == 0
	    ? NULL
	    : bsearch(&key, p->ifs, p->nifs, sizeof(*p->ifs), cmp_ifname);
	if (e != NULL)
		return e->flags;
	/* One ioctl per name tells both whether it exists and its flags;
	   a file names few interfaces, however many instances use them. */
	if (p->ifsock < 0)
		p->ifsock = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, name);
	key.flags = -1;
	if (p->ifsock >= 0 && ioctl(p->ifsock, SIOCGIFFLAGS, &ifr) == 0)
		key.flags = ifr.ifr_flags & 0xffff;
	else if (p->ifsock < 0 && if_nametoindex(name) != 0)
		key.flags = 0;
	if (p->nifs == p->capifs) {
		p->capifs = p->capifs ? p->capifs * 2 : 16;
		p->ifs = realloc(p->ifs, p->capifs * sizeof(*p->ifs));
		if (p->ifs == NULL)
			abort();
	}
	for (i = p->nifs; i > 0 && strcmp(p->ifs[i - 1].name, name) > 0; i--)
		p->ifs[i] = p->ifs[i - 1];
	p->ifs[i] = key;
	p->nifs++;
	return key.flags;
}

void
cfg_vec_push(struct config *cfg, struct cfg_vec *v, void *item)
{
	void **nv;

	if (v->n == v->cap) {
		if (v->cap >= UINT32_MAX / 2)
			abort();
		v->cap = v->cap ? v->cap * 2 : 1;
		nv = chunk_alloc(&cfg->mem->chunks, v->cap * sizeof(*nv));
		if (v->n > 0)
			memcpy(nv, v->v, v->n * sizeof(*nv));
		v->v = nv;
	}
	v->v[v->n++] = item;
}

struct cfg_loc
cfg_keep_loc(struct cfg_parser *p, const struct cfg_loc *loc)
{
	struct cfg_mem *m = p->cfg->mem;
	struct cfg_loc_file *f;
	struct cfg_loc r = *loc;
	size_t n;

	if (loc->file == NULL)
		return r;
	if (loc->file == p->kept_from) {
		r.file = p->kept_to;
		return r;
	}
	for (f = m->files; f != NULL; f = f->next)
		if (strcmp(f->name, loc->file) == 0)
			break;
	if (f == NULL) {
		n = strlen(loc->file) + 1;
		f = chunk_alloc(&m->chunks, sizeof(*f) + n);
		memcpy(f->name, loc->file, n);
		f->next = m->files;
		m->files = f;
	}
	p->kept_from = loc->file;
	p->kept_to = f->name;
	r.file = f->name;
	return r;
}

/* ---- origins ---- */

static size_t
origin_slot(
    const struct cfg_origins *t, const void *obj, const char *name, bool *found)
{
	uint64_t h = (uint64_t)(uintptr_t)obj * 0x9e3779b97f4a7c15ULL;
	const char *c;
	size_t i;

	for (c = name; *c != '\0'; c++)
		h = (h ^ (unsigned char)*c) * 0x100000001b3ULL;
	for (i = (size_t)(h >> 17) & (t->cap - 1);;
	     i = (i + 1) & (t->cap - 1)) {
		if (t->e[i].obj == NULL) {
			*found = false;
			return i;
		}
		if (t->e[i].obj == obj && strcmp(t->e[i].name, name) == 0) {
			*found = true;
			return i;
		}
	}
}

static void
origin_put(struct config *cfg, const void *obj, const char *name,
    const struct cfg_origin *o)
{
	struct cfg_origins *t = cfg->origins, old;
	bool found;
	size_t i, j;

	if (t->n * 2 >= t->cap) {
		old = *t;
		t->cap = old.cap ? old.cap * 2 : 256;
		t->e = calloc(t->cap, sizeof(*t->e));
		if (t->e == NULL)
			abort();
		for (j = 0; j < old.cap; j++)
			if (old.e[j].obj != NULL) {
				i = origin_slot(
				    t, old.e[j].obj, old.e[j].name, &found);
				t->e[i] = old.e[j];
			}
		free(old.e);
	}
	i = origin_slot(t, obj, name, &found);
	if (!found)
		t->n++;
	t->e[i].obj = obj;
	t->e[i].name = name;
	t->e[i].o = *o;
}

void
cfg_origin_set(struct cfg_parser *p, const void *obj, const char *name,
    const struct cfg_loc *loc)
{
	struct cfg_origin o = { .how = CFG_HOW_FILE };

	if (!keep_origins)
		return;
	o.loc = cfg_keep_loc(p, loc);
	origin_put(p->cfg, obj, name, &o);
}

void
cfg_origin_inherit(struct cfg_parser *p, const void *dst, const char *dst_name,
    const void *src, const char *src_name, const char *from)
{
	struct cfg_origin o;

	if (!keep_origins)
		return;
	o = cfg_origin_get(p->cfg, src, src_name);
	o.how = o.how == CFG_HOW_DEFAULT ? CFG_HOW_DEFAULT : CFG_HOW_INHERITED;
	o.from = from ? cfg_strdup(p->cfg, from) : NULL;
	if (o.how != CFG_HOW_DEFAULT)
		origin_put(p->cfg, dst, dst_name, &o);
}

void
cfg_origin_derived(struct cfg_parser *p, const void *obj, const char *name,
    const struct cfg_loc *loc)
{
	struct cfg_origin o = { .how = CFG_HOW_DERIVED };

	if (!keep_origins)
		return;
	if (loc != NULL)
		o.loc = cfg_keep_loc(p, loc);
	origin_put(p->cfg, obj, name, &o);
}

struct cfg_origin
cfg_origin_get(const struct config *cfg, const void *obj, const char *name)
{
	struct cfg_origin none = { .how = CFG_HOW_DEFAULT };
	bool found;
	size_t i;

	if (cfg->origins->cap == 0)
		return none;
	i = origin_slot(cfg->origins, obj, name, &found);
	return found ? cfg->origins->e[i].o : none;
}

/* ---- keywords used ---- */

static void
use_keyword(struct cfg_parser *p, const struct cfg_keyword *k)
{
	struct cfg_used *u = p->cfg->used, old;
	size_t i, j, len;
	unsigned d;
	char *path;

	if (u->n * 2 >= u->cap) {
		old = *u;
		u->cap = old.cap ? old.cap * 2 : 128;
		u->e = calloc(u->cap, sizeof(*u->e));
		if (u->e == NULL)
			abort();
		for (j = 0; j < old.cap; j++) {
			if (old.e[j].k == NULL)
				continue;
			i = ((uintptr_t)old.e[j].k >> 4) & (u->cap - 1);
			while (u->e[i].k != NULL)
				i = (i + 1) & (u->cap - 1);
			u->e[i] = old.e[j];
		}
		free(old.e);
	}
	for (i = ((uintptr_t)k >> 4) & (u->cap - 1); u->e[i].k != NULL;
	     i = (i + 1) & (u->cap - 1))
		if (u->e[i].k == k)
			return;
	len = strlen(k->name) + 1;
	for (d = 0; d < p->depth; d++)
		len += strlen(p->path[d]) + 1;
	path = chunk_alloc(&p->cfg->mem->chunks, len);
	path[0] = '\0';
	for (d = 0; d < p->depth; d++) {
		strcat(path, p->path[d]);
		strcat(path, ".");
	}
	strcat(path, k->name);
	u->e[i].k = k;
	u->e[i].path = path;
	u->e[i].owner = k->owner ? k->owner : p->owner;
	u->e[i].order = (unsigned)u->n++;
}

#define RUNNING_LISTS_MAX 8
static const char *const *running_lists[RUNNING_LISTS_MAX];

void
cfg_register_running(const char *const *paths)
{
	size_t i;

	for (i = 0; i < RUNNING_LISTS_MAX; i++) {
		if (running_lists[i] == paths)
			return;
		if (running_lists[i] == NULL) {
			running_lists[i] = paths;
			return;
		}
	}
	abort(); /* a programming error: raise RUNNING_LISTS_MAX */
}

static bool
registered_running(const char *path)
{
	const char *const *l;
	size_t i;

	for (i = 0; i < RUNNING_LISTS_MAX && running_lists[i] != NULL; i++)
		for (l = running_lists[i]; *l != NULL; l++)
			if (strcmp(*l, path) == 0)
				return true;
	return false;
}

void
cfg_foreach_unimplemented(const struct config *cfg, unsigned owner,
    void (*fn)(const char *, void *), void *arg)
{
	const struct cfg_used *u = cfg->used;

	const struct used_entry **byorder;
	size_t i;

	if (u->n == 0)
		return;
	byorder = calloc(u->n, sizeof(*byorder));
	if (byorder == NULL)
		abort();
	for (i = 0; i < u->cap; i++)
		if (u->e[i].k != NULL)
			byorder[u->e[i].order] = &u->e[i];
	/* A keyword that two processes share (a virtual server: checker
	   and IPVS) is reported by the first of them only. */
	for (i = 0; i < u->n; i++)
		if (!(byorder[i]->k->flags & CFG_F_RUNS) &&
		    (byorder[i]->owner & (~byorder[i]->owner + 1)) == owner &&
		    !registered_running(byorder[i]->path))
			fn(byorder[i]->path, arg);
	free(byorder);
}

static char *
arena_strndup(struct cfg_parser *p, const char *s, size_t n)
{
	char *r = arena_alloc(p, n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

static void
arena_free(struct cfg_parser *p)
{
	chunks_free(p->arena);
	p->arena = NULL;
	chunks_free(p->line_arena);
	p->line_arena = NULL;
}

static void *
line_alloc(struct cfg_parser *p, size_t n)
{
	return chunk_alloc(&p->line_arena, n);
}

/* Forgets the previous line's words: keeps one chunk for the next. */
static void
line_reset(struct cfg_parser *p)
{
	struct arena_chunk *c = p->line_arena;

	if (c == NULL)
		return;
	chunks_free(c->next);
	c->next = NULL;
	c->used = 0;
}

/* A copy of st in one allocation (free() it), its words included. */
static struct cfg_stmt *
stmt_dup(const struct cfg_stmt *st)
{
	size_t size = sizeof(*st) + sizeof(*st->argv) * (size_t)(st->argc + 1);
	struct cfg_stmt *c;
	char *text;
	int i;

	for (i = 0; i < st->argc; i++)
		size += strlen(st->argv[i].text) + 1;
	c = malloc(size);
	if (c == NULL)
		abort();
	*c = *st;
	c->argv = (struct cfg_token *)(c + 1);
	text = (char *)(c->argv + st->argc + 1);
	for (i = 0; i < st->argc; i++) {
		c->argv[i] = st->argv[i];
		c->argv[i].text = strcpy(text, st->argv[i].text);
		text += strlen(text) + 1;
	}
	return c;
}

/* ---- tokenizer ---- */

/*
 * Reads the next text line into p->toks, following origin markers.
 * Returns 0, or -1 at the end of the text.
 */
static int
read_line(struct cfg_parser *p)
{
	const char *s, *nl;
	size_t n;
	char *end;
	unsigned long ln;

	for (;;) {
		if (p->pos >= p->len)
			return -1;
		s = p->text + p->pos;
		nl = memchr(s, '\n', p->len - p->pos);
		n = nl ? (size_t)(nl - s) : p->len - p->pos;
		p->pos += n + (nl != NULL);
		if (n > 3 && strncmp(s, "#@ ", 3) == 0) {
			errno = 0;
			ln = strtoul(s + 3, &end, 10);
			if (errno == 0 && end < s + n && *end == ' ' &&
			    ln > 0 && ln < UINT32_MAX) {
				p->line = (unsigned)ln;
				end++;
				/* Most markers name the current file again. */
				if (strlen(p->file) != (size_t)(s + n - end) ||
				    memcmp(p->file, end,
				        (size_t)(s + n - end)) != 0)
					p->file = arena_strndup(
					    p, end, (size_t)(s + n - end));
				continue;
			}
		}
		p->ntoks = 0;
		p->tokpos = 0;
		line_reset(p);
		p->col0 = 0;
		if (n >= 2 && s[0] == CFG_INDENT_MARK) {
			if ((unsigned char)s[1] > CFG_INDENT_BASE)
				p->col0 = (unsigned char)s[1] - CFG_INDENT_BASE;
			s += 2;
			n -= 2;
		}
		if (lex_line(p, s, n) == 0 && p->ntoks > 0) {
			p->line++;
			return 0;
		}
		p->line++;
	}
}

static int
push_tok(struct cfg_parser *p, enum tok_type type, char *text, unsigned col,
    bool quoted)
{
	struct line_tok *t;

	if (p->ntoks == p->captoks) {
		p->captoks = p->captoks ? p->captoks * 2 : 32;
		p->toks = realloc(p->toks, sizeof(*p->toks) * p->captoks);
		if (p->toks == NULL)
			abort();
	}
	t = &p->toks[p->ntoks++];
	t->type = type;
	t->tok.text = text;
	t->tok.quoted = quoted;
	t->tok.loc.file = p->file;
	t->tok.loc.line = p->line;
	t->tok.loc.col = p->col0 + col;
	return 0;
}

/* The value of hex digit c. */
static unsigned
hexval(char c)
{
	return isdigit((unsigned char)c)
	    ? (unsigned)(c - '0')
	    : (unsigned)(tolower((unsigned char)c) - 'a' + 10);
}

/*
 * Decodes the escape after a backslash at s[i] (keepalived's set: \a \b \E
 * \f \n \r \t \v, \nnn octal, \xXX hex, \cC control, \C itself) into
 * *c; returns the index after it.
 */
static size_t
lex_escape(const char *s, size_t n, size_t i, char *c)
{
	static const char from[] = "abEfnrtv";
	static const char to[] = "\a\b\033\f\n\r\t\v";
	const char *e = strchr(from, s[i]);
	unsigned v = 0, k;

	if (s[i] != '\0' && e != NULL) {
		*c = to[e - from];
		return i + 1;
	}
	if (s[i] == 'x' && i + 1 < n && isxdigit((unsigned char)s[i + 1])) {
		for (i++; i < n && isxdigit((unsigned char)s[i]); i++)
			v = v * 16 + hexval(s[i]);
		*c = (char)v;
		return i;
	}
	if (s[i] == 'c' && i + 1 < n) {
		*c = (char)(toupper((unsigned char)s[i + 1]) ^ 0x40);
		return i + 2;
	}
	if (s[i] >= '0' && s[i] <= '7') {
		for (k = 0; k < 3 && i < n && s[i] >= '0' && s[i] <= '7';
		     i++, k++)
			v = v * 8 + (unsigned)(s[i] - '0');
		*c = (char)v;
		return i;
	}
	*c = s[i];
	return i + 1;
}

/*
 * Copies the quoted run starting at s[i] (a quote character) into out at
 * *o, applying escapes; returns the index after the closing quote, or
 * n + 1 when the quote is not closed.
 */
static size_t
lex_quoted(const char *s, size_t n, size_t i, char *out, size_t *o)
{
	char q = s[i++];

	while (i < n && s[i] != q) {
		if (s[i] == '\\' && i + 1 < n)
			i = lex_escape(s, n, i + 1, &out[(*o)++]);
		else
			out[(*o)++] = s[i++];
	}
	return i < n ? i + 1 : n + 1;
}

/*
 * Splits one line into words, '{' and '}'.  A word may mix quoted and
 * plain runs ('a"b c"d' is one word "ab cd").  Braces inside ${...} stay in
 * the word, so an undefined ${NAME} survives as text.
 */
static int
lex_line(struct cfg_parser *p, const char *s, size_t n)
{
	size_t i = 0, o, start, e, k;
	const char *close;
	char *buf;
	bool quoted;

	while (i < n) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
			i++;
			continue;
		}
		if (s[i] == '{' || s[i] == '}') {
			push_tok(p, s[i] == '{' ? TOK_OPEN : TOK_CLOSE,
			    s[i] == '{' ? "{" : "}", (unsigned)i + 1, false);
			i++;
			continue;
		}
		start = i;
		buf = line_alloc(p, n - i + 1);
		o = 0;
		quoted = false;
		while (i < n && s[i] != ' ' && s[i] != '\t' && s[i] != '\r' &&
		    s[i] != '{' && s[i] != '}') {
			/* A plain run at once: the text after the line is a
			   '\n' or the final NUL, where strcspn() stops. */
			k = strcspn(s + i, " \t\r\n{}\"'$");
			if (k > 0) {
				if (k > n - i)
					k = n - i;
				memcpy(buf + o, s + i, k);
				o += k;
				i += k;
				continue;
			}
			if (s[i] == '"' || s[i] == '\'') {
				quoted = true;
				i = lex_quoted(s, n, i, buf, &o);
				if (i > n) {
					struct cfg_loc loc = { p->file, p->line,
						p->col0 + (unsigned)start + 1 };
					cfg_error(p->diag, &loc,
					    "unterminated quoted string");
					return -1;
				}
			} else if (s[i] == '$' && i + 1 < n &&
			    s[i + 1] == '{' &&
			    (close = memchr(s + i, '}', n - i)) != NULL) {
				e = (size_t)(close - s);
				memcpy(buf + o, s + i, e - i + 1);
				o += e - i + 1;
				i = e + 1;
			} else
				buf[o++] = s[i++];
		}
		buf[o] = '\0';
		push_tok(p, TOK_WORD, buf, (unsigned)start + 1, quoted);
	}
	return 0;
}

/* ---- statements ---- */

static struct item
next_item(struct cfg_parser *p)
{
	struct item it = { .type = ITEM_EOF };
	struct line_tok *t;
	int first, i;

	if (p->has_pushed) {
		p->has_pushed = false;
		return p->pushed;
	}
	if (p->tokpos >= p->ntoks && read_line(p) < 0)
		return it;
	t = &p->toks[p->tokpos];
	if (t->type == TOK_CLOSE) {
		p->tokpos++;
		it.type = ITEM_CLOSE;
		it.loc = t->tok.loc;
		return it;
	}
	it.type = ITEM_STMT;
	first = p->tokpos;
	while (p->tokpos < p->ntoks && p->toks[p->tokpos].type == TOK_WORD)
		p->tokpos++;
	it.stmt.argc = p->tokpos - first;
	it.stmt.argv = line_alloc(
	    p, sizeof(struct cfg_token) * (size_t)(it.stmt.argc + 1));
	for (i = 0; i < it.stmt.argc; i++)
		it.stmt.argv[i] = p->toks[first + i].tok;
	if (it.stmt.argc == 0)
		it.stmt.argv[0] = p->toks[first].tok; /* the '{', for its loc */
	if (p->tokpos < p->ntoks && p->toks[p->tokpos].type == TOK_OPEN) {
		it.stmt.opens_block = true;
		p->tokpos++;
	}
	return it;
}

/* Consumes items up to and including the '}' matching an opened block. */
static void
skip_block(struct cfg_parser *p)
{
	unsigned depth = 1;
	struct item it;

	while (depth > 0) {
		it = next_item(p);
		if (it.type == ITEM_EOF)
			return;
		if (it.type == ITEM_CLOSE)
			depth--;
		else if (it.stmt.opens_block)
			depth++;
	}
}

/*
 * A block keyword whose line has no '{' may have it alone on the next
 * line.  Returns 0 when a block follows, else reports and returns -1.
 */
static int
want_block(struct cfg_parser *p, struct cfg_stmt *st)
{
	struct item it;

	if (st->opens_block)
		return 0;
	it = next_item(p);
	if (it.type == ITEM_STMT && it.stmt.argc == 0 && it.stmt.opens_block) {
		st->opens_block = true;
		return 0;
	}
	p->pushed = it;
	p->has_pushed = true;
	cfg_perror(p, &st->argv[0].loc, "'%s' expects a block: '{' missing",
	    st->argv[0].text);
	return -1;
}

static const struct cfg_keyword *
find_keyword(const struct cfg_block *b, const char *name)
{
	const struct cfg_keyword *k;

	if (b->keywords == NULL)
		return NULL;
	/* The first letter rules out most of a table cheaply. */
	for (k = b->keywords; k->name != NULL; k++)
		if (k->name[0] == name[0] && strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

static void
unknown_keyword(
    struct cfg_parser *p, const struct cfg_block *b, const struct cfg_token *t)
{
	const char *names[512];
	const struct cfg_keyword *k;
	const char *best;
	size_t n = 0, i;

	if (b == &top_block) {
		for (i = 0; cfg_not_yet_sections[i] != NULL; i++)
			if (strcmp(cfg_not_yet_sections[i], t->text) == 0) {
				cfg_perror(p, &t->loc,
				    "section '%s' is not supported yet",
				    t->text);
				return;
			}
		for (i = 0; cfg_not_yet_sections[i] != NULL && n < 256; i++)
			names[n++] = cfg_not_yet_sections[i];
	}
	for (k = b->keywords; k != NULL && k->name != NULL && n < 511; k++)
		names[n++] = k->name;
	names[n] = NULL;
	best = cfg_suggest(t->text, names);
	if (best != NULL)
		cfg_perror(p, &t->loc,
		    "unknown keyword '%s' in %s; did you "
		    "mean '%s'?",
		    t->text, b->name, best);
	else
		cfg_perror(
		    p, &t->loc, "unknown keyword '%s' in %s", t->text, b->name);
}

/*
 * Parses the statements of one block into obj, up to its '}' (or the end
 * of the text at the top level).
 */
static void
parse_block(struct cfg_parser *p, const struct cfg_block *b, void *obj,
    const struct cfg_token *opener)
{
	const struct cfg_keyword *seen[256];
	size_t nseen = 0;
	struct item it;

	for (;;) {
		it = next_item(p);
		if (it.type == ITEM_EOF) {
			if (opener != NULL)
				cfg_perror(p, &opener->loc,
				    "missing '}' to "
				    "close '%s'",
				    opener->text);
			return;
		}
		if (it.type == ITEM_CLOSE) {
			if (opener != NULL)
				return;
			cfg_perror(p, &it.loc,
			    "unexpected '}': no block is "
			    "open");
			continue;
		}
		if (it.stmt.argc == 0) {
			cfg_perror(p, &it.stmt.argv[0].loc,
			    "unexpected '{': "
			    "a block must follow a keyword");
			skip_block(p);
			continue;
		}
		if (b->keywords == NULL) {
			if (it.stmt.opens_block) {
				cfg_perror(p, &it.stmt.argv[0].loc,
				    "unexpected "
				    "'{' in the list %s",
				    b->name);
				skip_block(p);
			} else if (b->item != NULL)
				b->item(p, &it.stmt, obj);
			continue;
		}
		parse_stmt(p, b, obj, &it.stmt, seen, &nseen);
	}
}

static void
parse_stmt(struct cfg_parser *p, const struct cfg_block *b, void *obj,
    struct cfg_stmt *st, const struct cfg_keyword **seen, size_t *nseen)
{
	const struct cfg_keyword *k;
	const struct cfg_token *kw = &st->argv[0];
	size_t i;

	k = find_keyword(b, kw->text);
	if (k == NULL || k->kind == CFG_UNSUPPORTED) {
		if (k == NULL)
			unknown_keyword(p, b, kw);
		else
			cfg_perror(p, &kw->loc, "%s '%s' is not supported yet",
			    b == &top_block ? "section" : "keyword", kw->text);
		if (st->opens_block)
			skip_block(p);
		return;
	}
	if (!(k->flags & CFG_F_REPEAT)) {
		for (i = 0; i < *nseen; i++)
			if (seen[i] == k)
				cfg_pwarning(p, &kw->loc,
				    "'%s' is given again "
				    "in %s; the last one wins",
				    k->name, b->name);
		if (*nseen < 256)
			seen[(*nseen)++] = k;
	}
	if (b == &top_block) {
		p->cfg->present |= top_owners[k - top_keywords];
		p->owner = top_owners[k - top_keywords];
	}
	use_keyword(p, k);
	if (k->kind != CFG_BLOCK) {
		if (st->opens_block) {
			cfg_perror(
			    p, &kw->loc, "'%s' does not take a block", k->name);
			skip_block(p);
			return;
		}
		if (store_value(p, k, st, obj) == 0)
			cfg_origin_set(p, obj, k->name, &kw->loc);
		return;
	}
	/* The block's lines will reuse the memory of this one. */
	st = stmt_dup(st);
	parse_sub_block(p, k, st, obj);
	free(st);
}

/* A block keyword's statement st (a copy that outlives its line). */
static void
parse_sub_block(struct cfg_parser *p, const struct cfg_keyword *k,
    struct cfg_stmt *st, void *obj)
{
	const struct cfg_token *kw = &st->argv[0];
	void *sub;

	if (want_block(p, st) < 0)
		return;
	if (p->depth >= MAX_DEPTH) {
		cfg_perror(p, &kw->loc, "blocks nested too deeply");
		skip_block(p);
		return;
	}
	sub = k->block->enter ? k->block->enter(p, st, obj)
	                      : (char *)obj + k->off;
	if (sub == NULL) {
		skip_block(p);
		return;
	}
	cfg_origin_set(p, obj, k->name, &kw->loc);
	p->path[p->depth++] = k->name;
	parse_block(p, k->block, sub, kw);
	p->depth--;
	if (k->block->leave != NULL)
		k->block->leave(p, st, sub);
}

static int
store_value(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *obj)
{
	char *field = (char *)obj + k->off;
	const char *const *nm;
	const char *usage = k->usage ? k->usage : "";
	int64_t iv;
	uint64_t tv;

	switch (k->kind) {
	case CFG_FLAG:
		if (cfg_want_args(p, st, 0, 0, "") < 0)
			return -1;
		*(bool *)field = true;
		return 0;
	case CFG_BOOL:
		if (cfg_want_args(p, st, 0, 1, "[<BOOL>]") < 0)
			return -1;
		if (st->argc == 1) {
			*(bool *)field = true;
			return 0;
		}
		return cfg_get_bool(p, &st->argv[1], (bool *)field);
	case CFG_INT:
		if (cfg_want_args(p, st, 1, 1, usage) < 0 ||
		    cfg_get_int(p, &st->argv[1], k->min, k->max, &iv) < 0)
			return -1;
		memcpy(field, &iv, sizeof(iv));
		return 0;
	case CFG_TIMER:
		if (cfg_want_args(p, st, 1, 1, usage) < 0 ||
		    cfg_get_timer(p, &st->argv[1], (uint64_t)k->min,
		        (uint64_t)k->max, &tv) < 0)
			return -1;
		memcpy(field, &tv, sizeof(tv));
		return 0;
	case CFG_STR:
		if (cfg_want_args(p, st, 1, 1, usage) < 0)
			return -1;
		return cfg_get_str(p, &st->argv[1], field, (size_t)k->max);
	case CFG_ENUM:
		if (cfg_want_args(p, st, 1, 1, usage) < 0)
			return -1;
		for (nm = k->names; *nm != NULL; nm++)
			if (strcmp(*nm, st->argv[1].text) == 0) {
				*(int *)field = (int)(nm - k->names);
				return 0;
			}
		cfg_perror(p, &st->argv[1].loc,
		    "invalid value '%s' for '%s': "
		    "expected %s",
		    st->argv[1].text, k->name, usage);
		return -1;
	case CFG_ADDR:
		if (cfg_want_args(p, st, 1, 1, usage) < 0)
			return -1;
		return cfg_get_addr(p, &st->argv[1], (struct cfg_addr *)field);
	case CFG_CUSTOM:
		return k->fn(p, k, st, obj);
	case CFG_BLOCK:
	case CFG_UNSUPPORTED:
		break;
	}
	return -1;
}

/* ---- entry points ---- */

struct config *
cfg_parse_text(const char *text, size_t len, struct cfg_diag *diag)
{
	char *copy = malloc(len + 1);

	if (copy == NULL)
		abort();
	memcpy(copy, text, len);
	copy[len] = '\0';
	return parse_owned(copy, len, diag);
}

/* Parses text (malloc'd, NUL-terminated), which the model takes. */
static struct config *
parse_owned(char *text, size_t len, struct cfg_diag *diag)
{
	struct cfg_parser p;
	struct config *cfg;
	unsigned errors = diag->nerrors;

	int m;

	cfg = calloc(1, sizeof(*cfg));
	if (cfg == NULL)
		abort();
	cfg->mem = calloc(1, sizeof(*cfg->mem));
	cfg->origins = calloc(1, sizeof(*cfg->origins));
	cfg->used = calloc(1, sizeof(*cfg->used));
	if (cfg->mem == NULL || cfg->origins == NULL || cfg->used == NULL)
		abort();
	global_conf_defaults(&cfg->global);
	for (m = 0; m < CFG_NMODELS; m++) {
		if (model_ops[m].size == 0)
			continue;
		cfg->model[m] = cfg_alloc(cfg, model_ops[m].size);
		if (model_ops[m].init != NULL)
			model_ops[m].init(cfg, cfg->model[m]);
	}
	memset(&p, 0, sizeof(p));
	p.diag = diag;
	p.cfg = cfg;
	p.text = text;
	p.len = len;
	p.file = "<config>";
	p.line = 1;
	p.ifsock = -1;
	parse_block(&p, &top_block, cfg, NULL);
	if (diag->nerrors == errors)
		run_validators(&p);
	free(p.ifs);
	if (p.ifsock >= 0)
		close(p.ifsock);
	arena_free(&p);
	free(p.toks);
	if (diag->nerrors > errors) {
		free(text);
		cfg_free(cfg);
		return NULL;
	}
	cfg->text = text;
	cfg->textlen = len;
	return cfg;
}

struct config *
cfg_load(
    const char *path, const struct cfg_pre_opts *opts, struct cfg_diag *diag)
{
	char *text;
	size_t len;

	if (cfg_resolve_file(path, opts, diag, &text, &len) < 0)
		return NULL;
	return parse_owned(text, len, diag);
}

/* Cross-section checks, once the whole file has been read. */
static void
run_validators(struct cfg_parser *p)
{
	int m;

	global_conf_validate(p, p->cfg);
	for (m = 0; m < CFG_NMODELS; m++)
		if (model_ops[m].validate != NULL && p->cfg->model[m] != NULL)
			model_ops[m].validate(p, p->cfg, p->cfg->model[m]);
}

void
cfg_free(struct config *cfg)
{
	if (cfg == NULL)
		return;
	free(cfg->text);
	chunks_free(cfg->mem->chunks);
	free(cfg->mem);
	free(cfg->origins->e);
	free(cfg->origins);
	free(cfg->used->e);
	free(cfg->used);
	free(cfg);
}

/* ---- reporting and value helpers ---- */

void
cfg_perror(
    struct cfg_parser *p, const struct cfg_loc *loc, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	cfg_error(p->diag, loc, "%s", buf);
}

void
cfg_pwarning(
    struct cfg_parser *p, const struct cfg_loc *loc, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	cfg_warning(p->diag, loc, "%s", buf);
}

int
cfg_want_args(struct cfg_parser *p, const struct cfg_stmt *st, int min, int max,
    const char *usage)
{
	int n = st->argc - 1;

	if (n < min) {
		cfg_perror(p, &st->argv[0].loc,
		    "'%s' is missing its argument: "
		    "expected '%s %s'",
		    st->argv[0].text, st->argv[0].text, usage);
		return -1;
	}
	if (max >= 0 && n > max) {
		if (max == 0)
			cfg_perror(p, &st->argv[max + 1].loc,
			    "unexpected '%s': "
			    "'%s' takes no argument",
			    st->argv[max + 1].text, st->argv[0].text);
		else
			cfg_perror(p, &st->argv[max + 1].loc,
			    "unexpected '%s': "
			    "expected '%s %s'",
			    st->argv[max + 1].text, st->argv[0].text, usage);
		return -1;
	}
	return 0;
}

int
cfg_get_int(struct cfg_parser *p, const struct cfg_token *t, int64_t min,
    int64_t max, int64_t *out)
{
	return cfg_get_int_for(p, NULL, t, min, max, out);
}

int
cfg_get_int_for(struct cfg_parser *p, const char *name,
    const struct cfg_token *t, int64_t min, int64_t max, int64_t *out)
{
	long long v;
	char *end;

	errno = 0;
	v = strtoll(t->text, &end, 10);
	if (t->text[0] == '\0' || *end != '\0' || errno != 0 || v < min ||
	    v > max) {
		if (name != NULL)
			cfg_perror(p, &t->loc,
			    "invalid value '%s' for '%s': expected an integer "
			    "from %" PRId64 " to %" PRId64,
			    t->text, name, min, max);
		else
			cfg_perror(p, &t->loc,
			    "invalid value '%s': expected an integer "
			    "from %" PRId64 " to %" PRId64,
			    t->text, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

/* Seconds with up to six decimals ("1", "0.05", "2.71828") to usec. */
int
cfg_get_timer(struct cfg_parser *p, const struct cfg_token *t, uint64_t min_us,
    uint64_t max_us, uint64_t *out_us)
{
	const char *s = t->text;
	uint64_t v = 0, frac = 0;
	int digits = 0, fd = 0;

	for (; isdigit((unsigned char)*s) && v <= UINT64_MAX / 100;
	     s++, digits++)
		v = v * 10 + (uint64_t)(*s - '0');
	if (*s == '.')
		for (s++; isdigit((unsigned char)*s); s++, fd++)
			if (fd < 6)
				frac = frac * 10 + (uint64_t)(*s - '0');
	for (; fd < 6; fd++)
		frac *= 10;
	if (digits == 0 || *s != '\0' || v > UINT64_MAX / 1000000 ||
	    v * 1000000 + frac < min_us || v * 1000000 + frac > max_us) {
		cfg_perror(p, &t->loc,
		    "invalid value '%s': expected a time in "
		    "seconds from %" PRIu64 ".%06" PRIu64 " to %" PRIu64
		    ".%06" PRIu64,
		    t->text, min_us / 1000000, min_us % 1000000,
		    max_us / 1000000, max_us % 1000000);
		return -1;
	}
	*out_us = v * 1000000 + frac;
	return 0;
}

int
cfg_get_bool(struct cfg_parser *p, const struct cfg_token *t, bool *out)
{
	static const char *const yes[] = { "on", "true", "yes", NULL };
	static const char *const no[] = { "off", "false", "no", NULL };
	int i;

	for (i = 0; yes[i] != NULL; i++) {
		if (strcasecmp(t->text, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(t->text, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	cfg_perror(p, &t->loc,
	    "invalid value '%s': expected one of on, off, "
	    "true, false, yes, no",
	    t->text);
	return -1;
}

int
cfg_get_addr(
    struct cfg_parser *p, const struct cfg_token *t, struct cfg_addr *out)
{
	struct cfg_addr a;

	memset(&a, 0, sizeof(a));
	if (inet_pton(AF_INET, t->text, a.u.v4) == 1)
		a.family = AF_INET;
	else if (inet_pton(AF_INET6, t->text, a.u.v6) == 1)
		a.family = AF_INET6;
	else {
		cfg_perror(p, &t->loc,
		    "invalid address '%s': expected an IPv4 "
		    "or IPv6 address",
		    t->text);
		return -1;
	}
	*out = a;
	return 0;
}

int
cfg_addr_cmp(const struct cfg_addr *a, const struct cfg_addr *b)
{
	if (a->family != b->family)
		return a->family < b->family ? -1 : 1;
	if (a->family == AF_UNSPEC)
		return 0;
	return memcmp(&a->u, &b->u, a->family == AF_INET ? 4 : 16);
}

const char *
cfg_addr_str(
    const struct cfg_addr *a, const char *unset, char *buf, size_t size)
{
	if (a->family == AF_UNSPEC ||
	    inet_ntop(a->family, &a->u, buf, (socklen_t)size) == NULL)
		snprintf(buf, size, "%s", unset);
	return buf;
}

int
cfg_get_str(
    struct cfg_parser *p, const struct cfg_token *t, char *buf, size_t size)
{
	size_t n = strlen(t->text);

	if (n >= size) {
		cfg_perror(p, &t->loc,
		    "value too long: %zu characters, at "
		    "most %zu allowed",
		    n, size - 1);
		return -1;
	}
	memcpy(buf, t->text, n + 1);
	return 0;
}

/* ---- suggestions ---- */

unsigned
cfg_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	unsigned row[64], prev, tmp, best;

	if (lb >= 64 || la >= 64)
		return 64;
	for (j = 0; j <= lb; j++)
		row[j] = (unsigned)j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = (unsigned)i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	return row[lb];
}

const char *
cfg_suggest(const char *word, const char *const *names)
{
	const char *best = NULL;
	size_t wl = strlen(word), nl;
	unsigned d, bestd, limit;

	limit = (unsigned)wl / 3;
	if (limit < 2)
		limit = 2;
	bestd = limit + 1;
	for (; *names != NULL; names++) {
		/* The distance is at least the difference of the lengths. */
		nl = strlen(*names);
		if ((nl > wl ? nl - wl : wl - nl) >= bestd)
			continue;
		d = cfg_edit_distance(word, *names);
		if (d < bestd) {
			bestd = d;
			best = *names;
		}
	}
	return best;
}

/* ---- -d ---- */

/* "  # file:line" and friends, after a value. */
static void
print_origin(FILE *f, const struct cfg_origin *o)
{
	switch (o->how) {
	case CFG_HOW_DEFAULT:
		fputs("# default", f);
		break;
	case CFG_HOW_FILE:
		fprintf(f, "# %s:%u", o->loc.file, o->loc.line);
		break;
	case CFG_HOW_INHERITED:
		fprintf(f, "# inherited from %s, %s:%u",
		    o->from ? o->from : "the enclosing block", o->loc.file,
		    o->loc.line);
		break;
	case CFG_HOW_DERIVED:
		if (o->loc.file != NULL)
			fprintf(
			    f, "# derived, %s:%u", o->loc.file, o->loc.line);
		else
			fputs("# derived", f);
		break;
	}
}

/* Copies the lines in buf to f, each followed by the origin of
   (obj, name). */
static void
dump_annotated(
    FILE *f, const char *buf, size_t len, const void *obj, const char *name)
{
	struct cfg_origin o = { .how = CFG_HOW_DEFAULT };
	const char *s = buf, *nl;
	size_t n;

	/* Without origins every value would claim to be a default. */
	if (!keep_origins) {
		fwrite(buf, 1, len, f);
		return;
	}
	if (dump_cfg != NULL)
		o = cfg_origin_get(dump_cfg, obj, name);
	while (s < buf + len) {
		nl = memchr(s, '\n', (size_t)(buf + len - s));
		n = nl ? (size_t)(nl - s) : (size_t)(buf + len - s);
		fprintf(
		    f, "%.*s%*s", (int)n, s, n < 48 ? (int)(48 - n) : 1, "");
		print_origin(f, &o);
		fputc('\n', f);
		s += n + 1;
	}
}

static void
dump_keyword(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *mf;

	if (k->flags & CFG_F_NODUMP)
		return;
	if (k->kind == CFG_BLOCK) {
		dump_value(f, k, obj, indent);
		return;
	}
	/* Print the value aside, then each of its lines with its origin. */
	mf = open_memstream(&buf, &len);
	if (mf == NULL) {
		dump_value(f, k, obj, indent);
		return;
	}
	dump_value(mf, k, obj, indent);
	fclose(mf);
	dump_annotated(f, buf, len, obj, k->name);
	free(buf);
}

static void
dump_value(FILE *f, const struct cfg_keyword *k, const void *obj, int indent)
{
	const char *field = (const char *)obj + k->off;
	char abuf[INET6_ADDRSTRLEN];
	const struct cfg_addr *a;
	int64_t iv;
	uint64_t tv;

	if (k->dump != NULL) {
		k->dump(f, k, obj, indent);
		return;
	}
	switch (k->kind) {
	case CFG_FLAG:
		/* A flag has no "off" spelling: print it only when set. */
		if (*(const bool *)field)
			fprintf(f, "%*s%s\n", indent, "", k->name);
		break;
	case CFG_BOOL:
		fprintf(f, "%*s%s %s\n", indent, "", k->name,
		    *(const bool *)field ? "true" : "false");
		break;
	case CFG_INT:
		memcpy(&iv, field, sizeof(iv));
		fprintf(f, "%*s%s %" PRId64 "\n", indent, "", k->name, iv);
		break;
	case CFG_TIMER:
		memcpy(&tv, field, sizeof(tv));
		fprintf(f, "%*s%s %" PRIu64 ".%06" PRIu64 "\n", indent, "",
		    k->name, tv / 1000000, tv % 1000000);
		break;
	case CFG_STR:
		if (field[0] != '\0')
			fprintf(f, "%*s%s %s\n", indent, "", k->name, field);
		break;
	case CFG_ENUM:
		fprintf(f, "%*s%s %s\n", indent, "", k->name,
		    k->names[*(const int *)field]);
		break;
	case CFG_ADDR:
		a = (const struct cfg_addr *)field;
		if (a->family != AF_UNSPEC &&
		    inet_ntop(a->family, &a->u, abuf, sizeof(abuf)) != NULL)
			fprintf(f, "%*s%s %s\n", indent, "", k->name, abuf);
		break;
	case CFG_BLOCK:
		cfg_dump_object(f, k->block, k->name, field, indent);
		break;
	case CFG_CUSTOM:
	case CFG_UNSUPPORTED:
		break;
	}
}

void
cfg_dump_block(FILE *f, const struct cfg_block *b, const void *obj, int indent)
{
	const struct cfg_keyword *k;

	if (b->keywords == NULL) {
		if (b->dump != NULL)
			b->dump(f, obj, indent);
		return;
	}
	for (k = b->keywords; k->name != NULL; k++)
		dump_keyword(f, k, obj, indent);
}

void
cfg_dump_object(FILE *f, const struct cfg_block *b, const char *header,
    const void *obj, int indent)
{
	fprintf(f, "%*s%s {\n", indent, "", header);
	cfg_dump_block(f, b, obj, indent + 4);
	fprintf(f, "%*s}\n", indent, "");
}

void
cfg_dump_line(FILE *f, int indent, const void *obj, const char *name,
    const char *fmt, ...)
{
	char *buf = NULL;
	size_t len = 0;
	va_list ap;
	FILE *mf;

	mf = open_memstream(&buf, &len);
	if (mf == NULL)
		abort();
	fprintf(mf, "%*s", indent, "");
	va_start(ap, fmt);
	vfprintf(mf, fmt, ap);
	va_end(ap);
	fputc('\n', mf);
	fclose(mf);
	dump_annotated(f, buf, len, obj, name);
	free(buf);
}

void
cfg_dump(FILE *f, const struct config *cfg)
{
	dump_cfg = cfg;
	cfg_dump_block(f, &top_block, cfg, 0);
	dump_cfg = NULL;
}

/* One line per keyword, depth first; blocks reached twice (shared by
   several keywords) are listed under each. */
static void
list_block(FILE *f, const struct cfg_block *b, const char *prefix, int depth)
{
	const struct cfg_keyword *k;
	char path[512];

	if (b->keywords == NULL || depth > 8)
		return;
	for (k = b->keywords; k->name != NULL; k++) {
		snprintf(path, sizeof(path), "%s%s%s", prefix,
		    prefix[0] ? "." : "", k->name);
		fprintf(f, "%s\t%s\n", path, k->usage ? k->usage : "");
		if (k->kind == CFG_BLOCK && k->block != NULL)
			list_block(f, k->block, path, depth + 1);
	}
}

void
cfg_list_keywords(FILE *f)
{
	list_block(f, &top_block, "", 0);
}
