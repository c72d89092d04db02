# SPDX-License-Identifier: GPL-2.0
# One process, 8 threads on 2 nodes, each with its own 16 MiB slice
# first-touched on the other node: every slice ends on its thread's node.
. /tests/lib.sh
set_nb 1
load
out=$(slices -T 8 -m 16 -s 25 -u 90) || { echo "$out"; fail "slices failed"; }
grep -E '^(migrate:|decisions:)' $DBG/status
unload
echo "$out" | tail -n 3
final=$(echo "$out" | tail -n 1)
echo "$final" | grep -q 'data ok' || fail "data: $final"
ms=$(echo "$final" | awk '{ print $5 }')
[ "$ms" -ge 0 ] || fail "not every slice reached 90 % on its node: $final"
ok "8 slices each >= 90 % on their thread's node in $ms ms"
