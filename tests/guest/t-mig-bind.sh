# SPDX-License-Identifier: GPL-2.0
# An application's own memory policy wins. 64 MiB bound to node 0 with
# mbind(MPOL_BIND) stays there while its thread runs on node 1, in both
# migrate modes; with MPOL_F_NUMA_BALANCING added the memory is scanned and
# faults (balancing is allowed, but only inside the nodemask), and still
# never leaves node 0.
. /tests/lib.sh
set_nb 1
res=
for mode in async sync; do
	load migrate_mode=$mode
	for b in bind bindnb; do
		f0=$(awk '$1 == "faults:" && $2 ~ /^[0-9]+$/ { s += $4 } END { print s + 0 }' $DBG/status)
		follow_run -m 64 -f 0 -t 1 -s 6 -r 2000 -b $b
		f1=$(awk '$1 == "faults:" && $2 ~ /^[0-9]+$/ { s += $4 } END { print s + 0 }' $DBG/status)
		[ "$FINAL_PCT" = 0 ] || fail "$mode $b: $FINAL_PCT % moved to node 1"
		if [ $b = bindnb ]; then
			[ "$f1" -gt "$f0" ] || fail "$mode $b: no remote hint fault (not scanned?)"
		fi
		res="$res $mode/$b: 0 % moved ($((f1 - f0)) remote faults);"
	done
	unload
done
# The same workload without a policy does move (the test can fail).
load
follow_run -m 64 -f 0 -t 1 -s 15 -r 500 -u 90
unload
[ "$REACHED_MS" -ge 0 ] || fail "unbound control: only $FINAL_PCT % moved"
ok "$res unbound control: 90 % in $REACHED_MS ms"
