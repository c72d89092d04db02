# SPDX-License-Identifier: GPL-2.0
# migrate_mode=off observes only: knuma scans and counts hint faults and
# decisions, and nothing moves. 64 MiB on node 0 used from node 1 stay on
# node 0 while the remote faults and "observe_only" decisions rise; switched
# to async at runtime, the same workload moves.
. /tests/lib.sh
remote() { awk '$1 == "faults:" && $2 ~ /^[0-9]+$/ { s += $4 } END { print s + 0 }' $DBG/status; }
set_nb 1
load migrate_mode=off
grep -q '^migrate_mode: off$' $DBG/status || fail "status does not show migrate_mode off"
m0=$(vmstat numa_pages_migrated) r0=$(remote)
follow_run -m 64 -f 0 -t 1 -s 8 -r 2000
m1=$(vmstat numa_pages_migrated) r1=$(remote) obs=$(decision observe_only) off=$FINAL_PCT
[ "$off" -lt 5 ] || fail "off: $off % moved to node 1"
[ $((m1 - m0)) -lt 256 ] || fail "off: numa_pages_migrated grew by $((m1 - m0))"
[ $((r1 - r0)) -gt 0 ] || fail "off: no remote hint fault counted"
[ "$obs" -gt 0 ] || fail "off: no observe_only decision counted"
echo async >$PARAMS/migrate_mode
follow_run -m 64 -f 0 -t 1 -s 15 -r 500 -u 90
unload
[ "$REACHED_MS" -ge 0 ] || fail "async after off: only $FINAL_PCT % moved"
ok "off: $off % moved, +$((r1 - r0)) remote faults, $obs observe_only decisions; then async: 90 % in $REACHED_MS ms"
