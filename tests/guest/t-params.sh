# SPDX-License-Identifier: GPL-2.0
# enabled accepts 0 and 1 at runtime; every other write is rejected with
# EINVAL and leaves the value unchanged.
. /tests/lib.sh
load
P=$PARAMS/enabled
for good in 0 1 0; do
	echo $good >$P || fail "write '$good' rejected"
	[ "$(cat $P)" = $good ] || fail "after '$good' reads $(cat $P)"
	grep -q "^enabled: $good\$" $DBG/status || fail "status disagrees after '$good'"
done
echo 1 >$P
n=0
# Each bad value is written bare and with echo's trailing newline; "" with
# the newline is what "echo > enabled" sends.
for bad in 2 -1 yes y on 1x " 1" 01 "0 1" 99999999999999999999 ""; do
	for nl in "" -n; do
		[ -z "$bad$nl" ] && continue
		res=$(writefile $nl $P "$bad") && fail "write '$bad' $nl accepted"
		[ "$res" = "errno 22 (Invalid argument)" ] ||
			fail "write '$bad' $nl: '$res', not EINVAL"
		[ "$(cat $P)" = 1 ] || fail "write '$bad' $nl changed the value to $(cat $P)"
		n=$((n + 1))
	done
done
echo 0 >$P
writefile $P junk && fail "junk accepted while 0"
[ "$(cat $P)" = 0 ] || fail "junk changed 0"

# Integer tunables: NAME MIN MAX DEFAULT. Both bounds are accepted; below,
# above, overflow, garbage, fractions and empty are rejected, value unchanged.
# The period bounds are the effective ones: min <= max is enforced, so
# scan_period_min_ms tops out at the current max (60000) and
# scan_period_max_ms bottoms out at the current min (1000).
ni=0
while read -r name min max def; do
	f=$PARAMS/$name
	[ "$(cat $f)" = "$def" ] || fail "$name default $(cat $f), documented $def"
	for v in $min $max $def; do
		res=$(writefile -n $f $v) || fail "$name: valid $v rejected: $res"
		[ "$(cat $f)" = $v ] || fail "$name: wrote $v, reads $(cat $f)"
		ni=$((ni + 1))
	done
	for bad in $((min - 1)) $((max + 1)) 99999999999999999999 -99999999999999999999 \
		   abc 12abc 1.5 "" " 5" 0x10; do
		res=$(writefile -n $f "$bad") && fail "$name: '$bad' accepted"
		[ "$res" = "errno 22 (Invalid argument)" ] || fail "$name: '$bad': $res"
		[ "$(cat $f)" = "$def" ] || fail "$name: '$bad' changed it to $(cat $f)"
		n=$((n + 1))
	done
done <<EOT
scan_delay_ms 0 3600000 1000
scan_period_min_ms 10 60000 1000
scan_period_max_ms 1000 3600000 60000
scan_size_mb 1 65536 256
thread_nice -20 19 0
thread_duty_pct 1 100 10
mm_scan_cap_pct 1 100 3
migrate_rate_mb 0 100000 0
migrate_duty_pct 1 100 100
migrate_stall_ms 0 60000 1000
vma_delay_ms 0 3600000 1000
share_window_ms 0 3600000 60000
EOT
# min <= max across the two period parameters.
writefile -n $PARAMS/scan_period_min_ms 70000 && fail "period min above max accepted"
writefile -n $PARAMS/scan_period_max_ms 500 && fail "period max below min accepted"
[ "$(cat $PARAMS/scan_period_min_ms)" = 1000 ] && [ "$(cat $PARAMS/scan_period_max_ms)" = 60000 ] ||
	fail "cross-checked periods changed"
# The thread nice value is applied to the running threads.
echo 5 >$PARAMS/thread_nice
sleep 2
for pid in $(knuma_threads); do
	nice=$(awk '{ print $19 }' /proc/$pid/stat)
	[ "$nice" = 5 ] || fail "knuma thread $pid has nice $nice after thread_nice=5"
done
echo 0 >$PARAMS/thread_nice

# scan_filter: 0 or 1, like enabled.
P=$PARAMS/scan_filter
[ "$(cat $P)" = 1 ] || fail "scan_filter default $(cat $P), documented 1"
for good in 0 1; do
	echo $good >$P || fail "scan_filter '$good' rejected"
	[ "$(cat $P)" = $good ] || fail "scan_filter: wrote $good, reads $(cat $P)"
	ni=$((ni + 1))
done
for bad in 2 yes on ""; do
	res=$(writefile -n $P "$bad") && fail "scan_filter '$bad' accepted"
	[ "$res" = "errno 22 (Invalid argument)" ] || fail "scan_filter '$bad': $res"
	[ "$(cat $P)" = 1 ] || fail "scan_filter '$bad' changed it to $(cat $P)"
	n=$((n + 1))
done

# migrate_mode: exactly "sync", "async" or "off" (echo's newline allowed).
P=$PARAMS/migrate_mode
[ "$(cat $P)" = async ] || fail "migrate_mode default $(cat $P), documented async"
for good in sync off async; do
	echo $good >$P || fail "migrate_mode '$good' rejected"
	[ "$(cat $P)" = $good ] || fail "migrate_mode: wrote $good, reads $(cat $P)"
	grep -q "^migrate_mode: $good\$" $DBG/status || fail "status disagrees after '$good'"
	ni=$((ni + 1))
done
for bad in Sync ASYNC asyncx syn OFF 1 0 " async" "async " "" none; do
	res=$(writefile -n $P "$bad") && fail "migrate_mode '$bad' accepted"
	[ "$res" = "errno 22 (Invalid argument)" ] || fail "migrate_mode '$bad': $res"
	[ "$(cat $P)" = async ] || fail "migrate_mode '$bad' changed it to $(cat $P)"
	n=$((n + 1))
done
# scope: exactly all, optin or optout.
P=$PARAMS/scope
[ "$(cat $P)" = all ] || fail "default scope $(cat $P)"
for v in optin optout all; do
	res=$(writefile -n $P $v) || fail "scope '$v' rejected: $res"
	[ "$(cat $P)" = $v ] || fail "scope: wrote $v, reads $(cat $P)"
	ni=$((ni + 1))
done
for bad in All none opt-in "" " all" "all " 0 1; do
	res=$(writefile -n $P "$bad") && fail "scope '$bad' accepted"
	[ "$res" = "errno 22 (Invalid argument)" ] || fail "scope '$bad': $res"
	[ "$(cat $P)" = all ] || fail "scope '$bad' changed it to $(cat $P)"
	n=$((n + 1))
done
# migrate_queue_len: load time only.
[ "$(cat $PARAMS/migrate_queue_len)" = 1024 ] || fail "migrate_queue_len default $(cat $PARAMS/migrate_queue_len)"
res=$(writefile -n $PARAMS/migrate_queue_len 64) && fail "migrate_queue_len writable at runtime"
case "$res" in "errno 16 "*) ;; *) false ;; esac || fail "migrate_queue_len at runtime: $res, not EBUSY"
[ "$(cat $PARAMS/migrate_queue_len)" = 1024 ] || fail "runtime write changed migrate_queue_len"
unload
load migrate_queue_len=64
[ "$(cat $PARAMS/migrate_queue_len)" = 64 ] || fail "migrate_queue_len=64 at load reads $(cat $PARAMS/migrate_queue_len)"
grep -q '^migrate: 0 .* 64 ' $DBG/status || fail "queue of node 0 not 64 long: $(grep '^migrate: 0' $DBG/status)"
unload
for bad in 8 65537 abc; do
	insmod $KO migrate_queue_len=$bad 2>/dev/null && { rmmod knuma; fail "migrate_queue_len=$bad accepted at load"; }
	n=$((n + 1))
done
# migrate_threads: load time only; 1 = the node threads alone, 3 = two
# copiers each.
load
[ "$(cat $PARAMS/migrate_threads)" = 1 ] || fail "migrate_threads default $(cat $PARAMS/migrate_threads)"
res=$(writefile -n $PARAMS/migrate_threads 2) && fail "migrate_threads writable at runtime"
case "$res" in "errno 16 "*) ;; *) false ;; esac || fail "migrate_threads at runtime: $res, not EBUSY"
[ "$(cat $PARAMS/migrate_threads)" = 1 ] || fail "runtime write changed migrate_threads"
n=$((n + 1))
unload
for v in 1 3; do
	load migrate_threads=$v
	[ "$(cat $PARAMS/migrate_threads)" = $v ] || fail "migrate_threads=$v at load reads $(cat $PARAMS/migrate_threads)"
	nt=$(knuma_threads | wc -l)
	[ "$nt" = $((v * KNUMA_NODES)) ] || fail "migrate_threads=$v: $nt knuma threads for $KNUMA_NODES nodes"
	unload
	ni=$((ni + 1))
done
for bad in -1 17 abc; do
	insmod $KO migrate_threads=$bad 2>/dev/null && { rmmod knuma; fail "migrate_threads=$bad accepted at load"; }
	n=$((n + 1))
done
insmod $KO migrate_mode=fast 2>/dev/null && { rmmod knuma; fail "migrate_mode=fast accepted at load"; }
assert_gone "refused loads"
ok "$((3 + ni + 1)) valid writes applied, $((n + 4)) bad writes rejected (EINVAL, EBUSY, or load refused), values unchanged"
