# SPDX-License-Identifier: GPL-2.0
# kmemleak (debug kernel, run last by make check-debug): after the suite,
# one more load / workload / unload, then two scans. init cleared what boot
# had left, so any unreferenced object now is a leak of the test run; it
# fails, and the report shows whether knuma's frames are in it.
. /tests/lib.sh
K=/sys/kernel/debug/kmemleak
[ -e $K ] || skip "this kernel has no kmemleak"
set_nb 1
load
follow_run -m 32 -f 0 -t 1 -s 4 -r 2000
unload
echo scan >$K
sleep 6
echo scan >$K
cat $K >/tmp/kmemleak
n=$(grep -c 'unreferenced object' /tmp/kmemleak)
ours=$(grep -cE 'knuma|\] 0xffffffff' /tmp/kmemleak)
head -n 60 /tmp/kmemleak
[ "$n" = 0 ] || fail "kmemleak: $n unreferenced objects ($ours frames in knuma or unloaded module code)"
ok "kmemleak: no unreferenced object after the suite"
