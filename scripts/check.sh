#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: every test of the project, on every kernel (scripts/lib.sh).
#   host: unit tests of policy/, test-bed self-tests, W=1 builds of every
#         kernel in its own suite's root (scripts/buildroot.sh), DKMS, lint,
#         and the README's set-up rehearsed on a fresh Debian 12 root and a
#         fresh Debian 13 root (scripts/test-fresh-root.sh: deps, kernels,
#         builds, DKMS, make demo)
#   VM:   the guest suite on KNUMA_FULL_FLAVOURS (2 nodes), a 4-node run, and
#         stress-sysctl, stress-cycles, stress-hotplug, enabled and tiering
#         in a single-threaded TCG VM; on the other kernels KNUMA_CORE_TESTS, enabled and tiering,
#         and the isolated-CPU run
# Prints one "PASS|FAIL|SKIP name detail" line per test and ends with
# "N passed, N failed, N skipped". Exit status 1 if anything failed.
# KNUMA_FLAVOURS="6.12" limits the kernels (default: all five). Prints the
# wall time of each part.
set -uo pipefail
. "$(dirname "$0")/lib.sh"
cd "$KNUMA_ROOT" || exit 1

t0=$(date +%s)
logs=$KNUMA_BUILD/check
mkdir -p "$logs"
res=$logs/results
: >"$res"

record() { # record PASS|FAIL|SKIP NAME [DETAIL]
	echo "$*" | tee -a "$res"
}
# run_step NAME CMD...: one test that passes when CMD exits 0.
run_step() {
	local name=$1 log
	shift
	log=$logs/$(echo "$name" | tr '/ ' '__').log
	if "$@" >"$log" 2>&1; then
		record PASS "$name"
	else
		record FAIL "$name (see $log)"
		tail -n 15 "$log" | sed 's/^/    /'
	fi
}
# collect FILE: append the PASS/FAIL/SKIP lines of a sub-runner.
collect() {
	grep -E '^(PASS|FAIL|SKIP) ' "$1" | tee -a "$res"
	grep -E '^    ' "$1"
}

# part NAME: a part of the check starts; the wall time of each is printed
# at the end (and kept in $logs/parts).
: >"$logs/parts"
part_t=$(date +%s) part_name=
part() {
	local now
	now=$(date +%s)
	[ -z "$part_name" ] || printf '%5d s  %s\n' $((now - part_t)) "$part_name" >>"$logs/parts"
	part_name=$1 part_t=$now
	[ -z "$1" ] || log "check: $1"
}

part "setup (packages, kernels)"
run_step setup/deps scripts/deps.sh
for f in $KNUMA_FLAVOURS $KNUMA_RT_FLAVOURS; do
	run_step "setup/fetch-kernel-$f" scripts/fetch-kernel.sh "$f"
done

part "host unit tests"
if make -s build/unit/knuma-unit >"$logs/unit-build.log" 2>&1; then
	CK_VERBOSITY=verbose build/unit/knuma-unit >"$logs/unit.log" 2>&1
	sed -nE 's/^[^:]+:[0-9]+:([PFE]):([^:]+):([^:]+):[0-9]+: ?(.*)$/\1 unit\/\2\/\3 \4/p' \
		"$logs/unit.log" |
		sed -E 's/^P (\S+) Passed$/PASS \1/; s/^[FE] /FAIL /' | tee -a "$res"
	grep -q '^100%: Checks' "$logs/unit.log" || tail -n 3 "$logs/unit.log"
else
	record FAIL "unit/build (see $logs/unit-build.log)"
fi

part "test-bed self-tests"
run_step testbed/selftest scripts/testbed-selftest.sh

part "builds"
run_step build/progs make -s progs
for f in $KNUMA_FLAVOURS; do
	blog=$logs/build-$f.log
	if knuma_kmake "$f" W=1 >"$blog" 2>&1; then
		if grep -E 'warning:' "$blog" | grep -v 'getaddrinfo'; then
			record FAIL "build/$f-W=1 warnings (see $blog)"
		else
			record PASS "build/$f-W=1"
		fi
	else
		record FAIL "build/$f-W=1 (see $blog)"
		tail -n 15 "$blog" | sed 's/^/    /'
	fi
	# For the guest test "untested" (the load-time warning).
	run_step "build/$f-untested" knuma_build_untested "$f"
done

hosts=$(knuma_among "$KNUMA_HOST_FLAVOURS")
full=$(knuma_among "$KNUMA_FULL_FLAVOURS")
core=
for f in $KNUMA_FLAVOURS; do
	case " $full " in *" $f "*) ;; *) core+="$f " ;; esac
done

part "DKMS"
# shellcheck disable=SC2086
scripts/test-dkms.sh $hosts >"$logs/dkms.log" 2>&1
collect "$logs/dkms.log"

part "packaging (.deb, make dkms-install / dkms-remove)"
hosts=${hosts% }
scripts/test-pkg.sh "${hosts##* }" >"$logs/pkg.log" 2>&1
collect "$logs/pkg.log"

part "fresh Debian 12 root (deps, kernels, builds, DKMS, make demo from scratch)"
run_step host/fresh-root-debian12 scripts/test-fresh-root.sh bookworm
part "fresh Debian 13 root (deps, kernel, build, DKMS, make demo from scratch)"
if [ -n "$(knuma_among 6.12-d13)" ]; then
	run_step host/fresh-root-debian13 scripts/test-fresh-root.sh trixie
else
	record SKIP "host/fresh-root-debian13 (Debian 13's kernel, 6.12-d13, not in KNUMA_FLAVOURS)"
fi

part "knumastat (fixtures, dash and busybox sh)"
scripts/test-knumastat.sh >"$logs/knumastat.log" 2>&1
collect "$logs/knumastat.log"

for f in $full; do
	part "VM suite on $f (2 nodes)"
	# About 10 min per kernel under TCG; the timeout leaves room for a slow
	# host.
	scripts/vm-run.sh -k "$f" -n 2 -c 4 -m 2048 -t all -T 2400 >"$logs/vm-$f.log" 2>&1
	collect "$logs/vm-$f.log"
done
for f in $core; do
	part "VM core tests on $f (2 nodes): $KNUMA_CORE_TESTS"
	scripts/vm-run.sh -k "$f" -n 2 -c 4 -m 2048 -t "$KNUMA_CORE_TESTS" -T 1200 >"$logs/vm-$f.log" 2>&1
	collect "$logs/vm-$f.log"
done
for f in $full; do
	part "4-node VM on $f"
	scripts/vm-run.sh -k "$f" -n 4 -c 4 -m 2048 -t topology,load,scan-4node \
		>"$logs/vm-$f-4node.log" 2>&1
	sed -E "s#^(PASS|FAIL|SKIP) $f/#\\1 $f-4node/#" "$logs/vm-$f-4node.log" \
		>"$logs/vm-$f-4node.res"
	collect "$logs/vm-$f-4node.res"
done

for f in $KNUMA_FLAVOURS; do
	part "VM with isolated CPUs on $f (isolcpus=3 nohz_full=3)"
	scripts/vm-run.sh -k "$f" -A isolcpus=3 -A nohz_full=3 -t load,isolcpus \
		>"$logs/vm-$f-iso.log" 2>&1
	sed -E "s#^(PASS|FAIL|SKIP) $f/#\\1 $f-iso/#" "$logs/vm-$f-iso.log" \
		>"$logs/vm-$f-iso.res"
	collect "$logs/vm-$f-iso.res"
done

for f in $KNUMA_FLAVOURS; do
	tests=stress-sysctl,stress-cycles,stress-hotplug,enabled,tiering
	case " $core " in *" $f "*) tests=enabled,tiering ;; esac
	# kernel.numa_balancing toggled every 100 ms rewrites a static-key site
	# every CPU runs each tick, and 20 load/unload cycles rewrite the hint
	# fault's ftrace sites while 4 threads fault through them, and a CPU
	# coming online flips the load balancer's static keys; multi-threaded
	# TCG sometimes runs such code stale, single-threaded TCG does not
	# (docs/testing.md, "A limit of the test bed"). enabled and tiering
	# switch the sysctl (and so the static key) too.
	part "single-threaded TCG VM on $f ($tests)"
	scripts/vm-run.sh -k "$f" -S -t "$tests" -T 2400 \
		>"$logs/vm-$f-sysctl.log" 2>&1
	sed -E "s#^(PASS|FAIL|SKIP) $f/#\1 $f-tcg1/#" "$logs/vm-$f-sysctl.log" \
		>"$logs/vm-$f-sysctl.res"
	collect "$logs/vm-$f-sysctl.res"
done

part "lint"
scripts/lint.sh >"$logs/lint.log" 2>&1
collect "$logs/lint.log"

part ""
echo "check: wall time per part:"
cat "$logs/parts"
pass=$(grep -c '^PASS ' "$res")
fail=$(grep -c '^FAIL ' "$res")
skip=$(grep -c '^SKIP ' "$res")
echo "check: wall time $(($(date +%s) - t0)) s; logs in $logs"
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
