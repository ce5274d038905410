/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_cfg_pre.c: the preprocessor's resolved text and diagnostics. */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* nftw */
#endif

#include <sys/stat.h>
#include <sys/utsname.h>

#include <ftw.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cfg.h"

static struct cfg_diag diag;
static char *out;
static size_t outlen;
static char tmpdir[128]; /* realpath of the mkdtemp directory */
static char path[256]; /* scratch for tmp_path() */
static char expect[8192]; /* scratch for expected texts */

static int setup(void **);
static int teardown(void **);
static int rm_entry(const char *, const struct stat *, int, struct FTW *);
static int resolve_opts(const char *, const struct cfg_pre_opts *);
static int resolve(const char *);
static void expand_indentation(void);
static int resolve_main(const char *, const struct cfg_pre_opts *);
static void make_tmpdir(void);
static const char *tmp_path(const char *);
static void write_file(const char *, const char *);
static bool diag_has(const char *);
static const char *unpad(void);

static int
setup(void **state)
{
	(void)state;
	cfg_diag_init(&diag);
	out = NULL;
	outlen = 0;
	tmpdir[0] = '\0';
	return 0;
}

static int
rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static int
teardown(void **state)
{
	(void)state;
	free(out);
	out = NULL;
	cfg_diag_free(&diag);
	if (tmpdir[0] != '\0')
		nftw(tmpdir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static int
resolve_opts(const char *text, const struct cfg_pre_opts *o)
{
	int r;

	free(out);
	out = NULL;
	r = cfg_resolve_buffer(
	    "t.conf", text, strlen(text), o, &diag, &out, &outlen);
	expand_indentation();
	return r;
}

/*
 * The resolved text encodes indentation (cfg.h); the expected texts here
 * are written with it as spaces.  Checks the encoding on the way.
 */
static void
expand_indentation(void)
{
	char *n, *s, *d;
	size_t k, len = 0;

	if (out == NULL)
		return;
	for (s = out; *s != '\0'; s++)
		len += *s == CFG_INDENT_MARK ? CFG_INDENT_MAX : 1;
	n = malloc(len + 1);
	assert_non_null(n);
	for (s = out, d = n; *s != '\0'; s++) {
		if (*s != CFG_INDENT_MARK) {
			*d++ = *s;
			continue;
		}
		/* Only at the start of a line, and never for one blank. */
		assert_true(s == out || s[-1] == '\n');
		k = (size_t)((unsigned char)s[1] - CFG_INDENT_BASE);
		assert_true(k >= 2 && k <= CFG_INDENT_MAX);
		memset(d, ' ', k);
		d += k;
		s++;
	}
	*d = '\0';
	free(out);
	out = n;
	outlen = (size_t)(d - n);
}

/* Resolves text named "t.conf" with config id "main". */
static int
resolve(const char *text)
{
	struct cfg_pre_opts o = { .config_id = "main" };

	return resolve_opts(text, &o);
}

/* Resolves tmpdir/main.conf. */
static int
resolve_main(const char *text, const struct cfg_pre_opts *o)
{
	struct cfg_pre_opts def = { .config_id = "main" };

	write_file("main.conf", text);
	int r;

	free(out);
	out = NULL;
	r = cfg_resolve_file(
	    tmp_path("main.conf"), o ? o : &def, &diag, &out, &outlen);
	expand_indentation();
	return r;
}

static void
make_tmpdir(void)
{
	char t[] = "/tmp/test_cfg_pre.XXXXXX", *real;

	assert_non_null(mkdtemp(t));
	assert_non_null(real = realpath(t, NULL));
	assert_true(strlen(real) < sizeof(tmpdir));
	strcpy(tmpdir, real);
	free(real);
}

static const char *
tmp_path(const char *rel)
{
	snprintf(path, sizeof(path), "%s/%s", tmpdir, rel);
	return path;
}

/* Writes tmpdir/rel, making its directory. */
static void
write_file(const char *rel, const char *text)
{
	char *slash;
	FILE *fp;

	tmp_path(rel);
	if ((slash = strrchr(path, '/')) != NULL &&
	    slash > path + strlen(tmpdir)) {
		*slash = '\0';
		mkdir(path, 0700);
		*slash = '/';
	}
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

static bool
diag_has(const char *line)
{
	size_t i;

	for (i = 0; i < diag.n; i++)
		if (strcmp(diag.lines[i], line) == 0)
			return true;
	for (i = 0; i < diag.n; i++)
		print_message("diag: %s\n", diag.lines[i]);
	return false;
}

/* out without the spaces that begin its lines (blanked headers). */
static const char *
unpad(void)
{
	char *r = out, *w = out;
	bool bol = true;

	for (; *r != '\0'; r++) {
		if (bol && *r == ' ')
			continue;
		bol = *r == '\n';
		*w++ = *r;
	}
	*w = '\0';
	return out;
}

/* ---- comments, blank lines, markers ---- */

static void
test_comments_stripped(void **state)
{
	(void)state;
	assert_int_equal(resolve("a 1 # one\nb 2 ! two\n#c\n"), 0);
	assert_string_equal(out, "#@ 1 t.conf\na 1\nb 2\n");
	assert_int_equal(outlen, strlen(out));
}

static void
test_comment_chars_in_quotes_kept(void **state)
{
	(void)state;
	assert_int_equal(resolve("a \"x # y\" 'p ! q' # c\n"
	                         "b \"x \\\" # y\" ! z\n"),
	    0);
	assert_string_equal(out,
	    "#@ 1 t.conf\na \"x # y\" 'p ! q'\n"
	    "b \"x \\\" # y\"\n");
}

static void
test_blank_lines_short_gaps_and_markers(void **state)
{
	(void)state;
	/* A short gap stays as empty lines: cheaper than a marker. */
	assert_int_equal(resolve("a\n\n   \n# only\nb {\n\tc\n}"), 0);
	assert_string_equal(out, "#@ 1 t.conf\na\n\n\n\nb {\n\tc\n}\n");
	/* A longer one is a marker. */
	assert_int_equal(resolve("a\n\n\n\n\n\nb\n"), 0);
	assert_string_equal(out, "#@ 1 t.conf\na\n#@ 7 t.conf\nb\n");
}

static void
test_empty_input(void **state)
{
	(void)state;
	assert_int_equal(resolve(""), 0);
	assert_string_equal(out, "");
	assert_int_equal(outlen, 0);
}

static void
test_crlf_line_ends(void **state)
{
	(void)state;
	assert_int_equal(resolve("a 1\r\nb 2 # c\r\n"), 0);
	assert_string_equal(out, "#@ 1 t.conf\na 1\nb 2\n");
}

static void
test_marker_like_line_shifted(void **state)
{
	(void)state;
	assert_int_equal(resolve("${_HASH}@ 9 x\n"), 0);
	assert_string_equal(out, "#@ 1 t.conf\n #@ 9 x\n");
}

/* ---- conditionals ---- */

static void
test_conditional_lines(void **state)
{
	(void)state;
	assert_int_equal(resolve("@main r 1\n@backup r 2\n@^main p 1\n"
	                         "@^backup p 2\n  @main\n"),
	    0);
	/* The condition is blanked, so the words keep their columns. */
	assert_string_equal(out,
	    "#@ 1 t.conf\n      r 1\n"
	    "\n\n         p 2\n");
}

static void
test_conditional_default_is_short_hostname(void **state)
{
	struct utsname u;
	char text[128];

	(void)state;
	assert_int_equal(uname(&u), 0);
	snprintf(text, sizeof(text), "@%.*s yes\n@^%.*s no\n",
	    (int)strcspn(u.nodename, "."), u.nodename,
	    (int)strcspn(u.nodename, "."), u.nodename);
	assert_int_equal(resolve_opts(text, NULL), 0);
	assert_non_null(strstr(out, "yes\n"));
	assert_null(strstr(out, "no\n"));
}

/* ---- definitions ---- */

static void
test_definition_substituted(void **state)
{
	(void)state;
	assert_int_equal(resolve("$P=240\npriority $P\nx ${P}y $P\n"), 0);
	assert_string_equal(out, "#@ 2 t.conf\npriority 240\nx 240y 240\n");
}

static void
test_definition_needs_space_or_braces(void **state)
{
	(void)state;
	assert_int_equal(resolve("$A=1\nx $Ab $A.2 $A\n"), 0);
	assert_string_equal(out, "#@ 2 t.conf\nx $Ab $A.2 1\n");
}

static void
test_definition_resolved_at_use_time(void **state)
{
	(void)state;
	assert_int_equal(resolve("$ADDRESS_BASE=10.2.${ADDRESS_BASE_SUB}\n"
	                         "$ADDRESS_BASE_SUB=0\n"
	                         "${ADDRESS_BASE}.100/32\n"
	                         "$ADDRESS_BASE_SUB=10\n"
	                         "${ADDRESS_BASE}.100/32\n"),
	    0);
	assert_string_equal(out,
	    "#@ 3 t.conf\n10.2.0.100/32\n"
	    "\n10.2.10.100/32\n");
}

static void
test_undefined_left_alone(void **state)
{
	(void)state;
	assert_int_equal(resolve("a $NOPE ${NOPE} $1 $ ${ x\n"), 0);
	assert_string_equal(out, "#@ 1 t.conf\na $NOPE ${NOPE} $1 $ ${ x\n");
}

static void
test_empty_definition(void **state)
{
	(void)state;
	assert_int_equal(resolve("$E=\na${E}b $E\n$E\n"), 0);
	assert_string_equal(out, "#@ 2 t.conf\nab\n");
}

static void
test_conditional_definition(void **state)
{
	(void)state;
	assert_int_equal(resolve("@main $P=240\n@backup $P=200\np $P\n"), 0);
	assert_string_equal(out, "#@ 3 t.conf\np 240\n");
}

static void
test_definition_making_a_condition(void **state)
{
	struct cfg_pre_opts o = { .config_id = "backup" };
	const char *text = "$IF_MAIN=@main\n$IF_MAIN priority 240\n";

	(void)state;
	assert_int_equal(resolve(text), 0);
	assert_string_equal(out, "#@ 2 t.conf\n      priority 240\n");
	assert_int_equal(resolve_opts(text, &o), 0);
	assert_string_equal(out, "");
}

static void
test_predefined_hash_bang_instance(void **state)
{
	(void)state;
	assert_int_equal(resolve("a ${_HASH}b ${_BANG} $_HASH\n"
	                         "id ${_INSTANCE}\n"),
	    0);
	assert_string_equal(out, "#@ 1 t.conf\na #b ! #\nid main\n");
}

static void
test_predefined_pwd_of_buffer_is_cwd(void **state)
{
	char cwd[PATH_MAX];

	(void)state;
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(resolve("d ${_PWD}\n"), 0);
	snprintf(expect, sizeof(expect), "#@ 1 t.conf\nd %s\n", cwd);
	assert_string_equal(out, expect);
}

static void
test_predefined_random(void **state)
{
	long v;

	(void)state;
	assert_int_equal(resolve("${_RANDOM 7 7} $_RANDOM\n"), 0);
	assert_int_equal(strncmp(out, "#@ 1 t.conf\n7 ", 14), 0);
	v = strtol(out + 14, NULL, 10);
	assert_true(v >= 0 && v <= 32767);
	assert_int_equal(resolve("${_RANDOM 3 5}\n"), 0);
	v = strtol(out + 12, NULL, 10);
	assert_true(v >= 3 && v <= 5);
}

static void
test_predefined_random_errors(void **state)
{
	(void)state;
	assert_int_equal(resolve("a ${_RANDOM 9 2}\nb ${_RANDOM x}\n"), -1);
	assert_null(out);
	assert_true(diag_has("t.conf:1:3: error: _RANDOM: MIN 9 is greater "
	                     "than MAX 2"));
	assert_true(diag_has("t.conf:2:3: error: _RANDOM: expected [MIN "
	                     "[MAX]], non-negative integers"));
}

static void
test_predefined_cannot_be_redefined(void **state)
{
	(void)state;
	assert_int_equal(resolve("  $_PWD=x\n"), -1);
	assert_true(diag_has("t.conf:1:3: error: cannot redefine pre-defined "
	                     "_PWD"));
}

static void
test_recursive_definition_error(void **state)
{
	(void)state;
	assert_int_equal(resolve("$A=${A}x\ny ${A}\n"), -1);
	assert_true(diag_has("t.conf:2:3: error: definition A expands "
	                     "recursively"));
}

static void
test_substitution_count_limited(void **state)
{
	char text[1024];
	size_t n = 0;
	int i;

	(void)state;
	n += (size_t)snprintf(text + n, sizeof(text) - n, "$L0=x\n");
	for (i = 1; i <= 20; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
		    "$L%d=${L%d}${L%d}\n", i, i - 1, i - 1);
	snprintf(text + n, sizeof(text) - n, "a ${L20}\n");
	assert_int_equal(resolve(text), -1);
	assert_true(diag_has("t.conf:22:3: error: more than 100000 "
	                     "substitutions in one line"));
}

static void
test_recursive_multiline_definition_error(void **state)
{
	(void)state;
	assert_int_equal(resolve("$B=\\\nx \\\n $B\n  $B\n"), -1);
	assert_true(diag_has("t.conf:4:3: error: definition B expands "
	                     "recursively"));
	assert_int_equal(diag.nerrors, 1);
}

/* ---- multi-line definitions ---- */

static void
test_multiline_expands_with_markers(void **state)
{
	(void)state;
	assert_int_equal(resolve("$INST= \\\n"
	                         "vrrp_instance VI_${NUM} { \\\n"
	                         "\n"
	                         "  @main priority 130 \\\n"
	                         "  @backup priority 120 \\\n"
	                         "} # end\n"
	                         "$NUM=0\n"
	                         "$INST\n"
	                         "$NUM=1\n"
	                         "  $INST\n"),
	    0);
	assert_string_equal(out,
	    "#@ 8 t.conf\nvrrp_instance VI_0 {\n"
	    "#@ 8 t.conf\n        priority 130\n"
	    "#@ 8 t.conf\n}\n"
	    "\nvrrp_instance VI_1 {\n"
	    "#@ 10 t.conf\n        priority 130\n"
	    "#@ 10 t.conf\n}\n");
}

static void
test_multiline_nested(void **state)
{
	(void)state;
	assert_int_equal(resolve("$RS= \\\n"
	                         "real_server 192.168.${VS_NUM}.${RS_NUM} 80 "
	                         "{ \\\n"
	                         "  weight 1 \\\n"
	                         "}\n"
	                         "$VS= \\\n"
	                         "virtual_server 10.0.${VS_NUM}.4 80 { \\\n"
	                         "  $RS_NUM=1 \\\n"
	                         "  $RS \\\n"
	                         "  $RS_NUM=2 \\\n"
	                         "  $RS \\\n"
	                         "}\n"
	                         "$VS_NUM=0\n"
	                         "$VS\n"),
	    0);
	assert_string_equal(out,
	    "#@ 13 t.conf\n"
	    "virtual_server 10.0.0.4 80 {\n"
	    "#@ 13 t.conf\n"
	    "real_server 192.168.0.1 80 {\n"
	    "#@ 13 t.conf\n  weight 1\n"
	    "#@ 13 t.conf\n}\n"
	    "#@ 13 t.conf\n"
	    "real_server 192.168.0.2 80 {\n"
	    "#@ 13 t.conf\n  weight 1\n"
	    "#@ 13 t.conf\n}\n"
	    "#@ 13 t.conf\n}\n");
}

static void
test_multiline_used_mid_line(void **state)
{
	(void)state;
	assert_int_equal(resolve("$ML=a 1 \\\n  b ${X}\n$X=2\nfoo $ML\n"), 0);
	assert_string_equal(out, "#@ 4 t.conf\nfoo a 1\n#@ 4 t.conf\n  b 2\n");
}

static void
test_multiline_dropped_by_condition(void **state)
{
	(void)state;
	assert_int_equal(resolve("@backup $X=\\\n a \\\n b\nc $X\n"), 0);
	assert_string_equal(out, "#@ 4 t.conf\nc $X\n");
}

static void
test_multiline_unterminated_warns(void **state)
{
	(void)state;
	assert_int_equal(resolve("$X=\\\n a \\\n"), 0);
	assert_true(diag_has("t.conf:1:1: warning: multi-line definition of X "
	                     "is not terminated"));
	assert_int_equal(diag.nwarnings, 1);
}

/* ---- ~SEQ and ~LST ---- */

static void
test_seq_forms(void **state)
{
	(void)state;
	assert_int_equal(
	    resolve("~SEQ(SUBNET, 0, 3) ip 10.0.${SUBNET}.1\n"), 0);
	assert_string_equal(out,
	    "#@ 1 t.conf\n                   ip 10.0.0.1\n"
	    "#@ 1 t.conf\n                   ip 10.0.1.1\n"
	    "#@ 1 t.conf\n                   ip 10.0.2.1\n"
	    "#@ 1 t.conf\n                   ip 10.0.3.1\n");
	assert_int_equal(resolve("~SEQ(I,3) a$I\n~SEQ(I,-2) b$I\n"
	                         "~SEQ(I,2,0) c$I\n~SEQ(I,0,2,5) d$I\n"
	                         "~SEQ(I,3,-2,0) e$I\n"),
	    0);
	/* A first generated line follows the line before: no marker. */
	assert_string_equal(unpad(),
	    "#@ 1 t.conf\na1\n#@ 1 t.conf\na2\n"
	    "#@ 1 t.conf\na3\nb-1\n#@ 2 t.conf\nb-2\n"
	    "c2\n#@ 3 t.conf\nc1\n#@ 3 t.conf\nc0\n"
	    "d0\n#@ 4 t.conf\nd2\n#@ 4 t.conf\nd4\n"
	    "e3\n#@ 5 t.conf\ne1\n");
}

static void
test_seqx_hex(void **state)
{
	const char *want = "#@ 1 t.conf\nfe80::20:90:1\n"
	                   "#@ 1 t.conf\nfe80::20:a0:1\n"
	                   "#@ 1 t.conf\nfe80::20:b0:1\n"
	                   "#@ 1 t.conf\nfe80::20:c0:1\n";

	(void)state;
	assert_int_equal(
	    resolve("~SEQx(S, 144, 16, 192) fe80::20:${S}:1\n"), 0);
	assert_string_equal(unpad(), want);
	assert_int_equal(
	    resolve("~SEQx(S,0x90,0x10,0xc0)fe80::20:${S}:1\n"), 0);
	assert_string_equal(unpad(), want);
	assert_int_equal(resolve("~SEQx(S,-0x10,-0x12) $S\n"), 0);
	assert_string_equal(unpad(),
	    "#@ 1 t.conf\n-10\n#@ 1 t.conf\n-11\n"
	    "#@ 1 t.conf\n-12\n");
}

static void
test_seq_errors(void **state)
{
	(void)state;
	assert_int_equal(resolve("a\n  ~SEQ(I, 1, 0, 3) x\n~SEQ(I, 3, 1, 1) x\n"
	                         "~SEQ(I) x\n ~SEQx(I, 1 x\n~SEQ(1I, 3) x\n"),
	    -1);
	assert_true(diag_has("t.conf:2:3: error: ~SEQ: step must not be 0"));
	assert_true(diag_has("t.conf:3:1: error: ~SEQ: step never reaches end "
	                     "from start"));
	assert_true(diag_has("t.conf:4:1: error: ~SEQ: expected (var, [start,] "
	                     "[step,] end)"));
	assert_true(diag_has("t.conf:5:2: error: ~SEQx: expected (var, "
	                     "[start,] [step,] end)"));
	assert_true(diag_has("t.conf:6:1: error: ~SEQ: expected (var, [start,] "
	                     "[step,] end)"));
	assert_int_equal(diag.nerrors, 5);
}

static void
test_seq_variable_restored(void **state)
{
	(void)state;
	assert_int_equal(resolve("$I=x\n~SEQ(I,1)a$I\n$I\nb $J\n~SEQ(J,1)c\n"
	                         "d $J\n"),
	    0);
	assert_string_equal(out,
	    "#@ 2 t.conf\n         a1\nx\nb $J\n"
	    "         c\nd $J\n");
}

static void
test_lst_single_variable(void **state)
{
	(void)state;
	assert_int_equal(resolve("~LST(V, a, b c ,d) x $V\n"), 0);
	assert_string_equal(out,
	    "#@ 1 t.conf\n                   x a\n"
	    "#@ 1 t.conf\n                   x b c\n"
	    "#@ 1 t.conf\n                   x d\n");
}

static void
test_lst_several_variables(void **state)
{
	(void)state;
	assert_int_equal(resolve("~LST({IP, IP1}, {10,1},{20,4}) "
	                         "192.168.${IP}.${IP1}\n"),
	    0);
	assert_string_equal(out,
	    "#@ 1 t.conf\n"
	    "                               "
	    "192.168.10.1\n"
	    "#@ 1 t.conf\n"
	    "                               "
	    "192.168.20.4\n");
}

static void
test_lst_errors(void **state)
{
	(void)state;
	assert_int_equal(resolve("~LST(V) x\n~LST({A,B},{1,2},{3}) x\n"
	                         "~LST({A,B},1) x\n"),
	    -1);
	assert_true(diag_has("t.conf:1:1: error: ~LST: expected (var, value, "
	                     "...) or ({var, ...}, {value, ...}, ...)"));
	assert_true(diag_has("t.conf:2:1: error: ~LST: each {...} needs one "
	                     "value per variable"));
	assert_true(diag_has("t.conf:3:1: error: ~LST: expected (var, value, "
	                     "...) or ({var, ...}, {value, ...}, ...)"));
}

static void
test_generators_nest_first_outermost(void **state)
{
	(void)state;
	assert_int_equal(resolve("~LST(A,1,2) ~LST(B,5,6) ~SEQ(C,7,8) "
	                         "${A}.${B}.$C\n"),
	    0);
	assert_string_equal(unpad(),
	    "#@ 1 t.conf\n1.5.7\n#@ 1 t.conf\n1.5.8\n"
	    "#@ 1 t.conf\n1.6.7\n#@ 1 t.conf\n1.6.8\n"
	    "#@ 1 t.conf\n2.5.7\n#@ 1 t.conf\n2.5.8\n"
	    "#@ 1 t.conf\n2.6.7\n#@ 1 t.conf\n2.6.8\n");
}

static void
test_generator_of_multiline_definition(void **state)
{
	(void)state;
	assert_int_equal(resolve("$VI= \\\n"
	                         "vrrp_instance v.${IF}.${ID} { \\\n"
	                         "  @main priority 130 \\\n"
	                         "}\n"
	                         "~SEQ(IF,0,1) ~SEQ(ID,1,1) $VI\n"),
	    0);
	assert_string_equal(out,
	    "#@ 5 t.conf\nvrrp_instance v.0.1 {\n"
	    "#@ 5 t.conf\n        priority 130\n"
	    "#@ 5 t.conf\n}\n"
	    "#@ 5 t.conf\nvrrp_instance v.1.1 {\n"
	    "#@ 5 t.conf\n        priority 130\n"
	    "#@ 5 t.conf\n}\n");
}

static void
test_line_limit_exceeded(void **state)
{
	struct cfg_pre_opts o = { .config_id = "main", .max_lines = 10 };

	(void)state;
	assert_int_equal(resolve_opts("~SEQ(I,1,10) x$I\n", &o), 0);
	assert_int_equal(resolve_opts("~SEQ(I,1,11) x$I\n", &o), -1);
	assert_true(diag_has("t.conf:1:1: error: the configuration expands to "
	                     "more than 10 lines"));
	cfg_diag_free(&diag);
	assert_int_equal(
	    resolve_opts("~SEQ(I,1,5) ~SEQ(J,1,1000000000) x\n", &o), -1);
	assert_int_equal(diag.nerrors, 1);
	cfg_diag_free(&diag);
	assert_int_equal(
	    resolve_opts("a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n", &o), -1);
	assert_true(diag_has("t.conf:11:1: error: the configuration expands to "
	                     "more than 10 lines"));
}

/* ---- include ---- */

static void
test_include_relative_glob(void **state)
{
	(void)state;
	make_tmpdir();
	write_file("sub/2.conf", "c ${_PWD}\ninclude ../other.conf\n");
	write_file("sub/1.conf", "b\n");
	write_file("other.conf", "o\n");
	assert_int_equal(chdir("/"), 0);
	assert_int_equal(resolve_main("a\ninclude sub/*.conf\nz\n", NULL), 0);
	snprintf(expect, sizeof(expect),
	    "#@ 1 %s/main.conf\na\n"
	    "#@ 1 %s/sub/1.conf\nb\n"
	    "#@ 1 %s/sub/2.conf\nc %s/sub\n"
	    "#@ 1 %s/other.conf\no\n"
	    "#@ 3 %s/main.conf\nz\n",
	    tmpdir, tmpdir, tmpdir, tmpdir, tmpdir, tmpdir);
	assert_string_equal(out, expect);
}

static void
test_include_from_buffer_relative_to_cwd(void **state)
{
	(void)state;
	make_tmpdir();
	write_file("a.conf", "a\n");
	assert_int_equal(chdir(tmpdir), 0);
	assert_int_equal(resolve("include a.conf\nb\n"), 0);
	snprintf(expect, sizeof(expect), "#@ 1 %s/a.conf\na\n#@ 2 t.conf\nb\n",
	    tmpdir);
	assert_string_equal(out, expect);
	assert_int_equal(chdir("/"), 0);
}

static void
test_include_in_generator(void **state)
{
	(void)state;
	make_tmpdir();
	write_file("f1.conf", "one ${I}\n");
	write_file("f2.conf", "two ${I}\n");
	assert_int_equal(
	    resolve_main("~SEQ(I,1,2) include f${I}.conf\n", NULL), 0);
	snprintf(expect, sizeof(expect),
	    "#@ 1 %s/f1.conf\none 1\n#@ 1 %s/f2.conf\ntwo 2\n", tmpdir, tmpdir);
	assert_string_equal(out, expect);
}

static void
test_include_depth_limited(void **state)
{
	char name[32], text[64];
	int i;

	(void)state;
	make_tmpdir();
	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "n%d.conf", i);
		snprintf(text, sizeof(text), "include n%d.conf\n", i + 1);
		write_file(name, text);
	}
	assert_int_equal(resolve_main("include n0.conf\n", NULL), -1);
	assert_int_equal(diag.nerrors, 1);
	snprintf(expect, sizeof(expect),
	    "%s/n31.conf:1:9: error: includes "
	    "are nested more than 32 deep",
	    tmpdir);
	assert_true(diag_has(expect));
}

static void
test_include_quoted_and_braces(void **state)
{
	(void)state;
	make_tmpdir();
	write_file("my file.conf", "q\n");
	write_file("b.conf", "b\n");
	write_file("a.conf", "a\n");
	assert_int_equal(resolve_main("include \"my file.conf\"\n"
	                              "includeb {b,a}.conf\n",
	                     NULL),
	    0);
	snprintf(expect, sizeof(expect),
	    "#@ 1 %s/my file.conf\nq\n#@ 1 %s/b.conf\nb\n#@ 1 %s/a.conf\na\n",
	    tmpdir, tmpdir, tmpdir);
	assert_string_equal(out, expect);
}

static void
test_include_nothing_warns(void **state)
{
	struct cfg_pre_opts e = { .config_id = "main", .all_config = true };
	char want[1024];

	(void)state;
	make_tmpdir();
	assert_int_equal(resolve_main("a\n  include none/*.conf\n", NULL), 0);
	snprintf(want, sizeof(want),
	    "%s:2:11: warning: include: no file "
	    "matches 'none/*.conf'",
	    tmp_path("main.conf"));
	assert_true(diag_has(want));
	assert_int_equal(diag.nwarnings, 1);
	assert_non_null(strstr(out, "\na\n"));
	cfg_diag_free(&diag);
	assert_int_equal(resolve_main("a\n  include none/*.conf\n", &e), -1);
	snprintf(want, sizeof(want),
	    "%s:2:11: error: include: no file "
	    "matches 'none/*.conf'",
	    tmp_path("main.conf"));
	assert_true(diag_has(want));
}

static void
test_include_variants_check(void **state)
{
	char want[1024];

	(void)state;
	make_tmpdir();
	write_file("a.conf", "a\n");
	assert_int_equal(resolve_main("includea none.conf\n"
	                              "includer none*.conf\n"
	                              "includem none.conf\n"
	                              "includem none*.conf\n"
	                              "includew none*.conf\n"
	                              "includeb {a,none}.conf\n",
	                     NULL),
	    -1);
	snprintf(want, sizeof(want),
	    "%s:1:10: error: includea: no file "
	    "matches 'none.conf'",
	    tmp_path("main.conf"));
	assert_true(diag_has(want));
	snprintf(want, sizeof(want),
	    "%s:2:10: warning: includer: no file "
	    "matches 'none*.conf'",
	    tmp_path("main.conf"));
	assert_true(diag_has(want));
	snprintf(want, sizeof(want),
	    "%s:3:10: error: includem: no file "
	    "matches 'none.conf'",
	    tmp_path("main.conf"));
	assert_true(diag_has(want));
	snprintf(want, sizeof(want),
	    "%s:4:10: warning: includem: no file "
	    "matches 'none*.conf'",
	    tmp_path("main.conf"));
	assert_true(diag_has(want));
	snprintf(want, sizeof(want),
	    "%s:5:10: error: includew: no file "
	    "matches 'none*.conf'",
	    tmp_path("main.conf"));
	assert_true(diag_has(want));
	snprintf(want, sizeof(want),
	    "%s:6:10: error: includeb: no file "
	    "matches 'none.conf' (from '{a,none}.conf')",
	    tmp_path("main.conf"));
	assert_true(diag_has(want));
	assert_int_equal(diag.nerrors, 4);
	assert_int_equal(diag.nwarnings, 2);
}

static void
test_include_check_line_scoped_to_file(void **state)
{
	(void)state;
	make_tmpdir();
	write_file("inc.conf", "include_check\ninclude none1.conf\n");
	assert_int_equal(resolve_main("include_check readable +match\n"
	                              "include_check -match\n"
	                              "include inc.conf\n"
	                              "include none2.conf\n",
	                     NULL),
	    -1);
	assert_int_equal(diag.nerrors, 1);
	assert_int_equal(diag.nwarnings, 1);
	assert_non_null(strstr(diag.lines[0],
	    "error: include: no file "
	    "matches 'none1.conf'"));
	assert_non_null(strstr(diag.lines[1],
	    "warning: include: no file "
	    "matches 'none2.conf'"));
}

static void
test_include_check_line_kept(void **state)
{
	(void)state;
	assert_int_equal(
	    resolve("global_defs {\n include_check +match\n}\n"), 0);
	assert_string_equal(out,
	    "#@ 1 t.conf\nglobal_defs {\n"
	    " include_check +match\n}\n");
}

static void
test_include_unreadable(void **state)
{
	char want[1024];

	(void)state;
	make_tmpdir();
	write_file("d.conf/x", "x\n");
	assert_int_equal(
	    symlink("/nonexistent/x", tmp_path("dangling.conf")), 0);
	assert_int_equal(
	    resolve_main("include d.*\ninclude dangling*\n", NULL), 0);
	snprintf(want, sizeof(want),
	    "%s:1:9: warning: cannot open %s/d.conf: "
	    "Is a directory",
	    tmp_path("main.conf"), tmpdir);
	assert_true(diag_has(want));
	snprintf(want, sizeof(want),
	    "%s:2:9: warning: cannot open "
	    "%s/dangling.conf: No such file or directory",
	    tmp_path("main.conf"), tmpdir);
	assert_true(diag_has(want));
	cfg_diag_free(&diag);
	assert_int_equal(resolve_main("includer d.*\n", NULL), -1);
	assert_int_equal(diag.nerrors, 1);
}

static void
test_include_loop(void **state)
{
	char want[1024];

	(void)state;
	make_tmpdir();
	write_file("a.conf", "a\ninclude b.conf\n");
	write_file("b.conf", "b\n include ./a.conf\n");
	assert_int_equal(resolve_main("include a.conf\n", NULL), -1);
	snprintf(want, sizeof(want),
	    "%s/b.conf:2:10: error: include loop: "
	    "%s/a.conf",
	    tmpdir, tmpdir);
	assert_true(diag_has(want));
	assert_int_equal(diag.nerrors, 1);
	cfg_diag_free(&diag);
	assert_int_equal(resolve_main("include main.conf\n", NULL), -1);
	assert_int_equal(diag.nerrors, 1);
}

static void
test_no_includes(void **state)
{
	struct cfg_pre_opts o = { .config_id = "main", .no_includes = true };

	(void)state;
	assert_int_equal(
	    resolve_opts("a\n  @main includea /etc/passwd\n", &o), -1);
	assert_true(diag_has("t.conf:2:9: error: include is not allowed here"));
}

static void
test_include_syntax_errors(void **state)
{
	(void)state;
	assert_int_equal(resolve("include\ninclude a b\ninclude \"a\n"), -1);
	assert_true(diag_has("t.conf:1:1: error: include: expected a file "
	                     "pattern"));
	assert_true(diag_has("t.conf:2:11: error: include: expected one file "
	                     "pattern"));
	assert_true(diag_has("t.conf:3:9: error: include: unterminated quote"));
}

/* ---- input errors ---- */

static void
test_missing_main_file(void **state)
{
	(void)state;
	assert_int_equal(
	    cfg_resolve_file("/nonexistent/k.conf", NULL, &diag, &out, &outlen),
	    -1);
	assert_null(out);
	assert_true(diag_has("error: cannot open /nonexistent/k.conf: No such "
	                     "file or directory"));
}

static void
test_nul_byte_and_long_line(void **state)
{
	static const char text[] = "ok\nab\0c\nok\n";
	char *big;

	(void)state;
	assert_int_equal(cfg_resolve_buffer("t.conf", text, sizeof(text) - 1,
	                     NULL, &diag, &out, &outlen),
	    -1);
	assert_true(diag_has("t.conf:2:3: error: NUL byte in line"));
	cfg_diag_free(&diag);
	big = malloc(70000);
	memset(big, 'x', 69999);
	big[69999] = '\0';
	big[0] = '\n';
	assert_int_equal(resolve(big), -1);
	free(big);
	assert_true(diag_has("t.conf:2:1: error: line is longer than 65536 "
	                     "bytes"));
}

static void
test_error_locations(void **state)
{
	(void)state;
	assert_int_equal(resolve("a\n"
	                         "\tx ${_RANDOM a}\n"
	                         "@main   ~LST(V)\n"
	                         "  ~SEQ(I,1,2) $E\n"),
	    -1);
	assert_true(
	    diag_has("t.conf:2:4: error: _RANDOM: expected [MIN [MAX]], "
	             "non-negative integers"));
	assert_true(diag_has("t.conf:3:9: error: ~LST: expected (var, value, "
	                     "...) or ({var, ...}, {value, ...}, ...)"));
	assert_int_equal(diag.nerrors, 2);
}

/* ---- diagnostics ---- */

static void
test_diag_format(void **state)
{
	struct cfg_loc full = { "f.conf", 3, 7 }, nocol = { "f.conf", 3, 0 },
	               noline = { "f.conf", 0, 0 };

	(void)state;
	cfg_error(&diag, &full, "bad %s", "thing");
	cfg_warning(&diag, &nocol, "odd %d", 42);
	cfg_error(&diag, &noline, "no line");
	cfg_error(&diag, NULL, "no loc");
	assert_int_equal(diag.n, 4);
	assert_string_equal(diag.lines[0], "f.conf:3:7: error: bad thing");
	assert_string_equal(diag.lines[1], "f.conf:3: warning: odd 42");
	assert_string_equal(diag.lines[2], "error: no line");
	assert_string_equal(diag.lines[3], "error: no loc");
	assert_int_equal(diag.nerrors, 3);
	assert_int_equal(diag.nwarnings, 1);
}

static void
test_diag_print_and_max_lines(void **state)
{
	char buf[512];
	size_t n;
	FILE *fp;

	(void)state;
	assert_non_null(fp = tmpfile());
	cfg_diag_print(&diag, fp);
	assert_int_equal(ftell(fp), 0);
	diag.max_lines = 2;
	cfg_error(&diag, NULL, "one");
	cfg_warning(&diag, NULL, "two");
	cfg_error(&diag, NULL, "three");
	assert_int_equal(diag.n, 2);
	assert_int_equal(diag.nerrors, 2);
	cfg_diag_print(&diag, fp);
	rewind(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	assert_string_equal(buf,
	    "error: one\nwarning: two\n"
	    "1 more message not shown\n"
	    "2 errors, 1 warning\n");
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_comments_stripped),
		T(test_comment_chars_in_quotes_kept),
		T(test_blank_lines_short_gaps_and_markers),
		T(test_empty_input),
		T(test_crlf_line_ends),
		T(test_marker_like_line_shifted),
		T(test_conditional_lines),
		T(test_conditional_default_is_short_hostname),
		T(test_definition_substituted),
		T(test_definition_needs_space_or_braces),
		T(test_definition_resolved_at_use_time),
		T(test_undefined_left_alone),
		T(test_empty_definition),
		T(test_conditional_definition),
		T(test_definition_making_a_condition),
		T(test_predefined_hash_bang_instance),
		T(test_predefined_pwd_of_buffer_is_cwd),
		T(test_predefined_random),
		T(test_predefined_random_errors),
		T(test_predefined_cannot_be_redefined),
		T(test_recursive_definition_error),
		T(test_substitution_count_limited),
		T(test_recursive_multiline_definition_error),
		T(test_multiline_expands_with_markers),
		T(test_multiline_nested),
		T(test_multiline_used_mid_line),
		T(test_multiline_dropped_by_condition),
		T(test_multiline_unterminated_warns),
		T(test_seq_forms),
		T(test_seqx_hex),
		T(test_seq_errors),
		T(test_seq_variable_restored),
		T(test_lst_single_variable),
		T(test_lst_several_variables),
		T(test_lst_errors),
		T(test_generators_nest_first_outermost),
		T(test_generator_of_multiline_definition),
		T(test_line_limit_exceeded),
		T(test_include_relative_glob),
		T(test_include_from_buffer_relative_to_cwd),
		T(test_include_in_generator),
		T(test_include_depth_limited),
		T(test_include_quoted_and_braces),
		T(test_include_nothing_warns),
		T(test_include_variants_check),
		T(test_include_check_line_scoped_to_file),
		T(test_include_check_line_kept),
		T(test_include_unreadable),
		T(test_include_loop),
		T(test_no_includes),
		T(test_include_syntax_errors),
		T(test_missing_main_file),
		T(test_nul_byte_and_long_line),
		T(test_error_locations),
		T(test_diag_format),
		T(test_diag_print_and_max_lines),
	};
#undef T

	return cmocka_run_group_tests(tests, NULL, NULL);
}
