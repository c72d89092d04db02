# SPDX-License-Identifier: GPL-2.0
# With numa_balancing=1 and knuma loaded, the workload's own context never
# scans: change_prot_numa is called only from knuma threads, while the
# kernel's tick keeps asking (task_numa_work redirected) and PTEs get marked.
. /tests/lib.sh
set_nb 1
load
p0=$(vmstat numa_pte_updates)
follow_run -m 64 -f 0 -t 1 -s 10 -r 500 -u 90
p1=$(vmstat numa_pte_updates)
st=$(cat $DBG/status)
echo "$st" | grep -E '^(change_prot_numa_calls|task_numa_work_redirected|threads:)'
unload
incontext=$(echo "$st" | sed -n 's/^change_prot_numa_calls: knuma \([0-9]*\) in_context \([0-9]*\)$/\2/p')
byknuma=$(echo "$st" | sed -n 's/^change_prot_numa_calls: knuma \([0-9]*\) in_context \([0-9]*\)$/\1/p')
redirected=$(echo "$st" | sed -n 's/^task_numa_work_redirected: //p')
[ -n "$incontext" ] || fail "no change_prot_numa counters in status"
[ "$incontext" = 0 ] || fail "$incontext change_prot_numa calls outside knuma threads"
[ "$byknuma" -gt 0 ] || fail "knuma threads made no change_prot_numa call"
[ "$redirected" -gt 0 ] || fail "task_numa_work was never redirected"
[ "$p1" -gt "$p0" ] || fail "numa_pte_updates did not grow ($p0 -> $p1)"
ok "in-context scans 0, knuma scans $byknuma, task_numa_work redirected $redirected, PTE updates +$((p1 - p0))"
