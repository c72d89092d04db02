# SPDX-License-Identifier: GPL-2.0
# A node thread that cannot keep up with its queue (here held to 1 % of a
# CPU by migrate_duty_pct, as a thread starved by busy CPUs would be) must
# not leave pages remote: once its oldest queued folio waited
# migrate_stall_ms, the faults to that node migrate in their own context.
# 512 MiB follow their thread to node 1 within 30 s, with sync_fallback
# decisions and in-context migrations counted. migrate_stall_ms=0 turns the
# fallback off: then no fault migrates (how much the thread moves then
# depends on its batch sizes: the duty cap applies between batches).
#
# Why 512 MiB: a batch takes up to 64 folios, and 64 huge pages are
# 128 MiB. With 128 MiB, all of it was once queued before the thread's
# first batch and moved in that batch; no queue aged (seen in CI on 6.12).
# With 512 MiB at least 3/4 remain after the first batch, and the thread is
# over its 1 % for many seconds. (Without THP the 1024-entry queue is full
# before it is 200 ms old, and the faults dropped meanwhile need rescans:
# 72 % in 15 s in one 6.12 run.) The scans run every second over the whole
# range (no period back-off, no relevance filter), so the progress measured
# is the fallback's, not the scan cadence's: with both adapting, one 6.12
# run stayed at 49 % for 10 s.
. /tests/lib.sh
set_nb 1
# One thread per node (no copiers): the queue must lag for this test.
load migrate_threads=1 migrate_duty_pct=1 migrate_stall_ms=200 scan_period_max_ms=1000 scan_filter=0
follow_run -m 512 -f 0 -t 1 -s 30 -r 500 -u 90
grep -E '^(migrate_misplaced_calls|migrate:|decisions:)' $DBG/status
fb=$(decision sync_fallback) inctx=$(mig_incontext) thr=$(migq pg_migrated)
migq_consistent
[ "$REACHED_MS" -ge 0 ] || fail "fallback: only $FINAL_PCT % on node 1 after 30 s"
[ "$fb" -gt 0 ] || fail "no sync_fallback decision"
[ "$inctx" -gt 0 ] || fail "sync_fallback counted, but no fault migrated"
res="stall 200 ms: 90 % in $REACHED_MS ms, $fb fallback decisions, $inctx in-context migrations, $thr pages by the thread"

echo 0 >$PARAMS/migrate_stall_ms || fail "cannot set migrate_stall_ms=0"
inctx0=$(mig_incontext) fb0=$fb
follow_run -m 512 -f 1 -t 0 -s 8 -r 500 -u 90
grep -E '^(migrate_misplaced_calls|migrate:|decisions:)' $DBG/status
fb=$(decision sync_fallback) inctx=$(mig_incontext)
unload
[ "$fb" = "$fb0" ] || fail "migrate_stall_ms=0: $((fb - fb0)) fallback decisions"
[ "$inctx" = "$inctx0" ] || fail "migrate_stall_ms=0: $((inctx - inctx0)) in-context migrations"
ok "$res; stall 0: no fallback, no in-context migration ($FINAL_PCT % moved by the thread in 8 s)"
