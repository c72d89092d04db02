# SPDX-License-Identifier: GPL-2.0
# 1000 short-lived processes (fork, touch 4 MiB, exit) race the scanner;
# exited mms are forgotten. The kernel only asks for a scan after a task
# ran numa_scan_period (its scan delay, 1 s) of CPU time, so short-lived
# processes are never scanned, under mainline or knuma: set that delay to 0
# for the test so that every process is queued on its first tick.
. /tests/lib.sh
KDELAY=/sys/kernel/debug/sched/numa_balancing/scan_delay_ms
[ -w $KDELAY ] || fail "no $KDELAY"
set_nb 1
load
scan_hard
old=$(cat $KDELAY)
echo 0 >$KDELAY
out=$(churn -p 1000)
rc=$?
echo "$old" >$KDELAY
[ $rc = 0 ] || fail "$out"
echo "$out"
sleep 3
left=$(grep -c . $DBG/mms)
scanned=$(awk '$1 == "threads:" && $2 ~ /^knuma/ { s += $5 } END { print s + 0 }' $DBG/status)
unload
[ "$scanned" -gt 0 ] || fail "no mm scanned"
# Header plus at most the few long-lived processes still around.
[ "$left" -le 10 ] || fail "$((left - 1)) mms still tracked after their processes exited"
ok "1000 processes, $scanned scans, exited mms forgotten ($((left - 1)) left)"
