#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# corpus.sh: `vigild -t` on every tests/corpus/*.conf gives the verdict in
# the file's "# expect:" header (and prints its "# warning:" line, if any);
# keepalived -t, when installed, gives the verdict its "# keepalived:"
# header claims, so a stale header is caught.
# Topology: one namespace with eth0, eth1, eth2 (dummy, or veth pairs when
# the kernel has no dummy driver); both tools check the interfaces exist.
. "$(dirname "$0")/../lib.sh"

CORPUS="$TOP_SRCDIR/tests/corpus"

# add_if NAME: an up interface NAME in $NS.
add_if() {
	if ! ip -n "$NS" link add "$1" type dummy 2>/dev/null; then
		# The peer is named NAMEp; the configs never mention it.
		ip -n "$NS" link add "$1" type veth peer name "${1}p" || return 1
		ip -n "$NS" link set "${1}p" up || return 1
	fi
	ip -n "$NS" link set "$1" up
}

# header FILE KEY: the value of the "# KEY:" line, first one only.
header() { sed -n "s/^# $2: *//p" "$1" | head -n 1; }

# has_located_error OUTPUT: a FILE:LINE:COL error naming a corpus file.
has_located_error() {
	grep -Eq '^[^:]*tests/corpus/[^:]+:[0-9]+:[0-9]+: error: ' <<<"$1"
}

# has_located_warning OUTPUT TEXT: a FILE:LINE:COL warning saying TEXT.
has_located_warning() {
	grep -E '^[^:]*tests/corpus/[^:]+:[0-9]+:[0-9]+: warning: ' <<<"$1" |
		grep -Fq -- "$2"
}

# show OUTPUT: the first lines of a tool's output as TAP diagnostics.
show() { head -n 8 <<<"$1" | sed 's/^/#   /'; }

ns_create
for i in 0 1 2; do
	add_if "eth$i" || diag "cannot create eth$i in $NS"
done

have_keepalived=false
command -v keepalived >/dev/null 2>&1 && have_keepalived=true
$have_keepalived || diag "keepalived not installed: its verdicts are not checked"

n=0
for f in "$CORPUS"/*.conf; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	name=$(basename "$f")
	expect=$(header "$f" expect)
	kahdr=$(header "$f" keepalived)

	case "$expect" in
	ok | error) ;;
	*)
		not_ok "$name: '# expect:' header is ok or error (got '$expect')"
		continue
		;;
	esac

	out=$(ip netns exec "$NS" "$VIGILD" -t -f "$f" 2>&1)
	rc=$?
	before=$T_FAIL
	if [ "$expect" = ok ]; then
		check "$name: vigild -t accepts it (exit 0)" test "$rc" -eq 0
		warn=$(header "$f" warning)
		[ -z "$warn" ] ||
			check "$name: vigild -t warns at FILE:LINE:COL" \
			    has_located_warning "$out" "$warn"
	else
		check "$name: vigild -t rejects it (exit 5)" test "$rc" -eq 5
		check "$name: vigild -t names FILE:LINE:COL of an error" \
		    has_located_error "$out"
	fi
	if [ "$T_FAIL" -ne "$before" ]; then
		diag "vigild -t exited $rc:"
		show "$out"
	fi

	$have_keepalived || continue
	case "$kahdr" in
	same) ka_want=$expect ;;
	differs:*)
		# keepalived is expected to give the opposite verdict.
		if [ "$expect" = ok ]; then ka_want=error; else ka_want=ok; fi
		;;
	*)
		not_ok "$name: '# keepalived:' header is same or differs: (got '$kahdr')"
		continue
		;;
	esac
	# -l: log to the console so a failure can be shown below.
	kout=$(timeout 30 ip netns exec "$NS" keepalived -t -f "$f" -l 2>&1)
	krc=$?
	if [ "$krc" -eq 0 ]; then ka_got=ok; else ka_got=error; fi
	check "$name: keepalived -t verdict is $ka_want (header: $kahdr)" \
	    test "$ka_got" = "$ka_want"
	if [ "$ka_got" != "$ka_want" ] || [ "$krc" -eq 124 ]; then
		diag "keepalived -t exited $krc:"
		show "$kout"
	fi
done
check "the corpus has files ($n)" test "$n" -gt 0

done_testing
