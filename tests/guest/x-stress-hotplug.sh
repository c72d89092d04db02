# SPDX-License-Identifier: GPL-2.0
# All CPUs of node 1 go offline while knuma works and come back: no hang,
# knuma/1 and its copiers are bound to node 1 again, and memory still
# follows its thread.
# Not in the multi-threaded runs (x-): a CPU coming online rebuilds the
# sched domains, which flips static keys in the load balancer while the
# other CPUs run it, and multi-threaded TCG sometimes runs such a site
# stale: "Oops: int3" at update_sd_lb_stats+0x511 in cpuhp/2, no knuma
# frame (7.3, once in make check's full suite and once in 19 runs of this
# test). make check runs it in a single-threaded TCG VM:
#   scripts/vm-run.sh -k 7.3 -S -t stress-hotplug
. /tests/lib.sh
set_nb 1
load migrate_threads=0
cpus=$(cat /sys/devices/system/node/node1/cpulist)
list=$(echo "$cpus" | awk -F'[-,]' '{ for (c = $1; c <= ($2 == "" ? $1 : $2); c++) print c }')
follow -m 32 -f 1 -t 0 -s 4 -r 2000 >/dev/null &
sleep 1
for c in $list; do echo 0 >/sys/devices/system/cpu/cpu$c/online || fail "cannot offline cpu$c"; done
wait
follow_run -m 32 -f 0 -t 0 -s 2 -r 1000
for c in $list; do echo 1 >/sys/devices/system/cpu/cpu$c/online || fail "cannot online cpu$c"; done
sleep 3
pid=$(for p in $(knuma_threads); do [ "$(cat /proc/$p/comm)" = knuma/1 ] && echo $p; done)
[ -n "$pid" ] || fail "knuma/1 is gone"
have=$(sed -n 's/^Cpus_allowed_list:\s*//p' /proc/$pid/status)
[ "$have" = "$cpus" ] || fail "knuma/1 allowed on $have after online, node 1 CPUs $cpus"
for p in $(knuma_copiers 1); do
	have=$(sed -n 's/^Cpus_allowed_list:\s*//p' /proc/$p/status)
	[ "$have" = "$cpus" ] || fail "$(cat /proc/$p/comm) allowed on $have after online, node 1 CPUs $cpus"
done
follow_run -m 64 -f 0 -t 1 -s 15 -r 500 -u 90
[ "$REACHED_MS" -ge 0 ] || fail "after hotplug only $FINAL_PCT % followed"
grep -E '^threads:' $DBG/status
unload
ok "node 1 CPUs ($cpus) offline and back: knuma/1 rebound, 90 % followed in $REACHED_MS ms"
