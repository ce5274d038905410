/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz_cfg.c: libFuzzer target for the preprocessor, the parser of the
   whole language (every subsystem's sections and validators) and -d. */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cfg.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int registered;
	struct cfg_pre_opts po = {
		.config_id = "lb1", .no_includes = true, .max_lines = 100000
	};
	struct cfg_diag diag;
	struct config *cfg;
	char *text;
	size_t len;

	if (!registered) {
		cfg_register_all();
		/* Origins on: -d's bookkeeping is fuzzed too. */
		cfg_set_keep_origins(true);
		registered = 1;
	}
	/* The whole path: raw file text through the preprocessor. */
	cfg_diag_init(&diag);
	if (cfg_resolve_buffer("fuzz.conf", (const char *)data, size, &po,
	        &diag, &text, &len) == 0) {
		cfg_free(cfg_parse_text(text, len, &diag));
		free(text);
	}
	cfg_diag_free(&diag);
	/* The parser alone, on bytes no preprocessor produced (markers). */
	cfg_diag_init(&diag);
	cfg = cfg_parse_text((const char *)data, size, &diag);
	if (cfg != NULL) {
		/* A model that parsed must print (-d) without fault. */
		FILE *null = fopen("/dev/null", "w");

		if (null != NULL) {
			cfg_dump(null, cfg);
			fclose(null);
		}
	}
	cfg_free(cfg);
	cfg_diag_free(&diag);
	return 0;
}
