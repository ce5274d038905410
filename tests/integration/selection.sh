#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# selection.sh: which children start: none for a global_defs-only file
# without --all, every one with --all, -P only vrrp, -C checker + ipvs.
# Topology: one namespace, loopback only.
. "$(dirname "$0")/../lib.sh"

ns_create
conf="$WORK/k.conf"
write_conf "$conf"

run_case() { # NAME EXPECTED-TITLES ARGS...
	local name=$1 want=$2 got
	shift 2
	: >"$LOG"
	start_vigild "$conf" "$@"
	if [ -n "$want" ]; then
		wait_for 10 n_children "$VPID" "$(wc -w <<<"$want")"
	else
		# Logged after the parent decided which children to fork.
		wait_for 10 log_has "no child has configuration to run"
	fi
	got=$(children_of "$VPID" | sed -n 's/.*vigild: //p' | sort | tr '\n' ' ')
	check "$name: children are [$want]" test "$got" = "$want"
	stop_pid "$VPID"
	VPID=
}

run_case "no section, no --all" ""
check "it says why nothing runs" log_has "no child has configuration to run (use --all"
run_case "--all" "checker ipvs vrrp " --all
run_case "--all -P" "vrrp " --all -P
run_case "--all -C" "checker ipvs " --all -C
run_case "--all -P -C" "checker ipvs vrrp " --all -P -C
done_testing
