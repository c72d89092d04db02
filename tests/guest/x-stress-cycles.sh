# SPDX-License-Identifier: GPL-2.0
# 100 load/unload cycles while a 4-thread workload keeps faulting.
. /tests/lib.sh
set_nb 1
slices -T 4 -m 8 -s 600 -u 101 >/tmp/slices.out 2>&1 &
bg=$!
sleep 2
i=0
while [ $i -lt 100 ]; do
	load
	[ $((i % 10)) = 0 ] && scan_hard
	unload
	assert_gone "cycle $i"
	i=$((i + 1))
done
kill $bg
wait $bg 2>/dev/null
grep -q CORRUPT /tmp/slices.out && fail "workload data corrupted"
ok "100 load/unload cycles under a 4-thread faulting workload"
