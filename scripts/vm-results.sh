#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vm-results.sh LOG FLAVOUR QEMU_RC
# Turn a guest console log into result lines: the guest's own
# "@@KNUMA-TEST name PASS|FAIL|SKIP detail" lines, plus two of our own:
# the run completed (no hang, panic or timeout) and the log is clean.
set -uo pipefail
log=$1 flavour=$2 qrc=${3:-0}
fail=0

while read -r _ name res detail; do
	printf '%s %s/%s %s\n' "$res" "$flavour" "$name" "$detail"
	[ "$res" = FAIL ] && fail=1
done < <(grep -a '^@@KNUMA-TEST ' "$log")

if grep -aq '^@@KNUMA-DONE' "$log"; then
	echo "PASS $flavour/vm-completed"
else
	why="no completion marker (qemu rc $qrc"
	[ "$qrc" = 124 ] && why+=", timeout"
	grep -aq 'Kernel panic' "$log" && why+=", kernel panic"
	grep -aq '^@@KNUMA-WATCHDOG' "$log" && why+=", guest watchdog fired: stacks in the log"
	echo "FAIL $flavour/vm-completed $why)"
	fail=1
fi

# Any splat in the console or in the dmesg dump fails the run. The report
# headers, not the mere names: a debug kernel says "RCU lockdep checking is
# enabled" and "kmemleak: Kernel memory leak detector initialized" at boot,
# and the command line carries the test names.
pat='BUG:|WARNING:|Oops|Call Trace|KASAN:|kmemleak: [0-9]+ new suspected|'
pat+='unreferenced object|possible circular locking|possible recursive locking|'
pat+='inconsistent lock state|suspicious RCU usage|lockdep is turned off|'
pat+='INFO: task .* blocked|soft lockup|hard LOCKUP|rcu_sched self-detected|'
pat+='RCU stall|general protection fault|Kernel panic'
splats=$(grep -aE "$pat" "$log" | grep -av '^@@' | grep -av 'command line' |
	 sort -u | head -5)
if [ -z "$splats" ]; then
	echo "PASS $flavour/guest-log-clean"
else
	echo "FAIL $flavour/guest-log-clean: $(echo "$splats" | head -1)"
	echo "$splats" | sed 's/^/    /'
	fail=1
fi
exit $fail
