# SPDX-License-Identifier: GPL-2.0
# A single-threaded process whose memory is already on its node is not
# marked, as under mainline: change_prot_numa() skips the pages of a
# private mapping already on the scanning CPU's node when the mm has one
# user (mm_users == 1). knuma's scan must not hold an mm_users reference
# (mmget) or every process looks multi-user and all its local pages get
# marked and fault for nothing. 64 MiB of base pages (THP off: the
# shortcut is per PTE) first-touched on node 0 by a thread that stays on
# node 0, written for 8 s, under mainline and under knuma: knuma's PTE
# updates at most mainline's plus a quarter of the buffer (with the mmget
# it marks the whole buffer at its first look, 16384 or more). knuma must
# have looked at it (change_prot_numa calls by its threads).
. /tests/lib.sh
MB=64
PAGES=$((MB * 256))
thp=/sys/kernel/mm/transparent_hugepage/enabled
thp_was=$(sed -n 's/.*\[\(.*\)\].*/\1/p' $thp)
echo never >$thp
set_nb 1
p0=$(vmstat numa_pte_updates)
follow_run -m $MB -f 0 -t 0 -s 8 -r 2000
p1=$(vmstat numa_pte_updates)
mainline=$((p1 - p0))
load
p0=$(vmstat numa_pte_updates)
follow_run -m $MB -f 0 -t 0 -s 8 -r 2000
p1=$(vmstat numa_pte_updates)
calls=$(sed -n 's/^change_prot_numa_calls: knuma \([0-9]*\) .*/\1/p' $DBG/status)
grep -E '^(threads:|change_prot_numa_calls)' $DBG/status
unload
echo "$thp_was" >$thp
knuma=$((p1 - p0))
res="64 MiB local to a single-threaded process, PTE updates in 8 s: mainline $mainline, knuma $knuma ($calls change_prot_numa calls by its threads)"
[ "${calls:-0}" -gt 0 ] || fail "knuma never scanned: $res"
[ "$knuma" -le $((mainline + PAGES / 4)) ] || fail "$res"
ok "$res"
