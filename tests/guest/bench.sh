#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make bench, guest side (KNUMA_TESTS=bench): the follow workload (128 MiB
# first-touched on node 0, thread moved to node 1, 15 s) in four modes in
# one VM: no balancing, mainline, knuma with migrate_mode=sync and with
# migrate_mode=async. The workload's in-context time in task_numa_work and
# migrate_misplaced_* comes from function_graph; the knuma threads' own
# migration time from debugfs. PTE updates and hint faults are the kernel's
# own counters (numa_pte_updates, numa_hint_faults), which count knuma's
# change_prot_numa() calls too.
# Then the sparse workload (1 GiB first-touched on node 0, 64 MiB of it in
# use by 2 threads) under mainline and knuma-async, with scan_filter on and
# off: there the cost is scanning. The threads work on node 0 for
# SPARSE_WARM_MS, then move to node 1 (a long-lived process the scheduler
# moves); the "sparse-cold" runs move them at once, right after the first
# touch, before any balancer has seen the memory used.
# Output: "@@BS mode t_ms pct" series lines and one "@@BR key=value..."
# result line per mode (per mode and run for sparse: "rep=N", and the
# series of runs after the first as "mode#N").
. /tests/lib.sh
MIB=${KNUMA_BENCH_MIB:-128}
SECS=${KNUMA_BENCH_SECS:-15}
SPARSE_WARM_MS=${KNUMA_BENCH_SPARSE_WARM_MS:-6000}
# TCG times of one sparse run vary up to 3x from run to run (mainline's
# too): each sparse mode runs this many times, interleaved, and the report
# takes the median.
SPARSE_RUNS=${KNUMA_BENCH_SPARSE_RUNS:-3}

TRACED="task_numa_work change_prot_numa migrate_misplaced_page migrate_misplaced_folio"
# Where a knuma thread's migration time goes (printed as @@BD lines).
KTRACED="migrate_pages_batch try_to_migrate try_to_unmap_flush folio_copy folio_mc_copy __folio_alloc __folio_alloc_noprof remove_migration_ptes"

# Sum the durations of NAME's calls made in the context of comm "follow".
trace_stop() {
	graph_off /tmp/trace
	# Per context (knuma thread or workload) and CPU: where copies go.
	awk '$0 ~ /knuma\/[0-9]|follow-[0-9]/ {
			d = ""; n = ""; who = ($0 ~ /knuma\//) ? "thread" : "follow"
			if (match($0, /[0-9]+\.[0-9]+ us/)) d = substr($0, RSTART, RLENGTH - 3) + 0
			if (match($0, /[a-z_]+\(\);/)) n = substr($0, RSTART, RLENGTH - 3)
			else if (match($0, /\/\* [a-z_]+ \*\//)) n = substr($0, RSTART + 3, RLENGTH - 6)
			if (n == "" || n ~ /^(task_numa_work|change_prot_numa)$/ && who == "follow") next
			k = who " " n " cpu" ($1 + 0); c[k]++; u[k] += d
		}
		END { for (k in c) printf "@@BD %s %s calls %d ms %.1f\n", m, k, c[k], u[k] / 1000 }' m=$mode /tmp/trace >&2
	awk '
		$0 ~ /follow-[0-9]+/ {
			d = ""; n = ""
			if (match($0, /[0-9]+\.[0-9]+ us/)) d = substr($0, RSTART, RLENGTH - 3) + 0
			if (match($0, /[a-z_]+\(\);/)) n = substr($0, RSTART, RLENGTH - 3)
			else if (match($0, /\/\* [a-z_]+ \*\//)) n = substr($0, RSTART + 3, RLENGTH - 6)
			if (n == "") next
			if (n ~ /^migrate_misplaced_/) n = "migrate_misplaced"
			calls[n]++; us[n] += d
		}
		END {
			printf "tnw_calls=%d tnw_ms=%.2f mig_calls=%d mig_ms=%.2f cpn_incontext=%d",
			       calls["task_numa_work"], us["task_numa_work"] / 1000,
			       calls["migrate_misplaced"], us["migrate_misplaced"] / 1000,
			       calls["change_prot_numa"]
		}' /tmp/trace
}

knuma_cpu_ms() {
	s=0
	for pid in $(knuma_threads); do
		t=$(awk '{ print $14 + $15 }' /proc/$pid/stat)
		s=$((s + t))
	done
	echo $((s * 10))
}

run_mode() {
	mode=$1
	case $mode in
	none) set_nb 0 ;;
	mainline) set_nb 1 ;;
	knuma-sync) set_nb 1; load migrate_mode=sync ;;
	knuma-async) set_nb 1; load migrate_mode=async ;;
	esac
	m0=$(vmstat numa_pages_migrated)
	u0=$(vmstat numa_pte_updates) h0=$(vmstat numa_hint_faults)
	sync; echo 3 >/proc/sys/vm/drop_caches
	# shellcheck disable=SC2086
	graph_on $TRACED $KTRACED
	out=$(follow -m $MIB -f 0 -t 1 -s $SECS -r 250)
	tr=$(trace_stop)
	migrated=$(($(vmstat numa_pages_migrated) - m0))
	counts="pte_updates=$(($(vmstat numa_pte_updates) - u0)) hint_faults=$(($(vmstat numa_hint_faults) - h0))"
	kcpu=0 kscan=0 kmig_ms=0 kmig_pages=0
	case $mode in
	knuma-*)
		kcpu=$(knuma_cpu_ms)
		kscan=$(awk '$1 == "threads:" && $2 ~ /^knuma/ { s += $7 } END { printf "%.1f", s / 1e6 }' $DBG/status)
		kmig_ms=$(migq migrate_ns | awk '{ printf "%.1f", $1 / 1e6 }')
		kmig_pages=$(migq pg_migrated)
		# Run and runqueue-wait time of the threads: did they get a CPU?
		for pid in $(knuma_threads); do
			echo "@@BD $mode $(cat /proc/$pid/comm) schedstat $(cat /proc/$pid/schedstat)"
		done
		grep -E '^(migrate:|decisions:)' $DBG/status | sed "s/^/@@BD $mode /"
		unload
		;;
	esac
	echo "$out" | awk -v m=$mode '$1 == "t_ms" { print "@@BS", m, $2, $4 }'
	final=$(echo "$out" | tail -n 1)
	reached=$(echo "$out" | awk '$1 == "t_ms" && $4 >= 90 { print $2; exit }')
	echo "@@BR mode=$mode reached_ms=${reached:--1} final_pct=$(echo "$final" | awk '{ print $3 }')" \
	     "$tr knuma_cpu_ms=$kcpu knuma_scan_ms=$kscan pages_migrated=$migrated $counts" \
	     "knuma_mig_ms=$kmig_ms knuma_mig_pages=$kmig_pages" \
	     "max_stall_ms=$(echo "$final" | awk '{ print $9 }') data=$(echo "$final" | awk '{ print $7 }')"
}

# run_sparse WARM_MS MODE [PARAMS]: the sparse workload; one
# "@@BR mode=sparse-..." line (sparse-cold-... without warm-up).
run_sparse() {
	warm=$1 mode=$2
	shift 2
	[ "$warm" -gt 0 ] || mode=cold-$mode
	set_nb 1
	case $mode in *knuma-*) load "$@" ;; esac
	m0=$(vmstat numa_pages_migrated)
	u0=$(vmstat numa_pte_updates) h0=$(vmstat numa_hint_faults)
	out=$(sparse -m 1024 -h 64 -f 0 -t 1 -w "$warm" -s $SECS -r 250)
	migrated=$(($(vmstat numa_pages_migrated) - m0))
	counts="pte_updates=$(($(vmstat numa_pte_updates) - u0)) hint_faults=$(($(vmstat numa_hint_faults) - h0))"
	case $mode in
	*knuma-*)
		grep -E '^(vma_plans:|decisions:)' $DBG/status | sed "s/^/@@BD sparse-$mode #$rep /"
		unload
		;;
	esac
	series=sparse-$mode
	[ "$rep" = 1 ] || series="$series#$rep"
	echo "$out" | awk -v m="$series" '$1 == "t_ms" { print "@@BS", m, $2, $4 }'
	final=$(echo "$out" | tail -n 1)
	reached=$(echo "$out" | awk '$1 == "t_ms" && $4 >= 90 { print $2; exit }')
	echo "@@BR mode=sparse-$mode rep=$rep reached_ms=${reached:--1} final_pct=$(echo "$final" | awk '{ print $3 }')" \
	     "pages_migrated=$migrated $counts" \
	     "max_stall_ms=$(echo "$final" | awk '{ print $9 }') data=$(echo "$final" | awk '{ print $7 }')"
}

echo "@@BK $(uname -r)"
if [ "${KNUMA_BENCH_FOLLOW:-1}" = 1 ]; then
	for mode in none mainline knuma-sync knuma-async; do
		run_mode $mode
	done
fi
if [ "${KNUMA_BENCH_SPARSE:-1}" = 1 ]; then
	rep=1
	while [ "$rep" -le "$SPARSE_RUNS" ]; do
		run_sparse "$SPARSE_WARM_MS" mainline
		run_sparse "$SPARSE_WARM_MS" knuma-async migrate_mode=async
		run_sparse "$SPARSE_WARM_MS" knuma-async-nofilter migrate_mode=async scan_filter=0
		run_sparse 0 mainline
		run_sparse 0 knuma-async migrate_mode=async
		rep=$((rep + 1))
	done
fi
