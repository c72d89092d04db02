# SPDX-License-Identifier: GPL-2.0
# After rmmod with numa_balancing=1, mainline's own scanning resumes.
. /tests/lib.sh
set_nb 1
load
follow -m 16 -f 0 -t 1 -s 3 -r 1000 >/dev/null || fail "follow under knuma"
unload
[ "$(sysctl_nb)" = 1 ] || fail "sysctl changed by knuma: $(sysctl_nb)"
p0=$(vmstat numa_pte_updates)
follow_run -m 64 -f 0 -t 1 -s 8 -r 1000
p1=$(vmstat numa_pte_updates)
[ "$p1" -gt "$p0" ] || fail "no mainline scanning after rmmod ($p0 -> $p1)"
ok "mainline scanning resumed after rmmod: numa_pte_updates +$((p1 - p0))"
