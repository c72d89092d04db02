# SPDX-License-Identifier: GPL-2.0
# Memory follows its thread with knuma scanning, loaded with
# kernel.numa_balancing at 1 and at 0: 128 MiB first-touched on node 0, the
# thread moved to node 1, >= 90 % of its pages on node 1 within 15 s. With
# no balancing at all (sysctl 0, no knuma) it stays under 5 %. knuma
# restores the sysctl it found at unload.
. /tests/lib.sh
set_nb 0
follow_run -m 128 -f 0 -t 1 -s 15 -r 1000
base=$FINAL_PCT
[ "$base" -lt 5 ] || fail "without balancing $base % moved (expected < 5 %)"
res="no balancing: $base %"
for nb in 1 0; do
	set_nb $nb
	load
	[ "$(sysctl_nb)" = 1 ] || fail "knuma loaded with sysctl $nb: sysctl reads $(sysctl_nb)"
	follow_run -m 128 -f 0 -t 1 -s 15 -r 500 -u 90
	ptes=$(awk '$1 == "threads:" && $2 ~ /^knuma/ { s += $6 } END { print s + 0 }' $DBG/status)
	grep -E '^(numa_balancing|threads:|change_prot_numa_calls)' $DBG/status
	unload
	[ "$(sysctl_nb)" = $nb ] || fail "sysctl not restored to $nb: $(sysctl_nb)"
	[ "$REACHED_MS" -ge 0 ] || fail "sysctl=$nb: only $FINAL_PCT % on node 1 after 15 s"
	[ "$ptes" -gt 0 ] || fail "sysctl=$nb: knuma threads marked no PTE"
	res="$res; knuma, sysctl=$nb: 90 % in $REACHED_MS ms ($ptes PTEs by knuma threads)"
done
ok "$res"
