# SPDX-License-Identifier: GPL-2.0
# A scope_list write racing rmmod must not leak its reference. The module's
# parameter files stay until its exit function has returned, so a write can
# reach knuma after exit freed scope_list; an entry added then would never
# be freed, nor the cgroup (or pid) reference it holds. Since the fix such a
# write is refused with ENODEV. The testing-only test_exit_delay_ms=3000
# holds exit open for 3 s after it closed the list, while a writer adds
# cgroup:/kparent/kscope as fast as it can: accepted once, then EEXIST while
# it is listed; once exit freed the list, a write accepted again would leak
# (nothing frees that entry). Then the cgroup is
# removed: its parent's nr_dying_descendants must fall back to 0 (a leaked
# reference keeps it dying for good), and some writes must have got ENODEV
# (else the window was never hit and the test proved nothing).
. /tests/lib.sh
CG=/sys/fs/cgroup
mkdir -p $CG && { grep -q " $CG cgroup2 " /proc/mounts ||
	mount -t cgroup2 none $CG 2>/dev/null; } || skip "no cgroup2 in this kernel"
[ -f $CG/cgroup.stat ] || skip "no cgroup.stat"
mkdir $CG/kparent && mkdir $CG/kparent/kscope || fail "mkdir cgroups"
dying() { sed -n 's/^nr_dying_descendants //p' $CG/kparent/cgroup.stat; }

load test_exit_delay_ms=3000
F=$PARAMS/scope_list
(
	ok=0 exist=0 nodev=0 other=0 last=none
	while [ -e $F ]; do
		r=$(writefile -n $F cgroup:/kparent/kscope 2>&1)
		case "$r" in
		ok) ok=$((ok + 1)) ;;
		*"errno 17 "*) exist=$((exist + 1)) ;;
		*"errno 19 "*) nodev=$((nodev + 1)) ;;
		*) other=$((other + 1)) last=$(echo "$r" | tr ' ' _) ;;
		esac
	done
	echo "$ok $exist $nodev $other $last" >/tmp/su.out
) &
w=$!
sleep 1
unload
wait $w
read -r ok exist nodev other last </tmp/su.out
[ "$ok" -ge 1 ] || fail "no scope_list write accepted while loaded (other errors $other, last $last)"
[ "$exist" -ge 1 ] || fail "the entry was never found listed: $ok accepted, $other other errors (last $last)"
rmdir $CG/kparent/kscope || fail "rmdir kscope"
n=0
while [ "$(dying)" != 0 ] && [ $n -lt 50 ]; do
	sleep 0.2
	n=$((n + 1))
done
d=$(dying)
[ "$d" = 0 ] || fail "cgroup reference leaked: $d dying cgroup(s) under kparent 10 s after rmdir ($ok writes accepted, $exist EEXIST, $nodev refused with ENODEV during exit)"
[ "$nodev" -ge 1 ] || fail "no write was refused during module exit: $ok accepted, $exist EEXIST, $other other errors (last $last)"
rmdir $CG/kparent || fail "rmdir kparent"
ok "$ok write accepted and $exist refused with EEXIST while loaded, $nodev refused with ENODEV during exit, $other other errors (the files gone: last $last); the cgroup freed after rmdir (nr_dying_descendants 0)"
