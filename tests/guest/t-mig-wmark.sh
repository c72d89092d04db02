# SPDX-License-Identifier: GPL-2.0
# The node thread leaves a target node its high watermark free, as the
# kernel's own misplaced-page path does (migrate_balanced_pgdat()). With
# vm.watermark_scale_factor at 1000 (the watermarks 10 % of the zone apart,
# so that "down to low" and "down to high" differ by far more than the
# noise), a hog mlocks all of node 1 but its high watermark plus 32 MiB,
# then 96 MiB follow their thread there in async mode. Node 1's free pages
# (its zones summed, as /proc/zoneinfo counts them), sampled every 200 ms,
# must never drop more than 8 MiB below its high watermark, while some
# pages moved. Without the rule the node thread allocates down to the low
# watermark: all 96 MiB move and the node ends 64 MiB under high.
. /tests/lib.sh
# zsum NODE: "<free pages> <high watermark pages>" of NODE's zones, summed.
zsum() {
	awk -v n="$1" '$1 == "Node" { node = $2 + 0; next }
		node == n && $1 == "pages" && $2 == "free" { f += $3 }
		node == n && $1 == "high" && NF == 2 { h += $2 }
		END { print f + 0, h + 0 }' /proc/zoneinfo
}
set_nb 1
wsf=$(cat /proc/sys/vm/watermark_scale_factor)
echo 1000 >/proc/sys/vm/watermark_scale_factor || fail "cannot set watermark_scale_factor"
sleep 1
high=$(zsum 1 | awk '{ print $2 }')
[ "$high" -gt 0 ] || fail "no high watermark for node 1 in /proc/zoneinfo"
hog_start 1 $((high * 4 / 1024 + 32))
hp=$HOG_PID
echo "node 1 after the hog: free/high pages $(zsum 1)"
load
v0=$(vmstat numa_pages_migrated)
follow -m 96 -f 0 -t 1 -s 10 -r 2000 >/tmp/follow.out &
fpid=$!
low=""
while kill -0 $fpid 2>/dev/null; do
	f=$(zsum 1 | awk '{ print $1 }')
	[ -z "$low" ] || [ "$f" -lt "$low" ] && low=$f
	sleep 0.2
done
wait $fpid || { cat /tmp/follow.out; fail "follow failed"; }
migq_quiesce
moved=$(($(vmstat numa_pages_migrated) - v0)) af=$(migq alloc_fail)
grep -E '^migrate:' $DBG/status
unload
kill $hp
wait $hp 2>/dev/null
echo "$wsf" >/proc/sys/vm/watermark_scale_factor
tail -n 1 /tmp/follow.out
grep -q 'data ok' /tmp/follow.out || fail "data corrupted"
[ "$moved" -gt 0 ] || fail "nothing moved to node 1 (free $low, high $high pages)"
[ "$low" -ge $((high - 2048)) ] ||
	fail "node 1 went down to $low free pages, high watermark $high ($moved pages moved)"
ok "node 1 kept $low free pages >= high watermark $high - 2048; $moved pages moved, $af refused for room"
