#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: the follow workload in modes none / mainline / knuma-sync /
# knuma-async, then the sparse workload (mainline, knuma-async with
# scan_filter on and off), then the classes shared, slices, procs and
# converge in the four modes (tests/guest/bench.sh), one VM run per kernel
# (ratios inside a run are meaningful; TCG absolute times are not). Writes
# build/bench/bench.csv, classes.csv, series.csv, local-fraction.png and
# prints the tables. KNUMA_BENCH_CLASSES=shared runs one class alone.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$KNUMA_ROOT"
out=$KNUMA_BUILD/bench
mkdir -p "$out"
scripts/deps.sh
make -s progs 2>/dev/null
: >"$out/results.txt"
: >"$out/series.txt"
: >"$out/times.txt"
# Every KNUMA_BENCH_* variable goes to the guest (tests/guest/bench.sh), e.g.
# KNUMA_BENCH_CLASSES=shared (one class alone; a list takes commas or spaces)
# or KNUMA_BENCH_RUNS=1. The kernel command line carries no spaces: commas.
envs=()
while IFS='=' read -r k v; do
	envs+=(-E "$k=${v// /,}")
done < <(env | grep '^KNUMA_BENCH_[A-Z0-9_]*=' || true)
for f in $KNUMA_FLAVOURS; do
	knuma_kernel_env "$f"
	knuma_kmake "$f" -s module >/dev/null
	log "bench: $f ($KREL)"
	# 4 GiB: the sparse workload first-touches 1 GiB on one node.
	scripts/vm-run.sh -k "$f" -t bench -m 4096 -T "${KNUMA_BENCH_TIMEOUT:-2400}" "${envs[@]}" -l "$out/vm-$f.log" >"$out/vm-$f.result" 2>&1 ||
		{ cat "$out/vm-$f.result"; die "bench VM run on $f failed"; }
	sed -n "s/^@@BR /kernel=$f /p" "$out/vm-$f.log" >>"$out/results.txt"
	sed -n "s/^@@BS /$f /p" "$out/vm-$f.log" >>"$out/series.txt"
	sed -n "s/^@@BT /$f /p" "$out/vm-$f.log" >>"$out/times.txt"
done
# Debian's python3-matplotlib belongs to the system interpreter.
py=/usr/bin/python3
[ -x $py ] || py=python3
$py scripts/bench-report.py "$out"
