# SPDX-License-Identifier: GPL-2.0
# 20 load/unload cycles while a 4-thread workload keeps faulting, from
# the first cycle to the last (it runs until killed; the test fails if it
# ended early). In the single-threaded-TCG VM a cycle under this load takes
# about 15 s on 7.3 (40 outlasted a 600-s workload). Likely, not measured:
# each of knuma's six ftrace_ops waits for two RCU-tasks grace periods when
# unregistered (kernel/trace/ftrace.c, dynamic ops).
# 100 cycles no longer fit CI's budget with two full-suite kernels (and the
# old 600-s workload had ended before the 100th), nor did 30 once the suites
# grew (CI at 86-92 min of its 90); the multi-threaded VM runs 20 more
# (t-cycles.sh).
. /tests/lib.sh
set_nb 1
slices -T 4 -m 8 -s 86400 -u 101 >/tmp/slices.out 2>&1 &
bg=$!
sleep 2
i=0
while [ $i -lt 20 ]; do
	load
	[ $((i % 5)) = 0 ] && scan_hard
	unload
	assert_gone "cycle $i"
	i=$((i + 1))
done
kill $bg 2>/dev/null || fail "the workload was not running: $(cat /tmp/slices.out)"
wait $bg 2>/dev/null
grep -q CORRUPT /tmp/slices.out && fail "workload data corrupted"
ok "20 load/unload cycles under a 4-thread faulting workload (running throughout)"
