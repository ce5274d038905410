# SPDX-License-Identifier: GPL-2.0-or-later
# tests/deps.sh: installs the Debian packages vigil builds, tests and demos
# with, when any is missing.  Sourced by run-tests.sh and run-demo.sh.

VIGIL_BUILD_DEPS="autoconf automake libtool pkg-config make gcc
	libev-dev libmnl-dev libnl-3-dev libnl-genl-3-dev libnl-route-3-dev
	libcurl4-openssl-dev libssl-dev libsnmp-dev libpcre2-dev
	libc-ares-dev iproute2 procps"
VIGIL_TEST_DEPS="libcmocka-dev clang libclang-rt-14-dev clang-format
	python3 keepalived jq tshark
	tcpdump bc stress-ng dnsmasq-base python3-aiosmtpd openssl
	qemu-system-x86 busybox-static cpio kmod ipvsadm curl strace
	snmpd snmp snmptrapd smitools"

# install_deps [test]: the build packages, and the test ones with "test".
install_deps() {
	local want="$VIGIL_BUILD_DEPS" missing= p
	[ "${1:-}" = test ] && want="$want $VIGIL_TEST_DEPS"
	for p in $want; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q "install ok installed" || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq || return 1
	# keepalived is only a peer and oracle: keep its service from running.
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod +x /usr/sbin/policy-rc.d
		trap 'rm -f /usr/sbin/policy-rc.d' RETURN
	fi
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing >/dev/null
}
