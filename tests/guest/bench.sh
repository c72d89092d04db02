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
# Then the classes of issue 15, each in the four modes, KNUMA_BENCH_RUNS
# times (default 3), interleaved: shared (2 threads, one per node, random
# read-modify-writes over one 256 MiB buffer first-touched on node 0:
# throughput, accesses over 1 and 10 ms, p99/p99.9; pages migrated and
# accesses over 1 ms in the second half of the run), slices (4 threads, 2
# per node, each a fixed number of passes over its slice of a buffer the main
# thread first-touched on node 0: run time, majority-node share), procs (4
# processes, memory first-touched on node 0, process i pinned to node i % 2:
# time to 90 % local, bandwidth) and converge (2 processes x 2 threads, not
# pinned: bandwidth, share on the node most of a process's threads ran on).
# KNUMA_BENCH_CLASSES (spaces or commas) selects what runs; default
# "follow sparse shared slices procs converge".
# Output: "@@BS mode t_ms pct" series lines and one "@@BR key=value..."
# result line per mode (per mode and run for sparse: "rep=N", and the
# series of runs after the first as "mode#N"); the classes write
# "@@BR class=CLASS mode=MODE rep=N ...", their progress lines as
# "@@BP CLASS MODE #N ..." and each class's wall time as "@@BT CLASS cs".
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

# trace_stop [COMM]: the durations of the traced calls made in the context
# of the workload (comm COMM, default follow; function_graph shows at most 7
# characters of it), as "tnw_calls=.. tnw_ms=.. mig_calls=.. mig_ms=..
# cpn_incontext=..".
trace_stop() {
	comm=${1:-follow}
	comm=$(echo "$comm" | cut -c1-7)
	graph_off /tmp/trace
	# Per context (knuma thread or workload) and CPU: where copies go.
	awk '$0 ~ "knuma/[0-9]|" comm "-[0-9]" {
			d = ""; n = ""; who = ($0 ~ /knuma\//) ? "thread" : comm
			if (match($0, /[0-9]+\.[0-9]+ us/)) d = substr($0, RSTART, RLENGTH - 3) + 0
			if (match($0, /[a-z_]+\(\);/)) n = substr($0, RSTART, RLENGTH - 3)
			else if (match($0, /\/\* [a-z_]+ \*\//)) n = substr($0, RSTART + 3, RLENGTH - 6)
			if (n == "" || n ~ /^(task_numa_work|change_prot_numa)$/ && who == comm) next
			k = who " " n " cpu" ($1 + 0); c[k]++; u[k] += d
		}
		END { for (k in c) printf "@@BD %s %s calls %d ms %.1f\n", m, k, c[k], u[k] / 1000 }' m="$mode" comm="$comm" /tmp/trace >&2
	awk -v comm="$comm" '
		$0 ~ comm "-[0-9]+" {
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

# How often the knuma threads were switched in (schedstat's third field):
# every wake-up of a thread takes a CPU from whoever else would run there.
knuma_runs() {
	s=0
	for pid in $(knuma_threads); do
		t=$(awk '{ print $3 }' /proc/$pid/schedstat 2>/dev/null)
		s=$((s + ${t:-0}))
	done
	echo $s
}

run_mode() {
	mode=$1
	mode_on "$mode"
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
		grep -E '^(vma_plans:|decisions:|migrate:)' $DBG/status | sed "s/^/@@BD sparse-$mode #$rep /"
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

# TLB shootdowns received by all CPUs (x86's "TLB:" row of /proc/interrupts):
# a scan that changes a process's PTEs flushes them on every CPU the process
# runs on, from wherever it runs.
tlb_shootdowns() {
	awk '$1 == "TLB:" { for (i = 2; i <= NF; i++) if ($i ~ /^[0-9]+$/) s += $i }
	     END { print s + 0 }' /proc/interrupts
}

# mode_on MODE: the balancing of MODE (none, mainline, knuma-sync,
# knuma-async); the kernel's counters are read at the start.
mode_on() {
	case $1 in
	none) set_nb 0 ;;
	mainline) set_nb 1 ;;
	knuma-sync) set_nb 1; load migrate_mode=sync ;;
	knuma-async) set_nb 1; load migrate_mode=async ;;
	# The node threads alone, as before copiers: to weigh them.
	knuma-async1) set_nb 1; load migrate_mode=async migrate_threads=1 ;;
	esac
	m0=$(vmstat numa_pages_migrated)
	u0=$(vmstat numa_pte_updates) h0=$(vmstat numa_hint_faults)
	tlb0=$(tlb_shootdowns)
}

# mode_off MODE: set COMMON to the counters' deltas since mode_on and the
# knuma threads' CPU time (0 without knuma), and unload knuma.
mode_off() {
	kcpu=0 kruns=0
	case $1 in
	knuma-*)
		kcpu=$(knuma_cpu_ms) kruns=$(knuma_runs)
		# What the queues did and why (the migrate: and decisions: rows).
		grep -E '^(migrate:|decisions:)' $DBG/status | sed "s/^/@@BD ${class:-} $1 #${rep:-} /"
		unload
		;;
	esac
	COMMON="pages_migrated=$(($(vmstat numa_pages_migrated) - m0))"
	COMMON="$COMMON pte_updates=$(($(vmstat numa_pte_updates) - u0))"
	COMMON="$COMMON hint_faults=$(($(vmstat numa_hint_faults) - h0)) knuma_cpu_ms=$kcpu"
	COMMON="$COMMON knuma_runs=$kruns tlb_shootdowns=$(($(tlb_shootdowns) - tlb0))"
}

# The classes of issue 15, each run in the four modes, RUNS times,
# interleaved. One "@@BR class=CLASS mode=MODE rep=N ..." line per run.
RUNS=${KNUMA_BENCH_RUNS:-3}
SHARED_MIB=${KNUMA_BENCH_SHARED_MIB:-256}
SHARED_SECS=${KNUMA_BENCH_SHARED_SECS:-15}
# KNUMA_BENCH_MODES (commas or spaces) may add knuma-async1 or leave modes out.
MODES=$(echo "${KNUMA_BENCH_MODES:-none mainline knuma-sync knuma-async}" | tr ',' ' ')

# shared: 2 threads, one per node, random 8-byte read-modify-writes over one
# buffer first-touched on node 0 (tests/prog/shared.c), with the workload's
# in-context balancing time from function_graph.
run_shared() {
	mode=$1
	mode_on "$mode"
	sync; echo 3 >/proc/sys/vm/drop_caches
	# shellcheck disable=SC2086
	graph_on $TRACED
	out=$(shared -m "$SHARED_MIB" -s "$SHARED_SECS" -r 1000)
	tr=$(trace_stop shared)
	mode_off "$mode"
	echo "$out" | sed "s/^/@@BP shared $mode #$rep /"
	f=$(echo "$out" | tail -n 1)
	echo "@@BR class=shared mode=$mode rep=$rep secs=$SHARED_SECS maccs_s=$(fld maccs_s "$f")" \
	     "over1ms=$(fld over1ms "$f") over10ms=$(fld over10ms "$f")" \
	     "p99_us=$(fld p99_us "$f") p999_us=$(fld p999_us "$f") max_us=$(fld max_us "$f")" \
	     "node0_pct=$(fld node0_pct "$f") node1_pct=$(fld node1_pct "$f")" \
	     "mig_2nd=$(fld mig_2nd "$f") over1ms_2nd=$(fld over1ms_2nd "$f")" \
	     "reached_ms=-1 $COMMON $tr data=$(fld data "$f")"
}

# run_prog CLASS MODE PROG ARGS...: run PROG in MODE with the in-context
# trace; sets FINAL (its last line) and FIGS (counters, trace, knuma CPU).
run_prog() {
	class=$1 mode=$2
	shift 2
	mode_on "$mode"
	# shellcheck disable=SC2086
	graph_on $TRACED
	out=$("$@")
	tr=$(trace_stop "$1")
	mode_off "$mode"
	echo "$out" | sed "s/^/@@BP $class $mode #$rep /"
	FINAL=$(echo "$out" | tail -n 1)
	FIGS="$COMMON $tr data=$(fld data "$FINAL")"
}

# slices: 4 threads, 2 per node, each writing its own slice (32 MiB) of a
# buffer the main thread first-touched on node 0, a fixed number of passes.
SLICES_PASSES=${KNUMA_BENCH_SLICES_PASSES:-250}
run_slices() {
	run_prog slices "$1" slices -T 4 -m 32 -M -p "$SLICES_PASSES" -s 120
	echo "@@BR class=slices mode=$1 rep=$rep run_ms=$(fld run_ms "$FINAL")" \
	     "reached_ms=$(fld reached_ms "$FINAL") majority_pct=$(fld majority_pct "$FINAL")" \
	     "min_pct=$(fld min_pct "$FINAL") slices=$(fld slices "$FINAL") $FIGS"
}

# procs: 4 single-threaded processes with 64 MiB each first-touched on node
# 0, then process i pinned to node i % 2, streaming over its memory.
PROCS_SECS=${KNUMA_BENCH_PROCS_SECS:-12}
run_procs() {
	run_prog procs "$1" procs -P 4 -T 1 -m 64 -s "$PROCS_SECS"
	echo "@@BR class=procs mode=$1 rep=$rep gbs=$(fld gbs "$FINAL")" \
	     "converge_ms=$(fld converge_ms "$FINAL") min_pct=$(fld min_pct "$FINAL")" \
	     "procs=$(fld procs "$FINAL") node=$(fld node "$FINAL")" \
	     "min_local_pct=$(fld min_local_pct "$FINAL") $FIGS"
}

# converge: 2 processes x 2 threads, 64 MiB each first-touched on node 0,
# then free to run on every CPU: scheduler and balancing must bring tasks
# and memory together. min_pct: the share of a process's memory on the node
# most of its threads ran on (the lowest of the processes); min_local_pct:
# on the node of the thread that works on it; converge_ms: from when on
# min_local_pct stayed >= 90 %.
CONVERGE_SECS=${KNUMA_BENCH_CONVERGE_SECS:-15}
run_converge() {
	run_prog converge "$1" procs -P 2 -T 2 -m 64 -a -s "$CONVERGE_SECS"
	echo "@@BR class=converge mode=$1 rep=$rep gbs=$(fld gbs "$FINAL")" \
	     "converge_ms=$(fld converge_ms "$FINAL") min_pct=$(fld min_pct "$FINAL")" \
	     "procs=$(fld procs "$FINAL") node=$(fld node "$FINAL") split=$(fld split "$FINAL")" \
	     "min_local_pct=$(fld min_local_pct "$FINAL") local=$(fld local "$FINAL") $FIGS"
}

CLASSES=$(echo "${KNUMA_BENCH_CLASSES:-follow sparse shared slices procs converge}" | tr , ' ')
[ "${KNUMA_BENCH_FOLLOW:-1}" = 1 ] || CLASSES=$(echo " $CLASSES " | sed 's/ follow / /')
[ "${KNUMA_BENCH_SPARSE:-1}" = 1 ] || CLASSES=$(echo " $CLASSES " | sed 's/ sparse / /')
has_class() { case " $CLASSES " in *" $1 "*) return 0 ;; esac; return 1; }

echo "@@BK $(uname -r)"
echo "@@BC classes $CLASSES runs $RUNS"
if has_class follow; then
	t0=$(uptime_cs)
	for mode in none mainline knuma-sync knuma-async; do
		run_mode $mode
	done
	echo "@@BT follow $(($(uptime_cs) - t0))"
fi
if has_class sparse; then
	t0=$(uptime_cs)
	rep=1
	while [ "$rep" -le "$SPARSE_RUNS" ]; do
		run_sparse "$SPARSE_WARM_MS" mainline
		run_sparse "$SPARSE_WARM_MS" knuma-async migrate_mode=async
		run_sparse "$SPARSE_WARM_MS" knuma-async-nofilter migrate_mode=async scan_filter=0
		run_sparse 0 mainline
		run_sparse 0 knuma-async migrate_mode=async
		rep=$((rep + 1))
	done
	echo "@@BT sparse $(($(uptime_cs) - t0))"
fi
for class in shared slices procs converge; do
	has_class $class || continue
	t0=$(uptime_cs)
	rep=1
	while [ "$rep" -le "$RUNS" ]; do
		for mode in $MODES; do
			run_$class $mode
		done
		rep=$((rep + 1))
	done
	# Wall time of the class in centiseconds.
	echo "@@BT $class $(($(uptime_cs) - t0))"
done
