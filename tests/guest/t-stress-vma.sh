# SPDX-License-Identifier: GPL-2.0
# mmap / mprotect / mremap / munmap loops on 4 threads race the scans.
. /tests/lib.sh
set_nb 1
load
scan_hard
out=$(churn -v 15) || fail "$out"
echo "$out"
ptes=$(awk '$1 == "threads:" && $2 ~ /^knuma/ { s += $6 } END { print s + 0 }' $DBG/status)
unload
[ "$ptes" -gt 0 ] || fail "nothing was scanned during the churn"
ok "$out; $ptes PTEs marked meanwhile"
