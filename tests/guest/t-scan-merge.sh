# SPDX-License-Identifier: GPL-2.0
# A VMA that grows by a merge keeps what knuma knew of it, its age above
# all. sparse maps and first-touches 384 MiB on node 0, pauses 2 s (knuma's
# first scan, at scan_delay_ms, sees the mapping), then starts its two
# threads on node 1: their stacks are mapped right below the mapping and,
# where the flags match (6.1; on 6.12 MAP_STACK sets VM_NOHUGEPAGE), merge
# with it into a VMA with a new start (sparse prints mapping_grew). With
# vma_delay_ms=30000 a merged VMA counted as new would not be scanned during
# the run. The hot 32 MiB must reach 90 % on node 1 within 15 s, through
# relevance plans (sample, window or full). Without a merge (6.12) this is
# the plain cold start of a known mapping.
. /tests/lib.sh
set_nb 1
load vma_delay_ms=30000
out=$(sparse -m 384 -h 32 -f 0 -t 1 -s 15 -r 500 -u 90 -p 2000) ||
	{ echo "$out"; fail "sparse failed (data?)"; }
echo "$out" | grep mapping_grew
echo "$out" | tail -n 3
grep -E '^(vma_plans:|decisions:)' $DBG/status
plans=$(sed -n 's/^vma_plans: //p' $DBG/status)
unload
grew=$(echo "$out" | sed -n 's/^mapping_grew //p')
final=$(echo "$out" | tail -n 1)
echo "$final" | grep -q 'data ok' || fail "data corrupted: $final"
[ -n "$grew" ] || fail "sparse printed no mapping_grew line"
marked=$(echo "$plans" | awk '{ for (i = 1; i < NF; i++) if ($i == "sample" || $i == "window" || $i == "full") s += $(i + 1) } END { print s + 0 }')
[ "$marked" -gt 0 ] || fail "no sample, window or full plan: $plans"
pct=$(echo "$final" | awk '{ print int($3) }') ms=$(echo "$final" | awk '{ print $5 }')
[ "$ms" -ge 0 ] || fail "only $pct % of the hot part on node 1 after 15 s (merged: $grew; plans: $plans)"
ok "hot part 90 % on node 1 in $ms ms with vma_delay_ms=30000, stacks merged with the mapping: $grew; plans: $plans"
