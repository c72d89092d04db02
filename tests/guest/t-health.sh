# SPDX-License-Identifier: GPL-2.0
# No silent no-op (module/health.c): when knuma's node threads fail every
# isolation -- what a kernel whose isolation convention knuma misreads looks
# like (7.x's bool folio_isolate_lru() read as 0-on-success) -- knuma says
# so once in dmesg and in status, with the counts. Simulated with the
# testing-only test_fail_isolate=1: follow under async mode moves nothing,
# and the warning must appear within 15 s. Hint faults that never reach
# knuma's decision (testing-only test_skip_decision=1) must be said the
# same way. Then a normal load: the same
# workload moves its pages and status says "health: ok" with no warning.
# Small pages (THP off for the test): 16384 folios to fail, not 32.
. /tests/lib.sh
set_nb 1
THP=/sys/kernel/mm/transparent_hugepage/enabled
thp=$(sed -n 's/.*\[\(.*\)\].*/\1/p' $THP)
echo never >$THP
trap 'echo $thp >$THP' EXIT
dmesg -c >/dev/null
load test_fail_isolate=1
grep -q '^health: ok$' $DBG/status || fail "status at load: $(grep '^health:' $DBG/status)"
follow_run -m 64 -f 0 -t 1 -s 15 -r 500 -u 90
migq_quiesce
cp $DBG/status /tmp/health.st
health=$(grep '^health:' /tmp/health.st)
echo "$health"
moved=$(migq pg_migrated /tmp/health.st) isofail=$(migq iso_fail /tmp/health.st)
unload
warn=$(dmesg | grep -c 'knuma: async migration moves nothing on kernel')
dmesg | grep 'knuma: async migration moves nothing' || true
[ "$moved" = 0 ] || fail "test_fail_isolate=1 still moved $moved pages"
[ "$isofail" -ge 256 ] || fail "only $isofail isolations failed (the check needs 256)"
[ "$warn" = 1 ] || fail "$warn dmesg warnings for $isofail failed isolations and 0 moved (want exactly 1)"
health1=$health
case $health in
"health: async migration moves nothing (queued "*", isolate_failed $isofail,"*) ;;
*) fail "status says '$health' after $isofail failed isolations" ;;
esac

# Hint faults that never reach knuma's decision (test_skip_decision=1):
# the "no decisions" finding, once, with the fault count.
dmesg -c >/dev/null
load test_skip_decision=1
follow_run -m 64 -f 0 -t 1 -s 15 -r 500 -u 90
# The kernel's own decision migrates in the faults, so follow may end
# within a second: give the once-a-second check up to 3 s to run.
i=0
while [ $i -lt 30 ] && ! grep -q '^health: no decisions' $DBG/status; do
	usleep 100000
	i=$((i + 1))
done
health=$(grep '^health:' $DBG/status)
echo "$health"
unload
warn=$(dmesg | grep -c "knuma's migration decision was never asked")
dmesg | grep "decision was never asked" || true
[ "$warn" = 1 ] || fail "$warn dmesg warnings for hint faults without decisions (want exactly 1)"
case $health in
"health: no decisions (hint faults "*", decisions 0)") ;;
*) fail "test_skip_decision=1: status says '$health'" ;;
esac
health2=$health

dmesg -c >/dev/null
load
follow_run -m 64 -f 0 -t 1 -s 15 -r 500 -u 90
health=$(grep '^health:' $DBG/status)
moved2=$(migq pg_migrated)
unload
[ "$moved2" -gt 0 ] || fail "normal load: nothing moved"
[ "$health" = "health: ok" ] || fail "normal load, $moved2 moved: status says '$health'"
dmesg | grep -q 'moves nothing' && fail "normal load: warning in dmesg"
ok "failing isolations: 0 moved, $isofail isolations failed, one warning and '${health1%% (*}' in status; no decisions: one warning and '$health2'; normal: $moved2 moved, health ok"
