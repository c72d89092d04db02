# SPDX-License-Identifier: GPL-2.0
# Isolated CPUs get no knuma work: booted with isolcpus= and nohz_full=
# (make check's isolcpus VM: isolcpus=3 nohz_full=3), each knuma/<nid> and
# each of its copiers knuma/<nid>m<k> is allowed on its node's other CPUs
# only, as the kernel's own threads are,
# and while memory follows a thread to node 1 no knuma thread ever runs on
# an isolated CPU (its last CPU sampled every 100 ms). Skipped in a VM
# without isolated CPUs.
. /tests/lib.sh
iso=$(isolated_cpus | tr '\n' ' ')
[ -n "$iso" ] || skip "no isolated CPU (boot with isolcpus= nohz_full=)"
set_nb 1
load migrate_threads=0
for pid in $(knuma_threads); do
	nid=$(knuma_thread_nid $pid)
	comm=$(cat /proc/$pid/comm)
	have=$(cpus_expand "$(sed -n 's/^Cpus_allowed_list:\s*//p' /proc/$pid/status)")
	for c in $have; do
		case " $iso " in *" $c "*) fail "$comm allowed on isolated CPU $c ($(echo $have))" ;; esac
	done
	[ "$(echo $have)" = "$(echo $(knuma_cpus "$nid"))" ] ||
		fail "$comm allowed on $(echo $have), expected $(echo $(knuma_cpus "$nid"))"
done
follow -m 64 -f 0 -t 1 -s 6 -r 1000 >/tmp/follow.out &
fpid=$!
seen=""
while kill -0 $fpid 2>/dev/null; do
	for pid in $(knuma_threads); do
		# Field 39 of stat: the CPU the task last ran on.
		seen="$seen $(awk '{ print $39 }' /proc/$pid/stat 2>/dev/null)"
	done
	sleep 0.1
done
wait $fpid || fail "follow failed"
for c in $seen; do
	case " $iso " in *" $c "*) fail "a knuma thread ran on isolated CPU $c" ;; esac
done
tail -n 1 /tmp/follow.out
grep -E '^threads:' $DBG/status
unload
ok "isolated CPUs $iso: no knuma thread allowed or seen there ($(echo $seen | wc -w) samples)"
