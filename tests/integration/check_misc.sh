#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# check_misc.sh: MISC_CHECK runs the operator's script through core's runner.
# Exit 0 is up, 1 down; with misc_dynamic 2-255 sets the weight to code - 2
# (the maintenance recipe: exit 2 drains the server at weight 0 while a
# file exists); a script past misc_timeout is down and its whole process
# group is killed; `user` runs it as that user; a script that cannot run
# is down with script-exec.
# Topology: vigild alone in $NS (the scripts decide; no server is
# contacted).  Config: one virtual server, one real server per case, each
# with one MISC_CHECK whose script lives in $WORK/s.
. "$(dirname "$0")/../lib.sh"
. "$TOP_SRCDIR/tests/check_lib.sh"

ns_create
# `user nobody` must reach its script and write its answer
chmod 711 "$WORK"
S="$WORK/s"
mkdir -m 755 "$S"
mkdir -m 777 "$WORK/out"

script() { # NAME BODY: an executable /bin/sh script $S/NAME
	printf '#!/bin/sh\n%s\n' "$2" >"$S/$1"
	chmod 755 "$S/$1"
}
script ok 'exit 0'
script fail 'exit 1'
# the exit code the test writes into dyn.code
script dyn "exit \$(cat $WORK/out/dyn.code)"
# a group that outlives the timeout: the script and a child of its own
script hang "echo \$\$ >$WORK/out/hang.pid
sleep 60 &
echo \$! >$WORK/out/hang.child
wait"
script whoami "id -u >$WORK/out/whoami"
script gone 'exit 0'
# the maintenance recipe (doc/recipes-maintenance.md)
script maint "[ -e $WORK/out/maint ] && exit 2
exit 0"
echo 5 >"$WORK/out/dyn.code"

conf="$WORK/k.conf"
rs() { # ADDR SCRIPT [EXTRA KEYWORDS]
	cat <<RS
    real_server $1 80 {
        weight 1
        MISC_CHECK {
            misc_path "$S/$2"
            misc_timeout 2
            ${3:-}
        }
    }
RS
}
{
	cat <<'CONF'
child_wait_time 2
global_defs {
    router_id misc1
}
virtual_server 192.0.2.100 80 {
    delay_loop 1
    lb_algo wrr
    lb_kind NAT
    protocol TCP
CONF
	rs 203.0.113.10 ok
	rs 203.0.113.11 fail
	rs 203.0.113.12 dyn misc_dynamic
	rs 203.0.113.13 hang
	rs 203.0.113.14 whoami "user nobody"
	rs 203.0.113.15 gone
	rs 203.0.113.16 maint misc_dynamic
	rs 203.0.113.17 dyn
	echo "}"
} >"$conf"
check "the configuration is valid" ta_conf_ok "$conf"
start_vigild "$conf"

check "exit 0: the real server is UP" \
	wait_for 20 ta_rs_is "[203.0.113.10]:tcp:80" UP
check "exit 0: its probe passed" \
	ta_probe_is "MISC_CHECK [203.0.113.10]:80" up ok
check "exit 1: the real server is DOWN" \
	wait_for 20 ta_rs_is "[203.0.113.11]:tcp:80" DOWN
check "exit 1: the probe failed with script-failed" \
	ta_probe_is "MISC_CHECK [203.0.113.11]:80" down script-failed
check "exit 1: the probe says the exit code" \
	ta_probe_has "MISC_CHECK [203.0.113.11]:80" '"exit 1"'

check "misc_dynamic exit 5: weight 3, in the log" \
	wait_for 20 log_has 'Changing weight from 1 to 3 for active service \[203.0.113.12\]:tcp:80 of VS \[192.0.2.100\]:tcp:80'
check "misc_dynamic exit 5: weight 3 in the data file" \
	ta_dump_has '^  RS \[203\.0\.113\.12\]:tcp:80 UP weight 3/1 '
check "without misc_dynamic exit 5 is a failure" \
	wait_for 20 ta_probe_is "MISC_CHECK [203.0.113.17]:80" down script-failed
echo 12 >"$WORK/out/dyn.code"
check "misc_dynamic exit 12: weight 10" \
	wait_for 20 log_has 'Changing weight from 3 to 10 for active service \[203.0.113.12\]:tcp:80'
echo 0 >"$WORK/out/dyn.code"
check "misc_dynamic exit 0: back to the configured weight" \
	wait_for 20 log_has 'Changing weight from 10 to 1 for active service \[203.0.113.12\]:tcp:80'
check "misc_dynamic exit 0: weight 1/1 in the data file" \
	ta_dump_has '^  RS \[203\.0\.113\.12\]:tcp:80 UP weight 1/1 '
check "without misc_dynamic exit 0 passes again" \
	wait_for 20 ta_probe_is "MISC_CHECK [203.0.113.17]:80" up ok

check "timeout: the real server is DOWN" \
	wait_for 20 ta_rs_is "[203.0.113.13]:tcp:80" DOWN
check "timeout: the probe failed with script-timeout" \
	ta_probe_is "MISC_CHECK [203.0.113.13]:80" down script-timeout
hang_pid=$(cat "$WORK/out/hang.pid" 2>/dev/null)
hang_child=$(cat "$WORK/out/hang.child" 2>/dev/null)
check "timeout: the script ran" test -n "$hang_pid" -a -n "$hang_child"
# the first run's group is gone although the child never exits alone
check "timeout: the script's process was killed" wait_for 10 dead "$hang_pid"
check "timeout: its child in the same group was killed" \
	wait_for 10 dead "$hang_child"

check "user nobody: the script ran" wait_for 20 test -s "$WORK/out/whoami"
check "user nobody: as uid $(id -u nobody)" \
	file_is "$WORK/out/whoami" "$(id -u nobody)"
check "user nobody: the real server is UP" \
	ta_rs_is "[203.0.113.14]:tcp:80" UP

check "before its script goes: the real server is UP" \
	wait_for 20 ta_rs_is "[203.0.113.15]:tcp:80" UP
rm -f "$S/gone"
check "a missing script: the real server goes DOWN" \
	wait_for 20 ta_rs_is "[203.0.113.15]:tcp:80" DOWN
check "a missing script: the probe failed with script-exec" \
	ta_probe_is "MISC_CHECK [203.0.113.15]:80" down script-exec
check "a missing script: the log says why it was removed" \
	log_has 'Removing service \[203.0.113.15\]:tcp:80 from VS \[192.0.2.100\]:tcp:80 (script-exec'

# The maintenance recipe: exit 2 while $WORK/out/maint exists.
check "maintenance: in service at weight 1" \
	wait_for 20 ta_dump_has '^  RS \[203\.0\.113\.16\]:tcp:80 UP weight 1/1 in-table'
touch "$WORK/out/maint"
check "maintenance: the file drains it to weight 0" \
	wait_for 20 log_has 'Changing weight from 1 to 0 for active service \[203.0.113.16\]:tcp:80'
check "maintenance: weight 0/1 in the data file, still in the table" \
	ta_dump_has '^  RS \[203\.0\.113\.16\]:tcp:80 UP weight 0/1 '
check "maintenance: not removed" \
	log_count_is 'Removing service \[203.0.113.16\]' 0
rm -f "$WORK/out/maint"
check "maintenance over: back to weight 1" \
	wait_for 20 log_has 'Changing weight from 0 to 1 for active service \[203.0.113.16\]:tcp:80'

check "vigild still runs" alive "$VPID"
done_testing
