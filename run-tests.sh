#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# run-tests.sh: on Debian 12 as root, installs what it needs, builds, and
# runs every test: format check, warning-free build, unit and integration
# tests, the IPVS scenarios in a qemu guest, unit tests under ASan+UBSan,
# a --disable-snmp build, and bounded fuzzing runs (the configuration
# language, the VRRP packet parsers, the HTTP check's response path).
# The last line is "N passed, N failed".
set -u
cd "$(dirname "$0")"
top=$(pwd)
. tests/deps.sh

PASS=0
FAIL=0
pass() { PASS=$((PASS + 1)); echo "PASS: $*"; }
fail() { FAIL=$((FAIL + 1)); echo "FAIL: $*"; }
finish() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" -eq 0 ]
	exit
}
# count_trs DIR: adds the TAP results automake's harness left there.
count_trs() {
	local p f
	p=$(cat $(find "$1" -name '*.trs') 2>/dev/null | grep -c '^:test-result: \(PASS\|XFAIL\)')
	f=$(cat $(find "$1" -name '*.trs') 2>/dev/null | grep -c '^:test-result: \(FAIL\|XPASS\|ERROR\)')
	PASS=$((PASS + p))
	FAIL=$((FAIL + f))
	echo "$2: $p passed, $f failed"
	if [ "$f" -gt 0 ]; then
		grep -l '^:test-result: \(FAIL\|XPASS\|ERROR\)' $(find "$1" -name '*.trs') |
			while read -r t; do
				echo "---- ${t%.trs}.log"
				tail -80 "${t%.trs}.log"
			done
	fi
}

install_deps test || { fail "installing packages"; finish; }
./autogen.sh || { fail "autogen"; finish; }

# 1. Format: every C file as .clang-format wants it.
bad=$(git ls-files '*.c' '*.h' 2>/dev/null || find core vrrp check ipvs tests -name '*.[ch]')
bad=$(for f in $bad; do clang-format --dry-run "$f" 2>&1 | grep -q warning && echo "$f"; done)
if [ -z "$bad" ]; then pass "clang-format"; else fail "clang-format:" $bad; fi

# 2. Build, strict warnings as errors.
rm -rf build-check && mkdir build-check && cd build-check
if ../configure --enable-werror -q >configure.out 2>&1 && make -j2 >make.out 2>&1; then
	pass "warning-free build"
else
	cat configure.out make.out | grep -v "cannot remove 'core'" | tail -40
	fail "warning-free build"
	finish
fi

# 3. Unit and integration tests, two at a time: each test has its own
# files, namespaces and pid files (tests/lib.sh), so they run in parallel.
make -j2 check >check.out 2>&1
count_trs . "make check"
cd "$top"

# 3b. The IPVS scenarios, in a qemu guest booting Debian's own kernel
# (this host's has no IPVS), each load-balancing one on vigild and then
# on keepalived 2.2.7 (FILE@keepalived); tests/vm/run.sh prints their TAP
# and ends with "vm: N passed, N failed".
vm_scen=(tests/vm/scenarios/*.sh)
for s in tests/vm/scenarios/lb_*.sh; do vm_scen+=("$s@keepalived"); done
tests/vm/run.sh -b "$top/build-check" -o "$top/build-check/vm-out" -t 600 \
	"${vm_scen[@]}" >build-check/vm.out 2>&1
sum=$(tail -1 build-check/vm.out)
case $sum in
"vm: "*" passed, "*" failed")
	p=${sum#vm: }
	p=${p%% *}
	f=${sum#*passed, }
	f=${f%% *}
	PASS=$((PASS + p))
	FAIL=$((FAIL + f))
	echo "IPVS guest: $p passed, $f failed"
	[ "$f" -eq 0 ] || grep -v '^ok ' build-check/vm.out | tail -120
	;;
*)
	fail "tests/vm/run.sh"
	tail -40 build-check/vm.out
	;;
esac

# 4. Unit tests under AddressSanitizer and UndefinedBehaviorSanitizer.
rm -rf build-asan && mkdir build-asan && cd build-asan
san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1"
if ../configure -q CFLAGS="$san" LDFLAGS="-fsanitize=address,undefined" >configure.out 2>&1 &&
	make -j2 >make.out 2>&1; then
	ASAN_OPTIONS=detect_leaks=1 make check-unit >check.out 2>&1
	count_trs . "unit tests under ASan+UBSan"
else
	tail -40 make.out
	fail "sanitizer build"
fi
cd "$top"

# 5. The SNMP subsystem can be left out at build time.
rm -rf build-nosnmp && mkdir build-nosnmp && cd build-nosnmp
if ../configure -q --enable-werror --disable-snmp >configure.out 2>&1 &&
	make -j2 vigild >make.out 2>&1 && ./vigild -v | grep -q "disabled at build time"; then
	pass "--disable-snmp build"
else
	fail "--disable-snmp build"
fi
cd "$top"

# 6. Fuzz the configuration preprocessor and parser for a bounded time.
rm -rf build-fuzz && mkdir build-fuzz && cd build-fuzz
secs=${FUZZ_SECONDS:-120}
if ../configure -q CC=clang --enable-fuzzing \
	CFLAGS="-g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
	LDFLAGS="-fsanitize=address,undefined" >configure.out 2>&1 &&
	make -j2 tests/fuzz/fuzz_cfg >make.out 2>&1; then
	# Seeds: the fuzz corpus, the samples and the config corpus (every
	# section of the language).
	mkdir -p corpus && cp "$top"/tests/fuzz/corpus/* "$top"/etc/*.conf \
		"$top"/tests/corpus/*.conf corpus/
	if ./tests/fuzz/fuzz_cfg -max_total_time="$secs" -max_len=8192 \
		-print_final_stats=1 -close_fd_mask=3 corpus >fuzz.out 2>&1; then
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' fuzz.out)
		pass "fuzz_cfg: $secs s, $execs executions, no crash"
	else
		tail -40 fuzz.out
		fail "fuzz_cfg found a crash"
	fi
else
	tail -40 make.out configure.out
	fail "fuzz build"
fi
# 7. Fuzz the VRRP packet parsers and their build -> parse round trip.
if [ -f Makefile ] && make -j2 tests/fuzz/fuzz_vrrp_pkt >make-vrrp.out 2>&1; then
	vsecs=${FUZZ_VRRP_SECONDS:-30}
	# Seeds: one reference packet of each version and family.
	mkdir -p corpus-vrrp && cp "$top"/tests/fuzz/corpus-vrrp/* corpus-vrrp/
	if ./tests/fuzz/fuzz_vrrp_pkt -max_total_time="$vsecs" -max_len=4200 \
		-print_final_stats=1 -close_fd_mask=3 corpus-vrrp >fuzz-vrrp.out 2>&1; then
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' fuzz-vrrp.out)
		pass "fuzz_vrrp_pkt: $vsecs s, $execs executions, no crash"
	else
		tail -40 fuzz-vrrp.out
		fail "fuzz_vrrp_pkt found a crash"
	fi
else
	tail -40 make-vrrp.out
	fail "fuzz_vrrp_pkt build"
fi
# 8. Fuzz the HTTP check's response path (status line, headers, body,
# digest, regex) through a real libcurl transfer.
if [ -f Makefile ] && make -j2 tests/fuzz/fuzz_http >make-http.out 2>&1; then
	hsecs=${FUZZ_HTTP_SECONDS:-30}
	# libFuzzer writes into the first directory: a copy of the seeds.
	mkdir -p corpus-http && cp "$top"/tests/fuzz/corpus-http/* corpus-http/
	if ./tests/fuzz/fuzz_http -max_total_time="$hsecs" -max_len=4096 \
		-print_final_stats=1 -close_fd_mask=3 corpus-http >fuzz-http.out 2>&1; then
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' fuzz-http.out)
		pass "fuzz_http: $hsecs s, $execs executions, no crash"
	else
		tail -40 fuzz-http.out
		fail "fuzz_http found a crash"
	fi
else
	tail -40 make-http.out
	fail "fuzz_http build"
fi
cd "$top"
finish
