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
 *    carries its own map back to file:line.  A line indented by N (2 to
 *    CFG_INDENT_MAX) blanks starts instead with two bytes, CFG_INDENT_MARK
 *    and CFG_INDENT_BASE + N, so that the text is smaller (indentation is
 *    a third of a large file) while columns stay exact.  The parent
 *    validates this text and hands the very same bytes to each child.
 *
 * 2. The parser (cfg_parse.c) tokenizes the resolved text and walks it with
 *    per-block keyword tables, filling the model.  In resolved text '#' and
 *    '!' are ordinary characters (comments are already gone), except that a
 *    line starting "#@ " is an origin marker.
 */

/* Indentation in resolved text: mark, then base + width. */
#define CFG_INDENT_MARK '\037'
#define CFG_INDENT_BASE 0x20
#define CFG_INDENT_MAX 94

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
	unsigned nsecurity; /* errors that are script security refusals */
	bool no_config; /* the main file could not be read */
	unsigned
	    max_lines; /* 0: default of 100; later lines are counted only */
};

void cfg_diag_init(struct cfg_diag *);
void cfg_diag_free(struct cfg_diag *);
void cfg_error(struct cfg_diag *, const struct cfg_loc *, const char *, ...)
    __attribute__((format(printf, 3, 4)));
void cfg_warning(struct cfg_diag *, const struct cfg_loc *, const char *, ...)
    __attribute__((format(printf, 3, 4)));
/* An error that is a script security refusal (counted in both). */
void cfg_security_error(struct cfg_diag *, const struct cfg_loc *, const char *,
    ...) __attribute__((format(printf, 3, 4)));
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

struct cfg_keyword;

/* For callbacks that do not need every parameter of their signature. */
#define CFG_UNUSED __attribute__((unused))

/* A custom keyword's handler: k is its own table entry (for k->arg,
   k->off, k->name), obj the enclosing block's object. */
typedef int (*cfg_fn)(struct cfg_parser *, const struct cfg_keyword *k,
    const struct cfg_stmt *, void *obj);
/* A list block's item handler: one statement of the list. */
typedef int (*cfg_item_fn)(
    struct cfg_parser *, const struct cfg_stmt *, void *obj);
/* Prints a keyword's value for -d; obj is the enclosing object. */
typedef void (*cfg_dump_fn)(
    FILE *, const struct cfg_keyword *k, const void *obj, int indent);

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
	cfg_dump_fn dump;
	const void *arg; /* for fn and dump: whatever they need */
	/* enum cfg_owner bits of the process that runs this keyword when it
	   is not the enclosing section's owner (e.g. vrrp_* in global_defs);
	   0: the section's owner. */
	unsigned owner;
};

/* May appear more than once; without it a repeat warns and the last wins,
   as in keepalived. */
#define CFG_F_REPEAT 0x1
#define CFG_F_NODUMP 0x2 /* not printed by -d */
/* vigil runs what this keyword asks for.  A keyword without it is parsed
   and validated, and the process that owns it logs once at start that it
   is not implemented yet. */
#define CFG_F_RUNS 0x4

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
	cfg_item_fn item;
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

/*
 * Each subsystem keeps its part of the model in a struct of its own,
 * allocated in the config's arena when the config is created; the parser
 * only knows it by slot.  vrrp/ owns CFG_MODEL_VRRP; the virtual-server
 * model shared by the checker and the IPVS child (core/vs_conf.h) owns
 * CFG_MODEL_VS.
 */
enum cfg_model {
	CFG_MODEL_VRRP,
	CFG_MODEL_VS,
	CFG_NMODELS,
};

struct cfg_mem; /* the config's arena */
struct cfg_origins; /* where each value came from, for -d */
struct cfg_used; /* keywords the file used, for "not implemented yet" */

struct config {
	struct global_conf global;
	unsigned present; /* enum cfg_owner bits of the sections seen */
	char *text; /* resolved text this model was parsed from */
	size_t textlen;
	void *model[CFG_NMODELS];
	struct cfg_mem *mem;
	struct cfg_origins *origins;
	struct cfg_used *used;
};

/*
 * A subsystem's model: size bytes, zeroed, then init() sets defaults.
 * validate() runs once the whole file parsed without error: inheritance,
 * defaults that depend on other settings, and checks across sections; it
 * reports with cfg_perror() at locations kept by cfg_keep_loc().
 */
struct cfg_model_ops {
	size_t size;
	void (*init)(struct config *, void *model);
	void (*validate)(struct cfg_parser *, struct config *, void *model);
};
void cfg_register_model(enum cfg_model, const struct cfg_model_ops *);

static inline void *
cfg_model(const struct config *cfg, enum cfg_model m)
{
	return cfg->model[m];
}

/*
 * Host checks: whether parsing may look at this machine (interfaces exist,
 * scripts exist and are secure, users exist).  vigild -t and the parent
 * turn them on; children (which parse text the parent already checked)
 * and unit tests leave them off.
 */
void cfg_set_host_checks(bool);
bool cfg_host_checks(void);

/* Host check: the IFF_* flags of this host's interface of that name, or
   -1 when there is none.  Asks the kernel once per name and parse. */
int cfg_host_interface(struct cfg_parser *, const char *name);

/* Memory that lives as long as the config: zeroed, never freed alone. */
void *cfg_alloc(struct config *, size_t);
char *cfg_strdup(struct config *, const char *);
/* The config being filled by the parser, and its diagnostics. */
struct config *cfg_parser_config(struct cfg_parser *);
struct cfg_diag *cfg_parser_diag(struct cfg_parser *);

/* A growing array of pointers, its storage in the config's arena.  Small
   (16 bytes) and starting with one slot: a model has many short lists. */
struct cfg_vec {
	void **v;
	uint32_t n, cap;
};
void cfg_vec_push(struct config *, struct cfg_vec *, void *);

/* A copy of loc whose file name lives as long as the config. */
struct cfg_loc cfg_keep_loc(struct cfg_parser *, const struct cfg_loc *);

/*
 * Where a value came from, for -d.  The parser records every keyword it
 * stores, keyed by (object, keyword name); name must be a string that
 * lives as long as the program (a keyword's name).  Code that fills a value from
 * elsewhere says so: cfg_origin_inherit() when it copied the value of
 * (src, src_name) into (dst, dst_name), cfg_origin_derived() when it
 * computed it; a value with no record is a default.
 */
enum cfg_how {
	CFG_HOW_DEFAULT,
	CFG_HOW_FILE,
	CFG_HOW_INHERITED,
	CFG_HOW_DERIVED,
};
struct cfg_origin {
	enum cfg_how how;
	struct cfg_loc loc; /* of the statement, or of the inherited one */
	const char *from; /* INHERITED: the object inherited from, e.g.
			     "virtual_server 192.0.2.1 80" */
};
void cfg_origin_set(struct cfg_parser *, const void *obj, const char *name,
    const struct cfg_loc *);
void
cfg_origin_inherit(struct cfg_parser *, const void *dst, const char *dst_name,
    const void *src, const char *src_name, const char *from);
void cfg_origin_derived(struct cfg_parser *, const void *obj, const char *name,
    const struct cfg_loc *);
struct cfg_origin
cfg_origin_get(const struct config *, const void *obj, const char *name);
/*
 * Origins cost memory and time, so they are kept only when asked for (-d).
 * Model code must not depend on them: an unset value has a sentinel.
 */
void cfg_set_keep_origins(bool);

/*
 * Keywords the file used that vigil does not run yet (no CFG_F_RUNS),
 * owned by owner (one enum cfg_owner bit, or CFG_OWNER_PARENT for the
 * parent's; a keyword of several owners belongs to its lowest bit here),
 * each once, in the order of first use: calls fn with the keyword's path
 * ("vrrp_instance.use_vmac").
 */
void cfg_foreach_unimplemented(const struct config *, unsigned owner,
    void (*fn)(const char *path, void *arg), void *arg);
/*
 * The keyword paths a subsystem runs, for tables whose entries are
 * shared macros: a NULL-ended list, registered once with its tables.
 * Counts as CFG_F_RUNS for cfg_foreach_unimplemented.
 */
void cfg_register_running(const char *const *paths);

/*
 * Sections are registered once at start by each subsystem, before any
 * parse.  The core registers global_defs and the top-level global keywords.
 */
void cfg_register(const struct cfg_section *, size_t n);
void cfg_register_core(void);
/* Every subsystem's sections and models: what vigild parses. */
void cfg_register_all(void);

/*
 * Parse resolved text into a fresh model.  Returns the model, or NULL with
 * the reasons in diag.  The model takes a copy of the text.
 */
struct config *cfg_parse_text(const char *text, size_t len, struct cfg_diag *);
/* Preprocess + parse.  NULL on any error. */
struct config *
cfg_load(const char *path, const struct cfg_pre_opts *, struct cfg_diag *);
void cfg_free(struct config *);
/* -d: print the model, one "keyword value" line per setting, each with
   where its value came from. */
void cfg_dump(FILE *, const struct config *);
void
cfg_dump_block(FILE *, const struct cfg_block *, const void *obj, int indent);
/* Prints "<indent>header {", the object's keywords, "}". */
void cfg_dump_object(FILE *, const struct cfg_block *, const char *header,
    const void *obj, int indent);
/* -d helpers for custom dumps: "<indent>name value  # origin". */
void cfg_dump_line(FILE *, int indent, const void *obj, const char *name,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Writes the keyword table of every registered section, one line per
   keyword: "path<TAB>usage" (for the man page check). */
void cfg_list_keywords(FILE *);

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
/* The same, naming the keyword in the message. */
int cfg_get_int_for(struct cfg_parser *, const char *name,
    const struct cfg_token *, int64_t min, int64_t max, int64_t *out);
int cfg_get_timer(struct cfg_parser *, const struct cfg_token *,
    uint64_t min_us, uint64_t max_us, uint64_t *out_us);
int cfg_get_bool(struct cfg_parser *, const struct cfg_token *, bool *out);
int cfg_get_addr(
    struct cfg_parser *, const struct cfg_token *, struct cfg_addr *out);
/* A total order of addresses: by family, then bytes (AF_UNSPEC first). */
int cfg_addr_cmp(const struct cfg_addr *, const struct cfg_addr *);
/* a as text into buf (INET6_ADDRSTRLEN bytes do), or unset when a is not
   set; returns buf. */
const char *cfg_addr_str(
    const struct cfg_addr *a, const char *unset, char *buf, size_t size);
int cfg_get_str(
    struct cfg_parser *, const struct cfg_token *, char *buf, size_t size);

/*
 * Scripts (cfg_script.c): notify_*, track scripts, MISC_CHECK paths.
 * Strings live in the config's arena.
 */
struct cfg_script {
	const char *cmd; /* NULL: no script; may hold arguments */
	const char *user; /* NULL: global script_user */
	const char *group; /* NULL: the user's group */
	struct cfg_loc loc; /* of the script's word, kept */
};
/* argv[first] is the script, then optional USER [GROUP]; nothing may
   follow.  0, or -1 after reporting. */
int cfg_get_script(struct cfg_parser *, const struct cfg_stmt *, int first,
    struct cfg_script *);
/*
 * With host checks on: the program (the script's first word), named by
 * an absolute path or found in PATH, must be an executable file when it
 * exists; one that is not there yet is a warning (the check fails until
 * it is deployed).  With global enable_script_security, neither it nor a
 * directory above it may be writable by anyone but root (a security
 * error).  Call from a validate hook, when global_defs is complete.
 */
void cfg_check_script(struct cfg_parser *, const struct cfg_script *);
/* The same for a notification script (notify_*, quorum_up/down): one
   that cannot run is a warning (it is skipped), as keepalived runs
   anyway; an insecure one is still a security error. */
void cfg_check_notify(struct cfg_parser *, const struct cfg_script *);
/* A program name without '/' looked up in PATH as execvp() would: its
   path into out, 0; -1 when no executable file of that name is found. */
int cfg_script_find(const char *name, char *out, size_t size);
/*
 * enable_script_security's test, shared by the host check and the script
 * runner: the first of path and the directories above it that someone
 * other than root may change (owned by non-root, or group/other
 * writable without the sticky bit on a directory), in buf; NULL when
 * none is.
 */
const char *cfg_script_insecure(const char *path, char *buf, size_t size);
/* -d: "<indent>name "cmd" [user [group]]" (nothing when unset); a
   keyword's dump, which the core follows with the value's origin. */
void cfg_dump_script(
    FILE *, int indent, const char *name, const struct cfg_script *);

/* Edit distance, for "did you mean" suggestions. */
unsigned cfg_edit_distance(const char *, const char *);
/* The nearest of names (NULL-ended array of keyword names), or NULL. */
const char *cfg_suggest(const char *word, const char *const *names);

#endif
