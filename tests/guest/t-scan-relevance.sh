# SPDX-License-Identifier: GPL-2.0
# Scan relevance (scan_filter): a 384 MiB mapping first-touched on node 0 of
# which 32 MiB are written by two threads on node 1. With scan_filter=1 the
# VMA is sampled, then its access window is marked: the hot part still
# reaches >= 90 % on node 1, with fewer PTE updates than the same run with
# scan_filter=0 (every pass marks the whole VMA), at most half of them.
# Both runs last 20 s; the plans made show in vma_plans. Counts, not times:
# the comparison is within one VM run.
. /tests/lib.sh
set_nb 1

# rel_run FILTER: set PTES, HINTS, REACHED_MS, FINAL_PCT and PLANS.
rel_run() {
	load scan_filter=$1
	u0=$(vmstat numa_pte_updates) h0=$(vmstat numa_hint_faults)
	out=$(sparse -m 384 -h 32 -f 0 -t 1 -s 20 -r 500) ||
		{ echo "$out"; fail "scan_filter=$1: sparse failed (data?)"; }
	PTES=$(($(vmstat numa_pte_updates) - u0))
	HINTS=$(($(vmstat numa_hint_faults) - h0))
	PLANS=$(sed -n 's/^vma_plans: //p' $DBG/status)
	echo "scan_filter=$1: $(echo "$out" | tail -n 1); $PTES PTE updates, $HINTS hint faults"
	echo "vma_plans: $PLANS"
	unload
	final=$(echo "$out" | tail -n 1)
	echo "$final" | grep -q 'data ok' || fail "scan_filter=$1: data corrupted: $final"
	FINAL_PCT=$(echo "$final" | awk '{ print int($3) }')
	REACHED_MS=$(echo "$final" | awk '{ print $5 }')
}

rel_run 0
[ "$REACHED_MS" -ge 0 ] || fail "scan_filter=0: only $FINAL_PCT % of the hot part on node 1 after 20 s"
off_ptes=$PTES off_ms=$REACHED_MS
rel_run 1
[ "$REACHED_MS" -ge 0 ] || fail "scan_filter=1: only $FINAL_PCT % of the hot part on node 1 after 20 s"
n_sample=$(echo "$PLANS" | awk '{ for (i = 1; i < NF; i++) if ($i == "sample") print $(i + 1) }')
n_window=$(echo "$PLANS" | awk '{ for (i = 1; i < NF; i++) if ($i == "window" || $i == "full") s += $(i + 1) } END { print s + 0 }')
[ "${n_sample:-0}" -gt 0 ] || fail "the 384 MiB VMA was never sampled: $PLANS"
[ "$n_window" -gt 0 ] || fail "no window or full plan after sampling: $PLANS"
[ "$((PTES * 2))" -le "$off_ptes" ] ||
	fail "scan_filter=1 updated $PTES PTEs, scan_filter=0 $off_ptes: not at most half"
ok "hot part 90 % on node 1 in $REACHED_MS ms with $PTES PTE updates (scan_filter=0: $off_ms ms, $off_ptes); plans: $PLANS"
