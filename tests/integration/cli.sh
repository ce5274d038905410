#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# cli.sh: the keepalived-compatible command line from the outside: usage,
# unknown flags, --signum, -v, and that keepalived's flags are all taken.
# Topology: none.
. "$(dirname "$0")/../lib.sh"

out=$("$VIGILD" --help 2>&1)
check "--help exits 0" test $? -eq 0
for flag in -f -P -C -B --all -l -D -S -G -u -X -V -I -R -n -d -p -r -c \
    --ipvs_pid -b -a -x -A -s -m -M -e -i --signum -t -v -h; do
	check "--help lists $flag" grep -q -- " $flag[ ,=]" <<<"$out"
done

out=$("$VIGILD" --bogus 2>&1)
check "an unknown flag exits non-zero" test $? -ne 0
check "an unknown flag prints the usage" grep -q "^Usage: vigild" <<<"$out"
"$VIGILD" extra-argument >/dev/null 2>&1
check "a stray argument exits non-zero" test $? -ne 0

check "--signum=STOP is 15" test "$("$VIGILD" --signum=STOP)" = 15
check "--signum=RELOAD is 1" test "$("$VIGILD" --signum=RELOAD)" = 1
check "--signum=DATA is 10" test "$("$VIGILD" --signum=DATA)" = 10
check "--signum=STATS is 12" test "$("$VIGILD" --signum=STATS)" = 12

out=$("$VIGILD" -v)
check "-v prints the version" grep -q "^vigild [0-9]" <<<"$out"
"$VIGILD" -T >/dev/null 2>&1
check "-T (genhash) says it is not there yet and fails" test $? -ne 0

if command -v keepalived >/dev/null; then
	# Every short flag keepalived documents is one vigild takes too.
	ka=$(keepalived --help 2>&1 | grep -oE '^  -[A-Za-z]' | tr -d ' -')
	missing=
	for f in $ka; do
		grep -q -- "  -$f," <<<"$("$VIGILD" --help)" || missing="$missing $f"
	done
	check "every keepalived short flag is taken (missing:$missing)" \
		test -z "$missing"
fi
done_testing
