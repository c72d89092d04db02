#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The test bed's own checks must be able to fail: feed vm-results.sh
# synthetic guest logs and expect the right verdicts.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
bad=0
expect() { # expect 0|1 DESCRIPTION LOGTEXT
	printf '%s\n' "$3" >"$d/log"
	"$KNUMA_ROOT/scripts/vm-results.sh" "$d/log" self 0 >"$d/out"
	if [ $? -eq "$1" ]; then echo "ok: $2"; else echo "WRONG: $2"; cat "$d/out"; bad=1; fi
}
ok_run=$'@@KNUMA-TEST a PASS fine\n@@KNUMA-DONE'
expect 0 "clean log passes" "$ok_run"
expect 1 "failed guest test fails" $'@@KNUMA-TEST a FAIL broken\n@@KNUMA-DONE'
expect 1 "missing completion marker (hang/panic) fails" '@@KNUMA-TEST a PASS fine'
for splat in 'WARNING: CPU: 1 PID: 9 at mm/x.c:1 f+0x1/0x2' 'BUG: kernel NULL pointer dereference' \
	'Oops: 0000 [#1] PREEMPT SMP' 'Call Trace:' 'BUG: KASAN: slab-out-of-bounds' \
	'WARNING: possible circular locking dependency detected' 'kmemleak: 1 new suspected memory leaks' \
	'unreferenced object 0xffff888003a1b200 (size 64):' 'WARNING: suspicious RCU usage' \
	'BUG: sleeping function called from invalid context at mm/x.c:1' 'INFO: lockdep is turned off.'; do
	expect 1 "splat '$splat' fails" "$ok_run"$'\n'"[ 1.0] $splat"
done
# What a debug kernel prints at boot is not a report.
for quiet in 'rcu: 	RCU lockdep checking is enabled.' \
	'kmemleak: Kernel memory leak detector initialized (mem pool available: 62645)' \
	'kasan: KernelAddressSanitizer initialized (generic)' \
	'Command line: console=ttyS0 KNUMA_TESTS=kmemleak,lockdep'; do
	expect 0 "boot line '$quiet' passes" "$ok_run"$'\n'"[ 0.0] $quiet"
done
exit $bad
