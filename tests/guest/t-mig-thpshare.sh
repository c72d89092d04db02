# SPDX-License-Identifier: GPL-2.0
# A THP two processes map moves where the kernel would move it: 6.1's own
# misplaced-page path refuses a THP mapped by more than one process, 6.12's
# does not. 16 MiB of THPs first-touched on node 0, then a fork (the child
# keeps them mapped), the parent reading them from node 1: under mainline
# (knuma not loaded) and under knuma (async) the same verdict, follows
# (>= 90 % on node 1) or stays (< 10 %).
. /tests/lib.sh
set_nb 1
# run: ON1 = % on node 1 at the end.
run() {
	out=$(thpshare -m 16 -s 8) || fail "thpshare failed: $out"
	echo "$out" | grep -q 'data ok' || fail "data: $out"
	set -- $(echo "$out" | awk '$1 == "final" { print int($3), int($5) }')
	[ "$1" -ge 90 ] || skip "no THPs here ($1 % of the range): nothing to compare"
	ON1=$2
}
run
main=$ON1
load
run
kn=$ON1
ts=$(decision thp_shared)
unload
vm=$(verdict "$main") vk=$(verdict "$kn")
case $vm in half*) fail "mainline moved the shared THPs only partly ($main %): no verdict to compare" ;; esac
[ "$vm" = "$vk" ] || fail "shared THPs: mainline $vm ($main %), knuma $vk ($kn %, $ts thp_shared decisions)"
ok "shared THPs: mainline $vm ($main %), knuma $vk ($kn %, $ts thp_shared decisions)"
