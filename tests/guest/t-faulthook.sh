# SPDX-License-Identifier: GPL-2.0
# The task_numa_fault hook sees hint faults (mainline scanning, since knuma
# does not scan yet), and enabled=0 stops knuma from counting them.
. /tests/lib.sh
total_faults() {
	awk '$1 == "faults:" && $2 ~ /^[0-9]+$/ { s += $3 + $4 } END { print s + 0 }' $DBG/status
}
hits() { sed -n 's/^  task_numa_fault .* hits \([0-9]*\) .*/\1/p' $DBG/status; }

echo 1 >/proc/sys/kernel/numa_balancing
load
follow -m 32 -f 1 -t 0 -s 6 -r 2000 || fail "follow workload failed"
f1=$(total_faults) h1=$(hits)
echo "enabled=1: faults $f1 hook hits $h1"
[ "$f1" -gt 0 ] || fail "no hint fault counted"
[ "$h1" -ge "$f1" ] || fail "hits $h1 < counted faults $f1"

echo 0 >$PARAMS/enabled
follow -m 32 -f 1 -t 0 -s 6 -r 2000 || fail "follow workload failed"
f2=$(total_faults) h2=$(hits)
echo "enabled=0: faults $f2 hook hits $h2"
[ "$f2" = "$f1" ] || fail "faults counted while enabled=0 ($f1 -> $f2)"
[ "$h2" -gt "$h1" ] || fail "hook saw no fault during the second run"
unload
ok "hint faults counted: $f1 (hook hits $h1); none counted while enabled=0"
