#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# lb_basic.sh: vigild programs a NAT service into the guest's IPVS table
# and traffic through the VIP reaches both real servers.
. "$TOP_SRCDIR/tests/vm/lib.sh"

vm_modprobe ip_vs ip_vs_rr veth bridge
vm_lvs_net 2
vm_http_server "${NS}r1" 198.51.100.11 80
vm_http_server "${NS}r2" 198.51.100.12 80
cat >"$WORK/k.conf" <<CONF
global_defs { router_id vm1 }
virtual_server 192.0.2.100 80 {
    delay_loop 1
    lb_algo rr
    lb_kind NAT
    protocol TCP
    real_server 198.51.100.11 80 { weight 2
        TCP_CHECK { connect_timeout 2 }
    }
    real_server 198.51.100.12 80 { weight 3
        TCP_CHECK { connect_timeout 2 }
    }
}
CONF
ip -n "$NS" addr add 192.0.2.100/24 dev eth0
start_lb "$WORK/k.conf"
table() { ip netns exec "$NS" ipvsadm -Ln; }
both_in() { table | grep -q '198.51.100.11:80 *Masq *2' && table | grep -q '198.51.100.12:80 *Masq *3'; }
check "the table has both real servers" wait_for 60 both_in
table | sed 's/^/# /'
got=
for i in 1 2 3 4; do got="$got $(vm_curl "${NS}c" http://192.0.2.100/)"; done
diag "answers:$got"
check "traffic reaches r1" grep -q "${NS}r1" <<<"$got"
check "traffic reaches r2" grep -q "${NS}r2" <<<"$got"
done_testing
