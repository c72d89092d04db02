# SPDX-License-Identifier: GPL-2.0
# Sourced by guest tests. fail MSG prints MSG and exits 1.
KO=/knuma/knuma.ko
PARAMS=/sys/module/knuma/parameters
DBG=/sys/kernel/debug/knuma
KREL=$(cat /etc/knuma-krel)

fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
ok() { echo "$*"; exit 0; }

load() { insmod "$KO" "$@" || fail "insmod knuma $*"; }
unload() { rmmod knuma || fail "rmmod knuma"; }

# Pids of all knuma threads: the knuma/<nid> node threads and their
# copiers knuma/<nid>m<k> (migrate_threads).
knuma_threads() {
	for d in /proc/[0-9]*; do
		case "$(cat "$d/comm" 2>/dev/null)" in knuma/*) echo "${d#/proc/}" ;; esac
	done
}
# Pids of the node threads knuma/<nid> alone.
knuma_node_threads() {
	for d in /proc/[0-9]*; do
		case "$(cat "$d/comm" 2>/dev/null)" in knuma/*m*) ;; knuma/*) echo "${d#/proc/}" ;; esac
	done
}
# knuma_thread_nid PID: the node of a knuma thread (knuma/<nid>, knuma/<nid>m<k>).
knuma_thread_nid() { sed 's|^knuma/||; s|m.*||' /proc/$1/comm; }

# Nothing of knuma may remain: module, sysfs, debugfs, threads, ftrace hooks.
assert_gone() {
	grep -q '^knuma ' /proc/modules && fail "$1: module still listed"
	[ -e /sys/module/knuma ] && fail "$1: /sys/module/knuma remains"
	[ -e "$DBG" ] && fail "$1: $DBG remains"
	[ -n "$(knuma_threads)" ] && fail "$1: knuma threads remain: $(knuma_threads)"
	ef=/sys/kernel/tracing/enabled_functions
	[ -r $ef ] && grep -q knuma $ef && fail "$1: ftrace hook remains: $(grep knuma $ef)"
	return 0
}


# cpus_expand LIST: a CPU list (0-2,5) as one CPU per line, ascending.
cpus_expand() {
	echo "$1" | tr ',' '\n' |
		awk -F- 'NF == 2 { for (c = $1; c <= $2; c++) print c; next }
			 NF == 1 && $1 != "" { print $1 }' | sort -n -u
}
# isolated_cpus: CPUs isolated from kernel work (isolcpus=, nohz_full=), one
# per line; nohz_full reads "(null)" when not set.
isolated_cpus() {
	cpus_expand "$(cat /sys/devices/system/cpu/isolated \
		/sys/devices/system/cpu/nohz_full 2>/dev/null |
		grep -v null | tr '\n' ',')"
}
# knuma_cpus NID: where knuma/NID and its copiers may run, one CPU per line:
# its node's CPUs less the isolated ones, or every other housekeeping CPU
# when the node has none (scanner/thread.c).
knuma_cpus() {
	isolated_cpus >/tmp/cpus.iso
	cpus_expand "$(cat /sys/devices/system/node/node$1/cpulist)" >/tmp/cpus.want
	[ -s /tmp/cpus.iso ] || { cat /tmp/cpus.want; return; }
	grep -vxF -f /tmp/cpus.iso /tmp/cpus.want >/tmp/cpus.hk
	[ -s /tmp/cpus.hk ] ||
		cpus_expand "$(cat /sys/devices/system/cpu/online)" |
		grep -vxF -f /tmp/cpus.iso >/tmp/cpus.hk
	cat /tmp/cpus.hk
}

# Kernel counters and the NUMA balancing sysctl.
vmstat() { sed -n "s/^$1 //p" /proc/vmstat; }
sysctl_nb() { cat /proc/sys/kernel/numa_balancing; }
set_nb() { echo "$1" >/proc/sys/kernel/numa_balancing; }

# follow_run ARGS...: run the follow workload, check its data, and set
# FINAL_PCT (pages on the target node) and REACHED_MS (-1: never reached).
follow_run() {
	out=$(follow "$@") || { echo "$out"; fail "follow $* failed (data?)"; }
	final=$(echo "$out" | tail -n 1)
	echo "$out" | tail -n 4
	FINAL_PCT=$(echo "$final" | awk '{ print int($3) }')
	REACHED_MS=$(echo "$final" | awk '{ print $5 }')
	echo "$final" | grep -q 'data ok' || fail "data corrupted: $final"
}

# graph_on FUNC...: function_graph tracing of just these functions (those the
# kernel has), with the caller's comm and the function name on closing
# braces. set_ftrace_filter limits the call sites ftrace patches to these:
# enabling function_graph on the whole kernel under multi-threaded TCG
# sometimes wedges a vCPU on a just-patched fentry site (seen without knuma
# loaded too: a soft lockup at <func>+0x0).
# The tracer is started once per boot and then only its filter changes
# (graph_off parks it on GRAPH_PARK, a function seldom called):
# starting or stopping function_graph registers or removes its sched_switch
# probe, which patches the tracepoint's call in __schedule(), and under
# multi-threaded TCG a vCPU in __schedule() sometimes still ran the int3 of a
# patch already finished ("Oops: int3" at __schedule+0x339 and +0x5b8, the
# second time with knuma not loaded). graph_stop stops it.
TR=/sys/kernel/tracing
GRAPH_PARK="ksys_sync vfs_fsync_range"

# graph_have FUNC...: those of FUNC... that ftrace can trace, one per line.
graph_have() {
	printf '%s\n' "$@" >/tmp/graph.want
	grep -x -F -f /tmp/graph.want $TR/available_filter_functions | sort -u
}

# graph_filter FUNC...: the traced set, replaced in one open of the file (the
# new set applies when it is closed). Never empty: an empty filter traces
# every function.
graph_filter() {
	[ $# -gt 0 ] || fail "graph_filter: no function"
	printf '%s\n' "$@" >$TR/set_ftrace_filter || fail "graph_filter: $* refused"
}

graph_on() {
	fs=$(graph_have "$@")
	[ -n "$fs" ] || fail "graph_on: none of $* can be traced"
	echo 0 >$TR/tracing_on
	# shellcheck disable=SC2086
	graph_filter $fs
	if [ "$(cat $TR/current_tracer)" != function_graph ]; then
		echo 1 >$TR/options/funcgraph-proc
		echo 1 >$TR/options/funcgraph-tail
		echo 16384 >$TR/buffer_size_kb
		echo function_graph >$TR/current_tracer
	fi
	: >$TR/trace
	echo 1 >$TR/tracing_on
}

# graph_off FILE: stop tracing, save the trace to FILE, park the tracer.
graph_off() {
	echo 0 >$TR/tracing_on
	cat $TR/trace >"$1"
	# shellcheck disable=SC2086
	park=$(graph_have $GRAPH_PARK | head -n 1)
	[ -n "$park" ] || fail "graph_off: none of $GRAPH_PARK can be traced"
	graph_filter "$park"
}

# graph_stop: function_graph off, nop tracer.
graph_stop() {
	echo 0 >$TR/tracing_on
	echo nop >$TR/current_tracer
}

# scan_hard: make knuma scan as often as it allows (races more likely).
scan_hard() {
	echo 0 >$PARAMS/scan_delay_ms
	echo 0 >$PARAMS/vma_delay_ms
	echo 10 >$PARAMS/scan_period_min_ms
	echo 100 >$PARAMS/scan_period_max_ms
	echo 100 >$PARAMS/thread_duty_pct
}

# Asynchronous migration counters from $DBG/status (summed over nodes).
# migq COLUMN [FILE]: a column of the "migrate:" table, by its header name,
# from FILE (a copy of status taken earlier) or from status now.
migq() {
	awk -v c="$1" '$1 == "migrate:" && $2 == "node" { for (i = 1; i <= NF; i++) if ($i == c) k = i; next }
		$1 == "migrate:" && k { s += $k } END { printf "%.0f\n", s }' "${2:-$DBG/status}"
}
# verdict PCT: where memory went, as tests comparing knuma with mainline
# name it: "follows" (>= 90 % moved), "stays" (< 10 %), else "half (PCT %)".
verdict() {
	if [ "$1" -ge 90 ]; then echo follows
	elif [ "$1" -lt 10 ]; then echo stays
	else echo "half ($1 %)"
	fi
}
# decision NAME: how many hint faults got this migration decision.
decision() {
	awk -v c="$1" '$1 == "decisions:" { for (i = 3; i < NF; i += 2) if ($i == c) s += $(i + 1) }
		END { printf "%.0f\n", s }' $DBG/status
}
# Calls of migrate_misplaced_* (migration inside a fault) seen by the hook.
mig_incontext() { sed -n 's/^migrate_misplaced_calls: in_context //p' $DBG/status; }
# The queue invariant: every queued folio is done, pending or drained. All
# four from one reading of status (each node's row is read under its queue
# lock): a thread taking a batch between two readings moves folios from
# pending to done.
migq_consistent() {
	cat $DBG/status >/tmp/migq.status
	q=$(migq queued /tmp/migq.status) d=$(migq "done" /tmp/migq.status)
	p=$(migq pending /tmp/migq.status) r=$(migq drained /tmp/migq.status)
	[ "$q" = $((d + p + r)) ] || fail "queue counters: queued $q != done $d + pending $p + drained $r"
}
# knuma_copiers_auto NID: how many copiers knuma/NID gets with
# migrate_threads=0: one thread per CPU it may use, at most 4, less itself.
knuma_copiers_auto() {
	_n=$(knuma_cpus "$1" | wc -l)
	[ "$_n" -le 4 ] || _n=4
	[ "$_n" -ge 1 ] || _n=1
	echo $((_n - 1))
}
# knuma_copiers NID: pids of the copiers of knuma/NID.
knuma_copiers() {
	for d in /proc/[0-9]*; do
		case "$(cat "$d/comm" 2>/dev/null)" in "knuma/$1m"*) echo "${d#/proc/}" ;; esac
	done
}

# migq_quiesce: wait until the node threads are idle, so that counters read
# afterwards, one after another, describe the same finished work. A batch is
# taken off the queue (done) before it is migrated and counted (pg_migrated,
# numa_pages_migrated), and it can run for seconds under TCG: its pages are
# already on the new node while the counters still lag. Idle: no folio
# pending, every knuma/<nid> thread asleep in its wait (state S, not running
# a batch or a scan), and the same counters 1 s later. At most 60 s, then
# fail.
migq_quiesce() {
	_prev="" _i=0
	while :; do
		cat $DBG/status >/tmp/migq.quiesce
		_cur="$(migq pending /tmp/migq.quiesce) $(migq "done" /tmp/migq.quiesce)"
		_cur="$_cur $(migq batches /tmp/migq.quiesce) $(migq pg_migrated /tmp/migq.quiesce)"
		_cur="$_cur $(migq pg_failed /tmp/migq.quiesce)"
		for _p in $(knuma_threads); do
			_cur="$_cur $(awk '{ print $3 }' /proc/$_p/stat 2>/dev/null)"
		done
		case " $_cur " in
		" 0 "*" R "* | " 0 "*" D "*) ;;
		" 0 "*) [ "$_cur" = "$_prev" ] && return 0 ;;
		esac
		_prev=$_cur _i=$((_i + 1))
		[ $_i -le 60 ] ||
			fail "knuma threads not idle after 60 s (pending done batches pg_migrated pg_failed, thread states: $_cur)"
		sleep 1
	done
}
# uptime_cs: time since boot in centiseconds.
uptime_cs() { awk '{ split($1, a, "."); print a[1] * 100 + a[2] }' /proc/uptime; }
# hog_start NODE LEAVE_MIB: mlock all of NODE but LEAVE_MIB in the background
# and wait until it holds it; sets HOG_PID.
hog_start() {
	hog -n "$1" -l "$2" >/tmp/hog$1.out &
	HOG_PID=$!
	i=0
	until grep -q ready /tmp/hog$1.out; do
		i=$((i + 1))
		[ $i -lt 120 ] || fail "hog on node $1 did not get ready"
		kill -0 $HOG_PID 2>/dev/null || fail "hog on node $1 died: $(cat /tmp/hog$1.out)"
		sleep 1
	done
}

# fld NAME LINE: the word after the word NAME in LINE.
fld() { echo "$2" | awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }'; }
# secs MS: MS in seconds, one decimal.
secs() { awk -v m="$1" 'BEGIN { printf "%.1f", m / 1000 }'; }

# vs_mainline RUNFN: the same workload with knuma loaded, then under mainline
# (knuma unloaded, kernel.numa_balancing still 1). RUNFN LABEL runs it once
# and sets RES ("reached ..." or not) and FIG (its figures). knuma must reach
# the outcome with its own scans; mainline's result is printed beside it.
vs_mainline() {
	set_nb 1
	load
	$1 knuma
	ptes=$(awk '$1 == "threads:" && $2 ~ /^knuma/ { s += $6 } END { print s + 0 }' $DBG/status)
	grep -E '^(threads:|decisions:|change_prot_numa_calls)' $DBG/status
	unload
	[ "$ptes" -gt 0 ] || fail "knuma threads marked no PTE: the faults were not knuma's"
	k_res=$RES k_fig=$FIG
	[ "$(sysctl_nb)" = 1 ] || fail "kernel.numa_balancing is $(sysctl_nb) after unload, not 1"
	$1 mainline
	case $k_res in
	reached*) ;;
	*) fail "knuma: outcome $k_res: $k_fig; mainline: outcome $RES: $FIG" ;;
	esac
	ok "knuma: outcome $k_res: $k_fig; mainline: outcome $RES: $FIG"
}
