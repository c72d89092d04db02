# SPDX-License-Identifier: GPL-2.0
# A VMA that grows by a merge keeps what knuma knew of it, its age above
# all. sparse maps and first-touches 384 MiB on node 0, then starts its two
# threads on node 1: their stacks are mapped right below the mapping and,
# where the flags match (6.1: MAP_STACK sets no VM_NOHUGEPAGE there), merge
# with it into a VMA with a new start. knuma's first scan saw the mapping
# during the first touch; with vma_delay_ms=30000 a merged VMA counted as
# new would not be scanned during the whole run (the 6.1 cold start lost a
# period to this). The hot 32 MiB must reach 90 % on node 1 within 15 s.
. /tests/lib.sh
set_nb 1
load vma_delay_ms=30000
out=$(sparse -m 384 -h 32 -f 0 -t 1 -s 15 -r 500 -u 90) ||
	{ echo "$out"; fail "sparse failed (data?)"; }
echo "$out" | tail -n 3
grep -E '^(vma_plans:|decisions:)' $DBG/status
plans=$(sed -n 's/^vma_plans: //p' $DBG/status)
unload
final=$(echo "$out" | tail -n 1)
echo "$final" | grep -q 'data ok' || fail "data corrupted: $final"
pct=$(echo "$final" | awk '{ print int($3) }') ms=$(echo "$final" | awk '{ print $5 }')
[ "$ms" -ge 0 ] || fail "only $pct % of the hot part on node 1 after 15 s (plans: $plans)"
ok "hot part 90 % on node 1 in $ms ms with vma_delay_ms=30000; plans: $plans"
