#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# vrrp_reload_netlink.sh: a reload changes in the kernel only what changed
# in the file.  A MASTER with VIPs, an eVIP, virtual_routes, virtual_rules,
# static_ipaddress, static_routes and static_rules; `ip monitor address
# route rule` runs in its namespace throughout.
# - Positive control: an address added and deleted by hand shows in the
#   monitor (so silence below means something).
# - SIGHUP with the file unchanged: no netlink change at all, and no
#   gratuitous ARP for the VIPs.
# - A reload adding one virtual route: exactly that route added.
# - A reload removing it again: exactly that route deleted.
# - A reload adding a VIP: only that address added, and only it announced
#   (keepalived announces every VIP of the instance: vigil-only check).
# - A reload changing a VIP's prefix: the unchanged route that leaves
#   from that VIP (which the kernel drops with the old address) is back.
# Topology: one node a (eth0 192.0.2.11/24 on the bridge of
# tests/vrrp_lib.sh), no peer: VI_1 (VRID 51, priority 150) is master
# alone.  garp_master_delay 0, so no delayed GARP burst falls into a
# measuring window.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../vrrp_lib.sh"

for t in tcpdump tshark; do
	if ! command -v $t >/dev/null; then
		echo "1..0 # SKIP $t is not installed"
		exit 0
	fi
done

NSA=$(node_ns a)
MON="$WORK/a.mon"
NEW_ROUTE=198.51.100.192/28
VIP3=192.0.2.102

# write_conf [ROUTE] [VIP]: a's configuration, with one more virtual
# route and one more VIP when given.
write_conf() {
	local route=${1:-} vip=${2:-}
	conf_global "$WORK/a.conf" a
	cat >>"$WORK/a.conf" <<EOF
static_ipaddress {
    203.0.113.1/24 dev eth0
}
static_routes {
    198.51.100.0/28 via 203.0.113.254 dev eth0
}
static_rules {
    from 203.0.113.1 table 100 priority 100
}
vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
    advert_int 1
    garp_master_delay 0
    virtual_ipaddress {
        $VIP4/24
        192.0.2.101/24
${vip:+        $vip/24}
    }
    virtual_ipaddress_excluded {
        2001:db8::100/64
    }
    virtual_routes {
        198.51.100.64/28 via 192.0.2.1 dev eth0
        src $VIP4 198.51.100.128/28 dev eth0
${route:+        $route via 192.0.2.1 dev eth0}
    }
    virtual_rules {
        from $VIP4 table 101 priority 101
    }
}
EOF
}

# installed: every address, route and rule of the configuration is there.
installed() {
	node_has_vip a "$VIP4" && node_has_vip a 192.0.2.101 &&
		node_has_vip a 2001:db8::100 && node_has_vip a 203.0.113.1 &&
		[ -n "$(ip -n "$NSA" route show 198.51.100.64/28)" ] &&
		[ -n "$(ip -n "$NSA" route show 198.51.100.128/28)" ] &&
		[ -n "$(ip -n "$NSA" route show 198.51.100.0/28)" ] &&
		ip -n "$NSA" rule show | grep -q "^101:.*from $VIP4 lookup 101" &&
		ip -n "$NSA" rule show | grep -q '^100:.*from 203.0.113.1 lookup 100'
}
has_route() { [ -n "$(ip -n "$NSA" route show "$1")" ]; }
no_route() { ! has_route "$1"; }

# The monitor's events: an address event is a line and its indented
# continuation lines; routes and rules are one line each.
events() { grep -c '^[^[:space:]]' "$MON"; }
mon_has() { grep -q -- "$1" "$MON"; }
show_events() {
	diag "monitor saw $(events) events:"
	sed 's/^/#   /' "$MON"
}
# no_events: the monitor printed nothing; else shows what it printed.
no_events() { [ "$(events)" -eq 0 ] || { show_events; return 1; }; }
# only_event PATTERN: one event, matching PATTERN.
only_event() {
	[ "$(events)" -eq 1 ] && mon_has "$1" && return 0
	show_events
	return 1
}
# only_addr_event ADDR/LEN: the one address event is ADDR/LEN's.
only_addr_event() {
	[ "$(grep -c '^[0-9]*: .* inet6\{0,1\} ' "$MON")" -eq 1 ] &&
		mon_has " inet6\{0,1\} $1 " && return 0
	show_events
	return 1
}
# only_kernel_routes_of ADDR: every route event is one the kernel made
# for ADDR (its local and broadcast routes); no rule event.
only_kernel_routes_of() {
	grep '^[^[:space:]]' "$MON" | grep -v '^[0-9]*: ' |
		grep -v "$1 .*proto kernel" | grep -q . || return 0
	show_events
	return 1
}
# control_deleted: the hand-made address's deletion, and its local route's
# (the kernel's last event for it) were seen.
control_deleted() {
	mon_has "^Deleted.*inet 198.51.100.250/32" &&
		mon_has "^Deleted local 198.51.100.250 "
}
has_prefix() { ip -n "$NSA" -o addr show dev eth0 | grep -q " inet $1 "; }

# log_more PATTERN N: a's log has more than N lines matching PATTERN.
log_more() { [ "$(grep -c -- "$1" "$(node_log a)")" -gt "$2" ]; }
# reload_settled: SIGHUP to a, bounded wait until the daemon says the
# reload is done, then a measuring window for late changes.
reload_settled() {
	local pat n
	# keepalived 2.2.7 logs no end of a reload: its VRRP child's start
	if [ "$(impl)" = vigild ]; then pat='reload complete'; else pat='Reloading$'; fi
	n=$(grep -c -- "$pat" "$(node_log a)")
	kill -HUP "$(node_pid a)"
	wait_for 15 log_more "$pat" "$n" || return 1
	# measuring window: anything the reload still changes shows by now
	sleep 3
}

topo_create 1 || exit 1
write_conf
cp "$WORK/a.conf" "$WORK/a0.conf"
start_node a "$(impl)" "$WORK/a.conf"
check "a becomes master" wait_vip a "$VIP4" 15
check "everything is installed" wait_for 10 installed

: >"$MON"
ip -n "$NSA" monitor address route rule >>"$MON" 2>&1 &
VR_BG="$VR_BG $!"

# ---- positive control ----
# An address added and deleted by hand, again until the monitor shows it
# (ip monitor has no ready signal: this is also the wait for it).
control_seen() {
	ip -n "$NSA" addr add 198.51.100.250/32 dev lo
	ip -n "$NSA" addr del 198.51.100.250/32 dev lo
	wait_for 1 mon_has "inet 198.51.100.250/32"
}
check "control: the monitor sees an address added by hand" \
	wait_for 10 control_seen
check "control: and deleted, with its local route" \
	wait_for 5 control_deleted
: >"$MON"

# ---- unchanged ----
cap_start unchanged a eth0
check "unchanged reload completes" reload_settled
cap_stop unchanged
check "unchanged reload: no address, route or rule change" no_events
check "unchanged reload: no gratuitous ARP for the VIPs" \
	test "$(cap_count unchanged "($(garp_filter "$VIP4")) || ($(garp_filter 192.0.2.101))")" -eq 0
check "still master with everything installed" installed

# ---- one route more ----
: >"$MON"
write_conf "$NEW_ROUTE"
check "reload adding a route completes" reload_settled
check "the route is there" has_route "$NEW_ROUTE"
check "exactly that route was added, nothing else changed" \
	only_event "^$NEW_ROUTE via 192.0.2.1 dev eth0"

# ---- and removed ----
: >"$MON"
cp "$WORK/a0.conf" "$WORK/a.conf"
check "reload removing the route completes" reload_settled
check "the route is gone" no_route "$NEW_ROUTE"
check "exactly that route was deleted, nothing else changed" \
	only_event "^Deleted $NEW_ROUTE via 192.0.2.1 dev eth0"
check "everything else is still installed" installed

# ---- one VIP more ----
: >"$MON"
write_conf "" "$VIP3"
cap_start vip a eth0
check "reload adding a VIP completes" reload_settled
cap_stop vip
check "the new VIP is there" node_has_vip a "$VIP3"
check "the only address event is the new VIP" only_addr_event "$VIP3/24"
check "no route or rule but the new VIP's own kernel routes changed" \
	only_kernel_routes_of "$VIP3"
check "the new VIP is announced" \
	test "$(cap_count vip "$(garp_filter "$VIP3")")" -gt 0
check_vigil "the unchanged VIPs are not announced again" \
	test "$(cap_count vip "($(garp_filter "$VIP4")) || ($(garp_filter 192.0.2.101))")" -eq 0

# ---- a VIP's prefix changes ----
# The old address goes and the kernel silently drops the route that
# leaves from it (src $VIP4); that route is unchanged in the file, so it
# must be put back.
write_conf
sed -i "s|$VIP4/24|$VIP4/25|" "$WORK/a.conf"
check "reload changing a VIP's prefix completes" reload_settled
check "the VIP has its new prefix" has_prefix "$VIP4/25"
check "the unchanged route leaving from it is still there" \
	has_route 198.51.100.128/28
check "a's daemon is still the same process" alive "$(node_pid a)"
done_testing
