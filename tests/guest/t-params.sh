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
unload
ok "3 valid writes applied, $((n + 1)) bad writes rejected with EINVAL, value unchanged"
