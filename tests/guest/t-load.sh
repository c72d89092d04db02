# SPDX-License-Identifier: GPL-2.0
# knuma loads: parameters, debugfs status, one bound thread per node and its
# copiers (migrate_threads=0: one thread per CPU, at most 4, in all), hooks
# installed, required symbols resolved; and unloads leaving nothing.
. /tests/lib.sh
assert_gone "before load"
load migrate_threads=0
dmesg | grep -q "knuma: .* loaded on $KREL" || fail "no 'loaded' line in dmesg"
[ "$(cat $PARAMS/enabled)" = 1 ] || fail "enabled is not 1 by default"
[ -e $PARAMS/test_require_symbol ] && fail "test_require_symbol is visible in sysfs"
st=$(cat $DBG/status) || fail "cannot read $DBG/status"
echo "$st"
echo "$st" | grep -q "^kernel: $KREL\$" || fail "status does not show kernel $KREL"
echo "$st" | grep -q '^enabled: 1$' || fail "status does not show enabled: 1"
echo "$st" | grep -E '^  [a-z_]+ +missing +required' && fail "a required symbol is missing"
for s in kallsyms_lookup_name task_numa_work change_prot_numa task_numa_fault \
	 should_numa_migrate_memory migrate_pages folio_isolate_lru putback_movable_pages \
	 sysctl_numa_balancing_mode set_numabalancing_state mpol_misplaced; do
	echo "$st" | grep -qE "^  $s +resolved" || fail "symbol $s not resolved"
done
echo "$st" | grep -qE '^  migrate_misplaced_(page|folio) +resolved' ||
	fail "migrate_misplaced_* not resolved"
for h in task_numa_fault should_numa_migrate_memory task_numa_work mpol_misplaced; do
	echo "$st" | grep -qE "^  $h +installed" || fail "hook $h not installed"
done
echo "$st" | grep -q 'ffffffff' && fail "status exposes a kernel address"
grep -q task_numa_fault /sys/kernel/tracing/enabled_functions ||
	fail "task_numa_fault not in ftrace enabled_functions"

# One knuma/<nid> per node, and its copiers knuma/<nid>m<k>, each bound to
# exactly that node's CPUs (less the isolated ones, when the VM was booted
# with some).
nthreads=0 ncopiers=0
for pid in $(knuma_threads); do
	comm=$(cat /proc/$pid/comm)
	nid=$(knuma_thread_nid $pid)
	want=$(knuma_cpus "$nid" | tr '\n' ' ')
	have=$(sed -n 's/^Cpus_allowed_list:\s*//p' /proc/$pid/status)
	[ "$(cpus_expand "$have" | tr '\n' ' ')" = "$want" ] ||
		fail "$comm allowed on $have, expected CPUs $want"
	case $comm in knuma/*m*) ncopiers=$((ncopiers + 1)) ;; *) nthreads=$((nthreads + 1)) ;; esac
done
[ "$nthreads" = "$KNUMA_NODES" ] || fail "$nthreads threads for $KNUMA_NODES nodes"
want=0
for pid in $(knuma_node_threads); do
	nid=$(knuma_thread_nid $pid)
	n=$(knuma_copiers "$nid" | wc -l)
	[ "$n" = "$(knuma_copiers_auto "$nid")" ] ||
		fail "knuma/$nid has $n copiers, expected $(knuma_copiers_auto "$nid")"
	want=$((want + n))
	# A threads: line per copier in status.
	[ "$(grep -c "^threads: knuma/${nid}m" $DBG/status)" = "$n" ] ||
		fail "status shows $(grep -c "^threads: knuma/${nid}m" $DBG/status) copiers of node $nid, $n running"
done
[ "$ncopiers" = "$want" ] || fail "$ncopiers copiers, expected $want"
unload
dmesg | grep -q 'knuma: unloaded' || fail "no 'unloaded' line in dmesg"
assert_gone "after unload"
ok "loaded: $nthreads bound threads and $ncopiers copiers, symbols resolved, hook installed; unloaded clean"
