# SPDX-License-Identifier: GPL-2.0
# A missing required symbol refuses the load with ENOENT, one dmesg line
# naming the symbol and the kernel release, and nothing left registered.
. /tests/lib.sh
sym=knuma_no_such_symbol
before=$(dmesg | grep -c "$sym")
res=$(modload $KO test_require_symbol=$sym) && fail "load succeeded without $sym"
echo "finit_module: $res"
[ "$res" = "errno 2 (No such file or directory)" ] || fail "not ENOENT: $res"
lines=$(dmesg | grep "$sym")
echo "$lines"
[ "$(echo "$lines" | grep -c .)" -eq $((before + 1)) ] ||
	fail "expected exactly one dmesg line naming $sym"
echo "$lines" | tail -n 1 | grep -q "required symbol $sym not found in kernel $KREL" ||
	fail "dmesg line does not name the symbol and release $KREL"
assert_gone "after refusal"
# The module still loads normally afterwards.
load
unload
assert_gone "after reload"
ok "refused with ENOENT naming $sym and $KREL; nothing registered"
