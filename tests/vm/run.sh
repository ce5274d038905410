#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/vm/run.sh [-b BUILD] [-o OUTDIR] [-t SECONDS] SCENARIO.sh...:
# boots one qemu guest (TCG, no NIC) on Debian's kernel, whose root is this
# host's root seen read-only through 9p under a tmpfs overlay, and runs
# the scenarios there in order, as root, each under a timeout of SECONDS
# (300).  A scenario prints TAP; its stdout lands in OUTDIR/NAME.tap, its
# stderr in OUTDIR/NAME.log (OUTDIR: a new /tmp/vigil-vm.XXXXXX unless
# given; OUTDIR/vm/ has the guest's console log).  Then prints each
# scenario's TAP and "vm: N passed, N failed" (test points; a scenario
# that did not finish, or exited non-zero, is one failure more), and exits
# non-zero on any failure.
#
# BUILD (-b, else $VIGIL_BUILD, else TOP_SRCDIR/build-check or build-dev,
# whichever has a vigild) is the build directory whose vigild the
# scenarios get as $VIGILD.  Environment: VIGIL_VM_DIR, the guest cache
# (mkguest.sh); VIGIL_VM_MEM (2048, MiB), VIGIL_VM_SMP (2);
# VIGIL_VM_APPEND, more kernel parameters (loglevel=7 to see the boot);
# VIGIL_VM_QEMU_ARGS, the CPU and machine options (-cpu max -machine q35).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)

out=
per=300
build=${VIGIL_BUILD:-}
while getopts b:o:t: opt; do
	case $opt in
	b) build=$OPTARG ;;
	o) out=$OPTARG ;;
	t) per=$OPTARG ;;
	*)
		echo "usage: $0 [-b BUILD] [-o OUTDIR] [-t SECONDS] SCENARIO.sh..." >&2
		exit 2
		;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || {
	echo "usage: $0 [-b BUILD] [-o OUTDIR] [-t SECONDS] SCENARIO.sh..." >&2
	exit 2
}

if [ -z "$build" ]; then
	for b in "$top/build-check" "$top/build-dev"; do
		[ -x "$b/vigild" ] && build=$b && break
	done
	: "${build:=$top/build-check}"
fi
build=$(cd "$build" 2>/dev/null && pwd) || {
	echo "run.sh: no build directory $build" >&2
	exit 2
}

# The guest sees the host's files at their own paths: every path it gets
# is absolute, and, being a kernel parameter, without blanks.
# scen_name PATH[@IMPL]: the name of a scenario's output files.
scen_name() {
	local b=${1##*/} impl=
	case $b in
	*@*)
		impl=@${b#*@}
		b=${b%@*}
		;;
	esac
	echo "${b%.sh}$impl"
}
# A scenario given as FILE@IMPL runs with VIGIL_NODE_IMPL=IMPL (say
# keepalived: the same scenario on the reference implementation).
scen=()
names=" "
for s in "$@"; do
	[ -f "${s%@*}" ] || {
		echo "run.sh: no scenario $s" >&2
		exit 2
	}
	# The output files are named after the scenario.
	case $names in
	*" $(scen_name "$s") "*)
		echo "run.sh: two scenarios named $(scen_name "$s")" >&2
		exit 2
		;;
	esac
	names="$names$(scen_name "$s") "
	scen+=("$(cd "$(dirname "$s")" && pwd)/$(basename "$s")")
done
if [ -n "$out" ]; then
	mkdir -p "$out" && out=$(cd "$out" && pwd)
else
	out=$(mktemp -d /tmp/vigil-vm.XXXXXX)
fi
case "$out$here" in
*[[:space:]]*)
	echo "run.sh: $out or $here has a blank" >&2
	exit 2
	;;
esac
# The guest has its own, empty, /run: what it reads from the host cannot
# be there.
for p in "$here" "$build" "${scen[@]}"; do
	case $p/ in
	/run/* | /var/run/*)
		echo "run.sh: $p is under /run, which the guest does not see" >&2
		exit 2
		;;
	esac
done

eval "$("$here/mkguest.sh")" || {
	echo "vm: 0 passed, 1 failed (no guest: mkguest.sh failed)"
	exit 1
}

mkdir -p "$out/vm"
for s in "${scen[@]}"; do
	n=$(scen_name "$s")
	rm -f "$out/$n.tap" "$out/$n.log" "$out/vm/$n.rc"
done
rm -f "$out/vm/boot-seconds" "$out/vm/end-seconds"
{
	printf 'VIGILD=%q\nTOP_SRCDIR=%q\nVM_TIMEOUT=%q\n' "$build/vigild" "$top" "$per"
	printf 'SCENARIOS=('
	printf '%q ' "${scen[@]}"
	printf ')\n'
} >"$out/vm/plan"

# The whole boot is bounded: the scenarios' timeouts, their kill grace,
# and two minutes to boot and power off.
limit=$((120 + ${#scen[@]} * (per + 15)))
# Quiet and without what the guest does not use: the serial console is
# slow under TCG, and each probe costs time.
cmdline="console=ttyS0 quiet loglevel=3 panic=-1 oops=panic mitigations=off"
cmdline="$cmdline tsc=reliable no_timer_check i8042.noaux i8042.nokbd"
cmdline="$cmdline vigil.out=$out vigil.run=$here/guest-run.sh ${VIGIL_VM_APPEND:-}"
# qboot, a firmware that only boots Linux, starts faster than SeaBIOS.
bios=
[ -f /usr/share/qemu/qboot.rom ] && bios="-bios /usr/share/qemu/qboot.rom"
start=${EPOCHREALTIME/./}
# shellcheck disable=SC2086 # VIGIL_VM_QEMU_ARGS and bios are word lists
timeout -k 10 "$limit" qemu-system-x86_64 \
	-accel tcg,thread=multi -m "${VIGIL_VM_MEM:-2048}" -smp "${VIGIL_VM_SMP:-2}" \
	${VIGIL_VM_QEMU_ARGS:--cpu max -machine q35} $bios \
	-nodefaults -no-user-config -display none -nic none -no-reboot \
	-serial "file:$out/vm/console.log" \
	-kernel "$VM_KERNEL" -initrd "$VM_INITRD" -append "$cmdline" \
	-virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
	-virtfs "local,path=$out,mount_tag=results,security_model=none,multidevs=remap" \
	>"$out/vm/qemu.log" 2>&1
qrc=$?
end=${EPOCHREALTIME/./}
wall=$(((end - start) / 10000))

pass=0
fail=0
crashed=
for s in "${scen[@]}"; do
	n=$(scen_name "$s")
	tap=$out/$n.tap
	echo "==== $n"
	[ -f "$tap" ] && cat "$tap"
	# "not ok ... # TODO" is an expected failure (vigil-only behaviour
	# on keepalived): it counts as passed, as automake's driver does.
	p=$(grep -c '^ok \|^not ok .*# TODO' "$tap" 2>/dev/null)
	f=$(grep '^not ok ' "$tap" 2>/dev/null | grep -vc '# TODO')
	pass=$((pass + ${p:-0}))
	fail=$((fail + ${f:-0}))
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' "$tap" 2>/dev/null | tail -1)
	read -r rc secs 2>/dev/null <"$out/vm/$n.rc"
	why=
	if [ ! -f "$out/vm/$n.rc" ]; then
		why="did not finish (the guest crashed or the boot timed out)"
		crashed=1
	elif [ "${rc:-1}" -eq 124 ] || [ "${rc:-1}" -eq 137 ]; then
		why="timed out after $per s"
	elif [ -z "$plan" ]; then
		why="no plan line"
	elif [ "$plan" -ne $((${p:-0} + ${f:-0})) ]; then
		why="planned $plan tests, ran $((${p:-0} + ${f:-0}))"
	elif [ "${rc:-1}" -ne 0 ]; then
		why="exited $rc"
	fi
	if [ -n "$why" ]; then
		fail=$((fail + 1))
		echo "# vm: $n: $why"
		[ -s "$out/$n.log" ] && tail -20 "$out/$n.log" | sed 's/^/#   /'
	else
		echo "# vm: $n: ${secs:-?} s"
	fi
	unset rc secs
done
# Boot time: the guest's uptime when its runner started, plus what qemu
# spent before the kernel's clock started (firmware, loading the kernel):
# the wall time qemu ran less the guest's uptime at its end.
boot=$(cat "$out/vm/boot-seconds" 2>/dev/null)
end=$(cat "$out/vm/end-seconds" 2>/dev/null)
if [ -n "$boot" ] && [ -n "$end" ]; then
	boot=$(awk -v w="$wall" -v b="$boot" -v e="$end" \
		'BEGIN { printf "%.1f s (%.1f s before the kernel)", w / 100 - e + b, w / 100 - e }')
elif [ -n "$boot" ]; then
	boot="$boot s after the kernel started"
fi
printf '# vm: boot to the first scenario %s; qemu ran %d.%02d s, exit %d; output in %s\n' \
	"${boot:-?}" $((wall / 100)) $((wall % 100)) "$qrc" "$out"
if [ "$qrc" -ne 0 ] || [ -n "$crashed" ]; then
	[ "$qrc" -eq 124 ] && echo "# vm: qemu killed after $limit s"
	tail -n 30 "$out/vm/qemu.log" "$out/vm/console.log" 2>/dev/null | sed 's/^/#   /'
fi
echo "vm: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
