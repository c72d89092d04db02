#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# vm-run.sh [options] -- run guest tests in a QEMU NUMA VM.
#   -k FLAVOUR   kernel (6.1 | 6.12), default 6.12
#   -n NODES     NUMA nodes (default 2); each node is its own socket
#   -c CPUS      vCPUs (default 4, a multiple of NODES)
#   -m MIB       memory in MiB (default 2048, split evenly over nodes)
#   -t TESTS     comma-separated guest tests (tests/guest/t-*.sh names), or 'demo'
#   -T SECONDS   timeout for the whole VM run (default 900)
#   -l LOG       console log file (default build/vm-FLAVOUR-NODES.log)
#   -K           use KVM (only when asked: nested KVM hangs on CI machines)
#   -S           single-threaded TCG (one host thread runs every vCPU): slower,
#                but immune to multi-threaded TCG's stale code after the
#                kernel patches its text (docs/testing.md, "A limit of the
#                test bed")
#   -L LEVEL     guest console loglevel (default 4; 8 shows every stack)
#   -E KEY=VAL   an environment variable for the guest tests (repeatable),
#                e.g. -E KNUMA_BENCH_FOLLOW=0
#   -A PARAM     a kernel boot parameter (repeatable), e.g. -A isolcpus=3
# Prints one "PASS|FAIL|SKIP name" line per test, then a log check.
# Exit status: 0 when every test passed and the log is clean.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

flavour=6.12 nodes=2 cpus=4 mem=2048 tests=all timeout=900 log= kvm=0 loglevel=4 tcg=multi
extra="" kargs=""
while getopts "k:n:c:m:t:T:l:KSL:E:A:" o; do
	case $o in
	k) flavour=$OPTARG ;; n) nodes=$OPTARG ;; c) cpus=$OPTARG ;;
	m) mem=$OPTARG ;; t) tests=$OPTARG ;; T) timeout=$OPTARG ;;
	l) log=$OPTARG ;; K) kvm=1 ;; S) tcg=single ;; L) loglevel=$OPTARG ;;
	E) [[ $OPTARG =~ ^KNUMA_[A-Z0-9_]+=[A-Za-z0-9_.,-]*$ ]] ||
		   die "-E wants KNUMA_NAME=value, got '$OPTARG'"
	   extra+=" $OPTARG" ;;
	A) [[ $OPTARG =~ ^[a-z_]+=[A-Za-z0-9_,-]+$ ]] ||
		   die "-A wants name=value, got '$OPTARG'"
	   kargs+=" $OPTARG" ;;
	*) die "bad option (see header of $0)" ;;
	esac
done
[ $((cpus % nodes)) -eq 0 ] || die "CPUS ($cpus) must be a multiple of NODES ($nodes)"
[ $((mem % nodes)) -eq 0 ] || die "MIB ($mem) must be a multiple of NODES ($nodes)"
knuma_kernel_env "$flavour"
mkdir -p "$KNUMA_BUILD"
log=${log:-$KNUMA_BUILD/vm-$flavour-$nodes.log}
initrd=$KNUMA_BUILD/initramfs-$KREL.cpio.gz
"$KNUMA_ROOT/scripts/mkinitramfs.sh" "$flavour" "$initrd"

per_node=$((mem / nodes)) cpn=$((cpus / nodes))
numa=()
for ((i = 0; i < nodes; i++)); do
	numa+=(-object "memory-backend-ram,id=m$i,size=${per_node}M"
	       -numa "node,nodeid=$i,cpus=$((i * cpn))-$((i * cpn + cpn - 1)),memdev=m$i")
done
accel=(-accel "tcg,thread=$tcg" -cpu max)
[ "$kvm" = 1 ] && accel=(-accel kvm -cpu host)

# Unknown key=value boot parameters reach /init as environment variables.
append="console=ttyS0,115200 rdinit=/init panic=-1 loglevel=$loglevel log_buf_len=4M$kargs"
append+=" KNUMA_TESTS=$tests KNUMA_NODES=$nodes$extra"
# The guest's watchdog fires this long before our timeout (tests/guest/init).
append+=" KNUMA_WATCHDOG=$((timeout > 90 ? timeout - 45 : timeout * 2 / 3))"

# Multi-threaded TCG sometimes lets a vCPU run stale code while the kernel
# patches its own text (alternatives, static keys, ftrace): a stock kernel
# then oopses on an int3 or locks up at a just-patched site. When that
# happens before any knuma code was loaded (no "knuma:" line and no test
# result yet), it says nothing about knuma: keep the log and boot again.
# A failure after knuma was loaded is never retried.
run_qemu() {
	set +e
	timeout --foreground -k 10 "$timeout" \
		qemu-system-x86_64 "${accel[@]}" -m "${mem}M" \
		-smp "$cpus,sockets=$nodes,cores=$cpn,threads=1" "${numa[@]}" \
		-kernel "$VMLINUZ" -initrd "$initrd" -append "$append" \
		-nographic -no-reboot -serial stdio -monitor none -display none \
		</dev/null 2>&1 | sed -u 's/\r//g' >"$log"
	rc=${PIPESTATUS[0]}
	set -e
}

for attempt in 1 2 3; do
	log "vm: $KREL, $nodes nodes, $cpus vCPUs, ${mem} MiB, tests=$tests, log $log"
	start=$(date +%s)
	run_qemu
	log "vm: finished in $(($(date +%s) - start)) s (qemu rc $rc)"
	if grep -aq '^@@KNUMA-DONE' "$log" || grep -aqE 'knuma: |^@@KNUMA-TEST ' "$log"; then
		break
	fi
	if [ $attempt -eq 3 ]; then
		log "vm: guest failed before any knuma code was loaded, 3 times: giving up"
		break
	fi
	mv "$log" "$log.bootfail-$attempt"
	log "vm: NOTE: guest failed before any knuma code was loaded (TCG flake;" \
	    "log kept as $log.bootfail-$attempt): booting again"
done

"$KNUMA_ROOT/scripts/vm-results.sh" "$log" "$flavour" "$rc"
