#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# config_test.sh: `vigild -t` on good and broken files: verdict, exit code,
# file:line:col errors, -t=LOG_FILE, -d, includes, -e and -i.
# Topology: none (no daemon runs).
. "$(dirname "$0")/../lib.sh"

good="$WORK/good.conf"
cat >"$good" <<'CONF'
! a sample with comments, a definition and a conditional line
$ID=lb1
global_defs {
    router_id ${ID}   # trailing comment
    @lb2 router_id second
    vrrp_version 3
}
include conf.d/*.conf
CONF
mkdir "$WORK/conf.d"
printf 'global_defs {\n    smtp_connect_timeout 10\n}\n' >"$WORK/conf.d/a.conf"

out=$("$VIGILD" -t -f "$good" 2>&1)
check "-t on a good file exits 0" test $? -eq 0
check "-t on a good file says OK" \
	grep -q "^Configuration file $good OK\$" <<<"$out"

out=$("$VIGILD" -t -d -f "$good" 2>/dev/null)
check "-t -d prints the model with the definition applied, and its origin" \
	grep -q "^ *router_id lb1  *# $good:4\$" <<<"$out"
check "-t -d prints values from an included file, with its origin" grep -q \
	"^ *smtp_connect_timeout 10.000000  *# $WORK/conf.d/a.conf:2\$" <<<"$out"
check "-t -d marks a value nobody set as a default" \
	grep -q "^ *vrrp_garp_master_repeat 5  *# default\$" <<<"$out"
out=$("$VIGILD" -t -d -i lb2 -f "$good" 2>/dev/null)
check "-i selects @conditional lines" \
	grep -q "^ *router_id second  *# $good:5\$" <<<"$out"

bad="$WORK/bad.conf"
cat >"$bad" <<'CONF'
global_defs {
    router_id lb1
    vrrp_verison 3
    vrrp_garp_master_repeat -4
}
CONF
out=$("$VIGILD" -t -f "$bad" 2>&1)
rc=$?
check "-t on a broken file exits 5, as keepalived -t" test $rc -eq 5
check "unknown keyword: file:line:col and a suggestion" grep -q \
	"^$bad:3:5: error: unknown keyword 'vrrp_verison' in global_defs; did you mean 'vrrp_version'?" \
	<<<"$out"
check "out-of-range value: file:line:col" \
	grep -q "^$bad:4:29: error: invalid value '-4'" <<<"$out"
check "-t on a broken file says so" \
	grep -q "^Configuration file $bad has errors\$" <<<"$out"

"$VIGILD" --config-test="$WORK/t.log" -f "$bad" >/dev/null 2>&1
check "--config-test=LOG_FILE exits non-zero on errors" test $? -ne 0
check "--config-test=LOG_FILE writes the errors to the file" \
	grep -q "vrrp_verison" "$WORK/t.log"

printf 'bfd_instance B {\n    min_rx 10\n}\n' >"$WORK/bfd.conf"
out=$("$VIGILD" -t -f "$WORK/bfd.conf" 2>&1)
check "a section not supported yet is an error, not ignored" grep -q \
	"bfd.conf:1:1: error: section 'bfd_instance' is not supported yet" \
	<<<"$out"

printf 'global_defs {\n    router_id x\n' >"$WORK/open.conf"
out=$("$VIGILD" -t -f "$WORK/open.conf" 2>&1)
check "an unclosed block is an error at its opening" grep -q \
	"open.conf:1:1: error: missing '}' to close 'global_defs'" <<<"$out"

printf 'include nothing/*.conf\nglobal_defs {\n}\n' >"$WORK/inc.conf"
out=$("$VIGILD" -t -f "$WORK/inc.conf" 2>&1)
check "an include matching nothing is a warning" test $? -eq 0
check "the warning names the include" grep -q "inc.conf:1:.*warning" <<<"$out"
"$VIGILD" -t -e -f "$WORK/inc.conf" >/dev/null 2>&1
check "with -e an include matching nothing is an error" test $? -ne 0

"$VIGILD" -t -f "$WORK/missing.conf" >"$WORK/m.out" 2>&1
check "a missing main file exits 4, as keepalived -t" test $? -eq 4
check "the missing file is named" grep -q "missing.conf" "$WORK/m.out"

done_testing
