#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: install what is needed, build knuma for the host release's 6.12
# kernel (KNUMA_DEMO_FLAVOUR: Debian 12's or Debian 13's),
# boot it in a 2-node QEMU VM, load knuma and show what it sees while a
# process's memory follows its thread to the other node.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
cd "$KNUMA_ROOT"

scripts/deps.sh
# Also when the kernel is cached: installs the host tools its kbuild needs.
scripts/fetch-kernel.sh "$KNUMA_DEMO_FLAVOUR"
knuma_kernel_env "$KNUMA_DEMO_FLAVOUR"
log "demo: building knuma.ko for $KREL and the guest programs"
knuma_kmake "$KNUMA_DEMO_FLAVOUR" -s module >/dev/null
make -s progs 2>/dev/null
mkdir -p "$KNUMA_BUILD"
vlog=$KNUMA_BUILD/demo.log
: >"$vlog"
# Show the guest's demo lines live while the VM runs.
tail -n +1 -F "$vlog" 2>/dev/null | sed -un 's/^@@D //p' &
viewer=$!
rc=0
scripts/vm-run.sh -k "$KNUMA_DEMO_FLAVOUR" -n 2 -c 4 -m 2048 -t demo -T 600 -l "$vlog" >"$vlog.result" 2>&1 || rc=$?
sleep 1
kill "$viewer" 2>/dev/null || true
grep -E '^(PASS|FAIL)' "$vlog.result"
[ $rc -eq 0 ] && log "demo: done (full console log: $vlog)" || log "demo: FAILED (see $vlog)"
exit $rc
