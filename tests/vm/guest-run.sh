#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/vm/guest-run.sh OUTDIR: inside the test guest (started by
# tests/vm/init.sh, chrooted in the guest's view of the host root), runs
# the scenarios run.sh listed in OUTDIR/vm/plan, in order, each under a
# timeout: stdout to OUTDIR/NAME.tap, stderr to OUTDIR/NAME.log, and
# "STATUS SECONDS" to OUTDIR/vm/NAME.rc once it ended.  Between two
# scenarios it deletes the namespaces and the IPVS table they left.
set -u
out=$1
read -r up _ </proc/uptime
echo "$up" >"$out/vm/boot-seconds"

# VIGILD, TOP_SRCDIR, VM_TIMEOUT and SCENARIOS (an array of paths).
# shellcheck source=/dev/null
. "$out/vm/plan"
export VIGILD TOP_SRCDIR VM_OUT=$out VIGIL_VM=1

for s in "${SCENARIOS[@]}"; do
	# FILE@IMPL: the scenario on another implementation (keepalived)
	impl=
	case $s in
	*@*)
		impl=${s##*@}
		s=${s%@*}
		;;
	esac
	name=$(basename "$s" .sh)${impl:+@$impl}
	echo "vm: scenario $name" >/dev/console
	t0=${EPOCHREALTIME/./}
	# Appending: what reopens /dev/stdout or /dev/stderr adds to the
	# file instead of writing over it.
	: >"$out/$name.tap"
	: >"$out/$name.log"
	(cd /tmp && { [ -z "$impl" ] || export VIGIL_NODE_IMPL=$impl; } &&
		exec timeout -k 10 "$VM_TIMEOUT" /bin/bash "$s") \
		>>"$out/$name.tap" 2>>"$out/$name.log" </dev/null
	rc=$?
	t1=${EPOCHREALTIME/./}
	t=$(((t1 - t0) / 10000))
	printf '%d %d.%02d\n' "$rc" $((t / 100)) $((t % 100)) >"$out/vm/$name.rc"
	ip -all netns delete 2>/dev/null
	[ -e /proc/net/ip_vs ] && ipvsadm -C 2>/dev/null
done
read -r up _ </proc/uptime
echo "$up" >"$out/vm/end-seconds"
sync
