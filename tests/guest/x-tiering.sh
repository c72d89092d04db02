# SPDX-License-Identifier: GPL-2.0
# Memory-tiering mode is the kernel's: with kernel.numa_balancing=2 (tiering
# only) and 3 (both), knuma steps aside. task_numa_work is not redirected
# (the kernel's own scan runs in the tasks: change_prot_numa called in
# context), knuma's threads mark no PTE, and the kernel's own decision
# answers the hint faults (no knuma decision counted). Back at 1, knuma
# takes over again. (This test bed has no slow-tier memory, so promotion
# itself cannot be shown; that the kernel's scan and decision run is what
# makes it work where there is.) Not in the multi-threaded runs (x-):
# modes 2 and 3 switch the sched_numa_balancing static key off and on
# (see x-stress-sysctl.sh); make check runs it in the single-threaded VM.
. /tests/lib.sh
redirected() { sed -n 's/^task_numa_work_redirected: //p' $DBG/status; }
cpn_incontext() { sed -n 's/^change_prot_numa_calls: knuma [0-9]* in_context //p' $DBG/status; }
knuma_ptes() { awk '$1 == "threads:" && $2 ~ /^knuma/ { s += $6 } END { print s + 0 }' $DBG/status; }
decided() { awk '$1 == "decisions:" { for (i = 3; i < NF; i += 2) s += $(i + 1) } END { print s + 0 }' $DBG/status; }
set_nb 1
load
res=
for mode in 2 3; do
	set_nb $mode
	r0=$(redirected) c0=$(cpn_incontext) p0=$(knuma_ptes) d0=$(decided)
	follow -m 32 -f 0 -t 1 -s 5 -r 1000 >/dev/null || fail "mode $mode: follow failed"
	r1=$(redirected) c1=$(cpn_incontext) p1=$(knuma_ptes) d1=$(decided)
	[ "$r1" = "$r0" ] || fail "mode $mode: task_numa_work redirected $((r1 - r0)) times"
	[ "$c1" -gt "$c0" ] || fail "mode $mode: the kernel's own scan did not run (no in-context change_prot_numa)"
	[ "$p1" = "$p0" ] || fail "mode $mode: knuma threads marked $((p1 - p0)) PTEs"
	[ "$d1" = "$d0" ] || fail "mode $mode: knuma decided $((d1 - d0)) hint faults"
	res="$res mode $mode: $((c1 - c0)) in-context scans, none by knuma;"
done
set_nb 1
r0=$(redirected)
follow_run -m 32 -f 0 -t 1 -s 10 -r 500 -u 90
[ "$(redirected)" -gt "$r0" ] || fail "mode 1 again: task_numa_work not redirected"
[ "$REACHED_MS" -ge 0 ] || fail "mode 1 again: only $FINAL_PCT % followed"
unload
ok "$res mode 1 again: redirected, 90 % in $REACHED_MS ms"
