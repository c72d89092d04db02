# SPDX-License-Identifier: GPL-2.0
# A queued folio holds no reference: while it waits for its node thread the
# kernel can still migrate it (what compaction, memory offlining and
# FOLL_LONGTERM pinning of ZONE_MOVABLE/CMA pages need). The node thread is
# slowed to 1 MiB/s (migrate_rate_mb=1, migrate_stall_ms=0: no fault
# migrates itself) while 64 MiB used from node 1 queue up; 4 s after its
# move the workload moves all of its pages to node 1 itself with
# move_pages(), the kernel's migration core, which fails on a page with an
# unexpected reference. Every page must move (not_moved 0, 100 % on node
# 1) while folios were pending, and the data stay intact. A page isolated
# by knuma's thread for the chunk it is moving at that instant is refused
# -EBUSY, as it would be by any other migrator (one check run on 6.1: 540
# pages, a THP and 28 small ones, 53 % on node 1): follow asks again for
# those 100 ms later, up to 5 rounds (and for -ENOENT, a page just made
# PROT_NONE on 6.1). A queued folio that kept a reference would still fail
# in migrate_pages(), every round.
. /tests/lib.sh
set_nb 1
load migrate_rate_mb=1 migrate_stall_ms=0
follow -m 64 -f 0 -t 1 -s 7 -r 1000 -M 4000 >/tmp/unref.out 2>&1 &
fp=$!
before=0
while kill -0 $fp 2>/dev/null && ! grep -q '^syscall_move' /tmp/unref.out; do
	before=$(migq pending)
	sleep 0.2
done
wait $fp || { cat /tmp/unref.out; fail "follow failed"; }
after=$(migq pending)
skipped=$(($(migq exited) + $(migq moved) + $(migq unmapped)))
unload
line=$(grep '^syscall_move' /tmp/unref.out) || fail "no syscall_move line: $(tail -n 3 /tmp/unref.out)"
grep -q 'data ok' /tmp/unref.out || fail "data: $(tail -n 1 /tmp/unref.out)"
set -- $line
[ "$before" -gt 0 ] || fail "no folio was queued when move_pages() ran (pending $before): nothing shown"
[ "$5" = 0 ] && [ "${7%%.*}" = 100 ] ||
	fail "move_pages() with $before folios queued: $5 pages not moved, ${7} % on node 1 ($line)"
ok "move_pages() with $before folios queued: all pages moved (${7} %, $9 asked again, ${11} rounds); $skipped queue entries skipped afterwards (gone, moved or exited), $after pending at exit"
