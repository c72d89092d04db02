# SPDX-License-Identifier: GPL-2.0
# 4 nodes: four processes, each moved to a different node, all converge.
. /tests/lib.sh
[ "$KNUMA_NODES" -ge 4 ] || skip "needs 4 nodes (have $KNUMA_NODES)"
set_nb 1
load
for i in 0 1 2 3; do
	follow -m 32 -f $i -t $(((i + 1) % 4)) -s 20 -r 500 -u 90 >/tmp/f$i 2>&1 &
done
wait
unload
res=
for i in 0 1 2 3; do
	final=$(tail -n 1 /tmp/f$i)
	echo "process $i (node $i -> $(((i + 1) % 4))): $final"
	echo "$final" | grep -q 'data ok' || fail "process $i: $final"
	ms=$(echo "$final" | awk '{ print $5 }')
	[ "$ms" -ge 0 ] || fail "process $i did not reach 90 %: $final"
	res="$res $ms"
done
ok "4 processes converged to 90 % in ms:$res"
