# SPDX-License-Identifier: GPL-2.0
# The kernel's NUMA groups keep working with knuma loaded: with
# kernel.numa_balancing=1 its task_numa_group() runs on the shared hint
# faults knuma's scans cause. Two processes (numagroup) share 64 MiB of
# MAP_SHARED|MAP_ANONYMOUS memory first-touched interleaved over nodes 0 and
# 1 (so it starts < 70 % on either node) with a shared MPOL_BIND |
# MPOL_F_NUMA_BALANCING policy over both nodes (6.1's vma_policy_mof() never
# lets shmem be scanned without one, and knuma now follows it: mig-shmem),
# start one on each node, then reset
# their CPU affinity to all CPUs and both write the whole region for up to
# 30 s. knuma must reach the outcome: at the end (two samples 500 ms apart)
# both processes show the same nonzero numa_group_id in /proc/PID/sched and
# >= 70 % of the shared pages are on one node. The same run under mainline
# (knuma unloaded, the sysctl still 1: the kernel's own scanner) is printed
# beside it but not required (the test bed is a small, emulated machine; the
# figures are for comparison). A knuma result worse than mainline's fails
# too, as knuma's is required. knuma's figures include how many hint faults
# its NUMA-group rule kept from moving a shared page (decision "group").
. /tests/lib.sh
grep -q 'numa_group_id=' /proc/self/sched 2>/dev/null ||
	skip "no numa_group_id in /proc/PID/sched (CONFIG_SCHED_DEBUG off?)"

# group_run LABEL: run the workload, print its output prefixed with LABEL,
# set RES (reached or not) and FIG (its figures).
group_run() {
	out=$(numagroup -m 64 -s 30 -r 500 -u 70) ||
		{ echo "$out" | sed "s/^/$1: /"; fail "$1: numagroup failed (data?)"; }
	echo "$out" | sed "s/^/$1: /"
	start=$(echo "$out" | grep '^start ')
	s0=$(fld node0_pct "$start")
	s1=$(fld node1_pct "$start")
	awk -v a="$s0" -v b="$s1" 'BEGIN { exit !(a < 70 && b < 70) }' ||
		fail "$1: the region started with $s0 % on node 0, $s1 % on node 1: not interleaved"
	final=$(echo "$out" | tail -n 1)
	echo "$final" | grep -q 'data ok' || fail "$1: data corrupted: $final"
	ga=$(fld a_group "$final")
	gb=$(fld b_group "$final")
	major=$(fld major_pct "$final" | awk '{ print int($1) }')
	group_ms=$(fld group_ms "$final")
	reached=$(fld reached_ms "$final")
	# numagroup stops once the outcome held at two reports in a row.
	RES="not reached"
	if [ "$reached" -ge 0 ] && [ "$ga" != 0 ] && [ "$ga" = "$gb" ] &&
		[ "$major" -ge 70 ]; then
		RES="reached at $(secs "$reached") s"
	fi
	if [ "$ga" != 0 ] && [ "$ga" = "$gb" ]; then
		FIG="one group ($ga, first at $(secs "$group_ms") s)"
	elif [ "$group_ms" -ge 0 ]; then
		FIG="groups $ga and $gb at the end (one group at $(secs "$group_ms") s)"
	else
		FIG="groups $ga and $gb, never one"
	fi
	FIG="$FIG, pages $s0/$s1 % -> $(fld node0_pct "$final")/$(fld node1_pct "$final") % on nodes 0/1"
	FIG="$FIG, tasks on nodes $(fld a_node "$final")/$(fld b_node "$final")"
	if [ "$1" = knuma ]; then
		FIG="$FIG, $(decision group) faults kept by the group rule"
	fi
}

vs_mainline group_run
