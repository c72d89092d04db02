# SPDX-License-Identifier: GPL-2.0
# mmap / mprotect / mremap / munmap loops on 4 threads race the scans; then
# the same with each thread hopping to another node after touching its
# memory, so that hint faults queue migrations (async mode) which race the
# unmaps. Data is verified before every unmap; the queue counters must add up.
. /tests/lib.sh
set_nb 1
load
scan_hard
out=$(churn -v 15) || fail "$out"
echo "$out"
ptes=$(awk '$1 == "threads:" && $2 ~ /^knuma/ { s += $6 } END { print s + 0 }' $DBG/status)
[ "$ptes" -gt 0 ] || fail "nothing was scanned during the churn"
out2=$(churn -x -v 15) || fail "$out2"
echo "$out2"
grep -E '^migrate:' $DBG/status
migq_consistent
queued=$(migq queued) moved=$(migq pg_migrated) skipped=$(($(migq unmapped) + $(migq exited) + $(migq iso_fail)))
unload
[ "$queued" -gt 0 ] || fail "no migration was queued while threads hopped"
ok "$out; $ptes PTEs marked; hopping: $out2, $queued folios queued, $moved pages migrated, $skipped skipped (unmapped or not isolated)"
