#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check-debug: the whole guest suite on the debug kernel (KASAN,
# lockdep, DEBUG_ATOMIC_SLEEP, kmemleak, DEBUG_LIST; scripts/debug-kernel.sh
# builds it once), then a kmemleak scan: any KASAN, lockdep or kmemleak
# report fails. Ends with "N passed, N failed, N skipped".
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$KNUMA_ROOT" || exit 1

t0=$(date +%s)
logs=$KNUMA_BUILD/check-debug
mkdir -p "$logs"
fail_setup() { echo "FAIL $1"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }

scripts/deps.sh >"$logs/deps.log" 2>&1 || fail_setup "setup/deps (see $logs/deps.log)"
scripts/debug-kernel.sh 6.12 >"$logs/debug-kernel.log" 2>&1 ||
	{ tail -n 20 "$logs/debug-kernel.log"; fail_setup "setup/debug-kernel (see $logs/debug-kernel.log)"; }
grep 'debug-kernel: built\|debug-kernel: cached' "$logs/debug-kernel.log"
knuma_kernel_env debug
make -s progs >"$logs/progs.log" 2>&1 || fail_setup "setup/progs (see $logs/progs.log)"
make -s KVER="$KREL" KDIR="$KDIR" module >"$logs/module.log" 2>&1 ||
	{ tail -n 20 "$logs/module.log"; fail_setup "build/debug (see $logs/module.log)"; }

# Every t-*.sh test and stress-cycles, then the kmemleak scan
# (x-kmemleak.sh) last.
tests=$(cd tests/guest && ls t-*.sh | sed 's/^t-//; s/\.sh$//' | tr '\n' ',')stress-cycles,kmemleak
log "check-debug: VM suite on $KREL"
# KASAN and lockdep slow TCG down: a generous timeout.
scripts/vm-run.sh -k debug -n 2 -c 4 -m 2048 -t "$tests" -T 5400 -l "$logs/vm.console" \
	>"$logs/vm.log" 2>&1
grep -E '^(PASS|FAIL|SKIP) ' "$logs/vm.log" | tee "$logs/results"
grep -E '^    ' "$logs/vm.log"

pass=$(grep -c '^PASS ' "$logs/results")
fail=$(grep -c '^FAIL ' "$logs/results")
skip=$(grep -c '^SKIP ' "$logs/results")
echo "check-debug: wall time $(($(date +%s) - t0)) s; logs in $logs"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
