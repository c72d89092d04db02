# SPDX-License-Identifier: GPL-2.0
# enabled=0 hands balancing back to the kernel as the operator had it. With
# kernel.numa_balancing at 0: `insmod knuma.ko enabled=0` leaves it at 0 and
# nothing is scanned while a thread runs away from its memory (no PTE
# updates, no hint faults); enabled=1 switches it on, enabled=0 back off,
# and unload leaves 0. With the sysctl at 1, knuma never changes it.
# Not in the multi-threaded runs (x-): each 0/1 change of the sysctl rewrites
# the sched_numa_balancing static-key sites, and a 6.12 make check oopsed
# ("Oops: int3") during this test in multi-threaded TCG; make check runs it
# in the single-threaded TCG VM (see x-stress-sysctl.sh).
. /tests/lib.sh
pte() { vmstat numa_pte_updates; }
set_nb 0
load enabled=0
[ "$(sysctl_nb)" = 0 ] || fail "insmod enabled=0 with the sysctl at 0: sysctl reads $(sysctl_nb)"
p0=$(pte) h0=$(vmstat numa_hint_faults)
follow -m 32 -f 0 -t 1 -s 4 -r 1000 >/dev/null || fail "follow failed"
p1=$(pte) h1=$(vmstat numa_hint_faults)
[ "$p1" = "$p0" ] && [ "$h1" = "$h0" ] ||
	fail "enabled=0, sysctl 0: $((p1 - p0)) PTE updates, $((h1 - h0)) hint faults"
echo 1 >$PARAMS/enabled
[ "$(sysctl_nb)" = 1 ] || fail "enabled=1: sysctl reads $(sysctl_nb), expected 1"
grep -q 'set to 1 by knuma' $DBG/status || fail "status does not say knuma set the sysctl"
echo 0 >$PARAMS/enabled
[ "$(sysctl_nb)" = 0 ] || fail "enabled=0 again: sysctl reads $(sysctl_nb), expected 0"
echo 1 >$PARAMS/enabled
[ "$(sysctl_nb)" = 1 ] || fail "enabled=1 again: sysctl reads $(sysctl_nb)"
unload
[ "$(sysctl_nb)" = 0 ] || fail "unload: sysctl reads $(sysctl_nb), expected 0"
res="sysctl 0: enabled=0 kept it 0 ($((p1 - p0)) PTE updates), 1 took it, 0 gave it back"

set_nb 1
load enabled=0
[ "$(sysctl_nb)" = 1 ] || fail "insmod enabled=0 with the sysctl at 1: reads $(sysctl_nb)"
echo 1 >$PARAMS/enabled
echo 0 >$PARAMS/enabled
[ "$(sysctl_nb)" = 1 ] || fail "sysctl 1, enabled 1 then 0: reads $(sysctl_nb)"
unload
[ "$(sysctl_nb)" = 1 ] || fail "sysctl 1: unload left $(sysctl_nb)"
ok "$res; sysctl 1: never changed"
