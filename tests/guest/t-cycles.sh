# SPDX-License-Identifier: GPL-2.0
# 20 load/unload cycles, each leaving nothing behind.
. /tests/lib.sh
i=0
while [ $i -lt 20 ]; do
	load
	[ -r $DBG/status ] || fail "cycle $i: no status"
	cat $DBG/status >/dev/null
	unload
	assert_gone "cycle $i"
	i=$((i + 1))
done
n=$(dmesg | grep -c 'knuma: .* loaded on')
[ "$n" -ge 20 ] || fail "only $n 'loaded' lines"
ok "20 load/unload cycles clean"
