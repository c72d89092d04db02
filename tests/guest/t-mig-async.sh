# SPDX-License-Identifier: GPL-2.0
# migrate_mode=async (the default): 128 MiB first-touched on node 0 follow
# their thread to node 1 (>= 90 % within 15 s) while the workload's context
# makes no migrate_misplaced_* call: the pages are queued to knuma/1 and moved
# in batches. The one exception is the fallback of mig-stall: a fault that
# finds the thread's queue aged migrate_stall_ms (default 1 s) migrates
# itself. After the move the whole 128 MiB is marked at once and its 64 huge
# pages queued together; a 16 MiB batch takes about 1 s to copy under TCG,
# so the queue ages past that and faults take back part of it (100-140 such
# faults seen in one run out of two). So every in-context migration must
# have its sync_fallback decision, and the thread must have moved at least
# half of the 32768 pages. Then migrate_mode=sync,
# switched at runtime: the way back to node 0 is migrated inside the faults,
# and the same counter sees it.
. /tests/lib.sh
set_nb 1
load migrate_threads=0
[ "$(cat $PARAMS/migrate_mode)" = async ] || fail "default migrate_mode is $(cat $PARAMS/migrate_mode)"
v0=$(vmstat numa_pages_migrated)
follow_run -m 128 -f 0 -t 1 -s 15 -r 500 -u 90
# The workload sees its pages on node 1 while the last batch is still being
# migrated and not yet counted: compare the counters once the threads are
# idle. knuma's count first: a batch adds to numa_pages_migrated before it
# adds to pg_migrated.
migq_quiesce
grep -E '^(migrate_mode|migrate_misplaced_calls|migrate:|decisions:)' $DBG/status
inctx=$(mig_incontext) moved=$(migq pg_migrated) batches=$(migq batches) queued=$(decision queued)
fb=$(decision sync_fallback)
v1=$(vmstat numa_pages_migrated)
migq_consistent
[ "$REACHED_MS" -ge 0 ] || fail "async: only $FINAL_PCT % on node 1 after 15 s"
[ -n "$inctx" ] || fail "no migrate_misplaced_calls line in status"
[ "$inctx" -le "$fb" ] || fail "async: $inctx migrations inside faults, $fb of them sync_fallback"
[ "$moved" -ge 16384 ] || fail "async: knuma threads migrated only $moved pages ($inctx in faults)"
[ "$((v1 - v0))" -ge "$moved" ] || fail "numa_pages_migrated +$((v1 - v0)) < $moved migrated by knuma"
# The threads: rows (node threads and copiers) add up to what the queues
# migrated, and node 1's copiers, when it has any, took part of the move.
grep -E '^threads:' $DBG/status
rows=$(awk '$1 == "threads:" && $2 ~ /^knuma/ { s += $11 } END { print s + 0 }' $DBG/status)
[ "$rows" = "$moved" ] || fail "threads: rows add up to $rows pages migrated, the queues to $moved"
bycop=$(awk '$1 == "threads:" && $2 ~ /^knuma\/1m/ { s += $11 } END { print s + 0 }' $DBG/status)
if [ -n "$(knuma_copiers 1)" ]; then
	[ "$bycop" -gt 0 ] || fail "node 1's copiers ($(echo $(knuma_copiers 1))) migrated nothing of $moved pages"
fi
res="async: 90 % in $REACHED_MS ms, $moved pages ($bycop by node 1's copiers) in $batches batches ($queued folios queued), $inctx in-context migrations ($fb sync_fallback)"

echo sync >$PARAMS/migrate_mode || fail "cannot switch to sync"
follow_run -m 128 -f 1 -t 0 -s 15 -r 500 -u 90
grep -E '^(migrate_mode|migrate_misplaced_calls)' $DBG/status
inctx=$(mig_incontext) moved2=$(migq pg_migrated)
unload
[ "$REACHED_MS" -ge 0 ] || fail "sync: only $FINAL_PCT % on node 0 after 15 s"
[ "$inctx" -gt 0 ] || fail "sync: no migration inside faults counted"
[ "$moved2" = "$moved" ] || fail "sync: knuma threads migrated $((moved2 - moved)) pages"
ok "$res; sync: 90 % in $REACHED_MS ms, $inctx in-context migrations"
