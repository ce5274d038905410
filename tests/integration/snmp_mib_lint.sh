#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# snmp_mib_lint.sh: every MIB module vigil ships (doc/*MIB*.txt) passes
# smilint without errors and snmptranslate -Tp without complaint, with the
# base modules of tests/snmp_mibs; and every object of vigil's
# KEEPALIVED-MIB has the OID keepalived 2.2.7's MIB gives it (Debian's
# /usr/share/snmp/mibs/KEEPALIVED-MIB.txt), since the OIDs are the
# interface monitoring relies on.
. "$(dirname "$0")/../lib.sh"

MIBS_DIR="$TOP_SRCDIR/tests/snmp_mibs"
export SMIPATH="$MIBS_DIR"
n=0
for f in "$TOP_SRCDIR"/doc/*MIB*.txt; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	mod=$(awk '/DEFINITIONS *::= *BEGIN/ { print $1; exit }' "$f")
	out=$(smilint -l 3 "$f" 2>&1)
	check "smilint: $(basename "$f") has no error" test -z "$out"
	[ -z "$out" ] || diag "$out"
	mkdir -p "$WORK/mibs"
	cp "$f" "$WORK/mibs/$mod.txt"
	out=$(MIBDIRS="$MIBS_DIR:$WORK/mibs" snmptranslate -m "$mod" -Tp 2>&1 >/dev/null)
	check "snmptranslate -Tp: $mod loads cleanly" test -z "$out"
	[ -z "$out" ] || diag "$out"
done
check "there are MIB files to check" test "$n" -gt 0

ref=/usr/share/snmp/mibs/KEEPALIVED-MIB.txt
if [ -f "$ref" ]; then
	mkdir -p "$WORK/ref"
	cp "$ref" "$WORK/ref/KEEPALIVED-MIB.txt"
	names=$(awk '/^[a-z][A-Za-z0-9]* +(OBJECT-TYPE|NOTIFICATION-TYPE)/ { print $1 }' \
		"$TOP_SRCDIR/doc/KEEPALIVED-MIB.txt")
	bad=0
	for o in $names; do
		a=$(MIBDIRS="$MIBS_DIR:$WORK/mibs" snmptranslate -m KEEPALIVED-MIB -On "KEEPALIVED-MIB::$o" 2>&1)
		b=$(MIBDIRS="$MIBS_DIR:$WORK/ref" snmptranslate -m KEEPALIVED-MIB -On "KEEPALIVED-MIB::$o" 2>&1)
		if [ "$a" != "$b" ]; then
			diag "$o: vigil $a, keepalived $b"
			bad=$((bad + 1))
		fi
	done
	check "every object has keepalived's OID ($(echo "$names" | wc -w) objects)" test "$bad" = 0
fi
done_testing
