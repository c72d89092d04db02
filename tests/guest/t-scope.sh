# SPDX-License-Identifier: GPL-2.0
# Per-process and per-cgroup scope (scope, scope_list).
#  1. scope=optout: of two follow workloads (64 MiB, node 0 -> 1), the one
#     written to scope_list is never scanned and its memory stays put, the
#     other moves; its entry goes when it exits.
#  2. scope=optin with cgroup:/vm1: only the workload inside the cgroup moves;
#     the entry goes when the cgroup is removed.
#  3. Every bad write to scope_list and scope is refused with the documented
#     errno and leaves the list and the scope unchanged.
. /tests/lib.sh
set_nb 1
# pct FILE: final on-target percentage of a follow output.
pct() { tail -n 1 "$1" | awk '{ print int($3) }'; }

load scope=optout
[ "$(cat $PARAMS/scope)" = optout ] || fail "scope=optout at load reads $(cat $PARAMS/scope)"
follow -m 64 -f 0 -t 1 -s 10 -r 1000 >/tmp/ex.out &
ex=$!
follow -m 64 -f 0 -t 1 -s 10 -r 1000 >/tmp/in.out &
in=$!
res=$(writefile $PARAMS/scope_list $ex) || fail "adding pid $ex: $res"
grep -qx "$ex" $PARAMS/scope_list || fail "pid $ex not listed: $(cat $PARAMS/scope_list)"
sleep 4
grep -E "^($ex|$in) " $DBG/mms
scans=$(awk -v p=$ex '$1 == p { print $3 }' $DBG/mms)
scope=$(awk -v p=$ex '$1 == p { print $NF }' $DBG/mms)
wait $ex || { cat /tmp/ex.out; fail "excluded follow failed"; }
wait $in || { cat /tmp/in.out; fail "included follow failed"; }
tail -n 1 /tmp/ex.out /tmp/in.out
grep -q 'data ok' /tmp/ex.out && grep -q 'data ok' /tmp/in.out || fail "data corrupted"
pex=$(pct /tmp/ex.out) pin=$(pct /tmp/in.out)
[ "$scope" = out ] || fail "excluded process shows scope '$scope' in mms"
[ "${scans:-0}" = 0 ] || fail "excluded process scanned $scans times"
[ "$pex" -le 2 ] || fail "excluded process: $pex % moved"
[ "$pin" -ge 90 ] || fail "included process: only $pin % moved"
[ -z "$(cat $PARAMS/scope_list)" ] || fail "exited pid still listed: $(cat $PARAMS/scope_list)"
res1="optout: excluded pid $pex % moved (0 scans), other $pin %; entry gone at exit"

if mkdir -p /sys/fs/cgroup && { grep -q ' /sys/fs/cgroup cgroup2 ' /proc/mounts ||
	mount -t cgroup2 none /sys/fs/cgroup 2>/dev/null; }; then
	mkdir /sys/fs/cgroup/vm1 || fail "mkdir cgroup vm1"
	echo optin >$PARAMS/scope || fail "scope=optin refused"
	res=$(writefile -n $PARAMS/scope_list cgroup:/vm1) || fail "adding cgroup:/vm1: $res"
	[ "$(cat $PARAMS/scope_list)" = cgroup:/vm1 ] || fail "list reads '$(cat $PARAMS/scope_list)'"
	sh -c 'echo $$ >/sys/fs/cgroup/vm1/cgroup.procs && exec follow -m 64 -f 0 -t 1 -s 10 -r 1000' >/tmp/cg.out &
	cg=$!
	follow -m 64 -f 0 -t 1 -s 10 -r 1000 >/tmp/out.out &
	out=$!
	wait $cg || { cat /tmp/cg.out; fail "follow in the cgroup failed"; }
	wait $out || { cat /tmp/out.out; fail "follow outside failed"; }
	tail -n 1 /tmp/cg.out /tmp/out.out
	pcg=$(pct /tmp/cg.out) pout=$(pct /tmp/out.out)
	[ "$pcg" -ge 90 ] || fail "optin: process in cgroup:/vm1 moved only $pcg %"
	[ "$pout" -le 2 ] || fail "optin: process outside the cgroup moved $pout %"
	rmdir /sys/fs/cgroup/vm1 || fail "rmdir vm1"
	[ -z "$(cat $PARAMS/scope_list)" ] || fail "removed cgroup still listed: $(cat $PARAMS/scope_list)"
	res2="optin cgroup:/vm1: inside $pcg %, outside $pout %; entry gone at rmdir"
	cgok=1
else
	res2="no cgroup2 in this kernel: cgroup part not run"
	cgok=0
fi

# Bad writes: VALUE ERRNO; list and scope unchanged after each.
echo optout >$PARAMS/scope
sleep 1000 &
keep=$!
writefile $PARAMS/scope_list $keep >/dev/null || fail "adding pid $keep"
[ $cgok = 1 ] && mkdir /sys/fs/cgroup/keep && writefile $PARAMS/scope_list cgroup:/keep/ >/dev/null
before=$(cat $PARAMS/scope_list)
long=cgroup:/$(printf '%0600d' 0)
n=0
while read -r v e; do
	[ "$v" = "''" ] && v=
	[ "$v" = LONG ] && v=$long
	case "$v" in cgroup:*) [ $cgok = 1 ] || continue ;; esac
	res=$(writefile -n $PARAMS/scope_list "$v") && fail "scope_list: '$v' accepted"
	case "$res" in "errno $e "*) ;; *) fail "scope_list: '$v': $res, expected errno $e" ;; esac
	[ "$(cat $PARAMS/scope_list)" = "$before" ] || fail "scope_list: '$v' changed the list"
	n=$((n + 1))
done <<EOT
'' 22
abc 22
- 22
12a 22
0 22
-0 22
+$keep 22
4194305 22
99999999999999999999 22
2 22
4194304 3
-4194304 3
$keep 17
-$$ 2
cgroup:/nosuch 2
cgroup:../x 22
cgroup:/keep/../vm1 22
cgroup:keep 22
cgroup://keep 22
LONG 22
EOT
for v in none ALL "all x" "" optin1; do
	res=$(writefile -n $PARAMS/scope "$v") && fail "scope: '$v' accepted"
	[ "$res" = "errno 22 (Invalid argument)" ] || fail "scope: '$v': $res"
	[ "$(cat $PARAMS/scope)" = optout ] || fail "scope: '$v' changed it"
	n=$((n + 1))
done
# A removal that works, then the unload frees the rest (kmemleak checks).
res=$(writefile $PARAMS/scope_list -$keep) || fail "removing $keep: $res"
grep -qx "$keep" $PARAMS/scope_list && fail "$keep still listed after removal"
kill $keep
unload
[ $cgok = 1 ] && rmdir /sys/fs/cgroup/keep
ok "$res1; $res2; $n bad writes refused, list unchanged"
