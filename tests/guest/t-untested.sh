# SPDX-License-Identifier: GPL-2.0
# A module built for a kernel outside the tested series (module/kernels.mk)
# with KNUMA_ALLOW_UNTESTED=1 says so once in dmesg when loaded, naming the
# release and the tested range; the normal build says nothing of the kind.
# The variant is built by make check (knuma_build_untested, scripts/lib.sh)
# with the range narrowed to 1.0-1.0, so that every kernel is outside it.
. /tests/lib.sh
UKO=/knuma/knuma-untested.ko
[ -f "$UKO" ] || skip "no $UKO (built by make check: knuma_build_untested)"
before=$(dmesg | grep -c "untested kernel")
insmod "$UKO" || fail "insmod $UKO"
rmmod knuma || fail "rmmod knuma (untested build)"
lines=$(dmesg | grep "untested kernel")
[ "$(echo "$lines" | grep -c .)" -eq $((before + 1)) ] ||
	fail "expected exactly one 'untested kernel' line, dmesg has: $lines"
line=$(echo "$lines" | tail -n 1)
echo "$line"
echo "$line" | grep -q "untested kernel $KREL: knuma is tested on series 1.0-1.0" ||
	fail "the line does not name release $KREL and the range 1.0-1.0"
assert_gone "after the untested build"
load
unload
[ "$(dmesg | grep -c "untested kernel")" -eq $((before + 1)) ] ||
	fail "the normal build warned of an untested kernel"
ok "untested build: one warning naming $KREL and series 1.0-1.0; normal build: none"
