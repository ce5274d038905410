/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test_cfg_parse.c: tokenizer, block walker, value kinds, error positions. */

#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cfg.h"

/* A section of every kind, registered under the name "test_section". */
struct test_obj {
	bool flag, b;
	int64_t i;
	uint64_t t;
	char s[8];
	int e;
	struct cfg_addr a;
	char items[4][16];
	int nitems;
	int customs;
};

static struct test_obj obj;
static const char *const colours[] = { "red", "green", NULL };

static void *
enter_test(struct cfg_parser *p, const struct cfg_stmt *st, void *cfg)
{
	(void)cfg;
	if (cfg_want_args(p, st, 0, 0, "") < 0)
		return NULL;
	return &obj;
}

static int
custom(struct cfg_parser *p, const struct cfg_keyword *k,
    const struct cfg_stmt *st, void *o)
{
	(void)k;
	(void)p;
	(void)st;
	((struct test_obj *)o)->customs++;
	return 0;
}

static int
item(struct cfg_parser *p, const struct cfg_stmt *st, void *o)
{
	struct test_obj *t = o;

	if (t->nitems == 4) {
		cfg_perror(p, &st->argv[0].loc, "too many items");
		return -1;
	}
	return cfg_get_str(p, &st->argv[0], t->items[t->nitems++], 16);
}

static const struct cfg_block list_block = {
	.name = "list",
	.enter = NULL,
	.item = item,
};

static const struct cfg_keyword test_keywords[] = {
	{ .name = "flag",
	    .kind = CFG_FLAG,
	    .off = offsetof(struct test_obj, flag) },
	{ .name = "bool",
	    .kind = CFG_BOOL,
	    .off = offsetof(struct test_obj, b) },
	{ .name = "int",
	    .kind = CFG_INT,
	    .off = offsetof(struct test_obj, i),
	    .min = -5,
	    .max = 300,
	    .usage = "<N>" },
	{ .name = "timer",
	    .kind = CFG_TIMER,
	    .off = offsetof(struct test_obj, t),
	    .min = 1000,
	    .max = 60000000,
	    .usage = "<SECS>" },
	{ .name = "str",
	    .kind = CFG_STR,
	    .off = offsetof(struct test_obj, s),
	    .max = 8,
	    .usage = "<WORD>" },
	{ .name = "colour",
	    .kind = CFG_ENUM,
	    .off = offsetof(struct test_obj, e),
	    .names = colours,
	    .usage = "red|green" },
	{ .name = "addr",
	    .kind = CFG_ADDR,
	    .off = offsetof(struct test_obj, a),
	    .usage = "<ADDR>" },
	{ .name = "custom",
	    .kind = CFG_CUSTOM,
	    .fn = custom,
	    .flags = CFG_F_REPEAT },
	{ .name = "list", .kind = CFG_BLOCK, .block = &list_block },
	{ .name = "later", .kind = CFG_UNSUPPORTED },
	CFG_KW_END,
};

static const struct cfg_block test_block = {
	.name = "test_section",
	.keywords = test_keywords,
	.enter = enter_test,
};

/* The section's object is not inside the config: print it by hand. */
static void
dump_test(FILE *f, const struct cfg_keyword *k, const void *cfg, int indent)
{
	(void)cfg;
	cfg_dump_object(f, k->block, k->name, &obj, indent);
}

static const struct cfg_section test_sections[] = {
	{ .kw = { .name = "test_section",
	      .kind = CFG_BLOCK,
	      .block = &test_block,
	      .dump = dump_test },
	    .owner = CFG_OWNER_VRRP },
};

static struct cfg_diag diag;

static int
setup(void **state)
{
	(void)state;
	memset(&obj, 0, sizeof(obj));
	cfg_diag_init(&diag);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	cfg_diag_free(&diag);
	return 0;
}

static struct config *
parse(const char *text)
{
	return cfg_parse_text(text, strlen(text), &diag);
}

/* True when some diagnostic line contains s. */
static bool
has_diag(const char *s)
{
	size_t i;

	for (i = 0; i < diag.n; i++)
		if (strstr(diag.lines[i], s) != NULL)
			return true;
	return false;
}

static void
print_diag(void)
{
	size_t i;

	for (i = 0; i < diag.n; i++)
		fprintf(stderr, "# %s\n", diag.lines[i]);
}

static void
assert_diag(const char *s)
{
	if (!has_diag(s)) {
		print_diag();
		fail_msg("no diagnostic contains: %s", s);
	}
}

static void
test_every_kind(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse("test_section {\n flag\n bool off\n int -5\n"
	            " timer 2.5\n str abc\n colour green\n addr 2001:db8::1\n"
	            " custom x y\n custom\n list {\n one\n two\n }\n}\n");
	if (cfg == NULL)
		print_diag();
	assert_non_null(cfg);
	assert_true(obj.flag);
	assert_false(obj.b);
	assert_int_equal(obj.i, -5);
	assert_int_equal(obj.t, 2500000);
	assert_string_equal(obj.s, "abc");
	assert_int_equal(obj.e, 1);
	assert_int_equal(obj.a.family, AF_INET6);
	assert_int_equal(obj.customs, 2);
	assert_int_equal(obj.nitems, 2);
	assert_string_equal(obj.items[1], "two");
	assert_true(cfg->present & CFG_OWNER_VRRP);
	assert_int_equal(diag.nerrors, 0);
	cfg_free(cfg);
}

static void
test_bool_without_value_is_true(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse("test_section {\nbool\n}\n");
	assert_non_null(cfg);
	assert_true(obj.b);
	cfg_free(cfg);
}

static void
test_braces_anywhere(void **state)
{
	struct config *cfg;

	(void)state;
	/* '{' on the next line, items on the brace's line, '}' glued. */
	cfg = parse("test_section\n{\nlist { a b\nc }\nint 3}\n");
	if (cfg == NULL)
		print_diag();
	assert_non_null(cfg);
	assert_int_equal(obj.nitems, 2); /* "a b" is one item line, then c */
	assert_string_equal(obj.items[0], "a");
	assert_string_equal(obj.items[1], "c");
	assert_int_equal(obj.i, 3);
	cfg_free(cfg);
}

static void
test_quotes_and_escapes(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse("test_section {\nlist {\n\"a b\"\n'x\\ty'\n\"\\x41\\102"
	            "\"\nab\"c d\"e\n}\n}\n");
	if (cfg == NULL)
		print_diag();
	assert_non_null(cfg);
	assert_string_equal(obj.items[0], "a b");
	assert_string_equal(obj.items[1], "x\ty");
	assert_string_equal(obj.items[2], "AB");
	assert_string_equal(obj.items[3], "abc de");
	cfg_free(cfg);
}

static void
test_hash_is_text_in_resolved_text(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse("test_section {\nlist {\na#b\n!c\n}\n}\n");
	assert_non_null(cfg);
	assert_string_equal(obj.items[0], "a#b");
	assert_string_equal(obj.items[1], "!c");
	cfg_free(cfg);
}

static void
test_unterminated_quote(void **state)
{
	(void)state;
	assert_null(parse("test_section {\nstr \"abc\n}\n"));
	assert_diag("<config>:2:5: error: unterminated quoted string");
}

static void
test_markers_give_locations(void **state)
{
	(void)state;
	assert_null(parse("#@ 40 /etc/k.conf\ntest_section {\n#@ 7 /etc/"
	                  "inc dir/x.conf\nint 1000\n}\n"));
	assert_diag("/etc/inc dir/x.conf:7:5: error: invalid value '1000': "
	            "expected an integer from -5 to 300");
}

static void
test_unknown_keyword_suggests(void **state)
{
	(void)state;
	assert_null(parse("test_section {\n  colur red\n}\n"));
	assert_diag("<config>:2:3: error: unknown keyword 'colur' in "
	            "test_section; did you mean 'colour'?");
}

static void
test_unknown_section(void **state)
{
	(void)state;
	assert_null(parse("bfd_instanse B {\nx\n}\ntest_section {\n}\n"));
	assert_diag("<config>:1:1: error: unknown keyword 'bfd_instanse' in "
	            "the top level; did you mean 'bfd_instance'?");
	assert_int_equal(diag.nerrors, 1); /* the block was skipped whole */
}

static void
test_section_not_supported_yet(void **state)
{
	(void)state;
	assert_null(parse("bfd_instance B {\n min_rx 10\n}\n"));
	assert_diag("<config>:1:1: error: section 'bfd_instance' is not "
	            "supported yet");
	assert_int_equal(diag.nerrors, 1);
}

static void
test_keyword_not_supported_yet(void **state)
{
	(void)state;
	assert_null(parse("test_section {\nlater 1\n}\n"));
	assert_diag("keyword 'later' is not supported yet");
}

static void
test_missing_close_brace(void **state)
{
	(void)state;
	assert_null(parse("test_section {\nint 1\n"));
	assert_diag("<config>:1:1: error: missing '}' to close "
	            "'test_section'");
}

static void
test_extra_close_brace(void **state)
{
	(void)state;
	assert_null(parse("test_section {\n}\n}\n"));
	assert_diag("<config>:3:1: error: unexpected '}': no block is open");
}

static void
test_block_keyword_without_block(void **state)
{
	(void)state;
	assert_null(parse("test_section\nint 3\n"));
	assert_diag("<config>:1:1: error: 'test_section' expects a block: '{' "
	            "missing");
}

static void
test_plain_keyword_with_block(void **state)
{
	(void)state;
	assert_null(parse("test_section {\nint 3 {\nx\n}\n}\n"));
	assert_diag("<config>:2:1: error: 'int' does not take a block");
	assert_int_equal(diag.nerrors, 1);
}

static void
test_argument_count(void **state)
{
	(void)state;
	assert_null(parse("test_section {\nint\nflag 1\nstr a b\n}\n"));
	assert_diag("<config>:2:1: error: 'int' is missing its argument: "
	            "expected 'int <N>'");
	assert_diag("<config>:3:6: error: unexpected '1': 'flag' takes no "
	            "argument");
	assert_diag("<config>:4:7: error: unexpected 'b': expected 'str "
	            "<WORD>'");
}

static void
test_bad_values(void **state)
{
	(void)state;
	assert_null(parse("test_section {\nbool maybe\ntimer 0.0001\n"
	                  "timer 1x\nstr toolongvalue\ncolour blue\n"
	                  "addr 300.1.1.1\nint 3.5\n}\n"));
	assert_diag(":2:6: error: invalid value 'maybe': expected one of on");
	assert_diag(":3:7: error: invalid value '0.0001': expected a time in "
	            "seconds from 0.001000 to 60.000000");
	assert_diag(":4:7: error: invalid value '1x'");
	assert_diag(":5:5: error: value too long: 12 characters, at most 7");
	assert_diag(":6:8: error: invalid value 'blue' for 'colour': expected "
	            "red|green");
	assert_diag(":7:6: error: invalid address '300.1.1.1'");
	assert_diag(":8:5: error: invalid value '3.5'");
	assert_int_equal(diag.nerrors, 7);
}

static void
test_repeat_warns_last_wins(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse("test_section {\nint 1\nint 2\n}\n");
	assert_non_null(cfg);
	assert_int_equal(obj.i, 2);
	assert_int_equal(diag.nwarnings, 1);
	assert_diag(":3:1: warning: 'int' is given again in test_section; "
	            "the last one wins");
	cfg_free(cfg);
}

static void
test_brace_without_keyword(void **state)
{
	(void)state;
	assert_null(parse("{\nint 1\n}\n"));
	assert_diag("<config>:1:1: error: unexpected '{': a block must follow "
	            "a keyword");
}

static void
test_dollar_brace_stays_in_word(void **state)
{
	struct config *cfg;

	(void)state;
	cfg = parse("test_section {\nlist {\n/bin/x${UNDEF}y\n}\n}\n");
	assert_non_null(cfg);
	assert_string_equal(obj.items[0], "/bin/x${UNDEF}y");
	cfg_free(cfg);
}

static void
test_dump(void **state)
{
	struct config *cfg;
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	cfg = parse("test_section {\nint 7\ntimer 0.25\naddr 192.0.2.1\n}\n");
	assert_non_null(cfg);
	f = open_memstream(&buf, &len);
	cfg_dump_block(f, &test_block, &obj, 2);
	fclose(f);
	assert_non_null(strstr(buf, "  int 7\n"));
	assert_non_null(strstr(buf, "  timer 0.250000\n"));
	assert_non_null(strstr(buf, "  addr 192.0.2.1\n"));
	assert_non_null(strstr(buf, "  colour red\n"));
	free(buf);
	cfg_free(cfg);
}

/* With origins kept, each value says where it came from. */
static void
test_dump_origins(void **state)
{
	struct config *cfg;
	char *buf = NULL, *line;
	size_t len = 0;
	FILE *f;

	(void)state;
	cfg_set_keep_origins(true);
	cfg = parse("test_section {\nint 7\n#@ 40 other.conf\naddr "
	            "192.0.2.1\n}\n");
	assert_non_null(cfg);
	f = open_memstream(&buf, &len);
	cfg_dump(f, cfg);
	fclose(f);
	line = strstr(buf, "    int 7 ");
	assert_non_null(line);
	assert_true(strncmp(strstr(line, "#"), "# <config>:2\n", 13) == 0);
	line = strstr(buf, "    addr 192.0.2.1 ");
	assert_non_null(line);
	assert_true(strncmp(strstr(line, "#"), "# other.conf:40\n", 16) == 0);
	line = strstr(buf, "    colour red ");
	assert_non_null(line);
	assert_true(strncmp(strstr(line, "#"), "# default\n", 10) == 0);
	free(buf);
	cfg_free(cfg);
	cfg_set_keep_origins(false);
}

static void
test_suggestions(void **state)
{
	static const char *const names[] = { "router_id", "vrrp_version",
		NULL };

	(void)state;
	assert_int_equal(cfg_edit_distance("kitten", "sitting"), 3);
	assert_string_equal(cfg_suggest("routr_id", names), "router_id");
	assert_string_equal(cfg_suggest("vrrp_verison", names), "vrrp_version");
	assert_null(cfg_suggest("completely_else", names));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_every_kind),
		T(test_bool_without_value_is_true),
		T(test_braces_anywhere),
		T(test_quotes_and_escapes),
		T(test_hash_is_text_in_resolved_text),
		T(test_unterminated_quote),
		T(test_markers_give_locations),
		T(test_unknown_keyword_suggests),
		T(test_unknown_section),
		T(test_section_not_supported_yet),
		T(test_keyword_not_supported_yet),
		T(test_missing_close_brace),
		T(test_extra_close_brace),
		T(test_block_keyword_without_block),
		T(test_plain_keyword_with_block),
		T(test_argument_count),
		T(test_bad_values),
		T(test_repeat_warns_last_wins),
		T(test_brace_without_keyword),
		T(test_dollar_brace_stays_in_word),
		T(test_dump),
		T(test_dump_origins),
		T(test_suggestions),
#undef T
	};

	cfg_register_core();
	cfg_register(test_sections, 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
