# SPDX-License-Identifier: GPL-2.0
# Processes exit while their folios wait in the async queue: the queue is
# slowed to a crawl (migrate_duty_pct=1, no lagging fallback) and the
# workload killed while folios are pending; once the thread catches up
# every entry is accounted for
# (queued = done + pending + drained) and those of the dead process were
# skipped. Then unload with folios still queued: they are released.
. /tests/lib.sh
# fill_queue: start the workload in the background ($fp) and wait until
# more than 20 of its folios are pending in the slowed queue.
fill_queue() {
	follow -m 128 -f 0 -t 1 -s 60 -r 5000 >/dev/null &
	fp=$!
	i=0
	until [ "$(migq pending)" -gt 20 ]; do
		i=$((i + 1))
		[ $i -lt 60 ] || fail "queue never filled (pending $(migq pending))"
		sleep 0.5
	done
}
set_nb 1
# No lagging fallback and no copiers: the queue must keep what it holds
# for this test.
load migrate_threads=1 migrate_duty_pct=1 migrate_stall_ms=0
fill_queue
pend=$(migq pending)
kill -9 $fp
wait $fp 2>/dev/null
echo 100 >$PARAMS/migrate_duty_pct
i=0
until [ "$(migq pending)" = 0 ]; do
	i=$((i + 1))
	[ $i -lt 120 ] || fail "queue not drained by its thread ($(migq pending) left)"
	sleep 0.5
done
grep -E '^migrate:' $DBG/status
migq_consistent
exited=$(migq exited)
[ "$exited" -gt 0 ] || fail "no entry skipped as exited"

# Unload with a full queue: the rate limit (1 MiB/s) keeps the thread
# from emptying it between the check and the unload.
echo 1 >$PARAMS/migrate_duty_pct
echo 1 >$PARAMS/migrate_rate_mb
fill_queue
pend2=$(migq pending)
unload
kill $fp
wait $fp 2>/dev/null
dmesg | grep -q 'queued folios released unmigrated at unload' || fail "no release message at unload"
assert_gone "unload with queued folios"
ok "killed with $pend pending: $exited skipped as exited, counters consistent; unloaded with $pend2 pending: released"
