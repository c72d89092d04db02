# SPDX-License-Identifier: GPL-2.0
# debugfs: stats, nodes, tasks, histograms exist, are root-only and
# read-only, hold no kernel pointer, and agree with each other while the
# follow workload moves in async mode and then in sync mode.
. /tests/lib.sh
set_nb 1
load
for f in status mms stats nodes tasks histograms; do
	[ "$(stat -c %a $DBG/$f)" = 400 ] || fail "$f mode $(stat -c %a $DBG/$f)"
done
follow -m 64 -f 0 -t 1 -s 12 -r 1000 >/tmp/follow.out &
fp=$!
sleep 6
cp $DBG/tasks /tmp/tasks
wait $fp || { cat /tmp/follow.out; fail "follow failed"; }
tail -n 1 /tmp/follow.out
echo sync >$PARAMS/migrate_mode
follow -m 64 -f 1 -t 0 -s 8 -r 1000 -u 90 >/dev/null || fail "follow (sync) failed"
# stats and nodes are compared below but copied one after the other: no
# batch may be counted in between.
migq_quiesce
for f in stats nodes tasks histograms; do cp $DBG/$f /tmp/$f.txt; done
head -n 3 /tmp/tasks
cat /tmp/stats.txt /tmp/nodes.txt /tmp/histograms.txt | grep -v ' bucket '
unload

# stats: "name value" lines, values unsigned integers.
awk 'NF != 2 || $2 !~ /^[0-9]+$/ { print "bad line: " $0; bad = 1 } END { exit bad }' /tmp/stats.txt ||
	fail "stats is not name-value"
st() { awk -v k="$1" '$1 == k { print $2 }' /tmp/stats.txt; }
[ "$(st faults_remote)" -gt 0 ] || fail "stats: no remote fault"
[ "$(st pages_migrated)" -gt 0 ] || fail "stats: nothing migrated"
[ "$(st decision_queued)" -gt 0 ] || fail "stats: no decision_queued"
[ "$(st incontext_migrations)" -gt 0 ] || fail "stats: sync run made no in-context migration"
# nodes: per-node columns add up to the global counters.
for c in faults_local faults_remote pages_migrated; do
	s=$(awk -v c=$c 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } { s += $k }
		END { printf "%.0f\n", s }' /tmp/nodes.txt)
	[ "$s" = "$(st $c)" ] || fail "nodes: $c sums to $s, stats says $(st $c)"
done
# tasks: the header, and the follow process with remote faults.
[ "$(head -n 1 /tmp/tasks)" = "pid comm faults_local faults_remote migrated scan_ns migrate_ns throttled" ] ||
	fail "tasks header: $(head -n 1 /tmp/tasks)"
row=$(awk -v p=$fp '$1 == p' /tmp/tasks)
[ -n "$row" ] || fail "follow ($fp) not in tasks"
set -- $row
[ "$2" = follow ] && [ "$4" -gt 0 ] && [ $# = 8 ] || fail "tasks row: $row"
# histograms: the four exist, buckets add up to count, fault time seen in both modes.
for h in scan_mmap_lock_hold hint_fault_sync hint_fault_async migrate_batch; do
	c=$(awk -v h=$h '$2 == h && $3 == "count" { print $4 }' /tmp/histograms.txt)
	b=$(awk -v h=$h '$2 == h && $3 == "bucket" { s += $6 } END { printf "%.0f\n", s }' /tmp/histograms.txt)
	[ -n "$c" ] && [ "$c" -gt 0 ] || fail "histogram $h empty"
	[ "$c" = "$b" ] || fail "histogram $h: count $c, buckets sum to $b"
done
# No kernel pointer in any file.
if grep -lE 'ffff[0-9a-f]{12}' /tmp/stats.txt /tmp/nodes.txt /tmp/tasks.txt /tmp/histograms.txt; then
	fail "a kernel pointer is exposed"
fi
async=$(awk '$2 == "hint_fault_async" && $3 == "count" { printf "%.0f", $6 / $4 }' /tmp/histograms.txt)
sync=$(awk '$2 == "hint_fault_sync" && $3 == "count" { printf "%.0f", $6 / $4 }' /tmp/histograms.txt)
ok "stats $(wc -l </tmp/stats.txt) counters, nodes add up, follow in tasks; mean hint fault (decision to end) async $async ns, sync $sync ns"
