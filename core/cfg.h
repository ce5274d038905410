/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cfg.h: the keepalived.conf language: preprocessor, parser, keyword tables. */

#ifndef VIGIL_CFG_H
#define VIGIL_CFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Reading a configuration happens in two stages.
 *
 * 1. The preprocessor (cfg_pre.c) reads the main file and every include,
 *    strips comments, applies @conditional lines, $NAME=value definitions,
 *    ${NAME} substitution and ~SEQ/~LST generators, and produces one
 *    "resolved text".  Every line of that text is a plain statement line.
 *    Where a line's origin is not the line after the previous one's, the
 *    preprocessor first emits an origin marker line
 *
 *	#@ <LINE> <FILE>\n
 *
 *    (LINE in decimal, FILE to the end of the line), so the resolved text
 *    carries its own map back to file:line.  The parent validates this text
 *    and hands the very same bytes to each child.
 *
 * 2. The parser (cfg_parse.c) tokenizes the resolved text and walks it with
 *    per-block keyword tables, filling the model.  In resolved text '#' and
 *    '!' are ordinary characters (comments are already gone), except that a
 *    line starting "#@ " is an origin marker.
 */

/* Longest file name kept in a location; longer names are truncated. */
#define CFG_PATH_MAX 256

struct cfg_loc {
	const char *file; /* owned by the diagnostics or parser */
	unsigned line; /* 1-based; 0 when unknown */
	unsigned col; /* 1-based; 0 when unknown */
};

/*
 * Diagnostics: every error and warning is one formatted line
 * "FILE:LINE:COL: error: MESSAGE" (or "warning:").  A load fails when it
 * collected any error.
 */
struct cfg_diag {
	char **lines;
	size_t n, cap;
	unsigned nerrors;
	unsigned nwarnings;
	unsigned
	    max_lines; /* 0: default of 100; later lines are counted only */
};

void cfg_diag_init(struct cfg_diag *);
void cfg_diag_free(struct cfg_diag *);
void cfg_error(struct cfg_diag *, const struct cfg_loc *, const char *, ...)
    __attribute__((format(printf, 3, 4)));
void cfg_warning(struct cfg_diag *, const struct cfg_loc *, const char *, ...)
    __attribute__((format(printf, 3, 4)));
/* Writes every collected line, then "N errors, M warnings" if any. */
void cfg_diag_print(const struct cfg_diag *, FILE *);

/* ---- preprocessor (cfg_pre.c) ---- */

/* What an include does when its pattern matches nothing or a file fails. */
enum cfg_include_check {
	CFG_INC_READABLE = 1 << 0, /* a matched file must be readable */
	CFG_INC_MATCH = 1 << 1, /* a plain path must exist */
	CFG_INC_WILDCARD = 1 << 2, /* a wildcard pattern must match */
	CFG_INC_BRACE = 1 << 3, /* each brace alternative must match */
	CFG_INC_ALL = 0xf,
};

struct cfg_pre_opts {
	const char *config_id; /* for @id lines; NULL: short host name */
	bool all_config; /* -e: every include check is an error */
	bool no_includes; /* an include is an error (fuzzing) */
	unsigned max_lines; /* 0: default limit of 10,000,000 lines */
};

/*
 * Resolve the file at path (or the buffer, named name for messages, whose
 * relative includes are taken from the current directory) into resolved
 * text.  Returns 0 and sets *out (malloc'd, NUL-terminated) and *outlen,
 * or returns -1 with the reasons in diag.  Warnings may be added either
 * way.
 */
int cfg_resolve_file(const char *path, const struct cfg_pre_opts *,
    struct cfg_diag *, char **out, size_t *outlen);
int cfg_resolve_buffer(const char *name, const char *buf, size_t len,
    const struct cfg_pre_opts *, struct cfg_diag *, char **out, size_t *outlen);

/* ---- tokens and statements (cfg_parse.c) ---- */

struct cfg_token {
	char *text; /* unquoted, escapes applied */
	struct cfg_loc loc;
	bool quoted;
};

/*
 * One statement: the words of one line up to a '{', '}' or the end of the
 * line.  argv[0] is the keyword.  opens_block is set when the statement
 * ends with '{'.
 */
struct cfg_stmt {
	struct cfg_token *argv;
	int argc;
	bool opens_block;
};

struct cfg_parser;
struct cfg_block;

enum cfg_kind {
	CFG_FLAG, /* no argument; sets the bool at off to true */
	CFG_BOOL, /* optional <BOOL> (default true) into the bool at off */
	CFG_INT, /* integer in [min, max] into the int64_t at off */
	CFG_TIMER, /* seconds, fraction allowed, into the uint64_t (usec) at
		       off; min and max are in microseconds */
	CFG_STR, /* one word into the char array at off, of size max */
	CFG_ENUM, /* one of names[] (NULL-ended); its index into the int
		       at off */
	CFG_ADDR, /* an IPv4 or IPv6 address into the struct cfg_addr at
		       off */
	CFG_CUSTOM, /* fn does everything */
	CFG_BLOCK, /* opens block; for -d, the block's object is at off
		       inside the enclosing object (or .dump prints it) */
	CFG_UNSUPPORTED, /* known keyword or section not supported yet */
};

/* A parsed address (no port). */
struct cfg_addr {
	int family; /* AF_UNSPEC when not set */
	union {
		uint8_t v4[4];
		uint8_t v6[16];
	} u;
};

typedef int (*cfg_fn)(struct cfg_parser *, const struct cfg_stmt *, void *obj);

struct cfg_keyword {
	const char *name;
	enum cfg_kind kind;
	size_t off;
	int64_t min, max;
	const char *const *names; /* CFG_ENUM */
	cfg_fn fn; /* CFG_CUSTOM */
	const struct cfg_block *block; /* CFG_BLOCK */
	const char *usage; /* argument syntax, for messages and the man page */
	unsigned flags;
	/* Prints the value for -d (any kind; CFG_CUSTOM without one prints
	   nothing).  obj is the enclosing object, as for fn. */
	void (*dump)(FILE *, const void *obj, int indent);
};

/* May appear more than once; without it a repeat warns and the last wins,
   as in keepalived. */
#define CFG_F_REPEAT 0x1
#define CFG_F_NODUMP 0x2 /* not printed by -d */

/* End of a keyword table. */
#define CFG_KW_END \
	{ \
		.name = NULL \
	}

/*
 * A block's keywords.  enter() returns the object the keywords fill (for a
 * section, obj is the struct config; for a nested block, the enclosing
 * block's object); NULL from enter() means the statement was wrong and an
 * error was reported, and the block is skipped.  leave(), if set, validates
 * the finished object and returns -1 after reporting an error; st is the
 * statement that opened the block, for the error's location.
 */
struct cfg_block {
	const char *name;
	const struct cfg_keyword *keywords;
	void *(*enter)(struct cfg_parser *, const struct cfg_stmt *, void *obj);
	int (*leave)(struct cfg_parser *, const struct cfg_stmt *st, void *obj);
	/*
	 * A list block (keywords NULL): item() is called with each statement
	 * of the block, argv[0] being the first word of the line, and the
	 * object enter() returned.
	 */
	cfg_fn item;
	/* A list block's -d printer. */
	void (*dump)(FILE *, const void *obj, int indent);
};

/* Which child process runs a section; a bit of struct config.present. */
enum cfg_owner {
	CFG_OWNER_PARENT = 0,
	CFG_OWNER_VRRP = 1 << 0,
	CFG_OWNER_CHECK = 1 << 1,
	CFG_OWNER_IPVS = 1 << 2,
};

/* A top-level section (or top-level keyword) and who owns it. */
struct cfg_section {
	struct cfg_keyword kw; /* kind CFG_BLOCK, or a plain keyword */
	unsigned owner; /* enum cfg_owner bits */
};

/* ---- the model ---- */

#include "cfg_global.h"

struct config {
	struct global_conf global;
	unsigned present; /* enum cfg_owner bits of the sections seen */
	char *text; /* resolved text this model was parsed from */
	size_t textlen;
};

/*
 * Sections are registered once at start by each subsystem, before any
 * parse.  The core registers global_defs and the top-level global keywords.
 */
void cfg_register(const struct cfg_section *, size_t n);
void cfg_register_core(void);

/*
 * Parse resolved text into a fresh model.  Returns the model, or NULL with
 * the reasons in diag.  The model takes a copy of the text.
 */
struct config *cfg_parse_text(const char *text, size_t len, struct cfg_diag *);
/* Preprocess + parse.  NULL on any error. */
struct config *
cfg_load(const char *path, const struct cfg_pre_opts *, struct cfg_diag *);
void cfg_free(struct config *);
/* -d: print the model, one "keyword value" line per setting. */
void cfg_dump(FILE *, const struct config *);
void
cfg_dump_block(FILE *, const struct cfg_block *, const void *obj, int indent);

/* For keyword handlers: report and helpers. */
void cfg_perror(struct cfg_parser *, const struct cfg_loc *, const char *, ...)
    __attribute__((format(printf, 3, 4)));
void cfg_pwarning(struct cfg_parser *, const struct cfg_loc *, const char *,
    ...) __attribute__((format(printf, 3, 4)));
/* Checks argc is in [min, max] (max < 0: no limit), else reports. */
int cfg_want_args(struct cfg_parser *, const struct cfg_stmt *, int min,
    int max, const char *usage);
/* Value parsers: 0 on success, else -1 after reporting at tok->loc. */
int cfg_get_int(struct cfg_parser *, const struct cfg_token *, int64_t min,
    int64_t max, int64_t *out);
int cfg_get_timer(struct cfg_parser *, const struct cfg_token *,
    uint64_t min_us, uint64_t max_us, uint64_t *out_us);
int cfg_get_bool(struct cfg_parser *, const struct cfg_token *, bool *out);
int cfg_get_addr(
    struct cfg_parser *, const struct cfg_token *, struct cfg_addr *out);
int cfg_get_str(
    struct cfg_parser *, const struct cfg_token *, char *buf, size_t size);

/* Edit distance, for "did you mean" suggestions. */
unsigned cfg_edit_distance(const char *, const char *);
/* The nearest of names (NULL-ended array of keyword names), or NULL. */
const char *cfg_suggest(const char *word, const char *const *names);

#endif
