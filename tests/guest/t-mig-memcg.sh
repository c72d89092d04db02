# SPDX-License-Identifier: GPL-2.0
# The kernel counts a misplaced-page migration in the folio's memory cgroup
# too (memory.stat numa_pages_migrated), on kernels whose memcg counts NUMA
# balancing events (6.12 on; 6.1's does not: skipped there). knuma's async
# migrations, made by its node threads, must show there as well. A process
# in cgroup knmc first-touches 64 MiB on node 0 and then writes them from
# node 1; once the node threads are idle, the cgroup's numa_pages_migrated
# must have grown by at least 90 % of what /proc/vmstat's grew (the pages
# the system migrated, nearly all of them the process's), under knuma-async,
# of which knuma's node threads must have moved at least half (faults that
# migrate themselves, sync_fallback, are counted by the kernel's own path);
# the same under mainline (knuma unloaded) is printed beside it.
. /tests/lib.sh
CG=/sys/fs/cgroup
mkdir -p $CG && { grep -q " $CG cgroup2 " /proc/mounts ||
	mount -t cgroup2 none $CG 2>/dev/null; } || skip "no cgroup2 in this kernel"
grep -qw memory $CG/cgroup.controllers || skip "no memory controller"
echo +memory >$CG/cgroup.subtree_control || fail "cannot enable the memory controller"
rmdir $CG/knmc 2>/dev/null
mkdir $CG/knmc || fail "mkdir knmc"
if ! grep -q '^numa_pages_migrated ' $CG/knmc/memory.stat; then
	rmdir $CG/knmc
	skip "this kernel's memory cgroups do not count NUMA balancing events"
fi
cg_mig() { sed -n 's/^numa_pages_migrated //p' $CG/knmc/memory.stat; }

# mc_run LABEL: set DM (the cgroup's count) and DV (the system's).
mc_run() {
	m0=$(cg_mig) v0=$(vmstat numa_pages_migrated)
	sh -c "echo \$\$ >$CG/knmc/cgroup.procs && exec follow -m 64 -f 0 -t 1 -s 10 -r 1000 -u 95" \
		>/tmp/mc.out 2>&1 || { cat /tmp/mc.out; fail "$1: follow failed (data?)"; }
	grep -q 'data ok' /tmp/mc.out || { cat /tmp/mc.out; fail "$1: data corrupted"; }
	[ "$1" = mainline ] || migq_quiesce
	# memory.stat is flushed at least every 2 s.
	sleep 3
	DM=$(($(cg_mig) - m0)) DV=$(($(vmstat numa_pages_migrated) - v0))
	echo "$1: $(tail -n 1 /tmp/mc.out); cgroup numa_pages_migrated +$DM, system +$DV"
}

set_nb 1
load migrate_mode=async
mc_run knuma-async
grep -E '^(symbols:|  count_memcg|  __count_memcg)' $DBG/status
k_thr=$(migq pg_migrated)
unload
k_dm=$DM k_dv=$DV
mc_run mainline
rmdir $CG/knmc
[ "$k_dv" -ge 8192 ] || fail "knuma-async migrated only $k_dv pages of 16384"
[ "$((k_thr * 2))" -ge "$k_dv" ] ||
	fail "knuma's node threads moved $k_thr of the $k_dv pages migrated: the test would not see their counting"
[ "$((k_dm * 10))" -ge "$((k_dv * 9))" ] ||
	fail "knuma-async: the cgroup counted $k_dm of the $k_dv pages migrated (mainline: $DM of $DV)"
ok "knuma-async: the cgroup counted $k_dm of $k_dv pages migrated ($k_thr by the node threads); mainline: $DM of $DV"
