#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The demo, run in the guest by /init when KNUMA_TESTS=demo. Lines for the
# viewer start with "@@D ".
. /tests/lib.sh
say() { echo "@@D $*"; }
show() { sed 's/^/@@D   /'; }

say "== guest: $(uname -r), $(numainfo | head -n 1 | cut -d' ' -f2) NUMA nodes"
numainfo | grep '^node' | show
say "== modprobe knuma (insmod in this initramfs)"
load
dmesg | grep 'knuma:' | show
say "== /sys/module/knuma/parameters"
for p in $PARAMS/*; do say "  $(basename $p) = $(cat $p)"; done
say "== /sys/kernel/debug/knuma/status"
show <$DBG/status
say "== follow: 128 MiB first-touched on node 0, its thread then moved to node 1"
say "   (pages on node 1 over time; kernel.numa_balancing=$(cat /proc/sys/kernel/numa_balancing))"
follow -m 128 -f 0 -t 1 -s 20 -r 1000 -u 90 | show
# The last batch may still be running: show finished work.
migq_quiesce
say "== what knuma did: its node threads scanned (PTEs marked), the workload's"
say "   own context scanned nothing (in_context), every hint fault was counted"
grep -E '^(threads:|change_prot_numa_calls|faults)' $DBG/status | show
say "== and moved the pages (migrate_mode=$(cat $PARAMS/migrate_mode)): the node threads"
say "   $(migq pg_migrated) pages in $(migq batches) batches; migrate_misplaced_* calls in the workload's own context: $(mig_incontext)"
say "== /sys/kernel/debug/knuma/mms"
show <$DBG/mms
unload
say "== rmmod knuma"
dmesg | grep 'knuma: unloaded' | show
