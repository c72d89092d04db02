# SPDX-License-Identifier: GPL-2.0
# Every byte of every migrated page survives: 96 MiB of pseudo-random data
# (half THP, half small pages) checksummed page by page before and after
# moving from node 0 to node 1, in async mode and in sync mode.
. /tests/lib.sh
set_nb 1
res=
for mode in async sync; do
	load migrate_mode=$mode
	m0=$(vmstat numa_pages_migrated)
	out=$(pagesum -m 96 -f 0 -t 1 -s 20 -u 90) || { echo "$out"; fail "$mode: pagesum failed"; }
	m1=$(vmstat numa_pages_migrated)
	echo "$out"
	unload
	final=$(echo "$out" | tail -n 1)
	pct=$(echo "$final" | awk '{ print int($3) }')
	bad=$(echo "$final" | awk '{ print $7 }')
	[ "$bad" = 0 ] || fail "$mode: $bad pages changed"
	[ "$pct" -ge 50 ] || fail "$mode: only $pct % moved: too few pages checked"
	res="$res $mode: $pct % of 24576 pages moved ($((m1 - m0)) migrations), 0 mismatches;"
done
ok "$res"
