# SPDX-License-Identifier: GPL-2.0
# Target node full: a hog mlocks all of node 1 but 64-72 MiB, then 128 MiB
# follow their thread from node 0 to node 1. Migrations fail for lack of
# memory, are counted, and the node backs off instead of retrying; the
# workload's data stays intact and nothing crashes. Same in sync mode.
. /tests/lib.sh
set_nb 1
hog_start 1 64
hp=$HOG_PID
cat /tmp/hog1.out
grep MemFree /sys/devices/system/node/node1/meminfo
load
follow_run -m 128 -f 0 -t 1 -s 10 -r 2000
grep -E '^(migrate:|decisions:)' $DBG/status
apct=$FINAL_PCT af=$(($(migq alloc_fail) + $(migq large_fail))) pf=$(migq pg_failed) bo=$(decision backoff) moved=$(migq pg_migrated)
migq_consistent
[ "$af" -gt 0 ] || fail "async: no allocation failure counted on a full node"
[ "$pf" -gt 0 ] || fail "async: no failed page counted"
[ "$apct" -lt 75 ] || fail "async: $apct % moved to a full node?"
echo sync >$PARAMS/migrate_mode
follow_run -m 128 -f 0 -t 1 -s 10 -r 2000
failed=$(awk '$1 == "faults:" && $2 ~ /^[0-9]+$/ { s += $8 } END { print s + 0 }' $DBG/status)
unload
kill $hp
wait $hp 2>/dev/null
[ "$failed" -gt 0 ] || fail "sync: no failed migration counted"
ok "async: $apct % moved ($moved pages), $af allocation failures, $pf pages failed, $bo faults during back-off; sync: $FINAL_PCT % moved, $failed failed migrations; data intact"
