#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/vm/init.sh: /init of the test guest's initramfs (busybox sh).  It
# loads the virtio and 9p modules, builds the guest's root from the host's
# root (read-only 9p) under a tmpfs overlay, so the guest may write
# anywhere without touching the host, mounts the writable results share
# over the results directory's own path, and runs the guest runner
# (tests/vm/guest-run.sh, read from the host tree) chrooted there.  Then
# it powers the guest off: qemu runs with -no-reboot, so a panic ends it too.

PATH=/bin
export PATH

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

# KVER and MODDIR (the host path of the kernel's module tree), from mkguest.sh.
# shellcheck source=/dev/null
. /etc/vm.env

say() {
	read -r up _ </proc/uptime
	echo "vm-init: [$up] $*" >/dev/console
}
die() {
	say "$*"
	poweroff -f
	sleep 5
}

# The parameters run.sh put on the kernel command line.
OUT=
RUN=
read -r cmdline </proc/cmdline
for a in $cmdline; do
	case $a in
	vigil.out=*) OUT=${a#vigil.out=} ;;
	vigil.run=*) RUN=${a#vigil.run=} ;;
	esac
done

say "started"
# Dependencies first: modules.order lists them that way (mkguest.sh).
while read -r m; do
	insmod "/modules/$m" || die "insmod $m failed"
done </modules/order

# 9p moves at most msize bytes a message; the kernel caps it at what its
# virtio ring holds (about 500 KiB).
P9="trans=virtio,version=9p2000.L,msize=512000"
mkdir -p /lower /ovl /newroot
mount -t 9p -o "$P9,cache=loose,ro" hostroot /lower || die "cannot mount the host root"
mount -t tmpfs -o mode=755 tmpfs /ovl
mkdir -p /ovl/upper /ovl/work
mount -t overlay -o lowerdir=/lower,upperdir=/ovl/upper,workdir=/ovl/work overlay /newroot ||
	die "cannot mount the overlay root"

say "root mounted"
R=/newroot
# The module tree and the results share, before anything is mounted over
# the root: they may be anywhere on the host.
[ -n "$OUT" ] || die "no vigil.out= on the kernel command line"
mkdir -p /mods /results
mount -o bind "/lower$MODDIR" /mods || die "no module tree at $MODDIR"
mount -t 9p -o "$P9" results /results || die "cannot mount the results share"

# Fresh kernel file systems: the host's own /proc, /sys, /dev are visible
# through 9p otherwise.
mount -t proc proc $R/proc
mount -t sysfs sysfs $R/sys
mount -t cgroup2 cgroup2 $R/sys/fs/cgroup 2>/dev/null
mount -t devtmpfs devtmpfs $R/dev
mkdir -p $R/dev/pts $R/dev/shm
# What udev would add: bash's process substitution wants /dev/fd.
ln -s /proc/self/fd $R/dev/fd
ln -s /proc/self/fd/0 $R/dev/stdin
ln -s /proc/self/fd/1 $R/dev/stdout
ln -s /proc/self/fd/2 $R/dev/stderr
mount -t devpts -o newinstance,ptmxmode=0666 devpts $R/dev/pts
mount -t tmpfs -o mode=1777 tmpfs $R/dev/shm
# /run empty, as on a fresh boot (the host's names its namespaces, its
# pid files, ...).  /tmp and /var/tmp stay the host's under the overlay:
# a clone or a build there (a CI's checkout) is seen, and what the guest
# writes there stays in the guest.
mount -t tmpfs -o mode=755 tmpfs $R/run
mkdir -p $R/run/lock $R/run/netns

# `modprobe NAME` in the guest: the extracted module tree where kmod looks.
mkdir -p "$R/lib/modules/$KVER"
mount -o bind /mods "$R/lib/modules/$KVER" || die "cannot bind the module tree"
# The results at their host path.
mkdir -p "$R$OUT"
mount -o bind /results "$R$OUT" || die "cannot bind the results share on $OUT"

# The kernel loads modules on demand (an IPVS scheduler, ...) by running
# its modprobe helper in its own root, which is this initramfs, not the
# chroot below: the helper enters the chroot.
printf '#!/bin/sh\nexec chroot %s /sbin/modprobe "$@"\n' "$R" >/bin/vm-modprobe
chmod 755 /bin/vm-modprobe
echo /bin/vm-modprobe >/proc/sys/kernel/modprobe

hostname vigil-vm
ip link set lo up

say "running $RUN"
chroot $R /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TERM=dumb \
	/bin/bash "$RUN" "$OUT" </dev/console >/dev/console 2>&1
say "runner exited $?"
sync
umount "$R$OUT" /results 2>/dev/null
poweroff -f
sleep 5
