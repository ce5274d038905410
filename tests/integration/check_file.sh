#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# check_file.sh: FILE_CHECK follows a track_file's value as keepalived does.
# weight 0: 0 is up, anything else down (reverse swaps them); weight W:
# up, and value * W (negated by reverse; the track_file's weight when the
# check gives none) is added to the configured weight, floored at 0.  The
# two maintenance recipes of doc/recipes-maintenance.md: a value that
# drains the server to weight 0, and weight 0 with inhibit_on_failure.
# Every change shows within seconds although delay_loop is 60 s: the
# file's watcher runs the check, not the timer.
# Topology: vigild alone in $NS (nothing is contacted).  Config: one
# virtual server, one real server per case, track_files in $WORK/f.
. "$(dirname "$0")/../lib.sh"
. "$TOP_SRCDIR/tests/check_lib.sh"

ns_create
F="$WORK/f"
mkdir "$F"
echo 0 >"$F/sw"
echo 0 >"$F/wt"
echo 2 >"$F/inh"
echo 0 >"$F/rev"

conf="$WORK/k.conf"
cat >"$conf" <<CONF
child_wait_time 2
global_defs {
    router_id file1
}
track_file sw {
    file $F/sw
}
track_file wt {
    file $F/wt
}
# weight and reverse for the checks that give none
track_file inh {
    file $F/inh
    weight 3 reverse
}
track_file rev {
    file $F/rev
}
# the recipes: the file need not exist (missing reads 0)
track_file maint_a {
    file $F/maint-a
}
track_file maint_b {
    file $F/maint-b
}
virtual_server 192.0.2.100 80 {
    delay_loop 60
    lb_algo wrr
    lb_kind NAT
    protocol TCP
    real_server 203.0.113.10 80 {
        weight 1
        FILE_CHECK {
            track_file sw
            weight 0
        }
    }
    real_server 203.0.113.11 80 {
        weight 10
        FILE_CHECK {
            track_file wt
            weight 2
        }
    }
    real_server 203.0.113.12 80 {
        weight 10
        FILE_CHECK {
            track_file inh
        }
    }
    real_server 203.0.113.13 80 {
        weight 1
        FILE_CHECK {
            track_file rev
            weight 0 reverse
        }
    }
    # recipe A: 1 in the file takes the weight to 0
    real_server 203.0.113.14 80 {
        weight 1
        FILE_CHECK {
            track_file maint_a
            weight -254
        }
    }
    # recipe B: a non-zero value fails the check; quiescent, not removed
    real_server 203.0.113.15 80 {
        weight 1
        inhibit_on_failure
        FILE_CHECK {
            track_file maint_b
            weight 0
        }
    }
}
CONF
check "the configuration is valid" ta_conf_ok "$conf"

not_conf_ok() { ! ta_conf_ok "$1" >/dev/null; }
bad="$WORK/bad.conf"
sed 's/track_file sw$/track_file nosuch/' "$conf" >"$bad"
check "-t refuses a FILE_CHECK of no track_file" not_conf_ok "$bad"
check "-t says which" \
	grep -q "FILE_CHECK of real_server .*: no track_file 'nosuch'" \
	"$WORK/conf_test.out"

start_vigild "$conf"

rs_line() { # RS STATE WEIGHT/CONF [TABLE]: the data file's line of RS
	ta_dump_has "^  RS $(ta_re "[$1]:tcp:80") $2 weight ${3:-} ${4:-}"
}
# write FILE VALUE: as an operator would
write() { echo "$2" >"$F/$1"; }

check "weight 0, value 0: UP" wait_for 20 rs_line 203.0.113.10 UP 1/1
check "weight 0, value 0: the probe passed" \
	ta_probe_is "FILE_CHECK [203.0.113.10]:80" up ok
write sw 7
check "weight 0, value 7: removed" \
	wait_for 10 log_has 'Removing service \[203.0.113.10\]:tcp:80 from VS \[192.0.2.100\]:tcp:80 (file-down'
check "weight 0, value 7: DOWN with file-down" \
	ta_probe_is "FILE_CHECK [203.0.113.10]:80" down file-down
write sw 0
check "weight 0, value 0 again: added" \
	wait_for 10 log_has 'Adding service \[203.0.113.10\]:tcp:80 to VS \[192.0.2.100\]:tcp:80'

check "weight 2, value 0: the configured weight" \
	rs_line 203.0.113.11 UP 10/10 in-table
write wt 3
check "weight 2, value 3: 10 + 6" \
	wait_for 10 log_has 'Changing weight from 10 to 16 for active service \[203.0.113.11\]:tcp:80'
check "weight 2, value 3: 16/10 in the data file" \
	rs_line 203.0.113.11 UP 16/10 in-table
write wt -7
check "weight 2, value -7: floored at 0, still up" \
	wait_for 10 log_has 'Changing weight from 16 to 0 for active service \[203.0.113.11\]:tcp:80'
check "weight 2, value -7: 0/10 in the table" \
	rs_line 203.0.113.11 UP 0/10 in-table

check "the track_file's weight 3 reverse, value 2: 10 - 6" \
	rs_line 203.0.113.12 UP 4/10
check "weight 0 reverse, value 0: DOWN" rs_line 203.0.113.13 DOWN "[0-9]*/1"
write rev 1
check "weight 0 reverse, value 1: UP" \
	wait_for 10 log_has 'Adding service \[203.0.113.13\]:tcp:80'

# The recipes, timed from the write: the watcher runs the check (the
# bound is a deadlock guard; delay_loop alone would take 60 s).
check "recipe A: in service" rs_line 203.0.113.14 UP 1/1 in-table
t0=$(usecs)
write maint-a 1
check "recipe A: writing 1 drains it to weight 0" \
	wait_for 10 log_has 'Changing weight from 1 to 0 for active service \[203.0.113.14\]:tcp:80'
diag "recipe A drained $(( ($(usecs) - t0) / 1000 )) ms after the write"
check "recipe A: still in the table at 0/1" \
	rs_line 203.0.113.14 UP 0/1 in-table
rm -f "$F/maint-a"
check "recipe A: removing the file brings weight 1 back" \
	wait_for 10 log_has 'Changing weight from 0 to 1 for active service \[203.0.113.14\]:tcp:80'

check "recipe B: in service" rs_line 203.0.113.15 UP 1/1 in-table
write maint-b 1
check "recipe B: writing 1 disables it" \
	wait_for 10 log_has 'Disabling service \[203.0.113.15\]:tcp:80 of VS \[192.0.2.100\]:tcp:80'
check "recipe B: quiescent at weight 0, not removed" \
	rs_line 203.0.113.15 DOWN 0/1 quiescent
write maint-b 0
check "recipe B: 0 enables it again" \
	wait_for 10 log_has 'Enabling service \[203.0.113.15\]:tcp:80 of VS \[192.0.2.100\]:tcp:80'
check "recipe B: back at 1/1" rs_line 203.0.113.15 UP 1/1 in-table

check "vigild still runs" alive "$VPID"
done_testing
