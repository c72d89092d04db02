# SPDX-License-Identifier: GPL-2.0
# Sourced by guest tests. fail MSG prints MSG and exits 1.
KO=/knuma/knuma.ko
PARAMS=/sys/module/knuma/parameters
DBG=/sys/kernel/debug/knuma
KREL=$(cat /etc/knuma-krel)

fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
ok() { echo "$*"; exit 0; }

load() { insmod "$KO" "$@" || fail "insmod knuma $*"; }
unload() { rmmod knuma || fail "rmmod knuma"; }

# Pids of the knuma/<nid> threads.
knuma_threads() {
	for d in /proc/[0-9]*; do
		case "$(cat "$d/comm" 2>/dev/null)" in knuma/*) echo "${d#/proc/}" ;; esac
	done
}

# Nothing of knuma may remain: module, sysfs, debugfs, threads, ftrace hooks.
assert_gone() {
	grep -q '^knuma ' /proc/modules && fail "$1: module still listed"
	[ -e /sys/module/knuma ] && fail "$1: /sys/module/knuma remains"
	[ -e "$DBG" ] && fail "$1: $DBG remains"
	[ -n "$(knuma_threads)" ] && fail "$1: knuma threads remain: $(knuma_threads)"
	ef=/sys/kernel/tracing/enabled_functions
	[ -r $ef ] && grep -q knuma $ef && fail "$1: ftrace hook remains: $(grep knuma $ef)"
	return 0
}

