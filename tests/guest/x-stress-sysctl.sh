# SPDX-License-Identifier: GPL-2.0
# kernel.numa_balancing toggled 0/1 every 100 ms while knuma scans a
# workload; data intact, and knuma leaves the sysctl as the operator left it.
# Not in the multi-threaded runs (x-): every toggle rewrites the
# sched_numa_balancing static-key site in task_tick_fair, which every CPU
# runs on every tick, and multi-threaded TCG sometimes runs that site stale:
# "Oops: int3" at task_tick_fair, no knuma frame (seen once in three 6.12
# runs). make check runs it in a single-threaded TCG VM:
#   scripts/vm-run.sh -k 6.12 -S -t stress-sysctl
. /tests/lib.sh
set_nb 1
load
follow -m 32 -f 0 -t 1 -s 12 -r 2000 >/tmp/follow.out 2>&1 &
bg=$!
i=0
while [ $i -lt 100 ]; do
	set_nb $((i % 2))
	usleep 100000
	i=$((i + 1))
done
set_nb 1
wait $bg || fail "follow: $(tail -n 1 /tmp/follow.out)"
grep -q 'data ok' /tmp/follow.out || fail "data: $(tail -n 1 /tmp/follow.out)"
unload
[ "$(sysctl_nb)" = 1 ] || fail "sysctl is $(sysctl_nb) after unload"
ok "100 sysctl toggles at 100 ms while scanning; data intact"
