#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/vm/mkguest.sh: builds, or finds cached, what the test guest boots:
# Debian's kernel with its module tree (for IPVS, veth, bridge, ...), and a
# small busybox initramfs whose /init is tests/vm/init.sh.  Everything is
# under $VIGIL_VM_DIR (/var/cache/vigil-vm): kernel-<version>/ is the
# unpacked kernel package, initramfs-<hash>.cpio the initramfs for one
# /init and module set.  A second run downloads and builds nothing; runs
# in parallel take a lock.  Prints the shell assignments run.sh uses:
# VM_KERNEL, VM_INITRD, VM_KVER, VM_MODDIR.
#
# Needs: apt-get (the first time, or when Debian's kernel ABI changes),
# dpkg, depmod and modprobe (kmod), busybox-static, cpio, xz and zstd for
# compressed modules.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
DIR=${VIGIL_VM_DIR:-/var/cache/vigil-vm}
mkdir -p "$DIR"
exec 9>"$DIR/.lock"
flock 9

log() { echo "mkguest: $*" >&2; }

# 1. The kernel: the package linux-image-amd64 depends on, unless
# VIGIL_VM_KPKG names one.  Offline, the newest one cached does.
# apt-cache takes a second: its answer is kept until apt's lists change.
pkg=${VIGIL_VM_KPKG:-}
if [ -z "$pkg" ] && [ -s "$DIR/.kpkg" ] &&
	[ -z "$(find /var/lib/apt/lists -maxdepth 1 -newer "$DIR/.kpkg" 2>/dev/null | head -1)" ]; then
	pkg=$(cat "$DIR/.kpkg")
fi
if [ -z "$pkg" ]; then
	pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9].*\)$/\1/p' | head -1)
	[ -n "$pkg" ] && echo "$pkg" >"$DIR/.kpkg"
fi
kdir=
if [ -n "$pkg" ] && [ -f "$DIR/${pkg#linux-image-}/.complete" ]; then
	kdir=$DIR/${pkg#linux-image-}
elif [ -n "$pkg" ]; then
	log "fetching $pkg"
	tmp=$(mktemp -d "$DIR/.tmp.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	# apt's sandbox user cannot write to a root-owned directory; that
	# warning is noise.
	if (cd "$tmp" && apt-get download -q "$pkg" 2>&1 | grep -v unsandboxed >&2 ||
		true) && ls "$tmp"/*.deb >/dev/null 2>&1; then
		dpkg -x "$tmp"/*.deb "$tmp/x"
		v=$(ls "$tmp/x/lib/modules")
		depmod -b "$tmp/x" "$v"
		touch "$tmp/x/.complete"
		rm -rf "${DIR:?}/$v"
		mv "$tmp/x" "$DIR/$v"
		kdir=$DIR/$v
	fi
	rm -rf "$tmp"
	trap - EXIT
fi
if [ -z "$kdir" ]; then
	kdir=$(find "$DIR" -mindepth 2 -maxdepth 2 -name .complete | sort -V | tail -1)
	kdir=${kdir%/.complete}
	[ -n "$kdir" ] || {
		log "no kernel package: apt-get download ${pkg:-linux-image-amd64} failed"
		exit 1
	}
	log "using the cached $kdir"
fi
KVER=$(basename "$kdir")
MODDIR=$kdir/lib/modules/$KVER
KERNEL=$kdir/boot/vmlinuz-$KVER

# Under TCG the kernel takes seconds to decompress itself: with PVH
# (CONFIG_PVH), qemu boots the uncompressed ELF vmlinux directly.  It is
# the first stream in the bzImage that decompresses to an ELF file.
vmlinux=$kdir/boot/vmlinux-$KVER
if [ ! -f "$vmlinux" ] && grep -q '^CONFIG_PVH=y' "$kdir/boot/config-$KVER"; then
	for z in 'xz -dcq --single-stream:\xfd7zXZ\x00' 'zstd -qdc:\x28\xb5\x2f\xfd' \
		'gzip -dcq:\x1f\x8b\x08'; do
		for off in $(LC_ALL=C grep -obUaP "${z#*:}" "$KERNEL" | cut -d: -f1 | head -3); do
			tail -c +$((off + 1)) "$KERNEL" | ${z%%:*} >"$vmlinux.tmp" 2>/dev/null
			if [ "$(head -c 4 "$vmlinux.tmp" | od -An -tx1 | tr -d ' ')" = 7f454c46 ]; then
				mv "$vmlinux.tmp" "$vmlinux"
				break 2
			fi
		done
	done
	rm -f "$vmlinux.tmp"
fi
[ -f "$vmlinux" ] && KERNEL=$vmlinux

# 2. The initramfs: busybox, /init, and the modules that mount 9p and the
# overlay, dependencies first (modprobe --show-depends), decompressed
# (busybox insmod may not read .ko.xz / .ko.zst).
mods=$(for m in virtio_pci 9pnet_virtio 9p overlay; do
	modprobe -d "$kdir" -S "$KVER" --show-depends "$m" |
		sed -n 's/^insmod \([^ ]*\).*/\1/p'
done | awk '!seen[$0]++')
bb=$(command -v busybox)
# shellcheck disable=SC2086 # mods is a list of paths without blanks
hash=$( (cat "$here/init.sh" "$bb" $mods; echo "$KVER $MODDIR") | sha256sum | cut -c1-16)
INITRD=$DIR/initramfs-$hash.cpio
if [ ! -f "$INITRD" ]; then
	log "building $INITRD"
	tmp=$(mktemp -d "$DIR/.tmp.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	r=$tmp/root
	mkdir -p "$r/bin" "$r/etc" "$r/modules" "$r/proc" "$r/sys" "$r/dev"
	cp "$bb" "$r/bin/busybox"
	for a in $("$bb" --list); do
		[ "$a" = busybox ] || ln -s busybox "$r/bin/$a"
	done
	install -m 755 "$here/init.sh" "$r/init"
	printf 'KVER=%s\nMODDIR=%s\n' "$KVER" "$MODDIR" >"$r/etc/vm.env"
	for f in $mods; do
		b=$(basename "$f")
		case $f in
		*.ko.xz) xz -dc "$f" >"$r/modules/${b%.xz}" ;;
		*.ko.zst) zstd -qdc "$f" >"$r/modules/${b%.zst}" ;;
		*.ko.gz) gzip -dc "$f" >"$r/modules/${b%.gz}" ;;
		*) cp "$f" "$r/modules/$b" ;;
		esac
		b=${b%.xz}
		b=${b%.zst}
		echo "${b%.gz}" >>"$r/modules/order"
	done
	# Uncompressed: unpacking is faster than decompressing under TCG.
	(cd "$r" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) >"$tmp/initrd"
	mv "$tmp/initrd" "$INITRD"
	rm -rf "$tmp"
	trap - EXIT
	# Older initramfs images of this kernel are stale.
	find "$DIR" -maxdepth 1 -name 'initramfs-*.cpio' ! -newer "$INITRD" \
		! -name "$(basename "$INITRD")" -delete
fi

printf 'VM_KERNEL=%q\nVM_INITRD=%q\nVM_KVER=%q\nVM_MODDIR=%q\n' \
	"$KERNEL" "$INITRD" "$KVER" "$MODDIR"
