# SPDX-License-Identifier: GPL-2.0
# The emulated topology is what the runner asked for: KNUMA_NODES nodes,
# each with CPUs and memory.
. /tests/lib.sh
out=$(numainfo) || fail "numainfo failed"
echo "$out"
n=$(echo "$out" | sed -n 's/^nodes //p')
[ "$n" = "$KNUMA_NODES" ] || fail "guest sees $n nodes, expected $KNUMA_NODES"
echo "$out" | grep '^node ' | while read -r _ nid _ cpus _ mem _ _; do
	[ "$cpus" -gt 0 ] || fail "node $nid has no CPUs"
	[ "$mem" -gt 0 ] || fail "node $nid has no memory"
done || exit 1
ok "$n nodes, each with CPUs and memory"
