# SPDX-License-Identifier: GPL-2.0
# knumastat on the live module, under busybox sh and awk (the tool itself is
# scripts/knumastat; scripts/mkinitramfs.sh copies it to /tests/knumastat).
# While follow's 64 MiB follow its thread from node 0 to node 1, --json -p
# lists the follow process with remote faults > 0, and so does the text
# report; the per-node table has one column per online node and its Total
# column is the sum of the node columns. After rmmod: "knuma is not
# loaded", exit status 2.
. /tests/lib.sh
KS=/tests/knumastat
[ -f $KS ] || skip "no $KS in the initramfs (scripts/mkinitramfs.sh must copy scripts/knumastat)"

# jget FILE SECTION KEY: the values of KEY in knumastat's one-line JSON,
# one per line, in SECTION nodes, tasks or stats. No string in that JSON
# can hold '],"tasks":[' or '],"stats":{' (its quotes would be escaped).
jget() {
	awk -v sec="$2" -v key="\"$3\":" '{
		a = index($0, "\"nodes\":[")
		b = index($0, "],\"tasks\":[")
		c = index($0, "],\"stats\":{")
		if (!a || !b || !c)
			exit 1
		if (sec == "nodes")
			s = substr($0, a, b - a)
		else if (sec == "tasks")
			s = substr($0, b, c - b)
		else
			s = substr($0, c)
		while ((j = index(s, key)) > 0) {
			s = substr(s, j + length(key))
			v = s
			sub(/[,}].*/, "", v)
			print v
		}
	}' "$1"
}

rm -f /tmp/ks.json /tmp/ks.txt /tmp/ks-all.txt /tmp/ks-all.json
set_nb 1
load
follow -m 64 -f 0 -t 1 -s 8 -r 500 >/tmp/follow.out 2>&1 &
fpid=$!
# Poll while follow runs (first touch, then 8 s on node 1): the task may
# leave knuma's table when it exits.
remote=0
i=0
while [ $i -lt 30 ]; do
	i=$((i + 1))
	sleep 1
	sh $KS --json -p $fpid >/tmp/ks.json 2>/tmp/ks.err ||
		fail "knumastat --json -p $fpid: exit $?: $(cat /tmp/ks.err)"
	[ "$(jget /tmp/ks.json tasks pid)" = "$fpid" ] || continue
	remote=$(jget /tmp/ks.json tasks faults_remote)
	[ "$remote" -gt 0 ] 2>/dev/null || continue
	sh $KS -p $fpid >/tmp/ks.txt 2>&1 || fail "knumastat -p $fpid: exit $?"
	sh $KS -n 0 >/tmp/ks-all.txt 2>&1 || fail "knumastat -n 0: exit $?"
	sh $KS --json -n 0 >/tmp/ks-all.json 2>&1 || fail "knumastat --json -n 0: exit $?"
	break
done
wait $fpid || { tail -n 3 /tmp/follow.out; fail "follow failed"; }
tail -n 1 /tmp/follow.out
grep -q 'data ok' /tmp/follow.out || fail "data corrupted: $(tail -n 1 /tmp/follow.out)"
cat /tmp/ks-all.txt 2>/dev/null
[ "$remote" -gt 0 ] 2>/dev/null ||
	fail "follow (pid $fpid) never listed with remote faults > 0: $(cat /tmp/ks.json)"

comm=$(jget /tmp/ks.json tasks comm)
[ "$comm" = '"follow"' ] || fail "pid $fpid has comm $comm, not \"follow\""
awk -v p=$fpid '$1 == p && $2 == "follow" && $4 > 0 { f = 1 } END { exit !f }' /tmp/ks.txt ||
	fail "text report -p $fpid: no follow row with remote > 0: $(cat /tmp/ks.txt)"
grep -q "\"pid\":$fpid,\"comm\":\"follow\"" /tmp/ks-all.json ||
	fail "--json -n 0 does not list follow (pid $fpid)"

# The per-node table: one column per online node, then Total = their sum.
nnodes=$(find /sys/devices/system/node -maxdepth 1 -name "node[0-9]*" | wc -l)
hdr=$(awk '/^knuma per-node/ { getline; print; exit }' /tmp/ks-all.txt)
[ "$(echo "$hdr" | grep -o 'Node [0-9]*' | wc -l)" = "$nnodes" ] ||
	fail "per-node header [$hdr], $nnodes nodes online"
[ "$(jget /tmp/ks-all.json nodes node | wc -l)" = "$nnodes" ] ||
	fail "--json lists $(jget /tmp/ks-all.json nodes node | wc -l) nodes, $nnodes online"
bad=$(awk '/^knuma per-node/ { s = 1; next }
	s && /^$/ { exit }
	s && ($1 == "Node" || $1 ~ /^-+$/ || $1 == "local" || $1 == "scan" || $1 == "migrate") { next }
	s { t = 0; for (i = 2; i < NF; i++) t += $i
	    if ($NF != t) printf "%s: total %s != sum %s; ", $1, $NF, t }' /tmp/ks-all.txt)
[ -z "$bad" ] || fail "per-node totals: $bad"
grep -q '^faults_remote' /tmp/ks-all.txt || fail "no faults_remote row"
nremote=$(jget /tmp/ks-all.json nodes faults_remote | awk '{ s += $1 } END { printf "%.0f\n", s }')
[ "$nremote" -gt 0 ] || fail "no remote fault on any node"
sremote=$(jget /tmp/ks-all.json stats faults_remote)
echo "faults_remote: nodes $nremote, stats $sremote, follow $remote"

unload
sh $KS >/tmp/ks.out 2>/tmp/ks.err
rc=$?
[ "$rc" = 2 ] || fail "knumastat after rmmod: exit $rc"
[ "$(cat /tmp/ks.err)" = "knumastat: knuma is not loaded (modprobe knuma)" ] ||
	fail "knumastat after rmmod: $(cat /tmp/ks.err)"
ok "follow (pid $fpid) listed with $remote remote faults; $nnodes node columns, totals consistent; not-loaded message after rmmod"
