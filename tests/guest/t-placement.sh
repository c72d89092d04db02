# SPDX-License-Identifier: GPL-2.0
# The kernel's own task placement keeps working with knuma loaded: with
# kernel.numa_balancing=1 its task_numa_placement() and numa_migrate_preferred()
# run on the hint faults knuma's scans cause. One single-threaded process
# (placement) first-touches 128 MiB bound to node 1, starts bound to node 0,
# then resets its CPU affinity to all CPUs and writes every page for up to
# 30 s, unpinned. knuma must reach the outcome: the kernel's placement ran
# (numa_preferred_nid in /proc/PID/sched is a node at the end) and the task
# and its memory end together (at its last report): the task runs on
# node 1 or >= 90 % of its memory is on node 0. Which of the two depends on
# who moves first. Mainline migrates a young task's pages inside the fault
# and tells the scheduler the node the page moved to, so its preferred node
# follows the memory to node 0; knuma tells it the same for a page it
# queued (before it did, async mode reported the node the page was leaving,
# and the preferred node pointed at node 1 while the memory moved to 0).
# The same run under mainline (knuma unloaded, the sysctl still 1: the
# kernel's own scanner) is printed beside it but not required.
. /tests/lib.sh
grep -q '^numa_preferred_nid' /proc/self/sched 2>/dev/null ||
	skip "no numa_preferred_nid in /proc/PID/sched (CONFIG_SCHED_DEBUG off?)"

# place_run LABEL: run the workload, print its output prefixed with LABEL,
# set RES (reached or not) and FIG (its figures).
place_run() {
	out=$(placement -m 128 -f 1 -t 0 -s 30 -r 500 -u 90) ||
		{ echo "$out" | sed "s/^/$1: /"; fail "$1: placement failed (data?)"; }
	echo "$out" | sed "s/^/$1: /"
	final=$(echo "$out" | tail -n 1)
	echo "$final" | grep -q 'data ok' || fail "$1: data corrupted: $final"
	pref_ms=$(fld pref_seen_ms "$final")
	node=$(fld node "$final")
	pct=$(fld on_to_pct "$final" | awk '{ print int($1) }')
	reached=$(fld reached_ms "$final")
	# placement stops once the outcome held at two reports in a row.
	pref=$(fld preferred "$final")
	RES="not reached"
	if [ "$pref" -ge 0 ] && { [ "$node" = 1 ] || [ "$pct" -ge 90 ]; }; then
		RES="reached, preferred node $pref"
		[ "$reached" -lt 0 ] || RES="$RES, at $(secs "$reached") s"
	fi
	if [ "$pref_ms" -ge 0 ]; then
		FIG="preferred node 1 at $(secs "$pref_ms") s"
	else
		FIG="preferred node never 1"
	fi
	FIG="$FIG, ends on node $node with $pct % of its memory on node 0"
	FIG="$FIG ($(fld node_moves "$final") node changes, $(fld fault_migrated "$final") pages migrated in its faults)"
}

vs_mainline place_run
