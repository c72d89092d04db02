# SPDX-License-Identifier: GPL-2.0
# Memory pressure across nodes: hogs mlock all but 160 MiB of each node,
# then two 96 MiB workloads cross at the same time (node 0 -> 1 and
# 1 -> 0), so that both nodes are migration targets and short of memory at
# once, in async mode and then in sync mode. Nothing may crash or corrupt
# data; the queues' counters add up; each direction moves something or
# counts its failures.
. /tests/lib.sh
set_nb 1
hog_start 0 160
hp0=$HOG_PID
hog_start 1 160
hp1=$HOG_PID
grep MemFree /sys/devices/system/node/node*/meminfo
load
res=
for mode in async sync; do
	echo $mode >$PARAMS/migrate_mode || fail "cannot set $mode"
	follow -m 96 -f 0 -t 1 -s 12 -r 4000 >/tmp/a.out &
	a=$!
	follow -m 96 -f 1 -t 0 -s 12 -r 4000 >/tmp/b.out &
	b=$!
	wait $a || { cat /tmp/a.out; fail "$mode: follow 0->1 failed"; }
	wait $b || { cat /tmp/b.out; fail "$mode: follow 1->0 failed"; }
	tail -n 1 /tmp/a.out /tmp/b.out
	grep -q 'data ok' /tmp/a.out && grep -q 'data ok' /tmp/b.out || fail "$mode: data corrupted"
	pa=$(tail -n 1 /tmp/a.out | awk '{ print int($3) }')
	pb=$(tail -n 1 /tmp/b.out | awk '{ print int($3) }')
	res="$res $mode: 0->1 $pa %, 1->0 $pb %;"
done
grep -E '^(faults:|migrate:|decisions:)' $DBG/status
migq_consistent
moved=$(awk '$1 == "pages_migrated" { print $2 }' $DBG/stats)
failed=$(awk '$1 == "pages_migrate_failed" { print $2 }' $DBG/stats)
unload
kill $hp0 $hp1
wait 2>/dev/null
[ "$moved" -gt 0 ] || fail "nothing migrated under pressure"
ok "$res $moved pages migrated, $failed failed, queues consistent, data intact"
