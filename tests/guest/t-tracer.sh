# SPDX-License-Identifier: GPL-2.0
# knuma coexists with the function_graph tracer on the very functions it
# hooks (what make bench and an operator's trace-cmd do): load, trace
# task_numa_work, change_prot_numa and migrate_misplaced_* while a workload
# runs, check the trace, unload; six times, every other time unloading while
# the tracer is still on those functions. The tracer starts in the first
# round and is only re-aimed after that (tests/guest/lib.sh graph_on), and
# stops at the end. Each step is marked in the kernel log, so a hang shows
# where.
. /tests/lib.sh
mark() { echo "<2>knuma-test: tracer round $i: $*" >/dev/kmsg; }
i=0
while [ $i -lt 6 ]; do
	mark "load"
	set_nb 1
	load
	mark "drop caches"
	sync
	echo 3 >/proc/sys/vm/drop_caches
	mark "function_graph on"
	graph_on task_numa_work change_prot_numa migrate_misplaced_page \
		migrate_misplaced_folio
	mark "workload"
	follow -m 32 -f 0 -t 1 -s 3 -r 1000 >/dev/null || fail "round $i: follow failed"
	if [ $((i % 2)) = 1 ]; then
		mark "unload under the tracer"
		unload
	fi
	mark "function_graph off"
	graph_off /tmp/trace
	# The redirected task_numa_work still shows under its own name.
	grep -q 'task_numa_work' /tmp/trace || fail "round $i: task_numa_work not traced"
	grep -qE 'knuma/[0-9]+-[0-9]+ .*change_prot_numa' /tmp/trace ||
		fail "round $i: no change_prot_numa from a knuma thread in the trace"
	if [ $((i % 2)) = 0 ]; then
		mark "unload"
		unload
	fi
	i=$((i + 1))
done
mark "function_graph stop"
graph_stop
ok "6 rounds of knuma + function_graph on its hooked functions"
