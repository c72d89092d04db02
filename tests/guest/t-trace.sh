# SPDX-License-Identifier: GPL-2.0
# The module's tracepoints: knuma:knuma_scan and knuma:knuma_migrate appear
# in tracefs while knuma is loaded, fire for the follow workload with its
# PID, and are gone after unload.
. /tests/lib.sh
set_nb 1
EV=$TR/events/knuma
[ -d $EV ] && fail "events/knuma exists before load"
load
[ -d $EV/knuma_scan ] && [ -d $EV/knuma_migrate ] || fail "events missing: $(ls $EV 2>&1)"
echo 0 >$TR/tracing_on
: >$TR/trace
echo 1 >$EV/enable || fail "cannot enable events/knuma"
echo 1 >$TR/tracing_on
follow -m 64 -f 0 -t 1 -s 10 -r 500 >/tmp/follow.out &
fp=$!
wait $fp || { cat /tmp/follow.out; fail "follow failed"; }
# Every batch of the workload finished (its event written, its pages
# counted) before tracing stops and the count is read.
migq_quiesce
moved=$(migq pg_migrated)
echo 0 >$TR/tracing_on
echo 0 >$EV/enable
tail -n 1 /tmp/follow.out
grep -E 'knuma_(scan|migrate):' $TR/trace | head -n 4
scans=$(grep -c "knuma_scan: .*pid=$fp " $TR/trace)
migs=$(grep -c "knuma_migrate: .*pid=$fp " $TR/trace)
pages=$(grep "knuma_migrate: .*pid=$fp " $TR/trace |
	sed -n 's/.* migrated=\([0-9]*\) .*/\1/p' | awk '{ s += $1 } END { print s + 0 }')
: >$TR/trace
unload
[ -d $EV ] && fail "events/knuma still there after unload"
[ "$scans" -gt 0 ] || fail "no knuma_scan event for pid $fp"
[ "$migs" -gt 0 ] || fail "no knuma_migrate event for pid $fp"
[ "$pages" = "$moved" ] || fail "knuma_migrate events sum to $pages pages, threads migrated $moved"
ok "$scans knuma_scan and $migs knuma_migrate events for pid $fp ($pages pages, as counted); gone after unload"
