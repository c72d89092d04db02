# SPDX-License-Identifier: GPL-2.0
# THP, hugetlb, mlocked and shared (two processes) memory first-touched on
# node 0 and used from node 1 while knuma scans hard: data intact.
. /tests/lib.sh
set_nb 1
echo 8 >/proc/sys/vm/nr_hugepages
load
scan_hard
out=$(regions 15) || fail "$out"
echo "$out"
skipped=$(sed -n 's/^vma_skipped: //p' $DBG/status)
echo "vma_skipped: $skipped"
unload
echo 0 >/proc/sys/vm/nr_hugepages
echo "$out" | grep -q 'hugetlb=yes' || fail "no hugetlb pages could be reserved: $out"
echo "$skipped" | grep -qE 'hugetlb [1-9]' || fail "hugetlb VMA was not skipped: $skipped"
ok "$out; $skipped"
