# SPDX-License-Identifier: GPL-2.0
# A cpuset's memory nodes hold under async migration: a process in a cgroup
# v2 cpuset with cpuset.mems=0 (all CPUs allowed) whose thread moves to node
# 1 keeps its memory on node 0, as under mainline, where the faulting task's
# own allocation obeys its cpuset. Its memory confined to one node, it is
# not even scanned (task_numa_work_one_node grows, no fault is decided; as
# 7.x's own task_numa_work does). knuma's node thread allocates for a task,
# so the decision also checks the task's mems_allowed (decision `cpuset`,
# for a cpuset of several nodes that lacks the target: not reachable with
# two nodes). Then the same with cpuset.mems=0-1: the memory follows.
. /tests/lib.sh
CG=/sys/fs/cgroup
mkdir -p $CG
grep -q " $CG cgroup2 " /proc/mounts || mount -t cgroup2 none $CG 2>/dev/null ||
	skip "no cgroup v2"
grep -qw cpuset $CG/cgroup.controllers || skip "no cpuset controller"
echo +cpuset >$CG/cgroup.subtree_control || fail "cannot enable the cpuset controller"
mkdir -p $CG/k0 || fail "mkdir $CG/k0"
echo "$(cat /sys/devices/system/cpu/online)" >$CG/k0/cpuset.cpus || fail "cpuset.cpus"
echo 0 >$CG/k0/cpuset.mems || fail "cpuset.mems=0"
set_nb 1
load
run_in_cg() {
	sh -c "echo \$\$ >$CG/k0/cgroup.procs && exec follow -m 64 -f 0 -t 1 -s 8 -r 2000" >/tmp/cg.out ||
		{ cat /tmp/cg.out; fail "follow in the cpuset failed"; }
	tail -n 1 /tmp/cg.out
	grep -q 'data ok' /tmp/cg.out || fail "data corrupted"
	PCT=$(tail -n 1 /tmp/cg.out | awk '{ print int($3) }')
}
one_node() { sed -n 's/^task_numa_work_one_node: //p' $DBG/status; }
skips0=$(one_node)
run_in_cg
denied=$(decision cpuset)
skips=$(($(one_node) - skips0))
[ "$PCT" -le 2 ] || fail "cpuset.mems=0: $PCT % moved to node 1 ($denied faults denied)"
[ "$skips" -gt 0 ] || fail "cpuset.mems=0: task_numa_work_one_node did not grow: scanned"
[ "$denied" -eq 0 ] || fail "cpuset.mems=0: $denied faults decided 'cpuset': it was scanned"
echo 0-1 >$CG/k0/cpuset.mems || fail "cpuset.mems=0-1"
run_in_cg
unload
rmdir $CG/k0
[ "$PCT" -ge 90 ] || fail "cpuset.mems=0-1: only $PCT % followed"
ok "cpuset.mems=0: stayed, not scanned ($skips scan requests skipped, no fault); mems=0-1: $PCT % followed"
