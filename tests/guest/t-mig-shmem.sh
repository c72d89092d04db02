# SPDX-License-Identifier: GPL-2.0
# Shared memory (MAP_SHARED | MAP_ANONYMOUS: shmem) is balanced exactly
# where the kernel balances it. vma_policy_mof() decides: before v6.7 (6.1)
# a VMA whose ops give its policy (shmem) is never scanned without a shared
# policy carrying MPOL_F_MOF; since, it falls back to the task's policy and
# is. 32 MiB of it first-touched on node 0 while its thread runs on node 1:
# under mainline (knuma not loaded) and under knuma (async) the memory must
# either follow (>= 90 %) in both or stay (< 10 %) in both. Private memory
# follows under knuma as a control. Then with the shared policy set by
# mbind(MPOL_BIND) to node 0 it stays under knuma on every kernel.
. /tests/lib.sh
set_nb 1

follow_run -m 32 -f 0 -t 1 -s 8 -r 1000 -u 90 -S
main=$FINAL_PCT
load
skip0=$(sed -n 's/.*policy_no_mof \([0-9]*\).*/\1/p' $DBG/status | head -n 1)
follow_run -m 32 -f 0 -t 1 -s 8 -r 1000 -u 90 -S
kn=$FINAL_PCT
skip1=$(sed -n 's/.*policy_no_mof \([0-9]*\).*/\1/p' $DBG/status | head -n 1)
follow_run -m 32 -f 0 -t 1 -s 8 -r 1000 -u 90
ctl=$FINAL_PCT
follow_run -m 32 -f 0 -t 1 -s 6 -r 1000 -b bind -S
bound=$FINAL_PCT
unload
[ "$ctl" -ge 90 ] || fail "private control: only $ctl % followed under knuma"
vm=$(verdict "$main") vk=$(verdict "$kn")
case $vm in half*) fail "mainline moved shmem only partly ($main %): no verdict to compare" ;; esac
[ "$vm" = "$vk" ] ||
	fail "shmem: mainline $vm ($main %), knuma $vk ($kn %); VMAs skipped for policy: ${skip0:-?} -> ${skip1:-?}"
[ "$bound" -lt 10 ] || fail "shmem bound to node 0 by a shared policy: $bound % moved under knuma"
ok "shmem: mainline $vm ($main %), knuma $vk ($kn %; policy_no_mof skips ${skip0:-?} -> ${skip1:-?}); private control $ctl %; shared MPOL_BIND: $bound % moved"
