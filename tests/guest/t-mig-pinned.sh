# SPDX-License-Identifier: GPL-2.0
# Pages pinned for DMA never move. 16 MiB registered as an io_uring fixed
# buffer (FOLL_PIN | FOLL_LONGTERM, as a driver pins a DMA buffer) and
# 16 MiB not pinned, both first-touched on node 0, used from node 1 for 10 s
# under knuma (async): the pinned pages stay (< 5 % on node 1; the kernel's
# change_prot_numa() does not even mark them in a private mapping, and
# knuma's decision says 'pinned' where a fault still comes), the control
# follows (>= 75 %; 90-100 % seen).
. /tests/lib.sh
set_nb 1
load
out=$(pinned -m 16 -s 10)
rc=$?
pd=$(decision pinned)
unload
[ $rc = 3 ] && skip "io_uring cannot pin here: $out"
[ $rc = 0 ] || fail "pinned failed (rc $rc): $out"
set -- $(echo "$out" | awk '$1 == "final" { print int($3), int($5) }')
[ "$2" -ge 75 ] || fail "control: only $2 % followed ($out)"
[ "$1" -lt 5 ] || fail "pinned buffer: $1 % moved to node 1 ($out)"
ok "pinned buffer $1 % moved, control $2 %; 'pinned' decisions $pd"
