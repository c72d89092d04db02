#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run.sh TESTS: run guest tests, comma-separated, or "all".
# "all" is every t-NAME.sh; x-NAME.sh tests run only when named (they are
# known to trip the test bed itself, see docs/testing.md, "A limit of the
# test bed").
# Each test runs in its own shell: exit 0 = PASS, 77 = SKIP, else FAIL.
# Result lines: "@@KNUMA-TEST NAME PASS|FAIL|SKIP [detail]".
cd /tests || exit 1
list=$1
[ "$list" = all ] && list=$(ls t-*.sh | sed 's/^t-//; s/\.sh$//' | tr '\n' ',')
for name in $(echo "$list" | tr ',' ' '); do
	file=t-$name.sh
	[ -f "$file" ] || file=x-$name.sh
	if [ ! -f "$file" ]; then
		echo "@@KNUMA-TEST $name FAIL no such test"
		continue
	fi
	echo "@@ --- $name"
	sh "$file" >/tmp/out.$$ 2>&1
	rc=$?
	sed 's/^/@@ /' /tmp/out.$$
	detail=$(tail -n 1 /tmp/out.$$)
	case $rc in
	0) echo "@@KNUMA-TEST $name PASS $detail" ;;
	77) echo "@@KNUMA-TEST $name SKIP $detail" ;;
	*) echo "@@KNUMA-TEST $name FAIL $detail" ;;
	esac
	# A test must not leave knuma loaded behind it.
	grep -q '^knuma ' /proc/modules && rmmod knuma
done
